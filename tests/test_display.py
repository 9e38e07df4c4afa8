"""Tests of govmodel.display: the HTML summary of a structure."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

import govmodel
from govmodel.display import structure_html
from govmodel.spec import Metadata, Organization, Person, Post, Structure, Unit

EVIL = "<script>alert('x')</script>"


class _Checker(HTMLParser):
    """Collects tags and text, and checks every tag opened is closed."""

    VOID = frozenset({"br", "hr", "img", "meta", "link", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, tag
        assert self.stack[-1] == tag, (tag, self.stack)
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Checker:
    p = _Checker()
    p.feed(html)
    p.close()
    assert p.stack == []
    return p


def row(html: str, *cells: str) -> bool:
    """Whether a table row starts with these cells (their HTML)."""
    return "<tr>" + "".join(cells) in html


@pytest.mark.parametrize("name", ["xihu", "jinfeng", "chengdu", "changsha", "yuetang"])
def test_counts_and_chinese_labels(name: str) -> None:
    s = govmodel.datasets.load(name)
    html = structure_html(s)
    parse(html)
    assert html.startswith('<div class="govmodel-structure">')
    for section, n in s.counts().items():
        assert f'<td>{section}</td><td><span class="gm-zh">' in html
        assert re.search(rf"<td>{section}</td><td>.*?</td><td class=\"gm-n\">{n:,}</td>", html)
    kinds = s.kinds()
    vocab = s.vocab
    for kind, n in kinds["units"].items():
        t = vocab.term("unit_kinds", kind)
        assert row(
            html,
            f"<td><code>{kind}</code></td>",
            f"<td>{t.en.replace(chr(39), '&#x27;')}</td>",
            f'<td><span class="gm-zh">{t.zh}</span></td>',
            f'<td class="gm-n">{n:,}</td>',
        )
    for kind, n in kinds["organizations"].items():
        t = vocab.term("organization_kinds", kind)
        assert f'<span class="gm-zh">{t.zh}</span></td><td class="gm-n">{n:,}</td>' in html
    for role, n in kinds["posts"].items():
        t = vocab.term("roles", role)
        assert f"<code>{role}</code>" in html
        assert f'<span class="gm-zh">{t.zh}</span></td><td class="gm-n">{n:,}</td>' in html


def test_xihu_summary_reads_well() -> None:
    s = govmodel.datasets.load("xihu")
    html = structure_html(s)
    text = "".join(parse(html).text)
    assert s.metadata.title in text
    assert "tripartite" in text
    assert "000_c5b86c07d7092624.txt" in text
    assert "residential compound" in text
    assert "小区" in text
    assert "业委会" in text
    assert "书记" in text
    assert "secretary" in text
    assert "★" in text
    # the first units of each kind, not all of them: 3 of the 30 buildings
    assert "铁路新村1栋" in text
    assert "滨江花园6栋" not in text
    assert "… 27 more" in text
    assert "households=320" in text
    assert len(html) < 20_000


def test_per_kind() -> None:
    s = govmodel.datasets.load("xihu")
    assert "<details" not in structure_html(s, per_kind=0)
    assert "… 29 more" in structure_html(s, per_kind=1)


def test_escapes_everything_from_the_structure() -> None:
    s = Structure(
        units=[
            Unit("x<1>", "compound", EVIL, attributes={"note": EVIL, EVIL: 1}),
            Unit("y", EVIL, "y", parent="x<1>"),
        ],
        organizations=[Organization("o", "owners_committee", EVIL)],
        people=[Person("p", EVIL)],
        posts=[Post("po", "p", "o", EVIL)],
        metadata=Metadata(name=EVIL, title=EVIL, place=EVIL, model=(EVIL,), source=(EVIL,)),
    )
    html = structure_html(s)
    parse(html)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "x&lt;1&gt;" in html
    # kinds and roles the vocabulary does not know are marked
    assert html.count('class="gm-unknown"') >= 2


def test_empty_structure() -> None:
    html = structure_html(Structure())
    parse(html)
    assert "<h3>Structure</h3>" in html
    assert '<td class="gm-n">0</td>' in html
    assert "units by kind" not in html


def test_synthetic_metadata_shown() -> None:
    s = Structure(metadata=Metadata(name="toy", synthetic=True, seed=7))
    html = structure_html(s)
    assert "<h3>toy</h3>" in html
    assert "synthetic (seed 7)" in html


def test_structure_shows_itself_in_jupyter() -> None:
    import govmodel
    from govmodel.display import structure_html

    s = govmodel.datasets.load("yuetang")
    assert s._repr_html_() == structure_html(s)


# -- reports cannot be forged: names reach every report made safe for its format -----------------

from collections.abc import Iterator  # noqa: E402

from govmodel.assess import assess, compare  # noqa: E402
from govmodel.models import Context, Finding, GovernanceModel, measure, rule  # noqa: E402
from govmodel.render import (  # noqa: E402
    markdown,
    number,
    terminal,
    visible,
    word,
)

FORGED_LINE = "c1\n✓ ok"
ERASE_LINE = "c2\x1b[2K\r✓ ok"
BIDI = "c3\u202egnp.exe"
C1_CSI = "c4\x9b31m red"
PIPE_HTML = "c5 | <b>x</b> &amp; [link](http://evil) `code` *em*"
NAMES = (FORGED_LINE, ERASE_LINE, BIDI, C1_CSI, PIPE_HTML, "c6\u2028✓ ok", "c7\x85✓ ok")


class Echo(GovernanceModel):
    """Puts every compound's id and name in its findings, labels and measures."""

    name = "echo"
    title = "Echo " + ERASE_LINE
    title_zh = "回声"

    @rule("echo.names", "Every compound is named.", severity="error")
    def names(self, ctx: Context) -> Iterator[Finding]:
        for u in ctx.examine(ctx.units("compound")):
            yield ctx.finding(u.id, f"{u.name} is here", f"{u.name} 在此")

    @measure("households", "households " + FORGED_LINE, per="compound", rollup="sum")
    def households(self, ctx: Context) -> dict[str, int]:
        return {u.id: 1 for u in ctx.units("compound")}


def hostile() -> Structure:
    units = [Unit("d", "district", "district")]
    units += [Unit(n, "compound", n, parent="d") for n in NAMES]
    return Structure(units=units, metadata=Metadata(name="evil\n✓ ok\x1b[31m"))


UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_text_report_cannot_be_forged(lang: str) -> None:
    a = assess(hostile(), Echo)
    for text in (a.to_text(lang), compare(hostile(), [Echo, Echo]).to_text(lang)):
        assert not UNSAFE.search(text), repr(UNSAFE.search(text))
        for line in text.splitlines():
            assert not line.lstrip().startswith("✓"), line
    text = a.to_text(lang)
    assert "c1\\n✓ ok" in text  # shown, made visible
    assert "c2\\x1b[2K\\r✓ ok" in text
    assert "c3\\u202egnp.exe" in text
    assert "c4\\x9b31m red" in text
    assert "evil\\n✓ ok\\x1b[31m" in text


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_markdown_report_cannot_be_forged(lang: str) -> None:
    a = assess(hostile(), Echo)
    md = a.to_markdown(lang)
    assert not UNSAFE.search(md)
    for line in md.splitlines():
        assert not line.lstrip().startswith("✓"), line
        if line.startswith("|"):
            # every row of a table has as many unescaped pipes as its header
            cells = re.split(r"(?<!\\)\|", line)
            assert len(cells) in {6, 7}, line  # 4 or 5 columns
    assert "<b>" not in md
    assert "<script" not in md
    assert not re.search(r"(?<!\\)\]\(http", md)  # no link
    assert "c5 \\| \\<b\\>x\\</b\\> \\&amp; \\[link\\](http\\://evil) \\`code\\` \\*em\\*" in md
    cmd = compare(hostile(), [Echo]).to_markdown(lang)
    assert not UNSAFE.search(cmd)
    assert "<b>" not in cmd


def test_the_html_report_cannot_be_forged() -> None:
    a = assess(hostile(), Echo)
    for html in (
        a.to_html(),
        a.to_html("zh"),
        compare(hostile(), [Echo]).to_html(),
        Echo.to_html(),
    ):
        parsed = parse(html)
        assert "script" not in parsed.tags
        assert "<b>x</b>" not in html
        assert not UNSAFE.search(html)
    assert "&lt;b&gt;x&lt;/b&gt; &amp;amp;" in a.to_html()


def test_structure_html_shows_control_characters() -> None:
    html = structure_html(hostile())
    assert not UNSAFE.search(html)
    assert "c2\\x1b[2K\\r✓ ok" in html


def test_json_report_keeps_the_names_exactly() -> None:
    import json

    data = json.loads(assess(hostile(), Echo).to_json())
    assert [f["subject"] for f in data["findings"]] == list(NAMES)


# -- render ---------------------------------------------------------------------------------------


def test_visible_keeps_text_and_shows_every_control() -> None:
    assert visible("小区 Ünïcode ✓ – “quotes” e\u0301") == "小区 Ünïcode ✓ – “quotes” e\u0301"
    for code in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, 0x200E, 0x202E, 0x2066, 0x2069]:
        shown = visible(chr(code))
        assert shown.startswith("\\"), hex(code)
        assert not UNSAFE.search(shown)
    assert terminal("\x1b[2K") == "\\x1b[2K"


def test_markdown_escapes_every_special_character() -> None:
    for ch in "\\`*_{}[]<>|~#!&":
        assert markdown(ch) == "\\" + ch
    assert markdown("a\nb") == "a\\\\nb"  # shown as a\nb


def test_numbers_by_quantity() -> None:
    assert [number(v, "share") for v in (0, 0.0004, 0.5, 0.7278, 1, 1.5)] == [
        "0 %",
        "0 %",
        "50 %",
        "72.8 %",
        "100 %",
        "150 %",
    ]
    assert number(-0.0001, "share") == "0 %"
    assert [number(v, "count") for v in (0, 3, 1234567, 2.5, 1 / 3)] == [
        "0",
        "3",
        "1,234,567",
        "2.5",
        "0.33",
    ]
    assert [number(v) for v in (3.0, 0.41666, 12.3456, 1e20)] == ["3", "0.4167", "12.35", "1e+20"]
    assert number(None) == number(float("nan")) == "—"


def test_every_report_word_has_chinese() -> None:
    from govmodel.render import _WORDS

    for key, zh in _WORDS.items():
        assert word(key) == key
        assert word(key, "zh") == zh
        assert not re.search("[A-Za-z]", zh), key
    with pytest.raises(KeyError):
        word("no such word", "zh")


def test_years_and_codes_without_thousands_separators() -> None:
    s = Structure(
        units=[
            Unit(
                "x",
                "compound",
                "Lakeside",
                attributes={"built": 2019, "code": 430304001001, "area_m2": 12345.5, "n": 7},
            )
        ]
    )
    html = structure_html(s)
    assert "built=2019" in html
    assert "code=430304001001" in html
    assert "area_m2=12345.5" in html
    assert "2,019" not in html
    # counts of entities keep their separators: they are quantities, not codes
    big = Structure(units=[Unit(f"u{i}", "building") for i in range(1200)])
    assert '<td class="gm-n">1,200</td>' in structure_html(big, per_kind=0)
