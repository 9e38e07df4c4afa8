"""Linear-time guards for the law packs, on shapes that make each rule do the most.

* ``chain``: ``n`` party branches, each leading the next and each with a full member and a
  probationary one: every branch's members include those of all the branches it leads, so a
  pack that kept each branch's members as a set of its own would hold ``n²/2`` of them;
* ``hired``: ``n`` compounds, each with an owners' committee, its assembly and a
  property-service company of its own tied to it by ``manages``, one of the committee's
  members working for the company (a conflict for every committee), and a residents'
  committee of five per community of ten compounds, and two decisions of each owners' assembly;
* ``crowded``: one compound with ``n`` owners' committees and ``n`` owners' assemblies,
  the company managing it tied to the compound;
* ``joint``: ``n`` joint party branches, each set up in three firms of its own and in one
  large firm they all cover, where everyone works, three full members of each working in
  its first firm: a pack that read a firm's posts for every branch covering it would read
  the large firm's ``n`` times;
* ``vacant``: ``n`` compounds, each with an owners' committee of three of seven seats, and
  three ranked alternates, the second seated before the first; and ``n`` compounds without
  a committee, half of whose area is delivered;
* the shapes of the models' guards (:func:`tests.test_complexity.shaped`) in which a pack
  has work: ``deep`` (a chain of branches without posts) and ``long_strings`` (an owners'
  committee in every compound).

The sizes are those at which one assessment takes some 15-40 ms.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

import govmodel
from govmodel.metrics.voting import owners_assembly_rule
from govmodel.models.law.owners_committee import OwnersCommitteeGuidance
from govmodel.spec import Decision, Organization, Person, Post, Structure, Tally, Tie, Unit
from govmodel.testing.linear import assert_linear
from tests.test_complexity import shaped

pytestmark = pytest.mark.timing

LAW = "govmodel.models.law."
PACKS = (
    "civil_code",
    "residents_committee_law",
    "owners_committee_guidance",
    "party_organizations",
    "hangzhou_owners_committee",
)


def chain(n: int) -> Structure:
    """``n`` party branches in a chain of leadership, two members each."""
    units = [Unit("s", "street", "street"), Unit("c", "community", "community", "s")]
    orgs = [Organization("cpc", "community_party_committee", "committee", unit="c")]
    people: list[Person] = []
    posts: list[Post] = []
    lead = "cpc"
    for i in range(n):
        orgs.append(Organization(f"g{i}", "party_branch", f"branch {i}", unit="c", parent=lead))
        people += [Person(f"f{i}", f"full {i}", party="active")]
        people += [Person(f"y{i}", f"new {i}", party="probationary")]
        posts += [Post(f"pf{i}", f"f{i}", f"g{i}", "secretary")]
        posts += [Post(f"py{i}", f"y{i}", f"g{i}", "party_member")]
        lead = f"g{i}"
    return Structure(units=units, organizations=orgs, people=people, posts=posts)


def hired(n: int) -> Structure:
    """``n`` compounds whose owners' committees each have a member working for the
    property-service company the owners hired."""
    units = [Unit("s", "street", "street")]
    orgs: list[Organization] = []
    people: list[Person] = []
    posts: list[Post] = []
    ties: list[Tie] = []
    decisions: list[Decision] = []
    for i in range(n):
        c = f"c{i // 10}"
        if i % 10 == 0:
            units.append(Unit(c, "community", f"community {i // 10}", "s", {"households": 900}))
            orgs.append(Organization(f"rc{i}", "residents_committee", "rc", unit=c))
        x = f"x{i}"
        units.append(Unit(x, "compound", f"compound {i}", c, {"households": 90}))
        orgs.append(
            Organization(
                f"oc{i}",
                "owners_committee",
                f"committee {i}",
                unit=x,
                attributes={"term_start": "2023-03-01", "term_years": 5},
            )
        )
        orgs.append(Organization(f"oa{i}", "owners_assembly", f"assembly {i}", unit=x))
        orgs.append(Organization(f"pc{i}", "property_company", f"company {i}", unit=x))
        ties.append(Tie(f"t{i}", f"pc{i}", x, "manages"))
        for j, role in enumerate(("chair", "committee_member", "committee_member")):
            people.append(Person(f"p{i}-{j}", f"owner {i}-{j}"))
            posts.append(Post(f"o{i}-{j}", f"p{i}-{j}", f"oc{i}", role))
        posts.append(Post(f"w{i}", f"p{i}-1", f"pc{i}", "staff"))
        if i % 10 < 5:  # the residents' committee: five owners of its first compounds
            role = "chair" if i % 10 == 0 else "committee_member"
            posts.append(Post(f"r{i}", f"p{i}-0", f"rc{i - i % 10}", role))
        for matter in ("property_service", "raise_maintenance_funds"):
            decisions.append(
                Decision(
                    f"d{i}-{matter}",
                    f"oa{i}",
                    matter,
                    rule=owners_assembly_rule(matter),
                    date="2025-03-01",
                    count=Tally(members=90, present=60, yes=40),
                    area=Tally(members=8000.5, present=6000.25, yes=4000.75),
                    outcome="passed",
                    attributes={"matter": matter},
                )
            )
    return Structure(
        units=units,
        organizations=orgs,
        people=people,
        posts=posts,
        ties=ties,
        decisions=decisions,
    )


def crowded(n: int) -> Structure:
    """One compound holding ``n`` owners' committees and ``n`` owners' assemblies, the
    company managing it tied to the compound: each committee's hired companies are those of
    the compound and its assemblies, which a pack must not read again per committee."""
    units = [
        Unit("s", "street", "street"),
        Unit("c", "community", "community", "s"),
        Unit("x", "compound", "compound", "c"),
    ]
    orgs = [Organization("pc", "property_company", "company")]
    for i in range(n):
        orgs.append(Organization(f"oc{i}", "owners_committee", f"committee {i}", unit="x"))
        orgs.append(Organization(f"oa{i}", "owners_assembly", f"assembly {i}", unit="x"))
    people = [Person("p", "owner")]
    posts = [Post("o", "p", "oc0", "chair"), Post("w", "p", "pc", "staff")]
    return Structure(
        units=units,
        organizations=orgs,
        people=people,
        posts=posts,
        ties=[Tie("t", "pc", "x", "manages")],
    )


def joint(n: int) -> Structure:
    """``n`` joint branches of three firms each, all also covering one large firm."""
    units = [Unit("s", "street", "street"), Unit("c", "community", "community", "s")]
    orgs = [Organization("big", "social_enterprise", "large firm", unit="c")]
    people: list[Person] = []
    posts: list[Post] = []
    ties: list[Tie] = []
    for i in range(n):
        orgs.append(Organization(f"j{i}", "party_branch", f"joint branch {i}", unit="c"))
        for k in range(3):
            orgs.append(Organization(f"f{i}-{k}", "social_enterprise", f"firm {i}-{k}", unit="c"))
            ties.append(Tie(f"t{i}-{k}", f"j{i}", f"f{i}-{k}", "embedded_in"))
        ties.append(Tie(f"t{i}-big", f"j{i}", "big", "embedded_in"))
        for k in range(3):
            people.append(Person(f"m{i}-{k}", f"member {i}-{k}", party="active"))
            posts += [
                Post(f"b{i}-{k}", f"m{i}-{k}", f"j{i}", "secretary" if k == 0 else "party_member"),
                Post(f"w{i}-{k}", f"m{i}-{k}", f"f{i}-0", "staff"),
                Post(f"g{i}-{k}", f"m{i}-{k}", "big", "staff"),
            ]
    return Structure(units=units, organizations=orgs, people=people, posts=posts, ties=ties)


def vacant(n: int) -> Structure:
    """``n`` committees with vacant seats and alternates out of order; ``n`` compounds
    without one, half their area delivered and more."""
    units = [Unit("s", "street", "street"), Unit("c", "community", "community", "s")]
    orgs: list[Organization] = []
    people: list[Person] = []
    posts: list[Post] = []
    for i in range(n):
        x = f"x{i}"
        units.append(Unit(x, "compound", f"compound {i}", "c", {"households": 300}))
        attributes = {"floor_area_m2": 10000, "delivered_area_m2": 5001}
        units.append(Unit(f"y{i}", "compound", f"new compound {i}", "c", attributes))
        oc = f"oc{i}"
        orgs.append(
            Organization(oc, "owners_committee", f"committee {i}", unit=x, attributes={"seats": 7})
        )
        for j in range(6):
            people.append(Person(f"p{i}-{j}", f"owner {i}-{j}"))
            if j < 3:
                posts.append(Post(f"o{i}-{j}", f"p{i}-{j}", oc, "member"))
            else:
                rank = {"rank": j - 2}
                posts.append(Post(f"a{i}-{j}", f"p{i}-{j}", oc, "alternate", attributes=rank))
        posts.append(Post(f"s{i}", f"p{i}-4", oc, "member"))  # the second alternate, seated
    return Structure(
        units=units,
        organizations=orgs,
        people=people,
        posts=posts,
        vocabulary=OwnersCommitteeGuidance.vocabulary,
    )


MAKERS = {"chain": chain, "hired": hired, "crowded": crowded, "joint": joint, "vacant": vacant}
#: n for each pack and each shape it has work in (some 15-40 ms at n); on the other shapes a
#: pack finds nothing to examine, and its time is the assessment's own (guarded with the
#: models')
SIZES = {
    "civil_code": {"hired": 200},
    "residents_committee_law": {"hired": 8000},
    "owners_committee_guidance": {
        "hired": 800,
        "long_strings": 1600,
        "crowded": 2000,
        "vacant": 200,
    },
    "party_organizations": {"chain": 1600, "deep": 3200, "joint": 400},
    "hangzhou_owners_committee": {
        "hired": 800,
        "long_strings": 1600,
        "crowded": 2000,
        "vacant": 200,
    },
}


def _maker(shape: str) -> Callable[[int], Structure]:
    return MAKERS[shape] if shape in MAKERS else (lambda n: shaped(shape, n))


def test_the_shapes_are_valid() -> None:
    for make in MAKERS.values():
        govmodel.validate(make(30))


def test_the_shapes_reach_the_rules_they_are_made_for() -> None:
    # every branch counts the members of the branches it leads; every committee has a conflict
    a = govmodel.assess(chain(60), "party_organizations")
    findings = a.rule("party_organizations.branch_size").findings
    assert [f.subject for f in findings] == [f"g{i}" for i in range(35)]  # 2 × (60 - i) > 50
    b = govmodel.assess(hired(30), "owners_committee_guidance")
    conflicts = b.rule("owners_committee_guidance.conflict").findings
    assert sorted(f.subject for f in conflicts) == sorted(f"p{i}-1" for i in range(30))
    c = govmodel.assess(crowded(30), "owners_committee_guidance")
    assert [f.subject for f in c.rule("owners_committee_guidance.conflict").findings] == ["p"]
    # every joint branch covers 4 firms, and its first firm has 3 full members; so has the
    # large firm, which every branch covers
    d = govmodel.assess(joint(30), "party_organizations").rule("party_organizations.joint_branch")
    assert [f.data["unit"] for f in d.findings] == [
        u for i in range(30) for u in (f"f{i}-0", "big")
    ]
    # every committee: 4 of 7 seats (fewer than 5: re-elected), the second alternate seated
    # before the first, seats vacant; every new compound: its first assembly due
    e = govmodel.assess(vacant(30), "owners_committee_guidance")
    assert len(e.rule("owners_committee_guidance.alternates").findings) == 60
    assert len(e.rule("owners_committee_guidance.re_election").findings) == 30
    assert len(e.rule("owners_committee_guidance.first_assembly").findings) == 30


def test_every_pack_is_guarded() -> None:
    installed = govmodel.models.names()
    laws = {n for n in installed if govmodel.models.get(n).__module__.startswith(LAW)}
    assert set(SIZES) == set(PACKS) == laws


@pytest.mark.parametrize(
    ("pack", "shape"), [(pack, shape) for pack, sizes in SIZES.items() for shape in sizes]
)
def test_law_packs_assess_in_linear_time(pack: str, shape: str) -> None:
    assert_linear(_maker(shape), lambda s: govmodel.assess(s, pack), SIZES[pack][shape])
