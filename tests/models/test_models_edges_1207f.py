"""The built-in models tripartite, grid, council and eight_roles at more edges of their rules.

Hand-made structures, exact verdicts; each test fails on the code before its fix. The
sources: ``../shared/seeds/00*``, digested in ``../shared/DOMAIN.md``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import govmodel
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
    VotingRule,
)
from govmodel.testing.linear import assert_linear

Found = list[tuple[str | None, str, str, dict[str, Any]]]


def run(s: Structure, model: str, rule_id: str) -> tuple[str, int | None, Found]:
    """The status of a rule on ``s``, the subjects it examined and its findings as
    (subject, English message, Chinese message, data), after checking that the assessment
    renders to JSON."""
    a = govmodel.assess(s, model)
    json.loads(a.to_json())
    r = a.rule(rule_id)
    return (
        r.status,
        r.examined,
        [(f.subject, f.message, f.message_zh, dict(f.data)) for f in r.findings],
    )


# -- grid (001_710a2e674d3240b8.txt) ------------------------------------------------------------


def test_grid_nets_a_unit_grid_inside_a_unit_grid_names_no_none_net() -> None:
    # 单元网格 is the lowest level: a grid declared a unit grid inside another one is
    # found, and the message says so, never "where a none net belongs"
    s = Structure(
        units=[
            Unit("c", "community"),
            Unit("g1", "grid", parent="c", attributes={"net": "unit"}),
            Unit("g2", "grid", parent="g1", attributes={"net": "unit"}),
        ]
    )
    status, examined, found = run(s, "grid", "grid.nets")
    assert (status, examined) == ("failed", 2)
    assert found == [
        (
            "g2",
            "grid g2 is a unit net but lies inside a unit grid, where no grid belongs",
            "网格 g2 为单元网格，但位于单元网格之内，单元网格之下不再分级",
            {"net": "unit", "expected": "none"},
        )
    ]
    # a grid in its wrong place elsewhere is still named by the net that belongs there
    s = Structure(
        units=[Unit("c", "community"), Unit("g", "grid", parent="c", attributes={"net": "big"})]
    )
    assert run(s, "grid", "grid.nets")[2] == [
        (
            "g",
            "grid g is a big net but sits where a small net belongs",
            "网格 g 为大网，但所在位置应为小网",
            {"net": "big", "expected": "small"},
        )
    ]


@pytest.mark.parametrize("between", ["area", "group"])
@pytest.mark.parametrize("net", [None, "unit"])
def test_grid_unit_grids_inside_an_area_of_the_community(between: str, net: str | None) -> None:
    # 小网治理(村居工作站)、单元自治(单元网格): a community divided into areas (片区) or
    # groups holds its unit grids there as it would directly: the community stands for its
    # small net, the grid is its unit grid, the buildings inside lie in it
    def grids(*between_units: Unit) -> Structure:
        inside = between_units[-1].id if between_units else "c"
        return Structure(
            units=[
                Unit("c", "community"),
                *between_units,
                Unit("g", "grid", parent=inside, attributes={"net": net} if net else {}),
                Unit("x", "compound", parent="g"),
                Unit("b", "building", parent="x"),
            ]
        )

    for s in (grids(), grids(Unit("a", between, parent="c"))):
        assert run(s, "grid", "grid.coverage") == ("passed", 2, [])
        assert run(s, "grid", "grid.nets") == ("passed", 1, [])
        assert run(s, "grid", "grid.grid_workers")[:2] == ("failed", 1)
        assert govmodel.assess(s, "grid").metrics["unit_grids"].by_unit == {"c": 1.0}
    # a unit grid inside an area of a small net lies in that small net
    s = Structure(
        units=[
            Unit("c", "community"),
            Unit("n", "grid", parent="c", attributes={"net": "small"}),
            Unit("a", between, parent="n"),
            Unit("g", "grid", parent="a", attributes={"net": net} if net else {}),
            Unit("b", "building", parent="g"),
        ]
    )
    assert run(s, "grid", "grid.coverage") == ("passed", 2, [])
    assert run(s, "grid", "grid.nets") == ("passed", 2, [])
    # a district's big net inside a unit between is its big net
    for units in ([], [Unit("a", between, parent="d")]):
        s = Structure(
            units=[
                Unit("d", "district"),
                *units,
                Unit("big", "grid", parent=units[0].id if units else "d"),
                Unit("mid", "grid", parent="big"),
            ]
        )
        assert run(s, "grid", "grid.nets")[2] == [
            (
                "mid",
                "middle net mid has no small grid inside it",
                "中网 mid 之下没有小网",
                {"net": "middle", "missing": "small"},
            )
        ]


# -- eight_roles (003_e46168819235ee26.txt) -----------------------------------------------------


def test_eight_roles_fee_collection_one_rate_published_twice_for_one_period_is_no_change() -> None:
    # 从原来的47.8%……提升到了92%: a rise is from a first period to a later one; one rate
    # observed twice for one period (from two sources) is no before and after, not a rate
    # that "went from 50.0% to 50.0%"
    def fees(*rates: tuple[str, float]) -> Structure:
        return Structure(
            units=[Unit("c", "community"), Unit("x", "compound", parent="c")],
            organizations=[Organization("va", "volunteer_association", unit="x")],
            observations=[
                Observation(f"o{i}", "x", "fee_collection_rate", v, period=p)
                for i, (p, v) in enumerate(rates)
            ],
        )

    once_twice = fees(("2019", 0.5), ("2019", 0.5))
    assert run(once_twice, "eight_roles", "eight_roles.fee_collection") == (
        "not_applicable",
        0,
        [],
    )
    a = govmodel.assess(once_twice, "eight_roles")
    for name in ("fee_collection_before", "fee_collection_after", "fee_collection_change"):
        assert a.metrics[name].by_unit == {}, name
    # the same rate of two periods has not risen; a rise passes
    assert run(fees(("2019", 0.5), ("2020", 0.5)), "eight_roles", "eight_roles.fee_collection")[
        :2
    ] == ("failed", 1)
    assert run(
        fees(("2019", 0.5), ("2019", 0.5), ("2020", 0.9)),
        "eight_roles",
        "eight_roles.fee_collection",
    ) == ("passed", 1, [])
    # two rates of one period that differ: still the warning that they cannot be ordered
    status, examined, found = run(
        fees(("2019", 0.5), ("2019", 0.6)), "eight_roles", "eight_roles.fee_collection"
    )
    assert (status, examined, [f[3]["problem"] for f in found]) == (
        "failed",
        1,
        ["duplicate-observation"],
    )


def _stations_under_a_province_of_many_areas(n: int) -> Structure:
    """``n`` communities of one city, a service station in each, under a province that
    publishes ``n`` station areas without a scope (no standard among them)."""
    return Structure(
        units=[
            Unit("p", "province"),
            Unit("ct", "city", parent="p"),
            *(Unit(f"c{i}", "community", parent="ct") for i in range(n)),
        ],
        organizations=[
            Organization(
                f"s{i}", "service_station", unit=f"c{i}", attributes={"floor_area_m2": 500}
            )
            for i in range(n)
        ],
        observations=[
            Observation(f"o{i}", "p", "station_area_m2", 400 + i % 7, period=str(1000 + i))
            for i in range(n)
        ],
    )


def test_eight_roles_station_area_reads_the_standards_published_above() -> None:
    s = _stations_under_a_province_of_many_areas(3)
    assert run(s, "eight_roles", "eight_roles.station_area") == ("passed", 3, [])
    # a standard published with a scope, the latest of the province's, holds them all
    s = s.replace(
        observations=[
            *s.observations,
            Observation(
                "std", "p", "station_area_m2", 600, period="2019", attributes={"scope": "urban"}
            ),
            Observation(
                "old", "p", "station_area_m2", 300, period="2018", attributes={"scope": "urban"}
            ),
        ]
    )
    status, examined, found = run(s, "eight_roles", "eight_roles.station_area")
    assert (status, examined, [(f[0], f[3]["standard_source"]) for f in found]) == (
        "failed",
        3,
        [("ct", "std")],
    )


@pytest.mark.timing
def test_eight_roles_station_area_is_linear_in_stations_times_areas_published_above() -> None:
    # each station read every station_area_m2 of each unit above it, looking for one with a
    # scope: n stations under a province publishing n areas took n * n
    assert_linear(
        _stations_under_a_province_of_many_areas,
        lambda s: govmodel.assess(s, "eight_roles"),
        500,
        fresh=True,
    )


def test_numpy_floats_are_read_as_the_floats_they_are() -> None:
    # a structure built from numpy arrays holds numpy.float64 values: a station's area
    # stopped the assessment (its repr is no decimal), and a rate or figure written once
    # as numpy's float and once as Python's was two values of one period that "differ"
    np = pytest.importorskip("numpy")
    units = [Unit("c", "community"), Unit("x", "compound", parent="c")]
    s = Structure(
        units=units,
        organizations=[
            Organization("va", "volunteer_association", unit="x"),
            Organization(
                "s", "service_station", unit="c", attributes={"floor_area_m2": np.float64(449.5)}
            ),
        ],
        observations=[
            Observation("o1", "x", "fee_collection_rate", np.float64(0.478), period="2019"),
            Observation("o2", "x", "fee_collection_rate", 0.478, period="2019"),
            Observation("o3", "x", "fee_collection_rate", np.float64(0.92), period="2020"),
        ],
    )
    status, examined, found = run(s, "eight_roles", "eight_roles.station_area")
    assert (status, examined, [(f[0], f[1], f[3]["area_m2"]) for f in found]) == (
        "failed",
        1,
        [("s", "s has 449.5 m², below the urban standard of 450 m²", 449.5)],
    )
    assert run(s, "eight_roles", "eight_roles.fee_collection") == ("passed", 1, [])
    a = govmodel.assess(s, "eight_roles")
    assert a.metrics["fee_collection_change"].by_unit == {"x": 0.442}
    items = Structure(
        units=[Unit("d", "district")],
        observations=[
            Observation("o1", "d", "service_items", np.float64(207), period="2019"),
            Observation("o2", "d", "service_items", 207, period="2019"),
            Observation("o3", "d", "service_items", 24, period="2020"),
        ],
    )
    assert run(items, "grid", "grid.admission_list") == ("passed", 1, [])
    # a negative numpy float is no amount: the pooled share is unknown, never below 0
    for value, expected in ((np.float64(-5), None), (np.float64(5), 0.5)):
        issues = Structure(
            units=[Unit("d", "district")],
            observations=[
                Observation("o1", "d", "issues_resolved", value, period="2020"),
                Observation("o2", "d", "issues_collected", np.float64(10), period="2020"),
            ],
        )
        assert govmodel.assess(issues, "tripartite").metrics["resolution_rate"].value == expected


def test_a_first_and_last_figure_that_are_one_value_and_no_count_are_named_once() -> None:
    # both ends of a series are NaN (or True): one warning that the value is no count, not
    # the same finding twice; two different values are each named
    nan = float("nan")
    fees = Structure(
        units=[Unit("c", "community"), Unit("x", "compound", parent="c")],
        organizations=[Organization("va", "volunteer_association", unit="x")],
        observations=[
            Observation("o1", "x", "fee_collection_rate", nan, period="2019"),
            Observation("o2", "x", "fee_collection_rate", nan, period="2020"),
        ],
    )
    status, examined, found = run(fees, "eight_roles", "eight_roles.fee_collection")
    assert (status, examined, [(f[0], f[3]) for f in found]) == (
        "failed",
        1,
        [("x", {"invalid": "fee_collection_rate", "value": "nan"})],
    )
    for last, values in ((True, ["True"]), (1.5, ["True", "1.5"])):
        items = Structure(
            units=[Unit("d", "district")],
            observations=[
                Observation("o1", "d", "service_items", True, period="2019"),
                Observation("o2", "d", "service_items", last, period="2020"),
            ],
        )
        found = run(items, "grid", "grid.admission_list")[2]
        assert [f[3]["value"] for f in found] == values


def test_eight_roles_alliance_message_reads_as_english() -> None:
    # 签订《共建共创协议书》, 党建朋友圈: it said "has no a co-building agreement and no an
    # alliance"
    lone = Structure(organizations=[Organization("cb", "co_building_unit")])
    assert run(lone, "eight_roles", "eight_roles.alliance") == (
        "failed",
        1,
        [
            (
                "cb",
                "cb has signed no co-building agreement and belongs to no alliance",
                "cb未签订共建协议、未加入党建朋友圈",
                {"missing": "agreement,alliance"},
            )
        ],
    )
    signed = lone.replace(
        organizations=[*lone.organizations, Organization("cp", "community_party_committee")],
        ties=[Tie("t", "cb", "cp", "co_builds")],
    )
    assert run(signed, "eight_roles", "eight_roles.alliance")[2] == [
        ("cb", "cb belongs to no alliance", "cb未加入党建朋友圈", {"missing": "alliance"})
    ]


def test_eight_roles_fee_collection_one_undated_rate_is_named_in_the_singular() -> None:
    s = Structure(
        units=[Unit("c", "community"), Unit("x", "compound", parent="c")],
        organizations=[Organization("va", "volunteer_association", unit="x")],
        observations=[
            Observation("o1", "x", "fee_collection_rate", 0.5, period="2019"),
            Observation("o2", "x", "fee_collection_rate", 0.9, period="2020"),
            Observation("o3", "x", "fee_collection_rate", 0.7),
        ],
    )
    assert [f[1] for f in run(s, "eight_roles", "eight_roles.fee_collection")[2]] == [
        "x: 1 of its 3 fee_collection_rate observations has no period; it cannot be "
        "ordered, and is left out"
    ]


@pytest.mark.parametrize("between", [None, "area", "group"])
def test_eight_roles_a_service_station_in_an_area_of_the_community_is_the_communitys(
    between: str | None,
) -> None:
    # 城市社区“一站四室”: the community's service station, wherever in the community it sits,
    # is held to the standard; a compound's station (a party-mass station) is not
    units = [Unit("st", "street"), Unit("c", "community", parent="st")]
    if between is not None:
        units.append(Unit("a", between, parent="c"))
    s = Structure(
        units=[*units, Unit("x", "compound", parent="c")],
        organizations=[
            Organization(
                "s",
                "service_station",
                unit="c" if between is None else "a",
                attributes={"floor_area_m2": 400},
            ),
            Organization("s2", "service_station", unit="x", attributes={"floor_area_m2": 10}),
        ],
    )
    status, examined, found = run(s, "eight_roles", "eight_roles.station_area")
    assert (status, examined, [(f[0], f[1]) for f in found]) == (
        "failed",
        1,
        [("s", "s has 400 m², below the urban standard of 450 m²")],
    )
    assert govmodel.assess(s, "eight_roles").metrics["station_area_m2"].by_unit == {"c": 400.0}


def test_large_figures_are_written_with_all_their_digits() -> None:
    # 1,234,568 cases in the grid are more than the 1,234,567 resolved: the message said
    # that 1.23457e+06 are more than 1.23457e+06
    def observed(*figures: tuple[str, str, object, str]) -> list[Observation]:
        return [
            Observation(f"o{i}", s, name, v, period=p) for i, (s, name, v, p) in enumerate(figures)
        ]

    cases = Structure(
        units=[Unit("c", "community")],
        observations=observed(
            ("c", "cases_resolved", 1234567, "2020"),
            ("c", "cases_resolved_in_grid", 1234568, "2020"),
            ("c", "cases_resolved_in_community", 0, "2020"),
        ),
    )
    ((_, en, zh, _),) = run(cases, "grid", "grid.small_matters")[2]
    assert (
        "1234568 cases resolved in the grid and 0 in the community are more than the 1234567" in en
    )
    assert "网格内解决 1234568 件、社区内解决 0 件，多于办结的 1234567 件" in zh
    items = Structure(
        units=[Unit("d", "district")],
        observations=observed(
            ("d", "service_items", 1234567, "2019"), ("d", "service_items", 1234568, "2020")
        ),
    )
    ((_, en, zh, _),) = run(items, "grid", "grid.admission_list")[2]
    assert "went from 1234567 to 1234568, not down" in en
    assert "由 1234567 项变为 1234568 项" in zh
    units = Structure(
        units=[Unit("d", "district")],
        organizations=[Organization("l", "linked_disposal_unit", unit="d")],
        observations=observed(("d", "linked_disposal_units", 0.0, "2019")),
    )
    assert run(units, "grid", "grid.figures")[2][0][1] == (
        "d publishes 0 linked disposal units but the structure holds 1"
    )
    # a figure :g writes exactly is written as before
    council = Structure(
        units=[Unit("c", "community")],
        organizations=[Organization("cc", "community_council", unit="c")],
        people=[Person("p")],
        posts=[Post("q", "p", "cc", "member")],
        decisions=[
            Decision("d", "cc", rule=VotingRule("2/3"), count=Tally(members=12345678.0, yes=1))
        ],
    )
    ((_, en, zh, _),) = run(council, "council", "council.members")[2]
    assert en == "d counts 12345678 members, but 1 person holds posts in cc"
    assert zh == "d按12345678名成员计票,但cc实有成员1名"


# -- council (002_38cd0ae90df957de.txt) ---------------------------------------------------------


def test_council_votes_needed_of_a_rule_no_head_count_decides_is_not_a_smaller_councils() -> None:
    # the community's council of the most members is read: when its rule (by floor area)
    # cannot be counted by head, the community needs no known number of votes, not the 2
    # of its council of 3
    people = [Person(f"p{i}") for i in range(10)]
    posts = [Post(f"q{i}", f"p{i}", "big" if i < 7 else "small", "member") for i in range(10)]

    def councils(rule: VotingRule) -> Structure:
        return Structure(
            units=[Unit("c", "community")],
            organizations=[
                Organization("big", "community_council", unit="c"),
                Organization("small", "community_council", unit="c"),
            ],
            people=people,
            posts=posts,
            decisions=[Decision("d", "big", rule=rule, count=Tally(members=7, yes=5, no=2))],
        )

    a = govmodel.assess(councils(VotingRule("2/3", by_area=True)), "council")
    assert a.metrics["votes_needed"].by_unit == {}
    a = govmodel.assess(councils(VotingRule("2/3")), "council")
    assert a.metrics["votes_needed"].by_unit == {"c": 5.0}
