"""``civil_code.weaker_than`` against every small tally: a rule asks at least as much as
the law exactly when every tally that passes the rule passes the law.

Art. 278 [P]: at least 2/3 of the owners and of the area take part; matters (6)-(8) need at
least 3/4 of those taking part, the others more than half. A rule on the basis of **all**
the owners implies a turnout: at least 2/3 of all of them voting yes is a quorum of 2/3
(LAW.md, Civil Code art. 278).
"""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import pytest

import govmodel
from govmodel.metrics.voting import outcome, owners_assembly_rule
from govmodel.models.law.civil_code import CivilCode, weaker_than
from govmodel.spec import Decision, Organization, Structure, Tally, Unit, VotingRule

THRESHOLDS = ("1/3", "1/2", "3/5", "2/3", "3/4", "1")
QUORUMS = (None, "1/2", "2/3", "3/4", "1")
RULES = [
    VotingRule(t, basis, strict, q)
    for t, basis, strict, q in itertools.product(
        THRESHOLDS, ("members", "present", "cast"), (False, True), QUORUMS
    )
]
#: Every tally (members, present, yes, no) with yes + no <= present <= members <= 20: enough
#: for a tally on each bound of these fractions (denominators up to 4 * 5).
TALLIES = [
    (m, p, y, n)
    for m in range(1, 21)
    for p in range(m + 1)
    for y in range(p + 1)
    for n in range(p - y + 1)
]


def passes(rule: VotingRule, m: int, p: int, y: int, n: int) -> bool:
    """What :func:`govmodel.metrics.voting.outcome` decides, in integers."""
    if rule.quorum is not None and p < rule.quorum * m:
        return False
    basis = {"members": m, "present": p, "cast": y + n}[rule.basis]
    need = rule.threshold * basis
    return y > 0 and (y > need if rule.strict else y >= need)


def passing(rule: VotingRule) -> int:
    """The tallies the rule passes, as the bits of an integer (:func:`passes`, in integer
    arithmetic for speed)."""
    tn, td = rule.threshold.numerator, rule.threshold.denominator
    qn, qd = (0, 1) if rule.quorum is None else (rule.quorum.numerator, rule.quorum.denominator)
    which = ("members", "present", "cast").index(rule.basis)
    bits = 0
    for i, (m, p, y, n) in enumerate(TALLIES):
        if y == 0 or p * qd < qn * m:
            continue
        have, need = y * td, tn * (m, p, y + n)[which]
        if have > need or (have == need and not rule.strict):
            bits |= 1 << i
    return bits


@pytest.fixture(scope="module")
def passed() -> dict[VotingRule, int]:
    return {r: passing(r) for r in RULES}


def test_the_integer_reading_is_outcomes(passed: dict[VotingRule, int]) -> None:
    rng = random.Random(278)
    for _ in range(3000):
        rule = rng.choice(RULES)
        i = rng.randrange(len(TALLIES))
        m, p, y, n = TALLIES[i]
        d = Decision("d", "b", rule=rule, count=Tally(members=m, present=p, yes=y, no=n))
        assert outcome(d).passed == passes(rule, m, p, y, n) == bool(passed[rule] >> i & 1)


def test_weaker_than_is_exact(passed: dict[VotingRule, int]) -> None:
    """``weaker_than(rule, law) == []`` exactly when no tally passes the rule and fails the
    law, for every pair of rules (by head; the count by area is the same arithmetic)."""
    wrong = []
    for rule, law in itertools.product(RULES, RULES):
        implied = passed[rule] & ~passed[law] == 0
        if (weaker_than(rule, law) == []) != implied:
            wrong.append((rule, law, weaker_than(rule, law), implied))
    assert wrong == []


@pytest.mark.parametrize("matter", ["ordinary", "major"])
def test_against_art_278(passed: dict[VotingRule, int], matter: str) -> None:
    law = owners_assembly_rule(matter)
    law_passes = passing(law)
    for rule in RULES:
        area = VotingRule(rule.threshold, rule.basis, rule.strict, rule.quorum, by_area=True)
        implied = passed[rule] & ~law_passes == 0
        assert (weaker_than(area, law) == []) == implied, rule
        if passed[rule]:  # a rule no tally passes asks at least as much as any
            assert "no count by area" in weaker_than(rule, law)


@pytest.mark.parametrize(
    ("rule", "matter", "lacks"),
    [
        # on the basis of ALL owners, by head and area: at least 2/3 is a quorum of 2/3 and
        # more than half of those taking part; at least 3/4 is what matters (6)-(8) need
        (VotingRule("2/3", "members", by_area=True), "ordinary", []),
        (VotingRule("3/4", "members", by_area=True), "major", []),
        (VotingRule("4/5", "members", by_area=True), "major", []),
        (VotingRule("2/3", "members", strict=True, by_area=True), "ordinary", []),
        # below those, it asks less
        (
            VotingRule("2/3", "members", by_area=True),
            "major",
            ["a threshold of at least 2/3 where at least 3/4 is needed"],
        ),
        (
            VotingRule("7/11", "members", by_area=True),
            "ordinary",
            ["no quorum of 2/3"],
        ),
        (
            VotingRule("1/2", "members", quorum="1/2", by_area=True),
            "ordinary",
            [
                "a quorum of 1/2 where 2/3 is needed",
                "a threshold of at least 1/2 where more than 1/2 is needed",
            ],
        ),
        (VotingRule("1/2", "members", strict=True, quorum="2/3", by_area=True), "ordinary", []),
        # a members' threshold of 2/3 with a quorum of 1/2 still implies the quorum of 2/3
        (VotingRule("2/3", "members", quorum="1/2", by_area=True), "ordinary", []),
        # on those present, the quorum is needed in its own right
        (VotingRule("3/4", "present", by_area=True), "major", ["no quorum of 2/3"]),
        (
            VotingRule("3/4", "cast", quorum="2/3", by_area=True),
            "major",
            ["counting only the votes cast"],
        ),
        # no tally passes "more than all of them": it asks at least as much as anything
        (VotingRule("1", "present", strict=True), "major", []),
        (VotingRule("5/4", "members"), "major", []),
        (VotingRule("1/2", "members", quorum="5/4"), "major", []),
    ],
)
def test_members_basis(rule: VotingRule, matter: str, lacks: list[str]) -> None:
    assert weaker_than(rule, owners_assembly_rule(matter)) == lacks


@pytest.mark.parametrize(
    ("rule", "law", "lacks"),
    [
        (
            VotingRule("3/4", "present", quorum="1/2"),
            VotingRule("1/2", "members"),
            [
                "a threshold of at least 3/4 of those present with a quorum of 1/2 (so at "
                "least 3/8 of all) where at least 1/2 of all members is needed"
            ],
        ),
        (VotingRule("3/4", "present", quorum="2/3"), VotingRule("1/2", "members"), []),
        (
            VotingRule("1/2", "present", quorum="1"),
            VotingRule("1/2", "cast", strict=True),
            [
                "a threshold of at least 1/2 of those present where more than 1/2 of the "
                "votes cast is needed"
            ],
        ),
    ],
)
def test_other_laws(rule: VotingRule, law: VotingRule, lacks: list[str]) -> None:
    assert weaker_than(rule, law) == lacks


@pytest.mark.parametrize(
    ("matter", "rule", "found"),
    [
        ("rebuild", VotingRule("3/4", "members", by_area=True), []),
        ("property_service", VotingRule("2/3", "members", by_area=True), []),
        (
            "rebuild",
            VotingRule("2/3", "members", by_area=True),
            [("d", "error", "with a threshold of at least 2/3 where at least 3/4 is needed")],
        ),
    ],
)
def test_the_pack_reads_a_members_basis(
    matter: str, rule: VotingRule, found: list[tuple[str, str, str]]
) -> None:
    # 76 of 100 owners and 7,600 of 10,000 m² voted yes, 80 and 8,000 took part: passes
    # art. 278 for any matter
    s = Structure(
        units=[Unit("x", "compound", "X")],
        organizations=[Organization("oa", "owners_assembly", unit="x")],
        decisions=[
            Decision(
                "d",
                "oa",
                "m",
                rule=rule,
                outcome="passed",
                matter=matter,
                count=Tally(members=100, present=80, yes=76),
                area=Tally(members=10000, present=8000, yes=7600),
            )
        ],
    )
    r = govmodel.assess(s, CivilCode, as_of="2026-06-30").rule("civil_code.assembly_threshold")
    got = [(f.subject, f.severity, f.message) for f in r.findings]
    assert [(s_, sev) for s_, sev, _ in got] == [(s_, sev) for s_, sev, _ in found]
    for (_, _, message), (_, _, part) in zip(got, found, strict=True):
        assert message.endswith(part)
    assert r.status == ("passed" if not found else "failed")


def test_fractions_not_floats() -> None:
    # 2/3 as the float 0.6666666666666666 is below 2/3: a threshold the rule's type reads
    # exactly, as the fraction of the decimal written
    assert (
        weaker_than(VotingRule(Fraction(2, 3), "members", by_area=True), owners_assembly_rule())
        == []
    )
    assert weaker_than(VotingRule("0.6666", "members", by_area=True), owners_assembly_rule()) == [
        "no quorum of 2/3"
    ]
