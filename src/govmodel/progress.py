"""Progress bars for long runs: tqdm when the ``progress`` extra is installed, nothing otherwise.

Every long step of the ``govmodel`` command, and the long Python calls
(:func:`govmodel.compare`, :func:`govmodel.distributed.assess_files`,
:func:`govmodel.national.assess_parquet`, :func:`govmodel.distributed.map_summaries`), report
their progress through this module. Each
takes a ``progress`` argument with three values:

``None`` (the default)
    Show bars when ``tqdm`` is installed and they have somewhere to go: standard error is a
    terminal, or the code runs in a Jupyter kernel (where ``tqdm.auto`` draws a widget, for
    calls that take :data:`NOTEBOOK_DELAY` seconds or more).
    In a pipe, a log file or a CI job nothing is written.
``True``
    Always show them (on standard error, even when it is not a terminal; nowhere, and
    without an error, in a process started without one, ``2>&-``). Without ``tqdm``
    this raises :class:`~govmodel.errors.MissingDependencyError` naming the ``progress`` extra,
    before any work starts.
``False``
    Never show them.

Two kinds of bar:

- :func:`track` wraps an iterable whose items are the work (one file, one model, one
  district): the bar counts them, with the rate and the time left.
- :func:`step` wraps one call that reports nothing while it runs (loading a file, an
  export): the bar names the step and shows its elapsed time, refreshed once a second from
  a background thread, so that a long step is visibly alive; it ends with the time taken.

Examples
--------
Off, the helpers change nothing:

>>> from govmodel import progress
>>> [x * 2 for x in progress.track([1, 2, 3], desc="double", progress=False)]
[2, 4, 6]
>>> with progress.step("sleep", progress=False):
...     pass
>>> progress.wanted(False)
False
"""

from __future__ import annotations

import importlib.util
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sized
from contextlib import contextmanager
from typing import Any, TextIO, TypeVar

from govmodel.errors import require
from govmodel.render import terminal

__all__ = ["NOTEBOOK_DELAY", "available", "size", "step", "track", "wanted"]

T = TypeVar("T")

#: How often a :func:`step` redraws its elapsed time, in seconds (the time shows whole seconds).
_REFRESH = 1.0
#: Seconds a call in a Jupyter kernel runs before its automatic bar shows.
NOTEBOOK_DELAY = 2.0


def available() -> bool:
    """Whether ``tqdm`` (the ``progress`` extra) is installed.

    Examples
    --------
    >>> from govmodel.progress import available
    >>> isinstance(available(), bool)
    True
    """
    try:
        import tqdm  # noqa: F401
    except ImportError:
        return False
    return True


def size(n: int) -> str:
    """A number of bytes as a step shows it: ``"246 MB"`` (decimal units, as ``ls -h --si``).

    Examples
    --------
    >>> from govmodel.progress import size
    >>> size(999), size(246_000_000), size(1_500)
    ('999 B', '246 MB', '1.5 kB')
    """
    value = float(n)
    for unit in ("B", "kB", "MB", "GB", "TB"):
        if value < 999.5 or unit == "TB":
            break
        value /= 1000
    if unit == "B":
        return f"{n} B"
    return f"{value:.0f} {unit}" if value >= 9.95 else f"{value:.1f} {unit}"


def _is_terminal(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except (OSError, ValueError):  # a closed or detached stream
        return False


def _in_notebook() -> bool:
    """Whether this runs in a Jupyter kernel (without importing IPython)."""
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    try:
        shell = ipython.get_ipython()
    except Exception:
        return False
    return shell is not None and "IPKernelApp" in getattr(shell, "config", {})


def wanted(progress: bool | None, stream: TextIO | None = None) -> bool:
    """Whether to draw progress bars, from a ``progress`` argument (see the module).

    Parameters
    ----------
    progress
        ``True`` (force on), ``False`` (force off) or ``None`` (automatic: ``tqdm`` is
        installed, and ``stream`` is a terminal or this runs in a Jupyter kernel).
    stream
        Where the bars go; standard error by default.

    Returns
    -------
    bool

    Raises
    ------
    MissingDependencyError
        If ``progress`` is ``True`` and ``tqdm`` is not installed (``pip install
        'govmodel[progress]'``).

    Examples
    --------
    >>> import io
    >>> from govmodel.progress import wanted
    >>> wanted(None, io.StringIO())  # not a terminal: quiet
    False
    >>> wanted(False), wanted(True, io.StringIO())
    (False, True)
    """
    if progress is False:
        return False
    if progress is True:
        require("tqdm", "progress", feature="progress bars (--progress, progress=True)")
        return True
    if not available():
        return False
    return _is_terminal(sys.stderr if stream is None else stream) or _in_notebook()


def _tqdm(progress: bool | None, **options: Any) -> Any:
    """A tqdm bar on standard error, or ``None`` when bars are not wanted.

    In a Jupyter kernel a bar drawn automatically (``progress=None``) shows only once its
    work has taken :data:`NOTEBOOK_DELAY` seconds, so that the quick calls of a cell leave
    no bar in its output; it is a widget where ``ipywidgets`` is installed, else text.
    """
    stream = sys.stderr
    if not wanted(progress, stream) or stream is None:  # None: started without standard error
        return None
    if "desc" in options:  # it may hold a name (of a model, a file): made safe to show
        options["desc"] = terminal(str(options["desc"]))
    if _in_notebook():
        if progress is None:
            options["delay"] = NOTEBOOK_DELAY
        if importlib.util.find_spec("ipywidgets") is not None:
            from tqdm.auto import tqdm
        else:
            from tqdm import tqdm
    else:
        from tqdm import tqdm
    return tqdm(file=stream, disable=False, dynamic_ncols=True, **options)


def track(
    iterable: Iterable[T],
    *,
    desc: str,
    total: int | None = None,
    unit: str = "it",
    name: Callable[[T], object] | None = None,
    progress: bool | None = None,
) -> Iterator[T]:
    """The items of ``iterable``, counted on a progress bar as they are taken.

    Parameters
    ----------
    iterable
        The work, one item a step.
    desc
        What the bar counts (``"assess"``, ``"districts"``).
    total
        How many items there are (default: ``len(iterable)`` when it has one).
    unit
        The name of one item (``"model"``, ``"district"``).
    name
        What to show beside the bar while an item is worked on (``lambda m: m.name``), its
        control characters shown as escapes (:func:`govmodel.render.terminal`), as in
        ``desc``.
    progress
        See the module: ``None`` automatic, ``True`` on, ``False`` off.

    Examples
    --------
    >>> from govmodel.progress import track
    >>> list(track(range(3), desc="count", unit="number", progress=False))
    [0, 1, 2]
    """
    if total is None and isinstance(iterable, Sized):
        total = len(iterable)
    bar = _tqdm(progress, desc=desc, total=total, unit=unit, leave=True)
    if bar is None:
        yield from iterable
        return
    try:
        for item in iterable:
            if name is not None:
                bar.set_postfix_str(terminal(str(name(item))), refresh=_due(bar))
            yield item
            bar.update(1)
        if name is not None:
            bar.set_postfix_str("", refresh=_due(bar))
    finally:
        bar.close()


def _due(bar: Any) -> bool:
    """Whether ``bar`` may be drawn: it has no delay, or its delay has passed."""
    return bool(bar.format_dict["elapsed"] >= bar.delay)


@contextmanager
def step(desc: str, *, progress: bool | None = None) -> Iterator[None]:
    """A bar for one call that gives no progress of its own: its name and elapsed time.

    The elapsed time is redrawn every second from a background thread while the
    ``with`` block runs; the bar ends as ``desc [done in 00:07]``. If the block raises, the
    bar is closed and the exception passes through.

    Parameters
    ----------
    desc
        The step (``"load city.json"``), its control characters shown as escapes
        (:func:`govmodel.render.terminal`).
    progress
        See the module: ``None`` automatic, ``True`` on, ``False`` off.

    Examples
    --------
    >>> from govmodel.progress import step
    >>> with step("nothing to see", progress=False):
    ...     total = sum(range(10))
    >>> total
    45
    """
    bar = _tqdm(progress, desc=desc, total=None, bar_format="{desc} [{elapsed}]", leave=True)
    if bar is None:
        yield
        return
    done = threading.Event()

    def tick() -> None:
        while not done.wait(_REFRESH):
            if _due(bar):
                bar.refresh()
                bar.last_print_t = time.time()  # shown: its closing line is written too

    ticker = threading.Thread(target=tick, name="govmodel-progress", daemon=True)
    ticker.start()
    ok = False
    try:
        yield
        ok = True
    finally:
        done.set()
        ticker.join()
        if ok:
            bar.bar_format = "{desc} [done in {elapsed}]"
        bar.close()
