"""A tiny plug-in: every building has a building party group."""

from __future__ import annotations

from collections.abc import Iterator

from govmodel.models import Context, Finding, GovernanceModel, Source, measure, rule


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
        hosted = {o.unit for o in ctx.structure.organizations if o.kind == "building_party_group"}
        for u in ctx.units("building"):
            if u.id not in hosted:
                yield ctx.finding(
                    u.id, f"building {u.id} has no party group", f"{u.id} 楼栋未建党小组"
                )

    @measure("group_coverage", "buildings with a party group", "楼栋党小组覆盖率")
    def group_coverage(self, ctx: Context) -> float | None:
        buildings = ctx.units("building")
        if not buildings:
            return None
        hosted = {o.unit for o in ctx.structure.organizations if o.kind == "building_party_group"}
        return sum(b.id in hosted for b in buildings) / len(buildings)
