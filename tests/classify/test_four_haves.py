"""Tests of govmodel.classify.four_haves: each item, each rule, the count."""

from __future__ import annotations

import networkx as nx
import pytest

from govmodel.classify import FOUR_HAVES, FourHaves, four_haves
from govmodel.spec import Term
from tests.classify import (
    build_fixture,
    dataset_graph,
    decision,
    obs,
    org,
    person,
    post,
    tie,
    unit,
)

build = build_fixture()

ITEMS = [k for k, _, _ in FOUR_HAVES]


def one(G, **options):
    return four_haves(G, **options)["x"]


def reason(lab, item):
    (r,) = [r for r in lab.reasons if r.data.get("item") == item]
    return r


def test_classes():
    assert FourHaves.values() == ("0/4", "1/4", "2/4", "3/4", "4/4")
    assert [c.rank for c in FourHaves.classes] == [0, 1, 2, 3, 4]
    assert FourHaves.class_def("4/4").zh == "四有齐全"
    assert [zh for _, _, zh in FOUR_HAVES] == ["有人管事", "有场所议事", "有章理事", "有钱办事"]


def test_nothing(build):
    lab = one(build(unit("x")))
    assert lab.value == "0/4"
    assert [r.rule for r in lab.reasons] == ["no-one-in-charge", "no-venue", "no-rules", "no-funds"]
    assert lab.details["missing"] == ",".join(ITEMS)
    assert lab.details["present"] == ""
    assert lab.details["count"] == 0


def test_all_declared(build):
    G = build(unit("x", has_person_in_charge=True, has_venue=True, has_rules=True, has_funds=True))
    lab = one(G)
    assert lab.value == "4/4"
    assert [r.rule for r in lab.reasons] == ["declared"] * 4
    assert all(lab.details[k] is True for k in ITEMS)


def test_declared_false_overrides_the_graph(build):
    G = build(
        unit("x", has_person_in_charge=False),
        org("oc", "owners_committee", "x"),
        post("p", "oc", "chair"),
    )
    lab = one(G)
    assert lab.details["person_in_charge"] is False
    assert reason(lab, "person_in_charge").rule == "declared"


def test_has_charter_declares_rules(build):
    assert one(build(unit("x", has_charter=True))).details["rules"] is True
    assert one(build(unit("x", has_charter="no"))).details["rules"] is False


# -- someone in charge ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["secretary", "chair", "manager"])
def test_head_post(build, role):
    G = build(unit("x"), org("b", "owners_committee", "x"), post("p", "b", role))
    r = reason(one(G), "person_in_charge")
    assert r.rule == "head-post"
    assert r.data["role"] == role


def test_member_post_is_not_in_charge(build):
    G = build(unit("x"), org("b", "owners_committee", "x"), post("p", "b", "member"))
    assert one(G).details["person_in_charge"] is False


def test_head_of_a_body_tied_to_the_compound(build):
    G = build(
        unit("x"),
        org("pc", "property_company"),
        tie("pc", "x", "manages"),
        post("p", "pc", "manager"),
    )
    assert reason(one(G), "person_in_charge").rule == "head-post"


def test_community_body_without_tie_is_not_the_compounds(build):
    G = build(
        unit("c", "community"),
        unit("x", "compound", "c"),
        org("rc", "residents_committee", "c"),
        post("p", "rc", "chair"),
    )
    assert one(G).details["person_in_charge"] is False


def test_declared_head_role(build):
    t = Term("roles", "steward", "steward", "管家", head=True)
    G = build(
        unit("x"), org("b", "owners_committee", "x"), post("p", "b", "steward"), vocabulary=(t,)
    )
    assert reason(one(G), "person_in_charge").rule == "head-post"


def test_responsible_person(build):
    G = build(unit("x"), person("p"), tie("p", "x", "responsible_for"))
    r = reason(one(G), "person_in_charge")
    assert r.rule == "responsible-person"
    assert r.data["person"] == "p"


# -- a place to deliberate --------------------------------------------------------------------


def test_venue_area(build):
    assert reason(one(build(unit("x", venue_area_m2=120))), "venue").rule == "venue-area"
    assert one(build(unit("x", venue_area_m2=0))).details["venue"] is False


def test_service_station(build):
    G = build(unit("x"), org("ss", "service_station", "x"))
    assert reason(one(G), "venue").rule == "service-station"


def test_venue_observation(build):
    G = build(unit("x"), obs("x", "station_area_m2", 300))
    assert reason(one(G), "venue").rule == "venue-observation"
    G = build(unit("x"), org("oc", "owners_committee", "x"), obs("oc", "station_area_m2", 80.5))
    assert reason(one(G), "venue").rule == "venue-observation"


def test_shares_venue(build):
    G = build(
        unit("x"),
        org("oc", "owners_committee", "x"),
        org("school", "stationed_unit"),
        tie("school", "oc", "shares_venue"),
    )
    r = reason(one(G), "venue")
    assert r.rule == "shares-venue"
    assert r.data["partner"] == "school"


# -- rules to act by --------------------------------------------------------------------------


@pytest.mark.parametrize("attribute", ["has_charter", "has_rules"])
def test_body_charter(build, attribute):
    G = build(unit("x"), org("oc", "owners_committee", "x", **{attribute: True}))
    assert reason(one(G), "rules").rule == "body-charter"


def test_decision_rule(build):
    G = build(unit("x"), org("oa", "owners_assembly", "x"), decision("oa"))
    r = reason(one(G), "rules")
    assert r.rule == "decision-rule"
    assert r.data["organization"] == "oa"


# -- money to act with ------------------------------------------------------------------------


def test_funds_observation(build):
    G = build(unit("x"), obs("x", "budget_yuan", 36000))
    r = reason(one(G), "funds")
    assert r.rule == "funds-observation"
    assert r.data["value"] == 36000


def test_funds_observation_of_a_body_and_options(build):
    G = build(unit("x"), org("oc", "owners_committee", "x"), obs("oc", "savings_yuan", 1500))
    assert one(G).details["funds"] is False
    assert one(G, fund_indicators=frozenset({"savings_yuan"})).details["funds"] is True


def test_zero_funds_do_not_count():
    G = nx.MultiDiGraph()
    G.add_node("x", entity="unit", kind="compound")
    G.add_node("o", entity="observation", indicator="budget_yuan", value=0)
    G.add_edge("o", "x", key="observes", relation="observes")
    assert one(G).details["funds"] is False


@pytest.mark.parametrize("k", range(5))
def test_value_is_the_count(k):
    flags = dict(
        zip(
            ["has_person_in_charge", "has_venue", "has_rules", "has_funds"],
            [True] * k + [False] * (4 - k),
            strict=True,
        )
    )
    G = nx.MultiDiGraph()
    G.add_node("x", entity="unit", kind="compound", **flags)
    lab = one(G)
    assert lab.value == f"{k}/4"
    assert lab.details["count"] == k
    assert len(lab.reasons) == 4


def test_xihu():
    labels = four_haves(dataset_graph("xihu"))
    assert labels
    for lab in labels.values():
        assert lab.value in FourHaves.values()
        assert len(lab.reasons) == 4
