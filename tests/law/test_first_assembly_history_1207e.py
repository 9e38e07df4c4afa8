"""The first owners' assembly is not due where an owners' committee or assembly was formed
and has since ended: the rule reads the structure before it was cut to the day assessed
(``ctx.history``)."""

from __future__ import annotations

import pytest

import govmodel
from govmodel.assess import RuleResult
from govmodel.models import Context, GovernanceModel
from govmodel.spec import Organization, Structure, Unit

RULE = "owners_committee_guidance.first_assembly"


def _compound(uid: str = "c1") -> Unit:
    return Unit(
        uid,
        "compound",
        attributes={
            "floor_area_m2": 10000,
            "delivered_area_m2": 6000,
            "first_delivery": "2015-01-01",
        },
    )


def _result(s: Structure, day: str) -> RuleResult:
    a = govmodel.assess(s, "owners_committee_guidance", as_of=day)
    return next(r for r in a.rules if r.rule.id == RULE)


@pytest.mark.parametrize("kind", ["owners_committee", "owners_assembly"])
@pytest.mark.parametrize("day", ["2023-07-01", "2024", "2030-12-31"])
def test_a_body_formed_and_since_ended_means_the_first_assembly_was_held(
    kind: str, day: str
) -> None:
    s = Structure(
        units=(_compound(),),
        organizations=(Organization("b", kind, unit="c1", start="2017-01-01", end="2023-06-30"),),
    )
    got = _result(s, day)
    assert got.status == "not_applicable"
    assert got.findings == ()


@pytest.mark.parametrize("day", ["2016-12-31", "2016"])
def test_a_body_formed_after_the_day_assessed_does_not_count(day: str) -> None:
    s = Structure(
        units=(_compound(),),
        organizations=(Organization("oc", "owners_committee", unit="c1", start="2017-01-01"),),
    )
    got = _result(s, day)
    assert got.status == "failed"
    assert [f.subject for f in got.findings] == ["c1"]


def test_a_body_ended_in_another_compound_does_not_count() -> None:
    s = Structure(
        units=(_compound("c1"), _compound("c2")),
        organizations=(
            Organization("oc", "owners_committee", unit="c2", start="2017", end="2020"),
        ),
    )
    got = _result(s, "2023-07-01")
    assert [f.subject for f in got.findings] == ["c1"]


def test_the_context_keeps_the_structure_as_given() -> None:
    s = Structure(
        units=(_compound(),),
        organizations=(Organization("oc", "owners_committee", unit="c1", end="2020"),),
    )
    seen: list[tuple[int, int]] = []

    class Probe(GovernanceModel):
        name = "history_probe"

        @govmodel.models.rule("history_probe.r", "counts what it sees")
        def r(self, ctx: Context):  # type: ignore[no-untyped-def]
            seen.append((len(ctx.structure.organizations), len(ctx.history.organizations)))
            return iter(())

    govmodel.assess(s, Probe, as_of="2023")
    assert seen == [(0, 1)]
    ctx = Context(s, Probe())
    assert ctx.history is ctx.structure
