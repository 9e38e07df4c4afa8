"""Edge cases of govmodel.plot: names no font can draw, names too long for the figure,
infinite and missing values, and rows of labels too many to write side by side."""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Iterator
from typing import Any

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from govmodel.plot import plot_compound, plot_hierarchy, plot_measures, plot_panel  # noqa: E402
from govmodel.spec import Organization, Person, Post, Structure, Unit  # noqa: E402

LONG = "A very long name " * 20


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def render(ax: Any) -> Any:
    """Draw the figure as a PNG would be; any warning (a missing glyph) fails the test."""
    fig = ax.figure
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.canvas.draw()
    return fig.canvas.get_renderer()


def inside(ax: Any, text: Any) -> bool:
    fig = ax.figure
    box = text.get_window_extent(render(ax))
    return (
        box.x0 >= -1
        and box.y0 >= -1
        and box.x1 <= fig.bbox.width + 1
        and box.y1 <= fig.bbox.height + 1
    )


def frame(rows: list[list[Any]]) -> Any:
    pd = pytest.importorskip("pandas")
    return pd.DataFrame(rows, columns=["place", "date", "model", "measure", "unit", "value"])


def test_lone_surrogates_in_names_are_drawn_as_replacement_characters() -> None:
    s = Structure(
        units=[Unit("r", "district", "bad \ud800 name"), Unit("c", "compound", "x\udfffy", "r")],
        organizations=[Organization("o", "owners_committee", "o\ud801", unit="c")],
        people=[Person("p", "p\udc00")],
        posts=[Post("q", "p", "o", "chair")],
    )
    ax = plot_hierarchy(s)
    render(ax)  # matplotlib cannot encode a lone surrogate: it used to fail here
    assert {t.get_text() for t in ax.texts} >= {"bad \ufffd name", "x\ufffdy"}
    ax = plot_compound(s, "c")
    render(ax)
    assert {t.get_text() for t in ax.texts} >= {"o\ufffd", "p\ufffd"}
    ax = plot_measures({"a\ud800": [1.0, 2.0]}, measure="m\udc00", title="t\ud800")
    render(ax)
    assert ax.get_title() == "t\ufffd"
    assert ax.get_ylabel() == "m\ufffd"
    assert ax.get_xticklabels()[0].get_text().startswith("a\ufffd")


def test_long_names_are_cut_to_stay_inside_the_figure() -> None:
    units = [Unit("r", "district", LONG)]
    units += [Unit(f"c{i}", "compound", f"{LONG}{i}", "r") for i in range(5)]
    ax = plot_hierarchy(Structure(units=units))
    labels = [t for t in ax.texts if t.get_text()]
    assert len(labels) == 6
    for t in labels:
        assert len(t.get_text()) <= 40
        assert t.get_text().endswith("…")
        assert inside(ax, t), t.get_text()


def test_long_chinese_names_are_cut_by_their_width() -> None:
    name = "锦绣华庭" * 20
    ax = plot_hierarchy(Structure(units=[Unit("r", "district", name)]), lang="zh")
    (label,) = [t.get_text() for t in ax.texts if t.get_text()]
    assert label == "锦绣华庭" * 4 + "锦绣华" + "…"  # 19 characters two wide, then "…"
    assert inside(ax, ax.texts[0])


def test_long_names_in_a_compound_stay_inside_the_figure() -> None:
    s = Structure(
        units=[Unit("x", "compound", "X")],
        organizations=[Organization("o", "owners_committee", LONG, unit="x")],
        people=[Person("p", LONG)],
        posts=[Post("q", "p", "o", "chair")],
    )
    ax = plot_compound(s, "x")
    for t in ax.texts:
        assert inside(ax, t), t.get_text()


def test_multiline_names_keep_their_lines_each_cut() -> None:
    ax = plot_hierarchy(Structure(units=[Unit("r", "district", f"short\n{LONG}")]))
    (label,) = [t.get_text() for t in ax.texts if t.get_text()]
    first, second = label.split("\n")
    assert first == "short"
    assert len(second) == 40
    assert second.endswith("…")


def test_long_measure_labels_are_wrapped_inside_the_figure() -> None:
    label = "compounds whose branch secretary chairs the owners' committee"
    ax = plot_measures({"a": [1.0, 0.0]}, measure=label)
    assert ax.get_title().replace("\n", " ") == f"{label} (share)"  # cut nowhere
    assert inside(ax, ax.title)
    assert inside(ax, ax.yaxis.label)
    ax = plot_measures({"a": [1.0, 0.0]}, measure="小区党支部书记兼任业主委员会主任" * 3, lang="zh")
    assert inside(ax, ax.title)
    assert inside(ax, ax.yaxis.label)
    ax = plot_measures({"a": [1.0, 2.0]}, measure=LONG)
    assert inside(ax, ax.title)
    assert inside(ax, ax.yaxis.label)


def test_a_long_measure_of_a_panel_stays_inside_the_figure() -> None:
    ax = plot_panel(frame([["A", "2020", "m", LONG, "", 1.0]]), LONG)
    assert inside(ax, ax.title)
    assert inside(ax, ax.yaxis.label)


def test_infinite_values_raise_an_error_naming_the_group() -> None:
    with pytest.raises(ValueError, match="'a' is infinite"):
        plot_measures({"a": [math.inf, 1.0], "b": [2.0]}, measure="m")
    with pytest.raises(ValueError, match="'b' is infinite"):
        plot_measures({"a": [1.0], "b": -math.inf}, measure="m")
    df = frame([["A", "2020", "m", "x", "", math.inf], ["A", "2021", "m", "x", "", 1.0]])
    with pytest.raises(ValueError, match="'A' is infinite"):
        plot_panel(df, "x")


def test_nan_values_are_missing() -> None:
    ax = plot_measures({"a": [math.nan, 1.0, 3.0], "b": [math.nan]}, measure="m")
    heights = [p.get_height() for p in ax.patches]
    assert heights[0] == 2.0
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == ["a\n(n = 2)", "b\n(n = 0)"]
    assert [t.get_text() for t in ax.texts] == ["2", "—"]
    # 0/1 values with a missing one are still shares
    ax = plot_measures({"a": [1.0, 0.0, math.nan]}, measure="m")
    assert [t.get_text() for t in ax.texts] == ["50% (1/2)"]


def test_a_group_without_values_is_not_written_as_zero() -> None:
    ax = plot_measures({"a": [], "b": [2.0, 4.0]}, measure="m")
    assert [t.get_text() for t in ax.texts] == ["—", "3"]


def test_huge_means_are_written_short() -> None:
    ax = plot_measures({"a": [1e300, 1e300]}, measure="m")
    assert [t.get_text() for t in ax.texts] == ["1e+300"]
    assert inside(ax, ax.texts[0])
    ax = plot_measures({"a": [123456.0, 123456.0]}, measure="m")
    assert [t.get_text() for t in ax.texts] == ["123,456"]


def no_two_overlap(ax: Any, texts: list[Any]) -> bool:
    renderer = render(ax)
    boxes = [t.get_window_extent(renderer) for t in texts if t.get_text()]
    return all(a.x1 <= b.x0 for a, b in itertools.pairwise(boxes))


def test_many_groups_are_labelled_without_overlap() -> None:
    ax = plot_measures({f"g{i}": [1.0, 2.0] for i in range(200)}, measure="m")
    ticks = ax.get_xticklabels()
    assert len(ticks) == 200
    written = [t for t in ticks if t.get_text()]
    assert 10 < len(written) < 200
    assert written[0].get_text() == "g0\n(n = 2)"
    assert no_two_overlap(ax, ticks)
    values = [t for t in ax.texts if t.get_text()]
    assert 10 < len(values) < 200
    assert no_two_overlap(ax, list(ax.texts))


def test_many_dates_of_a_panel_are_labelled_without_overlap() -> None:
    df = frame([["A", str(y), "m", "x", "", 1.0] for y in range(1900, 2030)])
    ax = plot_panel(df, "x")
    ticks = ax.get_xticklabels()
    assert len(ticks) == 130  # a tick at each date
    written = [t.get_text() for t in ticks if t.get_text()]
    assert written[0] == "1900"
    assert 5 < len(written) < 130
    assert no_two_overlap(ax, ticks)


def test_a_panel_without_values_spans_its_dates() -> None:
    df = frame([["A", "2020", "m", "x", "", math.nan], ["A", "2021", "m", "x", "", math.nan]])
    ax = plot_panel(df, "x")
    lo, hi = ax.get_xlim()
    assert lo < 2020.0 < 2021.0 < hi
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2020", "2021"]
    ax = plot_panel(frame([["A", "2020", "m", "x", "", 1.0]]), "x")
    lo, hi = ax.get_xlim()
    assert lo < 2020.0 < hi


@pytest.mark.parametrize(
    ("view", "lang", "note"),
    [
        ("containment", "en", "no units"),
        ("party", "en", "no party organizations"),
        ("party", "zh", "没有党组织"),
    ],
)
def test_an_empty_hierarchy_says_so(view: Any, lang: Any, note: str) -> None:
    ax = plot_hierarchy(Structure(), view=view, lang=lang)
    assert [t.get_text() for t in ax.texts] == [note]
    assert inside(ax, ax.texts[0])


@pytest.mark.parametrize(("element", "kind"), [(None, "NoneType"), ("1.5", "str"), (1j, "complex")])
def test_a_sequence_holding_a_non_number_raises_naming_the_group(element: Any, kind: str) -> None:
    with pytest.raises(TypeError, match=f"the values of 'a' are numbers, not {kind}"):
        plot_measures({"a": [1.0, element]}, measure="m")


@pytest.mark.timing
def test_plot_compound_is_linear_in_its_bodies() -> None:
    """The names of the bodies are moved clear of the other texts: each text's box is
    measured once, not once per body (which made a compound of many bodies quadratic)."""
    from govmodel.testing.linear import assert_linear

    def make(n: int) -> Structure:
        orgs = [Organization(f"o{i}", "owners_committee", f"Org {i}", unit="x") for i in range(n)]
        people = [Person(f"p{j}", f"P{j}") for j in range(2 * n)]
        posts = [Post(f"q{j}", f"p{j}", f"o{j // 2}", "member") for j in range(2 * n)]
        return Structure(
            units=[Unit("x", "compound", "X")], organizations=orgs, people=people, posts=posts
        )

    def run(s: Structure) -> None:
        plot_compound(s, "x")
        plt.close("all")

    assert_linear(make, run, 24, repeat=1)


def test_measures_without_groups_say_so() -> None:
    ax = plot_measures({}, measure="m")
    assert [t.get_text() for t in ax.texts] == ["no values"]
    ax = plot_measures({}, measure="m", lang="zh")
    assert [t.get_text() for t in ax.texts] == ["没有数值"]
    render(ax)


def test_a_title_is_wrapped_on_as_few_lines_as_it_needs() -> None:
    label = "compounds whose branch secretary chairs the owners' committee"
    ax = plot_measures({f"level {i}": [1.0, 0.0] for i in range(4)}, measure=label)
    render(ax)
    assert ax.get_title().count("\n") <= 1
    assert inside(ax, ax.title)
