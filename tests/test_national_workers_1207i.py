"""The number of workers of a local cluster, and the cluster at ``--scheduler``."""

from __future__ import annotations

import io
from typing import Any

import pytest

from govmodel import distributed
from govmodel.cli import EXIT_USAGE, main


def _never(*_: Any, **__: Any) -> distributed.Summary:
    raise AssertionError("no task runs")


@pytest.mark.parametrize("n_workers", [0, -1, True, False, 1.5, 2.0, "2"])
def test_map_summaries_refuses_workers_that_are_not_a_whole_number_of_at_least_one(
    n_workers: Any,
) -> None:
    # before anything starts: no cluster, no task (a negative count gave one worker, 0 one
    # per CPU, and the rest went to Dask unchecked)
    with pytest.raises(ValueError, match=r"n_workers is a whole number of at least 1, not "):
        distributed.map_summaries(_never, ["a", "b"], n_workers=n_workers, progress=False)


def test_assess_files_refuses_zero_workers_before_reading_a_file(tmp_path: Any) -> None:
    missing = str(tmp_path / "nowhere.json")  # never opened: refused first
    with pytest.raises(ValueError, match="n_workers is a whole number of at least 1, not 0"):
        distributed.assess_files([missing], ["grid"], n_workers=0, progress=False)


def test_national_refuses_workers_beside_a_scheduler_as_a_usage_error(
    tmp_path: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    # --workers sizes the local cluster only: beside --scheduler it was silently ignored
    path = tmp_path / "d.json"
    path.write_text("{}", encoding="utf-8")
    argv = ["national", str(path), "--scheduler", "tcp://127.0.0.1:1", "--workers", "2"]
    assert main(argv, stdout=io.StringIO()) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "--workers sizes the local cluster" in err
    assert "the cluster at --scheduler has its own workers" in err
