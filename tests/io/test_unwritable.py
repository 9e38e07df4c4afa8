"""A structure that no UTF-8 file can hold is refused by every writer with its problems.

A ``str`` may hold a lone surrogate (an unpaired ``\\ud800``-``\\udfff`` code point), which
has no UTF-8 form. Every export to a file, and every export that gives bytes, refuses such a
structure with the :class:`~govmodel.errors.SpecError` that :func:`govmodel.validate` gives
(``invalid-string`` at the string's path), and leaves the target as it was: no file, or the
old one, and no temporary file beside it. JSON also refuses a number it cannot hold (NaN).
YAML alone can escape a surrogate (its reader then refuses it at the same path).
"""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

import pytest

import govmodel
from govmodel.errors import SpecError
from govmodel.io.graphfiles import export_gexf, export_graphml
from govmodel.spec import Observation, Organization, Person, Post, Structure, Unit
from govmodel.validate import check

#: The formats for researchers' tools, which write some fields only (Pajek: ids).
SOME_FIELDS = ("ucinet", "pajek", "stata", "spells")
#: Every other export format that writes a file, but YAML (which escapes the surrogate).
FORMATS = [f for f in govmodel.io.EXPORT_FORMATS if f not in ("yaml", *SOME_FIELDS)]
OPTIONAL = {
    "org-jsonld": "rdflib",
    "org-turtle": "rdflib",
    "parquet": "pyarrow",
    "stata": "pandas",
    "spells": "pandas",
}


def _structure(n: int, where: str) -> Structure:
    """``n`` compounds with a person each; the surrogate in the last one's ``where``."""
    units = [Unit("s", "street", "street")]
    orgs, people, posts = [], [], []
    for i in range(n):
        units.append(Unit(f"x{i}", "compound", f"compound {i}", "s", {"households": i}))
        orgs.append(Organization(f"o{i}", "owners_committee", f"committee {i}", unit=f"x{i}"))
        people.append(Person(f"p{i}", f"person {i}"))
        posts.append(Post(f"po{i}", f"p{i}", f"o{i}", "chair"))
    last = n - 1
    if where == "unit name":
        units[-1] = Unit(f"x{last}", "compound", "坏\ud800名", "s", {"households": last})
        path = f"$.units[{n}].name"
    elif where == "attribute value":
        units[-1] = Unit(f"x{last}", "compound", "ok", "s", {"note": "a\udc00b"})
        path = f"$.units[{n}].attributes.note"
    elif where == "person name":
        people[-1] = Person(f"p{last}", "\ud83d")
        path = f"$.people[{last}].name"
    else:
        path = ""
    s = Structure(units=units, organizations=orgs, people=people, posts=posts)
    s._cache["expected"] = path
    return s


def _export(s: Structure, fmt: str, target: Path) -> None:
    govmodel.io.export(s, fmt, target)


@pytest.mark.parametrize("where", ["unit name", "attribute value", "person name"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_lone_surrogate_is_refused_where_it_is_and_nothing_is_written(
    fmt: str, where: str, tmp_path: Path
) -> None:
    if fmt in OPTIONAL:
        pytest.importorskip(OPTIONAL[fmt])
    bad = _structure(3000, where)  # found after many pieces of the streaming writers
    target = tmp_path / "out"
    with pytest.raises(SpecError) as info:
        _export(bad, fmt, target)
    found = [(p.code, p.path) for p in info.value.problems]
    assert found == [("invalid-string", bad._cache["expected"])]
    assert list(tmp_path.iterdir()) == []
    if fmt == "parquet":  # a dataset is written into an empty folder only
        return
    # an older file stays as it was
    good = _structure(3, "nowhere")
    _export(good, fmt, target)
    before = sorted((p.relative_to(tmp_path), p.read_bytes()) for p in _files(tmp_path))
    with pytest.raises(SpecError):
        _export(bad, fmt, target)
    after = sorted((p.relative_to(tmp_path), p.read_bytes()) for p in _files(tmp_path))
    assert after == before


@pytest.mark.parametrize("where", ["unit name", "attribute value", "person name"])
@pytest.mark.parametrize("fmt", SOME_FIELDS)
def test_the_formats_of_some_fields_refuse_a_surrogate_they_would_write(
    fmt: str, where: str, tmp_path: Path
) -> None:
    if fmt in OPTIONAL:
        pytest.importorskip(OPTIONAL[fmt])
    bad = _structure(300, where)
    try:
        govmodel.io.export(bad, fmt, tmp_path / "out")
    except SpecError as exc:
        assert [(p.code, p.path) for p in exc.problems] == [
            ("invalid-string", bad._cache["expected"])
        ]
        assert list(tmp_path.iterdir()) == []
    else:  # the string is not among what the format writes
        assert [p.name for p in tmp_path.iterdir()] == ["out"]


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


@pytest.mark.parametrize("export", [export_graphml, export_gexf])
def test_the_xml_writers_refuse_a_lone_surrogate_in_memory_too(export: object) -> None:
    # they give bytes, which hold no lone surrogate
    for where in ("unit name", "attribute value", "person name"):
        bad = _structure(5, where)
        with pytest.raises(SpecError) as info:
            export(bad)  # type: ignore[operator]
        assert info.value.codes == ("invalid-string",)
    mixed = Structure(units=[Unit("s", "street", attributes={"x": 1}), Unit("t", "street")])
    mixed = Structure(units=[*mixed.units, Unit("u", "street", attributes={"x": "\udfff"})])
    with pytest.raises(SpecError) as info:
        export_graphml(mixed)
    assert [p.path for p in info.value.problems] == ["$.units[2].attributes.x"]


def test_text_in_memory_keeps_the_surrogate() -> None:
    # a str can hold it: the text formats give it back as it is
    bad = _structure(5, "unit name")
    assert "坏\ud800名" in govmodel.io.export(bad, "node-link")
    assert "坏\ud800名" in govmodel.io.export(bad, "popolo")


def test_the_json_dump_refuses_a_number_json_cannot_hold(tmp_path: Path) -> None:
    nan = Structure(units=[Unit("s", "street", attributes={"area": float("nan")})])
    target = tmp_path / "s.json"
    with pytest.raises(SpecError) as info:
        govmodel.dump(nan, target)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("non-finite-number", "$.units[0].attributes.area")
    ]
    assert os.listdir(tmp_path) == []


def test_a_failing_path_is_not_taken_for_a_bad_structure(tmp_path: Path) -> None:
    # the structure has problems (a kind no vocabulary holds), but it can be written: what
    # stops the write is the path, a folder, and that is what the error says
    s = Structure(units=[Unit("x", "no_such_kind", "x")])
    assert check(s)
    for fmt in ("json", "graphml", "node-link", "popolo", "cytoscape"):
        with pytest.raises(govmodel.errors.OutputError):
            govmodel.io.export(s, fmt, tmp_path)


def test_the_org_graph_refuses_an_iri_of_a_lone_surrogate() -> None:
    pytest.importorskip("rdflib")
    from govmodel.io.org import to_org

    bad = Structure(units=[Unit("s\ud800", "street", "street")])
    with pytest.raises(SpecError) as info:
        to_org(bad)
    assert [(p.code, p.path) for p in info.value.problems] == [("invalid-string", "$.units[0].id")]


@pytest.mark.parametrize("where", ["unit name", "attribute value", "person name"])
def test_write_parquet_itself_refuses_a_lone_surrogate(where: str, tmp_path: Path) -> None:
    # called directly, not through govmodel.io.export: the same refusal, nothing left behind
    pytest.importorskip("pyarrow")
    from govmodel.io.parquet import write_parquet

    bad = _structure(3000, where)
    with pytest.raises(SpecError) as info:
        write_parquet(bad, tmp_path / "data")
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("invalid-string", bad._cache["expected"])
    ]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["popolo", "node-link", "cytoscape", "json"])
def test_a_number_json_cannot_hold_is_refused_in_memory_too(fmt: str) -> None:
    # the text in memory keeps a lone surrogate, but no JSON text holds NaN
    nan = Structure(
        units=[Unit("s", "street")],
        observations=[Observation("o", "s", "households", float("nan"))],
    )
    with pytest.raises(SpecError) as info:
        govmodel.io.export(nan, fmt)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("non-finite-number", "$.observations[0].value")
    ]


def test_the_writers_refuse_a_value_of_another_type_before_writing(tmp_path: Path) -> None:
    # a structure built in Python with a number for a parent: no file a reader refuses
    bad = Structure(units=[Unit("s", "street"), Unit("x", "compound", parent=7)])  # type: ignore[arg-type]
    for fmt in FORMATS:
        if fmt in OPTIONAL:
            try:
                __import__(OPTIONAL[fmt])
            except ImportError:
                continue
        with pytest.raises(SpecError) as info:
            govmodel.io.export(bad, fmt, tmp_path / "out")
        assert [(p.code, p.path) for p in info.value.problems] == [
            ("wrong-type", "$.units[1].parent")
        ], fmt
        assert list(tmp_path.iterdir()) == []
    with pytest.raises(SpecError):
        export_graphml(bad)  # the exporters themselves, not only through export
    with pytest.raises(SpecError):
        govmodel.dumps(bad)


def test_the_org_writers_refuse_a_value_of_another_type_when_called_directly() -> None:
    pytest.importorskip("rdflib")
    from govmodel.io.org import export_org_jsonld, export_org_turtle, to_org

    bad = Structure(units=[Unit("s", "street"), Unit("x", "compound", parent=7)])  # type: ignore[arg-type]
    for write in (export_org_turtle, export_org_jsonld, to_org):
        with pytest.raises(SpecError) as info:
            write(bad)
        assert info.value.codes == ("wrong-type",)


#: The formats whose readers take back every number they write: each refuses what they
#: would refuse (RDF holds NaN and any integer; the researchers' formats write some fields).
READ_BACK = ["json", "yaml", "popolo", "graphml", "gexf", "node-link", "cytoscape", "parquet"]
#: The XML formats hold such a number of an entity's attributes, as networkx writes it, and
#: read it back unvalidated (validation reports it, as for any invalid structure).
XML = ("graphml", "gexf")


def _numbered(where: str, value: object) -> tuple[Structure, str]:
    """A structure holding ``value`` at ``where``, and the path of it."""
    units = [Unit("s", "street"), Unit("x", "compound", parent="s", attributes={"n": 1})]
    orgs = [Organization("rc", "residents_committee", unit="s")]
    ties = [govmodel.spec.Tie("t1", "rc", "x", "serves", attributes={"w": 1})]
    meta = govmodel.Metadata(name="m")
    if where == "unit":
        units[1] = Unit("x", "compound", parent="s", attributes={"n": value})
        path = "$.units[1].attributes.n"
    elif where == "mixed":  # a column of several types: a string beside the number
        units[0] = Unit("s", "street", attributes={"n": "many"})
        units[1] = Unit("x", "compound", parent="s", attributes={"n": value})
        path = "$.units[1].attributes.n"
    elif where == "tie":
        ties = [govmodel.spec.Tie("t1", "rc", "x", "serves", attributes={"w": value})]
        path = "$.ties[0].attributes.w"
    else:
        meta = govmodel.Metadata(name="m", attributes={"k": value})
        path = "$.metadata.attributes.k"
    return Structure(units=units, organizations=orgs, ties=ties, metadata=meta), path


@pytest.mark.parametrize("fmt", READ_BACK)
@pytest.mark.parametrize("where", ["unit", "mixed", "tie", "metadata"])
@pytest.mark.parametrize(
    ("value", "code"),
    [
        (float("nan"), "non-finite-number"),
        (float("-inf"), "non-finite-number"),
        (10**400, "number-out-of-range"),
        (-int(sys.float_info.max) - 1, "number-out-of-range"),
    ],
    ids=["nan", "-inf", "10**400", "beyond-by-one"],
)
def test_every_writer_refuses_a_number_its_reader_refuses(
    fmt: str, where: str, value: object, code: str, tmp_path: Path
) -> None:
    # Cytoscape, Parquet and Popolo's extension wrote integers beyond a float's range that no
    # reader takes back, and the graph writers such a number of the metadata, which their
    # readers refused even unvalidated
    if fmt in OPTIONAL:
        pytest.importorskip(OPTIONAL[fmt])
    if fmt == "yaml":
        pytest.importorskip("yaml")
    s, path = _numbered(where, value)
    if fmt in XML and where != "metadata":
        text = govmodel.io.export(s, fmt)
        read = getattr(govmodel.io.graphfiles, f"import_{fmt}")
        back = read(text, validate=False)
        got = (back.get("t1") if where == "tie" else back.get("x")).attributes
        kept = got["w" if where == "tie" else "n"]
        assert type(kept) is type(value)
        assert kept == value or (math.isnan(kept) and math.isnan(value))  # type: ignore[arg-type]
        if kept == value:
            assert back == s
        with pytest.raises(SpecError) as info:
            read(text)
        assert (code, path) in [(p.code, p.path) for p in info.value.problems]
        return
    with pytest.raises(SpecError) as info:
        govmodel.io.export(s, fmt, tmp_path / "out")
    assert [(p.code, p.path) for p in info.value.problems] == [(code, path)]
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("fmt", READ_BACK)
def test_the_largest_integer_a_float_holds_reads_back(fmt: str, tmp_path: Path) -> None:
    if fmt in OPTIONAL:
        pytest.importorskip(OPTIONAL[fmt])
    if fmt == "yaml":
        pytest.importorskip("yaml")
    edge = int(sys.float_info.max)
    for where in ("unit", "mixed", "tie", "metadata"):
        s, _ = _numbered(where, -edge)
        out = tmp_path / f"{where}.{fmt}"
        govmodel.io.export(s, fmt, out)
        if fmt == "cytoscape":  # export only: read by Cytoscape
            assert str(-edge) in out.read_text(encoding="utf-8")
            continue
        if fmt == "parquet":
            back = govmodel.io.parquet.read_parquet(out)
        else:
            back = govmodel.io.import_(out.read_bytes(), fmt)
        assert back == s
