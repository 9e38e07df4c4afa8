"""The outcome of a vote under a voting rule, with the arithmetic shown.

A :class:`~govmodel.spec.Decision` records a body's vote on a motion under a
:class:`~govmodel.spec.VotingRule`: a threshold (``2/3``) of a basis (all ``members``, those
``present``, or the votes ``cast``), reached or exceeded (``strict``), a quorum, and for
owners' assemblies a double majority by head and by floor area (``by_area``).
:func:`outcome` applies the rule in exact rational arithmetic, so a threshold is never missed
or met by a rounding error: two thirds of 37 members is 24 2/3, so 25 votes pass and 24 fail.
Floor areas and other counts are read as the exact decimals they are written as
(:func:`exact`): 190.00 + 30.67 m² is 220.67 m², not the binary 220.67000000000002, and
200.20 of 300.30 m² is exactly two thirds.

The presets :func:`owners_assembly_rule` (PRC Civil Code, art. 278) and
:func:`council_rule` (the Chengdu community council) build the rules of the source reports.

Examples
--------
>>> from govmodel.spec import Decision, Tally
>>> from govmodel.metrics.voting import council_rule, outcome
>>> d = Decision("d1", "council", rule=council_rule(), count=Tally(members=37, yes=25))
>>> print(outcome(d).explanation)
25 of 37 members voted yes; at least 2/3 of 37 = 24.67, i.e. 25, needed: passed
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from decimal import Decimal
from fractions import Fraction
from typing import Final, Literal, TypeAlias

import attrs
import networkx as nx

from govmodel.errors import Problem, SpecError
from govmodel.graph import from_graph
from govmodel.metrics.hierarchy import _check_graph
from govmodel.spec import Decision, Tally, VotingRule, about_size, exact

__all__ = [
    "MATTERS",
    "Majority",
    "Matter",
    "Outcome",
    "council_rule",
    "exact",
    "outcome",
    "outcome_from_graph",
    "owners_assembly_rule",
]

Number: TypeAlias = int | float
#: An exact amount: an ``int`` when whole, else the exact :class:`~fractions.Fraction` of
#: the decimals it was written with.
Amount: TypeAlias = int | Fraction


def _amount(value: Fraction) -> Amount:
    """An exact amount: whole ones as ``int``."""
    return value.numerator if value.denominator == 1 else value


@attrs.frozen
class Majority:
    """The count of one dimension of a vote, by head or by floor area, against the rule.

    Attributes
    ----------
    dimension
        ``"heads"`` or ``"area"``.
    yes
        The yes votes (people, or the floor area they hold), exact: an ``int`` when whole,
        else the :class:`~fractions.Fraction` of its written decimals (:func:`exact`).
    basis
        The rule's basis: ``"members"``, ``"present"`` or ``"cast"`` (yes + no).
    basis_total
        The size of the basis.
    threshold
        The rule's threshold, a fraction of the basis.
    strict
        Whether ``yes`` must exceed ``threshold * basis_total`` rather than reach it.
    required
        ``threshold * basis_total``, exact.
    needed
        By head, the fewest whole yes votes that pass: :math:`\\lceil t B \\rceil`, or
        :math:`\\lfloor t B \\rfloor + 1` when strict (and at least 1); by area, ``None``.
    reached
        Whether ``yes`` reaches (or, when strict, exceeds) ``required`` (and is positive).
    members, present
        The members and those present (taking part), where known.
    quorum
        The share of the members who must be present, or ``None`` (no quorum).
    quorum_required
        ``quorum * members``, exact, or ``None``.
    quorum_met
        Whether ``present >= quorum_required`` (``True`` when there is no quorum).
    """

    dimension: Literal["heads", "area"]
    yes: Amount
    basis: Literal["members", "present", "cast"]
    basis_total: Amount
    threshold: Fraction
    strict: bool
    required: Fraction
    needed: int | None
    reached: bool
    members: Amount | None
    present: Amount | None
    quorum: Fraction | None
    quorum_required: Fraction | None
    quorum_met: bool


@attrs.frozen
class Outcome:
    """The outcome of a decision under its rule.

    Attributes
    ----------
    passed
        Whether the motion passed: every quorum met and every threshold reached.
    reason
        ``"passed"``, ``"quorum_not_met"`` (checked first) or ``"threshold_not_met"``.
    yes
        The yes votes by head.
    basis_total
        The size of the basis by head.
    required
        The fewest yes votes by head that pass (``heads.needed``).
    quorum_met
        Whether the quorum is met, by head and (for a double majority) by area.
    heads
        The count by head.
    area
        The count by floor area, for a double majority (``rule.by_area``); else ``None``.
    explanation
        The arithmetic in words, e.g. ``"25 of 37 members voted yes; at least 2/3 of 37 =
        24.67, i.e. 25, needed: passed"``. Amounts are shown to two decimals, an area and
        what it must reach with more where two would make a shortfall look met.
    recorded
        The outcome the decision records (``"passed"``, ``"failed"``), if any, for comparison.
    by_proxy
        How many of the decision's individual votes were cast under a written proxy
        (``Vote.proxy``); each counts as its voter's own.
    explanation_zh
        ``explanation`` in Chinese, sentence for sentence, with the same numbers written
        alike: ``"全体37名成员中24名赞成;须至少37的2/3 = 24.67,即25:未通过"``.
    """

    passed: bool
    reason: Literal["passed", "quorum_not_met", "threshold_not_met"]
    yes: Amount
    basis_total: Amount
    required: int
    quorum_met: bool
    heads: Majority
    area: Majority | None
    explanation: str
    recorded: str | None
    by_proxy: int = 0
    explanation_zh: str = ""


# ------------------------------------------------------------------------------------------------
# Presets


@attrs.frozen
class Matter:
    """A matter the owners decide together, as Civil Code art. 278 (1) lists them.

    Attributes
    ----------
    name
        Its name in :data:`MATTERS` (``"raise_maintenance_funds"``).
    item
        Its item of art. 278 para. 1, 1 to 9.
    en, zh
        Its wording in English and as the article has it.
    """

    name: str
    item: int
    en: str
    zh: str

    @property
    def major(self) -> bool:
        """Whether it needs three quarters (items 6 to 8) rather than more than half."""
        return self.item in (6, 7, 8)


#: The nine matters of Civil Code art. 278 para. 1, by name, in the article's order
#: (text: 《中华人民共和国民法典》第二百七十八条).
MATTERS: dict[str, Matter] = {
    m.name: m
    for m in (
        Matter(
            "rules_of_procedure",
            1,
            "rules of procedure of the owners' assembly",
            "制定和修改业主大会议事规则",
        ),
        Matter("management_statute", 2, "the management statute", "制定和修改管理规约"),
        Matter(
            "owners_committee",
            3,
            "electing or replacing the owners' committee",
            "选举业主委员会或者更换业主委员会成员",
        ),
        Matter(
            "property_service",
            4,
            "hiring or dismissing the property-service company",
            "选聘和解聘物业服务企业或者其他管理人",
        ),
        Matter(
            "use_maintenance_funds",
            5,
            "using the maintenance funds",
            "使用建筑物及其附属设施的维修资金",
        ),
        Matter(
            "raise_maintenance_funds",
            6,
            "raising the maintenance funds",
            "筹集建筑物及其附属设施的维修资金",
        ),
        Matter(
            "rebuild",
            7,
            "rebuilding or renovating the buildings and facilities",
            "改建、重建建筑物及其附属设施",
        ),
        Matter(
            "common_parts_use",
            8,
            "changing the use of common parts, or using them for business",
            "改变共有部分的用途或者利用共有部分从事经营活动",
        ),
        Matter(
            "other_major",
            9,
            "other major matters of common ownership and management",
            "有关共有和共同管理权利的其他重大事项",
        ),
    )
}


def owners_assembly_rule(matter: str = "ordinary") -> VotingRule:
    """The rule of an owners' assembly under article 278 of the PRC Civil Code (in force 2021).

    Article 278 (paragraph 2): matters the owners decide together need owners holding at
    least two thirds of the exclusive floor area *and* at least two thirds of the owners to
    take part in the vote (专有部分面积占比三分之二以上的业主且人数占比三分之二以上的业主参与
    表决). Matters 6 to 8 of paragraph 1, raising maintenance funds, rebuilding or
    reconstructing the buildings and their facilities, and changing the use of common parts
    or running a business in them, need at least three quarters of the participating area
    and at least three quarters of the participating owners (参与表决专有部分面积四分之三以上
    的业主且参与表决人数四分之三以上的业主同意); all other matters, including *using* the
    maintenance funds (matter 5), electing the owners' committee and hiring or firing the
    property company, need more than half of both (过半数).

    "以上" includes the number itself (Civil Code art. 1259), so two thirds and three
    quarters are reached, not exceeded (``strict=False``); "过半数" is more than half
    (``strict=True``). The participating owners are those present (``basis="present"``).

    Parameters
    ----------
    matter
        One of the nine matters of :data:`MATTERS` (``"raise_maintenance_funds"``), or
        ``"ordinary"`` or ``"major"`` (any of matters 6 to 8).

    Returns
    -------
    VotingRule
        A double majority (``by_area=True``) with a quorum of 2/3 of heads and of area.

    Raises
    ------
    ValueError
        If ``matter`` is none of these.

    Examples
    --------
    >>> from govmodel.metrics.voting import owners_assembly_rule
    >>> r = owners_assembly_rule("major")
    >>> str(r.threshold), r.basis, r.strict, str(r.quorum), r.by_area
    ('3/4', 'present', False, '2/3', True)
    >>> owners_assembly_rule("raise_maintenance_funds") == r
    True
    >>> owners_assembly_rule("use_maintenance_funds") == owners_assembly_rule()
    True
    """
    m = MATTERS.get(matter)
    if m is not None:
        matter = "major" if m.major else "ordinary"
    if matter == "ordinary":
        return VotingRule(Fraction(1, 2), "present", True, Fraction(2, 3), True)
    if matter == "major":
        return VotingRule(Fraction(3, 4), "present", False, Fraction(2, 3), True)
    known = ", ".join(["ordinary", "major", *MATTERS])
    raise ValueError(f"unknown matter {matter!r}; expected one of {known}")


def council_rule() -> VotingRule:
    """The rule of the Chengdu community council: at least two thirds of all its members.

    Report 002: the community council of 37 members approves a project only when two thirds
    of its members vote for it (25 of 37).

    Returns
    -------
    VotingRule
        ``VotingRule("2/3", basis="members")``.

    Examples
    --------
    >>> from govmodel.metrics.voting import council_rule
    >>> council_rule()
    VotingRule(threshold=Fraction(2, 3), basis='members', strict=False, quorum=None, by_area=False)
    """
    return VotingRule(Fraction(2, 3), "members")


# ------------------------------------------------------------------------------------------------
# Outcomes


_CHOICES = ("yes", "no", "abstain")


def _path(decision: Decision, field: str) -> str:
    return f"$.decisions[?(@.id=={decision.id!r})].{field}"


def _tally(decision: Decision, dimension: Literal["heads", "area"]) -> dict[str, Fraction | None]:
    """The tally of a dimension, exact: the recorded counts, with the fields they leave open
    filled in from the individual votes."""
    given = (decision.count if dimension == "heads" else decision.area) or Tally()
    names = ("members", "present", "yes", "no", "abstain")
    field = "count" if dimension == "heads" else "area"
    out: dict[str, Fraction | None] = {}
    for name in names:
        value = getattr(given, name)
        if isinstance(value, str):  # a number, as validation and the readers hold it
            where = _path(decision, f"{field}.{name}")
            message = f"{dimension}: {name} must be a number, not the string {value!r}"
            raise SpecError([Problem("wrong-type", where, message)])
        try:
            out[name] = None if value is None else exact(value)
        except (TypeError, ValueError) as e:
            where = _path(decision, f"{field}.{name}")
            raise SpecError([Problem(_unreadable(e), where, f"{dimension}: {e}")]) from None
    if not decision.votes:
        return out
    # a recorded area tally that leaves nothing open needs no vote's area
    summed = dimension == "heads" or any(out[n] is None for n in ("present", *_CHOICES))
    sums: dict[str, Fraction] = {"yes": Fraction(0), "no": Fraction(0), "abstain": Fraction(0)}
    voters: set[str] = set()
    for i, v in enumerate(decision.votes):
        if v.choice not in _CHOICES:
            where = _path(decision, f"votes[{i}].choice")
            message = f"a vote is yes, no or abstain, not {v.choice!r}"
            raise SpecError([Problem("wrong-type", where, message)])
        if v.person in voters:  # one person is one head, with one area
            where = _path(decision, f"votes[{i}].person")
            raise SpecError([Problem("duplicate-vote", where, f"{v.person!r} votes twice")])
        voters.add(v.person)
        area: object = v.area  # typed a number, but built in Python it may be anything
        if isinstance(area, str):
            where = _path(decision, f"votes[{i}].area")
            message = f"area: a vote's area must be a number, not the string {area!r}"
            raise SpecError([Problem("wrong-type", where, message)])
        if dimension == "heads":
            sums[v.choice] += 1
        elif v.area is None:
            if not summed:
                continue
            raise SpecError(
                [
                    Problem(
                        "missing-field",
                        _path(decision, f"votes[{i}].area"),
                        f"vote of {v.person!r} carries no area, which a double majority needs",
                    )
                ]
            )
        else:
            where = _path(decision, f"votes[{i}].area")
            try:
                carried = exact(v.area)
            except (TypeError, ValueError) as e:
                raise SpecError([Problem(_unreadable(e), where, f"area: {e}")]) from None
            if carried < 0:
                message = f"area: a vote's area is negative ({_fmt(carried)})"
                raise SpecError([Problem("inconsistent-tally", where, message)])
            sums[v.choice] += carried
    # the votes are among those recorded: a recorded count short of them contradicts them
    cast = sums["yes"] + sums["no"] + sums["abstain"]
    for name, of_votes in (("present", cast), *sums.items()):
        recorded = out[name]
        if recorded is None:
            out[name] = of_votes
        elif of_votes > recorded:
            where = _path(decision, f"{field}.{name}")
            message = (
                f"{dimension}: the individual votes give {_fmt(of_votes)} {name}, "
                f"more than the {_fmt(recorded)} recorded"
            )
            raise SpecError([Problem("inconsistent-tally", where, message)])
    return out


def _unreadable(error: TypeError | ValueError) -> str:
    """The code of a count or an area :func:`exact` cannot read, as validation has it: a
    boolean or no number is of the wrong type, NaN or an infinity is not finite."""
    return "wrong-type" if isinstance(error, TypeError) else "non-finite-number"


def _fmt(x: Fraction | Number) -> str:
    """A number for the explanation: whole numbers as such, others rounded exactly to two
    decimals (:func:`_decimals`; a float has too few digits for 10**30 m² and a half); a
    number of more digits than Python writes out as about its size (``about 1.00e+5000``)."""
    f = Fraction(x)
    try:
        if f.denominator == 1:
            return str(f.numerator)
        return _decimals(f, 2)
    except ValueError:  # more digits than Python writes out: about its size
        return about_size(math.trunc(f))


def _needed(required: Fraction, strict: bool) -> int:
    n = math.floor(required) + 1 if strict else math.ceil(required)
    return max(n, 1)


@attrs.frozen
class _Counts:
    """The numbers of one dimension of a vote, exact, as far as they are known or derivable."""

    members: Fraction | None
    present: Fraction | None
    yes: Fraction
    total: Fraction


def _counts(decision: Decision, dimension: Literal["heads", "area"]) -> _Counts:
    """The counts the rule needs, derived where possible; raises listing what is missing or
    contradictory."""
    rule = decision.rule
    t = _tally(decision, dimension)
    field = "count" if dimension == "heads" else "area"
    problems: list[Problem] = []

    def problem(code: str, name: str, why: str) -> None:
        where = _path(decision, f"{field}.{name}" if name else field)
        problems.append(Problem(code, where, f"{dimension}: {why}"))

    for name in ("members", "present", "yes", "no", "abstain"):
        value = t[name]
        if value is not None and value < 0:
            problem("inconsistent-tally", name, f"{name} is negative ({_fmt(value)})")
        if dimension == "heads" and value is not None and value.denominator != 1:
            problem("not-a-whole-number", name, f"{name} counts people, not {_fmt(value)}")
    yes, no, abstain, present = t["yes"], t["no"], t["abstain"], t["present"]
    if present is None and yes is not None and no is not None and abstain is not None:
        present = yes + no + abstain
    if no is None and present is not None and yes is not None and abstain is not None:
        no = present - yes - abstain
    total: Fraction | None
    if rule.basis == "members":
        total = t["members"]
        if total is None:
            problem("missing-tally", "members", "the basis is the members, not known")
    elif rule.basis == "present":
        total = present
        if total is None:
            problem("missing-tally", "present", "the basis is those present, not known")
    else:
        total = None if no is None or yes is None else yes + no
        if no is None:
            problem("missing-tally", "no", "the basis is the votes cast, but 'no' is not known")
    if yes is None:
        problem("missing-tally", "yes", "the yes votes are not known")
    if rule.quorum is not None:
        if t["members"] is None:
            problem("missing-tally", "members", "a quorum needs the number of members")
        if present is None:
            problem("missing-tally", "present", "a quorum needs the number present")
    if problems:
        raise SpecError(problems)
    assert yes is not None
    assert total is not None
    voted = sum((x for x in (yes, no, abstain) if x is not None), Fraction(0))
    if present is not None and voted > present:
        problem("inconsistent-tally", "", "yes, no and abstain exceed those present")
    members = t["members"]
    if members is not None and present is not None and present > members:
        problem("inconsistent-tally", "", "more are present than there are members")
    if yes > total:
        problem("inconsistent-tally", "", f"the yes votes exceed the basis ({rule.basis})")
    if problems:
        raise SpecError(problems)
    return _Counts(members=members, present=present, yes=yes, total=total)


def _majority(
    decision: Decision, dimension: Literal["heads", "area"]
) -> tuple[Majority, list[str], list[str]]:
    """The count of one dimension, and the sentences explaining it in English and in
    Chinese (the quorum's, when there is one, then the threshold's, without its verdict)."""
    rule = decision.rule
    c = _counts(decision, dimension)
    heads = dimension == "heads"
    yes = c.yes
    required = rule.threshold * c.total
    reached = yes > 0 and (yes > required if rule.strict else yes >= required)
    words: list[str] = []
    zh: list[str] = []
    prefix, members = ("", " members") if heads else ("By area: ", "")
    quorum_required: Fraction | None = None
    quorum_met = True
    if rule.quorum is not None:
        assert c.members is not None
        assert c.present is not None
        quorum_required = rule.quorum * c.members
        quorum_met = c.present >= quorum_required
        of = _fmt(c.members)
        if heads:
            took, need = _fmt(c.present), _show(quorum_required, True, strict=False, quorum=True)
            need_zh = _show(quorum_required, True, strict=False, quorum=True, zh=True)
            took_zh = f"全体{of}名成员中{took}名参与表决;法定人数"
        else:
            took, need = _compared(c.present, quorum_required, strict=False)
            need_zh = need
            took_zh = f"按面积:全体{of}中{took}参与表决;参与表决的面积"
        words.append(
            f"{prefix}{took} of {of}{members} took part; "
            f"at least {rule.quorum} of {of} = {need} needed for a quorum: "
            f"{'met' if quorum_met else 'not met'}"
        )
        zh.append(
            f"{took_zh}须至少为{of}的{rule.quorum} = {need_zh}:{'已达到' if quorum_met else '未达到'}"
        )
    whom = {"members": f"{members} voted yes", "present": " present voted yes"}
    total = _fmt(c.total)
    if heads:
        said, need = _fmt(yes), _show(required, True, strict=rule.strict)
        need_zh = _show(required, True, strict=rule.strict, zh=True)
    else:
        said, need = _compared(yes, required, strict=rule.strict)
        need_zh = need
    words.append(
        f"{prefix}{said} of {total}{whom.get(rule.basis, ' votes cast were yes')}; "
        f"{'more than' if rule.strict else 'at least'} {rule.threshold} of {total} = "
        f"{need} needed"
    )
    whom_zh = {
        "members": f"全体{total}名成员中{said}名赞成" if heads else f"全体{total}中{said}赞成",
        "present": f"出席的{total}人中{said}人赞成" if heads else f"出席的{total}中{said}赞成",
        "cast": f"所投{total}票中{said}票赞成" if heads else f"所投{total}中{said}赞成",
    }[rule.basis]
    zh.append(
        f"{'' if heads else '按面积:'}{whom_zh};须{'超过' if rule.strict else '至少'}{total}的"
        f"{rule.threshold} = {need_zh}"
    )
    majority = Majority(
        dimension=dimension,
        yes=_amount(c.yes),
        basis=rule.basis,
        basis_total=_amount(c.total),
        threshold=rule.threshold,
        strict=rule.strict,
        required=required,
        needed=_needed(required, rule.strict) if heads else None,
        reached=reached,
        members=None if c.members is None else _amount(c.members),
        present=None if c.present is None else _amount(c.present),
        quorum=rule.quorum,
        quorum_required=quorum_required,
        quorum_met=quorum_met,
    )
    return majority, words, zh


def _show(
    amount: Fraction, whole: bool, *, strict: bool, quorum: bool = False, zh: bool = False
) -> str:
    """``24.67, i.e. 25,`` (with ``zh``: ``24.67,即25``) for a count of people that must be
    whole; the amount otherwise.

    A quorum needs :math:`\\lceil qM \\rceil` present, 0 when it is 0; a threshold at least
    one yes vote (:func:`_needed`)."""
    if not whole:
        return _fmt(amount)
    n = math.ceil(amount) if quorum else _needed(amount, strict)
    if n == amount:
        return _fmt(amount)
    return f"{_fmt(amount)},即{n}" if zh else f"{_fmt(amount)}, i.e. {n},"


def _decimals(x: Fraction, digits: int) -> str:
    """``x`` rounded exactly to ``digits`` decimals (half to even), without trailing zeros."""
    # from text, which Decimal reads exactly (scaleb would round to 28 digits)
    text = format(Decimal(f"{round(x * 10**digits)}E-{digits}"), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _compared(have: Fraction, need: Fraction, *, strict: bool) -> tuple[str, str]:
    """An amount and the amount it must reach (or, ``strict``, exceed), for the
    explanation: to two decimals (:func:`_fmt`) when, so rounded, they compare as they do
    exactly; else to as many more decimals as it takes. Two thirds of 100.01 m² is
    66.6733… m², so 66.67 m² is shown short of ``66.673``, not equal to ``66.67``, and
    66.68 m² above ``66.67``. Rounding is monotone, so more decimals are needed only for a
    shortfall (or, ``strict``, an amount just above what it must exceed), and found once
    :math:`10^{-d}` is below the difference."""
    holds = have > need if strict else have >= need
    shown, needed = _fmt(have), _fmt(need)
    digits = 2
    while (
        Fraction(shown) > Fraction(needed) if strict else Fraction(shown) >= Fraction(needed)
    ) != holds:
        digits += 1
        shown, needed = _decimals(have, digits), _decimals(need, digits)
    return shown, needed


def outcome(decision: Decision) -> Outcome:
    """Whether a decision passed under its rule, with the arithmetic.

    For the count :math:`y` of yes votes, the basis :math:`B` (members, those present, or
    the votes cast :math:`y + n`), the threshold :math:`t` and, with a quorum :math:`q`, the
    members :math:`M` and those present :math:`P`, the motion passes when

    .. math:: P \\ge q M \\quad\\text{and}\\quad
              \\begin{cases} y > t B & \\text{strict ("more than half")} \\\\
              y \\ge t B & \\text{otherwise ("at least two thirds")}\\end{cases}
              \\quad\\text{and}\\quad y > 0,

    in exact rational arithmetic. Every count and area is read as the decimal it is written
    as (:func:`exact`: a float through its shortest ``repr``), so 200.20 of 300.30 m² is
    exactly 2/3 and meets a quorum of at least 2/3.
    With ``rule.by_area`` the same quorum and threshold apply to the floor area too, and
    both must hold (the double majority of owners' assemblies). A motion without a single
    yes vote never passes, even when nobody voted.

    The counts are ``decision.count`` (by head) and ``decision.area``; any field they leave
    ``None`` is filled from ``decision.votes`` (present = all votes, yes/no/abstain by
    choice, by area summing each vote's ``area``), and one they record must not fall short
    of the votes (3 yes ballots and ``yes=1`` contradict each other; ``yes=3`` and one yes
    ballot do not: the ballots may be only those known). Those present are also derived as
    yes + no + abstain, and the no votes as present - yes - abstain, when the others are
    known.

    The explanation shows amounts to two decimals, except where an area and what it must
    reach would so look to meet when it falls short (or the reverse): then both are shown
    with as many more decimals as it takes (66.67 m² of 100.01 is short of two thirds,
    ``= 66.673 needed``). A quorum that needs nobody says ``= 0 needed``; a threshold
    always needs one yes vote (``= 0, i.e. 1, needed``).

    Parameters
    ----------
    decision
        The decision (a spec object, not a graph node; see :func:`outcome_from_graph`).

    Returns
    -------
    Outcome

    Raises
    ------
    SpecError
        ``missing-tally`` when a count the rule needs is not known (the members for a
        ``members`` basis or a quorum, the no votes for a ``cast`` basis, …);
        ``inconsistent-tally`` when the counts contradict each other or the individual
        votes (more present than members, yes votes beyond the basis, a recorded count
        short of the votes, a negative count or vote area); ``missing-field`` when a
        double majority is tallied from votes without an area; ``duplicate-vote`` when a
        person votes twice; ``wrong-type`` when a count or an area is a string (``"25"``
        is not 25) or a boolean, or a vote's choice is none of yes, no and abstain;
        ``non-finite-number`` for NaN or an infinity; ``not-a-whole-number`` when a count by
        head is not whole (``2.5`` people), as :func:`govmodel.validate` says.

    Notes
    -----
    Complexity :math:`O(v)` for :math:`v` individual votes. The Chengdu community council
    (report 002) approves with two thirds of its 37 members: :math:`\\lceil 2/3 \\cdot 37
    \\rceil = 25`.

    Examples
    --------
    >>> from govmodel.spec import Decision, Tally
    >>> from govmodel.metrics.voting import council_rule, outcome
    >>> o = outcome(Decision("d", "c", rule=council_rule(), count=Tally(members=37, yes=24)))
    >>> o.passed, o.reason, o.required
    (False, 'threshold_not_met', 25)
    >>> print(o.explanation)
    24 of 37 members voted yes; at least 2/3 of 37 = 24.67, i.e. 25, needed: failed

    A major matter of an owners' assembly: three quarters of both the participating owners
    and the participating floor area.

    >>> from govmodel.metrics.voting import owners_assembly_rule
    >>> d = Decision(
    ...     "d2", "assembly", rule=owners_assembly_rule("major"),
    ...     count=Tally(members=90, present=60, yes=45),
    ...     area=Tally(members=9000, present=6000, yes=4400),
    ... )
    >>> o = outcome(d)
    >>> o.passed, o.reason, o.heads.reached, o.area.reached
    (False, 'threshold_not_met', True, False)
    >>> print(o.explanation.replace(". ", ".\\n"))
    60 of 90 members took part; at least 2/3 of 90 = 60 needed for a quorum: met.
    45 of 60 present voted yes; at least 3/4 of 60 = 45 needed: reached.
    By area: 6000 of 9000 took part; at least 2/3 of 9000 = 6000 needed for a quorum: met.
    By area: 4400 of 6000 present voted yes; at least 3/4 of 6000 = 4500 needed: not reached.
    Failed (threshold not met).
    """
    heads, words, zh = _majority(decision, "heads")
    area: Majority | None = None
    if decision.rule.by_area:
        area, more, more_zh = _majority(decision, "area")
    dims = [heads] if area is None else [heads, area]
    quorum_met = all(m.quorum_met for m in dims)
    reason: Literal["passed", "quorum_not_met", "threshold_not_met"]
    if not quorum_met:
        reason = "quorum_not_met"
    elif not all(m.reached for m in dims):
        reason = "threshold_not_met"
    else:
        reason = "passed"
    passed = reason == "passed"
    reached_zh = {True: "已达到", False: "未达到"}
    if area is None and len(words) == 1:
        explanation = f"{words[0]}: {'passed' if passed else 'failed'}"
        sentences_zh = [f"{zh[0]}:{'通过' if passed else '未通过'}"]
    else:
        parts = [*words[:-1], f"{words[-1]}: {'reached' if heads.reached else 'not reached'}"]
        sentences_zh = [*zh[:-1], f"{zh[-1]}:{reached_zh[heads.reached]}"]
        if area is not None:
            parts += [*more[:-1], f"{more[-1]}: {'reached' if area.reached else 'not reached'}"]
            sentences_zh += [*more_zh[:-1], f"{more_zh[-1]}:{reached_zh[area.reached]}"]
        verdict = "Passed." if passed else f"Failed ({reason.replace('_', ' ')})."
        explanation = ". ".join([*parts, verdict])
        sentences_zh.append(_VERDICT_ZH[reason])
    assert heads.needed is not None
    by_proxy = sum(1 for v in decision.votes if v.proxy is not None)
    if by_proxy:
        verb = "was" if by_proxy == 1 else "were"
        proxies = f"{by_proxy} of the {len(decision.votes)} votes {verb} cast by proxy"
        explanation += (
            f" {proxies[0].upper()}{proxies[1:]}."
            if explanation.endswith(".")
            else (f"; {proxies}")
        )
        sentences_zh.append(f"{len(decision.votes)}票中{by_proxy}票为委托代理投票")
    return Outcome(
        passed=passed,
        reason=reason,
        yes=heads.yes,
        basis_total=heads.basis_total,
        required=heads.needed,
        quorum_met=quorum_met,
        heads=heads,
        area=area,
        explanation=explanation,
        recorded=decision.outcome,
        by_proxy=by_proxy,
        explanation_zh="。".join(sentences_zh),
    )


#: The verdict of an outcome's explanation in Chinese, by its reason.
_VERDICT_ZH: Final = {
    "passed": "通过",
    "quorum_not_met": "未通过(参与表决未达到法定人数)",
    "threshold_not_met": "未通过(赞成未达到门槛)",
}


def outcome_from_graph(G: nx.Graph, decision: Hashable) -> Outcome:
    """The outcome of a decision node of a govmodel graph.

    The decision is read back with :func:`govmodel.from_graph` from the subgraph of the
    decision node and its predecessors (its body and its voters), then passed to
    :func:`outcome`.

    Parameters
    ----------
    G
        A govmodel graph.
    decision
        The id of a node with ``entity="decision"``.

    Returns
    -------
    Outcome

    Raises
    ------
    TypeError
        If ``G`` is not a networkx graph (a ``StructureIndex`` too: draw the structure).
    KeyError
        If ``decision`` is not a decision node of ``G``.
    SpecError
        As :func:`outcome` does, or if the node cannot be read back.

    Notes
    -----
    Complexity :math:`O(d)` for the :math:`d` edges around the decision and its
    predecessors.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.metrics.voting import outcome_from_graph
    >>> s = govmodel.datasets.load("chengdu")
    >>> o = outcome_from_graph(govmodel.to_graph(s), s.decisions[0].id)
    >>> o.passed, o.yes, o.basis_total, o.required
    (True, 25, 37, 25)
    """
    _check_graph(G, "outcome_from_graph")
    if decision not in G or G.nodes[decision].get("entity") != "decision":
        raise KeyError(f"no decision {decision!r} in the graph")
    near = {decision, *G.pred[decision]}
    for _, _, data in G.in_edges(decision, data=True):
        proxy = data.get("proxy") if data.get("relation") == "vote" else None
        if isinstance(proxy, str) and proxy in G:
            near.add(proxy)
    d = from_graph(G.subgraph(near)).get(str(decision))
    assert isinstance(d, Decision)
    return outcome(d)
