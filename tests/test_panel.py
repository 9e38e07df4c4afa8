"""Tests of govmodel.panel: places at dates under models, as one tidy frame."""

from __future__ import annotations

import math
import random
import re
from pathlib import Path

import pytest

pd = pytest.importorskip("pandas")

import govmodel  # noqa: E402
from govmodel import synth  # noqa: E402
from govmodel.panel import COLUMNS, PanelError, panel  # noqa: E402
from govmodel.spec import Structure  # noqa: E402

YEARS = ["2019", "2020", "2021", "2022", "2023"]


def _evolve(p: object, **changes: object) -> object:
    import attrs

    return attrs.evolve(p, **changes)


def cities() -> dict[str, Structure]:
    out = {}
    for i, name in enumerate(["Anshan", "Baoding", "城市 $3"]):
        s = synth.city(30, seed=i + 1, districts=1)
        rng = random.Random(i)
        posts = []
        for p in s.posts:
            start = rng.randint(2018, 2023)
            end = str(start + rng.randint(1, 3)) if rng.random() < 0.2 else None
            posts.append(_evolve(p, start=str(start), end=end))
        out[name] = s.replace(posts=tuple(posts))
    return out


@pytest.fixture(scope="module")
def places() -> dict[str, Structure]:
    return cities()


def test_columns_and_dtypes(places: dict[str, Structure]) -> None:
    df = panel(places, ["four_level", "tripartite"], dates=YEARS)
    assert tuple(df.columns) == COLUMNS
    assert [str(t) for t in df.dtypes] == ["str", "str", "str", "str", "str", "float64"]
    for c in COLUMNS[:-1]:
        assert all(type(v) is str for v in df[c])
    assert list(dict.fromkeys(df.place)) == list(places)
    assert list(dict.fromkeys(df.date)) == YEARS
    assert set(df.model) == {"four_level", "tripartite"}
    assert df.attrs["govmodel"]["dates"] == YEARS


def test_every_row_is_the_assessment_at_that_date(places: dict[str, Structure]) -> None:
    df = panel(places, ["four_level", "tripartite"], dates=YEARS, units="all")
    expected = []
    for place, s in places.items():
        for year in YEARS:
            for model in ("four_level", "tripartite"):
                a = govmodel.assess(s, model, as_of=year)
                for name, m in a.metrics.items():
                    value = math.nan if m.value is None else m.value
                    expected.append((place, year, model, name, "", value))
                    expected += [(place, year, model, name, u, v) for u, v in m.by_unit.items()]
                    for level in m.by_level.values():
                        expected += [(place, year, model, name, u, v) for u, v in level.items()]
    got = list(df.itertuples(index=False, name=None))
    assert len(got) == len(expected)
    for g, e in zip(got, expected, strict=True):
        assert g[:5] == e[:5]
        assert (math.isnan(g[5]) and math.isnan(e[5])) or g[5] == e[5]


def test_values_change_over_time(places: dict[str, Structure]) -> None:
    df = panel(places, "four_level", dates=YEARS, units="none")
    cross = df[df.measure == "cross_appointment"]
    assert len(cross) == len(places) * len(YEARS)
    for place in places:
        series = cross[cross.place == place].value.tolist()
        assert len(set(series)) > 1, (place, series)  # posts start over the years


def test_units_option(places: dict[str, Structure]) -> None:
    one = {"Anshan": places["Anshan"]}
    none = panel(one, "four_level", dates=["2023"], units="none")
    measured = panel(one, "four_level", dates=["2023"])
    every = panel(one, "four_level", dates=["2023"], units="all")
    assert set(none.unit) == {""}
    a = govmodel.assess(places["Anshan"], "four_level", as_of="2023")
    assert len(none) == len(a.metrics)
    n_units = sum(len(m.by_unit) for m in a.metrics.values())
    n_levels = sum(len(v) for m in a.metrics.values() for v in m.by_level.values())
    assert len(measured) == len(a.metrics) + n_units
    assert len(every) == len(a.metrics) + n_units + n_levels
    compounds = {u.id for u in places["Anshan"].units if u.kind == "compound"}
    assert set(measured.unit) - {""} == compounds


def test_single_structure_and_no_dates() -> None:
    s = govmodel.datasets.load("xihu")
    df = panel(s, "tripartite")
    assert set(df.place) == {"xihu"}
    assert set(df.date) == {""}
    a = govmodel.assess(s, "tripartite")
    whole = df[df.unit == ""].set_index("measure").value
    for name, m in a.metrics.items():
        assert (math.isnan(whole[name]) and m.value is None) or whole[name] == m.value
    # structures named by their metadata
    df2 = panel([s, govmodel.datasets.load("chengdu")], "tripartite", units="none")
    assert list(dict.fromkeys(df2.place)) == ["xihu", "chengdu"]


def test_reads_in_pandas_wide_form(places: dict[str, Structure]) -> None:
    df = panel(places, "four_level", dates=YEARS, units="none")
    wide = df.pivot_table(index=["place", "date"], columns="measure", values="value")
    assert wide.shape[0] == len(places) * len(YEARS)
    assert "cross_appointment" in wide.columns


def test_errors() -> None:
    s = govmodel.datasets.load("xihu")
    with pytest.raises(PanelError, match=r"dates\[1\]: '2021-13'"):
        panel(s, "tripartite", dates=["2020", "2021-13"])
    with pytest.raises(PanelError, match="given twice"):
        panel(s, "tripartite", dates=["2020", "2020"])
    with pytest.raises(PanelError, match="not the string"):
        panel(s, "tripartite", dates="2020")  # type: ignore[arg-type]
    with pytest.raises(PanelError, match="units must be"):
        panel(s, "tripartite", units="some")  # type: ignore[arg-type]
    with pytest.raises(PanelError, match="place 'x': expected a Structure"):
        panel({"x": 3}, "tripartite")  # type: ignore[dict-item]
    with pytest.raises(PanelError, match="non-empty name"):
        panel([Structure()], "tripartite")
    with pytest.raises(PanelError, match="'xihu' is given twice"):
        panel([s, s], "tripartite")
    with pytest.raises(PanelError, match="at least one place"):
        panel({}, "tripartite")
    with pytest.raises(PanelError, match="models is empty"):
        panel(s, [])
    with pytest.raises(govmodel.ModelError):
        panel(s, "no-such-model")
    assert issubclass(PanelError, govmodel.GovModelError)
    assert issubclass(PanelError, ValueError)


def test_to_excel_and_back(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")  # the pandas extra brings it
    df = panel(govmodel.datasets.load("yuetang"), "four_level", dates=["2018", "2022"])
    path = tmp_path / "panel.xlsx"
    df.to_excel(path, index=False)
    back = pd.read_excel(path, dtype={"date": str, "unit": str}, keep_default_na=False)
    assert back.columns.tolist() == list(COLUMNS)
    assert back.date.tolist() == df.date.tolist()
    assert back.unit.tolist() == df.unit.tolist()
    assert back.measure.tolist() == df.measure.tolist()


GUIDE = Path(__file__).resolve().parents[1] / "docs" / "guide" / "research.md"
FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def test_the_guide_runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pytest.importorskip("igraph")
    pytest.importorskip("matplotlib")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "guide"}
    blocks = FENCE.findall(GUIDE.read_text(encoding="utf-8"))
    assert len(blocks) >= 8
    for i, code in enumerate(blocks, 1):
        exec(compile(code, f"{GUIDE.name}, python block {i}", "exec"), namespace)
    df = namespace["df"]
    assert set(df.place) == {"Anshan", "Baoding", "Changzhou"}  # type: ignore[attr-defined]
