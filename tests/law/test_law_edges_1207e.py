"""Law packs at their edges, checked against /work/shared/LAW.md (a fifth review): cases the
earlier edge tests (test_edges.py, test_edges_1207.py, test_law_edges_1207c.py,
test_law_edges_1207d.py) did not reach.

Each case is a minimal hand-made structure and asserts the rule's status and the exact data
of its findings.
"""

from __future__ import annotations

from typing import Any

import pytest

import govmodel
from govmodel.spec import Observation, Organization, Structure, Unit


def _found(s: Structure, model: str, rule_id: str, as_of: str) -> tuple[str, list[Any]]:
    r = govmodel.assess(s, model, as_of=as_of).rule(rule_id)
    return r.status, [(f.subject, f.severity, dict(f.data)) for f in r.findings]


# -- residents_committee_law.convening: a request made before the law was in force --------------
# The 1989 law is in force from 1990-01-01 (art. 23). The meeting rule skips decisions taken
# before then; the convening rule judged a request of 1985 by art. 10 all the same.


def _request(period: str | None) -> Structure:
    attributes = {"basis": "residents", "of": 100, "convened": False}
    return Structure(
        units=[Unit("c", "community", "Old Lane", attributes={"households": 600})],
        organizations=[Organization("rc", "residents_committee", unit="c")],
        observations=[
            Observation("q", "c", "convening_request", 20, period=period, attributes=attributes)
        ],
    )


@pytest.mark.parametrize(
    ("period", "examined"),
    [
        pytest.param("1985", False, id="years-before"),
        pytest.param("1989", False, id="the-year-before"),
        pytest.param("1989-12-31", False, id="the-day-before"),
        pytest.param("1990-01-01", True, id="the-first-day"),
        pytest.param("1989/1990", True, id="a-period-ending-under-the-law"),
        pytest.param(None, True, id="undated"),
    ],
)
def test_convening_request_before_the_law_is_not_examined(
    period: str | None, examined: bool
) -> None:
    status, found = _found(
        _request(period), "residents_committee_law", "residents_committee_law.convening", "2026"
    )
    obliged = [("c", "error", {"request": "q", "asked": 20, "of": 100})]
    assert (status, found) == (("failed", obliged) if examined else ("not_applicable", []))
