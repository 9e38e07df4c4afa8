"""The five built-in models at the edges of their rules and measures.

Each case is a minimal hand-made structure at one edge of one rule: a numeric bound at,
one below and one above what the source report says; an empty or degenerate structure
(nothing to examine is *not applicable*, never *passed*); an attribute that is not a
count (a bool, a string number, NaN, an infinity, a negative or fractional number: the
warning finding of :func:`govmodel.models.helpers.not_a_count`, never a silent pass). The
cases assert the status, and the subjects and data of every finding, exactly.

The sources: ``../shared/seeds/000_…`` (tripartite), ``001_…`` (grid), ``002_…``
(council), ``003_…`` (eight_roles), ``004_…`` (four_level), digested in
``../shared/DOMAIN.md``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

import pytest
from attrs import evolve

import govmodel
from govmodel.models.eight_roles import EIGHT_ROLES
from govmodel.models.helpers import as_count, truthy
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

NAN, INF = math.nan, math.inf

#: What is not a count, by edge name (as_count: True is not 1, "12" is not 12, …).
NOT_COUNTS: dict[str, object] = {
    "bool": True,
    "string number": "12",
    "NaN": NAN,
    "infinity": INF,
    "negative": -3,
    "fraction": 2.5,
}

Found = list[tuple[str | None, dict[str, Any]]]


def run(s: Structure, model: str, rule_id: str) -> tuple[str, Found]:
    """The status of a rule on ``s`` and its findings as (subject, data) pairs, after
    checking that the whole assessment renders to JSON (no NaN or infinity escapes)."""
    a = govmodel.assess(s, model)
    json.loads(a.to_json())
    r = a.rule(rule_id)
    return r.status, [(f.subject, dict(f.data)) for f in r.findings]


def invalid(subject: str, name: str, value: object) -> tuple[str, dict[str, Any]]:
    """The not_a_count finding about ``subject``'s ``name``."""
    return (subject, {"invalid": name, "value": repr(value)})


def units(
    *extra: Unit, city: bool = False, attrs: dict[str, dict[str, Any]] | None = None
) -> list[Unit]:
    """A district > street > community > compound > building chain (under a city), the
    units ``extra``, and ``attrs`` by unit id."""
    top = (
        [Unit("y", "city"), Unit("d", "district", parent="y")] if city else [Unit("d", "district")]
    )
    chain = [
        *top,
        Unit("s", "street", parent="d"),
        Unit("c", "community", parent="s"),
        Unit("x", "compound", parent="c"),
        Unit("b", "building", parent="x"),
        *extra,
    ]
    given = attrs or {}
    return [
        Unit(u.id, u.kind, parent=u.parent, attributes={**u.attributes, **given.get(u.id, {})})
        for u in chain
    ]


def structure(
    *,
    extra_units: Sequence[Unit] = (),
    orgs: Sequence[Organization] = (),
    people: Sequence[Person] = (),
    posts: Sequence[Post] = (),
    ties: Sequence[Tie] = (),
    obs: Sequence[Observation] = (),
    decisions: Sequence[Decision] = (),
    city: bool = False,
    bare: bool = False,
    attrs: dict[str, dict[str, Any]] | None = None,
) -> Structure:
    """A structure on :func:`units` (only ``extra_units`` when ``bare``)."""
    return Structure(
        units=list(extra_units) if bare else units(*extra_units, city=city, attrs=attrs),
        organizations=orgs,
        people=people,
        posts=posts,
        ties=ties,
        observations=obs,
        decisions=decisions,
    )


def posts_for(org: str, *roles: str, person: str = "p") -> list[Post]:
    return [Post(f"{org}-{person}-{r}", person, org, r) for r in roles]


# -- the helpers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(0, 0.0, id="zero is a count"),
        pytest.param(12, 12.0, id="int"),
        pytest.param(12.0, 12.0, id="whole float"),
        *(pytest.param(v, None, id=k) for k, v in NOT_COUNTS.items()),
        pytest.param(None, None, id="absent"),
        pytest.param(False, None, id="False is not 0"),
    ],
)
def test_as_count(value: object, expected: float | None) -> None:
    got = as_count(value)
    assert got == expected
    assert type(got) is type(expected)


def test_as_count_of_an_amount_keeps_a_fraction_but_not_a_negative() -> None:
    assert as_count(2.5, whole=False) == 2.5
    assert as_count(-0.5, whole=False) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("邻里亲情", True), (" No ", False), ("", False), (NAN, False), (True, True), (0, False)],
    ids=["name", "no", "empty", "NaN", "true", "zero"],
)
def test_truthy(value: object, expected: bool) -> None:
    assert truthy(value) is expected


# -- tripartite (000_c5b86c07d7092624.txt) ------------------------------------------------------

TRI = "tripartite"
BODIES = [
    Organization("rc", "residents_committee", unit="c"),
    Organization("oc", "owners_committee", unit="x"),
    Organization("pc", "property_company", unit="x"),
]


@pytest.mark.parametrize(
    ("rule_id", "s", "status", "found"),
    [
        pytest.param(
            "tripartite.three_carriages",
            structure(bare=True),
            "not_applicable",
            [],
            id="three_carriages: no compounds",
        ),
        pytest.param(
            "tripartite.three_carriages",
            structure(),
            "failed",
            [
                (
                    "x",
                    {
                        "missing": "residents_committee,owners_committee,property_company",
                        "present": 0,
                    },
                )
            ],
            id="three_carriages: a compound with no body",
        ),
        pytest.param(
            "tripartite.three_carriages",
            structure(orgs=BODIES),
            "passed",
            [],
            id="three_carriages: all three",
        ),
        pytest.param(
            "tripartite.three_carriages",
            structure(orgs=BODIES[:2]),
            "failed",
            [("x", {"missing": "property_company", "present": 2})],
            id="three_carriages: two of three",
        ),
        pytest.param(
            "tripartite.three_carriages",
            structure(orgs=BODIES[:2], attrs={"x": {"management": "quasi_property"}}),
            "passed",
            [],
            id="three_carriages: quasi-property stands in for a company",
        ),
        pytest.param(
            "tripartite.party_led",
            structure(),
            "not_applicable",
            [],
            id="party_led: a compound with no body has nothing to lead",
        ),
        pytest.param(
            "tripartite.party_led",
            structure(orgs=BODIES),
            "failed",
            [("x", {})],
            id="party_led: bodies without a party organization",
        ),
        pytest.param(
            "tripartite.party_led",
            structure(orgs=[*BODIES, Organization("pb", "compound_party_branch", unit="x")]),
            "passed",
            [],
            id="party_led: a branch in the compound",
        ),
        pytest.param(
            "tripartite.three_in_one",
            structure(orgs=BODIES[1:2]),
            "not_applicable",
            [],
            id="three_in_one: one body has nothing to link",
        ),
        pytest.param(
            "tripartite.three_in_one",
            structure(orgs=BODIES[1:]),
            "failed",
            [("x", {"links": ""})],
            id="three_in_one: two bodies unlinked",
        ),
        pytest.param(
            "tripartite.three_in_one",
            structure(
                orgs=BODIES[1:],
                people=[Person("p")],
                posts=[*posts_for("oc", "chair"), *posts_for("pc", "manager")],
            ),
            "passed",
            [],
            id="three_in_one: one person in both bodies",
        ),
        pytest.param(
            "tripartite.five_types",
            structure(attrs={"x": {"origin": "commodity"}}),
            "passed",
            [],
            id="five_types: a typed compound",
        ),
        pytest.param(
            "tripartite.five_types",
            structure(),
            "failed",
            [("x", {})],
            id="five_types: an untyped compound",
        ),
        pytest.param(
            "tripartite.happiness_trio",
            structure(bare=True, extra_units=[Unit("x", "compound")]),
            "not_applicable",
            [],
            id="happiness_trio: no community",
        ),
        pytest.param(
            "tripartite.happiness_trio",
            structure(
                obs=[
                    Observation("o1", "x", "round_tables_held", 1),
                    Observation("o2", "c", "micro_wishes", 0),
                    Observation("o3", "b", "micro_projects", NAN),
                ]
            ),
            "failed",
            [
                ("b", {"invalid": "micro_projects", "value": "nan"}),
                ("c", {"missing": "micro_wishes,micro_projects"}),
            ],
            id="happiness_trio: 0 and NaN are not run, 1 inside the community is",
        ),
    ],
)
def test_tripartite_rules(rule_id: str, s: Structure, status: str, found: Found) -> None:
    assert run(s, TRI, rule_id) == (status, found)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(12, {"x": 12.0}, id="int"),
        pytest.param(12.0, {"x": 12.0}, id="whole float"),
        pytest.param(0, {"x": 0.0}, id="zero is known, not absent"),
        *(pytest.param(v, {}, id=k) for k, v in NOT_COUNTS.items()),
    ],
)
def test_tripartite_households_measure(value: object, expected: dict[str, float]) -> None:
    a = govmodel.assess(structure(attrs={"x": {"households": value}}), TRI)
    assert a.metrics["households"].by_unit == expected


def test_tripartite_shares_over_no_compound_are_none() -> None:
    a = govmodel.assess(structure(bare=True), TRI)
    assert a.metrics["three_carriages"].by_unit == {}
    assert a.metrics["three_carriages"].value is None
    assert a.metrics["resolution_rate"].value is None  # 0 issues resolved of 0 collected


# -- grid (001_710a2e674d3240b8.txt) ---------------------------------------------------------

GRID = "grid"


def cases(resolved: object, in_grid: object, in_community: object | None) -> list[Observation]:
    """The community's case figures (``in_community`` ``None``: not published)."""
    figures = {
        "cases_resolved": resolved,
        "cases_resolved_in_grid": in_grid,
        "cases_resolved_in_community": in_community,
    }
    return [
        Observation(f"o-{k}", "c", k, v)  # type: ignore[arg-type]
        for k, v in figures.items()
        if v is not None
    ]


def items(before: object, after: object) -> list[Observation]:
    return [
        Observation("o-b", "d", "service_items", before, attributes={"phase": "before"}),  # type: ignore[arg-type]
        Observation("o-a", "d", "service_items", after, attributes={"phase": "after"}),  # type: ignore[arg-type]
    ]


CENTRE = Organization("gc", "governance_centre", unit="d")
STATIONS = [
    Organization("ws1", "work_station", unit="c"),
    Organization("ws2", "work_station", unit="c"),
]


@pytest.mark.parametrize(
    ("rule_id", "s", "status", "found"),
    [
        pytest.param(
            "grid.core", structure(bare=True), "not_applicable", [], id="core: no community"
        ),
        pytest.param(
            "grid.core", structure(), "failed", [("c", {})], id="core: no party organization"
        ),
        pytest.param(
            "grid.core",
            structure(orgs=[Organization("pc", "community_party_committee", unit="c")]),
            "passed",
            [],
            id="core: a community party committee",
        ),
        pytest.param(
            "grid.small_matters",
            structure(obs=cases(100, 60, 30)),
            "passed",
            [],
            id="small_matters: at the target 0.9",
        ),
        pytest.param(
            "grid.small_matters",
            structure(obs=cases(100, 60, 29)),
            "failed",
            [("c", {"share": 0.89, "target": 0.9})],
            id="small_matters: one case below the target",
        ),
        pytest.param(
            "grid.small_matters",
            structure(obs=cases(100, 60, 31)),
            "passed",
            [],
            id="small_matters: one case above the target",
        ),
        pytest.param(
            "grid.small_matters",
            structure(obs=cases(0, 0, 0)),
            "not_applicable",
            [],
            id="small_matters: no case resolved, no share",
        ),
        pytest.param(
            "grid.small_matters",
            structure(obs=cases(100, 60, None)),
            "failed",
            [("c", {"missing": "cases_resolved_in_community"})],
            id="small_matters: a figure not published",
        ),
        pytest.param(
            "grid.small_matters",
            structure(obs=cases(100, 60, -1)),
            "failed",
            [invalid("c", "cases_resolved_in_community", -1)],
            id="small_matters: a negative figure",
        ),
        pytest.param(
            "grid.small_matters",
            structure(obs=cases(100, 60.5, 30)),
            "passed",
            [],
            id="small_matters: a fractional figure is read as an amount",
        ),
        pytest.param(
            "grid.admission_list",
            structure(obs=items(207, 24)),
            "passed",
            [],
            id="admission_list: cut from 207 to 24",
        ),
        pytest.param(
            "grid.admission_list",
            structure(obs=items(24, 24)),
            "failed",
            [("d", {"before": 24.0, "after": 24.0})],
            id="admission_list: as many after as before",
        ),
        pytest.param(
            "grid.admission_list",
            structure(obs=items(24, 25)),
            "failed",
            [("d", {"before": 24.0, "after": 25.0})],
            id="admission_list: one more after",
        ),
        pytest.param(
            "grid.admission_list",
            structure(obs=items(207, 24)[:1]),
            "not_applicable",
            [],
            id="admission_list: one figure only",
        ),
        pytest.param(
            "grid.admission_list",
            structure(obs=items(NAN, 24)),
            "failed",
            [invalid("d", "service_items", NAN)],
            id="admission_list: NaN before",
        ),
        pytest.param(
            "grid.five_level",
            structure(orgs=[CENTRE]),
            "not_applicable",
            [],
            id="five_level: nothing above the district",
        ),
        pytest.param(
            "grid.five_level",
            structure(orgs=[CENTRE], city=True),
            "failed",
            [("gc", {"missing": "y"})],
            id="five_level: the city not linked",
        ),
        pytest.param(
            "grid.five_level",
            structure(orgs=[CENTRE], ties=[Tie("t", "y", "gc", "links")], city=True),
            "passed",
            [],
            id="five_level: linked with the city (either way)",
        ),
        pytest.param(
            "grid.figures",
            structure(orgs=STATIONS, obs=[Observation("o", "d", "work_stations", 2)]),
            "passed",
            [],
            id="figures: as many as published",
        ),
        pytest.param(
            "grid.figures",
            structure(orgs=STATIONS, obs=[Observation("o", "d", "work_stations", 1)]),
            "failed",
            [("d", {"indicator": "work_stations", "published": 1.0, "modelled": 2})],
            id="figures: one more than published",
        ),
        pytest.param(
            "grid.figures",
            structure(orgs=STATIONS, obs=[Observation("o", "d", "work_stations", NAN)]),
            "failed",
            [invalid("d", "work_stations", NAN)],
            id="figures: NaN published",
        ),
        pytest.param(
            "grid.brand",
            structure(attrs={"c": {"brand": NAN}}),
            "passed",
            [("c", {})],
            id="brand: NaN is no brand (noted)",
        ),
        pytest.param(
            "grid.brand",
            structure(attrs={"c": {"brand": "邻里亲情"}}),
            "passed",
            [],
            id="brand: a brand's name",
        ),
    ],
)
def test_grid_rules(rule_id: str, s: Structure, status: str, found: Found) -> None:
    assert run(s, GRID, rule_id) == (status, found)


@pytest.mark.parametrize(
    "figures",
    [
        cases(NAN, 60, 30),
        cases(100, True, 30),
        cases(100, 60, INF),
        cases(100, "sixty", 30),
        cases(100, "60", 30),
    ],
    ids=["NaN", "bool", "infinity", "text", "digits as text"],
)
def test_grid_case_figures_that_are_not_numbers_are_named_and_not_counted(
    figures: list[Observation],
) -> None:
    # a figure that is not an amount (a structure built in Python) stops nothing: the
    # measures reading it have no value for the community (True is not 1, "60" not 60),
    # the pooled shares (govmodel.metrics.service.ratio) have none, and grid.small_matters
    # names the figure
    bad = next(o for o in figures if as_count(o.value, whole=False) is None)
    a = govmodel.assess(structure(obs=figures), GRID)
    assert "c" not in a.metrics[bad.indicator].by_unit
    for name in ("cases_resolved_above", "resolved_locally"):
        assert a.metrics[name].by_unit == {}
    for name in (
        "resolution_rate",
        "resolved_in_grid_share",
        "resolved_in_community_share",
        "resolved_above_share",
    ):
        assert a.metrics[name].value is None
    named = [(f.subject, dict(f.data)) for f in a.rule("grid.small_matters").findings]
    assert named == [("c", {"invalid": bad.indicator, "value": repr(bad.value)})]


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        pytest.param(207, 24, 1 - 24 / 207, id="207 to 24"),
        pytest.param(0, 0, None, id="nothing before: no share"),
        pytest.param(10, 10, 0.0, id="none cut"),
    ],
)
def test_grid_service_items_cut(before: int, after: int, expected: float | None) -> None:
    got = govmodel.assess(structure(obs=items(before, after)), GRID).metrics["service_items_cut"]
    assert got.value == expected


# -- council (002_38cd0ae90df957de.txt) ----------------------------------------------------------

COUNCIL = "council"
MEMBERS = [Person(f"m{i:02d}") for i in range(37)]
SEATS = [Post(f"seat{i:02d}", p.id, "cc", "member") for i, p in enumerate(MEMBERS)]
CC = Organization("cc", "community_council", unit="c")


def vote(
    yes: int,
    recorded: str | None = None,
    *,
    members: object = 37,
    rule: VotingRule | None = None,
    body: str = "cc",
) -> Decision:
    no = 37 - yes
    return Decision(
        "dec",
        body,
        rule=rule or VotingRule(threshold="2/3", basis="members"),
        count=Tally(members=members, present=37, yes=yes, no=no, abstain=0),  # type: ignore[arg-type]
        outcome=recorded,  # type: ignore[arg-type]
    )


def council(*decisions: Decision, orgs: Sequence[Organization] = (CC,)) -> Structure:
    return structure(orgs=orgs, people=MEMBERS, posts=SEATS, decisions=decisions)


@pytest.mark.parametrize(
    ("rule_id", "s", "status", "found"),
    [
        pytest.param(
            "council.two_thirds",
            council(vote(25)),
            "passed",
            [],
            id="two_thirds: exactly 2/3 of members",
        ),
        pytest.param(
            "council.two_thirds",
            council(vote(25, rule=VotingRule(threshold="2/3", basis="members", strict=True))),
            "passed",
            [],
            id="two_thirds: more than 2/3 is stricter",
        ),
        pytest.param(
            "council.two_thirds",
            council(vote(25, rule=VotingRule(threshold="13/20", basis="members"))),
            "failed",
            [("dec", {"body": "cc", "threshold": "13/20", "basis": "members"})],
            id="two_thirds: just below 2/3",
        ),
        pytest.param(
            "council.two_thirds",
            council(vote(25, rule=VotingRule(threshold="2/3", basis="present"))),
            "failed",
            [("dec", {"body": "cc", "threshold": "2/3", "basis": "present"})],
            id="two_thirds: of those present",
        ),
        pytest.param(
            "council.two_thirds",
            council(
                vote(25, body="oa", rule=VotingRule(threshold="1/2")),
                orgs=[CC, Organization("oa", "owners_assembly", unit="x")],
            ),
            "not_applicable",
            [],
            id="two_thirds: no community council decides",
        ),
        pytest.param(
            "council.outcome",
            council(vote(25, "passed")),
            "passed",
            [],
            id="outcome: 25 of 37 pass",
        ),
        pytest.param(
            "council.outcome",
            council(vote(24, "passed")),
            "failed",
            [("dec", {"recorded": "passed", "computed": "failed"})],
            id="outcome: 24 of 37 fail",
        ),
        pytest.param(
            "council.outcome",
            council(vote(24, "failed")),
            "passed",
            [],
            id="outcome: 24 recorded failed",
        ),
        pytest.param(
            "council.outcome", council(vote(25)), "not_applicable", [], id="outcome: none recorded"
        ),
        pytest.param(
            "council.members", council(vote(25)), "passed", [], id="members: 37 and 37 holders"
        ),
        pytest.param(
            "council.members",
            council(vote(25, members=36)),
            "failed",
            [("dec", {"recorded": 36, "held": 37})],
            id="members: one fewer recorded",
        ),
        pytest.param(
            "council.members",
            council(vote(25, members=38)),
            "failed",
            [("dec", {"recorded": 38, "held": 37})],
            id="members: one more recorded",
        ),
        pytest.param(
            "council.members",
            council(vote(1, members=True)),
            "failed",
            [invalid("dec", "count.members", True)],
            id="members: True is not 1",
        ),
        pytest.param(
            "council.members",
            structure(orgs=[CC], decisions=[vote(25)]),
            "not_applicable",
            [],
            id="members: nobody holds a post in the council",
        ),
        pytest.param(
            "council.members",
            council(evolve(vote(25), date="2021-13")),
            "failed",
            [invalid("dec", "date", "2021-13")],
            id="members: a date that names no day cannot be checked",
        ),
        pytest.param(
            "council.group_councils",
            structure(),
            "not_applicable",
            [],
            id="group_councils: no community council, no group council",
        ),
        pytest.param(
            "council.group_councils",
            structure(orgs=[CC]),
            "failed",
            [("x", {"community": "c"})],
            id="group_councils: a courtyard without one",
        ),
    ],
)
def test_council_rules(rule_id: str, s: Structure, status: str, found: Found) -> None:
    assert run(s, COUNCIL, rule_id) == (status, found)


@pytest.mark.parametrize(
    ("residents", "status", "found"),
    [
        pytest.param(
            10_000, "passed", [("x", {"residents": 10_000.0})], id="10,000 is a super compound"
        ),
        pytest.param(9_999, "passed", [], id="9,999 is not"),
        pytest.param(10_001, "passed", [("x", {"residents": 10_001.0})], id="10,001 is"),
        pytest.param(None, "not_applicable", [], id="residents unrecorded"),
        *(
            pytest.param(v, "failed", [invalid("x", "residents", v)], id=k)
            for k, v in NOT_COUNTS.items()
        ),
    ],
)
def test_council_super_compounds(residents: object, status: str, found: Found) -> None:
    s = structure(attrs={"x": {} if residents is None else {"residents": residents}})
    assert run(s, COUNCIL, "council.super_compounds") == (status, found)
    expected = {} if status != "passed" else {"x": float(bool(found))}
    assert govmodel.assess(s, COUNCIL).metrics["super_compound"].by_unit == expected


def test_council_observed_residents_come_before_the_attribute() -> None:
    s = structure(attrs={"x": {"residents": 5}}, obs=[Observation("o", "x", "residents", 12_000)])
    assert run(s, COUNCIL, "council.super_compounds") == (
        "passed",
        [("x", {"residents": 12_000.0})],
    )


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        pytest.param("c", {"c": 37.0}, id="in the community"),
        pytest.param("x", {"c": 37.0}, id="in a compound of the community"),
        pytest.param("s", {}, id="in the street: no community's"),
        pytest.param(None, {}, id="in no unit"),
    ],
)
def test_council_members_are_keyed_by_community(
    unit: str | None, expected: dict[str, float]
) -> None:
    s = council(orgs=[Organization("cc", "community_council", unit=unit)])
    a = govmodel.assess(s, COUNCIL)
    assert a.metrics["council_members"].by_unit == expected
    assert a.metrics["votes_needed"].by_unit == dict.fromkeys(expected, 25.0)


# -- eight_roles (003_e46168819235ee26.txt) --------------------------------------------------

EIGHT = "eight_roles"
ROLES = [r for r, _, _ in EIGHT_ROLES]
VA = Organization("va", "volunteer_association", unit="x")


def association(*roles: str, person: str = "p") -> Structure:
    return structure(
        orgs=[VA],
        people=[Person(person, party="active")],
        posts=posts_for("va", *roles, person=person),
    )


def station(area: object, *, kind: str = "community", observed: bool = False) -> Structure:
    """A service station in a community (or a village) of ``area`` m², as an attribute or
    an observation."""
    ss = Organization(
        "ss",
        "service_station",
        unit="c",
        attributes={} if observed else {"floor_area_m2": area},  # type: ignore[arg-type]
    )
    obs = [Observation("o", "ss", "station_area_m2", area)] if observed else []  # type: ignore[arg-type]
    s = structure(orgs=[ss], obs=obs)
    return s.replace(
        units=[Unit(u.id, kind, parent=u.parent) if u.id == "c" else u for u in s.units]
    )


def fees(before: object, after: object) -> Structure:
    return structure(
        orgs=[VA],
        obs=[
            Observation("f1", "x", "fee_collection_rate", before, period="2017-09"),  # type: ignore[arg-type]
            Observation("f2", "x", "fee_collection_rate", after, period="2018-03"),  # type: ignore[arg-type]
        ],
    )


@pytest.mark.parametrize(
    ("rule_id", "s", "status", "found"),
    [
        pytest.param(
            "eight_roles.all_roles",
            structure(),
            "not_applicable",
            [],
            id="all_roles: no association",
        ),
        pytest.param(
            "eight_roles.all_roles", association(*ROLES), "passed", [], id="all_roles: all eight"
        ),
        pytest.param(
            "eight_roles.all_roles",
            association(*ROLES[:7]),
            "failed",
            [("va", {"missing": "sanitation_warden", "filled": 7})],
            id="all_roles: seven of eight",
        ),
        pytest.param(
            "eight_roles.all_roles",
            association(*ROLES, *ROLES[:1]),
            "passed",
            [],
            id="all_roles: one role held twice by one person",
        ),
        pytest.param(
            "eight_roles.from_building_heads",
            association("property_supervisor", "dispute_mediator"),
            "failed",
            [("p", {"roles": "dispute_mediator,property_supervisor"})],
            id="from_building_heads: one person, two roles, no building head",
        ),
        pytest.param(
            "eight_roles.from_building_heads",
            association("property_supervisor", "building_head"),
            "passed",
            [],
            id="from_building_heads: a building head",
        ),
        pytest.param(
            "eight_roles.station_area", station(450), "passed", [], id="station_area: 450 urban"
        ),
        pytest.param(
            "eight_roles.station_area",
            station(449),
            "failed",
            [
                (
                    "ss",
                    {
                        "area_m2": 449.0,
                        "standard_m2": 450.0,
                        "scope": "urban",
                        "standard_source": "default",
                    },
                )
            ],
            id="station_area: 449 urban",
        ),
        pytest.param(
            "eight_roles.station_area", station(451), "passed", [], id="station_area: 451 urban"
        ),
        pytest.param(
            "eight_roles.station_area",
            station(300, kind="village"),
            "passed",
            [],
            id="station_area: 300 rural",
        ),
        pytest.param(
            "eight_roles.station_area",
            station(299, kind="village"),
            "failed",
            [
                (
                    "ss",
                    {
                        "area_m2": 299.0,
                        "standard_m2": 300.0,
                        "scope": "rural",
                        "standard_source": "default",
                    },
                )
            ],
            id="station_area: 299 rural",
        ),
        pytest.param(
            "eight_roles.station_area",
            station(None),
            "not_applicable",
            [],
            id="station_area: area unrecorded",
        ),
        *(
            pytest.param(
                "eight_roles.station_area",
                station(v),
                "failed",
                [invalid("ss", "station area (m²)", v)],
                id=f"station_area: {k}",
            )
            for k, v in NOT_COUNTS.items()
            if k != "fraction"
        ),
        pytest.param(
            "eight_roles.station_area",
            station(-5, observed=True),
            "failed",
            [invalid("ss", "station area (m²)", -5)],
            id="station_area: a negative observation",
        ),
        pytest.param(
            "eight_roles.fee_collection",
            fees(0.478, 0.92),
            "passed",
            [],
            id="fee_collection: 47.8 % to 92 %",
        ),
        pytest.param(
            "eight_roles.fee_collection",
            fees(0.92, 0.92),
            "failed",
            [("x", {"before": 0.92, "after": 0.92})],
            id="fee_collection: unchanged",
        ),
        pytest.param(
            "eight_roles.fee_collection",
            fees(NAN, 0.92),
            "failed",
            [invalid("x", "fee_collection_rate", NAN)],
            id="fee_collection: NaN",
        ),
        pytest.param(
            "eight_roles.fee_collection",
            fees(0.478, 1.2),
            "failed",
            [invalid("x", "fee_collection_rate", 1.2)],
            id="fee_collection: above 1 is no share",
        ),
        pytest.param(
            "eight_roles.partner_secretaries",
            structure(
                orgs=[Organization("pgb", "community_party_general_branch", unit="c")],
                obs=[Observation("o", "pgb", "partner_deputy_secretaries", NAN)],
            ),
            "failed",
            [invalid("pgb", "partner_deputy_secretaries", NAN)],
            id="partner_secretaries: NaN recorded",
        ),
        pytest.param(
            "eight_roles.partner_secretaries",
            structure(
                orgs=[Organization("pgb", "community_party_general_branch", unit="c")],
                obs=[Observation("o", "pgb", "partner_deputy_secretaries", 0)],
            ),
            "passed",
            [],
            id="partner_secretaries: 0 recorded, none found",
        ),
    ],
)
def test_eight_roles_rules(rule_id: str, s: Structure, status: str, found: Found) -> None:
    assert run(s, EIGHT, rule_id) == (status, found)


def test_eight_roles_fee_measures_leave_out_a_rate_that_is_no_share() -> None:
    a = govmodel.assess(fees(NAN, 0.92), EIGHT)
    for m in ("fee_collection_before", "fee_collection_after", "fee_collection_change"):
        assert a.metrics[m].by_unit == {}
    a = govmodel.assess(fees(0.478, 0.92), EIGHT)
    assert a.metrics["fee_collection_change"].by_unit == {"x": pytest.approx(0.442, abs=0)}


# -- four_level (004_5b013051e8bb86b4.txt) ---------------------------------------------------

FOUR = "four_level"


def chief(*households: object, kind: str = "building") -> Structure:
    """A neighbour chief responsible for one unit per entry of ``households``: a building
    with that ``households`` attribute (``None``: none, three household units inside)."""
    extra: list[Unit] = []
    ties: list[Tie] = []
    for i, n in enumerate(households):
        uid = f"b{i}"
        extra.append(Unit(uid, kind, parent="x", attributes={} if n is None else {"households": n}))  # type: ignore[arg-type]
        if n is None:
            extra += [Unit(f"{uid}-h{j}", "household", parent=uid) for j in range(3)]
        ties.append(Tie(f"t{i}", "n", uid, "responsible_for"))
    return structure(
        extra_units=extra,
        orgs=[Organization("ss", "service_station", unit="x")],
        people=[Person("n")],
        posts=posts_for("ss", "neighbour_chief", person="n"),
        ties=ties,
    )


@pytest.mark.parametrize(
    ("households", "status", "found"),
    [
        pytest.param(
            (4,), "failed", [("n", {"households": 4, "low": 5, "high": 15})], id="4: below"
        ),
        pytest.param((5,), "passed", [], id="5: the low end"),
        pytest.param((15,), "passed", [], id="15: the high end"),
        pytest.param(
            (16,), "failed", [("n", {"households": 16, "low": 5, "high": 15})], id="16: above"
        ),
        pytest.param(
            (10, 6),
            "failed",
            [("n", {"households": 16, "low": 5, "high": 15})],
            id="10+6 over two buildings",
        ),
        pytest.param((12.0,), "passed", [], id="12.0 is 12"),
        pytest.param((None, 2), "passed", [], id="3 household units inside + 2"),
        pytest.param(
            (),
            "failed",
            [("n", {"households": 0, "low": 5, "high": 15})],
            id="a chief of nothing serves 0",
        ),
        *(
            pytest.param((v, 6), "failed", [invalid("b0", "households", v)], id=k)
            for k, v in NOT_COUNTS.items()
        ),
    ],
)
def test_four_level_neighbour_chief_band(
    households: tuple[object, ...], status: str, found: Found
) -> None:
    s = chief(*households)
    assert run(s, FOUR, "four_level.neighbour_chief_band") == (status, found)


def test_four_level_a_chief_that_cannot_be_counted_is_left_out_of_the_measures() -> None:
    a = govmodel.assess(chief(True, 6), FOUR)
    assert a.metrics["neighbour_chiefs_in_band"].value is None  # no chief left to count
    assert a.metrics["households_per_neighbour_chief"].value is None


def test_four_level_no_neighbour_chief_is_not_applicable() -> None:
    assert run(structure(), FOUR, "four_level.neighbour_chief_band") == ("not_applicable", [])


def test_four_level_households_served_counts_the_households_inside() -> None:
    s = chief(None, 2)
    s = s.replace(
        units=[*s.units, Unit("g", "group", parent="c")],
        ties=[*s.ties, Tie("tg", "x", "g", "in_group")],
    )
    a = govmodel.assess(s, FOUR)
    assert a.metrics["households_served"].by_unit == {"g": 5.0}
    assert a.metrics["neighbour_chiefs"].by_unit == {"g": 1.0}


def test_four_level_in_group_to_a_unit_that_is_no_group_names_no_group() -> None:
    s = chief(6)
    s = s.replace(ties=[*s.ties, Tie("tg", "x", "c", "in_group")])
    a = govmodel.assess(s, FOUR)
    assert a.metrics["households_served"].by_unit == {}


PARTY = [
    Organization("pwc", "street_party_working_committee", unit="s"),
    Organization("pgb", "community_party_general_branch", unit="c", parent="pwc"),
    Organization("pb", "compound_party_branch", unit="x", parent="pgb"),
    Organization("bg", "building_party_group", unit="b", parent="pb"),
]


def moved(org: str, **changes: Any) -> list[Organization]:
    return [
        Organization(
            o.id, o.kind, unit=changes.get("unit", o.unit), parent=changes.get("parent", o.parent)
        )
        if o.id == org
        else o
        for o in PARTY
    ]


@pytest.mark.parametrize(
    ("rule_id", "s", "status", "found"),
    [
        pytest.param(
            "four_level.levels", structure(orgs=PARTY), "passed", [], id="levels: all four in place"
        ),
        pytest.param(
            "four_level.levels",
            structure(orgs=moved("pwc", unit="d")),
            "failed",
            [("s", {"level": 1}), ("pwc", {"level": 1, "unit": "d"})],
            id="levels: the working committee in the district",
        ),
        pytest.param(
            "four_level.levels",
            structure(orgs=moved("pb", parent="pb")),
            "failed",
            [("pwc", {"reach": 2}), ("pb", {"level": 3, "parent": "pb"})],
            id="levels: a branch leading itself",
        ),
        pytest.param(
            "four_level.levels",
            structure(orgs=PARTY[:3]),
            "failed",
            [("pwc", {"reach": 3})],
            id="levels: three levels only",
        ),
        pytest.param(
            "four_level.building_groups",
            structure(
                bare=True,
                extra_units=[
                    Unit("c", "community"),
                    Unit("", "compound", parent="c"),
                    Unit("b", "building", parent=""),
                ],
                orgs=[Organization("pb", "compound_party_branch", unit="")],
            ),
            "failed",
            [("b", {"compound": ""})],
            id="building_groups: a compound whose id is empty",
        ),
        pytest.param(
            "four_level.demonstration",
            structure(),
            "not_applicable",
            [],
            id="demonstration: none awarded",
        ),
        pytest.param(
            "four_level.demonstration",
            structure(attrs={"x": {"awarded": "no", "demonstration": NAN}}),
            "not_applicable",
            [],
            id="demonstration: awarded 'no'",
        ),
        pytest.param(
            "four_level.demonstration",
            structure(attrs={"x": {"awarded": True, "demonstration": NAN}}),
            "failed",
            [("x", {})],
            id="demonstration: awarded, demonstration NaN",
        ),
        pytest.param(
            "four_level.demonstration",
            structure(attrs={"x": {"awarded": "yes", "demonstration": "yes"}}),
            "passed",
            [],
            id="demonstration: awarded and demonstration",
        ),
        pytest.param(
            "four_level.figures",
            structure(
                attrs={"x": {"awarded": True, "demonstration": True}},
                obs=[
                    Observation("o1", "d", "demonstration_compounds", 1),
                    Observation("o2", "d", "awarded_compounds", 1),
                ],
            ),
            "passed",
            [],
            id="figures: awarded = demonstration = held",
        ),
        pytest.param(
            "four_level.figures",
            structure(
                obs=[
                    Observation("o1", "d", "demonstration_compounds", 1),
                    Observation("o2", "d", "awarded_compounds", 2),
                ],
            ),
            "failed",
            [("d", {"indicator": "awarded_compounds", "published": 2.0, "bound": 1.0})],
            id="figures: one more awarded than in the round",
        ),
        pytest.param(
            "four_level.figures",
            structure(obs=[Observation("o1", "d", "compounds", -1)]),
            "failed",
            [invalid("d", "compounds", -1)],
            id="figures: a negative count",
        ),
        pytest.param(
            "four_level.three_chiefs",
            structure(bare=True, extra_units=[Unit("c", "community")]),
            "not_applicable",
            [],
            id="three_chiefs: a community with nobody living in it",
        ),
    ],
)
def test_four_level_rules(rule_id: str, s: Structure, status: str, found: Found) -> None:
    assert run(s, FOUR, rule_id) == (status, found)


@pytest.mark.parametrize(
    ("demo", "awarded", "expected"),
    [(48, 21, 21 / 48), (0, 0, None), (None, 21, None)],
    ids=["21 of 48", "none in the round", "round unpublished"],
)
def test_four_level_award_rate(demo: int | None, awarded: int, expected: float | None) -> None:
    obs = [Observation("o2", "d", "awarded_compounds", awarded)]
    if demo is not None:
        obs.append(Observation("o1", "d", "demonstration_compounds", demo))
    assert govmodel.assess(structure(obs=obs), FOUR).metrics["award_rate"].value == expected


def test_grid_work_levels_walk_a_long_escalation_chain_with_a_cycle() -> None:
    # a work station in the community escalating through 3,000 centres, the last back to
    # the station: deeper than Python's recursion limit, and a cycle
    n = 3_000
    centres = [Organization(f"g{i}", "governance_centre", unit="c") for i in range(n)]
    centres[-1] = Organization(f"g{n - 1}", "governance_centre", unit="d")
    chain = [Tie("t", "ws", "g0", "escalates_to")]
    chain += [Tie(f"t{i}", f"g{i}", f"g{i + 1}", "escalates_to") for i in range(n - 1)]
    chain.append(Tie("back", f"g{n - 1}", "ws", "escalates_to"))
    s = structure(orgs=[Organization("ws", "work_station", unit="c"), *centres], ties=chain)
    a = govmodel.assess(s, GRID)
    assert a.metrics["work_levels"].value == 2  # community and district


def test_an_organization_in_no_unit_is_not_in_the_unit_whose_id_is_empty() -> None:
    # the community "" holds nothing; the body in no unit records the trio and a station
    s = structure(
        bare=True,
        extra_units=[Unit("", "community")],
        orgs=[Organization("o", "social_organization"), Organization("ws", "work_station")],
        obs=[
            Observation("r", "o", "round_tables_held", 5),
            Observation("m", "o", "micro_wishes", 5),
            Observation("p", "o", "micro_projects", 5),
            Observation("w", "", "work_stations", 0),
        ],
    )
    missing = "round_tables_held,micro_wishes,micro_projects"
    assert run(s, TRI, "tripartite.happiness_trio") == ("failed", [("", {"missing": missing})])
    assert run(s, GRID, "grid.figures") == ("passed", [])


@pytest.mark.parametrize(
    ("standard", "found"),
    [
        pytest.param(
            500,
            [
                (
                    "ss",
                    {
                        "area_m2": 480.0,
                        "standard_m2": 500.0,
                        "scope": "urban",
                        "standard_source": "std",
                    },
                )
            ],
            id="500 published",
        ),
        pytest.param(480, [], id="480 published, 480 built"),
        pytest.param(NAN, [invalid("s", "station_area_m2", NAN)], id="NaN published"),
    ],
)
def test_eight_roles_a_published_standard(standard: float, found: Found) -> None:
    s = station(480)
    s = s.replace(
        observations=[
            Observation("std", "s", "station_area_m2", standard, attributes={"scope": "urban"})
        ]
    )
    status = "failed" if found else "passed"
    assert run(s, EIGHT, "eight_roles.station_area") == (status, found)
    expected = None if math.isnan(standard) else float(standard)
    assert govmodel.assess(s, EIGHT).metrics["urban_station_standard_m2"].value == expected


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        pytest.param(VotingRule(threshold="2/3"), {"c": 25.0}, id="2/3 of 37: 25"),
        pytest.param(
            VotingRule(threshold="2/3", strict=True), {"c": 25.0}, id="more than 2/3 of 37: 25"
        ),
        pytest.param(VotingRule(threshold="1"), {"c": 37.0}, id="all: 37"),
        pytest.param(VotingRule(threshold="3/2"), {}, id="more than all: none can pass"),
        pytest.param(VotingRule(threshold="1/2", quorum="2"), {}, id="a quorum above all members"),
    ],
)
def test_council_votes_needed(rule: VotingRule, expected: dict[str, float]) -> None:
    a = govmodel.assess(council(vote(25, rule=rule)), COUNCIL)
    assert a.metrics["votes_needed"].by_unit == expected


# -- the per= contract on every edge structure ---------------------------------------------------

EDGE_STRUCTURES = {
    "empty": Structure(),
    "chain": structure(),
    "bodies": structure(orgs=[*BODIES, *PARTY, CENTRE, *STATIONS, VA]),
    "council in a compound": council(
        vote(25), orgs=[Organization("cc", "community_council", unit="x")]
    ),
    "chief": chief(None, 2, True),
    "station": station(NAN),
    "fees": fees(0.478, 0.92),
    "courtyard": Structure(
        units=[
            Unit("c", "community"),
            Unit("y", "courtyard", parent="c", attributes={"residents": 12_000}),
        ]
    ),
}


@pytest.mark.parametrize("model", ["tripartite", "grid", "council", "eight_roles", "four_level"])
@pytest.mark.parametrize("name", list(EDGE_STRUCTURES))
def test_measures_per_unit_are_keyed_by_units_of_their_kind(model: str, name: str) -> None:
    s = EDGE_STRUCTURES[name]
    vocab = s.vocab.extend(govmodel.models.get(model).vocabulary)
    kind_of = {u.id: u.kind for u in s.units}
    a = govmodel.assess(s, model)
    json.loads(a.to_json())
    for spec in govmodel.models.get(model).measures():
        got = a.metrics[spec.name]
        if spec.per is None:
            assert got.by_unit is None or got.by_unit == {}
            continue
        for uid, value in got.by_unit.items():
            kind = kind_of[uid]
            assert kind == spec.per or vocab.rank(kind) == vocab.rank(spec.per) is not None, (
                spec.name,
                uid,
            )
            assert math.isfinite(value)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        pytest.param((565,), 565.0, id="one figure"),
        pytest.param((0,), 0.0, id="zero is a figure"),
        pytest.param((True,), None, id="True is not 1"),
        pytest.param((None,), None, id="None is no figure"),
        pytest.param(("565",), None, id="a string is no figure"),
        pytest.param((NAN,), None, id="NaN"),
        pytest.param((-1,), None, id="negative"),
        pytest.param((NAN, 565), 565.0, id="an older NaN, the latest fine"),
        pytest.param((10**400,), None, id="an int beyond a float's range"),
    ],
)
def test_published_figures_that_are_not_counts_are_unknown(
    values: tuple[object, ...], expected: float | None
) -> None:
    obs = [
        Observation(f"o{i}", "d", "compounds", v, period=f"20{10 + i}")  # type: ignore[arg-type]
        for i, v in enumerate(values)
    ]
    a = govmodel.assess(structure(obs=obs), FOUR)
    assert a.metrics["compounds"].value == expected
    if expected is None:  # the rule that reads the figure says it cannot use it
        found = a.rule("four_level.figures").findings
        assert [(f.subject, f.data["invalid"]) for f in found] == [("d", "compounds")]


@pytest.mark.parametrize("bad", [NAN, True, "sixty", None, -1], ids=repr)
def test_a_figure_not_summed_does_not_matter_and_one_summed_makes_the_total_unknown(
    bad: object,
) -> None:
    # the community's figure lies inside the district's, which alone is summed: whatever
    # the community's holds, the total is the district's; the district's own unreadable
    # figure makes it unknown, and the measures dividing by it (award_rate) have no value
    inner = [
        Observation("od", "d", "compounds", 565),
        Observation("oc", "c", "compounds", bad),  # type: ignore[arg-type]
    ]
    assert govmodel.assess(structure(obs=inner), FOUR).metrics["compounds"].value == 565.0
    outer = [
        Observation("aw", "d", "awarded_compounds", bad),  # type: ignore[arg-type]
        Observation("dm", "d", "demonstration_compounds", 48),
    ]
    got = govmodel.assess(structure(obs=outer), FOUR).metrics
    assert (got["awarded_compounds"].value, got["award_rate"].value) == (None, None)


@pytest.mark.parametrize(
    ("first", "expected"), [(3, 3.0), (True, None), (NAN, None)], ids=["3", "True", "NaN"]
)
def test_eight_roles_partner_units(first: object, expected: float | None) -> None:
    obs = [
        Observation("p1", "c", "partner_units", first, period="2012"),  # type: ignore[arg-type]
        Observation("p2", "c", "partner_units", 32, period="2019"),
    ]
    a = govmodel.assess(structure(obs=obs), EIGHT)
    assert a.metrics["partner_units_first"].value == expected
    assert a.metrics["partner_units_latest"].value == 32.0


@pytest.mark.parametrize(
    ("person", "found"),
    [
        pytest.param(Person("m", party="mobile"), [("m", {"party": "mobile"})], id="old-status"),
        pytest.param(
            Person("m", party="active", mobility="mobile"),
            [("m", {"party": "active"})],
            id="active-and-mobile",
        ),
        pytest.param(
            Person("m", party="probationary", mobility="mobile"),
            [("m", {"party": "probationary"})],
            id="probationary-and-mobile",
        ),
        pytest.param(Person("m", party="dormant"), [("m", {"party": "dormant"})], id="dormant"),
        pytest.param(Person("m", party="active", mobility="normal"), None, id="not-mobile"),
        pytest.param(Person("m", party="mobile", mobility="normal"), None, id="mobility-decides"),
    ],
)
def test_council_members_placed_reads_mobility(person: Person, found: Found | None) -> None:
    # "3789名流动党员转入小区支部": a mobile member is one whose mobility is "mobile" (any
    # status), or whose status is the older "mobile"; one in no compound's party
    # organization is a finding
    status, got = run(structure(people=[person]), COUNCIL, "council.members_placed")
    if found is None:
        assert status == "not_applicable"
    else:
        assert (status, got) == ("failed", found)
        a = govmodel.assess(structure(people=[person]), COUNCIL)
        (f,) = a.rule("council.members_placed").findings
        kind = "dormant" if person.party == "dormant" else "mobile"
        assert f"a {kind} party member" in f.message


def test_four_level_ledger_tells_unrecorded_from_unmanaged() -> None:
    # "全区565个小区实现了物业管理全覆盖": a compound declared unmanaged is an error; one for
    # which nothing is recorded is a warning that no management is recorded
    declared = structure(attrs={"x": {"management": "none"}})
    status, got = run(declared, FOUR, "four_level.ledger")
    assert (status, got) == ("failed", [("x", {"mode": "none"})])
    (f,) = govmodel.assess(declared, FOUR).rule("four_level.ledger").findings
    assert (f.severity, f.message) == ("error", "compound x is under no property management")
    bare = structure()
    status, got = run(bare, FOUR, "four_level.ledger")
    assert (status, got) == ("failed", [("x", {"mode": "none", "recorded": False})])
    (f,) = govmodel.assess(bare, FOUR).rule("four_level.ledger").findings
    assert f.severity == "warning"
    assert f.message == "no property management is recorded for compound x"
    managed = structure(attrs={"x": {"management": "self_managed"}})
    assert run(managed, FOUR, "four_level.ledger") == ("passed", [])


def test_four_level_a_unit_recording_no_households_is_not_zero() -> None:
    # a building with no households attribute and no household units inside records no
    # households: its chief cannot be counted (a warning naming the building), not counted
    # as serving 0 households and failing the 5-15 band
    s = structure(
        extra_units=[Unit("b0", "building", parent="x")],
        orgs=[Organization("ss", "service_station", unit="x")],
        people=[Person("n")],
        posts=posts_for("ss", "neighbour_chief", person="n"),
        ties=[Tie("t0", "n", "b0", "responsible_for")],
    )
    assert run(s, FOUR, "four_level.neighbour_chief_band") == (
        "failed",
        [("b0", {"invalid": "households", "value": "None"})],
    )
    (f,) = govmodel.assess(s, FOUR).rule("four_level.neighbour_chief_band").findings
    assert (f.severity, f.message) == (
        "warning",
        "b0: records no households; it cannot be checked",
    )
    a = govmodel.assess(s, FOUR)
    assert a.metrics["households_per_neighbour_chief"].value is None


@pytest.mark.parametrize("served", ["g", "b"], ids=["the-group-itself", "a-building-in-it"])
def test_four_level_a_neighbour_chief_of_the_group_itself(served: str) -> None:
    # "每个居民小组设置若干邻长": a neighbour chief responsible for the group itself is the
    # group's neighbour chief, as one responsible for a building in it is
    ss = Organization("ss", "service_station", unit="x")
    posts = [
        *posts_for("ss", "area_chief", person="ac"),
        *posts_for("ss", "group_chief", person="gc"),
        *posts_for("ss", "neighbour_chief", person="n"),
    ]
    s = structure(
        extra_units=[Unit("a", "area", parent="c"), Unit("g", "group", parent="a")],
        orgs=[ss],
        people=[Person("ac"), Person("gc"), Person("n")],
        posts=posts,
        ties=[
            Tie("t1", "ac", "a", "responsible_for"),
            Tie("t2", "gc", "g", "responsible_for"),
            Tie("ig", "x", "g", "in_group"),
            Tie("t3", "n", served, "responsible_for"),
        ],
    )
    assert run(s, FOUR, "four_level.three_chiefs") == ("passed", [])


@pytest.mark.parametrize(
    ("secretary", "chair", "found"),
    [
        pytest.param(True, False, [("x", {"missing": "chair"})], id="no-chair"),
        pytest.param(False, True, [("x", {"missing": "secretary"})], id="no-secretary"),
        pytest.param(True, True, [], id="one-person-both"),
    ],
)
def test_four_level_cross_appointment_unrecorded_posts(
    secretary: bool, chair: bool, found: Found
) -> None:
    # "小区党组织书记…担任业主委员会主任": a compound with a branch and an owners' committee
    # where a post is not recorded cannot be checked: a warning naming the post, not silence
    posts = [Post("p1", "sec", "pb", "member"), Post("p2", "sec", "oc", "member")]
    if secretary:
        posts.append(Post("p3", "sec", "pb", "secretary"))
    if chair:
        posts.append(Post("p4", "sec", "oc", "chair"))
    s = structure(
        orgs=[
            Organization("pb", "compound_party_branch", unit="x"),
            Organization("oc", "owners_committee", unit="x"),
        ],
        people=[Person("sec")],
        posts=posts,
    )
    status = "failed" if found else "passed"
    assert run(s, FOUR, "four_level.cross_appointment") == (status, found)
    r = govmodel.assess(s, FOUR).rule("four_level.cross_appointment")
    assert r.examined == 1


def test_four_level_cross_appointment_a_branch_without_a_committee_is_not_examined() -> None:
    s = structure(orgs=[Organization("pb", "compound_party_branch", unit="x")])
    assert run(s, FOUR, "four_level.cross_appointment") == ("not_applicable", [])


@pytest.mark.parametrize("value", [1.5, True, "3"], ids=repr)
def test_a_published_count_of_things_is_whole(value: object) -> None:
    # four_level.figures holds the published number of compounds against the structure's:
    # 1.5 compounds is no count, and is named rather than passed
    obs = [Observation("o", "d", "compounds", value)]  # type: ignore[arg-type]
    assert run(structure(obs=obs), FOUR, "four_level.figures") == (
        "failed",
        [("d", {"invalid": "compounds", "value": repr(value)})],
    )
