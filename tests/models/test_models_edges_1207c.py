"""The built-in models at more edges of their rules: hand-made structures, exact verdicts.

Each test fails on the code before its fix. The sources: ``../shared/seeds/002_…``
(council), digested in ``../shared/DOMAIN.md``.
"""

from __future__ import annotations

import json
import math
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

Found = list[tuple[str | None, dict[str, Any]]]


def run(s: Structure, model: str, rule_id: str) -> tuple[str, int | None, Found]:
    """The status of a rule on ``s``, the subjects it examined and its findings as
    (subject, data) pairs, after checking that the assessment renders to JSON."""
    a = govmodel.assess(s, model)
    json.loads(a.to_json())
    r = a.rule(rule_id)
    return r.status, r.examined, [(f.subject, dict(f.data)) for f in r.findings]


# -- council (002_38cd0ae90df957de.txt) --------------------------------------------------------

_COMMUNITY = [
    Unit("d", "district"),
    Unit("s", "street", parent="d"),
    Unit("c", "community", parent="s"),
]


def council(posts: list[Post], decisions: list[Decision], people: int = 3) -> Structure:
    return Structure(
        units=_COMMUNITY,
        organizations=[Organization("cc", "community_council", unit="c")],
        people=[Person(f"p{i}") for i in range(people)],
        posts=posts,
        decisions=decisions,
    )


def decided(i: int, members: int, date: str | None) -> Decision:
    return Decision(
        f"d{i}",
        "cc",
        rule=VotingRule("2/3"),
        count=Tally(members=members, present=members, yes=members, no=0, abstain=0),
        date=date,
    )


def test_council_members_a_post_dated_no_day_is_named_not_the_decisions_date() -> None:
    # the decision's date is a day; a post's start is not: who sat then cannot be told,
    # and the finding names the post, never "date is '2021-05-01', not a date"
    s = council(
        [Post("a", "p0", "cc", "member", start="soon"), Post("b", "p1", "cc", "member")],
        [decided(1, 2, "2021-05-01")],
    )
    a = govmodel.assess(s, "council")
    (f,) = a.rule("council.members").findings
    assert (f.subject, f.severity, dict(f.data)) == (
        "d1",
        "warning",
        {"invalid": "post_date", "value": "'soon'", "post": "a"},
    )
    assert "'2021-05-01', not a date" not in f.message
    assert "'soon'" in f.message
    assert "'soon'" in f.message_zh
    assert a.rule("council.members").examined == 1


@pytest.mark.parametrize(
    ("date", "found"),
    [
        pytest.param("2021-05-01", [("d1", {"recorded": 2, "held": 1})], id="before it starts"),
        pytest.param(
            "2023-05-01",
            [("d1", {"invalid": "post_date", "value": "'soon'", "post": "a"})],
            id="after it starts",
        ),
    ],
)
def test_council_members_a_post_whose_end_names_no_day(date: str, found: Found) -> None:
    # a post from 2022 to "soon": before 2022 it was not held, whatever its end; from 2022
    # on, who sat cannot be told
    s = council(
        [
            Post("a", "p0", "cc", "member", start="2022", end="soon"),
            Post("b", "p1", "cc", "member"),
        ],
        [decided(1, 2, date)],
    )
    assert run(s, "council", "council.members") == ("failed", 1, found)


def test_council_members_a_decision_dated_no_day_is_still_named() -> None:
    s = council([Post("a", "p0", "cc", "member")], [decided(1, 1, "2021-13")])
    assert run(s, "council", "council.members") == (
        "failed",
        1,
        [("d1", {"invalid": "date", "value": "'2021-13'"})],
    )


@pytest.mark.parametrize(
    ("start", "end", "date", "held"),
    [
        pytest.param("2021-05-01", None, "2021-05-01", 2, id="starts that day"),
        pytest.param("2021-05-02", None, "2021-05-01", 1, id="starts the day after"),
        pytest.param(None, "2021-05-01", "2021-05-01", 2, id="ends that day"),
        pytest.param(None, "2021-04-30", "2021-05-01", 1, id="ended the day before"),
        pytest.param("2021", "2021", "2021-12", 2, id="a year covers its December"),
        pytest.param("2022", "2021", "2021-06-01", 1, id="ends before it starts: never"),
    ],
)
def test_council_members_on_the_decisions_day(
    start: str | None, end: str | None, date: str, held: int
) -> None:
    # p1 sits always; p0 by the dates; p0 holding a second, undated-end post in another
    # role on the same council is one person, not two
    s = council(
        [
            Post("a", "p0", "cc", "member", start=start, end=end),
            Post("b", "p1", "cc", "member"),
            Post("c", "p1", "cc", "secretary"),
        ],
        [decided(1, 2, date)],
    )
    found = [] if held == 2 else [("d1", {"recorded": 2, "held": held})]
    assert run(s, "council", "council.members") == ("failed" if found else "passed", 1, found)


def _many_decisions(n: int) -> Structure:
    """A council of ``n`` members taking ``n`` decisions, each on a day of its own."""
    days = [f"{2000 + i // 336:04d}-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}" for i in range(n)]
    return council(
        [Post(f"a{i}", f"p{i}", "cc", "member", start="2000-01-01") for i in range(n)],
        [decided(i, n, day) for i, day in enumerate(days)],
        people=n,
    )


@pytest.mark.timing
def test_council_members_is_linear_in_decisions_times_members() -> None:
    # each decision's members were read from all the council's posts: n decisions of a
    # council of n members took n * n
    assert_linear(_many_decisions, lambda s: govmodel.assess(s, "council"), 400)


# -- eight_roles (003_e46168819235ee26.txt) ----------------------------------------------------


def _one_person_in_many_committees(n: int) -> Structure:
    """One person holding a post in each of ``n`` community party committees, beside a
    co-building unit: the partner secretaries of each committee are looked for."""
    return Structure(
        units=[
            Unit("d", "district"),
            Unit("s", "street", parent="d"),
            *(Unit(f"c{i}", "community", parent="s") for i in range(n)),
        ],
        organizations=[
            *(Organization(f"cp{i}", "community_party_committee", unit=f"c{i}") for i in range(n)),
            Organization("cb", "co_building_unit"),
        ],
        people=[Person("p")],
        posts=[
            *(Post(f"a{i}", "p", f"cp{i}", "member") for i in range(n)),
            Post("b", "p", "cb", "deputy_secretary"),
        ],
    )


def test_partner_deputy_secretaries_of_one_person_in_many_committees() -> None:
    a = govmodel.assess(_one_person_in_many_committees(3), "eight_roles")
    assert a.metrics["partner_deputy_secretaries"].value == 1.0


@pytest.mark.timing
def test_partner_deputy_secretaries_is_linear_in_the_posts_of_one_person() -> None:
    # every committee read all the posts of each of its holders: one person in n
    # committees took n * n
    assert_linear(_one_person_in_many_committees, lambda s: govmodel.assess(s, "eight_roles"), 1500)


# -- grid (001_…) and eight_roles: one person responsible for many units -----------------------


def _one_person_responsible_for_many(n: int, kind: str) -> Structure:
    """One person holding ``n`` posts (none of them a grid worker's or building head's) and
    responsible for ``n`` unit grids (``kind="grid"``) or ``n`` buildings of a compound
    running the eight roles (``kind="building"``)."""
    units = [*_COMMUNITY, Unit("x", "compound", parent="c")]
    if kind == "grid":
        units += [Unit(f"u{i}", "grid", parent="c", attributes={"net": 4}) for i in range(n)]
    else:
        units += [Unit(f"u{i}", "building", parent="x") for i in range(n)]
    return Structure(
        units=units,
        organizations=[
            Organization("va", "volunteer_association", unit="x"),
            *(Organization(f"o{i}", "residents_committee", unit="c") for i in range(n)),
        ],
        people=[Person("p")],
        posts=[Post(f"a{i}", "p", f"o{i}", "member") for i in range(n)],
        ties=[Tie(f"t{i}", "p", f"u{i}", "responsible_for") for i in range(n)],
    )


@pytest.mark.parametrize(
    ("model", "kind", "rule_id", "role"),
    [
        ("grid", "grid", "grid.grid_workers", "grid_worker"),
        ("eight_roles", "building", "eight_roles.building_heads", "building_head"),
    ],
)
def test_one_person_responsible_for_many_units(
    model: str, kind: str, rule_id: str, role: str
) -> None:
    s = _one_person_responsible_for_many(2, kind)
    status, examined, found = run(s, model, rule_id)
    assert (status, examined, [subject for subject, _ in found]) == ("failed", 2, ["u0", "u1"])
    # the person takes the post: both units have one responsible
    s = s.replace(posts=[*s.posts, Post("w", "p", "o0", role)])
    assert run(s, model, rule_id) == ("passed", 2, [])


@pytest.mark.timing
@pytest.mark.parametrize(("model", "kind"), [("grid", "grid"), ("eight_roles", "building")])
def test_one_person_responsible_for_many_units_is_linear(model: str, kind: str) -> None:
    # the roles of the person were read, from all their posts, once for each unit they are
    # responsible for: n units and n posts took n * n
    assert_linear(
        lambda n: _one_person_responsible_for_many(n, kind),
        lambda s: govmodel.assess(s, model),
        1500,
    )


# -- network_mode (the grid model's classifier): one organization tied to many -----------------


def _hub(n: int, hubs: int = 1) -> Structure:
    """``n`` compounds, each with its owners' committee, all managed by ``hubs`` residents'
    committees, each tied to ``n`` service stations (administrative organizations) of the
    community: every compound's network holds the hubs."""
    units = [*_COMMUNITY, *(Unit(f"x{i}", "compound", parent="c") for i in range(n))]
    orgs = [Organization(f"h{k}", "residents_committee", unit="c") for k in range(hubs)]
    ties = []
    for i in range(n):
        orgs += [
            Organization(f"m{i}", "owners_committee", unit=f"x{i}"),
            Organization(f"w{i:05d}", "service_station", unit="c"),
        ]
        for k in range(hubs):
            ties += [
                Tie(f"t{k}-{i}", f"h{k}", f"x{i}", "manages"),
                Tie(f"v{k}-{i}", f"h{k}", f"m{i}", "contracts"),
            ]
        # hub k is tied to the stations from the k-th on
        ties += [
            Tie(f"u{k}-{i}", f"h{k}", f"w{i:05d}", "joint_meeting") for k in range(hubs) if i >= k
        ]
    return Structure(units=units, organizations=orgs, ties=ties)


@pytest.mark.parametrize(
    ("hubs", "nao", "share"),
    [
        pytest.param(1, "w00000", 1 / 2, id="one hub: the least station tied to it"),
        pytest.param(2, "w00001", 2 / 3, id="two hubs: the least station tied to both"),
    ],
)
def test_network_mode_of_networks_holding_a_hub(hubs: int, nao: str, share: float) -> None:
    from govmodel.classify import network_mode

    label = network_mode(_hub(100, hubs))["x7"]
    assert (label.value, label.details["nao"], label.details["nao_share"]) == ("nao", nao, share)


@pytest.mark.timing
def test_network_mode_of_networks_holding_a_hub_is_linear() -> None:
    # every compound's network read all the administrative organizations tied to the hub
    # among its members: n compounds and n stations took n * n
    assert_linear(_hub, lambda s: govmodel.assess(s, "grid"), 1000)


# -- grid (001_710a2e674d3240b8.txt): shares of the resolved cases -----------------------------


def _cases(*figures: tuple[str, str, int]) -> Structure:
    units = [
        Unit("d", "district"),
        Unit("s", "street", parent="d"),
        *(Unit(f"c{k}", "community", parent="s") for k in "ABC"),
    ]
    return Structure(
        units=units,
        observations=[
            Observation(f"o{i}", s, f"cases_{n}", v, period="2023")
            for i, (s, n, v) in enumerate(figures)
        ],
    )


_SHARES = ("resolved_in_grid_share", "resolved_in_community_share", "resolved_above_share")


def test_grid_shares_of_other_cases_with_equal_totals_are_none() -> None:
    # cB publishes where 5 of its 10 resolved cases were resolved in the grid, cC where 5 of
    # its 10 were in the community: 20 resolved cases on each side, but not the same 20
    s = _cases(
        ("cA", "resolved", 10),
        ("cA", "resolved_in_grid", 9),
        ("cA", "resolved_in_community", 1),
        ("cB", "resolved", 10),
        ("cB", "resolved_in_grid", 5),
        ("cC", "resolved", 10),
        ("cC", "resolved_in_community", 5),
    )
    a = govmodel.assess(s, "grid")
    assert [a.metrics[m].value for m in _SHARES] == [None, None, None]
    assert a.metrics["resolved_locally"].by_unit == {"cA": 1.0}


def test_grid_shares_of_a_district_over_a_community_publishing_less() -> None:
    # the community inside the district is left out of both: the district's shares
    s = _cases(
        ("d", "resolved", 100),
        ("d", "resolved_in_grid", 60),
        ("d", "resolved_in_community", 30),
        ("cB", "resolved", 10),
        ("cB", "resolved_in_grid", 5),
    )
    a = govmodel.assess(s, "grid")
    assert [a.metrics[m].value for m in _SHARES] == [0.6, 0.3, 0.1]


# -- wording: one of a thing is singular --------------------------------------------------------


def test_a_neighbour_chief_serving_one_household() -> None:
    s = Structure(
        units=[*_COMMUNITY, Unit("x", "compound", parent="c"), Unit("h", "household", parent="x")],
        organizations=[Organization("rc", "residents_committee", unit="c")],
        people=[Person("p")],
        posts=[Post("a", "p", "rc", "neighbour_chief")],
        ties=[Tie("t", "p", "h", "responsible_for")],
    )
    (f,) = govmodel.assess(s, "four_level").rule("four_level.neighbour_chief_band").findings
    assert f.message == "neighbour chief p serves 1 household, outside 5–15"


def test_a_council_decision_counting_one_member() -> None:
    s = council([Post("a", "p0", "cc", "member"), Post("b", "p1", "cc", "member")], [])
    s = s.replace(decisions=[decided(1, 1, None)])
    (f,) = govmodel.assess(s, "council").rule("council.members").findings
    assert f.message == "d1 counts 1 member, but 2 people hold posts in cc"


def test_one_partner_deputy_secretary_recorded() -> None:
    s = Structure(
        units=_COMMUNITY,
        organizations=[
            Organization("cp", "community_party_committee", unit="c"),
            Organization("cb", "co_building_unit"),
        ],
        people=[Person("p")],
        posts=[Post("a", "p", "cp", "member")],
        observations=[Observation("o", "cp", "partner_deputy_secretaries", 1)],
    )
    rule = govmodel.assess(s, "eight_roles").rule("eight_roles.partner_secretaries")
    assert [f.message for f in rule.findings] == [
        "cp records 1 partner deputy secretary, but 0 partner secretaries hold posts in it"
    ]
    s = s.replace(
        posts=[*s.posts, Post("b", "p", "cb", "deputy_secretary")],
        observations=[Observation("o", "cp", "partner_deputy_secretaries", 2)],
    )
    rule = govmodel.assess(s, "eight_roles").rule("eight_roles.partner_secretaries")
    assert [f.message for f in rule.findings] == [
        "cp records 2 partner deputy secretaries, but 1 partner secretary holds posts in it"
    ]


def test_grid_figures_that_do_not_fit_with_one_case_in_the_grid() -> None:
    s = _cases(
        ("cA", "resolved", 1),
        ("cA", "resolved_in_grid", 1),
        ("cA", "resolved_in_community", 1),
    )
    (f,) = govmodel.assess(s, "grid").rule("grid.small_matters").findings
    assert f.message.startswith("community cA's figures do not fit: 1 case resolved in the grid")


# -- four_haves (000_c5b86c07d7092624.txt): an infinity is no evidence --------------------------


@pytest.mark.parametrize("value", [math.inf, math.nan, 0.0, -1.0])
def test_four_haves_an_area_or_sum_that_is_no_finite_amount_is_no_evidence(value: float) -> None:
    s = Structure(
        units=[*_COMMUNITY, Unit("x", "compound", parent="c", attributes={"venue_area_m2": value})],
        organizations=[Organization("st", "service_station", unit="c")],
        observations=[
            Observation("o1", "x", "funds_yuan", value),
            Observation("o2", "x", "station_area_m2", value),
        ],
    )
    label = govmodel.classify.four_haves(s)["x"]
    assert (label.value, label.details["venue"], label.details["funds"]) == ("0/4", False, False)
    a = govmodel.assess(s, "tripartite")
    assert a.rule("tripartite.four_haves").findings[0].data["count"] == 0
    assert a.metrics["four_haves_share"].by_unit == {"x": 0.0}


def test_four_haves_a_finite_area_and_sum_are_evidence() -> None:
    s = Structure(
        units=[*_COMMUNITY, Unit("x", "compound", parent="c", attributes={"venue_area_m2": 1e-9})],
        observations=[Observation("o1", "x", "funds_yuan", 1e308)],
    )
    label = govmodel.classify.four_haves(s)["x"]
    assert (label.value, label.details["venue"], label.details["funds"]) == ("2/4", True, True)


# -- grid: connectivity_levels of centres escalating to one another ----------------------------


def _centres_in_a_chain(n: int) -> Structure:
    """``n`` district governance centres, each escalating to the one before, the last one
    reached by a street sub-centre's work station chain (street, community)."""
    units = [*_COMMUNITY]
    orgs = [Organization(f"g{i}", "governance_centre", unit="d") for i in range(n)]
    orgs += [
        Organization("sub", "governance_centre", unit="s"),
        Organization("ws", "work_station", unit="c"),
    ]
    ties = [Tie(f"t{i}", f"g{i + 1}", f"g{i}", "escalates_to") for i in range(n - 1)]
    ties += [
        Tie("a", "sub", f"g{n - 1}", "escalates_to"),
        Tie("b", "ws", "sub", "escalates_to"),
    ]
    return Structure(units=units, organizations=orgs, ties=ties)


def test_connectivity_levels_through_centres_escalating_to_one_another() -> None:
    # g0 is reached from the community and the street through the chain of centres
    a = govmodel.assess(_centres_in_a_chain(5), "grid")
    assert a.metrics["connectivity_levels"].value == 3.0


@pytest.mark.timing
def test_connectivity_levels_is_linear_in_a_chain_of_centres() -> None:
    # each centre walked down all that escalates to it: a chain of n centres took n * n
    assert_linear(_centres_in_a_chain, lambda s: govmodel.assess(s, "grid"), 1000)
