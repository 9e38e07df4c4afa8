"""Tests of the law packs: dated rules, each pack's rules on a community built to break them in
known ways, a city's pack overriding the national one, and the entry points."""

from __future__ import annotations

import importlib
import tomllib
from pathlib import Path

import attrs
import pytest

import govmodel
from govmodel.models import GovernanceModel, RuleSpec, rule
from govmodel.models.law import (
    add_years,
    in_force_on,
    law_rule,
    rules_in_force,
    term_start,
)
from govmodel.models.law.civil_code import CivilCode, weaker_than
from govmodel.models.law.hangzhou import HangzhouOwnersCommittee
from govmodel.models.law.owners_committee import OwnersCommitteeGuidance
from govmodel.models.law.party import PartyOrganizations
from govmodel.models.law.residents_committee import ResidentsCommitteeLaw
from govmodel.spec import Organization, Post, Structure, VotingRule

from .conftest import build
from .test_complexity import chain

PACKS: tuple[type[GovernanceModel], ...] = (
    CivilCode,
    ResidentsCommitteeLaw,
    OwnersCommitteeGuidance,
    PartyOrganizations,
    HangzhouOwnersCommittee,
)
BEFORE, AFTER = "2025-06-30", "2026-06-30"


def _subjects(s: Structure, model: type[GovernanceModel], rule_id: str, as_of: str) -> list[str]:
    r = govmodel.assess(s, model, as_of=as_of).rule(rule_id)
    return sorted(f.subject or "" for f in r.findings)


# -- dated rules ----------------------------------------------------------------------------------


def test_in_force_on_covers_partial_dates() -> None:
    assert in_force_on(("2026-01-01", None), "2026-01-01")
    assert not in_force_on(("2026-01-01", None), "2025-12-31")
    assert in_force_on((None, "2025"), "2025-12-31")
    assert not in_force_on((None, "2025-12"), "2026")
    assert in_force_on((None, None), "1900")


def test_rule_records_the_law_and_its_dates() -> None:
    class Dated(GovernanceModel):
        name = "dated"

        @rule("dated.a", "A.", law="Act", article="3", version="2020", in_force=("2021", None))
        def a(self, ctx: object) -> list[object]:
            return []

        @rule("dated.b", "B.")
        def b(self, ctx: object) -> list[object]:
            return []

    a, b = Dated.rules()
    assert (a.law, a.article, a.version, a.start, a.end) == ("Act", "3", "2020", "2021", None)
    assert (b.law, b.start, b.end) == ("", None, None)
    assert [r.id for r in rules_in_force(Dated, "2020-12-31")] == ["dated.b"]
    assert [r.id for r in rules_in_force(Dated, "2021")] == ["dated.a", "dated.b"]
    with pytest.raises(ValueError, match="ends"):
        law_rule("dated.c", "C.", law="Act", article="1", in_force=("2021", "2020"))


def test_every_rule_of_every_pack_names_its_law_and_dates() -> None:
    for pack in PACKS:
        for r in pack.rules():
            assert isinstance(r, RuleSpec)
            assert r.law, r.id
            assert r.article, r.id
            assert r.version, r.id
            assert r.start is not None, r.id
            assert r.source.startswith(("[P]", "[S]")), r.id


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
@pytest.mark.parametrize("as_of", ["1995-01-01", BEFORE, AFTER])
def test_every_rule_examines(pack: type[GovernanceModel], as_of: str) -> None:
    """Every rule says what it examined, on any date; a rule not in force examined nothing."""
    a = govmodel.assess(build(), pack, as_of=as_of)
    for r in a.rules:
        assert r.examined is not None, r.rule.id
        if not in_force_on(r.rule, as_of):
            assert r.examined == 0
            assert r.status == "not_applicable"


def test_packs_run_on_every_bundled_structure() -> None:
    for name in govmodel.datasets.names():
        s = govmodel.datasets.load(name)
        for pack in PACKS:
            govmodel.assess(s, pack, as_of=AFTER).to_text()


def test_entry_points_name_the_packs() -> None:
    root = Path(__file__).resolve().parents[2]
    table = tomllib.loads((root / "pyproject.toml").read_text())["project"]["entry-points"]
    eps = table["govmodel.models"]
    for pack in PACKS:
        module, _, cls = eps[pack.name].partition(":")
        assert getattr(importlib.import_module(module), cls) is pack


# -- the Civil Code -------------------------------------------------------------------------------


def test_art_278_flags_maintenance_funds_raised_by_a_simple_majority(community: Structure) -> None:
    r = govmodel.assess(community, CivilCode, as_of=AFTER).rule("civil_code.assembly_threshold")
    assert r.examined == 2
    assert sorted(f.subject or "" for f in r.findings) == ["raise-funds", "raise-funds"]
    assert any("3/4" in f.message for f in r.findings)
    # the same tally passes for hiring a company (more than half): no finding on "hire"
    assert all(f.subject != "hire" for f in r.findings)
    # before the Civil Code came into force the rule does not apply
    assert (
        govmodel.assess(community, CivilCode, as_of="2020-12-31")
        .rule("civil_code.assembly_threshold")
        .status
        == "not_applicable"
    )


def test_art_278_without_a_matter_is_a_warning() -> None:
    s = build()
    d = s.decisions[0]
    s = s.replace(decisions=(d.__class__(d.id, d.body, d.motion, d.rule, d.date, d.count, d.area),))
    r = govmodel.assess(s, CivilCode, as_of=AFTER).rule("civil_code.assembly_threshold")
    assert [f.severity for f in r.findings] == ["warning"]
    assert "no matter" in r.findings[0].message


def test_weaker_than() -> None:
    from govmodel.metrics.voting import owners_assembly_rule

    law = owners_assembly_rule("owners_committee")
    assert weaker_than(law, law) == []
    assert weaker_than(VotingRule("2/3", "members", quorum="3/4", by_area=True), law) == []
    assert weaker_than(VotingRule("1/2", "cast", strict=True, quorum="2/3", by_area=True), law) == [
        "counting only the votes cast"
    ]


def test_art_279_and_283(community: Structure) -> None:
    assert _subjects(community, CivilCode, "civil_code.business_use", AFTER) == ["h3"]
    consent = community.replace(
        units=[
            u.__class__(
                u.id, u.kind, u.name, u.parent, {**u.attributes, "interested_owners_consent": True}
            )
            if u.id == "h3"
            else u
            for u in community.units
        ]
    )
    assert _subjects(consent, CivilCode, "civil_code.business_use", AFTER) == []
    m = govmodel.assess(community, CivilCode, as_of=AFTER).metrics["cost_share"]
    assert m.by_unit is not None
    assert m.by_unit["h2"] == pytest.approx(120.25 / 300)
    assert m.by_level["compound"]["x2"] == pytest.approx(1.0)


# -- the residents' committees --------------------------------------------------------------------


def test_the_scale_changes_on_2026_01_01(community: Structure) -> None:
    law = ResidentsCommitteeLaw
    assert _subjects(community, law, "residents_committee_law.scale_2018", BEFORE) == ["cb"]
    assert _subjects(community, law, "residents_committee_law.scale_2026", AFTER) == ["ca"]
    before = govmodel.assess(community, law, as_of="2025-12-31")
    after = govmodel.assess(community, law, as_of="2026-01-01")
    assert before.rule("residents_committee_law.scale_2026").status == "not_applicable"
    assert after.rule("residents_committee_law.scale_2018").status == "not_applicable"


def test_committee_size_term_meeting_convening(community: Structure) -> None:
    law = ResidentsCommitteeLaw
    assert _subjects(community, law, "residents_committee_law.size", AFTER) == ["rcb"]
    # elected 2021-05-15 for 5 years: the term's last day is 2026-05-15 (Civil Code arts.
    # 201-203), so the re-election is overdue from 2026-05-16
    assert _subjects(community, law, "residents_committee_law.term", "2026-05-15") == []
    assert _subjects(community, law, "residents_committee_law.term", "2026-05-16") == ["rca", "rcb"]
    # the 3-year term applied before the 2018 amendment
    assert _subjects(
        build(rca={"term_start": "2015-05"}), law, "residents_committee_law.term_3", "2018-06"
    ) == ["rca"]
    assert _subjects(community, law, "residents_committee_law.meeting", AFTER) == ["park"]
    # 130 of 600 residents is more than 1/5; 100 is not (and 120 exactly is)
    r = govmodel.assess(community, law, as_of=AFTER).rule("residents_committee_law.convening")
    assert [f.data["request"] for f in r.findings] == ["req1"]


# -- the owners' committees, national and Hangzhou ------------------------------------------------


def test_owners_committee_guidance(community: Structure) -> None:
    law = OwnersCommitteeGuidance
    assert _subjects(community, law, "owners_committee_guidance.size", AFTER) == ["oc2"]
    assert _subjects(community, law, "owners_committee_guidance.term", AFTER) == ["oc2"]
    assert _subjects(community, law, "owners_committee_guidance.filing", AFTER) == ["oc2"]
    assert _subjects(community, law, "owners_committee_guidance.first_meeting", AFTER) == []
    assert _subjects(community, law, "owners_committee_guidance.conflict", AFTER) == ["ob5"]
    late = build(oc1={"first_meeting": "2023-03-09"})
    assert _subjects(late, law, "owners_committee_guidance.first_meeting", AFTER) == ["oc1"]
    too_long = build(oc1={"term_years": 6})
    msgs = (
        govmodel.assess(too_long, law, as_of=AFTER).rule("owners_committee_guidance.term").findings
    )
    assert any("6 years" in f.message for f in msgs)


def test_hangzhou_overrides_and_adds(community: Structure) -> None:
    city = HangzhouOwnersCommittee
    national = {r.id for r in OwnersCommitteeGuidance.rules()}
    local = {r.id: r for r in city.rules()}
    assert national < set(local)
    assert local["owners_committee_guidance.size"].law.startswith("Hangzhou")
    # 96 households: 3 members in Hangzhou, where the national guidance is content with 5
    assert _subjects(community, city, "owners_committee_guidance.size", AFTER) == ["oc1", "oc2"]
    # a term of 2 years is too short in Hangzhou only
    short = build(oc1={"term_years": 2})

    def said(model: type[GovernanceModel]) -> list[str]:
        a = govmodel.assess(short, model, as_of=BEFORE)
        return [f.message for f in a.rule("owners_committee_guidance.term").findings]

    assert any("elected for 2 years; a term is 3 to 5 years" in m for m in said(city))
    assert not any("elected for 2 years" in m for m in said(OwnersCommitteeGuidance))
    # the report 3 months before the term ends
    assert _subjects(community, city, "hangzhou_owners_committee.report_expiry", AFTER) == ["oc2"]
    on_time = build(oc2={"expiry_reported": "2024-01-05"})
    assert _subjects(on_time, city, "hangzhou_owners_committee.report_expiry", AFTER) == []
    # before the answer of 2019-02-16 the Hangzhou rules are not in force
    early = govmodel.assess(community, city, as_of="2018-12-31")
    assert early.rule("owners_committee_guidance.size").status == "not_applicable"


# -- party organizations --------------------------------------------------------------------------


def test_party_organizations(community: Structure) -> None:
    law = PartyOrganizations
    # two full members and a probationary one: not a branch
    assert _subjects(community, law, "party_organizations.branch_minimum", AFTER) == ["br1"]
    # eight full members elect a committee of 3 to 7: a secretary and a deputy are not one
    assert _subjects(community, law, "party_organizations.committee_size", AFTER) == ["br2"]
    # the branches record no election: the term rule warns that it cannot check them
    term = govmodel.assess(community, law, as_of=BEFORE).rule("party_organizations.term")
    assert [(f.subject, f.severity, f.data["problem"]) for f in term.findings] == [
        ("br1", "warning", "missing-field"),
        ("br2", "warning", "missing-field"),
    ]
    term = govmodel.assess(community, law, as_of=AFTER).rule("party_organizations.term")
    assert [(f.subject, f.severity) for f in term.findings] == [
        ("cpc", "error"),
        ("br1", "warning"),
        ("br2", "warning"),
    ]


def test_a_party_branch_above_50_and_100() -> None:
    from govmodel.spec import Person, Post

    s = build()
    extra = [Person(f"m{i}", party="active") for i in range(120)]
    posts = [Post(f"mp{i}", f"m{i}", "br1", "party_member") for i in range(120)]
    s = s.replace(people=(*s.people, *extra), posts=(*s.posts, *posts))
    assert _subjects(s, PartyOrganizations, "party_organizations.branch_size", AFTER) == ["br1"]
    assert _subjects(s, PartyOrganizations, "party_organizations.committee_threshold", AFTER) == [
        "br1"
    ]


def test_term_start_reads_dates_only() -> None:
    assert (
        term_start(Organization("o", "owners_committee", attributes={"term_start": "soon"})) is None
    )
    assert add_years("2021-05-15", 5) == "2026-05-15"


def test_compare_passes_the_date_to_every_pack(community: Structure) -> None:
    c = govmodel.compare(community, [ResidentsCommitteeLaw, CivilCode], as_of="2020-06")
    rc, cc = c.assessments
    assert rc.rule("residents_committee_law.scale_2018").status == "failed"
    assert rc.rule("residents_committee_law.scale_2026").status == "not_applicable"
    assert all(r.status == "not_applicable" for r in cc.rules)  # before 2021-01-01


def test_art_278_counts_individual_votes_from_the_roster() -> None:
    """With a roster, votes are counted by the SPC's rules: the developer's two parts are one
    head, so 2 yes of 3 heads is short of the 3/4 raising the funds needs."""
    from govmodel.metrics.voting import owners_assembly_rule
    from govmodel.spec import Decision, Person, Tie, Unit, Vote
    from govmodel.vocab import Term

    units = [Unit("x", "compound", "Guihua")] + [
        Unit(h, "household", parent="x", attributes={"floor_area_m2": a})
        for h, a in (("h1", 120.5), ("h2", 100.0), ("h3", 100.0), ("h4", 100.0))
    ]
    owner = {"h1": "ann", "h2": "bo", "h3": "dev", "h4": "dev"}
    ties = [Tie(f"t{h}", p, h, "owns") for h, p in owner.items()]
    votes = [Vote("ann", "yes"), Vote("bo", "yes"), Vote("dev", "no")]
    d = Decision(
        "funds",
        "oa",
        rule=owners_assembly_rule("raise_maintenance_funds"),
        votes=votes,
        outcome="passed",
        attributes={"matter": "raise_maintenance_funds"},
    )
    s = Structure(
        units=units,
        organizations=[Organization("oa", "owners_assembly", unit="x")],
        people=[Person("ann"), Person("bo"), Person("dev")],
        ties=ties,
        decisions=[d],
        vocabulary=[Term("relations", "owns", "owns", "拥有")],
    )
    r = govmodel.assess(s, CivilCode, as_of=AFTER).rule("civil_code.assembly_threshold")
    assert [f.subject for f in r.findings] == ["funds"]
    assert "3 of 3 heads" in r.findings[0].message
    assert "2 of 3 present voted yes" in r.findings[0].message
    # the same votes pass hiring a company (more than half)
    hire = d.__class__(
        d.id,
        d.body,
        rule=owners_assembly_rule("property_service"),
        votes=votes,
        outcome="passed",
        attributes={"matter": "property_service"},
    )
    r = govmodel.assess(s.replace(decisions=[hire]), CivilCode, as_of=AFTER).rule(
        "civil_code.assembly_threshold"
    )
    assert r.findings == ()


def test_party_members_are_counted_once_through_the_chain_of_leadership() -> None:
    # f3 sits in g3 and in g2, which leads g3: g2 has two full members (f2, f3), not three
    s = chain(4)
    s = attrs.evolve(s, posts=(*s.posts, Post("dup", "f3", "g2", "party_member")))
    r = govmodel.assess(s, "party_organizations").rule("party_organizations.branch_minimum")
    assert {f.subject: f.data["full_members"] for f in r.findings} == {"g2": 2, "g3": 1}
