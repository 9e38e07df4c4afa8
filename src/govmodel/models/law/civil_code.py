"""The Civil Code's rules on owners' rights in buildings (民法典 物权编 第六章), as a rule pack.

Read from the Civil Code, book two, chapter 6 [P: 《中华人民共和国民法典》, RanKKI/LawRefBook
``法律法条/民法典/物权.md``], in force from 2021-01-01 (art. 1260):

- art. 278: the matters owners decide together and the double majorities by head and by
  exclusive area (:data:`govmodel.metrics.voting.MATTERS`);
- art. 279: a dwelling turned to business use needs the consent of the interested owners
  (the SPC interpretation 法释〔2009〕7号 art. 11 counts the other owners of the building);
- art. 283: costs and income of the common parts are shared by exclusive area, absent an
  agreement (a measure).

Examples
--------
>>> import govmodel
>>> from govmodel.models.law.civil_code import CivilCode
>>> [r.article for r in CivilCode.rules()]
['278', '279']
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator
from fractions import Fraction

import attrs

from govmodel.errors import Problem, SpecError
from govmodel.metrics.voting import MATTERS, exact, outcome, owners_assembly_rule
from govmodel.models.base import Context, Finding, GovernanceModel, Source, measure
from govmodel.models.law import (
    count_text,
    decided_from,
    gap,
    law_rule,
    problem_zh,
    read_outcome,
    read_yes_no,
)
from govmodel.spec import Decision, Tally, Unit, VotingRule, is_finite_number
from govmodel.tally import area_text, roster_of, tally_decision
from govmodel.vocab import OWNS

__all__ = ["CivilCode", "matter_of", "unowned_parts", "weaker_than"]

LAW = "Civil Code of the PRC (中华人民共和国民法典)"
VERSION = "2020-05-28"
IN_FORCE = ("2021-01-01", None)
SOURCE = "[P] Civil Code, book two, ch. 6 (RanKKI/LawRefBook 法律法条/民法典/物权.md)"


def matter_of(decision: Decision) -> str | None:
    """The matter a decision decides: its ``matter``, else (in files written before the
    field) its attribute ``matter``, or ``None``."""
    value = decision.matter or decision.attributes.get("matter")
    return value if isinstance(value, str) and value else None


def _passable(rule: VotingRule) -> bool:
    """Whether some tally passes ``rule``: yes votes cannot exceed their basis, nor those
    present the members, so a threshold above 1 (or "more than" all of the basis) or a
    quorum above 1 is never met."""
    t, q = rule.threshold, rule.quorum
    return (t < 1 or (t == 1 and not rule.strict)) and (q is None or q <= 1)


def _least_turnout(rule: VotingRule) -> Fraction:
    """The greatest lower bound of the share of the members taking part, :math:`P / M`,
    over the tallies ``rule`` passes: its quorum, or, on the basis of all the members, its
    threshold when that is higher (those voting yes take part)."""
    q = max(rule.quorum or Fraction(0), Fraction(0))
    return max(q, rule.threshold) if rule.basis == "members" else q


def _least_yes(rule: VotingRule, basis: str) -> tuple[Fraction, bool]:
    """The greatest lower bound of the yes votes' share of ``basis`` over the tallies
    ``rule`` passes, and whether some tally reaches it (a share of 0 is never reached:
    a motion passes only with a yes vote)."""
    t = max(rule.threshold, Fraction(0))
    if rule.basis == "cast" and basis != "cast":
        least = Fraction(0)  # those present who abstain or do not vote are not in its basis
    elif basis == "members" and rule.basis != "members":
        least = t * max(rule.quorum or Fraction(0), Fraction(0))
    else:
        least = t
    return least, least > 0 and not rule.strict


def weaker_than(rule: VotingRule, law: VotingRule) -> list[str]:
    """The ways a decision's rule asks less than the law's: what it lacks, in words; empty
    when every tally that passes ``rule`` passes ``law``.

    For each count (by head, and by area when the law counts area), with :math:`M`
    members, :math:`P` taking part and :math:`Y` voting yes (:math:`0 < Y \\le P \\le M`),
    a rule passes when :math:`P \\ge qM` (its quorum :math:`q`, if any), :math:`Y \\ge tB`
    (or :math:`Y > tB` when strict) for its threshold :math:`t` of its basis :math:`B`
    (:math:`M`, :math:`P`, or the votes cast), and :math:`Y > 0`. ``rule`` asks at least
    as much as ``law`` exactly when, over the tallies ``rule`` passes,

    - the least share taking part, :math:`\\inf P/M`, reaches the law's quorum: that is
      the rule's quorum, or on the basis of all members :math:`\\max(q, t)`, since those
      voting yes take part: at least 2/3 of **all** the owners voting yes is a quorum of
      2/3;
    - the least yes share of the law's basis, :math:`\\inf Y/B_{law}`, reaches the law's
      threshold (exceeds it, when the law's is strict and some tally of the rule sits on
      it): that is :math:`t`, since :math:`M \\ge P \\ge` the votes cast (at least 3/4 of all
      the owners is at least 3/4 of those taking part); :math:`t q` for a rule on those
      present measured against all the members; and 0 for a rule counting only the
      votes cast, against a law counting those present or the members (abstentions and
      those present not voting are outside its basis).

    Each bound is reached by some tally (all the members present, or exactly the quorum),
    so the comparison is exact, in fractions: a rule of at least 2/3 of all the owners by
    head and area asks at least as much as art. 278 for an ordinary matter, one of at least
    3/4 of all of them for matters (6)-(8); below those it asks less. A rule no tally can
    pass (a threshold or quorum above 1) asks at least as much as any.

    Examples
    --------
    >>> from govmodel.spec import VotingRule
    >>> from govmodel.metrics.voting import owners_assembly_rule
    >>> from govmodel.models.law.civil_code import weaker_than
    >>> weaker_than(VotingRule("1/2", "present", strict=True), owners_assembly_rule("major"))
    ['no count by area', 'no quorum of 2/3', 'a threshold of more than 1/2 where at least 3/4 is needed']
    >>> weaker_than(VotingRule("3/4", "members", by_area=True), owners_assembly_rule("major"))
    []
    >>> weaker_than(VotingRule("2/3", "members", by_area=True), owners_assembly_rule("major"))
    ['a threshold of at least 2/3 where at least 3/4 is needed']
    """
    return [en for en, _ in _lacks(rule, law)]


def _lacks(rule: VotingRule, law: VotingRule) -> list[tuple[str, str]]:
    """What :func:`weaker_than` finds ``rule`` lacks, each in English and in Chinese."""
    if not _passable(rule):
        return []
    out = []
    if law.by_area and not rule.by_area:
        out.append(("no count by area", "未按专有部分面积计票"))
    if law.quorum is not None and _least_turnout(rule) < law.quorum:
        out.append(
            (f"no quorum of {law.quorum}", f"未要求 {law.quorum} 以上参与表决")
            if rule.quorum is None
            else (
                f"a quorum of {rule.quorum} where {law.quorum} is needed",
                f"参与表决比例为 {rule.quorum},法定为 {law.quorum}",
            )
        )
    least, reached = _least_yes(rule, law.basis)
    if least < law.threshold or (least == law.threshold and reached and law.strict):
        have = f"{_at(rule.strict)} {rule.threshold}"
        need = f"{_at(law.strict)} {law.threshold}"
        have_zh = f"{_AT_ZH[rule.strict]} {rule.threshold}"
        need_zh = f"{_AT_ZH[law.strict]} {law.threshold}"
        if rule.basis == "cast" and law.basis != "cast":
            out.append(("counting only the votes cast", "只计赞成票和反对票"))
            # and its threshold, when that is lower than the law's too
            lower = rule.threshold < law.threshold or (
                rule.threshold == law.threshold and law.strict and not rule.strict
            )
        else:
            lower = True
            # a law on those present (art. 278's) is worded without the bases
            if law.basis != "present" and rule.basis != law.basis:
                have += f" {_OF[rule.basis]}"
                need += f" {_OF[law.basis]}"
                have_zh = _OF_ZH[rule.basis] + have_zh
                need_zh = _OF_ZH[law.basis] + need_zh
                if rule.quorum is not None and law.basis == "members":
                    have += (
                        f" with a quorum of {rule.quorum} (so {_at(rule.strict)} {least} of all)"
                    )
                    have_zh += (
                        f"(参与表决比例 {rule.quorum},即全体成员的{_AT_ZH[rule.strict]} {least})"
                    )
        if lower:
            out.append(
                (
                    f"a threshold of {have} where {need} is needed",
                    f"通过比例为{have_zh},法定为{need_zh}",
                )
            )
    return out


def _failed_zh(reason: str, law: VotingRule) -> str:
    """Why a decision fails under art. 278's ``law``, in Chinese, from the outcome's
    ``reason``: too few take part (2/3 by head or by area), or too few say yes."""
    if reason == "quorum_not_met":
        return "参与表决的业主人数或专有部分面积不足三分之二"
    if law.strict:
        return "同意的业主人数或专有部分面积未过参与表决的半数"
    return "同意的业主人数或专有部分面积未达参与表决的四分之三"


def _at(strict: bool) -> str:
    return "more than" if strict else "at least"


#: The basis of a threshold, in words.
_OF = {"members": "of all members", "present": "of those present", "cast": "of the votes cast"}
#: The same, in Chinese, and "more than" / "at least".
_OF_ZH = {"members": "全体成员的", "present": "出席者的", "cast": "所投票数的"}
_AT_ZH = {True: "超过", False: "至少"}


def _check_tallies(d: Decision) -> None:
    """A SpecError naming a tally that is no number: ``True`` is not 1 and ``"12"`` is not 12
    (the counts of a :class:`~govmodel.spec.Tally` are ``int`` or ``float``); and a count by
    head that is no whole number: an exclusive part is one head, so 5.5 owners did not vote
    yes (:func:`govmodel.validate` reports it too)."""
    for field in ("count", "area"):
        t = getattr(d, field)
        if t is None:
            continue
        if not isinstance(t, Tally):
            where = f"$.decisions[?(@.id=={d.id!r})].{field}"
            raise SpecError([Problem("wrong-type", where, f"{field} is a tally, not {t!r}")])
        for name in ("members", "present", "yes", "no", "abstain"):
            value = getattr(t, name)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                where = f"$.decisions[?(@.id=={d.id!r})].{field}.{name}"
                why = f"{field}.{name} is a number, not {value!r}"
                raise SpecError([Problem("wrong-type", where, why)])
            if field == "count" and isinstance(value, float) and not _whole_or_not_finite(value):
                where = f"$.decisions[?(@.id=={d.id!r})].{field}.{name}"
                why = f"{field}.{name} is a whole number of owners, not {value!r}"
                raise SpecError([Problem("wrong-type", where, why)])


def _whole_or_not_finite(value: float) -> bool:
    """Whether a float is whole, or is NaN or infinite (which the count reports as such)."""
    return value.is_integer() or not math.isfinite(value)


def unowned_parts(ctx: Context, within: str | None) -> tuple[Unit, ...]:
    """The exclusive parts inside ``within`` (the whole structure for ``None``) that no one
    is recorded as owning: the dwellings (``household`` units) with no ``owns`` tie to them.

    The roster of art. 278 (:func:`govmodel.tally.roster_of`) lists only the parts someone
    owns, so a dwelling that records no owner (an unsold flat whose developer was not
    recorded as its owner, a missing tie) is not among its heads and area; art. 283's
    ``cost_share`` counts it as an exclusive part all the same. Other units no one owns (a
    parking space, a shop) are common parts and are not listed. Kept for the run.

    Examples
    --------
    >>> from govmodel.models import Context, GovernanceModel
    >>> from govmodel.models.law.civil_code import unowned_parts
    >>> from govmodel.spec import Person, Structure, Tie, Unit
    >>> s = Structure(
    ...     units=[Unit("x", "compound"), Unit("h1", "household", parent="x"),
    ...            Unit("h2", "household", parent="x"), Unit("p1", "parking_space", parent="x")],
    ...     people=[Person("ann")], ties=[Tie("t", "ann", "h1", "owns")])
    >>> [u.id for u in unowned_parts(Context(s, GovernanceModel()), "x")]
    ['h2']
    """

    def build() -> dict[str | None, tuple[Unit, ...]]:
        # the dwellings no one owns inside every unit, found once: the assemblies of many
        # compounds do not each read every dwelling
        ix = ctx.index
        owned = {t.target for t in ix.ties_of(OWNS)}
        inside: dict[str | None, list[Unit]] = {}
        for u in ix.units_of_kind("household"):
            if u.id not in owned:
                for w in (None, u.id, *ix.ancestors(u.id)):
                    inside.setdefault(w, []).append(u)
        return {w: tuple(us) for w, us in inside.items()}

    got: dict[str | None, tuple[Unit, ...]] = ctx.cached("civil_code.unowned", build)
    return got.get(within, ())


def _m2(area: Fraction) -> str:
    """An area in words, as :func:`govmodel.tally.tally` writes areas
    (:func:`govmodel.tally.area_text`); one of more digits than Python writes out, about its
    size (``about 1.00e+5000``)."""
    try:
        return area_text(area)
    except ValueError:  # more digits than Python writes out
        return count_text(math.trunc(area))


class CivilCode(GovernanceModel):
    """Owners' rights in buildings under the Civil Code (arts. 278, 279, 283)."""

    name = "civil_code"
    title = "Civil Code: owners' rights in buildings"
    title_zh = "民法典·业主的建筑物区分所有权"
    summary = (
        "Owners' assemblies decide the nine matters of art. 278 by a double majority by head "
        "and by exclusive area; a dwelling turned to business use needs the consent of the "
        "interested owners (art. 279); common costs and income are shared by exclusive area "
        "(art. 283). In force from 2021-01-01."
    )
    source = Source("民法典 (2020), arts. 278-283 [P]", "PRC", "中国", 2020)

    @law_rule(
        "civil_code.assembly_threshold",
        "An owners' assembly decides each matter of art. 278 by at least 2/3 of the area and "
        "of the owners taking part, and by 3/4 (matters 6-8) or more than half (others) of "
        "the area and of the owners taking part.",
        "业主共同决定事项,应当由专有部分面积占比三分之二以上的业主且人数占比三分之二以上的业主参与表决;"
        "第六至八项须经参与表决专有部分面积四分之三以上的业主且参与表决人数四分之三以上的业主同意,"
        "其他事项须经参与表决专有部分面积过半数的业主且参与表决人数过半数的业主同意。",
        law=LAW,
        article="278",
        version=VERSION,
        in_force=IN_FORCE,
        source=SOURCE,
    )
    def assembly_threshold(self, ctx: Context) -> Iterator[Finding]:
        """Owners' assembly decisions decided under a weaker rule than art. 278's for their
        matter, or recorded as passed though they fail under it."""
        ix = ctx.index
        assemblies = {o.id for o in ix.orgs_of_kind("owners_assembly")}
        # a decision surely taken before 2021-01-01 (art. 1260) was governed by the Property
        # Law of 2007, which this pack does not encode
        since = IN_FORCE[0]
        governed = (d for d in ix.decisions if d.body in assemblies and decided_from(d, since))
        for d in ctx.examine(governed):
            name = ix.name_of(d.id)
            matter = matter_of(d)
            if matter is None or matter not in MATTERS:
                what, what_zh = (
                    ("records no matter", "未载明表决事项")
                    if matter is None
                    else (
                        f"records an unknown matter {matter!r}",
                        f"载明的表决事项 {matter!r} 不是第二百七十八条所列事项",
                    )
                )
                yield ctx.finding(
                    d.id,
                    f"{name} {what}, so art. 278's threshold cannot be applied",
                    f"{name} {what_zh},无法适用第二百七十八条的表决比例",
                    severity="warning",
                )
                continue
            m = MATTERS[matter]
            law = owners_assembly_rule(matter)
            lacks = _lacks(d.rule, law)
            if lacks:
                yield ctx.finding(
                    d.id,
                    f"{name} decides {m.en} (art. 278 ({m.item})) with "
                    + ", ".join(en for en, _ in lacks),
                    f"{name} 表决“{m.zh}”(第二百七十八条第({m.item})项)所用规则低于法定比例:"
                    + ";".join(zh for _, zh in lacks),
                    matter=matter,
                )
            counted = self._count(ctx, d, law)
            if isinstance(counted, SpecError):
                # the problem of the first path, whatever the order of the entities
                first = min(counted.problems, key=lambda p: (p.path, p.code, p.message))
                more = len(counted.problems) - 1
                why = first.message + (
                    f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
                )
                why_zh = f"{first.path} {problem_zh(first.code)}" + (
                    f"(另有 {more} 处问题)" if more else ""
                )
                yield ctx.finding(
                    d.id,
                    f"{name} cannot be counted under art. 278: {why}",
                    f"{name} 的计票不足以按第二百七十八条核算:{why_zh}",
                    severity="warning",
                    matter=matter,
                )
                continue
            passed, explanation, from_roster, reason = counted
            if from_roster:
                body = ix.organization(d.body)
                left_out = unowned_parts(ctx, body.unit if body is not None else None)
                if left_out:
                    yield self._left_out(ctx, d, left_out, matter)
            if passed:
                continue
            try:
                recorded = read_outcome(d)
            except SpecError as e:  # it fails: whether it is recorded as passed is unknown
                yield gap(ctx, d.id, e, "art. 278's outcome")
                continue
            if recorded == "passed":
                yield ctx.finding(
                    d.id,
                    f"{name} is recorded as passed, but fails under art. 278: {explanation}",
                    f"{name} 记为通过,但按第二百七十八条未通过:" + _failed_zh(reason, law),
                    matter=matter,
                )

    def _count(
        self, ctx: Context, d: Decision, law: VotingRule
    ) -> tuple[bool, str, bool, str] | SpecError:
        """Whether the decision passes under art. 278, why, whether it was counted from the
        roster, and the outcome's ``reason`` (``"quorum_not_met"``, ...); or the
        :class:`~govmodel.errors.SpecError` that says why it cannot be counted.

        With individual votes and a roster of the assembly's compound, the votes are counted
        from the roster by the SPC's rules (:func:`govmodel.tally.tally_decision`); else the
        recorded tallies are (:func:`govmodel.metrics.voting.outcome`). The rule names the
        problem of the first path (the same whatever the order of the entities), and how
        many more there are."""
        try:
            _check_tallies(d)
            if d.votes:
                body = ctx.index.organization(d.body)
                within = body.unit if body is not None else None
                # repr: the whole structure (None) is not the unit whose id is "None"
                roster = ctx.cached(
                    f"civil_code.roster:{within!r}", lambda: roster_of(ctx.structure, within)
                )
                if roster:
                    t = tally_decision(ctx.structure, d.id, roster=roster)
                    explained = " ".join(t.explanation.splitlines())
                    return t.passed, explained, True, t.outcome.reason
            o = outcome(attrs.evolve(d, rule=law))
            return o.passed, o.explanation, False, o.reason
        except SpecError as e:
            return e

    def _left_out(self, ctx: Context, d: Decision, parts: tuple[Unit, ...], matter: str) -> Finding:
        """The warning that ``d``, counted from the roster, leaves out ``parts``: dwellings
        no one is recorded as owning, so that its heads and area may be too low."""
        name = ctx.index.name_of(d.id)
        areas = [u.attributes.get("floor_area_m2") for u in parts]
        known = [exact(a) for a in areas if is_finite_number(a) and a >= 0]
        area = sum(known, Fraction(0))
        unknown = len(parts) - len(known)
        what = f"{len(parts)} dwelling{'s' if len(parts) != 1 else ''}"
        size = f"{_m2(area)} m²" + (
            f", and {unknown} whose area is not recorded" if unknown and known else ""
        )
        size_zh = f"{_m2(area)} m²" + (f",另有 {unknown} 个未记录面积" if unknown and known else "")
        if not known:
            size, size_zh = "whose area is not recorded", "面积未记录"
        return ctx.finding(
            d.id,
            f"{name} is counted from the owners' roster, which leaves out {what} ({size}) "
            "that record no owner: its heads and area under art. 278 may be too low "
            "(record the developer as the owner of the parts it has not sold)",
            f"{name} 按业主名册计票,其中 {len(parts)} 个专有部分({size_zh})未登记业主而未计入,"
            "第二百七十八条的人数和面积可能偏低",
            severity="warning",
            matter=matter,
            unowned_parts=len(parts),
            # an area beyond what a float holds (10**400 m²) is an infinity, written null
            unowned_area_m2=float(area) if area <= sys.float_info.max else math.inf,
        )

    @law_rule(
        "civil_code.business_use",
        "A dwelling turned to business use has the consent of the interested owners (the "
        "other owners of its building).",
        "业主将住宅改变为经营性用房的,应当经有利害关系的业主一致同意。",
        law=LAW,
        article="279",
        version=VERSION,
        in_force=IN_FORCE,
        source=SOURCE + "; SPC 法释〔2009〕7号 art. 11 [S]",
    )
    def business_use(self, ctx: Context) -> Iterator[Finding]:
        """Dwellings (household units) whose ``use`` attribute is ``"business"`` without the
        attribute ``interested_owners_consent`` set true. Art. 279 speaks of dwellings: a
        shop or a parking space in business use is not examined."""
        ix = ctx.index
        turned = (u for u in ix.units_of_kind("household") if u.attributes.get("use") == "business")
        for u in ctx.examine(turned):
            try:
                consent = read_yes_no(
                    u, "interested_owners_consent", u.attributes.get("interested_owners_consent")
                )
            except SpecError as e:
                yield gap(ctx, u.id, e, "art. 279's consent")
                continue
            if consent:
                continue
            building = ix.ancestor_at(u.id, 7, vocab=ctx.vocab)
            shown = ix.name_of(building) if building and building != u.id else None
            where = f" in building {shown}" if shown else ""
            where_zh = f"(位于楼栋 {shown})" if shown else ""
            yield ctx.finding(
                u.id,
                f"{ix.name_of(u.id)}{where} is used for business without the recorded consent "
                "of the interested owners",
                f"{ix.name_of(u.id)}{where_zh} 住改商未经有利害关系的业主同意",
                building=building or "",
            )

    @measure(
        "cost_share",
        "share of common costs and income (art. 283)",
        "共有部分费用分摊与收益分配比例",
        per="household",
        rollup="sum",
        quantity="share",
        description=(
            "Each exclusive part's floor area (attribute floor_area_m2) over the total of "
            "the exclusive parts of its compound: the share of common costs and income "
            "absent an agreement (art. 283). The exclusive parts are the households and the "
            "other units of their rank that someone owns (a parking space, a shop). Sums to "
            "1 in each compound. Where a part of a compound records no area, or no number of "
            "at least 0, no share of that compound can be computed (None for each part)."
        ),
    )
    def cost_share(self, ctx: Context) -> dict[str, float | None]:
        ix = ctx.index
        compound_of = ix.ancestors_at(6, vocab=ctx.vocab)
        owned = {t.target for t in ix.ties_of(OWNS)}
        rank = ctx.vocab.rank("household")
        parts = (
            ix.units_of_kind("household")
            if rank is None
            else ix.units_at_rank(rank, vocab=ctx.vocab)
        )
        areas: dict[str, Fraction | None] = {}
        totals: dict[str, Fraction | None] = {}
        for u in parts:
            if u.kind != "household" and u.id not in owned:
                continue  # a unit no one owns is a common part
            compound = compound_of.get(u.id)
            if compound is None or compound == u.id:
                continue
            value = u.attributes.get("floor_area_m2")
            area = exact(value) if is_finite_number(value) else None
            if area is not None and area < 0:
                area = None
            areas[u.id] = area
            total = totals.get(compound, Fraction(0))
            totals[compound] = None if total is None or area is None else total + area
        out: dict[str, float | None] = {}
        for h, a in areas.items():
            total = totals[compound_of[h]]
            out[h] = float(a / total) if a is not None and total else None
        return out
