"""Graph files: GraphML, GEXF, node-link JSON and Cytoscape.js JSON.

Each format holds the graph of :func:`govmodel.to_graph`, so any graph tool can open a
structure: yEd, Gephi, igraph, R, D3, Cytoscape.js. GraphML, GEXF and node-link JSON come
back **without loss**: ``import_graphml(export_graphml(s)) == s``, and likewise for GEXF and
node-link JSON. Cytoscape.js JSON is for interactive viewers and is written only.

.. rubric:: Types

GraphML and GEXF declare one type per attribute name (a GraphML ``<key>``, a GEXF
``<attribute>``), while a govmodel graph may hold, under one name, an ``int`` on one node and
a ``float`` on another (an observation's ``value`` is a count here and a rate there). The
writers therefore give every attribute name the one type that holds all its values:

* one Python type: that type (``bool`` → ``boolean``, ``int`` → ``long``, ``float`` →
  ``double``, ``str`` → ``string``);
* ``int`` and ``float``: ``double``, when every integer is exactly a double
  (:math:`|v| \\le 2^{53}`); otherwise ``string``;
* any other mix, and integers beyond 64 bits: ``string``.

Each value whose own type differs from its name's type is listed, with its original type, in
a type table (graph attribute ``govmodel_types`` in GraphML; in GEXF, inside the JSON of the
``<meta><description>``, which GEXF gives no other place for graph attributes), and the
readers restore it. Other tools simply see a well-typed column (an ``int`` 25 read as
``25.0``). Strings XML cannot carry as they are (carriage returns, and characters XML 1.0
forbids) are written JSON-encoded, and empty strings (which XML readers may drop) are
written empty; both are listed in the same table.

GEXF gives meaning to some attribute names (``label``, ``start``, ``end``, ``weight``,
``id``, ``pid``, ``viz`` …): such attributes are written under the name ``gm.{name}`` (and
a name already starting with ``gm.`` gets a second ``gm.``); the node's GEXF ``label`` is its
``name`` (or its id). In GraphML, edges get the ids ``e0``, ``e1`` … and keep their key in the
data attribute ``key``.

.. rubric:: Safety

The readers parse XML with :mod:`defusedxml` and refuse any document type declaration, so
entity expansion ("billion laughs") and external entities are refused before anything is
expanded or fetched: a :class:`~govmodel.errors.SpecError` with code ``"unsafe-xml"``. The
size is limited by :class:`govmodel.Limits`.

Examples
--------
>>> import govmodel
>>> from govmodel.io.graphfiles import export_graphml, import_graphml
>>> s = govmodel.datasets.load("changsha")
>>> import_graphml(export_graphml(s)) == s
True
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import networkx as nx

from govmodel._convert import _SURROGATE, DEFAULT_LIMITS, Limits, check_size
from govmodel.errors import Problem, SpecError, require
from govmodel.graph import EntityCounter, from_graph, to_graph
from govmodel.io.native import atomic_write, parse_json
from govmodel.spec import Structure
from govmodel.validate import validate as _validate

__all__ = [
    "EXPORTERS",
    "IMPORTERS",
    "TYPES_ATTRIBUTE",
    "export_cytoscape",
    "export_gexf",
    "export_graphml",
    "export_node_link",
    "import_gexf",
    "import_graphml",
    "import_node_link",
]

#: The graph attribute holding the type table in GraphML.
TYPES_ATTRIBUTE = "govmodel_types"

_ESCAPE = "gm."
# networkx writes a node attribute "key" as "networkx_key": both are escaped
_GEXF_NODE_NAMES = frozenset(
    {
        "id",
        "key",
        "networkx_key",
        "label",
        "pid",
        "start",
        "end",
        "viz",
        "parents",
        "spells",
        "slices",
    }
)
_GEXF_EDGE_NAMES = frozenset(
    {
        "id",
        "key",
        "networkx_key",
        "label",
        "weight",
        "type",
        "start",
        "end",
        "viz",
        "spells",
        "slices",
    }
)
_GRAPHML_EDGE_NAMES = frozenset({"key"})
_NO_NAMES: frozenset[str] = frozenset()

_GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"
_MAX_DOUBLE_INT = 2**53
_MAX_LONG = 2**63 - 1
# characters XML 1.0 forbids (and the carriage return, which parsers turn into a newline)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# =============================================================================================
# types
# =============================================================================================


def _tname(value: object) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    raise SpecError(
        [
            Problem(
                "wrong-type",
                "$",
                f"graph attribute values must be str, int, float or bool, not "
                f"{type(value).__name__}",
            )
        ]
    )


def _column_type(values: Iterable[object]) -> str:
    """The one type that holds all these values (see the module's documentation)."""
    kinds: set[str] = set()
    big = False
    for v in values:
        t = _tname(v)
        kinds.add(t)
        if t == "int" and abs(v) > _MAX_DOUBLE_INT:  # type: ignore[arg-type]
            big = True
            if abs(v) > _MAX_LONG:  # type: ignore[arg-type]
                return "str"
    if len(kinds) == 1:
        return kinds.pop()
    if kinds == {"int", "float"} and not big:
        return "float"
    return "str"


def _safe_text(value: str) -> bool:
    return value != "" and _NOT_XML.search(value) is None


def _write_value(value: object, column: str) -> tuple[object, str | None]:
    """The value as written in a column of type ``column``, and its type tag if it needs one."""
    t = _tname(value)
    if value == "":
        return "", "empty"  # XML readers may drop empty elements: the tag restores it
    if column == t:
        if t == "str" and not _safe_text(value):  # type: ignore[arg-type]
            return json.dumps(value, ensure_ascii=True), "json"
        return value, None
    if column == "float":  # an int in a float column
        return float(value), "int"  # type: ignore[arg-type]
    # a str column
    if t == "bool":
        return ("true" if value else "false"), "bool"
    if t == "float":
        return repr(value), "float"
    return str(value), t


def _read_value(value: object, tag: str) -> object:
    try:
        return _convert_value(value, tag)
    except (ValueError, TypeError, OverflowError, RecursionError):
        raise SpecError(
            [Problem("invalid-types", "$", f"{value!r} cannot be read back as a {tag}")]
        ) from None


def _convert_value(value: object, tag: str) -> object:
    if tag == "empty":
        return ""
    if tag == "json":
        return json.loads(str(value))
    if tag == "int":
        return int(value) if isinstance(value, float) else int(str(value))
    if tag == "float":
        return float(str(value))
    if tag == "bool":
        return str(value).lower() == "true"
    raise SpecError([Problem("invalid-types", "$", f"unknown type tag {tag!r} in the type table")])


def _escape(name: str, reserved: frozenset[str]) -> str:
    if name in reserved or name.startswith(_ESCAPE):
        return _ESCAPE + name
    return name


def _unescape(name: str) -> str:
    return name[len(_ESCAPE) :] if name.startswith(_ESCAPE) else name


def _check_name(what: str, name: object) -> str:
    text = str(name)
    if _NOT_XML.search(text.replace("\r", "")) is not None:
        raise SpecError(
            [Problem("unrepresentable", "$", f"the {what} {text!r} holds characters XML cannot")]
        )
    return text


def _typed_copy(
    G: nx.MultiDiGraph,
    *,
    node_names: frozenset[str],
    edge_names: frozenset[str],
    graph_attributes: bool,
) -> tuple[nx.MultiDiGraph, dict[str, Any], dict[str, Any]]:
    """A copy with one type per attribute name, escaped names, edge keys ``e0`` …

    Returns the copy, the type table and the original key of each edge, by its new key.
    """
    table: dict[str, Any] = {}

    def columns(rows: Iterable[tuple[str, Mapping[str, object]]]) -> dict[str, str]:
        seen: dict[str, list[object]] = {}
        for _, data in rows:
            for k, v in data.items():
                seen.setdefault(k, []).append(v)
        return {k: _column_type(vs) for k, vs in seen.items()}

    nodes = [(str(n), d) for n, d in G.nodes(data=True)]
    edges = [
        (f"e{i}", (u, v, k, d)) for i, (u, v, k, d) in enumerate(G.edges(keys=True, data=True))
    ]
    node_cols = columns(nodes)
    edge_cols = columns((eid, e[3]) for eid, e in edges)

    H = nx.MultiDiGraph()
    node_tags: dict[str, dict[str, list[str]]] = {}
    for n, data in G.nodes(data=True):
        out: dict[str, object] = {}
        for k, v in data.items():
            name = _escape(_check_name("attribute name", k), node_names)
            written, tag = _write_value(v, node_cols[k])
            out[name] = written
            if tag is not None:
                node_tags.setdefault(name, {}).setdefault(tag, []).append(_check_name("node id", n))
        H.add_node(_check_name("node id", n), **out)
    edge_tags: dict[str, dict[str, list[str]]] = {}
    keys: dict[str, Any] = {}
    for eid, (u, v, key, data) in edges:
        out = {}
        for k, val in data.items():
            name = _escape(_check_name("attribute name", k), edge_names)
            written, tag = _write_value(val, edge_cols[k])
            out[name] = written
            if tag is not None:
                edge_tags.setdefault(name, {}).setdefault(tag, []).append(eid)
        H.add_edge(str(u), str(v), key=eid, **out)
        keys[eid] = key
    if node_tags:
        table["node"] = node_tags
    if edge_tags:
        table["edge"] = edge_tags
    if graph_attributes:
        graph_tags: dict[str, str] = {}
        for k, v in G.graph.items():
            written, tag = _write_value(v, _tname(v))
            H.graph[_check_name("attribute name", k)] = written
            if tag is not None:
                graph_tags[str(k)] = tag
        if graph_tags:
            table["graph"] = graph_tags
    return H, table, keys


def _restore(
    G: nx.MultiDiGraph,
    table: Mapping[str, Any],
    graph: Mapping[str, Any],
    *,
    ident: Callable[[object, dict[str, Any]], tuple[str, object]],
    drop_node: frozenset[str],
) -> nx.MultiDiGraph:
    """The govmodel graph from a graph read back: names unescaped, types and keys restored.

    ``ident(key, data)`` gives an edge's id in the type table and its original key (taking
    what it uses out of ``data``).
    """
    if not isinstance(table, Mapping):
        raise SpecError([Problem("invalid-types", "$", "the type table must be a JSON object")])
    node_tags = _invert(table.get("node", {}))
    edge_tags = _invert(table.get("edge", {}))
    graph_tags = table.get("graph", {})
    if not isinstance(graph_tags, Mapping):
        raise SpecError([Problem("invalid-types", "$", "the type table must be a JSON object")])
    out = nx.MultiDiGraph()
    for k, v in graph.items():
        tag = graph_tags.get(k)
        out.graph[k] = _read_value(v, tag) if tag else v
    for k, tag in graph_tags.items():
        if tag == "empty":
            out.graph[k] = ""
    empty_nodes: dict[str, list[str]] = {}
    empty_edges: dict[str, list[str]] = {}
    for (name, owner), tag in node_tags.items():
        if tag == "empty":
            empty_nodes.setdefault(owner, []).append(name)
    for (name, owner), tag in edge_tags.items():
        if tag == "empty":
            empty_edges.setdefault(owner, []).append(name)
    for n, data in G.nodes(data=True):
        attrs: dict[str, Any] = {}
        for name, v in data.items():
            if name in drop_node:
                continue
            tag = node_tags.get((name, n))
            attrs[_unescape(name)] = _read_value(v, tag) if tag else v
        for name in empty_nodes.get(n, ()):
            attrs[_unescape(name)] = ""
        out.add_node(n, **attrs)
    for u, v, key, data in G.edges(keys=True, data=True):
        rest = dict(data)
        eid, original = ident(key, rest)
        attrs = {}
        for name, val in rest.items():
            tag = edge_tags.get((name, eid))
            attrs[_unescape(name)] = _read_value(val, tag) if tag else val
        for name in empty_edges.get(eid, ()):
            attrs[_unescape(name)] = ""
        out.add_edge(u, v, key=original, **attrs)
    return out


def _invert(tags: object) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    if not isinstance(tags, Mapping):
        raise SpecError([Problem("invalid-types", "$", "the type table must be a JSON object")])
    for name, by_tag in tags.items():
        if not isinstance(by_tag, Mapping):
            raise SpecError([Problem("invalid-types", "$", "the type table must be a JSON object")])
        for tag, ids in by_tag.items():
            if not isinstance(ids, list):
                raise SpecError([Problem("invalid-types", "$", "the type table lists ids")])
            for i in ids:
                out[(str(name), str(i))] = str(tag)
    return out


# =============================================================================================
# safe XML
# =============================================================================================


def _local(tag: object) -> str:
    """An element's tag without its namespace."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


class _GraphMLCounter:
    """Counts the entities of a GraphML document as its elements end (see
    :class:`~govmodel.graph.EntityCounter`): ``<key>`` elements name the data keys of
    ``entity`` and ``relation`` (and their defaults); each ``<node>`` and ``<edge>`` is
    counted by its data under them."""

    def __init__(self, limit: int) -> None:
        self.counter = EntityCounter(limit)
        self.keys: dict[str, dict[str, str | None]] = {"node": {}, "edge": {}}

    def __call__(self, elem: Any) -> None:
        tag = _local(elem.tag)
        if tag == "node" or tag == "edge":
            keys = self.keys[tag]
            value = None
            found = False
            for child in elem:
                if child.get("key") in keys and _local(child.tag) == "data":
                    value, found = child.text, True
                    break
            if not found and keys:
                value = next(iter(keys.values()))
            if tag == "node":
                self.counter.node(value)
            else:
                self.counter.edge(value)
        elif tag == "key":
            name = elem.get("attr.name")
            owner = elem.get("for")
            wanted = {"node": "entity", "edge": "relation"}
            for kind in ("node", "edge"):
                if name == wanted[kind] and owner in (kind, "all"):
                    default = None
                    for child in elem:
                        if _local(child.tag) == "default":
                            default = child.text
                    key = elem.get("id")
                    if isinstance(key, str):
                        self.keys[kind][key] = default


class _GEXFCounter:
    """Counts the entities of a GEXF document as its elements end: ``<attributes>`` name
    the attribute ids of ``entity`` (nodes) and ``relation`` (edges); each ``<node>`` and
    ``<edge>`` is counted by its ``<attvalue>`` for them."""

    def __init__(self, limit: int) -> None:
        self.counter = EntityCounter(limit)
        self.ids: dict[str, dict[str, str | None]] = {"node": {}, "edge": {}}

    def __call__(self, elem: Any) -> None:
        tag = _local(elem.tag)
        if tag == "node" or tag == "edge":
            ids = self.ids[tag]
            value = next(iter(ids.values())) if ids else None
            for child in elem:
                if _local(child.tag) == "attvalues":
                    for att in child:
                        if att.get("for") in ids:
                            value = att.get("value")
            if tag == "node":
                self.counter.node(value)
            else:
                self.counter.edge(value)
        elif tag == "attributes":
            kind = elem.get("class")
            if kind not in ("node", "edge"):
                return
            wanted = "entity" if kind == "node" else "relation"
            for att in elem:
                if att.get("title") == wanted and isinstance(att.get("id"), str):
                    default = None
                    for child in att:
                        if _local(child.tag) == "default":
                            default = child.text
                    self.ids[kind][att.get("id")] = default


class _GrowingChunks:
    """A file over ``data`` whose reads return chunks twice as long each time.

    The incremental XML parser reads 16 KiB at a time, and expat scans a token cut by a
    chunk's end again from its start on every later chunk: a 1 MB attribute value read in
    16 KiB chunks is scanned 60 times over, which is quadratic. With chunks that double, a
    token is scanned again at most once per doubling, so the work is linear, and a document
    refused early has still been read no further than twice what was needed.
    """

    def __init__(self, data: bytes) -> None:
        self.data = memoryview(data)
        self.at = 0
        self.size = 64 * 1024

    def read(self, n: int = -1) -> bytes:
        size = max(self.size, n)
        self.size *= 2
        chunk = bytes(self.data[self.at : self.at + size])
        self.at += len(chunk)
        return chunk


def _xml_root(
    data: str | bytes,
    limits: Limits,
    what: str,
    count: Callable[[Any], None] | None = None,
) -> Any:
    """Parse XML with defusedxml, refusing document type declarations (and so entities).

    The document is parsed incrementally; ``count`` sees each element as it ends, and may
    refuse the document (raising a :class:`SpecError`) before the rest is read.
    """
    check_size(data, limits)
    det: Any = require("defusedxml.ElementTree", "xml", feature=f"reading {what}")
    defused: Any = require("defusedxml", "xml", feature=f"reading {what}")
    if isinstance(data, str):
        if not data.isascii() and (m := _SURROGATE.search(data)) is not None:
            line = data.count("\n", 0, m.start()) + 1
            raise SpecError(
                [
                    Problem(
                        "invalid-string",
                        "$",
                        f"the {what} text holds a lone surrogate ({m.group()!a}, line {line}), "
                        "which no XML file can store",
                    )
                ]
            )
        raw = data.encode("utf-8")
    else:
        raw = data
    try:
        events = det.iterparse(
            _GrowingChunks(raw),
            events=("end",),
            forbid_dtd=True,
            forbid_entities=True,
            forbid_external=True,
        )
        if count is None:
            for _ in events:
                pass
        else:
            for _, elem in events:
                count(elem)
        return events.root
    except SpecError:  # refused by count
        raise
    except defused.DefusedXmlException as exc:
        raise SpecError(
            [
                Problem(
                    "unsafe-xml",
                    "$",
                    f"the {what} file declares a document type or entities ({type(exc).__name__}); "
                    "govmodel refuses them, since they can expand without bound or fetch "
                    "external files",
                )
            ]
        ) from None
    except det.ParseError as exc:
        raise SpecError([Problem("invalid-xml", "$", f"not well-formed XML: {exc}")]) from None
    except (LookupError, ValueError) as exc:  # e.g. an unknown or multi-byte declared encoding
        raise SpecError([Problem("invalid-xml", "$", f"cannot read the XML: {exc}")]) from None


def _serialize(writer: Any) -> bytes:
    """A networkx XML writer's document as UTF-8 (characters as themselves, not references)."""
    from xml.etree.ElementTree import tostring

    writer.indent(writer.xml)
    text = "<?xml version='1.0' encoding='utf-8'?>\n" + tostring(writer.xml, encoding="unicode")
    return (text + "\n").encode("utf-8")


def _nx_failure(what: str, exc: Exception) -> SpecError:
    detail = f"{type(exc).__name__}: {exc}"
    return SpecError(
        [Problem(f"invalid-{what.lower()}", "$", f"not a valid {what} graph ({detail})")]
    )


# =============================================================================================
# GraphML
# =============================================================================================


def _graph_to_graphml(G: nx.MultiDiGraph) -> bytes:
    H, table, keys = _typed_copy(
        G, node_names=_NO_NAMES, edge_names=_GRAPHML_EDGE_NAMES, graph_attributes=True
    )
    for _, _, eid, data in H.edges(keys=True, data=True):
        data["key"] = str(keys[eid])
    if table:
        H.graph[TYPES_ATTRIBUTE] = json.dumps(table, ensure_ascii=False, sort_keys=True)
    from networkx.readwrite.graphml import GraphMLWriter

    writer = GraphMLWriter(graph=H, encoding="utf-8", prettyprint=True)
    return _serialize(writer)


def _graphml_to_graph(data: str | bytes, limits: Limits) -> nx.MultiDiGraph:
    root = _xml_root(data, limits, "GraphML", _GraphMLCounter(limits.max_entities))
    from networkx.readwrite.graphml import GraphMLReader

    reader = GraphMLReader(node_type=str, edge_key_type=str, force_multigraph=True)
    try:
        keys, defaults = reader.find_graphml_keys(root)
        graphs = [reader.make_graph(g, keys, defaults) for g in root.findall(f"{_GRAPHML_NS}graph")]
    except Exception as exc:  # networkx raises KeyError, ValueError, NetworkXError …
        raise _nx_failure("GraphML", exc) from None
    if len(graphs) != 1:
        raise SpecError(
            [Problem("invalid-graphml", "$", f"expected one <graph>, found {len(graphs)}")]
        )
    G = graphs[0]
    if not G.is_directed():
        raise SpecError([Problem("invalid-graphml", "$", "a govmodel graph is directed")])
    graph = {
        k: v
        for k, v in G.graph.items()
        if k not in ("node_default", "edge_default", TYPES_ATTRIBUTE)
    }
    raw_table = G.graph.get(TYPES_ATTRIBUTE)
    table = parse_json(raw_table, limits) if isinstance(raw_table, str) else {}

    def ident(key: object, d: dict[str, Any]) -> tuple[str, object]:
        return str(key), d.pop("key", key)

    return _restore(G, table, graph, ident=ident, drop_node=_NO_NAMES)


def export_graphml(structure: Structure, path: str | os.PathLike[str] | None = None) -> bytes:
    """A structure's graph as GraphML (UTF-8 bytes); with ``path``, also written there.

    Parameters
    ----------
    structure
        The structure; its graph is :func:`govmodel.to_graph`.
    path
        Where to write the file (atomically), if anywhere.

    Returns
    -------
    bytes
        The GraphML document, typed keys for every attribute (see the module's
        documentation for the type table).

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.io.graphfiles import export_graphml
    >>> export_graphml(govmodel.datasets.load("xihu")).startswith(b"<?xml")
    True
    """
    content = _graph_to_graphml(to_graph(structure))
    if path is not None:
        atomic_write(path, content)
    return content


def import_graphml(
    data: str | bytes, *, validate: bool = True, limits: Limits | None = None
) -> Structure:
    """A structure from a GraphML document written by :func:`export_graphml` (or alike).

    Parameters
    ----------
    data
        The document, as text or bytes.
    validate
        Check the structure with :func:`govmodel.validate` (default).
    limits
        Size limits (:class:`govmodel.Limits`).

    Returns
    -------
    Structure

    Raises
    ------
    SpecError
        ``unsafe-xml`` for a document type declaration (entities), ``invalid-xml`` for XML
        that is not well-formed, ``invalid-graphml`` for what networkx cannot read, and the
        problems of :func:`govmodel.from_graph` and :func:`govmodel.validate`.

    Examples
    --------
    >>> from govmodel.io.graphfiles import import_graphml
    >>> import_graphml(b'<!DOCTYPE x [<!ENTITY a "aa">]><graphml/>')
    Traceback (most recent call last):
    ...
    govmodel.errors.SpecError: 1 problem:
      $: unsafe-xml: the GraphML file declares a document type or entities (DTDForbidden); ...
    """
    lim = limits or DEFAULT_LIMITS
    s = from_graph(_graphml_to_graph(data, lim), limits=lim)
    if validate:
        _validate(s, limits=lim)
    return s


# =============================================================================================
# GEXF
# =============================================================================================


def _graph_to_gexf(G: nx.MultiDiGraph) -> bytes:
    H, table, keys = _typed_copy(
        G, node_names=_GEXF_NODE_NAMES, edge_names=_GEXF_EDGE_NAMES, graph_attributes=False
    )
    from networkx.readwrite.gexf import GEXFWriter

    # the GEXF edge id is e0, e1 …; the key travels as networkx_key (networkx writes it)
    K = nx.MultiDiGraph()
    for n, data in H.nodes(data=True):
        name = data.get("name")
        label = name if isinstance(name, str) and _safe_text(name) else n
        K.add_node(n, **data, label=label)
    for u, v, eid, data in H.edges(keys=True, data=True):
        K.add_edge(u, v, key=str(keys[eid]), **data, id=eid)
    name = str(G.graph.get("name", ""))
    K.graph["name"] = name if _safe_text(name) else ""
    writer = GEXFWriter(graph=K, encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        from xml.etree.ElementTree import SubElement

        description = SubElement(meta, "description")
        description.text = json.dumps(
            {"govmodel": {"graph": dict(G.graph), "types": table}},
            ensure_ascii=True,
            sort_keys=True,
        )
    return _serialize(writer)


def _gexf_to_graph(data: str | bytes, limits: Limits) -> nx.MultiDiGraph:
    root = _xml_root(data, limits, "GEXF", _GEXFCounter(limits.max_entities))
    from networkx.readwrite.gexf import GEXFReader

    reader = GEXFReader(node_type=None, version="1.2draft")
    graph_xml = None
    ns = ""
    for version in ("1.2draft", "1.3", "1.1draft"):
        reader.set_version(version)
        ns = reader.NS_GEXF
        graph_xml = root.find(f"{{{ns}}}graph")
        if graph_xml is not None:
            break
    if graph_xml is None:
        raise SpecError([Problem("invalid-gexf", "$", "no <graph> element in the GEXF file")])
    reader.simple_graph = False  # keep the multigraph and its keys
    try:
        G = reader.make_graph(graph_xml)
    except Exception as exc:  # networkx raises KeyError, ValueError, NetworkXError …
        raise _nx_failure("GEXF", exc) from None
    if not G.is_directed():
        raise SpecError([Problem("invalid-gexf", "$", "a govmodel graph is directed")])
    graph: dict[str, Any] = {}
    table: Any = {}
    description = root.find(f"{{{ns}}}meta/{{{ns}}}description")
    if description is not None and description.text:
        try:
            meta = json.loads(description.text)
        except (ValueError, RecursionError):
            meta = None
        if isinstance(meta, dict) and isinstance(meta.get("govmodel"), dict):
            graph = meta["govmodel"].get("graph", {})
            table = meta["govmodel"].get("types", {})
            if not isinstance(graph, dict):
                raise SpecError(
                    [Problem("invalid-gexf", "$", "graph attributes must be an object")]
                )
    elif G.graph.get("name"):
        graph = {"name": G.graph["name"]}

    def ident(key: object, d: dict[str, Any]) -> tuple[str, object]:
        return str(d.pop("id", key)), key

    return _restore(G, table, graph, ident=ident, drop_node=frozenset({"label"}))


def export_gexf(structure: Structure, path: str | os.PathLike[str] | None = None) -> bytes:
    """A structure's graph as GEXF 1.2 (UTF-8 bytes); with ``path``, also written there.

    Node labels are the entities' names (their ids when unnamed); the graph attributes and
    the type table travel as JSON in ``<meta><description>``.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.io.graphfiles import export_gexf, import_gexf
    >>> s = govmodel.datasets.load("jinfeng")
    >>> import_gexf(export_gexf(s)) == s
    True
    """
    content = _graph_to_gexf(to_graph(structure))
    if path is not None:
        atomic_write(path, content)
    return content


def import_gexf(
    data: str | bytes, *, validate: bool = True, limits: Limits | None = None
) -> Structure:
    """A structure from a GEXF document written by :func:`export_gexf`.

    Parsed as safely as :func:`import_graphml` (which see for the errors).

    Examples
    --------
    >>> from govmodel.io.graphfiles import import_gexf
    >>> import_gexf("<gexf")
    Traceback (most recent call last):
    ...
    govmodel.errors.SpecError: 1 problem:
      $: invalid-xml: not well-formed XML: ...
    """
    lim = limits or DEFAULT_LIMITS
    s = from_graph(_gexf_to_graph(data, lim), limits=lim)
    if validate:
        _validate(s, limits=lim)
    return s


# =============================================================================================
# node-link JSON
# =============================================================================================


def export_node_link(
    structure: Structure, path: str | os.PathLike[str] | None = None, *, indent: int | None = 2
) -> str:
    """A structure's graph as node-link JSON (``networkx.node_link_data``, edges key ``"edges"``).

    JSON keeps ``int``, ``float``, ``bool`` and ``str`` apart, so no type table is needed.

    Examples
    --------
    >>> import json, govmodel
    >>> from govmodel.io.graphfiles import export_node_link
    >>> doc = json.loads(export_node_link(govmodel.datasets.load("chengdu")))
    >>> sorted(doc)
    ['directed', 'edges', 'graph', 'multigraph', 'nodes']
    """
    data = nx.node_link_data(to_graph(structure), edges="edges")
    text = json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False) + "\n"
    if path is not None:
        atomic_write(path, text)
    return text


def import_node_link(
    data: str | bytes, *, validate: bool = True, limits: Limits | None = None
) -> Structure:
    """A structure from node-link JSON written by :func:`export_node_link` (or networkx).

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.io.graphfiles import export_node_link, import_node_link
    >>> s = govmodel.datasets.load("yuetang")
    >>> import_node_link(export_node_link(s)) == s
    True
    """
    lim = limits or DEFAULT_LIMITS
    doc = parse_json(data, lim)
    if not isinstance(doc, dict) or not isinstance(doc.get("nodes"), list):
        raise SpecError(
            [Problem("invalid-node-link", "$", "node-link JSON is an object with a 'nodes' list")]
        )
    if not isinstance(doc.get("edges", []), list):
        raise SpecError([Problem("invalid-node-link", "$.edges", "'edges' must be a list")])
    try:
        G = nx.node_link_graph(doc, directed=True, multigraph=True, edges="edges")
    except Exception as exc:  # networkx raises KeyError, TypeError, NetworkXError …
        raise SpecError(
            [Problem("invalid-node-link", "$", f"not a node-link graph: {exc!r}")]
        ) from None
    s = from_graph(G, limits=lim)
    if validate:
        _validate(s, limits=lim)
    return s


# =============================================================================================
# Cytoscape.js
# =============================================================================================


def export_cytoscape(
    structure: Structure, path: str | os.PathLike[str] | None = None, *, indent: int | None = 2
) -> str:
    """A structure's graph as Cytoscape.js JSON, for interactive viewers (export only).

    The shape is that of ``networkx.cytoscape_data``: ``{"data": graph attributes,
    "directed": true, "multigraph": true, "elements": {"nodes": [{"data": {...}}], "edges":
    [{"data": {...}}]}}``. Each node's data holds ``id``, ``label`` (its name, or its id) and
    its attributes; each edge's ``source``, ``target``, ``key`` and its attributes (no edge
    ``id``: Cytoscape.js makes unique ones). It is built here rather than by
    ``networkx.cytoscape_data``, which overwrites node attributes named ``name`` and
    ``value`` (an observation's value) with the node's id.

    Examples
    --------
    >>> import json, govmodel
    >>> from govmodel.io.graphfiles import export_cytoscape
    >>> doc = json.loads(export_cytoscape(govmodel.datasets.load("xihu")))
    >>> sorted(doc["elements"])
    ['edges', 'nodes']
    """
    G = to_graph(structure)
    nodes = []
    for n, d in G.nodes(data=True):
        data: dict[str, Any] = {"id": n, "label": d.get("name") or n}
        data.update(d)
        data["id"] = n
        nodes.append({"data": data})
    edges = []
    for u, v, k, d in G.edges(keys=True, data=True):
        edata: dict[str, Any] = dict(d)
        edata.update({"source": u, "target": v, "key": k})
        edges.append({"data": edata})
    doc = {
        "data": dict(G.graph),
        "directed": True,
        "multigraph": True,
        "elements": {"nodes": nodes, "edges": edges},
    }
    text = json.dumps(doc, ensure_ascii=False, indent=indent, allow_nan=False) + "\n"
    if path is not None:
        atomic_write(path, text)
    return text


#: Exporters by format name: a structure to the content of a file.
EXPORTERS: dict[str, Callable[[Structure], str | bytes]] = {
    "graphml": export_graphml,
    "gexf": export_gexf,
    "node-link": export_node_link,
    "cytoscape": export_cytoscape,
}
#: Importers by format name: the content of a file to a structure.
IMPORTERS: dict[str, Callable[[str | bytes], Structure]] = {
    "graphml": import_graphml,
    "gexf": import_gexf,
    "node-link": import_node_link,
}
