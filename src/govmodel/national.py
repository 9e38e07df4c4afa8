"""A nation stored as partitioned Parquet, assessed district by district on Dask or Spark.

The dataset is the one :func:`govmodel.io.parquet.write_parquet` writes (and Spark, Hive,
Dask, Polars or DuckDB can write too): tables partitioned by district. Each district is
read on its own (:func:`govmodel.io.parquet.read_parquet` with ``districts=[d]``), assessed
with every model asked for and summed up in a :class:`govmodel.distributed.Summary`; the
summaries merge exactly (:func:`govmodel.distributed.merge`) in the order of the districts'
names, so the nation's figures do not depend on which district finished first nor on the
engine that ran them.

- **Dask**: :func:`assess_parquet`, one task per district, on a ``LocalCluster`` or any
  cluster (``client=``). Needs the ``dask`` and ``parquet`` extras.
- **Spark**: :func:`spark_assessor` makes the function a PySpark job passes to
  ``groupBy("district").applyInPandas(fn, SPARK_SCHEMA)``; it returns one row per district,
  whose ``summary`` column :func:`merge_rows` merges as the Dask route does. Needs the
  ``spark`` extra.

Examples
--------
>>> import tempfile, os
>>> from govmodel import national, synth
>>> from govmodel.distributed import merge
>>> from govmodel.io.parquet import write_parquet
>>> with tempfile.TemporaryDirectory() as d:
...     write_parquet(synth.city(40, seed=2, districts=2), os.path.join(d, "nation"))
...     parts = [national.summarize_district(os.path.join(d, "nation"), k, ["council"])
...              for k in ("d1", "d2")]
>>> total = merge(*parts)
>>> total.names, total.counts["compounds"]
(('d1', 'd2'), 40)
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import Any

import attrs

from govmodel._convert import DEFAULT_LIMITS, capped, json_path, short_repr
from govmodel.distributed import (
    MeasureTotal,
    National,
    Summary,
    _check_as_of,
    _chosen,
    map_summaries,
    merge,
    summarize,
)
from govmodel.errors import Problem, SpecError, require

__all__ = [
    "SPARK_SCHEMA",
    "assess_parquet",
    "merge_rows",
    "spark_assessor",
    "summarize_district",
    "summary_from_json",
    "summary_to_json",
]

#: The rows :func:`spark_assessor`'s function returns, as a Spark DDL schema string: one row
#: per district, the ``summary`` column holding :func:`summary_to_json` of its
#: :class:`~govmodel.distributed.Summary`, and a few of its figures as columns for a glance.
SPARK_SCHEMA = (
    "district string, nodes long, edges long, compounds long, seconds double, summary string"
)


def summarize_district(
    path: str | os.PathLike[str],
    district: str,
    models: Iterable[str] | None = None,
    *,
    validate: bool = True,
    as_of: str | None = None,
) -> Summary:
    """Read one district of a Parquet dataset and :func:`~govmodel.distributed.summarize` it.

    The unit of work of :func:`assess_parquet` and :func:`spark_assessor`; the summary is
    named after the district, and its ``seconds`` include the reading.

    Raises
    ------
    SpecError
        If the district is not a valid structure (with ``validate``), or the dataset has no
        such district; its ``source`` names the district
        (``nation [district 510100000000]``), whose rows its paths count.
    TypeError
        If ``district`` is not a string (``510100000000`` is not the district
        ``"510100000000"``), as :func:`assess_parquet` refuses it.
    """
    from govmodel.io.parquet import read_parquet

    _check_as_of(as_of)
    if not isinstance(district, str):
        raise TypeError(
            f"a district is named by a string, not {type(district).__name__} {district!r}"
        )
    t0 = time.perf_counter()
    try:
        structure = read_parquet(path, districts=[district], validate=validate)
    except SpecError as exc:
        where = exc.source or os.fspath(path)
        raise SpecError(exc.problems, source=f"{where} [district {district}]") from exc
    loaded = time.perf_counter() - t0
    out = summarize(structure, models, name=district, as_of=as_of)
    return attrs.evolve(out, seconds=out.seconds + loaded)


def assess_parquet(
    path: str | os.PathLike[str],
    models: Iterable[str] | None = None,
    *,
    districts: Iterable[str] | None = None,
    client: Any = None,
    validate: bool = True,
    as_of: str | None = None,
    n_workers: int | None = None,
    progress: bool | None = None,
) -> National:
    """Assess a partitioned Parquet dataset on a Dask cluster, one task per district.

    Parameters
    ----------
    path
        The dataset (:func:`govmodel.io.parquet.write_parquet`); every worker must be able to
        read it at this path (a shared or mounted file system).
    models
        Registered model names; the built-in models by default.
    districts
        The districts to assess; all of them by default
        (:func:`govmodel.io.parquet.districts`).
    client
        A ``distributed.Client``; ``None``: the current client if there is one, otherwise a
        ``LocalCluster`` of ``n_workers`` single-threaded processes for the call.
    validate, as_of
        As :func:`govmodel.distributed.assess_files`.
    n_workers
        Workers of the local cluster (default: the number of CPUs), a whole number of at
        least 1; never more than the districts, whose number caps it.
    progress
        A bar counting the districts as they are done: ``None`` when standard error is a
        terminal or in Jupyter, ``True`` always, ``False`` never (see
        :mod:`govmodel.progress`).

    Returns
    -------
    National
        ``total`` is the exact merge of the districts' summaries in the order of their
        names, ``districts`` those summaries in that order.

    Raises
    ------
    MissingDependencyError
        Without the ``dask`` or ``parquet`` extra (or, with ``progress=True``, the
        ``progress`` extra).
    ValueError
        Before any task is submitted, if ``as_of`` is not a partial ISO date, or
        ``n_workers`` not a whole number of at least 1.
    TypeError
        Before any task is submitted, if ``districts`` or ``models`` is one string, or a
        district is not a string.
    SpecError
        Before any task is submitted, if ``districts`` names a district the dataset does
        not have (``unknown-partition``); then from the first district that is not a valid
        structure, its ``source`` naming the district (``nation [district 510100000000]``).

    Examples
    --------
    >>> import tempfile, os
    >>> from govmodel import national, synth
    >>> from govmodel.io.parquet import write_parquet
    >>> from distributed import Client, LocalCluster
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_parquet(synth.city(40, seed=2, districts=2), os.path.join(d, "nation"))
    ...     with LocalCluster(n_workers=1, processes=False) as c, Client(c) as client:
    ...         result = national.assess_parquet(os.path.join(d, "nation"), ["council"],
    ...                                          client=client)
    >>> [s.names[0] for s in result.districts], result.total.counts["compounds"]
    (['city', 'd1', 'd2'], 40)
    """
    from govmodel.io.parquet import districts as list_districts

    _check_as_of(as_of)
    require("dask", "dask", feature="govmodel.national.assess_parquet")
    require("pyarrow", "parquet", feature="govmodel.national.assess_parquet")
    chosen = _chosen(models)
    where = os.fspath(path)
    known = list_districts(where)
    if districts is None:
        keys = list(known)
    else:
        if isinstance(districts, str):
            raise TypeError("districts= is a list of districts, not one string")
        districts = list(districts)
        for i, k in enumerate(districts):
            if not isinstance(k, str):  # 510100 is not the district "510100"
                raise TypeError(
                    f"districts[{i}]: a district is named by a string, not {type(k).__name__} {k!r}"
                )
        keys = sorted(set(districts))
        have = set(known)
        unknown = [k for k in keys if k not in have]
        if unknown:
            raise SpecError(
                [
                    Problem(
                        "unknown-partition",
                        "$",
                        f"the dataset has no district {k!r}; it has {len(known)}: "
                        + ", ".join(repr(d) for d in known[:10])
                        + (", …" if len(known) > 10 else ""),
                    )
                    for k in unknown
                ],
                source=where,
            )
    return map_summaries(
        summarize_district,
        [where] * len(keys),
        keys,
        client=client,
        n_workers=n_workers,
        progress=progress,
        unit="district",
        models=chosen,
        validate=validate,
        as_of=as_of,
    )


# -- summaries as text, for Spark rows -----------------------------------------------------------


def summary_to_json(summary: Summary) -> str:
    """A :class:`~govmodel.distributed.Summary` as JSON text, exactly: every sum of a measure
    as its fraction (``"7/3"``), so that :func:`summary_from_json` gives it back equal.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.distributed import summarize
    >>> from govmodel.national import summary_from_json, summary_to_json
    >>> s = summarize(govmodel.datasets.load("yuetang"), ["four_level"])
    >>> back = summary_from_json(summary_to_json(s))
    >>> back == s, back.names == s.names, back.seconds == s.seconds
    (True, True, True)
    """
    return json.dumps(
        {
            "names": list(summary.names),
            "nodes": summary.nodes,
            "edges": summary.edges,
            "counts": dict(summary.counts),
            "findings": {k: dict(v) for k, v in summary.findings.items()},
            "labels": {k: dict(v) for k, v in summary.labels.items()},
            "measures": {
                model: {name: [m.rollup, str(m.total), m.count] for name, m in measures.items()}
                for model, measures in summary.measures.items()
            },
            "structure_findings": dict(summary.structure_findings),
            "seconds": summary.seconds,
        },
        ensure_ascii=False,
        sort_keys=False,
    )


_SUMMARY_FIELDS = (
    "names",
    "nodes",
    "edges",
    "counts",
    "findings",
    "labels",
    "measures",
    "structure_findings",
    "seconds",
)

#: A fraction as ``str(Fraction)`` writes it: never an exponent, which ``Fraction`` would
#: compute (``"1e999999999"``).
_FRACTION_TEXT = re.compile(r"-?[0-9]+(?:/[0-9]+)?", re.ASCII)


class _SummaryReader:
    """The checks of :func:`summary_from_json`: each value of the wrong type is a problem at
    its JSON path, and reading goes on, so that every problem is listed."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def wrong(self, parts: tuple[str | int, ...], expected: str, value: Any) -> None:
        self.problems.append(
            Problem("wrong-type", json_path(*parts), f"{expected}, not {short_repr(value)}")
        )

    def object(self, value: Any, parts: tuple[str | int, ...]) -> dict[str, Any] | None:
        if type(value) is not dict:
            self.wrong(parts, "an object", value)
            return None
        return value

    def count(self, value: Any, parts: tuple[str | int, ...]) -> int | None:
        if type(value) is not int:  # a bool, 1.0 or "1" is not a count
            self.wrong(parts, "a count is a whole number", value)
            return None
        if value < 0:
            self.problems.append(
                Problem("negative-count", json_path(*parts), f"the count {value} is negative")
            )
            return None
        return value

    def counts(self, value: Any, parts: tuple[str | int, ...]) -> dict[str, int]:
        out: dict[str, int] = {}
        for k, v in (self.object(value, parts) or {}).items():
            n = self.count(v, (*parts, k))
            if n is not None:
                out[k] = n
        return out

    def measure(self, value: Any, parts: tuple[str | int, ...]) -> MeasureTotal | None:
        if type(value) is not list or len(value) != 3:
            self.wrong(parts, "a measure is [rollup, total, count]", value)
            return None
        rollup, total, count = value
        ok = True
        if rollup not in ("sum", "mean") or type(rollup) is not str:
            self.problems.append(
                Problem(
                    "wrong-type",
                    json_path(*parts, 0),
                    f'a rollup is "sum" or "mean", not {short_repr(rollup)}',
                )
            )
            ok = False
        exact: Fraction | None = None
        if type(total) is str and _FRACTION_TEXT.fullmatch(total):
            try:
                exact = Fraction(total)
            except (ValueError, ZeroDivisionError):  # a zero denominator, too many digits
                exact = None
        if exact is None:
            self.problems.append(
                Problem(
                    "wrong-type",
                    json_path(*parts, 1),
                    f'a total is an exact fraction such as "7/3", not {short_repr(total)}',
                )
            )
            ok = False
        n = self.count(count, (*parts, 2))
        if not ok or n is None or exact is None:
            return None
        return MeasureTotal(rollup, exact, n)


def summary_from_json(text: str | bytes) -> Summary:
    """The :class:`~govmodel.distributed.Summary` of :func:`summary_to_json`'s text.

    Raises
    ------
    SpecError
        If the text is not such a summary: every problem at its JSON path (``wrong-type``
        where a count is ``1.0``, ``true`` or ``"1"``, ``missing-field``, ``unknown-field``,
        ``negative-count``, and the problems of :func:`govmodel.loads` with text that is
        not JSON: ``invalid-json``, ``duplicate-key``, ``too-deep``).
    TypeError
        If ``text`` is neither text nor bytes.
    """
    from govmodel.io.native import parse_json

    if not isinstance(text, (str, bytes)):
        raise TypeError(f"a summary is JSON text, not {type(text).__name__} {short_repr(text)}")
    d = parse_json(text)
    r = _SummaryReader()
    if type(d) is not dict:
        r.wrong((), "a summary is an object", d)
        raise SpecError(r.problems)
    for field in _SUMMARY_FIELDS:
        if field not in d:
            r.problems.append(Problem("missing-field", json_path(field), f"no {field!r}"))
    r.problems.extend(
        Problem("unknown-field", json_path(k), f"a summary has no field {short_repr(k)}")
        for k in d
        if k not in _SUMMARY_FIELDS
    )
    names: list[str] = []
    if type(d.get("names", [])) is not list:
        r.wrong(("names",), "a list of names", d["names"])
    else:
        for i, name in enumerate(d.get("names", [])):
            if type(name) is str:
                names.append(name)
            else:
                r.wrong(("names", i), "a name is a string", name)
    nodes, edges = (r.count(d.get(k, 0), (k,)) for k in ("nodes", "edges"))
    counts = r.counts(d.get("counts", {}), ("counts",))
    nested: dict[str, dict[str, dict[str, int]]] = {}
    for field in ("findings", "labels"):
        nested[field] = {
            model: r.counts(inner, (field, model))
            for model, inner in (r.object(d.get(field, {}), (field,)) or {}).items()
        }
    measures: dict[str, dict[str, MeasureTotal]] = {}
    for model, inner in (r.object(d.get("measures", {}), ("measures",)) or {}).items():
        mine = measures[model] = {}
        for name, value in (r.object(inner, ("measures", model)) or {}).items():
            m = r.measure(value, ("measures", model, name))
            if m is not None:
                mine[name] = m
    whole = r.counts(d.get("structure_findings", {}), ("structure_findings",))
    seconds = d.get("seconds", 0.0)
    if type(seconds) is not float and type(seconds) is not int:
        r.wrong(("seconds",), "seconds are a number", seconds)
    if r.problems or nodes is None or edges is None:
        raise SpecError(capped(r.problems, DEFAULT_LIMITS.max_problems))
    return Summary(
        names=tuple(names),
        nodes=nodes,
        edges=edges,
        counts=counts,
        findings=nested["findings"],
        labels=nested["labels"],
        measures=measures,
        structure_findings=whole,
        seconds=seconds,
    )


# -- Spark --------------------------------------------------------------------------------------


def spark_assessor(
    path: str | os.PathLike[str],
    models: Iterable[str] | None = None,
    *,
    validate: bool = True,
    as_of: str | None = None,
) -> Callable[[Any], Any]:
    """The function a PySpark job passes to ``groupBy("district").applyInPandas``.

    Parameters
    ----------
    path
        The dataset; every executor must be able to read it at this path.
    models, validate, as_of
        As :func:`assess_parquet`.

    Returns
    -------
    callable
        ``fn(pdf: pandas.DataFrame) -> pandas.DataFrame``: given a group's rows (any
        columns, one of them ``district``), it reads and assesses that district and returns
        one row of :data:`SPARK_SCHEMA`. A null district, which is how Spark reads the
        folder ``district=__HIVE_DEFAULT_PARTITION__`` (where Spark writes rows without a
        district), is that folder's district, ``"__HIVE_DEFAULT_PARTITION__"``, as
        :func:`assess_parquet` reads it.

    Raises
    ------
    TypeError
        If ``models`` is one model name (``"council"``), not a list of them: here, not on
        the executors.

    Examples
    --------
    The job (run as it is in ``tests/test_spark.py``, in Spark's local mode)::

        from pyspark.sql import SparkSession
        from govmodel import national

        spark = (SparkSession.builder.master("local[2]")
                 .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
                 .getOrCreate())
        keys = spark.read.parquet(f"{path}/units").select("district").distinct()
        rows = (keys.groupBy("district")
                    .applyInPandas(national.spark_assessor(path), national.SPARK_SCHEMA)
                    .collect())
        total = national.merge_rows(rows)

    Without Spark the function runs on a pandas frame all the same:

    >>> import tempfile, os
    >>> import pandas as pd
    >>> from govmodel import national, synth
    >>> from govmodel.io.parquet import write_parquet
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_parquet(synth.city(40, seed=2, districts=2), os.path.join(d, "nation"))
    ...     fn = national.spark_assessor(os.path.join(d, "nation"), ["council"])
    ...     row = fn(pd.DataFrame({"district": ["d1"]}))
    >>> list(row.columns)
    ['district', 'nodes', 'edges', 'compounds', 'seconds', 'summary']
    >>> national.merge_rows(row).names
    ('d1',)
    """
    _check_as_of(as_of)
    where = os.fspath(path)
    chosen = _chosen(models)

    def assess_district(pdf: Any) -> Any:
        pd: Any = require("pandas", "spark", feature="govmodel.national.spark_assessor")
        from govmodel.io.parquet import _HIVE_NULL

        # Spark reads the folder of null values, __HIVE_DEFAULT_PARTITION__, as null: it is
        # that folder's district, as read_parquet and the Dask route name it
        keys = sorted({_HIVE_NULL if pd.isna(k) else str(k) for k in pdf["district"]})
        rows = []
        for key in keys:
            s = summarize_district(where, key, chosen, validate=validate, as_of=as_of)
            rows.append(
                {
                    "district": key,
                    "nodes": s.nodes,
                    "edges": s.edges,
                    "compounds": s.counts.get("compounds", 0),
                    "seconds": s.seconds,
                    "summary": summary_to_json(s),
                }
            )
        columns = ["district", "nodes", "edges", "compounds", "seconds", "summary"]
        return pd.DataFrame(rows, columns=columns)

    return assess_district


def merge_rows(rows: Any) -> Summary:
    """Merge the rows of :func:`spark_assessor` exactly, as :func:`assess_parquet` does.

    Parameters
    ----------
    rows
        The rows: a pandas DataFrame, or an iterable of mappings or PySpark ``Row`` objects
        (what ``DataFrame.collect()`` returns), each with ``district`` and ``summary``.

    Returns
    -------
    Summary
        :func:`govmodel.distributed.merge` of the rows' summaries in the order of their
        districts' names: equal, names included, to ``assess_parquet(...).total`` (of no
        rows, the empty summary, as ``assess_parquet`` gives for no district).

    Raises
    ------
    ValueError
        If two rows are of one district, or two districts were assessed with different
        models (their merge would count the findings of some districts only).
    SpecError
        If a row's ``summary`` is not :func:`summary_to_json`'s text (see
        :func:`summary_from_json`); its ``source`` names the district.
    """
    if hasattr(rows, "to_dict") and hasattr(rows, "columns"):
        items: Iterable[Any] = rows.to_dict("records")
    else:
        items = rows
    by_district: dict[str, str] = {}
    for row in items:
        r: Mapping[str, Any] = row.asDict() if hasattr(row, "asDict") else row
        key = str(r["district"])
        if key in by_district:
            raise ValueError(f"two rows of district {key!r}")
        by_district[key] = r["summary"]
    summaries = []
    first: tuple[str, list[str]] | None = None
    for k in sorted(by_district):
        try:
            summary = summary_from_json(by_district[k])
        except SpecError as exc:
            raise SpecError(exc.problems, source=f"the summary of district {k!r}") from None
        except TypeError as exc:
            raise TypeError(f"the summary of district {k!r}: {exc}") from None
        models = sorted(summary.findings)
        if first is None:
            first = (k, models)
        elif models != first[1]:
            raise ValueError(
                f"district {k!r} was assessed with the models {models}, district "
                f"{first[0]!r} with {first[1]}: their rows do not merge"
            )
        summaries.append(summary)
    return merge(*summaries)
