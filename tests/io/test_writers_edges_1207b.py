"""The export writers at their edges: hostile values, worst-case shapes.

Each case was a crash without a place (an ``OverflowError``, a bare ``ValueError``) or a
writer slower than linear; each is now one ``SpecError`` naming the value's path, with
nothing left at the output path, or a linear writer.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

import govmodel
from govmodel import SpecError
from govmodel.spec import Decision, Metadata, Organization, Person, Structure, Tally, Unit, Vote
from govmodel.validate import check

#: The writers of govmodel's own format and of the exchange formats it reads back.
WRITERS = ("json", "yaml", "popolo", "parquet")


def _refused(s: Structure, fmt: str, tmp_path: Path) -> set[tuple[str, str]]:
    """The problems ``fmt``'s writer refuses ``s`` with, checking it left no file."""
    if fmt == "yaml":
        pytest.importorskip("yaml")
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    out = tmp_path / "out"
    with pytest.raises(SpecError) as info:
        govmodel.io.export(s, fmt, out)
    assert not out.exists()
    assert os.listdir(tmp_path) == []
    return {(p.code, p.path) for p in info.value.problems if p.severity == "error"}


# -- a count of members beyond a float's range ------------------------------------------------


def _members(members: Any) -> Structure:
    return Structure(
        organizations=[Organization("b", "owners_committee")],
        people=[Person("p")],
        decisions=[Decision("d", "b", count=Tally(members=members), votes=[Vote("p", "yes")])],
    )


@pytest.mark.parametrize("members", [10**400, -(10**400)], ids=["above", "below"])
def test_validate_names_members_beyond_a_float(members: int) -> None:
    problems = check(_members(members))
    assert ("number-out-of-range", "$.decisions[0].count.members") in {
        (p.code, p.path) for p in problems
    }


@pytest.mark.parametrize("fmt", WRITERS)
def test_writers_refuse_members_beyond_a_float(fmt: str, tmp_path: Path) -> None:
    assert ("number-out-of-range", "$.decisions[0].count.members") in _refused(
        _members(10**400), fmt, tmp_path
    )


def test_votes_still_exceed_a_whole_count_of_any_size() -> None:
    s = _members(0)
    assert [(p.code, p.path) for p in check(s)] == [
        ("votes-exceed-members", "$.decisions[0].votes")
    ]
    # and a count of members beyond every float is never exceeded by the votes
    s = _members(10**400)
    assert "votes-exceed-members" not in {p.code for p in check(s)}


# -- a seed beyond a float's range -------------------------------------------------------------


def test_validate_names_a_seed_beyond_a_float() -> None:
    s = Structure(units=[Unit("x", "compound")], metadata=Metadata(seed=10**400))
    assert [(p.code, p.path) for p in check(s)] == [("number-out-of-range", "$.metadata.seed")]
    # a seed of any 64-bit or larger size that a float's range holds is a seed
    assert check(s.replace(metadata=Metadata(seed=2**64))) == []


@pytest.mark.parametrize("fmt", WRITERS)
def test_writers_refuse_a_seed_beyond_a_float(fmt: str, tmp_path: Path) -> None:
    s = Structure(units=[Unit("x", "compound")], metadata=Metadata(seed=-(10**400)))
    assert _refused(s, fmt, tmp_path) == {("number-out-of-range", "$.metadata.seed")}


def test_reading_refuses_a_seed_beyond_a_float() -> None:
    # the readers refuse such an integer everywhere else; the seed was read, then no
    # writer could write the structure back
    text = '{"format_version": 1, "metadata": {"seed": 1' + "0" * 400 + "}}"
    with pytest.raises(SpecError) as info:
        govmodel.loads(text, format="json")
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("number-out-of-range", "$.metadata.seed")
    ]


# -- W3C ORG: one entity of very many attributes ----------------------------------------------


def _wide(n: int) -> Structure:
    """One unit of ``n`` attributes: whole numbers, reals and strings in turn."""
    values: list[Any] = [(i, i / 7, f"v{i}")[i % 3] for i in range(n)]
    return Structure(
        units=[Unit("x", "compound", attributes={f"a{i}": v for i, v in enumerate(values)})]
    )


@pytest.mark.timing
@pytest.mark.parametrize("fmt", ["org-turtle", "org-jsonld"])
def test_org_one_entity_of_many_attributes_is_linear(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # its template was a regular expression and an f-string of every attribute, which took
    # 3 s for 25,000 attributes and 50 s for 100,000
    from govmodel.testing.linear import assert_linear

    monkeypatch.setattr(os, "fsync", lambda fd: None)
    out = tmp_path / "out"
    assert_linear(_wide, lambda s: govmodel.io.export(s, fmt, out), 4000)


@pytest.mark.parametrize("n", [200, 1000])
def test_org_one_entity_of_many_attributes_is_its_graph(n: int) -> None:
    rdflib = pytest.importorskip("rdflib")
    from rdflib.compare import isomorphic

    from govmodel.io.org import export_org_jsonld, export_org_turtle, to_org

    s = _wide(n)
    graph = to_org(s)
    turtle = rdflib.Graph().parse(data=export_org_turtle(s), format="turtle")
    jsonld = rdflib.Graph().parse(data=export_org_jsonld(s), format="json-ld")
    assert isomorphic(turtle, graph)
    assert isomorphic(jsonld, graph)
    attribute = "https://w3id.org/govmodel/ns/attribute#"
    got = {
        str(p)[len(attribute) :]: o.toPython() for _, p, o in turtle if str(p).startswith(attribute)
    }
    want = dict(s.units[0].attributes)
    assert got == want
    assert {k: type(v) for k, v in got.items()} == {k: type(v) for k, v in want.items()}


# -- Parquet: a district other readers take for a null -----------------------------------------

HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"


def test_parquet_refuses_a_district_other_readers_read_as_null(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    s = Structure(
        units=[
            Unit("c", "city"),
            Unit("d1", "district", parent="c"),
            Unit(HIVE_NULL, "district", parent="c"),
            Unit("x", "compound", parent=HIVE_NULL),
        ],
    )
    problems = _refused(s, "parquet", tmp_path)
    assert problems == {("invalid-value", "$.units[2]")}


def test_parquet_people_in_no_unit_under_such_a_name_are_refused(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    # what no unit contains goes to the partition named after the structure
    s = Structure(people=[Person("p")], metadata=Metadata(name=HIVE_NULL))
    assert _refused(s, "parquet", tmp_path) == {("invalid-value", "$.metadata.name")}


def test_parquet_empty_tables_may_sit_under_such_a_name(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    from govmodel.io.parquet import read_parquet, write_parquet

    # no row is in the folder: nothing is read as null
    s = Structure(metadata=Metadata(name=HIVE_NULL))
    write_parquet(s, tmp_path / "out")
    assert govmodel.dumps(read_parquet(tmp_path / "out")) == govmodel.dumps(s)


@pytest.mark.parametrize("reader", ["polars", "duckdb", "pyarrow"])
def test_parquet_districts_read_by_other_readers(reader: str, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    from govmodel.io.parquet import districts, write_parquet

    names = ["d/1", "d=2", "d%3", ".", "..", "null", "01", "1", "望月湖 街道", "_d", "a:b"]
    s = Structure(units=[Unit("c", "city"), *(Unit(n, "district", parent="c") for n in names)])
    root = tmp_path / "out"
    write_parquet(s, root)
    units = str(root / "units")
    if reader == "polars":
        pl = pytest.importorskip("polars")
        rows = pl.read_parquet(units + "/**/*.parquet", hive_partitioning=True)
        got = dict(rows.select("id", "district").rows())
    elif reader == "duckdb":
        duckdb = pytest.importorskip("duckdb")
        query = f"SELECT id, district FROM read_parquet('{units}/*/*.parquet', hive_partitioning = true)"
        got = dict(duckdb.sql(query).fetchall())
    else:
        import pyarrow.dataset as ds

        table = ds.dataset(units, partitioning="hive").to_table(columns=["id", "district"])
        got = dict(zip(table["id"].to_pylist(), table["district"].to_pylist(), strict=True))
    assert got == {"c": "c", **{n: n for n in names}}
    assert set(districts(root)) == set(got.values())


# -- W3C ORG: the base of entity IRIs ----------------------------------------------------------

BAD_BASES = [
    *(
        (f"https://example.org/a{ch}b/", repr(ch))
        for ch in (" ", ">", '"', "{", "\\", "\n", "\x00", "\x85", "\ud800")
    ),
    ("relative/", "absolute IRI"),
    ("", "absolute IRI"),
]


@pytest.mark.parametrize(("base", "says"), BAD_BASES)
@pytest.mark.parametrize("fmt", ["org-turtle", "org-jsonld"])
def test_org_base_that_no_iri_holds_is_refused(
    fmt: str, base: str, says: str, tmp_path: Path
) -> None:
    # a Turtle that does not parse (">"), a JSON-LD whose processor drops the triples of
    # every such IRI (a space), or IRIs relative to wherever the document is read
    from govmodel.io.org import export_org_jsonld, export_org_turtle

    s = govmodel.datasets.load("yuetang")
    export = export_org_turtle if fmt == "org-turtle" else export_org_jsonld
    out = tmp_path / "out"
    with pytest.raises(ValueError, match=re.escape(says)) as info:
        export(s, out, base=base)
    assert "base" in str(info.value)
    assert os.listdir(tmp_path) == []
    with pytest.raises(ValueError, match="base"):
        export(s, base=base)


def test_to_org_refuses_such_a_base() -> None:
    pytest.importorskip("rdflib")
    from govmodel.io.org import to_org

    with pytest.raises(ValueError, match="'>'"):
        to_org(govmodel.datasets.load("yuetang"), base="https://example.org/x>y/")


@pytest.mark.parametrize(
    "base", ["urn:govmodel:", "https://example.org/社区/", "https://example.org/#", "mailto:a@b/"]
)
def test_org_unusual_bases_still_write_their_graph(base: str) -> None:
    rdflib = pytest.importorskip("rdflib")
    from rdflib.compare import isomorphic

    from govmodel.io.org import export_org_jsonld, export_org_turtle, to_org

    s = govmodel.datasets.load("yuetang")
    graph = to_org(s, base=base)
    turtle = rdflib.Graph().parse(data=export_org_turtle(s, base=base), format="turtle")
    jsonld = rdflib.Graph().parse(data=export_org_jsonld(s, base=base), format="json-ld")
    assert isomorphic(turtle, graph)
    assert isomorphic(jsonld, graph)
    assert any(str(x).startswith(base) for x in graph.subjects())


# -- frames saved to files (what docs/guide/frames.md says of each) ---------------------------


def _typed(s: Structure) -> str:
    return govmodel.dumps(s)  # the JSON text tells True, 1 and 1.0 apart


def test_frames_saved_by_pickle_keep_every_type(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    from govmodel.io.frames import from_frames, to_frames

    s = Structure(
        units=[
            Unit("x", "compound", attributes={"a": 1, "b": True, "c": 2**64}),
            Unit("y", "compound", attributes={"a": 0.5, "b": 1, "c": "t"}),
        ]
    )
    nodes, edges = to_frames(s)
    nodes.to_pickle(tmp_path / "n.pkl")
    edges.to_pickle(tmp_path / "e.pkl")
    back = from_frames(pd.read_pickle(tmp_path / "n.pkl"), pd.read_pickle(tmp_path / "e.pkl"))
    assert _typed(back) == _typed(s)


def test_frames_saved_to_parquet_turn_a_mixed_number_column_into_doubles(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    from govmodel.io.frames import from_frames, to_frames

    s = Structure(
        units=[
            Unit("x", "compound", attributes={"a": 3, "b": 1}),
            Unit("y", "compound", attributes={"a": 0.5, "b": 2}),
        ]
    )
    nodes, edges = to_frames(s)
    assert str(nodes["a"].dtype) == "object"
    nodes.to_parquet(tmp_path / "n.parquet")
    edges.to_parquet(tmp_path / "e.parquet")
    back = from_frames(
        pd.read_parquet(tmp_path / "n.parquet"), pd.read_parquet(tmp_path / "e.parquet")
    )
    assert back.get("y").attributes == s.get("y").attributes
    # the one-typed column is kept; the mixed one comes back as doubles, as documented
    assert type(back.get("x").attributes["b"]) is int
    assert repr(back.get("x").attributes["a"]) == "3.0"


# -- Parquet: where the dataset goes -----------------------------------------------------------


def test_parquet_into_a_missing_folder_names_the_path(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    from govmodel.errors import OutputError
    from govmodel.io.parquet import write_parquet

    target = tmp_path / "missing" / "out"
    # a FileNotFoundError naming a temporary folder before; the error the other writers give
    with pytest.raises(OutputError, match=r"its folder .*missing.* does not exist") as info:
        write_parquet(govmodel.datasets.load("yuetang"), target)
    assert repr(str(target)) in str(info.value)
    assert os.listdir(tmp_path) == []


def test_parquet_through_a_link_to_an_empty_folder(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    from govmodel.io.parquet import read_parquet, write_parquet

    (tmp_path / "empty").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "empty")
    s = govmodel.datasets.load("yuetang")
    # a NotADirectoryError before, once the whole dataset had been written beside it
    write_parquet(s, tmp_path / "link")
    assert (tmp_path / "link").is_symlink()
    assert sorted(os.listdir(tmp_path)) == ["empty", "link"]
    assert govmodel.dumps(read_parquet(tmp_path / "empty")) == govmodel.dumps(s)


# -- Stata: more variables than a dataset holds ------------------------------------------------


def test_stata_refuses_more_variables_than_a_dataset_holds_and_names_the_file() -> None:
    pytest.importorskip("pandas")
    from govmodel.io.research import export_stata

    # pandas' "You must use version 119 …" before, after a minute of converting columns
    s = Structure(units=[Unit("x", "compound", attributes={f"a{i}": i for i in range(32_767)})])
    with pytest.raises(ValueError, match=r"nodes\.dta has [0-9,]+ columns: .* at most 32,767"):
        export_stata(s)


def test_stata_refuses_a_frame_too_wide_before_converting_it() -> None:
    pd = pytest.importorskip("pandas")
    from govmodel.io.research import to_stata

    wide = pd.DataFrame({f"v{i}": [i] for i in range(32_768)})
    with pytest.raises(ValueError, match="the frame has 32,768 columns"):
        to_stata(wide)
