"""Errors raised by govmodel.

Every error govmodel raises on purpose derives from :class:`GovModelError`, and each
subclass also derives from the built-in exception it resembles, so that callers may catch
either (``except govmodel.SpecError`` or ``except ValueError``).

A :class:`SpecError` carries *every* problem found in its input, never just the first:
each :class:`Problem` has a stable machine-readable ``code``, a JSON path such as
``$.units[3].parent`` and a human message.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import attrs

__all__ = [
    "GovModelError",
    "MissingDependencyError",
    "ModelError",
    "OutputError",
    "Problem",
    "Severity",
    "SpecError",
    "require",
]

Severity = Literal["error", "warning"]


@attrs.frozen
class Problem:
    """One thing wrong with a structure or a file.

    Parameters
    ----------
    code
        A stable, kebab-case identifier of the kind of problem (``"dangling-reference"``);
        see :doc:`/errors` for the full list.
    path
        Where the problem is, as a JSON path from the document root (``"$.units[3].parent"``).
    message
        A sentence for a human, naming the values involved.
    severity
        ``"error"`` (the structure is invalid) or ``"warning"`` (suspicious but allowed,
        unless validation is strict).

    Examples
    --------
    >>> from govmodel.errors import Problem
    >>> p = Problem("duplicate-id", "$.units[2].id", "id 'c1' is already used by $.units[0]")
    >>> str(p)
    "$.units[2].id: duplicate-id: id 'c1' is already used by $.units[0]"
    """

    code: str
    path: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"{self.path}: {self.code}: {self.message}"


class GovModelError(Exception):
    """The root of every error govmodel raises on purpose."""


class SpecError(GovModelError, ValueError):
    """A structure, or the file it came from, is invalid.

    The message lists every problem, one a line; :attr:`problems` holds them as
    :class:`Problem` objects for programs.

    Examples
    --------
    >>> import govmodel
    >>> try:
    ...     govmodel.loads('{"format_version": 1, "units": [{"id": "a", "kind": "compund"}]}')
    ... except govmodel.SpecError as err:
    ...     print(err.problems[0].code, err.problems[0].path)
    unknown-term $.units[0].kind
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem], *, source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        super().__init__(self._render())

    def _render(self) -> str:
        n = len(self.problems)
        where = f" in {self.source}" if self.source else ""
        head = f"{n} problem{'s' if n != 1 else ''}{where}"
        return head + ":\n" + "\n".join(f"  {p}" for p in self.problems)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_spec_error, (self.problems, self.source))

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the problems, in order."""
        return tuple(p.code for p in self.problems)


def _rebuild_spec_error(problems: tuple[Problem, ...], source: str | None) -> SpecError:
    return SpecError(problems, source=source)


class ModelError(GovModelError, LookupError):
    """A governance model is unknown, or a plug-in could not be used."""


class OutputError(GovModelError, OSError):
    """A file cannot be written where asked: the path names something that is not a regular
    file (a FIFO, a device, a folder), or a link govmodel will not write through."""


class MissingDependencyError(GovModelError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""


def require(module: str, extra: str, *, feature: str | None = None) -> object:
    """Import an optional dependency or raise a :class:`MissingDependencyError`.

    Parameters
    ----------
    module
        The module to import (``"yaml"``).
    extra
        The govmodel extra that installs it (``"yaml"``).
    feature
        What needs it, for the message.

    Returns
    -------
    module
        The imported module.

    Examples
    --------
    >>> from govmodel.errors import require
    >>> require("json", "core").__name__
    'json'
    """
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        what = feature or "this feature of govmodel"
        raise MissingDependencyError(
            f"{what} needs the optional dependency {module!r}, which is not installed; "
            f"install it with: pip install 'govmodel[{extra}]'"
        ) from exc
