"""Hierarchy, service and governance measures at their edges, on the graph and the index."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import govmodel
from govmodel.index import StructureIndex
from govmodel.metrics.governance import coverage, cross_appointment, org_coverage
from govmodel.metrics.hierarchy import depth, rollup, span_of_control
from govmodel.metrics.service import fee_collection_change, households_per_chief, ratio
from govmodel.spec import Observation, Organization, Person, Post, Structure, Tie, Unit
from govmodel.testing import strategies as gst


def _sources(s: Structure) -> list[Any]:
    return [
        govmodel.to_graph(s),
        StructureIndex.from_structure(s, backend="python"),
        StructureIndex.from_structure(s, backend="numpy"),
    ]


def _same(a: object, b: object) -> bool:
    """Equal, type for type (``True``, ``1`` and ``1.0`` differ; ``nan`` is ``nan``)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    fields = getattr(type(a), "__attrs_attrs__", None)
    if fields is not None:
        return all(_same(getattr(a, f.name), getattr(b, f.name)) for f in fields)
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


# -- two periods alike: the one listed last ---------------------------------------------------

#: Periods of one key (they end on 31 December 2021 and start on 1 January 2021).
_ALIKE = (
    "2021",
    "2021/2021",
    "2021-01/2021-12",
    "2021-01-01/2021-12-31",
    "2021-01/2021",
    "2021/2021-12-31",
    "2021-01-01/2021",
    "2021/2021-12",
)


def test_rollup_of_two_periods_alike_reads_the_one_listed_last() -> None:
    s = Structure(
        units=[Unit("c", "community", "c"), Unit("x", "compound", "x", "c")],
        observations=[
            Observation("o1", "x", "households", 10, "2021"),
            Observation("o2", "x", "households", 20, "2021-01-01/2021-12-31"),
            Observation("o0", "x", "households", 5, "2019"),
        ],
    )
    assert govmodel.validate(s) == ()
    for source in _sources(s):
        r = rollup(source, "households")
        assert r.own == {"x": 20}
        assert r.total.total == 20
    ix = StructureIndex.of(s)
    latest = ix.latest("households", "x")
    assert latest is not None
    assert latest.value == 20
    assert ix.published("households") == 20


def test_ratio_of_periods_alike_reads_the_numerator_listed_last() -> None:
    # Each community lists the same eight periods alike in another order; the one listed
    # last (value 7) is its latest, whatever order a set of them would take.
    units = [Unit("d", "district", "d")]
    observations = []
    for k in range(len(_ALIKE)):
        c = f"c{k}"
        units.append(Unit(c, "community", c, "d"))
        for i in range(len(_ALIKE)):
            period = _ALIKE[(i + k) % len(_ALIKE)]
            observations.append(Observation(f"r{k}.{i}", c, "issues_resolved", i, period))
            observations.append(Observation(f"q{k}.{i}", c, "issues_collected", 10, period))
    s = Structure(units=units, observations=observations)
    assert govmodel.validate(s) == ()
    for source in _sources(s):
        r = ratio(source, "issues_resolved", "issues_collected")
        assert (r.numerator, r.denominator) == (7 * len(_ALIKE), 10 * len(_ALIKE))
        for k in range(len(_ALIKE)):
            one = ratio(source, "issues_resolved", "issues_collected", subject=f"c{k}")
            assert (one.numerator, one.denominator) == (7, 10)


def test_a_change_between_periods_alike_is_from_the_first_listed_to_the_last() -> None:
    s = Structure(
        units=[Unit("x", "compound", "x")],
        observations=[
            Observation("o1", "x", "fee_collection_rate", 0.5, "2021"),
            Observation("o2", "x", "fee_collection_rate", 0.75, "2021-01-01/2021-12-31"),
        ],
    )
    for source in _sources(s):
        c = fee_collection_change(source, "x")
        assert (c.before, c.after, c.difference) == (0.5, 0.75, 0.25)


# -- edges of the structure ---------------------------------------------------------------------


def test_the_empty_structure() -> None:
    for source in _sources(Structure()):
        assert depth(source) == 0
        assert span_of_control(source) == {}
        r = rollup(source, "households")
        assert (r.total.total, r.total.count, r.total.units) == (0, 0, 0)
        assert math.isnan(r.total.mean)
        rate = ratio(source, "issues_resolved", "issues_collected")
        assert (rate.numerator, rate.denominator, rate.exact) == (0, 0, None)
        assert math.isnan(rate.value)
        c = coverage(source, "party", "compound")
        assert (c.total, c.covered, c.by_unit) == (0, 0, {})
        assert math.isnan(c.rate)
        x = cross_appointment(source)
        assert math.isnan(x.rate.value)
        assert math.isnan(x.two_committees.value)
        assert households_per_chief(source).households == {}


def test_a_building_directly_under_a_community() -> None:
    s = Structure(
        units=[
            Unit("c", "community", "c"),
            Unit("b", "building", "b", "c", {"households": 4}),
            Unit("h1", "household", "h1", "b"),
            Unit("h2", "household", "h2", "c"),
        ],
        organizations=[
            Organization("pg", "building_party_group", "pg", unit="b"),
            Organization("oc", "owners_committee", "oc", unit="c"),
        ],
        people=[Person("p", "p")],
        posts=[Post("po", "p", "pg", "neighbour_chief")],
        ties=[
            Tie("t1", "p", "c", "responsible_for"),
            Tie("t2", "p", "b", "responsible_for"),
            Tie("t3", "p", "h1", "responsible_for"),
        ],
    )
    results = []
    for source in _sources(s):
        assert depth(source) == 3
        assert depth(source, root="b") == 2
        spans = span_of_control(source, child_kind="household")
        assert {k: v.total for k, v in spans.items()} == {"community": 1, "building": 1}
        r = rollup(source, "households")
        assert r.by_unit["c"].total == 4
        assert r.by_unit["c"].units == 4
        # c: its two household units; b: its attribute; h1: a household
        assert households_per_chief(source).households == {"p": 2 + 4 + 1}
        c = coverage(source, "party", "building")
        assert (c.total, c.covered, c.by_unit["c"].covered) == (1, 1, 1)
        results.append((r, c, org_coverage(source, "owners_committee")))
    assert all(_same(results[0], other) for other in results[1:])


def test_posts_and_ties_on_the_exact_day_they_start_or_end() -> None:
    s = Structure(
        units=[
            Unit("x", "compound", "x"),
            Unit("b1", "building", "b1", "x", {"households": 6}),
            Unit("b2", "building", "b2", "x", {"households": 9}),
        ],
        organizations=[Organization("pb", "compound_party_branch", "pb", unit="x")],
        people=[Person("q", "q")],
        posts=[Post("po", "q", "pb", "neighbour_chief", "2021-07-01", "2021-07-01")],
        ties=[
            Tie("t1", "q", "b1", "responsible_for", "2021-07-01"),
            Tie("t2", "q", "b2", "responsible_for", None, "2021-06-30"),
        ],
    )
    for source in _sources(s):
        assert households_per_chief(source, as_of="2021-06-30").households == {}
        assert households_per_chief(source, as_of="2021-07-01").households == {"q": 6}
        assert households_per_chief(source, as_of="2021-07-02").households == {}
        assert households_per_chief(source, as_of="2099").households == {}
        assert households_per_chief(source).households == {"q": 15}


def test_orphans_count_in_the_totals_only() -> None:
    # a compound with no parent, and an owners' committee located nowhere
    s = Structure(
        units=[
            Unit("x", "compound", "x"),
            Unit("c", "community", "c"),
            Unit("y", "compound", "y", "c"),
        ],
        organizations=[
            Organization("pb", "compound_party_branch", "pb", unit="x"),
            Organization("oc1", "owners_committee", "oc1"),
            Organization("oc2", "owners_committee", "oc2", unit="y"),
            Organization("pg", "party_group", "pg", attributes={"is_party": True}),
        ],
        ties=[Tie("t", "pg", "oc1", "embedded_in")],
    )
    results = []
    for source in _sources(s):
        c = coverage(source, "party", "compound")
        assert (c.total, c.covered, c.uncovered) == (2, 1, ("y",))
        assert list(c.by_unit) == ["c"]
        o = org_coverage(source, "owners_committee")
        assert (o.total, o.covered, o.uncovered) == (2, 1, ("oc2",))
        assert list(o.by_unit) == ["c", "y"]
        results.append((c, o))
    assert all(_same(results[0], other) for other in results[1:])


@pytest.mark.parametrize("value", [2**63, 2**64 + 1, -(2**63) - 1])
def test_counts_beyond_int64_are_summed_exactly(value: int) -> None:
    s = Structure(
        units=[
            Unit("c", "community", "c"),
            Unit("x", "compound", "x", "c", {"households": value}),
            Unit("y", "compound", "y", "c", {"households": 3}),
        ]
    )
    for source in _sources(s):
        r = rollup(source, "households", recorded="own")
        assert type(r.total.total) is int
        assert r.total.total == value + 3


def test_a_bool_attribute_is_not_a_count() -> None:
    s = Structure(units=[Unit("x", "compound", "x", None, {"households": True})])
    for source in _sources(s):
        with pytest.raises(ValueError, match="not a finite number"):
            rollup(source, "households")


@pytest.mark.parametrize(
    ("big", "top"),
    [(1e308, 1.0), (1e308, 1), (10**400, 1.0)],
    ids=["floats", "an-int-over-floats", "a-huge-int"],
)
def test_a_recorded_value_over_children_beyond_a_floats_range_is_a_value_error(
    big: float, top: float
) -> None:
    # the children's sum, compared with the community's recorded value, is no float
    s = Structure(
        units=[
            Unit("c", "community", "c", None, {"households": top}),
            Unit("x", "compound", "x", "c", {"households": big}),
            Unit("y", "compound", "y", "c", {"households": 1e308}),
        ]
    )
    for source in _sources(s):
        with pytest.raises(ValueError, match="beyond a float's range"):
            rollup(source, "households")


# -- the graph and the index agree ------------------------------------------------------------


def _measures(s: Structure) -> list[tuple[str, Any]]:
    indicators = sorted({o.indicator for o in s.observations})
    subjects = sorted({o.subject for o in s.observations})
    org_kinds = [*sorted({o.kind for o in s.organizations})[:2], "party"]
    unit_kinds = sorted({u.kind for u in s.units})[:2] or ["compound"]
    days = [None, "2021", *(p.start for p in s.posts if p.start)][:4]
    out: list[tuple[str, Any]] = []
    for view in ("containment", "party", "leadership"):
        out.append((f"depth {view}", lambda X, v=view: depth(X, view=v)))
        out.append((f"span {view}", lambda X, v=view: span_of_control(X, view=v)))
    for u in s.units[:2]:
        out.append((f"depth {u.id}", lambda X, u=u.id: depth(X, root=u)))
    for a in [*indicators, "households"]:
        for how in ("sum", "mean"):
            for rec in ("inclusive", "own"):
                out.append(
                    (f"rollup {a}", lambda X, a=a, h=how, r=rec: rollup(X, a, how=h, recorded=r))
                )
    for a in indicators:
        for b in indicators:
            out.append((f"ratio {a} {b}", lambda X, a=a, b=b: ratio(X, a, b)))
        for subject in subjects:
            out.append(
                (
                    f"change {a} {subject}",
                    lambda X, a=a, s=subject: fee_collection_change(X, s, indicator=a),
                )
            )
    for day in days:
        out.append((f"chiefs {day}", lambda X, d=day: households_per_chief(X, as_of=d)))
        out.append((f"cross {day}", lambda X, d=day: cross_appointment(X, as_of=d)))
    for ok in org_kinds:
        for uk in unit_kinds:
            out.append((f"coverage {ok} {uk}", lambda X, o=ok, u=uk: coverage(X, o, u)))
        for hk in org_kinds:
            out.append(
                (f"org_coverage {ok} {hk}", lambda X, o=ok, h=hk: org_coverage(X, h, org_kind=o))
            )
    return out


def _outcome(f: Any, source: Any) -> tuple[str, Any]:
    try:
        return ("ok", f(source))
    except Exception as exc:  # the same error both ways
        return (type(exc).__name__, str(exc))


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(gst.structures(max_units=12, max_observations=10))
def test_the_graph_and_the_index_agree_field_for_field(s: Structure) -> None:
    sources = _sources(s)
    for name, f in _measures(s):
        first = _outcome(f, sources[0])
        for source in sources[1:]:
            got = _outcome(f, source)
            assert got[0] == first[0], name
            assert _same(got[1], first[1]), name


# -- time: linear on a deep chain and on a star ------------------------------------------------


def _shaped(shape: str, n: int) -> Structure:
    """``n`` compounds under one community, in a chain (each inside the one before) or a
    star; each reports issues (periods alike for the first), half host a party branch whose
    members are chiefs of a building, and one person is responsible for every compound."""
    units = [Unit("r", "community", "r", None, {"households": 1.5})]
    for i in range(n):
        above = f"u{i - 1}" if shape == "chain" and i else "r"
        units.append(Unit(f"u{i}", "compound", f"u{i}", above, {"households": i / 10}))
    orgs = [
        Organization(f"o{i}", "compound_party_branch", "o", unit=f"u{i}") for i in range(0, n, 2)
    ]
    orgs += [Organization(f"w{i}", "owners_committee", "w", unit=f"u{i}") for i in range(0, n, 3)]
    people = [Person(f"p{i}", "p") for i in range(n)]
    posts = [
        Post(
            f"po{i}",
            f"p{i}",
            f"o{i // 2 * 2}",
            "secretary" if i % 3 == 0 else "neighbour_chief",
            "2020",
        )
        for i in range(n)
    ]
    posts += [Post(f"pw{i}", f"p{i}", f"w{i}", "chair") for i in range(0, n, 3)]
    ties = [Tie(f"t{i}", "p1", f"u{i}", "responsible_for") for i in range(n)]
    observations = []
    for i in range(n):
        for j, period in enumerate(_ALIKE[: 1 + (i == 0) * 7]):
            observations.append(Observation(f"a{i}.{j}", f"u{i}", "issues_resolved", i, period))
            observations.append(
                Observation(f"b{i}.{j}", f"u{i}", "issues_collected", i + 1, period)
            )
    return Structure(
        units=units,
        organizations=orgs,
        people=people,
        posts=posts,
        ties=ties,
        observations=observations,
    )


_TIMED: dict[str, Any] = {
    "rollup": lambda X: (rollup(X, "households", recorded="own"), rollup(X, "issues_resolved")),
    "shape": lambda X: (depth(X), depth(X, root="r"), span_of_control(X)),
    "ratio": lambda X: ratio(X, "issues_resolved", "issues_collected"),
    "chiefs": lambda X: (households_per_chief(X), households_per_chief(X, as_of="2021")),
    "coverage": lambda X: (coverage(X, "party", "compound"), org_coverage(X, "owners_committee")),
    "cross": lambda X: (cross_appointment(X), cross_appointment(X, as_of="2021")),
}


@pytest.mark.timing
@pytest.mark.parametrize("shape", ["chain", "star"])
@pytest.mark.parametrize("measure", sorted(_TIMED))
@pytest.mark.parametrize("on", ["graph", "index"])
def test_measures_grow_linearly(on: str, measure: str, shape: str) -> None:
    from govmodel.testing.linear import assert_linear

    def make(n: int) -> Any:
        s = _shaped(shape, n)
        return govmodel.to_graph(s) if on == "graph" else StructureIndex.of(s)

    assert_linear(make, _TIMED[measure], 2000, fresh=on == "index")
