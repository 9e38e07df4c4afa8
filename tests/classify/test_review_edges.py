"""Values that say nothing decide nothing: an empty ``former_work_unit`` names no work
unit, a NaN ``has_venue`` declares no venue."""

from __future__ import annotations

import pytest

from govmodel.classify import four_haves, management_mode
from govmodel.spec import Organization, Structure, Tie, Unit


@pytest.mark.parametrize("former", [None, "", "  "])
def test_an_empty_former_work_unit_names_no_work_unit(former: str | None) -> None:
    attrs = {} if former is None else {"former_work_unit": former}
    s = Structure(
        units=[
            Unit("c", "community"),
            Unit("x1", "compound", parent="c", attributes=attrs),
            Unit("x2", "compound", parent="c", attributes=attrs),
        ],
        organizations=[
            Organization("pc", "property_company", unit="x1"),
            Organization("rc", "residents_committee", unit="c"),
        ],
        ties=[Tie("t", "rc", "x2", "manages")],
    )
    labels = management_mode(s)
    assert (labels["x1"].value, labels["x2"].value) == ("professional", "quasi_property")


def test_a_named_former_work_unit_still_makes_the_work_unit() -> None:
    s = Structure(
        units=[
            Unit("c", "community"),
            Unit("x", "compound", parent="c", attributes={"former_work_unit": "Mill"}),
        ],
        organizations=[Organization("pc", "property_company", "Mill", unit="x")],
    )
    assert management_mode(s)["x"].value == "work_unit"


def test_a_nan_declaration_does_not_decide_the_venue() -> None:
    def venue(value: object) -> tuple[bool, list[str]]:
        attributes = {} if value is None else {"has_venue": value}
        s = Structure(
            units=[
                Unit("c", "community"),
                Unit("x", "compound", parent="c", attributes=attributes),
            ],
            organizations=[Organization("ss", "service_station", unit="x")],
        )
        label = four_haves(s)["x"]
        return label.details["venue"], [
            r.rule for r in label.reasons if r.data.get("item") == "venue"
        ]

    assert venue(float("nan")) == venue(None) == (True, ["service-station"])
    assert venue(False) == (False, ["declared"])
