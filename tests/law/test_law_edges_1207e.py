"""Law packs at their edges, checked against /work/shared/LAW.md (a fifth review): cases the
earlier edge tests (test_edges.py, test_edges_1207.py, test_law_edges_1207c.py,
test_law_edges_1207d.py) did not reach.

Each case is a minimal hand-made structure and asserts the rule's status and the exact data
of its findings.
"""

from __future__ import annotations

from typing import Any

import pytest

import govmodel
from govmodel.spec import (
    Decision,
    Observation,
    Organization,
    Person,
    Post,
    Structure,
    Tally,
    Unit,
)


def _found(s: Structure, model: str, rule_id: str, as_of: str) -> tuple[str, list[Any]]:
    r = govmodel.assess(s, model, as_of=as_of).rule(rule_id)
    return r.status, [(f.subject, f.severity, dict(f.data)) for f in r.findings]


# -- residents_committee_law.convening: a request made before the law was in force --------------
# The 1989 law is in force from 1990-01-01 (art. 23). The meeting rule skips decisions taken
# before then; the convening rule judged a request of 1985 by art. 10 all the same.


def _request(period: str | None) -> Structure:
    attributes = {"basis": "residents", "of": 100, "convened": False}
    return Structure(
        units=[Unit("c", "community", "Old Lane", attributes={"households": 600})],
        organizations=[Organization("rc", "residents_committee", unit="c")],
        observations=[
            Observation("q", "c", "convening_request", 20, period=period, attributes=attributes)
        ],
    )


@pytest.mark.parametrize(
    ("period", "examined"),
    [
        pytest.param("1985", False, id="years-before"),
        pytest.param("1989", False, id="the-year-before"),
        pytest.param("1989-12-31", False, id="the-day-before"),
        pytest.param("1990-01-01", True, id="the-first-day"),
        pytest.param("1989/1990", True, id="a-period-ending-under-the-law"),
        pytest.param(None, True, id="undated"),
    ],
)
def test_convening_request_before_the_law_is_not_examined(
    period: str | None, examined: bool
) -> None:
    status, found = _found(
        _request(period), "residents_committee_law", "residents_committee_law.convening", "2026"
    )
    obliged = [("c", "error", {"request": "q", "asked": 20, "of": 100})]
    assert (status, found) == (("failed", obliged) if examined else ("not_applicable", []))


# -- the Chinese messages say the facts the English ones say --------------------------------------
# Each rule's finding carries an English and a Chinese message. Several Chinese ones dropped a
# fact the English one gives: the band of lawful terms ("不符合规定" only), who asked for a
# residents' meeting, whether a community has too few households or too many ("超出" for
# both), the posts of a branch too small for a committee.


def _messages(s: Structure, model: str, rule_id: str, as_of: str = "2026") -> list[tuple[str, str]]:
    r = govmodel.assess(s, model, as_of=as_of).rule(rule_id)
    return [(f.message, f.message_zh) for f in r.findings]


@pytest.mark.parametrize(
    ("basis", "of", "asked", "zh"),
    [
        ("residents", 100, 20, "100 名居民中有 20 名提议召集居民会议,已达法定比例 1/5,但未召集"),
        ("households", 50, 10, "50 户中有 10 户提议召集居民会议,已达法定比例 1/5,但未召集"),
        ("groups", 9, 3, "9 个居民小组中有 3 个提议召集居民会议,已达法定比例 1/3,但未召集"),
    ],
)
def test_convening_message_zh_names_who_asked(basis: str, of: int, asked: int, zh: str) -> None:
    attributes = {"basis": basis, "of": of, "convened": False}
    s = Structure(
        units=[Unit("c", "community", "Old Lane", attributes={"households": 600})],
        organizations=[Organization("rc", "residents_committee", unit="c")],
        observations=[Observation("q", "c", "convening_request", asked, attributes=attributes)],
    )
    [(en, got)] = _messages(s, "residents_committee_law", "residents_committee_law.convening")
    assert en.startswith(f"{asked} of {of} {basis} asked")
    assert got == zh


@pytest.mark.parametrize(
    ("households", "side", "day"),
    [(99, "少于", "2025"), (701, "多于", "2025"), (999, "少于", "2026"), (3001, "多于", "2026")],
)
def test_scale_message_zh_says_fewer_or_more(households: int, side: str, day: str) -> None:
    s = Structure(
        units=[Unit("c", "community", "Old Lane", attributes={"households": households})],
        organizations=[Organization("rc", "residents_committee", unit="c")],
    )
    rule_id = "residents_committee_law.scale_" + ("2018" if day == "2025" else "2026")
    [(en, zh)] = _messages(s, "residents_committee_law", rule_id, day)
    band = "100-700" if day == "2025" else "1000-3000"
    assert ("fewer" if side == "少于" else "more") in en
    assert zh == f"Old Lane (c) 有 {households} 户,{side}居委会一般设立规模 {band} 户"


@pytest.mark.parametrize(
    ("model", "years", "zh"),
    [
        ("owners_committee_guidance", 6, "OC (oc) 任期 6 年,每届任期不超过 5 年"),
        ("hangzhou_owners_committee", 2, "OC (oc) 任期 2 年,每届任期 3 至 5 年"),
        ("hangzhou_owners_committee", 6, "OC (oc) 任期 6 年,每届任期 3 至 5 年"),
    ],
)
def test_owners_committee_term_message_zh_names_the_band(model: str, years: int, zh: str) -> None:
    s = Structure(
        units=[Unit("x", "compound", "Lanyuan", attributes={"households": 300})],
        organizations=[
            Organization(
                "oc", "owners_committee", "OC", unit="x", term_start="2024-01-01", term_years=years
            )
        ],
    )
    got = _messages(s, model, "owners_committee_guidance.term")
    assert [m[1] for m in got] == [zh]


@pytest.mark.parametrize(
    ("unit_kind", "years", "zh"),
    [
        ("community", 3, "B (b) 任期 3 年,社区、村党组织每届任期5年"),
        ("compound", 2, "B (b) 任期 2 年,每届任期3年至5年"),
        ("compound", 6, "B (b) 任期 6 年,每届任期3年至5年"),
    ],
)
def test_party_term_message_zh_names_the_band(unit_kind: str, years: int, zh: str) -> None:
    s = Structure(
        units=[Unit("u", unit_kind, "U")],
        organizations=[
            Organization(
                "b", "party_branch", "B", unit="u", term_start="2025-01-01", term_years=years
            )
        ],
    )
    got = _messages(s, "party_organizations", "party_organizations.term")
    assert [m[1] for m in got] == [zh]


def test_small_branch_message_zh_counts_the_posts() -> None:
    people = [Person(f"p{i}", party="active") for i in range(6)]
    roles = ["secretary", "deputy_secretary", "deputy_secretary", "committee_member"]
    s = Structure(
        units=[Unit("x", "compound", "Guihua")],
        organizations=[Organization("b", "party_branch", "B", unit="x")],
        people=people,
        posts=[Post(f"m{i}", f"p{i}", "b", "party_member") for i in range(6)]
        + [Post(f"c{i}", f"p{i}", "b", role) for i, role in enumerate(roles)],
    )
    [(en, zh)] = _messages(s, "party_organizations", "party_organizations.committee_size")
    assert en.endswith("it has 1 secretaries, 2 deputies and 1 committee members")
    assert zh == (
        "B (b) 正式党员 6 人,不足7人,不设支部委员会,设书记1名、副书记至多1名;"
        "现有书记 1 名、副书记 2 名、委员 1 名"
    )


# -- the Chinese message of a gap says which problem it is ----------------------------------------
# Every warning that a rule cannot check a subject said 缺失或格式有误 ("missing or malformed")
# in Chinese, also of counts that do not fit together and of a date before the election, which
# are neither: the English message says what the problem is.


def test_gap_message_zh_names_the_kind_of_problem() -> None:
    s = Structure(
        units=[
            Unit("c", "community", "Old Lane", attributes={"households": "701"}),
            Unit("x", "compound", "Lanyuan"),
        ],
        organizations=[
            Organization("rc", "residents_committee", "RC", unit="c"),
            Organization(
                "oc",
                "owners_committee",
                "OC",
                unit="x",
                term_start="2023-03-01",
                attributes={"filed": "2023-02-01"},
            ),
            Organization("rm", "residents_meeting", "RM", unit="c"),
        ],
        decisions=[Decision("d", "rm", "Budget", count=Tally(members=10, present=11, yes=6))],
    )

    def zh(model: str, rule_id: str) -> list[tuple[str, str]]:
        r = govmodel.assess(s, model, as_of="2025-06-30").rule(rule_id)
        return [(f.data["problem"], f.message_zh) for f in r.findings]

    rc = "residents_committee_law"
    assert zh(rc, f"{rc}.scale_2018") == [
        ("wrong-type", "Old Lane (c):$.units[?(@.id=='c')].attributes.households 格式有误,无法核查")
    ]
    assert zh(rc, f"{rc}.term") == [
        ("missing-field", "RC (rc):$.organizations[?(@.id=='rc')].term_start 未记录,无法核查")
    ]
    assert zh(rc, f"{rc}.meeting") == [
        ("inconsistent-tally", "d:$.decisions[?(@.id=='d')].count 计数前后矛盾,无法核查")
    ]
    path = "$.organizations[?(@.id=='oc')].attributes.filed"
    assert zh("owners_committee_guidance", "owners_committee_guidance.filing") == [
        ("invalid-value", f"OC (oc):{path} 取值有误,无法核查")
    ]
