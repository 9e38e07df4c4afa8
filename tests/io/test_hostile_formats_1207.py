"""Hostile Parquet datasets, Popolo and W3C ORG documents.

Each case was refused before with an internal exception and no place (or read without a
word); each is now one ``SpecError`` naming the table, row and column, or the JSON path.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

import govmodel
from govmodel import SpecError

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from govmodel.io.parquet import read_parquet, schemas, write_parquet  # noqa: E402


def _rewrite(root: Path, table: str, column: str, make: Any) -> None:
    """Replace ``column`` in every file of ``table`` with ``make(rows)``."""
    for f in sorted((root / table).rglob("*.parquet")):
        t = pq.read_table(f)
        i = t.schema.get_field_index(column)
        pq.write_table(t.set_column(i, column, make(t.num_rows)), f)


def _codes(exc: pytest.ExceptionInfo[SpecError]) -> set[tuple[str, str]]:
    return {(p.code, p.path) for p in exc.value.problems}


@pytest.fixture
def qingshan(tmp_path: Path) -> Path:
    root = tmp_path / "qs"
    write_parquet(govmodel.datasets.load("qingshan"), root)
    return root


def test_parquet_a_null_attribute_entry_is_named(qingshan: Path) -> None:
    kind = schemas()["units"].field("attributes").type
    _rewrite(qingshan, "units", "attributes", lambda n: pa.array([[None]] * n, kind))
    with pytest.raises(SpecError) as exc:
        read_parquet(qingshan)
    assert ("wrong-type", "$.units[0].attributes") in _codes(exc)


def test_parquet_a_null_metadata_attribute_entry_is_named(qingshan: Path) -> None:
    kind = schemas()["metadata"].field("attributes").type
    _rewrite(qingshan, "metadata", "attributes", lambda n: pa.array([[None]] * n, kind))
    with pytest.raises(SpecError) as exc:
        read_parquet(qingshan)
    assert ("wrong-type", "$.metadata.attributes") in _codes(exc)


def test_parquet_a_null_vote_is_named(qingshan: Path) -> None:
    kind = schemas()["decisions"].field("votes").type
    _rewrite(qingshan, "decisions", "votes", lambda n: pa.array([[None]] * n, kind))
    with pytest.raises(SpecError) as exc:
        read_parquet(qingshan)
    assert ("wrong-type", "$.decisions[0].votes[0]") in _codes(exc)


def test_parquet_categorical_string_columns_read_as_their_values(tmp_path: Path) -> None:
    # pandas and Polars write a categorical column as a dictionary of strings
    s = govmodel.datasets.load("qingshan")
    root = tmp_path / "qs"
    write_parquet(s, root)
    for f in sorted((root / "units").rglob("*.parquet")):
        t = pq.read_table(f)
        for column in ("id", "kind", "parent"):
            i = t.schema.get_field_index(column)
            t = t.set_column(i, column, t.column(column).combine_chunks().dictionary_encode())
        kind = pa.list_(pa.dictionary(pa.int32(), pa.string()))
        formed = pa.array(t.column("formed_from").to_pylist(), kind)
        t = t.set_column(t.schema.get_field_index("formed_from"), "formed_from", formed)
        pq.write_table(t, f)
    assert pa.types.is_dictionary(pq.read_schema(f).field("kind").type)
    assert govmodel.dumps(read_parquet(root)) == govmodel.dumps(s)


def test_parquet_a_dictionary_of_integers_is_still_a_wrong_type(qingshan: Path) -> None:
    def ints(n: int) -> Any:
        return pa.array(range(n), pa.int64()).dictionary_encode()

    _rewrite(qingshan, "units", "name", ints)
    with pytest.raises(SpecError) as exc:
        read_parquet(qingshan)
    assert ("wrong-type", "$.units.name") in _codes(exc)


@pytest.mark.parametrize("what", ["folder", "file"])
def test_parquet_a_name_that_is_not_utf8_is_named(qingshan: Path, what: str) -> None:
    # a file system may hold names no UTF-8 text spells (Python gives them surrogates)
    folder = next((qingshan / "units").iterdir())
    if what == "folder":
        bad = os.fsencode(folder.parent) + b"/district=\xff"
        os.rename(os.fsencode(folder), bad)
    else:
        part = next(folder.iterdir())
        try:
            os.rename(os.fsencode(part), os.fsencode(folder) + b"/part-\xff.parquet")
        except OSError:
            pytest.skip("the file system refuses names that are not UTF-8")
    with pytest.raises(SpecError) as exc:
        read_parquet(qingshan)
    assert [(p.code, p.path) for p in exc.value.problems] == [("invalid-layout", "$.units")]
    assert "UTF-8" in str(exc.value)
    str(exc.value).encode("utf-8")  # the message itself is printable


def test_parquet_districts_of_mixed_types_are_unknown_districts(qingshan: Path) -> None:
    with pytest.raises(SpecError) as exc:
        read_parquet(qingshan, districts=[1, "nowhere"])
    assert [p.code for p in exc.value.problems] == ["unknown-partition"] * 2


def test_parquet_a_dataset_path_that_is_not_utf8_is_named(qingshan: Path) -> None:
    bad = os.fsencode(qingshan.parent) + b"/qs-\xff"
    os.rename(os.fsencode(qingshan), bad)
    with pytest.raises(SpecError) as exc:
        read_parquet(os.fsdecode(bad))
    assert [(p.code, p.path) for p in exc.value.problems] == [("invalid-layout", "$")]
    str(exc.value).encode("utf-8")  # the message itself is printable


def test_popolo_data_holding_itself_is_refused_not_walked_forever() -> None:
    # from_popolo takes data built in Python, which (unlike parsed JSON) may hold itself
    from govmodel.io.popolo import from_popolo

    person: dict[str, Any] = {"id": "p", "name": "x"}
    organization = {"id": "o", "name": "o", "memberships": [{"person": person}]}
    person["memberships"] = [{"organization": organization}]
    with pytest.raises(SpecError) as exc:
        from_popolo({"persons": [person]}, report=[])
    assert [p.code for p in exc.value.problems] == ["too-deep"]


def test_popolo_a_container_given_twice_reads_as_once() -> None:
    from govmodel.io.popolo import from_popolo

    shared = [{"scheme": "x", "identifier": "1"}]
    inside: list[Any] = []
    inside.append(inside)  # an ignored field holding itself
    doc = {
        "areas": [
            {"id": "a", "name": "A", "classification": "community", "identifiers": shared},
            {"id": "b", "name": "B", "classification": "community", "identifiers": shared},
        ],
        "persons": [{"id": "p", "name": "P", "links": inside}],
    }
    report: list[Any] = []
    s = from_popolo(doc, report=report)
    assert [u.id for u in s.units] == ["a", "b"]
    assert ("ignored-field", "$.persons[0].links") in {(p.code, p.path) for p in report}
