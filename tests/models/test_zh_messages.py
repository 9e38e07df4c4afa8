"""The Chinese messages carry no English: each body, band and outcome is said in Chinese."""

from __future__ import annotations

import re

import attrs

import govmodel
from govmodel.assess import Comparison
from govmodel.spec import Organization, Person, Post, Structure, Unit

_LATIN_WORD = re.compile(r"\b[a-z]{3,}\b")  # an English word (ids here are short or dashed)


def _english(text: str) -> list[str]:
    return [w for w in _LATIN_WORD.findall(text) if w not in {"oc"}]


def test_the_size_band_of_an_owners_committee_is_said_in_chinese() -> None:
    s = Structure(
        units=[Unit("x", "compound")],
        organizations=[Organization("oc", "owners_committee", unit="x", term_start="2023-01-01")],
        people=[Person(f"p{i}") for i in range(3)],
        posts=[Post(f"m{i}", f"p{i}", "oc", "member") for i in range(3)],
    )
    (f,) = (
        govmodel.assess(s, "owners_committee_guidance")
        .rule("owners_committee_guidance.size")
        .findings
    )
    assert f.message_zh == "oc 有 3 名委员,应为 5 至 11 名中的单数"
    assert "5 to 11, an odd number" in f.message


def test_a_decision_that_cannot_be_counted_is_said_in_chinese() -> None:
    a = govmodel.assess(govmodel.datasets.load("qingshan"), "council")
    found = [f for f in a.rule("council.outcome").findings if "无法计票" in f.message_zh]
    assert found
    for f in found:
        assert _english(f.message_zh.split("(问题:")[0]) == []
        assert f.message_zh.startswith(f"{f.subject}记录为") or "记录为通过" in f.message_zh


def test_the_base_bodies_a_community_lacks_are_named_by_the_vocabulary() -> None:
    a = govmodel.assess(govmodel.datasets.load("changsha"), "grid")
    found = a.rule("grid.base").findings
    lacking = [f for f in found if f.message.startswith("community")]
    assert lacking
    for f in lacking:
        assert "_" not in f.message_zh
        assert "_" not in f.message
        assert "居务监督委员会" in f.message_zh or "社区居委会" in f.message_zh


def test_a_comparison_heads_the_labels_that_differ() -> None:
    c = govmodel.compare(govmodel.datasets.load("xihu"), ["tripartite", "four_level"])
    assert c.differing_labels() == {}
    assert "differing labels" not in c.to_text()
    first, second = c.assessments
    name = next(iter(set(first.labels) & set(second.labels)))
    unit, label = next(iter(first.labels[name].items()))
    changed = {
        **second.labels,
        name: {**second.labels[name], unit: attrs.evolve(label, value="other")},
    }
    c = Comparison((first, attrs.evolve(second, labels=changed)))
    lines = c.to_text("zh").splitlines()
    heading = lines.index("不同的分类结果 (分类 对象: 模式=类别):")
    assert lines[heading + 1] == f"{name} {unit}: tripartite={label.value}, four_level=other"


def test_the_four_level_figures_are_named_by_the_vocabulary() -> None:
    from tests.models.conftest import edit

    s = edit(govmodel.datasets.load("yuetang"), "observations", "yt-obs004", value=60)
    (f,) = govmodel.assess(s, "four_level").rule("four_level.figures").findings
    assert "_" not in f.message
    assert "_" not in f.message_zh
    assert f.data["indicator"] == "awarded_compounds"
    named = s.vocab.named("indicators", "awarded_compounds", "zh")
    assert named != "awarded_compounds"
    assert named in f.message_zh
