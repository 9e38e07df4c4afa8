"""Tests of the classifier contract: Label, Reason, ClassDef, Classifier, read_index, region,
classify."""

from __future__ import annotations

import json
from typing import ClassVar

import attrs
import networkx as nx
import pytest

import govmodel
import govmodel.classify as gc
from govmodel.classify import (
    CLASSIFIERS,
    ClassDef,
    Classifier,
    Label,
    NetworkMode,
    Reason,
    classify,
    read_index,
)
from govmodel.classify.base import region
from govmodel.errors import ModelError, SpecError
from govmodel.index import StructureIndex
from govmodel.spec import Structure, Term
from tests.classify import build_fixture, org, post, structure, unit

build = build_fixture()


class Toy(Classifier):
    name: ClassVar[str] = "toy"
    en: ClassVar[str] = "toy"
    zh: ClassVar[str] = "玩具"
    classes: ClassVar[tuple[ClassDef, ...]] = (ClassDef("a", "A", "甲"), ClassDef("b", "B", "乙"))

    def classify_in(self, ix: StructureIndex, subject: str) -> Label:
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
    with pytest.raises(KeyError, match="no node"):
        Toy().classify(G, ["unhashable"])
    with pytest.raises(ValueError, match=r"'o' is not a unit \(its entity is 'organization'\)"):
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


def test_read_index_takes_a_graph_a_structure_or_an_index():
    s = structure(unit("c", "community"), unit("x", "compound", "c"))
    ix = read_index(s)
    assert ix is StructureIndex.of(s)
    assert read_index(ix) is ix
    from_graph = read_index(govmodel.to_graph(s))
    assert from_graph.unit_ids == ix.unit_ids
    assert from_graph.structure() == ix.structure()


@pytest.mark.parametrize("thing", [None, "x", [("a", "b")], {"units": []}, nx.MultiGraph()])
def test_read_index_refuses_what_is_no_graph_structure_or_index(thing):
    with pytest.raises(SpecError) as err:
        read_index(thing)
    assert err.value.codes == ("wrong-type",)
    assert type(thing).__name__ in str(err.value)


def test_an_invalid_graph_is_refused_naming_what_is_wrong():
    G = nx.MultiDiGraph()
    G.add_node("x", entity="unit", kind="compound")
    G.add_node("o", kind="owners_committee")  # no entity
    G.add_edge("o", "x", relation="located_in")
    G.add_edge("x", "x")  # no relation
    for call in (
        lambda: classify(G),
        lambda: Toy().classify_all(G),
        lambda: Toy().classify(G, "x"),
        lambda: gc.tripartite(G),
    ):
        with pytest.raises(SpecError) as err:
            call()
        text = str(err.value)
        assert "nodes['o'].entity" in text
        assert "relation" in text


def test_the_three_ways_in_give_the_same_labels():
    s = govmodel.datasets.load("yuetang")
    G = govmodel.to_graph(s)
    ix = StructureIndex.from_structure(s)
    for c in CLASSIFIERS.values():
        assert c.classify_all(G) == c.classify_all(s) == c.classify_all(ix)
        x = c.subjects_in(ix)[0]
        assert c.classify(G, x) == c.classify(s, x) == c.classify(ix, x)
    assert classify(G) == classify(s) == classify(ix)


def test_region_stops_at_units_of_the_subjects_rank():
    s = structure(
        unit("c", "community"),
        unit("x", "compound", "c"),
        unit("g", "grid", "x"),
        unit("b", "building", "g"),
        unit("y", "compound", "x"),  # invalid: a compound inside a compound
        unit("b2", "building", "y"),
    )
    ix = StructureIndex.of(s)
    assert region(ix, "c") == ("c", "x", "g", "y", "b", "b2")
    assert region(ix, "x") == ("x", "g", "b")
    assert region(ix, "y") == ("y", "b2")
    assert region(ix, "g") == ("g", "b")  # an unranked unit: every unit inside it


def test_region_reads_a_unit_of_a_cycle_once():
    s = Structure(units=(unit("a", "grid", "b"), unit("b", "grid", "a")))
    ix = StructureIndex.of(s)
    assert region(ix, "a") == ("a", "b")


def test_a_nested_compound_is_labelled_on_its_own():
    # Each compound reads its own region: the owners' committee of the inner compound is
    # the inner compound's, not the outer one's as well.
    s = structure(
        unit("x", "compound"),
        unit("y", "compound", "x"),
        org("oc", "owners_committee", "y"),
    )
    labels = gc.tripartite(s)
    assert labels["y"].details["owners_committee"] == "oc"
    assert labels["x"].details["owners_committee"] == ""


def test_head_roles_from_the_structure_vocabulary(build):
    steward = Term("roles", "steward", "steward", "管家", head=True)
    G = build(unit("x"), org("o", "owners_committee", "x"), post("p", "o", "steward"))
    plain = gc.four_haves(G)["x"]
    G = build(
        unit("x"),
        org("o", "owners_committee", "x"),
        post("p", "o", "steward"),
        vocabulary=(steward,),
    )
    declared = gc.four_haves(G)["x"]
    assert (plain.details["person_in_charge"], declared.details["person_in_charge"]) == (
        False,
        True,
    )
    not_a_head = Term("roles", "chair", "chair", "主任", head=False)
    G = build(
        unit("x"),
        org("o", "owners_committee", "x"),
        post("p", "o", "chair"),
        vocabulary=(not_a_head,),
    )
    assert gc.four_haves(G)["x"].details["person_in_charge"] is False


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
    with pytest.raises(ModelError, match="no classifier 'nope'; the classifiers are compound_type"):
        classify(G, ["nope"])
    assert issubclass(ModelError, LookupError)


def test_functions_match_classifier_objects(build):
    G = build(unit("x", origin="commodity"))
    for name in CLASSIFIERS:
        assert getattr(gc, name)(G) == CLASSIFIERS[name].classify_all(G)


def test_public_names():
    for name in gc.__all__:
        assert hasattr(gc, name)


def test_classifiers_and_models_read_a_yes_alike() -> None:
    from govmodel.classify.base import _truthy
    from govmodel.models.helpers import truthy

    values = [None, True, False, 0, 1, -1, 0.0, 2.5, float("nan"), float("inf"), "", " Yes "]
    values += ["no", "FALSE", "0", "none", "是"]
    assert [_truthy(v) for v in values] == [truthy(v) for v in values]
    assert [truthy(v) for v in values][:8] == [False, True, False, False, True, True, False, True]
    assert [truthy(v) for v in values][8:] == [False, True, False, True] + [False] * 4 + [True]


def test_reasons_and_labels_made_without_copies_are_the_same_values():
    """_reason, _made_label and _again build, without copying what their callers hand over,
    the reasons and labels the public constructors make of the same fields."""
    import pickle

    from govmodel.classify.base import _made_label, _reason
    from govmodel.spec import Attributes, _owned

    data = {"body": "owners_committee", "organization": "o1", "n": 2, "x": 1.0, "y": True}
    owned = _owned(dict(data))
    assert type(owned) is Attributes
    assert owned == Attributes(data)
    assert hash(owned) == hash(Attributes(data))
    assert repr(owned) == repr(Attributes(data))
    assert list(owned) == list(data)
    assert pickle.loads(pickle.dumps(owned)) == owned
    with pytest.raises(AttributeError):
        owned._data = {}  # type: ignore[misc]

    made = _reason("r", "because", dict(data))
    public = Reason("r", "because", data)
    assert type(made) is Reason
    assert type(made.data) is Attributes
    assert made == public
    assert hash(made) == hash(public)
    assert repr(made) == repr(public)
    assert made.to_dict() == public.to_dict()
    assert pickle.loads(pickle.dumps(made)) == made
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.rule = "s"  # type: ignore[misc]

    details = {"present": 3, "missing": ""}
    label = _made_label("demo", "x1", "yes", "yes", "是", (made,), dict(details))
    same = Label("demo", "x1", "yes", "yes", "是", [public], details)
    assert type(label) is Label
    assert type(label.details) is Attributes
    assert label == same
    assert hash(label) == hash(same)
    assert repr(label) == repr(same)
    assert label.to_dict() == same.to_dict()
    assert pickle.loads(pickle.dumps(label)) == label

    class Demo(Classifier):
        name = "demo"
        en, zh = "demo", "演示"
        classes = (ClassDef("yes", "yes", "是"),)

        def classify_in(self, ix: StructureIndex, subject: str) -> Label:
            raise NotImplementedError

    again = Demo()._again(label, "x2")
    expected = Label("demo", "x2", "yes", "yes", "是", [public], details)
    assert again == expected
    assert hash(again) == hash(expected)
    assert repr(again) == repr(expected)
    assert again.reasons is label.reasons
    assert again.details is label.details
    assert Demo()._again(label, "x1") is label
