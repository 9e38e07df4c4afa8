"""Tests of govmodel.metrics.hierarchy: depth, span of control and rollups."""

from __future__ import annotations

import math
import statistics

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govmodel
from govmodel.errors import SpecError
from govmodel.metrics.hierarchy import Aggregate, depth, rollup, span_of_control
from govmodel.spec import Observation, Organization, Structure, Unit


def _units(*rows: tuple[str, str, str | None, int | float | None]) -> list[Unit]:
    return [
        Unit(i, kind, parent=parent, attributes={} if v is None else {"households": v})
        for i, kind, parent, v in rows
    ]


# A street with two communities; households recorded on buildings only.
LEAVES = Structure(
    units=_units(
        ("s", "street", None, None),
        ("c1", "community", "s", None),
        ("c2", "community", "s", None),
        ("x1", "compound", "c1", None),
        ("x2", "compound", "c1", None),
        ("x3", "compound", "c2", None),
        ("b1", "building", "x1", 10),
        ("b2", "building", "x1", 20),
        ("b3", "building", "x2", 30),
        ("b4", "building", "x3", 5),
    )
)


def test_depth_counts_levels_in_nodes() -> None:
    G = govmodel.to_graph(LEAVES)
    assert depth(G) == 4
    assert depth(G, root="c2") == 3
    assert depth(G, root="b4") == 1
    assert depth(nx.MultiDiGraph()) == 0


def test_depth_of_the_party_hierarchy_ignores_non_party_organizations() -> None:
    s = Structure(
        organizations=[
            Organization("pwc", "street_party_working_committee"),
            Organization("cpc", "community_party_committee", parent="pwc"),
            Organization("rc", "residents_committee", parent="cpc"),
            Organization("oc", "owners_committee", parent="rc"),
            Organization("pb", "compound_party_branch", parent="cpc"),
            Organization("pg", "building_party_group", parent="pb"),
        ]
    )
    G = govmodel.to_graph(s)
    assert depth(G, view="party") == 4
    assert depth(G, view="leadership") == 4  # pwc > cpc > rc > oc and pwc > cpc > pb > pg
    assert depth(G, view="containment") == 0


def test_depth_rejects_unknown_view_and_root() -> None:
    G = govmodel.to_graph(LEAVES)
    with pytest.raises(ValueError, match="unknown view"):
        depth(G, view="grid")  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        depth(G, root="nowhere")


def test_a_containment_cycle_is_a_spec_error() -> None:
    G = nx.MultiDiGraph()
    for u in ("a", "b"):
        G.add_node(u, entity="unit", kind="compound")
    G.add_edge("a", "b", relation="contains")
    G.add_edge("b", "a", relation="contains")
    with pytest.raises(SpecError) as err:
        depth(G)
    assert err.value.codes == ("containment-cycle",)


def test_two_parents_are_a_spec_error() -> None:
    G = nx.MultiDiGraph()
    for u in ("a", "b", "c"):
        G.add_node(u, entity="unit", kind="compound")
    G.add_edge("a", "c", relation="contains")
    G.add_edge("b", "c", relation="contains")
    with pytest.raises(SpecError) as err:
        rollup(G, "households")
    assert err.value.codes == ("multiple-parents",)


def test_span_of_control_by_parent_kind() -> None:
    G = govmodel.to_graph(LEAVES)
    spans = span_of_control(G)
    assert list(spans) == ["street", "community", "compound"]
    assert spans["street"] == _stats([2])
    assert spans["community"] == _stats([2, 1])
    assert spans["compound"] == _stats([2, 1, 1])


def test_span_of_control_of_one_child_kind() -> None:
    s = Structure(
        units=[
            *LEAVES.units,
            Unit("g1", "grid", parent="c1"),
            Unit("g2", "grid", parent="c2"),
            Unit("g3", "grid", parent="c2"),
        ]
    )
    G = govmodel.to_graph(s)
    assert span_of_control(G)["community"] == _stats([3, 3])
    assert span_of_control(G, child_kind="compound")["community"] == _stats([2, 1])
    assert list(span_of_control(G, child_kind="grid")) == ["community"]


def _stats(values: list[int]) -> object:
    from govmodel.metrics.hierarchy import SpanStats

    return SpanStats(
        n=len(values),
        total=sum(values),
        min=min(values),
        median=float(statistics.median(values)),
        mean=sum(values) / len(values),
        max=max(values),
    )


def test_rollup_of_leaf_values() -> None:
    G = govmodel.to_graph(LEAVES)
    r = rollup(G, "households")
    assert r.total == Aggregate(total=65, count=4, units=10, mean=16.25)
    assert r.values["c1"] == 60
    assert r.values["c2"] == 5
    assert r.by_unit["x1"] == Aggregate(total=30, count=2, units=3, mean=15.0)
    assert r.by_unit["b4"] == Aggregate(total=5, count=1, units=1, mean=5.0)
    assert r.by_level["building"] == Aggregate(total=65, count=4, units=4, mean=16.25)
    assert r.by_level["compound"].count == 0
    assert math.isnan(r.by_level["compound"].mean)
    assert r.mismatches == {}
    means = rollup(G, "households", how="mean")
    assert means.values["c1"] == 20.0  # (10 + 20 + 30) / 3, not the mean of 15 and 30
    own = rollup(G, "households", recorded="own").by_unit
    assert {u: _key(a) for u, a in own.items()} == {u: _key(a) for u, a in r.by_unit.items()}


def test_rollup_of_inclusive_and_own_values() -> None:
    s = Structure(
        units=_units(
            ("c", "community", None, None),
            ("x1", "compound", "c", 100),
            ("x2", "compound", "c", None),
            ("b1", "building", "x1", 60),
            ("b2", "building", "x1", 30),
            ("b3", "building", "x2", 7),
        )
    )
    G = govmodel.to_graph(s)
    inclusive = rollup(G, "households")
    assert inclusive.values == {"c": 107, "x1": 100, "x2": 7, "b1": 60, "b2": 30, "b3": 7}
    assert inclusive.by_unit["c"].count == 2
    assert inclusive.mismatches == {"x1": (100, 90)}
    own = rollup(G, "households", recorded="own")
    assert own.values == {"c": 197, "x1": 190, "x2": 7, "b1": 60, "b2": 30, "b3": 7}
    assert own.mismatches == {}


def test_rollup_reads_observations_before_attributes() -> None:
    s = Structure(
        units=_units(("c", "community", None, None), ("x1", "compound", "c", 10)),
        observations=[
            Observation("o1", "x1", "households", 12, period="2020"),
            Observation("o2", "x1", "households", 15, period="2022"),
            Observation("o3", "c", "households", 40, period="2020/2021"),
        ],
    )
    G = govmodel.to_graph(s)
    assert rollup(G, "households", recorded="own").own == {"c": 40, "x1": 15}
    assert rollup(G, "households", period="2020").own == {"x1": 12}
    assert rollup(G, "households", period="1999").own == {"x1": 10}  # the attribute holds
    assert rollup(G, "households", include_observations=False).own == {"x1": 10}
    dup = s.replace(
        observations=[*s.observations, Observation("o4", "x1", "households", 16, period="2022")]
    )
    with pytest.raises(SpecError) as err:
        rollup(govmodel.to_graph(dup), "households")
    assert err.value.codes == ("duplicate-observation",)


def test_rollup_reads_a_period_that_names_no_date_as_the_oldest_on_both_paths() -> None:
    # the graph read such a period with a ValueError, the index as no period
    from govmodel.index import StructureIndex

    s = Structure(
        units=_units(("c", "community", None, None), ("x1", "compound", "c", 10)),
        observations=[
            Observation("o1", "x1", "households", 12, period="2020"),
            Observation("o2", "x1", "households", 15, period="soon"),
        ],
    )
    for read in (govmodel.to_graph(s), StructureIndex.of(s)):
        assert rollup(read, "households", recorded="own").own == {"x1": 12}


def test_rollup_of_floats_is_exact() -> None:
    s = Structure(
        units=[
            Unit("c", "community"),
            *(
                Unit(f"x{i}", "compound", parent="c", attributes={"area_km2": 0.1})
                for i in range(10)
            ),
        ]
    )
    r = rollup(govmodel.to_graph(s), "area_km2")
    assert sum([0.1] * 10) != 1.0  # naive addition drifts
    assert r.total.total == math.fsum([0.1] * 10) == 1.0
    assert r.by_unit["c"].mean == 0.1


def test_rollup_rejects_non_numbers() -> None:
    G = govmodel.to_graph(Structure(units=[Unit("x", "compound", attributes={"origin": "a"})]))
    with pytest.raises(ValueError, match="not a finite number"):
        rollup(G, "origin")
    with pytest.raises(ValueError, match="unknown how"):
        rollup(G, "households", how="max")  # type: ignore[arg-type]


# -- property tests -------------------------------------------------------------------------------

values = st.one_of(
    st.none(),
    st.integers(min_value=0, max_value=10_000),
    st.floats(min_value=0, max_value=1e6, allow_nan=False),
)


@st.composite
def forests(draw: st.DrawFn) -> tuple[nx.MultiDiGraph, dict[str, int | float]]:
    """A random forest of units as a hand-built govmodel graph, and the recorded values."""
    n = draw(st.integers(min_value=1, max_value=30))
    G = nx.MultiDiGraph()
    recorded: dict[str, int | float] = {}
    ints = draw(st.booleans())
    for i in range(n):
        v = draw(values)
        if ints and isinstance(v, float):
            v = int(v)
        attrs = {} if v is None else {"households": v}
        if v is not None:
            recorded[f"u{i}"] = v
        G.add_node(
            f"u{i}", entity="unit", kind=draw(st.sampled_from(["community", "compound"])), **attrs
        )
        parent = (
            draw(st.one_of(st.none(), st.integers(min_value=0, max_value=i - 1))) if i else None
        )
        if parent is not None:
            G.add_edge(f"u{parent}", f"u{i}", key="contains", relation="contains")
    return G, recorded


def _exact_sum(xs: list[int | float]) -> int | float:
    if all(type(x) is int for x in xs):
        return sum(xs)
    return math.fsum(xs)  # correctly rounded: the exact sum rounded once


@settings(max_examples=200, deadline=None)
@given(forests())
def test_own_rollups_sum_to_the_totals(
    data: tuple[nx.MultiDiGraph, dict[str, int | float]],
) -> None:
    G, recorded = data
    r = rollup(G, "households", recorded="own")
    assert r.total.total == _exact_sum(list(recorded.values()))
    assert r.total.count == len(recorded)
    for u in G:
        inside = [u, *nx.descendants(G, u)]
        mine = [recorded[v] for v in inside if v in recorded]
        assert r.by_unit[u].total == _exact_sum(mine)
        assert r.by_unit[u].count == len(mine)
        assert r.by_unit[u].units == len(inside)
        if mine:
            assert math.isclose(r.by_unit[u].mean, _exact_sum(mine) / len(mine), rel_tol=1e-12)


@settings(max_examples=200, deadline=None)
@given(forests())
def test_inclusive_rollups_sum_over_the_frontier(
    data: tuple[nx.MultiDiGraph, dict[str, int | float]],
) -> None:
    G, recorded = data
    r = rollup(G, "households")
    frontier = [u for u in recorded if not any(a in recorded for a in nx.ancestors(G, u))]
    assert r.total.total == _exact_sum([recorded[u] for u in frontier])
    assert r.total.count == len(frontier)
    for u, value in recorded.items():
        assert r.by_unit[u].total == value
    # with values on the leaves only, the two readings agree
    leaves = {u: v for u, v in recorded.items() if G.out_degree(u) == 0}
    H = G.copy()
    for u in recorded:
        if u not in leaves:
            del H.nodes[u]["households"]
    inclusive = rollup(H, "households").by_unit
    own = rollup(H, "households", recorded="own").by_unit
    assert {u: _key(a) for u, a in inclusive.items()} == {u: _key(a) for u, a in own.items()}


def _key(a: Aggregate) -> tuple[object, ...]:
    """An aggregate as a tuple that compares equal to itself even when its mean is nan."""
    return (a.total, a.count, a.units, None if math.isnan(a.mean) else a.mean)


# -- on the bundled datasets -----------------------------------------------------------------------


def test_yuetang_has_four_party_levels_below_the_street() -> None:
    G = govmodel.to_graph(govmodel.datasets.load("yuetang"))
    assert depth(G, view="party", root="yt-s1-pwc") == 4
    assert depth(G, view="party") == 5  # with the district party committee above


def test_xihu_households_are_recorded_at_three_levels() -> None:
    G = govmodel.to_graph(govmodel.datasets.load("xihu"))
    r = rollup(G, "households")
    compounds = [u for u, d in G.nodes(data=True) if d.get("kind") == "compound"]
    assert r.total.total == sum(G.nodes[u]["households"] for u in compounds)
    assert r.mismatches == {}
    assert rollup(G, "households", recorded="own").total.total == 3 * r.total.total


@pytest.mark.parametrize("name", govmodel.datasets.names())
@pytest.mark.parametrize("view", ["containment", "party", "leadership"])
def test_shape_agrees_with_the_graph_views(name: str, view: str) -> None:
    from govmodel.graph import containment_tree, leadership_hierarchy, party_hierarchy

    G = govmodel.to_graph(govmodel.datasets.load(name))
    T = {"containment": containment_tree, "party": party_hierarchy}.get(view, leadership_hierarchy)(
        G
    )
    assert depth(G, view=view) == (nx.dag_longest_path_length(T) + 1 if len(T) else 0)  # type: ignore[arg-type]
    spans = span_of_control(G, view=view)  # type: ignore[arg-type]
    assert sum(s.total for s in spans.values()) == T.number_of_edges()
    assert sum(s.n for s in spans.values()) == sum(1 for v in T if T.out_degree(v))
