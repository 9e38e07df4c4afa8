"""Four-level party structure and three chiefs: Yuetang district, Xiangtan (report
``004_5b013051e8bb86b4.txt``).

Yuetang district builds its party organization in four levels — street party working
committee (街道党工委), community party general branch (社区党总支), compound (property) party
branch (小区(物业)党支部), building party group (楼栋党小组) — aiming at a party organization
in every compound; puts compound party secretaries and community "two committees" (两委)
members on the owners' committees (cross-appointment, 交叉任职); keeps its 565 compounds in a
ledger in four categories by property-management mode; and serves residents through area
chiefs, group chiefs and neighbour chiefs (片长、组长、邻长, the "three chiefs"), each
neighbour chief serving 5–15 nearby households.

The model is :class:`FourLevel`, registered as ``four_level``; its example is the bundled
``yuetang`` structure. See ``docs/models/four_level.md``.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import compress
from operator import attrgetter, itemgetter, not_
from typing import ClassVar, cast

import attrs

from govmodel.index import StructureIndex
from govmodel.metrics import governance, service
from govmodel.metrics.governance import CrossAppointment
from govmodel.metrics.service import ChiefLoad, Rate
from govmodel.models import (
    Context,
    Finding,
    FindingBlock,
    GovernanceModel,
    Messages,
    Source,
    builtin_classifier,
    fewer_published,
    labels,
    measure,
    published_figure,
    rule,
    truthy,
)
from govmodel.models.helpers import as_count, batches, not_a_count
from govmodel.spec import Organization, Post, Unit
from govmodel.vocab import Term

__all__ = ["LEVELS", "FourLevel"]

_REPORT = "004_5b013051e8bb86b4.txt"

#: The four levels of the party structure, top down: (level, organization kinds, English,
#: Chinese). A generic ``party_branch`` located in a compound counts as level 3, a generic
#: ``party_group`` located in a building as level 4.
LEVELS: tuple[tuple[int, frozenset[str], str, str], ...] = (
    (
        1,
        frozenset({"street_party_working_committee"}),
        "street party working committee",
        "街道党工委",
    ),
    (
        2,
        frozenset({"community_party_committee", "community_party_general_branch"}),
        "community party general branch",
        "社区党总支",
    ),
    (
        3,
        frozenset({"compound_party_branch", "property_party_branch"}),
        "compound (property) party branch",
        "小区(物业)党支部",
    ),
    (4, frozenset({"building_party_group"}), "building party group", "楼栋党小组"),
)
_LEVEL_OF_KIND = {k: level for level, kinds, _, _ in LEVELS for k in kinds}
_LEVEL_EN = {level: en for level, _, en, _ in LEVELS}
_LEVEL_ZH = {level: zh for level, _, _, zh in LEVELS}
_BRANCH_KINDS = ("compound_party_branch", "property_party_branch", "party_branch")
_TWO_COMMITTEES = (
    "community_party_committee",
    "community_party_general_branch",
    "residents_committee",
)

_STREET, _COMMUNITY, _COMPOUND, _BUILDING = 4, 5, 6, 7
_UNMANAGED = ("none", "unknown")
_ID, _NAME, _PERSON = attrgetter("id"), attrgetter("name"), attrgetter("person")
_FIRST, _SECOND = itemgetter(0), itemgetter(1)


def _ranker(ctx: Context) -> Callable[[str | None], int | None]:
    """:meth:`StructureIndex.rank` under the model's vocabulary as one function, the kinds
    ranked once (made once per assessment)."""

    def build() -> Callable[[str | None], int | None]:
        ix, rank = ctx.index, ctx.vocab.rank
        by_kind = {k: rank(k) for k in ix.unit_kinds}
        unit = ix.unit

        def of(uid: str | None) -> int | None:
            u = unit(uid) if uid is not None else None
            return None if u is None else by_kind[u.kind]

        return of

    got: Callable[[str | None], int | None] = ctx.cached("four_level.ranker", build)
    return got


def _at_rank(ctx: Context, rank: int) -> tuple[Unit, ...]:
    return ctx.index.units_at_rank(rank, vocab=ctx.vocab)


def _above(ctx: Context, unit: str | None, rank: int) -> str | None:
    """The unit of ``rank`` that ``unit`` lies in, itself included."""
    return ctx.index.ancestor_at(unit, rank, vocab=ctx.vocab)


def _lived(ctx: Context, community: str) -> bool:
    """Whether a residents' unit (a compound, a building, a household: of a rank below the
    community's) lies in ``community``, directly or through units between (an area, a grid)
    but not through another community: the community such a unit's
    :meth:`~govmodel.index.StructureIndex.ancestor_at` names.

    A walk down from the community that stops at the first such unit: each unit is walked
    by the one community it lies in, so asking for every community is linear in the units.
    """
    ix, vocab = ctx.index, ctx.vocab
    rank, children = ix.rank, ix.children
    todo, seen = list(children(community)), {community}
    while todo:
        u = todo.pop()
        if u in seen:
            continue
        seen.add(u)
        r = rank(u, vocab=vocab) or 0
        if r >= _COMPOUND:
            return True
        if r != _COMMUNITY:  # the units inside another community are that one's
            todo.extend(children(u))
    return False


def _is_party(ctx: Context, org: str) -> bool:
    o = ctx.index.organization(org)
    return o is not None and ctx.vocab.is_party(o.kind)


def _party(ctx: Context) -> tuple[tuple[Organization, int], ...]:
    """The party organizations of the four levels with their level (1–4), in order."""

    def build() -> tuple[tuple[Organization, int], ...]:
        of_kind, rank = _LEVEL_OF_KIND.get, _ranker(ctx)
        out: list[tuple[Organization, int]] = []
        for o in ctx.index.organizations:
            level = of_kind(o.kind)
            if level is None:
                if o.kind == "party_branch" and rank(o.unit) == _COMPOUND:
                    level = 3
                elif o.kind == "party_group" and rank(o.unit) == _BUILDING:
                    level = 4
                else:
                    continue
            out.append((o, level))
        return tuple(out)

    got: tuple[tuple[Organization, int], ...] = ctx.cached("four_level.party", build)
    return got


def _level(ctx: Context) -> dict[str, int]:
    """The level (1–4) of each party organization of the four levels, by id."""
    got: dict[str, int] = ctx.cached(
        "four_level.level", lambda: {o.id: level for o, level in _party(ctx)}
    )
    return got


def _placed(ctx: Context, level: int) -> set[str]:
    """The units the party organizations of ``level`` are located in."""

    def build() -> dict[int, set[str]]:
        out: dict[int, set[str]] = {1: set(), 2: set(), 3: set(), 4: set()}
        for o, lv in _party(ctx):
            if o.unit is not None:
                out[lv].add(o.unit)
        return out

    got: dict[int, set[str]] = ctx.cached("four_level.placed", build)
    return got[level]


def _buildings(ctx: Context) -> tuple[tuple[Unit, ...], tuple[str | None, ...]]:
    """The buildings, in order, and the id of the compound each lies in (``None``: none)."""
    return ctx.index.units_within(_BUILDING, _COMPOUND, vocab=ctx.vocab)


def _marked(ctx: Context) -> list[tuple[Unit, bool, bool]]:
    """Each compound with whether it is marked ``demonstration`` and ``awarded``, in order."""

    def build() -> list[tuple[Unit, bool, bool]]:
        return [
            (x, truthy(x.attributes.get("demonstration")), truthy(x.attributes.get("awarded")))
            for x in _at_rank(ctx, _COMPOUND)
        ]

    got: list[tuple[Unit, bool, bool]] = ctx.cached("four_level.marked", build)
    return got


def _posts_in(ctx: Context, chosen: Callable[[Organization], bool]) -> list[Post]:
    """The posts in the organizations ``chosen`` selects, in order, picked out at C speed."""
    ix = ctx.index
    post_org: list[int] = ctx.cached("four_level.post_org", ix.post_org.tolist)
    of_org = list(map(chosen, ix.organizations))
    of_org.append(False)  # a post in no organization (-1)
    return list(compress(ix.posts, map(of_org.__getitem__, post_org)))


def _linked_committees(ctx: Context, linking: set[str]) -> list[bool] | None:
    """For each organization (by number), whether it is an owners' committee one of whose
    officers also holds a post in an organization of a ``linking`` kind (or, where the
    vocabulary makes owners' committees party organizations, in another owners'
    committee): read off the index's arrays with numpy. ``None`` where a post names no
    person or no organization (an invalid structure), read post by post instead."""
    import numpy as np

    ix = ctx.index
    person, org = np.asarray(ix.post_person), np.asarray(ix.post_org)
    if (person < 0).any() or (org < 0).any():
        return None
    no, kinds = ix.n_organizations, ix.org_kinds
    if "owners_committee" not in kinds:
        return [False] * no
    kind = np.asarray(ix.org_kind)[org]  # the kind of each post's organization
    linker = np.zeros(ix.n_people, dtype=bool)
    linker[person[np.array([k in linking for k in kinds], dtype=bool)[kind]]] = True
    at = kind == kinds.index("owners_committee")
    officer, committee = person[at], org[at]
    if ctx.vocab.is_party("owners_committee"):  # an officer of two committees links both
        seats = np.unique(officer * no + committee) // no  # each (officer, committee) once
        linker |= np.bincount(seats, minlength=ix.n_people) > 1
    linked = np.zeros(no, dtype=bool)
    linked[committee[linker[officer]]] = True
    out: list[bool] = linked.tolist()
    return out


def _groups_of(ctx: Context, unit: str) -> tuple[str, ...]:
    """The residents' groups a unit lies in: the unit itself when it is a group, a group
    containing it, or the groups (units of kind ``group``) named by ``in_group`` ties of the
    unit or of the nearest unit above it that has one (each once, sorted by id)."""
    of: Callable[[str], tuple[str, ...]] = ctx.cached("four_level.groups", lambda: _groups(ctx))
    return of(unit)


def _groups(ctx: Context) -> Callable[[str], tuple[str, ...]]:
    """:func:`_groups_of` of one assessment, its answers kept (made once)."""
    ix = ctx.index
    memo: dict[str, tuple[str, ...] | None] = {}

    def is_group(g: str) -> bool:
        return getattr(ix.unit(g), "kind", None) == "group"

    def named(a: str) -> tuple[str, ...] | None:
        # an in_group tie to anything but a group names no group (the measures per="group"
        # are keyed by groups only)
        # each once, by id: the order of the ties does not matter
        return tuple(sorted(set(filter(is_group, ix.targets(a, "in_group"))))) or None

    def found(a: str) -> tuple[str, ...] | None:
        return (a,) if getattr(ix.unit(a), "kind", None) == "group" else named(a)

    def of(unit: str) -> tuple[str, ...]:
        parent = getattr(ix.unit(unit), "parent", None)
        got: tuple[str, ...] | None = found(unit) or ix.nearest(parent, found, memo)
        return got or ()

    return of


def _unreadable(ctx: Context) -> dict[str, list[tuple[str, object]]]:
    """By neighbour chief, the units the chief is responsible for whose households cannot
    be read, with the value: a ``households`` attribute that is not a count
    (:func:`as_count`), or none at all (``None``) on a unit that is no household and holds
    no household unit, which records no households rather than 0; chiefs with none are
    left out (computed once)."""

    def build() -> dict[str, list[tuple[str, object]]]:
        ix = ctx.index
        out: dict[str, list[tuple[str, object]]] = {}
        chiefs = dict.fromkeys(p.person for p in ix.posts_of_role("neighbour_chief"))
        for person in chiefs:
            for t in dict.fromkeys(ix.targets(person, "responsible_for")):
                u = ix.unit(t)
                if u is None or u.kind == "household":
                    continue
                if "households" not in u.attributes:
                    if not _households_of(ctx, u):  # nothing recorded inside it either
                        out.setdefault(person, []).append((u.id, None))
                    continue
                value = u.attributes["households"]
                if as_count(value) is None:
                    out.setdefault(person, []).append((u.id, value))
        return out

    got: dict[str, list[tuple[str, object]]] = ctx.cached("four_level.unreadable", build)
    return got


def _households_of(ctx: Context, u: Unit) -> float:
    """The households a unit counts for a chief responsible for it, as
    :func:`~govmodel.metrics.service.households_per_chief` counts them: 1 for a household;
    its ``households`` attribute when set (0 when that is not a count, :func:`_unreadable`);
    else the household units inside it."""
    if u.kind == "household":
        return 1.0
    if "households" in u.attributes:
        return as_count(u.attributes["households"]) or 0.0
    ix = ctx.index
    inside = ctx.cached(
        "four_level.households_inside",
        lambda: ix.subtree_sums(ix.ints([int(x.kind == "household") for x in ix.units])),
    )
    return float(inside[ix.codes[u.id]])


def _latest_of_units(ctx: Context, indicator: str) -> dict[str, float]:
    """The latest value of ``indicator`` of each unit that records it as a number
    (:func:`as_count`; :func:`fewer_published` reports one that is not)."""
    ix = ctx.index
    out: dict[str, float] = {}
    for s, o in ix.observed(indicator).items():
        value = as_count(o[-1].value, whole=False)
        if value is not None and ix.unit(s):
            out[s] = value
    return out


def _of_property(of: object) -> bool:
    """Whether an observation's ``of`` names property management, in English or Chinese
    (物业)."""
    named = str(of)
    return "property" in named.lower() or "物业" in named


def _compound_kinds(ctx: Context) -> tuple[str, ...]:
    return tuple(sorted({u.kind for u in _at_rank(ctx, _COMPOUND)}))


def _sits_zh(name_of: Callable[[str], str], unit: str | None) -> str:
    """Where a party organization of the wrong level of unit sits, in Chinese, leading to the
    level it should sit in: ``"位于 X，而非"``, or ``"不在任何单元中，应位于"``."""
    return "不在任何单元中，应位于" if unit is None else f"位于 {name_of(unit)}，而非"


def _no_group(building: str, name: str, compound: str) -> str:
    """The message of a building without a building party group, by its id and name (named
    as :meth:`~govmodel.index.StructureIndex.named` names it) and the compound's name."""
    named = f"{name} ({building})" if name else building
    return f"building {named} of compound {compound} has no building party group"


def _no_group_zh(building: str, name: str, compound: str) -> str:
    """:func:`_no_group` in Chinese."""
    return f"小区 {compound} 的楼栋 {f'{name} ({building})' if name else building} 未建楼栋党小组"


def _not_chair(compound: str, secretaries: tuple[str, ...], chairs: tuple[str, ...]) -> str:
    """The message of a compound whose branch secretary does not chair its owners'
    committee, by the names of the compound, its secretaries and its chairs."""
    return (
        f"in compound {compound} the branch secretary ({', '.join(secretaries)}) does not "
        f"chair the owners' committee (chair: {', '.join(chairs)})"
    )


def _not_chair_zh(compound: str, secretaries: tuple[str, ...], chairs: tuple[str, ...]) -> str:
    """:func:`_not_chair` in Chinese."""
    return f"小区 {compound} 的党支部书记({'、'.join(secretaries)})未担任业委会主任(主任:{'、'.join(chairs)})"


class FourLevel(GovernanceModel):
    """The four-level party structure and the three chiefs of Yuetang district, Xiangtan (004).

    Street party working committee → community party general branch → compound (property)
    party branch → building party group; compound secretaries chair the owners' committees;
    compounds kept in a ledger by property-management mode; area, group and neighbour chiefs,
    each neighbour chief serving 5–15 households.

    Rules are listed in ``docs/models/four_level.md``; each one reads lookups built once per
    assessment (one pass over the structure) or one :mod:`govmodel.metrics` function.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.models.four_level import FourLevel
    >>> a = govmodel.assess(FourLevel.example(), "four_level")
    >>> a.ok, a.metrics["party_levels"].value
    (True, 4.0)
    >>> [f.subject for f in a.rule("four_level.neighbour_chief_band").findings]
    ['yt-p040', 'yt-p041']
    >>> [a.metrics[m].value for m in ("compounds", "demonstration_compounds", "awarded_compounds")]
    [565.0, 48.0, 21.0]
    >>> a.metrics["service_stations"].value
    143.0
    """

    name = "four_level"
    title = "Four-level party structure and three chiefs"
    title_zh = "四级组织架构与“三长”工作机制"
    summary = (
        "Yuetang district (Xiangtan, Hunan) organizes the party in four levels — street party "
        "working committee, community party general branch, compound (property) party branch "
        "and building party group (街道党工委+社区党总支+小区(物业)党支部+楼栋党小组) — and "
        "aims at a party organization in every compound. Compound party secretaries and "
        "community 'two committees' members are elected chair and members of the owners' "
        "committees (交叉任职). The district's 565 compounds, all under property management, "
        "are kept in a ledger in four categories by management mode; 48 entered the first "
        "demonstration round and 21 were awarded; 143 compound party-mass service stations "
        "serve them. Each community is divided into areas and groups under area, group and "
        "neighbour chiefs (片长+组长+邻长+居民), each neighbour chief serving 5–15 nearby "
        "households."
    )
    source = Source(_REPORT, "Yuetang district, Xiangtan, Hunan", "湖南省湘潭市岳塘区", 2024)
    vocabulary = (
        Term(
            "indicators",
            "service_stations",
            "compound party-mass service stations",
            "小区党群服务站数",
            type="count",
        ),
        Term(
            "roles",
            "party_group_leader",
            "party group leader",
            "党小组长",
            "Heads a party group (党小组), e.g. a building party group (004).",
            head=True,
        ),
        Term(
            "relations",
            "in_group",
            "lies in residents' group",
            "属于居民小组",
            "A unit (a building) lies in a group of the area-and-group service system (004).",
        ),
    )
    example_dataset = "yuetang"

    #: The households a neighbour chief serves, inclusive (report 004: 5–15).
    household_band: ClassVar[tuple[int, int]] = (5, 15)

    # -- helpers -------------------------------------------------------------------------------
    def _load(self, ctx: Context) -> ChiefLoad:
        """The households of each neighbour chief
        (:func:`~govmodel.metrics.service.households_per_chief`), less the chiefs
        responsible for a unit whose ``households`` attribute is not a count
        (:func:`_unreadable`): they cannot be counted."""

        def build() -> ChiefLoad:
            unreadable = _unreadable(ctx)
            if not unreadable:
                return service.households_per_chief(ctx.index, band=self.household_band)
            # the chiefs serving those units are left out: count the others without them
            bad = {u for units in unreadable.values() for u, _ in units}
            s = ctx.structure
            cleaned = s.replace(
                units=[
                    attrs.evolve(u, attributes={**u.attributes, "households": 0})
                    if u.id in bad
                    else u
                    for u in s.units
                ]
            )
            load = service.households_per_chief(
                StructureIndex.of(cleaned), band=self.household_band
            )
            kept = {p: h for p, h in load.households.items() if p not in unreadable}
            outside = {p: h for p, h in load.outside.items() if p in kept}
            return ChiefLoad(
                load.role,
                load.band,
                kept,
                Rate.of(len(kept) - len(outside), len(kept)),
                outside,
            )

        load: ChiefLoad = ctx.cached("four_level.chiefs", build)
        return load

    def _cross(self, ctx: Context) -> CrossAppointment | None:
        def build() -> CrossAppointment | None:
            kinds = _compound_kinds(ctx)
            if not kinds:
                return None
            return governance.cross_appointment(ctx.index, unit_kind=kinds, branch=_BRANCH_KINDS)

        x: CrossAppointment | None = ctx.cached("four_level.cross", build)
        return x

    def _reach(self, ctx: Context) -> dict[str, int]:
        """Party organization id to the deepest level reached going down from it through
        organizations one level below each other."""

        def build() -> dict[str, int]:
            # levels only go down one at a time, so one pass from the bottom level up
            level = _level(ctx).get
            reach = {o.id: own for o, own in _party(ctx)}
            for own in (4, 3, 2):
                for o, lv in _party(ctx):
                    parent = o.parent
                    if (
                        lv == own
                        and parent is not None
                        and level(parent) == own - 1
                        and reach[o.id] > reach[parent]
                    ):
                        reach[parent] = reach[o.id]
            return reach

        reach: dict[str, int] = ctx.cached("four_level.reach", build)
        return reach

    # -- rules: the four levels ------------------------------------------------------------------
    @rule(
        "four_level.levels",
        "Four levels: street party working committee → community party general branch → "
        "compound (property) party branch → building party group, each led by the level "
        "above and placed in its unit, reaching down to the buildings.",
        "四级组织架构：街道党工委+社区党总支+小区(物业)党支部+楼栋党小组，逐级领导、"
        "各在其位，延伸到楼栋。",
        severity="error",
        source=f"{_REPORT}: 全区按照“街道党工委+社区党总支+小区(物业)党支部+楼栋党小组”的四级"
        "组织架构 … 把党的组织和工作延伸到小区、楼栋",
    )
    def levels(self, ctx: Context) -> Iterator[Finding]:
        """Streets with communities but no working committee; party organizations of a level
        not led by one of the level above, or placed in the wrong kind of unit; working
        committees whose structure does not reach the building level."""
        ix = ctx.index
        name_of, finding = ix.name_of, ctx.finding
        # the streets with a community inside, directly or through a unit between (an area)
        hosts = {_above(ctx, cu.id, _STREET) for cu in _at_rank(ctx, _COMMUNITY)}
        committees = _placed(ctx, 1)
        for st in ctx.examine([st for st in _at_rank(ctx, _STREET) if st.id in hosts]):
            if st.id not in committees:
                yield finding(
                    st.id,
                    f"street {name_of(st.id)} has no street party working committee",
                    f"街道 {name_of(st.id)} 没有街道党工委",
                    level=1,
                )
        where = {1: _STREET, 2: _COMMUNITY, 3: _COMPOUND, 4: _BUILDING}
        level_of, rank, reach = _level(ctx).get, _ranker(ctx), self._reach(ctx)
        for o, level in ctx.examine(_party(ctx)):
            oid = o.id
            if level == 1 and rank(o.unit) != _STREET:
                # 004_5b013051e8bb86b4.txt: 街道党工委 is the street's: placed in a street
                yield finding(
                    oid,
                    f"{_LEVEL_EN[1]} {name_of(oid)} sits in "
                    f"{name_of(o.unit) if o.unit is not None else 'no unit'}, not in a unit of "
                    f"level {_STREET}",
                    f"{_LEVEL_ZH[1]} {name_of(oid)} {_sits_zh(name_of, o.unit)}第 {_STREET} 级单元",
                    level=1,
                    unit=o.unit or "",
                )
            if level > 1:
                parent = o.parent
                if parent is None or level_of(parent) != level - 1:
                    led_by = name_of(parent) if parent is not None else "nothing"
                    led_zh = (
                        f"由 {led_by} 领导，而非" if parent is not None else "无上级组织领导，应"
                    )
                    yield finding(
                        oid,
                        f"{_LEVEL_EN[level]} {name_of(oid)} is led by {led_by}, not by a "
                        f"{_LEVEL_EN[level - 1]}",
                        f"{_LEVEL_ZH[level]} {name_of(oid)} {led_zh}由{_LEVEL_ZH[level - 1]}领导",
                        level=level,
                        parent=parent or "",
                    )
                if rank(o.unit) != where[level]:
                    yield finding(
                        oid,
                        f"{_LEVEL_EN[level]} {name_of(oid)} sits in "
                        f"{name_of(o.unit) if o.unit is not None else 'no unit'}, not in a unit of level "
                        f"{where[level]}",
                        f"{_LEVEL_ZH[level]} {name_of(oid)} "
                        f"{_sits_zh(name_of, o.unit)}"
                        f"第 {where[level]} 级单元",
                        level=level,
                        unit=o.unit or "",
                    )
            elif reach[oid] < len(LEVELS):
                yield finding(
                    oid,
                    f"the party structure under {name_of(oid)} reaches only level {reach[oid]} "
                    f"of {len(LEVELS)} ({_LEVEL_EN[reach[oid]]})",
                    f"{name_of(oid)} 之下的组织架构只到第 {reach[oid]} 级(共 {len(LEVELS)} 级,"
                    f"{_LEVEL_ZH[reach[oid]]})",
                    reach=reach[oid],
                )

    @rule(
        "four_level.branch_coverage",
        "Every compound has a compound (property) party branch.",
        "小区党组织全覆盖：每个小区都建有小区(物业)党支部。",
        severity="warning",
        source=f"{_REPORT}: 持续推动小区党组织全覆盖",
    )
    def branch_coverage(self, ctx: Context) -> Iterator[Finding]:
        """Compounds no party branch is located in
        (:func:`~govmodel.metrics.governance.coverage`)."""
        ix = ctx.index
        kinds = _compound_kinds(ctx)
        if not ctx.examine(_at_rank(ctx, _COMPOUND)):
            return
        c = governance.coverage(ctx.index, _BRANCH_KINDS, kinds)
        for x in c.uncovered:
            yield ctx.finding(
                x,
                f"compound {ix.name_of(x)} has no party branch",
                f"小区 {ix.name_of(x)} 未建党支部",
            )

    @rule(
        "four_level.building_groups",
        "In a compound with a party branch, every building has a building party group.",
        "已建党支部的小区，每栋楼都建有楼栋党小组。",
        severity="warning",
        source=f"{_REPORT}: 把党的组织和工作延伸到小区、楼栋 … 让党建覆盖“小区里、楼栋里、家庭里”",
    )
    def building_groups(self, ctx: Context) -> Iterator[Finding | FindingBlock]:
        """Buildings without a level-4 group in compounds that have a level-3 branch."""
        with_branch = _placed(ctx, 3)  # a compound whose id is "" is a compound too
        grouped, (buildings, compounds) = _placed(ctx, 4), _buildings(ctx)
        pairs = cast("Iterable[tuple[Unit, str]]", zip(buildings, compounds, strict=True))
        examined = ctx.examine(compress(pairs, map(with_branch.__contains__, compounds)))
        # the buildings without a group, picked out column by column at C speed
        ids = list(map(_ID, map(_FIRST, examined)))
        lacking = list(map(not_, map(grouped.__contains__, ids)))
        ids, found = list(compress(ids, lacking)), list(compress(examined, lacking))
        of = list(map(_SECOND, found))
        name_of = ctx.index.name_of
        names = {x: name_of(x) for x in dict.fromkeys(of)}  # each compound named once
        # the messages made when they are read, of the buildings' ids and names and the
        # compounds' names (strings: an assessment keeps no entity alive)
        said = (ids, list(map(_NAME, map(_FIRST, found))), list(map(names.__getitem__, of)))
        yield from ctx.findings(
            ids, Messages(_no_group, *said), Messages(_no_group_zh, *said), compound=of
        )

    @rule(
        "four_level.cross_appointment",
        "Where a compound has both a party branch and an owners' committee, the branch "
        "secretary chairs the owners' committee.",
        "同时设有党支部和业委会的小区，党支部书记(通过法定程序)担任业主委员会主任。",
        severity="warning",
        source=f"{_REPORT}: 通过法定程序推动符合条件的小区党组织书记、社区“两委”成员分别担任"
        "业主委员会主任、委员",
    )
    def cross_appointment(self, ctx: Context) -> Iterator[Finding | FindingBlock]:
        """Compounds whose branch secretary and owners' committee chair are different people
        (:func:`~govmodel.metrics.governance.cross_appointment`); and, as a finding that the
        rule cannot check them, compounds with a branch and an owners' committee where the
        branch records no secretary or the committee no chair (``missing``)."""
        ix = ctx.index
        x = self._cross(ctx)
        both = [] if x is None else [c for c, w in x.failures.items() if w == "different_person"]
        unrecorded: list[tuple[str, str]] = []  # (compound, the post not recorded)
        for c, why in x.failures.items() if x is not None else ():
            if why == "no_chair":
                unrecorded.append((c, "chair"))
            elif why == "no_secretary" and any(o.kind == "owners_committee" for o in ix.orgs_at(c)):
                unrecorded.append((c, "secretary"))
        # the compounds with a branch and an owners' committee
        ctx.examine([*(x.appointed if x is not None else ()), *both, *(c for c, _ in unrecorded)])
        if x is None:
            return
        for compound, absent in unrecorded:
            name = ix.name_of(compound)
            what, what_zh = (
                ("the branch records no secretary", "党支部未记录书记")
                if absent == "secretary"
                else ("the owners' committee records no chair", "业委会未记录主任")
            )
            yield ctx.finding(
                compound,
                f"in compound {name} {what}: whether the secretary chairs the committee "
                "cannot be checked",
                f"小区 {name} {what_zh}，无法核查书记是否担任业委会主任",
                missing=absent,
            )
        level, failing = _level(ctx), set(both)
        holding: dict[tuple[str, str], dict[str, None]] = {}  # (organization, role): people
        for post in _posts_in(ctx, lambda o: o.unit in failing):
            holding.setdefault((post.organization, post.role), {})[post.person] = None
        name_of, orgs_at, held = ix.name_of, ix.orgs_at, holding.get
        for batch in batches(both):  # the findings made a block at a time
            secretaries, chairs = [], []  # of each compound of the batch
            for compound in batch:
                here = orgs_at(compound)
                secretaries.append(
                    sorted(
                        p
                        for o in here
                        if o.id in level or o.kind in _BRANCH_KINDS
                        for p in held((o.id, "secretary"), ())
                    )
                )
                chairs.append(
                    sorted(
                        p
                        for o in here
                        if o.kind == "owners_committee"
                        for p in held((o.id, "chair"), ())
                    )
                )
            # the messages made when they are read, of the names looked up once for both
            # languages (strings: an assessment keeps no entity alive)
            said = (
                list(map(name_of, batch)),
                [tuple(map(name_of, ss)) for ss in secretaries],
                [tuple(map(name_of, cs)) for cs in chairs],
            )
            yield from ctx.findings(
                batch,
                Messages(_not_chair, *said),
                Messages(_not_chair_zh, *said),
                secretaries=[",".join(ss) for ss in secretaries],
                chairs=[",".join(cs) for cs in chairs],
            )

    @rule(
        "four_level.owners_committee_link",
        "Every owners' committee is linked to the party: a party organization is set up in "
        "it, or one of its officers also holds a post in a party organization or in the "
        "community 'two committees'.",
        "每个业委会都与党组织相联：设有党支部或党小组，或有成员在党组织、社区“两委”任职。",
        severity="warning",
        source=f"{_REPORT}: 对符合条件的业主委员会设立党支部或党小组,通过法定程序推动符合条件的"
        "小区党组织书记、社区“两委”成员分别担任业主委员会主任、委员",
    )
    def owners_committee_link(self, ctx: Context) -> Iterator[FindingBlock]:
        """Owners' committees with no embedded party organization and no officer who sits in
        a party organization or a two-committees body."""
        ix, is_party = ctx.index, ctx.vocab.is_party
        # the people with a post in a party organization or a two-committees body (other
        # than an owners' committee: one links another only if the vocabulary makes it so)
        linking = {
            k
            for k in ix.org_kinds
            if k != "owners_committee" and (is_party(k) or k in _TWO_COMMITTEES)
        }
        linked = _linked_committees(ctx, linking) if ix.backend == "numpy" else None
        if linked is not None:
            codes, nu, flags = ix.codes, ix.n_units, linked

            def has_link(oc: str) -> bool:
                return bool(flags[codes[oc] - nu])
        else:
            officers: dict[str, set[str]] = {}
            for post in _posts_in(ctx, lambda o: o.kind == "owners_committee"):
                officers.setdefault(post.organization, set()).add(post.person)
            linkers = set(map(_PERSON, _posts_in(ctx, lambda o: o.kind in linking)))
            if is_party("owners_committee"):
                seats = Counter(p for people in officers.values() for p in people)
                linkers.update(p for p, n in seats.items() if n > 1)

            def has_link(oc: str) -> bool:
                return not linkers.isdisjoint(officers.get(oc, ()))

        unlinked = [
            oc.id
            for oc in ctx.examine(ix.orgs_of_kind("owners_committee"))
            if not any(_is_party(ctx, src) for src in ix.sources(oc.id, "embedded_in"))
            and not has_link(oc.id)
        ]
        for batch in batches(unlinked):  # the messages made a block at a time
            names = list(map(ix.name_of, batch))
            yield from ctx.findings(
                batch,
                [
                    f"owners' committee {name} has no party organization and no "
                    f"officer from the party or the two committees"
                    for name in names
                ],
                [f"业委会 {name} 未设党组织，也无党组织或“两委”成员任职" for name in names],
            )

    # -- rules: the three chiefs -----------------------------------------------------------------
    @rule(
        "four_level.neighbour_chief_band",
        "Each neighbour chief serves 5 to 15 nearby households.",
        "每个邻长联系服务居住临近的5-15户居民。",
        severity="warning",
        source=f"{_REPORT}: 每个居民小组设置若干邻长,每个邻长联系服务居住临近的5-15户居民",
    )
    def neighbour_chief_band(self, ctx: Context) -> Iterator[Finding]:
        """Neighbour chiefs serving fewer or more households than the band
        (:func:`~govmodel.metrics.service.households_per_chief`).

        The band is inclusive ("5-15户"): 5 and 15 households pass, 4 and 16 do not; a
        chief responsible for no unit serves 0. Every holder of a ``neighbour_chief`` post is
        examined. A unit a chief is responsible for whose ``households`` attribute is not a
        count (:func:`as_count`: ``True``, ``"12"``, NaN, a negative or fractional number)
        gives the :func:`not_a_count` finding about that unit, once, and the chiefs
        responsible for it are not counted."""
        ix = ctx.index
        load = self._load(ctx)
        low, high = load.band
        unreadable = _unreadable(ctx)
        ctx.examine([*load.households, *unreadable])
        told: set[str] = set()
        for units in unreadable.values():
            for u, value in units:
                if u not in told:
                    told.add(u)
                    yield not_a_count(ctx, u, "households", value)
        for person, households in load.outside.items():
            yield ctx.finding(
                person,
                f"neighbour chief {ix.name_of(person)} serves {households:g} "
                f"{'household' if households == 1 else 'households'}, outside "
                f"{low:g}–{high:g}",
                f"邻长 {ix.name_of(person)} 联系 {households:g} 户，不在 {low:g}-{high:g} 户之间",
                households=households,
                low=low,
                high=high,
            )

    @rule(
        "four_level.three_chiefs",
        "Four-level service system: each community is divided into areas and each area into "
        "groups; every area has an area chief, every group a group chief and neighbour chiefs.",
        "“片长+组长+邻长+居民”四级服务体系：社区分片区、片区分小组，片区有片长，小组有组长和邻长。",
        severity="warning",
        source=f"{_REPORT}: 将每个社区划分为若干片区,每个片区划分为若干小组,每个居民小组设置若干"
        "邻长 … 形成了“片长+组长+邻长+村(居)民”的四级服务体系",
    )
    def three_chiefs(self, ctx: Context) -> Iterator[Finding]:
        """Communities with compounds but no areas; areas without groups or an area chief;
        groups without a group chief or a neighbour chief."""
        ix = ctx.index
        responsible = {
            p: ix.targets(p, "responsible_for")
            for p in dict.fromkeys(t.source for t in ix.ties_of("responsible_for"))
        }
        chief_of: dict[str, set[str]] = {}  # area or group -> role of chiefs responsible for it
        for person, targets in responsible.items():
            roles = ix.roles_of(person)
            for t in targets:
                if "area_chief" in roles or "group_chief" in roles:
                    chief_of.setdefault(t, set()).update(roles)
        neighbours: dict[str, set[str]] = {}
        for person, targets in responsible.items():
            if "neighbour_chief" not in ix.roles_of(person):
                continue
            for t in targets:
                for g in _groups_of(ctx, t) if ix.unit(t) else ():
                    neighbours.setdefault(g, set()).add(person)
        areas_in: dict[str, list[str]] = {}
        for area in ix.units_of_kind("area"):
            c = _above(ctx, area.id, _COMMUNITY)
            if c is not None:
                areas_in.setdefault(c, []).append(area.id)
        ctx.examine([*ix.units_of_kind("area"), *ix.units_of_kind("group")])
        # the communities with residents' units inside (compounds, buildings, households),
        # directly or through a unit between (a grid, a group), are the ones to divide into areas
        name_of, finding = ix.name_of, ctx.finding
        for cu in ctx.examine(cu for cu in _at_rank(ctx, _COMMUNITY) if _lived(ctx, cu.id)):
            if not areas_in.get(cu.id):
                yield finding(
                    cu.id,
                    f"community {name_of(cu.id)} is not divided into areas",
                    f"社区 {name_of(cu.id)} 未划分片区",
                    missing="area",
                )
        for area in ix.units_of_kind("area"):
            if not any(ix.unit(g).kind == "group" for g in ix.children(area.id)):  # type: ignore[union-attr]
                yield ctx.finding(
                    area.id,
                    f"area {ix.name_of(area.id)} is not divided into groups",
                    f"片区 {ix.name_of(area.id)} 未划分小组",
                    missing="group",
                )
            if "area_chief" not in chief_of.get(area.id, ()):
                yield ctx.finding(
                    area.id,
                    f"area {ix.name_of(area.id)} has no area chief",
                    f"片区 {ix.name_of(area.id)} 没有片长",
                    missing="area_chief",
                )
        for group in ix.units_of_kind("group"):
            if "group_chief" not in chief_of.get(group.id, ()):
                yield ctx.finding(
                    group.id,
                    f"group {ix.name_of(group.id)} has no group chief",
                    f"小组 {ix.name_of(group.id)} 没有组长",
                    missing="group_chief",
                )
            if not neighbours.get(group.id):
                yield ctx.finding(
                    group.id,
                    f"group {ix.name_of(group.id)} has no neighbour chief",
                    f"小组 {ix.name_of(group.id)} 没有邻长",
                    missing="neighbour_chief",
                )

    @rule(
        "four_level.group_coverage",
        "Spatial full coverage: in a community divided into groups, every building lies in "
        "exactly one group of its own community.",
        "空间全覆盖：已划分小组的社区，每栋楼都属于本社区的一个小组。",
        severity="warning",
        source=f"{_REPORT}: 全区按照空间、人员全覆盖原则,将每个社区划分为若干片区,每个片区划分为"
        "若干小组",
    )
    def group_coverage(self, ctx: Context) -> Iterator[Finding]:
        """Buildings of grouped communities in no group, in two, or in another community's."""
        ix = ctx.index
        group_units = ix.units_of_kind("group")
        if not group_units:  # no community is divided into groups
            ctx.examine(())
            return
        above = ix.ancestors_at(_COMMUNITY, vocab=ctx.vocab).get
        grouped = {c for g in group_units if (c := above(g.id)) is not None}
        buildings = [(b, above(b.id)) for b in _at_rank(ctx, _BUILDING)]
        for b, c in ctx.examine((b, c) for b, c in buildings if c is not None and c in grouped):
            groups = _groups_of(ctx, b.id)
            if not groups:
                yield ctx.finding(
                    b.id,
                    f"building {ix.name_of(b.id)} lies in no group",
                    f"楼栋 {ix.name_of(b.id)} 不属于任何小组",
                )
            elif len(groups) > 1:
                yield ctx.finding(
                    b.id,
                    f"building {ix.name_of(b.id)} lies in {len(groups)} groups",
                    f"楼栋 {ix.name_of(b.id)} 同时属于 {len(groups)} 个小组",
                    groups=",".join(groups),
                )
            elif above(groups[0]) != c:
                yield ctx.finding(
                    b.id,
                    f"building {ix.name_of(b.id)} lies in group {ix.name_of(groups[0])} of another community",
                    f"楼栋 {ix.name_of(b.id)} 所属小组 {ix.name_of(groups[0])} 不在本社区",
                    group=groups[0],
                )

    # -- rules: the ledger and the demonstration round -------------------------------------------
    @rule(
        "four_level.ledger",
        "Every compound is under property management, in one of the ledger's four categories "
        "(professional, self-managed, work unit, quasi-property).",
        "小区物业管理全覆盖，按物业管理模式分四类(专业物业、业主自管、原单位管理、准物业)实行台账管理。",
        severity="error",
        source=f"{_REPORT}: 全区565个小区实现了物业管理全覆盖 … 将全区565个居民小区按四类实行台账"
        "管理,依据物业管理模式分类确定创建标准",
    )
    def ledger(self, ctx: Context) -> Iterator[Finding]:
        """Compounds whose property-management mode is ``none`` (or unknown).

        A compound declared unmanaged (``management: "none"``) is an error; one for which
        nothing is recorded (no ``management`` attribute and no managing organization: the
        label's ``details["basis"]`` is ``"none"``) is a warning that no management is
        recorded, not a claim that there is none."""
        name_of = ctx.index.name_of
        for x, label in ctx.examine(labels(ctx, "management_mode").items()):
            if label.value not in _UNMANAGED:
                continue
            if label.details.get("basis") == "none":
                yield ctx.finding(
                    x,
                    f"no property management is recorded for compound {name_of(x)}",
                    f"小区 {name_of(x)} 未记录物业管理",
                    severity="warning",
                    mode=label.value,
                    recorded=False,
                )
            else:
                yield ctx.finding(
                    x,
                    f"compound {name_of(x)} is under no property management",
                    f"小区 {name_of(x)} 无物业管理",
                    mode=label.value,
                )

    @rule(
        "four_level.demonstration",
        "Awarded compounds come from the demonstration round.",
        "获授牌的示范性小区出自示范创建小区。",
        severity="warning",
        source=f"{_REPORT}: 区工作专班对首轮48个开展示范创建的小区进行常态化的工作指导和验收考核。"
        "截至目前,全区已有21个小区获得了示范性小区授牌",
    )
    def demonstration(self, ctx: Context) -> Iterator[Finding]:
        """Compounds marked ``awarded`` but not ``demonstration``.

        Examined: the compounds marked ``awarded`` (:func:`truthy`: ``"no"``, ``0``,
        ``false`` and NaN are not); with none, the rule is not applicable."""
        ix = ctx.index
        for x, demonstration, _ in ctx.examine(m for m in _marked(ctx) if m[2]):
            if not demonstration:
                yield ctx.finding(
                    x.id,
                    f"compound {ix.name_of(x.id)} is awarded but was not a demonstration compound",
                    f"小区 {ix.name_of(x.id)} 获授牌但未参加示范创建",
                )

    @rule(
        "four_level.figures",
        "The published figures agree with each other and with the structure: awarded ≤ "
        "demonstration ≤ compounds, and the structure holds no more compounds, demonstration "
        "or awarded compounds, or service stations than a unit publishes.",
        "公布数字自洽且与结构一致：授牌数≤示范数≤小区数，结构中的小区、示范小区、授牌小区和服务站数量"
        "不超过单元公布的数字。",
        severity="warning",
        source=f"{_REPORT}: 建有565个居民小区 … 首轮48个开展示范创建的小区 … 21个小区获得了示范性"
        "小区授牌 … 精心打造了143个 … 小区党群服务站",
    )
    def figures(self, ctx: Context) -> Iterator[Finding]:
        """Units whose published counts contradict each other or the structure."""
        ix, rank = ctx.index, _ranker(ctx)
        marked = _marked(ctx)
        stations = [
            o.unit
            for o in ix.orgs_of_kind("service_station")
            if o.unit is not None and rank(o.unit) == _COMPOUND
        ]
        held: dict[str, list[str]] = {
            "compounds": [x.id for x, _, _ in marked],
            "demonstration_compounds": [x.id for x, demonstration, _ in marked if demonstration],
            "awarded_compounds": [x.id for x, _, awarded in marked if awarded],
            "service_stations": stations,
        }
        for indicator, places in held.items():
            yield from fewer_published(ctx, indicator, places)
        published = {indicator: _latest_of_units(ctx, indicator) for indicator in held}
        chain = ("awarded_compounds", "demonstration_compounds", "compounds")
        named = partial(ctx.vocab.named, "indicators")
        for small, large in itertools.pairwise(chain):
            for s, value in published[small].items():
                bound = published[large].get(s)
                if bound is not None and value > bound:
                    said = {n: (named(n), named(n, "zh")) for n in (small, large)}
                    yield ctx.finding(
                        s,
                        f"{ix.name_of(s)} publishes {value:g} {said[small][0]}, more than its "
                        f"{bound:g} {said[large][0]}",
                        f"{ix.name_of(s)} 公布的{said[small][1]}({value:g})多于"
                        f"{said[large][1]}({bound:g})",
                        indicator=small,
                        published=value,
                        bound=bound,
                    )

    # -- classifiers -------------------------------------------------------------------------
    management_mode = builtin_classifier(
        "management_mode", "property-management mode", "物业管理模式"
    )
    tripartite = builtin_classifier("tripartite", "tri-partite status", "三方协同状况")

    # -- measures: published figures ---------------------------------------------------------------
    compounds = published_figure("compounds", "compounds (published)", "小区数")

    demonstration_compounds = published_figure(
        "demonstration_compounds", "demonstration compounds (published)", "示范创建小区数"
    )

    awarded_compounds = published_figure(
        "awarded_compounds", "awarded compounds (published)", "获授牌示范小区数"
    )

    @measure("award_rate", "awarded / demonstration compounds", "示范小区授牌率", quantity="share")
    def award_rate(self, ctx: Context) -> float | None:
        """Awarded over demonstration compounds, from the published figures (21/48).

        The awarded compounds come from the demonstration round: where more are published
        awarded than in the round, the figures do not fit (``four_level.figures`` finds
        it) and there is no share, never one above 1."""
        awarded = ctx.index.published("awarded_compounds")
        demo = ctx.index.published("demonstration_compounds")
        if awarded is None or not demo or awarded > demo:
            return None
        return awarded / demo

    service_stations = published_figure(
        "service_stations", "compound party-mass service stations (published)", "小区党群服务站数"
    )

    @measure(
        "property_management_coverage",
        "compounds under property management (published)",
        "物业管理覆盖率",
        quantity="share",
    )
    def property_management_coverage(self, ctx: Context) -> float | None:
        """The published coverage of property management (1.0: all 565 compounds).

        The latest ``coverage_rate`` (of property management, where some observation says
        what it is ``of``: an ``of`` naming it in English, ``"property management"``, or in
        Chinese, ``"物业管理"``) of the outermost subject that publishes one. Rates are not added
        up: where several subjects none inside another publish one, the coverage of them all
        is unknown (``None``: a rate of each is no rate of the whole without what each is a
        rate of), as it is for a rate that is not a number from 0 to 1.
        """
        ix = ctx.index
        observed = ix.observed("coverage_rate")
        latest: dict[str, object] = {}
        of = any("of" in o.attributes for series in observed.values() for o in series)
        for subject, series in observed.items():
            kept = [o for o in series if not of or _of_property(o.attributes.get("of", ""))]
            if kept:
                latest[subject] = kept[-1].value
        outer = ix.outermost(latest)
        if len(outer) != 1:
            return None
        rate = as_count(latest[outer[0]], whole=False)
        return rate if rate is not None and rate <= 1 else None

    # -- measures: structure -------------------------------------------------------------------
    @measure(
        "party_levels",
        "levels of the party structure",
        "党组织层级数",
        description="the most of the four levels on one chain of leadership",
        quantity="count",
    )
    def party_levels(self, ctx: Context) -> int | None:
        """The most consecutive levels of the four on one chain (4 in Yuetang)."""
        reach = self._reach(ctx)
        if not reach:
            return None
        level = _level(ctx)
        return max(reach[o] - level[o] + 1 for o in reach)

    @measure(
        "has_branch",
        "compounds with a party branch",
        "建有党支部的小区",
        per="compound",
        rollup="mean",
        quantity="share",
    )
    def has_branch(self, ctx: Context) -> dict[str, float]:
        """1 for a compound with a level-3 branch, else 0 (its mean is the coverage)."""
        covered = _placed(ctx, 3)
        return {x.id: float(x.id in covered) for x in _at_rank(ctx, _COMPOUND)}

    @measure(
        "building_group_coverage",
        "buildings with a party group",
        "楼栋党小组覆盖率",
        per="compound",
        rollup="mean",
        quantity="share",
    )
    def building_group_coverage(self, ctx: Context) -> dict[str, float]:
        """Per compound with buildings, the share of its buildings with a building party group."""
        buildings, compounds = _buildings(ctx)
        total = Counter(compounds)  # the compounds in the order of their buildings
        hit = Counter(compress(compounds, map(_placed(ctx, 4).__contains__, map(_ID, buildings))))
        return {x: hit[x] / n for x, n in total.items() if x is not None}  # None: no compound

    @measure(
        "cross_appointment",
        "compounds whose branch secretary chairs the owners' committee",
        "交叉任职小区",
        per="compound",
        rollup="mean",
        quantity="share",
    )
    def cross_appointed(self, ctx: Context) -> dict[str, float]:
        """1 for a cross-appointed compound, else 0
        (:func:`~govmodel.metrics.governance.cross_appointment`)."""
        x = self._cross(ctx)
        if x is None:
            return {}
        out = dict.fromkeys(x.appointed, 1.0)
        out.update(dict.fromkeys(x.failures, 0.0))
        return out

    @measure(
        "two_committees_share",
        "owners'-committee officers from the two committees",
        "业委会成员中“两委”成员占比",
        quantity="share",
    )
    def two_committees_share(self, ctx: Context) -> float | None:
        """Of the people with a post in an owners' committee, those also in the two committees."""
        x = self._cross(ctx)
        if x is None or math.isnan(x.two_committees.value):
            return None
        return x.two_committees.value

    @measure(
        "managed",
        "compounds under property management",
        "有物业管理的小区",
        per="compound",
        rollup="mean",
        quantity="share",
    )
    def managed(self, ctx: Context) -> dict[str, float]:
        """1 for a compound in one of the ledger's four categories, else 0."""
        modes = labels(ctx, "management_mode")
        return {x: float(label.value not in _UNMANAGED) for x, label in modes.items()}

    @measure(
        "has_service_station",
        "compounds with a party-mass service station",
        "建有党群服务站的小区",
        per="compound",
        rollup="sum",
        quantity="count",
    )
    def has_service_station(self, ctx: Context) -> dict[str, float]:
        """1 for a compound with a party-mass service station located in it, else 0."""
        stations = {o.unit for o in ctx.index.orgs_of_kind("service_station")}
        return {x.id: float(x.id in stations) for x in _at_rank(ctx, _COMPOUND)}

    @measure(
        "is_demonstration",
        "demonstration compounds (modelled)",
        "示范创建小区(结构)",
        per="compound",
        rollup="sum",
        quantity="count",
    )
    def is_demonstration(self, ctx: Context) -> dict[str, float]:
        """1 for a compound with ``demonstration`` true, else 0."""
        return {x.id: float(demonstration) for x, demonstration, _ in _marked(ctx)}

    @measure(
        "is_awarded",
        "awarded compounds (modelled)",
        "获授牌小区(结构)",
        per="compound",
        rollup="sum",
        quantity="count",
    )
    def is_awarded(self, ctx: Context) -> dict[str, float]:
        """1 for a compound with ``awarded`` true, else 0."""
        return {x.id: float(awarded) for x, _, awarded in _marked(ctx)}

    # -- measures: the three chiefs -------------------------------------------------------------
    def _group_chiefs(self, ctx: Context) -> dict[str, dict[str, float]]:
        """Group id to neighbour chief id to the households the chief serves in the group."""

        def build() -> dict[str, dict[str, float]]:
            ix = ctx.index
            load = self._load(ctx)
            out: dict[str, dict[str, float]] = {}
            for person in load.households:
                served: dict[str, float] = {}
                for t in dict.fromkeys(ix.targets(person, "responsible_for")):
                    u = ix.unit(t)
                    if u is None:
                        continue
                    n = _households_of(ctx, u)
                    for g in _groups_of(ctx, t)[:1]:
                        served[g] = served.get(g, 0.0) + n
                for g, n in served.items():
                    out.setdefault(g, {})[person] = n
            return out

        got: dict[str, dict[str, float]] = ctx.cached("four_level.group_chiefs", build)
        return got

    @measure(
        "neighbour_chiefs",
        "neighbour chiefs",
        "邻长数",
        per="group",
        rollup="sum",
        quantity="count",
    )
    def neighbour_chiefs(self, ctx: Context) -> dict[str, float]:
        """Neighbour chiefs serving households in each group."""
        return {g: float(len(chiefs)) for g, chiefs in self._group_chiefs(ctx).items()}

    @measure(
        "households_served",
        "households served by neighbour chiefs",
        "邻长联系户数",
        per="group",
        rollup="sum",
        quantity="count",
    )
    def households_served(self, ctx: Context) -> dict[str, float]:
        """Households neighbour chiefs serve in each group."""
        return {g: math.fsum(chiefs.values()) for g, chiefs in self._group_chiefs(ctx).items()}

    @measure(
        "neighbour_chiefs_in_band",
        "neighbour chiefs serving 5–15 households",
        "联系5-15户的邻长占比",
        quantity="share",
    )
    def neighbour_chiefs_in_band(self, ctx: Context) -> float | None:
        """The share of neighbour chiefs within the band
        (:func:`~govmodel.metrics.service.households_per_chief`)."""
        within = self._load(ctx).within
        return None if math.isnan(within.value) else within.value

    @measure("households_per_neighbour_chief", "households per neighbour chief", "每名邻长联系户数")
    def households_per_neighbour_chief(self, ctx: Context) -> float | None:
        """The mean number of households a neighbour chief serves."""
        households = self._load(ctx).households
        if not households:
            return None
        return math.fsum(float(h) for h in households.values()) / len(households)
