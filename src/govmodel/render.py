"""Building blocks of govmodel's reports: safe text, tables, numbers and report words.

Every report govmodel writes (the text, Markdown and HTML of an assessment, a comparison
and a model's card; the HTML summary of a structure) is built from these pieces, so that
each kind of text is made safe in one place:

- :func:`visible` makes control characters, line breaks, terminal escape sequences and
  bidirectional overrides visible as ``\\x1b``, ``\\n``, ``\\u202e`` …: a name can never
  start a new line, move the cursor, recolour the terminal or reorder what is shown.
- :func:`terminal`, :func:`markdown` and :func:`html_text` make a text safe for a terminal,
  for Markdown (GitHub-flavoured, tables included) and for HTML.
- :func:`text_table`, :func:`markdown_table` and :func:`html_table` lay out rows;
  :func:`html_document` makes a whole HTML page of a report (what ``govmodel report
  --format html`` writes).
- :func:`number` formats a value by the kind of quantity it is: a share as a percentage,
  a count as a whole number.
- :func:`word` gives the report's fixed words in English or Chinese.

This module imports nothing from govmodel: any layer may use it.

Examples
--------
>>> from govmodel.render import markdown, terminal, number
>>> print(terminal("Compound A\\n✓ ok"))
Compound A\\n✓ ok
>>> markdown("a | b <script>")
'a \\\\| b \\\\<script\\\\>'
>>> number(0.728, "share"), number(4220, "count")
('72.8 %', '4,220')
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Final, Literal

__all__ = [
    "DOCUMENT_STYLE",
    "PAGE_STYLE",
    "QUANTITIES",
    "REPORT_STYLE",
    "Quantity",
    "html_document",
    "html_table",
    "html_text",
    "json_text",
    "markdown",
    "markdown_table",
    "number",
    "terminal",
    "text_table",
    "visible",
    "width",
    "word",
]

#: What kind of number a measure gives, which decides how reports show it.
Quantity = Literal["number", "count", "share"]
QUANTITIES: Final[tuple[str, ...]] = ("number", "count", "share")

# C0 controls and DEL, C1 controls (U+0080-U+009F, CSI U+009B among them), the line and
# paragraph separators, every bidirectional formatting character (the embeddings,
# overrides and isolates, and the implicit marks), and the lone surrogates (which no
# UTF-8 output can hold).
_UNSAFE: Final = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED: Final = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _show(m: re.Match[str]) -> str:
    ch = m.group()
    named = _NAMED.get(ch)
    if named is not None:
        return named
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """The text with every control character made visible as an escape.

    Replaces the C0 and C1 control characters and DEL (so also ESC, which starts every
    terminal escape sequence, and the one-character CSI U+009B), the line and paragraph
    separators U+2028 and U+2029, and the bidirectional formatting characters (U+200E,
    U+200F, U+061C, U+202A to U+202E, U+2066 to U+2069) by ``\\n``, ``\\r``, ``\\t``,
    ``\\xNN`` or ``\\uNNNN``; so are the lone surrogates (U+D800 to U+DFFF, which a
    ``surrogateescape`` decoding makes of bytes that are no UTF-8), which no UTF-8 output
    can hold. Everything else, Chinese included, is kept as it is.

    Examples
    --------
    >>> from govmodel.render import visible
    >>> visible("A\\x1b[2K\\u202eB")
    'A\\\\x1b[2K\\\\u202eB'
    >>> visible("小区 1")
    '小区 1'
    """
    return _UNSAFE.sub(_show, text)


def terminal(text: str) -> str:
    """Text safe to print on a terminal: :func:`visible` (nothing can start a line, move
    the cursor or change colours)."""
    return visible(text)


_MD_SPECIAL: Final = re.compile(r"([\\`*_{}\[\]<>|~#!&$])")
# What GitHub-flavoured Markdown turns into a link without any markup ("extended
# autolinks"): ``www.``, a scheme's ``://`` and an e-mail's ``@``. A backslash before the
# ``.``, ``:`` or ``@`` keeps the character and the link from being made.
_MD_LINKISH: Final = re.compile(r"(?i)(?<=www)\.|:(?=//)|@")


# What would start a block at the start of a line (a list item, indented code): leading
# whitespace, a bullet (``-`` or ``+``, then whitespace, another dash or nothing: ``---``
# is a rule) or an ordered list's number (``1.``, ``2)``, then whitespace or nothing).
_MD_START: Final = re.compile(r"\A(?:(\s+)|[-+](?=[-+\s]|\Z)|\d{1,9}(?=[.)](?:\s|\Z)))")


def _start(m: re.Match[str]) -> str:
    if m.group(1):  # as character references: kept, but no indentation
        return "".join(f"&#{ord(c)};" for c in m.group(1))
    return f"\\{m.group()}" if m.group() in "-+" else f"{m.group()}\\"


def markdown(text: str) -> str:
    """Text safe inside Markdown, a table cell or a heading.

    Control characters and line breaks are made :func:`visible` (so a name cannot end a
    table row or start a block), and the characters with a meaning in Markdown or HTML
    (``\\ ` * _ { } [ ] < > | ~ # ! & $``, ``$`` for GitHub's mathematics) are escaped with
    a backslash, so a name can neither split a table cell nor become markup, a formula, a
    link or an HTML tag; so are the ``.`` of ``www.``, the ``:`` of ``://`` and ``@``,
    which GitHub would otherwise make links of (``www.example.com``, ``https://…``, an
    e-mail address). Nor can the text start a block where it starts a line (a list
    item's): a leading bullet (``- ``, ``+ ``, ``---``) or list number (``1. ``, ``2) ``)
    is escaped too, and leading whitespace is written as character references
    (``&#32;``), which keep it without indenting.

    Examples
    --------
    >>> from govmodel.render import markdown
    >>> markdown("**x** [a](b)")
    '\\\\*\\\\*x\\\\*\\\\* \\\\[a\\\\](b)'
    >>> print(markdown("1. a"), markdown("- b"), markdown("  c"), markdown("-5"))
    1\\. a \\- b &#32;&#32;c -5
    """
    safe = _MD_LINKISH.sub(r"\\\g<0>", _MD_SPECIAL.sub(r"\\\1", visible(text)))
    return _MD_START.sub(_start, safe, count=1)


def html_text(text: str) -> str:
    """Text safe inside HTML: :func:`visible`, then HTML-escaped (quotes included)."""
    return html.escape(visible(text), quote=True)


# The characters JSON leaves as they are that a terminal acts on: DEL, the C1 controls, the
# line and paragraph separators and the bidirectional formatting characters (json.dumps
# already writes the C0 controls as escapes); and the lone surrogates, which no UTF-8 file
# can hold.
_JSON_UNSAFE: Final = re.compile(
    "[\x7f-\x9f\u2028\u2029\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def json_text(text: str) -> str:
    """A JSON document (``json.dumps(..., ensure_ascii=False)``) safe to print on a terminal.

    DEL, the C1 controls (CSI U+009B among them), the line and paragraph separators, the
    bidirectional formatting characters and the lone surrogates (which UTF-8 cannot
    encode) are written as ``\\uNNNN`` escapes, which JSON reads back as the same
    characters: the data are kept exactly, Chinese stays readable. These characters can
    only stand inside the document's strings, where an escape is valid.

    Examples
    --------
    >>> import json
    >>> from govmodel.render import json_text
    >>> doc = json_text(json.dumps({"name": "小区\\u202e\\x9b2J"}, ensure_ascii=False))
    >>> print(doc)
    {"name": "小区\\u202e\\u009b2J"}
    >>> json.loads(doc) == {"name": "小区\\u202e\\x9b2J"}
    True
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _columns(ch: str) -> int:
    if unicodedata.east_asian_width(ch) in "WF":
        return 2
    # combining marks (Tibetan vowel signs, a decomposed accent) and zero-width format
    # characters (U+200B, the joiner U+200D, U+FEFF; the soft hyphen U+00AD is shown) take
    # no column of their own; nor do the medial and final Hangul jamo
    if unicodedata.category(ch) in ("Mn", "Me") or (
        unicodedata.category(ch) == "Cf" and ch != "\xad"
    ):
        return 0
    return 0 if "\u1160" <= ch <= "\u11ff" or "\ud7b0" <= ch <= "\ud7ff" else 1


def width(text: str) -> int:
    """The number of terminal columns a text takes: wide East Asian characters take two,
    combining marks and zero-width characters none.

    Examples
    --------
    >>> from govmodel.render import width
    >>> width("小区 1"), width("e\u0301"), width("བོད"), width("a\u200bb")
    (6, 1, 2, 2)
    """
    return sum(map(_columns, text))


def text_table(rows: Sequence[Sequence[str]], *, right: Iterable[int] = ()) -> str:
    """A plain-text table: the first row is the header, underlined; columns in ``right``
    are right-aligned. Cells must already be safe (:func:`terminal`)."""
    ncol = len(rows[0])
    widths = [max(width(r[i]) for r in rows) for i in range(ncol)]
    to_right = set(right)
    lines = []
    for k, r in enumerate(rows):
        cells = []
        for i, (c, w) in enumerate(zip(r, widths, strict=True)):
            pad = " " * (w - width(c))
            cells.append(pad + c if i in to_right and k > 0 else c + pad)
        lines.append("  ".join(cells).rstrip())
        if k == 0:
            lines.append("  ".join("─" * w for w in widths))
    return "\n".join(lines)


def markdown_table(rows: Sequence[Sequence[str]], *, right: Iterable[int] = ()) -> str:
    """A GitHub-flavoured Markdown table; cells must already be safe (:func:`markdown`)."""
    head, *body = rows
    to_right = set(right)
    rule = "|" + "".join("---:|" if i in to_right else "---|" for i in range(len(head)))
    out = ["| " + " | ".join(head) + " |", rule]
    out += ["| " + " | ".join(r) + " |" for r in body]
    return "\n".join(out)


def html_table(
    rows: Sequence[Sequence[str]],
    *,
    right: Iterable[int] = (),
    classes: Mapping[tuple[int, int], str] | None = None,
    caption: str = "",
) -> str:
    """An HTML table; cells must already be safe (:func:`html_text`).

    ``classes`` gives a CSS class to some body cells, by (row, column) with row 0 the first
    row of the body; columns in ``right`` are right-aligned (class ``gm-n``).
    """
    head, *body = rows
    to_right = set(right)
    cls = classes or {}
    th = "".join(f"<th>{c}</th>" for c in head)
    trs = []
    for k, r in enumerate(body):
        tds = []
        for i, c in enumerate(r):
            names = [n for n in (cls.get((k, i)), "gm-n" if i in to_right else None) if n]
            attr = f' class="{" ".join(names)}"' if names else ""
            tds.append(f"<td{attr}>{c}</td>")
        trs.append("<tr>" + "".join(tds) + "</tr>")
    cap = f"<caption>{caption}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{th}</tr></thead><tbody>{''.join(trs)}</tbody></table>"


def number(value: float | None, quantity: str = "number", lang: str = "en") -> str:
    """A value as a report shows it.

    ``"share"``: a fraction shown as a percentage with at most one decimal (``0.728`` →
    ``72.8 %``; ``72.8%`` in Chinese). ``"count"``: a whole number with thousands
    separators (a mean of counts keeps up to two decimals). ``"number"`` (anything else):
    whole values as whole numbers, others with four significant digits (from 10,000 on,
    rounded to a whole number: ``12,346``, not ``1.235e+04``). From
    :math:`10^{15}` on (a percentage from :math:`10^{15}` %), each is shown with four
    significant digits and an exponent (``1e+20``), never hundreds of digits; so is an
    ``int`` beyond a float's range (``10**400`` is ``1e+400``). ``None``, NaN and the
    infinities are ``—``.

    Examples
    --------
    >>> from govmodel.render import number
    >>> number(1.0, "share"), number(0.5, "share", "zh"), number(2.5, "count")
    ('100 %', '50%', '2.5')
    >>> number(0.4166666, "number"), number(123456.0), number(None)
    ('0.4167', '123,456', '—')
    >>> number(0.5), number(0.001234), number(0.00001)
    ('0.5', '0.001234', '1e-05')
    """
    if value is None:
        return "—"
    huge_int = isinstance(value, int) and abs(value) >= _HUGE  # maybe beyond a float's range
    if not huge_int and not math.isfinite(value):
        return "—"
    if quantity == "share":
        if abs(value) >= _HUGE / 100:  # in Decimal: a percentage beyond a float's range too
            pct = _exponent(Decimal(value if huge_int else repr(float(value))) * 100)
        else:
            pct = f"{value * 100:.1f}".removesuffix(".0")
            if pct == "-0":
                pct = "0"
        return f"{pct}%" if lang == "zh" else f"{pct} %"
    if huge_int:
        return _exponent(Decimal(value))
    if abs(value) >= _HUGE:
        return f"{value:.4g}"
    if float(value).is_integer():
        return f"{int(value):,}"
    if quantity == "count":
        shown = f"{value:,.2f}".rstrip("0").rstrip(".")
        return "0" if shown == "-0" else shown
    if abs(value) >= 1:
        shown = f"{value:,.4g}"
        # from 10,000 on, four significant digits would need an exponent: whole units
        return f"{value:,.0f}" if "e" in shown else shown
    return f"{value:.4g}"  # 0.001234, not 0.0012 (four decimals); 1e-05, not 0.0000


def _exponent(exact: Decimal) -> str:
    """A number with four significant digits and an exponent, as a float shows it:
    ``1e+16``, not ``1.000e+16``."""
    shown = f"{exact.normalize():.4g}".replace("E", "e")
    mantissa, _, exponent = shown.partition("e")
    return f"{mantissa.rstrip('0').rstrip('.')}e{exponent}" if "." in mantissa else shown


#: From this size on, :func:`number` shows every quantity with four significant digits
#: and an exponent (``1e+20``): a float no longer holds every whole number there.
_HUGE: Final = 1e15


#: The CSS of govmodel's HTML reports (the ``govmodel-report`` class).
REPORT_STYLE: Final = (
    "<style>"
    ".govmodel-report{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans CJK SC',"
    "'PingFang SC','Microsoft YaHei',sans-serif;font-size:13px;line-height:1.4}"
    ".govmodel-report h3{margin:0 0 .3em 0}"
    ".govmodel-report table{border-collapse:collapse;margin:.4em 0}"
    ".govmodel-report th,.govmodel-report td{padding:1px 8px;text-align:left;"
    "border-bottom:1px solid #e5e5e5;vertical-align:top}"
    ".govmodel-report td.gm-n{text-align:right;font-variant-numeric:tabular-nums}"
    ".govmodel-report .gm-pass{color:#1a7f37}"
    ".govmodel-report .gm-fail{color:#fff;background:#cf222e;font-weight:600}"
    ".govmodel-report .gm-warn{color:#000;background:#f2cc60}"
    ".govmodel-report .gm-na{color:#57606a;font-style:italic}"
    ".govmodel-report .gm-legend{color:#57606a;font-size:12px;max-width:60em}"
    "</style>"
)


#: The CSS of the page around a report in :func:`html_document` (with the reports' own,
#: :data:`REPORT_STYLE`, in :data:`DOCUMENT_STYLE`).
PAGE_STYLE: Final = (
    "<style>"
    "body{margin:1.5em auto;max-width:72em;padding:0 1em;color:#1f2328;background:#fff;"
    "font-family:system-ui,-apple-system,'Segoe UI','Noto Sans CJK SC','PingFang SC',"
    "'Microsoft YaHei',sans-serif}"
    "h1{font-size:20px;margin:0 0 .6em 0;padding-bottom:.3em;border-bottom:1px solid #d0d7de}"
    ".govmodel-report{margin-bottom:1.5em}"
    "@media print{body{margin:0;max-width:none}}"
    "</style>"
)


def _css(style: str) -> str:
    return style.removeprefix("<style>").removesuffix("</style>")


#: The one stylesheet of a page of :func:`html_document`: the reports' rules
#: (:data:`REPORT_STYLE`), then the page's (:data:`PAGE_STYLE`).
DOCUMENT_STYLE: Final = f"<style>{_css(REPORT_STYLE)}{_css(PAGE_STYLE)}</style>"


def html_document(body: str, *, title: str, lang: str = "en") -> str:
    """A complete HTML5 page around a report's HTML: what a browser, a mail client or an
    archive can open on its own.

    The page has ``<!DOCTYPE html>``, ``<html lang>`` (``en``, or ``zh-Hans`` for
    ``lang="zh"``), ``<meta charset="utf-8">``, a viewport, the ``<title>`` and an ``<h1>``
    of ``title``, and one small inline stylesheet in its ``<head>``
    (:data:`DOCUMENT_STYLE`); nothing is loaded from elsewhere. The stylesheet a report's
    fragment carries for Jupyter (:data:`REPORT_STYLE`, as a ``<style>`` inside its
    ``<div>``, where HTML allows none) is taken out of ``body``: the head's holds its rules.

    Parameters
    ----------
    body
        The report's HTML, already safe (as :meth:`govmodel.Assessment.to_html` makes it);
        it may hold several reports.
    title
        The page's title, as plain text: it is escaped here (:func:`html_text`).
    lang
        ``"en"`` or ``"zh"``, the language of the report.

    Examples
    --------
    >>> from govmodel.render import html_document
    >>> page = html_document("<p>ok</p>", title="A & <b>", lang="zh")
    >>> print(page.splitlines()[0])
    <!DOCTYPE html>
    >>> "<title>A &amp; &lt;b&gt;</title>" in page, '<html lang="zh-Hans">' in page
    (True, True)
    >>> page.count("<style>"), page.index("<style>") < page.index("</head>")
    (1, True)
    """
    safe = html_text(title)
    body = body.replace(REPORT_STYLE + "\n", "").replace(REPORT_STYLE, "")
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{"zh-Hans" if lang == "zh" else "en"}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{safe}</title>",
            DOCUMENT_STYLE,
            "</head>",
            "<body>",
            f"<h1>{safe}</h1>",
            body,
            "</body>",
            "</html>",
            "",
        ]
    )


_WORDS: Final[dict[str, str]] = {
    # rule table
    "rule": "规则",
    "severity": "级别",
    "examined": "检查对象",
    "findings": "发现",
    "result": "结果",
    "pass": "通过",
    "FAIL": "未通过",
    "WARN": "警告",
    "N/A": "不适用",
    "error": "错误",
    "warning": "警告",
    "info": "提示",
    "passed": "通过",
    "failed": "未通过",
    "not applicable": "不适用",
    "rules": "规则数",
    # findings table
    "subject": "对象",
    "finding": "发现",
    "more findings": "条发现未列出",
    "more finding": "条发现未列出",
    # labels table
    "classifier": "分类",
    "class": "类别",
    "units": "单元数",
    # measures table
    "measure": "指标",
    "value": "值",
    "per": "统计单位",
    "rollup": "汇总",
    "sum": "求和",
    "mean": "平均",
    "whole structure": "整体",
    # headings
    "structure": "结构",
    "unnamed structure": "未命名结构",
    "source": "来源",
    "as of": "截至",
    "model": "模式",
    "description": "说明",
    "classifiers": "分类器",
    "measures": "指标",
    "legend": "说明",
    "differing labels": "不同的分类结果",
}


def word(key: str, lang: str = "en") -> str:
    """A fixed word of the reports in ``"en"`` (the key itself) or ``"zh"``.

    Raises
    ------
    KeyError
        If the word has no Chinese (so that a report can never be half translated).

    Examples
    --------
    >>> from govmodel.render import word
    >>> word("N/A"), word("N/A", "zh")
    ('N/A', '不适用')
    """
    zh = _WORDS[key]
    return zh if lang == "zh" else key
