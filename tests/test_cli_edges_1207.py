"""The govmodel command at its edges: what it prints on standard error when a file is bad."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import govmodel
from govmodel.cli import main

SRC = str(Path(govmodel.__file__).resolve().parents[1])


def _command(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "DASK_LOGGING"}
    environ["PYTHONPATH"] = os.pathsep.join([SRC, environ.get("PYTHONPATH", "")])
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "govmodel", *argv],
        capture_output=True,
        text=True,
        env=environ,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


def test_national_bad_file_is_one_report_without_the_workers_log(tmp_path: Path) -> None:
    # the local cluster's worker used to log "Compute Failed" with a traceback on stderr
    # before the command's own message
    pytest.importorskip("distributed")
    bad = tmp_path / "empty.json"
    bad.write_text("", encoding="utf-8")
    done = _command("national", str(bad), "--workers", "1", "--no-progress")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"govmodel national: 1 problem in {bad}:",
        "  $: invalid-json: not valid JSON: Expecting value (line 1, column 1)",
    ]


def test_national_leaves_the_environment_as_it_was(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    bad = tmp_path / "empty.json"
    bad.write_text("", encoding="utf-8")
    before = os.environ.get("DASK_LOGGING")
    assert main(["national", str(bad), "--workers", "1", "--no-progress"]) == 1
    assert os.environ.get("DASK_LOGGING") == before


def test_national_keeps_the_users_dask_logging(tmp_path: Path) -> None:
    # a DASK_LOGGING of the user's own is used as it is: the worker logs as told
    pytest.importorskip("distributed")
    bad = tmp_path / "empty.json"
    bad.write_text("", encoding="utf-8")
    loud = '{"distributed": "info", "distributed.worker": "error"}'
    done = _command(
        "national", str(bad), "--workers", "1", "--no-progress", env={"DASK_LOGGING": loud}
    )
    assert done.returncode == 1
    assert "Compute Failed" in done.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "/dev/null"],
        ["report", "/dev/null", "--model", "grid"],
        ["import", "/dev/zero", "--from", "graphml"],
        ["tally", "/dev/null"],
        ["national", "/dev/null"],
    ],
)
def test_a_device_is_not_called_missing(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # a device (or pipe, socket) used to be refused as "no such file"
    if not Path(argv[1]).exists():
        pytest.skip(f"no {argv[1]} here")
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"{argv[1]} is not a regular file" in err
    assert "no such file" not in err


def test_a_missing_file_is_still_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path / "nope.json")]) == 2
    assert capsys.readouterr().err == f"govmodel validate: no such file: {tmp_path / 'nope.json'}\n"
