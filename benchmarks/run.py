"""Run govmodel's scale benchmark: one table, ratios against the baselines, scaling exponents.

Usage (from the repository root)::

    python -m benchmarks.run --scale district,mid,city --json bench.json
    python -m benchmarks.run --scale city --stages pipeline,nx_bare
    python -m benchmarks.run --scale tiny --json out.json      # CI

Scales (synthetic structures from :mod:`govmodel.synth`, seed 1): ``tiny`` (25 compounds),
``small`` (100), ``district`` (1,000 compounds, about 55,000 nodes), ``mid`` (a city of
5,000 compounds) and ``city`` (20,000 compounds, 1.1 million nodes). ``all`` is
``district,mid,city``.

Each scale's structure is written once with :func:`govmodel.dump` (to ``--data-dir``, a
temporary folder by default) and every stage reads that file in its own fresh process; see
:mod:`benchmarks.probe` for how time and memory are measured.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.stages import BASELINES, STAGES, available, prepare

ROOT = Path(__file__).resolve().parents[1]

#: name -> (generator, compounds): ``synth.district`` or ``synth.city`` with seed 1.
SCALES: dict[str, tuple[str, int | None]] = {
    "tiny": ("district", 25),
    "small": ("district", 100),
    "district": ("district", None),
    "mid": ("city", 5_000),
    "city": ("city", None),
}

#: The ratios the issue sets targets for: (name, numerator, denominator, field, target).
RATIOS: tuple[tuple[str, str, str, str, float], ...] = (
    ("load + validate + assess vs networkx bare graph", "pipeline", "nx_bare", "seconds", 1.5),
    ("compare of the five models vs networkx bare graph", "assess", "nx_bare", "seconds", 0.5),
    ("rollups vs polars", "rollups", "polars_rollups", "seconds", 2.0),
    ("rollups vs networkx descendants", "rollups", "nx_descendants", "seconds", math.inf),
    ("JSON load vs orjson raw", "load", "orjson_raw", "seconds", 2.0),
    ("to_graph vs networkx bare graph", "to_graph", "nx_bare", "seconds", math.inf),
    ("peak of load + assess vs networkx bare graph", "pipeline", "nx_bare", "peak_bytes", 1.0),
)
#: Largest bytes retained per node-plus-edge by load + validate + assess.
RETAINED_TARGET = 450.0
#: Largest scaling exponent of any stage.
EXPONENT_TARGET = 1.1

MARK = "@@benchmark "


# ------------------------------------------------------------------------------------------------
# Worker side


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


def _worker(stage: str, path: str, repeat: int) -> None:
    from benchmarks.probe import measure
    from benchmarks.stages import warm_up

    warm_up()
    run, info = prepare(stage, path)
    result = measure(run, repeat=repeat, info=info)
    print(MARK + json.dumps(result), flush=True)


def _make_data(scale: str, path: str) -> None:
    import govmodel
    from govmodel import synth
    from govmodel.index import StructureIndex

    kind, compounds = SCALES[scale]
    t0 = time.perf_counter()
    make = synth.city if kind == "city" else synth.district
    s = make(compounds, seed=1)
    made = time.perf_counter() - t0
    t0 = time.perf_counter()
    govmodel.dump(s, path)
    dumped = time.perf_counter() - t0
    ix = StructureIndex.from_structure(s)
    meta = {
        "scale": scale,
        "generator": f"govmodel.synth.{kind}({compounds}, seed=1)",
        "nodes": ix.n_nodes,
        "edges": ix.n_edges,
        "counts": s.counts(),
        "bytes": os.path.getsize(path),
        "synth_seconds": made,
        "dump_seconds": dumped,
        "govmodel": govmodel.__version__,
    }
    print(MARK + json.dumps(meta), flush=True)


def _subprocess(args: list[str], timeout: float | None) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "benchmarks.run", *args]
    try:
        done = subprocess.run(
            cmd, cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout} s"}
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(MARK):
            return json.loads(line[len(MARK) :])  # type: ignore[no-any-return]
    tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
    return {"error": " | ".join(tail) or f"exit status {done.returncode}"}


# ------------------------------------------------------------------------------------------------
# Orchestration


def _ratios(stages: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for name, num, den, field, target in RATIOS:
        a, b = stages.get(num, {}).get(field), stages.get(den, {}).get(field)
        value = a / b if a is not None and b else None
        out.append(
            {
                "name": name,
                "numerator": num,
                "denominator": den,
                "field": field,
                "ratio": value,
                "target": None if math.isinf(target) else target,
                "met": None if value is None or math.isinf(target) else value <= target,
            }
        )
    return out


def _exponents(results: dict[str, Any]) -> dict[str, dict[str, float | None]]:
    """``log(time ratio) / log(size ratio)`` of each stage, smallest to largest scale."""
    scales = [s for s in results if "size" in results[s]]
    if len(scales) < 2:
        return {}
    scales.sort(key=lambda s: results[s]["size"])
    first, last = results[scales[0]], results[scales[-1]]
    out: dict[str, dict[str, float | None]] = {}
    grow = math.log(last["size"] / first["size"]) if last["size"] != first["size"] else 0.0
    for stage in last["stages"]:
        row: dict[str, float | None] = {}
        for field in ("seconds", "peak_bytes", "retained_bytes"):
            a = first["stages"].get(stage, {}).get(field)
            b = last["stages"].get(stage, {}).get(field)
            row[field] = math.log(b / a) / grow if a and b and grow else None
        out[stage] = row
    return out


def _mb(x: float | None) -> str:
    return "—" if x is None else f"{x / 2**20:,.0f}"


def _s(x: float | None) -> str:
    if x is None:
        return "—"
    return f"{x:,.2f}" if x >= 0.1 else f"{x:,.4f}"


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for k, r in enumerate(rows):
        cells = [
            c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def render(report: dict[str, Any]) -> str:
    """The report as plain-text tables."""
    out = []
    for scale, res in report["scales"].items():
        size = res.get("size")
        meta = res.get("data", {})
        out.append(
            f"== {scale}: {meta.get('generator', '')}: {meta.get('nodes', 0):,} nodes + "
            f"{meta.get('edges', 0):,} edges = {size or 0:,}; file {meta.get('bytes', 0) / 2**20:,.0f} MB"
        )
        rows = [["stage", "seconds", "peak MB", "retained MB", "B/(node+edge)", "note"]]
        for name, m in res["stages"].items():
            if "error" in m or "skipped" in m:
                rows.append([name, "—", "—", "—", "—", m.get("error") or m.get("skipped", "")])
                continue
            per = (
                m["retained_bytes"] / size if size and m.get("retained_bytes") is not None else None
            )
            note = ""
            if m.get("model_seconds"):
                note = ", ".join(f"{k} {v:.2f}s" for k, v in m["model_seconds"].items())
            if m.get("model_errors"):
                note += "; errors: " + ", ".join(m["model_errors"])
            if m.get("load_validate_seconds") is not None:
                note = f"load+validate {m['load_validate_seconds']:.2f}s; " + note
            if m.get("agrees") is False:
                note = "DISAGREES with the other rollups " + note
            rows.append(
                [
                    name,
                    _s(m["seconds"]),
                    _mb(m.get("peak_bytes")),
                    _mb(m.get("retained_bytes")),
                    "—" if per is None else f"{per:,.0f}",
                    note[:160],
                ]
            )
        out.append(_table(rows))
        rrows = [["ratio", "measured", "target", "met"]]
        for r in res["ratios"]:
            rrows.append(
                [
                    r["name"],
                    "—" if r["ratio"] is None else f"{r['ratio']:.2f}×",
                    "—" if r["target"] is None else f"≤ {r['target']:g}×",
                    {True: "yes", False: "NO", None: ""}[r["met"]],
                ]
            )
        ret = res.get("retained_per_node_edge")
        rrows.append(
            [
                "retained by load + validate + assess (RSS), B/(node+edge)",
                "—" if ret is None else f"{ret:,.0f}",
                f"≤ {RETAINED_TARGET:g}",
                "" if ret is None else ("yes" if ret <= RETAINED_TARGET else "NO"),
            ]
        )
        for key, value in res.get("live_per_node_edge", {}).items():
            target = key in ("structure", "without_assessments")
            rrows.append(
                [
                    f"  live objects ({key.replace('_', ' ')}), B/(node+edge)",
                    f"{value:,.0f}",
                    f"≤ {RETAINED_TARGET:g}" if target else "—",
                    ("yes" if value <= RETAINED_TARGET else "NO") if target else "",
                ]
            )
        out += ["", _table(rrows), ""]
    if report.get("exponents"):
        first, last = report["exponent_scales"]
        out.append(f"== scaling exponents, {first} → {last}: log(ratio) / log(size ratio)")
        rows = [["stage", "time", "peak", "retained", f"time ≤ {EXPONENT_TARGET}"]]
        for stage, e in report["exponents"].items():
            t = e["seconds"]
            rows.append(
                [
                    stage,
                    "—" if t is None else f"{t:.2f}",
                    "—" if e["peak_bytes"] is None else f"{e['peak_bytes']:.2f}",
                    "—" if e["retained_bytes"] is None else f"{e['retained_bytes']:.2f}",
                    "" if t is None else ("yes" if t <= EXPONENT_TARGET else "NO"),
                ]
            )
        out.append(_table(rows))
    for note in report.get("notes", []):
        out.append(f"note: {note}")
    return "\n".join(out) + "\n"


def run(
    scales: list[str],
    *,
    stages: list[str] | None = None,
    data_dir: Path | None = None,
    repeat: int = 1,
    timeout: float | None = None,
    log: Any = sys.stderr,
) -> dict[str, Any]:
    """Run the benchmark and return the report (what ``--json`` writes)."""
    names = list(STAGES) + list(BASELINES) if stages is None else stages
    unknown = [n for n in names if n not in STAGES and n not in BASELINES]
    if unknown:
        raise SystemExit(f"unknown stages {unknown}; known: {', '.join([*STAGES, *BASELINES])}")
    notes: list[str] = []
    tmp = None
    if data_dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="govmodel-bench-")
        data_dir = Path(tmp.name)
    data_dir.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {
        "meta": {
            "python": sys.version.split()[0],
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "date": time.strftime("%Y-%m-%d %H:%M:%S"),
            "command": "python -m benchmarks.run " + " ".join(sys.argv[1:]),
            "memory": "RSS of a fresh process per stage; peak = VmHWM after resetting it "
            "(/proc/self/clear_refs) minus the RSS before the stage; retained = RSS after the "
            "stage (result alive, after gc) minus the RSS before it",
        },
        "scales": {},
    }
    try:
        for scale in scales:
            path = data_dir / f"{scale}.json"
            meta_path = data_dir / f"{scale}.meta.json"
            if path.exists() and meta_path.exists():
                meta = json.loads(meta_path.read_text())
            else:
                print(f"[{scale}] generating and writing {path} …", file=log, flush=True)
                meta = _subprocess(["--make-data", scale, "--file", str(path)], timeout)
                if "error" in meta:
                    raise SystemExit(f"could not make the {scale} data: {meta['error']}")
                meta_path.write_text(json.dumps(meta))
            size = meta["nodes"] + meta["edges"]
            results: dict[str, dict[str, Any]] = {}
            for name in names:
                needs = BASELINES[name][1] if name in BASELINES else ()
                missing = [m for m in needs if not available(m)]
                if missing:
                    results[name] = {"skipped": f"needs {', '.join(missing)} (not installed)"}
                    note = f"{name} skipped: {', '.join(missing)} not installed"
                    if note not in notes:
                        notes.append(note)
                    continue
                print(f"[{scale}] {name} …", file=log, end=" ", flush=True)
                args = ["--worker", name, "--file", str(path), "--repeat", str(repeat)]
                m = _subprocess(args, timeout)
                results[name] = m
                print(
                    "error: " + m["error"] if "error" in m else f"{m['seconds']:.3f} s",
                    file=log,
                    flush=True,
                )
            checks = {k: json.dumps(v["check"]) for k, v in results.items() if "check" in v}
            for k in checks:
                results[k]["agrees"] = len(set(checks.values())) == 1
            pipeline = results.get("pipeline", {})
            retained = pipeline.get("retained_bytes")
            live = results.get("live", {})
            report["scales"][scale] = {
                "data": meta,
                "size": size,
                "stages": results,
                "ratios": _ratios(results),
                "retained_per_node_edge": None if retained is None else retained / size,
                "live_per_node_edge": {
                    k.removeprefix("live_").removesuffix("_bytes"): v / size
                    for k, v in live.items()
                    if k.startswith("live_") and k.endswith("_bytes")
                },
            }
    finally:
        if tmp is not None:
            tmp.cleanup()
    measured = list(report["scales"])
    if len(measured) >= 2:
        ordered = sorted(measured, key=lambda s: report["scales"][s]["size"])
        report["exponent_scales"] = [ordered[0], ordered[-1]]
        report["exponents"] = _exponents({s: report["scales"][s] for s in ordered})
    report["notes"] = notes
    return report


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n")[0])
    p.add_argument("--scale", default="district", help="comma-separated scales, or 'all'")
    p.add_argument("--stages", help="comma-separated stages and baselines (default: all)")
    p.add_argument("--json", type=Path, help="write the report as JSON here")
    p.add_argument("--data-dir", type=Path, help="keep (and reuse) the generated files here")
    p.add_argument("--repeat", type=int, default=1, help="runs per stage, fastest kept")
    p.add_argument("--timeout", type=float, help="seconds allowed per stage")
    p.add_argument("--worker", help=argparse.SUPPRESS)
    p.add_argument("--make-data", help=argparse.SUPPRESS)
    p.add_argument("--file", help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.worker:
        _worker(a.worker, a.file, a.repeat)
        return 0
    if a.make_data:
        _make_data(a.make_data, a.file)
        return 0
    scales = ["district", "mid", "city"] if a.scale == "all" else a.scale.split(",")
    bad = [s for s in scales if s not in SCALES]
    if bad:
        p.error(f"unknown scales {bad}; known: {', '.join(SCALES)}, all")
    report = run(
        scales,
        stages=a.stages.split(",") if a.stages else None,
        data_dir=a.data_dir,
        repeat=a.repeat,
        timeout=a.timeout,
    )
    print(render(report))
    if a.json:
        a.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
