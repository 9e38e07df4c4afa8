"""Basic-level party organizations: when a branch, a general branch or a committee is set
up, the size of their committees and their terms, as a rule pack.

The numbers come from the Party Constitution (art. 30) and the regulations on the work of
party branches (中国共产党支部工作条例（试行）, issued 2018-10-28) and on the elections of
basic-level organizations, **as secondary sources summarize them** [S: summaries and
reprints; the primary texts were not found in the index searched]:

- a branch is set up where there are at least 3 full (正式) members (Constitution art. 30;
  regulations art. 5); a branch generally has at most 50 members;
- units with fewer than 3 full members set up a joint branch (联合党支部), which generally
  covers at most 5 units (regulations art. 5);
- above 50 members, a general branch (总支); at 100 or more, a basic-level committee;
- a branch of 7 or more full members elects a committee of 3 to 5, generally at most 7;
  with fewer it has a secretary (and maybe a deputy);
- a general branch's committee has 5 to 7 members (at most 9); a basic committee's 5 to 9;
- terms are 3 to 5 years; community and village organizations serve 5 years.

Full members are those whose ``party`` status is not ``"probationary"``
(:attr:`Person.full_member <govmodel.spec.Person.full_member>`): mobility (``mobility``, or
the status ``"mobile"`` of older files) does not change it, so a mobile full member counts
and a mobile probationary member does not. A member of an organization is anyone holding a post in it or in a
party organization it leads (``parent``).

A joint branch is a branch with ``embedded_in`` ties (建在: the branch is set up in the body)
to two or more organizations or units: the units it covers. The ties are the convention the
other models read for a party organization set up in a body (``org_coverage``, the eight
roles, the four levels), so the bodies a joint branch covers count as covered there too.

Examples
--------
>>> from govmodel.models.law.party import PartyOrganizations
>>> PartyOrganizations.rules()[0].description
'A party branch has at least 3 full members.'
"""

from __future__ import annotations

from collections.abc import Iterator

from govmodel.errors import SpecError
from govmodel.models.base import Context, Finding, GovernanceModel, Source
from govmodel.models.law import count_text, gap, law_rule, overdue, read_term_start
from govmodel.models.law.owners_committee import term_years
from govmodel.spec import Organization

__all__ = [
    "BRANCH_KINDS",
    "COMMITTEE_KINDS",
    "GENERAL_BRANCH_KINDS",
    "JOINT_BRANCH_UNITS",
    "PartyOrganizations",
    "covered_units",
]

LAW = "Party Constitution; regulations on party branches (中国共产党支部工作条例（试行）)"
VERSION = "2018-10-28"
IN_FORCE = ("2018-10-28", None)
SOURCE = "[S] summaries of the Party Constitution (art. 30) and the 2018 branch regulations"

BRANCH_KINDS = frozenset({"party_branch", "compound_party_branch", "property_party_branch"})
GENERAL_BRANCH_KINDS = frozenset({"community_party_general_branch"})
COMMITTEE_KINDS = frozenset({"community_party_committee"})
#: The most units a joint branch generally covers (一般不超过5个).
JOINT_BRANCH_UNITS = 5
#: Where the joint-branch rule was read (the secondary sources quote the regulations' text).
JOINT_SOURCE = (
    "[S] reprints of the 2018 branch regulations, ch. 2 (e.g. zczhituo.com/info/1002/3523.htm, "
    "m.sp522.com/detail/19979)"
)
#: The rank of the units whose party organizations serve 5 years: communities and villages.
_COMMUNITY_RANK = 5
#: The roles that sit on a party organization's committee.
COMMITTEE_SEATS = frozenset({"secretary", "deputy_secretary", "committee_member"})


def covered_units(ctx: Context, branch: str) -> tuple[str, ...]:
    """The units a party branch covers: the organizations and units it has an
    ``embedded_in`` tie to (it is set up in them), each once, in tie order. Two or more make
    it a joint branch (联合党支部); a tie to anything else (a person, a party organization:
    no unit a branch is set up in), or to the branch itself, is not a unit.

    Examples
    --------
    >>> from govmodel.models import Context, GovernanceModel
    >>> from govmodel.models.law.party import covered_units
    >>> from govmodel.spec import Organization, Structure, Tie
    >>> s = Structure(
    ...     organizations=[Organization("jb", "party_branch"), Organization("a", "social_enterprise"),
    ...                    Organization("b", "social_enterprise")],
    ...     ties=[Tie("t1", "jb", "a", "embedded_in"), Tie("t2", "jb", "b", "embedded_in"),
    ...           Tie("t3", "jb", "a", "embedded_in")])
    >>> covered_units(Context(s, GovernanceModel()), "jb")
    ('a', 'b')
    """
    ix = ctx.index
    is_party = ctx.vocab.is_party
    return tuple(
        dict.fromkeys(
            t
            for t in ix.targets(branch, "embedded_in")
            if t != branch
            and (
                ix.unit(t) is not None
                or ((o := ix.organization(t)) is not None and not is_party(o.kind))
            )
        )
    )


class PartyOrganizations(GovernanceModel):
    """Basic-level party organizations: thresholds, joint branches, committee sizes and
    terms."""

    name = "party_organizations"
    title = "Basic-level party organizations"
    title_zh = "党的基层组织设置"
    summary = (
        "A branch at 3 or more full members, generally at most 50 (units with fewer form a "
        "joint branch of generally at most 5 units); a general branch above "
        "50; a basic committee at 100 or more; committees of 3-5 (branches of 7 or more), "
        "5-7 (general branches) and 5-9 (committees); terms of 5 years in communities."
    )
    source = Source("Party Constitution; 支部工作条例（试行） 2018 [S]", "PRC", "中国", 2018)

    def _members(self, ctx: Context) -> dict[str, tuple[int, int]]:
        """How many members, and how many full members, each party organization has, with
        those of the party organizations it leads, each person counted once (computed once,
        bottom up).

        Each organization's set of members is made from its own posts and the sets of the
        organizations it leads, the smaller poured into the largest (each person is moved
        at most ``log2 n`` times): time ``O(n log n)`` in the posts of party organizations,
        where a set of its own for each would hold ``n²/2`` people along a chain of
        leadership. Only the counts are kept.
        """

        def build() -> dict[str, tuple[int, int]]:
            ix = ctx.index
            party = {o.id: o for o in ix.organizations if ctx.vocab.is_party(o.kind)}
            below: dict[str, list[str]] = {}
            for o in party.values():
                if o.parent in party:
                    below.setdefault(o.parent, []).append(o.id)
            out: dict[str, tuple[int, int]] = {}
            # the members of the organizations counted whose leader has not taken them yet
            waiting: dict[str, tuple[set[str], set[str]]] = {}

            def walk(root: str) -> None:
                stack, order, seen = [root], [], set()
                while stack:
                    x = stack.pop()
                    if x in seen or x in out:
                        continue
                    seen.add(x)
                    order.append(x)
                    stack.extend(below.get(x, ()))
                for x in reversed(order):
                    everyone: set[str] = set()
                    full: set[str] = set()
                    for post in ix.posts_in(x):
                        person = ix.person(post.person)
                        if person is not None and person.party is not None:
                            everyone.add(person.id)
                            if person.full_member:
                                full.add(person.id)
                    for y in below.get(x, ()):
                        if y in waiting:
                            theirs, their_full = waiting.pop(y)
                            if len(theirs) > len(everyone):
                                everyone, theirs = theirs, everyone
                            everyone |= theirs
                            if len(their_full) > len(full):
                                full, their_full = their_full, full
                            full |= their_full
                    out[x] = (len(everyone), len(full))
                    waiting[x] = (everyone, full)

            for oid in party:
                walk(oid)
            return out

        got: dict[str, tuple[int, int]] = ctx.cached("party_member_counts", build)
        return got

    def _of(self, ctx: Context, kinds: frozenset[str]) -> list[Organization]:
        return [o for o in ctx.index.organizations if o.kind in kinds]

    @law_rule(
        "party_organizations.branch_minimum",
        "A party branch has at least 3 full members.",
        "凡是有正式党员三人以上的,都应当成立党的基层组织(党支部)。",
        law=LAW,
        article="Constitution art. 30; regulations art. 5",
        version=VERSION,
        in_force=IN_FORCE,
        source=SOURCE,
    )
    def branch_minimum(self, ctx: Context) -> Iterator[Finding]:
        """Branches with fewer than 3 full members (they should join a joint branch)."""
        ix = ctx.index
        counts = self._members(ctx)
        for o in ctx.examine(self._of(ctx, BRANCH_KINDS)):
            full = counts[o.id][1]
            if full < 3:
                yield ctx.finding(
                    o.id,
                    f"{ix.name_of(o.id)} has {full} full members; a branch needs at least 3 "
                    "(fewer form a joint branch)",
                    f"{ix.name_of(o.id)} 仅有 {full} 名正式党员,不足三人应成立联合党支部",
                    full_members=full,
                )

    @law_rule(
        "party_organizations.joint_branch",
        "A joint party branch, of units with fewer than 3 full members each, generally covers "
        "at most 5 units.",
        "正式党员不足3人的单位,应当按照地域相邻、行业相近、规模适当、便于管理的原则,成立联合党支部。"
        "联合党支部覆盖单位一般不超过5个。",
        law=LAW,
        article="regulations art. 5",
        version=VERSION,
        in_force=IN_FORCE,
        severity="warning",
        source=JOINT_SOURCE,
    )
    def joint_branch(self, ctx: Context) -> Iterator[Finding]:
        """Joint branches (branches set up in two or more units: :func:`covered_units`)
        covering more than 5 units (5 is allowed: 不超过, Civil Code art. 1259), a warning,
        since the regulations say *generally*; and, an error, each unit covered that has 3
        or more full members of the branch of its own (people holding a post in the branch
        and one in the unit, an organization), which should set up a branch of its own
        (凡是有正式党员3人以上的,都应当成立党支部) rather than join a joint one.

        Only what the posts record is counted: a unit whose members hold no post in it
        recorded is not found to have 3. Only joint branches are examined: a structure
        with none leaves the rule *not applicable*."""
        ix = ctx.index
        covering = {o.id: covered_units(ctx, o.id) for o in self._of(ctx, BRANCH_KINDS)}
        # the organizations each full member holds a post in, read once
        held: dict[str, frozenset[str]] = {}
        for o in ctx.examine(o for o in self._of(ctx, BRANCH_KINDS) if len(covering[o.id]) > 1):
            units = covering[o.id]
            name = ix.name_of(o.id)
            if len(units) > JOINT_BRANCH_UNITS:
                yield ctx.finding(
                    o.id,
                    f"{name} is a joint branch of {len(units)} units; a joint branch generally "
                    f"covers at most {JOINT_BRANCH_UNITS}",
                    f"{name} 为联合党支部,覆盖 {len(units)} 个单位,一般不超过5个",
                    units=len(units),
                )
            # each full member's posts, read once: a unit's count never reads all its posts
            full = dict.fromkeys(
                p.person
                for p in ix.posts_in(o.id)
                if (person := ix.person(p.person)) is not None
                and person.party is not None
                and person.full_member
            )
            covered = set(units)
            own_members: dict[str, int] = {}
            for person_id in full:
                orgs = held.get(person_id)
                if orgs is None:
                    orgs = held[person_id] = frozenset(
                        p.organization for p in ix.posts_of(person_id)
                    )
                # the smaller side is read: a member of many joint branches is not read whole
                # for each of them
                for org in orgs & covered:
                    own_members[org] = own_members.get(org, 0) + 1
            for unit in units:
                if ix.organization(unit) is None:
                    continue  # a unit of territory: its members' posts are not in it
                own = own_members.get(unit, 0)
                if own >= 3:
                    yield ctx.finding(
                        o.id,
                        f"{ix.name_of(unit)}, covered by the joint branch {name}, has {own} "
                        "full members of it; with 3 or more it sets up a branch of its own",
                        f"{ix.name_of(unit)} 有正式党员 {own} 名,三人以上的应当单独成立党支部,"
                        f"不宜纳入联合党支部 {name}",
                        severity="error",
                        unit=unit,
                        full_members=own,
                    )

    @law_rule(
        "party_organizations.branch_size",
        "A party branch has generally at most 50 members; above that, a general branch.",
        "党支部党员人数一般不超过50人;党员人数超过50人的,可以成立党的总支部委员会。",
        law=LAW,
        article="regulations art. 5",
        version=VERSION,
        in_force=IN_FORCE,
        severity="warning",
        source=SOURCE,
    )
    def branch_size(self, ctx: Context) -> Iterator[Finding]:
        """Branches of more than 50 members."""
        ix = ctx.index
        counts = self._members(ctx)
        for o in ctx.examine(self._of(ctx, BRANCH_KINDS)):
            n = counts[o.id][0]
            if n > 50:
                yield ctx.finding(
                    o.id,
                    f"{ix.name_of(o.id)} has {n} members; above 50 a general branch is set up",
                    f"{ix.name_of(o.id)} 有党员 {n} 名,超过50人的可成立党总支",
                    members=n,
                )

    @law_rule(
        "party_organizations.committee_threshold",
        "An organization of 100 or more members is a basic-level party committee.",
        "党员人数一百人以上的,设立党的基层委员会。",
        law=LAW,
        article="regulations on basic-level organizations",
        version=VERSION,
        in_force=IN_FORCE,
        severity="warning",
        source=SOURCE,
    )
    def committee_threshold(self, ctx: Context) -> Iterator[Finding]:
        """Branches and general branches with 100 or more members."""
        ix = ctx.index
        counts = self._members(ctx)
        for o in ctx.examine(self._of(ctx, BRANCH_KINDS | GENERAL_BRANCH_KINDS)):
            n = counts[o.id][0]
            if n >= 100:
                yield ctx.finding(
                    o.id,
                    f"{ix.name_of(o.id)} has {n} members; at 100 or more a basic-level "
                    "committee is set up",
                    f"{ix.name_of(o.id)} 有党员 {n} 名,一百人以上的应设立基层党委",
                    members=n,
                )

    @law_rule(
        "party_organizations.committee_size",
        "A branch of 7 or more full members has a committee of 3 to 7 (generally 3 to 5); a "
        "general branch 5 to 9 (generally 5 to 7); a basic committee 5 to 9.",
        "正式党员7人以上的党支部设立支部委员会,由3至5人组成,一般不超过7人;"
        "党总支委员会一般由5至7人组成,最多不超过9人;基层党委由5至9人组成。",
        law=LAW,
        article="regulations art. 9",
        version=VERSION,
        in_force=IN_FORCE,
        severity="warning",
        source=SOURCE,
    )
    def committee_size(self, ctx: Context) -> Iterator[Finding]:
        """Committees (holders of secretary, deputy secretary and committee-member posts)
        outside the band of their organization's kind: a warning outside the most allowed
        (branch 3-7, general branch 5-9, basic committee 5-9), a note (``info``) beyond
        the general band (a branch's 6 or 7, a general branch's 8 or 9). A branch of fewer
        than 7 full members has no committee: one secretary and at most one deputy
        (a warning otherwise)."""
        ix = ctx.index
        counts = self._members(ctx)
        kinds = BRANCH_KINDS | GENERAL_BRANCH_KINDS | COMMITTEE_KINDS
        for o in ctx.examine(self._of(ctx, kinds)):
            posts = ix.posts_in(o.id)
            seats = len({p.person for p in posts if p.role in COMMITTEE_SEATS})
            name = ix.name_of(o.id)
            if o.kind in BRANCH_KINDS and counts[o.id][1] < 7:
                yield from self._small_branch(ctx, o, counts[o.id][1])
                continue
            if o.kind in BRANCH_KINDS:
                low, usual, high = 3, 5, 7
            elif o.kind in GENERAL_BRANCH_KINDS:
                low, usual, high = 5, 7, 9
            else:
                low, usual, high = 5, 9, 9
            if not low <= seats <= high:
                yield ctx.finding(
                    o.id,
                    f"{name}'s committee has {seats} members; it should have {low} to {high}"
                    + (f" (generally at most {usual})" if usual < high else ""),
                    f"{name} 委员会 {seats} 人,应为 {low} 至 {high} 人",
                    seats=seats,
                )
            elif seats > usual:
                yield ctx.finding(
                    o.id,
                    f"{name}'s committee has {seats} members, more than the {low} to {usual} "
                    f"it generally has (at most {high})",
                    f"{name} 委员会 {seats} 人,多于一般的 {low} 至 {usual} 人",
                    severity="info",
                    seats=seats,
                )

    def _small_branch(self, ctx: Context, o: Organization, full: int) -> Iterator[Finding]:
        """A branch of fewer than 7 full members: a secretary, at most one deputy, no
        committee members (regulations art. 9 [S])."""
        posts = ctx.index.posts_in(o.id)

        def holders(role: str) -> int:
            return len({p.person for p in posts if p.role == role})

        secretaries = holders("secretary")
        deputies = holders("deputy_secretary")
        committee = holders("committee_member")
        if secretaries == 1 and deputies <= 1 and committee == 0:
            return
        name = ctx.index.name_of(o.id)
        yield ctx.finding(
            o.id,
            f"{name} has {full} full members, fewer than 7, so no committee: one secretary "
            f"and at most one deputy; it has {secretaries} secretaries, {deputies} deputies "
            f"and {committee} committee members",
            f"{name} 正式党员 {full} 人,不足7人,不设支部委员会,设书记1名、副书记至多1名;"
            f"现有书记 {secretaries} 名、副书记 {deputies} 名、委员 {committee} 名",
            secretaries=secretaries,
            deputies=deputies,
            committee_members=committee,
        )

    def _community(self, ctx: Context, o: Organization) -> bool:
        """Whether a party organization is a community's or a village's (社区、村党组织), which
        serve 5 years: a community party committee or general branch, or one located in a
        unit of the community level (rank 5: a ``community``, a ``village``)."""
        if o.kind in COMMITTEE_KINDS | GENERAL_BRANCH_KINDS:
            return True
        unit = ctx.index.unit(o.unit) if o.unit is not None else None
        return unit is not None and ctx.vocab.rank(unit.kind) == _COMMUNITY_RANK

    @law_rule(
        "party_organizations.term",
        "Community and village party organizations serve 5 years, others 3 to 5; an overdue "
        "re-election is flagged.",
        "社区、村党组织每届任期5年;党的基层委员会、总支部委员会、支部委员会每届任期3年至5年。",
        law=LAW,
        article="regulations on basic-level elections",
        version=VERSION,
        in_force=IN_FORCE,
        source=SOURCE,
    )
    def term(self, ctx: Context) -> Iterator[Finding]:
        """Party organizations elected for a term outside their band (``term_years``: 5
        for a community's or a village's, 3 to 5 for others; 5 when not recorded), or
        whose term (from ``term_start``) has ended before the assessment day; a missing or
        malformed ``term_start`` or ``term_years`` is a warning."""
        ix = ctx.index
        kinds = BRANCH_KINDS | GENERAL_BRANCH_KINDS | COMMITTEE_KINDS
        for o in ctx.examine(self._of(ctx, kinds)):
            try:
                start = read_term_start(o)
                years = term_years(o, 5)
            except SpecError as e:
                yield gap(ctx, o.id, e, "the term")
                continue
            low = 5 if self._community(ctx, o) else 3
            if not low <= years <= 5:
                band = "5 years (a community's)" if low == 5 else "3 to 5 years"
                band_zh = "社区、村党组织每届任期5年" if low == 5 else "每届任期3年至5年"
                yield ctx.finding(
                    o.id,
                    f"{ix.name_of(o.id)} is elected for {count_text(years)} years; its term is "
                    f"{band}",
                    f"{ix.name_of(o.id)} 任期 {count_text(years)} 年,{band_zh}",
                    term_years=years,
                )
                years = min(max(years, low), 5)
            found = overdue(ctx, o, start, years)
            if found is not None:
                yield found
