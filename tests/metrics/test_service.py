"""Tests of govmodel.metrics.service: rates from observations and the load of chiefs."""

from __future__ import annotations

import math
import re
from fractions import Fraction

import attrs
import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govmodel
from govmodel.errors import SpecError
from govmodel.metrics.service import (
    Rate,
    fee_collection_change,
    households_per_chief,
    micro_wish_fulfilment,
    ratio,
    resolution_rate,
)
from govmodel.spec import Observation, Organization, Person, Post, Structure, Tie, Unit

UNITS = [
    Unit("d", "district"),
    Unit("c1", "community", parent="d"),
    Unit("c2", "community", parent="d"),
    Unit("c3", "community", parent="d"),
]


def _obs(*rows: tuple[str, str, int | float, str | None]) -> list[Observation]:
    return [Observation(f"o{i}", s, ind, v, period=p) for i, (s, ind, v, p) in enumerate(rows)]


def test_rate_arithmetic() -> None:
    r = Rate.of(1088, 1495)
    assert r.exact == Fraction(1088, 1495)
    assert r.value == 1088 / 1495
    assert str(r) == "1088 / 1495 = 72.8 %"
    assert Rate.of(0.5, 2).exact is None
    assert Rate.of(0.5, 2).value == 0.25
    empty = Rate.of(0, 0)
    assert math.isnan(empty.value)
    assert empty.exact is None
    assert str(empty) == "0 / 0 = n/a"


def test_resolution_rate_pools_the_outermost_subjects() -> None:
    communities = [
        ("c1", "issues_collected", 100, "2021"),
        ("c1", "issues_resolved", 70, "2021"),
        ("c2", "issues_collected", 50, "2021"),
        ("c2", "issues_resolved", 45, "2021"),
        ("c3", "issues_collected", 30, "2021"),  # no resolved figure: left out
    ]
    G = govmodel.to_graph(Structure(units=UNITS, observations=_obs(*communities)))
    r = resolution_rate(G)
    assert (r.numerator, r.denominator) == (115, 150)
    assert resolution_rate(G, subject="c2").exact == Fraction(9, 10)
    # the district's own figure, once reported, stands for its communities
    district = [("d", "issues_collected", 200, "2021"), ("d", "issues_resolved", 150, "2021")]
    G = govmodel.to_graph(Structure(units=UNITS, observations=_obs(*communities, *district)))
    assert resolution_rate(G).exact == Fraction(150, 200)
    assert resolution_rate(G, subject="c1").exact == Fraction(70, 100)


def test_ratio_picks_the_period() -> None:
    s = Structure(
        units=UNITS,
        observations=_obs(
            ("c1", "micro_wishes", 10, "2021"),
            ("c1", "micro_wishes_fulfilled", 4, "2021"),
            ("c1", "micro_wishes", 20, "2022"),
            ("c1", "micro_wishes_fulfilled", 19, "2022"),
            ("c1", "micro_wishes", 40, "2023"),  # the latest common period is 2022
        ),
    )
    G = govmodel.to_graph(s)
    assert micro_wish_fulfilment(G).exact == Fraction(19, 20)
    assert micro_wish_fulfilment(G, period="2021").exact == Fraction(2, 5)
    assert math.isnan(micro_wish_fulfilment(G, period="2023").value)
    assert ratio(G, "micro_wishes_fulfilled", "micro_wishes", subject="c2").denominator == 0


def test_duplicate_observations_are_refused() -> None:
    s = Structure(
        units=UNITS,
        observations=_obs(
            ("c1", "issues_collected", 100, "2021"), ("c1", "issues_collected", 90, "2021")
        ),
    )
    with pytest.raises(SpecError) as err:
        resolution_rate(govmodel.to_graph(s))
    assert err.value.codes == ("duplicate-observation",)


def test_fee_collection_change() -> None:
    s = Structure(
        units=UNITS,
        observations=_obs(
            ("c1", "fee_collection_rate", 0.92, "2018-01"),
            ("c1", "fee_collection_rate", 0.478, "2017-09"),
            ("c1", "fee_collection_rate", 0.6, "2017-11"),
            ("c1", "fee_collection_rate", 0.1, None),  # undated: ignored
        ),
    )
    c = fee_collection_change(govmodel.to_graph(s), "c1")
    assert (c.first_period, c.last_period) == ("2017-09", "2018-01")
    assert (c.before, c.after) == (0.478, 0.92)
    assert c.difference == 0.442
    assert c.ratio == float(Fraction("0.92") / Fraction("0.478"))
    with pytest.raises(ValueError, match="a change needs two"):
        fee_collection_change(govmodel.to_graph(s), "c2")


@pytest.mark.parametrize("undated", ["soon", "2020-13", "2021-02-30/2022"])
def test_a_rate_whose_period_names_no_date_is_ignored_as_an_undated_one(undated: str) -> None:
    # as eight_roles.fee_collection reads it: such a rate cannot be placed in time
    from govmodel.index import StructureIndex

    s = Structure(
        units=UNITS,
        observations=_obs(
            ("c1", "fee_collection_rate", 0.5, undated),
            ("c1", "fee_collection_rate", 0.6, "2020"),
            ("c1", "fee_collection_rate", 0.9, "2021"),
            ("c2", "fee_collection_rate", 0.5, undated),
            ("c2", "fee_collection_rate", 0.6, "2020"),
        ),
    )
    for read in (govmodel.to_graph(s), StructureIndex.of(s)):
        c = fee_collection_change(read, "c1")
        assert (c.first_period, c.last_period, c.before, c.after) == ("2020", "2021", 0.6, 0.9)
        with pytest.raises(ValueError, match="has 1 dated observation"):
            fee_collection_change(read, "c2")


def _chiefs(counts: dict[str, int]) -> Structure:
    """One household building per chief, with as many households as the chief serves."""
    units = [Unit("x", "compound")]
    ties = []
    for chief, n in counts.items():
        units.append(Unit(f"b-{chief}", "building", parent="x"))
        for h in range(n):
            units.append(Unit(f"h-{chief}-{h}", "household", parent=f"b-{chief}"))
            ties.append(Tie(f"t-{chief}-{h}", chief, f"h-{chief}-{h}", "responsible_for"))
    return Structure(
        units=units,
        organizations=[Organization("rc", "residents_committee")],
        people=[Person(p) for p in counts],
        posts=[Post(f"post-{p}", p, "rc", "neighbour_chief") for p in counts],
        ties=ties,
    )


def test_households_per_chief_band_is_inclusive() -> None:
    load = households_per_chief(govmodel.to_graph(_chiefs({"a": 4, "b": 5, "c": 15, "d": 16})))
    assert load.households == {"a": 4, "b": 5, "c": 15, "d": 16}
    assert load.outside == {"a": 4, "d": 16}
    assert (load.within.numerator, load.within.denominator) == (2, 4)
    assert households_per_chief(govmodel.to_graph(_chiefs({"a": 4})), band=(1, 4)).outside == {}


def test_households_of_larger_units() -> None:
    s = Structure(
        units=[
            Unit("x", "compound"),
            Unit("b1", "building", parent="x", attributes={"households": 12}),
            Unit("b2", "building", parent="x"),
            *(Unit(f"h{i}", "household", parent="b2") for i in range(3)),
            Unit("h9", "household", parent="b1"),
        ],
        organizations=[Organization("rc", "residents_committee")],
        people=[Person("a"), Person("b"), Person("nobody")],
        posts=[
            Post("p1", "a", "rc", "neighbour_chief"),
            Post("p2", "b", "rc", "neighbour_chief", end="2020"),
            Post("p3", "nobody", "rc", "neighbour_chief"),
        ],
        ties=[
            Tie("t1", "a", "b1", "responsible_for"),  # the attribute: 12
            Tie("t2", "a", "b2", "responsible_for"),  # no attribute: 3 household units inside
            Tie("t3", "a", "b2", "responsible_for"),  # the same unit again: once
            Tie("t4", "b", "h9", "responsible_for", start="2021"),
        ],
    )
    G = govmodel.to_graph(s)
    load = households_per_chief(G)
    assert load.households == {"a": 15, "b": 1, "nobody": 0}
    assert households_per_chief(G, as_of="2019").households == {"a": 15, "b": 0, "nobody": 0}
    assert households_per_chief(G, as_of="2022").households == {"a": 15, "nobody": 0}
    assert households_per_chief(G, role="building_head").households == {}
    with pytest.raises(ValueError, match="empty"):
        households_per_chief(G, band=(15, 5))


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from("abcdefgh"), st.integers(min_value=0, max_value=25)))
def test_households_per_chief_against_a_direct_count(counts: dict[str, int]) -> None:
    load = households_per_chief(govmodel.to_graph(_chiefs(counts)))
    assert load.households == counts
    inside = [p for p, n in counts.items() if 5 <= n <= 15]
    assert load.within.numerator == len(inside)
    assert load.within.denominator == len(counts)
    assert not counts or 0 <= load.within.value <= 1


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=500), st.integers(min_value=0, max_value=500)),
        min_size=1,
        max_size=5,
    )
)
def test_pooled_rate_in_unit_interval(pairs: list[tuple[int, int]]) -> None:
    rows: list[tuple[str, str, int | float, str | None]] = []
    for i, (a, b) in enumerate(pairs):
        collected = max(a, b)
        rows += [(f"c{i}", "issues_collected", collected, "2021")]
        rows += [(f"c{i}", "issues_resolved", min(a, b), "2021")]
    s = Structure(
        units=[Unit(f"c{i}", "community") for i in range(len(pairs))], observations=_obs(*rows)
    )
    r = resolution_rate(govmodel.to_graph(s))
    assert r.numerator == sum(min(p) for p in pairs)
    assert r.denominator == sum(max(p) for p in pairs)
    assert r.denominator == 0 or 0 <= r.value <= 1


def test_observations_of_a_hand_built_graph() -> None:
    G = nx.MultiDiGraph()
    G.add_node("c", entity="unit", kind="community")
    for name, v in [("issues_collected", 8), ("issues_resolved", 6)]:
        G.add_node(name, entity="observation", indicator=name, value=v)
        G.add_edge(name, "c", key="observes", relation="observes")
    assert resolution_rate(G).exact == Fraction(3, 4)


# -- on the bundled datasets -----------------------------------------------------------------------


def test_xihu_resolution_rate() -> None:
    r = resolution_rate(govmodel.to_graph(govmodel.datasets.load("xihu")))
    assert (r.numerator, r.denominator) == (1088, 1495)
    assert round(100 * r.value, 1) == 72.8


def test_changsha_fee_collection() -> None:
    s = govmodel.datasets.load("changsha")
    subject = next(o.subject for o in s.observations if o.indicator == "fee_collection_rate")
    c = fee_collection_change(govmodel.to_graph(s), subject)
    assert (c.before, c.after) == (0.478, 0.92)


def test_yuetang_neighbour_chiefs() -> None:
    load = households_per_chief(govmodel.to_graph(govmodel.datasets.load("yuetang")))
    assert len(load.households) >= 3
    assert 1 <= len(load.outside) <= 2  # "most 5-15, one or two outside"
    assert all(not 5 <= n <= 15 for n in load.outside.values())
    assert all(5 <= n <= 15 for p, n in load.households.items() if p not in load.outside)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (True, "wrong-type"),
        ("12", "wrong-type"),
        (float("nan"), "wrong-type"),
        (-3, "negative-count"),
    ],
)
def test_a_households_value_that_is_no_count_is_refused_with_its_path(
    value: object, code: str
) -> None:
    from govmodel.index import StructureIndex
    from govmodel.metrics.service import households_per_chief

    s = Structure(
        units=[
            Unit("c", "community", "c"),
            Unit("b1", "building", "b1", "c", {"households": value}),
        ],
        organizations=[Organization("g", "neighbour_group", "g", unit="c")],
        people=[Person("p", "p")],
        posts=[Post("po", "p", "g", "neighbour_chief")],
        ties=[Tie("t", "p", "b1", "responsible_for")],
    )
    for read in (govmodel.to_graph(s), StructureIndex.of(s)):
        with pytest.raises(SpecError) as info:
            households_per_chief(read)
        assert [(p.code, p.path) for p in info.value.problems] == [
            (code, "$.units[?(@.id=='b1')].attributes.households")
        ]
    # a count is read
    fine = attrs.evolve(s, units=[s.units[0], Unit("b1", "building", "b1", "c", {"households": 6})])
    assert dict(households_per_chief(StructureIndex.of(fine)).households) == {"p": 6}


def test_fee_collection_change_on_an_index() -> None:
    from govmodel.index import StructureIndex

    s = govmodel.datasets.load("changsha")
    ix = StructureIndex.of(s)
    for subject in {o.subject for o in s.observations}:
        for indicator in {o.indicator for o in s.observations}:
            try:
                expected = fee_collection_change(govmodel.to_graph(s), subject, indicator=indicator)
            except ValueError as error:
                with pytest.raises(ValueError, match=re.escape(str(error))):
                    fee_collection_change(ix, subject, indicator=indicator)
            else:
                assert fee_collection_change(ix, subject, indicator=indicator) == expected
    with pytest.raises(TypeError, match=r"^fee_collection_change\(\) takes a networkx graph or"):
        fee_collection_change([], "c1")  # type: ignore[arg-type]
