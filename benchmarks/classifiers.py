"""The built-in classifiers, each timed on its own on a synthetic city (or a file).

Usage (from the repository root)::

    python -m benchmarks.classifiers --compounds 5000 --rounds 2 --before main
    python -m benchmarks.classifiers --file /path/to/mid.json --backend python
    python -m benchmarks.classifiers --file /path/to/mid.json --compare --before main

Generates ``govmodel.synth.city(compounds, seed=1)`` once and writes it to a temporary file
(or reads ``--file``), and times ``classify_all`` of every classifier of
:data:`govmodel.classify.CLASSIFIERS` in a fresh worker process, two ways:

- ``fresh``: on a new :class:`~govmodel.index.StructureIndex` (built untimed), so that the
  classifier pays for every lookup it builds, as the first classifier to read an index does;
- ``warm``: again on that index, once everything it reads is built and kept: the cost of
  labelling the subjects alone, as when several models share the index.

With ``--before REV`` the same workers run on the source of that revision too (``git archive
REV src``), round after round alternately with the working tree, so that both are timed side
by side on the same machine load. Each time is the process's CPU time
(``time.process_time``: the classifiers are single-threaded, and CPU time is what stays
comparable on a machine shared with other work), the best of ``--repeat`` calls in a worker
and of ``--rounds`` workers. The table gives, per classifier, the fresh and warm seconds of
each source and, with ``--before``, the speed-up (before / after).

With ``--compare``, a row times ``govmodel.compare`` of the five built-in models
(:data:`COMPARED`) on the structure loaded anew (``fresh``: every index and lookup built in
the call) and again on the same structure (``warm``: its index kept), and a last row the
classifiers' share of those calls (``classify_all`` timed wherever a model calls it, with
the lookups it builds first; the models call each classifier once).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.measures import _source

ROOT = Path(__file__).resolve().parent.parent
MARK = "@@classifiers "
#: The models ``--compare`` holds the structure against.
COMPARED = ("tripartite", "grid", "council", "eight_roles", "four_level")
#: The rows that time govmodel.compare, not one classifier.
_NOT_SUMMED = ("compare", "classifiers in compare")


def _worker(path: str, repeat: int, backend: str, compare: bool) -> None:
    import govmodel
    from govmodel.classify import CLASSIFIERS
    from govmodel.index import StructureIndex

    s = govmodel.load(path, validate=False)
    out: dict[str, dict[str, float]] = {}
    for name, classifier in CLASSIFIERS.items():
        fresh = warm = float("inf")
        for _ in range(repeat):
            ix = StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
            gc.collect()
            t0 = time.process_time()
            classifier.classify_all(ix)
            fresh = min(fresh, time.process_time() - t0)
            gc.collect()
            t0 = time.process_time()
            classifier.classify_all(ix)
            warm = min(warm, time.process_time() - t0)
            del ix
        out[name] = {"fresh": fresh, "warm": warm}
    if compare:
        from govmodel.classify.base import Classifier

        # the classifiers' share of compare: classify_all timed wherever a model calls it
        spent = [0.0]
        plain = Classifier.classify_all

        def timed(self: Classifier, source: Any) -> Any:
            t0 = time.process_time()
            try:
                return plain(self, source)
            finally:
                spent[0] += time.process_time() - t0

        Classifier.classify_all = timed  # type: ignore[method-assign]
        fresh = warm = inside_fresh = inside_warm = float("inf")
        for _ in range(repeat):
            s = govmodel.load(path, validate=False)  # no index kept from the last call
            gc.collect()
            spent[0] = 0.0
            t0 = time.process_time()
            govmodel.compare(s, list(COMPARED))
            fresh = min(fresh, time.process_time() - t0)
            inside_fresh = min(inside_fresh, spent[0])
            gc.collect()
            spent[0] = 0.0
            t0 = time.process_time()
            govmodel.compare(s, list(COMPARED))
            warm = min(warm, time.process_time() - t0)
            inside_warm = min(inside_warm, spent[0])
        Classifier.classify_all = plain  # type: ignore[method-assign]
        out["compare"] = {"fresh": fresh, "warm": warm}
        out["classifiers in compare"] = {"fresh": inside_fresh, "warm": inside_warm}
    print(MARK + json.dumps(out), flush=True)


def _run(
    src: Path, path: str, repeat: int, backend: str, compare: bool
) -> dict[str, dict[str, float]]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(src), str(ROOT)]))
    cmd = [sys.executable, "-m", "benchmarks.classifiers", "--worker", path]
    cmd += ["--repeat", str(repeat), "--backend", backend, *(["--compare"] * compare)]
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith(MARK))
    return json.loads(line[len(MARK) :])  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.classifiers")
    p.add_argument("--compounds", type=int, default=5000)
    p.add_argument("--file", help="a structure file to read instead of a synthetic city")
    p.add_argument("--backend", choices=("auto", "numpy", "python"), default="auto")
    p.add_argument("--repeat", type=int, default=2)
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--before", metavar="REV", help="also time the source of this revision")
    p.add_argument(
        "--compare",
        action="store_true",
        help="also time govmodel.compare of the built-in models (a row of its own)",
    )
    p.add_argument("--worker", metavar="PATH", help=argparse.SUPPRESS)
    p.add_argument("--json", type=Path, help="write the figures here")
    a = p.parse_args(argv)
    if a.worker:
        _worker(a.worker, a.repeat, a.backend, a.compare)
        return 0
    import govmodel
    from govmodel import synth

    with tempfile.TemporaryDirectory() as tmp:
        if a.file:
            path, what = a.file, a.file
            counts = govmodel.load(path, validate=False).counts()
        else:
            path, what = str(Path(tmp) / "city.json"), f"govmodel.synth.city({a.compounds}, seed=1)"
            s = synth.city(a.compounds, seed=1)
            govmodel.dump(s, path)
            counts = s.counts()
        sources = {"after": ROOT / "src"}
        if a.before:
            sources = {"before": _source(a.before, Path(tmp)), **sources}
        best: dict[str, dict[str, dict[str, float]]] = {}
        for _ in range(a.rounds):
            for label, src in sources.items():
                got = _run(src, path, a.repeat, a.backend, a.compare)
                mine = best.setdefault(label, {})
                for name, times in got.items():
                    old = mine.setdefault(name, times)
                    mine[name] = {k: min(old[k], times[k]) for k in times}
    print(
        f"{what}: {counts['units']} units, {counts['organizations']} organizations, "
        f"{counts['people']} people, {counts['posts']} posts, {counts['ties']} ties; backend "
        f"{a.backend}; CPU seconds, best of {a.repeat} calls x {a.rounds} rounds"
    )
    labels = list(best)
    head = "".join(f" | {x} fresh s | {x} warm s" for x in labels)
    tail = " | speed-up fresh | speed-up warm" if "before" in best else ""
    print(f"| classifier{head}{tail} |")
    print("|---" * (1 + 2 * len(labels) + 2 * bool(tail)) + "|")
    total: dict[str, dict[str, float]] = {x: {"fresh": 0.0, "warm": 0.0} for x in labels}
    rows: list[tuple[str, dict[str, dict[str, float]]]] = [
        (name, {x: best[x][name] for x in labels}) for name in best["after"]
    ]
    for name, row in rows:
        if name in _NOT_SUMMED:  # not a classifier: no part of the total
            continue
        for x in labels:
            for k in ("fresh", "warm"):
                total[x][k] += row[x][k]
    last = [r for r in rows if r[0] in _NOT_SUMMED]
    rows = [r for r in rows if r[0] not in _NOT_SUMMED]
    for name, row in [*rows, ("total", total), *last]:
        cells = "".join(f" | {row[x]['fresh']:.3f} | {row[x]['warm']:.3f}" for x in labels)
        if tail:
            b, f = row["before"], row["after"]
            cells += f" | {b['fresh'] / f['fresh']:.1f}x | {b['warm'] / f['warm']:.1f}x"
        print(f"| {name}{cells} |")
    if a.json:
        out: dict[str, Any] = {"file": what, "backend": a.backend, "times": best}
        a.json.write_text(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
