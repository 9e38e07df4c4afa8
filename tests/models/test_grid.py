"""The grid model (Jinfeng, report 001): published figures through assess, each rule fired
by a structure that breaks it and silent on the example."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

import govmodel
from govmodel.models import Context
from govmodel.models.grid import Grid
from govmodel.spec import Organization, Structure, Tie, Unit

from .conftest import assert_declared, assert_found, attr, drop, edit, json_report

EXAMPLE = Grid.example()


def assess(s: Structure) -> govmodel.Assessment:
    return govmodel.assess(s, "grid")


A = assess(EXAMPLE)


# -- editing helpers --------------------------------------------------------------------------


def observe(s: Structure, obs_id: str, value: float) -> Structure:
    return edit(s, "observations", obs_id, value=value)


# -- the registered model ---------------------------------------------------------------------


def test_registered_through_entry_points() -> None:
    assert_declared(Grid, "grid", "001_710a2e674d3240b8.txt", "jinfeng")
    assert Grid.example().metadata.name == "jinfeng"


# -- the published figures, read from the assessment --------------------------------------------


def test_published_counts() -> None:
    assert A.metrics["linked_disposal_units"].value == 52
    assert A.metrics["sub_centres"].value == 7
    assert A.metrics["work_stations"].value == 64


def test_service_items_cut_from_207_to_24() -> None:
    assert A.metrics["service_items_before"].value == 207
    assert A.metrics["service_items_after"].value == 24
    assert A.metrics["service_items_cut"].value == pytest.approx(1 - 24 / 207)
    assert round(A.metrics["service_items_cut"].value or 0, 3) == 0.884


def test_three_level_grid_work_architecture_and_five_level_connectivity() -> None:
    assert A.metrics["grid_levels"].value == 4  # big, middle, small net + unit grid
    assert A.metrics["work_levels"].value == 3  # district, street, community (三级工作架构)
    assert A.metrics["connectivity_levels"].value == 5  # region … community (五级联通)
    assert A.rule("grid.nets").passed
    assert A.rule("grid.work_stations").passed
    assert A.rule("grid.five_level").passed


def test_cases_resolved_in_grid_community_and_above() -> None:
    grid = A.metrics["cases_resolved_in_grid"]
    community = A.metrics["cases_resolved_in_community"]
    above = A.metrics["cases_resolved_above"]
    assert grid.by_unit == {"jf-c1": 268, "jf-c2": 231}
    assert community.by_unit == {"jf-c1": 109, "jf-c2": 96}
    assert above.by_unit == {"jf-c1": 401 - 268 - 109, "jf-c2": 347 - 231 - 96}
    # rolled up to the street: the street's own observations (499, 205 of 748)
    assert grid.by_level["street"] == {"jf-s1": 499}
    assert community.by_level["street"] == {"jf-s1": 205}
    assert above.by_level["street"] == {"jf-s1": 44}
    assert A.metrics["cases_resolved"].value == 748
    assert A.metrics["resolved_in_grid_share"].value == pytest.approx(499 / 748)
    assert A.metrics["resolved_in_community_share"].value == pytest.approx(205 / 748)
    assert A.metrics["resolved_above_share"].value == pytest.approx(44 / 748)
    assert A.metrics["resolution_rate"].value == pytest.approx(748 / 780)
    assert A.metrics["resolved_locally"].by_unit["jf-c1"] == pytest.approx(377 / 401)


def test_per_community_grid_measures_roll_up() -> None:
    grids = A.metrics["unit_grids"]
    assert grids.by_unit == {"jf-c1": 3, "jf-c2": 3}
    assert grids.by_level["district"] == {"jf": 6}
    assert A.metrics["grid_worker_coverage"].value == 1.0


def test_labels() -> None:
    assert {lab.value for lab in A.labels["arrangement"].values()} == {"complete"}
    assert set(A.labels["arrangement"]) == {"jf-c1", "jf-c2"}
    assert {lab.value for lab in A.labels["management_mode"].values()} == {"professional"}
    assert set(A.labels["tripartite"]) == {"jf-c1-x1", "jf-c1-x2", "jf-c2-x1", "jf-c2-x2"}
    assert "jf-c1" in A.labels["network_mode"]


def test_the_example_passes_every_rule() -> None:
    assert A.ok
    assert A.findings == ()


def test_json_report() -> None:
    data = json_report(A)
    assert data["model"] == "grid"
    assert data["metrics"]["linked_disposal_units"]["value"] == 52
    assert data["labels"]["arrangement"]["jf-c1"]["value"] == "complete"
    assert json.loads(A.to_json("zh"))["title"] == Grid.title_zh


# -- each rule fires on a structure that breaks it ---------------------------------------------

Breaker = Callable[[Structure], Structure]

BROKEN: list[tuple[str, str, Breaker, list[str]]] = [
    (
        "grid.core",
        "community party committee moved to the street",
        lambda s: edit(s, "organizations", "jf-c1-pc", unit="jf-s1"),
        ["jf-c1"],
    ),
    (
        "grid.base",
        "no supervision committee in a community",
        lambda s: edit(s, "organizations", "jf-c2-sc", unit="jf-s1"),
        ["jf-c2"],
    ),
    (
        "grid.base",
        "a compound without owners' committee",
        lambda s: edit(s, "organizations", "jf-c1-x2-oc", unit="jf-c1"),
        ["jf-c1-x2"],
    ),
    (
        "grid.nets",
        "a unit grid declared a small net",
        lambda s: attr(s, "units", "jf-g-c1-u1", net="small"),
        ["jf-g-c1-u1"],
    ),
    (
        "grid.nets",
        "the middle net moved into the street: the big net is empty",
        lambda s: edit(s, "units", "jf-g-s1", parent="jf-s1"),
        ["jf-g"],
    ),
    (
        "grid.nets",
        "the big net moved into the street: the district has none",
        lambda s: edit(s, "units", "jf-g", parent="jf-s1"),
        ["jf", "jf-g"],
    ),
    (
        "grid.coverage",
        "a building in no unit grid, another in the wrong community's grid",
        lambda s: edit(drop(s, "ties", "jf-tie012"), "ties", "jf-tie013", target="jf-g-c2-u1"),
        ["jf-c1-x1-b1", "jf-c1-x1-b2"],
    ),
    (
        "grid.coverage",
        "a building in two unit grids",
        lambda s: s.replace(
            ties=(*s.ties, Tie("jf-tie900", "jf-c2-x2-b3", "jf-g-c2-u1", "in_grid"))
        ),
        ["jf-c2-x2-b3"],
    ),
    (
        "grid.grid_workers",
        "a grid worker no longer responsible for a grid",
        lambda s: drop(s, "ties", "jf-tie001"),
        ["jf-g-c1-u1"],
    ),
    (
        "grid.work_stations",
        "a work station and the sub-centre escalate nowhere",
        lambda s: drop(s, "ties", "jf-tie027", "jf-tie050"),
        ["jf-c1-ws", "jf-s1-gc"],
    ),
    (
        "grid.work_stations",
        "a community without a work station",
        lambda s: edit(s, "organizations", "jf-c2-ws", unit="jf-s1"),
        ["jf-c2"],
    ),
    (
        "grid.three_in_one",
        "a work station neither marked three-in-one nor sharing a venue with police",
        lambda s: drop(
            attr(s, "organizations", "jf-c1-ws", three_in_one=None), "ties", "jf-tie030"
        ),
        ["jf-c1-ws"],
    ),
    (
        "grid.linked_units",
        "a linked disposal unit not linked",
        lambda s: drop(s, "ties", "jf-tie051"),
        ["jf-ldu1"],
    ),
    (
        "grid.five_level",
        "the district centre not linked with the region",
        lambda s: drop(s, "ties", "jf-tie057"),
        ["jf-gc"],
    ),
    (
        "grid.small_matters",
        "only 77 % of a community's cases resolved locally",
        lambda s: observe(s, "jf-obs013", 200),
        ["jf-c1"],
    ),
    (
        "grid.figures",
        "one work station published, two modelled",
        lambda s: observe(s, "jf-obs003", 1),
        ["jf"],
    ),
    (
        "grid.admission_list",
        "more service items after the list than before",
        lambda s: observe(s, "jf-obs005", 300),
        ["jf"],
    ),
    (
        "grid.three_community_linkage",
        "no social organization serves a community",
        lambda s: drop(s, "ties", "jf-tie042"),
        ["jf-c2"],
    ),
    (
        "grid.brand",
        "a community without a brand",
        lambda s: attr(s, "units", "jf-c2", brand=None),
        ["jf-c2"],
    ),
]


@pytest.mark.parametrize(
    ("rule_id", "why", "breaker", "subjects"), BROKEN, ids=[f"{r}: {w}" for r, w, _, _ in BROKEN]
)
def test_rule_fires_on_a_broken_structure(
    rule_id: str, why: str, breaker: Breaker, subjects: list[str]
) -> None:
    assert A.rule(rule_id).findings == ()  # silent on the example
    a = assess(breaker(EXAMPLE))
    severity = assert_found(a, rule_id, subjects)
    assert a.rule(rule_id).passed == (severity == "info")
    assert a.ok == (severity != "error")


def test_every_rule_is_exercised() -> None:
    assert {r for r, _, _, _ in BROKEN} == {r.id for r in Grid.rules()}


def test_three_in_one_by_shared_venue_alone() -> None:
    s = attr(EXAMPLE, "organizations", "jf-c1-ws", three_in_one=None)
    assert assess(s).rule("grid.three_in_one").findings == ()


def test_small_matters_target_is_a_class_attribute() -> None:
    class Strict(Grid):
        local_resolution_target = 0.95

    a = govmodel.assess(EXAMPLE, Strict)
    assert [f.subject for f in a.rule("grid.small_matters").findings] == ["jf-c1", "jf-c2"]


def test_arrangement_without_a_core_or_base() -> None:
    s = edit(EXAMPLE, "organizations", "jf-c1-pc", unit="jf-s1")
    s = edit(s, "organizations", "jf-c2-sc", unit="jf-s1")
    labels = assess(s).labels["arrangement"]
    assert labels["jf-c1"].value == "no_core"
    assert labels["jf-c2"].value == "core_only"
    assert labels["jf-c2"].reasons[1].data["missing"] == "supervision_committee"


def test_a_structure_without_grids() -> None:
    s = Structure(
        units=[
            Unit("d", "district"),
            Unit("s", "street", parent="d"),
            Unit("c", "community", parent="s"),
        ]
    )
    a = assess(s)
    assert [f.subject for f in a.rule("grid.nets").findings] == ["d"]
    assert [f.subject for f in a.rule("grid.core").findings] == ["c"]
    assert a.metrics["grid_levels"].value is None
    assert a.metrics["linked_disposal_units"].value is None
    assert a.metrics["unit_grids"].value is None
    assert not a.ok


def test_a_grid_inside_a_unit_grid() -> None:
    s = EXAMPLE.replace(units=(*EXAMPLE.units, Unit("jf-g-x", "grid", parent="jf-g-c1-u1")))
    found = assess(s).rule("grid.nets").findings
    assert [f.subject for f in found] == ["jf-g-x"]


def test_unit_grids_directly_inside_a_community() -> None:
    # the community stands for its own small net: its unit grids need no small net above
    s = Structure(
        units=[
            Unit("d", "district"),
            Unit("s", "street", parent="d"),
            Unit("c", "community", parent="s"),
            Unit("x", "compound", parent="c"),
            Unit("b", "building", parent="x"),
            Unit("g1", "grid", parent="c"),
        ],
        ties=[Tie("t1", "x", "g1", "in_grid")],
    )
    a = assess(s)
    assert a.rule("grid.coverage").findings == ()  # b lies in g1 through its compound
    assert a.metrics["unit_grids"].by_unit == {"c": 1}
    assert [f.subject for f in a.rule("grid.grid_workers").findings] == ["g1"]


def test_assess_as_of_keeps_working() -> None:
    a = govmodel.assess(EXAMPLE, "grid", as_of="2017-01")
    # before the work stations' grid workers took office (2018-01)
    assert {f.subject for f in a.rule("grid.grid_workers").findings} == {
        u.id for u in EXAMPLE.units if u.attributes.get("net") == "unit"
    }


def test_synthetic_district_assesses() -> None:
    s = govmodel.synth.district(60, seed=3, preset="jinfeng")
    a = govmodel.assess(s, "grid")
    assert a.rule("grid.work_stations").passed
    assert a.metrics["work_levels"].value == 3
    json.loads(a.to_json())


def test_arrangement_finds_the_supplement_above_inside_or_in_a_community() -> None:
    """The supplement (N) of a community: a supplementary body located in it, in a unit
    inside it, or in a unit above it read top down; a community hanging below a containment
    cycle (invalid) gets none from above."""
    units = [
        Unit("d", "district"),
        Unit("s1", "street", parent="d"),  # a property company: every community below
        Unit("c1", "community", parent="s1"),
        Unit("s2", "street", parent="d"),
        Unit("c2", "community", parent="s2"),  # none
        Unit("c3", "community", parent="s2"),
        Unit("x3", "compound", parent="c3"),  # a stationed unit inside c3
        Unit("c4", "community", parent="s2"),  # a linked disposal unit in c4 itself
        Unit("y", "street", parent="z"),  # y and z contain each other
        Unit("z", "street", parent="y"),
        Unit("c5", "community", parent="y"),  # below the cycle, y has a property company
    ]
    orgs = [
        Organization("pc1", "property_company", unit="s1"),
        Organization("su3", "stationed_unit", unit="x3"),
        Organization("ld4", "linked_disposal_unit", unit="c4"),
        Organization("pcy", "property_company", unit="y"),
    ]
    s = Structure(units=units, organizations=orgs)
    ctx = Context(s, Grid())
    labels = Grid().arrangement(ctx)
    got = {c: labels[c].reasons[2].data["supplement"] for c in labels}
    assert got == {"c1": True, "c2": False, "c3": True, "c4": True, "c5": False}
    assert all(type(v) is bool for v in got.values())
    # without the cycle, c5 has the supplement of y above it
    fixed = s.replace(units=[u if u.id != "y" else Unit("y", "street", parent="d") for u in units])
    labels = Grid().arrangement(Context(fixed, Grid()))
    assert labels["c5"].reasons[2].data["supplement"] is True
    assert labels["c2"].reasons[2].data["supplement"] is False


def test_coverage_without_unit_grids_over_several_blocks_names_each_building() -> None:
    """No unit grid anywhere: one finding per building, made a block at a time, each as
    one made alone."""
    from govmodel.models.base import BLOCK_ROWS, FindingBlock

    n = BLOCK_ROWS + 3
    units = [Unit("s", "street"), Unit("c", "community", parent="s")]
    units += [Unit("x", "compound", parent="c")]
    units += [
        Unit(f"b{i}", "building", parent="x", name=f"{i}栋" if i % 2 else "") for i in range(n)
    ]
    s = Structure(units=units)
    m = Grid()
    ctx = Context(s, m)
    ctx._rule = next(r for r in m.rules() if r.id == "grid.coverage")
    found = list(m.coverage(ctx))
    blocks = [b for b in found if isinstance(b, FindingBlock)]
    assert [len(b) for b in blocks] == [BLOCK_ROWS, 3]
    got = [f for b in blocks for f in b]
    name_of = ctx.index.name_of
    assert [f.subject for f in got] == [f"b{i}" for i in range(n)]
    for i, f in enumerate(got):
        assert f.message == f"building {name_of(f'b{i}')} lies in no unit grid"
        assert f.message_zh == f"楼栋 {name_of(f'b{i}')} 不属于任何单元网格"
        assert not f.data
    assert got[1].message == "building 1栋 (b1) lies in no unit grid"


def test_arrangement_finds_the_community_of_a_supplement_inside_a_cycle() -> None:
    """A supplementary body in a unit of a containment cycle (invalid) gives the supplement
    to a community of the cycle it walks up to, as ``ancestor_at`` finds it, and to none
    when the cycle holds no community; a body in a community itself gives it to that one."""
    units = [
        Unit("d", "district"),
        Unit("s", "street", parent="d"),
        Unit("c1", "community", parent="x1"),  # c1 and x1 contain each other
        Unit("x1", "compound", parent="c1"),
        Unit("b1", "building", parent="x1"),
        Unit("y", "street", parent="z"),  # y and z contain each other, no community
        Unit("z", "street", parent="y"),
        Unit("c2", "community", parent="z"),
        Unit("c3", "community", parent="s"),
        Unit("x3", "compound", parent="c3"),
        Unit("c4", "community", parent="s"),
    ]
    orgs = [
        Organization("su1", "stationed_unit", unit="b1"),
        Organization("su2", "stationed_unit", unit="y"),
        Organization("su3", "stationed_unit", unit="x3"),
        Organization("su4", "stationed_unit", unit="c4"),
    ]
    s = Structure(units=units, organizations=orgs)
    ctx = Context(s, Grid())
    labels = Grid().arrangement(ctx)
    got = {c: labels[c].reasons[2].data["supplement"] for c in labels}
    ix = ctx.index
    below = {ix.ancestor_at(o.unit, 5, vocab=ctx.vocab) for o in orgs} - {None}
    assert below == {"c1", "c3", "c4"}
    assert got == {"c1": True, "c2": False, "c3": True, "c4": True}


def _cases(figures: dict[str, list[tuple[str, str, float]]]) -> Structure:
    """A street of communities publishing (period, figure, value) case figures."""
    from govmodel.spec import Observation

    units = [Unit("st", "street")] + [Unit(c, "community", parent="st") for c in figures]
    names = {
        "r": "cases_resolved",
        "g": "cases_resolved_in_grid",
        "c": "cases_resolved_in_community",
    }
    obs = [
        Observation(f"{c}-{f}-{p}", c, names[f], v, period=p)
        for c, rows in figures.items()
        for p, f, v in rows
    ]
    return Structure(units=units, observations=obs)


def test_the_case_figures_of_a_community_are_read_from_one_period() -> None:
    # 2018: all three (95 % local); 2019: only the cases resolved
    s = _cases({"c": [("2018", "r", 100), ("2018", "g", 70), ("2018", "c", 25), ("2019", "r", 10)]})
    a = govmodel.assess(s, Grid)
    r = a.rule("grid.small_matters")
    assert (r.status, r.examined, len(r.findings)) == ("passed", 1, 0)
    assert a.metrics["resolved_locally"].by_unit == {"c": 0.95}
    assert a.metrics["cases_resolved_above"].by_unit == {"c": 5.0}
    # the latest period with all three is read, not an older one
    s = _cases(
        {
            "c": [
                *[("2018", "r", 100), ("2018", "g", 70), ("2018", "c", 25)],
                *[("2020", "r", 50), ("2020", "g", 20), ("2020", "c", 10)],
            ]
        }
    )
    a = govmodel.assess(s, Grid)
    assert [f.data["share"] for f in a.rule("grid.small_matters").findings] == [0.6]
    assert a.metrics["resolved_locally"].by_unit == {"c": 0.6}
    # no period with all three: the latest period's figures, the others named missing
    s = _cases({"c": [("2018", "g", 70), ("2018", "c", 25), ("2019", "r", 10)]})
    (f,) = govmodel.assess(s, Grid).rule("grid.small_matters").findings
    assert f.data["missing"] == "cases_resolved"


def test_figures_that_do_not_fit_give_no_share_and_no_negative_count() -> None:
    s = _cases(
        {
            "c1": [("2020", "r", 100), ("2020", "g", 80), ("2020", "c", 30)],
            "c2": [("2020", "r", 100), ("2020", "g", 60), ("2020", "c", 30)],
        }
    )
    a = govmodel.assess(s, Grid)
    assert [f.subject for f in a.rule("grid.small_matters").findings] == ["c1"]
    assert a.metrics["resolved_locally"].by_unit == {"c2": 0.9}
    assert a.metrics["cases_resolved_above"].by_unit == {"c2": 10.0}
    # pooled over a street whose figures do not fit: no share below 0 or above 1
    s = _cases({"c1": [("2020", "r", 100), ("2020", "g", 80), ("2020", "c", 30)]})
    a = govmodel.assess(s, Grid)
    shares = ("resolved_in_grid_share", "resolved_in_community_share", "resolved_above_share")
    assert [a.metrics[m].value for m in shares] == [None, None, None]
    assert a.metrics["resolved_locally"].by_unit == {}
