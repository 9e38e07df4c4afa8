"""The stages of the benchmark, each prepared and measured in a worker process.

A stage is a function ``prepare(path) -> run`` where ``prepare`` does the untimed work (read
the structure, build the index, …) and ``run()`` is the timed work; its result is kept alive
while retained memory is measured. ``python -m benchmarks.run --worker STAGE --file PATH``
runs one stage and prints its measurement as one JSON line.
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import workloads

__all__ = ["BASELINES", "BUILTIN_MODELS", "STAGES", "available", "prepare"]

#: The built-in governance models, assessed by the ``assess`` and ``pipeline`` stages.
BUILTIN_MODELS = ("tripartite", "grid", "council", "eight_roles", "four_level")

Run = Callable[[], Any]
Info = Callable[[Any], dict[str, Any]]


def available(module: str) -> bool:
    """Whether an optional module is installed."""
    return importlib.util.find_spec(module) is not None


def warm_up() -> None:
    """Import govmodel and let it generate its loaders once, outside the timed stage; assess
    a bundled structure with the built-in models once too, so that what the first
    assessment of a process imports (the models, numpy, the progress bar) is not counted in
    the time or the memory of a stage, as networkx's import is not counted in ``nx_bare``.
    """
    import networkx  # noqa: F401

    import govmodel
    from govmodel import datasets

    s = datasets.load("xihu")
    govmodel.loads(govmodel.dumps(s))
    govmodel.compare(s, _models(), progress=False)


def _structure(path: str, *, validate: bool = False) -> Any:
    import govmodel

    return govmodel.load(path, validate=validate)


def _records(path: str) -> Any:
    data = Path(path).read_bytes()
    if available("orjson"):
        import orjson

        return orjson.loads(data)
    import json

    return json.loads(data)


def _models() -> list[str]:
    import warnings

    import govmodel

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        known = set(govmodel.models.names())
    return [m for m in BUILTIN_MODELS if m in known]


def _assess_all(s: Any) -> dict[str, Any]:
    """Every built-in model on one structure with ``govmodel.compare`` (the models share
    the classifiers' index and labels); a model that fails is reported, not fatal."""
    import govmodel

    out: dict[str, Any] = {"assessments": {}, "model_seconds": {}, "model_errors": {}}
    models = _models()
    try:
        comparison = govmodel.compare(s, models)
    except Exception:  # find which model fails, and run the others
        return _assess_each(s)
    out["assessments"] = {a.model: a for a in comparison.assessments}
    return out


def _assess_each(s: Any) -> dict[str, Any]:
    """Every built-in model on one structure, one ``govmodel.assess`` each (nothing shared)."""
    import govmodel

    out: dict[str, Any] = {"assessments": {}, "model_seconds": {}, "model_errors": {}}
    for name in _models():
        t0 = time.perf_counter()
        try:
            out["assessments"][name] = govmodel.assess(s, name)
        except Exception as exc:  # a model failing at scale is reported, not fatal
            out["model_errors"][name] = f"{type(exc).__name__}: {exc}"[:300]
        out["model_seconds"][name] = time.perf_counter() - t0
    return out


def _assess_info(result: dict[str, Any]) -> dict[str, Any]:
    return {
        "models": sorted(set(result["assessments"]) | set(result["model_errors"])),
        "model_seconds": result["model_seconds"],
        "model_errors": result["model_errors"],
    }


# -- govmodel stages ----------------------------------------------------------------------------


def stage_load(path: str) -> tuple[Run, Info | None]:
    """``govmodel.load(path, validate=False)``: parse and build the structure."""
    return (lambda: _structure(path)), None


def stage_validate(path: str) -> tuple[Run, Info | None]:
    """``govmodel.validate(s)`` on the loaded structure."""
    import govmodel

    s = _structure(path)
    return (lambda: govmodel.validate(s)), None


def stage_index(path: str) -> tuple[Run, Info | None]:
    """``StructureIndex.from_structure(s)``: the integer-coded index."""
    from govmodel.index import StructureIndex

    s = _structure(path)
    return (lambda: StructureIndex.from_structure(s)), None


def stage_rollups(path: str) -> tuple[Run, Info | None]:
    """The tree aggregates on the structure's index (the containment forest included)."""
    from govmodel.index import StructureIndex

    s = _structure(path)
    ix = StructureIndex.from_structure(s)

    def run() -> Any:
        ix._cache.clear()  # the containment forest is part of the work
        return workloads.govmodel_rollups(ix)

    return run, _check_info


def stage_to_graph(path: str) -> tuple[Run, Info | None]:
    """``govmodel.to_graph(s)``: the full networkx graph."""
    import govmodel

    s = _structure(path)
    return (lambda: govmodel.to_graph(s)), None


def _fresh(s: Any) -> Any:
    """``s`` as loaded: what an earlier run cached on it (its index and the index's lookups)
    dropped, so that every run of a stage does the whole work (``--repeat``); what the
    reader found as it read (every string and every value checked) kept, as a structure
    just loaded has it."""
    from govmodel.validate import STRINGS_CHECKED, TYPES_CHECKED

    read = {k: s._cache[k] for k in (STRINGS_CHECKED, TYPES_CHECKED) if k in s._cache}
    s._cache.clear()
    s._cache.update(read)
    return s


def stage_assess(path: str) -> tuple[Run, Info | None]:
    """``govmodel.compare(s, models)``: every built-in model on one loaded structure."""
    s = _structure(path)
    return (lambda: _assess_all(_fresh(s))), _assess_info


def stage_assess_each(path: str) -> tuple[Run, Info | None]:
    """``govmodel.assess(s, m)`` for each built-in model in turn (the time of each)."""
    s = _structure(path)
    return (lambda: _assess_each(_fresh(s))), _assess_info


def stage_export(path: str) -> tuple[Run, Info | None]:
    """``govmodel.dumps(s)``."""
    import govmodel

    s = _structure(path)
    return (lambda: govmodel.dumps(s)), (lambda text: {"chars": len(text)})


def stage_pipeline(path: str) -> tuple[Run, Info | None]:
    """``govmodel.load(path)`` (validating) and assess with every built-in model."""

    def run() -> Any:
        t0 = time.perf_counter()
        s = _structure(path, validate=True)
        loaded = time.perf_counter() - t0
        out = _assess_all(s)
        out["structure"] = s
        out["load_validate_seconds"] = loaded
        return out

    def info(result: dict[str, Any]) -> dict[str, Any]:
        return {**_assess_info(result), "load_validate_seconds": result["load_validate_seconds"]}

    return run, info


def stage_live(path: str) -> tuple[Run, Info | None]:
    """The pipeline under tracemalloc: the bytes of live Python objects (numpy's included)
    that load + validate + assess leave behind, with the assessments kept and dropped.

    RSS (the other stages) also counts memory the allocator keeps after freeing the parsed
    document, which it cannot return while live objects are scattered through it; this
    stage tells the two apart. Its time is not comparable (tracemalloc slows Python down).
    """
    import gc
    import tracemalloc

    def run() -> Any:
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        s = _structure(path, validate=True)
        gc.collect()
        structure = tracemalloc.get_traced_memory()[0] - base
        out = _assess_all(s)
        gc.collect()
        with_assessments = tracemalloc.get_traced_memory()[0] - base
        peak = tracemalloc.get_traced_memory()[1] - base
        out["assessments"].clear()
        gc.collect()
        without = tracemalloc.get_traced_memory()[0] - base
        tracemalloc.stop()
        return {
            "live_structure_bytes": structure,
            "live_with_assessments_bytes": with_assessments,
            "live_without_assessments_bytes": without,
            "live_peak_bytes": peak,
            "keep": s,
        }

    def info(result: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in result.items() if k.endswith("_bytes")}

    return run, info


# -- baselines ----------------------------------------------------------------------------------


def stage_orjson_raw(path: str) -> tuple[Run, Info | None]:
    """Baseline: ``orjson.loads`` of the file's bytes (read included)."""
    import orjson

    return (lambda: orjson.loads(Path(path).read_bytes())), None


def stage_json_raw(path: str) -> tuple[Run, Info | None]:
    """Reference: the standard library's ``json.loads`` of the file's text."""
    import json

    return (lambda: json.loads(Path(path).read_bytes())), None


def stage_nx_bare(path: str) -> tuple[Run, Info | None]:
    """Baseline: networkx building the bare MultiDiGraph from the parsed records."""
    records = _records(path)
    return (lambda: workloads.nx_bare_graph(records)), (
        lambda G: {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}
    )


def stage_nx_descendants(path: str) -> tuple[Run, Info | None]:
    """Baseline: the tree aggregates summed over ``nx.descendants`` of every unit."""
    tables = workloads.flat_tables(_records(path))
    own = workloads.own_values(tables)
    T = workloads.nx_containment_tree(tables)
    return (lambda: workloads.nx_descendant_rollups(T, own)), _check_info


def stage_polars_rollups(path: str) -> tuple[Run, Info | None]:
    """Baseline: the tree aggregates with polars on flat tables of the records."""
    frames = workloads.polars_frames(workloads.flat_tables(_records(path)))
    return (lambda: workloads.polars_rollups(frames)), _check_info


def _check_info(result: dict[str, Any]) -> dict[str, Any]:
    return {"check": workloads.checksum(result["totals"], result["roots"])}


#: govmodel's stages, in the order the table shows them.
STAGES: dict[str, Callable[[str], tuple[Run, Info | None]]] = {
    "load": stage_load,
    "validate": stage_validate,
    "index": stage_index,
    "rollups": stage_rollups,
    "assess": stage_assess,
    "assess_each": stage_assess_each,
    "pipeline": stage_pipeline,
    "live": stage_live,
    "to_graph": stage_to_graph,
    "export": stage_export,
}

#: The baselines, with the optional modules each needs.
BASELINES: dict[str, tuple[Callable[[str], tuple[Run, Info | None]], tuple[str, ...]]] = {
    "orjson_raw": (stage_orjson_raw, ("orjson",)),
    "json_raw": (stage_json_raw, ()),
    "nx_bare": (stage_nx_bare, ()),
    "nx_descendants": (stage_nx_descendants, ()),
    "polars_rollups": (stage_polars_rollups, ("polars",)),
}


def prepare(stage: str, path: str) -> tuple[Run, Info | None]:
    """The timed function of a stage (and its info), its input prepared."""
    if stage in STAGES:
        return STAGES[stage](path)
    return BASELINES[stage][0](path)
