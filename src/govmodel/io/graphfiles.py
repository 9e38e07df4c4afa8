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
data attribute ``key``, which is escaped in the same way: there too a name already starting
with ``gm.`` gets a second ``gm.`` (the readers take one off).

.. rubric:: Writing

The writers work from the records of the graph, drawn from the structure as
:func:`govmodel.to_graph` would draw them but without building the networkx graph, and
write the document a batch of nodes or edges at a time: given a path, they stream it to the
file and keep nothing. Node-link JSON draws each batch's objects as it writes them (with
orjson where installed, whose text is checked against the standard library's only in the
sections of nodes, and the edges, that may hold a float); GraphML and GEXF, which declare
every attribute's type before the first node, draw the values of each attribute as columns
straight from the entities, grouped by the rows' sets of names (no dict per node or edge),
then write (with numpy, the ``fast`` extra, the edges' order and the rows' grouping by
their names are sorted on numpy's arrays; the bytes are the same). A structure the columns
do not cover as they are (a value of a subclass of ``int``, say, or a string of a
subclass of ``str``, a ``StrEnum``'s member, written as the plain string it holds) is
drawn a dict per row, and an unusual one (what ``to_graph`` refuses, among others) through
``to_graph`` itself. The bytes are those networkx's ``write_graphml``,
``write_gexf`` and ``node_link_data`` gave for the same graph (GEXF's ``<creator>`` aside).

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

import builtins
import json
import math
import os
import re
import warnings
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache, partial
from itertools import accumulate, chain, compress, cycle, groupby, islice, repeat
from numbers import Integral
from operator import add, attrgetter, countOf, is_, is_not, itemgetter, mul, ne, not_
from types import CodeType, FunctionType
from typing import Any, Final

import networkx as nx

from govmodel._convert import (
    _SURROGATE,
    DEFAULT_LIMITS,
    Limits,
    check_size,
    gc_paused,
    json_path,
    plain,
    shown,
    text_of,
)
from govmodel.errors import Problem, SpecError, require
from govmodel.graph import ESCAPE_PREFIX, EntityCounter, from_graph, to_graph
from govmodel.io.native import (
    _FIRST_PIECE,
    _PIECE,
    _digit_e_minus,
    _json_array,
    _json_bytes,
    _next_piece,
    _orjson,
    _unwritable,
    _write_stream,
    atomic_write,
    parse_json,
    refuse_big_integers,
)
from govmodel.spec import Structure
from govmodel.validate import _SURROGATE_MESSAGE, require_types
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
_DATA: Final = f"{_GRAPHML_NS}data"
_EDGE: Final = f"{_GRAPHML_NS}edge"
_MAX_DOUBLE_INT = 2**53
_MAX_LONG = 2**63 - 1
_MIN_LONG = -(2**63)
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
            if not _MIN_LONG <= v <= _MAX_LONG:  # type: ignore[operator]
                return "str"
    if len(kinds) == 1:
        return kinds.pop()
    if kinds == {"int", "float"} and not big:
        return "float"
    return "str"


def _plain_strings(values: list[Any]) -> None:
    """Make the strings of a subclass of ``str`` among ``values`` (a column, a
    :class:`_Const` one object in every row) the plain strings they hold, in place."""
    if type(values) is _Const:
        values[:] = [plain(values[0])] * len(values) if values else []
    else:
        values[:] = map(plain, values)


def _exact_strings(values: Sequence[Any]) -> bool:
    """Whether every value is exactly a ``str`` (looked at in one pass at C speed)."""
    return countOf(map(type, values), str) == len(values)


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


def _check_name(what: str, name: object, path: str = "$") -> str:
    """``str(name)``, or an ``unrepresentable`` problem at ``path`` where it holds characters
    XML cannot (a carriage return aside, which an XML attribute value holds escaped)."""
    text = text_of(name)
    if _NOT_XML.search(text.replace("\r", "")) is not None:
        raise SpecError(
            [Problem("unrepresentable", path, f"the {what} {text!r} holds characters XML cannot")]
        )
    return text


# =============================================================================================
# the graph as records, without networkx
# =============================================================================================


class _Records:
    """The graph of :func:`govmodel.to_graph` as plain records, in the order networkx gives,
    drawn a batch at a time.

    ``graph`` holds the graph attributes; :meth:`nodes` gives the ``(id, attributes)`` of the
    nodes in ``G.nodes`` order, :meth:`edges` the ``(source, target, key, attributes)`` of
    the edges in ``G.edges(keys=True)`` order (by source in node order, then by target in
    the order of its first edge, then by key in the order added), each in lists of at most
    :data:`_BATCH`. Drawn from a structure, the attribute dicts are made as each batch is
    asked for and held by no one else, so that a writer holds one batch of them at a time;
    then ``owned`` is true, and a reader may change those that are ``dict`` (the others
    are read-only mappings shared by many edges).
    """

    __slots__ = (
        "_edges",
        "_nodes",
        "columns",
        "edge_count",
        "graph",
        "links",
        "node_count",
        "node_objects",
        "owned",
        "structure",
    )

    def __init__(
        self,
        graph: Mapping[str, Any],
        nodes: Callable[[], Iterator[list[tuple[Any, Mapping[str, Any]]]]],
        edges: Callable[[], Iterator[list[tuple[Any, Any, Any, Mapping[str, Any]]]]],
        node_count: int,
        edge_count: int,
        *,
        owned: bool = False,
        columns: Callable[[], _Drawn] | None = None,
        links: Callable[[], Iterator[tuple[bool, Iterator[list[Any]]]]] | None = None,
        node_objects: Callable[[], Iterator[tuple[bool, Iterator[list[Any]]]]] | None = None,
    ) -> None:
        self.graph = graph
        self.owned = owned
        #: the rows as columns, grouped by shape (see :func:`_columnar`), where drawn so
        self.columns = columns
        #: the edges as node-link objects, in runs of batches, each run with whether its
        #: objects may hold a float (see :func:`_flag_runs`), where drawn so
        self.links = links
        #: the nodes as node-link objects, likewise
        self.node_objects = node_objects
        self._nodes = nodes
        self._edges = edges
        self.node_count = node_count
        self.edge_count = edge_count
        #: the structure the records are drawn from, if any (whose paths name a problem)
        self.structure: Structure | None = None

    def nodes(self) -> Iterator[list[tuple[Any, Mapping[str, Any]]]]:
        """The nodes, a batch at a time (drawn again on each call)."""
        return self._nodes()

    def edges(self) -> Iterator[list[tuple[Any, Any, Any, Mapping[str, Any]]]]:
        """The edges, a batch at a time (drawn again on each call)."""
        return self._edges()

    @classmethod
    def of_graph(cls, G: nx.MultiDiGraph) -> _Records:
        """The records of a networkx graph."""
        nodes = list(G.nodes(data=True))
        edges = list(G.edges(keys=True, data=True))
        return cls(
            dict(G.graph),
            partial(_batches, nodes),
            partial(_batches, edges),
            len(nodes),
            len(edges),
        )

    @classmethod
    def of_structure(cls, structure: Structure) -> _Records:
        """The records of ``to_graph(structure)``, drawn without building the graph.

        Whatever :func:`~govmodel.to_graph` would refuse (or anything unusual) is handed to
        it, so that its error is raised, or its graph used; an attribute it refuses, met
        only as its batch is drawn, raises its error then. A value that is not of its
        field's type is refused first (:func:`~govmodel.validate.require_types`).
        """
        require_types(structure)
        try:
            records = _draw(structure)
        except _Unusual:
            records = cls.of_graph(to_graph(structure))
        records.structure = structure
        return records


def _batches(rows: Sequence[Any]) -> Iterator[list[Any]]:
    for at in range(0, len(rows), _BATCH):
        yield list(rows[at : at + _BATCH])


class _Unusual(Exception):
    """A structure :func:`_draw` leaves to :func:`~govmodel.to_graph`."""


class _Plan:
    """What both drawers of a structure's records work from: the graph attributes, the node
    ids, and the edges' ends and keys in the order :func:`~govmodel.to_graph` adds them
    (``sources``, ``targets``, ``keys``: the structural edges first, ``structural`` of
    them, then the posts, the ties and the votes), with ``order``, the order a
    MultiDiGraph lists them in (see :func:`_adjacency_order`): a list, or where numpy made
    it a numpy array (then ``order_array`` too), read a batch at a time by
    :meth:`order_part`.

    Raises :class:`_Unusual` wherever ``to_graph`` would report a problem that shows
    without drawing the attribute dicts.
    """

    __slots__ = (
        "exact",
        "graph",
        "ids",
        "keys",
        "order",
        "order_array",
        "sources",
        "structural",
        "targets",
        "votes",
    )

    def __init__(self, s: Structure) -> None:
        from govmodel import graph as g
        from govmodel._convert import CONVERTER
        from govmodel.spec import FORMAT_VERSION, Metadata
        from govmodel.vocab import Term

        graph: dict[str, Any] = {"format_version": FORMAT_VERSION}
        try:
            meta = CONVERTER.unstructure(s.metadata, Metadata)
            if meta:
                graph["metadata"] = g._json(meta)
            if s.vocabulary:
                graph["vocabulary"] = g._json(
                    [CONVERTER.unstructure(t, Term) for t in s.vocabulary]
                )
        except (TypeError, ValueError) as exc:
            raise _Unusual from exc
        if s.metadata.name:
            graph["name"] = s.metadata.name
        if not g._readable_numbers(s) or any(g._unreadable_metadata(s)):
            raise _Unusual  # to_graph refuses them, at their paths
        self.graph = graph
        nodes = (s.units, s.organizations, s.people, s.observations, s.decisions)
        # the keys of the edges of the posts and ties (read once: for the checks and the keys)
        edges = (s.posts, s.ties)
        np = _np_module()
        checked: list[bool] = []
        read = _read_ids(np, nodes, edges, checked) if np is not None else None
        if read is None:
            ids, edge_ids = _ids(nodes, checked), _ids(edges, checked)
            _distinct_ids(ids, edge_ids)
            addresses = None
            exact = all(checked)
        else:
            ids, edge_ids, hashes, addresses = read
            exact = all(checked)
            _distinct_ids(ids, edge_ids, hashes)
            del hashes
        #: whether the ids, the edges' keys and their ends are all exactly ``str`` (not of a
        #: subclass, a StrEnum's, which the columns leave to the dicts)
        self.exact = exact
        self.ids = ids
        if len(ids) > _NUMPY_NODES:
            np = addresses = None
        try:
            self._edges(s, np, edge_ids, addresses)
        except KeyError as exc:  # an end that is no node
            raise _Unusual from exc

    def _edges(self, s: Structure, np: Any, edge_ids: list[str], addresses: Any = None) -> None:
        """The edges' ends, keys and order (``edge_ids``: the ids of the posts, then the
        ties); the ends are numbered by :func:`_numbers` (``addresses``: those of the node
        ids, if read already), an entity's own number known from its place rather than
        looked up (``KeyError``: an end that is no node)."""
        ident, get = attrgetter("id"), attrgetter
        ids = self.ids
        sources: list[str] = []
        targets: list[str] = []
        keys: list[str] = []
        # the ends of each part of the edges, in order: the numbers of the entities' own
        # (a range, or an iterable read once), or a list of ids to number (_Refs)
        src: list[Any] = []
        tgt: list[Any] = []
        units = s.units
        parents = list(map(get("parent"), units))
        has = list(map(is_not, parents, repeat(None)))
        if not all(has):
            parents = list(compress(parents, has))
            sources.extend(parents)
            targets.extend(compress(ids, has))
            tgt.append(compress(range(len(units)), has))
        else:
            sources.extend(parents)
            targets.extend(islice(ids, len(units)))
            tgt.append(range(len(units)))
        src.append(_Refs(parents))
        keys.extend(repeat("contains", len(parents)))
        del parents, has
        # each organization's edge to its unit, then from its parent, where it has them
        orgs = s.organizations
        own = ids[len(units) : len(units) + len(orgs)]
        pairs = list(
            chain.from_iterable(zip(map(get("unit"), orgs), map(get("parent"), orgs), strict=True))
        )
        held = list(map(is_not, pairs, repeat(None)))
        at = len(sources)
        sources.extend(
            compress(chain.from_iterable(zip(own, islice(pairs, 1, None, 2), strict=True)), held)
        )
        targets.extend(
            compress(chain.from_iterable(zip(islice(pairs, 0, None, 2), own, strict=True)), held)
        )
        keys.extend(compress(cycle(("located_in", "leads")), held))
        src.append(_Refs(sources[at:]))
        tgt.append(_Refs(targets[at:]))
        del own, pairs, held
        first = len(units) + len(orgs) + len(s.people)  # the first observation
        sources.extend(map(ident, s.observations))
        subjects = list(map(get("subject"), s.observations))
        targets.extend(subjects)
        keys.extend(repeat("observes", len(s.observations)))
        src.append(range(first, first + len(s.observations)))
        tgt.append(_Refs(subjects))
        del subjects
        first += len(s.observations)  # the first decision
        bodies = list(map(get("body"), s.decisions))
        sources.extend(bodies)
        targets.extend(map(ident, s.decisions))
        keys.extend(repeat("decides", len(s.decisions)))
        src.append(_Refs(bodies))
        tgt.append(range(first, first + len(s.decisions)))
        del bodies
        self.structural = len(keys)
        for entities, source, target in (
            (s.posts, "person", "organization"),
            (s.ties, "source", "target"),
        ):
            ends = list(map(get(source), entities))
            sources.extend(ends)
            src.append(_Refs(ends))
            ends = list(map(get(target), entities))
            targets.extend(ends)
            tgt.append(_Refs(ends))
        keys.extend(edge_ids)
        del ends
        #: each vote and its place among its decision's votes
        self.votes: list[tuple[Any, int]] = []
        voters_all: list[str] = []
        vote_tgt: list[int] = []
        for d, dec in enumerate(s.decisions, first):
            voters: set[str] = set()
            for j, v in enumerate(dec.votes):
                if v.person in voters:  # a repeated vote: to_graph checks its key
                    raise _Unusual
                voters.add(v.person)
                sources.append(v.person)
                targets.append(dec.id)
                keys.append("vote")
                voters_all.append(v.person)
                vote_tgt.append(d)
                self.votes.append((v, j))
        src.append(_Refs(voters_all))
        tgt.append(vote_tgt)
        self.sources, self.targets, self.keys = sources, targets, keys
        #: the order as a numpy array, where numpy made it (for :func:`_columnar`)
        self.order_array: Any = None
        self.order: Any
        if np is not None:
            checked: list[bool] = []
            numbered = _numbers(
                np, ids, [p for p in chain(src, tgt) if type(p) is _Refs], addresses, checked
            )
            self.exact = self.exact and all(checked)
            s_nums, at = _joined(np, src, numbered, 0)
            t_nums, _ = _joined(np, tgt, numbered, at)
            del numbered
            found = _adjacency_order_array(np, s_nums, t_nums, len(ids))
            if found is not None:
                self.order_array = self.order = found  # no list of a million numbers
                return
            self.order = _numbered_order(s_nums.tolist(), t_nums.tolist(), len(ids), fast=False)
            return
        self.exact = self.exact and all(
            _exact_strings(p.ids) for p in chain(src, tgt) if type(p) is _Refs
        )
        index = dict(zip(ids, range(len(ids)), strict=True))
        look = index.__getitem__

        def looked_up(parts: list[Any]) -> Iterator[int]:
            return chain.from_iterable(map(look, p.ids) if type(p) is _Refs else p for p in parts)

        self.order = _numbered_order(looked_up(src), looked_up(tgt), len(ids), fast=False)

    def order_part(self, start: int) -> list[int]:
        """The numbers of the edges in ``order`` from ``start`` on, at most :data:`_BATCH`."""
        part = self.order[start : start + _BATCH]
        return part if isinstance(part, list) else part.tolist()


def _ids(groups: Sequence[Sequence[Any]], checked: list[bool]) -> list[Any]:
    """The ids of the entities of ``groups``, in order; added to ``checked``: whether each
    is exactly a ``str``, looked at a batch at a time, each id just read."""
    ident = attrgetter("id")
    ids: list[Any] = []
    exact = True
    for entities in groups:
        for start in range(0, len(entities), _BATCH):
            part = list(map(ident, entities[start : start + _BATCH]))
            exact = exact and _exact_strings(part)
            ids.extend(part)
    checked.append(exact)
    return ids


def _read_ids(
    np: Any,
    nodes: Sequence[Sequence[Any]],
    edges: Sequence[Sequence[Any]],
    checked: list[bool] | None = None,
) -> tuple[list[Any], list[Any], Any, Any] | None:
    """The ids of the entities of ``nodes`` (the node ids) and of ``edges`` (the keys of the
    posts' and ties' edges), with numpy: the two lists, the hashes of all of them (the node
    ids' first) and the addresses of the node ids (see :func:`_addresses`), as numpy arrays;
    ``None`` where an id has no hash. To ``checked``, if given, is added whether every id
    is exactly a ``str``.

    Read a few thousand entities at a time, each id's hash and address taken while the id
    was just read (rather than in passes of their own over a million strings, each a
    fetch from memory again)."""
    ident = attrgetter("id")
    n = sum(map(len, nodes))
    total = n + sum(map(len, edges))
    hashes = np.empty(total, dtype=np.int64)
    addresses = np.empty(n, dtype=np.uintp)
    ids: list[Any] = []
    edge_ids: list[Any] = []
    at = 0
    exact = True
    try:
        for out, group in ((ids, nodes), (edge_ids, edges)):
            for entities in group:
                for start in range(0, len(entities), _BATCH):
                    part = list(map(ident, entities[start : start + _BATCH]))
                    end = at + len(part)
                    exact = exact and _exact_strings(part)
                    hashes[at:end] = np.fromiter(map(hash, part), dtype=np.int64, count=len(part))
                    if end <= n:
                        addresses[at:end] = _addresses(np, part, len(part))
                    out.extend(part)
                    at = end
    except TypeError:  # an id that is no string (and has no hash)
        return None
    if checked is not None:
        checked.append(exact)
    return ids, edge_ids, hashes, addresses


def _distinct_ids(ids: list[str], edge_ids: list[str], hashes: Any = None) -> None:
    """Raise :class:`_Unusual` unless the node ids are distinct, and the ids of the posts
    and ties (the keys of their edges) distinct, none of them a node id or a reserved
    relation (``to_graph``'s checks).

    With numpy, their hashes are sorted (``hashes``: those of the node ids, then of the
    others, if taken already): where no two are equal and none is the hash of a reserved
    relation, the ids are distinct and none is reserved (equal strings have equal hashes),
    without a hash table of two million strings; otherwise (two ids alike, or merely a
    shared hash) one set of all of them decides, as without numpy.
    """
    from govmodel.vocab import RESERVED_RELATIONS

    np = _np_module()
    if np is not None and _distinct_hashes(np, ids, edge_ids, RESERVED_RELATIONS, hashes):
        return
    seen = set(ids)
    if len(seen) != len(ids):
        raise _Unusual
    # a reserved relation that is a node id (allowed) is in the set before the edge ids
    reserved = [r for r in RESERVED_RELATIONS if r not in seen]
    seen.update(edge_ids)
    if len(seen) != len(ids) + len(edge_ids) or not seen.isdisjoint(reserved):
        raise _Unusual


def _distinct_hashes(
    np: Any, ids: list[str], edge_ids: list[str], reserved: Iterable[str], hashes: Any = None
) -> bool:
    """Whether the hashes of the node ids and of the ids of the posts and ties are distinct,
    none of the latter the hash of a ``reserved`` relation (then :func:`_distinct_ids`
    holds; ``False`` says nothing). ``hashes``: theirs, if taken already (a numpy array,
    sorted here)."""
    try:
        if hashes is None:
            hashes = np.fromiter(
                map(hash, chain(ids, edge_ids)), dtype=np.int64, count=len(ids) + len(edge_ids)
            )
        edge_hashes = hashes[len(ids) :]
        taken = np.fromiter(map(hash, reserved), dtype=np.int64)
    except TypeError:  # an id that is no string (and has no hash)
        return False
    if np.isin(edge_hashes, taken).any():
        return False
    hashes.sort()
    return not bool(np.count_nonzero(hashes[1:] == hashes[:-1]))


class _Refs:
    """Ids to number (an edge end that is not the entity's own): see :func:`_numbers`."""

    __slots__ = ("ids",)

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)


def _numbers(
    np: Any,
    ids: list[str],
    parts: list[_Refs],
    addresses: Any = None,
    checked: list[bool] | None = None,
) -> Any:
    """The numbers (places in ``ids``, which are distinct) of the ids of ``parts``, one
    after the other, as a numpy array (``KeyError``: an id that is no node's).

    The ids an entity names are most often the very objects of the entities' own ids (a
    loader, or a generator, shares them): each is then found by its address (see
    :func:`_addresses`),
    among the node ids' addresses sorted by numpy, without a hash table of the node ids;
    an id that is an equal but other object is looked up in a dict of the node ids (made
    then, and for all of them where a sample finds few shared). ``addresses``: those of
    ``ids``, if read already. To ``checked``, if given, is added whether every id looked
    up in the dict is exactly a ``str`` (those found by their address are node ids'
    objects)."""
    total = sum(map(len, parts))
    out = np.zeros(total, dtype=np.int64)
    if not total:
        return out
    n = len(ids)
    if n:
        if addresses is None:
            addresses = _addresses(np, ids, n)
        by = np.argsort(addresses, kind="stable")
        ranked = addresses[by]
        del addresses
        # a sample of the ids named, to see whether they share the node ids' objects
        picked = list(chain.from_iterable(p.ids[:: max(1, len(p) // 64)] for p in parts))
        sample = _addresses(np, picked, len(picked))
        del picked
        at = np.minimum(np.searchsorted(ranked, sample), n - 1)
        shared = 2 * int(np.count_nonzero(ranked[at] == sample)) > len(sample)
    else:
        shared = False
    named = chain.from_iterable(p.ids for p in parts)
    if not shared:
        index = dict(zip(ids, range(n), strict=True))
        if checked is not None:
            checked.append(all(_exact_strings(p.ids) for p in parts))
        out[:] = np.fromiter(map(index.__getitem__, named), dtype=np.int64, count=total)
        return out
    wanted = _addresses(np, named, total)
    # a run of one object (a unit's children naming their parent, an organization's posts,
    # listed together) is looked for once: by its first place (``heads``), its number then
    # repeated over its places
    heads = None
    if total > 1:
        new = np.empty(total, dtype=bool)
        new[0] = True
        np.not_equal(wanted[1:], wanted[:-1], out=new[1:])
        if 4 * int(np.count_nonzero(new)) < 3 * total:
            heads = np.flatnonzero(new)
            wanted = wanted[heads]
        del new
    at = np.searchsorted(ranked, wanted)
    np.minimum(at, n - 1, out=at)
    missed = np.flatnonzero(ranked[at] != wanted)
    del wanted, ranked
    found = out if heads is None else np.empty(len(at), dtype=np.int64)
    np.take(by, at, out=found)
    del at, by
    if len(missed):  # equal ids of other objects (or no node's)
        index = dict(zip(ids, range(n), strict=True))
        named_list = list(chain.from_iterable(p.ids for p in parts))
        places = missed if heads is None else heads[missed]
        others = list(map(named_list.__getitem__, places.tolist()))
        if checked is not None:
            checked.append(_exact_strings(others))
        found[missed] = np.fromiter(
            map(index.__getitem__, others), dtype=np.int64, count=len(missed)
        )
    if heads is not None:
        return np.repeat(found, np.diff(heads, append=total))
    return out


def _addresses(np: Any, values: Iterable[object], count: int) -> Any:
    """The identities of ``count`` objects as a numpy array of unsigned integers: the
    pointers a numpy array of the objects holds (their addresses, what ``id`` gives), read
    from its buffer, rather than an ``int`` made by a call of ``id`` for each. The array
    of the objects is held by the one returned."""
    held = np.fromiter(values, dtype=object, count=count)
    return np.frombuffer(memoryview(held).cast("B"), dtype=np.uintp)


def _joined(np: Any, parts: list[Any], numbered: Any, at: int) -> tuple[Any, int]:
    """The numbers of the ends of ``parts`` as one numpy array: an entity's own numbers
    (a range, or an iterable) as they are, those of a :class:`_Refs` taken from ``numbered``
    from ``at`` on; and where the next one begins."""
    pieces = []
    for p in parts:
        if type(p) is _Refs:
            pieces.append(numbered[at : at + len(p)])
            at += len(p)
        elif isinstance(p, range):
            pieces.append(np.arange(p.start, p.stop, dtype=np.int64))
        else:  # read once, each number dropped as it is taken
            pieces.append(np.fromiter(p, dtype=np.int64))
    return np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int64), at


def _draw(s: Structure) -> _Records:
    """The records of ``to_graph(s)``, in its order, with its attribute dicts.

    Mirrors :func:`govmodel.graph.to_graph` (whose node and edge dicts come from the same
    ``_NodeData``, ``_post_edge``, ``_tie_edge`` and ``_vote_edge``); raises
    :class:`_Unusual` wherever ``to_graph`` would report a problem that shows without
    drawing the attribute dicts. Those are drawn a batch at a time as the records are read;
    a bad attribute among them raises ``to_graph``'s error then. The records' ``columns``
    draw the same rows as columns (see :func:`_columnar`).
    """
    from govmodel import graph as g

    plan = _Plan(s)
    node_data = g._NodeData(s)
    edge_flat = g._flattener(g._EDGE_KEYS, g._EDGE_PREFIXES)
    sections: list[tuple[Sequence[Any], Callable[[Any], dict[str, Any]]]] = [
        (s.units, node_data.unit),
        (s.organizations, node_data.organization),
        (s.people, node_data.person),
        (s.observations, node_data.observation),
        (s.decisions, node_data.decision),
    ]
    ids, sources, targets, keys, order = plan.ids, plan.sources, plan.targets, plan.keys, plan.order
    order_part = plan.order_part
    n_struct, n_posts, n_ties = plan.structural, len(s.posts), len(s.ties)
    posts, ties, votes = s.posts, s.ties, plan.votes
    post_edge, tie_edge, vote_edge = g._post_edge, g._tie_edge, g._vote_edge
    structural = {
        "contains": g._CONTAINS,
        "located_in": g._LOCATED_IN,
        "leads": g._LEADS,
        "observes": g._OBSERVES,
        "decides": g._DECIDES,
    }
    # whether a batch of a section's nodes may hold a float: one in their attributes (looked
    # for as the batch is drawn, its entities just read) or, for units and organizations,
    # among the vocabulary's ranks, party flags and sectors (the level, the party flag and
    # the sector; the other fields are strings and an organization's term years an int);
    # observations and decisions, which hold numbers of their own, are taken to
    terms = _floats(chain.from_iterable((t.rank, t.party, t.sector) for t in s.vocabulary))
    section_floats = [terms, terms, False, True, True]

    def data(a: int) -> Mapping[str, Any]:
        """The dict of the edge added ``a``-th."""
        if a < n_struct:
            return structural[keys[a]]
        return own(a - n_struct)

    def own(n: int) -> dict[str, Any]:
        """The dict of the ``n``-th post, tie or vote edge (a new one)."""
        if n < n_posts:
            return post_edge(posts[n], n, edge_flat)
        n -= n_posts
        if n < n_ties:
            return tie_edge(ties[n], n, edge_flat)
        return vote_edge(*votes[n - n_ties])

    def refused(exc: Exception) -> SpecError:
        """``to_graph``'s error for a bad attribute met while drawing."""
        try:
            to_graph(s)
        except SpecError as error:
            return error
        raise AssertionError("to_graph drew what the records could not") from exc

    def section_batches(
        entities: Sequence[Any], make: Callable[[Any], Mapping[str, Any]], at: int
    ) -> Iterator[list[tuple[Any, Mapping[str, Any]]]]:
        """The nodes of one section, its first the ``at``-th node."""
        try:
            for start in range(0, len(entities), _BATCH):
                chunk = entities[start : start + _BATCH]
                yield list(zip(ids[at : at + len(chunk)], map(make, chunk), strict=True))
                at += len(chunk)
        except g._BadAttribute as exc:
            raise refused(exc) from None

    def node_batches() -> Iterator[list[tuple[Any, Mapping[str, Any]]]]:
        at = 0
        for entities, make in sections:
            yield from section_batches(entities, make, at)
            at += len(entities)

    def section_objects(
        entities: Sequence[Any], make: Callable[[Any], dict[str, Any]], at: int, floats: bool
    ) -> Iterator[tuple[bool, list[dict[str, Any]]]]:
        """The node-link objects of one section's nodes, its first the ``at``-th node, a
        batch at a time, each with whether it may hold a float (``floats``: every batch)."""
        try:
            for start in range(0, len(entities), _BATCH):
                chunk = entities[start : start + _BATCH]
                objects = list(map(make, chunk))
                for d, n in zip(objects, ids[at : at + len(chunk)], strict=True):
                    d["id"] = n
                yield floats or _attribute_floats(chunk, ()), objects
                at += len(chunk)
        except g._BadAttribute as exc:
            raise refused(exc) from None

    def node_objects() -> Iterator[tuple[bool, Iterator[list[dict[str, Any]]]]]:
        at = 0
        batches = []
        for (entities, make), floats in zip(sections, section_floats, strict=True):
            batches.append(section_objects(entities, make, at, floats))
            at += len(entities)
        return _flag_runs(chain.from_iterable(batches))

    def edge_batches() -> Iterator[list[tuple[Any, Any, Any, Mapping[str, Any]]]]:
        try:
            for start in range(0, len(order), _BATCH):
                yield [(sources[a], targets[a], keys[a], data(a)) for a in order_part(start)]
        except g._BadAttribute as exc:
            raise refused(exc) from None

    def link_batches() -> Iterator[tuple[bool, list[dict[str, Any]]]]:
        """The edges' node-link objects, a batch at a time, each with whether it may hold a
        float: one among the values of its posts', ties' and votes' objects, looked for as
        they are made (the structural edges hold strings alone)."""
        n_own = n_posts + n_ties  # the posts and ties (then the votes), as in own()
        try:
            for start in range(0, len(order), _BATCH):
                links = []
                made = []
                for a in order_part(start):
                    if a < n_struct:
                        k = keys[a]
                        links.append(
                            {"relation": k, "source": sources[a], "target": targets[a], "key": k}
                        )
                    else:
                        n = a - n_struct
                        if n < n_posts:
                            d = post_edge(posts[n], n, edge_flat)
                        elif n < n_own:
                            d = tie_edge(ties[n - n_posts], n - n_posts, edge_flat)
                        else:
                            d = vote_edge(*votes[n - n_own])
                        d["source"] = sources[a]
                        d["target"] = targets[a]
                        d["key"] = keys[a]
                        links.append(d)
                        made.append(d)
                yield _floats(chain.from_iterable(map(dict.values, made))), links
        except g._BadAttribute as exc:
            raise refused(exc) from None

    return _Records(
        plan.graph,
        node_batches,
        edge_batches,
        len(ids),
        len(order),
        owned=True,
        columns=partial(_columnar, s, plan),
        links=lambda: _flag_runs(link_batches()),
        node_objects=node_objects,
    )


def _flag_runs(
    batches: Iterator[tuple[bool, list[Any]]],
) -> Iterator[tuple[bool, Iterator[list[Any]]]]:
    """Batches, each with a flag (whether it may hold a float), as runs of the consecutive
    batches of one flag: each run's flag and its batches, drawn as the run is read (each
    run to be read to its end before the next is asked for).

    Examples
    --------
    >>> runs = _flag_runs(iter([(False, [1]), (False, [2]), (True, [3]), (False, [4])]))
    >>> [(flag, list(run)) for flag, run in runs]
    [(False, [[1], [2]]), (True, [[3]]), (False, [[4]])]
    """
    head = next(batches, None)

    def run(flag: bool) -> Iterator[list[Any]]:
        nonlocal head
        while head is not None and head[0] == flag:
            batch = head[1]
            head = None
            yield batch
            head = next(batches, None)

    while head is not None:
        yield head[0], run(head[0])


def _floats(values: Iterable[object]) -> bool:
    """Whether any of ``values`` is a float."""
    return any(issubclass(t, float) for t in set(map(type, values)))


def _attribute_floats(entities: Sequence[Any], also: Iterable[object]) -> bool:
    """Whether a float is among the attributes of ``entities`` or ``also``."""
    datas = filter(None, map(attrgetter("attributes._data"), entities))  # those not empty
    return _floats(chain(chain.from_iterable(map(dict.values, datas)), also))


def _adjacency_order(
    sources: list[str], targets: list[str], index: Mapping[str, int], *, fast: bool = True
) -> list[int]:
    """The order a MultiDiGraph lists edges given (by their ends) in the order they are
    added: the numbers of the edges by source (in the node order ``index`` gives), then by
    target in the order of its first edge from that source, then in the order added.

    Keys are distinct for each pair of nodes (:func:`_draw` checks it). A source or target
    missing from ``index`` raises ``KeyError``. With numpy (the ``fast`` extra) and
    ``fast``, the sorts and counts run on its arrays (:func:`_adjacency_order_numpy`); the
    order is the same.
    """
    src = list(map(index.__getitem__, sources))
    tgt = list(map(index.__getitem__, targets))
    return _numbered_order(src, tgt, len(index), fast=fast)


def _numbered_order(
    src: Iterable[int],
    tgt: Iterable[int],
    n: int,
    *,
    fast: bool = True,
) -> list[int]:
    """:func:`_adjacency_order` of the edges between the nodes numbered ``src`` and ``tgt``
    (of ``n`` nodes), each read once: with numpy, straight into its arrays."""
    if fast and n <= _NUMPY_NODES:
        from govmodel.index import _np

        np = _np()
        if np is not None:
            s = np.fromiter(src, dtype=np.int64)
            t = np.fromiter(tgt, dtype=np.int64)
            found = _adjacency_order_array(np, s, t, n)
            if found is not None:
                order: list[int] = found.tolist()
                return order
            src, tgt = s.tolist(), t.tolist()
    src = src if isinstance(src, list) else list(src)
    tgt = tgt if isinstance(tgt, list) else list(tgt)
    order = sorted(range(len(src)), key=src.__getitem__)  # stable
    # each pair of nodes as one number (source, target)
    pairs = list(map(add, map(mul, src, repeat(n)), tgt))
    distinct = _distinct(pairs)
    if distinct == len(pairs):  # no two edges join the same pair of nodes
        return order
    pairs = list(map(pairs.__getitem__, order))
    if _distinct(pairs, runs=True) == distinct:  # each pair's edges are together
        return order
    del pairs
    out: list[int] = []
    for _, group in groupby(order, key=src.__getitem__):
        by_target: dict[int, list[int]] = {}
        for a in group:
            by_target.setdefault(tgt[a], []).append(a)
        for same in by_target.values():
            out.extend(same)
    return out


#: The most nodes whose pairs (source, target) numpy numbers in an int64: ``n * n < 2**63``.
_NUMPY_NODES: Final = 2**31


def _adjacency_order_numpy(
    np: Any, src: Sequence[int], tgt: Sequence[int], n: int
) -> list[int] | None:
    """:func:`_adjacency_order` of the edges between the nodes numbered ``src`` and ``tgt``
    (of ``n`` nodes) with numpy, where the order by source alone is the answer: no two
    edges join the same pair of nodes, or the edges of each pair come together in it;
    ``None`` otherwise (the caller groups them). ``src`` and ``tgt`` may be lists or
    numpy arrays."""
    found = _adjacency_order_array(np, src, tgt, n)
    return None if found is None else found.tolist()


def _adjacency_order_array(np: Any, src: Sequence[int], tgt: Sequence[int], n: int) -> Any:
    """:func:`_adjacency_order_numpy` as a numpy array of ``int64`` (or ``None``)."""
    s = np.asarray(src, dtype=np.int64)
    if not len(s):
        return s
    order = np.argsort(s, kind="stable")
    pairs = s * n + np.asarray(tgt, dtype=np.int64)
    ranked = np.sort(pairs, kind="stable")
    distinct = 1 + int(np.count_nonzero(ranked[1:] != ranked[:-1]))
    if distinct != len(src):
        in_order = pairs[order]
        if 1 + int(np.count_nonzero(in_order[1:] != in_order[:-1])) != distinct:
            return None
    return order


def _distinct(numbers: list[int], *, runs: bool = False) -> int:
    """How many distinct numbers there are (with ``runs``: how many runs of equal ones),
    counted on a sorted copy (a list of references, where a set would take a hash table)."""
    if not numbers:
        return 0
    seq = numbers if runs else sorted(numbers)
    changes: int = sum(map(ne, seq, islice(seq, 1, None)))
    return changes + 1


# -- the records as columns ---------------------------------------------------------------------

#: A part of a section's rows (see :class:`_Section`).
_Part = tuple[Any, ...]


class _Section:
    """The rows of one section of nodes or edges (the units, the posts …) as columns, in the
    section's order, without a dict per row.

    ``fields`` are the attributes :func:`~govmodel.to_graph` writes, in its order: each
    ``(name, values, optional)``, one value a row (an optional one is left out of the rows
    where it is ``None``; ``values`` a :class:`_Same` for one value in every row, or
    :data:`_INDEX` for the row's number in the section), or ``None`` where the entities'
    own attributes come (``datas``: their dicts; names escaped as ``reserved`` and
    ``prefixes`` say). ``codes`` numbers the rows' shapes (``None``: all rows have one
    shape); :meth:`columns` gives the names and columns of a shape's rows. Whatever the
    dict drawer would handle otherwise (a value that is not exactly a ``str``, ``int``,
    ``float`` or ``bool``, a name that is not a string, two equal names) raises
    :class:`_Unusual`.
    """

    __slots__ = (
        "arrays",
        "codes",
        "count",
        "datas",
        "parts",
        "prefixes",
        "radix",
        "reserved",
        "size",
    )

    def __init__(
        self,
        size: int,
        fields: Sequence[tuple[str, Any, bool] | None],
        datas: list[Mapping[Any, Any]] | None = None,
        reserved: frozenset[str] = _NO_NAMES,
        prefixes: tuple[str, ...] = (),
    ) -> None:
        self.size = size
        self.datas = datas
        self.reserved, self.prefixes = reserved, prefixes
        #: the numpy arrays of the objects of the columns picked by numpy, by ``id``
        self.arrays: dict[int, Any] = {}
        # what tells the shapes apart: a number a row for each part that varies, and how
        # many values it takes (``radix``); the code of a row is their mixed-radix number
        varying: list[list[int]] = []
        self.radix: list[int] = []
        # ("col", name, values), ("opt", name, values, digit), ("attrs", names, digit)
        # (digit: the place of the part's number in the code, or None where it is fixed)
        self.parts: list[_Part] = []
        for field in fields:
            if field is None:
                assert datas is not None
                if not any(datas):  # no entity has attributes of its own
                    self.parts.append(("attrs", [()], None))
                    continue
                # each row's shape numbered in one pass, in the order first met
                number = _Numbering()
                shapes = list(map(number.__getitem__, map(tuple, datas)))
                distinct = list(number)
                if len(distinct) == 1:
                    self.parts.append(("attrs", distinct, None))
                    continue
                self.parts.append(("attrs", distinct, len(varying)))
                varying.append(shapes)
                self.radix.append(len(distinct))
                continue
            name, values, optional = field
            if optional and not isinstance(values, _Same):
                absent = values.count(None)
                if absent == size:
                    continue
                if absent:
                    self.parts.append(("opt", name, values, len(varying)))
                    varying.append(list(map(is_not, values, repeat(None))))
                    self.radix.append(2)
                    continue
            self.parts.append(("col", name, values))
        self.codes: list[int] | None = None
        self.count = 1  # how many codes there may be
        for digits, radix in zip(varying, self.radix, strict=True):
            if self.codes is None:
                self.codes = digits
            else:
                self.codes = list(map(add, self.codes, map(mul, digits, repeat(self.count))))
            self.count *= radix

    def _name(self, key: object) -> str:
        if type(key) is not str:
            raise _Unusual
        if key in self.reserved or key.startswith(self.prefixes):
            return ESCAPE_PREFIX + key
        return key

    def columns(self, code: int, loc: Any) -> _Picked:
        """The names and the columns of the rows ``loc`` (all: ``None``; a list, or a numpy
        array of indices), of shape ``code``, and the type each column's values are known
        to have (see :data:`_STR_FIELDS`)."""
        digits = []
        for radix in self.radix:
            code, digit = divmod(code, radix)
            digits.append(digit)
        size = self.size if loc is None else len(loc)
        taken = loc is not None and not isinstance(loc, list)  # a numpy array of indices

        def pick(values: Any) -> Sequence[Any]:
            if isinstance(values, _Same):
                return _Const([values.value] * size)
            if values is _INDEX:
                if loc is None:
                    return list(range(size))
                return array("q", loc.astype("int64").tobytes()) if taken else loc
            if loc is None:
                return values  # type: ignore[no-any-return]
            if taken:  # picked by numpy from an array of the objects (made once)
                held = self.arrays.get(id(values))
                if held is None:
                    np = _np_module()
                    held = np.fromiter(values, dtype=object, count=len(values))
                    self.arrays[id(values)] = held
                return held[loc].tolist()  # type: ignore[no-any-return]
            return list(map(values.__getitem__, loc))

        names: list[str] = []
        columns: list[Sequence[Any]] = []
        known: list[type | None] = []
        for part in self.parts:
            kind = part[0]
            if kind == "col" or (kind == "opt" and digits[part[3]]):
                names.append(part[1])
                columns.append(pick(part[2]))
                known.append(str if part[1] in _STR_FIELDS else int if part[2] is _INDEX else None)
            elif kind == "opt":
                continue
            else:
                keys = part[1][0 if part[2] is None else digits[part[2]]]
                if not keys:
                    continue
                datas = pick(self.datas)
                for k in keys:
                    column = list(map(itemgetter(k), datas))
                    names.append(self._name(k))
                    columns.append(column)
                    known.append(None)
        shape = tuple(names)
        if len(set(shape)) != len(shape):
            raise _Unusual
        return shape, columns, known


#: A shape's names, its columns, and the type each column's values are known to have.
_Picked = tuple[tuple[str, ...], list[Sequence[Any]], list[type | None]]

#: The fields of a section whose values (but ``None``) are all ``str``: a structure's fields
#: are of their types (:func:`~govmodel.validate.require_types`, which takes a subclass of
#: ``str``, looked for by :class:`_Column`), and the others are written by the drawer itself
#: (a constant, a JSON text); no attribute of an entity's own is drawn under one of these
#: names.
_STR_FIELDS: Final = frozenset(
    {
        "entity",
        "kind",
        "name",
        "identifiers",
        "start",
        "end",
        "formed_from",
        "replaced_by",
        "term_start",
        "party_status",
        "party_mobility",
        "indicator",
        "period",
        "source",
        "relation",
        "role",
    }
)


class _Same:
    """One value in every row of a section."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value


#: The values of a field that is each row's number in its section.
_INDEX: Final = object()


class _Const(list):  # type: ignore[type-arg]
    """The column of a :class:`_Same` field: one object in every row, known without a look
    at the values (see :func:`_one_object`)."""

    __slots__ = ()


class _DictSection(_Section):
    """A section drawn as dicts, one a row (the decisions and the votes, which are few)."""

    __slots__ = ("rows", "shapes")

    def __init__(self, rows: list[Mapping[str, Any]]) -> None:
        self.rows = rows
        self.size = len(rows)
        shapes = list(map(tuple, rows))
        self.shapes = list(dict.fromkeys(shapes))
        self.count = max(1, len(self.shapes))
        self.codes = None
        if len(self.shapes) > 1:
            number = dict(zip(self.shapes, range(len(self.shapes)), strict=True))
            self.codes = list(map(number.__getitem__, shapes))

    def columns(self, code: int, loc: Any) -> _Picked:
        if loc is not None and not isinstance(loc, list):  # a numpy array
            loc = loc.tolist()
        shape: tuple[str, ...] = self.shapes[code] if self.shapes else ()
        rows = self.rows if loc is None else list(map(self.rows.__getitem__, loc))
        return shape, [list(map(itemgetter(k), rows)) for k in shape], [None] * len(shape)


class _Numbering(dict):  # type: ignore[type-arg]
    """Numbers for keys, given in the order first asked for (``numbering[key]``)."""

    __slots__ = ()

    def __missing__(self, key: object) -> int:
        self[key] = found = len(self)
        return found


def _made(values: list[Any], make: Callable[[Any], Any]) -> list[Any]:
    """``make(v)`` of each value that is true, ``None`` for the others."""
    if not any(values):
        return [None] * len(values)
    return [make(v) if v else None for v in values]


#: The fields of an entity's history, in the order written, each with what makes its text
#: from a value that is true (``None``: the value as it is; ``"json"``: a JSON list of the
#: ids; ``"identifiers"``: the identifiers' JSON text, as ``to_graph`` writes it).
_HISTORY: Final = (
    ("identifiers", "identifiers"),
    ("start", None),
    ("end", None),
    ("formed_from", "json"),
    ("replaced_by", None),
)


#: The values of the fields of :data:`_HISTORY` of an entity without history (their
#: defaults: each is left out of a section where every entity has it).
_NO_HISTORY: Final = ((), None, None, (), None)


def _node_sections(s: Structure) -> Iterator[_Section]:
    """The sections of nodes, in order, each made as it is asked for."""
    from govmodel import graph as g

    nd = g._NodeData(s)
    reserved, prefixes = g._NODE_KEYS, g._NODE_PREFIXES
    get = attrgetter
    datas = get("attributes._data")

    def formed(ids: tuple[str, ...]) -> str:
        return json.dumps(list(ids), ensure_ascii=False)

    makers: dict[str, Callable[[Any], str]] = {"json": formed, "identifiers": g._identifiers}

    everything = get(*(name for name, _ in _HISTORY))

    def history(entities: Sequence[Any]) -> list[tuple[str, list[Any], bool]]:
        # a field no entity holds is left out, as a section leaves out an optional field
        # that is None in every row: looked for without a list of its values, and first
        # all five at once (most entities have no history)
        out: list[tuple[str, list[Any], bool]] = []
        if countOf(map(everything, entities), _NO_HISTORY) == len(entities):
            return out
        for name, make in _HISTORY:
            field = get(name)
            if make is None:
                if any(map(is_not, map(field, entities), repeat(None))):
                    out.append((name, list(map(field, entities)), True))
            elif any(map(field, entities)):
                made = _made(list(map(field, entities)), makers[make])
                out.append((name, made, True))
        return out

    units = s.units
    kinds = list(map(get("kind"), units))
    yield _Section(
        len(units),
        [
            ("entity", _Same("unit"), False),
            ("kind", kinds, False),
            ("name", list(map(get("name"), units)), False),
            None,
            *history(units),
            ("level", list(map(nd.ranks.get, kinds)), True),
        ],
        list(map(datas, units)),
        reserved,
        prefixes,
    )
    orgs = s.organizations
    kinds = list(map(get("kind"), orgs))
    yield _Section(
        len(orgs),
        [
            ("entity", _Same("organization"), False),
            ("kind", kinds, False),
            ("name", list(map(get("name"), orgs)), False),
            None,
            *history(orgs),
            ("term_start", list(map(get("term_start"), orgs)), True),
            ("term_years", list(map(get("term_years"), orgs)), True),
            ("is_party", list(map(nd.party.get, kinds, repeat(False))), False),
            ("sector", list(map(nd.sectors.get, kinds)), True),
        ],
        list(map(datas, orgs)),
        reserved,
        prefixes,
    )
    del kinds
    people = s.people
    yield _Section(
        len(people),
        [
            ("entity", _Same("person"), False),
            ("name", list(map(get("name"), people)), False),
            ("party_status", list(map(get("party"), people)), True),
            ("party_mobility", list(map(get("mobility"), people)), True),
            None,
        ],
        list(map(datas, people)),
        reserved,
        prefixes,
    )
    obs = s.observations
    yield _Section(
        len(obs),
        [
            ("entity", _Same("observation"), False),
            ("indicator", list(map(get("indicator"), obs)), False),
            ("value", list(map(get("value"), obs)), False),
            ("period", list(map(get("period"), obs)), True),
            ("source", list(map(get("source"), obs)), True),
            None,
        ],
        list(map(datas, obs)),
        reserved,
        prefixes,
    )
    try:
        yield _DictSection(list(map(nd.decision, s.decisions)))
    except g._BadAttribute as exc:
        raise _Unusual from exc


def _edge_sections(s: Structure, plan: _Plan) -> list[_Section]:
    """The sections of edges, in the order they are added: the structural edges, the posts,
    the ties and the votes."""
    from govmodel import graph as g
    from govmodel.vocab import RESERVED_RELATIONS

    reserved, prefixes = g._EDGE_KEYS, g._EDGE_PREFIXES
    get = attrgetter
    datas = get("attributes._data")
    posts, ties = s.posts, s.ties
    relations = list(map(get("relation"), ties))
    reserved_relation = RESERVED_RELATIONS.__contains__
    return [
        _Section(plan.structural, [("relation", plan.keys[: plan.structural], False)]),
        _Section(
            len(posts),
            [
                ("relation", _Same("post"), False),
                ("role", list(map(get("role"), posts)), False),
                ("seq", _INDEX, False),
                ("start", list(map(get("start"), posts)), True),
                ("end", list(map(get("end"), posts)), True),
                None,
            ],
            list(map(datas, posts)),
            reserved,
            prefixes,
        ),
        _Section(
            len(ties),
            [
                ("relation", relations, False),
                ("tie", [True if reserved_relation(r) else None for r in relations], True),
                ("seq", _INDEX, False),
                ("start", list(map(get("start"), ties)), True),
                ("end", list(map(get("end"), ties)), True),
                None,
            ],
            list(map(datas, ties)),
            reserved,
            prefixes,
        ),
        _DictSection([g._vote_edge(v, j) for v, j in plan.votes]),
    ]


def _split(codes: list[int], *, fast: bool = True) -> tuple[list[int], list[list[int]]]:
    """The codes met, in the order first met, and the rows of each, in order (with numpy,
    the ``fast`` extra, and ``fast``: by :func:`_split_numpy`)."""
    if fast and len(codes) > 1:
        from govmodel.index import _np

        np = _np()
        if np is not None:
            return _split_numpy(np, codes)
    distinct = list(dict.fromkeys(codes))
    if len(distinct) == 1:
        return distinct, [list(range(len(codes)))]
    order = sorted(range(len(codes)), key=codes.__getitem__)  # stable
    ordered = list(map(codes.__getitem__, order))
    rows = [order[bisect_left(ordered, c) : bisect_right(ordered, c)] for c in distinct]
    return distinct, rows


def _split_numpy(np: Any, codes: list[int]) -> tuple[list[int], list[list[int]]]:
    """:func:`_split` with numpy: a stable sort of the rows by code puts each code's rows
    together, in order, the first of them the row where the code is first met."""
    distinct, rows = _split_array(np, np.array(codes, dtype=np.int64))
    return distinct, [r.tolist() for r in rows]


def _split_array(np: Any, c: Any) -> tuple[list[int], list[Any]]:
    """:func:`_split_numpy` of a numpy array of codes, the rows of each code a numpy array."""
    if not len(c):
        return [], []
    first = c[0]
    if not np.count_nonzero(c != first):  # one code (the usual section)
        return [int(first)], [np.arange(len(c))]
    # a stable sort of small numbers is a radix sort (one pass) where they fit 16 bits
    small = c.astype(np.int16) if int(c.min()) >= 0 and int(c.max()) < 1 << 15 else c
    order = np.argsort(small, kind="stable")
    del small
    ranked = c[order]
    starts = np.flatnonzero(np.concatenate(([True], ranked[1:] != ranked[:-1])))
    ends = np.append(starts[1:], len(c)).tolist()
    met = np.argsort(order[starts], kind="stable").tolist()  # the codes as first met
    distinct: list[int] = ranked[starts].tolist()
    starts = starts.tolist()
    return [distinct[i] for i in met], [order[starts[i] : ends[i]] for i in met]


def _group(groups: _Groups, at: Iterable[int], picked: _Picked) -> None:
    """Add a group of rows, at the indices ``at``, to ``groups`` (its ``which`` aside)."""
    shape, columns, known = picked
    groups.number.setdefault(shape, len(groups.shapes))
    groups.shapes.append(shape)
    groups.at.append(at if isinstance(at, list | range | array) else list(at))
    groups.values.append(columns)
    groups.known.append(known)


class _Ends:
    """The sources, targets and keys of the edges, each a list indexed by the edge's number,
    and the numbers of each group's edges, in the order written (``nums``): the writers
    read an edge's ends by its number as they write it, rather than from lists made in the
    order written."""

    __slots__ = ("keys", "nums", "sources", "targets")

    def __init__(
        self,
        sources: Sequence[Any],
        targets: Sequence[Any],
        keys: Sequence[Any],
        nums: list[Sequence[int]],
    ) -> None:
        self.sources, self.targets, self.keys, self.nums = sources, targets, keys, nums


#: What :func:`_columnar` draws: the nodes' groups and ids, the edges' groups, and their
#: ends.
_Drawn = tuple["_Groups", list[Any], "_Groups", _Ends]


def _columnar(s: Structure, plan: _Plan) -> _Drawn:
    """The records of :func:`_draw` as :class:`_Layout` keeps them, grouped by shape, drawn
    as columns straight from the entities, without a dict per node or edge.

    Gives the rows, shapes and values the dict drawer gives (the property tests hold it);
    raises :class:`_Unusual` where that drawer has work this one leaves to it. Rows of one
    shape in different sections make different groups: the writers give the same text.
    """
    from govmodel.index import _np

    if not plan.exact:  # an id of a subclass of str (a StrEnum's): left to the dicts
        raise _Unusual
    np = _np()
    nodes = _Groups()
    start = 0
    for section in _node_sections(s):
        size = section.size
        if not size:
            continue
        if section.codes is None:
            nodes.which.extend(repeat(len(nodes.shapes), size))
            _group(nodes, range(start, start + size), section.columns(0, None))
        elif np is not None:  # the rows of each shape picked as arrays of their indices
            c = np.array(section.codes, dtype=np.int64)
            codes, rows = _split_array(np, c)
            groups = np.zeros(section.count, dtype=np.int64)
            groups[codes] = np.arange(len(nodes.shapes), len(nodes.shapes) + len(codes))
            nodes.which.extend(groups[c].tolist())
            del c, groups
            for code, loc in zip(codes, rows, strict=True):
                _group(nodes, _positions(np, loc + start), section.columns(code, loc))
        else:
            codes, rows = _split(section.codes)
            base = len(nodes.shapes)
            group = {code: base + g for g, code in enumerate(codes)}
            nodes.which.extend(map(group.__getitem__, section.codes))
            for code, loc in zip(codes, rows, strict=True):
                at = list(map(start.__add__, loc)) if start else loc
                _group(nodes, at, section.columns(code, loc))
        start += size
    nodes.size = start

    edges = _Groups()
    sections = _edge_sections(s, plan)
    # each edge's code, in the order added: the first code of its section (``firsts``)
    # and its code in the section; ``offsets``: where each section's edges begin
    firsts = list(accumulate((section.count for section in sections[:-1]), initial=0))
    offsets = list(accumulate((section.size for section in sections[:-1]), initial=0))
    ends = _Ends(plan.sources, plan.targets, plan.keys, [])
    if np is not None and plan.order_array is not None:
        coded = np.concatenate(
            [
                np.full(section.size, first, dtype=np.int64)
                if section.codes is None
                else np.asarray(section.codes, dtype=np.int64) + first
                for section, first in zip(sections, firsts, strict=True)
            ]
        )
        edges = _edge_groups(np, plan.order_array, sections, coded, firsts, ends.nums)
        return nodes, plan.ids, edges, ends
    codes_added: list[int] = []
    for section, first in zip(sections, firsts, strict=True):
        if section.codes is None:
            codes_added.extend(repeat(first, section.size))
        else:
            codes_added.extend(map(first.__add__, section.codes))
    order = plan.order if isinstance(plan.order, list) else plan.order.tolist()
    codes_out = list(map(codes_added.__getitem__, order))
    del codes_added
    codes, rows = _split(codes_out)
    group = {code: g for g, code in enumerate(codes)}
    edges.which.extend(map(group.__getitem__, codes_out))
    edges.size = len(codes_out)
    del codes_out
    nums = ends.nums
    for code, at in zip(codes, rows, strict=True):
        j = bisect_right(firsts, code) - 1
        added = list(map(order.__getitem__, at))
        loc = list(map(offsets[j].__rsub__, added)) if offsets[j] else added
        _group(edges, at, sections[j].columns(code - firsts[j], loc))
        nums.append(added)
    return nodes, plan.ids, edges, ends


def _edge_groups(
    np: Any,
    order: Any,
    sections: list[_Section],
    codes_added: Any,
    firsts: list[int],
    nums: list[Sequence[int]],
) -> _Groups:
    """The edges' groups of :func:`_columnar` with numpy (``order``: the order written, an
    array; ``codes_added``: the edges' codes in the order added, an array): the codes in
    the order written, their split and the rows picked for each group made on arrays of
    indices, without a list of them; the numbers of each group's edges are added to
    ``nums``."""
    offsets = list(accumulate((s.size for s in sections[:-1]), initial=0))
    edges = _Groups()
    codes_out = codes_added[order]
    del codes_added
    codes, rows = _split_array(np, codes_out)
    groups = np.zeros(max(codes, default=0) + 1, dtype=np.int64)
    groups[codes] = np.arange(len(codes))
    edges.which.extend(groups[codes_out].tolist())
    edges.size = len(codes_out)
    del codes_out, groups
    for code, at in zip(codes, rows, strict=True):
        j = bisect_right(firsts, code) - 1
        added = order[at]
        loc = added - offsets[j] if offsets[j] else added
        _group(edges, _positions(np, at), sections[j].columns(code - firsts[j], loc))
        nums.append(_positions(np, added))
    return edges


def _np_module() -> Any:
    """The numpy module, or ``None`` without it."""
    from govmodel.index import _np

    return _np()


def _positions(np: Any, a: Any) -> array[int]:
    """A numpy array of indices as an ``array("q")``, whose items are Python ints (8 bytes
    an index, rather than an ``int`` object each in a list)."""
    return array("q", a.astype(np.int64, copy=False).tobytes())


# =============================================================================================
# columns: one type per attribute name
# =============================================================================================

_EXACT = frozenset({str, int, float, bool})
_STR: Final = frozenset({str})
#: The column of the edge keys (a name no attribute has).
_KEY: Final = ("edge key",)
_XML_TYPES = {"str": "string", "int": "long", "float": "double", "bool": "boolean"}
# the characters escaped in attribute values (as ElementTree escapes them; in XML text:
# "&", "<" and ">", see _text)
_ATTR_SPECIAL = re.compile('[&<>"\n\r\t]')


def _text(value: str) -> str:
    """``value`` escaped as XML element text.

    The characters are looked for one at a time (``in``, a search for one character, is
    some fifteen times faster than a pattern's search on a long text such as a type
    table's list of every unnamed node).
    """
    if "&" not in value and "<" not in value and ">" not in value:
        return value
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    """``value`` escaped as an XML attribute value (in double quotes)."""
    if _ATTR_SPECIAL.search(value) is None:
        return value
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\r", "&#13;")
        .replace("\n", "&#10;")
        .replace("\t", "&#09;")
    )


_Row = Mapping[Any, Any]
# the characters escaped in XML text, and in attribute values (those of the patterns above)
_TEXT_CHARS = "&<>"
_ATTR_CHARS = '&<>"\n\r\t'


def _not_xml(text: str) -> bool:
    """Whether ``text`` holds a character of :data:`_NOT_XML` (printable text holds none,
    and ``str.isprintable`` is much faster than the search; ASCII text is checked faster
    still, as bytes, by deleting every byte XML holds)."""
    if text.isascii():
        return bool(text.encode("ascii").translate(None, _XML_ASCII))
    return not text.isprintable() and _NOT_XML.search(text) is not None


#: The ASCII characters XML 1.0 holds as they are (see :data:`_NOT_XML`).
_XML_ASCII: Final = bytes([9, 10, *range(32, 128)])


def _has_any(text: str, chars: str) -> bool:
    return any(c in text for c in chars)


class _Groups:
    """Rows grouped by their names (their *shape*), as the writers read them, added a batch
    at a time (:meth:`add`); the rows themselves are not kept.

    ``shapes``: the shapes in the order first met (or groups of one shape apart, as
    :func:`_columnar` makes them); ``which``: the group of each row, in order (a list of
    small integers, which Python shares: 8 bytes a row); ``at``: the indices of each
    group's rows, in order (added here: arrays of machine integers, 8 bytes a row rather
    than an ``int`` object each); ``values``: each group's rows transposed, a list of
    values for each name of its shape; ``known``: for each, the type all its values are
    known to have, or ``None`` (rows added here: not known).
    """

    __slots__ = ("at", "known", "number", "shapes", "size", "values", "which")

    def __init__(self) -> None:
        self.number: dict[tuple[Any, ...], int] = {}
        self.shapes: list[tuple[Any, ...]] = []
        self.at: list[Sequence[int]] = []
        self.which: list[int] = []
        self.values: list[list[Any]] = []
        self.known: list[list[type | None]] = []
        self.size = 0

    def add(self, rows: Sequence[_Row]) -> None:
        """Add the next rows.

        The work per row is done by C-level passes (its shape, its group's number, a sort
        of the numbers); Python loops only over the groups of the batch, and over the rows
        of a batch that brings a new shape.
        """
        start = self.size
        shapes = list(map(tuple, rows))
        number = self.number
        if not number.keys() >= set(shapes):  # new shapes: numbered in the order first met
            for shape in shapes:
                if shape not in number:
                    number[shape] = len(self.shapes)
                    self.shapes.append(shape)
                    self.at.append(array("q"))
                    self.values.append([[] for _ in shape])
                    self.known.append([None] * len(shape))
        groups = list(map(number.__getitem__, shapes))
        del shapes
        self.which.extend(groups)
        self.size = start + len(rows)
        if not groups:
            return
        if groups.count(groups[0]) == len(groups):  # one shape
            self._extend(groups[0], range(start, self.size), rows)
            return
        order = sorted(range(len(rows)), key=groups.__getitem__)  # stable
        ordered = list(map(groups.__getitem__, order))
        for g in sorted(set(groups)):
            mine = order[bisect_left(ordered, g) : bisect_right(ordered, g)]
            self._extend(g, map(start.__add__, mine), list(map(rows.__getitem__, mine)))

    def _extend(self, g: int, at: Iterable[int], rows: Sequence[_Row]) -> None:
        """Add ``rows``, all of group ``g``, at the indices ``at``."""
        held = self.at[g]
        assert isinstance(held, array)
        held.extend(at)
        for k, column in zip(self.shapes[g], self.values[g], strict=True):
            column.extend(map(itemgetter(k), rows))


class _ExactStr:
    """The type a column's values are known to have where each is exactly a ``str``, known
    without a look (a field's strings may be of a subclass, and are looked at)."""


def _one_object(values: Sequence[Any]) -> bool:
    """Whether ``values`` hold one object (not merely equal ones), at least once (a
    :class:`_Const` is known to, without a look at its values)."""
    if type(values) is _Const:
        return bool(values)
    return bool(values) and values[-1] is values[0] and all(map(is_, values, repeat(values[0])))


class _Column:
    """One attribute name of nodes or of edges, as a writer writes it.

    ``type`` is the column's one type (see the module's documentation). ``plain``: each
    value is written as ``format(value)`` exactly (one exact type, none of the characters
    ``special`` that the writer's context escapes, nothing JSON-encoded), but that an empty
    string is written empty. ``tagged``: some value needs a type tag (``empty`` among them).
    ``strings``: every value is a ``str``, ``unsafe`` some is JSON-encoded.
    """

    __slots__ = ("plain", "strings", "tagged", "type", "unsafe")

    def __init__(
        self,
        parts: Sequence[Sequence[Any]],
        special: str,
        *,
        finite: bool,
        known: Sequence[type | None] = (),
        exact: bool = False,
    ) -> None:
        """The column of the values ``parts`` (the values of each shape holding the name),
        ``known[i]`` the type all the values of ``parts[i]`` are known to have, if any.

        With ``exact``, a value that is not exactly a ``str``, ``int``, ``float`` or
        ``bool`` raises :class:`_Unusual` (the columns drawn from a structure leave such a
        value, which :func:`~govmodel.to_graph` may refuse, to the dicts).
        """
        self.type = "str"
        self.plain = self.tagged = self.strings = self.unsafe = False
        given = parts
        # a part holding one object in every row (a constant column) has one to check
        parts = [p[:1] if _one_object(p) else p for p in parts]
        types: set[type] = set()
        for p, t in zip(parts, known or repeat(None), strict=False):
            # a field's strings may be of a subclass of str (a StrEnum's): looked at too
            if t is None or (t is str and not _exact_strings(p)):
                types.update(map(type, p))
            elif p:
                types.add(str if t is _ExactStr else t)
        if exact and not types <= _EXACT:
            raise _Unusual
        if any(issubclass(t, str) for t in types - _EXACT):  # written as the strings they hold
            for p in given:
                _plain_strings(p)  # type: ignore[arg-type]
            parts = [p[:1] if _one_object(p) else p for p in given]
            types = set(chain.from_iterable(map(map, repeat(type), parts)))
        if len(types) != 1 or not types <= _EXACT:
            values = list(chain.from_iterable(parts))
            self.type = _column_type(values)  # raises for a value of no graph type
            self.tagged = True
            _no_surrogate("".join([v for v in values if isinstance(v, str)]))
            return
        t = types.pop()
        # the parts are read one at a time, rather than all the values listed in one
        if t is str:
            joined = "".join(parts[0]) if len(parts) == 1 else "".join(map("".join, parts))
            self.unsafe = unsafe = _not_xml(joined)
            if unsafe:
                _no_surrogate(joined)
            self.strings = True
            # an empty string (the one false str)
            self.tagged = unsafe or not all(map(all, parts))
            self.plain = not unsafe and not _has_any(joined, special)
        elif t is int:
            held = [p for p in parts if type(p) is not array]  # an array("q"): 64-bit ints
            if (
                max(map(max, filter(None, held)), default=0) > _MAX_LONG
                or min(map(min, filter(None, held)), default=0) < _MIN_LONG
            ):
                self.tagged = True
            else:
                self.type, self.plain = "int", True
        elif t is float:
            self.type = "float"
            self.plain = not finite or all(all(map(math.isfinite, p)) for p in parts)
        else:
            self.type, self.plain = "bool", True

    @property
    def empties(self) -> bool:
        """Whether a value may be written empty (an empty string, in a plain column)."""
        return self.plain and self.strings and self.tagged


def _columns(
    groups: _Groups,
    special: str,
    *,
    finite: bool = False,
    keys: Sequence[object] | None = None,
    keys_str: bool = False,
    exact: bool = False,
) -> dict[Any, _Column]:
    """The columns of the rows, by name, in the order the names are first met.

    With ``keys`` (the edge keys, one an edge, in any order: a column's checks do not depend
    on the order of its values), the column named :data:`_KEY` holds ``str(k)`` for each,
    written last in each row (``keys_str``: each key is known to be exactly a ``str``). ``exact``
    as for :class:`_Column`.
    """
    # each name's values: a list for each shape holding it, and the type its values are
    # known to have; a list holding one object in every row is made a _Const in its group,
    # so that the writers know it without looking again
    holders: dict[Any, list[Sequence[Any]]] = {}
    known: dict[Any, list[type | None]] = {}
    for shape, values, types in zip(groups.shapes, groups.values, groups.known, strict=True):
        for j, (k, column, t) in enumerate(zip(shape, values, types, strict=True)):
            if type(column) is not _Const and _one_object(column):
                values[j] = column = _Const(column)
            holders.setdefault(k, []).append(column)
            known.setdefault(k, []).append(t)
    names: list[Any] = list(holders)
    if keys is not None and groups.shapes:
        names.insert(len(groups.shapes[0]), _KEY)
    if keys is not None:
        held: Sequence[Any] = keys
        if not keys_str and not _STR.issuperset(map(type, held)):  # a graph's: of any type
            held = list(map(text_of, held))
        holders[_KEY] = [held]
        known[_KEY] = [_ExactStr if keys_str else str]
    return {
        k: _Column(holders[k], special, finite=finite, known=known[k], exact=exact) for k in names
    }


def _names(
    records: _Records,
    ids: str,
    node_cols: Mapping[Any, _Column],
    edge_cols: Mapping[Any, _Column],
) -> None:
    """Refuse attribute names and node ids XML cannot hold, the first in the order written
    (``ids``: the node ids joined)."""
    names = "".join(map(text_of, node_cols)) + "".join(
        text_of(k) for k in edge_cols if k is not _KEY
    )
    if not _not_xml((names + ids).replace("\r", "")):
        return
    if records.structure is not None:
        _entity_names(records.structure)
    for n, d in chain.from_iterable(records.nodes()):
        for k in d:
            _check_name("attribute name", k)
        _check_name("node id", n)
    for k in edge_cols:
        if k is not _KEY:
            _check_name("attribute name", k)


def _entity_names(s: Structure) -> None:
    """Refuse the first attribute name or node id of ``s`` that XML cannot hold, in the
    order written (the nodes' names and ids, then the edges' names), naming its path."""
    from govmodel._convert import json_path

    for section in ("units", "organizations", "people", "observations", "decisions"):
        for i, e in enumerate(getattr(s, section)):
            for k in e.attributes:
                _check_name("attribute name", k, json_path(section, i, "attributes", str(k)))
            _check_name("node id", e.id, json_path(section, i, "id"))
    for section in ("posts", "ties"):
        for i, e in enumerate(getattr(s, section)):
            for k in e.attributes:
                _check_name("attribute name", k, json_path(section, i, "attributes", str(k)))


def _table(
    groups: _Groups,
    owners: Callable[[], list[str]],
    cols: Mapping[Any, _Column],
    names: Mapping[Any, str],
) -> dict[str, dict[str, list[str]]]:
    """The type tags of the values of the tagged columns: ``{written name: {tag: [owner
    ids]}}``, the owners (``owners()[i]`` of row ``i``, made when first needed) in order."""
    out: dict[str, dict[str, list[str]]] = {}
    tagged = [k for k, c in cols.items() if c.tagged and k is not _KEY]
    if not tagged:
        return out
    ids = owners()
    # the indices of the rows holding each tagged column, and their values, a group at a
    # time: one pass over the groups' shapes (rather than a search of every shape for each
    # column, which a structure of thousands of attribute names made quadratic)
    held: dict[Any, list[tuple[Sequence[int], Sequence[Any]]]] = {k: [] for k in tagged}
    for shape, at, values in zip(groups.shapes, groups.at, groups.values, strict=True):
        for k, vs in zip(shape, values, strict=True):
            parts_of = held.get(k)
            if parts_of is not None:
                parts_of.append((at, vs))
    for k in tagged:
        c = cols[k]
        parts = held.pop(k)
        tags: dict[str, Sequence[int]] = {}
        if c.strings:
            # a part of one object (an empty name in every row, say) is known without a look
            run = _empty_run(parts)
            tags["empty"] = (
                run
                if run is not None
                else list(
                    chain.from_iterable(
                        (() if vs[0] else at) if type(vs) is _Const else compress(at, map(not_, vs))
                        for at, vs in parts
                    )
                )
            )
            if c.unsafe:
                tags["json"] = [
                    i for at, vs in parts for i, v in zip(at, vs, strict=True) if v and _not_xml(v)
                ]
        else:
            listed: dict[str, list[int]] = {}
            for at, vs in parts:
                for i, v in zip(at, vs, strict=True):
                    tag = _write_value(v, c.type)[1]
                    if tag is not None:
                        listed.setdefault(tag, []).append(i)
            tags.update(listed)
        found = {
            tag: _owners(ids, at if len(parts) == 1 or type(at) is range else sorted(at))
            for tag, at in tags.items()
            if at
        }
        if found:
            out[names[k]] = found
    return out


def _empty_run(parts: list[tuple[Sequence[int], Sequence[Any]]]) -> range | None:
    """The rows holding an empty string, as a range, where each part (the rows ``at`` of a
    group, in order, and their values) holds one object in every row (a :class:`_Const`)
    and the rows of those whose object is empty are one run (every node's name empty,
    say): known from the parts' first and last rows and their lengths, the groups'
    rows being distinct; ``None`` otherwise."""
    if not all(type(vs) is _Const for _, vs in parts):
        return None
    held = [at for at, vs in parts if not vs[0] and len(at)]
    if not held:
        return range(0)
    lo, hi = min(at[0] for at in held), max(at[-1] for at in held)
    return range(lo, hi + 1) if hi - lo + 1 == sum(map(len, held)) else None


def _owners(ids: list[str], at: Sequence[int]) -> list[str]:
    """``ids[i]`` for each row ``i`` of ``at`` (ascending, each once): a slice where they
    are a run of rows (a table may list every node, whose ids are then copied at once,
    rather than looked up one at a time)."""
    if at[-1] - at[0] + 1 == len(at):
        return ids[at[0] : at[-1] + 1]
    return list(map(ids.__getitem__, at))


# the characters json.dumps escapes in a string (with ensure_ascii: also those beyond ASCII),
# and the ASCII characters it writes as they are
_JSON_ESCAPED = re.compile(r'[\x00-\x1f"\\]')
_JSON_ASCII: Final = {
    ensure_ascii: bytes(c for c in range(0x20, 0x80 - ensure_ascii) if c not in b'"\\')
    for ensure_ascii in (False, True)  # with ensure_ascii, DEL is escaped too
}


def _json_plain(text: str, *, ensure_ascii: bool) -> bool:
    """Whether ``json.dumps`` writes the characters of ``text`` as they are."""
    if text.isascii():  # checked as bytes, by deleting every byte written as it is
        return not text.encode("ascii").translate(None, _JSON_ASCII[ensure_ascii])
    return not ensure_ascii and _JSON_ESCAPED.search(text) is None


def _table_json(value: Any, *, ensure_ascii: bool) -> str:
    """``json.dumps(value, ensure_ascii=ensure_ascii, sort_keys=True)`` of a type table
    (objects with string keys, whose leaves are type tags and lists of ids): a list of
    strings none of which JSON escapes is joined at once, rather than each string
    encoded apart (a table may list every node).

    Examples
    --------
    >>> table = {"node": {"name": {"empty": ["a", "b"], "json": ['q"', "中"]}}, "graph": {}}
    >>> all(
    ...     _table_json(table, ensure_ascii=a) == json.dumps(table, ensure_ascii=a, sort_keys=True)
    ...     for a in (True, False)
    ... )
    True
    """
    out: list[str] = []
    _table_json_pieces(out, value, ensure_ascii=ensure_ascii)
    return "".join(out)


def _table_json_pieces(out: list[str], value: Any, *, ensure_ascii: bool) -> None:
    """The text of :func:`_table_json` added to ``out`` a piece at a time, joined once by
    the caller (a list of every node's id is then copied once, rather than once more at
    each level of the table)."""
    if type(value) is dict and _STR.issuperset(map(type, value)):
        out.append("{")
        for j, (k, v) in enumerate(sorted(value.items())):
            out.append(f"{', ' if j else ''}{json.dumps(k, ensure_ascii=ensure_ascii)}: ")
            _table_json_pieces(out, v, ensure_ascii=ensure_ascii)
        out.append("}")
        return
    if type(value) is list and value:
        try:  # strings alone (a subclass of str is written as a str)
            body = '", "'.join(value)
        except TypeError:
            body = None
        if body is not None and _json_plain_joined(body, len(value), ensure_ascii=ensure_ascii):
            out.extend(('["', body, '"]'))
            return
    out.append(json.dumps(value, ensure_ascii=ensure_ascii, sort_keys=True))


def _json_plain_joined(body: str, count: int, *, ensure_ascii: bool) -> bool:
    """Whether ``json.dumps`` writes each of ``count`` strings as it is, given their text
    joined with ``", "`` (``body``): checked on that one text, whose separators alone
    hold quotes where no string does (``2 * (count - 1)`` of them), rather than on a
    second join of the strings."""
    quotes = 2 * (count - 1)
    if body.count('"') != quotes:  # a string holds a quote
        return False
    if body.isascii():  # the bytes left once every byte written as it is is deleted
        return len(body.encode("ascii").translate(None, _JSON_ASCII[ensure_ascii])) == quotes
    return not ensure_ascii and _JSON_ESCAPED.search(body.replace('", "', "")) is None


class _Layout:
    """What both XML writers work out before writing: rows by shape (drawn as columns by
    the records' ``columns`` where they can, else read from their dicts), columns, the type
    table, written names, the node ids (``ids``) and the sources, targets and keys of each
    group of edges (``edge_ends``, see :class:`_Ends`)."""

    def __init__(
        self,
        records: _Records,
        special: str,
        *,
        finite: bool,
        node_reserved: frozenset[str],
        edge_reserved: frozenset[str],
    ) -> None:
        _no_surrogate(
            "".join(
                f"{text_of(k)}{text_of(v) if isinstance(v, str) else ''}"
                for k, v in records.graph.items()
            )
        )
        drawn = None
        if records.columns is not None:
            try:
                drawn = records.columns()
            except Exception:  # _Unusual, or what the dicts raise as to_graph does: they
                drawn = None  # decide, as they did before the columns
        if drawn is not None:
            self.nodes, self.ids, self.edges, self.edge_ends = drawn
            try:  # drawn from a structure, the ids and keys are exactly str (_Plan.exact)
                self._columns(special, finite=finite, drawn=True)
            except _Unusual:  # a value of no exact type: left to the dicts
                drawn = None
        if drawn is None:
            self._read(records)
            ends = self.edge_ends
            for column in (self.ids, ends.sources, ends.targets, ends.keys):
                if not _STR.issuperset(map(type, column)):  # a StrEnum's, say, or no string
                    _plain_strings(column)  # type: ignore[arg-type]
            self._columns(special, finite=finite, drawn=False)
        ids = self.ids
        strings = drawn is not None or set(map(type, ids)) <= {str}
        texts: list[str] = ids if strings else list(map(str, ids))
        joined = "".join(texts)
        _names(records, joined, self.node_cols, self.edge_cols)
        # whether every node id is a string written as it is in an XML attribute
        self.plain_ids = strings and not _has_any(joined, _ATTR_CHARS)
        self.node_names = {k: _escape(text_of(k), node_reserved) for k in self.node_cols}
        self.edge_names = {
            k: _escape(text_of(k), edge_reserved) for k in self.edge_cols if k is not _KEY
        }
        self.table: dict[str, Any] = {}
        node_tags = _table(self.nodes, lambda: texts, self.node_cols, self.node_names)
        if node_tags:
            self.table["node"] = node_tags
        edge_tags = _table(
            self.edges,
            lambda: [f"e{i}" for i in range(self.edges.size)],
            self.edge_cols,
            self.edge_names,
        )
        if edge_tags:
            self.table["edge"] = edge_tags

    def _columns(self, special: str, *, finite: bool, drawn: bool) -> None:
        """The columns of the nodes and of the edges (``drawn``: from a structure's
        columns)."""
        self.node_cols = _columns(self.nodes, special, finite=finite, exact=drawn)
        self.edge_cols = _columns(
            self.edges,
            special,
            finite=finite,
            keys=self.edge_ends.keys,
            keys_str=drawn,
            exact=drawn,
        )

    def _read(self, records: _Records) -> None:
        """Group the records' rows: one pass, a batch at a time, keeping the values by
        shape and the ids and ends, but not the rows."""
        self.nodes = _Groups()
        self.ids = []
        for batch in records.nodes():
            self.ids.extend(map(itemgetter(0), batch))
            self.nodes.add(list(map(itemgetter(1), batch)))
        self.edges = _Groups()
        ends: list[list[Any]] = [[], [], []]
        for edges in records.edges():
            for j, e in enumerate(ends):
                e.extend(map(itemgetter(j), edges))
            self.edges.add(list(map(itemgetter(3), edges)))
        #: the sources, targets and keys of the edges (numbered in the order written)
        self.edge_ends = _Ends(ends[0], ends[1], ends[2], self.edges.at)

    def node_id(self, n: object) -> str:
        return n if self.plain_ids else _attr(text_of(n))  # type: ignore[return-value]


# =============================================================================================
# writing, a piece at a time
# =============================================================================================

#: Rows written before their text is handed on (joined, encoded and written).
_BATCH = 2048


def _deliver(
    pieces: Iterable[str | bytes],
    path: str | os.PathLike[str] | None,
    structure: Structure | None = None,
    *,
    errors: str = "strict",
) -> bytes:
    """The pieces as UTF-8 bytes; with ``path``, streamed to that file instead (atomically)
    and ``b""`` returned. The collector is paused meanwhile (see ``gc_paused``).

    Drawn from ``structure``, a text that holds a lone surrogate (no UTF-8 form) is refused
    with the structure's problems, which say where it is; drawn from a graph, with an
    ``invalid-string`` problem of the document."""
    try:
        with gc_paused():
            if path is None:
                return b"".join(
                    p if isinstance(p, bytes) else p.encode("utf-8", errors) for p in pieces
                )
            # the checks run as the first piece is made, before the file is opened
            _write_stream(path, (p if isinstance(p, bytes) else p.encode("utf-8") for p in pieces))
        return b""
    except (UnicodeEncodeError, _LoneSurrogate) as exc:
        if structure is not None:
            _unwritable(structure, exc)
        raise SpecError([Problem("invalid-string", "$", "a string" + _SURROGATE_MESSAGE)]) from exc
    except ValueError as exc:  # a number JSON cannot hold (NaN): refused where it is
        if structure is not None:
            _unwritable(structure, exc)
        raise


class _LoneSurrogate(Exception):
    """A string a writer would write holds a lone surrogate, which no UTF-8 text holds."""


def _no_surrogate(text: str) -> None:
    """Raise :class:`_LoneSurrogate` if ``text`` holds a lone surrogate."""
    if not text.isascii() and _SURROGATE.search(text) is not None:
        raise _LoneSurrogate


class _Template:
    """The text of one shape of row, made into a function whose body is one comprehension
    of one f-string over the columns of a group's rows.

    An f-string builds a row several times faster than ``str.format`` (which parses its
    template on every call) or a join of pieces, and faster than ``%`` over the rows of a
    batch at once; a comprehension spares the call of a function per row. Its source holds
    only the writers' own markup (braces doubled), the text of a column's one value (a
    constant, as a string literal, see :func:`_add_values`) and expressions over its
    variables and the objects given to :meth:`name`: no attribute name or id of the graph.

    A ``small`` template (that of a group of a few rows, see :data:`_SMALL_GROUP`) holds
    its markup as names too, so that its source is the same for every group of the same
    kinds of columns and is compiled once (:func:`_code_of`): a structure whose entities
    each have attributes of their own names makes a group of one row for each, and
    compiling a function for each took a hundred times the time of writing the row.
    """

    __slots__ = ("markup", "names", "parts", "small")

    def __init__(self, *, small: bool = False) -> None:
        self.parts: list[str] = []
        self.names: dict[str, object] = {}
        self.small = small
        #: a small template's markup since its last value, one name for all of it
        self.markup: list[str] = []

    def text(self, markup: str) -> None:
        """Literal markup."""
        if self.small:
            self.markup.append(markup)
        else:
            self.parts.append(markup.replace("{", "{{").replace("}", "}}"))

    def value(self, expression: str) -> None:
        """The text of an expression (``format(value)``, as ``str.format`` writes it)."""
        if self.markup:
            self._name_markup()
        self.parts.append(f"{{{expression}}}")

    def _name_markup(self) -> None:
        self.parts.append(f"{{{self.name(''.join(self.markup))}}}")
        self.markup.clear()

    def name(self, obj: object) -> str:
        """A name for ``obj`` in the function's source."""
        name = f"_{len(self.names)}"
        self.names[name] = obj
        return name

    def compile(self, params: Sequence[str], columns: Sequence[Any]) -> _Rows:
        """The function ``rows(s, e)``: the texts of the rows ``s`` to ``e`` (a slice) of a
        group, a list made by one comprehension over the slices of ``columns`` (the
        comprehension's variables ``params``, one for each column; a column is a sequence,
        or a pair ``(f, sequence)``, whose slice is given as ``map(f, slice)``), rather
        than by one call per row."""
        if self.markup:
            self._name_markup()
        sources = []
        for column in columns:
            if isinstance(column, tuple):
                f, values = column
                sources.append(f"map({self.name(f)}, {self.name(values)}[s:e])")
            else:
                sources.append(f"{self.name(column)}[s:e]")
        # the f-string written as f-strings of a few parts each, one after the other (one
        # f-string to Python's compiler, whose time grows with the square of the parts of
        # each literal: a row of ten thousand attributes took seconds)
        parts, most = self.parts, _PARTS_PER_LITERAL
        literals = " ".join(
            f"f{''.join(parts[i : i + most])!r}" for i in range(0, len(parts), most)
        )
        source = "\n".join(
            [
                "def rows(s, e):",
                f"    return [({literals or repr('')})",
                f"            for ({', '.join(params)},) in zip({', '.join(sources)})]",
            ]
        )
        # the function's globals are the names alone: were it in them, the two would hold
        # each other, a cycle that keeps the columns alive until the collector finds it (a
        # full pass over every value of every column, at the next collection after the
        # writing)
        space: dict[str, Any] = dict(self.names)
        space["__builtins__"] = builtins
        # a small template's source holds no text of the graph's, and repeats
        code = _code_of(source) if self.small else _compiled(source)
        return FunctionType(code, space)


#: The most parts (markup, or a value) of one literal of a template's source.
_PARTS_PER_LITERAL: Final = 64

#: The most rows of a group whose template is :class:`_Template`'s ``small`` one: below
#: this, compiling a function of the group's own costs more than its rows' writing gains.
_SMALL_GROUP: Final = 64


def _compiled(source: str) -> CodeType:
    """The code of the function ``rows`` that ``source`` defines."""
    space: dict[str, Any] = {}
    exec(source, space)
    # taken out of its namespace, its globals: else the two hold each other, a cycle
    rows = space.pop("rows")
    return rows.__code__  # type: ignore[no-any-return]


#: :func:`_compiled` of a small template's source, which holds only names and markup of
#: the writers' own: the few sources of a document's many small groups compiled once each.
_code_of: Final = lru_cache(maxsize=256)(_compiled)


#: A group's rows' texts: ``rows(s, e)``, those of its rows ``s`` to ``e``, in order.
_Rows = Callable[[int, int], list[str]]


def _interleave(groups: _Groups, rows: Sequence[_Rows]) -> Iterator[str]:
    """The text of every row, in order, a batch at a time (``rows``: the functions of the
    groups' rows' texts): at most :data:`_BATCH` rows, and about as many as make
    :data:`~govmodel.io.native._PIECE` characters.

    Each group present in a batch writes its rows of the batch at once, in one call; where
    the batch holds several groups, the texts are taken in the rows' order, each from its
    group's. How many rows of a group a batch holds is found by a binary search of the
    group's indices (``groups.at``, in order), rather than by counting the batch's rows;
    with few groups, each is asked, rather than the groups of the batch gathered.
    """
    which, where = groups.which, groups.at
    done = [0] * len(rows)  # how many rows of each group are written
    few = len(rows) <= _FEW_GROUPS
    every = range(len(rows))
    at, k, size = 0, _FIRST_PIECE, len(which)
    while at < size:
        end = min(at + k, size)
        first = which[at]
        s = done[first]
        e = bisect_left(where[first], end, s)
        if e - s == end - at:  # one group
            done[first] = e
            text = "".join(rows[first](s, e))
        else:
            batch = which[at:end]
            texts: list[Iterator[str]] = [iter(())] * len(rows)
            for g in every if few else set(batch):
                s = done[g]
                held = where[g]
                if s < len(held) and held[s] < end:
                    done[g] = e = bisect_left(held, end, s)
                    texts[g] = iter(rows[g](s, e))
            text = "".join(map(next, itemgetter(*batch)(texts)))
        yield text
        at = end
        k = min(_BATCH, _next_piece(k, len(text)))


#: The most groups :func:`_interleave` asks each of, in a batch of several.
_FEW_GROUPS: Final = 16


def _add_values(
    t: _Template,
    add: Callable[[_Template, str, str, _Column, str | None], None],
    shape: Sequence[Any],
    values: Sequence[Sequence[Any]],
    pre: Mapping[Any, str],
    cols: Mapping[Any, _Column],
    *,
    keep: object = None,
) -> tuple[list[str], list[Sequence[Any]]]:
    """Add the text of a group's values to ``t`` (``add``: the writer's function that adds
    one, see :func:`_graphml_data`), a name ``a0`` … for each; and give the names and
    columns of the comprehension (see :meth:`_Template.compile`). A column holding one
    object in every row (a constant: the entity's kind of node, say) is written once, its
    text made part of the template, and is not a name of the comprehension (but the
    column named ``keep``, which the template reads elsewhere), unless the template is a
    small one, whose source is to hold no text of the graph's."""
    params: list[str] = []
    columns: list[Sequence[Any]] = []
    for j, (k, column) in enumerate(zip(shape, values, strict=True)):
        c = cols[k]
        if not t.small and k != keep and _one_object(column):
            one = _Template()
            add(one, "a", pre[k], c, c.type)
            t.text(one.compile(["a"], [column[:1]])(0, 1)[0])
            continue
        add(t, f"a{j}", pre[k], c, c.type)
        params.append(f"a{j}")
        columns.append(column)
    return params, columns


# -- GraphML ------------------------------------------------------------------------------------

_GRAPHML_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


def _graphml_line(pre: str, value: object, column: str | None) -> str:
    """A ``<data>`` line of a value (``column`` ``None``: an edge key, written as it is)."""
    written = value if column is None else _write_value(value, column)[0]
    text = _text(str(written))
    return f"{pre}{text}</data>\n" if text else pre[:-1] + " />\n"


def _graphml_data(t: _Template, expr: str, pre: str, c: _Column, column: str | None) -> None:
    """Add the ``<data>`` line of the value ``expr`` of column ``c`` to ``t``."""
    if not c.plain:
        t.value(f"{t.name(partial(_graphml_line, pre, column=column))}({expr})")
    elif c.empties:  # an empty string is written <data key="…" />
        whole, close, empty = t.name(pre), t.name("</data>\n"), t.name(pre[:-1] + " />\n")
        t.value(f"({whole} + x + {close}) if (x := {expr}) else {empty}")
    else:
        t.text(pre)
        t.value(expr)
        t.text("</data>\n")


def _graphml(records: _Records) -> Iterator[str]:
    """The GraphML document of ``records``, a piece at a time (what networkx's
    ``GraphMLWriter`` wrote for a typed copy of the graph, byte for byte)."""
    lay = _Layout(
        records,
        _TEXT_CHARS,
        finite=False,
        node_reserved=_NO_NAMES,
        edge_reserved=_GRAPHML_EDGE_NAMES,
    )
    graph: dict[str, object] = {}
    graph_tags: dict[str, str] = {}
    for k, v in records.graph.items():
        written, tag = _write_value(plain(v), _tname(v))
        graph[_check_name("attribute name", k)] = written
        if tag is not None:
            graph_tags[text_of(k)] = tag
    if graph_tags:
        lay.table["graph"] = graph_tags
    if lay.table:
        graph[TYPES_ATTRIBUTE] = _table_json(lay.table, ensure_ascii=False)
    lay.edge_names[_KEY] = "key"

    keys: list[str] = []

    def key(scope: str, name: str, xml_type: str) -> str:
        kid = f"d{len(keys)}"
        keys.append(
            f'  <key id="{kid}" for="{scope}" attr.name="{_attr(name)}" attr.type="{xml_type}" />\n'
        )
        return kid

    graph_ids = [key("graph", k, _XML_TYPES[_tname(v)]) for k, v in graph.items()]
    node_pre = {
        k: f'      <data key="{key("node", lay.node_names[k], _XML_TYPES[c.type])}">'
        for k, c in lay.node_cols.items()
    }
    edge_pre = {
        k: f'      <data key="{key("edge", lay.edge_names[k], _XML_TYPES[c.type])}">'
        for k, c in lay.edge_cols.items()
    }
    yield _GRAPHML_HEAD + "".join(reversed(keys))
    if not (records.node_count or records.edge_count or graph):
        yield '  <graph edgedefault="directed" />\n</graphml>\n\n'
        return
    yield '  <graph edgedefault="directed">\n'
    yield from _graphml_nodes(lay, node_pre)
    yield from _graphml_edges(lay, edge_pre)
    out = []
    for kid, value in zip(graph_ids, graph.values(), strict=True):
        text = _text(str(value))
        if len(text) > _PIECE:  # a long text (a type table) handed on as it is, uncopied
            out.append(f'    <data key="{kid}">')
            yield "".join(out)
            yield text
            out = ["</data>\n"]
            continue
        out.append(
            f'    <data key="{kid}">{text}</data>\n' if text else f'    <data key="{kid}" />\n'
        )
    out.append("  </graph>\n</graphml>\n\n")
    yield "".join(out)


def _graphml_nodes(lay: _Layout, pre: Mapping[Any, str]) -> Iterator[str]:
    """The ``<node>`` elements, a batch at a time: one function per shape writes them."""
    groups, cols = lay.nodes, lay.node_cols
    rows = []
    for shape, at, values in zip(groups.shapes, groups.at, groups.values, strict=True):
        t = _Template(small=len(at) < _SMALL_GROUP)
        t.text('    <node id="')
        t.value("n")
        if shape:
            t.text('">\n')
            params, columns = _add_values(t, _graphml_data, shape, values, pre, cols)
            t.text("    </node>\n")
        else:
            t.text('" />\n')
            params, columns = [], []
        rows.append(t.compile(["n", *params], [_node_ids(lay, at), *columns]))
    return _interleave(groups, rows)


def _node_ids(lay: _Layout, at: Sequence[int]) -> tuple[Callable[[int], str], Sequence[int]]:
    """The column of the written ids of the nodes ``at`` (a group's), for
    :meth:`_Template.compile`."""
    ids = lay.ids
    if lay.plain_ids:
        return ids.__getitem__, at
    node_id = lay.node_id
    return lambda n: node_id(ids[n]), at


def _edge_start(lay: _Layout, indent: str, rows: int) -> tuple[_Template, str]:
    """A group's template begun with an edge's opening tag, up to its id (``e`` and the
    edge's place ``i`` in the document), and the expression of the edge's key (the ends
    and the key read by the edge's number ``a``, see :class:`_Ends`); ``rows``: how many
    rows the group has."""
    t = _Template(small=rows < _SMALL_GROUP)
    ends = lay.edge_ends
    u, v = f"{t.name(ends.sources)}[a]", f"{t.name(ends.targets)}[a]"
    if not lay.plain_ids:
        ident = t.name(lay.node_id)
        u, v = f"{ident}({u})", f"{ident}({v})"
    t.text(f'{indent}<edge source="')
    t.value(u)
    t.text('" target="')
    t.value(v)
    t.text('" id="e')
    t.value("i")
    return t, f"{t.name(ends.keys)}[a]"


def _graphml_edges(lay: _Layout, pre: Mapping[Any, str]) -> Iterator[str]:
    """The ``<edge>`` elements, with ids ``e0``, ``e1`` … and the key as data ``key``, a
    batch at a time: one function per shape writes them."""
    groups, cols = lay.edges, lay.edge_cols
    rows = []
    for shape, at, values, nums in zip(
        groups.shapes, groups.at, groups.values, lay.edge_ends.nums, strict=True
    ):
        t, key = _edge_start(lay, "    ", len(at))
        t.text('">\n')
        params, columns = _add_values(t, _graphml_data, shape, values, pre, cols)
        c = cols[_KEY]
        _graphml_data(t, f"{t.name(str)}({key})" if c.empties else key, pre[_KEY], c, None)
        t.text("    </edge>\n")
        rows.append(t.compile(["i", "a", *params], [at, nums, *columns]))
    return _interleave(groups, rows)


# -- GEXF ---------------------------------------------------------------------------------------

_GEXF_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<gexf xmlns="http://www.gexf.net/1.2draft" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
    'version="1.2">\n'
)
_GEXF_FLOATS = {"inf": "INF", "nan": "NaN", "-inf": "-INF"}


def _gexf_value(value: object) -> str:
    """An attribute value as GEXF writes it (networkx's spelling), escaped."""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if isinstance(value, float):
        text = _GEXF_FLOATS.get(text, text)
    return _attr(text)


def _gexf_line(pre: str, value: object, column: str | None) -> str:
    """An ``<attvalue>`` line of a value (``column`` ``None``: an edge key, as ``str``
    writes it, whatever its type, as the key column declares)."""
    written = str(value) if column is None else _write_value(value, column)[0]
    return f'{pre}{_gexf_value(written)}" />\n'


def _gexf_attvalue(t: _Template, expr: str, pre: str, c: _Column, column: str | None) -> None:
    """Add the ``<attvalue>`` line of the value ``expr`` of column ``c`` to ``t``."""
    if not c.plain:
        t.value(f"{t.name(partial(_gexf_line, pre, column=column))}({expr})")
        return
    t.text(pre)
    if c.type == "bool":
        t.value(f"{t.name('true')} if {expr} else {t.name('false')}")
    else:
        t.value(expr)
    t.text('" />\n')


def _gexf_label(label: object, nid: str, column: str) -> str:
    """A node's GEXF label: its name (``label``, in a column of type ``column``) where XML
    holds it as it is, else its id (``nid``, escaped)."""
    if label == "":
        return nid
    written = _write_value(label, column)[0]
    return _attr(written) if isinstance(written, str) and _safe_text(written) else nid


def _gexf(records: _Records) -> Iterator[str]:
    """The GEXF 1.2 document of ``records``, a piece at a time (what networkx's
    ``GEXFWriter`` wrote for a typed copy of the graph, but for its ``<creator>``)."""
    from govmodel._version import __version__

    lay = _Layout(
        records,
        _ATTR_CHARS,
        finite=True,
        node_reserved=_GEXF_NODE_NAMES,
        edge_reserved=_GEXF_EDGE_NAMES,
    )
    lay.edge_names[_KEY] = "networkx_key"
    name = text_of(records.graph.get("name", ""))
    # json.dumps({"govmodel": {"graph": …, "types": …}}, ensure_ascii=True, sort_keys=True)
    graph_json = json.dumps(dict(records.graph), ensure_ascii=True, sort_keys=True)
    # the description's pieces, each escaped (as the whole text would be, a character at a
    # time), joined once with the head (a type table may list every node)
    description = [f'{{"govmodel": {{"graph": {graph_json}, "types": ']
    del graph_json  # a generator's locals live as long as it writes
    _table_json_pieces(description, lay.table, ensure_ascii=True)
    description.append("}}")
    head = [
        _GEXF_HEAD,
        "  <meta>\n",
        f"    <creator>{_text(f'govmodel {__version__}')}</creator>\n",
        "    <description>",
        *map(_text, description),
        "</description>\n",
        "  </meta>\n",
    ]
    del description
    attr_id = 0

    def declare(cols: Mapping[Any, _Column], names: Mapping[Any, str], kind: str) -> list[str]:
        nonlocal attr_id
        lines = []
        for k, c in cols.items():
            lines.append(
                f'      <attribute id="{attr_id}" title="{_attr(names[k])}" '
                f'type="{_XML_TYPES[c.type]}" />\n'
            )
            attr_id += 1
        if not lines:
            return []
        return [f'    <attributes mode="static" class="{kind}">\n', *lines, "    </attributes>\n"]

    first = attr_id
    node_block = declare(lay.node_cols, lay.node_names, "node")
    node_pre = {
        k: f'          <attvalue for="{first + i}" value="' for i, k in enumerate(lay.node_cols)
    }
    first = attr_id
    edge_block = declare(lay.edge_cols, lay.edge_names, "edge")
    edge_pre = {
        k: f'          <attvalue for="{first + i}" value="' for i, k in enumerate(lay.edge_cols)
    }
    graph_name = _attr(name) if _safe_text(name) else ""
    head.append(f'  <graph defaultedgetype="directed" mode="static" name="{graph_name}">\n')
    head.extend(edge_block)
    head.extend(node_block)
    text = "".join(head)
    del head
    yield text
    del text

    if not records.node_count:
        yield "    <nodes />\n"
    else:
        yield "    <nodes>\n"
        yield from _gexf_nodes(lay, node_pre)
        yield "    </nodes>\n"
    if not records.edge_count:
        yield "    <edges />\n"
    else:
        yield "    <edges>\n"
        yield from _gexf_edges(lay, edge_pre)
        yield "    </edges>\n"
    yield "  </graph>\n</gexf>\n\n"


def _gexf_nodes(lay: _Layout, pre: Mapping[Any, str]) -> Iterator[str]:
    """The ``<node>`` elements, a batch at a time: one function per shape writes them; a
    node's label is its name (see :func:`_gexf_label`), or its id."""
    groups, cols = lay.nodes, lay.node_cols
    name_col = next((k for k, v in lay.node_names.items() if v == "name"), None)
    rows = []
    for shape, at, values in zip(groups.shapes, groups.at, groups.values, strict=True):
        t = _Template(small=len(at) < _SMALL_GROUP)
        t.text('      <node id="')
        t.value("n")
        t.text('" label="')
        if name_col is not None and name_col in shape:
            c = cols[name_col]
            label = f"a{shape.index(name_col)}"
            if c.plain and c.type == "str":
                t.value(f"{label} or n")
            else:
                t.value(f"{t.name(partial(_gexf_label, column=c.type))}({label}, n)")
        else:
            t.value("n")
        if shape:
            t.text('">\n        <attvalues>\n')
            params, columns = _add_values(
                t, _gexf_attvalue, shape, values, pre, cols, keep=name_col
            )
            t.text("        </attvalues>\n      </node>\n")
        else:
            t.text('" />\n')
            params, columns = [], []
        rows.append(t.compile(["n", *params], [_node_ids(lay, at), *columns]))
    return _interleave(groups, rows)


def _gexf_edges(lay: _Layout, pre: Mapping[Any, str]) -> Iterator[str]:
    """The ``<edge>`` elements, with ids ``e0``, ``e1`` … and the key as attribute
    ``networkx_key``, a batch at a time: one function per shape writes them."""
    groups, cols = lay.edges, lay.edge_cols
    rows = []
    for shape, at, values, nums in zip(
        groups.shapes, groups.at, groups.values, lay.edge_ends.nums, strict=True
    ):
        t, key = _edge_start(lay, "      ", len(at))
        t.text('">\n        <attvalues>\n')
        params, columns = _add_values(t, _gexf_attvalue, shape, values, pre, cols)
        _gexf_attvalue(t, key, pre[_KEY], cols[_KEY], None)
        t.text("        </attvalues>\n      </edge>\n")
        rows.append(t.compile(["i", "a", *params], [at, nums, *columns]))
    return _interleave(groups, rows)


# -- node-link JSON -----------------------------------------------------------------------------


def _node_link(records: _Records, indent: int | str | None, errors: str) -> Iterator[str | bytes]:
    """The node-link JSON of ``records`` (``networkx.node_link_data``, edges key ``"edges"``),
    a piece at a time: what ``json.dumps(..., ensure_ascii=False, indent=indent)`` writes
    (lone surrogates encoded as ``errors`` says: ``"strict"`` refuses them)."""
    doc = {"directed": True, "multigraph": True, "graph": records.graph, "nodes": [], "edges": []}
    skeleton = json.dumps(doc, ensure_ascii=False, indent=indent, allow_nan=False)
    at_nodes = skeleton.rindex('"nodes": []')
    at_edges = skeleton.rindex('"edges": []')
    between = skeleton[at_nodes + len('"nodes": []') : at_edges]
    tail = skeleton[at_edges + len('"edges": []') :] + "\n"
    yield skeleton[:at_nodes] + '"nodes": '
    owned = records.owned
    objects = records.node_objects
    yield from _json_runs(
        objects()
        if objects is not None
        else [(True, (_node_objects(b, owned) for b in records.nodes()))],
        indent=indent,
        errors=errors,
    )
    yield between + '"edges": '
    links = records.links
    yield from _json_runs(
        links()
        if links is not None
        else [(True, (_edge_objects(b, owned) for b in records.edges()))],
        indent=indent,
        errors=errors,
    )
    yield tail


def _json_runs(
    runs: Iterable[tuple[bool, Iterable[list[Any]]]], *, indent: int | str | None, errors: str
) -> Iterator[bytes]:
    """One JSON array, at depth 2, of the items of ``runs``, pairs of whether the run's items
    may hold a float and the run's chunks, each run written by
    :func:`~govmodel.io.native._json_array` (which checks orjson's text only where a float
    may be, the one kind of value orjson writes otherwise than ``json.dumps``; see
    :func:`~govmodel.io.native._json_pieces`): its pieces, with each run's closing bracket
    (its last piece) left out but for the last, and its opening one (its first piece's first
    byte) written as a comma after the first.

    Examples
    --------
    >>> runs = [(False, [[{"a": 1}]]), (True, []), (True, [[1e-05], [0.5]])]
    >>> b"".join(_json_runs(runs, indent=None, errors="strict"))
    b'[{"a": 1}, 1e-05, 0.5]'
    """
    sep = b", " if indent is None else b","
    close = b""
    orjson = _orjson() if indent == 2 else None
    for numbers, chunks in runs:
        pieces = (
            _json_items(chunks, orjson, numbers=numbers, errors=errors)
            if orjson is not None
            else _json_array(chunks, indent=indent, depth=2, numbers=numbers, errors=errors)
        )
        held = next(pieces)
        if held == b"[]":
            continue
        if close:
            held = sep + held[1:]
        for piece in pieces:
            yield held
            held = piece
        close = held
    yield close or b"[]"


def _json_items(
    chunks: Iterable[list[Any]], orjson: Any, *, numbers: bool, errors: str
) -> Iterator[bytes]:
    """The text :func:`~govmodel.io.native._json_array` gives for ``indent=2`` at depth 2
    (the same bytes; its first piece opens the array, its last closes it), with orjson: the
    items of each piece are written by orjson
    inside a list of their list, which puts them at depth 2 as they are, rather than moved
    there by a replacement of every newline (a copy of the whole text), and handed on
    without their brackets (a comma between pieces). A piece whose text orjson may write
    otherwise than ``json.dumps`` (a float, with ``numbers``; see
    :func:`~govmodel.io.native._json_bytes`) is written by the standard library, as
    ``_json_array`` writes it.

    Examples
    --------
    >>> import orjson
    >>> chunks = [[{"a": [1, {}]}, {}], [], [{"b": 1e-05}]]
    >>> mine = b"".join(_json_items(chunks, orjson, numbers=True, errors="strict"))
    >>> mine == b"".join(_json_array(chunks, indent=2, depth=2))
    True
    """
    option = orjson.OPT_INDENT_2
    first = True
    k = _FIRST_PIECE
    for chunk in chunks:
        at = 0
        while at < len(chunk):
            part = chunk if at == 0 and k >= len(chunk) else chunk[at : at + k]
            try:
                out = orjson.dumps([part], option=option)  # b"[\n  [" items b"\n  ]\n]"
            except (TypeError, ValueError, OverflowError):
                out = b""
            if out and (
                not numbers
                or (b"null" not in out and b"0.0000" not in out and not _digit_e_minus(out))
            ):
                if first:
                    yield out[4:-6]  # the opening bracket and the items
                else:
                    yield b","
                    yield out[5:-6]
            else:
                out = _json_bytes(part, 2, None, numbers=numbers, errors=errors)
                body = out[1:-2].replace(b"\n", b"\n  ")
                yield (b"[" if first else b",") + body
            first = False
            at += len(part)
            k = _next_piece(len(part), len(out))
    yield b"[]" if first else b"\n  ]"


def _node_objects(batch: list[tuple[Any, Mapping[str, Any]]], owned: bool) -> list[Any]:
    """The node-link objects of nodes: each one's attributes and ``id`` (``owned``: the
    dicts are the reader's to change, see :class:`_Records`)."""
    if not owned:
        return [{**d, "id": n} for n, d in batch]
    for n, d in batch:
        d["id"] = n  # type: ignore[index]
    return list(map(itemgetter(1), batch))


def _edge_objects(batch: list[tuple[Any, Any, Any, Mapping[str, Any]]], owned: bool) -> list[Any]:
    """The node-link objects of edges: each one's attributes, ``source``, ``target`` and
    ``key`` (``owned`` as for :func:`_node_objects`)."""
    if not owned:
        return [{**d, "source": u, "target": v, "key": k} for u, v, k, d in batch]
    out = []
    for u, v, k, d in batch:
        if type(d) is dict:
            d["source"] = u
            d["target"] = v
            d["key"] = k
            out.append(d)
        else:
            out.append({**d, "source": u, "target": v, "key": k})
    return out


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
        out.add_nodes_from([(n, attrs)])  # not add_node(n, **attrs): a name may be its own
    for u, v, key, data in G.edges(keys=True, data=True):
        rest = dict(data)
        eid, original = ident(key, rest)
        attrs = {}
        for name, val in rest.items():
            tag = edge_tags.get((name, eid))
            attrs[_unescape(name)] = _read_value(val, tag) if tag else val
        for name in empty_edges.get(eid, ()):
            attrs[_unescape(name)] = ""
        if out.has_edge(u, v, original):  # two edges of one key (two ids): one would be lost
            raise _edge_twice(u, v, original)
        out.add_edges_from([(u, v, original, attrs)])
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


class _NodeIds:
    """The ids of a graph file's nodes as they are read: a second node with an id already
    read is refused (``duplicate-id``), where a graph reader would silently merge the two
    into one node (a unit and an organization named alike, say), losing one of them."""

    __slots__ = ("seen",)

    def __init__(self) -> None:
        self.seen: set[object] = set()

    def add(self, ident: object) -> None:
        try:
            known = ident in self.seen
        except TypeError:  # an id of no hashable kind: the graph reader refuses it
            return
        if known:
            raise SpecError(
                [
                    Problem(
                        "duplicate-id",
                        f"nodes[{shown(ident)}]",
                        f"two nodes have the id {shown(ident)}; each entity needs its own",
                    )
                ]
            )
        self.seen.add(ident)


class _GraphMLCounter:
    """Counts the entities of a GraphML document as its elements end (see
    :class:`~govmodel.graph.EntityCounter`): ``<key>`` elements name the data keys of
    ``entity`` and ``relation`` (and their defaults); each ``<node>`` and ``<edge>`` is
    counted by its data under them."""

    def __init__(self, limit: int) -> None:
        self.counter = EntityCounter(limit)
        self.keys: dict[str, dict[str, str | None]] = {"node": {}, "edge": {}}
        self.nodes = _NodeIds()

    def __call__(self, elem: Any) -> None:
        tag = _local(elem.tag)
        if tag == "node" or tag == "edge":
            if tag == "node":
                self.nodes.add(elem.get("id"))
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
        self.nodes = _NodeIds()

    def __call__(self, elem: Any) -> None:
        tag = _local(elem.tag)
        if tag == "node" or tag == "edge":
            if tag == "node":
                self.nodes.add(elem.get("id"))
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
    safe = {"forbid_dtd": True, "forbid_entities": True, "forbid_external": True}
    try:
        # text is read as its characters, whatever encoding its declaration names (the
        # encoding of a file it was decoded from): it is parsed as the UTF-8 it is sent as
        parser = (
            det.DefusedXMLParser(target=det._TreeBuilder(), encoding="utf-8", **safe)
            if isinstance(data, str)
            else None
        )
        events = det.iterparse(_GrowingChunks(raw), events=("end",), parser=parser, **safe)
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


def _nx_failure(what: str, exc: Exception) -> SpecError:
    detail = f"{type(exc).__name__}: {exc}"
    return SpecError(
        [Problem(f"invalid-{what.lower()}", "$", f"not a valid {what} graph ({detail})")]
    )


def _too_nested(what: str, nesting: str) -> SpecError:
    return SpecError(
        [
            Problem(
                "too-deep",
                "$",
                f"the {what} file nests {nesting} too deeply to read (hundreds of levels)",
            )
        ]
    )


_INTEGER: Final = re.compile(r"[ \t\r\n]*[+-]?[0-9]+[ \t\r\n]*")


def _owner(elem: Any) -> str:
    """The path of the node, edge or graph a GraphML ``<data>`` or GEXF ``<attvalue>`` is of,
    refusing a node without an id and an edge without both ends."""
    tag = _local(elem.tag)
    if tag == "node":
        ident = elem.get("id")
        if ident is None:
            raise SpecError([Problem(f"invalid-{_format(elem)}", "$", "a <node> has no id")])
        return f"nodes[{shown(ident)}]"
    if tag == "edge":
        source, target = elem.get("source"), elem.get("target")
        if source is None or target is None:
            end = "source" if source is None else "target"
            shown_end = f"to {shown(target)}" if source is None else f"from {shown(source)}"
            raise SpecError(
                [Problem(f"invalid-{_format(elem)}", "$", f"an <edge> {shown_end} has no {end}")]
            )
        return f"edges[{shown(source)},{shown(target)}]"
    return "graph"


def _check_owner(elem: Any) -> Any:
    """``elem``, a node, edge or graph, once it is checked as :func:`_owner` checks it; its
    path is made only for a message (:func:`_where`), not for every element read."""
    tail = elem.tag[-5:]
    if tail == "}node":
        if elem.get("id") is None:
            _owner(elem)
    elif tail == "}edge" and (elem.get("source") is None or elem.get("target") is None):
        _owner(elem)
    return elem


def _where(owner: Any) -> str:
    """The path of ``owner``: a path already, or an element of :func:`_check_owner`."""
    return owner if isinstance(owner, str) else _owner(owner)


def _format(elem: Any) -> str:
    return "graphml" if str(elem.tag).startswith(_GRAPHML_NS) else "gexf"


def _typed(owner: Any, name: object, declared: str, kind: type, text: str | None) -> object:
    """``text``, the value of attribute ``name`` of ``owner``, read as its key's type
    (``declared``, read as the Python type ``kind``); a value that type does not read, or
    none at all, is refused (``wrong-type``) rather than read as another type.

    Integers are optionally signed ASCII digits (XML Schema's ``long``, without Python's
    underscores and other scripts' digits); booleans ``true``, ``false``, ``1`` or ``0``;
    either between XML spaces, which XML Schema's types collapse.
    """
    if kind is str:
        return "" if text is None else text
    kind = _KINDS.get(kind) or _kind(kind)
    if text is not None:
        try:
            if kind is bool:
                return _BOOLEANS[text.strip(" \t\r\n").lower()]
            if kind is int and _INTEGER.fullmatch(text):
                return int(text)
            if kind is float and text.isascii() and "_" not in text:
                return float(text)
        except (KeyError, ValueError):  # not a boolean; more digits than int() reads
            pass
    why = "an empty value" if text is None else f"the value {shown(text)}"
    raise SpecError(
        [
            Problem(
                "wrong-type",
                _at(owner, name),
                f"{why} is not a {declared}, the type declared for it",
            )
        ]
    )


def _at(owner: Any, name: object) -> str:
    """The path of attribute ``name`` of ``owner`` (``nodes['c1'].households``), a path or
    an element (see :func:`_where`)."""
    return _where(owner) + (json_path(name)[1:] if isinstance(name, str) else f"[{shown(name)}]")


def _kind(kind: type) -> type:
    """``bool``, ``int`` or ``float`` for a type networkx reads a value as (numpy's too:
    networkx reads GEXF's ``int`` as one of numpy's integers)."""
    if kind is bool:
        return bool
    got = int if issubclass(kind, Integral) else float
    _KINDS[kind] = got
    return got


_KINDS: dict[type, type] = {bool: bool, int: int, float: float}
_BOOLEANS: Final = {"true": True, "false": False, "1": True, "0": False}


class _Adding:
    """A graph whose ``add_node`` and ``add_edge`` take any attribute names, for networkx's
    readers: they pass a node's or an edge's attributes as keywords, which fails on a valid
    attribute named as a parameter of those methods (``self``, ``node_for_adding``,
    ``u_for_edge``, ``v_for_edge``). Anything else is the graph's."""

    __slots__ = ("G",)
    G: Any

    def __init__(self, G: Any) -> None:
        self.G = G.G if isinstance(G, _Adding) else G

    def __getattr__(self, name: str) -> Any:
        return getattr(self.G, name)

    def add_node(self, node: Any, /, **attr: Any) -> None:
        self.G.add_nodes_from([(node, attr)])

    def add_edge(self, u: Any, v: Any, /, key: Any = None, **attr: Any) -> None:
        self.G.add_edges_from([(u, v, key, attr)])


def _nested_graphs(elem: Any) -> None:
    """Refuse a GraphML ``<node>`` or ``<edge>`` holding a ``<graph>`` networkx would not
    read: any, in an edge or a node that is no yFiles group; a second, in a group (whose
    first networkx reads, its nodes and edges added to the graph)."""
    graphs = elem.findall(f"{_GRAPHML_NS}graph")
    group = elem.get("yfiles.foldertype") == "group"
    if len(graphs) > group:
        tag = _local(elem.tag)
        what = (
            "a second <graph>"
            if group
            else "a <graph> (a nested graph), but is no yFiles group"
            if tag == "node"
            else "a <graph> (a nested graph)"
        )
        raise SpecError(
            [
                Problem(
                    "invalid-graphml",
                    _owner(elem),
                    f"the <{tag}> holds {what}: its nodes and edges would be lost",
                )
            ]
        )


def _nested_gexf(node: Any, ns: str) -> None:
    """Refuse a GEXF ``<node>`` holding what networkx would leave out: a second ``<nodes>``
    (it reads the first, each of its nodes with this one as ``pid``), or ``<edges>`` (a
    graph's edges are in its one ``<edges>``)."""
    for tag, most in (("nodes", 1), ("edges", 0)):
        if len(node.findall(f"{{{ns}}}{tag}")) > most:
            what = "a second <nodes>" if most else "<edges>"
            raise SpecError(
                [
                    Problem(
                        "invalid-gexf",
                        f"nodes[{shown(node.get('id'))}]",
                        f"the <node> holds {what}: its {tag[:-1]}s would be lost",
                    )
                ]
            )


def _graphml_reader() -> Any:
    """A networkx ``GraphMLReader`` that refuses what it would read wrong without a word:
    a key declared twice or of an unknown type, a value given twice to one node, edge or
    graph (two ``<data>`` of one key or of two keys of one name), a value its key's type does
    not read (an empty one included), markup in a value, a node without an id and an edge
    without both ends, and a ``<graph>`` nested in a node that is no yFiles group (or a
    second one in a group), which networkx would leave out — each a :class:`SpecError`
    naming where; and, where networkx would fail with its own words, a key without
    ``attr.name`` and a ``<hyperedge>``. A key without ``attr.type`` is of strings, as
    networkx reads it (without its warning). (A yFiles group's ``<graph>`` is read as
    networkx reads it: its nodes and edges are the graph's.)"""
    from networkx.readwrite.graphml import GraphMLReader

    class Reader(GraphMLReader):  # type: ignore[misc]
        def find_graphml_keys(self, graph_element: Any) -> Any:
            seen: set[str | None] = set()
            self.declared: dict[str | None, str] = {}
            self.yfiles: set[str | None] = set()
            for k in graph_element.findall(f"{_GRAPHML_NS}key"):
                ident = k.get("id")
                if ident in seen:
                    raise SpecError(
                        [
                            Problem(
                                "duplicate-id",
                                f"keys[{shown(ident)}]",
                                f"two <key> elements have the id {shown(ident)}",
                            )
                        ]
                    )
                seen.add(ident)
                declared = k.get("attr.type")
                if declared is None:  # but not an empty one, which networkx cannot read
                    declared = "string"
                if k.get("yfiles.type") is not None:
                    self.yfiles.add(ident)
                elif k.get("attr.name") is None:
                    raise SpecError(
                        [
                            Problem(
                                "invalid-graphml",
                                f"keys[{shown(ident)}]",
                                "the <key> has no attr.name: its values would be of no attribute",
                            )
                        ]
                    )
                elif declared not in self.python_type:
                    raise SpecError(
                        [
                            Problem(
                                "invalid-graphml",
                                f"keys[{shown(ident)}]",
                                f"the key's attr.type {shown(declared)} is none of GraphML's "
                                f"({', '.join(sorted(self.python_type))})",
                            )
                        ]
                    )
                self.declared[ident] = declared
                default = k.find(f"{_GRAPHML_NS}default")
                if default is not None and ident not in self.yfiles:
                    kind = self.python_type[declared]
                    _typed(f"keys[{shown(ident)}]", "default", declared, kind, default.text)
            with warnings.catch_warnings():  # a key without attr.type: a string, said here
                warnings.filterwarnings("ignore", "No key type for id", UserWarning)
                return super().find_graphml_keys(graph_element)

        def make_graph(self, graph_xml: Any, *args: Any, **kwargs: Any) -> Any:
            hyperedge = graph_xml.find(f"{_GRAPHML_NS}hyperedge")
            if hyperedge is not None:
                ends = [e.get("node") for e in hyperedge.iterfind(f"{_GRAPHML_NS}endpoint")]
                ident = hyperedge.get("id")
                raise SpecError(
                    [
                        Problem(
                            "invalid-graphml",
                            f"hyperedges[{shown(ident) if ident is not None else 0}]",
                            f"a <hyperedge> (of {len(ends)} endpoints"
                            f"{': ' + ', '.join(map(shown, ends[:5])) if ends else ''}"
                            f"{' …' if len(ends) > 5 else ''}): a govmodel graph's edges "
                            "have two ends, a source and a target",
                        )
                    ]
                )
            args = tuple(a.G if isinstance(a, _Adding) else a for a in args)  # a group node's
            return super().make_graph(graph_xml, *args, **kwargs)

        def add_node(self, G: Any, *args: Any) -> None:
            _nested_graphs(args[0])
            super().add_node(_Adding(G), *args)

        def add_edge(self, G: Any, *args: Any) -> None:
            _nested_graphs(args[0])
            super().add_edge(G, *args)

        def decode_data_elements(self, graphml_keys: Any, obj_xml: Any) -> dict[Any, Any]:
            owner = _check_owner(obj_xml)
            data: dict[Any, Any] = {}
            yfiles = []
            for element in obj_xml.findall(f"{_GRAPHML_NS}data"):
                key = element.get("key")
                if key in self.yfiles:
                    yfiles.append(element)
                    continue
                if key not in graphml_keys:
                    raise SpecError(
                        [
                            Problem(
                                "invalid-graphml",
                                _where(owner),
                                f"a <data> of the key {shown(key)}, which no <key> declares",
                            )
                        ]
                    )
                name = graphml_keys[key]["name"]
                if name in data:
                    raise SpecError(
                        [
                            Problem(
                                "duplicate-key",
                                _at(owner, name),
                                f"attribute {shown(name)} is given twice",
                            )
                        ]
                    )
                if len(element):
                    raise SpecError(
                        [
                            Problem(
                                "invalid-graphml",
                                _at(owner, name),
                                "the value holds an element (markup), not only text",
                            )
                        ]
                    )
                kind, text = graphml_keys[key]["type"], element.text
                if kind is str:
                    data[name] = "" if text is None else text
                else:
                    data[name] = _typed(owner, name, self.declared[key], kind, text)
            if yfiles:  # yEd's graphics: networkx reads their labels and positions
                graphics = obj_xml.makeelement(obj_xml.tag, {})
                graphics.extend(yfiles)
                data.update(super().decode_data_elements(graphml_keys, graphics))
            return data

    return Reader(node_type=str, edge_key_type=str, force_multigraph=True)


def _no_merged_edges(
    G: nx.MultiDiGraph, edges: Sequence[Any], key_of: Callable[[Any], object]
) -> None:
    """Refuse (``duplicate-id``) two of ``edges`` (the file's edge records) with one source,
    target and key, which networkx merges into one edge (the second's attributes replacing
    the first's), so that one of them is lost without a word; ``key_of`` is an edge record's
    key as the reader takes it (``None``: networkx gives it one of its own)."""
    if G.number_of_edges() >= len(edges):
        return
    seen: set[tuple[object, object, object]] = set()
    for e in edges:
        source, target, key = e.get("source"), e.get("target"), key_of(e)
        if key is None:
            continue
        try:
            known = (source, target, key) in seen
        except TypeError:  # an unhashable key: the reader has refused it
            continue
        if known:
            raise _edge_twice(source, target, key)
        seen.add((source, target, key))


def _edge_twice(source: object, target: object, key: object) -> SpecError:
    return SpecError(
        [
            Problem(
                "duplicate-id",
                f"edges[{shown(source)},{shown(target)},{shown(key)}]",
                f"two edges from {shown(source)} to {shown(target)} have the key "
                f"{shown(key)}; each needs its own",
            )
        ]
    )


class _Times(dict):  # type: ignore[type-arg]
    """networkx's GEXF types by name, which refuse a time type (``timeformat``) they lack
    (``None`` when the graph has none), where networkx said ``KeyError: None``; read when
    a node or edge has a ``start``, an ``end``, spells or dynamic values."""

    def __missing__(self, key: object) -> type:
        raise SpecError(
            [
                Problem(
                    "invalid-gexf",
                    "$",
                    "times (start, end, spells or dynamic values) in a graph whose timeformat "
                    f"is {shown(key)}, none of GEXF's ({', '.join(sorted(self))})",
                )
            ]
        )


def _gexf_reader() -> Any:
    """A networkx ``GEXFReader`` that refuses what it would read wrong without a word: an
    attribute id declared twice in a class or of an unknown type, a static value given twice
    to one node or edge (two ``<attvalue>`` of one attribute or of two attributes of one
    title), a value its attribute's type does not read (a missing one included, which
    networkx read as the string ``'None'``), and times (``start``, ``end``, spells, dynamic
    values) in a graph without a ``timeformat``, and an edge ``weight`` or a node's ``viz``
    value that is not a number (where networkx failed with its own words), ``<attributes>``
    of a class other than ``node`` and ``edge`` (where it failed with a bare ``raise``), and
    a node holding ``<edges>`` or a second ``<nodes>`` (which networkx would leave out) —
    each a :class:`SpecError` naming where. (Nodes in a node's ``<nodes>`` are read as
    networkx reads them: each with its parent's id as ``pid``.)"""
    from networkx.readwrite.gexf import GEXFReader

    class Reader(GEXFReader):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.python_type = _Times(self.python_type)  # type: ignore[has-type]

        def make_graph(self, graph_xml: Any) -> Any:
            for a in graph_xml.findall(f"{{{self.NS_GEXF}}}attributes"):
                what = a.get("class")
                if what not in ("node", "edge"):  # networkx failed with a bare `raise`
                    raise SpecError(
                        [
                            Problem(
                                "invalid-gexf",
                                f"attributes[{shown(what)}]",
                                f"<attributes> of the class {shown(what)}, neither of GEXF's "
                                "('node', 'edge')",
                            )
                        ]
                    )
            return super().make_graph(graph_xml)

        def find_gexf_attributes(self, attributes_element: Any) -> Any:
            seen: set[str | None] = set()
            what = attributes_element.get("class")
            for k in attributes_element.findall(f"{{{self.NS_GEXF}}}attribute"):
                ident = k.get("id")
                at = f"attributes[{shown(what)}][{shown(ident)}]"
                if ident in seen:
                    raise SpecError(
                        [Problem("duplicate-id", at, f"two attributes have the id {shown(ident)}")]
                    )
                seen.add(ident)
                declared = k.get("type")
                if declared not in self.python_type:
                    raise SpecError(
                        [
                            Problem(
                                "invalid-gexf",
                                at,
                                f"the attribute's type {shown(declared)} is none of GEXF's "
                                f"({', '.join(sorted(self.python_type))})",
                            )
                        ]
                    )
                default = k.find(f"{{{self.NS_GEXF}}}default")
                if default is not None:
                    _typed(at, "default", declared, self.python_type[declared], default.text)
            return super().find_gexf_attributes(attributes_element)

        def add_viz(self, data: Any, node_xml: Any) -> Any:
            try:
                return super().add_viz(data, node_xml)
            except (ValueError, TypeError):  # int('x'), float(None) …: said at the node
                owner = _owner(node_xml)
                raise SpecError(
                    [
                        Problem(
                            "wrong-type",
                            f"{owner}.viz",
                            "a <viz:color>, <viz:size>, <viz:thickness> or <viz:position> "
                            "value is missing or not a number",
                        )
                    ]
                ) from None

        def add_edge(self, G: Any, edge_element: Any, edge_attr: Any) -> None:
            weight = edge_element.get("weight")
            if weight is not None:
                try:
                    float(weight)  # as networkx reads it
                except ValueError:
                    owner = _owner(edge_element)
                    raise SpecError(
                        [
                            Problem(
                                "wrong-type",
                                f"{owner}.weight",
                                f"the edge's weight {shown(weight)} is not a number",
                            )
                        ]
                    ) from None
            super().add_edge(_Adding(G), edge_element, edge_attr)

        def add_node(self, G: Any, *args: Any, **kwargs: Any) -> None:
            _nested_gexf(args[0], self.NS_GEXF)
            super().add_node(_Adding(G), *args, **kwargs)

        def decode_attr_elements(self, gexf_keys: Any, obj_xml: Any) -> dict[Any, Any]:
            owner = _check_owner(obj_xml)
            attr: dict[Any, Any] = {}
            values = obj_xml.find(f"{{{self.NS_GEXF}}}attvalues")
            if values is None:
                return attr
            for a in values.findall(f"{{{self.NS_GEXF}}}attvalue"):
                key = a.get("for")
                if key not in gexf_keys:
                    raise SpecError(
                        [
                            Problem(
                                "invalid-gexf",
                                _where(owner),
                                f"a value of the attribute id {shown(key)}, which no "
                                "<attribute> declares",
                            )
                        ]
                    )
                spec = gexf_keys[key]
                title, declared, text = spec["title"], spec["type"], a.get("value")
                if title == "key" and _local(obj_xml.tag) == "edge":  # networkx: a TypeError
                    raise SpecError(
                        [
                            Problem(
                                "invalid-gexf",
                                _at(owner, title),
                                "an edge attribute titled 'key', the name networkx gives the "
                                "edge's key (govmodel writes the key as 'networkx_key')",
                            )
                        ]
                    )
                if text is None:  # networkx read the string 'None'
                    raise SpecError(
                        [
                            Problem(
                                "wrong-type",
                                _at(owner, title),
                                f"no value (its attribute's type is {declared})",
                            )
                        ]
                    )
                kind = self.python_type[declared]
                value = text if kind is str else _typed(owner, title, declared, kind, text)
                if spec["mode"] == "dynamic":  # a timeformat networkx does not know: _Times
                    kind = self.python_type[self.timeformat]
                    value_at = _at(owner, title)  # the value's times, not its node's
                    start = _typed(value_at, "start", self.timeformat, kind, a.get("start"))
                    end = _typed(value_at, "end", self.timeformat, kind, a.get("end"))
                    attr.setdefault(title, []).append((value, start, end))
                elif title in attr:
                    raise SpecError(
                        [
                            Problem(
                                "duplicate-key",
                                _at(owner, title),
                                f"attribute {shown(title)} is given twice",
                            )
                        ]
                    )
                else:
                    attr[title] = value
            return attr

    return Reader(node_type=None, version="1.2draft")


# =============================================================================================
# GraphML
# =============================================================================================


def _json_at(text: str, limits: Limits, path: str) -> Any:
    """JSON ``text`` read by :func:`~govmodel.io.native.parse_json`, its problems' paths put
    under ``path``, where the text is in the file (``meta.description.govmodel``)."""
    try:
        return parse_json(text, limits)
    except SpecError as exc:
        raise SpecError(
            [Problem(p.code, path + p.path[1:], p.message) for p in exc.problems]
        ) from None


def _graph_to_graphml(G: nx.MultiDiGraph) -> bytes:
    """The GraphML document of a govmodel graph (see :func:`export_graphml`)."""
    return _deliver(_graphml(_Records.of_graph(G)), None)


def _graphml_to_graph(data: str | bytes, limits: Limits) -> nx.MultiDiGraph:
    root = _xml_root(data, limits, "GraphML", _GraphMLCounter(limits.max_entities))
    reader = _graphml_reader()
    try:
        keys, defaults = reader.find_graphml_keys(root)
        graphs = [reader.make_graph(g, keys, defaults) for g in root.findall(f"{_GRAPHML_NS}graph")]
    except SpecError:
        raise
    except RecursionError:  # networkx reads nested groups by recursion
        raise _too_nested("GraphML", "<graph> in <node>") from None
    except Exception as exc:  # networkx raises KeyError, ValueError, NetworkXError …
        raise _nx_failure("GraphML", exc) from None
    if len(graphs) != 1:
        raise SpecError(
            [Problem("invalid-graphml", "$", f"expected one <graph>, found {len(graphs)}")]
        )
    G = graphs[0]
    if not G.is_directed():
        raise SpecError([Problem("invalid-graphml", "$", "a govmodel graph is directed")])
    key_data = [k for k, v in keys.items() if v["name"] == "key"]

    def edge_key(e: Any) -> object:  # networkx's: the id, else the data named "key"
        if e.get("id"):
            return e.get("id")
        return next((d.text for d in e.iterfind(_DATA) if d.get("key") in key_data), None)

    edges = [e for g in root.iterfind(f"{_GRAPHML_NS}graph") for e in g.iterfind(_EDGE)]
    _no_merged_edges(G, edges, edge_key)
    graph = {
        k: v
        for k, v in G.graph.items()
        if k not in ("node_default", "edge_default", TYPES_ATTRIBUTE)
    }
    raw_table = G.graph.get(TYPES_ATTRIBUTE)
    where = f"graph[{shown(TYPES_ATTRIBUTE)}]"
    table = _json_at(raw_table, limits, where) if isinstance(raw_table, str) else {}

    def ident(key: object, d: dict[str, Any]) -> tuple[str, object]:
        return str(key), d.pop("key", key)

    return _restore(G, table, graph, ident=ident, drop_node=_NO_NAMES)


def export_graphml(structure: Structure, path: str | os.PathLike[str] | None = None) -> bytes:
    """A structure's graph as GraphML (UTF-8 bytes); with ``path``, streamed to that file.

    The document is written a batch of nodes or edges at a time, straight from the
    structure (no networkx graph, no document tree), in the layout of networkx's
    ``write_graphml``.

    Parameters
    ----------
    structure
        The structure; its graph is :func:`govmodel.to_graph`.
    path
        Where to write the file, if anywhere: through a temporary file renamed at the end
        (see :func:`govmodel.io.native.atomic_write`), so that a failed export leaves the
        old file as it was.

    Returns
    -------
    bytes
        The GraphML document, typed keys for every attribute (see the module's
        documentation for the type table); ``b""`` when it was written to ``path``, so that
        it is never held in memory whole.

    Raises
    ------
    SpecError
        What :func:`govmodel.to_graph` refuses, and ``unrepresentable`` for an attribute name
        or node id holding characters XML cannot.

    Examples
    --------
    >>> import govmodel, os, tempfile
    >>> from govmodel.io.graphfiles import export_graphml
    >>> s = govmodel.datasets.load("xihu")
    >>> export_graphml(s).startswith(b"<?xml")
    True
    >>> with tempfile.TemporaryDirectory() as d:
    ...     export_graphml(s, os.path.join(d, "xihu.graphml"))
    b''
    """
    with gc_paused():
        return _deliver(_graphml(_Records.of_structure(structure)), path, structure)


def import_graphml(
    data: str | bytes, *, validate: bool = True, limits: Limits | None = None
) -> Structure:
    """A structure from a GraphML document written by :func:`export_graphml` (or alike).

    Parameters
    ----------
    data
        The document, as text or bytes: text is read as its characters, whatever encoding
        its XML declaration names (that of the file it was decoded from); bytes in the
        encoding they declare (UTF-8 without a declaration).
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
    """The GEXF document of a govmodel graph (see :func:`export_gexf`)."""
    return _deliver(_gexf(_Records.of_graph(G)), None)


def _gexf_to_graph(data: str | bytes, limits: Limits) -> nx.MultiDiGraph:
    root = _xml_root(data, limits, "GEXF", _GEXFCounter(limits.max_entities))
    reader = _gexf_reader()
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
    # networkx reads the first <graph>, and its first <nodes> and <edges>: the rest would be
    # lost without a word
    for where, tag in ((root, "graph"), (graph_xml, "nodes"), (graph_xml, "edges")):
        found = len(where.findall(f"{{{ns}}}{tag}"))
        if found > 1:
            within = "in the GEXF file" if tag == "graph" else "in the <graph>"
            raise SpecError(
                [Problem("invalid-gexf", "$", f"expected one <{tag}> {within}, found {found}")]
            )
    reader.simple_graph = False  # keep the multigraph and its keys
    try:
        G = reader.make_graph(graph_xml)
    except SpecError:
        raise
    except RecursionError:  # networkx reads a node's <nodes> by recursion
        raise _too_nested("GEXF", "<nodes> in <node>") from None
    except Exception as exc:  # networkx raises KeyError, ValueError, NetworkXError …
        raise _nx_failure("GEXF", exc) from None
    if not G.is_directed():
        raise SpecError([Problem("invalid-gexf", "$", "a govmodel graph is directed")])
    key_ids = {
        a.get("id")
        for group in graph_xml.iterfind(f"{{{ns}}}attributes")
        if group.get("class") == "edge"
        for a in group.iterfind(f"{{{ns}}}attribute")
        if a.get("title") == "networkx_key"
    }

    def edge_key(e: Any) -> object:  # networkx's: the attribute networkx_key, else the id
        for a in e.iterfind(f"{{{ns}}}attvalues/{{{ns}}}attvalue"):
            if a.get("for") in key_ids:
                return a.get("value")
        return e.get("id")

    _no_merged_edges(G, graph_xml.findall(f"{{{ns}}}edges/{{{ns}}}edge"), edge_key)
    graph: dict[str, Any] = {}
    table: Any = {}
    description = root.find(f"{{{ns}}}meta/{{{ns}}}description")
    meta = _gexf_meta(description.text, limits) if description is not None else None
    if meta is not None:
        graph, table = meta
    elif G.graph.get("name"):
        graph = {"name": G.graph["name"]}

    def ident(key: object, d: dict[str, Any]) -> tuple[str, object]:
        return str(d.pop("id", key)), key

    return _restore(G, table, graph, ident=ident, drop_node=frozenset({"label"}))


_DESCRIPTION_PATH: Final = "meta.description"
# how export_gexf's description starts: a JSON object whose first member is "govmodel"
_GOVMODEL_DESCRIPTION: Final = re.compile(r'[ \t\r\n]*\{[ \t\r\n]*"govmodel"[ \t\r\n]*:')


def _gexf_meta(text: str | None, limits: Limits) -> tuple[dict[str, Any], Any] | None:
    """The graph attributes and the type table of a GEXF ``<meta><description>``, or
    ``None`` when the description is not govmodel's (none, or another tool's free text):
    then the file is read as one without a description.

    A description is govmodel's when it is a JSON object with a member ``"govmodel"``, or
    starts as :func:`export_gexf` writes it (``{"govmodel":``); such a description that is
    not JSON, or whose ``govmodel``, ``graph`` or ``types`` is not a JSON object, is refused
    (``invalid-gexf``, ``invalid-types`` for the table) at ``meta.description``, rather than
    dropped (the graph then read without its attributes and types). govmodel's description
    is read as strictly as a JSON file (:func:`~govmodel.io.native.parse_json` under
    ``limits``): a key given twice in one object, or nesting deeper than ``max_depth``, is
    refused at its path under ``meta.description``, not read as the last value given.
    """
    if not text:
        return None
    claimed = _GOVMODEL_DESCRIPTION.match(text) is not None
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError) as exc:
        if not claimed:
            return None
        why = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise SpecError(
            [
                Problem(
                    "invalid-gexf",
                    _DESCRIPTION_PATH,
                    'the description starts as govmodel\'s ({"govmodel": …) but is not '
                    f"JSON ({why})",
                )
            ]
        ) from None
    if not isinstance(doc, dict) or "govmodel" not in doc:
        if claimed:  # JSON that is no object (a member given twice, say, is read)
            raise SpecError(
                [
                    Problem(
                        "invalid-gexf",
                        _DESCRIPTION_PATH,
                        f"govmodel's description is a JSON object, not {_json_kind(doc)}",
                    )
                ]
            )
        return None
    doc = _json_at(text, limits, _DESCRIPTION_PATH)
    entry = doc["govmodel"]
    if not isinstance(entry, dict):
        raise SpecError(
            [
                Problem(
                    "invalid-gexf",
                    f"{_DESCRIPTION_PATH}.govmodel",
                    f"the description's 'govmodel' is an object, not {_json_kind(entry)}",
                )
            ]
        )
    graph = entry.get("graph", {})
    if not isinstance(graph, dict):
        raise SpecError(
            [
                Problem(
                    "invalid-gexf",
                    f"{_DESCRIPTION_PATH}.govmodel.graph",
                    f"the graph attributes are an object, not {_json_kind(graph)}",
                )
            ]
        )
    table = entry.get("types", {})
    if not isinstance(table, dict):
        raise SpecError(
            [
                Problem(
                    "invalid-types",
                    f"{_DESCRIPTION_PATH}.govmodel.types",
                    f"the type table is an object, not {_json_kind(table)}",
                )
            ]
        )
    return graph, table


def export_gexf(structure: Structure, path: str | os.PathLike[str] | None = None) -> bytes:
    """A structure's graph as GEXF 1.2 (UTF-8 bytes); with ``path``, streamed to that file.

    Node labels are the entities' names (their ids when unnamed); the graph attributes and
    the type table travel as JSON in ``<meta><description>``. Written like
    :func:`export_graphml` (which see for ``path`` and the errors), in the layout of
    networkx's ``write_gexf``; the ``<creator>`` is govmodel. With ``path`` the return
    value is ``b""``.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.io.graphfiles import export_gexf, import_gexf
    >>> s = govmodel.datasets.load("jinfeng")
    >>> import_gexf(export_gexf(s)) == s
    True
    """
    with gc_paused():
        return _deliver(_gexf(_Records.of_structure(structure)), path, structure)


def import_gexf(
    data: str | bytes, *, validate: bool = True, limits: Limits | None = None
) -> Structure:
    """A structure from a GEXF document written by :func:`export_gexf`.

    Parsed as safely as :func:`import_graphml` (which see for the errors). The graph
    attributes and the type table are read from a ``<meta><description>`` that is govmodel's
    (a JSON object with a member ``"govmodel"``, or text starting ``{"govmodel":``); such a
    description that is malformed is refused at ``meta.description`` (``invalid-gexf``, or
    ``invalid-types`` for the table). Any other description (another tool's free text, as
    Gephi writes) is not govmodel's: the file is read as one without a description.

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
    The text is that of ``json.dumps(node_link_data(G), ensure_ascii=False, indent=indent)``
    and a newline, written a batch of nodes or edges at a time (with orjson, where installed, for
    ``indent=2``); with ``path`` it is streamed to that file as :func:`export_graphml`
    writes, and ``""`` is returned.

    Examples
    --------
    >>> import json, govmodel
    >>> from govmodel.io.graphfiles import export_node_link
    >>> doc = json.loads(export_node_link(govmodel.datasets.load("chengdu")))
    >>> sorted(doc)
    ['directed', 'edges', 'graph', 'multigraph', 'nodes']
    """
    with gc_paused():
        records = _Records.of_structure(structure)
        if path is not None:
            _deliver(_node_link(records, indent, "strict"), path, structure)
            return ""
        pieces = _node_link(records, indent, "surrogatepass")
        text = _deliver(pieces, None, structure, errors="surrogatepass")
        return text.decode("utf-8", "surrogatepass")


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dict):
        return "an object"
    return "a string" if isinstance(value, str) else "a list"


def _holds_container(value: list[Any]) -> bool:
    """Whether a JSON list holds a list or an object (networkx makes a list a tuple, one
    level deep for an edge's ends, which leaves such a tuple unhashable)."""
    return any(isinstance(v, list | dict) for v in value)


def _node_link_record(record: object, path: str, what: str, fields: tuple[str, ...]) -> None:
    """Refuse a node or edge record that networkx would fail on with an internal error (not
    an object; an edge's source or target missing; an unhashable id, end or key), or read
    wrong (a node without an id, which it numbers), naming the record."""
    if not isinstance(record, dict):
        raise SpecError(
            [Problem("invalid-node-link", path, f"{what} is an object, not {_json_kind(record)}")]
        )
    for field in fields:
        if field not in record:
            if field == "key":
                continue
            raise SpecError(
                [Problem("invalid-node-link", f"{path}.{field}", f"{what} needs {field!r}")]
            )
        value = record[field]
        if isinstance(value, dict) or (
            # networkx refuses a null node, and a list (read as a tuple) holding a container
            field != "key"
            and (value is None or (isinstance(value, list) and _holds_container(value)))
        ):
            kind = "an object" if isinstance(value, dict) else _json_kind(value)
            raise SpecError(
                [
                    Problem(
                        "wrong-type",
                        f"{path}.{field}",
                        f"{what}'s {field!r} is a string, not {kind}",
                    )
                ]
            )
        if field == "key" and isinstance(value, list):
            raise SpecError(
                [Problem("wrong-type", f"{path}.key", f"{what}'s 'key' is a string, not a list")]
            )


#: The attribute under which :func:`import_node_link` has networkx carry a record's attributes.
_WRAPPED: Final = "govmodel:record"


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
    for flag in ("directed", "multigraph"):
        if not isinstance(doc.get(flag, True), bool):
            raise SpecError(
                [
                    Problem(
                        "invalid-node-link",
                        f"$.{flag}",
                        f"'{flag}' is true or false, not {_json_kind(doc[flag])}",
                    )
                ]
            )
    if doc.get("directed") is False:
        raise SpecError(
            [Problem("invalid-node-link", "$.directed", "a govmodel graph is directed")]
        )
    if "edges" in doc and doc.get("links"):  # read as no edges, as when 'links' is alone
        raise SpecError(
            [
                Problem(
                    "invalid-node-link",
                    "$.links",
                    "the file has edges under both 'edges' and 'links'; govmodel reads them "
                    "under 'edges' only (merge them there)",
                )
            ]
        )
    if "edges" not in doc:
        if "links" in doc:  # read as no edges, the structure would lose every reference
            raise SpecError(
                [
                    Problem(
                        "invalid-node-link",
                        "$.links",
                        "the edges are under 'links', as networkx before 3.4 wrote them; "
                        "govmodel reads them under 'edges' (rename the member, or write "
                        'with nx.node_link_data(G, edges="edges"))',
                    )
                ]
            )
        doc["edges"] = []  # a graph without edges
    ids = _NodeIds()
    for i, node in enumerate(doc["nodes"]):
        _node_link_record(node, f"$.nodes[{i}]", "a node", ("id",))
        ids.add(node["id"])
    for i, edge in enumerate(doc["edges"]):
        _node_link_record(edge, f"$.edges[{i}]", "an edge", ("source", "target", "key"))
    # networkx passes a record's attributes as keywords to add_node and add_edge, which fails
    # on an attribute named as one of their parameters (``self``, ``u_for_edge``): it is given
    # each record's attributes as one, and they are put in place after
    ends = ("source", "target", "key")
    wrapped = {
        **doc,
        "multigraph": True,  # a simple graph's edges read as one: none merged, keys kept
        "nodes": [{"id": n["id"], _WRAPPED: n} for n in doc["nodes"]],
        "edges": [{**{k: e[k] for k in ends if k in e}, _WRAPPED: e} for e in doc["edges"]],
    }
    try:
        G = nx.node_link_graph(wrapped, directed=True, multigraph=True, edges="edges")
    except Exception as exc:  # networkx raises KeyError, TypeError, NetworkXError …
        raise SpecError(
            [Problem("invalid-node-link", "$", f"not a node-link graph: {exc!r}")]
        ) from None
    del wrapped
    for _, found in G.nodes(data=True):
        record = found.pop(_WRAPPED, {})  # none on a node only an edge names
        found.update((k, v) for k, v in record.items() if k != "id")
    for *_, found in G.edges(data=True):
        record = found.pop(_WRAPPED)
        found.update((k, v) for k, v in record.items() if k not in ends or k in found)
    _no_merged_edges(G, doc["edges"], lambda e: e.get("key"))
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
    try:
        text = json.dumps(doc, ensure_ascii=False, indent=indent, allow_nan=False) + "\n"
        refuse_big_integers(text.encode("utf-8", "surrogatepass"), doc)
    except ValueError as exc:  # a number JSON cannot hold (NaN), or the readers refuse
        _unwritable(structure, exc)
    if path is not None:
        atomic_write(path, text)
        return ""
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
