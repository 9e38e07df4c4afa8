"""Hostile Parquet datasets, Popolo and W3C ORG documents.

Each case was refused before with an internal exception and no place (or read without a
word); each is now one ``SpecError`` naming the table, row and column, or the JSON path.
"""

from __future__ import annotations

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
