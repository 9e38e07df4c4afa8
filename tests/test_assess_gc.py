"""Assessing pauses the cyclic garbage collector and leaves it as it found it."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from typing import ClassVar

import pytest

import govmodel
from govmodel.models import Finding, GovernanceModel, rule


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


class _MakesACycle(GovernanceModel):
    name = "makes_a_cycle"
    title = "Makes a reference cycle while it runs"
    made: ClassVar[list[weakref.ref[_Node]]] = []

    @rule("makes_a_cycle.cycle", "Makes a cycle and drops it.")
    def cycle(self, ctx: object) -> Iterator[Finding]:
        node = _Node()
        type(self).made.append(weakref.ref(node))
        del node
        return iter(())


@pytest.fixture
def collector() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_left_as_it_was(collector: None, enabled: bool) -> None:
    s = govmodel.datasets.load("xihu")
    (gc.enable if enabled else gc.disable)()
    govmodel.assess(s, "tripartite")
    assert gc.isenabled() is enabled
    govmodel.compare(s, ["tripartite", "grid"])
    assert gc.isenabled() is enabled
    assert gc.get_freeze_count() == 0


def test_objects_frozen_by_the_caller_stay_frozen(collector: None) -> None:
    # once first, so that what a process does on its first assessment (imports, the
    # registry of models, caches made once) does not free objects the caller froze
    govmodel.assess(govmodel.datasets.load("xihu"), "four_level")
    gc.collect()
    gc.freeze()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    a = govmodel.assess(govmodel.datasets.load("xihu"), "four_level")
    # nothing of the caller's unfrozen (a frozen object may have been freed meanwhile),
    # nothing of the assessment's frozen
    assert frozen - 100 < gc.get_freeze_count() <= frozen
    assert gc.isenabled()
    assert a.model == "four_level"


def test_what_the_assessment_made_goes_to_the_oldest_generation(collector: None) -> None:
    gc.collect()
    a = govmodel.assess(govmodel.datasets.load("xihu"), "tripartite")
    # the young generation is empty: the next young collection has nothing to traverse
    assert gc.get_count()[0] < 50
    label = next(iter(a.labels["tripartite"].values()))
    result = a.rules[0]
    assert gc.is_tracked(label)
    assert gc.is_tracked(result)
    young = gc.get_objects(generation=0)
    assert not any(label is o or result is o for o in young)


def test_a_cycle_made_while_assessing_is_still_collected(collector: None) -> None:
    _MakesACycle.made.clear()
    govmodel.assess(govmodel.datasets.load("xihu"), _MakesACycle)
    (ref,) = _MakesACycle.made
    assert ref() is not None  # the collector was paused: the cycle is still there
    gc.collect()
    assert ref() is None


@pytest.mark.parametrize("large", [True, False])
def test_reading_a_large_structure_gives_memory_back_once(
    monkeypatch: pytest.MonkeyPatch, collector: None, large: bool
) -> None:
    from govmodel.io import native

    s = govmodel.datasets.load("xihu")
    text = govmodel.dumps(s)
    entities = sum(len(getattr(s, name)) for name in native.SECTIONS)
    monkeypatch.setattr(native, "_SETTLE_FROM", entities if large else entities + 1)
    calls: list[None] = []
    monkeypatch.setattr(native, "give_back_memory", lambda: calls.append(None))
    assert govmodel.loads(text) == s
    assert len(calls) == (1 if large else 0)
