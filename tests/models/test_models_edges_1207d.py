"""The built-in models at more edges of their rules: hand-made structures, exact verdicts.

Each test fails on the code before its fix. The sources: ``../shared/seeds/00*``, digested
in ``../shared/DOMAIN.md``.
"""

from __future__ import annotations

import json
import math
from typing import Any

import govmodel
from govmodel.spec import Observation, Organization, Person, Post, Structure, Tie, Unit
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


def _fees(*rates: tuple[str, object, str]) -> Structure:
    return Structure(
        units=[Unit("m", "community"), Unit("c", "compound", parent="m")],
        organizations=[Organization("a", "volunteer_association", unit="c")],
        observations=[
            Observation(oid, "c", "fee_collection_rate", value, period=period)
            for oid, value, period in rates
        ],
    )


def test_eight_roles_fee_collection_one_rate_written_as_int_and_float_is_one_rate() -> None:
    # 1 and 1.0 for 2019 are the same rate: the last is known, and it rose from 0.4
    for last in ((1, 1.0), (1.0, 1)):
        s = _fees(("o1", 0.4, "2018"), ("o2", last[0], "2019"), ("o3", last[1], "2019"))
        a = govmodel.assess(s, "eight_roles")
        r = a.rule("eight_roles.fee_collection")
        assert (r.status, r.examined, r.findings) == ("passed", 1, ())
        assert a.metrics["fee_collection_after"].by_unit == {"c": 1.0}
    # True is no 1, nor is NaN: the last rate is unknown
    for other in (True, math.nan):
        s = _fees(("o1", 0.4, "2018"), ("o2", 1, "2019"), ("o3", other, "2019"))
        assert [f.data["problem"] for f in run_rule(s)] == ["duplicate-observation"]


def run_rule(s: Structure) -> tuple[Any, ...]:
    return govmodel.assess(s, "eight_roles").rule("eight_roles.fee_collection").findings
