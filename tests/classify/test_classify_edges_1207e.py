"""Edges of the classifiers' contract: the id a label is given under, a subclass's own class
names, the labels several units share, and one person on many bodies of one compound."""

from __future__ import annotations

import pickle
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import govmodel
from govmodel.classify import (
    CLASSIFIERS,
    ClassDef,
    Classifier,
    CompoundType,
    FourHaves,
    ManagementMode,
    NetworkMode,
    Tripartite,
    classify,
)
from govmodel.index import StructureIndex
from govmodel.spec import Structure
from govmodel.testing.linear import assert_linear
from tests.classify import decision, hand_graph, obs, org, post, structure, tie, unit

_DOC = (Path(__file__).parents[2] / "docs" / "classifiers.md").read_text(encoding="utf-8")


def _exact(a: object, b: object) -> bool:
    """Whether ``a`` and ``b`` are equal with the same types all the way down (``True``,
    ``1`` and ``1.0`` differ)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_exact(a[k], b[k]) for k in a)  # type: ignore[index]
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(_exact(x, y) for x, y in zip(a, b, strict=True))  # type: ignore[arg-type]
    if isinstance(a, float):
        return repr(a) == repr(b)
    return a == b


def _twins() -> Structure:
    """Two communities, ``cQ`` and ``cZ``, each with compounds of the same facts but
    organizations of ids of their own (every id holds its side's letter, ``Q`` or ``Z``):
    the twins get the same labels, each naming its own organizations."""
    entities: list[Any] = [unit("st", "street")]
    for side in "QZ":
        c = f"c{side}"
        entities += [
            unit(c, "community", "st"),
            org(f"rc{side}", "residents_committee", c),
            org(f"pb{side}", "community_party_committee", c),
        ]
        for i, facts in enumerate(
            (
                {"origin": "commodity"},
                {"cfps_cz701": 6.0, "management": "Professional"},
                {"cfps_cz701": True, "former_work_unit": f"wu{side}"},
                {"built_year": " 1997 ", "has_funds": 1, "has_venue": "否"},
                {},
            )
        ):
            x = f"x{side}{i}"
            entities += [
                unit(x, "compound" if i != 4 else "courtyard", c, **facts),
                unit(f"b{x}", "building", x),
                org(f"oc{x}", "owners_committee", f"b{x}", has_charter="yes"),
                org(f"pc{x}", "property_company", x, parent=f"br{x}"),
                org(f"br{x}", "compound_party_branch"),
                org(f"ws{x}", "work_station", c),
                tie(f"pc{x}", f"oc{x}", "contracts"),
                tie(f"ws{x}", f"oc{x}", "guides"),
                tie(f"ws{x}", f"pc{x}", "guides"),
                post(f"sec{x}", f"br{x}", "secretary"),
                post(f"sec{x}", f"oc{x}", "chair"),
                obs(f"oc{x}", "budget_yuan", 500.0),
                decision(f"oc{x}"),
            ]
            if i == 2:  # the former work unit, which manages it
                entities += [org(f"wu{side}", "stationed_unit"), tie(f"wu{side}", x, "manages")]
            else:
                entities.append(org(f"v{x}", "volunteer_association", x))
    return structure(*entities)


def test_twins_are_labelled_alike_each_naming_its_own_organizations() -> None:
    s = _twins()
    for name, labels in classify(s).items():
        twins = [(x, x.replace("Q", "Z")) for x in labels if "Q" in x]
        assert len(twins) == (6 if name == "network_mode" else 5)
        for q, z in twins:
            got_q, got_z = repr(labels[q].to_dict()), repr(labels[z].to_dict())
            assert "Z" not in got_q, name
            assert "Q" not in got_z, name
            assert got_q.replace("Q", "Z") == got_z, name


@pytest.mark.parametrize("name", sorted(CLASSIFIERS))
def test_every_source_labels_alike_and_alone_as_together(name: str) -> None:
    s = _twins()
    c = CLASSIFIERS[name]
    want = {k: lab.to_dict() for k, lab in c.classify_all(s).items()}
    assert want
    sources: list[object] = [
        StructureIndex.from_structure(s, backend="python"),
        StructureIndex.from_structure(s, backend="numpy"),
        govmodel.to_graph(s),
        hand_graph(s),
    ]
    for source in sources:
        got = c.classify_all(source)  # type: ignore[arg-type]
        assert _exact(want, {k: lab.to_dict() for k, lab in got.items()})
    # each unit labelled alone, on an index of its own, and the last unit first
    for x in reversed(list(want)):
        lab = c.classify(StructureIndex.from_structure(s), x)
        assert _exact(want[x], lab.to_dict())
    documented = set(re.findall(r"`([a-z0-9-]+)`", _DOC))
    for lab in c.classify_all(s).values():
        assert {r.rule for r in lab.reasons} <= documented
        again = pickle.loads(pickle.dumps(lab))
        assert again == lab
        assert hash(again) == hash(lab)
        assert _exact(again.to_dict(), lab.to_dict())


@pytest.mark.parametrize("name", sorted(CLASSIFIERS))
@pytest.mark.parametrize("kind", [np.str_, type("Id", (str,), {})])
def test_a_subject_given_as_a_str_subclass_is_labelled_under_the_unit_id(
    name: str, kind: type[str]
) -> None:
    s = _twins()
    c = CLASSIFIERS[name]
    for x in ("xQ0", "xQ1", "xZ4", "cQ"):
        if name != "network_mode" and x == "cQ":
            continue
        lab = c.classify(s, kind(x))
        assert type(lab.subject) is str
        # nor does it reach the labels shared with the units of the same facts
        for shared in c.classify_all(s).values():
            assert type(shared.subject) is str


@pytest.mark.parametrize("base", [CompoundType, ManagementMode, Tripartite, FourHaves, NetworkMode])
def test_a_subclass_labels_with_the_names_of_its_own_classes(base: type[Classifier]) -> None:
    class Renamed(base):  # type: ignore[valid-type,misc]
        name = "renamed"
        classes = tuple(
            ClassDef(c.value, f"EN {c.en}", f"中 {c.zh}", c.description, c.rank)
            for c in base.classes
        )

    s = govmodel.datasets.load("xihu")
    labels = Renamed().classify_all(s)
    assert labels
    for lab in labels.values():
        c = Renamed.class_def(lab.value)
        assert (lab.classifier, lab.en, lab.zh) == ("renamed", c.en, c.zh)
    # the built-in one is not changed by it
    for lab in base().classify_all(s).values():
        assert not lab.en.startswith("EN ")


def _one_on_every_committee(n: int) -> Structure:
    """One compound of ``n`` owners' committees and ``n`` property companies: one person
    sits on every committee, another on each company, and all of them on a volunteer team
    (so each is a person holding posts in two organizations or more)."""
    entities: list[Any] = [
        unit("c", "community"),
        unit("x", "compound", "c"),
        org("v", "volunteer_team", "c"),
        post("everywhere", "v"),
    ]
    for i in range(n):
        entities += [
            org(f"oc{i}", "owners_committee", "x"),
            org(f"pc{i}", "property_company", "x"),
            post("everywhere", f"oc{i}"),
            post(f"q{i}", f"pc{i}"),
            post(f"q{i}", "v"),
        ]
    return structure(*entities)


def test_the_shape_of_one_person_on_every_committee() -> None:
    lab = Tripartite().classify_all(_one_on_every_committee(100))["x"]
    assert lab.details["links"] == ""  # no one sits on a committee and a company
    s = _one_on_every_committee(100)
    s = structure(*s.units, *s.organizations, *s.posts, post("everywhere", "pc99"))
    lab = Tripartite().classify_all(s)["x"]
    assert lab.details["links"] == "owners_committee+property_company"
    assert next(r for r in lab.reasons if r.rule == "shared-person").data["person"] == "everywhere"


@pytest.mark.timing
def test_tripartite_reads_one_person_on_every_committee_once() -> None:
    def label(s: Structure) -> object:
        return Tripartite().classify_all(StructureIndex.from_structure(s))

    assert_linear(_one_on_every_committee, label, 2000, min_seconds=0.04)


@pytest.mark.parametrize("first", [1, 1.0, 0, 0.0])
def test_thresholds_equal_as_numbers_write_the_same_labels_whichever_runs_first(
    first: float,
) -> None:
    # NetworkMode(lead_threshold=1) and NetworkMode(lead_threshold=1.0) are equal, and so
    # share the labels they keep with an index: both write the threshold as a float
    s = structure(
        unit("x", "compound"),
        org("a", "owners_committee", "x"),
        org("b", "property_company", "x"),
        org("c", "residents_committee", "x"),
        tie("a", "b", "guides"),
        tie("b", "c", "guides"),
        tie("a", "c", "guides"),
    )
    ix = StructureIndex.from_structure(s)
    other = float(first) if type(first) is int else int(first)
    NetworkMode(lead_threshold=first, nao_min_share=first).classify_all(ix)
    for made in (NetworkMode(lead_threshold=other), NetworkMode(lead_threshold=first)):
        lab = made.classify_all(ix)["x"]
        alone = made.classify_all(StructureIndex.from_structure(s))["x"]
        assert _exact(lab.to_dict(), alone.to_dict())
        assert type(lab.reasons[-1].data["lead_threshold"]) is float
    made = NetworkMode(lead_threshold=first, nao_min_share=first)
    assert (type(made.lead_threshold), type(made.nao_min_share)) == (float, float)


def test_a_missing_class_given_as_a_numpy_string_labels_with_a_plain_string() -> None:
    # equal to ManagementMode(missing="unknown"), so sharing what it keeps with an index:
    # its labels must be the same
    made = ManagementMode(missing=np.str_("unknown"))
    assert made == ManagementMode(missing="unknown")
    assert type(made.missing) is str
    lab = made.classify_all(structure(unit("x", "compound")))["x"]
    assert (lab.value, type(lab.value)) == ("unknown", str)
