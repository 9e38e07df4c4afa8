"""The owners' committee, Hangzhou and residents' committee packs held to the statutes as
``../shared/LAW.md`` states them, at the edges of their rules.

Each case asserts the exact findings ``(subject, severity, data)`` or the rule's status.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

import govmodel
from govmodel.models import GovernanceModel
from govmodel.models.law import rules_in_force
from govmodel.models.law.hangzhou import HangzhouOwnersCommittee
from govmodel.models.law.owners_committee import OwnersCommitteeGuidance
from govmodel.models.law.residents_committee import ResidentsCommitteeLaw
from govmodel.spec import Observation, Organization, Person, Post, Structure, Tie, Unit
from govmodel.vocab import Term
from tests.law.test_edges import findings, status

OC = OwnersCommitteeGuidance
HZ = HangzhouOwnersCommittee

Got = list[tuple[str | None, str, dict[str, Any]]]


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


# ================================================================================================
# hangzhou_owners_committee.report_expiry
#
# LAW.md (Hangzhou [P], 2019-02-16): "terms of 3–5 years; report 3 months before expiry".

REPORT = "hangzhou_owners_committee.report_expiry"
TERM = "owners_committee_guidance.term"


def committees(*orgs: Organization) -> Structure:
    """Committees of five in a compound of 500 households."""
    people: list[Person] = []
    posts: list[Post] = []
    for o in orgs:
        p, q = staffed(o.id, 5)
        people += p
        posts += q
    return Structure(
        units=[Unit("x", "compound", attributes={"households": 500})],
        organizations=list(orgs),
        people=people,
        posts=posts,
    )


def report(due: str, by: str) -> tuple[str, str, dict[str, Any]]:
    return ("oc", "warning", {"due": due, "by": by})


@pytest.mark.parametrize(
    ("years", "day", "term", "found"),
    [
        # 6 years is longer than Hangzhou allows: the term rule dates the re-election by 5
        # (ended 2025-01-01), and the report falls due 3 months before that
        pytest.param(
            6, "2025-06-01", "2025-01-01", [report("2025-01-01", "2024-10-01")], id="6-years"
        ),
        # 2 years is shorter: the term rule reads 3 (ended 2023-01-01); the report is not yet
        # due in 2022-06 (by the raw 2 years it would have been due 2021-10-01)
        pytest.param(2, "2022-06-01", None, [], id="2-years-before-the-report"),
        pytest.param(
            2, "2023-06-01", "2023-01-01", [report("2023-01-01", "2022-10-01")], id="2-years"
        ),
    ],
)
def test_report_expiry_reads_the_term_as_the_term_rule_does(
    years: int, day: str, term: str | None, found: Got
) -> None:
    s = committees(
        Organization("oc", "owners_committee", unit="x", term_start="2020-01-01", term_years=years)
    )
    assert findings(s, HZ, REPORT, day) == found
    overdue = [f[2]["due"] for f in findings(s, HZ, TERM, day) if "due" in f[2]]
    assert overdue == ([] if term is None else [term])
    assert [f[2]["due"] for f in found] == overdue


@pytest.mark.parametrize(
    ("start", "years", "day", "found"),
    [
        # the term ends after 9999-12-31, its report before: due 3 months before the end
        pytest.param("9997-01-15", 3, "9999-10-15", [], id="report-day"),
        pytest.param(
            "9997-01-15", 3, "9999-10-16", [report("10000-01-15", "9999-10-15")], id="after"
        ),
        # the report too falls after the calendar's end: never due
        pytest.param("9999-12-31", 5, "9999-12-31", [], id="both-beyond"),
        pytest.param("9999", 3, "9999-12-31", [], id="partial-date"),
        # 29 February of a leap year, 4 years on: 10000 is a leap year too
        pytest.param(
            "9996-02-29", 4, "9999-12-31", [report("10000-02-29", "9999-11-29")], id="leap"
        ),
    ],
)
def test_terms_ending_after_the_last_day_of_the_calendar(
    start: str, years: int, day: str, found: Got
) -> None:
    # add_years raised ValueError (year 10000 is out of range): the term, filing, first
    # meeting and report rules crashed
    s = committees(
        Organization(
            "oc",
            "owners_committee",
            unit="x",
            term_start=start,
            term_years=years,
            attributes={"filed": start, "first_meeting": start},
        )
    )
    assert findings(s, HZ, REPORT, day) == found
    for rule in (
        TERM,
        "owners_committee_guidance.filing",
        "owners_committee_guidance.first_meeting",
    ):
        assert findings(s, HZ, rule, day) == []
        assert findings(s, OC, rule, day) == []


def test_the_residents_committee_term_at_the_last_day_of_the_calendar() -> None:
    s = Structure(
        units=[Unit("x", "community", attributes={"households": 2000})],
        organizations=[
            Organization("rc", "residents_committee", unit="x", term_start="9999-06-01")
        ],
    )
    assert findings(s, ResidentsCommitteeLaw, "residents_committee_law.term", "9999-12-31") == []


def test_report_expiry_before_the_rules_were_in_force_is_not_examined() -> None:
    """Elected 2014-05-15 for 5 years: the report fell due 2019-02-15, the day before the
    answer of 2019-02-16; elected a day later, it falls due on that day and is examined."""
    early = Organization("oc", "owners_committee", unit="x", term_start="2014-05-15")
    assert status(committees(early), HZ, REPORT, "2019-03-01") == "not_applicable"
    late = Organization("oc2", "owners_committee", unit="x", term_start="2014-05-16")
    r = govmodel.assess(committees(early, late), HZ, as_of="2019-03-01").rule(REPORT)
    assert r.examined == 1
    assert [(f.subject, dict(f.data)) for f in r.findings] == [
        ("oc2", {"due": "2019-05-16", "by": "2019-02-16"})
    ]


# ================================================================================================
# residents_committee_law.convening
#
# LAW.md (Organic Law, 2018 art. 10): "on the request of ≥ 1/5 of the adult residents, ≥ 1/5
# of the households, or ≥ 1/3 of the residents' groups". Whether a meeting was convened is
# recorded or not; an unrecorded one is not a meeting that was not convened.

RC = ResidentsCommitteeLaw
CONVENING = "residents_committee_law.convening"
REQUEST = Term("indicators", "convening_request", "request to convene", "提议召集", type="count")


def request(value: int, **attributes: Any) -> Structure:
    return Structure(
        units=[Unit("c", "community", "Old Lane")],
        organizations=[Organization("rc", "residents_committee", unit="c")],
        observations=[Observation("q", "rc", "convening_request", value, attributes=attributes)],
        vocabulary=(REQUEST,),
    )


@pytest.mark.parametrize(
    ("value", "of"),
    [
        pytest.param(120, 600, id="exactly-a-fifth"),
        pytest.param(300, 600, id="half"),
    ],
)
def test_convening_unrecorded_is_a_gap_not_a_failure_to_convene(value: int, of: int) -> None:
    got = findings(request(value, basis="residents", of=of), RC, CONVENING, "2026")
    path = "$.observations[?(@.id=='q')].attributes.convened"
    assert got == [("rc", "warning", {"problem": "missing-field", "path": path})]


def test_convening_unrecorded_below_the_share_obliged_nothing() -> None:
    """119 of 600 is less than 1/5: nothing was owed, so whether it was convened does not
    matter."""
    s = request(119, basis="residents", of=600)
    assert findings(s, RC, CONVENING, "2026") == []
    assert status(s, RC, CONVENING, "2026") == "passed"


def test_convening_recorded_as_not_convened_is_still_an_error() -> None:
    got = findings(request(120, basis="residents", of=600, convened=False), RC, CONVENING, "2026")
    assert got == [("rc", "error", {"request": "q", "asked": 120, "of": 600})]


# ================================================================================================
# Citations: the article, version and source each rule gives are what LAW.md states.


def rule_spec(pack: type[GovernanceModel], rule_id: str) -> Any:
    (spec,) = [r for r in pack.rules() if r.id == rule_id]
    return spec


@pytest.mark.parametrize(
    ("rule_id", "article"),
    [
        # "Size: 5–11 members, an odd number (art. 31). Term: at most 5 years, re-eligible
        # (art. 32)." "Filing ... within 30 days (art. 33; ...)."
        ("owners_committee_guidance.size", "31"),
        ("owners_committee_guidance.term", "32"),
        ("owners_committee_guidance.filing", "33"),
    ],
)
def test_owners_committee_articles_given(rule_id: str, article: str) -> None:
    assert rule_spec(OC, rule_id).article == article


@pytest.mark.parametrize(
    ("pack", "rule_id"),
    [
        # "First meeting, to elect the chair, within 7 days of the election." (no article)
        (OC, "owners_committee_guidance.first_meeting"),
        # "... is disqualified [S local rules]." (no article)
        (OC, "owners_committee_guidance.conflict"),
        # "Vacancies: alternates fill seats in rank order. Re-elect when members fall below
        # half the set size or below 5 [S local rules]." (no article)
        (OC, "owners_committee_guidance.re_election"),
        (OC, "owners_committee_guidance.alternates"),
        # "First assembly: when more than 50 % of the area is delivered, or 2 years after the
        # first delivery with at least 20 % delivered (variants by city) [S]." (no article)
        (OC, "owners_committee_guidance.first_assembly"),
        # "revised 2025-10-28 ... [S] | scale | 1,000–3,000 households" (no article)
        (RC, "residents_committee_law.scale_2026"),
    ],
)
def test_no_article_number_where_law_md_gives_none(
    pack: type[GovernanceModel], rule_id: str
) -> None:
    spec = rule_spec(pack, rule_id)
    assert not re.search(r"\d", spec.article), spec.article
    assert "article not given" in spec.article
    assert spec.source.startswith("[S]")


@pytest.mark.parametrize("rid", ["conflict", "re_election", "alternates"])
def test_local_rules_are_cited_as_local_rules(rid: str) -> None:
    spec = rule_spec(OC, f"owners_committee_guidance.{rid}")
    assert "local rules" in spec.article
    assert "local rules" in spec.source


@pytest.mark.parametrize("day", ["2026-01-01", "2030-06-30"])
def test_residents_rules_applying_the_2018_text_after_the_revision_say_it_is_unverified(
    day: str,
) -> None:
    """ "revised | size, term | not verified: one secondary source says 5–9 and 5 years,
    unchanged"; nothing is said of arts. 9-10 after the revision."""
    carried = {r.id: r for r in rules_in_force(RC, day) if r.version.startswith("1989, amended")}
    assert sorted(carried) == [
        "residents_committee_law.convening",
        "residents_committee_law.meeting",
        "residents_committee_law.size",
        "residents_committee_law.term",
    ]
    for r in carried.values():
        assert "2025 revision" in r.version, r.id
        assert "not verified" in r.version, r.id
        assert r.source.startswith("[P]"), r.id
        assert "not verified" in r.source or "not read" in r.source, r.id
    for name in ("size", "term"):
        r = carried[f"residents_committee_law.{name}"]
        assert "unchanged" in r.version, r.id
        assert "[S]" in r.version, r.id
    for name in ("meeting", "convening"):
        r = carried[f"residents_committee_law.{name}"]
        assert "unchanged" not in r.version, r.id


def test_conflict_reads_a_members_spouse_and_direct_relatives() -> None:
    """A member whose spouse works for the hired company, or whose direct relative works for
    a company it leads, is disqualified; the tie is read either way; kin of a member who
    works elsewhere, and a tie to someone who is no person, are no conflict."""
    s = conflicted({})
    kin = [Person("spouse"), Person("son"), Person("aunt")]
    jobs = [
        Post("job-spouse", "spouse", "pc", "staff"),
        Post("job-son", "son", "pc-sub", "staff"),
        Post("job-aunt", "aunt", "other", "staff"),
    ]
    ties = [
        Tie("k1", "oc-p0", "spouse", "spouse_of"),
        Tie("k2", "son", "oc-p1", "relative_of"),  # read either way
        Tie("k3", "oc-p2", "aunt", "relative_of"),  # her company was not hired
        Tie("k4", "oc-p3", "pc", "spouse_of"),  # no person: no kin
    ]
    s = Structure(
        units=s.units,
        organizations=s.organizations,
        people=[*s.people, *kin],
        posts=[*s.posts, *jobs],
        ties=[*s.ties, *ties],
    )
    assert findings(s, OC, "owners_committee_guidance.conflict", "2026") == [
        (
            "oc-p0",
            "error",
            {"committee": "oc", "company": "pc", "relative": "spouse", "relation": "spouse_of"},
        ),
        (
            "oc-p1",
            "error",
            {
                "committee": "oc",
                "company": "pc",
                "affiliate": "pc-sub",
                "relative": "son",
                "relation": "relative_of",
            },
        ),
    ]
    found = govmodel.assess(s, OC, as_of="2026").rule("owners_committee_guidance.conflict")
    assert "spouse" in found.findings[0].message
    assert "配偶" in found.findings[0].message_zh
