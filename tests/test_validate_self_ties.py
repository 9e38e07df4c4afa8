"""A tie from an entity to itself is a warning (``self-tie``): allowed, but no relation of
governance holds between an entity and itself."""

from __future__ import annotations

import pytest

import govmodel
from govmodel.errors import SpecError
from govmodel.spec import Organization, Person, Structure, Tie, Unit


def _structure(*ties: Tie) -> Structure:
    return Structure(
        units=[Unit("x", "compound")],
        organizations=[Organization("o", "owners_committee", unit="x")],
        people=[Person("p")],
        ties=list(ties),
    )


@pytest.mark.parametrize(
    ("tie", "where"),
    [
        (Tie("t", "o", "o", "serves"), "'o' to itself ('serves')"),
        (Tie("t", "x", "x", "in_grid"), "'x' to itself ('in_grid')"),
        (Tie("t", "p", "p", "spouse_of"), "'p' to itself ('spouse_of')"),
    ],
)
def test_a_tie_to_itself_is_a_warning_naming_it(tie: Tie, where: str) -> None:
    s = _structure(Tie("a", "o", "x", "serves"), tie)
    found = [p for p in govmodel.validate(s) if p.code == "self-tie"]
    assert [(p.path, p.severity) for p in found] == [("$.ties[1].target", "warning")]
    assert found[0].message == f"tie 't' ties {where}"
    assert not [p for p in govmodel.validate(s) if p.severity == "error"]  # still valid
    with pytest.raises(SpecError, match="self-tie"):
        govmodel.validate(s, strict=True)


def test_ties_between_two_entities_are_no_self_ties() -> None:
    s = _structure(Tie("a", "o", "x", "serves"), Tie("b", "p", "x", "owns"))
    assert [p.code for p in govmodel.validate(s)] == []


def test_every_self_tie_is_named_once_in_order() -> None:
    ties = [Tie(f"t{i}", "o", "o" if i % 2 else "x", "serves") for i in range(6)]
    found = [p.path for p in govmodel.validate(_structure(*ties)) if p.code == "self-tie"]
    assert found == ["$.ties[1].target", "$.ties[3].target", "$.ties[5].target"]
