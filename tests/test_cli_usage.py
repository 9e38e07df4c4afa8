"""The govmodel command at the edges: pipes, usage errors, --output suffixes, help texts,
the HTML page."""

from __future__ import annotations

import argparse
import io
import json
import shlex
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

import govmodel
from govmodel.cli import _build_parser, main


def run(*argv: str) -> tuple[int, str]:
    buf = io.StringIO()
    code = main(list(argv), stdout=buf)
    return code, buf.getvalue()


# -- pipes ---------------------------------------------------------------------------------------


def test_demo_into_head_exits_quietly() -> None:
    cmd = f"{shlex.quote(sys.executable)} -m govmodel demo | head -1"
    out = subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0
    assert out.stdout.startswith("== tripartite: ")
    assert out.stdout.count("\n") == 1
    assert out.stderr == ""


def test_a_reader_that_closes_the_pipe_early_gets_exit_141_and_no_traceback(
    tmp_path: Path,
) -> None:
    big = tmp_path / "city.json"
    govmodel.dump(govmodel.synth.city(150, seed=3), big)
    assert big.stat().st_size > 1_000_000  # far more than a pipe and Python's buffer hold
    p = subprocess.Popen(
        [sys.executable, "-m", "govmodel", "export", str(big), "--to", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert p.stdout is not None
    assert p.stderr is not None
    assert p.stdout.readline() == b"{\n"
    p.stdout.close()  # the reader goes away, as head does
    err = p.stderr.read()
    p.stderr.close()
    assert p.wait(timeout=120) == 141
    assert err == b""


# -- one exit code for every usage error -----------------------------------------------------


def _file_naming_model(tmp_path: Path, model: str) -> Path:
    s = govmodel.datasets.load("xihu")
    p = tmp_path / "named.json"
    govmodel.dump(attrs.evolve(s, metadata=attrs.evolve(s.metadata, model=(model,))), p)
    return p


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "--dataset", "xihu", "--model", "atlantis"],
        ["report", "--dataset", "xihu", "--model", "tripartit"],
        ["compare", "--dataset", "xihu", "--models", "grid,atlantis"],
        ["compare", "--dataset", "xihu", "--models", " , "],
        ["report", "--dataset", "atlantis", "--model", "grid"],
        ["compare", "--dataset", "atlantis"],
        ["export", "--dataset", "atlantis", "--to", "json"],
        ["validate", "--dataset", "atlantis"],
        ["report", "--dataset", "xihu", "--lang", "fr"],
        ["report", "--dataset", "xihu", "--dataset", "chengdu", "--model", "grid"],
        ["export", "--dataset", "xihu", "--to", "svg"],
        ["import", "--from", "json"],
        ["tally", "no-such-roster.csv"],
        ["models", "--lang", "fr"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(*argv)
    assert code == 2
    assert out == ""
    assert capsys.readouterr().err.strip()


def test_an_unknown_model_is_a_usage_error_naming_the_installed_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("report", "--dataset", "xihu", "--model", "tripartit")[0] == 2
    err = capsys.readouterr().err
    assert "no governance model named 'tripartit' (--model)" in err
    assert "did you mean 'tripartite'" in err
    assert "four_level" in err  # the installed models are listed
    named = _file_naming_model(tmp_path, "atlantis")
    assert run("report", str(named))[0] == 2
    err = capsys.readouterr().err
    assert f"no governance model named 'atlantis' ({named}, metadata.model)" in err
    # the same file with a model given runs
    assert run("report", str(named), "--model", "tripartite")[0] in (0, 1)


# -- --output and its suffix -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["report", "--dataset", "xihu", "--format", "text"], "r.json"),
        (["report", "--dataset", "xihu", "--format", "html"], "r.md"),
        (["report", "--dataset", "xihu"], "r.graphml"),
        (["compare", "--dataset", "xihu", "--format", "json"], "c.html"),
        (["export", "--dataset", "xihu", "--to", "graphml"], "x.json"),
        (["export", "--dataset", "xihu", "--to", "json"], "x.yaml"),
        (["export", "--dataset", "xihu", "--to", "spells"], "x.csv"),
        (["export", "--dataset", "xihu", "--to", "parquet"], "x.json"),
        (["import", str(govmodel.datasets.path("xihu")), "--from", "json"], "x.graphml"),
    ],
)
def test_an_output_suffix_naming_another_format_is_refused(
    argv: list[str], said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / said
    code, _out = run(*argv, "--output", str(target))
    assert code == 2
    assert not target.exists()  # refused before anything is written
    err = capsys.readouterr().err
    assert f"--output {target}: " in err
    assert Path(said).suffix in err


@pytest.mark.parametrize(
    ("argv", "name", "advice"),
    [
        (
            ["report", "--dataset", "xihu", "--model", "grid"],
            "r.yaml",
            "name it NAME.txt; govmodel report writes no .yaml file (its formats: text, markdown, "
            "json, html)",
        ),
        (
            ["national", "{dataset}"],
            "n.md",
            "name it NAME.txt; govmodel national writes no .md file (its formats: text, json)",
        ),
        (
            ["report", "--dataset", "xihu", "--model", "grid", "--format", "html"],
            "r.json",
            ".json names json, not --format html; name it NAME.html, or choose --format json",
        ),
        (
            ["export", "--dataset", "xihu", "--to", "graphml"],
            "x.json",
            "name it NAME.graphml, or choose --to cytoscape or json or node-link or org-jsonld "
            "or popolo",
        ),
    ],
)
def test_a_refused_output_names_only_formats_the_command_writes(
    argv: list[str], name: str, advice: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [str(govmodel.datasets.path("xihu")) if a == "{dataset}" else a for a in argv]
    code, _out = run(*argv, "--output", name)
    assert code == 2
    err = capsys.readouterr().err
    assert advice in err
    assert "choose the format its suffix names" not in err


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (["export", "--dataset", "xihu", "--to", "popolo"], "x.json"),
        (["export", "--dataset", "xihu", "--to", "graphml"], "x.xml"),
        (["export", "--dataset", "xihu", "--to", "pajek"], "x.net"),
        (["export", "--dataset", "xihu", "--to", "graphml"], "x.out"),  # unknown: as asked
        (["export", "--dataset", "xihu", "--to", "node-link"], "x"),
        (["report", "--dataset", "xihu", "--format", "markdown"], "r.md"),
        (["import", str(govmodel.datasets.path("xihu")), "--from", "json"], "x.yml"),
    ],
)
def test_an_output_suffix_that_fits_is_written(argv: list[str], name: str, tmp_path: Path) -> None:
    target = tmp_path / name
    assert run(*argv, "--output", str(target))[0] in (0, 1)
    assert target.stat().st_size > 0


@pytest.mark.parametrize(
    ("suffix", "check"),
    [
        (".md", lambda t: t.startswith("## ")),
        (".html", lambda t: t.startswith("<!DOCTYPE html>")),
        (".json", lambda t: json.loads(t)["model"] == "four_level"),
        (".txt", lambda t: not t.startswith(("<", "{", "#"))),
        (".report", lambda t: not t.startswith(("<", "{", "#"))),  # unknown suffix: text
    ],
)
def test_without_format_the_report_follows_the_output_suffix(
    suffix: str, check: object, tmp_path: Path
) -> None:
    target = tmp_path / f"r{suffix}"
    code, _ = run(
        "report", "--dataset", "yuetang", "--model", "four_level", "--output", str(target)
    )
    assert code == 0
    assert callable(check)
    assert check(target.read_text(encoding="utf-8"))


# -- the HTML page -----------------------------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.decl: list[str] = []
        self.tags: list[str] = []
        self.meta: list[dict[str, str | None]] = []
        self.title = ""
        self._in_title = False

    def handle_decl(self, decl: str) -> None:
        self.decl.append(decl)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "meta":
            self.meta.append(dict(attrs))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


@pytest.mark.parametrize("command", ["report", "compare"])
def test_the_html_report_is_a_whole_page_with_names_escaped(command: str, tmp_path: Path) -> None:
    s = govmodel.datasets.load("yuetang")
    hostile = "<script>alert(1)</script> & 岳塘"
    p = tmp_path / "y.json"
    govmodel.dump(attrs.evolve(s, metadata=attrs.evolve(s.metadata, title=hostile)), p)
    argv = [command, str(p), "--format", "html", "--lang", "zh"]
    argv += ["--model", "four_level"] if command == "report" else ["--models", "four_level,grid"]
    code, out = run(*argv)
    assert code == 0
    assert out.startswith("<!DOCTYPE html>\n")
    assert out.rstrip().endswith("</html>")
    assert "<script>" not in out
    page = _Page()
    page.feed(out)
    assert page.decl == ["DOCTYPE html"]
    assert page.tags[:3] == ["html", "head", "meta"]
    assert {"charset": "utf-8"} in page.meta
    assert page.tags.count("title") == 1
    assert page.title.startswith(hostile + " — ")  # escaped in the page, the text itself
    # one stylesheet, in the head (a <style> in the body's <div> is invalid HTML)
    assert page.tags.count("style") == 1
    assert page.tags.index("style") < page.tags.index("body")
    assert out.count(".govmodel-report td.gm-n{") == 1
    assert '<html lang="zh-Hans">' in out


# -- help and usage ------------------------------------------------------------------------------


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = _build_parser()
    out = {"govmodel": parser}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            out.update(action.choices)
    return out


@pytest.mark.parametrize("command", list(_commands()))
def test_every_argument_has_help(command: str) -> None:
    parser = _commands()[command]
    missing = []
    for action in parser._actions:
        name = "/".join(action.option_strings) or action.dest
        if not action.help or action.help == argparse.SUPPRESS:
            missing.append(name)
        if isinstance(action, argparse._SubParsersAction):
            missing += [a.dest for a in action._choices_actions if not a.help]
    assert missing == []


@pytest.mark.parametrize("command", ["report", "compare", "export"])
def test_usage_says_one_optional_file(command: str) -> None:
    usage = " ".join(_commands()[command].format_usage().split())
    assert usage.count("FILE") == 1
    assert usage.endswith(" [FILE | --dataset NAME]")  # the one or the other
    assert usage.count("--dataset") == 1
    assert "FILE ..." not in usage
    assert all(len(line) <= 80 for line in _commands()[command].format_usage().splitlines())
    assert run(command, "x.json", "--dataset", "xihu", "--to", "json")[0] == 2


def test_import_takes_exactly_one_file_and_validate_several() -> None:
    usage = " ".join(_commands()["import"].format_usage().split())
    assert usage.endswith(" FILE")
    assert usage.count("FILE") == 1
    assert "[FILE ...]" in _commands()["validate"].format_usage()
    assert run("import", "a.json", "b.json", "--from", "json")[0] == 2


def test_the_exit_codes_are_documented_in_the_help() -> None:
    text = _commands()["govmodel"].format_help()
    for code in ("0 success", "1 invalid input", "2 usage error", "141"):
        assert code in " ".join(text.split())


# -- govmodel national ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("pyarrow")
    from govmodel.io.parquet import write_parquet

    where = tmp_path_factory.mktemp("nation") / "dataset"
    write_parquet(govmodel.synth.city(30, seed=2, districts=3), where)
    return where


def test_national_on_a_scheduler_equals_assess_parquet(
    nation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("distributed")
    from distributed import Client, LocalCluster

    from govmodel import national

    with LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        argv = ["national", str(nation), "--scheduler", address, "--models", "council,grid"]
        code, out = run(*argv, "--format", "json", "--progress")
        assert code == 0
        err = capsys.readouterr().err
        assert "4/4" in err  # city, d1, d2, d3
        assert "district" in err
        with Client(address) as client:
            expected = national.assess_parquet(nation, ["council", "grid"], client=client)
        doc = json.loads(out)
        assert national.summary_from_json(json.dumps(doc["total"])) == expected.total
        assert [d["names"] for d in doc["districts"]] == [["city"], ["d1"], ["d2"], ["d3"]]
        code, out = run(*argv, "--districts", "d1,d2")
        assert code == 0
        assert out.startswith("2 districts: ")
        assert "compounds: " in out
        assert "council: " in out


def test_national_on_files_starts_a_local_cluster(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from govmodel import distributed

    parts = distributed.split(govmodel.synth.city(20, seed=4, districts=2), "district")
    paths = []
    for k, s in parts.items():
        paths.append(tmp_path / f"{k}.json")
        govmodel.dump(s, paths[-1])
    target = tmp_path / "nation.json"  # the suffix picks the format
    code, _ = run(
        "national", *map(str, paths), "--workers", "1", "--models", "grid", "--output", str(target)
    )
    assert code == 0
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["cores"] == 1
    assert doc["total"]["names"] == ["d1.json", "d2.json"]
    assert doc["total"]["counts"]["compounds"] == 20


@pytest.mark.parametrize(
    "argv",
    [
        ["national", "no-such-dir"],
        ["national", "{nation}", "--models", "atlantis"],
        ["national", "{nation}", "--models", ","],
        ["national", "{nation}", "--workers", "0"],
        ["national", "{nation}", "--format", "html"],
        ["national", "{nation}", "--output", "n.html"],
        ["national", "{file}", "--districts", "d1"],
    ],
)
def test_national_usage_errors_exit_2(
    argv: list[str], nation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled = [a.format(nation=nation, file=govmodel.datasets.path("xihu")) for a in argv]
    code, out = run(*filled)
    assert code == 2
    assert out == ""
    assert capsys.readouterr().err.strip()


def test_national_without_dask_names_the_extra(
    nation: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    code, _ = run("national", str(nation), "--scheduler", "tcp://127.0.0.1:1")
    assert code == 2
    assert "pip install 'govmodel[dask]'" in capsys.readouterr().err


@pytest.mark.parametrize("as_of", [None, "2020", "2019-06"])
def test_compare_model_by_model_equals_govmodel_compare(as_of: str | None) -> None:
    models = ["four_level", "grid", "council", "residents_committee_law", "civil_code"]
    argv = ["compare", "--dataset", "chengdu", "--format", "json", "--models", ",".join(models)]
    code, out = run(*argv, *(["--as-of", as_of] if as_of else []))
    assert code == 0
    expected = govmodel.compare(govmodel.datasets.load("chengdu"), models, as_of=as_of)
    assert out == expected.render("json")


def test_national_text_shows_each_measure_by_its_quantity() -> None:
    from govmodel import distributed
    from govmodel.cli import _national_text
    from govmodel.render import number

    s = govmodel.datasets.load("yuetang")
    summary = distributed.summarize(s, ["four_level"], name="yuetang")
    text = _national_text(distributed.National(summary, (summary,), 1.0, 1), "file")
    specs = {m.name: m for m in govmodel.models.get("four_level").measures()}
    shown = 0
    for name, m in summary.measures["four_level"].items():
        if not m.count:
            continue
        line = f"  {name} ({m.rollup} over {m.count:,} units): "
        assert line + number(m.value, specs[name].quantity) + "\n" in text
        shown += specs[name].quantity == "share"
    assert shown  # a share is shown as a percentage, not as a fraction
    assert " %\n" in text


# -- messages in the command line's words --------------------------------------------------------


def test_messages_name_the_command_and_give_no_python_advice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    txt = tmp_path / "y.txt"
    txt.write_text("{}")
    deep = tmp_path / "deep.json"
    deep.write_text('{"a":' * 5000)
    cases = [
        (["validate", str(txt)], 2, f"govmodel validate: cannot tell the format of {txt} "),
        (["validate", str(tmp_path / "x.json")], 2, "govmodel validate: no such file: "),
        (["report", str(tmp_path)], 2, f"govmodel report: {tmp_path} is a folder; give a file"),
        (["export", "--dataset", "nope", "--to", "json"], 2, "govmodel export: no bundled "),
        (["report", "A", "B"], 2, "govmodel report: give exactly one FILE (or --dataset NAME)"),
        (["import", "a", "b", "--from", "json"], 2, "govmodel import: give exactly one FILE;"),
        (["report", str(deep), "--model", "grid"], 1, f"govmodel report: 1 problem in {deep}:"),
        (
            [
                "report",
                "--dataset",
                "xihu",
                "--model",
                "grid",
                "--output",
                str(tmp_path / "no/r.txt"),
            ],
            2,
            f"govmodel report: cannot write '{tmp_path / 'no/r.txt'}': its folder",
        ),
    ]
    for argv, code, said in cases:
        assert run(*argv)[0] == code, argv
        err = capsys.readouterr().err
        assert err.startswith(said), err
        assert "format=" not in err
        assert "[Errno" not in err
        assert "limits=" not in err
    code, out = run("validate", str(deep))
    assert code == 1
    assert "too-deep: the JSON nests lists and objects more than 32 deep, the limit\n" in out
