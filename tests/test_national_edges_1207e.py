"""Edges of govmodel.national: a summary's JSON read back exactly or refused at its path,
Spark rows merged as the Dask route merges them (any order, Unicode and code-named districts,
a district with no compound), and rows that cannot merge refused."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import govmodel
from govmodel import SpecError, national, synth
from govmodel.distributed import merge, summarize
from govmodel.spec import Structure, Unit

MODELS = ["council", "four_level"]


@functools.cache
def _summary() -> Any:
    return summarize(govmodel.datasets.load("yuetang"), ["four_level", "council"], name="yt")


def _text(**changes: Any) -> str:
    d = json.loads(national.summary_to_json(_summary()))
    for k, v in changes.items():
        if v is _DROP:
            del d[k]
        else:
            d[k] = v
    return json.dumps(d)


_DROP = object()


# -- summary_from_json: exact, or refused at the path --------------------------------------------


def test_round_trip_is_type_exact_with_unicode_names() -> None:
    s = attrs.evolve(_summary(), names=("锦江区", "510104000000", "d é"), seconds=1.5)
    back = national.summary_from_json(national.summary_to_json(s))
    assert back == s
    assert back.names == s.names
    assert type(back.nodes) is int
    assert type(back.seconds) is float
    assert all(type(v) is int for v in back.counts.values())
    for model, measures in s.measures.items():
        for name, m in measures.items():
            got = back.measures[model][name]
            assert (got.rollup, got.total, got.count) == (m.rollup, m.total, m.count)
            assert type(got.count) is int
    nan = national.summary_from_json(_text(seconds=float("nan"))).seconds
    assert nan != nan  # NaN stays NaN; null is refused below


@pytest.mark.parametrize(
    ("changes", "code", "path"),
    [
        ({"nodes": 164.0}, "wrong-type", "$.nodes"),
        ({"nodes": True}, "wrong-type", "$.nodes"),
        ({"edges": "295"}, "wrong-type", "$.edges"),
        ({"edges": -1}, "negative-count", "$.edges"),
        ({"names": "yt"}, "wrong-type", "$.names"),
        ({"names": ["yt", 510104000000]}, "wrong-type", "$.names[1]"),
        ({"counts": {"compounds": 5.0}}, "wrong-type", "$.counts.compounds"),
        ({"counts": []}, "wrong-type", "$.counts"),
        ({"findings": {"council": [1]}}, "wrong-type", "$.findings.council"),
        ({"labels": {"council": {"x:y": None}}}, "wrong-type", "$.labels.council['x:y']"),
        ({"measures": {"m": {"x": ["avg", "1/2", 1]}}}, "wrong-type", "$.measures.m.x[0]"),
        ({"measures": {"m": {"x": ["sum", "1/0", 1]}}}, "wrong-type", "$.measures.m.x[1]"),
        ({"measures": {"m": {"x": ["sum", 0.5, 1]}}}, "wrong-type", "$.measures.m.x[1]"),
        # Fraction("1e999999999") would compute 10**999999999: refused unread
        ({"measures": {"m": {"x": ["sum", "1e5000", 1]}}}, "wrong-type", "$.measures.m.x[1]"),
        ({"measures": {"m": {"x": ["sum", "1", 1.0]}}}, "wrong-type", "$.measures.m.x[2]"),
        ({"measures": {"m": {"x": ["sum", "1"]}}}, "wrong-type", "$.measures.m.x"),
        ({"structure_findings": {"council": "1"}}, "wrong-type", "$.structure_findings.council"),
        ({"seconds": None}, "wrong-type", "$.seconds"),
        ({"seconds": "0.5"}, "wrong-type", "$.seconds"),
        ({"labels": _DROP}, "missing-field", "$.labels"),
        ({"version": 2}, "unknown-field", "$.version"),
    ],
)
def test_a_hostile_summary_is_refused_at_its_path(
    changes: dict[str, Any], code: str, path: str
) -> None:
    with pytest.raises(SpecError) as err:
        national.summary_from_json(_text(**changes))
    assert [(p.code, p.path) for p in err.value.problems] == [(code, path)]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('{"names": ["yt"], "nodes": 1', "invalid-json"),
        ("[]", "wrong-type"),
        ('{"nodes": 1, "nodes": 2}', "duplicate-key"),
        ("[" * 100_000 + "]" * 100_000, "too-deep"),
    ],
)
def test_text_that_is_no_summary_is_a_spec_error(text: str, code: str) -> None:
    with pytest.raises(SpecError) as err:
        national.summary_from_json(text)
    assert err.value.codes[0] == code


def test_every_problem_is_listed_not_just_the_first() -> None:
    with pytest.raises(SpecError) as err:
        national.summary_from_json(_text(nodes=1.0, counts={"a": True}, extra=1))
    assert sorted(p.path for p in err.value.problems) == ["$.counts.a", "$.extra", "$.nodes"]


def test_a_summary_that_is_not_text_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="a summary is JSON text, not float nan"):
        national.summary_from_json(float("nan"))  # type: ignore[arg-type]


@pytest.mark.timing
def test_reading_a_summary_is_linear() -> None:
    from govmodel.testing.linear import assert_linear

    def make(n: int) -> str:
        d = json.loads(national.summary_to_json(_summary()))
        d["counts"] = {f"units:k{i}": i for i in range(n)}
        d["measures"] = {"m": {f"x{i}": ["mean", f"{i}/7", i] for i in range(n)}}
        return json.dumps(d)

    def refused(text: str) -> None:
        with pytest.raises(SpecError):
            national.summary_from_json(text)

    def make_bad(n: int) -> str:  # every count a float: n problems, the first 1,000 listed
        d = json.loads(national.summary_to_json(_summary()))
        d["counts"] = {f"units:k{i}": float(i) for i in range(n)}
        return json.dumps(d)

    assert_linear(make, national.summary_from_json, 20_000)
    assert_linear(make_bad, refused, 20_000)


# -- merge_rows ----------------------------------------------------------------------------------


def _row(district: Any, summary: Any) -> dict[str, Any]:
    return {"district": district, "summary": summary}


def test_merge_rows_refuses_districts_assessed_with_different_models() -> None:
    a = summarize(govmodel.datasets.load("xihu"), ["council"], name="a")
    b = summarize(govmodel.datasets.load("yuetang"), ["council", "grid"], name="b")
    rows = [_row("a", national.summary_to_json(a)), _row("b", national.summary_to_json(b))]
    with pytest.raises(ValueError, match="district 'b' was assessed with the models"):
        national.merge_rows(rows)
    same = summarize(govmodel.datasets.load("yuetang"), ["council"], name="b")
    merged = national.merge_rows([rows[0], _row("b", national.summary_to_json(same))])
    assert merged == merge(a, same)


def test_merge_rows_names_the_district_of_a_bad_summary() -> None:
    good = _row("d1", national.summary_to_json(_summary()))
    with pytest.raises(SpecError, match=r"in the summary of district 'd2'") as err:
        national.merge_rows([good, _row("d2", _text(nodes=1.0))])
    assert err.value.codes == ("wrong-type",)
    with pytest.raises(TypeError, match="the summary of district 'd2'"):
        national.merge_rows([good, _row("d2", None)])


def test_merge_rows_of_an_empty_frame_is_the_empty_summary() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(columns=["district", "nodes", "edges", "compounds", "seconds", "summary"])
    assert national.merge_rows(frame) == merge()
    assert national.merge_rows(frame).names == ()
    assert national.merge_rows(pd.DataFrame()).names == ()


def test_merge_rows_keys_a_code_given_as_an_integer_as_its_text() -> None:
    s = national.summary_to_json(_summary())
    with pytest.raises(ValueError, match="two rows of district '510104000000'"):
        national.merge_rows([_row(510104000000, s), _row("510104000000", s)])


@pytest.mark.parametrize(
    "call",
    [
        lambda: national.spark_assessor("nation", "council"),
        lambda: national.assess_parquet("nation", "council"),
        lambda: summarize(Structure(), "council"),
    ],
)
def test_models_given_as_one_name_are_refused_at_once(call: Any) -> None:
    # read as the models "c", "o", "u", … it failed on every executor, or named model "c"
    with pytest.raises(TypeError, match="models is a list of model names, not one string"):
        call()


# -- districts of a Parquet dataset --------------------------------------------------------------


def _nation() -> Structure:
    """A city of two districts, plus a Unicode-named district and a code-named one, neither
    with a compound."""
    s = synth.city(12, seed=3, districts=2)
    city = next(u for u in s.units if u.kind == "city")
    extra = [
        Unit("锦江区 é", "district", parent=city.id),
        Unit("510104000000", "district", parent=city.id),
        Unit("zz-street", "street", parent="510104000000"),
    ]
    return attrs.evolve(s, units=[*s.units, *extra])


def _written(tmp_path: Path) -> Path:
    pytest.importorskip("pyarrow")
    from govmodel.io.parquet import write_parquet

    path = tmp_path / "nation"
    write_parquet(_nation(), path)
    return path


def test_summarize_district_refuses_a_code_given_as_an_integer(tmp_path: Path) -> None:
    path = _written(tmp_path)
    with pytest.raises(TypeError, match="a district is named by a string, not int 510104000000"):
        national.summarize_district(path, 510104000000, MODELS)  # type: ignore[arg-type]
    assert national.summarize_district(path, "510104000000", MODELS).names == ("510104000000",)


def test_rows_in_any_order_and_repeated_keys_merge_as_one_process(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    from govmodel.io.parquet import districts, read_parquet

    path = _written(tmp_path)
    keys = districts(path)
    assert keys == ("510104000000", "city", "d1", "d2", "锦江区 é")
    fn = national.spark_assessor(path, MODELS)
    # a group repeats its key once per row of the table: one row per district comes back
    rows = pd.concat([fn(pd.DataFrame({"district": [k, k, k]})) for k in reversed(keys)])
    assert list(rows["district"]) == list(reversed(keys))
    by_row = dict(zip(rows["district"], rows["compounds"], strict=True))
    assert by_row["锦江区 é"] == by_row["510104000000"] == 0
    total = national.merge_rows(rows)
    one = summarize(Structure().merge(*(read_parquet(path, districts=[k]) for k in keys)), MODELS)
    assert total == one
    assert total.names == keys
    dask_way = merge(*(national.summarize_district(path, k, MODELS) for k in keys))
    assert total == dask_way
    assert total.names == dask_way.names
    # one district alone merges to itself
    alone = national.merge_rows(rows[rows["district"] == "锦江区 é"])
    assert alone == national.summarize_district(path, "锦江区 é", MODELS)
    assert alone.counts["compounds"] == 0


# -- the Spark route, in local mode --------------------------------------------------------------


def test_spark_merges_unicode_and_code_named_districts_as_dask(spark: Any, tmp_path: Path) -> None:
    from govmodel.io.parquet import districts

    path = _written(tmp_path)
    keys = spark.read.parquet(str(path / "units")).select("district")
    rows = (
        keys.union(keys)  # every key many times: still one row per district
        .groupBy("district")
        .applyInPandas(national.spark_assessor(str(path), MODELS), national.SPARK_SCHEMA)
        .collect()
    )
    assert sorted(r["district"] for r in rows) == list(districts(path))
    total = national.merge_rows(rows)
    dask_way = merge(*(national.summarize_district(path, k, MODELS) for k in districts(path)))
    assert total == dask_way
    assert total.names == dask_way.names == districts(path)
