"""Edge cases of the partitioned Parquet dataset and the national runs over it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import attrs
import pytest

import govmodel
from govmodel import SpecError
from govmodel.errors import OutputError
from govmodel.spec import Identifier, Structure, Unit

pytest.importorskip("pyarrow")

from govmodel.io.parquet import read_parquet, write_parquet

CODE = "430304000000"


def _unit(uid: str, kind: str, parent: str | None = None, code: str | None = None) -> Unit:
    ids = [Identifier("cn-stats-division", code)] if code is not None else []
    return Unit(uid, kind, parent=parent, identifiers=ids)


def _city(*districts: Unit) -> Structure:
    compounds = [_unit(f"k-{d.id}", "compound", d.id) for d in districts]
    return Structure(units=[_unit("c", "city"), *districts, *compounds])


def test_write_parquet_refuses_a_path_that_is_not_utf8(tmp_path: Path) -> None:
    """pyarrow opens no such path (read_parquet refuses it): an OutputError naming it, not a
    UnicodeEncodeError from the middle of writing."""
    s = _city(_unit("d1", "district", "c"))
    target = os.fsdecode(os.fsencode(tmp_path) + b"/bad\xff")
    with pytest.raises(OutputError, match="not UTF-8") as err:
        write_parquet(s, target)
    assert "bad\\xff" in str(err.value)
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    "second",
    [
        # a district whose id is the other's division code: a valid structure
        _unit("d2", "district", "c", code=CODE),
        # two districts of one code (validate warns)
        _unit("d3", "district", "c", code="430304000000"),
    ],
    ids=["id-is-a-code", "one-code-twice"],
)
def test_two_districts_of_one_partition_value_are_refused(tmp_path: Path, second: Unit) -> None:
    """Their rows were merged silently into one partition: read alone, one district held
    the other's compounds, and a national run summed them up as one district."""
    first = (
        _unit(CODE, "district", "c") if second.id == "d2" else _unit("d1", "district", "c", CODE)
    )
    s = _city(first, second)
    assert not [p for p in govmodel.validate(s) if p.severity == "error"]
    with pytest.raises(SpecError) as err:
        write_parquet(s, tmp_path / "p")
    ((problem),) = err.value.problems
    assert (problem.code, problem.path) == ("invalid-value", "$.units[2]")
    assert f"{second.id!r} has the partition value '{CODE}' of district {first.id!r}" in str(
        problem.message
    )
    assert not (tmp_path / "p").exists()
    assert os.listdir(tmp_path) == []


def test_distinct_partition_values_still_round_trip(tmp_path: Path) -> None:
    s = _city(_unit("d1", "district", "c", CODE), _unit(CODE[:-1] + "1", "district", "c"))
    write_parquet(s, tmp_path / "p")
    assert govmodel.dumps(read_parquet(tmp_path / "p")) == govmodel.dumps(s)
    one = read_parquet(tmp_path / "p", districts=[CODE])
    assert [u.id for u in one.units] == ["d1", "k-d1"]


@pytest.mark.parametrize("null", [None, float("nan")], ids=["None", "NaN"])
def test_the_spark_function_reads_a_null_district_as_spark_wrote_it(
    tmp_path: Path, null: object
) -> None:
    """Spark writes rows without a district to ``district=__HIVE_DEFAULT_PARTITION__`` and
    reads that folder back as null: the function assessed a district ``'None'`` (or
    ``'nan'``), which no dataset has, where the Dask route assesses the folder's district."""
    pd = pytest.importorskip("pandas")
    from govmodel import national

    s = _city(_unit("d1", "district", "c"), _unit("d2", "district", "c"))
    write_parquet(s, tmp_path / "p")
    for folder in (tmp_path / "p").glob("*/district=d2"):
        folder.rename(folder.with_name("district=__HIVE_DEFAULT_PARTITION__"))
    fn = national.spark_assessor(tmp_path / "p", ["council"])
    rows = fn(pd.DataFrame({"district": pd.Series([null, null], dtype=object)}))
    assert list(rows["district"]) == ["__HIVE_DEFAULT_PARTITION__"]
    alone = national.summarize_district(tmp_path / "p", "__HIVE_DEFAULT_PARTITION__", ["council"])
    assert national.merge_rows(rows) == alone
    assert national.merge_rows(rows).counts["units:district"] == 1


def test_split_places_an_organization_without_a_unit_with_its_leader(tmp_path: Path) -> None:
    """A party group without a unit of its own, under a street office of d1: ``split`` left
    it (and its posts and their holders) out of every part, where the dataset's district d1
    holds it."""
    from govmodel.distributed import split
    from govmodel.spec import Organization, Person, Post

    s = attrs.evolve(
        _city(_unit("d1", "district", "c"), _unit("d2", "district", "c")),
        organizations=[
            Organization("o1", "street_office", unit="d1"),
            Organization("o2", "party_group", parent="o1"),
            Organization("o3", "party_group", parent="o2"),
        ],
        people=[Person("p")],
        posts=[Post("x", "p", "o3", "member")],
    )
    assert govmodel.validate(s) == ()
    write_parquet(s, tmp_path / "p")
    parts = split(s)
    for d in ("d1", "d2"):
        alone = read_parquet(tmp_path / "p", districts=[d])
        for section in ("organizations", "posts", "people"):
            got = [e.id for e in getattr(parts[d], section)]
            assert got == [e.id for e in getattr(alone, section)], (d, section)
    assert [o.id for o in parts["d1"].organizations] == ["o1", "o2", "o3"]
    assert [p.id for p in parts["d1"].people] == ["p"]


def test_a_file_of_many_columns_is_checked_in_linear_time(tmp_path: Path) -> None:
    """Each column's name was counted among all of them: 12,000 unknown columns in one
    small file took 28 s to be refused, 17 times the time of 3,000."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from govmodel.testing import linear

    write_parquet(_city(_unit("d1", "district", "c")), tmp_path / "base")
    (f,) = (tmp_path / "base" / "people").glob("*/*.parquet")
    table = pq.read_table(f)

    def make(n: int) -> Path:
        target = tmp_path / f"wide-{n}"
        shutil.copytree(tmp_path / "base", target)
        columns = {c: table.column(c) for c in table.column_names}
        columns.update((f"x{i}", pa.nulls(table.num_rows, pa.int8())) for i in range(n))
        pq.write_table(pa.table(columns), target / f.relative_to(tmp_path / "base"))
        return target

    def run(path: Path) -> None:
        with pytest.raises(SpecError, match="not part of the format"):
            read_parquet(path)

    linear.assert_linear(make, run, 3000)


def test_a_file_that_is_not_parquet_is_named_with_its_district(tmp_path: Path) -> None:
    """Two districts' stray README.txt were two identical problems, naming no district."""
    write_parquet(_city(_unit("d1", "district", "c"), _unit("d2", "district", "c")), tmp_path / "p")
    for d in ("d1", "d2"):
        (tmp_path / "p" / "units" / f"district={d}" / "README.txt").write_text("notes\n")
    with pytest.raises(SpecError) as err:
        read_parquet(tmp_path / "p")
    messages = [p.message for p in err.value.problems]
    assert [m.split(" is not Parquet")[0] for m in messages] == [
        "district=d1/README.txt",
        "district=d2/README.txt",
    ]


def test_a_folder_that_cannot_be_written_is_named_as_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder refusing the temporary dataset (read-only, /sys) raised the OSError of the
    temporary folder's name (``.p.x1y2.tmp``), which the user never gave."""
    import tempfile

    def refuse(*args: object, **kwargs: object) -> str:
        raise PermissionError(13, "Permission denied", str(tmp_path / ".p.abcd.tmp"))

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    with pytest.raises(OutputError) as err:
        write_parquet(_city(_unit("d1", "district", "c")), tmp_path / "p")
    assert err.value.errno == 13
    assert err.value.strerror == f"cannot write {str(tmp_path / 'p')!r}: Permission denied"


def test_assess_files_refuses_a_file_given_again_through_a_link(tmp_path: Path) -> None:
    """A link to a district's file counted the district twice in the nation."""
    pytest.importorskip("distributed")
    from govmodel import distributed

    a = tmp_path / "d1.json"
    govmodel.dump(_city(_unit("d1", "district", "c")), a)
    (tmp_path / "latest.json").symlink_to(a)
    with pytest.raises(ValueError, match=r"paths\[1\]: .*latest.json' is paths\[0\] given again"):
        distributed.assess_files([a, tmp_path / "latest.json"], ["council"], client=object())


def test_a_dataset_of_a_long_legal_name_is_written(tmp_path: Path) -> None:
    """The temporary folder beside it, ``.NAME.xxxxxxxx.tmp``, was longer than a file name
    may be: a 250-byte name (a legal one) failed with ``File name too long``."""
    s = _city(_unit("d1", "district", "c"))
    target = tmp_path / ("名" * 83)  # 249 bytes of UTF-8
    write_parquet(s, target)
    assert os.listdir(tmp_path) == [target.name]
    assert govmodel.dumps(read_parquet(target)) == govmodel.dumps(s)


def test_a_loop_of_links_is_refused_before_writing(tmp_path: Path) -> None:
    """It was written in full beside the link, then failed to be moved into place with a
    ``NotADirectoryError`` naming the temporary folder."""
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(OutputError, match="loop of symbolic links") as err:
        write_parquet(_city(_unit("d1", "district", "c")), tmp_path / "a")
    assert str(tmp_path / "a") in str(err.value)
    assert sorted(os.listdir(tmp_path)) == ["a", "b"]


def test_a_pipe_or_a_broken_link_in_a_partition_is_named_not_opened(tmp_path: Path) -> None:
    """A named pipe among the files blocked the reader forever (pyarrow opened it and waited
    for a writer); a broken link raised a bare FileNotFoundError."""
    write_parquet(_city(_unit("d1", "district", "c")), tmp_path / "p")
    os.mkfifo(tmp_path / "p" / "units" / "district=d1" / "more.parquet")
    (tmp_path / "p" / "metadata" / "gone.parquet").symlink_to(tmp_path / "nowhere")
    with pytest.raises(SpecError) as err:
        read_parquet(tmp_path / "p")
    assert [(p.code, p.path) for p in err.value.problems] == [
        ("invalid-layout", "$.metadata"),
        ("invalid-layout", "$.units"),
    ]
    assert "units/district=d1/more.parquet, which is not a regular file" in str(err.value)
    assert "metadata/gone.parquet, which is not a regular file" in str(err.value)
