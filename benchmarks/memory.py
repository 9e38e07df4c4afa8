"""Memory and time of JSON load, by reading route: section by section against the plain one.

Usage (from the repository root)::

    python -m benchmarks.memory --file /work/bench/mid.json --rounds 2

``govmodel.load`` reads text in the layout :func:`govmodel.dump` writes a section at a time
(:func:`govmodel.io.native._canonical_document`); any other text goes the plain route (the
whole document parsed, then structured). This measures both routes on the same file, side by
side, each step in a fresh process (see :mod:`benchmarks.probe`):

* ``load``: ``govmodel.load(path, validate=False)``;
* ``load_validate``: ``govmodel.load(path)``;
* ``live``: the bytes of live Python objects the loaded structure holds (``tracemalloc``),
  which RSS exceeds by what the allocator keeps after the parsed document is freed;
* ``orjson_raw``: the baseline, ``orjson.loads`` of the file's bytes.

Seconds are the best of ``--rounds`` workers, run alternately, with the process's CPU seconds
beside the wall seconds (a machine shared with other work slows the wall clock, not the CPU
time); memory is that of the first round. Figures per node+edge use the counts of the
structure's index.

``--retained`` measures what load + validate + assess (``govmodel.compare`` of the built-in
models) leaves alive instead, in one worker under ``tracemalloc``: the live bytes of the
structure, of the assessments and of what the run keeps besides them (the structure's index
and anything cached), the peak of the run, and the ``--top`` source lines whose allocations
are still alive after it, largest first::

    python -m benchmarks.memory --file /work/bench/mid.json --retained --top 25
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MARK = "@@memory "
ROUTES = ("sections", "plain")
STEPS = ("load", "load_validate", "live")


def _plain() -> None:
    """Send every JSON text the plain route (as text in another layout goes)."""
    from govmodel.io import native

    native._canonical_document = lambda *a: None  # type: ignore[assignment]
    native._columns = lambda *a, **k: None  # type: ignore[assignment]


def _worker(step: str, route: str, path: str) -> dict[str, Any]:
    from benchmarks.probe import measure
    from benchmarks.stages import warm_up

    warm_up()
    import govmodel

    if route == "plain":
        _plain()
    if step == "orjson_raw":
        import orjson

        def run() -> Any:
            return orjson.loads(Path(path).read_bytes())

    elif step == "live":
        import tracemalloc

        def run() -> Any:
            tracemalloc.start()
            base = tracemalloc.get_traced_memory()[0]
            s = govmodel.load(path)
            gc.collect()
            now, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            return {"live_bytes": now - base, "live_peak_bytes": peak - base, "keep": s}

    else:
        validate = step == "load_validate"

        def run() -> Any:
            return govmodel.load(path, validate=validate)

    cpu: list[float] = []

    def timed() -> Any:
        c0 = time.process_time()
        result = run()
        cpu.append(time.process_time() - c0)
        return result

    out = measure(
        timed,
        info=lambda r: {k: v for k, v in r.items() if k != "keep"} if isinstance(r, dict) else {},
    )
    out["cpu_seconds"] = cpu[0]
    return out


def _retained(path: str, top: int) -> dict[str, Any]:
    """What load + validate + assess leave alive, by source line (see the module docstring)."""
    import tracemalloc

    from benchmarks.stages import _assess_all, warm_up

    warm_up()
    import govmodel

    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    s = govmodel.load(path)
    gc.collect()
    loaded = tracemalloc.take_snapshot()
    structure = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.reset_peak()
    out = _assess_all(s)
    gc.collect()
    now, peak = tracemalloc.get_traced_memory()
    after = tracemalloc.take_snapshot()
    assessments = out.pop("assessments")
    del out
    del assessments
    gc.collect()
    kept = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    lines = [
        {
            "where": f"{d.traceback[0].filename}:{d.traceback[0].lineno}",
            "bytes": d.size_diff,
            "count": d.count_diff,
        }
        for d in after.compare_to(loaded, "lineno")[:top]
    ]
    return {
        "structure_bytes": structure,
        "assessments_bytes": now - kept,
        "kept_besides_bytes": kept - base - structure,
        "run_peak_bytes": peak - base - structure,
        "lines": lines,
    }


def _show_retained(path: str, top: int, size: int) -> dict[str, Any]:
    got = _run("retained", str(top), path)
    if "error" in got:
        print(f"error: {got['error']}")
        return got
    mb = 2**20
    print(
        f"{path}: {size:,} nodes + edges; live bytes (tracemalloc) after load + validate + assess"
    )
    print("| what | MB | B/(node+edge) |")
    print("|---|---|---|")
    for key, name in (
        ("structure_bytes", "the structure"),
        ("assessments_bytes", "the assessments"),
        ("kept_besides_bytes", "kept besides (index, caches, modules)"),
        ("run_peak_bytes", "peak of the run, above the structure"),
    ):
        print(f"| {name} | {got[key] / mb:,.1f} | {got[key] / size:,.0f} |")
    print(f"\nlargest {top} source lines alive after the run (allocated during it):")
    print("| where | MB | objects |")
    print("|---|---|---|")
    root = str(ROOT) + os.sep
    for line in got["lines"]:
        print(
            f"| {line['where'].replace(root, '')} | {line['bytes'] / mb:,.2f} | {line['count']:,} |"
        )
    return got


def _run(step: str, route: str, path: str) -> dict[str, Any]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT / "src"), str(ROOT), env.get("PYTHONPATH", "")])
    )
    cmd = [
        sys.executable,
        "-m",
        "benchmarks.memory",
        "--worker",
        step,
        "--route",
        route,
        "--file",
        path,
    ]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(MARK):
            return json.loads(line[len(MARK) :])  # type: ignore[no-any-return]
    return {"error": (done.stderr or done.stdout).strip().splitlines()[-1:]}


def _size(path: str) -> int:
    meta = Path(path).with_suffix(".meta.json")
    if meta.exists():
        m = json.loads(meta.read_text())
        return int(m["nodes"]) + int(m["edges"])
    import govmodel
    from govmodel.index import StructureIndex

    ix = StructureIndex.from_structure(govmodel.load(path, validate=False))
    return ix.n_nodes + ix.n_edges


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m benchmarks.memory", description=__doc__.split("\n")[0]
    )
    p.add_argument("--file", required=True, help="a structure written by govmodel.dump")
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--steps", default=",".join(STEPS), help="comma-separated steps")
    p.add_argument("--json", type=Path, help="write the figures here")
    p.add_argument(
        "--retained",
        action="store_true",
        help="what load + validate + assess leave alive, by source line (tracemalloc)",
    )
    p.add_argument("--top", type=int, default=25, help="source lines shown with --retained")
    p.add_argument("--worker", help=argparse.SUPPRESS)
    p.add_argument("--route", default="sections", help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.worker == "retained":
        print(MARK + json.dumps(_retained(a.file, int(a.route))), flush=True)
        return 0
    if a.worker:
        print(MARK + json.dumps(_worker(a.worker, a.route, a.file)), flush=True)
        return 0
    size = _size(a.file)
    if a.retained:
        got = _show_retained(a.file, a.top, size)
        if a.json:
            a.json.write_text(json.dumps({"file": a.file, "size": size, **got}, indent=2))
        return 0
    steps = [s for s in a.steps.split(",") if s]
    unknown = set(steps) - set(STEPS)
    if unknown:
        p.error(f"unknown steps {sorted(unknown)}; known: {', '.join(STEPS)}")
    jobs = [("orjson_raw", "sections")] + [(s, r) for s in steps for r in ROUTES]
    results: dict[tuple[str, str], dict[str, Any]] = {}
    for _ in range(a.rounds):
        for step, route in jobs:
            got = _run(step, route, a.file)
            old = results.setdefault((step, route), got)
            if "error" not in got and "error" not in old:
                for key in ("seconds", "cpu_seconds"):
                    old[key] = min(old[key], got[key])
    mb = 2**20
    print(
        f"{a.file}: {size:,} nodes + edges, {os.path.getsize(a.file) / mb:,.0f} MB; "
        f"best of {a.rounds} rounds"
    )
    print(
        "| step | route | wall s | CPU s | peak MB | retained MB | retained B/(node+edge) | live B/(node+edge) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for (step, route), m in results.items():
        if "error" in m:
            print(f"| {step} | {route} | error: {m['error']} |")
            continue
        live = f"{m['live_bytes'] / size:,.0f}" if "live_bytes" in m else ""
        print(
            f"| {step} | {route} | {m['seconds']:.2f} | {m['cpu_seconds']:.2f} | "
            f"{m['peak_bytes'] / mb:,.0f} | {m['retained_bytes'] / mb:,.0f} | "
            f"{m['retained_bytes'] / size:,.0f} | {live} |"
        )
    base = results.get(("orjson_raw", "sections"), {})
    for route in ROUTES:
        load = results.get(("load", route), {})
        if "seconds" in load and "seconds" in base:
            print(
                f"load ({route}) / orjson_raw: wall {load['seconds'] / base['seconds']:.2f}x, "
                f"CPU {load['cpu_seconds'] / base['cpu_seconds']:.2f}x"
            )
    if a.json:
        a.json.write_text(
            json.dumps(
                {
                    "file": a.file,
                    "size": size,
                    "results": [{"step": s, "route": r, **m} for (s, r), m in results.items()],
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
