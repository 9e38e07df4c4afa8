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
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cached_property
from typing import ClassVar

from govmodel import index
from govmodel.classify.base import Label, Reason
from govmodel.models._common import Lookups, period_key, truthy
from govmodel.models.base import (
    Context,
    Finding,
    GovernanceModel,
    Source,
    classifier,
    measure,
    rule,
)
from govmodel.spec import Observation, Organization, Unit
from govmodel.vocab import Term

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


class _Index(Lookups):
    """The lookups of the grid model: with those of every model, the level of each grid,
    the community of each unit and unit grid, and the small nets of each community."""

    # -- containment ----------------------------------------------------------------------------
    @cached_property
    def community(self) -> dict[str, str | None]:
        """Unit id to the community (level 5 unit) it lies in, itself included."""
        out: dict[str, str | None] = {}
        for uid in self.order:
            if self.rank[uid] == _COMMUNITY:
                out[uid] = uid
            else:
                parent = self.units[uid].parent
                out[uid] = out.get(parent) if parent is not None else None
        return out

    # -- grids ----------------------------------------------------------------------------------
    @staticmethod
    def declared_net(u: Unit) -> int | None:
        """The level (1 big … 4 unit) a grid's ``net`` attribute declares, if valid."""
        net = u.attributes.get("net")
        return NETS.index(net) + 1 if isinstance(net, str) and net in NETS else None

    def expected_top(self, uid: str) -> frozenset[int]:
        """The levels a grid directly inside ``uid`` (not a grid) may have: a district holds
        the big net, a street the middle net, a community its small net or, standing for its
        own small net, unit grids, a compound or building unit grids."""
        r = self.rank.get(uid)
        if r is None:
            return frozenset()
        if r <= _DISTRICT:
            return frozenset({1})
        if r == _STREET:
            return frozenset({2})
        return frozenset({3, 4}) if r == _COMMUNITY else frozenset({4})

    @cached_property
    def net_level(self) -> dict[str, int]:
        """Grid id to its level: the declared ``net`` if any, else one below its parent grid,
        else the level its anchor implies (district → big, street → middle, community → small
        if grids lie inside it, else unit)."""
        out: dict[str, int] = {}
        for uid in self.order:
            u = self.units[uid]
            if u.kind != "grid":
                continue
            declared = self.declared_net(u)
            parent = u.parent
            structural: int | None = None
            if parent in out:
                structural = out[parent] + 1
            elif parent is not None:
                allowed = self.expected_top(parent)
                if len(allowed) == 1:
                    (structural,) = allowed
                elif allowed:
                    inner = any(self.units[k].kind == "grid" for k in self.children.get(uid, ()))
                    structural = min(allowed) if inner else max(allowed)
            level = declared or structural
            if level is not None:
                out[uid] = level
        return out

    def grids_at(self, level: int) -> list[Unit]:
        return [self.units[g] for g, lv in self.net_level.items() if lv == level]

    def unit_grid_of(self, uid: str) -> tuple[str | None, int]:
        """The unit grid a unit lies in (through ``in_grid`` of it or the nearest unit above
        that has one, or a unit grid containing it) and how many unit grids that unit names."""
        levels = self.net_level
        in_grid = self.out.get("in_grid", {})
        for a in self.ancestors(uid):
            if a != uid and levels.get(a) == 4:
                return a, 1
            named = [g for g in in_grid.get(a, ()) if levels.get(g) == 4]
            if named:
                return named[0], len(set(named))
        return None, 0

    def small_nets_of(self, community: str) -> set[str]:
        """The small nets of a community: those it lies in (``in_grid``) or contains, and the
        community itself when unit grids lie directly inside it."""
        levels = self.net_level
        nets = {g for g in self.out.get("in_grid", {}).get(community, ()) if levels.get(g) == 3}
        for g in self.children.get(community, ()):
            if levels.get(g) == 3:
                nets.add(g)
            elif levels.get(g) == 4:
                nets.add(community)
        return nets

    @cached_property
    def community_of_grid(self) -> dict[str, str]:
        """Unit grid id to its community: the community containing it, or the one community
        lying in its small net."""
        levels = self.net_level
        of_small: dict[str, list[str]] = {}
        for cu in self.by_rank.get(_COMMUNITY, ()):
            for g in self.small_nets_of(cu.id):
                of_small.setdefault(g, []).append(cu.id)
        out: dict[str, str] = {}
        for g, lv in levels.items():
            if lv != 4:
                continue
            c = self.community.get(g)
            if c is None:
                small = self.units[g].parent
                owners = of_small.get(small, []) if small is not None else []
                c = owners[0] if len(owners) == 1 else None
            if c is not None:
                out[g] = c
        return out

    # -- observations ---------------------------------------------------------------------------
    def phased(self, indicator: str, phase: str | None = None) -> float | None:
        """The figure of ``indicator`` for the structure: the sum over the outermost subjects
        that report it of each one's latest value (``phase="before"``: its earliest value, or
        the one whose attribute ``phase`` is ``"before"``; likewise ``"after"``). Of two
        observations of one period the first listed counts (the last, for ``"before"``)."""
        obs = self.observations.get(indicator, ())
        by_phase = phase is not None and any("phase" in o.attributes for o in obs)
        before = phase == "before"
        return self.outermost_sum(
            self.pick(
                indicator,
                (lambda o: o.attributes.get("phase") == phase) if by_phase else None,
                earliest=before,
                ties="last" if before else "first",
            )
        )


def _names(ids: Iterable[str]) -> str:
    return ", ".join(sorted(ids))


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
        ix = _Index.of(ctx)
        for cu in ix.by_rank.get(_COMMUNITY, ()):
            if not any(ctx.vocab.is_party(o.kind) for o in ix.orgs_at.get(cu.id, ())):
                yield ctx.finding(
                    cu.id,
                    f"community {ix.nm(cu.id)} has no party organization at its core",
                    f"社区 {ix.nm(cu.id)} 没有作为核心的党组织",
                )

    @rule(
        "grid.base",
        "Every community has a residents' committee and a residents' affairs supervision "
        "committee; every compound has an owners' committee.",
        "每个社区都有居委会和居务监督委员会，每个小区都有业委会。",
        severity="warning",
        source=f"{_REPORT}: 以居委会、业委会和居务监督委员会为基础",
    )
    def base(self, ctx: Context) -> Iterator[Finding]:
        """Communities missing a base body, compounds missing an owners' committee."""
        ix = _Index.of(ctx)
        for cu in ix.by_rank.get(_COMMUNITY, ()):
            kinds = {o.kind for o in ix.orgs_at.get(cu.id, ())}
            missing = []
            if not kinds & set(_SELF_GOVERNING):
                missing.append("residents_committee")
            if "supervision_committee" not in kinds:
                missing.append("supervision_committee")
            if missing:
                yield ctx.finding(
                    cu.id,
                    f"community {ix.nm(cu.id)} lacks its base: {', '.join(missing)}",
                    f"社区 {ix.nm(cu.id)} 缺少基础组织：{'、'.join(missing)}",
                    missing=",".join(missing),
                )
        for x in ix.by_rank.get(_COMMUNITY + 1, ()):
            if not any(o.kind == "owners_committee" for o in ix.orgs_at.get(x.id, ())):
                yield ctx.finding(
                    x.id,
                    f"compound {ix.nm(x.id)} has no owners' committee",
                    f"小区 {ix.nm(x.id)} 没有业委会",
                    missing="owners_committee",
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
        ix = _Index.of(ctx)
        levels = ix.net_level
        for d in ix.by_rank.get(_DISTRICT, ()):
            if not any(levels.get(g) == 1 for g in ix.children.get(d.id, ())):
                yield ctx.finding(
                    d.id,
                    f"district {ix.nm(d.id)} has no big net",
                    f"区 {ix.nm(d.id)} 没有大网",
                    missing="big",
                )
        has_child: set[str] = set()
        for g in levels:
            parent = ix.units[g].parent
            if parent is not None and parent in levels:
                has_child.add(parent)
        for g, level in levels.items():
            u = ix.units[g]
            net = u.attributes.get("net")
            parent = u.parent
            if level > len(NETS):
                yield ctx.finding(
                    g,
                    f"grid {ix.nm(g)} lies inside a unit grid: there is no level below unit grids",
                    f"网格 {ix.nm(g)} 位于单元网格之内，单元网格之下不再分级",
                    net="none",
                )
                continue
            if net is not None and ix.declared_net(u) is None:
                yield ctx.finding(
                    g,
                    f"grid {ix.nm(g)} has net {net!r}, not one of {', '.join(NETS)}",
                    f"网格 {ix.nm(g)} 的层级 {net!r} 无效",
                    net=str(net),
                )
                continue
            if parent in levels:
                allowed = frozenset({levels[parent] + 1})
            else:
                allowed = ix.expected_top(parent) if parent is not None else frozenset()
            if allowed and level not in allowed:
                expected = min(allowed)
                want = NETS[expected - 1] if expected <= len(NETS) else "none"
                yield ctx.finding(
                    g,
                    f"grid {ix.nm(g)} is a {NETS[level - 1]} net but sits where a {want} net "
                    "belongs",
                    f"网格 {ix.nm(g)} 为{_NET_ZH[NETS[level - 1]]}，但所在位置应为"
                    f"{_NET_ZH.get(want, '无网格')}",
                    net=NETS[level - 1],
                    expected=want,
                )
            elif level < len(NETS) and g not in has_child:
                below = NETS[level]
                yield ctx.finding(
                    g,
                    f"{NETS[level - 1]} net {ix.nm(g)} has no {below} grid inside it",
                    f"{_NET_ZH[NETS[level - 1]]} {ix.nm(g)} 之下没有{_NET_ZH[below]}",
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
    def coverage(self, ctx: Context) -> Iterator[Finding]:
        """Communities in no small net; buildings in no unit grid, in two, or in a unit grid
        of another community's small net."""
        ix = _Index.of(ctx)
        small: dict[str, set[str]] = {}
        for cu in ix.by_rank.get(_COMMUNITY, ()):
            small[cu.id] = ix.small_nets_of(cu.id)
            if not small[cu.id]:
                yield ctx.finding(
                    cu.id,
                    f"community {ix.nm(cu.id)} lies in no small net",
                    f"社区 {ix.nm(cu.id)} 不属于任何小网",
                )
        for b in ix.by_rank.get(_COMMUNITY + 2, ()):
            grid, named = ix.unit_grid_of(b.id)
            if grid is None:
                yield ctx.finding(
                    b.id,
                    f"building {ix.nm(b.id)} lies in no unit grid",
                    f"楼栋 {ix.nm(b.id)} 不属于任何单元网格",
                )
                continue
            if named > 1:
                yield ctx.finding(
                    b.id,
                    f"building {ix.nm(b.id)} lies in {named} unit grids",
                    f"楼栋 {ix.nm(b.id)} 同时属于 {named} 个单元网格",
                    grids=named,
                )
            c = ix.community.get(b.id)
            parent = ix.units[grid].parent
            if c is not None and small.get(c) and parent not in small[c]:
                yield ctx.finding(
                    b.id,
                    f"building {ix.nm(b.id)} lies in unit grid {ix.nm(grid)}, which is not in the "
                    f"small net of its community {ix.nm(c)}",
                    f"楼栋 {ix.nm(b.id)} 所在单元网格 {ix.nm(grid)} 不属于其社区 {ix.nm(c)} 的小网",
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
        ix = _Index.of(ctx)
        responsible = ix.into.get("responsible_for", {})
        for g in ix.grids_at(4):
            if not any("grid_worker" in ix.roles.get(p, ()) for p in responsible.get(g.id, ())):
                yield ctx.finding(
                    g.id,
                    f"unit grid {ix.nm(g.id)} has no grid worker",
                    f"单元网格 {ix.nm(g.id)} 没有网格员",
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
        ix = _Index.of(ctx)
        escalates = ix.out.get("escalates_to", {})

        def level(org_id: str) -> int | None:
            o = ix.orgs.get(org_id)
            return ix.rank.get(o.unit) if o is not None and o.unit is not None else None

        def centres(at: int) -> list[Organization]:
            return [
                o
                for o in ix.orgs_of_kind.get("governance_centre", ())
                if o.unit is not None and ix.rank.get(o.unit) == at
            ]

        for cu in ix.by_rank.get(_COMMUNITY, ()):
            if not any(o.kind == "work_station" for o in ix.orgs_at.get(cu.id, ())):
                yield ctx.finding(
                    cu.id,
                    f"community {ix.nm(cu.id)} has no work station",
                    f"社区 {ix.nm(cu.id)} 没有村居工作站",
                )
        for ws in ix.orgs_of_kind.get("work_station", ()):
            if not any(
                ix.orgs.get(t) is not None
                and ix.orgs[t].kind == "governance_centre"
                and level(t) == _STREET
                for t in escalates.get(ws.id, ())
            ):
                yield ctx.finding(
                    ws.id,
                    f"work station {ix.nm(ws.id)} escalates to no street sub-centre",
                    f"工作站 {ix.nm(ws.id)} 未向镇街分中心上报",
                )
        for sub in centres(_STREET):
            if not any(
                ix.orgs.get(t) is not None
                and ix.orgs[t].kind == "governance_centre"
                and level(t) == _DISTRICT
                for t in escalates.get(sub.id, ())
            ):
                yield ctx.finding(
                    sub.id,
                    f"sub-centre {ix.nm(sub.id)} escalates to no district centre",
                    f"分中心 {ix.nm(sub.id)} 未向区中心上报",
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
        ix = _Index.of(ctx)
        for ws in ix.orgs_of_kind.get("work_station", ()):
            if truthy(ws.attributes.get("three_in_one")):
                continue
            shared = ix.linked("shares_venue", ws.id)
            if any(ix.orgs.get(o) is not None and ix.orgs[o].kind == "police_room" for o in shared):
                continue
            yield ctx.finding(
                ws.id,
                f"work station {ix.nm(ws.id)} is not 'three in one' (no police room shares "
                "its venue)",
                f"工作站 {ix.nm(ws.id)} 未实现“三合一”",
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
        ix = _Index.of(ctx)
        for u in ix.orgs_of_kind.get("linked_disposal_unit", ()):
            others = ix.linked("links", u.id)
            if not any(
                ix.orgs.get(o) is not None and ix.orgs[o].kind == "governance_centre"
                for o in others
            ):
                yield ctx.finding(
                    u.id,
                    f"linked disposal unit {ix.nm(u.id)} is linked with no governance centre",
                    f"联动处置单位 {ix.nm(u.id)} 未与综治中心联动",
                )

    @rule(
        "grid.five_level",
        "Five-level connectivity: the district centre is linked up to every unit above its "
        "district (city, region).",
        "“五级联通”：区综治中心上通市、自治区。",
        severity="warning",
        source=f"{_REPORT}: 实现了信息上通自治区、银川市,下通镇(街道)和村(社区)“五级联通”",
    )
    def five_level(self, ctx: Context) -> Iterator[Finding]:
        """District centres not linked (``links``, either way, to the unit or to an
        organization located in it) with a unit above their district."""
        ix = _Index.of(ctx)
        for centre in ix.orgs_of_kind.get("governance_centre", ()):
            if centre.unit is None or ix.rank.get(centre.unit) != _DISTRICT:
                continue
            reached = set()
            for t in ix.linked("links", centre.id):
                reached.add(t)
                o = ix.orgs.get(t)
                if o is not None and o.unit is not None:
                    reached.add(o.unit)
            for above in ix.ancestors(ix.units[centre.unit].parent):
                if above not in reached:
                    yield ctx.finding(
                        centre.id,
                        f"district centre {ix.nm(centre.id)} is not linked with {ix.nm(above)}",
                        f"区中心 {ix.nm(centre.id)} 未与 {ix.nm(above)} 联通",
                        missing=above,
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
        """Communities whose share of cases resolved locally is below the target."""
        ix = _Index.of(ctx)
        resolved = ix.latest_values("cases_resolved")
        grid = ix.latest_values("cases_resolved_in_grid")
        community = ix.latest_values("cases_resolved_in_community")
        for cu in ix.by_rank.get(_COMMUNITY, ()):
            total = resolved.get(cu.id)
            if not total or cu.id not in grid or cu.id not in community:
                continue
            share = (grid[cu.id] + community[cu.id]) / total
            if share < self.local_resolution_target:
                yield ctx.finding(
                    cu.id,
                    f"community {ix.nm(cu.id)} resolved {share:.1%} of its cases in the grid or "
                    f"the community (target {self.local_resolution_target:.0%})",
                    f"社区 {ix.nm(cu.id)} 在网格和社区内解决的事件占 {share:.1%}，低于目标",
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
        ix = _Index.of(ctx)
        checks: dict[str, Callable[[Organization], bool]] = {
            "linked_disposal_units": lambda o: o.kind == "linked_disposal_unit",
            "sub_centres": lambda o: (
                o.kind == "governance_centre"
                and o.unit is not None
                and ix.rank.get(o.unit) == _STREET
            ),
            "work_stations": lambda o: o.kind == "work_station",
        }
        for indicator, counts in checks.items():
            observed = {s: v for s, v in ix.latest_values(indicator).items() if s in ix.units}
            if not observed:
                continue
            held: dict[str, int] = {}
            for o in ix.orgs.values():
                if o.unit is not None and counts(o):
                    for a in ix.ancestors(o.unit):
                        if a in observed:
                            held[a] = held.get(a, 0) + 1
            for s, value in observed.items():
                if held.get(s, 0) > value:
                    yield ctx.finding(
                        s,
                        f"{ix.nm(s)} publishes {value:g} {indicator} but the structure holds "
                        f"{held[s]}",
                        f"{ix.nm(s)} 公布的 {indicator} 为 {value:g}，但结构中有 {held[s]} 个",
                        indicator=indicator,
                        published=value,
                        modelled=held[s],
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
        """Subjects whose service items after the list are not fewer than before."""
        ix = _Index.of(ctx)
        by_subject: dict[str, list[Observation]] = {}
        for ob in ix.observations.get("service_items", ()):
            by_subject.setdefault(ob.subject, []).append(ob)
        for subject, obs in by_subject.items():
            phased = {o.attributes.get("phase"): float(o.value) for o in obs}
            if "before" in phased and "after" in phased:
                before, after = phased["before"], phased["after"]
            elif len(obs) >= 2:
                ordered = sorted(obs, key=lambda o: period_key(o.period))
                before, after = float(ordered[0].value), float(ordered[-1].value)
            else:
                continue
            if after >= before:
                yield ctx.finding(
                    subject,
                    f"{ix.nm(subject)}: service items entering communities went from {before:g} to "
                    f"{after:g}, not down",
                    f"{ix.nm(subject)}：进入社区的服务事项由 {before:g} 项变为 {after:g} 项，"
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
        ix = _Index.of(ctx)
        served: set[str] = set()
        for kind in _SOCIAL:
            for o in ix.orgs_of_kind.get(kind, ()):
                places = [o.unit] if o.unit is not None else []
                places += ix.out.get("serves", {}).get(o.id, [])
                for p in places:
                    c = ix.community.get(p)
                    if c is not None:
                        served.add(c)
        for cu in ix.by_rank.get(_COMMUNITY, ()):
            if cu.id not in served:
                yield ctx.finding(
                    cu.id,
                    f"no social organization serves community {ix.nm(cu.id)}",
                    f"没有社会组织服务社区 {ix.nm(cu.id)}",
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
        """Communities without a ``brand`` attribute."""
        ix = _Index.of(ctx)
        for cu in ix.by_rank.get(_COMMUNITY, ()):
            if not truthy(cu.attributes.get("brand")):
                yield ctx.finding(
                    cu.id,
                    f"community {ix.nm(cu.id)} has no brand",
                    f"社区 {ix.nm(cu.id)} 没有特色服务品牌",
                )

    # -- classifiers -------------------------------------------------------------------------
    def _labels(self, ctx: Context) -> dict[str, dict[str, Label]]:
        labels: dict[str, dict[str, Label]] = ctx.cached(
            "grid.labels",
            lambda: ctx.classify(["management_mode", "tripartite", "network_mode"]),
        )
        return labels

    @classifier("arrangement", "'1+2+N' arrangement", "“1+2+N”架构")
    def arrangement(self, ctx: Context) -> Mapping[str, Label]:
        """Each community: ``complete`` (core, base and supplement), ``core_and_base``,
        ``core_only`` (the base is incomplete) or ``no_core``."""
        ix = _Index.of(ctx)
        has_supplement: set[str] = set()
        for kind in _SUPPLEMENT:
            for o in ix.orgs_of_kind.get(kind, ()):
                if o.unit is not None:
                    has_supplement.add(o.unit)
        with_supplement: set[str] = set()
        for uid in ix.order:
            parent = ix.units[uid].parent
            if uid in has_supplement or (parent is not None and parent in with_supplement):
                with_supplement.add(uid)
        below: dict[str, set[str]] = {}  # community -> units inside it with a supplement body
        for uid in has_supplement:
            c = ix.community.get(uid)
            if c is not None:
                below.setdefault(c, set()).add(uid)
        out: dict[str, Label] = {}
        for cu in ix.by_rank.get(_COMMUNITY, ()):
            orgs = ix.orgs_at.get(cu.id, ())
            core = [o.id for o in orgs if ctx.vocab.is_party(o.kind)]
            kinds = {o.kind for o in orgs}
            base_missing = []
            if not kinds & set(_SELF_GOVERNING):
                base_missing.append("residents_committee")
            if "supervision_committee" not in kinds:
                base_missing.append("supervision_committee")
            for x in ix.children.get(cu.id, ()):
                if ix.rank.get(x) == _COMMUNITY + 1 and not any(
                    o.kind == "owners_committee" for o in ix.orgs_at.get(x, ())
                ):
                    base_missing.append(f"owners_committee:{x}")
            supplement = cu.id in with_supplement or bool(below.get(cu.id))
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

    @classifier("management_mode", "property-management mode", "物业管理模式")
    def management_mode(self, ctx: Context) -> Mapping[str, Label]:
        """:func:`govmodel.classify.management_mode` of every compound."""
        return self._labels(ctx)["management_mode"]

    @classifier("tripartite", "tri-partite status", "三方协同状态")
    def tripartite(self, ctx: Context) -> Mapping[str, Label]:
        """:func:`govmodel.classify.tripartite` of every compound."""
        return self._labels(ctx)["tripartite"]

    @classifier("network_mode", "network governance mode", "网络治理模式")
    def network_mode(self, ctx: Context) -> Mapping[str, Label]:
        """:func:`govmodel.classify.network_mode` of every community and compound."""
        return self._labels(ctx)["network_mode"]

    # -- measures: published figures -----------------------------------------------------------
    @measure(
        "linked_disposal_units",
        "linked disposal units",
        "联动处置单位数",
        description="the published figure (observation linked_disposal_units)",
    )
    def linked_disposal_units(self, ctx: Context) -> float | None:
        """The observed number of linked disposal units (52 in Jinfeng)."""
        return _Index.of(ctx).phased("linked_disposal_units")

    @measure(
        "sub_centres",
        "street-level sub-centres",
        "镇街级分中心数",
        description="the published figure (observation sub_centres)",
    )
    def sub_centres(self, ctx: Context) -> float | None:
        """The observed number of street-level sub-centres (7)."""
        return _Index.of(ctx).phased("sub_centres")

    @measure(
        "work_stations",
        "community work stations",
        "村居工作站数",
        description="the published figure (observation work_stations)",
    )
    def work_stations_count(self, ctx: Context) -> float | None:
        """The observed number of village and community work stations (64)."""
        return _Index.of(ctx).phased("work_stations")

    @measure(
        "service_items_before",
        "service items entering communities, before the list",
        "准入前进入社区的服务事项数",
    )
    def service_items_before(self, ctx: Context) -> float | None:
        """Service items before the admission list (207)."""
        return _Index.of(ctx).phased("service_items", "before")

    @measure(
        "service_items_after",
        "service items entering communities, after the list",
        "准入后进入社区的服务事项数",
    )
    def service_items_after(self, ctx: Context) -> float | None:
        """Service items after the admission list (24)."""
        return _Index.of(ctx).phased("service_items", "after")

    @measure(
        "service_items_cut",
        "share of service items cut",
        "服务事项减少比例",
        description="1 - after / before",
    )
    def service_items_cut(self, ctx: Context) -> float | None:
        """``1 - after / before`` (1 - 24/207 = 0.884)."""
        ix = _Index.of(ctx)
        before = ix.phased("service_items", "before")
        after = ix.phased("service_items", "after")
        if not before or after is None:
            return None
        return 1.0 - after / before

    # -- measures: structure -----------------------------------------------------------------------
    @measure(
        "grid_levels",
        "grid levels",
        "网格层级数",
        description="the deepest grid level: 4 for big, middle, small net and unit grid",
    )
    def grid_levels(self, ctx: Context) -> int | None:
        """The number of grid levels, from the big net down (4 in Jinfeng)."""
        levels = _Index.of(ctx).net_level
        return max(levels.values()) if levels else None

    @measure(
        "work_levels",
        "levels of the work architecture",
        "工作架构层级数",
        description="the most unit levels on an escalates_to chain from a work station",
    )
    def work_levels(self, ctx: Context) -> int | None:
        """Unit levels a case passes from a work station up (3: community, street, district)."""
        ix = _Index.of(ctx)
        escalates = ix.out.get("escalates_to", {})
        memo: dict[str, frozenset[int]] = {}

        def chain(org_id: str, seen: frozenset[str]) -> frozenset[int]:
            if org_id in memo:
                return memo[org_id]
            o = ix.orgs.get(org_id)
            own: frozenset[int] = frozenset()
            if o is not None and o.unit is not None and ix.rank.get(o.unit) is not None:
                own = frozenset({ix.rank[o.unit] or 0})
            best = own
            for t in escalates.get(org_id, ()):
                if t in seen:
                    continue
                above = own | chain(t, seen | {t})
                if len(above) > len(best):
                    best = above
            memo[org_id] = best
            return best

        stations = ix.orgs_of_kind.get("work_station", ())
        if not stations:
            return None
        return max(len(chain(ws.id, frozenset({ws.id}))) for ws in stations)

    @measure(
        "connectivity_levels",
        "levels connected",
        "联通层级数",
        description="unit levels a district centre reaches: up by links, down by "
        "escalates_to (5 for region, city, district, street, community)",
    )
    def connectivity_levels(self, ctx: Context) -> int | None:
        """The unit levels connected through the district centre (5: 五级联通)."""
        ix = _Index.of(ctx)
        escalated_from = ix.into.get("escalates_to", {})
        best: int | None = None
        for centre in ix.orgs_of_kind.get("governance_centre", ()):
            if centre.unit is None or ix.rank.get(centre.unit) != _DISTRICT:
                continue
            ranks: set[int] = {_DISTRICT}
            for t in ix.linked("links", centre.id):
                place = t if t in ix.units else getattr(ix.orgs.get(t), "unit", None)
                r = ix.rank.get(place) if place is not None else None
                if r is not None and r < _DISTRICT:
                    ranks.add(r)
            stack, seen = [centre.id], {centre.id}
            while stack:
                for src in escalated_from.get(stack.pop(), ()):
                    if src in seen:
                        continue
                    seen.add(src)
                    stack.append(src)
                    o = ix.orgs.get(src)
                    r = ix.rank.get(o.unit) if o is not None and o.unit is not None else None
                    if r is not None:
                        ranks.add(r)
            best = max(best or 0, len(ranks))
        return best

    @measure("unit_grids", "unit grids", "单元网格数", per="community", rollup="sum")
    def unit_grids(self, ctx: Context) -> dict[str, float]:
        """Unit grids per community (the one containing them or lying in their small net)."""
        counts: dict[str, float] = {}
        for c in _Index.of(ctx).community_of_grid.values():
            counts[c] = counts.get(c, 0.0) + 1.0
        return counts

    @measure(
        "grid_worker_coverage",
        "unit grids with a grid worker",
        "有网格员的单元网格占比",
        per="community",
        rollup="mean",
    )
    def grid_worker_coverage(self, ctx: Context) -> dict[str, float]:
        """Per community, the share of its unit grids a grid worker is responsible for."""
        ix = _Index.of(ctx)
        responsible = ix.into.get("responsible_for", {})
        total: dict[str, int] = {}
        staffed: dict[str, int] = {}
        for g, c in ix.community_of_grid.items():
            total[c] = total.get(c, 0) + 1
            if any("grid_worker" in ix.roles.get(p, ()) for p in responsible.get(g, ())):
                staffed[c] = staffed.get(c, 0) + 1
        return {c: staffed.get(c, 0) / n for c, n in total.items()}

    # -- measures: cases -------------------------------------------------------------------------
    def _cases(self, ctx: Context, indicator: str) -> dict[str, float]:
        ix = _Index.of(ctx)
        return {
            s: v for s, v in ix.latest_values(indicator).items() if ix.rank.get(s) == _COMMUNITY
        }

    @measure("cases_reported", "cases reported", "上报事件数", per="community", rollup="sum")
    def cases_reported(self, ctx: Context) -> dict[str, float]:
        """Cases reported per community (latest observation)."""
        return self._cases(ctx, "cases_reported")

    @measure("cases_resolved", "cases resolved", "办结事件数", per="community", rollup="sum")
    def cases_resolved(self, ctx: Context) -> dict[str, float]:
        """Cases resolved per community."""
        return self._cases(ctx, "cases_resolved")

    @measure(
        "cases_resolved_in_grid",
        "cases resolved in the grid",
        "网格内解决数",
        per="community",
        rollup="sum",
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
    )
    def cases_resolved_above(self, ctx: Context) -> dict[str, float]:
        """Cases resolved above the community: resolved minus those in the grid and community."""
        resolved = self._cases(ctx, "cases_resolved")
        grid = self._cases(ctx, "cases_resolved_in_grid")
        community = self._cases(ctx, "cases_resolved_in_community")
        return {
            c: v - grid[c] - community[c]
            for c, v in resolved.items()
            if c in grid and c in community
        }

    @measure(
        "resolved_locally",
        "share resolved in the grid or community",
        "网格和社区内解决率",
        per="community",
        rollup="mean",
        description="(in grid + in community) / resolved",
    )
    def resolved_locally(self, ctx: Context) -> dict[str, float]:
        """Per community, the share of resolved cases resolved in the grid or the community."""
        resolved = self._cases(ctx, "cases_resolved")
        grid = self._cases(ctx, "cases_resolved_in_grid")
        community = self._cases(ctx, "cases_resolved_in_community")
        return {
            c: (grid[c] + community[c]) / v
            for c, v in resolved.items()
            if v and c in grid and c in community
        }

    def _shares(self, ctx: Context) -> tuple[float, float, float] | None:
        def build() -> tuple[float, float, float] | None:
            g = index.ratio(ctx.index, "cases_resolved_in_grid", "cases_resolved")
            c = index.ratio(ctx.index, "cases_resolved_in_community", "cases_resolved")
            if not g.denominator or g.denominator != c.denominator:
                return None
            den = float(g.denominator)
            grid, comm = float(g.numerator) / den, float(c.numerator) / den
            return grid, comm, (den - float(g.numerator) - float(c.numerator)) / den

        shares: tuple[float, float, float] | None = ctx.cached("grid.shares", build)
        return shares

    @measure(
        "resolution_rate",
        "cases resolved / reported",
        "事件办结率",
        description="govmodel.metrics.service.ratio(cases_resolved, cases_reported)",
    )
    def resolution_rate(self, ctx: Context) -> float | None:
        """Cases resolved over cases reported, pooled over the outermost reporting units."""
        r = index.ratio(ctx.index, "cases_resolved", "cases_reported")
        return None if math.isnan(r.value) else r.value

    @measure(
        "resolved_in_grid_share", "share of resolved cases resolved in the grid", "网格内解决占比"
    )
    def resolved_in_grid_share(self, ctx: Context) -> float | None:
        """In grid / resolved, pooled (``ratio``)."""
        s = self._shares(ctx)
        return None if s is None else s[0]

    @measure(
        "resolved_in_community_share",
        "share of resolved cases resolved in the community",
        "社区内解决占比",
    )
    def resolved_in_community_share(self, ctx: Context) -> float | None:
        """In community / resolved, pooled."""
        s = self._shares(ctx)
        return None if s is None else s[1]

    @measure(
        "resolved_above_share",
        "share of resolved cases resolved above the community",
        "社区以上解决占比",
    )
    def resolved_above_share(self, ctx: Context) -> float | None:
        """(resolved - in grid - in community) / resolved, pooled."""
        s = self._shares(ctx)
        return None if s is None else s[2]
