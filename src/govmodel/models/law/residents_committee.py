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
  of the NPC's explanation]: a committee is generally set up for 1,000 to 3,000 households.
  That its size and term are unchanged rests on one secondary source [S].

Examples
--------
>>> from govmodel.models.law.residents_committee import ResidentsCommitteeLaw
>>> [(r.id.split(".")[1], r.start, r.end) for r in ResidentsCommitteeLaw.rules()][:2]
[('scale_2018', '1990-01-01', '2025-12-31'), ('scale_2026', '2026-01-01', None)]
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from govmodel.metrics.voting import exact
from govmodel.models.base import Context, Finding, GovernanceModel, Source
from govmodel.models.helpers import truthy
from govmodel.models.law import (
    households,
    law_rule,
    members,
    overdue,
    term_start,
)
from govmodel.vocab import Term

__all__ = ["CONVENING", "ResidentsCommitteeLaw"]

LAW = "Organic Law of Urban Residents' Committees (城市居民委员会组织法)"
V2018 = "1989, amended 2018-12-29"
V2026 = "revised 2025-10-28"
P2018 = "[P] 城市居民委员会组织法 (2018) (RanKKI/LawRefBook 法律法规/宪法相关法/城市居民委员会组织法.md)"
S2026 = "[S] reprints of the 2025 revision and the NPC's explanation"

#: Who may ask for a residents' meeting, and the share of them that obliges the committee to
#: convene it (art. 10): 五分之一以上的十八周岁以上的居民、五分之一以上的户或者三分之一以上的居民小组.
CONVENING: dict[str, Fraction] = {
    "residents": Fraction(1, 5),
    "households": Fraction(1, 5),
    "groups": Fraction(1, 3),
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

    def _scale(self, ctx: Context, low: int, high: int) -> Iterator[Finding]:
        ix = ctx.index
        kinds = {"residents_committee"}
        served = {o.unit for o in ix.organizations if o.kind in kinds and o.unit}
        known = [(u, households(ctx, u.id)) for u in ix.units if u.id in served]
        for u, n in ctx.examine((u, n) for u, n in known if n is not None):
            assert n is not None
            if not low <= n <= high:
                side = "fewer" if n < low else "more"
                yield ctx.finding(
                    u.id,
                    f"{ix.name_of(u.id)} has {n:,} households, {side} than the {low:,}-{high:,} "
                    "a residents' committee generally serves",
                    f"{ix.name_of(u.id)} 有 {n} 户,超出居委会一般设立规模 {low}-{high} 户",
                    households=n,
                )

    @law_rule(
        "residents_committee_law.scale_2018",
        "A residents' committee is generally set up for 100 to 700 households.",
        "居民委员会一般在一百户至七百户的范围内设立。",
        law=LAW,
        article="6",
        version=V2018,
        in_force=("1990-01-01", "2025-12-31"),
        severity="warning",
        source=P2018,
    )
    def scale_2018(self, ctx: Context) -> Iterator[Finding]:
        """Communities with a residents' committee and fewer than 100 or more than 700
        households (the attribute or the latest observation ``households``)."""
        yield from self._scale(ctx, 100, 700)

    @law_rule(
        "residents_committee_law.scale_2026",
        "A residents' committee is generally set up for 1,000 to 3,000 households.",
        "居民委员会一般在一千户至三千户的范围内设立。",
        law=LAW,
        article="6",
        version=V2026,
        in_force=("2026-01-01", None),
        severity="warning",
        source=S2026,
    )
    def scale_2026(self, ctx: Context) -> Iterator[Finding]:
        """Communities with a residents' committee and fewer than 1,000 or more than 3,000
        households."""
        yield from self._scale(ctx, 1000, 3000)

    @law_rule(
        "residents_committee_law.size",
        "A residents' committee has 5 to 9 members: a chair, deputies and members.",
        "居民委员会由主任、副主任和委员共五至九人组成。",
        law=LAW,
        article="7",
        version=V2018 + " (2025 revision: unchanged [S])",
        in_force=("1990-01-01", None),
        source=P2018,
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

    def _overdue(self, ctx: Context, years: int) -> Iterator[Finding]:
        ix = ctx.index
        dated = [(o, term_start(o)) for o in ix.orgs_of_kind("residents_committee")]
        for o, start in ctx.examine((o, s) for o, s in dated if s is not None):
            assert start is not None
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
        in_force=("1990-01-01", "2018-12-28"),
        source="[S] the 1989 text, art. 8, as the 2018 amendment changed it",
    )
    def term_3(self, ctx: Context) -> Iterator[Finding]:
        """Residents' committees whose term (``term_start``) ended 3 years on."""
        yield from self._overdue(ctx, 3)

    @law_rule(
        "residents_committee_law.term",
        "A residents' committee is elected for 5 years; an overdue re-election is flagged.",
        "居民委员会每届任期五年,其成员可以连选连任。",
        law=LAW,
        article="8",
        version=V2018,
        in_force=("2018-12-29", None),
        source=P2018,
    )
    def term(self, ctx: Context) -> Iterator[Finding]:
        """Residents' committees whose 5-year term (from ``term_start``) has ended on the
        assessment day."""
        yield from self._overdue(ctx, 5)

    @law_rule(
        "residents_committee_law.meeting",
        "A residents' meeting is held with more than half of those entitled present, and "
        "decides by more than half of those present.",
        "居民会议必须有全体十八周岁以上的居民、户的代表或者居民小组选举的代表的过半数出席,"
        "才能举行。会议的决定,由出席人的过半数通过。",
        law=LAW,
        article="9",
        version=V2018,
        in_force=("1990-01-01", None),
        source=P2018,
    )
    def meeting(self, ctx: Context) -> Iterator[Finding]:
        """Decisions of a residents' meeting recorded as passed without more than half of
        the members present, or without more than half of those present voting yes."""
        ix = ctx.index
        bodies = {o.id for o in ix.orgs_of_kind("residents_meeting")}
        for d in ctx.examine(d for d in ix.decisions if d.body in bodies):
            c = d.count
            if c is None or c.members is None or c.present is None or c.yes is None:
                yield ctx.finding(
                    d.id,
                    f"{ix.name_of(d.id)} does not record its members, those present and the "
                    "yes votes, so art. 9 cannot be checked",
                    f"{ix.name_of(d.id)} 未载明应到、实到人数和赞成票",
                    severity="warning",
                )
                continue
            m, p, y = exact(c.members), exact(c.present), exact(c.yes)
            held = 2 * p > m
            passed = held and 2 * y > p
            if d.outcome == "passed" and not passed:
                why = (
                    f"{c.present:g} of {c.members:g} attended, not more than half"
                    if not held
                    else f"{c.yes:g} of {c.present:g} present voted yes, not more than half"
                )
                yield ctx.finding(
                    d.id,
                    f"{ix.name_of(d.id)} is recorded as passed, but {why}",
                    f"{ix.name_of(d.id)} 记为通过,但出席或赞成未过半数",
                )

    @law_rule(
        "residents_committee_law.convening",
        "A residents' meeting is convened when 1/5 of the adult residents, 1/5 of the "
        "households or 1/3 of the residents' groups ask for it.",
        "有五分之一以上的十八周岁以上的居民、五分之一以上的户或者三分之一以上的居民小组提议,"
        "应当召集居民会议。",
        law=LAW,
        article="10",
        version=V2018,
        in_force=("1990-01-01", None),
        source=P2018,
    )
    def convening(self, ctx: Context) -> Iterator[Finding]:
        """Requests (observations ``convening_request``: the number asking; attributes
        ``basis``, ``of``, ``convened``) that reach the share of art. 10 but were not
        convened."""
        ix = ctx.index
        requests = [o for o in ix.observations if o.indicator == "convening_request"]
        for o in ctx.examine(requests):
            basis = o.attributes.get("basis")
            of = o.attributes.get("of")
            if basis not in CONVENING or isinstance(of, (bool, str)) or not of:
                yield ctx.finding(
                    o.subject,
                    f"request {o.id} does not say who asked (basis: residents, households or "
                    "groups) and of how many (of)",
                    f"提议 {o.id} 未载明提议主体及总数",
                    severity="warning",
                )
                continue
            assert isinstance(basis, str)
            share = CONVENING[basis]
            if exact(o.value) >= share * exact(of) and not truthy(o.attributes.get("convened")):
                yield ctx.finding(
                    o.subject,
                    f"{o.value:g} of {of:g} {basis} asked for a residents' meeting (at least "
                    f"{share} obliges the committee), and it was not convened",
                    f"{o.value:g}/{of:g} 提议召集居民会议,已达法定比例,但未召集",
                    request=o.id,
                )
