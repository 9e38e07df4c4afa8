"""Edges of the pandas frames and tables: graphs with tuple node ids, missing ids, frames of no
rows and of MultiIndex columns, lone surrogates, the frames of assessments and panels, tables
read without a header or whose cells say nothing in the ways spreadsheets do, numpy scalars in
object columns (to structures and to Stata), and division codes read as numbers."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

import govmodel
from govmodel.io.frames import graph_from_frames, structure_from_table, to_frames

pd = pytest.importorskip("pandas")

LEVELS = {"community": "社区", "compound": "小区"}


# -- frames of a graph ------------------------------------------------------------------------


def test_to_frames_takes_a_graph_whose_node_ids_are_tuples() -> None:
    # pandas made an index of tuples a MultiIndex, and to_frames failed on its name:
    # "ValueError: Names should be list-like for a MultiIndex" (nx.grid_2d_graph's nodes)
    G = nx.grid_2d_graph(2, 3)
    nx.set_node_attributes(G, 1, "w")
    nodes, edges = to_frames(G)
    assert nodes.index.name == "id"
    assert nodes.index.nlevels == 1
    assert nodes.index.tolist() == list(G.nodes)
    assert edges["source"].tolist()[0] == (0, 0)
    H = graph_from_frames(nodes, edges)
    assert list(H.nodes(data=True)) == list(G.nodes(data=True))
    assert sorted(H.edges()) == sorted(G.edges())
    M = nx.MultiDiGraph()
    M.add_edge(("a", 1), ("b", 2), key=("k", 1), w=0.5)
    assert list(graph_from_frames(*to_frames(M)).edges(keys=True, data=True)) == [
        (("a", 1), ("b", 2), ("k", 1), {"w": 0.5})
    ]


def test_a_missing_id_or_end_is_null_at_its_cell_not_a_node_named_nan() -> None:
    # the str columns to_frames makes hold a missing value as NaN: it became a node nan,
    # reported as "nodes[nan]: node ids are strings, not a number", neither row nor column
    from govmodel import SpecError
    from govmodel.io.frames import from_frames

    nodes, edges = to_frames(govmodel.datasets.load("xihu"))
    cases = [
        (nodes, edges.assign(source=edges["source"].where(edges.index != 3)), "edges.source[3]"),
        (nodes, edges.assign(target=edges["target"].where(edges.index != 4)), "edges.target[4]"),
        (nodes.rename(index={nodes.index[2]: None}), edges, "nodes.index[2]"),
        (
            nodes.reset_index().astype({"id": object}).replace({"xh-cm": pd.NA}),
            edges,
            "nodes.id[2]",
        ),
    ]
    assert nodes.index[2] == "xh-cm"
    for n, e, path in cases:
        with pytest.raises(SpecError) as info:
            from_frames(n, e)
        assert [(p.code, p.path) for p in info.value.problems] == [("wrong-type", path)]
        assert info.value.problems[0].message.endswith("is a string, not null")


def test_graph_from_frames_reads_no_level_of_multiindex_columns_as_a_column() -> None:
    # "source" in a MultiIndex is true of its first level, and edges["source"] a frame:
    # AttributeError: 'DataFrame' object has no attribute 'tolist'
    from govmodel import SpecError

    nodes, edges = to_frames(govmodel.datasets.load("xihu"))
    two = edges.set_axis(pd.MultiIndex.from_tuples([(c, "x") for c in edges.columns]), axis=1)
    with pytest.raises(SpecError) as info:
        graph_from_frames(nodes, two)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("missing-field", "edges.source"),
        ("missing-field", "edges.target"),
    ]


def test_frames_of_no_edges_have_the_dtypes_of_ids() -> None:
    # the ends and keys of no edge were of object, and pd.concat with another structure's
    # frames turned its ids to object too
    from govmodel.io.frames import from_frames
    from govmodel.spec import Structure, Unit

    lone = Structure(units=[Unit("c", "community")])
    _, no_edges = to_frames(lone)
    assert no_edges.dtypes.astype(str).to_dict() == {"source": "str", "target": "str", "key": "str"}
    _, edges = to_frames(govmodel.datasets.load("xihu"))
    both = pd.concat([no_edges, edges], ignore_index=True)
    assert [str(both[c].dtype) for c in ("source", "target", "key")] == ["str", "str", "str"]
    nodes, edges = to_frames(Structure())
    assert (str(nodes.index.dtype), nodes.index.name) == ("str", "id")
    assert from_frames(nodes, edges) == Structure()
    assert from_frames(*to_frames(lone)) == lone


def test_write_csv_refuses_a_lone_surrogate_where_it_is(tmp_path: Path) -> None:
    # a bare UnicodeEncodeError ("position 28"), where every other writer names the string
    from govmodel import SpecError
    from govmodel.io.frames import write_csv
    from govmodel.spec import Structure, Unit

    s = Structure(units=[Unit("c", "community", attributes={"x": "a\ud800"})])
    with pytest.raises(SpecError) as info:
        write_csv(s, tmp_path / "n.csv", tmp_path / "e.csv")
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("invalid-string", "$.units[0].attributes.x")
    ]
    assert list(tmp_path.iterdir()) == []


# -- frames of an assessment ------------------------------------------------------------------


def test_the_rules_frame_of_a_model_without_rules_has_the_dtypes_of_one_with_rules() -> None:
    # a model of measures alone (models.helpers' Figures) gave object columns, findings too
    from govmodel.models import GovernanceModel
    from govmodel.models.helpers import published_figure

    class Figures(GovernanceModel):
        name = "figures_1207c"
        title = "Published figures"
        compounds = published_figure("compounds", "compounds (published)", "小区数")

    s = govmodel.datasets.load("yuetang")
    empty = govmodel.assess(s, Figures).to_frame("rules")
    full = govmodel.assess(s, "four_level").to_frame("rules")
    assert len(empty) == 0
    assert list(empty.columns) == list(full.columns)
    assert empty.dtypes.astype(str).tolist() == full.dtypes.astype(str).tolist()
    assert full.dtypes.astype(str).tolist() == ["str", "str", "str", "str", "Int64", "int64"]


def _surrogate_structure() -> govmodel.Structure:
    from govmodel.spec import Organization, Structure, Unit

    return Structure(
        units=[
            Unit("s", "street"),
            Unit("c", "community", parent="s"),
            Unit("x\ud800", "compound", "名", parent="c"),
            Unit("y", "compound", parent="c"),
        ],
        organizations=[Organization("pb", "compound_party_branch", unit="x\ud800")],
    )


def test_frames_of_an_assessment_keep_a_unit_id_no_str_column_holds() -> None:
    # to_frames keeps a lone surrogate in an object column; Assessment.to_frame and panel
    # failed with UnicodeEncodeError from pandas' Arrow-backed str
    from govmodel.panel import panel

    s = _surrogate_structure()
    frame = govmodel.assess(s, "four_level").to_frame()
    assert "x\ud800" in set(frame["unit"])
    assert frame.dtypes.astype(str).tolist() == ["object", "str", "str", "float64", "str"]
    df = panel({"p": s}, "four_level", units="all")
    assert "x\ud800" in set(df["unit"])
    assert df.dtypes.astype(str).tolist() == ["str", "str", "str", "str", "object", "float64"]
    df = panel({"p\udc00": s}, "four_level", units="none")
    assert set(df["place"]) == {"p\udc00"}
    assert df.dtypes.astype(str).tolist() == ["object", "str", "str", "str", "str", "float64"]


# -- tables -----------------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["N/A", "n/a", "null", "NULL", " 不是 ", "off"])
def test_an_organization_cell_that_says_nothing_makes_no_organization(cell: str) -> None:
    # a property company named "N/A" was made: the organizations column read only
    # 无/否/no/none/false/0 as no, where models.helpers.truthy reads these as no too
    table = pd.DataFrame({"社区": ["c", "c"], "小区": ["a", "b"], "物业": [cell, "锦绣物业"]})
    s = structure_from_table(table, levels=LEVELS, organizations={"property_company": "物业"})
    assert [(o.id, o.name) for o in s.organizations] == [("c/b/property_company", "锦绣物业")]


def test_a_blank_id_cell_is_an_empty_one_with_levels() -> None:
    # read_csv(keep_default_na=False) gives "" where read_excel gives NaN: a NaN id cell
    # took the path of names, a blank one made the id "" (invalid-id)
    for blank in ("", "  "):
        table = pd.DataFrame(
            {"社区": ["c", "c", "c"], "小区": ["a", "b", "d"], "编号": ["X1", blank, None]}
        )
        s = structure_from_table(table, levels=LEVELS, id="编号")
        assert [u.id for u in s.units] == ["c", "X1", "c/b", "c/d"]


def test_kinds_named_in_the_arguments_are_read_in_any_case_as_in_the_cells() -> None:
    # a cell "Community" read as community, but levels={"Community": ...} was an unknown kind
    # and kind="Compound" a KeyError (no such column)
    table = pd.DataFrame({"社区": ["c"], "小区": ["x"], "业委会": ["有"]})
    s = structure_from_table(
        table,
        levels={"Community": "社区", "Residential Compound": "小区"},
        organizations={"Owners_Committee": "业委会"},
    )
    assert [u.kind for u in s.units] == ["community", "compound"]
    assert [o.kind for o in s.organizations] == ["owners_committee"]
    flat = structure_from_table(table, id="小区", kind="Compound")
    assert [u.kind for u in flat.units] == ["compound"]


def test_a_table_read_without_a_header_is_named_by_its_column_numbers() -> None:
    # pd.read_excel(header=None) names the columns 0, 1, 2: levels={"community": 0} was a
    # KeyError "the table has no column 0; its columns are '0', '1', …"
    table = pd.DataFrame([["c", "a", 3, "锦绣物业"], ["c", "b", 4, None]])
    s = structure_from_table(
        table,
        levels={"community": 0, "compound": 1},  # type: ignore[dict-item]
        rename={2: "households"},  # type: ignore[dict-item]
        organizations={"property_company": 3},  # type: ignore[dict-item]
    )
    assert [(u.id, dict(u.attributes)) for u in s.units] == [
        ("c", {}),
        ("c/a", {"households": 3}),
        ("c/b", {"households": 4}),
    ]
    assert [o.name for o in s.organizations] == ["锦绣物业"]
    flat = pd.DataFrame([["s1", "street", None], ["c1", "community", "s1"]])
    s = structure_from_table(flat, id=0, kind=1, parent=2)  # type: ignore[arg-type]
    assert [(u.id, u.kind, u.parent) for u in s.units] == [
        ("s1", "street", None),
        ("c1", "community", "s1"),
    ]


def test_a_cell_of_the_wrong_type_is_shown_short() -> None:
    # the message held the cell's whole repr: 50 cells of a list of 200,000 numbers made an
    # error of 74 MB
    from govmodel import SpecError

    n = 50
    table = pd.DataFrame(
        {"社区": ["c"] * n, "小区": [f"x{i}" for i in range(n)], "备注": [list(range(200_000))] * n}
    )
    with pytest.raises(SpecError) as info:
        structure_from_table(table, levels=LEVELS)
    assert [p.path for p in info.value.problems] == [f"$.rows[{i}].备注" for i in range(n)]
    assert all(len(p.message) < 300 for p in info.value.problems)
    assert "(list), not text, a number or a boolean" in info.value.problems[0].message


def test_a_unit_given_twice_is_shown_short() -> None:
    # each duplicate-id message held the whole id: a name of 100,000 characters on 1,000
    # rows made an error of 100 million
    from govmodel import SpecError

    n, name = 50, "长" * 100_000
    for table, kw in (
        (pd.DataFrame({"社区": ["c"] * n, "小区": [name] * n}), {"levels": LEVELS}),
        (pd.DataFrame({"id": [name] * n, "kind": ["compound"] * n}), {"id": "id", "kind": "kind"}),
    ):
        with pytest.raises(SpecError) as info:
            structure_from_table(table, **kw)
        assert info.value.codes == ("duplicate-id",) * (n - 1)
        assert all(len(p.message) < 300 for p in info.value.problems)
        assert "…(+99,9" in info.value.problems[0].message


def test_decimal_cells_are_numbers() -> None:
    # a Decimal (a database's NUMERIC column, Arrow's decimal128) was wrong-type: "'area' is
    # Decimal('1.50') (Decimal), not text, a number or a boolean"
    from decimal import Decimal

    table = pd.DataFrame(
        {
            "社区": ["c", "c", "c"],
            "小区": ["a", "b", "d"],
            "户数": [Decimal("420"), Decimal("NaN"), None],
            "面积": [Decimal("1.50"), Decimal("2"), Decimal("sNaN")],
        }
    )
    s = structure_from_table(table, levels=LEVELS, rename={"户数": "households"})
    typed = [{k: (type(v), v) for k, v in u.attributes.items()} for u in s.units[1:]]
    assert typed == [{"households": (int, 420), "面积": (float, 1.5)}, {"面积": (float, 2.0)}, {}]


def test_numpy_scalars_in_an_object_column_become_python_scalars() -> None:
    # numpy's float64 and str_ are a float and a str, so they were kept as they were: the
    # compound's households was np.float64(3.0), not the int 3 a float column gives
    np = pytest.importorskip("numpy")
    table = pd.DataFrame(
        {
            "社区": ["c", "c"],
            "小区": ["a", "b"],
            "户数": pd.array([np.float64(3.0), None], dtype=object),
            "面积": pd.array([np.float64(3.5), np.str_("未知")], dtype=object),
            "有": pd.array([np.bool_(True), np.int64(2)], dtype=object),
        }
    )
    s = structure_from_table(table, levels=LEVELS, rename={"户数": "households"})
    typed = [{k: (type(v), v) for k, v in u.attributes.items()} for u in s.units[1:]]
    assert typed == [
        {"households": (int, 3), "面积": (float, 3.5), "有": (bool, True)},
        {"面积": (str, "未知"), "有": (int, 2)},
    ]


# -- frames to Stata --------------------------------------------------------------------------


def test_to_stata_reads_numpy_scalars_and_booleans_in_object_columns_by_their_values() -> None:
    # an object column of np.int64 and None was written as text ("1", ""), where one of
    # Python ints is a double; booleans as objects were JSON text ("true"), where a bool
    # column is a byte and a boolean one a double
    import io

    np = pytest.importorskip("numpy")
    from govmodel.io.research import to_stata

    frame = pd.DataFrame(
        {
            "ints": pd.array([np.int64(1), None], dtype=object),
            "floats": pd.array([np.float64(2.5), None], dtype=object),
            "flags": pd.array([True, False], dtype=object),
            "np_flags": pd.array([np.bool_(True), np.bool_(False)], dtype=object),
            "gaps": pd.array([True, None], dtype=object),
            "mixed": pd.array([True, 1], dtype=object),
        }
    )
    back = pd.read_stata(io.BytesIO(to_stata(frame)))
    assert back.dtypes.astype(str).to_dict() == {
        "ints": "float64",
        "floats": "float64",
        "flags": "int8",
        "np_flags": "int8",
        "gaps": "float64",
        "mixed": "str",
    }
    assert back["ints"].tolist()[0] == 1.0
    assert back["floats"].tolist()[0] == 2.5
    assert back["flags"].tolist() == back["np_flags"].tolist() == [1, 0]
    assert back["gaps"].tolist()[0] == 1.0
    assert pd.isna(back["gaps"].tolist()[1])
    assert back["mixed"].tolist() == ["true", "1"]


# -- division codes from tables -----------------------------------------------------------------


def test_a_division_code_read_as_a_number_or_too_long_is_named_so_and_short() -> None:
    # a code read from a table as a number was "430304001001 is not a statistical division
    # code (digits only)", though its digits are all digits; a code of 100,000 digits was
    # written whole in the message
    from govmodel import SpecError
    from govmodel.identifiers import parse_division_code

    for code, said in (
        (430304001001, "430304001001 (int) is not a statistical division code: give its digits"),
        (430304001001.0, "430304001001.0 (float) is not a statistical division code"),
    ):
        with pytest.raises(SpecError) as info:
            parse_division_code(code)  # type: ignore[arg-type]
        assert said in info.value.problems[0].message
    with pytest.raises(SpecError) as info:
        parse_division_code("9" * 100_000)
    assert len(info.value.problems[0].message) < 300
    assert "(+99,920)" in info.value.problems[0].message
