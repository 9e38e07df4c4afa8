"""Classifiers at their edges (1207d): options and attribute values of numpy types, values
that say nothing (NaN, blank strings), a building year that holds no year, every documented
rule and detail, a lone classifier, and a compound of many bodies (linear time)."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import govmodel
from govmodel.classify import (
    CLASSIFIERS,
    CompoundType,
    Label,
    NetworkMode,
    classify,
    compound_type,
    four_haves,
    network_mode,
    tripartite,
)
from govmodel.index import StructureIndex
from govmodel.spec import (
    Decision,
    Observation,
    Organization,
    Person,
    Post,
    Structure,
    Tie,
    Unit,
)
from govmodel.testing.linear import assert_linear


def _star() -> Structure:
    orgs = [Organization(f"m{i}", "social_organization", unit="x") for i in range(4)]
    ties = [Tie("t1", "m0", "m1", "links"), Tie("t2", "m0", "m2", "links")]
    return Structure(units=[Unit("x", "compound")], organizations=orgs, ties=ties)


def _types(value: Any) -> set[type]:
    return {type(v) for v in value.values()}


def test_numpy_options_give_labels_of_python_numbers() -> None:
    np = pytest.importorskip("numpy")
    s = Structure(units=[Unit("x", "compound", attributes={"built_year": 1990})])
    c = CompoundType(reform_year=np.int64(2000))
    assert type(c.reform_year) is int
    lab = c.classify_all(s)["x"]
    assert _types(lab.reasons[-1].data) == {int}
    json.dumps(lab.to_dict())
    # the labels kept with the index are shared with the equal classifier of an int
    assert _types(compound_type(s, reform_year=2000)["x"].reasons[-1].data) == {int}

    n = NetworkMode(lead_threshold=np.float32(0.25), nao_min_share=np.float64(0.5))
    assert (type(n.lead_threshold), type(n.nao_min_share)) == (float, float)
    lab = n.classify_all(_star())["x"]
    assert lab.value == "lead_organization"
    assert type(lab.reasons[-1].data["lead_threshold"]) is float
    json.dumps(lab.to_dict())
    assert type(NetworkMode(lead_threshold=Fraction(1, 2)).lead_threshold) is float


@pytest.mark.parametrize("raw", [float("nan"), "", "unknown", True, "--1990"])
def test_a_building_year_that_holds_no_year_leaves_built_to_decide(raw: object) -> None:
    s = Structure(units=[Unit("x", "compound", attributes={"built_year": raw, "built": 1990})])
    label = compound_type(s)["x"]
    assert label.value == "old_neighbourhood"
    assert label.details["attribute"] == "built"
    assert label.reasons[-1].data["built"] == 1990
    assert compound_type(govmodel.to_graph(s))["x"] == label


def test_a_building_year_that_holds_a_year_outranks_built() -> None:
    s = Structure(units=[Unit("x", "compound", attributes={"built_year": "2005", "built": 1990})])
    label = compound_type(s)["x"]
    assert (label.value, label.details["attribute"]) == ("commodity", "built_year")


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_declaration_declares_nothing(blank: str) -> None:
    s = Structure(
        units=[Unit("x", "compound", attributes={"has_venue": blank, "has_funds": blank})],
        organizations=[Organization("ss", "service_station", unit="x")],
    )
    label = four_haves(s)["x"]
    assert (label.details["venue"], label.details["funds"]) == (True, False)
    assert [r.rule for r in label.reasons] == [
        "no-one-in-charge",
        "service-station",
        "no-rules",
        "no-funds",
    ]
    assert four_haves(govmodel.to_graph(s))["x"] == label


@pytest.mark.parametrize(("said", "have"), [("否", False), ("no", False), ("是", True), (0, False)])
def test_a_declaration_that_says_yes_or_no_still_decides(said: object, have: bool) -> None:
    s = Structure(
        units=[Unit("x", "compound", attributes={"has_venue": said})],
        organizations=[Organization("ss", "service_station", unit="x")],
    )
    label = four_haves(s)["x"]
    assert label.details["venue"] is have
    assert label.reasons[1].rule == "declared"


def _every_rule() -> Structure:
    """One community whose compounds, between them, fire every rule of every classifier."""
    u, o, t = Unit, Organization, Tie
    return Structure(
        units=[
            u("c", "community"),
            u("x1", "compound", "", "c", {"origin": "commodity", "management": "self_managed"}),
            u("x2", "compound", "", "c", {"origin": "?", "cfps_cz701": 6, "management": "?"}),
            u("x3", "compound", "", "c", {"cfps_cz701": 10, "housing_programme": "economical"}),
            u("x4", "compound", "", "c", {"housing_programme": "?", "former_work_unit": "Mill"}),
            u("x5", "compound", "", "c", {"has_venue": True}),
            u("x6", "compound", "", "c", {"built_year": 1990, "venue_area_m2": 80}),
            u("x7", "compound", "", "c", {"management": "work_unit"}),
            u("z", "compound"),
        ],
        organizations=[
            o("rc", "residents_committee", unit="c"),
            o("cp", "community_party_committee", unit="c"),
            o("gc", "governance_centre", unit="c"),
            o("pc3", "property_company"),
            o("oc3", "owners_committee", unit="x3"),
            o("ss", "service_station", unit="x3"),
            o("pc4", "property_company", unit="x4"),
            o("oc4", "owners_committee", attributes={"has_charter": True}),
            o("rc4", "residents_committee", unit="x4", parent="cp"),
            o("pc5", "property_company"),
            o("oc5", "owners_committee", unit="x5"),
            o("pb5", "party_branch"),
            o("rc6", "residents_committee"),
            o("pc6", "property_company"),
            o("oc6", "owners_committee", unit="x6"),
            o("pb6", "compound_party_branch", unit="x6"),
            o("a6", "social_organization", unit="x6"),
            o("oc7", "owners_committee", unit="x7"),
        ],
        people=[Person("p1"), Person("p2")],
        posts=[Post("s1", "p1", "oc6", "chair"), Post("s2", "p1", "pb6", "secretary")],
        ties=[
            t("t1", "pc3", "x3", "manages"),
            t("t2", "oc5", "pc5", "contracts"),
            t("t3", "oc4", "x4", "links"),
            t("t4", "pb5", "pc5", "embedded_in"),
            t("t5", "rc6", "x6", "serves"),
            t("t6", "pc6", "x6", "manages"),
            t("t7", "oc6", "pc6", "contracts"),
            t("t8", "oc6", "rc6", "joint_meeting"),
            t("t9", "p2", "x7", "responsible_for"),
            t("t10", "oc7", "a6", "shares_venue"),
            t("t11", "gc", "rc", "links"),
            t("t12", "a6", "oc6", "links"),
            t("t13", "a6", "pb6", "links"),
        ],
        observations=[
            Observation("ob1", "x4", "station_area_m2", 30),
            Observation("ob2", "oc5", "funds_yuan", 100),
        ],
        decisions=[Decision("d1", "oc5")],
    )


#: Every rule each classifier documents, in its docstring and in docs/classifiers.md.
RULES = {
    "compound_type": {
        "origin-attribute",
        "origin-unrecognised",
        "cfps-cz701",
        "cfps-cz701-undecided",
        "housing-programme",
        "housing-programme-unrecognised",
        "former-work-unit",
        "managed-by-work-unit",
        "built-year",
        "no-evidence",
    },
    "management_mode": {
        "management-attribute",
        "management-unrecognised",
        "manages-tie",
        "owners-contract",
        "property-company-located",
        "no-manager",
    },
    "tripartite": {
        "residents-committee-in-compound",
        "residents-committee-serves",
        "residents-committee-of-community",
        "owners-committee-in-compound",
        "owners-committee-tie",
        "property-company-in-compound",
        "property-company-tie",
        "property-company-contract",
        "body-missing",
        "party-in-compound",
        "party-embedded",
        "party-leads",
        "no-party-leadership",
        "shared-person",
        "body-tie",
        "linked",
        "not-linked",
        "status",
    },
    "four_haves": {
        "declared",
        "head-post",
        "responsible-person",
        "no-one-in-charge",
        "venue-area",
        "service-station",
        "venue-observation",
        "shares-venue",
        "no-venue",
        "body-charter",
        "decision-rule",
        "no-rules",
        "funds-observation",
        "no-funds",
    },
    "network_mode": {
        "members",
        "too-few-members",
        "nao",
        "nao-below-threshold",
        "no-ties",
        "lead-organization",
        "shared",
    },
}


def test_every_documented_rule_fires_and_is_documented() -> None:
    s = _every_rule()
    labels = classify(s)
    assert labels == classify(govmodel.to_graph(s))
    labels["network_mode"].update(
        {f"{x}/0": lab for x, lab in NetworkMode(nao_min_share=0.0).classify_all(s).items()}
    )
    docs = (Path(__file__).parents[2] / "docs" / "classifiers.md").read_text(encoding="utf-8")
    for name, rules in RULES.items():
        fired = {r.rule for lab in labels[name].values() for r in lab.reasons}
        assert fired == rules, name
        docstring = type(CLASSIFIERS[name]).__doc__ or ""
        assert [r for r in sorted(rules) if f"``{r}``" not in docstring] == [], name
        assert [r for r in sorted(rules) if f"`{r}`" not in docs] == [], name


#: The documented details of each classifier: always, or when the label says so.
def _details_ok(name: str, lab: Label) -> None:
    d = dict(lab.details)

    def has(key: str, kind: type) -> None:
        assert type(d.pop(key)) is kind, (lab.subject, key)

    if name == "compound_type":
        has("basis", str)
        if lab.value != "unknown":
            has("attribute", str)
        if lab.details.get("attribute") == "cfps_cz701":
            has("approximate", bool)
    elif name == "management_mode":
        has("basis", str)
        if lab.details["basis"] == "derived":
            has("manager", str)
            has("managers", str)
    elif name == "tripartite":
        for key in ("residents_committee", "owners_committee", "property_company"):
            has(key, str)
        for key, kind in [("present", int), ("missing", str), ("led", bool), ("party", str)]:
            has(key, kind)
        has("linked", bool)
        has("links", str)
    elif name == "four_haves":
        for key in ("person_in_charge", "venue", "rules", "funds"):
            has(key, bool)
        has("count", int)
        has("present", str)
        has("missing", str)
    else:
        for key in ("members", "administrative", "ties"):
            has(key, int)
        has("density", float)
        if lab.value in ("shared", "lead_organization") and lab.details["members"] >= 3:
            has("centralization", float)
        if lab.value == "lead_organization":
            has("lead", str)
            has("lead_share", float)
        if lab.value == "nao":
            has("nao", str)
            has("nao_share", float)
    assert d == {}, (name, lab.subject, d)


def test_every_documented_detail_is_there_with_its_type() -> None:
    s = _every_rule()
    labels = classify(s)
    labels["network_mode"].update(
        {f"{x}/0": lab for x, lab in NetworkMode(nao_min_share=0.0).classify_all(s).items()}
    )
    for name, by_unit in labels.items():
        for lab in by_unit.values():
            _details_ok(name, lab)


def _paired_bodies(n: int) -> Structure:
    """One compound of ``n`` owners' committees and ``n`` property companies, person ``i``
    holding posts in the ``i``-th of each: ``n * n`` pairs of bodies, ``n`` shared people."""
    orgs = [
        o
        for i in range(n)
        for o in (
            Organization(f"oc{i}", "owners_committee", unit="x"),
            Organization(f"pc{i}", "property_company", unit="x"),
        )
    ]
    posts = [
        p
        for i in range(n)
        for p in (
            Post(f"a{i}", f"p{i}", f"oc{i}", "chair"),
            Post(f"b{i}", f"p{i}", f"pc{i}", "manager"),
        )
    ]
    return Structure(
        units=[Unit("c", "community"), Unit("x", "compound", parent="c")],
        organizations=orgs,
        people=[Person(f"p{i}") for i in range(n)],
        posts=posts,
    )


def test_tripartite_finds_the_least_shared_person_of_many_bodies() -> None:
    s = _paired_bodies(40)
    label = tripartite(s)["x"]
    shared = [r for r in label.reasons if r.rule == "shared-person"]
    assert [(r.data["person"], r.data["body_a"], r.data["body_b"]) for r in shared] == [
        ("p0", "owners_committee", "property_company")
    ]
    assert label.details["links"] == "owners_committee+property_company"
    assert tripartite(govmodel.to_graph(s))["x"] == label


@pytest.mark.timing
def test_tripartite_is_linear_in_the_bodies_of_one_compound() -> None:
    def label(s: Structure) -> object:
        return tripartite(StructureIndex.from_structure(s))

    assert_linear(_paired_bodies, label, 300, min_seconds=0.04)


def test_numpy_attribute_values_are_labelled_as_the_graph_reads_them() -> None:
    np = pytest.importorskip("numpy")
    s = Structure(
        units=[
            Unit("c", "community"),
            Unit("x1", "compound", parent="c", attributes={"built_year": np.str_("1990")}),
            Unit("x2", "compound", parent="c", attributes={"venue_area_m2": np.float64(50)}),
            Unit("x3", "compound", parent="c", attributes={"origin": np.str_("commodity")}),
            Unit("x4", "compound", parent="c", attributes={"cfps_cz701": np.float64(6)}),
        ],
        organizations=[
            Organization(
                "oc", "owners_committee", unit="x1", attributes={"has_charter": np.str_("yes")}
            ),
            Organization(
                "pc", "property_company", unit="x1", attributes={"work_unit": np.str_("是")}
            ),
            Organization(
                "gc", "governance_centre", unit="c", attributes={"administrative": np.float64(0)}
            ),
            Organization("so", "social_organization", unit="c"),
            Organization("rc", "residents_committee", unit="c"),
        ],
        ties=[Tie("t1", "gc", "so", "links"), Tie("t2", "gc", "rc", "links")],
    )
    labels = classify(s)
    assert labels == classify(govmodel.to_graph(s))
    assert labels["compound_type"]["x1"].value == "old_neighbourhood"
    assert labels["compound_type"]["x3"].value == "commodity"
    assert labels["compound_type"]["x4"].value == "commodity"
    assert labels["four_haves"]["x1"].details["rules"] is True
    assert labels["four_haves"]["x2"].details["venue"] is True
    assert labels["management_mode"]["x1"].value == "work_unit"
    # the governance centre says it is not administrative: a member, at the centre of a star
    assert labels["network_mode"]["c"].details["lead"] == "gc"
    for by_unit in labels.values():
        for lab in by_unit.values():
            json.dumps(lab.to_dict(), allow_nan=False)
            assert all(
                type(v) in (str, int, float, bool) for r in lab.reasons for v in r.data.values()
            )


def test_a_building_head_is_someone_in_charge_of_the_compound() -> None:
    s = Structure(
        units=[Unit("x", "compound"), Unit("b", "building", parent="x")],
        people=[Person("head")],
        ties=[Tie("t", "head", "b", "responsible_for")],
    )
    label = four_haves(s)["x"]
    assert label.reasons[0].rule == "responsible-person"
    assert dict(label.reasons[0].data) == {
        "item": "person_in_charge",
        "person": "head",
        "unit": "b",
    }


def test_one_classifier_given_alone_is_one_classifier() -> None:
    s = govmodel.datasets.load("xihu")
    assert classify(s, "tripartite") == {"tripartite": tripartite(s)}
    one = NetworkMode(levels=(5,))
    assert classify(s, one) == {"network_mode": one.classify_all(s)}
    with pytest.raises(govmodel.ModelError, match="no classifier 'tri_partite'"):
        classify(s, "tri_partite")


@pytest.mark.parametrize(
    ("flag", "members"), [(float("nan"), 2), ("", 2), (" ", 2), ("否", 3), (False, 3), ("yes", 2)]
)
def test_an_administrative_flag_that_says_nothing_leaves_the_kind_to_decide(
    flag: object, members: int
) -> None:
    s = Structure(
        units=[Unit("x", "compound")],
        organizations=[
            Organization("gc", "governance_centre", unit="x", attributes={"administrative": flag}),
            Organization("oc", "owners_committee", unit="x"),
            Organization("pc", "property_company", unit="x"),
        ],
        ties=[Tie("t1", "gc", "oc", "guides"), Tie("t2", "gc", "pc", "guides")],
    )
    label = network_mode(s)["x"]
    assert label.details["members"] == members
    assert label.value == ("nao" if members == 2 else "lead_organization")
    assert network_mode(govmodel.to_graph(s))["x"] == label


@pytest.mark.parametrize("nothing", [float("nan"), "", "  "])
def test_a_value_that_says_nothing_is_not_noted(nothing: object) -> None:
    said = {"origin": nothing, "cfps_cz701": nothing, "housing_programme": nothing}
    s = Structure(
        units=[
            Unit("x", "compound", attributes={**said, "management": nothing, "built_year": 2005})
        ],
        organizations=[Organization("pc", "property_company", unit="x")],
    )
    labels = classify(s, ["compound_type", "management_mode"])
    assert [r.rule for r in labels["compound_type"]["x"].reasons] == ["built-year"]
    assert [r.rule for r in labels["management_mode"]["x"].reasons] == ["property-company-located"]
    for by_unit in labels.values():
        json.dumps(by_unit["x"].to_dict(), allow_nan=False)
