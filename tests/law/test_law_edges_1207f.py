"""Law packs at their edges, checked against /work/shared/LAW.md (a sixth review): cases the
earlier edge tests (test_edges.py, test_edges_1207.py, test_law_edges_1207c.py to
test_law_edges_1207e.py) did not reach.

Each case is a minimal hand-made structure and asserts the rule's status and the exact data
(or message) of its findings.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

import govmodel
from govmodel.metrics.voting import owners_assembly_rule
from govmodel.spec import (
    Decision,
    Observation,
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

#: An integer of more digits than Python writes out (4,300 by default).
BIG = 10**5000


def _found(s: Structure, model: str, rule_id: str, as_of: str) -> tuple[str, list[Any]]:
    r = govmodel.assess(s, model, as_of=as_of).rule(rule_id)
    return r.status, [(f.subject, f.severity, f.message) for f in r.findings]


# -- counts too long to write out --------------------------------------------------------------
# A count recorded as an integer of more than 4,300 digits is a whole number the rules read;
# the messages that named it raised Python's ValueError (integer string conversion) and the
# whole assessment failed. They now show it as about its size, as voting.outcome does.


def _rc(households: object = 500, **org: Any) -> Structure:
    return Structure(
        units=[Unit("c", "community", attributes={"households": households})],
        organizations=[Organization("rc", "residents_committee", unit="c", **org)],
    )


@pytest.mark.parametrize(
    ("s", "model", "rule_id", "message"),
    [
        (
            _rc(BIG),
            "residents_committee_law",
            "residents_committee_law.scale_2026",
            "c has about 1.00e+5000 households, more than the 1,000-3,000 a residents' "
            "committee generally serves",
        ),
        (
            _rc(-BIG),
            "residents_committee_law",
            "residents_committee_law.scale_2026",
            "c: households is a whole number of at least 0, not about -1.00e+5000, so the "
            "2025 revision's scale cannot be checked",
        ),
        (
            _rc(term_start="2020", attributes={"term_years": BIG}),
            "residents_committee_law",
            "residents_committee_law.term",
            "rc is recorded as elected for about 1.00e+5000 years; art. 8 sets 5 for a "
            "committee elected 2020",
        ),
        (
            Structure(
                organizations=[Organization("rm", "residents_meeting")],
                decisions=[
                    Decision(
                        "d", "rm", count=Tally(members=BIG, present=3, yes=2), outcome="passed"
                    )
                ],
            ),
            "residents_committee_law",
            "residents_committee_law.meeting",
            "d is recorded as passed, but 3 of about 1.00e+5000 attended, not more than half",
        ),
        (
            Structure(
                units=[Unit("c", "community")],
                observations=[
                    Observation(
                        "q",
                        "c",
                        "convening_request",
                        BIG,
                        attributes={"basis": "households", "of": BIG, "convened": False},
                    )
                ],
            ),
            "residents_committee_law",
            "residents_committee_law.convening",
            "about 1.00e+5000 of about 1.00e+5000 households asked for a residents' meeting "
            "(at least 1/5 obliges the committee), and it was not convened",
        ),
        (
            Structure(
                organizations=[Organization("oc", "owners_committee")],
                decisions=[
                    Decision(
                        "d", "oc", count=Tally(members=BIG, present=3, yes=2), outcome="passed"
                    )
                ],
            ),
            "owners_committee_guidance",
            "owners_committee_guidance.meeting",
            "d is recorded as passed, but 3 of about 1.00e+5000 attended, not more than half",
        ),
        (
            Structure(
                organizations=[
                    Organization("oc", "owners_committee", term_start="2025-01-01", term_years=BIG)
                ]
            ),
            "owners_committee_guidance",
            "owners_committee_guidance.term",
            "oc is elected for about 1.00e+5000 years; a term is at most 5 years",
        ),
        (
            Structure(
                organizations=[
                    Organization("oc", "owners_committee", term_start="2025-01-01", term_years=-BIG)
                ]
            ),
            "owners_committee_guidance",
            "owners_committee_guidance.term",
            "oc: term_years is a whole number of years, at least 1, not about -1.00e+5000, so "
            "the committee's term cannot be checked",
        ),
        (
            Structure(
                organizations=[
                    Organization("pb", "party_branch", term_start="2025-01-01", term_years=BIG)
                ]
            ),
            "party_organizations",
            "party_organizations.term",
            "pb is elected for about 1.00e+5000 years; its term is 3 to 5 years",
        ),
    ],
)
def test_a_count_too_long_to_write_out_is_shown_by_its_size(
    s: Structure, model: str, rule_id: str, message: str
) -> None:
    status, found = _found(s, model, rule_id, "2026-06-30")
    assert status == "failed"
    assert found[0][2] == message


def _seats(seats: object, *posts: Post) -> Structure:
    people = {p.person for p in posts}
    return Structure(
        organizations=[Organization("oc", "owners_committee", attributes={"seats": seats})],
        people=[Person(p) for p in sorted(people)],
        posts=list(posts),
    )


def test_seats_too_long_to_write_out() -> None:
    members = [Post(f"m{i}", f"p{i}", "oc", "committee_member") for i in range(5)]
    _, found = _found(
        _seats(BIG, *members),
        "owners_committee_guidance",
        "owners_committee_guidance.re_election",
        "2026-06-30",
    )
    assert [m for *_, m in found] == [
        "oc has 5 members, fewer than half of its about 1.00e+5000 seats; it is to be re-elected"
    ]
    _, found = _found(
        _seats(-BIG, *members),
        "owners_committee_guidance",
        "owners_committee_guidance.re_election",
        "2026-06-30",
    )
    assert [m for *_, m in found] == [
        "oc: seats is a whole number of at least 1, not about -1.00e+5000, so the "
        "re-election threshold cannot be checked"
    ]


def test_alternate_ranks_too_long_to_write_out() -> None:
    s = _seats(
        7,
        Post("a1", "a", "oc", "alternate", attributes={"rank": BIG}),
        Post("b1", "b", "oc", "alternate", attributes={"rank": BIG + 1}),
        Post("b2", "b", "oc", "committee_member"),
    )
    _, found = _found(
        s, "owners_committee_guidance", "owners_committee_guidance.alternates", "2026-06-30"
    )
    assert [m for *_, m in found] == [
        "b, alternate no. about 1.00e+5000, took a seat on oc while a, alternate no. about "
        "1.00e+5000, still waits",
        "oc has 1 members of 7 seats; 6 vacant seats should be filled by the alternates, "
        "first a (no. about 1.00e+5000)",
    ]
    s = _seats(7, Post("a1", "a", "oc", "alternate", attributes={"rank": -BIG}))
    _, found = _found(
        s, "owners_committee_guidance", "owners_committee_guidance.alternates", "2026-06-30"
    )
    assert [m for *_, m in found] == [
        "oc: rank is a whole number of at least 1, not about -1.00e+5000, so the order of "
        "the alternates cannot be checked"
    ]


# -- civil_code.assembly_threshold: the area of the dwellings the roster leaves out -------------
# The warning named their area through a Decimal division, which keeps 28 digits (10**30 m²
# and a half as 10**30 m²), and its data took float() of it, which raised OverflowError (the
# whole assessment failed) for an area beyond a float's range.


def _left_out(*areas: float) -> Structure:
    sold = [
        Unit(f"h{i}", "household", parent="x", attributes={"floor_area_m2": 100}) for i in (1, 2, 3)
    ]
    unsold = [
        Unit(f"u{i}", "household", parent="x", attributes={"floor_area_m2": a})
        for i, a in enumerate(areas)
    ]
    return Structure(
        units=[Unit("x", "compound"), *sold, *unsold],
        people=[Person("a"), Person("b"), Person("c")],
        ties=[Tie(f"t{i}", p, f"h{i}", "owns") for i, p in ((1, "a"), (2, "b"), (3, "c"))],
        organizations=[Organization("oa", "owners_assembly", unit="x")],
        decisions=[
            Decision(
                "d",
                "oa",
                rule=owners_assembly_rule("ordinary"),
                matter="property_service",
                outcome="passed",
                date="2022-01-01",
                votes=[Vote("a", "yes"), Vote("b", "yes")],
            )
        ],
    )


@pytest.mark.parametrize(
    ("areas", "shown", "data"),
    [
        ((10**30, 0.5), "1000000000000000000000000000000.5 m²", 1e30),
        ((1e308, 1e308), "2" + "0" * 308 + " m²", math.inf),
        ((10**5000,), "about 1.00e+5000 m²", math.inf),
        ((89.5, 120.25), "209.75 m²", 209.75),
    ],
)
def test_left_out_area_with_all_its_digits(
    areas: tuple[float, ...], shown: str, data: float
) -> None:
    a = govmodel.assess(_left_out(*areas), "civil_code", as_of="2022-06-01")
    (f,) = a.rule("civil_code.assembly_threshold").findings
    assert f.severity == "warning"
    assert f"leaves out {len(areas)} dwelling" in f.message
    assert f"({shown})" in f.message
    assert f.data["unowned_area_m2"] == data
    a.to_json()  # an infinity is written null


# -- the Chinese messages say what the English ones say -----------------------------------------
# A report in Chinese (to_html("zh")) showed, for these findings, less than the English one:
# not whether an expiry report was late or missing, not the meeting's counts, not the date of
# a late filing, not why an assembly's decision fails art. 278 or which matter is unknown,
# not the area left out of a roster, not the building of a dwelling in business use.


def _messages(s: Structure, model: str, rule_id: str, as_of: str) -> list[tuple[str, str]]:
    r = govmodel.assess(s, model, as_of=as_of).rule(rule_id)
    return [(f.subject or "", f.message_zh) for f in r.findings]


def test_zh_report_before_expiry_late_or_missing() -> None:
    s = Structure(
        units=[Unit("x", "compound", attributes={"households": 50})],
        organizations=[
            Organization(
                "oc",
                "owners_committee",
                unit="x",
                term_start="2020-05-31",
                term_years=3,
                attributes={"expiry_reported": "2023-03-01"},
            ),
            Organization("od", "owners_committee", unit="x", term_start="2020-05-31", term_years=3),
        ],
    )
    assert _messages(
        s, "hangzhou_owners_committee", "hangzhou_owners_committee.report_expiry", "2023-06-30"
    ) == [
        ("oc", "oc 任期 2023-05-31 届满,应于 2023-02-28 前向街道办事处报告,实际于 2023-03-01 报告"),
        ("od", "od 任期 2023-05-31 届满,应于 2023-02-28 前向街道办事处报告,未见报告记录"),
    ]


def test_zh_meetings_name_their_counts() -> None:
    s = Structure(
        organizations=[
            Organization("rm", "residents_meeting"),
            Organization("oc", "owners_committee"),
        ],
        decisions=[
            Decision("d1", "rm", count=Tally(members=10, present=5, yes=5), outcome="passed"),
            Decision("d2", "rm", count=Tally(members=10, present=6, yes=3), outcome="passed"),
            Decision("d3", "oc", count=Tally(members=7, present=5, yes=3), outcome="passed"),
            Decision("d4", "oc", count=Tally(members=6, present=3, yes=3), outcome="passed"),
        ],
    )
    assert _messages(
        s, "residents_committee_law", "residents_committee_law.meeting", "2026-06-30"
    ) == [
        ("d1", "d1 记为通过,但出席 5 人,未过全体 10 人的半数"),
        ("d2", "d2 记为通过,但同意 3 人,未过出席 6 人的半数"),
    ]
    assert _messages(
        s, "owners_committee_guidance", "owners_committee_guidance.meeting", "2026-06-30"
    ) == [
        ("d3", "d3 记为通过,但同意 3 人,未过全体 7 人的半数"),
        ("d4", "d4 记为通过,但出席 3 人,未过全体 6 人的半数"),
    ]


def test_zh_filing_and_first_meeting_name_the_dates() -> None:
    s = Structure(
        organizations=[
            Organization(
                "oc",
                "owners_committee",
                term_start="2023-03-01",
                attributes={"filed": "2023-04-01"},
            )
        ]
    )
    model = "owners_committee_guidance"
    assert _messages(s, model, "owners_committee_guidance.filing", "2026-06-30") == [
        ("oc", "oc 于 2023-03-01 选举产生,备案日期 2023-04-01 晚于选举后 30 日(2023-03-31)")
    ]
    assert _messages(s, model, "owners_committee_guidance.first_meeting", "2026-06-30") == [
        ("oc", "oc 于 2023-03-01 选举产生,未见首次会议记录(应于 2023-03-08 前)")
    ]


def test_zh_assembly_says_why_it_fails_and_what_is_left_out() -> None:
    units = [Unit("x", "compound")] + [
        Unit(f"h{i}", "household", parent="x", attributes={"floor_area_m2": 100}) for i in range(4)
    ]
    votes = {
        "funds": ("raise_maintenance_funds", "major", ("yes", "yes", "no")),
        "few": ("property_service", "ordinary", ("yes",)),
        "no": ("property_service", "ordinary", ("yes", "no", "no")),
    }
    s = Structure(
        units=units,
        people=[Person(p) for p in "abc"],
        ties=[Tie(f"t{i}", p, f"h{i}", "owns") for i, p in enumerate("abc")],
        organizations=[Organization("oa", "owners_assembly", unit="x")],
        decisions=[
            Decision(
                d,
                "oa",
                matter=matter,
                rule=owners_assembly_rule(kind),
                outcome="passed",
                date="2022-01-01",
                votes=[Vote(p, c) for p, c in zip("abc", choices, strict=False)],
            )
            for d, (matter, kind, choices) in votes.items()
        ]
        + [
            Decision("odd", "oa", matter="weird", outcome="passed", date="2022-01-01"),
            Decision("none", "oa", outcome="passed", date="2022-01-01"),
        ],
    )
    left = "按业主名册计票,其中 1 个专有部分(100 m²)未登记业主而未计入,第二百七十八条的人数和面积可能偏低"
    assert _messages(s, "civil_code", "civil_code.assembly_threshold", "2022-06-01") == [
        ("funds", f"funds {left}"),
        (
            "funds",
            "funds 记为通过,但按第二百七十八条未通过:同意的业主人数或专有部分面积未达参与表决的四分之三",
        ),
        ("few", f"few {left}"),
        (
            "few",
            "few 记为通过,但按第二百七十八条未通过:参与表决的业主人数或专有部分面积不足三分之二",
        ),
        ("no", f"no {left}"),
        (
            "no",
            "no 记为通过,但按第二百七十八条未通过:同意的业主人数或专有部分面积未过参与表决的半数",
        ),
        (
            "odd",
            "odd 载明的表决事项 'weird' 不是第二百七十八条所列事项,无法适用第二百七十八条的表决比例",
        ),
        ("none", "none 未载明表决事项,无法适用第二百七十八条的表决比例"),
    ]


def test_zh_business_use_names_the_building() -> None:
    s = Structure(
        units=[
            Unit("x", "compound"),
            Unit("b1", "building", "Block 1", parent="x"),
            Unit("h", "household", parent="b1", attributes={"use": "business"}),
        ]
    )
    assert _messages(s, "civil_code", "civil_code.business_use", "2022-06-01") == [
        ("h", "h(位于楼栋 Block 1 (b1)) 住改商未经有利害关系的业主同意")
    ]


def test_zh_assembly_says_what_its_rule_lacks() -> None:
    s = Structure(
        units=[Unit("x", "compound")],
        organizations=[Organization("oa", "owners_assembly", unit="x")],
        decisions=[
            Decision(
                "d",
                "oa",
                rule=VotingRule("1/2", "present", strict=True),
                matter="raise_maintenance_funds",
                outcome="passed",
                date="2022-01-01",
                count=Tally(members=12, present=9, yes=9),
                area=Tally(members=1200, present=900, yes=900),
            )
        ],
    )
    assert _messages(s, "civil_code", "civil_code.assembly_threshold", "2022-06-01") == [
        (
            "d",
            "d 表决“筹集建筑物及其附属设施的维修资金”(第二百七十八条第(6)项)所用规则低于法定比例:"
            "未按专有部分面积计票;未要求 2/3 以上参与表决;通过比例为超过 1/2,法定为至少 3/4",
        )
    ]


def test_zh_assembly_says_why_it_cannot_be_counted() -> None:
    s = Structure(
        units=[Unit("x", "compound")],
        organizations=[Organization("oa", "owners_assembly", unit="x")],
        decisions=[
            Decision(
                "d",
                "oa",
                rule=owners_assembly_rule("ordinary"),
                matter="property_service",
                date="2022-01-01",
                count=Tally(members=9, present=6, yes=True),
                area=Tally(members=900, present=600, yes=400),
            ),
            Decision(
                "e",
                "oa",
                rule=owners_assembly_rule("ordinary"),
                matter="property_service",
                date="2022-01-01",
                count=Tally(members=9, present=6, yes=4),
            ),
        ],
    )
    r = govmodel.assess(s, "civil_code", as_of="2022-06-01").rule("civil_code.assembly_threshold")
    assert [(f.message, f.message_zh) for f in r.findings] == [
        (
            "d cannot be counted under art. 278: count.yes is a number, not True",
            "d 的计票不足以按第二百七十八条核算:$.decisions[?(@.id=='d')].count.yes 格式有误",
        ),
        (
            "e cannot be counted under art. 278: area: a quorum needs the number of members "
            "(and 3 more problems)",
            "e 的计票不足以按第二百七十八条核算:$.decisions[?(@.id=='e')].area.members 未记录"
            "(另有 3 处问题)",
        ),
    ]
