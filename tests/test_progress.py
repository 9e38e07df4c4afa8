"""Progress bars: on when asked, quiet in a pipe, a clear error without tqdm; in the command
and in the long Python calls."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import govmodel
from govmodel import progress
from govmodel.cli import main
from govmodel.errors import MissingDependencyError

pytest.importorskip("tqdm")  # the progress extra, installed by the dev extra in CI


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(*argv: str) -> tuple[int, str]:
    buf = io.StringIO()
    code = main(list(argv), stdout=buf)
    return code, buf.getvalue()


@pytest.fixture
def no_tqdm(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the progress extra were not installed."""
    for name in [m for m in sys.modules if m == "tqdm" or m.startswith("tqdm.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "tqdm", None)  # import tqdm raises ImportError


# -- the helper ----------------------------------------------------------------------------------


def test_wanted_follows_the_argument_and_the_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    assert progress.wanted(None, io.StringIO()) is False  # a pipe, a file: quiet
    assert progress.wanted(None, _Terminal()) is True
    assert progress.wanted(True, io.StringIO()) is True
    assert progress.wanted(False, _Terminal()) is False
    monkeypatch.setattr(sys, "stderr", _Terminal())
    assert progress.wanted(None) is True  # standard error by default


def test_without_tqdm_bars_are_off_by_default_and_forcing_them_says_what_to_install(
    no_tqdm: None,
) -> None:
    assert progress.available() is False
    assert progress.wanted(None, _Terminal()) is False
    with pytest.raises(MissingDependencyError, match=r"govmodel\[progress\]"):
        progress.wanted(True)
    assert list(progress.track([1, 2], desc="x", progress=None)) == [1, 2]


def test_track_counts_the_items(capsys: pytest.CaptureFixture[str]) -> None:
    assert list(
        progress.track(iter("abc"), desc="letters", total=3, unit="letter", progress=True)
    ) == [
        "a",
        "b",
        "c",
    ]
    err = capsys.readouterr().err
    assert "letters" in err
    assert "3/3" in err
    assert "letter/s" in err
    assert list(progress.track("abc", desc="letters", progress=False)) == ["a", "b", "c"]
    assert capsys.readouterr().err == ""
    assert list(progress.track("abc", desc="letters")) == ["a", "b", "c"]  # captured: no tty
    assert capsys.readouterr().err == ""


def test_in_a_notebook_automatic_bars_wait_for_long_work(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a cell's quick calls leave no bar; forced bars show at once, and a long one shows
    monkeypatch.setattr(progress, "_in_notebook", lambda: True)
    monkeypatch.setattr(progress, "_REFRESH", 0.02)
    assert list(progress.track("abc", desc="quick")) == ["a", "b", "c"]
    assert list(progress.track("abc", desc="quick", name=str.upper)) == ["a", "b", "c"]
    with progress.step("quick step"):
        pass
    assert capsys.readouterr().err == ""
    assert list(progress.track("abc", desc="forced", progress=True)) == ["a", "b", "c"]
    assert "forced" in capsys.readouterr().err
    monkeypatch.setattr(progress, "NOTEBOOK_DELAY", 0.05)
    with progress.step("slow step"):
        time.sleep(0.3)
    assert "slow step [done in 00:00]" in capsys.readouterr().err


def test_a_step_names_the_size_of_what_it_loads(capsys: pytest.CaptureFixture[str]) -> None:
    path = govmodel.datasets.path("chengdu")
    assert run("--progress", "report", str(path), "--model", "grid")[0] in (0, 1)
    err = capsys.readouterr().err
    assert f"load {path} ({progress.size(path.stat().st_size)}) [done in 00:0" in err
    assert [progress.size(n) for n in (0, 999, 1000, 12_345, 999_499, 999_500, 10**13)] == [
        "0 B",
        "999 B",
        "1.0 kB",
        "12 kB",
        "999 kB",
        "1.0 MB",
        "10 TB",
    ]


def test_a_step_redraws_its_elapsed_time_while_it_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(progress, "_REFRESH", 0.01)
    before = threading.active_count()
    with progress.step("wait", progress=True):
        time.sleep(0.3)
    err = capsys.readouterr().err
    assert err.count("wait [00:00]") >= 5  # redrawn from the ticker, with no update of ours
    assert err.rstrip().endswith("wait [done in 00:00]")
    assert threading.active_count() == before  # the ticker has stopped


def test_a_failing_step_closes_its_bar_and_passes_the_error_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = threading.active_count()
    with pytest.raises(KeyError), progress.step("fail", progress=True):
        raise KeyError("x")
    assert "done in" not in capsys.readouterr().err
    assert threading.active_count() == before


# -- the command -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "steps"),
    [
        (
            ["validate", "--dataset", "xihu", "--dataset", "chengdu"],
            ["validate xihu (", "validate chengdu ("],
        ),
        (["report", "--dataset", "xihu", "--model", "grid"], ["load xihu", "assess grid"]),
        (
            ["compare", "--dataset", "xihu", "--models", "grid,council"],
            ["load xihu (", "2/2", "model/s, grid", "model/s, council"],
        ),
        (["export", "--dataset", "xihu", "--to", "graphml"], ["load xihu", "export graphml"]),
        (
            ["import", str(govmodel.datasets.path("chengdu")), "--from", "json"],
            ["import " + str(govmodel.datasets.path("chengdu"))],
        ),
    ],
)
@pytest.mark.parametrize("where", ["before", "after"])
def test_forced_bars_show_every_long_step(
    argv: list[str], steps: list[str], where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    forced = ["--progress", *argv] if where == "before" else [*argv, "--progress"]
    code, out = run(*forced)
    assert code in (0, 1)
    err = capsys.readouterr().err
    for s in steps:
        assert s in err
    assert "done in" in err or "it/s" in err or "model/s" in err
    assert s not in out  # bars go to standard error only
    _ = run(*forced, "--no-progress") if where == "before" else run(*argv)
    assert capsys.readouterr().err == ""


def test_the_command_option_overrides_the_global_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--progress", "report", "--dataset", "xihu", "--model", "grid", "--no-progress")[
        0
    ] in (0, 1)
    assert capsys.readouterr().err == ""
    assert run("--no-progress", "report", "--dataset", "xihu", "--model", "grid", "--progress")[
        0
    ] in (0, 1)
    assert "assess grid" in capsys.readouterr().err


def test_forcing_bars_without_tqdm_is_a_usage_error_before_any_work(
    no_tqdm: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "x.graphml"
    code, _ = run(
        "export", "--dataset", "xihu", "--to", "graphml", "--output", str(target), "--progress"
    )
    assert code == 2
    assert not target.exists()
    err = capsys.readouterr().err
    assert "--progress" in err
    assert "pip install 'govmodel[progress]'" in err
    # without --progress the command runs, without bars
    assert run("export", "--dataset", "xihu", "--to", "graphml", "--output", str(target))[0] == 0
    assert capsys.readouterr().err == ""


def _command(*argv: str, stderr: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "govmodel", *argv], stdout=subprocess.PIPE, stderr=stderr
    )


def test_no_bars_in_a_pipe_by_default() -> None:
    p = _command("report", "--dataset", "xihu", "--model", "grid", stderr=subprocess.PIPE)
    out, err = p.communicate(timeout=120)
    assert p.returncode in (0, 1)
    assert b"grid" in out.lower()
    assert err == b""


def test_bars_on_a_terminal_by_default() -> None:
    pty = pytest.importorskip("pty")
    import fcntl
    import struct
    import termios

    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    try:
        p = _command("report", "--dataset", "xihu", "--model", "grid", stderr=secondary)
        os.close(secondary)
        out, _ = p.communicate(timeout=120)
        seen = b""
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # the terminal's other end is closed: all read
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(primary)
    assert p.returncode in (0, 1)
    assert b"assess grid" in seen
    assert b"assess grid" not in out


# -- the long Python calls ---------------------------------------------------------------------


def test_assess_files_and_assess_parquet_count_their_parts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("distributed")
    from distributed import Client, LocalCluster

    from govmodel import distributed, synth

    parts = distributed.split(synth.city(30, seed=2, districts=3), "district")
    paths = []
    for k, s in parts.items():
        paths.append(tmp_path / f"{k}.json")
        govmodel.dump(s, paths[-1])
    with (
        LocalCluster(n_workers=1, processes=False, dashboard_address=None) as c,
        Client(c) as client,
    ):
        shown = distributed.assess_files(paths, ["council"], client=client, progress=True)
        err = capsys.readouterr().err
        assert "3/3" in err
        assert "file" in err
        quiet = distributed.assess_files(paths, ["council"], client=client)  # no terminal
        assert capsys.readouterr().err == ""
        assert quiet.total == shown.total
        assert [d.names for d in shown.districts] == [(p.name,) for p in paths]

        pytest.importorskip("pyarrow")
        from govmodel import national
        from govmodel.io.parquet import write_parquet

        write_parquet(synth.city(30, seed=2, districts=3), tmp_path / "nation")
        result = national.assess_parquet(
            tmp_path / "nation", ["council"], client=client, progress=True
        )
        err = capsys.readouterr().err
        n = len(result.districts)
        assert f"{n}/{n}" in err
        assert "district" in err
        assert (
            national.assess_parquet(
                tmp_path / "nation", ["council"], client=client, progress=False
            ).total
            == result.total
        )
        assert capsys.readouterr().err == ""


def test_forcing_bars_without_tqdm_fails_before_a_cluster_starts(
    no_tqdm: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govmodel import distributed

    def no_cluster(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cluster was started")

    monkeypatch.setattr(distributed, "require", no_cluster)
    with pytest.raises(MissingDependencyError, match="progress"):
        distributed.assess_files(["x.json"], progress=True)


def test_compare_counts_its_models_and_gives_the_same_comparison(
    capsys: pytest.CaptureFixture[str],
) -> None:
    s = govmodel.datasets.load("yuetang")
    models = ["four_level", "tripartite", "grid"]
    shown = govmodel.compare(s, models, progress=True)
    err = capsys.readouterr().err
    assert "assess" in err
    assert "3/3" in err
    quiet = govmodel.compare(s, models, progress=False)
    assert capsys.readouterr().err == ""
    assert shown.to_json() == quiet.to_json()
    assert govmodel.compare(s, models).to_json() == quiet.to_json()  # captured: no tty
    assert capsys.readouterr().err == ""


def test_compare_forced_without_tqdm_fails_before_assessing(no_tqdm: None) -> None:
    with pytest.raises(MissingDependencyError, match=r"govmodel\[progress\]"):
        govmodel.compare(govmodel.datasets.load("yuetang"), ["grid"], progress=True)
