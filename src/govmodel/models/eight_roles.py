"""The eight roles and co-building alliances: Changsha, Hunan (003).

In the pilot compound 格兰小镇 of 云塘社区 (September 2017) building heads (楼栋长) were
elected with party members leading, the "eight roles" (八大员) were chosen from among them,
and the eight-roles volunteer association (八大员志愿者协会) was founded with a party branch
of its own beside the compound party branch; within months the property-fee collection rate
rose from 47.8 % to 92 %. In 湘园社区 the co-building alliance (党建朋友圈) grew from 3
partner units in 2012 to 32, each signing a co-building agreement with the community party
organization, 13 of their deputy party secretaries serving on it, and 200+ practical
projects done. Urban communities' service stations ("one station, four rooms", 一站四室)
average 450 m² or more.

The fee rates and partner counts are read from the structure's observations in one pass;
the change of a rate follows :func:`govmodel.metrics.service.fee_collection_change` (first
and last period, differences on the decimals written). See ``docs/models/eight_roles.md``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from fractions import Fraction
from itertools import compress, groupby
from operator import attrgetter
from typing import cast

from govmodel.models import (
    Context,
    Finding,
    GovernanceModel,
    Source,
    measure,
    published_figure,
    rule,
)
from govmodel.models.helpers import as_count, not_a_count, period_key, written
from govmodel.spec import Observation, Organization, Post, Unit
from govmodel.vocab import Term

__all__ = ["EIGHT_ROLES", "REPORT", "STATION_STANDARDS_M2", "EightRoles"]

#: The source report's file name (in ``../shared/seeds/``).
REPORT = "003_e46168819235ee26.txt"

#: The eight roles (八大员): role name, English and Chinese names, in the report's order.
EIGHT_ROLES: tuple[tuple[str, str, str], ...] = (
    ("property_supervisor", "property-service supervisor", "物业服务监督员"),
    ("dispute_mediator", "dispute mediator", "矛盾纠纷调解员"),
    ("customs_advocate", "customs-reform advocate", "移风易俗倡导员"),
    ("facility_inspector", "public-facility inspector", "公共设施检查员"),
    ("law_publicist", "policy and law publicist", "政策法律宣传员"),
    ("civility_persuader", "civility persuader", "小区文明劝导员"),
    ("pet_warden", "pet-keeping warden", "宠物饲养管理员"),
    ("sanitation_warden", "sanitation warden", "环境卫生治理员"),
)

_ROLE_NAMES: Mapping[str, tuple[str, str]] = {r: (en, zh) for r, en, zh in EIGHT_ROLES}

#: The average floor area (m²) community service stations are held to when the structure
#: publishes none: urban communities' "one station, four rooms" average 450 m² or more;
#: rural community service centres average 300 m² (Hunan, 2019).
STATION_STANDARDS_M2: Mapping[str, float] = {"urban": 450.0, "rural": 300.0}

#: Unit kinds whose service stations are held to the rural standard; other communities
#: (level 5) to the urban one.
RURAL_KINDS: frozenset[str] = frozenset({"village"})

#: The kind of organization the eight-roles association is (八大员志愿者协会).
_ASSOCIATION_KIND = "volunteer_association"
_SECRETARY_ROLES = frozenset({"secretary", "deputy_secretary"})
_COMMUNITY_PARTY_KINDS = frozenset({"community_party_committee", "community_party_general_branch"})
_COMMUNITY_LEVEL = 5
_COMPOUND_LEVEL = 6
_BUILDING_LEVEL = 7

_ID, _PERSON = attrgetter("id"), attrgetter("person")
_ROLE = attrgetter("role")
_ORGANIZATION = attrgetter("organization")


def _decimal(x: float) -> Fraction:
    """The exact value of the shortest decimal that reads back as ``x`` (a float of another
    type, numpy's ``float64``, read as the float it is, never by its ``repr``)."""
    return Fraction(x) if isinstance(x, int) else Fraction(repr(float(x)))


def _shown_below(area: float, standard: float) -> str:
    """``area`` as messages write it (``:g``), with the digits that show it below
    ``standard`` (449.9999 m², never the 450 m² that six digits make of it)."""
    bound = _decimal(standard)
    for digits in range(6, 18):
        text = f"{area:.{digits}g}"
        if Fraction(text) < bound:
            return text
    return repr(area)


def _compounds(ctx: Context) -> tuple[Unit, ...]:
    """The compound-level units (compounds, courtyards), in order."""
    return ctx.index.units_at_rank(_COMPOUND_LEVEL, vocab=ctx.vocab)


def _buildings_of(ctx: Context) -> dict[str, list[str]]:
    """The buildings (units of the building level, 7, as the vocabulary ranks the kinds)
    of each compound (inside it, at any depth)."""

    def build() -> dict[str, list[str]]:
        buildings, compounds = ctx.index.units_within(
            _BUILDING_LEVEL, _COMPOUND_LEVEL, vocab=ctx.vocab
        )
        out: dict[str, list[str]] = {}
        # a compound's buildings come together: each run of one compound read at once
        at = 0
        for c, run in groupby(compounds):
            n = len(list(run))
            if c is not None:
                ids = list(map(_ID, buildings[at : at + n]))
                got = out.get(c)
                if got is None:
                    out[c] = ids
                else:
                    got.extend(ids)
            at += n
        return out

    got: dict[str, list[str]] = ctx.cached("eight_roles.buildings", build)
    return got


def _associations(ctx: Context) -> dict[str, str | None]:
    """The eight-roles associations, each with the compound it lies in (``None``: none).

    The report's association is a volunteer association (八大员志愿者协会): the volunteer
    associations located in a compound, and those elsewhere in which one of the eight roles
    is held. A body of another kind holding one of the roles (a residents' committee with a
    dispute mediator) is no association."""

    def build() -> dict[str, str | None]:
        ix = ctx.index
        holding = set(map(_ORGANIZATION, _eight_role_posts(ctx)))
        out: dict[str, str | None] = {}
        for o in ix.orgs_of_kind(_ASSOCIATION_KIND):
            c = ix.ancestor_at(o.unit, _COMPOUND_LEVEL, vocab=ctx.vocab)
            if c is not None or o.id in holding:
                out[o.id] = c
        return out

    got: dict[str, str | None] = ctx.cached("eight_roles.associations", build)
    return got


def _eight_role_posts(ctx: Context) -> list[Post]:
    """The posts of one of the eight roles, in order (in any organization: see
    :func:`_association_posts` for those held in an association)."""
    posts = ctx.index.posts
    got: list[Post] = ctx.cached(
        "eight_roles.posts",
        lambda: list(compress(posts, map(_ROLE_NAMES.__contains__, map(_ROLE, posts)))),
    )
    return got


def _association_posts(ctx: Context) -> list[Post]:
    """The posts of one of the eight roles held in an eight-roles association, in order."""
    associations = _associations(ctx)
    return [p for p in _eight_role_posts(ctx) if p.organization in associations]


def _running(ctx: Context) -> dict[str, list[str]]:
    """By compound, the eight-roles associations it hosts (compounds running the system)."""

    def build() -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for a, c in _associations(ctx).items():
            if c is not None:
                out.setdefault(c, []).append(a)
        return out

    got: dict[str, list[str]] = ctx.cached("eight_roles.running", build)
    return got


def _is_party(ctx: Context, org: str) -> bool:
    o = ctx.index.organization(org)
    return o is not None and ctx.vocab.is_party(o.kind)


def _is_kind(ctx: Context, org: str, kind: str) -> bool:
    return getattr(ctx.index.organization(org), "kind", None) == kind


def _heads_of_buildings(ctx: Context) -> dict[str, frozenset[str]]:
    """By building, the building heads responsible for it (buildings with one or more)."""

    def build() -> dict[str, frozenset[str]]:
        ix = ctx.index
        # the holders of a building_head post, read once (not the roles of each tie's
        # source: one person responsible for n buildings holding n posts took n * n)
        is_head = {p.person for p in ix.posts_of_role("building_head")}
        heads: dict[str, set[str]] = {}
        for t in ix.ties_of("responsible_for"):
            if t.source in is_head:
                heads.setdefault(t.target, set()).add(t.source)
        return {b: frozenset(people) for b, people in heads.items()}

    got: dict[str, frozenset[str]] = ctx.cached("eight_roles.building_heads", build)
    return got


def _party_members(ctx: Context, people: set[str]) -> set[str]:
    return {p for p in people if getattr(ctx.index.person(p), "party", None) is not None}


def _partner_secretaries(ctx: Context, org: str) -> set[str]:
    """People holding a post in ``org`` and a (deputy) secretary post in a co-building unit
    or in a party organization set up in one."""
    ix = ctx.index
    if not ix.orgs_of_kind("co_building_unit"):
        return set()
    at = _partner_posts(ctx)
    # of a person's partner organizations, at most two are read: one of them is not org
    return {p for p in ix.holders(org) if any(o != org for o in at.get(p, ()))}


def _partner_posts(ctx: Context) -> dict[str, tuple[str, ...]]:
    """By person, the co-building units and the party organizations set up in one in which
    the person holds a (deputy) secretary post, each once (computed once: a person with
    posts in many organizations is read once, not once for each of them)."""

    def build() -> dict[str, tuple[str, ...]]:
        ix = ctx.index

        def co_building(o: str) -> bool:
            return getattr(ix.organization(o), "kind", None) == "co_building_unit"

        partner: dict[str, bool] = {}  # by organization, whether it is a partner's
        out: dict[str, dict[str, None]] = {}
        for post in ix.posts:
            other = post.organization
            if post.role not in _SECRETARY_ROLES or not ix.organization(other):
                continue
            is_partner = partner.get(other)
            if is_partner is None:
                is_partner = partner[other] = co_building(other) or any(
                    co_building(h) for h in ix.targets(other, "embedded_in")
                )
            if is_partner:
                out.setdefault(post.person, {})[other] = None
        return {p: tuple(orgs) for p, orgs in out.items()}

    got: dict[str, tuple[str, ...]] = ctx.cached("eight_roles.partner_posts", build)
    return got


def _undated(ob: Observation) -> bool:
    """Whether an observation has no period that can be ordered: none, or one that names no
    date (``"soon"``, ``"2020-13"``, which :func:`govmodel.validate` reports and
    :func:`period_key` sorts as no period)."""
    return ob.period is None or period_key(ob.period) == _NO_PERIOD


#: The :func:`period_key` of no period.
_NO_PERIOD = period_key(None)


def _dated(ctx: Context, indicator: str, subject: str) -> list[Observation]:
    """The subject's observations of ``indicator`` that have a period naming a date, oldest
    first."""
    return [ob for ob in ctx.index.series(indicator, subject) if not _undated(ob)]


def _fee_change(ctx: Context) -> dict[str, tuple[float, float]]:
    """By compound, its first and last dated ``fee_collection_rate`` (of two periods or
    more: one rate observed twice for one period is no change), as written (read them with
    :func:`_is_share`); a compound whose first or last period has two rates that differ is
    left out (:func:`_fee_clashes`)."""
    return _fee_read(ctx)[0]


def _fee_clashes(ctx: Context) -> dict[str, list[tuple[str, int]]]:
    """By compound of two dated ``fee_collection_rate`` or more, its first and last periods
    (as written) that several observations give different rates for, with how many: which
    of them is the first (or the last) rate cannot be told (as
    :func:`govmodel.metrics.service.fee_collection_change`, which refuses two observations
    of one period), whatever order the observations are listed in."""
    return _fee_read(ctx)[1]


def _fee_read(
    ctx: Context,
) -> tuple[dict[str, tuple[float, float]], dict[str, list[tuple[str, int]]]]:
    """:func:`_fee_change` and :func:`_fee_clashes`, read in one pass (computed once)."""

    def build() -> tuple[dict[str, tuple[float, float]], dict[str, list[tuple[str, int]]]]:
        out: dict[str, tuple[float, float]] = {}
        clashes: dict[str, list[tuple[str, int]]] = {}
        observed = ctx.index.observed("fee_collection_rate")
        for u in _compounds(ctx) if observed else ():
            if len(observed.get(u.id, ())) >= 2:
                obs = _dated(ctx, "fee_collection_rate", u.id)
                if len(obs) < 2:
                    continue
                ends = dict.fromkeys(period_key(ob.period) for ob in (obs[0], obs[-1]))
                for end in ends:
                    same = [ob for ob in obs if period_key(ob.period) == end]
                    if len({_rate_read(ob.value) for ob in same}) > 1:
                        clashes.setdefault(u.id, []).append((str(same[0].period), len(same)))
                # of one period only, one rate (published twice) is no before and after
                if u.id not in clashes and len(ends) > 1:
                    out[u.id] = (obs[0].value, obs[-1].value)
        return out, clashes

    got: tuple[dict[str, tuple[float, float]], dict[str, list[tuple[str, int]]]] = ctx.cached(
        "eight_roles.fee", build
    )
    return got


def _rate_read(value: object) -> object:
    """A rate (or figure) as two observations of one period are told apart by it: a finite number by
    its value (``1`` and ``1.0`` are one rate), anything else (NaN, ``True``, text) by its
    ``repr`` (``True`` is no 1, and one NaN is another). A float of another type (numpy's
    ``float64``) is the float it is."""
    if type(value) is int or (isinstance(value, float) and math.isfinite(value)):
        return value
    return repr(value)


def _fee_undated(ctx: Context) -> dict[str, tuple[int, int]]:
    """By compound with two ``fee_collection_rate`` observations or more of which some have
    no period naming a date (:func:`_undated`): how many have none, and how many there are."""
    out: dict[str, tuple[int, int]] = {}
    observed = ctx.index.observed("fee_collection_rate")
    for u in _compounds(ctx) if observed else ():
        obs = observed.get(u.id, ())
        if len(obs) >= 2 and (n := sum(map(_undated, obs))):
            out[u.id] = (n, len(obs))
    return out


def _fee_shares(ctx: Context) -> dict[str, tuple[float, float]]:
    """:func:`_fee_change` of the compounds whose two rates are shares, as floats: what the
    fee measures read (a compound with a rate that is not a share is left out)."""
    return {
        c: (float(b), float(a))
        for c, (b, a) in _fee_change(ctx).items()
        if _is_share(b) and _is_share(a)
    }


def _is_share(value: object) -> bool:
    """Whether ``value`` is a share: a number (not a bool) from 0 to 1."""
    return (n := as_count(value, whole=False)) is not None and n <= 1


def _station_area(ctx: Context, station: Organization) -> object:
    """A station's floor area as recorded: its latest ``station_area_m2`` observation, else
    its ``floor_area_m2`` attribute, else ``None``. Read it with :func:`as_count`
    (``whole=False``)."""
    ob = ctx.index.latest("station_area_m2", station.id)
    if ob is not None:
        return ob.value
    return station.attributes.get("floor_area_m2")


def _standard(ctx: Context, unit: str, scope: str) -> tuple[object, str | None, str | None]:
    """The floor area a station of ``unit`` is held to, as written: the ``station_area_m2``
    observation with attribute ``scope`` of the nearest unit containing it, else the
    default; the id of that observation and its subject (``None``, ``None``: the default).
    Read the area with :func:`as_count` (``whole=False``)."""
    published = _published_standards(ctx)
    for a in (unit, *ctx.index.ancestors(unit)):
        got = published.get((a, scope))
        if got is not None:
            return got[0], got[1], a
    return STATION_STANDARDS_M2[scope], None, None


def _published_standards(ctx: Context) -> dict[tuple[str, str], tuple[object, str]]:
    """By (subject, scope), the value and id of the subject's latest ``station_area_m2``
    observation with attribute ``scope`` (``"urban"`` or ``"rural"``), read once (computed
    once): the stations of many communities under one unit that publishes many areas
    without a scope no longer read them all, each station again."""

    def build() -> dict[tuple[str, str], tuple[object, str]]:
        out: dict[tuple[str, str], tuple[object, str]] = {}
        for subject, obs in ctx.index.observed("station_area_m2").items():
            for scope in STATION_STANDARDS_M2:
                for ob in reversed(obs):
                    if ob.attributes.get("scope") == scope:
                        out[(subject, scope)] = (ob.value, ob.id)
                        break
        return out

    got: dict[tuple[str, str], tuple[object, str]] = ctx.cached("eight_roles.standards", build)
    return got


def _first_last_sum(ctx: Context, indicator: str, last: bool) -> float | None:
    """The first (or last) dated value of ``indicator``, summed over the outermost subjects
    that have one (:meth:`~govmodel.index.StructureIndex.outermost`: a unit inside another
    unit that has one is left out, so that nested figures are not added twice, as
    :meth:`~govmodel.index.StructureIndex.published` leaves it out); ``None`` when there is
    none, or when one is not a count (:func:`as_count`: the sum is unknown)."""
    ix = ctx.index
    chosen = {
        subject: obs[-1 if last else 0].value
        for subject in ix.observed(indicator)
        if (obs := _dated(ctx, indicator, subject))
    }
    counts = [as_count(chosen[s]) for s in ix.outermost(chosen)]
    if not counts or None in counts:
        return None
    return math.fsum(cast("list[float]", counts))


def _lowest_common(ctx: Context, units: list[str]) -> str | None:
    """The lowest unit containing all of ``units`` (one of them, if it contains the
    others); ``None`` when none does."""
    chain = [units[0], *ctx.index.ancestors(units[0])]
    others = [{u, *ctx.index.ancestors(u)} for u in dict.fromkeys(units[1:])]
    return next((a for a in chain if all(a in o for o in others)), None)


def _in_alliance(ctx: Context, org: str) -> bool:
    """Whether an organization is a ``member_of`` a party-building alliance."""
    ix = ctx.index
    return any(
        getattr(ix.organization(t), "kind", None) == "party_alliance"
        for t in ix.targets(org, "member_of")
    )


def _stations(ctx: Context) -> list[tuple[Organization, Unit, object]]:
    """The service stations located in a community whose floor area is recorded, with the
    community and the area as recorded (:func:`_station_area`). A station located in a unit
    of no rank inside a community (an area, a group: a unit between the community and its
    compounds) is the community's, as one located in the community itself."""

    def build() -> list[tuple[Organization, Unit, object]]:
        ix = ctx.index
        rank, vocab = ix.rank, ctx.vocab
        above: dict[str, str | None] = {}  # a unit of no rank: the nearest ranked unit above

        def ranked(uid: str) -> str | None:
            walked: list[str] = []
            u: str | None = uid
            while u is not None and rank(u, vocab=vocab) is None:
                if u in above:
                    u = above[u]
                    break
                walked.append(u)
                u = getattr(ix.unit(u), "parent", None)
            for w in walked:
                above[w] = u
            return u

        out: list[tuple[Organization, Unit, object]] = []
        for o in ix.orgs_of_kind("service_station"):
            at = ranked(o.unit) if o.unit is not None else None
            unit = ix.unit(at) if at is not None else None
            if unit is None or rank(unit.id, vocab=vocab) != _COMMUNITY_LEVEL:
                continue
            area = _station_area(ctx, o)
            if area is not None:
                out.append((o, unit, area))
        return out

    got: list[tuple[Organization, Unit, object]] = ctx.cached("eight_roles.stations", build)
    return got


class EightRoles(GovernanceModel):
    """The eight roles and the co-building alliance of Changsha (report 003).

    Building heads are elected with party members leading; the eight roles (八大员) are chosen
    from among them and form a volunteer association with a party branch of its own beside
    the compound party branch; the property-fee collection rate rises. Outside units co-build
    with the community party organization in an alliance (党建朋友圈), their deputy
    secretaries serving on it. Service stations meet the facility standards.

    Rules: ``eight_roles.all_roles``, ``eight_roles.from_building_heads``,
    ``eight_roles.association_branch``, ``eight_roles.compound_branch``,
    ``eight_roles.party_led``, ``eight_roles.building_heads``, ``eight_roles.fee_collection``,
    ``eight_roles.alliance``, ``eight_roles.partner_secretaries``,
    ``eight_roles.station_area``. Measures: adoption and filling of the eight roles,
    building heads, fee collection before and after, partner units, deputy secretaries,
    projects, station areas and the urban standard.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.models.eight_roles import EightRoles
    >>> a = govmodel.assess(EightRoles.example(), "eight_roles")
    >>> a.metrics["fee_collection_before"].value, a.metrics["fee_collection_after"].value
    (0.478, 0.92)
    >>> a.metrics["eight_roles_filled"].by_unit
    {'cs-yt-gl': 8.0}
    >>> a.metrics["partner_units_first"].value, a.metrics["partner_units_latest"].value
    (3.0, 32.0)
    >>> a.ok, a.rule("eight_roles.station_area").passed
    (True, True)
    """

    name = "eight_roles"
    title = "Eight roles and co-building alliances"
    title_zh = "“八大员”与党建朋友圈"
    summary = (
        "Changsha, Hunan: in the pilot compound 格兰小镇 building heads (楼栋长) were elected "
        "with party members leading, the eight roles (八大员: property-service supervisor, "
        "dispute mediator, customs-reform advocate, public-facility inspector, policy and law "
        "publicist, civility persuader, pet-keeping warden, sanitation warden) were chosen from "
        "among them, and their volunteer association (八大员志愿者协会) got a party branch of "
        "its own beside the compound party branch; the property-fee collection rate rose from "
        "47.8 % to 92 % within months. In 湘园社区 the co-building alliance (党建朋友圈) grew "
        "from 3 partner units to 32, each signing a co-building agreement with the community "
        "party organization, 13 partner deputy secretaries serving on it and 200+ projects "
        "done. Urban service stations ('one station, four rooms', 一站四室) are to average "
        "450 m² or more, rural ones 300 m²."
    )
    source = Source(REPORT, "Tianxin district, Changsha, Hunan", "湖南省长沙市天心区", 2019)
    vocabulary = (
        Term(
            "indicators",
            "partner_deputy_secretaries",
            "partner units' deputy secretaries serving on the community party organization",
            "兼任社区党总支委员的驻社区单位党组织专职副书记数",
            type="count",
        ),
    )
    example_dataset = "changsha"

    # -- rules: the eight roles -----------------------------------------------------------
    @rule(
        "eight_roles.all_roles",
        "Every eight-roles association has all eight roles filled.",
        "每个“八大员”志愿者协会的八类岗位均有人担任。",
        severity="error",
        source=f"{REPORT}: 什么是“八大员”?……包括物业服务监督员、矛盾纠纷调解员、移风易俗倡导员、"
        "公共设施检查员、政策法律宣传员、小区文明劝导员、宠物饲养管理员、环境卫生治理员",
    )
    def all_roles(self, ctx: Context) -> Iterator[Finding]:
        """Associations (volunteer associations of compounds, and volunteer associations
        elsewhere holding one of the eight roles) with a role nobody holds."""
        ix = ctx.index
        name_of = ix.name_of
        for a in ctx.examine(_associations(ctx)):
            held = set(map(_ROLE, ix.posts_in(a)))
            missing = [r for r, _, _ in EIGHT_ROLES if r not in held]
            if missing:
                yield ctx.finding(
                    a,
                    f"{name_of(a)} has no {', '.join(_ROLE_NAMES[r][0] for r in missing)}",
                    f"{name_of(a)}缺少{'、'.join(_ROLE_NAMES[r][1] for r in missing)}",
                    missing=",".join(missing),
                    filled=len(EIGHT_ROLES) - len(missing),
                )

    @rule(
        "eight_roles.from_building_heads",
        "The eight roles are chosen from the building heads: everyone holding one in an "
        "eight-roles association is a building head.",
        "“八大员”从楼栋长中选出:在“八大员”志愿者协会担任八类岗位者均为楼栋长。",
        severity="error",
        source=f"{REPORT}: 以党员牵头,从楼栋长中选出“八大员”,成立了“八大员志愿者协会”",
    )
    def from_building_heads(self, ctx: Context) -> Iterator[Finding]:
        """Holders of an eight role in an association without a ``building_head`` post."""
        ix = ctx.index
        name_of = ix.name_of
        holding: dict[str, set[str]] = {}  # by holder, the eight roles held in associations
        for p in _association_posts(ctx):
            holding.setdefault(p.person, set()).add(p.role)
        # the holders in the order of their first post
        people = dict.fromkeys(map(_PERSON, ix.posts)) if holding else {}
        holders = list(filter(holding.__contains__, people))
        for person in ctx.examine(holders):
            eight = sorted(holding[person])
            if "building_head" not in ix.roles_of(person):
                yield ctx.finding(
                    person,
                    f"{name_of(person)} holds {', '.join(_ROLE_NAMES[r][0] for r in eight)} "
                    "but is no building head",
                    f"{name_of(person)}担任{'、'.join(_ROLE_NAMES[r][1] for r in eight)},"
                    "但不是楼栋长",
                    roles=",".join(eight),
                )

    @rule(
        "eight_roles.association_branch",
        "Every eight-roles association has a party branch of its own, set up in it.",
        "“八大员”志愿者协会成立自己的党支部。",
        severity="error",
        source=f"{REPORT}: 成立格兰小区党支部与八大员志愿者协会党支部",
    )
    def association_branch(self, ctx: Context) -> Iterator[Finding]:
        """Associations with no party organization ``embedded_in`` them."""
        name_of = ctx.index.name_of
        for a in ctx.examine(_associations(ctx)):
            if not any(_is_party(ctx, o) for o in ctx.index.sources(a, "embedded_in")):
                yield ctx.finding(
                    a,
                    f"{name_of(a)} has no party branch of its own",
                    f"{name_of(a)}未成立党支部",
                )

    @rule(
        "eight_roles.compound_branch",
        "A compound running the eight roles has a compound party branch beside the association's.",
        "开展“八大员”的小区另建有小区党支部。",
        severity="error",
        source=f"{REPORT}: 成立格兰小区党支部与八大员志愿者协会党支部",
    )
    def compound_branch(self, ctx: Context) -> Iterator[Finding]:
        """Compounds with an association but no party organization besides the associations'."""
        ix = ctx.index
        name_of = ix.name_of
        within = ix.orgs_within(_COMPOUND_LEVEL, vocab=ctx.vocab)
        running = _running(ctx)
        for c in ctx.examine(running):
            own = {o for a in running[c] for o in ix.sources(a, "embedded_in")}
            if not any(ctx.vocab.is_party(o.kind) and o.id not in own for o in within.get(c, ())):
                yield ctx.finding(
                    c,
                    f"{name_of(c)} runs the eight roles but has no compound party branch",
                    f"{name_of(c)}开展“八大员”但未建立小区党支部",
                )

    @rule(
        "eight_roles.party_led",
        "Party members lead the association: its head (chair or secretary) is a party member.",
        "以党员牵头:“八大员”志愿者协会负责人为党员。",
        severity="warning",
        source=f"{REPORT}: 组织热心党员参与配合楼栋长选举……以党员牵头,从楼栋长中选出“八大员”",
    )
    def party_led(self, ctx: Context) -> Iterator[Finding]:
        """Associations none of whose heads is a party member."""
        ix = ctx.index
        name_of = ix.name_of
        heads = {t.name for t in ctx.vocab.category("roles").values() if t.head}
        for a in ctx.examine(_associations(ctx)):
            leaders = {p.person for p in ix.posts_in(a) if p.role in heads}
            if not _party_members(ctx, leaders):
                yield ctx.finding(
                    a,
                    f"{name_of(a)} is not headed by a party member",
                    f"{name_of(a)}负责人非党员",
                    heads=",".join(sorted(leaders)),
                )

    @rule(
        "eight_roles.building_heads",
        "In a compound running the eight roles every building has a building head responsible "
        "for it.",
        "开展“八大员”的小区,每栋楼都有负责的楼栋长。",
        severity="warning",
        source=f"{REPORT}: 组织热心党员参与配合楼栋长选举",
    )
    def building_heads(self, ctx: Context) -> Iterator[Finding]:
        """Buildings of such compounds with no building head ``responsible_for`` them."""
        name_of = ctx.index.name_of
        buildings, heads = _buildings_of(ctx), _heads_of_buildings(ctx)
        of_running = [(c, b) for c in _running(ctx) for b in buildings.get(c, ())]
        for c, b in ctx.examine(of_running):
            if b not in heads:
                yield ctx.finding(
                    b, f"{name_of(b)} has no building head", f"{name_of(b)}没有楼栋长", compound=c
                )

    @rule(
        "eight_roles.fee_collection",
        "In a compound running the eight roles the property-fee collection rate rises: its last "
        "observed rate is above its first.",
        "开展“八大员”的小区物业费上缴率提升(最近一期高于最早一期)。",
        severity="warning",
        source=f"{REPORT}: 短短几个月,小区的物业费上缴率从原来的47.8%一下子提升到了92%",
    )
    def fee_collection(self, ctx: Context) -> Iterator[Finding]:
        """Compounds running the system whose fee rate did not rise.

        Examined: the compounds running the eight roles with two ``fee_collection_rate``
        observations or more. Rates of one period only, of one value (one rate published
        twice, from two sources), are no first and last rate: the compound is not examined
        for them. An unchanged rate has not risen
        (003_e46168819235ee26.txt: 从原来的47.8%……提升到了92%). A rate that is not a share
        (NaN, a bool, outside 0–1) gives the :func:`not_a_count` finding. Rates without a
        period, or with one that names no date (``"soon"``, ``"2020-13"``), cannot be
        ordered: a compound with any gives a warning (data ``indicator``,
        ``missing`` = ``"period"``, ``undated``, ``observed``), and its dated rates, two or
        more, are compared without them. Two rates that differ for the first period, or
        for the last, leave the first (or last) rate unknown, whatever order they are
        listed in (:func:`govmodel.metrics.service.fee_collection_change` refuses them): a
        warning for each such period (data ``indicator``, ``problem`` =
        ``"duplicate-observation"``, ``period``, ``observed``), and the rates are not
        compared."""
        fees = _fee_change(ctx)
        clashes = _fee_clashes(ctx)
        name_of = ctx.index.name_of
        running = _running(ctx)
        undated = _fee_undated(ctx) if running else {}
        examined = (c for c in running if c in fees or c in undated or c in clashes)
        for c in ctx.examine(examined):
            for period, k in clashes.get(c, ()):
                yield ctx.finding(
                    c,
                    f"{name_of(c)}: {k} fee_collection_rate observations for {period} differ; "
                    "which comes first or last cannot be told, and the rates are not compared",
                    f"{name_of(c)} 的 {period} 有 {k} 个不同的物业费上缴率,无法确定先后,未予比较",
                    severity="warning",
                    indicator="fee_collection_rate",
                    problem="duplicate-observation",
                    period=period,
                    observed=k,
                )
            if c in undated:
                n, m = undated[c]
                yield ctx.finding(
                    c,
                    f"{name_of(c)}: {n} of its {m} fee_collection_rate observations "
                    + (
                        "has no period; it cannot be ordered, and is left out"
                        if n == 1
                        else "have no period; they cannot be ordered, and are left out"
                    ),
                    f"{name_of(c)} 的 {m} 个物业费上缴率中有 {n} 个没有时期,无法排序,未予比较",
                    severity="warning",
                    indicator="fee_collection_rate",
                    missing="period",
                    undated=n,
                    observed=m,
                )
            if c not in fees:
                continue
            before, after = fees[c]
            bad = [v for v in (before, after) if not _is_share(v)]
            for v in {repr(v): v for v in bad}.values():  # the same value named once
                yield not_a_count(ctx, c, "fee_collection_rate", v)
            if bad:
                continue
            if not after > before:
                yield ctx.finding(
                    c,
                    f"the fee collection rate of {name_of(c)} went from {before:.1%} to "
                    f"{after:.1%}",
                    f"{name_of(c)}物业费上缴率由{before:.1%}变为{after:.1%},未见提升",
                    before=before,
                    after=after,
                )

    # -- rules: the co-building alliance --------------------------------------------------
    @rule(
        "eight_roles.alliance",
        "Every co-building unit has signed a co-building agreement with a party organization "
        "and belongs to a party-building alliance.",
        "每个共建单位都与社区党组织签订共建协议,并加入党建朋友圈(党建联盟)。",
        severity="warning",
        source=f"{REPORT}: 党建朋友圈从2012年的3家,已经发展到了现在的32家……社区与这些单位的"
        "党组织签订《共建共创协议书》",
    )
    def alliance(self, ctx: Context) -> Iterator[Finding]:
        """Co-building units without a ``co_builds`` tie to a party organization or without a
        ``member_of`` tie to an alliance."""
        ix = ctx.index
        name_of = ix.name_of
        for o in ctx.examine(ix.orgs_of_kind("co_building_unit")):
            lacking: list[tuple[str, str, str]] = []
            if not any(_is_party(ctx, x) for x in ix.linked(o.id, "co_builds")):
                lacking.append(("agreement", "has signed no co-building agreement", "共建协议"))
            if not _in_alliance(ctx, o.id):
                lacking.append(("alliance", "belongs to no alliance", "党建朋友圈"))
            if lacking:
                yield ctx.finding(
                    o.id,
                    f"{name_of(o.id)} {' and '.join(x[1] for x in lacking)}",
                    f"{name_of(o.id)}未{'、未'.join('签订' + x[2] if x[0] == 'agreement' else '加入' + x[2] for x in lacking)}",
                    missing=",".join(x[0] for x in lacking),
                )

    @rule(
        "eight_roles.partner_secretaries",
        "The partner units' party secretaries serving on a community party organization are as "
        "many as it records (partner_deputy_secretaries).",
        "兼任社区党组织委员的共建单位党组织副书记人数与记录一致。",
        severity="warning",
        source=f"{REPORT}: 聘请13名驻社区单位党组织专职副书记兼任社区党总支委员",
    )
    def partner_secretaries(self, ctx: Context) -> Iterator[Finding]:
        """Community party organizations whose recorded figure differs from the people found.

        Examined: the organizations with a ``partner_deputy_secretaries`` observation (its
        latest); a figure that is not a count (:func:`as_count`) gives the
        :func:`not_a_count` finding. Several observations of the latest period that differ
        leave the figure unknown, whatever order they are listed in: a warning (data
        ``indicator``, ``problem`` = ``"duplicate-observation"``, ``period``,
        ``observed``), and the figure is not compared."""
        ix = ctx.index
        name_of = ix.name_of
        recorded_by = ix.observed("partner_deputy_secretaries")
        for org in ctx.examine(o for o in recorded_by if ix.organization(o) is not None):
            obs = recorded_by[org]
            end = period_key(obs[-1].period)
            latest = [ob for ob in obs if period_key(ob.period) == end]
            if len({_rate_read(ob.value) for ob in latest}) > 1:
                period = latest[0].period
                when, when_zh = (period, period) if period is not None else ("no period", "无时期")
                yield ctx.finding(
                    org,
                    f"{name_of(org)}: {len(latest)} partner_deputy_secretaries observations for "
                    f"{when} differ; which is the latest cannot be told, and the figure is not "
                    "compared",
                    f"{name_of(org)} 的 {when_zh} 有 {len(latest)} 个不同的兼任委员副书记数,"
                    "无法确定最近一期,未予比较",
                    severity="warning",
                    indicator="partner_deputy_secretaries",
                    problem="duplicate-observation",
                    period=period or "",
                    observed=len(latest),
                )
                continue
            raw = obs[-1].value
            recorded = as_count(raw)
            if recorded is None:
                yield not_a_count(ctx, org, "partner_deputy_secretaries", raw)
                continue
            found = len(_partner_secretaries(ctx, org))
            if found != recorded:
                yield ctx.finding(
                    org,
                    f"{name_of(org)} records {written(recorded)} partner deputy "
                    f"{'secretary' if recorded == 1 else 'secretaries'}, but {found} partner "
                    f"{'secretary holds' if found == 1 else 'secretaries hold'} posts in it",
                    f"{name_of(org)}记录兼任委员的共建单位副书记{written(recorded)}名,实有{found}名",
                    recorded=recorded,
                    found=found,
                )

    # -- rules: facilities -----------------------------------------------------------------
    @rule(
        "eight_roles.station_area",
        "The communities' service stations reach the facility standard on average: 450 m² "
        "for urban communities ('one station, four rooms'), 300 m² for rural ones, or the "
        "standard the structure publishes for the province (station_area_m2 with attribute "
        "scope); each average is over the stations held to the same standard.",
        "社区服务站平均面积达到标准:城市社区“一站四室”平均450㎡以上,农村社区平均300㎡,或按结构公布的本省标准"
        "(带 scope 属性的 station_area_m2);按同一标准衡量的服务站合并计算平均值。",
        severity="warning",
        source=f"{REPORT}: 全省城市社区“一站四室”(即社区服务站、办公室、活动室、警务室、医疗室)"
        "建设面积平均450㎡以上,农村社区服务中心平均面积300㎡",
    )
    def station_area(self, ctx: Context) -> Iterator[Finding]:
        r"""Groups of service stations whose average floor area is below their standard.

        The report's figures are province-wide averages, so the stations held to one
        standard (:func:`_standard`: urban or rural, the one published or the default) are
        averaged together, urban and rural apart, and the average is held to it:
        :math:`\bar a = \frac{1}{n}\sum_{i=1}^{n} a_i \ge s`, on the decimals written.
        "450㎡以上" includes 450: stations averaging exactly the standard pass, stations
        averaging 449.99 m² do not. The finding is about the station when it is the only one
        of its group, else about the lowest unit containing all of them (``None`` when none
        does); its ``area_m2`` is the average.

        Examined: the stations located in a community (level 5) whose area is recorded. An
        area that is not an amount (:func:`as_count` with ``whole=False``: ``True``,
        ``"500"``, NaN, an infinity, a negative number) gives the :func:`not_a_count`
        finding and is left out of the average, and so does a published standard that is
        not an area (about the unit publishing it, once; its stations are not checked)."""
        ix = ctx.index
        name_of = ix.name_of
        told: set[str | None] = set()  # the standards found not to be areas
        # by (scope, standard's observation or None), the standard and its stations
        groups: dict[tuple[str, str | None], tuple[float, list[tuple[str, str, object]]]] = {}
        for o, unit, raw in ctx.examine(_stations(ctx)):
            if as_count(raw, whole=False) is None:
                yield not_a_count(ctx, o.id, "station area (m²)", raw)
                continue
            scope = "rural" if unit.kind in RURAL_KINDS else "urban"
            published, basis, where = _standard(ctx, unit.id, scope)
            standard = as_count(published, whole=False)
            if standard is None:  # a published standard that is no area: cannot check
                if basis not in told and where is not None:
                    told.add(basis)
                    yield not_a_count(ctx, where, "station_area_m2", published)
                continue
            groups.setdefault((scope, basis), (standard, []))[1].append((o.id, unit.id, raw))
        for (scope, basis), (standard, members) in groups.items():
            n = len(members)
            mean = sum(_decimal(cast("float", raw)) for _, _, raw in members) / n
            if mean >= _decimal(standard):
                continue
            area = float(mean)
            shown = _shown_below(area, standard)
            where_zh = "城市" if scope == "urban" else "农村"
            if n == 1:
                station = members[0][0]
                yield ctx.finding(
                    station,
                    f"{name_of(station)} has {shown} m², below the {scope} standard of "
                    f"{written(standard)} m²",
                    f"{name_of(station)}面积{shown}㎡,低于{where_zh}社区标准{written(standard)}㎡",
                    area_m2=area,
                    standard_m2=standard,
                    scope=scope,
                    standard_source=basis or "default",
                )
                continue
            within = _lowest_common(ctx, [u for _, u, _ in members])
            place = "the structure" if within is None else name_of(within)
            place_zh = "结构中" if within is None else name_of(within)
            yield ctx.finding(
                within,
                f"the {n} {scope} service stations in {place} average {shown} m², below the "
                f"{scope} standard of {written(standard)} m² on average",
                f"{place_zh}{n}个{where_zh}社区服务站平均面积{shown}㎡,低于{where_zh}社区"
                f"平均标准{written(standard)}㎡",
                area_m2=area,
                standard_m2=standard,
                scope=scope,
                standard_source=basis or "default",
            )

    # -- measures: the eight roles ---------------------------------------------------------
    @measure(
        "eight_roles_adoption",
        "compounds running the eight roles",
        "开展“八大员”的小区占比",
        per="compound",
        rollup="mean",
        description="1 when an eight-roles association sits in the compound, else 0.",
        quantity="share",
    )
    def eight_roles_adoption(self, ctx: Context) -> dict[str, float]:
        """1 for a compound running the eight roles, 0 for another."""
        running = _running(ctx)
        return {u.id: float(u.id in running) for u in _compounds(ctx)}

    @measure(
        "eight_roles_filled",
        "eight roles filled",
        "“八大员”在岗类数",
        per="compound",
        rollup="mean",
        description="For compounds running the eight roles: how many of the eight have a "
        "holder in the compound's associations (0–8).",
        quantity="count",
    )
    def eight_roles_filled(self, ctx: Context) -> dict[str, float]:
        """How many of the eight roles are held in each compound running the system."""
        out: dict[str, float] = {}
        for c, associations in _running(ctx).items():
            held = {p.role for a in associations for p in ctx.index.posts_in(a)}
            out[c] = float(len(held & _ROLE_NAMES.keys()))
        return out

    @measure(
        "building_head_coverage",
        "buildings with a building head",
        "有楼栋长的楼栋占比",
        per="compound",
        rollup="mean",
        description="For compounds with buildings: the buildings with a building head "
        "responsible for them, over all the compound's buildings.",
        quantity="share",
    )
    def building_head_coverage(self, ctx: Context) -> dict[str, float]:
        """The share of each compound's buildings that have a building head."""
        has_head = _heads_of_buildings(ctx).__contains__
        return {c: sum(map(has_head, bs)) / len(bs) for c, bs in _buildings_of(ctx).items() if bs}

    @measure(
        "party_member_building_heads",
        "building heads who are party members",
        "党员楼栋长占比",
        per="compound",
        rollup="mean",
        description="For compounds with building heads: the heads who are party members, over "
        "all heads.",
        quantity="share",
    )
    def party_member_building_heads(self, ctx: Context) -> dict[str, float]:
        """The share of each compound's building heads who are party members."""
        out: dict[str, float] = {}
        of_building = _heads_of_buildings(ctx)
        for c, bs in _buildings_of(ctx).items() if of_building else ():
            heads = {p for b in bs if b in of_building for p in of_building[b]}
            if heads:
                out[c] = len(_party_members(ctx, heads)) / len(heads)
        return out

    @measure(
        "fee_collection_before",
        "property-fee collection rate, first observed",
        "物业费上缴率(最早)",
        per="compound",
        rollup="mean",
        description="The first dated fee_collection_rate of compounds with rates of two "
        "periods or more.",
        quantity="share",
    )
    def fee_collection_before(self, ctx: Context) -> dict[str, float]:
        """The first observed fee collection rate (格兰小镇: 47.8 %)."""
        return {c: before for c, (before, _) in _fee_shares(ctx).items()}

    @measure(
        "fee_collection_after",
        "property-fee collection rate, last observed",
        "物业费上缴率(最近)",
        per="compound",
        rollup="mean",
        description="The last dated fee_collection_rate of compounds with rates of two "
        "periods or more.",
        quantity="share",
    )
    def fee_collection_after(self, ctx: Context) -> dict[str, float]:
        """The last observed fee collection rate (格兰小镇: 92 %)."""
        return {c: after for c, (_, after) in _fee_shares(ctx).items()}

    @measure(
        "fee_collection_change",
        "change in the property-fee collection rate",
        "物业费上缴率变化",
        per="compound",
        rollup="mean",
        description="Last minus first dated fee_collection_rate, on the decimals written "
        "(as govmodel.metrics.service.fee_collection_change).",
        quantity="share",
    )
    def fee_collection_change(self, ctx: Context) -> dict[str, float]:
        """The rise in the fee collection rate (格兰小镇: 0.92 - 0.478 = 0.442)."""
        return {
            c: float(_decimal(after) - _decimal(before))
            for c, (before, after) in _fee_shares(ctx).items()
        }

    # -- measures: the alliance ----------------------------------------------------------
    @measure(
        "partner_units_first",
        "partner units, first observed",
        "共建单位数(最早)",
        description="The first dated partner_units of each subject, summed over the "
        "outermost subjects (a unit inside another reporting unit left out).",
        quantity="count",
    )
    def partner_units_first(self, ctx: Context) -> float | None:
        """Partner units at the first observation (湘园社区 2012: 3)."""
        return _first_last_sum(ctx, "partner_units", last=False)

    @measure(
        "partner_units_latest",
        "partner units, last observed",
        "共建单位数(最近)",
        description="The last dated partner_units of each subject, summed over the "
        "outermost subjects (a unit inside another reporting unit left out).",
        quantity="count",
    )
    def partner_units_latest(self, ctx: Context) -> float | None:
        """Partner units at the last observation (湘园社区 2019: 32)."""
        return _first_last_sum(ctx, "partner_units", last=True)

    @measure(
        "alliance_members",
        "co-building units in an alliance",
        "加入党建朋友圈的共建单位数",
        description="Co-building units with a member_of tie to a party-building alliance.",
        quantity="count",
    )
    def alliance_members(self, ctx: Context) -> int:
        """The co-building units the structure holds as alliance members (another member,
        the community's own party organization or a branch set up in a unit, is no unit)."""
        joined = {t.source for t in ctx.index.ties_of("member_of")}  # a member of something
        return sum(
            1
            for o in ctx.index.orgs_of_kind("co_building_unit")
            if o.id in joined and _in_alliance(ctx, o.id)
        )

    @measure(
        "partner_deputy_secretaries",
        "partner secretaries on community party organizations",
        "兼任社区党组织委员的共建单位副书记数",
        description="People holding a post in a community party committee or general branch "
        "and a (deputy) secretary post in a co-building unit.",
        quantity="count",
    )
    def partner_deputy_secretaries(self, ctx: Context) -> int:
        """Partner units' secretaries serving on community party organizations (湘园: 13)."""
        people: set[str] = set()
        for kind in sorted(_COMMUNITY_PARTY_KINDS):
            for o in ctx.index.orgs_of_kind(kind):
                people |= _partner_secretaries(ctx, o.id)
        return len(people)

    projects_completed = published_figure(
        "projects_completed",
        "projects completed (reported)",
        "完成实事数(报告)",
        description="The latest projects_completed of the outermost subjects, summed.",
    )

    # -- measures: facilities --------------------------------------------------------------
    @measure(
        "station_area_m2",
        "service-station floor area (m²)",
        "社区服务站面积(㎡)",
        per="community",
        rollup="mean",
        description="The floor area of the service stations located in the community (latest "
        "station_area_m2 observation, else floor_area_m2), summed; unknown (left out) when "
        "a station's area is not an amount.",
    )
    def station_area_m2(self, ctx: Context) -> dict[str, float]:
        """Each community's service-station floor area (云塘 480 m², 桥头 1,900 m²)."""
        out: dict[str, float] = {}
        unknown: set[str] = set()  # communities with a station whose area is not an amount
        for _, unit, raw in _stations(ctx):
            area = as_count(raw, whole=False)
            if area is None:
                unknown.add(unit.id)
            else:
                out[unit.id] = out.get(unit.id, 0.0) + area
        return {c: a for c, a in out.items() if c not in unknown}

    @measure(
        "urban_station_standard_m2",
        "urban service-station standard (m²)",
        "城市社区服务站面积标准(㎡)",
        description="The station_area_m2 observation with scope 'urban' of the outermost unit "
        "that records one (Hunan: 450).",
    )
    def urban_station_standard_m2(self, ctx: Context) -> float | None:
        """The urban standard the structure publishes (Hunan 2019: 450 m² on average): that
        of the outermost unit recording one, the first by id of several as outer."""
        best: tuple[tuple[int, str], float] | None = None  # (rank, subject), standard
        for subject, obs in ctx.index.observed("station_area_m2").items():
            level = ctx.index.rank(subject, vocab=ctx.vocab)
            if level is None:
                continue
            for ob in reversed(obs):
                if ob.attributes.get("scope") == "urban":
                    value = as_count(ob.value, whole=False)  # NaN, True, -1: no standard
                    # of two outermost units, the first by id, whatever the order observed
                    if value is not None and (best is None or (level, subject) < best[0]):
                        best = ((level, subject), value)
                    break
        return None if best is None else best[1]
