"""Reading and writing structures in govmodel's own format (JSON and YAML).

The file format is documented in :doc:`/guide/format`. Loading collects every problem in
the file, structural (wrong types, unknown fields) and semantic (dangling references,
cycles, …), and raises one :class:`~govmodel.errors.SpecError` listing them all. Loading
never executes code: JSON is parsed by the standard library, YAML by a safe loader that also
refuses aliases, duplicate keys and implicit timestamps.
"""

from __future__ import annotations

import difflib
import errno
import json
import math
import os
import stat
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice, repeat
from pathlib import Path
from typing import Any, Literal, NoReturn

import attrs

from govmodel._convert import (
    _FLOAT_MAX,
    _SURROGATE,
    DEFAULT_LIMITS,
    DuplicateKey,
    Limits,
    OutOfRange,
    capped,
    check_size,
    converter_for,
    gc_paused,
    give_back_memory,
    json_path,
    json_too_deep,
    problems_from_exception,
    settle_young,
    short_repr,
    too_deep,
    too_large,
    unique_pairs,
    value_too_deep,
)
from govmodel.errors import GovModelError, OutputError, Problem, SpecError, require
from govmodel.spec import (
    FORMAT_VERSION,
    SECTIONS,
    Attributes,
    Metadata,
    Observation,
    Organization,
    Person,
    Post,
    Structure,
    Tie,
    Unit,
    _attributes,
)
from govmodel.validate import (
    _BASES,
    _CHOICES,
    _OUTCOMES,
    _TERM_CHOICES,
    STRINGS_CHECKED,
    TYPES_CHECKED,
    _check,
    _one_of,
    check,
    require_types,
)
from govmodel.vocab import Term

__all__ = [
    "Format",
    "atomic_write",
    "dump",
    "dumps",
    "from_data",
    "load",
    "loads",
    "read_limited",
    "to_data",
]

Format = Literal["json", "yaml"]

_TOP_KEYS = ("format_version", "metadata", "vocabulary", *SECTIONS)


# -- parsing ---------------------------------------------------------------------------------


def _surrogate_problem(text: str, at: int, what: str) -> Problem:
    """``invalid-string`` for a lone surrogate at offset ``at`` of ``text``."""
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return Problem(
        "invalid-string",
        "$",
        f"the {what} holds a lone surrogate ({text[at]!a}, "
        f"line {line}, column {column}), which no UTF-8 file can store",
    )


def _decode(data: bytes | str, limits: Limits) -> str:
    check_size(data, limits)
    return decode_text(data)


def decode_text(data: bytes | str) -> str:
    """A file's text: its bytes read as UTF-8, a byte-order mark read past (in text too).

    Raises
    ------
    SpecError
        ``invalid-encoding`` naming the first byte that is not UTF-8 and its offset.
    """
    if isinstance(data, str):  # a byte-order mark is read past, as in bytes ("utf-8-sig")
        return data[1:] if data.startswith("\ufeff") else data
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


class _NotCanonical:
    """The marker :func:`_parse_canonical` returns when it leaves the text to the stdlib."""


_NOT_CANONICAL: Any = _NotCanonical()


def _orjson() -> Any:
    try:
        import orjson
    except ImportError:  # pragma: no cover - orjson is installed in CI
        return None
    return orjson


def _parse_canonical(data: bytes | str) -> Any:
    """The value of JSON text parsed by orjson, when the text is exactly what orjson writes
    for that value with a two-space indent (the layout of :func:`dumps`); otherwise
    :data:`_NOT_CANONICAL`.

    orjson keeps the last of duplicate keys silently. Text that is byte for byte the
    serialization of the value orjson parsed from it cannot hold a duplicate key (the
    serialization writes each key of a dict once), nor anything the two parsers read
    differently (integers beyond 64 bits, which orjson reads as floats, are written back as
    floats; escapes, spacing and key order are written back in one way only). So the value is
    exactly the standard library's, and duplicate keys, NaN, lone surrogates, bad UTF-8 and
    syntax errors all fall back to the standard library, whose problems they were.

    The check costs one serialization, compared section by section against the input.
    """
    orjson = _orjson()
    if orjson is None:
        return _NOT_CANONICAL
    try:
        raw = data if isinstance(data, bytes) else str(data).encode("utf-8")
    except UnicodeEncodeError:
        return _NOT_CANONICAL
    try:
        value = orjson.loads(raw)
    except (orjson.JSONDecodeError, ValueError, TypeError, RecursionError):
        return _NOT_CANONICAL
    end = len(raw) - 1 if raw.endswith(b"\n") else len(raw)
    try:
        if type(value) is dict and value:
            # Compare the top-level members one at a time (bytes.startswith at an offset is a
            # memcmp): the serialization of one section is held at once, not the document's.
            if not raw.startswith(b"{\n") or raw[end - 2 : end] != b"\n}":
                return _NOT_CANONICAL
            at = 2
            last = len(value) - 1
            for k, (key, member) in enumerate(value.items()):
                piece = orjson.dumps({key: member}, option=orjson.OPT_INDENT_2)
                # b'{\n  "key": ...\n}' -> b'  "key": ...' followed by b',\n' or the end.
                chunk = memoryview(piece)[2:-2]
                if not raw.startswith(chunk, at):
                    return _NOT_CANONICAL
                at += len(chunk)
                del piece, chunk
                if k < last:
                    if not raw.startswith(b",\n", at):
                        return _NOT_CANONICAL
                    at += 2
            if at != end - 2:
                return _NOT_CANONICAL
        elif raw[:end] != orjson.dumps(value, option=orjson.OPT_INDENT_2):
            return _NOT_CANONICAL
    except (TypeError, ValueError, OverflowError):
        return _NOT_CANONICAL
    return value


def parse_json(data: bytes | str, limits: Limits = DEFAULT_LIMITS) -> Any:
    """Parse JSON text, refusing duplicate keys and answering every failure with SpecError.

    With orjson installed (the ``fast`` extra), text in the layout :func:`dumps` writes is
    parsed by orjson (see :func:`_parse_canonical`); anything else, and every failure, goes
    through the standard library's parser, which gives the same value and the same problems.
    """
    check_size(data, limits)
    value = _parse_canonical(data)
    if value is _NOT_CANONICAL:
        value = _parse_stdlib(_decode(data, limits), limits)
    if json_too_deep(data, limits.max_depth):
        raise SpecError([too_deep(limits, "the JSON")])
    return value


def _parse_stdlib(text: str, limits: Limits) -> Any:
    try:
        return json.loads(text, object_pairs_hook=unique_pairs)
    except DuplicateKey as exc:
        found = _duplicate_keys(text, max_problems=limits.max_problems)
        if not found:  # pragma: no cover - the text is read as it was
            msg = f"the key {short_repr(exc.key)} appears twice in one object"
            found = [Problem("duplicate-key", "$", msg)]
        raise SpecError(capped(found, limits.max_problems)) from None
    except json.JSONDecodeError as exc:
        msg = f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        raise SpecError([Problem("invalid-json", "$", msg)]) from None
    except RecursionError:
        raise SpecError([too_deep(limits, "the JSON")]) from None
    except ValueError as exc:  # e.g. integers with too many digits
        try:
            found = _long_integers(text)
        except RecursionError:
            raise SpecError([too_deep(limits, "the JSON")]) from None
        if not found:
            found = [Problem("invalid-json", "$", f"not valid JSON: {exc}")]
        raise SpecError(capped(found, limits.max_problems)) from None


def _long_integers(text: str) -> list[Problem]:
    """``number-out-of-range`` at the path of every integer of JSON ``text`` written with
    more digits than Python reads (``sys.get_int_max_str_digits()``, 4,300 by default),
    which the standard library's parser refuses as a whole (such an integer is far beyond
    a float's range), then ``duplicate-key`` at every key given twice in one object; or
    the one ``invalid-json`` problem of text that is no JSON, read past such integers.
    Empty if there is none, or the text fails for another reason."""
    limit = sys.get_int_max_str_digits()
    too_long: Any = object()

    def parse_int(digits: str) -> Any:
        return too_long if limit and len(digits.lstrip("-")) > limit else int(digits)

    try:
        value = json.loads(text, parse_int=parse_int)
    except json.JSONDecodeError as exc:  # the text is no JSON, whatever its integers
        msg = f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        return [Problem("invalid-json", "$", msg)]
    except ValueError:
        return []
    found: list[Problem] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while stack:
        v, parts = stack.pop()
        if v is too_long:
            found.append(
                Problem(
                    "number-out-of-range",
                    json_path(*parts),
                    f"the integer has more than {limit:,} digits, far beyond a float's range",
                )
            )
        elif type(v) is dict:
            stack.extend((x, (*parts, k)) for k, x in reversed(list(v.items())))
        elif type(v) is list:
            stack.extend((x, (*parts, i)) for i, x in reversed(list(enumerate(v))))
    if found:
        found.extend(_duplicate_keys(text, parse_int))
    return found


def _duplicate_keys(
    text: str,
    parse_int: Callable[[str], Any] | None = None,
    *,
    max_problems: int = DEFAULT_LIMITS.max_problems,
) -> list[Problem]:
    """``duplicate-key`` at the path of every key given twice in one object of JSON
    ``text`` (which the standard library reads), in the order of the text.

    The text is read again, keeping each object's pairs when they repeat a key; a walk of
    the value then finds their paths, going through the values the dict left out too (the
    first ``"units"`` of two). Linear in the text. ``parse_int`` reads its integers (see
    :func:`_long_integers`). No more than ``max_problems + 1`` are found (the reader lists
    no more than that): a million keys given twice would hold a million problems.
    """
    repeats: dict[int, tuple[dict[str, Any], list[tuple[str, Any]]]] = {}

    def pairs(p: list[tuple[str, Any]]) -> dict[str, Any]:
        d = dict(p)
        if len(d) != len(p):
            repeats[id(d)] = (d, p)  # holding d keeps its id from being reused
        return d

    try:
        value = json.loads(text, object_pairs_hook=pairs, parse_int=parse_int)
    except (ValueError, RecursionError):  # pragma: no cover - read once already
        return []
    found: list[Problem] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while stack and repeats and len(found) <= max_problems:
        v, parts = stack.pop()
        if type(v) is dict:
            held = repeats.pop(id(v), None)
            items = v.items() if held is None else held[1]
            if held is not None:
                seen: set[str] = set()
                for k, _ in items:
                    if k in seen and len(found) <= max_problems:
                        found.append(
                            Problem(
                                "duplicate-key",
                                json_path(*parts, k),
                                f"the key {short_repr(k)} appears twice in one object",
                            )
                        )
                    seen.add(k)
            stack.extend(
                (x, (*parts, k)) for k, x in reversed(list(items)) if type(x) in (dict, list)
            )
        else:
            stack.extend(
                (x, (*parts, i)) for i, x in reversed(list(enumerate(v))) if type(x) in (dict, list)
            )
    return found


class _TooDeep(Exception):
    """Flow collections nested deeper than the limit, met while scanning YAML."""


class _NumberTooLong(ValueError):
    """A YAML number beyond a float's range that is refused before it is computed: a YAML
    1.1 base-60 number of more places than a float can hold, or a decimal integer of more
    digits than Python reads (``sys.get_int_max_str_digits()``)."""


#: The most ``:``-separated places of a YAML 1.1 base-60 number (``1:30:00``) read: 60**173
#: is beyond a float's range, so a longer one is ``number-out-of-range`` whatever its digits.
#: PyYAML computes such a number place by place with ever larger integers, which takes time
#: quadratic in its length (a megabyte took 36 s); refusing it first keeps reading linear.
_MAX_SEXAGESIMAL_PLACES = 174


def _sexagesimal_checked(
    construct: Callable[[Any, Any], Any], *, integer: bool = False
) -> Callable[[Any, Any], Any]:
    """A constructor of YAML ints (``integer``) or floats that refuses base-60 numbers of
    too many places and, for ints, decimal integers of more digits than Python reads (which
    it would refuse with advice to raise its limit): :class:`_NumberTooLong`, with the line
    and column, or, where the loader keeps a list ``too_long``, appended to it with where it
    starts in the text (the number read as ``0``), so that every one is found."""

    def checked(loader: Any, node: Any) -> Any:
        value = node.value
        if isinstance(value, str):
            why = None
            if value.count(":") >= _MAX_SEXAGESIMAL_PLACES:
                why = f"a base-60 number of {value.count(':') + 1:,} places"
            elif integer and (limit := sys.get_int_max_str_digits()) and len(value) > limit:
                digits = value.replace("_", "").lstrip("+-")
                # a leading 0 is octal (0o, 0x, 0b: other bases), which Python reads whole
                if len(digits) > limit and digits.isdigit() and digits[0] != "0":
                    why = f"an integer of {len(digits):,} digits"
            if why is not None:
                mark = node.start_mark
                found = _NumberTooLong(
                    f"{why} (line {mark.line + 1}, column {mark.column + 1}) is beyond a "
                    "float's range"
                )
                too_long = getattr(loader, "too_long", None)
                if too_long is None:
                    raise found
                too_long.append((mark.index, found))
                return 0
        return construct(loader, node)

    return checked


_YAML_LOADER: type | None = None


def _yaml_loader() -> type:
    global _YAML_LOADER
    if _YAML_LOADER is None:
        _YAML_LOADER = _make_yaml_loader()
    return _YAML_LOADER


def _make_yaml_loader() -> type:
    yaml: Any = require("yaml", "yaml", feature="reading YAML")
    import re

    class Loader(yaml.SafeLoader):  # type: ignore[misc]
        """A safe loader without aliases, duplicate keys, timestamps, yes/no booleans or
        merge and value keys (``<<`` and ``=`` are strings), refusing flow collections
        (``[`` and ``{``) nested deeper than ``max_depth`` as it scans them."""

        max_depth = DEFAULT_LIMITS.max_depth

        def fetch_flow_collection_start(self, token_class: Any) -> None:
            # PyYAML's scanner looks at every open flow level for each token: time quadratic
            # in the nesting (1,000 levels took 0.2 s for 2 KB). Deeper than the limit, the
            # value would be refused anyway: refuse it before scanning further.
            if self.flow_level >= self.max_depth:
                raise _TooDeep
            super().fetch_flow_collection_start(token_class)

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise yaml.YAMLError(
                    f"aliases are not allowed (line {event.start_mark.line + 1}, "
                    f"column {event.start_mark.column + 1})"
                )
            return super().compose_node(parent, index)

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            try:
                return super().construct_object(node, deep=deep)
            except (yaml.YAMLError, DuplicateKey, _NumberTooLong, RecursionError):
                raise
            except (ValueError, TypeError, LookupError, AttributeError, OverflowError):
                # a scalar its explicit tag cannot read (an empty "!!int", "!!bool maybe"):
                # PyYAML's constructors fail with IndexError, KeyError, AttributeError, …
                mark = node.start_mark
                tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
                raise yaml.YAMLError(
                    f"cannot read the value tagged {short_repr(tag)} "
                    f"(line {mark.line + 1}, column {mark.column + 1})"
                ) from None

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
                    repeated = getattr(self, "repeated", None)
                    if repeated is None:
                        raise DuplicateKey(str(key), where)
                    repeated.append(DuplicateKey(str(key), where, mark.index))  # find all
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
            # no implicit timestamps, yes/no booleans, merge keys (``<<``, which would merge
            # an alias, refused) or value keys (``=``), which the safe loader has no
            # constructor for: those are read as the strings they are
            if tag
            not in {
                "tag:yaml.org,2002:timestamp",
                "tag:yaml.org,2002:bool",
                "tag:yaml.org,2002:merge",
                "tag:yaml.org,2002:value",
            }
        ]
        resolvers[ch] = kept
    Loader.yaml_implicit_resolvers = resolvers
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"\A(?:true|True|TRUE|false|False|FALSE)\Z"),
        list("tTfF"),
    )
    for tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        Loader.add_constructor(
            tag,
            _sexagesimal_checked(
                yaml.SafeLoader.yaml_constructors[tag], integer=tag.endswith(":int")
            ),
        )
    return Loader


def parse_yaml(data: bytes | str, limits: Limits = DEFAULT_LIMITS) -> Any:
    """Parse YAML safely (see :func:`_yaml_loader`), answering every failure with SpecError.

    A lone surrogate in the text (only a ``str`` can hold one) is ``invalid-string``, as it
    is in JSON; the YAML parser would refuse the character with a vaguer message.
    """
    yaml: Any = require("yaml", "yaml", feature="reading YAML")
    text = _decode(data, limits)
    if not text.isascii() and (m := _SURROGATE.search(text)) is not None:
        raise SpecError([_surrogate_problem(text, m.start(), "YAML")])
    loader: Any = None
    repeated: list[DuplicateKey] = []
    too_long: list[tuple[int, _NumberTooLong]] = []  # where each starts in the text
    try:
        # the loader reads the text when it is made, and may refuse it then
        loader = _yaml_loader()(text)
        loader.max_depth = limits.max_depth
        loader.repeated = repeated = []
        loader.too_long = too_long = []
        value = loader.get_single_data()
    except _TooDeep:
        raise SpecError([too_deep(limits, "the YAML")]) from None
    except _NumberTooLong as exc:
        raise SpecError([Problem("number-out-of-range", "$", str(exc))]) from None
    except DuplicateKey as exc:
        msg = f"the key {short_repr(exc.key)} appears twice in one mapping ({exc.where})"
        raise SpecError([Problem("duplicate-key", "$", msg)]) from None
    except RecursionError:
        raise SpecError([too_deep(limits, "the YAML")]) from None
    except yaml.YAMLError as exc:
        raise SpecError([Problem("invalid-yaml", "$", f"not valid YAML: {exc}")]) from None
    except (ValueError, TypeError, OverflowError, LookupError, AttributeError) as exc:
        raise SpecError([Problem("invalid-yaml", "$", f"not valid YAML: {exc}")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if too_long or repeated:
        # every number refused before it was computed, then every key given twice, each
        # in the order of the text
        too_long.sort(key=lambda found: found[0])
        repeated.sort(key=lambda d: d.at)
        problems = [Problem("number-out-of-range", "$", str(n)) for _, n in too_long]
        problems.extend(
            Problem(
                "duplicate-key",
                "$",
                f"the key {short_repr(d.key)} appears twice in one mapping ({d.where})",
            )
            for d in repeated
        )
        raise SpecError(capped(problems, limits.max_problems))
    if value_too_deep(value, limits.max_depth):
        raise SpecError([too_deep(limits, "the YAML")])
    return value


# -- structuring -----------------------------------------------------------------------------


def _string_checks(raw: bytes | str, limits: Limits) -> tuple[bool, bool]:
    """Whether the strings parsed from JSON text ``raw`` may hold lone surrogates, and whether
    they may be longer than ``limits.max_string``.

    In bytes a surrogate can only come from a ``\\ud800``-``\\udfff`` escape (UTF-8 cannot
    hold one), so bytes without ``\\ud``/``\\uD`` have none; a ``str`` may also hold one as
    itself, which one search finds. No string is longer than the text. Either answer errs on
    the side of checking.
    """
    if isinstance(raw, str):
        # a str may also hold a surrogate itself, not escaped
        surrogates = (
            "\\ud" in raw
            or "\\uD" in raw
            or (not raw.isascii() and _SURROGATE.search(raw) is not None)
        )
    else:
        surrogates = b"\\ud" in raw or b"\\uD" in raw
    return surrogates, len(raw) > limits.max_string


_MISSING: Any = object()
_NO_ATTRIBUTES = Attributes()
# The fields each hand-written builder knows (a field added to a class later is not among
# them, so an item that has it goes to the converter, which knows every field); an item with
# any other key (dates and succession of units and organizations, say) goes to the converter.
_KEYS = {
    "units": frozenset({"id", "kind", "name", "parent", "attributes", "identifiers"}),
    "organizations": frozenset(
        {"id", "kind", "name", "unit", "parent", "attributes", "identifiers"}
    ),
    "people": frozenset({"id", "name", "party", "attributes"}),
    "posts": frozenset({"id", "person", "organization", "role", "start", "end", "attributes"}),
    "ties": frozenset({"id", "source", "target", "relation", "start", "end", "attributes"}),
    "observations": frozenset(
        {"id", "subject", "indicator", "value", "period", "source", "attributes"}
    ),
}


def _builders(
    max_string: int,
    *,
    surrogates: bool,
    lengths: bool,
    tables: tuple[dict[Any, Any], dict[Any, Any]] | None = None,
) -> dict[str, Callable[[Any], Any]]:
    """Fast builders of plainly valid entities, by section.

    Each takes one item of the section as parsed and returns the entity that the private
    cattrs converter would make of it, when the item is a ``dict`` with only known keys, every
    string a ``str`` (within ``max_string`` and without lone surrogates, when asked to check),
    every number finite, and no identifiers; for anything else it returns ``None`` and the
    converter decides (and words the problems). Decisions always go to the converter.

    ``tables`` are the tables of shared ids and words (see :func:`_columns`), new ones by
    default.
    """
    surrogate = _SURROGATE.search
    m = max_string

    def bad(*strings: str | None) -> bool:
        """Whether one of the strings breaks a limit the converter enforces."""
        for s in strings:
            if s is None:
                continue
            if len(s) > m or (surrogates and not s.isascii() and surrogate(s) is not None):
                return True
        return False

    check = lengths or surrogates
    # With lengths only (the common case: no \ud escape in the text) the lengths are tested
    # inline below, which is cheaper than a call per entity.
    slow = surrogates

    def scalars(a: Any) -> Attributes | None:
        """The :class:`Attributes` of ``a`` when the converter would take it as it is."""
        if type(a) is not dict:
            return None
        if not a:
            return _NO_ATTRIBUTES
        for key, v in a.items():
            if type(key) is not str or (check and bad(key)):
                return None
            t = type(v)
            if t is str:
                if check and bad(v):
                    return None
            elif t is float:
                if v - v != 0.0:  # nan or an infinity
                    return None
            elif t is int:
                if v > big or v < -big:  # beyond a float's range: the converter refuses it
                    return None
            elif t is not bool:
                return None
        return Attributes(a)

    str_ = str
    missing = _MISSING
    big = _FLOAT_MAX
    # Strings are shared as they are read: every kind, role, relation, indicator and date
    # once, and every reference the very string of the id it names (when that entity came
    # first). A parsed document holds a new string for each occurrence; a city has millions.
    ids, words = ({}, {}) if tables is None else tables
    word = words.setdefault
    node = ids.get

    def unit(d: Any, keys: frozenset[str] = _KEYS["units"]) -> Unit | None:
        if type(d) is not dict or not d.keys() <= keys:
            return None
        i, k, name, parent = d.get("id"), d.get("kind"), d.get("name", ""), d.get("parent")
        if type(i) is not str_ or type(k) is not str_ or type(name) is not str_:
            return None
        if parent is not None and type(parent) is not str_:
            return None
        if slow:
            if bad(i, k, name, parent):
                return None
        elif lengths and (
            len(i) > m or len(k) > m or len(name) > m or (parent is not None and len(parent) > m)
        ):
            return None
        a, ident = d.get("attributes", missing), d.get("identifiers", missing)
        if ident is not missing and ident != []:
            return None
        k = word(k, k)
        if parent is not None:
            parent = node(parent, parent)
        if a is missing:
            u = Unit(i, k, name=name, parent=parent)
        elif (b := scalars(a)) is None:
            return None
        else:
            u = Unit(i, k, name=name, parent=parent, attributes=b)
        ids[i] = i
        return u

    def organization(d: Any, keys: frozenset[str] = _KEYS["organizations"]) -> Organization | None:
        if type(d) is not dict or not d.keys() <= keys:
            return None
        i, k, name = d.get("id"), d.get("kind"), d.get("name", "")
        u, parent = d.get("unit"), d.get("parent")
        if type(i) is not str_ or type(k) is not str_ or type(name) is not str_:
            return None
        if (u is not None and type(u) is not str_) or (
            parent is not None and type(parent) is not str_
        ):
            return None
        if slow:
            if bad(i, k, name, u, parent):
                return None
        elif lengths and (
            len(i) > m
            or len(k) > m
            or len(name) > m
            or (u is not None and len(u) > m)
            or (parent is not None and len(parent) > m)
        ):
            return None
        a, ident = d.get("attributes", missing), d.get("identifiers", missing)
        if ident is not missing and ident != []:
            return None
        k = word(k, k)
        if u is not None:
            u = node(u, u)
        if parent is not None:
            parent = node(parent, parent)
        if a is missing:
            o = Organization(i, k, name=name, unit=u, parent=parent)
        elif (b := scalars(a)) is None:
            return None
        else:
            o = Organization(i, k, name=name, unit=u, parent=parent, attributes=b)
        ids[i] = i
        return o

    def person(d: Any, keys: frozenset[str] = _KEYS["people"]) -> Person | None:
        if type(d) is not dict or not d.keys() <= keys:
            return None
        i, name, party = d.get("id"), d.get("name", ""), d.get("party")
        if type(i) is not str_ or type(name) is not str_:
            return None
        if party is not None and type(party) is not str_:
            return None
        if slow:
            if bad(i, name, party):
                return None
        elif lengths and (len(i) > m or len(name) > m or (party is not None and len(party) > m)):
            return None
        a = d.get("attributes", missing)
        if party is not None:
            party = word(party, party)
        if a is missing:
            p = Person(i, name=name, party=party)
        elif (b := scalars(a)) is None:
            return None
        else:
            p = Person(i, name=name, party=party, attributes=b)
        ids[i] = i
        return p

    def edge(
        cls: type[Post] | type[Tie], fields: tuple[str, str, str], keys: frozenset[str]
    ) -> Callable[[Any], Any]:
        f1, f2, f3 = fields

        def build(d: Any) -> Any:
            if type(d) is not dict or not d.keys() <= keys:
                return None
            i, a1, a2, a3 = d.get("id"), d.get(f1), d.get(f2), d.get(f3)
            if (
                type(i) is not str_
                or type(a1) is not str_
                or type(a2) is not str_
                or type(a3) is not str_
            ):
                return None
            start, end = d.get("start"), d.get("end")
            if (start is not None and type(start) is not str_) or (
                end is not None and type(end) is not str_
            ):
                return None
            if slow:
                if bad(i, a1, a2, a3, start, end):
                    return None
            elif lengths and (
                len(i) > m
                or len(a1) > m
                or len(a2) > m
                or len(a3) > m
                or (start is not None and len(start) > m)
                or (end is not None and len(end) > m)
            ):
                return None
            a = d.get("attributes", missing)
            a1, a2, a3 = node(a1, a1), node(a2, a2), word(a3, a3)
            if start is not None:
                start = word(start, start)
            if end is not None:
                end = word(end, end)
            if a is missing:
                return cls(i, a1, a2, a3, start=start, end=end)
            if (b := scalars(a)) is None:
                return None
            return cls(i, a1, a2, a3, start=start, end=end, attributes=b)

        return build

    def observation(d: Any, keys: frozenset[str] = _KEYS["observations"]) -> Observation | None:
        if type(d) is not dict or not d.keys() <= keys:
            return None
        i, subject, indicator = d.get("id"), d.get("subject"), d.get("indicator")
        value: Any = d.get("value")
        period, src = d.get("period"), d.get("source")
        if type(i) is not str_ or type(subject) is not str_ or type(indicator) is not str_:
            return None
        t = type(value)
        if t is float:
            if value - value != 0.0:
                return None
        elif t is not int or value > big or value < -big:
            return None
        if (period is not None and type(period) is not str_) or (
            src is not None and type(src) is not str_
        ):
            return None
        if slow:
            if bad(i, subject, indicator, period, src):
                return None
        elif lengths and (
            len(i) > m
            or len(subject) > m
            or len(indicator) > m
            or (period is not None and len(period) > m)
            or (src is not None and len(src) > m)
        ):
            return None
        a = d.get("attributes", missing)
        subject, indicator = node(subject, subject), word(indicator, indicator)
        if period is not None:
            period = word(period, period)
        if src is not None:
            src = word(src, src)
        if a is missing:
            ob = Observation(i, subject, indicator, value, period=period, source=src)
        elif (b := scalars(a)) is None:
            return None
        else:
            ob = Observation(i, subject, indicator, value, period=period, source=src, attributes=b)
        ids[i] = i
        return ob

    return {
        "units": unit,
        "organizations": organization,
        "people": person,
        "posts": edge(Post, ("person", "organization", "role"), _KEYS["posts"]),
        "ties": edge(Tie, ("source", "target", "relation"), _KEYS["ties"]),
        "observations": observation,
    }


# -- building a chunk of entities a field at a time ---------------------------------------------

# How the column builder reads a field: a string the item must have; a string with a default
# (a name: ""); a string or None; a number (an int or a float, not a bool); the attributes;
# anything else ("fixed"): no item of the chunk may have it, and each entity takes its default.
_STR, _TEXT, _OPT, _NUMBER, _ATTRS, _FIXED = range(6)

_DICT = frozenset({dict})
_STRS = frozenset({str})
_STR_OR_NONE = frozenset({str, type(None)})
_NUMBERS = frozenset({int, float})
_SCALARS = frozenset({str, int, float, bool})
_ABSENT_OR_DICT = frozenset({tuple, dict})

_consume: Callable[[Iterable[Any]], None] = deque(maxlen=0).extend
_SLOT = type(Attributes.__dict__["_data"])  # member_descriptor
_new = object.__new__
_set_data = Attributes.__dict__["_data"].__set__
_set_hash = Attributes.__dict__["_hash"].__set__


def _kind(field: Any) -> int:
    """How :func:`_columns` reads an attrs field (by its annotation, a string or a type)."""
    t = field.type
    if field.validator is not None:
        return _FIXED
    if t in ("Attributes", Attributes):
        plain = field.converter is _attributes and field.default == _NO_ATTRIBUTES
        return _ATTRS if plain else _FIXED
    if field.converter is not None:
        return _FIXED
    if t in ("str", str):
        if field.default is attrs.NOTHING:
            return _STR
        return _TEXT if type(field.default) is str else _FIXED
    if t == "str | None" or t == str | None:
        return _OPT if field.default is None else _FIXED
    if (t == "int | float" or t == int | float) and field.default is attrs.NOTHING:
        return _NUMBER
    return _FIXED


class _Plan:
    """How :func:`_columns` makes the entities of one attrs class: for each field in order,
    its name, how it is read (``_STR`` …), the setter of its slot, its default (the value an
    entity takes when the item leaves it out) and the table its strings are shared through
    (``_IDS``, ``_WORDS``, or ``None``: not shared)."""

    __slots__ = ("cls", "fields", "keys")

    def __init__(self, cls: type, fields: list[tuple[str, int, Any, Any, int | None]]) -> None:
        self.cls = cls
        self.fields = tuple(fields)
        #: The keys an item may have for the chunk to be built by columns.
        self.keys = frozenset(name for name, kind, *_ in fields if kind != _FIXED)


def _plan(cls: type, unshared: frozenset[str]) -> _Plan | None:
    """The column plan of an attrs class (see :func:`_columns`), read from its fields; ``None``
    when its entities must be made by its ``__init__``: a field that is not initialised from
    its own name, a required field of another type, a factory default, a slot that is no
    field, or a pre- or post-init hook. A field of any other type, or with a validator or a
    converter (but the attributes'), is fixed: its default is read from an entity that
    ``__init__`` makes, so the default's converter applies, and an item that has the field
    goes to the per-item builders and the converter, which check it.
    """
    if not attrs.has(cls) or any(
        hasattr(cls, hook) for hook in ("__attrs_pre_init__", "__attrs_post_init__")
    ):
        return None
    fields = attrs.fields(cls)
    # The slot of each field (a descriptor of the class or of a base), and no other slot.
    slots = {
        s: k.__dict__[s]
        for k in reversed(cls.__mro__)
        for s in getattr(k, "__slots__", ())
        if s != "__weakref__"
    }
    if set(slots) != {f.name for f in fields} or not all(type(d) is _SLOT for d in slots.values()):
        return None
    required: dict[str, Any] = {}
    kinds = {}
    for f in fields:
        kind = _kind(f)
        if not f.init or f.alias != f.name or isinstance(f.default, attrs.Factory):  # type: ignore[arg-type]
            return None
        if f.default is attrs.NOTHING:
            if kind == _STR:
                required[f.name] = "x"
            elif kind == _NUMBER:
                required[f.name] = 0
            else:
                return None
        kinds[f.name] = kind
    try:
        prototype = cls(**required)
    except Exception:  # pragma: no cover - every section's class makes one
        return None
    plan = []
    for f in fields:
        kind = kinds[f.name]
        default = None if f.name in required else getattr(prototype, f.name)
        table = None
        if kind in (_STR, _TEXT, _OPT) and f.name not in unshared:
            table = _IDS if f.name == "id" or f.name in _REFERENCES else _WORDS
        plan.append((f.name, kind, slots[f.name].__set__, default, table))
    return _Plan(cls, plan)


#: The tables of shared strings: ids and the references to them, and every other word.
_IDS, _WORDS = 0, 1
#: The fields that name an entity by its id.
_REFERENCES = frozenset(
    {"parent", "unit", "person", "organization", "source", "target", "subject", "replaced_by"}
)

#: The column plans of the sections (decisions are made by the converter). Names are not
#: shared (they seldom repeat), nor the ids of posts and ties (nothing names them).
_PLANS: dict[str, _Plan] = {
    name: plan
    for name, cls in SECTIONS.items()
    if name != "decisions"
    and (plan := _plan(cls, frozenset({"name", "id"} if name in ("posts", "ties") else {"name"})))
    is not None
}


def _columns(
    items: list[Any],
    plan: _Plan,
    shares: tuple[Callable[[Any, Any], Any], Callable[[Any, Any], Any]],
    *,
    lengths: bool,
    max_string: int,
    exact: bool,
    owned: bool,
) -> list[Any] | None:
    """The entities of ``items`` (parsed items of one section) made a field at a time, when
    every item is plainly valid; ``None`` otherwise, and each item then goes its own way
    (the per-item builder, or the converter, which words the problems).

    Plainly valid is what the per-item builders take: a ``dict`` with no key but the plan's,
    every required field there, every string a ``str`` (no longer than ``max_string`` when
    ``lengths``), every number an ``int`` or a finite ``float`` within a float's range
    (known of numbers parsed by orjson: ``exact``), attributes a ``dict`` of such scalars
    (kept as they are when the items are the caller's own, ``owned``; copied otherwise).
    The strings of shared fields go through ``shares`` (the ``dict.setdefault`` of the table
    of ids, and of the table of other words, read so far), so that each kind, role or date,
    and each reference to an entity, is one string however often it is written (the words
    are few: their table stays small, and quick to look up). The caller knows the strings hold no lone
    surrogate. Each step is one pass of C code over a column (``map``, ``set``), and each
    entity is made without ``__init__``: its slots are set from the columns, which hold
    exactly what ``__init__`` would store (the plan admits no validator, and the one
    converter, the attributes', is applied here).
    """
    n = len(items)
    if not n:
        return []
    try:
        return _make_columns(
            items, n, plan, shares, lengths=lengths, max_string=max_string, exact=exact, owned=owned
        )
    except TypeError:
        # An item that is no dict, or a value that is no string where one is wanted: the
        # checks that tell are the cheapest that raise (see _make_columns).
        return None


def _make_columns(
    items: list[Any],
    n: int,
    plan: _Plan,
    shares: tuple[Callable[[Any, Any], Any], Callable[[Any, Any], Any]],
    *,
    lengths: bool,
    max_string: int,
    exact: bool,
    owned: bool,
) -> list[Any] | None:
    """:func:`_columns` of ``n > 0`` items, raising ``TypeError`` for some of the items it
    refuses. Items parsed by orjson (``exact``) are JSON values of the exact built-in types:
    then ``dict.get`` refuses any other item, and ``str.join`` any string column holding
    anything but strings, which costs less than collecting the types."""
    if not exact and set(map(type, items)) != _DICT:
        return None
    present = set().union(*items)
    if not present <= plan.keys:
        return None
    objs: list[Any] = list(map(_new, repeat(plan.cls, n)))
    get = dict.get
    join = "".join
    for name, kind, setter, default, table in plan.fields:
        if name not in present:
            if kind in (_STR, _NUMBER):
                return None
            _consume(map(setter, objs, repeat(default, n)))
            continue
        col: list[Any] | None
        if kind == _ATTRS:
            col = _attribute_column(
                items, lengths=lengths, max_string=max_string, exact=exact, owned=owned
            )
            if col is None:
                return None
        else:
            col = list(map(get, items, repeat(name, n), repeat(default, n)))
            if kind == _OPT:
                if not set(map(type, col)) <= _STR_OR_NONE:
                    return None
            elif kind == _NUMBER:
                if not set(map(type, col)) <= _NUMBERS or not (exact or _finite(col)):
                    return None
            elif exact:
                join(col)
            elif set(map(type, col)) != _STRS:
                return None
            if (
                lengths
                and kind != _NUMBER
                and max(map(len, filter(None, col)), default=0) > max_string
            ):
                return None
            if table is not None:
                share = shares[table]
                col = list(map(share, col, col))
        _consume(map(setter, objs, col))
    return objs


def _finite(numbers: Iterable[int | float]) -> bool:
    """Whether every number is finite and within a float's range, as the converter wants."""
    big = _FLOAT_MAX
    return all((-big <= v <= big) if type(v) is int else (v - v == 0.0) for v in numbers)


def _attribute_column(
    items: list[dict[str, Any]], *, lengths: bool, max_string: int, exact: bool, owned: bool
) -> list[Attributes] | None:
    """The :class:`Attributes` of each item (see :func:`_columns`), or ``None``. With
    ``owned`` each one holds the parsed ``dict`` itself, which ``Attributes(d)`` would copy.
    Items without attributes, or with ``{}``, share one empty :class:`Attributes`."""
    col = list(map(dict.get, items, repeat("attributes"), repeat(())))  # () is absent
    if not set(map(type, col)) <= _ABSENT_OR_DICT:
        return None
    full = list(filter(None, col))
    if not full:
        return [_NO_ATTRIBUTES] * len(col)
    keys: list[Any] = []
    if lengths or not exact:  # the keys of JSON objects are strings
        keys = list(chain.from_iterable(full))
        if set(map(type, keys)) != _STRS:
            return None
    values = list(chain.from_iterable(map(dict.values, full)))
    types = set(map(type, values))
    if not types <= _SCALARS:
        return None
    if lengths and (
        max(map(len, keys)) > max_string
        or (str in types and max(len(v) for v in values if type(v) is str) > max_string)
    ):
        return None
    if not exact and (
        (float in types or int in types)
        and not _finite(v for v in values if type(v) is int or type(v) is float)
    ):
        return None
    k = len(full)
    if not owned:
        full = list(map(dict, full))
    made = list(map(_new, repeat(Attributes, k)))
    _consume(map(_set_data, made, full))
    _consume(map(_set_hash, made, repeat(None, k)))
    if k == len(col):
        return made
    it = iter(made)
    return [next(it) if a else _NO_ATTRIBUTES for a in col]


# -- reading a document in dumps' layout a section at a time ------------------------------------


class _Deviates(Exception):
    """The text is not in the layout :func:`dumps` writes (found while reading it by sections):
    the plain route reads it."""


#: About how many bytes of a section's text are parsed at once. A chunk no longer than
#: ``max_string`` cannot hold a longer string, so its strings need no measuring.
_CHUNK_TEXT = 1 << 16

#: Where one entity ends and the next begins in a section, in dumps' layout.
_NEXT_ITEM = b"\n    },\n    "


class _Section:
    """A section (a top-level list) of JSON text in the layout :func:`dumps` writes, parsed
    by orjson a chunk of items at a time, each chunk checked to be exactly what orjson writes
    for it (see :func:`_parse_canonical`).

    In that layout each item of a section starts on a line indented by four spaces, and its
    inner lines are indented further; no string holds a line break. So the text between two
    items is ``},\\n    `` at the item's end, and the text of a chunk of items, in brackets,
    is a JSON list. Its serialization nested as the section's value (``{key: chunk}``, with a
    two-space indent) must be the same bytes: then the section is the concatenation of its
    chunks, as orjson would write it.
    """

    __slots__ = ("at", "end", "head", "key", "orjson", "raw", "span")

    def __init__(self, raw: bytes, key: str, key_json: bytes, start: int, end: int) -> None:
        self.raw, self.key, self.orjson = raw, key, _orjson()
        #: raw[at:end] is the text of the items not read yet: '\n    {…},\n    {…}'.
        self.at, self.end = start, end
        self.head = len(b"{\n  ") + len(key_json) + len(b": [")
        #: The length of the text of the last chunk read.
        self.span = 0

    def next(self) -> list[Any] | None:
        """The next chunk of items, parsed (``None`` after the last)."""
        at, end, raw = self.at, self.end, self.raw
        if at > end:
            return None
        stop = end
        if end - at > _CHUNK_TEXT:
            cut = raw.find(_NEXT_ITEM, at + _CHUNK_TEXT, end)
            if cut >= 0:
                stop = cut + 6
        orjson = self.orjson
        try:
            items = orjson.loads(b"".join((b"[", memoryview(raw)[at:stop], b"]")))
            piece = orjson.dumps({self.key: items}, option=orjson.OPT_INDENT_2)
        except (orjson.JSONDecodeError, ValueError, TypeError, RecursionError, OverflowError):
            raise _Deviates from None
        # piece: b'{\n  "key": [' + the items' text + b'\n  ]\n}'
        if len(piece) - self.head - 6 != stop - at or not raw.startswith(
            memoryview(piece)[self.head : -6], at
        ):
            raise _Deviates
        self.at = stop + 1  # past the comma
        self.span = stop - at
        return items  # type: ignore[no-any-return]

    def finish(self) -> None:
        """Read (and check) the rest of the section."""
        while self.next() is not None:
            pass


def _canonical_document(raw: bytes, limits: Limits) -> dict[str, Any] | None:
    """The top-level members of JSON text, when it is in the layout :func:`dumps` writes:
    each section of entities a :class:`_Section` (read later, a chunk at a time), every
    other member parsed and checked now; ``None`` when the text is in any other layout, or
    may nest deeper than ``limits.max_depth`` (the plain route then reads and measures it).

    In dumps' layout the members are the lines indented by two spaces, each ``"key": value``
    with a multi-line value ending on a line ``]`` or ``}`` indented by two spaces. Reading
    the sections by chunks holds one chunk's parsed items at a time instead of the whole
    document's. Every member is checked to be exactly what orjson writes for it, and the
    keys to differ; so the document is exactly orjson's (and the standard library's) value of
    the text, as :func:`_parse_canonical` would establish, only as the sections are read.

    The depth needs no scan of the text: in that layout the items of a list or an object at
    depth ``d`` (the document is depth 1) are on lines indented by ``2 d`` spaces, so a list
    or object deeper than ``max_depth`` sits on a line indented by at least ``2 max_depth``.
    """
    orjson = _orjson()
    if orjson is None:
        return None
    end = len(raw) - 1 if raw.endswith(b"\n") else len(raw)
    if not raw.startswith(b'{\n  "') or raw[end - 2 : end] != b"\n}":
        return None
    deep = 2 * limits.max_depth
    if deep < len(raw) and raw.find(b"\n" + b" " * deep) >= 0:
        return None
    last = end - 2
    doc: dict[str, Any] = {}
    at = 2
    while True:
        if len(doc) > 64 or not raw.startswith(b'  "', at):
            return None
        colon = raw.find(b'": ', at + 3)
        if colon < 0:
            return None
        key_json = raw[at + 2 : colon + 1]
        try:
            key = orjson.loads(key_json)
        except orjson.JSONDecodeError:
            return None
        if type(key) is not str or key in doc:
            return None
        v = colon + 3
        opens = raw[v : v + 2]
        close = -1
        if opens in (b"[\n", b"{\n"):
            close = raw.find(b"\n  ]" if opens == b"[\n" else b"\n  }", v)
            if close < 0:
                return None
            stop = close + 4
        else:  # a value on one line, followed by ',' or the end
            stop = raw.find(b"\n", v)
            if stop < 0:
                return None
            if raw[stop - 1] == 44:  # ','
                stop -= 1
        if opens == b"[\n" and key in SECTIONS and close > v + 1:
            if orjson.dumps(key) != key_json:
                return None
            doc[key] = _Section(raw, key, key_json, v + 1, close)
        else:
            try:
                value = orjson.loads(memoryview(raw)[v:stop])
                piece = orjson.dumps({key: value}, option=orjson.OPT_INDENT_2)
            except (orjson.JSONDecodeError, ValueError, TypeError, RecursionError, OverflowError):
                return None
            # piece: b'{\n' + the member's text + b'\n}'
            if len(piece) - 4 != stop - at or not raw.startswith(memoryview(piece)[2:-2], at):
                return None
            doc[key] = value
        if stop == last:
            return doc
        if not raw.startswith(b',\n  "', stop):
            return None
        at = stop + 2


def _finish(doc: dict[str, Any]) -> bool:
    """Read the rest of every section of ``doc``: whether all of it is in dumps' layout."""
    try:
        for value in doc.values():
            if isinstance(value, _Section):
                value.finish()
    except _Deviates:
        return False
    return True


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
    return _from_data(
        data,
        validate=validate,
        strict=strict,
        limits=limits,
        source=source,
        surrogates=True,
        lengths=True,
    )


def _from_data(
    data: Any,
    *,
    validate: bool,
    strict: bool,
    limits: Limits,
    source: str | None,
    surrogates: bool,
    lengths: bool,
    owned: bool = False,
    exact: bool = False,
) -> Structure:
    """:func:`from_data`, told whether strings may hold lone surrogates (``surrogates``) or
    exceed ``limits.max_string`` (``lengths``): see :func:`_string_checks`. With ``owned``
    (the parsed data is the caller's own, made for this call) each item is dropped from
    ``data`` once its entity is made, so that its memory is reused for the next entities
    instead of fragmenting the heap; the attributes keep their parsed ``dict``. With
    ``exact`` every number is known finite and within 64 bits (orjson parsed it).

    A section may also be a :class:`_Section` of text in dumps' layout, read a chunk at a
    time (see :func:`_canonical_document`); it may then raise :class:`_Deviates`, and its
    caller must read the rest of the text (:func:`_finish`) before it trusts a
    :class:`~govmodel.errors.SpecError`."""
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
    elif type(version) is not int or version != FORMAT_VERSION:
        # a version is an integer: 1.0 and true are not version 1, though Python finds them
        # equal
        problems.append(
            Problem(
                "unknown-version",
                "$.format_version",
                f"format version {short_repr(version)} is not one this govmodel reads "
                f"(it reads version {FORMAT_VERSION}, an integer); a newer govmodel may read it",
            )
        )
        raise SpecError(problems, source=source)
    for key in data:
        if len(problems) > limits.max_problems:
            raise SpecError(capped(problems, limits.max_problems), source=source)
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
            problems.extend(
                _with_hints(_first(problems_from_exception(exc, "$.metadata"), limits), Metadata)
            )

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
                    _with_hints(
                        _first(problems_from_exception(exc, f"$.vocabulary[{i}]"), limits), Term
                    )
                )
                if len(problems) > limits.max_problems:
                    raise SpecError(capped(problems, limits.max_problems), source=source) from None

    sections: dict[str, list[Any]] = {}
    positions: dict[str, list[int]] = {}
    failed_ids: set[str] = set()
    tables: tuple[dict[Any, Any], dict[Any, Any]] = ({}, {})
    shares = (tables[_IDS].setdefault, tables[_WORDS].setdefault)
    builders = _builders(limits.max_string, surrogates=surrogates, lengths=lengths, tables=tables)
    # The column builder (no surrogate check of its own) where no string may hold one.
    plans = {} if surrogates else _PLANS
    for name, cls in SECTIONS.items():
        raw = data.get(name, [])
        items: list[Any] = []
        where: list[int] = []
        sections[name], positions[name] = items, where
        chunks: Iterable[list[Any]]
        lazy = isinstance(raw, _Section)
        if lazy:
            # Read a chunk at a time; how many items there are is known at the end.
            chunks = iter(raw.next, None)
        elif not isinstance(raw, list):
            problems.append(Problem("wrong-type", json_path(name), f"expected a list of {name}"))
            continue
        elif len(raw) > limits.max_entities:
            problems.append(_too_many(name, len(raw), limits))
            continue
        else:
            chunks = _slices(raw, owned)
        structure_item = conv.get_structure_hook(cls)
        build = builders.get(name)
        plan = plans.get(name)
        # The section's problems and unreadable ids join the rest once it is read: a section
        # with more items than the limit has none (as if it had been counted first).
        found: list[Problem] = []
        unreadable: set[str] = set()
        failed = False
        over = False  # more problems than the limit: the rest is only counted
        count = 0
        append = items.append
        for chunk in chunks:
            base = count
            count += len(chunk)
            if over or count > limits.max_entities:
                continue
            if plan is not None:
                made = _columns(
                    chunk,
                    plan,
                    shares,
                    lengths=raw.span > limits.max_string if lazy else lengths,
                    max_string=limits.max_string,
                    exact=exact,
                    owned=owned,
                )
                if made is not None:
                    items.extend(made)
                    if failed:
                        where.extend(range(base, count))
                    continue
            for i, item in enumerate(chunk, base):
                # The fast builder makes the entity when the item is plainly valid, and
                # answers None for anything else, which cattrs then structures or explains.
                entity = build(item) if build is not None else None
                if entity is None:
                    try:
                        entity = structure_item(item, cls)
                    except Exception as exc:
                        found.extend(
                            _with_hints(
                                _first(problems_from_exception(exc, json_path(name, i)), limits),
                                cls,
                            )
                        )
                        if len(problems) + len(found) > limits.max_problems:
                            over = True
                            break
                        if isinstance(item, dict) and isinstance(item.get("id"), str):
                            unreadable.add(item["id"])
                        if not failed:
                            failed = True
                            where.extend(range(len(items)))
                        continue
                append(entity)
                if failed:
                    where.append(i)
        if count > limits.max_entities:
            items.clear()
            where.clear()
            problems.append(_too_many(name, count, limits))
            continue
        problems.extend(found)
        if over:
            raise SpecError(capped(problems, limits.max_problems), source=source)
        failed_ids |= unreadable
        if not failed:
            # Every item was read: entity i sits at index i of the file.
            del positions[name]

    structure = Structure(
        **{k: tuple(v) for k, v in sections.items()},
        vocabulary=tuple(vocabulary),
        metadata=metadata,
    )
    # Every string was checked for surrogates on the way in (or the text had no \ud escape
    # to make one): validation need not look again.
    structure._cache[STRINGS_CHECKED] = True
    structure._cache[TYPES_CHECKED] = True  # as the converter read them
    if validate:
        # without strict, the errors are listed up to the limit however many warnings come
        # before them (as validate lists them)
        found = _check(
            structure,
            positions=positions,
            skip_ids=failed_ids,
            max_problems=max(limits.max_problems - len(problems), 0),
            apart=not strict,
        )
        problems.extend(p for p in found if p.severity == "error" or strict)
    if problems:
        raise SpecError(capped(problems, limits.max_problems), source=source)
    if sum(map(len, sections.values())) >= _SETTLE_FROM:
        # the tables that shared the strings, the lists of entities, the parsed chunks and
        # the checks' sets: freed between the entities, given back
        del sections, positions, tables, shares, builders
        settle_young()
        give_back_memory()
    return structure


#: The fewest entities of a structure read for :func:`~govmodel._convert.settle_young` and
#: :func:`~govmodel._convert.give_back_memory` to be worth their while.
_SETTLE_FROM = 50_000


def _too_many(name: str, count: int, limits: Limits) -> Problem:
    return Problem(
        "too-many-entities",
        json_path(name),
        f"{count:,} {name} exceed the limit of {limits.max_entities:,} "
        "(raise it with limits=govmodel.Limits(max_entities=...))",
    )


#: How many parsed items the section loop takes at a time.
_SLICE = 4096


def _slices(raw: list[Any], owned: bool) -> Iterator[list[Any]]:
    """The items of a parsed section, a slice at a time; with ``owned`` each slice is dropped
    from ``raw`` as it is taken, so that the memory of its items is reused for the next
    entities once they are made."""
    if len(raw) <= _SLICE and not owned:
        yield raw
        return
    for k in range(0, len(raw), _SLICE):
        chunk = raw[k : k + _SLICE]
        if owned:
            raw[k : k + len(chunk)] = [None] * len(chunk)
        yield chunk
        del chunk


def _mode_for(target: Path) -> int:
    """The permission bits a file written to ``target`` should have."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    try:  # Linux 4.7+: no window in which another thread would create files with umask 0
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    umask = os.umask(0o077)
    os.umask(umask)
    return umask


def _first(problems: Iterable[Problem], limits: Limits) -> list[Problem]:
    """The first problems of an entity, one more than the limit at most."""
    return list(islice(problems, limits.max_problems + 1))


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
            hook = _UNSTRUCTURE.get(name) or conv.get_unstructure_hook(cls)
            out[name] = [hook(x) for x in items]
    return out


# The entities as the private converter unstructures them (its code, generated by cattrs with
# omit_if_default, is in the comments of _convert's tests): required fields, then each optional
# field when it differs from its default; attributes as a plain dict. Written out by hand they
# run about five times faster. Decisions, metadata and terms go through the converter.


def _identifiers_data(identifiers: tuple[Any, ...]) -> list[dict[str, Any]]:
    return [{"scheme": i.scheme, "identifier": i.identifier} for i in identifiers]


def _history_data(e: Unit | Organization, res: dict[str, Any]) -> dict[str, Any]:
    if e.start is not None:
        res["start"] = e.start
    if e.end is not None:
        res["end"] = e.end
    if e.formed_from != ():
        res["formed_from"] = list(e.formed_from)
    if e.replaced_by is not None:
        res["replaced_by"] = e.replaced_by
    return res


def _unit_data(u: Unit) -> dict[str, Any]:
    res: dict[str, Any] = {"id": u.id, "kind": u.kind}
    if u.name != "":
        res["name"] = u.name
    if u.parent is not None:
        res["parent"] = u.parent
    if u.attributes:
        res["attributes"] = u.attributes.to_dict()
    if u.identifiers != ():
        res["identifiers"] = _identifiers_data(u.identifiers)
    return _history_data(u, res)


def _organization_data(o: Organization) -> dict[str, Any]:
    res: dict[str, Any] = {"id": o.id, "kind": o.kind}
    if o.name != "":
        res["name"] = o.name
    if o.unit is not None:
        res["unit"] = o.unit
    if o.parent is not None:
        res["parent"] = o.parent
    if o.attributes:
        res["attributes"] = o.attributes.to_dict()
    if o.identifiers != ():
        res["identifiers"] = _identifiers_data(o.identifiers)
    _history_data(o, res)
    if o.term_start is not None:
        res["term_start"] = o.term_start
    if o.term_years is not None:
        res["term_years"] = o.term_years
    return res


def _person_data(p: Person) -> dict[str, Any]:
    res: dict[str, Any] = {"id": p.id}
    if p.name != "":
        res["name"] = p.name
    if p.party is not None:
        res["party"] = p.party
    if p.attributes:
        res["attributes"] = p.attributes.to_dict()
    if p.mobility is not None:
        res["mobility"] = p.mobility
    return res


def _post_data(p: Post) -> dict[str, Any]:
    res: dict[str, Any] = {
        "id": p.id,
        "person": p.person,
        "organization": p.organization,
        "role": p.role,
    }
    if p.start is not None:
        res["start"] = p.start
    if p.end is not None:
        res["end"] = p.end
    if p.attributes:
        res["attributes"] = p.attributes.to_dict()
    return res


def _tie_data(t: Tie) -> dict[str, Any]:
    res: dict[str, Any] = {
        "id": t.id,
        "source": t.source,
        "target": t.target,
        "relation": t.relation,
    }
    if t.start is not None:
        res["start"] = t.start
    if t.end is not None:
        res["end"] = t.end
    if t.attributes:
        res["attributes"] = t.attributes.to_dict()
    return res


def _observation_data(o: Observation) -> dict[str, Any]:
    res: dict[str, Any] = {
        "id": o.id,
        "subject": o.subject,
        "indicator": o.indicator,
        "value": o.value,
    }
    if o.period is not None:
        res["period"] = o.period
    if o.source is not None:
        res["source"] = o.source
    if o.attributes:
        res["attributes"] = o.attributes.to_dict()
    return res


_UNSTRUCTURE: dict[str, Callable[[Any], dict[str, Any]]] = {
    "units": _unit_data,
    "organizations": _organization_data,
    "people": _person_data,
    "posts": _post_data,
    "ties": _tie_data,
    "observations": _observation_data,
}


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


def _by_sections(
    text: str | bytes, *, validate: bool, strict: bool, limits: Limits, source: str | None
) -> Structure | None:
    """The structure in JSON text in the layout :func:`dumps` writes, read a section at a
    time (see :func:`_canonical_document`), or ``None`` when the text is in any other layout
    (the plain route, :func:`parse_json` then :func:`_from_data`, reads it then). Either
    route gives the same structure, or the same problems.

    The parsed document is never whole: each section is parsed a chunk of items at a time
    and the chunk dropped once its entities are made. So the memory in use is the structure
    and the text, and the memory the chunks used is reused from one to the next instead of
    being left behind in holes between the entities.
    """
    check_size(text, limits)
    if isinstance(text, str):
        try:
            raw = text.encode("utf-8")
        except UnicodeEncodeError:
            return None
    else:
        raw = text
    doc = _canonical_document(raw, limits)
    if doc is None:
        return None
    try:
        return _from_data(
            doc,
            validate=validate,
            strict=strict,
            limits=limits,
            source=source,
            # Text that orjson writes holds no lone surrogate and no number it cannot read.
            surrogates=False,
            lengths=len(raw) > limits.max_string,
            owned=True,
            exact=True,
        )
    except _Deviates:
        return None
    except SpecError:
        # The problems stand only if the rest of the text is in the layout too: otherwise
        # the plain route gives the problems of the text as it is (a duplicate key, say).
        if _finish(doc):
            raise
        return None


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
    if format not in ("json", "yaml"):
        raise ValueError(f"unknown format {format!r}; use 'json' or 'yaml'")
    with gc_paused():
        if format == "json":
            read = _by_sections(text, validate=validate, strict=strict, limits=lim, source=None)
            if read is not None:
                return read
            data = parse_json(text, lim)
            surrogates, lengths = _string_checks(text, lim)
        else:
            data = parse_yaml(text, lim)
            surrogates = lengths = True
        return _from_data(
            data,
            validate=validate,
            strict=strict,
            limits=lim,
            source=None,
            surrogates=surrogates,
            lengths=lengths,
            owned=True,
        )


def load(
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,
    validate: bool = True,
    strict: bool = False,
    limits: Limits | None = None,
) -> Structure:
    """Read a structure from a ``.json``, ``.yaml`` or ``.yml`` file.

    The format is taken from the suffix unless ``format`` is given. No more than
    ``limits.max_bytes`` are read (see :func:`~govmodel.io.native.read_limited`), so a device or a pipe that never
    ends is refused too. See :func:`loads` for the rest.

    Examples
    --------
    >>> import govmodel
    >>> s = govmodel.load(govmodel.datasets.path("xihu"))
    >>> s.metadata.model
    ('tripartite',)
    """
    lim = limits or DEFAULT_LIMITS
    fmt = _format_of(path, format)
    raw = read_limited(path, lim)
    try:
        with gc_paused():
            if fmt == "json":
                source = os.fspath(path)
                read = _by_sections(
                    raw, validate=validate, strict=strict, limits=lim, source=source
                )
                if read is not None:
                    return read
                data = parse_json(raw, lim)
                surrogates, lengths = _string_checks(raw, lim)
            else:
                data = parse_yaml(raw, lim)
                surrogates = lengths = True
            del raw
            return _from_data(
                data,
                validate=validate,
                strict=strict,
                limits=lim,
                source=os.fspath(path),
                surrogates=surrogates,
                lengths=lengths,
                owned=True,
            )
    except SpecError as exc:
        if exc.source is None:
            raise SpecError(exc.problems, source=os.fspath(path)) from None
        raise


_CHUNK = 1 << 20


def read_limited(path: str | os.PathLike[str], limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of the file at ``path``, reading no more than ``limits.max_bytes`` of them.

    A regular file larger than the limit is refused from its size, without being read.
    Anything else (a pipe, a FIFO, ``/dev/zero``, a file still growing) is read in chunks
    and refused as soon as it has given one byte more than the limit: memory and time stay
    bounded by the limit, whatever the size the system reports.

    Raises
    ------
    SpecError
        ``too-large``, naming the file.
    OSError
        When the file cannot be opened or read.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.io.native import read_limited
    >>> read_limited(govmodel.datasets.path("xihu"))[:1]
    b'{'
    >>> read_limited("/dev/zero", govmodel.Limits(max_bytes=1000))
    Traceback (most recent call last):
    ...
    govmodel.errors.SpecError: 1 problem in /dev/zero:
      $: too-large: the input has more than 1,000 bytes, the limit (raise it with ...
    """
    source = os.fspath(path)
    limit = limits.max_bytes
    with open(path, "rb") as f:
        st = os.fstat(f.fileno())
        first = _CHUNK
        if stat.S_ISREG(st.st_mode):
            if st.st_size > limit:
                raise SpecError([too_large(st.st_size, limits)], source=source)
            first = st.st_size + 1  # one read, and one more to see the end
        chunks: list[bytes] = []
        total = 0
        want = min(first, limit + 1)
        while True:
            chunk = f.read(want)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise SpecError(
                    [
                        Problem(
                            "too-large",
                            "$",
                            f"the input has more than {limit:,} bytes, the limit "
                            "(raise it with limits=govmodel.Limits(max_bytes=...))",
                        )
                    ],
                    source=source,
                )
            want = min(_CHUNK, limit + 1 - total)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def dumps(structure: Structure, *, format: Format = "json", indent: int | None = 2) -> str:
    """Write a structure as JSON or YAML text (format version 1).

    The output is deterministic: the same structure always gives the same text. A structure
    that cannot be written (a string with a lone surrogate, a floor area of NaN, which no
    JSON file holds) raises the :class:`~govmodel.errors.SpecError` that
    :func:`govmodel.validate` would.

    Examples
    --------
    >>> import govmodel
    >>> s = govmodel.datasets.load("chengdu")
    >>> govmodel.loads(govmodel.dumps(s)) == s
    True
    """
    if format not in ("json", "yaml"):
        raise ValueError(f"unknown format {format!r}; use 'json' or 'yaml'")
    require_types(structure)
    _require_choices(structure)
    try:
        if format == "json":
            return _dumps_json(structure, indent).decode("utf-8")
        yaml: Any = require("yaml", "yaml", feature="writing YAML")
        data = to_data(structure)
        return yaml.dump(  # type: ignore[no-any-return]
            data, Dumper=_yaml_dumper(), allow_unicode=True, sort_keys=False, width=100
        )
    except (ValueError, TypeError, OverflowError) as exc:  # UnicodeEncodeError is a ValueError
        _unwritable(structure, exc)


def _require_choices(structure: Structure) -> None:
    """Raise the problems of each rule's basis, vote's choice, decision's outcome and term's
    category, sector and type that is not one of the values the readers take, as
    :func:`govmodel.validate` words them: written, it would make a file that no reader takes
    back, validating or not. (The types of the fields are known right:
    :func:`~govmodel.validate.require_types` has run.)"""
    problems: list[Problem] = []
    for i, t in enumerate(structure.vocabulary):
        for field, allowed in _TERM_CHOICES:
            value = getattr(t, field)
            if value is not None or field == "category":
                path = f"{json_path('vocabulary', i)}.{field}"
                problems.extend(_one_of(value, allowed, path, field))
    for i, d in enumerate(structure.decisions):
        at = json_path("decisions", i)
        problems.extend(_one_of(d.rule.basis, _BASES, f"{at}.rule.basis", "basis"))
        if d.outcome is not None:
            problems.extend(_one_of(d.outcome, _OUTCOMES, f"{at}.outcome", "outcome"))
        for j, v in enumerate(d.votes):
            problems.extend(_one_of(v.choice, _CHOICES, f"{at}.votes[{j}].choice", "choice"))
    if problems:
        raise SpecError(capped(problems, DEFAULT_LIMITS.max_problems))


def _unwritable(structure: Structure, exc: BaseException) -> NoReturn:
    """Raise, for a structure a writer could not write (``exc``: what the writer raised),
    the :class:`~govmodel.errors.SpecError` of the problems :func:`govmodel.validate`
    finds in it (a lone surrogate, which no UTF-8 text holds, say), or ``exc`` itself when
    it finds none. Writers call it only once they have failed, so that a structure that can
    be written is not checked."""
    errors = [p for p in check(structure) if p.severity == "error"]
    if errors:
        raise SpecError(errors) from exc
    raise exc


#: Characters a YAML reader may change in a plain, single-quoted or block scalar: the line
#: breaks YAML 1.1 knows besides ``\n`` (next line U+0085, line and paragraph separators
#: U+2028, U+2029), which line folding turns into a space or a ``\n``, the carriage return
#: and the byte order mark. A string holding one is written double-quoted, where PyYAML
#: escapes each of them (``\N``, ``\L``, ``\P``, ``\r``, ``\ufeff``) and reads it back as
#: it was.
_YAML_ESCAPED = frozenset("\r\x85\u2028\u2029\ufeff")

_YAML_DUMPER: type | None = None


def _yaml_dumper() -> type:
    """PyYAML's safe dumper, writing strings with line breaks other than ``\n`` quoted."""
    global _YAML_DUMPER
    if _YAML_DUMPER is None:
        yaml: Any = require("yaml", "yaml", feature="writing YAML")

        class Dumper(yaml.SafeDumper):  # type: ignore[misc]
            pass

        def represent_str(dumper: Any, value: str) -> Any:
            if not value.isascii() and _SURROGATE.search(value) is not None:
                # PyYAML would write it as an escape ("\uD800"), which the readers refuse
                raise ValueError("a string holds a lone surrogate, which no UTF-8 file holds")
            if ("\r" in value or not value.isascii()) and not _YAML_ESCAPED.isdisjoint(value):
                return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
            return yaml.SafeDumper.represent_str(dumper, value)

        def represent_float(dumper: Any, value: float) -> Any:
            if not math.isfinite(value):  # YAML's .nan and .inf, which the readers refuse
                raise ValueError(f"{value} is not a finite number")
            return yaml.SafeDumper.represent_float(dumper, value)

        def represent_int(dumper: Any, value: int) -> Any:
            if abs(value) > _FLOAT_MAX:  # which the readers refuse
                raise OutOfRange("an integer is beyond a float's range")
            return yaml.SafeDumper.represent_int(dumper, value)

        Dumper.add_representer(str, represent_str)
        Dumper.add_representer(float, represent_float)
        Dumper.add_representer(int, represent_int)
        # Subclasses (an IntEnum, a StrEnum), which the JSON writer writes as their plain
        # values, are written as those values too (PyYAML's safe dumper refuses them).
        Dumper.add_multi_representer(str, lambda d, v: represent_str(d, str.__str__(v)))
        Dumper.add_multi_representer(int, lambda d, v: represent_int(d, int(v)))
        Dumper.add_multi_representer(float, lambda d, v: represent_float(d, float(v)))
        _YAML_DUMPER = Dumper
    return _YAML_DUMPER


def _dumps_json(structure: Structure, indent: int | None) -> bytes:
    """The UTF-8 bytes of :func:`dumps`'s JSON (see :func:`_json_pieces`)."""
    return b"".join(_json_pieces(structure, indent))


def _json_pieces(structure: Structure, indent: int | None) -> Iterator[bytes]:
    """The UTF-8 bytes of :func:`dumps`'s JSON, a batch of entities at a time, byte for byte
    the standard library's ``json.dumps(to_data(structure), ensure_ascii=False,
    indent=indent, allow_nan=False)`` and a newline.

    The document's head (format version, metadata, vocabulary) is written whole, then each
    section by :func:`_json_array`, a batch of entities at a time, so that the data of no
    more than one batch is held. With orjson installed and ``indent=2`` (the default)
    orjson writes each piece; orjson's two-space layout is the standard library's, and the
    two differ only where the output shows it: floats between 0 and 1e-4 in magnitude
    (``1e-05`` against ``0.00001``; orjson writes them with ``e-`` after a digit or as
    ``0.0000…``), non-finite floats (which the standard library refuses and orjson writes
    as ``null``), integers beyond 64 bits and strings with lone surrogates (which orjson
    refuses). A piece holding ``null``, a digit followed by ``e-``, or ``0.0000`` is written
    again by the standard library, as is every piece orjson refuses.
    """
    conv = converter_for(DEFAULT_LIMITS)
    head: dict[str, Any] = {"format_version": FORMAT_VERSION}
    with gc_paused():
        meta = conv.unstructure(structure.metadata, Metadata)
        if meta:
            head["metadata"] = meta
        if structure.vocabulary:
            head["vocabulary"] = [conv.unstructure(t, Term) for t in structure.vocabulary]
    orjson = _orjson() if indent == 2 else None
    text = _json_bytes(head, indent, orjson)
    if indent is None:
        close, between = b"}", b", "
    else:
        close, between = b"\n}", b",\n" + b" " * indent
    yield text[: -len(close)]
    for name, cls in SECTIONS.items():
        items = getattr(structure, name)
        if not items:
            continue
        hook = _UNSTRUCTURE.get(name) or conv.get_unstructure_hook(cls)
        yield between + json.dumps(name).encode() + b": "
        batches = (list(map(hook, items[at : at + _BATCH])) for at in range(0, len(items), _BATCH))
        with gc_paused():
            yield from _json_array(batches, indent=indent, depth=2)
    yield close + b"\n"


#: Entities written to JSON at a time by :func:`_json_pieces`.
_BATCH = 4096


def _json_bytes(
    value: Any,
    indent: int | str | None,
    orjson: Any,
    *,
    numbers: bool = True,
    errors: str = "strict",
) -> bytes:
    """``value`` as JSON in UTF-8, byte for byte ``json.dumps(value, ensure_ascii=False,
    indent=indent, allow_nan=False)``: by orjson when given (``indent=2``) and its text is
    sure to be the same (see :func:`_json_pieces`; ``numbers=False`` says ``value`` holds no
    number and no ``None``, so only a refusal counts), else by the standard library.
    ``errors`` is how lone surrogates are encoded (``"strict"`` refuses them)."""
    if orjson is not None:
        try:
            out: bytes = orjson.dumps(value, option=orjson.OPT_INDENT_2)
        except (TypeError, ValueError, OverflowError):
            pass
        else:
            if not numbers or (
                b"null" not in out and b"0.0000" not in out and not _digit_e_minus(out)
            ):
                return out
    out = json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False).encode(
        "utf-8", errors
    )
    refuse_big_integers(out, value)
    return out


def refuse_big_integers(text: bytes, value: Any) -> None:
    """Raise :class:`~govmodel._convert.OutOfRange` (a ``ValueError``) if ``value``, which
    the standard library's JSON wrote as ``text`` (UTF-8), holds an integer beyond a
    float's range: it writes any integer, but the readers refuse those, so no writer
    writes one. The text is searched for a run of that many digits first (fast), and only
    then ``value``."""
    if _LONG_NUMBER in text.translate(_DIGITS) and _too_big_in(value):
        raise OutOfRange("an integer is beyond a float's range")


#: Every digit as ``0``, every other byte as itself (``bytes.translate``): a run of
#: :data:`_LONG_NUMBER` in the translated text is where an integer of as many digits as
#: ``int(sys.float_info.max)`` or more may be (or a string's digits).
_DIGITS = bytes(48 if 48 <= b <= 57 else b for b in range(256))
_LONG_NUMBER = b"0" * len(str(_FLOAT_MAX))


def _too_big_in(value: Any) -> bool:
    """Whether ``value`` (JSON data: dicts, lists and scalars) holds an integer beyond a
    float's range, which the readers refuse (booleans are not integers here)."""
    todo = [value]
    while todo:
        v = todo.pop()
        if isinstance(v, dict):
            todo.extend(v.values())
        elif isinstance(v, list | tuple):
            todo.extend(v)
        elif isinstance(v, int) and not isinstance(v, bool) and abs(v) > _FLOAT_MAX:
            return True
    return False


def _json_array(
    chunks: Iterable[list[Any]],
    *,
    indent: int | str | None = 2,
    depth: int = 1,
    numbers: bool = True,
    errors: str = "strict",
) -> Iterator[bytes]:
    """A JSON array of the items of ``chunks`` (lists) at ``depth`` (its items one deeper;
    ``depth=1``: the array is the document) in UTF-8, a chunk at a time, byte for byte as
    ``json.dumps(..., ensure_ascii=False, indent=indent, allow_nan=False)`` writes it inside
    a document; each chunk is encoded by :func:`_json_bytes` (which see for ``numbers`` and
    ``errors``).

    Examples
    --------
    >>> import json
    >>> from govmodel.io.native import _json_array
    >>> chunks = [[{"x": 1}], [], [{"x": 1e-05}, {"x": "y"}]]
    >>> inside = b"".join(_json_array(chunks, depth=2)).decode()
    >>> '{\\n  "a": ' + inside + "\\n}" == json.dumps({"a": sum(chunks, [])}, indent=2)
    True
    """
    orjson = _orjson() if indent == 2 else None
    step = indent if isinstance(indent, str) else " " * (indent or 0)
    outer = step * (depth - 1)
    inner = b"" if indent is None else ("\n" + outer).encode()
    sep = b", " if indent is None else b","
    first = True
    k = _FIRST_PIECE  # items encoded at a time, kept to pieces of about _PIECE bytes
    for chunk in chunks:
        at = 0
        while at < len(chunk):
            part = chunk if at == 0 and k >= len(chunk) else chunk[at : at + k]
            out = _json_bytes(part, indent, orjson, numbers=numbers, errors=errors)
            # the items without the brackets, moved to their depth
            body = out[1:-1] if indent is None else out[1:-2].replace(b"\n", inner)
            yield (b"[" if first else sep) + body
            first = False
            at += len(part)
            k = _next_piece(len(part), len(out))
    if first:
        yield b"[]"
    else:
        yield b"]" if indent is None else ("\n" + outer + "]").encode()


#: The size (bytes or characters) that the streaming writers keep each piece they make
#: near: a piece of a few hundred kilobytes stays in the processor's caches however long
#: the entities' texts are, so that the time of a write grows with its size alone.
_PIECE = 1 << 18
#: Entities in a writer's first piece, before it knows how long they are.
_FIRST_PIECE = 64


def _next_piece(items: int, size: int) -> int:
    """How many entities the next piece holds, after ``items`` made one of ``size``: as
    many as make about :data:`_PIECE`, and at most four times as many as before.

    Examples
    --------
    >>> from govmodel.io.native import _next_piece
    >>> _next_piece(64, 6_400), _next_piece(64, 64 * 12_000), _next_piece(1, 10**9)
    (256, 21, 1)
    """
    return max(1, min(4 * items, items * _PIECE // max(size, 1)))


def _digit_e_minus(out: bytes) -> bool:
    """Whether ``out`` holds a digit followed by ``e-`` (orjson's exponent of a small float)."""
    at = out.find(b"e-")
    while at >= 0:
        if at and 48 <= out[at - 1] <= 57:
            return True
        at = out.find(b"e-", at + 2)
    return False


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
    if fmt == "json":
        require_types(structure)
        _require_choices(structure)
        _write_stream(path, _json_pieces(structure, indent), structure)
    else:
        atomic_write(path, dumps(structure, format=fmt, indent=indent))


#: Folders of the system's special files: ``/dev/stdout`` and the ``/proc/self/fd`` links
#: it leads to name whatever the process writes to, never a file to replace.
_SPECIAL_FOLDERS = ("/dev/", "/proc/")


def _special(path: Path) -> bool:
    where = os.path.abspath(path)
    return where.startswith(_SPECIAL_FOLDERS) and not where.startswith("/dev/shm/")


def _refuse(path: str | os.PathLike[str], why: str) -> OutputError:
    return OutputError(
        f"cannot write {os.fspath(path)!r}: {why}; govmodel writes files atomically (a "
        "temporary file renamed over the target), which would replace it (to write to a "
        "pipe or the terminal, leave out the path or --output)"
    )


def _write_target(path: str | os.PathLike[str]) -> Path:
    """The regular file that writing to ``path`` replaces (or creates).

    A symbolic link is written through: the file it points to is replaced and the link stays,
    as ``open(path, "w")`` would do; a link to a missing file creates that file. Anything
    that is not a regular file (a FIFO, a device, a folder, a socket) is refused, and so is
    any path into ``/dev`` or ``/proc`` (``/dev/stdout``, ``/proc/self/fd/1``), or a link
    leading there: renaming a file over it would replace it rather than write into it.
    """
    target = Path(path)
    for _ in range(40):  # the links of the last component, one at a time
        if _special(target):
            return _raise(_refuse(path, "it is a system device or process file"))
        if not target.is_symlink():
            break
        target = target.parent / os.readlink(target)
    else:
        return _raise(_refuse(path, "it is a loop of symbolic links"))
    try:
        st = os.stat(target)
    except FileNotFoundError:
        folder = target.parent
        if not folder.is_dir():  # named here, not through the temporary file beside it
            raise OutputError(
                errno.ENOENT,
                f"cannot write {os.fspath(path)!r}: its folder {os.fspath(folder)!r} does not exist",
            ) from None
        return target  # a new file (or a link to one not made yet)
    except OSError as exc:
        raise OutputError(exc.errno, f"cannot write {os.fspath(path)!r}: {exc.strerror}") from None
    if not stat.S_ISREG(st.st_mode):
        kind = (
            "a folder"
            if stat.S_ISDIR(st.st_mode)
            else "a FIFO (named pipe)"
            if stat.S_ISFIFO(st.st_mode)
            else "a device"
            if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
            else "a socket"
            if stat.S_ISSOCK(st.st_mode)
            else "something else"
        )
        return _raise(_refuse(path, f"it is {kind}, not a regular file"))
    return target


def _raise(exc: OutputError) -> NoReturn:
    raise exc


def _temporary_prefix(target: Path) -> str:
    """The prefix of the temporary file written beside ``target``: ``.NAME.``, with ``NAME``
    cut so that the whole temporary name (prefix, 8 random characters, ``.tmp``) fits the
    file system's longest name; a legal 255-byte target name must not fail."""
    try:
        name_max = os.pathconf(target.parent, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        name_max = 255
    budget = max(name_max - len(".") - len(".") - 8 - len(".tmp"), 1)
    raw = os.fsencode(target.name)
    if len(raw) > budget:
        raw = raw[:budget]
        # do not leave half a UTF-8 character at the end
        while raw and (raw[-1] & 0xC0) == 0x80:
            raw = raw[:-1]
        if raw and raw[-1] >= 0xC0:
            raw = raw[:-1]
    return "." + os.fsdecode(raw) + "."


def atomic_write(path: str | os.PathLike[str], content: str | bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file and an atomic rename.

    The file keeps the permissions of the one it replaces; a new file gets the usual ones
    (``0o666`` less the process's umask), as ``open(path, "w")`` would give it. A symbolic
    link is written through (the file it points to is replaced, the link stays); a path
    naming anything but a regular file (a FIFO, a device such as ``/dev/stdout``, a folder)
    is refused with an :class:`~govmodel.errors.OutputError`, and left as it was.

    Examples
    --------
    >>> import os, tempfile
    >>> from govmodel.io.native import atomic_write
    >>> with tempfile.TemporaryDirectory() as d:
    ...     atomic_write(os.path.join(d, "a" * 245 + ".json"), "{}")
    ...     os.listdir(d) == ["a" * 245 + ".json"]
    True
    >>> atomic_write("/dev/null", "x")
    Traceback (most recent call last):
    ...
    govmodel.errors.OutputError: cannot write '/dev/null': it is a system device or process file; ...
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    _write_stream(path, (data,))


def _write_stream(
    path: str | os.PathLike[str], chunks: Iterable[bytes], structure: Structure | None = None
) -> None:
    """Write ``chunks`` to ``path`` as :func:`atomic_write` writes a whole text: through a
    buffered temporary file beside it and an atomic rename, so that an error (raised by the
    writer or the chunks) leaves the file as it was. The first chunk is made before the
    temporary file is, so that a writer's checks run first.

    ``structure``: the structure the chunks are written from; a chunk that cannot be
    encoded (a ``UnicodeEncodeError``: a lone surrogate) is then refused with the
    structure's problems (see :func:`_unwritable`), which name where it is."""
    if structure is None:
        _write_chunks(path, chunks)
        return
    try:
        _write_chunks(path, chunks)
    except (UnicodeEncodeError, TypeError) as exc:
        _unwritable(structure, exc)
    except ValueError as exc:  # a number JSON cannot hold, say; not an OutputError
        if isinstance(exc, GovModelError):
            raise
        _unwritable(structure, exc)


def _write_chunks(path: str | os.PathLike[str], chunks: Iterable[bytes]) -> None:
    """:func:`_write_stream`'s writing."""
    it = iter(chunks)
    first = next(it, b"")
    target = _write_target(path)
    fd, tmp = tempfile.mkstemp(
        prefix=_temporary_prefix(target), suffix=".tmp", dir=target.parent or "."
    )
    try:
        with os.fdopen(fd, "wb", buffering=1 << 20) as f:
            f.write(first)
            for chunk in it:
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
