"""The built-in models at more edges of their rules: hand-made structures, exact verdicts.

Each test fails on the code before its fix. The sources: ``../shared/seeds/00*``, digested
in ``../shared/DOMAIN.md``.
"""

from __future__ import annotations

import json
from typing import Any

import govmodel
from govmodel.spec import Organization, Post, Person, Structure, Tie, Unit
from govmodel.vocab import Term

Found = list[tuple[str | None, dict[str, Any]]]


def run(s: Structure, model: str, rule_id: str) -> tuple[str, int | None, Found]:
    """The status of a rule on ``s``, the subjects it examined and its findings as
    (subject, data) pairs, after checking that the assessment renders to JSON."""
    a = govmodel.assess(s, model)
    json.loads(a.to_json())
    r = a.rule(rule_id)
    return r.status, r.examined, [(f.subject, dict(f.data)) for f in r.findings]


# -- eight_roles (003_e46168819235ee26.txt) ------------------------------------------------------

#: A vocabulary that names the compound and building levels otherwise (小区 "estate", 楼
#: "block"), ranked as compounds (6) and buildings (7) are.
_RENAMED = (
    Term("unit_kinds", "estate", "estate", "小区", rank=6),
    Term("unit_kinds", "block", "block", "楼", rank=7),
)


def _estate(headed: bool) -> Structure:
    return Structure(
        units=[
            Unit("c", "community"),
            Unit("x", "estate", parent="c"),
            Unit("b", "block", parent="x"),
        ],
        organizations=[Organization("va", "volunteer_association", unit="x")],
        people=[Person("h")],
        posts=[Post("ph", "h", "va", "building_head")] if headed else [],
        ties=[Tie("t", "h", "b", "responsible_for")] if headed else [],
        vocabulary=_RENAMED,
    )


def test_eight_roles_building_heads_reads_buildings_by_their_level() -> None:
    # the estate (rank 6) runs the eight roles: its block (rank 7) is a building of it
    assert run(_estate(False), "eight_roles", "eight_roles.building_heads") == (
        "failed",
        1,
        [("b", {"compound": "x"})],
    )
    assert run(_estate(True), "eight_roles", "eight_roles.building_heads") == ("passed", 1, [])
    a = govmodel.assess(_estate(False), "eight_roles")
    assert a.metrics["building_head_coverage"].by_unit == {"x": 0.0}
