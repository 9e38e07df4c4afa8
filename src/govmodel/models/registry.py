"""The registry of governance models, filled from the ``govmodel.models`` entry points.

Entry points are read lazily, on the first call of :func:`names` or :func:`get`, never at
``import govmodel``. A plug-in whose name is not an identifier, whose import fails, whose
object is not a :class:`~govmodel.models.GovernanceModel` subclass, or whose name is taken,
is reported with a :class:`PluginWarning` and skipped; nothing a plug-in does can stop the
others from loading. The built-in models register through govmodel's own entry points.
"""

from __future__ import annotations

import difflib
import keyword
import threading
import warnings
from importlib.metadata import EntryPoint, entry_points

from govmodel.errors import ModelError
from govmodel.models.base import GovernanceModel

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
_loaded = False


def _valid_name(name: str) -> bool:
    return name.isidentifier() and not keyword.iskeyword(name)


def _is_builtin(ep: EntryPoint) -> bool:
    return ep.value.startswith(_BUILTIN_PACKAGE)


def _load_entry_points() -> None:
    global _loaded
    eps = sorted(
        entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: (not _is_builtin(ep), ep.name)
    )
    for ep in eps:
        origin = f"entry point {ep.name!r} ({ep.value})"
        if not _valid_name(ep.name):
            warnings.warn(
                f"{origin}: the name is not an identifier; skipped", PluginWarning, stacklevel=3
            )
            continue
        if ep.name in _models:
            warnings.warn(
                f"{origin}: the name {ep.name!r} is already taken by {_origins[ep.name]}; skipped",
                PluginWarning,
                stacklevel=3,
            )
            continue
        try:
            obj = ep.load()
        except (Exception, SystemExit) as exc:  # a broken plug-in must not break govmodel
            warnings.warn(
                f"{origin} failed to load: {type(exc).__name__}: {exc}; skipped",
                PluginWarning,
                stacklevel=3,
            )
            continue
        if not (isinstance(obj, type) and issubclass(obj, GovernanceModel)):
            warnings.warn(
                f"{origin} is {type(obj).__name__} {obj!r}, not a GovernanceModel subclass; skipped",
                PluginWarning,
                stacklevel=3,
            )
            continue
        if obj.name and obj.name != ep.name:
            warnings.warn(
                f"{origin}: the class calls itself {obj.name!r}; registered as {ep.name!r}",
                PluginWarning,
                stacklevel=3,
            )
        _models[ep.name] = obj
        _origins[ep.name] = origin
    _loaded = True


def _ensure() -> None:
    if not _loaded:
        with _lock:
            if not _loaded:
                _load_entry_points()


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
        If no model has that name (the message suggests the closest names).

    Examples
    --------
    >>> import govmodel
    >>> govmodel.models.get("four_level").title
    'Four-level party structure and three chiefs'
    """
    _ensure()
    try:
        return _models[name]
    except KeyError:
        close = difflib.get_close_matches(name, list(_models), n=2)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise ModelError(
            f"no governance model named {name!r}{hint} (known: {', '.join(sorted(_models))})"
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
    _ensure()
    with _lock:
        if key in _models and _models[key] is not cls and not replace:
            raise ModelError(
                f"a model named {key!r} is already registered ({_origins[key]}); pass replace=True"
            )
        _models[key] = cls
        _origins[key] = f"register({cls.__module__}.{cls.__qualname__})"
    return cls


def unregister(name: str) -> None:
    """Remove a model from the registry (it comes back on :func:`refresh` if it is a plug-in)."""
    _ensure()
    with _lock:
        _models.pop(name, None)
        _origins.pop(name, None)


def refresh() -> None:
    """Read the entry points again (after installing a plug-in package), keeping registered models."""
    global _loaded
    with _lock:
        manual = {k: v for k, v in _models.items() if _origins[k].startswith("register(")}
        manual_origins = {k: _origins[k] for k in manual}
        _models.clear()
        _origins.clear()
        _loaded = False
        _load_entry_points()
        for k, v in manual.items():
            _models.setdefault(k, v)
            _origins.setdefault(k, manual_origins[k])
