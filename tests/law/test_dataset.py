"""The bundled community 'qingshan': a merger, a roster and overdue re-elections, assessed on
either side of 2026-01-01."""

from __future__ import annotations

import pytest

import govmodel
from govmodel.models.law.civil_code import CivilCode
from govmodel.models.law.hangzhou import HangzhouOwnersCommittee
from govmodel.models.law.owners_committee import OwnersCommitteeGuidance
from govmodel.models.law.party import PartyOrganizations
from govmodel.models.law.residents_committee import ResidentsCommitteeLaw
from govmodel.tally import roster_of, tally_decision

BEFORE, AFTER = "2025-06-30", "2026-06-30"


@pytest.fixture(scope="module")
def s() -> govmodel.Structure:
    return govmodel.datasets.load("qingshan")


def failed(s: govmodel.Structure, model: type, day: str) -> dict[str, list[str | None]]:
    a = govmodel.assess(s, model, as_of=day)
    return {r.rule.id: [f.subject for f in r.findings] for r in a.rules if r.status == "failed"}


def test_it_validates_strictly_and_round_trips(s: govmodel.Structure) -> None:
    assert govmodel.validate(s, strict=True) == ()
    assert govmodel.loads(govmodel.dumps(s)) == s
    assert govmodel.from_graph(govmodel.to_graph(s)) == s
    from govmodel import io

    for fmt in ("popolo", "graphml", "yaml"):
        assert io.import_(io.export(s, fmt), fmt) == s, fmt


def test_the_merger_as_of(s: govmodel.Structure) -> None:
    before = s.as_of("2020-06-30")
    after = s.as_of("2021-06-30")
    assert {"qs-c-qs", "qs-c-hf"} <= {u.id for u in before.units}
    assert "qs-c" not in {u.id for u in before.units}
    assert "qs-rc-qs" in {o.id for o in before.organizations}
    assert "qs-c" in {u.id for u in after.units}
    assert not {"qs-c-qs", "qs-c-hf", "qs-rc-qs", "qs-rc-hf"} & {
        *(u.id for u in after.units),
        *(o.id for o in after.organizations),
    }
    new = s.get("qs-c")
    assert isinstance(new, govmodel.Unit)
    assert new.formed_from == ("qs-c-qs", "qs-c-hf")


def test_residents_committee_either_side_of_2026(s: govmodel.Structure) -> None:
    before = failed(s, ResidentsCommitteeLaw, BEFORE)
    after = failed(s, ResidentsCommitteeLaw, AFTER)
    assert before == {"residents_committee_law.scale_2018": ["qs-c"]}  # 1,600 > 700
    assert after == {"residents_committee_law.term": ["qs-rc"]}  # elected 2021-05-15


def test_party_committee_overdue_in_2026(s: govmodel.Structure) -> None:
    before = failed(s, PartyOrganizations, BEFORE)
    after = failed(s, PartyOrganizations, AFTER)
    # the compound branches record no election: the term rule warns it cannot check them
    assert before == {
        "party_organizations.branch_minimum": ["qs-br2"],
        "party_organizations.committee_size": ["qs-br1"],
        "party_organizations.term": ["qs-br1", "qs-br2"],
    }
    assert after == {**before, "party_organizations.term": ["qs-cpc", "qs-br1", "qs-br2"]}


def test_owners_committees_national_and_hangzhou(s: govmodel.Structure) -> None:
    job = s.get("qs-post-job")  # a member of 桂花苑's committee working for the company
    assert isinstance(job, govmodel.Post)
    national = failed(s, OwnersCommitteeGuidance, AFTER)
    assert national == {
        "owners_committee_guidance.term": ["qs-oc2"],
        "owners_committee_guidance.filing": ["qs-oc2"],
        "owners_committee_guidance.conflict": [job.person],
        # 5 members and no set size recorded: they may be fewer than half of 11 seats
        "owners_committee_guidance.re_election": ["qs-oc1"],
    }
    re_election = govmodel.assess(s, OwnersCommitteeGuidance, as_of=AFTER).rule(
        "owners_committee_guidance.re_election"
    )
    assert [(f.severity, f.data["problem"]) for f in re_election.findings] == [
        ("warning", "missing-field")
    ]
    city = failed(s, HangzhouOwnersCommittee, AFTER)
    assert city["owners_committee_guidance.size"] == ["qs-oc1"]  # 96 households: 3 members
    assert city["hangzhou_owners_committee.report_expiry"] == ["qs-oc2"]


def test_the_maintenance_funds_from_the_roster(s: govmodel.Structure) -> None:
    parts = roster_of(s, "qs-x2")
    assert len(parts) == 14
    t = tally_decision(s, "qs-d-funds")
    assert (t.heads, t.heads_present) == (10, 8)  # the developer's two flats are one head
    assert t.quorum_met
    assert not t.passed  # 3/4 of the area is not reached
    assert t.needed is not None
    assert t.needed.ballots is None
    civil = failed(s, CivilCode, AFTER)
    assert civil == {"civil_code.assembly_threshold": ["qs-d-funds", "qs-d-funds"]}
    assert failed(s, CivilCode, "2020-06-30") == {}


def test_the_new_fields_are_validated() -> None:
    """An unknown matter, a term without a body, a bad term, a unit that ends before it
    starts, a succession naming nothing, a ballot from someone who owns nothing."""
    from govmodel.spec import Decision, Organization, Person, Structure, Tie, Unit, Vote
    from govmodel.vocab import Term

    s = Structure(
        units=[
            Unit("u", "community", start="2024", end="2023", replaced_by="nowhere"),
            Unit("flat", "household", attributes={"floor_area_m2": -1.5, "term_start": "2021"}),
        ],
        organizations=[
            Organization("oa", "owners_assembly", attributes={"term_years": 5}),
            Organization(
                "oc", "owners_committee", attributes={"term_start": "soon", "term_years": 0}
            ),
        ],
        people=[Person("owner"), Person("tenant")],
        ties=[Tie("t", "owner", "flat", "owns")],
        decisions=[
            Decision(
                "d", "oa", matter="rebuilding", votes=[Vote("owner", "yes"), Vote("tenant", "no")]
            )
        ],
        vocabulary=[Term("relations", "owns", "owns", "拥有")],
    )
    with pytest.raises(govmodel.SpecError) as err:
        govmodel.validate(s)
    got = {(p.code, p.path) for p in err.value.problems}
    assert got == {
        ("end-before-start", "$.units[0].end"),
        ("dangling-reference", "$.units[0].replaced_by"),
        ("negative-amount", "$.units[1].attributes.floor_area_m2"),
        ("invalid-value", "$.units[1].attributes.term_start"),
        ("missing-field", "$.organizations[0].attributes.term_start"),
        ("invalid-date", "$.organizations[1].attributes.term_start"),
        ("number-out-of-range", "$.organizations[1].attributes.term_years"),
        ("unknown-term", "$.decisions[0].matter"),
        ("dangling-reference", "$.decisions[0].votes[1].person"),
    }
    matter = next(p for p in err.value.problems if p.code == "unknown-term")
    assert "rebuild" in matter.message


def test_an_area_that_is_no_number_is_named_and_stops_nothing(s: govmodel.Structure) -> None:
    # a structure built in Python with a NaN floor area: the decision the roster counts
    # cannot be counted (the finding names the unit), and the cost shares of its compound
    # are unknown, where the area was read as an error before
    import attrs

    units = [
        attrs.evolve(u, attributes={**u.attributes, "floor_area_m2": float("nan")})
        if u.id == "qs-h101"
        else u
        for u in s.units
    ]
    a = govmodel.assess(attrs.evolve(s, units=units), CivilCode, as_of=AFTER)
    found = a.rule("civil_code.assembly_threshold").findings
    named = [f for f in found if "qs-h101" in f.message]
    assert [f.subject for f in named] == ["qs-d-funds"]
    assert "floor_area_m2=nan" in named[0].message
    clean = govmodel.assess(s, CivilCode, as_of=AFTER).metrics["cost_share"].by_unit
    assert "qs-h101" in clean
    assert a.metrics["cost_share"].by_unit == {}
