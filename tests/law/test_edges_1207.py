"""More law-pack rules at their edges: cases found missing in a review of the packs against
/work/shared/LAW.md's digest.

Each case is a minimal hand-made structure; it asserts the rule's status and the exact data
of its findings.
"""

from __future__ import annotations

from typing import Any

import pytest

import govmodel
from govmodel.spec import Organization, Structure, Unit


def _found(s: Structure, model: str, rule_id: str, as_of: str) -> tuple[str, list[Any]]:
    r = govmodel.assess(s, model, as_of=as_of).rule(rule_id)
    return r.status, [(f.subject, f.severity, dict(f.data)) for f in r.findings]


# -- party_organizations.term: community AND village party organizations serve 5 years ---------
# LAW.md, party organizations: "Community and village party organizations serve 5 years";
# the rule read only a unit of kind "community" as a community's, so a village's branch
# elected for 3 years passed.


@pytest.mark.parametrize("kind", ["community", "village"])
def test_party_term_of_a_village_is_five_years(kind: str) -> None:
    s = Structure(
        units=[Unit("v", kind)],
        organizations=[
            Organization("b", "party_branch", unit="v", term_start="2024-01-01", term_years=3)
        ],
    )
    status, found = _found(s, "party_organizations", "party_organizations.term", "2025-01-01")
    assert status == "failed"
    assert found == [("b", "error", {"term_years": 3})]


@pytest.mark.parametrize("kind", ["compound", "building", "street"])
def test_party_term_elsewhere_may_be_three_years(kind: str) -> None:
    s = Structure(
        units=[Unit("x", kind)],
        organizations=[
            Organization("b", "party_branch", unit="x", term_start="2024-01-01", term_years=3)
        ],
    )
    status, found = _found(s, "party_organizations", "party_organizations.term", "2025-01-01")
    assert (status, found) == ("passed", [])


# -- a unit whose id is "" is a unit like any other (validate refuses the id; the rules do not
# skip what lies in it) ------------------------------------------------------------------------


def test_empty_unit_id_is_a_unit() -> None:
    s = Structure(
        units=[Unit("", "community", attributes={"households": 50})],
        organizations=[
            Organization("rc", "residents_committee", unit=""),
            Organization("b", "party_branch", unit="", term_start="2024-01-01", term_years=3),
        ],
    )
    status, found = _found(
        s, "residents_committee_law", "residents_committee_law.scale_2026", "2026-06-01"
    )
    assert (status, found) == ("failed", [("", "warning", {"households": 50})])
    status, found = _found(s, "party_organizations", "party_organizations.term", "2025-01-01")
    assert (status, found) == ("failed", [("b", "error", {"term_years": 3})])


# -- civil_code.assembly_threshold: why a decision cannot be counted, whatever the order ---------


def test_uncountable_decision_names_the_same_problem_whatever_the_order() -> None:
    import attrs

    s0 = govmodel.datasets.load("qingshan")
    bad = {"qs-h202", "qs-h302"}
    units = [
        attrs.evolve(u, attributes={**u.attributes, "floor_area_m2": "abc"}) if u.id in bad else u
        for u in s0.units
    ]
    said = set()
    for order in (units, units[::-1]):
        s = attrs.evolve(s0, units=order)
        r = govmodel.assess(s, "civil_code", as_of="2026-12-07").rule(
            "civil_code.assembly_threshold"
        )
        said.add(tuple(f.message for f in r.findings if "cannot be counted" in f.message))
    assert said == {
        (
            "qs-d-funds cannot be counted under art. 278: unit 'qs-h202' has "
            "floor_area_m2='abc', not a floor area (a finite number, at least 0) "
            "(and 1 more problem)",
        )
    }


# -- hangzhou_owners_committee.report_expiry as of a day: a report dated after it ---------------


def _reporting(reported: str | None) -> Structure:
    attributes = {} if reported is None else {"expiry_reported": reported}
    return Structure(
        units=[Unit("c", "compound", attributes={"households": 500})],
        organizations=[
            Organization(
                "oc",
                "owners_committee",
                unit="c",
                term_start="2021-06-01",
                term_years=5,
                attributes=attributes,
            )
        ],
    )


@pytest.mark.parametrize(
    ("as_of", "reported", "expected"),
    [
        # the term ends 2026-06-01; the report is due by 2026-03-01
        ("2026-01-01", "2026-03-02", []),  # not yet due, and not yet reported on the day
        ("2026-03-01", "2026-04-01", []),
        ("2026-03-02", "2026-04-01", ["missing"]),  # due, and not reported on the day
        ("2026-07-01", "2026-04-01", ["late"]),
        ("2026-03-02", "2026-03-02", ["late"]),
        ("2026-01-01", "2026-02-01", []),
        ("2026-03-02", None, ["missing"]),
    ],
)
def test_report_expiry_as_of_a_day(as_of: str, reported: str | None, expected: list[str]) -> None:
    r = govmodel.assess(_reporting(reported), "hangzhou_owners_committee", as_of=as_of).rule(
        "hangzhou_owners_committee.report_expiry"
    )
    said = [
        "missing" if f.message.endswith("no report is recorded") else "late" for f in r.findings
    ]
    assert said == expected
    assert all(dict(f.data) == {"due": "2026-06-01", "by": "2026-03-01"} for f in r.findings)


# -- a meeting's outcome that is neither passed nor failed, of a decision that fails -------------


@pytest.mark.parametrize(
    ("model", "rule_id", "body"),
    [
        ("residents_committee_law", "residents_committee_law.meeting", "residents_meeting"),
        ("owners_committee_guidance", "owners_committee_guidance.meeting", "owners_committee"),
    ],
)
@pytest.mark.parametrize(
    ("recorded", "expected"),
    [("PASSED", "gap"), ("passed", "error"), ("failed", None), (None, None)],
)
def test_meeting_outcome_malformed(
    model: str, rule_id: str, body: str, recorded: str | None, expected: str | None
) -> None:
    from govmodel.spec import Decision, Tally

    s = Structure(
        organizations=[Organization("b", body)],
        decisions=[
            Decision(
                "d",
                "b",
                count=Tally(members=9, present=3, yes=3),  # 3 of 9 attend: it fails
                outcome=recorded,  # type: ignore[arg-type]
            )
        ],
    )
    status, found = _found(s, model, rule_id, "2026-06-01")
    if expected is None:
        assert (status, found) == ("passed", [])
    elif expected == "error":
        assert [(subject, severity) for subject, severity, _ in found] == [("d", "error")]
    else:
        assert found == [
            (
                "d",
                "warning",
                {
                    "problem": "wrong-type",
                    "path": "$.decisions[?(@.id=='d')].outcome",
                },
            )
        ]


def test_meeting_outcome_malformed_of_a_decision_that_passes() -> None:
    from govmodel.spec import Decision, Tally

    s = Structure(
        organizations=[Organization("b", "residents_meeting")],
        decisions=[
            Decision("d", "b", count=Tally(members=9, present=5, yes=3), outcome="PASSED")  # type: ignore[arg-type]
        ],
    )
    status, found = _found(
        s, "residents_committee_law", "residents_committee_law.meeting", "2026-06-01"
    )
    assert (status, found) == ("passed", [])


@pytest.mark.parametrize(("recorded", "expected"), [("PASSED", "warning"), ("passed", "error")])
def test_assembly_outcome_malformed(recorded: str, expected: str) -> None:
    """qs-d-funds fails under art. 278: recorded as passed it is an error; recorded as
    neither passed nor failed, a warning that the record cannot be read."""
    import attrs

    s = govmodel.datasets.load("qingshan")
    s = attrs.evolve(
        s,
        decisions=[
            attrs.evolve(d, outcome=recorded) if d.id == "qs-d-funds" else d for d in s.decisions
        ],
    )
    r = govmodel.assess(s, "civil_code", as_of="2026-12-07").rule("civil_code.assembly_threshold")
    about = [
        (f.severity, dict(f.data).get("problem"))
        for f in r.findings
        if f.subject == "qs-d-funds" and "threshold of" not in f.message
    ]
    assert about == [(expected, "wrong-type" if expected == "warning" else None)]
