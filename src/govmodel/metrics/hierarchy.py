"""The shape of governance hierarchies, and rollups of unit values up the containment tree.

Two hierarchies are read off a govmodel graph (see ``to_graph``):

* the **containment tree** of units: ``unit --contains--> unit`` edges (province, city,
  district, street, community, compound, building, entrance, household, and the grids, areas
  and groups that partition a community);
* the **party hierarchy**: ``party organization --leads--> party organization`` edges (street
  party working committee, community party committee, compound party branch, building party
  group, …), and more widely the **leadership hierarchy** of every organization.

Every function here makes one pass over the nodes and edges it needs and then one pass over
the tree in topological order: nothing searches a subtree per node. Each returns one fixed
type. See ``docs/measures/governance.md`` for the formulas.

Examples
--------
>>> import govmodel
>>> from govmodel.metrics.hierarchy import depth, rollup, span_of_control
>>> G = govmodel.to_graph(govmodel.datasets.load("yuetang"))
>>> depth(G, view="party", root="yt-s1-pwc")  # the four-level party structure (004)
4
>>> span_of_control(G, view="party")["compound_party_branch"].max  # building party groups
3
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Collection, Hashable, Iterator, Mapping
from fractions import Fraction
from typing import Any, Final, Literal, TypeAlias, cast

import attrs
import networkx as nx

from govmodel.errors import Problem, SpecError
from govmodel.graph import leadership_hierarchy, party_hierarchy
from govmodel.spec import date_bounds, in_force, is_finite_number
from govmodel.vocab import BUILTIN

__all__ = [
    "Aggregate",
    "Rollup",
    "SpanStats",
    "View",
    "depth",
    "rollup",
    "span_of_control",
]

#: The hierarchies :func:`depth` and :func:`span_of_control` read: ``"containment"`` (units
#: linked by ``contains``), ``"party"`` (party organizations linked by ``leads``) or
#: ``"leadership"`` (all organizations linked by ``leads``).
View: TypeAlias = Literal["containment", "party", "leadership"]

_VIEWS: Final = ("containment", "party", "leadership")

Number: TypeAlias = int | float


# ------------------------------------------------------------------------------------------------
# Reading a govmodel graph (private helpers shared by the metrics modules)


def _out(G: nx.Graph, u: Hashable) -> Iterator[tuple[Hashable, dict[str, Any]]]:
    """The edges out of ``u`` as ``(head, data)``, one per edge (parallel edges each).

    Edges marked ``tie`` (an invalid tie borrowing a structural relation, see ``to_graph``)
    are left out, as the views of :mod:`govmodel.graph` leave them out.
    """
    adjacency = G.succ[u] if G.is_directed() else G.adj[u]
    if G.is_multigraph():
        for v, keyed in adjacency.items():
            for data in keyed.values():
                if not data.get("tie", False):
                    yield v, data
    else:
        for v, data in adjacency.items():
            if not data.get("tie", False):
                yield v, data


def _entities(G: nx.Graph, entity: str) -> Iterator[tuple[Hashable, dict[str, Any]]]:
    """The nodes whose ``entity`` attribute is ``entity``, with their data, in node order."""
    for v, data in G.nodes(data=True):
        if data.get("entity") == entity:
            yield v, data


def _day(as_of: str | None) -> str | None:
    """The first day a partial ISO date covers, or ``None``."""
    return None if as_of is None else date_bounds(as_of)[0]


def _in_force(edge: Mapping[str, Any], day: str | None) -> bool:
    """Whether an edge with ``start``/``end`` attributes is in force on ``day`` (any day when
    ``day`` is ``None``)."""
    return day is None or in_force(edge.get("start"), edge.get("end"), day)


class _Forest:
    """A forest read off a graph: ``order`` lists every node after its parent (roots first),
    ``parent`` maps a node to its parent, ``children`` a node to its children in edge order."""

    __slots__ = ("children", "order", "parent")

    def __init__(
        self,
        order: list[Hashable],
        parent: dict[Hashable, Hashable],
        children: dict[Hashable, list[Hashable]],
    ) -> None:
        self.order = order
        self.parent = parent
        self.children = children


def _forest(G: nx.Graph, view: str) -> _Forest:
    """The containment, party or leadership forest of a govmodel graph, with a topological
    order found in one breadth-first pass.

    The party and leadership forests are those of :func:`govmodel.graph.party_hierarchy` and
    :func:`govmodel.graph.leadership_hierarchy`. The containment forest, the large one, is
    read straight off ``G`` with the rules of :func:`govmodel.graph.containment_tree` (unit
    nodes, ``contains`` edges between them, ties borrowing the relation left out), without
    building that view's copy of every unit, which costs more than the rest of a measure.

    Raises
    ------
    ValueError
        If ``view`` is unknown.
    SpecError
        If a node has two parents or the edges form a cycle.
    """
    nodes: list[Hashable]
    heads: dict[Hashable, list[Hashable]] = {}
    if view == "containment":
        nodes = [v for v, _ in _entities(G, "unit")]
        units = set(nodes)
        for u in nodes:
            kids = [v for v, d in _out(G, u) if d.get("relation") == "contains" and v in units]
            if kids:
                heads[u] = list(dict.fromkeys(kids))
    elif view in ("party", "leadership"):
        T = party_hierarchy(G) if view == "party" else leadership_hierarchy(G)
        nodes = list(T)
        heads = {v: list(T.succ[v]) for v in nodes if T.succ[v]}
    else:
        raise ValueError(f"unknown view {view!r}; expected one of {', '.join(_VIEWS)}")
    parent: dict[Hashable, Hashable] = {}
    for u, kids in heads.items():
        for v in kids:
            if v in parent:
                raise SpecError(
                    [
                        Problem(
                            "multiple-parents",
                            "$",
                            f"{v!r} has two parents in the {view} hierarchy: "
                            f"{parent[v]!r} and {u!r}",
                        )
                    ]
                )
            parent[v] = u
    order = [v for v in nodes if v not in parent]
    i = 0
    while i < len(order):
        order.extend(heads.get(order[i], ()))
        i += 1
    if len(order) < len(nodes):
        seen = set(order)
        ring = sorted(str(v) for v in nodes if v not in seen)
        code = "containment-cycle" if view == "containment" else "leadership-cycle"
        raise SpecError([Problem(code, "$", f"the {view} edges form a cycle among {ring}")])
    return _Forest(order, parent, heads)


# ------------------------------------------------------------------------------------------------
# Shape


def depth(G: nx.Graph, *, view: View = "containment", root: Hashable | None = None) -> int:
    """The number of levels of a hierarchy: the most nodes on a path from a root down.

    .. math:: \\operatorname{depth} = \\max_{v} \\ell(v), \\qquad
              \\ell(\\text{root}) = 1, \\quad \\ell(v) = \\ell(\\operatorname{parent}(v)) + 1

    Levels are counted in nodes, not edges, so the "four-level" party structure of Yuetang
    (report 004: street party working committee, community party general branch, compound
    party branch, building party group) has depth 4 below the street. A hierarchy with one
    node has depth 1; an empty one 0.

    Parameters
    ----------
    G
        A govmodel graph (``to_graph``) or any graph following its conventions.
    view
        ``"containment"``: units and their ``contains`` edges; ``"party"``: party
        organizations and the ``leads`` edges between them; ``"leadership"``: every
        organization and the ``leads`` edges.
    root
        Measure only the subtree of this node (it counts as level 1); ``None`` measures
        every tree of the view from its own root.

    Returns
    -------
    int
        The depth.

    Raises
    ------
    ValueError
        If ``view`` is unknown.
    KeyError
        If ``root`` is not a node of the view.
    SpecError
        If a node has two parents in the view, or its edges form a cycle.

    Notes
    -----
    Complexity :math:`O(n + m)` for the :math:`n` nodes and :math:`m` edges of the view: one
    pass in topological order.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.metrics.hierarchy import depth
    >>> G = govmodel.to_graph(govmodel.datasets.load("yuetang"))
    >>> depth(G, view="party"), depth(G, view="party", root="yt-s1-pwc")
    (5, 4)
    >>> depth(G)  # district, street, community, compound, building, household
    6
    """
    forest = _forest(G, view)
    level: dict[Hashable, int] = {}
    if root is not None:
        if root not in set(forest.order):
            raise KeyError(f"{root!r} is not a node of the {view} hierarchy")
        level[root] = 1
    deepest = 1 if root is not None else 0
    for v in forest.order:
        if v == root:
            continue
        p = forest.parent.get(v)
        if root is None:
            lv = 1 if p is None else level[p] + 1
        elif p in level:
            lv = level[p] + 1
        else:
            continue
        level[v] = lv
        deepest = max(deepest, lv)
    return deepest


@attrs.frozen
class SpanStats:
    """The number of children of the parents of one kind.

    Attributes
    ----------
    n
        The number of parents of this kind (nodes of the kind with at least one child counted).
    total
        The number of children counted, summed over those parents.
    min, max
        The fewest and the most children of one parent.
    median
        The median number of children (the mean of the two middle values when ``n`` is even).
    mean
        ``total / n``.
    """

    n: int
    total: int
    min: int
    median: float
    mean: float
    max: int


def span_of_control(
    G: nx.Graph, *, view: View = "containment", child_kind: str | None = None
) -> dict[str, SpanStats]:
    """The span of control of each kind of parent: how many children each one has.

    For every node :math:`v` with at least one child (of ``child_kind``, when given),
    :math:`s(v) = |\\{c : \\operatorname{parent}(c) = v\\}|`; the spans of the nodes of one kind
    are summarised by :class:`SpanStats`. Parents are grouped by their ``kind`` (a unit kind
    for the containment view, an organization kind otherwise), the level of the hierarchy they
    sit at. Nodes without a counted child are not parents and are left out (households have
    no span, rather than a span of 0).

    Parameters
    ----------
    G
        A govmodel graph.
    view
        ``"containment"``, ``"party"`` or ``"leadership"``, as in :func:`depth`.
    child_kind
        Count only the children of this kind (``"compound"`` for compounds per community);
        ``None`` counts every child (a community's compounds and its grids alike).

    Returns
    -------
    dict[str, SpanStats]
        By parent kind, ordered from the top of the hierarchy down (by the highest level at
        which a parent of the kind sits, counting roots as level 1), then by name.

    Raises
    ------
    ValueError
        If ``view`` is unknown.
    SpecError
        If a node has two parents in the view, or its edges form a cycle.

    Notes
    -----
    Span of control is the classic measure of the width of a hierarchy (Urwick 1956, "The
    manager's span of control", *Harvard Business Review* 34(3)). Complexity
    :math:`O(n + m + p \\log p)`, the last term for the medians of :math:`p` parents.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.metrics.hierarchy import span_of_control
    >>> G = govmodel.to_graph(govmodel.datasets.load("yuetang"))
    >>> span_of_control(G, child_kind="compound")["community"]
    SpanStats(n=1, total=5, min=5, median=5.0, mean=5.0, max=5)
    >>> list(span_of_control(G, view="party"))  # from the district party committee down
    ['district_party_committee', 'street_party_working_committee',
     'community_party_general_branch', 'compound_party_branch', 'property_party_branch']
    """
    forest = _forest(G, view)
    spans: dict[str, list[int]] = {}
    nodes = G.nodes
    level: dict[Hashable, int] = {}
    first: dict[str, int] = {}
    for v in forest.order:
        p = forest.parent.get(v)
        level[v] = 1 if p is None else level[p] + 1
        kids = forest.children.get(v)
        if not kids:
            continue
        if child_kind is not None:
            s = sum(1 for c in kids if nodes[c].get("kind") == child_kind)
            if s == 0:
                continue
        else:
            s = len(kids)
        kind = str(nodes[v].get("kind", ""))
        spans.setdefault(kind, []).append(s)
        first.setdefault(kind, level[v])
    out: dict[str, SpanStats] = {}
    for kind in sorted(spans, key=lambda k: (first[k], k)):
        values = spans[kind]
        total = sum(values)
        out[kind] = SpanStats(
            n=len(values),
            total=total,
            min=min(values),
            median=float(statistics.median(values)),
            mean=total / len(values),
            max=max(values),
        )
    return out


def _kind_order(kind: str) -> tuple[int, str]:
    rank = BUILTIN.rank(kind)
    return (rank if rank is not None else 99, kind)


# ------------------------------------------------------------------------------------------------
# Rollups


@attrs.frozen
class Aggregate:
    """A sum and a count of values, from which means merge exactly.

    Attributes
    ----------
    total
        The sum of the values: an ``int`` when every value summed is an ``int``, otherwise the
        ``float`` nearest the exact sum (the values are added exactly, as fractions, and
        rounded once).
    count
        How many units contributed a value.
    units
        How many units were aggregated, with a value or without.
    mean
        ``total / count``, rounded once from the exact quotient; ``nan`` when ``count`` is 0.
    """

    total: Number
    count: int
    units: int
    mean: float


@attrs.frozen
class Rollup:
    """The values of an attribute summed (or averaged) up the containment tree.

    Attributes
    ----------
    attribute
        The unit attribute or observation indicator rolled up.
    how
        ``"sum"`` or ``"mean"``: which of ``Aggregate.total`` and ``Aggregate.mean``
        :attr:`values` holds.
    recorded
        ``"inclusive"`` or ``"own"``: how a recorded value relates to the values below it
        (see :func:`rollup`).
    period
        The period of the observations asked for, or ``None`` (the latest of each unit).
    own
        By unit id, the value recorded for the unit itself, for the units that have one.
    by_unit
        By unit id, every unit's aggregate over its subtree, in top-down order.
    by_level
        By unit kind, the aggregate of the values recorded for the units of that kind (what
        each level of the tree records itself), ordered by rank.
    total
        The aggregate over the whole forest: the sum of its roots' aggregates.
    values
        By unit id, ``by_unit[u].total`` (``how="sum"``) or ``by_unit[u].mean``
        (``how="mean"``).
    mismatches
        With ``recorded="inclusive"``, by unit id, ``(recorded, below)`` for every unit whose
        recorded value differs from the sum ``below`` of its children's aggregates (where at
        least one child has a value): a contradiction, or children recorded incompletely.
        Empty with ``recorded="own"``.
    """

    attribute: str
    how: Literal["sum", "mean"]
    recorded: Literal["inclusive", "own"]
    period: str | None
    own: Mapping[str, Number]
    by_unit: Mapping[str, Aggregate]
    by_level: Mapping[str, Aggregate]
    total: Aggregate
    values: Mapping[str, Number]
    mismatches: Mapping[str, tuple[Number, Number]]


def _period_key(period: str | None) -> tuple[str, str]:
    """A sort key ordering periods by their end, then their start; no period sorts first."""
    if period is None:
        return ("", "")
    start, _, end = period.partition("/")
    return (date_bounds(end or start)[1], date_bounds(start)[0])


def _series(
    G: nx.Graph,
    indicators: tuple[str, ...],
    *,
    subject: Hashable | None = None,
    entity: str | None = None,
) -> dict[str, dict[Hashable, dict[str | None, Number]]]:
    """``indicator -> subject -> period -> value`` for the observations of ``indicators``, in
    one pass over the observation nodes; only of ``subject``, or of subjects that are
    ``entity`` nodes, when given.

    Raises
    ------
    SpecError
        If a subject has two observations of an indicator for one period, or a value is not
        a finite number.
    """
    nodes = G.nodes
    out: dict[str, dict[Hashable, dict[str | None, Number]]] = {i: {} for i in indicators}
    for o, data in _entities(G, "observation"):
        indicator = data.get("indicator")
        if indicator not in out:
            continue
        value = data.get("value")
        if not is_finite_number(value):
            raise SpecError(
                [Problem("invalid-value", _obs_path(o), f"value {value!r} is not a finite number")]
            )
        period = data.get("period")
        for s, edge in _out(G, o):
            if edge.get("relation") != "observes" or (subject is not None and s != subject):
                continue
            if entity is not None and nodes[s].get("entity") != entity:
                continue
            by_period = out[indicator].setdefault(s, {})
            if period in by_period:
                raise SpecError(
                    [
                        Problem(
                            "duplicate-observation",
                            _obs_path(o),
                            f"{s!r} has two observations of {indicator!r} for period {period!r}",
                        )
                    ]
                )
            by_period[period] = cast(Number, value)
    return out


def _latest(periods: Collection[str | None]) -> str | None:
    """The latest of some periods, by their end and then their start (``None`` is oldest)."""
    return max(periods, key=_period_key)


def _obs_path(o: Hashable) -> str:
    return f"$.observations[?(@.id=={str(o)!r})]"


def _exact_total(value: int | Fraction, exact: bool) -> Number:
    return value if exact and isinstance(value, int) else float(value)


def _mean(total: int | Fraction, count: int) -> float:
    return math.nan if count == 0 else float(Fraction(total) / count)


def rollup(
    G: nx.Graph,
    attribute: str,
    *,
    how: Literal["sum", "mean"] = "sum",
    recorded: Literal["inclusive", "own"] = "inclusive",
    include_observations: bool = True,
    period: str | None = None,
) -> Rollup:
    """Sum or average a numeric unit value over every unit's subtree, in one bottom-up pass.

    Each unit :math:`u` may have a recorded value :math:`x_u`. Its aggregate over its
    subtree, a sum :math:`S_u` and a count :math:`C_u` of the values summed, is computed in
    one pass over the containment tree in reverse topological order, from its children
    :math:`c`:

    * ``recorded="own"``: each value is the unit's own share, and a unit adds its own to its
      descendants' (:math:`S_u = x_u + \\sum_c S_c`, :math:`C_u = [x_u] + \\sum_c C_c`), so
      the root's sum is the sum over all its units.
    * ``recorded="inclusive"`` (the default): a recorded value already stands for the whole
      subtree (the households of a compound include those of its buildings), so a unit with
      a value keeps it and a unit without one takes the sum of its children's
      (:math:`S_u = x_u`, :math:`C_u = 1` if :math:`x_u` is recorded, else
      :math:`S_u = \\sum_c S_c`, :math:`C_u = \\sum_c C_c`). The root's sum is then the sum
      over the *frontier*, the units with a value and no ancestor with one. Where a recorded
      value differs from its children's sum, :attr:`Rollup.mismatches` says so.

    The two agree when only the leaves of the tree have values. The mean of a unit is
    :math:`\\bar x_u = S_u / C_u`: means come from sums and counts, never from means of
    means, so they merge exactly. Sums are exact (integers, or fractions rounded once to a
    ``float``).

    A unit's value is, with ``include_observations``, the value of its observation of the
    indicator ``attribute`` (for ``period``, or the latest when ``period`` is ``None``), and
    otherwise its node attribute ``attribute`` (attributes hold in every period). Units with
    neither have none: they count in ``units`` but not in ``count``.

    Parameters
    ----------
    G
        A govmodel graph.
    attribute
        The unit attribute or observation indicator (``"households"``, ``"residents"``).
    how
        Whether :attr:`Rollup.values` holds sums or means.
    recorded
        ``"inclusive"`` or ``"own"``, as above.
    include_observations
        Read observations of the indicator (they take precedence over attributes).
    period
        The exact period of the observations to read (``"2023"``, ``"2021/2023"``).

    Returns
    -------
    Rollup

    Raises
    ------
    ValueError
        If ``how`` or ``recorded`` is unknown, or a unit's attribute is not a number.
    SpecError
        If the containment edges are not a forest, or a unit has two observations of the
        indicator for one period.

    Notes
    -----
    Complexity :math:`O(n + m + k)` for :math:`n` units, :math:`m` containment edges and
    :math:`k` observations. Fractions are used only when a value is a ``float``.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.metrics.hierarchy import rollup
    >>> G = govmodel.to_graph(govmodel.datasets.load("xihu"))
    >>> r = rollup(G, "households")
    >>> r.by_level["compound"].total, r.by_level["building"].total, r.total.total
    (4220, 4220, 4220)
    >>> rollup(G, "households", recorded="own").total.total  # each level counted again
    12660
    """
    if how not in ("sum", "mean"):
        raise ValueError(f"unknown how {how!r}; expected 'sum' or 'mean'")
    if recorded not in ("inclusive", "own"):
        raise ValueError(f"unknown recorded {recorded!r}; expected 'inclusive' or 'own'")
    forest = _forest(G, "containment")
    nodes = G.nodes
    observed = _series(G, (attribute,), entity="unit")[attribute] if include_observations else {}
    own: dict[str, Number] = {}
    for u in forest.order:
        series = observed.get(u)
        if series:
            when = period if period is not None else _latest(series)
            if when in series:
                own[str(u)] = series[when]
                continue
        value = nodes[u].get(attribute)
        if value is None:
            continue
        if not is_finite_number(value):
            raise ValueError(f"unit {u!r} has {attribute}={value!r}, which is not a finite number")
        own[str(u)] = value
    exact = all(type(v) is int for v in own.values())
    zero: int | Fraction = 0 if exact else Fraction(0)

    def num(v: Number) -> int | Fraction:
        return v if exact else Fraction(v)  # type: ignore[return-value]

    # Sums and counts from the children, then each unit's own aggregate, bottom-up.
    below: dict[Hashable, int | Fraction] = {}
    below_count: dict[Hashable, int] = {}
    total: dict[Hashable, int | Fraction] = {}
    count: dict[Hashable, int] = {}
    size: dict[Hashable, int] = {}
    mismatches: dict[str, tuple[Number, Number]] = {}
    inclusive = recorded == "inclusive"
    for u in reversed(forest.order):
        x = own.get(str(u))
        t, c = below.get(u, zero), below_count.get(u, 0)
        if x is None:
            total[u], count[u] = t, c
        elif inclusive:
            total[u], count[u] = num(x), 1
            if c and t != num(x):
                mismatches[str(u)] = (x, _exact_total(t, exact))
        else:
            total[u], count[u] = t + num(x), c + 1
        size[u] = size.get(u, 0) + 1
        p = forest.parent.get(u)
        if p is not None:
            below[p] = below.get(p, zero) + total[u]
            below_count[p] = below_count.get(p, 0) + count[u]
            size[p] = size.get(p, 0) + size[u]

    level_total: dict[str, int | Fraction] = {}
    level_count: dict[str, int] = {}
    level_units: dict[str, int] = {}
    for u in forest.order:
        kind = str(nodes[u].get("kind", ""))
        level_units[kind] = level_units.get(kind, 0) + 1
        x = own.get(str(u))
        if x is not None:
            level_total[kind] = level_total.get(kind, zero) + num(x)
            level_count[kind] = level_count.get(kind, 0) + 1

    def aggregate(t: int | Fraction, c: int, n: int) -> Aggregate:
        return Aggregate(total=_exact_total(t, exact), count=c, units=n, mean=_mean(t, c))

    by_unit = {str(u): aggregate(total[u], count[u], size[u]) for u in forest.order}
    by_level = {
        k: aggregate(level_total.get(k, zero), level_count.get(k, 0), level_units[k])
        for k in sorted(level_units, key=_kind_order)
    }
    roots = [u for u in forest.order if u not in forest.parent]
    grand = aggregate(
        sum((total[r] for r in roots), zero),
        sum(count[r] for r in roots),
        len(forest.order),
    )
    values: dict[str, Number] = {
        u: (a.total if how == "sum" else a.mean) for u, a in by_unit.items()
    }
    return Rollup(
        attribute=attribute,
        how=how,
        recorded=recorded,
        period=period,
        own=own,
        by_unit=by_unit,
        by_level=by_level,
        total=grand,
        values=values,
        mismatches={u: mismatches[u] for u in by_unit if u in mismatches},
    )
