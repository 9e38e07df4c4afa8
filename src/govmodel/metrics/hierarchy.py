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
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from functools import cached_property
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias, cast

import attrs
import networkx as nx

from govmodel.errors import Problem, SpecError
from govmodel.graph import leadership_hierarchy, party_hierarchy
from govmodel.index import _INT64, Forest, StructureIndex
from govmodel.spec import Structure, date_bounds, in_force, is_finite_number
from govmodel.vocab import BUILTIN

if TYPE_CHECKING:
    from typing_extensions import TypeIs

__all__ = [
    "Aggregate",
    "GraphOrIndex",
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

#: What a measure of a structure reads: a govmodel graph (:func:`govmodel.to_graph`, or any
#: networkx graph following its conventions) or the structure's
#: :class:`~govmodel.index.StructureIndex`, on which the same measure runs without drawing
#: the graph and gives the same result, field for field.
GraphOrIndex: TypeAlias = nx.Graph | StructureIndex


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


def _on_index(G: object, measure: str) -> TypeIs[StructureIndex]:
    """Whether a measure was given a :class:`~govmodel.index.StructureIndex` (``True``) or a
    networkx graph (``False``).

    Raises
    ------
    TypeError
        If ``G`` is neither, naming the measure and what it was given.
    """
    if isinstance(G, StructureIndex):
        return True
    if isinstance(G, nx.Graph):
        return False
    raise _wrong_input(G, measure, index=True)


def _check_graph(G: object, measure: str) -> None:
    """Check that a measure reading only networkx graphs was given one.

    Raises
    ------
    TypeError
        If ``G`` is not a networkx graph, naming the measure and what it was given.
    """
    if not isinstance(G, nx.Graph):
        raise _wrong_input(G, measure, index=False)


def _wrong_input(G: object, measure: str, *, index: bool) -> TypeError:
    """The error of :func:`_on_index` (``index``) and :func:`_check_graph`."""
    takes = "a networkx graph or a govmodel.index.StructureIndex" if index else "a networkx graph"
    if isinstance(G, Structure):
        hint = ": draw it with govmodel.to_graph(s)" + (
            " or index it with StructureIndex.of(s)" if index else ""
        )
    elif isinstance(G, StructureIndex):
        hint = ": draw the structure with govmodel.to_graph(s)"
    else:
        hint = ""
    return TypeError(f"{measure}() takes {takes}, not {type(G).__name__}{hint}")


class _Tree:
    """A forest over the codes ``0 .. n-1``, the one shape the measures roll counts up, read
    off a graph (:func:`_graph_tree`) or an index (:func:`_index_tree`).

    ``ids`` are the nodes by code (``names`` as ``str``), ``kinds`` their kinds, ``parent``
    each code's parent (``-1`` for a root), ``order`` every code after its parent (roots
    first, breadth-first, as :func:`_forest` orders the nodes) and ``level`` each code's
    level (1 for a root).
    """

    ids: Sequence[Hashable]
    names: Sequence[str]

    @cached_property
    def kinds(self) -> list[str]:
        raise NotImplementedError

    @cached_property
    def parent(self) -> list[int]:
        raise NotImplementedError

    @cached_property
    def order(self) -> list[int]:
        raise NotImplementedError

    @cached_property
    def level(self) -> list[int]:
        level = [0] * len(self.ids)
        parent = self.parent
        for u in self.order:
            p = parent[u]
            level[u] = 1 if p < 0 else level[p] + 1
        return level

    @property
    def depth(self) -> int:
        """The number of levels."""
        return max(self.level, default=0)

    def roots(self) -> list[int]:
        parent = self.parent
        return [u for u in self.order if parent[u] < 0]

    def find(self, node: Hashable) -> int | None:
        """The code of a node, ``None`` when it is not in the forest."""
        return self.code.get(node)

    @cached_property
    def code(self) -> dict[Hashable, int]:
        return {v: i for i, v in enumerate(self.ids)}

    def sums(self, values: list[int]) -> list[int]:
        """Each code's sum of the integer ``values`` over its subtree (itself included)."""
        out = list(values)
        parent = self.parent
        for u in reversed(self.order):
            p = parent[u]
            if p >= 0:
                out[p] += out[u]
        return out

    def tallies(self, anchors: list[int], hits: list[int]) -> list[tuple[str, str, int, int]]:
        """``(name, kind, items, hits)`` for every node with an item in its subtree, top-down:
        the items are counted at their ``anchors`` (``-1`` for none), each with its 0/1
        ``hits``."""
        total, covered = [0] * len(self.ids), [0] * len(self.ids)
        for a, h in zip(anchors, hits, strict=True):
            if a >= 0:
                total[a] += 1
                covered[a] += h
        total, covered = self.sums(total), self.sums(covered)
        names, kinds = self.names, self.kinds
        return [(names[u], kinds[u], total[u], covered[u]) for u in self.order if total[u]]


class _GraphTree(_Tree):
    def __init__(self, ids: list[Hashable], kinds: list[str], parent: list[int]) -> None:
        self.ids = ids
        self.names = [str(v) for v in ids]
        self.__dict__.update(kinds=kinds, parent=parent, order=list(range(len(ids))))


def _graph_tree(G: nx.Graph, view: str) -> _Tree:
    """The containment, party or leadership forest of a graph (see :func:`_forest`), coded
    by the position of each node in its topological order."""
    forest = _forest(G, view)
    order = forest.order
    code = {v: i for i, v in enumerate(order)}
    up = forest.parent
    parent = [code[up[v]] if v in up else -1 for v in order]
    nodes = G.nodes
    tree = _GraphTree(order, [str(nodes[v].get("kind", "")) for v in order], parent)
    tree.__dict__["code"] = code
    return tree


class _IndexTree(_Tree):
    """A forest of an index: the containment forest (codes are unit codes) or the party or
    leadership forest (codes are the forest's own)."""

    def __init__(self, ix: StructureIndex, view: str) -> None:
        self.ix = ix
        self.view = view
        if view == "containment":
            self.forest: Forest = ix.containment()
            self.ids = self.names = ix.unit_ids
            self.orgs: list[Any] = []
        elif view in ("party", "leadership"):
            self.forest, members = ix.org_forest(view)  # type: ignore[arg-type]
            organizations = ix.organizations
            self.orgs = [organizations[i] for i in members.tolist()]
            self.ids = self.names = [o.id for o in self.orgs]
        else:
            raise ValueError(f"unknown view {view!r}; expected one of {', '.join(_VIEWS)}")

    @cached_property
    def kinds(self) -> list[str]:
        if self.view != "containment":
            return [str(o.kind) for o in self.orgs]
        return list(map(self.ix.unit_kinds.__getitem__, self.ix.unit_kind.tolist()))

    @cached_property
    def parent(self) -> list[int]:
        return self.forest.parent.tolist()  # type: ignore[no-any-return]

    @cached_property
    def order(self) -> list[int]:
        return self.forest.order.tolist()  # type: ignore[no-any-return]

    @cached_property
    def level(self) -> list[int]:
        return self.forest.level.tolist()  # type: ignore[no-any-return]

    @property
    def depth(self) -> int:
        return self.forest.depth

    def roots(self) -> list[int]:
        return self.forest.roots().tolist()  # type: ignore[no-any-return]

    def find(self, node: Hashable) -> int | None:
        if self.view != "containment":
            return self.code.get(node)
        c = self.ix.codes.get(node)
        return c if c is not None and c < self.ix.n_units else None

    def sums(self, values: list[int]) -> list[int]:
        if sum(map(abs, values)) >= _INT64:  # a sum may leave int64: Python's ints, exactly
            return super().sums(values)
        ix = self.ix
        return ix.subtree_sums(ix.ints(values), self.forest).tolist()  # type: ignore[no-any-return]

    def tallies(self, anchors: list[int], hits: list[int]) -> list[tuple[str, str, int, int]]:
        ix, forest = self.ix, self.forest
        if self.view != "containment" or ix.backend != "numpy":
            return super().tallies(anchors, hits)
        n = len(self.ids)
        at = ix.ints(anchors)
        total = ix.subtree_sums(ix.count_by(at, n), forest)
        covered = ix.subtree_sums(ix.count_by(at, n, ix.ints(hits)), forest)
        order = forest.order
        counted = order[total[order] > 0]
        return list(
            zip(
                map(self.names.__getitem__, counted.tolist()),
                map(ix.unit_kinds.__getitem__, ix.unit_kind[counted].tolist()),
                total[counted].tolist(),
                covered[counted].tolist(),
                strict=True,
            )
        )


def _index_tree(ix: StructureIndex, view: str) -> _Tree:
    """The containment, party or leadership forest of an index."""
    return _IndexTree(ix, view)


# ------------------------------------------------------------------------------------------------
# Shape


def depth(G: GraphOrIndex, *, view: View = "containment", root: Hashable | None = None) -> int:
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
        A govmodel graph (``to_graph``), or any graph following its conventions, or a
        :class:`~govmodel.index.StructureIndex` (the same answer, without the graph).
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
    TypeError
        If ``G`` is neither a networkx graph nor a ``StructureIndex``.
    ValueError
        If ``view`` is unknown.
    KeyError
        If ``root`` is not a node of the view.
    SpecError
        If a node has two parents in the view, or its edges form a cycle.

    Notes
    -----
    Complexity :math:`O(n + m)` for the :math:`n` nodes and :math:`m` edges of the view: one
    pass in topological order. On an index the forest is built once and kept, so the depth of
    a whole view is read off it.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.metrics.hierarchy import depth
    >>> G = govmodel.to_graph(govmodel.datasets.load("yuetang"))
    >>> depth(G, view="party"), depth(G, view="party", root="yt-s1-pwc")
    (5, 4)
    >>> depth(G)  # district, street, community, compound, building, household
    6

    The same on the structure's index:

    >>> from govmodel.index import StructureIndex
    >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
    >>> depth(ix, view="party", root="yt-s1-pwc"), depth(ix)
    (4, 6)
    """
    tree = _index_tree(G, view) if _on_index(G, "depth") else _graph_tree(G, view)
    if root is None:
        return tree.depth
    r = tree.find(root)
    if r is None:
        raise KeyError(f"{root!r} is not a node of the {view} hierarchy")
    parent, level = tree.parent, tree.level
    inside = {r}
    deepest = 1
    for v in tree.order:
        if parent[v] in inside:
            inside.add(v)
            deepest = max(deepest, level[v] - level[r] + 1)
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
    G: GraphOrIndex, *, view: View = "containment", child_kind: str | None = None
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
        A govmodel graph or a :class:`~govmodel.index.StructureIndex`.
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
    TypeError
        If ``G`` is neither a networkx graph nor a ``StructureIndex``.
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
    >>> from govmodel.index import StructureIndex
    >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
    >>> span_of_control(ix, child_kind="compound")["community"].total
    5
    """
    on_index = _on_index(G, "span_of_control")
    tree = _index_tree(G, view) if on_index else _graph_tree(G, view)
    parent, level, kinds = tree.parent, tree.level, tree.kinds
    counted = [0] * len(parent)
    for v, p in enumerate(parent):
        if p >= 0 and (child_kind is None or kinds[v] == child_kind):
            counted[p] += 1
    spans: dict[str, list[int]] = {}
    first: dict[str, int] = {}
    for v in tree.order:
        s = counted[v]
        if not s:
            continue
        kind = kinds[v]
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


#: The order of periods: by their end, then their start; no period, and one that names no
#: date, first (the index's, so that the graph and the index read alike).
_period_key = StructureIndex.period_key


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

    def observations() -> Iterator[_Observed]:
        for o, data in _entities(G, "observation"):
            subjects = (s for s, e in _out(G, o) if e.get("relation") == "observes")
            yield o, data.get("indicator"), data.get("value"), data.get("period"), subjects

    keep = None if entity is None else (lambda s: nodes[s].get("entity") == entity)
    return _collect(observations(), indicators, subject, keep)


def _index_series(
    ix: StructureIndex,
    indicators: tuple[str, ...],
    *,
    subject: Hashable | None = None,
    units: bool = False,
) -> dict[str, dict[Hashable, dict[str | None, Number]]]:
    """:func:`_series` on an index (reading only the observations of ``indicators``); with
    ``units``, only of subjects that are units."""
    wanted = {c for c, name in enumerate(ix.obs_indicators) if name in indicators}
    found = ix.observations
    picked = (
        (found[i] for i, c in enumerate(ix.obs_indicator.tolist()) if c in wanted) if wanted else ()
    )
    codes, nu = ix.codes, ix.n_units
    keep = (lambda s: codes[s] < nu) if units else None
    return _collect(
        ((ob.id, ob.indicator, ob.value, ob.period, (ob.subject,)) for ob in picked),
        indicators,
        subject,
        keep,
    )


#: An observation as :func:`_collect` reads it: its id, indicator, value, period and subjects.
_Observed: TypeAlias = tuple[Hashable, Any, Any, Any, Iterable[Hashable]]


def _collect(
    observations: Iterable[_Observed],
    indicators: tuple[str, ...],
    subject: Hashable | None,
    keep: Callable[[Hashable], bool] | None,
) -> dict[str, dict[Hashable, dict[str | None, Number]]]:
    """The series of :func:`_series`, from the observations of a graph or an index."""
    out: dict[str, dict[Hashable, dict[str | None, Number]]] = {i: {} for i in indicators}
    for o, indicator, value, period, subjects in observations:
        found = out.get(indicator)
        if found is None:
            continue
        if not is_finite_number(value):
            raise SpecError(
                [Problem("invalid-value", _obs_path(o), f"value {value!r} is not a finite number")]
            )
        for s in subjects:
            if (subject is not None and s != subject) or (keep is not None and not keep(s)):
                continue
            by_period = found.setdefault(s, {})
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


def _check_period(period: object) -> None:
    """A period is text, as observations give it: a number (``2021``) would match none."""
    if period is not None and not isinstance(period, str):
        raise TypeError(
            f"period is a string such as '2021', not {period!r} ({type(period).__name__}), "
            "which no observation's period equals"
        )


def _latest(periods: Sequence[str | None] | dict[str | None, Any]) -> str | None:
    """The latest of some periods, by their end and then their start (``None``, and a
    period that names no date, oldest); of periods alike (``"2021"`` and
    ``"2021-01-01/2021-12-31"``), the one listed last, as
    :meth:`StructureIndex.latest <govmodel.index.StructureIndex.latest>` reads them."""
    return max(reversed(periods), key=_period_key)


def _obs_path(o: Hashable) -> str:
    return f"$.observations[?(@.id=={str(o)!r})]"


def _exact_total(value: int | Fraction, exact: bool) -> Number:
    return value if exact and isinstance(value, int) else float(value)


def _mean(total: int | Fraction, count: int) -> float:
    return math.nan if count == 0 else float(Fraction(total) / count)


def rollup(
    G: GraphOrIndex,
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
    indicator ``attribute`` (for ``period``, or the latest when ``period`` is ``None``: by
    the end of the period, then its start, and of two periods alike the one listed last, as
    :meth:`StructureIndex.latest <govmodel.index.StructureIndex.latest>` reads it), and
    otherwise its node attribute ``attribute`` (attributes hold in every period). Units with
    neither have none: they count in ``units`` but not in ``count``.

    Parameters
    ----------
    G
        A govmodel graph or a :class:`~govmodel.index.StructureIndex`.
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
    TypeError
        If ``G`` is neither a networkx graph nor a ``StructureIndex``, or ``period`` is not a
        string (``2023`` for ``"2023"``).
    ValueError
        If ``how`` or ``recorded`` is unknown, a unit's attribute is not a number, or the
        values add up (or one is) beyond a float's range.
    SpecError
        If the containment edges are not a forest, or a unit has two observations of the
        indicator for one period.

    Notes
    -----
    Complexity :math:`O(n + m + k)` for :math:`n` units, :math:`m` containment edges and
    :math:`k` observations. Fractions are used only when a value is a ``float``. On an index,
    integer sums over every subtree are one vectorised pass per level
    (:meth:`~govmodel.index.StructureIndex.subtree_sums`).

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
    >>> from govmodel.index import StructureIndex
    >>> ix = StructureIndex.of(govmodel.datasets.load("xihu"))
    >>> rollup(ix, "households").values == r.values
    True
    """
    if how not in ("sum", "mean"):
        raise ValueError(f"unknown how {how!r}; expected 'sum' or 'mean'")
    _check_period(period)
    if recorded not in ("inclusive", "own"):
        raise ValueError(f"unknown recorded {recorded!r}; expected 'inclusive' or 'own'")
    tree: _Tree
    value_of: Callable[[int], Any]
    if _on_index(G, "rollup"):
        tree = _index_tree(G, "containment")
        series = _index_series(G, (attribute,), units=True) if include_observations else {}
        # A key that is no string is no unit's, as the graph's attribute dicts read it (a
        # key that cannot be one raises their TypeError).
        value_of = (
            G.unit_attribute(attribute).__getitem__
            if isinstance(attribute, str)
            else lambda u: {}.get(attribute)
        )
    else:
        tree = _graph_tree(G, "containment")
        series = _series(G, (attribute,), entity="unit") if include_observations else {}
        nodes, ids = G.nodes, tree.ids
        value_of = lambda u: nodes[ids[u]].get(attribute)  # noqa: E731
    code = tree.find
    observed = {code(s): v for s, v in series[attribute].items()} if series else {}
    return _rollup(tree, attribute, how, recorded, period, observed, value_of)


def _rollup(
    tree: _Tree,
    attribute: str,
    how: Literal["sum", "mean"],
    recorded: Literal["inclusive", "own"],
    period: str | None,
    observed: Mapping[int | None, dict[str | None, Number]],
    value_of: Callable[[int], Any],
) -> Rollup:
    """:func:`rollup` on a forest: ``observed`` gives the observations of each unit by code,
    ``value_of`` each unit's attribute."""
    order, ids, names = tree.order, tree.ids, tree.names
    own: dict[int, Number] = {}
    for u in order:
        series = observed.get(u)
        if series:
            when = period if period is not None else _latest(series)
            if when in series:
                own[u] = series[when]
                continue
        value = value_of(u)
        if value is None:
            continue
        if not is_finite_number(value):
            raise ValueError(
                f"unit {ids[u]!r} has {attribute}={value!r}, which is not a finite number"
            )
        own[u] = value
    exact = all(type(v) is int for v in own.values())
    inclusive = recorded == "inclusive"
    n = len(ids)
    parent = tree.parent
    size = tree.sums([1] * n)
    mismatches: dict[int, tuple[Number, int | Fraction]] = {}
    totals: list[Any]
    if exact:
        has = [0] * n
        x = [0] * n
        for u, v in own.items():
            has[u], x[u] = 1, v  # type: ignore[assignment]
        if inclusive:
            # Bottom-up: a unit with a value keeps it, one without takes its children's sum.
            totals, count = list(x), list(has)
            below, below_n = [0] * n, [0] * n
            for u in reversed(order):
                if has[u]:
                    if below_n[u] and below[u] != x[u]:
                        mismatches[u] = (x[u], below[u])
                else:
                    totals[u], count[u] = below[u], below_n[u]
                p = parent[u]
                if p >= 0:
                    below[p] += totals[u]
                    below_n[p] += count[u]
        else:
            totals, count = tree.sums(x), tree.sums(has)
    else:
        zero = Fraction(0)
        ftotal: list[Fraction] = [zero] * n
        fcount = [0] * n
        fbelow: list[Fraction] = [zero] * n
        fbelow_n = [0] * n
        for u in reversed(order):
            xv = own.get(u)
            t, c = fbelow[u], fbelow_n[u]
            if xv is None:
                ftotal[u], fcount[u] = t, c
            elif inclusive:
                fx = Fraction(xv)
                ftotal[u], fcount[u] = fx, 1
                if c and t != fx:
                    mismatches[u] = (xv, t)
            else:
                ftotal[u], fcount[u] = t + Fraction(xv), c + 1
            p = parent[u]
            if p >= 0:
                fbelow[p] += ftotal[u]
                fbelow_n[p] += fcount[u]
        totals, count = ftotal, fcount
    level_total: dict[str, Any] = {}
    level_count: dict[str, int] = {}
    level_units: dict[str, int] = {}
    kinds = tree.kinds
    for u in order:
        kind = kinds[u]
        level_units[kind] = level_units.get(kind, 0) + 1
        xv = own.get(u)
        if xv is not None:
            level_total[kind] = level_total.get(kind, 0) + (xv if exact else Fraction(xv))
            level_count[kind] = level_count.get(kind, 0) + 1

    def aggregate(t: Any, c: int, units: int) -> Aggregate:
        return Aggregate(total=_exact_total(t, exact), count=c, units=units, mean=_mean(t, c))

    try:
        by_unit = {names[u]: aggregate(totals[u], count[u], size[u]) for u in order}
        by_level = {
            k: aggregate(level_total.get(k, 0 if exact else Fraction(0)), level_count.get(k, 0), m)
            for k, m in sorted(level_units.items(), key=lambda kv: _kind_order(kv[0]))
        }
        roots = tree.roots()
        grand = aggregate(
            sum((totals[r] for r in roots), 0 if exact else Fraction(0)),
            sum(count[r] for r in roots),
            len(order),
        )
        below_sums = {
            names[u]: (mismatches[u][0], _exact_total(mismatches[u][1], exact))
            for u in order
            if u in mismatches
        }
    except OverflowError:  # a total (or an int value) beyond a float's range
        raise ValueError(
            f"the values of {attribute!r} add up beyond a float's range: no total or mean of "
            "them can be made (govmodel.validate reports it as number-out-of-range)"
        ) from None
    values = {u: (a.total if how == "sum" else a.mean) for u, a in by_unit.items()}
    return Rollup(
        attribute=attribute,
        how=how,
        recorded=recorded,
        period=period,
        own={names[u]: v for u, v in own.items()},
        by_unit=by_unit,
        by_level=by_level,
        total=grand,
        values=values,
        mismatches=below_sums,
    )
