"""The Organic Law of Urban Residents' Committees (城市居民委员会组织法), as a dated rule pack.

Two texts are in force on different days:

- the law of 1989 as amended on 2018-12-29 [P: RanKKI/LawRefBook
  ``法律法规/宪法相关法/城市居民委员会组织法.md``]: a committee is generally set up for 100 to
  700 households (art. 6); it has 5 to 9 members (art. 7); a term is 5 years (art. 8; 3
  years before the 2018 amendment); a residents' meeting needs more than half of the adult
  residents, of the households' representatives or of the groups' representatives, and
  decides by more than half of those present (art. 9); it must be convened on the request
  of at least 1/5 of the adult residents, 1/5 of the households or 1/3 of the residents'
  groups (art. 10);
- the revision of 2025-10-28, in force from 2026-01-01 [S: reprints of the revised text and
  of the NPC's explanation]: a committee is generally set up for 1,000 to 3,000 households
  (the digest gives no article number). That its size and term are unchanged rests on one
  secondary source [S] and is not verified; what it says of residents' meetings and their
  convening was not read. The size, term, meeting and convening rules therefore apply the
  2018 text on either side of 2026-01-01, and say in their ``version`` and ``source`` that
  the revision's text of them is not verified.

Examples
--------
>>> from govmodel.models.law.residents_committee import ResidentsCommitteeLaw
>>> [(r.id.split(".")[1], r.start, r.end) for r in ResidentsCommitteeLaw.rules()][:2]
[('scale_2018', '1990-01-01', '2025-12-31'), ('scale_2026', '2026-01-01', None)]
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from govmodel.errors import Problem, SpecError
from govmodel.models.base import Context, Finding, GovernanceModel, Source
from govmodel.models.law import (
    count_text,
    decided_from,
    gap,
    last_day,
    law_rule,
    meeting_counts,
    meeting_shortfall,
    meeting_shortfall_zh,
    members,
    overdue,
    read_count,
    read_households,
    read_outcome,
    read_term_start,
    read_term_years,
    read_yes_no,
)
from govmodel.spec import Observation, date_bounds
from govmodel.vocab import Term

__all__ = [
    "AMENDED_2018",
    "CONVENING",
    "ResidentsCommitteeLaw",
    "statutory_term",
    "statutory_terms",
]

LAW = "Organic Law of Urban Residents' Committees (城市居民委员会组织法)"
V2018 = "1989, amended 2018-12-29"
V2026 = "revised 2025-10-28"
P2018 = "[P] 城市居民委员会组织法 (2018) (RanKKI/LawRefBook 法律法规/宪法相关法/城市居民委员会组织法.md)"
S2026 = "[S] reprints of the 2025 revision and the NPC's explanation"
#: The 2018 text's size and term after the 2025 revision: LAW.md marks them not verified.
UNCHANGED_2026 = " (2025 revision: unchanged per one secondary source, not verified [S])"
#: The 2018 text's meeting and convening rules after the 2025 revision: not read at all.
UNREAD_2026 = " (2025 revision: not verified)"

#: The day the 2018 amendment took effect (on promulgation): a committee elected from this day
#: serves 5 years, one elected before it 3 (art. 8; LAW.md, Organic Law, 2018 art. 8).
AMENDED_2018 = "2018-12-29"
#: The day the law of 1989 came into force (art. 23): the first day of every rule here.
IN_FORCE_1989 = "1990-01-01"


def statutory_term(start: str) -> int:
    """The term, in years, that art. 8 set for a residents' committee elected on ``start``:
    3 under the 1989 text, 5 from the 2018 amendment (2018-12-29). A partial date that
    covers days either side (``"2018"``, ``"2018-12"``) is read as its last day, the
    reading under which a term is overdue only once it surely is; whether a recorded
    term is wrong is read from every day it covers (:func:`statutory_terms`).

    Examples
    --------
    >>> from govmodel.models.law.residents_committee import statutory_term
    >>> statutory_term("2018-12-28"), statutory_term("2018-12-29"), statutory_term("2018")
    (3, 5, 5)
    """
    return 5 if last_day(start) >= AMENDED_2018 else 3


def statutory_terms(start: str) -> tuple[int, ...]:
    """Every term, in years, that art. 8 may have set for a residents' committee elected on
    some day ``start`` covers: ``(3, 5)`` for a partial date that covers days either side
    of 2018-12-29 (``"2018"``, ``"2018-12"``), else the one :func:`statutory_term` gives.
    A recorded term is wrong only when it is none of these, whatever day the partial date
    stands for.

    Examples
    --------
    >>> from govmodel.models.law.residents_committee import statutory_terms
    >>> statutory_terms("2018-12"), statutory_terms("2018-12-28"), statutory_terms("2019")
    ((3, 5), (3,), (5,))
    """
    first = date_bounds(start)[0]
    return tuple(sorted({statutory_term(first), statutory_term(start)}))


#: Who may ask for a residents' meeting, and the share of them that obliges the committee to
#: convene it (art. 10): 五分之一以上的十八周岁以上的居民、五分之一以上的户或者三分之一以上的居民小组.
CONVENING: dict[str, Fraction] = {
    "residents": Fraction(1, 5),
    "households": Fraction(1, 5),
    "groups": Fraction(1, 3),
}


#: Who asked, in Chinese, and the measure word that counts them: the adult residents, the
#: households, the residents' groups.
BASIS_ZH: dict[str, tuple[str, str]] = {
    "residents": ("名居民", "名"),
    "households": ("户", "户"),
    "groups": ("个居民小组", "个"),
}


class ResidentsCommitteeLaw(GovernanceModel):
    """Residents' committees under the Organic Law: scale, size, term, meetings."""

    name = "residents_committee_law"
    title = "Organic Law of Urban Residents' Committees"
    title_zh = "城市居民委员会组织法"
    summary = (
        "A residents' committee serves generally 100-700 households (1,000-3,000 from "
        "2026-01-01), has 5-9 members elected for 5 years, and answers to a residents' "
        "meeting that needs more than half to attend and decides by more than half of "
        "those present."
    )
    source = Source("城市居民委员会组织法 (2018 [P]; 2025 revision [S])", "PRC", "中国", 2018)
    vocabulary = (
        Term(
            "organization_kinds",
            "residents_meeting",
            "residents' meeting",
            "居民会议",
            "The adult residents, the households' or the groups' representatives of a "
            "residents' committee's area (Organic Law art. 9).",
            sector="self_governance",
        ),
        Term(
            "indicators",
            "convening_request",
            "request to convene a residents' meeting",
            "提议召集居民会议",
            "The number of those asking (attributes: basis = residents, households or "
            "groups; of = how many there are; convened = whether it was convened).",
            type="count",
        ),
    )

    def _scale(self, ctx: Context, low: int, high: int, what: str) -> Iterator[Finding]:
        """Communities outside ``low``-``high`` households (both included: 一百户至七百户,
        Civil Code art. 1259 reads 至 with both ends); a community whose households are not
        recorded, or not as a whole number, is a warning that ``what`` (the rule, as its
        warning names it) cannot be checked, as is a committee that records no ``unit``:
        its community is not known."""
        ix = ctx.index
        committees = ix.orgs_of_kind("residents_committee")
        for o in ctx.examine(o for o in committees if o.unit is None):
            where = f"$.organizations[?(@.id=={o.id!r})].unit"
            why = "unit (the community whose households set the scale) is not recorded"
            yield gap(ctx, o.id, SpecError([Problem("missing-field", where, why)]), what)
        served = {o.unit for o in committees if o.unit is not None}
        for u in ctx.examine(u for u in ix.units if u.id in served):
            try:
                n = read_households(ctx, u.id)
            except SpecError as e:
                yield gap(ctx, u.id, e, what)
                continue
            if not low <= n <= high:
                side = "fewer" if n < low else "more"
                yield ctx.finding(
                    u.id,
                    f"{ix.name_of(u.id)} has {count_text(n, grouped=True)} households, {side} "
                    f"than the {low:,}-{high:,} a residents' committee generally serves",
                    f"{ix.name_of(u.id)} 有 {count_text(n)} 户,{'少于' if n < low else '多于'}居委会一般"
                    f"设立规模 {low}-{high} 户",
                    households=n,
                )

    @law_rule(
        "residents_committee_law.scale_2018",
        "A residents' committee is generally set up for 100 to 700 households.",
        "居民委员会一般在一百户至七百户的范围内设立。",
        law=LAW,
        article="6",
        version=V2018,
        in_force=(IN_FORCE_1989, "2025-12-31"),
        severity="warning",
        source=P2018,
    )
    def scale_2018(self, ctx: Context) -> Iterator[Finding]:
        """Communities with a residents' committee and fewer than 100 or more than 700
        households (the attribute or the latest observation ``households``)."""
        yield from self._scale(ctx, 100, 700, "art. 6's scale")

    @law_rule(
        "residents_committee_law.scale_2026",
        "A residents' committee is generally set up for 1,000 to 3,000 households.",
        "居民委员会一般在一千户至三千户的范围内设立。",
        law=LAW,
        article="scale (article not given)",
        version=V2026,
        in_force=("2026-01-01", None),
        severity="warning",
        source=S2026,
    )
    def scale_2026(self, ctx: Context) -> Iterator[Finding]:
        """Communities with a residents' committee and fewer than 1,000 or more than 3,000
        households."""
        yield from self._scale(ctx, 1000, 3000, "the 2025 revision's scale")

    @law_rule(
        "residents_committee_law.size",
        "A residents' committee has 5 to 9 members: a chair, deputies and members.",
        "居民委员会由主任、副主任和委员共五至九人组成。",
        law=LAW,
        article="7",
        version=V2018 + UNCHANGED_2026,
        in_force=(IN_FORCE_1989, None),
        source=P2018 + "; from 2026-01-01 [S] one reprint, not verified",
    )
    def size(self, ctx: Context) -> Iterator[Finding]:
        """Residents' committees whose chair, vice chairs and members number fewer than 5
        or more than 9."""
        ix = ctx.index
        for o in ctx.examine(ix.orgs_of_kind("residents_committee")):
            n = len(members(ctx, o.id))
            if not 5 <= n <= 9:
                yield ctx.finding(
                    o.id,
                    f"{ix.name_of(o.id)} has {n} members; a residents' committee has 5 to 9",
                    f"{ix.name_of(o.id)} 有 {n} 名成员,居委会应由五至九人组成",
                    members=n,
                )

    def _overdue(self, ctx: Context) -> Iterator[Finding]:
        """Residents' committees whose term has ended: 3 years for one elected before
        2018-12-29, 5 from then (:func:`statutory_term`), whichever text is in force on the
        assessment day (a term is set by the law of its election). A ``term_years``
        recorded otherwise is an error: one that none of the days a partial ``term_start``
        covers allows (:func:`statutory_terms`: 3 and 5 are both lawful for ``"2018-12"``);
        a missing or malformed ``term_start`` is a warning."""
        ix = ctx.index
        for o in ctx.examine(ix.orgs_of_kind("residents_committee")):
            try:
                start = read_term_start(o)
                recorded = read_term_years(o)
            except SpecError as e:
                yield gap(ctx, o.id, e, "art. 8's term")
                continue
            years = statutory_term(start)
            lawful = statutory_terms(start)
            if recorded is not None and recorded not in lawful:
                sets = " or ".join(str(n) for n in lawful)
                yield ctx.finding(
                    o.id,
                    f"{ix.name_of(o.id)} is recorded as elected for {count_text(recorded)} years; "
                    "art. 8 "
                    f"sets {sets} for a committee elected {start}",
                    f"{ix.name_of(o.id)} 任期记为 {count_text(recorded)} 年,依法应为 "
                    f"{'或'.join(str(n) for n in lawful)} 年",
                    term_years=recorded,
                )
            found = overdue(ctx, o, start, years)
            if found is not None:
                yield found

    @law_rule(
        "residents_committee_law.term_3",
        "A residents' committee is elected for 3 years.",
        "居民委员会每届任期三年。",
        law=LAW,
        article="8",
        version="1989",
        in_force=(IN_FORCE_1989, "2018-12-28"),
        source="[S] the 1989 text, art. 8, as the 2018 amendment changed it",
    )
    def term_3(self, ctx: Context) -> Iterator[Finding]:
        """Residents' committees whose 3-year term (from ``term_start``) has ended on the
        assessment day."""
        yield from self._overdue(ctx)

    @law_rule(
        "residents_committee_law.term",
        "A residents' committee is elected for 5 years (3 if elected before 2018-12-29); "
        "an overdue re-election is flagged.",
        "居民委员会每届任期五年,其成员可以连选连任。",
        law=LAW,
        article="8",
        version=V2018 + UNCHANGED_2026,
        in_force=("2018-12-29", None),
        source=P2018 + "; from 2026-01-01 [S] one reprint, not verified",
    )
    def term(self, ctx: Context) -> Iterator[Finding]:
        """Residents' committees whose term (from ``term_start``: 5 years, or 3 for one
        elected before 2018-12-29 under the 1989 text) has ended before the assessment
        day."""
        yield from self._overdue(ctx)

    @law_rule(
        "residents_committee_law.meeting",
        "A residents' meeting is held with more than half of those entitled present, and "
        "decides by more than half of those present.",
        "居民会议必须有全体十八周岁以上的居民、户的代表或者居民小组选举的代表的过半数出席,"
        "才能举行。会议的决定,由出席人的过半数通过。",
        law=LAW,
        article="9",
        version=V2018 + UNREAD_2026,
        in_force=(IN_FORCE_1989, None),
        source=P2018 + "; the 2025 revision's text of this article was not read",
    )
    def meeting(self, ctx: Context) -> Iterator[Finding]:
        """Decisions of a residents' meeting recorded as passed without more than half of
        the members present, or without more than half of those present voting yes.

        A decision dated before 1990-01-01, when the 1989 law came into force (art. 23),
        is not examined (:func:`~govmodel.models.law.decided_from`: an undated one is)."""
        ix = ctx.index
        bodies = {o.id for o in ix.orgs_of_kind("residents_meeting")}
        governed = (d for d in ix.decisions if d.body in bodies and decided_from(d, IN_FORCE_1989))
        for d in ctx.examine(governed):
            try:
                m, p, y = meeting_counts(d)
            except SpecError as e:
                yield gap(ctx, d.id, e, "art. 9")
                continue
            why = meeting_shortfall(m, p, y, of_all=False)  # 出席人的过半数通过
            if why is None:
                continue
            try:
                recorded = read_outcome(d)
            except SpecError as e:  # it fails: whether it is recorded as passed is unknown
                yield gap(ctx, d.id, e, "art. 9")
                continue
            if recorded == "passed":
                yield ctx.finding(
                    d.id,
                    f"{ix.name_of(d.id)} is recorded as passed, but {why}",
                    f"{ix.name_of(d.id)} 记为通过,但{meeting_shortfall_zh(m, p, y, of_all=False)}",
                    members=m,
                    present=p,
                    yes=y,
                )

    @law_rule(
        "residents_committee_law.convening",
        "A residents' meeting is convened when 1/5 of the adult residents, 1/5 of the "
        "households or 1/3 of the residents' groups ask for it.",
        "有五分之一以上的十八周岁以上的居民、五分之一以上的户或者三分之一以上的居民小组提议,"
        "应当召集居民会议。",
        law=LAW,
        article="10",
        version=V2018 + UNREAD_2026,
        in_force=(IN_FORCE_1989, None),
        source=P2018 + "; the 2025 revision's text of this article was not read",
    )
    def convening(self, ctx: Context) -> Iterator[Finding]:
        """Requests (observations ``convening_request``: the number asking; attributes
        ``basis``, ``of``, ``convened``) that reach the share of art. 10 but were not
        convened.

        A request that reaches the share with no ``convened`` recorded is a warning that
        the rule cannot check it (it is not read as "not convened"); one below the share
        obliged nothing, and needs no ``convened``.

        A request whose period ends before 1990-01-01, when the 1989 law came into force
        (art. 23), is not examined, as the meeting rule does not examine a decision of
        before then (:func:`_requested_from`: an undated one is)."""
        ix = ctx.index
        requests = [
            o
            for o in ix.observations
            if o.indicator == "convening_request" and _requested_from(o, IN_FORCE_1989)
        ]
        for o in ctx.examine(requests):
            try:
                basis, asked, of, convened = _request(o)
            except SpecError as e:
                yield gap(ctx, o.subject, e, f"art. 10 (request {o.id})")
                continue
            share = CONVENING[basis]
            # 五分之一以上 / 三分之一以上: the share itself obliges (art. 1259), in integers
            if asked * share.denominator < share.numerator * of:
                continue
            if convened is None:
                where = f"$.observations[?(@.id=={o.id!r})].attributes.convened"
                unknown = SpecError([Problem("missing-field", where, "convened is not recorded")])
                yield gap(ctx, o.subject, unknown, f"art. 10 (request {o.id})")
            elif not convened:
                yield ctx.finding(
                    o.subject,
                    f"{count_text(asked)} of {count_text(of)} {basis} asked for a residents' "
                    "meeting (at least "
                    f"{share} obliges the committee), and it was not convened",
                    f"{count_text(of)} {BASIS_ZH[basis][0]}中有 {count_text(asked)} "
                    f"{BASIS_ZH[basis][1]}提议召集居民会议,"
                    f"已达法定比例 {share},但未召集",
                    request=o.id,
                    asked=asked,
                    of=of,
                )


def _requested_from(o: Observation, day: str) -> bool:
    """Whether a request may have been made on or after ``day``, so that a law in force
    from that day governs it: one recording no period (read as made under the law in
    force), or one whose period (a partial date, or the end of ``"start/end"``) ends on or
    after ``day``; a period that is no date is not read (the request is taken to be
    governed), as :func:`~govmodel.models.law.decided_from` reads a decision's date.

    Examples
    --------
    >>> from govmodel.spec import Observation
    >>> from govmodel.models.law.residents_committee import _requested_from
    >>> [_requested_from(Observation("q", "c", "convening_request", 1, period=p), "1990-01-01")
    ...  for p in ("1989-12-31", "1989/1990", "1989", None)]
    [False, True, False, True]
    """
    if o.period is None:
        return True
    try:
        return last_day(o.period.rpartition("/")[2]) >= day
    except ValueError:
        return True


def _request(o: Observation) -> tuple[str, int, int, bool | None]:
    """Who asked (the basis), how many, of how many, and whether the meeting was convened
    (``None`` when that is not recorded)."""
    basis = o.attributes.get("basis")
    if basis not in CONVENING:
        where = f"$.observations[?(@.id=={o.id!r})].attributes.basis"
        problem = "missing-field" if basis is None else "wrong-type"
        raise SpecError(
            [Problem(problem, where, f"basis is residents, households or groups, not {basis!r}")]
        )
    assert isinstance(basis, str)
    asked = read_count(o, "value", o.value, attribute=False)
    of = read_count(o, "of", o.attributes.get("of"))
    if of == 0 or asked > of:
        where = f"$.observations[?(@.id=={o.id!r})].attributes.of"
        why = (
            "of is 0"
            if of == 0
            else (f"more asked ({count_text(asked)}) than there are ({count_text(of)})")
        )
        raise SpecError([Problem("inconsistent-tally", where, why)])
    return basis, asked, of, read_yes_no(o, "convened", o.attributes.get("convened"))
