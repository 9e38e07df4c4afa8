"""Properties every classifier keeps, on any valid structure (govmodel.testing.strategies)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings

import govmodel
from govmodel.classify import CLASSIFIERS, classify, read_index
from govmodel.testing import strategies as gst
from tests.classify import hand_graph

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(G):
    index = read_index(G)
    labels = classify(G)
    assert set(labels) == set(CLASSIFIERS)
    for name, by_unit in labels.items():
        c = CLASSIFIERS[name]
        assert list(by_unit) == c.subjects_in(index)
        for subject, lab in by_unit.items():
            assert lab.subject == subject
            assert lab.classifier == name
            assert lab.value in c.values()
            d = c.class_def(lab.value)
            assert (lab.en, lab.zh) == (d.en, d.zh)
            assert lab.reasons
            assert all(r.rule and r.text for r in lab.reasons)
            assert c.classify(G, subject) == lab
            json.dumps(lab.to_dict())


@SETTINGS
@given(gst.structures(max_units=12, max_organizations=10, max_ties=10))
def test_labels_are_declared_classes_with_reasons(s):
    _check(govmodel.to_graph(s))


@SETTINGS
@given(gst.structures(max_units=12, max_organizations=10, max_ties=10))
def test_hand_graph_agrees_with_to_graph(s):
    assert classify(hand_graph(s)) == classify(govmodel.to_graph(s))


@SETTINGS
@given(gst.structures(max_units=12, max_organizations=10, max_ties=10))
def test_a_structure_its_index_and_its_graph_give_the_same_labels(s):
    expected = classify(govmodel.to_graph(s))
    assert classify(s) == expected
    assert classify(govmodel.index.StructureIndex.from_structure(s, backend="python")) == expected


def _regions_agree(s):
    from govmodel.classify.base import _regions

    on_arrays = govmodel.index.StructureIndex.from_structure(s, backend="numpy")
    in_python = govmodel.index.StructureIndex.from_structure(s, backend="python")
    for rank in (4, 5, 6, 7):
        assert list(_regions(on_arrays, rank).items()) == list(_regions(in_python, rank).items())


@SETTINGS
@given(gst.structures(max_units=20, max_organizations=4, max_ties=4))
def test_regions_on_arrays_are_those_read_in_python(s):
    _regions_agree(s)


def test_regions_on_arrays_are_those_read_in_python_on_a_district():
    _regions_agree(govmodel.synth.district(seed=3))
