"""The measures that take a graph or an index, timed both ways on a synthetic city.

Usage (from the repository root)::

    python -m benchmarks.measures --compounds 5000 --rounds 2 --before main

Generates ``govmodel.synth.city(compounds, seed=1)`` once, writes it to a temporary file,
and times every measure of :mod:`govmodel.metrics` that accepts a
:class:`~govmodel.index.StructureIndex` in place of a graph, on ``to_graph(s)`` and on the
structure's index, in a fresh worker process. With ``--before REV`` the same workers run on
the source of that revision too (``git archive REV src``), round after round alternately
with the working tree, so that both are timed side by side on the same machine load; a
revision from before the measures took an index is timed through its ``govmodel.index``
functions of the same names.

Each time is the process's CPU time (``time.process_time``: the measures are single-threaded,
and CPU time is what stays comparable on a machine shared with other work), the best of
``--repeat`` calls in a worker and of ``--rounds`` workers, after one untimed call (which
builds the index's cached forests, as a model's first measure on ``ctx.index`` does). The table gives, per measure, the graph and index times of each
source, the graph/index speed-up, and the ratio of the index times after and before.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MARK = "@@measures "

#: Each measure timed: (module, function, positional arguments, keyword arguments).
MEASURES: tuple[tuple[str, str, tuple[Any, ...], dict[str, Any]], ...] = (
    ("governance", "coverage", ("party", "compound"), {}),
    ("governance", "org_coverage", ("owners_committee",), {}),
    ("governance", "cross_appointment", (), {"as_of": "2023"}),
    ("service", "ratio", ("issues_resolved", "issues_collected"), {}),
    ("service", "resolution_rate", (), {}),
    ("service", "micro_wish_fulfilment", (), {}),
    ("service", "households_per_chief", (), {"role": "building_head"}),
    ("hierarchy", "rollup", ("households",), {}),
    ("hierarchy", "depth", (), {"view": "party"}),
    ("hierarchy", "span_of_control", (), {"child_kind": "building"}),
)


def _best(run: Callable[[], Any], repeat: int) -> float:
    run()
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        run()
        best = min(best, time.process_time() - t0)
    return best


def _worker(path: str, repeat: int) -> None:
    import importlib

    import govmodel
    from govmodel import index
    from govmodel.index import StructureIndex

    s = govmodel.load(path, validate=False)
    G = govmodel.to_graph(s)
    ix = StructureIndex.from_structure(s)
    out: dict[str, dict[str, float]] = {}
    for module, name, args, kw in MEASURES:
        on_graph = getattr(importlib.import_module(f"govmodel.metrics.{module}"), name)
        # A source from before the measures took an index has its twin in govmodel.index.
        on_index = getattr(index, name, on_graph)
        out[name] = {
            "graph": _best(lambda f=on_graph, a=args, k=kw: f(G, *a, **k), repeat),
            "index": _best(lambda f=on_index, a=args, k=kw: f(ix, *a, **k), repeat),
        }
    print(MARK + json.dumps(out), flush=True)


def _source(rev: str, into: Path) -> Path:
    """The ``src`` folder of a revision, extracted under ``into``."""
    archive = into / "src.tar"
    with archive.open("wb") as f:
        subprocess.run(["git", "archive", rev, "src"], cwd=ROOT, stdout=f, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def _run(src: Path, path: str, repeat: int) -> dict[str, dict[str, float]]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(src), str(ROOT)]))
    cmd = [sys.executable, "-m", "benchmarks.measures", "--worker", path, "--repeat", str(repeat)]
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith(MARK))
    return json.loads(line[len(MARK) :])  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.measures")
    p.add_argument("--compounds", type=int, default=5000)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--rounds", type=int, default=2)
    p.add_argument("--before", metavar="REV", help="also time the source of this revision")
    p.add_argument("--worker", metavar="PATH", help=argparse.SUPPRESS)
    p.add_argument("--json", type=Path, help="write the figures here")
    a = p.parse_args(argv)
    if a.worker:
        _worker(a.worker, a.repeat)
        return 0
    import govmodel
    from govmodel import synth

    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "city.json")
        s = synth.city(a.compounds, seed=1)
        govmodel.dump(s, path)
        counts = s.counts()
        sources = {"after": ROOT / "src"}
        if a.before:
            sources = {"before": _source(a.before, Path(tmp)), **sources}
        best: dict[str, dict[str, dict[str, float]]] = {}
        for _ in range(a.rounds):
            for label, src in sources.items():
                got = _run(src, path, a.repeat)
                mine = best.setdefault(label, {})
                for name, times in got.items():
                    old = mine.setdefault(name, times)
                    mine[name] = {k: min(old[k], times[k]) for k in times}
    print(
        f"govmodel.synth.city({a.compounds}, seed=1): {counts['units']} units, "
        f"{counts['organizations']} organizations, {counts['people']} people, "
        f"{counts['posts']} posts; CPU seconds, best of {a.repeat} calls x {a.rounds} rounds"
    )
    labels = list(best)
    head = "".join(f" | {x} graph s | {x} index s | {x} graph/index" for x in labels)
    tail = " | index after/before" if "before" in best else ""
    print(f"| measure{head}{tail} |")
    print("|---" * (1 + 3 * len(labels) + bool(tail)) + "|")
    for _, name, _, _ in MEASURES:
        cells = ""
        for x in labels:
            g, i = best[x][name]["graph"], best[x][name]["index"]
            cells += f" | {g:.4f} | {i:.4f} | {g / i:.1f}x"
        if tail:
            cells += f" | {best['after'][name]['index'] / best['before'][name]['index']:.2f}"
        print(f"| {name}{cells} |")
    if a.json:
        a.json.write_text(json.dumps({"compounds": a.compounds, "times": best}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
