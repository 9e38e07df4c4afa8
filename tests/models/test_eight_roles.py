"""The eight-roles model (Changsha, report 003): its published figures, and each rule on
structures that violate it and that satisfy it."""

from __future__ import annotations

import pytest

import govmodel
from govmodel.assess import Assessment
from govmodel.metrics.service import fee_collection_change
from govmodel.models.eight_roles import EIGHT_ROLES, REPORT, EightRoles
from govmodel.spec import Observation, Organization, Post, Structure

from .conftest import assert_declared, changed, json_report, subjects, without

NAME = "eight_roles"
MODEL = EightRoles


# -- the model -------------------------------------------------------------------------------


def test_registered_with_its_declarations() -> None:
    model = EightRoles
    assert_declared(model, NAME, REPORT, "changsha")
    assert model.title == "Eight roles and co-building alliances"
    assert len(EIGHT_ROLES) == 8


def test_the_example_passes_every_rule(a: Assessment) -> None:
    assert a.ok
    assert a.findings == ()


# -- the published figures, through the assessment -------------------------------------------


def test_fee_collection_rose_from_47_8_to_92_percent(a: Assessment, example: Structure) -> None:
    m = a.metrics
    assert m["fee_collection_before"].by_unit == {"cs-yt-gl": 0.478}
    assert m["fee_collection_after"].by_unit == {"cs-yt-gl": 0.92}
    assert m["fee_collection_change"].by_unit == {"cs-yt-gl": 0.442}
    assert m["fee_collection_after"].by_level["community"]["cs-yt"] == 0.92
    # the same change as govmodel.metrics.service computes
    c = fee_collection_change(govmodel.to_graph(example), "cs-yt-gl")
    assert (c.before, c.after, c.difference) == (0.478, 0.92, m["fee_collection_change"].value)


def test_eight_roles_all_filled_in_the_pilot(a: Assessment) -> None:
    assert a.metrics["eight_roles_filled"].by_unit == {"cs-yt-gl": 8}
    assert a.metrics["eight_roles_adoption"].by_unit["cs-yt-gl"] == 1.0
    assert a.metrics["eight_roles_adoption"].value == 0.25
    assert a.metrics["building_head_coverage"].by_unit["cs-yt-gl"] == 1.0
    assert a.metrics["party_member_building_heads"].by_unit["cs-yt-gl"] == pytest.approx(5 / 12)
    assert a.rule("eight_roles.all_roles").findings == ()


def test_volunteer_association_with_its_own_party_branch(a: Assessment) -> None:
    assert a.rule("eight_roles.association_branch").findings == ()
    assert a.rule("eight_roles.compound_branch").findings == ()


def test_partner_units_from_3_to_32_and_200_projects(a: Assessment) -> None:
    m = a.metrics
    assert m["partner_units_first"].value == 3
    assert m["partner_units_latest"].value == 32
    assert m["projects_completed"].value == 200
    assert m["alliance_members"].value == 13  # those the structure models
    assert m["partner_deputy_secretaries"].value == 13  # computed from posts: report says 13


def test_facility_standards(a: Assessment) -> None:
    assert a.metrics["urban_station_standard_m2"].value == 450
    assert a.metrics["station_area_m2"].by_unit == {"cs-yt": 480, "cs-qt": 1900}
    assert a.rule("eight_roles.station_area").findings == ()


def test_json_report(a: Assessment) -> None:
    data = json_report(a)
    assert data["model"] == NAME
    assert data["metrics"]["fee_collection_after"]["by_unit"] == {"cs-yt-gl": 0.92}
    assert data["findings"] == []
    assert data["ok"] is True


# -- the rules -------------------------------------------------------------------------------


def test_all_roles_finds_an_unfilled_role(example: Structure) -> None:
    a = govmodel.assess(without(example, "cs-post028"), NAME)  # the pet-keeping warden
    (f,) = a.rule("eight_roles.all_roles").findings
    assert f.subject == "cs-yt-gl-va"
    assert f.data["missing"] == "pet_warden"
    assert "宠物饲养管理员" in f.message_zh
    assert a.metrics["eight_roles_filled"].by_unit == {"cs-yt-gl": 7}


def test_all_roles_finds_an_association_without_any(example: Structure) -> None:
    va = Organization("cs-yt-ya-va", "volunteer_association", unit="cs-yt-ya")
    a = govmodel.assess(example.replace(organizations=[*example.organizations, va]), NAME)
    assert subjects(a, "eight_roles.all_roles") == ["cs-yt-ya-va"]
    assert a.rule("eight_roles.all_roles").findings[0].data["filled"] == 0


def test_from_building_heads_finds_a_role_holder_who_heads_no_building(example: Structure) -> None:
    post = Post("cs-post900", "cs-p018", "cs-yt-gl-va", "dispute_mediator")
    a = govmodel.assess(example.replace(posts=[*example.posts, post]), NAME)
    assert subjects(a, "eight_roles.from_building_heads") == ["cs-p018"]


def test_association_branch_finds_an_association_without_its_own(example: Structure) -> None:
    a = govmodel.assess(without(example, "cs-tie013"), NAME)
    assert subjects(a, "eight_roles.association_branch") == ["cs-yt-gl-va"]
    assert not a.ok


def test_compound_branch_finds_a_compound_with_only_the_association_branch(
    example: Structure,
) -> None:
    a = govmodel.assess(without(example, "cs-yt-gl-pb"), NAME)
    assert subjects(a, "eight_roles.compound_branch") == ["cs-yt-gl"]
    assert a.rule("eight_roles.association_branch").findings == ()


def test_party_led_finds_an_association_headed_by_a_non_member(example: Structure) -> None:
    a = govmodel.assess(changed(example, "cs-p006", party=None), NAME)
    assert subjects(a, "eight_roles.party_led") == ["cs-yt-gl-va"]


def test_building_heads_finds_a_building_without_one(example: Structure) -> None:
    a = govmodel.assess(without(example, "cs-tie012"), NAME)
    assert subjects(a, "eight_roles.building_heads") == ["cs-yt-gl-b12"]
    assert a.metrics["building_head_coverage"].by_unit["cs-yt-gl"] == pytest.approx(11 / 12)


def test_fee_collection_finds_a_rate_that_did_not_rise(example: Structure) -> None:
    a = govmodel.assess(changed(example, "cs-obs002", value=0.40), NAME)
    (f,) = a.rule("eight_roles.fee_collection").findings
    assert f.subject == "cs-yt-gl"
    assert (f.data["before"], f.data["after"]) == (0.478, 0.40)
    assert a.metrics["fee_collection_change"].value == pytest.approx(-0.078)


def test_alliance_finds_a_partner_outside_the_alliance_or_agreement(example: Structure) -> None:
    a = govmodel.assess(without(example, "cs-tie046"), NAME)
    (f,) = a.rule("eight_roles.alliance").findings
    assert (f.subject, f.data["missing"]) == ("cs-xy-cb13", "alliance")
    a = govmodel.assess(without(example, "cs-tie045", "cs-tie046"), NAME)
    (f,) = a.rule("eight_roles.alliance").findings
    assert f.data["missing"] == "agreement,alliance"
    assert a.metrics["alliance_members"].value == 12


def test_partner_secretaries_finds_a_figure_the_posts_do_not_bear_out(example: Structure) -> None:
    a = govmodel.assess(without(example, "cs-post070"), NAME)
    (f,) = a.rule("eight_roles.partner_secretaries").findings
    assert f.subject == "cs-xy-pgb"
    assert (f.data["recorded"], f.data["found"]) == (13, 12)
    assert a.metrics["partner_deputy_secretaries"].value == 12


def test_the_urban_standard_measure_is_the_published_one(example: Structure) -> None:
    # the province's published average (cs-obs014), or no value when none is published;
    # the rule's average against it is tested in test_eight_roles_sources.py
    a = govmodel.assess(example, NAME)
    assert a.metrics["urban_station_standard_m2"].value == 450
    no_standard = without(example, "cs-obs014")
    assert govmodel.assess(no_standard, NAME).metrics["urban_station_standard_m2"].value is None


def test_station_area_holds_village_stations_to_the_rural_standard(example: Structure) -> None:
    s = changed(example, "cs-qt", kind="village")
    s = s.replace(
        observations=[
            *(o for o in s.observations if o.id != "cs-obs009"),
            Observation("cs-obs900", "cs-qt-sc", "station_area_m2", 320, "2019-03"),
        ]
    )
    assert govmodel.assess(s, NAME).rule("eight_roles.station_area").findings == ()
    s = changed(s, "cs-obs900", value=280)
    (f,) = govmodel.assess(s, NAME).rule("eight_roles.station_area").findings
    assert (f.subject, f.data["scope"], f.data["standard_m2"]) == ("cs-qt-sc", "rural", 300)
