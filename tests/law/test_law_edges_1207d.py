"""Law packs at their edges, checked against /work/shared/LAW.md (a fourth review): cases
the earlier edge tests (test_edges.py, test_edges_1207.py, test_law_edges_1207c.py) did
not reach.

Each case is a minimal hand-made structure and asserts the rule's status and the exact data
of its findings.
"""

from __future__ import annotations

from typing import Any

import pytest

import govmodel
from govmodel.metrics.voting import owners_assembly_rule
from govmodel.spec import Decision, Organization, Person, Post, Structure, Tie, Unit, Vote
from govmodel.testing.linear import assert_linear


def _found(s: Structure, model: str, rule_id: str, as_of: str) -> tuple[str, list[Any]]:
    r = govmodel.assess(s, model, as_of=as_of).rule(rule_id)
    return r.status, [(f.subject, f.severity, dict(f.data)) for f in r.findings]


# -- civil_code.assembly_threshold: the roster of a unit whose id is "None" ---------------------
# The rosters were kept under f"civil_code.roster:{unit}", so an assembly located nowhere (the
# roster of the whole structure) and one of the compound whose id is the string "None" shared
# one: whichever was counted first gave the other its heads and area.


def _two_compounds(first: str) -> Structure:
    units = [Unit("None", "compound"), Unit("y", "compound")]
    people, ties = [], []
    for c in ("None", "y"):
        for i in range(3):
            units.append(
                Unit(f"{c}-h{i}", "household", parent=c, attributes={"floor_area_m2": 100})
            )
            people.append(Person(f"{c}-p{i}"))
            ties.append(Tie(f"{c}-t{i}", f"{c}-p{i}", f"{c}-h{i}", "owns"))
    rule = owners_assembly_rule("property_service")
    everyone = Decision(
        "d-all",
        "oa-all",
        "hire Greenleaf",
        rule=rule,
        matter="property_service",
        outcome="passed",
        votes=[Vote(p.id, "yes") for p in people],
    )
    compound = Decision(
        "d-none",
        "oa-none",
        "hire Greenleaf",
        rule=rule,
        matter="property_service",
        outcome="passed",
        votes=[Vote(f"None-p{i}", "yes") for i in range(3)],
    )
    decisions = [everyone, compound] if first == "all" else [compound, everyone]
    return Structure(
        units=units,
        people=people,
        ties=ties,
        organizations=[
            Organization("oa-all", "owners_assembly"),
            Organization("oa-none", "owners_assembly", unit="None"),
        ],
        decisions=decisions,
    )


@pytest.mark.parametrize("first", ["all", "none"])
def test_art_278_a_unit_named_none_has_its_own_roster(first: str) -> None:
    """All three owners of compound "None" voted yes: its decision passes on its roster of
    3 heads, whichever decision is counted first (not 3 of the structure's 6)."""
    status, found = _found(
        _two_compounds(first), "civil_code", "civil_code.assembly_threshold", "2026"
    )
    assert (status, found) == ("passed", [])


# -- residents_committee_law.scale_*: a committee located in no community -----------------------
# The scale rules examined the communities committees are located in; a committee with no
# unit was left out, so the rule passed on the others (or was not
# applicable) without saying that this committee's scale could not be checked.


def _rcs(unit: str | None) -> Structure:
    return Structure(
        units=[Unit("c", "community", "Old Lane", attributes={"households": 600})],
        organizations=[
            Organization("rca", "residents_committee", unit="c"),
            Organization("rcb", "residents_committee", unit=unit),
        ],
    )


@pytest.mark.parametrize(
    ("rule", "day"),
    [
        ("residents_committee_law.scale_2018", "2025-12-31"),
        ("residents_committee_law.scale_2026", "2026-01-01"),
    ],
)
def test_scale_of_a_committee_in_no_community_warns(rule: str, day: str) -> None:
    status, found = _found(_rcs(None), "residents_committee_law", rule, day)
    path = "$.organizations[?(@.id=='rcb')].unit"
    gap = ("rcb", "warning", {"problem": "missing-field", "path": path})
    # 600 households: within the 2018 scale, below the 2026 one
    within = rule.endswith("2018")
    below = [] if within else [("c", "warning", {"households": 600})]
    assert status == "failed"
    assert found == [gap, *below]


def test_scale_of_committees_all_located_is_unchanged() -> None:
    s = _rcs("c")
    assert _found(s, "residents_committee_law", "residents_committee_law.scale_2018", "2025") == (
        "passed",
        [],
    )


def test_scale_is_not_applicable_on_a_day_it_is_not_in_force() -> None:
    s = _rcs(None)
    r = govmodel.assess(s, "residents_committee_law", as_of="2026-01-01")
    assert r.rule("residents_committee_law.scale_2018").status == "not_applicable"


# -- residents_committee_law.size: posts counted on the day --------------------------------------
# (Kept: a post ending on the day checked still counts; one person's two posts are one member.)


def _rc_posts(end: str | None) -> Structure:
    people = [Person(f"p{i}") for i in range(5)]
    posts = [
        Post(f"s{i}", f"p{i}", "rc", "committee_member", end=end if i == 0 else None)
        for i in range(5)
    ]
    posts.append(Post("s-twice", "p1", "rc", "vice_chair"))
    return Structure(
        units=[Unit("c", "community", attributes={"households": 600})],
        organizations=[Organization("rc", "residents_committee", unit="c")],
        people=people,
        posts=posts,
    )


@pytest.mark.parametrize(
    ("end", "day", "found"),
    [
        pytest.param("2026-03-31", "2026-03-31", [], id="ends-on-the-day"),
        pytest.param("2026-03-31", "2026-04-01", [("rc", "error", {"members": 4})], id="day-after"),
        pytest.param("2026-03", "2026-03-31", [], id="ends-in-the-month"),
        pytest.param("2026", "2027-01-01", [("rc", "error", {"members": 4})], id="year-after"),
    ],
)
def test_size_counts_posts_in_force_and_people_once(end: str, day: str, found: list[Any]) -> None:
    _, got = _found(_rc_posts(end), "residents_committee_law", "residents_committee_law.size", day)
    assert got == found


# -- owners_committee_guidance.conflict: a long chain of subsidiaries -----------------------------
# led_by walked the chain of parents from each member's post up to the hired company: with n
# members working for the last of n nested subsidiaries, n * n steps.


def _chain(n: int) -> Structure:
    orgs = [
        Organization("pc", "property_company"),
        Organization("oc", "owners_committee", unit="x"),
    ]
    orgs += [
        Organization(f"o{i}", "property_company", parent="pc" if i == 0 else f"o{i - 1}")
        for i in range(n)
    ]
    people = [Person(f"p{i}") for i in range(n)]
    posts = [Post(f"m{i}", f"p{i}", "oc", "committee_member") for i in range(n)]
    posts += [Post(f"w{i}", f"p{i}", f"o{n - 1 - i % 3}", "staff") for i in range(n)]
    return Structure(
        units=[Unit("x", "compound")],
        organizations=orgs,
        people=people,
        posts=posts,
        ties=[Tie("t", "pc", "x", "manages")],
    )


def _conflicts(s: Structure) -> object:
    return govmodel.assess(s, "owners_committee_guidance", as_of="2026").rule(
        "owners_committee_guidance.conflict"
    )


def test_conflict_through_a_chain_of_subsidiaries() -> None:
    r = govmodel.assess(_chain(5), "owners_committee_guidance", as_of="2026").rule(
        "owners_committee_guidance.conflict"
    )
    assert [(f.subject, f.data["company"], f.data["affiliate"]) for f in r.findings] == [
        ("p0", "pc", "o4"),
        ("p1", "pc", "o3"),
        ("p2", "pc", "o2"),
        ("p3", "pc", "o4"),
        ("p4", "pc", "o3"),
    ]


def test_led_by_a_cycle_of_parents_leads_to_no_company() -> None:
    from govmodel.models import Context, GovernanceModel
    from govmodel.models.law.owners_committee import led_by

    s = Structure(
        organizations=[
            Organization("pc", "property_company"),
            Organization("a", "property_company", parent="b"),
            Organization("b", "property_company", parent="a"),
            Organization("c", "property_company", parent="a"),
        ]
    )
    ctx = Context(s, GovernanceModel())
    hired = frozenset({"pc"})
    assert [led_by(ctx, o, hired) for o in ("c", "a", "b", "c", "pc")] == [
        None,
        None,
        None,
        None,
        "pc",
    ]
    assert led_by(ctx, "c", frozenset({"b"})) == "b"


@pytest.mark.timing
def test_conflict_through_a_chain_in_linear_time() -> None:
    assert_linear(_chain, _conflicts, 400)


# -- party_organizations.joint_branch: one member of many joint branches ------------------------
# Each joint branch read every post of each of its full members: a member holding a post in
# n joint branches was read whole n times, n * n steps.


def _joint(n: int) -> Structure:
    orgs = [Organization("a", "social_enterprise"), Organization("b", "social_enterprise")]
    ties, posts = [], []
    for i in range(n):
        orgs.append(Organization(f"jb{i}", "party_branch"))
        ties += [
            Tie(f"ta{i}", f"jb{i}", "a", "embedded_in"),
            Tie(f"tb{i}", f"jb{i}", "b", "embedded_in"),
        ]
        posts.append(Post(f"s{i}", "p", f"jb{i}", "secretary"))
    people = [Person("p", party="active"), *(Person(f"q{k}", party="active") for k in range(3))]
    # three full members of jb0 who also work in "a": "a" should set up its own branch
    posts += [Post(f"j{k}", f"q{k}", "jb0", "member") for k in range(3)]
    posts += [Post(f"w{k}", f"q{k}", "a", "staff") for k in range(3)]
    return Structure(organizations=orgs, people=people, posts=posts, ties=ties)


def _joint_branch(s: Structure) -> object:
    return govmodel.assess(s, "party_organizations", as_of="2026").rule(
        "party_organizations.joint_branch"
    )


def test_joint_branch_counts_the_members_of_a_covered_unit() -> None:
    status, found = _found(
        _joint(3), "party_organizations", "party_organizations.joint_branch", "2026"
    )
    assert (status, found) == ("failed", [("jb0", "error", {"unit": "a", "full_members": 3})])


@pytest.mark.timing
def test_joint_branch_of_one_member_of_many_in_linear_time() -> None:
    assert_linear(_joint, _joint_branch, 2000)


# -- owners_committee_guidance.conflict: one person on many committees ---------------------------
# Each committee read every post of each member (and of their kin): a person sitting on n
# committees, each with its hired company, was read whole n times, n * n steps.


def _sitting(n: int) -> Structure:
    units, orgs, posts, ties = [], [], [], []
    for i in range(n):
        units.append(Unit(f"x{i}", "compound"))
        orgs += [
            Organization(f"oc{i}", "owners_committee", unit=f"x{i}"),
            Organization(f"pc{i}", "property_company"),
        ]
        ties.append(Tie(f"t{i}", f"pc{i}", f"x{i}", "manages"))
        posts.append(Post(f"m{i}", "p", f"oc{i}", "committee_member"))
    # the last compound's company employs the person's spouse, through a branch it leads
    orgs.append(Organization("branch", "social_enterprise", parent=f"pc{n - 1}"))
    ties.append(Tie("kin", "p", "q", "spouse_of"))
    posts.append(Post("w", "q", "branch", "staff"))
    return Structure(
        units=units, organizations=orgs, people=[Person("p"), Person("q")], posts=posts, ties=ties
    )


def test_conflict_of_a_person_on_many_committees() -> None:
    r = _conflicts(_sitting(4))
    assert [(f.subject, dict(f.data)) for f in r.findings] == [
        (
            "p",
            {
                "committee": "oc3",
                "company": "pc3",
                "affiliate": "branch",
                "relative": "q",
                "relation": "spouse_of",
            },
        )
    ]


@pytest.mark.timing
def test_conflict_of_a_person_on_many_committees_in_linear_time() -> None:
    assert_linear(_sitting, _conflicts, 400)


# -- owners_committee_guidance.first_assembly: a share just above half ---------------------------
# The finding showed the share delivered to one decimal: 5,000.01 of 10,000 m² read "50.0 % of
# its area is delivered, more than half", which says it is not more than half.


@pytest.mark.parametrize(
    ("delivered", "shown"),
    [
        pytest.param(5000.01, "50.0001%", id="just-above-half"),
        pytest.param(5001, "50.01%", id="a-square-metre-above"),
        pytest.param(6000, "60.0%", id="well-above"),
    ],
)
def test_first_assembly_shows_a_share_above_half_above_half(delivered: float, shown: str) -> None:
    s = Structure(
        units=[
            Unit(
                "x",
                "compound",
                "Guihua",
                attributes={"floor_area_m2": 10000, "delivered_area_m2": delivered},
            )
        ]
    )
    r = govmodel.assess(s, "owners_committee_guidance", as_of="2026").rule(
        "owners_committee_guidance.first_assembly"
    )
    [f] = r.findings
    assert f.data["basis"] == "half"
    assert f"{shown} of its area is delivered, more than half" in f.message
    assert f"已交付面积占 {shown},超过50%" in f.message_zh
