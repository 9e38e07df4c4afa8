"""Classifiers at their edges: values that look like numbers but are not, read as no number."""

from __future__ import annotations

import pytest

from govmodel.classify import compound_type
from govmodel.spec import Structure, Unit


@pytest.mark.parametrize(
    "raw", ["--1990", "-", "²", "1²", "-²", "1_990", "+1990", "1990.0", "9" * 5000]
)
def test_a_building_year_that_is_no_whole_number_decides_nothing(raw: str) -> None:
    s = Structure(units=[Unit("x", "compound", attributes={"built_year": raw})])
    label = compound_type(s)["x"]
    assert label.value == "unknown"
    assert label.reasons[-1].rule == "no-evidence"


@pytest.mark.parametrize("raw", ["--6", "⁶", "6²"])
def test_a_cfps_code_that_is_no_whole_number_is_noted_and_decides_nothing(raw: str) -> None:
    s = Structure(units=[Unit("x", "compound", attributes={"cfps_cz701": raw})])
    label = compound_type(s)["x"]
    assert label.value == "unknown"
    assert [r.rule for r in label.reasons] == ["cfps-cz701-undecided", "no-evidence"]


@pytest.mark.parametrize(
    ("raw", "value"),
    [(" 1990 ", "old_neighbourhood"), ("-5", "old_neighbourhood"), ("2001", "commodity")],
)
def test_a_building_year_written_as_a_whole_number_still_decides(raw: str, value: str) -> None:
    s = Structure(units=[Unit("x", "compound", attributes={"built_year": raw})])
    assert compound_type(s)["x"].value == value
