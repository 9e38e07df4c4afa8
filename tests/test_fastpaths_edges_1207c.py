"""The measures and classifiers give one answer on a graph and on either backend of an index.

Each measure of govmodel.metrics and each classifier that accepts a networkx graph or a
StructureIndex (numpy or plain Python) is held here against itself on the other paths, on
structures at the edges: numbers beyond int64, invalid dates met past a person's ties,
relations that are the graph's own edges, worst-case shapes for time, and structures
Hypothesis draws, valid or not.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govmodel
from govmodel import SpecError
from govmodel.classify import classify
from govmodel.index import StructureIndex, has_numpy
from govmodel.metrics import governance, hierarchy, service
from govmodel.spec import Organization, Person, Post, Structure, Tie, Unit
from govmodel.testing.linear import assert_linear

BACKENDS = [
    "python",
    pytest.param("numpy", marks=pytest.mark.skipif(not has_numpy(), reason="numpy")),
]


def _exact(x: Any) -> Any:
    """``x`` in a form that compares type-exactly (1, 1.0 and True differ; NaN equals NaN),
    with the order of every mapping and sequence."""
    if attrs.has(type(x)):
        fields = attrs.fields(type(x))
        return (type(x).__name__, tuple((f.name, _exact(getattr(x, f.name))) for f in fields))
    if hasattr(x, "items"):
        return ("map", tuple((_exact(k), _exact(v)) for k, v in x.items()))
    if isinstance(x, list | tuple):
        return (type(x).__name__, tuple(map(_exact, x)))
    if isinstance(x, set | frozenset):
        return (type(x).__name__, tuple(sorted(map(repr, x))))
    if hasattr(x, "to_dict"):
        return (type(x).__name__, repr(x.to_dict()))
    return (type(x).__name__, repr(x))


def _outcome(run: Any) -> Any:
    try:
        return "ok", _exact(run())
    except SpecError as exc:
        return "SpecError", repr(exc.problems)
    except (ValueError, KeyError, TypeError) as exc:
        return type(exc).__name__, str(exc)


def _sources(s: Structure) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = [("graph", govmodel.to_graph(s))]
    for backend in ("python", "numpy") if has_numpy() else ("python",):
        out.append((backend, StructureIndex.from_structure(s, backend=backend)))
    return out


def _same_everywhere(s: Structure, measure: Any, *args: Any, **kw: Any) -> Any:
    """The outcome of ``measure`` on the graph, asserted the same on each index."""
    (_, G), *indexes = _sources(s)
    expected = _outcome(lambda: measure(G, *args, **kw))
    for backend, ix in indexes:
        assert _outcome(lambda ix=ix: measure(ix, *args, **kw)) == expected, backend
    return expected


# -- rollup: integers beyond int64 ---------------------------------------------------------------


@pytest.mark.parametrize(
    "values",
    [
        pytest.param((10**30,), id="one value beyond int64"),
        pytest.param((2**62, 2**62), id="two values whose sum leaves int64"),
        pytest.param((-(2**63), 2**63 - 1), id="the ends of int64"),
    ],
)
@pytest.mark.parametrize("how", ["sum", "mean"])
def test_rollup_of_own_values_beyond_int64_is_exact_on_the_index(
    values: tuple[int, ...], how: str
) -> None:
    """recorded="own" sums every subtree exactly: the index used to raise OverflowError
    (a value beyond int64) or wrap around (a sum beyond it, with numpy)."""
    units = [Unit("u0", "district", attributes={"households": values[0]})]
    units += [
        Unit(f"u{i}", "street", parent="u0", attributes={"households": v})
        for i, v in enumerate(values[1:], start=1)
    ]
    s = Structure(units=units)
    got = _same_everywhere(s, hierarchy.rollup, "households", how=how, recorded="own")
    assert got[0] == "ok"
    ix = StructureIndex.from_structure(s, backend="python")
    total = hierarchy.rollup(ix, "households", recorded="own").total.total
    assert total == sum(values)
    assert type(total) is int


@pytest.mark.parametrize("backend", BACKENDS)
def test_unit_numbers_beyond_int64_are_the_plain_values(backend: str) -> None:
    """An int beyond int64 is no array's: unit_numbers gives the plain list, as it does
    for any value that is not an int, where it raised OverflowError."""
    s = Structure(
        units=[
            Unit("a", "compound", attributes={"households": 10**30}),
            Unit("b", "compound", attributes={"households": 2**63 - 1}),
            Unit("c", "compound"),
        ]
    )
    ix = StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
    assert ix.unit_numbers("households") == ([10**30, 2**63 - 1, None], [True, True, False])
    fits = StructureIndex.from_structure(Structure(units=s.units[1:]), backend=backend)  # type: ignore[arg-type]
    values, present = fits.unit_numbers("households")
    assert list(values) == [2**63 - 1, 0]
    assert present == [True, False]


# -- cross_appointment: the first invalid date -----------------------------------------------------


@pytest.mark.parametrize("as_of", ["2020", "2023-06"])
def test_an_invalid_post_date_is_found_after_a_persons_ties(as_of: str) -> None:
    """The first invalid date is looked for among a person's posts, not at the positions
    of the person's ties: a tie numbered past the posts raised IndexError, and one
    numbered like another person's post named that post with the wrong person."""
    units = [Unit("x", "compound")]
    orgs = [
        Organization("o", "owners_committee", unit="x"),
        Organization("o2", "owners_committee", unit="x"),
    ]
    people = [Person("p0"), Person("p1")]
    posts = [Post("ok", "p0", "o2", "chair"), Post("bad", "p1", "o", "chair", end="2021-13")]
    for ties in (
        [
            Tie("t0", "x", "x", "serves"),
            Tie("t1", "x", "x", "serves"),
            Tie("t", "p0", "x", "serves"),
        ],
        [Tie("t0", "x", "x", "serves"), Tie("t", "p0", "x", "serves")],
    ):
        s = Structure(units=units, organizations=orgs, people=people, posts=posts, ties=ties)
        got = _same_everywhere(s, governance.cross_appointment, as_of=as_of)
        assert got[0] == "SpecError"
        assert "edges['p1','o','bad']" in got[1]


# -- coverage through the graph's own edges ---------------------------------------------------------


def _led() -> Structure:
    return Structure(
        units=[
            Unit("c", "community"),
            Unit("x", "compound", parent="c"),
            Unit("y", "compound", parent="pb"),  # invalid: contained by an organization
        ],
        organizations=[
            Organization("pb", "compound_party_branch", unit="x"),
            Organization("oc", "owners_committee", unit="x", parent="pb"),
            Organization("oc2", "owners_committee", unit="x"),
            Organization("pc", "property_company", unit="x", parent="oc"),
            Organization("self", "compound_party_branch", unit="c", parent="self"),
        ],
        ties=[Tie("t", "pb", "oc", "leads"), Tie("u", "pb", "oc2", "embedded_in")],
        decisions=[govmodel.spec.Decision("d", "oc", "fees")],
    )


@pytest.mark.parametrize(
    "via",
    [
        ("leads",),
        ("leads", "embedded_in"),
        ("located_in", "leads"),
        ("decides",),
        ("contains", "located_in"),
        "leads",
    ],
)
def test_coverage_via_the_graphs_own_edges_is_the_graphs(via: Any) -> None:
    """An organization leading another has an edge to it in the graph, which org_coverage
    and coverage count when ``leads`` is among ``via`` (and likewise ``decides``, and
    ``contains`` from an organization given as a unit's parent): the index used to read
    only seats and ties."""
    s = _led()
    for host in ("owners_committee", ("owners_committee", "property_company")):
        _same_everywhere(s, governance.org_coverage, host, via=via)
        _same_everywhere(s, governance.org_coverage, host, org_kind="owners_committee", via=via)
    _same_everywhere(s, governance.coverage, "party", "compound", via=via)
    ix = StructureIndex.from_structure(s)
    if "leads" in via:
        assert governance.org_coverage(ix, "owners_committee", via=via).covered >= 1
        assert ix.located(("leads",))["oc"] == ["pb"]


@pytest.mark.timing
def test_located_is_linear_in_the_organizations_tied_to_one_unit() -> None:
    """Each organization is listed once per node without scanning the node's list: many
    organizations serving one unit took quadratic time."""

    def make(n: int) -> StructureIndex:
        s = Structure(
            units=[Unit("x", "compound")],
            organizations=[Organization(f"o{i}", "compound_party_branch") for i in range(n)],
            ties=[Tie(f"t{i}", f"o{i}", "x", "serves") for i in range(n)],
        )
        return StructureIndex.from_structure(s)

    assert_linear(make, lambda ix: ix.located(("located_in", "serves")), 4_000, fresh=True)


# -- the graph's node attributes --------------------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
def test_unit_attribute_reads_a_units_history_as_the_graph_has_it(backend: str) -> None:
    """start, end, replaced_by and formed_from are node attributes of the graph: the index
    read them as absent, so that rollup of one was refused on the graph alone."""
    s = Structure(
        units=[
            Unit("u0", "district", start="2020", end="2022", replaced_by="u1"),
            Unit("u1", "street", parent="u0", formed_from=["u0", "天河"], start="2022"),
            Unit("u2", "street", parent="u0", attributes={"start": 3}),
        ]
    )
    G = govmodel.to_graph(s)
    ix = StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
    for name in ("start", "end", "replaced_by", "formed_from", "attr:start", "identifiers"):
        assert ix.unit_attribute(name) == [G.nodes[u.id].get(name) for u in s.units], name
        _same_everywhere(s, hierarchy.rollup, name, include_observations=False)
    assert ix.unit_attribute("formed_from")[1] == '["u0", "天河"]'


# -- any structure, valid or not ------------------------------------------------------------------

_UNIT_KINDS = ("district", "community", "compound", "building", "household", "grid", "weird")
_ORG_KINDS = (
    "compound_party_branch",
    "community_party_committee",
    "residents_committee",
    "owners_committee",
    "property_company",
    "service_station",
    "weird_org",
)
_ROLES = ("secretary", "chair", "member", "neighbour_chief", "deputy,chair")
_RELATIONS = ("serves", "links", "responsible_for", "embedded_in", "manages", "leads", "post")
_VALUES = st.one_of(
    st.integers(-1, 20),
    st.sampled_from([0.5, 1.0, -0.0, True, "commodity", "yes", float("nan"), 10**20]),
)
_DATES = st.none() | st.sampled_from(["2019", "2021-06", "2024", "2021-13"])
_VOCABULARIES = (
    (),
    (govmodel.vocab.Term("unit_kinds", "weird", "weird", rank=6),),
    (
        govmodel.vocab.Term("unit_kinds", "compound", "compound", rank=5),
        govmodel.vocab.Term("unit_kinds", "community", "community", rank=6),
    ),
    (govmodel.vocab.Term("organization_kinds", "owners_committee", "oc", party=True),),
)


@st.composite
def _any_structure(draw: Any) -> Structure:
    """A small structure of any shape to_graph can draw: containment and leadership cycles,
    units and organizations in nothing, self ties, ties to observations and decisions,
    repeated posts, unknown kinds, re-ranked kinds and odd values."""
    n = 6
    uids = [f"u{i}" for i in range(draw(st.integers(0, n)))]
    oids = [f"o{i}" for i in range(draw(st.integers(0, n)))]
    pids = [f"p{i}" for i in range(draw(st.integers(0, 3)))]

    def ref(ids: list[str]) -> Any:
        return st.none() | st.sampled_from(ids) if ids else st.none()

    attrs_ = st.dictionaries(st.sampled_from(["households", "origin", "a"]), _VALUES, max_size=2)
    units = [
        Unit(u, draw(st.sampled_from(_UNIT_KINDS)), parent=draw(ref(uids)), attributes=draw(attrs_))
        for u in uids
    ]
    orgs = [
        Organization(
            o,
            draw(st.sampled_from(_ORG_KINDS)),
            unit=draw(ref(uids + pids)),
            parent=draw(ref(oids)),
            attributes=draw(attrs_),
        )
        for o in oids
    ]
    posts = []
    if pids and oids:
        for i in range(draw(st.integers(0, 8))):
            posts.append(
                Post(
                    f"po{i}",
                    draw(st.sampled_from(pids)),
                    draw(st.sampled_from(oids)),
                    draw(st.sampled_from(_ROLES)),
                    start=draw(_DATES),
                    end=draw(_DATES),
                )
            )
    nodes = uids + oids + pids
    observations = []
    if nodes:
        for i in range(draw(st.integers(0, 5))):
            observations.append(
                govmodel.Observation(
                    f"ob{i}",
                    draw(st.sampled_from(nodes)),
                    draw(st.sampled_from(["a", "b", "households"])),
                    draw(st.integers(0, 9) | st.sampled_from([0.5, 2.0])),
                    period=draw(st.none() | st.sampled_from(["2020", "2021", "bogus"])),
                )
            )
    decisions = [govmodel.spec.Decision(f"d{i}", o, "m") for i, o in enumerate(oids[:1])]
    every = nodes + [o.id for o in observations] + [d.id for d in decisions]
    ties = []
    if every:
        for i in range(draw(st.integers(0, 6))):
            ties.append(
                Tie(
                    f"t{i}",
                    draw(st.sampled_from(every)),
                    draw(st.sampled_from(every)),
                    draw(st.sampled_from(_RELATIONS)),
                    start=draw(_DATES),
                )
            )
    return Structure(
        units=units,
        organizations=orgs,
        people=[Person(p) for p in pids],
        posts=posts,
        ties=ties,
        observations=observations,
        decisions=decisions,
        vocabulary=draw(st.sampled_from(_VOCABULARIES)),
    )


_MEASURES: list[tuple[Any, tuple[Any, ...], dict[str, Any]]] = [
    (governance.coverage, ("party", "compound"), {}),
    (governance.coverage, ("party", ("compound", "weird")), {"via": ("located_in", "serves")}),
    (governance.org_coverage, ("owners_committee",), {"via": ("embedded_in", "leads")}),
    (governance.cross_appointment, (), {}),
    (governance.cross_appointment, (), {"as_of": "2022"}),
    (service.ratio, ("a", "b"), {}),
    (service.households_per_chief, (), {}),
    (service.households_per_chief, (), {"role": "chair", "as_of": "2022"}),
    (service.fee_collection_change, ("u0",), {"indicator": "a"}),
    (hierarchy.rollup, ("households",), {}),
    (hierarchy.rollup, ("households",), {"how": "mean", "recorded": "own"}),
    (hierarchy.rollup, ("a",), {"include_observations": False}),
    (hierarchy.depth, (), {"view": "party"}),
    (hierarchy.depth, (), {"root": "u0"}),
    (hierarchy.span_of_control, (), {"view": "leadership"}),
    (hierarchy.span_of_control, (), {"child_kind": "compound"}),
]


@settings(max_examples=25, deadline=None)
@given(_any_structure())
def test_every_path_gives_one_answer_on_any_structure(s: Structure) -> None:
    try:
        sources = _sources(s)
    except SpecError:
        return  # a structure to_graph cannot draw: the index refuses it alike (test_index)
    (_, G), *indexes = sources
    for measure, args, kw in _MEASURES:
        expected = _outcome(lambda: measure(G, *args, **kw))  # noqa: B023
        for backend, ix in indexes:
            got = _outcome(lambda ix=ix: measure(ix, *args, **kw))  # noqa: B023
            assert got == expected, (measure.__name__, args, kw, backend)
    labels = _outcome(lambda: classify(G))
    for _, ix in indexes:
        assert _outcome(lambda ix=ix: classify(ix)) == labels
    assert _outcome(lambda: classify(s)) == labels
