"""What people see, at its edges: hostile names, severities, languages and numbers in the
text, Markdown, HTML and JSON reports, a structure's HTML and the progress bars."""

from __future__ import annotations

import html
import re

import attrs
import pytest

import govmodel
from govmodel import Structure, Unit
from govmodel.models import GovernanceModel, rule
from govmodel.render import markdown, markdown_table


def _render(source: str) -> str:
    """The HTML CommonMark (with tables) makes of Markdown; skips without markdown-it."""
    markdown_it = pytest.importorskip("markdown_it")
    return str(markdown_it.MarkdownIt("commonmark").enable("table").render(source))


def _named(name: str) -> Structure:
    s = Structure(units=[Unit("c", "community", "c")])
    return attrs.evolve(s, metadata=attrs.evolve(s.metadata, name=name))


@pytest.mark.parametrize("name", [" Xihu", "Xihu ", "  ", "\u3000西湖\u3000", "    code"])
def test_markdown_report_keeps_the_structure_name_in_emphasis(name: str) -> None:
    # a leading space made the line a list item, a trailing one left the asterisks shown
    line = govmodel.assess(_named(name), "tripartite").to_markdown().splitlines()[2]
    page = _render(line)
    assert page.startswith("<p><em>"), page
    em = re.search(r"<em>(.*?)</em>", page)
    assert em is not None
    assert html.unescape(em.group(1)) == name


@pytest.mark.parametrize(
    "name", ["1. x", "2) y", "- x", "+ x", "---", "-", "    code", " 1. x", "\u3000a"]
)
def test_markdown_text_starts_no_block_at_the_start_of_a_line(name: str) -> None:
    # the notes of a comparison are list items starting with a model's name
    page = _render(f"- {markdown(name)}: failed")
    assert page == f"<ul>\n<li>{html.escape(name, quote=False)}: failed</li>\n</ul>\n"
    cell = re.search(r"<td>(.*?)</td>", _render(markdown_table([["h"], [markdown(name)]])))
    assert cell is not None
    assert html.unescape(cell.group(1)) == name


def test_markdown_keeps_numbers_as_they_are() -> None:
    assert [markdown(x) for x in ("-5", "-1,234", "1.5", "—", "2019")] == [
        "-5",
        "-1,234",
        "1.5",
        "—",
        "2019",
    ]


def test_comparison_markdown_notes_stay_one_list_item_per_model() -> None:
    class Numbered(GovernanceModel):
        name = "1. numbered"
        title = "Numbered"

        @rule("numbered.r", "Always finds.", "总有发现。")
        def r(self, ctx):  # type: ignore[no-untyped-def]
            yield ctx.finding(None, "found")

    page = _render(govmodel.compare(Structure(), [Numbered]).to_markdown())
    assert "<ol" not in page
    assert "<li>1. numbered: failed numbered.r (WARN)</li>" in page


def _loud(severity: object, many: bool) -> type[GovernanceModel]:
    class Loud(GovernanceModel):
        name = "loud"
        title = "Loud"

        @rule("loud.r", "Finds.")
        def r(self, ctx):  # type: ignore[no-untyped-def]
            if many:
                yield from ctx.findings(["a"], ["x"], severity=severity)
            else:
                yield ctx.finding(None, "x", severity=severity)

    return Loud


@pytest.mark.parametrize("many", [False, True])
@pytest.mark.parametrize("severity", ["critical", "ERROR", 1])
def test_a_finding_of_no_known_severity_is_refused_where_it_is_made(
    severity: object, many: bool
) -> None:
    # it reached the reports, which had no word for it: KeyError: 'critical'
    with pytest.raises(ValueError, match=r"rule 'loud.r': a finding's severity must be one"):
        govmodel.assess(Structure(), _loud(severity, many))


def test_a_finding_of_a_known_severity_is_reported_in_both_languages() -> None:
    class Noted(GovernanceModel):
        name = "noted"
        title = "Noted"

        @rule("noted.r", "Notes.", severity="error")
        def r(self, ctx):  # type: ignore[no-untyped-def]
            yield ctx.finding(None, "a note", severity="info")
            yield from ctx.findings(["a"], ["a warning"], severity="warning")

    a = govmodel.assess(Structure(), Noted)
    assert [f.severity for f in a.findings] == ["info", "warning"]
    assert a.rule("noted.r").result == "WARN"
    assert "提示" in a.to_text("zh")
    assert "警告" in a.to_text("zh")


def test_structure_html_escapes_a_seed_that_is_no_number() -> None:
    # the seed was the one text of the metadata written into the HTML as it was
    s = _named("n")
    s = attrs.evolve(
        s, metadata=attrs.evolve(s.metadata, synthetic=True, seed="<img src=x onerror=alert(1)>")
    )
    shown = s._repr_html_()
    assert "<img" not in shown
    assert "(seed &lt;img src=x onerror=alert(1)&gt;)" in shown
    seeded = attrs.evolve(s, metadata=attrs.evolve(s.metadata, seed=12))
    assert "synthetic (seed 12)" in seeded._repr_html_()


@pytest.mark.parametrize("lang", ["fr", "ZH", "zh-CN", ""])
def test_a_report_in_another_language_is_in_english_as_its_summary_is(lang: str) -> None:
    # the legend was looked up by lang itself: KeyError: 'fr'
    a = govmodel.assess(govmodel.datasets.load("xihu"), "tripartite")
    assert a.summary(lang) == a.summary()  # type: ignore[arg-type]
    for fmt in ("text", "markdown", "html", "json"):
        assert a.render(fmt, lang) == a.render(fmt, "en")  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["$x^2$", "$$a_b$$", "cost $5 to $10", "$`x`$"])
def test_markdown_keeps_a_name_from_becoming_a_formula(name: str) -> None:
    # GitHub renders $…$ and $$…$$ as mathematics; an escaped dollar is a dollar
    shown = markdown(name)
    assert not re.search(r"(?<!\\)\$", shown)
    cell = re.search(r"<td>(.*?)</td>", _render(markdown_table([["h"], [shown]])))
    assert cell is not None
    assert html.unescape(cell.group(1)) == name


def test_progress_bars_show_a_models_control_characters_as_escapes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    pytest.importorskip("tqdm")
    from govmodel.progress import step

    class Esc(GovernanceModel):
        name = "esc\x1b[2J\u202e"
        title = "Escapes"

    govmodel.compare(Structure(), [Esc], progress=True)
    with step("load \x1b]0;title\x07", progress=True):
        pass
    err = capsys.readouterr().err
    assert "\x1b[2J" not in err
    assert "\u202e" not in err
    assert "\x1b]0;" not in err
    assert "esc\\x1b[2J\\u202e" in err
    assert "load \\x1b]0;title\\x07" in err


def test_a_number_below_one_keeps_four_significant_digits_as_documented() -> None:
    from govmodel.render import number

    # it had four decimals: 0.00015 and 0.00024 were both "0.0002", 0.5 was "0.5000"
    assert [number(v) for v in (0.001234, 0.00015, 0.00024, 0.5, 0.4166666, -0.0001234)] == [
        "0.001234",
        "0.00015",
        "0.00024",
        "0.5",
        "0.4167",
        "-0.0001234",
    ]
    assert number(1.5) == "1.5"  # as from one on
    assert number(0.00001) == "1e-05"


def test_reports_of_names_with_lone_surrogates_can_be_written_as_utf8() -> None:
    # a surrogateescape decoding makes them of bytes that are no UTF-8; every report and
    # the structure's HTML held them as they were, and writing one failed
    import json

    name = "\udcd0\udcc2小区"
    s = Structure(units=[Unit("c", "community", "c"), Unit("x", "compound", name, parent="c")])

    class Named(GovernanceModel):
        name = "named"
        title = "Named"

        @rule("named.r", "Names.")
        def r(self, ctx):  # type: ignore[no-untyped-def]
            for u in ctx.units("compound"):
                yield ctx.finding(u.id, u.name)

    a = govmodel.assess(s, Named)
    for shown in (a.to_text(), a.to_html(), s._repr_html_()):
        shown.encode("utf-8")
        assert "\\udcd0\\udcc2小区" in shown
    a.to_markdown().encode("utf-8")
    assert "\\\\udcd0\\\\udcc2小区" in a.to_markdown()  # the backslash escaped
    doc = a.to_json()
    doc.encode("utf-8")
    assert json.loads(doc)["findings"][0]["message"] == name


def test_number_shows_an_int_beyond_a_floats_range_with_an_exponent() -> None:
    from govmodel.render import number

    # OverflowError: int too large to convert to float
    assert [number(10**400, q) for q in ("number", "count", "share")] == [
        "1e+400",
        "1e+400",
        "1e+402 %",
    ]
    assert number(-(2**1024)) == "-1.798e+308"
    assert number(10**400, "share", "zh") == "1e+402%"
    # as a float of the same size is shown
    assert number(10**20) == number(1e20) == "1e+20"
    assert number(123456789012345678, "share") == number(1.23456789012345678e17, "share")


def test_a_finding_object_of_no_known_severity_is_refused_by_assess() -> None:
    from govmodel.models import Finding, FindingBlock

    class Raw(GovernanceModel):
        name = "raw"
        title = "Raw"

        @rule("raw.r", "Finds.")
        def r(self, ctx):  # type: ignore[no-untyped-def]
            yield Finding("raw.r", "critical", None, "x")  # type: ignore[arg-type]

    class Block(GovernanceModel):
        name = "block"
        title = "Block"

        @rule("block.r", "Finds.")
        def r(self, ctx):  # type: ignore[no-untyped-def]
            yield FindingBlock("block.r", "fatal", ["a"], ["x"], [""], {})  # type: ignore[arg-type]

    # the reports failed with KeyError: 'critical', and the rule was reported passed
    with pytest.raises(govmodel.errors.ModelError, match=r"rule 'raw.r' gave a finding of sev"):
        govmodel.assess(Structure(), Raw)
    with pytest.raises(govmodel.errors.ModelError, match=r"severity 'fatal'"):
        govmodel.assess(Structure(), Block)
