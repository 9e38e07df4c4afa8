"""More rules of the built-in models at their edges: cases found missing in a review of the
rules against their docstrings and source reports.

Each case is a minimal hand-made structure; it asserts the rule's status, examined count and
the exact data of its findings.
"""

from __future__ import annotations

from typing import Any

import pytest

import govmodel
from govmodel.spec import Observation, Structure, Unit


def _found(s: Structure, model: str, rule_id: str) -> tuple[str, int, list[Any]]:
    r = govmodel.assess(s, model).rule(rule_id)
    return r.status, r.examined, [(f.subject, f.severity, dict(f.data)) for f in r.findings]


# -- grid.small_matters: resolved 0, but cases resolved in the grid or the community ------------


def _cases(resolved: object, in_grid: object, in_community: object) -> Structure:
    figures = zip(
        ("cases_resolved", "cases_resolved_in_grid", "cases_resolved_in_community"),
        (resolved, in_grid, in_community),
        strict=True,
    )
    return Structure(
        units=[Unit("m", "community")],
        observations=[
            Observation(f"o{i}", "m", name, value, period="2020")  # type: ignore[arg-type]
            for i, (name, value) in enumerate(figures)
        ],
    )


@pytest.mark.parametrize(("in_grid", "in_community"), [(5, 0), (0, 2), (3, 1)])
def test_small_matters_parts_of_no_case_do_not_fit(in_grid: int, in_community: int) -> None:
    """0 cases resolved, of which some in the grid or the community: the figures do not fit
    (a warning), never *not applicable*."""
    status, examined, found = _found(_cases(0, in_grid, in_community), "grid", "grid.small_matters")
    assert (status, examined) == ("failed", 1)
    assert found == [
        (
            "m",
            "warning",
            {"resolved": 0.0, "in_grid": float(in_grid), "in_community": float(in_community)},
        )
    ]


def test_small_matters_no_case_at_all_is_not_applicable() -> None:
    assert _found(_cases(0, 0, 0), "grid", "grid.small_matters") == ("not_applicable", 0, [])


def test_small_matters_part_not_a_count_with_no_case() -> None:
    status, examined, found = _found(_cases(0, True, 0), "grid", "grid.small_matters")
    assert (status, examined) == ("failed", 1)
    assert found == [
        ("m", "warning", {"invalid": "cases_resolved_in_grid", "value": "True"}),
    ]


# -- an int beyond a float's range is not a count (validate: number-out-of-range) --------------

HUGE = 10**400


def test_as_count_of_an_int_beyond_a_float() -> None:
    from govmodel.models.helpers import as_count

    assert as_count(HUGE) is None
    assert as_count(HUGE, whole=False) is None
    assert as_count(2**1023) == float(2**1023)  # within range: read


def test_super_compounds_huge_residents_is_not_a_count() -> None:
    s = Structure(
        units=[
            Unit("m", "community"),
            Unit("c", "compound", parent="m", attributes={"residents": HUGE}),
        ]
    )
    status, examined, found = _found(s, "council", "council.super_compounds")
    assert (status, examined) == ("failed", 1)
    assert found == [("c", "warning", {"invalid": "residents", "value": repr(HUGE)})]


def test_station_area_huge_is_not_an_area() -> None:
    from govmodel.spec import Organization

    s = Structure(
        units=[Unit("m", "community")],
        organizations=[
            Organization("st", "service_station", unit="m", attributes={"floor_area_m2": HUGE})
        ],
    )
    status, examined, found = _found(s, "eight_roles", "eight_roles.station_area")
    assert (status, examined) == ("failed", 1)
    assert found == [("st", "warning", {"invalid": "station area (m²)", "value": repr(HUGE)})]


# -- grid.coverage: a building in two unit grids, one of another community's small net ----------


def _two_grids(order: tuple[str, ...]) -> Structure:
    from govmodel.spec import Tie

    units = [
        Unit("d", "district"),
        Unit("s", "street", parent="d"),
        Unit("m1", "community", parent="s"),
        Unit("m2", "community", parent="s"),
        Unit("m3", "community", parent="s"),
        Unit("g1", "grid", parent="m1", attributes={"net": "unit"}),
        Unit("g2", "grid", parent="m2", attributes={"net": "unit"}),
        Unit("g3", "grid", parent="m3", attributes={"net": "unit"}),
        Unit("c", "compound", parent="m1"),
        Unit("b", "building", parent="c"),
    ]
    ties = [Tie(f"t-{g}", "b", g, "in_grid") for g in order]
    return Structure(units=units, ties=ties)


@pytest.mark.parametrize("order", [("g1", "g2"), ("g2", "g1")])
def test_coverage_two_grids_whatever_the_order(order: tuple[str, ...]) -> None:
    """The building lies in g1 (its community's) and g2 (another's): both findings, whichever
    tie is listed first."""
    status, _, found = _found(_two_grids(order), "grid", "grid.coverage")
    assert status == "failed"
    about_b = [(severity, data) for subject, severity, data in found if subject == "b"]
    assert about_b == [
        ("warning", {"grids": 2}),
        ("warning", {"grid": "g2", "community": "m1"}),
    ]


@pytest.mark.parametrize("order", [("g2", "g3"), ("g3", "g2")])
def test_coverage_two_foreign_grids_each_found(order: tuple[str, ...]) -> None:
    _, _, found = _found(_two_grids(order), "grid", "grid.coverage")
    about_b = [(severity, data) for subject, severity, data in found if subject == "b"]
    assert about_b == [
        ("warning", {"grids": 2}),
        ("warning", {"grid": "g2", "community": "m1"}),
        ("warning", {"grid": "g3", "community": "m1"}),
    ]


# -- eight_roles.fee_collection: a period that names no date cannot be ordered ------------------


@pytest.mark.parametrize("period", [None, "soon", "2020-13", ""])
def test_fee_collection_period_naming_no_date_is_undated(period: str | None) -> None:
    """A rate whose period names no date sorts as no period: it is not read as the first
    rate (0.5 -> 0.9 would pass), it gives the warning that it cannot be ordered."""
    from govmodel.spec import Organization

    s = Structure(
        units=[Unit("m", "community"), Unit("c", "compound", parent="m")],
        organizations=[Organization("a", "volunteer_association", unit="c")],
        observations=[
            Observation("o1", "c", "fee_collection_rate", 0.9, period="2020"),
            Observation("o2", "c", "fee_collection_rate", 0.5, period=period),
        ],
    )
    a = govmodel.assess(s, "eight_roles")
    r = a.rule("eight_roles.fee_collection")
    assert (r.status, r.examined) == ("failed", 1)
    assert [(f.subject, f.severity, dict(f.data)) for f in r.findings] == [
        (
            "c",
            "warning",
            {"indicator": "fee_collection_rate", "missing": "period", "undated": 1, "observed": 2},
        )
    ]
    assert a.metrics["fee_collection_change"].value is None


# -- council.votes_needed: a community with two community councils -------------------------------


def test_votes_needed_of_two_councils_whatever_the_order() -> None:
    from govmodel.spec import Organization, Person, Post

    people = [Person(f"p{i}") for i in range(37)]
    orgs = [Organization("cc1", "community_council", unit="m")]
    orgs.append(Organization("cc2", "community_council", unit="m"))
    posts = [Post(f"a{i}", f"p{i}", "cc1", "member") for i in range(37)]
    posts += [Post(f"b{i}", f"p{i}", "cc2", "member") for i in range(10)]
    needed = set()
    for order in (orgs, orgs[::-1]):
        s = Structure(
            units=[Unit("m", "community")], organizations=order, people=people, posts=posts
        )
        needed.add(govmodel.assess(s, "council").metrics["votes_needed"].by_unit["m"])
    assert needed == {25.0}  # the council of 37: two thirds of 37 is 24 2/3


def test_urban_station_standard_of_two_provinces_whatever_the_order() -> None:
    obs = [
        Observation("o1", "p2", "station_area_m2", 400, attributes={"scope": "urban"}),
        Observation("o2", "p1", "station_area_m2", 450, attributes={"scope": "urban"}),
    ]
    units = [Unit("p1", "province"), Unit("p2", "province")]
    got = {
        govmodel.assess(Structure(units=units, observations=order), "eight_roles")
        .metrics["urban_station_standard_m2"]
        .value
        for order in (obs, obs[::-1])
    }
    assert got == {450.0}


# -- four_level: a building in two groups, whatever the order of its in_group ties ---------------


@pytest.mark.parametrize("order", [("g1", "g2"), ("g2", "g1")])
def test_group_coverage_two_groups_whatever_the_order(order: tuple[str, ...]) -> None:
    from govmodel.spec import Tie

    units = [
        Unit("m", "community"),
        Unit("a", "area", parent="m"),
        Unit("g1", "group", parent="a"),
        Unit("g2", "group", parent="a"),
        Unit("c", "compound", parent="m"),
        Unit("b", "building", parent="c"),
    ]
    ties = [Tie(f"t-{g}", "b", g, "in_group") for g in order]
    _, _, found = _found(
        Structure(units=units, ties=ties), "four_level", "four_level.group_coverage"
    )
    assert found == [("b", "warning", {"groups": "g1,g2"})]


# -- eight_roles.fee_collection: two rates for the first (or last) period -----------------------


def _fees(*rates: tuple[str, float, str | None]) -> Structure:
    from govmodel.spec import Organization

    return Structure(
        units=[Unit("m", "community"), Unit("c", "compound", parent="m")],
        organizations=[Organization("a", "volunteer_association", unit="c")],
        observations=[
            Observation(oid, "c", "fee_collection_rate", value, period=period)
            for oid, value, period in rates
        ],
    )


@pytest.mark.parametrize(
    "rates",
    [
        (("o1", 0.5, "2019"), ("o2", 0.9, "2019")),
        (("o1", 0.4, "2018"), ("o2", 0.5, "2019"), ("o3", 0.3, "2019")),
    ],
)
def test_fee_collection_two_rates_of_one_end_period(rates: tuple[Any, ...]) -> None:
    """The order they are listed in does not make the rate rise or fall."""
    seen = set()
    for order in (rates, rates[::-1]):
        a = govmodel.assess(_fees(*order), "eight_roles")
        r = a.rule("eight_roles.fee_collection")
        found = tuple(
            (f.subject, f.severity, tuple(sorted(dict(f.data).items()))) for f in r.findings
        )
        seen.add((r.status, r.examined, found, a.metrics["fee_collection_change"].value))
    assert seen == {
        (
            "failed",
            1,
            (
                (
                    "c",
                    "warning",
                    (
                        ("indicator", "fee_collection_rate"),
                        ("observed", 2),
                        ("period", "2019"),
                        ("problem", "duplicate-observation"),
                    ),
                ),
            ),
            None,
        )
    }


def test_fee_collection_same_rate_twice_is_read() -> None:
    s = _fees(("o1", 0.4, "2018"), ("o2", 0.9, "2019"), ("o3", 0.9, "2019"))
    r = govmodel.assess(s, "eight_roles").rule("eight_roles.fee_collection")
    assert (r.status, r.examined, r.findings) == ("passed", 1, ())


# -- council.outcome: an outcome that is neither passed nor failed --------------------------------


@pytest.mark.parametrize("recorded", ["PASSED", "yes", ""])
def test_council_outcome_malformed_is_not_read_as_failed(recorded: str) -> None:
    import attrs

    s = govmodel.datasets.load("chengdu")
    d = s.decisions[0]
    s = attrs.evolve(
        s, decisions=[attrs.evolve(x, outcome=recorded) if x.id == d.id else x for x in s.decisions]
    )
    r = govmodel.assess(s, "council").rule("council.outcome")
    assert [(f.subject, f.severity, dict(f.data)) for f in r.findings if f.subject == d.id] == [
        (d.id, "warning", {"invalid": "outcome", "value": repr(recorded)})
    ]
