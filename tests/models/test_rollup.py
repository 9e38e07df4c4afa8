"""A measure's rollup: the vectorised sums over the containment forest add the same floats in
the same order as the walk up the tree, so that an assessment's figures do not depend on
whether numpy is installed."""

from __future__ import annotations

import random
import sys

import pytest

from govmodel import synth
from govmodel.index import StructureIndex
from govmodel.spec import Structure, Unit

pytest.importorskip("numpy")
assess_module = sys.modules["govmodel.assess"]


def _sums(ix: StructureIndex, measured: list[tuple[int, float]]) -> object:
    """The sums and counts the forest's plan gives, by unit code, as the walk gives them;
    ``None`` where the plan does not apply."""
    plan = assess_module._forest_plan(ix, [c for c, _ in measured])
    if plan is None:
        return None
    keys = plan.hit.tolist()
    sums = plan.sums([v for _, v in measured]).tolist()
    return dict(zip(keys, sums, strict=True)), dict(zip(keys, plan.count.tolist(), strict=True))


def _both(s: Structure, measured: list[tuple[int, float]], *, others: int = 0) -> None:
    """The forest's sums and the walk's, equal; ``others`` codes that are no unit's (-1, an
    organization's) put among the measured are left out by the forest as by the caller."""
    ix = StructureIndex.from_structure(s)
    stray = [(-1, 7.0), (ix.n_units, 3.0), (ix.n_units + 5, 1.5)][:others]
    pairs = zip(measured[: len(stray)], stray, strict=True)
    mixed = [x for pair in pairs for x in pair] + measured[len(stray) :]
    fast = _sums(ix, mixed)
    assert fast is not None
    walked = assess_module._ancestor_sums(ix.unit_parent.tolist(), measured)
    assert fast == walked
    for c, want in walked[0].items():
        assert fast[0][c].hex() == want.hex()  # the same float, bit for bit


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_forest_sums_equal_the_walk_bit_for_bit(seed: int) -> None:
    s = synth.district(30, seed=seed)
    rng = random.Random(seed)
    n = len(s.units)
    chosen = rng.sample(range(n), n // 2)  # units at every depth, in no particular order
    measured = [(c, rng.uniform(-1e3, 1e3) * 10 ** rng.randint(-8, 8)) for c in chosen]
    _both(s, measured)
    _both(s, measured, others=3)


def test_forest_sums_of_a_chain_and_of_nothing() -> None:
    units = [Unit("u0", "city")] + [
        Unit(f"u{i}", "street", parent=f"u{i - 1}") for i in range(1, 50)
    ]
    s = Structure(units=units)
    _both(s, [(49, 0.1), (10, 0.2), (30, 0.7), (0, 5.0)])
    ix = StructureIndex.from_structure(s)
    assert _sums(ix, []) == ({}, {})
    assert _sums(ix, [(-1, 1.0), (50, 2.0)]) == ({}, {})  # no unit's code


def test_forest_sums_leave_a_cycle_and_the_python_backend_to_the_walk() -> None:
    cycle = Structure(units=[Unit("a", "community", parent="b"), Unit("b", "compound", parent="a")])
    assert _sums(StructureIndex.from_structure(cycle), [(0, 1.0)]) is None
    s = synth.district(5, seed=1)
    ix = StructureIndex.from_structure(s, backend="python")
    assert _sums(ix, [(1, 1.0)]) is None


def _walked_rollup(s: Structure, values: dict[str, float], how: str) -> dict[str, dict[str, float]]:
    """The rollup by the walk up the tree (the python backend's), units in code order."""
    ix = StructureIndex.from_structure(s, backend="python")
    at = [ix.codes.get(k, -1) for k in values]
    measured = [(c, v) for c, v in zip(at, values.values(), strict=True) if 0 <= c < ix.n_units]
    sums, counts = assess_module._ancestor_sums(ix.unit_parent.tolist(), measured)
    out: dict[str, dict[str, float]] = {}
    for c in sorted(sums):
        agg = sums[c] if how == "sum" else sums[c] / counts[c]
        out.setdefault(ix.unit_kinds[ix.unit_kind[c]], {})[ix.unit_ids[c]] = agg
    return out


def _same_rollup(got: dict[str, dict[str, float]], want: dict[str, dict[str, float]]) -> None:
    assert list(got) == list(want)  # the kinds in the order of their first unit
    for kind, by_unit in want.items():
        assert list(got[kind]) == list(by_unit)  # the units in order
        assert [v.hex() for v in got[kind].values()] == [v.hex() for v in by_unit.values()]
        assert all(type(v) is float for v in got[kind].values())


@pytest.mark.parametrize("seed", [1, 2])
def test_rollups_of_one_plan_equal_the_walk_bit_for_bit(seed: int) -> None:
    """The measures of the same units share one plan of the walks (made once per run): each
    rollup, sum or mean, equals the walk's, float for float and in the same order."""
    s = synth.district(20, seed=seed)
    rng = random.Random(seed)
    ids = [u.id for u in s.units]
    chosen = rng.sample(ids, len(ids) // 3)
    chosen.insert(len(chosen) // 2, "no-such-unit")  # left out, as an id of no unit is
    shared: dict[object, object] = {}
    for how in ("sum", "mean", "sum"):
        values = {u: rng.uniform(-1e3, 1e3) * 10 ** rng.randint(-8, 8) for u in chosen}
        overall, by_level = assess_module._rollup(s, values, how, shared)
        _same_rollup(by_level, _walked_rollup(s, values, how))
        total = sum(values.values()) if how == "sum" else sum(values.values()) / len(values)
        assert overall == pytest.approx(total)
    assert len(shared[assess_module._PLANS]) == 1  # one plan for the three measures
    # other units with the same number, first and last: a plan of their own
    other = [chosen[0], *rng.sample(ids, len(chosen) - 2), chosen[-1]]
    values = {u: rng.random() for u in other}
    _same_rollup(
        assess_module._rollup(s, values, "mean", shared)[1], _walked_rollup(s, values, "mean")
    )
    # no unit at all among the ids: nothing rolled up
    assert assess_module._rollup(s, {"nobody": 1.0}, "sum", shared) == (1.0, {})
