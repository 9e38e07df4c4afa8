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
