"""The Spark route, in Spark's local mode: PySpark reads and writes govmodel's Parquet layout
(the guide's Spark job, run here), and ``groupBy("district").applyInPandas`` assesses it
exactly as the Dask route does.

Needs the ``spark`` extra and a Java runtime (CI installs ``default-jre-headless``). One
Spark session serves the module (and the guide's Spark block, which finds it with
``getOrCreate``).
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

import govmodel
from govmodel import national, synth
from govmodel.distributed import merge, summarize
from govmodel.io.parquet import districts, read_parquet, write_parquet
from govmodel.spec import Structure

pyspark = pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")
pytest.importorskip("pandas")

if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    if os.environ.get("CI"):  # CI installs a Java runtime: there, these tests must run
        pytest.fail("no Java runtime for PySpark; .ci/run installs default-jre-headless")
    pytest.skip(
        "PySpark needs a Java runtime (apt-get install default-jre-headless)",
        allow_module_level=True,
    )

MODELS = ["council", "four_level", "grid", "tripartite", "eight_roles"]
ROOT = Path(__file__).resolve().parents[1]


@functools.cache
def _city() -> Structure:
    return synth.city(30, seed=3, districts=2)


def test_apply_in_pandas_assesses_each_district_and_merges_as_dask_does(
    spark: Any, tmp_path: Path
) -> None:
    path = tmp_path / "nation"
    write_parquet(_city(), path)
    keys = spark.read.parquet(str(path / "units")).select("district").distinct()
    rows = (
        keys.groupBy("district")
        .applyInPandas(national.spark_assessor(str(path), MODELS), national.SPARK_SCHEMA)
        .collect()
    )
    assert sorted(r["district"] for r in rows) == ["city", "d1", "d2"]
    total = national.merge_rows(rows)
    # one process: every district read, assessed and summed up here
    one = summarize(
        Structure().merge(*(read_parquet(path, districts=[k]) for k in districts(path))), MODELS
    )
    assert total == one
    assert total.names == ("city", "d1", "d2")
    by_row = {r["district"]: r for r in rows}
    assert by_row["d1"]["compounds"] == one.counts["compounds"] - sum(
        by_row[k]["compounds"] for k in ("city", "d2")
    )
    # merged as the Dask route merges (its equality with Spark's is the guide's assert):
    # the districts' summaries in the order of their names, whatever order the rows come in
    assert national.merge_rows(list(reversed(rows))) == total
    assert national.merge_rows(list(reversed(rows))).names == total.names
    dask_way = merge(*(national.summarize_district(path, k, MODELS) for k in districts(path)))
    assert dask_way == total
    assert dask_way.names == total.names


def test_merge_rows_refuses_two_rows_of_a_district() -> None:
    row = {"district": "d1", "summary": national.summary_to_json(summarize(Structure()))}
    with pytest.raises(ValueError, match="two rows of district 'd1'"):
        national.merge_rows([row, row])


# -- the guide (its Spark block uses the session above) ------------------------------------------

GUIDE = ROOT / "docs" / "guide" / "parquet.md"
FENCE = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def test_the_guide_runs(spark: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    pytest.importorskip("polars")
    pytest.importorskip("duckdb")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {"__name__": "guide"}
    out = io.StringIO()
    blocks = FENCE.findall(GUIDE.read_text(encoding="utf-8"))
    assert len(blocks) >= 5
    with contextlib.redirect_stdout(out):
        for i, code in enumerate(blocks, 1):
            exec(compile(code, f"{GUIDE.name}, python block {i}", "exec"), namespace)
    assert govmodel.dumps(namespace["back"]) == govmodel.dumps(namespace["city"])
    # the guide's Spark job wrote the layout with Spark's own writer (its nested list
    # elements named "element", its part-00000-… files and _SUCCESS markers), and govmodel
    # read it back equal: that is its assert; here, that Spark did write it
    by_spark = tmp_path / "by-spark"
    assert (by_spark / "units" / "_SUCCESS").exists()
    assert districts(by_spark) == districts(tmp_path / "city-parquet")
    assert not list(by_spark.glob("units/*/part-0.parquet"))
    assert namespace["national_result"].total == namespace["spark_total"]
    assert namespace["spark_total"].names == namespace["national_result"].total.names
