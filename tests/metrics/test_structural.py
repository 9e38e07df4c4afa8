"""Tests of govmodel.metrics.structural: agreement with R package sna, and invariants."""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Hashable
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govmodel.metrics.structural import (
    BROKERAGE_ROLES,
    BrokerageRoles,
    brokerage,
    brokerage_roles,
    centralization,
    constraint,
    effective_size,
    ei_index,
    global_reaching_centrality,
    grecip,
    gtrans,
    krackhardt,
)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "sna" / "structural.json"
TOLERANCE = 1e-9
MEASURES = ("degree", "betweenness", "closeness")
KRACKHARDT_KEYS = {
    "connectedness": "connectedness",
    "hierarchy": "hierarchy",
    "efficiency": "efficiency",
    "lub": "lubness",
}

SETTINGS = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])


@cache
def _reference() -> dict[str, Any]:
    with FIXTURE.open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def _cases() -> list[Any]:
    cases = []
    for graph in _reference()["graphs"]:
        for mode in ("digraph", "graph"):
            for variant in ("simple", "multi"):
                cases.append(
                    pytest.param(graph, mode, variant, id=f"{graph['name']}-{mode}-{variant}")
                )
    return cases


def _label(i: int, variant: str) -> Hashable:
    return i if variant == "simple" else f"v{i}"


def _build(graph: dict[str, Any], mode: str, variant: str) -> nx.Graph:
    """The fixture graph as networkx sees it.

    ``simple``: a DiGraph (mode digraph) or Graph (mode graph) on nodes 0..n-1.
    ``multi``: a MultiDiGraph or MultiGraph on string labels, nodes inserted in reverse order,
    every edge doubled, a self-loop on every node and a weight on every edge; the measures
    must not change, since sna dichotomizes and ignores the diagonal.
    """
    n = graph["n"]
    edges = [tuple(e) for e in graph["edges"]]
    if variant == "simple":
        G = nx.DiGraph() if mode == "digraph" else nx.Graph()
        G.add_nodes_from(range(n))
        G.add_edges_from(edges)
        return G
    G = nx.MultiDiGraph() if mode == "digraph" else nx.MultiGraph()
    G.add_nodes_from(_label(i, variant) for i in reversed(range(n)))
    for u, v in edges * 2:
        G.add_edge(_label(u, variant), _label(v, variant), weight=7.5)
    for i in range(n):
        G.add_edge(_label(i, variant), _label(i, variant))
    return G


def _assert_matches(actual: float, expected: float | None, what: str) -> None:
    assert isinstance(actual, float), what
    if expected is None:
        assert math.isnan(actual), f"{what}: expected NaN (sna null), got {actual!r}"
    else:
        assert actual == pytest.approx(expected, abs=TOLERANCE, rel=0), what


# ------------------------------------------------------------------------------------------------
# Agreement with sna.


def test_fixture_is_broad_enough() -> None:
    data = _reference()
    graphs = data["graphs"]
    assert data["sna_version"].startswith("2.")
    assert len(graphs) >= 50
    assert data["brokerage_columns"] == ["w_I", "w_O", "b_IO", "b_OI", "b_O", "t"]
    sizes = [g["n"] for g in graphs]
    assert min(sizes) == 1
    assert max(sizes) >= 30
    kinds = {g["kind"] for g in graphs}
    assert {"out-tree", "multi-root", "cycle", "components", "dense", "sparse"} <= kinds
    assert any(u == v for g in graphs for u, v in g["edges"]), "no graph with a self-loop"
    assert any(g["digraph"]["lubness"] is None for g in graphs)
    assert any(0 < (g["digraph"]["lubness"] or 0) < 1 for g in graphs)
    for g in graphs:
        assert len(g["groups"]) == g["n"]
        assert len({*g["groups"]}) <= 5
    assert sum(len({*g["groups"]}) >= 3 for g in graphs) >= 50


@pytest.mark.parametrize(("graph", "mode", "variant"), _cases())
def test_krackhardt_matches_sna(graph: dict[str, Any], mode: str, variant: str) -> None:
    scores = krackhardt(_build(graph, mode, variant))
    assert list(scores) == list(KRACKHARDT_KEYS)
    for key, sna_name in KRACKHARDT_KEYS.items():
        _assert_matches(scores[key], graph[mode][sna_name], f"{graph['name']} {mode} {key}")


@pytest.mark.parametrize(("graph", "mode", "variant"), _cases())
def test_centralization_matches_sna(graph: dict[str, Any], mode: str, variant: str) -> None:
    G = _build(graph, mode, variant)
    for measure in MEASURES:
        expected = graph[mode]["centralization"][measure]
        _assert_matches(centralization(G, measure), expected, f"{graph['name']} {mode} {measure}")


@pytest.mark.parametrize(("graph", "mode", "variant"), _cases())
def test_brokerage_matches_sna(graph: dict[str, Any], mode: str, variant: str) -> None:
    G = _build(graph, mode, variant)
    groups = {_label(i, variant): label for i, label in enumerate(graph["groups"])}
    result = brokerage(G, groups)
    assert list(result) == list(G)
    for i, row in enumerate(graph[mode]["brokerage"]):
        counts = result[_label(i, variant)]
        assert tuple(counts) == BROKERAGE_ROLES
        assert all(type(c) is int for c in counts.values())
        assert [counts[r] for r in BROKERAGE_ROLES] == row[:5], f"{graph['name']} node {i}"
        assert sum(counts.values()) == row[5]


def _assert_r_value(actual: float, expected: float | None, what: str) -> None:
    """Like _assert_matches, where sna's null may also stand for R's Inf (written as null)."""
    assert isinstance(actual, float), what
    if expected is None:
        assert not math.isfinite(actual), f"{what}: expected NaN or Inf (sna null), got {actual!r}"
    else:
        assert actual == pytest.approx(expected, abs=TOLERANCE, rel=0), what


@pytest.mark.parametrize(("graph", "mode", "variant"), _cases())
def test_brokerage_roles_match_sna(graph: dict[str, Any], mode: str, variant: str) -> None:
    G = _build(graph, mode, variant)
    groups = {_label(i, variant): label for i, label in enumerate(graph["groups"])}
    result = brokerage_roles(G, groups)
    reference = graph[mode]["brokerage_roles"]
    assert isinstance(result, BrokerageRoles)
    for ours, theirs in (("raw", "raw_nli"), ("expected", "exp_nli"), ("z", "z_nli")):
        table = getattr(result, ours)
        assert list(table) == list(G)
        for i, row in enumerate(reference[theirs]):
            values = table[_label(i, variant)]
            assert tuple(values) == BROKERAGE_ROLES
            for role, expected in zip(BROKERAGE_ROLES, row, strict=True):
                _assert_r_value(values[role], expected, f"{graph['name']} {ours} {i} {role}")
    for ours, theirs in (
        ("group_raw", "raw_gli"),
        ("group_expected", "exp_gli"),
        ("group_z", "z_gli"),
    ):
        values = getattr(result, ours)
        assert tuple(values) == BROKERAGE_ROLES
        for role, expected in zip(BROKERAGE_ROLES, reference[theirs], strict=True):
            _assert_r_value(values[role], expected, f"{graph['name']} {ours} {role}")


@pytest.mark.parametrize(("graph", "mode", "variant"), _cases())
def test_gtrans_matches_sna(graph: dict[str, Any], mode: str, variant: str) -> None:
    value = gtrans(_build(graph, mode, variant))
    expected = graph[mode]["gtrans"]
    if expected is None:  # sna's adjacency method fails on one node; its edge-list one gives 1
        assert graph["n"] == 1
        expected = graph[mode]["gtrans_edgelist"]
    _assert_matches(value, expected, f"{graph['name']} {mode} gtrans")


@pytest.mark.parametrize(("graph", "mode", "variant"), _cases())
def test_grecip_matches_sna(graph: dict[str, Any], mode: str, variant: str) -> None:
    G = _build(graph, mode, variant)
    for measure, expected in graph[mode]["grecip"].items():
        _assert_r_value(grecip(G, measure), expected, f"{graph['name']} {mode} grecip {measure}")


def test_fixture_covers_the_edge_cases_of_the_new_measures() -> None:
    graphs = _reference()["graphs"]
    assert any(g["digraph"]["gtrans"] == 1 and g["n"] >= 3 for g in graphs), (
        "no two-path-free graph"
    )
    assert any(0 < (g["digraph"]["gtrans"] or 0) < 1 for g in graphs)
    assert any(g["digraph"]["grecip"]["edgewise.lrr"] is None and g["n"] >= 2 for g in graphs)
    assert any(
        z is not None and abs(z) > 2
        for g in graphs
        for row in g["digraph"]["brokerage_roles"]["z_nli"]
        for z in row
    )
    assert any(
        z is None for g in graphs for row in g["digraph"]["brokerage_roles"]["z_nli"] for z in row
    )


# ------------------------------------------------------------------------------------------------
# Strategies.


@st.composite
def out_trees(draw: st.DrawFn, min_nodes: int = 1, max_nodes: int = 25) -> nx.DiGraph:
    n = draw(st.integers(min_nodes, max_nodes))
    labels = draw(st.permutations(range(n)))
    G = nx.DiGraph()
    G.add_nodes_from(labels)
    for i in range(1, n):
        G.add_edge(labels[draw(st.integers(0, i - 1))], labels[i])
    return G


@st.composite
def graphs(draw: st.DrawFn, max_nodes: int = 10, kinds: tuple[type, ...] | None = None) -> nx.Graph:
    """Any kind of networkx graph, with parallel edges and self-loops where allowed."""
    cls = draw(st.sampled_from(kinds or (nx.Graph, nx.DiGraph, nx.MultiGraph, nx.MultiDiGraph)))
    n = draw(st.integers(0, max_nodes))
    G = cls()
    G.add_nodes_from(range(n))
    if n:
        node = st.integers(0, n - 1)
        G.add_edges_from(draw(st.lists(st.tuples(node, node), max_size=3 * n)))
    return G


def simple_undirected(max_nodes: int = 10) -> st.SearchStrategy[nx.Graph]:
    return graphs(max_nodes=max_nodes, kinds=(nx.Graph,)).map(_without_loops)


def simple_directed(max_nodes: int = 10) -> st.SearchStrategy[nx.Graph]:
    return graphs(max_nodes=max_nodes, kinds=(nx.DiGraph,)).map(_without_loops)


def _without_loops(G: nx.Graph) -> nx.Graph:
    G.remove_edges_from(list(nx.selfloop_edges(G)))
    return G


def _groups_for(G: nx.Graph, data: st.DataObject) -> dict[Hashable, str]:
    k = data.draw(st.integers(1, 4))
    return {v: f"g{data.draw(st.integers(1, k))}" for v in G}


def _arcs(G: nx.Graph) -> set[tuple[Hashable, Hashable]]:
    """The dichotomized ties without loops; an undirected edge is two ties."""
    arcs = {(u, v) for u, v in G.edges() if u != v}
    if not G.is_directed():
        arcs |= {(v, u) for u, v in arcs}
    return arcs


def _same(a: float, b: float, tol: float = TOLERANCE) -> bool:
    return (math.isnan(a) and math.isnan(b)) or abs(a - b) <= tol


# ------------------------------------------------------------------------------------------------
# Krackhardt.


@SETTINGS
@given(out_trees(min_nodes=3))
def test_out_trees_are_perfect_hierarchies(G: nx.DiGraph) -> None:
    assert krackhardt(G) == {"connectedness": 1.0, "hierarchy": 1.0, "efficiency": 1.0, "lub": 1.0}


@SETTINGS
@given(graphs())
def test_krackhardt_in_unit_interval(G: nx.Graph) -> None:
    scores = krackhardt(G)
    assert not math.isnan(scores["connectedness"])
    for key, value in scores.items():
        assert isinstance(value, float)
        assert math.isnan(value) or 0.0 <= value <= 1.0, key
    if not G.is_directed() and any(u != v for u, v in G.edges()):
        assert scores["hierarchy"] == 0.0


@SETTINGS
@given(out_trees(min_nodes=3), st.data())
def test_cross_tie_never_raises_efficiency(G: nx.DiGraph, data: st.DataObject) -> None:
    before = krackhardt(G)["efficiency"]
    pairs = [
        (u, v)
        for u, v in itertools.permutations(G, 2)
        if not G.has_edge(u, v) and not G.has_edge(v, u)
    ]
    u, v = data.draw(st.sampled_from(pairs))
    G.add_edge(u, v)
    after = krackhardt(G)["efficiency"]
    assert after <= before
    assert after < before  # one more tie than needed, with the same maximum


@SETTINGS
@given(graphs(kinds=(nx.DiGraph, nx.MultiDiGraph)), st.data())
def test_tie_within_a_component_never_raises_efficiency(G: nx.Graph, data: st.DataObject) -> None:
    candidates = [
        (u, v)
        for component in nx.weakly_connected_components(G)
        for u, v in itertools.permutations(component, 2)
        if not G.has_edge(u, v)
    ]
    if not candidates:
        return
    before = krackhardt(G)["efficiency"]
    G.add_edge(*data.draw(st.sampled_from(candidates)))
    after = krackhardt(G)["efficiency"]
    assert after <= before


def test_krackhardt_edge_cases() -> None:
    empty = krackhardt(nx.DiGraph())
    assert empty["connectedness"] == 1.0
    assert all(math.isnan(empty[k]) for k in ("hierarchy", "efficiency", "lub"))
    one = krackhardt(nx.MultiDiGraph([(0, 0), (0, 0)]))
    assert one["connectedness"] == 1.0
    assert all(math.isnan(one[k]) for k in ("hierarchy", "efficiency", "lub"))
    # sna's lubness wants an upper bound that reaches every other one: two bosses sharing a
    # deputy leave 4 of the 6 pairs without one.
    G = nx.DiGraph([("a", "x"), ("b", "x"), ("x", "c"), ("x", "d")])
    assert krackhardt(G)["lub"] == pytest.approx(1 / 3)


# ------------------------------------------------------------------------------------------------
# Centralization.


@SETTINGS
@given(graphs())
def test_centralization_bounds(G: nx.Graph) -> None:
    n = len(G)
    for measure in MEASURES:
        value = centralization(G, measure)
        assert isinstance(value, float)
        if n <= 1 or (n == 2 and (measure != "closeness" or not G.is_directed())):
            assert math.isnan(value)
            continue
        assert value >= 0.0
        if measure == "closeness" and G.is_directed():
            assert value <= n / (n - 1) + 1e-12  # sna's directed closeness can exceed 1
        else:
            assert value <= 1.0 + 1e-12


@pytest.mark.parametrize("n", [3, 5, 10])
def test_star_centralizations(n: int) -> None:
    star = nx.star_graph(n - 1)
    for measure in MEASURES:
        assert centralization(star, measure) == pytest.approx(1.0)
    out_star = nx.star_graph(n - 1, create_using=nx.DiGraph)
    assert centralization(out_star, "closeness") == pytest.approx(n / (n - 1))
    assert centralization(nx.cycle_graph(n), "degree") == 0.0


def test_centralization_rejects_unknown_measure() -> None:
    with pytest.raises(ValueError, match="eigenvector"):
        centralization(nx.path_graph(3), "eigenvector")  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------------
# Brokerage and the E-I index.


def _brute_force_brokerage(G: nx.Graph, groups: dict[Hashable, str]) -> dict[Hashable, list[int]]:
    arcs = _arcs(G)
    counts = {v: [0] * 5 for v in G}
    for a, b, c in itertools.permutations(G, 3):
        if (a, b) in arcs and (b, c) in arcs and (a, c) not in arcs:
            ga, gb, gc = groups[a], groups[b], groups[c]
            if ga == gb == gc:
                role = "coordinator"
            elif ga == gc:
                role = "itinerant"
            elif ga == gb:
                role = "representative"
            elif gb == gc:
                role = "gatekeeper"
            else:
                role = "liaison"
            counts[b][BROKERAGE_ROLES.index(role)] += 1
    return counts


@SETTINGS
@given(graphs(max_nodes=8), st.data())
def test_brokerage_counts_the_brokered_two_paths(G: nx.Graph, data: st.DataObject) -> None:
    groups = _groups_for(G, data)
    result = brokerage(G, groups)
    expected = _brute_force_brokerage(G, groups)
    arcs = _arcs(G)
    two_paths = sum(
        1
        for a, b, c in itertools.permutations(G, 3)
        if (a, b) in arcs and (b, c) in arcs and (a, c) not in arcs
    )
    assert sum(sum(roles.values()) for roles in result.values()) == two_paths
    assert {v: [roles[r] for r in BROKERAGE_ROLES] for v, roles in result.items()} == expected


def test_brokerage_needs_every_group() -> None:
    with pytest.raises(ValueError, match="'c'"):
        brokerage(nx.DiGraph([("a", "b"), ("b", "c")]), {"a": 1, "b": 2})


@SETTINGS
@given(graphs(), st.data())
def test_ei_index(G: nx.Graph, data: st.DataObject) -> None:
    groups = _groups_for(G, data)
    value = ei_index(G, groups)
    assert isinstance(value, float)
    ties = _arcs(G) if G.is_directed() else {frozenset(e) for e in _arcs(G)}
    if not ties:
        assert math.isnan(value)
        return
    assert -1.0 <= value <= 1.0

    def ends(tie: Any) -> tuple[Hashable, Hashable]:
        u, v = tuple(tie)
        return u, v

    external = sum(1 for t in ties if groups[ends(t)[0]] != groups[ends(t)[1]])
    internal = len(ties) - external
    assert value == pytest.approx((external - internal) / (external + internal))


def test_ei_index_needs_every_group() -> None:
    with pytest.raises(ValueError, match="3"):
        ei_index(nx.path_graph(4), {0: "a", 1: "a", 2: "b"})


# ------------------------------------------------------------------------------------------------
# Burt's structural holes.


def _burt_effective_size(G: nx.Graph) -> dict[Hashable, float]:
    """Burt's formula written out literally on the dichotomized adjacency matrix."""
    nodes = list(G)
    a = dict.fromkeys(_arcs(G), 1)

    def mutual(u: Hashable, v: Hashable) -> int:
        return a.get((u, v), 0) + a.get((v, u), 0)

    result: dict[Hashable, float] = {}
    for i in nodes:
        neighbours = [j for j in nodes if j != i and mutual(i, j)]
        if not neighbours:
            result[i] = math.nan
            continue
        total = sum(mutual(i, q) for q in nodes)
        size = 0.0
        for j in neighbours:
            strongest = max(mutual(j, k) for k in nodes)
            redundancy = sum(
                mutual(i, q) / total * mutual(j, q) / strongest for q in nodes if q not in (i, j)
            )
            size += 1 - redundancy
        result[i] = size
    return result


@SETTINGS
@given(simple_undirected(12))
def test_effective_size_equals_networkx_on_undirected_graphs(G: nx.Graph) -> None:
    ours = effective_size(G)
    if len(G) == 0:
        assert ours == {}
        return
    for reference in (nx.effective_size(G), nx.effective_size(G, nodes=list(G))):
        assert ours.keys() == reference.keys()
        assert all(_same(ours[v], reference[v]) for v in G), (ours, reference)


@SETTINGS
@given(graphs(kinds=(nx.Graph,)))
def test_borgatti_identity(G: nx.Graph) -> None:
    H = _without_loops(nx.Graph(G))
    clustering = nx.clustering(H)
    for v, value in effective_size(G).items():
        k = H.degree(v)
        expected = k - (k - 1) * clustering[v] if k else math.nan
        assert _same(value, expected)


@SETTINGS
@given(graphs(max_nodes=9), st.data())
def test_effective_size_follows_burt_on_any_graph(G: nx.Graph, data: st.DataObject) -> None:
    expected = _burt_effective_size(G)
    ours = effective_size(G)
    assert list(ours) == list(G)
    assert all(_same(ours[v], expected[v]) for v in G), (ours, expected)
    subset = data.draw(st.lists(st.sampled_from(list(G)), unique=True)) if len(G) else []
    assert effective_size(G, nodes=subset) == {v: ours[v] for v in subset}


@SETTINGS
@given(simple_directed())
def test_effective_size_equals_networkx_node_by_node_on_digraphs(G: nx.DiGraph) -> None:
    # networkx's node-by-node path implements Burt's formula; it wrongly treats a node
    # with in-ties only as isolated, so compare only the nodes with out-ties.
    ours = effective_size(G)
    reference = nx.effective_size(G, nodes=[v for v in G if len(G[v])])
    assert all(_same(ours[v], reference[v]) for v in reference)


@SETTINGS
@given(graphs(kinds=(nx.Graph, nx.DiGraph)), st.data())
def test_constraint_equals_networkx(G: nx.Graph, data: st.DataObject) -> None:
    H = _without_loops(G.copy())
    if len(H) == 0:
        assert constraint(G) == {}
        return
    reference = nx.constraint(H)
    ours = constraint(G)
    assert list(ours) == list(G)
    assert all(_same(ours[v], reference[v]) for v in G), (ours, reference)
    subset = data.draw(st.lists(st.sampled_from(list(G)), unique=True)) if len(G) else []
    partial = constraint(G, nodes=subset)
    assert list(partial) == subset
    assert all(_same(partial[v], reference[v]) for v in subset)


@SETTINGS
@given(graphs(kinds=(nx.MultiGraph, nx.MultiDiGraph)))
def test_structural_holes_collapse_parallel_edges(G: nx.Graph) -> None:
    simple = _without_loops((nx.DiGraph if G.is_directed() else nx.Graph)(G))
    if len(simple) == 0:
        assert constraint(G) == effective_size(G) == {}
        return
    reference = nx.constraint(simple)
    assert all(_same(constraint(G)[v], reference[v]) for v in G)
    burt = _burt_effective_size(simple)
    assert all(_same(effective_size(G)[v], burt[v]) for v in G)


def test_structural_holes_reject_unknown_nodes() -> None:
    G = nx.path_graph(3)
    with pytest.raises(ValueError, match="'z'"):
        constraint(G, nodes=[0, "z"])
    with pytest.raises(ValueError, match="'z'"):
        effective_size(G, nodes=["z"])


# ------------------------------------------------------------------------------------------------
# Global reaching centrality.


@SETTINGS
@given(graphs())
def test_global_reaching_centrality_equals_networkx(G: nx.Graph) -> None:
    value = global_reaching_centrality(G)
    assert isinstance(value, float)
    if len(G) < 2:
        assert math.isnan(value)
        return
    assert 0.0 <= value <= 1.0 + 1e-12
    if not any(u != v for u, v in G.edges()):
        assert value == 0.0
        return
    H = _without_loops((nx.DiGraph if G.is_directed() else nx.Graph)(G))
    assert value == pytest.approx(nx.global_reaching_centrality(H), abs=1e-12)


def test_global_reaching_centrality_of_an_out_star() -> None:
    assert global_reaching_centrality(nx.star_graph(5, create_using=nx.DiGraph)) == 1.0


# ------------------------------------------------------------------------------------------------
# The empty graph.


@pytest.mark.parametrize("cls", [nx.Graph, nx.DiGraph, nx.MultiGraph, nx.MultiDiGraph])
def test_empty_graph(cls: type) -> None:
    G = cls()
    assert all(math.isnan(centralization(G, m)) for m in MEASURES)
    assert math.isnan(global_reaching_centrality(G))
    assert math.isnan(ei_index(G, {}))
    assert brokerage(G, {}) == {}
    assert constraint(G) == {}
    assert effective_size(G) == {}
    assert brokerage_roles(G, {}).raw == {}
    assert all(math.isnan(z) for z in brokerage_roles(G, {}).group_z.values())
    assert gtrans(G) == 1.0
    assert all(math.isnan(grecip(G, m)) for m in ("dyadic", "dyadic.nonnull", "edgewise"))


# ------------------------------------------------------------------------------------------------
# Transitivity, reciprocity and brokerage z-scores: invariants.


def _brute_force_gtrans(G: nx.Graph) -> float:
    arcs = _arcs(G)
    paths = [(i, k, j) for (i, k) in arcs for (k2, j) in arcs if k2 == k and j != i]
    return sum((i, j) in arcs for i, _, j in paths) / len(paths) if paths else 1.0


@SETTINGS
@given(graphs())
def test_gtrans_counts_closed_two_paths(G: nx.Graph) -> None:
    value = gtrans(G)
    assert isinstance(value, float)
    assert value == pytest.approx(_brute_force_gtrans(G), abs=1e-12)
    simple = _without_loops(nx.Graph(G))
    if not G.is_directed() and any(d >= 2 for _, d in simple.degree()):
        assert value == pytest.approx(nx.transitivity(simple), abs=1e-12)


@SETTINGS
@given(graphs(), st.sampled_from(["dyadic", "dyadic.nonnull", "edgewise", "edgewise.lrr"]))
def test_grecip_follows_the_dyad_census(G: nx.Graph, measure: str) -> None:
    arcs = _arcs(G)
    n = len(G)
    mutual = sum(1 for u, v in arcs if (v, u) in arcs) // 2
    asym = len(arcs) - 2 * mutual
    null = n * (n - 1) // 2 - mutual - asym
    value = grecip(G, measure)  # type: ignore[arg-type]
    expected = {
        "dyadic": (mutual + null) / (n * (n - 1) / 2) if n > 1 else math.nan,
        "dyadic.nonnull": mutual / (mutual + asym) if arcs else math.nan,
        "edgewise": 2 * mutual / (2 * mutual + asym) if arcs else math.nan,
        "edgewise.lrr": (
            math.log(mutual * (mutual + asym + null) / (mutual + asym / 2) ** 2)
            if mutual
            else (-math.inf if arcs else math.nan)
        ),
    }[measure]
    assert _same(value, expected) or value == expected
    if not G.is_directed() and arcs and measure != "edgewise.lrr":
        assert measure == "dyadic" or value == 1.0


def test_grecip_rejects_unknown_measure() -> None:
    with pytest.raises(ValueError, match="unknown reciprocity measure 'mutual'"):
        grecip(nx.DiGraph([(1, 2)]), "mutual")  # type: ignore[arg-type]


@SETTINGS
@given(graphs(max_nodes=9), st.data())
def test_brokerage_roles_are_consistent(G: nx.Graph, data: st.DataObject) -> None:
    groups = _groups_for(G, data)
    result = brokerage_roles(G, groups)
    counts = brokerage(G, groups)
    for v in G:
        assert result.raw[v] == {role: float(c) for role, c in counts[v].items()}
        for role in BROKERAGE_ROLES:
            e, z = result.expected[v][role], result.z[v][role]
            assert math.isnan(e) or e >= 0.0
            # nodes of one group share their expectations
            for w in G:
                if groups[w] == groups[v]:
                    assert _same(result.expected[w][role], e)
            if not math.isnan(z) and math.isfinite(z) and e > 0:
                assert (z > 0) == (result.raw[v][role] > e) or z == 0
    for role in BROKERAGE_ROLES:
        assert result.group_raw[role] == sum(result.raw[v][role] for v in G)


def test_brokerage_roles_need_every_group() -> None:
    with pytest.raises(ValueError, match="node 'c' of the graph has no group"):
        brokerage_roles(nx.DiGraph([("a", "b"), ("b", "c")]), {"a": 1, "b": 2})


_STRUCTURAL = [
    ("krackhardt", ()),
    ("centralization", ("degree",)),
    ("brokerage", ({},)),
    ("brokerage_roles", ({},)),
    ("ei_index", ({},)),
    ("constraint", ()),
    ("effective_size", ()),
    ("global_reaching_centrality", ()),
    ("gtrans", ()),
    ("grecip", ()),
]


@pytest.mark.parametrize(("name", "args"), _STRUCTURAL)
def test_structural_measures_take_only_a_graph(name: str, args: tuple[Any, ...]) -> None:
    import govmodel
    import govmodel.metrics.structural as structural
    from govmodel.index import StructureIndex

    function = getattr(structural, name)
    s = govmodel.datasets.load("yuetang")
    for wrong, hint in (
        (StructureIndex.of(s), "not StructureIndex: draw the structure with govmodel.to_graph"),
        (s, r"not Structure: draw it with govmodel.to_graph\(s\)$"),
        ([(1, 2)], "not list$"),
    ):
        with pytest.raises(TypeError, match=rf"^{name}\(\) takes a networkx graph, {hint}"):
            function(wrong, *args)
