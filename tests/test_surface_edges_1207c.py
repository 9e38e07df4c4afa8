"""What researchers and app developers touch directly, at its edges: the drawings, the
frames, the HTML summary and the command line."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

import govmodel

# -- plot: a CJK font without Latin glyphs ------------------------------------------------------


@pytest.fixture
def plt() -> Iterator[object]:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as pyplot

    yield pyplot
    pyplot.close("all")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_cjk_font_without_latin_letters_leaves_them_to_matplotlibs_font(
    plt: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lang: str
) -> None:
    # Droid Sans Fallback, the last of CJK_FONTS, has Chinese glyphs and no Latin letters or
    # digits: ids, numbers and English labels came out as empty boxes. STIXSizeFiveSym, which
    # matplotlib ships, stands in for it (it has no letters either).
    import govmodel.plot as gplot

    monkeypatch.setattr(gplot, "cjk_font", lambda: "STIXSizeFiveSym")
    s = govmodel.datasets.load("xihu")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph")  # the stand-in has no Chinese
        warnings.filterwarnings("error", message=r"Glyph \d+ \([!-~]\) missing")
        for ax in (
            gplot.plot_hierarchy(s, lang=lang),
            gplot.plot_compound(s, "xh-c5", lang=lang),
            gplot.plot_measures({"coverage": 0.5, "households": 12.0}, lang=lang),
        ):
            ax.figure.savefig(tmp_path / "figure.png")
