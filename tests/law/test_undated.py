"""A law pack assessed without a date: the rules in force today, on the structure as it
stands today (a post that has ended does not count); the models without dated rules read
the whole structure as before."""

from __future__ import annotations

from collections.abc import Iterator

import govmodel
from govmodel.models import Context, Finding, GovernanceModel, rule
from govmodel.spec import Organization, Person, Post, Structure, Unit

RULE = "owners_committee_guidance.size"


def _committee(*, former: bool) -> Structure:
    """An owners' committee of five sitting members and, with ``former``, one who left in
    2020 (five is a lawful size, six is not: 5–11 and odd)."""
    posts = [Post(f"m{i}", f"p{i}", "oc", "member") for i in range(5)]
    if former:
        posts.append(Post("gone", "p5", "oc", "member", start="2016", end="2020-06-30"))
    return Structure(
        units=[Unit("x", "compound", "X")],
        organizations=[Organization("oc", "owners_committee", unit="x", term_start="2023-01-01")],
        people=[Person(f"p{i}") for i in range(6)],
        posts=posts,
    )


def _size(a: govmodel.Assessment) -> tuple[str, int, int]:
    r = a.rule(RULE)
    return r.status, r.examined, len(r.findings)


def test_an_ended_post_does_not_count_without_a_date() -> None:
    s = _committee(former=True)
    assert _size(govmodel.assess(s, "owners_committee_guidance")) == ("passed", 1, 0)
    # on a day she still sat, six members are counted, which is not odd
    assert _size(govmodel.assess(s, "owners_committee_guidance", as_of="2019-06-30"))[2] == 1


def test_undated_equals_today_in_assess_and_compare() -> None:
    import datetime

    s = _committee(former=True)
    today = datetime.date.today().isoformat()
    dated = govmodel.assess(s, "owners_committee_guidance", as_of=today)
    undated = govmodel.assess(s, "owners_committee_guidance")
    assert undated.rules == dated.rules
    compared = govmodel.compare(s, ["four_level", "owners_committee_guidance"])
    assert compared.assessments[1].rules == dated.rules


def _count(ctx: Context) -> Iterator[Finding]:
    n = len(ctx.structure.posts)
    yield ctx.finding(None, f"{n} posts", f"{n}个职务")


class _Counts(GovernanceModel):
    """A toy model whose one rule reports how many posts it was given."""

    name = "toy_counts"

    @rule("toy_counts.posts", "Counts the posts.")
    def posts(self, ctx: Context) -> Iterator[Finding]:
        return _count(ctx)


class _DatedCounts(GovernanceModel):
    """The same rule, in force from 2000 on (as a law pack's rules have dates)."""

    name = "toy_dated_counts"

    @rule("toy_dated_counts.posts", "Counts the posts.", in_force=("2000", None))
    def posts(self, ctx: Context) -> Iterator[Finding]:
        return _count(ctx)


def _said(a: govmodel.Assessment) -> str:
    (rule_result,) = a.rules
    (finding,) = rule_result.findings
    return finding.message


def test_only_models_with_dated_rules_read_the_structure_as_it_stands() -> None:
    s = _committee(former=True)
    assert _said(govmodel.assess(s, _Counts)) == "6 posts"  # the whole structure, as before
    assert _said(govmodel.assess(s, _DatedCounts)) == "5 posts"
    c = govmodel.compare(s, [_Counts, _DatedCounts])
    assert [_said(a) for a in c.assessments] == ["6 posts", "5 posts"]
    assert _said(govmodel.assess(s, _Counts, as_of="2019")) == "6 posts"
    assert _said(govmodel.assess(s, _DatedCounts, as_of="2019")) == "6 posts"


def test_an_assessment_says_the_day_it_read_the_structure_as_of(monkeypatch) -> None:
    import json
    import sys

    monkeypatch.setattr(sys.modules["govmodel.assess"], "_today", lambda: "2024-03-05")
    s = _committee(former=True)
    # a model without dated rules reads the whole structure: no day
    whole = govmodel.assess(s, _Counts)
    assert whole.as_of is None
    assert json.loads(whole.to_json())["as_of"] is None
    assert "as of" not in whole.to_text()
    # a model with dated rules, without a date: today, in every report
    dated = govmodel.assess(s, _DatedCounts)
    assert dated.as_of == "2024-03-05"
    assert json.loads(dated.to_json())["as_of"] == "2024-03-05"
    assert "as of: 2024-03-05" in dated.to_text().splitlines()
    assert "截至: 2024-03-05" in dated.to_text("zh").splitlines()
    assert "as of 2024-03-05" in dated.to_markdown()
    assert "as of 2024-03-05" in dated.to_html()
    # a date given is the day for every model
    assert govmodel.assess(s, _Counts, as_of="2019").as_of == "2019"
    assert govmodel.assess(s, _DatedCounts, as_of="2019").as_of == "2019"
    c = govmodel.compare(s, [_Counts, _DatedCounts])
    assert [a.as_of for a in c.assessments] == [None, "2024-03-05"]
    assert [m["as_of"] for m in c.to_dict()["models"]] == [None, "2024-03-05"]
    c = govmodel.compare(s, [_Counts, _DatedCounts], as_of="2021-01-01")
    assert [a.as_of for a in c.assessments] == ["2021-01-01", "2021-01-01"]
