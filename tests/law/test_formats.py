"""The new fields in the Parquet tables, and Parquet files written before them."""

from __future__ import annotations

from pathlib import Path

import pytest

import govmodel


def test_parquet_keeps_the_new_fields_and_reads_files_without_them(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    from govmodel.io.parquet import OPTIONAL_COLUMNS, read_parquet, write_parquet

    s = govmodel.datasets.load("qingshan")
    write_parquet(s, tmp_path / "new")
    assert read_parquet(tmp_path / "new") == s
    # the same files without the columns added for dates, succession and matters
    write_parquet(s, tmp_path / "old")
    for table, columns in OPTIONAL_COLUMNS.items():
        for f in (tmp_path / "old").rglob("*.parquet"):
            if f"/{table}/" not in f.as_posix():
                continue
            t = pq.read_table(f)
            pq.write_table(t.drop_columns([c for c in columns if c in t.column_names]), f)
    old = read_parquet(tmp_path / "old", validate=False)
    assert old.get("qs-c").start is None
    assert old.get("qs-d-funds").matter is None
    assert [u.id for u in old.units] == [u.id for u in s.units]
