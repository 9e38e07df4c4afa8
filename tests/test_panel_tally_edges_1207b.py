"""Edges of the tallies, panels over time and national merges."""

from __future__ import annotations

from fractions import Fraction

import pytest

from govmodel.distributed import MeasureTotal, Summary, merge
from govmodel.national import summary_to_json


def _summary(name: str, counts: dict[str, int], rollup: str = "mean") -> Summary:
    return Summary(
        (name,),
        1,
        2,
        counts,
        {},
        {},
        {"m": {"q": MeasureTotal(rollup, Fraction(1, 3), 1)}},  # type: ignore[arg-type]
    )


def test_merge_refuses_one_measure_rolled_up_two_ways() -> None:
    # keeping the first summary's rollup made merge(a, b) and merge(b, a) differ
    a, b = _summary("a", {}, "mean"), _summary("b", {}, "sum")
    for first, second in ((a, b), (b, a)):
        with pytest.raises(ValueError, match=r"model 'm', 'q'.*'(sum|mean)'"):
            merge(first, second)
    with pytest.raises(ValueError, match="rolls up"):
        a.measures["m"]["q"] + b.measures["m"]["q"]


def test_merge_of_one_summary_is_the_merge_of_it_with_nothing() -> None:
    one = _summary("a", {"z": 2, "b": 0})
    empty = Summary((), 0, 0, {}, {}, {}, {})
    alone, with_empty = merge(one), merge(one, empty)
    assert summary_to_json(alone) == summary_to_json(with_empty)
    assert list(alone.counts) == ["b", "z"]
