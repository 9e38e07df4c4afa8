"""Bugs the fuzzer found that are not fixed yet, so that the fuzz tests stay green meanwhile.

Each entry recognises the failures of one open bug. The fuzz tests count those failures
(and warn that the bug is still reachable) instead of failing; every entry has a regression
input under ``regressions/`` that is marked ``xfail(strict=True)``, so that the fix of the
bug turns that test red until its entry here and its mark there are removed.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.fuzz._engine import Failure

__all__ = ["KNOWN", "known_issue"]

#: id → (what is wrong, where to fix it; a predicate on (entrance, failure)). Empty: every
#: bug the fuzzer has found is fixed, and its input kept under ``regressions/``.
KNOWN: dict[str, tuple[str, Callable[[str, Failure], bool]]] = {}


def known_issue(entrance: str, failure: Failure) -> str | None:
    """The id of the open bug this failure is an instance of, or ``None`` if it is new."""
    for key, (_, matches) in KNOWN.items():
        if matches(entrance, failure):
            return key
    return None
