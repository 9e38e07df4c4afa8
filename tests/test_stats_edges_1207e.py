"""govmodel.stats at the edge of an exact fit, against R package sna, and the memory of a
batch of permutations.

The reference values are in ``tests/fixtures/sna/edges_1207e.json``, written by
``Rscript tests/fixtures/sna/make_edges_1207e.R``: for every relabelling of the nodes, the
t-value of sna's own netlm refit under ``qapy`` and ``qapspp``.
"""

from __future__ import annotations

import json
import math
import tracemalloc
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pytest

import govmodel.stats
from govmodel.stats import TIE_TOLERANCE, netlm, netlogit, permutation_test, qap

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "sna" / "edges_1207e.json"
TOLERANCE = 1e-9


@cache
def _reference() -> dict[str, Any]:
    with FIXTURE.open(encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def _case(name: str) -> dict[str, Any]:
    return next(c for c in _reference()["netlm"] if c["name"] == name)


def _graph(n: int, edges: list[list[float]]) -> nx.DiGraph:
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    for i, j, w in edges:
        G.add_edge(int(i), int(j), weight=w)
    return G


class _FixedPermutations:
    """A stand-in for numpy's Generator whose ``random`` makes ``argsort`` return the given
    permutations, one a row, in turn."""

    def __init__(self, permutations: np.ndarray) -> None:
        self.permutations = permutations
        self.used = 0

    def random(self, shape: tuple[int, int]) -> np.ndarray:
        rows = self.permutations[self.used : self.used + shape[0]]
        self.used += shape[0]
        keys = np.empty(rows.shape)
        np.put_along_axis(keys, rows, np.arange(shape[1], dtype=float)[None, :], axis=1)
        return keys


def _every_relabelling(
    case: dict[str, Any], nullhyp: str, monkeypatch: pytest.MonkeyPatch
) -> govmodel.stats.NetworkRegression:
    """netlm on the case with ``reps`` = n!, relabelling by the fixture's permutations in turn
    (for each coefficient, under qapspp)."""
    n = case["n"]
    perms = np.array(case["perms"], dtype=np.intp)
    k = len(case["xs"]) + 1
    schedule = np.concatenate([perms] * (k if nullhyp == "qapspp" else 1))
    monkeypatch.setattr(np.random, "default_rng", lambda seed=None: _FixedPermutations(schedule))
    y = _graph(n, case["y"])
    xs = [_graph(n, e) for e in case["xs"]]
    return netlm(y, xs, reps=len(perms), nullhyp=nullhyp, weight="weight")  # type: ignore[arg-type]


def _exact_p(values: list[float], observed: float) -> tuple[float, float, float]:
    sna = np.array(values)
    tolerance = TIE_TOLERANCE * max(1.0, abs(observed))
    return (
        float(np.mean(sna <= observed + tolerance)),
        float(np.mean(sna >= observed - tolerance)),
        float(np.mean(np.abs(sna) >= abs(observed) - tolerance)),
    )


def test_qapy_relabelling_that_fits_exactly_is_a_t_value_as_in_sna(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # y is x relabelled: the relabelling back fits y exactly. The residual sum of squares was
    # y'y - b'X'y, which cancels to rounding noise, negative as often as not: its square root
    # made the t-value NaN, and with it every p-value of every coefficient. sna's refit gives
    # a t-value of rounding noise, huge, with the sign of the coefficient.
    case = _case("relabelled-5")
    fit = _every_relabelling(case, "qapy", monkeypatch)
    assert fit.statistics == pytest.approx(case["tstat"], rel=TOLERANCE)
    sna = case["qapy"]
    exact = [r < 1e-20 for r in sna["rss"]]
    assert sum(exact) == 1
    for r, (ours, theirs, coef) in enumerate(
        zip(fit.distribution, sna["t"], sna["coef"], strict=True)
    ):
        for i in range(len(ours)):
            if exact[r]:  # noise over noise: only a clear coefficient has a clear sign
                if abs(coef[i]) > 1e-8:
                    assert abs(ours[i]) > 1e6
                    assert math.copysign(1, ours[i]) == math.copysign(1, theirs[i])
            else:
                assert ours[i] == pytest.approx(theirs[i], rel=TOLERANCE, abs=TOLERANCE), (r, i)
    # x1's p-values are sna's, over all 120 relabellings; the others hold one noise value each
    x1 = [t[1] for t in sna["t"]]
    assert (fit.p_less[1], fit.p_greater[1], fit.p_abs[1]) == _exact_p(x1, case["tstat"][1])
    assert not any(math.isnan(p) for p in fit.p_less + fit.p_greater + fit.p_abs)


def test_qapy_exact_fit_draws_keep_every_p_value() -> None:
    # random draws: the relabelling back is among 2000 draws of 5! = 120
    case = _case("relabelled-5")
    y = _graph(case["n"], case["y"])
    xs = [_graph(case["n"], e) for e in case["xs"]]
    for nullhyp in ("qapy", "qapspp"):
        fit = netlm(y, xs, reps=2000, seed=4, nullhyp=nullhyp)  # type: ignore[arg-type]
        assert not np.isnan(fit.distribution).any()
        assert not any(math.isnan(p) for p in fit.p_less + fit.p_greater + fit.p_abs)


@pytest.mark.parametrize("name", ["relabelled-5", "span-4", "near-span-4"])
def test_qapspp_refits_match_sna_relabelling_by_relabelling(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # span-4: some relabellings of the intercept's residual matrix lie in the span of the
    # predictors; sna's refit has no t-value there (its netlm stops with an error), so the
    # intercept's p-values are NaN; the other coefficients' are sna's exact ones.
    # near-span-4: within 1e-9 of the span, where R's qr (tol 1e-7) leaves the permuted
    # residuals out of sna's refit (NA); netlm gave a t-value of 1e8 from rounding noise
    case = _case(name)
    fit = _every_relabelling(case, "qapspp", monkeypatch)
    assert fit.statistics == pytest.approx(case["tstat"], rel=TOLERANCE)
    for i, column in enumerate(case["qapspp"]):
        for r, theirs in enumerate(column):
            ours = fit.distribution[r, i]
            if theirs is None:
                assert math.isnan(ours), (i, r, ours)
            else:
                assert ours == pytest.approx(theirs, rel=TOLERANCE, abs=TOLERANCE), (i, r)
        ps = (fit.p_less[i], fit.p_greater[i], fit.p_abs[i])
        if None in column:
            assert all(math.isnan(p) for p in ps)
        else:
            assert ps == _exact_p(column, case["tstat"][i])
    if name != "relabelled-5":
        assert case["sna_errors"] == (name == "span-4")
        assert math.isnan(fit.p_greater[0])
        assert not math.isnan(fit.p_greater[1])


def _peak(function: Any) -> int:
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_qap_batches_are_bounded_by_the_nodes_too(monkeypatch: pytest.MonkeyPatch) -> None:
    # a batch held as many permutations as G1 has ties allowed (all reps for a graph of one
    # tie), each n random numbers and n indices: n * reps numbers at once (24 GB for 3000
    # nodes and a million permutations) instead of a bounded batch
    monkeypatch.setattr(govmodel.stats, "_BATCH_CELLS", 4000)
    n = 100
    G = nx.DiGraph()
    G.add_nodes_from(range(n))
    G.add_edge(0, 1)
    H = nx.gnp_random_graph(n, 0.1, seed=1, directed=True)
    qap(G, H, reps=50, seed=1)  # warm up
    small = _peak(lambda: qap(G, H, reps=50, seed=1))
    reps = 8000
    large = _peak(lambda: qap(G, H, reps=reps, seed=1))
    # the distribution (8 bytes a permutation) and a few batches of 4000 numbers more
    assert large - small < 8 * reps + 16 * 8 * 4000, (small, large)
    # the batches do not change the draws
    monkeypatch.setattr(govmodel.stats, "_BATCH_CELLS", 1 << 22)
    unbatched = qap(G, H, reps=reps, seed=1).distribution
    monkeypatch.setattr(govmodel.stats, "_BATCH_CELLS", 4000)
    assert np.array_equal(qap(G, H, reps=reps, seed=1).distribution, unbatched)


@pytest.mark.parametrize("xs", [None, 5, "kin", b"kin"])
def test_xs_that_is_no_collection_of_graphs_is_named(xs: object) -> None:
    # None or a number raised "'NoneType' object is not iterable", naming nothing; a str was
    # read one character a predictor
    G = nx.DiGraph([(0, 1), (1, 2), (2, 0), (0, 2)])
    for model in (netlm, netlogit):
        with pytest.raises(TypeError, match=r"xs must be a sequence or a mapping of graphs, not"):
            model(G, xs, reps=5, seed=1)  # type: ignore[arg-type]


@pytest.mark.parametrize("values", [None, 5, 2.5, "0110", b"01"])
def test_a_group_that_is_no_collection_of_numbers_is_named(values: object) -> None:
    # None or a number raised "'NoneType' object is not iterable"; a str was read one
    # character a value, and refused as "value 0: '0' is not a finite number"
    with pytest.raises(TypeError, match=r"group b must be an iterable of numbers or a mapping"):
        permutation_test([1.0, 2.0], values, reps=5, seed=1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"group a must be an iterable of numbers or a mapping"):
        permutation_test(values, [1.0, 2.0], reps=5, seed=1)  # type: ignore[arg-type]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("reps", [2**50, 2**62, 2**63, 10**30])
def test_reps_beyond_any_memory_is_a_memory_error_naming_reps(reps: int) -> None:
    # from 2**60 or so numpy refuses the array with a ValueError ("array is too big",
    # "Maximum allowed dimension exceeded"), naming neither reps nor memory
    G = nx.DiGraph([(0, 1), (1, 2), (2, 0), (0, 2)])
    H = nx.DiGraph([(0, 1), (2, 1)])
    H.add_nodes_from(G)
    calls = [
        lambda: qap(G, H, reps=reps, seed=1),
        lambda: netlm(G, [H], reps=reps, seed=1),
        lambda: netlm(G, [H], reps=reps, seed=1, nullhyp="qapy"),
        lambda: netlogit(G, [H], reps=reps, seed=1),
        lambda: permutation_test([1, 2], [3], reps=reps, seed=1),
    ]
    for call in calls:
        with pytest.raises(MemoryError, match=rf"reps={reps}: .* do not fit in memory"):
            call()
