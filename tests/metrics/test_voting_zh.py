"""``Outcome.explanation_zh``: the arithmetic of :func:`govmodel.metrics.voting.outcome` in
Chinese, sentence for sentence, with the numbers the English writes."""

from __future__ import annotations

import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from govmodel.errors import SpecError
from govmodel.metrics.voting import council_rule, outcome, owners_assembly_rule
from govmodel.spec import Decision, Tally, Vote, VotingRule

_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:/\d+)?")


def test_the_council_example_in_chinese() -> None:
    o = outcome(Decision("d", "c", rule=council_rule(), count=Tally(members=37, yes=24)))
    assert o.explanation_zh == "全体37名成员中24名赞成;须至少37的2/3 = 24.67,即25:未通过"


def test_a_double_majority_in_chinese() -> None:
    d = Decision(
        "d2",
        "assembly",
        rule=owners_assembly_rule("major"),
        count=Tally(members=90, present=60, yes=45),
        area=Tally(members=9000, present=6000, yes=4400),
    )
    assert outcome(d).explanation_zh.split("。") == [
        "全体90名成员中60名参与表决;法定人数须至少为90的2/3 = 60:已达到",
        "出席的60人中45人赞成;须至少60的3/4 = 45:已达到",
        "按面积:全体9000中6000参与表决;参与表决的面积须至少为9000的2/3 = 6000:已达到",
        "按面积:出席的6000中4400赞成;须至少6000的3/4 = 4500:未达到",
        "未通过(赞成未达到门槛)",
    ]


def test_votes_by_proxy_in_chinese() -> None:
    votes = (Vote("a", "yes", proxy="b"), Vote("b", "yes"), Vote("c", "no"))
    d = Decision("d", "c", rule=VotingRule("1/2", basis="cast"), votes=votes)
    o = outcome(d)
    assert o.explanation.endswith("1 of the 3 votes was cast by proxy")
    assert o.explanation_zh.endswith("。3票中1票为委托代理投票")


@settings(max_examples=300, deadline=None)
@given(
    basis=st.sampled_from(["members", "present", "cast"]),
    threshold=st.sampled_from(["1/2", "2/3", "3/4"]),
    strict=st.booleans(),
    quorum=st.sampled_from([None, "1/2", "2/3"]),
    by_area=st.booleans(),
    heads=st.lists(st.integers(0, 60), min_size=4, max_size=4),
    areas=st.lists(st.decimals(0, 9000, places=2), min_size=4, max_size=4),
)
def test_the_chinese_says_every_number_the_english_says(
    basis: str,
    threshold: str,
    strict: bool,
    quorum: str | None,
    by_area: bool,
    heads: list[int],
    areas: list[object],
) -> None:
    members, present, yes, no = sorted(heads, reverse=True)
    a_members, a_present, a_yes, a_no = (float(x) for x in sorted(areas, reverse=True))  # type: ignore[arg-type]
    rule = VotingRule(threshold, basis=basis, strict=strict, quorum=quorum, by_area=by_area)  # type: ignore[arg-type]
    d = Decision(
        "d",
        "c",
        rule=rule,
        count=Tally(members=members, present=present, yes=yes, no=min(no, present - yes)),
        area=Tally(members=a_members, present=a_present, yes=a_yes, no=min(a_no, a_present - a_yes))
        if by_area
        else None,
    )
    try:
        o = outcome(d)
    except SpecError:  # a tally the rule cannot count (no yes votes' basis, …)
        assume(False)
    # the same numbers (a Chinese sentence names the whole before its part)
    assert sorted(_NUMBER.findall(o.explanation_zh)) == sorted(_NUMBER.findall(o.explanation))
    # a sentence for each of the English's, the verdict the same
    sentences = re.split(r"(?<!i\.e)\. ", o.explanation.removesuffix("."))
    assert len(o.explanation_zh.split("。")) == len(sentences)
    assert ("未通过" not in o.explanation_zh) == o.passed
