"""The lookups the classifiers bind for labelling every unit read what the plain rules say.

Administrative organizations (network_mode) by attribute and kind, a body's shared venue and
charter (four_haves), and the declared attributes compound_type and management_mode decide
by, each on values that are awkward to read (strings that say no, NaN, numbers, booleans),
on both index backends, in bulk and one unit at a time; and a subclass with classes of its
own gets its own names in bulk.
"""

from __future__ import annotations

import math
from typing import Any, ClassVar

import pytest

from govmodel.classify import (
    ADMINISTRATIVE_KINDS,
    ClassDef,
    CompoundType,
    FourHaves,
    ManagementMode,
    NetworkMode,
)
from govmodel.classify.base import _says_nothing, _truthy, _value
from govmodel.index import StructureIndex
from govmodel.spec import Structure
from tests.classify import org, person, post, structure, tie, unit

#: Values of ``administrative``, ``has_charter`` and ``has_rules``: yes, no, and neither.
_AWKWARD: tuple[Any, ...] = (True, False, "no", " Yes ", "", "false", 0, 1, 1.5, math.nan, 0.0)


def _exact(labels: dict[str, Any]) -> list[str]:
    return [repr(lab.to_dict()) for lab in labels.values()]


def _every_way(c: Any, s: Structure) -> dict[str, Any]:
    """``c``'s labels of ``s``, held equal on both backends and one unit at a time."""
    labels = c.classify_all(StructureIndex.from_structure(s, backend="numpy"))
    assert _exact(c.classify_all(StructureIndex.from_structure(s, backend="python"))) == _exact(
        labels
    )
    one = {x: c.classify(StructureIndex.from_structure(s), x) for x in labels}
    assert _exact(one) == _exact(labels)
    return labels  # type: ignore[no-any-return]


def _administered() -> Structure:
    """A community whose organizations each say ``administrative`` differently, all
    tied to one owners' committee."""
    kinds = ("governance_centre", "owners_committee", "work_station", "residents_committee")
    orgs = [
        org(f"o{i}", kinds[i % len(kinds)], "c", administrative=v) for i, v in enumerate(_AWKWARD)
    ]
    plain = [org(f"k{i}", kind, "c") for i, kind in enumerate(kinds)]
    ties = [tie(o.id, "hub", "links") for o in (*orgs, *plain)]
    return structure(
        unit("c", "community"), org("hub", "owners_committee", "c"), *orgs, *plain, *ties
    )


@pytest.mark.parametrize("kinds", [ADMINISTRATIVE_KINDS, frozenset(), {"owners_committee"}])
def test_administrative_organizations_are_read_by_attribute_then_kind(kinds: Any) -> None:
    s = _administered()
    flagged = []
    for o in s.organizations:
        flag = _value(o, "administrative")
        # a flag that says nothing (NaN, a blank string) leaves the kind to decide
        if _truthy(flag) if not _says_nothing(flag) else o.kind in kinds:
            flagged.append(o.id)
    c = NetworkMode(levels=(5,), administrative_kinds=kinds)
    lab = _every_way(c, s)["c"]
    assert lab.details["administrative"] == len(flagged)
    assert lab.details["members"] == len(s.organizations) - len(flagged)
    if "hub" in flagged:  # the hub is administrative: tied to every member, the NAO
        assert lab.value == "nao"
        assert lab.details["nao"] == "hub"
    else:  # the hub leads the members, the administrative ones left out
        assert lab.value == "lead_organization"
        assert lab.details["lead"] == "hub"


def test_a_network_of_no_administrative_organization_names_none() -> None:
    s = _administered()
    lab = _every_way(NetworkMode(levels=(5,), administrative_kinds=()), s)["c"]
    assert lab.details["administrative"] == sum(
        _truthy(o.attributes["administrative"]) for o in s.organizations if o.attributes
    )


def test_an_organization_tied_to_itself_or_its_own_parent_is_not_its_neighbour() -> None:
    s = structure(
        unit("c", "community"),
        org("a", "owners_committee", "c", parent="a"),
        org("b", "residents_committee", "c"),
        org("d", "property_company", "c"),
        tie("a", "a", "links"),
        tie("b", "b", "links"),
        tie("b", "d", "links"),
    )
    lab = _every_way(NetworkMode(levels=(5,)), s)["c"]
    assert (lab.value, lab.details["ties"]) == ("shared", 1)


@pytest.mark.parametrize("charter", _AWKWARD)
def test_a_body_charter_is_its_first_true_of_has_charter_and_has_rules(charter: Any) -> None:
    s = structure(
        unit("x"),
        org("oc", "owners_committee", "x", has_charter=charter, has_rules="yes"),
        org("rc", "residents_committee", "x", has_charter=True),
    )
    lab = _every_way(FourHaves(), s)["x"]
    rules = next(r for r in lab.reasons if r.data["item"] == "rules")
    assert rules.rule == "body-charter"
    assert rules.data["organization"] == "oc"
    said = "has_charter" if _truthy(charter) else "has_rules"
    assert said in rules.data


@pytest.mark.parametrize(
    ("ties", "partner"),
    [
        ([("oc", "oc")], "oc"),  # a tie to itself: its own partner
        ([("x", "oc"), ("rc", "oc")], "rc"),  # from a unit: not an organization's tie
        ([("ws", "oc"), ("oc", "rc")], "ws"),  # coming in first
        ([("oc", "rc"), ("ws", "oc")], "rc"),  # going out first
    ],
)
def test_a_shared_venue_is_the_first_shares_venue_tie_either_way(
    ties: list[tuple[str, str]], partner: str
) -> None:
    s = structure(
        unit("x"),
        org("oc", "owners_committee", "x"),
        org("rc", "residents_committee"),
        org("ws", "work_station"),
        tie("oc", "rc", "links"),
        *(tie(a, b, "shares_venue") for a, b in ties),
    )
    lab = _every_way(FourHaves(), s)["x"]
    venue = next(r for r in lab.reasons if r.data["item"] == "venue")
    assert (venue.rule, venue.data["organization"], venue.data["partner"]) == (
        "shares-venue",
        "oc",
        partner,
    )


@pytest.mark.parametrize(
    "value", ["professional", "work_unit", "quasi", "", 1, 1.0, True, math.nan, None]
)
def test_declared_modes_and_origins_are_read_as_one_unit_at_a_time(value: Any) -> None:
    extra = {} if value is None else {"management": value, "origin": value}
    s = structure(
        unit("c", "community"),
        *(unit(f"x{i}", "compound", "c", **extra) for i in range(3)),
        unit("y", "compound", "c", management="self_managed", origin="commodity"),
        unit("z", "compound", "c", built_year=1990),
        org("pc", "property_company", "x1"),
    )
    for c in (ManagementMode(), CompoundType(), CompoundType(use_built_year=False)):
        labels = _every_way(c, s)
        assert labels["y"].value in ("self_managed", "commodity")


class _Named(NetworkMode):
    classes: ClassVar[tuple[ClassDef, ...]] = tuple(
        ClassDef(c.value, c.en.upper(), c.zh + "!") for c in NetworkMode.classes
    )


class _Counted(FourHaves):
    classes: ClassVar[tuple[ClassDef, ...]] = tuple(
        ClassDef(c.value, c.en.upper(), c.zh + "!", rank=c.rank) for c in FourHaves.classes
    )


@pytest.mark.parametrize("c", [_Named(levels=(5, 6)), _Counted()])
def test_a_subclass_with_classes_of_its_own_names_them_in_bulk(c: Any) -> None:
    s = _administered()
    s = structure(
        *s.units,
        unit("x", "compound", "c"),
        *s.organizations,
        org("oc", "owners_committee", "x"),
        person("p"),
        post("p", "oc", "chair"),
        *s.ties,
    )
    labels = c.classify_all(s)
    assert labels
    for lab in labels.values():
        assert lab.en == c.class_def(lab.value).en
        assert lab.en.isupper()
        assert lab.zh.endswith("!")


@pytest.mark.parametrize("area", [True, "5", 5, 0, -1, math.nan, 2.5, None])
def test_a_venue_area_is_a_positive_number(area: Any) -> None:
    s = structure(unit("x", venue_area_m2=area), org("oc", "owners_committee", "x"))
    venue = next(r for r in _every_way(FourHaves(), s)["x"].reasons if r.data["item"] == "venue")
    positive = type(area) in (int, float) and area > 0
    assert venue.rule == ("venue-area" if positive else "no-venue")
