"""Fuzzing every entrance: structured mutations of valid files, and random bytes.

The contract (see :mod:`tests.fuzz._engine`): a valid result or a ``GovModelError`` with a
readable message; never another exception, never a hang (a per-case alarm, and
pytest-timeout around each test).

The budget is a few thousand cases per entrance, calibrated so that the whole fuzz suite
runs in under two minutes on two cores. ``GOVMODEL_FUZZ_SCALE`` multiplies it (a long run:
``GOVMODEL_FUZZ_SCALE=50``) and ``GOVMODEL_FUZZ_SEED`` changes the seed of the mutations
(the default is fixed, so that CI is reproducible); see ``docs/guide/reliability.md``.
"""

from __future__ import annotations

import json
import os
import random
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govmodel.io import graphfiles, native, popolo
from govmodel.testing import strategies as gst
from tests.fuzz._engine import ENTRANCES, Entrance, Failure, check
from tests.fuzz._known import KNOWN, known_issue

SCALE = float(os.environ.get("GOVMODEL_FUZZ_SCALE", "1"))
SEED = os.environ.get("GOVMODEL_FUZZ_SEED", "govmodel")

#: Cases per entrance for the seeded mutation loop (before SCALE).
BUDGET = {
    "json": 3000,
    "yaml": 600,
    "from_data": 3000,
    "assess": 500,
    "popolo": 3000,
    "popolo_object": 2500,
    "graphml": 2500,
    "gexf": 2500,
    "node_link": 3000,
    "from_graph": 3000,
    "frames": 1000,
    "table": 2000,
    "division_code": 3000,
    "cli": 600,
}


def _examples(n: int) -> int:
    return max(1, int(n * SCALE))


def _fuzz(entrance: Entrance, payloads: Any, tmp: Path) -> dict[str, int]:
    """Run the contract on every payload; fail on any problem that is not a known open bug."""
    outcomes = {"ok": 0, "error": 0}
    known: dict[str, int] = {}
    new: dict[str, tuple[Failure, Any]] = {}
    for payload in payloads:
        try:
            outcomes[check(entrance, payload)] += 1
        except Failure as exc:
            issue = known_issue(entrance.name, exc)
            if issue is not None:
                known[issue] = known.get(issue, 0) + 1
            elif exc.signature not in new:
                new[exc.signature] = (exc, payload)
    for issue, n in known.items():
        warnings.warn(
            f"{entrance.name}: {n} cases hit the open bug {issue!r}: {KNOWN[issue][0]}",
            UserWarning,
            stacklevel=2,
        )
    if new:
        lines = []
        for i, (sig, (exc, payload)) in enumerate(sorted(new.items())):
            f = tmp / f"{entrance.name}-{i}{entrance.suffix}"
            f.write_bytes(entrance.encode(payload))
            lines.append(f"{sig}: {str(exc)[:400]}\n    input saved to {f}")
        pytest.fail(
            f"{len(new)} new problem(s) in {entrance.name} (replay with "
            f"python fuzz/fuzz_{entrance.name}.py --replay FILE, then keep the input under "
            f"tests/fuzz/regressions/{entrance.name}/):\n" + "\n".join(lines)
        )
    return outcomes


# -- the seeded mutation loop: thousands of cases per entrance ----------------------------------


@pytest.mark.timeout(300, method="thread")
@pytest.mark.parametrize("name", sorted(ENTRANCES))
def test_mutations_keep_the_contract(name: str, tmp_path: Path) -> None:
    entrance = ENTRANCES[name]
    rng = random.Random(f"{SEED}-{name}")
    n = _examples(BUDGET.get(name, 1000))
    outcomes = _fuzz(entrance, (entrance.mutate(rng) for _ in range(n)), tmp_path)
    # the mutations must reach both sides of the contract, or the fuzzing proves little
    assert outcomes["ok"] > 0, outcomes
    if name != "cli":  # main() turns every GovModelError into an exit code
        assert outcomes["error"] > 0, outcomes


def test_every_entrance_has_a_budget_and_a_harness() -> None:
    root = Path(__file__).parents[2]
    for name in ENTRANCES:
        assert name in BUDGET, name
        assert (root / "fuzz" / f"fuzz_{name}.py").is_file(), name


@pytest.mark.parametrize("name", sorted(ENTRANCES))
def test_seeds_are_valid(name: str) -> None:
    """The corpus starts from valid inputs (else mutations explore only the error paths)."""
    entrance = ENTRANCES[name]
    accepted = sum(check(entrance, seed) == "ok" for seed in entrance.seeds)
    # CSV does not keep types (an integer column with gaps comes back as floats)
    assert accepted >= (1 if name == "frames" else len(entrance.seeds) // 2)


# -- Hypothesis: fresh structures, mutated; random bytes --------------------------------------

_EXPORT = {
    "json": lambda s: native.dumps(s).encode(),
    "yaml": lambda s: native.dumps(s, format="yaml").encode(),
    "from_data": native.to_data,
    "popolo": lambda s: json.dumps(popolo.to_popolo(s), ensure_ascii=False).encode(),
    "graphml": graphfiles.export_graphml,
    "gexf": graphfiles.export_gexf,
    "node_link": lambda s: graphfiles.export_node_link(s).encode(),
}
_FUZZ_SETTINGS = settings(
    max_examples=_examples(60),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.timeout(300, method="thread")
@pytest.mark.parametrize("name", sorted(_EXPORT))
def test_mutated_fresh_structures_keep_the_contract(name: str, tmp_path: Path) -> None:
    entrance = ENTRANCES[name]

    @_FUZZ_SETTINGS
    @given(
        s=gst.structures(max_units=5, max_organizations=4, max_people=4),
        rng=st.randoms(use_true_random=False),
    )
    def run(s: Any, rng: random.Random) -> None:
        base = _EXPORT[name](s)
        _fuzz(entrance, [base, entrance.mutate(rng, base), entrance.mutate(rng, base)], tmp_path)

    run()


_BYTES_ENTRANCES = ["json", "yaml", "popolo", "graphml", "gexf", "node_link", "division_code"]


@pytest.mark.timeout(300, method="thread")
@pytest.mark.parametrize("name", _BYTES_ENTRANCES)
def test_random_bytes_keep_the_contract(name: str, tmp_path: Path) -> None:
    entrance = ENTRANCES[name]

    @settings(_FUZZ_SETTINGS, max_examples=_examples(300))
    @given(st.binary(max_size=400) | st.text(max_size=200).map(lambda t: t.encode("utf-8")))
    def run(data: bytes) -> None:
        _fuzz(entrance, [data], tmp_path)

    run()
