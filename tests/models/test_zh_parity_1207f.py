"""The Chinese messages of the built-in models say what the English ones say: the same
numbers, names, ids and reasons."""

from __future__ import annotations

import re

import attrs

import govmodel
from govmodel.classify.tripartite import Tripartite as TripartiteClassifier
from govmodel.metrics.voting import council_rule, owners_assembly_rule
from govmodel.models.registry import get
from govmodel.spec import (
    Decision,
    Organization,
    Person,
    Post,
    Structure,
    Tally,
    Tie,
    Unit,
    Vote,
    VotingRule,
)

_LATIN_WORD = re.compile(r"\b[a-z]{3,}\b")  # an English word (the ids here are short)
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:/\d+)?")


def _english(text: str) -> list[str]:
    return _LATIN_WORD.findall(text)


def _council(*decisions: Decision) -> Structure:
    return Structure(
        units=[Unit("s", "street"), Unit("c", "community", parent="s")],
        organizations=[
            Organization("cc", "community_council", unit="c", name="议事会"),
            Organization("oa", "owners_assembly", unit="c"),
        ],
        people=[Person("a"), Person("b"), Person("x")],
        decisions=list(decisions),
    )


def _outcome_findings(*decisions: Decision) -> dict[str, govmodel.models.Finding]:
    a = govmodel.assess(_council(*decisions), "council")
    return {f.subject or "": f for f in a.rule("council.outcome").findings}


# -- council.outcome: the arithmetic ------------------------------------------------------------


def test_council_outcome_shows_the_arithmetic_in_chinese() -> None:
    d = Decision("d", "cc", rule=council_rule(), count=Tally(members=37, yes=24), outcome="passed")
    f = _outcome_findings(d)["d"]
    assert f.message == (
        "d is recorded as passed, but 24 of 37 members voted yes; at least 2/3 of 37 = 24.67, "
        "i.e. 25, needed: failed"
    )
    assert f.message_zh == (
        "d记录为通过,但按规则计票:全体37名成员中24名赞成;须至少37的2/3 = 24.67,即25:未通过"
    )


def test_council_outcome_says_every_number_of_the_arithmetic_in_chinese() -> None:
    decisions = [
        # a double majority with a quorum: four sentences and a verdict
        Decision(
            "q",
            "oa",
            rule=owners_assembly_rule("major"),
            count=Tally(members=90, present=60, yes=45),
            area=Tally(members=9000, present=6000, yes=4400),
            outcome="passed",
        ),
        # an area shown with more decimals, votes cast, a strict threshold
        Decision(
            "r",
            "oa",
            rule=VotingRule("2/3", "present", by_area=True),
            count=Tally(members=3, present=3, yes=2, no=1),
            area=Tally(members=100.01, present=100.01, yes=66.67, no=33.34),
            outcome="passed",
        ),
        Decision(
            "t",
            "cc",
            rule=VotingRule("1/2", "cast", strict=True),
            count=Tally(members=9, present=6, yes=3, no=3),
            outcome="passed",
        ),
        # votes by proxy, with and without a quorum
        Decision(
            "u",
            "cc",
            rule=VotingRule("1/2", "members", strict=True),
            count=Tally(members=3),
            votes=[Vote("a", "yes", proxy="x"), Vote("b", "no")],
            outcome="passed",
        ),
        Decision(
            "v",
            "cc",
            rule=VotingRule("1/2", "members", strict=True, quorum="1/2"),
            count=Tally(members=3),
            votes=[Vote("a", "yes", proxy="x"), Vote("b", "no")],
            outcome="passed",
        ),
        Decision(
            "w",
            "cc",
            rule=VotingRule("1/2", "present", strict=True, quorum="2/3"),
            count=Tally(members=9, present=6, yes=4, no=2),
            outcome="failed",
        ),
    ]
    found = _outcome_findings(*decisions)
    assert sorted(found) == ["q", "r", "t", "u", "v", "w"]
    for f in found.values():
        why = f.message.split(", but ", 1)[1]
        said = f.message_zh.split("按规则计票:", 1)[1]
        assert sorted(_NUMBER.findall(said)) == sorted(_NUMBER.findall(why)), f.subject
        assert _english(said) == [], said
    assert "66.67" in found["r"].message_zh
    assert "66.673" in found["r"].message_zh
    assert "2票中1票为委托代理投票" in found["u"].message_zh
    assert "法定人数" in found["w"].message_zh
    assert found["w"].message_zh.endswith("通过")


def test_council_outcome_names_what_keeps_a_decision_from_being_counted() -> None:
    d = Decision(
        "d",
        "cc",
        rule=VotingRule("2/3", "members", quorum="1/2"),
        count=Tally(yes=3, present=4),
        outcome="passed",
    )
    f = _outcome_findings(d)["d"]
    assert "a quorum needs the number of members" in f.message
    assert f.message_zh == (
        "d记录为通过,但无法计票(问题:按人数:以全体成员为基数,但成员数未知(count.members); "
        "按人数:法定人数需要成员数(count.members))"
    )


def test_council_outcome_says_each_problem_with_its_values_in_chinese() -> None:
    r = VotingRule("2/3", "members")
    by_area = VotingRule("2/3", "present", by_area=True)
    decisions = {
        "da": (r, Tally(yes="3", members=5), (), "yes 须为数字,而非字符串 '3'(count.yes)"),
        "db": (r, Tally(yes=True, members=5), (), "不能是布尔值(count.yes)"),
        "dc": (r, Tally(yes=float("nan"), members=5), (), "须为有限数,而非 nan(count.yes)"),
        "dd": (r, Tally(members=5), [Vote("a", "maybe")], "而非 'maybe'(votes[0].choice)"),
        "de": (r, Tally(members=5), [Vote("a", "yes"), Vote("a", "no")], "'a' 投票两次"),
        "df": (by_area, Tally(members=5), [Vote("a", "yes")], "'a' 的选票未载明面积"),
        "dg": (by_area, Tally(members=5), [Vote("a", "yes", area=-3)], "面积为负数(-3)"),
        "dh": (
            r,
            Tally(members=5, yes=1),
            [Vote("a", "yes"), Vote("b", "yes")],
            "逐张选票计得 yes 为 2,多于记录的 1(count.yes)",
        ),
        "di": (r, Tally(members=5, yes=-1), (), "yes 为负数(-1)"),
        "dj": (r, Tally(members=5, yes=2.5), (), "不能是 2.5"),
        "dl": (VotingRule("2/3", "cast"), Tally(members=5, yes=2), (), "反对票数未知(count.no)"),
        "do": (r, Tally(members=5, present=2, yes=2, no=1), (), "之和超过出席人数(count)"),
        "dq": (r, Tally(members=5, present=6, yes=2), (), "出席人数多于成员数(count)"),
        "dr": (r, Tally(members=5, yes=6), (), "赞成票数超过基数(全体成员)(count)"),
    }
    found = _outcome_findings(
        *(
            Decision(i, "cc", rule=rule, count=count, votes=votes, outcome="passed")
            for i, (rule, count, votes, _) in decisions.items()
        )
    )
    assert sorted(found) == sorted(decisions)
    fields = {"yes", "count", "votes", "choice", "person", "area", "maybe", "nan", "abstain"}
    for i, (_, _, _, said) in decisions.items():
        zh = found[i].message_zh
        assert said in zh, (i, zh)
        assert set(_english(zh.split("(问题:")[1])) <= fields, (i, zh)


def test_council_outcome_names_the_outcomes_it_reads_in_chinese() -> None:
    d = Decision("d", "cc", rule=council_rule(), count=Tally(members=3, yes=3))
    d = attrs.evolve(d, outcome="PASSED")
    f = _outcome_findings(d)["d"]
    assert "not passed or failed" in f.message
    assert "'PASSED'" in f.message_zh
    assert "不是 passed 或 failed" in f.message_zh


# -- council.two_thirds --------------------------------------------------------------------------


def test_council_two_thirds_names_the_basis_and_the_council_in_both_languages() -> None:
    said = {}
    for basis in ("present", "cast"):
        d = Decision(
            "d",
            "cc",
            rule=VotingRule("1/2", basis),
            count=Tally(members=4, present=4, yes=4, no=0, abstain=0),
        )
        (f,) = govmodel.assess(_council(d), "council").rule("council.two_thirds").findings
        said[basis] = (f.message, f.message_zh)
    assert said["present"] == (
        "d of 议事会 (cc) is taken by 1/2 of those present, not by 2/3 of all members",
        "议事会 (cc)的d按出席成员的1/2表决,而非全体成员的三分之二",
    )
    assert said["cast"][0] == (
        "d of 议事会 (cc) is taken by 1/2 of the votes cast, not by 2/3 of all members"
    )
    assert said["cast"][1].startswith("议事会 (cc)的d按所投票数的1/2")


# -- tripartite.three_in_one, and the tripartite classifier's name -----------------------------


def _compound(*ties: Tie) -> Structure:
    return Structure(
        units=[Unit("c", "community"), Unit("x", "compound", parent="c")],
        organizations=[
            Organization("rc", "residents_committee", unit="c"),
            Organization("oc", "owners_committee", unit="x"),
            Organization("pc", "property_company", unit="x"),
            Organization("pb", "party_branch", unit="x"),
        ],
        people=[Person("p")],
        posts=[Post("a", "p", "pb", "secretary"), Post("b", "p", "rc", "member")],
        ties=list(ties),
    )


def test_tripartite_three_in_one_lists_the_links_in_chinese() -> None:
    s = _compound(Tie("t", "oc", "pc", "contracts"))
    (f,) = govmodel.assess(s, "tripartite").rule("tripartite.three_in_one").findings
    links = f.data["links"]
    assert isinstance(links, str)
    assert links
    assert f.message.endswith(f"(links: {links})")
    names = {
        "party": "党组织",
        "residents_committee": "社区居委会",
        "owners_committee": "业委会",
        "property_company": "物业服务企业",
    }
    listed = "、".join("与".join(names[b] for b in p.split("+")) for p in links.split(","))
    assert f.message_zh == f"x的各方主体之间缺乏联系(已有联系:{listed})"
    assert _english(f.message_zh) == []


def test_tripartite_three_in_one_says_when_there_is_no_link() -> None:
    s = attrs.evolve(_compound(), posts=[])
    (f,) = govmodel.assess(s, "tripartite").rule("tripartite.three_in_one").findings
    assert f.message.endswith("(links: none)")
    assert f.message_zh == "x的各方主体之间缺乏联系(已有联系:无)"


def test_the_tripartite_classifier_has_one_chinese_name_in_every_model() -> None:
    named = {
        model: {c.name: c.zh for c in get(model).classifiers()}.get("tripartite")
        for model in ("tripartite", "grid", "council", "eight_roles", "four_level")
    }
    assert {zh for zh in named.values() if zh is not None} == {TripartiteClassifier.zh}
    assert TripartiteClassifier.zh == "三方协同状况"


# -- four_level.levels -------------------------------------------------------------------------


def test_four_level_levels_names_the_leader_and_the_unit_in_chinese() -> None:
    s = Structure(
        units=[
            Unit("s", "street"),
            Unit("c", "community", parent="s"),
            Unit("x", "compound", parent="c"),
        ],
        organizations=[
            Organization("w", "street_party_working_committee", unit="s"),
            Organization("g", "community_party_general_branch", unit="c", parent="w"),
            Organization("b", "compound_party_branch", unit="c", parent="w"),
            Organization("h", "community_party_general_branch", unit="x"),
        ],
    )
    found = govmodel.assess(s, "four_level").rule("four_level.levels").findings
    said = {(f.subject, f.message): f.message_zh for f in found}
    led = [zh for (subject, en), zh in said.items() if subject == "b" and "led by w" in en]
    assert led == ["小区(物业)党支部 b 由 w 领导，而非由社区党总支领导"]
    unled = [zh for (subject, en), zh in said.items() if subject == "h" and "led by" in en]
    assert unled == ["社区党总支 h 无上级组织领导，应由街道党工委领导"]
    sits = [zh for (subject, en), zh in said.items() if subject == "b" and "sits in c" in en]
    assert sits == ["小区(物业)党支部 b 位于 c，而非第 6 级单元"]
    sits = [zh for (subject, en), zh in said.items() if subject == "h" and "sits in x" in en]
    assert sits == ["社区党总支 h 位于 x，而非第 5 级单元"]


def test_four_level_levels_says_a_party_organization_in_no_unit_in_chinese() -> None:
    s = Structure(
        units=[Unit("s", "street"), Unit("c", "community", parent="s")],
        organizations=[
            Organization("w", "street_party_working_committee", unit="s"),
            Organization("g", "community_party_general_branch", parent="w"),
        ],
    )
    found = govmodel.assess(s, "four_level").rule("four_level.levels").findings
    (f,) = [f for f in found if f.subject == "g" and "sits in" in f.message]
    assert "sits in no unit, not in a unit of level 5" in f.message
    assert f.message_zh == "社区党总支 g 不在任何单元中，应位于第 5 级单元"


# -- grid ----------------------------------------------------------------------------------------


def test_grid_nets_lists_the_levels_a_grid_may_have_in_chinese() -> None:
    s = Structure(
        units=[Unit("d", "district"), Unit("g", "grid", parent="d", attributes={"net": "huge"})]
    )
    found = govmodel.assess(s, "grid").rule("grid.nets").findings
    (f,) = [f for f in found if f.subject == "g"]
    assert f.message == "grid g has net 'huge', not one of big, middle, small, unit"
    assert f.message_zh == (
        "网格 g 的层级 'huge' 无效，不是 big(大网)、middle(中网)、small(小网)、unit(单元网格) 之一"
    )


def test_grid_three_in_one_gives_the_reason_in_chinese() -> None:
    s = Structure(
        units=[Unit("c", "community")],
        organizations=[Organization("ws", "work_station", unit="c")],
    )
    (f,) = govmodel.assess(s, "grid").rule("grid.three_in_one").findings
    assert "no police room shares its venue" in f.message
    assert f.message_zh == "工作站 ws 未实现“三合一”(没有警务室与其共用场所)"


# -- eight_roles.station_area ----------------------------------------------------------------------


def test_eight_roles_station_area_names_the_whole_structure_in_chinese() -> None:
    s = Structure(
        units=[Unit("c1", "community"), Unit("c2", "community")],
        organizations=[
            Organization(
                f"st{i}", "service_station", unit=f"c{i}", attributes={"floor_area_m2": 400}
            )
            for i in (1, 2)
        ],
    )
    (f,) = govmodel.assess(s, "eight_roles").rule("eight_roles.station_area").findings
    assert f.subject is None
    assert f.message.startswith("the 2 urban service stations in the structure average 400 m²")
    assert f.message_zh == "结构中2个城市社区服务站平均面积400㎡,低于城市社区平均标准450㎡"


# -- the rules' descriptions -----------------------------------------------------------------------


def test_the_chinese_descriptions_of_rules_say_what_the_english_ones_list() -> None:
    from govmodel.classify.management_mode import ManagementMode

    rules = {
        r.id: r
        for m in ("tripartite", "council", "eight_roles", "four_level")
        for r in get(m).rules()
    }
    ledger = rules["four_level.ledger"].description_zh
    for c in ManagementMode.classes:
        if c.value in ("professional", "self_managed", "work_unit"):
            assert c.zh in ledger, c.value
    assert "准物业" in ledger
    station = rules["eight_roles.station_area"]
    for word in ("station_area_m2", "scope"):
        assert word in station.description
        assert word in station.description_zh
    assert "服务站" in rules["four_level.figures"].description_zh
    assert "作出决议时" in rules["council.members"].description_zh
    assert "单元、组织" in rules["tripartite.happiness_trio"].description_zh
