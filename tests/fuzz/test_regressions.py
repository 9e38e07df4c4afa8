"""Every input kept under ``regressions/<entrance>/`` keeps the contract.

The folder holds the inputs that once broke the contract (found by the fuzzer, reduced by
hand) and hostile inputs worth guarding (entity expansion, code execution attempts). An
input of an open bug is listed in :data:`OPEN` with the id of its entry in
:data:`tests.fuzz._known.KNOWN`: its test is ``xfail(strict=True)``, and must fail with
that very bug; once the bug is fixed it passes, the strict mark turns that into a failure,
and the entry here and in ``_known.py`` are removed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fuzz._engine import ENTRANCES, REGRESSIONS, Failure, check
from tests.fuzz._known import KNOWN, known_issue

#: regression file (relative to ``regressions/``) → the open bug it shows
OPEN: dict[str, str] = {}


def _files() -> list[Path]:
    return sorted(p for p in REGRESSIONS.glob("*/*") if p.is_file() and p.name != "README.md")


def _param(p: Path) -> object:
    rel = p.relative_to(REGRESSIONS).as_posix()
    issue = OPEN.get(rel)
    marks = (
        [pytest.mark.xfail(strict=True, raises=Failure, reason=f"{issue}: {KNOWN[issue][0]}")]
        if issue
        else []
    )
    return pytest.param(p, id=rel, marks=marks)


@pytest.mark.timeout(60, method="thread")
@pytest.mark.parametrize("path", [_param(p) for p in _files()])
def test_regression_input_keeps_the_contract(path: Path) -> None:
    entrance = ENTRANCES[path.parent.name]
    rel = path.relative_to(REGRESSIONS).as_posix()
    try:
        check(entrance, entrance.decode(path.read_bytes()))
    except Failure as exc:
        expected = OPEN.get(rel)
        found = known_issue(entrance.name, exc)
        if expected is not None and found != expected:
            pytest.fail(f"{rel} was kept for the bug {expected!r} but fails otherwise: {exc}")
        raise


def test_every_open_regression_exists_and_names_a_known_bug() -> None:
    for rel, issue in OPEN.items():
        assert (REGRESSIONS / rel).is_file(), rel
        assert issue in KNOWN, issue
    # and every known bug has a regression input
    assert set(KNOWN) <= set(OPEN.values())


def test_every_regression_folder_is_an_entrance() -> None:
    folders = {p.parent.name for p in _files()}
    assert folders <= set(ENTRANCES), folders - set(ENTRANCES)
