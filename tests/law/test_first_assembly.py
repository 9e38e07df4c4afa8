"""The first owners' assembly [S: the digest's summary; variants by city]: due once more than
half of the area is delivered (超过50%: half is not enough), or two years after the first
delivery with at least 20 % delivered (20%以上: 20 % is enough; Civil Code art. 1259); two
years run from the day after the first delivery through the second anniversary (arts.
201-203)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from govmodel.models.law.owners_committee import OwnersCommitteeGuidance, first_assembly_due
from govmodel.spec import Observation, Organization, Structure, Unit

from .test_edges import HZ, Got, findings, gap, status

OC = OwnersCommitteeGuidance
FIRST = "owners_committee_guidance.first_assembly"


def delivered(
    area: object = 10000, done: object = None, first: object = None, **more: Any
) -> Structure:
    attributes: dict[str, Any] = {}
    for name, value in (
        ("floor_area_m2", area),
        ("delivered_area_m2", done),
        ("first_delivery", first),
    ):
        if value is not None:
            attributes[name] = value
    attributes.update(more)
    return Structure(units=[Unit("x", "compound", "New Park", attributes=attributes)])


def half(done: object) -> tuple:
    return ("x", "warning", {"basis": "half", "delivered_area_m2": done})


def two_years(done: object, since: str) -> tuple:
    return ("x", "warning", {"basis": "two_years", "delivered_area_m2": done, "since": since})


def unit_attr(name: str) -> str:
    return f"$.units[?(@.id=='x')].attributes.{name}"


@pytest.mark.parametrize(
    ("structure", "day", "found"),
    [
        pytest.param(delivered(done=5001), "2026", [half(5001)], id="5001-more-than-half"),
        pytest.param(delivered(done=5000.5), "2026", [half(5000.5)], id="5000.5-more-than-half"),
        pytest.param(
            delivered(done=5000),
            "2026",
            [gap("x", "missing-field", unit_attr("first_delivery"))],
            id="5000-exactly-half-needs-the-first-delivery",
        ),
        pytest.param(
            delivered(done=5000, first="2020-01-01"),
            "2026",
            [two_years(5000, "2022-01-02")],
            id="5000-and-two-years",
        ),
        pytest.param(
            delivered(done=2000, first="2022-03-15"), "2024-03-15", [], id="20pc-on-the-anniversary"
        ),
        pytest.param(
            delivered(done=2000, first="2022-03-15"),
            "2024-03-16",
            [two_years(2000, "2024-03-16")],
            id="20pc-the-day-after",
        ),
        pytest.param(
            delivered(done=2000.0, first="2022-03-15"),
            "2024-03-16",
            [two_years(2000.0, "2024-03-16")],
            id="20pc-a-whole-float",
        ),
        pytest.param(delivered(done=1999, first="2010-01-01"), "2026", [], id="19.99pc-never"),
        pytest.param(delivered(done=1999.99, first="2010-01-01"), "2026", [], id="1999.99-never"),
        pytest.param(delivered(done=1999), "2026", [], id="under-20pc-needs-no-date"),
        pytest.param(delivered(done=0, first="2010-01-01"), "2026", [], id="nothing-delivered"),
        pytest.param(delivered(done=2000, first="2022"), "2024-12-31", [], id="partial-year"),
        pytest.param(
            delivered(done=2000, first="2022"),
            "2025-01-01",
            [two_years(2000, "2025-01-01")],
            id="partial-year-the-day-after",
        ),
        pytest.param(
            delivered(done=2000, first="2020-02-29"),
            "2022-03-01",
            [two_years(2000, "2022-03-01")],
            id="leap-day",
        ),
        pytest.param(
            delivered(done=2000, first="2020-02-29"), "2022-02-28", [], id="leap-day-last-day"
        ),
        pytest.param(
            delivered(done=9000, first="2030-01-01"), "2026", [], id="first-delivery-after-the-day"
        ),
        pytest.param(delivered(area=10000.0, done=5001), "2026", [half(5001)], id="total-a-float"),
        pytest.param(
            delivered(area=220.67, done=110.335, first="2025-06-01"),
            "2026",
            [],
            id="exactly-half-in-decimals",
        ),
        pytest.param(
            delivered(area=220.67, done=110.336, first="2025-06-01"),
            "2026",
            [half(110.336)],
            id="just-above-half-in-decimals",
        ),
    ],
)
def test_first_assembly(structure: Structure, day: str, found: Got) -> None:
    assert findings(structure, OC, FIRST, day) == found


@pytest.mark.parametrize(
    ("structure", "problem", "path"),
    [
        pytest.param(
            delivered(area=None, done=5001),
            "missing-field",
            unit_attr("floor_area_m2"),
            id="no-total",
        ),
        pytest.param(
            delivered(first="2020"),
            "missing-field",
            unit_attr("delivered_area_m2"),
            id="no-delivered",
        ),
        pytest.param(
            delivered(area="10000", done=5001),
            "wrong-type",
            unit_attr("floor_area_m2"),
            id="total-a-string",
        ),
        pytest.param(
            delivered(area=True, done=1), "wrong-type", unit_attr("floor_area_m2"), id="total-true"
        ),
        pytest.param(
            delivered(area=-1, done=0),
            "wrong-type",
            unit_attr("floor_area_m2"),
            id="total-negative",
        ),
        pytest.param(
            delivered(area=float("nan"), done=1),
            "wrong-type",
            unit_attr("floor_area_m2"),
            id="total-nan",
        ),
        pytest.param(
            delivered(area=0, done=0), "wrong-type", unit_attr("floor_area_m2"), id="total-0"
        ),
        pytest.param(
            delivered(done="5001"),
            "wrong-type",
            unit_attr("delivered_area_m2"),
            id="delivered-a-string",
        ),
        pytest.param(
            delivered(done=-5),
            "wrong-type",
            unit_attr("delivered_area_m2"),
            id="delivered-negative",
        ),
        pytest.param(
            delivered(done=False),
            "wrong-type",
            unit_attr("delivered_area_m2"),
            id="delivered-false",
        ),
        pytest.param(
            delivered(done=10001),
            "invalid-value",
            unit_attr("delivered_area_m2"),
            id="more-than-the-total",
        ),
        pytest.param(
            delivered(done=6000, first="soon"),
            "wrong-type",
            unit_attr("first_delivery"),
            id="first-no-date",
        ),
        pytest.param(
            delivered(done=6000, first=2020),
            "wrong-type",
            unit_attr("first_delivery"),
            id="first-a-number",
        ),
        pytest.param(
            delivered(done=6000, first="2021-02-30"),
            "wrong-type",
            unit_attr("first_delivery"),
            id="first-no-real-day",
        ),
    ],
)
def test_first_assembly_data(structure: Structure, problem: str, path: str) -> None:
    assert findings(structure, OC, FIRST, "2026") == [gap("x", problem, path)]


def test_the_total_area_from_an_observation() -> None:
    s = delivered(area=None, done=5001)
    s = s.replace(
        observations=[
            Observation("o1", "x", "floor_area_m2", 20000, period="2019"),
            Observation("o2", "x", "floor_area_m2", 10000, period="2024"),
        ]
    )
    assert findings(s, OC, FIRST, "2026") == [half(5001)]


@pytest.mark.parametrize(
    "structure",
    [
        pytest.param(delivered(area=None, first="2030-01-01"), id="no-areas-yet"),
        pytest.param(delivered(area="big", done=9000, first="2030"), id="a-malformed-total"),
        pytest.param(delivered(area=0, done=0, first="2026-07"), id="a-total-of-0"),
    ],
)
def test_a_first_delivery_after_the_day_needs_no_areas(structure: Structure) -> None:
    """Nothing was delivered on the day assessed, so the assembly is not due, whatever the
    areas recorded: no warning that they cannot be read."""
    assert findings(structure, OC, FIRST, "2026-06-30") == []


@pytest.mark.parametrize("first", ["9997-12-31", "9998-06-01", "9999"])
def test_two_years_beyond_the_calendar_have_not_run(first: str) -> None:
    """Two years from a first delivery late in 9997 or after end after 9999-12-31, the last
    day a date names: not due, where the rule crashed (OverflowError) or said that the
    first delivery was not recorded."""
    assert first_assembly_due(Fraction(3000), Fraction(10000), first) is None
    with pytest.raises(ValueError, match="not an ISO date"):
        first_assembly_due(Fraction(3000), Fraction(10000), "soon")
    assert findings(delivered(done=3000, first=first), OC, FIRST, "9999-12-31") == []
    assert findings(delivered(done=6000, first=first), OC, FIRST, "9999-12-31") == [half(6000)]


def test_a_total_of_0_is_named_where_it_was_read() -> None:
    """The warning names the total, the attribute or the observation it was read from, not
    the delivered area."""
    s = delivered(area=None, done=0)
    s = s.replace(observations=[Observation("o1", "x", "floor_area_m2", 0.0, period="2024")])
    path = "$.observations[?(@.id=='o1')].value"
    assert findings(s, OC, FIRST, "2026") == [gap("x", "wrong-type", path)]


@pytest.mark.parametrize("kind", ["owners_assembly", "owners_committee"])
def test_a_compound_with_an_assembly_or_committee_is_not_examined(kind: str) -> None:
    s = delivered(done=9000)
    s = s.replace(organizations=[Organization("o", kind, unit="x")])
    assert status(s, OC, FIRST, "2026") == "not_applicable"
    elsewhere = s.replace(
        units=[*s.units, Unit("y", "compound")],
        organizations=[Organization("o", kind, unit="y")],
    )
    assert findings(elsewhere, OC, FIRST, "2026") == [half(9000)]


def test_first_assembly_not_applicable() -> None:
    assert status(Structure(), OC, FIRST, "2026") == "not_applicable"
    assert status(delivered(), OC, FIRST, "2026") == "not_applicable"  # no delivery recorded
    street = Structure(units=[Unit("x", "street", attributes={"delivered_area_m2": 9000})])
    assert status(street, OC, FIRST, "2026") == "not_applicable"  # compounds only
    s = delivered(done=9000)
    assert status(s, OC, FIRST, "2009-12-31") == "not_applicable"
    assert status(s, OC, FIRST, "2010-01-01") == "failed"
    assert status(s, HZ, FIRST, "2026") == "failed"  # inherited by the city
    assert status(delivered(done=1000), OC, FIRST, "2026") == "passed"


def test_the_rule_says_it_rests_on_a_secondary_source() -> None:
    spec = next(r for r in OC.rules() if r.id == FIRST)
    assert spec.source.startswith("[S]")
    assert "article not given" in spec.article
    assert spec.severity == "warning"


@pytest.mark.parametrize(
    ("kind", "found"),
    [
        pytest.param("compound", [half(5001)], id="compound"),
        pytest.param("courtyard", [half(5001)], id="courtyard-of-chengdu-is-a-compound"),
        pytest.param("building", [], id="building-is-no-compound"),
        pytest.param("community", [], id="community-is-no-compound"),
    ],
)
def test_first_assembly_examines_every_compound_level_unit(kind: str, found: Got) -> None:
    s = delivered(done=5001)
    s = s.replace(units=[Unit("x", kind, "New Park", attributes=dict(s.units[0].attributes))])
    assert findings(s, OC, FIRST, "2026") == found
