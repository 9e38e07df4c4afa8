"""Reports and displays at their edges: huge attribute values, comparisons in Chinese."""

from __future__ import annotations

import pytest

import govmodel
from govmodel import Structure, Unit
from govmodel.classify.base import Label, Reason
from govmodel.display import structure_html
from govmodel.models import GovernanceModel, classifier, measure


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


def _kind(model: str, value: str, zh: str) -> type[GovernanceModel]:
    class Kind(GovernanceModel):
        name = model
        title = model

        @classifier("kind", "kind", "类型")
        def kind(self, ctx):  # type: ignore[no-untyped-def]
            return {
                u.id: Label("kind", u.id, value, f"{value} class", zh, (Reason("r", "because"),))
                for u in ctx.units("compound")
            }

    return Kind


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_comparison_in_chinese_names_the_differing_classes_in_chinese(fmt: str) -> None:
    # the notes gave the classifier's name and the classes' values in English
    s = Structure(units=[Unit("c", "community", "c"), Unit("x", "compound", "x", parent="c")])
    c = govmodel.compare(s, [_kind("a", "old", "旧"), _kind("b", "new", "新")])
    zh = c.render(fmt, "zh")
    assert "类型 x: a=旧, b=新" in zh
    assert "old" not in zh
    assert "kind x:" not in zh
    # English as it was: the classes' values, which differing_labels gives
    assert "kind x: a=old, b=new" in c.render(fmt)
    assert c.differing_labels() == {"kind": {"x": {"a": "old", "b": "new"}}}


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
