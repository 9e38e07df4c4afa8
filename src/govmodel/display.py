"""A readable HTML summary of a structure, for Jupyter's rich display.

:func:`structure_html` shows what a structure is (name, title, place, models, sources), how
big it is, which kinds of unit and organization it holds with their Chinese labels, which
posts, and the first few units of each kind: a summary to read, not a dump. Every text from
the structure is HTML-escaped. Plain Python, no dependency.

Examples
--------
>>> import govmodel
>>> from govmodel.display import structure_html
>>> html = structure_html(govmodel.datasets.load("xihu"))
>>> "residential compound" in html and "小区" in html
True
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Final, Protocol

from govmodel.render import html_text
from govmodel.vocab import Category, Vocabulary

__all__ = ["MetadataLike", "StructureLike", "UnitLike", "structure_html"]

Scalar = str | int | float | bool


class UnitLike(Protocol):
    """What :func:`structure_html` reads of a unit (:class:`govmodel.spec.Unit`)."""

    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def parent(self) -> str | None: ...
    @property
    def attributes(self) -> Mapping[str, Scalar]: ...


class MetadataLike(Protocol):
    """What :func:`structure_html` reads of a structure's metadata."""

    @property
    def name(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def place(self) -> str: ...
    @property
    def model(self) -> Sequence[str]: ...
    @property
    def source(self) -> Sequence[str]: ...
    @property
    def synthetic(self) -> bool: ...
    @property
    def seed(self) -> int | None: ...


class StructureLike(Protocol):
    """What :func:`structure_html` reads of a structure (:class:`govmodel.spec.Structure`)."""

    @property
    def units(self) -> Sequence[UnitLike]: ...
    @property
    def vocabulary(self) -> Sequence[object]: ...
    @property
    def metadata(self) -> MetadataLike: ...
    @property
    def vocab(self) -> Vocabulary: ...
    def counts(self) -> dict[str, int]: ...
    def kinds(self) -> dict[str, dict[str, int]]: ...


_SECTIONS: Final = (
    ("units", "units", "单元"),
    ("organizations", "organizations", "组织"),
    ("people", "people", "人员"),
    ("posts", "posts", "职务"),
    ("ties", "ties", "关系"),
    ("observations", "observations", "观测"),
    ("decisions", "decisions", "决策"),
)

_STYLE: Final = (
    "<style>"
    ".govmodel-structure{font-family:system-ui,-apple-system,'Segoe UI',"
    "'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif;font-size:13px;"
    "line-height:1.4}"
    ".govmodel-structure h3{margin:0 0 .3em 0}"
    ".govmodel-structure .gm-meta{color:#555;margin:.2em 0 .6em 0}"
    ".govmodel-structure .gm-tables>div{display:inline-block;vertical-align:top;"
    "margin:0 1.5em .8em 0}"
    ".govmodel-structure table{border-collapse:collapse}"
    ".govmodel-structure th,.govmodel-structure td{padding:1px 8px;text-align:left;"
    "border-bottom:1px solid #e5e5e5}"
    ".govmodel-structure td.gm-n{text-align:right;font-variant-numeric:tabular-nums}"
    ".govmodel-structure .gm-zh{color:#666}"
    ".govmodel-structure .gm-unknown{color:#b00}"
    ".govmodel-structure caption{text-align:left;font-weight:600;padding-bottom:2px}"
    "</style>"
)


def _e(value: object) -> str:
    return html_text(str(value))


def _table(
    caption: str, head: Sequence[str], rows: Iterable[Sequence[str]], numeric: Iterable[int] = ()
) -> str:
    """A table of already escaped cells; columns in ``numeric`` are right-aligned."""
    right = set(numeric)
    out = [f"<table><caption>{caption}</caption><thead><tr>"]
    out += [f"<th>{h}</th>" for h in head]
    out.append("</tr></thead><tbody>")
    for r in rows:
        cells = (
            f'<td class="gm-n">{c}</td>' if i in right else f"<td>{c}</td>" for i, c in enumerate(r)
        )
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _labels(vocab: Vocabulary, category: Category, name: str) -> tuple[str, str]:
    """The escaped English and Chinese labels of a term; unknown terms are marked."""
    t = vocab.category(category).get(name)
    if t is None:
        return f'<span class="gm-unknown" title="not in the vocabulary">{_e(name)}</span>', ""
    return _e(t.en), f'<span class="gm-zh">{_e(t.zh)}</span>' if t.zh else ""


def _by_kind(counts: Mapping[str, int], vocab: Vocabulary, category: Category, caption: str) -> str:
    terms = vocab.category(category)
    order = {k: i for i, k in enumerate(terms)}
    if category == "unit_kinds":
        ranked = {k: (t.rank if t.rank is not None else 99) for k, t in terms.items()}
        kinds = sorted(
            counts, key=lambda k: (k not in terms, ranked.get(k, 99), order.get(k, 0), k)
        )
    else:
        kinds = sorted(counts, key=lambda k: (-counts[k], order.get(k, len(order)), k))
    rows = []
    for k in kinds:
        en, zh = _labels(vocab, category, k)
        rows.append([f"<code>{_e(k)}</code>", en, zh, f"{counts[k]:,}"])
    return _table(caption, ["kind", "label", "中文", "n"], rows, numeric=(3,))


def _value(v: Scalar) -> str:
    """An attribute's value as it was given: no thousands separators, for an attribute may
    be a year (``2019``, not ``2,019``) or a code (``430304``); floats to six figures, and
    so an int of more digits than a text is shown with (``1e+400``, not 401 digits, nor a
    ``ValueError`` for one of more digits than Python writes out)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return f"{v:.6g}"
    if isinstance(v, int):
        if abs(v) >= _LONG_INT:
            return f"{Decimal(int(v)).normalize():.6g}"
        return str(v)
    text = str(v)
    return text if len(text) <= 24 else text[:23] + "…"


#: From this size on, an int attribute is shown with six figures and an exponent: it would
#: take more than the 24 characters a text is cut at (:func:`_value`).
_LONG_INT: Final = 10**24


def _attributes(unit: UnitLike, limit: int) -> str:
    items = list(unit.attributes.items())
    shown = ", ".join(f"{_e(k)}={_e(_value(v))}" for k, v in items[:limit])
    if len(items) > limit:
        shown += f", … (+{len(items) - limit})"
    return shown


def _examples(s: StructureLike, per_kind: int) -> str:
    by_kind: dict[str, list[UnitLike]] = {}
    for u in s.units:
        by_kind.setdefault(u.kind, []).append(u)
    vocab = s.vocab
    terms = vocab.category("unit_kinds")
    ranked = {k: (t.rank if t.rank is not None else 99) for k, t in terms.items()}
    rows = []
    for k in sorted(by_kind, key=lambda k: (k not in terms, ranked.get(k, 99), k)):
        units = by_kind[k]
        en, _ = _labels(vocab, "unit_kinds", k)
        for u in units[:per_kind]:
            rows.append(
                [
                    en,
                    f"<code>{_e(u.id)}</code>",
                    _e(u.name),
                    f"<code>{_e(u.parent)}</code>" if u.parent is not None else "—",
                    _attributes(u, 4),
                ]
            )
        if len(units) > per_kind:
            rows.append([en, f"… {len(units) - per_kind:,} more", "", "", ""])
    return _table("first units of each kind", ["kind", "id", "name", "parent", "attributes"], rows)


def structure_html(s: StructureLike, *, per_kind: int = 3) -> str:
    """An HTML summary of a structure, for Jupyter (``Structure._repr_html_``).

    Shows the name and title, the place, the models and the sources; the number of
    entities in each section; the units and organizations by kind and the posts by role,
    each with its English and Chinese label (kinds the vocabulary does not know are marked
    in red); and the first ``per_kind`` units of each kind, with their parent and first
    attributes. Every text taken from the structure is HTML-escaped.

    Parameters
    ----------
    s
        The structure.
    per_kind
        How many units of each kind to list: a whole number, at least 0.

    Returns
    -------
    str
        An HTML fragment: one ``<div class="govmodel-structure">`` with its own style.

    Raises
    ------
    TypeError
        If ``per_kind`` is no whole number (``True``, ``2.5``, ``"3"``).
    ValueError
        If ``per_kind`` is negative.

    Notes
    -----
    Complexity :math:`O(n)` for :math:`n` entities; the HTML stays small whatever the size
    of the structure (a line per kind and role, and ``per_kind`` units per kind).

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.display import structure_html
    >>> s = govmodel.datasets.load("chengdu")
    >>> html = structure_html(s)
    >>> html.startswith('<div class="govmodel-structure">')
    True
    >>> "<td>courtyard</td>" in html and "院落" in html
    True
    >>> bad = govmodel.Structure(units=[govmodel.Unit("x", "compound", "<script>alert(1)</script>")])
    >>> "<script>" in structure_html(bad)
    False
    """
    try:
        if isinstance(per_kind, bool):
            raise TypeError
        per_kind = operator.index(per_kind)
    except TypeError:
        raise TypeError(f"structure_html: per_kind is a whole number, not {per_kind!r}") from None
    if per_kind < 0:
        raise ValueError(f"structure_html: per_kind is at least 0, not {per_kind}")
    m = s.metadata
    vocab = s.vocab
    counts = s.counts()
    kinds = s.kinds()
    parts = ['<div class="govmodel-structure">', _STYLE]
    heading = m.title or m.name or "Structure"
    parts.append(f"<h3>{_e(heading)}</h3>")
    meta = []
    if m.name and m.name != heading:
        meta.append(f"<code>{_e(m.name)}</code>")
    if m.place:
        meta.append(_e(m.place))
    if m.model:
        meta.append("models: " + ", ".join(f"<code>{_e(x)}</code>" for x in m.model))
    if m.source:
        meta.append("sources: " + ", ".join(_e(x) for x in m.source))
    if m.synthetic:
        meta.append("synthetic" + (f" (seed {_e(m.seed)})" if m.seed is not None else ""))
    if s.vocabulary:
        meta.append(f"{len(s.vocabulary)} declared terms")
    if meta:
        parts.append('<div class="gm-meta">' + " · ".join(meta) + "</div>")

    sections = _table(
        "entities",
        ["", "", "n"],
        (
            [_e(en), f'<span class="gm-zh">{zh}</span>', f"{counts[key]:,}"]
            for key, en, zh in _SECTIONS
        ),
        numeric=(2,),
    )
    tables = [sections]
    if kinds["units"]:
        tables.append(_by_kind(kinds["units"], vocab, "unit_kinds", "units by kind"))
    if kinds["organizations"]:
        tables.append(
            _by_kind(kinds["organizations"], vocab, "organization_kinds", "organizations by kind")
        )
    if kinds["posts"]:
        rows = []
        roles = vocab.category("roles")
        for role, n in sorted(kinds["posts"].items(), key=lambda kv: (-kv[1], kv[0])):
            en, zh = _labels(vocab, "roles", role)
            t = roles.get(role)
            head = " ★" if t is not None and t.head else ""
            rows.append([f"<code>{_e(role)}</code>{head}", en, zh, f"{n:,}"])
        tables.append(_table("posts by role (★ heads)", ["role", "label", "中文", "n"], rows, (3,)))
    parts.append('<div class="gm-tables">' + "".join(f"<div>{t}</div>" for t in tables) + "</div>")
    if s.units and per_kind > 0:
        parts.append(f"<details open><summary>units</summary>{_examples(s, per_kind)}</details>")
    parts.append("</div>")
    return "\n".join(parts)
