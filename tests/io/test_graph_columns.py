"""The columnar drawer of govmodel.io.graphfiles against ``to_graph``.

GraphML and GEXF group the rows of the graph by shape before writing them. For a structure,
those groups are drawn as columns straight from the entities (``_columnar``), not from a
dict per node and edge. Here the rows the groups hold are put back together and compared
with ``to_graph``'s nodes and edges, in order, with their attributes in order; and the
documents written from the columns are compared with those written from the dicts.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import govmodel
from govmodel import SpecError
from govmodel.io import graphfiles as gf
from govmodel.spec import Structure
from govmodel.testing import strategies as gst
from tests.io import full_structure

NAMES = govmodel.datasets.names()


def _rows(groups: Any) -> list[list[tuple[str, Any]]]:
    """The rows the groups hold, in order, each as its ``(name, value)`` pairs in order."""
    rows: list[Any] = [None] * groups.size
    for shape, at, values in zip(groups.shapes, groups.at, groups.values, strict=True):
        for j, i in enumerate(at):
            assert rows[i] is None, f"row {i} is in two groups"
            rows[i] = [(k, column[j]) for k, column in zip(shape, values, strict=True)]
    assert None not in rows
    # each row is in the group that `which` names
    for g, at in enumerate(groups.at):
        assert all(groups.which[i] == g for i in at)
    assert len(groups.which) == groups.size
    return rows


def _typed(items: list[tuple[str, Any]]) -> list[tuple[str, type, Any]]:
    return [(k, type(v), v) for k, v in items]


def assert_columns_are_the_graph(s: Structure, *, drawn: bool = True) -> None:
    """The columns drawn from ``s`` hold ``to_graph(s)``'s rows (or the drawer leaves the
    structure to the dicts, where ``drawn`` is false)."""
    try:
        G = govmodel.to_graph(s)
    except SpecError:
        return
    records = gf._Records.of_structure(s)
    if records.columns is None:  # left to to_graph by _draw
        assert not drawn, "the structure was not drawn"
        return
    try:
        nodes, ids, edges, ends = records.columns()
    except Exception:  # what the columns do not cover is left to the dicts
        assert not drawn, "the structure was left to the dicts"
        return
    assert ids == list(G.nodes)
    assert list(map(_typed, _rows(nodes))) == [_typed(list(d.items())) for d in G.nodes.values()]
    expected = list(G.edges(keys=True, data=True))
    written: list[Any] = [None] * edges.size
    for at, nums in zip(edges.at, ends.nums, strict=True):
        for i, a in zip(at, nums, strict=True):
            written[i] = (ends.sources[a], ends.targets[a], ends.keys[a])
    assert written == [(u, v, k) for u, v, k, _ in expected]
    assert list(map(_typed, _rows(edges))) == [_typed(list(d.items())) for *_, d in expected]
    # and the documents are those written from the dicts
    for write in (gf._graphml, gf._gexf):
        from_columns = _written(write, records)
        records.columns = None
        assert from_columns == _written(write, records)
        records = gf._Records.of_structure(s)


def _written(write: Any, records: Any) -> Any:
    """The text a writer gives, or the type of its error (a lone surrogate, which the
    exporters turn into the structure's problems)."""
    try:
        return "".join(write(records))
    except Exception as exc:
        return type(exc).__name__


@pytest.mark.parametrize("name", NAMES)
def test_datasets(name: str) -> None:
    assert_columns_are_the_graph(govmodel.datasets.load(name))


def test_the_full_and_the_empty_structure() -> None:
    assert_columns_are_the_graph(full_structure())
    assert_columns_are_the_graph(Structure())


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(gst.structures())
def test_generated_structures(s: Structure) -> None:
    assert_columns_are_the_graph(s)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(gst.PLANTABLE_CODES).flatmap(gst.planted))
def test_invalid_structures(planted: Any) -> None:
    # a reserved or badly typed attribute, or a repeated vote, may be left to the dicts
    assert_columns_are_the_graph(planted[0], drawn=False)


def test_attributes_of_every_shape_in_one_section() -> None:
    """Rows of one section in several shapes, interleaved, with reserved names escaped and
    optional fields present on some rows only; posts between the same pair of nodes."""
    U, Org, P, Po, T = (
        govmodel.Unit,
        govmodel.Organization,
        govmodel.Person,
        govmodel.Post,
        govmodel.Tie,
    )
    s = Structure(
        units=[
            U("c", "community", "C", attributes={"a": 1}),
            U("x1", "compound", "", "c", {"b": "two", "level": 3}, start="2001"),
            U("x2", "compound", "", "c", {"a": 2.5}),
            U("x3", "compound", "", "c", {"attr:a": True, "a": 3}, end="2020"),
            U("x4", "compound", "", "c"),
        ],
        organizations=[
            Org("o1", "owners_committee", "", unit="x1", attributes={"seats": 5}),
            Org("o2", "residents_committee", "", unit="c", term_start="2021"),
            Org("o3", "owners_committee", "", unit="x2", parent="o2"),
        ],
        people=[P("p1", "甲", party="member"), P("p2", ""), P("p3", "", attributes={"age": 40})],
        posts=[
            Po("a", "p2", "o1", "chair", attributes={"w": 1}),
            Po("b", "p1", "o2", "member", start="2020"),
            Po("c", "p1", "o1", "member", attributes={"role": "x"}),
            Po("d", "p2", "o2", "member"),
            Po("e", "p1", "o2", "deputy"),
        ],
        ties=[T("t1", "o3", "o1", "guides"), T("t2", "p3", "p1", "contains")],
    )
    assert_columns_are_the_graph(s)


@pytest.mark.parametrize("field", ["start", "end", "replaced_by", "formed_from", "identifiers"])
def test_a_history_field_held_by_one_entity_alone(field: str) -> None:
    """A field of an entity's history that one unit alone holds, even as an empty string,
    is written for it, and left out of the others' rows."""
    value: Any = {
        "formed_from": ("x1",),
        "identifiers": (govmodel.spec.Identifier("code", "9"),),
    }.get(field, "")
    units = [
        govmodel.Unit("c", "community", "C"),
        govmodel.Unit("x1", "compound", "", "c"),
        govmodel.Unit("x2", "compound", "", "c", **{field: value}),
        govmodel.Unit("x3", "compound", "", "c"),
    ]
    s = Structure(units=units)
    G = govmodel.to_graph(s)
    assert [field in d for d in G.nodes.values()] == [False, False, True, False]
    assert_columns_are_the_graph(s)


def test_a_column_of_one_object_is_marked_once_for_the_writers() -> None:
    """A group's column that holds one object in every row (here the kind, "compound") is
    marked as such where the columns are typed, so that the writers need not look through
    it again; a column of several values is left as it is."""
    kind = "compound"
    s = Structure(units=[govmodel.Unit(f"x{i}", kind, f"X{i}") for i in range(5)])
    records = gf._Records.of_structure(s)
    lay = gf._Layout(
        records,
        gf._TEXT_CHARS,
        finite=False,
        node_reserved=gf._NO_NAMES,
        edge_reserved=gf._GRAPHML_EDGE_NAMES,
    )
    (shape,), (values,) = lay.nodes.shapes, lay.nodes.values
    marked = {k: type(column) is gf._Const for k, column in zip(shape, values, strict=True)}
    assert marked["kind"]
    assert not marked["name"]
    assert gf._one_object(gf._Const(["a", "a"]))
    assert not gf._one_object(gf._Const())
    assert gf._one_object(["a"] * 3)
    assert not gf._one_object(["a", "b"])


def test_what_the_columns_leave_to_the_dicts_is_written_alike() -> None:
    """A value of a subclass of int, and a name that is no string, go to the dicts."""

    class Count(int):
        pass

    s = Structure(units=[govmodel.Unit("x", "compound", "", attributes={"n": 1})])
    object.__setattr__(s.units[0].attributes, "_data", {"n": Count(2)})
    records = gf._Records.of_structure(s)
    assert records.columns is not None
    nodes = records.columns()[0]
    with pytest.raises(gf._Unusual):
        gf._columns(nodes, gf._TEXT_CHARS, exact=True)
    assert gf._columns(nodes, gf._TEXT_CHARS)["n"].type == "int"  # as the dicts take it
    assert gf.export_graphml(s) == gf._graph_to_graphml(govmodel.to_graph(s))
    G = nx.MultiDiGraph(govmodel.to_graph(s))
    assert G.nodes["x"]["n"] == 2


def test_a_shape_for_every_row() -> None:
    """Every unit and post with attributes of its own names, and optional fields on some:
    a group for every row, in the order met."""
    U, Org, P, Po = govmodel.Unit, govmodel.Organization, govmodel.Person, govmodel.Post
    units = [U("c", "community", "C")]
    units += [
        U(
            f"x{i}",
            "compound",
            "",
            "c",
            {f"a{i}": i, "shared": i % 3},
            start=None if i % 2 else "2001",
        )
        for i in range(40)
    ]
    s = Structure(
        units=units,
        organizations=[Org("o", "owners_committee", "", unit="x1")],
        people=[P(f"p{i}", "", party="member" if i % 3 else None) for i in range(40)],
        posts=[
            Po(f"q{i}", f"p{39 - i}", "o", "member", attributes={f"b{i % 7}": "v"})
            for i in range(40)
        ],
    )
    assert_columns_are_the_graph(s)
    records = gf._Records.of_structure(s)
    nodes, _, edges, _ = records.columns()
    assert len(nodes.shapes) >= 40
    assert len(edges.shapes) >= 7


# -- the checks a column gets at once -------------------------------------------------------------

#: Values of every type an attribute may take, with the strings the writers treat apart: empty
#: ones, ones XML cannot hold as they are, ones with characters XML escapes.
_VALUES = st.one_of(
    st.sampled_from(["", "a & b", "<x>", '"q"', "line\r\nbreak", "\x01", "中文", "e0"]),
    st.text(st.characters(blacklist_categories=["Cs"]), max_size=4),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.booleans(),
)
_KEYS = st.one_of(
    st.integers(min_value=-3, max_value=3),
    st.booleans(),
    st.sampled_from(["", "k", "a & b", "0"]),
)


@st.composite
def _graphs(draw: Any) -> nx.MultiDiGraph:
    """A graph whose attribute values and edge keys are of any type, drawn by name so that one
    name holds several types across the rows."""
    names = st.sampled_from(["n", "m", "name", "label"])
    G = nx.MultiDiGraph(format_version=1)
    nodes = draw(st.lists(st.sampled_from("abcdef"), min_size=1, max_size=6, unique=True))
    for n in nodes:
        G.add_node(n, **draw(st.dictionaries(names, _VALUES, max_size=3)))
    for _ in range(draw(st.integers(0, 8))):
        u, v = draw(st.sampled_from(nodes)), draw(st.sampled_from(nodes))
        key = draw(_KEYS)
        # keys distinct as written (the reference keys its copy by ``str(k)``)
        if str(key) not in map(str, G[u].get(v, {})):
            G.add_edge(u, v, key=key, **draw(st.dictionaries(names, _VALUES, max_size=3)))
    return G


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(_graphs())
def test_columns_of_any_values_and_keys_are_written_as_networkx_writes_them(
    G: nx.MultiDiGraph,
) -> None:
    """Edge keys that are not all strings (written as ``str(k)``) and string columns with
    and without empty strings (which the type table lists): the documents are those
    networkx's writers give for the typed copy of the graph."""
    from tests.io.test_streaming_xml import reference_gexf, reference_graphml

    assert gf._graph_to_graphml(G) == reference_graphml(G)
    assert gf._graph_to_gexf(G) == reference_gexf(G)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_attributes_of_any_values_across_sections(data: Any) -> None:
    """Attribute values of every type on the units, the people and the posts: the columns
    drawn from the structure hold ``to_graph``'s rows, the documents are those drawn from
    the dicts, and networkx's own reader reads back the graph."""
    attributes = st.dictionaries(st.sampled_from(["n", "m", "level"]), _VALUES, max_size=2)
    U, P, Po, Org = govmodel.Unit, govmodel.Person, govmodel.Post, govmodel.Organization
    s = Structure(
        units=[
            U("c", "community", "C", attributes=data.draw(attributes)),
            *(U(f"x{i}", "compound", "", "c", data.draw(attributes)) for i in range(3)),
        ],
        organizations=[Org("o", "owners_committee", "", unit="x0")],
        people=[P(f"p{i}", "", attributes=data.draw(attributes)) for i in range(3)],
        posts=[
            Po(f"q{i}", f"p{i}", "o", "member", attributes=data.draw(attributes)) for i in range(3)
        ],
    )
    assert_columns_are_the_graph(s)
    G = govmodel.to_graph(s)
    assert gf.import_graphml(gf.export_graphml(s), validate=False) == s
    read = nx.read_graphml(io.BytesIO(gf.export_graphml(s)), force_multigraph=True)
    assert list(read.nodes) == list(G.nodes)
    assert len(read.edges) == len(G.edges)


_IDS = st.text(st.characters(blacklist_categories=()), max_size=3)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["node", "edge", "graph"]),
        st.dictionaries(
            _IDS,
            st.one_of(
                st.sampled_from(["empty", "json", "int"]),
                st.dictionaries(st.sampled_from(["empty", "json", "int"]), st.lists(_IDS)),
            ),
        ),
    ),
    st.booleans(),
)
def test_the_type_table_is_the_json_the_standard_library_writes(
    table: dict[str, Any], ensure_ascii: bool
) -> None:
    """Lists of ids joined at once where no id needs escaping, encoded apart otherwise."""
    assert gf._table_json(table, ensure_ascii=ensure_ascii) == json.dumps(
        table, ensure_ascii=ensure_ascii, sort_keys=True
    )


def test_a_type_table_of_every_node_is_joined_at_once() -> None:
    """Every unit unnamed: the table lists them all under ``empty``, as JSON reads it back."""
    s = Structure(units=[govmodel.Unit(f"u{i}", "compound", "") for i in range(50)])
    root = ET.fromstring(gf.export_graphml(s))
    data = [d.text or "" for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")]
    (table,) = [text for text in data if '"empty"' in text]
    assert json.loads(table) == {"node": {"name": {"empty": [f"u{i}" for i in range(50)]}}}
    assert gf.import_gexf(gf.export_gexf(s)) == s


@pytest.mark.parametrize(
    "named",
    [set(), {0}, {11}, {5}, {0, 11}, {3, 4, 7}],
    ids=["none", "first", "last", "middle", "both-ends", "several"],
)
def test_the_unnamed_nodes_of_every_shape_are_listed_in_order(named: set[int]) -> None:
    """The ``empty`` owners of rows of several groups (shapes alternating), whether they
    make one run of rows (copied as a slice of the ids) or not."""
    units = [
        govmodel.Unit(
            f"u{i}",
            "compound",
            f"n{i}" if i in named else "",
            attributes={"a": i} if i % 3 else {"b": "x"},
        )
        for i in range(12)
    ]
    s = Structure(units=units, people=[govmodel.Person("p0", "")])
    root = ET.fromstring(gf.export_graphml(s))
    data = [d.text or "" for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")]
    (table,) = [text for text in data if '"empty"' in text]
    unnamed = [u.id for u in units if not u.name] + ["p0"]
    assert json.loads(table)["node"]["name"] == {"empty": unnamed}
    assert gf.import_graphml(gf.export_graphml(s)) == s
    assert gf.import_gexf(gf.export_gexf(s)) == s


@pytest.mark.parametrize("pattern", ["alternating", "unnamed-first", "unnamed-last"])
def test_the_unnamed_nodes_of_groups_of_one_name_are_listed_in_order(pattern: str) -> None:
    """Groups whose rows share one name object, the named and the unnamed apart: the
    unnamed rows are one run of rows, or not (then listed one by one)."""
    named = {
        "alternating": lambda i: i % 2 == 1,
        "unnamed-first": lambda i: i >= 6,
        "unnamed-last": lambda i: i < 6,
    }[pattern]
    units = [
        govmodel.Unit(
            f"u{i}",
            "compound",
            "x" if named(i) else "",
            attributes={"a": i} if named(i) else {"b": "y"},
        )
        for i in range(12)
    ]
    s = Structure(units=units)
    root = ET.fromstring(gf.export_graphml(s))
    data = [d.text or "" for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")]
    (table,) = [text for text in data if '"empty"' in text]
    unnamed = [u.id for u in units if not u.name]
    assert json.loads(table)["node"]["name"] == {"empty": unnamed}
    assert gf.import_gexf(gf.export_gexf(s)) == s


def test_a_long_type_table_is_written_whole() -> None:
    """A table longer than a piece of the text (handed on apart from the rest), its ids
    escaped in GEXF's description as in GraphML's data."""
    ids = [f"u<{i}>&" for i in range(40_000)]
    s = Structure(units=[govmodel.Unit(n, "compound", "") for n in ids])
    root = ET.fromstring(gf.export_graphml(s))
    data = [d.text or "" for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")]
    (table,) = [text for text in data if '"empty"' in text]
    assert json.loads(table) == {"node": {"name": {"empty": ids}}}
    meta = ET.fromstring(gf.export_gexf(s)).find(".//{http://www.gexf.net/1.2draft}description")
    assert meta is not None
    assert meta.text is not None
    assert json.loads(meta.text)["govmodel"]["types"] == {"node": {"name": {"empty": ids}}}


@pytest.mark.parametrize("top", [3, 1 << 15, 1 << 40])
def test_rows_split_by_codes_small_and_large(top: int) -> None:
    """Codes of 16 bits and wider split alike (the small ones sorted as 16-bit numbers)."""
    np = pytest.importorskip("numpy")
    codes = [top, 0, top, 1, 0, top]
    distinct, rows = gf._split_array(np, np.array(codes, dtype=np.int64))
    assert distinct == [top, 0, 1]
    assert [r.tolist() for r in rows] == [[0, 2, 5], [1, 4], [3]]


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(_IDS, st.text(st.sampled_from(['"', "\\", "\x7f", "\x1f", " ", "~", "a", "中"]))),
    st.booleans(),
)
def test_strings_json_writes_as_they_are(text: str, ensure_ascii: bool) -> None:
    plain = json.dumps(text, ensure_ascii=ensure_ascii) == f'"{text}"'
    assert gf._json_plain(text, ensure_ascii=ensure_ascii) == plain


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(_IDS, st.text(st.sampled_from(['"', "\\", "\x7f", "\x1f", " ", ",", "a", "中"]))),
        min_size=1,
        max_size=6,
    ),
    st.booleans(),
)
@example(['中", "x'], False)  # a string holding the separator
@example(['a", "b', "c"], True)
def test_strings_joined_json_writes_as_they_are(texts: list[str], ensure_ascii: bool) -> None:
    """Checked on their text joined with the list's separators, as on each string."""
    plain = all(json.dumps(t, ensure_ascii=ensure_ascii) == f'"{t}"' for t in texts)
    body = '", "'.join(texts)
    assert gf._json_plain_joined(body, len(texts), ensure_ascii=ensure_ascii) == plain


# -- the order of the edges ----------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 6).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=30),
        )
    ),
    st.booleans(),
)
def test_the_edges_are_in_networkx_order(
    case: tuple[int, list[tuple[int, int]]], fast: bool
) -> None:
    """With numpy and without, the edges come in the order a MultiDiGraph lists them, parallel
    edges among others included."""
    n, ends = case
    ids = [f"n{i}" for i in range(n)]
    G = nx.MultiDiGraph()
    G.add_nodes_from(reversed(ids))  # the node order is not the ids' order
    for a, (u, v) in enumerate(ends):
        G.add_edge(ids[u], ids[v], key=a)
    index = {x: i for i, x in enumerate(G.nodes)}
    sources = [ids[u] for u, _ in ends]
    targets = [ids[v] for _, v in ends]
    expected = [k for *_, k in G.edges(keys=True)]
    assert gf._adjacency_order(sources, targets, index, fast=fast) == expected


def test_numpy_leaves_the_parallel_edges_among_others_to_the_grouping() -> None:
    """numpy gives the order by source where it is the answer, and leaves the edges of one
    pair with another edge of their source between them to the grouping."""
    np = pytest.importorskip("numpy")
    together = gf._adjacency_order_numpy(np, [1, 0, 0, 0], [0, 1, 1, 2], 3)
    assert together == [1, 2, 3, 0]
    assert gf._adjacency_order_numpy(np, [0, 0, 0], [1, 2, 1], 3) is None
    assert gf._adjacency_order_numpy(np, [], [], 3) == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 5), max_size=40), st.booleans())
def test_rows_split_by_code_in_the_order_met(codes: list[int], fast: bool) -> None:
    """The rows of each code, in order, the codes in the order first met (with numpy and
    without)."""
    distinct, rows = gf._split(codes, fast=fast)
    assert distinct == list(dict.fromkeys(codes))
    assert rows == [[i for i, c in enumerate(codes) if c == d] for d in distinct]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_the_least_64_bit_integer_is_a_long_column(fmt: str) -> None:
    from govmodel.spec import Structure, Unit

    values = [-(2**63), 2**63 - 1]
    s = Structure(
        units=[Unit(f"u{i}", "community", attributes={"v": v}) for i, v in enumerate(values)]
    )
    text = govmodel.io.export(s, fmt)
    read = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    G = read(io.BytesIO(text if isinstance(text, bytes) else text.encode()))
    assert [G.nodes[f"u{i}"]["v"] for i in range(2)] == values
    assert govmodel.dumps(govmodel.io.import_(text, fmt)) == govmodel.dumps(s)
    # one beyond 64 bits makes the column text, restored by govmodel's reader
    s = Structure(units=[Unit("u", "community", attributes={"v": -(2**63) - 1})])
    text = govmodel.io.export(s, fmt)
    G = read(io.BytesIO(text if isinstance(text, bytes) else text.encode()))
    assert G.nodes["u"]["v"] == str(-(2**63) - 1)
    assert govmodel.dumps(govmodel.io.import_(text, fmt)) == govmodel.dumps(s)


def _other_objects(s: Structure, every: int) -> Structure:
    """``s`` with every ``every``-th id and reference an equal string of another object (a
    structure built in Python need not share the entities' id objects, as a loader does)."""
    import attrs

    fields = {
        "units": ("id", "parent"),
        "organizations": ("id", "unit", "parent"),
        "people": ("id",),
        "posts": ("id", "person", "organization"),
        "ties": ("id", "source", "target"),
        "observations": ("id", "subject"),
    }
    made = 0
    sections: dict[str, list[Any]] = {}
    for section, names in fields.items():
        sections[section] = []
        for e in getattr(s, section):
            changes = {}
            for name in names:
                value = getattr(e, name)
                if isinstance(value, str) and len(value) > 1:
                    made += 1
                    if made % every == 0:
                        changes[name] = "".join([value[:1], value[1:]])
            sections[section].append(attrs.evolve(e, **changes) if changes else e)
    other = Structure(
        **sections, decisions=s.decisions, vocabulary=s.vocabulary, metadata=s.metadata
    )
    assert other == s
    return other


@pytest.mark.parametrize("every", [1, 3, 50])
@pytest.mark.parametrize("numpy", [True, False])
def test_ends_named_by_equal_strings_of_other_objects(
    every: int, numpy: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The edges' ends are numbered alike whether the ids an entity names are the objects
    of the entities' own ids (found by their address), equal strings of other objects
    (looked up, all of them or a few), or numbered without numpy."""
    import govmodel.index

    s = govmodel.synth.district(6, seed=4)
    s = _with_ties_of_any_ends(s)
    expected = gf.export_graphml(s)
    if not numpy:
        monkeypatch.setattr(govmodel.index, "_np", lambda: None)
    other = _other_objects(s, every)
    assert_columns_are_the_graph(other)
    assert gf.export_graphml(other) == expected


def _with_ties_of_any_ends(s: Structure) -> Structure:
    """``s`` with a tie between two people and one from an observation (ends of any
    section)."""
    from govmodel.spec import Tie

    people, obs = s.people, s.observations
    assert len(people) > 1
    assert obs
    ties = (
        *s.ties,
        Tie("tie-pp", people[0].id, people[1].id, "guides"),
        Tie("tie-op", obs[0].id, people[0].id, "guides"),
    )
    return Structure(
        units=s.units,
        organizations=s.organizations,
        people=s.people,
        posts=s.posts,
        ties=ties,
        observations=s.observations,
        decisions=s.decisions,
        vocabulary=s.vocabulary,
        metadata=s.metadata,
    )


def test_numbers_of_ids_by_their_objects_or_looked_up() -> None:
    np = pytest.importorskip("numpy")
    ids = [f"n{i}" for i in range(200)]
    other = "".join(["n", "7"])  # equal to ids[7], another object
    shared = gf._Refs([ids[3], ids[150], other, ids[0]])
    numbers = gf._numbers(np, ids, [shared, gf._Refs([]), gf._Refs([ids[199]])])
    assert numbers.tolist() == [3, 150, 7, 0, 199]
    # few of the objects shared: every id looked up
    looked = gf._Refs(["".join(["n", str(i)]) for i in range(100)] + [ids[5]])
    assert gf._numbers(np, ids, [looked]).tolist() == [*range(100), 5]
    for parts in ([gf._Refs([ids[1], "nope"])], [gf._Refs(["nope"] * 10)]):
        with pytest.raises(KeyError):
            gf._numbers(np, ids, parts)
    with pytest.raises(KeyError):
        gf._numbers(np, [], [gf._Refs(["n1"])])
    assert gf._numbers(np, [], [gf._Refs([])]).tolist() == []


@pytest.mark.parametrize(
    ("post_id", "refused"),
    [("p-1", None), ("leads", None), ("contains", "duplicate-id"), ("u", "duplicate-id")],
)
@pytest.mark.parametrize("numpy", [True, False])
def test_edge_ids_checked_as_to_graph_does(
    post_id: str, refused: str | None, numpy: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A post's id that is a reserved relation, a node's id or another post's is left to
    ``to_graph`` (which refuses the last two); a node may have a reserved relation's name.
    """
    import govmodel.index
    from govmodel.spec import Organization, Person, Post, Unit

    if not numpy:
        monkeypatch.setattr(govmodel.index, "_np", lambda: None)
    posts = [Post(post_id, "p", "o", "secretary"), Post("p-2", "p", "o", "deputy")]
    s = Structure(
        units=[Unit("u", "city"), Unit("contains", "district", parent="u")],
        organizations=[Organization("o", "district_party_committee", unit="contains")],
        people=[Person("p")],
        posts=posts,
    )
    if refused is None:
        drawn = post_id == "p-1"
        assert (gf._Records.of_structure(s).columns is not None) == drawn
        assert_columns_are_the_graph(s, drawn=drawn)
        expected = "".join(gf._graphml(gf._Records.of_graph(govmodel.to_graph(s)))).encode()
        assert gf.export_graphml(s) == expected
    else:
        with pytest.raises(SpecError) as error:
            gf.export_graphml(s)
        assert error.value.problems[0].code == refused
    # two posts of one id
    twice = Structure(
        units=s.units,
        organizations=s.organizations,
        people=s.people,
        posts=[posts[0], Post(post_id, "p", "o", "deputy")],
    )
    with pytest.raises(SpecError) as error:
        gf.export_graphml(twice)
    assert error.value.problems[0].code == "duplicate-id"
