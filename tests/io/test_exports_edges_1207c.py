"""Every export read back by a tool that is not govmodel's, at the edges of what it holds.

Structures with awkward ids and names (numbers, quotes, carriage returns, ``*``), the empty
structure, a lone unit, isolated people, parallel ties and self-ties, attributes of every
scalar type; each export read by pandas, igraph, networkx, rdflib, jsonschema or R (where
installed), and what that reader sees compared with the structure.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import urllib.parse
import zipfile
from pathlib import Path
from typing import Any

import pytest

import govmodel
from govmodel.io import research
from govmodel.spec import Organization, Person, Post, Structure, Tie, Unit

pd = pytest.importorskip("pandas")


def unzip(data: str | bytes) -> zipfile.ZipFile:
    assert isinstance(data, bytes)
    return zipfile.ZipFile(io.BytesIO(data))


def edgy() -> Structure:
    """Awkward ids and names, an isolated unit and person, parallel ties and a self-tie."""
    units = [
        Unit("d", "district", 'Dist "q" \t tab\nnewline', attributes={"b": True, "i": 7}),
        Unit("123", "street", "数字 id", parent="d", attributes={"b": False, "i": 1}),
        Unit("a b", "community", "  spaces  ", parent="123"),
        Unit("é<&>'\"", "compound", "<xml> & 'q'", parent="a b"),
        Unit("lone", "compound", ""),
    ]
    people = [Person("p1", "张三"), Person("p2", 'O"Neil\n'), Person("iso", "isolated")]
    return Structure(
        units=units,
        organizations=[Organization("o1", "owners_committee", "业委会", unit="123")],
        people=people,
        posts=[Post("po1", "p1", "o1", "chair", "2019", "2021")],
        ties=[
            Tie("t1", "p1", "p2", "spouse_of"),
            Tie("t2", "p1", "p2", "spouse_of"),
            Tie("t3", "o1", "o1", "links", "2020-02-29", "2020-02-29"),
        ],
    )


# -- CSV tables: a carriage return inside a field ----------------------------------------------


def _carriage_returns() -> Structure:
    return Structure(
        units=[
            Unit("d", "district", "a\rb"),
            Unit("e", "street", "x\r\ny", parent="d"),
            Unit("f", "street", "plain", parent="d"),
        ]
    )


@pytest.mark.parametrize(
    ("fmt", "member"), [("spells", "vertex_spells.csv"), ("ucinet", "nodes.csv")]
)
def test_csv_field_with_a_lone_carriage_return_stays_in_its_row(fmt: str, member: str) -> None:
    # the csv module quotes only the characters of its line end ("\n"): "a\rb" was written
    # bare, and pandas and R end a row at the "\r", reading four rows for three nodes
    text = unzip(govmodel.io.export(_carriage_returns(), fmt)).read(member)
    df = pd.read_csv(io.BytesIO(text), dtype=str, keep_default_na=False)
    assert df["name"].tolist() == ["a\rb", "x\r\ny", "plain"]
    assert b'"a\rb"' in text  # quoted
    # the header and three rows, each ending "\n" (and one "\n" inside "x\r\ny")
    assert text.replace(b'"x\r\ny"', b"").count(b"\n") == 4
    assert b"\r\n" not in text.replace(b'"x\r\ny"', b"")


def test_csv_field_with_a_carriage_return_read_by_r(tmp_path: Path) -> None:
    if shutil.which("Rscript") is None:
        pytest.skip("R is not installed")
    path = tmp_path / "x.zip"
    govmodel.io.export(_carriage_returns(), "spells", path)
    script = f'v <- read.csv(unz("{path}", "vertex_spells.csv"), encoding = "UTF-8"); cat(nrow(v))'
    out = subprocess.run(["Rscript", "-e", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "3"


def test_csv_tables_otherwise_unchanged() -> None:
    z = unzip(govmodel.io.export(edgy(), "spells"))
    raw = z.read("vertex_spells.csv").decode("utf-8")
    assert raw.startswith("onset,terminus,vertex_id,id,entity,kind,name,onset_date,")
    assert "\r" not in raw
    assert '"Dist ""q"" \t tab\nnewline"' in raw  # quoted as before, "\n" kept inside
    assert raw.endswith(",,\n")


# -- Pajek: "*" in a label ---------------------------------------------------------------------

STARRED = ["*Arcs", "*arcs", "x *Edges", "*Matrix", "a*b", "*"]


def _starred() -> Structure:
    units = [Unit("root", "district")] + [Unit(i, "street", parent="root") for i in [*STARRED, "z"]]
    return Structure(units=units)


def test_pajek_escapes_a_star_in_labels() -> None:
    text = govmodel.io.export(_starred(), "pajek")
    assert isinstance(text, str)
    lines = text.splitlines()
    vertices = lines[1 : 1 + len(STARRED) + 2]
    # R's network::read.paj takes any line holding "*arcs", "*edges" or "*matrix" (any case)
    # for the start of a section, and then refused the file
    assert not any("*" in line for line in vertices)
    assert '"%2AArcs"' in text
    assert '"a%2Ab"' in text
    ids = [urllib.parse.unquote(line.split('"')[1]) for line in vertices]
    assert ids == ["root", *STARRED, "z"]


def test_pajek_with_stars_read_by_networkx_and_igraph(tmp_path: Path) -> None:
    import networkx as nx

    path = tmp_path / "x.net"
    govmodel.io.export(_starred(), "pajek", path)
    expected = ["root", *STARRED, "z"]
    H = nx.read_pajek(path)
    assert [urllib.parse.unquote(n) for n in H] == expected
    assert H.number_of_edges() == len(STARRED) + 1
    igraph = pytest.importorskip("igraph")
    g = igraph.Graph.Read_Pajek(str(path))
    assert [urllib.parse.unquote(n) for n in g.vs["name"]] == expected
    assert g.ecount() == len(STARRED) + 1


def _r_has(package: str) -> bool:
    if shutil.which("Rscript") is None:
        return False
    out = subprocess.run(
        ["Rscript", "-e", f"cat(requireNamespace('{package}', quietly = TRUE))"],
        capture_output=True,
        text=True,
    )
    return out.stdout.strip() == "TRUE"


@pytest.mark.parametrize("which", ["starred", "edgy"])
def test_pajek_read_by_r_network(which: str, tmp_path: Path) -> None:
    if not _r_has("network"):
        pytest.skip("R's network package is not installed")
    s = _starred() if which == "starred" else edgy()
    path = tmp_path / "x.net"
    govmodel.io.export(s, "pajek", path)
    script = (
        "suppressMessages(library(network)); options(warn = 2); "
        f'n <- read.paj("{path}"); '
        "cat(network.size(n), network.edgecount(n), sep = '\\n'); "
        "cat(sapply(network.vertex.names(n), URLdecode), sep = '\\n')"
    )
    out = subprocess.run(["Rscript", "-e", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    G = govmodel.to_graph(s)
    lines = out.stdout.split("\n")
    assert lines[:2] == [str(G.number_of_nodes()), str(G.number_of_edges())]
    # R's cat keeps a name's newline: compare the names joined
    assert "\n".join(lines[2:]).rstrip("\n") == "\n".join(str(n) for n in G)


# -- Stata: text columns with no values ---------------------------------------------------------


@pytest.mark.parametrize(
    ("s", "member", "columns"),
    [
        (Structure(), "nodes.dta", ["id"]),
        (Structure(), "edges.dta", ["source", "target", "key"]),
        (Structure(units=[Unit("x", "district")]), "edges.dta", ["source", "target", "key"]),
        (Structure(people=[Person("p"), Person("q")]), "edges.dta", ["source", "target", "key"]),
    ],
    ids=["empty-nodes", "empty-edges", "lone-unit-edges", "isolated-people-edges"],
)
def test_stata_ids_are_text_in_a_table_of_no_rows(
    s: Structure, member: str, columns: list[str]
) -> None:
    # an empty column of objects was written as a double: a table of no edges could not be
    # appended to another export's (Stata: "variable source is str in master but float in
    # using data"), and R's haven read the ids as numbers
    back = pd.read_stata(io.BytesIO(unzip(govmodel.io.export(s, "stata")).read(member)))
    assert len(back) == 0
    for c in columns:
        assert not pd.api.types.is_numeric_dtype(back[c])  # str#, no longer a double


def test_to_stata_an_all_missing_string_column_is_text() -> None:
    from govmodel.io.research import to_stata

    df = pd.DataFrame(
        {
            "gaps": pd.array([None, None], dtype="string"),
            "some": pd.array(["x", None], dtype="string"),
        }
    )
    back = pd.read_stata(io.BytesIO(to_stata(df)))
    assert back["gaps"].tolist() == ["", ""]
    assert back["some"].tolist() == ["x", ""]


def test_stata_of_edgy_read_by_haven(tmp_path: Path) -> None:
    if not _r_has("haven"):
        pytest.skip("R's haven package is not installed")
    z = unzip(govmodel.io.export(Structure(units=[Unit("x", "district")]), "stata"))
    path = tmp_path / "edges.dta"
    path.write_bytes(z.read("edges.dta"))
    script = f'library(haven); d <- read_dta("{path}"); cat(sapply(d, class), sep = ",")'
    out = subprocess.run(["Rscript", "-e", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "character,character,character"


# -- what the independent readers see of the whole edgy structure ------------------------------


def test_ucinet_of_edgy_read_by_igraph(tmp_path: Path) -> None:
    igraph = pytest.importorskip("igraph")
    s = edgy()
    G = govmodel.to_graph(s)
    z = unzip(govmodel.io.export(s, "ucinet"))
    nodes = pd.read_csv(io.BytesIO(z.read("nodes.csv")), dtype=str, keep_default_na=False)
    assert len(nodes) == G.number_of_nodes()
    total = 0
    for name in z.namelist():
        if name.endswith(".dl"):
            path = tmp_path / name
            path.write_bytes(z.read(name))
            g = igraph.Graph.Read_DL(str(path), directed=True)
            assert g.vcount() == G.number_of_nodes()
            total += int(sum(g.es["weight"]))
    assert total == G.number_of_edges()  # the parallel ties counted, the self-tie kept


def test_spells_of_edgy_read_by_pandas() -> None:
    s = edgy()
    G = govmodel.to_graph(s)
    z = unzip(govmodel.io.export(s, "spells", None))
    text: dict[str, Any] = {"id": str, "name": str, "edge_id": str}
    v = pd.read_csv(io.BytesIO(z.read("vertex_spells.csv")), dtype=text, keep_default_na=False)
    e = pd.read_csv(io.BytesIO(z.read("edge_spells.csv")), dtype=text, keep_default_na=False)
    assert len(e) == G.number_of_edges()
    assert sorted(set(v.vertex_id)) == list(range(1, G.number_of_nodes() + 1))
    assert v.id.tolist()[:2] == ["d", "123"]
    assert v.name.tolist()[0] == 'Dist "q" \t tab\nnewline'
    self_tie = e[e.edge_id == "t3"].iloc[0]
    assert (self_tie["tail"], self_tie["head"]) == (6, 6)
    assert self_tie.terminus - self_tie.onset == 1  # one day, half-open


# -- to_stata: dates and values of no JSON type ------------------------------------------------


def test_to_stata_dates_are_iso_text() -> None:
    # a datetime64 column, or one of dates, ended in "Object of type Timestamp is not JSON
    # serializable" from deep inside the conversion
    import datetime as dt

    from govmodel.io.research import to_stata

    df = pd.DataFrame(
        {
            "when": pd.to_datetime(["2020-01-01 12:30", None]),
            "day": [dt.date(2020, 2, 29), None],
            "none": pd.to_datetime([None, None]),
        }
    )
    back = pd.read_stata(io.BytesIO(to_stata(df)))
    assert back["when"].tolist() == ["2020-01-01T12:30:00", ""]
    assert back["day"].tolist() == ["2020-02-29", ""]
    assert back["none"].tolist() == ["", ""]


def test_to_stata_a_value_of_no_json_type_is_refused_naming_its_column() -> None:
    from govmodel.io.research import to_stata

    df = pd.DataFrame({"ok": [1, 2], "span": pd.to_timedelta(["1 day", None])})
    with pytest.raises(TypeError, match="column 'span': a value of type Timedelta"):
        to_stata(df)


# -- UCINET: a relation starting with "-" names no file ----------------------------------------


def test_ucinet_file_of_a_relation_starting_with_a_dash() -> None:
    # a graph's relation "-x" named the file "-x.dl": an option to a command line, and a
    # formula in relations.csv, whose file column is not escaped
    import networkx as nx

    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="k", relation="-x")
    G.add_edge("a", "b", key="k2", relation="x-")
    z = unzip(research.export_ucinet(G))
    names = z.namelist()
    assert names == ["nodes.csv", "relations.csv", "relation1.dl", "x-.dl"]
    table = pd.read_csv(io.BytesIO(z.read("relations.csv")), dtype=str, keep_default_na=False)
    assert table.file.tolist() == ["relation1.dl", "x-.dl"]
    assert table.relation.tolist() == ["'-x", "x-"]  # escaped for spreadsheets


# -- found in other modules (left to their owners) ----------------------------------------------


def test_graphml_escapes_a_name_starting_with_its_escape_as_documented(tmp_path: Path) -> None:
    # GraphML keeps an edge's key in "key", escaped as GEXF escapes its names: a name
    # starting with "gm." gets another, on nodes and edges, and reads back as it was
    import networkx as nx

    s = Structure(
        units=[Unit("d", "district", attributes={"gm.x": 1})],
        organizations=[Organization("rc", "residents_committee", unit="d")],
        ties=[Tie("t", "rc", "d", "serves", attributes={"gm.y": 2})],
    )
    path = tmp_path / "x.graphml"
    govmodel.io.export(s, "graphml", path)
    G = nx.read_graphml(path)
    assert G.nodes["d"]["gm.gm.x"] == 1
    (edge,) = [d for _, _, d in G.edges(data=True) if d.get("key") == "t"]
    assert edge["gm.gm.y"] == 2
    assert govmodel.io.graphfiles.import_graphml(path.read_bytes()) == s
