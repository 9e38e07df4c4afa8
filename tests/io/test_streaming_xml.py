"""The streaming writers of govmodel.io.graphfiles against networkx's own writers.

GraphML, GEXF and node-link JSON are written a piece at a time, straight from the structure
(no networkx graph, no DOM). The reference here is what the writers did before: build the
typed copy of ``to_graph(s)`` as a networkx graph, and let networkx's ``GraphMLWriter``,
``GEXFWriter`` and ``node_link_data`` write it. The documents must be equal byte for byte
(the GEXF ``<creator>`` aside, which names govmodel now), on the bundled datasets, on
generated structures, valid and invalid, and on graphs with awkward values.
"""

from __future__ import annotations

import json
import os
import re
from itertools import chain
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govmodel
from govmodel import SpecError
from govmodel.io import graphfiles as gf
from govmodel.spec import Structure
from govmodel.testing import strategies as gst
from govmodel.validate import check
from tests.io import full_structure
from tests.io.test_graphfiles import _awkward_graph

NAMES = govmodel.datasets.names()


# -- the reference: networkx's writers on the typed copy ----------------------------------------


def _typed_copy(
    G: nx.MultiDiGraph, *, node_names: frozenset[str], edge_names: frozenset[str], graph: bool
) -> tuple[nx.MultiDiGraph, dict[str, Any], dict[str, Any]]:
    """One type per attribute name, escaped names, edge keys ``e0`` … (the former code)."""
    table: dict[str, Any] = {}

    def columns(rows: Any) -> dict[str, str]:
        seen: dict[str, list[object]] = {}
        for data in rows:
            for k, v in data.items():
                seen.setdefault(k, []).append(v)
        return {k: gf._column_type(vs) for k, vs in seen.items()}

    edges = [(f"e{i}", e) for i, e in enumerate(G.edges(keys=True, data=True))]
    node_cols = columns(d for _, d in G.nodes(data=True))
    edge_cols = columns(e[3] for _, e in edges)
    H = nx.MultiDiGraph()
    node_tags: dict[str, dict[str, list[str]]] = {}
    for n, data in G.nodes(data=True):
        out: dict[str, object] = {}
        for k, v in data.items():
            name = gf._escape(gf._check_name("attribute name", k), node_names)
            written, tag = gf._write_value(v, node_cols[k])
            out[name] = written
            if tag is not None:
                node_tags.setdefault(name, {}).setdefault(tag, []).append(str(n))
        H.add_node(gf._check_name("node id", n), **out)
    edge_tags: dict[str, dict[str, list[str]]] = {}
    keys: dict[str, Any] = {}
    for eid, (u, v, key, data) in edges:
        out = {}
        for k, val in data.items():
            name = gf._escape(gf._check_name("attribute name", k), edge_names)
            written, tag = gf._write_value(val, edge_cols[k])
            out[name] = written
            if tag is not None:
                edge_tags.setdefault(name, {}).setdefault(tag, []).append(eid)
        H.add_edge(str(u), str(v), key=eid, **out)
        keys[eid] = key
    if node_tags:
        table["node"] = node_tags
    if edge_tags:
        table["edge"] = edge_tags
    if graph:
        graph_tags: dict[str, str] = {}
        for k, v in G.graph.items():
            written, tag = gf._write_value(v, gf._tname(v))
            H.graph[gf._check_name("attribute name", k)] = written
            if tag is not None:
                graph_tags[str(k)] = tag
        if graph_tags:
            table["graph"] = graph_tags
    return H, table, keys


def _serialize(writer: Any) -> bytes:
    from xml.etree.ElementTree import tostring

    writer.indent(writer.xml)
    text = "<?xml version='1.0' encoding='utf-8'?>\n" + tostring(writer.xml, encoding="unicode")
    return (text + "\n").encode("utf-8")


def reference_graphml(G: nx.MultiDiGraph) -> bytes:
    from networkx.readwrite.graphml import GraphMLWriter

    H, table, keys = _typed_copy(
        G, node_names=gf._NO_NAMES, edge_names=gf._GRAPHML_EDGE_NAMES, graph=True
    )
    for _, _, eid, data in H.edges(keys=True, data=True):
        data["key"] = str(keys[eid])
    if table:
        H.graph[gf.TYPES_ATTRIBUTE] = json.dumps(table, ensure_ascii=False, sort_keys=True)
    return _serialize(GraphMLWriter(graph=H, encoding="utf-8", prettyprint=True))


def reference_gexf(G: nx.MultiDiGraph) -> bytes:
    from xml.etree.ElementTree import SubElement

    from networkx.readwrite.gexf import GEXFWriter

    H, table, keys = _typed_copy(
        G, node_names=gf._GEXF_NODE_NAMES, edge_names=gf._GEXF_EDGE_NAMES, graph=False
    )
    K = nx.MultiDiGraph()
    for n, data in H.nodes(data=True):
        name = data.get("name")
        K.add_node(n, **data, label=name if isinstance(name, str) and gf._safe_text(name) else n)
    for u, v, eid, data in H.edges(keys=True, data=True):
        K.add_edge(u, v, key=str(keys[eid]), **data, id=eid)
    name = str(G.graph.get("name", ""))
    K.graph["name"] = name if gf._safe_text(name) else ""
    writer = GEXFWriter(graph=K, encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    assert meta is not None
    meta.attrib.pop("lastmodifieddate", None)
    meta.find("creator").text = f"govmodel {govmodel.__version__}"
    description = SubElement(meta, "description")
    description.text = json.dumps(
        {"govmodel": {"graph": dict(G.graph), "types": table}}, ensure_ascii=True, sort_keys=True
    )
    return _serialize(writer)


def reference_node_link(G: nx.MultiDiGraph, indent: int | None = 2) -> str:
    data = nx.node_link_data(G, edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False) + "\n"


def _outcome(write: Any, *args: Any, **kwargs: Any) -> Any:
    """What a writer gives: its document, or its error's type and problems."""
    try:
        return write(*args, **kwargs)
    except SpecError as exc:
        return ("SpecError", exc.problems)
    except Exception as exc:  # the same exception either way, whatever it is
        return (type(exc).__name__, str(exc))


def assert_same_documents(s: Structure) -> None:
    """Each streaming writer gives the reference's document, or the same error."""
    try:
        G: Any = govmodel.to_graph(s)
    except SpecError as exc:
        expected: Any = ("SpecError", exc.problems)
        for write in (gf.export_graphml, gf.export_gexf, gf.export_node_link):
            assert _outcome(write, s) == expected, write.__name__
        return
    problems = check(s)
    if any(p.code == "invalid-string" for p in problems):
        # a lone surrogate has no UTF-8 form: the XML writers, which give bytes, refuse the
        # structure with its problems (networkx's writers escape it as JSON)
        errors = tuple(p for p in problems if p.severity == "error")
        for write in (gf.export_graphml, gf.export_gexf):
            assert _outcome(write, s) == ("SpecError", errors), write.__name__
    else:
        assert _outcome(gf.export_graphml, s) == _outcome(reference_graphml, G)
        assert _outcome(gf.export_gexf, s) == _outcome(reference_gexf, G)
    for indent in (2, None):
        expected = _outcome(reference_node_link, G, indent)
        if isinstance(expected, tuple) and expected[0] == "ValueError":  # NaN, inf: its problems
            expected = ("SpecError", tuple(p for p in problems if p.severity == "error"))
        assert _outcome(gf.export_node_link, s, None, indent=indent) == expected, indent


# -- the same documents -------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_datasets_are_written_byte_for_byte_as_networkx_wrote_them(name: str) -> None:
    assert_same_documents(govmodel.datasets.load(name))


def test_the_full_and_the_empty_structure() -> None:
    assert_same_documents(full_structure())
    assert_same_documents(Structure())


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(gst.structures())
def test_generated_structures(s: Structure) -> None:
    assert_same_documents(s)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(gst.PLANTABLE_CODES).flatmap(gst.planted))
def test_invalid_structures_give_the_same_documents_or_errors(planted: Any) -> None:
    assert_same_documents(planted[0])


def test_numbers_to_graph_refuses_are_refused_by_every_writer() -> None:
    # to_graph refuses an observed value, a tally or a vote's area from_graph cannot read
    # back; the writers that draw without it refuse the same, at the same paths
    s = Structure(
        units=[govmodel.Unit("x1", "compound")],
        observations=[
            govmodel.Observation("ob1", "x1", "households", float("inf")),
            govmodel.Observation("ob2", "x1", "households", 10**400),
        ],
    )
    assert_same_documents(s)
    codes = {(p.code, p.path) for p in _outcome(gf.export_graphml, s)[1]}
    assert codes == {
        ("non-finite-number", "$.observations[0].value"),
        ("number-out-of-range", "$.observations[1].value"),
    }


def _awkward_structure() -> Structure:
    """Empty names, names XML cannot hold, huge integers, mixed columns, markup, ids to
    escape, a post between the same nodes as another, interleaved with a third."""
    U, Org, P, Po = govmodel.Unit, govmodel.Organization, govmodel.Person, govmodel.Post
    return Structure(
        units=[
            U("c&1", "community", "", attributes={"x": 1, "note": 'a<b>"c"\t&'}),
            U('x"2', "compound", "line\r\nbreak", "c&1", {"x": 2.5, "big": 2**70}),
            U("x3", "compound", "\x01", "c&1", {"x": True, "big": 3, "flag": float("inf")}),
        ],
        organizations=[
            Org("o1", "owners_committee", "", unit='x"2'),
            Org("o2", "owners_committee", "委员会", unit="x3"),
        ],
        people=[P("p1", ""), P("p2", "名")],
        posts=[
            Po("a", "p1", "o1", "chair", attributes={"w": 1}),
            Po("b", "p1", "o2", "member", attributes={"w": "one"}),
            Po("c", "p1", "o1", "member"),
            Po("", "p2", "o2", "member"),
        ],
        metadata=govmodel.Metadata(name="a & b"),
    )


def test_awkward_structures_and_graphs() -> None:
    s = _awkward_structure()
    assert_same_documents(s)
    G = _awkward_graph()
    assert gf._graph_to_graphml(G) == reference_graphml(G)
    assert gf._graph_to_gexf(G) == reference_gexf(G)
    # a graph whose node ids are not strings
    H = nx.MultiDiGraph(format_version=1)
    H.add_node(1, entity="unit")
    H.add_node(2.5, entity="unit")
    H.add_edge(1, 2.5, key=0, relation="contains")
    assert gf._graph_to_graphml(H) == reference_graphml(H)
    assert gf._graph_to_gexf(H) == reference_gexf(H)


def test_rows_of_every_form_are_written_as_before() -> None:
    """Each shape of row is written by a function of its own: rows without data, names
    that cannot be labels, many attributes, keys of mixed types and empty keys, flags."""
    G = nx.MultiDiGraph(format_version=1)
    G.add_node("bare")
    G.add_node("n1", entity="unit", name=3)
    G.add_node("n2", entity="unit", name="a<b")
    G.add_node("n3", entity="unit", name="")
    G.add_node("n4", entity="unit", name="plain", flag=False)
    G.add_node("wide", **{f"attr{i}": i for i in range(300)})
    G.add_node("bare too")
    G.add_edge("bare", "n1", key="")
    G.add_edge("bare", "n1", key=7, flag=True)
    G.add_edge("n1", "n2", key="k", flag=False, note="")
    G.add_edge("n2", "wide")
    assert gf._graph_to_graphml(G) == reference_graphml(G)
    assert gf._graph_to_gexf(G) == reference_gexf(G)
    # and with ids that need escaping, in the same shapes
    H = nx.relabel_nodes(G, {"bare": 'b&<>"', "n1": "n\t1"})
    assert gf._graph_to_graphml(H) == reference_graphml(H)
    assert gf._graph_to_gexf(H) == reference_gexf(H)


@pytest.mark.parametrize("write", [gf._graph_to_graphml, gf._graph_to_gexf])
def test_names_xml_cannot_hold_are_refused_as_before(write: Any) -> None:
    G = nx.MultiDiGraph(format_version=1)
    G.add_node("a", entity="unit", **{"bad\x01name": 1})
    G.add_node("b\x02", entity="unit")
    with pytest.raises(SpecError, match="attribute name 'bad"):
        write(G)
    G.remove_node("a")
    with pytest.raises(SpecError, match="node id"):
        write(G)


def test_the_records_are_the_graph() -> None:
    """The records drawn from a structure are ``to_graph``'s nodes and edges, in order."""
    for s in (_awkward_structure(), full_structure(), *map(govmodel.datasets.load, NAMES)):
        G = govmodel.to_graph(s)
        r = gf._Records.of_structure(s)
        assert r.graph == G.graph
        nodes = [(n, dict(d)) for n, d in chain.from_iterable(r.nodes())]
        edges = [(u, v, k, dict(d)) for u, v, k, d in chain.from_iterable(r.edges())]
        assert nodes == list(G.nodes(data=True))
        assert edges == list(G.edges(keys=True, data=True))
        assert (r.node_count, r.edge_count) == (len(nodes), len(edges))


# -- streaming ----------------------------------------------------------------------------------

EXPORTS: dict[str, Any] = {
    "graphml": gf.export_graphml,
    "gexf": gf.export_gexf,
    "node-link": gf.export_node_link,
}


@pytest.mark.parametrize("fmt", list(EXPORTS))
def test_with_a_path_the_document_goes_to_the_file_only(fmt: str, tmp_path: Path) -> None:
    s = govmodel.datasets.load("xihu")
    export = EXPORTS[fmt]
    target = tmp_path / f"out.{fmt}"
    returned = export(s, target)
    assert returned in (b"", "")
    whole = export(s)
    assert target.read_bytes() == (whole if isinstance(whole, bytes) else whole.encode())


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_the_document_is_written_in_pieces(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """No piece holds more than a batch of nodes or edges: the document is never whole."""
    monkeypatch.setattr(gf, "_BATCH", 100)
    s = govmodel.synth.district(30, seed=3)
    records = gf._Records.of_structure(s)
    pieces = list((gf._graphml if fmt == "graphml" else gf._gexf)(records))
    rows = [p.count("<node ") + p.count("<edge ") for p in pieces]
    assert sum(rows) == records.node_count + records.edge_count
    assert max(rows) <= 100
    assert len(pieces) >= (records.node_count + records.edge_count) // 100


@pytest.mark.parametrize("fmt", list(EXPORTS))
def test_a_failed_export_leaves_the_old_file_and_no_temporary(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "s.out"
    target.write_bytes(b"old")
    bad = Structure(units=[govmodel.Unit("x", "compound", parent="nowhere")])
    with pytest.raises(SpecError, match="dangling-reference"):
        EXPORTS[fmt](bad, target)
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["s.out"]

    def fail(*args: object) -> None:
        raise OSError("disk full")

    s = govmodel.datasets.load("xihu")
    writer = {"graphml": "_graphml", "gexf": "_gexf", "node-link": "_node_link"}[fmt]
    real = getattr(gf, writer)

    def broken(*args: Any) -> Any:
        pieces = real(*args)
        yield next(pieces)
        yield next(pieces)
        fail()

    monkeypatch.setattr(gf, "_BATCH", 3)
    monkeypatch.setattr(gf, writer, broken)  # the writer fails after two pieces
    for write in (lambda: EXPORTS[fmt](s, target), lambda: EXPORTS[fmt](s, tmp_path / "new")):
        monkeypatch.setattr(os, "fsync", fail)  # and every writer fails before the rename
        with pytest.raises(OSError, match="disk full"):
            write()
        assert target.read_bytes() == b"old"
        assert os.listdir(tmp_path) == ["s.out"]


def test_gexf_names_its_creator() -> None:
    text = gf.export_gexf(govmodel.datasets.load("xihu")).decode()
    assert re.search(r"<creator>govmodel [^<]+</creator>", text)
    assert "NetworkX" not in text


def test_orjson_pieces_fall_back_where_floats_differ() -> None:
    """orjson writes 1e16 and 0.00001 otherwise than json; such pieces are written by json."""
    s = Structure(
        units=[
            govmodel.Unit("c", "community", attributes={"a": 1e16, "b": 1e-5, "c": 2**64}),
            govmodel.Unit("d", "community", attributes={"a": 1.5e-7, "b": 0.1, "c": 1}),
        ]
    )
    assert_same_documents(s)
    for indent in (0, 4, "\t"):
        G = govmodel.to_graph(s)
        assert gf.export_node_link(s, indent=indent) == reference_node_link(G, indent)  # type: ignore[arg-type]


# -- reading a piece at a time ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_a_file_over_the_entity_limit_is_refused_before_it_is_read_whole(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = govmodel.synth.district(40, seed=2)
    data = gf.export_graphml(s) if fmt == "graphml" else gf.export_gexf(s)
    read: list[int] = []
    real = gf._GrowingChunks.read

    def spy(self: Any, n: int = -1) -> bytes:
        chunk = real(self, n)
        read.append(len(chunk))
        return chunk

    monkeypatch.setattr(gf._GrowingChunks, "read", spy)
    importer = gf.import_graphml if fmt == "graphml" else gf.import_gexf
    with pytest.raises(SpecError) as info:
        importer(data, limits=govmodel.Limits(max_entities=100))
    assert "too-many-entities" in info.value.codes
    assert sum(read) < len(data) / 4
    read.clear()
    assert importer(data) == s  # within the limits, the same file is read whole
    assert sum(read) == len(data)


# -- the benchmark ------------------------------------------------------------------------------


def test_the_exports_benchmark_runs_at_tiny_scale(tmp_path: Path) -> None:
    from benchmarks import exports

    report = exports.run(
        "tiny", ["structure", "dump", "graphml", "node-link"], data_dir=tmp_path, timeout=300
    )
    rows = report["rows"]
    assert set(rows) == {"structure", "dump", "graphml", "node-link"}
    for name in ("graphml", "node-link"):
        assert rows[name]["seconds"] > 0
        assert rows[name]["cpu_seconds"] > 0
        assert rows[name]["output_bytes"] > rows["dump"]["output_bytes"] / 4
    assert rows["structure"]["retained_bytes"] is not None
    table = exports.render(report)
    assert "graphml" in table
    assert "× structure" in table


def test_the_exports_benchmark_keeps_the_least_cpu_of_its_rounds(tmp_path: Path) -> None:
    from benchmarks import exports

    report = exports.run("tiny", ["dump", "popolo"], data_dir=tmp_path, timeout=300, repeat=2)
    assert report["meta"]["repeat"] == 2
    assert list(report["rows"]) == ["dump", "popolo"]
    assert all(m["runs"] == 2 for m in report["rows"].values())
    # of the runs, the one of least CPU time; a failed run is passed over
    runs = [
        {"seconds": 1.0, "cpu_seconds": 0.9, "peak_bytes": 5},
        {"error": "timed out after 1 s"},
        {"seconds": 2.0, "cpu_seconds": 0.4, "peak_bytes": 7},
    ]
    best = exports._best(runs)
    assert (best["cpu_seconds"], best["peak_bytes"], best["runs"]) == (0.4, 7, 3)
    assert exports._best([{"error": "e1"}, {"error": "e2"}]) == {"error": "e1"}
    assert (
        exports._best([{"seconds": 3.0, "cpu_seconds": None}, {"seconds": 2.0}])["seconds"] == 2.0
    )
