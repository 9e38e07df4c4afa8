"""The scale benchmark runs end to end at a tiny size, so that it never rots.

The timings themselves are not tested (they depend on the machine); the suite is run by hand
at district, mid and city scale (see docs/guide/performance.md).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.syspath_prepend(str(ROOT))
    import benchmarks.run

    return benchmarks.run


def test_suite_runs_at_tiny_scale(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--scale", "tiny", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(out.read_text())
    tiny = report["scales"]["tiny"]
    assert tiny["size"] == tiny["data"]["nodes"] + tiny["data"]["edges"] > 0
    stages = tiny["stages"]
    for name in (
        "load",
        "validate",
        "index",
        "rollups",
        "assess",
        "pipeline",
        "to_graph",
        "export",
    ):
        m = stages[name]
        assert "error" not in m, (name, m)
        assert m["seconds"] > 0
        assert m["retained_bytes"] is not None
        assert m["peak_bytes"] is not None
    assert set(stages["assess"]["models"]) == {
        "tripartite",
        "grid",
        "council",
        "eight_roles",
        "four_level",
    }
    assert not stages["assess"]["model_errors"]
    # every rollup implementation gives the same numbers
    checks = [
        stages[k]["check"]
        for k in ("rollups", "nx_descendants", "polars_rollups")
        if "check" in stages[k]
    ]
    assert len(checks) >= 2
    assert all(c == checks[0] for c in checks)
    names = {r["name"] for r in tiny["ratios"]}
    assert "load + validate + assess vs networkx bare graph" in names
    assert tiny["retained_per_node_edge"] > 0
    assert "== tiny" in done.stdout
    assert "ratio" in done.stdout


def test_missing_baselines_are_skipped_with_a_note(
    bench: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = bench.run  # type: ignore[attr-defined]
    monkeypatch.setattr(bench, "available", lambda module: module not in ("polars", "orjson"))
    report = run(["tiny"], stages=["polars_rollups", "orjson_raw"], data_dir=tmp_path, log=None)
    stages = report["scales"]["tiny"]["stages"]
    assert "skipped" in stages["polars_rollups"]
    assert "skipped" in stages["orjson_raw"]
    assert any("polars" in n for n in report["notes"])
    text = bench.render(report)  # type: ignore[attr-defined]
    assert "needs polars" in text
    assert "note:" in text


def test_exponents_and_ratios(bench: object) -> None:
    def scale(size: int, seconds: float) -> dict[str, object]:
        stage = {"seconds": seconds, "peak_bytes": size, "retained_bytes": size}
        return {"size": size, "stages": {"load": stage, "nx_bare": dict(stage, seconds=1.0)}}

    exps = bench._exponents({"a": scale(100, 1.0), "b": scale(10_000, 100.0)})  # type: ignore[attr-defined]
    assert exps["load"]["seconds"] == pytest.approx(1.0)
    ratios = {
        r["name"]: r
        for r in bench._ratios({"pipeline": {"seconds": 3.0}, "nx_bare": {"seconds": 2.0}})
    }  # type: ignore[attr-defined]
    r = ratios["load + validate + assess vs networkx bare graph"]
    assert r["ratio"] == 1.5
    assert r["met"] is True


def test_the_memory_benchmark_shows_what_a_run_leaves_alive(tmp_path: Path) -> None:
    import govmodel

    path = tmp_path / "xihu.json"
    govmodel.dump(govmodel.datasets.load("xihu"), path)
    out = tmp_path / "retained.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.memory",
            "--file",
            str(path),
            "--retained",
            "--top",
            "3",
            "--json",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    got = json.loads(out.read_text())
    assert got["size"] > 0
    assert got["structure_bytes"] > 0
    assert got["assessments_bytes"] > 0
    assert got["run_peak_bytes"] >= got["assessments_bytes"]
    assert 0 < len(got["lines"]) <= 3
    assert all(line["where"].rsplit(":", 1)[1].isdigit() for line in got["lines"])
    assert "the assessments" in done.stdout
