"""The govmodel command: every subcommand, its output and its exit code."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import govmodel
from govmodel.cli import main


def run(*argv: str) -> tuple[int, str]:
    buf = io.StringIO()
    code = main(list(argv), stdout=buf)
    return code, buf.getvalue()


def test_version() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "govmodel", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"govmodel {govmodel.__version__}"


def test_validate_ok_and_problems(tmp_path: Path) -> None:
    code, out = run("validate", "--dataset", "xihu", "--dataset", "yuetang")
    assert code == 0
    assert out.startswith("xihu: ok (")
    assert "yuetang: ok (" in out
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format_version": 1,
                "units": [
                    {"id": "b", "kind": "building"},
                    {"id": "c", "kind": "community", "parent": "b"},
                ],
                "posts": [{"id": "p", "person": "nobody", "organization": "b", "role": "chair"}],
            }
        )
    )
    code, out = run("validate", str(bad))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"{bad}: 3 problems"
    assert (
        "$.units[1].parent: invalid-containment: a community ('c') cannot sit inside a building ('b')"
        in lines
    )
    assert any(line.startswith("$.posts[0].person: dangling-reference:") for line in lines)
    assert any(line.startswith("$.posts[0].organization: wrong-reference-kind:") for line in lines)


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("validate")[0] == 2
    assert run("validate", str(tmp_path / "missing.json"))[0] == 2
    assert run("no-such-command")[0] == 2
    assert run("validate", "--dataset", "atlantis")[0] == 2
    assert run("report", "--dataset", "xihu", "--format", "pdf")[0] == 2
    assert run()[0] == 2
    err = capsys.readouterr().err
    assert "no such file" in err
    assert "no bundled structure 'atlantis'" in err


def test_datasets_lists_every_bundled_structure() -> None:
    code, out = run("datasets")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == list(govmodel.datasets.names())


def test_export_and_import_round_trip(tmp_path: Path) -> None:
    s = govmodel.datasets.load("chengdu")
    for fmt in ("popolo", "graphml", "gexf", "node-link"):
        target = tmp_path / f"chengdu.{fmt}"
        assert run("export", "--dataset", "chengdu", "--to", fmt, "--output", str(target))[0] == 0
        back = tmp_path / f"back-{fmt}.json"
        code, _ = run("import", str(target), "--from", fmt, "--output", str(back))
        assert code == 0
        assert govmodel.load(back) == s
    code, out = run("export", "--dataset", "chengdu", "--to", "cytoscape")
    assert code == 0
    assert "elements" in json.loads(out)


def test_import_reports_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"nodes": "not a list"}')
    code, out = run("import", str(bad), "--from", "node-link")
    assert code == 1
    assert out.startswith(f"{bad}: ")


def test_models_lists_the_builtin_models() -> None:
    code, out = run("models")
    assert code == 0
    names = [line.split()[0] for line in out.splitlines()]
    assert {"tripartite", "grid", "council", "eight_roles", "four_level"} <= set(names)
    assert "004_5b013051e8bb86b4.txt" in out
    code, out = run("models", "--lang", "zh")
    assert "四级" in out or "三驾马车" in out


def test_report_formats_and_exit_codes(tmp_path: Path) -> None:
    code, out = run("report", "--dataset", "xihu", "--model", "tripartite", "--format", "json")
    data = json.loads(out)
    assert {"model", "findings", "labels", "metrics"} <= set(data)
    assert data["model"] == "tripartite"
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    assert code == (1 if errors else 0)
    target = tmp_path / "r.md"
    run("report", "--dataset", "chengdu", "--format", "markdown", "--output", str(target))
    assert target.read_text().startswith("## ")
    code, out = run("report", "--dataset", "chengdu", "--lang", "zh")
    assert "规则" in out


def test_compare_and_demo() -> None:
    code, out = run("compare", "--dataset", "yuetang", "--models", "four_level,tripartite")
    assert code == 0
    assert out.splitlines()[2].split()[0] == "four_level"
    code, out = run("demo")
    assert code == 0
    for name in ("tripartite", "grid", "council", "eight_roles", "four_level"):
        assert f"== {name}: " in out
    assert out.splitlines()[-1].startswith("four_level: ")
