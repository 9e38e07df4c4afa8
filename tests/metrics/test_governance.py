"""Tests of govmodel.metrics.governance: coverage, cross-appointment and key people."""

from __future__ import annotations

import math
from fractions import Fraction

import attrs
import networkx as nx
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import govmodel
from govmodel.metrics.governance import (
    CoverageCount,
    KeyLink,
    coverage,
    cross_appointment,
    key_people,
    org_coverage,
)
from govmodel.spec import Organization, Person, Post, Structure, Tie, Unit

# A community with six compounds, each failing cross-appointment in its own way but x1.
UNITS = [
    Unit("c", "community"),
    *(Unit(f"x{i}", "compound", parent="c") for i in range(1, 7)),
    Unit("b1", "building", parent="x1"),
    Unit("b2", "building", parent="x2"),
]
ORGS = [
    Organization("cpc", "community_party_committee", unit="c"),
    Organization("rc", "residents_committee", unit="c"),
    Organization("pb1", "compound_party_branch", unit="x1"),
    Organization("pg", "party_group", unit="x1"),
    Organization("oc1", "owners_committee", unit="x1"),
    Organization("pb2", "compound_party_branch", unit="x2"),
    Organization("oc2", "owners_committee", unit="x2"),
    Organization("pb3", "compound_party_branch", unit="x3"),
    Organization("oc3", "owners_committee", unit="x3"),
    Organization("oc4", "owners_committee", unit="x4"),
    Organization("pb5", "compound_party_branch", unit="x5"),
    Organization("pb6", "compound_party_branch", unit="x6"),
    Organization("oc6", "owners_committee", unit="x6"),
    Organization("bg1", "building_party_group", unit="b1"),
]
POSTS = [
    ("p1", "pb1", "secretary", "2019"),
    ("p1", "oc1", "chair", "2022"),
    ("p2", "pb2", "secretary", None),
    ("p2", "oc2", "member", None),
    ("p3", "oc2", "chair", None),
    ("p4", "pb3", "member", None),
    ("p5", "pb5", "secretary", None),
    ("p6", "pb6", "secretary", None),
    ("p7", "cpc", "secretary", None),
    ("p7", "oc2", "member", None),
    ("p8", "rc", "chair", None),
    ("p8", "oc3", "member", None),
    ("p9", "oc4", "chair", None),
    ("p10", "oc6", "member", None),
]
S = Structure(
    units=UNITS,
    organizations=ORGS,
    people=[Person(f"p{i}") for i in range(1, 11)],
    posts=[Post(f"post{i}", p, o, r, start=d) for i, (p, o, r, d) in enumerate(POSTS)],
    ties=[Tie("t1", "rc", "oc3", "guides"), Tie("t2", "pg", "oc1", "embedded_in")],
)


def test_coverage_of_compounds_by_party_organizations() -> None:
    c = coverage(govmodel.to_graph(S), "party", "compound")
    assert (c.total, c.covered, c.uncovered) == (6, 5, ("x4",))
    assert c.rate == 5 / 6
    assert c.by_unit == {"c": CoverageCount(6, 5, 5 / 6)}
    assert c.complete_by_level == {"community": CoverageCount(1, 0, 0.0)}
    branches = coverage(govmodel.to_graph(S), "compound_party_branch", "compound")
    assert branches.uncovered == ("x4",)
    assert coverage(govmodel.to_graph(S), "owners_committee", "compound").uncovered == ("x5",)


def test_coverage_rolls_up_every_level() -> None:
    c = coverage(govmodel.to_graph(S), "building_party_group", "building")
    assert (c.total, c.covered, c.uncovered) == (2, 1, ("b2",))
    assert c.by_unit == {
        "c": CoverageCount(2, 1, 0.5),
        "x1": CoverageCount(1, 1, 1.0),
        "x2": CoverageCount(1, 0, 0.0),
    }
    assert c.complete_by_level == {
        "community": CoverageCount(1, 0, 0.0),
        "compound": CoverageCount(2, 1, 0.5),
    }


def test_coverage_counts_the_unit_itself_only() -> None:
    # the community party committee sits in the community, not in its compounds
    c = coverage(govmodel.to_graph(S), "community_party_committee", "compound")
    assert c.covered == 0
    assert coverage(govmodel.to_graph(S), "community_party_committee", "community").covered == 1


def test_coverage_via_other_relations() -> None:
    s = S.replace(ties=[*S.ties, Tie("t3", "pb5", "x4", "serves")])
    assert coverage(govmodel.to_graph(s), "party", "compound").covered == 5
    assert (
        coverage(govmodel.to_graph(s), "party", "compound", via=("located_in", "serves")).rate == 1
    )


def test_an_invalid_tie_borrowing_located_in_does_not_cover() -> None:
    s = S.replace(ties=[*S.ties, Tie("t3", "pb5", "x4", "located_in")])
    G = govmodel.to_graph(s)
    assert G.edges["pb5", "x4", "t3"]["tie"] is True
    assert coverage(G, "party", "compound").uncovered == ("x4",)


def test_coverage_of_a_hand_built_graph_without_derived_attributes() -> None:
    G = nx.MultiDiGraph()
    G.add_node("c", entity="unit", kind="community")
    for x in ("x1", "x2"):
        G.add_node(x, entity="unit", kind="compound")
        G.add_edge("c", x, key="contains", relation="contains")
    G.add_node("pb", entity="organization", kind="compound_party_branch")  # no is_party
    G.add_edge("pb", "x1", key="located_in", relation="located_in")
    c = coverage(G, "party", "compound")
    assert (c.covered, c.total) == (1, 2)
    assert coverage(G, ["owners_committee"], "compound").covered == 0
    with pytest.raises(ValueError, match="at least one kind"):
        coverage(G, [], "compound")


def test_empty_coverage_is_nan() -> None:
    c = coverage(govmodel.to_graph(S), "party", "courtyard")
    assert (c.total, c.covered, c.by_unit) == (0, 0, {})
    assert math.isnan(c.rate)


def test_org_coverage_by_embedded_party_organizations() -> None:
    c = org_coverage(govmodel.to_graph(S), "owners_committee")
    assert (c.total, c.covered) == (5, 1)
    assert c.uncovered == ("oc2", "oc3", "oc4", "oc6")
    assert c.by_unit["c"] == CoverageCount(5, 1, 0.2)
    assert c.by_unit["x1"] == CoverageCount(1, 1, 1.0)
    assert c.complete_by_level["compound"] == CoverageCount(5, 1, 0.2)
    # a non-party organization embedded in a host does not cover it
    s = S.replace(ties=[*S.ties, Tie("t3", "rc", "oc2", "embedded_in")])
    assert org_coverage(govmodel.to_graph(s), "owners_committee").covered == 1
    assert org_coverage(
        govmodel.to_graph(s), "owners_committee", org_kind="residents_committee"
    ).uncovered == (
        "oc1",
        "oc3",
        "oc4",
        "oc6",
    )


def test_cross_appointment_and_why_it_fails() -> None:
    x = cross_appointment(govmodel.to_graph(S))
    assert x.appointed == {"x1": ("p1",)}
    assert x.failures == {
        "x2": "different_person",
        "x3": "no_secretary",
        "x4": "no_branch",
        "x5": "no_owners_committee",
        "x6": "no_chair",
    }
    assert (x.rate.numerator, x.rate.denominator, x.rate.exact) == (1, 6, Fraction(1, 6))
    assert x.multi_post_people == {
        "p1": ("pb1", "oc1"),
        "p2": ("pb2", "oc2"),
        "p7": ("cpc", "oc2"),
        "p8": ("rc", "oc3"),
    }
    # owners'-committee people: p1, p2, p3, p7, p8, p9, p10; of them p7 and p8 sit on the
    # community "two committees"
    assert (x.two_committees.numerator, x.two_committees.denominator) == (2, 7)


def test_cross_appointment_as_of_a_date() -> None:
    x = cross_appointment(govmodel.to_graph(S), as_of="2021-06")
    assert x.appointed == {}
    assert x.failures["x1"] == "no_chair"  # p1 became chair in 2022
    assert x.multi_post_people.get("p1") is None


def test_key_people_are_the_only_links() -> None:
    G = govmodel.to_graph(S)
    assert key_people(G) == {
        "p1": (KeyLink(("pb1", "oc1"), ("x1",)),),
        "p2": (KeyLink(("pb2", "oc2"), ("x2",)),),
    }
    # p8 links the residents' committee and oc3, which a "guides" tie also links
    assert key_people(G, ties=False)["p8"] == (KeyLink(("rc", "oc3"), ("x3",)),)
    # a second shared person leaves no one key
    s = S.replace(posts=[*S.posts, Post("extra", "p3", "pb2", "member")])
    assert "p2" not in key_people(govmodel.to_graph(s))


def test_key_people_inherit_bodies_from_above() -> None:
    # x4 has no party organization of its own: the community party committee stands in,
    # and p9 alone links it with x4's owners' committee
    s = S.replace(posts=[*S.posts, Post("extra", "p9", "cpc", "member")])
    found = key_people(govmodel.to_graph(s))
    assert found["p9"] == (KeyLink(("cpc", "oc4"), ("x4",)),)


def test_key_people_list_every_compound_of_a_pair() -> None:
    s = Structure(
        units=[
            Unit("c", "community"),
            Unit("x1", "compound", parent="c"),
            Unit("x2", "compound", parent="c"),
        ],
        organizations=[
            Organization("cpc", "community_party_committee", unit="c"),
            Organization("rc", "residents_committee", unit="c"),
        ],
        people=[Person("p")],
        posts=[Post("a", "p", "cpc", "secretary"), Post("b", "p", "rc", "chair")],
    )
    assert key_people(govmodel.to_graph(s)) == {"p": (KeyLink(("cpc", "rc"), ("x1", "x2")),)}


_KINDS = ("owners_committee", "compound_party_branch", "property_company")


@settings(max_examples=60, deadline=None)
@given(
    st.integers(2, 14),
    st.lists(st.lists(st.integers(0, 13), min_size=1, max_size=4), max_size=30),
    st.lists(st.tuples(st.integers(0, 13), st.integers(0, 13)), max_size=6),
)
def test_key_people_of_a_compound_of_many_bodies_are_those_of_the_definition(
    n: int, held: list[list[int]], tied: list[tuple[int, int]]
) -> None:
    # n bodies of three kinds in one compound; person i holds a post in each body of
    # held[i]; the pairs of bodies of tied are tied. With many bodies and few people the
    # pairs are read from the people, with few bodies pair by pair: either way, each key
    # person is the one person holding posts in two bodies of different kinds that no tie
    # joins.
    orgs = [Organization(f"o{j}", _KINDS[j % 3], unit="x") for j in range(n)]
    posts = [
        Post(f"p{i}-{j}", f"p{i}", f"o{j}", "member")
        for i, bodies in enumerate(held)
        for j in dict.fromkeys(b % n for b in bodies)
    ]
    ties = [
        Tie(f"t{k}", f"o{a % n}", f"o{b % n}", "joint_meeting")
        for k, (a, b) in enumerate(tied)
        if a % n != b % n
    ]
    s = Structure(
        units=[Unit("c", "community"), Unit("x", "compound", parent="c")],
        organizations=orgs,
        people=[Person(f"p{i}") for i in range(len(held))],
        posts=posts,
        ties=ties,
    )
    people: dict[str, set[str]] = {o.id: set() for o in orgs}
    for p in posts:
        people[p.organization].add(p.person)
    joined = {frozenset((t.source, t.target)) for t in ties}
    kind = {o.id: o.kind for o in orgs}
    want = set()
    for a in people:
        for b in people:
            shared = people[a] & people[b]
            if kind[a] < kind[b] and frozenset((a, b)) not in joined and len(shared) == 1:
                want.add((next(iter(shared)), frozenset((a, b))))
    got = {
        (p, frozenset(link.bodies))
        for p, links in key_people(govmodel.to_graph(s)).items()
        for link in links
        if link.units == ("x",)
    }
    assert got == want


# -- property tests -------------------------------------------------------------------------------


@st.composite
def compounds(draw: st.DrawFn) -> Structure:
    """A community of compounds, each with zero to two party branches and maybe a committee."""
    n = draw(st.integers(min_value=1, max_value=12))
    units = [Unit("c", "community")] + [Unit(f"x{i}", "compound", parent="c") for i in range(n)]
    orgs = []
    for i in range(n):
        for j in range(draw(st.integers(min_value=0, max_value=2))):
            orgs.append(Organization(f"pb{i}-{j}", "compound_party_branch", unit=f"x{i}"))
        if draw(st.booleans()):
            orgs.append(Organization(f"oc{i}", "owners_committee", unit=f"x{i}"))
    return Structure(units=units, organizations=orgs)


@settings(max_examples=100, deadline=None)
@given(compounds())
def test_coverage_counts_match_a_direct_count(s: Structure) -> None:
    c = coverage(govmodel.to_graph(s), "party", "compound")
    hosts = {o.unit for o in s.organizations if o.kind == "compound_party_branch"}
    assert c.total == len(s.units) - 1
    assert c.covered == len(hosts)
    assert 0 <= c.rate <= 1
    assert c.by_unit["c"] == CoverageCount(c.total, c.covered, c.rate)
    assert c.complete_by_level["community"].covered == (c.covered == c.total)


@settings(max_examples=100, deadline=None)
@given(compounds(), st.data())
def test_removing_a_units_only_branch_lowers_coverage(s: Structure, data: st.DataObject) -> None:
    branches = [o for o in s.organizations if o.kind == "compound_party_branch"]
    alone = [o for o in branches if sum(b.unit == o.unit for b in branches) == 1]
    assume(alone)
    gone = data.draw(st.sampled_from(alone))
    before = coverage(govmodel.to_graph(s), "party", "compound")
    after = coverage(
        govmodel.to_graph(s.replace(organizations=[o for o in s.organizations if o != gone])),
        "party",
        "compound",
    )
    assert after.covered == before.covered - 1
    assert after.rate < before.rate
    assert gone.unit in after.uncovered


@settings(max_examples=100, deadline=None)
@given(compounds())
def test_cross_appointment_rate_in_unit_interval(s: Structure) -> None:
    x = cross_appointment(govmodel.to_graph(s))
    assert x.rate.denominator == len(s.units) - 1
    assert 0 <= x.rate.value <= 1
    assert set(x.failures) | set(x.appointed) == {u.id for u in s.units if u.kind == "compound"}


# -- on the bundled datasets -----------------------------------------------------------------------


def test_yuetang_cross_appointment() -> None:
    G = govmodel.to_graph(govmodel.datasets.load("yuetang"))
    x = cross_appointment(G)
    assert x.appointed == {"yt-c2": ("yt-p008",), "yt-c4": ("yt-p010",)}
    assert x.failures["yt-c5"] == "no_branch"
    # before the owners' committee elections of 2021 no compound was cross-appointed
    assert cross_appointment(G, as_of="2021-07").appointed == {}


def test_yuetang_party_coverage_of_compounds() -> None:
    G = govmodel.to_graph(govmodel.datasets.load("yuetang"))
    c = coverage(G, ("compound_party_branch", "property_party_branch"), "compound")
    assert c.uncovered == ("yt-c5",)
    assert c.rate == 0.8


@pytest.mark.parametrize("backend", ["numpy", "python"])
def test_multi_post_people_on_an_index_by_person_then_post(backend: str) -> None:
    if backend == "numpy":
        pytest.importorskip("numpy")
    from govmodel.index import StructureIndex

    s = Structure(
        units=[Unit("c", "compound")],
        organizations=[
            Organization("oc", "owners_committee", unit="c"),
            Organization("pb", "compound_party_branch", unit="c"),
            Organization("rc", "residents_committee", unit="c"),
        ],
        people=[Person("p3"), Person("p1"), Person("p2"), Person("p4")],
        posts=[
            Post("po-a", "p2", "rc", "member"),
            Post("po-b", "p1", "pb", "secretary"),
            Post("po-c", "p1", "pb", "member"),  # the same organization again
            Post("po-d", "p4", "oc", "member"),
            Post("po-e", "p4", "oc", "chair"),  # two posts, one organization
            Post("po-f", "p2", "oc", "member"),
            Post("po-g", "p1", "oc", "chair"),
            Post("po-h", "p3", "rc", "member"),
            Post("po-i", "p3", "oc", "member"),
            Post("po-j", "p2", "rc", "chair"),
            Post("po-k", "p1", "rc", "member"),
        ],
    )
    ix = StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
    got = cross_appointment(ix).multi_post_people
    want = {"p3": ("rc", "oc"), "p1": ("pb", "oc", "rc"), "p2": ("rc", "oc")}
    assert list(got.items()) == list(want.items())
    assert type(got) is dict
    assert all(type(v) is tuple for v in got.values())
    assert cross_appointment(govmodel.to_graph(s)).multi_post_people == want
    assert cross_appointment(ix) == cross_appointment(govmodel.to_graph(s))
    one = attrs.evolve(s, posts=[x for x in s.posts if x.person == "p4"])
    ix = StructureIndex.from_structure(one, backend=backend)  # type: ignore[arg-type]
    assert cross_appointment(ix).multi_post_people == {}
