"""Tests of govmodel.classify.management_mode: every rule, every mode, precedence."""

from __future__ import annotations

import networkx as nx
import pytest

from govmodel.classify import ManagementMode, management_mode
from tests.classify import build_fixture, dataset_graph, org, tie, unit

build = build_fixture()

MODES = ("professional", "self_managed", "work_unit", "quasi_property", "none")


def one(G, subject="x", **options):
    return management_mode(G, **options)[subject]


def test_classes():
    assert ManagementMode.values() == (*MODES, "unknown")
    zh = {c.value: c.zh for c in ManagementMode.classes}
    assert zh["professional"] == "专业物业"
    assert zh["quasi_property"] == "准物业/社区兜底"


@pytest.mark.parametrize("mode", MODES)
def test_management_attribute(build, mode):
    lab = one(build(unit("x", management=mode)))
    assert lab.value == mode
    assert [r.rule for r in lab.reasons] == ["management-attribute"]
    assert lab.details == {"basis": "declared"}


def test_management_attribute_outranks_managers(build):
    G = build(
        unit("x", management="self_managed"),
        org("pc", "property_company"),
        tie("pc", "x", "manages"),
    )
    assert one(G).value == "self_managed"


def test_unrecognised_attribute_is_noted():
    G = nx.MultiDiGraph()
    G.add_node("x", entity="unit", kind="compound", management="mixed")
    lab = one(G)
    assert lab.value == "none"
    assert [r.rule for r in lab.reasons] == ["management-unrecognised", "no-manager"]


@pytest.mark.parametrize(
    ("kind", "mode"),
    [
        ("property_company", "professional"),
        ("social_enterprise", "professional"),
        ("owners_committee", "self_managed"),
        ("owners_assembly", "self_managed"),
        ("stationed_unit", "work_unit"),
        ("residents_committee", "quasi_property"),
        ("community_party_committee", "quasi_property"),
        ("work_station", "quasi_property"),
        ("volunteer_association", "quasi_property"),
    ],
)
def test_manages_tie(build, kind, mode):
    lab = one(build(unit("x"), org("m", kind), tie("m", "x", "manages")))
    assert lab.value == mode
    assert lab.reasons[0].rule == "manages-tie"
    assert lab.reasons[0].data["mode"] == mode
    assert lab.details == {"basis": "derived", "manager": "m", "managers": "m"}


def test_manages_a_building_of_the_compound(build):
    G = build(
        unit("x"),
        unit("b", "building", "x"),
        org("m", "owners_committee"),
        tie("m", "b", "manages"),
    )
    assert one(G).value == "self_managed"


def test_work_unit_by_attribute_or_name(build):
    G = build(
        unit("x", former_work_unit="rail"),
        unit("y"),
        org("rail", "government_department"),
        org("factory", "social_organization", work_unit=True),
        tie("rail", "x", "manages"),
        tie("factory", "y", "manages"),
    )
    labels = management_mode(G)
    assert labels["x"].value == "work_unit"
    assert labels["y"].value == "work_unit"


def test_owners_contract(build):
    G = build(
        unit("x"),
        org("oc", "owners_committee", "x"),
        org("pc", "property_company"),
        tie("oc", "pc", "contracts"),
    )
    lab = one(G)
    assert lab.value == "professional"
    assert [r.rule for r in lab.reasons] == ["owners-contract"]


def test_owners_contract_the_other_way(build):
    G = build(
        unit("x"),
        org("oc", "owners_assembly", "x"),
        org("pc", "property_company"),
        tie("pc", "oc", "contracts"),
    )
    assert one(G).value == "professional"


def test_property_company_located(build):
    G = build(unit("x"), org("pc", "property_company", "x"))
    lab = one(G)
    assert lab.value == "professional"
    assert [r.rule for r in lab.reasons] == ["property-company-located"]


def test_located_company_that_manages_elsewhere_does_not_count(build):
    G = build(
        unit("x"),
        unit("y"),
        org("pc", "property_company", "x"),
        tie("pc", "y", "manages"),
    )
    labels = management_mode(G)
    assert labels["x"].value == "none"
    assert labels["y"].value == "professional"


def test_precedence(build):
    G = build(
        unit("x"),
        org("rc", "residents_committee"),
        org("oc", "owners_committee"),
        org("wu", "stationed_unit"),
        org("pc", "property_company"),
        tie("rc", "x", "manages"),
        tie("oc", "x", "manages"),
        tie("wu", "x", "manages"),
        tie("pc", "x", "manages"),
    )
    lab = one(G)
    assert lab.value == "professional"
    assert lab.details["managers"] == "rc,oc,wu,pc"
    assert [r.data["mode"] for r in lab.reasons] == [
        "quasi_property",
        "self_managed",
        "work_unit",
        "professional",
    ]
    G2 = build(
        unit("x"),
        org("rc", "residents_committee"),
        org("oc", "owners_committee"),
        tie("rc", "x", "manages"),
        tie("oc", "x", "manages"),
    )
    assert one(G2).value == "self_managed"


def test_no_manager(build):
    G = build(unit("x"), org("rc", "residents_committee"), tie("rc", "x", "serves"))
    lab = one(G)
    assert lab.value == "none"
    assert [r.rule for r in lab.reasons] == ["no-manager"]
    lab = one(G, missing="unknown")
    assert lab.value == "unknown"
    assert lab.zh == "模式不明"


def test_xihu_quasi_property_compound():
    G = dataset_graph("xihu")
    labels = management_mode(G)
    quasi = [x for x, lab in labels.items() if lab.value == "quasi_property"]
    assert quasi
    # the same answer derived from the ties, without the declared attribute
    for x in quasi:
        del G.nodes[x]["management"]
    derived = management_mode(G)
    for x in quasi:
        assert derived[x].value == "quasi_property"
        assert derived[x].details["basis"] == "derived"


def test_xihu_professional_compounds_derived():
    G = dataset_graph("xihu")
    declared = management_mode(G)
    for x in declared:
        G.nodes[x].pop("management", None)
    derived = management_mode(G)
    for x, lab in declared.items():
        if lab.value == "professional":
            assert derived[x].value == "professional"
