"""Structural measures of governance graphs: Krackhardt's dimensions, Freeman centralization,
brokerage roles and their z-scores, the E-I index, Burt's structural holes, global reaching
centrality, transitivity and reciprocity.

Every function takes any networkx graph (``Graph``, ``DiGraph``, ``MultiGraph`` or
``MultiDiGraph``) and returns one fixed type. Unless a docstring says otherwise, the graph is
*dichotomized* first: parallel edges collapse to one tie, self-loops are ignored (sna's
``diag=FALSE``), and edge weights and other attributes are ignored (an edge of weight 0 is a
tie). A directed graph is read as sna's ``mode="digraph"``; an undirected graph as a symmetric
digraph, that is sna's ``mode="graph"`` (each edge is a tie in both directions). The values are
those of R package sna (Butts) on the 0/1 adjacency matrix of the graph. On a valued matrix
two of sna's functions use the tie values where govmodel does not: ``degree`` (so
``centralization(g, degree)``) sums them and ``efficiency`` sums them as its count of ties
(a tie of value 3 counts three times). sna has no
consistent reading of parallel edges: given a multiplex ``network`` object, sna 2.7 counts
each of them in ``degree``, ``betweenness``, ``grecip`` and ``brokerage`` (its counts and its
density) and fails in ``efficiency``, ``hierarchy``, ``lubness`` and ``gtrans``; govmodel
collapses them everywhere.

The Krackhardt dimensions, the centralizations, the brokerage counts, expected values and
z-scores, transitivity and reciprocity agree with sna 2.7 to
1e-9 on the reference graphs of ``tests/fixtures/sna`` (made by ``tools/sna/make_fixtures.R``);
where sna returns ``NaN`` (or fails) these functions return :data:`math.nan`. See
``docs/measures/structural.md`` for the formulas, the references and the notes on sna.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Hashable, Iterable, Mapping
from typing import Final, Literal

import attrs
import networkx as nx

from govmodel.metrics.hierarchy import _check_graph

__all__ = [
    "BROKERAGE_ROLES",
    "BrokerageRoles",
    "CentralizationMeasure",
    "ReciprocityMeasure",
    "brokerage",
    "brokerage_roles",
    "centralization",
    "constraint",
    "effective_size",
    "ei_index",
    "global_reaching_centrality",
    "grecip",
    "gtrans",
    "krackhardt",
]

#: The Gould-Fernandez brokerage roles, in the order of the columns of sna's
#: ``brokerage(g, cl)$raw.nli`` (``w_I``, ``w_O``, ``b_IO``, ``b_OI``, ``b_O``).
BROKERAGE_ROLES: Final = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")

#: The node-level indices that :func:`centralization` can centralize.
CentralizationMeasure = Literal["degree", "betweenness", "closeness"]

_MEASURES: Final = ("degree", "betweenness", "closeness")

#: The reciprocity measures of :func:`grecip`, as sna's ``grecip(measure = ...)``.
ReciprocityMeasure = Literal["dyadic", "dyadic.nonnull", "edgewise", "edgewise.lrr"]

_RECIPROCITY: Final = ("dyadic", "dyadic.nonnull", "edgewise", "edgewise.lrr")


# ------------------------------------------------------------------------------------------------
# The dichotomized graph, as integer-coded successor sets.


class _Simple:
    """A graph dichotomized as sna sees it: nodes ``0..n-1`` in ``G``'s node order, ``succ[i]``
    the set of heads of the ties from ``i`` (no self-loops, no parallel ties) and ``pred[i]``
    the tails of the ties to ``i``. An undirected graph becomes a symmetric digraph."""

    __slots__ = ("directed", "index", "n", "nodes", "pred", "succ")

    def __init__(self, G: nx.Graph) -> None:
        self.nodes: list[Hashable] = list(G)
        self.n = len(self.nodes)
        self.index: dict[Hashable, int] = {v: i for i, v in enumerate(self.nodes)}
        self.directed: bool = bool(G.is_directed())
        index = self.index
        adjacency = G.succ if self.directed else G.adj
        # a self-loop is left out by position, not by ``w != v``: a node labelled NaN is not
        # equal to itself
        self.succ: list[set[int]] = [
            {index[w] for w in adjacency[v]} - {i} for i, v in enumerate(self.nodes)
        ]
        if self.directed:
            self.pred: list[set[int]] = [
                {index[w] for w in G.pred[v]} - {i} for i, v in enumerate(self.nodes)
            ]
        else:
            self.pred = self.succ

    def arcs(self) -> int:
        """The number of ties, counting an undirected edge as two (one each way)."""
        return sum(len(s) for s in self.succ)

    def weak_components(self) -> list[list[int]]:
        """The weak components, each a list of node indices."""
        seen = [False] * self.n
        components: list[list[int]] = []
        for start in range(self.n):
            if seen[start]:
                continue
            seen[start] = True
            component = [start]
            queue = deque([start])
            while queue:
                u = queue.popleft()
                neighbours = (self.succ[u] | self.pred[u]) if self.directed else self.succ[u]
                for w in neighbours:
                    if not seen[w]:
                        seen[w] = True
                        component.append(w)
                        queue.append(w)
            components.append(component)
        return components

    def reachability(
        self, component: list[int], *, upward: bool = True
    ) -> tuple[list[int], list[int], list[int]]:
        """Reachability inside one weak component, as bit sets over positions in ``component``.

        Returns ``(reach, reached_by, scc_sizes)``: ``reach[p]`` has bit ``q`` set when
        ``component[p]`` reaches ``component[q]`` by a directed path, and ``reached_by[p]`` when
        ``component[q]`` reaches ``component[p]``; both are reflexive (bit ``p`` is set), as in
        sna's ``reachability()``. ``scc_sizes`` lists the sizes of the strong components.
        With ``upward=False`` ``reached_by`` is left empty.
        """
        local = {v: p for p, v in enumerate(component)}
        H = nx.DiGraph()
        H.add_nodes_from(range(len(component)))
        H.add_edges_from((local[u], local[w]) for u in component for w in self.succ[u])
        C = nx.condensation(H)
        members = [0] * len(C)
        for c, data in C.nodes(data=True):
            for p in data["members"]:
                members[c] |= 1 << p
        order = list(nx.topological_sort(C))
        down = [0] * len(C)
        for c in reversed(order):
            bits = members[c]
            for s in C.succ[c]:
                bits |= down[s]
            down[c] = bits
        scc = C.graph["mapping"]
        reach = [down[scc[p]] for p in range(len(component))]
        reached_by: list[int] = []
        if upward:
            up = [0] * len(C)
            for c in order:
                bits = members[c]
                for s in C.pred[c]:
                    bits |= up[s]
                up[c] = bits
            reached_by = [up[scc[p]] for p in range(len(component))]
        return reach, reached_by, [len(data["members"]) for _, data in C.nodes(data=True)]


def _bits(mask: int) -> Iterable[int]:
    """The positions of the set bits of ``mask``."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def _ratio(numerator: float, denominator: float) -> float:
    """``numerator / denominator``, or NaN when the denominator is zero (R's ``0/0``)."""
    return numerator / denominator if denominator else math.nan


def _check_nodes(G: nx.Graph, nodes: Iterable[Hashable] | None) -> list[Hashable] | None:
    if nodes is None:
        return None
    wanted = list(nodes)
    for v in wanted:
        if v not in G:
            raise ValueError(f"node {v!r} in `nodes` is not a node of the graph")
    return wanted


def _group_of(G: nx.Graph, groups: Mapping[Hashable, Hashable]) -> dict[Hashable, Hashable]:
    group_of: dict[Hashable, Hashable] = {}
    for v in G:
        try:
            group_of[v] = groups[v]
        except KeyError:
            raise ValueError(f"node {v!r} of the graph has no group in `groups`") from None
        label = group_of[v]
        if label != label:  # NaN: two nodes labelled so would be of one group and not
            raise ValueError(
                f"node {v!r} of the graph has the group {label!r}, which is not equal to itself"
            )
    return group_of


# ------------------------------------------------------------------------------------------------
# Krackhardt's graph-theoretic dimensions of informal organizations.


def krackhardt(G: nx.Graph) -> dict[str, float]:
    r"""Krackhardt's four graph-theoretic dimensions of hierarchy, as computed by R package sna.

    An organization is a perfect hierarchy (an *out-tree*) when it scores 1 on all four:

    ``connectedness`` (sna ``connectedness``)
        The share of unordered pairs of nodes joined by a semipath (in the same weak component):

        .. math:: \mathrm{Con} = \frac{\sum_c \binom{n_c}{2}}{\binom{n}{2}}

        over the weak components :math:`c` of sizes :math:`n_c`; 1 when :math:`n \le 1` (sna).
    ``hierarchy`` (sna ``hierarchy(measure = "krackhardt")``)
        One minus the share of reachable unordered pairs that reach each other:

        .. math:: \mathrm{Hie} = 1 - \frac{M}{M + A}

        where, in the reachability digraph, :math:`M` is the number of mutual dyads and
        :math:`A` the number of asymmetric dyads. NaN when no node reaches another.
    ``efficiency`` (sna ``efficiency``)
        One minus the share of the ties beyond those needed to keep each weak component
        connected, out of the most such ties there could be:

        .. math:: \mathrm{Eff} = 1 - \frac{m - \sum_c (n_c - 1)}{\sum_c (n_c - 1)^2}

        where :math:`m` counts directed ties (a mutual pair counts twice; an undirected edge
        counts twice). NaN when every weak component is a single node.
    ``lub`` (sna ``lubness``)
        One minus the share of pairs of nodes without a least upper bound, over the weak
        components of more than two nodes:

        .. math:: \mathrm{LUB} = 1 - \frac{V}{\sum_{c : n_c > 2} (n_c - 1)(n_c - 2) / 2}

        where :math:`V` counts the unordered pairs :math:`\{i, j\}` of such a component whose set
        :math:`U_{ij}` of upper bounds (nodes that reach both, :math:`i` and :math:`j`
        included; reachability is reflexive) has no member that reaches every member of
        :math:`U_{ij}`. NaN when no weak component has more than two nodes.

    Parameters
    ----------
    G : networkx graph
        Any graph. Parallel edges collapse, self-loops and weights are ignored; an undirected
        graph is read as a symmetric digraph (so its hierarchy is 0, and its efficiency counts
        each edge twice), exactly as sna reads a symmetric adjacency matrix. sna's
        ``efficiency`` of a valued matrix counts the tie values in :math:`m` (a tie of value
        3 as three ties); this function counts ties, as sna does on the 0/1 matrix.

    Returns
    -------
    dict[str, float]
        Keys ``"connectedness"``, ``"hierarchy"``, ``"efficiency"`` and ``"lub"``, each in
        :math:`[0, 1]` or NaN (see above).

    Notes
    -----
    These are sna 2.7's definitions, which differ in places from Krackhardt's text: sna's
    efficiency counts directed ties against :math:`(n_c - 1)^2` per component, and sna's
    ``lubness`` asks for an upper bound that reaches all other upper bounds (a *greatest*
    common superior) where Krackhardt asks for a *least* one; in a graph whose upper bounds
    form chains (every out-tree) the two agree. Self-loops do not count; with one node only
    ``connectedness`` is defined (1).

    Complexity: quadratic. Time :math:`O(n m / w)` for the reachability bit sets (:math:`w` the
    machine word), then one step, :math:`O(n_c / w)`, for each of the :math:`O(n_c^2)` pairs
    of nodes of a weak component for LUB, whatever the number and size of their sets of upper
    bounds (a pair passes when its upper bounds hold exactly one source strong component);
    memory :math:`O(n_c^2 / 8)` bytes for the largest weak component of :math:`n_c`
    nodes (a tree of 1,500 nodes takes about 0.1 s). Apply it to one compound, community or
    organization at a time rather than to a whole city.

    References
    ----------
    Krackhardt, D. (1994). Graph theoretical dimensions of informal organizations. In
    K. M. Carley & M. J. Prietula (Eds.), *Computational Organization Theory* (pp. 89-111).
    Hillsdale, NJ: Lawrence Erlbaum. Butts, C. T. (2008). Social network analysis with sna.
    *Journal of Statistical Software*, 24(6).

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.metrics.structural import krackhardt
    >>> krackhardt(nx.balanced_tree(2, 2, create_using=nx.DiGraph))
    {'connectedness': 1.0, 'hierarchy': 1.0, 'efficiency': 1.0, 'lub': 1.0}
    >>> G = nx.DiGraph([("a", "x"), ("b", "x"), ("x", "c"), ("x", "d")])
    >>> scores = krackhardt(G)
    >>> round(scores["lub"], 4), scores["efficiency"]
    (0.3333, 1.0)
    """
    _check_graph(G, "krackhardt")
    simple = _Simple(G)
    n = simple.n
    components = simple.weak_components()

    pairs_joined = sum(len(c) * (len(c) - 1) // 2 for c in components)
    connectedness = 1.0 if n <= 1 else pairs_joined / (n * (n - 1) / 2)

    required = sum(len(c) - 1 for c in components)
    most = sum((len(c) - 1) ** 2 for c in components)
    efficiency = 1.0 - _ratio(simple.arcs() - required, most)

    reachable_pairs = 0  # ordered pairs (i, j), i != j, i reaches j
    mutual_pairs = 0  # unordered pairs reaching each other: pairs within a strong component
    violations = 0
    most_violations = 0
    for component in components:
        if len(component) == 1:
            continue
        reach, reached_by, scc_sizes = simple.reachability(component)
        reachable_pairs += sum(r.bit_count() - 1 for r in reach)
        mutual_pairs += sum(s * (s - 1) // 2 for s in scc_sizes)
        size = len(component)
        if size > 2:
            most_violations += (size - 1) * (size - 2) // 2
            violations += _lub_violations(reach, reached_by)
    asymmetric_pairs = reachable_pairs - 2 * mutual_pairs
    hierarchy = 1.0 - _ratio(mutual_pairs, mutual_pairs + asymmetric_pairs)
    lub = 1.0 - _ratio(violations, most_violations)
    return {
        "connectedness": float(connectedness),
        "hierarchy": float(hierarchy),
        "efficiency": float(efficiency),
        "lub": float(lub),
    }


def _lub_violations(reach: list[int], reached_by: list[int]) -> int:
    """Pairs whose upper bounds have no member reaching them all (sna's ``lubness_con_R``).

    The upper bounds :math:`U` of a pair are closed upwards (whatever reaches an upper bound
    is one), so a member of :math:`U` reaches all of :math:`U` exactly when :math:`U` holds
    one source strong component (one that nothing outside it reaches): that component then
    reaches every member, while two such components do not reach each other. With one node
    marked for each source component, a pair is a violation unless its bounds hold exactly
    one mark: one step a pair, whatever the size of :math:`U`.
    """
    size = len(reach)
    sources = 0  # the lowest node of each source strong component
    for k in range(size):
        above = reached_by[k]
        if above & ~reach[k] == 0 and above & -above == 1 << k:
            sources |= 1 << k
    violations = 0
    for i in range(size):
        above_i = reached_by[i] & sources
        for j in range(i + 1, size):
            violations += (above_i & reached_by[j]).bit_count() != 1
    return violations


# ------------------------------------------------------------------------------------------------
# Freeman centralization.


def centralization(G: nx.Graph, measure: CentralizationMeasure) -> float:
    r"""Freeman's centralization of degree, betweenness or closeness, normalized as sna does.

    .. math::

        C = \frac{\sum_i \left(\max_j c_j - c_i\right)}{\max_{G'} \sum_i
            \left(\max_j c'_j - c'_i\right)}

    where :math:`c_i` is the node index and the denominator is sna's theoretical maximum for a
    graph of :math:`n` nodes (``tmaxdev = TRUE``), as in sna's
    ``centralization(g, FUN, mode, normalize = TRUE)``:

    ============  ============================================  =========================
    ``measure``   :math:`c_i` (sna defaults)                    maximum, digraph / graph
    ============  ============================================  =========================
    degree        digraph: in-degree + out-degree               :math:`2(n-1)(n-2)` /
                  (``cmode="freeman"``); graph: degree          :math:`(n-1)(n-2)`
    betweenness   :math:`\sum_{s \ne i \ne t} \sigma_{st}(i) /  :math:`(n-1)^2(n-2)` /
                  \sigma_{st}` over ordered pairs; halved for   :math:`(n-1)^2(n-2)/2`
                  a graph
    closeness     :math:`(n-1) / \sum_j d(i, j)` over           :math:`(n-1)(1 - 1/n)` /
                  out-distances; 0 when :math:`i` does not      :math:`(n-1)(n-2)/(2n-3)`
                  reach every node
    ============  ============================================  =========================

    Parameters
    ----------
    G : networkx graph
        A directed graph is read as sna's ``mode="digraph"``, an undirected graph as
        ``mode="graph"``. Parallel edges collapse, self-loops are ignored (``diag=FALSE``) and
        so are edge weights: the result is sna's on the 0/1 adjacency matrix. (sna's
        ``degree`` sums the tie values of a valued matrix, ``ignore.eval = FALSE``, while its
        maximum assumes 0/1 ties; its betweenness and closeness ignore the values.)
    measure : {"degree", "betweenness", "closeness"}
        The node index to centralize, with sna's default ``cmode``: total degree
        (``"freeman"``; sna's ``cmode="indegree"`` and ``"outdegree"`` are not offered),
        directed (or, for an undirected graph, undirected) betweenness and closeness.

    Returns
    -------
    float
        The centralization; NaN when the maximum is 0 (:math:`n \le 2`, or :math:`n \le 1`
        for directed closeness) or the graph is empty.

    Raises
    ------
    ValueError
        If ``measure`` is not one of the three names.

    Notes
    -----
    Directed closeness centralization is *not* bounded by 1 in sna: the maximum assumes that
    every node reaches every other, while a node that does not scores 0 (an out-star of
    :math:`n` nodes scores :math:`n / (n - 1)`). This function returns sna's value.

    Complexity: degree :math:`O(n + m)`; betweenness and closeness :math:`O(n m)` time
    (Brandes' algorithm, one breadth-first search a node) and :math:`O(n + m)` memory.

    References
    ----------
    Freeman, L. C. (1979). Centrality in social networks: conceptual clarification. *Social
    Networks*, 1(3), 215-239. Butts, C. T. (2008). Social network analysis with sna. *Journal
    of Statistical Software*, 24(6).

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.metrics.structural import centralization
    >>> centralization(nx.star_graph(4), "degree")
    1.0
    >>> G = nx.balanced_tree(2, 2, create_using=nx.DiGraph)
    >>> round(centralization(G, "betweenness"), 4)
    0.0556
    """
    _check_graph(G, "centralization")
    if measure not in _MEASURES:
        raise ValueError(
            f"unknown centralization measure {measure!r}; expected one of {', '.join(_MEASURES)}"
        )
    simple = _Simple(G)
    n = simple.n
    if n == 0:
        return math.nan
    directed = simple.directed
    scores: list[float]
    most: float
    if measure == "degree":
        if directed:
            scores = [float(len(simple.succ[i]) + len(simple.pred[i])) for i in range(n)]
            most = (n - 1) * (2 * (n - 1) - 2)
        else:
            scores = [float(len(s)) for s in simple.succ]
            most = (n - 1) * (n - 2)
    elif measure == "betweenness":
        H = nx.DiGraph() if directed else nx.Graph()
        H.add_nodes_from(range(n))
        H.add_edges_from((i, j) for i in range(n) for j in simple.succ[i])
        between = nx.betweenness_centrality(H, normalized=False)
        scores = [float(between[i]) for i in range(n)]
        most = (n - 1) ** 2 * (n - 2) if directed else (n - 1) ** 2 * (n - 2) / 2
    else:
        scores = _closeness(simple)
        most = (n - 1) * (1 - 1 / n) if directed else (n - 2) * (n - 1) / (2 * n - 3)
    top = max(scores)
    return _ratio(sum(top - s for s in scores), most)


def _distances(simple: _Simple, source: int) -> list[int]:
    """The distances from ``source`` to the nodes it reaches (itself first), in BFS order."""
    seen = {source}
    distances = [0]
    frontier = [source]
    d = 0
    while frontier:
        d += 1
        following = []
        for u in frontier:
            for w in simple.succ[u]:
                if w not in seen:
                    seen.add(w)
                    following.append(w)
        distances.extend([d] * len(following))
        frontier = following
    return distances


def _closeness(simple: _Simple) -> list[float]:
    """sna's ``closeness(cmode = "directed")``: (n - 1) / sum of out-distances, 0 when a node
    does not reach all others (R's sum is then Inf); NaN for a single node (R's 0/0)."""
    n = simple.n
    if n == 1:
        return [math.nan]
    scores: list[float] = []
    for source in range(n):
        distances = _distances(simple, source)
        scores.append((n - 1) / sum(distances) if len(distances) == n else 0.0)
    return scores


# ------------------------------------------------------------------------------------------------
# Brokerage and the E-I index.


def brokerage(G: nx.Graph, groups: Mapping[Hashable, Hashable]) -> dict[Hashable, dict[str, int]]:
    r"""Gould and Fernandez's brokerage roles of every node, as sna's ``brokerage()$raw.nli``.

    Node :math:`b` brokers each ordered two-path :math:`a \to b \to c` with :math:`a`,
    :math:`b`, :math:`c` distinct and no tie :math:`a \to c`. The role depends on the groups
    :math:`g(\cdot)`:

    ==================  ==========  =========================================
    role                sna column  groups
    ==================  ==========  =========================================
    ``coordinator``     ``w_I``     :math:`g(a) = g(b) = g(c)`
    ``itinerant``       ``w_O``     :math:`g(a) = g(c) \ne g(b)`
    ``representative``  ``b_IO``    :math:`g(a) = g(b) \ne g(c)`
    ``gatekeeper``      ``b_OI``    :math:`g(a) \ne g(b) = g(c)`
    ``liaison``         ``b_O``     :math:`g(a)`, :math:`g(b)`, :math:`g(c)` all different
    ==================  ==========  =========================================

    Parameters
    ----------
    G : networkx graph
        Parallel edges collapse, self-loops and weights are ignored. An undirected edge is a
        tie both ways, so in an undirected graph every brokered path counts in both directions.
    groups : mapping
        The group label of every node of ``G`` (labels compare by equality); keys that are not
        nodes of ``G`` are ignored.

    Returns
    -------
    dict
        ``{node: {"coordinator": int, "itinerant": int, "representative": int,
        "gatekeeper": int, "liaison": int}}`` for every node, in ``G``'s node order, keys in
        the order of :data:`BROKERAGE_ROLES` (sna's column order).

    Raises
    ------
    ValueError
        If a node of ``G`` has no group, or a group not equal to itself (NaN).

    Notes
    -----
    Complexity: :math:`O(\sum_b d^-(b) \, d^+(b))` time, :math:`O(n + m)` memory.

    References
    ----------
    Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: a formal approach to
    brokerage in transaction networks. *Sociological Methodology*, 19, 89-126. Butts, C. T.
    (2008). Social network analysis with sna. *Journal of Statistical Software*, 24(6).

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.metrics.structural import brokerage
    >>> G = nx.DiGraph([("resident", "secretary"), ("secretary", "property")])
    >>> groups = {"resident": "owners", "secretary": "party", "property": "company"}
    >>> brokerage(G, groups)["secretary"]
    {'coordinator': 0, 'itinerant': 0, 'representative': 0, 'gatekeeper': 0, 'liaison': 1}
    """
    _check_graph(G, "brokerage")
    group_of = _group_of(G, groups)
    simple = _Simple(G)
    group = [group_of[v] for v in simple.nodes]
    result: dict[Hashable, dict[str, int]] = {}
    for b in range(simple.n):
        counts = [0, 0, 0, 0, 0]
        gb = group[b]
        heads = simple.succ[b]
        for a in simple.pred[b]:
            ga = group[a]
            ties_of_a = simple.succ[a]
            for c in heads:
                if c == a or c in ties_of_a:
                    continue
                gc = group[c]
                if ga == gb:
                    counts[0 if gb == gc else 2] += 1
                elif gb == gc:
                    counts[3] += 1
                elif ga == gc:
                    counts[1] += 1
                else:
                    counts[4] += 1
        result[simple.nodes[b]] = dict(zip(BROKERAGE_ROLES, counts, strict=True))
    return result


@attrs.frozen
class BrokerageRoles:
    """Gould and Fernandez's brokerage roles with their expected values and z-scores.

    Returned by :func:`brokerage_roles`. Every mapping is keyed by the roles of
    :data:`BROKERAGE_ROLES`, in that order.

    Attributes
    ----------
    raw
        ``{node: {role: count}}``: the two-paths each node brokers, by role (sna ``raw.nli``).
    expected
        ``{node: {role: expected count}}`` under the null of a random graph of the same
        density and group sizes (sna ``exp.nli``).
    z
        ``{node: {role: z-score}}``, ``(raw - expected) / sd`` (sna ``z.nli``).
    group_raw
        ``{role: count}``: the counts of all nodes together (sna ``raw.gli``).
    group_expected
        ``{role: expected count}`` for the whole graph (sna ``exp.gli``).
    group_z
        ``{role: z-score}`` for the whole graph (sna ``z.gli``).
    """

    raw: dict[Hashable, dict[str, float]]
    expected: dict[Hashable, dict[str, float]]
    z: dict[Hashable, dict[str, float]]
    group_raw: dict[str, float]
    group_expected: dict[str, float]
    group_z: dict[str, float]


def _r_divide(numerator: float, denominator: float) -> float:
    """IEEE division as R does it: ``x / 0`` is ``±Inf`` and ``0 / 0`` is NaN."""
    if denominator == 0 or math.isnan(denominator):
        if math.isnan(numerator) or math.isnan(denominator) or numerator == 0:
            return math.nan
        return math.copysign(math.inf, numerator)
    return numerator / denominator


def _r_sqrt(x: float) -> float:
    """``sqrt`` as R does it: NaN for a negative number or NaN."""
    return math.sqrt(x) if x >= 0 else math.nan


def _choose2(x: float) -> float:
    return x * (x - 1) / 2


def brokerage_roles(G: nx.Graph, groups: Mapping[Hashable, Hashable]) -> BrokerageRoles:
    r"""Brokerage roles with expected values and z-scores, as sna's ``brokerage()``.

    The raw counts are those of :func:`brokerage`. Gould and Fernandez compare each count with
    its expectation in a random digraph of the same density

    .. math:: d = \frac{m}{N (N - 1)}

    (:math:`m` ties among :math:`N` nodes), where each open two-path :math:`a \to b \to c`
    occurs with probability :math:`p = d^2 (1 - d)`. For a node of a group of size
    :math:`n_i`, with :math:`n_j` the sizes of the other groups and :math:`q = d^3 (1 - d)^3`:

    ==============  ========================================================  =============================================================================================
    role            expected count :math:`E`                                  variance :math:`V`
    ==============  ========================================================  =============================================================================================
    coordinator     :math:`p (n_i - 1)(n_i - 2)`                              :math:`E (1 - p) + 2 (n_i - 1)(n_i - 2)(n_i - 3)\, q`
    itinerant       :math:`p \sum_{j \ne i} n_j (n_j - 1)`                    :math:`E (1 - p) + 2 \sum_{j \ne i} n_j (n_j - 1)(n_j - 2)\, q`
    representative  :math:`p (N - n_i)(n_i - 1)`                              :math:`E (1 - p) + 2 \bigl((n_i - 1)\binom{N - n_i}{2} + (N - n_i)\binom{n_i - 1}{2}\bigr) q`
    gatekeeper      as representative                                         as representative
    liaison         :math:`p \bigl((N - n_i)^2 - \sum_{j \ne i} n_j^2\bigr)`  :math:`E (1 - p) + 4 \sum_{j \ne i} n_j \binom{N - n_j - n_i}{2} q`
    ==============  ========================================================  =============================================================================================

    and :math:`z = (\mathrm{raw} - E) / \sqrt{V}`. The graph-level expectations and variances
    (``group_expected``, ``group_z``) are Gould and Fernandez's sums over all nodes, with
    covariance terms in :math:`d^4 (1 - d)^2` and :math:`d^5 (1 - d)`, exactly as sna 2.7
    computes them (see ``docs/measures/structural.md``).

    Parameters
    ----------
    G : networkx graph
        Parallel edges collapse, self-loops and weights are ignored; an undirected edge is a
        tie both ways (and counts twice in :math:`m`).
    groups : mapping
        The group label of every node of ``G``; keys that are not nodes are ignored.

    Returns
    -------
    BrokerageRoles
        ``raw``, ``expected`` and ``z`` by node (in ``G``'s node order), ``group_raw``,
        ``group_expected`` and ``group_z`` for the graph. Values are floats; a z-score is NaN
        where the variance is 0 and the count equals its expectation (a group of one or two
        nodes, an empty or a complete graph), as in R.

    Raises
    ------
    ValueError
        If a node of ``G`` has no group, or a group not equal to itself (NaN).

    Notes
    -----
    sna counts self-loops in :math:`m` (so in the density) while ignoring them in the raw
    counts; govmodel ignores them throughout, and equals sna on the graph without its loops.
    The expectations are those of Gould and Fernandez's uniform random graph: they do not
    condition on degrees, so in sparse hierarchies most z-scores are large. Complexity: as
    :func:`brokerage`, plus :math:`O(n)`: sna's sums over the other groups and over pairs
    and triples of groups are taken from the power sums of the group sizes, so that a group
    for each node costs no more than one group.

    References
    ----------
    Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: a formal approach to
    brokerage in transaction networks. *Sociological Methodology*, 19, 89-126. Butts, C. T.
    (2008). Social network analysis with sna. *Journal of Statistical Software*, 24(6).

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.metrics.structural import brokerage_roles
    >>> G = nx.DiGraph([("r1", "s"), ("r2", "s"), ("s", "p1"), ("s", "p2"), ("p1", "p2")])
    >>> groups = {"r1": "owners", "r2": "owners", "s": "party", "p1": "firm", "p2": "firm"}
    >>> b = brokerage_roles(G, groups)
    >>> b.raw["s"]["liaison"], round(b.expected["s"]["liaison"], 4), round(b.z["s"]["liaison"], 3)
    (4.0, 0.375, 5.328)
    >>> b.group_raw["liaison"]
    4.0
    """
    _check_graph(G, "brokerage_roles")
    counts = brokerage(G, groups)
    nodes = list(counts)
    group_of = _group_of(G, groups)
    big_n = float(len(nodes))
    d = _ratio(_Simple(G).arcs(), big_n * (big_n - 1)) if nodes else math.nan
    p = d**2 * (1 - d)
    q = d**3 * (1 - d) ** 3
    sizes: dict[Hashable, int] = {}  # the groups in the order of their first node
    for v in nodes:
        sizes[group_of[v]] = sizes.get(group_of[v], 0) + 1
    # sums over the other groups from the power sums of the group sizes, exactly (ints)
    s1 = len(nodes)
    s2 = sum(x**2 for x in sizes.values())
    s3 = sum(x**3 for x in sizes.values())

    per_group: dict[Hashable, tuple[list[float], list[float]]] = {}
    for g, count in sizes.items():
        ni = float(count)
        a = s1 - count  # the nodes of the other groups
        pairs = (s2 - count**2) - a  # sum of n_j (n_j - 1) over the other groups
        expected = [
            p * (ni - 1) * (ni - 2),
            p * pairs,
            p * (big_n - ni) * (ni - 1),
            p * (big_n - ni) * (ni - 1),
            p * (a**2 - (s2 - count**2)),
        ]
        triples = (s3 - count**3) - 3 * (s2 - count**2) + 2 * a  # n_j (n_j - 1)(n_j - 2)
        # sum of n_j (a - n_j)(a - n_j - 1) over the other groups, twice sum n_j C(a - n_j, 2)
        liaisons = (a**2 - a) * a + (1 - 2 * a) * (s2 - count**2) + (s3 - count**3)
        between = ((ni - 1) * _choose2(big_n - ni) + (big_n - ni) * _choose2(ni - 1)) * q
        variance = [
            expected[0] * (1 - p) + 2 * (ni - 1) * (ni - 2) * (ni - 3) * q,
            expected[1] * (1 - p) + 2 * triples * q,
            expected[2] * (1 - p) + 2 * between,
            expected[3] * (1 - p) + 2 * between,
            expected[4] * (1 - p) + 2 * liaisons * q,
        ]
        # + 0.0 turns R's -0 (a product with n_i - 2 = -1 and a zero) into 0
        per_group[g] = ([e + 0.0 for e in expected], [_r_sqrt(v) for v in variance])

    raw: dict[Hashable, dict[str, float]] = {}
    expected_by_node: dict[Hashable, dict[str, float]] = {}
    z: dict[Hashable, dict[str, float]] = {}
    for v in nodes:
        e, sd = per_group[group_of[v]]
        r = [float(counts[v][role]) for role in BROKERAGE_ROLES]
        raw[v] = dict(zip(BROKERAGE_ROLES, r, strict=True))
        expected_by_node[v] = dict(zip(BROKERAGE_ROLES, e, strict=True))
        z[v] = {role: _r_divide(r[k] - e[k], sd[k]) for k, role in enumerate(BROKERAGE_ROLES)}

    group_raw = [sum(raw[v][role] for v in nodes) for role in BROKERAGE_ROLES]
    group_expected, group_variance = _group_brokerage(list(sizes.values()), big_n, d)
    group_z = [
        _r_divide(group_raw[k] - group_expected[k], _r_sqrt(group_variance[k]))
        for k in range(len(BROKERAGE_ROLES))
    ]
    return BrokerageRoles(
        raw=raw,
        expected=expected_by_node,
        z=z,
        group_raw=dict(zip(BROKERAGE_ROLES, group_raw, strict=True)),
        group_expected=dict(zip(BROKERAGE_ROLES, group_expected, strict=True)),
        group_z=dict(zip(BROKERAGE_ROLES, group_z, strict=True)),
    )


def _group_brokerage(sizes: list[int], big_n: float, d: float) -> tuple[list[float], list[float]]:
    """sna's graph-level expectations and variances of the five brokerage counts.

    sna sums over pairs and triples of distinct groups; the sums here are the same, written
    with the power sums of the group sizes (exact, in ints), in time linear in the number of
    groups."""
    n = [float(x) for x in sizes]
    p = d**2 * (1 - d)
    q3 = d**3 * (1 - d) ** 3
    q4 = d**4 * (1 - d) ** 2
    q5 = d**5 * (1 - d)
    s1, s2, s3, s4 = (sum(x**e for x in sizes) for e in (1, 2, 3, 4))
    e1 = p * sum(x * (x - 1) * (x - 2) for x in n)
    v1 = e1 * (1 - p) + sum(
        x * (x - 1) * (x - 2) * ((4 * x - 10) * q3 - 4 * (x - 3) * q4 + (x - 3) * q5) for x in n
    )
    e2 = p * sum(x * (big_n - x) * (x - 1) for x in n)
    # over the ordered pairs (x, y) of distinct groups: x y (x - 1) ((2x + 2y - 6) q3 +
    # (N - x - 1) q5), as the sum over all pairs less that over the pairs (x, x); in ints, so
    # that a single group gives exactly 0, as in sna
    pairs_q3 = sum(x * (x - 1) * ((2 * x - 6) * s1 + 2 * s2 - x * (4 * x - 6)) for x in sizes)
    pairs_q5 = sum(x * (x - 1) * (s1 - x - 1) * (s1 - x) for x in sizes)
    v2 = e2 * (1 - p) + (pairs_q3 * q3 + pairs_q5 * q5)
    e3 = p * sum(x * (big_n - x) * (x - 1) for x in n)
    v3 = e3 * (1 - p) + sum(
        x * (big_n - x) * (x - 1) * ((big_n - 3) * q3 + (x - 2) * q5) for x in n
    )
    # the sum over all pairs (x, y) of x y (N - x - y), less the pairs of a group with itself
    e5 = p * ((s1 * s1**2 - 2 * s1 * s2) - (s1 * s2 - 2 * s3))
    v5 = e5 * (1 - p)
    if len(sizes) >= 3:
        # over the ordered triples of distinct groups (i, j, h): the sums of n_i n_j n_h and
        # of n_i^2 n_j n_h (each of n_i, n_j, n_h squared gives the same sum), by inclusion
        # and exclusion of the triples that repeat a group
        d111 = s1**3 - 3 * s2 * s1 + 2 * s3
        d211 = s2 * s1**2 - 2 * s3 * s1 - s2**2 + 2 * s4
        # n_i n_j n_h (4 (N - n_j) - 2 (n_i + n_h + 1)), and the same with j and h swapped
        cubic = (4 * s1 - 2) * d111 - 8 * d211
        # n_i n_j n_h (N - (n_i + n_h + 1))
        quintic = (s1 - 1) * d111 - 2 * d211
        v5 += cubic * q3 - cubic * q4 + quintic * q5
    return [e1, e2, e3, e3, e5], [v1, v2, v3, v3, v5]


def ei_index(G: nx.Graph, groups: Mapping[Hashable, Hashable]) -> float:
    r"""Krackhardt and Stern's E-I index of the ties between and within groups.

    .. math:: \mathrm{EI} = \frac{E - I}{E + I}

    where :math:`E` counts the ties between nodes of different groups and :math:`I` the ties
    within a group; it runs from -1 (all ties internal) to 1 (all external).

    Parameters
    ----------
    G : networkx graph
        Ties are counted as in the dichotomized adjacency matrix: in a directed graph each
        ordered tie counts once (a reciprocated pair counts twice), in an undirected graph each
        edge once. Parallel edges collapse to one tie; self-loops and weights are ignored.
    groups : mapping
        The group label of every node of ``G``; keys that are not nodes are ignored.

    Returns
    -------
    float
        The index in :math:`[-1, 1]`; NaN when the graph has no tie.

    Raises
    ------
    ValueError
        If a node of ``G`` has no group, or a group not equal to itself (NaN).

    Notes
    -----
    Complexity: :math:`O(n + m)`.

    References
    ----------
    Krackhardt, D., & Stern, R. N. (1988). Informal networks and organizational crises: an
    experimental simulation. *Social Psychology Quarterly*, 51(2), 123-140.

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.metrics.structural import ei_index
    >>> G = nx.Graph([(1, 2), (2, 3), (3, 4)])
    >>> ei_index(G, {1: "a", 2: "a", 3: "b", 4: "b"})
    -0.3333333333333333
    """
    _check_graph(G, "ei_index")
    group_of = _group_of(G, groups)
    simple = _Simple(G)
    group = [group_of[v] for v in simple.nodes]
    external = internal = 0
    for i, heads in enumerate(simple.succ):
        for j in heads:
            if simple.directed or i < j:
                if group[i] == group[j]:
                    internal += 1
                else:
                    external += 1
    return _ratio(external - internal, external + internal)


# ------------------------------------------------------------------------------------------------
# Burt's structural holes.


def _mutual_graph(G: nx.Graph) -> nx.Graph:
    """The undirected simple graph of ``G`` whose edge attribute ``"mutual"`` is the number of
    ties between the two nodes (1, or 2 for a reciprocated pair of a directed graph): Burt's
    mutual weight of the dichotomized graph. Self-loops are dropped."""
    U = nx.Graph()
    U.add_nodes_from(G)
    directed = G.is_directed()
    for u, w in G.edges():
        if u is w or u == w:  # a self-loop, also of a node not equal to itself (NaN)
            continue
        if U.has_edge(u, w):
            continue
        mutual = 2 if directed and G.has_edge(u, w) and G.has_edge(w, u) else 1
        U.add_edge(u, w, mutual=mutual)
    return U


def constraint(G: nx.Graph, *, nodes: Iterable[Hashable] | None = None) -> dict[Hashable, float]:
    r"""Burt's constraint of each node, by :func:`networkx.constraint` on the dichotomized graph.

    .. math::

        c_i = \sum_{j \in N(i)} \Bigl(p_{ij} + \sum_{q \in N(i),\, q \ne i, j} p_{iq}\, p_{qj}
        \Bigr)^2, \qquad p_{ij} = \frac{a_{ij} + a_{ji}}{\sum_k (a_{ik} + a_{ki})}

    where :math:`N(i)` are the in- and out-neighbours of :math:`i` and :math:`a` is the
    dichotomized adjacency matrix.

    Parameters
    ----------
    G : networkx graph
        Direction counts through Burt's mutual weights :math:`a_{ij} + a_{ji}` (a reciprocated
        pair weighs 2, a single tie 1; an undirected edge 1). Parallel edges collapse,
        self-loops and edge weights are ignored.
    nodes : iterable, optional
        The nodes to compute; all nodes by default.

    Returns
    -------
    dict
        Node to constraint, in ``G``'s node order (or the order of ``nodes``); NaN for a node
        without neighbours.

    Raises
    ------
    ValueError
        If a node of ``nodes`` is not in ``G``.

    Notes
    -----
    The result equals :func:`networkx.constraint` of the undirected graph weighted by the
    mutual weights (networkx's directed result, without its node-by-node path treating a
    node with in-ties only as isolated). It is computed on ego networks, as
    :func:`effective_size` is: for each tie :math:`ij` the shared neighbours :math:`q` are
    found from the smaller of :math:`N(i)` and :math:`N(j)`, so the time is
    :math:`O(\sum_i \sum_{j \in N(i)} \min(d_i, d_j))` (that of triangle counting, linear
    in a star or a tree) and the memory :math:`O(n + m)`; networkx takes
    :math:`O(\sum_i d_i^2)` time and, through scipy, memory of the order of the number of
    two-paths (quadratic in the degree of a hub).

    References
    ----------
    Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*. Cambridge,
    MA: Harvard University Press.

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.metrics.structural import constraint
    >>> c = constraint(nx.star_graph(3))
    >>> round(c[0], 4), c[1]
    (0.3333, 1.0)
    """
    _check_graph(G, "constraint")
    wanted = _check_nodes(G, nodes)
    if len(G) == 0 or wanted == []:
        return {}  # as networkx, which raises on an empty graph
    U = _mutual_graph(G)
    order = list(U) if wanted is None else wanted
    total: dict[Hashable, int] = {}

    def total_of(v: Hashable) -> int:
        if v not in total:
            total[v] = sum(d["mutual"] for d in U[v].values())
        return total[v]

    result: dict[Hashable, float] = {}
    for i in order:
        ties = U[i]
        if not ties:
            result[i] = math.nan
            continue
        t_i = total_of(i)
        c = 0.0
        for j, tie in ties.items():
            ties_of_j = U[j]
            small, large = (ties, ties_of_j) if len(ties) <= len(ties_of_j) else (ties_of_j, ties)
            indirect = sum(
                ties[q]["mutual"] / t_i * (ties_of_j[q]["mutual"] / total_of(q))
                for q in small
                if q in large
            )
            c += (tie["mutual"] / t_i + indirect) ** 2
        result[i] = c
    return result


def effective_size(
    G: nx.Graph, *, nodes: Iterable[Hashable] | None = None
) -> dict[Hashable, float]:
    r"""Burt's effective size of each node's ego network, without a dense matrix.

    .. math::

        e_i = \sum_{j \in N(i)} \Bigl(1 - \sum_{q \in N(i)} p_{iq}\, m_{jq}\Bigr),
        \qquad m_{jq} = \frac{a_{jq} + a_{qj}}{\max_k (a_{jk} + a_{kj})}

    with :math:`p` as in :func:`constraint`. When all mutual weights are equal (an undirected
    graph, or a digraph without reciprocated ties) this is Borgatti's shortcut

    .. math:: e_i = n_i - \frac{2 t_i}{n_i} = n_i - (n_i - 1)\, C_i

    where :math:`n_i` is the number of neighbours, :math:`t_i` the number of ties among them
    and :math:`C_i = 2 t_i / (n_i (n_i - 1))` the local clustering coefficient.

    Parameters
    ----------
    G : networkx graph
        Direction counts through Burt's mutual weights, as in :func:`constraint`; parallel
        edges collapse, self-loops and edge weights are ignored.
    nodes : iterable, optional
        The nodes to compute; all nodes by default.

    Returns
    -------
    dict
        Node to effective size, in ``G``'s node order (or the order of ``nodes``); NaN for a
        node without neighbours.

    Raises
    ------
    ValueError
        If a node of ``nodes`` is not in ``G``.

    Notes
    -----
    :func:`networkx.effective_size` builds a dense :math:`n \times n` matrix when scipy is
    installed (some 18 GB for a district of 34,000 nodes); this function works on ego
    networks instead: :math:`O(\sum_i \sum_{j \in N(i)} \min(d_i, d_j))` time (triangle
    counting in the undirected case) and :math:`O(n + m)` memory.

    On an undirected graph the result equals :func:`networkx.effective_size` of the graph
    without self-loops. On a directed graph it follows Burt's formula as networkx's
    node-by-node path does (``nodes`` given); networkx 3.6's sparse path (``nodes=None`` with
    scipy) divides by the strongest tie of the wrong node when mutual weights differ
    (networkx pull request #8906), and its node-by-node path returns NaN for a node with
    in-ties only.

    References
    ----------
    Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*. Cambridge,
    MA: Harvard University Press. Borgatti, S. P. (1997). Structural holes: unpacking Burt's
    redundancy measures. *Connections*, 20(1), 35-38.

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.metrics.structural import effective_size
    >>> effective_size(nx.star_graph(3))
    {0: 3.0, 1: 1.0, 2: 1.0, 3: 1.0}
    >>> effective_size(nx.complete_graph(4))[0]
    1.0
    """
    _check_graph(G, "effective_size")
    wanted = _check_nodes(G, nodes)
    U = _mutual_graph(G)
    order = list(U) if wanted is None else wanted
    if len({w for _, _, w in U.edges(data="mutual")}) <= 1:
        triangles = nx.triangles(U, order if wanted is not None else None)
        result: dict[Hashable, float] = {}
        for v in order:
            k = len(U[v])
            result[v] = k - (2 * triangles[v]) / k if k else math.nan
        return result
    total = {v: sum(d["mutual"] for d in U[v].values()) for v in U}
    strongest = {v: max((d["mutual"] for d in U[v].values()), default=0) for v in U}
    result = {}
    for v in order:
        ties = U[v]
        if not ties:
            result[v] = math.nan
            continue
        size = 0.0
        for j in ties:
            ties_of_j = U[j]
            small, large = (ties, ties_of_j) if len(ties) <= len(ties_of_j) else (ties_of_j, ties)
            redundancy = sum(
                ties[q]["mutual"] * ties_of_j[q]["mutual"] for q in small if q in large
            )
            size += 1 - redundancy / (total[v] * strongest[j])
        result[v] = size
    return result


# ------------------------------------------------------------------------------------------------
# Global reaching centrality.


def global_reaching_centrality(G: nx.Graph) -> float:
    r"""Mones, Vicsek and Vicsek's global reaching centrality of an unweighted graph.

    .. math::

        \mathrm{GRC} = \frac{\sum_i \left(C_R^{\max} - C_R(i)\right)}{n - 1}

    where :math:`C_R(i)` is the local reaching centrality of node :math:`i`, as networkx
    defines it for an unweighted graph:

    * directed: the share of the other nodes that :math:`i` reaches by a directed path,
      :math:`C_R(i) = |\{j \ne i : i \leadsto j\}| / (n - 1)`;
    * undirected: the mean inverse distance to the other nodes (harmonic closeness),
      :math:`C_R(i) = \sum_{j \ne i} d(i, j)^{-1} / (n - 1)`, with :math:`1/\infty = 0`.

    An out-star scores 1; a graph where every node has the same :math:`C_R` scores 0.

    Parameters
    ----------
    G : networkx graph
        Direction matters; parallel edges, self-loops and edge weights do not.

    Returns
    -------
    float
        The global reaching centrality in :math:`[0, 1]`; NaN for fewer than two nodes, 0.0
        for a graph without ties.

    Notes
    -----
    Equal to ``networkx.global_reaching_centrality(G)`` (``weight=None``) on every graph with
    at least one edge; networkx raises an error on a graph without edges, and keeps every
    shortest path between every pair of nodes in memory. This function does not: a directed
    graph takes :math:`O(n_c m_c / w)` time and :math:`O(n_c^2 / 8)` bytes of reachability bit
    sets per weak component of :math:`n_c` nodes and :math:`m_c` ties; an undirected graph one
    breadth-first search a node, :math:`O(n m)` time and :math:`O(n + m)` memory.

    For undirected graphs networkx's unweighted local reaching centrality is the harmonic
    closeness above rather than the plain share of reachable nodes (which would be the same for
    every node of a connected graph, and its GRC 0).

    References
    ----------
    Mones, E., Vicsek, L., & Vicsek, T. (2012). Hierarchy measure for complex networks.
    *PLoS ONE*, 7(3), e33799.

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.metrics.structural import global_reaching_centrality
    >>> global_reaching_centrality(nx.DiGraph([(0, 1), (0, 2), (0, 3)]))
    1.0
    >>> global_reaching_centrality(nx.cycle_graph(4, create_using=nx.DiGraph))
    0.0
    """
    _check_graph(G, "global_reaching_centrality")
    simple = _Simple(G)
    n = simple.n
    if n < 2:
        return math.nan
    local = [0.0] * n
    if simple.directed:
        for component in simple.weak_components():
            if len(component) > 1:
                reach, _, _ = simple.reachability(component, upward=False)
                for p, v in enumerate(component):
                    local[v] = (reach[p].bit_count() - 1) / (n - 1)
    else:
        for source in range(n):
            local[source] = sum(1 / d for d in _distances(simple, source)[1:]) / (n - 1)
    top = max(local)
    return sum(top - c for c in local) / (n - 1)


# ------------------------------------------------------------------------------------------------
# Transitivity and reciprocity.


def gtrans(G: nx.Graph) -> float:
    r"""The transitivity of a graph, as sna's ``gtrans(g)`` (``measure = "weak"``).

    .. math::

        T = \frac{\bigl|\{(i, k, j) : i \to k \to j,\ i \to j\}\bigr|}
                 {\bigl|\{(i, k, j) : i \to k \to j\}\bigr|}

    over ordered triples of distinct nodes: the share of two-paths whose ends are tied in the
    same direction (weak transitivity). 1 when the graph has no two-path, as in sna.

    Parameters
    ----------
    G : networkx graph
        Parallel edges collapse, self-loops and weights are ignored; an undirected edge is a
        tie both ways, so for an undirected graph this is the share of connected triples that
        are closed (networkx's :func:`~networkx.transitivity`, except for the empty case).

    Returns
    -------
    float
        The transitivity in :math:`[0, 1]`; 1.0 for a graph without two-paths (among them
        every graph of fewer than three nodes).

    Notes
    -----
    sna fails on a graph of one node with its default ``use.adjacency = TRUE`` and returns 1
    with ``use.adjacency = FALSE``; govmodel returns 1.0. Complexity:
    :math:`O(\sum_k d^-(k)\, d^+(k))` time, :math:`O(n + m)` memory, without the dense matrix
    product sna uses.

    References
    ----------
    Holland, P. W., & Leinhardt, S. (1972). Some evidence on the transitivity of positive
    interpersonal sentiment. *American Journal of Sociology*, 77(6), 1205-1209. Butts, C. T.
    (2008). Social network analysis with sna. *Journal of Statistical Software*, 24(6).

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.metrics.structural import gtrans
    >>> gtrans(nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c")]))
    1.0
    >>> gtrans(nx.DiGraph([("a", "b"), ("b", "c")]))
    0.0
    >>> gtrans(nx.DiGraph([("a", "b")]))  # no two-path
    1.0
    """
    _check_graph(G, "gtrans")
    simple = _Simple(G)
    closed = paths = 0
    for k in range(simple.n):
        heads = simple.succ[k]
        for i in simple.pred[k]:
            ties_of_i = simple.succ[i]
            for j in heads:
                if j != i:
                    paths += 1
                    closed += j in ties_of_i
    return closed / paths if paths else 1.0


def grecip(G: nx.Graph, measure: ReciprocityMeasure = "dyadic") -> float:
    r"""The reciprocity of a graph, as sna's ``grecip(g, measure = ...)``.

    With :math:`M`, :math:`A` and :math:`N` the mutual, asymmetric and null dyads (unordered
    pairs of distinct nodes; sna's ``dyad.census``):

    ====================  =====================================================
    ``measure``           value
    ====================  =====================================================
    ``"dyadic"``          :math:`(M + N) / (M + A + N)`, the share of symmetric dyads
    ``"dyadic.nonnull"``  :math:`M / (M + A)`, the share of tied dyads that are mutual
    ``"edgewise"``        :math:`2M / (2M + A)`, the share of ties that are reciprocated
    ``"edgewise.lrr"``    :math:`\log \dfrac{M (M + A + N)}{(M + A/2)^2}`, the log ratio of
                          the reciprocated share of ties to the density
    ====================  =====================================================

    Parameters
    ----------
    G : networkx graph
        Parallel edges collapse, self-loops and weights are ignored; an undirected graph is a
        symmetric digraph, so each edge is a mutual dyad.
    measure : {"dyadic", "dyadic.nonnull", "edgewise", "edgewise.lrr"}
        Which reciprocity; sna's default ``"dyadic"`` by default.

    Returns
    -------
    float
        The reciprocity: NaN when the denominator is 0 (fewer than two nodes; no tie for the
        non-null measures), ``-inf`` for ``"edgewise.lrr"`` without a mutual dyad, as in R.

    Raises
    ------
    ValueError
        If ``measure`` is not one of the four names.

    Notes
    -----
    Complexity :math:`O(n + m)`.

    References
    ----------
    Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical Software*,
    24(6). Wasserman, S., & Faust, K. (1994). *Social Network Analysis: Methods and
    Applications*. Cambridge University Press, ch. 13.

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.metrics.structural import grecip
    >>> G = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c")])
    >>> grecip(G)  # the mutual a-b and the null a-c are symmetric, b-c is not
    0.6666666666666666
    >>> grecip(G, "dyadic.nonnull"), round(grecip(G, "edgewise"), 4)
    (0.5, 0.6667)
    """
    _check_graph(G, "grecip")
    if measure not in _RECIPROCITY:
        raise ValueError(
            f"unknown reciprocity measure {measure!r}; expected one of {', '.join(_RECIPROCITY)}"
        )
    simple = _Simple(G)
    n = simple.n
    mutual = asymmetric = 0  # each asymmetric dyad is counted from its tail
    for i, heads in enumerate(simple.succ):
        back = simple.pred[i]
        for j in heads:
            if j not in back:
                asymmetric += 1
            elif i < j:
                mutual += 1
    null = n * (n - 1) // 2 - mutual - asymmetric
    if measure == "dyadic":
        return _ratio(mutual + null, mutual + asymmetric + null)
    if measure == "dyadic.nonnull":
        return _ratio(mutual, mutual + asymmetric)
    if measure == "edgewise":
        return _ratio(2 * mutual, 2 * mutual + asymmetric)
    ratio = _r_divide(mutual * (mutual + asymmetric + null), (mutual + asymmetric / 2) ** 2)
    if math.isnan(ratio):
        return math.nan
    return math.log(ratio) if ratio > 0 else -math.inf
