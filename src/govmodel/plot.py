"""Drawings of governance structures for notebooks, with matplotlib.

* :func:`plot_hierarchy`: the containment tree (district → street → community → compound →
  building …) or the party hierarchy, as a layered top-down tree coloured by kind;
* :func:`plot_compound`: one compound's bodies (party branch, residents' committee, owners'
  committee, property company, …) and the people who hold posts in them, with those who
  interlock two or more bodies highlighted;
* :func:`plot_measures`: a measure of an :class:`~govmodel.assess.Assessment` by level, as
  bars or boxes (points for small groups, shares for 0/1 data);
* :func:`plot_panel`: a measure over time, one line per place, from a panel
  (:func:`govmodel.panel.panel`);
* :func:`set_drawing_attributes`: a copy of a govmodel graph with ``pos``, ``label`` and
  ``color`` node attributes, for ``nx.draw`` and ``nx.display``.

Every function draws on the :class:`~matplotlib.axes.Axes` given as ``ax=`` (or on a new
figure) and returns it; none calls ``plt.show()``, so all work with any backend, Agg included.
The tree layouts are deterministic; the layouts that use networkx's spring layout
(:func:`plot_compound`, :func:`set_drawing_attributes`) take a ``seed``, and the same seed
gives the same drawing.

Chinese text
------------
Names in the bundled datasets and the Chinese labels of the vocabulary (``lang="zh"``) need a
font with CJK glyphs. :func:`cjk_font` finds one among the fonts matplotlib knows (Noto Sans
CJK SC, Source Han Sans, WenQuanYi, SimHei, Microsoft YaHei, PingFang, …) and the drawings use
it. Without one, they fall back cleanly: English labels instead of Chinese ones, ids instead
of Chinese names, and one :class:`CJKFontWarning` per drawing that says how to install a font.

Needs the ``plot`` extra (``pip install 'govmodel[plot]'``). :doc:`/guide/plots` shows each
drawing.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import govmodel
>>> from govmodel.plot import plot_hierarchy
>>> ax = plot_hierarchy(govmodel.datasets.load("xihu"))
>>> ax.get_title()
'xihu: containment'
"""

from __future__ import annotations

import datetime as dt
import inspect
import itertools
import math
import numbers
import os
import random
import textwrap
import warnings
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias, cast

import networkx as nx

from govmodel.errors import require
from govmodel.graph import _vocabulary, containment_tree, party_hierarchy, to_graph
from govmodel.spec import Structure, date_bounds, in_force
from govmodel.vocab import BUILTIN, Category, Vocabulary

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from govmodel.assess import Assessment

__all__ = [
    "CJK_FONTS",
    "ORGANIZATION_COLORS",
    "CJKFontWarning",
    "cjk_font",
    "plot_compound",
    "plot_hierarchy",
    "plot_measures",
    "plot_panel",
    "set_drawing_attributes",
]

Lang: TypeAlias = Literal["en", "zh"]

#: Font families with Chinese glyphs, in the order :func:`cjk_font` prefers them: simplified
#: Chinese faces first, then the other CJK faces (which hold the same characters).
CJK_FONTS: Final[tuple[str, ...]] = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Source Han Sans",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "SimSun",
    "Songti SC",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "Noto Sans CJK HK",
    "Noto Sans CJK KR",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "Arial Unicode MS",
    "Droid Sans Fallback",
)

_FEATURE: Final = "govmodel.plot"

#: Colours of the people in :func:`plot_compound`, and of the other entities.
_OTHER_COLOR: Final = "#7f7f7f"
_INTERLOCK_COLOR: Final = "#e6550d"
_PERSON_COLOR: Final = "#9e9e9e"
_ENTITY_COLORS: Final = {
    "person": "#7f7f7f",
    "observation": "#17becf",
    "decision": "#8c564b",
}


#: Text drawn as it is, never as mathtext.
_LITERAL: Final[dict[str, Any]] = {"parse_math": False}


class CJKFontWarning(UserWarning):
    """No font with Chinese glyphs was found: Chinese text is replaced (see :func:`cjk_font`)."""


def _pyplot() -> Any:
    return require("matplotlib.pyplot", "plot", feature=_FEATURE)


def cjk_font() -> str | None:
    """The family name of an installed font with Chinese glyphs, or ``None``.

    The first of :data:`CJK_FONTS` that matplotlib's font manager knows. matplotlib caches its
    list of fonts: after installing a font, delete ``fontlist-*.json`` in
    ``matplotlib.get_cachedir()`` and restart Python, or register the file at once with
    ``matplotlib.font_manager.fontManager.addfont(path)``.

    Returns
    -------
    str or None

    Examples
    --------
    >>> from govmodel.plot import CJK_FONTS, cjk_font
    >>> font = cjk_font()
    >>> font is None or font in CJK_FONTS
    True
    """
    fm: Any = require("matplotlib.font_manager", "plot", feature=_FEATURE)
    names = {f.name for f in fm.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in names), None)


def _has_cjk(text: str) -> bool:
    return any(
        "\u2e80" <= ch <= "\u9fff"
        or "\uf900" <= ch <= "\ufaff"
        or "\uff00" <= ch <= "\uffef"
        or "\U00020000" <= ch <= "\U0003ffff"
        for ch in text
    )


def _text_width(text: str) -> int:
    """The width of a text in narrow characters (a CJK character counts two)."""
    return sum(2 if _has_cjk(ch) else 1 for ch in text)


#: The widest name drawn, in narrow characters (a CJK character counts two): a longer one is
#: cut, and ends with "…", so that it stays inside the figure.
_NAME_WIDTH: Final = 40


def _drawable(text: str) -> str:
    """The text with each lone surrogate (which no font can draw) replaced by U+FFFD."""
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)


def _shorten(text: str, width: int = _NAME_WIDTH) -> str:
    """Each line of the text cut to ``width`` narrow characters, with "…" where it was cut."""
    lines = []
    for line in text.split("\n"):
        if _text_width(line) > width:
            kept, used = [], 0
            for ch in line:
                used += _text_width(ch)
                if used > width - 1:
                    break
                kept.append(ch)
            line = "".join(kept).rstrip() + "…"
        lines.append(line)
    return "\n".join(lines)


def _caller_stacklevel() -> int:
    """The stack level of the first frame outside this module, for warnings."""
    frame = inspect.currentframe()
    level = 0
    while frame is not None and frame.f_globals.get("__name__") == __name__:
        frame = frame.f_back
        level += 1
    return level


class _Text:
    """The labels of one drawing: in the language asked for, or in English without a font.

    Warns (once) the first time Chinese text has to be replaced.
    """

    def __init__(self, lang: str, vocab: Vocabulary) -> None:
        if lang not in ("en", "zh"):
            raise ValueError(f"lang must be 'en' or 'zh', not {lang!r}")
        self.vocab = vocab
        self.font = cjk_font()
        self.warned = False
        self.lang = lang
        if lang == "zh" and self.font is None:
            self.lang = "en"
            self.fallback()

    def fallback(self) -> None:
        if self.warned:
            return
        self.warned = True
        try:
            import matplotlib

            cache = matplotlib.get_cachedir()
        except Exception:  # pragma: no cover - matplotlib is there when we draw
            cache = "matplotlib.get_cachedir()"
        warnings.warn(
            "no font with Chinese glyphs (CJK) was found, so Chinese labels are drawn in "
            "English and Chinese names as ids. Install one, e.g. `apt-get install "
            "fonts-noto-cjk` (Debian/Ubuntu), `brew install --cask font-noto-sans-cjk-sc` "
            "(macOS) or Noto Sans CJK SC from https://github.com/notofonts/noto-cjk; then "
            f"delete {os.path.join(cache, 'fontlist-*.json')} and restart Python "
            "(see govmodel.plot.cjk_font).",
            CJKFontWarning,
            stacklevel=_caller_stacklevel(),
        )

    @property
    def props(self) -> dict[str, Any]:
        """Text properties: the CJK font, when there is one, and text drawn literally.

        ``parse_math=False``: names are drawn as they are, never as mathtext (a name with
        ``$`` in it would otherwise be typeset as a formula, or fail to draw).
        """
        return {"parse_math": False, "fontfamily": self.families()} if self.font else _LITERAL

    def families(self) -> list[str]:
        """The CJK font, then the installed fonts of matplotlib's own families for the glyphs
        it lacks (Droid Sans Fallback, the last of :data:`CJK_FONTS`, has no Latin letters or
        digits). A generic family (``sans-serif``) is its list of fonts, so that a CJK font
        put first in it (``rcParams["font.sans-serif"]``) is not its only font."""
        if self.font is None:
            return []
        rc = _pyplot().rcParams
        fm: Any = require("matplotlib.font_manager", "plot", feature=_FEATURE)
        installed = {f.name for f in fm.fontManager.ttflist}
        given = rc["font.family"]
        families: list[str] = [self.font]
        for family in [given] if isinstance(given, str) else given:
            generic = family in ("serif", "sans-serif", "cursive", "fantasy", "monospace")
            for name in rc[f"font.{family}"] if generic else [family]:
                if name in installed and name not in families:
                    families.append(name)
        return families

    def legend(self, canvas: Any, size: float, **kwargs: Any) -> Any:
        """A legend whose texts are drawn literally, in the CJK font when there is one."""
        legend = canvas.legend(prop=self.legend_props(size), **kwargs)
        for t in legend.get_texts():
            t.set_parse_math(False)
        if legend.get_title() is not None:
            legend.get_title().set_parse_math(False)
        return legend

    def legend_props(self, size: float) -> dict[str, Any]:
        return {"family": self.families(), "size": size} if self.font else {"size": size}

    def pick(self, en: str, zh: str) -> str:
        return zh if self.lang == "zh" and zh else en

    def term(self, category: Category, name: str) -> str:
        t = self.vocab.category(category).get(name)
        if t is None:
            return self.name(name, name)
        return self.pick(t.en, t.zh)

    def name(self, name: object, fallback: str) -> str:
        """A name as it is, unless it needs a CJK font that is missing: then ``fallback``.

        Either way drawable (no lone surrogates) and at most :data:`_NAME_WIDTH` wide.
        """
        text = str(name) if name is not None else ""
        if not text:
            return _shorten(_drawable(fallback))
        if self.font is None and _has_cjk(text):
            self.fallback()
            return _shorten(_drawable(fallback))
        return _shorten(_drawable(text))


def _graph(obj: Structure | nx.Graph) -> tuple[Any, Vocabulary, str]:
    if isinstance(obj, Structure):
        return to_graph(obj), obj.vocab, obj.metadata.name
    if isinstance(obj, nx.Graph):
        return obj, _vocabulary(obj), str(obj.graph.get("name", ""))
    raise TypeError(f"expected a Structure or a govmodel graph, not {type(obj).__name__}")


def _axes(ax: Any, size: tuple[float, float]) -> Any:
    if ax is not None:
        return ax
    plt = _pyplot()
    _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def _palette(kinds: Sequence[str]) -> dict[str, str]:
    """Distinct colours for kinds: tab10 for up to 10, tab20 beyond."""
    mpl: Any = require("matplotlib", "plot", feature=_FEATURE)
    colormaps = mpl.colormaps
    colors: Any = require("matplotlib.colors", "plot", feature=_FEATURE)
    cmap = colormaps["tab10" if len(kinds) <= 10 else "tab20"]
    return {k: colors.to_hex(cmap(i % cmap.N)) for i, k in enumerate(kinds)}


def _ordered_kinds(kinds: Iterable[str], vocab: Vocabulary, category: Category) -> list[str]:
    """Kinds in vocabulary order (by rank for units), unknown kinds last by name."""
    terms = vocab.category(category)
    order = {k: i for i, k in enumerate(terms)}
    if category == "unit_kinds":
        rank = {k: (t.rank if t.rank is not None else 99) for k, t in terms.items()}
        return sorted(
            set(kinds), key=lambda k: (k not in terms, rank.get(k, 99), order.get(k, 0), k)
        )
    return sorted(set(kinds), key=lambda k: (k not in terms, order.get(k, 0), k))


# -- tree layout -------------------------------------------------------------------------------


def _forest(T: Any) -> tuple[list[Hashable], dict[Hashable, list[Hashable]], dict[Hashable, int]]:
    """Roots, children and depths of a spanning forest of a directed graph (breadth first).

    Roots are the nodes without predecessors, in graph order; nodes they do not reach (on a
    cycle) become roots too. A node with several parents keeps the first one reached.
    """
    roots: list[Hashable] = [n for n in T if T.in_degree(n) == 0]
    children: dict[Hashable, list[Hashable]] = {}
    depth: dict[Hashable, int] = {}
    pending = list(T)
    start = 0

    def grow(root: Hashable) -> None:
        depth[root] = 0
        frontier = [root]
        while frontier:
            nxt = []
            for n in frontier:
                for c in T.successors(n):
                    if c not in depth:
                        depth[c] = depth[n] + 1
                        children.setdefault(n, []).append(c)
                        nxt.append(c)
            frontier = nxt

    for r in roots:
        grow(r)
    while len(depth) < len(T):
        while pending[start] in depth:
            start += 1
        roots.append(pending[start])
        grow(pending[start])
    return roots, children, depth


def _tidy_x(
    roots: Sequence[Hashable], children: Mapping[Hashable, Sequence[Hashable]]
) -> dict[Hashable, float]:
    """x of each node: leaves one apart in depth-first order, parents centred over children."""
    x: dict[Hashable, float] = {}
    nxt = 0.0
    for root in roots:
        stack: list[tuple[Hashable, bool]] = [(root, False)]
        while stack:
            n, done = stack.pop()
            kids = children.get(n, ())
            if not kids:
                x[n] = nxt
                nxt += 1.0
            elif done:
                x[n] = (x[kids[0]] + x[kids[-1]]) / 2
            else:
                stack.append((n, True))
                stack.extend((k, False) for k in reversed(kids))
        nxt += 0.5
    return x


def _descendants(n: Hashable, children: Mapping[Hashable, Sequence[Hashable]]) -> int:
    count, stack = 0, list(children.get(n, ()))
    while stack:
        c = stack.pop()
        count += 1
        stack.extend(children.get(c, ()))
    return count


def plot_hierarchy(
    obj: Structure | nx.Graph,
    *,
    view: Literal["containment", "party"] = "containment",
    ax: Axes | None = None,
    max_nodes: int = 300,
    max_labels: int = 60,
    lang: Lang = "en",
    title: str | None = None,
) -> Axes:
    """Draw the containment tree or the party hierarchy as a layered, top-down tree.

    Each node sits at the depth of its level in the tree (the top at the top); leaves are
    spread one apart in depth-first order, and each parent is centred over its children (a
    tidy tree layout), so the drawing stays legible at a few hundred nodes. Nodes are
    coloured by kind, with a legend of the kinds and their counts; edges are drawn as
    elbows. The layout is deterministic.

    Parameters
    ----------
    obj
        A :class:`~govmodel.spec.Structure` or a govmodel graph (:func:`govmodel.to_graph`).
    view
        ``"containment"`` (the units, :func:`govmodel.graph.containment_tree`) or
        ``"party"`` (the party organizations and who leads whom,
        :func:`govmodel.graph.party_hierarchy`).
    ax
        The axes to draw on; by default a new figure sized to the tree.
    max_nodes
        Draw at most this many nodes: the deepest levels that do not fit are left out, and
        each node whose children are left out is marked ``+k`` with the number of nodes
        below it; a note says how many are shown.
    max_labels
        Label nodes with their names (or ids) when at most this many are drawn.
    lang
        ``"en"`` or ``"zh"``: the language of the kinds in the legend and of the title.
    title
        The title; by default the structure's name and the view.

    Returns
    -------
    matplotlib.axes.Axes

    Notes
    -----
    Complexity :math:`O(n \\log n)` for :math:`n` nodes. Cycles (in invalid structures) are
    broken: a node keeps the first parent reached breadth first.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import govmodel
    >>> from govmodel.plot import plot_hierarchy
    >>> s = govmodel.datasets.load("yuetang")
    >>> ax = plot_hierarchy(s, max_nodes=40)
    >>> ax.get_title()
    'yuetang: containment'
    >>> [t.get_text() for t in ax.get_legend().get_texts()][:3]
    ['district (1)', 'street (subdistrict) (1)', 'community (1)']
    >>> ax = plot_hierarchy(s, view="party")
    >>> ax.get_title()
    'yuetang: party hierarchy'
    """
    if view not in ("containment", "party"):
        raise ValueError(f"view must be 'containment' or 'party', not {view!r}")
    if max_nodes < 1:
        raise ValueError("max_nodes must be at least 1")
    G, vocab, sname = _graph(obj)
    text = _Text(lang, vocab)
    category: Category = "unit_kinds" if view == "containment" else "organization_kinds"
    T = containment_tree(G) if view == "containment" else party_hierarchy(G)

    roots, children, depth = _forest(T)
    per_depth: dict[int, int] = {}
    for d in depth.values():
        per_depth[d] = per_depth.get(d, 0) + 1
    cut, total = 0, 0
    for d in sorted(per_depth):
        if total + per_depth[d] > max_nodes and d > 0:
            break
        total += per_depth[d]
        cut = d
    shown_children = {n: list(c) for n, c in children.items() if depth[n] < cut}
    hidden = {n: _descendants(n, children) for n in children if depth[n] == cut}
    x = _tidy_x(roots, shown_children)
    shown = [n for n in T if n in x]

    leaves = sum(1 for n in shown if not shown_children.get(n))
    canvas: Any = _axes(
        ax, (min(24.0, max(6.0, 0.22 * leaves + 3)), min(10.0, max(3.0, 1.1 * cut + 2)))
    )
    collections: Any = require("matplotlib.collections", "plot", feature=_FEATURE)

    segments = []
    for n, kids in shown_children.items():
        px, py = x[n], -depth[n]
        mid = py - 0.5
        for c in kids:
            segments.append([(px, py), (px, mid), (x[c], mid), (x[c], -depth[c])])
    canvas.add_collection(
        collections.LineCollection(segments, colors="#b0b0b0", linewidths=0.8, zorder=1)
    )

    kinds = _ordered_kinds((str(T.nodes[n].get("kind", "")) for n in shown), vocab, category)
    colors = _palette(kinds)
    size = 60.0 if len(shown) <= 60 else max(8.0, 3600.0 / len(shown))
    for k in kinds:
        ns = [n for n in shown if str(T.nodes[n].get("kind", "")) == k]
        canvas.scatter(
            [x[n] for n in ns],
            [-depth[n] for n in ns],
            s=size,
            c=colors[k],
            edgecolors="white",
            linewidths=0.5,
            zorder=2,
            label=f"{text.term(category, k)} ({len(ns)})",
        )

    # every node's name when few enough; else the inner nodes' names when few enough
    inner = [n for n in shown if shown_children.get(n) or n in hidden]
    named = (
        set(shown) if len(shown) <= max_labels else set(inner if len(inner) <= max_labels else ())
    )
    labels = {}
    for n in shown:
        below = hidden.get(n, 0)
        label = text.name(T.nodes[n].get("name"), str(n)) if n in named else ""
        if below:
            label = f"{label} (+{below})" if label else f"+{below}"
        if label:
            labels[n] = label
    # leaf labels run vertically when side by side they would not fit the axes' width
    fig_width = canvas.figure.get_size_inches()[0] * canvas.get_position().width
    leaf_width = max(
        (_text_width(t) for n, t in labels.items() if not shown_children.get(n)), default=0
    )
    vertical = leaves * (leaf_width + 2) > 17 * fig_width
    placed: dict[Hashable, Any] = {}
    for n, label in labels.items():
        leaf = not shown_children.get(n)
        placed[n] = canvas.annotate(
            label,
            (x[n], -depth[n]),
            xytext=(0, -7 if leaf else 7),
            textcoords="offset points",
            ha="center",
            va="top" if leaf else "bottom",
            rotation=90 if leaf and vertical else 0,
            fontsize=7,
            color="#333333",
            zorder=3,
            **text.props,
        )

    if len(shown) < len(T):
        note = (
            f"{len(shown)} of {len(T)} shown (depth ≤ {cut}); +k: nodes not shown below"
            if text.lang == "en"
            else f"显示 {len(shown)} / {len(T)} 个(深度 ≤ {cut});+k:未显示的下级数"
        )
        canvas.text(
            0.0,
            1.0,
            note,
            transform=canvas.transAxes,
            va="top",
            fontsize=7,
            color="#666666",
            **text.props,
        )
    if title is None:
        what = {
            "containment": ("containment", "包含层级"),
            "party": ("party hierarchy", "党组织层级"),
        }
        title = text.pick(*what[view])
        if sname:
            title = f"{text.name(sname, '')}: {title}" if text.name(sname, "") else title
    canvas.set_title(_drawable(title), **text.props)
    if not shown:
        nothing = {
            "containment": ("no units", "没有单元"),
            "party": ("no party organizations", "没有党组织"),
        }
        canvas.text(
            0.5,
            0.5,
            text.pick(*nothing[view]),
            ha="center",
            va="center",
            transform=canvas.transAxes,
            **text.props,
        )
    canvas.set_ylim(-cut - 1.0, 0.6)
    if x:
        canvas.set_xlim(min(x.values()) - 0.8, max(x.values()) + 0.8)
    canvas.set_axis_off()
    if shown:
        legend = {
            "loc": "upper left",
            "bbox_to_anchor": (1.0, 1.0),
            "frameon": False,
            "markerscale": min(1.0, 60.0 / size) if size < 60 else 1.0,
        }
        text.legend(canvas, 8, **legend)
        rows: dict[int, list[Hashable]] = {}
        for n in sorted(placed, key=lambda n: (depth[n], x[n])):
            rows.setdefault(depth[n], []).append(n)
        crowded = _crowded(canvas, [[placed[n] for n in row] for row in rows.values()])
        if crowded:
            # a numbered key for the crowded levels: a number at the node, its name in the key
            handles, _ = canvas.get_legend_handles_labels()
            lines: Any = require("matplotlib.lines", "plot", feature=_FEATURE)
            number = 0
            for i, row in enumerate(rows.values()):
                if i not in crowded:
                    continue
                for n in row:
                    number += 1
                    handles.append(
                        lines.Line2D([], [], linestyle="", label=f"{number}  {labels[n]}")
                    )
                    placed[n].set_text(str(number))
                    placed[n].set_rotation(0)
            text.legend(
                canvas,
                8,
                handles=handles,
                ncols=2 if len(handles) > 30 else 1,
                handletextpad=0.0,
                **legend,
            )
    return cast("Axes", canvas)


def _crowded(canvas: Any, rows: Sequence[Sequence[Any]]) -> set[int]:
    """The indices of the rows of texts in which two neighbours overlap, once laid out."""
    figure = canvas.figure
    figure.draw_without_rendering()
    renderer = figure.canvas.get_renderer()
    out = set()
    for i, row in enumerate(rows):
        boxes = [t.get_window_extent(renderer) for t in row]
        if any(a.x1 + 1.0 > b.x0 for a, b in itertools.pairwise(boxes)):
            out.add(i)
    return out


def _fit_title(canvas: Any) -> None:
    """Put the axes' title on more lines when, centred over the axes once laid out, it would
    run out of the figure."""
    figure = canvas.figure
    figure.draw_without_rendering()
    renderer = figure.canvas.get_renderer()
    wide = canvas.title.get_window_extent(renderer).width
    axes = canvas.get_window_extent(renderer)
    centre = (axes.x0 + axes.x1) / 2
    room = 2 * min(centre, figure.bbox.width - centre) - 8.0
    if wide > room > 0:
        title = canvas.get_title()
        lines = math.ceil(wide / room)
        width = max(8, math.ceil(_text_width(title) / lines))
        while width < _text_width(title) and _fill(title, width).count("\n") >= lines:
            width += 1  # as few lines as the width allows, words kept whole
        canvas.set_title(_fill(title, width))


def _fill(text: str, width: int) -> str:
    """The text on lines of at most ``width`` narrow characters (a CJK text: half as many)."""
    return textwrap.fill(text, width // 2 if _has_cjk(text) else width)


def _spaced(canvas: Any, texts: Sequence[Any]) -> list[bool]:
    """Which of a row of texts (left to right) to keep so that no two kept ones overlap, once
    laid out: each is kept when it clears the last one kept (the first always is)."""
    figure = canvas.figure
    figure.draw_without_rendering()
    renderer = figure.canvas.get_renderer()
    keep, last = [], -math.inf
    for t in texts:
        box = t.get_window_extent(renderer)
        ok = not t.get_text() or box.x0 >= last + 1.0
        if ok and t.get_text():
            last = box.x1
        keep.append(ok)
    return keep


# -- one compound ------------------------------------------------------------------------------

_BODY_ORDER: Final = {
    "residents_committee": 1,
    "villagers_committee": 1,
    "owners_committee": 2,
    "owners_assembly": 2,
    "property_company": 3,
}
_COMMITTEES: Final = frozenset({"residents_committee", "villagers_committee"})
_MORE_COLORS: Final = ("#bcbd22", "#17becf", "#7b4173", "#637939", "#843c39", "#3182bd")

#: A colour for each organization kind of the vocabulary: hues by sector (party reds and
#: pinks, self-governance blues and greens, market oranges, social purples and olives,
#: government greys), no two kinds alike.
ORGANIZATION_COLORS: Final[Mapping[str, str]] = {
    "district_party_committee": "#67000d",
    "street_party_working_committee": "#a50f15",
    "community_party_committee": "#e7298a",
    "community_party_general_branch": "#f781bf",
    "compound_party_branch": "#d62728",
    "property_party_branch": "#fb9a99",
    "party_branch": "#8c2d04",
    "building_party_group": "#c994c7",
    "party_group": "#ce1256",
    "party_alliance": "#fcbba1",
    "service_station": "#ad494a",
    "residents_committee": "#1f77b4",
    "villagers_committee": "#6baed6",
    "owners_committee": "#2ca02c",
    "owners_assembly": "#98df8a",
    "supervision_committee": "#17becf",
    "community_council": "#9ecae1",
    "residents_group_council": "#08519c",
    "property_company": "#ff7f0e",
    "social_enterprise": "#ffbb78",
    "social_organization": "#8c564b",
    "volunteer_association": "#9467bd",
    "co_building_unit": "#c5b0d5",
    "stationed_unit": "#bcbd22",
    "street_office": "#525252",
    "government_department": "#7f7f7f",
    "linked_disposal_unit": "#969696",
    "governance_centre": "#393b79",
    "work_station": "#5254a3",
    "police_room": "#252525",
}


def _org_colors(kinds: Iterable[str], vocab: Vocabulary) -> dict[str, str]:
    """A distinct colour for each organization kind: the vocabulary's, then others in turn."""
    out: dict[str, str] = {}
    used = set()
    spare = iter(_MORE_COLORS)
    for k in dict.fromkeys(kinds):
        color = ORGANIZATION_COLORS.get(k)
        if color is None or color in used:
            color = next(spare, None) or _palette([str(i) for i in range(20)])[str(len(out) % 20)]
        out[k] = color
        used.add(color)
    return out


def _edges(G: Any, relation: str) -> Iterable[tuple[Any, Any, Mapping[str, Any]]]:
    for u, v, d in G.edges(data=True):
        if d.get("relation") == relation:
            yield u, v, d


def _bodies(G: Any, compound: Any, vocab: Vocabulary) -> list[Any]:
    """The organizations of a compound, party first, then the tri-partite bodies, then others."""
    parent = {v: u for u, v, _ in _edges(G, "contains")}
    seat: dict[Any, list[Any]] = {}
    for o, u, _ in _edges(G, "located_in"):
        seat.setdefault(u, []).append(o)
    found: dict[Any, None] = dict.fromkeys(seat.get(compound, ()))
    for u, v, _ in _edges(G, "manages"):
        if v == compound and G.nodes[u].get("entity") == "organization":
            found.setdefault(u)
    # the residents' committee of the nearest unit above that has one
    seen = {compound}
    p = parent.get(compound)
    while p is not None and p not in seen:
        seen.add(p)
        rcs = [o for o in seat.get(p, ()) if G.nodes[o].get("kind") in _COMMITTEES]
        if rcs:
            for o in rcs:
                found.setdefault(o)
            break
        p = parent.get(p)
    orgs = [o for o in found if G.nodes[o].get("entity") == "organization"]

    return sorted(orgs, key=lambda o: _body_rank(G, o, vocab))


def _body_rank(G: Any, o: Any, vocab: Vocabulary) -> int:
    """0 party, 1 residents' committee, 2 owners' committee, 3 property company, 4 other."""
    d = G.nodes[o]
    kind = str(d.get("kind", ""))
    party = d.get("is_party")
    if party is None:
        party = vocab.is_party(kind)
    return 0 if party else _BODY_ORDER.get(kind, 4)


def _posts(G: Any, bodies: Sequence[Any], as_of: str | None) -> dict[Any, dict[Any, list[str]]]:
    """Each person with posts in the bodies: body → roles."""
    day = date_bounds(as_of)[0] if as_of is not None else None
    wanted = set(bodies)
    held: dict[Any, dict[Any, list[str]]] = {}
    for p, o, d in _edges(G, "post"):
        if o not in wanted or G.nodes[p].get("entity") != "person" or d.get("tie"):
            continue
        if day is not None and not in_force(d.get("start"), d.get("end"), day):
            continue
        held.setdefault(p, {}).setdefault(o, []).append(str(d.get("role", "")))
    return held


def plot_compound(
    obj: Structure | nx.Graph,
    compound_id: str,
    *,
    ax: Axes | None = None,
    as_of: str | None = None,
    seed: int = 0,
    lang: Lang = "en",
    title: str | None = None,
) -> Axes:
    """Draw one compound's bodies and the people whose posts interlock them.

    The bodies are the organizations located in the compound (its party branch, owners'
    committee, property company, …), those with a ``manages`` tie to it, and the residents'
    committee of its community (of the nearest unit above it that has one). They sit on a
    circle, party organizations first. Each person holding a post in one of them is drawn
    outside their body; each person holding posts in two or more (交叉任职, the interlocks of
    the tri-partite model) inside the circle, between their bodies, and highlighted. Each
    post is an edge labelled with its role. The people are then relaxed by a spring layout
    (pulled to their bodies, pushed from each other), from slightly jittered positions: the
    same ``seed`` gives the same drawing, another seed a variant (if labels overlap).

    Parameters
    ----------
    obj
        A :class:`~govmodel.spec.Structure` or a govmodel graph.
    compound_id
        The id of the unit (a compound, a courtyard, …).
    ax
        The axes to draw on; by default a new figure.
    as_of
        A partial ISO date: only the posts in force on its first day.
    seed
        The seed of the jitter before the spring layout.
    lang
        ``"en"`` or ``"zh"``: the language of roles, kinds and the title.
    title
        The title; by default the compound's name.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    KeyError
        If ``compound_id`` is not a unit of the structure.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import govmodel
    >>> from govmodel.plot import plot_compound
    >>> ax = plot_compound(govmodel.datasets.load("xihu"), "xh-c5", lang="en")
    >>> ax.get_title()  # 锦绣华庭 (its id, xh-c5, where no CJK font is installed)
    '...: bodies and interlocking posts'
    >>> [t.get_text() for t in ax.get_legend().get_texts()][0]
    'compound party branch'
    >>> [t.get_text() for t in ax.figure.legends[0].get_texts()][0]  # a numbered key: crowded
    "1  ...: secretary (compound party branch); chair (owners' committee)"

    """
    G, vocab, _ = _graph(obj)
    if compound_id not in G or G.nodes[compound_id].get("entity") != "unit":
        raise KeyError(f"no unit {compound_id!r} in the structure")
    text = _Text(lang, vocab)
    bodies = _bodies(G, compound_id, vocab)
    held = _posts(G, bodies, as_of)
    # a wider circle when many people sit inside it
    radius = min(2.0, 1.0 + 0.1 * sum(len(b) > 1 for b in held.values()))

    # bodies on a circle, the first at the top, clockwise
    nb = len(bodies)
    angle = {o: math.pi / 2 - 2 * math.pi * i / max(nb, 1) for i, o in enumerate(bodies)}
    pos: dict[Any, tuple[float, float]] = {
        o: ((0.0, 0.0) if nb == 1 else (radius * math.cos(a), radius * math.sin(a)))
        for o, a in angle.items()
    }
    # people with one body outside it, fanned out; people with several between them
    single: dict[Any, list[Any]] = {}
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for p, by_body in held.items():
        if len(by_body) == 1:
            single.setdefault(next(iter(by_body)), []).append(p)
        else:
            groups.setdefault(tuple(o for o in bodies if o in by_body), []).append(p)
    spread = min(1.4, 2 * math.pi / max(nb, 1) * 0.7)
    per_ring = 8
    for o, ps in single.items():
        bx, by = pos[o]
        for j, p in enumerate(ps):
            ring, i = divmod(j, per_ring)
            m = min(per_ring, len(ps) - ring * per_ring)
            if nb == 1:
                t = math.pi / 2 + 2 * math.pi * (i + 0.5 * ring) / m
            else:
                t = angle[o] + (spread * (i / (m - 1) - 0.5) if m > 1 else 0.0)
            r = (0.9 if nb == 1 else 0.8) + 0.45 * ring + (0.15 if i % 2 else 0.0)
            pos[p] = (bx + r * math.cos(t), by + r * math.sin(t))
    interlockers = [p for ps in groups.values() for p in ps]
    for group, ps in groups.items():
        cx = sum(pos[o][0] for o in group) / len(group) * 0.55
        cy = sum(pos[o][1] for o in group) / len(group) * 0.55
        cols = math.ceil(math.sqrt(len(ps)))
        for j, p in enumerate(ps):
            row, col = divmod(j, cols)
            pos[p] = (cx + 0.3 * (col - (cols - 1) / 2), cy - 0.25 * row)
    if held and nb > 1:
        # relax the people: pulled to their bodies, pushed apart (the bodies held in place)
        B = nx.Graph()
        B.add_nodes_from(pos)
        B.add_edges_from((p, o) for p, by_body in held.items() for o in by_body)
        rng = random.Random(seed)
        start = {
            n: (
                q
                if n in angle
                else (q[0] + rng.uniform(-0.05, 0.05), q[1] + rng.uniform(-0.05, 0.05))
            )
            for n, q in pos.items()
        }
        pos = nx.spring_layout(
            B, pos=start, fixed=list(bodies), k=0.5 * radius, iterations=80, seed=seed
        )
        pos = {n: (float(q[0]), float(q[1])) for n, q in pos.items()}

    canvas: Any = _axes(ax, (8.0, 7.0))
    collections: Any = require("matplotlib.collections", "plot", feature=_FEATURE)
    kinds = list(dict.fromkeys(str(G.nodes[o].get("kind", "")) for o in bodies))
    kind_color = _org_colors(kinds, vocab)
    body_color = {o: kind_color[str(G.nodes[o].get("kind", ""))] for o in bodies}

    segments, seg_colors = [], []
    role_texts: dict[Any, list[Any]] = {p: [] for p in held}
    for p, by_body in held.items():
        for o, roles in by_body.items():
            segments.append([pos[p], pos[o]])
            seg_colors.append(body_color[o])
            f = 0.5 if len(by_body) > 1 else 0.62
            mx = pos[o][0] + f * (pos[p][0] - pos[o][0])
            my = pos[o][1] + f * (pos[p][1] - pos[o][1])
            role_texts[p].append(
                canvas.text(
                    mx,
                    my,
                    ", ".join(text.term("roles", r) for r in dict.fromkeys(roles)),
                    fontsize=6.5,
                    ha="center",
                    va="center",
                    color="#333333",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
                    zorder=3,
                    **text.props,
                )
            )
    canvas.add_collection(
        collections.LineCollection(segments, colors=seg_colors, linewidths=1.2, alpha=0.6, zorder=1)
    )

    lines: Any = require("matplotlib.lines", "plot", feature=_FEATURE)
    handles = []
    for k in kinds:
        handles.append(
            lines.Line2D(
                [],
                [],
                marker="s",
                linestyle="",
                markersize=10,
                markerfacecolor=kind_color[k],
                markeredgecolor="black",
                label=text.term("organization_kinds", k),
            )
        )
        os_ = [o for o in bodies if str(G.nodes[o].get("kind", "")) == k]
        canvas.scatter(
            [pos[o][0] for o in os_],
            [pos[o][1] for o in os_],
            s=700,
            marker="s",
            c=[body_color[o] for o in os_],
            edgecolors="black",
            linewidths=0.8,
            zorder=2,
        )
    body_texts: list[Any] = []
    for o in bodies:
        d = G.nodes[o]
        kind_label = text.term("organization_kinds", str(d.get("kind", "")))
        # the name outside the circle of bodies: above the top one, beside those on the
        # sides, below the bottom one
        c, s_ = (0.0, 1.0) if nb == 1 else (math.cos(angle[o]), math.sin(angle[o]))
        side = abs(c) > 0.35
        body_texts.append(
            canvas.annotate(
                text.name(d.get("name"), kind_label),
                pos[o],
                xytext=(16 * c, 14 * s_ if not side else 14),
                textcoords="offset points",
                ha=("left" if c > 0 else "right") if side else "center",
                va="bottom" if s_ > -0.35 or side else "top",
                fontsize=8,
                weight="bold",
                zorder=4,
                **text.props,
            )
        )

    others = [p for p in held if len(held[p]) == 1]
    name_texts: dict[Any, Any] = {}
    for people, color, size, what in (
        (
            interlockers,
            _INTERLOCK_COLOR,
            160,
            ("holds posts in 2+ bodies", "交叉任职(2个以上组织)"),
        ),
        (others, _PERSON_COLOR, 60, ("holds a post in one body", "仅在一个组织任职")),
    ):
        if not people:
            continue
        edge = "black" if people is interlockers else "white"
        canvas.scatter(
            [pos[p][0] for p in people],
            [pos[p][1] for p in people],
            s=size,
            c=color,
            edgecolors=edge,
            linewidths=0.8,
            zorder=2,
        )
        handles.append(
            lines.Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=math.sqrt(size) * 0.7,
                markerfacecolor=color,
                markeredgecolor=edge,
                label=f"{text.pick(*what)} ({len(people)})",
            )
        )
        for p in people:
            # a name away from the person's body (below, for people between bodies)
            dx, dy = 0.0, -1.0
            if len(held[p]) == 1:
                o = next(iter(held[p]))
                vx, vy = pos[p][0] - pos[o][0], pos[p][1] - pos[o][1]
                norm = math.hypot(vx, vy) or 1.0
                dx, dy = vx / norm, vy / norm
            name_texts[p] = canvas.annotate(
                text.name(G.nodes[p].get("name"), str(p)),
                pos[p],
                xytext=(8 * dx, 8 * dy),
                textcoords="offset points",
                ha="center" if abs(dx) < 0.5 else ("left" if dx > 0 else "right"),
                va="center" if abs(dy) < 0.5 else ("bottom" if dy > 0 else "top"),
                fontsize=7,
                zorder=4,
                **text.props,
            )

    if title is None:
        cname = text.name(G.nodes[compound_id].get("name"), str(compound_id))
        title = cname + text.pick(": bodies and interlocking posts", "：组织与交叉任职")
    canvas.set_title(_drawable(title), **text.props)
    if not bodies:
        canvas.text(
            0.5,
            0.5,
            text.pick("no organizations in this unit", "该单元没有组织"),
            ha="center",
            transform=canvas.transAxes,
            **text.props,
        )
    if pos:
        xs = [q[0] for q in pos.values()]
        ys = [q[1] for q in pos.values()]
        canvas.set_xlim(min(xs) - 0.35, max(xs) + 0.35)
        canvas.set_ylim(min(ys) - 0.3, max(ys) + 0.35)
    canvas.set_aspect("equal")
    canvas.set_axis_off()
    if not bodies:
        return cast("Axes", canvas)
    legend = {"loc": "upper left", "bbox_to_anchor": (1.0, 1.0), "frameon": False}
    text.legend(canvas, 8, handles=handles, **legend)
    every = [t for ts in role_texts.values() for t in ts] + list(name_texts.values()) + body_texts
    if held and _overlapping(canvas, every):
        # too crowded to write roles and names at the people: number the people instead,
        # and list each number's name and posts in the key
        body_kind = {
            o: text.term("organization_kinds", str(G.nodes[o].get("kind", ""))) for o in bodies
        }
        order = sorted(held, key=lambda p: (len(held[p]) == 1, -pos[p][1], pos[p][0]))
        key: list[Any] = []
        for t in [t for ts in role_texts.values() for t in ts] + list(name_texts.values()):
            t.remove()
        for number, p in enumerate(order, 1):
            posts = "; ".join(
                ", ".join(text.term("roles", r) for r in dict.fromkeys(roles))
                + f" ({body_kind[o]})"
                for o, roles in held[p].items()
            )
            name = text.name(G.nodes[p].get("name"), str(p))
            key.append(lines.Line2D([], [], linestyle="", label=f"{number}  {name}: {posts}"))
            inside = len(held[p]) > 1
            dx, dy = 0.0, 0.0
            if not inside:  # the number away from the person's body
                o = next(iter(held[p]))
                vx, vy = pos[p][0] - pos[o][0], pos[p][1] - pos[o][1]
                norm = math.hypot(vx, vy) or 1.0
                dx, dy = vx / norm, vy / norm
            canvas.annotate(
                str(number),
                pos[p],
                xytext=(5 * dx, 5 * dy),
                textcoords="offset points",
                ha="center" if abs(dx) < 0.5 else ("left" if dx > 0 else "right"),
                va="center" if abs(dy) < 0.5 else ("bottom" if dy > 0 else "top"),
                fontsize=6 if inside else 6.5,
                color="white" if inside else "#333333",
                weight="bold" if inside else "normal",
                zorder=5,
                **text.props,
            )
        # the key below the drawing, in two columns when long; a figure made here grows
        columns = 2 if len(key) > 8 else 1
        rows = math.ceil(len(key) / columns)
        if ax is None:
            w, h = canvas.figure.get_size_inches()
            canvas.figure.set_size_inches(max(w, 11.0 if columns == 2 else w), h + 0.16 * rows)
        key_props = {
            "handles": key,
            "frameon": False,
            "ncols": columns,
            "handlelength": 0.0,
            "handletextpad": 0.0,
            "columnspacing": 1.5,
            "prop": text.legend_props(7.5),
        }
        if ax is None:  # below the drawing, in the figure's layout
            key_legend = canvas.figure.legend(loc="outside lower center", **key_props)
        else:
            key_legend = canvas.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), **key_props)
            canvas.add_artist(key_legend)
        for t in key_legend.get_texts():
            t.set_parse_math(False)
        text.legend(canvas, 8, handles=handles, **legend)
        _unclash(canvas, body_texts)  # once the key is laid out
    return cast("Axes", canvas)


def _unclash(canvas: Any, movable: Sequence[Any]) -> None:
    """Move each of the ``movable`` annotations that overlaps another text of the axes to
    the first free place around its point: above, below, right, left (else leave it)."""
    figure = canvas.figure
    figure.draw_without_rendering()
    renderer = figure.canvas.get_renderer()
    places = (
        ((0.0, 14.0), "center", "bottom"),
        ((0.0, -14.0), "center", "top"),
        ((16.0, 0.0), "left", "center"),
        ((-16.0, 0.0), "right", "center"),
        ((16.0, -14.0), "left", "top"),
        ((-16.0, -14.0), "right", "top"),
        ((16.0, 14.0), "left", "bottom"),
        ((-16.0, 14.0), "right", "bottom"),
        ((0.0, 26.0), "center", "bottom"),
        ((0.0, -26.0), "center", "top"),
    )
    # each text's box once (a moved text's again), not once per movable one
    boxes = {id(o): o.get_window_extent(renderer) for o in canvas.texts if o.get_text()}

    def clashes(t: Any) -> bool:
        box = t.get_window_extent(renderer)
        return any(box.overlaps(b) for i, b in boxes.items() if i != id(t))

    for t in movable:
        if not clashes(t):
            continue
        first = (t.xyann, t.get_ha(), t.get_va())
        for xy, ha, va in places:
            t.xyann = xy
            t.set_ha(ha)
            t.set_va(va)
            if not clashes(t):
                break
        else:
            t.xyann, ha, va = first
            t.set_ha(ha)
            t.set_va(va)
        if id(t) in boxes:
            boxes[id(t)] = t.get_window_extent(renderer)


def _overlapping(canvas: Any, texts: Sequence[Any]) -> bool:
    """Whether any two of the texts overlap once the figure is laid out."""
    figure = canvas.figure
    figure.draw_without_rendering()
    renderer = figure.canvas.get_renderer()
    boxes = sorted((t.get_window_extent(renderer) for t in texts), key=lambda b: b.x0)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if b.x0 >= a.x1:
                break
            if b.y0 < a.y1 and a.y0 < b.y1:
                return True
    return False


# -- measures ----------------------------------------------------------------------------------


def _groups(
    data: Assessment | Mapping[str, float | Sequence[float]],
    measure: str | None,
    by: str,
    text: _Text,
) -> tuple[list[str], list[list[float]], str, bool]:
    """Group labels, values, a label for the measure, and whether it is 0/1 data.

    0/1 data: the values of a mapping, or the measured units of an assessment, are all 0 or
    1 (the rollups above them are then shares).
    """
    from govmodel.assess import Assessment

    if not isinstance(data, Assessment):
        if by != "level":
            raise ValueError("by='unit' needs an Assessment")
        labels, values = [], []
        for g, v in data.items():
            if isinstance(v, numbers.Real):  # numpy's numbers too (np.float32, np.int64)
                vs = [float(v)]
            elif isinstance(v, str | bytes) or not isinstance(v, Iterable):
                raise TypeError(
                    f"the value of {str(g)!r} is a number or a sequence of numbers, "
                    f"not {type(v).__name__}"
                )
            else:
                given: list[object] = list(v)
                bad = [x for x in given if not isinstance(x, numbers.Real)]
                if bad:
                    raise TypeError(
                        f"the values of {str(g)!r} are numbers, not {type(bad[0]).__name__} "
                        f"({bad[0]!r})"
                    )
                vs = [float(cast(float, x)) for x in given]
            vs = [x for x in vs if not math.isnan(x)]  # NaN: missing
            labels.append(str(g))
            values.append(vs)
        flat = [x for v in values for x in v]
        return labels, values, measure or "", bool(flat) and all(x in (0.0, 1.0) for x in flat)
    metrics = data.metrics
    if measure is None:
        per_unit = [n for n, m in metrics.items() if m.by_unit]
        if len(per_unit) != 1:
            raise ValueError(
                "give measure=, one of: " + ", ".join(metrics)
                if metrics
                else "the assessment has no measures"
            )
        measure = per_unit[0]
    if measure not in metrics:
        raise KeyError(
            f"model {data.model!r} has no measure {measure!r}; its measures are {', '.join(metrics)}"
        )
    m = metrics[measure]
    name = text.pick(m.spec.en or measure, m.spec.zh)
    binary = bool(m.by_unit) and all(v in (0.0, 1.0) for v in m.by_unit.values())
    if by == "unit":
        return list(m.by_unit), [[v] for v in m.by_unit.values()], name, binary
    if not m.by_unit:
        return (
            [text.pick("structure", "整体")],
            ([[m.value]] if m.value is not None else [[]]),
            name,
            False,
        )
    levels: dict[str, list[float]] = {k: list(v.values()) for k, v in m.by_level.items()}
    if m.spec.per is not None:
        levels.setdefault(m.spec.per, []).extend(m.by_unit.values())
    kinds = _ordered_kinds(levels, text.vocab, "unit_kinds")
    labels = [text.term("unit_kinds", k) for k in kinds]
    return labels, [levels[k] for k in kinds], name, binary


def plot_measures(
    data: Assessment | Mapping[str, float | Sequence[float]],
    *,
    measure: str | None = None,
    kind: Literal["bar", "box"] = "bar",
    by: Literal["level", "unit"] = "level",
    ax: Axes | None = None,
    lang: Lang = "en",
    title: str | None = None,
    structure: Structure | None = None,
) -> Axes:
    """Draw a measure by level (or by unit) as bars, boxes, points or shares.

    What is drawn follows the data, so that no figure claims more than its values hold:

    * **0/1 data** (every value 0 or 1: a unit has a party branch or not) is drawn as
      **shares**, whatever ``kind``: one bar per group, its height the share of ones,
      labelled with the share and the count (``60% (3/5)``);
    * a group of **fewer than five values** is drawn as its **points** (and their mean as
      a short line), never as a box: a box of one to four values shows nothing real;
    * otherwise ``kind`` decides: bars of the means, or boxes.

    Parameters
    ----------
    data
        An :class:`~govmodel.assess.Assessment`, or a mapping ``{group: values}`` whose
        values are one number or a sequence of numbers.
    measure
        The measure of the assessment (by default its only measure per unit); for a mapping,
        the label of the y axis.
    kind
        ``"bar"``: one bar per group, its height the mean of the group's values, with the
        values drawn as dots and the mean written on the bar. ``"box"``: one box per group
        of five values or more; the points of smaller groups.
    by
        ``"level"``: one group per unit kind, top level first: the rollups of
        ``MeasureResult.by_level`` and the measured units of ``MeasureResult.by_unit``
        (each tick says how many values the group holds, when some hold several).
        ``"unit"``: one bar per measured unit (assessments only), named by its name when
        ``structure`` is given.
    ax
        The axes to draw on; by default a new figure.
    lang
        ``"en"`` or ``"zh"``: the language of levels, labels and title.
    title
        The title; by default the structure's name and the measure's label (for an
        assessment), or the measure's label.
    structure
        The structure assessed: the units are then named by their names, not their ids.

    Returns
    -------
    matplotlib.axes.Axes

    Raises
    ------
    ValueError
        For an unknown ``kind`` or ``by``, when ``measure`` is needed and not given, or for
        an infinite value. (A NaN is a missing value: it is left out, and a group without
        values is marked "—".)
    KeyError
        For a measure the assessment does not have.
    TypeError
        For a value of a mapping that is neither a number nor a sequence of numbers (a
        string, ``None``, or a sequence holding one).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from govmodel.plot import plot_measures
    >>> ax = plot_measures({"community": [0.4, 0.6], "compound": [0.2, 0.5, 0.8]},
    ...                    measure="coverage")
    >>> [round(float(p.get_height()), 2) for p in ax.patches]
    [0.5, 0.5]
    >>> ax.get_ylabel()
    'coverage'
    >>> ax = plot_measures({"old": [1, 0, 0, 1], "new": [1, 1, 1, 0, 1]}, measure="has branch")
    >>> [t.get_text() for t in ax.texts]
    ['50% (2/4)', '80% (4/5)']
    """
    from govmodel.assess import Assessment

    if kind not in ("bar", "box"):
        raise ValueError(f"kind must be 'bar' or 'box', not {kind!r}")
    if by not in ("level", "unit"):
        raise ValueError(f"by must be 'level' or 'unit', not {by!r}")
    text = _Text(lang, structure.vocab if structure is not None else BUILTIN)
    labels, values, name, binary = _groups(data, measure, by, text)
    for g, v in zip(labels, values, strict=True):
        if any(math.isinf(x) for x in v):
            raise ValueError(f"a value of {g!r} is infinite: it cannot be drawn")
    values = [[x for x in v if not math.isnan(x)] for v in values]  # NaN: missing
    if by == "unit" and structure is not None:
        names = {u.id: u.name for u in structure.units}
        labels = [names.get(g) or g for g in labels]
    labels = [
        _shorten(text.name(g, g if not _has_cjk(g) else f"#{i + 1}"), 24)
        for i, g in enumerate(labels)
    ]
    if by == "level" and any(len(v) > 1 for v in values):
        labels = [f"{g}\n(n = {len(v)})" for g, v in zip(labels, values, strict=True)]
    canvas: Any = _axes(ax, (min(16.0, max(4.0, 1.1 * len(labels) + 2.0)), 4.0))
    positions = list(range(len(labels)))
    if not labels:
        canvas.text(
            0.5,
            0.5,
            text.pick("no values", "没有数值"),
            ha="center",
            va="center",
            transform=canvas.transAxes,
            **text.props,
        )
        canvas.set_yticks([])
    share_texts: list[Any] = []
    value_texts: list[Any] = []
    if binary:
        # shares: of the 0/1 values, and the mean of the shares rolled up above them
        shares = [math.fsum(v) / len(v) if v else 0.0 for v in values]
        canvas.bar(positions, shares, color="#4c72b0", alpha=0.85, zorder=1)
        for i, (v, share) in enumerate(zip(values, shares, strict=True)):
            ones = all(x in (0.0, 1.0) for x in v)
            if not ones and len(v) > 1:
                canvas.scatter([i] * len(v), v, s=12, c="#222222", zorder=2)
            share_texts.append(
                canvas.text(
                    i,
                    share + 0.02,
                    (f"{share:.0%} ({int(sum(v))}/{len(v)})" if ones else f"{share:.0%}")
                    if v
                    else "—",
                    ha="center",
                    va="bottom",
                    fontsize=8,
                    **_LITERAL,
                )
            )
        canvas.set_ylim(0.0, 1.12)
        ticker: Any = require("matplotlib.ticker", "plot", feature=_FEATURE)
        canvas.yaxis.set_major_formatter(ticker.PercentFormatter(1.0))
        share_word = text.pick("share", "比例")
        name = f"{name} ({share_word})" if name else share_word
    elif kind == "bar":
        means = [math.fsum(v) / len(v) if v else 0.0 for v in values]
        bars = canvas.bar(positions, means, color="#4c72b0", alpha=0.85, zorder=1)
        for i, v in enumerate(values):
            if len(v) > 1:
                canvas.scatter([i] * len(v), v, s=12, c="#222222", zorder=2)
        value_texts = canvas.bar_label(
            bars,
            labels=[_fmt(m) if v else "—" for m, v in zip(means, values, strict=True)],
            fontsize=8,
            padding=2,
        )
    else:
        boxed = [i for i, v in enumerate(values) if len(v) >= 5]
        if boxed:
            canvas.boxplot([values[i] for i in boxed], positions=boxed, widths=0.6, showmeans=True)
        for i, v in enumerate(values):
            if 0 < len(v) < 5:
                canvas.scatter([i] * len(v), v, s=18, c="#222222", zorder=2)
                mean = math.fsum(v) / len(v)
                canvas.plot([i - 0.2, i + 0.2], [mean, mean], color="#4c72b0", lw=1.5)
        canvas.set_xlim(-0.6, len(labels) - 0.4)
    canvas.set_xticks(positions, labels, **text.props)
    name = _shorten(_drawable(name), 90)
    canvas.set_ylabel(_fill(name, 30), **text.props)  # a long label on lines
    fit_title = title is None
    if title is None:
        title = name
        if isinstance(data, Assessment) and data.structure_name:
            place = text.name(data.structure_name, "")
            title = f"{place}: {title}" if place else title
    canvas.set_title(_drawable(title), **text.props)
    canvas.spines[["top", "right"]].set_visible(False)
    # the ticks slanted, then upright, when side by side they would overlap; the shares'
    # counts dropped when the shares would
    ticks = canvas.get_xticklabels()
    for rotation, ha in ((30, "right"), (90, "center"), (90, "center")):
        if not _crowded(canvas, [ticks]):
            break
        if ticks[0].get_rotation() == rotation:
            # upright, and still too many: only the ticks that leave room are labelled
            keep = _spaced(canvas, ticks)
            shown = [g if k else "" for g, k in zip(labels, keep, strict=True)]
            canvas.set_xticks(positions, shown, **text.props)
            break
        for t in ticks:
            t.set_rotation(rotation)
            t.set_ha(ha)
    if fit_title:
        _fit_title(canvas)
    if share_texts and _crowded(canvas, [share_texts]):
        for t in share_texts:
            t.set_text(t.get_text().split(" ")[0])
    for row in (share_texts, value_texts):
        if row and _crowded(canvas, [row]):
            for t, k in zip(row, _spaced(canvas, row), strict=True):
                t.set_text(t.get_text() if k else "")
    return cast("Axes", canvas)


def _fmt(v: float) -> str:
    if float(v).is_integer() and abs(v) < 1e15:
        return f"{int(v):,}"
    return f"{v:.3g}"


# -- panels ------------------------------------------------------------------------------------


def _decimal_year(date: str) -> float:
    """A partial ISO date's first day as a year with a fraction (2019-07 → 2019.49…)."""
    first = date_bounds(date)[0]
    year, month, day = (int(p) for p in first.split("-"))
    start = dt.date(year, 1, 1)
    days = (dt.date(year + 1, 1, 1) - start).days
    return year + (dt.date(year, month, day) - start).days / days


def _measure_label(model: str, measure: str, text: _Text) -> str:
    """The measure's label as its model declares it, or its name."""
    from govmodel.errors import GovModelError
    from govmodel.models import registry

    try:
        specs = {m.name: m for m in registry.get(model).measures()}
    except (GovModelError, LookupError):
        return measure
    spec = specs.get(measure)
    return text.pick(spec.en or measure, spec.zh) if spec is not None else measure


def plot_panel(
    frame: Any,
    measure: str,
    *,
    model: str | None = None,
    unit: str = "",
    ax: Axes | None = None,
    lang: Lang = "en",
    title: str | None = None,
) -> Axes:
    """Draw a measure over time, one line per place, from a panel.

    Parameters
    ----------
    frame
        A panel: a data frame with the columns of :func:`govmodel.panel.panel` (``place``,
        ``date``, ``model``, ``measure``, ``unit``, ``value``).
    measure
        The measure to draw.
    model
        The model whose measure it is; needed when the panel holds several models that
        have it.
    unit
        ``""`` (the default) for the value of each whole structure; else the id of a unit.
    ax
        The axes to draw on; by default a new figure.
    lang
        ``"en"`` or ``"zh"``: the language of the axis labels.
    title
        The title; by default the measure's label as its model declares it (in ``lang``),
        and the unit when one is drawn.

    Returns
    -------
    matplotlib.axes.Axes
        Time runs along x at its true spacing (each date at its first day, as a year with a
        fraction), with a tick at each date of the panel, labelled as the panel writes it;
        each place is a line with a point at each date (a gap where the value is missing).
        When the dates are too many to write side by side, only those with room are written.

    Raises
    ------
    KeyError
        For a measure (or model, or unit) the panel does not hold.
    ValueError
        When several models have the measure and ``model`` is not given, a column is
        missing, or a value is infinite.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import govmodel
    >>> from govmodel.panel import panel
    >>> from govmodel.plot import plot_panel
    >>> df = panel(govmodel.datasets.load("yuetang"), "four_level", dates=["2018", "2022"])
    >>> ax = plot_panel(df, "cross_appointment")
    >>> [line.get_label() for line in ax.get_lines()]
    ['yuetang']
    >>> [float(y) for y in ax.get_lines()[0].get_ydata()]
    [0.0, 0.4]
    """
    missing = [c for c in ("place", "date", "model", "measure", "unit", "value") if c not in frame]
    if missing:
        raise ValueError(f"not a panel: no column {', '.join(map(repr, missing))}")
    text = _Text(lang, BUILTIN)
    rows = frame[frame["measure"] == measure]
    if not len(rows):
        raise KeyError(f"the panel has no measure {measure!r}")
    models = list(dict.fromkeys(rows["model"]))
    if model is None:
        if len(models) > 1:
            raise ValueError(
                f"measure {measure!r} comes from several models ({', '.join(models)}): give model="
            )
        model = models[0]
    elif model not in models:
        raise KeyError(f"the panel has no measure {measure!r} of model {model!r}")
    rows = rows[(rows["model"] == model) & (rows["unit"] == unit)]
    if not len(rows):
        raise KeyError(f"the panel has no value of {measure!r} for unit {unit!r}")
    dates = list(dict.fromkeys(frame["date"]))
    if any(not d for d in dates):
        raise ValueError("the panel has no dates (it was made with dates=None)")
    x_of = {d: _decimal_year(d) for d in dates}
    canvas: Any = _axes(ax, (6.5, 4.0))
    for place in dict.fromkeys(rows["place"]):
        mine = rows[rows["place"] == place]
        # a gap (None, <NA> of a nullable column, NaN) as NaN: a break in the line
        values = mine["value"].to_numpy(dtype="float64", na_value=math.nan).tolist()
        if any(math.isinf(v) for v in values):
            raise ValueError(
                f"a value of {measure!r} for {place!r} is infinite: it cannot be drawn"
            )
        pairs = sorted((x_of[d], v) for d, v in zip(mine["date"], values, strict=True))
        canvas.plot(
            [p[0] for p in pairs],
            [p[1] for p in pairs],
            marker="o",
            markersize=4,
            linewidth=1.5,
            label=text.name(place, f"#{len(canvas.get_lines()) + 1}"),
        )
    shown = sorted(x_of.items(), key=lambda kv: kv[1])
    # the dates' span, whatever the values (all missing, or one date)
    first, last = shown[0][1], shown[-1][1]
    pad = 0.05 * (last - first) or 0.5
    canvas.set_xlim(first - pad, last + pad)
    ticks = {"rotation": 30 if len(shown) > 8 else 0, **text.props}
    canvas.set_xticks([x for _, x in shown], [d for d, _ in shown], **ticks)
    label = _shorten(_drawable(_measure_label(str(model), measure, text)), 90)
    canvas.set_ylabel(_fill(label, 30), **text.props)  # a long label on lines
    canvas.set_xlabel(text.pick("date", "日期"), **text.props)
    fit_title = title is None
    if title is None:
        title = label if unit == "" else f"{label}: {text.name(unit, unit)}"
    canvas.set_title(_drawable(title), **text.props)
    canvas.spines[["top", "right"]].set_visible(False)
    text.legend(canvas, 8, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    if fit_title:
        _fit_title(canvas)
    if _crowded(canvas, [canvas.get_xticklabels()]):
        # too many dates to write side by side: a tick at each, a label where there is room
        keep = _spaced(canvas, canvas.get_xticklabels())
        written = [d if k else "" for (d, _), k in zip(shown, keep, strict=True)]
        canvas.set_xticks([x for _, x in shown], written, **ticks)
    return cast("Axes", canvas)


# -- networkx drawing attributes ---------------------------------------------------------------


def _unit_tree_edges(G: Any) -> list[tuple[Any, Any]]:
    out = []
    for u, v, d in G.edges(data=True):
        if (
            d.get("relation", "contains") == "contains"
            and not d.get("tie")
            and G.nodes[u].get("entity") == "unit"
            and G.nodes[v].get("entity") == "unit"
        ):
            out.append((u, v))
    return out


def set_drawing_attributes(G: nx.Graph, *, seed: int = 0, lang: Lang = "en") -> nx.Graph:
    """A copy of a graph with the node attributes networkx's drawing functions read.

    Sets on every node of a copy of ``G``:

    * ``pos``: an ``(x, y)`` tuple. Units sit in a top-down tree of their containment (as
      in :func:`plot_hierarchy`), scaled to the unit square; the other nodes are placed by
      :func:`networkx.spring_layout` (seeded with ``seed``) with the units held fixed. A
      graph without units is laid out as a tree when it is a forest (a view such as
      :func:`govmodel.graph.party_hierarchy`), otherwise by the spring layout.
    * ``label``: a string, the name, or else the kind's label (organizations), the indicator
      and value (observations), the motion (decisions) or the id; in ``lang``.
    * ``color``: a hex colour: units by kind, organizations by kind (each kind its own
      colour, :data:`ORGANIZATION_COLORS`: party reds and pinks, self-governance blues and
      greens, market oranges, social purples, government greys), people grey.

    ``G`` itself is not changed: a govmodel graph holds only plain scalars, so that it can be
    written to GraphML and read back, and ``pos`` is a tuple. The copy is for drawing; since
    ``pos``, ``label`` and ``color`` are reserved names that :func:`govmodel.from_graph`
    ignores, ``from_graph`` still reads it as the same structure.

    Parameters
    ----------
    G
        A govmodel graph or one of its views.
    seed
        The seed of the spring layout.
    lang
        ``"en"`` or ``"zh"``: the language of the labels that come from the vocabulary.

    Returns
    -------
    networkx.Graph
        A copy of ``G`` (of the same class) with ``pos``, ``label`` and ``color`` on every
        node. Draw it with ``nx.display(H)`` (networkx ≥ 3.4 reads exactly these node
        attributes) or ``nx.draw(H, pos=nx.get_node_attributes(H, "pos"),
        node_color=list(nx.get_node_attributes(H, "color").values()),
        labels=nx.get_node_attributes(H, "label"), with_labels=True)``. For Chinese labels,
        put a CJK font first: ``plt.rcParams["font.sans-serif"].insert(0, cjk_font())``.
        (In networkx 3.6 ``nx.display`` takes time quadratic in the number of edges: for a
        whole structure's graph, prefer ``nx.draw``, or display a view.)

    Notes
    -----
    The spring layout takes :math:`O(n^2)` per iteration below 500 nodes, and
    :math:`O(n + m)` sparse steps above.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import networkx as nx
    >>> import govmodel
    >>> from govmodel.plot import set_drawing_attributes
    >>> s = govmodel.datasets.load("xihu")
    >>> G = govmodel.to_graph(s)
    >>> H = set_drawing_attributes(G, seed=1)
    >>> H.nodes["xh"]["pos"][1], H.nodes["xh"]["label"], H.nodes["xh-c1-pb"]["color"]
    (1.0, '西湖区', '#d62728')
    >>> "pos" in G.nodes["xh"], govmodel.from_graph(H) == s
    (False, True)
    >>> _ = nx.draw(H, pos=nx.get_node_attributes(H, "pos"), node_size=20,
    ...             node_color=list(nx.get_node_attributes(H, "color").values()))
    >>> from govmodel.graph import containment_tree
    >>> T = set_drawing_attributes(containment_tree(G))
    >>> _ = nx.display(T)
    """
    if lang not in ("en", "zh"):
        raise ValueError(f"lang must be 'en' or 'zh', not {lang!r}")
    try:
        vocab = _vocabulary(G)
    except Exception:
        vocab = BUILTIN
    H: Any = G.copy()
    nodes = H.nodes

    def pick(en: str, zh: str) -> str:
        return zh if lang == "zh" and zh else en

    def term(category: Category, name: object) -> str:
        t = vocab.category(category).get(str(name))
        return str(name) if t is None else pick(t.en, t.zh)

    units = [n for n, d in nodes(data=True) if d.get("entity") == "unit"]
    tree_nodes: list[Any] = units
    if units:
        T = nx.DiGraph()
        T.add_nodes_from(units)
        T.add_edges_from(_unit_tree_edges(H))
    elif H.is_directed() and len(H) and nx.is_branching(nx.DiGraph(H)):
        T = nx.DiGraph(H)
        tree_nodes = list(H)
    else:
        T = nx.DiGraph()
    pos: dict[Any, tuple[float, float]] = {}
    if len(T):
        roots, children, depth = _forest(T)
        x = _tidy_x(roots, children)
        width = max(x.values()) or 1.0
        height = max(depth.values()) or 1
        pos = {n: (x[n] / width, 1.0 - depth[n] / height) for n in tree_nodes}
    rest = [n for n in H if n not in pos]
    if rest:
        if pos:
            pos.update(
                nx.spring_layout(H, pos=pos, fixed=list(pos), seed=seed, k=0.6 / math.sqrt(len(H)))
            )
        else:
            pos.update(nx.spring_layout(H, seed=seed))

    unit_kinds = _ordered_kinds((str(nodes[n].get("kind", "")) for n in units), vocab, "unit_kinds")
    unit_colors = _palette(unit_kinds) if unit_kinds else {}
    org_colors = _org_colors(
        (str(d.get("kind", "")) for _, d in nodes(data=True) if d.get("entity") == "organization"),
        vocab,
    )
    for n, d in nodes(data=True):
        entity = d.get("entity")
        name = d.get("name")
        if entity == "unit":
            label = name or str(n)
            color = unit_colors.get(str(d.get("kind", "")), _OTHER_COLOR)
        elif entity == "organization":
            label = name or term("organization_kinds", d.get("kind", n))
            color = org_colors[str(d.get("kind", ""))]
        elif entity == "observation":
            label = f"{term('indicators', d.get('indicator', ''))} = {d.get('value', '')}"
            color = _ENTITY_COLORS["observation"]
        elif entity == "decision":
            label = d.get("motion") or str(n)
            color = _ENTITY_COLORS["decision"]
        else:
            label = name or str(n)
            color = _ENTITY_COLORS["person"]
        px, py = pos[n]
        d["pos"] = (float(px), float(py))
        d["label"] = str(label)
        d["color"] = color
    return cast(nx.Graph, H)
