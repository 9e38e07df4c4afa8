"""Tests of govmodel.io.research: UCINET, Pajek, Stata and networkDynamic spells.

Each export is read back by a reader that is not govmodel's: igraph for UCINET DL and
Pajek, networkx for Pajek too, pandas for Stata and for the spell tables.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import math
import urllib.parse
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import govmodel
from govmodel.io import research
from govmodel.io.frames import unescape_formula
from govmodel.io.research import STATA_RESERVED, stata_names, to_stata
from govmodel.spec import Organization, Person, Post, Structure, Tie, Unit, date_bounds
from govmodel.testing.linear import assert_linear
from tests.io import full_structure

pd = pytest.importorskip("pandas")
igraph = pytest.importorskip("igraph")

NAMES = govmodel.datasets.names()
AWKWARD = [
    "铁路新村",
    'say "hi"',
    "it's",
    "two  spaces",
    "=SUM(A1:A2)",
    "$x$ and $y$",
    "back\\slash",
    "50% off",
    "line\u2028sep",
    "#hash",
    "+1",
    "@home",
]


def awkward() -> Structure:
    """Units, organizations and people whose ids and names are awkward strings."""
    units = [Unit("root", "district", "区 $1")]
    orgs, people, posts, ties = [], [], [], []
    for i, text in enumerate(AWKWARD):
        uid = text if "\u2028" not in text else f"u{i}\u2028x"  # ids are awkward too
        units.append(Unit(uid, "compound", text, parent="root"))
        orgs.append(Organization(f"o {text}", "owners_committee", f"业委会 {text}", unit=uid))
        people.append(Person(f"p{i}", text))
        posts.append(Post(f"post{i}", f"p{i}", f"o {text}", "chair", start=f"{2010 + i}", end=None))
    posts.append(Post("post-x", "p0", f"o {AWKWARD[1]}", "member", "2015-06", "2016-02"))
    ties.append(Tie("t1", f"o {AWKWARD[0]}", AWKWARD[1], "serves", "2020-02-29", "2021"))
    s = Structure(units=units, organizations=orgs, people=people, posts=posts, ties=ties)
    assert govmodel.validate(s) == ()
    return s


def structures() -> list[tuple[str, Structure]]:
    return [(n, govmodel.datasets.load(n)) for n in NAMES] + [
        ("awkward", awkward()),
        ("full", full_structure()),
    ]


CASES = structures()
IDS = [name for name, _ in CASES]


def unzip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def edge_multiset(G: Any) -> Counter[tuple[str, str, str]]:
    return Counter((str(u), str(v), str(d["relation"])) for u, v, d in G.edges(data=True))


# -- ucinet -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "s"), CASES, ids=IDS)
def test_ucinet_read_by_igraph(name: str, s: Structure, tmp_path: Path) -> None:
    G = govmodel.to_graph(s)
    z = unzip(govmodel.io.export(s, "ucinet"))
    nodes = pd.read_csv(io.BytesIO(z.read("nodes.csv")), dtype=str, keep_default_na=False)
    assert list(nodes.columns) == ["label", "id", "entity", "kind", "name"]
    for column in ("id", "entity", "kind", "name"):  # written safe for spreadsheets
        nodes[column] = nodes[column].map(unescape_formula)
    assert nodes.id.tolist() == [str(n) for n in G]  # label-exact, in order
    assert nodes.name.tolist() == [str(G.nodes[n].get("name", "")) for n in G]
    assert nodes.kind.tolist() == [str(G.nodes[n].get("kind", "")) for n in G]
    assert nodes.label.is_unique
    to_id = dict(zip(nodes.label, nodes.id, strict=True))
    relations = pd.read_csv(io.BytesIO(z.read("relations.csv")), dtype={"relation": str})
    relations["relation"] = relations.relation.map(unescape_formula)
    assert set(relations.relation) == {d["relation"] for _, _, d in G.edges(data=True)}
    expected = Counter((str(u), str(v), r) for u, v, r in edge_multiset(G).elements())
    got: Counter[tuple[str, str, str]] = Counter()
    for row in relations.itertuples():
        raw = z.read(row.file)
        raw.decode("ascii")  # ASCII only: UCINET does not read Unicode
        path = tmp_path / row.file
        path.write_bytes(raw)
        g = igraph.Graph.Read_DL(str(path), directed=True)
        assert g.vs["name"] == nodes.label.tolist()
        assert sum(g.es["weight"]) == row.edges
        for e in g.es:
            u, v = g.vs[e.source]["name"], g.vs[e.target]["name"]
            w = e["weight"]
            assert w == int(w)
            assert w >= 1
            got[(to_id[u], to_id[v], row.relation)] += int(w)
    assert got == expected


def test_ucinet_labels_are_ids_where_plain() -> None:
    s = awkward()
    z = unzip(govmodel.io.export(s, "ucinet"))
    nodes = pd.read_csv(io.BytesIO(z.read("nodes.csv")), dtype=str, keep_default_na=False)
    labels = dict(zip(nodes.id, nodes.label, strict=True))
    assert labels["root"] == "root"
    assert labels["p3"] == "p3"
    position = {i: k for k, i in enumerate(nodes.id, 1)}
    quoted = 'say "hi"'
    assert labels[quoted] == f"v{position[quoted]}"
    assert labels["铁路新村"] == f"v{position['铁路新村']}"


def test_ucinet_generated_labels_avoid_ids() -> None:
    s = Structure(units=[Unit("v2", "district"), Unit("x y", "street", parent="v2")])
    z = unzip(govmodel.io.export(s, "ucinet"))
    nodes = pd.read_csv(io.BytesIO(z.read("nodes.csv")), dtype=str)
    assert nodes.label.tolist() == ["v2", "v2_"]


# -- pajek ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "s"), CASES, ids=IDS)
def test_pajek_read_by_networkx_and_igraph(name: str, s: Structure, tmp_path: Path) -> None:
    G = govmodel.to_graph(s)
    path = tmp_path / "x.net"
    govmodel.io.export(s, "pajek", path)
    ids = [str(n) for n in G]
    expected = edge_multiset(G)

    H = nx.read_pajek(path)
    assert [urllib.parse.unquote(n) for n in H] == ids
    got = Counter(
        (urllib.parse.unquote(u), urllib.parse.unquote(v), urllib.parse.unquote(d["l"]))
        for u, v, d in H.edges(data=True)
    )
    assert got == expected

    g = igraph.Graph.Read_Pajek(str(path))
    assert [urllib.parse.unquote(n) for n in g.vs["name"]] == ids
    got = Counter((ids[e.source], ids[e.target], urllib.parse.unquote(e["label"])) for e in g.es)
    assert got == expected
    assert g.is_directed()


def test_pajek_escapes_only_what_it_must() -> None:
    text = govmodel.io.export(awkward(), "pajek")
    assert isinstance(text, str)
    assert '"铁路新村"' in text
    assert '"=SUM(A1:A2)"' in text
    assert '"$x$ and $y$"' in text
    assert '"say %22hi%22"' in text
    assert '"back%5Cslash"' in text
    assert '"50%25 off"' in text
    assert "\u2028" not in text


# -- stata ------------------------------------------------------------------------------------


def _dta(z: zipfile.ZipFile, name: str) -> Any:
    return pd.read_stata(io.BytesIO(z.read(name)))


@pytest.mark.parametrize(("name", "s"), CASES, ids=IDS)
def test_stata_read_by_pandas(name: str, s: Structure) -> None:
    from govmodel.io.frames import to_frames

    nodes, edges = to_frames(s)
    z = unzip(govmodel.io.export(s, "stata"))
    assert z.namelist() == ["nodes.dta", "edges.dta"]
    for frame, back in ((nodes.reset_index(), _dta(z, "nodes.dta")), (edges, _dta(z, "edges.dta"))):
        names = stata_names(frame.columns)
        assert back.columns.tolist() == [names[c] for c in frame.columns]
        assert len(back) == len(frame)
        for c in frame.columns:
            _check_column(frame[c], back[names[c]])


def _check_column(before: Any, after: Any) -> None:
    """The value and type rules of to_stata's table, checked value by value."""
    dtype = str(before.dtype)
    values = before.tolist()
    present = [
        v
        for v in values
        if not (v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)))
    ]
    kinds = set(map(type, present))
    out = after.tolist()
    if dtype == "str" or (kinds and kinds <= {str}):
        assert str(after.dtype) == "str"
        assert out == ["" if v not in present else v for v in values]
    elif dtype == "bool":
        assert str(after.dtype) == "int8"
        assert out == [int(v) for v in values]
    elif dtype == "boolean":
        assert str(after.dtype) == "float64"
        assert [None if math.isnan(v) else v for v in out] == [
            None if v is pd.NA else float(v) for v in values
        ]
    elif kinds and kinds <= {int} and all(abs(v) < 2**53 for v in present):
        if len(present) == len(values) and all(
            -2_147_483_647 <= v <= 2_147_483_620 for v in present
        ):
            assert str(after.dtype) in ("int8", "int16", "int32")
            assert out == values
            assert all(type(v) is int for v in out)
        else:
            assert str(after.dtype) == "float64"
            assert [None if math.isnan(v) else v for v in out] == [
                None if v is pd.NA else float(v) for v in values
            ]
    elif kinds <= {int, float}:
        assert str(after.dtype) == "float64"
        for a, b in zip(out, values, strict=True):
            assert (math.isnan(a) and b not in present) or a == b
    else:  # mixed: JSON text
        import json

        assert str(after.dtype) == "str"
        assert out == [
            "" if v not in present else json.dumps(v, ensure_ascii=False) for v in values
        ]


def test_stata_awkward_names_and_values() -> None:
    df = pd.DataFrame(
        {
            "place": pd.array(AWKWARD, dtype="str"),
            "in": list(range(len(AWKWARD))),
            "户数": [2**53 + 1] + [1] * (len(AWKWARD) - 1),
            "2019 value": [0.1 * i for i in range(len(AWKWARD))],
            "mixed": pd.array([True, 1, 1.5, "1"] + [None] * (len(AWKWARD) - 4), dtype="object"),
            "big": [2**40] * len(AWKWARD),
            "x" * 40: [True] * len(AWKWARD),
            "x" * 33: [False] * len(AWKWARD),
            "long text": ["字" * 1000] + [""] * (len(AWKWARD) - 1),
        }
    )
    raw = to_stata(df, label="panel $1")
    reader = pd.io.stata.StataReader(io.BytesIO(raw))
    with reader:
        back = reader.read()
        labels = reader.variable_labels()
        data_label = reader.data_label
    assert back.columns.tolist() == [
        "place",
        "in_",
        "户数",
        "_2019_value",
        "mixed",
        "big",
        "x" * 32,
        "x" * 30 + "_2",
        "long_text",
    ]
    assert back.place.tolist() == AWKWARD
    assert back["in_"].tolist() == list(range(len(AWKWARD)))
    assert back["户数"].tolist()[:2] == [str(2**53 + 1), "1"]
    assert back["_2019_value"].tolist() == [0.1 * i for i in range(len(AWKWARD))]
    assert back["mixed"].tolist()[:5] == ["true", "1", "1.5", '"1"', ""]
    assert back["big"].tolist() == [float(2**40)] * len(AWKWARD)
    assert back["long_text"].tolist()[0] == "字" * 1000
    assert labels["in_"] == "in"
    assert labels["_2019_value"] == "2019 value"
    assert labels["x" * 32] == "x" * 40
    assert labels["place"] == ""
    assert data_label == "panel $1"
    # the same frame always gives the same bytes
    assert to_stata(df, label="panel $1") == raw


def test_stata_reals_beyond_its_largest_double_are_written_as_text() -> None:
    """Stata's largest double is about 8.988e307; above it lie its missing values, which
    pandas refuses to write. A column holding one is written as each value's JSON text,
    as numbers beyond 2**53 are, so that nothing is lost; one within it stays a double."""
    df = pd.DataFrame({"huge": [1e308, -2.5, None], "fine": [8.9e307, -8.9e307, 0.5]})
    back = pd.read_stata(io.BytesIO(to_stata(df)))
    assert back["huge"].tolist() == ["1e+308", "-2.5", ""]
    assert back["fine"].tolist() == [8.9e307, -8.9e307, 0.5]


def test_stata_text_holding_a_nul_is_written_as_json_text() -> None:
    """A NUL ends a Stata string, so "a\\x00b" would come back as "a": the column is
    written as each value's JSON text instead, which keeps it."""
    df = pd.DataFrame({"note": pd.array(["a\x00b", "plain", None], dtype="str")})
    back = pd.read_stata(io.BytesIO(to_stata(df)))
    assert [json.loads(v) if v else None for v in back["note"]] == ["a\x00b", "plain", None]


def test_stata_names_rules() -> None:
    names = stata_names(["a", "a b", "a_b", "_n", "str12", "strL", "", "9", "é", "×"])
    assert names == {
        "a": "a",
        "a b": "a_b_2",
        "a_b": "a_b",
        "_n": "_n_",
        "str12": "str12_",
        "strL": "strL_",
        "": "_",
        "9": "_9",
        "é": "é",
        "×": "__2",  # "_" is taken by "": made unique
    }
    assert len(set(names.values())) == len(names)
    assert all(n not in STATA_RESERVED for n in names.values())


def test_to_stata_refuses_non_string_columns() -> None:
    with pytest.raises(TypeError, match="column 0"):
        to_stata(pd.DataFrame({0: [1]}))


def test_panel_to_stata() -> None:
    from govmodel.panel import panel

    df = panel(govmodel.datasets.load("yuetang"), "four_level", dates=["2018", "2022"])
    back = pd.read_stata(io.BytesIO(to_stata(df)))
    assert back.columns.tolist() == list(df.columns)
    assert back.unit.tolist() == df.unit.tolist()
    assert back.date.tolist() == df.date.tolist()
    same = [
        (math.isnan(a) and math.isnan(b)) or a == b
        for a, b in zip(back.value, df.value, strict=True)
    ]
    assert all(same)


# -- spells -----------------------------------------------------------------------------------


def _days(day: str) -> float:
    return float((dt.date.fromisoformat(day) - dt.date(1970, 1, 1)).days)


def _expected_spell(start: str | None, end: str | None) -> tuple[float, float]:
    onset = _days(date_bounds(start)[0]) if start else -math.inf
    terminus = _days(date_bounds(end)[1]) + 1 if end else math.inf
    return onset, terminus


@pytest.mark.parametrize(("name", "s"), CASES, ids=IDS)
def test_spells_read_by_pandas(name: str, s: Structure) -> None:
    G = govmodel.to_graph(s)
    z = unzip(govmodel.io.export(s, "spells"))
    text = {"id": str, "entity": str, "kind": str, "name": str, "relation": str, "role": str,
            "edge_id": str, "onset_date": str, "terminus_date": str}  # fmt: skip
    v = pd.read_csv(io.BytesIO(z.read("vertex_spells.csv")), dtype=text, keep_default_na=False)
    e = pd.read_csv(io.BytesIO(z.read("edge_spells.csv")), dtype=text, keep_default_na=False)
    for frame, columns in (
        (v, ("id", "entity", "kind", "name")),
        (e, ("relation", "role", "edge_id")),
    ):
        for column in columns:  # written safe for spreadsheets
            frame[column] = frame[column].map(unescape_formula)
    assert e.columns.tolist()[:4] == ["onset", "terminus", "tail", "head"]
    assert v.columns.tolist()[:3] == ["onset", "terminus", "vertex_id"]
    assert str(e.onset.dtype) == "float64"
    assert str(e["tail"].dtype) == "int64"
    ids = [str(n) for n in G]
    by_vid = dict(zip(v.vertex_id, v.id, strict=False))
    assert [by_vid[i] for i in range(1, len(ids) + 1)] == ids  # vertices numbered from 1
    names = dict(zip(v.id, v.name, strict=False))
    assert all(names[str(n)] == str(G.nodes[n].get("name", "")) for n in G)

    dated = {p.id: (p.person, p.organization, "post", p.role, p.start, p.end) for p in s.posts}
    dated.update({t.id: (t.source, t.target, t.relation, "", t.start, t.end) for t in s.ties})
    got = e[e.edge_id != ""]
    assert sorted(got.edge_id) == sorted(dated)
    for row in got.itertuples():
        src, tgt, relation, role, start, end = dated[row.edge_id]
        assert (ids[row[3] - 1], ids[row[4] - 1]) == (src, tgt)
        assert (row.relation, row.role) == (relation, role)
        assert (row.onset, row.terminus) == _expected_spell(start, end)
    structural = e[e.edge_id == ""]
    assert (structural.onset == -math.inf).all()
    assert (structural.terminus == math.inf).all()
    assert len(e) == G.number_of_edges()

    # people: the union of their posts' and ties' spells; everything else always active
    people = {p.id for p in s.people}
    for n in G:
        rows = v[v.id == str(n)]
        spells = sorted(zip(rows.onset, rows.terminus, strict=True))
        mine = [_expected_spell(x[4], x[5]) for x in dated.values() if str(n) in (x[0], x[1])]
        if str(n) in people and mine:
            # the spells cover exactly the days some spell of theirs covers
            for a, b in mine:
                assert any(lo <= a and b <= hi for lo, hi in spells)
            for (_, b1), (a2, _) in itertools.pairwise(spells):
                assert b1 < a2  # merged: disjoint and not touching
            assert all(any(a == lo for a, _ in mine) for lo, _ in spells)
        else:
            assert spells == [(-math.inf, math.inf)]


def test_spells_days_and_dates() -> None:
    z = unzip(govmodel.io.export(awkward(), "spells"))
    e = pd.read_csv(
        io.BytesIO(z.read("edge_spells.csv")), dtype={"edge_id": str}, keep_default_na=False
    )
    row = e[e.edge_id == "post-x"].iloc[0]
    assert row.onset == _days("2015-06-01")
    assert row.terminus == _days("2016-03-01")  # half-open: the day after Feb 2016 ends
    assert (row.onset_date, row.terminus_date) == ("2015-06-01", "2016-02-29")
    tie = e[e.edge_id == "t1"].iloc[0]
    assert tie.onset == _days("2020-02-29")
    assert tie.terminus == _days("2022-01-01")
    v = pd.read_csv(
        io.BytesIO(z.read("vertex_spells.csv")), dtype={"id": str}, keep_default_na=False
    )
    p0 = v[v.id == "p0"]
    assert p0[["onset", "terminus"]].values.tolist() == [[_days("2010-01-01"), math.inf]]
    raw = z.read("vertex_spells.csv").decode("utf-8")
    assert not raw.startswith("\ufeff")
    assert "=SUM(A1:A2)" in raw  # written exactly as it is


# -- all formats -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["ucinet", "pajek", "stata", "spells"])
def test_registered_and_deterministic(fmt: str, tmp_path: Path) -> None:
    assert fmt in govmodel.io.EXPORT_FORMATS
    s = govmodel.datasets.load("changsha")
    written = govmodel.io.export(s, fmt, tmp_path / "out")
    out = govmodel.io.export(s, fmt)
    again = govmodel.io.export(s, fmt)
    assert out == again
    assert written == out[:0]  # with a path: the empty str or bytes
    data = out.encode("utf-8") if isinstance(out, str) else out
    assert (tmp_path / "out").read_bytes() == data


def test_cli_writes_the_archive(tmp_path: Path) -> None:
    from govmodel.cli import main

    target = tmp_path / "x.zip"
    assert main(["export", "--dataset", "xihu", "--to", "spells", "--output", str(target)]) == 0
    assert sorted(unzip(target.read_bytes()).namelist()) == ["edge_spells.csv", "vertex_spells.csv"]


# -- linear time -------------------------------------------------------------------------------


@pytest.mark.timing
@pytest.mark.parametrize("fmt", ["ucinet", "pajek", "stata", "spells"])
def test_exports_take_linear_time(fmt: str) -> None:
    from govmodel import synth
    from govmodel.io.research import EXPORTERS

    # timed on the graphs, so that only the export is measured (not to_graph)
    export = EXPORTERS[fmt]
    n = 20 if fmt == "stata" else 60  # stata's small tables are dominated by pandas
    assert_linear(lambda k: govmodel.to_graph(synth.district(k, seed=1)), export, n, repeat=5)


@pytest.mark.timing
def test_stata_names_take_linear_time() -> None:
    # every name maps to "a___b": the suffixes must not be searched from _2 each time
    symbols = [chr(c) for c in range(0x2190, 0x2300) if not chr(c).isalnum()][:30]
    every = [f"a{x}{y}{z}b" for x in symbols for y in symbols for z in symbols]
    assert_linear(lambda k: every[:k], stata_names, 8000, repeat=5)
    assert len(set(stata_names(every[:16000]).values())) == 16000


@pytest.mark.parametrize(
    ("export", "member", "column"),
    [
        (research.export_ucinet, "nodes.csv", "name"),
        (research.export_spells, "vertex_spells.csv", "name"),
    ],
)
def test_csv_tables_are_safe_for_spreadsheets_unless_asked(
    export: Any, member: str, column: str
) -> None:
    s = awkward()
    formulas = {str(u.name) for u in s.units if u.name.startswith(("=", "+", "-", "@"))}
    assert formulas  # the awkward structure has names a spreadsheet would run
    safe = pd.read_csv(io.BytesIO(unzip(export(s)).read(member)), dtype=str, keep_default_na=False)
    raw = pd.read_csv(
        io.BytesIO(unzip(export(s, safe=False)).read(member)), dtype=str, keep_default_na=False
    )
    assert not any(v.startswith(("=", "+", "-", "@")) for v in safe[column])
    assert formulas <= set(raw[column])
    assert safe[column].map(unescape_formula).tolist() == raw[column].tolist()
