"""Grid governance, "1+2+N": Jinfeng district, Yinchuan (report ``001_710a2e674d3240b8.txt``).

Jinfeng district runs its communities with the party organization as the core (1), the
residents' committee, the owners' committees and the residents' affairs supervision
committee as the base (2), and property companies, stationed units and the district's linked
disposal units as the supplement (N). A three-level grid (big, middle and small nets, with
unit grids below) partitions the district so that "small matters stay in the grid, big
matters stay in the community"; cases escalate from the community work stations to the
street sub-centres and the district centre, which is linked up to the city and the region
("five-level connectivity").

The model is :class:`Grid`, registered as ``grid``; its example is the bundled ``jinfeng``
structure. See ``docs/models/grid.md``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from operator import attrgetter
from typing import Any, ClassVar, Final, cast

from govmodel.models import (
    Context,
    Finding,
    FindingBlock,
    GovernanceModel,
    Label,
    Messages,
    Reason,
    Source,
    builtin_classifier,
    classifier,
    fewer_published,
    measure,
    published_figure,
    rule,
    truthy,
)
from govmodel.models.helpers import as_count, batches, not_a_count, pooled_rate, written
from govmodel.spec import Observation, Organization, Unit
from govmodel.vocab import Term

_ID, _NAME = attrgetter("id"), attrgetter("name")

__all__ = ["NETS", "Grid"]

_REPORT = "001_710a2e674d3240b8.txt"

#: The levels of the grid, top down: the district "big net" (大网), the street "middle net"
#: (中网), the community work station's "small net" (小网) and the unit grid (单元网格).
NETS: tuple[str, ...] = ("big", "middle", "small", "unit")
_NET_ZH = {"big": "大网", "middle": "中网", "small": "小网", "unit": "单元网格"}

_SELF_GOVERNING = ("residents_committee", "villagers_committee")
_SUPPLEMENT = ("property_company", "stationed_unit", "linked_disposal_unit")
_SOCIAL = ("social_organization", "social_enterprise", "volunteer_association")

_COMMUNITY, _STREET, _DISTRICT = 5, 4, 3


def _rank(ctx: Context, unit: str | None) -> int | None:
    return ctx.index.rank(unit, vocab=ctx.vocab) if unit is not None else None


def _community(ctx: Context, unit: str | None) -> str | None:
    """The community (level 5 unit) ``unit`` lies in, itself included."""
    return ctx.index.ancestor_at(unit, _COMMUNITY, vocab=ctx.vocab)


def _provincial_rank(ctx: Context) -> int | None:
    """The rank of the provincial level (province, autonomous region, municipality) in the
    vocabulary: the top of the five levels (五级联通); a unit of a smaller rank (a country)
    lies above them."""
    return ctx.vocab.rank("province")


def _org_rank(ctx: Context, org: str) -> int | None:
    """The rank of the unit an organization is located in."""
    o = ctx.index.organization(org)
    return _rank(ctx, o.unit) if o is not None else None


def _is_kind(ctx: Context, org: str, kind: str) -> bool:
    return getattr(ctx.index.organization(org), "kind", None) == kind


def _latest_values(ctx: Context, indicator: str) -> dict[str, float]:
    """The value of each subject's latest observation of ``indicator``, where it is an amount
    (:func:`as_count`: not ``True``, not text, not NaN; ``grid.small_matters`` names the
    others)."""
    out: dict[str, float] = {}
    for s, obs in ctx.index.observed(indicator).items():
        amount = as_count(obs[-1].value, whole=False)
        if amount is not None:
            out[s] = amount
    return out


#: The figures of where a community's cases were resolved: $r$, $g$ and $c$.
_CASE_FIGURES: Final = ("cases_resolved", "cases_resolved_in_grid", "cases_resolved_in_community")


def _case_figures(ctx: Context) -> dict[str, dict[str, object]]:
    """By subject, its figures of :data:`_CASE_FIGURES` (as written) of one period: the
    latest period (:meth:`~govmodel.index.StructureIndex.period_key`) for which it publishes
    all three, as :func:`~govmodel.metrics.service.ratio` pairs figures; failing one, its
    latest period of ``cases_resolved_in_grid`` or ``cases_resolved_in_community`` (else of
    ``cases_resolved``), where a figure it does not publish for it is absent. Of two
    observations of one figure for one period, the one listed last is read."""

    def build() -> dict[str, dict[str, object]]:
        ix = ctx.index
        key = ix.period_key
        series = [ix.observed(n) for n in _CASE_FIGURES]
        out: dict[str, dict[str, object]] = {}
        for s in dict.fromkeys(s for f in series for s in f):
            by_period = [{key(o.period): o.value for o in f.get(s, ())} for f in series]
            common = by_period[0].keys() & by_period[1].keys() & by_period[2].keys()
            # else the latest period that says where cases were resolved, else any
            p = max(common or (by_period[1].keys() | by_period[2].keys()) or by_period[0].keys())
            out[s] = {n: d[p] for n, d in zip(_CASE_FIGURES, by_period, strict=True) if p in d}
        return out

    got: dict[str, dict[str, object]] = ctx.cached("grid.case_figures", build)
    return got


def _pooled_alike(ctx: Context) -> bool:
    """Whether $g$ and $c$ are pooled with $r$ (:func:`pooled_rate`) over the same outermost
    subjects, each at the same period: its latest period of $r$ and $g$ is its latest of
    $r$ and $c$.
    Only then are the pooled $g / r$ and $c / r$ shares of the same resolved cases (a
    community publishing $g$ alone and another $c$ alone, each of 10 resolved cases, make
    pooled totals of 20 resolved cases each, but of other cases)."""
    ix = ctx.index
    resolved, in_grid, in_community = (
        {s: {o.period for o in obs} for s, obs in ix.observed(n).items()} for n in _CASE_FIGURES
    )

    def latest(part: dict[str, set[str | None]]) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for s, periods in part.items():
            common = periods & resolved.get(s, set())
            if common:
                out[s] = max(common, key=ix.period_key)
        return {s: out[s] for s in ix.outermost(out)}  # a unit inside another left out

    return latest(in_grid) == latest(in_community)


def _local_cases(ctx: Context) -> dict[str, tuple[float, float, float]]:
    """By community, its $r$, $g$ and $c$ of one period (:func:`_case_figures`), where all
    three are counts (:func:`as_count`), $r > 0$, and the figures fit (``g + c <= r``,
    or equal to rounding): those of which a share of the cases resolved locally can be made."""
    out: dict[str, tuple[float, float, float]] = {}
    for s, figures in _case_figures(ctx).items():
        if len(figures) < len(_CASE_FIGURES) or _rank(ctx, s) != _COMMUNITY:
            continue
        r, g, c = (as_count(figures[n], whole=False) for n in _CASE_FIGURES)
        if r is None or g is None or c is None or not r:
            continue
        if g + c > r and not math.isclose(g + c, r):
            continue
        out[s] = (r, g, c)
    return out


def _declared_net(u: Unit) -> int | None:
    """The level (1 big … 4 unit) a grid's ``net`` attribute declares, if valid."""
    net = u.attributes.get("net")
    return NETS.index(net) + 1 if isinstance(net, str) and net in NETS else None


def _expected_top(ctx: Context, unit: str) -> frozenset[int]:
    """The levels a grid directly inside ``unit`` (not a grid) may have: a district holds
    the big net, a street the middle net, a community its small net or, standing for its
    own small net, unit grids, a compound or building unit grids."""
    r = _rank(ctx, unit)
    if r is None:
        return frozenset()
    if r <= _DISTRICT:
        return frozenset({1})
    if r == _STREET:
        return frozenset({2})
    return frozenset({3, 4}) if r == _COMMUNITY else frozenset({4})


def _between(ctx: Context) -> tuple[frozenset[str], dict[str, str | None]]:
    """The units between (:func:`_through`: of a kind with no rank, and no grid), and the
    memo of :func:`_through`'s walks up from them."""

    def build() -> tuple[frozenset[str], dict[str, str | None]]:
        ix, rank = ctx.index, ctx.vocab.rank
        unranked = [k for k in ix.unit_kinds if rank(k) is None and k != "grid"]
        return frozenset(u.id for k in unranked for u in ix.units_of_kind(k)), {}

    got: tuple[frozenset[str], dict[str, str | None]] = ctx.cached("grid.through", build)
    return got


def _through(ctx: Context, unit: str | None) -> str | None:
    """The unit that places a grid lying directly inside ``unit``: ``unit`` itself, or,
    for a unit between that has no rank and is no grid (an area or a group between a
    community and its compounds), the nearest unit above it that has a rank or is a grid
    (``None``: none). A grid in an area of a community lies in the community as one
    directly inside it does. Each unit between is walked once (computed once); any other
    unit is answered by a look-up in the set of the units between (of the kinds with no
    rank: usually none)."""
    between, memo = _between(ctx)
    if unit is not None and unit not in between:
        code = ctx.index.codes.get(unit)
        if code is not None and code < ctx.index.n_units:  # a unit with a rank, or a grid
            return unit
    walked: list[str] = []
    u = unit
    while u is not None and _rank(ctx, u) is None and not _is_grid(ctx, u):
        if u in memo:
            u = memo[u]
            break
        walked.append(u)
        u = getattr(ctx.index.unit(u), "parent", None)
    for w in walked:
        memo[w] = u
    return u


def _net_level(ctx: Context) -> dict[str, int]:
    """Grid id to its level: the declared ``net`` if any, else one below its parent grid,
    else the level its anchor implies (district → big, street → middle, community → small
    if grids lie inside it, else unit); grids top down. A unit between (:func:`_through`)
    passes its place on to the grids inside it."""

    def build() -> dict[str, int]:
        ix = ctx.index
        out: dict[str, int] = {}
        grids = {u.id for u in ix.units_of_kind("grid")}
        for uid in ix.top_down() if grids else ():
            if uid not in grids:
                continue
            u = ix.unit(uid)
            assert u is not None
            parent = _through(ctx, u.parent)
            structural: int | None = None
            if parent in out:
                structural = out[parent] + 1
            elif parent is not None:
                allowed = _expected_top(ctx, parent)
                if len(allowed) == 1:
                    (structural,) = allowed
                elif allowed:
                    inner = any(_is_grid(ctx, k) for k in ix.children(uid))
                    structural = min(allowed) if inner else max(allowed)
            level = _declared_net(u) or structural
            if level is not None:
                out[uid] = level
        return out

    got: dict[str, int] = ctx.cached("grid.net_level", build)
    return got


def _base_missing(ctx: Context, community: str) -> list[str]:
    """The base bodies a community lacks: a residents' committee, a supervision committee."""
    kinds = {o.kind for o in ctx.index.orgs_at(community)}
    missing = []
    if not kinds & set(_SELF_GOVERNING):
        missing.append("residents_committee")
    if "supervision_committee" not in kinds:
        missing.append("supervision_committee")
    return missing


def _is_grid(ctx: Context, unit: str) -> bool:
    return getattr(ctx.index.unit(unit), "kind", None) == "grid"


def _unit_grids(
    ctx: Context,
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The unit grids a unit lies in (through ``in_grid`` of it or the nearest unit above
    that has one, or a unit grid containing it), each once, sorted by id (so that the order
    of the ties does not matter): those of the units that name a unit grid, and those every
    unit inherits from the nearest unit at or above it (:meth:`StructureIndex.inherit`). A
    unit's own name comes first; else it has what its parent inherits."""
    ix = ctx.index
    levels = _net_level(ctx)

    def named(a: str) -> tuple[str, ...] | None:
        grids = sorted({g for g in ix.targets(a, "in_grid") if levels.get(g) == 4})
        return tuple(grids) if grids else None

    names: dict[str, tuple[str, ...]] = {}  # the units that name a unit grid
    asked: set[str] = set()
    for t in ix.ties_of("in_grid"):
        if t.source in asked:  # each unit once, however many grids it names
            continue
        asked.add(t.source)
        got = named(t.source)
        if got is not None:
            names[t.source] = got
    # a unit grid answers for itself before anything it names
    found = names | {g: (g,) for g, level in levels.items() if level == 4}
    return names, ix.inherit(found)


def _small_nets(ctx: Context) -> dict[str, set[str]]:
    """Each community's small nets (:func:`_small_nets_of`), in order (computed once)."""
    got: dict[str, set[str]] = ctx.cached(
        "grid.small_nets",
        lambda: {
            cu.id: _small_nets_of(ctx, cu.id)
            for cu in ctx.index.units_at_rank(_COMMUNITY, vocab=ctx.vocab)
        },
    )
    return got


def _small_nets_of(ctx: Context, community: str) -> set[str]:
    """The small nets of a community: those it lies in (``in_grid``) or contains, and the
    community itself when unit grids lie directly inside it (or inside a unit between,
    :func:`_through`)."""
    levels, between = _net_level(ctx), _between(ctx)[0]
    nets = {g for g in ctx.index.targets(community, "in_grid") if levels.get(g) == 3}
    inside = list(ctx.index.children(community))
    while inside:
        g = inside.pop()
        level = levels.get(g)
        if level == 3:
            nets.add(g)
        elif level == 4:
            nets.add(community)
        elif g in between:  # a unit between (_through): the grids inside it
            inside += ctx.index.children(g)
    return nets


def _community_of_grid(ctx: Context) -> dict[str, str]:
    """Unit grid id to its community: the community containing it, or the one community
    lying in its small net."""

    def build() -> dict[str, str]:
        ix = ctx.index
        of_small: dict[str, list[str]] = {}
        for cu, nets in _small_nets(ctx).items():
            for g in nets:
                of_small.setdefault(g, []).append(cu)
        out: dict[str, str] = {}
        for g, lv in _net_level(ctx).items():
            if lv != 4:
                continue
            c = _community(ctx, g)
            if c is None:
                small = _through(ctx, getattr(ix.unit(g), "parent", None))
                owners = of_small.get(small, []) if small is not None else []
                c = owners[0] if len(owners) == 1 else None
            if c is not None:
                out[g] = c
        return out

    got: dict[str, str] = ctx.cached("grid.community_of_grid", build)
    return got


def _centres(ctx: Context, at: int) -> list[Organization]:
    """The governance centres located in a unit of rank ``at``."""
    return [o for o in ctx.index.orgs_of_kind("governance_centre") if _rank(ctx, o.unit) == at]


def _grid_workers(ctx: Context) -> frozenset[str]:
    """The people holding a ``grid_worker`` post, read off their posts once: not the roles
    of each person responsible for each grid, which for one person responsible for n grids
    holding n posts took n * n."""
    got: frozenset[str] = ctx.cached(
        "grid.workers",
        lambda: frozenset([p.person for p in ctx.index.posts_of_role("grid_worker")]),
    )
    return got


def _escalated_from(ctx: Context) -> dict[int, set[str]]:
    """By rank, the nodes that an organization located in a unit of that rank escalates to
    (``escalates_to``), directly or through others: one walk up from the organizations of
    each rank, so that every district centre reads the ranks below it off these, not by a
    walk of its own down all that escalates to it (centres escalating to one another in a
    chain of n took n * n). The ranks are the few of the vocabulary."""
    ix = ctx.index
    starts: dict[int, list[str]] = {}
    for src in dict.fromkeys(t.source for t in ix.ties_of("escalates_to")):
        r = _org_rank(ctx, src)
        if r is not None:
            starts.setdefault(r, []).append(src)
    out: dict[int, set[str]] = {}
    for r, nodes in starts.items():
        seen, stack = set(nodes), list(nodes)
        while stack:
            for t in ix.targets(stack.pop(), "escalates_to"):
                if t not in seen:
                    seen.add(t)
                    stack.append(t)
        out[r] = seen
    return out


def _grids_at(ctx: Context, level: int) -> list[Unit]:
    """The grids of a level, top down."""
    return [u for g, lv in _net_level(ctx).items() if lv == level and (u := ctx.index.unit(g))]


def _by_phase(observed: Mapping[str, Sequence[Observation]]) -> bool:
    """Whether phases decide the figures before and after a change: whether any of the
    observations (by subject) carries the attribute ``phase``."""
    return any("phase" in o.attributes for obs in observed.values() for o in obs)


def _phased(ctx: Context, indicator: str, phase: str) -> float | None:
    """The published figure of ``indicator`` before or after a change: of the observations
    whose attribute ``phase`` is ``phase`` when any has the attribute, else each subject's
    earliest (``"before"``) or latest (``"after"``) observation."""
    return ctx.index.published(
        indicator,
        where=(
            (lambda o: o.attributes.get("phase") == phase)
            if _by_phase(ctx.index.observed(indicator))
            else None
        ),
        earliest=phase == "before",
    )


def _differ(observations: Sequence[Observation]) -> bool:
    """Whether observations (of one period) give different values: a finite number by its
    value (``24`` and ``24.0`` are one figure), anything else by its ``repr`` (``True`` is
    no 1, and NaN is no figure); a float of another type (numpy's ``float64``) is the float
    it is."""
    return (
        len(
            {
                o.value
                if type(o.value) is int or (isinstance(o.value, float) and math.isfinite(o.value))
                else repr(o.value)
                for o in observations
            }
        )
        > 1
    )


def _percent(share: float, target: float) -> str:
    """``share`` as a percentage, with the decimals that show it below ``target`` (89.99 %,
    never the 90.0 % that one decimal makes of it, which reads as the target met)."""
    for digits in range(1, 16):
        text = f"{share:.{digits}%}"
        if Decimal(text[:-1]) < Decimal(repr(float(target))) * 100:
            return text
    return f"{share:%}"


def _names(ids: Iterable[str]) -> str:
    return ", ".join(sorted(ids))


def _in_no_grid(building: str, name: str) -> str:
    """The message of a building in no unit grid, by its id and name (named as
    :meth:`~govmodel.index.StructureIndex.named` names it)."""
    return f"building {f'{name} ({building})' if name else building} lies in no unit grid"


def _in_no_grid_zh(building: str, name: str) -> str:
    """:func:`_in_no_grid` in Chinese."""
    return f"楼栋 {f'{name} ({building})' if name else building} 不属于任何单元网格"


class Grid(GovernanceModel):
    """Grid governance, "1+2+N", of Jinfeng district, Yinchuan (report 001).

    Party organization as the core (1); residents' committee, owners' committee and
    residents' affairs supervision committee as the base (2); property companies, stationed
    units and linked disposal units as the supplement (N). A three-level grid with unit grids,
    community work stations escalating cases to street sub-centres and a district centre, and
    five-level information connectivity.

    Rules are listed in ``docs/models/grid.md``; each one reads lookups built once per
    assessment (one pass over the structure).

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.models.grid import Grid
    >>> a = govmodel.assess(Grid.example(), "grid")
    >>> a.ok, [r.rule.id for r in a.rules if not r.passed]
    (True, [])
    >>> a.metrics["linked_disposal_units"].value, a.metrics["sub_centres"].value
    (52.0, 7.0)
    >>> a.metrics["work_stations"].value
    64.0
    >>> a.metrics["service_items_before"].value, a.metrics["service_items_after"].value
    (207.0, 24.0)
    >>> a.metrics["cases_resolved_in_grid"].by_level["street"]
    {'jf-s1': 499.0}
    """

    name = "grid"
    title = "Grid governance ('1+2+N')"
    title_zh = "网格化社区治理（“1+2+N”模式）"
    summary = (
        "Jinfeng district (Yinchuan, Ningxia) leads community governance with the party "
        "organization as its core (以党组织为核心), the residents' committee, owners' "
        "committees and residents' affairs supervision committee as its base, and property "
        "companies, stationed units and the district's linked disposal units as its "
        "supplement (“1+2+N”). A three-level grid — the district big net, the street middle "
        "net, the community work station's small net — with unit grids below keeps small "
        "matters in the grid and big matters in the community (小事不出网格，大事不出社区); "
        "cases escalate from community work stations to street sub-centres and a district "
        "centre that links 52 disposal units and is connected up to the city and the region "
        "(五级联通). Service items entering communities were cut from 207 to 24."
    )
    source = Source(
        _REPORT, "Jinfeng district, Yinchuan, Ningxia", "宁夏回族自治区银川市金凤区", 2019
    )
    vocabulary = (
        Term(
            "indicators",
            "linked_disposal_units",
            "linked disposal units",
            "联动处置单位数",
            type="count",
        ),
        Term(
            "indicators", "sub_centres", "street-level sub-centres", "镇街级分中心数", type="count"
        ),
        Term(
            "indicators",
            "work_stations",
            "village and community work stations",
            "村居工作站数",
            type="count",
        ),
    )
    example_dataset = "jinfeng"

    #: The share of a community's resolved cases that should be resolved in its grids or in
    #: the community itself ("基本实现", basically achieved): govmodel's reading of the maxim,
    #: not a figure of the report. Subclass to change it.
    local_resolution_target: ClassVar[float] = 0.9

    # -- rules: the "1+2+N" arrangement ------------------------------------------------------------
    @rule(
        "grid.core",
        "Every community has a party organization at its core.",
        "每个社区(村)都有作为核心的党组织。",
        severity="error",
        source=f"{_REPORT}: 以党建为引领,以社区党组织为核心 … 以党组织为核心",
    )
    def core(self, ctx: Context) -> Iterator[Finding]:
        """Communities (level 5) with no party organization located in them."""
        ix = ctx.index
        for cu in ctx.examine(ix.units_at_rank(_COMMUNITY, vocab=ctx.vocab)):
            if not any(ctx.vocab.is_party(o.kind) for o in ix.orgs_at(cu.id)):
                yield ctx.finding(
                    cu.id,
                    f"community {ix.name_of(cu.id)} has no party organization at its core",
                    f"社区 {ix.name_of(cu.id)} 没有作为核心的党组织",
                )

    @rule(
        "grid.base",
        "Every community has a residents' committee and a residents' affairs supervision "
        "committee; every compound has an owners' committee.",
        "每个社区都有居委会和居务监督委员会，每个小区都有业委会。",
        severity="warning",
        source=f"{_REPORT}: 以居委会、业委会和居务监督委员会为基础",
    )
    def base(self, ctx: Context) -> Iterator[Finding | FindingBlock]:
        """Communities missing a base body, compounds missing an owners' committee."""
        ix = ctx.index
        for cu in ctx.examine(ix.units_at_rank(_COMMUNITY, vocab=ctx.vocab)):
            missing = _base_missing(ctx, cu.id)
            if missing:
                # each body by its name in the vocabulary (its key where it has none)
                en = [ctx.vocab.named("organization_kinds", m) for m in missing]
                zh = [ctx.vocab.named("organization_kinds", m, "zh") for m in missing]
                yield ctx.finding(
                    cu.id,
                    f"community {ix.name_of(cu.id)} lacks its base: {', '.join(en)}",
                    f"社区 {ix.name_of(cu.id)} 缺少基础组织：{'、'.join(zh)}",
                    missing=",".join(missing),
                )
        without = [
            x.id
            for x in ctx.examine(ix.units_at_rank(_COMMUNITY + 1, vocab=ctx.vocab))
            if not any(o.kind == "owners_committee" for o in ix.orgs_at(x.id))
        ]
        for batch in batches(without):  # the messages made a block at a time
            names = list(map(ix.name_of, batch))
            yield from ctx.findings(
                batch,
                [f"compound {name} has no owners' committee" for name in names],
                [f"小区 {name} 没有业委会" for name in names],
                missing=["owners_committee"] * len(batch),
            )

    # -- rules: the grid -------------------------------------------------------------------------
    @rule(
        "grid.nets",
        "The grid has three levels and unit grids: big net (district), middle net (street), "
        "small net (community work station), unit grid; each level nests in the one above.",
        "三级网格加单元网格：大网(区)、中网(街道)、小网(村居工作站)、单元网格，逐级嵌套。",
        severity="error",
        source=f"{_REPORT}: 将全区划分为三级网格,实现了大网(金凤区城市管理网)覆盖、中网(街道镇)"
        "划分、小网治理(村居工作站)、单元自治(单元网格)",
    )
    def nets(self, ctx: Context) -> Iterator[Finding]:
        """Districts without a big net; grids whose level does not fit their place; grids
        above the unit level with no grid inside."""
        ix = ctx.index
        levels = _net_level(ctx)
        # the units holding a big net, directly or through a unit between (_through)
        big = {
            _through(ctx, getattr(ix.unit(g), "parent", None))
            for g, lv in levels.items()
            if lv == 1
        }
        for d in ctx.examine(ix.units_at_rank(_DISTRICT, vocab=ctx.vocab)):
            if d.id not in big:
                yield ctx.finding(
                    d.id,
                    f"district {ix.name_of(d.id)} has no big net",
                    f"区 {ix.name_of(d.id)} 没有大网",
                    missing="big",
                )
        has_child: set[str] = set()
        for g in levels:
            parent = _through(ctx, ix.unit(g).parent)  # type: ignore[union-attr]
            if parent is not None and parent in levels:
                has_child.add(parent)
        for g, level in ctx.examine(levels.items()):
            u = ix.unit(g)
            assert u is not None
            net = u.attributes.get("net")
            parent = _through(ctx, u.parent)
            if level > len(NETS):
                yield ctx.finding(
                    g,
                    f"grid {ix.name_of(g)} lies inside a unit grid: there is no level below unit grids",
                    f"网格 {ix.name_of(g)} 位于单元网格之内，单元网格之下不再分级",
                    net="none",
                )
                continue
            if net is not None and _declared_net(u) is None:
                yield ctx.finding(
                    g,
                    f"grid {ix.name_of(g)} has net {net!r}, not one of {', '.join(NETS)}",
                    f"网格 {ix.name_of(g)} 的层级 {net!r} 无效，不是 "
                    f"{'、'.join(f'{n}({_NET_ZH[n]})' for n in NETS)} 之一",
                    net=str(net),
                )
                continue
            if parent in levels:
                allowed = frozenset({levels[parent] + 1})
            else:
                allowed = _expected_top(ctx, parent) if parent is not None else frozenset()
            if allowed and level not in allowed:
                expected = min(allowed)
                want = NETS[expected - 1] if expected <= len(NETS) else "none"
                if want == "none":  # inside a unit grid: no net of any level belongs there
                    en = "lies inside a unit grid, where no grid belongs"
                    zh = "位于单元网格之内，单元网格之下不再分级"
                else:
                    en, zh = f"sits where a {want} net belongs", f"所在位置应为{_NET_ZH[want]}"
                yield ctx.finding(
                    g,
                    f"grid {ix.name_of(g)} is a {NETS[level - 1]} net but {en}",
                    f"网格 {ix.name_of(g)} 为{_NET_ZH[NETS[level - 1]]}，但{zh}",
                    net=NETS[level - 1],
                    expected=want,
                )
            elif level < len(NETS) and g not in has_child:
                below = NETS[level]
                yield ctx.finding(
                    g,
                    f"{NETS[level - 1]} net {ix.name_of(g)} has no {below} grid inside it",
                    f"{_NET_ZH[NETS[level - 1]]} {ix.name_of(g)} 之下没有{_NET_ZH[below]}",
                    net=NETS[level - 1],
                    missing=below,
                )

    @rule(
        "grid.coverage",
        "The grid covers every community and building: each community lies in a small net, "
        "each building in exactly one unit grid of its own community's small net.",
        "网格全覆盖：每个社区属于一个小网，每栋楼属于本社区小网下的唯一单元网格。",
        severity="warning",
        source=f"{_REPORT}: 金凤区科学划分网格 … 实现了大网覆盖、中网划分、小网治理、单元自治",
    )
    def coverage(self, ctx: Context) -> Iterator[Finding | FindingBlock]:
        """Communities in no small net; buildings in no unit grid, in two, or in a unit grid
        of another community's small net."""
        ix = ctx.index
        named_as = ix.named
        small = _small_nets(ctx)
        for cu in ctx.examine(ix.units_at_rank(_COMMUNITY, vocab=ctx.vocab)):
            if not small[cu.id]:
                name = named_as(cu)
                yield ctx.finding(
                    cu.id, f"community {name} lies in no small net", f"社区 {name} 不属于任何小网"
                )
        names, inherited = _unit_grids(ctx)
        buildings = ctx.examine(ix.units_at_rank(_COMMUNITY + 2, vocab=ctx.vocab))
        finding = ctx.finding
        if not names and not inherited:  # no unit grid anywhere: one finding per building
            # the messages made when they are read, of the ids and names (strings: an
            # assessment keeps no entity alive)
            ids, names_of = list(map(_ID, buildings)), list(map(_NAME, buildings))
            yield from ctx.findings(
                ids, Messages(_in_no_grid, ids, names_of), Messages(_in_no_grid_zh, ids, names_of)
            )
            return
        # a building's community is its parent's (a building is no community): asked once
        # per parent, when a building's grid is to be checked against its small net
        vocab = ctx.vocab
        community_of: dict[str | None, str | None] = {}
        for b in buildings:
            found = names.get(b.id)
            if found is None and b.parent is not None:
                found = inherited.get(b.parent)
            grids = found or ()
            named = len(grids)
            if not grids:
                building = named_as(b)
                yield finding(
                    b.id,
                    f"building {building} lies in no unit grid",
                    f"楼栋 {building} 不属于任何单元网格",
                )
                continue
            if named > 1:
                yield ctx.finding(
                    b.id,
                    f"building {ix.name_of(b.id)} lies in {named} unit grids",
                    f"楼栋 {ix.name_of(b.id)} 同时属于 {named} 个单元网格",
                    grids=named,
                )
            p = b.parent
            c = (
                community_of[p]
                if p in community_of
                else community_of.setdefault(p, ix.ancestor_at(p, _COMMUNITY, vocab=vocab))
            )
            if c is None or not small.get(c):
                continue
            for grid in grids:  # each unit grid it lies in outside its community's small net
                if _through(ctx, getattr(ix.unit(grid), "parent", None)) in small[c]:
                    continue
                yield ctx.finding(
                    b.id,
                    f"building {ix.name_of(b.id)} lies in unit grid {ix.name_of(grid)}, which is not in the "
                    f"small net of its community {ix.name_of(c)}",
                    f"楼栋 {ix.name_of(b.id)} 所在单元网格 {ix.name_of(grid)} 不属于其社区 {ix.name_of(c)} 的小网",
                    grid=grid,
                    community=c,
                )

    @rule(
        "grid.grid_workers",
        "Every unit grid has a grid worker responsible for it.",
        "每个单元网格都有负责的网格员。",
        severity="warning",
        source=f"{_REPORT}: 整合村(社)综治中心、警务室、网格工作室 … 全面提升源头发现和前端处置的"
        "能力 (paraphrase: someone in every grid finds and handles matters first)",
    )
    def grid_workers(self, ctx: Context) -> Iterator[Finding]:
        """Unit grids no grid worker is ``responsible_for``."""
        ix = ctx.index
        workers = _grid_workers(ctx)
        for g in ctx.examine(_grids_at(ctx, 4)):
            if workers.isdisjoint(ix.sources(g.id, "responsible_for")):
                yield ctx.finding(
                    g.id,
                    f"unit grid {ix.name_of(g.id)} has no grid worker",
                    f"单元网格 {ix.name_of(g.id)} 没有网格员",
                )

    # -- rules: the work architecture ------------------------------------------------------------
    @rule(
        "grid.work_stations",
        "Three-level work architecture: every community has a work station that escalates "
        "cases to a street sub-centre, which escalates them to the district centre.",
        "区、镇街、村居三级工作架构：每个社区设工作站，逐级上报镇街分中心和区中心。",
        severity="error",
        source=f"{_REPORT}: 确立52家联动处置单位,7个镇街级分中心,64个村居工作站,形成区、镇街、"
        "村居委三级工作架构",
    )
    def work_stations(self, ctx: Context) -> Iterator[Finding]:
        """Communities without a work station; work stations that escalate to no street
        sub-centre; street sub-centres that escalate to no district centre."""
        ix = ctx.index

        def escalates(org: str, at: int) -> bool:
            return any(
                _is_kind(ctx, t, "governance_centre") and _org_rank(ctx, t) == at
                for t in ix.targets(org, "escalates_to")
            )

        for cu in ctx.examine(ix.units_at_rank(_COMMUNITY, vocab=ctx.vocab)):
            if not any(o.kind == "work_station" for o in ix.orgs_at(cu.id)):
                yield ctx.finding(
                    cu.id,
                    f"community {ix.name_of(cu.id)} has no work station",
                    f"社区 {ix.name_of(cu.id)} 没有村居工作站",
                )
        for ws in ctx.examine(ix.orgs_of_kind("work_station")):
            if not escalates(ws.id, _STREET):
                yield ctx.finding(
                    ws.id,
                    f"work station {ix.name_of(ws.id)} escalates to no street sub-centre",
                    f"工作站 {ix.name_of(ws.id)} 未向镇街分中心上报",
                )
        for sub in ctx.examine(_centres(ctx, _STREET)):
            if not escalates(sub.id, _DISTRICT):
                yield ctx.finding(
                    sub.id,
                    f"sub-centre {ix.name_of(sub.id)} escalates to no district centre",
                    f"分中心 {ix.name_of(sub.id)} 未向区中心上报",
                )

    @rule(
        "grid.three_in_one",
        "Each community work station is 'three in one': it integrates the governance "
        "centre, the police room and the grid office.",
        "村居工作站实行综治中心、警务室、网格工作室“三合一”。",
        severity="warning",
        source=f"{_REPORT}: 整合村(社)综治中心、警务室、网格工作室,建立“三合一”的综治中心",
    )
    def three_in_one(self, ctx: Context) -> Iterator[Finding]:
        """Work stations neither marked ``three_in_one`` nor sharing a venue with a police
        room."""
        ix = ctx.index
        for ws in ctx.examine(ix.orgs_of_kind("work_station")):
            if truthy(ws.attributes.get("three_in_one")):
                continue
            if any(_is_kind(ctx, o, "police_room") for o in ix.linked(ws.id, "shares_venue")):
                continue
            yield ctx.finding(
                ws.id,
                f"work station {ix.name_of(ws.id)} is not 'three in one' (no police room shares "
                "its venue)",
                f"工作站 {ix.name_of(ws.id)} 未实现“三合一”(没有警务室与其共用场所)",
            )

    @rule(
        "grid.linked_units",
        "Every linked disposal unit is linked with a governance centre.",
        "每个联动处置单位都与综治中心联动。",
        severity="warning",
        source=f"{_REPORT}: 以物业服务企业、驻区单位和区级联动处置单位为补充 … "
        "确立52家联动处置单位",
    )
    def linked_units(self, ctx: Context) -> Iterator[Finding]:
        """Linked disposal units with no ``links`` tie (either way) to a governance centre."""
        ix = ctx.index
        for u in ctx.examine(ix.orgs_of_kind("linked_disposal_unit")):
            if not any(_is_kind(ctx, o, "governance_centre") for o in ix.linked(u.id, "links")):
                yield ctx.finding(
                    u.id,
                    f"linked disposal unit {ix.name_of(u.id)} is linked with no governance centre",
                    f"联动处置单位 {ix.name_of(u.id)} 未与综治中心联动",
                )

    @rule(
        "grid.five_level",
        "Five-level connectivity: the district centre is linked up to every unit above its "
        "district up to the provincial level (city, region).",
        "“五级联通”：区综治中心上通市、自治区。",
        severity="warning",
        source=f"{_REPORT}: 实现了信息上通自治区、银川市,下通镇(街道)和村(社区)“五级联通”",
    )
    def five_level(self, ctx: Context) -> Iterator[Finding]:
        """District centres not linked (``links``, either way, to the unit or to an
        organization located in it) with a unit above their district.

        The five levels are the region (自治区), the city, the district, the street and the
        community: a unit above the provincial level (a rank above the province's in the
        vocabulary, a country) is not one of them and is not required. Only the centres of a
        district that lies inside such a unit are examined: with no city or region above it,
        there is nothing to link up to (001_710a2e674d3240b8.txt: 上通自治区、银川市), and
        the rule is not applicable."""
        ix = ctx.index
        top = _provincial_rank(ctx)

        def required(unit: str) -> bool:
            r = _rank(ctx, unit)
            return r is None or top is None or r >= top

        above = [
            (c, [u for u in ix.ancestors(c.unit) if required(u)]) for c in _centres(ctx, _DISTRICT)
        ]
        for centre, units_above in ctx.examine((c, a) for c, a in above if a):
            reached = set()
            for t in ix.linked(centre.id, "links"):
                reached.add(t)
                o = ix.organization(t)
                if o is not None and o.unit is not None:
                    reached.add(o.unit)
            for unit_above in units_above:
                if unit_above not in reached:
                    yield ctx.finding(
                        centre.id,
                        f"district centre {ix.name_of(centre.id)} is not linked with {ix.name_of(unit_above)}",
                        f"区中心 {ix.name_of(centre.id)} 未与 {ix.name_of(unit_above)} 联通",
                        missing=unit_above,
                    )

    # -- rules: cases, figures, mechanisms -------------------------------------------------------
    @rule(
        "grid.small_matters",
        "Small matters stay in the grid, big matters stay in the community: at least "
        "`local_resolution_target` (0.9) of a community's resolved cases are resolved in its "
        "grids or in the community.",
        "小事不出网格，大事不出社区：社区办结事件中在网格或社区内解决的比例不低于目标(0.9)。",
        severity="warning",
        source=f"{_REPORT}: 基本实现了“小事不出网格,大事不出村(社区)” (the 0.9 target is "
        "govmodel's reading of 基本实现)",
    )
    def small_matters(self, ctx: Context) -> Iterator[Finding]:
        """Communities whose share of cases resolved locally is below the target, whose
        figures do not fit, or that leave one out.

        The three figures (``cases_resolved``, ``cases_resolved_in_grid`` and
        ``cases_resolved_in_community``) are read from one period: the latest for which the
        community publishes all three, else its latest period of the last two
        (:func:`_case_figures`).
        A community is examined when it publishes where its cases were resolved
        (``cases_resolved_in_grid`` or ``cases_resolved_in_community``), unless its
        ``cases_resolved`` of that period is 0 and so is each of the others it publishes:
        with no case resolved there is no share (a case resolved in the grid of a community
        that resolved none is figures that do not fit, below). Of
        the three figures, one it does not publish for the period is named in a warning
        finding (data ``missing``, the figures' names joined by commas): the share cannot be
        checked, never passed silently. The cases resolved in the grid and in the community
        are parts of those resolved: when they add up to more, the figures do not fit, a
        warning finding (data ``resolved``, ``in_grid``, ``in_community``) instead of a share
        above 1. A share exactly at the target passes ("at least"). A figure that is not a
        count (:func:`as_count`: a bool, NaN, a negative number, …) gives the
        :func:`not_a_count` finding."""
        ix = ctx.index
        names = _CASE_FIGURES
        read = _case_figures(ctx)
        published = [
            cu.id
            for cu in ix.units_at_rank(_COMMUNITY, vocab=ctx.vocab)
            if any(n in read.get(cu.id, ()) for n in names[1:])
            and not (
                "cases_resolved" in (f := read[cu.id])
                and all(as_count(f[n], whole=False) == 0 for n in names if n in f)
            )
        ]
        for c in ctx.examine(published):
            figures = read[c]
            missing = [n for n in names if n not in figures]
            if missing:
                yield ctx.finding(
                    c,
                    f"community {ix.name_of(c)} does not publish {', '.join(missing)}: its share "
                    "of cases resolved in the grid or the community cannot be checked",
                    f"社区 {ix.name_of(c)} 未公布 {'、'.join(missing)}，无法核对网格和社区内解决"
                    "的比例",
                    severity="warning",
                    missing=",".join(missing),
                )
            values = [as_count(figures[n], whole=False) if n in figures else None for n in names]
            bad = [
                (n, figures[n])
                for n, v in zip(names, values, strict=True)
                if v is None and n in figures
            ]
            for n, v in bad:
                yield not_a_count(ctx, c, n, v)
            if missing or bad:
                continue
            total, in_grid, in_community = cast("list[float]", values)
            local = in_grid + in_community
            if local > total and not math.isclose(local, total):
                yield ctx.finding(
                    c,
                    f"community {ix.name_of(c)}'s figures do not fit: {written(in_grid)} "
                    f"{'case' if in_grid == 1 else 'cases'} resolved "
                    f"in the grid and {written(in_community)} in the community are more than the "
                    f"{written(total)} it resolved",
                    f"社区 {ix.name_of(c)} 的数字不相符：网格内解决 {written(in_grid)} 件、社区内解决 "
                    f"{written(in_community)} 件，多于办结的 {written(total)} 件",
                    severity="warning",
                    resolved=total,
                    in_grid=in_grid,
                    in_community=in_community,
                )
                continue
            share = local / total
            target = self.local_resolution_target
            if share < target:
                shown, goal = _percent(share, target), f"{target * 100:g}%"
                yield ctx.finding(
                    c,
                    f"community {ix.name_of(c)} resolved {shown} of its cases in the grid or "
                    f"the community (target {goal})",
                    f"社区 {ix.name_of(c)} 在网格和社区内解决的事件占 {shown}，低于目标 {goal}",
                    share=share,
                    target=self.local_resolution_target,
                )

    @rule(
        "grid.figures",
        "The structure holds no more linked disposal units, sub-centres or work stations "
        "than the figures it publishes for a unit.",
        "结构中的联动处置单位、分中心、工作站数不超过其公布数字。",
        severity="warning",
        source=f"{_REPORT}: 确立52家联动处置单位,7个镇街级分中心,64个村居工作站",
    )
    def figures(self, ctx: Context) -> Iterator[Finding]:
        """Units whose observed count is below the organizations modelled inside them."""
        ix = ctx.index
        sub_centres = [o.unit for o in _centres(ctx, _STREET)]
        yield from fewer_published(
            ctx,
            "linked_disposal_units",
            (o.unit for o in ix.orgs_of_kind("linked_disposal_unit")),
        )
        yield from fewer_published(ctx, "sub_centres", sub_centres)
        yield from fewer_published(
            ctx, "work_stations", (o.unit for o in ix.orgs_of_kind("work_station"))
        )

    @rule(
        "grid.admission_list",
        "The admission list cuts the service items entering communities: fewer after it "
        "than before.",
        "社区服务事项准入清单制度：准入后进入社区的事项少于准入前。",
        severity="warning",
        source=f"{_REPORT}: 建立社区服务事项准入清单制度,将进入社区的服务事项由原来的207项"
        "减少至24项",
    )
    def admission_list(self, ctx: Context) -> Iterator[Finding]:
        """Subjects whose service items after the list are not fewer than before.

        Where any observation of ``service_items`` carries the attribute ``phase``, the
        phases decide, as they do for the measures ``service_items_before``,
        ``service_items_after`` and ``service_items_cut``: a subject's figure before the list
        is its earliest observation of phase ``before``, after it its latest of phase
        ``after``, and an observation with no phase is neither. Else its earliest and latest
        observations by period are the figures before and after. A subject is examined when
        it has both: observations of one period only, of one value (one figure published
        twice, from two sources), are no figures before and after. Several observations
        of the period of the figure before (or after) that differ leave it unknown,
        whatever order they are listed in: a warning (data ``indicator``, ``problem`` =
        ``"duplicate-observation"``, ``period``, ``observed``), and the figures are not
        compared. The same number after as before is not a cut
        (001_710a2e674d3240b8.txt: 由原来的207项减少至24项). A figure that is not a count
        (:func:`as_count`) gives the :func:`not_a_count` finding."""
        ix = ctx.index
        key = ix.period_key
        observed = ix.observed("service_items")
        by_phase = _by_phase(observed)
        pairs: list[tuple[str, list[Observation], list[Observation]]] = []
        for subject, obs in observed.items():
            if by_phase:
                earlier = [o for o in obs if o.attributes.get("phase") == "before"]
                later = [o for o in obs if o.attributes.get("phase") == "after"]
            else:
                earlier = later = list(obs)
            if not earlier or not later:
                continue
            # the observations of the first period before and of the last period after
            head = [o for o in earlier if key(o.period) == key(earlier[0].period)]
            tail = [o for o in later if key(o.period) == key(later[-1].period)]
            if by_phase or key(head[0].period) != key(tail[0].period) or _differ(head):
                pairs.append((subject, head, tail))
        for subject, firsts, lasts in ctx.examine(pairs):
            clashes = [ends for ends in dict.fromkeys(map(tuple, (firsts, lasts))) if _differ(ends)]
            for same in clashes:
                period = same[0].period
                when, when_zh = (period, period) if period is not None else ("no period", "无时期")
                yield ctx.finding(
                    subject,
                    f"{ix.name_of(subject)}: {len(same)} service_items observations for "
                    f"{when} differ; which comes before or after cannot be told, and the "
                    "figures are not compared",
                    f"{ix.name_of(subject)} 的 {when_zh} 有 {len(same)} 个不同的服务事项数，"
                    "无法确定先后，未予比较",
                    severity="warning",
                    indicator="service_items",
                    problem="duplicate-observation",
                    period=period or "",
                    observed=len(same),
                )
            if clashes:
                continue
            first, last = firsts[0], lasts[-1]
            b, a = as_count(first.value), as_count(last.value)
            if b is None or a is None:
                bad = [v for v, read in ((first.value, b), (last.value, a)) if read is None]
                for v in {repr(v): v for v in bad}.values():  # the same value named once
                    yield not_a_count(ctx, subject, "service_items", v)
                continue
            before, after = b, a
            if after >= before:
                yield ctx.finding(
                    subject,
                    f"{ix.name_of(subject)}: service items entering communities went from {written(before)} to "
                    f"{written(after)}, not down",
                    f"{ix.name_of(subject)}：进入社区的服务事项由 {written(before)} 项变为 {written(after)} 项，"
                    "未减少",
                    before=before,
                    after=after,
                )

    @rule(
        "grid.three_community_linkage",
        "Three-community linkage: every community works with a social organization.",
        "“三社联动”：每个社区都有社会组织参与。",
        severity="warning",
        source=f"{_REPORT}: 健全“三社联动”的社区参与机制 … 注重培育发展社区社会组织,"
        "把社区一部分工作任务和工作项目由社会组织承担运行",
    )
    def three_community_linkage(self, ctx: Context) -> Iterator[Finding]:
        """Communities no social organization serves or sits in."""
        ix = ctx.index
        served: set[str] = set()
        for kind in _SOCIAL:
            for o in ix.orgs_of_kind(kind):
                places = [o.unit] if o.unit is not None else []
                places += ix.targets(o.id, "serves")
                for p in places:
                    c = _community(ctx, p)
                    if c is not None:
                        served.add(c)
        for cu in ctx.examine(ix.units_at_rank(_COMMUNITY, vocab=ctx.vocab)):
            if cu.id not in served:
                yield ctx.finding(
                    cu.id,
                    f"no social organization serves community {ix.name_of(cu.id)}",
                    f"没有社会组织服务社区 {ix.name_of(cu.id)}",
                )

    @rule(
        "grid.brand",
        "One community, one brand: every community has its own service brand.",
        "“一居一品”：每个社区都有特色服务品牌。",
        severity="info",
        source=f"{_REPORT}: 全面推进“一居一品”社区特色党建服务品牌打造,宝湖社区的“邻里亲情”…"
        "长城花园社区的“六园一心”",
    )
    def brand(self, ctx: Context) -> Iterator[Finding]:
        """Communities without a ``brand`` attribute that says yes (:func:`truthy`: a brand's
        name or ``true``; ``""``, ``"no"``, ``false``, 0 and NaN are no brand)."""
        ix = ctx.index
        for cu in ctx.examine(ix.units_at_rank(_COMMUNITY, vocab=ctx.vocab)):
            if not truthy(cu.attributes.get("brand")):
                yield ctx.finding(
                    cu.id,
                    f"community {ix.name_of(cu.id)} has no brand",
                    f"社区 {ix.name_of(cu.id)} 没有特色服务品牌",
                )

    # -- classifiers -------------------------------------------------------------------------
    @classifier("arrangement", "'1+2+N' arrangement", "“1+2+N”架构")
    def arrangement(self, ctx: Context) -> Mapping[str, Label]:
        """Each community: ``complete`` (core, base and supplement), ``core_and_base``,
        ``core_only`` (the base is incomplete) or ``no_core``."""
        ix = ctx.index
        has_supplement: set[str] = set()
        for kind in _SUPPLEMENT:
            for o in ix.orgs_of_kind(kind):
                if o.unit is not None:
                    has_supplement.add(o.unit)
        # a community lies at or below a unit with a supplementary body when the nearest
        # answer above it is one (of the units read top down: none in a containment cycle)
        answer = dict.fromkeys(has_supplement, True).get
        memo: dict[str, bool] = {}
        top = ix.top_down() if has_supplement else ()
        reached = None if len(top) == len(ix.units) else set(top)
        below: set[str] = set()  # communities with units inside them with a supplement body
        # the community of each such unit (itself included), walked up from the few units
        # with a supplementary body: each unit passed once (not every unit's, as
        # _community asks the index for)
        rank, vocab = ix.rank, ctx.vocab
        walked: dict[str, str | None] = {}

        def community(u: str) -> str | None:
            return u if rank(u, vocab=vocab) == _COMMUNITY else None

        for uid in has_supplement:
            c = ix.nearest(uid, community, walked)
            if c is not None:
                below.add(c)
        # the compounds of each community, at any depth inside it (in an area, …), as
        # grid.base examines them
        # (each compound's community read by itself: not the dictionary of every unit's)
        community_of, vocab = ix.ancestor_at, ctx.vocab
        compounds: dict[str, list[str]] = {}
        for u in ix.units_at_rank(_COMMUNITY + 1, vocab=vocab):
            if (c := community_of(u.id, _COMMUNITY, vocab=vocab)) is not None:
                compounds.setdefault(c, []).append(u.id)
        out: dict[str, Label] = {}
        for cu in ix.units_at_rank(_COMMUNITY, vocab=ctx.vocab):
            core = [o.id for o in ix.orgs_at(cu.id) if ctx.vocab.is_party(o.kind)]
            base_missing = _base_missing(ctx, cu.id)
            for x in compounds.get(cu.id, ()):
                if not any(o.kind == "owners_committee" for o in ix.orgs_at(x)):
                    base_missing.append(f"owners_committee:{x}")
            supplement = cu.id in below or (
                bool(has_supplement)
                and (reached is None or cu.id in reached)
                and bool(ix.nearest(cu.id, answer, memo))
            )
            reasons = [
                Reason(
                    "core",
                    f"party organization: {_names(core)}" if core else "no party organization",
                    {"core": ",".join(core)},
                ),
                Reason(
                    "base",
                    "base complete" if not base_missing else f"missing {', '.join(base_missing)}",
                    {"missing": ",".join(base_missing)},
                ),
                Reason(
                    "supplement",
                    "supplement present" if supplement else "no supplementary body",
                    {"supplement": supplement},
                ),
            ]
            if not core:
                value, en, zh = "no_core", "no party core", "无党组织核心"
            elif base_missing:
                value, en, zh = "core_only", "core without a complete base", "有核心、基础不全"
            elif supplement:
                value, en, zh = "complete", "core, base and supplement (1+2+N)", "“1+2+N”完整"
            else:
                value, en, zh = "core_and_base", "core and base, no supplement", "有核心和基础"
            out[cu.id] = Label(
                "arrangement", cu.id, value, en, zh, reasons, {"supplement": supplement}
            )
        return out

    management_mode = builtin_classifier(
        "management_mode", "property-management mode", "物业管理模式"
    )
    tripartite = builtin_classifier("tripartite", "tri-partite status", "三方协同状况")
    network_mode = builtin_classifier("network_mode", "network governance mode", "网络治理模式")

    # -- measures: published figures -----------------------------------------------------------
    linked_disposal_units = published_figure(
        "linked_disposal_units",
        "linked disposal units",
        "联动处置单位数",
        description="the published figure (observation linked_disposal_units)",
    )

    sub_centres = published_figure(
        "sub_centres",
        "street-level sub-centres",
        "镇街级分中心数",
        description="the published figure (observation sub_centres)",
    )

    work_stations_count = published_figure(
        "work_stations",
        "community work stations",
        "村居工作站数",
        description="the published figure (observation work_stations)",
    )

    @measure(
        "service_items_before",
        "service items entering communities, before the list",
        "准入前进入社区的服务事项数",
        quantity="count",
    )
    def service_items_before(self, ctx: Context) -> float | None:
        """Service items before the admission list (207)."""
        return _phased(ctx, "service_items", "before")

    @measure(
        "service_items_after",
        "service items entering communities, after the list",
        "准入后进入社区的服务事项数",
        quantity="count",
    )
    def service_items_after(self, ctx: Context) -> float | None:
        """Service items after the admission list (24)."""
        return _phased(ctx, "service_items", "after")

    @measure(
        "service_items_cut",
        "share of service items cut",
        "服务事项减少比例",
        description="1 - after / before",
        quantity="share",
    )
    def service_items_cut(self, ctx: Context) -> float | None:
        """``1 - after / before`` (1 - 24/207 = 0.884)."""
        before = _phased(ctx, "service_items", "before")
        after = _phased(ctx, "service_items", "after")
        if not before or after is None:
            return None
        return 1.0 - after / before

    # -- measures: structure -----------------------------------------------------------------------
    @measure(
        "grid_levels",
        "grid levels",
        "网格层级数",
        description="the deepest grid level: 4 for big, middle, small net and unit grid",
        quantity="count",
    )
    def grid_levels(self, ctx: Context) -> int | None:
        """The number of grid levels, from the big net down (4 in Jinfeng)."""
        levels = _net_level(ctx)
        return max(levels.values()) if levels else None

    @measure(
        "work_levels",
        "levels of the work architecture",
        "工作架构层级数",
        description="the most unit levels on an escalates_to chain from a work station",
        quantity="count",
    )
    def work_levels(self, ctx: Context) -> int | None:
        """Unit levels a case passes from a work station up (3: community, street, district).

        A walk along ``escalates_to`` ties that never comes back to an organization on its
        own path (a cycle ends it), one explicit stack instead of recursion, so that a chain
        of any length is walked (each organization's answer is kept once found)."""
        ix = ctx.index
        memo: dict[str, frozenset[int]] = {}

        def own(org_id: str) -> frozenset[int]:
            r = _org_rank(ctx, org_id)
            return frozenset() if r is None else frozenset({r})

        def chain(root: str) -> frozenset[int]:
            if root in memo:
                return memo[root]
            # frames: [organization, its own rank, the best so far, the targets left]
            frames: list[list[Any]] = [
                [root, own(root), own(root), iter(ix.targets(root, "escalates_to"))]
            ]
            on_path = {root}
            done: frozenset[int] | None = None
            while frames:
                frame = frames[-1]
                if done is not None:  # the frame above it has its answer
                    if len(above := frame[1] | done) > len(frame[2]):
                        frame[2] = above
                    done = None
                for t in frame[3]:
                    if t in on_path:
                        continue
                    if t in memo:
                        if len(above := frame[1] | memo[t]) > len(frame[2]):
                            frame[2] = above
                        continue
                    frames.append([t, own(t), own(t), iter(ix.targets(t, "escalates_to"))])
                    on_path.add(t)
                    break
                else:
                    frames.pop()
                    on_path.discard(frame[0])
                    memo[frame[0]] = done = frame[2]
            return memo[root]

        stations = ix.orgs_of_kind("work_station")
        if not stations:
            return None
        return max(len(chain(ws.id)) for ws in stations)

    @measure(
        "connectivity_levels",
        "levels connected",
        "联通层级数",
        description="unit levels a district centre reaches: up by links, down by "
        "escalates_to (5 for region, city, district, street, community)",
        quantity="count",
    )
    def connectivity_levels(self, ctx: Context) -> int | None:
        """The unit levels connected through the district centre (5: 五级联通); a link to a
        unit above the provincial level (a country) is not one of the five."""
        ix = ctx.index
        top = _provincial_rank(ctx)
        best: int | None = None
        below = _escalated_from(ctx)
        for centre in _centres(ctx, _DISTRICT):
            ranks: set[int] = {_DISTRICT}
            for t in ix.linked(centre.id, "links"):
                r = _rank(ctx, t) if ix.unit(t) is not None else _org_rank(ctx, t)
                if r is not None and r < _DISTRICT and (top is None or r >= top):
                    ranks.add(r)
            ranks.update(r for r, reaching in below.items() if centre.id in reaching)
            best = max(best or 0, len(ranks))
        return best

    @measure(
        "unit_grids", "unit grids", "单元网格数", per="community", rollup="sum", quantity="count"
    )
    def unit_grids(self, ctx: Context) -> dict[str, float]:
        """Unit grids per community (the one containing them or lying in their small net)."""
        counts: dict[str, float] = {}
        for c in _community_of_grid(ctx).values():
            counts[c] = counts.get(c, 0.0) + 1.0
        return counts

    @measure(
        "grid_worker_coverage",
        "unit grids with a grid worker",
        "有网格员的单元网格占比",
        per="community",
        rollup="mean",
        quantity="share",
    )
    def grid_worker_coverage(self, ctx: Context) -> dict[str, float]:
        """Per community, the share of its unit grids a grid worker is responsible for."""
        ix = ctx.index
        total: dict[str, int] = {}
        staffed: dict[str, int] = {}
        workers = _grid_workers(ctx)
        for g, c in _community_of_grid(ctx).items():
            total[c] = total.get(c, 0) + 1
            if not workers.isdisjoint(ix.sources(g, "responsible_for")):
                staffed[c] = staffed.get(c, 0) + 1
        return {c: staffed.get(c, 0) / n for c, n in total.items()}

    # -- measures: cases -------------------------------------------------------------------------
    def _cases(self, ctx: Context, indicator: str) -> dict[str, float]:
        return {
            s: v for s, v in _latest_values(ctx, indicator).items() if _rank(ctx, s) == _COMMUNITY
        }

    @measure(
        "cases_reported",
        "cases reported",
        "上报事件数",
        per="community",
        rollup="sum",
        quantity="count",
    )
    def cases_reported(self, ctx: Context) -> dict[str, float]:
        """Cases reported per community (latest observation)."""
        return self._cases(ctx, "cases_reported")

    @measure(
        "cases_resolved",
        "cases resolved",
        "办结事件数",
        per="community",
        rollup="sum",
        quantity="count",
    )
    def cases_resolved(self, ctx: Context) -> dict[str, float]:
        """Cases resolved per community."""
        return self._cases(ctx, "cases_resolved")

    @measure(
        "cases_resolved_in_grid",
        "cases resolved in the grid",
        "网格内解决数",
        per="community",
        rollup="sum",
        quantity="count",
    )
    def cases_resolved_in_grid(self, ctx: Context) -> dict[str, float]:
        """Cases resolved in the grid, per community."""
        return self._cases(ctx, "cases_resolved_in_grid")

    @measure(
        "cases_resolved_in_community",
        "cases resolved in the community",
        "社区内解决数",
        per="community",
        rollup="sum",
        quantity="count",
    )
    def cases_resolved_in_community(self, ctx: Context) -> dict[str, float]:
        """Cases resolved in the community (not in the grid), per community."""
        return self._cases(ctx, "cases_resolved_in_community")

    @measure(
        "cases_resolved_above",
        "cases resolved above the community",
        "社区以上解决数",
        per="community",
        rollup="sum",
        description="resolved - in grid - in community",
        quantity="count",
    )
    def cases_resolved_above(self, ctx: Context) -> dict[str, float]:
        """Cases resolved above the community: resolved minus those in the grid and community,
        the three of one period (:func:`_local_cases`: a community whose figures do not fit,
        $g + c > r$, is left out, as ``grid.small_matters`` warns of it)."""
        return {s: r - g - c for s, (r, g, c) in _local_cases(ctx).items()}

    @measure(
        "resolved_locally",
        "share resolved in the grid or community",
        "网格和社区内解决率",
        per="community",
        rollup="mean",
        description="(in grid + in community) / resolved",
        quantity="share",
    )
    def resolved_locally(self, ctx: Context) -> dict[str, float]:
        """Per community, the share of resolved cases resolved in the grid or the community,
        the three figures of one period (:func:`_local_cases`: never above 1, a community
        whose figures do not fit is left out)."""
        return {s: (g + c) / r for s, (r, g, c) in _local_cases(ctx).items()}

    def _shares(self, ctx: Context) -> tuple[float, float, float] | None:
        def build() -> tuple[float, float, float] | None:
            g = pooled_rate(ctx, "cases_resolved_in_grid", "cases_resolved")
            c = pooled_rate(ctx, "cases_resolved_in_community", "cases_resolved")
            if g is None or c is None or not g.denominator or g.denominator != c.denominator:
                return None
            if not _pooled_alike(ctx):
                return None  # equal totals of resolved cases, but not of the same cases
            den = float(g.denominator)
            local = float(g.numerator) + float(c.numerator)
            if local > den and not math.isclose(local, den):
                return None  # the pooled figures do not fit: no share, as for a community
            grid, comm = float(g.numerator) / den, float(c.numerator) / den
            return grid, comm, (den - float(g.numerator) - float(c.numerator)) / den

        shares: tuple[float, float, float] | None = ctx.cached("grid.shares", build)
        return shares

    @measure(
        "resolution_rate",
        "cases resolved / reported",
        "事件办结率",
        description="govmodel.metrics.service.ratio(cases_resolved, cases_reported)",
        quantity="share",
    )
    def resolution_rate(self, ctx: Context) -> float | None:
        """Cases resolved over cases reported, pooled over the outermost reporting units."""
        r = pooled_rate(ctx, "cases_resolved", "cases_reported")
        return None if r is None or math.isnan(r.value) else r.value

    @measure(
        "resolved_in_grid_share",
        "share of resolved cases resolved in the grid",
        "网格内解决占比",
        quantity="share",
    )
    def resolved_in_grid_share(self, ctx: Context) -> float | None:
        """In grid / resolved, pooled (``ratio``)."""
        s = self._shares(ctx)
        return None if s is None else s[0]

    @measure(
        "resolved_in_community_share",
        "share of resolved cases resolved in the community",
        "社区内解决占比",
        quantity="share",
    )
    def resolved_in_community_share(self, ctx: Context) -> float | None:
        """In community / resolved, pooled."""
        s = self._shares(ctx)
        return None if s is None else s[1]

    @measure(
        "resolved_above_share",
        "share of resolved cases resolved above the community",
        "社区以上解决占比",
        quantity="share",
    )
    def resolved_above_share(self, ctx: Context) -> float | None:
        """(resolved - in grid - in community) / resolved, pooled."""
        s = self._shares(ctx)
        return None if s is None else s[2]
