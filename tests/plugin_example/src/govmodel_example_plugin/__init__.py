"""A tiny plug-in: every building has a building party group.

Written as govmodel's built-in models are, with public names only: it reads the structure
through ``ctx.index``, says what each rule examines, and declares its published figure and
its classifier with the helpers of :mod:`govmodel.models`.
"""

from __future__ import annotations

from collections.abc import Iterator

from govmodel.models import (
    Context,
    Finding,
    GovernanceModel,
    Source,
    builtin_classifier,
    measure,
    published_figure,
    rule,
)

GROUP = "building_party_group"


class BuildingGroups(GovernanceModel):
    """Every building has a building party group (楼栋党小组)."""

    name = "building_groups"
    title = "A party group in every building"
    title_zh = "楼栋党小组全覆盖"
    source = Source("example plug-in", "anywhere")

    @rule(
        "building_groups.every_building",
        "Every building hosts a building party group.",
        "每栋楼都建有楼栋党小组。",
    )
    def every_building(self, ctx: Context) -> Iterator[Finding]:
        ix = ctx.index
        for u in ctx.examine(ix.units_of_kind("building")):
            if not any(o.kind == GROUP for o in ix.orgs_at(u.id)):
                yield ctx.finding(
                    u.id,
                    f"building {ix.name_of(u.id)} has no party group",
                    f"{ix.name_of(u.id)} 楼栋未建党小组",
                )

    management_mode = builtin_classifier("management_mode", "property management", "物业管理模式")

    @measure("group_coverage", "buildings with a party group", "楼栋党小组覆盖率", quantity="share")
    def group_coverage(self, ctx: Context) -> float | None:
        buildings = ctx.index.units_of_kind("building")
        if not buildings:
            return None
        hosted = sum(any(o.kind == GROUP for o in ctx.index.orgs_at(b.id)) for b in buildings)
        return hosted / len(buildings)

    compounds = published_figure("compounds", "compounds (published)", "小区数(公布)")
