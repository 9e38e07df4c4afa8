"""The eight-roles model held to its source at the edges of its rules.

Each test quotes the passage of ``../shared/seeds/003_e46168819235ee26.txt`` it holds the
model to, on minimal structures built with the edge tests' helpers.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import govmodel
from govmodel.models.eight_roles import EIGHT_ROLES, EightRoles
from govmodel.spec import Observation, Organization, Person, Structure, Unit
from tests.models.conftest import changed, without
from tests.models.test_edges import posts_for, structure

EIGHT = "eight_roles"
ROLES = [r for r, _, _ in EIGHT_ROLES]
ASSOCIATION_RULES = (
    "eight_roles.all_roles",
    "eight_roles.association_branch",
    "eight_roles.from_building_heads",
    "eight_roles.party_led",
)

Found = list[tuple[str | None, dict[str, Any]]]


def run(s: Structure, rule_id: str) -> tuple[str, Found, int]:
    """The status, findings (subject, data) and examined count of a rule on ``s``, after
    checking that the assessment renders to JSON."""
    a = govmodel.assess(s, EIGHT)
    json.loads(a.to_json())
    r = a.rule(rule_id)
    return r.status, [(f.subject, dict(f.data)) for f in r.findings], r.examined


# -- which bodies are eight-roles associations ----------------------------------------------
# 003: 以党员牵头,从楼栋长中选出“八大员”,成立了“八大员志愿者协会”……八大员志愿者协会党支部:
# the association is a volunteer association (志愿者协会), not any body with a mediator.


def mediator_in(kind: str, unit: str = "c") -> Structure:
    return structure(
        orgs=[Organization("o", kind, unit=unit)],
        people=[Person("p", party="active")],
        posts=posts_for("o", "dispute_mediator", person="p"),
    )


@pytest.mark.parametrize("rule_id", ASSOCIATION_RULES)
def test_a_residents_committee_with_a_mediator_is_no_association(rule_id: str) -> None:
    assert run(mediator_in("residents_committee"), rule_id) == ("not_applicable", [], 0)
    # nor is a compound's owners' committee with one
    assert run(mediator_in("owners_committee", unit="x"), rule_id) == ("not_applicable", [], 0)


def test_a_residents_committee_with_a_mediator_runs_no_eight_roles() -> None:
    a = govmodel.assess(mediator_in("residents_committee", unit="x"), EIGHT)
    assert a.metrics["eight_roles_adoption"].by_unit == {"x": 0.0}
    assert a.metrics["eight_roles_filled"].by_unit == {}
    assert a.rule("eight_roles.compound_branch").status == "not_applicable"


def test_a_volunteer_association_holding_a_role_is_one_wherever_it_lies() -> None:
    # in the community, not in a compound: still the association, as it holds a role
    status, found, examined = run(mediator_in("volunteer_association"), "eight_roles.all_roles")
    assert (status, examined) == ("failed", 1)
    assert found == [
        ("o", {"missing": ",".join(r for r in ROLES if r != "dispute_mediator"), "filled": 1})
    ]
    assert run(mediator_in("volunteer_association"), "eight_roles.from_building_heads") == (
        "failed",
        [("p", {"roles": "dispute_mediator"})],
        1,
    )


def test_a_role_held_outside_the_association_is_not_checked_against_building_heads() -> None:
    s = structure(
        orgs=[
            Organization("va", "volunteer_association", unit="x"),
            Organization("rc", "residents_committee", unit="c"),
        ],
        people=[Person("h", party="active"), Person("m")],
        posts=[
            *posts_for("va", *ROLES, "building_head", person="h"),
            *posts_for("rc", "dispute_mediator", person="m"),
        ],
    )
    assert run(s, "eight_roles.from_building_heads") == ("passed", [], 1)
    assert run(s, "eight_roles.all_roles") == ("passed", [], 1)


# -- station_area: the province's average ---------------------------------------------------
# 003: 全省城市社区“一站四室”……建设面积平均450㎡以上,农村社区服务中心平均面积300㎡


def stations(*areas: object, kind: str = "community") -> Structure:
    """One service station of ``area`` m² in each of communities c, c1, c2, … (of ``kind``)."""
    extra = [Unit(f"c{i}", kind, parent="s") for i in range(1, len(areas))]
    orgs = [
        Organization(
            f"s{i}",
            "service_station",
            unit="c" if i == 0 else f"c{i}",
            attributes={"floor_area_m2": area},  # type: ignore[dict-item]
        )
        for i, area in enumerate(areas)
    ]
    s = structure(extra_units=extra, orgs=orgs)
    return s.replace(
        units=[Unit(u.id, kind, parent=u.parent) if u.id == "c" else u for u in s.units]
    )


def shortfall(average: float, n: int, standard: float = 450.0, scope: str = "urban") -> Found:
    """The finding about ``n`` stations of the street averaging ``average`` m²."""
    data = {"area_m2": average, "standard_m2": standard, "scope": scope}
    return [("s", {**data, "standard_source": "default"})] if n > 1 else []


@pytest.mark.parametrize(
    ("areas", "status", "average"),
    [
        pytest.param((400, 500), "passed", None, id="400 and 500 average 450"),
        pytest.param((400, 490), "failed", 445.0, id="400 and 490 average 445"),
        pytest.param((450, 450), "passed", None, id="exactly 450"),
        pytest.param((449.99, 449.99), "failed", 449.99, id="449.99"),
        pytest.param((300, 600, 450), "passed", None, id="three averaging 450"),
    ],
)
def test_station_area_holds_the_stations_average_to_the_standard(
    areas: tuple[float, ...], status: str, average: float | None
) -> None:
    found = [] if average is None else shortfall(average, len(areas))
    assert run(stations(*areas), "eight_roles.station_area") == (status, found, len(areas))


def test_station_area_averages_urban_and_rural_stations_apart() -> None:
    s = stations(250, 350, kind="village")
    s = s.replace(
        units=[Unit(u.id, "community", parent="s") if u.id == "c1" else u for u in s.units],
        organizations=[
            *s.organizations,
            Organization("s9", "service_station", unit="c1", attributes={"floor_area_m2": 500}),
        ],
    )
    # s0 (village c) 250 alone is rural, below 300; s1 (community c1) 350 and s9 500 are
    # urban, averaging 425: the findings are about the station, and about the lowest unit
    # holding both
    status, found, examined = run(s, "eight_roles.station_area")
    assert (status, examined) == ("failed", 3)
    assert found == [
        (
            "s0",
            {
                "area_m2": 250.0,
                "standard_m2": 300.0,
                "scope": "rural",
                "standard_source": "default",
            },
        ),
        (
            "c1",
            {
                "area_m2": 425.0,
                "standard_m2": 450.0,
                "scope": "urban",
                "standard_source": "default",
            },
        ),
    ]


def test_station_area_leaves_an_area_that_is_no_amount_out_of_the_average() -> None:
    status, found, examined = run(stations(400, "500", 500), "eight_roles.station_area")
    assert (status, examined) == ("failed", 3)
    assert found == [("s1", {"invalid": "station area (m²)", "value": "'500'"})]
    # without it, 400 alone is below 450
    status, found, _ = run(stations(400, True, 440), "eight_roles.station_area")
    assert found == [
        ("s1", {"invalid": "station area (m²)", "value": "True"}),
        (
            "s",
            {
                "area_m2": 420.0,
                "standard_m2": 450.0,
                "scope": "urban",
                "standard_source": "default",
            },
        ),
    ]


def test_station_area_averages_the_stations_under_a_published_standard() -> None:
    s = stations(400, 500)
    s = s.replace(
        observations=[
            Observation("std", "d", "station_area_m2", 460, attributes={"scope": "urban"})
        ]
    )
    assert run(s, "eight_roles.station_area") == (
        "failed",
        [
            (
                "s",
                {
                    "area_m2": 450.0,
                    "standard_m2": 460.0,
                    "scope": "urban",
                    "standard_source": "std",
                },
            )
        ],
        2,
    )


def test_station_area_on_the_example_holds_the_average_to_the_province_standard() -> None:
    example = EightRoles.example()
    # 云塘 400 m² beside 桥头 1,900 m²: an average of 1,150, above Hunan's 450
    small = changed(example, "cs-obs008", value=400)
    assert govmodel.assess(small, EIGHT).rule("eight_roles.station_area").findings == ()
    # 云塘 400 m² and 桥头 480 m²: 440 on average, below it
    smaller = changed(small, "cs-obs009", value=480)
    (f,) = govmodel.assess(smaller, EIGHT).rule("eight_roles.station_area").findings
    assert f.subject == "cs-tx"  # the district holding both communities
    assert dict(f.data) == {
        "area_m2": 440.0,
        "standard_m2": 450.0,
        "scope": "urban",
        "standard_source": "cs-obs014",  # the province's published average
    }
    # the standard is the one the structure publishes, the report's 450 m² by default
    lower = changed(smaller, "cs-obs014", value=440)
    assert govmodel.assess(lower, EIGHT).rule("eight_roles.station_area").findings == ()
    (f,) = (
        govmodel.assess(without(smaller, "cs-obs014"), EIGHT)
        .rule("eight_roles.station_area")
        .findings
    )
    assert (f.data["standard_m2"], f.data["standard_source"]) == (450, "default")


# -- fee_collection: rates that cannot be ordered -------------------------------------------
# 003: 小区的物业费上缴率从原来的47.8%一下子提升到了92%: a rise needs the rates' order.


def fees(*periods: str | None) -> Structure:
    values = (0.478, 0.92, 0.95)
    return structure(
        orgs=[Organization("va", "volunteer_association", unit="x")],
        obs=[
            Observation(f"f{i}", "x", "fee_collection_rate", values[i], period=p)
            for i, p in enumerate(periods)
        ],
    )


def unordered(undated: int, observed: int) -> tuple[str | None, dict[str, Any]]:
    return (
        "x",
        {
            "indicator": "fee_collection_rate",
            "missing": "period",
            "undated": undated,
            "observed": observed,
        },
    )


@pytest.mark.parametrize(
    ("periods", "status", "found", "examined"),
    [
        pytest.param((None, "2018-03"), "failed", [unordered(1, 2)], 1, id="one of two undated"),
        pytest.param((None, None), "failed", [unordered(2, 2)], 1, id="both undated"),
        pytest.param(
            ("2017-09", None, "2018-03"),
            "failed",
            [unordered(1, 3)],
            1,
            id="one of three undated, the dated two rise",
        ),
        pytest.param(
            ("2017-09", None, "2016-01"),
            "failed",
            [unordered(1, 3), ("x", {"before": 0.95, "after": 0.478})],
            1,
            id="one of three undated, the dated two fall",
        ),
        pytest.param(("2017-09", "2018-03"), "passed", [], 1, id="both dated"),
        pytest.param((None,), "not_applicable", [], 0, id="a single rate"),
    ],
)
def test_fee_collection_warns_of_rates_it_cannot_order(
    periods: tuple[str | None, ...], status: str, found: Found, examined: int
) -> None:
    assert run(fees(*periods), "eight_roles.fee_collection") == (status, found, examined)
    a = govmodel.assess(fees(*periods), EIGHT)
    for f in a.rule("eight_roles.fee_collection").findings:
        assert f.severity == "warning"
        if "missing" in f.data:
            assert "no period" in f.message
            assert "没有时期" in f.message_zh
