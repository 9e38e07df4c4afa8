"""Measures at their edges: values beyond a float's range give a clear error."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import networkx as nx
import pytest

import govmodel
from govmodel.index import StructureIndex
from govmodel.metrics import (
    Rate,
    brokerage,
    brokerage_roles,
    ei_index,
    fee_collection_change,
    households_per_chief,
    resolution_rate,
    rollup,
)
from govmodel.metrics.voting import council_rule, outcome
from govmodel.spec import (
    Decision,
    Observation,
    Organization,
    Person,
    Post,
    Structure,
    Tally,
    Tie,
    Unit,
)


def _sources(s: Structure) -> list[object]:
    return [
        govmodel.to_graph(s),
        StructureIndex.from_structure(s, backend="python"),
        StructureIndex.from_structure(s, backend="numpy"),
    ]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (1e308, 1e308),
        (-1e308, -1e308),
        (10**400, 1),
        (2 * 10**308, 2 * 10**308),
        (1e308, 2 * 10**308),
    ],
)
@pytest.mark.parametrize("how", ["sum", "mean"])
def test_a_rollup_beyond_a_floats_range_is_a_value_error(a: float, b: float, how: str) -> None:
    s = Structure(
        units=[
            Unit("c", "community"),
            Unit("x", "compound", parent="c", attributes={"households": a}),
            Unit("y", "compound", parent="c", attributes={"households": b}),
        ]
    )
    for source in _sources(s):
        assert isinstance(source, nx.Graph | StructureIndex)
        with pytest.raises(ValueError, match="beyond a float's range"):
            rollup(source, "households", how=how)  # type: ignore[arg-type]


def test_a_rollup_up_to_a_floats_range_is_made() -> None:
    s = Structure(
        units=[
            Unit("c", "community"),
            Unit("x", "compound", parent="c", attributes={"households": 1e308}),
            Unit("y", "compound", parent="c", attributes={"households": -1e308}),
        ]
    )
    for source in _sources(s):
        assert isinstance(source, nx.Graph | StructureIndex)
        assert rollup(source, "households").by_unit["c"].total == 0.0


@pytest.mark.parametrize(
    ("before", "after", "difference", "ratio"),
    [
        (5e-324, 1.0, 1.0, math.inf),
        (-5e-324, 1.0, 1.0, -math.inf),
        (1e308, -1e308, -math.inf, -1.0),
        (-1e308, 1e308, math.inf, -1.0),
        (0.478, 0.92, 0.442, 0.92 / 0.478),
    ],
)
def test_a_change_beyond_a_floats_range_is_an_infinity(
    before: float, after: float, difference: float, ratio: float
) -> None:
    s = Structure(
        units=[Unit("x", "compound")],
        observations=[
            Observation("o1", "x", "fee_collection_rate", before, period="2020"),
            Observation("o2", "x", "fee_collection_rate", after, period="2021"),
        ],
    )
    for source in _sources(s):
        assert isinstance(source, nx.Graph | StructureIndex)
        change = fee_collection_change(source, "x")
        assert (change.difference, change.ratio) == (difference, pytest.approx(ratio))


def test_a_pooled_rate_of_whole_numbers_beyond_a_floats_range_is_an_infinity() -> None:
    s = Structure(
        units=[Unit("x", "compound"), Unit("y", "compound")],
        observations=[
            Observation("o1", "x", "issues_resolved", 10**308),
            Observation("o2", "x", "issues_collected", 1),
            Observation("o3", "y", "issues_resolved", 10**308),
            Observation("o4", "y", "issues_collected", 0),
        ],
    )
    for source in _sources(s):
        assert isinstance(source, nx.Graph | StructureIndex)
        rate = resolution_rate(source)
        assert (rate.numerator, rate.denominator) == (2 * 10**308, 1)
        assert rate.value == math.inf
        assert rate.exact == 2 * 10**308
    assert Rate.of(-(10**400), 3).value == -math.inf


@pytest.mark.parametrize(
    ("members", "yes", "passed"),
    [(10**400, 10**400, True), (10**400 + 1, 10**399, False), (3 * 10**310, 2 * 10**310, True)],
)
def test_a_vote_of_counts_beyond_a_floats_range_is_counted_exactly(
    members: int, yes: int, passed: bool
) -> None:
    d = Decision("d", "council", rule=council_rule(), count=Tally(members=members, yes=yes))
    result = outcome(d)
    assert result.passed is passed
    assert result.heads.required == Fraction(2, 3) * members
    assert f"of {members} members voted yes" in result.explanation


def _chiefs() -> Structure:
    return Structure(
        units=[Unit("x", "compound", attributes={"households": 8})],
        organizations=[Organization("o", "neighbour_group", unit="x")],
        people=[Person("p")],
        posts=[Post("po", "p", "o", "neighbour_chief")],
        ties=[Tie("t", "p", "x", "responsible_for")],
    )


@pytest.mark.parametrize(
    ("band", "error"),
    [
        ((math.nan, 15), ValueError),
        ((5, math.nan), ValueError),
        ((15, 5), ValueError),
        (("5", 15), TypeError),
        ((None, 15), TypeError),
        ((True, 15), TypeError),
        ((5,), TypeError),
        ((1, 2, 3), TypeError),
        (5, TypeError),
    ],
)
def test_a_band_that_is_not_two_ordered_numbers_is_refused(band: object, error: type) -> None:
    for source in _sources(_chiefs()):
        assert isinstance(source, nx.Graph | StructureIndex)
        with pytest.raises(error, match="band"):
            households_per_chief(source, band=band)  # type: ignore[arg-type]


@pytest.mark.parametrize(("band", "within"), [((5, math.inf), 1.0), ((-math.inf, 7.5), 0.0)])
def test_an_open_band_is_read(band: tuple[float, float], within: float) -> None:
    for source in _sources(_chiefs()):
        assert isinstance(source, nx.Graph | StructureIndex)
        assert households_per_chief(source, band=band).within.value == within


@pytest.mark.parametrize("measure", [brokerage, brokerage_roles, ei_index])
def test_a_group_label_not_equal_to_itself_is_refused(measure: Any) -> None:
    G = nx.DiGraph([(0, 1), (1, 2), (2, 3), (3, 0), (1, 3), (0, 2)])
    nan = math.nan
    with pytest.raises(ValueError, match="not equal to itself"):
        measure(G, {0: nan, 1: nan, 2: "b", 3: "b"})


def test_a_band_of_fractions_or_numpy_numbers_is_read() -> None:
    np = pytest.importorskip("numpy")
    for band in [(Fraction(5), Fraction(15, 2)), (np.int64(5), np.float64(7.5))]:
        for source in _sources(_chiefs()):
            assert isinstance(source, nx.Graph | StructureIndex)
            assert households_per_chief(source, band=band).within.value == 0.0  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("numerator", "denominator", "value"),
    [(10**400, 2.5, math.inf), (-(10**400), 0.5, -math.inf), (2.5, 10**400, 0.0), (1.5, 3, 0.5)],
)
def test_a_rate_of_a_huge_int_and_a_float_is_read(
    numerator: float, denominator: float, value: float
) -> None:
    rate = Rate.of(numerator, denominator)
    assert rate.value == value
    assert rate.exact is None


@pytest.mark.parametrize(
    ("values", "load"),
    [((10**400, 2.5), math.inf), ((2.5, 10**400, 1), math.inf), ((10**308, 10**308), 2 * 10**308)],
)
def test_households_beyond_a_floats_range_add_up_to_an_infinity(
    values: tuple[float, ...], load: float
) -> None:
    units = [Unit("c", "community")] + [
        Unit(f"x{i}", "compound", parent="c", attributes={"households": v})
        for i, v in enumerate(values)
    ]
    s = Structure(
        units=units,
        organizations=[Organization("o", "neighbour_group", unit="x0")],
        people=[Person("p")],
        posts=[Post("po", "p", "o", "neighbour_chief")],
        ties=[Tie(f"t{i}", "p", f"x{i}", "responsible_for") for i in range(len(values))],
    )
    for source in _sources(s):
        assert isinstance(source, nx.Graph | StructureIndex)
        got = households_per_chief(source)
        assert got.households == {"p": load}
        assert got.outside == {"p": load}
