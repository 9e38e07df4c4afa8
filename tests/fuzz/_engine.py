"""The fuzzing engine shared by the pytest fuzz suite and the atheris harnesses in ``fuzz/``.

Every *entrance* of govmodel (a function that takes what a user typed or a file a user
gave) is described by an :class:`Entrance`: how to call it, a small corpus of valid inputs
to start from, and structured mutations of those inputs. :func:`check` calls an entrance on
one input and enforces the contract every entrance obeys:

* it returns a valid result (for importers: a :class:`~govmodel.Structure` that validates
  and survives ``loads(dumps(s)) == s``; for the command line: an exit code 0, 1 or 2), or
* it raises a :class:`~govmodel.GovModelError` subclass with a readable message (for a
  :class:`~govmodel.SpecError`: at least one problem, each with a kebab-case code and a path),

and nothing else: no other exception, no hang (a per-case alarm), no crash of the process.

Inputs are kept as *payloads* that serialize to bytes (:meth:`Entrance.encode` and
:meth:`Entrance.decode`), so that any failing input can be saved under
``tests/fuzz/regressions/`` and replayed.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import math
import os
import random
import re
import signal
import tempfile
import traceback
import warnings
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import networkx as nx

import govmodel
from govmodel import GovModelError, SpecError, Structure
from govmodel.io import graphfiles, native, popolo

__all__ = [
    "ENTRANCES",
    "Entrance",
    "Failure",
    "Hang",
    "check",
    "signature",
]

REGRESSIONS = Path(__file__).parent / "regressions"

# --------------------------------------------------------------------------------------------
# the contract
# --------------------------------------------------------------------------------------------


class Hang(BaseException):
    """Raised by the per-case alarm: the entrance ran longer than its time budget."""


class Failure(AssertionError):
    """The entrance broke its contract on one input; ``signature`` identifies the problem."""

    def __init__(self, entrance: str, message: str, signature: str) -> None:
        super().__init__(f"[{entrance}] {message}")
        self.entrance = entrance
        self.signature = signature


_CODE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


def signature(exc: BaseException) -> str:
    """A short key that groups failures by cause: the type and the innermost govmodel frame."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = "?"
    for fr in reversed(frames):
        if "/govmodel/" in fr.filename.replace(os.sep, "/") and "/tests/" not in fr.filename:
            where = f"{Path(fr.filename).name}:{fr.name}"
            break
    else:
        if frames:
            fr = frames[-1]
            where = f"{Path(fr.filename).name}:{fr.name}"
    return f"{type(exc).__name__}@{where}"


@contextlib.contextmanager
def alarm(seconds: float) -> Iterator[None]:
    """Raise :class:`Hang` if the block runs longer than ``seconds`` (main thread only)."""
    if seconds <= 0 or not hasattr(signal, "setitimer"):
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise Hang(f"still running after {seconds} s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _check_error(name: str, exc: GovModelError) -> None:
    message = str(exc)
    if not message.strip():
        raise Failure(name, f"{type(exc).__name__} with an empty message", "empty-message")
    if "Traceback (most recent call last)" in message:
        raise Failure(name, "the message holds a traceback", "traceback-in-message")
    if isinstance(exc, SpecError):
        if not exc.problems:
            raise Failure(name, "a SpecError without problems", "no-problems")
        for p in exc.problems:
            if not _CODE.match(p.code):
                raise Failure(name, f"problem code {p.code!r} is not kebab-case", "bad-code")
            if not p.path or not p.message:
                raise Failure(name, f"problem without a path or message: {p!r}", "bad-problem")


def _problem_key(exc: BaseException) -> str:
    """Problems of one cause share a key: their codes (and, for wrong types, the field)."""
    if isinstance(exc, SpecError):
        keys = set()
        for p in exc.problems:
            field = re.split(r"[.\[]", p.path)[-1].strip("]'")
            keys.add(f"{p.code}@{field}" if p.code == "wrong-type" else p.code)
        return ",".join(sorted(keys)[:3])
    return type(exc).__name__


def _check_structure(name: str, s: object, *, validated: bool) -> None:
    if not isinstance(s, Structure):
        raise Failure(name, f"returned {type(s).__name__}, not a Structure", "wrong-result")
    try:
        if validated:
            govmodel.validate(s)
        text = govmodel.dumps(s)
        text.encode("utf-8")  # what dump() writes to a file
        back = govmodel.loads(text, validate=validated)
    except Exception as exc:
        raise Failure(
            name,
            f"an accepted structure does not survive validate/dumps/loads: "
            f"{type(exc).__name__}: {str(exc)[:500]}",
            "accepted-but:" + _problem_key(exc),
        ) from exc
    if back != s:
        raise Failure(name, "an accepted structure changes through dumps/loads", "round-trip")


def check(entrance: Entrance, payload: Any, *, timeout: float = 10.0) -> str:
    """Run ``entrance`` on ``payload`` and enforce the contract; returns ``"ok"`` or ``"error"``.

    Raises
    ------
    Failure
        When the contract is broken (another exception, a hang, an invalid result).
    """
    name = entrance.name
    try:
        with alarm(timeout), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = entrance.run(payload)
    except Hang as exc:
        raise Failure(name, f"hang: {exc}", "hang") from exc
    except GovModelError as exc:
        _check_error(name, exc)
        return "error"
    except RecursionError as exc:
        raise Failure(name, "RecursionError escaped", signature(exc)) from exc
    except MemoryError as exc:
        raise Failure(name, "MemoryError escaped", signature(exc)) from exc
    except Exception as exc:
        if entrance.allows(exc):
            return "error"
        detail = f"{type(exc).__name__}: {str(exc)[:300]}"
        raise Failure(name, f"escaped {detail}", signature(exc)) from exc
    entrance.accept(name, result)
    return "ok"


# --------------------------------------------------------------------------------------------
# interesting values
# --------------------------------------------------------------------------------------------

_STRINGS = [
    "",
    " ",
    "社区",
    "小区党支部",
    "\u0000",
    "\x7f",
    "\ud800",
    "\udfff",
    "\ufeff",
    "\u202e",
    "e\u0301",
    "😀",
    "\r\n",
    "]]>",
    "<!--",
    "&amp;",
    "&lol;",
    "%s%n",
    "../../etc/passwd",
    "os:system",
    "os.system",
    "__import__('os')",
    "!!python/object/apply:os.system",
    "$.units[0]",
    "null",
    "NaN",
    "Infinity",
    "-0",
    "1e999",
    "2021-13-45",
    "2021/2020",
    "0/0",
    "1/0",
    "2/3",
    "community",
    "compound",
    "building",
    "party_branch",
    "secretary",
    "contains",
    "unit",
    "organization",
    "person",
    "decision",
    "observation",
    "post",
    "tie",
    "vote",
]
_NUMBERS: list[Any] = [
    0,
    -1,
    1,
    2**31,
    2**53 + 1,
    2**63,
    -(2**64) - 1,
    10**40,
    0.5,
    -0.0,
    1e308,
    -1e308,
    5e-324,
    math.nan,
    math.inf,
    -math.inf,
]


def random_scalar(rng: random.Random) -> Any:
    r = rng.random()
    if r < 0.1:
        return None
    if r < 0.2:
        return rng.random() < 0.5
    if r < 0.45:
        return rng.choice(_NUMBERS)
    if r < 0.55:
        return rng.randint(-(10**6), 10**6)
    if r < 0.9:
        return rng.choice(_STRINGS)
    return "".join(chr(rng.randint(1, 0x2FFFF)) for _ in range(rng.randint(1, 12)))


def random_value(rng: random.Random, depth: int = 0) -> Any:
    r = rng.random()
    if depth > 2 or r < 0.7:
        return random_scalar(rng)
    if r < 0.8:
        return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if r < 0.9:
        return {
            str(random_scalar(rng)): random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))
        }
    if r < 0.95:
        return "x" * rng.choice([100_001, 200_000, 1_000])
    deep: Any = []
    for _ in range(rng.choice([40, 120, 300])):
        deep = [deep]
    return deep


# --------------------------------------------------------------------------------------------
# mutations of JSON-like data
# --------------------------------------------------------------------------------------------


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            out.extend(_paths(v, (*prefix, k)))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.extend(_paths(v, (*prefix, i)))
    return out


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for p in path:
        data = data[p]
    return data


def _ids(data: Any) -> list[str]:
    out: list[str] = []

    def walk(x: Any) -> None:
        if isinstance(x, dict):
            for k, v in x.items():
                if k in (
                    "id",
                    "parent",
                    "unit",
                    "person",
                    "organization",
                    "source",
                    "target",
                    "subject",
                    "body",
                    "person_id",
                    "organization_id",
                    "parent_id",
                    "area_id",
                ) and isinstance(v, str):
                    out.append(v)
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(data)
    return out or ["x"]


def mutate_data(rng: random.Random, data: Any, rounds: int | None = None) -> Any:
    """Structured mutations of parsed JSON: delete keys, swap types, inject values, …"""
    data = copy.deepcopy(data)
    for _ in range(rounds if rounds is not None else rng.choice([1, 1, 2, 3, 5])):
        paths = _paths(data)
        path = rng.choice(paths)
        if not path:
            if rng.random() < 0.1:
                data = random_value(rng)
            continue
        parent = _get(data, path[:-1])
        key = path[-1]
        op = rng.randrange(11)
        if op == 0:  # delete
            del parent[key]
        elif op == 1:  # swap the type
            parent[key] = random_value(rng)
        elif op == 2:  # a reference to another entity (cycles, wrong kinds, self)
            parent[key] = rng.choice(_ids(data))
        elif op == 3 and isinstance(parent, list):  # duplicate an item
            parent.insert(key, copy.deepcopy(parent[key]))
        elif op == 4 and isinstance(parent, dict):  # an extra key
            parent[rng.choice([*_STRINGS[:20], "id", "kind", "parent", "attributes", "x"])] = (
                random_value(rng)
            )
        elif op == 5 and isinstance(parent, dict):  # rename a key
            value = parent.pop(key)
            parent[rng.choice(["id", "kind", "name", "nmae", "Kind", "attributes", "中文", ""])] = (
                value
            )
        elif op == 6:  # wrap in a list or an object
            parent[key] = [parent[key]] if rng.random() < 0.5 else {"value": parent[key]}
        elif op == 7:  # a huge number or string
            parent[key] = rng.choice(
                [10 ** rng.randint(20, 400), -(10**300), 1e308 * 10, "9" * 5000, "x" * 100_001]
            )
        elif op == 8:  # copy another subtree here
            other = _get(data, rng.choice(paths))
            if other is not parent:
                parent[key] = copy.deepcopy(other)
        elif op == 9:  # unicode in a string
            v = parent[key]
            if isinstance(v, str):
                i = rng.randint(0, len(v))
                parent[key] = v[:i] + rng.choice(_STRINGS) + v[i:]
            else:
                parent[key] = rng.choice(_STRINGS)
        elif op == 10:  # empty it
            v = parent[key]
            parent[key] = type(v)() if isinstance(v, list | dict | str) else None
    return data


# --------------------------------------------------------------------------------------------
# mutations of bytes
# --------------------------------------------------------------------------------------------

_TOKENS = {
    "json": [
        b"{",
        b"}",
        b"[",
        b"]",
        b'"',
        b":",
        b",",
        b"null",
        b"true",
        b"NaN",
        b"-Infinity",
        b"1e999",
        b"\\ud800",
        b"\\u0000",
        b'"format_version": 1',
        b'"id": "x"',
        b'"units": []',
        b"9" * 400,
        b"[" * 3000,
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\x00",
    ],
    "yaml": [
        b"&a ",
        b"*a",
        b"<<: *a\n",
        b"!!python/object/apply:os.system ['true']",
        b"!!binary |",
        b"!!set",
        b"? ",
        b"- ",
        b": ",
        b"\n  ",
        b"---\n",
        b"...\n",
        b"%YAML 1.1\n",
        b"%TAG ! x\n",
        b"!!float .nan",
        b".inf",
        b"0x1F",
        b"1_000",
        b"2021-06-30",
        b"yes",
        b"~",
        b"|\n",
        b">\n",
        b"\t",
        b"[" * 3000,
        b"{",
        b"'",
        b'"',
        b"\\",
        b"\x85",
        b"\xef\xbb\xbf",
    ],
    "xml": [
        b"<",
        b">",
        b"/>",
        b"</node>",
        b'<node id="x"/>',
        b'<edge source="a" target="b"/>',
        b"<![CDATA[",
        b"]]>",
        b"<!--",
        b"-->",
        b"&amp;",
        b"&#0;",
        b"&#xD800;",
        b"&lol;",
        b'<!DOCTYPE x [<!ENTITY lol "lol">]>',
        b"<?xml version='1.0'?>",
        b'<data key="d0">',
        b"</data>",
        b' attr.type="long"',
        b' attr.type="boolean"',
        b' attr.type="double"',
        b' for="edge"',
        b' xmlns="http://www.gexf.net/1.3"',
        b' edgedefault="undirected"',
        b' defaultedgetype="undirected"',
        b"NaN",
        b"INF",
        b"99999999999999999999999",
        b"\xc3\x28",
        b"\x00",
    ],
}


def mutate_bytes(rng: random.Random, data: bytes, tokens: list[bytes], other: bytes = b"") -> bytes:
    buf = bytearray(data)
    for _ in range(rng.choice([1, 1, 2, 3, 4, 8])):
        n = len(buf)
        op = rng.randrange(9)
        i = rng.randint(0, n)
        if op == 0 and n:  # flip a bit
            j = rng.randrange(n)
            buf[j] ^= 1 << rng.randrange(8)
        elif op == 1:  # a random byte
            buf[i:i] = bytes([rng.randrange(256)])
        elif op == 2 and n:  # delete a span
            buf[i : i + rng.randint(1, 64)] = b""
        elif op == 3 and n:  # duplicate a span (duplicate keys, repeated elements)
            j = rng.randint(i, min(n, i + 200))
            buf[j:j] = buf[i:j]
        elif op == 4:  # truncate
            del buf[i:]
        elif op == 5:  # a token
            buf[i:i] = rng.choice(tokens)
        elif op == 6 and other:  # splice another input
            k = rng.randint(0, len(other))
            buf[i:] = other[k:]
        elif op == 7 and n:  # replace a digit run with a huge number
            m = re.search(rb"\d+", bytes(buf[i:]))
            if m:
                a, b = i + m.start(), i + m.end()
                buf[a:b] = rng.choice([b"9" * 30, b"-0", b"1e400", b"NaN", b"0.0"])
        elif op == 8 and n:  # swap two bytes
            j, k = rng.randrange(n), rng.randrange(n)
            buf[j], buf[k] = buf[k], buf[j]
    return bytes(buf)


def mutate_xml(rng: random.Random, data: bytes) -> bytes:
    """Tree mutations of a (trusted, seed) XML document: elements, attributes, text."""
    root = ET.fromstring(data)
    elems = list(root.iter())
    for _ in range(rng.choice([1, 2, 3])):
        el = rng.choice(elems)
        op = rng.randrange(7)
        if op == 0:  # change an attribute's value
            if el.attrib:
                k = rng.choice(sorted(el.attrib))
                el.attrib[k] = _xml_text(random_scalar(rng))
        elif op == 1:  # delete an attribute
            if el.attrib:
                del el.attrib[rng.choice(sorted(el.attrib))]
        elif op == 2:  # change the text
            el.text = _xml_text(random_scalar(rng))
        elif op == 3:  # delete a child
            kids = list(el)
            if kids:
                el.remove(rng.choice(kids))
        elif op == 4:  # duplicate a child
            kids = list(el)
            if kids:
                el.append(copy.deepcopy(rng.choice(kids)))
        elif op == 5:  # move an element elsewhere
            other = rng.choice(elems)
            if other is not root and other is not el and other not in list(other.iter())[1:]:
                with contextlib.suppress(ValueError, RecursionError):
                    el.append(copy.deepcopy(other))
        elif op == 6:  # an attribute from another element
            donor = rng.choice(elems)
            if donor.attrib:
                k = rng.choice(sorted(donor.attrib))
                el.attrib[k] = donor.attrib[k]
    return ET.tostring(root, encoding="utf-8")


def _xml_text(value: Any) -> str:
    s = str(value)
    # ElementTree cannot write what XML forbids; keep the mutation writable
    return "".join(
        c
        for c in s
        if c in "\t\n\r" or (" " <= c < "\ud800") or ("\ue000" <= c <= "\ufffd") or c > "\uffff"
    )


# --------------------------------------------------------------------------------------------
# the corpus: small valid structures
# --------------------------------------------------------------------------------------------


@cache
def corpus_structures() -> tuple[Structure, ...]:
    """Small valid structures using every field, drawn once with a fixed seed."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    from govmodel.testing import strategies as gst

    found: list[Structure] = []

    @settings(
        max_examples=40,
        database=None,
        derandomize=True,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        deadline=None,
    )
    @given(
        gst.structures(
            max_units=6,
            max_organizations=5,
            max_people=5,
            max_posts=6,
            max_ties=4,
            max_observations=4,
            max_decisions=2,
        )
    )
    def draw(s: Structure) -> None:
        found.append(s)

    draw()
    _ = st  # keep the import for the type checker
    from tests.io import full_structure

    big = [s for s in found if len(native.dumps(s)) > 600]
    return (full_structure(), govmodel.Structure(), *big[:12])


def _doc(s: Structure) -> dict[str, Any]:
    return native.to_data(s)


# --------------------------------------------------------------------------------------------
# entrances
# --------------------------------------------------------------------------------------------


def _accept_structure(validated: bool) -> Callable[[str, object], None]:
    def accept(name: str, result: object) -> None:
        _check_structure(name, result, validated=validated)

    return accept


class Entrance:
    """One way in: how to call it, its seeds, how to mutate and to store its inputs."""

    def __init__(
        self,
        name: str,
        run: Callable[[Any], Any],
        seeds: Callable[[], list[Any]],
        mutate: Callable[[random.Random, Any, list[Any]], Any],
        *,
        encode: Callable[[Any], bytes] = lambda p: p,
        decode: Callable[[bytes], Any] = lambda b: b,
        accept: Callable[[str, object], None] | None = None,
        suffix: str = ".bin",
        from_bytes: Callable[[bytes], Any] | None = None,
        allows: Callable[[Exception], bool] | None = None,
    ) -> None:
        self.name = name
        self.run = run
        self._seeds = seeds
        self._mutate = mutate
        self.encode = encode
        self.decode = decode
        self.accept = accept or _accept_structure(True)
        self.suffix = suffix
        #: how an atheris harness turns raw fuzzer bytes into a payload
        self.from_bytes = from_bytes or decode
        #: documented exceptions other than GovModelError this entrance may raise
        self.allows = allows or (lambda exc: False)

    @property
    def seeds(self) -> list[Any]:
        return _seeds_cached(self.name, self._seeds)

    def mutate(self, rng: random.Random, payload: Any | None = None) -> Any:
        seeds = self.seeds
        base = payload if payload is not None else rng.choice(seeds)
        return self._mutate(rng, base, seeds)

    def __repr__(self) -> str:
        return f"Entrance({self.name!r})"


_SEED_CACHE: dict[str, list[Any]] = {}


def _seeds_cached(name: str, make: Callable[[], list[Any]]) -> list[Any]:
    if name not in _SEED_CACHE:
        _SEED_CACHE[name] = make()
    return _SEED_CACHE[name]


def _text_mutator(
    kind: str, serialize: Callable[[Any], bytes], parse: Callable[[bytes], Any] | None
) -> Callable[[random.Random, bytes, list[bytes]], bytes]:
    tokens = _TOKENS[kind]

    def mutate(rng: random.Random, base: bytes, seeds: list[bytes]) -> bytes:
        r = rng.random()
        if r < 0.03:
            return rng.randbytes(rng.randint(0, 300))
        if r < 0.5 and parse is not None:
            try:
                data = parse(base)
            except Exception:
                data = None
            if data is not None:
                try:
                    out = serialize(mutate_data(rng, data))
                except RecursionError:
                    out = base
                if rng.random() < 0.2:
                    out = mutate_bytes(rng, out, tokens)
                return out
        return mutate_bytes(rng, base, tokens, rng.choice(seeds))

    return mutate


def _json_bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, allow_nan=True).encode("utf-8", "surrogatepass")


def _json_parse(b: bytes) -> Any:
    return json.loads(b.decode("utf-8"))


def _yaml_bytes(data: Any) -> bytes:
    import yaml

    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode(
            "utf-8", "surrogatepass"
        )
    except yaml.YAMLError:
        return _json_bytes(data)  # JSON is YAML


def _yaml_parse(b: bytes) -> Any:
    import yaml

    return yaml.safe_load(b)


def _xml_mutator(kind: str) -> Callable[[random.Random, bytes, list[bytes]], bytes]:
    tokens = _TOKENS["xml"]

    def mutate(rng: random.Random, base: bytes, seeds: list[bytes]) -> bytes:
        r = rng.random()
        if r < 0.03:
            return rng.randbytes(rng.randint(0, 300))
        if r < 0.6:
            try:
                out = mutate_xml(rng, base)
            except ET.ParseError:
                out = base
            if rng.random() < 0.15:
                out = mutate_bytes(rng, out, tokens)
            return out
        return mutate_bytes(rng, base, tokens, rng.choice(seeds))

    return mutate


# -- payload encodings for the data and graph entrances ---------------------------------------


def _tag(x: Any) -> Any:
    if isinstance(x, float) and not math.isfinite(x):
        return {"$float": repr(x)}
    if isinstance(x, tuple):
        return {"$tuple": [_tag(v) for v in x]}
    if isinstance(x, list):
        return [_tag(v) for v in x]
    if isinstance(x, dict):
        if all(isinstance(k, str) for k in x):
            return {k: _tag(v) for k, v in x.items()}
        return {"$dict": [[_tag(k), _tag(v)] for k, v in x.items()]}
    if x is None or isinstance(x, str):
        return x  # lone surrogates travel as \ud800 escapes (ensure_ascii)
    if x is None or isinstance(x, bool | int | float):
        return x
    return {"$repr": repr(x)}


def _untag(x: Any) -> Any:
    if isinstance(x, list):
        return [_untag(v) for v in x]
    if isinstance(x, dict):
        if set(x) == {"$float"}:
            return float(x["$float"])
        if set(x) == {"$tuple"}:
            return tuple(_untag(v) for v in x["$tuple"])
        if set(x) == {"$dict"}:
            return {_untag(k): _untag(v) for k, v in x["$dict"]}
        if set(x) == {"$repr"}:
            return x["$repr"]
        return {k: _untag(v) for k, v in x.items()}
    return x


def _encode_data(payload: Any) -> bytes:
    # Surrogates travel as \\ud800 escapes: JSON keeps them, UTF-8 files cannot.
    return json.dumps(payload, ensure_ascii=True, allow_nan=True).encode("ascii")


def _decode_data(b: bytes) -> Any:
    return json.loads(b.decode("utf-8", "replace"))


def _data_from_bytes(b: bytes) -> Any:
    try:
        return _decode_data(b)
    except ValueError:
        return b.decode("utf-8", "replace")


# -- from_data ---------------------------------------------------------------------------------


def _data_seeds() -> list[Any]:
    return [_doc(s) for s in corpus_structures()]


def _run_from_data(data: Any) -> Structure:
    return native.from_data(data)


# -- assess: every model on every structure the loaders accept ---------------------------------


@cache
def _model_names() -> tuple[str, ...]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return govmodel.models.names()


def _assess_seeds() -> list[Any]:
    out = _data_seeds()
    for name in govmodel.datasets.names():
        out.append(_doc(govmodel.datasets.load(name)))
    return out


def _run_assess(data: Any) -> Structure:
    s = native.from_data(data)
    for model in _model_names():
        a = govmodel.assess(s, model)
        a.to_json()
        a.to_markdown()
        a.to_text()
        a.to_html()
    return s


# -- JSON / YAML ------------------------------------------------------------------------------


def _json_seeds() -> list[bytes]:
    return [native.dumps(s).encode("utf-8") for s in corpus_structures()]


def _yaml_seeds() -> list[bytes]:
    return [native.dumps(s, format="yaml").encode("utf-8") for s in corpus_structures()]


# -- Popolo -----------------------------------------------------------------------------------


def _popolo_seeds() -> list[bytes]:
    out = [_json_bytes(popolo.to_popolo(s)) for s in corpus_structures()]
    # plain Popolo, without govmodel's extension
    for s in corpus_structures()[:4]:
        doc = popolo.to_popolo(s)
        doc.pop("govmodel", None)
        out.append(_json_bytes(doc))
    out.append(
        _json_bytes(
            {
                "persons": [{"id": "li", "name": "Li Ming", "email": "li@example.org"}],
                "organizations": [{"id": "pb", "classification": "compound party branch"}],
                "memberships": [
                    {
                        "id": "m1",
                        "person_id": "li",
                        "organization_id": "pb",
                        "role": "书记",
                        "start_date": "2020-01-01T00:00:00Z",
                    }
                ],
                "areas": [
                    {
                        "id": "c1",
                        "name": "Qingshan",
                        "classification": "社区",
                        "children": [{"id": "x1", "classification": "compound"}],
                    }
                ],
                "motions": [
                    {
                        "id": "mo",
                        "organization_id": "pb",
                        "text": "fix the roof",
                        "requirement": "two-thirds of members",
                        "result": "pass",
                    }
                ],
                "vote_events": [
                    {
                        "id": "ve",
                        "motion_id": "mo",
                        "counts": [{"option": "yes", "value": 3}],
                        "votes": [{"voter_id": "li", "option": "yes"}],
                    }
                ],
            }
        )
    )
    return out


def _run_popolo(data: bytes) -> Structure:
    return popolo.import_popolo(data, report=[])


def _run_popolo_object(payload: Any) -> Structure:
    kinds = [
        None,
        "person",
        "organization",
        "membership",
        "post",
        "area",
        "motion",
        "vote_event",
        "vote",
        "count",
        "event",
        "speech",
        "contact_detail",
    ]
    if isinstance(payload, dict) and "$kind" in payload:
        kind = payload["$kind"] if payload["$kind"] in kinds else None
        doc = payload.get("doc")
    else:
        kind, doc = None, payload
    return popolo.from_popolo(doc, kind=kind, report=[])


def _popolo_object_seeds() -> list[Any]:
    out: list[Any] = []
    for b in _popolo_seeds():
        doc = _json_parse(b)
        out.append({"$kind": None, "doc": doc})
        for key, kind in (
            ("persons", "person"),
            ("organizations", "organization"),
            ("memberships", "membership"),
            ("areas", "area"),
            ("motions", "motion"),
            ("vote_events", "vote_event"),
        ):
            for item in doc.get(key, [])[:1]:
                out.append({"$kind": kind if len(out) % 2 else None, "doc": item})
    return out


# -- graph files ------------------------------------------------------------------------------


def _graphml_seeds() -> list[bytes]:
    return [graphfiles.export_graphml(s) for s in corpus_structures()]


def _gexf_seeds() -> list[bytes]:
    return [graphfiles.export_gexf(s) for s in corpus_structures()]


def _node_link_seeds() -> list[bytes]:
    return [
        graphfiles.export_node_link(s, indent=None).encode("utf-8") for s in corpus_structures()
    ]


# -- from_graph -------------------------------------------------------------------------------


def _graph_to_payload(G: nx.Graph) -> dict[str, Any]:
    return {
        "directed": G.is_directed(),
        "multigraph": G.is_multigraph(),
        "graph": dict(G.graph),
        "nodes": [[n, dict(d)] for n, d in G.nodes(data=True)],
        "edges": [[u, v, k, dict(d)] for u, v, k, d in G.edges(keys=True, data=True)]
        if G.is_multigraph()
        else [[u, v, None, dict(d)] for u, v, d in G.edges(data=True)],
    }


def _payload_to_graph(p: dict[str, Any]) -> nx.Graph:
    cls = {
        (True, True): nx.MultiDiGraph,
        (True, False): nx.DiGraph,
        (False, True): nx.MultiGraph,
        (False, False): nx.Graph,
    }[(bool(p.get("directed")), bool(p.get("multigraph")))]
    G = cls()
    G.graph.update(p.get("graph") or {})
    for n, d in p.get("nodes", []):
        G.add_node(_hashable(n), **(d if isinstance(d, dict) else {}))
    for u, v, k, d in p.get("edges", []):
        attrs_ = d if isinstance(d, dict) else {}
        if G.is_multigraph():
            G.add_edge(_hashable(u), _hashable(v), key=_hashable(k), **attrs_)
        else:
            G.add_edge(_hashable(u), _hashable(v), **attrs_)
    return G


def _hashable(x: Any) -> Any:
    if isinstance(x, list):
        return tuple(_hashable(v) for v in x)
    if isinstance(x, dict):
        return tuple(sorted(((str(k), _hashable(v)) for k, v in x.items()), key=repr))
    return x


def _graph_seeds() -> list[Any]:
    out = [_graph_to_payload(govmodel.to_graph(s)) for s in corpus_structures()]
    di = _graph_to_payload(nx.DiGraph(govmodel.to_graph(corpus_structures()[0])))
    out.append(di)
    return out


def _mutate_graph(rng: random.Random, base: Any, seeds: list[Any]) -> Any:
    p = copy.deepcopy(base)
    for _ in range(rng.choice([1, 2, 3, 5])):
        op = rng.randrange(10)
        nodes, edges = p["nodes"], p["edges"]
        ids = [n for n, _ in nodes] or ["x"]
        if op == 0 and nodes:  # an attribute of a node
            _, d = rng.choice(nodes)
            key = rng.choice(
                [
                    *(d or {"entity": 0}),
                    "entity",
                    "kind",
                    "parent",
                    "name",
                    "value",
                    "indicator",
                    "rule_threshold",
                    "heads_yes",
                    "identifiers",
                    "attr:x",
                    "level",
                    "period",
                ]
            )
            d[key] = random_value(rng)
        elif op == 1 and nodes:  # delete a node attribute
            _, d = rng.choice(nodes)
            if d:
                del d[rng.choice(sorted(d))]
        elif op == 2 and edges:  # an attribute of an edge
            d = rng.choice(edges)[3]
            key = rng.choice(
                [
                    *(d or {"relation": 0}),
                    "relation",
                    "role",
                    "seq",
                    "start",
                    "choice",
                    "area",
                    "id",
                    "tie",
                    "key",
                ]
            )
            d[key] = random_value(rng)
        elif op == 3 and edges:  # delete an edge or one of its attributes
            e = rng.choice(edges)
            if e[3] and rng.random() < 0.5:
                del e[3][rng.choice(sorted(e[3]))]
            else:
                edges.remove(e)
        elif op == 4:  # a new edge
            edges.append(
                [
                    rng.choice(ids),
                    rng.choice(ids),
                    random_scalar(rng),
                    {
                        "relation": rng.choice(
                            [
                                "contains",
                                "located_in",
                                "leads",
                                "post",
                                "observes",
                                "decides",
                                "vote",
                                "serves",
                                random_scalar(rng),
                            ]
                        )
                    },
                ]
            )
        elif op == 5:  # a new node with an odd id
            nodes.append(
                [
                    rng.choice([random_scalar(rng), ["t", 1], 7, 2.5, True]),
                    {
                        "entity": rng.choice(
                            [
                                "unit",
                                "organization",
                                "person",
                                "observation",
                                "decision",
                                random_scalar(rng),
                            ]
                        )
                    },
                ]
            )
        elif op == 6:  # graph attributes
            key = rng.choice(["metadata", "vocabulary", "format_version", "name", "x"])
            value = random_value(rng)
            if key in ("metadata", "vocabulary") and rng.random() < 0.5:
                value = json.dumps(
                    mutate_data(
                        rng,
                        {"name": "n", "model": ["council"]}
                        if key == "metadata"
                        else [
                            {
                                "category": "unit_kinds",
                                "name": "zz",
                                "en": "zz",
                                "zh": "zz",
                                "rank": 6,
                            }
                        ],
                    ),
                    allow_nan=True,
                )
            p["graph"][key] = value
        elif op == 7 and nodes:  # delete a node and its edges
            n, _ = nodes.pop(rng.randrange(len(nodes)))
            p["edges"] = [e for e in edges if e[0] != n and e[1] != n]
        elif op == 8:  # another graph class
            p["directed"] = rng.random() < 0.8
            p["multigraph"] = rng.random() < 0.6
            if not p["multigraph"]:
                for e in p["edges"]:
                    e[2] = None
        elif op == 9 and nodes:  # set an attribute to a non-scalar Python object
            _, d = rng.choice(nodes)
            d[rng.choice(["name", "kind", "households", "value"])] = rng.choice(
                [[1, 2], {"a": 1}, ("t",), b"bytes", None, math.nan, 10**400 if False else 10**30]
            )
    return p


def _run_from_graph(p: Any) -> Structure:
    G = _payload_to_graph(p)
    s = govmodel.from_graph(G)
    govmodel.validate(s)
    return s


def _encode_graph(p: Any) -> bytes:
    return _encode_data(_tag(p))


def _decode_graph(b: bytes) -> Any:
    return _untag(_decode_data(b))


def _graph_from_bytes(b: bytes) -> Any:
    try:
        p = _decode_graph(b)
        if isinstance(p, dict) and isinstance(p.get("nodes"), list):
            return p
    except ValueError:
        pass
    return {
        "directed": True,
        "multigraph": True,
        "graph": {},
        "nodes": [[b.decode("latin-1"), {}]],
        "edges": [],
    }


def _run_from_graph_safe(p: Any) -> Structure:
    try:
        G = _payload_to_graph(p)
    except (TypeError, ValueError, KeyError, nx.NetworkXError):
        raise SpecError([govmodel.Problem("fuzz-unbuildable", "$", "not a graph")]) from None
    s = govmodel.from_graph(G)
    govmodel.validate(s)
    return s


# -- identifiers -----------------------------------------------------------------------------


def _run_division_code(payload: bytes) -> Any:
    from govmodel.identifiers import parse_division_code

    text = payload.decode("utf-8", "replace")
    allow = text.startswith("~")
    return parse_division_code(text.lstrip("~"), allow_prefix=allow)


def _accept_division(name: str, result: object) -> None:
    from govmodel.identifiers import DivisionCode

    if not isinstance(result, DivisionCode):
        raise Failure(name, f"returned {type(result).__name__}", "wrong-result")
    code = result.code
    if len(code) != 12 or not (code.isascii() and code.isdigit()):
        raise Failure(name, f"accepted a division code {code!r} that is not 12 digits", "bad-code")


def _division_seeds() -> list[bytes]:
    return [b"430304001001", b"430304001000", b"~4303", b"~430304", b"110000000000", b"~43"]


def _mutate_division(rng: random.Random, base: bytes, seeds: list[bytes]) -> bytes:
    return mutate_bytes(
        rng, base, [b"0", b"9", b"\xef\xbc\x91", b"\xd9\xa3", b" ", b"~", b"-", b"\n"]
    )


# -- the command line ---------------------------------------------------------------------------

_COMMANDS = [
    "validate",
    "datasets",
    "models",
    "report",
    "compare",
    "demo",
    "export",
    "import",
    "help",
    "",
    "-h",
]
_OPTIONS = [
    "--dataset",
    "--strict",
    "--model",
    "--models",
    "--format",
    "--lang",
    "--as-of",
    "--output",
    "--to",
    "--from",
    "--version",
    "--bogus",
    "-x",
    "--",
    "-",
]
_VALUES = [
    "xihu",
    "chengdu",
    "jinfeng",
    "changsha",
    "yuetang",
    "../xihu",
    "nope",
    "",
    "text",
    "markdown",
    "json",
    "html",
    "pdf",
    "en",
    "zh",
    "fr",
    "2021",
    "2021-06-30",
    "2021-13-40",
    "tomorrow",
    "council",
    "os:system",
    "os.path",
    "tripartite,grid",
    ",,,",
    "\x00",
    "社区",
    "graphml",
    "gexf",
    "node-link",
    "popolo",
    "org-jsonld",
    "cytoscape",
    "{FILE}",
    "{FILE}",
    "{DIR}",
    "{MISSING}",
    "{OUT}",
    "{OUTDIR}",
]


def _cli_seeds() -> list[Any]:
    doc = native.dumps(corpus_structures()[0])
    return [
        {"argv": ["validate", "{FILE}"], "file": doc, "suffix": ".json"},
        {
            "argv": ["validate", "--strict", "{FILE}", "--dataset", "xihu"],
            "file": doc,
            "suffix": ".json",
        },
        {
            "argv": ["report", "{FILE}", "--model", "council", "--format", "json"],
            "file": doc,
            "suffix": ".json",
        },
        {
            "argv": ["compare", "--dataset", "chengdu", "--models", "council"],
            "file": "",
            "suffix": ".json",
        },
        {
            "argv": ["report", "--dataset", "yuetang", "--output", "{OUT}"],
            "file": "",
            "suffix": ".yaml",
        },
        {"argv": ["datasets"], "file": "", "suffix": ".json"},
        {"argv": ["models", "--lang", "zh"], "file": "", "suffix": ".json"},
    ]


def _mutate_cli(rng: random.Random, base: Any, seeds: list[Any]) -> Any:
    p = copy.deepcopy(base)
    argv: list[str] = p["argv"]
    for _ in range(rng.choice([1, 1, 2, 3])):
        op = rng.randrange(7)
        i = rng.randint(0, len(argv))
        if op == 0:
            argv.insert(i, rng.choice(_OPTIONS))
        elif op == 1:
            argv.insert(i, rng.choice(_VALUES))
        elif op == 2 and argv:
            del argv[rng.randrange(len(argv))]
        elif op == 3:
            argv[:1] = [rng.choice(_COMMANDS)]
        elif op == 4:
            argv.insert(i, str(random_scalar(rng)))
        elif op == 5:  # the file's content
            text = p["file"].encode("utf-8", "surrogatepass")
            p["file"] = mutate_bytes(rng, text, _TOKENS["json"]).decode("utf-8", "replace")
        elif op == 6:
            p["suffix"] = rng.choice([".json", ".yaml", ".yml", ".txt", ""])
    return p


class _CliError(GovModelError):
    """The command line broke its contract: a traceback or an exit code outside 0, 1, 2."""


def _run_cli(p: Any) -> int:
    from govmodel.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        f = folder / f"input{p.get('suffix', '.json')}"
        f.write_text(str(p.get("file", "")), encoding="utf-8", errors="surrogatepass")
        subs = {
            "{FILE}": str(f),
            "{DIR}": str(folder),
            "{MISSING}": str(folder / "missing.json"),
            "{OUT}": str(folder / "out.txt"),
            "{OUTDIR}": str(folder / "no" / "such" / "dir" / "out.txt"),
        }
        argv = [subs.get(a, a) for a in p.get("argv", [])]
        stdout, stderr = io.StringIO(), io.StringIO()
        # relative --output paths land in the temporary folder, never in the repository
        with (
            contextlib.chdir(folder),
            contextlib.redirect_stderr(stderr),
            contextlib.redirect_stdout(stdout),
        ):
            try:
                code = main(argv, stdout=stdout)
            except SystemExit as exc:  # argparse's --help and --version
                if exc.code not in (0, None) or not ({"-h", "--help", "--version"} & set(argv)):
                    raise
                code = 0
        if code not in (0, 1, 2):
            raise AssertionError(f"exit code {code!r}")
        if "Traceback" in stderr.getvalue():
            raise AssertionError("a traceback on stderr")
        return code


def _accept_cli(name: str, result: object) -> None:
    if result not in (0, 1, 2):
        raise Failure(name, f"exit code {result!r}", "exit-code")


def _encode_cli(p: Any) -> bytes:
    return _encode_data(p)


def _cli_from_bytes(b: bytes) -> Any:
    try:
        p = _decode_data(b)
        if isinstance(p, dict) and isinstance(p.get("argv"), list):
            return {
                "argv": [str(a) for a in p["argv"]],
                "file": str(p.get("file", "")),
                "suffix": str(p.get("suffix", ".json")),
            }
    except ValueError:
        pass
    text = b.decode("utf-8", "replace")
    return {"argv": text.split("\x00")[:8], "file": text, "suffix": ".json"}


# -- frames (pandas), when the module exists ---------------------------------------------------
#
# Users hand frames over after reading spreadsheets, so the payloads are CSV text: the fuzzer
# mutates cells, columns and rows, pandas reads the text, and govmodel gets the frames.


def _frames_module() -> Any:
    try:
        from govmodel.io import frames
    except ImportError:
        return None
    return frames if hasattr(frames, "from_frames") else None


def _csv_rows(text: str) -> list[list[str]]:
    import csv

    return [list(r) for r in csv.reader(io.StringIO(text))]


def _csv_text(rows: list[list[str]]) -> str:
    import csv

    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _mutate_csv(rng: random.Random, text: str) -> str:
    rows = _csv_rows(text)
    if not rows:
        return text
    for _ in range(rng.choice([1, 1, 2, 3])):
        op = rng.randrange(8)
        width = max(len(r) for r in rows)
        if op <= 2 and len(rows) > 1:  # a cell
            r = rng.choice(rows[1:])
            if r:
                v = random_scalar(rng)
                r[rng.randrange(len(r))] = "" if v is None else str(v)
        elif op == 3 and width:  # drop a column
            j = rng.randrange(width)
            for r in rows:
                if j < len(r):
                    del r[j]
        elif op == 4 and rows[0]:  # rename a column
            rows[0][rng.randrange(len(rows[0]))] = rng.choice(
                [
                    "id",
                    "entity",
                    "kind",
                    "parent",
                    "source",
                    "target",
                    "key",
                    "relation",
                    "name",
                    "attr:x",
                    "level",
                    "",
                    str(random_scalar(rng)),
                ]
            )
        elif op == 5 and len(rows) > 1:  # duplicate a row
            rows.append(list(rng.choice(rows[1:])))
        elif op == 6 and len(rows) > 1:  # drop a row
            del rows[rng.randrange(1, len(rows))]
        elif op == 7:  # a ragged row
            r = rng.choice(rows)
            r.append(str(random_scalar(rng)))
    return _csv_text(rows)


def _read_csv(text: str) -> Any:
    import pandas as pd

    try:
        return pd.read_csv(io.StringIO(text), keep_default_na=True)
    except Exception:  # what pandas cannot read never reaches govmodel
        problem = govmodel.Problem("fuzz-unreadable-csv", "$", "pandas cannot read it")
        raise SpecError([problem]) from None


def _frames_seeds() -> list[Any]:
    frames = _frames_module()
    out = []
    for s in corpus_structures():
        nodes, edges = frames.to_frames(s)
        graph = nodes.attrs.get("graph", {})
        out.append(
            {"nodes": nodes.to_csv(), "edges": edges.to_csv(index=False), "graph": dict(graph)}
        )
    return out


def _mutate_frames(rng: random.Random, base: Any, seeds: list[Any]) -> Any:
    p = copy.deepcopy(base)
    r = rng.random()
    if r < 0.4:
        p["nodes"] = _mutate_csv(rng, p["nodes"])
    elif r < 0.8:
        p["edges"] = _mutate_csv(rng, p["edges"])
    elif r < 0.9:
        p["graph"] = mutate_data(rng, p["graph"])
    else:
        key = rng.choice(["nodes", "edges"])
        p[key] = mutate_bytes(rng, p[key].encode(), [b",", b"\n", b'"', b"nan", b"NA"]).decode(
            "utf-8", "replace"
        )
    return p


def _run_frames(p: Any) -> Structure:
    frames = _frames_module()
    if not isinstance(p, dict):  # raw bytes from atheris: a nodes CSV
        p = {"nodes": str(p), "edges": "source,target,key\n", "graph": {}}
    nodes = _read_csv(str(p.get("nodes", "")))
    if "id" not in nodes.columns and len(nodes.columns):
        nodes = nodes.set_index(nodes.columns[0])
    edges = _read_csv(str(p.get("edges", "")))
    graph = p.get("graph")
    s = frames.from_frames(nodes, edges, graph=graph if isinstance(graph, dict) else None)
    govmodel.validate(s)
    return s


_TABLE_SEED = {
    "csv": "小区,社区,街道,户数,类型,建成年份,物业公司,业委会\n"
    "锦绣小区,桐梓坡社区,望月湖街道,420,商品房,2005,锦绣物业,有\n"
    "枫林小区,桐梓坡社区,望月湖街道,,单位型,1988,,无\n"
    "桃源小区,西湖社区,望月湖街道,815,安置型,2012,无,True\n"
    "铁路新村,西湖社区,望月湖街道,320,work_unit,1986,路安物业,False\n",
    "options": {
        "levels": {"street": "街道", "community": "社区", "compound": "小区"},
        "rename": {"户数": "households", "类型": "origin"},
        "organizations": {"property_company": "物业公司", "owners_committee": "业委会"},
    },
}
_FLAT_SEED = {
    "csv": "编号,类别,上级,名称,户数\ns1,街道,,望月湖街道,\nc1,社区,s1,桐梓坡社区,4220\n"
    "x1,小区,c1,锦绣小区,420\nx2,compound,c1,枫林小区,300\n",
    "options": {
        "id": "编号",
        "kind": "类别",
        "parent": "上级",
        "name": "名称",
        "rename": {"户数": "households"},
    },
}


def _table_seeds() -> list[Any]:
    return [copy.deepcopy(_TABLE_SEED), copy.deepcopy(_FLAT_SEED)]


def _mutate_table(rng: random.Random, base: Any, seeds: list[Any]) -> Any:
    # only the spreadsheet is user data; the options are the calling program's
    p = copy.deepcopy(base)
    p["csv"] = _mutate_csv(rng, p["csv"])
    return p


def _run_table(p: Any) -> Structure:
    frames = _frames_module()
    if not isinstance(p, dict):  # raw bytes from atheris: the spreadsheet
        p = {"csv": str(p), "options": _TABLE_SEED["options"]}
    table = _read_csv(str(p.get("csv", "")))
    options = p.get("options")
    if not _table_options_ok(options):  # options are the program's, not user data
        options = _TABLE_SEED["options"]
    return frames.structure_from_table(table, **options)  # type: ignore[no-any-return]


def _table_options_ok(options: Any) -> bool:
    if not isinstance(options, dict):
        return False
    for key, value in options.items():
        if key in ("levels", "rename", "organizations"):
            if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in value.items()
            ):
                return False
        elif key in ("id", "kind", "parent", "name"):
            if not isinstance(value, str):
                return False
        else:
            return False
    return bool(options.get("levels")) or "id" in options


def _table_allows(exc: Exception) -> bool:
    # documented: a column named in the arguments is not in the table
    return isinstance(exc, KeyError) and "the table has no column" in str(exc)


# --------------------------------------------------------------------------------------------


def _make_entrances() -> dict[str, Entrance]:
    out: dict[str, Entrance] = {
        "json": Entrance(
            "json",
            lambda b: native.loads(b, format="json"),
            _json_seeds,
            _text_mutator("json", _json_bytes, _json_parse),
            suffix=".json",
        ),
        "yaml": Entrance(
            "yaml",
            lambda b: native.loads(b, format="yaml"),
            _yaml_seeds,
            _text_mutator("yaml", _yaml_bytes, _yaml_parse),
            suffix=".yaml",
        ),
        "from_data": Entrance(
            "from_data",
            _run_from_data,
            _data_seeds,
            lambda rng, base, seeds: mutate_data(rng, base),
            encode=_encode_data,
            decode=_decode_data,
            from_bytes=_data_from_bytes,
            suffix=".data.json",
        ),
        "assess": Entrance(
            "assess",
            _run_assess,
            _assess_seeds,
            lambda rng, base, seeds: mutate_data(rng, base),
            encode=_encode_data,
            decode=_decode_data,
            from_bytes=_data_from_bytes,
            suffix=".assess.json",
        ),
        "popolo": Entrance(
            "popolo",
            _run_popolo,
            _popolo_seeds,
            _text_mutator("json", _json_bytes, _json_parse),
            suffix=".popolo.json",
        ),
        "popolo_object": Entrance(
            "popolo_object",
            _run_popolo_object,
            _popolo_object_seeds,
            lambda rng, base, seeds: mutate_data(rng, base),
            encode=_encode_data,
            decode=_decode_data,
            from_bytes=_data_from_bytes,
            suffix=".popolo-object.json",
        ),
        "graphml": Entrance(
            "graphml",
            graphfiles.import_graphml,
            _graphml_seeds,
            _xml_mutator("graphml"),
            suffix=".graphml",
        ),
        "gexf": Entrance(
            "gexf", graphfiles.import_gexf, _gexf_seeds, _xml_mutator("gexf"), suffix=".gexf"
        ),
        "node_link": Entrance(
            "node_link",
            graphfiles.import_node_link,
            _node_link_seeds,
            _text_mutator("json", _json_bytes, _json_parse),
            suffix=".node-link.json",
        ),
        "from_graph": Entrance(
            "from_graph",
            _run_from_graph_safe,
            _graph_seeds,
            _mutate_graph,
            encode=_encode_graph,
            decode=_decode_graph,
            from_bytes=_graph_from_bytes,
            suffix=".graph.json",
        ),
        "division_code": Entrance(
            "division_code",
            _run_division_code,
            _division_seeds,
            _mutate_division,
            accept=_accept_division,
            suffix=".code",
        ),
        "cli": Entrance(
            "cli",
            _run_cli,
            _cli_seeds,
            _mutate_cli,
            encode=_encode_cli,
            decode=_decode_data,
            from_bytes=_cli_from_bytes,
            accept=_accept_cli,
            suffix=".cli.json",
        ),
    }
    if _frames_module() is not None:
        out["frames"] = Entrance(
            "frames",
            _run_frames,
            _frames_seeds,
            _mutate_frames,
            encode=_encode_data,
            decode=_decode_data,
            from_bytes=_data_from_bytes,
            suffix=".frames.json",
        )
        out["table"] = Entrance(
            "table",
            _run_table,
            _table_seeds,
            _mutate_table,
            encode=_encode_data,
            decode=_decode_data,
            from_bytes=_data_from_bytes,
            allows=_table_allows,
            suffix=".table.json",
        )
    return out


ENTRANCES: dict[str, Entrance] = _make_entrances()
