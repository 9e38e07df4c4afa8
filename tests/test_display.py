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
