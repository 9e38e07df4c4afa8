"""What the built-in models share (govmodel.models._common): the readers of periods,
attribute values and published figures, and the lookups that the models assessed together
build once."""

from __future__ import annotations

from typing import Any

import pytest

import govmodel
from govmodel import datasets
from govmodel.models import (
    Context,
    GovernanceModel,
    _common,
    council,
    eight_roles,
    four_level,
    grid,
    measure,
)
from govmodel.models._common import Lookups, period_key, truthy
from govmodel.spec import Observation, Structure, Unit
from govmodel.vocab import Term

from .conftest import add

MODELS = ("tripartite", "grid", "council", "eight_roles", "four_level")


@pytest.mark.parametrize(
    ("value", "yes"),
    [
        ("no", False),
        (" FALSE ", False),
        ("0", False),
        ("", False),
        ("None", False),
        ("yes", True),
        ("x", True),
        (0, False),
        (1, True),
        (None, False),
        (True, True),
        ([], False),
    ],
)
def test_truthy(value: object, yes: bool) -> None:
    assert truthy(value) is yes


def test_periods_order_by_their_end_then_their_start() -> None:
    periods = ["2021", None, "2020/2021", "2021-06", "2019/2021-06", "2021-06-30"]
    assert sorted(periods, key=period_key) == [
        None,
        "2019/2021-06",
        "2021-06",
        "2021-06-30",
        "2020/2021",
        "2021",
    ]


def _figures() -> Structure:
    s = Structure(
        units=[
            Unit("d", "district"),
            Unit("s", "street", parent="d"),
            Unit("c", "community", parent="s"),
            Unit("x", "community", parent="s"),
        ]
    )
    obs = [
        Observation("o1", "c", "items", 5, "2020"),
        Observation("o2", "c", "items", 7, "2021"),
        Observation("o3", "x", "items", 1, "2021"),
        Observation("o4", "x", "items", 2, "2021"),  # the same period: a tie
        Observation("o5", "s", "other", 9, "2021"),
        Observation("o6", "c", "other", 4, "2021"),
    ]
    return add(s, "observations", *obs)


def test_pick_latest_earliest_and_ties() -> None:
    s = _figures()
    ix = Lookups(s, s.vocab)
    assert {s: o.id for s, o in ix.pick("items").items()} == {"c": "o2", "x": "o4"}
    assert {s: o.id for s, o in ix.pick("items", ties="first").items()} == {"c": "o2", "x": "o3"}
    assert {s: o.id for s, o in ix.pick("items", earliest=True).items()} == {"c": "o1", "x": "o4"}
    kept = ix.pick("items", lambda o: o.value < 7)
    assert {s: o.id for s, o in kept.items()} == {"c": "o1", "x": "o4"}
    assert ix.latest_values("items") == {"c": 7.0, "x": 2.0}


def test_published_sums_the_outermost_subjects() -> None:
    s = _figures()
    ix = Lookups(s, s.vocab)
    assert ix.published("items") == 9.0  # c and x, both outermost
    assert ix.published("other") == 9.0  # s only: c lies inside it
    assert ix.published("missing") is None


def _counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Record each time a store of lookups is read from a structure (with its mode)."""
    calls: list[bool] = []
    read = Lookups._read

    def counted(s: Structure, vocab: Any, first: bool) -> Any:
        calls.append(first)
        return read(s, vocab, first)

    monkeypatch.setattr(Lookups, "_read", staticmethod(counted))
    return calls


def test_models_compared_together_read_the_structure_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _counting_reads(monkeypatch)
    s = datasets.load("yuetang")
    together = govmodel.compare(s, MODELS)
    assert len(calls) == 1
    calls.clear()
    alone = [govmodel.assess(s, m) for m in MODELS]
    assert len(calls) == 4  # every model but the tri-partite one has lookups
    assert [a.to_json() for a in together.assessments] == [a.to_json() for a in alone]


@pytest.mark.parametrize(("repeat", "reads"), [(False, [True]), (True, [True, False])])
def test_repeated_ids_are_read_apart(
    monkeypatch: pytest.MonkeyPatch, repeat: bool, reads: list[bool]
) -> None:
    calls = _counting_reads(monkeypatch)
    s = datasets.load("yuetang")
    if repeat:
        s = add(s, "units", Unit(s.units[-1].id, "building"))
    shared: dict[Any, Any] = {}
    for index, model in (
        (grid._Index, grid.Grid),
        (council._Index, council.Council),
        (four_level._Index, four_level.FourLevel),
        (eight_roles._Index, eight_roles.EightRoles),
    ):
        index.of(Context(s, model(), shared=shared))
    # grid and four-level read the first entity of a repeated id, council and eight roles
    # the last: they share one reading only where no id repeats
    assert calls == reads


def test_a_model_that_ranks_kinds_otherwise_reads_the_structure_itself(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Grid(govmodel.models.get("grid")):  # type: ignore[misc]
        name = "grid_reranked"
        vocabulary = (Term("unit_kinds", "building", "building", "楼栋", rank=8),)

    calls = _counting_reads(monkeypatch)
    govmodel.compare(datasets.load("jinfeng"), ["grid", Grid, "four_level"])
    assert len(calls) == 2


def test_context_shared_is_shared_by_the_models_compared_together() -> None:
    built: list[str] = []

    class Probe(GovernanceModel):
        name = "probe"

        @measure("probe", "probe")
        def probe(self, ctx: Context) -> int:
            return int(ctx.shared("probe", lambda: built.append(self.name) or len(built)))

    class Other(Probe):
        name = "other"

    s = datasets.load("xihu")
    c = govmodel.compare(s, [Probe, Other])
    assert [a.metrics["probe"].value for a in c.assessments] == [1, 1]
    assert built == ["probe"]
    assert govmodel.assess(s, Other).metrics["probe"].value == 2
    assert s.vocab.rank("compound") == _common.COMPOUND_RANK
