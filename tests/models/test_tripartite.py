"""The tri-partite model (Xihu, report 000): its published figures, and each rule on
structures that violate it and that satisfy it."""

from __future__ import annotations

import json

import attrs
import pytest

import govmodel
from govmodel.assess import Assessment
from govmodel.models.tripartite import REPORT, Tripartite
from govmodel.spec import Observation, Organization, Structure, Tie

from .conftest import assert_declared, changed, json_report, subjects, without

NAME = "tripartite"
MODEL = Tripartite


# -- the model -------------------------------------------------------------------------------


def test_registered_with_its_declarations() -> None:
    model = Tripartite
    assert_declared(model, NAME, REPORT, "xihu")
    assert model.title == "Tri-partite compound governance"
    assert [c.name for c in model.classifiers()] == [
        "compound_type",
        "management_mode",
        "tripartite",
        "four_haves",
    ]


# -- the published figures, through the assessment -------------------------------------------


def test_round_tables_issues_and_resolution_rate(a: Assessment) -> None:
    m = a.metrics
    assert m["round_tables_held"].value == 1048
    assert m["issues_collected"].value == 1495
    assert m["issues_resolved"].value == 1088
    rate = m["resolution_rate"].value
    assert rate is not None
    assert rate == pytest.approx(1088 / 1495)
    assert round(100 * rate, 1) == 72.8


def test_micro_wishes_demonstration_and_renovation(a: Assessment) -> None:
    m = a.metrics
    assert m["micro_wishes"].value == 976
    assert m["demonstration_compounds"].value == 89
    assert m["renovated_compounds"].value == 87
    assert m["renovated_households"].value == 44900


def test_629_compounds_in_five_types(a: Assessment) -> None:
    assert a.metrics["compounds"].value == 629
    assert a.metrics["compound_types"].value == 5
    types = {lab.value for lab in a.labels["compound_type"].values()}
    assert types == {"work_unit", "old_neighbourhood", "affordable", "resettlement", "commodity"}


def test_published_figures_are_the_outermost_units_not_the_illustrative_community(
    example: Structure,
) -> None:
    # the community records 14 round tables (illustrative), inside the district's 1,048
    assert any(
        o.subject == "xh-cm" and o.indicator == "round_tables_held" for o in example.observations
    )
    no_district = without(example, *(o.id for o in example.observations if o.subject == "xh"))
    a = govmodel.assess(no_district, NAME)
    assert a.metrics["round_tables_held"].value == 14
    assert a.metrics["compounds"].value is None
    assert a.metrics["resolution_rate"].value == pytest.approx(15 / 21)


def test_classifiers_label_every_compound(a: Assessment) -> None:
    compounds = {"xh-c1", "xh-c2", "xh-c3", "xh-c4", "xh-c5", "xh-c6"}
    for name in ("compound_type", "management_mode", "tripartite", "four_haves"):
        assert set(a.labels[name]) == compounds
    assert a.label("management_mode", "xh-c2").value == "quasi_property"
    assert a.label("tripartite", "xh-c5").value == "complete_led_linked"
    assert a.label("four_haves", "xh-c6").value == "3/4"


def test_measures_per_compound_roll_up(a: Assessment) -> None:
    three = a.metrics["three_carriages"]
    assert three.by_unit["xh-c3"] == 0.0
    assert three.by_unit["xh-c2"] == 1.0
    assert three.by_level["community"]["xh-cm"] == pytest.approx(5 / 6)
    assert three.value == pytest.approx(5 / 6)
    assert a.metrics["party_led"].value == 1.0
    assert a.metrics["four_haves_share"].by_unit["xh-c2"] == 0.75
    assert a.metrics["four_haves_share"].value == pytest.approx((3 * 1.0 + 3 * 0.75) / 6)
    hh = a.metrics["households"]
    assert hh.value == 4220
    assert hh.by_level["street"]["xh-s1"] == 4220


def test_json_report(a: Assessment) -> None:
    data = json_report(a)
    assert data["model"] == NAME
    assert data["metrics"]["round_tables_held"]["value"] == 1048
    assert data["labels"]["compound_type"]["xh-c1"]["value"] == "work_unit"
    assert {f["rule"] for f in data["findings"]} >= {"tripartite.three_carriages"}
    assert json.loads(a.to_json("zh"))["title"] == "小区“三驾马车”治理"


def test_docstring_example_runs_by_registered_name(example: Structure) -> None:
    assert (
        govmodel.assess(example, NAME).to_json() == govmodel.assess(example, Tripartite).to_json()
    )


# -- the rules -------------------------------------------------------------------------------


def test_three_carriages_finds_the_compound_without_owners_committee(a: Assessment) -> None:
    (f,) = a.rule("tripartite.three_carriages").findings
    assert f.subject == "xh-c3"
    assert f.severity == "error"
    assert f.data["missing"] == "owners_committee"
    assert "业委会" in f.message_zh
    assert not a.ok


def test_three_carriages_silent_when_every_compound_has_three(example: Structure) -> None:
    oc = Organization("xh-c3-oc", "owners_committee", "桃花公租房小区业主委员会", unit="xh-c3")
    s = example.replace(organizations=[*example.organizations, oc])
    a = govmodel.assess(s, NAME)
    assert a.rule("tripartite.three_carriages").findings == ()
    assert a.ok


def test_three_carriages_finds_a_missing_company_unless_quasi_property(example: Structure) -> None:
    a = govmodel.assess(without(example, "xh-c4-pm"), NAME)
    assert subjects(a, "tripartite.three_carriages") == ["xh-c3", "xh-c4"]
    assert a.rule("tripartite.three_carriages").findings[1].data["missing"] == "property_company"
    # 朝阳小区 has no company either, but the community serves it: quasi-property, no error;
    # once nobody manages it, it is short of a carriage
    assert "xh-c2" not in subjects(a, "tripartite.three_carriages")
    s = changed(without(example, "xh-tie027"), "xh-c2", attributes={"management": "none"})
    assert "xh-c2" in subjects(govmodel.assess(s, NAME), "tripartite.three_carriages")


def _no_branch(s: Structure, compound: str) -> Structure:
    return without(s, f"{compound}-pb")


def test_party_led_silent_on_the_example(a: Assessment) -> None:
    assert a.rule("tripartite.party_led").findings == ()


def test_party_led_finds_a_compound_without_party_leadership(example: Structure) -> None:
    a = govmodel.assess(_no_branch(example, "xh-c6"), NAME)
    (f,) = a.rule("tripartite.party_led").findings
    assert f.subject == "xh-c6"
    assert f.severity == "error"


def test_three_in_one_silent_on_the_example(a: Assessment) -> None:
    assert a.rule("tripartite.three_in_one").findings == ()


def test_three_in_one_finds_bodies_without_links(example: Structure) -> None:
    # 滨江花园: the residents' committee guides the owners' committee and supervises the
    # company, which the owners' committee contracts; cut the three ties
    s = without(example, "xh-tie011", "xh-tie024", "xh-tie025")
    a = govmodel.assess(s, NAME)
    assert subjects(a, "tripartite.three_in_one") == ["xh-c6"]
    assert not a.rule("tripartite.three_in_one").passed


def test_four_haves_finds_the_three_compounds_short_of_one(a: Assessment) -> None:
    found = {f.subject: f.data["missing"] for f in a.rule("tripartite.four_haves").findings}
    assert found == {"xh-c2": "funds", "xh-c3": "rules", "xh-c6": "venue"}


def test_four_haves_silent_when_every_compound_has_four(example: Structure) -> None:
    s = changed(example, "xh-c2", attributes={"has_funds": True})
    s = changed(s, "xh-c3", attributes={"has_rules": True})
    s = changed(s, "xh-c6", attributes={"has_venue": True})
    a = govmodel.assess(s, NAME)
    assert a.rule("tripartite.four_haves").findings == ()
    assert a.metrics["four_haves_share"].value == 1.0


def test_five_types_silent_on_the_example(a: Assessment) -> None:
    assert a.rule("tripartite.five_types").findings == ()


def test_five_types_finds_an_untyped_compound(example: Structure) -> None:
    (c1,) = [u for u in example.units if u.id == "xh-c1"]
    bare = {k: v for k, v in c1.attributes.items() if k not in ("origin", "built")}
    s = example.replace(
        units=[attrs.evolve(u, attributes=bare) if u.id == "xh-c1" else u for u in example.units]
    )
    a = govmodel.assess(s, NAME)
    assert subjects(a, "tripartite.five_types") == ["xh-c1"]
    assert a.metrics["compound_types"].value == 4  # no work-unit compound is left


def test_quasi_property_notes_the_quasi_property_compound(a: Assessment) -> None:
    (f,) = a.rule("tripartite.quasi_property").findings
    assert f.subject == "xh-c2"
    assert f.severity == "info"
    assert a.rule("tripartite.quasi_property").passed  # a note, not a failure


def test_quasi_property_silent_once_a_company_manages(example: Structure) -> None:
    pm = Organization("xh-c2-pm", "property_company", "朝阳物业", unit="xh-c2")
    s = without(example, "xh-tie027").replace(
        organizations=[*example.organizations, pm],
        ties=[
            *(t for t in example.ties if t.id != "xh-tie027"),
            Tie("xh-tie900", "xh-c2-pm", "xh-c2", "manages"),
        ],
    )
    s = changed(s, "xh-c2", attributes={"management": "professional"})
    a = govmodel.assess(s, NAME)
    assert a.rule("tripartite.quasi_property").findings == ()
    assert "xh-c2" not in subjects(a, "tripartite.three_carriages")


def test_happiness_trio_silent_on_the_example(a: Assessment) -> None:
    assert a.rule("tripartite.happiness_trio").findings == ()


def test_happiness_trio_finds_a_community_without_micro_projects(example: Structure) -> None:
    a = govmodel.assess(without(example, "xh-obs022"), NAME)
    (f,) = a.rule("tripartite.happiness_trio").findings
    assert f.subject == "xh-cm"
    assert f.data["missing"] == "micro_projects"
    # an observation of a body located in the community counts for the community
    s = without(example, "xh-obs022").replace(
        observations=[
            *(o for o in example.observations if o.id != "xh-obs022"),
            Observation("xh-obs900", "xh-cm-rc", "micro_projects", 2, "2021"),
        ]
    )
    assert govmodel.assess(s, NAME).rule("tripartite.happiness_trio").findings == ()


def test_assessed_as_of_a_date(example: Structure) -> None:
    # in 2018 nobody yet held a head post in 朝阳小区's bodies: no one in charge
    a = govmodel.assess(example, NAME, as_of="2018")
    found = {f.subject: f.data["missing"] for f in a.rule("tripartite.four_haves").findings}
    assert found["xh-c2"] == "person_in_charge,funds"
