"""The private cattrs converter between structures and plain JSON-compatible data.

One converter, made here and never the global one. Its hooks are strict: a string is never
turned into a number nor a number into a string, a string is never taken for a list, and
non-finite numbers are refused. Structuring failures are turned into :class:`Problem`
objects with JSON paths by :func:`problems_from_exception`.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import math
import re
import sys
import threading
from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import Any, Literal, get_args, get_origin

import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from govmodel.errors import Problem, SpecError
from govmodel.spec import Attributes, Scalar, _repr

__all__ = [
    "CONVERTER",
    "DuplicateKey",
    "Limits",
    "capped",
    "check_size",
    "gc_paused",
    "json_path",
    "json_too_deep",
    "problems_from_exception",
    "short_repr",
    "shown",
    "shown_key",
    "too_deep",
    "too_large",
    "too_many_problems",
    "unique_pairs",
    "value_too_deep",
]


_repr.maxstring = 60
_repr.maxother = 60
_repr.maxlevel = 3


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a block that makes millions of objects.

    Reading a structure, writing one and assessing one each make millions of objects that
    hold no reference cycle (parsed documents, frozen entities, findings, labels). As they
    pile up the collector traverses the whole heap again and again, a structure of a million
    entities included, which costs as much as the work itself. The collector's previous
    state is restored afterwards (and any cycle made meanwhile is collected then).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def settle_young() -> None:
    """Move the objects the cyclic garbage collector tracks into its oldest generation,
    without a pass over them.

    Reading a structure or assessing one makes a million objects without a reference cycle,
    with the collector paused (:func:`gc_paused`), so all of them are young when the block
    ends: the first collection after it would traverse every one (about a tenth of the
    work's own time at city scale), and a collection of the middle generation soon after,
    again, to find they hold no cycle and live on. ``gc.freeze()`` followed at once by
    ``gc.unfreeze()`` moves them (with any other young object, whose cycles, if any, the next
    full collection then finds) to the oldest generation in constant time, where the
    collector's next full pass looks at them as it would have anyway. Nothing is done while
    the program holds frozen objects of its own, which unfreezing would release.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or ``None`` where there is none (another C library, another
    system)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None
    return trim


def give_back_memory() -> None:
    """Give the pages the C allocator holds free back to the system (glibc's
    ``malloc_trim``; nothing elsewhere).

    Reading a large structure frees the parsed chunks of its text, validating it the sets
    and tables of its checks, and an assessment the lookups it drops
    (:func:`govmodel.assess.assess`): all of it between objects that live on. The allocator
    keeps the freed memory for later, and the process's resident memory stays as high as
    at the work's peak. At a city of half a million nodes and edges, trimming gives back
    about a fifth of what an assessment made (60 MB), or 7 MB after reading, in about 15 ms.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def plain(value: Any) -> Any:
    """``value``, but a string of a subclass of ``str`` (a ``StrEnum``'s member, a numpy
    ``str_``) as the plain ``str`` it holds: an f-string, ``str()`` and the writers of other
    libraries format such a value as its subclass does (``"Kind.UNIT"``). The one way the
    writers and readers make a string plain."""
    if value.__class__ is str or not isinstance(value, str):
        return value
    return str.__str__(value)


def text_of(value: object) -> str:
    """``str(value)``, but a string of a subclass of ``str`` as the string it holds
    (:func:`plain`)."""
    if value.__class__ is str:
        return value
    return str.__str__(value) if isinstance(value, str) else str(value)


def short_repr(value: object) -> str:
    """A short, safe repr of any value (bounded in length and depth; an integer of more
    digits than Python writes out as about its size, ``about 1.00e+5000``)."""
    return _repr.repr(value)


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    kind = type(value)
    if kind.__module__ == "numpy" and hasattr(value, "tolist"):
        # a value out of a numpy array or a pandas frame, or an array
        if getattr(value, "ndim", None) == 0:
            return f"a numpy {kind.__name__} (take its Python value with .item())"
        return f"a numpy {kind.__name__} (take its Python values with .tolist())"
    return kind.__name__


class WrongType(TypeError):
    """A value of the wrong JSON type; the message says what was expected."""

    code = "wrong-type"


class NonFinite(ValueError):
    """NaN or an infinity where a number was expected."""

    code = "non-finite-number"


class BadString(ValueError):
    """A string holding lone surrogates, which no UTF-8 file can store."""

    code = "invalid-string"


_SURROGATE = re.compile("[\ud800-\udfff]")


class OutOfRange(ValueError):
    """An integer beyond the range of a float, which no measure can use."""

    code = "number-out-of-range"


_FLOAT_MAX = int(sys.float_info.max)
#: The longest fraction read from text: a sign, a numerator and a denominator of a float's
#: range (309 digits each) and the slash; longer text is beyond that range, and is refused
#: before :class:`~fractions.Fraction` reads it.
_FRACTION_CHARS = 2 * len(str(_FLOAT_MAX)) + 2
#: An exponent of four digits or more in a number written as text.
_BIG_EXPONENT = re.compile(r"[eE][+-]?0*[0-9]{4}")


class TooLong(ValueError):
    """A string longer than the limit."""

    code = "string-too-long"


class Limits:
    """The size limits the loaders enforce.

    Each limit is a whole number of at least 1: anything else is refused here
    (:class:`TypeError`, :class:`ValueError`), not read as a fault of the file.

    Parameters
    ----------
    max_bytes
        The largest file or text accepted, in bytes.
    max_depth
        The deepest nesting of JSON/YAML containers accepted.
    max_entities
        The largest number of entities in one section.
    max_string
        The longest string accepted, in characters.
    max_problems
        The most problems one :class:`~govmodel.errors.SpecError` lists: reading stops
        once it has found that many, and a last ``too-many-problems`` problem says so.
    """

    __slots__ = ("max_bytes", "max_depth", "max_entities", "max_problems", "max_string")

    def __init__(
        self,
        *,
        max_bytes: int = 2 << 30,
        max_depth: int = 32,
        max_entities: int = 10_000_000,
        max_string: int = 100_000,
        max_problems: int = 1000,
    ) -> None:
        for name, value in (
            ("max_bytes", max_bytes),
            ("max_depth", max_depth),
            ("max_entities", max_entities),
            ("max_string", max_string),
            ("max_problems", max_problems),
        ):
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"Limits: {name} is a whole number, not {short_repr(value)}")
            if value < 1:
                raise ValueError(f"Limits: {name} must be at least 1, not {short_repr(value)}")
        self.max_bytes = max_bytes
        self.max_depth = max_depth
        self.max_entities = max_entities
        self.max_string = max_string
        self.max_problems = max_problems

    def __repr__(self) -> str:
        return (
            f"Limits(max_bytes={self.max_bytes}, max_depth={self.max_depth}, "
            f"max_entities={self.max_entities}, max_string={self.max_string}, "
            f"max_problems={self.max_problems})"
        )


DEFAULT_LIMITS = Limits()


def check_size(data: bytes | str, limits: Limits) -> None:
    """Refuse ``data`` if it is larger than ``limits.max_bytes``, counting text in UTF-8.

    A text of ``n`` characters has between ``n`` and ``4 n`` bytes in UTF-8, so it is only
    encoded (to count) when the answer depends on it.
    """
    n = len(data)
    if isinstance(data, str) and n <= limits.max_bytes < 4 * n and not data.isascii():
        n = len(data.encode("utf-8", "surrogatepass"))
    if n > limits.max_bytes:
        raise SpecError([too_large(n, limits)])


def too_large(n: int, limits: Limits) -> Problem:
    """The ``too-large`` problem of an input of ``n`` bytes."""
    return Problem(
        "too-large",
        "$",
        f"the input has {n:,} bytes, more than the limit of {limits.max_bytes:,} "
        "(raise it with limits=govmodel.Limits(max_bytes=...))",
    )


def too_many_problems(max_problems: int) -> Problem:
    """The last problem of a list cut short at ``max_problems``."""
    return Problem(
        "too-many-problems",
        "$",
        f"stopped after {max_problems:,} problems, the limit; fix these and read the input "
        "again, or raise it with limits=govmodel.Limits(max_problems=...)",
    )


def capped(problems: list[Problem], max_problems: int) -> list[Problem]:
    """``problems`` cut to ``max_problems`` (when longer), with a last ``too-many-problems``."""
    if len(problems) <= max_problems:
        return problems
    return [*problems[:max_problems], too_many_problems(max_problems)]


def too_deep(limits: Limits, what: str = "the input") -> Problem:
    """The ``too-deep`` problem of an input nesting containers deeper than the limit."""
    return Problem(
        "too-deep",
        "$",
        f"{what} nests lists and objects more than {limits.max_depth} deep, the limit "
        "(raise it with limits=govmodel.Limits(max_depth=...))",
    )


# Every byte but the brackets and the quote, deleted to leave the nesting of JSON text.
_NOT_NESTING = bytes(b for b in range(256) if b not in b'[]{}"')
_STRING = re.compile(rb'"[^"]*"')
_INNERMOST = re.compile(rb"\[\]|\{\}")


class DuplicateKey(Exception):
    """A key given twice in one JSON object or YAML mapping: the key, where it is (words for
    a message, such as a line and column) and where it starts in the text."""

    def __init__(self, key: str, where: str = "", at: int = 0) -> None:
        super().__init__(key)
        self.key = key
        self.where = where
        self.at = at


def unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object's dict (``object_pairs_hook``), raising :class:`DuplicateKey` for the
    first key it holds twice."""
    d = dict(pairs)
    if len(d) != len(pairs):
        seen: set[str] = set()
        for k, _ in pairs:
            if k in seen:
                raise DuplicateKey(k)
            seen.add(k)
    return d


def json_too_deep(text: bytes | str, max_depth: int) -> bool:
    """Whether valid JSON ``text`` nests lists and objects more than ``max_depth`` deep.

    Works on the text at C speed without parsing it again: escaped backslashes and quotes
    are dropped, then every byte but brackets and quotes, then the strings; what is left is
    the bare nesting, whose innermost pairs are removed once per level, ``max_depth`` times
    at most. A file of a million entities takes about a second to parse and a tenth of that
    to measure.

    >>> json_too_deep('{"a": [[1, "]]]"], {}]}', 3), json_too_deep('[[[[]]]]', 3)
    (False, True)
    """
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    if b"\\" in raw:
        raw = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    raw = raw.translate(None, _NOT_NESTING)
    # Quotes alternate, opening and closing strings: dropping two adjacent ones removes an
    # empty string or joins two strings into one, and leaves the nesting as it was. What
    # is left in quotes holds brackets, and goes with the strings.
    raw = raw.replace(b'""', b"")
    if b'"' in raw:
        raw = _STRING.sub(b"", raw)
    for _ in range(max_depth):
        if not raw:
            return False
        raw = _INNERMOST.sub(b"", raw)
    return bool(raw)


def value_too_deep(value: object, max_depth: int) -> bool:
    """Whether a parsed value nests lists and dicts more than ``max_depth`` deep.

    >>> value_too_deep({"a": [[1]]}, 3), value_too_deep({"a": [[[1]]]}, 3)
    (False, True)
    """
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list | tuple):
            children = item
        else:
            continue
        if depth > max_depth:
            return True
        stack.extend((c, depth + 1) for c in children if isinstance(c, dict | list | tuple))
    return False


def _make_converter(
    max_string: int, max_problems: int = DEFAULT_LIMITS.max_problems
) -> cattrs.Converter:
    c = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True)

    def s_str(v: Any, _: Any) -> str:
        if type(v) is not str:
            if isinstance(v, str):
                return str(v)
            raise WrongType(f"expected a string, got {_type_name(v)}")
        if len(v) > max_string:
            raise TooLong(
                f"a string of {len(v):,} characters exceeds the limit of {max_string:,} "
                "(raise it with limits=govmodel.Limits(max_string=...))"
            )
        if not v.isascii() and _SURROGATE.search(v):
            raise BadString(
                "the string holds a lone surrogate (an unpaired \\ud800-\\udfff escape)"
            )
        return v

    def s_int(v: Any, _: Any) -> int:
        if isinstance(v, bool) or not isinstance(v, int):
            raise WrongType(f"expected an integer, got {_type_name(v)}")
        return int(v)

    def s_bool(v: Any, _: Any) -> bool:
        if not isinstance(v, bool):
            raise WrongType(f"expected true or false, got {_type_name(v)}")
        return v

    def s_number(v: Any, _: Any) -> int | float:
        if isinstance(v, bool) or not isinstance(v, int | float):
            raise WrongType(f"expected a number, got {_type_name(v)}")
        if isinstance(v, float) and not math.isfinite(v):
            raise NonFinite(f"expected a finite number, got {v}")
        if isinstance(v, int) and abs(v) > _FLOAT_MAX:
            raise OutOfRange("the integer is too large to be measured (beyond a float's range)")
        return v

    def s_opt_number(v: Any, t: Any) -> int | float | None:
        return None if v is None else s_number(v, t)

    def s_float(v: Any, t: Any) -> float:
        return float(s_number(v, t))

    def s_scalar(v: Any) -> Scalar:
        if isinstance(v, str):
            return s_str(v, str)
        if isinstance(v, bool):
            return v
        if isinstance(v, int):
            if abs(v) > _FLOAT_MAX:
                raise OutOfRange("the integer is too large to be measured (beyond a float's range)")
            return v
        if isinstance(v, float):
            if not math.isfinite(v):
                raise NonFinite(f"expected a finite number, got {v}")
            return v
        raise WrongType(f"expected a string, number or boolean, got {_type_name(v)}")

    def s_attributes(v: Any, _: Any) -> Attributes:
        if not isinstance(v, dict):
            raise WrongType(f"expected an object of attributes, got {_type_name(v)}")
        out: dict[str, Scalar] = {}
        errors: list[Exception] = []
        for key, value in v.items():
            try:
                if not isinstance(key, str):
                    raise WrongType(f"attribute names must be strings, got {_type_name(key)}")
                s_str(key, str)
                out[key] = s_scalar(value)
            except (WrongType, NonFinite, TooLong, BadString, OutOfRange) as exc:
                exc.__notes__ = [_KeyNote(str(key))]
                errors.append(exc)
                if len(errors) > max_problems:
                    break  # the reader lists no more than that many problems anyway
        if errors:
            raise IterableValidationError("invalid attributes", errors, Attributes)
        return Attributes(out)

    def s_fraction(v: Any, _: Any) -> Fraction:
        if isinstance(v, bool) or not isinstance(v, str | int | float):
            raise WrongType(f'expected a fraction such as "2/3", got {_type_name(v)}')
        if isinstance(v, float) and not math.isfinite(v):
            raise NonFinite(f"expected a finite fraction, got {v}")
        if isinstance(v, str) and (len(v) > _FRACTION_CHARS or _BIG_EXPONENT.search(v)):
            # Fraction("1e999999999") would compute 10**999999999: refuse before it does
            raise OutOfRange(f"the fraction {short_repr(v)} is beyond a float's range")
        if isinstance(v, str) and (not v.isascii() or "_" in v):
            # Fraction reads "١/٢" and "1_000" as Python source does; a file writes "1/2"
            raise WrongType(f'expected a fraction such as "2/3", got {short_repr(v)}')
        if isinstance(v, int) and abs(v) > _FLOAT_MAX:
            raise OutOfRange("the fraction is beyond a float's range")
        try:
            # a float is the decimal it was written as (its shortest repr, as exact() reads
            # it), not the binary fraction that stands for it: 0.6 is 3/5
            f = Fraction(float.__repr__(v)) if isinstance(v, float) else Fraction(v)
        except (ValueError, ZeroDivisionError):
            raise WrongType(f'expected a fraction such as "2/3", got {short_repr(v)}') from None
        if abs(f.numerator) > _FLOAT_MAX or f.denominator > _FLOAT_MAX:
            raise OutOfRange(f"the fraction {short_repr(v)} is beyond a float's range")
        return f

    def u_fraction(v: Fraction) -> str:
        # what s_fraction reads back, and nothing it refuses: a file holds no fraction
        # beyond a float's range (the writers then report where it is, see
        # govmodel.io.native._unwritable)
        if abs(v.numerator) > _FLOAT_MAX or v.denominator > _FLOAT_MAX:
            raise OutOfRange(f"the fraction {short_repr(str(v))} is beyond a float's range")
        return str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"

    def s_str_set(v: Any, _: Any) -> frozenset[str]:
        if not isinstance(v, list | tuple):
            raise WrongType(f"expected a list of strings, got {_type_name(v)}")
        return frozenset(s_str(x, str) for x in v)

    c.register_structure_hook(str, s_str)
    c.register_structure_hook(int, s_int)
    c.register_structure_hook(float, s_float)
    c.register_structure_hook(bool, s_bool)
    c.register_structure_hook_func(lambda t: t == int | float, s_number)
    c.register_structure_hook_func(lambda t: t == int | float | None, s_opt_number)
    c.register_structure_hook(Attributes, s_attributes)
    c.register_unstructure_hook(Attributes, lambda a: a.to_dict())
    c.register_structure_hook(Fraction, s_fraction)
    c.register_unstructure_hook(Fraction, u_fraction)
    c.register_structure_hook_func(lambda t: t == frozenset[str], s_str_set)
    c.register_unstructure_hook_func(lambda t: t == frozenset[str], lambda s: sorted(s))

    def is_literal(t: Any) -> bool:
        return get_origin(t) is Literal

    def literal_factory(t: Any) -> Callable[[Any, Any], Any]:
        allowed = get_args(t)
        shown = ", ".join(repr(a) for a in allowed)

        def s_literal(v: Any, _: Any) -> Any:
            for a in allowed:
                if type(v) is type(a) and v == a:
                    return a
            raise WrongType(f"expected one of {shown}, got {short_repr(v)}")

        return s_literal

    c.register_structure_hook_factory(is_literal, literal_factory)

    def is_homogeneous_tuple(t: Any) -> bool:
        args = get_args(t)
        return get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis

    def tuple_factory(t: Any) -> Callable[[Any, Any], tuple[Any, ...]]:
        inner = get_args(t)[0]

        def s_tuple(v: Any, _: Any) -> tuple[Any, ...]:
            if not isinstance(v, list | tuple):
                raise WrongType(f"expected a list, got {_type_name(v)}")
            hook = c.get_structure_hook(inner)
            out = []
            errors: list[Exception] = []
            for i, x in enumerate(v):
                try:
                    out.append(hook(x, inner))
                except Exception as exc:
                    exc.__notes__ = [
                        *getattr(exc, "__notes__", []),
                        IterableValidationNote(f"Structuring {t} @ index {i}", i, inner),
                    ]
                    errors.append(exc)
                    if len(errors) > max_problems:
                        # the reader lists no more than that many problems: a list of a
                        # million bad votes would hold a million exceptions (gigabytes)
                        break
            if errors:
                raise IterableValidationError(f"While structuring {t!r}", errors, t)
            return tuple(out)

        return s_tuple

    c.register_structure_hook_factory(is_homogeneous_tuple, tuple_factory)
    return c


class _KeyNote(str):
    """A note naming the mapping key an error happened at."""

    key: str

    def __new__(cls, key: str) -> _KeyNote:
        self = super().__new__(cls, f"at key {key!r}")
        self.key = key
        return self


#: The most characters of a key that a path or a message repeats; longer keys are cut, with
#: the number of characters left out, so that one problem stays a short line.
MAX_KEY_SHOWN = 80


def shown_key(name: str) -> str:
    """``name`` as a path or a message shows it: at most :data:`MAX_KEY_SHOWN` characters
    (then ``…(+N)``, the number left out), lone surrogates escaped so that it can be printed.

    >>> shown_key("households"), shown_key("k" * 100)[-12:]
    ('households', 'kkkkkk…(+20)')
    """
    if len(name) > MAX_KEY_SHOWN:
        name = f"{name[:MAX_KEY_SHOWN]}…(+{len(name) - MAX_KEY_SHOWN:,})"
    if not name.isascii() and _SURROGATE.search(name) is not None:
        name = name.encode("utf-8", "backslashreplace").decode("utf-8")
    return name


def shown(value: object) -> str:
    """A bounded repr of a value named in a path or a message: a string as its
    :func:`shown_key` in quotes, anything else as :func:`short_repr`.

    >>> shown("c1"), shown(3), len(shown("x" * 10**6)) < 100
    ("'c1'", '3', True)
    """
    if isinstance(value, str):
        return repr(shown_key(value))
    return short_repr(value)


def _segment(name: str) -> str:
    shown = shown_key(name)
    if shown.isidentifier():
        return f".{shown}"
    if name.isascii() or _SURROGATE.search(name) is None:
        escaped = shown.replace("\\", "\\\\").replace("'", "\\'")
    else:
        # the backslash of an escaped surrogate stays single, so that ['k\ud800'] (the
        # surrogate) is told from ['k\\ud800'] (a backslash and five letters)
        escaped = shown_key(name.replace("\\", "\\\\").replace("'", "\\'"))
    return f"['{escaped}']"


def json_path(*parts: str | int) -> str:
    """A JSON path from parts: ``json_path("units", 3, "parent") == "$.units[3].parent"``."""
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else _segment(p)
    return out


def problems_from_exception(exc: BaseException, path: str) -> Iterator[Problem]:
    """Turn a (detailed) cattrs structuring exception into problems with JSON paths."""
    if isinstance(exc, IterableValidationError | ClassValidationError):
        for sub in exc.exceptions:
            notes = getattr(sub, "__notes__", [])
            p = path
            for note in notes:
                if isinstance(note, IterableValidationNote):
                    p = f"{path}[{note.index}]"
                elif isinstance(note, _KeyNote):
                    p = path + _segment(note.key)
                elif hasattr(note, "name") and isinstance(note.name, str):
                    p = path + _segment(note.name)
            yield from problems_from_exception(sub, p)
        return
    if isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            shown = shown_key(str(key))
            yield Problem("unknown-field", path + _segment(str(key)), f"unknown field {shown!r}")
        return
    if isinstance(exc, KeyError):
        yield Problem("missing-field", path, "a required field is missing")
        return
    code = getattr(exc, "code", None)
    if code is not None:
        yield Problem(code, path, str(exc))
        return
    not_a_mapping = (
        _NOT_A_MAPPING.match(str(exc)) if isinstance(exc, AttributeError | TypeError) else None
    )
    if not_a_mapping is not None:  # an entity, or a part of one, given as something else
        name = not_a_mapping.group(1) or not_a_mapping.group(2)
        got = _PYTHON_TYPES.get(name, "something else")
        yield Problem("wrong-type", path, f"expected an object, got {got}")
        return
    yield Problem("wrong-type", path, f"invalid value ({short_repr(str(exc))})")


#: What structuring an object from another value says: "'str' object has no attribute
#: 'keys'", "argument of type 'int' is not iterable".
_NOT_A_MAPPING = re.compile(
    r"\A(?:'(\w+)' object has no attribute '(?:keys|items|get)'"
    r"|argument of type '(\w+)' is not iterable)\Z"
)
#: The JSON names of the Python types a parsed document holds.
_PYTHON_TYPES = {
    "str": "a string",
    "int": "an integer",
    "float": "a number",
    "bool": "a boolean",
    "list": "a list",
    "tuple": "a list",
    "NoneType": "null",
}


CONVERTER = _make_converter(DEFAULT_LIMITS.max_string)
#: The converters by the limits they enforce: ``(max_string, max_problems)``.
_DEFAULT_KEY = (DEFAULT_LIMITS.max_string, DEFAULT_LIMITS.max_problems)
_CONVERTERS: dict[tuple[int, int], cattrs.Converter] = {_DEFAULT_KEY: CONVERTER}
_CONVERTERS_LOCK = threading.Lock()


def converter_for(limits: Limits) -> cattrs.Converter:
    """The converter enforcing ``limits.max_string``, and listing as many problems of one
    entity's attributes as ``limits.max_problems`` (the default's and three others cached).

    Safe to call from many threads at once: the cache is read and changed under a lock (a
    converter is made outside it, so two threads may make the same one; either is kept).
    """
    key = (limits.max_string, limits.max_problems)
    with _CONVERTERS_LOCK:
        c = _CONVERTERS.get(key)
    if c is not None:
        return c
    made = _make_converter(*key)
    with _CONVERTERS_LOCK:
        c = _CONVERTERS.get(key)
        if c is not None:
            return c
        while len(_CONVERTERS) >= 4:
            oldest = next(k for k in _CONVERTERS if k != _DEFAULT_KEY)
            del _CONVERTERS[oldest]
        _CONVERTERS[key] = made
    return made
