"""Owners' committees' vacancies [S: local rules]: the re-election when the members number
fewer than half of the set size or fewer than 5 (不足: the number itself is not fewer, Civil
Code art. 1259), and alternates filling seats in the order of their rank."""

from __future__ import annotations

import itertools
from typing import Any

import attrs
import pytest

from govmodel.models import GovernanceModel
from govmodel.models.law.owners_committee import read_seats
from govmodel.spec import Organization, Person, Post, Structure

from .test_edges import HZ, OC, Got, compound, findings, gap, org_attr, status

RE = "owners_committee_guidance.re_election"
ALT = "owners_committee_guidance.alternates"


def due(members: int, floor: int | None = None, seats: int | None = None) -> tuple:
    """The error that the committee is to be re-elected."""
    data: dict[str, Any] = {"members": members}
    if floor is not None:
        data["floor"] = floor
    if seats is not None:
        data["seats"] = seats
    return ("oc", "error", data)


def seated(members: int, seats: object = None, households: object = 420) -> Structure:
    attributes = {} if seats is None else {"seats": seats}
    return compound(members, households, attributes=attributes)


@pytest.mark.parametrize(
    ("members", "seats", "found"),
    [
        pytest.param(4, None, [due(4, 5)], id="4-no-seats-below-5"),
        pytest.param(
            5, None, [gap("oc", "missing-field", org_attr("oc", "seats"))], id="5-no-seats"
        ),
        pytest.param(6, None, [], id="6-no-seats-half-of-11-or-more"),
        pytest.param(4, 7, [due(4, 5, 7)], id="4-of-7-below-5"),
        pytest.param(5, 7, [], id="5-of-7-at-the-floor"),
        pytest.param(5, 9, [], id="5-of-9-more-than-half"),
        pytest.param(5, 10, [], id="5-of-10-exactly-half"),
        pytest.param(5, 11, [due(5, seats=11)], id="5-of-11-below-half"),
        pytest.param(6, 11, [], id="6-of-11"),
        pytest.param(6, 12, [], id="6-of-12-exactly-half"),
        pytest.param(6, 13, [due(6, seats=13)], id="6-of-13-below-half"),
        pytest.param(7, 13, [], id="7-of-13"),
        pytest.param(0, 5, [due(0, 5, 5)], id="none-left"),
        pytest.param(5, 11.0, [due(5, seats=11)], id="seats-a-whole-float"),
        pytest.param(5, 1, [], id="seats-1"),
    ],
)
def test_re_election(members: int, seats: object, found: Got) -> None:
    assert findings(seated(members, seats), OC, RE, "2026") == found


@pytest.mark.parametrize("seats", ["9", True, False, 9.5, 0, -1, 0.0], ids=lambda v: f"seats-{v!r}")
@pytest.mark.parametrize("members", [3, 5, 7])
def test_re_election_malformed_seats(members: int, seats: object) -> None:
    """A malformed set size leaves the half unchecked, not the floor: fewer than 5 members
    are re-elected whatever it is."""
    got = findings(seated(members, seats), OC, RE, "2026")
    below = [due(members, 5)] if members < 5 else []
    assert got == [*below, gap("oc", "wrong-type", org_attr("oc", "seats"))]


@pytest.mark.parametrize(
    ("households", "members", "found"),
    [
        pytest.param(80, 2, [due(2, 3)], id="small-2-below-3"),
        pytest.param(80, 3, [], id="small-3"),
        pytest.param(101, 4, [due(4, 5)], id="large-4-below-5"),
        pytest.param(None, 2, [], id="no-households-the-floor-unknown"),
    ],
)
def test_re_election_malformed_seats_hangzhou(households: object, members: int, found: Got) -> None:
    got = findings(seated(members, "9", households), HZ, RE, "2026")
    assert got == [*found, gap("oc", "wrong-type", org_attr("oc", "seats"))]


@pytest.mark.parametrize(
    ("households", "members", "seats", "found"),
    [
        pytest.param(100, 3, 3, [], id="small-3-of-3"),
        pytest.param(100, 2, 3, [due(2, 3, 3)], id="small-2-of-3-below-3"),
        pytest.param(100, 2, None, [due(2, 3)], id="small-2-no-seats"),
        pytest.param(100, 3, None, [], id="small-3-no-seats"),
        pytest.param(101, 4, 5, [due(4, 5, 5)], id="101-households-4-below-5"),
        pytest.param(
            101, 5, None, [gap("oc", "missing-field", org_attr("oc", "seats"))], id="101-5-no-seats"
        ),
        pytest.param(None, 5, 7, [], id="no-households-5-of-7"),
        pytest.param(None, 6, 11, [], id="no-households-6-of-11"),
        pytest.param(None, 5, 11, [due(5, seats=11)], id="no-households-5-of-11"),
        pytest.param(None, 2, 5, [due(2, seats=5)], id="no-households-2-of-5"),
        pytest.param(
            None,
            4,
            7,
            [gap("oc", "missing-field", "$.units[?(@.id=='x')].attributes.households")],
            id="no-households-4-of-7",
        ),
        pytest.param(
            None,
            9,
            None,
            [gap("oc", "missing-field", "$.units[?(@.id=='x')].attributes.households")],
            id="no-households-no-seats",
        ),
        pytest.param(
            True,
            3,
            3,
            [gap("oc", "wrong-type", "$.units[?(@.id=='x')].attributes.households")],
            id="households-true",
        ),
    ],
)
def test_re_election_hangzhou(households: object, members: int, seats: object, found: Got) -> None:
    """Hangzhou's compounds of at most 100 households elect 3: 3 members are not due."""
    assert findings(seated(members, seats, households), HZ, RE, "2026") == found


def test_hangzhous_floor_of_3_applies_from_its_rules_day() -> None:
    """Before 2019-02-16 the Hangzhou pack's inherited re-election rule keeps the national
    floor of 5: the city's 3 members are not yet law, as its size rule is not."""
    s = seated(3, 3, households=80)
    assert findings(s, HZ, RE, "2019-02-15") == [due(3, 5, 3)]
    assert findings(s, HZ, RE, "2019-02-16") == []
    unlocated = s.replace(organizations=[attrs.evolve(s.organizations[0], unit=None)])
    assert findings(unlocated, HZ, RE, "2019-02-15") == [due(3, 5, 3)]


@pytest.mark.parametrize("pack", [OC, HZ], ids=["national", "hangzhou"])
def test_re_election_not_applicable(pack: type[GovernanceModel]) -> None:
    assert status(Structure(), pack, RE, "2026") == "not_applicable"
    s = seated(2, 11)
    assert status(s, pack, RE, "2009-12-31") == "not_applicable"
    assert status(s, OC, RE, "2010-01-01") == "failed"


def test_read_seats() -> None:
    oc = Organization("oc", "owners_committee", attributes={"seats": 7.0})
    assert read_seats(oc) == 7
    assert isinstance(read_seats(oc), int)


# -- alternates -----------------------------------------------------------------------------------


def with_alternates(
    members: int = 5,
    ranks: tuple[object, ...] = (1, 2),
    *,
    seats: object = 5,
    promoted: tuple[int, ...] = (),
) -> Structure:
    """A committee of ``members`` plus alternates ``a0``, ``a1``... of ``ranks`` (``None``: no
    rank recorded); those at the indices ``promoted`` also hold a member's post."""
    s = seated(members, seats)
    people = [Person(f"a{i}", f"Alternate {i}") for i in range(len(ranks))]
    posts = [
        Post(
            f"alt{i}",
            p.id,
            "oc",
            "alternate",
            attributes={} if rank is None else {"rank": rank},
        )
        for i, (p, rank) in enumerate(zip(people, ranks, strict=True))
    ]
    posts += [Post(f"seat{i}", f"a{i}", "oc", "member") for i in promoted]
    return s.replace(people=[*s.people, *people], posts=[*s.posts, *posts])


def vacancy(members: int, seats: int, nxt: str) -> tuple:
    data = {"members": members, "seats": seats, "vacant": seats - members, "next": nxt}
    return ("oc", "warning", data)


def passed_over(seat: str, rank: int, waits: str, their_rank: int) -> tuple:
    data = {"seated": seat, "rank": rank, "passed_over": waits, "passed_over_rank": their_rank}
    return ("oc", "error", data)


@pytest.mark.parametrize(
    ("structure", "found"),
    [
        pytest.param(with_alternates(5, seats=5), [], id="full-committee-alternates-wait"),
        pytest.param(with_alternates(5, seats=6), [vacancy(5, 6, "a0")], id="one-vacant"),
        pytest.param(with_alternates(4, seats=7), [vacancy(4, 7, "a0")], id="three-vacant"),
        pytest.param(
            with_alternates(5, (2, 1), seats=6), [vacancy(5, 6, "a1")], id="rank-not-post-order"
        ),
        pytest.param(with_alternates(4, seats=5, promoted=(0,)), [], id="first-seated-in-order"),
        pytest.param(
            with_alternates(4, seats=5, promoted=(1,)),
            [passed_over("a1", 2, "a0", 1)],
            id="second-seated-first-waits",
        ),
        pytest.param(
            with_alternates(4, (1, 2, 3), seats=6, promoted=(2,)),
            [passed_over("a2", 3, "a0", 1), vacancy(5, 6, "a0")],
            id="third-seated-and-a-seat-vacant",
        ),
        pytest.param(with_alternates(3, seats=5, promoted=(0, 1)), [], id="both-seated"),
        pytest.param(
            with_alternates(5, (1.0, 2.0), seats=6), [vacancy(5, 6, "a0")], id="whole-float-ranks"
        ),
        pytest.param(
            with_alternates(5, seats=None),
            [gap("oc", "missing-field", org_attr("oc", "seats"))],
            id="no-seats-while-alternates-wait",
        ),
        pytest.param(
            with_alternates(3, seats=None, promoted=(0, 1)), [], id="no-seats-none-waiting"
        ),
        pytest.param(
            with_alternates(5, seats="6"),
            [gap("oc", "wrong-type", org_attr("oc", "seats"))],
            id="seats-a-string",
        ),
    ],
)
def test_alternates(structure: Structure, found: Got) -> None:
    assert findings(structure, OC, ALT, "2026") == found


def rank_path(post: str) -> str:
    return f"$.posts[?(@.id=={post!r})].attributes.rank"


@pytest.mark.parametrize(
    ("ranks", "problem", "post"),
    [
        pytest.param((1, None), "missing-field", "alt1", id="no-rank"),
        pytest.param((1, "2"), "wrong-type", "alt1", id="rank-a-string"),
        pytest.param((True, 2), "wrong-type", "alt0", id="rank-true"),
        pytest.param((1, 2.5), "wrong-type", "alt1", id="rank-a-fraction"),
        pytest.param((0, 2), "wrong-type", "alt0", id="rank-0"),
        pytest.param((1, -2), "wrong-type", "alt1", id="rank-negative"),
        pytest.param((1, 1), "wrong-type", "alt1", id="rank-shared"),
    ],
)
def test_alternates_malformed_ranks(ranks: tuple[object, ...], problem: str, post: str) -> None:
    got = findings(with_alternates(5, ranks, seats=6), OC, ALT, "2026")
    assert got == [gap("oc", problem, rank_path(post))]


def test_an_alternate_with_two_posts_keeps_the_better_rank() -> None:
    s = with_alternates(4, (3, 2), seats=5, promoted=(1,))
    s = s.replace(posts=[*s.posts, Post("again", "a0", "oc", "alternate", attributes={"rank": 1})])
    assert findings(s, OC, ALT, "2026") == [passed_over("a1", 2, "a0", 1)]


@pytest.mark.parametrize("order", list(itertools.permutations(range(3))), ids=str)
def test_a_rank_held_besides_a_better_one_is_shared_with_no_one(order: tuple[int, ...]) -> None:
    """a0 holds ranks 3 and 1 and keeps 1, so a1's rank 3 is a1's alone, whatever the order
    of the posts."""
    s = with_alternates(5, (3, 3), seats=6)
    extra = Post("again", "a0", "oc", "alternate", attributes={"rank": 1})
    alternates = [p for p in s.posts if p.role == "alternate"] + [extra]
    others = [p for p in s.posts if p.role != "alternate"]
    s = s.replace(posts=[*others, *(alternates[i] for i in order)])
    assert findings(s, OC, ALT, "2026") == [vacancy(5, 6, "a0")]


def test_alternates_not_applicable() -> None:
    assert status(seated(5, 7), OC, ALT, "2026") == "not_applicable"
    assert status(Structure(), OC, ALT, "2026") == "not_applicable"
    s = with_alternates(5, seats=6)
    assert status(s, OC, ALT, "2009-12-31") == "not_applicable"
    assert status(s, OC, ALT, "2010-01-01") == "failed"
    assert status(s, HZ, ALT, "2026") == "failed"  # inherited by the city


def test_alternates_are_not_members() -> None:
    """Waiting alternates do not count towards the size or the re-election."""
    s = with_alternates(4, (1, 2, 3), seats=5)
    assert findings(s, OC, RE, "2026") == [due(4, 5, 5)]
    assert findings(s, OC, "owners_committee_guidance.size", "2026") == [
        ("oc", "error", {"members": 4})
    ]


def test_the_role_validates_with_the_packs_vocabulary() -> None:
    import govmodel
    from govmodel.errors import SpecError

    s = with_alternates(5, seats=6)
    with pytest.raises(SpecError, match="unknown role 'alternate'"):
        govmodel.validate(s)
    govmodel.validate(s.replace(vocabulary=OC.vocabulary))


def test_a_malformed_value_is_named_with_what_it_should_be() -> None:
    import govmodel

    for value in (True, "7", 0, -1, 7.5):
        r = govmodel.assess(seated(5, value), OC, as_of="2026").rule(RE)
        (f,) = r.findings
        assert f"seats is a whole number of at least 1, not {value!r}" in f.message
    r = govmodel.assess(with_alternates(5, (1, True), seats=6), OC, as_of="2026").rule(ALT)
    assert "rank is a whole number of at least 1, not True" in r.findings[0].message
    r = govmodel.assess(with_alternates(5, (1, None), seats=6), OC, as_of="2026").rule(ALT)
    assert "rank is not recorded" in r.findings[0].message
