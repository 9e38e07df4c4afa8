"""govmodel.metrics.structural at its edges, against R package sna.

``tests/fixtures/sna/edges_1207d.json`` holds sna 2.7.1's values, written by
``Rscript tests/fixtures/sna/make_edges_1207d.R`` (deterministic; the script says what it
holds): every digraph of 3 nodes and every graph of 4 nodes, with Krackhardt's dimensions,
the three centralizations, ``gtrans`` and ``grecip`` in sna's ``digraph`` and ``graph``
modes; and ``brokerage()``'s expected values and z-scores on graphs of 1 to 40 nodes whose
nodes are all of one group, each of a group of its own, or of n/3 or n/2 groups. Non-finite
numbers are the strings ``"NaN"``, ``"Inf"`` and ``"-Inf"``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Hashable
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from govmodel.metrics.structural import (
    BROKERAGE_ROLES,
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
from govmodel.testing.linear import assert_linear

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "sna" / "edges_1207d.json"
TOLERANCE = 1e-9


@cache
def _reference() -> dict[str, Any]:
    with FIXTURE.open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def _value(x: float | str) -> float:
    return float(x)  # "NaN", "Inf" and "-Inf" too


def _matches(actual: float, expected: float | str, what: str) -> None:
    want = _value(expected)
    if math.isnan(want):
        assert math.isnan(actual), f"{what}: {actual!r}, sna NaN"
    elif math.isinf(want):
        assert actual == want, f"{what}: {actual!r}, sna {want!r}"
    else:
        assert abs(actual - want) <= TOLERANCE * max(1.0, abs(want)), (
            f"{what}: {actual!r}, sna {want!r}"
        )


def _measures(G: nx.Graph) -> list[float]:
    k = krackhardt(G)
    return [
        k["connectedness"],
        k["hierarchy"],
        k["efficiency"],
        k["lub"],
        centralization(G, "degree"),
        centralization(G, "betweenness"),
        centralization(G, "closeness"),
        gtrans(G),
        grecip(G, "dyadic"),
        grecip(G, "dyadic.nonnull"),
        grecip(G, "edgewise"),
        grecip(G, "edgewise.lrr"),
    ]


def test_the_fixture_holds_every_small_graph() -> None:
    data = _reference()
    assert data["sna_version"].startswith("2.")
    small = data["small"]
    assert sum(c["n"] == 3 and c["directed"] for c in small) == 2**6
    assert sum(c["n"] == 4 and not c["directed"] for c in small) == 2**6
    groupings = {len(set(c["groups"])) for c in data["brokerage"]}
    assert 1 in groupings
    assert max(groupings) >= 30


def test_every_small_graph_matches_sna() -> None:
    data = _reference()
    names = data["measures"]
    for case in data["small"]:
        n, arcs = case["n"], [tuple(e) for e in case["edges"]]
        D = nx.DiGraph()
        D.add_nodes_from(range(n))
        D.add_edges_from(arcs)
        U = nx.Graph(D)  # the weak symmetrization, sna's "graph" mode
        # the same graph with parallel edges and self-loops, which collapse and are ignored
        M = nx.MultiDiGraph(D)
        M.add_edges_from(arcs)
        M.add_edges_from((v, v) for v in range(n))
        for G, mode in ((D, "digraph"), (M, "digraph"), (U, "graph")):
            for name, ours, theirs in zip(names, _measures(G), case[mode], strict=True):
                _matches(ours, theirs, f"{arcs} {type(G).__name__} {name}")


def test_brokerage_roles_of_one_or_many_groups_match_sna() -> None:
    # the sums over other groups, pairs and triples of groups are taken from power sums of
    # the group sizes; with a single group every graph-level variance is exactly 0 (z NaN)
    for case in _reference()["brokerage"]:
        G = nx.DiGraph()
        G.add_nodes_from(range(case["n"]))
        G.add_edges_from(tuple(e) for e in case["edges"])
        b = brokerage_roles(G, dict(enumerate(case["groups"])))
        what = f"{case['n']} nodes, {len(set(case['groups']))} groups"
        for v in range(case["n"]):
            for k, role in enumerate(BROKERAGE_ROLES):
                _matches(b.expected[v][role], case["exp_nli"][v][k], f"{what}: exp {v} {role}")
                _matches(b.z[v][role], case["z_nli"][v][k], f"{what}: z {v} {role}")
        for k, role in enumerate(BROKERAGE_ROLES):
            _matches(b.group_expected[role], case["exp_gli"][k], f"{what}: exp_gli {role}")
            _matches(b.group_z[role], case["z_gli"][k], f"{what}: z_gli {role}")


def _sparse(n: int) -> nx.DiGraph:
    G: nx.DiGraph = nx.gnp_random_graph(n, 3 / n, seed=7, directed=True)
    return G


def test_brokerage_roles_of_a_group_a_node_are_linear() -> None:
    # each node its own group (an organization a group, say): the expected values summed
    # over the other groups for each group, and the graph-level variance over all triples
    # of groups, took O(k^3) for k groups (32 s for 400 nodes)
    assert_linear(_sparse, lambda G: brokerage_roles(G, {v: v for v in G}), 300, min_seconds=0.02)


# ------------------------------------------------------------------------------------------------
# A node labelled NaN is not equal to itself: its self-loop is still a self-loop.

Measure = Callable[[nx.Graph], object]

_NAN_MEASURES: list[tuple[str, Measure]] = [
    ("krackhardt", krackhardt),
    ("centralization-degree", lambda G: centralization(G, "degree")),
    ("centralization-betweenness", lambda G: centralization(G, "betweenness")),
    ("centralization-closeness", lambda G: centralization(G, "closeness")),
    ("gtrans", gtrans),
    ("grecip", grecip),
    ("grecip-edgewise", lambda G: grecip(G, "edgewise")),
    ("brokerage", lambda G: brokerage(G, dict.fromkeys(G, "g"))),
    ("brokerage_roles", lambda G: brokerage_roles(G, dict.fromkeys(G, "g")).z),
    ("ei_index", lambda G: ei_index(G, {v: v == "a" for v in G})),
    ("constraint", constraint),
    ("effective_size", effective_size),
    ("global_reaching_centrality", global_reaching_centrality),
]


def _same(a: object, b: object) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return len(a) == len(b) and all(
            _same(x, y) for x, y in zip(a.values(), b.values(), strict=True)
        )
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


@pytest.mark.parametrize("cls", [nx.DiGraph, nx.Graph, nx.MultiDiGraph])
@pytest.mark.parametrize(("name", "measure"), _NAN_MEASURES, ids=[m for m, _ in _NAN_MEASURES])
def test_the_self_loop_of_a_node_labelled_nan_is_ignored(
    cls: type[nx.Graph], name: str, measure: Measure
) -> None:
    # the loop was read as a tie of the node to itself (efficiency 0.75 for 1.0, gtrans 0.5
    # for 0.0, constraint and effective size changed), since NaN != NaN
    nan = float("nan")
    arcs: list[tuple[Hashable, Hashable]] = [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]
    named = cls([("a", "b"), ("b", nan), (nan, "a"), (nan, "d"), (nan, nan)])
    plain = cls([*arcs, ("c", "c")])
    assert _same(measure(named), measure(plain)), name
    assert _same(measure(named), measure(cls(arcs))), name


# ------------------------------------------------------------------------------------------------
# govmodel.stats.permutation_test of values near the largest float.


@pytest.mark.parametrize("statistic", ["mean", "median"])
@pytest.mark.parametrize("scale", [1e308, 2.0**1000, 1e-300])
def test_a_permutation_test_of_values_near_the_largest_float_does_not_overflow(
    statistic: str, scale: float
) -> None:
    # the mean of 1e308 and 1.5e308 overflowed: statistic inf, every p-value NaN
    pytest.importorskip("numpy")
    from govmodel.stats import permutation_test

    a, b = [1.0, 1.5, 1.2], [1.0, 0.5]
    plain = permutation_test(a, b, statistic=statistic, reps=300, seed=4)  # type: ignore[arg-type]
    scaled = permutation_test(
        [v * scale for v in a],
        [v * scale for v in b],
        statistic=statistic,  # type: ignore[arg-type]
        reps=300,
        seed=4,
    )
    assert scaled.statistic == pytest.approx(plain.statistic * scale, rel=1e-12)
    assert (scaled.p_greater, scaled.p_less, scaled.p_abs) == (
        plain.p_greater,
        plain.p_less,
        plain.p_abs,
    )
    assert list(scaled.distribution) == pytest.approx(
        [v * scale for v in plain.distribution], rel=1e-12
    )


def test_a_difference_beyond_the_largest_float_is_infinite() -> None:
    pytest.importorskip("numpy")
    from govmodel.stats import permutation_test

    test = permutation_test([1.7e308], [-1.7e308], reps=20, seed=1)
    assert test.statistic == math.inf
    assert (test.p_less, test.p_abs) == (1.0, 1.0)


# ------------------------------------------------------------------------------------------------
# Krackhardt's LUB where pairs have many distinct, large sets of upper bounds.


def _interval_bosses(n: int) -> nx.DiGraph:
    """``n`` top nodes under a segment tree (ties from child to parent segment) and n/2
    bottom nodes, bottom ``j`` tied from the segments covering tops ``j .. j + n/2``: the upper
    bounds of two bottom nodes are an interval of tops with their segments, a different set
    of some n/4 nodes for most of the n^2/8 pairs, from O(n log n) ties."""
    G = nx.DiGraph()

    def build(lo: int, hi: int) -> Hashable:
        if hi - lo == 1:
            return ("t", lo)
        mid = (lo + hi) // 2
        G.add_edge(build(lo, mid), ("s", lo, hi))
        G.add_edge(build(mid, hi), ("s", lo, hi))
        return ("s", lo, hi)

    def cover(lo: int, hi: int, a: int, b: int, out: list[Hashable]) -> None:
        if b <= lo or hi <= a:
            return
        if a <= lo and hi <= b:
            out.append(("t", lo) if hi - lo == 1 else ("s", lo, hi))
            return
        mid = (lo + hi) // 2
        cover(lo, mid, a, b, out)
        cover(mid, hi, a, b, out)

    build(0, n)
    for j in range(n // 2):
        segments: list[Hashable] = []
        cover(0, n, j, j + n // 2, segments)
        G.add_edges_from((s, ("b", j)) for s in segments)
    return G


def test_lub_of_many_distinct_sets_of_upper_bounds_is_quadratic() -> None:
    # each distinct set of u upper bounds was searched for a member reaching all of them,
    # u steps: cubic here (3.2 s for 512 tops, 9 times the time of 256). Quadratic work
    # quadruples when the tops double, cubic work grows eightfold
    assert_linear(_interval_bosses, krackhardt, 192, bound=5.5, min_seconds=0.02)


def test_lub_of_interval_bosses_is_unchanged() -> None:
    # the value the search by members gave, on 128 tops
    assert krackhardt(_interval_bosses(128))["lub"] == pytest.approx(0.09525226673015497, rel=1e-12)
    G = nx.DiGraph([("a", "x"), ("b", "x"), ("x", "c"), ("x", "d")])
    assert krackhardt(G)["lub"] == pytest.approx(1 / 3)  # two source components above c, d
