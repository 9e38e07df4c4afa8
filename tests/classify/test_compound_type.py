"""Tests of govmodel.classify.compound_type: every rule and every class."""

from __future__ import annotations

import pytest

from govmodel.classify import CFPS_CZ701, HOUSING_PROGRAMMES, CompoundType, compound_type
from tests.classify import build_fixture, dataset_graph, unit

build = build_fixture()

FIVE = ("work_unit", "old_neighbourhood", "affordable", "resettlement", "commodity")


def one(G, **options):
    labels = compound_type(G, **options)
    assert list(labels) == ["x"]
    return labels["x"]


def test_classes_are_the_five_and_unknown():
    assert CompoundType.values() == (*FIVE, "unknown")
    zh = {c.value: c.zh for c in CompoundType.classes}
    assert zh["work_unit"] == "单位型"
    assert zh["old_neighbourhood"] == "老街坊"
    assert zh["affordable"] == "保障型"
    assert zh["resettlement"] == "安置型"
    assert zh["commodity"] == "商品房"


@pytest.mark.parametrize("origin", FIVE)
def test_origin_attribute(build, origin):
    lab = one(build(unit("x", origin=origin)))
    assert lab.value == origin
    assert [r.rule for r in lab.reasons] == ["origin-attribute"]
    assert lab.details == {"basis": "declared", "attribute": "origin"}


def test_origin_outranks_other_attributes(build):
    G = build(unit("x", origin="commodity", cfps_cz701=3, housing_programme="resettlement"))
    assert one(G).value == "commodity"


def test_unrecognised_origin_is_noted_and_other_rules_tried():
    import networkx as nx

    G = nx.MultiDiGraph()
    G.add_node("x", entity="unit", kind="compound", origin="villa", built_year=2005)
    lab = one(G)
    assert lab.value == "commodity"
    assert [r.rule for r in lab.reasons] == ["origin-unrecognised", "built-year"]


@pytest.mark.parametrize("code", sorted(CFPS_CZ701))
def test_cfps_codes(build, code):
    entry = CFPS_CZ701[code]
    lab = one(build(unit("x", cfps_cz701=code)))
    if entry.origin is None:
        assert lab.value == "unknown"
        assert lab.reasons[0].rule == "cfps-cz701-undecided"
    else:
        assert lab.value == entry.origin
        assert lab.reasons[-1].rule == "cfps-cz701"
        assert lab.details["basis"] == "survey"
        assert lab.details["approximate"] is entry.approximate


def test_cfps_code_list():
    assert sorted(CFPS_CZ701) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 77]
    mapped = {c: e.origin for c, e in CFPS_CZ701.items()}
    assert mapped[3] == mapped[4] == "work_unit"
    assert mapped[6] == mapped[8] == "commodity"
    assert mapped[5] == "affordable"
    assert mapped[2] == "old_neighbourhood"
    assert mapped[9] == "resettlement"
    assert {c for c, e in CFPS_CZ701.items() if e.approximate} == {1, 7, 9}


@pytest.mark.parametrize(
    ("raw", "value"), [("6", "commodity"), (5.0, "affordable"), (" 3 ", "work_unit")]
)
def test_cfps_code_as_string_or_float(build, raw, value):
    assert one(build(unit("x", cfps_cz701=raw))).value == value


@pytest.mark.parametrize("raw", [-1, -8, 0, 11, "abc", 2.5, True])
def test_cfps_code_undecided(build, raw):
    lab = one(build(unit("x", cfps_cz701=raw)))
    assert lab.value == "unknown"
    assert [r.rule for r in lab.reasons] == ["cfps-cz701-undecided", "no-evidence"]


def test_cfps_undecided_falls_through(build):
    lab = one(build(unit("x", cfps_cz701=10, housing_programme="public_rental")))
    assert lab.value == "affordable"
    assert [r.rule for r in lab.reasons] == ["cfps-cz701-undecided", "housing-programme"]


@pytest.mark.parametrize(("programme", "value"), sorted(HOUSING_PROGRAMMES.items()))
def test_housing_programme(build, programme, value):
    lab = one(build(unit("x", housing_programme=programme)))
    assert lab.value == value
    assert lab.details == {"basis": "derived", "attribute": "housing_programme"}


def test_housing_programme_unrecognised(build):
    lab = one(build(unit("x", housing_programme="villa")))
    assert lab.value == "unknown"
    assert [r.rule for r in lab.reasons] == ["housing-programme-unrecognised", "no-evidence"]


@pytest.mark.parametrize("former", ["Nanchang Railway Bureau", True, "yes"])
def test_former_work_unit(build, former):
    lab = one(build(unit("x", former_work_unit=former, built_year=2010)))
    assert lab.value == "work_unit"
    assert lab.reasons[-1].rule == "former-work-unit"


@pytest.mark.parametrize("former", ["", False, "no", 0])
def test_former_work_unit_false(build, former):
    assert one(build(unit("x", former_work_unit=former))).value == "unknown"


def test_managed_by_work_unit(build):
    lab = one(build(unit("x", management="work_unit")))
    assert lab.value == "work_unit"
    assert lab.reasons[-1].rule == "managed-by-work-unit"


@pytest.mark.parametrize(
    ("attribute", "year", "value"),
    [
        ("built_year", 1985, "old_neighbourhood"),
        ("built_year", 1997, "old_neighbourhood"),
        ("built_year", 1998, "commodity"),
        ("built", 2011, "commodity"),
        ("built", "1980", "old_neighbourhood"),
    ],
)
def test_built_year(build, attribute, year, value):
    lab = one(build(unit("x", **{attribute: year})))
    assert lab.value == value
    assert lab.details == {"basis": "heuristic", "attribute": attribute}
    assert lab.reasons[-1].rule == "built-year"


def test_built_year_options(build):
    G = build(unit("x", built_year=2000))
    assert one(G, use_built_year=False).value == "unknown"
    assert one(G, reform_year=2005).value == "old_neighbourhood"


def test_unknown(build):
    lab = one(build(unit("x")))
    assert lab.value == "unknown"
    assert lab.en == "type unknown"
    assert [r.rule for r in lab.reasons] == ["no-evidence"]
    assert lab.details == {"basis": "none"}


def test_only_compounds_are_labelled(build):
    G = build(
        unit("c", "community", cfps_cz701=6),
        unit("x", "compound", "c"),
        unit("y", "courtyard", "c"),
        unit("b", "building", "x"),
    )
    assert sorted(compound_type(G)) == ["x", "y"]
    # a community may still be classified on request
    assert CompoundType().classify(G, "c").value == "commodity"


def test_xihu_has_all_five_types():
    G = dataset_graph("xihu")
    labels = compound_type(G)
    assert set(FIVE) <= {lab.value for lab in labels.values()}
