"""Tests of govmodel.io.graphfiles: GraphML, GEXF, node-link and Cytoscape.js JSON."""

from __future__ import annotations

import json
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

import govmodel
from govmodel import Limits, SpecError
from govmodel.io.graphfiles import (
    EXPORTERS,
    IMPORTERS,
    TYPES_ATTRIBUTE,
    _gexf_to_graph,
    _graph_to_gexf,
    _graph_to_graphml,
    _graphml_to_graph,
    export_cytoscape,
    export_gexf,
    export_graphml,
    export_node_link,
    import_gexf,
    import_graphml,
    import_node_link,
)
from govmodel.spec import Structure
from govmodel.testing import strategies as gst
from tests.io import canonical, full_structure

NAMES = govmodel.datasets.names()
FORMATS = ("graphml", "gexf", "node-link")
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
LIMITS = Limits()


def _structures() -> list[Structure]:
    return [full_structure(), *(govmodel.datasets.load(n) for n in NAMES)]


# -- round trips ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", NAMES)
def test_dataset_round_trip(name: str, fmt: str) -> None:
    s = govmodel.datasets.load(name)
    back = IMPORTERS[fmt](EXPORTERS[fmt](s))
    assert back == s
    assert canonical(back) == canonical(s)


@pytest.mark.parametrize("fmt", FORMATS)
def test_full_structure_round_trip(fmt: str) -> None:
    s = full_structure()
    back = IMPORTERS[fmt](EXPORTERS[fmt](s))
    assert back == s
    assert canonical(back) == canonical(s)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(gst.structures())
def test_generated_structures_round_trip(s: Structure) -> None:
    for fmt in FORMATS:
        assert canonical(IMPORTERS[fmt](EXPORTERS[fmt](s))) == canonical(s), fmt


def _typed(G: nx.MultiDiGraph) -> Any:
    """The graph as data in which 1, 1.0 and True differ."""

    def t(d: dict[str, Any]) -> list[tuple[str, str, str]]:
        return sorted((k, type(v).__name__, repr(v)) for k, v in d.items())

    return (
        t(G.graph),
        [(n, t(d)) for n, d in G.nodes(data=True)],
        [(u, v, k, t(d)) for u, v, k, d in G.edges(keys=True, data=True)],
    )


def _awkward_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(name="awkward", format_version=1, empty="", flag=True, ratio=0.5)
    G.add_node("a", households=3, label="my label", start="2020", note="", pid=7)
    G.add_node("b", households=2.5, note="line\r\nbreak", weird="\x01\ufffe", **{"gm.x": 1})
    G.add_node("c", households=2**60, mixed=True, big=2**70)
    G.add_node("d", mixed="yes", big=1, households=True)
    G.add_node("中文 id/1", name="名字", note="  spaced  ")
    G.add_edge("a", "b", key="k1", weight=2, label="edge label", start="2019", end="2021")
    G.add_edge("a", "b", key="k2", weight=2.5, id="not the id", type="x", key_="y")
    G.add_edge("b", "a", key="contains", seq=1, networkx_key="z", area="")
    G.add_edge("中文 id/1", "a", key="中文", seq=True)
    return G


@pytest.mark.parametrize(
    ("write", "read"),
    [(_graph_to_graphml, _graphml_to_graph), (_graph_to_gexf, _gexf_to_graph)],
    ids=["graphml", "gexf"],
)
def test_awkward_values_survive_with_their_types(
    write: Callable[[nx.MultiDiGraph], bytes],
    read: Callable[[bytes, Limits], nx.MultiDiGraph],
) -> None:
    G = _awkward_graph()
    H = read(write(G), LIMITS)
    assert _typed(H) == _typed(G)


def test_graphml_keys_have_one_type_per_name() -> None:
    root = ET.fromstring(_graph_to_graphml(_awkward_graph()))
    keys = [
        (k.get("for"), k.get("attr.name"), k.get("attr.type")) for k in root.iter(f"{GRAPHML}key")
    ]
    names = [(f, n) for f, n, _ in keys]
    assert len(names) == len(set(names))
    types = {(f, n): t for f, n, t in keys}
    assert types["node", "households"] == "string"  # int, float and bool: no common number
    assert types["node", "big"] == "string"  # beyond 64 bits
    assert types["edge", "weight"] == "double"  # 2 and 2.5
    assert types["edge", "seq"] == "string"  # 1 and True
    assert ("graph", TYPES_ATTRIBUTE) in types
    s = full_structure()
    root = ET.fromstring(export_graphml(s))
    types = {
        (k.get("for"), k.get("attr.name")): k.get("attr.type") for k in root.iter(f"{GRAPHML}key")
    }
    assert types["node", "households"] == "double"  # 1200, 420, 10500.0
    assert types["node", "level"] == "long"
    assert types["node", "is_party"] == "boolean"
    assert types["edge", "seq"] == "long"


def test_gexf_escapes_the_names_gexf_reserves() -> None:
    root = ET.fromstring(_graph_to_gexf(_awkward_graph()))
    titles = {a.get("title") for a in root.iter() if a.tag.endswith("attribute")}
    assert {"gm.label", "gm.start", "gm.end", "gm.weight", "gm.id", "gm.type", "gm.gm.x"} <= titles
    assert {"gm.networkx_key", "gm.pid"} <= titles
    nodes = {n.get("id"): n.get("label") for n in root.iter() if n.tag.endswith("}node")}
    assert nodes["中文 id/1"] == "名字"  # the label is the name
    assert all(e.get("start") is None for e in root.iter() if e.tag.endswith("}edge"))


# -- a second, independent reader -----------------------------------------------------------


@pytest.mark.parametrize("structure", _structures(), ids=lambda s: s.metadata.name)
def test_igraph_reads_the_graphml(structure: Structure, tmp_path: Path) -> None:
    igraph = pytest.importorskip("igraph")
    path = tmp_path / "g.graphml"
    export_graphml(structure, path)
    g = igraph.Graph.Read_GraphML(str(path))
    G = govmodel.to_graph(structure)
    assert g.is_directed()
    assert (g.vcount(), g.ecount()) == (G.number_of_nodes(), G.number_of_edges())
    index = {v["id"]: v for v in g.vs}
    assert set(index) == set(G.nodes)
    for n, data in G.nodes(data=True):
        v = index[n]
        for k, value in data.items():
            got = v[k]
            if isinstance(value, bool):
                assert got is value, (n, k)
            elif isinstance(value, int | float):
                assert got == pytest.approx(value), (n, k)
            elif value != "":
                assert got == value, (n, k)
    edges = {(g.vs[e.source]["id"], g.vs[e.target]["id"], e["key"]): e.attributes() for e in g.es}
    assert set(edges) == set(G.edges(keys=True))
    for u, v, k, data in G.edges(keys=True, data=True):
        assert edges[u, v, k]["relation"] == data["relation"]
    for key in ("format_version", "metadata"):
        assert g[key] == G.graph[key] or float(g[key]) == G.graph[key]


# -- hostile and broken files ---------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<{root}><graph edgedefault="directed"><node id="&lol9;"/></graph></{root}>"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE g [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<{root}><graph edgedefault="directed"><node id="&secret;"/></graph></{root}>"""
EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE {root} SYSTEM "http://example.invalid/evil.dtd">
<{root}><graph edgedefault="directed"/></{root}>"""
PARAMETER_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE g [<!ENTITY % remote SYSTEM "http://example.invalid/x.dtd"> %remote;]>
<{root}/>"""
HOSTILE = {
    "billion-laughs": BILLION_LAUGHS,
    "external-entity": EXTERNAL_ENTITY,
    "external-dtd": EXTERNAL_DTD,
    "parameter-entity": PARAMETER_ENTITY,
}


@pytest.mark.parametrize("reader", [import_graphml, import_gexf], ids=["graphml", "gexf"])
@pytest.mark.parametrize("attack", sorted(HOSTILE))
def test_hostile_xml_is_refused_quickly(reader: Callable[..., Structure], attack: str) -> None:
    root = "graphml" if reader is import_graphml else "gexf"
    text = HOSTILE[attack].format(root=root)
    started = time.perf_counter()
    for data in (text, text.encode("utf-8")):
        with pytest.raises(SpecError) as info:
            reader(data)
        assert info.value.codes == ("unsafe-xml",)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ("<graphml", "invalid-xml"),
        ("", "invalid-xml"),
        (
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="d0" for="node" '
            'attr.name="x" attr.type="bogus"/><graph edgedefault="directed"/></graphml>',
            "invalid-graphml",
        ),
        (
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
            '<node id="a"><data key="nope">1</data></node></graph></graphml>',
            "invalid-graphml",
        ),
        (
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
            '<graph edgedefault="undirected"/></graphml>',
            "invalid-graphml",
        ),
        ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"/>', "invalid-graphml"),
        (
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="t" for="graph" '
            f'attr.name="{TYPES_ATTRIBUTE}" attr.type="string"/><key id="d" for="node" '
            'attr.name="v" attr.type="string"/><graph edgedefault="directed"><node id="a">'
            '<data key="d">x</data></node><data key="t">{"node": {"v": {"int": ["a"]}}}</data>'
            "</graph></graphml>",
            "invalid-types",
        ),
        (
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
            '<node id="a"/></graph></graphml>',
            "missing-field",
        ),
    ],
)
def test_broken_graphml(data: str, code: str) -> None:
    with pytest.raises(SpecError) as info:
        import_graphml(data)
    assert info.value.codes[0] == code


def test_broken_gexf() -> None:
    with pytest.raises(SpecError) as info:
        import_gexf('<gexf xmlns="http://www.gexf.net/1.2draft"/>')
    assert info.value.codes == ("invalid-gexf",)
    undirected = (
        '<gexf xmlns="http://www.gexf.net/1.2draft"><graph defaultedgetype="undirected">'
        "<nodes/></graph></gexf>"
    )
    with pytest.raises(SpecError) as info:
        import_gexf(undirected)
    assert info.value.codes == ("invalid-gexf",)


def test_size_limit() -> None:
    data = export_graphml(full_structure())
    with pytest.raises(SpecError) as info:
        import_graphml(data, limits=Limits(max_bytes=100))
    assert info.value.codes == ("too-large",)


def test_imported_structures_are_validated() -> None:
    G = govmodel.to_graph(full_structure())
    G.nodes["x1"]["kind"] = "compund"
    data = _graph_to_graphml(G)
    with pytest.raises(SpecError) as info:
        import_graphml(data)
    assert "unknown-term" in info.value.codes
    assert import_graphml(data, validate=False).get("x1").kind == "compund"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("[]", "invalid-node-link"),
        ('{"nodes": 5}', "invalid-node-link"),
        ('{"nodes": [], "edges": 5}', "invalid-node-link"),
        ('{"nodes": [{"nope": 1}]}', "invalid-node-link"),
        ('{"nodes": [], "nodes": []}', "duplicate-key"),
        ("{", "invalid-json"),
    ],
)
def test_broken_node_link(text: str, code: str) -> None:
    with pytest.raises(SpecError) as info:
        import_node_link(text)
    assert info.value.codes[0] == code


# -- node-link and Cytoscape.js -------------------------------------------------------------


def test_node_link_names_its_edges_key() -> None:
    doc = json.loads(export_node_link(full_structure()))
    assert "edges" in doc
    assert "links" not in doc
    assert doc["multigraph"] is True
    assert doc["directed"] is True
    assert {e["key"] for e in doc["edges"]} >= {"contains", "po1", "t1"}


def test_cytoscape_json() -> None:
    s = full_structure()
    doc = json.loads(export_cytoscape(s))
    G = govmodel.to_graph(s)
    nodes = {n["data"]["id"]: n["data"] for n in doc["elements"]["nodes"]}
    assert set(nodes) == set(G.nodes)
    assert nodes["ob3"]["value"] == 0.478  # not overwritten by the node id
    assert nodes["x1"]["label"] == "Lakeside"
    assert nodes["x2"]["label"] == "x2"  # unnamed: its id
    assert nodes["x1"]["name"] == "Lakeside"
    edges = [e["data"] for e in doc["elements"]["edges"]]
    assert len(edges) == G.number_of_edges()
    assert all("id" not in e for e in edges)
    assert {(e["source"], e["target"], e["key"]) for e in edges} == set(G.edges(keys=True))
    assert doc["data"]["format_version"] == 1
    assert "cytoscape" not in IMPORTERS


# -- registries and files -------------------------------------------------------------------


def test_registries_and_paths(tmp_path: Path) -> None:
    s = full_structure()
    assert set(EXPORTERS) == {"graphml", "gexf", "node-link", "cytoscape"}
    assert set(IMPORTERS) == {"graphml", "gexf", "node-link"}
    for name, fn in EXPORTERS.items():
        content = fn(s)
        assert isinstance(content, bytes if name in ("graphml", "gexf") else str)
    for name, export, suffix in (
        ("graphml", export_graphml, "graphml"),
        ("gexf", export_gexf, "gexf"),
        ("node-link", export_node_link, "json"),
        ("cytoscape", export_cytoscape, "cyjs"),
    ):
        target = tmp_path / f"s.{suffix}"
        returned = export(s, target)
        content = export(s)
        raw = target.read_bytes()
        assert raw == (content if isinstance(content, bytes) else content.encode("utf-8")), name
        # given a path, an exporter keeps nothing: it returns the empty str or bytes
        assert returned == type(content)(), name
        if name in IMPORTERS:
            assert IMPORTERS[name](raw) == s
    assert export_graphml(s) == export_graphml(s)  # deterministic
    assert export_gexf(s) == export_gexf(s)


@pytest.mark.parametrize("name", ["key", "networkx_key", "gm.key", "gm.networkx_key", "pid"])
def test_gexf_keeps_node_attributes_networkx_would_rename(name: str) -> None:
    s = govmodel.Structure(
        units=[govmodel.Unit("c1", "community", attributes={name: "v", "other": 1})]
    )
    back = import_gexf(export_gexf(s))
    assert back.units[0].attributes == s.units[0].attributes
    assert import_graphml(export_graphml(s)) == s


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_a_lone_surrogate_in_xml_text_is_invalid_string(fmt: str) -> None:
    s = govmodel.datasets.load("xihu")
    text = (export_graphml(s) if fmt == "graphml" else export_gexf(s)).decode("utf-8")
    bad = text.replace("</graph>", "<!-- \udc80 --></graph>", 1)
    assert bad != text
    read = import_graphml if fmt == "graphml" else import_gexf
    with pytest.raises(govmodel.SpecError) as info:
        read(bad)
    assert info.value.codes == ("invalid-string",)


@pytest.mark.parametrize("where", ["unit", "organization", "person", "post", "tie", "vote", "none"])
def test_node_link_floats_orjson_writes_otherwise(where: str) -> None:
    """Nodes and edges are written by orjson unchecked where none holds a float; a float
    orjson writes otherwise than json (1e-05) on a unit, an organization, a person, a post, a
    tie or a vote is written as json writes it."""
    U, Org, P = govmodel.Unit, govmodel.Organization, govmodel.Person

    def odd(here: str) -> dict[str, Any]:
        return {"w": -1.5e-7 if here == "tie" else 1e-5} if here == where else {"w": 2}

    s = Structure(
        units=[U("c", "community", "C", attributes=odd("unit"))],
        organizations=[Org("o", "owners_committee", "O", unit="c", attributes=odd("organization"))],
        people=[P("p", "甲", attributes=odd("person")), P("q", "乙")],
        posts=[govmodel.Post("a", "p", "o", "chair", attributes=odd("post"))],
        ties=[govmodel.Tie("t", "p", "q", "knows", attributes=odd("tie"))],
        decisions=[
            govmodel.Decision(
                "d",
                "o",
                "motion",
                votes=[govmodel.Vote("p", "yes", area=1e-5 if where == "vote" else 80)],
            )
        ],
    )
    G = govmodel.to_graph(s)
    for indent in (2, None):
        expected = json.dumps(
            nx.node_link_data(G, edges="edges"), ensure_ascii=False, indent=indent
        )
        assert export_node_link(s, indent=indent) == expected + "\n"


@pytest.mark.parametrize("fmt", FORMATS)
def test_two_nodes_with_one_id_are_refused_not_merged(fmt: str) -> None:
    """A graph reader merges two nodes of one id into one, losing one entity (a unit and an
    organization named alike came back as one organization); govmodel refuses the file, as
    its own format refuses a repeated id."""
    text = EXPORTERS[fmt](govmodel.datasets.load("xihu"))
    if fmt == "node-link":
        doc = json.loads(text)
        doc["nodes"].append(dict(doc["nodes"][-1], entity="organization"))
        bad: str | bytes = json.dumps(doc)
        first = doc["nodes"][-1]["id"]
    else:
        raw = text.decode() if isinstance(text, bytes) else text
        start = raw.index("<node ")
        end = raw.index("</node>", start) + len("</node>")
        bad = raw[:end] + raw[start:end] + raw[end:]
        first = raw[start:end].split('id="', 1)[1].split('"', 1)[0]
    with pytest.raises(SpecError) as info:
        IMPORTERS[fmt](bad)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("duplicate-id", f"nodes[{first!r}]")
    ]
    IMPORTERS[fmt](text)  # the file as written is read


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
@pytest.mark.parametrize(
    ("where", "path"),
    [
        ("unit id", "$.units[1].id"),
        ("person id", "$.people[1].id"),
        ("person attribute", "$.people[0].attributes['w\ufffe']"),
        ("post attribute", "$.posts[0].attributes['w\uffff']"),
        ("tie attribute", "$.ties[0].attributes['w\ufffe']"),
    ],
)
def test_a_name_xml_cannot_hold_is_refused_where_it_is(fmt: str, where: str, path: str) -> None:
    """XML forbids U+FFFE and U+FFFF: a node id or an attribute name holding one is refused,
    with the path of the entity that holds it."""
    U, Org, P = govmodel.Unit, govmodel.Organization, govmodel.Person

    def odd(here: str, name: str) -> dict[str, Any]:
        return {name: 1} if here == where else {"w": 1}

    q = "q\uffff" if where == "person id" else "q"
    s = Structure(
        units=[U("c", "community", "C"), U("d\ufffe" if where == "unit id" else "d", "community")],
        organizations=[Org("o", "owners_committee", "O", unit="c")],
        people=[P("p", "甲", attributes=odd("person attribute", "w\ufffe")), P(q, "乙")],
        posts=[govmodel.Post("a", "p", "o", "chair", attributes=odd("post attribute", "w\uffff"))],
        ties=[govmodel.Tie("t", "p", q, "spouse_of", attributes=odd("tie attribute", "w\ufffe"))],
    )
    with pytest.raises(SpecError) as info:
        EXPORTERS[fmt](s)
    assert [(p.code, p.path) for p in info.value.problems] == [("unrepresentable", path)]
