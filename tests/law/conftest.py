"""A small community for the law packs' tests: two residents' committees either side of the
2026 scale, owners' committees that break the 2009 guidance in known ways, an owners'
assembly that raised maintenance funds by a simple majority, party branches of known size."""

from __future__ import annotations

from typing import Any

import pytest

from govmodel.metrics.voting import owners_assembly_rule
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
from govmodel.vocab import Term

VOCABULARY = (
    Term(
        "organization_kinds",
        "residents_meeting",
        "residents' meeting",
        "居民会议",
        sector="self_governance",
    ),
    Term("indicators", "convening_request", "request to convene", "提议召集", type="count"),
)


def _people(prefix: str, n: int, party: str | None = None) -> list[Person]:
    return [Person(f"{prefix}{i}", f"{prefix} {i}", party=party) for i in range(n)]


def _posts(org: str, people: list[Person], roles: list[str]) -> list[Post]:
    return [Post(f"{org}-post-{p.id}", p.id, org, r) for p, r in zip(people, roles, strict=True)]


def build(**changes: Any) -> Structure:
    """The community; keyword arguments replace organizations' attributes by id."""
    units = [
        Unit("d", "district", "Xiacheng"),
        Unit("s", "street", "Chaohui", parent="d"),
        Unit("ca", "community", "Old Lane", parent="s", attributes={"households": 600}),
        Unit("cb", "community", "New Park", parent="s", attributes={"households": 1800}),
        Unit("x1", "compound", "Lanyuan", parent="ca", attributes={"households": 96}),
        Unit("x2", "compound", "Guihua", parent="cb", attributes={"households": 420}),
        Unit("b1", "building", "Building 1", parent="x2"),
        Unit("h1", "household", "1-101", parent="b1", attributes={"floor_area_m2": 89.5}),
        Unit("h2", "household", "1-102", parent="b1", attributes={"floor_area_m2": 120.25}),
        Unit(
            "h3",
            "household",
            "1-103",
            parent="b1",
            attributes={"floor_area_m2": 90.25, "use": "business"},
        ),
    ]
    rc_a = _people("ra", 7)
    rc_b = _people("rb", 4)
    oc1 = _people("ow", 5)
    oc2 = _people("ob", 6)
    branch = _people("pm", 2, "active") + _people("pp", 1, "probationary")
    big = _people("pg", 8, "active")
    people = rc_a + rc_b + oc1 + oc2 + branch + big
    member_roles = ["chair", "vice_chair", "committee_member", "committee_member", "member"]
    orgs = [
        Organization(
            "rca",
            "residents_committee",
            "Old Lane RC",
            unit="ca",
            attributes={"term_start": "2021-05-15"},
        ),
        Organization(
            "rcb",
            "residents_committee",
            "New Park RC",
            unit="cb",
            attributes={"term_start": "2021-05-15"},
        ),
        Organization("rm", "residents_meeting", "Old Lane residents' meeting", unit="ca"),
        Organization(
            "oc1",
            "owners_committee",
            "Lanyuan OC",
            unit="x1",
            attributes={
                "term_start": "2023-03-01",
                "term_years": 5,
                "filed": "2023-03-20",
                "first_meeting": "2023-03-05",
            },
        ),
        Organization(
            "oc2",
            "owners_committee",
            "Guihua OC",
            unit="x2",
            attributes={
                "term_start": "2019-04-10",
                "term_years": 5,
                "filed": "2019-06-01",
                "first_meeting": "2019-04-15",
            },
        ),
        Organization("oa2", "owners_assembly", "Guihua owners' assembly", unit="x2"),
        Organization("pc", "property_company", "Greenleaf Property", unit="x2"),
        Organization(
            "cpc",
            "community_party_committee",
            "New Park party committee",
            unit="cb",
            attributes={"term_start": "2021-04"},
        ),
        Organization("br1", "compound_party_branch", "Guihua branch", unit="x2", parent="cpc"),
        Organization("br2", "compound_party_branch", "Lanyuan branch", unit="x1", parent="cpc"),
    ]
    orgs = [
        Organization(o.id, o.kind, o.name, o.unit, o.parent, {**o.attributes, **changes[o.id]})
        if o.id in changes
        else o
        for o in orgs
    ]
    posts = (
        _posts("rca", rc_a, ["chair", "vice_chair", *["committee_member"] * 5])
        + _posts("rcb", rc_b, ["chair", *["committee_member"] * 3])
        + _posts("oc1", oc1, member_roles)
        + _posts("oc2", oc2, [*member_roles, "member"])
        + [Post("job", "ob5", "pc", "staff")]
        + _posts("br1", branch, ["secretary", "party_member", "party_member"])
        + _posts("br2", big, ["secretary", "deputy_secretary", *["party_member"] * 6])
        + _posts("cpc", [rc_a[0], *big[:4]], ["secretary", *["committee_member"] * 4])
    )
    ties = [Tie("t1", "pc", "x2", "manages")]
    decisions = [
        Decision(
            "raise-funds",
            "oa2",
            "raise the maintenance funds",
            rule=VotingRule("1/2", "present", strict=True, quorum="2/3", by_area=True),
            date="2025-03-01",
            count=Tally(members=420, present=300, yes=200),
            area=Tally(members=38000.5, present=27000.25, yes=18000.75),
            outcome="passed",
            attributes={"matter": "raise_maintenance_funds"},
        ),
        Decision(
            "hire",
            "oa2",
            "hire Greenleaf",
            rule=owners_assembly_rule("property_service"),
            date="2024-06-01",
            count=Tally(members=420, present=300, yes=200),
            area=Tally(members=38000.5, present=27000.25, yes=18000.75),
            outcome="passed",
            attributes={"matter": "property_service"},
        ),
        Decision(
            "park",
            "rm",
            "a new parking plan",
            count=Tally(members=500, present=240, yes=200),
            outcome="passed",
        ),
    ]
    observations = [
        Observation(
            "req1",
            "rca",
            "convening_request",
            130,
            attributes={"basis": "residents", "of": 600, "convened": False},
        ),
        Observation(
            "req2",
            "rca",
            "convening_request",
            100,
            attributes={"basis": "residents", "of": 600, "convened": False},
        ),
    ]
    return Structure(
        units=units,
        organizations=orgs,
        people=people,
        posts=posts,
        ties=ties,
        decisions=decisions,
        observations=observations,
        vocabulary=VOCABULARY,
    )


@pytest.fixture
def community() -> Structure:
    return build()
