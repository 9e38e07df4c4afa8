"""Tests of govmodel.metrics.voting: outcomes in exact arithmetic, and the presets."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govmodel
from govmodel.errors import SpecError
from govmodel.metrics.voting import (
    council_rule,
    exact,
    outcome,
    outcome_from_graph,
    owners_assembly_rule,
)
from govmodel.spec import Decision, Organization, Person, Structure, Tally, Vote, VotingRule


def _decide(
    rule: VotingRule, count: Tally | None = None, area: Tally | None = None, **kw: object
) -> Decision:
    return Decision("d", "body", rule=rule, count=count, area=area, **kw)  # type: ignore[arg-type]


# -- the Chengdu council: at least 2/3 of 37 members ------------------------------------------------


@pytest.mark.parametrize(("yes", "passed"), [(25, True), (24, False), (37, True), (0, False)])
def test_council_two_thirds_of_37(yes: int, passed: bool) -> None:
    o = outcome(_decide(council_rule(), Tally(members=37, yes=yes)))
    assert o.passed is passed
    assert o.required == 25
    assert o.heads.required == Fraction(74, 3)
    assert o.basis_total == 37
    assert o.reason == ("passed" if passed else "threshold_not_met")


def test_council_explanation() -> None:
    o = outcome(_decide(council_rule(), Tally(members=37, yes=25)))
    assert o.explanation == (
        "25 of 37 members voted yes; at least 2/3 of 37 = 24.67, i.e. 25, needed: passed"
    )
    o = outcome(_decide(council_rule(), Tally(members=36, yes=23)))
    assert o.explanation == "23 of 36 members voted yes; at least 2/3 of 36 = 24 needed: failed"


def test_strict_majority_at_the_boundary() -> None:
    rule = VotingRule("1/2", "present", strict=True)
    assert not outcome(_decide(rule, Tally(present=30, yes=15))).passed  # half is not more
    assert outcome(_decide(rule, Tally(present=30, yes=16))).passed
    assert outcome(_decide(rule, Tally(present=30, yes=16))).required == 16
    assert outcome(_decide(rule, Tally(present=31, yes=16))).passed
    assert not outcome(_decide(VotingRule("1/2", "present"), Tally(present=30, yes=14))).passed
    assert outcome(_decide(VotingRule("1/2", "present"), Tally(present=30, yes=15))).passed


def test_cast_basis_and_derived_counts() -> None:
    rule = VotingRule("1/2", "cast", strict=True)
    # present and abstentions give the no votes: 20 - 9 - 4 = 7 no, 9 of 16 cast
    o = outcome(_decide(rule, Tally(present=20, yes=9, abstain=4)))
    assert (o.basis_total, o.passed) == (16, True)
    with pytest.raises(SpecError) as err:
        outcome(_decide(rule, Tally(present=20, yes=9)))
    assert err.value.codes == ("missing-tally",)


def test_quorum() -> None:
    rule = VotingRule("1/2", "present", strict=True, quorum="2/3")
    met = outcome(_decide(rule, Tally(members=30, present=20, yes=11)))
    assert (met.passed, met.quorum_met) == (True, True)
    short = outcome(_decide(rule, Tally(members=30, present=19, yes=19)))
    assert (short.passed, short.reason, short.quorum_met) == (False, "quorum_not_met", False)
    assert short.heads.quorum_required == 20
    assert short.explanation.endswith("Failed (quorum not met).")


def test_individual_votes_are_tallied() -> None:
    votes = [Vote(f"p{i}", "yes") for i in range(5)] + [Vote("q", "no"), Vote("r", "abstain")]
    o = outcome(_decide(VotingRule("2/3", "present"), votes=votes))
    assert (o.yes, o.heads.present, o.basis_total, o.passed) == (5, 7, 7, True)
    o = outcome(_decide(VotingRule("2/3", "members"), Tally(members=10), votes=votes))
    assert (o.yes, o.basis_total, o.required, o.passed) == (5, 10, 7, False)


def test_missing_and_inconsistent_counts() -> None:
    with pytest.raises(SpecError) as err:
        outcome(_decide(council_rule(), Tally(yes=25)))
    assert err.value.codes == ("missing-tally",)
    with pytest.raises(SpecError) as err:
        outcome(_decide(council_rule(), Tally(members=37, yes=38)))
    assert err.value.codes == ("inconsistent-tally",)
    with pytest.raises(SpecError) as err:
        outcome(_decide(VotingRule(quorum="1/2"), Tally(members=10, present=11, yes=6)))
    assert err.value.codes == ("inconsistent-tally",)


# -- owners' assemblies: PRC Civil Code art. 278 --------------------------------------------------


def test_owners_assembly_presets() -> None:
    ordinary, major = owners_assembly_rule(), owners_assembly_rule("major")
    assert (ordinary.threshold, ordinary.strict, ordinary.quorum) == (
        Fraction(1, 2),
        True,
        Fraction(2, 3),
    )
    assert (major.threshold, major.strict, major.quorum) == (Fraction(3, 4), False, Fraction(2, 3))
    assert ordinary.basis == major.basis == "present"
    assert ordinary.by_area
    assert major.by_area
    with pytest.raises(ValueError, match="unknown matter"):
        owners_assembly_rule("urgent")  # type: ignore[arg-type]


def _assembly(matter: str, heads: tuple[int, int, int], area: tuple[float, float, float]) -> bool:
    m, p, y = heads
    am, ap, ay = area
    d = _decide(
        owners_assembly_rule(matter),  # type: ignore[arg-type]
        Tally(members=m, present=p, yes=y),
        Tally(members=am, present=ap, yes=ay),
    )
    return outcome(d).passed


def test_owners_assembly_quorum_boundaries() -> None:
    # 2/3 of 90 owners is 60, 2/3 of 9,000 m² is 6,000: reaching both is enough
    assert _assembly("ordinary", (90, 60, 31), (9000, 6000, 3001))
    assert not _assembly("ordinary", (90, 59, 31), (9000, 6000, 3001))
    assert not _assembly("ordinary", (90, 60, 31), (9000, 5999.5, 3001))


def test_owners_assembly_ordinary_needs_more_than_half_of_both() -> None:
    assert not _assembly("ordinary", (90, 60, 30), (9000, 6000, 3001))  # half the owners
    assert not _assembly("ordinary", (90, 60, 31), (9000, 6000, 3000))  # half the area
    assert _assembly("ordinary", (90, 60, 31), (9000, 6000, 3000.5))


def test_owners_assembly_major_needs_three_quarters_of_both() -> None:
    assert _assembly("major", (90, 60, 45), (9000, 6000, 4500))  # exactly 3/4 of both
    assert not _assembly("major", (90, 60, 44), (9000, 6000, 6000))
    assert not _assembly("major", (90, 60, 60), (9000, 6000, 4499.99))


def test_double_majority_from_individual_votes() -> None:
    votes = [Vote("a", "yes", 100), Vote("b", "yes", 100), Vote("c", "no", 500)]
    d = _decide(owners_assembly_rule(), Tally(members=3), Tally(members=700), votes=votes)
    o = outcome(d)
    assert o.area is not None
    assert (o.heads.reached, o.area.reached) == (True, False)
    assert (o.passed, o.reason) == (False, "threshold_not_met")
    assert (o.area.yes, o.area.basis_total) == (200, 700)
    with pytest.raises(SpecError) as err:
        outcome(
            _decide(
                owners_assembly_rule(),
                Tally(members=3),
                Tally(members=700),
                votes=[Vote("a", "yes")],
            )
        )
    assert err.value.codes == ("missing-field",)


# -- property tests -------------------------------------------------------------------------------

thresholds = st.builds(
    Fraction,
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1, max_value=12),
).filter(lambda f: f <= 1)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=500), st.data(), thresholds, st.booleans())
def test_passed_iff_exact_inequality(
    members: int, data: st.DataObject, t: Fraction, strict: bool
) -> None:
    yes = data.draw(st.integers(min_value=0, max_value=members))
    o = outcome(_decide(VotingRule(t, "members", strict=strict), Tally(members=members, yes=yes)))
    lhs, rhs = yes * t.denominator, t.numerator * members
    expected = (lhs > rhs if strict else lhs >= rhs) and yes > 0
    assert o.passed is expected
    # the count needed is the least yes count that passes
    assert o.required >= 1
    assert (yes >= o.required) is expected


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=300), st.data(), thresholds, st.booleans())
def test_monotone_in_yes(members: int, data: st.DataObject, t: Fraction, strict: bool) -> None:
    yes = data.draw(st.integers(min_value=0, max_value=members - 1))
    rule = VotingRule(t, "members", strict=strict)
    before = outcome(_decide(rule, Tally(members=members, yes=yes))).passed
    after = outcome(_decide(rule, Tally(members=members, yes=yes + 1))).passed
    assert after or not before


# -- on graphs and the bundled datasets -----------------------------------------------------------


def test_outcome_from_a_graph() -> None:
    s = Structure(
        organizations=[Organization("oa", "owners_assembly")],
        people=[Person("a"), Person("b"), Person("c")],
        decisions=[
            Decision(
                "d1",
                "oa",
                rule=owners_assembly_rule(),
                count=Tally(members=3),
                area=Tally(members=300),
                votes=(Vote("a", "yes", 120), Vote("b", "yes", 80), Vote("c", "no", 100)),
            )
        ],
    )
    G = govmodel.to_graph(s)
    o = outcome_from_graph(G, "d1")
    assert o == outcome(s.decisions[0])
    assert o.passed
    with pytest.raises(KeyError):
        outcome_from_graph(G, "oa")


def test_chengdu_council_decision() -> None:
    s = govmodel.datasets.load("chengdu")
    (d,) = s.decisions
    o = outcome_from_graph(govmodel.to_graph(s), d.id)
    assert (o.yes, o.basis_total, o.required, o.passed) == (25, 37, 25, True)
    assert o.recorded == "passed"
    fewer = outcome(Decision(d.id, d.body, rule=d.rule, count=Tally(members=37, yes=24)))
    assert not fewer.passed


# -- exact decimals -------------------------------------------------------------------------------


def test_exact_reads_the_written_decimal() -> None:
    assert exact(30.67) == Fraction(3067, 100)
    assert exact(190.00) + exact(30.67) == exact(220.67)
    assert exact(200.20) / exact(300.30) == Fraction(2, 3)
    assert exact(Decimal("0.1")) == Fraction(1, 10)
    assert exact("220.67") == exact(220.67)
    assert exact(7) == 7
    assert type(exact(7)) is Fraction
    for bad in (float("nan"), float("inf"), Decimal("NaN")):
        with pytest.raises(ValueError, match="finite"):
            exact(bad)
    with pytest.raises(TypeError, match="boolean"):
        exact(True)


def test_a_consistent_two_decimal_tally_is_not_refused() -> None:
    """190.00 + 20.67 + 10.00 = 220.67 m² present of 220.67: as floats the sum exceeds the
    members."""
    assert 190.00 + 20.67 + 10.00 > 220.67  # the float trap this guards against
    rule = VotingRule("1/2", "present", strict=True, quorum="2/3", by_area=True)
    votes = (Vote("a", "yes", 190.00), Vote("b", "yes", 20.67), Vote("c", "no", 10.00))
    d = _decide(rule, Tally(members=3), Tally(members=220.67), votes=votes)
    o = outcome(d)
    assert o.passed
    assert o.area is not None
    assert o.area.present == Fraction(22067, 100) == o.area.members
    assert o.area.yes == Fraction(21067, 100)


def test_exactly_two_thirds_of_the_area_meets_the_quorum() -> None:
    """200.20 of 300.30 m² is exactly 2/3: the quorum of at least 2/3 is met."""
    rule = owners_assembly_rule()
    d = _decide(
        rule,
        Tally(members=3, present=2, yes=2),
        Tally(members=300.30, present=200.20, yes=200.20),
    )
    o = outcome(d)
    assert o.quorum_met
    assert o.passed
    assert o.area is not None
    assert o.area.quorum_required == Fraction(2, 3) * Fraction("300.3")
    assert "200.2 of 300.3 took part" in o.explanation
    assert "quorum: met" in o.explanation


def test_a_non_finite_area_is_a_spec_error() -> None:
    rule = VotingRule("1/2", "present", by_area=True)
    with pytest.raises(SpecError) as err:
        outcome(_decide(rule, Tally(present=1, yes=1), Tally(present=float("nan"), yes=1)))
    assert err.value.problems[0].path.endswith(".area.present")
    votes = (Vote("a", "yes", float("inf")),)
    with pytest.raises(SpecError) as err:
        outcome(_decide(rule, Tally(present=1, yes=1), votes=votes))
    assert err.value.problems[0].path.endswith(".votes[0].area")


_cents = st.integers(min_value=1, max_value=10**7)  # a two-decimal area, in hundredths of m²


@settings(max_examples=200)
@given(st.lists(_cents, min_size=1, max_size=30), st.data())
def test_two_decimal_areas_add_up_exactly(cents: list[int], data: st.DataObject) -> None:
    """Areas written with two decimals: every part voting makes the present area equal the
    members' (written as the two-decimal total), and a quorum of the whole is met, whatever
    the binary float sum would say."""
    areas = [float(f"{c / 100:.2f}") for c in cents]
    total = float(f"{sum(cents) / 100:.2f}")
    choices = data.draw(
        st.lists(st.sampled_from(["yes", "no"]), min_size=len(areas), max_size=len(areas))
    )
    votes = tuple(
        Vote(f"p{i}", ch, a) for i, (ch, a) in enumerate(zip(choices, areas, strict=True))
    )  # type: ignore[arg-type]
    rule = VotingRule("1/2", "present", quorum=1, by_area=True)
    o = outcome(_decide(rule, Tally(members=len(areas)), Tally(members=total), votes=votes))
    assert o.quorum_met
    assert o.area is not None
    assert o.area.present == Fraction(sum(cents), 100)
    yes = sum(c for c, ch in zip(cents, choices, strict=True) if ch == "yes")
    assert o.area.yes == Fraction(yes, 100)
    assert o.area.reached == (2 * yes >= sum(cents) and yes > 0)


@settings(max_examples=200)
@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_two_decimal_quorum_at_exactly_two_thirds(k: int, unit: int) -> None:
    """present = 2k hundredths of members = 3k hundredths (times any unit): always met."""
    members = float(f"{3 * k * unit / 100:.2f}")
    present = float(f"{2 * k * unit / 100:.2f}")
    rule = owners_assembly_rule()
    d = _decide(
        rule,
        Tally(members=3, present=2, yes=2),
        Tally(members=members, present=present, yes=present),
    )
    assert outcome(d).quorum_met


def test_validate_reads_two_decimal_tallies_exactly() -> None:
    """validate refused 190.00 + 30.67 of 220.67 m² present as votes-exceed-members."""
    from govmodel.validate import validate

    rule = VotingRule("1/2", "present", strict=True, by_area=True)
    d = _decide(rule, Tally(present=2, yes=1, no=1), Tally(present=220.67, yes=190.00, no=30.67))
    s = Structure(organizations=[Organization("body", "owners_assembly")], decisions=[d])
    assert validate(s) == ()
    over = _decide(rule, Tally(present=2, yes=1, no=1), Tally(present=220.66, yes=190.00, no=30.67))
    with pytest.raises(SpecError) as err:
        validate(
            Structure(organizations=[Organization("body", "owners_assembly")], decisions=[over])
        )
    assert err.value.codes == ("votes-exceed-members",)
    assert "(220.67) exceed" in err.value.problems[0].message


@settings(max_examples=100)
@given(st.lists(st.integers(min_value=0, max_value=10**7), min_size=1, max_size=3))
def test_validate_accepts_every_consistent_two_decimal_tally(cents: list[int]) -> None:
    from govmodel.validate import validate

    parts = [float(f"{c / 100:.2f}") for c in cents] + [None] * (3 - len(cents))
    total = float(f"{sum(cents) / 100:.2f}")
    area = Tally(members=total, present=total, yes=parts[0], no=parts[1], abstain=parts[2])
    d = _decide(VotingRule("1/2", "present", by_area=True), None, area)
    assert (
        validate(Structure(organizations=[Organization("body", "owners_assembly")], decisions=[d]))
        == ()
    )


@pytest.mark.parametrize(
    ("count", "area", "votes", "path"),
    [
        (Tally(members="37", yes=25), None, (), "count.members"),
        (Tally(members=37, yes="25"), None, (), "count.yes"),
        (Tally(members=3), None, (Vote("p", "maybe"),), "votes[0].choice"),  # type: ignore[arg-type]
        (Tally(members=3), None, (Vote("p", ["yes"]),), "votes[0].choice"),  # type: ignore[arg-type]
        (
            Tally(members=3, present=2),
            Tally(members=300, present=200),
            (Vote("p", "yes", area="100"),),  # type: ignore[arg-type]
            "votes[0].area",
        ),
    ],
)
def test_a_count_that_is_a_string_or_a_choice_none_of_the_three_is_refused(
    count: Tally, area: Tally | None, votes: tuple[Vote, ...], path: str
) -> None:
    # "25" is not 25: the outcome is refused at the value's path, not computed from it
    rule = owners_assembly_rule("major") if area is not None else council_rule()
    with pytest.raises(SpecError) as err:
        outcome(_decide(rule, count, area, votes=votes))
    assert [(p.code, p.path) for p in err.value.problems] == [
        ("wrong-type", f"$.decisions[?(@.id=='d')].{path}")
    ]
