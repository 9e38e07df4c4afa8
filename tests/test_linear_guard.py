"""The complexity guard itself: when it measures again, and what its failure says."""

from __future__ import annotations

from typing import Any

import pytest

from govmodel.testing import linear
from govmodel.testing.linear import Doubling, assert_linear


def _measures(monkeypatch: pytest.MonkeyPatch, ratios: list[float]) -> list[tuple[int, int]]:
    """Make :func:`linear.doubling` give these ratios in turn; the sizes and repeats it was
    asked for are recorded."""
    asked: list[tuple[int, int]] = []
    left = iter(ratios)

    def fake(make: Any, run: Any, n: int, *, repeat: int = 3, **_: Any) -> Doubling:
        asked.append((n, repeat))
        return Doubling(n, 0.01, 0.01 * next(left))

    monkeypatch.setattr(linear, "doubling", fake)
    return asked


def test_a_first_good_measure_is_the_only_one(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _measures(monkeypatch, [2.0])
    assert assert_linear(list, len, 100).ratio == pytest.approx(2.0)
    assert asked == [(100, 3)]


def test_the_third_measure_is_from_twice_the_size_with_twice_the_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = _measures(monkeypatch, [3.0, 2.9, 2.1])
    got = assert_linear(list, len, 100, repeat=4)
    assert (got.n, got.ratio) == (200, pytest.approx(2.1))
    assert asked == [(100, 4), (100, 4), (200, 8)]


def test_three_bad_measures_fail_naming_each(monkeypatch: pytest.MonkeyPatch) -> None:
    _measures(monkeypatch, [3.0, 3.5, 4.0])
    with pytest.raises(AssertionError) as info:
        assert_linear(list, len, 100)
    message = str(info.value)
    assert "from n=100 multiplied its time by more than 2.5" in message
    assert "ratio 3.00; measured again: n=100" in message
    assert "ratio 3.50; from n=200: n=200" in message
    assert message.endswith("ratio 4.00")


@pytest.mark.timing
def test_a_quadratic_entrance_still_fails() -> None:
    def pairs(xs: list[int]) -> list[int]:
        return [x for x in xs if x in xs]

    # runs of 20 ms at least, so that a spell of load cannot make one measure's ratio
    # (about 4 here) look linear
    with pytest.raises(AssertionError, match="from n=1000"):
        assert_linear(lambda n: list(range(n)), pairs, 1000, min_seconds=0.02)
