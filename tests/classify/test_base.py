"""Tests of the classifier contract: Label, Reason, ClassDef, Classifier, GraphIndex, classify."""

from __future__ import annotations

import json
from typing import ClassVar

import attrs
import networkx as nx
import pytest

import govmodel.classify as gc
from govmodel.classify import (
    CLASSIFIERS,
    ClassDef,
    Classifier,
    GraphIndex,
    Label,
    NetworkMode,
    Reason,
    classify,
)
from govmodel.spec import Term
from tests.classify import build_fixture, org, post, tie, unit

build = build_fixture()


class Toy(Classifier):
    name: ClassVar[str] = "toy"
    en: ClassVar[str] = "toy"
    zh: ClassVar[str] = "玩具"
    classes: ClassVar[tuple[ClassDef, ...]] = (ClassDef("a", "A", "甲"), ClassDef("b", "B", "乙"))

    def classify_in(self, index: GraphIndex, subject: str) -> Label:
        return self.label(subject, "a", [Reason("always", "always a")])


def test_reason_and_label_are_frozen_values():
    r = Reason("rule", "text", {"n": 1})
    assert r == Reason("rule", "text", {"n": 1})
    assert hash(r) == hash(Reason("rule", "text", {"n": 1}))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        r.rule = "other"  # type: ignore[misc]
    lab = Label("toy", "x", "a", "A", "甲", [r], {"k": True})
    assert isinstance(lab.reasons, tuple)
    assert hash(lab) == hash(Label("toy", "x", "a", "A", "甲", (r,), {"k": True}))
    assert lab.name() == "A"
    assert lab.name("zh") == "甲"
    assert str(lab) == "x: a (toy)"
    assert str(r) == "rule: text"


def test_to_dict_is_json():
    lab = Label("toy", "x", "a", "A", "甲", [Reason("r", "t", {"n": 1.5})], {"k": "v"})
    d = lab.to_dict()
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d
    assert d["reasons"] == [{"rule": "r", "text": "t", "data": {"n": 1.5}}]


def test_classdef():
    c = ClassDef("a", "A", "甲", "desc", 2)
    assert c.name("zh") == "甲"
    assert c.rank == 2


def test_label_checks_value_and_reasons():
    toy = Toy()
    assert toy.values() == ("a", "b")
    with pytest.raises(KeyError, match="no class 'c'"):
        toy.label("x", "c", [Reason("r", "t")])
    with pytest.raises(ValueError, match="at least one reason"):
        toy.label("x", "a", [])
    lab = toy.label("x", "b", [Reason("r", "t")], {"n": 1})
    assert (lab.classifier, lab.en, lab.zh) == ("toy", "B", "乙")


def test_classify_checks_the_subject(build):
    G = build(unit("x"), org("o", "owners_committee", "x"))
    assert Toy().classify(G, "x").value == "a"
    with pytest.raises(KeyError, match="no node"):
        Toy().classify(G, "missing")
    with pytest.raises(ValueError, match="not a unit"):
        Toy().classify(G, "o")


def test_classify_all_labels_compounds(build):
    G = build(
        unit("d", "district"),
        unit("c", "community", "d"),
        unit("x", "compound", "c"),
        unit("y", "courtyard", "c"),
        unit("b", "building", "x"),
        unit("g", "grid", "c"),
    )
    assert sorted(Toy().classify_all(G)) == ["x", "y"]


def test_index(build):
    G = build(
        unit("c", "community"),
        unit("x", "compound", "c"),
        unit("b", "building", "x"),
        org("pb", "compound_party_branch", "x"),
        org("oc", "owners_committee", "x", parent="pb"),
        post("p", "oc", "chair"),
        post("p", "pb", "member"),
        tie("pb", "oc", "joint_meeting"),
        tie("p", "b", "responsible_for"),
    )
    ix = GraphIndex(G)
    assert list(ix.ancestors("b")) == ["x", "c"]
    assert ix.subtree("c") == ["c", "x", "b"]
    assert ix.level("x") == 6
    assert ix.compounds() == ["x"]
    assert ix.org_unit == {"pb": "x", "oc": "x"}
    assert ix.leads == {"pb": ["oc"]}
    assert ix.led_by == {"oc": ["pb"]}
    assert ix.org_ties["oc"] == [("pb", "joint_meeting", False)]
    assert ix.unit_ties["b"] == [("p", "responsible_for")]
    assert ix.person_orgs["p"] == {"oc", "pb"}
    assert ix.heads("oc") == [("p", "chair")]
    assert ix.heads("pb") == []
    assert ix.is_party("pb")
    assert not ix.is_party("oc")
    assert ix.kind("x") == "compound"
    assert ix.kind("nothing") == ""


def test_index_level_from_kind_and_cycles():
    G = nx.MultiDiGraph()
    G.add_node("x", entity="unit", kind="compound")
    G.add_node("y", entity="unit", kind="courtyard", level=6)
    G.add_node("z", entity="unit", kind="custom")
    ix = GraphIndex(G)
    assert ix.level("x") == 6
    assert ix.level("z") is None
    assert ix.level("absent") is None
    assert ix.compounds() == ["x", "y"]
    # a (malformed) containment cycle does not loop forever
    G.add_edge("x", "y", key="contains", relation="contains")
    G.add_edge("y", "x", key="contains", relation="contains")
    ix = GraphIndex(G)
    assert list(ix.ancestors("x")) == ["y"]
    assert sorted(ix.subtree("x")) == ["x", "y"]


def test_head_roles_from_the_graph_vocabulary(build):
    t = Term("roles", "steward", "steward", "管家", head=True)
    G = build(unit("x"), vocabulary=(t,))
    assert "steward" in GraphIndex(G).head_roles
    G = nx.MultiDiGraph(
        vocabulary=json.dumps([{"category": "roles", "name": "chair", "head": False}])
    )
    assert "chair" not in GraphIndex(G).head_roles
    G = nx.MultiDiGraph(vocabulary="not json")
    assert GraphIndex(G).head_roles == {"secretary", "chair", "manager"}


def test_registry():
    assert set(CLASSIFIERS) == {
        "compound_type",
        "management_mode",
        "tripartite",
        "four_haves",
        "network_mode",
    }
    for name, c in CLASSIFIERS.items():
        assert c.name == name
        assert c.classes
        assert len(set(c.values())) == len(c.values())
        assert all((c.en, c.zh, c.reference))
        for d in c.classes:
            assert all((d.en, d.zh, d.description))
    with pytest.raises(TypeError):
        CLASSIFIERS["x"] = Toy()  # type: ignore[index]


def test_classify_many(build):
    G = build(unit("c", "community"), unit("x", "compound", "c"))
    everything = classify(G)
    assert set(everything) == set(CLASSIFIERS)
    for name, labels in everything.items():
        assert labels == CLASSIFIERS[name].classify_all(G)
    some = classify(G, ["tripartite", NetworkMode(levels=(5,)), Toy()])
    assert set(some) == {"tripartite", "network_mode", "toy"}
    assert list(some["network_mode"]) == ["c"]
    with pytest.raises(KeyError, match="the classifiers are"):
        classify(G, ["nope"])


def test_functions_match_classifier_objects(build):
    G = build(unit("x", origin="commodity"))
    for name in CLASSIFIERS:
        assert getattr(gc, name)(G) == CLASSIFIERS[name].classify_all(G)


def test_public_names():
    for name in gc.__all__:
        assert hasattr(gc, name)
