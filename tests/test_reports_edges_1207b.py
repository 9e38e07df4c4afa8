"""Reports and displays at their edges: hostile names, odd numbers, odd comparisons."""

from __future__ import annotations

import html
import io
import json
import math
import re
from pathlib import Path

import attrs
import pytest

import govmodel
from govmodel import Structure, Unit
from govmodel.classify.base import Label, Reason
from govmodel.cli import main
from govmodel.errors import ModelError
from govmodel.models import GovernanceModel, classifier, measure, rule
from govmodel.render import markdown, markdown_table, number, text_table, width

# what a terminal acts on and JSON (ensure_ascii=False) leaves as it is
_TERMINAL_ACTS: re.Pattern[str] = re.compile("[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e]")
HOSTILE = "名\x9b2J\u202eab\x7f\u2028"


class Hostile(GovernanceModel):
    name = "hostile"
    title = "Hostile names"

    @rule("hostile.named", "Every compound is reported.", "每个小区都报告。", severity="error")
    def named(self, ctx):  # type: ignore[no-untyped-def]
        for u in ctx.examine(ctx.units("compound")):
            yield ctx.finding(u.id, f"compound {u.name}", f"小区 {u.name}", name=u.name)


def _structure() -> Structure:
    return Structure(
        units=[Unit("c", "community", "c"), Unit("x1", "compound", HOSTILE, parent="c")]
    )


def test_assessment_json_writes_terminal_controls_as_escapes_and_keeps_them() -> None:
    a = govmodel.assess(_structure(), Hostile)
    for lang in ("en", "zh"):
        doc = a.to_json(lang)
        assert not _TERMINAL_ACTS.search(doc)
        assert "\\u009b" in doc
        assert "\\u202e" in doc
        back = json.loads(doc)
        assert back == json.loads(json.dumps(a.to_dict(lang)))
        assert back["findings"][0]["data"]["name"] == HOSTILE


def test_comparison_json_writes_terminal_controls_as_escapes() -> None:
    class Other(GovernanceModel):
        name = "other\u202e"
        title = "Other"

    c = govmodel.compare(_structure(), [Hostile, Other])
    doc = c.to_json()
    assert not _TERMINAL_ACTS.search(doc)
    assert [m["model"] for m in json.loads(doc)["models"]] == ["hostile", "other\u202e"]


def test_cli_report_json_sends_no_terminal_control(tmp_path: Path) -> None:
    s = _structure()
    s = attrs.evolve(s, metadata=attrs.evolve(s.metadata, name="n\u202e\x9b"))
    path = tmp_path / "hostile.json"
    path.write_text(govmodel.io.dumps(s), encoding="utf-8")
    out = io.StringIO()
    assert main(["report", str(path), "--model", "tripartite", "--format", "json"], stdout=out) in (
        0,
        1,
    )
    assert not _TERMINAL_ACTS.search(out.getvalue())
    assert json.loads(out.getvalue())["structure"] == "n\u202e\x9b"


def test_comparison_repr_shows_control_characters_as_escapes() -> None:
    class Esc(GovernanceModel):
        name = "esc\x1b[2J\u202e"
        title = "Escapes"

    r = repr(govmodel.compare(Structure(), [Esc]))
    assert "\x1b" not in r
    assert "\u202e" not in r
    assert "esc\\x1b[2J\\u202e" in r


def test_width_counts_combining_marks_and_zero_width_characters_as_none() -> None:
    assert width("e\u0301") == width("é") == 1  # decomposed and composed
    assert width("བོད") == 2  # Tibetan: BA, the vowel sign O (combining), DA
    assert width("a\u200bb") == width("a\u200db") == 2
    assert width("小区") == 4


def test_text_table_aligns_names_with_combining_marks() -> None:
    # the column after a name with combining marks starts where it does after a plain one
    table = text_table([["k", "n"], ["བོད", "1"], ["ab", "2"], ["e\u0301x", "3"]])
    lines = table.splitlines()
    # each name is two columns wide on a terminal, then two spaces
    assert [width(line[: line.rindex(" ") + 1]) for line in lines[2:]] == [4, 4, 4]
    assert [line[-1] for line in lines[2:]] == ["1", "2", "3"]
    assert lines[1] == "──  ─"


def test_number_keeps_plain_numbers_below_ten_to_the_fifteen_without_exponent() -> None:
    assert number(12345.6) == "12,346"
    assert number(9999.95) == "10,000"
    assert number(-1234567.89) == "-1,234,568"
    assert number(1234.5) == "1,234"  # four significant digits, as before
    assert number(1e20 + 0.5) == "1e+20"  # from 10**15 on, the exponent


def test_measure_report_shows_a_large_plain_number_whole() -> None:
    class Big(GovernanceModel):
        name = "big"
        title = "Big"

        @measure("area", "area", "面积")
        def area(self, ctx):  # type: ignore[no-untyped-def]
            return 123456.7

    a = govmodel.assess(Structure(), Big)
    assert "123,457" in a.to_text()
    assert "e+05" not in a.to_text()
    assert json.loads(a.to_json())["metrics"]["area"]["value"] == 123456.7


def _labelling(value: str) -> type[GovernanceModel]:
    class Same(GovernanceModel):
        name = "same"
        title = f"Says {value}"

        @classifier("kind", "kind", "类")
        def kind(self, ctx):  # type: ignore[no-untyped-def]
            return {
                u.id: Label("kind", u.id, value, value, value, (Reason("r", "because"),))
                for u in ctx.units("compound")
            }

    return Same


def test_compare_refuses_two_different_models_of_one_name() -> None:
    # their labels differ, but both were reported under "same": differing_labels was {}
    s = _structure()
    with pytest.raises(ModelError, match=r"two different models are named 'same'"):
        govmodel.compare(s, [_labelling("a"), _labelling("b")])


def test_compare_still_takes_one_model_twice() -> None:
    c = govmodel.compare(_structure(), ["tripartite", "tripartite"])
    assert [a.model for a in c.assessments] == ["tripartite", "tripartite"]
    assert c.differing_labels() == {}


def test_model_card_in_chinese_gives_the_severities_in_chinese() -> None:
    card = govmodel.models.get("four_level").to_html("zh")
    assert "<td>error</td>" not in card
    assert "<td>warning</td>" not in card
    assert "<td>错误</td>" in card
    assert "<td>警告</td>" in card
    assert "<td>error</td>" in govmodel.models.get("four_level").to_html()


def test_huge_share_is_shown_without_trailing_zeros_as_other_huge_numbers() -> None:
    assert number(1e14 + 0.5, "share") == "1e+16 %"
    assert number((1e14 + 0.5) * 100) == "1e+16"
    assert number(1.5e14 + 0.5, "share", "zh") == "1.5e+16%"
    assert number(1.23456e20, "share") == "1.235e+22 %"
    assert number(1e308, "share") == "1e+310 %"


class NotANumber(GovernanceModel):
    name = "nan_data"
    title = "Data that are no number"

    @rule("nan_data.r", "A rule whose data hold NaN.", "数据含 NaN 的规则。")
    def r(self, ctx):  # type: ignore[no-untyped-def]
        yield ctx.finding(None, "one", v=float("nan"), w=float("-inf"), n=1.5)
        yield from ctx.findings(["a", "b"], ["x", "y"], v=[float("inf"), 2.0])


def test_json_report_writes_nan_and_infinities_in_finding_data_as_null() -> None:
    # to_json raised "Out of range float values are not JSON compliant: nan"
    a = govmodel.assess(Structure(), NotANumber)
    data = [f["data"] for f in json.loads(a.to_json())["findings"]]
    assert data == [{"v": None, "w": None, "n": 1.5}, {"v": None}, {"v": 2.0}]
    assert [f["data"] for f in a.to_dict()["findings"]] == data
    # the findings themselves keep what the rule gave
    assert math.isnan(a.findings[0].data["v"])


@pytest.mark.parametrize("limit", [-1, 1.5, True, "3"])
def test_max_findings_that_is_no_count_is_refused_by_name(limit: object) -> None:
    a = govmodel.assess(Structure(), NotANumber)
    for method in (a.to_text, a.to_markdown, a.to_html):
        with pytest.raises(ValueError, match=r"max_findings must be None or a whole number"):
            method(max_findings=limit)  # type: ignore[arg-type]


def test_max_findings_zero_lists_none_and_counts_the_rest() -> None:
    text = govmodel.assess(Structure(), NotANumber).to_text(max_findings=0)
    assert "… 3 more findings" in text


def test_model_repr_shows_control_characters_of_its_title_as_escapes() -> None:
    class Loud(GovernanceModel):
        name = "loud"
        title = "Loud\x1b[2J\u202e\nmodel"

    r = repr(Loud())
    assert r == "<GovernanceModel 'loud': Loud\\x1b[2J\\u202e\\nmodel>"


@pytest.mark.parametrize(
    "name",
    [
        "www.evil.example",
        "see WWW.Evil.cn now",
        "https://evil.example/x",
        "ftp://h",
        "boss@evil.cn",
    ],
)
def test_markdown_keeps_a_name_from_becoming_an_autolink(name: str) -> None:
    # GitHub makes links of www.…, scheme://… and e-mail addresses without any markup
    shown = markdown(name)
    assert not re.search(r"(?i)www\.|(?<!\\)://|(?<!\\)@", shown)
    # and CommonMark reads the escapes back as the name
    markdown_it = pytest.importorskip("markdown_it")
    page = (
        markdown_it.MarkdownIt("commonmark")
        .enable("table")
        .render(markdown_table([["name"], [shown]]))
    )
    cell = re.search(r"<td>(.*?)</td>", page)
    assert cell is not None
    assert html.unescape(cell.group(1)) == name


def test_one_finding_is_one_finding_in_english() -> None:
    a = govmodel.assess(_structure(), Hostile)  # one compound: one finding
    assert a.summary().endswith(", 1 finding")
    assert "<summary>1 finding</summary>" in a.to_html()
    assert a.summary("zh").endswith("，发现 1")
    many = govmodel.assess(Structure(), NotANumber)  # three findings
    assert many.summary().endswith(", 3 findings")
    assert "… 1 more finding\n" in many.to_text(max_findings=2)
    assert "… 2 more findings\n" in many.to_text(max_findings=1)
    assert "… 1 条发现未列出" in many.to_text("zh", max_findings=2)
