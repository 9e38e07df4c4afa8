"""The grid model's rules held to the report at their edges.

The source: ``../shared/seeds/001_710a2e674d3240b8.txt`` (Jinfeng district, Yinchuan):
基本实现了“小事不出网格,大事不出村(社区)”; 将进入社区的服务事项由原来的207项减少至24项;
实现了信息上通自治区、银川市,下通镇(街道)和村(社区)“五级联通”.
"""

from __future__ import annotations

from typing import Any

import pytest

import govmodel
from govmodel.spec import Observation, Organization, Structure, Tie, Unit
from tests.models.test_edges import cases, items, structure

Found = list[tuple[str | None, str, dict[str, Any]]]


def run(s: Structure, rule_id: str) -> tuple[str, int | None, Found]:
    """The status of a grid rule on ``s``, how many subjects it examined, and its findings
    as (subject, severity, data)."""
    r = govmodel.assess(s, "grid").rule(rule_id)
    return r.status, r.examined, [(f.subject, f.severity, dict(f.data)) for f in r.findings]


# -- grid.small_matters: 小事不出网格,大事不出村(社区) --------------------------------------------


@pytest.mark.parametrize(
    ("figures", "found"),
    [
        pytest.param(
            (10, 20, 5),
            [("c", "warning", {"resolved": 10.0, "in_grid": 20.0, "in_community": 5.0})],
            id="in grid and community exceed resolved",
        ),
        pytest.param(
            (10, 11, 0),
            [("c", "warning", {"resolved": 10.0, "in_grid": 11.0, "in_community": 0.0})],
            id="in grid alone exceeds resolved",
        ),
        pytest.param(
            (10, 6, 5),
            [("c", "warning", {"resolved": 10.0, "in_grid": 6.0, "in_community": 5.0})],
            id="one case more than resolved",
        ),
    ],
)
def test_small_matters_figures_that_do_not_fit(
    figures: tuple[float, float, float], found: Found
) -> None:
    assert run(structure(obs=cases(*figures)), "grid.small_matters") == ("failed", 1, found)


@pytest.mark.parametrize(
    "figures",
    [
        pytest.param((10, 6, 4), id="all resolved locally: share 1"),
        pytest.param((100, 60, 30), id="exactly the target 0.9"),
        pytest.param((0.3, 0.1, 0.2), id="amounts adding up to resolved, in floating point"),
    ],
)
def test_small_matters_figures_that_fit_pass(figures: tuple[float, float, float]) -> None:
    assert run(structure(obs=cases(*figures)), "grid.small_matters") == ("passed", 1, [])


def _published(**figures: object) -> list[Observation]:
    return [Observation(f"o-{k}", "c", k, v) for k, v in figures.items()]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("figures", "missing"),
    [
        pytest.param(
            {"cases_resolved": 100, "cases_resolved_in_grid": 60},
            "cases_resolved_in_community",
            id="no in-community figure",
        ),
        pytest.param(
            {"cases_resolved": 100, "cases_resolved_in_community": 95},
            "cases_resolved_in_grid",
            id="no in-grid figure",
        ),
        pytest.param(
            {"cases_resolved_in_grid": 60, "cases_resolved_in_community": 30},
            "cases_resolved",
            id="no resolved figure",
        ),
        pytest.param(
            {"cases_resolved_in_grid": 60},
            "cases_resolved,cases_resolved_in_community",
            id="one figure of three",
        ),
    ],
)
def test_small_matters_a_missing_figure_is_named(figures: dict[str, object], missing: str) -> None:
    got = run(structure(obs=_published(**figures)), "grid.small_matters")
    assert got == ("failed", 1, [("c", "warning", {"missing": missing})])


def test_small_matters_a_missing_and_an_invalid_figure_are_both_named() -> None:
    s = structure(obs=_published(cases_resolved=True, cases_resolved_in_grid=60))
    assert run(s, "grid.small_matters") == (
        "failed",
        1,
        [
            ("c", "warning", {"missing": "cases_resolved_in_community"}),
            ("c", "warning", {"invalid": "cases_resolved", "value": "True"}),
        ],
    )


@pytest.mark.parametrize(
    "figures",
    [
        pytest.param({"cases_resolved": 0, "cases_resolved_in_grid": 0}, id="none resolved"),
        pytest.param({"cases_resolved": 12}, id="only the resolved total: no breakdown"),
        pytest.param({}, id="nothing published"),
    ],
)
def test_small_matters_not_examined(figures: dict[str, object]) -> None:
    assert run(structure(obs=_published(**figures)), "grid.small_matters") == (
        "not_applicable",
        0,
        [],
    )


def test_small_matters_none_resolved_is_not_examined() -> None:
    assert run(structure(obs=cases(0, 0, 0)), "grid.small_matters") == ("not_applicable", 0, [])


# -- grid.admission_list: 由原来的207项减少至24项 ---------------------------------------------


def test_admission_list_phase_decides_not_the_period() -> None:
    # 24 tagged "after" with no period, 207 dated 2016 with no phase. The
    # phase decides, as for service_items_cut: 207 has none, so there is no figure before
    # the list, the measures have no value and the rule examines nothing (never 24 -> 207)
    obs = [
        Observation("oa", "d", "service_items", 24, attributes={"phase": "after"}),
        Observation("ob", "d", "service_items", 207, period="2016"),
    ]
    s = structure(obs=obs)
    assert run(s, "grid.admission_list") == ("not_applicable", 0, [])
    a = govmodel.assess(s, "grid")
    assert a.metrics["service_items_before"].value is None
    assert a.metrics["service_items_after"].value == 24.0
    assert a.metrics["service_items_cut"].value is None


def test_admission_list_phases_over_periods() -> None:
    # "before" dated after "after": the phases, not the periods, say which is which
    obs = [
        Observation("oa", "d", "service_items", 24, period="2015", attributes={"phase": "after"}),
        Observation("ob", "d", "service_items", 207, period="2019", attributes={"phase": "before"}),
    ]
    s = structure(obs=obs)
    assert run(s, "grid.admission_list") == ("passed", 1, [])
    assert govmodel.assess(s, "grid").metrics["service_items_cut"].value == 1 - 24 / 207


def test_admission_list_untagged_figure_is_neither_phase() -> None:
    # a third figure with no phase, dated last, is not the figure after the list
    obs = [
        *items(207, 24),
        Observation("oc", "d", "service_items", 300, period="2020"),
    ]
    assert run(structure(obs=obs), "grid.admission_list") == ("passed", 1, [])


def test_admission_list_earliest_before_latest_after() -> None:
    # the rule reads the figures the measures read: the earliest before, the latest after
    obs = [
        Observation("b1", "d", "service_items", 207, period="2016", attributes={"phase": "before"}),
        Observation("b2", "d", "service_items", 20, period="2017", attributes={"phase": "before"}),
        Observation("a1", "d", "service_items", 24, period="2019", attributes={"phase": "after"}),
    ]
    s = structure(obs=obs)
    assert run(s, "grid.admission_list") == ("passed", 1, [])
    a = govmodel.assess(s, "grid")
    assert (a.metrics["service_items_before"].value, a.metrics["service_items_after"].value) == (
        207.0,
        24.0,
    )


def test_admission_list_by_period_without_phases() -> None:
    obs = [
        Observation("oa", "d", "service_items", 24, period="2019"),
        Observation("ob", "d", "service_items", 207, period="2016"),
    ]
    assert run(structure(obs=obs), "grid.admission_list") == ("passed", 1, [])


# -- grid.five_level: 上通自治区、银川市 … “五级联通” -----------------------------------------


def _chain(top: list[Unit], ties: list[Tie]) -> Structure:
    units = [
        *top,
        Unit("y", "city", parent="r"),
        Unit("d", "district", parent="y"),
        Unit("s", "street", parent="d"),
        Unit("c", "community", parent="s"),
    ]
    return Structure(
        units=units,
        organizations=[Organization("gc", "governance_centre", unit="d")],
        ties=ties,
    )


REGION = Unit("r", "autonomous_region", parent="cn")
COUNTRY = Unit("cn", "country")
BOTH = [Tie("l1", "gc", "r", "links"), Tie("l2", "gc", "y", "links")]


def test_five_level_a_country_above_the_region_is_not_required() -> None:
    assert run(_chain([COUNTRY, REGION], BOTH), "grid.five_level") == ("passed", 1, [])


def test_five_level_the_region_is_still_required_under_a_country() -> None:
    s = _chain([COUNTRY, REGION], BOTH[1:])
    assert run(s, "grid.five_level") == ("failed", 1, [("gc", "warning", {"missing": "r"})])


@pytest.mark.parametrize("kind", ["province", "autonomous_region", "municipality"])
def test_five_level_every_provincial_kind_is_required(kind: str) -> None:
    s = _chain([COUNTRY, Unit("r", kind, parent="cn")], BOTH[1:])
    assert run(s, "grid.five_level") == ("failed", 1, [("gc", "warning", {"missing": "r"})])


def test_five_level_only_a_country_above_the_district_is_not_applicable() -> None:
    s = Structure(
        units=[COUNTRY, Unit("d", "district", parent="cn")],
        organizations=[Organization("gc", "governance_centre", unit="d")],
    )
    assert run(s, "grid.five_level") == ("not_applicable", 0, [])


def test_connectivity_levels_leave_out_a_country() -> None:
    # region, city, district and a street sub-centre: 4 levels; the country is not one
    s = _chain([COUNTRY, REGION], [*BOTH, Tie("l3", "gc", "cn", "links")])
    s = Structure(
        units=s.units,
        organizations=[
            *s.organizations,
            Organization("sc", "governance_centre", unit="s"),
        ],
        ties=[*s.ties, Tie("e", "sc", "gc", "escalates_to")],
    )
    assert govmodel.assess(s, "grid").metrics["connectivity_levels"].value == 4.0
