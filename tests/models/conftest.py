"""What the tests of the built-in models share.

* The fixtures ``example`` and ``a``: the bundled example of the test module's ``MODEL`` and
  its assessment, built once per module.
* Helpers that build variants of a structure: :func:`without`, :func:`changed` (by id, in
  any section) and :func:`edit`, :func:`attr`, :func:`drop`, :func:`add` (in a named
  section).
* Helpers that check a model and what it found: :func:`assert_declared`,
  :func:`assert_found`, :func:`json_report` and :func:`subjects`.

The test modules import the helpers with ``from .conftest import ...``.
"""

from __future__ import annotations

import json
from typing import Any, Literal

import attrs
import pytest

import govmodel
from govmodel.assess import Assessment
from govmodel.models import GovernanceModel
from govmodel.models.base import Severity
from govmodel.spec import Structure

# -- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example(request: pytest.FixtureRequest) -> Structure:
    """The bundled example of the test module's ``MODEL``."""
    model: type[GovernanceModel] = request.module.MODEL
    return model.example()


@pytest.fixture(scope="module")
def a(request: pytest.FixtureRequest, example: Structure) -> Assessment:
    """``example`` assessed by the test module's ``MODEL``, named as it is registered."""
    model: type[GovernanceModel] = request.module.MODEL
    return govmodel.assess(example, model.name)


# -- variants of a structure -------------------------------------------------------------------

_SECTIONS = ("units", "organizations", "people", "posts", "ties", "observations", "decisions")


def without(s: Structure, *ids: str) -> Structure:
    """``s`` less the entities ``ids`` and everything that refers to them."""
    gone = set(ids)
    return s.replace(
        units=[u for u in s.units if u.id not in gone],
        organizations=[
            attrs.evolve(o, parent=None) if o.parent in gone else o
            for o in s.organizations
            if o.id not in gone
        ],
        people=[p for p in s.people if p.id not in gone],
        posts=[
            p
            for p in s.posts
            if p.id not in gone and p.person not in gone and p.organization not in gone
        ],
        ties=[
            t for t in s.ties if t.id not in gone and t.source not in gone and t.target not in gone
        ],
        observations=[o for o in s.observations if o.id not in gone and o.subject not in gone],
        decisions=[d for d in s.decisions if d.id not in gone and d.body not in gone],
    )


def changed(s: Structure, entity_id: str, **changes: Any) -> Structure:
    """``s`` with one entity changed (``attributes=`` is merged into its attributes).

    Raises
    ------
    KeyError
        If no entity has the id.
    """
    for section in _SECTIONS:
        items = getattr(s, section)
        if any(e.id == entity_id for e in items):
            out = []
            for e in items:
                if e.id == entity_id:
                    kw = dict(changes)
                    if "attributes" in kw:
                        kw["attributes"] = {**e.attributes, **kw["attributes"]}
                    e = attrs.evolve(e, **kw)
                out.append(e)
            return s.replace(**{section: out})
    raise KeyError(entity_id)


def edit(s: Structure, section: str, entity_id: str, **changes: Any) -> Structure:
    """``s`` with one entity of ``section`` changed (``attributes`` replace the whole mapping)."""
    items = getattr(s, section)
    assert any(e.id == entity_id for e in items), entity_id
    new = tuple(attrs.evolve(e, **changes) if e.id == entity_id else e for e in items)
    return s.replace(**{section: new})


def attr(s: Structure, section: str, entity_id: str, **values: Any) -> Structure:
    """``s`` with attributes of one entity set (``None`` removes one)."""
    merged = {**s.get(entity_id).attributes.to_dict(), **values}
    return edit(
        s, section, entity_id, attributes={k: v for k, v in merged.items() if v is not None}
    )


def drop(s: Structure, section: str, *ids: str) -> Structure:
    """``s`` less the entities ``ids`` of ``section`` (which must all be there)."""
    items = getattr(s, section)
    assert set(ids) <= {e.id for e in items}, ids
    return s.replace(**{section: tuple(e for e in items if e.id not in ids)})


def add(s: Structure, section: str, *entities: Any) -> Structure:
    """``s`` with ``entities`` appended to ``section``."""
    return s.replace(**{section: (*getattr(s, section), *entities)})


# -- checks ------------------------------------------------------------------------------------


def subjects(a: Assessment, rule_id: str) -> list[str | None]:
    """The subjects of a rule's findings, in order."""
    return [f.subject for f in a.rule(rule_id).findings]


def assert_declared(model: type[GovernanceModel], name: str, report: str, dataset: str) -> None:
    """``model`` is registered as ``name``, comes from ``report``, has ``dataset`` as its
    example, and declares every rule with an id of its own, descriptions in English and
    Chinese and a source passage of ``report``."""
    assert govmodel.models.get(name) is model
    assert model.name == name
    assert model.source is not None
    assert model.source.report == report
    assert model.example_dataset == dataset
    assert model.rules()
    for spec in model.rules():
        assert spec.id.startswith(f"{name}.")
        assert spec.description
        assert spec.description_zh
        assert spec.source.startswith(report)


def assert_found(a: Assessment, rule_id: str, expected: list[str]) -> Severity:
    """The findings of ``rule_id`` are about ``expected`` (in any order), carry the rule's id,
    messages in both languages and its severity; returns the severity."""
    result = a.rule(rule_id)
    found = result.findings
    assert sorted(f.subject or "" for f in found) == sorted(expected)
    assert all(f.rule == rule_id and f.message and f.message_zh for f in found)
    severity = result.rule.severity
    assert all(f.severity == severity for f in found)
    return severity


def json_report(a: Assessment, lang: Literal["en", "zh"] = "en") -> dict[str, Any]:
    """The assessment's JSON report, read back, after checking its main keys and model."""
    data: dict[str, Any] = json.loads(a.to_json(lang))
    assert {"model", "findings", "labels", "metrics"} <= set(data)
    assert data["model"] == a.model
    return data
