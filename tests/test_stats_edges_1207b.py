"""govmodel.stats at its edges, against R package sna: graphs of 3 to 6 nodes with self-loops,
undirected graphs, negative tie values, complete and empty graphs, isolates; regressions
without residual degrees of freedom and with (nearly) collinear predictors; and bad input.

The reference values are in ``tests/fixtures/sna/edges_1207b.json``, written by
``Rscript tools/sna/make_fixtures.R --edges``: exact p-values over all n! relabellings and,
for netlm and netlogit, the t- or z-value of every relabelling computed by sna's own refits.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pytest

from govmodel.stats import netlm, netlogit, permutation_test, qap

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "sna" / "edges_1207b.json"
TOLERANCE = 1e-9
REPS = 3000


@cache
def _reference() -> dict[str, Any]:
    with FIXTURE.open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def _cases(kind: str) -> list[Any]:
    return [pytest.param(case, id=case["name"]) for case in _reference()[kind]]


def _graph(n: int, edges: list[list[float]], directed: bool = True) -> nx.Graph:
    """A fixture graph: an undirected one from its symmetric edge list (each edge twice)."""
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(range(n))
    for i, j, w in edges:
        G.add_edge(int(i), int(j), weight=w)
    return G


def _matches(actual: float, expected: float | None, what: str, tolerance: float) -> None:
    if expected is None:  # sna's NaN or NA
        assert math.isnan(actual), f"{what}: expected NaN (sna null), got {actual!r}"
    else:
        bound = tolerance * max(1.0, abs(expected))
        assert abs(actual - expected) <= bound, f"{what}: {actual!r}, sna {expected!r}"


def test_fixture_holds_the_edges() -> None:
    data = _reference()
    assert data["sna_version"].startswith("2.")
    assert {c["n"] for c in data["qap"]} >= {3, 4, 5, 6}
    assert any(i == j for c in data["qap"] for i, j, _ in c["g1"] + c["g2"]), "no self-loop"
    assert any(w < 0 for c in data["qap"] for _, _, w in c["g1"] + c["g2"]), "no negative tie"
    assert any(c["gcor"] is None for c in data["qap"])
    assert any(not all(c["directed"]) for c in data["qap"])
    assert any(c["df_residual"] == 0 for c in data["netlm"])
    assert any(c["rank"] < len(c["xs"]) + 1 for c in data["collinear"])


# ------------------------------------------------------------------------------------------------
# QAP: exact p-values over all relabellings.


@pytest.mark.parametrize("statistic", ["gcor", "gcov"])
@pytest.mark.parametrize("case", _cases("qap"))
def test_exact_qap_at_the_edges_matches_sna(case: dict[str, Any], statistic: str) -> None:
    # self-loops are in the edge lists (sna ignores the diagonal), undirected graphs are
    # symmetric matrices, a complete or empty graph has no correlation (NA in sna)
    d1, d2 = case["directed"]
    G1, G2 = _graph(case["n"], case["g1"], d1), _graph(case["n"], case["g2"], d2)
    test = qap(G1, G2, reps="all", statistic=statistic, weight="weight")  # type: ignore[arg-type]
    assert test.reps == case["perms"] == math.factorial(case["n"])
    _matches(test.statistic, case[statistic], f"{statistic}", TOLERANCE)
    sna = case[f"{statistic}_p"]
    for ours, theirs in (("p_greater", "pgreq"), ("p_less", "pleeq"), ("p_abs", "pabs")):
        _matches(getattr(test, ours), sna[theirs], f"{statistic} {ours}", 1e-12)


def test_exact_qap_ignores_node_order_and_loops_as_sna() -> None:
    case = next(c for c in _reference()["qap"] if c["name"] == "self-loops-4")
    G1 = _graph(case["n"], case["g1"])
    G2 = nx.relabel_nodes(_graph(case["n"], case["g2"]), {i: f"v{i}" for i in range(4)})
    G1 = nx.relabel_nodes(G1, {i: f"v{i}" for i in range(4)})
    reordered = nx.DiGraph()
    reordered.add_nodes_from(reversed(list(G2)))
    reordered.add_edges_from(G2.edges(data=True))
    test = qap(G1, reordered, reps="all", weight="weight")
    assert any(u == v for u, v in reordered.edges())
    _matches(test.statistic, case["gcor"], "gcor", TOLERANCE)
    _matches(test.p_greater, case["gcor_p"]["pgreq"], "p_greater", 1e-12)


@pytest.mark.parametrize("scale", [1e-6, 1e-11, 1e-200, 1e200])
def test_statistics_of_small_or_large_values_keep_their_order(scale: float) -> None:
    # the tie tolerance was 1e-10 at least, so that every relabelling tied with a covariance
    # or a difference of means below it: all p-values 1
    case = next(c for c in _reference()["qap"] if c["name"] == "small-values-5")
    unit = [[i, j, w * 1e6] for i, j, w in case["g1"]], [[i, j, w * 1e6] for i, j, w in case["g2"]]
    G1 = _graph(case["n"], [[i, j, w * scale] for i, j, w in unit[0]])
    G2 = _graph(case["n"], [[i, j, w * scale] for i, j, w in unit[1]])
    U1, U2 = _graph(case["n"], unit[0]), _graph(case["n"], unit[1])
    for statistic in ("gcov", "gcor"):
        if statistic == "gcov" and not 1e-150 < scale < 1e150:
            continue  # the covariance underflows, or overflows, as sna's
        scaled = qap(G1, G2, reps="all", statistic=statistic, weight="weight")  # type: ignore[arg-type]
        plain = qap(U1, U2, reps="all", statistic=statistic, weight="weight")  # type: ignore[arg-type]
        assert (scaled.p_greater, scaled.p_less, scaled.p_abs) == (
            plain.p_greater,
            plain.p_less,
            plain.p_abs,
        )
    # the correlation is scale-free, also where sna's squares underflow (NaN in sna)
    assert qap(G1, G2, reps="all", weight="weight").statistic == pytest.approx(case["gcor"])
    values = [0.3, 1.0, 2.5, 4.0], [5.0, 6.5, 7.0]
    small = permutation_test(
        [v * scale for v in values[0]], [v * scale for v in values[1]], reps=500, seed=3
    )
    test = permutation_test(*values, reps=500, seed=3)
    assert (small.p_greater, small.p_less, small.p_abs) == (test.p_greater, test.p_less, test.p_abs)
    assert test.p_less < 0.1


def test_a_permuted_exact_fit_does_not_widen_the_ties() -> None:
    # y is x relabelled: the relabelling back fits y exactly, with a t-value of rounding noise
    # (about 4e8), which must not set the tie tolerance (it made it 0.045); a t-value is
    # measured against 1
    rng = np.random.default_rng(32)
    n = int(rng.integers(5, 8))
    A = (rng.random((n, n)) < rng.uniform(0.2, 0.6)).astype(float)
    np.fill_diagonal(A, 0)
    q = rng.permutation(n)
    Z = (rng.random((n, n)) < 0.4).astype(float)
    np.fill_diagonal(Z, 0)
    x, z = (nx.from_numpy_array(M, create_using=nx.DiGraph) for M in (A, Z))
    y = nx.from_numpy_array(A[np.ix_(q, q)], create_using=nx.DiGraph)
    fit = netlm(y, [x, z], reps=500, seed=1, nullhyp="qapy")
    t, permuted = fit.statistics[1], fit.distribution[:, 1]
    assert np.nanmax(np.abs(permuted)) > 1e8
    tolerance = 1e-10 * max(1.0, abs(t))
    assert fit.p_abs[1] == np.mean(np.abs(permuted) >= abs(t) - tolerance)
    assert fit.p_greater[1] == np.mean(permuted >= t - tolerance)


# ------------------------------------------------------------------------------------------------
# netlm and netlogit: deterministic values and the permuted statistics of sna's refits.


def _design(case: dict[str, Any]) -> tuple[nx.Graph, list[nx.Graph]]:
    directed = case["directed"]
    assert len(directed) == len(case["xs"]) + 1
    y = _graph(case["n"], case["y"], directed[0])
    xs = [_graph(case["n"], e, d) for e, d in zip(case["xs"], directed[1:], strict=True)]
    return y, xs


def _regression_cases() -> list[Any]:
    return [
        pytest.param(kind, case, nullhyp, id=f"{case['name']}-{nullhyp}")
        for kind in ("netlm", "netlogit")
        for case in _reference()[kind]
        for nullhyp in ("classical", "qapy", "qapspp")
    ]


@pytest.mark.parametrize(("kind", "case", "nullhyp"), _regression_cases())
def test_regression_at_the_edges_matches_sna(kind: str, case: dict[str, Any], nullhyp: str) -> None:
    y, xs = _design(case)
    model = netlm if kind == "netlm" else netlogit
    fit = model(y, xs, weight="weight", nullhyp=nullhyp, reps=REPS, seed=5)  # type: ignore[arg-type]
    # netlogit's iterations stop where R's do; near separation they agree to ~7 digits
    tolerance = TOLERANCE if kind == "netlm" else 1e-6
    assert fit.df_residual == case["df_residual"]
    for i, name in enumerate(fit.names):
        _matches(fit.coefficients[i], case["coefficients"][i], f"{name} coefficient", tolerance)
        _matches(fit.statistics[i], case["tstat"][i], f"{name} statistic", tolerance)
    for key, value in case["goodness_of_fit"].items():
        _matches(fit.goodness_of_fit[key], value, key, tolerance)
    if nullhyp == "classical":
        for ours, theirs in (("p_less", "pleeq"), ("p_greater", "pgreq"), ("p_abs", "pgreqabs")):
            for i, name in enumerate(fit.names):
                p = getattr(fit, ours)[i]
                _matches(p, case["classical"][theirs][i], f"{name} {ours}", tolerance)
        return
    sna = case[nullhyp]
    for i, name in enumerate(fit.names):
        values = sna["values"][i]  # sna's statistic for each of the n! relabellings
        finite = np.array([v for v in values if v is not None])
        for v in fit.distribution[:, i]:
            if math.isnan(v):
                assert None in values, f"{name}: a NaN that no relabelling gives in sna"
            else:
                assert finite.size, f"{name}: {v}, where sna has no value"
                assert np.min(np.abs(finite - v)) <= tolerance * max(1, abs(v)), f"{name}: {v}"
        exact = sna["p"][i]  # exact over all relabellings; ours from REPS random ones
        for ours, theirs in (("p_less", "pleeq"), ("p_greater", "pgreq"), ("p_abs", "pabs")):
            p, q = getattr(fit, ours)[i], exact[theirs]
            if q is None:
                assert math.isnan(p), f"{name} {ours}: {p}, sna NA"
                continue
            bound = 5 * math.sqrt(max(q * (1 - q), 1e-12) / REPS) + 1 / REPS
            assert abs(p - q) <= bound, f"{name} {ours}: {p}, exact {q}"


def test_netlm_without_residual_degrees_of_freedom_is_nan() -> None:
    # as many coefficients as dyads: an exact fit, with no residual variance to divide by;
    # sna's t-values are NaN, where netlm raised ZeroDivisionError
    case = next(c for c in _reference()["netlm"] if c["df_residual"] == 0)
    y, xs = _design(case)
    fit = netlm(y, xs, weight="weight", nullhyp="classical")
    assert fit.df_residual == 0
    assert all(math.isnan(t) for t in fit.statistics)
    assert all(math.isnan(p) for p in fit.p_less + fit.p_greater + fit.p_abs)
    assert math.isnan(fit.goodness_of_fit["adj_r_squared"])
    assert math.isnan(fit.goodness_of_fit["residual_se"])
    assert fit.goodness_of_fit["r_squared"] == pytest.approx(1.0, abs=1e-9)
    permuted = netlm(y, xs, weight="weight", reps=20, seed=1)
    assert all(math.isnan(p) for p in permuted.p_greater)
    assert "nan" in permuted.summary()


# ------------------------------------------------------------------------------------------------
# Collinear predictors, by sna's tolerance.


@pytest.mark.parametrize("case", _cases("collinear"))
def test_collinearity_is_judged_as_sna_judges_it(case: dict[str, Any]) -> None:
    y = _graph(case["n"], case["y"])
    xs = [_graph(case["n"], e) for e in case["xs"]]
    k = len(xs) + 1
    if case["rank"] == k:  # sna fits it: so do netlm and netlogit, to the digits data allow
        for model, sna in ((netlm, case), (netlogit, case["netlogit"])):
            fit = model(y, xs, weight="weight", nullhyp="classical")
            for ours, theirs in zip(fit.coefficients, sna["coefficients"], strict=True):
                assert ours == pytest.approx(theirs, rel=1e-6)
            for ours, theirs in zip(fit.statistics, sna["tstat"], strict=True):
                if case["name"] == "underflowing-values-6" and theirs == 0:
                    # sna's squares of 1e170 overflow: a t- (z-) value of 0. govmodel brings
                    # the values to 1 first: the statistic of the same predictor at 1e-14
                    small = next(
                        c for c in _reference()["collinear"] if c["name"] == "small-values-6"
                    )
                    theirs = (small if model is netlm else small["netlogit"])["tstat"][1]
                assert ours == pytest.approx(theirs, rel=1e-6)
        return
    # sna gives NA for the coefficients R's qr(tol = 1e-7) leaves out: a clear error here
    aliased = [f"x{i}" for i, b in enumerate(case["coefficients"]) if b is None]
    assert aliased
    for model in (netlm, netlogit):
        with pytest.raises(ValueError, match=rf"rank {case['rank']} of {k}\): {aliased[0]} is"):
            model(y, xs, weight="weight", nullhyp="classical")


@pytest.mark.parametrize("scale", [1e-170, 1e-100, 1e100, 1e170])
def test_regressions_of_tie_values_far_from_1_are_exact(scale: float) -> None:
    # squares of 1e-170 underflow and of 1e170 overflow: netlm gave t-values of 0 or inf
    # (as sna does), netlogit an error that blamed a separation of the ties of y
    case = next(c for c in _reference()["collinear"] if c["name"] == "small-values-6")
    y = _graph(case["n"], case["y"])
    x = _graph(case["n"], [[i, j, w * 1e14] for i, j, w in case["xs"][0]])
    scaled_x = _graph(case["n"], [[i, j, w * 1e14 * scale] for i, j, w in case["xs"][0]])
    scaled_y = _graph(case["n"], [[i, j, w * scale] for i, j, w in case["y"]])
    plain = netlm(y, [x], weight="weight", nullhyp="classical")
    for fit, factors in (
        (netlm(y, [scaled_x], weight="weight", nullhyp="classical"), (1, 1 / scale)),
        (netlm(scaled_y, [x], weight="weight", nullhyp="classical"), (scale, scale)),
    ):
        assert fit.statistics == pytest.approx(plain.statistics, rel=1e-12)
        for ours, theirs, factor in zip(fit.coefficients, plain.coefficients, factors, strict=True):
            assert ours == pytest.approx(theirs * factor, rel=1e-12)
        assert fit.goodness_of_fit["r_squared"] == pytest.approx(
            plain.goodness_of_fit["r_squared"], rel=1e-12
        )
    logit = netlogit(y, [scaled_x], weight="weight", nullhyp="classical")
    sna = case["netlogit"]
    assert logit.statistics == pytest.approx(sna["tstat"], rel=1e-6)
    assert logit.coefficients[1] == pytest.approx(sna["coefficients"][1] * 1e-14 / scale, rel=1e-6)


def test_nearly_collinear_predictors_are_not_fitted() -> None:
    # x2 = x1 + 1e-9: sna's coefficient is NA, netlm gave coefficients of 1e8 and opposite
    # signs, and netlogit blamed a separation of the ties of y
    case = next(c for c in _reference()["collinear"] if c["name"] == "nearly-equal-6")
    y = _graph(case["n"], case["y"])
    xs = {"kin": _graph(case["n"], case["xs"][0]), "kin_again": _graph(case["n"], case["xs"][1])}
    assert case["coefficients"][2] is None
    with pytest.raises(ValueError, match=r"collinear.*kin_again is a combination"):
        netlm(y, xs, weight="weight")
    with pytest.raises(ValueError, match=r"collinear.*kin_again is a combination"):
        netlogit(y, xs, weight="weight")


# ------------------------------------------------------------------------------------------------
# Bad input.


def _pair() -> tuple[nx.DiGraph, nx.DiGraph]:
    G = nx.DiGraph([(0, 1), (1, 2), (2, 0), (0, 2)])
    H = nx.DiGraph([(0, 1), (2, 1)])
    H.add_nodes_from(G)
    return G, H


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param("3", r"is not a number: '3' on the edge \(0, 1\)", id="str"),
        pytest.param(b"3", r"is not a number: b'3' on the edge \(0, 1\)", id="bytes"),
        pytest.param(1 + 2j, r"is not a number: \(1\+2j\) on the edge \(0, 1\)", id="complex"),
        pytest.param([1], r"is not a number: \[1\] on the edge \(0, 1\)", id="list"),
        pytest.param(None, r"is not a number: None on the edge \(0, 1\)", id="None"),
        pytest.param(
            10**400,
            r"is beyond a float's range: an integer of about 400 digits on the edge",
            id="int-400-digits",
        ),
        pytest.param(
            10**5000,
            r"is beyond a float's range: an integer of about 5000 digits on the edge",
            id="int-5000-digits",
        ),
        pytest.param(math.nan, r"is not a finite number: nan on the edge \(0, 1\)", id="nan"),
    ],
)
def test_a_tie_value_that_is_no_finite_number_is_refused(value: object, message: str) -> None:
    # a string was read as the number it spells ('3' as 3), the others raised numpy's errors
    # without the graph, the attribute or the edge
    G, H = _pair()
    G[0][1]["w"] = value
    with pytest.raises(ValueError, match=rf"edge attribute 'w' of G1 {message}"):
        qap(G, H, weight="w", reps=5, seed=1)
    with pytest.raises(ValueError, match=rf"edge attribute 'w' of xs\[0\] {message}"):
        netlm(H, [G], weight="w", reps=5, seed=1)
    with pytest.raises(ValueError, match=rf"edge attribute 'w' of y {message}"):
        netlm(G, [H], weight="w", reps=5, seed=1)
    netlogit(G, [H], weight="w", reps=5, seed=1)  # netlogit's y is dichotomized


@pytest.mark.parametrize("value", [Fraction(5, 2), Decimal("2.5"), np.float32(2.5), 2.5])
def test_tie_values_of_any_real_type_are_read(value: object) -> None:
    G, H = _pair()
    G[0][1]["w"] = value
    F, _ = _pair()
    F[0][1]["w"] = 2.5
    assert qap(G, H, weight="w", reps=20, seed=1) == qap(F, H, weight="w", reps=20, seed=1)


def test_parallel_ties_adding_up_beyond_a_float_are_refused() -> None:
    G = nx.MultiDiGraph([(0, 1), (1, 2), (2, 0)])
    G.add_edge(0, 1, w=1e308)
    G.add_edge(0, 1, w=1e308)
    _, H = _pair()
    with pytest.raises(ValueError, match="parallel edges of G1 adds up beyond a float's range"):
        qap(G, H, weight="w", reps=5)


def test_a_weight_no_edge_holds_is_refused() -> None:
    # a misspelt attribute read every tie as 1 (the default of a missing one), silently;
    # weight=True raised an error showing an edge's attributes as its value
    G, H = _pair()
    nx.set_edge_attributes(G, 2.5, "weight")
    with pytest.raises(ValueError, match=r"no edge of G1, G2 has the attribute 'wieght'"):
        qap(G, H, weight="wieght", reps=5, seed=1)
    with pytest.raises(ValueError, match=r"no edge of y, xs\[0\] has the attribute 'wieght'"):
        netlm(G, [H], weight="wieght", reps=5, seed=1)
    with pytest.raises(TypeError, match="weight must be the name of an edge attribute"):
        qap(G, H, weight=True, reps=5, seed=1)  # type: ignore[arg-type]
    # an attribute some edge holds: the others are 1, as in networkx
    assert qap(G, H, weight="weight", reps=5, seed=1).statistic == pytest.approx(
        qap(G, H, reps=5, seed=1).statistic
    )
    assert not any(nx.get_edge_attributes(H, "weight"))
    netlogit(H, [G], weight="weight", reps=5, seed=1)
    empty = nx.DiGraph()
    empty.add_nodes_from(G)  # graphs without edges hold no attribute, misspelt or not
    assert math.isnan(qap(empty, empty.copy(), weight="weight", reps=5, seed=1).statistic)


@pytest.mark.parametrize("keys", [(1, "1"), ("(intercept)",)])
def test_predictors_named_alike_are_refused(keys: tuple[object, ...]) -> None:
    # the names are str(key): two coefficients read the same name in summary() and
    # to_frame(), or a predictor the intercept's
    G, H = _pair()
    xs = dict.fromkeys(keys, H)
    with pytest.raises(ValueError, match="name two coefficients alike"):
        netlm(G, xs, reps=5, seed=1)  # type: ignore[arg-type]


@pytest.mark.parametrize("seed", [True, False, np.bool_(True)])
def test_a_bool_is_no_seed(seed: object) -> None:
    # numpy reads True as the seed 1; reps refuses a bool already
    G, H = _pair()
    with pytest.raises(TypeError, match=r"seed must be .* not the bool"):
        qap(G, H, reps=5, seed=seed)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"seed must be .* not the bool"):
        netlm(G, [H], reps=5, seed=seed)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"seed must be .* not the bool"):
        permutation_test([1, 2], [3], reps=5, seed=seed)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(10**400, id="int-400-digits"),
        pytest.param(Fraction(10**400, 3), id="fraction"),
        pytest.param(-(10**5000), id="int-5000-digits"),
    ],
)
def test_a_group_value_beyond_a_float_is_refused(value: object) -> None:
    with pytest.raises(ValueError, match=r"group b, value 1: .* is beyond a float's range"):
        permutation_test([1.0, 2.0], [3.0, value], reps=5, seed=1)  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("nullhyp", "hint"),
    [("qap", 'sna\'s "qap" is its "qapspp"'), ("qapallx", "sna's 'qapallx' is not offered")],
)
def test_sna_names_of_null_hypotheses_are_explained(nullhyp: str, hint: str) -> None:
    G, H = _pair()
    with pytest.raises(ValueError, match=f"unknown nullhyp '{nullhyp}'.*{hint}"):
        netlm(G, [H], nullhyp=nullhyp)  # type: ignore[arg-type]


@pytest.mark.timeout(60)
def test_reps_beyond_memory_fail_at_once() -> None:
    # the permuted statistics are allocated before the permutations are drawn: 2**50 of
    # them (8 PiB) fail at once instead of after days of permutations
    G, H = _pair()
    with pytest.raises(MemoryError):
        qap(G, H, reps=2**50, seed=1)
    with pytest.raises(MemoryError):
        permutation_test([1, 2], [3], reps=2**50, seed=1)
    with pytest.raises(MemoryError):
        netlm(G, [H], reps=2**50, seed=1)
