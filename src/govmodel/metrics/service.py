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
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping
from fractions import Fraction
from numbers import Real
from typing import Any, Final, cast

import attrs
import networkx as nx

from govmodel.errors import Problem, SpecError
from govmodel.graph import to_graph
from govmodel.index import StructureIndex, people_reach_only_by_posts_and_ties
from govmodel.metrics.hierarchy import (
    GraphOrIndex,
    Number,
    _check_period,
    _day,
    _entities,
    _graph_tree,
    _index_series,
    _index_tree,
    _latest,
    _on_index,
    _out,
    _period_key,
    _series,
    _Tree,
)
from govmodel.spec import Post, Tie, in_force, is_finite_number
from govmodel.vocab import RESERVED_RELATIONS

#: The key of no period, and of one that names no date (:func:`_period_key`).
_NO_PERIOD: Final = _period_key(None)

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
        when both are ``int``; an infinity of its sign beyond a float's range); ``nan`` when
        the denominator is 0.
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
            return cls(numerator, denominator, _float(exact), exact)
        try:
            value = numerator / denominator
        except OverflowError:  # an int beyond a float's range, with a float
            value = _float(Fraction(numerator) / Fraction(denominator))
        return cls(numerator, denominator, value, None)

    def __str__(self) -> str:
        pct = "n/a" if math.isnan(self.value) else f"{100 * self.value:.1f} %"
        return f"{_fmt(self.numerator)} / {_fmt(self.denominator)} = {pct}"


def _fmt(x: Number) -> str:
    return str(x) if type(x) is int else f"{x:g}"


def ratio(
    G: GraphOrIndex,
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
    period for which subject :math:`s` reports both (by the end of the period, then its
    start; an observation without a period is the oldest; of two periods alike, such as
    ``"2021"`` and ``"2021-01-01/2021-12-31"``, the one whose numerator is listed last).
    :math:`S` holds the subjects that report
    both for such a period, less every unit that lies inside another unit of :math:`S`, so
    nested figures are never added twice: Xihu reports its issues for the district and for
    one of its communities, and the district's figure alone is the district's rate. A
    subject reporting only one of the two indicators is left out, so a missing numerator
    never reads as zero.

    Parameters
    ----------
    G
        A govmodel graph or a :class:`~govmodel.index.StructureIndex` (the same answer,
        without the graph).
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
    TypeError
        If ``G`` is neither a networkx graph nor a ``StructureIndex``, or ``period`` is not a
        string (``2021`` for ``"2021"``).
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
    >>> from govmodel.index import StructureIndex
    >>> ix = StructureIndex.of(govmodel.datasets.load("jinfeng"))
    >>> print(ratio(ix, "cases_resolved", "cases_reported"))
    748 / 780 = 95.9 %
    """
    _check_period(period)
    is_unit: Callable[[Hashable], bool]
    tree: Callable[[], _Tree]
    if _on_index(G, "ratio"):
        ix = G
        counts = _index_series(ix, (numerator, denominator), subject=subject)
        codes, nu = ix.codes, ix.n_units
        is_unit = lambda s: codes[s] < nu  # noqa: E731
        tree = lambda: _index_tree(ix, "containment")  # noqa: E731
    else:
        counts = _series(G, (numerator, denominator), subject=subject)
        nodes = G.nodes
        is_unit = lambda s: nodes[s].get("entity") == "unit"  # noqa: E731
        tree = lambda: _graph_tree(G, "containment")  # noqa: E731
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
            common = [p for p in top if p in bottom]  # in the order listed, not a set's
            if common:
                chosen[s] = _latest(common)
    units = [s for s in chosen if is_unit(s)]
    if len(units) > 1:
        forest = tree()
        inner = _inside(forest, {forest.find(s) for s in units})
        chosen = {s: p for s, p in chosen.items() if not (is_unit(s) and forest.find(s) in inner)}
    num: Number = sum(tops[s][p] for s, p in chosen.items())
    den: Number = sum(bottoms[s][p] for s, p in chosen.items())
    return Rate.of(num, den)


def _inside(tree: _Tree, marked: set[int | None]) -> set[int | None]:
    """The codes of ``marked`` that lie inside another of them: a walk up from each, every
    node walked past answered once (linear in the nodes above the marked ones, not in the
    whole tree)."""
    parent = tree.parent
    covered: dict[int, bool] = {}  # a node walked past: whether it or a node above is marked

    def under_marked(x: int) -> bool:
        path = []
        while x >= 0 and x not in covered and x not in marked:
            path.append(x)
            x = int(parent[x])
        got = x >= 0 and (x in marked or covered[x])
        for v in path:
            covered[v] = got
        return got

    return {m for m in marked if m is not None and under_marked(int(parent[m]))}


def resolution_rate(
    G: GraphOrIndex, *, subject: Hashable | None = None, period: str | None = None
) -> Rate:
    """The share of the issues collected that were resolved.

    .. math:: r = \\frac{\\text{issues\\_resolved}}{\\text{issues\\_collected}}

    pooled as in :func:`ratio`. Xihu (report 000): 1,088 of 1,495 issues raised at the
    round-table meetings since 2021 were resolved, 72.8 %.

    Parameters
    ----------
    G
        A govmodel graph or a :class:`~govmodel.index.StructureIndex`.
    subject, period
        As in :func:`ratio`.

    Returns
    -------
    Rate

    Raises
    ------
    TypeError
        If ``G`` is neither a networkx graph nor a ``StructureIndex``.
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
    >>> from govmodel.index import StructureIndex
    >>> resolution_rate(StructureIndex.of(govmodel.datasets.load("xihu"))) == r
    True
    """
    _on_index(G, "resolution_rate")
    return ratio(G, "issues_resolved", "issues_collected", subject=subject, period=period)


def micro_wish_fulfilment(
    G: GraphOrIndex, *, subject: Hashable | None = None, period: str | None = None
) -> Rate:
    """The share of micro-wishes (幸福微心愿) received that were fulfilled.

    .. math:: r = \\frac{\\text{micro\\_wishes\\_fulfilled}}{\\text{micro\\_wishes}}

    pooled as in :func:`ratio`.

    Parameters
    ----------
    G
        A govmodel graph or a :class:`~govmodel.index.StructureIndex`.
    subject, period
        As in :func:`ratio`.

    Returns
    -------
    Rate

    Raises
    ------
    TypeError
        If ``G`` is neither a networkx graph nor a ``StructureIndex``.
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
    >>> import govmodel
    >>> from govmodel.index import StructureIndex
    >>> print(micro_wish_fulfilment(StructureIndex.of(govmodel.datasets.load("xihu"))))
    10 / 12 = 83.3 %
    """
    _on_index(G, "micro_wish_fulfilment")
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

    A difference or ratio beyond a float's range (``1 / 5e-324``) is an infinity of its sign.
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
    G: nx.Graph | StructureIndex, subject: Hashable, *, indicator: str = "fee_collection_rate"
) -> Change:
    """The change in a subject's property-fee collection rate from its first to its last period.

    .. math:: \\Delta = x_{\\text{last}} - x_{\\text{first}}, \\qquad
              \\rho = x_{\\text{last}} / x_{\\text{first}}

    Changsha (report 003): once building heads and the eight roles were in place, the
    collection rate rose from 47.8 % to 92 % in a few months.

    Parameters
    ----------
    G
        A govmodel graph, or a :class:`~govmodel.index.StructureIndex`.
    subject
        The id of the unit (or organization) observed.
    indicator
        Any indicator; ``"fee_collection_rate"`` by default.

    Returns
    -------
    Change

    Raises
    ------
    TypeError
        If ``G`` is neither a networkx graph nor a ``StructureIndex``.
    ValueError
        If the subject has fewer than two observations of the indicator with a period
        (observations without one, or whose period names no date, cannot be placed in
        time and are ignored).
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
    if _on_index(G, "fee_collection_change"):
        found = _index_series(G, (indicator,), subject=subject)
    else:
        found = _series(G, (indicator,), subject=subject)
    series = found[indicator].get(subject, {})
    dated = sorted(
        (p for p in series if p is not None and _period_key(p) != _NO_PERIOD), key=_period_key
    )
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
        difference=_float(a - b),
        ratio=math.nan if b == 0 else _float(a / b),
    )


def _float(q: Fraction) -> float:
    """``q`` as a float: the nearest, or an infinity of its sign beyond a float's range."""
    try:
        return float(q)
    except OverflowError:
        return math.inf if q > 0 else -math.inf


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
    G: GraphOrIndex,
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
    households (a sum of floats and ints beyond a float's range is ``inf``). The band is
    inclusive: Yuetang (report 004) asks each neighbour chief to serve 5 to 15 nearby
    households.

    Parameters
    ----------
    G
        A govmodel graph or a :class:`~govmodel.index.StructureIndex`.
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
    TypeError
        If ``G`` is neither a networkx graph nor a ``StructureIndex``, or ``band`` is not a
        pair of real numbers (not ``bool``).
    ValueError
        If ``low > high``, or an end is NaN.
    SpecError
        If a unit's ``households`` attribute is not a number of households (``wrong-type``:
        not a finite ``int`` or ``float``, or a ``bool``; ``negative-count``), with the
        unit's path.

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
    >>> from govmodel.index import StructureIndex
    >>> households_per_chief(StructureIndex.of(govmodel.datasets.load("yuetang"))) == load
    True
    """
    if _on_index(G, "households_per_chief") and not people_reach_only_by_posts_and_ties(G):
        G = to_graph(G.structure())  # invalid references: read them as the graph does
    low, high = _band(band)
    day = _day(as_of)
    people: Iterable[tuple[Hashable, Iterable[_Edge]]]
    is_unit: Callable[[Hashable], bool]
    inside: list[int] | None = None

    if isinstance(G, StructureIndex):
        ix = G
        units, codes, nu = ix.units, ix.codes, ix.n_units
        is_unit = lambda v: codes[v] < nu  # noqa: E731
        people = _index_edges(ix, role if day is None else None)

        def households_of(u: Hashable) -> Number:
            nonlocal inside
            c = codes[u]
            if units[c].kind == "household":
                return 1
            value = ix.unit_attribute_of(c, "households")
            if value is None:
                if inside is None:
                    inside = _households_inside(_index_tree(ix, "containment"))
                return inside[c]
            return _households(u, value)

    else:
        nodes = G.nodes
        tree: _Tree | None = None
        is_unit = lambda v: nodes[v].get("entity") == "unit"  # noqa: E731
        people = (
            (
                p,
                (
                    (v, e.get("relation"), e.get("role"), e.get("start"), e.get("end"))
                    for v, e in _out(G, p)
                ),
            )
            for p, _ in _entities(G, "person")
        )

        def households_of(u: Hashable) -> Number:
            nonlocal inside, tree
            data = nodes[u]
            if data.get("kind") == "household":
                return 1
            value = data.get("households")
            if value is None:
                if tree is None:
                    tree = _graph_tree(G, "containment")
                    inside = _households_inside(tree)
                assert inside is not None
                return inside[tree.code[u]]
            return _households(u, value)

    households: dict[str, Number] = {}
    for p, edges in people:
        holds = False
        targets: dict[Hashable, None] = {}
        for v, relation, held, start, end in edges:
            if relation not in ("post", "responsible_for"):
                continue
            if day is not None and not in_force(start, end, day):
                continue
            if relation == "post":
                holds = holds or held == role
            elif is_unit(v):
                targets[v] = None
        if holds:
            h: Number = 0
            for u in targets:
                try:
                    h += households_of(u)
                except OverflowError:  # an int beyond a float's range and a float: above all
                    h = math.inf
            households[str(p)] = h
    outside = {p: h for p, h in households.items() if not low <= h <= high}
    return ChiefLoad(
        role=role,
        band=(low, high),
        households=households,
        within=Rate.of(len(households) - len(outside), len(households)),
        outside=outside,
    )


def _band(band: object) -> tuple[Number, Number]:
    """``band`` checked: two real numbers (``int``, ``float``, ``Fraction``, numpy; not
    ``bool`` nor NaN), the low end not above the high one."""
    try:
        ends: list[object] = list(band)  # type: ignore[call-overload]
    except TypeError:
        ends = []
    if len(ends) != 2:
        raise TypeError(f"band must be a pair (low, high) of numbers, not {band!r}")
    numbers: list[Number] = []
    for end in ends:
        if isinstance(end, bool) or not isinstance(end, Real):
            raise TypeError(f"band {band!r}: {end!r} is not a number")
        if end != end:
            raise ValueError(f"band {band!r}: an end is NaN, which no count is within")
        numbers.append(cast(Number, end))  # a Fraction or numpy number compares alike
    low, high = numbers
    if low > high:
        raise ValueError(f"band {band!r} is empty: its low end exceeds its high end")
    return low, high


#: An edge out of a person as :func:`households_per_chief` reads it: its head, relation, role
#: (of a post), start and end.
_Edge = tuple[Hashable, Any, Any, Any, Any]


def _households(u: Hashable, value: Any) -> Number:
    """A unit's ``households`` attribute, checked to be a number of households: finite and
    at least 0 (``True`` is not 1, ``"12"`` is not 12)."""
    if is_finite_number(value) and value >= 0:
        return value  # type: ignore[no-any-return]
    code = "negative-count" if is_finite_number(value) else "wrong-type"
    raise SpecError(
        [
            Problem(
                code,
                f"$.units[?(@.id=={str(u)!r})].attributes.households",
                f"unit {str(u)!r} has households={value!r}, not a number of households "
                "(a finite number, at least 0)",
            )
        ]
    )


def _households_inside(tree: _Tree) -> list[int]:
    """The number of household units inside each unit (itself included), by code."""
    return tree.sums([int(k == "household") for k in tree.kinds])


def _index_edges(ix: StructureIndex, holders_of: str | None) -> Iterator[tuple[str, list[_Edge]]]:
    """Each person of an index (only the holders of the role ``holders_of``, when given) with
    the edges the graph draws out of it (see :func:`_out_of`); ties borrowing a structural
    relation are left out, as the graph's readers leave them out."""
    posts, ties = ix.posts, ix.ties
    if holders_of is None:
        chosen = [p.id for p in ix.people]
        out_of = _out_of(ix)
    else:
        holders = {p.person for p in posts if p.role == holders_of}
        chosen = [p.id for p in ix.people if p.id in holders]
        out_of = _out_of(ix, holders)

    def edges(found: list[tuple[bool, int]]) -> list[_Edge]:
        out: list[_Edge] = []
        for is_post, i in found:
            if is_post:
                post: Post = posts[i]
                out.append((post.organization, "post", post.role, post.start, post.end))
            else:
                tie: Tie = ties[i]
                if tie.relation not in RESERVED_RELATIONS:
                    out.append((tie.target, tie.relation, None, tie.start, tie.end))
        return out

    for p in chosen:
        yield p, edges(out_of.get(p, []))


def _out_of(
    ix: StructureIndex, only: Collection[str] | None = None
) -> dict[str, list[tuple[bool, int]]]:
    """For each node id, its post and tie edges in the order ``G.succ`` yields them: grouped
    by target in the order of the first edge to it (posts were drawn before ties), each
    target's edges in the order they were drawn. ``(True, i)`` is post ``i``, ``(False, j)``
    tie ``j``. (Structural edges lead to units, organizations and decisions that posts and
    ties of people do not reach before them, except by invalid references: see
    :func:`govmodel.index.people_reach_only_by_posts_and_ties`.) Only of the nodes ``only``,
    when given."""
    edges: dict[str, list[tuple[bool, int]]] = {}
    posts, ties = ix.posts, ix.ties
    for i, post in enumerate(posts):
        if only is None or post.person in only:
            edges.setdefault(post.person, []).append((True, i))
    for j, tie in enumerate(ties):
        if only is None or tie.source in only:
            edges.setdefault(tie.source, []).append((False, j))

    def target(edge: tuple[bool, int]) -> str:
        is_post, i = edge
        return posts[i].organization if is_post else ties[i].target

    for found in edges.values():
        if len(found) < 2:
            continue
        first: dict[str, int] = {}
        for k, edge in enumerate(found):
            first.setdefault(target(edge), k)
        found.sort(key=lambda e: first[target(e)])  # stable: by first edge to the target
    return edges
