"""Reports and displays at their edges: huge attribute values, measures without a label."""

from __future__ import annotations

import govmodel
from govmodel import Structure, Unit
from govmodel.display import structure_html
from govmodel.models import GovernanceModel, measure


def test_structure_html_shows_an_int_attribute_of_many_digits_with_an_exponent() -> None:
    # str() of an int of more than 4,300 digits raises ValueError: the structure could not
    # show itself in Jupyter
    s = Structure(
        units=[
            Unit(
                "x",
                "compound",
                "x",
                attributes={"huge": 10**5000, "big": -(10**30) - 7, "id": 430304199001011234},
            )
        ]
    )
    shown = structure_html(s)
    assert "huge=1e+5000" in shown
    assert "big=-1e+30" in shown
    assert "id=430304199001011234" in shown  # a code of 18 digits stays whole
    assert s._repr_html_() == shown


def test_a_measure_without_an_english_label_is_shown_by_its_name() -> None:
    # as a classifier without one is; the row had an empty first cell
    class Bare(GovernanceModel):
        name = "bare"
        title = "Bare"

        @measure("households", "", "户数", quantity="count")
        def households(self, ctx):  # type: ignore[no-untyped-def]
            return 4220

    a = govmodel.assess(Structure(), Bare)
    assert "households  4,220" in a.to_text()
    assert "| households | 4,220 |" in a.to_markdown()
    assert "<td>households</td>" in a.to_html()
    assert "户数  4,220" in a.to_text("zh")
    assert a.to_dict()["metrics"]["households"]["label"] == ""  # the data as declared
