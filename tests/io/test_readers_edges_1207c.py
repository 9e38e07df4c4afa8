"""Edges of the readers: every way a structure comes in and goes back out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import govmodel
from govmodel import SpecError

pytest.importorskip("pandas")


@pytest.mark.parametrize("graph", ["x", 5, ["metadata"], ("a", "b")], ids=repr)
@pytest.mark.parametrize("where", ["nodes", "edges", "argument"])
def test_frames_graph_attributes_that_are_no_mapping_are_named(where: str, graph: Any) -> None:
    from govmodel.io.frames import from_frames, graph_from_frames, to_frames

    nodes, edges = to_frames(govmodel.datasets.load("xihu"))
    nodes.attrs.clear()
    edges.attrs.clear()
    kw: dict[str, Any] = {}
    if where == "argument":
        kw["graph"] = graph
    else:
        (nodes if where == "nodes" else edges).attrs["graph"] = graph
    for read in (graph_from_frames, from_frames):
        with pytest.raises(SpecError) as info:
            read(nodes, edges, **kw)
        assert [(p.code, p.path) for p in info.value.problems] == [("wrong-type", "graph")]
        assert "mapping" in info.value.problems[0].message


# -- parquet: partition folders escaped as Polars, DuckDB and pyarrow escape them ------------------


def _districts(*ids: str) -> govmodel.Structure:
    from govmodel import Organization, Unit

    return govmodel.Structure(
        units=[
            Unit("city", "city"),
            *(Unit(d, "district", f"district {d}", parent="city") for d in ids),
            *(Unit(f"s-{d}", "street", parent=d) for d in ids),
        ],
        organizations=[
            Organization(f"o-{d}", "street_party_working_committee", unit=f"s-{d}") for d in ids
        ],
    )


#: Chinese, a precomposed and a decomposed é (two districts), and a character Hive escapes too
NON_ASCII = ("岳麓区", "\u00e9", "e\u0301", "a:名")


def test_parquet_folders_escaped_as_utf8_read_as_their_districts(tmp_path: Path) -> None:
    """``district=%E5%B2%B3…``, each byte of a character's UTF-8 escaped, as Polars writes
    a folder name and as it, DuckDB and pyarrow read one back."""
    from urllib.parse import quote, unquote

    from govmodel.io.parquet import districts, read_parquet, write_parquet

    s = _districts(*NON_ASCII)
    write_parquet(s, tmp_path / "p")
    for folder in sorted((tmp_path / "p").glob("*/district=*")):
        value = unquote(folder.name.partition("=")[2])  # govmodel escapes ASCII only
        folder.rename(folder.with_name("district=" + quote(value, safe="")))
    assert {f.name for f in (tmp_path / "p" / "units").iterdir()} >= {
        "district=%E5%B2%B3%E9%BA%93%E5%8C%BA",
        "district=%C3%A9",
        "district=e%CC%81",
        "district=a%3A%E5%90%8D",
    }
    back = read_parquet(tmp_path / "p")
    assert govmodel.dumps(back) == govmodel.dumps(s)
    assert districts(tmp_path / "p") == tuple(sorted(("city", *NON_ASCII)))
    one = read_parquet(tmp_path / "p", districts=["e\u0301"])
    assert [u.id for u in one.units] == ["e\u0301", "s-e\u0301"]


def test_parquet_a_dataset_polars_wrote_of_non_ascii_districts_reads_back(tmp_path: Path) -> None:
    from govmodel.io.parquet import districts, read_parquet, write_parquet
    from tests.io.test_parquet import rewritten_by_polars

    s = _districts(*NON_ASCII)
    write_parquet(s, tmp_path / "c")
    out = rewritten_by_polars(tmp_path / "c", tmp_path / "by-polars")
    assert govmodel.dumps(read_parquet(out)) == govmodel.dumps(s)
    assert districts(out) == districts(tmp_path / "c")


def test_parquet_escapes_that_are_no_utf8_read_one_character_a_byte(tmp_path: Path) -> None:
    """``%FF``, which no UTF-8 holds, is the character U+00FF, as before."""
    from govmodel.io.parquet import districts, read_parquet, write_parquet

    s = _districts("\xff", "a:b")
    write_parquet(s, tmp_path / "p")
    for folder in sorted((tmp_path / "p").glob("*/district=\xff")):
        folder.rename(folder.with_name("district=%FF"))
    assert districts(tmp_path / "p") == ("a:b", "city", "\xff")
    assert govmodel.dumps(read_parquet(tmp_path / "p")) == govmodel.dumps(s)


def test_parquet_a_dataset_pyarrow_wrote_reads_back_by_district(tmp_path: Path) -> None:
    """pyarrow (as DuckDB) escapes spaces, ``+``, ``&`` and every non-ASCII byte."""
    pytest.importorskip("pyarrow")
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    from govmodel.io.parquet import PARTITIONED, TABLES, districts, read_parquet, write_parquet

    s = _districts(*NON_ASCII, "a b", "a+b&c")
    write_parquet(s, tmp_path / "c")
    out = tmp_path / "by-pyarrow"
    for table in TABLES:
        folder = tmp_path / "c" / table
        rows = ds.dataset(folder, partitioning="hive").to_table()
        if table not in PARTITIONED:
            (out / table).mkdir(parents=True)
            pq.write_table(pq.read_table(folder / "part-0.parquet"), out / table / "data.parquet")
        elif rows.num_rows:
            ds.write_dataset(
                rows,
                out / table,
                format="parquet",
                partitioning=["district"],
                partitioning_flavor="hive",
            )
        else:
            (out / table).mkdir(parents=True)
    assert "district=%C3%A9" in {f.name for f in (out / "units").iterdir()}
    assert govmodel.dumps(read_parquet(out)) == govmodel.dumps(s)
    assert districts(out) == districts(tmp_path / "c")
    one = read_parquet(out, districts=["岳麓区"])
    assert [u.id for u in one.units] == ["岳麓区", "s-岳麓区"]


# -- node-link: a document without edges ---------------------------------------------------------


def test_node_link_without_edges_is_a_graph_without_edges() -> None:
    """``edges`` may be left out (the reader took it as optional, then failed in networkx
    with ``KeyError('edges')``)."""
    import json

    from govmodel.io.graphfiles import import_node_link

    doc = {"nodes": [{"id": "p1", "entity": "person", "name": "A"}]}
    s = import_node_link(json.dumps(doc))
    assert s == govmodel.Structure(people=[govmodel.Person("p1", "A")])


def test_node_link_edges_under_links_are_named_not_dropped() -> None:
    """networkx before 3.4 wrote the edges under ``links``: refused at ``$.links``, not read
    as a graph without edges (every parent, seat and post lost) nor with a ``KeyError``."""
    import json

    from govmodel.io.graphfiles import export_node_link, import_node_link

    doc = json.loads(export_node_link(govmodel.datasets.load("xihu")))
    doc["links"] = doc.pop("edges")
    with pytest.raises(SpecError) as info:
        import_node_link(json.dumps(doc))
    [problem] = info.value.problems
    assert (problem.code, problem.path) == ("invalid-node-link", "$.links")
    assert "'edges'" in problem.message
    assert "KeyError" not in problem.message


@pytest.mark.parametrize(
    ("record", "field", "value", "says"),
    [
        ("nodes", "id", None, "null"),
        ("edges", "source", None, "null"),
        ("edges", "target", None, "null"),
        ("nodes", "id", [{"a": 1}], "a list"),
        ("edges", "source", [["a"], "b"], "a list"),
        ("edges", "target", [{"a": 1}], "a list"),
    ],
    ids=repr,
)
def test_node_link_ids_networkx_cannot_hold_are_named(
    record: str, field: str, value: Any, says: str
) -> None:
    """A null id or end, or a list holding a list or an object, was refused at ``$`` with
    networkx's ``ValueError('None cannot be a node')`` or ``TypeError('unhashable type')``."""
    import json

    from govmodel.io.graphfiles import export_node_link, import_node_link

    doc = json.loads(export_node_link(govmodel.datasets.load("xihu")))
    doc[record][3][field] = value
    with pytest.raises(SpecError) as info:
        import_node_link(json.dumps(doc))
    [problem] = info.value.problems
    assert (problem.code, problem.path) == ("wrong-type", f"$.{record}[3].{field}")
    assert problem.message.endswith(f"is a string, not {says}")


# -- GEXF: what networkx fails on without a word of its own ----------------------------------------


@pytest.mark.parametrize("cls", ["graph", "", "Node", None], ids=repr)
def test_gexf_attributes_of_an_unknown_class_are_named(cls: str | None) -> None:
    """networkx failed with a bare ``raise`` (``RuntimeError: No active exception to
    reraise``), refused at ``$``."""
    from govmodel.io.graphfiles import export_gexf, import_gexf

    text = export_gexf(govmodel.datasets.load("xihu")).decode()
    new = "" if cls is None else f' class="{cls}"'
    with pytest.raises(SpecError) as info:
        import_gexf(text.replace(' class="node"', new, 1))
    [problem] = info.value.problems
    assert (problem.code, problem.path) == ("invalid-gexf", f"attributes[{cls!r}]")
    assert "Error" not in problem.message


# -- attribute names that are networkx's parameter names -------------------------------------------

#: Parameters of networkx's ``add_node`` and ``add_edge``, to which its readers pass a node's
#: or an edge's attributes as keywords.
PARAMETER_NAMES = ("self", "node_for_adding", "u_for_edge", "v_for_edge")


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "node-link"])
@pytest.mark.parametrize("name", PARAMETER_NAMES)
def test_graph_files_keep_attributes_named_as_networkx_parameters(fmt: str, name: str) -> None:
    """Valid attribute names: reading failed with ``TypeError: add_edge() got multiple values
    for argument 'u_for_edge'`` (a bare ``TypeError`` from GraphML)."""
    from govmodel import Organization, Person, Post, Tie, Unit
    from govmodel.io import graphfiles

    s = govmodel.Structure(
        units=[Unit("c1", "community", attributes={name: 1})],
        organizations=[Organization("o", "residents_committee", unit="c1", attributes={name: "x"})],
        people=[Person("p", attributes={name: True})],
        posts=[Post("m", "p", "o", "chair", attributes={name: 1.5})],
        ties=[Tie("t", "o", "c1", "serves", attributes={name: ""})],
    )
    govmodel.validate(s)
    write, read = {
        "graphml": (graphfiles.export_graphml, graphfiles.import_graphml),
        "gexf": (graphfiles.export_gexf, graphfiles.import_gexf),
        "node-link": (graphfiles.export_node_link, graphfiles.import_node_link),
    }[fmt]
    back = read(write(s))  # type: ignore[operator]
    assert govmodel.dumps(back) == govmodel.dumps(s)


def test_gexf_edge_attribute_titled_key_is_named() -> None:
    """Another tool's edge attribute ``key`` failed in networkx with a ``TypeError``."""
    import re

    from govmodel.io.graphfiles import export_gexf, import_gexf

    text = export_gexf(govmodel.datasets.load("chengdu")).decode()
    text = re.sub(r'(<attribute id="\d+" title=)"topic"', r'\1"key"', text, count=1)
    with pytest.raises(SpecError) as info:
        import_gexf(text)
    [problem] = info.value.problems
    assert problem.code == "invalid-gexf"
    assert problem.path.startswith("edges[")
    assert problem.path.endswith("].key")
    assert "Error" not in problem.message


def test_graphml_key_of_an_empty_type_is_named() -> None:
    """``attr.type=""`` was taken for a key without a type, then failed in networkx with
    ``KeyError: ''`` at ``$``."""
    import re

    from govmodel.io.graphfiles import export_graphml, import_graphml

    text = export_graphml(govmodel.datasets.load("xihu")).decode()
    match = re.search(r'<key id="(d\d+)" for="node" attr.name="origin" attr.type="string"', text)
    assert match is not None
    with pytest.raises(SpecError) as info:
        import_graphml(text.replace(match.group(), match.group()[: -len('string"')] + '"'))
    [problem] = info.value.problems
    assert (problem.code, problem.path) == ("invalid-graphml", f"keys[{match.group(1)!r}]")
    assert "attr.type ''" in problem.message


# -- frames: ids and ends networkx cannot take ----------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value"),
    [
        (c, v)
        for c in ("source", "target", "key")
        for v in (None, ["a"], {"a": 1}, {"a"})
        if (c, v) != ("key", None)  # a missing key: networkx numbers the edge
    ],
    ids=repr,
)
def test_frames_edge_ends_and_keys_networkx_cannot_take_are_named(column: str, value: Any) -> None:
    """A ``None`` end or an unhashable end or key raised networkx's bare ``ValueError('None
    cannot be a node')`` or ``TypeError: unhashable type``."""
    from govmodel.io.frames import from_frames, to_frames

    nodes, edges = to_frames(govmodel.datasets.load("xihu"))
    edges[column] = edges[column].astype(object)
    edges.iat[3, edges.columns.get_loc(column)] = value
    edges.iat[5, edges.columns.get_loc(column)] = value
    with pytest.raises(SpecError) as info:
        from_frames(nodes, edges)
    kind = "null" if value is None else f"a {type(value).__name__}"
    assert [(p.code, p.path, p.message) for p in info.value.problems] == [
        ("wrong-type", f"edges.{column}[{i}]", f"an edge's {column} is a string, not {kind}")
        for i in (3, 5)
    ]


def test_frames_a_null_node_id_is_named() -> None:
    from govmodel.io.frames import from_frames, to_frames

    nodes, edges = to_frames(govmodel.datasets.load("xihu"))
    nodes = nodes.reset_index()
    nodes["id"] = nodes["id"].astype(object)
    nodes.iat[2, nodes.columns.get_loc("id")] = None
    with pytest.raises(SpecError) as info:
        from_frames(nodes, edges)
    assert [(p.code, p.path) for p in info.value.problems] == [("wrong-type", "nodes.id[2]")]


def test_frames_a_repeated_edge_beside_an_unhashable_key_is_named() -> None:
    from govmodel.io.frames import from_frames, to_frames

    nodes, edges = to_frames(govmodel.datasets.load("xihu"))
    edges = pd_concat([edges, edges.iloc[[0]]])
    edges["key"] = edges["key"].astype(object)
    edges.iat[4, edges.columns.get_loc("key")] = ["k"]
    with pytest.raises(SpecError) as info:
        from_frames(nodes, edges)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("wrong-type", "edges.key[4]"),
        ("duplicate-edge", f"edges.index[{len(edges) - 1}]"),
    ]


def pd_concat(frames: list[Any]) -> Any:
    import pandas as pd

    return pd.concat(frames, ignore_index=True)


def test_node_link_an_edge_to_a_node_not_given_is_still_named() -> None:
    import json

    from govmodel.io.graphfiles import export_node_link, import_node_link

    doc = json.loads(export_node_link(govmodel.datasets.load("xihu")))
    doc["edges"][0]["target"] = "nowhere"
    with pytest.raises(SpecError) as info:
        import_node_link(json.dumps(doc))
    assert ("missing-field", "nodes['nowhere'].entity") in [
        (p.code, p.path) for p in info.value.problems
    ]
