"""Cases an audit of the owners' committee, Hangzhou and residents' committee packs found
wrong, each against /work/shared/LAW.md.

Each case asserts the exact findings ``(subject, severity, data)`` or the rule's status.
"""

from __future__ import annotations

from typing import Any

import govmodel
from govmodel.models import GovernanceModel
from govmodel.models.law.owners_committee import OwnersCommitteeGuidance
from govmodel.spec import Organization, Person, Post, Structure, Tie, Unit

OC = OwnersCommitteeGuidance

Got = list[tuple[str | None, str, dict[str, Any]]]


def findings(s: Structure, pack: type[GovernanceModel], rule: str, as_of: str) -> Got:
    """The findings of one rule: ``(subject, severity, data)``, in order."""
    r = govmodel.assess(s, pack, as_of=as_of).rule(rule)
    return [(f.subject, f.severity, dict(f.data)) for f in r.findings]


def status(s: Structure, pack: type[GovernanceModel], rule: str, as_of: str) -> str:
    return govmodel.assess(s, pack, as_of=as_of).rule(rule).status


def staffed(org: str, n: int) -> tuple[list[Person], list[Post]]:
    """``n`` people, each a member of ``org``."""
    people = [Person(f"{org}-p{i}") for i in range(n)]
    posts = [Post(f"{org}-post{i}", p.id, org, "member") for i, p in enumerate(people)]
    return people, posts


# ================================================================================================
# owners_committee_guidance.conflict
#
# LAW.md: "Conflict of interest: a member, a spouse or a direct relative working for the hired
# property-service company (or its affiliates) is disqualified [S local rules]."


def conflicted(jobs: dict[str, str], hired: bool = True) -> Structure:
    """A committee of five in compound ``x``; ``pc`` manages ``x`` when ``hired``; ``pc-sub``
    is led by ``pc``, ``pc-shop`` by ``pc-sub``, ``other`` by nobody, ``other-sub`` by
    ``other``; ``jobs`` maps a member to the organization where they work."""
    people, posts = staffed("oc", 5)
    return Structure(
        units=[Unit("x", "compound", attributes={"households": 420})],
        organizations=[
            Organization("oc", "owners_committee", unit="x"),
            Organization("pc", "property_company"),
            Organization("pc-sub", "property_company", parent="pc"),
            Organization("pc-shop", "property_company", parent="pc-sub"),
            Organization("other", "property_company"),
            Organization("other-sub", "property_company", parent="other"),
        ],
        people=people,
        posts=[
            *posts,
            *(Post(f"job-{p}", p, org, "staff") for p, org in sorted(jobs.items())),
        ],
        ties=[Tie("t", "pc", "x", "manages")] if hired else [],
    )


def test_conflict_counts_an_organization_the_hired_company_leads() -> None:
    """A post in a subsidiary of the hired company (its ``parent``), or in one further down
    the chain, is a post with the company's affiliate; a company it does not lead is not."""
    s = conflicted({"oc-p0": "pc", "oc-p1": "pc-sub", "oc-p2": "pc-shop", "oc-p3": "other-sub"})
    assert findings(s, OC, "owners_committee_guidance.conflict", "2026") == [
        ("oc-p0", "error", {"committee": "oc", "company": "pc"}),
        ("oc-p1", "error", {"committee": "oc", "company": "pc", "affiliate": "pc-sub"}),
        ("oc-p2", "error", {"committee": "oc", "company": "pc", "affiliate": "pc-shop"}),
    ]


def test_conflict_an_affiliate_alone_fails_the_rule() -> None:
    s = conflicted({"oc-p4": "pc-sub"})
    assert status(s, OC, "owners_committee_guidance.conflict", "2026") == "failed"


def test_conflict_examines_only_committees_with_a_hired_company() -> None:
    """With no property-service company hired there is nothing to compare: the rule is not
    applicable, not passed; a committee with a hired company beside one without is the only
    one examined."""
    s = conflicted({"oc-p0": "other"}, hired=False)
    assert status(s, OC, "owners_committee_guidance.conflict", "2026") == "not_applicable"
    both = conflicted({})
    both = Structure(
        units=[*both.units, Unit("y", "compound")],
        organizations=[*both.organizations, Organization("oc2", "owners_committee", unit="y")],
        people=both.people,
        posts=both.posts,
        ties=both.ties,
    )
    r = govmodel.assess(both, OC, as_of="2026").rule("owners_committee_guidance.conflict")
    assert (r.status, r.examined) == ("passed", 1)
