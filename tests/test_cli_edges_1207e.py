"""The govmodel command against a hostile user: --output naming the input, Ctrl-C, file names
that are not UTF-8, an option that names the work given twice."""

from __future__ import annotations

import io
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import govmodel
from govmodel import cli
from govmodel.cli import main

SRC = str(Path(govmodel.__file__).resolve().parents[1])
PYTHON = shlex.quote(sys.executable)


def run(*argv: str) -> tuple[int, str]:
    buf = io.StringIO()
    code = main(list(argv), stdout=buf)
    return code, buf.getvalue()


def _python(
    code: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    environ = {k: v for k, v in os.environ.items() if k != "DASK_LOGGING"}
    environ["PYTHONPATH"] = os.pathsep.join([SRC, environ.get("PYTHONPATH", "")])
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        env=environ,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def xihu(tmp_path: Path) -> Path:
    p = tmp_path / "in.json"
    p.write_bytes(govmodel.datasets.path("xihu").read_bytes())
    return p


# -- --output naming the file read -------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "output"),
    [
        (["report", "{input}", "--model", "grid"], "{input}"),
        (["report", "{input}", "--model", "grid"], "{dir}/./in.json"),
        (["compare", "{input}", "--models", "grid"], "{input}"),
        (["export", "{input}", "--to", "popolo"], "{input}"),
        (["export", "{input}", "--to", "json"], "{link}"),  # a link to the input
        (["import", "{input}", "--from", "json"], "{input}"),
    ],
)
def test_an_output_that_is_the_input_is_refused_and_the_input_kept(
    argv: list[str], output: str, xihu: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the report, comparison or export used to be written over the structure it read
    link = xihu.parent / "link.json"
    link.symlink_to(xihu.name)
    before = xihu.read_bytes()
    names = {"input": str(xihu), "dir": str(xihu.parent), "link": str(link)}
    filled = [a.format(**names) for a in argv]
    code, out = run(*filled, "--output", output.format(**names))
    assert code == 2
    assert out == ""
    assert xihu.read_bytes() == before
    err = capsys.readouterr().err
    assert "is the file read" in err
    assert err.count("\n") == 1
    assert sorted(p.name for p in xihu.parent.iterdir()) == ["in.json", "link.json"]


def test_a_bundled_dataset_is_not_written_over(
    xihu: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a copy stands for the bundled file, so that a failing run cannot write over the real one
    monkeypatch.setattr(govmodel.datasets, "path", lambda name: xihu)
    before = xihu.read_bytes()
    code, _ = run("export", "--dataset", "xihu", "--to", "popolo", "--output", str(xihu))
    assert code == 2
    assert xihu.read_bytes() == before
    assert "is the file read (xihu)" in capsys.readouterr().err


def test_national_refuses_an_output_that_is_one_of_its_files(
    xihu: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = xihu.read_bytes()
    other = xihu.parent / "other.json"
    other.write_bytes(before)
    code, out = run("national", str(other), str(xihu), "--output", str(xihu))
    assert code == 2
    assert out == ""
    assert xihu.read_bytes() == before
    assert "is the file read" in capsys.readouterr().err


def test_an_output_beside_the_input_is_still_written(xihu: Path) -> None:
    target = xihu.parent / "out.json"
    assert run("export", str(xihu), "--to", "json", "--output", str(target))[0] == 0
    assert govmodel.load(target) == govmodel.load(xihu)


# -- Ctrl-C --------------------------------------------------------------------------------------


def test_an_interrupt_exits_130_without_a_traceback(xihu: Path) -> None:
    # a real SIGINT while the command runs used to print a KeyboardInterrupt traceback
    # Python's own handler, as in a terminal: a shell running the tests in the background
    # (``pytest &``) starts them ignoring SIGINT, which the child would inherit
    code = (
        "import os, signal, sys\n"
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "import govmodel.cli as cli\n"
        "def load(*a, **k):\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    signal.pause()\n"
        "cli.load = load\n"
        "sys.exit(cli.main(sys.argv[1:]))\n"
    )
    done = _python(code, "validate", str(xihu))
    assert done.returncode == 130
    assert done.stderr == b""
    assert done.stdout == b""


@pytest.mark.parametrize("existing", [False, True])
def test_an_interrupt_while_writing_leaves_the_output_as_it_was(
    xihu: Path, existing: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govmodel.io import native

    target = xihu.parent / "out.txt"
    if existing:
        target.write_text("old\n", encoding="utf-8")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(native.os, "fsync", interrupted)
    try:
        code, out = run("report", str(xihu), "--model", "grid", "--output", str(target))
    except KeyboardInterrupt:  # not pytest's own: the command let it through
        pytest.fail("the interrupt went through main()")
    assert code == 130
    assert out == ""
    assert sorted(p.name for p in xihu.parent.iterdir()) == (
        ["in.json", "out.txt"] if existing else ["in.json"]
    )
    if existing:
        assert target.read_text(encoding="utf-8") == "old\n"


def test_the_help_names_exit_130() -> None:
    code, out = run("--help")
    assert code == 0
    assert "130 interrupted" in " ".join(out.split())


# -- file names that are not UTF-8 ---------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes")
def test_a_file_name_that_is_not_utf8_is_shown_escaped_in_any_locale(tmp_path: Path) -> None:
    # in a UTF-8 locale (standard output strict), validate of such a file used to fail with
    # "govmodel validate: 'utf-8' codec can't encode character '\udcff'" and exit 2
    name = os.fsencode(tmp_path) + b"/bad\xff.json"
    with open(name, "wb") as f:
        f.write(govmodel.datasets.path("xihu").read_bytes())
    code = "import sys\nfrom govmodel.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    for env in ({"PYTHONIOENCODING": "utf-8"}, {"PYTHONIOENCODING": "utf-8:surrogateescape"}):
        done = _python(code, "validate", os.fsdecode(name), env=env)
        assert done.returncode == 0, done.stderr
        assert done.stderr == b""
        assert done.stdout.startswith(os.fsencode(tmp_path) + b"/bad\\udcff.json: ok (")
        missing = _python(code, "validate", os.fsdecode(name + b".gone"), env=env)
        assert missing.returncode == 2
        assert missing.stderr.endswith(b"/bad\\udcff.json.gone\n")


def test_shown_escapes_a_lone_surrogate() -> None:
    assert cli.shown("bad\udcff.json") == "bad\\udcff.json"
    assert cli._shown_text("a\udc80\nb") == "a\\udc80\nb"


# -- an option naming the work, given twice ------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["report", "--dataset", "xihu", "--model", "grid", "--model", "council"],
            "--model is given twice; to hold a structure against several models, use govmodel "
            "compare --models A,B",
        ),
        (
            ["report", "--dataset", "xihu", "--mod", "grid", "--model=council"],
            "--model is given twice",
        ),
        (
            ["compare", "--dataset", "xihu", "--models", "grid", "--models", "council"],
            "--models is given twice; name them all in one, separated by commas: --models A,B",
        ),
        (
            ["national", "{file}", "--models", "grid", "--models", "council"],
            "--models is given twice",
        ),
    ],
)
def test_a_model_given_twice_is_a_usage_error(
    argv: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # the first used to be dropped without a word, and the last one assessed alone
    filled = [a.format(file=govmodel.datasets.path("xihu")) for a in argv]
    code, out = run(*filled)
    assert code == 2
    assert out == ""
    err = capsys.readouterr().err
    assert said in err
    assert err.count("\n") == 1


def test_a_model_given_once_still_runs() -> None:
    assert run("report", "--dataset", "yuetang", "--model", "four_level")[0] == 0
    code, out = run("compare", "--dataset", "yuetang", "--models", "four_level,grid")
    assert code == 0
    assert "grid" in out


# -- standard error or output closed -------------------------------------------------------------


def _shell(command: str) -> subprocess.CompletedProcess[str]:
    environ = dict(os.environ)
    environ["PYTHONPATH"] = os.pathsep.join([SRC, environ.get("PYTHONPATH", "")])
    return subprocess.run(
        ["sh", "-c", command],
        capture_output=True,
        text=True,
        env=environ,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "{input}"],
        ["report", "{input}", "--model", "grid", "--format", "json"],
        ["export", "{input}", "--to", "json"],
    ],
)
def test_progress_forced_on_without_standard_error_draws_nothing_and_runs(
    argv: list[str], xihu: Path
) -> None:
    # the bar wrote to a standard error of None: an AttributeError, exit 1, and no output
    pytest.importorskip("tqdm")
    filled = " ".join(shlex.quote(a.format(input=xihu)) for a in argv)
    done = _shell(f"{PYTHON} -m govmodel {filled} --progress 2>&-")
    assert done.returncode in (0, 1)
    assert done.stdout.strip()
    if "--format json" in filled or "export" in filled:
        import json

        json.loads(done.stdout)
    assert done.stdout == _shell(f"{PYTHON} -m govmodel {filled} --no-progress").stdout


def test_progress_helpers_without_standard_error(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("tqdm")
    from govmodel import progress

    monkeypatch.setattr(sys, "stderr", None)
    assert list(progress.track([1, 2, 3], desc="count", progress=True)) == [1, 2, 3]
    with progress.step("nothing", progress=True):
        pass


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["report", "--help"]])
def test_help_to_a_closed_standard_output_is_said(argv: list[str]) -> None:
    # argparse dropped the error of its write: exit 0, and nothing printed anywhere
    done = _shell(f"{PYTHON} -m govmodel {' '.join(argv)} >&-")
    assert done.returncode == 2
    assert done.stderr == "govmodel: standard output is closed\n"
    shown = _shell(f"{PYTHON} -m govmodel {' '.join(argv)}")
    assert shown.returncode == 0
    assert shown.stdout.strip()


# -- --as-of -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "said"),
    [
        ("2021-02-30", "'2021-02-30' has no day 30"),
        ("2021-13", "'2021-13' has no month 13"),
        ("", "'' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"),
        ("-5", "'-5' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    ],
)
@pytest.mark.parametrize(
    "argv",
    [
        ["report", "{input}", "--model", "grid"],
        ["compare", "{input}", "--models", "grid"],
        ["national", "{input}", "--workers", "1"],
    ],
)
def test_a_bad_as_of_is_named_before_the_file_is_read(
    argv: list[str],
    as_of: str,
    said: str,
    xihu: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # report and compare read (and validated) the whole file first, and national said "as_of:"
    def load(*args: object, **kwargs: object) -> None:
        pytest.fail("the file was read")

    monkeypatch.setattr(cli, "load", load)
    filled = [a.format(input=xihu) for a in argv]
    code, out = run(*filled, f"--as-of={as_of}")
    assert code == 2
    assert out == ""
    assert capsys.readouterr().err == f"govmodel {argv[0]}: --as-of: {said}\n"


def test_a_good_as_of_still_runs() -> None:
    code, out = run("report", "--dataset", "chengdu", "--model", "grid", "--as-of", "2020-02-29")
    assert code in (0, 1)
    assert "as of: 2020-02-29" in out


# -- a model named twice in --models -------------------------------------------------------------


def test_national_counts_a_model_named_twice_once(xihu: Path) -> None:
    # its findings used to be counted twice: "grid: 74 findings" for grid's 37
    pytest.importorskip("distributed")
    import json

    once = run("national", str(xihu), "--workers", "1", "--models", "grid", "--format", "json")
    twice = run(
        "national", str(xihu), "--workers", "1", "--models", "grid, grid", "--format", "json"
    )
    assert once[0] == twice[0] == 0
    totals = [json.loads(out)["total"] for _, out in (once, twice)]
    for total in totals:
        del total["seconds"]  # the time taken
    assert totals[1] == totals[0]
    assert sum(totals[1]["findings"]["grid"].values()) > 0


def test_compare_lists_a_model_named_twice_once() -> None:
    import json

    code, out = run(
        "compare", "--dataset", "xihu", "--models", "grid,council, grid", "--format", "json"
    )
    assert code == 0
    assert [a["model"] for a in json.loads(out)["models"]] == ["grid", "council"]
