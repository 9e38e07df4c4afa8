"""Classifiers at their edges: values that look like numbers but are not, read as no number."""

from __future__ import annotations

from typing import Any

import pytest

from govmodel.classify import (
    CompoundType,
    ManagementMode,
    NetworkMode,
    compound_type,
    management_mode,
)
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


@pytest.mark.parametrize(
    "make",
    [
        lambda: CompoundType(reform_year="1998"),
        lambda: CompoundType(reform_year=None),
        lambda: CompoundType(reform_year=1998.5),
        lambda: CompoundType(reform_year=True),
        lambda: CompoundType(use_built_year="no"),
        lambda: NetworkMode(lead_threshold="0.5"),
        lambda: NetworkMode(nao_min_share=None),
        lambda: NetworkMode(lead_threshold=True),
        lambda: NetworkMode(levels=("5",)),
        lambda: NetworkMode(levels=(5.0,)),
        lambda: NetworkMode(levels=(True,)),
        lambda: NetworkMode(interlocks="no"),
    ],
)
def test_an_option_of_the_wrong_type_is_refused_when_the_classifier_is_made(make: Any) -> None:
    with pytest.raises(TypeError, match="must be"):
        make()


@pytest.mark.parametrize("missing", ["bogus", None, "None"])
def test_a_missing_mode_that_is_no_class_is_refused_when_the_classifier_is_made(
    missing: Any,
) -> None:
    with pytest.raises(ValueError, match="missing"):
        ManagementMode(missing=missing)
    with pytest.raises(ValueError, match="missing"):
        management_mode(Structure(units=[Unit("x", "compound")]), missing=missing)


def test_options_of_numpy_types_are_read_as_numbers() -> None:
    np = pytest.importorskip("numpy")
    c = NetworkMode(lead_threshold=np.float32(0.5), levels=[np.int64(6)])
    assert c.levels == (6,)
    assert type(c.levels[0]) is int
    assert CompoundType(reform_year=np.int64(2000)).reform_year == 2000
