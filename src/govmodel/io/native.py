"""Reading and writing structures in govmodel's own format (JSON and YAML).

The file format is documented in :doc:`/guide/format`. Loading collects every problem in
the file, structural (wrong types, unknown fields) and semantic (dangling references,
cycles, …), and raises one :class:`~govmodel.errors.SpecError` listing them all. Loading
never executes code: JSON is parsed by the standard library, YAML by a safe loader that also
refuses aliases, duplicate keys and implicit timestamps.
"""

from __future__ import annotations

import difflib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Literal

import attrs

from govmodel._convert import (
    DEFAULT_LIMITS,
    Limits,
    converter_for,
    json_path,
    problems_from_exception,
    short_repr,
)
from govmodel.errors import Problem, SpecError, require
from govmodel.spec import (
    FORMAT_VERSION,
    Decision,
    Metadata,
    Observation,
    Organization,
    Person,
    Post,
    Structure,
    Tie,
    Unit,
)
from govmodel.validate import check
from govmodel.vocab import Term

__all__ = ["Format", "atomic_write", "dump", "dumps", "from_data", "load", "loads", "to_data"]

Format = Literal["json", "yaml"]

SECTIONS: dict[str, type] = {
    "units": Unit,
    "organizations": Organization,
    "people": Person,
    "posts": Post,
    "ties": Tie,
    "observations": Observation,
    "decisions": Decision,
}
_TOP_KEYS = ("format_version", "metadata", "vocabulary", *SECTIONS)


# -- parsing ---------------------------------------------------------------------------------


class _DuplicateKey(Exception):
    def __init__(self, key: str, where: str = "") -> None:
        super().__init__(key)
        self.key = key
        self.where = where


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    d = dict(pairs)
    if len(d) != len(pairs):
        seen: set[str] = set()
        for k, _ in pairs:
            if k in seen:
                raise _DuplicateKey(k)
            seen.add(k)
    return d


def _decode(data: bytes | str, limits: Limits) -> str:
    if isinstance(data, str):
        if len(data) > limits.max_bytes:
            raise SpecError([_too_large(len(data), limits)])
        return data
    if len(data) > limits.max_bytes:
        raise SpecError([_too_large(len(data), limits)])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SpecError(
            [
                Problem(
                    "invalid-encoding",
                    "$",
                    f"the file is not UTF-8: byte {exc.object[exc.start]:#04x} at offset "
                    f"{exc.start} cannot be decoded",
                )
            ]
        ) from None


def _too_large(n: int, limits: Limits) -> Problem:
    return Problem(
        "too-large",
        "$",
        f"the input has {n:,} bytes, more than the limit of {limits.max_bytes:,} "
        "(raise it with limits=govmodel.Limits(max_bytes=...))",
    )


def parse_json(data: bytes | str, limits: Limits = DEFAULT_LIMITS) -> Any:
    """Parse JSON text, refusing duplicate keys and answering every failure with SpecError."""
    text = _decode(data, limits)
    try:
        return json.loads(text, object_pairs_hook=_pairs)
    except _DuplicateKey as exc:
        msg = f"the key {short_repr(exc.key)} appears twice in one object"
        raise SpecError([Problem("duplicate-key", "$", msg)]) from None
    except json.JSONDecodeError as exc:
        msg = f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        raise SpecError([Problem("invalid-json", "$", msg)]) from None
    except RecursionError:
        msg = "the JSON is nested too deeply to be a govmodel file"
        raise SpecError([Problem("too-deep", "$", msg)]) from None
    except ValueError as exc:  # e.g. integers with too many digits
        raise SpecError([Problem("invalid-json", "$", f"not valid JSON: {exc}")]) from None


def _yaml_loader() -> type:
    yaml: Any = require("yaml", "yaml", feature="reading YAML")
    import re

    class Loader(yaml.SafeLoader):  # type: ignore[misc]
        """A safe loader without aliases, duplicate keys, timestamps or yes/no booleans."""

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise yaml.YAMLError(
                    f"aliases are not allowed (line {event.start_mark.line + 1}, "
                    f"column {event.start_mark.column + 1})"
                )
            return super().compose_node(parent, index)

        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                try:
                    dup = key in seen
                except TypeError:
                    dup = False
                if dup:
                    mark = key_node.start_mark
                    where = f"line {mark.line + 1}, column {mark.column + 1}"
                    raise _DuplicateKey(str(key), where)
                try:
                    seen.add(key)
                except TypeError:
                    pass
            return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]

    resolvers = {}
    for ch, items in yaml.SafeLoader.yaml_implicit_resolvers.items():
        kept = [
            (tag, rx)
            for tag, rx in items
            if tag not in {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"}
        ]
        resolvers[ch] = kept
    Loader.yaml_implicit_resolvers = resolvers
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )
    return Loader


def parse_yaml(data: bytes | str, limits: Limits = DEFAULT_LIMITS) -> Any:
    """Parse YAML safely (see :func:`_yaml_loader`), answering every failure with SpecError."""
    yaml: Any = require("yaml", "yaml", feature="reading YAML")
    text = _decode(data, limits)
    try:
        return yaml.load(text, Loader=_yaml_loader())
    except _DuplicateKey as exc:
        msg = f"the key {short_repr(exc.key)} appears twice in one mapping ({exc.where})"
        raise SpecError([Problem("duplicate-key", "$", msg)]) from None
    except RecursionError:
        raise SpecError([Problem("too-deep", "$", "the YAML is nested too deeply")]) from None
    except yaml.YAMLError as exc:
        raise SpecError([Problem("invalid-yaml", "$", f"not valid YAML: {exc}")]) from None
    except (ValueError, TypeError, OverflowError) as exc:
        raise SpecError([Problem("invalid-yaml", "$", f"not valid YAML: {exc}")]) from None


# -- structuring -----------------------------------------------------------------------------


def _suggest_field(cls: type, key: str) -> str:
    names = [a.name for a in attrs.fields(cls) if a.init]
    close = difflib.get_close_matches(key, names, n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def _with_hints(problems: list[Problem], cls: type) -> list[Problem]:
    out = []
    for p in problems:
        if p.code == "unknown-field" and attrs.has(cls) and p.path.count(".") >= 1:
            key = p.path.rsplit(".", 1)[-1].strip("[]'")
            p = attrs.evolve(p, message=p.message + _suggest_field(cls, key))
        out.append(p)
    return out


def from_data(
    data: Any,
    *,
    validate: bool = True,
    strict: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    source: str | None = None,
) -> Structure:
    """Build a :class:`Structure` from parsed JSON/YAML data, collecting every problem.

    Raises
    ------
    SpecError
        Listing every problem found, structural and (with ``validate``) semantic.
    """
    problems: list[Problem] = []
    if not isinstance(data, dict):
        kind = type(data).__name__ if data is not None else "null"
        raise SpecError(
            [Problem("wrong-type", "$", f"a govmodel file is a JSON object, not {kind}")],
            source=source,
        )
    conv = converter_for(limits)
    version = data.get("format_version")
    if "format_version" not in data:
        problems.append(
            Problem(
                "missing-version",
                "$.format_version",
                f'the file does not say its format version; add "format_version": {FORMAT_VERSION}',
            )
        )
    elif isinstance(version, bool) or version != FORMAT_VERSION:
        problems.append(
            Problem(
                "unknown-version",
                "$.format_version",
                f"format version {short_repr(version)} is not one this govmodel reads "
                f"(it reads version {FORMAT_VERSION}); a newer govmodel may read it",
            )
        )
        raise SpecError(problems, source=source)
    for key in data:
        if key not in _TOP_KEYS:
            hint = difflib.get_close_matches(str(key), _TOP_KEYS, n=1)
            more = f"; did you mean {hint[0]!r}?" if hint else ""
            problems.append(
                Problem(
                    "unknown-field", json_path(str(key)), f"unknown field {short_repr(key)}{more}"
                )
            )

    metadata = Metadata()
    if "metadata" in data:
        try:
            metadata = conv.structure(data["metadata"], Metadata)
        except Exception as exc:
            problems.extend(_with_hints(list(problems_from_exception(exc, "$.metadata")), Metadata))

    vocabulary: list[Term] = []
    raw_vocab = data.get("vocabulary", [])
    if not isinstance(raw_vocab, list):
        problems.append(Problem("wrong-type", "$.vocabulary", "expected a list of terms"))
    else:
        for i, item in enumerate(raw_vocab):
            try:
                vocabulary.append(conv.structure(item, Term))
            except Exception as exc:
                problems.extend(
                    _with_hints(list(problems_from_exception(exc, f"$.vocabulary[{i}]")), Term)
                )

    sections: dict[str, list[Any]] = {}
    positions: dict[str, list[int]] = {}
    failed_ids: set[str] = set()
    for name, cls in SECTIONS.items():
        raw = data.get(name, [])
        items: list[Any] = []
        where: list[int] = []
        sections[name], positions[name] = items, where
        if not isinstance(raw, list):
            problems.append(Problem("wrong-type", json_path(name), f"expected a list of {name}"))
            continue
        if len(raw) > limits.max_entities:
            problems.append(
                Problem(
                    "too-many-entities",
                    json_path(name),
                    f"{len(raw):,} {name} exceed the limit of {limits.max_entities:,} "
                    "(raise it with limits=govmodel.Limits(max_entities=...))",
                )
            )
            continue
        structure_item = conv.get_structure_hook(cls)
        for i, item in enumerate(raw):
            try:
                items.append(structure_item(item, cls))
                where.append(i)
            except Exception as exc:
                problems.extend(
                    _with_hints(list(problems_from_exception(exc, json_path(name, i))), cls)
                )
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    failed_ids.add(item["id"])

    structure = Structure(
        **{k: tuple(v) for k, v in sections.items()},
        vocabulary=tuple(vocabulary),
        metadata=metadata,
    )
    if validate:
        found = check(structure, positions=positions, skip_ids=failed_ids)
        problems.extend(p for p in found if p.severity == "error" or strict)
    if problems:
        raise SpecError(problems, source=source)
    return structure


def to_data(structure: Structure) -> dict[str, Any]:
    """The plain JSON-compatible data of a structure (the file format, version 1)."""
    conv = converter_for(DEFAULT_LIMITS)
    out: dict[str, Any] = {"format_version": FORMAT_VERSION}
    meta = conv.unstructure(structure.metadata, Metadata)
    if meta:
        out["metadata"] = meta
    if structure.vocabulary:
        out["vocabulary"] = [conv.unstructure(t, Term) for t in structure.vocabulary]
    for name, cls in SECTIONS.items():
        items = getattr(structure, name)
        if items:
            hook = conv.get_unstructure_hook(cls)
            out[name] = [hook(x) for x in items]
    return out


# -- public entry points ---------------------------------------------------------------------


def _format_of(path: str | os.PathLike[str], format: Format | None) -> Format:
    if format is not None:
        if format not in ("json", "yaml"):
            raise ValueError(f"unknown format {format!r}; use 'json' or 'yaml'")
        return format
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    raise ValueError(
        f"cannot tell the format of {os.fspath(path)!r} from its suffix; "
        "name it .json, .yaml or .yml, or pass format="
    )


def loads(
    text: str | bytes,
    *,
    format: Format = "json",
    validate: bool = True,
    strict: bool = False,
    limits: Limits | None = None,
) -> Structure:
    """Read a structure from JSON or YAML text.

    Parameters
    ----------
    text
        The document, as text or UTF-8 bytes.
    format
        ``"json"`` or ``"yaml"``.
    validate
        Also run the semantic checks of :func:`govmodel.validate` (default).
    strict
        Treat warnings as errors.
    limits
        Size limits (:class:`govmodel.Limits`); the defaults are safe for untrusted input.

    Returns
    -------
    Structure

    Raises
    ------
    SpecError
        With every problem found, each with a code and a JSON path.

    Examples
    --------
    >>> import govmodel
    >>> s = govmodel.loads('{"format_version": 1, "units": [{"id": "c1", "kind": "community"}]}')
    >>> s.units[0].kind
    'community'
    >>> text = '{"format_version": 1, "units": [{"id": "x", "kind": "compound", "parent": "nope"}]}'
    >>> govmodel.loads(text)
    Traceback (most recent call last):
    ...
    govmodel.errors.SpecError: 1 problem:
      $.units[0].parent: dangling-reference: unit 'x' names parent 'nope', which does not exist
    """
    lim = limits or DEFAULT_LIMITS
    if format == "json":
        data = parse_json(text, lim)
    elif format == "yaml":
        data = parse_yaml(text, lim)
    else:
        raise ValueError(f"unknown format {format!r}; use 'json' or 'yaml'")
    return from_data(data, validate=validate, strict=strict, limits=lim)


def load(
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,
    validate: bool = True,
    strict: bool = False,
    limits: Limits | None = None,
) -> Structure:
    """Read a structure from a ``.json``, ``.yaml`` or ``.yml`` file.

    The format is taken from the suffix unless ``format`` is given. The file's size is
    checked against ``limits.max_bytes`` before it is read. See :func:`loads` for the rest.

    Examples
    --------
    >>> import govmodel
    >>> s = govmodel.load(govmodel.datasets.path("xihu"))
    >>> s.metadata.model
    ('tripartite',)
    """
    lim = limits or DEFAULT_LIMITS
    fmt = _format_of(path, format)
    size = os.stat(path).st_size
    if size > lim.max_bytes:
        raise SpecError([_too_large(size, lim)], source=os.fspath(path))
    with open(path, "rb") as f:
        raw = f.read()
    try:
        data = parse_json(raw, lim) if fmt == "json" else parse_yaml(raw, lim)
        return from_data(data, validate=validate, strict=strict, limits=lim, source=os.fspath(path))
    except SpecError as exc:
        if exc.source is None:
            raise SpecError(exc.problems, source=os.fspath(path)) from None
        raise


def dumps(structure: Structure, *, format: Format = "json", indent: int | None = 2) -> str:
    """Write a structure as JSON or YAML text (format version 1).

    The output is deterministic: the same structure always gives the same text.

    Examples
    --------
    >>> import govmodel
    >>> s = govmodel.datasets.load("chengdu")
    >>> govmodel.loads(govmodel.dumps(s)) == s
    True
    """
    data = to_data(structure)
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False) + "\n"
    if format == "yaml":
        yaml: Any = require("yaml", "yaml", feature="writing YAML")
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)  # type: ignore[no-any-return]
    raise ValueError(f"unknown format {format!r}; use 'json' or 'yaml'")


def dump(
    structure: Structure,
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,
    indent: int | None = 2,
) -> None:
    """Write a structure to a ``.json``, ``.yaml`` or ``.yml`` file, atomically.

    The text goes to a temporary file in the same folder, which then replaces ``path``: an
    interrupted write never leaves a truncated file behind.

    Examples
    --------
    >>> import govmodel, tempfile, os
    >>> s = govmodel.datasets.load("xihu")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     govmodel.dump(s, os.path.join(d, "xihu.yaml"))
    ...     govmodel.load(os.path.join(d, "xihu.yaml")) == s
    True
    """
    fmt = _format_of(path, format)
    atomic_write(path, dumps(structure, format=fmt, indent=indent))


def atomic_write(path: str | os.PathLike[str], content: str | bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file and an atomic rename."""
    target = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
