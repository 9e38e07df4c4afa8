"""The council model (Chengdu, report 002): its published figures, and each rule on
structures that violate it and that satisfy it."""

from __future__ import annotations

import json

import pytest

import govmodel
from govmodel.assess import Assessment
from govmodel.models.council import REPORT, Council
from govmodel.spec import Organization, Person, Post, Structure, Tally, VotingRule

from .conftest import assert_declared, changed, json_report, subjects, without

NAME = "council"
MODEL = Council


def voted(s: Structure, yes: int, outcome: str | None = "passed") -> Structure:
    return changed(s, "cd-d1", count=Tally(members=37, yes=yes), outcome=outcome)


# -- the model -------------------------------------------------------------------------------


def test_registered_with_its_declarations() -> None:
    model = Council
    assert_declared(model, NAME, REPORT, "chengdu")
    assert {t.name for t in model.vocabulary} >= {"compounds_with_party_organization"}


# -- the published figures, through the assessment -------------------------------------------


def test_the_council_decides_by_two_thirds_of_37(a: Assessment) -> None:
    assert a.metrics["council_members"].by_unit == {"cd-jy": 37}
    assert a.metrics["votes_needed"].by_unit == {"cd-jy": 25}
    assert a.metrics["votes_needed"].by_level["district"]["cd-wh"] == 25
    assert a.metrics["decisions"].value == 1
    assert a.metrics["decisions_passed"].value == 1
    assert a.rule("council.outcome").findings == ()
    assert a.rule("council.two_thirds").findings == ()
    assert a.rule("council.members").findings == ()


def test_25_of_37_pass_and_24_fail(example: Structure) -> None:
    assert govmodel.assess(voted(example, 25), NAME).metrics["decisions_passed"].value == 1
    a24 = govmodel.assess(voted(example, 24), NAME)
    assert a24.metrics["decisions_passed"].value == 0
    (f,) = a24.rule("council.outcome").findings
    assert f.subject == "cd-d1"
    assert f.severity == "error"
    assert f.data["computed"] == "failed"
    assert (
        "24 of 37 members voted yes; at least 2/3 of 37 = 24.67, i.e. 25, needed: failed"
        in f.message
    )
    # recorded as failed, 24 of 37 is consistent
    consistent = govmodel.assess(voted(example, 24, "failed"), NAME)
    assert consistent.rule("council.outcome").findings == ()
    assert consistent.metrics["decisions_passed"].value == 0


def test_party_coverage_as_published(a: Assessment) -> None:
    m = a.metrics
    assert m["compounds_with_party_organization"].value == 4328
    assert m["owners_committees_with_party_organization"].value == 706
    assert m["property_companies_with_party_organization"].value == 347
    assert m["party_members_placed"].value == 256000
    assert m["party_members_with_posts"].value == 103000
    assert m["mobile_members_transferred"].value == 3789
    assert m["compounds"].value == 20000
    assert m["super_compounds"].value == 200


def test_party_coverage_computed(a: Assessment) -> None:
    cov = a.metrics["party_coverage"]
    assert cov.by_unit["cd-jy-y4"] == 0.0
    assert cov.by_unit["cd-oz"] == 1.0
    assert cov.by_level["community"]["cd-jy"] == pytest.approx(3 / 5)
    assert cov.value == pytest.approx(5 / 7)
    # the example models the compound branches leading the owners' committees, not party
    # organizations set up inside them
    assert a.metrics["owners_committee_party_coverage"].value == 0.0
    assert a.metrics["property_company_party_coverage"].value == 0.0


def test_super_compounds_of_the_community_match_its_published_two(a: Assessment) -> None:
    sc = a.metrics["super_compound"]
    assert sc.by_level["community"]["cd-jy"] == 2  # report: 晋阳社区 has two super compounds
    assert sc.value == 3
    assert subjects(a, "council.super_compounds") == ["cd-jy-y1", "cd-jy-y3", "cd-hh"]
    assert a.rule("council.super_compounds").passed


def test_project_savings_rate(a: Assessment) -> None:
    assert a.metrics["project_savings_rate"].value == pytest.approx(1500 / 36000)


def test_json_report(a: Assessment) -> None:
    data = json_report(a)
    assert data["model"] == NAME
    assert data["metrics"]["votes_needed"]["by_unit"] == {"cd-jy": 25}
    assert data["labels"] == {}
    assert json.loads(a.to_json("zh"))["findings"][0]["message"].endswith("未建立党组织")


# -- the rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rule",
    [VotingRule("1/2"), VotingRule("2/3", basis="present"), VotingRule("3/5", strict=True)],
)
def test_two_thirds_finds_a_laxer_rule(example: Structure, rule: VotingRule) -> None:
    a = govmodel.assess(changed(example, "cd-d1", rule=rule), NAME)
    assert subjects(a, "council.two_thirds") == ["cd-d1"]
    assert not a.ok


def test_two_thirds_accepts_a_stricter_rule(example: Structure) -> None:
    s = changed(example, "cd-d1", rule=VotingRule("3/4"), count=Tally(members=37, yes=28))
    a = govmodel.assess(s, NAME)
    assert a.rule("council.two_thirds").findings == ()
    assert a.rule("council.outcome").findings == ()
    assert a.metrics["votes_needed"].by_unit == {"cd-jy": 28}


def test_outcome_warns_when_a_tally_is_missing(example: Structure) -> None:
    a = govmodel.assess(changed(example, "cd-d1", count=Tally(yes=25)), NAME)
    (f,) = a.rule("council.outcome").findings
    assert f.severity == "warning"
    assert "cannot be counted" in f.message


def test_members_finds_a_tally_that_is_not_the_council(example: Structure) -> None:
    post = next(p for p in example.posts if p.organization == "cd-jy-cc" and p.person == "cd-p043")
    a = govmodel.assess(without(example, post.id), NAME)
    (f,) = a.rule("council.members").findings
    assert f.subject == "cd-d1"
    assert (f.data["recorded"], f.data["held"]) == (37, 36)
    assert a.metrics["council_members"].by_unit == {"cd-jy": 36}
    # the members who held posts on the decision's date count
    dated = changed(example, post.id, end="2018")
    assert (
        govmodel.assess(changed(dated, "cd-d1", date="2019-03"), NAME)
        .rule("council.members")
        .findings
    )
    assert (
        not govmodel.assess(changed(dated, "cd-d1", date="2017-06"), NAME)
        .rule("council.members")
        .findings
    )


def test_group_councils_silent_on_the_example(a: Assessment) -> None:
    assert a.rule("council.group_councils").findings == ()
    assert a.metrics["group_council_coverage"].value == 1.0


def test_group_councils_finds_a_courtyard_without_one(example: Structure) -> None:
    a = govmodel.assess(without(example, "cd-jy-y5-gc"), NAME)
    assert subjects(a, "council.group_councils") == ["cd-jy-y5"]
    assert a.metrics["group_council_coverage"].by_unit["cd-jy-y5"] == 0.0


def test_group_councils_finds_a_council_that_proposes_to_no_one(example: Structure) -> None:
    a = govmodel.assess(without(example, "cd-tie001"), NAME)
    assert subjects(a, "council.group_councils") == ["cd-jy-y1-gc"]


def test_party_organization_finds_the_two_courtyards_without_one(a: Assessment) -> None:
    assert subjects(a, "council.party_organization") == ["cd-jy-y4", "cd-jy-y5"]
    assert not a.rule("council.party_organization").passed


def test_party_organization_silent_when_every_courtyard_has_one(example: Structure) -> None:
    branches = [
        Organization(f"{y}-pb", "compound_party_branch", unit=y, parent="cd-jy-pc")
        for y in ("cd-jy-y4", "cd-jy-y5")
    ]
    a = govmodel.assess(example.replace(organizations=[*example.organizations, *branches]), NAME)
    assert a.rule("council.party_organization").findings == ()
    assert a.metrics["party_coverage"].value == 1.0


def test_joint_meetings_silent_on_the_example(a: Assessment) -> None:
    assert a.rule("council.joint_meetings").findings == ()


def test_joint_meetings_finds_a_branch_that_does_not_meet_the_owners(example: Structure) -> None:
    a = govmodel.assess(without(example, "cd-tie028"), NAME)
    (f,) = a.rule("council.joint_meetings").findings
    assert f.subject == "cd-oz"
    assert f.data["body"] == "cd-oz-oc"


def test_members_placed_silent_on_the_example(a: Assessment) -> None:
    # 杜某斌 is still dormant, but placed in 欧城花园's branch
    assert any(p.party == "dormant" for p in Council.example().people)
    assert a.rule("council.members_placed").findings == ()


def test_members_placed_finds_dormant_and_mobile_members_outside_compounds(
    example: Structure,
) -> None:
    placed = next(p for p in example.posts if p.person == "cd-p061")
    s = without(example, placed.id)
    s = s.replace(
        people=[*s.people, Person("cd-p900", "流动某", party="mobile")],
        posts=[*s.posts, Post("cd-post900", "cd-p900", "cd-jy-pc", "party_member")],
    )
    a = govmodel.assess(s, NAME)
    assert subjects(a, "council.members_placed") == ["cd-p061", "cd-p900"]


def test_super_compounds_silent_without_super_compounds(example: Structure) -> None:
    s = example
    for uid in ("cd-jy-y1", "cd-jy-y3", "cd-hh"):
        s = changed(s, uid, attributes={"residents": 9000})
    s = without(s, "cd-obs021")
    a = govmodel.assess(s, NAME)
    assert a.rule("council.super_compounds").findings == ()
    assert a.metrics["super_compound"].value == 0
