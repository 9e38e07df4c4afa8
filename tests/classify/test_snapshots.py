"""The labels of every classifier on the bundled datasets and on synthetic structures, held
against a snapshot recorded before the classifiers were ported to ``StructureIndex``.

``snapshots/labels.json.gz`` holds, for each case below, every label's ``to_dict()``. It was
recorded once, with the classifiers that read ``classify.base.GraphIndex``, by running this
module (``PYTHONPATH=src python -m tests.classify.test_snapshots``); it is not to be recorded
again to make a test pass: a change of label is a change of behaviour and goes in the
changelog.

The entries of the four classifiers that have a variant below (``compound_type``,
``four_haves``, ``management_mode``, ``network_mode``) were recorded again on 2026-12-07:
the recording had called :func:`~govmodel.classify.classify` with each classifier and its
variant at once, which kept the variant's labels under the classifier's name, so that
those entries equalled their variants' (checked before they were replaced) and held the
default classifiers to nothing. ``classify`` now refuses two different classifiers of one
name; the variants' entries are as first recorded.

Labels are compared type-exactly (``1`` is not ``1.0`` nor ``True``), for the three ways in:
a networkx graph, a :class:`~govmodel.spec.Structure` and a
:class:`~govmodel.index.StructureIndex`.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import govmodel
from govmodel import synth
from govmodel.classify import (
    CLASSIFIERS,
    Classifier,
    CompoundType,
    FourHaves,
    ManagementMode,
    NetworkMode,
    classify,
)
from govmodel.spec import Structure

SNAPSHOT = Path(__file__).parent / "snapshots" / "labels.json.gz"

#: The structures, by case name.
CASES: dict[str, Callable[[], Structure]] = {
    # the datasets bundled when the snapshot was recorded (later ones are not in it)
    **{
        f"dataset-{n}": (lambda n=n: govmodel.datasets.load(n))
        for n in ("changsha", "chengdu", "jinfeng", "xihu", "yuetang")
    },
    **{
        f"district-{p}": (lambda p=p: synth.district(40, seed=1, preset=p))
        for p in ("xihu", "jinfeng", "chengdu", "changsha", "yuetang", "district")
    },
    "district-households": lambda: synth.district(6, seed=2, households_as_units=True),
    "district-full-coverage": lambda: synth.district(30, seed=5, preset="yuetang", coverage=1.0),
    "city": lambda: synth.city(120, seed=1, districts=2),
}

#: Classifiers with options other than the defaults, by a name of their own.
VARIANTS: dict[str, Classifier] = {
    "compound_type/no-year": CompoundType(use_built_year=False, reform_year=1990),
    "management_mode/unknown": ManagementMode(missing="unknown"),
    "four_haves/budget": FourHaves(fund_indicators=frozenset({"budget_yuan"})),
    "network_mode/strict": NetworkMode(
        levels=(4, 5, 6),
        interlocks=False,
        relations=frozenset({"leads", "guides", "joint_meeting"}),
        lead_threshold=0.3,
        nao_min_share=0.2,
    ),
}


def _chosen() -> list[tuple[str, Classifier]]:
    return [*CLASSIFIERS.items(), *VARIANTS.items()]


def _labels(structure_or_graph: Any) -> dict[str, dict[str, Any]]:
    """Every label, as ``to_dict()``, by classifier (variant) name, then unit."""
    chosen = _chosen()
    # the built-in classifiers together (a variant shares its classifier's name, and one
    # call keeps one classifier of a name), each variant on its own
    got = classify(structure_or_graph, list(CLASSIFIERS.values()))
    out: dict[str, dict[str, Any]] = {}
    for name, c in chosen:
        labels = got[c.name] if name in CLASSIFIERS else c.classify_all(structure_or_graph)
        out[name] = {u: lab.to_dict() for u, lab in labels.items()}
    return out


def _exact(a: Any, b: Any, path: str = "$") -> None:
    """Assert ``a == b`` with the same types all the way down (bool, int and float apart)."""
    assert type(a) is type(b), f"{path}: {a!r} ({type(a).__name__}) != {b!r} ({type(b).__name__})"
    if isinstance(a, dict):
        assert list(a) == list(b), f"{path}: keys {list(a)} != {list(b)}"
        for k in a:
            _exact(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list):
        assert len(a) == len(b), f"{path}: {len(a)} items != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _exact(x, y, f"{path}[{i}]")
    else:
        assert a == b, f"{path}: {a!r} != {b!r}"


@cache
def _snapshot() -> dict[str, Any]:
    with gzip.open(SNAPSHOT, "rt", encoding="utf-8") as f:
        return json.load(f)  # type: ignore[no-any-return]


def test_the_snapshot_covers_every_case_and_classifier() -> None:
    snap = _snapshot()
    assert sorted(snap) == sorted(CASES)
    for case in snap.values():
        assert sorted(case) == sorted(name for name, _ in _chosen())
    # the cases are not all alike: every class of the nominal classifiers shows up somewhere
    seen: dict[str, set[str]] = {}
    for case in snap.values():
        for name, labels in case.items():
            seen.setdefault(name, set()).update(lab["value"] for lab in labels.values())
    assert len(seen["compound_type"]) >= 5
    assert len(seen["tripartite"]) >= 3
    assert len(seen["network_mode"]) >= 3
    assert len(seen["management_mode"]) >= 3


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("way", ["graph", "structure", "index"])
def test_labels_as_recorded(case: str, way: str) -> None:
    s = CASES[case]()
    if way == "graph":
        got = _labels(govmodel.to_graph(s))
    elif way == "structure":
        got = _labels(s)
    else:
        from govmodel.index import StructureIndex

        got = _labels(StructureIndex.from_structure(s))
    # a round trip through JSON, as the snapshot made it (tuples to lists)
    got = json.loads(json.dumps(got, ensure_ascii=False))
    _exact(got, _snapshot()[case])


def _record() -> None:  # pragma: no cover - run by hand, once
    data = {case: _labels(govmodel.to_graph(make())) for case, make in CASES.items()}
    SNAPSHOT.parent.mkdir(exist_ok=True)
    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    SNAPSHOT.write_bytes(gzip.compress(raw, mtime=0))


if __name__ == "__main__":  # pragma: no cover
    _record()
