"""Tests of govmodel.io.frames: lossless frames of a structure, and spreadsheets of compounds."""

from __future__ import annotations

import contextlib
import io
import math
import re
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import assume, given

import govmodel
from govmodel import MissingDependencyError, SpecError
from govmodel.graph import affiliation_graph
from govmodel.io.frames import (
    GRAPH_ATTRS_KEY,
    from_frames,
    graph_from_frames,
    structure_from_table,
    to_frames,
    write_csv,
)
from govmodel.io.native import to_data
from govmodel.spec import Metadata, Observation, Organization, Person, Post, Structure, Unit
from govmodel.testing import strategies as gst

pd = pytest.importorskip("pandas")

DATASETS = ["xihu", "jinfeng", "chengdu", "changsha", "yuetang"]


# -- round trips ------------------------------------------------------------------------------


def _typed_data(x: Any) -> Any:
    """The file data of a structure, with every scalar's type: == then tells 1 from 1.0 and True."""
    if isinstance(x, dict):
        return {k: _typed_data(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_typed_data(v) for v in x]
    return (type(x).__name__, x)


def same(a: Structure, b: Structure) -> bool:
    return a == b and _typed_data(to_data(a)) == _typed_data(to_data(b))


@pytest.mark.parametrize("name", DATASETS)
def test_datasets_round_trip(name: str) -> None:
    s = govmodel.datasets.load(name)
    nodes, edges = to_frames(s)
    assert same(from_frames(nodes, edges), s)


@given(gst.structures())
def test_round_trip_property(s: Structure) -> None:
    # gst.structures() can draw two ids that collide ("po1" + "0" and "po10"): such a
    # structure cannot be drawn as a graph at all (to_graph raises duplicate-id)
    ids = [e.id for e in s.entities()]
    assume(len(set(ids)) == len(ids))
    assert same(from_frames(*to_frames(s)), s)


def _typed() -> Structure:
    return Structure(
        units=[
            Unit("c1", "community", "社区", attributes={"households": 4220, "flag": True}),
            Unit("x1", "compound", "小区", "c1", {"households": 420, "score": 0.5}),
            Unit("x2", "compound", "", "c1", {"big": 2**70, "level": 3, "attr:x": "a"}),
            Unit("b1", "building", "1栋", "x1", {"mixed": 1}),
            Unit("b2", "building", "2栋", "x1", {"mixed": "one"}),
        ],
        organizations=[Organization("oc1", "owners_committee", unit="x1")],
        people=[Person("p1", "王某", party="active")],
        posts=[Post("po1", "p1", "oc1", "chair", start="2021", attributes={"paid": False})],
        observations=[
            Observation("ob1", "x1", "issues_collected", 1495, "2023"),
            Observation("ob2", "x1", "fee_collection_rate", 0.92),
        ],
        metadata=Metadata(name="typed", model=("tripartite",)),
    )


def test_dtypes_keep_python_types() -> None:
    s = _typed()
    nodes, edges = to_frames(s)
    assert nodes.index.name == "id"
    assert list(nodes.index[:3]) == ["c1", "x1", "x2"]
    # an int column with gaps is a nullable Int64, not float
    assert str(nodes["households"].dtype) == "Int64"
    assert nodes.loc["x1", "households"] == 420
    assert pd.isna(nodes.loc["b1", "households"])
    assert str(nodes["flag"].dtype) == "boolean"
    assert str(nodes["score"].dtype) == "float64"
    assert str(nodes["entity"].dtype) == "str"
    # ints beyond 64 bits and mixed types are kept as Python objects
    assert str(nodes["big"].dtype) == "object"
    assert nodes.loc["x2", "big"] == 2**70
    assert str(nodes["mixed"].dtype) == "object"
    assert str(nodes["value"].dtype) == "object"  # 1495 (count) and 0.92 (rate)
    # escaped names and derived attributes are columns like any other
    assert nodes.loc["x2", "attr:level"] == 3
    assert nodes.loc["x2", "attr:attr:x"] == "a"
    assert nodes.loc["x1", "level"] == 6
    assert list(edges.columns[:3]) == ["source", "target", "key"]
    post = edges[edges.key == "po1"].iloc[0]
    assert (post.source, post.target, post.role, post.start) == ("p1", "oc1", "chair", "2021")
    assert edges.attrs[GRAPH_ATTRS_KEY]["format_version"] == 1

    back = from_frames(nodes, edges)
    assert back == s
    x1 = back.get("x1")
    assert isinstance(x1, Unit)
    assert type(x1.attributes["households"]) is int
    assert type(x1.attributes["score"]) is float
    c1 = back.get("c1")
    assert isinstance(c1, Unit)
    assert type(c1.attributes["flag"]) is bool
    assert "households" not in back.get("b1").attributes  # type: ignore[union-attr]
    assert type(back.get("ob1").value) is int  # type: ignore[union-attr]
    assert type(back.get("ob2").value) is float  # type: ignore[union-attr]
    assert same(back, s)


def test_strings_no_utf8_holds_round_trip_too() -> None:
    # to_graph draws a lone surrogate (validate reports it); pandas' Arrow-backed str dtype
    # cannot hold one, so its column (ids, names, attributes, edge keys) is kept as objects
    s = Structure(
        units=[
            Unit("c\ud800", "community", "a\udfff", attributes={"n": "\udc00", "ok": "x"}),
            Unit("x1", "compound", "\x00", "c\ud800", {"n": "plain"}),
        ],
        people=[Person("p1")],
        organizations=[Organization("oc1", "owners_committee", unit="x1")],
        posts=[Post("po\ud801", "p1", "oc1", "chair")],
    )
    back = from_frames(*to_frames(s))
    assert same(back, s)
    assert str(to_frames(s)[0]["kind"].dtype) == "str"  # the other columns are unchanged


def test_a_nan_value_is_refused_not_dropped() -> None:
    # a frame's gap is NaN: a NaN attribute (which to_graph draws) would read back as no
    # attribute at all, so it is refused, every one named by its row and column
    nan = float("nan")
    s = Structure(
        units=[
            Unit("c1", "community", attributes={"x": nan, "y": 1.5}),
            Unit("x1", "compound", parent="c1", attributes={"x": 2.0, "z": nan, "w": "a"}),
            Unit("x2", "compound", parent="c1", attributes={"z": 1}),
        ],
        people=[Person("p1")],
        organizations=[Organization("oc1", "owners_committee", unit="x1")],
        posts=[Post("po1", "p1", "oc1", "chair", attributes={"share": nan})],
    )
    assert govmodel.from_graph(govmodel.to_graph(s)).get("c1").attributes.keys() == {"x", "y"}  # type: ignore[union-attr]
    with pytest.raises(SpecError) as info:
        to_frames(s)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("non-finite-number", "nodes['c1'].x"),
        ("non-finite-number", "nodes['x1'].z"),
        ("non-finite-number", "edges['p1','oc1','po1'].share"),
    ]
    # an infinity is no gap: it reads back as it is
    s = Structure(units=[Unit("c1", "community", attributes={"x": -math.inf})])
    assert same(from_frames(*to_frames(s)), s)


def test_metadata_travels_in_attrs_and_survives_pandas_operations() -> None:
    s = _typed()
    nodes, edges = to_frames(s)
    # filtering, copying and reset_index keep DataFrame.attrs
    flat = nodes.copy().reset_index()
    assert "id" in flat.columns
    back = from_frames(flat, edges)
    assert back.metadata == s.metadata
    assert back == s
    # without attrs, the metadata is lost unless given
    bare = nodes.copy()
    bare.attrs = {}
    bare_edges = edges.copy()
    bare_edges.attrs = {}
    assert from_frames(bare, bare_edges).metadata == Metadata()
    graph = nodes.attrs[GRAPH_ATTRS_KEY]
    assert from_frames(bare, bare_edges, graph=graph) == s


def test_edited_frames_read_back() -> None:
    s = govmodel.datasets.load("xihu")
    nodes, edges = to_frames(s)
    nodes.loc["xh-c1", "households"] = 333
    nodes = nodes.drop(columns=["level", "is_party", "sector"])  # derived, not needed
    back = from_frames(nodes, edges)
    x = back.get("xh-c1")
    assert isinstance(x, Unit)
    assert x.attributes["households"] == 333
    assert type(x.attributes["households"]) is int


def test_graph_from_frames_is_the_graph() -> None:
    G = govmodel.to_graph(govmodel.datasets.load("yuetang"))
    H = graph_from_frames(*to_frames(G))
    assert list(H.nodes(data=True)) == list(G.nodes(data=True))
    assert list(H.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))
    assert H.graph == G.graph


def test_views_have_no_key_column() -> None:
    B = affiliation_graph(govmodel.to_graph(govmodel.datasets.load("xihu")))
    nodes, edges = to_frames(B)
    assert list(edges.columns[:2]) == ["source", "target"]
    assert "key" not in edges.columns
    assert set(edges.columns) >= {"roles", "weight"}
    assert str(nodes["bipartite"].dtype) == "int64"


def test_frames_without_keys_use_the_id_column() -> None:
    G = nx.DiGraph()
    G.add_node("o1", entity="organization", kind="owners_committee")
    G.add_node("p1", entity="person", name="王")
    G.add_edge("p1", "o1", relation="post", role="chair", id="post1")
    nodes, edges = to_frames(G)
    s = from_frames(nodes, edges)
    assert s.posts == (Post("post1", "p1", "o1", "chair"),)


def test_from_frames_enforces_the_limits() -> None:
    name = "青山社区" * 3  # the longest string
    s = Structure(units=[Unit("c1", "community", name)], people=[Person(f"p{i}") for i in range(5)])
    nodes, edges = to_frames(s)
    assert from_frames(nodes, edges, limits=govmodel.Limits(max_string=12, max_entities=5)) == s
    with pytest.raises(SpecError) as info:
        from_frames(nodes, edges, limits=govmodel.Limits(max_string=11))
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("string-too-long", "nodes['c1'].name")
    ]
    with pytest.raises(SpecError) as info:
        from_frames(nodes, edges, limits=govmodel.Limits(max_entities=4))
    assert info.value.codes == ("too-many-entities",)


def test_frame_errors() -> None:
    nodes, edges = to_frames(_typed())
    with pytest.raises(SpecError) as info:
        from_frames(nodes, edges.drop(columns=["source"]))
    assert info.value.problems[0].path == "edges.source"
    assert info.value.codes == ("missing-field",)
    nodes.loc["x1", "entity"] = None
    with pytest.raises(SpecError) as info:
        from_frames(nodes, edges)
    assert "nodes['x1'].entity" in {p.path for p in info.value.problems}
    with pytest.raises(TypeError, match="Structure or a networkx graph"):
        to_frames({"units": []})  # type: ignore[arg-type]


def test_rows_and_columns_given_twice_are_refused_not_merged() -> None:
    # a node id or an edge (source, target, key) on two rows was merged, the later row's
    # values silently winning; a column name given twice crashed (AttributeError)
    nodes, edges = to_frames(_typed())
    twice = pd.concat([nodes, nodes.loc[["x1", "b2"]].assign(households=99)])
    with pytest.raises(SpecError) as info:
        from_frames(twice, edges)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("duplicate-id", f"nodes.index[{len(nodes)}]"),
        ("duplicate-id", f"nodes.index[{len(nodes) + 1}]"),
    ]
    assert "'x1' is already the id of row 1" in str(info.value)
    with pytest.raises(SpecError) as info:
        from_frames(twice.reset_index(), edges)
    assert info.value.codes == ("duplicate-id", "duplicate-id")
    post = edges[edges.key == "po1"].assign(role="member")
    with pytest.raises(SpecError) as info:
        from_frames(nodes, pd.concat([edges, post], ignore_index=True))
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("duplicate-edge", f"edges.index[{len(edges)}]")
    ]
    with pytest.raises(SpecError) as info:
        from_frames(pd.concat([nodes, nodes[["households"]]], axis=1), edges)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("duplicate-key", f"nodes.columns[{len(nodes.columns)}]")
    ]
    with pytest.raises(SpecError) as info:
        graph_from_frames(nodes, pd.concat([edges, edges[["role"]]], axis=1))
    assert info.value.codes == ("duplicate-key",)
    # edges without keys are told apart by their rows, as networkx numbers them
    G = graph_from_frames(nodes, pd.concat([edges, edges]).drop(columns="key"))
    assert G.number_of_edges() == 2 * len(edges)


# -- spreadsheets -----------------------------------------------------------------------------

LEVELS = {"street": "街道", "community": "社区", "compound": "小区"}
RENAME = {"户数": "households", "类型": "origin"}


def _table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "小区": ["锦绣小区", "枫林小区", "桃源小区", "铁路新村"],
            "社区": ["桐梓坡社区", "桐梓坡社区", "西湖社区", "西湖社区"],
            "街道": ["望月湖街道", "望月湖街道", "望月湖街道", "望月湖街道"],
            "户数": [420, None, 815, 320],
            "类型": ["商品房", "单位型", "安置型", "work_unit"],
            "建成年份": [2005, 1988, 2012, 1986],
            "物业公司": ["锦绣物业", None, "无", "路安物业"],
            "业委会": ["有", "无", True, False],
        }
    )


def test_table_with_hierarchical_columns() -> None:
    s = structure_from_table(
        _table(),
        levels=LEVELS,
        rename=RENAME,
        organizations={"property_company": "物业公司", "owners_committee": "业委会"},
        metadata=Metadata(name="望月湖"),
    )
    assert s.metadata.name == "望月湖"
    assert [(u.kind, u.name) for u in s.units] == [
        ("street", "望月湖街道"),
        ("community", "桐梓坡社区"),
        ("community", "西湖社区"),
        ("compound", "锦绣小区"),
        ("compound", "枫林小区"),
        ("compound", "桃源小区"),
        ("compound", "铁路新村"),
    ]
    x = s.get("望月湖街道/桐梓坡社区/锦绣小区")
    assert isinstance(x, Unit)
    assert x.parent == "望月湖街道/桐梓坡社区"
    assert s.get(x.parent).parent == "望月湖街道"  # type: ignore[arg-type,union-attr]
    # the 户数 column has a gap, so pandas reads it as float: it comes back as ints
    assert x.attributes == {"households": 420, "origin": "commodity", "建成年份": 2005}
    assert type(x.attributes["households"]) is int
    assert "households" not in s.get("望月湖街道/桐梓坡社区/枫林小区").attributes  # type: ignore[union-attr]
    assert s.get("望月湖街道/西湖社区/铁路新村").attributes["origin"] == "work_unit"  # type: ignore[union-attr]
    assert [(o.id, o.kind, o.name, o.unit) for o in s.organizations] == [
        (
            "望月湖街道/桐梓坡社区/锦绣小区/property_company",
            "property_company",
            "锦绣物业",
            "望月湖街道/桐梓坡社区/锦绣小区",
        ),
        (
            "望月湖街道/西湖社区/铁路新村/property_company",
            "property_company",
            "路安物业",
            "望月湖街道/西湖社区/铁路新村",
        ),
        (
            "望月湖街道/桐梓坡社区/锦绣小区/owners_committee",
            "owners_committee",
            "",
            "望月湖街道/桐梓坡社区/锦绣小区",
        ),
        (
            "望月湖街道/西湖社区/桃源小区/owners_committee",
            "owners_committee",
            "",
            "望月湖街道/西湖社区/桃源小区",
        ),
    ]
    assert govmodel.validate(s) == ()
    # stable: the same table gives the same structure, and so does shuffling its rows
    assert structure_from_table(_table(), levels=LEVELS, rename=RENAME).units == (
        structure_from_table(_table(), levels=LEVELS, rename=RENAME).units
    )
    shuffled = structure_from_table(_table().iloc[::-1], levels=LEVELS, rename=RENAME)
    assert {u.id: u for u in shuffled.units} == {
        u.id: u for u in structure_from_table(_table(), levels=LEVELS, rename=RENAME).units
    }


def test_table_attribute_selection_and_ids_column() -> None:
    table = _table()
    table["编号"] = ["X1", "X2", "X3", "X4"]
    s = structure_from_table(
        table, levels=LEVELS, id="编号", attributes=["户数"], rename={"户数": "households"}
    )
    assert [u.id for u in s.units if u.kind == "compound"] == ["X1", "X2", "X3", "X4"]
    assert s.get("X3").attributes == {"households": 815}  # type: ignore[union-attr]
    assert s.get("X3").parent == "望月湖街道/西湖社区"  # type: ignore[union-attr]


def test_table_slash_in_names_keeps_ids_unique() -> None:
    table = pd.DataFrame({"社区": ["a/b", "a"], "小区": ["c", "b/c"]})
    s = structure_from_table(table, levels={"community": "社区", "compound": "小区"})
    ids = [u.id for u in s.units]
    assert len(set(ids)) == len(ids) == 4
    assert s.get("a%2Fb/c").name == "c"  # type: ignore[union-attr]


def test_table_one_row_per_unit() -> None:
    table = pd.DataFrame(
        {
            "编号": ["s1", "c1", "x1", "x2"],
            "类别": ["街道", "社区", "小区", "compound"],
            "上级": [None, "s1", "c1", "c1"],
            "名称": ["望月湖街道", "桐梓坡社区", "锦绣小区", "枫林小区"],
            "户数": [None, 4220, 420, 300],
        }
    )
    s = structure_from_table(
        table, id="编号", kind="类别", parent="上级", name="名称", rename=RENAME
    )
    assert [(u.id, u.kind, u.parent, u.name) for u in s.units] == [
        ("s1", "street", None, "望月湖街道"),
        ("c1", "community", "s1", "桐梓坡社区"),
        ("x1", "compound", "c1", "锦绣小区"),
        ("x2", "compound", "c1", "枫林小区"),
    ]
    assert s.get("c1").attributes == {"households": 4220}  # type: ignore[union-attr]
    # a kind that is no column is the kind of every row
    flat = structure_from_table(table[["编号", "名称"]], id="编号", kind="小区", name="名称")
    assert {u.kind for u in flat.units} == {"compound"}


def test_table_errors_name_rows_and_columns() -> None:
    table = _table()
    table.loc[1, "社区"] = None  # no community
    table.loc[2, "户数"] = -5  # a negative count
    table.loc[3, "类型"] = "商品楼"  # not an origin
    table.loc[4] = ["锦绣小区", "桐梓坡社区", "望月湖街道", 1, "商品房", 2000, None, None]
    with pytest.raises(SpecError) as info:
        structure_from_table(table, levels=LEVELS, rename=RENAME)
    # structural problems first, all at once
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("missing-field", "$.rows[1].社区"),
        ("duplicate-id", "$.rows[4].小区"),
    ]
    assert "row 0" in info.value.problems[1].message
    table = table.drop(index=[1, 4])
    with pytest.raises(SpecError) as info:
        structure_from_table(table, levels=LEVELS, rename=RENAME)
    # rows are counted by position, as table.iloc does, after the drop
    assert sorted((p.path, p.code) for p in info.value.problems) == [
        ("$.rows[1].户数", "negative-count"),
        ("$.rows[2].类型", "unknown-term"),
    ]
    # without validation, the structure is built as it is
    s = structure_from_table(table, levels=LEVELS, rename=RENAME, validate=False)
    assert s.units[-1].attributes["origin"] == "商品楼"


def test_table_errors_on_unknown_kinds_and_organizations() -> None:
    table = pd.DataFrame({"社区": ["c"], "小区": ["x"], "物业": ["某物业"]})
    with pytest.raises(SpecError) as info:
        structure_from_table(
            table,
            levels={"comunity": "社区", "compound": "小区"},
            organizations={"property_compny": "物业"},
        )
    assert {(p.code, p.path) for p in info.value.problems} == {
        ("unknown-term", "$.rows[0].社区"),
        ("unknown-term", "$.rows[0].物业"),
    }
    assert any("community" in p.message for p in info.value.problems)


def test_table_wrong_cell_type() -> None:
    table = pd.DataFrame({"小区": ["x", "y"], "备注": [{"a": 1}, "ok"]})
    with pytest.raises(SpecError) as info:
        structure_from_table(table, levels={"compound": "小区"})
    assert [(p.code, p.path) for p in info.value.problems] == [("wrong-type", "$.rows[0].备注")]


def test_table_dates_become_iso_strings() -> None:
    table = pd.DataFrame({"小区": ["x"], "成立": [pd.Timestamp("2021-06-30")]})
    s = structure_from_table(table, levels={"compound": "小区"})
    assert s.units[0].attributes == {"成立": "2021-06-30"}


def test_table_argument_errors() -> None:
    with pytest.raises(KeyError, match="no column '区'"):
        structure_from_table(_table(), levels={"district": "区"})
    with pytest.raises(ValueError, match=r"levels= \(hierarchical columns\) or id="):
        structure_from_table(_table())
    with pytest.raises(ValueError, match="only without levels="):
        structure_from_table(_table(), levels=LEVELS, parent="社区")


def test_missing_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependencyError, match=r"govmodel\[pandas\]"):
        to_frames(_typed())
    with pytest.raises(ImportError, match="to_frames"):
        to_frames(_typed())


# -- the guide --------------------------------------------------------------------------------

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "guide" / "frames.md"
FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def test_the_guide_runs_and_says_what_happens() -> None:
    namespace: dict[str, Any] = {"__name__": "guide"}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for i, code in enumerate(FENCE.findall(GUIDE.read_text(encoding="utf-8")), 1):
            exec(compile(code, f"{GUIDE.name}, python block {i}", "exec"), namespace)
    s = namespace["s"]
    assert repr(s) == "<Structure 'wangyuehu', units=7, organizations=4>"
    assert s.get("望月湖街道/桐梓坡社区/锦绣小区").attributes == {
        "households": 420,
        "origin": "commodity",
        "built": 2005,
    }
    assert [(u.id, u.kind, u.parent) for u in namespace["flat"].units] == [
        ("s1", "street", None),
        ("c1", "community", "s1"),
        ("x1", "compound", "c1"),
    ]
    assert [(p.path, p.code) for p in namespace["problems"]] == [
        ("$.rows[2].户数", "negative-count"),
        ("$.rows[3].类型", "unknown-term"),
    ]
    printed = out.getvalue()
    assert "$.rows[1].社区: missing-field" in printed
    assert "$.rows[2].户数: negative-count" in printed


# -- hostile frames and tables ----------------------------------------------------------------


def test_a_column_that_is_not_a_string_is_a_spec_error_whatever_its_values() -> None:
    s = govmodel.datasets.load("xihu")
    for value in ("x", "x" * 200_000, 5):
        nodes, edges = to_frames(s)
        nodes[7] = None
        nodes.loc["xh-c1", 7] = value
        edges[(1, 2)] = None
        with pytest.raises(SpecError) as info:
            from_frames(nodes, edges)
        assert info.value.codes == ("wrong-type", "wrong-type")
        paths = [p.path for p in info.value.problems]
        assert paths == [
            f"nodes.columns[{len(nodes.columns) - 1}]",
            f"edges.columns[{len(edges.columns) - 1}]",
        ]
        assert "not 7 (int)" in info.value.problems[0].message


def test_from_frames_lists_at_most_max_problems() -> None:
    n = 3000
    nodes = pd.DataFrame(
        {"entity": ["unit"] * n}, index=pd.Index([f"u{i}" for i in range(n)], name="id")
    )
    edges = pd.DataFrame({"source": [], "target": []})
    with pytest.raises(SpecError) as info:
        from_frames(nodes, edges, limits=govmodel.Limits(max_problems=50))
    assert len(info.value.problems) == 51
    assert info.value.codes[-1] == "too-many-problems"


def test_structure_from_table_lists_at_most_max_problems() -> None:
    n = 5000
    table = pd.DataFrame({"编号": [None] * n, "类别": ["小区"] * n})
    with pytest.raises(SpecError) as info:
        structure_from_table(table, id="编号", kind="类别", limits=govmodel.Limits(max_problems=20))
    assert len(info.value.problems) == 21
    assert info.value.codes[-1] == "too-many-problems"
    # and among the validator's problems too
    table = pd.DataFrame(
        {"编号": [f"x{i}" for i in range(n)], "类别": ["小区"] * n, "户数": [-1] * n}
    )
    with pytest.raises(SpecError) as info:
        structure_from_table(
            table,
            id="编号",
            kind="类别",
            rename={"户数": "households"},
            limits=govmodel.Limits(max_problems=20),
        )
    assert len(info.value.problems) <= 21
    assert info.value.codes[-1] == "too-many-problems"
    # the default limit holds as well
    with pytest.raises(SpecError) as info:
        structure_from_table(table, id="编号", kind="类别", rename={"户数": "households"})
    assert len(info.value.problems) == 1001


FORMULAS = [
    '=HYPERLINK("http://evil.example","x")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1",
    "\r=1",
    "＝1+1",
    "'quoted",
    "''twice",
    "plain",
    "",
    "a=b",
]


def _formula_structure() -> Structure:
    units = [Unit("=c1", "community", FORMULAS[0])]
    units += [
        Unit(f"x{i}", "compound", text, "=c1", attributes={"note": text, text or "empty": 1})
        for i, text in enumerate(FORMULAS)
    ]
    return Structure(units=units, metadata=Metadata(name="=formula"))


def test_safe_frames_escape_every_formula_and_read_back_exactly() -> None:
    s = _formula_structure()
    nodes, edges = to_frames(s, safe=True)
    cells = [*nodes.index, *nodes.columns, *edges.columns]
    for c in nodes.columns:
        cells += list(nodes[c])
    for c in edges.columns:
        cells += list(edges[c])
    texts = [c for c in cells if isinstance(c, str)]
    assert not [t for t in texts if t[:1] in ("=", "+", "-", "@", "\t", "\r", "＝")]
    assert '\'=HYPERLINK("http://evil.example","x")' in texts
    assert "'''twice" in texts
    assert same(from_frames(nodes, edges, safe=True), s)
    # without the read option the escapes stay, visibly
    assert from_frames(nodes, edges).get("x3").name == "'@SUM(A1:A2)"
    # unsafe frames keep the text as it is
    assert same(from_frames(*to_frames(s)), s)


@given(gst.structures())
def test_safe_round_trip_property(s: Structure) -> None:
    ids = [e.id for e in s.entities()]
    assume(len(set(ids)) == len(ids))
    assert same(from_frames(*to_frames(s, safe=True), safe=True), s)


def test_write_csv_is_safe_by_default(tmp_path: Path) -> None:
    s = _formula_structure()
    write_csv(s, tmp_path / "n.csv", tmp_path / "e.csv")
    import csv

    for name in ("n.csv", "e.csv"):
        with open(tmp_path / name, encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                for cell in row:
                    assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r", "＝"), (name, cell)
    nodes = pd.read_csv(tmp_path / "n.csv", dtype=str, keep_default_na=False)
    assert "'=c1" in set(nodes["id"])
    write_csv(s, tmp_path / "n2.csv", tmp_path / "e2.csv", safe=False)
    assert "=c1" in set(pd.read_csv(tmp_path / "n2.csv", dtype=str)["id"])
