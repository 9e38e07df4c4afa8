"""Classifiers at their edges (1207d): options of numpy types, a building year that holds
no year, blank declarations."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

import pytest

import govmodel
from govmodel.classify import CompoundType, NetworkMode, compound_type, four_haves
from govmodel.spec import Organization, Structure, Tie, Unit


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
