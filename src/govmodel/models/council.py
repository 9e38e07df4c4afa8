"""Council deliberation and party coverage of compounds: Chengdu (002).

Each courtyard (院落) elects a residents' group council (居民小组议事会) that proposes
projects; the community council (社区议事会, 37 members in 晋阳社区) approves a project only
when two thirds of all its members vote for it (25 of 37; 24 fail). The city puts party
organizations into compounds, owners' committees and property companies (4,328 / 706 / 347
in 2018), places party members, dormant and mobile ones too, in compound branches, and joins
the branch and the compound's bodies in joint mechanisms (组织联建、事务联议、阵地联用、活动联办;
monthly joint-meeting days).

The votes are counted by :func:`govmodel.metrics.voting.outcome` in exact arithmetic; party
coverage by :func:`govmodel.metrics.governance.coverage` and
:func:`~govmodel.metrics.governance.org_coverage`; the published figures are read from the
structure's observations (the latest value of the outermost units that record one, as
:func:`govmodel.metrics.hierarchy.rollup` totals them). See ``docs/models/council.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from fractions import Fraction
from typing import Final

import attrs

from govmodel.errors import Problem, SpecError
from govmodel.metrics import governance
from govmodel.metrics.governance import Coverage
from govmodel.metrics.voting import council_rule, outcome
from govmodel.models import (
    Context,
    Finding,
    FindingBlock,
    GovernanceModel,
    Source,
    measure,
    period_key,
    published_figure,
    rule,
)
from govmodel.models.helpers import as_count, batches, not_a_count, pooled_rate, written
from govmodel.spec import Decision, Post, Tally, Unit, VotingRule, date_bounds
from govmodel.vocab import Term

__all__ = ["COUNCIL_KINDS", "REPORT", "SUPER_COMPOUND_RESIDENTS", "Council"]

#: The source report's file name (in ``../shared/seeds/``).
REPORT = "002_38cd0ae90df957de.txt"

#: The organization kinds that are councils whose members hold posts.
COUNCIL_KINDS: frozenset[str] = frozenset({"community_council", "residents_group_council"})

#: A "super compound" (万人以上的超级小区) has at least this many residents.
SUPER_COMPOUND_RESIDENTS = 10_000

#: The share of all members whose yes votes the community council needs.
TWO_THIRDS = Fraction(2, 3)

#: Two thirds as a float (``2 / 3``), a threshold ``council.two_thirds`` reads as 2/3.
_TWO_THIRDS_FLOAT = float(TWO_THIRDS)

_COMMUNITY_LEVEL = 5
_COMPOUND_LEVEL = 6

_BODY_NAMES = {
    "owners_committee": ("owners' committee", "业委会"),
    "property_company": ("property-service company", "物业服务企业"),
}


def _ind(name: str, en: str, zh: str, part_of: str | None = None) -> Term:
    return Term("indicators", name, en, zh, type="count", part_of=part_of)


def _compounds(ctx: Context) -> tuple[Unit, ...]:
    """The compound-level units (compounds, courtyards), in order."""
    return ctx.index.units_at_rank(_COMPOUND_LEVEL, vocab=ctx.vocab)


def _compound_of(ctx: Context, unit: str | None) -> str | None:
    """The compound-level unit that ``unit`` lies in, itself included."""
    return ctx.index.ancestor_at(unit, _COMPOUND_LEVEL, vocab=ctx.vocab)


def _councils_at(ctx: Context) -> dict[str, list[str]]:
    """The community councils of each community: those located in it or in a unit inside
    it. A council located in no community (in a street, or in no unit) belongs to none: the
    measures ``per="community"`` are keyed by communities only."""

    def build() -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for o in ctx.index.orgs_of_kind("community_council"):
            c = ctx.index.ancestor_at(o.unit, _COMMUNITY_LEVEL, vocab=ctx.vocab)
            if c is not None:
                out.setdefault(c, []).append(o.id)
        return out

    got: dict[str, list[str]] = ctx.cached("council.councils_at", build)
    return got


def _members(ctx: Context, org: str) -> set[str]:
    """The people holding a post in ``org``, at any time."""
    return {p.person for p in ctx.index.posts_in(org)}


def _is_day(value: str) -> bool:
    """Whether ``value`` is a partial ISO date naming a day (:func:`date_bounds`)."""
    try:
        date_bounds(value)
    except ValueError:
        return False
    return True


def _sitting(ctx: Context, org: str, days: list[str]) -> list[int | Post]:
    """How many people hold a post in ``org`` on each of ``days`` (full dates), as
    :func:`~govmodel.spec.in_force` reads the posts' dates: one sweep over the posts' first
    and last days and the days, so that a council taking many decisions is read in time
    linear (up to sorting) in its posts and decisions. On a day who sat cannot be told, the
    first post of ``org`` that makes it so: one whose start names no date (every day), or
    whose end names none (from its start on)."""
    events: list[tuple[str, int, str]] = []  # (day, 0 start / 1 a day asked / 2 end, who)
    unknown: tuple[str, Post] | None = None  # from which day, and the post that says so
    for p in ctx.index.posts_in(org):
        try:
            first = date_bounds(p.start)[0] if p.start is not None else ""
        except ValueError:
            first = ""
            last: str | None = ""  # no day known: the post makes every day unknown
        else:
            try:
                last = date_bounds(p.end)[1] if p.end is not None else None
            except ValueError:
                last = ""
        if last == "":
            if unknown is None or first < unknown[0]:
                unknown = (first, p)
            continue
        if last is not None and last < first:
            continue  # in force on no day
        events.append((first, 0, p.person))
        if last is not None:
            events.append((last, 2, p.person))
    events += [(day, 1, str(i)) for i, day in enumerate(days)]
    events.sort(key=lambda e: e[:2])  # of one day: posts starting, the day, posts ending
    out: list[int | Post] = [0] * len(days)
    posts: dict[str, int] = {}  # by person, the posts held
    held = 0
    for day, what, who in events:
        if what == 0:
            posts[who] = posts.get(who, 0) + 1
            held += posts[who] == 1
        elif what == 2:
            posts[who] -= 1
            held -= posts[who] == 0
        else:
            out[int(who)] = unknown[1] if unknown is not None and day >= unknown[0] else held
    return out


def _residents(ctx: Context) -> dict[str, object]:
    """Each compound-level unit's residents as recorded: its latest ``residents``
    observation, else its attribute, else ``None`` (computed once). Read it with
    :func:`as_count`."""

    def build() -> dict[str, object]:
        observed = ctx.index.observed("residents")
        out: dict[str, object] = {}
        for u in _compounds(ctx):
            obs = observed.get(u.id)
            out[u.id] = obs[-1].value if obs else u.attributes.get("residents")
        return out

    got: dict[str, object] = ctx.cached("council.residents", build)
    return got


def _kind_of(ctx: Context, org: str) -> str | None:
    """The kind of the organization ``org``, ``None`` when it is none."""
    o = ctx.index.organization(org)
    return None if o is None else o.kind


def _compound_kinds(ctx: Context) -> tuple[str, ...]:
    return tuple(sorted({u.kind for u in _compounds(ctx)})) or ("compound",)


def _party_coverage(ctx: Context) -> Coverage:
    """Compound-level units with a party organization located in them (computed once)."""
    got: Coverage = ctx.cached(
        "council.party_coverage",
        lambda: governance.coverage(ctx.index, "party", _compound_kinds(ctx)),
    )
    return got


def _org_coverage(ctx: Context, kind: str) -> float | None:
    """The share of the organizations of ``kind`` with a party organization set up in them,
    from one :func:`~govmodel.metrics.governance.org_coverage` of both host kinds."""
    got: Coverage = ctx.cached(
        "council.org_coverage",
        lambda: governance.org_coverage(ctx.index, ("owners_committee", "property_company")),
    )
    uncovered = set(got.uncovered)
    hosts = ctx.index.orgs_of_kind(kind)
    if not hosts:
        return None
    return sum(o.id not in uncovered for o in hosts) / len(hosts)


#: The problems that keep a decision from being counted (:func:`govmodel.metrics.voting.outcome`),
#: by code, in Chinese.
_PROBLEM_ZH: Final = {
    "missing-tally": "缺少计票数",
    "inconsistent-tally": "计票数相互矛盾",
    "missing-field": "缺少字段",
    "duplicate-vote": "重复投票",
    "wrong-type": "类型错误",
    "non-finite-number": "不是有限数",
    "not-a-whole-number": "不是整数",
}


#: What :func:`govmodel.metrics.voting.outcome` says keeps a decision from being counted,
#: after the dimension it names (``"heads: "``, ``"area: "``), and the same in Chinese.
_PROBLEMS_ZH: Final = tuple(
    (re.compile(en), zh)
    for en, zh in (
        (r"(?P<n>\w+) must be a number, not the string (?P<v>.+)", "{n} 须为数字,而非字符串 {v}"),
        (r"a count or an area cannot be a boolean", "计票数或面积不能是布尔值"),
        (r"a count or an area must be finite, not (?P<v>.+)", "计票数或面积须为有限数,而非 {v}"),
        (
            r"a count or an area has an exponent beyond 9999: (?P<v>.+)",
            "计票数或面积的指数超过 9999:{v}",
        ),
        (r"a count or an area divides by zero: (?P<v>.+)", "计票数或面积除以零:{v}"),
        (r"a count or an area must be a number, not (?P<v>.+)", "计票数或面积须为数字,而非 {v}"),
        (r"a vote is yes, no or abstain, not (?P<v>.+)", "选票须为 yes、no 或 abstain,而非 {v}"),
        (r"(?P<v>.+) votes twice", "{v} 投票两次"),
        (
            r"a vote's area must be a number, not the string (?P<v>.+)",
            "选票的面积须为数字,而非字符串 {v}",
        ),
        (
            r"vote of (?P<v>.+) carries no area, which a double majority needs",
            "{v} 的选票未载明面积,而双重多数表决需要面积",
        ),
        (r"a vote's area is negative \((?P<v>.+)\)", "选票的面积为负数({v})"),
        (
            r"the individual votes give (?P<x>.+) (?P<n>\w+), more than the (?P<y>.+) recorded",
            "逐张选票计得 {n} 为 {x},多于记录的 {y}",
        ),
        (r"(?P<n>\w+) is negative \((?P<v>.+)\)", "{n} 为负数({v})"),
        (r"(?P<n>\w+) counts people, not (?P<v>.+)", "{n} 计的是人数,不能是 {v}"),
        (r"the basis is the members, not known", "以全体成员为基数,但成员数未知"),
        (r"the basis is those present, not known", "以出席成员为基数,但出席人数未知"),
        (r"the basis is the votes cast, but 'no' is not known", "以所投票数为基数,但反对票数未知"),
        (r"the yes votes are not known", "赞成票数未知"),
        (r"a quorum needs the number of members", "法定人数需要成员数"),
        (r"a quorum needs the number present", "法定人数需要出席人数"),
        (r"yes, no and abstain exceed those present", "赞成、反对、弃权票之和超过出席人数"),
        (r"more are present than there are members", "出席人数多于成员数"),
        (r"the yes votes exceed the basis \((?P<b>\w+)\)", "赞成票数超过基数({b})"),
    )
)
_DIMENSIONS_ZH: Final = {"heads: ": "按人数:", "area: ": "按面积:"}


def _problem_zh(problem: Problem) -> str:
    """What keeps a decision from being counted, in Chinese: the problem's message as
    :func:`govmodel.metrics.voting.outcome` words it, with its values, else its code."""
    text, dimension = problem.message, ""
    for en, zh in _DIMENSIONS_ZH.items():
        if text.startswith(en):
            text, dimension = text.removeprefix(en), zh
            break
    for pattern, said in _PROBLEMS_ZH:
        if m := pattern.fullmatch(text):
            groups = m.groupdict()
            if "b" in groups:
                groups["b"] = _BASIS_ZH.get(groups["b"], groups["b"])
            return dimension + said.format(**groups)
    return dimension + _PROBLEM_ZH.get(problem.code, problem.code)


def _outcomes(ctx: Context) -> dict[str, tuple[bool | None, str, str]]:
    """By decision id: whether it passes under its rule (``None`` when it cannot be counted),
    the arithmetic or the reason it cannot be counted, and the same in Chinese: the
    arithmetic (:attr:`~govmodel.metrics.voting.Outcome.explanation_zh`), or the problems that
    keep it from being counted, each with the field it is about (``"按人数:法定人数需要成员数
    (count.members)"``)."""

    def build() -> dict[str, tuple[bool | None, str, str]]:
        out: dict[str, tuple[bool | None, str, str]] = {}
        for d in ctx.index.decisions:
            try:
                o = outcome(d)
            except SpecError as exc:
                at = f"$.decisions[?(@.id=={d.id!r})]."  # the field named by what follows
                out[d.id] = (
                    None,
                    "; ".join(p.message for p in exc.problems),
                    "; ".join(
                        dict.fromkeys(
                            _problem_zh(p)
                            + (f"({p.path.removeprefix(at)})" if p.path.startswith(at) else "")
                            for p in exc.problems
                        )
                    ),
                )
            else:
                out[d.id] = (o.passed, o.explanation, o.explanation_zh)
        return out

    got: dict[str, tuple[bool | None, str, str]] = ctx.cached("council.outcomes", build)
    return got


#: The basis of a voting rule in words: all members, those present, the votes cast.
_BASIS_EN: Final = {"members": "all members", "present": "those present", "cast": "the votes cast"}

#: The basis of a voting rule in Chinese: all members, those present, the votes cast.
_BASIS_ZH: Final = {"members": "全体成员", "present": "出席成员", "cast": "所投票数"}

#: A decision's outcome in Chinese.
_OUTCOME_ZH: Final = {"passed": "通过", "failed": "未通过"}


def _council_rules(ctx: Context) -> dict[str, VotingRule]:
    """By council, the rule of its latest decision (by date, then order)."""

    def build() -> dict[str, VotingRule]:
        out: dict[str, tuple[tuple[str, str], int, VotingRule]] = {}
        for i, d in enumerate(ctx.index.decisions):
            key = period_key(d.date)
            if d.body not in out or (key, i) >= out[d.body][:2]:
                out[d.body] = (key, i, d.rule)
        return {body: r for body, (_, _, r) in out.items()}

    got: dict[str, VotingRule] = ctx.cached("council.rules", build)
    return got


class Council(GovernanceModel):
    """Council deliberation and party coverage of compounds in Chengdu (report 002).

    Residents' group councils of the courtyards propose; the community council approves a
    project only with two thirds of all its members in favour (25 of 37). Party
    organizations are set up in compounds, owners' committees and property companies;
    dormant and mobile party members are placed in compound branches; the branch and the
    compound's bodies hold joint meetings.

    Rules: ``council.two_thirds``, ``council.outcome``, ``council.members``,
    ``council.group_councils``, ``council.party_organization``, ``council.joint_meetings``,
    ``council.members_placed``, ``council.super_compounds``. Measures: the community
    council's members and the votes it needs, decisions passed, party coverage (computed
    and as published) and the other published figures.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.models.council import Council
    >>> a = govmodel.assess(Council.example(), "council")
    >>> a.metrics["council_members"].by_unit["cd-jy"], a.metrics["votes_needed"].by_unit["cd-jy"]
    (37.0, 25.0)
    >>> a.metrics["decisions_passed"].value, a.rule("council.outcome").passed
    (1.0, True)
    >>> a.metrics["compounds_with_party_organization"].value
    4328.0
    >>> [f.subject for f in a.rule("council.party_organization").findings]
    ['cd-jy-y4', 'cd-jy-y5']
    """

    name = "council"
    title = "Council deliberation and party coverage"
    title_zh = "议事会协商与小区党组织覆盖"
    summary = (
        "Chengdu: every courtyard (院落) elects a residents' group council (居民小组议事会) "
        "that proposes projects to the community council (社区议事会), which approves one only "
        "when two thirds of all its members vote for it (25 of the 37 members of 晋阳社区's "
        "council; 24 would fail). The city extends the party into compounds: party "
        "organizations in 4,328 compounds, 706 owners' committees and 347 property companies "
        "in 2018; 256,000 party members placed in compound branches, 3,789 mobile members "
        "transferred, dormant members found; and the branch meets the owners' committee and "
        "the property company in joint mechanisms (组织联建、事务联议、阵地联用、活动联办)."
    )
    source = Source(REPORT, "Chengdu, Sichuan", "四川省成都市", 2019)
    vocabulary = (
        _ind(
            "compounds_with_party_organization",
            "compounds with a party organization",
            "建立党组织的居民小区数",
            "compounds",
        ),
        _ind(
            "owners_committees_with_party_organization",
            "owners' committees with a party organization",
            "建立党组织的业委会数",
        ),
        _ind(
            "property_companies_with_party_organization",
            "property companies with a party organization",
            "建立党组织的物业机构数",
        ),
        _ind(
            "super_compounds",
            "super compounds (10,000+ residents)",
            "万人以上超级小区数",
            "compounds",
        ),
    )
    example_dataset = "chengdu"

    # -- rules -----------------------------------------------------------------------------
    @rule(
        "council.two_thirds",
        "A community council decides by two thirds of all its members: its rule's threshold is "
        "at least 2/3 and its basis is the members, not those present or the votes cast.",
        "社区议事会须经全体成员三分之二以上赞同方能通过:表决规则的门槛不低于2/3,以全体成员为基数。",
        severity="error",
        source=f"{REPORT}: 只有获得37名社区议事会成员中2/3的“赞同票”才算通过",
    )
    def two_thirds(self, ctx: Context) -> Iterator[Finding]:
        """Decisions of community councils taken under a laxer rule.

        Only the decisions of community councils are examined (a structure with none
        leaves the rule not applicable). A threshold of exactly 2/3 of the members passes
        ("获得……2/3的赞同票": at least two thirds, 25 of 37); a strict rule (more than 2/3)
        is stricter still and passes too. So does a threshold written as the float ``2/3``
        (``0.6666666666666666``, the float nearest to two thirds): it asks the same number
        of votes of any council of fewer than :math:`10^{15}` members."""
        ix = ctx.index
        name_of = ix.name_of
        of_councils = [d for d in ix.decisions if _kind_of(ctx, d.body) == "community_council"]
        for d in ctx.examine(of_councils):
            r = d.rule
            lax = r.threshold < TWO_THIRDS and float(r.threshold) != _TWO_THIRDS_FLOAT
            if r.basis != "members" or lax:
                yield ctx.finding(
                    d.id,
                    f"{name_of(d.id)} of {name_of(d.body)} is taken by {r.threshold} of "
                    f"{_BASIS_EN.get(r.basis, r.basis)}, not by 2/3 of all members",
                    f"{name_of(d.body)}的{name_of(d.id)}按{_BASIS_ZH.get(r.basis, r.basis)}的"
                    f"{r.threshold}表决,而非全体成员的三分之二",
                    body=d.body,
                    threshold=str(r.threshold),
                    basis=r.basis,
                )

    @rule(
        "council.outcome",
        "A decision's recorded outcome is the outcome its tally gives under its rule, counted in "
        "exact arithmetic (two thirds of 37 is 24 2/3: 25 pass, 24 fail).",
        "决议记录的结果须与按其表决规则精确计票的结果一致(37的三分之二为24又2/3:25票通过,24票不通过)。",
        severity="error",
        source=f"{REPORT}: 只有获得37名社区议事会成员中2/3的“赞同票”才算通过",
    )
    def outcome_agrees(self, ctx: Context) -> Iterator[Finding]:
        """Decisions whose recorded outcome contradicts the count, or that cannot be counted.

        An outcome recorded as neither ``"passed"`` nor ``"failed"`` (``"PASSED"``, which
        :func:`govmodel.validate` reports) is a warning that the decision cannot be checked
        (data ``invalid="outcome"`` and ``value``), never read as failed."""
        outcomes = _outcomes(ctx)
        name_of = ctx.index.name_of
        for d in ctx.examine(d for d in ctx.index.decisions if d.outcome is not None):
            recorded = str(d.outcome)
            passed, why, why_zh = outcomes[d.id]
            if recorded not in _OUTCOME_ZH:
                yield ctx.finding(
                    d.id,
                    f"{name_of(d.id)}: outcome is {d.outcome!r}, not passed or failed; it "
                    "cannot be checked",
                    f"{name_of(d.id)} 的表决结果 {d.outcome!r} 不是 passed 或 failed,无法检查",
                    severity="warning",
                    invalid="outcome",
                    value=repr(d.outcome),
                )
            elif passed is None:
                yield ctx.finding(
                    d.id,
                    f"{name_of(d.id)} is recorded as {d.outcome} but cannot be counted: {why}",
                    f"{name_of(d.id)}记录为{_OUTCOME_ZH.get(recorded, recorded)},"
                    f"但无法计票(问题:{why_zh})",
                    severity="warning",
                    recorded=recorded,
                )
            elif passed != (d.outcome == "passed"):
                yield ctx.finding(
                    d.id,
                    f"{name_of(d.id)} is recorded as {d.outcome}, but {why}",
                    f"{name_of(d.id)}记录为{'通过' if d.outcome == 'passed' else '未通过'},"
                    f"但按规则计票:{why_zh}",
                    recorded=recorded,
                    computed="passed" if passed else "failed",
                )

    @rule(
        "council.members",
        "A council's tally counts all its members: the members a decision records equal the "
        "people holding posts in the council when it decides.",
        "议事会表决计入全体成员:决议记录的成员数等于作出决议时在议事会任职的人数。",
        severity="warning",
        source=f"{REPORT}: 37名社区议事会成员",
    )
    def members(self, ctx: Context) -> Iterator[Finding]:
        """Council decisions whose ``count.members`` differs from the council's post holders.

        Examined: the decisions of councils (:data:`COUNCIL_KINDS`) that record
        ``count.members``, of a council whose members the structure records (someone holds
        a post in it on the decision's date); others leave the rule not applicable. A
        ``count.members`` that is not a count (:func:`as_count`: ``True``, NaN, a
        negative or fractional number) gives the :func:`not_a_count` finding, and a
        decision whose date names no day a warning finding that it cannot be checked (data
        ``invalid="date"`` and ``value``); so does a dated decision of a council one of
        whose posts has a start naming no day, or an end naming none and a start on or
        before the decision's date (data ``invalid="post_date"``, ``value`` and ``post``):
        who sat then cannot be told. Assessed as of a day (``assess(..., as_of=)``), the
        structure holds only the posts in force on that day (:meth:`Structure.as_of
        <govmodel.spec.Structure.as_of>`): a decision dated before it is not examined, as
        the posts that ended since are not in it. The members on each date are
        read in one sweep of the council's posts, however many decisions it takes."""
        ix = ctx.index
        name_of = ix.name_of
        # by council, its decisions that record count.members, by position
        of_council: dict[str, list[tuple[int, Decision]]] = {}
        recorded: dict[int, int | float] = {}  # by position, the members counted
        for i, d in enumerate(ix.decisions):
            if d.count is None or d.count.members is None:
                continue
            if _kind_of(ctx, d.body) in COUNCIL_KINDS:
                of_council.setdefault(d.body, []).append((i, d))
                recorded[i] = d.count.members
        # by position, the people sitting on the decision's date, or the post whose date
        # names no day (None: the decision's own date names none)
        sat: dict[int, int | Post | None] = {}
        # as of a day, the posts before it are those still in force: who sat is not known
        since = date_bounds(ctx.as_of)[0] if ctx.as_of is not None else ""
        for body, decided in of_council.items():
            dated: list[tuple[int, str]] = []
            everyone: int | None = None  # the people of all its posts, read once
            for i, d in decided:
                if d.date is None:  # all its posts
                    if everyone is None:
                        everyone = len(_members(ctx, body))
                    sat[i] = everyone
                    continue
                try:
                    day = date_bounds(d.date)[0]
                except ValueError:
                    sat[i] = None
                else:
                    if day >= since:
                        dated.append((i, day))
            if dated:
                got = _sitting(ctx, body, [day for _, day in dated])
                for k, (i, _) in enumerate(dated):
                    sat[i] = got[k]
        checked = []
        undated = []  # decisions of which who sat then cannot be told, and why
        for i, d in enumerate(ix.decisions):
            if i not in sat:
                continue
            n = sat[i]
            if n is None or isinstance(n, Post):
                undated.append((d, n))
            elif n:
                checked.append((d, recorded[i], n))
        for d, post in ctx.examine(undated):
            if post is None:
                yield ctx.finding(
                    d.id,
                    f"{name_of(d.id)}: date is {d.date!r}, not a date; it cannot be checked",
                    f"{name_of(d.id)} 的日期 {d.date!r} 不是有效日期，无法检查",
                    severity="warning",
                    invalid="date",
                    value=repr(d.date),
                )
                continue
            bad = post.start if post.start is not None and not _is_day(post.start) else post.end
            yield ctx.finding(
                d.id,
                f"{name_of(d.id)}: post {post.id} in {name_of(d.body)} is dated {bad!r}, not a "
                f"date; who sat on {d.date} cannot be told, and it cannot be checked",
                f"{name_of(d.id)} 无法检查：{name_of(d.body)} 的职务 {post.id} 的日期 {bad!r} "
                f"不是有效日期，无法确定 {d.date} 的成员",
                severity="warning",
                invalid="post_date",
                value=repr(bad),
                post=post.id,
            )
        for d, members, held in ctx.examine(checked):
            if as_count(members) is None:
                yield not_a_count(ctx, d.id, "count.members", members)
                continue
            if held != members:
                yield ctx.finding(
                    d.id,
                    f"{name_of(d.id)} counts {written(members)} {'member' if members == 1 else 'members'}, but "
                    f"{held} {'person holds' if held == 1 else 'people hold'} posts "
                    f"in {name_of(d.body)}",
                    f"{name_of(d.id)}按{written(members)}名成员计票,但{name_of(d.body)}实有成员{held}名",
                    recorded=members,
                    held=held,
                )

    @rule(
        "council.group_councils",
        "In a community with a community council, every courtyard elects a residents' group "
        "council, and every group council proposes to the community council.",
        "设有社区议事会的社区,每个院落(小区)都推选居民小组议事会,并由其向社区议事会提出项目。",
        severity="warning",
        source=f"{REPORT}: 居民小组议事会的运行机制是从居民所住的院落中,由全体居民推选出若干"
        "民意代表,成立议事机构……项目申请还要在更高层级的社区议事会上“路演”",
    )
    def group_councils(self, ctx: Context) -> Iterator[Finding]:
        """Courtyards without a group council; group councils that propose to no council."""
        ix = ctx.index
        name_of = ix.name_of
        with_council: set[str] = set()
        for o in ctx.examine(ix.orgs_of_kind("residents_group_council")):
            c = _compound_of(ctx, o.unit)
            if c is not None:
                with_council.add(c)
            if not any(
                getattr(ix.organization(t), "kind", None) == "community_council"
                for t in ix.targets(o.id, "proposes_to")
            ):
                yield ctx.finding(
                    o.id,
                    f"{name_of(o.id)} proposes to no community council",
                    f"{name_of(o.id)}未向社区议事会提出项目",
                )
        councils_at = _councils_at(ctx)
        # only the courtyards of a community with a community council are examined
        of_council = []
        for u in _compounds(ctx):
            community = ix.ancestor_at(u.id, _COMMUNITY_LEVEL, vocab=ctx.vocab)
            if community is not None and community in councils_at:
                of_council.append((u, community))
        for u, community in ctx.examine(of_council):
            if u.id not in with_council:
                yield ctx.finding(
                    u.id,
                    f"{name_of(u.id)} has no residents' group council, though "
                    f"{name_of(community)} has a community council",
                    f"{name_of(u.id)}未推选居民小组议事会,而{name_of(community)}已设社区议事会",
                    community=community,
                )

    @rule(
        "council.party_organization",
        "Every compound (courtyard) has a party organization of its own.",
        "每个居民小区(院落)都建立党组织。",
        severity="warning",
        source=f"{REPORT}: 2018年成都市已推动4328个居民小区、706个小区业委会、347个物业机构建立"
        "党组织; 延伸党在最基层的“神经末梢”",
    )
    def party_organization(self, ctx: Context) -> Iterator[Finding]:
        """Compound-level units with no party organization located in them."""
        name_of = ctx.index.name_of
        ctx.examine(_compounds(ctx))
        for uid in _party_coverage(ctx).uncovered:
            name = name_of(uid)
            yield ctx.finding(uid, f"{name} has no party organization", f"{name}未建立党组织")

    @rule(
        "council.joint_meetings",
        "Where a compound has a party organization, it holds joint meetings with the compound's "
        "owners' committee and property company.",
        "建有党组织的小区,党组织与业委会、物业服务企业建立联席会议制度(事务联议)。",
        severity="warning",
        source=f"{REPORT}: 和小区自治组织确立了每月业主接待日和联席会议日; 创设组织联建、"
        "事务联议、阵地联用、活动联办机制",
    )
    def joint_meetings(self, ctx: Context) -> Iterator[FindingBlock]:
        """(compound, body) pairs where no party organization of the compound meets the body
        (a ``joint_meeting`` tie either way), in blocks (:meth:`Context.findings
        <govmodel.models.Context.findings>`)."""
        ix = ctx.index
        name_of, is_party = ix.name_of, ctx.vocab.is_party
        within = ix.orgs_within(_COMPOUND_LEVEL, vocab=ctx.vocab)
        party_kind = {k: is_party(k) for k in ix.org_kinds}  # each kind asked once
        pairs = []  # (compound, its party organizations, a body of it)
        for u in _compounds(ctx):
            orgs = within.get(u.id, ())
            party = {o.id for o in orgs if party_kind[o.kind]}
            if party:
                pairs += [(u, party, o) for o in orgs if o.kind in _BODY_NAMES]
        # each organization to those it meets jointly, either way (ix.linked of them all)
        meets: dict[str, set[str]] = {}
        for t in ix.ties_of("joint_meeting"):
            meets.setdefault(t.source, set()).add(t.target)
            meets.setdefault(t.target, set()).add(t.source)
        nobody: set[str] = set()
        apart = [
            (u.id, body)
            for u, party, body in ctx.examine(pairs)
            if meets.get(body.id, nobody).isdisjoint(party)
        ]
        for batch in batches(apart):  # the messages made a block at a time
            said = [
                (name_of(uid), *_BODY_NAMES[body.kind], name_of(body.id)) for uid, body in batch
            ]
            yield from ctx.findings(
                [uid for uid, _ in batch],
                [
                    f"no party organization of {name} meets its {en} {body_name} jointly"
                    for name, en, _, body_name in said
                ],
                [f"{name}党组织未与{zh}{body_name}建立联席会议" for name, _, zh, body_name in said],
                body=[body.id for _, body in batch],
            )

    @rule(
        "council.members_placed",
        "Every dormant or mobile party member is placed in the party organization of a compound.",
        "休眠党员、流动党员均转入所在小区党组织。",
        severity="warning",
        source=f"{REPORT}: 3789名流动党员转入小区支部; 小区先是找到“休眠”党员,成立了党支部",
    )
    def members_placed(self, ctx: Context) -> Iterator[Finding]:
        """Dormant and mobile party members without a post in a compound's party organization.

        A mobile member is one whose ``mobility`` is ``"mobile"`` (any status, a
        probationary member too) or whose status is the older ``"mobile"``
        (:attr:`~govmodel.spec.Person.mobile`)."""
        ix = ctx.index
        name_of = ix.name_of
        to_place = (
            p for p in ix.people if p.party is not None and (p.party == "dormant" or p.mobile)
        )
        for p in ctx.examine(to_place):
            placed = any(
                (o := ix.organization(post.organization)) is not None
                and ctx.vocab.is_party(o.kind)
                and _compound_of(ctx, o.unit) is not None
                for post in ix.posts_of(p.id)
            )
            if not placed:
                kind = "dormant" if p.party == "dormant" else "mobile"
                zh = "休眠" if kind == "dormant" else "流动"
                name = name_of(p.id)
                yield ctx.finding(
                    p.id,
                    f"{name}, a {kind} party member, is in no compound's party organization",
                    f"{zh}党员{name}未转入小区党组织",
                    party=str(p.party),
                )

    @rule(
        "council.super_compounds",
        "Super compounds of 10,000 residents or more are noted.",
        "万人以上的超级小区(提示)。",
        severity="info",
        source=f"{REPORT}: 四川省成都市现有近两万个小区,万人以上的超级小区超过200个",
    )
    def super_compounds_rule(self, ctx: Context) -> Iterator[Finding]:
        """Compound-level units with at least :data:`SUPER_COMPOUND_RESIDENTS` residents.

        "万人以上" counts 10,000 itself: 10,000 residents make a super compound, 9,999 do
        not. Examined: the compounds whose residents are recorded (latest ``residents``
        observation, else attribute); a structure with none leaves the rule not
        applicable. A number of residents that is not a count (:func:`as_count`: ``True``,
        ``"20000"``, NaN, an infinity, a negative or fractional number) gives the
        :func:`not_a_count` finding, a warning."""
        name_of = ctx.index.name_of
        residents = _residents(ctx)
        recorded = [(u, residents[u.id]) for u in _compounds(ctx) if residents[u.id] is not None]
        for u, raw in ctx.examine(recorded):
            n = as_count(raw)
            if n is None:
                yield not_a_count(ctx, u.id, "residents", raw)
            elif n >= SUPER_COMPOUND_RESIDENTS:
                name = name_of(u.id)
                yield ctx.finding(
                    u.id,
                    f"{name} is a super compound of {n:,.0f} residents",
                    f"{name}为万人以上超级小区({n:,.0f}人)",
                    residents=n,
                )

    # -- measures: the community council ------------------------------------------------
    @measure(
        "council_members",
        "community council members",
        "社区议事会成员数",
        per="community",
        rollup="sum",
        description="The people holding posts in the community councils of the community.",
        quantity="count",
    )
    def council_members(self, ctx: Context) -> dict[str, float]:
        """People holding posts in each community's council (晋阳社区: 37)."""
        out: dict[str, float] = {}
        for unit, councils in _councils_at(ctx).items():
            people: set[str] = set()
            for c in councils:
                people |= _members(ctx, c)
            out[unit] = float(len(people))
        return out

    @measure(
        "votes_needed",
        "yes votes the community council needs",
        "社区议事会通过所需赞同票数",
        per="community",
        rollup="mean",
        description="The fewest yes votes that pass under the council's rule (that of its latest "
        "decision, else 2/3 of the members) with every member voting "
        "(govmodel.metrics.voting.outcome).",
        quantity="count",
    )
    def votes_needed(self, ctx: Context) -> dict[str, float]:
        """The fewest yes votes that carry a motion in each community's council (37: 25).

        A council whose rule no number of its members can meet (a threshold above 1, a
        quorum above all members: even all of them voting yes fail) needs no number of
        votes: it is left out, never given more votes than it has members; so is a council
        whose rule a count by head cannot decide (a rule by floor area, ``by_area``). Of a
        community's several community councils, the one of the most members is read (of
        as many, the first by id), whatever the order of the organizations, never a
        smaller one in its place."""
        rules = _council_rules(ctx)
        out: dict[str, float] = {}
        for unit, councils in _councils_at(ctx).items():
            sizes = {c: len(_members(ctx, c)) for c in councils}
            for c in sorted(sizes, key=lambda c: (-sizes[c], c)):
                m = sizes[c]
                if not m:
                    continue
                d = Decision(
                    "votes-needed",
                    c,
                    rule=rules.get(c, council_rule()),
                    count=Tally(members=m, present=m, yes=0, no=m, abstain=0),
                )
                unanimous = attrs.evolve(
                    d, count=Tally(members=m, present=m, yes=m, no=0, abstain=0)
                )
                try:
                    required, reachable = outcome(d).required, outcome(unanimous).passed
                except SpecError:  # a rule a count by head cannot decide: none needed
                    break  # (not the votes of a smaller council in its place)
                if reachable:
                    out[unit] = float(required)
                break
        return out

    @measure("decisions", "decisions", "决议数", quantity="count")
    def decisions(self, ctx: Context) -> int:
        """The decisions recorded."""
        return len(ctx.index.decisions)

    @measure(
        "decisions_passed",
        "decisions that pass under their rule",
        "按规则计票通过的决议数",
        description="Decisions whose tally reaches their rule's threshold and quorum "
        "(govmodel.metrics.voting.outcome).",
        quantity="count",
    )
    def decisions_passed(self, ctx: Context) -> int:
        """Decisions whose count passes under their own rule."""
        return sum(1 for passed, _, _ in _outcomes(ctx).values() if passed)

    @measure(
        "project_savings_rate",
        "share of the project budget saved",
        "项目节约资金占预算比例",
        description="savings_yuan / budget_yuan, pooled (govmodel.metrics.service.ratio).",
        quantity="share",
    )
    def project_savings_rate(self, ctx: Context) -> float | None:
        """Savings over budgets (北苑 back gate: 1,500 of 36,000 yuan)."""
        r = pooled_rate(ctx, "savings_yuan", "budget_yuan")
        return None if r is None else r.value

    # -- measures: party coverage, computed ----------------------------------------------
    @measure(
        "party_coverage",
        "compounds with a party organization",
        "建立党组织的小区占比",
        per="compound",
        rollup="mean",
        description="1 when a party organization is located in the compound (or courtyard), "
        "else 0 (govmodel.metrics.governance.coverage).",
        quantity="share",
    )
    def party_coverage(self, ctx: Context) -> dict[str, float]:
        """1 for a compound-level unit with a party organization of its own, else 0."""
        uncovered = set(_party_coverage(ctx).uncovered)
        return {u.id: float(u.id not in uncovered) for u in _compounds(ctx)}

    @measure(
        "owners_committee_party_coverage",
        "owners' committees with a party organization",
        "建立党组织的业委会占比",
        description="Owners' committees in which a party organization is set up (embedded_in), "
        "over all (govmodel.metrics.governance.org_coverage).",
        quantity="share",
    )
    def owners_committee_party_coverage(self, ctx: Context) -> float | None:
        """The share of owners' committees with a party organization set up in them."""
        return _org_coverage(ctx, "owners_committee")

    @measure(
        "property_company_party_coverage",
        "property companies with a party organization",
        "建立党组织的物业企业占比",
        description="Property companies in which a party organization is set up (embedded_in), "
        "over all (govmodel.metrics.governance.org_coverage).",
        quantity="share",
    )
    def property_company_party_coverage(self, ctx: Context) -> float | None:
        """The share of property companies with a party organization set up in them."""
        return _org_coverage(ctx, "property_company")

    @measure(
        "group_council_coverage",
        "courtyards with a residents' group council",
        "推选居民小组议事会的院落占比",
        per="compound",
        rollup="mean",
        description="For the compounds of communities with a community council: 1 when a "
        "residents' group council sits in the compound, else 0.",
        quantity="share",
    )
    def group_council_coverage(self, ctx: Context) -> dict[str, float]:
        """1 for a courtyard with its own group council, in communities with a council."""
        councils_at = _councils_at(ctx)
        within = ctx.index.orgs_within(_COMPOUND_LEVEL, vocab=ctx.vocab)
        out: dict[str, float] = {}
        for u in _compounds(ctx):
            community = ctx.index.ancestor_at(u.id, _COMMUNITY_LEVEL, vocab=ctx.vocab)
            if community is None or community not in councils_at:
                continue
            orgs = within.get(u.id, ())
            out[u.id] = float(any(o.kind == "residents_group_council" for o in orgs))
        return out

    @measure(
        "super_compound",
        "super compounds (10,000+ residents)",
        "万人以上超级小区",
        per="compound",
        rollup="sum",
        description="1 for a compound of 10,000 residents or more (latest `residents` "
        "observation, else attribute), else 0; summed per level.",
        quantity="count",
    )
    def super_compound(self, ctx: Context) -> dict[str, float]:
        """1 for a super compound, 0 for another compound with a known population; a
        compound whose residents are unrecorded or not a count (:func:`as_count`) is left
        out."""
        return {
            u: float(n >= SUPER_COMPOUND_RESIDENTS)
            for u, raw in _residents(ctx).items()
            if (n := as_count(raw)) is not None
        }

    # -- measures: the report's figures ----------------------------------------------------
    compounds = published_figure("compounds", "compounds (reported)", "小区数(报告)")

    super_compounds = published_figure(
        "super_compounds", "super compounds (reported)", "万人以上超级小区数(报告)"
    )

    compounds_with_party_organization = published_figure(
        "compounds_with_party_organization",
        "compounds with a party organization (reported)",
        "建立党组织的居民小区数(报告)",
    )

    owners_committees_with_party_organization = published_figure(
        "owners_committees_with_party_organization",
        "owners' committees with a party organization (reported)",
        "建立党组织的业委会数(报告)",
    )

    property_companies_with_party_organization = published_figure(
        "property_companies_with_party_organization",
        "property companies with a party organization (reported)",
        "建立党组织的物业机构数(报告)",
    )

    party_members_placed = published_figure(
        "party_members_placed",
        "party members placed in compound branches (reported)",
        "党员进小区人数(报告)",
    )

    party_members_with_posts = published_figure(
        "party_members_with_posts", "party members given posts (reported)", "设岗定责党员数(报告)"
    )

    mobile_members_transferred = published_figure(
        "mobile_members_transferred",
        "mobile party members transferred (reported)",
        "流动党员转入小区支部数(报告)",
    )
