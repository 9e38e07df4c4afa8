"""The govmodel command: every subcommand, its output and its exit code."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

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


def test_import_reports_problems_on_standard_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"nodes": "not a list"}')
    code, out = run("import", str(bad), "--from", "node-link")
    assert code == 1
    assert out == ""  # standard output carries only the data (import > city.json)
    err = capsys.readouterr().err
    assert err.startswith(f"govmodel import: 1 problem in {bad}:\n  $")


def test_models_lists_the_builtin_models() -> None:
    code, out = run("models")
    assert code == 0
    names = [line.split()[0] for line in out.splitlines()]
    assert {"tripartite", "grid", "council", "eight_roles", "four_level"} <= set(names)
    assert "004_5b013051e8bb86b4.txt" in out
    code, out = run("models", "--lang", "zh")
    assert "四级" in out or "三驾马车" in out
    for line in out.splitlines():
        src = govmodel.models.get(line.split()[0]).source
        if src is not None and src.place_zh:  # the place in Chinese, not in English
            assert f"  {src.place_zh} ({src.report})" in line
            assert src.place not in line


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
    # the summary counts each status, as the model's own report does
    import govmodel

    a = govmodel.assess(govmodel.models.get("four_level").example(), "four_level")
    assert out.splitlines()[-1] == f"four_level: {a.summary()}"
    assert "not applicable" in out.splitlines()[-1]


_DEMO = ("tripartite", "grid", "council", "eight_roles", "four_level")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_demo_json_is_one_document_of_every_assessment(lang: str) -> None:
    code, out = run("demo", "--format", "json", "--lang", lang)
    assert code == 0
    doc = json.loads(out)  # one JSON document, nothing around it
    assert [e["model"] for e in doc["examples"]] == list(_DEMO)
    for e in doc["examples"]:
        model = govmodel.models.get(e["model"])
        a = govmodel.assess(model.example(), model)
        assert e["assessment"] == json.loads(json.dumps(a.to_dict(lang), ensure_ascii=False))
        assert e["counts"] == model.example().counts()


def test_demo_html_is_one_page() -> None:
    code, out = run("demo", "--format", "html", "--lang", "zh")
    assert code == 0
    assert out.startswith('<!DOCTYPE html>\n<html lang="zh-Hans">')
    assert out.count("<!DOCTYPE") == out.count("<html") == out.count("<body>") == 1
    assert out.rstrip().endswith("</html>")
    assert out.count("<style>") == 1
    assert out.index("<style>") < out.index("</head>")
    assert "==" not in out
    assert out.count('<div class="govmodel-report govmodel-assessment">') == len(_DEMO)


def test_demo_markdown_has_headings_not_text_lines() -> None:
    code, out = run("demo", "--format", "markdown")
    assert code == 0
    assert not any(line.startswith("==") for line in out.splitlines())
    headings = [line for line in out.splitlines() if line.startswith("# ")]
    assert len(headings) == len(_DEMO) + 1
    assert headings[0].startswith("# tripartite: ")
    assert headings[-1] == "# summary"
    assert "- four\\_level: " in out


def test_demo_in_chinese_has_no_english_headings() -> None:
    code, out = run("demo", "--lang", "zh")
    assert code == 0
    lines = out.splitlines()
    assert "== summary" not in lines
    assert "== 小结" in lines
    assert " units, " not in out
    assert " organizations, " not in out
    a = govmodel.assess(govmodel.models.get("council").example(), "council")
    assert f"council: {a.summary('zh')}" in lines
    assert any(line.startswith("== council: ") and "、1 项决议)" in line for line in lines)


# -- hostile files ----------------------------------------------------------------------------

_CONTROL_CHARS = "\x1b\r\n\x07\x08\x00\x7f\x85\x9b\u202e\u2066\u200f\u2028"


def _forging_file(tmp_path: Path) -> Path:
    """A structure whose attribute names and values try to print a forged ``ok`` line."""
    forged = "\x1b[2K\r\x1b[1Ahostile.json: ok (1 unit)\n\u202e"
    doc = {
        "format_version": 1,
        "units": [
            {"id": "c1", "kind": "community", "attributes": {forged: {"x": 1}}},
            {"id": "x1", "kind": "compound", "parent": "c1", "households": -1},
            {"id": "x2", "kind": "compound", "parent": "c1", "attributes": {"households": forged}},
        ],
    }
    p = tmp_path / "hostile\x1b[31m.json"
    p.write_text(json.dumps(doc), encoding="utf-8")
    return p


def test_validate_prints_no_terminal_controls_from_a_file(tmp_path: Path) -> None:
    p = _forging_file(tmp_path)
    code, out = run("validate", str(p))
    assert code == 1
    assert not any(c in out for c in _CONTROL_CHARS.replace("\n", ""))
    lines = out.splitlines()
    assert not any(line.startswith("hostile.json: ok") for line in lines)
    assert lines[0].startswith(str(tmp_path) + "/hostile\\x1b[31m.json: ")
    assert "\\x1b[2K\\r\\x1b[1Ahostile.json: ok (1 unit)\\n\\u202e" in out
    # one line per problem, plus the heading
    n = int(lines[0].rsplit(": ", 1)[1].split()[0])
    assert len(lines) == n + 1


def test_errors_on_stderr_are_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = _forging_file(tmp_path)
    assert run("report", str(p), "--model", "four_level")[0] == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert "\u202e" not in err
    assert "\\x1b[2K" in err
    assert run("validate", str(tmp_path / "no\x1b]0;title\x07.json"))[0] == 2
    err = capsys.readouterr().err
    assert "no such file" in err
    assert "\x1b" not in err
    assert "\x07" not in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_documents_are_escaped_on_a_terminal_and_exact_elsewhere(tmp_path: Path) -> None:
    import attrs

    s = govmodel.datasets.load("xihu")
    u = s.units[0]
    hostile = attrs.evolve(
        s, units=(attrs.evolve(u, name="\x1b]0;pwned\x07西湖\u202e"), *s.units[1:])
    )
    p = tmp_path / "x.json"
    govmodel.dump(hostile, p)
    plain = io.StringIO()
    assert main(["export", str(p), "--to", "json"], stdout=plain) == 0
    assert "\\u001b]0;pwned" in plain.getvalue()  # JSON's own escape, exact data
    assert "\u202e" in plain.getvalue()
    for argv in (["export", str(p), "--to", "yaml"], ["report", str(p), "--model", "grid"]):
        tty = _Terminal()
        assert main(argv, stdout=tty) in (0, 1)
        shown = tty.getvalue()
        assert "\x1b" not in shown
        assert "\x07" not in shown
        assert "\u202e" not in shown
        assert "pwned" in shown
        assert shown.count("\n") > 10  # the document keeps its lines


def test_import_checks_the_size_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from govmodel.io import native  # the command reads through native.read_limited

    small = govmodel.Limits(max_bytes=1000)
    monkeypatch.setattr(native.read_limited, "__defaults__", (small,))
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 10_000_000)
    read: list[int] = []
    real_open = open

    class Counting:
        def __init__(self, f: Any) -> None:
            self.f = f

        def __enter__(self) -> Counting:
            return self

        def __exit__(self, *exc: object) -> None:
            self.f.close()

        def fileno(self) -> int:
            return int(self.f.fileno())

        def read(self, n: int = -1) -> bytes:
            data = bytes(self.f.read(n))
            read.append(len(data))
            return data

    monkeypatch.setattr(
        native, "open", lambda p, mode="r": Counting(real_open(p, mode)), raising=False
    )
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read whole"))
    code, out = run("import", str(big), "--from", "json")
    assert code == 1
    assert out == ""
    err = capsys.readouterr().err
    assert "too-large" in err
    assert "10,000,000 bytes" in err
    assert sum(read) == 0  # refused from its size


def test_an_output_that_is_not_a_regular_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    code, _ = run("export", "--dataset", "xihu", "--to", "graphml", "--output", str(fifo))
    assert code == 2
    assert "fifo" in capsys.readouterr().err.lower()
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_models_and_compare_skip_a_model_that_cannot_be_used(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from govmodel.models import registry

    class Unmakeable(registry.get("grid")):  # type: ignore[misc,valid-type]
        name = "unmakeable"

        def __init__(self) -> None:
            raise RuntimeError("no\x1b[2J")

    registry.register(Unmakeable)
    try:
        code, out = run("compare", "--dataset", "yuetang", "--format", "json")
        assert code == 0
        models = [a["model"] for a in json.loads(out)["models"]]
        assert "unmakeable" not in models
        assert "grid" in models
        err = capsys.readouterr().err
        assert (
            "govmodel: warning: model 'unmakeable' cannot be used: RuntimeError: no\\x1b[2J" in err
        )
    finally:
        registry.unregister("unmakeable")


def test_models_names_and_skips_a_model_it_cannot_describe(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from govmodel.models import registry

    class Odd(registry.get("grid")):  # type: ignore[misc,valid-type]
        name = "odd"

    Odd.source = "not a Source"  # has no .place (set after the class refuses it when defined)
    registry.register(Odd)
    try:
        code, out = run("models")
        assert code == 0
        names = [line.split()[0] for line in out.splitlines()]
        assert "grid" in names
        assert "odd" not in names
        err = capsys.readouterr().err
        assert "govmodel: warning: model 'odd' cannot be used: AttributeError" in err
    finally:
        registry.unregister("odd")


def test_parquet_export_and_import_through_the_command(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    out = tmp_path / "xihu"
    code, _ = run("export", "--dataset", "xihu", "--to", "parquet", "--output", str(out))
    assert code == 0
    assert (out / "units").is_dir()
    back = tmp_path / "back.json"
    code, _ = run("import", str(out), "--from", "parquet", "--output", str(back))
    assert code == 0
    assert govmodel.dumps(govmodel.load(back)) == govmodel.dumps(govmodel.datasets.load("xihu"))


@pytest.mark.parametrize("fmt", ["parquet", "stata", "ucinet", "spells"])
def test_a_binary_export_needs_an_output(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run("export", "--dataset", "xihu", "--to", fmt)
    assert code == 2
    assert out == ""
    assert "give --output" in capsys.readouterr().err


def test_only_parquet_imports_a_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = run("import", str(tmp_path), "--from", "json")
    assert code == 2
    assert "is a folder; give a file" in capsys.readouterr().err


def test_a_folder_or_a_missing_output_folder_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("validate", str(tmp_path))[0] == 2
    assert f"{tmp_path}" in capsys.readouterr().err
    target = tmp_path / "no" / "x.graphml"
    code, _ = run("export", "--dataset", "xihu", "--to", "graphml", "--output", str(target))
    assert code == 2
    err = capsys.readouterr().err
    assert f"its folder {str(target.parent)!r} does not exist" in err
    assert ".tmp" not in err
    assert not target.parent.exists()
