"""The owners' assembly tally (govmodel.tally) at its edges: cases the earlier tests
(tests/test_tally.py, tests/test_panel_tally_edges_1207b.py) did not reach."""

from __future__ import annotations

from fractions import Fraction

from govmodel.tally import Ballot, Part, tally


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
        "999999999999999999999999999999.83 m²), e.g. from the largest heads not yet voted: "
        "b (1000000000000000000000000000000 m²)."
    )
