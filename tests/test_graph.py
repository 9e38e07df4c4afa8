"""Tests of govmodel.graph: the round trip, the attribute conventions, the views, the errors."""

from __future__ import annotations

import io
import json
import math
from collections.abc import Callable
from itertools import combinations
from typing import Any, cast

import attrs
import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govmodel
from govmodel import SpecError
from govmodel.graph import (
    DERIVED_ATTRIBUTES,
    ENTITIES,
    affiliation_graph,
    containment_tree,
    from_graph,
    interlock_graph,
    leadership_hierarchy,
    party_hierarchy,
    to_graph,
)
from govmodel.spec import (
    Attributes,
    Decision,
    Identifier,
    Metadata,
    Observation,
    Organization,
    Person,
    Post,
    Scalar,
    Structure,
    Tally,
    Tie,
    Unit,
    Vote,
    VotingRule,
)
from govmodel.vocab import Term


def _attrs(data: dict[str, Scalar] | None = None, /, **kw: Scalar) -> Attributes:
    return Attributes(data or {}, **kw)


# -- structures --------------------------------------------------------------------------------


def full() -> Structure:
    """A valid structure using every field."""
    return Structure(
        units=[
            Unit("d1", "district", "Xihu", identifiers=[Identifier("cn-stats", "360103")]),
            Unit("c1", "community", "Qingshan", parent="d1"),
            Unit(
                "x1",
                "compound",
                "Lakeside",
                parent="c1",
                attributes=_attrs(
                    households=420, floor_area_m2=51234.5, gated=True, origin="commodity"
                ),
                identifiers=[Identifier("cn-stats", "360103001001"), Identifier("local", "7")],
            ),
            Unit("x2", "compound", "Hillside", parent="c1", attributes={"households": 0}),
            Unit("b1", "building", "No. 1", parent="x1"),
            Unit("g1", "pocket_grid", "Grid 1", parent="c1"),
        ],
        organizations=[
            Organization("cpc", "community_party_committee", "Qingshan CPC", unit="c1"),
            Organization("rc", "residents_committee", unit="c1", parent="cpc"),
            Organization("pb1", "compound_party_branch", unit="x1", parent="cpc"),
            Organization(
                "oc1",
                "owners_committee",
                unit="x1",
                parent="pb1",
                attributes={"term": 5},
                identifiers=[Identifier("uscc", "91360103MA")],
            ),
            Organization("pm1", "property_company", unit="x1"),
        ],
        people=[
            Person("p1", "Wang", party="active", attributes={"age": 52, "resident": True}),
            Person("p2", "Li"),
            Person("p3", "Zhang", party="dormant"),
        ],
        posts=[
            Post("post1", "p1", "pb1", "secretary", start="2019-03"),
            Post("post2", "p1", "oc1", "chair", start="2021", end="2024-06-30"),
            Post("post3", "p2", "oc1", "member", attributes={"elected": True, "votes": 88}),
            Post("post4", "p3", "rc", "member", end="2020"),
            Post("post5", "p3", "oc1", "member", start="2021"),
            Post("post6", "p2", "pb1", "member"),
        ],
        ties=[
            Tie("t1", "pm1", "x1", "serves", start="2018", attributes={"fee": 1.2}),
            Tie("t2", "cpc", "pm1", "supervises"),
        ],
        observations=[
            Observation("ob1", "x1", "issues_collected", 120, period="2023", source="r.pdf"),
            Observation("ob2", "x1", "issues_resolved", 96.0, period="2021/2023"),
            Observation("ob3", "oc1", "issues_collected", 3, attributes={"verified": False}),
        ],
        decisions=[
            Decision(
                "dec1",
                "oc1",
                "renew the property contract",
                VotingRule("2/3", basis="members", quorum="2/3", by_area=True),
                date="2023-05-20",
                count=Tally(members=420, present=300, yes=290, no=6, abstain=4),
                area=Tally(members=51234.5, yes=40000.25),
                votes=[Vote("p1", "yes", 90.5), Vote("p2", "no"), Vote("p3", "abstain", 75)],
                outcome="passed",
                attributes={"meeting": "annual"},
            ),
            Decision("dec2", "rc", "plant trees", VotingRule(strict=True, basis="cast")),
            Decision("dec3", "rc", count=Tally(), area=Tally(yes=1)),
        ],
        vocabulary=[
            Term(
                "unit_kinds", "pocket_grid", "pocket grid", "微网格", rank=None, within="community"
            ),
            Term("relations", "serves_often", "serves often", "常服务"),
        ],
        metadata=Metadata(
            name="qingshan",
            title="Qingshan community",
            description="A test structure.",
            place="Nanchang",
            model=("tripartite",),
            source=("000.md",),
            seed=7,
            attributes={"year": 2023},
        ),
    )


def odd() -> Structure:
    """An invalid structure the graph must still carry: reserved names, wrong references,
    duplicate votes, reserved relations, unknown kinds, cycles."""
    return Structure(
        units=[
            Unit(
                "u1",
                "nonsense_kind",
                parent="u2",
                attributes=_attrs(
                    {"attr:z": 1.5, "identifier:abc": True},
                    level="high",
                    kind=3,
                    identifiers="x",
                    entity="e",
                    heads=1,
                ),
            ),
            Unit("u2", "compound", parent="u1"),
            Unit("u3", "household", parent="o1"),  # a unit inside an organization
        ],
        organizations=[
            Organization("o1", "unknown_org", unit="p1", parent="o1"),  # leads itself
        ],
        people=[Person("p1", party="nonsense", attributes={"party_status": "x", "name": "n"})],
        posts=[
            Post("contains", "p1", "o1", "chair"),  # a reserved id, on no structural edge
            Post("pp", "u1", "u2", "member", attributes=_attrs(relation="r", seq=9, tie=0)),
        ],
        ties=[
            Tie("t1", "u1", "u2", "contains"),
            Tie("t2", "p1", "o1", "post"),
            Tie("t3", "p1", "d1", "vote", attributes={"choice": "yes"}),
            Tie("t4", "o1", "d1", "decides"),
            Tie("vote", "u1", "u3", "serves"),
        ],
        observations=[Observation("ob1", "d1", "no_such_indicator", -3)],
        decisions=[
            Decision(
                "d1",
                "p1",
                votes=[Vote("p1", "yes"), Vote("p1", "no"), Vote("u1", "maybe", -2)],  # type: ignore[arg-type]
                rule=VotingRule(5, basis="nobody", quorum=0),  # type: ignore[arg-type]
                attributes=_attrs(rule_x="y", area_tally=2, heads_yes=1),
            )
        ],
        vocabulary=[
            Term("relations", "contains", "contains"),
            Term("relations", "contains", "again"),
        ],
    )


def _plain(G: Any) -> bool:
    """Whether every attribute value of G is a plain str, int, float or bool."""
    ok = (str, int, float, bool)
    values = [*G.graph.values()]
    for _, d in G.nodes(data=True):
        values.extend(d.values())
    for *_, d in G.edges(data=True):
        values.extend(d.values())
    return all(type(v) in ok for v in values)


# -- round trips -------------------------------------------------------------------------------


def _node_link(G: Any) -> Any:
    text = json.dumps(nx.node_link_data(G, edges="edges"), ensure_ascii=False)
    return nx.node_link_graph(json.loads(text), edges="edges")


def _graphml(G: Any, **kw: Any) -> Any:
    buf = io.BytesIO()
    nx.write_graphml(G, buf)
    buf.seek(0)
    return nx.read_graphml(buf, **kw)


def test_full_is_valid() -> None:
    assert govmodel.validate(full(), strict=True) == ()


@pytest.mark.parametrize("make", [full, odd, Structure])
def test_round_trip(make: Callable[[], Structure]) -> None:
    s = make()
    G = to_graph(s)
    assert isinstance(G, nx.MultiDiGraph)
    assert _plain(G)
    assert from_graph(G) == s


@pytest.mark.parametrize("name", govmodel.datasets.names())
def test_bundled_datasets_round_trip(name: str) -> None:
    s = govmodel.datasets.load(name)
    G = to_graph(s)
    assert from_graph(G) == s
    assert from_graph(_graphml(G, edge_key_type=str)) == s
    assert nx.is_branching(containment_tree(G))


@pytest.mark.parametrize("make", [full, odd])
def test_round_trip_through_node_link_json(make: Callable[[], Structure]) -> None:
    s = make()
    assert from_graph(_node_link(to_graph(s))) == s


@pytest.mark.parametrize("make", [full, odd])
def test_round_trip_through_graphml(make: Callable[[], Structure]) -> None:
    # networkx's GraphML keeps str, int (as long), float (as double) and bool, one key per
    # name and type, so the round trip is exact.
    s = make()
    H = _graphml(to_graph(s), edge_key_type=str)
    assert isinstance(H, nx.MultiDiGraph)
    assert from_graph(H) == s


def test_graphml_without_parallel_edges_reads_ids_from_the_id_attribute() -> None:
    # Without parallel edges read_graphml gives a DiGraph, keeping each key as an "id".
    s = Structure(
        units=[Unit("c1", "community"), Unit("x1", "compound", parent="c1")],
        organizations=[Organization("oc1", "owners_committee", unit="x1")],
        people=[Person("p1")],
        posts=[Post("12", "p1", "oc1", "chair")],
    )
    H = _graphml(to_graph(s))
    assert type(H) is nx.DiGraph
    assert from_graph(H) == s


def test_graphml_integer_like_keys_need_edge_key_type_str() -> None:
    s = Structure(
        organizations=[Organization("oc1", "owners_committee")],
        people=[Person("p1")],
        posts=[Post("1", "p1", "oc1", "chair"), Post("2", "p1", "oc1", "member")],
    )
    assert from_graph(_graphml(to_graph(s), edge_key_type=str)) == s
    with pytest.raises(SpecError) as info:
        from_graph(_graphml(to_graph(s)))
    assert set(info.value.codes) == {"wrong-type"}
    assert "edge_key_type=str" in str(info.value)


# -- conventions -------------------------------------------------------------------------------


def test_graph_attributes() -> None:
    G = to_graph(full())
    assert G.graph["format_version"] == 1
    assert G.graph["name"] == "qingshan"
    assert json.loads(G.graph["metadata"])["model"] == ["tripartite"]
    # compact JSON that keeps the structure's own key order, so dumps() is unchanged by a round trip
    assert G.graph["metadata"] == json.dumps(
        json.loads(G.graph["metadata"]), ensure_ascii=False, separators=(",", ":")
    )
    s = full().replace(metadata=attrs.evolve(full().metadata, attributes={"zeta": 1, "alpha": 2}))
    assert govmodel.dumps(from_graph(to_graph(s))) == govmodel.dumps(s)
    assert [t["name"] for t in json.loads(G.graph["vocabulary"])] == ["pocket_grid", "serves_often"]
    assert to_graph(Structure()).graph == {"format_version": 1}


def test_node_attributes() -> None:
    G = to_graph(full())
    assert list(G) == [
        *("d1", "c1", "x1", "x2", "b1", "g1"),
        *("cpc", "rc", "pb1", "oc1", "pm1"),
        *("p1", "p2", "p3"),
        *("ob1", "ob2", "ob3"),
        *("dec1", "dec2", "dec3"),
    ]
    assert {d["entity"] for _, d in G.nodes(data=True)} == set(ENTITIES)
    x1 = G.nodes["x1"]
    assert x1["kind"] == "compound"
    assert x1["name"] == "Lakeside"
    assert x1["level"] == 6
    assert x1["households"] == 420
    assert type(x1["households"]) is int
    assert x1["floor_area_m2"] == 51234.5
    assert x1["gated"] is True
    assert json.loads(x1["identifiers"]) == [
        {"scheme": "cn-stats", "identifier": "360103001001"},
        {"scheme": "local", "identifier": "7"},
    ]
    assert "level" not in G.nodes["g1"]  # an unranked kind
    assert G.nodes["pb1"]["is_party"] is True
    assert G.nodes["pb1"]["sector"] == "party"
    assert G.nodes["oc1"]["is_party"] is False
    assert G.nodes["oc1"]["term"] == 5
    assert G.nodes["p1"] == {
        "entity": "person",
        "name": "Wang",
        "party_status": "active",
        "age": 52,
        "resident": True,
    }
    assert "party_status" not in G.nodes["p2"]
    assert G.nodes["ob2"] == {
        "entity": "observation",
        "indicator": "issues_resolved",
        "value": 96.0,
        "period": "2021/2023",
    }
    dec1 = G.nodes["dec1"]
    assert dec1["rule_threshold"] == "2/3"
    assert dec1["rule_quorum"] == "2/3"
    assert dec1["rule_basis"] == "members"
    assert dec1["rule_strict"] is False
    assert dec1["rule_by_area"] is True
    assert (dec1["heads"], dec1["heads_members"], dec1["heads_abstain"]) == (True, 420, 4)
    assert (dec1["area_tally"], dec1["area_tally_yes"]) == (True, 40000.25)
    assert "area_tally_no" not in dec1
    assert dec1["meeting"] == "annual"
    assert dec1["date"] == "2023-05-20"
    dec2 = G.nodes["dec2"]
    assert dec2["rule_threshold"] == "1/2"
    assert dec2["rule_strict"] is True
    assert not {"heads", "area_tally", "rule_quorum", "date", "outcome"} & set(dec2)
    assert G.nodes["dec3"]["heads"] is True  # an empty tally is kept
    assert not any(k.startswith("heads_") for k in G.nodes["dec3"])


def test_edge_attributes() -> None:
    G = to_graph(full())
    assert G.edges["c1", "x1", "contains"] == {"relation": "contains"}
    assert G.edges["pb1", "x1", "located_in"] == {"relation": "located_in"}
    assert G.edges["pb1", "oc1", "leads"] == {"relation": "leads"}
    assert G.edges["ob1", "x1", "observes"] == {"relation": "observes"}
    assert G.edges["oc1", "dec1", "decides"] == {"relation": "decides"}
    assert G.edges["p1", "oc1", "post2"] == {
        "relation": "post",
        "role": "chair",
        "start": "2021",
        "end": "2024-06-30",
        "seq": 1,
    }
    assert G.edges["p2", "oc1", "post3"]["elected"] is True
    assert G.edges["pm1", "x1", "t1"] == {
        "relation": "serves",
        "start": "2018",
        "seq": 0,
        "fee": 1.2,
    }
    assert G.edges["p1", "dec1", "vote"] == {
        "relation": "vote",
        "choice": "yes",
        "area": 90.5,
        "seq": 0,
    }
    assert all("relation" in d for *_, d in G.edges(data=True))


def test_reserved_attribute_names_are_escaped() -> None:
    G = to_graph(odd())
    u1 = G.nodes["u1"]
    assert u1["attr:level"] == "high"
    assert u1["attr:kind"] == 3
    assert u1["attr:attr:z"] == 1.5
    assert u1["kind"] == "nonsense_kind"
    assert "level" not in u1
    pp = G.edges["u1", "u2", "pp"]
    assert pp["relation"] == "post"
    assert pp["attr:relation"] == "r"
    assert pp["attr:tie"] == 0
    # a tie borrowing a structural relation is marked
    assert G.edges["u1", "u2", "t1"] == {"relation": "contains", "seq": 0, "tie": True}
    # a person's second vote gets a key of its own
    assert G.edges["p1", "d1", "vote:1"]["choice"] == "no"


def test_derived_attributes_are_ignored() -> None:
    s = full()
    G = to_graph(s)
    for _, d in G.nodes(data=True):
        for name in DERIVED_ATTRIBUTES & set(d):
            d[name] = "changed"
    G.graph["name"] = "changed"
    G.nodes["x1"].update(label="Lakeside", pos=(1.0, 2.0), color="red")
    assert from_graph(G) == s


def test_declared_rank_gives_level() -> None:
    s = Structure(
        units=[Unit("z", "zone")],
        vocabulary=[Term("unit_kinds", "zone", "zone", "区域", rank=5)],
    )
    assert to_graph(s).nodes["z"]["level"] == 5


def test_order_follows_seq() -> None:
    s = full()
    G = to_graph(s)
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from(reversed(list(G.edges(keys=True, data=True))))
    assert from_graph(H) == s


def test_hand_built_graph() -> None:
    # no format_version, no seq, default keys for structural edges, a DiGraph with post ids
    G = nx.DiGraph()
    G.add_node("c1", entity="unit", kind="community")
    G.add_node("x1", entity="unit", kind="compound", households=10)
    G.add_node("oc1", entity="organization", kind="owners_committee")
    G.add_node("p1", entity="person")
    G.add_node("p2", entity="person", name="Li")
    G.add_edge("c1", "x1", relation="contains")
    G.add_edge("oc1", "x1", relation="located_in")
    G.add_edge("p2", "oc1", relation="post", role="member", id="b")
    G.add_edge("p1", "oc1", relation="post", role="chair", id="a")
    s = from_graph(G)
    assert s == Structure(
        units=[
            Unit("c1", "community"),
            Unit("x1", "compound", parent="c1", attributes={"households": 10}),
        ],
        organizations=[Organization("oc1", "owners_committee", unit="x1")],
        people=[Person("p1"), Person("p2", "Li")],
        posts=[Post("a", "p1", "oc1", "chair"), Post("b", "p2", "oc1", "member")],
    )
    govmodel.validate(s)


def test_views_and_to_graph_share_nothing_mutable() -> None:
    s = full()
    G = to_graph(s)
    for view in (
        containment_tree,
        party_hierarchy,
        leadership_hierarchy,
        affiliation_graph,
        interlock_graph,
    ):
        H = view(G)
        for n in H:
            H.nodes[n]["kind"] = "changed"
    assert from_graph(G) == s
    G.nodes["x1"]["households"] = 1
    assert s.units[2].attributes["households"] == 420


# -- to_graph errors ---------------------------------------------------------------------------


def _problems(make: Callable[[], object]) -> set[tuple[str, str]]:
    with pytest.raises(SpecError) as info:
        make()
    return {(p.code, p.path) for p in info.value.problems}


def test_dangling_references_are_refused() -> None:
    s = Structure(
        units=[Unit("x1", "compound", parent="nope")],
        organizations=[Organization("o1", "owners_committee", unit="x1", parent="gone")],
        people=[Person("p1")],
        posts=[Post("a", "p1", "o1", "chair"), Post("b", "p9", "o1", "chair")],
        ties=[Tie("t1", "a", "o1", "serves")],  # a post is not a node
        decisions=[Decision("d1", "o1", votes=[Vote("p1", "yes"), Vote("p8", "no")])],
    )
    assert _problems(lambda: to_graph(s)) == {
        ("dangling-reference", "$.units[0].parent"),
        ("dangling-reference", "$.organizations[0].parent"),
        ("dangling-reference", "$.posts[1].person"),
        ("dangling-reference", "$.ties[0].source"),
        ("dangling-reference", "$.decisions[0].votes[1].person"),
    }


def test_duplicate_ids_are_refused() -> None:
    s = Structure(
        units=[Unit("x1", "compound"), Unit("x2", "compound")],
        people=[Person("x1")],
        organizations=[Organization("o1", "owners_committee")],
        posts=[Post("x2", "x1", "o1", "chair"), Post("a", "x1", "o1", "chair")],
        ties=[Tie("a", "o1", "x2", "serves")],
    )
    assert _problems(lambda: to_graph(s)) == {
        ("duplicate-id", "$.people[0].id"),
        ("duplicate-id", "$.posts[0].id"),
        ("duplicate-id", "$.ties[0].id"),
    }


def test_a_tie_keyed_like_a_structural_edge_is_refused() -> None:
    s = Structure(
        units=[Unit("c1", "community"), Unit("x1", "compound", parent="c1")],
        people=[Person("p1")],
        decisions=[Decision("d1", "p1", votes=[Vote("p1", "yes"), Vote("p1", "no")])],
        ties=[
            Tie("contains", "c1", "x1", "serves"),
            Tie("vote:1", "p1", "d1", "serves"),
            Tie("leads", "c1", "x1", "serves"),  # no leads edge there: fine
        ],
    )
    assert _problems(lambda: to_graph(s)) == {
        ("reserved-id", "$.ties[0].id"),
        ("reserved-id", "$.ties[1].id"),
    }


def test_non_scalar_attributes_are_refused() -> None:
    s = Structure(
        units=[Unit("x1", "compound", attributes=cast(Any, {"tags": ["a"], "ok": 1}))],
        people=[Person("p1", attributes=cast(Any, {"n": None}))],
    )
    assert _problems(lambda: to_graph(s)) == {
        ("wrong-type", "$.units[0].attributes.tags"),
        ("wrong-type", "$.people[0].attributes.n"),
    }


def test_numbers_from_graph_cannot_read_back_are_refused() -> None:
    # from_graph refuses a value, a tally or a vote's area that is not a finite number
    # within a float's range; to_graph drew them, so the round trip failed on its own graph
    inf, nan = math.inf, math.nan
    s = Structure(
        units=[Unit("x1", "compound", attributes={"inf": inf})],  # attributes do read back
        people=[Person("p1"), Person("p2")],
        organizations=[Organization("oa", "owners_assembly", unit="x1")],
        observations=[
            Observation("ob1", "x1", "households", inf),
            Observation("ob2", "x1", "households", 3.0),
            Observation("ob3", "x1", "households", 10**400),
        ],
        decisions=[
            Decision(
                "d1",
                "oa",
                count=Tally(members=nan, yes=2),
                area=Tally(no=-inf),
                votes=[Vote("p1", "yes", 1.5), Vote("p2", "no", nan)],
            )
        ],
    )
    assert _problems(lambda: to_graph(s)) == {
        ("non-finite-number", "$.observations[0].value"),
        ("number-out-of-range", "$.observations[2].value"),
        ("non-finite-number", "$.decisions[0].count.members"),
        ("non-finite-number", "$.decisions[0].area.no"),
        ("non-finite-number", "$.decisions[0].votes[1].area"),
    }
    kept = Structure(units=s.units, observations=[s.observations[1]])
    assert from_graph(to_graph(kept)) == kept
    tally = attrs.evolve(s, observations=(), decisions=[Decision("d1", "oa", area=Tally(no=-inf))])
    assert _problems(lambda: to_graph(tally)) == {("non-finite-number", "$.decisions[0].area.no")}
    votes = attrs.evolve(
        s, observations=(), decisions=[Decision("d1", "oa", votes=s.decisions[0].votes)]
    )
    assert _problems(lambda: to_graph(votes)) == {
        ("non-finite-number", "$.decisions[0].votes[1].area")
    }


# -- from_graph errors -------------------------------------------------------------------------


def _base() -> Any:
    return to_graph(
        Structure(
            units=[Unit("c1", "community"), Unit("x1", "compound", parent="c1")],
            organizations=[Organization("oc1", "owners_committee", unit="x1")],
            people=[Person("p1")],
            posts=[Post("post1", "p1", "oc1", "chair")],
            observations=[Observation("ob1", "x1", "households", 3)],
            decisions=[Decision("d1", "oc1", votes=[Vote("p1", "yes")])],
        )
    )


def _spoil(change: Callable[[Any], object]) -> set[tuple[str, str]]:
    G = _base()
    change(G)
    return _problems(lambda: from_graph(G))


def test_from_graph_accepts_the_base_graph() -> None:
    assert from_graph(_base()).counts()["posts"] == 1


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda G: G.add_node("z"), {("missing-field", "nodes['z'].entity")}),
        (lambda G: G.add_node("z", entity="house"), {("unknown-entity", "nodes['z'].entity")}),
        (lambda G: G.add_node("z", entity=3), {("unknown-entity", "nodes['z'].entity")}),
        (lambda G: G.add_node(5, entity="person"), {("wrong-type", "nodes[5]")}),
        (lambda G: G.add_node("z", entity="unit"), {("missing-field", "nodes['z'].kind")}),
        (lambda G: G.nodes["x1"].update(kind=3), {("wrong-type", "nodes['x1'].kind")}),
        (lambda G: G.nodes["x1"].update(name=None), {("wrong-type", "nodes['x1'].name")}),
        (lambda G: G.nodes["x1"].update(tags=["a"]), {("wrong-type", "nodes['x1'].tags")}),
        (
            lambda G: G.nodes["x1"].update({"attr:n": 1, "n": 2}),
            {("duplicate-key", "nodes['x1'].n")},
        ),
        (
            lambda G: G.nodes["x1"].update(identifiers="[1"),
            {("invalid-json", "nodes['x1'].identifiers")},
        ),
        (
            lambda G: G.nodes["x1"].update(identifiers='[{"scheme": "a"}]'),
            {("missing-field", "nodes['x1'].identifiers[0].identifier")},
        ),
        # a key twice in the JSON of an attribute: refused as loads refuses it, not read
        # as its last value
        (
            lambda G: G.nodes["x1"].update(
                identifiers='[{"scheme": "a", "scheme": "b", "identifier": "c"}]'
            ),
            {("duplicate-key", "nodes['x1'].identifiers")},
        ),
        (
            lambda G: G.graph.update(metadata='{"name": "a", "name": "b"}'),
            {("duplicate-key", "graph['metadata']")},
        ),
        (lambda G: G.nodes["ob1"].update(value="3"), {("wrong-type", "nodes['ob1'].value")}),
        (lambda G: G.nodes["ob1"].update(value=True), {("wrong-type", "nodes['ob1'].value")}),
        (lambda G: G.nodes["ob1"].pop("indicator"), {("missing-field", "nodes['ob1'].indicator")}),
        (
            lambda G: G.nodes["d1"].update(rule_threshold="two thirds"),
            {("wrong-type", "nodes['d1'].rule_threshold")},
        ),
        (
            lambda G: G.nodes["d1"].update(rule_strict="no"),
            {("wrong-type", "nodes['d1'].rule_strict")},
        ),
        (lambda G: G.nodes["d1"].update(heads_yes="4"), {("wrong-type", "nodes['d1'].heads_yes")}),
        (lambda G: G.nodes["d1"].update(heads_yea=4), {("unknown-field", "nodes['d1'].heads_yea")}),
        (
            lambda G: G.remove_edge("ob1", "x1", "observes"),
            {("missing-field", "nodes['ob1'].subject")},
        ),
        (lambda G: G.remove_edge("oc1", "d1", "decides"), {("missing-field", "nodes['d1'].body")}),
        (
            lambda G: G.add_edge("c1", "p1", "contains", relation="contains"),
            {("wrong-endpoint", "edges['c1','p1','contains']")},
        ),
        (
            lambda G: G.add_edge("oc1", "x1", "x", relation="contains"),
            {("duplicate-edge", "edges['oc1','x1','x']")},
        ),
        (
            lambda G: G.add_edge("x1", "c1", "located_in", relation="located_in"),
            {("wrong-endpoint", "edges['x1','c1','located_in']")},
        ),
        (
            lambda G: G.add_edge("p1", "x1", "vote", relation="vote", choice="yes"),
            {("wrong-endpoint", "edges['p1','x1','vote']")},
        ),
        (
            lambda G: G.add_edge("p1", "d1", "v2", relation="vote"),
            {("missing-field", "edges['p1','d1','v2'].choice")},
        ),
        (lambda G: G.add_edge("p1", "oc1", 0), {("missing-field", "edges['p1','oc1',0].relation")}),
        (
            lambda G: G.add_edge("p1", "oc1", 0, relation=1),
            {("wrong-type", "edges['p1','oc1',0].relation")},
        ),
        (
            lambda G: G.add_edge("p1", "oc1", 0, relation="post", role="member"),
            {("wrong-type", "edges['p1','oc1',0]")},
        ),
        (
            lambda G: G.edges["p1", "oc1", "post1"].pop("role"),
            {("missing-field", "edges['p1','oc1','post1'].role")},
        ),
        (
            lambda G: G.edges["p1", "oc1", "post1"].update(seq="1"),
            {("wrong-type", "edges['p1','oc1','post1'].seq")},
        ),
        (
            lambda G: G.edges["p1", "oc1", "post1"].update(w={"a": 1}),
            {("wrong-type", "edges['p1','oc1','post1'].w")},
        ),
        (
            lambda G: G.graph.update(format_version=2),
            {("unknown-version", "graph['format_version']")},
        ),
        (
            lambda G: G.graph.update(format_version=1.0),
            {("unknown-version", "graph['format_version']")},
        ),
        (
            lambda G: G.graph.update(format_version=True),
            {("unknown-version", "graph['format_version']")},
        ),
        (lambda G: G.graph.update(metadata="{"), {("invalid-json", "graph['metadata']")}),
        (
            lambda G: G.graph.update(metadata='{"nmae": "x"}'),
            {("unknown-field", "graph['metadata'].nmae")},
        ),
        (lambda G: G.graph.update(vocabulary='{"a": 1}'), {("wrong-type", "graph['vocabulary']")}),
        (
            lambda G: G.graph.update(vocabulary='[{"category": "roles", "name": "x"}]'),
            {("missing-field", "graph['vocabulary'][0].en")},
        ),
        (lambda G: setattr(G, "graph", "x"), {("wrong-type", "graph")}),
        (
            lambda G: G.nodes["x1"].update(identifiers="null"),
            {("wrong-type", "nodes['x1'].identifiers")},
        ),
        (
            lambda G: G.nodes["x1"].update(identifiers="5"),
            {("wrong-type", "nodes['x1'].identifiers")},
        ),
        (
            lambda G: G.graph.update(metadata="[" * 40 + "]" * 40),
            {("too-deep", "graph['metadata']")},
        ),
        (
            lambda G: G.graph.update(metadata="[" * 100_000 + "]" * 100_000),
            {("too-deep", "graph['metadata']")},
        ),
        (
            lambda G: G.nodes["ob1"].update(value=math.inf),
            {("non-finite-number", "nodes['ob1'].value")},
        ),
        (
            lambda G: G.nodes["d1"].update(area_tally_members=math.nan),
            {("non-finite-number", "nodes['d1'].area_tally_members")},
        ),
        (
            lambda G: G.nodes["x1"].update(name="x" * 100_001),
            {("string-too-long", "nodes['x1'].name")},
        ),
        (
            lambda G: G.nodes["x1"].update({"k" * 100_001: 1}),
            {("string-too-long", "nodes['x1'][key]")},
        ),
        (
            lambda G: G.add_node("z" * 100_001, entity="person"),
            # the path shows the first 80 characters of the id and how many more it has
            {("string-too-long", f"nodes['{'z' * 80}…(+99,921)']")},
        ),
        (
            lambda G: G.add_edge("p1", "oc1", "k" * 100_001, relation="post", role="chair"),
            {("string-too-long", f"edges['p1','oc1','{'k' * 80}…(+99,921)']")},
        ),
    ],
)
def test_from_graph_problems(
    change: Callable[[Any], object], expected: set[tuple[str, str]]
) -> None:
    assert _spoil(change) == expected


def test_from_graph_reads_subclasses_of_scalars_as_plain_scalars() -> None:
    # numpy's float64 and str_ (a graph built from a data frame) are floats and strings:
    # read as such, not kept as numpy scalars that then differ from what a loader gives
    np = pytest.importorskip("numpy")
    G = _base()
    G.nodes["ob1"]["value"] = np.float64(3.0)
    G.nodes["x1"].update(name=np.str_("小区"), share=np.float64(0.5), note=np.str_("n"))
    G.edges["p1", "oc1", "post1"]["role"] = np.str_("chair")
    s = from_graph(G)
    ob, x1 = cast(Observation, s.get("ob1")), cast(Unit, s.get("x1"))
    assert type(ob.value) is float
    assert ob.value == 3.0
    assert type(x1.name) is str
    assert x1.name == "小区"
    assert [(k, type(v)) for k, v in x1.attributes.items()] == [("share", float), ("note", str)]
    assert type(s.posts[0].role) is str
    assert govmodel.loads(govmodel.dumps(s)) == s


def test_from_graph_reports_every_problem_at_once() -> None:
    def change(G: Any) -> None:
        G.add_node("a")
        G.add_node("b", entity="house")
        G.nodes["x1"]["kind"] = 1

    assert len(_spoil(change)) == 3


@pytest.mark.parametrize("G", [nx.Graph(), nx.MultiGraph(), {"nodes": []}, None])
def test_from_graph_refuses_what_is_not_a_directed_graph(G: Any) -> None:
    assert _problems(lambda: from_graph(G)) == {("wrong-type", "graph")}


def test_from_graph_enforces_max_string_and_max_entities() -> None:
    G = _base()
    G.nodes["x1"]["name"] = "长" * 50
    assert from_graph(G, limits=govmodel.Limits(max_string=50)).get("x1").name == "长" * 50
    exc = _problems_of(lambda: from_graph(G, limits=govmodel.Limits(max_string=49)))
    assert [(p.code, p.path) for p in exc.problems] == [("string-too-long", "nodes['x1'].name")]
    assert "Limits(max_string=" in str(exc)

    n_units = sum(1 for _, e in G.nodes(data="entity") if e == "unit")
    from_graph(G, limits=govmodel.Limits(max_entities=n_units))
    exc = _problems_of(lambda: from_graph(G, limits=govmodel.Limits(max_entities=n_units - 1)))
    assert [(p.code, p.path) for p in exc.problems] == [("too-many-entities", "nodes")]
    assert f"{n_units:,} unit nodes" in str(exc)
    assert "Limits(max_entities=" in str(exc)


def test_from_graph_counts_posts_ties_and_votes_against_max_entities() -> None:
    G = _base()
    for i in range(3):
        G.add_edge("p1", "oc1", f"extra{i}", relation="post", role="member")
    posts = sum(1 for *_, r in G.edges(data="relation") if r == "post")
    exc = _problems_of(lambda: from_graph(G, limits=govmodel.Limits(max_entities=posts - 1)))
    assert [(p.code, p.path) for p in exc.problems] == [("too-many-entities", "edges")]
    assert f"{posts:,} post edges" in str(exc)


def _problems_of(read: Callable[[], object]) -> SpecError:
    with pytest.raises(SpecError) as info:
        read()
    return info.value


def test_from_graph_errors_are_spec_errors_and_value_errors() -> None:
    G = _base()
    G.add_node("z")
    with pytest.raises(ValueError, match="no 'entity' attribute"):
        from_graph(G)


# -- views -------------------------------------------------------------------------------------


def test_containment_tree_is_an_arborescence() -> None:
    s = full()
    G = to_graph(s)
    T = containment_tree(G)
    assert isinstance(T, nx.DiGraph)
    assert not T.is_multigraph()
    assert nx.is_arborescence(T)
    assert list(T) == [u.id for u in s.units]
    assert set(T.edges) == {(u.parent, u.id) for u in s.units if u.parent}
    assert T.nodes["x1"] == G.nodes["x1"]


def test_containment_tree_leaves_out_ties_and_other_entities() -> None:
    T = containment_tree(to_graph(odd()))
    assert set(T) == {"u1", "u2", "u3"}
    assert set(T.edges) == {("u1", "u2"), ("u2", "u1")}  # the cycle; not the tie t1


def test_party_hierarchy_holds_only_party_organizations() -> None:
    G = to_graph(full())
    H = party_hierarchy(G)
    assert list(H) == ["cpc", "pb1"]
    assert all(d["is_party"] is True for _, d in H.nodes(data=True))
    assert set(H.edges) == {("cpc", "pb1")}


def test_party_hierarchy_of_a_hand_built_graph_uses_kinds() -> None:
    G = nx.MultiDiGraph(
        vocabulary='[{"category":"organization_kinds","name":"cell","en":"cell","party":true}]'
    )
    G.add_node("a", entity="organization", kind="community_party_committee")
    G.add_node("b", entity="organization", kind="cell")
    G.add_node("c", entity="organization", kind="owners_committee")
    G.add_edge("a", "b", relation="leads")
    G.add_edge("a", "c", relation="leads")
    H = party_hierarchy(G)
    assert list(H) == ["a", "b"]
    assert list(H.edges) == [("a", "b")]


def test_leadership_hierarchy_holds_every_organization() -> None:
    s = full()
    H = leadership_hierarchy(to_graph(s))
    assert list(H) == [o.id for o in s.organizations]
    assert set(H.edges) == {(o.parent, o.id) for o in s.organizations if o.parent}


def test_affiliation_graph() -> None:
    s = full()
    B = affiliation_graph(to_graph(s))
    assert isinstance(B, nx.Graph)
    assert not B.is_directed()
    people = {p.id for p in s.people}
    orgs = {o.id for o in s.organizations}
    assert {n for n, b in B.nodes(data="bipartite") if b == 0} == people
    assert {n for n, b in B.nodes(data="bipartite") if b == 1} == orgs
    assert nx.bipartite.is_bipartite_node_set(B, people)
    assert B.edges["p1", "oc1"] == {"roles": "chair", "weight": 1}
    assert B.nodes["p1"]["name"] == "Wang"


def test_affiliation_graph_joins_roles_and_counts_posts() -> None:
    s = Structure(
        organizations=[Organization("o", "owners_committee")],
        people=[Person("p")],
        posts=[
            Post("a", "p", "o", "member"),
            Post("b", "p", "o", "chair"),
            Post("c", "p", "o", "member"),
        ],
    )
    assert affiliation_graph(to_graph(s)).edges["p", "o"] == {"roles": "chair,member", "weight": 3}


@pytest.mark.parametrize("day", ["2018", "2019-06", "2020-12-31", "2021", "2024-07", "2030"])
def test_affiliation_graph_as_of(day: str) -> None:
    s = full()
    B = affiliation_graph(to_graph(s), as_of=day)
    expected = {frozenset((p.person, p.organization)) for p in s.as_of(day).posts}
    assert {frozenset(e) for e in B.edges} == expected
    assert B.number_of_nodes() == len(s.people) + len(s.organizations)


def test_as_of_must_be_a_date() -> None:
    with pytest.raises(ValueError, match="ISO date"):
        affiliation_graph(to_graph(full()), as_of="last year")
    s = Structure(
        organizations=[Organization("o", "owners_committee")],
        people=[Person("p")],
        posts=[Post("a", "p", "o", "member", start="soon")],
    )
    assert affiliation_graph(to_graph(s)).number_of_edges() == 1
    assert _problems(lambda: affiliation_graph(to_graph(s), as_of="2020")) == {
        ("invalid-date", "edges['p','o','a']")
    }


def _shared(s: Structure, as_of: str | None = None) -> dict[frozenset[str], int]:
    """The number of people two organizations share, counted from the structure."""
    posts = s.as_of(as_of).posts if as_of else s.posts
    people = {p.id for p in s.people}
    orgs = [o.id for o in s.organizations]
    holders = {
        o: {p.person for p in posts if p.organization == o and p.person in people} for o in orgs
    }
    out = {}
    for a, b in combinations(orgs, 2):
        n = len(holders[a] & holders[b])
        if n and a != b:
            out[frozenset((a, b))] = n
    return out


@pytest.mark.parametrize("as_of", [None, "2020", "2022"])
def test_interlock_graph_weights_are_shared_people(as_of: str | None) -> None:
    s = full()
    I = interlock_graph(to_graph(s), as_of=as_of)  # noqa: E741
    assert {frozenset((a, b)): w for a, b, w in I.edges(data="weight")} == _shared(s, as_of)
    assert list(I) == [o.id for o in s.organizations]


# -- properties --------------------------------------------------------------------------------

_SCALAR = st.one_of(
    st.text(max_size=6),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
)
# Attribute names: ordinary ones, and some the graph itself uses (which must be escaped).
_KEY = st.one_of(
    st.sampled_from(["households", "origin", "weight", "x"]),
    st.sampled_from(
        [
            "kind",
            "level",
            "name",
            "entity",
            "identifiers",
            "heads",
            "heads_yes",
            "rule_x",
            "attr:x",
            "identifier:a",
            "relation",
            "seq",
            "role",
            "tie",
            "id",
            "key",
            "source",
            "choice",
        ]
    ),
    st.text(min_size=1, max_size=5),
)
_ATTRS = st.dictionaries(_KEY, _SCALAR, max_size=3)
_DATE = st.none() | st.sampled_from(["2018", "2019-06", "2020-02-29", "2021", "2023-12"])
_NUMBER = st.integers(-5, 10**6) | st.floats(-1e6, 1e6, allow_nan=False)
_OPT_NUMBER = st.none() | _NUMBER
_TEXT = st.text(max_size=5)


@st.composite
def structures(draw: st.DrawFn, *, valid_references: bool = False) -> Structure:
    """Structures with every field used; references always exist, but with
    ``valid_references=False`` they may point to the wrong kind of entity and form cycles."""
    n = {k: draw(st.integers(0, 4)) for k in ("u", "o", "p", "ob", "d")}
    ids = {k: [f"{k}{i}" for i in range(m)] for k, m in n.items()}
    nodes = [i for k in ("u", "o", "p", "ob", "d") for i in ids[k]]

    def ref(kind: str, j: int | None = None, optional: bool = True) -> str | None:
        """An id of this kind (earlier than j when given), or any node's id."""
        pool = ids[kind][:j] if j is not None else ids[kind]
        if not valid_references:
            pool = nodes
        if not pool:
            return None
        choice = st.sampled_from(pool)
        return draw(st.none() | choice) if optional else draw(choice)

    idents = st.lists(st.builds(Identifier, st.sampled_from(["a", "b"]), _TEXT), max_size=2)
    units = [
        Unit(
            i,
            draw(st.sampled_from(["district", "community", "compound", "grid", "odd"])),
            draw(_TEXT),
            ref("u", j),
            draw(_ATTRS),
            draw(idents),
        )
        for j, i in enumerate(ids["u"])
    ]
    organizations = [
        Organization(
            i,
            draw(st.sampled_from(["compound_party_branch", "owners_committee", "odd"])),
            draw(_TEXT),
            ref("u"),
            ref("o", j),
            draw(_ATTRS),
            draw(idents),
        )
        for j, i in enumerate(ids["o"])
    ]
    people = [
        Person(
            i, draw(_TEXT), draw(st.none() | st.sampled_from(["active", "dormant"])), draw(_ATTRS)
        )
        for i in ids["p"]
    ]
    posts = []
    if ids["p"] and ids["o"]:
        for j in range(draw(st.integers(0, 6))):
            posts.append(
                Post(
                    f"post{j}",
                    ref("p", optional=False),  # type: ignore[arg-type]
                    ref("o", optional=False),  # type: ignore[arg-type]
                    draw(st.sampled_from(["secretary", "chair", "member"])),
                    draw(_DATE),
                    draw(_DATE),
                    draw(_ATTRS),
                )
            )
    relations = ["serves", "supervises"] + (
        [] if valid_references else ["contains", "post", "vote"]
    )
    ties = []
    if nodes:
        for j in range(draw(st.integers(0, 3))):
            ties.append(
                Tie(
                    f"tie{j}",
                    draw(st.sampled_from(nodes)),
                    draw(st.sampled_from(nodes)),
                    draw(st.sampled_from(relations)),
                    draw(_DATE),
                    draw(_DATE),
                    draw(_ATTRS),
                )
            )
    subjects = ids["u"] + ids["o"] + ids["p"] if valid_references else nodes
    observations = [
        Observation(
            i,
            draw(st.sampled_from(subjects or [i])),
            draw(st.sampled_from(["households", "issues_collected"])),
            draw(_NUMBER),
            draw(st.none() | st.sampled_from(["2023", "2021/2023"])),
            draw(st.none() | _TEXT),
            draw(_ATTRS),
        )
        for i in ids["ob"]
    ]
    tally = st.none() | st.builds(
        Tally, _OPT_NUMBER, _OPT_NUMBER, _OPT_NUMBER, _OPT_NUMBER, _OPT_NUMBER
    )
    voters = ids["p"] if valid_references else nodes
    decisions = [
        Decision(
            i,
            draw(st.sampled_from((ids["o"] if valid_references else nodes) or [i])),
            draw(_TEXT),
            VotingRule(
                draw(st.sampled_from(["1/2", "2/3", "1", "3/4"])),
                draw(st.sampled_from(["members", "present", "cast"])),
                draw(st.booleans()),
                draw(st.none() | st.sampled_from(["1/2", "2/3"])),
                draw(st.booleans()),
            ),
            draw(_DATE),
            draw(tally),
            draw(tally),
            tuple(
                Vote(
                    draw(st.sampled_from(voters)),
                    draw(st.sampled_from(["yes", "no", "abstain"])),
                    draw(_OPT_NUMBER),
                )
                for _ in range(draw(st.integers(0, 3) if voters else st.just(0)))
            ),
            draw(st.none() | st.sampled_from(["passed", "failed"])),
            draw(_ATTRS),
        )
        for i in ids["d"]
    ]
    vocabulary = draw(
        st.lists(
            st.builds(
                Term,
                st.sampled_from(["unit_kinds", "organization_kinds", "relations"]),
                st.sampled_from(["odd", "zone", "serves"]),
                _TEXT,
                _TEXT,
                rank=st.none() | st.integers(0, 9),
                party=st.booleans(),
            ),
            max_size=2,
        )
    )
    metadata = draw(
        st.builds(
            Metadata,
            name=_TEXT,
            title=_TEXT,
            model=st.lists(st.sampled_from(["tripartite", "grid"]), max_size=2).map(tuple),
            seed=st.none() | st.integers(0, 99),
            synthetic=st.booleans(),
            attributes=_ATTRS,
        )
    )
    return Structure(
        units=units,
        organizations=organizations,
        people=people,
        posts=posts,
        ties=ties,
        observations=observations,
        decisions=decisions,
        vocabulary=vocabulary,
        metadata=metadata,
    )


@given(structures())
def test_round_trip_property(s: Structure) -> None:
    G = to_graph(s)
    assert _plain(G)
    assert from_graph(G) == s


@given(structures())
def test_round_trip_through_node_link_property(s: Structure) -> None:
    assert from_graph(_node_link(to_graph(s))) == s


@given(structures(valid_references=True))
def test_views_property(s: Structure) -> None:
    G = to_graph(s)
    T = containment_tree(G)
    assert set(T.edges) == {(u.parent, u.id) for u in s.units if u.parent}
    assert len(T) == 0 or nx.is_branching(T)  # parents come earlier: no cycle
    H = party_hierarchy(G)
    assert all(s.vocab.is_party(s.get(n).kind) for n in H)  # type: ignore[union-attr]
    I = interlock_graph(G)  # noqa: E741
    assert {frozenset((a, b)): w for a, b, w in I.edges(data="weight")} == _shared(s)
    B = affiliation_graph(G)
    assert sum(w for *_, w in B.edges(data="weight")) == len(s.posts)


@pytest.mark.parametrize("label", [5, 2.5, ("a", 1), None])
def test_a_non_string_attribute_name_is_wrong_type_whatever_its_value(label: object) -> None:
    for value in ("x" * 200_000, "short", 3):
        G = nx.MultiDiGraph()
        G.add_node("p1", entity="person")
        G.nodes["p1"][label] = value
        with pytest.raises(SpecError) as info:
            govmodel.from_graph(G)
        assert info.value.codes == ("wrong-type",), value
        assert len(str(info.value)) < 500


@pytest.mark.parametrize(
    ("value", "code"),
    [(float("nan"), "non-finite-number"), (-(10**400), "number-out-of-range")],
)
def test_to_graph_refuses_a_metadata_number_from_graph_refuses(value: object, code: str) -> None:
    # the metadata is the graph's JSON text: from_graph refused its own graph
    s = Structure(
        units=[Unit("x", "compound")],
        metadata=govmodel.Metadata(name="m", attributes={"ok": 1, "k": value}),
    )
    with pytest.raises(SpecError) as info:
        govmodel.to_graph(s)
    assert [(p.code, p.path) for p in info.value.problems] == [(code, "$.metadata.attributes.k")]
