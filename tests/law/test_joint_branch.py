"""Joint party branches [S: reprints of the 2018 branch regulations, ch. 2]: units with
fewer than 3 full members set up a joint branch, which generally covers at most 5 units
(不超过: 5 is allowed, Civil Code art. 1259); a unit of 3 or more sets up its own."""

from __future__ import annotations

import attrs
import pytest

import govmodel
from govmodel.models.law.party import PartyOrganizations
from govmodel.spec import Organization, Person, Post, Structure, Tie, Unit

from .test_edges import Got, findings, status

PARTY = PartyOrganizations
JOINT = "party_organizations.joint_branch"


def joint(
    units: int,
    *,
    full: tuple[int, ...] = (),
    probationary: tuple[int, ...] = (),
    kind: str = "party_branch",
) -> Structure:
    """A branch ``jb`` set up (``embedded_in``) in ``units`` small companies ``u0``...; the
    company ``u{i}`` employs ``full[i]`` full and ``probationary[i]`` probationary members of
    the branch. The branch has 3 full members of its own besides (so it stands as a branch)."""
    orgs = [Organization("jb", kind, "Joint branch", unit="x")]
    orgs += [
        Organization(f"u{i}", "social_enterprise", f"Firm {i}", unit="x") for i in range(units)
    ]
    people = [Person(f"s{i}", party="active") for i in range(3)]
    posts = [
        Post(f"sp{i}", f"s{i}", "jb", "secretary" if i == 0 else "party_member") for i in range(3)
    ]
    for i, n in enumerate(full):
        for k in range(n):
            people.append(Person(f"f{i}-{k}", party="active"))
            posts += [
                Post(f"fb{i}-{k}", f"f{i}-{k}", "jb", "party_member"),
                Post(f"fw{i}-{k}", f"f{i}-{k}", f"u{i}", "staff"),
            ]
    for i, n in enumerate(probationary):
        for k in range(n):
            people.append(Person(f"p{i}-{k}", party="probationary"))
            posts += [
                Post(f"pb{i}-{k}", f"p{i}-{k}", "jb", "party_member"),
                Post(f"pw{i}-{k}", f"p{i}-{k}", f"u{i}", "staff"),
            ]
    return Structure(
        units=[Unit("x", "compound", "Guihua")],
        organizations=orgs,
        people=people,
        posts=posts,
        ties=[Tie(f"t{i}", "jb", f"u{i}", "embedded_in") for i in range(units)],
    )


def too_many(n: int) -> tuple:
    return ("jb", "warning", {"units": n})


def own_branch(unit: str, n: int) -> tuple:
    return ("jb", "error", {"unit": unit, "full_members": n})


@pytest.mark.parametrize(
    ("structure", "found"),
    [
        pytest.param(joint(2), [], id="2-units"),
        pytest.param(joint(4), [], id="4-units"),
        pytest.param(joint(5), [], id="5-units-at-most"),
        pytest.param(joint(6), [too_many(6)], id="6-units-above-5"),
        pytest.param(joint(9), [too_many(9)], id="9-units"),
        pytest.param(joint(3, full=(2, 1)), [], id="units-of-2-and-1-full"),
        pytest.param(joint(3, full=(3,)), [own_branch("u0", 3)], id="a-unit-of-3-full"),
        pytest.param(joint(3, full=(0, 4)), [own_branch("u1", 4)], id="a-unit-of-4-full"),
        pytest.param(joint(3, full=(2,), probationary=(1,)), [], id="2-full-1-probationary-not-3"),
        pytest.param(joint(6, full=(3,)), [too_many(6), own_branch("u0", 3)], id="both"),
        pytest.param(
            joint(3, full=(3,), kind="compound_party_branch"),
            [own_branch("u0", 3)],
            id="a-compound-branch",
        ),
    ],
)
def test_joint_branch(structure: Structure, found: Got) -> None:
    assert findings(structure, PARTY, JOINT, "2026") == found


def test_a_mobile_full_member_counts() -> None:
    s = joint(2, full=(3,))
    mobile = [attrs.evolve(p, mobility="mobile") if p.id.startswith("f") else p for p in s.people]
    assert findings(s.replace(people=mobile), PARTY, JOINT, "2026") == [own_branch("u0", 3)]


def test_a_unit_tied_twice_counts_once_and_people_are_no_units() -> None:
    s = joint(5)
    extra = [
        Tie("again", "jb", "u0", "embedded_in"),
        Tie("person", "jb", "s1", "embedded_in"),
    ]
    s = s.replace(ties=[*s.ties, *extra])
    assert findings(s, PARTY, JOINT, "2026") == []
    six = s.replace(
        organizations=[*s.organizations, Organization("u5", "social_enterprise", unit="x")],
        ties=[*s.ties, Tie("t5", "jb", "u5", "embedded_in")],
    )
    assert findings(six, PARTY, JOINT, "2026") == [too_many(6)]


def test_a_branch_set_up_in_itself_covers_no_unit_more() -> None:
    """A tie from the branch to itself is no unit it covers: it neither makes a branch of
    one unit a joint one, nor is found, with the branch's own full members, to need a
    branch of its own."""
    s = joint(1, full=(1,))
    selfie = s.replace(ties=[*s.ties, Tie("self", "jb", "jb", "embedded_in")])
    assert status(selfie, PARTY, JOINT, "2026") == "not_applicable"
    s = joint(2)
    selfie = s.replace(ties=[*s.ties, Tie("self", "jb", "jb", "embedded_in")])
    assert findings(selfie, PARTY, JOINT, "2026") == []


def test_territorial_units_count_but_have_no_posts() -> None:
    """A joint branch of compounds: the compounds count towards the 5; their members are
    not read (posts are held in organizations)."""
    units = [Unit("s", "street", "Here")] + [
        Unit(f"c{i}", "compound", f"Compound {i}", parent="s") for i in range(6)
    ]
    s = Structure(
        units=units,
        organizations=[Organization("jb", "party_branch", "Joint branch", unit="c0")],
        ties=[Tie(f"t{i}", "jb", f"c{i}", "embedded_in") for i in range(6)],
    )
    assert findings(s, PARTY, JOINT, "2026") == [too_many(6)]


def test_joint_branch_not_applicable() -> None:
    assert status(joint(1, full=(5,)), PARTY, JOINT, "2026") == "not_applicable"  # one unit
    assert status(joint(0), PARTY, JOINT, "2026") == "not_applicable"
    assert status(Structure(), PARTY, JOINT, "2026") == "not_applicable"
    s = joint(6)
    assert status(s, PARTY, JOINT, "2018-10-27") == "not_applicable"
    assert status(s, PARTY, JOINT, "2018-10-28") == "failed"
    # a joint branch of a general branch's kind is not a branch
    g = joint(6, kind="community_party_general_branch")
    assert status(g, PARTY, JOINT, "2026") == "not_applicable"


def test_an_ended_tie_is_not_read_as_of_a_later_day() -> None:
    s = joint(6)
    ended = [
        Tie(t.id, t.source, t.target, t.relation, end="2024") if t.id == "t5" else t for t in s.ties
    ]
    s = s.replace(ties=ended)
    assert findings(s, PARTY, JOINT, "2024-12-31") == [too_many(6)]
    assert findings(s, PARTY, JOINT, "2025-01-01") == []


def test_the_bundled_datasets_have_no_joint_branch() -> None:
    for name in ("xihu", "jinfeng", "chengdu", "changsha", "yuetang", "qingshan"):
        s = govmodel.datasets.load(name)
        assert status(s, PARTY, JOINT, "2026") == "not_applicable", name


def test_the_rule_says_it_rests_on_secondary_sources() -> None:
    spec = next(r for r in PARTY.rules() if r.id == JOINT)
    assert spec.source.startswith("[S]")
    assert spec.article == "regulations art. 5"
    assert (spec.severity, spec.start, spec.end) == ("warning", "2018-10-28", None)
    assert "联合党支部覆盖单位一般不超过5个" in spec.description_zh


@pytest.mark.parametrize(
    "kind", ["community_party_committee", "street_party_working_committee", "party_branch"]
)
def test_a_party_organization_the_branch_is_tied_to_is_no_unit_it_covers(kind: str) -> None:
    # five firms and, tied the same way, a party organization (its parent in the party):
    # five units, within the limit, not six
    s = joint(5)
    s = s.replace(
        organizations=[*s.organizations, Organization("pc", kind, "Street committee", unit="x")],
        ties=[*s.ties, Tie("tp", "jb", "pc", "embedded_in")],
    )
    assert findings(s, PARTY, JOINT, "2026") == []
    six = s.replace(
        organizations=[*s.organizations, Organization("u5", "social_enterprise", "Firm 5")],
        ties=[*s.ties, Tie("t5", "jb", "u5", "embedded_in")],
    )
    assert findings(six, PARTY, JOINT, "2026") == [too_many(6)]
