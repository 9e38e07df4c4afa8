"""The owners' assembly tally (govmodel.tally) at its edges: cases the earlier tests
(tests/test_tally.py, tests/test_panel_tally_edges_1207b.py) did not reach."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

import govmodel
from govmodel.errors import SpecError
from govmodel.spec import Decision, Organization, Person, Structure, Tie, Unit, Vote
from govmodel.tally import Ballot, Part, roster_of, tally, tally_decision
from govmodel.testing.linear import assert_linear
from govmodel.vocab import Term


def test_huge_areas_are_explained_with_their_own_digits() -> None:
    # 10**30 m² and a half was shown as 10**30 m² (a Decimal division keeps 28 digits), and
    # the area still needed, 10**30 - 1/6 m², as 1000000000000000019884624838656.00 m² (a
    # float), more than the head named to bring it
    big = 10**30
    roster = [Part("a", f"{big}.5", ["x"]), Part("b", str(big), ["y"]), Part("c", str(big), ["z"])]
    t = tally(roster, [Ballot("x", "yes")])
    assert t.needed is not None
    assert t.needed.area == Fraction(big) - Fraction(1, 6)
    lines = t.explanation.splitlines()
    assert lines[0] == (
        "An ordinary matter: 1 of 3 heads and 1000000000000000000000000000000.5 of "
        "3000000000000000000000000000000.5 m² took part."
    )
    assert lines[-1] == (
        "Still needed: 1 more yes ballot (by head at least 1; by area at least "
        "999999999999999999999999999999.84 m²), e.g. from the largest heads not yet voted: "
        "b (1000000000000000000000000000000 m²)."
    )


def _assembly(**decision: Any) -> Structure:
    return Structure(
        units=[
            Unit("x", "compound"),
            Unit("h", "household", parent="x", attributes={"floor_area_m2": 90}),
        ],
        organizations=[Organization("oa", "owners_assembly", unit="x")],
        people=[Person("ann")],
        ties=[Tie("t", "ann", "h", "owns")],
        decisions=[Decision("d", "oa", "m", votes=[Vote("ann", "yes")], **decision)],
        vocabulary=[Term("relations", "owns", "owns", "拥有")],
    )


@pytest.mark.parametrize(
    ("decision", "where"),
    [
        ({"matter": "rebuilding"}, "$.decisions[?(@.id=='d')].matter"),
        ({"attributes": {"matter": "rebuilding"}}, "$.decisions[?(@.id=='d')].attributes.matter"),
    ],
)
def test_tally_decision_refuses_an_unknown_matter_as_the_structure_s_problem(
    decision: dict[str, Any], where: str
) -> None:
    # the matter is the structure's data: a SpecError at its path, as a missing one is, not
    # a bare ValueError about an argument
    with pytest.raises(SpecError) as e:
        tally_decision(_assembly(**decision), "d")
    assert [(p.code, p.path) for p in e.value.problems] == [("unknown-term", where)]
    assert "'rebuilding'" in e.value.problems[0].message


def test_tally_decision_counts_an_ordinary_or_major_matter() -> None:
    assert tally_decision(_assembly(matter="major"), "d").passed


def test_the_area_still_needed_is_not_rounded_below_what_reaches_it() -> None:
    # two thirds of 100.01 m² is 66.6733… m²: "at least 66.67 m²" named an area that does not
    # reach it, so that head a alone (one head, 66.67 m²) seemed to be enough where two
    # ballots are needed
    roster = [Part("a", "66.67", ["x"]), Part("b", "33.34", ["y"]), Part("c", "0", ["z"])]
    t = tally(roster, [Ballot("z", "yes")])
    assert t.needed is not None
    assert (t.needed.ballots, t.needed.heads) == (2, 1)
    assert t.needed.area == Fraction(2, 3) * Fraction("100.01")
    assert t.explanation.splitlines()[-1] == (
        "Still needed: 2 more yes ballots (by head at least 1; by area at least 66.68 m²), "
        "e.g. from the largest heads not yet voted: a, b (100.01 m²)."
    )


def test_an_area_still_needed_that_is_a_decimal_is_shown_as_it_is() -> None:
    # a tie by area: the strict bound of a majority stays "more than" its exact decimal
    roster = [
        Part("a", "10.05", ["x"]),
        Part("b", "10.05", ["y"]),
        Part("d", "5", ["w"]),
        Part("e", "0.01", ["v"]),
    ]
    t = tally(roster, [Ballot("x", "yes"), Ballot("y", "no")])
    assert t.needed is not None
    assert (t.needed.area, t.needed.area_strict) == (0, True)
    assert t.explanation.splitlines()[-1] == (
        "Still needed: 1 more yes ballot (by head at least 1; by area more than 0 m²), "
        "e.g. from the largest heads not yet voted: d (5 m²)."
    )


def _unreadable(n: int) -> Structure:
    # n owned dwellings, one of which records no area, and n decisions counted from them
    units = [Unit("x", "compound")] + [
        Unit(f"h{i}", "household", parent="x", attributes={"floor_area_m2": 90} if i else {})
        for i in range(n)
    ]
    return Structure(
        units=units,
        organizations=[Organization("oa", "owners_assembly", unit="x")],
        people=[Person(f"p{i}") for i in range(n)],
        ties=[Tie(f"t{i}", f"p{i}", f"h{i}", "owns") for i in range(n)],
        decisions=[
            Decision(f"d{j}", "oa", "m", votes=[Vote("p1", "yes")], matter="property_service")
            for j in range(n)
        ],
        vocabulary=[Term("relations", "owns", "owns", "拥有")],
    )


def test_a_roster_that_cannot_be_read_is_refused_alike_each_time() -> None:
    s = _unreadable(3)
    for _ in range(2):
        with pytest.raises(SpecError) as e:
            roster_of(s, "x")
        assert [(p.code, p.path) for p in e.value.problems] == [
            ("missing-field", "$.units[?(@.id=='h0')].attributes.floor_area_m2")
        ]


@pytest.mark.timing
def test_many_decisions_over_a_roster_that_cannot_be_read_in_linear_time() -> None:
    # the roster was read again for every decision (no roster is kept when it cannot be
    # read): n decisions over n dwellings took time n**2
    assert_linear(_unreadable, lambda s: govmodel.assess(s, "civil_code", as_of="2026"), 400)
