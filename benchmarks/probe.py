"""Measuring one stage in a fresh process: wall time, peak memory and retained memory.

Memory is the process's resident set size (RSS), read from ``/proc/self``:

* before the stage, after its input is prepared and ``gc.collect()``: the *base*;
* the peak (``VmHWM``) is reset to the current RSS just before the stage by writing ``5`` to
  ``/proc/self/clear_refs`` (Linux ≥ 4.0), so that ``VmHWM - base`` afterwards is the stage's
  own peak, not that of preparing its input;
* after the stage and ``gc.collect()``, with the stage's result still referenced, ``RSS -
  base`` is what the stage *retains*.

RSS counts everything the process holds, Python objects and native buffers (numpy, polars,
igraph) alike, which ``tracemalloc`` would miss for native libraries. Where the peak cannot
be reset (not Linux, or ``clear_refs`` not writable) the peak falls back to
``resource.getrusage().ru_maxrss`` minus the base, an upper bound that may include the
preparation's own peak; the method used is recorded with every measurement.
"""

from __future__ import annotations

import gc
import os
import re
import resource
import sys
import time
from collections.abc import Callable
from typing import Any

__all__ = ["Measurement", "measure", "rss"]

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def rss() -> int | None:
    """The current resident set size in bytes, or ``None`` where it cannot be read."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * _PAGE
    except OSError:
        return None


def _hwm() -> int | None:
    try:
        with open("/proc/self/status") as f:
            m = re.search(r"VmHWM:\s+(\d+)\s+kB", f.read())
    except OSError:
        return None
    return int(m.group(1)) * 1024 if m else None


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        return False
    return True


def _maxrss() -> int:
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r if sys.platform == "darwin" else r * 1024


Measurement = dict[str, Any]


def measure(
    run: Callable[[], Any], *, repeat: int = 1, info: Callable[[Any], dict[str, Any]] | None = None
) -> Measurement:
    """Run ``run()`` and measure it (see the module docstring).

    With ``repeat > 1`` the stage runs again (after dropping the previous result) and the
    fastest time is kept; memory is that of the first run.
    """
    gc.collect()
    base = rss()
    method = "rss-hwm-reset" if base is not None and _reset_peak() else "ru_maxrss"
    if method == "ru_maxrss":
        base = base if base is not None else _maxrss()
    t0 = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - t0
    peak_abs = _hwm() if method == "rss-hwm-reset" else _maxrss()
    gc.collect()
    after = rss()
    out: Measurement = {
        "seconds": seconds,
        "peak_bytes": None if peak_abs is None or base is None else max(0, peak_abs - base),
        "retained_bytes": None if after is None or base is None else max(0, after - base),
        "memory_method": method,
        "times": [seconds],
    }
    if info is not None:
        out.update(info(result))
    for _ in range(repeat - 1):
        del result
        gc.collect()
        t0 = time.perf_counter()
        result = run()  # noqa: F841 (kept alive until the next run)
        out["times"].append(time.perf_counter() - t0)
    out["seconds"] = min(out["times"])
    return out
