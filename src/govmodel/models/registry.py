"""The registry of governance models, filled from the ``govmodel.models`` entry points.

Entry points are read lazily, never at ``import govmodel``, and a plug-in's code is imported
only when it is needed:

* :func:`get` (and so ``govmodel.assess(s, "name")`` and ``govmodel report``) imports only
  the entry points registered under the name asked for, so a plug-in that hangs, exits the
  interpreter (``os._exit``) or fails at import cannot stop the assessment of another model;
* :func:`names` (and so ``govmodel models``, and ``govmodel.compare`` without a list of
  models) imports every plug-in: listing the models means loading them all.

A plug-in whose name is not an identifier, whose import fails (with any exception, including
``SystemExit``, ``KeyboardInterrupt`` or another :class:`BaseException` raised by its own
code), whose object is not a :class:`~govmodel.models.GovernanceModel` subclass, or whose
name is taken, is reported with a :class:`PluginWarning` naming it and skipped; nothing a
plug-in raises can stop the others from loading. An entry point met again with the same name
and value (read by :func:`get` and then by :func:`names`, or found twice because its
distribution is twice on ``sys.path``) is the plug-in already registered, and is passed over
silently. A real interrupt from the user (``Ctrl-C``, SIGINT, while a plug-in is imported in
the main thread) still interrupts. The built-in
models register through govmodel's own entry points, and come before any plug-in of the
same name.
"""

from __future__ import annotations

import difflib
import keyword
import signal
import threading
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib.metadata import EntryPoint, entry_points
from types import FrameType
from typing import Any

from govmodel.errors import ModelError
from govmodel.models.base import GovernanceModel, _what

__all__ = [
    "ENTRY_POINT_GROUP",
    "PluginWarning",
    "get",
    "names",
    "refresh",
    "register",
    "unregister",
]

#: The entry-point group plug-ins register governance models under.
ENTRY_POINT_GROUP = "govmodel.models"

_BUILTIN_PACKAGE = "govmodel.models."


class PluginWarning(UserWarning):
    """A plug-in could not be used (the message says which and why)."""


_lock = threading.RLock()
_models: dict[str, type[GovernanceModel]] = {}
_origins: dict[str, str] = {}
#: Whether every entry point has been read (by :func:`names`).
_loaded = False
#: Names removed by :func:`unregister`, whose entry points are not read again.
_removed: set[str] = set()


def _valid_name(name: str) -> bool:
    return isinstance(name, str) and name.isidentifier() and not keyword.iskeyword(name)


def _is_builtin(ep: EntryPoint) -> bool:
    return ep.value.startswith(_BUILTIN_PACKAGE)


def _entry_points(name: str | None = None) -> list[EntryPoint]:
    """The group's entry points (those named ``name``), built-in ones first, then by name.

    An entry point met again with the same name and value (a distribution found twice on
    ``sys.path``, say an installed copy and a source checkout) is the same plug-in: it is
    kept once. Reading them reads the installed packages' metadata; it imports nothing.
    """
    eps = entry_points(group=ENTRY_POINT_GROUP)
    chosen: dict[tuple[str, str], EntryPoint] = {}
    for ep in eps:
        if name is None or ep.name == name:
            chosen.setdefault((ep.name, ep.value), ep)
    return sorted(chosen.values(), key=lambda ep: (not _is_builtin(ep), ep.name))


def _text(obj: object) -> str:
    """``str(obj)`` made safe: a plug-in's exception or object may not print."""
    try:
        text = str(obj)
    except BaseException:  # whatever a plug-in's __str__ does
        return f"<unprintable {type(obj).__name__}>"
    return text if len(text) <= 300 else text[:300] + "…"


class _Interrupted:
    """Whether SIGINT arrived while a plug-in was being imported."""

    def __init__(self) -> None:
        self.seen = False


@contextmanager
def _watch_interrupts() -> Iterator[_Interrupted]:
    """Record SIGINT while the block runs (main thread only), passing it on unchanged.

    Python delivers signals to the main thread only, so a ``KeyboardInterrupt`` raised in
    another thread is never the user's; in the main thread, the previous SIGINT handler is
    chained (it raises ``KeyboardInterrupt`` as before) after noting the signal.
    """
    flag = _Interrupted()
    if threading.current_thread() is not threading.main_thread():
        yield flag
        return
    try:
        previous = signal.getsignal(signal.SIGINT)
    except (ValueError, OSError):  # pragma: no cover - no signals on this interpreter
        previous = None
    if previous is None:  # a handler not installed from Python: leave it alone
        yield flag
        return

    def handler(signum: int, frame: FrameType | None) -> Any:
        flag.seen = True
        if callable(previous):
            return previous(signum, frame)
        if previous == signal.SIG_DFL:
            raise KeyboardInterrupt
        return None  # SIG_IGN

    try:
        signal.signal(signal.SIGINT, handler)
    except (ValueError, OSError):  # pragma: no cover
        yield flag
        return
    try:
        yield flag
    finally:
        signal.signal(signal.SIGINT, previous)


def _load(ep: EntryPoint) -> object:
    """Import an entry point's object, or raise :class:`_Failed` saying why it could not be.

    Any exception the plug-in raises is a failure of that plug-in, :class:`BaseException`
    subclasses included (``SystemExit``, ``KeyboardInterrupt``, ``GeneratorExit``, a
    ``CancelledError`` or a class of its own); only a real SIGINT received meanwhile
    propagates.
    """
    with _watch_interrupts() as interrupted:
        try:
            return ep.load()
        except BaseException as exc:  # a broken plug-in must not break govmodel
            if isinstance(exc, KeyboardInterrupt) and interrupted.seen:
                raise
            raise _Failed(f"{type(exc).__name__}: {_text(exc)}") from None


class _Failed(Exception):
    pass


def _warn(message: str) -> None:
    warnings.warn(message, PluginWarning, stacklevel=4)


def _register_entry_points(eps: Iterable[EntryPoint]) -> None:
    """Load and register entry points, in order; the first good one of a name wins."""
    for ep in eps:
        origin = f"entry point {_text(ep.name)!r} ({_text(ep.value)})"
        if not _valid_name(ep.name):
            _warn(f"{origin}: the name is not an identifier; skipped")
            continue
        if ep.name in _removed:
            continue
        if ep.name in _models:
            if _origins[ep.name] == origin:  # this very entry point, read before: no news
                continue
            _warn(
                f"{origin}: the name {ep.name!r} is already taken by {_origins[ep.name]}; skipped"
            )
            continue
        try:
            obj = _load(ep)
        except _Failed as exc:
            _warn(f"{origin} failed to load: {exc}; skipped")
            continue
        try:
            is_model = isinstance(obj, type) and issubclass(obj, GovernanceModel)
            claimed = obj.name if is_model else None  # type: ignore[attr-defined]
        except BaseException as exc:  # a metaclass of the plug-in's
            _warn(f"{origin} cannot be checked: {type(exc).__name__}: {_text(exc)}; skipped")
            continue
        if not is_model:
            _warn(
                f"{origin} is {type(obj).__name__} {_text(obj)!r}, not a GovernanceModel "
                "subclass; skipped"
            )
            continue
        if claimed and claimed != ep.name:
            _warn(f"{origin}: the class calls itself {_text(claimed)!r}; registered as {ep.name!r}")
        _models[ep.name] = obj  # type: ignore[assignment]
        _origins[ep.name] = origin


def _load_entry_points() -> None:
    """Load every entry point (for :func:`names`)."""
    global _loaded
    _register_entry_points(_entry_points())
    _loaded = True


def _ensure() -> None:
    """Every entry point loaded."""
    if not _loaded:
        with _lock:
            if not _loaded:
                _load_entry_points()


def _ensure_name(name: str) -> None:
    """The entry points named ``name`` loaded, unless a model of that name is known."""
    if _loaded or name in _models:
        return
    with _lock:
        if not _loaded and name not in _models:
            _register_entry_points(_entry_points(name))


def names() -> tuple[str, ...]:
    """The names of the registered models, sorted.

    Examples
    --------
    >>> import govmodel
    >>> {"tripartite", "grid", "council", "eight_roles", "four_level"} <= set(govmodel.models.names())
    True
    """
    _ensure()
    return tuple(sorted(_models))


def get(name: str) -> type[GovernanceModel]:
    """The model registered under ``name``.

    Raises
    ------
    ModelError
        If no model has that name (the message suggests the closest names), or the name
        is not a ``str``.

    Examples
    --------
    >>> import govmodel
    >>> govmodel.models.get("four_level").title
    'Four-level party structure and three chiefs'
    """
    if not isinstance(name, str):
        raise ModelError(f"a governance model is named by a str, not {_what(name)}")
    _ensure_name(name)
    try:
        return _models[name]
    except KeyError:
        # the names of every installed plug-in, read from the packages' metadata without
        # importing one (a broken plug-in stays out of a run that did not ask for it)
        known = sorted(set(_models).union(ep.name for ep in _entry_points()))
        close = difflib.get_close_matches(name, known, n=2)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise ModelError(
            f"no governance model named {name!r}{hint} (known: {', '.join(known)})"
        ) from None


def register(
    cls: type[GovernanceModel], *, name: str | None = None, replace: bool = False
) -> type[GovernanceModel]:
    """Register a model class (for notebooks and tests); returns the class, so it decorates.

    Parameters
    ----------
    cls
        A :class:`GovernanceModel` subclass.
    name
        The name to register under (default: ``cls.name``).
    replace
        Replace a model already registered under that name (otherwise a ModelError).
    """
    if not (isinstance(cls, type) and issubclass(cls, GovernanceModel)):
        raise ModelError(f"{cls!r} is not a GovernanceModel subclass")
    key = name or cls.name
    if not key or not _valid_name(key):
        raise ModelError(f"a model's name must be an identifier, not {key!r}")
    _ensure_name(key)
    with _lock:
        if key in _models and _models[key] is not cls and not replace:
            raise ModelError(
                f"a model named {key!r} is already registered ({_origins[key]}); pass replace=True"
            )
        _models[key] = cls
        _removed.discard(key)
        _origins[key] = f"register({cls.__module__}.{cls.__qualname__})"
    return cls


def unregister(name: str) -> None:
    """Remove a model from the registry (a plug-in comes back on :func:`refresh`)."""
    _ensure_name(name)
    with _lock:
        _models.pop(name, None)
        _origins.pop(name, None)
        _removed.add(name)


def refresh() -> None:
    """Forget the entry points read so far, so that they are read again when needed.

    Call it after installing or removing a plug-in package. Models registered with
    :func:`register` are kept (under their names, before any entry point of the same name).
    """
    global _loaded
    with _lock:
        manual = {k: v for k, v in _models.items() if _origins[k].startswith("register(")}
        manual_origins = {k: _origins[k] for k in manual}
        _models.clear()
        _origins.clear()
        _removed.clear()
        _models.update(manual)
        _origins.update(manual_origins)
        _loaded = False
