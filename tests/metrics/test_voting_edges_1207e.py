"""Edges of govmodel.metrics.voting: repeated voters, recorded counts against the votes,
values that are no count, and amounts beyond a float's digits."""

from __future__ import annotations

from fractions import Fraction

import attrs
import pytest

import govmodel
from govmodel.errors import SpecError
from govmodel.metrics.voting import council_rule, outcome, outcome_from_graph, owners_assembly_rule
from govmodel.spec import Decision, Organization, Person, Structure, Tally, Vote, VotingRule
from govmodel.testing.linear import assert_linear

AT = "$.decisions[?(@.id=='d')]"


def _decide(
    rule: VotingRule, count: Tally | None = None, area: Tally | None = None, **kw: object
) -> Decision:
    return Decision("d", "oa", rule=rule, count=count, area=area, **kw)  # type: ignore[arg-type]


def _codes(d: Decision) -> list[tuple[str, str]]:
    with pytest.raises(SpecError) as err:
        outcome(d)
    return [(p.code, p.path) for p in err.value.problems]


def test_a_person_voting_twice_is_refused_not_counted_twice() -> None:
    # one person is one head: a second ballot of 'a' must not turn 1 yes of 3 into 2 of 3
    votes = (Vote("a", "yes"), Vote("a", "yes"), Vote("b", "no"))
    d = _decide(council_rule(), Tally(members=3), votes=votes)
    assert _codes(d) == [("duplicate-vote", f"{AT}.votes[1].person")]
    # by area, the same voter's area is not added twice either
    areas = (Vote("a", "yes", 60), Vote("b", "no", 40), Vote("a", "yes", 60))
    d = _decide(owners_assembly_rule(), Tally(members=2), Tally(members=100), votes=areas)
    assert _codes(d) == [("duplicate-vote", f"{AT}.votes[2].person")]


@pytest.mark.parametrize(
    ("count", "area", "votes", "problem"),
    [
        (Tally(members=True, yes=True), None, (), ("wrong-type", "count.members")),
        (Tally(members=3, yes=float("nan")), None, (), ("non-finite-number", "count.yes")),
        (
            Tally(members=2),
            Tally(members=10),
            (Vote("a", "yes", True), Vote("b", "yes", 5)),  # type: ignore[arg-type]
            ("wrong-type", "votes[0].area"),
        ),
        (
            Tally(members=2),
            Tally(members=10),
            (Vote("a", "yes", float("inf")), Vote("b", "yes", 5)),
            ("non-finite-number", "votes[0].area"),
        ),
    ],
)
def test_a_boolean_or_a_non_finite_number_is_coded_as_validation_codes_it(
    count: Tally, area: Tally | None, votes: tuple[Vote, ...], problem: tuple[str, str]
) -> None:
    # True is no count (wrong-type), NaN no finite one: not a contradiction between counts
    rule = owners_assembly_rule() if area is not None else council_rule()
    code, path = problem
    assert _codes(_decide(rule, count, area, votes=votes)) == [(code, f"{AT}.{path}")]


def test_a_boolean_tally_is_refused_alike_from_a_graph() -> None:
    d = _decide(council_rule(), Tally(members=3, yes=2))
    s = Structure(organizations=[Organization("oa", "council")], decisions=[d])
    G = govmodel.to_graph(s)
    G.nodes["d"]["heads_yes"] = True
    with pytest.raises(SpecError) as from_graph:
        outcome_from_graph(G, "d")
    bad = attrs.evolve(d, count=Tally(members=3, yes=True))  # type: ignore[arg-type]
    assert [p.code for p in from_graph.value.problems] == [c for c, _ in _codes(bad)]


@pytest.mark.parametrize(
    ("count", "area", "votes", "path"),
    [
        # three yes ballots, but only 2 recorded present and 1 yes
        (
            Tally(members=5, present=2, yes=1, no=1),
            None,
            (Vote("a", "yes"), Vote("b", "yes"), Vote("c", "yes")),
            "count.present",
        ),
        (
            Tally(members=5, yes=1),
            None,
            (Vote("a", "yes"), Vote("b", "yes"), Vote("c", "no")),
            "count.yes",
        ),
        # the yes ballots carry 80 m², the area tally records 50 m² of yes
        (
            Tally(members=3),
            Tally(members=100, yes=50),
            (Vote("a", "yes", 40), Vote("b", "yes", 40), Vote("c", "no", 20)),
            "area.yes",
        ),
    ],
)
def test_recorded_counts_short_of_the_individual_votes_contradict_them(
    count: Tally, area: Tally | None, votes: tuple[Vote, ...], path: str
) -> None:
    rule = owners_assembly_rule() if area is not None else council_rule()
    assert _codes(_decide(rule, count, area, votes=votes)) == [
        ("inconsistent-tally", f"{AT}.{path}")
    ]


def test_recorded_counts_above_the_votes_are_kept() -> None:
    # individual votes may be only those known: a recorded count above them stands
    d = _decide(council_rule(), Tally(members=3, present=3, yes=2), votes=(Vote("a", "yes"),))
    o = outcome(d)
    assert (o.passed, o.yes) == (True, 2)


def test_a_complete_area_tally_needs_no_area_on_each_vote() -> None:
    # heads from the ballots, the area from the recorded tally: nothing is tallied by area
    votes = (Vote("a", "yes"), Vote("b", "yes"), Vote("c", "no"))
    area = Tally(members=100, present=100, yes=60, no=40, abstain=0)
    o = outcome(_decide(owners_assembly_rule(), Tally(members=3), area, votes=votes))
    assert (o.passed, o.yes, o.area is not None and o.area.yes) == (True, 2, 60)
    # an area tally that leaves the yes votes open still needs each vote's area
    open_area = Tally(members=100, present=100)
    d = _decide(owners_assembly_rule(), Tally(members=3), open_area, votes=votes)
    assert _codes(d) == [("missing-field", f"{AT}.votes[0].area")]


def test_a_negative_vote_area_is_refused() -> None:
    # -10 m² of yes would otherwise lower the yes area silently
    votes = (Vote("a", "yes", 60), Vote("b", "yes", -10), Vote("c", "no", 40))
    d = _decide(owners_assembly_rule(), Tally(members=3), Tally(members=100), votes=votes)
    assert _codes(d) == [("inconsistent-tally", f"{AT}.votes[1].area")]


def test_huge_areas_are_shown_with_their_own_digits() -> None:
    # a float holds 17 digits: 3*10**30 + 1/2 was shown as 2999999999999999778178897805312,
    # less than the 3*10**30 m² said to take part of it
    big = 10**30
    votes = (Vote("a", "yes", big), Vote("b", "yes", big), Vote("c", "no", big))
    area = Tally(members=3 * big + Fraction(1, 2))  # type: ignore[arg-type]
    o = outcome(_decide(owners_assembly_rule(), Tally(members=3), area, votes=votes))
    assert o.passed
    assert (
        "By area: 3000000000000000000000000000000 of 3000000000000000000000000000000.5 took "
        "part; at least 2/3 of 3000000000000000000000000000000.5 = "
        "2000000000000000000000000000000.33 needed for a quorum: met"
    ) in o.explanation


def test_a_huge_quorum_just_missed_is_shown_as_missed() -> None:
    # two thirds of 3*10**30 + 1 m² is 2*10**30 + 2/3: 2*10**30 m² is short of it, and the
    # explanation must say so in digits rather than show a rounded 28-digit amount
    big = 10**30
    rule = VotingRule("1/2", "present", True, Fraction(2, 3), True)
    count = Tally(members=3, present=3, yes=3)
    area = Tally(members=3 * big + 1, present=2 * big, yes=2 * big)
    o = outcome(_decide(rule, count, area))
    assert (o.passed, o.reason) == (False, "quorum_not_met")
    assert (
        f"By area: {2 * big} of {3 * big + 1} took part; at least 2/3 of {3 * big + 1} = "
        "2000000000000000000000000000000.67 needed for a quorum: not met"
    ) in o.explanation


@pytest.mark.parametrize(
    "decision",
    [
        _decide(
            owners_assembly_rule("raise_maintenance_funds"),
            Tally(members=4),
            Tally(members=400.3),
            votes=(
                Vote("a", "yes", 100.0),
                Vote("b", "yes", 100),
                Vote("c", "yes", 0.1),
                Vote("e", "no", 0.2, proxy="z"),
            ),
            date="2021-01-01",
            outcome="passed",
        ),
        _decide(
            owners_assembly_rule(),
            Tally(members=4.0, present=3.0, yes=3.0),
            Tally(members=400.5, present=300.25, yes=300.25),
            date="2020-12-31",
        ),
        _decide(
            owners_assembly_rule("major"),
            Tally(members=3),
            Tally(members=3 * 10**30),
            votes=(Vote("甲", "yes", 10**30), Vote("乙", "yes", 10**30), Vote("丙", "no", 0)),
        ),
        _decide(
            council_rule(),
            Tally(members=3),
            votes=(Vote("a", "yes"), Vote("b", "abstain")),
            outcome="failed",
        ),
    ],
)
def test_outcome_from_graph_is_outcome_field_for_field(decision: Decision) -> None:
    people = {v.person for v in decision.votes} | {v.proxy for v in decision.votes if v.proxy}
    s = Structure(
        organizations=[Organization("oa", "owners_assembly")],
        people=[Person(p) for p in sorted(people)],
        decisions=[decision],
    )
    a, b = outcome(decision), outcome_from_graph(govmodel.to_graph(s), "d")
    assert a == b
    for f in attrs.fields(type(a)):
        assert type(getattr(a, f.name)) is type(getattr(b, f.name)), f.name


@pytest.mark.timing
def test_outcome_is_linear_in_the_votes() -> None:
    def make(n: int) -> Decision:
        votes = [
            Vote(f"p{i}", ("yes", "no", "abstain")[i % 3], 10.25, f"p{i + 1}" if i % 5 else None)
            for i in range(n)
        ]
        return _decide(
            owners_assembly_rule(), Tally(members=n), Tally(members=n * 10.25), votes=votes
        )

    assert_linear(make, outcome, 20_000)


@pytest.mark.parametrize(
    "votes",
    [
        (Vote("a", "yes", 60), Vote("a", "yes", 60), Vote("b", "no", 40)),
        (Vote("a", "yes", 60), Vote("b", "yes", -10), Vote("c", "no", 40)),
    ],
)
def test_outcome_from_graph_refuses_as_outcome_does(votes: tuple[Vote, ...]) -> None:
    d = _decide(owners_assembly_rule(), Tally(members=3), Tally(members=100), votes=votes)
    s = Structure(
        organizations=[Organization("oa", "owners_assembly")],
        people=[Person(p) for p in sorted({v.person for v in votes})],
        decisions=[d],
    )
    with pytest.raises(SpecError) as err:
        outcome_from_graph(govmodel.to_graph(s), "d")
    assert [(p.code, p.path) for p in err.value.problems] == _codes(d)
