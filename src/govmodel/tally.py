"""The owners' assembly tally: from a roster and individual ballots to turnout, outcome and
what is still needed.

Civil Code art. 278 decides the matters of an owners' assembly by a double count, by head and
by exclusive floor area. The Supreme People's Court's interpretation on disputes over
exclusive parts of buildings (法释〔2009〕7号, amended by 法释〔2020〕17号, arts. 8–9) says how
to count:

- the **area** of an owner is the area of their exclusive parts in the real-estate register
  (else the surveyed area, else the contract area); the total is the sum of these;
- **heads**: one exclusive part is one head; several parts bought by one buyer are one head;
  the developer's unsold (or sold but undelivered) parts together are one head.

Here a roster lists the exclusive parts (:class:`Part`: an id, the registered area and the
owners), and heads follow from who owns what: parts that share an owner are one head (the
buyer of several parts; the developer, recorded as the owner of every part it has not
delivered), and the co-owners of a part share its head. A ballot (:class:`Ballot`) names an
owner, the choice and, where it was cast under a written proxy, the proxy; it casts the vote
of the owner's head with all of the head's area.

:func:`tally` counts the ballots under the matter's threshold (:data:`MATTERS`, art. 278
para. 2; art. 1259: "以上" includes the number, "过半数" is more than half) and says what is
still needed (:class:`Needed`): the fewest further ballots, and the heads and area they must
bring, that would meet the quorum and pass. Every count is exact (:class:`~fractions.Fraction`
of the decimals the areas are written with, :func:`govmodel.metrics.voting.exact`).

Examples
--------
>>> from govmodel.tally import Ballot, Part, tally
>>> roster = [Part("1-101", 89.5, ("ann",)), Part("1-102", 120.25, ("bo",)),
...           Part("1-201", 89.5, ("cy", "di")), Part("1-202", 120.25, ("dev",)),
...           Part("1-301", 89.5, ("dev",)), Part("P-01", 12, ("bo",))]
>>> t = tally(roster, [Ballot("ann", "yes"), Ballot("bo", "yes"), Ballot("dev", "yes")],
...           matter="property_service")
>>> t.heads, t.heads_present, t.area, t.area_present
(4, 3, Fraction(521, 1), Fraction(863, 2))
>>> t.quorum_met, t.passed
(True, True)
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal, TextIO, TypeAlias, TypeVar, cast

import attrs

from govmodel._convert import _BIG_EXPONENT, _FLOAT_MAX, short_repr
from govmodel.errors import Problem, SpecError
from govmodel.io.native import decode_text, parse_json, read_limited
from govmodel.metrics.voting import MATTERS, Outcome, exact, outcome, owners_assembly_rule
from govmodel.spec import Decision, Structure, Tally, Unit, VotingRule, is_finite_number
from govmodel.vocab import OWNS

__all__ = [
    "AssemblyTally",
    "Ballot",
    "Head",
    "Needed",
    "Part",
    "Silent",
    "add_tally_parser",
    "area_text",
    "heads_of",
    "read_ballots",
    "read_roster",
    "roster_of",
    "run",
    "tally",
    "tally_decision",
]


Choice: TypeAlias = Literal["yes", "no", "abstain"]
#: How owners who did not vote are counted: ``"absent"`` (the Civil Code's count: they do
#: not take part) or ``"majority"`` (a local "silent follow" rule: they take part and count
#: with the majority of those who voted).
Silent: TypeAlias = Literal["absent", "majority"]
_CHOICES = ("yes", "no", "abstain")


def _area(value: Any) -> Fraction:
    return exact(value)


def _owners(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):  # tuple("ann") would be three owners, a, n and n
        raise TypeError(f"a part's owners are a list of ids, not the string {value!r}")
    return tuple(value)


@attrs.frozen
class Part:
    """An exclusive part of a building (a dwelling, a shop, a parking space where it counts).

    Parameters
    ----------
    id
        The part's id (``"3-1-502"``).
    area
        The area in the real-estate register, in m², read as the exact decimal it is
        written as (:func:`~govmodel.metrics.voting.exact`).
    owners
        The ids of its owners (co-owners share one head). Record the developer as the owner
        of the parts it has not sold or delivered.
    kind
        What the part is, as the unit kind of a structure records it: ``"household"`` (a
        dwelling, the default), ``"parking_space"`` (both built into the vocabulary), or
        another kind (``"shop"``). The count does not depend on it.
    """

    id: str
    area: Fraction = attrs.field(converter=_area)
    owners: tuple[str, ...] = attrs.field(default=(), converter=_owners)
    kind: str = "household"


@attrs.frozen
class Ballot:
    """One owner's ballot, cast in person or under a written proxy (``proxy``: who cast it)."""

    owner: str
    choice: Choice
    proxy: str | None = None


@attrs.frozen
class Head:
    """One head of the count: the parts linked by their owners, with their area.

    ``id`` is the first of its parts in roster order.
    """

    id: str
    owners: tuple[str, ...]
    parts: tuple[str, ...]
    area: Fraction


@attrs.frozen
class Needed:
    """What further ballots would make the motion pass under the Civil Code's count.

    Attributes
    ----------
    ballots
        The fewest further yes ballots (heads that have not voted) that would meet the
        quorum and pass, or ``None`` when even all of them would not.
    heads
        The fewest further heads the count by head needs, whatever their area.
    area
        The least further area the count by area needs, whatever the number of heads; with
        ``area_strict`` the further area must exceed it rather than reach it.
    area_strict
        Whether ``area`` must be exceeded.
    canvass
        The heads (their ids) that would do it with the fewest ballots: the ``ballots``
        largest heads by area that have not voted. Empty when ``ballots`` is ``None``.
    canvass_area
        Their area.
    """

    ballots: int | None
    heads: int
    area: Fraction
    area_strict: bool
    canvass: tuple[str, ...]
    canvass_area: Fraction


@attrs.frozen
class AssemblyTally:
    """The tally of an owners' assembly's vote on one matter.

    Attributes
    ----------
    matter
        The matter (a name of :data:`~govmodel.metrics.voting.MATTERS`, or ``"ordinary"`` /
        ``"major"``).
    rule
        Its rule (:func:`~govmodel.metrics.voting.owners_assembly_rule`).
    silent
        How those who did not vote were counted (:data:`Silent`).
    heads, area
        All heads and the whole exclusive area of the roster.
    heads_present, area_present
        The heads and area taking part (with ``silent="majority"``, those who did not vote
        too).
    yes_heads, no_heads, abstain_heads, yes_area, no_area, abstain_area
        The count of each choice (with ``silent="majority"``, including those who follow).
    silent_heads, silent_area
        The heads and area of those who did not vote and were counted with the majority
        (0 unless ``silent="majority"``).
    by_proxy
        The ballots cast under a proxy.
    turnout_heads, turnout_area
        The share of the heads and of the area that took part by their own ballot.
    quorum_met, passed
        Whether 2/3 of the heads and of the area took part, and whether the motion passed.
    outcome
        The arithmetic, as :func:`govmodel.metrics.voting.outcome` gives it.
    needed
        What further ballots would make it pass under the Civil Code's count (those who did
        not vote take no part), or ``None`` when it passes that way already.
    explanation
        The tally in words.
    """

    matter: str
    rule: VotingRule
    silent: Silent
    heads: int
    area: Fraction
    heads_present: int
    area_present: Fraction
    yes_heads: int
    no_heads: int
    abstain_heads: int
    yes_area: Fraction
    no_area: Fraction
    abstain_area: Fraction
    silent_heads: int
    silent_area: Fraction
    by_proxy: int
    turnout_heads: Fraction
    turnout_area: Fraction
    quorum_met: bool
    passed: bool
    outcome: Outcome
    needed: Needed | None
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        """The tally as plain data: counts as strings of exact fractions (``"311.25"`` is
        written ``"1245/4"``), so that nothing is rounded.

        Examples
        --------
        >>> from govmodel.tally import Ballot, Part, tally
        >>> t = tally([Part("a", 50, ["x"]), Part("b", 70.5, ["y"])], [Ballot("y", "yes")])
        >>> t.to_dict()["area_present"], t.to_dict()["needed"]["ballots"]
        ('141/2', 1)
        """
        out: dict[str, Any] = {}
        for f in attrs.fields(AssemblyTally):
            v = getattr(self, f.name)
            if f.name in ("outcome", "rule"):
                continue
            if f.name == "needed":
                v = (
                    None
                    if v is None
                    else {k.name: _plain(getattr(v, k.name)) for k in attrs.fields(Needed)}
                )
            out[f.name] = _plain(v)
        return out


def _plain(v: Any) -> Any:
    if isinstance(v, Fraction):
        return str(v)
    if isinstance(v, tuple):
        return list(v)
    return v


# ------------------------------------------------------------------------------------------------
# Heads


def heads_of(parts: Sequence[Part]) -> tuple[tuple[Head, ...], dict[str, tuple[int, ...]]]:
    """The heads of a roster, and the heads (their indices) of every owner.

    One exclusive part is one head, whoever owns it (co-owners together are its one head);
    the parts of one buyer are one head: the parts whose owners are the same, one owner
    or the same co-owners, such as a buyer of a flat and a parking space, or the developer
    with the parts it has not delivered (SPC interpretation 法释〔2009〕7号 art. 9: 同一买受人
    拥有一个以上专有部分的，按一人计算). Parts of different buyers are different heads even
    where one person is among the owners of both: a flat owned by a couple and one owned
    by one of them and a sibling are two heads, and a ballot of the person they share
    answers for both. Linear in the parts and owners.

    Parameters
    ----------
    parts
        The roster.

    Returns
    -------
    tuple
        The heads, in the order of their first part; and ``{owner id: indices of the heads
        the owner owns a part of}``, in that order.

    Examples
    --------
    >>> from govmodel.tally import Part, heads_of
    >>> heads, of = heads_of([Part("a", 80, ["x"]), Part("b", 90, ["dev"]),
    ...                       Part("c", 12, ["x", "y"]), Part("d", 70, ["dev"]),
    ...                       Part("e", 15, ["y", "x"])])
    >>> [(h.id, h.parts, str(h.area)) for h in heads]
    [('a', ('a',), '80'), ('b', ('b', 'd'), '160'), ('c', ('c', 'e'), '27')]
    >>> of["x"], of["y"]
    ((0, 2), (2,))
    """
    groups: dict[frozenset[str], list[int]] = {}
    for i, p in enumerate(parts):
        groups.setdefault(frozenset(p.owners), []).append(i)
    heads: list[Head] = []
    of: dict[str, list[int]] = {}
    for members in groups.values():
        first = parts[members[0]]
        for o in dict.fromkeys(first.owners):
            of.setdefault(o, []).append(len(heads))
        heads.append(
            Head(
                id=first.id,
                owners=tuple(dict.fromkeys(first.owners)),
                parts=tuple(parts[i].id for i in members),
                area=sum((parts[i].area for i in members), Fraction(0)),
            )
        )
    return tuple(heads), {o: tuple(hs) for o, hs in of.items()}


def _check(parts: Sequence[Part], ballots: Sequence[Ballot]) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, p in enumerate(parts):
        if p.id in seen:
            problems.append(
                Problem(
                    "duplicate-id",
                    f"$.parts[{i}].id",
                    f"part {p.id!r} is already $.parts[{seen[p.id]}]",
                )
            )
        seen.setdefault(p.id, i)
        if p.area < 0:
            problems.append(
                Problem(
                    "negative-amount",
                    f"$.parts[{i}].area",
                    f"part {p.id!r} has a negative area ({p.area})",
                )
            )
        if not p.owners:
            problems.append(
                Problem("missing-field", f"$.parts[{i}].owners", f"part {p.id!r} has no owner")
            )
    for i, b in enumerate(ballots):
        if b.proxy is not None and b.proxy == b.owner:
            problems.append(
                Problem(
                    "invalid-value",
                    f"$.ballots[{i}].proxy",
                    f"{b.owner!r} is named as their own proxy; a proxy is someone else",
                )
            )
        if b.choice not in _CHOICES:
            problems.append(
                Problem(
                    "invalid-value",
                    f"$.ballots[{i}].choice",
                    f"{b.choice!r} is not yes, no or abstain",
                )
            )
    return problems


# ------------------------------------------------------------------------------------------------
# The tally


def tally(
    parts: Iterable[Part],
    ballots: Iterable[Ballot],
    *,
    matter: str = "ordinary",
    silent: Silent = "absent",
) -> AssemblyTally:
    """Count an owners' assembly's ballots on a matter, from the roster.

    With :math:`H` heads and :math:`A` m² in the roster, :math:`P_h` heads and :math:`P_a`
    m² taking part, and :math:`Y_h`, :math:`Y_a` voting yes, the motion passes (Civil Code
    art. 278 para. 2) when

    .. math:: P_h \\ge \\tfrac23 H,\\quad P_a \\ge \\tfrac23 A,\\quad
              Y_h \\,\\square\\, t P_h,\\quad Y_a \\,\\square\\, t P_a

    with :math:`t = 3/4` and :math:`\\square = \\ge` for matters 6–8 (raising maintenance
    funds, rebuilding, changing the use of common parts), and :math:`t = 1/2`,
    :math:`\\square = >` for every other matter ("以上" includes the number, art. 1259;
    "过半数" is more than half). Abstentions take part but are not yes.

    **What is still needed.** Further ballots can only come from heads that have not voted;
    the best they can do is vote yes. :math:`k` further yes ballots of area :math:`x` meet
    the conditions by head exactly when :math:`k \\ge k_h` (the least :math:`k` with
    :math:`P_h + k \\ge \\frac23 H` and :math:`Y_h + k \\,\\square\\, t (P_h + k)`), and the
    conditions by area exactly when :math:`x \\ge x_a` (or :math:`>`), since each condition
    only grows easier as :math:`x` grows (:math:`(Y + x)/(P + x)` increases with
    :math:`x` when :math:`Y \\le P`). Among :math:`k` heads, the :math:`k` largest bring the
    most area, so the fewest ballots are :math:`\\max(k_h, k_a)`, :math:`k_a` being the
    fewest largest heads whose area reaches :math:`x_a`: taking the largest first is
    optimal (tests check it against every subset of small rosters).

    Parameters
    ----------
    parts
        The roster: every exclusive part, with its registered area and owners.
    ballots
        The ballots, one per head (any of a head's owners may cast it; the ballot of a
        person among the owners of several heads answers for each of them).
    matter
        A matter of :data:`~govmodel.metrics.voting.MATTERS` (``"raise_maintenance_funds"``)
        or ``"ordinary"`` / ``"major"``.
    silent
        ``"absent"`` (default, the Civil Code's count): heads that did not vote take no
        part. ``"majority"``: a local rule of procedure ("silent follow", 沉默视为同意多数)
        counts them as taking part, with the choice of the majority of those who voted
        when that choice leads both by head and by area (else they stay absent). Whether
        such a rule is valid depends on the assembly's rules of procedure and the city;
        :attr:`AssemblyTally.needed` always uses the Civil Code's count.

    Returns
    -------
    AssemblyTally

    Raises
    ------
    SpecError
        ``duplicate-id`` (two parts with one id), ``negative-amount`` (a negative area),
        ``missing-field`` (a part without an owner), ``dangling-reference`` (a ballot from
        someone who owns nothing), ``duplicate-vote`` (a second ballot for a head),
        ``invalid-value`` (a choice that is not yes, no or abstain); every problem at once,
        with ``$.parts[i]`` / ``$.ballots[i]`` paths.
    ValueError
        If ``matter`` or ``silent`` is unknown.

    Notes
    -----
    Time :math:`O(n \\log n)` for :math:`n` parts and ballots (the sort of the heads that
    have not voted, by area). On a roster of 10,000 owners it takes well under a second
    (see ``benchmarks/``).

    Examples
    --------
    Raising maintenance funds (matter 6) needs three quarters of those taking part:

    >>> from govmodel.tally import Ballot, Part, tally
    >>> roster = [Part(f"p{i}", 100, [f"o{i}"]) for i in range(12)]
    >>> votes = [Ballot(f"o{i}", "yes") for i in range(6)] + [Ballot("o6", "no", proxy="o7")]
    >>> t = tally(roster, votes, matter="raise_maintenance_funds")
    >>> t.passed, t.quorum_met, t.by_proxy
    (False, False, 1)
    >>> t.needed.ballots, t.needed.heads, t.needed.canvass
    (1, 1, ('p7',))
    >>> print(t.explanation.splitlines()[0])
    Raising the maintenance funds (art. 278 (6)): 7 of 12 heads and 700 of 1200 m² took part.
    """
    if silent not in ("absent", "majority"):
        raise ValueError(f"silent must be 'absent' or 'majority', not {silent!r}")
    rule = owners_assembly_rule(matter)
    parts = tuple(parts)
    ballots = tuple(ballots)
    problems = _check(parts, ballots)
    heads, head_of = heads_of(parts)
    voted: dict[int, tuple[int, Ballot]] = {}
    for i, b in enumerate(ballots):
        hs = head_of.get(b.owner)
        if hs is None:
            problems.append(
                Problem(
                    "dangling-reference",
                    f"$.ballots[{i}].owner",
                    f"{b.owner!r} owns no part of the roster, so cannot vote",
                )
            )
            continue
        for h in hs:  # a ballot answers for every head its owner owns a part of
            if h in voted:
                j = voted[h][0]
                problems.append(
                    Problem(
                        "duplicate-vote",
                        f"$.ballots[{i}].owner",
                        f"{b.owner!r} votes for head {heads[h].id!r}, which $.ballots[{j}] "
                        "voted for",
                    )
                )
                continue
            voted[h] = (i, b)
    if problems:
        raise SpecError(problems)

    zero = Fraction(0)
    n = dict.fromkeys(_CHOICES, 0)
    a = dict.fromkeys(_CHOICES, zero)
    for h, (_, b) in voted.items():
        n[b.choice] += 1
        a[b.choice] += heads[h].area
    by_proxy = len({i for i, b in voted.values() if b.proxy is not None})
    H = len(heads)
    A = sum((h.area for h in heads), zero)
    if A > _FLOAT_MAX:  # each area is in range, their sum is not: no share can be shown
        raise SpecError(
            [
                Problem(
                    "number-out-of-range",
                    "$.parts",
                    f"the roster's areas add up to more than a float can hold ({float(_FLOAT_MAX):.4g} m²)",
                )
            ]
        )
    Ph, Pa = len(voted), sum(a.values(), zero)
    statutory = _outcome(rule, H, A, n, a)

    follow_h, follow_a = 0, zero
    counted_n, counted_a = dict(n), dict(a)
    if silent == "majority":
        side: Choice | None = None
        if n["yes"] > n["no"] and a["yes"] > a["no"]:
            side = "yes"
        elif n["no"] > n["yes"] and a["no"] > a["yes"]:
            side = "no"
        if side is not None:
            follow_h = H - Ph
            follow_a = A - Pa
            counted_n[side] += follow_h
            counted_a[side] += follow_a
    counted = statutory if not follow_h else _outcome(rule, H, A, counted_n, counted_a)

    waiting = sorted((h for h in range(H) if h not in voted), key=lambda h: -heads[h].area)
    needed = None if statutory.passed else _needed(rule, H, A, n, a, [heads[h] for h in waiting])
    t = AssemblyTally(
        matter=matter,
        rule=rule,
        silent=silent,
        heads=H,
        area=A,
        heads_present=Ph + follow_h,
        area_present=Pa + follow_a,
        yes_heads=counted_n["yes"],
        no_heads=counted_n["no"],
        abstain_heads=counted_n["abstain"],
        yes_area=counted_a["yes"],
        no_area=counted_a["no"],
        abstain_area=counted_a["abstain"],
        silent_heads=follow_h,
        silent_area=follow_a,
        by_proxy=by_proxy,
        turnout_heads=Fraction(Ph, H) if H else zero,
        turnout_area=Pa / A if A else zero,
        quorum_met=counted.quorum_met,
        passed=counted.passed,
        outcome=counted,
        needed=needed,
        explanation="",
    )
    return attrs.evolve(t, explanation=_explain(t))


def _tally_of(members: Fraction | int, counts: Mapping[str, Fraction | int]) -> Tally:
    # Tally holds exact Fractions as well as the ints and floats its annotation names
    # (outcome() reads every count through exact()).
    values: dict[str, Any] = dict(counts)
    values.update(members=members, present=sum(counts.values()))
    return Tally(**values)


def _outcome(
    rule: VotingRule, H: int, A: Fraction, n: Mapping[str, int], a: Mapping[str, Fraction]
) -> Outcome:
    d = Decision("tally", "owners_assembly", rule=rule, count=_tally_of(H, n), area=_tally_of(A, a))
    return outcome(d)


def _least(
    quorum: Fraction, t: Fraction, strict: bool, total: Fraction, present: Fraction, yes: Fraction
) -> tuple[Fraction, bool]:
    """The least further yes amount ``x`` (and whether it must be exceeded) with which
    ``present + x >= quorum * total`` and ``yes + x`` reaches (or exceeds) ``t * (present + x)``
    and ``yes + x > 0``."""
    q = quorum * total - present
    c = (t * present - yes) / (1 - t)
    bounds = [(q, False), (c, strict), (-yes, True)]
    top = max(b for b, _ in bounds)
    return max(top, Fraction(0)), any(s for b, s in bounds if b == top and b >= 0)


def _needed(
    rule: VotingRule,
    H: int,
    A: Fraction,
    n: Mapping[str, int],
    a: Mapping[str, Fraction],
    waiting: Sequence[Head],
) -> Needed:
    assert rule.quorum is not None
    Ph, Yh = sum(n.values()), n["yes"]
    Pa, Ya = sum(a.values(), Fraction(0)), a["yes"]
    xh, sh = _least(
        rule.quorum, rule.threshold, rule.strict, Fraction(H), Fraction(Ph), Fraction(Yh)
    )
    kh = math.floor(xh) + 1 if sh else math.ceil(xh)
    xa, sa = _least(rule.quorum, rule.threshold, rule.strict, A, Pa, Ya)
    ka: int | None = None
    got = Fraction(0)
    for k in range(len(waiting) + 1):
        if (got > xa) if sa else (got >= xa):
            ka = k
            break
        if k < len(waiting):
            got += waiting[k].area
    ballots = None if ka is None or max(kh, ka) > len(waiting) else max(kh, ka)
    chosen = waiting[: ballots or 0]
    return Needed(
        ballots=ballots,
        heads=kh,
        area=xa,
        area_strict=sa,
        canvass=tuple(h.id for h in chosen),
        canvass_area=sum((h.area for h in chosen), Fraction(0)),
    )


def _decimals(f: Fraction) -> int | None:
    """How many decimals ``f`` is written with exactly, or ``None`` if it is no decimal."""
    d, twos, fives = f.denominator, 0, 0
    while d % 2 == 0:
        d, twos = d // 2, twos + 1
    while d % 5 == 0:
        d, fives = d // 5, fives + 1
    return max(twos, fives) if d == 1 else None


def area_text(x: Fraction | int) -> str:
    """An area (or any amount) for a message, as :func:`tally`'s explanation writes it: the
    decimal it is, with all its digits, when it is one (a :class:`~decimal.Decimal`
    division would keep 28), else rounded to two decimals, half to even.

    Raises
    ------
    ValueError
        For an amount of more digits than Python writes out
        (``sys.get_int_max_str_digits``).

    Examples
    --------
    >>> from fractions import Fraction
    >>> from govmodel.tally import area_text
    >>> area_text(Fraction(863, 2)), area_text(Fraction("89.50")), area_text(521)
    ('431.5', '89.5', '521')
    >>> area_text(Fraction(1, 3)), area_text(10**30 + Fraction(1, 2))
    ('0.33', '1000000000000000000000000000000.5')
    """
    f = Fraction(x)
    k = _decimals(f)
    # from the text of its digits, which Decimal reads exactly (a Decimal division, or a
    # float, keeps 28 or 17 digits: 10**30 + 1/2 m² is not shown as 10**30 m²)
    if k is not None:  # a terminating decimal: exact
        digits = f.numerator * 10**k // f.denominator
    else:  # rounded, half to even, to two decimals
        k, digits = 2, round(f * 100)
    return format(Decimal(f"{digits}E-{k}"), "f")


def _pct(x: Fraction) -> str:
    return f"{float(x) * 100:.1f} %"


def _explain(t: AssemblyTally) -> str:
    m = MATTERS.get(t.matter)
    if m is not None:
        what = f"{m.en[0].upper()}{m.en[1:]} (art. 278 ({m.item}))"
    else:  # "ordinary" or "major"
        what = f"{'An' if t.matter[:1] in 'aeiou' else 'A'} {t.matter} matter"
    took = t.heads_present - t.silent_heads
    lines = [
        f"{what}: {took} of {t.heads} heads and {area_text(t.area_present - t.silent_area)} of "
        f"{area_text(t.area)} m² took part.",
        f"Turnout {_pct(t.turnout_heads)} by head, {_pct(t.turnout_area)} by area"
        + (f"; {t.by_proxy} by proxy." if t.by_proxy else "."),
    ]
    if t.silent_heads:
        lines.append(
            f"Silent follow: {t.silent_heads} heads and {area_text(t.silent_area)} m² that did not "
            "vote are counted with the majority."
        )
    lines += re.split(r"(?<!i\.e)\. ", t.outcome.explanation)
    nd = t.needed
    if nd is not None:
        if nd.ballots is None:
            lines.append("Even if every owner who has not voted votes yes, it cannot pass.")
        else:
            more = "more than " if nd.area_strict else "at least "
            area = nd.area
            if _decimals(area) is None:
                # no decimal: rounded down it would be short of the area needed (66.67 m²
                # of 2/3 of 100.01 m²), so it is rounded up to what reaches it, to the cent
                more, area = "at least ", Fraction(math.ceil(area * 100), 100)
            by_head = f"at least {nd.heads}" if nd.heads else "none more"
            by_area = f"{more}{area_text(area)} m²" if nd.area or nd.area_strict else "none more"
            lines.append(
                f"Still needed: {nd.ballots} more yes ballot{'s' if nd.ballots != 1 else ''} "
                f"(by head {by_head}; by area {by_area}), e.g. from the largest heads not yet "
                f"voted: {', '.join(nd.canvass) or '—'} ({area_text(nd.canvass_area)} m²)."
            )
    return "\n".join(line if line.endswith(".") else line + "." for line in lines)


# ------------------------------------------------------------------------------------------------
# From a structure


def roster_of(structure: Structure, within: str | None = None) -> tuple[Part, ...]:
    """The roster a structure records: every unit someone owns (a tie ``owns`` from a
    person to it: an exclusive part), with its registered floor area (attribute
    ``floor_area_m2``), optionally only those inside the unit ``within``.

    A unit no one is recorded as owning is not in it, and no owner is made up for it: a
    dwelling whose owner is not recorded (an unsold flat, unless the developer is recorded
    as its owner) leaves the heads and area of a count lower than they are. The
    ``civil_code`` pack warns of the decisions it counts without such dwellings
    (:func:`govmodel.models.law.civil_code.unowned_parts`).

    Raises
    ------
    SpecError
        Where an owned unit's area cannot be read, which leaves its owners' share of a vote
        unknown: ``missing-field`` for a unit that records no ``floor_area_m2``,
        ``invalid-value`` for one that is no area (text, a bool, NaN, an infinity, a
        negative number; :func:`govmodel.validate` reports those too). Every such unit is
        named, at its attribute's path.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.tally import roster_of
    >>> [(p.id, str(p.area), p.owners) for p in roster_of(govmodel.datasets.load("qingshan"))][:2]
    [('qs-h101', '179/2', ('qs-p25',)), ('qs-h102', '481/4', ('qs-p26',))]
    """
    from govmodel.index import StructureIndex

    # made once for a structure and a unit, its problems too: an assembly of many decisions
    # over a roster that cannot be read reads it once, not once per decision
    parts, problems = StructureIndex.of(structure).cached(
        ("govmodel.tally", ("roster", within)), lambda: _roster_in(structure, within)
    )
    if problems:
        raise SpecError(list(problems))
    return parts


def _roster_in(
    structure: Structure, within: str | None
) -> tuple[tuple[Part, ...], tuple[Problem, ...]]:
    """The roster of :func:`roster_of`, or the problems of the units it cannot read."""
    from govmodel.index import StructureIndex

    ix = StructureIndex.of(structure)
    owners, inside = ix.cached(("govmodel.tally", "owned"), lambda: _owned(structure))
    out = []
    problems: list[Problem] = []
    for u in inside.get(within, ()) if within is not None else inside[None]:
        area = u.attributes.get("floor_area_m2")
        path = f"$.units[?(@.id=={u.id!r})].attributes.floor_area_m2"
        if area is None:
            problems.append(
                Problem(
                    "missing-field",
                    path,
                    f"unit {u.id!r}, an exclusive part owned by {owners[u.id][0]!r}, records no "
                    "floor_area_m2: its area is needed to count a vote",
                )
            )
        elif not (is_finite_number(area) and area >= 0):
            problems.append(
                Problem(
                    "invalid-value",
                    path,
                    f"unit {u.id!r} has floor_area_m2={area!r}, not a floor area (a finite "
                    "number, at least 0)",
                )
            )
        else:
            out.append(Part(u.id, area, tuple(owners[u.id]), u.kind))
    return tuple(out), tuple(problems)


def _owned(
    structure: Structure,
) -> tuple[dict[str, list[str]], dict[str | None, list[Unit]]]:
    """The owners of every unit someone owns, and the units someone owns inside each unit
    (itself among them; all of them under ``None``), in the order of the structure's units:
    made once for a structure, so that the rosters of many compounds read each owned unit
    once, not every unit once per compound."""
    from govmodel.index import StructureIndex

    ix = StructureIndex.of(structure)
    owners: dict[str, list[str]] = {}
    for t in ix.ties_of(OWNS):
        owners.setdefault(t.target, []).append(t.source)
    inside: dict[str | None, list[Unit]] = {None: []}
    for u in structure.units:
        if u.id in owners:
            for w in (None, u.id, *ix.ancestors(u.id)):
                inside.setdefault(w, []).append(u)
    return owners, inside


def tally_decision(
    structure: Structure,
    decision: str,
    *,
    silent: Silent = "absent",
    roster: Sequence[Part] | None = None,
) -> AssemblyTally:
    """The tally of an owners' assembly's decision from the structure's roster: the parts
    inside the assembly's unit (:func:`roster_of`), the decision's individual votes as
    ballots and its ``matter`` (else, in files written before the field, its attribute
    ``matter``).

    ``roster`` is that roster where the caller has already made it
    (``roster_of(structure, unit of the assembly)``): counting many decisions of one
    assembly then reads the compound's owners once, not once per decision.

    Raises
    ------
    KeyError
        If there is no such decision.
    SpecError
        As :func:`tally` does, at the paths of the decision's votes
        (``$.decisions[?(@.id=='d1')].votes[3].person``), ``missing-field`` if the
        decision records no matter, or ``unknown-term`` if it records one that is not a
        matter of :data:`~govmodel.metrics.voting.MATTERS` (nor ``"ordinary"`` or
        ``"major"``).
    """
    d = structure.get(decision)
    if not isinstance(d, Decision):
        raise KeyError(f"{decision!r} is not a decision")
    matter = d.matter or d.attributes.get("matter")
    if not isinstance(matter, str) or not matter:
        where = f"$.decisions[?(@.id=={d.id!r})].matter"
        raise SpecError([Problem("missing-field", where, f"decision {d.id!r} records no matter")])
    if matter not in MATTERS and matter not in ("ordinary", "major"):
        # the structure's data, not the caller's argument: a problem at its path
        field = "matter" if d.matter else "attributes.matter"
        raise SpecError(
            [
                Problem(
                    "unknown-term",
                    f"$.decisions[?(@.id=={d.id!r})].{field}",
                    f"decision {d.id!r} records the matter {short_repr(matter)}, not a matter "
                    f"of Civil Code art. 278 ({', '.join(MATTERS)})",
                )
            ]
        )
    if roster is None:
        body = structure.get(d.body) if d.body in structure else None
        roster = roster_of(structure, getattr(body, "unit", None))
    parts = roster
    ballots = [Ballot(v.person, v.choice, v.proxy) for v in d.votes]
    try:
        return tally(parts, ballots, matter=matter, silent=silent)
    except SpecError as exc:
        # the ballots are the decision's votes: name them where the structure has them
        votes = f"$.decisions[?(@.id=={d.id!r})].votes"
        problems = [
            attrs.evolve(p, path=_vote_path(p.path, votes), message=_vote_path(p.message, votes))
            for p in exc.problems
        ]
        raise SpecError(problems, source=exc.source) from None


_BALLOT = re.compile(r"\$\.ballots\[([0-9]+)\](?:\.(owner|choice|proxy)\b)?")
_VOTE_FIELD = {"owner": ".person", "choice": ".choice", "proxy": ".proxy", None: ""}


def _vote_path(text: str, votes: str) -> str:
    """``text`` with each ``$.ballots[i].owner`` written as the vote's path ``votes[i].person``."""
    return _BALLOT.sub(lambda m: f"{votes}[{m[1]}]{_VOTE_FIELD[m[2]]}", text)


# ------------------------------------------------------------------------------------------------
# Files and the command line


def read_roster(source: str | Path | TextIO) -> tuple[Part, ...]:
    """A roster from CSV (columns ``part``, ``area``, ``owner``, optionally ``kind``; a part
    owned jointly takes one row per owner) or JSON (``{"parts": [{"id", "area", "owners",
    "kind"}]}``). Areas are read from their text, exactly.

    Raises
    ------
    SpecError
        ``missing-field``, ``wrong-type`` (an area that is no decimal number; in JSON, an
        id, owner or kind that is no string, owners that are no list) or
        ``invalid-value``, with ``$.parts[i]`` paths (CSV: ``$.rows[i]``).

    Examples
    --------
    >>> import io
    >>> from govmodel.tally import read_roster
    >>> parts = read_roster(io.StringIO("part,area,owner\\n1-101,89.50,ann\\n1-101,89.50,bo\\n"))
    >>> parts[0].owners, str(parts[0].area)
    (('ann', 'bo'), '179/2')
    """
    return _read_with(source, _roster)


def _roster(raw: bytes | str, suffix: str) -> tuple[Part, ...]:
    problems: list[Problem] = []
    out: dict[str, Part] = {}
    if suffix == ".json":
        data = _parse_json(raw, exact_decimals=True)
        rows = data.get("parts") if isinstance(data, dict) else None
        if not isinstance(rows, list):
            raise SpecError([Problem("missing-field", "$.parts", "the roster has no list 'parts'")])
        parts: list[Part] = []
        for i, r in enumerate(rows):
            if not isinstance(r, dict) or "id" not in r or "area" not in r:
                problems.append(
                    Problem("missing-field", f"$.parts[{i}]", "a part needs an id and an area")
                )
                continue
            area = _read_area(r["area"], f"$.parts[{i}].area", problems)
            pid = _read_id(r["id"], f"$.parts[{i}].id", "a part's id", problems)
            if pid is not None and not pid.strip():
                problems.append(_blank(f"$.parts[{i}].id", "a part's id"))
                pid = None
            owners = r.get("owners", [])
            if not isinstance(owners, list):
                # a string would be read as one owner per character
                problems.append(
                    Problem(
                        "wrong-type",
                        f"$.parts[{i}].owners",
                        f"the owners of a part are a list of ids, not {short_repr(owners)}",
                    )
                )
                owners = None
            else:
                owners = [
                    _read_id(o, f"$.parts[{i}].owners[{j}]", "an owner", problems)
                    for j, o in enumerate(owners)
                ]
                for j, o in enumerate(owners):
                    if o is not None and not o.strip():
                        problems.append(_blank(f"$.parts[{i}].owners[{j}]", "an owner"))
            kind = r.get("kind", "household")
            if not isinstance(kind, str):
                problems.append(
                    Problem(
                        "wrong-type",
                        f"$.parts[{i}].kind",
                        f"a part's kind is a string, not {short_repr(kind)}",
                    )
                )
            if area is not None and pid is not None and owners is not None:
                parts.append(Part(pid, area, tuple(o for o in owners if o is not None), kind))
        if problems:
            raise SpecError(problems)
        return tuple(parts)
    reader = csv.DictReader(io.StringIO(decode_text(raw)))
    for name in ("part", "area", "owner"):
        if name not in (reader.fieldnames or ()):
            problems.append(
                Problem("missing-field", "$.header", f"the roster has no column {name!r}")
            )
    if problems:
        raise SpecError(problems)
    # the owners of each part as the keys of a dict (in order, each once), the parts made at
    # the end: a part of many owners costs one look-up a row, not a copy of its owners
    owners_of: dict[str, dict[str, None]] = {}
    for i, r in enumerate(reader):
        area = _read_area(r["area"], f"$.rows[{i}].area", problems)
        if area is None:
            continue
        pid = (r["part"] or "").strip()
        owner = (r["owner"] or "").strip()
        if not pid:  # blank ids would make the dwellings of several rows one part
            problems.append(_blank(f"$.rows[{i}].part", "a part's id"))
            continue
        got = out.get(pid)
        if got is None:
            out[pid] = Part(pid, area, (), (r.get("kind") or "household").strip())
            owners_of[pid] = {owner: None} if owner else {}
        elif got.area != area:
            problems.append(
                Problem(
                    "invalid-value",
                    f"$.rows[{i}].area",
                    f"part {pid!r} has two areas ({got.area}, {area})",
                )
            )
        elif owner:
            owners_of[pid][owner] = None
    if problems:
        raise SpecError(problems)
    return tuple(attrs.evolve(p, owners=tuple(owners_of[pid])) for pid, p in out.items())


def read_ballots(source: str | Path | TextIO) -> tuple[Ballot, ...]:
    """Ballots from CSV (columns ``owner``, ``choice``, optionally ``proxy``) or JSON
    (``{"ballots": [{"owner", "choice", "proxy"}]}``; an owner or proxy written as a whole
    number is read as its digits).

    Raises
    ------
    SpecError
        ``missing-field`` (no owner or no choice), ``invalid-value`` (a choice that is not
        yes, no or abstain), ``wrong-type`` (in JSON, an owner or proxy that is no string
        nor whole number), with ``$.ballots[i]`` paths.

    Examples
    --------
    >>> import io
    >>> from govmodel.tally import read_ballots
    >>> read_ballots(io.StringIO("owner,choice,proxy\\nann,yes,\\nbo,no,ann\\n"))[1]
    Ballot(owner='bo', choice='no', proxy='ann')
    """
    return _read_with(source, _ballots)


def _ballots(raw: bytes | str, suffix: str) -> tuple[Ballot, ...]:
    rows: list[Any]
    if suffix == ".json":
        data = _parse_json(raw)
        got = data.get("ballots") if isinstance(data, dict) else None
        if not isinstance(got, list):
            raise SpecError([Problem("missing-field", "$.ballots", "no list 'ballots'")])
        rows = got
    else:
        rows = list(csv.DictReader(io.StringIO(decode_text(raw))))
    out = []
    problems: list[Problem] = []
    for i, r in enumerate(rows):
        if not isinstance(r, dict):
            r = {}  # no owner, no choice: the problem below
        owner = r.get("owner")
        if owner is not None:
            owner = _read_id(owner, f"$.ballots[{i}].owner", "an owner", problems)
            if owner is None:
                continue
            owner = owner.strip()
        if not owner or not r.get("choice"):
            problems.append(
                Problem("missing-field", f"$.ballots[{i}]", "a ballot needs an owner and a choice")
            )
            continue
        proxy = r.get("proxy")
        if proxy is not None:
            proxy = _read_id(proxy, f"$.ballots[{i}].proxy", "a proxy", problems)
            if proxy is None:
                continue
            proxy = proxy.strip() or None
        choice = str(r["choice"]).strip()
        if choice not in _CHOICES:
            problems.append(
                Problem(
                    "invalid-value",
                    f"$.ballots[{i}].choice",
                    f"{choice!r} is not yes, no or abstain",
                )
            )
            continue
        out.append(Ballot(owner, cast(Choice, choice), proxy))
    if problems:
        raise SpecError(problems)
    return tuple(out)


def _read(source: str | Path | TextIO) -> tuple[bytes | str, str, str | None]:
    """The content of ``source`` (the bytes of a file, read up to govmodel's size limit, or
    the text of a stream), its suffix (``.csv`` or ``.json``) and the file's name."""
    if isinstance(source, (str, Path)):
        p = Path(source)
        suffix = p.suffix.lower()
        if suffix not in (".csv", ".json"):
            raise ValueError(f"{p}: a roster or ballots file is .csv or .json")
        return read_limited(p), suffix, str(source)
    text = source.read()
    return text, ".json" if text.lstrip().startswith("{") else ".csv", None


def _parse_json(raw: bytes | str, *, exact_decimals: bool = False) -> Any:
    """JSON read as :func:`govmodel.load` reads it (:func:`govmodel.io.native.parse_json`:
    ``invalid-json``, ``invalid-encoding``, ``duplicate-key``, ``too-deep`` and
    ``too-large`` are problems, never a traceback). With ``exact_decimals``, the valid text
    is read once more keeping every decimal number as its text, so that an area is exact."""
    data = parse_json(raw)
    if exact_decimals:
        data = json.loads(decode_text(raw), parse_float=str)
    return data


_T = TypeVar("_T")


def _read_with(source: str | Path | TextIO, parse: Callable[[bytes | str, str], _T]) -> _T:
    """``parse(text, suffix)`` of what ``source`` holds (:func:`_read`), its problems naming
    the file."""
    raw, suffix, name = _read(source)
    try:
        return parse(raw, suffix)
    except SpecError as exc:
        raise _named(exc, name) from None


def _named(exc: SpecError, name: str | None) -> SpecError:
    """``exc`` naming the file it came from (when it came from one)."""
    return exc if name is None or exc.source else SpecError(exc.problems, source=name)


def _blank(where: str, what: str) -> Problem:
    return Problem("missing-field", where, f"{what} is blank")


def _read_id(value: Any, where: str, what: str, problems: list[Problem]) -> str | None:
    """An id read from JSON: a string, or a whole number (written as its digits); anything
    else (``null``, a bool, a float, a list) is a ``wrong-type`` problem."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    problems.append(Problem("wrong-type", where, f"{what} is a string, not {short_repr(value)}"))
    return None


def _read_area(value: Any, where: str, problems: list[Problem]) -> Fraction | None:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        problems.append(Problem("wrong-type", where, f"an area is a decimal number, not {value!r}"))
        return None
    text = str(value).strip() if isinstance(value, str) else None
    if (text is not None and (len(text) > 64 or _BIG_EXPONENT.search(text))) or (
        isinstance(value, int) and abs(value) > _FLOAT_MAX
    ):
        # exact("1e999999999") would compute 10**999999999: refused before it is
        problems.append(_area_out_of_range(value, where))
        return None
    try:
        if text is not None and ("/" in text or text.lower() in ("nan", "inf", "-inf", "infinity")):
            raise ValueError(text)
        area = exact(text if text is not None else str(value))
    except (ValueError, ZeroDivisionError):
        problems.append(Problem("wrong-type", where, f"an area is a decimal number, not {value!r}"))
        return None
    if area > _FLOAT_MAX:
        problems.append(_area_out_of_range(value, where))
        return None
    return area


def _area_out_of_range(value: Any, where: str) -> Problem:
    return Problem(
        "number-out-of-range", where, f"the area {short_repr(value)} is beyond a float's range"
    )


def add_tally_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``govmodel tally`` to the ``govmodel`` command's subparsers.

    ``govmodel tally ROSTER [BALLOTS] --matter MATTER [--silent majority] [--format
    text|json]``: ROSTER and BALLOTS are CSV or JSON files (:func:`read_roster`,
    :func:`read_ballots`); a JSON roster may hold the ballots too; MATTER is ``ordinary``
    unless given. Exit code 0 when the motion passes, 1 when it does not or the input is
    invalid (the problems named with the file), 2 for a usage error (a missing file, a
    file that is not .csv or .json, no BALLOTS).
    """
    p: argparse.ArgumentParser = subparsers.add_parser(
        "tally", help="count an owners' assembly's ballots on a matter (Civil Code art. 278)"
    )
    p.add_argument("roster", metavar="ROSTER", help="the roster, .csv or .json")
    p.add_argument("ballots", nargs="?", metavar="BALLOTS", help="the ballots, .csv or .json")
    p.add_argument(
        "--matter",
        default="ordinary",
        choices=("ordinary", "major", *MATTERS),
        metavar="MATTER",
        help="the matter decided: "
        + ", ".join(MATTERS)
        + " (or ordinary, major); default: ordinary",
    )
    p.add_argument(
        "--silent",
        choices=("absent", "majority"),
        default="absent",
        help="count owners who did not vote as absent (default) or with the majority",
    )
    p.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (default) for people, or json for programs",
    )
    p.set_defaults(func=run)
    return p


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run ``govmodel tally`` with parsed arguments; returns the exit code."""
    if args.ballots is None and not str(args.roster).lower().endswith(".json"):
        raise ValueError("give a BALLOTS file (or a JSON roster holding 'ballots')")
    parts = read_roster(args.roster)
    source = args.ballots or args.roster
    ballots = read_ballots(source)
    t = tally(parts, ballots, matter=args.matter, silent=args.silent)
    if args.format == "json":
        out.write(json.dumps(t.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(t.explanation + "\n")
    return 0 if t.passed else 1
