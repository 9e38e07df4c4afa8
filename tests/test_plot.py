"""Tests of govmodel.plot: what each drawing shows, the CJK font fallback, drawing attributes."""

from __future__ import annotations

import os
import re
import sys
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
from matplotlib.collections import LineCollection, PathCollection  # noqa: E402
from matplotlib.legend import Legend  # noqa: E402

import govmodel  # noqa: E402
import govmodel.plot as gplot  # noqa: E402
from govmodel import MissingDependencyError  # noqa: E402
from govmodel.assess import Assessment, MeasureResult  # noqa: E402
from govmodel.graph import containment_tree, party_hierarchy  # noqa: E402
from govmodel.models.base import MeasureSpec  # noqa: E402
from govmodel.plot import (  # noqa: E402
    CJK_FONTS,
    CJKFontWarning,
    cjk_font,
    plot_compound,
    plot_hierarchy,
    plot_measures,
    plot_panel,
    set_drawing_attributes,
)
from govmodel.spec import Structure, Unit  # noqa: E402
from govmodel.vocab import BUILTIN  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture
def no_cjk(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine without any CJK font."""
    monkeypatch.setattr(gplot, "cjk_font", lambda: None)


@pytest.fixture
def some_cjk(monkeypatch: pytest.MonkeyPatch) -> str:
    """A machine where cjk_font() finds a font (DejaVu Sans stands in for it)."""
    monkeypatch.setattr(gplot, "cjk_font", lambda: "DejaVu Sans")
    return "DejaVu Sans"


def save(ax: Any, path: Path) -> None:
    """Render to a PNG file; fail on any missing glyph (Chinese text without a font)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="Glyph .* missing")
        ax.figure.savefig(path)
    assert path.stat().st_size > 1000


def points(ax: Any) -> list[PathCollection]:
    return [c for c in ax.collections if isinstance(c, PathCollection)]


KEY = re.compile(r"^(\d+)  (.*)$", re.DOTALL)


def legend_texts(ax: Any) -> list[str]:
    """The texts of every legend of the axes (the kinds' legend, and a numbered key)."""
    legends = [a for a in ax.get_children() if isinstance(a, Legend)] + ax.figure.legends
    return [t.get_text() for leg in legends for t in leg.get_texts()]


def legend(ax: Any) -> list[str]:
    """The legend's entries, without those of a numbered key."""
    return [s for s in legend_texts(ax) if not KEY.match(s)]


def key(ax: Any) -> dict[str, str]:
    """A numbered key: number -> what it stands for."""
    return {m[1]: m[2] for s in legend_texts(ax) if (m := KEY.match(s))}


def texts(ax: Any) -> set[str]:
    return {t.get_text() for t in ax.texts}


def written(ax: Any) -> set[str]:
    """What the drawing says: its texts, with numbers replaced by what the key says."""
    k = key(ax)
    return {k.get(t, t) for t in texts(ax)}


def overlaps(ax: Any) -> list[tuple[str, str]]:
    """The pairs of texts drawn in the axes (not empty) whose boxes overlap."""
    fig = ax.figure
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    shown = [t for t in ax.texts if t.get_text() and t.get_visible()]
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in shown]
    return [
        (a, b) for i, (a, ba) in enumerate(boxes) for b, bb in boxes[i + 1 :] if ba.overlaps(bb)
    ]


UNIT_ORDER = list(BUILTIN.category("unit_kinds"))


def by_rank(kinds: Any) -> list[str]:
    """Unit kinds in the order of the legend: by rank, then as the vocabulary lists them."""
    return sorted(kinds, key=lambda k: (BUILTIN.rank(k) or 99, UNIT_ORDER.index(k)))


def depths(s: Structure) -> dict[str, int]:
    parent = {u.id: u.parent for u in s.units}
    out = {}
    for u in s.units:
        d, p = 0, u.parent
        while p is not None:
            d, p = d + 1, parent[p]
        out[u.id] = d
    return out


# -- fonts ------------------------------------------------------------------------------------


def test_cjk_font_reads_matplotlibs_font_list(monkeypatch: pytest.MonkeyPatch) -> None:
    from matplotlib import font_manager

    class Entry:
        def __init__(self, name: str) -> None:
            self.name = name

    monkeypatch.setattr(
        font_manager.fontManager,
        "ttflist",
        [Entry("DejaVu Sans"), Entry("Droid Sans Fallback"), Entry("WenQuanYi Zen Hei")],
    )
    assert cjk_font() == "WenQuanYi Zen Hei"  # the preferred of the two
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [Entry("DejaVu Sans")])
    assert cjk_font() is None
    assert CJK_FONTS[0] == "Noto Sans CJK SC"


def test_no_cjk_font_falls_back_with_one_warning(no_cjk: None, tmp_path: Path) -> None:
    s = govmodel.datasets.load("xihu")
    with pytest.warns(CJKFontWarning) as record:
        ax = plot_hierarchy(s, lang="zh")
    assert len(record) == 1  # one warning, not one per label
    assert issubclass(record[0].category, UserWarning)
    assert "fonts-noto-cjk" in str(record[0].message)
    assert record[0].filename == __file__  # points at the caller
    # English kinds, ids instead of Chinese names, and nothing drawn that needs CJK glyphs
    assert legend(ax)[3] == "residential compound (6)"
    assert "xh-c1" in texts(ax)
    assert "铁路新村" not in texts(ax)
    assert ax.get_title() == "xihu: containment"
    save(ax, tmp_path / "fallback.png")


def test_english_with_chinese_names_and_no_font_warns_once(no_cjk: None) -> None:
    s = govmodel.datasets.load("xihu")
    with pytest.warns(CJKFontWarning) as record:
        ax = plot_compound(s, "xh-c5")
    assert len(record) == 1
    assert record[0].filename == __file__
    assert all(not gplot._has_cjk(t) for t in texts(ax) | set(legend(ax)))


def test_english_names_need_no_font(no_cjk: None) -> None:
    s = Structure(units=[Unit("d", "district", "Lakeside"), Unit("c", "community", "Hill", "d")])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = plot_hierarchy(s)
    assert {"Lakeside", "Hill"} <= texts(ax)


def test_chinese_with_a_font(some_cjk: str) -> None:
    s = govmodel.datasets.load("xihu")
    with warnings.catch_warnings():
        warnings.simplefilter("error", CJKFontWarning)
        ax = plot_hierarchy(s, lang="zh")
    assert legend(ax) == ["区 (1)", "街道 (1)", "社区 (1)", "小区 (6)", "楼栋 (30)"]
    assert ax.get_title() == "xihu: 包含层级"
    assert "铁路新村" in texts(ax)
    chinese = [t for t in ax.texts if t.get_text() == "铁路新村"]
    families = chinese[0].get_fontfamily()  # the CJK font, then matplotlib's own fonts
    assert families[0] == some_cjk
    assert len(set(families)) == len(families)
    assert ax.get_legend().get_texts()[0].get_fontfamily() == families
    assert ax.title.get_fontfamily() == families


@pytest.mark.skipif(cjk_font() is None, reason="no CJK font installed")
def test_chinese_renders_with_the_installed_font(tmp_path: Path) -> None:
    s = govmodel.datasets.load("changsha")
    save(plot_hierarchy(s, lang="zh"), tmp_path / "zh.png")
    save(plot_compound(s, "cs-yt-gl", lang="zh"), tmp_path / "compound.png")


# -- plot_hierarchy ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["xihu", "chengdu", "jinfeng"])
def test_hierarchy_draws_every_unit_at_its_depth(name: str, tmp_path: Path) -> None:
    s = govmodel.datasets.load(name)
    ax = plot_hierarchy(s, lang="en")
    save(ax, tmp_path / "h.png")
    units = {u.id: u for u in s.units}
    depth = depths(s)
    # one marker collection per kind, its points the units of that kind
    kinds = Counter(u.kind for u in s.units)
    colls = points(ax)
    assert sum(len(c.get_offsets()) for c in colls) == len(units)
    assert [len(c.get_offsets()) for c in colls] == [kinds[k] for k in by_rank(kinds)]
    assert legend(ax) == [
        f"{BUILTIN.term('unit_kinds', k).en} ({kinds[k]})" for k in by_rank(kinds)
    ]
    # y is minus the depth: the top unit is highest, y falls with every level
    ys = sorted({float(y) for c in colls for _, y in c.get_offsets()}, reverse=True)
    assert ys == [-d for d in sorted(set(depth.values()))]
    by_kind_y = {}
    for c, k in zip(colls, by_rank(kinds), strict=True):
        by_kind_y[k] = {float(y) for _, y in c.get_offsets()}
    for k, ys_k in by_kind_y.items():
        assert ys_k == {-depth[u] for u in units if units[u].kind == k}
    # one elbow per containment edge; each parent centred over its children
    lines = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert len(lines) == 1
    assert len(lines[0].get_segments()) == sum(1 for u in s.units if u.parent)


def test_hierarchy_x_is_a_tidy_tree() -> None:
    s = Structure(
        units=[
            Unit("d", "district"),
            Unit("s1", "street", parent="d"),
            Unit("s2", "street", parent="d"),
            Unit("c1", "community", parent="s1"),
            Unit("c2", "community", parent="s1"),
            Unit("c3", "community", parent="s2"),
        ]
    )
    ax = plot_hierarchy(s)
    pos = {}
    for c in points(ax):
        for x, y in c.get_offsets():
            pos.setdefault(float(y), []).append(float(x))
    assert pos[-2.0] == [0.0, 1.0, 2.0]  # leaves one apart
    assert sorted(pos[-1.0]) == [0.5, 2.0]  # each street over its communities
    assert pos[0.0] == [1.25]  # the district over its streets
    assert {"d", "s1", "c3"} <= texts(ax)  # few nodes: labelled (by id when unnamed)


def test_hierarchy_max_nodes_cuts_the_deepest_levels(no_cjk: None, tmp_path: Path) -> None:
    s = govmodel.datasets.load("yuetang")  # 79 units, 54 of them households at the bottom
    with pytest.warns(CJKFontWarning):
        ax = plot_hierarchy(s, max_nodes=30)
    shown = sum(len(c.get_offsets()) for c in points(ax))
    assert shown <= 30
    marks = [t.get_text() for t in ax.texts if "+" in t.get_text() and "shown" not in t.get_text()]
    hidden = sum(int(m.rsplit("+", 1)[1].rstrip(")")) for m in marks)
    assert shown + hidden == len(s.units)
    assert any(f"{shown} of {len(s.units)} shown" in t for t in texts(ax))
    save(ax, tmp_path / "cut.png")


def test_party_view(tmp_path: Path) -> None:
    s = govmodel.datasets.load("xihu")
    G = govmodel.to_graph(s)
    ax = plot_hierarchy(G, view="party", title="party")
    save(ax, tmp_path / "party.png")
    P = party_hierarchy(G)
    assert sum(len(c.get_offsets()) for c in points(ax)) == len(P)
    kinds = Counter(d["kind"] for _, d in P.nodes(data=True))
    assert sorted(legend(ax)) == sorted(
        f"{BUILTIN.term('organization_kinds', k).en} ({n})" for k, n in kinds.items()
    )
    assert ax.get_title() == "party"
    segments = next(c for c in ax.collections if isinstance(c, LineCollection)).get_segments()
    assert len(segments) == P.number_of_edges()


def test_hierarchy_errors() -> None:
    s = govmodel.datasets.load("xihu")
    with pytest.raises(ValueError, match="view"):
        plot_hierarchy(s, view="people")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="lang"):
        plot_hierarchy(s, lang="fr")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="Structure or a govmodel graph"):
        plot_hierarchy([1, 2])  # type: ignore[arg-type]


def test_hierarchy_survives_cycles_and_draws_on_given_axes() -> None:
    s = Structure(units=[Unit("a", "grid", parent="b"), Unit("b", "grid", parent="a")])
    _fig, ax = plt.subplots()
    out = plot_hierarchy(s, ax=ax)
    assert out is ax
    assert sum(len(c.get_offsets()) for c in points(ax)) == 2


# -- plot_compound ----------------------------------------------------------------------------


def interlockers(s: Structure, bodies: set[str]) -> set[str]:
    held: dict[str, set[str]] = {}
    for p in s.posts:
        if p.organization in bodies:
            held.setdefault(p.person, set()).add(p.organization)
    return {p for p, os in held.items() if len(os) > 1}


@pytest.mark.parametrize(
    ("name", "compound"), [("changsha", "cs-yt-gl"), ("yuetang", "yt-c2"), ("xihu", "xh-c5")]
)
def test_compound_highlights_interlocking_people(
    name: str, compound: str, some_cjk: str, tmp_path: Path
) -> None:
    s = govmodel.datasets.load(name)
    ax = plot_compound(s, compound)
    # the bodies: located in the compound, managing it, and the community's residents' committee
    located = {o.id for o in s.organizations if o.unit == compound}
    managing = {t.source for t in s.ties if t.relation == "manages" and t.target == compound}
    community = s.get(compound).parent  # type: ignore[union-attr]
    rc = {o.id for o in s.organizations if o.unit == community and o.kind == "residents_committee"}
    bodies = located | {m for m in managing if m in {o.id for o in s.organizations}} | rc
    expected = interlockers(s, bodies)
    assert expected, "the example should have interlocking people"
    colls = points(ax)
    n_bodies = sum(
        len(c.get_offsets()) for c in colls if c.get_offsets().shape[0] and c.get_paths()
    )
    assert n_bodies >= len(bodies)
    highlighted = next(t for t in legend(ax) if t.startswith("holds posts in 2+ bodies"))
    assert highlighted == f"holds posts in 2+ bodies ({len(expected)})"
    big = [c for c in colls if list(c.get_sizes()) == [160.0]]
    assert len(big) == 1
    assert len(big[0].get_offsets()) == len(expected)
    # every post in the bodies is an edge, labelled with its role
    posts = {(p.person, p.organization) for p in s.posts if p.organization in bodies}
    segments = next(c for c in ax.collections if isinstance(c, LineCollection)).get_segments()
    assert len(segments) == len(posts)
    roles = {s.vocab.term("roles", p.role).en for p in s.posts if p.organization in bodies}
    assert all(any(r in t for t in written(ax)) for r in roles)
    # bodies' kinds in the legend, party organizations first
    kinds = {s.vocab.term("organization_kinds", s.get(b).kind).en for b in bodies}  # type: ignore[union-attr]
    assert kinds <= set(legend(ax))
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing")  # DejaVu stands in
        ax.figure.savefig(tmp_path / "compound.png")


def test_compound_in_chinese(some_cjk: str) -> None:
    ax = plot_compound(govmodel.datasets.load("xihu"), "xh-c1", lang="zh")
    assert any("书记" in t for t in written(ax))
    assert any("主任" in t for t in written(ax))
    assert "小区党支部" in legend(ax)
    assert ax.get_title() == "铁路新村：组织与交叉任职"


def test_compound_seed_and_as_of(some_cjk: str) -> None:
    s = govmodel.datasets.load("yuetang")

    def offsets(ax: Any) -> list[list[float]]:
        return [c.get_offsets().tolist() for c in points(ax)]

    a = offsets(plot_compound(s, "yt-c2", seed=1))
    assert a == offsets(plot_compound(s, "yt-c2", seed=1))
    assert a != offsets(plot_compound(s, "yt-c2", seed=2))
    early = plot_compound(s, "yt-c2", as_of="1900")
    segments = [c for c in early.collections if isinstance(c, LineCollection)]
    assert len(segments[0].get_segments()) == 0  # no post was in force


def test_compound_errors() -> None:
    s = govmodel.datasets.load("xihu")
    with pytest.raises(KeyError, match="no unit 'xh-nope'"):
        plot_compound(s, "xh-nope")
    with pytest.raises(KeyError, match="no unit"):
        plot_compound(s, "xh-c1-pb")  # an organization


def test_compound_without_organizations() -> None:
    s = Structure(units=[Unit("x", "compound", "Lakeside")])
    ax = plot_compound(s, "x")
    assert "no organizations in this unit" in texts(ax)


# -- plot_measures ----------------------------------------------------------------------------


def assessment() -> Assessment:
    spec = MeasureSpec("coverage", "party coverage", "党组织覆盖率", "compound", "mean", "", "test")
    m = MeasureResult(
        spec,
        0.5,
        by_unit={"x1": 0.2, "x2": 0.5, "x3": 0.8},
        by_level={"community": {"c1": 0.35, "c2": 0.8}, "street": {"s": 0.5}},
    )
    return Assessment("test", "Test", "测试", "s", (), {}, {"coverage": m})


def test_measures_bar_heights_are_the_means(tmp_path: Path) -> None:
    ax = plot_measures(assessment())
    save(ax, tmp_path / "bars.png")
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "street (subdistrict)\n(n = 1)",
        "community\n(n = 2)",
        "residential compound\n(n = 3)",
    ]
    heights = [p.get_height() for p in ax.patches]
    assert heights == pytest.approx([0.5, (0.35 + 0.8) / 2, 0.5])
    assert ax.get_ylabel() == "party coverage"
    assert ax.get_title() == "s: party coverage"  # the structure's name, then the measure
    # the values of groups of several are drawn as dots
    dots = sorted(float(y) for c in points(ax) for _, y in c.get_offsets())
    assert dots == pytest.approx(sorted([0.35, 0.8, 0.2, 0.5, 0.8]))


def test_measures_by_unit() -> None:
    ax = plot_measures(assessment(), measure="coverage", by="unit")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["x1", "x2", "x3"]
    assert [p.get_height() for p in ax.patches] == pytest.approx([0.2, 0.5, 0.8])


def test_measures_box(tmp_path: Path) -> None:
    data = {"community": [1, 3], "compound": [2, 4, 9, 5, 7]}
    ax = plot_measures(data, kind="box", measure="households")
    save(ax, tmp_path / "box.png")
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "community\n(n = 2)",
        "compound\n(n = 5)",
    ]
    medians = [
        line.get_ydata()[0]
        for line in ax.lines
        if len(line.get_ydata()) == 2
        and line.get_ydata()[0] == line.get_ydata()[1]
        and line.get_color() == plt.rcParams["boxplot.medianprops.color"]
    ]
    assert medians == [5.0]  # one box: the group of five
    # the group of two is drawn as its points, at its position
    dots = [c.get_offsets().tolist() for c in points(ax) if len(c.get_offsets()) == 2]
    assert dots == [[[0.0, 1.0], [0.0, 3.0]]]
    assert ax.get_ylabel() == "households"


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_measures_fewer_than_five_values_are_points(n: int) -> None:
    values = [2.0 + i * i for i in range(n)]
    ax = plot_measures({"g": values}, kind="box")
    assert not any(len(line.get_xdata()) == 5 for line in ax.lines)  # no box outline
    assert [float(y) for c in points(ax) for _, y in c.get_offsets()] == values


def binary_assessment() -> Assessment:
    spec = MeasureSpec("has_branch", "has a party branch", "有党支部", "compound", "mean", "", "t")
    m = MeasureResult(
        spec,
        0.6,
        by_unit={"x1": 1.0, "x2": 0.0, "x3": 1.0, "x4": 1.0, "x5": 0.0},
        by_level={"community": {"c1": 1.0, "c2": 0.5}},
    )
    return Assessment("test", "Test", "测试", "Lakeside", (), {}, {"has_branch": m})


@pytest.mark.parametrize("kind", ["bar", "box"])
def test_measures_zero_one_data_as_shares(kind: str, tmp_path: Path) -> None:
    ax = plot_measures(binary_assessment(), kind=kind)  # type: ignore[arg-type]
    save(ax, tmp_path / "shares.png")
    assert [p.get_height() for p in ax.patches] == pytest.approx([0.75, 0.6])
    # the measured compounds: a share of ones; the communities above: their mean share
    assert [t.get_text() for t in ax.texts] == ["75%", "60% (3/5)"]
    assert not ax.lines  # no box, no whiskers
    dots = sorted(float(y) for c in points(ax) for _, y in c.get_offsets())
    assert dots == [0.5, 1.0]  # the communities' shares; no dots at 0 and 1
    assert ax.get_ylabel() == "has a party branch (share)"
    assert ax.get_title() == "Lakeside: has a party branch (share)"


def test_measures_units_by_name(some_cjk: str) -> None:
    s = govmodel.datasets.load("xihu")
    a = govmodel.assess(s, "tripartite")
    ax = plot_measures(a, measure="households", by="unit", structure=s)
    names = {u.id: u.name for u in s.units}
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks == [names[u] for u in a.metrics["households"].by_unit]
    assert ax.get_title().startswith("xihu: ")


def test_measures_units_by_number_without_a_cjk_font(no_cjk: None) -> None:
    s = govmodel.datasets.load("xihu")
    a = govmodel.assess(s, "tripartite")
    with pytest.warns(CJKFontWarning):
        ax = plot_measures(a, measure="households", by="unit", structure=s)
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    # Chinese names cannot be drawn: each unit is numbered in the order of the bars
    assert ticks == [f"#{i + 1}" for i in range(len(a.metrics["households"].by_unit))]


def test_measures_mapping_of_single_values() -> None:
    ax = plot_measures({"a": 3, "b": [1.0, 3.0]})
    assert [p.get_height() for p in ax.patches] == pytest.approx([3.0, 2.0])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a\n(n = 1)", "b\n(n = 2)"]
    ax = plot_measures({"a": 3, "b": 4.5})
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b"]
    assert {t.get_text() for t in ax.texts} == {"3", "4.5"}  # bar labels


def test_measures_in_chinese(some_cjk: str) -> None:
    ax = plot_measures(assessment(), lang="zh")
    assert [t.get_text().split("\n")[0] for t in ax.get_xticklabels()] == ["街道", "社区", "小区"]
    assert ax.get_ylabel() == "党组织覆盖率"


def test_measures_errors() -> None:
    with pytest.raises(KeyError, match="no measure 'nope'"):
        plot_measures(assessment(), measure="nope")
    with pytest.raises(ValueError, match="kind"):
        plot_measures({"a": 1}, kind="pie")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="needs an Assessment"):
        plot_measures({"a": 1}, by="unit")


# -- drawing attributes -----------------------------------------------------------------------


def test_set_drawing_attributes_on_a_copy() -> None:
    s = govmodel.datasets.load("chengdu")
    G = govmodel.to_graph(s)
    before = [dict(d) for _, d in G.nodes(data=True)]
    H = set_drawing_attributes(G, seed=3)
    assert H is not G
    assert type(H) is type(G)
    assert [dict(d) for _, d in G.nodes(data=True)] == before  # G untouched
    for _, d in H.nodes(data=True):
        x, y = d["pos"]
        assert type(x) is float
        assert type(y) is float
        assert isinstance(d["label"], str)
        assert d["label"]
        assert d["color"].startswith("#")
        assert len(d["color"]) == 7
    # pos, label and color are reserved names: the copy still reads as the structure
    assert govmodel.from_graph(H) == s
    # units in a top-down tree: the top at y = 1, children below their parents
    for u in s.units:
        if u.parent is not None:
            assert H.nodes[u.id]["pos"][1] < H.nodes[u.parent]["pos"][1]
    assert H.nodes["cd"]["pos"][1] == 1.0
    # organizations coloured by sector, names as labels
    org = next(o for o in s.organizations if o.kind == "compound_party_branch")
    assert H.nodes[org.id]["color"] == "#d62728"
    assert H.nodes[org.id]["label"] == org.name


def test_set_drawing_attributes_seed() -> None:
    G = govmodel.to_graph(govmodel.datasets.load("xihu"))
    a = nx.get_node_attributes(set_drawing_attributes(G, seed=1), "pos")
    b = nx.get_node_attributes(set_drawing_attributes(G, seed=1), "pos")
    c = nx.get_node_attributes(set_drawing_attributes(G, seed=2), "pos")
    assert a == b
    assert a != c
    assert a["xh"] == c["xh"]  # units are placed by the tree, whatever the seed


def test_set_drawing_attributes_labels_in_chinese() -> None:
    s = Structure(
        organizations=[govmodel.Organization("oc", "owners_committee")],
    )
    G = govmodel.to_graph(s)
    assert set_drawing_attributes(G, lang="zh").nodes["oc"]["label"] == "业委会"
    assert set_drawing_attributes(G).nodes["oc"]["label"] == "owners' committee"


def test_networkx_draws_with_the_attributes(tmp_path: Path) -> None:
    G = govmodel.to_graph(govmodel.datasets.load("xihu"))
    H = set_drawing_attributes(G, seed=0)
    pos = nx.get_node_attributes(H, "pos")
    fig, ax = plt.subplots()
    nx.draw(H, pos=pos, ax=ax, node_color=list(nx.get_node_attributes(H, "color").values()))
    drawn = points(ax)[0]
    assert drawn.get_offsets().tolist() == [list(pos[n]) for n in H]
    # nx.display (networkx >= 3.4) reads "pos", "color" and "label" itself
    T = set_drawing_attributes(containment_tree(G))
    fig, ax = plt.subplots()
    nx.display(T, canvas=ax)
    offsets = sorted(map(tuple, points(ax)[0].get_offsets().tolist()))
    assert offsets == sorted(T.nodes[n]["pos"] for n in T)
    assert {t.get_text() for t in ax.texts} == {T.nodes[n]["label"] for n in T}
    colors = points(ax)[0].get_facecolors()
    assert len(colors) == len(T)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing")
        fig.savefig(tmp_path / "display.png")


def test_set_drawing_attributes_on_views() -> None:
    G = govmodel.to_graph(govmodel.datasets.load("yuetang"))
    P = set_drawing_attributes(party_hierarchy(G))  # a forest without units: a tree
    for u, v in P.edges:
        assert P.nodes[v]["pos"][1] < P.nodes[u]["pos"][1]
    U = set_drawing_attributes(nx.Graph([(1, 2), (2, 3)]), seed=0)  # anything else: spring
    assert set(nx.get_node_attributes(U, "pos")) == {1, 2, 3}


# -- missing matplotlib -----------------------------------------------------------------------


def test_missing_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(sys.modules):
        if name == "matplotlib" or name.startswith("matplotlib."):
            monkeypatch.setitem(sys.modules, name, None)
    s = govmodel.datasets.load("xihu")
    with pytest.raises(MissingDependencyError, match=r"pip install 'govmodel\[plot\]'"):
        plot_hierarchy(s)
    with pytest.raises(MissingDependencyError, match="plot"):
        plot_measures({"a": 1})
    with pytest.raises(ImportError):
        cjk_font()


# -- the guide --------------------------------------------------------------------------------

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "guide" / "plots.md"
FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def test_the_guide_runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # the guide saves a figure
    namespace: dict[str, Any] = {"__name__": "guide"}
    heights = []
    with warnings.catch_warnings(), matplotlib.rc_context():  # the guide sets rcParams
        warnings.simplefilter("ignore")  # glyph and font warnings depend on the machine
        for i, code in enumerate(FENCE.findall(GUIDE.read_text(encoding="utf-8")), 1):
            exec(compile(code, f"{GUIDE.name}, python block {i}", "exec"), namespace)
            if "party coverage" in code:
                heights = [round(float(b.get_height()), 2) for b in namespace["ax"].patches]
            if "cjk_font()" in code and "nx.display" in code and cjk_font() is not None:
                assert plt.rcParams["font.sans-serif"][0] == cjk_font()  # no tofu
                save(namespace["fig"], tmp_path / "networkx.png")  # fails on a missing glyph
    assert (tmp_path / "xihu-hierarchy.png").stat().st_size > 1000
    assert heights == [0.5, 0.5]
    assert namespace["H"].nodes["xh"]["pos"][1] == 1.0
    assert os.path.exists(os.path.join(namespace["folder"], "party.pdf"))


# -- figures fit for a paper ------------------------------------------------------------------

MATH = ["$x$", "a $b$ c", "\\frac{$", "$1,000 and $2", "^_{}%#"]


def mathy() -> Structure:
    from govmodel.spec import Organization, Person, Post

    units = [Unit("d", "district", "$district$")]
    units += [Unit(f"c{i}", "compound", name, parent="d") for i, name in enumerate(MATH)]
    orgs = [
        Organization("pb", "compound_party_branch", "$branch$", unit="c0"),
        Organization("oc", "owners_committee", "\\frac{owners", unit="c0"),
    ]
    people = [Person(f"p{i}", name) for i, name in enumerate(MATH)]
    posts = [Post(f"x{i}", f"p{i}", "pb" if i % 2 else "oc", "member") for i in range(len(MATH))]
    posts.append(Post("y", "p0", "pb", "secretary"))
    return Structure(
        units=units,
        organizations=orgs,
        people=people,
        posts=posts,
        metadata=govmodel.Metadata(name="$name$"),
    )


def every_text(ax: Any) -> list[Any]:
    from matplotlib.text import Text

    return [a for a in ax.findobj(Text) if a.get_text()]


def test_names_with_dollars_are_drawn_literally(tmp_path: Path) -> None:
    s = mathy()
    drawings = [
        plot_hierarchy(s),
        plot_compound(s, "c0"),
        plot_measures({name: [1.0, 2.0] for name in MATH}, measure="$y$"),
    ]
    for i, ax in enumerate(drawings):
        ax.figure.savefig(tmp_path / f"{i}.png")  # mathtext would fail on "\frac{$"
        ax.figure.savefig(tmp_path / f"{i}.svg")
        for t in every_text(ax):
            if re.fullmatch(r"[\d\s.,%\u2212-]+", t.get_text()):
                continue  # numbers (ticks, the key's numbers) need no care
            assert t.get_parse_math() is False, t.get_text()
    assert set(MATH) <= written(drawings[0])
    assert drawings[0].get_title() == "$name$: containment"
    assert {t.get_text() for t in drawings[2].get_xticklabels()} >= {f"{m}\n(n = 2)" for m in MATH}
    assert drawings[2].get_ylabel() == "$y$"


NOTEBOOK_FIGURES = [
    ("yuetang", lambda s: plot_hierarchy(s, view="party")),
    ("yuetang", lambda s: plot_hierarchy(s, max_nodes=40)),
    ("yuetang", lambda s: plot_compound(s, "yt-c2")),
    ("changsha", lambda s: plot_compound(s, "cs-yt-gl", lang="zh")),
    ("changsha", lambda s: plot_hierarchy(s, lang="zh")),
    ("xihu", lambda s: plot_hierarchy(s)),
    ("xihu", lambda s: plot_compound(s, "xh-c1")),
    ("chengdu", lambda s: plot_hierarchy(s)),
    ("jinfeng", lambda s: plot_hierarchy(s)),
]


@pytest.mark.skipif(cjk_font() is None, reason="label widths need the real CJK font")
@pytest.mark.parametrize(("name", "draw"), NOTEBOOK_FIGURES)
def test_no_overlapping_labels(name: str, draw: Any) -> None:
    plt.rcParams["figure.dpi"] = 80  # as the notebooks
    try:
        ax = draw(govmodel.datasets.load(name))
        assert overlaps(ax) == []
    finally:
        plt.rcParams["figure.dpi"] = matplotlib.rcParamsDefault["figure.dpi"]


def test_crowded_level_gets_a_numbered_key(monkeypatch: pytest.MonkeyPatch) -> None:
    s = Structure(
        units=[Unit("d", "district", "D")]
        + [Unit(f"c{i}", "community", f"A very long community name {i}", "d") for i in range(6)]
        + [Unit(f"x{i}", "compound", f"x{i}", f"c{i}") for i in range(6)]
    )
    _fig, ax = plt.subplots(figsize=(5, 3))
    plot_hierarchy(s, ax=ax)
    k = key(ax)
    assert sorted(k.values()) == sorted(f"A very long community name {i}" for i in range(6))
    assert {str(i) for i in range(1, 7)} <= texts(ax)  # the numbers at the nodes
    assert {"D", "x0", "x5"} <= texts(ax)  # levels with room keep their names
    assert overlaps(ax) == []


def test_each_organization_kind_has_its_own_colour() -> None:
    kinds = list(BUILTIN.category("organization_kinds"))
    assert set(gplot.ORGANIZATION_COLORS) == set(kinds)
    assert len(set(gplot.ORGANIZATION_COLORS.values())) == len(kinds)
    # in a drawing: the legend's squares, one colour per kind, party kinds apart
    ax = plot_compound(govmodel.datasets.load("changsha"), "cs-yt-gl")
    legends = [a for a in ax.get_children() if isinstance(a, Legend)] + ax.figure.legends
    squares = {
        h.get_label(): h.get_markerfacecolor()
        for leg in legends
        for h in leg.legend_handles
        if getattr(h, "get_marker", lambda: "")() == "s"
    }
    assert len(squares) >= 5
    assert len(set(squares.values())) == len(squares)
    H = set_drawing_attributes(govmodel.to_graph(govmodel.datasets.load("changsha")))
    by_kind: dict[str, set[str]] = {}
    for _, d in H.nodes(data=True):
        if d.get("entity") == "organization":
            by_kind.setdefault(d["kind"], set()).add(d["color"])
    assert all(len(c) == 1 for c in by_kind.values())
    assert len({next(iter(c)) for c in by_kind.values()}) == len(by_kind)


@pytest.mark.parametrize("suffix", ["svg", "pdf"])
def test_vector_output_with_chinese(suffix: str, tmp_path: Path) -> None:
    ax = plot_hierarchy(govmodel.datasets.load("xihu"), lang="zh")
    ax.figure.set_size_inches(7.0, 4.0)  # a two-column figure
    path = tmp_path / f"h.{suffix}"
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="Glyph .* missing")
        ax.figure.savefig(path)
    head = path.read_bytes()[:5]
    assert head == (b"%PDF-" if suffix == "pdf" else b"<?xml")


# -- panels -----------------------------------------------------------------------------------


def test_plot_panel_draws_a_line_per_place(some_cjk: str, tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    import attrs

    from govmodel import synth
    from govmodel.panel import panel

    places = {}
    for i, name in enumerate(["Anshan", "城市 $2$"]):
        s = synth.city(20, seed=i, districts=1)
        posts = [attrs.evolve(p, start=str(2018 + j % 6)) for j, p in enumerate(s.posts)]
        places[name] = s.replace(posts=tuple(posts))
    dates = ["2019", "2020-07", "2021", "2023"]
    df = panel(places, ["four_level", "tripartite"], dates=dates)
    ax = plot_panel(df, "cross_appointment", model="four_level")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing")  # DejaVu stands in
        ax.figure.savefig(tmp_path / "panel.png")
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == list(places)
    for line, place in zip(lines, places, strict=True):
        whole = df[
            (df.place == place)
            & (df.measure == "cross_appointment")
            & (df.model == "four_level")
            & (df.unit == "")
        ]
        assert list(line.get_ydata()) == whole.value.tolist()
        # at the dates' true spacing: July 2020 is half way through the year
        assert list(line.get_xdata()) == pytest.approx([2019.0, 2020 + 182 / 366, 2021.0, 2023.0])
    assert [t.get_text() for t in ax.get_xticklabels()] == dates
    assert ax.get_legend().get_texts()[1].get_parse_math() is False
    spec = next(
        m for m in govmodel.models.get("four_level").measures() if m.name == "cross_appointment"
    )
    assert ax.get_title() == spec.en  # the model's label, not the name
    assert ax.get_ylabel().replace("\n", " ") == spec.en
    zh = plot_panel(df, "cross_appointment", model="four_level", lang="zh")
    assert zh.get_ylabel() == spec.zh
    # one unit's series
    unit = next(u for u in df.unit if u)
    having = list(dict.fromkeys(df[df.unit == unit].place))  # synthetic cities share ids
    ax = plot_panel(df, "cross_appointment", model="four_level", unit=unit)
    assert [line.get_label() for line in ax.get_lines()] == having


def test_plot_panel_errors() -> None:
    pytest.importorskip("pandas")
    from govmodel.panel import panel

    s = govmodel.datasets.load("yuetang")
    df = panel(s, ["four_level", "tripartite"], dates=["2019", "2020"])
    shared = set(df[df.model == "four_level"].measure) & set(df[df.model == "tripartite"].measure)
    if shared:
        with pytest.raises(ValueError, match="give model="):
            plot_panel(df, next(iter(shared)))
    with pytest.raises(KeyError, match="no measure 'nope'"):
        plot_panel(df, "nope")
    with pytest.raises(KeyError, match="of model 'grid'"):
        plot_panel(df, "cross_appointment", model="grid")
    with pytest.raises(KeyError, match="for unit 'zz'"):
        plot_panel(df, "cross_appointment", model="four_level", unit="zz")
    with pytest.raises(ValueError, match="no column 'value'"):
        plot_panel(df.drop(columns="value"), "cross_appointment")
    with pytest.raises(ValueError, match="no dates"):
        plot_panel(panel(s, "four_level"), "cross_appointment")
