"""The output of every built-in model, held against snapshots.

Each built-in model is assessed on the five bundled datasets and on small synthetic
districts (fixed seeds), and what it gives is written in a canonical form built from the
public attributes of the :class:`~govmodel.assess.Assessment`: every rule's findings (rule,
severity, subject, messages, data), every label (value and details) and every measure
(value, by unit, by level). Rendered reports and rule statuses are not held here: they are
the report's business. Large sections are held as a count, a digest and their first
entries, so that a change shows where it is.

A change of a model's output fails here. If the change is meant, regenerate the snapshots
with ``PYTHONPATH=src python tests/models/test_snapshots.py`` and say in the changelog what
changed and why.
"""

from __future__ import annotations

import hashlib
import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import govmodel
from govmodel import synth
from govmodel.assess import Assessment
from govmodel.spec import Structure

HERE = Path(__file__).resolve().parent / "snapshots"
MODELS = ("tripartite", "grid", "council", "eight_roles", "four_level")
BUNDLED = ("xihu", "jinfeng", "chengdu", "changsha", "yuetang")
#: Synthetic districts: the benchmark's district, and one of each model's preset.
SYNTHETIC: dict[str, tuple[str, int, int]] = {
    "synth-district": ("district", 30, 7),
    "synth-xihu": ("xihu", 12, 1),
    "synth-jinfeng": ("jinfeng", 12, 2),
    "synth-chengdu": ("chengdu", 12, 3),
    "synth-changsha": ("changsha", 12, 4),
    "synth-yuetang": ("yuetang", 12, 5),
}
DATASETS = BUNDLED + tuple(SYNTHETIC)
#: A section with more entries than this is held as a count, a digest and its first entries.
KEEP = 5


@cache
def structure(name: str) -> Structure:
    """A bundled dataset, or a synthetic district of :data:`SYNTHETIC`."""
    if name in SYNTHETIC:
        preset, compounds, seed = SYNTHETIC[name]
        return synth.district(compounds, seed=seed, preset=preset)
    return govmodel.datasets.load(name)


def _plain(x: Any) -> Any:
    """``x`` with mappings as sorted dicts and floats kept exactly (as their repr)."""
    if isinstance(x, float):
        return {"float": repr(x)}
    if isinstance(x, dict) or hasattr(x, "items"):
        return {str(k): _plain(v) for k, v in sorted(x.items(), key=lambda kv: str(kv[0]))}
    if isinstance(x, list | tuple):
        return [_plain(v) for v in x]
    return x


def _section(entries: list[Any]) -> Any:
    """The entries, or their count, digest and first :data:`KEEP` when there are more."""
    if len(entries) <= KEEP:
        return entries
    text = json.dumps(entries, ensure_ascii=False, sort_keys=True)
    return {
        "count": len(entries),
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
        "first": entries[:KEEP],
    }


def canonical(a: Assessment) -> dict[str, Any]:
    """What a model gave, from the public attributes of its assessment."""
    rules = {
        r.rule.id: _section(
            [
                {
                    "severity": f.severity,
                    "subject": f.subject,
                    "message": f.message,
                    "message_zh": f.message_zh,
                    "data": _plain(f.data.to_dict()),
                    **({} if f.rule == r.rule.id else {"rule": f.rule}),
                }
                for f in r.findings
            ]
        )
        for r in a.rules
    }
    labels = {
        name: _section(
            [
                {
                    "unit": unit,
                    "value": lab.value,
                    "details": _plain(lab.details.to_dict()),
                }
                for unit, lab in sorted(by_unit.items())
            ]
        )
        for name, by_unit in sorted(a.labels.items())
    }
    measures = {
        name: {
            "value": _plain(m.value),
            "by_unit": _section([[k, _plain(v)] for k, v in sorted(m.by_unit.items())]),
            "by_level": {
                level: _section([[k, _plain(v)] for k, v in sorted(values.items())])
                for level, values in sorted(m.by_level.items())
            },
        }
        for name, m in sorted(a.metrics.items())
    }
    return {"rules": rules, "labels": labels, "measures": measures}


def snapshot(dataset: str) -> dict[str, Any]:
    """Every built-in model's canonical output on ``dataset``."""
    s = structure(dataset)
    return {m: canonical(govmodel.assess(s, m)) for m in MODELS}


def path(dataset: str) -> Path:
    return HERE / f"{dataset}.json"


def write(dataset: str) -> None:
    text = json.dumps(snapshot(dataset), ensure_ascii=False, indent=0, sort_keys=True)
    path(dataset).write_text(text + "\n", encoding="utf-8")


@pytest.mark.parametrize("dataset", DATASETS)
@pytest.mark.parametrize("model", MODELS)
def test_a_model_gives_what_it_gave(model: str, dataset: str) -> None:
    held = json.loads(path(dataset).read_text(encoding="utf-8"))[model]
    got = json.loads(json.dumps(canonical(govmodel.assess(structure(dataset), model))))
    for part in ("rules", "labels", "measures"):
        assert got[part] == held[part], f"{model} on {dataset}: {part} changed"


def test_the_snapshots_are_all_there() -> None:
    assert sorted(p.stem for p in HERE.glob("*.json")) == sorted(DATASETS)


def test_the_canonical_form_sees_a_changed_value() -> None:
    a = govmodel.assess(structure("xihu"), "tripartite")
    before = canonical(a)
    m = a.metrics["compounds"]
    changed = canonical(
        Assessment(
            a.model,
            a.model_title,
            a.model_title_zh,
            a.structure_name,
            a.rules,
            a.labels,
            {**a.metrics, "compounds": type(m)(m.spec, (m.value or 0) + 1, m.by_unit, m.by_level)},
        )
    )
    assert changed["measures"]["compounds"] != before["measures"]["compounds"]


if __name__ == "__main__":  # regenerate
    HERE.mkdir(exist_ok=True)
    for name in sys.argv[1:] or DATASETS:
        write(name)
        print("wrote", path(name))
