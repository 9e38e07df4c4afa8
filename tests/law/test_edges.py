"""Every rule of every law pack at its edges, on hand-made minimal structures.

For each threshold: exactly at the bound, one below, one above; for each date: the day a
period ends and the day after, partial dates, leap days; for each value a rule reads: absent
and malformed. Each case asserts the exact findings: ``(subject, severity, data)``.

The law is /work/shared/LAW.md's digest: Civil Code arts. 278, 279 and 1259 (以上 includes
the number, 过半数 is more than half), arts. 201-203 (a period starts the day after the event
and runs to the end of its last day; a year's period ends on the same date, or the month's
last day); the Organic Law of Urban Residents' Committees arts. 6-10 (2018, and the scale of
the 2025 revision in force 2026-01-01); the 2009 guidance on owners' committees arts. 31-33;
Hangzhou's answer of 2019-02-16; the party rules.
"""

from __future__ import annotations

import itertools
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest

import govmodel
import govmodel.models.law as law
from govmodel.metrics.voting import outcome, owners_assembly_rule
from govmodel.models import GovernanceModel
from govmodel.models.law.civil_code import CivilCode
from govmodel.models.law.hangzhou import HangzhouOwnersCommittee
from govmodel.models.law.owners_committee import OwnersCommitteeGuidance
from govmodel.models.law.party import PartyOrganizations
from govmodel.models.law.residents_committee import ResidentsCommitteeLaw
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
    Vote,
    VotingRule,
)
from govmodel.vocab import Term

Got = list[tuple[str | None, str, dict[str, Any]]]


def findings(s: Structure, pack: type[GovernanceModel], rule: str, as_of: str) -> Got:
    """The findings of one rule: ``(subject, severity, data)``, in order."""
    r = govmodel.assess(s, pack, as_of=as_of).rule(rule)
    return [(f.subject, f.severity, dict(f.data)) for f in r.findings]


def status(s: Structure, pack: type[GovernanceModel], rule: str, as_of: str) -> str:
    return govmodel.assess(s, pack, as_of=as_of).rule(rule).status


def gap(subject: str, problem: str, path: str) -> tuple[str, str, dict[str, Any]]:
    """A warning that a rule cannot examine ``subject``."""
    return (subject, "warning", {"problem": problem, "path": path})


def org_attr(org: str, name: str) -> str:
    return f"$.organizations[?(@.id=={org!r})].attributes.{name}"


def org_field(org: str, name: str) -> str:
    return f"$.organizations[?(@.id=={org!r})].{name}"


def staffed(org: str, n: int, role: str = "member", party: str | None = None) -> tuple:
    """``n`` people, each holding a post of ``role`` in ``org``."""
    people = [Person(f"{org}-p{i}", party=party) for i in range(n)]
    posts = [Post(f"{org}-post{i}", p.id, org, role) for i, p in enumerate(people)]
    return people, posts


# ================================================================================================
# Organic Law of Urban Residents' Committees


RC = ResidentsCommitteeLaw
VOCAB = (
    Term("organization_kinds", "residents_meeting", "residents' meeting", "居民会议"),
    Term("indicators", "convening_request", "request to convene", "提议召集", type="count"),
)


def community(
    households: object = 600, *, members: int = 5, rc: dict[str, Any] | None = None
) -> Structure:
    attributes = {} if households is None else {"households": households}
    people, posts = staffed("rc", members, "committee_member")
    return Structure(
        units=[Unit("c", "community", "Old Lane", attributes=attributes)],
        organizations=[
            Organization("rc", "residents_committee", "Old Lane RC", unit="c", **(rc or {}))
        ],
        people=people,
        posts=posts,
    )


@pytest.mark.parametrize(
    ("households", "found"),
    [
        pytest.param(99, [("c", "warning", {"households": 99})], id="99-one-below-100"),
        pytest.param(100, [], id="100-at-the-floor"),
        pytest.param(700, [], id="700-at-the-ceiling"),
        pytest.param(701, [("c", "warning", {"households": 701})], id="701-one-above-700"),
        pytest.param(700.0, [], id="700.0-a-whole-float"),
    ],
)
def test_scale_2018(households: object, found: Got) -> None:
    """Art. 6 (2018): 一百户至七百户, both ends included."""
    s = community(households)
    assert findings(s, RC, "residents_committee_law.scale_2018", "2025-12-31") == found


@pytest.mark.parametrize(
    ("households", "found"),
    [
        pytest.param(999, [("c", "warning", {"households": 999})], id="999-one-below-1000"),
        pytest.param(1000, [], id="1000-at-the-floor"),
        pytest.param(3000, [], id="3000-at-the-ceiling"),
        pytest.param(3001, [("c", "warning", {"households": 3001})], id="3001-one-above-3000"),
    ],
)
def test_scale_2026(households: int, found: Got) -> None:
    """The 2025 revision, in force 2026-01-01: 1,000 to 3,000 households."""
    s = community(households)
    assert findings(s, RC, "residents_committee_law.scale_2026", "2026-01-01") == found


@pytest.mark.parametrize(
    ("day", "in_force", "idle"),
    [
        pytest.param("2025-12-31", "scale_2018", "scale_2026", id="2025-12-31-the-2018-scale"),
        pytest.param("2026-01-01", "scale_2026", "scale_2018", id="2026-01-01-the-2026-scale"),
        pytest.param("2025-12", "scale_2018", "scale_2026", id="2025-12-partial-its-first-day"),
        pytest.param("2026", "scale_2026", "scale_2018", id="2026-partial-its-first-day"),
    ],
)
def test_scale_changes_on_2026_01_01(day: str, in_force: str, idle: str) -> None:
    s = community(800)  # too many before 2026, too few after
    assert [f[0] for f in findings(s, RC, f"residents_committee_law.{in_force}", day)] == ["c"]
    assert status(s, RC, f"residents_committee_law.{idle}", day) == "not_applicable"


HH = "$.units[?(@.id=='c')].attributes.households"


@pytest.mark.parametrize(
    ("households", "problem"),
    [
        pytest.param(None, "missing-field", id="absent"),
        pytest.param("600", "wrong-type", id="a-string"),
        pytest.param(True, "wrong-type", id="true-is-not-1"),
        pytest.param(700.5, "wrong-type", id="a-fraction"),
        pytest.param(-1, "wrong-type", id="negative"),
    ],
)
@pytest.mark.parametrize("rule", ["scale_2018", "scale_2026"])
def test_scale_without_a_count_warns(households: object, problem: str, rule: str) -> None:
    """A community whose households cannot be read is not passed: a warning names where."""
    s = community(households)
    day = "2025-06-30" if rule == "scale_2018" else "2026-06-30"
    assert findings(s, RC, f"residents_committee_law.{rule}", day) == [gap("c", problem, HH)]


def test_scale_reads_the_latest_observation() -> None:
    s = community(None).replace(
        observations=[
            Observation("o1", "c", "households", 650, period="2024"),
            Observation("o2", "c", "households", 720, period="2025"),
        ]
    )
    found = findings(s, RC, "residents_committee_law.scale_2018", "2025-06-30")
    assert found == [("c", "warning", {"households": 720})]


@pytest.mark.parametrize(
    ("members", "found"),
    [
        pytest.param(4, [("rc", "error", {"members": 4})], id="4-one-below-5"),
        pytest.param(5, [], id="5-at-the-floor"),
        pytest.param(9, [], id="9-at-the-ceiling"),
        pytest.param(10, [("rc", "error", {"members": 10})], id="10-one-above-9"),
    ],
)
def test_size(members: int, found: Got) -> None:
    """Art. 7: 主任、副主任和委员共五至九人."""
    s = community(members=members)
    assert findings(s, RC, "residents_committee_law.size", "2026-06-30") == found


def overdue(org: str, start: str, due: str) -> tuple[str, str, dict[str, Any]]:
    return (org, "error", {"term_start": start, "due": due})


@pytest.mark.parametrize(
    ("start", "day", "found"),
    [
        # the 2018 text, 5 years: elected 2021-05-15, the last day of the term is 2026-05-15
        pytest.param("2021-05-15", "2026-05-15", [], id="5y-on-the-last-day"),
        pytest.param(
            "2021-05-15",
            "2026-05-16",
            [overdue("rc", "2021-05-15", "2026-05-15")],
            id="5y-the-day-after",
        ),
        # elected the day the 2018 amendment took effect: 5 years
        pytest.param("2018-12-29", "2023-12-29", [], id="elected-2018-12-29-5y-last-day"),
        pytest.param(
            "2018-12-29",
            "2023-12-30",
            [overdue("rc", "2018-12-29", "2023-12-29")],
            id="elected-2018-12-29-5y-day-after",
        ),
        # elected the day before: the 1989 text's 3 years
        pytest.param("2018-12-28", "2021-12-28", [], id="elected-2018-12-28-3y-last-day"),
        pytest.param(
            "2018-12-28",
            "2021-12-29",
            [overdue("rc", "2018-12-28", "2021-12-28")],
            id="elected-2018-12-28-3y-day-after",
        ),
        # a leap day: 2020-02-29 + 5 years has no 29 February, so the term ends on the 28th
        pytest.param("2020-02-29", "2025-02-28", [], id="leap-day-last-day-feb-28"),
        pytest.param(
            "2020-02-29",
            "2025-03-01",
            [overdue("rc", "2020-02-29", "2025-02-28")],
            id="leap-day-the-day-after",
        ),
        # a partial election date covers its month or year: overdue only once surely ended
        pytest.param("2021-05", "2026-05-31", [], id="partial-month-its-last-day"),
        pytest.param(
            "2021-05",
            "2026-06-01",
            [overdue("rc", "2021-05", "2026-05-31")],
            id="partial-month-after",
        ),
        pytest.param("2021", "2026-12-31", [], id="partial-year-its-last-day"),
        pytest.param(
            "2021", "2027-01-01", [overdue("rc", "2021", "2026-12-31")], id="partial-year-after"
        ),
        pytest.param("2021", "2027", [overdue("rc", "2021", "2026-12-31")], id="partial-as-of"),
        # elected after the assessment day: nothing to say yet
        pytest.param("2027-01-01", "2026-06-30", [], id="elected-later"),
    ],
)
def test_term(start: str, day: str, found: Got) -> None:
    """Art. 8: 5 years from 2018-12-29 (3 before); a term runs through its last day."""
    s = community(rc={"term_start": start})
    assert findings(s, RC, "residents_committee_law.term", day) == found


@pytest.mark.parametrize(
    ("start", "day", "found"),
    [
        pytest.param("2015-05-31", "2018-05-31", [], id="3y-on-the-last-day"),
        pytest.param(
            "2015-05-31",
            "2018-06-01",
            [overdue("rc", "2015-05-31", "2018-05-31")],
            id="3y-the-day-after",
        ),
    ],
)
def test_term_3(start: str, day: str, found: Got) -> None:
    """The 1989 text's art. 8, in force until 2018-12-28: 3 years."""
    s = community(rc={"term_start": start})
    assert findings(s, RC, "residents_committee_law.term_3", day) == found


def test_term_3_and_term_meet_on_2018_12_29() -> None:
    s = community(rc={"term_start": "2015-05-31"})
    assert status(s, RC, "residents_committee_law.term_3", "2018-12-28") == "failed"
    assert status(s, RC, "residents_committee_law.term", "2018-12-28") == "not_applicable"
    assert status(s, RC, "residents_committee_law.term_3", "2018-12-29") == "not_applicable"
    # the committee elected for 3 years in 2015 is overdue under the new text too
    got = findings(s, RC, "residents_committee_law.term", "2018-12-29")
    assert got == [overdue("rc", "2015-05-31", "2018-05-31")]


@pytest.mark.parametrize(
    ("rc", "found"),
    [
        pytest.param(
            {}, [gap("rc", "missing-field", org_field("rc", "term_start"))], id="no-term-start"
        ),
        pytest.param(
            {"attributes": {"term_start": 2021}},
            [gap("rc", "wrong-type", org_attr("rc", "term_start"))],
            id="term-start-a-number",
        ),
        pytest.param(
            {"term_start": "May 2021"},
            [gap("rc", "wrong-type", org_field("rc", "term_start"))],
            id="term-start-no-date",
        ),
        pytest.param(
            {"term_start": "2021-05-15", "attributes": {"term_years": True}},
            [gap("rc", "wrong-type", org_attr("rc", "term_years"))],
            id="term-years-true",
        ),
        pytest.param(
            {"term_start": "2021-05-15", "term_years": 3},
            [("rc", "error", {"term_years": 3})],
            id="term-years-not-the-statutes",
        ),
        pytest.param({"term_start": "2021-05-15", "term_years": 5}, [], id="term-years-5"),
    ],
)
def test_term_data(rc: dict[str, Any], found: Got) -> None:
    s = community(rc=rc)
    assert findings(s, RC, "residents_committee_law.term", "2026-01-01") == found


def wrong_term(years: int) -> tuple[str, str, dict[str, Any]]:
    return ("rc", "error", {"term_years": years})


@pytest.mark.parametrize(
    ("start", "years", "found"),
    [
        # a partial date that covers days either side of 2018-12-29: an election on
        # 2018-12-01..28 was for 3 years, one on 12-29..31 for 5; both are right for some day
        pytest.param("2018-12", 3, [], id="december-2018-3y"),
        pytest.param("2018-12", 5, [], id="december-2018-5y"),
        pytest.param("2018", 3, [], id="2018-3y"),
        pytest.param("2018", 5, [], id="2018-5y"),
        pytest.param("2018-12", 4, [wrong_term(4)], id="december-2018-4y-neither"),
        # a full date, or a partial one wholly on one side, allows one length
        pytest.param("2018-12-28", 3, [], id="the-day-before-3y"),
        pytest.param("2018-12-28", 5, [wrong_term(5)], id="the-day-before-5y"),
        pytest.param("2018-12-29", 3, [wrong_term(3)], id="the-day-of-3y"),
        pytest.param("2018-11", 5, [wrong_term(5)], id="november-2018-5y"),
        pytest.param("2019", 3, [wrong_term(3)], id="2019-3y"),
    ],
)
def test_term_years_with_a_partial_date(start: str, years: int, found: Got) -> None:
    """Art. 8 (3 years before 2018-12-29, 5 from then): a recorded term is wrong only when
    it is wrong whatever day a partial election date stands for."""
    s = community(rc={"term_start": start, "term_years": years})
    assert findings(s, RC, "residents_committee_law.term", "2020-06-30") == found


def test_term_years_neither_names_both() -> None:
    s = community(rc={"term_start": "2018-12", "term_years": 4})
    r = govmodel.assess(s, RC, as_of="2020-06-30").rule("residents_committee_law.term")
    assert [f.message for f in r.findings] == [
        "Old Lane RC (rc) is recorded as elected for 4 years; art. 8 sets 3 or 5 for a "
        "committee elected 2018-12"
    ]


def meeting(count: Tally | None, outcome: str | None = "passed") -> Structure:
    return Structure(
        units=[Unit("c", "community", "Old Lane")],
        organizations=[Organization("rm", "residents_meeting", unit="c")],
        decisions=[Decision("d", "rm", "a plan", count=count, outcome=outcome)],  # type: ignore[arg-type]
        vocabulary=VOCAB,
    )


COUNT = "$.decisions[?(@.id=='d')].count"


@pytest.mark.parametrize(
    ("count", "outcome", "found"),
    [
        # 过半数出席: 5 of 10 is half, not more than half
        pytest.param(
            Tally(members=10, present=5, yes=5),
            "passed",
            [("d", "error", {"members": 10, "present": 5, "yes": 5})],
            id="half-present",
        ),
        pytest.param(Tally(members=10, present=6, yes=4), "passed", [], id="6-of-10-present-4-yes"),
        # 出席人的过半数: 3 of 6 present is half
        pytest.param(
            Tally(members=10, present=6, yes=3),
            "passed",
            [("d", "error", {"members": 10, "present": 6, "yes": 3})],
            id="half-of-those-present",
        ),
        pytest.param(Tally(members=11, present=6, yes=4), "passed", [], id="6-of-11-odd"),
        pytest.param(Tally(members=10, present=5, yes=5), "failed", [], id="recorded-failed"),
        pytest.param(None, "passed", [gap("d", "missing-tally", COUNT)], id="no-count"),
        pytest.param(
            Tally(members=10, present=6),
            "passed",
            [gap("d", "missing-field", COUNT + ".yes")],
            id="no-yes",
        ),
        pytest.param(
            Tally(members=10, present=6, yes=True),  # type: ignore[arg-type]
            "passed",
            [gap("d", "wrong-type", COUNT + ".yes")],
            id="yes-true",
        ),
        pytest.param(
            Tally(members=10, present="6", yes=4),  # type: ignore[arg-type]
            "passed",
            [gap("d", "wrong-type", COUNT + ".present")],
            id="present-a-string",
        ),
        pytest.param(
            Tally(members=10, present=11, yes=6),
            "passed",
            [gap("d", "inconsistent-tally", COUNT)],
            id="more-present-than-members",
        ),
    ],
)
def test_meeting(count: Tally | None, outcome: str, found: Got) -> None:
    """Art. 9: more than half attend; more than half of those present decide."""
    assert findings(meeting(count, outcome), RC, "residents_committee_law.meeting", "2026") == found


@pytest.mark.parametrize(
    ("date", "examined"),
    [
        pytest.param("1985-05-01", False, id="before-the-law"),
        pytest.param("1989-12-31", False, id="the-day-before"),
        pytest.param("1989", False, id="partial-1989"),
        pytest.param("1990-01-01", True, id="the-laws-first-day"),
        pytest.param("1990", True, id="partial-1990"),
        pytest.param(None, True, id="undated"),
    ],
)
def test_meeting_from_1990(date: str | None, examined: bool) -> None:
    """The 1989 law is in force from 1990-01-01 (art. 23): a residents' meeting decided
    before then is not examined under its art. 9, as the other packs skip decisions taken
    before their law."""
    s = meeting(Tally(members=100, present=10, yes=6))
    s = s.replace(decisions=[attrs.evolve(s.decisions[0], date=date)])
    r = govmodel.assess(s, RC, as_of="2024-06-30").rule("residents_committee_law.meeting")
    assert (r.status, r.examined) == (("failed", 1) if examined else ("not_applicable", 0))


def request(value: object, **attributes: object) -> Structure:
    return Structure(
        units=[Unit("c", "community", "Old Lane")],
        organizations=[Organization("rc", "residents_committee", unit="c")],
        observations=[Observation("q", "rc", "convening_request", value, attributes=attributes)],  # type: ignore[arg-type]
        vocabulary=VOCAB,
    )


def obliged(asked: int, of: int) -> tuple[str, str, dict[str, Any]]:
    return ("rc", "error", {"request": "q", "asked": asked, "of": of})


@pytest.mark.parametrize(
    ("value", "attributes", "found"),
    [
        # 五分之一以上: 120 of 600 is exactly 1/5, and obliges
        pytest.param(119, {"basis": "residents", "of": 600}, [], id="residents-119-of-600"),
        pytest.param(
            120,
            {"basis": "residents", "of": 600, "convened": False},
            [obliged(120, 600)],
            id="residents-120-of-600",
        ),
        pytest.param(
            121,
            {"basis": "residents", "of": 600, "convened": False},
            [obliged(121, 600)],
            id="residents-121-of-600",
        ),
        pytest.param(
            20, {"basis": "households", "of": 101}, [], id="households-20-of-101-below-a-fifth"
        ),
        pytest.param(
            21,
            {"basis": "households", "of": 101, "convened": False},
            [obliged(21, 101)],
            id="households-21-of-101",
        ),
        # 三分之一以上 of the groups
        pytest.param(3, {"basis": "groups", "of": 10}, [], id="groups-3-of-10"),
        pytest.param(
            3,
            {"basis": "groups", "of": 9, "convened": False},
            [obliged(3, 9)],
            id="groups-3-of-9-exactly",
        ),
        pytest.param(
            4,
            {"basis": "groups", "of": 10, "convened": False},
            [obliged(4, 10)],
            id="groups-4-of-10",
        ),
        pytest.param(120, {"basis": "residents", "of": 600, "convened": True}, [], id="convened"),
        pytest.param(
            120, {"basis": "residents", "of": 600, "convened": "yes"}, [], id="convened-yes"
        ),
        pytest.param(
            120,
            {"basis": "residents", "of": 600, "convened": "no"},
            [obliged(120, 600)],
            id="convened-no",
        ),
    ],
)
def test_convening(value: int, attributes: dict[str, Any], found: Got) -> None:
    """Art. 10: 1/5 of the residents or households, 1/3 of the groups, at least."""
    assert (
        findings(request(value, **attributes), RC, "residents_committee_law.convening", "2026")
        == found
    )


Q = "$.observations[?(@.id=='q')]"


@pytest.mark.parametrize(
    ("value", "attributes", "problem", "path"),
    [
        pytest.param(120, {"of": 600}, "missing-field", Q + ".attributes.basis", id="no-basis"),
        pytest.param(
            120,
            {"basis": "people", "of": 600},
            "wrong-type",
            Q + ".attributes.basis",
            id="unknown-basis",
        ),
        pytest.param(
            120, {"basis": "residents"}, "missing-field", Q + ".attributes.of", id="no-of"
        ),
        pytest.param(
            1, {"basis": "groups", "of": True}, "wrong-type", Q + ".attributes.of", id="of-true"
        ),
        pytest.param(
            120,
            {"basis": "residents", "of": "600"},
            "wrong-type",
            Q + ".attributes.of",
            id="of-a-string",
        ),
        pytest.param(
            0,
            {"basis": "residents", "of": 0},
            "inconsistent-tally",
            Q + ".attributes.of",
            id="of-zero",
        ),
        pytest.param(
            601,
            {"basis": "residents", "of": 600},
            "inconsistent-tally",
            Q + ".attributes.of",
            id="more-asked-than-there-are",
        ),
        pytest.param(
            120.5,
            {"basis": "residents", "of": 600},
            "wrong-type",
            Q + ".value",
            id="asked-a-fraction",
        ),
        pytest.param(
            120,
            {"basis": "residents", "of": 600, "convened": "maybe"},
            "wrong-type",
            Q + ".attributes.convened",
            id="convened-maybe",
        ),
        # neither yes nor no: "" and "none" do not say the meeting was not convened
        pytest.param(
            120,
            {"basis": "residents", "of": 600, "convened": ""},
            "wrong-type",
            Q + ".attributes.convened",
            id="convened-empty",
        ),
        pytest.param(
            120,
            {"basis": "residents", "of": 600, "convened": "None"},
            "wrong-type",
            Q + ".attributes.convened",
            id="convened-none",
        ),
    ],
)
def test_convening_data(value: object, attributes: dict[str, Any], problem: str, path: str) -> None:
    got = findings(request(value, **attributes), RC, "residents_committee_law.convening", "2026")
    assert got == [gap("rc", problem, path)]


# ================================================================================================
# Owners' committees: the 2009 guidance and Hangzhou


OC = OwnersCommitteeGuidance
HZ = HangzhouOwnersCommittee


def compound(members: int = 5, households: object = 420, **committee: Any) -> Structure:
    people, posts = staffed("oc", members)
    attributes = {} if households is None else {"households": households}
    return Structure(
        units=[Unit("x", "compound", "Guihua", attributes=attributes)],
        organizations=[Organization("oc", "owners_committee", "Guihua OC", unit="x", **committee)],
        people=people,
        posts=posts,
    )


def size(members: int) -> tuple[str, str, dict[str, Any]]:
    return ("oc", "error", {"members": members})


@pytest.mark.parametrize(
    ("members", "found"),
    [
        pytest.param(3, [size(3)], id="3"),
        pytest.param(4, [size(4)], id="4-one-below-5"),
        pytest.param(5, [], id="5-at-the-floor"),
        pytest.param(6, [size(6)], id="6-even"),
        pytest.param(7, [], id="7"),
        pytest.param(10, [size(10)], id="10-even"),
        pytest.param(11, [], id="11-at-the-ceiling"),
        pytest.param(12, [size(12)], id="12-one-above-11"),
        pytest.param(13, [size(13)], id="13-odd-above-11"),
    ],
)
def test_owners_committee_size(members: int, found: Got) -> None:
    """Art. 31: 5至11人单数组成."""
    assert findings(compound(members), OC, "owners_committee_guidance.size", "2026") == found


@pytest.mark.parametrize(
    ("households", "members", "found"),
    [
        pytest.param(100, 3, [], id="100-households-3-members"),
        pytest.param(100, 5, [size(5)], id="100-households-5-members"),
        pytest.param(101, 3, [size(3)], id="101-households-3-members"),
        pytest.param(101, 5, [], id="101-households-5-members"),
        pytest.param(99, 3, [], id="99-households-3-members"),
        pytest.param(
            None,
            5,
            [gap("oc", "missing-field", "$.units[?(@.id=='x')].attributes.households")],
            id="no-households-cannot-tell",
        ),
        pytest.param(
            True,
            3,
            [gap("oc", "wrong-type", "$.units[?(@.id=='x')].attributes.households")],
            id="households-true",
        ),
    ],
)
def test_hangzhou_size(households: object, members: int, found: Got) -> None:
    """Hangzhou: 3 members for a compound of at most (以下: including) 100 households."""
    s = compound(members, households)
    assert findings(s, HZ, "owners_committee_guidance.size", "2026") == found


def test_hangzhou_size_without_a_compound() -> None:
    people, posts = staffed("oc", 5)
    s = Structure(
        organizations=[Organization("oc", "owners_committee")], people=people, posts=posts
    )
    got = findings(s, HZ, "owners_committee_guidance.size", "2026")
    assert got == [gap("oc", "missing-field", org_field("oc", "unit"))]
    # the national band needs no households
    assert findings(s, OC, "owners_committee_guidance.size", "2026") == []


@pytest.mark.parametrize(
    ("pack", "years", "found"),
    [
        pytest.param(OC, 1, [], id="national-1"),
        pytest.param(OC, 5, [], id="national-5-at-most"),
        pytest.param(OC, 6, [("oc", "error", {"term_years": 6})], id="national-6"),
        pytest.param(OC, 11, [("oc", "error", {"term_years": 11})], id="national-11"),
        pytest.param(HZ, 2, [("oc", "error", {"term_years": 2})], id="hangzhou-2"),
        pytest.param(HZ, 3, [], id="hangzhou-3"),
        pytest.param(HZ, 5, [], id="hangzhou-5"),
        pytest.param(HZ, 6, [("oc", "error", {"term_years": 6})], id="hangzhou-6"),
    ],
)
def test_owners_committee_term_length(pack: type[GovernanceModel], years: int, found: Got) -> None:
    """Art. 32: at most 5 years; Hangzhou: 3 to 5 years."""
    s = compound(term_start="2024-06-01", term_years=years)
    assert findings(s, pack, "owners_committee_guidance.term", "2024-12-31") == found


@pytest.mark.parametrize("pack", [OC, HZ], ids=["national", "hangzhou"])
@pytest.mark.parametrize(
    ("start", "years", "day", "found"),
    [
        pytest.param("2021-03-01", 5, "2026-03-01", [], id="5y-last-day"),
        pytest.param(
            "2021-03-01",
            5,
            "2026-03-02",
            [overdue("oc", "2021-03-01", "2026-03-01")],
            id="5y-after",
        ),
        pytest.param("2021-03-01", None, "2026-03-01", [], id="no-length-is-5-last-day"),
        pytest.param(
            "2021-03-01",
            None,
            "2026-03-02",
            [overdue("oc", "2021-03-01", "2026-03-01")],
            id="no-length-is-5-after",
        ),
        pytest.param("2024-02-29", 3, "2027-02-28", [], id="leap-3y-last-day"),
        pytest.param(
            "2024-02-29",
            3,
            "2027-03-01",
            [overdue("oc", "2024-02-29", "2027-02-28")],
            id="leap-3y-after",
        ),
        pytest.param("2024-02-29", 4, "2028-02-29", [], id="leap-4y-to-a-leap-day"),
        pytest.param("2023-03", 3, "2026-03-31", [], id="partial-month-last-day"),
        pytest.param(
            "2023-03",
            3,
            "2026-04-01",
            [overdue("oc", "2023-03", "2026-03-31")],
            id="partial-month-after",
        ),
    ],
)
def test_owners_committee_overdue(
    pack: type[GovernanceModel], start: str, years: int | None, day: str, found: Got
) -> None:
    s = compound(term_start=start, term_years=years)
    assert findings(s, pack, "owners_committee_guidance.term", day) == found


@pytest.mark.parametrize("pack", [OC, HZ], ids=["national", "hangzhou"])
@pytest.mark.parametrize(
    ("committee", "problem", "path"),
    [
        pytest.param({}, "missing-field", org_field("oc", "term_start"), id="no-term-start"),
        pytest.param(
            {"term_start": "2024-06-01", "term_years": True},
            "wrong-type",
            org_field("oc", "term_years"),
            id="term-years-true",
        ),
        pytest.param(
            {"term_start": "2024-06-01", "attributes": {"term_years": "5"}},
            "wrong-type",
            org_attr("oc", "term_years"),
            id="term-years-a-string",
        ),
        pytest.param(
            {"term_start": "2024-06-01", "attributes": {"term_years": 0}},
            "wrong-type",
            org_attr("oc", "term_years"),
            id="term-years-0",
        ),
    ],
)
def test_owners_committee_term_data(
    pack: type[GovernanceModel], committee: dict[str, Any], problem: str, path: str
) -> None:
    s = compound(**committee)
    assert findings(s, pack, "owners_committee_guidance.term", "2025") == [gap("oc", problem, path)]


def late(due: str) -> tuple[str, str, dict[str, Any]]:
    return ("oc", "error", {"due": due})


def unrecorded(due: str) -> tuple[str, str, dict[str, Any]]:
    return ("oc", "warning", {"due": due})


@pytest.mark.parametrize(
    ("rule", "start", "done", "day", "found"),
    [
        # 7日内: elected 2023-03-01, the seventh day after is 2023-03-08
        pytest.param(
            "first_meeting", "2023-03-01", "2023-03-08", "2026", [], id="meeting-on-day-7"
        ),
        pytest.param(
            "first_meeting",
            "2023-03-01",
            "2023-03-09",
            "2026",
            [late("2023-03-08")],
            id="meeting-on-day-8",
        ),
        pytest.param(
            "first_meeting", "2023-03-01", "2023-03-01", "2026", [], id="meeting-the-same-day"
        ),
        pytest.param(
            "first_meeting", "2023-03-01", None, "2023-03-08", [], id="meeting-unrecorded-on-day-7"
        ),
        pytest.param(
            "first_meeting",
            "2023-03-01",
            None,
            "2023-03-09",
            [unrecorded("2023-03-08")],
            id="meeting-unrecorded-on-day-8",
        ),
        pytest.param(
            "first_meeting", "2023-03-01", "2023-03", "2026", [], id="meeting-partial-month"
        ),
        pytest.param(
            "first_meeting",
            "2023-02-25",
            "2023-03",
            "2026",
            [],
            id="meeting-partial-could-be-in-time",
        ),
        pytest.param(
            "first_meeting",
            "2023-02-20",
            "2023-03",
            "2026",
            [late("2023-02-27")],
            id="meeting-partial-surely-late",
        ),
        pytest.param(
            "first_meeting", "2024-02-22", "2024-02-29", "2026", [], id="meeting-leap-day-7"
        ),
        # 30日内: elected 2023-03-01, the thirtieth day after is 2023-03-31
        pytest.param("filing", "2023-03-01", "2023-03-31", "2026", [], id="filing-on-day-30"),
        pytest.param(
            "filing",
            "2023-03-01",
            "2023-04-01",
            "2026",
            [late("2023-03-31")],
            id="filing-on-day-31",
        ),
        pytest.param(
            "filing", "2023-03-01", None, "2023-03-31", [], id="filing-unrecorded-on-day-30"
        ),
        pytest.param(
            "filing",
            "2023-03-01",
            None,
            "2023-04-01",
            [unrecorded("2023-03-31")],
            id="filing-unrecorded-day-31",
        ),
        pytest.param(
            "filing", "2024-02-01", "2024-03-02", "2026", [], id="filing-leap-february-day-30"
        ),
        pytest.param(
            "filing",
            "2024-02-01",
            "2024-03-03",
            "2026",
            [late("2024-03-02")],
            id="filing-leap-day-31",
        ),
        # a partial election: the deadline is counted from its last day
        pytest.param("filing", "2023-03", "2023-04-30", "2026", [], id="filing-partial-election"),
        pytest.param(
            "filing", "2023-03", None, "2023-04-30", [], id="filing-partial-unrecorded-last-day"
        ),
        pytest.param(
            "filing",
            "2023-03",
            None,
            "2023-05-01",
            [unrecorded("2023-04-30")],
            id="filing-partial-unrecorded-after",
        ),
        # as of a day: an election after it is not examined; an act after it was not yet done
        pytest.param(
            "first_meeting", "2023-03-01", "2023-03-20", "2022-06-30", [], id="elected-later"
        ),
        pytest.param("filing", "2023-03-01", "2023-05-01", "2022-06-30", [], id="filed-later"),
        pytest.param(
            "first_meeting",
            "2023-03-01",
            "2023-03-20",
            "2023-03-15",
            [unrecorded("2023-03-08")],
            id="meeting-after-the-day-is-not-yet-held",
        ),
        pytest.param(
            "first_meeting",
            "2023-03-01",
            "2023-03-20",
            "2023-03-20",
            [late("2023-03-08")],
            id="meeting-on-the-day-is-held",
        ),
    ],
)
def test_first_meeting_and_filing(
    rule: str, start: str, done: str | None, day: str, found: Got
) -> None:
    """Art. 31: first meeting within 7 days; art. 33: filing within 30 days (the days counted
    from the day after the election, the last one allowed whole: Civil Code arts. 201-203)."""
    attribute = "filed" if rule == "filing" else "first_meeting"
    attributes = {} if done is None else {attribute: done}
    s = compound(term_start=start, attributes=attributes)
    assert findings(s, OC, f"owners_committee_guidance.{rule}", day) == found


@pytest.mark.parametrize("rule", ["first_meeting", "filing"])
@pytest.mark.parametrize(
    ("committee", "problem", "path"),
    [
        pytest.param({}, "missing-field", org_field("oc", "term_start"), id="no-election"),
        pytest.param(
            {"term_start": "2023-03-01", "attributes": {"filed": "soon", "first_meeting": "soon"}},
            "wrong-type",
            None,
            id="not-a-date",
        ),
        pytest.param(
            {"term_start": "2023-03-01", "attributes": {"filed": 20230320, "first_meeting": True}},
            "wrong-type",
            None,
            id="a-number-or-a-bool",
        ),
        pytest.param(
            {
                "term_start": "2023-03-01",
                "attributes": {"filed": "2023-02", "first_meeting": "2023-02-28"},
            },
            "invalid-value",
            None,
            id="before-the-election",
        ),
    ],
)
def test_first_meeting_and_filing_data(
    rule: str, committee: dict[str, Any], problem: str, path: str | None
) -> None:
    attribute = "filed" if rule == "filing" else "first_meeting"
    s = compound(**committee)
    expected = gap("oc", problem, path or org_attr("oc", attribute))
    assert findings(s, OC, f"owners_committee_guidance.{rule}", "2026") == [expected]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param("2009-12-31", "not_applicable", id="the-day-before-the-guidance"),
        pytest.param("2010-01-01", "failed", id="the-guidances-first-day"),
    ],
)
def test_guidance_in_force_from_2010(day: str, expected: str) -> None:
    s = compound(6)
    assert status(s, OC, "owners_committee_guidance.size", day) == expected


def test_first_meeting_and_filing_before_the_guidance() -> None:
    """A committee whose deadline fell before 2010-01-01 is not subject to the guidance."""
    early = compound(term_start="2009-11-01")
    assert status(early, OC, "owners_committee_guidance.filing", "2026") == "not_applicable"
    assert status(early, OC, "owners_committee_guidance.first_meeting", "2026") == "not_applicable"
    # elected 2009-12-02: its 30 days end 2010-01-01, the guidance's first day
    straddling = compound(term_start="2009-12-02")
    got = findings(straddling, OC, "owners_committee_guidance.filing", "2026")
    assert got == [unrecorded("2010-01-01")]


DOCS = Path(__file__).resolve().parents[2] / "docs" / "law"


def test_a_last_day_on_a_holiday_is_not_moved_and_the_docs_say_so() -> None:
    """Civil Code art. 203 para. 1 moves a last day that is a statutory holiday to the day
    after the holiday; no official calendar is bundled, so it is not applied. Elected
    2023-09-01, the 30th day is 2023-10-01, in the 2023-09-29..10-06 holiday: a filing on
    2023-10-07 is allowed by the law and flagged by the rule, and the docs and docstrings
    that count "as the Civil Code counts periods" say so."""
    s = compound(term_start="2023-09-01", attributes={"filed": "2023-10-07"})
    assert findings(s, OC, "owners_committee_guidance.filing", "2024") == [late("2023-10-01")]
    said = re.compile(r"203 para\. 1\b[^.]*\bnot applied")
    for page in ("index.md", "owners_committee.md", "residents_committee.md", "party.md"):
        text = " ".join((DOCS / page).read_text(encoding="utf-8").replace("*", "").split())
        assert said.search(text), page
    for documented in (
        law.term_end,
        law.overdue,
        law.add_days,
        OwnersCommitteeGuidance.filing,
        OwnersCommitteeGuidance.first_meeting,
    ):
        assert said.search(" ".join((documented.__doc__ or "").replace("*", "").split())), (
            documented
        )


def report(due: str, by: str) -> tuple[str, str, dict[str, Any]]:
    return ("oc", "warning", {"due": due, "by": by})


@pytest.mark.parametrize(
    ("start", "reported", "day", "found"),
    [
        # elected 2021-05-31 for 5 years: the term ends 2026-05-31; 3 months before, 2026-02-28
        pytest.param("2021-05-31", "2026-02-28", "2026-06-30", [], id="on-the-day"),
        pytest.param(
            "2021-05-31",
            "2026-03-01",
            "2026-06-30",
            [report("2026-05-31", "2026-02-28")],
            id="a-day-late",
        ),
        pytest.param("2021-05-31", None, "2026-02-28", [], id="unrecorded-on-the-day"),
        pytest.param(
            "2021-05-31",
            None,
            "2026-03-01",
            [report("2026-05-31", "2026-02-28")],
            id="unrecorded-after",
        ),
        # 2024 is a leap year: 3 months before 2024-05-31 is 2024-02-29
        pytest.param("2019-05-31", "2024-02-29", "2024-06-30", [], id="leap-on-the-day"),
        pytest.param(
            "2019-05-31",
            "2024-03-01",
            "2024-06-30",
            [report("2024-05-31", "2024-02-29")],
            id="leap-late",
        ),
        pytest.param(
            "2021-05-31", "2026-02", "2026-06-30", [], id="partial-report-could-be-in-time"
        ),
        pytest.param(
            "2021-05-31",
            "2026-03",
            "2026-06-30",
            [report("2026-05-31", "2026-02-28")],
            id="partial-report-late",
        ),
    ],
)
def test_hangzhou_report_expiry(start: str, reported: str | None, day: str, found: Got) -> None:
    """Hangzhou: report to the street office 3 months before the term expires."""
    attributes = {} if reported is None else {"expiry_reported": reported}
    s = compound(term_start=start, term_years=5, attributes=attributes)
    assert findings(s, HZ, "hangzhou_owners_committee.report_expiry", day) == found


def test_hangzhou_report_expiry_data() -> None:
    s = compound(term_start="2021-05-31", attributes={"expiry_reported": True})
    got = findings(s, HZ, "hangzhou_owners_committee.report_expiry", "2026")
    assert got == [gap("oc", "wrong-type", org_attr("oc", "expiry_reported"))]
    s = compound()
    got = findings(s, HZ, "hangzhou_owners_committee.report_expiry", "2026")
    assert got == [gap("oc", "missing-field", org_field("oc", "term_start"))]


@pytest.mark.parametrize(
    ("day", "replaced"),
    [
        pytest.param("2019-02-15", "not_applicable", id="the-day-before-the-answer"),
        pytest.param("2019-02-16", "failed", id="the-day-of-the-answer"),
    ],
)
def test_hangzhou_in_force(day: str, replaced: str) -> None:
    s = compound(5, 96)  # five members where Hangzhou asks 3
    assert status(s, HZ, "owners_committee_guidance.size", day) == replaced


def test_conflict() -> None:
    """A member working for the company hired for the compound; a company not hired is no
    conflict."""
    people, posts = staffed("oc", 5)
    s = Structure(
        units=[Unit("x", "compound", attributes={"households": 420})],
        organizations=[
            Organization("oc", "owners_committee", unit="x"),
            Organization("pc", "property_company", unit="x"),
            Organization("other", "property_company"),
        ],
        people=people,
        posts=[
            *posts,
            Post("j1", "oc-p1", "pc", "staff"),
            Post("j2", "oc-p2", "other", "staff"),
        ],
        ties=[Tie("t", "pc", "x", "manages")],
    )
    got = findings(s, OC, "owners_committee_guidance.conflict", "2026")
    assert got == [("oc-p1", "error", {"committee": "oc", "company": "pc"})]


# ================================================================================================
# Party organizations


PARTY = PartyOrganizations


def party_org(
    kind: str,
    full: int,
    probationary: int = 0,
    seats: tuple[str, ...] = ("secretary",),
    unit_kind: str = "compound",
    **fields: Any,
) -> Structure:
    """A party organization of ``full`` full and ``probationary`` probationary members, the
    first of whom hold ``seats``; the rest hold plain ``party_member`` posts."""
    people = [Person(f"f{i}", party="active") for i in range(full)]
    people += [Person(f"p{i}", party="probationary") for i in range(probationary)]
    roles = [*seats, *["party_member"] * (len(people) - len(seats))]
    return Structure(
        units=[Unit("u", unit_kind, "Here")],
        organizations=[Organization("o", kind, "The organization", unit="u", **fields)],
        people=people,
        posts=[
            Post(f"post{i}", p.id, "o", r)
            for i, (p, r) in enumerate(zip(people, roles, strict=True))
        ],
    )


@pytest.mark.parametrize(
    ("full", "probationary", "found"),
    [
        pytest.param(2, 0, [("o", "error", {"full_members": 2})], id="2-full"),
        pytest.param(2, 5, [("o", "error", {"full_members": 2})], id="2-full-5-probationary"),
        pytest.param(3, 0, [], id="3-full"),
        pytest.param(4, 0, [], id="4-full"),
    ],
)
def test_branch_minimum(full: int, probationary: int, found: Got) -> None:
    """A branch where there are at least 3 full members (正式党员三人以上)."""
    s = party_org("compound_party_branch", full, probationary)
    assert findings(s, PARTY, "party_organizations.branch_minimum", "2026") == found


def test_branch_minimum_counts_mobile_full_members() -> None:
    s = party_org("compound_party_branch", 3)
    mobile = [attrs.evolve(p, mobility="mobile") for p in s.people]
    s = s.replace(people=mobile)
    assert findings(s, PARTY, "party_organizations.branch_minimum", "2026") == []


@pytest.mark.parametrize(
    ("members", "found"),
    [
        pytest.param(50, [], id="50-at-most"),
        pytest.param(51, [("o", "warning", {"members": 51})], id="51-above-50"),
    ],
)
def test_branch_size(members: int, found: Got) -> None:
    s = party_org(
        "party_branch",
        members - 10,
        10,
        seats=("secretary", "deputy_secretary", "committee_member"),
    )
    assert findings(s, PARTY, "party_organizations.branch_size", "2026") == found


@pytest.mark.parametrize("kind", ["party_branch", "community_party_general_branch"])
@pytest.mark.parametrize(
    ("members", "found"),
    [
        pytest.param(99, [], id="99"),
        pytest.param(100, [("o", "warning", {"members": 100})], id="100-or-more"),
    ],
)
def test_committee_threshold(kind: str, members: int, found: Got) -> None:
    s = party_org(
        kind,
        members,
        seats=(
            "secretary",
            "deputy_secretary",
            "committee_member",
            "committee_member",
            "committee_member",
        ),
    )
    assert findings(s, PARTY, "party_organizations.committee_threshold", "2026") == found


def seats_of(n: int) -> tuple[str, ...]:
    return (
        ("secretary", "deputy_secretary", *["committee_member"] * (n - 2))
        if n >= 2
        else ("secretary",) * n
    )


@pytest.mark.parametrize(
    ("kind", "seats", "found"),
    [
        pytest.param("compound_party_branch", 2, [("o", "warning", {"seats": 2})], id="branch-2"),
        pytest.param("compound_party_branch", 3, [], id="branch-3"),
        pytest.param("compound_party_branch", 5, [], id="branch-5"),
        pytest.param(
            "compound_party_branch", 6, [("o", "info", {"seats": 6})], id="branch-6-beyond-general"
        ),
        pytest.param(
            "compound_party_branch", 7, [("o", "info", {"seats": 7})], id="branch-7-at-most"
        ),
        pytest.param("compound_party_branch", 8, [("o", "warning", {"seats": 8})], id="branch-8"),
        pytest.param(
            "community_party_general_branch", 4, [("o", "warning", {"seats": 4})], id="general-4"
        ),
        pytest.param("community_party_general_branch", 5, [], id="general-5"),
        pytest.param("community_party_general_branch", 7, [], id="general-7"),
        pytest.param(
            "community_party_general_branch", 8, [("o", "info", {"seats": 8})], id="general-8"
        ),
        pytest.param(
            "community_party_general_branch", 9, [("o", "info", {"seats": 9})], id="general-9"
        ),
        pytest.param(
            "community_party_general_branch", 10, [("o", "warning", {"seats": 10})], id="general-10"
        ),
        pytest.param(
            "community_party_committee", 4, [("o", "warning", {"seats": 4})], id="committee-4"
        ),
        pytest.param("community_party_committee", 5, [], id="committee-5"),
        pytest.param("community_party_committee", 9, [], id="committee-9"),
        pytest.param(
            "community_party_committee", 10, [("o", "warning", {"seats": 10})], id="committee-10"
        ),
    ],
)
def test_committee_size(kind: str, seats: int, found: Got) -> None:
    """Branch 3-5 (at most 7), general branch 5-7 (at most 9), basic committee 5-9."""
    s = party_org(kind, 12, seats=seats_of(seats))
    assert findings(s, PARTY, "party_organizations.committee_size", "2026") == found


def small(secretaries: int, deputies: int, committee: int) -> tuple[str, str, dict[str, Any]]:
    data = {"secretaries": secretaries, "deputies": deputies, "committee_members": committee}
    return ("o", "warning", data)


def test_a_secretary_with_two_posts_is_one_secretary() -> None:
    s = party_org("compound_party_branch", 4, seats=("secretary",))
    s = s.replace(posts=[*s.posts, Post("again", "f0", "o", "secretary")])
    assert findings(s, PARTY, "party_organizations.committee_size", "2026") == []


@pytest.mark.parametrize(
    ("full", "seats", "found"),
    [
        pytest.param(6, ("secretary",), [], id="6-full-a-secretary"),
        pytest.param(6, ("secretary", "deputy_secretary"), [], id="6-full-and-a-deputy"),
        pytest.param(6, (), [small(0, 0, 0)], id="6-full-no-secretary"),
        pytest.param(
            6,
            ("secretary", "deputy_secretary", "deputy_secretary"),
            [small(1, 2, 0)],
            id="6-full-two-deputies",
        ),
        pytest.param(
            6, ("secretary", "committee_member"), [small(1, 0, 1)], id="6-full-a-committee"
        ),
        # 7 full members: a committee of 3 to 5 is required; 1 seat is too few
        pytest.param(
            7, ("secretary",), [("o", "warning", {"seats": 1})], id="7-full-a-secretary-only"
        ),
        pytest.param(
            7,
            ("secretary", "deputy_secretary", "committee_member"),
            [],
            id="7-full-a-committee-of-3",
        ),
    ],
)
def test_branch_below_and_at_seven(full: int, seats: tuple[str, ...], found: Got) -> None:
    """Fewer than 7 full members: a secretary, at most one deputy, no committee."""
    s = party_org("compound_party_branch", full, 3, seats=seats)
    assert findings(s, PARTY, "party_organizations.committee_size", "2026") == found


@pytest.mark.parametrize(
    ("kind", "unit_kind", "years", "found"),
    [
        pytest.param("community_party_committee", "community", 5, [], id="community-5"),
        pytest.param(
            "community_party_committee",
            "community",
            3,
            [("o", "error", {"term_years": 3})],
            id="community-3",
        ),
        pytest.param(
            "party_branch",
            "community",
            4,
            [("o", "error", {"term_years": 4})],
            id="branch-in-a-community-4",
        ),
        pytest.param("compound_party_branch", "compound", 3, [], id="branch-3"),
        pytest.param("compound_party_branch", "compound", 5, [], id="branch-5"),
        pytest.param(
            "compound_party_branch",
            "compound",
            2,
            [("o", "error", {"term_years": 2})],
            id="branch-2",
        ),
        pytest.param(
            "compound_party_branch",
            "compound",
            6,
            [("o", "error", {"term_years": 6})],
            id="branch-6",
        ),
    ],
)
def test_party_term_length(kind: str, unit_kind: str, years: int, found: Got) -> None:
    s = party_org(kind, 5, unit_kind=unit_kind, term_start="2024-06-01", term_years=years)
    assert findings(s, PARTY, "party_organizations.term", "2025") == found


@pytest.mark.parametrize(
    ("start", "years", "day", "found"),
    [
        pytest.param("2021-04-20", None, "2026-04-20", [], id="5y-last-day"),
        pytest.param(
            "2021-04-20",
            None,
            "2026-04-21",
            [overdue("o", "2021-04-20", "2026-04-20")],
            id="5y-after",
        ),
        pytest.param("2023-02-28", 3, "2026-02-28", [], id="3y-last-day"),
        pytest.param(
            "2023-02-28", 3, "2026-03-01", [overdue("o", "2023-02-28", "2026-02-28")], id="3y-after"
        ),
        pytest.param("2021-04", None, "2026-04-30", [], id="partial-last-day"),
    ],
)
def test_party_overdue(start: str, years: int | None, day: str, found: Got) -> None:
    s = party_org("compound_party_branch", 5, term_start=start, term_years=years)
    assert findings(s, PARTY, "party_organizations.term", day) == found


@pytest.mark.parametrize(
    ("fields", "problem", "path"),
    [
        pytest.param({}, "missing-field", org_field("o", "term_start"), id="no-term-start"),
        pytest.param(
            {"term_start": "2024", "attributes": {"term_years": True}},
            "wrong-type",
            org_attr("o", "term_years"),
            id="term-years-true",
        ),
        pytest.param(
            {"attributes": {"term_start": "spring"}},
            "wrong-type",
            org_attr("o", "term_start"),
            id="term-start-no-date",
        ),
    ],
)
def test_party_term_data(fields: dict[str, Any], problem: str, path: str) -> None:
    s = party_org("compound_party_branch", 5, **fields)
    assert findings(s, PARTY, "party_organizations.term", "2026") == [gap("o", problem, path)]


def test_party_rules_in_force_from_2018_10_28() -> None:
    s = party_org("compound_party_branch", 2)
    assert status(s, PARTY, "party_organizations.branch_minimum", "2018-10-27") == "not_applicable"
    assert status(s, PARTY, "party_organizations.branch_minimum", "2018-10-28") == "failed"


# ================================================================================================
# Civil Code


CC = CivilCode


def assembly(
    heads: tuple[object, ...],
    area: tuple[object, ...],
    matter: str = "property_service",
    *,
    rule: VotingRule | None = None,
    date: str | None = "2025-03-01",
    outcome: str = "passed",
) -> Structure:
    """A decision recorded as passed: ``(members, present, yes)`` by head and by area."""
    return Structure(
        units=[Unit("x", "compound", "Guihua")],
        organizations=[Organization("oa", "owners_assembly", unit="x")],
        decisions=[
            Decision(
                "d",
                "oa",
                "a motion",
                rule=rule or owners_assembly_rule(matter),
                date=date,
                count=Tally(*heads),  # type: ignore[arg-type]
                area=Tally(*area),  # type: ignore[arg-type]
                outcome=outcome,  # type: ignore[arg-type]
                matter=matter,
            )
        ],
    )


def fails(matter: str) -> tuple[str, str, dict[str, Any]]:
    return ("d", "error", {"matter": matter})


ORDINARY, MAJOR = "property_service", "raise_maintenance_funds"
A = "civil_code.assembly_threshold"


@pytest.mark.parametrize(
    ("heads", "area", "matter", "found"),
    [
        # participation: at least 2/3 of the owners AND of the area (以上 includes 2/3)
        pytest.param((90, 60, 31), (9000, 6000, 3001), ORDINARY, [], id="quorum-2/3-exactly-both"),
        pytest.param(
            (90, 59, 31),
            (9000, 6000, 3001),
            ORDINARY,
            [fails(ORDINARY)],
            id="quorum-heads-one-short",
        ),
        pytest.param(
            (90, 60, 31),
            (9000, 5999.99, 3001),
            ORDINARY,
            [fails(ORDINARY)],
            id="quorum-area-0.01-short",
        ),
        pytest.param(
            (90, 60, 31),
            (300.30, 200.20, 100.11),
            ORDINARY,
            [],
            id="quorum-area-decimals-exactly-2/3",
        ),
        # ordinary matters: more than half (过半数): exactly half fails
        pytest.param(
            (90, 60, 30), (9000, 6000, 3001), ORDINARY, [fails(ORDINARY)], id="half-by-head"
        ),
        pytest.param(
            (90, 60, 31), (9000, 6000, 3000), ORDINARY, [fails(ORDINARY)], id="half-by-area"
        ),
        pytest.param(
            (90, 60, 31), (9000, 6000, 3000.01), ORDINARY, [], id="just-over-half-by-area"
        ),
        pytest.param((90, 61, 31), (9000, 6000, 3001), ORDINARY, [], id="31-of-61"),
        pytest.param((90, 61, 30), (9000, 6000, 3001), ORDINARY, [fails(ORDINARY)], id="30-of-61"),
        # matters 6-8: at least 3/4 (四分之三以上): exactly 3/4 passes
        pytest.param((90, 60, 45), (9000, 6000, 4500), MAJOR, [], id="3/4-exactly-both"),
        pytest.param(
            (90, 60, 44), (9000, 6000, 4500), MAJOR, [fails(MAJOR)], id="3/4-heads-one-short"
        ),
        pytest.param(
            (90, 60, 45), (9000, 6000, 4499.99), MAJOR, [fails(MAJOR)], id="3/4-area-0.01-short"
        ),
        pytest.param((90, 60, 45), (9000, 6000, 4500), "rebuild", [], id="rebuild-3/4"),
        pytest.param(
            (90, 60, 44),
            (9000, 6000, 4500),
            "common_parts_use",
            [fails("common_parts_use")],
            id="common-parts-short",
        ),
        # using the funds (matter 5) is an ordinary matter
        pytest.param(
            (90, 60, 31), (9000, 6000, 3001), "use_maintenance_funds", [], id="using-funds-half"
        ),
    ],
)
def test_art_278_thresholds(heads: tuple, area: tuple, matter: str, found: Got) -> None:
    s = assembly(heads, area, matter)
    assert findings(s, CC, A, "2026") == found


def test_art_278_a_weaker_rule() -> None:
    """At least half is weaker than more than half; without a count by area, weaker still."""
    rule = VotingRule("1/2", "present", strict=False, quorum="2/3", by_area=True)
    s = assembly((90, 60, 31), (9000, 6000, 3001), ORDINARY, rule=rule)
    assert findings(s, CC, A, "2026") == [fails(ORDINARY)]
    at_least_three_quarters = VotingRule("3/4", "present", strict=True, quorum="2/3", by_area=True)
    s = assembly((90, 60, 46), (9000, 6000, 4600), MAJOR, rule=at_least_three_quarters)
    assert findings(s, CC, A, "2026") == []  # more than 3/4 asks more than 3/4


@pytest.mark.parametrize(
    ("date", "examined"),
    [
        pytest.param("2020-12-31", False, id="the-day-before-the-code"),
        pytest.param("2020", False, id="partial-2020"),
        pytest.param("2020-12", False, id="partial-december-2020"),
        pytest.param("2021-01-01", True, id="the-codes-first-day"),
        pytest.param("2021", True, id="partial-2021"),
        pytest.param(None, True, id="undated"),
    ],
)
def test_art_278_governs_decisions_from_2021(date: str | None, examined: bool) -> None:
    """Art. 1260: in force 2021-01-01; earlier decisions were the Property Law's."""
    s = assembly((90, 59, 31), (9000, 6000, 3001), ORDINARY, date=date)
    got = findings(s, CC, A, "2026")
    assert got == ([fails(ORDINARY)] if examined else [])
    assert status(s, CC, A, "2026") == ("failed" if examined else "not_applicable")


@pytest.mark.parametrize(
    ("heads", "area", "field"),
    [
        pytest.param((90, 60, True), (9000, 6000, 3001), "count.yes", id="yes-true"),
        pytest.param((90, "60", 31), (9000, 6000, 3001), "count.present", id="present-a-string"),
        pytest.param((90, 60, 31), ("9000", 6000, 3001), "area.members", id="area-a-string"),
    ],
)
def test_art_278_malformed_tallies(heads: tuple, area: tuple, field: str) -> None:
    s = assembly(heads, area)
    got = findings(s, CC, A, "2026")
    assert [(f[0], f[1], f[2]["matter"]) for f in got] == [("d", "warning", ORDINARY)]
    r = govmodel.assess(s, CC, as_of="2026").rule(A)
    assert field in r.findings[0].message


def test_art_278_no_matter() -> None:
    s = assembly((90, 60, 31), (9000, 6000, 3001))
    d = s.decisions[0]
    s = s.replace(decisions=[attrs.evolve(d, matter=None)])
    assert findings(s, CC, A, "2026") == [("d", "warning", {})]


def flat(**attributes: object) -> Structure:
    return Structure(
        units=[
            Unit("x", "compound"),
            Unit("b", "building", "Building 1", parent="x"),
            Unit(
                "h", "household", "1-101", parent="b", attributes={"use": "business", **attributes}
            ),
        ]
    )


@pytest.mark.parametrize(
    ("consent", "found"),
    [
        pytest.param(True, [], id="true"),
        pytest.param("yes", [], id="yes"),
        pytest.param(None, [("h", "error", {"building": "b"})], id="absent"),
        pytest.param(False, [("h", "error", {"building": "b"})], id="false"),
        pytest.param("no", [("h", "error", {"building": "b"})], id="no"),
        pytest.param(
            "maybe",
            [gap("h", "wrong-type", "$.units[?(@.id=='h')].attributes.interested_owners_consent")],
            id="maybe",
        ),
        pytest.param(
            1,
            [gap("h", "wrong-type", "$.units[?(@.id=='h')].attributes.interested_owners_consent")],
            id="one-is-not-true",
        ),
        # the listed no-values are no/false/0 (any case, spaces ignored) and False; "",
        # "none" and "None" say neither, a warning (an absent consent stays an error)
        pytest.param(" NO ", [("h", "error", {"building": "b"})], id="no-any-case"),
        pytest.param("0", [("h", "error", {"building": "b"})], id="zero-string"),
        pytest.param(
            "",
            [gap("h", "wrong-type", "$.units[?(@.id=='h')].attributes.interested_owners_consent")],
            id="empty",
        ),
        pytest.param(
            "none",
            [gap("h", "wrong-type", "$.units[?(@.id=='h')].attributes.interested_owners_consent")],
            id="none-string",
        ),
        pytest.param(
            "None",
            [gap("h", "wrong-type", "$.units[?(@.id=='h')].attributes.interested_owners_consent")],
            id="None-string",
        ),
    ],
)
def test_art_279(consent: object, found: Got) -> None:
    s = flat() if consent is None else flat(interested_owners_consent=consent)
    assert findings(s, CC, "civil_code.business_use", "2026") == found


@pytest.mark.parametrize(
    ("second", "shares"),
    [
        pytest.param(40, {"h1": 0.6, "h2": 0.4}, id="both-recorded"),
        pytest.param(40.0, {"h1": 0.6, "h2": 0.4}, id="a-float"),
        pytest.param(0, {"h1": 1.0, "h2": 0.0}, id="zero-area"),
        pytest.param(None, {"h1": None, "h2": None}, id="one-unrecorded"),
        pytest.param(True, {"h1": None, "h2": None}, id="true-is-no-area"),
        pytest.param("40", {"h1": None, "h2": None}, id="a-string"),
        pytest.param(-40, {"h1": None, "h2": None}, id="negative"),
    ],
)
def test_art_283_cost_share(second: object, shares: dict[str, float | None]) -> None:
    """Art. 283: shares by exclusive area; a compound with an area unknown has no shares."""
    area = {} if second is None else {"floor_area_m2": second}
    s = Structure(
        units=[
            Unit("x", "compound"),
            Unit("h1", "household", parent="x", attributes={"floor_area_m2": 60}),
            Unit("h2", "household", parent="x", attributes=area),
        ]
    )
    got = govmodel.assess(s, CC, as_of="2026").metrics["cost_share"].by_unit
    assert {h: got.get(h) for h in shares} == shares  # a share not computed is left out


@pytest.mark.parametrize("kind", ["parking_space", "shop"])
def test_art_279_is_about_dwellings(kind: str) -> None:
    # "a dwelling turned to business use": a shop or a parking space in business use is
    # not examined, whatever its consent records
    s = Structure(
        units=[
            Unit("x", "compound"),
            Unit("b", "building", parent="x"),
            Unit("u", kind, parent="b", attributes={"use": "business"}),
        ]
    )
    assert status(s, CC, "civil_code.business_use", "2026") == "not_applicable"


def test_art_283_shares_among_every_exclusive_part() -> None:
    # a parking space someone owns is an exclusive part and takes its share; one no one
    # owns is a common part and takes none
    s = Structure(
        units=[
            Unit("x", "compound"),
            Unit("h1", "household", parent="x", attributes={"floor_area_m2": 100}),
            Unit("ps1", "parking_space", parent="x", attributes={"floor_area_m2": 12.5}),
            Unit("ps2", "parking_space", parent="x", attributes={"floor_area_m2": 12.5}),
        ],
        people=[Person("ann")],
        ties=[Tie("t1", "ann", "h1", "owns"), Tie("t2", "ann", "ps1", "owns")],
    )
    got = govmodel.assess(s, CC, as_of="2026").metrics["cost_share"].by_unit
    assert got == {"h1": 100 / 112.5, "ps1": 12.5 / 112.5}


def test_a_roster_part_without_an_area_makes_the_decision_uncountable() -> None:
    # three flats owned, one with its area recorded: the count by area cannot be made, and
    # the decision recorded as passed is not taken as passing on the one flat's vote
    units = [Unit("x", "compound")]
    units += [
        Unit(f"h{i}", "household", parent="x", attributes={"floor_area_m2": 100} if i == 0 else {})
        for i in range(3)
    ]
    s = Structure(
        units=units,
        organizations=[Organization("a", "owners_assembly", unit="x")],
        people=[Person(f"o{i}") for i in range(3)],
        ties=[Tie(f"t{i}", f"o{i}", f"h{i}", "owns") for i in range(3)],
        decisions=[
            Decision(
                "d",
                "a",
                matter="property_service",
                date="2022-01-01",
                votes=[Vote("o0", "yes")],
                outcome="passed",
            )
        ],
    )
    found = govmodel.assess(s, CC, as_of="2026").rule(A).findings
    (f,) = [f for f in found if "cannot be counted" in f.message]
    assert (f.subject, f.severity) == ("d", "warning")
    assert "unit 'h1'" in f.message


def flats(
    owners: dict[str, str], yes: tuple[str, ...], *, areas: dict[str, object] | None = None
) -> Structure:
    """Six flats of 100 m² in compound x (h1-h6) and a parking space, a flat in another
    compound (y1); ``owners`` records who owns which; ``yes`` vote yes on hiring a company."""
    areas = {f"h{i}": 100 for i in range(1, 7)} | (areas or {})
    units = [Unit("x", "compound", "Guihua"), Unit("y", "compound", "Lanyuan")]
    units += [
        Unit(h, "household", parent="x", attributes={} if a is None else {"floor_area_m2": a})
        for h, a in areas.items()
    ]
    units += [
        Unit("ps", "parking_space", parent="x", attributes={"floor_area_m2": 12}),
        Unit("y1", "household", parent="y", attributes={"floor_area_m2": 100}),
    ]
    return Structure(
        units=units,
        organizations=[Organization("oa", "owners_assembly", unit="x")],
        people=[Person(p) for p in sorted(set(owners.values()))],
        ties=[Tie(f"o-{h}", p, h, "owns") for h, p in owners.items()],
        decisions=[
            Decision(
                "d",
                "oa",
                "hire a company",
                rule=owners_assembly_rule(ORDINARY),
                outcome="passed",
                matter=ORDINARY,
                date="2025-03-01",
                votes=[Vote(p, "yes") for p in yes],
            )
        ],
        vocabulary=[Term("relations", "owns", "owns", "拥有")],
    )


def left_out(parts: int, area: float) -> tuple[str, str, dict[str, Any]]:
    return ("d", "warning", {"matter": ORDINARY, "unowned_parts": parts, "unowned_area_m2": area})


SOLD = {"h1": "a", "h2": "b", "h3": "c"}


@pytest.mark.parametrize(
    ("owners", "yes", "areas", "found"),
    [
        # three unsold flats record no owner: counted without them, 2 of 3 heads and 200 of
        # 300 m² take part and it passes; with them (the developer one head) 2 of 4 and 200
        # of 600 would not. No owner is made up: a warning says the count may be too low
        pytest.param(SOLD, ("a", "b"), None, [left_out(3, 300.0)], id="unsold-no-owner"),
        # recorded as the developer's, they are counted, and the quorum is not met
        pytest.param(
            SOLD | {"h4": "dev", "h5": "dev", "h6": "dev"},
            ("a", "b"),
            None,
            [fails(ORDINARY)],
            id="unsold-the-developers",
        ),
        pytest.param(
            SOLD | {"h4": "dev", "h5": "dev", "h6": "dev"},
            ("a", "b", "c", "dev"),
            None,
            [],
            id="every-flat-owned",
        ),
        # one that fails even without them fails all the same
        pytest.param(SOLD, ("a",), None, [left_out(3, 300.0), fails(ORDINARY)], id="fails-anyway"),
        # an unowned flat whose area is not recorded: counted, its area not
        pytest.param(
            SOLD | {"h4": "dev", "h5": "dev"},
            ("a", "b", "c", "dev"),
            {"h6": None},
            [left_out(1, 0.0)],
            id="no-area",
        ),
        pytest.param(
            SOLD | {"h4": "dev"},
            ("a", "b", "c"),
            {"h6": 89.5},
            [left_out(2, 189.5)],
            id="decimal-area",
        ),
    ],
)
def test_art_278_dwellings_with_no_owner(
    owners: dict[str, str], yes: tuple[str, ...], areas: dict[str, object] | None, found: Got
) -> None:
    """Art. 278 counts every exclusive part (SPC 法释〔2009〕7号 arts. 8-9: the developer's
    unsold parts one head), as art. 283's cost_share does; the roster holds only the parts
    someone owns. The parking space no one owns is a common part, the flat in the other
    compound outside the assembly's: neither is reported."""
    s = flats(owners, yes, areas=areas)
    assert findings(s, CC, A, "2026") == found


def test_art_278_dwellings_with_no_owner_message() -> None:
    r = govmodel.assess(flats(SOLD, ("a", "b")), CC, as_of="2026").rule(A)
    (f,) = r.findings
    assert f.message.startswith(
        "d is counted from the owners' roster, which leaves out 3 dwellings (300 m²) that "
        "record no owner: its heads and area under art. 278 may be too low"
    )
    s = flats(SOLD | {"h4": "dev", "h5": "dev"}, ("a", "b", "c", "dev"), areas={"h6": None})
    (f,) = govmodel.assess(s, CC, as_of="2026").rule(A).findings
    assert "1 dwelling (whose area is not recorded)" in f.message


def test_art_278_recorded_tallies_need_no_roster() -> None:
    # a decision with recorded tallies and no votes is counted from them, not the roster
    s = flats(SOLD, ())
    d = attrs.evolve(
        s.decisions[0],
        votes=[],
        count=Tally(members=4, present=3, yes=2),
        area=Tally(members=600, present=400, yes=300),
    )
    assert findings(s.replace(decisions=[d]), CC, A, "2026") == []


AREA_WORDS = re.compile(
    r"By area: (?P<have>[\d.]+) of [\d.]+(?: present voted yes| votes cast were yes|)"
    r"(?: took part)?; (?P<how>at least|more than) [\d/]+ of [\d.]+ = (?P<need>[\d.]+) "
    r"needed(?: for a quorum)?: (?P<verdict>met|not met|reached|not reached)"
)


@pytest.mark.parametrize("matter", [ORDINARY, MAJOR])
def test_art_278_explanations_show_what_they_say(matter: str) -> None:
    """An area and what it must reach are shown so that they compare as the verdict says:
    66.67 of 100.01 m² falls short of two thirds (66.6733…), and does not read as
    ``= 66.67 needed: not met``."""
    values = ["0", "1", "33.33", "50.005", "66.67", "66.68", "75", "100.01", "100.03"]
    checked = 0
    for members, present, yes in itertools.product(values, repeat=3):
        m, p, y = Fraction(members), Fraction(present), Fraction(yes)
        if not y <= p <= m:
            continue
        area = Tally(members=float(members), present=float(present), yes=float(yes))
        d = Decision("d", "oa", rule=owners_assembly_rule(matter), count=Tally(3, 3, 3), area=area)
        for w in AREA_WORDS.finditer(outcome(d).explanation):
            have, need = Fraction(w["have"]), Fraction(w["need"])
            holds = have > need if w["how"] == "more than" else have >= need
            if w["verdict"] in ("met", "not met"):
                assert holds == (w["verdict"] == "met"), w[0]
            elif y > 0:  # a motion needs a yes vote, whatever the threshold
                assert holds == (w["verdict"] == "reached"), w[0]
            checked += 1
    assert checked > 100
    d = Decision(
        "d",
        "oa",
        rule=owners_assembly_rule(matter),
        count=Tally(members=3, present=2, yes=2),
        area=Tally(members=100.01, present=66.67, yes=66.67),
    )
    assert (
        "By area: 66.67 of 100.01 took part; at least 2/3 of 100.01 = 66.673 needed for a "
        "quorum: not met" in outcome(d).explanation
    )


def test_a_quorum_of_nobody_needs_nobody() -> None:
    d = Decision(
        "d",
        "oa",
        rule=owners_assembly_rule(ORDINARY),
        count=Tally(members=0, present=0, yes=0),
        area=Tally(members=0, present=0, yes=0),
    )
    words = outcome(d).explanation
    assert words.startswith(
        "0 of 0 members took part; at least 2/3 of 0 = 0 needed for a quorum: met"
    )
    # a threshold still needs a yes vote
    assert "more than 1/2 of 0 = 0, i.e. 1, needed: not reached" in words


def committee_decision(
    count: Tally | None, outcome: str | None = "passed", date: str | None = "2024-05-01"
) -> Structure:
    return Structure(
        units=[Unit("x", "compound")],
        organizations=[Organization("oc", "owners_committee", unit="x")],
        decisions=[Decision("d", "oc", count=count, outcome=outcome, date=date)],  # type: ignore[arg-type]
    )


def short(m: int, p: int, y: int) -> tuple[str, str, dict[str, Any]]:
    return ("d", "error", {"members": m, "present": p, "yes": y})


@pytest.mark.parametrize(
    ("count", "outcome", "found"),
    [
        # 过半数委员出席: 4 of 7 hold a meeting, 3 do not; 3 of 6 is half, not more
        pytest.param(Tally(members=7, present=4, yes=4), "passed", [], id="7-4-4"),
        pytest.param(Tally(members=7, present=3, yes=3), "passed", [short(7, 3, 3)], id="7-3-3"),
        pytest.param(Tally(members=6, present=3, yes=3), "passed", [short(6, 3, 3)], id="6-3-3"),
        # 全体委员过半数同意: of all 7, not of the 5 present (3 of 5 is a majority of those)
        pytest.param(Tally(members=7, present=5, yes=3), "passed", [short(7, 5, 3)], id="7-5-3"),
        pytest.param(Tally(members=7, present=5, yes=4), "passed", [], id="7-5-4"),
        pytest.param(Tally(members=6, present=6, yes=3), "passed", [short(6, 6, 3)], id="6-6-3"),
        pytest.param(Tally(members=6, present=4, yes=4), "passed", [], id="6-4-4"),
        # recorded as failed, or with no outcome: nothing to contradict
        pytest.param(Tally(members=7, present=3, yes=3), "failed", [], id="failed"),
        pytest.param(Tally(members=7, present=3, yes=3), None, [], id="no-outcome"),
        pytest.param(
            None,
            "passed",
            [gap("d", "missing-tally", "$.decisions[?(@.id=='d')].count")],
            id="no-count",
        ),
        pytest.param(
            Tally(members=5, present=7, yes=4),
            "passed",
            [gap("d", "inconsistent-tally", "$.decisions[?(@.id=='d')].count")],
            id="more-present-than-members",
        ),
    ],
)
def test_owners_committee_meeting(count: Tally | None, outcome: str | None, found: Got) -> None:
    s = committee_decision(count, outcome)
    got = findings(s, OwnersCommitteeGuidance, "owners_committee_guidance.meeting", "2025")
    if found and found[0][1] == "warning" and "problem" in found[0][2]:
        assert [(f[0], f[1], f[2]["problem"], f[2]["path"]) for f in got] == [
            (f[0], f[1], f[2]["problem"], f[2]["path"]) for f in found
        ]
    else:
        assert got == found


@pytest.mark.parametrize(
    ("date", "examined"), [("2009-12-31", False), ("2010-01-01", True), (None, True)]
)
def test_owners_committee_meeting_from_2010(date: str | None, examined: bool) -> None:
    s = committee_decision(Tally(members=7, present=3, yes=3), date=date)
    r = govmodel.assess(s, OwnersCommitteeGuidance, as_of="2025").rule(
        "owners_committee_guidance.meeting"
    )
    assert (r.status, r.examined) == (("failed", 1) if examined else ("not_applicable", 0))
