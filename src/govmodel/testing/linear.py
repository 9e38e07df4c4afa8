"""Complexity guards: hold an entrance to linear time by doubling its input.

A linear entrance takes twice the time on twice the input; a quadratic one takes four
times. :func:`assert_linear` times ``run(make(n))`` and ``run(make(2 n))`` and holds the
ratio of the times under a bound (2.5 by default): generous for linear time, well under
quadratic time's 4. govmodel guards its own readers, writers, models and classifiers this
way; a plug-in model can be guarded the same way in its own test suite.

How the times are taken, so that a shared machine disturbs them little:

* CPU time of this process (:func:`time.process_time`), not wall time, so that time given
  to other processes does not count;
* the garbage collector is run before each run and paused during it (the objects that
  exist before the measure are frozen, :func:`gc.freeze`, so that each collection is of
  the runs' garbage only, quick even in a large test session);
* the inputs are built by ``make`` outside the timed region; one warm-up run (imports,
  first-use caches) before any timing;
* the best of ``repeat`` runs of each size, the two sizes interleaved;
* with ``fresh=True``, a new input for every run, for an entrance that caches its work on
  its input (an index kept on a structure, say), which would otherwise be timed warm;
* :func:`assert_linear` measures once more before failing, and then once more from twice
  the size with twice the runs (a quadratic entrance fails all three measures; a noisy
  neighbour rarely spoils all three).

Pick ``n`` so that one run at ``n`` takes some 10-50 ms: large enough that the work, not
the fixed cost of the call, dominates; small enough for a test suite. ``min_seconds``
repeats a quick run within one timing until it takes that long.

Examples
--------
>>> from govmodel.testing.linear import assert_linear
>>> m = assert_linear(lambda n: list(range(n)), sorted, 100_000)
>>> m.n, m.ratio < 2.5
(100000, True)

A quadratic entrance fails, naming the size, the two times and the ratio:

>>> def pairs(xs):
...     return [x for x in xs if x in xs]  # a scan of the list for each item
>>> try:
...     assert_linear(lambda n: list(range(n)), pairs, 1_000, min_seconds=0.02)
... except AssertionError as e:
...     print(str(e).split(":")[0])
doubling the input of pairs from n=1000 multiplied its time by more than 2.5

A plug-in model, guarded on structures of ``n`` compounds (a fresh structure for each run,
since the model's context indexes the structure once and keeps the index):

>>> import govmodel
>>> from govmodel import synth
>>> m = assert_linear(
...     lambda n: synth.district(n, seed=1),
...     lambda s: govmodel.assess(s, "tripartite"),
...     20,
...     fresh=True,
... )
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import TypeVar

import attrs

__all__ = ["BOUND", "Doubling", "assert_linear", "best_time", "doubling"]

T = TypeVar("T")

#: The largest ratio of the time at ``2 n`` to the time at ``n`` that passes.
BOUND = 2.5
#: A time below this (in seconds) counts as this, so that a ratio is never of nothing.
_FLOOR = 1e-4


@attrs.frozen
class Doubling:
    """One measure of :func:`doubling`: the best times at ``n`` and at ``2 n``.

    Attributes
    ----------
    n : int
        The smaller size.
    small, large : float
        The best CPU time in seconds of one call at ``n`` and at ``2 n``.
    """

    n: int
    small: float
    large: float

    @property
    def ratio(self) -> float:
        """``large / small`` (``small`` taken as at least 0.1 ms)."""
        return self.large / max(self.small, _FLOOR)

    def __str__(self) -> str:
        return (
            f"n={self.n}: {self.small * 1e3:.2f} ms, 2n={2 * self.n}: "
            f"{self.large * 1e3:.2f} ms, ratio {self.ratio:.2f}"
        )


def _calls(run: Callable[[T], object], args: list[T]) -> float:
    """CPU seconds of ``run(a)`` for each ``a`` of ``args``, the collector paused."""
    gc.collect()
    gc.disable()
    try:
        started = time.process_time()
        for a in args:
            run(a)
        return time.process_time() - started
    finally:
        gc.enable()


def best_time(run: Callable[[], object], *, repeat: int = 3, loops: int = 1) -> float:
    """The best CPU time of ``repeat`` timings of ``run()``, each of ``loops`` calls.

    The garbage collector is run before each timing and paused during it.

    Parameters
    ----------
    run : callable
        What to time; called with no argument.
    repeat : int
        How many timings; the smallest counts.
    loops : int
        Calls of ``run`` within one timing.

    Returns
    -------
    float
        Seconds of CPU time of this process (:func:`time.process_time`) for one timing
        (``loops`` calls).

    Examples
    --------
    >>> from govmodel.testing.linear import best_time
    >>> best_time(lambda: sum(range(1000))) >= 0
    True
    """
    return min(_calls(lambda _: run(), [None] * loops) for _ in range(repeat))


def doubling(
    make: Callable[[int], T],
    run: Callable[[T], object],
    n: int,
    *,
    repeat: int = 3,
    fresh: bool = False,
    min_seconds: float = 0.0,
) -> Doubling:
    """Time ``run`` on an input of size ``n`` and on one of size ``2 n``.

    Parameters
    ----------
    make : callable
        ``make(k)`` builds an input of size ``k``; called outside the timed region.
    run : callable
        The entrance under test, called with one input.
    n : int
        The smaller size.
    repeat : int
        Timings of each size, interleaved; the best of each counts.
    fresh : bool
        Build a new input for every timing (for an entrance that caches its work on its
        input); otherwise each size's input is built once and reused.
    min_seconds : float
        Call ``run`` this many times within one timing (doubling from 1) until a call at
        ``n`` takes at least this long in all; the times are then per call.

    Returns
    -------
    Doubling
        The best time of one call at each size, and their :attr:`~Doubling.ratio`.

    Raises
    ------
    ValueError
        If ``n`` or ``repeat`` is below 1.

    Examples
    --------
    >>> from govmodel.testing.linear import doubling
    >>> m = doubling(lambda n: list(range(n)), sorted, 50_000)
    >>> m.n, m.small > 0, m.ratio < 4
    (50000, True, True)
    """
    if n < 1 or repeat < 1:
        raise ValueError(f"doubling needs n >= 1 and repeat >= 1, not n={n}, repeat={repeat}")
    gc.collect()
    gc.freeze()  # what exists now is not the runs' garbage: each collection skips it
    try:
        inputs = {k: make(k) for k in (n, 2 * n)}
        run(inputs[n])  # warm up: imports, first-use caches

        def args(k: int, loops: int) -> list[T]:
            return [make(k) for _ in range(loops)] if fresh else [inputs[k]] * loops

        loops = 1
        while min_seconds > 0 and _calls(run, args(n, loops)) < min_seconds:
            loops *= 2
        best = {n: float("inf"), 2 * n: float("inf")}
        for _ in range(repeat):
            for k in (n, 2 * n):
                best[k] = min(best[k], _calls(run, args(k, loops)) / loops)
    finally:
        gc.unfreeze()
    return Doubling(n, best[n], best[2 * n])


def assert_linear(
    make: Callable[[int], T],
    run: Callable[[T], object],
    n: int,
    *,
    bound: float = BOUND,
    repeat: int = 3,
    fresh: bool = False,
    min_seconds: float = 0.0,
) -> Doubling:
    """Hold the time ratio of :func:`doubling` under ``bound``, measuring twice before failing.

    Parameters
    ----------
    make, run, n, repeat, fresh, min_seconds
        As for :func:`doubling`.
    bound : float
        The largest ratio that fails; 2.5 by default (linear time gives about 2,
        quadratic 4).

    Returns
    -------
    Doubling
        The better of the measures taken.

    Raises
    ------
    AssertionError
        If all three measures reach ``bound`` (two from ``n``, the third from ``2 n`` with
        ``2 * repeat`` runs of each size); the message names ``run``, ``n``, the two times
        and the ratio of each measure.

    Examples
    --------
    >>> from govmodel.testing.linear import assert_linear
    >>> assert_linear(lambda n: "x" * n, str.upper, 1_000_000).ratio < 2.5
    True
    """
    first = doubling(make, run, n, repeat=repeat, fresh=fresh, min_seconds=min_seconds)
    if first.ratio < bound:
        return first
    second = doubling(make, run, n, repeat=repeat, fresh=fresh, min_seconds=min_seconds)
    if second.ratio < bound:
        return second
    # the decisive measure: from twice the size, twice as many runs. A quadratic entrance
    # still takes four times as long (more plainly: its fixed cost counts for less); a
    # linear one whose runs a busy machine slowed at random rarely fails three times
    third = doubling(make, run, 2 * n, repeat=2 * repeat, fresh=fresh, min_seconds=min_seconds)
    if third.ratio < bound:
        return third
    name = getattr(run, "__qualname__", repr(run))
    raise AssertionError(
        f"doubling the input of {name} from n={n} multiplied its time by more than "
        f"{bound}: {first}; measured again: {second}; from n={2 * n}: {third}"
    )
