"""Tests of govmodel.stats: agreement with R package sna, exact permutation counts, invariants."""

from __future__ import annotations

import itertools
import json
import math
import sys
import warnings
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govmodel.errors import MissingDependencyError
from govmodel.stats import (
    TIE_TOLERANCE,
    NetworkRegression,
    PermutationTest,
    netlm,
    netlogit,
    permutation_test,
    qap,
)

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "sna" / "stats.json"
TOLERANCE = 1e-9
REPS = 2000
SETTINGS = settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.too_slow])


@cache
def _reference() -> dict[str, Any]:
    with FIXTURE.open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def _graph(n: int, edges: list[list[float]]) -> nx.DiGraph:
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    for i, j, w in edges:
        G.add_edge(int(i), int(j), weight=w)
    return G


def _cases(kind: str) -> list[Any]:
    return [pytest.param(case, id=case["name"]) for case in _reference()[kind]]


def _close(actual: float, expected: float) -> bool:
    return abs(actual - expected) <= TOLERANCE * max(1.0, abs(expected))


def _agree(ours: float, theirs: float, reps: int, what: str) -> None:
    """Two Monte Carlo estimates of one p-value, each from ``reps`` permutations, agree within
    five standard errors of their difference (plus one permutation for the ties)."""
    p = (ours + theirs) / 2
    bound = 5 * math.sqrt(max(p * (1 - p), 0.0) * 2 / reps) + 1 / reps
    assert abs(ours - theirs) <= bound, f"{what}: govmodel {ours}, sna {theirs}, bound {bound:.4f}"


def test_fixture_is_broad_enough() -> None:
    data = _reference()
    assert data["sna_version"].startswith("2.")
    assert len(data["qap"]) >= 5
    assert len(data["netlm"]) >= 3
    assert len(data["netlogit"]) >= 2
    # some p-values are neither 0 nor 1, so that the statistical comparisons can fail
    informative = [
        p
        for kind in ("netlm", "netlogit")
        for case in data[kind]
        for p in case["qapspp"]["pgreq"]
        if 0.01 < p < 0.99
    ]
    assert len(informative) >= 3
    assert any(0.05 < case["qaptest"]["pgreq"] < 0.95 for case in data["qap"])
    # and one QAP case where permutations tie with the observed correlation (sna's >= and <=)
    assert any(case["qaptest"]["pgreq"] + case["qaptest"]["pleeq"] > 1.02 for case in data["qap"])
    # exact QAP p-values over all permutations, some strictly between 0 and 1, with ties
    exact = data["qap_exact"]
    assert len(exact) >= 5
    assert any(0.05 < case["exact"]["pgreq"] < 0.95 for case in exact)
    assert any(case["exact"]["pgreq"] + case["exact"]["pleeq"] > 1.05 for case in exact)


# ------------------------------------------------------------------------------------------------
# QAP against sna.


@pytest.mark.parametrize("case", _cases("qap"))
def test_qap_statistics_match_sna(case: dict[str, Any]) -> None:
    G1, G2 = _graph(case["n"], case["g1"]), _graph(case["n"], case["g2"])
    for statistic in ("gcor", "gcov"):
        test = qap(G1, G2, statistic=statistic, reps=3, seed=0, weight="weight")  # type: ignore[arg-type]
        assert isinstance(test.statistic, float)
        assert _close(test.statistic, case[statistic]), statistic


@pytest.mark.parametrize("case", _cases("qap"))
def test_qap_p_values_agree_with_sna(case: dict[str, Any]) -> None:
    G1, G2 = _graph(case["n"], case["g1"]), _graph(case["n"], case["g2"])
    test = qap(G1, G2, reps=REPS, seed=20240917, weight="weight")
    sna = case["qaptest"]
    assert test.reps == REPS == sna["reps"]
    _agree(test.p_greater, sna["pgreq"], REPS, "p_greater")
    _agree(test.p_less, sna["pleeq"], REPS, "p_less")
    _agree(test.p_abs, sna["pabs"], REPS, "p_abs")


@pytest.mark.parametrize("case", _cases("qap_exact"))
def test_exact_qap_p_values_match_sna(case: dict[str, Any]) -> None:
    # sna's gcor over all n! relabellings, compared as qaptest compares ("exact") and with
    # govmodel's TIE_TOLERANCE ("tolerant"); they differ only where rounding decides ties
    G1, G2 = _graph(case["n"], case["g1"]), _graph(case["n"], case["g2"])
    test = qap(G1, G2, reps="all", weight="weight")
    assert test.reps == case["perms"] == math.factorial(case["n"])
    assert _close(test.statistic, case["gcor"])
    rounding = case["name"] == "zero-correlation-6"
    for ours, sna in (("p_greater", "pgreq"), ("p_less", "pleeq"), ("p_abs", "pabs")):
        p = getattr(test, ours)
        assert p == pytest.approx(case["tolerant"][sna], abs=1e-12), f"{case['name']} {ours}"
        if not rounding:
            assert p == pytest.approx(case["exact"][sna], abs=1e-12), f"{case['name']} {ours}"
    if rounding:  # the documented difference: sna's exact comparisons count fewer ties
        assert case["gcor"] != 0
        assert abs(test.statistic) < 1e-15
        assert test.p_greater + test.p_less > case["exact"]["pgreq"] + case["exact"]["pleeq"]
        assert test.p_abs == 1.0 > case["exact"]["pabs"]


def test_qap_ties_agree_with_sna_on_a_small_graph() -> None:
    case = next(c for c in _reference()["qap"] if c["name"] == "small-ties-5")
    G1, G2 = _graph(case["n"], case["g1"]), _graph(case["n"], case["g2"])
    exact = qap(G1, G2, reps="all")
    ties = exact.p_greater + exact.p_less - 1
    assert ties > 0.05
    sna_ties = case["qaptest"]["pgreq"] + case["qaptest"]["pleeq"] - 1
    _agree(ties, sna_ties, REPS, "share of ties")  # exact against sna's estimate


# ------------------------------------------------------------------------------------------------
# QAP: exact counts by enumeration.


def _cross(X: np.ndarray, Y: np.ndarray, perm: tuple[int, ...]) -> int:
    """sum over i != j of x_ij * y_perm(i)perm(j), in integers (0/1 graphs)."""
    n = len(perm)
    return sum(
        int(X[i, j]) * int(Y[perm[i], perm[j]]) for i in range(n) for j in range(n) if i != j
    )


@pytest.mark.parametrize(
    ("edges1", "edges2"),
    [
        ([(0, 1), (1, 2), (2, 0), (3, 4)], [(0, 1), (1, 0), (3, 4), (2, 3)]),
        ([(0, 1), (0, 2), (0, 3)], [(1, 0), (2, 0), (3, 0)]),
        ([(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)], [(0, 1), (2, 3), (4, 5), (5, 0)]),
        ([(0, 1), (1, 2)], [(0, 1), (1, 2)]),
    ],
)
def test_qap_counts_ties_both_ways_exactly(
    edges1: list[tuple[int, int]], edges2: list[tuple[int, int]]
) -> None:
    n = 1 + max(max(e) for e in edges1 + edges2)
    G1, G2 = nx.DiGraph(edges1), nx.DiGraph(edges2)
    G1.add_nodes_from(range(n))
    G2.add_nodes_from(range(n))
    X = nx.to_numpy_array(G1, nodelist=range(n))
    Y = nx.to_numpy_array(G2, nodelist=range(n))
    # the correlation is an increasing function of the cross-product, the rest being fixed
    observed = _cross(X, Y, tuple(range(n)))
    crosses = [_cross(X, Y, p) for p in itertools.permutations(range(n))]
    total = math.factorial(n)
    test = qap(G1, G2, reps="all")
    assert test.reps == total == len(test.distribution)
    assert test.p_greater == sum(c >= observed for c in crosses) / total
    assert test.p_less == sum(c <= observed for c in crosses) / total
    ties = sum(c == observed for c in crosses) / total
    assert test.p_greater + test.p_less == pytest.approx(1 + ties, abs=1e-12)
    assert ties >= 1 / total  # the identity always ties
    expected_r = np.corrcoef(X[~np.eye(n, dtype=bool)], Y[~np.eye(n, dtype=bool)])[0, 1]
    assert test.statistic == pytest.approx(expected_r, abs=1e-12)
    # random permutations estimate the exact p-values
    sampled = qap(G1, G2, reps=4000, seed=5)
    for name in ("p_greater", "p_less", "p_abs"):
        p = getattr(test, name)
        assert abs(getattr(sampled, name) - p) <= 5 * math.sqrt(p * (1 - p) / 4000) + 1e-9, name


def test_ties_within_floating_point_tolerance_count() -> None:
    # valued ties whose permuted sums differ from the observed one only by rounding
    G1 = nx.DiGraph()
    G2 = nx.DiGraph()
    for i, j in itertools.permutations(range(4), 2):
        G1.add_edge(i, j, weight=0.1 * (1 + (i + j) % 2))
        G2.add_edge(i, j, weight=0.3 * (1 + (i * j) % 3) / 3)
    test = qap(G1, G2, reps="all", weight="weight")
    close = np.abs(test.distribution - test.statistic) <= TIE_TOLERANCE
    assert test.p_greater == pytest.approx(
        np.mean((test.distribution > test.statistic) | close), abs=0
    )
    assert test.p_less == pytest.approx(
        np.mean((test.distribution < test.statistic) | close), abs=0
    )
    assert test.p_greater + test.p_less >= 1 + close.mean() - 1e-12


# ------------------------------------------------------------------------------------------------
# QAP: invariants and errors.


@st.composite
def graph_pairs(draw: st.DrawFn) -> tuple[nx.Graph, nx.Graph]:
    n = draw(st.integers(3, 8))
    pairs = list(itertools.permutations(range(n), 2))
    directed = draw(st.booleans())
    graphs = []
    for _ in range(2):
        G = nx.DiGraph() if directed else nx.Graph()
        G.add_nodes_from(range(n))
        G.add_edges_from(draw(st.lists(st.sampled_from(pairs), max_size=2 * n)))
        graphs.append(G)
    return graphs[0], graphs[1]


@SETTINGS
@given(graph_pairs(), st.integers(0, 2**32 - 1))
def test_qap_invariants(pair: tuple[nx.Graph, nx.Graph], seed: int) -> None:
    G1, G2 = pair
    test = qap(G1, G2, reps=50, seed=seed)
    assert isinstance(test, PermutationTest)
    n = len(G1)
    off = ~np.eye(n, dtype=bool)
    x = (nx.to_numpy_array(G1, nodelist=range(n)) != 0)[off]
    y = (nx.to_numpy_array(G2, nodelist=range(n)) != 0)[off]
    if x.std() == 0 or y.std() == 0:  # the correlation is undefined (NaN, as sna's NA)
        values = (test.statistic, test.p_greater, test.p_less, test.p_abs)
        assert all(math.isnan(v) for v in values)
        assert np.isnan(test.distribution).all()
        assert test.reps == 50
        return
    assert test == qap(G1, G2, reps=50, seed=seed)  # seeded
    assert np.array_equal(test.distribution, qap(G1, G2, reps=50, seed=seed).distribution)
    assert test.statistic == pytest.approx(np.corrcoef(x, y)[0, 1], abs=1e-12)
    assert 0 <= test.p_abs <= 1
    assert test.p_greater + test.p_less >= 1 - 1e-12
    assert np.all(np.abs(test.distribution) <= 1 + 1e-12)
    # node order and graph class do not matter: nodes are matched by label, ties dichotomized
    H2 = (nx.MultiDiGraph if G2.is_directed() else nx.MultiGraph)()
    H2.add_nodes_from(reversed(list(G2)))
    H2.add_edges_from(list(G2.edges()) * 2)
    H2.add_edges_from((v, v) for v in G2)
    same = qap(G1, H2, reps=50, seed=seed)
    assert same == test
    assert np.array_equal(same.distribution, test.distribution)
    # the correlation is symmetric in the two graphs
    assert qap(G2, G1, reps=1, seed=seed).statistic == pytest.approx(test.statistic, abs=1e-12)


def test_qap_matches_nodes_by_label() -> None:
    G1 = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    G2 = nx.DiGraph([("c", "d"), ("a", "b"), ("d", "a")])
    relabelled = nx.relabel_nodes(G2, {"a": "b", "b": "a"})
    assert qap(G1, G2, reps=1, seed=0).statistic != qap(G1, relabelled, reps=1, seed=0).statistic


def test_qap_errors() -> None:
    G1 = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    G2 = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "e")])
    with pytest.raises(ValueError, match=r"G2 does not have the same nodes as G1.*'d'.*'e'"):
        qap(G1, G2)
    with pytest.raises(ValueError, match="at least 3"):
        qap(nx.DiGraph([(0, 1)]), nx.DiGraph([(1, 0)]))
    with pytest.raises(ValueError, match="unknown statistic 'spearman'"):
        qap(G1, G1, statistic="spearman")  # type: ignore[arg-type]
    for reps in (0, -3, 2.5, True, "some"):
        with pytest.raises(ValueError, match="reps must be a positive integer"):
            qap(G1, G1, reps=reps)  # type: ignore[arg-type]
    big = nx.path_graph(10, create_using=nx.DiGraph)
    with pytest.raises(ValueError, match=r'reps="all".*at most 9 nodes'):
        qap(big, big, reps="all")
    with pytest.raises(TypeError, match="G2 must be a networkx graph"):
        qap(G1, [[0, 1], [1, 0]])  # type: ignore[arg-type]


def test_distribution_is_read_only() -> None:
    G = nx.DiGraph([(0, 1), (1, 2), (2, 3)])
    test = qap(G, G, reps=10, seed=1)
    with pytest.raises(ValueError, match="read-only"):
        test.distribution[0] = 1.0
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        test.statistic = 0.0  # type: ignore[misc]


def test_missing_numpy_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "numpy", None)
    G = nx.DiGraph([(0, 1), (1, 2), (2, 3)])
    with pytest.raises(MissingDependencyError, match=r"govmodel\[stats\]"):
        qap(G, G)


# ------------------------------------------------------------------------------------------------
# netlm and netlogit against sna.


def _fit(kind: str, case: dict[str, Any], nullhyp: str, reps: int = REPS) -> NetworkRegression:
    function = netlm if kind == "netlm" else netlogit
    y = _graph(case["n"], case["y"])
    xs = [_graph(case["n"], x) for x in case["xs"]]
    return function(y, xs, reps=reps, seed=11, nullhyp=nullhyp, weight="weight")  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["netlm", "netlogit"])
def test_regressions_match_sna_exactly(kind: str) -> None:
    for case in _reference()[kind]:
        fit = _fit(kind, case, "classical")
        k = len(case["xs"]) + 1
        assert fit.names == ("(intercept)", *(f"x{i}" for i in range(1, k)))
        assert fit.model == kind
        assert fit.reps == 0
        assert fit.distribution.shape == (0, k)
        assert fit.n == case["n"] * (case["n"] - 1)
        assert fit.df_residual == fit.n - k
        for name, ours, theirs in (
            ("coefficients", fit.coefficients, case["coefficients"]),
            ("statistics", fit.statistics, case["tstat"]),
            ("p_less", fit.p_less, case["classical"]["pleeq"]),
            ("p_greater", fit.p_greater, case["classical"]["pgreq"]),
            ("p_abs", fit.p_abs, case["classical"]["pgreqabs"]),
        ):
            assert len(ours) == k
            for a, b in zip(ours, theirs, strict=True):
                assert type(a) is float
                assert _close(a, b), f"{case['name']} {name}: {a} != {b}"
        assert fit.converged


@pytest.mark.parametrize("kind", ["netlm", "netlogit"])
def test_goodness_of_fit_matches_sna(kind: str) -> None:
    for case in _reference()[kind]:
        fit = _fit(kind, case, "classical")
        assert fit.goodness_of_fit.keys() == case["goodness_of_fit"].keys()
        for key, theirs in case["goodness_of_fit"].items():
            ours = fit.goodness_of_fit[key]
            assert type(ours) is float
            assert _close(ours, theirs), f"{case['name']} {key}: {ours} != {theirs}"


@pytest.mark.parametrize("nullhyp", ["qapspp", "qapy"])
@pytest.mark.parametrize("case", _cases("netlm"))
def test_netlm_p_values_agree_with_sna(case: dict[str, Any], nullhyp: str) -> None:
    fit = _fit("netlm", case, nullhyp)
    assert fit.nullhyp == nullhyp
    assert fit.reps == REPS
    assert fit.distribution.shape == (REPS, len(case["xs"]) + 1)
    for name, sna in (("p_greater", "pgreq"), ("p_less", "pleeq"), ("p_abs", "pgreqabs")):
        for i, (ours, theirs) in enumerate(
            zip(getattr(fit, name), case[nullhyp][sna], strict=True)
        ):
            _agree(ours, theirs, REPS, f"{case['name']} {nullhyp} {name}[{i}]")


@pytest.mark.parametrize("nullhyp", ["qapspp", "qapy"])
def test_netlogit_p_values_agree_with_sna(nullhyp: str) -> None:
    for case in _reference()["netlogit"]:
        fit = _fit("netlogit", case, nullhyp, reps=REPS if "weak" in case["name"] else 500)
        for name, sna in (("p_greater", "pgreq"), ("p_less", "pleeq"), ("p_abs", "pgreqabs")):
            for i, (ours, theirs) in enumerate(
                zip(getattr(fit, name), case[nullhyp][sna], strict=True)
            ):
                _agree(ours, theirs, fit.reps, f"{case['name']} {nullhyp} {name}[{i}]")


# ------------------------------------------------------------------------------------------------
# Regressions: invariants and errors.


def _random_design(seed: int, n: int = 9) -> tuple[nx.DiGraph, dict[str, nx.Graph]]:
    rng = np.random.default_rng(seed)
    pairs = list(itertools.permutations(range(n), 2))

    def draw(p: float) -> nx.DiGraph:
        G = nx.DiGraph()
        G.add_nodes_from(range(n))
        G.add_edges_from(e for e in pairs if rng.random() < p)
        return G

    x1, x2 = draw(0.3), draw(0.5)
    y = nx.DiGraph()
    y.add_nodes_from(range(n))
    y.add_edges_from(
        (i, j)
        for i, j in pairs
        if rng.random() < 0.2 + 0.4 * x1.has_edge(i, j) + 0.1 * x2.has_edge(i, j)
    )
    return y, {"kin": x1, "neighbours": x2}


@pytest.mark.parametrize("seed", range(5))
def test_netlm_equals_least_squares_on_the_dyads(seed: int) -> None:
    y, xs = _random_design(seed)
    n = len(y)
    off = ~np.eye(n, dtype=bool)
    X = np.column_stack(
        [np.ones(n * (n - 1))] + [nx.to_numpy_array(G, nodelist=range(n))[off] for G in xs.values()]
    )
    yv = nx.to_numpy_array(y, nodelist=range(n))[off]
    coef, *_ = np.linalg.lstsq(X, yv, rcond=None)
    fit = netlm(y, xs, reps=40, seed=seed)
    assert fit.names == ("(intercept)", "kin", "neighbours")
    assert np.allclose(fit.coefficients, coef, atol=1e-12)
    resid = yv - X @ coef
    assert fit.goodness_of_fit["r_squared"] == pytest.approx(
        1 - resid @ resid / ((yv - yv.mean()) ** 2).sum(), abs=1e-12
    )
    # the same seed gives the same result; the order of the nodes of the predictors does not matter
    shuffled = {name: nx.DiGraph(list(G.edges())) for name, G in xs.items()}
    for G in shuffled.values():
        G.add_nodes_from(reversed(range(n)))
    assert netlm(y, shuffled, reps=40, seed=seed) == fit


@pytest.mark.parametrize("seed", range(3))
def test_netlogit_maximizes_the_likelihood(seed: int) -> None:
    y, xs = _random_design(seed, n=10)
    fit = netlogit(y, xs, reps=20, seed=seed)
    n = len(y)
    off = ~np.eye(n, dtype=bool)
    X = np.column_stack(
        [np.ones(n * (n - 1))] + [nx.to_numpy_array(G, nodelist=range(n))[off] for G in xs.values()]
    )
    yv = nx.to_numpy_array(y, nodelist=range(n))[off]
    mu = 1 / (1 + np.exp(-X @ np.array(fit.coefficients)))
    assert np.abs(X.T @ (yv - mu)).max() < 1e-6  # the score is zero at the maximum
    deviance = -2 * np.sum(yv * np.log(mu) + (1 - yv) * np.log(1 - mu))
    assert fit.goodness_of_fit["deviance"] == pytest.approx(deviance, rel=1e-9)
    assert fit.goodness_of_fit["aic"] == pytest.approx(deviance + 6, rel=1e-9)
    assert fit.converged


class _FixedPermutations:
    """A stand-in for numpy's Generator whose ``random`` makes ``argsort`` return the given
    permutations, one a row, in turn (so the tests know which relabellings were used)."""

    def __init__(self, permutations: np.ndarray) -> None:
        self.permutations = permutations
        self.used = 0

    def random(self, shape: tuple[int, int]) -> np.ndarray:
        rows = self.permutations[self.used : self.used + shape[0]]
        self.used += shape[0]
        keys = np.empty(rows.shape)
        np.put_along_axis(keys, rows, np.arange(shape[1], dtype=float)[None, :], axis=1)
        return keys


def _dyads(y: nx.Graph, xs: dict[str, nx.Graph]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = len(y)
    off = ~np.eye(n, dtype=bool)
    Y = nx.to_numpy_array(y, nodelist=range(n))
    X = np.column_stack(
        [np.ones(n * (n - 1))] + [nx.to_numpy_array(G, nodelist=range(n))[off] for G in xs.values()]
    )
    return Y, X, off


def _t_values(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    coef, *_ = np.linalg.lstsq(X, y, rcond=None)
    resid = y - X @ coef
    se = np.sqrt(np.diag(np.linalg.inv(X.T @ X)) * (resid @ resid) / (len(y) - X.shape[1]))
    return coef / se


def _z_values(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Logistic regression by plain Newton steps to full convergence."""
    beta = np.zeros(X.shape[1])
    for _ in range(100):
        mu = 1 / (1 + np.exp(-X @ beta))
        information = X.T @ (X * (mu * (1 - mu))[:, None])
        step = np.linalg.solve(information, X.T @ (y - mu))
        beta += step
        if np.abs(step).max() < 1e-13:
            break
    assert np.abs(beta).max() < 10, "separated: the maximum likelihood estimate is infinite"
    mu = 1 / (1 + np.exp(-X @ beta))
    return beta / np.sqrt(np.diag(np.linalg.inv(X.T @ (X * (mu * (1 - mu))[:, None]))))


@pytest.mark.parametrize("model", ["netlm", "netlogit"])
@pytest.mark.parametrize("nullhyp", ["qapspp", "qapy"])
def test_permuted_statistics_equal_a_refit(
    model: str, nullhyp: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each permuted statistic equals the naive refit of sna's procedure on that permutation;
    the identity relabelling reproduces the observed statistics (Frisch-Waugh)."""
    # large enough that no permutation separates the logistic fit (where R's iterations stop
    # at some large coefficient and plain Newton steps run off to infinity)
    y, xs = _random_design(4, n=8 if model == "netlm" else 12)
    n = len(y)
    reps = 12
    draws = np.random.default_rng(9).random((reps, n)).argsort(axis=1)
    draws[0] = np.arange(n)
    k = 1 + len(xs)
    schedule = np.concatenate([draws] * k)  # qapspp draws reps permutations per coefficient
    monkeypatch.setattr(np.random, "default_rng", lambda seed=None: _FixedPermutations(schedule))
    function = netlm if model == "netlm" else netlogit
    fit = function(y, xs, reps=reps, nullhyp=nullhyp)  # type: ignore[operator]
    Y, X, off = _dyads(y, xs)
    statistic = _t_values if model == "netlm" else _z_values
    # R's stopping rule (a relative change of deviance below 1e-8) leaves the logistic fit
    # some 1e-6 from the maximum that Newton's steps reach
    tolerance = 1e-9 if model == "netlm" else 2e-5
    assert np.allclose(fit.distribution[0], fit.statistics, rtol=tolerance, atol=tolerance)
    for r, perm in enumerate(draws):
        if nullhyp == "qapy":
            expected = statistic(X, Y[np.ix_(perm, perm)][off])
        else:
            expected = np.empty(k)
            for i in range(k):
                Z = np.delete(X, i, axis=1)
                coef, *_ = np.linalg.lstsq(Z, X[:, i], rcond=None)
                residuals = np.zeros((n, n))
                residuals[off] = X[:, i] - Z @ coef
                permuted = residuals[np.ix_(perm, perm)][off]
                expected[i] = statistic(np.column_stack([Z, permuted]), Y[off])[-1]
        assert np.allclose(fit.distribution[r], expected, rtol=tolerance, atol=tolerance), r


def test_a_model_without_other_predictors_uses_qapy() -> None:
    y, xs = _random_design(1)
    fit = netlm(y, [xs["kin"]], reps=30, seed=1, nullhyp="qapspp")
    assert fit.nullhyp == "qapspp"  # two coefficients: semi-partialling applies
    # with only the intercept sna falls back on qapy
    single = netlm(y, [], reps=30, seed=1)
    assert single.nullhyp == "qapy"
    assert single.names == ("(intercept)",)


def test_regression_weights() -> None:
    y = nx.DiGraph()
    y.add_weighted_edges_from([(0, 1, 3.0), (1, 2, 1.0), (2, 0, 2.0), (0, 2, 5.0), (3, 0, 1.0)])
    x = nx.DiGraph([(0, 1), (2, 0), (0, 2), (1, 3)])
    valued = netlm(y, [x], reps=10, seed=0, weight="weight")
    binary = netlm(y, [x], reps=10, seed=0)
    assert valued.coefficients != binary.coefficients
    # the difference of the mean tie values where x has a tie (3, 2, 5, 0) and where not
    assert valued.coefficients[1] == pytest.approx((3 + 2 + 5 + 0) / 4 - (1 + 1) / 8, abs=1e-12)
    # netlogit dichotomizes y whatever the weight
    assert netlogit(y, [x], reps=10, seed=0, weight="weight").coefficients == pytest.approx(
        netlogit(y, [x], reps=10, seed=0).coefficients, abs=1e-12
    )


def test_regression_errors() -> None:
    y, xs = _random_design(2)
    with pytest.raises(ValueError, match="collinear"):
        netlm(y, [xs["kin"], xs["kin"]])
    empty = nx.DiGraph()
    empty.add_nodes_from(y)
    with pytest.raises(ValueError, match="collinear"):
        netlm(y, [empty])  # a predictor without ties equals 0, with the intercept: collinear
    with pytest.raises(TypeError, match="sequence or a mapping of graphs"):
        netlm(y, xs["kin"])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown nullhyp 'cugden'"):
        netlm(y, xs, nullhyp="cugden")  # type: ignore[arg-type]
    other = nx.relabel_nodes(xs["kin"], {0: "zero"})
    with pytest.raises(ValueError, match=r"xs\['neighbours'\] does not have the same nodes as y"):
        netlm(y, {"kin": xs["kin"], "neighbours": other})
    with pytest.raises(ValueError, match="reps must be a positive integer"):
        netlogit(y, xs, reps=0)
    valued = nx.DiGraph(xs["kin"])
    u, v = next(iter(valued.edges()))
    valued[u][v]["weight"] = math.inf
    with pytest.raises(ValueError, match=r"edge attribute 'weight' of xs\[1\] is not a finite"):
        netlm(y, [xs["neighbours"], valued], weight="weight")


def test_regression_result_renders() -> None:
    y, xs = _random_design(3)
    fit = netlm(y, xs, reps=25, seed=3)
    text = fit.summary()
    assert text.splitlines()[0].startswith("netlm: OLS network regression on 72 dyads")
    for name, b in zip(fit.names, fit.coefficients, strict=True):
        assert any(line.startswith(name) and f"{b:.4f}" in line for line in text.splitlines())
    assert "distribution" not in repr(fit)
    assert "coefficients=" in repr(fit)
    frame = fit.to_frame()
    assert list(frame.index) == list(fit.names)
    assert frame["coefficient"].tolist() == list(fit.coefficients)
    assert frame["p_abs"].tolist() == list(fit.p_abs)


# ------------------------------------------------------------------------------------------------
# Permutation tests between two groups of units.


def test_permutation_test_counts_splits_exactly() -> None:
    a, b = [0.2, 0.5, 0.9, 0.4], [0.1, 0.3, 0.3]
    pooled = a + b
    observed = np.mean(a) - np.mean(b)
    diffs = []
    for chosen in itertools.combinations(range(len(pooled)), len(a)):
        first = [pooled[i] for i in chosen]
        rest = [pooled[i] for i in range(len(pooled)) if i not in chosen]
        diffs.append(np.mean(first) - np.mean(rest))
    diffs_array = np.array(diffs)
    exact = np.mean(diffs_array >= observed - 1e-12)
    test = permutation_test(a, b, reps=20000, seed=4)
    assert test.statistic == pytest.approx(observed, abs=1e-15)
    assert abs(test.p_greater - exact) <= 5 * math.sqrt(exact * (1 - exact) / 20000)
    assert test == permutation_test(a, b, reps=20000, seed=4)
    assert test.reps == 20000 == len(test.distribution)


def test_permutation_test_ties() -> None:
    test = permutation_test([1, 1, 0], [1, 0, 1], reps=100, seed=0)
    assert test.statistic == 0.0
    # every split has a difference of 0 or +-1/3: the ties count both ways
    ties = np.mean(np.abs(test.distribution) <= TIE_TOLERANCE)
    assert ties > 0
    assert test.p_greater + test.p_less == pytest.approx(1 + ties, abs=1e-12)
    assert test.p_abs == 1.0
    same = permutation_test({"c1": 2.0, "c2": 2.0}, {"c3": 2.0}, statistic="median", reps=10)
    assert (same.statistic, same.p_greater, same.p_less, same.p_abs) == (0.0, 1.0, 1.0, 1.0)


def test_permutation_test_errors() -> None:
    with pytest.raises(ValueError, match="group b is empty"):
        permutation_test([1.0], [])
    with pytest.raises(ValueError, match=r"group a, value 1: nan is not a finite number"):
        permutation_test([1.0, math.nan], [2.0])
    with pytest.raises(ValueError, match=r"group b, value 0: True is not a finite number"):
        permutation_test([1.0], [True])
    with pytest.raises(ValueError, match=r"group a, value 0: '1' is not a finite number"):
        permutation_test(["1"], [2.0])  # type: ignore[list-item]
    # numpy numbers are numbers
    assert permutation_test(np.array([1, 2]), np.arange(3, 5), reps=5).statistic == -2.0
    with pytest.raises(ValueError, match="unknown statistic 'max'"):
        permutation_test([1.0], [2.0], statistic="max")  # type: ignore[arg-type]


def _digraph(n: int, edges: list[tuple[int, int]]) -> nx.DiGraph:
    G = nx.DiGraph(edges)
    G.add_nodes_from(range(n))
    return G


def test_netlogit_permuted_fit_with_a_singular_step_is_nan() -> None:
    # The refits of some permutations drive the weights of most dyads to ~0, so that X'WX is
    # singular: R's glm.fit gives NA for them (sna's dist), the rest of the test goes on.
    y = _digraph(3, [(1, 2)])
    x = _digraph(3, [(0, 2), (1, 2), (2, 0)])
    fit = netlogit(y, [x], reps=20, seed=0)
    # sna 2.7-1: netlogit(y, list(x), reps = 20). The estimates do not exist (separation):
    # the fit stops where R's does, with coefficients determined to about 7 digits only, as
    # the docstring says (R itself gives -19.56606851850233 with another BLAS)
    assert fit.coefficients == pytest.approx((-19.566068438974803, 18.87292125841486), rel=1e-7)
    assert fit.statistics == pytest.approx((-0.003151328224, 0.003039689269), rel=1e-7)
    intercept, slope = fit.distribution[:, 0], fit.distribution[:, 1]
    assert np.isnan(intercept).any()
    seen = intercept[~np.isnan(intercept)]
    sna_values = [-0.003151328, -0.002816223, -0.262700570, -0.409865834]  # sna's dist[, 1]
    assert all(min(abs(v - s) for s in sna_values) < 1e-8 for v in seen)
    assert np.allclose(np.abs(slope), 0.003039689269, rtol=1e-8)


def test_netlogit_singular_observed_fit_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # Not seen on 0/1 predictors (all 3-node designs, 20,000 4-node ones); forced here.
    def singular(*args: Any, **kwargs: Any) -> Any:
        raise np.linalg.LinAlgError("Singular matrix")

    y = _digraph(3, [(1, 2)])
    x = _digraph(3, [(0, 2), (1, 2), (2, 0)])
    monkeypatch.setattr(np.linalg, "solve", singular)
    monkeypatch.setattr(np.linalg, "inv", singular)  # the observed fit's step inverts R
    with pytest.raises(ValueError, match="the logistic fit is singular"):
        netlogit(y, [x], reps=5, seed=0)


def test_netlm_p_values_are_nan_where_a_permuted_t_is() -> None:
    # Some relabellings of the intercept's residual matrix lie in the span of x1 and x2, where
    # sna's refit has no t-value (tests/fixtures/sna/edges_1207e.json, "span-4"). A
    # permutation without a statistic is neither >= nor <= the observed one: sna's mean()
    # gives NA, and counting it in the denominator only would break p_greater + p_less >= 1.
    y = _digraph(4, [(0, 1), (0, 2), (1, 2), (1, 3), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2)])
    x1 = _digraph(4, [(0, 1), (1, 2), (2, 0), (3, 2)])
    x2 = _digraph(4, [(0, 3), (1, 3), (2, 3), (3, 0)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the NaN is the answer, not a numpy warning
        fit = netlm(y, [x1, x2], reps=100, seed=0)
    nan_columns = np.isnan(fit.distribution).any(axis=0)
    assert nan_columns.any()
    assert not nan_columns.all()
    for j in range(3):
        ps = (fit.p_less[j], fit.p_greater[j], fit.p_abs[j])
        if nan_columns[j]:
            assert all(math.isnan(p) for p in ps)
        else:
            assert fit.p_less[j] + fit.p_greater[j] >= 1


@pytest.mark.parametrize("nullhyp", ["qapspp", "qapy"])
def test_netlm_on_a_constant_response_is_nan(nullhyp: str) -> None:
    # Every tie: the fit is exact and each t-value is 0 / 0 up to rounding (sna's are NaN
    # without ties and rounding noise with every tie); no p-value may read as significant.
    y = nx.complete_graph(4, nx.DiGraph)
    xa = _digraph(4, [(1, 0), (1, 3), (2, 0), (2, 1), (2, 3), (3, 0), (3, 1)])
    xb = _digraph(4, [(0, 2), (1, 0), (1, 2), (2, 3), (3, 0), (3, 2)])
    for response in (y, _digraph(4, [])):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            fit = netlm(response, [xa, xb], reps=30, seed=0, nullhyp=nullhyp)  # type: ignore[arg-type]
        assert all(math.isnan(v) for v in fit.statistics + fit.p_less + fit.p_greater + fit.p_abs)
        assert math.isnan(fit.goodness_of_fit["r_squared"])


def test_reps_of_any_integer_type_and_seed_errors_name_seed() -> None:
    G1, G2 = _digraph(5, [(0, 1), (1, 2), (2, 0), (0, 2)]), _digraph(5, [(0, 1), (1, 2), (3, 4)])
    assert qap(G1, G2, reps=np.int64(50), seed=1) == qap(G1, G2, reps=50, seed=1)
    assert qap(G1, G2, reps=np.int64(50), seed=1).reps == 50
    assert type(permutation_test([1, 2], [3, 4], reps=np.int64(20), seed=1).reps) is int
    assert netlm(G2, [G1], reps=np.int64(10), seed=1).reps == 10
    with pytest.raises(ValueError, match="reps must be a positive integer"):
        qap(G1, G2, reps=True)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"seed must be a non-negative integer.*not -1"):
        qap(G1, G2, reps=10, seed=-1)
    with pytest.raises(TypeError, match=r"seed must be a non-negative integer.*not 'abc'"):
        netlm(G2, [G1], reps=10, seed="abc")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="seed must be"):
        permutation_test([1, 2], [3, 4], reps=10, seed=1.5)  # type: ignore[arg-type]
    assert qap(G1, G2, reps=10, seed=np.random.default_rng(3)) == qap(G1, G2, reps=10, seed=3)


def test_qap_correlation_of_huge_tie_values_does_not_overflow() -> None:
    G1, G2 = _digraph(5, []), _digraph(5, [])
    for u, v in [(0, 1), (1, 2), (2, 3), (3, 4)]:
        G1.add_edge(u, v, w=1e160)
        G2.add_edge(u, v, w=1e160)
    G2.add_edge(4, 0, w=3e300)
    small1, small2 = nx.DiGraph(G1), nx.DiGraph(G2)
    for G in (small1, small2):
        for _, _, data in G.edges(data=True):
            data["w"] = data["w"] / 1e160
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert qap(G1, G1, weight="w", reps=10, seed=1).statistic == pytest.approx(1.0)
        huge = qap(G1, G2, weight="w", reps=20, seed=1)
    scaled = qap(small1, small2, weight="w", reps=20, seed=1)
    assert huge.statistic == pytest.approx(scaled.statistic, rel=1e-12)
    assert (huge.p_less, huge.p_greater) == (scaled.p_less, scaled.p_greater)


def test_netlm_without_predictors_explains_nothing() -> None:
    y = _digraph(5, [(0, 1), (1, 2), (2, 0), (0, 2)])
    fit = netlm(y, [], reps=5, seed=1)
    assert fit.goodness_of_fit["r_squared"] == 0.0
    assert fit.goodness_of_fit["adj_r_squared"] == 0.0


def test_qap_covariance_of_a_constant_graph_is_zero() -> None:
    test = qap(nx.complete_graph(4, nx.DiGraph), _digraph(4, [(0, 1)]), statistic="gcov", reps=9)
    assert (test.statistic, test.p_greater, test.p_less, test.p_abs) == (0.0, 1.0, 1.0, 1.0)
