"""A structure as partitioned Parquet tables, for Spark/Hive, Dask, Polars and DuckDB.

A structure is stored as nine tables: the seven sections of the file format (``units``,
``organizations``, ``people``, ``posts``, ``ties``, ``observations``, ``decisions``), one row
an entity, plus ``metadata`` (one row) and ``vocabulary`` (one row a term). The seven
sections are partitioned by district in the Hive layout that Spark, Hive, Dask (through
pyarrow), Polars and DuckDB all read and write natively::

    dataset/
      metadata/part-0.parquet
      vocabulary/part-0.parquet
      units/
        district=430304000000/part-0.parquet
        district=430305000000/part-0.parquet
      organizations/
        district=430304000000/part-0.parquet
        ...
      people/ posts/ ties/ observations/ decisions/   (the same)

The layout, the columns and the encoding of values are documented in :doc:`/guide/parquet`.
Briefly:

- A **district** is the unit of the kind ``partition_by`` (``"district"``) containing an
  entity; it is named by its statistical division code (the identifier of scheme
  ``cn-stats-division``) when it has one, and by its id otherwise. An entity in no such unit
  belongs to the partition of its top unit (the root of its containment chain). Units are
  placed by containment, organizations by their unit (or the organization leading them),
  posts and decisions by their organization, people by their first post, ties by their
  source (else their target) and observations by their subject, whatever the kind of
  entity they name (a post, an observation, a decision, another tie); a person without
  posts (an owner in a roster) goes with what the first tie naming them links them to,
  else with the first decision they vote in. :func:`govmodel.distributed.split` places
  them alike. What is linked to no unit at all goes to the partition of the first unit
  (``split`` leaves it out).
- Every row carries ``position``, its place in its section: readers sort by it, so a
  structure comes back in its own order.
- Every number and attribute value is a **scalar struct**
  ``struct<string_value, bool_value, int_value, double_value, big_int_value>`` with exactly
  one field set, which names its type (after OpenTelemetry's ``AnyValue``): ``True``, ``1``
  and ``1.0`` stay distinct, and integers beyond 64 bits are kept exactly as decimal text in
  ``big_int_value``. Attributes are ``list<struct<key, value: scalar>>``, in order.

Reading checks the layout and every table's columns and types, applies the size limits
(:class:`govmodel.Limits`) to the files and their footers before decoding them, and then
structures and validates the rows exactly as :func:`govmodel.load` does a JSON file, so a
problem is named by its table, row and field (``$.units[3].attributes.households``).

Needs the ``parquet`` extra (``pip install 'govmodel[parquet]'``).
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from govmodel._convert import (
    _FLOAT_MAX,
    DEFAULT_LIMITS,
    Limits,
    OutOfRange,
    _segment,
    capped,
    json_path,
    too_large,
)
from govmodel.errors import OutputError, Problem, SpecError, require
from govmodel.identifiers import SCHEME
from govmodel.io.native import _mode_for, _temporary_prefix, _umask, _unwritable
from govmodel.spec import FORMAT_VERSION, Attributes, Structure, Tally
from govmodel.validate import require_types

__all__ = [
    "PARTITIONED",
    "TABLES",
    "districts",
    "read_parquet",
    "schemas",
    "write_parquet",
]

#: The tables partitioned by district: the sections of a structure.
PARTITIONED: tuple[str, ...] = (
    "units",
    "organizations",
    "people",
    "posts",
    "ties",
    "observations",
    "decisions",
)
#: Every table of a dataset.
TABLES: tuple[str, ...] = ("metadata", "vocabulary", *PARTITIONED)

_FILE = "part-0.parquet"
_INT64 = 1 << 63
#: The decimal text of an integer in ``big_int_value``: at most 400 digits (a float's range
#: ends at 309), so that parsing it cannot be made slow.
_BIG_INT = re.compile(r"-?[0-9]{1,400}")
_SCALAR_FIELDS = ("string_value", "bool_value", "int_value", "double_value", "big_int_value")
_TALLY_FIELDS = ("members", "present", "yes", "no", "abstain")


K = TypeVar("K")


def _org_places(
    organizations: Sequence[Any],
    units: Container[str],
    place: Callable[[str], K],
    default: K,
) -> dict[str, K]:
    """The part of every organization: ``place(unit)`` of its unit where that is one of
    ``units``, else the part of the organization leading it, up the chain of leaders;
    ``default`` where no organization up the chain is in such a unit (or the chain meets a
    cycle or an id of no organization). Each organization is walked once (the answer is kept
    for every organization a walk passes), so that a long chain of leaders is linear.

    Shared by :func:`write_parquet` and :func:`govmodel.distributed.split`, so that both put
    an organization in the same part.
    """
    orgs = {o.id: o for o in organizations}
    out: dict[str, K] = {}
    for oid in orgs:
        path: list[str] = []
        seen: set[str] = set()
        cur: str | None = oid
        got = default
        while cur is not None and cur in orgs and cur not in seen:
            if cur in out:
                got = out[cur]
                break
            seen.add(cur)
            path.append(cur)
            o = orgs[cur]
            if o.unit is not None and o.unit in units:
                got = place(o.unit)
                break
            cur = o.parent
        for walked in path:
            out[walked] = got
    return out


def _place_linked(
    structure: Structure, base: Callable[[str], K | None], posted: Container[str]
) -> tuple[dict[str, K], list[K | None], list[K | None]]:
    """Where the entities placed by their links go: people without posts, ties, observations.

    ``base(ref)`` is the part of a unit, organization, person holding a post, post or
    decision (``None`` for none); ``posted`` holds the people holding a post. An
    observation goes with its subject and a tie with its source, else its target, whatever
    their kind (an observation, a decision, another tie); a person without posts goes with
    what the first tie naming them links them to (source or target), else with the first
    decision they vote in. Linear in the structure.

    Returns
    -------
    tuple
        The part of each person without posts that has one, and the part (or ``None``) of
        every tie and every observation, in order.
    """
    s = structure
    subject = {o.id: o.subject for o in s.observations}
    ends = {t.id: (t.source, t.target) for t in s.ties}
    people: dict[str, K] = {}
    memo: dict[str, K | None] = {}

    def linked(ref: str) -> tuple[str, ...]:
        if ref in subject:
            return (subject[ref],)
        return ends.get(ref, ())

    def lookup(ref: str) -> K | None:
        got = base(ref)
        return people.get(ref) if got is None else got

    def resolve(ref: str) -> K | None:
        if ref in memo:
            return memo[ref]
        got = lookup(ref)
        if got is not None or not linked(ref):
            return got
        # depth first, without recursion (chains of ties may be long), first end first
        stack: list[tuple[str, int]] = [(ref, 0)]
        on_path = {ref}
        while stack:
            node, i = stack[-1]
            kids = linked(node)
            if i == len(kids):
                memo[node] = None
                on_path.discard(node)
                stack.pop()
                if stack:
                    stack[-1] = (stack[-1][0], stack[-1][1] + 1)
                continue
            kid = kids[i]
            got = memo[kid] if kid in memo else lookup(kid)
            if got is not None:
                for n, _ in stack:
                    memo[n] = got
                return got
            if kid not in memo and kid not in on_path and linked(kid):
                stack.append((kid, 0))
                on_path.add(kid)
            else:
                stack[-1] = (node, i + 1)
        return memo[ref]

    unplaced = {p.id for p in s.people if p.id not in posted}
    if unplaced:
        for t in s.ties:
            for me, other in ((t.source, t.target), (t.target, t.source)):
                if me in unplaced and me not in people:
                    got = resolve(other)
                    if got is not None:
                        people[me] = got
        memo.clear()
        for d in s.decisions:
            for v in d.votes:
                if v.person in unplaced and v.person not in people:
                    got = base(d.id)
                    if got is not None:
                        people[v.person] = got
        memo.clear()
    ties: list[K | None] = []
    for t in s.ties:
        got = resolve(t.source)
        ties.append(got if got is not None else resolve(t.target))
    observations = [resolve(o.subject) for o in s.observations]
    return people, ties, observations


def _pa() -> Any:
    return require("pyarrow", "parquet", feature="the Parquet format")


def _pq() -> Any:
    _pa()
    return require("pyarrow.parquet", "parquet", feature="the Parquet format")


# -- schemas ----------------------------------------------------------------------------------


def schemas() -> dict[str, Any]:
    """The ``pyarrow.Schema`` of each table, by name, without the partition column.

    Every field is nullable (Spark writes them so); a missing required value is reported by
    the reader as it would be in a JSON file.

    Examples
    --------
    >>> from govmodel.io.parquet import schemas
    >>> schemas()["units"].names
    ['position', 'id', 'kind', 'name', 'parent', 'attributes', 'identifiers', 'start', 'end', 'formed_from', 'replaced_by']
    >>> schemas()["organizations"].names[-2:], schemas()["people"].names[-1]
    (['term_start', 'term_years'], 'mobility')
    >>> str(schemas()["observations"].field("value").type)
    'struct<string_value: string, bool_value: bool, int_value: int64, double_value: double, big_int_value: string>'
    """
    pa = _pa()
    s, b, i = pa.string(), pa.bool_(), pa.int64()
    scalar = pa.struct(
        [
            ("string_value", s),
            ("bool_value", b),
            ("int_value", i),
            ("double_value", pa.float64()),
            ("big_int_value", s),
        ]
    )
    attributes = pa.list_(pa.struct([("key", s), ("value", scalar)]))
    identifiers = pa.list_(pa.struct([("scheme", s), ("identifier", s)]))
    tally = pa.struct([(k, scalar) for k in _TALLY_FIELDS])
    rule = pa.struct([("threshold", s), ("basis", s), ("strict", b), ("quorum", s), ("by_area", b)])
    votes = pa.list_(pa.struct([("person", s), ("choice", s), ("area", scalar), ("proxy", s)]))
    strings = pa.list_(s)
    pos = ("position", i)
    return {
        "metadata": pa.schema(
            [
                ("format_version", i),
                ("name", s),
                ("title", s),
                ("description", s),
                ("place", s),
                ("model", strings),
                ("source", strings),
                ("synthetic", b),
                ("seed", scalar),
                ("attributes", attributes),
            ]
        ),
        "vocabulary": pa.schema(
            [
                pos,
                ("category", s),
                ("name", s),
                ("en", s),
                ("zh", s),
                ("description", s),
                ("rank", scalar),
                ("within", strings),
                ("party", b),
                ("sector", s),
                ("type", s),
                ("part_of", s),
                ("head", b),
            ]
        ),
        "units": pa.schema(
            [
                pos,
                ("id", s),
                ("kind", s),
                ("name", s),
                ("parent", s),
                ("attributes", attributes),
                ("identifiers", identifiers),
                ("start", s),
                ("end", s),
                ("formed_from", strings),
                ("replaced_by", s),
            ]
        ),
        "organizations": pa.schema(
            [
                pos,
                ("id", s),
                ("kind", s),
                ("name", s),
                ("unit", s),
                ("parent", s),
                ("attributes", attributes),
                ("identifiers", identifiers),
                ("start", s),
                ("end", s),
                ("formed_from", strings),
                ("replaced_by", s),
                ("term_start", s),
                ("term_years", scalar),
            ]
        ),
        "people": pa.schema(
            [
                pos,
                ("id", s),
                ("name", s),
                ("party", s),
                ("attributes", attributes),
                ("mobility", s),
            ]
        ),
        "posts": pa.schema(
            [
                pos,
                ("id", s),
                ("person", s),
                ("organization", s),
                ("role", s),
                ("start", s),
                ("end", s),
                ("attributes", attributes),
            ]
        ),
        "ties": pa.schema(
            [
                pos,
                ("id", s),
                ("source", s),
                ("target", s),
                ("relation", s),
                ("start", s),
                ("end", s),
                ("attributes", attributes),
            ]
        ),
        "observations": pa.schema(
            [
                pos,
                ("id", s),
                ("subject", s),
                ("indicator", s),
                ("value", scalar),
                ("period", s),
                ("source", s),
                ("attributes", attributes),
            ]
        ),
        "decisions": pa.schema(
            [
                pos,
                ("id", s),
                ("body", s),
                ("motion", s),
                ("rule", rule),
                ("date", s),
                ("count", tally),
                ("area", tally),
                ("votes", votes),
                ("outcome", s),
                ("attributes", attributes),
                ("matter", s),
            ]
        ),
    }


# -- encoding ---------------------------------------------------------------------------------


def _scalar(v: Any) -> dict[str, Any] | None:
    """The scalar struct of ``v`` (``None`` for ``None``)."""
    t = type(v)
    if v is None:
        return None
    if t is bool:
        return {"bool_value": v}
    if t is int:
        if -_INT64 <= v < _INT64:
            return {"int_value": v}
        if not -_FLOAT_MAX <= v <= _FLOAT_MAX:  # which the readers refuse
            raise OutOfRange("an integer is beyond a float's range")
        return {"big_int_value": str(v)}
    if t is float:
        if v - v != 0.0:
            raise ValueError(f"{v} is not a finite number")
        return {"double_value": v}
    if t is str:
        return {"string_value": v}
    # a subclass's (a StrEnum's, an IntEnum's, numpy's float64): the plain scalar it holds
    if isinstance(v, str):
        return {"string_value": str.__str__(v)}
    if isinstance(v, float):
        return _scalar(float.__float__(v))
    if isinstance(v, int):
        return _scalar(int.__int__(v))
    raise TypeError(f"{v!r} is not a str, int, float or bool")


def _attributes(a: Attributes) -> list[dict[str, Any]] | None:
    if not a:
        return None
    return [{"key": k, "value": _scalar(v)} for k, v in a.items()]


def _fraction(f: Any) -> str | None:
    if f is None:
        return None
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


def _tally(t: Tally | None) -> dict[str, Any] | None:
    if t is None:
        return None
    return {k: _scalar(getattr(t, k)) for k in _TALLY_FIELDS}


def _columns(structure: Structure) -> dict[str, dict[str, list[Any]]]:
    """The columns of every table, as lists, in the order of the structure."""
    s = structure
    m = s.metadata
    out: dict[str, dict[str, list[Any]]] = {
        "metadata": {
            "format_version": [FORMAT_VERSION],
            "name": [m.name],
            "title": [m.title],
            "description": [m.description],
            "place": [m.place],
            "model": [list(m.model)],
            "source": [list(m.source)],
            "synthetic": [m.synthetic],
            "seed": [_scalar(m.seed)],
            "attributes": [_attributes(m.attributes)],
        },
        "vocabulary": {
            "position": list(range(len(s.vocabulary))),
            "category": [t.category for t in s.vocabulary],
            "name": [t.name for t in s.vocabulary],
            "en": [t.en for t in s.vocabulary],
            "zh": [t.zh for t in s.vocabulary],
            "description": [t.description for t in s.vocabulary],
            "rank": [_scalar(t.rank) for t in s.vocabulary],
            "within": [sorted(t.within) for t in s.vocabulary],
            "party": [t.party for t in s.vocabulary],
            "sector": [t.sector for t in s.vocabulary],
            "type": [t.type for t in s.vocabulary],
            "part_of": [t.part_of for t in s.vocabulary],
            "head": [t.head for t in s.vocabulary],
        },
    }
    plain = {
        "units": ("id", "kind", "name", "parent"),
        "organizations": ("id", "kind", "name", "unit", "parent"),
        "people": ("id", "name", "party"),
        "posts": ("id", "person", "organization", "role", "start", "end"),
        "ties": ("id", "source", "target", "relation", "start", "end"),
        "observations": ("id", "subject", "indicator"),
        "decisions": ("id", "body", "motion"),
    }
    for name in PARTITIONED:
        items = getattr(s, name)
        cols: dict[str, list[Any]] = {"position": list(range(len(items)))}
        for field in plain[name]:
            cols[field] = [getattr(e, field) for e in items]
        if name == "observations":
            cols["value"] = [_scalar(o.value) for o in items]
            cols["period"] = [o.period for o in items]
            cols["source"] = [o.source for o in items]
        elif name == "decisions":
            cols["rule"] = [
                {
                    "threshold": _fraction(d.rule.threshold),
                    "basis": d.rule.basis,
                    "strict": d.rule.strict,
                    "quorum": _fraction(d.rule.quorum),
                    "by_area": d.rule.by_area,
                }
                for d in items
            ]
            cols["date"] = [d.date for d in items]
            cols["count"] = [_tally(d.count) for d in items]
            cols["area"] = [_tally(d.area) for d in items]
            cols["votes"] = [
                [
                    {
                        "person": v.person,
                        "choice": v.choice,
                        "area": _scalar(v.area),
                        "proxy": v.proxy,
                    }
                    for v in d.votes
                ]
                for d in items
            ]
            cols["outcome"] = [d.outcome for d in items]
        cols["attributes"] = [_attributes(e.attributes) for e in items]
        if name == "decisions":
            cols["matter"] = [d.matter for d in items]
        elif name == "organizations":
            cols["term_start"] = [o.term_start for o in items]
            cols["term_years"] = [_scalar(o.term_years) for o in items]
        elif name == "people":
            cols["mobility"] = [p.mobility for p in items]
        if name in ("units", "organizations"):
            cols["identifiers"] = [
                [{"scheme": i.scheme, "identifier": i.identifier} for i in e.identifiers] or None
                for e in items
            ]
            cols["start"] = [e.start for e in items]
            cols["end"] = [e.end for e in items]
            cols["formed_from"] = [list(e.formed_from) or None for e in items]
            cols["replaced_by"] = [e.replaced_by for e in items]
        out[name] = cols
    return out


# -- partitions -------------------------------------------------------------------------------


def _partitions(
    structure: Structure, kind: str, owners: dict[str, list[int]] | None = None
) -> tuple[dict[str, list[str]], str]:
    """The district of every entity, section by section, and the district of what has none.

    ``owners``, if given, gets the positions of the units naming each district (a unit of
    ``kind``, or a top unit), in order.
    """
    s = structure
    position = {u.id: i for i, u in enumerate(s.units)} if owners is not None else {}
    units = {u.id: u for u in s.units}
    of_unit: dict[str, str] = {}

    def name_of(uid: str) -> str:
        u = units[uid]
        for ident in u.identifiers:
            if ident.scheme == SCHEME:
                return ident.identifier
        return u.id

    def unit_key(uid: str) -> str:
        if uid in of_unit:
            return of_unit[uid]
        path: list[str] = []
        seen: set[str] = set()
        cur = uid
        key: str | None = None
        while True:
            if cur in of_unit:
                key = of_unit[cur]
                break
            path.append(cur)
            seen.add(cur)
            u = units[cur]
            parent = u.parent
            if u.kind == kind or parent is None or parent not in units or parent in seen:
                key = name_of(cur)  # a unit of the kind, or the top unit
                if owners is not None:
                    owners.setdefault(key, []).append(position[cur])
                break
            cur = parent
        for p in path:
            of_unit[p] = key
        return key

    unit_keys = [unit_key(u.id) for u in s.units]
    default = unit_keys[0] if unit_keys else (s.metadata.name or "structure")
    of_org = _org_places(s.organizations, units, unit_key, default)
    post_keys = [of_org.get(p.organization, default) for p in s.posts]
    of_person: dict[str, str] = {}
    for post, key in zip(s.posts, post_keys, strict=True):
        of_person.setdefault(post.person, key)
    # posts and decisions are rarely named by a tie or an observation: indexed on demand
    rest: list[dict[str, str]] = []

    def key_of(ref: str) -> str | None:
        if ref in units:
            return unit_key(ref)
        got = of_org.get(ref) or of_person.get(ref)
        if got is not None:
            return got
        if not rest:
            rest.append({d.id: of_org[d.body] for d in s.decisions if d.body in of_org})
            rest[0].update(zip((p.id for p in s.posts), post_keys, strict=True))
        return rest[0].get(ref)

    unposted, tie_keys, observation_keys = _place_linked(s, key_of, of_person)
    of_person.update(unposted)
    keys = {
        "units": unit_keys,
        "organizations": [of_org[o.id] for o in s.organizations],
        "people": [of_person.get(p.id, default) for p in s.people],
        "posts": post_keys,
        "ties": [k or default for k in tie_keys],
        "observations": [k or default for k in observation_keys],
        "decisions": [of_org.get(d.body, default) for d in s.decisions],
    }
    return keys, default


# Hive's escaping of partition values (FileUtils.escapePathName, as Spark writes them).
# NUL, which Hive leaves (no file name holds it), is escaped too.
_ESCAPED = frozenset("\"#%'*/:=?\\\x7f{[]^") | frozenset(chr(c) for c in range(32))
#: The longest partition folder name written, in bytes of UTF-8 (a file name holds 255 on
#: most file systems; some object stores and archivers hold fewer).
_MAX_FOLDER = 200
_UNESCAPE = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def _escape(value: str) -> str:
    return "".join(f"%{ord(c):02X}" if c in _ESCAPED else c for c in value)


def _unescape(value: str) -> str:
    """A folder's partition value, its escapes undone. Polars, DuckDB and pyarrow escape a
    non-ASCII character as the bytes of its UTF-8 (``%E5%90%8D``) and read them back so;
    Hive and Spark escape ASCII characters only, one ``%XX`` each. So a run of escapes is
    read as UTF-8, and as one character a byte when it is no UTF-8."""

    def run(m: re.Match[str]) -> str:
        raw = bytes.fromhex(m.group().replace("%", ""))
        try:
            return raw.decode()
        except UnicodeDecodeError:
            return raw.decode("latin-1")

    return _UNESCAPE.sub(run, value)


#: The folder value Hive, Spark, Polars, DuckDB and pyarrow read as a null partition value
#: (also when escaped: they compare it after unescaping).
_HIVE_NULL = "__HIVE_DEFAULT_PARTITION__"


def _folder_problem(key: str, column: str) -> str | None:
    """Why the partition value ``key`` names no folder other readers take back, if so."""
    if key == _HIVE_NULL:
        return (
            f"its partition value {key!r} is the folder name that Hive, Spark, Polars, "
            "DuckDB and pyarrow read as a null value (give the district a "
            f"{SCHEME} identifier or another id)"
        )
    size = len(f"{column}={_escape(key)}".encode())
    if size > _MAX_FOLDER:
        return (
            f"its partition value {key[:40]!r}{'…' if len(key) > 40 else ''} "
            f"names a folder of {size:,} bytes, more than the {_MAX_FOLDER} a "
            "partition folder's name may have (give the district a "
            f"{SCHEME} identifier or a shorter id)"
        )
    return None


def _check_folder_names(keys: Mapping[str, Sequence[str]], default: str, column: str) -> None:
    """Refuse partition values whose folder names no file system holds (too long), or that
    other readers take for a null value."""
    problems: list[Problem] = []
    done: set[str] = set()
    bad = {
        key: why
        for name in PARTITIONED
        for key in dict.fromkeys(keys[name])
        if (why := _folder_problem(key, column)) is not None
    }
    for name in PARTITIONED if bad else ():  # named by the first entity of each
        for i, key in enumerate(keys[name]):
            if key in done or key not in bad:
                continue
            done.add(key)
            # the value of the partition of what no unit contains is metadata.name
            named = not keys["units"] and key == default
            problems.append(
                Problem(
                    "invalid-value", "$.metadata.name" if named else json_path(name, i), bad[key]
                )
            )
    size = len(f"{column}={_escape(default)}".encode())
    if any(not keys[n] for n in PARTITIONED) and default not in done and size > _MAX_FOLDER:
        # the folder of the empty tables
        problems.append(
            Problem(
                "invalid-value",
                "$.metadata.name",
                f"the name {default[:40]!r}… names the folder of the empty tables, of "
                f"{size:,} bytes, more than the {_MAX_FOLDER} a partition folder's name may have",
            )
        )
    if problems:
        raise SpecError(problems)


def _check_shared_folders(structure: Structure, owners: Mapping[str, Sequence[int]]) -> None:
    """Refuse two units naming one partition (a district whose id is another's division
    code, two districts of one code): their rows would be merged into one district."""
    units = structure.units
    problems = [
        Problem(
            "invalid-value",
            json_path("units", i),
            f"{units[i].kind} {units[i].id!r} has the partition value {key!r} of "
            f"{units[where[0]].kind} {units[where[0]].id!r} ($.units[{where[0]}]): their rows "
            f"would be merged into one district (give each a distinct {SCHEME} identifier)",
        )
        for i, key, where in sorted(
            (i, key, where) for key, where in owners.items() for i in where[1:]
        )
    ]
    if problems:
        raise SpecError(problems)


# -- writing ----------------------------------------------------------------------------------


def write_parquet(
    structure: Structure, path: str | os.PathLike[str], *, partition_by: str = "district"
) -> None:
    """Write a structure as a partitioned Parquet dataset (one directory).

    Parameters
    ----------
    structure
        The structure.
    path
        The dataset's directory: it must not exist, or be empty. The dataset is written
        beside it and moved into place when complete, so an interrupted write leaves no
        half dataset behind; the directory keeps an empty one's permissions, or gets those
        the umask gives. A symbolic link is written through: the dataset takes the place
        of the directory it names, and the link stays.
    partition_by
        The unit kind whose units are the partitions (``"district"``; ``"street"`` or
        ``"city"`` give finer or coarser ones). The partition column is named after it, so
        it cannot be the name of a table's column (``"area"``, ``"name"``) nor start with
        ``_`` (readers skip such folders).

    Raises
    ------
    SpecError
        If the structure holds what no dataset can (a string with a lone surrogate, a value
        of NaN, a value not of its field's type): the problems :func:`govmodel.validate`
        reports; or a partition value whose folder name would be longer than 200 bytes
        (``invalid-value``, naming the first entity of that district, or
        ``$.metadata.name`` for the folder of empty tables in a structure without units);
        or two units naming one partition (a district whose id is another's division code,
        two districts of one code), whose rows would be merged into one district
        (``invalid-value``, naming the second unit).
    ValueError
        If ``partition_by`` is not a name the partition column can have.
    FileExistsError
        If ``path`` exists and is not an empty directory.
    OutputError
        If the folder ``path`` would be in does not exist, or ``path`` is not UTF-8, which
        pyarrow cannot open, or a loop of symbolic links (before anything is written), or
        the dataset cannot be made beside it (a read-only folder).
    MissingDependencyError
        Without the ``parquet`` extra.

    Examples
    --------
    >>> import govmodel, tempfile, os
    >>> from govmodel.io.parquet import read_parquet, write_parquet
    >>> s = govmodel.datasets.load("yuetang")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_parquet(s, os.path.join(d, "yuetang"))
    ...     print(sorted(os.listdir(os.path.join(d, "yuetang", "units"))))
    ...     govmodel.dumps(read_parquet(os.path.join(d, "yuetang"))) == govmodel.dumps(s)
    ['district=430304000000']
    True
    """
    pa = _pa()
    pq = _pq()
    if not isinstance(partition_by, str) or not partition_by.isidentifier():
        raise ValueError(
            f"partition_by must be a unit kind such as 'district', not {partition_by!r}"
        )
    types = schemas()
    if partition_by.startswith(("_", ".")):
        raise ValueError(
            f"partition_by={partition_by!r} cannot name the partition column: readers skip "
            "folders whose names start with '_' or '.'"
        )
    clash = [name for name, schema in types.items() if partition_by in schema.names]
    if clash:
        raise ValueError(
            f"partition_by={partition_by!r} cannot name the partition column: table "
            f"{clash[0]!r} has a column of that name"
        )
    target = Path(path)
    if target.is_symlink():  # written through, as the other writers write through a link
        target = Path(os.path.realpath(target))
        if target.is_symlink():  # realpath stops in a loop, at a link
            raise OutputError(
                errno.ELOOP,
                f"cannot write {os.fspath(path)!r}: it is a loop of symbolic links",
            )
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise FileExistsError(f"{os.fspath(path)!r} exists and is not an empty directory")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():  # named here, not through the temporary folder beside it
        raise OutputError(
            errno.ENOENT,
            f"cannot write {os.fspath(path)!r}: its folder {os.fspath(folder)!r} does not exist",
        )
    try:
        os.fspath(target).encode("utf-8")
    except UnicodeEncodeError:  # pyarrow writes no file there, and read_parquet reads none
        raise OutputError(
            errno.EINVAL,
            f"cannot write {os.fsencode(path)!r}: the path is not UTF-8, which pyarrow "
            "cannot open (nor read_parquet read)",
        ) from None
    require_types(structure)
    try:
        columns = _columns(structure)
        tables = {name: pa.Table.from_pydict(columns[name], schema=types[name]) for name in TABLES}
    except (ValueError, TypeError, OverflowError, pa.ArrowException) as exc:
        _unwritable(structure, exc)
    del columns
    owners: dict[str, list[int]] = {}
    keys, default = _partitions(structure, partition_by, owners)
    _check_folder_names(keys, default, partition_by)
    _check_shared_folders(structure, owners)
    # the dataset's folder gets an existing target's mode, or the umask's, not mkdtemp's 0700
    mode = _mode_for(target) if target.exists() else 0o777 & ~_umask()
    parent = target.parent if str(target.parent) else Path(".")
    try:
        tmp = Path(tempfile.mkdtemp(prefix=_temporary_prefix(target), suffix=".tmp", dir=parent))
    except OSError as exc:  # named by the path asked for, not the temporary folder beside it
        raise OutputError(exc.errno, f"cannot write {os.fspath(path)!r}: {exc.strerror}") from None
    try:
        os.chmod(tmp, mode)
        for name in ("metadata", "vocabulary"):
            (tmp / name).mkdir()
            pq.write_table(tables[name], tmp / name / _FILE)
        for name in PARTITIONED:
            rows: dict[str, list[int]] = {}
            for i, key in enumerate(keys[name]):
                rows.setdefault(key, []).append(i)
            if not rows:
                rows[default] = []
            for key, where in rows.items():
                folder = tmp / name / f"{partition_by}={_escape(key)}"
                folder.mkdir(parents=True)
                pq.write_table(tables[name].take(pa.array(where, pa.int64())), folder / _FILE)
        if target.exists():
            target.rmdir()
        os.replace(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


# -- reading ----------------------------------------------------------------------------------


def _not_utf8(name: str, table: str, where: str) -> Problem | None:
    """The problem of a file or folder name no UTF-8 text spells (Python holds its bytes as
    lone surrogates), which no Parquet reader can open; ``None`` for any other name."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return Problem(
            "invalid-layout",
            json_path(table),
            f"table {table!r} holds {where} {name.encode('utf-8', 'surrogateescape')!r} "
            "whose name is not UTF-8",
        )
    return None


def _data_files(folder: Path, name: str) -> tuple[list[Path], list[Problem]]:
    """The Parquet files of a folder, by name, leaving out ``_SUCCESS``, ``.crc`` and such,
    and the problems of the folders inside it (a second partition level, say), whose rows
    would otherwise be left out unseen."""
    files: list[Path] = []
    problems: list[Problem] = []
    with os.scandir(folder) as entries:
        for e in entries:
            if e.name.startswith(("_", ".")) or e.name.endswith(".crc"):
                continue
            bad = _not_utf8(e.name, name, "a file")
            if bad is not None:
                problems.append(bad)
                continue
            if e.is_dir():
                inside = f"{folder.name}/{e.name}" if folder.name != name else e.name
                problems.append(
                    Problem(
                        "invalid-layout",
                        json_path(name),
                        f"table {name!r} holds a folder {name}/{inside}/: "
                        + (
                            "a partition folder holds files only (the format has one "
                            "partition column)"
                            if folder.name != name
                            else "the table is not partitioned"
                        ),
                    )
                )
            elif not e.is_file():  # a pipe would block the reader; a broken link has no file
                inside = f"{folder.name}/{e.name}" if folder.name != name else e.name
                problems.append(
                    Problem(
                        "invalid-layout",
                        json_path(name),
                        f"table {name!r} holds {name}/{inside}, which is not a regular file "
                        "(a pipe, a device, a socket or a broken link)",
                    )
                )
            else:
                files.append(Path(e.path))
    return sorted(files), problems


def _layout(root: Path) -> tuple[str | None, dict[str, dict[str, Path]], list[Problem]]:
    """The partition column, each partitioned table's partition folders, and the problems."""
    problems: list[Problem] = []
    column: str | None = None
    found: dict[str, dict[str, Path]] = {}
    if not root.is_dir():
        problems.append(
            Problem("missing-table", "$", f"{os.fspath(root)!r} is not a directory of tables")
        )
        return None, found, problems
    for name in TABLES:
        folder = root / name
        if not folder.is_dir():
            problems.append(
                Problem(
                    "missing-table",
                    json_path(name),
                    f"the dataset has no table {name!r} (no folder {name}/)",
                )
            )
            continue
        if name not in PARTITIONED:
            continue
        parts: dict[str, Path] = {}
        with os.scandir(folder) as scan:
            entries = sorted((e.name, e.is_dir()) for e in scan)
        for entry, is_dir in entries:
            if entry.startswith(("_", ".")):
                continue
            bad = _not_utf8(entry, name, "a folder" if is_dir else "a file")
            if bad is not None:
                problems.append(bad)
                continue
            p = folder / entry
            if not is_dir or "=" not in p.name:
                problems.append(
                    Problem(
                        "invalid-layout",
                        json_path(name),
                        f"table {name!r} holds {p.name!r} outside a partition folder "
                        "(expected folders named <column>=<district>)",
                    )
                )
                continue
            col, _, value = p.name.partition("=")
            if column is None:
                column = col
            elif col != column:
                problems.append(
                    Problem(
                        "invalid-layout",
                        json_path(name),
                        f"table {name!r} is partitioned by {col!r}, another table by {column!r}",
                    )
                )
                continue
            key = _unescape(value)
            if key in parts:
                problems.append(
                    Problem(
                        "invalid-layout",
                        json_path(name),
                        f"table {name!r} has two folders of {col} {key!r}: "
                        f"{parts[key].name!r} and {p.name!r}",
                    )
                )
                continue
            parts[key] = p
        found[name] = parts
    return column, found, problems


def districts(path: str | os.PathLike[str]) -> tuple[str, ...]:
    """The districts (partition values) of a dataset, sorted, from its folder names alone.

    Examples
    --------
    >>> import govmodel, tempfile, os
    >>> from govmodel import synth
    >>> from govmodel.io.parquet import districts, write_parquet
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_parquet(synth.city(30, seed=1, districts=2), os.path.join(d, "city"))
    ...     districts(os.path.join(d, "city"))
    ('city', 'd1', 'd2')
    """
    _, found, problems = _layout(Path(path))
    if problems:
        raise SpecError(problems, source=os.fspath(path))
    return tuple(sorted({d for parts in found.values() for d in parts}))


#: Columns added after the first files were written: a file without them reads as if they were
#: empty (null), so that every earlier file still loads.
OPTIONAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "units": ("start", "end", "formed_from", "replaced_by"),
    "organizations": ("start", "end", "formed_from", "replaced_by", "term_start", "term_years"),
    "people": ("mobility",),
    "decisions": ("matter",),
}
#: Fields of a column's structs added after the first files were written (the last fields of
#: the struct): a file whose structs lack them reads as if they were null.
OPTIONAL_STRUCT_FIELDS: dict[tuple[str, str], tuple[str, ...]] = {
    ("decisions", "votes"): ("proxy",),
}


class _Budget:
    """The bytes the strings of the files read so far take once decoded, against
    ``max_bytes``."""

    def __init__(self, limits: Limits, source: str) -> None:
        self.limits, self.source, self.used = limits, source, 0

    def spend(self, n: int) -> None:
        self.used += n
        if self.used > self.limits.max_bytes:
            raise SpecError(
                [
                    Problem(
                        "too-large",
                        "$",
                        f"the files' strings take at least {self.used:,} bytes once decoded, "
                        f"more than the limit of {self.limits.max_bytes:,} (raise it with "
                        "limits=govmodel.Limits(max_bytes=...))",
                    )
                ],
                source=self.source,
            )


def _string_bytes(array: Any, pa: Any, pc: Any) -> int:
    """The bytes of every string of a (nested) column once decoded: a dictionary-encoded
    column counts each value's entry, however often it is repeated."""
    t = array.type
    if pa.types.is_dictionary(t):
        lengths = pc.take(pc.binary_length(array.dictionary), array.indices)
        return int(pc.sum(lengths).as_py() or 0)
    if pa.types.is_struct(t):
        return sum(_string_bytes(child, pa, pc) for child in array.flatten())
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return _string_bytes(array.flatten(), pa, pc)
    if t in (pa.string(), pa.large_string(), pa.binary(), pa.large_binary()):
        return int(pc.sum(pc.binary_length(array)).as_py() or 0)
    return 0


def _read_table(
    pf: Any,
    schema: Any,
    pa: Any,
    name: str = "",
    decoded: Callable[[int], None] | None = None,
    file: Path | None = None,
) -> Any:
    """A file's table with the columns of ``schema``, optional ones it lacks as nulls, and
    the optional fields its structs lack (:data:`OPTIONAL_STRUCT_FIELDS`) as nulls.

    With ``decoded`` (and the ``file`` of ``pf``), the string columns whose pages have a
    dictionary are read as dictionaries, and ``decoded`` is given the bytes the table's
    strings take once decoded before any is: a dictionary code repeated a million times
    stands for a million copies of its string, which the footer's sizes do not show.
    """
    names = schema.names
    present = [n for n in names if n in pf.schema_arrow.names]
    if decoded is not None and file is not None:
        pc = require("pyarrow.compute", "parquet", feature="the Parquet format")
        meta = pf.metadata
        columns = [meta.schema.column(c) for c in range(meta.num_columns)]
        wanted = set(present)
        coded = sorted(
            {
                col.path
                for c, col in enumerate(columns)
                if col.physical_type == "BYTE_ARRAY"
                and col.path.split(".")[0] in wanted
                and any(
                    meta.row_group(g).column(c).has_dictionary_page
                    for g in range(meta.num_row_groups)
                )
            }
        )
        if coded:
            pf = _pq().ParquetFile(file, metadata=meta, read_dictionary=coded)
        table = pf.read(columns=present)
        decoded(sum(_string_bytes(c, pa, pc) for col in table.columns for c in col.chunks))
    else:
        table = pf.read(columns=present)
    for n in names:
        if n not in present:
            table = table.append_column(n, pa.nulls(table.num_rows, schema.field(n).type))
    for (table_name, column), later in OPTIONAL_STRUCT_FIELDS.items():
        if table_name != name or column not in present:
            continue
        t = table.schema.field(column).type
        inner = t.value_type if pa.types.is_list(t) or pa.types.is_large_list(t) else t
        if not pa.types.is_struct(inner) or all(inner.get_field_index(f) >= 0 for f in later):
            continue
        # written before the fields existed (rare, and only small tables): rebuilt in Python
        rows = table.column(column).to_pylist()
        blank = dict.fromkeys(later)
        if pa.types.is_struct(t):
            rows = [None if r is None else {**r, **blank} for r in rows]
        else:
            rows = [
                None if r is None else [None if x is None else {**x, **blank} for x in r]
                for r in rows
            ]
        i = table.schema.get_field_index(column)
        table = table.set_column(i, column, pa.array(rows, type=schema.field(column).type))
    return table.select(names).cast(schema)


def _unreadable(name: str, file: Path, exc: BaseException) -> Problem:
    """The problem of a file whose pages cannot be decoded, or whose values do not fit."""
    where = f"{file.parent.name}/{file.name}"
    first = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, OSError):
        return Problem("invalid-layout", json_path(name), f"{where} cannot be read: {first}")
    return Problem(
        "wrong-type", json_path(name), f"{where} holds a value its column cannot: {first}"
    )


def _compatible(actual: Any, expected: Any, pa: Any) -> bool:
    """Whether a column of type ``actual`` holds what one of ``expected`` does."""
    t = pa.types
    if t.is_null(actual):
        return True
    if t.is_dictionary(actual):  # a categorical column (pandas, Polars): read as its values
        return bool(t.is_string(expected) and _compatible(actual.value_type, expected, pa))
    if t.is_string(expected):
        return bool(t.is_string(actual) or t.is_large_string(actual) or t.is_string_view(actual))
    if t.is_integer(expected):
        return bool(t.is_integer(actual))
    if t.is_floating(expected):
        return bool(t.is_floating(actual))
    if t.is_boolean(expected):
        return bool(t.is_boolean(actual))
    if t.is_list(expected):
        return bool(
            (t.is_list(actual) or t.is_large_list(actual))
            and _compatible(actual.value_type, expected.value_type, pa)
        )
    if t.is_struct(expected):
        if not t.is_struct(actual):
            return False
        names = [actual.field(i).name for i in range(actual.num_fields)]
        want = [expected.field(i).name for i in range(expected.num_fields)]
        later = {f for fields in OPTIONAL_STRUCT_FIELDS.values() for f in fields}
        if names != want and not (names == want[: len(names)] and later >= set(want[len(names) :])):
            return False
        return all(
            _compatible(actual.field(i).type, expected.field(i).type, pa) for i in range(len(names))
        )
    return bool(actual.equals(expected))


def _check_schema(
    name: str, schema: Any, expected: Any, file: Path, pa: Any, partition: str | None
) -> list[Problem]:
    """The problems of a file's columns; a copy of the partition column is allowed."""
    problems: list[Problem] = []
    where = f"table {name!r} ({file.parent.name}/{file.name})"
    names = schema.names  # a new list at every call: made once (a file may have many columns)
    once: set[str] = set()
    again: set[str] = set()
    for n in names:
        (again if n in once else once).add(n)
    twice = sorted(again)
    for n in twice:
        problems.append(
            Problem("invalid-layout", json_path(name, n), f"{where} has two columns named {n!r}")
        )
    if twice:
        return problems
    for field in expected:
        if field.name not in once and field.name in OPTIONAL_COLUMNS.get(name, ()):
            continue  # written before the column existed: read as empty
        if field.name not in once:
            problems.append(
                Problem(
                    "missing-field",
                    json_path(name, field.name),
                    f"{where} has no column {field.name!r}",
                )
            )
        elif not _compatible(schema.field(field.name).type, field.type, pa):
            problems.append(
                Problem(
                    "wrong-type",
                    json_path(name, field.name),
                    f"{where}: column {field.name!r} is {schema.field(field.name).type}, "
                    f"expected {field.type}",
                )
            )
    known = set(expected.names)
    for extra in names:
        if extra not in known and extra != partition:
            problems.append(
                Problem(
                    "unknown-field",
                    json_path(name, extra),
                    f"{where} has a column {extra!r} that is not part of the format",
                )
            )
    return problems


class _Decode:
    """Turns rows as pyarrow gives them into the items of a JSON file, collecting problems.

    A row's JSON path (``$.units[3]``) is only made when it has a problem.
    """

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, code: str, where: tuple[str, int | None], rest: str, msg: str) -> None:
        table, i = where
        base = json_path(table) if i is None else json_path(table, i)
        self.problems.append(Problem(code, base + rest, msg))

    def scalar(self, v: dict[str, Any] | None, where: tuple[str, int | None], rest: str) -> Any:
        if v is None:
            return None
        s, b, n, d, big = (
            v["string_value"],
            v["bool_value"],
            v["int_value"],
            v["double_value"],
            v["big_int_value"],
        )
        count = (s is not None) + (b is not None) + (n is not None) + (d is not None)
        if count + (big is not None) != 1:
            set_ = [k for k in _SCALAR_FIELDS if v[k] is not None]
            msg = (
                "a value has no field set"
                if not set_
                else f"a value sets {', '.join(set_)}; exactly one of them must be set"
            )
            self.problem("wrong-type", where, rest, msg)
            return None
        if s is not None:
            return s
        if n is not None:
            return int(n)
        if d is not None:
            return d
        if b is not None:
            return b
        if not _BIG_INT.fullmatch(big):
            digits = big[1:] if big.startswith("-") else big
            if digits.isascii() and digits.isdigit():  # more than 400 digits
                self.problem(
                    "number-out-of-range",
                    where,
                    rest,
                    f"big_int_value has {len(digits):,} digits: beyond a float's range",
                )
            else:
                self.problem(
                    "wrong-type",
                    where,
                    rest,
                    f"big_int_value {big[:40]!r} is not the decimal text of an integer",
                )
            return None
        return int(big)

    def attributes(
        self, items: list[dict[str, Any] | None], where: tuple[str, int | None]
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for item in items:
            if item is None:
                self.problem("wrong-type", where, ".attributes", "an attribute is null")
                continue
            key, value = item["key"], item["value"]
            if key is None:
                self.problem("wrong-type", where, ".attributes", "an attribute has no key")
            elif key in out:
                msg = f"the attribute {key!r} appears twice"
                self.problem("duplicate-key", where, ".attributes", msg)
            elif value is None:
                self.problem(
                    "wrong-type", where, f".attributes{_segment(key)}", "the value is null"
                )
            else:
                x = self.scalar(value, where, f".attributes{_segment(key)}")
                if x is not None:
                    out[key] = x
        return out

    def row(self, table: str, row: dict[str, Any], i: int | None) -> dict[str, Any]:
        where = (table, i)
        row.pop("position", None)
        for key in OPTIONAL_COLUMNS.get(table, ()):
            if key in row and row[key] is None:
                del row[key]
        a = row.pop("attributes", None)
        if a:
            a = self.attributes(a, where)
            if a:
                row["attributes"] = a
        for key in ("value", "seed", "rank", "term_years"):
            if key in row and row[key] is not None:
                row[key] = self.scalar(row[key], where, f".{key}")
        if table == "decisions":
            rule = row.get("rule")
            if rule is not None:
                row["rule"] = {k: v for k, v in rule.items() if v is not None}
            for key in ("count", "area"):
                tally = row.get(key)
                if tally is not None:
                    row[key] = {
                        k: v
                        for k, v in (
                            (k, self.scalar(x, where, f".{key}.{k}")) for k, x in tally.items()
                        )
                        if v is not None
                    }
            votes = row.get("votes")
            if votes is not None:
                row["votes"] = [
                    None  # reported as a null vote (expected an object), as in a JSON file
                    if vote is None
                    else {
                        k: v
                        for k, v in (
                            ("person", vote["person"]),
                            ("choice", vote["choice"]),
                            ("area", self.scalar(vote["area"], where, f".votes[{j}].area")),
                            ("proxy", vote["proxy"]),
                        )
                        if v is not None
                    }
                    for j, vote in enumerate(votes)
                ]
        return {k: v for k, v in row.items() if v is not None}


def _longest_string(array: Any, pa: Any, pc: Any) -> int:
    """The length in characters of the longest string anywhere in a (nested) column."""
    t = array.type
    if pa.types.is_struct(t):
        return max(
            (_longest_string(array.field(k), pa, pc) for k in range(t.num_fields)), default=0
        )
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return _longest_string(array.flatten(), pa, pc)
    if pa.types.is_string(t) and len(array) and array.null_count < len(array):
        return int(pc.max(pc.utf8_length(array)).as_py())
    return 0


def read_parquet(
    path: str | os.PathLike[str],
    *,
    districts: Iterable[str] | None = None,
    validate: bool = True,
    strict: bool = False,
    limits: Limits | None = None,
) -> Structure:
    """Read a structure from a partitioned Parquet dataset (see :func:`write_parquet`).

    Parameters
    ----------
    path
        The dataset's directory, written by :func:`write_parquet` or by any tool that writes
        the same layout (Spark's ``partitionBy``, Dask, Polars, DuckDB).
    districts
        Read only these districts (partition values); the others' files are not opened.
        The selection is cut as :func:`govmodel.distributed.split` cuts a structure: a unit
        of the partition kind (the district itself) whose parent is in another district,
        and an organization located in the selection but led from another district, are
        detached from it; any other reference leaving the selection (which the layout
        would have put in the selection) is a dangling reference.
    validate, strict
        As :func:`govmodel.load`: run the semantic checks (default), and treat warnings as
        errors.
    limits
        Size limits (:class:`govmodel.Limits`): ``max_bytes`` bounds the total size of the
        files read, the size their pages decompress to and the number of values they hold
        (a run or a dictionary code can stand for many), and ``max_entities`` the rows of a
        table, all checked from the files' sizes and footers before any row is decoded,
        and ``max_bytes`` again the bytes the strings take once decoded, counted on the
        dictionary-encoded columns before they are expanded; ``max_string`` and
        ``max_problems`` apply as they do to a JSON file.

    Returns
    -------
    Structure
        In the order of the ``position`` columns.

    Raises
    ------
    SpecError
        With every problem found: a missing table (``missing-table``), a layout the format
        does not have (``invalid-layout``: a folder inside a partition folder, two folders
        of one district, a file that is not Parquet or whose pages cannot be read, one
        that is not a regular file, two columns of one name), an unknown district
        (``unknown-partition``), files too large (``too-large``), a missing, mistyped or
        unknown column (``missing-field``, ``wrong-type``, ``unknown-field``, naming the
        table and column; a value its column's type cannot hold, naming the table and
        file), and then every problem of the rows, as :func:`govmodel.load` reports them.
    MissingDependencyError
        Without the ``parquet`` extra.

    Examples
    --------
    >>> import govmodel, tempfile, os
    >>> from govmodel import synth
    >>> from govmodel.io.parquet import read_parquet, write_parquet
    >>> city = synth.city(30, seed=1, districts=2)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     write_parquet(city, os.path.join(d, "city"))
    ...     d1 = read_parquet(os.path.join(d, "city"), districts=["d1"])
    >>> d1.units[0].id, d1.units[0].parent, len(d1.units) < len(city.units)
    ('d1', None, True)
    """
    pa = _pa()
    pq = _pq()
    from govmodel.io.native import _from_data

    lim = limits or DEFAULT_LIMITS
    root = Path(path)
    source = os.fspath(path)
    column, found, problems = _layout(root)
    if problems:
        raise SpecError(problems, source=source)
    try:
        source.encode("utf-8")
    except UnicodeEncodeError:  # a path of bytes no UTF-8 spells: pyarrow opens no file there
        raise SpecError(
            [
                Problem(
                    "invalid-layout", "$", f"the dataset's path {os.fsencode(root)!r} is not UTF-8"
                )
            ],
            source=ascii(source),
        ) from None
    wanted: set[str] | None = None
    if districts is not None:
        if isinstance(districts, str):
            raise TypeError("districts= is a list of districts, not one string")
        wanted = set(districts)
        known = {d for parts in found.values() for d in parts}
        # names first, in order; anything else (districts=[1]) after them, by its repr
        for d in sorted(
            wanted - known,
            key=lambda d: (type(d) is not str, str(d) if type(d) is str else repr(d)),
        ):
            problems.append(
                Problem(
                    "unknown-partition",
                    "$",
                    f"the dataset has no district {d!r}; it has {len(known)}: "
                    + ", ".join(repr(k) for k in sorted(known)[:10])
                    + (", …" if len(known) > 10 else ""),
                )
            )
        if problems:
            raise SpecError(problems, source=source)
    files: dict[str, list[Path]] = {}
    for name in TABLES:
        if name in PARTITIONED:
            folders = [p for d, p in found[name].items() if wanted is None or d in wanted]
        else:
            folders = [root / name]
        files[name] = []
        for folder in folders:
            fs, wrong = _data_files(folder, name)
            files[name].extend(fs)
            problems.extend(wrong)
    if problems:
        raise SpecError(capped(problems, lim.max_problems), source=source)
    size = sum(f.stat().st_size for fs in files.values() for f in fs)
    if size > lim.max_bytes:
        raise SpecError([too_large(size, lim)], source=source)
    types = schemas()
    seen: set[tuple[str, str]] = set()
    opened: dict[str, list[tuple[Path, Any]]] = {}
    decoded = values = 0
    for name, fs in files.items():
        opened[name] = []
        rows = 0
        for f in fs:
            try:
                pf = pq.ParquetFile(f)
            except (pa.ArrowException, OSError) as exc:
                problems.append(
                    Problem(
                        "invalid-layout",
                        json_path(name),
                        f"{f.parent.name}/{f.name} is not Parquet: {exc}",
                    )
                )
                continue
            partition = column if name in PARTITIONED else None
            for p in _check_schema(name, pf.schema_arrow, types[name], f, pa, partition):
                if (p.code, p.path) not in seen:
                    seen.add((p.code, p.path))
                    problems.append(p)
            # what the rows take once decompressed (the footer's sizes), and how many values
            # they hold (a run or a dictionary code may stand for many): bounded before any
            # page is decoded
            meta = pf.metadata
            for g in range(meta.num_row_groups):
                group = meta.row_group(g)
                decoded += group.total_byte_size
                values += sum(group.column(c).num_values for c in range(group.num_columns))
            if partition is not None and partition in pf.schema_arrow.names:
                # a copy of the partition column in the file (Polars writes one) must agree
                value = _unescape(f.parent.name.partition("=")[2])
                try:
                    column_copy = pf.read(columns=[partition]).column(0)
                except (pa.ArrowException, OSError) as exc:
                    problems.append(_unreadable(name, f, exc))
                    continue
                copy = {str(v) for v in column_copy.to_pylist()}
                if copy - {value}:
                    problems.append(
                        Problem(
                            "invalid-layout",
                            json_path(name, partition),
                            f"{f.parent.name}/{f.name} holds rows of {partition} "
                            f"{sorted(copy - {value})[0]!r}",
                        )
                    )
            rows += pf.metadata.num_rows
            opened[name].append((f, pf))
        if rows > lim.max_entities:
            problems.append(
                Problem(
                    "too-many-entities",
                    json_path(name),
                    f"{rows:,} rows of {name} exceed the limit of {lim.max_entities:,} "
                    "(raise it with limits=govmodel.Limits(max_entities=...))",
                )
            )
    for n, what in ((decoded, "bytes once decompressed"), (values, "values")):
        if n > lim.max_bytes:
            problems.append(
                Problem(
                    "too-large",
                    "$",
                    f"the files hold {n:,} {what}, more than the limit of {lim.max_bytes:,} "
                    "bytes (raise it with limits=govmodel.Limits(max_bytes=...))",
                )
            )
    if problems:
        raise SpecError(capped(problems, lim.max_problems), source=source)
    pc = require("pyarrow.compute", "parquet", feature="the Parquet format")
    budget = _Budget(lim, source)
    data: dict[str, Any] = {}
    decode = _Decode()
    longest = 0
    for name in TABLES:
        parts = []
        for f, pf in opened[name]:
            try:
                parts.append(_read_table(pf, types[name], pa, name, budget.spend, f))
            except (pa.ArrowException, OSError) as exc:
                raise SpecError([_unreadable(name, f, exc)], source=source) from exc
        table = pa.concat_tables(parts) if parts else types[name].empty_table()
        del parts
        longest = max(
            longest,
            max((_longest_string(c.combine_chunks(), pa, pc) for c in table.columns), default=0),
        )
        if name == "metadata":
            if table.num_rows != 1:
                raise SpecError(
                    [
                        Problem(
                            "invalid-layout",
                            "$.metadata",
                            f"table 'metadata' has {table.num_rows} rows; it has exactly one",
                        )
                    ],
                    source=source,
                )
            row = table.to_pylist()[0]
            version = row.pop("format_version")
            data["format_version"] = version
            data["metadata"] = decode.row(name, row, None)
            continue
        if table.column("position").null_count:
            decode.problems.append(
                Problem("missing-field", json_path(name, "position"), "a row has no position")
            )
            continue
        table = table.sort_by("position")
        try:
            items = table.to_pylist()
        except UnicodeDecodeError as exc:
            decode.problems.append(
                Problem("invalid-encoding", json_path(name), f"a string is not UTF-8: {exc}")
            )
            continue
        del table
        data[name] = [decode.row(name, r, i) for i, r in enumerate(items)]
        del items
        if len(decode.problems) > lim.max_problems:
            break
    if decode.problems:
        raise SpecError(capped(decode.problems, lim.max_problems), source=source)
    if wanted is not None:
        _detach(data, column)
    return _from_data(
        data,
        validate=validate,
        strict=strict,
        limits=lim,
        source=source,
        # Strings decoded from strict UTF-8 cannot hold a lone surrogate, and their lengths
        # were measured in the columns: the structuring checks neither unless it must.
        surrogates=False,
        lengths=longest > lim.max_string,
        owned=True,
    )


def _detach(data: Mapping[str, Sequence[dict[str, Any]]], column: str | None) -> None:
    """Drop the parents that lie outside a selection of districts (as ``split`` does).

    Only those the layout puts in another district: the parent of a unit of the partition
    kind (``column``, a district under the city), and the parent of an organization located
    in the selection (an organization is placed by its unit, so a leader elsewhere is in
    another district). Any other parent outside the selection would be in the selection had
    it been written, so it stays, to be reported as a dangling reference.
    """
    units = data.get("units", ())
    unit_ids = {item.get("id") for item in units}
    for item in units:
        if "parent" in item and item["parent"] not in unit_ids and item.get("kind") == column:
            del item["parent"]
    organizations = data.get("organizations", ())
    org_ids = {item.get("id") for item in organizations}
    for item in organizations:
        if (
            "parent" in item
            and item["parent"] not in org_ids
            and item.get("unit") in unit_ids
            and item.get("unit") is not None
        ):
            del item["parent"]
