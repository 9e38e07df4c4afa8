"""Tests of govmodel.io.parquet: the partitioned Parquet dataset, and its national assessment.

Round trips are compared as the text of :func:`govmodel.dumps` (order and type exact: ``True``,
``1`` and ``1.0`` differ there), never with ``==``.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import govmodel
from govmodel import Limits, SpecError, synth
from govmodel.distributed import merge, split, summarize
from govmodel.errors import MissingDependencyError
from govmodel.io.parquet import PARTITIONED, TABLES, districts, read_parquet, write_parquet
from govmodel.spec import Observation, Person, Structure, Unit
from govmodel.testing import strategies as gst
from tests.io import full_structure

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

NAMES = govmodel.datasets.names()
ROOT = Path(__file__).resolve().parents[2]


def _round_trip(s: Structure, where: Path, **kw: Any) -> Structure:
    write_parquet(s, where, **kw)
    return read_parquet(where)


def _same(a: Structure, b: Structure) -> None:
    assert govmodel.dumps(b) == govmodel.dumps(a)


@functools.cache
def _city() -> Structure:
    return synth.city(60, seed=3, districts=3)


# -- round trips -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_bundled_datasets_round_trip(name: str, tmp_path: Path) -> None:
    s = govmodel.datasets.load(name)
    _same(s, _round_trip(s, tmp_path / name))


def test_every_field_round_trips(tmp_path: Path) -> None:
    s = full_structure()
    _same(s, _round_trip(s, tmp_path / "full"))


def test_synthetic_city_round_trips(tmp_path: Path) -> None:
    s = _city()
    back = _round_trip(s, tmp_path / "city")
    _same(s, back)
    assert back.metadata.synthetic is True
    assert back.metadata.seed == 3


def test_synthetic_households_round_trip(tmp_path: Path) -> None:
    s = synth.district(8, seed=5, households_as_units=True)
    _same(s, _round_trip(s, tmp_path / "d"))


_written = 0


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(gst.structures())
def test_generated_structures_round_trip(tmp_path: Path, s: Structure) -> None:
    global _written
    _written += 1
    _same(s, _round_trip(s, tmp_path / f"s{_written}"))


AWKWARD: dict[str, Any] = {
    "bool": True,
    "one": 1,
    "one_float": 1.0,
    "one_text": "1",
    "minus_zero": -0.0,
    "int64_max": 2**63 - 1,
    "int64_min": -(2**63),
    "past_int64": 2**63,
    "two_64": 2**64,
    "minus_two_64": -(2**64),
    "huge": 10**300,
    "tiny": 5e-324,
    "big_float": 1.7976931348623157e308,
    "cjk": "岳塘区 社区",
    "separator": "a\u2028b\u2029c",
    "formula": "=SUM(A1:A9)",
    "empty": "",
    "false": False,
}


def _awkward() -> Structure:
    return Structure(
        units=[
            Unit("d", "district", "=cmd|' /C calc'!A0", attributes=AWKWARD),
            # the same attribute names with other types: one column, mixed types
            Unit(
                "s",
                "street",
                parent="d",
                attributes={"bool": 1, "one": True, "one_float": "1.0", "two_64": 2.0**64},
            ),
        ],
        people=[Person("p", "\u2028", attributes={"x": -0.0})],
        observations=[
            Observation("o1", "d", "issues_collected", 2**64),
            Observation("o2", "d", "fee_collection_rate", 0.5, period="2021/2023"),
            Observation("o3", "s", "issues_collected", 0),
        ],
        metadata=govmodel.Metadata(name="=awkward", seed=2**64, attributes={"k": 1.0}),
    )


def test_awkward_values_round_trip_type_exactly(tmp_path: Path) -> None:
    s = _awkward()
    back = _round_trip(s, tmp_path / "awkward")
    _same(s, back)
    a = back.get("d").attributes
    for key, value in AWKWARD.items():
        assert type(a[key]) is type(value), key
        assert repr(a[key]) == repr(value), key
    assert [type(v) for v in back.get("s").attributes.values()] == [int, bool, str, float]
    assert back.observations[0].value == 2**64
    assert type(back.observations[0].value) is int
    assert back.metadata.seed == 2**64


def test_awkward_values_are_stored_in_their_typed_fields(tmp_path: Path) -> None:
    write_parquet(_awkward(), tmp_path / "a")
    (f,) = (tmp_path / "a" / "units").glob("*/*.parquet")
    row = pq.read_table(f).to_pylist()[0]
    values = {
        a["key"]: {k: v for k, v in a["value"].items() if v is not None} for a in row["attributes"]
    }
    assert values["bool"] == {"bool_value": True}
    assert values["one"] == {"int_value": 1}
    assert values["one_float"] == {"double_value": 1.0}
    assert values["one_text"] == {"string_value": "1"}
    assert values["int64_max"] == {"int_value": 2**63 - 1}
    assert values["past_int64"] == {"big_int_value": str(2**63)}
    assert values["minus_two_64"] == {"big_int_value": str(-(2**64))}


# -- layout ------------------------------------------------------------------------------------


def _tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_layout_is_hive_partitioned_by_district(tmp_path: Path) -> None:
    write_parquet(_city(), tmp_path / "city")
    files = _tree(tmp_path / "city")
    assert "metadata/part-0.parquet" in files
    assert "vocabulary/part-0.parquet" in files
    for table in PARTITIONED:
        assert (tmp_path / "city" / table).is_dir()
    assert [f for f in files if f.startswith("units/")] == [
        f"units/district={d}/part-0.parquet" for d in ("city", "d1", "d2", "d3")
    ]
    # an empty table still has one (empty) file, so that every reader finds its schema
    assert files.count("decisions/district=city/part-0.parquet") == 1
    assert pq.read_table(tmp_path / "city" / "decisions").num_rows == 0
    assert districts(tmp_path / "city") == ("city", "d1", "d2", "d3")
    # the partition column lives in the folder names only
    assert (
        "district"
        not in pq.read_schema(tmp_path / "city" / "units" / "district=d1" / "part-0.parquet").names
    )


def test_districts_are_named_by_division_code(tmp_path: Path) -> None:
    s = full_structure()
    write_parquet(s, tmp_path / "full")
    assert districts(tmp_path / "full") == ("430304000000",)


def test_other_partition_kinds(tmp_path: Path) -> None:
    s = _city()
    write_parquet(s, tmp_path / "c", partition_by="street")
    keys = districts(tmp_path / "c")
    # the districts are in no street: they belong to the city's partition
    assert len(keys) == sum(u.kind == "street" for u in s.units) + 1
    assert all(p.name.startswith("street=") for p in (tmp_path / "c" / "units").iterdir())
    _same(s, read_parquet(tmp_path / "c"))
    with pytest.raises(ValueError, match="unit kind"):
        write_parquet(s, tmp_path / "x", partition_by="a/b")


def test_partition_values_are_escaped_as_hive_does(tmp_path: Path) -> None:
    s = Structure(
        units=[
            Unit("a/b=c%d", "district"),
            Unit("望月湖 街道", "district"),
            Unit("x", "street", parent="a/b=c%d"),
        ]
    )
    write_parquet(s, tmp_path / "e")
    assert sorted(p.name for p in (tmp_path / "e" / "units").iterdir()) == [
        "district=a%2Fb%3Dc%25d",
        "district=望月湖 街道",
    ]
    assert districts(tmp_path / "e") == ("a/b=c%d", "望月湖 街道")
    _same(s, read_parquet(tmp_path / "e"))
    assert [u.id for u in read_parquet(tmp_path / "e", districts=["a/b=c%d"]).units] == [
        "a/b=c%d",
        "x",
    ]
    # pyarrow's own Hive discovery reads the same values
    ds = pytest.importorskip("pyarrow.dataset")
    table = ds.dataset(tmp_path / "e" / "units", partitioning="hive").to_table()
    assert sorted(table.column("district").to_pylist()) == [
        "a/b=c%d",
        "a/b=c%d",
        "望月湖 街道",
    ]


def test_an_existing_dataset_is_not_overwritten(tmp_path: Path) -> None:
    write_parquet(_city(), tmp_path / "c")
    with pytest.raises(FileExistsError, match="not an empty directory"):
        write_parquet(_city(), tmp_path / "c")
    (tmp_path / "empty").mkdir()
    write_parquet(govmodel.datasets.load("xihu"), tmp_path / "empty")
    assert districts(tmp_path / "empty")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# -- reading a few districts -------------------------------------------------------------------


def test_a_district_reads_as_split_cuts_it(tmp_path: Path) -> None:
    s = _city()
    write_parquet(s, tmp_path / "c")
    for key, part in split(s, "district").items():
        got = read_parquet(tmp_path / "c", districts=[key])
        want = attrs.evolve(part, metadata=s.metadata)
        assert govmodel.dumps(got) == govmodel.dumps(want), key
    two = read_parquet(tmp_path / "c", districts=["d1", "d3"])
    assert {u.id for u in two.units if u.kind == "district"} == {"d1", "d3"}


def test_other_districts_are_not_opened(tmp_path: Path) -> None:
    write_parquet(_city(), tmp_path / "c")
    for table in PARTITIONED:
        folder = tmp_path / "c" / table / "district=d2"
        if folder.exists():
            (folder / "part-0.parquet").write_bytes(b"not parquet at all")
    assert read_parquet(tmp_path / "c", districts=["d1"]).units[0].id == "d1"
    with pytest.raises(SpecError) as err:
        read_parquet(tmp_path / "c")
    assert "invalid-layout" in err.value.codes
    assert "is not Parquet" in str(err.value)


def test_unknown_district(tmp_path: Path) -> None:
    write_parquet(_city(), tmp_path / "c")
    with pytest.raises(SpecError, match="no district 'd9'") as err:
        read_parquet(tmp_path / "c", districts=["d1", "d9"])
    assert err.value.codes == ("unknown-partition",)
    with pytest.raises(TypeError, match="not one string"):
        read_parquet(tmp_path / "c", districts="d1")


# -- refusing what is not a dataset --------------------------------------------------------------


def _written_city(tmp_path: Path) -> Path:
    path = tmp_path / "c"
    write_parquet(_city(), path)
    return path


def _replace(path: Path, table: str, change: Any) -> None:
    for f in sorted((path / table).rglob("*.parquet")):
        pq.write_table(change(pq.read_table(f)), f)


@pytest.mark.parametrize("table", TABLES)
def test_a_missing_table_is_named(tmp_path: Path, table: str) -> None:
    import shutil

    path = _written_city(tmp_path)
    shutil.rmtree(path / table)
    with pytest.raises(SpecError) as err:
        read_parquet(path)
    assert err.value.codes == ("missing-table",)
    assert err.value.problems[0].path == f"$.{table}"
    assert f"no table {table!r}" in str(err.value)


def test_a_wrong_column_type_is_named(tmp_path: Path) -> None:
    path = _written_city(tmp_path)
    _replace(
        path,
        "units",
        lambda t: t.set_column(
            t.schema.get_field_index("name"), "name", pa.array([1] * t.num_rows, pa.int64())
        ),
    )
    with pytest.raises(SpecError) as err:
        read_parquet(path)
    assert set(err.value.codes) == {"wrong-type"}
    assert err.value.problems[0].path == "$.units.name"
    assert "table 'units'" in str(err.value)
    assert "column 'name' is int64" in str(err.value)


def test_a_missing_and_an_unknown_column_are_named(tmp_path: Path) -> None:
    path = _written_city(tmp_path)
    _replace(
        path,
        "posts",
        lambda t: t.drop_columns(["role"]).append_column("rank", pa.array(["x"] * t.num_rows)),
    )
    with pytest.raises(SpecError) as err:
        read_parquet(path)
    assert ("missing-field", "$.posts.role") in [(p.code, p.path) for p in err.value.problems]
    assert ("unknown-field", "$.posts.rank") in [(p.code, p.path) for p in err.value.problems]


def test_a_wrong_nested_field_is_named(tmp_path: Path) -> None:
    path = _written_city(tmp_path)
    bad = pa.list_(pa.struct([("key", pa.string()), ("value", pa.string())]))
    _replace(
        path,
        "people",
        lambda t: t.set_column(
            t.schema.get_field_index("attributes"), "attributes", pa.nulls(t.num_rows, bad)
        ),
    )
    with pytest.raises(SpecError, match="column 'attributes'") as err:
        read_parquet(path)
    assert err.value.problems[0].path == "$.people.attributes"


def test_a_value_with_two_types_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "o"
    write_parquet(_awkward(), path)

    def two(t: Any) -> Any:
        rows = t.to_pylist()
        rows[0]["value"]["double_value"] = 1.5
        return pa.Table.from_pylist(rows, schema=t.schema)

    _replace(path, "observations", two)
    with pytest.raises(SpecError) as err:
        read_parquet(path)
    assert [(p.code, p.path) for p in err.value.problems] == [
        ("wrong-type", "$.observations[0].value")
    ]
    assert "big_int_value, double_value" not in str(err.value) or "exactly one" in str(err.value)


def test_an_integer_beyond_a_float_is_refused_on_writing_and_reading(tmp_path: Path) -> None:
    # the writer wrote 10**400 as big_int_value, which the reader then refused (as "not the
    # decimal text of an integer" beyond 400 digits); the largest within range reads back
    edge = int(sys.float_info.max)
    ok = Structure(units=[Unit("d", "district", attributes={"v": edge, "w": -edge})])
    back = _round_trip(ok, tmp_path / "edge")
    assert dict(back.get("d").attributes) == {"v": edge, "w": -edge}
    for big in (edge + 1, -(10**400)):
        s = Structure(units=[Unit("d", "district", attributes={"v": big})])
        with pytest.raises(SpecError) as err:
            write_parquet(s, tmp_path / "big")
        assert [(p.code, p.path) for p in err.value.problems] == [
            ("number-out-of-range", "$.units[0].attributes.v")
        ]
        assert not (tmp_path / "big").exists()

    path = tmp_path / "o"
    write_parquet(_awkward(), path)

    def digits(n: int) -> Any:
        def change(t: Any) -> Any:
            rows = t.to_pylist()
            rows[0]["value"] = {**dict.fromkeys(rows[0]["value"]), "big_int_value": "9" * n}
            return pa.Table.from_pylist(rows, schema=t.schema)

        return change

    _replace(path, "observations", digits(401))
    with pytest.raises(SpecError) as err:
        read_parquet(path)
    assert [(p.code, p.path) for p in err.value.problems] == [
        ("number-out-of-range", "$.observations[0].value")
    ]
    assert "401 digits" in str(err.value)


def test_row_problems_have_paths_like_a_json_file(tmp_path: Path) -> None:
    s = Structure(units=[Unit("d", "district"), Unit("x", "compound", parent="nope")])
    write_parquet(s, tmp_path / "p")
    with pytest.raises(SpecError) as err:
        read_parquet(tmp_path / "p")
    assert [(p.code, p.path) for p in err.value.problems] == [
        ("dangling-reference", "$.units[1].parent")
    ]
    assert err.value.source == str(tmp_path / "p")


def test_two_metadata_rows_are_refused(tmp_path: Path) -> None:
    path = _written_city(tmp_path)
    _replace(path, "metadata", lambda t: pa.concat_tables([t, t]))
    with pytest.raises(SpecError, match="exactly one") as err:
        read_parquet(path)
    assert err.value.codes == ("invalid-layout",)


def test_a_newer_format_version_is_refused(tmp_path: Path) -> None:
    path = _written_city(tmp_path)
    _replace(path, "metadata", lambda t: t.set_column(0, "format_version", pa.array([2])))
    with pytest.raises(SpecError) as err:
        read_parquet(path)
    assert err.value.codes == ("unknown-version",)


def test_limits_apply_before_rows_are_decoded(tmp_path: Path) -> None:
    path = _written_city(tmp_path)
    with pytest.raises(SpecError) as err:
        read_parquet(path, limits=Limits(max_entities=100))
    assert ("too-many-entities", "$.units") in [(p.code, p.path) for p in err.value.problems]
    with pytest.raises(SpecError) as err:
        read_parquet(path, limits=Limits(max_bytes=1000))
    assert err.value.codes == ("too-large",)
    with pytest.raises(SpecError) as err:
        read_parquet(path, limits=Limits(max_string=2))
    assert "string-too-long" in err.value.codes


def test_what_no_dataset_holds_is_refused_on_writing(tmp_path: Path) -> None:
    nan = Structure(units=[Unit("d", "district", attributes={"x": float("nan")})])
    with pytest.raises(SpecError) as err:
        write_parquet(nan, tmp_path / "nan")
    assert "non-finite-number" in err.value.codes
    lone = Structure(units=[Unit("d", "district", "\ud800")])
    with pytest.raises(SpecError) as err:
        write_parquet(lone, tmp_path / "lone")
    assert "invalid-string" in err.value.codes
    assert not (tmp_path / "nan").exists()
    assert not (tmp_path / "lone").exists()
    assert list(tmp_path.iterdir()) == []


def test_stray_files_and_mixed_partition_columns(tmp_path: Path) -> None:
    path = _written_city(tmp_path)
    (path / "ties" / "part-9.parquet").write_bytes(b"")
    (path / "units" / "district=d1").rename(path / "units" / "street=d1")
    (path / "units" / "_SUCCESS").write_bytes(b"")  # Spark's marker is ignored
    with pytest.raises(SpecError) as err:
        read_parquet(path)
    assert err.value.codes == ("invalid-layout", "invalid-layout")
    assert "outside a partition folder" in str(err.value)
    assert "partitioned by 'street'" in str(err.value)


def test_missing_pyarrow(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingDependencyError, match=r"govmodel\[parquet\]"):
        write_parquet(_city(), tmp_path / "c")
    with pytest.raises(MissingDependencyError, match=r"govmodel\[parquet\]"):
        read_parquet(tmp_path / "c")


# -- other tools read and write the same tables ---------------------------------------------------


def test_polars_reads_the_tables(tmp_path: Path) -> None:
    pl = pytest.importorskip("polars")
    s = _city()
    write_parquet(s, tmp_path / "c")
    units = pl.read_parquet(tmp_path / "c" / "units" / "**" / "*.parquet", hive_partitioning=True)
    assert units.sort("position")["id"].to_list() == [u.id for u in s.units]
    assert dict(units.group_by("district").len().iter_rows()) == {
        "city": 1,
        **{d: sum(1 for u in split(s)[d].units) for d in ("d1", "d2", "d3")},
    }
    households = (
        units.explode("attributes")
        .filter(pl.col("attributes").struct.field("key") == "households")
        .select(pl.col("attributes").struct.field("value").struct.field("int_value"))
        .to_series()
        .sum()
    )
    assert households == sum(
        u.attributes["households"] for u in s.units if type(u.attributes.get("households")) is int
    )


def test_duckdb_reads_the_tables(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    s = _city()
    write_parquet(s, tmp_path / "c")
    con = duckdb.connect()
    glob = str(tmp_path / "c" / "posts" / "*" / "*.parquet")
    rows = con.execute(
        f"SELECT district, count(*) FROM read_parquet('{glob}', hive_partitioning = true) "
        "GROUP BY district ORDER BY district"
    ).fetchall()
    parts = split(s)
    assert rows == [(d, len(parts[d].posts)) for d in ("d1", "d2", "d3")]
    ids = con.execute(
        f"SELECT id FROM read_parquet('{tmp_path / 'c' / 'units' / '*' / '*.parquet'}', "
        "hive_partitioning = true) ORDER BY position"
    ).fetchall()
    assert [i for (i,) in ids] == [u.id for u in s.units]


def rewritten_by_polars(dataset: Path, out: Path) -> Path:
    """The tables of ``dataset`` written again by Polars at ``out``, its partitioned
    tables with its own partitioned writer (``partition_by``)."""
    pl = pytest.importorskip("polars")
    for table in TABLES:
        folder = dataset / table
        if table in PARTITIONED:
            frame = pl.read_parquet(folder / "**" / "*.parquet", hive_partitioning=True)
            frame.write_parquet(out / table, partition_by="district")
            # an empty table is an empty folder, as Spark leaves it (with its _SUCCESS)
            (out / table).mkdir(parents=True, exist_ok=True)
        else:
            (out / table).mkdir(parents=True)
            pl.read_parquet(folder / "part-0.parquet").write_parquet(out / table / "data.parquet")
    return out


def test_a_dataset_written_by_polars_reads_back(tmp_path: Path) -> None:
    """Another tool's partitioned writer (``partition_by``) makes a dataset govmodel reads."""
    s = _city()
    write_parquet(s, tmp_path / "c")
    out = rewritten_by_polars(tmp_path / "c", tmp_path / "by-polars")
    _same(s, read_parquet(out))
    assert districts(out) == districts(tmp_path / "c")


# -- national assessment on Dask -----------------------------------------------------------------


def test_dask_over_parquet_equals_one_process(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from distributed import Client, LocalCluster

    from govmodel import national

    s = _city()
    path = tmp_path / "nation"
    write_parquet(s, path)
    models = ["council", "four_level", "grid", "tripartite", "eight_roles"]
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as c,
        Client(c) as client,
    ):
        result = national.assess_parquet(path, models, client=client)
        only = national.assess_parquet(path, models, client=client, districts=["d3", "d1", "d2"])
    keys = ["city", "d1", "d2", "d3"]
    assert [d.names for d in result.districts] == [(k,) for k in keys]
    # one process: the districts read as one structure, assessed once
    one = summarize(Structure().merge(*(read_parquet(path, districts=[k]) for k in keys)), models)
    assert result.total == one
    assert result.total.names == tuple(keys)
    assert result.cores == 2
    # the districts alone are exactly the split of the city, summed up in one process
    parts = split(s)
    assert only.total == summarize(Structure().merge(*parts.values()), models)
    assert only.total == merge(*(summarize(p, models) for p in parts.values()))
    assert only.total.counts["compounds"] == 60


def test_a_partition_column_copy_must_agree_with_its_folder(tmp_path: Path) -> None:
    path = _written_city(tmp_path)
    f = path / "units" / "district=d1" / "part-0.parquet"
    t = pq.read_table(f)
    pq.write_table(t.append_column("district", pa.array(["d1"] * t.num_rows)), f)
    _same(_city(), read_parquet(path))  # Polars writes such a copy: it is allowed
    pq.write_table(t.append_column("district", pa.array(["d2"] * t.num_rows)), f)
    with pytest.raises(SpecError, match="holds rows of district 'd2'") as err:
        read_parquet(path)
    assert err.value.codes == ("invalid-layout",)


@pytest.mark.timing
def test_placing_entities_is_linear_in_deep_chains() -> None:
    """Deepest first, a unit chain and an organization chain are walked once, not per entity."""
    from govmodel.io.parquet import _partitions
    from govmodel.spec import Organization
    from govmodel.testing.linear import assert_linear

    def chain(n: int) -> Structure:
        units = [Unit("u0", "city")] + [
            Unit(f"u{i}", "compound", parent=f"u{i - 1}") for i in range(1, n)
        ]
        orgs = [Organization("o0", "residents_committee", unit="u0")] + [
            Organization(f"o{i}", "residents_committee", parent=f"o{i - 1}") for i in range(1, n)
        ]
        return Structure(units=units[::-1], organizations=orgs[::-1])

    keys, _ = _partitions(chain(100), "district")
    assert set(keys["organizations"]) == {"u0"}
    assert_linear(chain, lambda s: _partitions(s, "district"), 5_000)


def test_dask_reads_and_writes_the_layout(tmp_path: Path) -> None:
    """dask.dataframe reads each table with its district column and writes it back with
    ``partition_on``; govmodel reads Dask's dataset equal to the structure."""
    dask = pytest.importorskip("dask")
    dd = pytest.importorskip("dask.dataframe")
    from govmodel.io.parquet import schemas

    s = _city()
    write_parquet(s, tmp_path / "mine")
    out = tmp_path / "by-dask"
    with dask.config.set(scheduler="synchronous"):
        for table in TABLES:
            df = dd.read_parquet(tmp_path / "mine" / table, dtype_backend="pyarrow")
            if table in PARTITIONED:
                assert "district" in df.columns
                schema = schemas()[table].append(pa.field("district", pa.string()))
                df.to_parquet(
                    out / table, partition_on=["district"], write_index=False, schema=schema
                )
            else:
                df.to_parquet(out / table, write_index=False, schema=schemas()[table])
        units = dd.read_parquet(tmp_path / "mine" / "units").compute()
    assert sorted(units["id"]) == sorted(u.id for u in s.units)
    assert districts(out) == districts(tmp_path / "mine")
    _same(s, read_parquet(out))


# -- layouts, limits and files the format does not have ------------------------------------------


def test_rows_in_a_folder_inside_a_partition_are_refused(tmp_path: Path) -> None:
    # Spark's partitionBy("district", "period") writes a second level: its rows are not
    # left out unseen, the folder is named
    path = _written_city(tmp_path)
    part = path / "observations" / "district=d1"
    (part / "period=2023").mkdir()
    (part / "part-0.parquet").rename(part / "period=2023" / "part-0.parquet")
    vocabulary = path / "vocabulary"
    (vocabulary / "category=role").mkdir()
    (vocabulary / "part-0.parquet").rename(vocabulary / "category=role" / "part-0.parquet")
    for selection in (None, ["d1"]):
        with pytest.raises(SpecError) as err:
            read_parquet(path, districts=selection)
        assert err.value.codes == ("invalid-layout", "invalid-layout")
        assert "observations/district=d1/period=2023/" in str(err.value)
        assert "vocabulary/category=role/" in str(err.value)


def test_two_folders_of_one_district_are_refused(tmp_path: Path) -> None:
    s = Structure(units=[Unit("a:b", "district")])
    write_parquet(s, tmp_path / "x")
    units = tmp_path / "x" / "units"
    assert [p.name for p in units.iterdir()] == ["district=a%3Ab"]
    (units / "district=a%3ab").mkdir()  # another writer's lower-case escape of ':'
    table = pq.read_table(units / "district=a%3Ab" / "part-0.parquet")
    rows = table.to_pylist()
    rows[0].update(id="second", position=1)
    pq.write_table(
        pa.Table.from_pylist(rows, schema=table.schema),
        units / "district=a%3ab" / "part-0.parquet",
    )
    for read in (read_parquet, districts):
        with pytest.raises(SpecError) as err:
            read(tmp_path / "x")
        assert err.value.codes == ("invalid-layout",)
        assert "'district=a%3Ab' and 'district=a%3ab'" in str(err.value)


def test_limits_bound_the_decompressed_size(tmp_path: Path) -> None:
    # 8 MB of one letter compress to a few kilobytes: the footer's sizes are checked
    path = _written_city(tmp_path)
    f = sorted((path / "units" / "district=d1").glob("*.parquet"))[0]
    table = pq.read_table(f)
    rows = table.to_pylist()
    rows[0]["attributes"] = [{"key": "note", "value": {"string_value": "a" * (8 << 20)}}]
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), f, compression="zstd")
    size = sum(p.stat().st_size for p in path.rglob("*.parquet"))
    assert size < 1 << 20
    with pytest.raises(SpecError) as err:
        read_parquet(path, limits=Limits(max_bytes=4 << 20))
    assert err.value.codes == ("too-large",)
    assert "once decompressed" in str(err.value)


def test_limits_bound_the_values_of_runs(tmp_path: Path) -> None:
    # a run of 400,000 nulls takes a few bytes even decompressed: values are counted too
    path = _written_city(tmp_path)
    f = sorted((path / "ties" / "district=d1").glob("*.parquet"))[0]
    table = pq.read_table(f)
    rows = table.to_pylist()
    rows[0]["attributes"] = [{"key": "k", "value": None}] * 400_000
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), f, compression="zstd")
    with pytest.raises(SpecError) as err:
        read_parquet(path, limits=Limits(max_bytes=1 << 20))
    assert err.value.codes == ("too-large",)
    assert "values" in str(err.value)


def test_limits_bound_the_strings_a_dictionary_repeats(tmp_path: Path) -> None:
    # one 50 kB string, dictionary-encoded, repeated in 2,000 rows: 100 MB decoded from a
    # file whose pages decompress to a few kilobytes
    path = _written_city(tmp_path)
    f = sorted((path / "ties" / "district=d1").glob("*.parquet"))[0]
    table = pq.read_table(f)
    first = table.to_pylist()[0]
    note = [{"key": "note", "value": {"string_value": "a" * 50_000}}]
    rows = [dict(first, position=i, id=f"t{i}", attributes=note) for i in range(2000)]
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), f, compression="zstd")
    assert pq.ParquetFile(f).metadata.row_group(0).total_byte_size < 1 << 20
    with pytest.raises(SpecError) as err:
        read_parquet(path, limits=Limits(max_bytes=4 << 20))
    assert err.value.codes == ("too-large",)
    assert "once decoded" in str(err.value)


def test_corrupt_pages_are_named(tmp_path: Path) -> None:
    path = _written_city(tmp_path)
    f = path / "units" / "district=d1" / "part-0.parquet"
    data = bytearray(f.read_bytes())
    for i in range(8, min(len(data) - 200, 600)):  # the pages, not the footer
        data[i] ^= 0xFF
    f.write_bytes(bytes(data))
    with pytest.raises(SpecError) as err:
        read_parquet(path)
    assert err.value.codes == ("invalid-layout",)
    assert "district=d1/part-0.parquet cannot be read" in str(err.value)


def test_values_beyond_the_columns_type_are_named(tmp_path: Path) -> None:
    path = _written_city(tmp_path)
    f = path / "units" / "district=d1" / "part-0.parquet"
    table = pq.read_table(f)
    big = pa.array([(1 << 64) - 1 - i for i in range(table.num_rows)], pa.uint64())
    pq.write_table(table.set_column(0, "position", big), f)
    with pytest.raises(SpecError) as err:
        read_parquet(path)
    assert err.value.codes == ("wrong-type",)
    assert err.value.problems[0].path == "$.units"
    assert "district=d1/part-0.parquet" in str(err.value)


def test_a_column_named_twice_is_named(tmp_path: Path) -> None:
    path = _written_city(tmp_path)
    f = path / "people" / "district=d1" / "part-0.parquet"
    table = pq.read_table(f)
    pq.write_table(table.append_column(pa.field("name", pa.string()), table["name"]), f)
    with pytest.raises(SpecError) as err:
        read_parquet(path)
    assert err.value.codes == ("invalid-layout",)
    assert "two columns named 'name'" in str(err.value)


@pytest.mark.parametrize("name", ["_hidden", "area", "position", "name", "value"])
def test_partition_columns_that_cannot_be_read_back_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="cannot name the partition column"):
        write_parquet(full_structure(), tmp_path / "x", partition_by=name)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_parent_is_reported_in_a_district(tmp_path: Path) -> None:
    # a unit below the district, and an organization placed by its leader (it has no unit),
    # whose parents exist nowhere: their parents would be in d1 if they existed
    path = _written_city(tmp_path)
    for table, i in (("units", 3), ("organizations", 2)):
        f = path / table / "district=d1" / "part-0.parquet"
        rows = pq.read_table(f).to_pylist()
        rows[i]["parent"] = f"ghost-{table}"
        if table == "organizations":
            rows[i]["unit"] = None
        pq.write_table(pa.Table.from_pylist(rows, schema=pq.read_schema(f)), f)
    with pytest.raises(SpecError) as err:
        read_parquet(path, districts=["d1"])
    assert [(p.code, p.message.split("'")[3]) for p in err.value.problems] == [
        ("dangling-reference", "ghost-units"),
        ("dangling-reference", "ghost-organizations"),
    ]
    # the parents in other districts are still detached
    assert read_parquet(path, districts=["d2"]).units[0].parent is None


def _linked() -> Structure:
    """A city whose district d2 has a tie from an observation to a decision, and one from
    the district to the observation."""
    s = synth.city(10, seed=1, districts=2)
    return attrs.evolve(
        s,
        observations=[*s.observations, Observation("ob-d2", "d2", "issues_collected", 3)],
        decisions=[*s.decisions, govmodel.spec.Decision("dec-d2", "d2-dpc", motion="m")],
        ties=[
            *s.ties,
            govmodel.spec.Tie("t-od", "ob-d2", "dec-d2", "links"),
            govmodel.spec.Tie("t-uo", "d2", "ob-d2", "links"),
        ],
    )


def _owners() -> Structure:
    """Qingshan (owners without posts, tied to the units they own and voting) as one
    district of a city with another."""
    q = govmodel.datasets.load("qingshan")
    units = [
        Unit("city", "city"),
        Unit("other", "district", parent="city"),
        attrs.evolve(q.units[0], parent="city"),
        *q.units[1:],
    ]
    return attrs.evolve(q, units=units)


@pytest.mark.parametrize("make", [_linked, _owners])
def test_entities_are_placed_in_their_district(tmp_path: Path, make: Any) -> None:
    s = make()
    assert [p for p in govmodel.validate(s) if p.severity == "error"] == []
    write_parquet(s, tmp_path / "x")
    _same(s, read_parquet(tmp_path / "x"))
    parts = split(s)
    for k in districts(tmp_path / "x"):
        one = read_parquet(tmp_path / "x", districts=[k])  # every district reads alone
        if k in parts:  # and holds what split puts in its part
            for section in PARTITIONED:
                mine = [e.id for e in getattr(one, section)]
                assert mine == [e.id for e in getattr(parts[k], section)], section


@pytest.mark.parametrize(
    ("unit_id", "name"),
    [("x" * 300, "structure"), ("d", "x" * 300), ("d", "望" * 90)],
)
def test_over_long_folder_names_are_refused_naming_the_entity(
    tmp_path: Path, unit_id: str, name: str
) -> None:
    units = [Unit(unit_id, "district")] if name == "structure" else []
    s = Structure(units=units, people=[Person("p1")], metadata=govmodel.spec.Metadata(name=name))
    with pytest.raises(SpecError) as err:
        write_parquet(s, tmp_path / "x")
    assert err.value.codes == ("invalid-value",)
    assert err.value.problems[0].path == ("$.units[0]" if units else "$.metadata.name")
    assert list(tmp_path.iterdir()) == []


def test_a_nul_in_a_partition_value_round_trips(tmp_path: Path) -> None:
    s = Structure(people=[Person("p1")], metadata=govmodel.spec.Metadata(name="a\x00b"))
    _same(s, _round_trip(s, tmp_path / "x"))
    assert [p.name for p in (tmp_path / "x" / "people").iterdir()] == ["district=a%00b"]


def test_the_dataset_folder_follows_the_umask(tmp_path: Path) -> None:
    import os
    import stat

    old = os.umask(0o022)
    try:
        write_parquet(_city(), tmp_path / "new")
        (tmp_path / "shared").mkdir()
        os.chmod(tmp_path / "shared", 0o2775)
        write_parquet(_city(), tmp_path / "shared")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o755
    assert stat.S_IMODE((tmp_path / "shared").stat().st_mode) == 0o2775


def test_a_failing_district_is_named(tmp_path: Path) -> None:
    import pandas as pd

    from govmodel import national

    path = _written_city(tmp_path)
    f = path / "units" / "district=d2" / "part-0.parquet"
    rows = pq.read_table(f).to_pylist()
    rows[3]["kind"] = None
    pq.write_table(pa.Table.from_pylist(rows, schema=pq.read_schema(f)), f)
    with pytest.raises(SpecError) as err:
        national.summarize_district(path, "d2", ["grid"])
    assert err.value.source == f"{path} [district d2]"
    assert f"in {path} [district d2]:" in str(err.value)
    with pytest.raises(SpecError) as err:  # the function Spark's executors run
        national.spark_assessor(path, ["grid"])(pd.DataFrame({"district": ["d1", "d2"]}))
    assert err.value.source == f"{path} [district d2]"


def test_unknown_districts_are_refused_before_any_task(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from govmodel import national

    class NoCluster:
        def __getattr__(self, name: str) -> Any:
            raise AssertionError(f"the cluster was used ({name})")

    path = _written_city(tmp_path)
    with pytest.raises(SpecError) as err:
        national.assess_parquet(path, ["grid"], districts=["d1", "999"], client=NoCluster())
    assert err.value.codes == ("unknown-partition",)
    assert "no district '999'" in str(err.value)


def test_placing_linked_entities_is_linear_in_deep_chains() -> None:
    """A chain of ties, each from the next, reached only at its end, with an observation of
    every tie and a person without posts at the other end of every tie: walked once, without
    recursion, by the writer and by split alike."""
    from govmodel.io.parquet import _partitions
    from govmodel.spec import Tie
    from govmodel.testing.linear import assert_linear

    def chain(n: int) -> Structure:
        return Structure(
            units=[Unit("d", "district")],
            people=[Person(f"p{i}") for i in range(n)],
            ties=[Tie(f"t{i}", f"t{i + 1}", f"p{i}", "r") for i in range(n)]
            + [Tie(f"t{n}", "d", "d", "r")],
            observations=[Observation(f"o{i}", f"t{i}", "x", 1) for i in range(n)],
        )

    keys, _ = _partitions(chain(3000), "district")  # deeper than the recursion limit
    assert {k for name in PARTITIONED for k in keys[name]} == {"d"}
    part = split(chain(3000))["d"]
    assert (len(part.people), len(part.ties), len(part.observations)) == (3000, 3001, 3000)
    assert_linear(chain, lambda s: _partitions(s, "district"), 5_000)
    assert_linear(chain, split, 5_000)
