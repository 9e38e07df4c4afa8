"""Service measures, from the observations of a govmodel graph and the load of its chiefs.

An observation is a node with ``entity="observation"``, an ``indicator``, a ``value`` and
usually a ``period``, linked to its subject (a unit, organization or person) by an edge with
``relation="observes"``. The measures here pool counts over subjects, compare one subject's
values over time, and count the households each neighbour chief serves.

Rates of whole numbers are exact (:class:`fractions.Fraction`), and their ``value`` is the
``float`` nearest the exact quotient.

Examples
--------
>>> import govmodel
>>> from govmodel.metrics.service import resolution_rate
>>> G = govmodel.to_graph(govmodel.datasets.load("xihu"))
>>> print(resolution_rate(G))
1088 / 1495 = 72.8 %
"""

from __future__ import annotations

import math
from collections.abc import Collection, Hashable, Mapping
from fractions import Fraction

import attrs
import networkx as nx

from govmodel.metrics.hierarchy import (
    Number,
    _day,
    _entities,
    _forest,
    _in_force,
    _latest,
    _out,
    _period_key,
    _series,
)
from govmodel.spec import is_finite_number

__all__ = [
    "Change",
    "ChiefLoad",
    "Rate",
    "fee_collection_change",
    "households_per_chief",
    "micro_wish_fulfilment",
    "ratio",
    "resolution_rate",
]


@attrs.frozen
class Rate:
    """A ratio of two quantities, exact where both are whole numbers.

    Attributes
    ----------
    numerator, denominator
        The two quantities (sums, when pooled over subjects).
    value
        ``numerator / denominator`` as a ``float`` (rounded once from the exact quotient
        when both are ``int``); ``nan`` when the denominator is 0.
    exact
        The exact quotient as a :class:`~fractions.Fraction` when both quantities are ``int``
        and the denominator is not 0; otherwise ``None``.

    Examples
    --------
    >>> from govmodel.metrics.service import Rate
    >>> r = Rate.of(1088, 1495)
    >>> r.exact, round(r.value, 3), str(r)
    (Fraction(1088, 1495), 0.728, '1088 / 1495 = 72.8 %')
    """

    numerator: Number
    denominator: Number
    value: float
    exact: Fraction | None

    @classmethod
    def of(cls, numerator: Number, denominator: Number) -> Rate:
        """The rate ``numerator / denominator``."""
        if denominator == 0:
            return cls(numerator, denominator, math.nan, None)
        if type(numerator) is int and type(denominator) is int:
            exact = Fraction(numerator, denominator)
            return cls(numerator, denominator, float(exact), exact)
        return cls(numerator, denominator, numerator / denominator, None)

    def __str__(self) -> str:
        pct = "n/a" if math.isnan(self.value) else f"{100 * self.value:.1f} %"
        return f"{_fmt(self.numerator)} / {_fmt(self.denominator)} = {pct}"


def _fmt(x: Number) -> str:
    return str(x) if type(x) is int else f"{x:g}"


def ratio(
    G: nx.Graph,
    numerator: str,
    denominator: str,
    *,
    subject: Hashable | None = None,
    period: str | None = None,
) -> Rate:
    """The pooled ratio of two indicators over the outermost subjects that report both.

    .. math:: r = \\frac{\\sum_{s \\in S} a_{s,p(s)}}{\\sum_{s \\in S} b_{s,p(s)}}

    where :math:`a` and :math:`b` are the observed values of the ``numerator`` and
    ``denominator`` indicators and :math:`p(s)` is ``period`` (when given) or the latest
    period for which subject :math:`s` reports both (by the end of the period; an
    observation without a period is the oldest). :math:`S` holds the subjects that report
    both for such a period, less every unit that lies inside another unit of :math:`S`, so
    nested figures are never added twice: Xihu reports its issues for the district and for
    one of its communities, and the district's figure alone is the district's rate. A
    subject reporting only one of the two indicators is left out, so a missing numerator
    never reads as zero.

    Parameters
    ----------
    G
        A govmodel graph.
    numerator, denominator
        Indicators (``"issues_resolved"``, ``"issues_collected"``).
    subject
        Only this subject's observations; ``None`` pools the outermost subjects.
    period
        Only observations of this exact period (``"2021"``, ``"2021-01-01/2021-12-10"``).

    Returns
    -------
    Rate
        Exact when every value is a whole number; ``Rate.of(0, 0)`` (value ``nan``) when no
        subject reports both.

    Raises
    ------
    SpecError
        If a subject has two observations of one indicator for one period, or a value is not
        a finite number (or if the containment edges are not a forest, when they are read).

    Notes
    -----
    Complexity :math:`O(k)` for :math:`k` observations, plus one top-down pass over the
    containment tree, :math:`O(n + m)`, when two units or more report.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.metrics.service import ratio
    >>> G = govmodel.to_graph(govmodel.datasets.load("jinfeng"))
    >>> print(ratio(G, "cases_resolved", "cases_reported"))
    748 / 780 = 95.9 %
    >>> print(ratio(G, "cases_resolved", "cases_reported", subject="jf-c1"))
    401 / 420 = 95.5 %
    """
    counts = _series(G, (numerator, denominator), subject=subject)
    tops, bottoms = counts[numerator], counts[denominator]
    chosen: dict[Hashable, str | None] = {}
    for s, top in tops.items():
        bottom = bottoms.get(s)
        if bottom is None:
            continue
        if period is not None:
            if period in top and period in bottom:
                chosen[s] = period
        else:
            common = top.keys() & bottom.keys()
            if common:
                chosen[s] = _latest(common)
    nodes = G.nodes
    if sum(nodes[s].get("entity") == "unit" for s in chosen) > 1:
        inner = _inside(G, chosen.keys())
        chosen = {s: p for s, p in chosen.items() if s not in inner}
    num: Number = sum(tops[s][p] for s, p in chosen.items())
    den: Number = sum(bottoms[s][p] for s, p in chosen.items())
    return Rate.of(num, den)


def _inside(G: nx.Graph, units: Collection[Hashable]) -> set[Hashable]:
    """The nodes of ``units`` that lie inside another of them, in one top-down pass."""
    forest = _forest(G, "containment")
    marked = set(units)
    below: set[Hashable] = set()
    for u in forest.order:
        p = forest.parent.get(u)
        if p is not None and (p in below or p in marked):
            below.add(u)
    return below & marked


def resolution_rate(
    G: nx.Graph, *, subject: Hashable | None = None, period: str | None = None
) -> Rate:
    """The share of the issues collected that were resolved.

    .. math:: r = \\frac{\\text{issues\\_resolved}}{\\text{issues\\_collected}}

    pooled as in :func:`ratio`. Xihu (report 000): 1,088 of 1,495 issues raised at the
    round-table meetings since 2021 were resolved, 72.8 %.

    Parameters
    ----------
    G
        A govmodel graph.
    subject, period
        As in :func:`ratio`.

    Returns
    -------
    Rate

    Raises
    ------
    SpecError
        As in :func:`ratio`.

    Notes
    -----
    Complexity :math:`O(k)` for :math:`k` observations.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.metrics.service import resolution_rate
    >>> G = govmodel.to_graph(govmodel.datasets.load("xihu"))
    >>> r = resolution_rate(G)
    >>> r.numerator, r.denominator, round(100 * r.value, 1)
    (1088, 1495, 72.8)
    """
    return ratio(G, "issues_resolved", "issues_collected", subject=subject, period=period)


def micro_wish_fulfilment(
    G: nx.Graph, *, subject: Hashable | None = None, period: str | None = None
) -> Rate:
    """The share of micro-wishes (幸福微心愿) received that were fulfilled.

    .. math:: r = \\frac{\\text{micro\\_wishes\\_fulfilled}}{\\text{micro\\_wishes}}

    pooled as in :func:`ratio`.

    Parameters
    ----------
    G
        A govmodel graph.
    subject, period
        As in :func:`ratio`.

    Returns
    -------
    Rate

    Raises
    ------
    SpecError
        As in :func:`ratio`.

    Notes
    -----
    Complexity :math:`O(k)` for :math:`k` observations.

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.metrics.service import micro_wish_fulfilment
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("c1", entity="unit", kind="community")
    >>> for i, (ind, v) in enumerate([("micro_wishes", 40), ("micro_wishes_fulfilled", 30)]):
    ...     G.add_node(f"o{i}", entity="observation", indicator=ind, value=v, period="2023")
    ...     _ = G.add_edge(f"o{i}", "c1", relation="observes")
    >>> print(micro_wish_fulfilment(G))
    30 / 40 = 75.0 %
    """
    return ratio(G, "micro_wishes_fulfilled", "micro_wishes", subject=subject, period=period)


@attrs.frozen
class Change:
    """How one subject's indicator changed between its first and its last period.

    Attributes
    ----------
    subject, indicator
        What was observed.
    first_period, last_period
        The earliest and the latest period observed (ordered by their end, then their start).
    before, after
        The values observed then.
    difference
        ``after - before``, computed on the decimals the values were written as (so
        ``0.92 - 0.478`` is ``0.442``, not ``0.44200000000000006``).
    ratio
        ``after / before``, likewise; ``nan`` when ``before`` is 0.
    """

    subject: str
    indicator: str
    first_period: str
    last_period: str
    before: Number
    after: Number
    difference: float
    ratio: float


def _decimal(x: Number) -> Fraction:
    """The exact value of the shortest decimal that reads back as ``x``."""
    return Fraction(x) if type(x) is int else Fraction(repr(x))


def fee_collection_change(
    G: nx.Graph, subject: Hashable, *, indicator: str = "fee_collection_rate"
) -> Change:
    """The change in a subject's property-fee collection rate from its first to its last period.

    .. math:: \\Delta = x_{\\text{last}} - x_{\\text{first}}, \\qquad
              \\rho = x_{\\text{last}} / x_{\\text{first}}

    Changsha (report 003): once building heads and the eight roles were in place, the
    collection rate rose from 47.8 % to 92 % in a few months.

    Parameters
    ----------
    G
        A govmodel graph.
    subject
        The id of the unit (or organization) observed.
    indicator
        Any indicator; ``"fee_collection_rate"`` by default.

    Returns
    -------
    Change

    Raises
    ------
    ValueError
        If the subject has fewer than two observations of the indicator with a period
        (observations without one cannot be placed in time and are ignored).
    SpecError
        If the subject has two observations of the indicator for one period.

    Notes
    -----
    Complexity :math:`O(k)` for :math:`k` observations.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.metrics.service import fee_collection_change
    >>> s = govmodel.datasets.load("changsha")
    >>> G = govmodel.to_graph(s)
    >>> subject = next(o.subject for o in s.observations if o.indicator == "fee_collection_rate")
    >>> c = fee_collection_change(G, subject)
    >>> c.before, c.after, c.difference
    (0.478, 0.92, 0.442)
    """
    series = _series(G, (indicator,), subject=subject)[indicator].get(subject, {})
    dated = sorted((p for p in series if p is not None), key=_period_key)
    if len(dated) < 2:
        raise ValueError(
            f"{subject!r} has {len(dated)} dated observation(s) of {indicator!r}; "
            "a change needs two"
        )
    first, last = dated[0], dated[-1]
    before, after = series[first], series[last]
    b, a = _decimal(before), _decimal(after)
    return Change(
        subject=str(subject),
        indicator=indicator,
        first_period=first,
        last_period=last,
        before=before,
        after=after,
        difference=float(a - b),
        ratio=math.nan if b == 0 else float(a / b),
    )


@attrs.frozen
class ChiefLoad:
    """How many households each holder of a role serves, against a band.

    Attributes
    ----------
    role
        The role counted (``"neighbour_chief"``).
    band
        The inclusive bounds ``(low, high)``.
    households
        By person id, the households the person serves, for every holder of the role (in
        node order).
    within
        The holders serving between ``low`` and ``high`` households inclusive, over all
        holders.
    outside
        By person id, the households of the holders outside the band.
    """

    role: str
    band: tuple[Number, Number]
    households: Mapping[str, Number]
    within: Rate
    outside: Mapping[str, Number]


def households_per_chief(
    G: nx.Graph,
    *,
    role: str = "neighbour_chief",
    band: tuple[Number, Number] = (5, 15),
    as_of: str | None = None,
) -> ChiefLoad:
    """The households each neighbour chief serves, and the share of chiefs within 5–15.

    A chief is a person holding a post (an edge with ``relation="post"``) with ``role``. The
    households a chief serves are read from the chief's ``responsible_for`` ties to units:

    .. math:: h(p) = \\sum_{u \\,:\\, p \\to u} w(u), \\qquad
              w(u) = \\begin{cases} 1 & u \\text{ is a household} \\\\
              \\text{households}(u) & \\text{if the attribute is set} \\\\
              |\\{\\text{household units inside } u\\}| & \\text{otherwise}\\end{cases}

    Each unit counts once per chief, however many ties point to it; a chief responsible for
    a building and also for a household inside it counts both. Chiefs without a tie serve 0
    households. The band is inclusive: Yuetang (report 004) asks each neighbour chief to
    serve 5 to 15 nearby households.

    Parameters
    ----------
    G
        A govmodel graph.
    role
        The role of the post (``"neighbour_chief"``, ``"building_head"``, …).
    band
        ``(low, high)``, inclusive.
    as_of
        A partial ISO date: only posts and ties in force that day (posts and ties without
        dates are always in force).

    Returns
    -------
    ChiefLoad

    Raises
    ------
    ValueError
        If ``low > high``, or a unit's ``households`` attribute is not a number.

    Notes
    -----
    Complexity :math:`O(n + m)`; the households inside units are counted, when needed, in one
    bottom-up pass over the containment tree.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.metrics.service import households_per_chief
    >>> G = govmodel.to_graph(govmodel.datasets.load("yuetang"))
    >>> load = households_per_chief(G)
    >>> print(load.within)
    5 / 7 = 71.4 %
    >>> dict(load.outside)
    {'yt-p040': 18, 'yt-p041': 3}
    """
    low, high = band
    if low > high:
        raise ValueError(f"band {band!r} is empty: its low end exceeds its high end")
    day = _day(as_of)
    nodes = G.nodes
    inside: dict[Hashable, int] | None = None
    households: dict[str, Number] = {}
    for p, _ in _entities(G, "person"):
        holds = False
        targets: dict[Hashable, None] = {}
        for v, edge in _out(G, p):
            relation = edge.get("relation")
            if relation not in ("post", "responsible_for"):
                continue
            if not _in_force(edge, day):
                continue
            if relation == "post":
                holds = holds or edge.get("role") == role
            elif nodes[v].get("entity") == "unit":
                targets[v] = None
        if not holds:
            continue
        h: Number = 0
        for u in targets:
            data = nodes[u]
            if data.get("kind") == "household":
                h += 1
            elif data.get("households") is not None:
                value = data["households"]
                if not is_finite_number(value):
                    raise ValueError(f"unit {u!r} has households={value!r}, not a number")
                h += value
            else:
                if inside is None:
                    inside = _households_inside(G)
                h += inside.get(u, 0)
        households[str(p)] = h
    outside = {p: h for p, h in households.items() if not low <= h <= high}
    return ChiefLoad(
        role=role,
        band=(low, high),
        households=households,
        within=Rate.of(len(households) - len(outside), len(households)),
        outside=outside,
    )


def _households_inside(G: nx.Graph) -> dict[Hashable, int]:
    """The number of household units inside each unit (itself included), bottom-up."""
    forest = _forest(G, "containment")
    nodes = G.nodes
    n = {u: int(nodes[u].get("kind") == "household") for u in forest.order}
    for u in reversed(forest.order):
        p = forest.parent.get(u)
        if p is not None:
            n[p] += n[u]
    return n
