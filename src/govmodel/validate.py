"""The rules every structure obeys, whatever its governance model.

:func:`validate` runs every check and raises one :class:`~govmodel.errors.SpecError` that
lists every error found. The problem codes are stable; :doc:`/errors` lists them all.
"""

from __future__ import annotations

import functools
import math
import operator
import re
import sys
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from difflib import get_close_matches
from fractions import Fraction
from functools import partial
from itertools import chain, repeat
from operator import attrgetter, is_not
from typing import Any

import attrs
import cattrs

from govmodel._convert import (
    _SURROGATE,
    CONVERTER,
    DEFAULT_LIMITS,
    Limits,
    json_path,
    problems_from_exception,
    short_repr,
    shown,
    shown_key,
    too_many_problems,
)
from govmodel.errors import Problem, SpecError
from govmodel.identifiers import check_identifiers
from govmodel.spec import (
    MATTERS,
    SECTIONS,
    SUBSET_FACTS,
    Attributes,
    Decision,
    Metadata,
    Organization,
    Person,
    Structure,
    Tally,
    Unit,
    date_bounds,
    exact,
)
from govmodel.vocab import (
    ATTRIBUTE_TERMS,
    OWNS,
    RESERVED_RELATIONS,
    Category,
    IndicatorType,
    Sector,
    Term,
    Vocabulary,
)

__all__ = [
    "EDGE_RESERVED",
    "NODE_RESERVED",
    "check",
    "require_types",
    "validate",
]

#: Attribute names taken by the graph's own node attributes (see :doc:`/guide/graphs`).
NODE_RESERVED: frozenset[str] = frozenset(
    {
        "entity",
        "kind",
        "name",
        "level",
        "is_party",
        "sector",
        "party_status",
        "indicator",
        "value",
        "period",
        "source",
        "motion",
        "date",
        "outcome",
        "label",
        "pos",
        "color",
        "parent",
        "unit",
        "id",
    }
)
#: Prefixes of graph node attribute names that attributes may not use.
NODE_RESERVED_PREFIXES: tuple[str, ...] = ("identifier:", "rule_", "heads_", "area_tally_", "attr:")
#: Attribute names taken by the graph's own edge attributes.
EDGE_RESERVED: frozenset[str] = frozenset(
    {
        "relation",
        "role",
        "start",
        "end",
        "seq",
        "choice",
        "area",
        "id",
        "key",
        "source",
        "target",
        "tie",
    }
)

_TERM_NAME = re.compile(r"\A[a-z][a-z0-9_]*\Z")
_NODE_SECTIONS = ("units", "organizations", "people", "observations", "decisions")
_SECTIONS = ("units", "organizations", "people", "posts", "ties", "observations", "decisions")


class _Ctx:
    """Where things are: paths of entities, and which ids exist.

    ``section_of`` and ``index_of`` (the section and index of the first entity with each id)
    are built on first use: when every check passes its fast test, they are never needed.
    """

    def __init__(
        self,
        s: Structure,
        positions: Mapping[str, Sequence[int]] | None,
        skip_ids: Iterable[str],
    ) -> None:
        self.s = s
        self.positions = positions or {}
        self.skip = set(skip_ids)
        self.vocab: Vocabulary = s.vocab
        self._section_of: dict[str, str] | None = None
        self._index_of: dict[str, int] | None = None
        self.fast = _Fast(s)
        self.hints: dict[tuple[str, str], str | None] = {}
        self.hint_budget = _HINT_BUDGET

    def _maps(self) -> None:
        section_of: dict[str, str] = {}
        index_of: dict[str, int] = {}
        for section in _SECTIONS:
            for i, e in enumerate(getattr(self.s, section)):
                if e.id not in section_of:
                    section_of[e.id] = section
                    index_of[e.id] = i
        self._section_of, self._index_of = section_of, index_of

    @property
    def section_of(self) -> dict[str, str]:
        """The section of the first entity with each id."""
        if self._section_of is None:
            self._maps()
        assert self._section_of is not None
        return self._section_of

    @property
    def index_of(self) -> dict[str, int]:
        """The index in its section of the first entity with each id."""
        if self._index_of is None:
            self._maps()
        assert self._index_of is not None
        return self._index_of

    def in_section(self, ref: str, section: str) -> bool:
        """Whether the first entity with id ``ref`` is one of ``section``."""
        if self._section_of is None and self.fast.ids_unique():
            return ref in self.fast.id_set(section)
        return self.section_of.get(ref) == section

    def path(self, section: str, i: int, *rest: str | int) -> str:
        pos = self.positions.get(section)
        j = pos[i] if pos is not None and i < len(pos) else i
        return f"$.{section}[{j}]" + _steps(rest)


def _steps(rest: Iterable[str | int]) -> str:
    """The path below a value: ``[i]`` for an index, ``.name`` or ``['name']`` for a key."""
    return "".join(f"[{r}]" if isinstance(r, int) else _step(r) for r in rest)


def _step(name: str) -> str:
    """The path step to a field or key ``name``: at most 80 characters of it, lone
    surrogates escaped so that the path can be printed (see :func:`shown_key`), and
    within brackets quotes and backslashes escaped (``['a\\'b']``), as the readers write
    it (:func:`~govmodel._convert.json_path`)."""
    shown = shown_key(name)
    if shown.isidentifier():
        return f".{shown}"
    if "\\" not in name and "'" not in name:
        return f"['{shown}']"
    if _SURROGATE.search(name) is None:
        return json_path(name)[1:]
    # the backslash of an escaped surrogate stays single, as the paths of such keys have it
    return "['" + shown_key(name.replace("\\", "\\\\").replace("'", "\\'")) + "']"


class _Found(list[Problem]):
    """The problems found, up to a limit. Past it, problems are left out (``cut``); once an
    error is left out (``full``), :meth:`extend` stops reading (the checks are generators,
    so no further problem is even made). Warnings left out do not stop it: whether an error
    lies past them decides whether the structure is valid.

    With ``apart``, errors and warnings are each kept up to the limit, so that warnings
    found first do not take the place of the errors (for :func:`validate`, which raises the
    errors alone)."""

    def __init__(self, limit: int, *, apart: bool = False) -> None:
        super().__init__()
        self.limit = limit
        self.apart = apart
        self.errors = 0
        self.warnings = 0
        self.full = False
        self.cut = False

    def extend(self, problems: Iterable[Problem]) -> None:
        if self.full:
            return
        append = super().append
        apart, limit = self.apart, self.limit
        for p in problems:
            if p.severity == "error":
                if (self.errors if apart else len(self)) < limit:
                    append(p)
                    self.errors += 1
                    continue
                self.cut = self.full = True
                return
            if (self.warnings if apart else len(self)) < limit:
                append(p)
                self.warnings += 1
                continue
            self.cut = True


def check(
    structure: Structure,
    *,
    positions: Mapping[str, Sequence[int]] | None = None,
    skip_ids: Iterable[str] = (),
    max_problems: int = DEFAULT_LIMITS.max_problems,
) -> list[Problem]:
    """Every problem of a structure, errors and warnings, without raising.

    Parameters
    ----------
    structure
        The structure to check.
    positions
        For each section, the index in the source file of each entity (when some entities
        of the file could not be read, so that paths still point into the file).
    skip_ids
        Ids of entities that exist in the source but could not be read: references to them
        are not reported as dangling.
    max_problems
        Stop after this many problems, and end the list with a ``too-many-problems`` problem:
        an error if an error was left out, else (only warnings were) a warning, so that a
        structure whose only problems are warnings is valid however many they are.

    Notes
    -----
    A structure built in Python may hold, in a field, a value of another type (the spec
    classes do not type their values on construction; the readers do). Such values are
    found first, in one pass over each field's column, and reported as the readers report
    them (``wrong-type`` and the like, at their paths); the entities holding them are left
    out of the other checks, as a reader leaves out what it cannot read, and references to
    them are not reported. A structure found well typed, or read by a reader, is not typed
    again. Complexity: linear in the structure.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.validate import check
    >>> check(govmodel.datasets.load("xihu"))
    []
    >>> from govmodel.spec import Structure, Unit
    >>> [str(p) for p in check(Structure(units=[Unit("c1", "compound", parent=17)]))]
    ['$.units[0].parent: wrong-type: expected a string, got an integer']
    """
    return _check(structure, positions=positions, skip_ids=skip_ids, max_problems=max_problems)


def _check(
    structure: Structure,
    *,
    positions: Mapping[str, Sequence[int]] | None = None,
    skip_ids: Iterable[str] = (),
    max_problems: int = DEFAULT_LIMITS.max_problems,
    apart: bool = False,
) -> list[Problem]:
    """:func:`check`; with ``apart``, errors and warnings are each listed up to
    ``max_problems`` (see :class:`_Found`)."""
    out = _Found(max_problems, apart=apart)
    if not structure._cache.get(TYPES_CHECKED):
        typed = _typed(structure, positions, limit=max_problems)
        if typed is None:
            structure._cache[TYPES_CHECKED] = True
        else:  # the rest is checked without the entities of the wrong types
            structure, found, positions, left_out = typed
            out.extend(found)
            skip_ids = {*skip_ids, *left_out}
    ctx = _Ctx(structure, positions, skip_ids)
    fast = ctx.fast
    vocab = ctx.vocab
    # Each check first runs a test that passes only when the check would find nothing: bulk
    # set operations over the distinct values, at C speed. Only when the test fails does the
    # check itself run, entity by entity, to find and word every problem.
    if not fast.ids_clean():
        out.extend(_ids(ctx))
    out.extend(_vocabulary(ctx))
    if not fast.terms_clean(vocab):
        out.extend(_terms(ctx))
    if not fast.references_clean(ctx.skip):
        out.extend(_references(ctx))
    ties = structure.ties
    if any(map(operator.eq, map(_SOURCE, ties), map(_TARGET, ties))):  # at C speed
        out.extend(_self_ties(ctx))
    if not fast.units_rank_down(vocab):
        out.extend(_cycles(ctx, "units", "containment-cycle", "contained in"))
    out.extend(_cycles(ctx, "organizations", "leadership-cycle", "led by"))
    if not fast.containment_clean(vocab):
        out.extend(_containment(ctx))
    if not fast.dates_clean():
        out.extend(_dates(ctx))
    if not fast.attributes_clean(vocab):
        out.extend(_attributes(ctx))
    if not fast.observations_clean(vocab):
        out.extend(_observations(ctx))
    if structure.metadata.attributes or structure.metadata.seed is not None:
        out.extend(_metadata(ctx))
    out.extend(_decisions(ctx))
    out.extend(_history(ctx))
    if any(p.mobility is not None for p in structure.people):
        out.extend(_party(ctx))
    out.extend(_roster(ctx))
    if not fast.strings_clean():
        out.extend(_strings(ctx))
    if fast.has_identifiers():
        out.extend(check_identifiers(structure, positions=positions))
    if out.cut:
        last = too_many_problems(max_problems)
        if not out.full:  # only warnings were left out: the structure may yet be valid
            last = attrs.evolve(last, severity="warning")
        return [*out, last]
    return list(out)


def validate(
    structure: Structure, *, strict: bool = False, limits: Limits | None = None
) -> tuple[Problem, ...]:
    """Check a structure against the rules every structure obeys.

    Parameters
    ----------
    structure
        The structure to check.
    strict
        Treat warnings as errors.
    limits
        Only ``max_problems`` applies: checking stops after that many errors, and the
        list ends with ``too-many-problems`` (without ``strict``, the warnings are counted
        apart, up to as many, so that those found first do not take the errors' place;
        with ``strict``, all problems count). The defaults when ``None``.

    Returns
    -------
    tuple of Problem
        The warnings (empty with ``strict``, since they would have been raised).

    Raises
    ------
    SpecError
        Listing every error (and, with ``strict``, every warning), each with its code, its
        JSON path and a message.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.spec import Structure, Unit
    >>> govmodel.validate(govmodel.datasets.load("yuetang"))
    ()
    >>> bad = Structure(units=[Unit("b1", "building"), Unit("c1", "community", parent="b1")])
    >>> govmodel.validate(bad)
    Traceback (most recent call last):
    ...
    govmodel.errors.SpecError: 1 problem:
      $.units[1].parent: invalid-containment: a community ('c1') cannot sit inside a building ('b1')
    """
    lim = limits or DEFAULT_LIMITS
    # the errors are listed up to the limit however many warnings come before them
    problems = _check(structure, max_problems=lim.max_problems, apart=not strict)
    errors = [p for p in problems if p.severity == "error" or strict]
    if errors:
        raise SpecError(errors)
    return tuple(p for p in problems if p.severity == "warning")


# -- checks ---------------------------------------------------------------------------------


def _ids(ctx: _Ctx) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    for section in (
        "units",
        "organizations",
        "people",
        "posts",
        "ties",
        "observations",
        "decisions",
    ):
        for i, e in enumerate(getattr(ctx.s, section)):
            here = ctx.path(section, i, "id")
            if not e.id or e.id != e.id.strip() or any(ord(ch) < 32 for ch in e.id):
                yield Problem(
                    "invalid-id",
                    here,
                    f"id {shown(e.id)} must be non-empty, without control characters "
                    "or surrounding spaces",
                )
            if section in ("posts", "ties") and e.id in RESERVED_RELATIONS:
                yield Problem(
                    "reserved-id",
                    here,
                    f"id {shown(e.id)} is reserved for the graph's structural edges; choose another",
                )
            first = seen.get(e.id)
            if first is not None:
                yield Problem("duplicate-id", here, f"id {shown(e.id)} is already used by {first}")
            else:
                seen[e.id] = ctx.path(section, i)


#: The highest rank a declared unit kind may have (the built-in ranks run from 0 to 9).
_MAX_RANK = 10_000


#: The fields of a term that hold one of a closed set of names (``None`` for no sector or
#: type), which a term built in Python may hold anything in.
_TERM_CHOICES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("category", typing.get_args(Category)),
    ("sector", typing.get_args(Sector)),
    ("type", typing.get_args(IndicatorType)),
)


def _vocabulary(ctx: _Ctx) -> Iterator[Problem]:
    seen: set[tuple[str, str]] = set()
    for i, t in enumerate(ctx.s.vocabulary):
        here = ctx.path("vocabulary", i)
        for field, allowed in _TERM_CHOICES:
            value = getattr(t, field)
            if value is not None or field == "category":
                yield from _one_of(value, allowed, f"{here}.{field}", field)
        if not _TERM_NAME.match(t.name):
            yield Problem(
                "invalid-term",
                here + ".name",
                f"term name {shown(t.name)} must be snake_case: lower-case letters, digits and _",
            )
        if (t.category, t.name) in seen:
            yield Problem(
                "duplicate-term",
                here + ".name",
                f"{shown_key(str(t.category))} term {shown(t.name)} is declared twice",
            )
        seen.add((t.category, t.name))
        if t.category == "relations" and t.name in RESERVED_RELATIONS:
            yield Problem(
                "reserved-relation",
                here + ".name",
                f"relation {shown(t.name)} is reserved by govmodel",
            )
        if t.part_of is not None and ("indicators", t.part_of) not in ctx.vocab:
            yield Problem(
                "unknown-term", here + ".part_of", f"unknown indicator {shown(t.part_of)}"
            )
        if isinstance(t.within, frozenset) and all(isinstance(k, str) for k in t.within):
            for kind in sorted(t.within):
                if ("unit_kinds", kind) not in ctx.vocab:
                    yield from _term(ctx, "unit_kinds", kind, here + ".within", "unit kind")
        if t.rank is not None and (type(t.rank) is not int or not 0 <= t.rank <= _MAX_RANK):
            yield Problem(
                "invalid-term",
                here + ".rank",
                f"a rank is a whole number from 0 (nation) to {_MAX_RANK:,}",
            )


#: The most names of terms the suggestions of one check compare an unknown term with (with
#: :mod:`difflib`, some microseconds each): past it, an unknown term is reported without a
#: suggestion, so that thousands of unknown terms against thousands of declared ones stay
#: fast (a check of the built-in vocabulary, 33 terms a category at most, lists 1,000
#: problems by default, all with their suggestions).
_HINT_BUDGET = 100_000


def _hint(ctx: _Ctx, category: Category, name: str) -> str | None:
    """The term of ``category`` closest to ``name`` (:meth:`Vocabulary.suggest`), each
    name's asked once, within the check's :data:`_HINT_BUDGET`."""
    key = (category, name)
    if key in ctx.hints:
        return ctx.hints[key]
    size = len(ctx.vocab.category(category))
    hint = None
    if size <= ctx.hint_budget:
        ctx.hint_budget -= size
        hint = ctx.vocab.suggest(category, name)
    ctx.hints[key] = hint
    return hint


def _term(ctx: _Ctx, category: Category, name: str, path: str, what: str) -> Iterator[Problem]:
    if name not in ctx.vocab.category(category):
        hint = _hint(ctx, category, name)
        more = f"; did you mean {shown(hint)}?" if hint else "; declare it in the file's vocabulary"
        yield Problem("unknown-term", path, f"unknown {what} {shown(name)}{more}")


def _terms(ctx: _Ctx) -> Iterator[Problem]:
    s = ctx.s
    for i, u in enumerate(s.units):
        yield from _term(ctx, "unit_kinds", u.kind, ctx.path("units", i, "kind"), "unit kind")
    for i, o in enumerate(s.organizations):
        yield from _term(
            ctx,
            "organization_kinds",
            o.kind,
            ctx.path("organizations", i, "kind"),
            "organization kind",
        )
    for i, p in enumerate(s.people):
        if p.party is not None:
            yield from _term(
                ctx, "party_statuses", p.party, ctx.path("people", i, "party"), "party status"
            )
        if isinstance(p.mobility, str):
            yield from _term(
                ctx,
                "party_mobilities",
                p.mobility,
                ctx.path("people", i, "mobility"),
                "party mobility",
            )
    for i, post in enumerate(s.posts):
        yield from _term(ctx, "roles", post.role, ctx.path("posts", i, "role"), "role")
    for i, t in enumerate(s.ties):
        here = ctx.path("ties", i, "relation")
        if t.relation in RESERVED_RELATIONS:
            yield Problem(
                "reserved-relation",
                here,
                f"relation {shown(t.relation)} is structural: use the entity's field instead of a tie",
            )
        else:
            yield from _term(ctx, "relations", t.relation, here, "relation")
    for i, ob in enumerate(s.observations):
        yield from _term(
            ctx, "indicators", ob.indicator, ctx.path("observations", i, "indicator"), "indicator"
        )


def _ref(
    ctx: _Ctx, ref: str | None, allowed: tuple[str, ...], path: str, owner: str, field: str
) -> Iterator[Problem]:
    if ref is None or ref in ctx.skip:
        return
    section = ctx.section_of.get(ref)
    if section is None:
        yield Problem(
            "dangling-reference", path, f"{owner} names {field} {shown(ref)}, which does not exist"
        )
    elif section not in allowed:
        want = " or ".join(f"the {a}" for a in allowed)
        yield Problem(
            "wrong-reference-kind",
            path,
            f"{owner} names {field} {shown(ref)}, which is one of the {section}, not one of {want}",
        )


def _references(ctx: _Ctx) -> Iterator[Problem]:
    s = ctx.s
    for i, u in enumerate(s.units):
        yield from _ref(
            ctx,
            u.parent,
            ("units",),
            ctx.path("units", i, "parent"),
            f"unit {shown(u.id)}",
            "parent",
        )
    for i, o in enumerate(s.organizations):
        owner = f"organization {shown(o.id)}"
        yield from _ref(
            ctx, o.unit, ("units",), ctx.path("organizations", i, "unit"), owner, "unit"
        )
        yield from _ref(
            ctx,
            o.parent,
            ("organizations",),
            ctx.path("organizations", i, "parent"),
            owner,
            "parent",
        )
    for i, p in enumerate(s.posts):
        owner = f"post {shown(p.id)}"
        yield from _ref(ctx, p.person, ("people",), ctx.path("posts", i, "person"), owner, "person")
        yield from _ref(
            ctx,
            p.organization,
            ("organizations",),
            ctx.path("posts", i, "organization"),
            owner,
            "organization",
        )
    for i, t in enumerate(s.ties):
        owner = f"tie {shown(t.id)}"
        yield from _ref(
            ctx, t.source, _NODE_SECTIONS, ctx.path("ties", i, "source"), owner, "source"
        )
        yield from _ref(
            ctx, t.target, _NODE_SECTIONS, ctx.path("ties", i, "target"), owner, "target"
        )
    for i, ob in enumerate(s.observations):
        allowed = ("units", "organizations", "people")
        yield from _ref(
            ctx,
            ob.subject,
            allowed,
            ctx.path("observations", i, "subject"),
            f"observation {shown(ob.id)}",
            "subject",
        )
    for i, d in enumerate(s.decisions):
        owner = f"decision {shown(d.id)}"
        yield from _ref(
            ctx, d.body, ("organizations",), ctx.path("decisions", i, "body"), owner, "body"
        )
        for j, v in enumerate(d.votes):
            yield from _ref(
                ctx,
                v.person,
                ("people",),
                ctx.path("decisions", i, "votes", j, "person"),
                owner,
                "voter",
            )
            yield from _ref(
                ctx,
                v.proxy,
                ("people",),
                ctx.path("decisions", i, "votes", j, "proxy"),
                owner,
                "proxy",
            )


_SOURCE, _TARGET = attrgetter("source"), attrgetter("target")


def _self_ties(ctx: _Ctx) -> Iterator[Problem]:
    """A warning for each tie from an entity to itself: no relation of governance holds
    between an entity and itself (it serves, leads or owns itself)."""
    for i, t in enumerate(ctx.s.ties):
        if t.source == t.target:
            yield Problem(
                "self-tie",
                ctx.path("ties", i, "target"),
                f"tie {shown(t.id)} ties {shown(t.source)} to itself ({shown(t.relation)})",
                severity="warning",
            )


def _cycles(ctx: _Ctx, section: str, code: str, verb: str) -> Iterator[Problem]:
    items = getattr(ctx.s, section)
    parent: dict[str, str] = {}
    in_section = ctx.in_section
    for e in items:
        if e.parent is not None and in_section(e.parent, section):
            parent.setdefault(e.id, e.parent)
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in parent:
        if state.get(start):
            continue
        path: list[str] = []
        node: str | None = start
        while node is not None and not state.get(node):
            state[node] = 1
            path.append(node)
            node = parent.get(node)
        if node is not None and state.get(node) == 1:
            cycle = path[path.index(node) :]
            first = min(cycle, key=lambda x: ctx.index_of.get(x, 0))
            k = cycle.index(first)
            cycle = cycle[k:] + cycle[:k]
            ring = " → ".join(shown(c) for c in [*cycle, cycle[0]])
            i = ctx.index_of.get(first, 0)
            yield Problem(
                code,
                ctx.path(section, i, "parent"),
                f"{section} {verb} each other in a cycle: {ring}"
                if len(cycle) > 1
                else f"{section[:-1]} {shown(first)} is {verb} itself (its own parent)",
            )
        for n in path:
            state[n] = 2


def _containment(ctx: _Ctx) -> Iterator[Problem]:
    units = ctx.s.units
    by_id: dict[str, Unit] = {}
    for u in units:  # the first unit with each id, as references name (a later one is a duplicate)
        by_id.setdefault(u.id, u)
    known = ctx.vocab.category("unit_kinds")
    for i, u in enumerate(units):
        if u.parent is None or u.parent not in by_id:
            continue
        p = by_id[u.parent]
        if u.kind not in known or p.kind not in known:
            continue
        if not ctx.vocab.may_contain(p.kind, u.kind):
            yield Problem(
                "invalid-containment",
                ctx.path("units", i, "parent"),
                f"a {u.kind} ({shown(u.id)}) cannot sit inside a {p.kind} ({shown(p.id)})",
            )


def _date(value: str | None, path: str) -> tuple[Problem | None, tuple[str, str] | None]:
    if value is None:
        return None, None
    try:
        return None, date_bounds(value)
    except ValueError as exc:
        return Problem("invalid-date", path, str(exc)), None


def _interval(
    ctx: _Ctx, section: str, i: int, start: str | None, end: str | None
) -> Iterator[Problem]:
    p1, b1 = _date(start, ctx.path(section, i, "start"))
    p2, b2 = _date(end, ctx.path(section, i, "end"))
    if p1:
        yield p1
    if p2:
        yield p2
    if b1 and b2 and b2[1] < b1[0]:
        yield Problem(
            "end-before-start", ctx.path(section, i, "end"), f"ends {end} before it starts {start}"
        )


def _period(value: str | None, path: str) -> Iterator[Problem]:
    if value is None:
        return
    parts = value.split("/")
    if len(parts) > 2:
        yield Problem(
            "invalid-date", path, f"{shown(value)} is neither a date nor an interval 'start/end'"
        )
        return
    bounds = []
    for part in parts:
        p, b = _date(part, path)
        if p:
            # the part is named within its period: "'' is not an ISO date" alone says not where
            yield (
                p
                if len(parts) == 1
                else attrs.evolve(p, message=f"{p.message}, in the period {shown(value)}")
            )
            return
        bounds.append(b)
    if len(bounds) == 2 and bounds[0] and bounds[1] and bounds[1][1] < bounds[0][0]:
        yield Problem("end-before-start", path, f"the period {shown(value)} ends before it starts")


def _dates(ctx: _Ctx) -> Iterator[Problem]:
    for i, p in enumerate(ctx.s.posts):
        yield from _interval(ctx, "posts", i, p.start, p.end)
    for i, t in enumerate(ctx.s.ties):
        yield from _interval(ctx, "ties", i, t.start, t.end)
    for i, ob in enumerate(ctx.s.observations):
        yield from _period(ob.period, ctx.path("observations", i, "period"))
    for i, d in enumerate(ctx.s.decisions):
        bad, _ = _date(d.date, ctx.path("decisions", i, "date"))
        if bad:
            yield bad


def _history(ctx: _Ctx) -> Iterator[Problem]:
    """The dates and succession of units and organizations, and the matters of decisions."""
    s = ctx.s
    sections: tuple[tuple[str, Sequence[Unit | Organization]], ...] = (
        ("units", s.units),
        ("organizations", s.organizations),
    )
    for section, items in sections:
        what = "unit" if section == "units" else "organization"
        for i, e in enumerate(items):
            if e.start is not None or e.end is not None:
                yield from _interval(ctx, section, i, e.start, e.end)
            if not e.formed_from and e.replaced_by is None:
                continue  # no succession to check (most entities): no path or name made
            owner = f"{what} {shown(e.id)}"
            for field, refs in (("formed_from", e.formed_from), ("replaced_by", (e.replaced_by,))):
                for j, ref in enumerate(refs):
                    if ref == e.id:
                        here = (
                            ctx.path(section, i, field, j)
                            if field == "formed_from"
                            else ctx.path(section, i, field)
                        )
                        yield Problem(
                            "invalid-value",
                            here,
                            f"{owner} names itself in {field}: a {what} succeeds others, not itself",
                        )
            for j, ref in enumerate(e.formed_from):
                yield from _ref(
                    ctx,
                    ref,
                    (section,),
                    ctx.path(section, i, "formed_from", j),
                    owner,
                    "formed_from",
                )
            yield from _ref(
                ctx,
                e.replaced_by,
                (section,),
                ctx.path(section, i, "replaced_by"),
                owner,
                "replaced_by",
            )
    yield from _terms_of_office(ctx)
    for i, d in enumerate(s.decisions):
        if d.matter is not None and d.matter not in MATTERS:
            close = get_close_matches(str(d.matter), MATTERS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            yield Problem(
                "unknown-term",
                ctx.path("decisions", i, "matter"),
                f"{shown(d.matter)} is not a matter of Civil Code art. 278 "
                f"({', '.join(MATTERS)}){hint}",
            )


#: The attributes that carried a body's term of office before the fields ``term_start`` and
#: ``term_years`` of :class:`~govmodel.spec.Organization` (still read; deprecated).
TERM_ATTRIBUTES = ("term_start", "term_years")
#: The longest term of office, in years, a file may record.
MAX_TERM_YEARS = 10
#: The last year a date can name (:data:`datetime.MAXYEAR`).
_LAST_YEAR = 9999


def _term_problems(
    start: object,
    years: object,
    here: Callable[[str], str],
    *,
    started: bool = False,
    attribute: bool = False,
) -> Iterator[Problem]:
    """The problems of a term of office: ``start`` a partial ISO date, ``years`` a whole
    number from 1 to :data:`MAX_TERM_YEARS`, and no length without a start (unless
    ``started``: the start is recorded elsewhere). ``here(name)`` is the path of ``name``.
    An ``attribute``'s length beyond a float's range is left to :func:`_attributes`, which
    reports it with every attribute's."""
    last_year: int | None = None  # the year the term's start covers last
    if start is not None:
        if not isinstance(start, str):
            yield Problem(
                "wrong-type", here("term_start"), f"term_start is a date, not {shown(start)}"
            )
        else:
            bad, bounds = _date(start, here("term_start"))
            if bad:
                yield bad
            elif bounds is not None:
                last_year = int(bounds[1][:4])
    if years is not None:
        if isinstance(years, bool) or not isinstance(years, int):
            yield Problem(
                "wrong-type",
                here("term_years"),
                f"term_years is a whole number, not {shown(years)}",
            )
        elif not 1 <= years <= MAX_TERM_YEARS:
            if attribute and _too_big(years):
                return
            yield Problem(
                "number-out-of-range",
                here("term_years"),
                f"a term of {short_repr(years)} years is not one of 1 to {MAX_TERM_YEARS}",
            )
        elif start is None and not started:
            yield Problem(
                "missing-field",
                here("term_start"),
                "a term length (term_years) without the election that began it (term_start)",
            )
        elif last_year is not None and last_year + years >= _LAST_YEAR:
            yield Problem(
                "number-out-of-range",
                here("term_years"),
                f"a term of {years} years from {start} ends in {last_year + years}: a term "
                f"must end by {_LAST_YEAR - 1}-12-31, so that the days after it are dates "
                f"too (the last is {_LAST_YEAR}-12-31)",
            )
    elif last_year is not None and last_year + MAX_TERM_YEARS >= _LAST_YEAR:
        yield Problem(
            "number-out-of-range",
            here("term_start"),
            f"a term from {start} with no term_years runs as long as its law sets (up to "
            f"{MAX_TERM_YEARS} years), to as late as {last_year + MAX_TERM_YEARS}: a term "
            f"must end by {_LAST_YEAR - 1}-12-31, so elected by {_LAST_YEAR - 1 - MAX_TERM_YEARS}",
        )


def _terms_of_office(ctx: _Ctx) -> Iterator[Problem]:
    """A body's term of office: the fields ``term_start`` (a partial date) and
    ``term_years`` (a whole number of years from 1 to 10) of an organization, or the
    attributes of the same names that files written before the fields carry. A term
    belongs to an organization: as an attribute of a unit or a person it is a term without
    a body. Where a field and its attribute are both given, they must agree."""
    s = ctx.s
    bodiless: tuple[tuple[str, Sequence[Unit | Person]], ...] = (
        ("units", s.units),
        ("people", s.people),
    )
    for section, items in bodiless:
        # the attributes' own dicts, each asked once whether it holds a term's key
        for i, d in enumerate(map(_ATTRIBUTE_DATA, items)):
            if not d or d.keys().isdisjoint(TERM_ATTRIBUTES):
                continue
            for key in TERM_ATTRIBUTES:
                if key in d:
                    yield Problem(
                        "invalid-value",
                        ctx.path(section, i, "attributes", key),
                        f"{key} is a term of office, which only a body (an organization) has",
                    )
    for i, o in enumerate(s.organizations):
        a = o.attributes._data
        legacy = bool(a) and not a.keys().isdisjoint(TERM_ATTRIBUTES)
        if o.term_start is None and o.term_years is None and not legacy:
            continue
        old_start, old_years = (
            (a.get("term_start"), a.get("term_years")) if legacy else (None, None)
        )
        yield from _term_problems(
            o.term_start,
            o.term_years,
            partial(ctx.path, "organizations", i),
            started=old_start is not None,
        )
        if not legacy:
            continue
        yield from _term_problems(
            old_start,
            old_years,
            partial(ctx.path, "organizations", i, "attributes"),
            started=o.term_start is not None,
            attribute=True,
        )
        for key, field, old in (
            ("term_start", o.term_start, old_start),
            ("term_years", o.term_years, old_years),
        ):
            if field is not None and old is not None and (type(old), old) != (type(field), field):
                yield Problem(
                    "invalid-value",
                    ctx.path("organizations", i, "attributes", key),
                    f"the attribute {key} ({shown(old)}) contradicts the field {key} "
                    f"({shown(field)}); the field is read: drop the attribute",
                )


def _party(ctx: _Ctx) -> Iterator[Problem]:
    """A member's mobility: only a party member has one, and the status ``"mobile"`` (a
    full member who is mobile, from files written before ``mobility``) cannot be
    ``"normal"``."""
    for i, p in enumerate(ctx.s.people):
        m: object = p.mobility
        if m is None:
            continue
        here = ctx.path("people", i, "mobility")
        if not isinstance(m, str):
            yield Problem("wrong-type", here, f"mobility is a term, not {shown(m)}")
        elif p.party is None:
            yield Problem(
                "invalid-value",
                here,
                f"{shown(p.id)} has a party mobility ({shown(m)}) but no party status: "
                "only a party member has one",
            )
        elif p.party == "mobile" and m != "mobile":
            yield Problem(
                "invalid-value",
                here,
                f"{shown(p.id)} has the party status 'mobile' (a mobile member) but the "
                f"mobility {shown(m)}; write party 'active' with the mobility",
            )


def _roster(ctx: _Ctx) -> Iterator[Problem]:
    """An owners' roster: where the structure records owners (ties ``owns`` from a person to
    a unit), every vote in an owners' assembly is an owner's. (The registered areas, the
    attribute ``floor_area_m2``, are checked with the other attributes named after an
    indicator: a number, not negative.) A voter who is no person is reported once, as
    such, by :func:`_references`."""
    s = ctx.s
    owners = {t.source for t in s.ties if t.relation == OWNS}
    if not owners:
        return
    assemblies = {o.id for o in s.organizations if o.kind == "owners_assembly"}
    for i, d in enumerate(s.decisions):
        if d.body not in assemblies:
            continue
        for j, v in enumerate(d.votes):
            # a voter who is no person is reported as such (_references), not twice
            if (
                v.person not in owners
                and v.person not in ctx.skip
                and ctx.in_section(v.person, "people")
            ):
                yield Problem(
                    "dangling-reference",
                    ctx.path("decisions", i, "votes", j, "person"),
                    f"{shown(v.person)} votes in the owners' assembly {shown(d.body)} but owns "
                    "nothing in the roster (no 'owns' tie)",
                )


_FLOAT_MAX = int(sys.float_info.max)


def _too_big(value: object) -> bool:
    """Whether ``value`` is an integer beyond the range of a float (no measure can use it)."""
    return type(value) is int and abs(value) > _FLOAT_MAX


def _value_problems(ctx: _Ctx, indicator: str, value: Any, path: str) -> Iterator[Problem]:
    t = ctx.vocab.category("indicators").get(indicator)
    if t is None or t.type is None or t.type == "value":
        return
    if isinstance(value, bool) or not isinstance(value, int | float):
        yield Problem("wrong-type", path, f"{indicator} must be a number, got {shown(value)}")
        return
    if isinstance(value, float) and not math.isfinite(value):
        yield Problem("non-finite-number", path, f"{indicator} must be finite, got {value}")
        return
    if t.type == "count":
        if value < 0:
            yield Problem("negative-count", path, f"{indicator} is a count and cannot be {value}")
        elif isinstance(value, float) and not value.is_integer():
            yield Problem(
                "not-a-whole-number", path, f"{indicator} is a count and cannot be {value}"
            )
    elif t.type == "rate":
        if not 0 <= value <= 1:
            yield Problem(
                "rate-out-of-range", path, f"{indicator} is a rate in [0, 1], got {value}"
            )
    elif t.type == "amount" and value < 0:
        yield Problem("negative-amount", path, f"{indicator} cannot be negative, got {value}")


class _TypeNames(dict[type, str]):
    """The kind of value a graph format writes an attribute of each type as: ``boolean``,
    ``number`` (integers and floats, subclasses such as numpy's ``float64`` too) or
    ``string``; a dictionary filled as types are met."""

    def __missing__(self, t: type) -> str:
        name = (
            "boolean"
            if issubclass(t, bool)
            else "number"
            if issubclass(t, int | float)
            else "string"
        )
        self[t] = name
        return name


_SCALAR_TYPE = _TypeNames({bool: "boolean", int: "number", float: "number", str: "string"})


def _readable(values: Iterable[Any]) -> bool:
    """Whether no value is NaN, an infinity or an integer beyond a float's range (the
    numbers no reader takes back); values of other types are left to the other checks."""
    big = _FLOAT_MAX
    return all(
        (-big <= v <= big) if type(v) is int else (type(v) is not float or v - v == 0.0)
        for v in values
    )


#: Every finite float is a whole multiple of ``2**-1074`` (the least subnormal), so a sum of
#: ints and floats is exact as a whole number of those.
_ULP_BITS = 1074
#: :data:`_FLOAT_MAX` as a whole number of ``2**-1074``.
_SCALED_MAX = _FLOAT_MAX << _ULP_BITS


def _scaled(value: int | float) -> int:
    """``abs(value)`` exactly, as a whole number of ``2**-1074`` (``value`` finite)."""
    if isinstance(value, int):
        return abs(int(value)) << _ULP_BITS
    top, bottom = abs(float(value)).as_integer_ratio()  # bottom is a power of two
    return top << (_ULP_BITS + 1 - bottom.bit_length())


def _summable(numbers: Sequence[Any]) -> bool:
    """Whether ``numbers`` (ints and finite floats, each within a float's range) add up, in
    size, within a float's range: every total or rollup of them can be made.

    The total is the exact sum :math:`\\sum_i |x_i|`, whatever the order of the numbers (as
    :class:`_Sums` has it). A sum in floats, first, settles all but totals near the limit:
    its relative error is below :math:`n\\varepsilon` (Higham, *Accuracy and Stability of
    Numerical Algorithms*, 2002, §4.2), so a float total up to half the limit is within it.
    """
    try:
        rough = sum(map(abs, numbers))
    except OverflowError:  # ints added up beyond a float, then a float added to them
        rough = math.inf
    if rough <= _FLOAT_MAX / 2:
        return True
    return sum(map(_scaled, numbers)) <= _SCALED_MAX


class _Sums:
    """Running totals, in size, of the numbers of each column (a section's attribute, an
    indicator's observations): the first value that takes a column's total beyond a float
    is a problem, since no total or rollup of the column can be made. The totals are exact
    (:func:`_scaled`), so that whether a column goes beyond does not hang on its order nor
    on rounding, and is what :func:`_summable` finds."""

    def __init__(self) -> None:
        self.totals: dict[Any, int] = {}
        self.over: set[Any] = set()

    def add(self, column: Any, what: str, value: object, path: str) -> Iterator[Problem]:
        if (type(value) is not int and type(value) is not float) or column in self.over:
            return
        total = self.totals.get(column, 0) + _scaled(value)
        self.totals[column] = total
        if total > _SCALED_MAX:
            self.over.add(column)
            yield Problem(
                "number-out-of-range",
                path,
                f"the values of {what} add up, here, beyond a float's range: no total or "
                "rollup of them can be made",
            )


def _attributes(ctx: _Ctx) -> Iterator[Problem]:
    kinds: dict[tuple[str, str], tuple[str, str]] = {}
    sums = _Sums()
    edge_sections = ("posts", "ties")
    for section in (
        "units",
        "organizations",
        "people",
        "posts",
        "ties",
        "observations",
        "decisions",
    ):
        for i, e in enumerate(getattr(ctx.s, section)):
            attrs_: Attributes = e.attributes
            if not attrs_:
                continue
            reserved = EDGE_RESERVED if section in edge_sections else NODE_RESERVED
            for key, value in attrs_.items():
                here = ctx.path(section, i, "attributes", key)
                if (
                    not key
                    or key in reserved
                    or (section not in edge_sections and key.startswith(NODE_RESERVED_PREFIXES))
                ):
                    yield Problem(
                        "reserved-attribute",
                        here,
                        f"attribute name {shown(key)} is reserved by govmodel's graphs; rename it",
                    )
                    continue
                if isinstance(value, float) and not math.isfinite(value):
                    yield Problem(
                        "non-finite-number", here, f"attribute {shown(key)} must be finite"
                    )
                    continue
                if _too_big(value):
                    yield Problem(
                        "number-out-of-range",
                        here,
                        f"attribute {shown(key)} is beyond a float's range",
                    )
                    continue
                yield from _value_problems(ctx, key, value, here)
                yield from sums.add((section, key), f"attribute {shown(key)}", value, here)
                category = ATTRIBUTE_TERMS.get(key)
                if category is not None:
                    if isinstance(value, str):
                        yield from _term(
                            ctx, category, value, here, category[:-1].replace("_", " ")
                        )
                    else:
                        yield Problem(
                            "wrong-type",
                            here,
                            f"{key} must be a term of {category}, got {shown(value)}",
                        )
                tname = _SCALAR_TYPE[type(value)]
                seen = kinds.get((section, key))
                if seen is None:
                    kinds[(section, key)] = (tname, here)
                elif seen[0] != tname:
                    yield Problem(
                        "mixed-attribute-type",
                        here,
                        f"attribute {shown(key)} is a {tname} here but a {seen[0]} at {seen[1]}; "
                        "graph formats need one type per attribute",
                        "warning",
                    )
            # parts within one entity's attributes (issues_resolved <= issues_collected)
            for key, value in attrs_.items():
                t = ctx.vocab.category("indicators").get(key)
                if t is None or t.part_of is None or t.part_of not in attrs_:
                    continue
                whole = attrs_[t.part_of]
                # a value no reader takes back (NaN, an infinity, beyond a float's range)
                # is reported as such, above
                if (
                    _num(value)
                    and _num(whole)
                    and value > whole  # type: ignore[operator]
                    and _non_finite(value, "", "") is None
                    and _non_finite(whole, "", "") is None
                ):
                    yield Problem(
                        "count-exceeds-total",
                        ctx.path(section, i, "attributes", key),
                        f"{key} ({value}) exceeds {t.part_of} ({whole})",
                    )


def _metadata(ctx: _Ctx) -> Iterator[Problem]:
    """The metadata's seed and attribute values no reader takes back (NaN, an infinity, an
    integer beyond a float's range), as for the entities' attributes."""
    seed = _non_finite(ctx.s.metadata.seed, "$.metadata.seed", "the seed")
    if seed is not None:
        yield seed
    for key, value in ctx.s.metadata.attributes.items():
        problem = _non_finite(
            value, "$.metadata" + _steps(("attributes", key)), f"attribute {shown(key)}"
        )
        if problem is not None:
            yield problem


def _num(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _observations(ctx: _Ctx) -> Iterator[Problem]:
    obs = ctx.s.observations
    by_key: dict[tuple[str, str, str | None], tuple[int, int | float]] = {}
    sums = _Sums()
    for i, ob in enumerate(obs):
        here = ctx.path("observations", i, "value")
        unreadable = _non_finite(ob.value, here, ob.indicator)  # whatever the indicator
        problems = (
            [unreadable]
            if unreadable is not None
            else list(_value_problems(ctx, ob.indicator, ob.value, here))
        )
        yield from problems
        if not problems:
            yield from sums.add(ob.indicator, f"indicator {shown(ob.indicator)}", ob.value, here)
        by_key.setdefault((ob.subject, ob.indicator, ob.period), (i, ob.value))
    indicators = ctx.vocab.category("indicators")
    for i, ob in enumerate(obs):
        t = indicators.get(ob.indicator)
        if t is None or t.part_of is None:
            continue
        whole = by_key.get((ob.subject, t.part_of, ob.period))
        # values no reader takes back (NaN, infinities, beyond a float) are reported as such
        if (
            whole is not None
            and ob.value > whole[1]
            and _non_finite(ob.value, "", "") is None
            and _non_finite(whole[1], "", "") is None
        ):
            yield Problem(
                "count-exceeds-total",
                ctx.path("observations", i, "value"),
                f"{ob.indicator} ({ob.value}) exceeds {t.part_of} ({whole[1]}) of "
                f"{shown(ob.subject)} for the same period, at {ctx.path('observations', whole[0])}",
            )


def _tally(ctx: _Ctx, t: Tally, i: int, field: str, what: str) -> Iterator[Problem]:
    here = ctx.path("decisions", i, field)
    vals = {
        "members": t.members,
        "present": t.present,
        "yes": t.yes,
        "no": t.no,
        "abstain": t.abstain,
    }
    bad = False
    for name, v in vals.items():
        problem = _non_finite(v, f"{here}.{name}", f"{what} {name}")
        if problem is not None:
            bad = True
            yield problem
            continue
        if v is not None and v < 0:
            bad = True
            # a floor area is an amount, not a count (docs/errors.md)
            code = "negative-count" if what == "votes" else "negative-amount"
            yield Problem(code, f"{here}.{name}", f"{what} {name} cannot be {v}")
        if what == "votes" and isinstance(v, float) and not v.is_integer():
            bad = True
            yield Problem(
                "not-a-whole-number", f"{here}.{name}", f"{what} {name} must be whole, got {v}"
            )
    if bad:
        return
    # compared as the exact decimals they are written as: 190.00 + 30.67 is 220.67
    cast_exact = sum((exact(v) for v in (t.yes, t.no, t.abstain) if v is not None), Fraction(0))
    cast = _shown(cast_exact)
    present = None if t.present is None else exact(t.present)
    if present is not None and cast_exact > present:
        yield Problem(
            "votes-exceed-members",
            f"{here}.present",
            f"yes + no + abstain ({cast}) exceed the {what} present ({t.present})",
        )
    top = t.members
    if top is not None:
        if present is not None and present > exact(top):
            yield Problem(
                "votes-exceed-members",
                f"{here}.present",
                f"{what} present ({t.present}) exceed members ({top})",
            )
        elif cast_exact > exact(top):
            yield Problem(
                "votes-exceed-members",
                f"{here}.members",
                f"yes + no + abstain ({cast}) exceed members ({top})",
            )


def _shown(x: Fraction) -> str:
    """An exact sum as a decimal when it is one (``220.67``), else as a fraction."""
    if x.denominator == 1:
        return str(x.numerator)
    d = x.denominator
    while d % 2 == 0:
        d //= 2
    while d % 5 == 0:
        d //= 5
    if d == 1:
        return format(Decimal(x.numerator) / Decimal(x.denominator), "f")
    return str(x)


_BASES = ("members", "present", "cast")
_CHOICES = ("yes", "no", "abstain")
_OUTCOMES = ("passed", "failed")


def _one_of(value: object, allowed: tuple[str, ...], path: str, what: str) -> Iterator[Problem]:
    if type(value) is not str or value not in allowed:
        yield Problem(
            "wrong-type", path, f"{what} must be one of {', '.join(allowed)}; got {shown(value)}"
        )


def _fraction_shown(f: Fraction) -> str:
    """A fraction as a message shows it (``2/3``), each of its parts bounded in length."""
    top = short_repr(f.numerator)
    return top if f.denominator == 1 else f"{top}/{short_repr(f.denominator)}"


def _non_finite(value: object, path: str, what: str) -> Problem | None:
    """A problem if ``value`` is NaN, an infinity or an integer beyond a float's range."""
    if isinstance(value, float) and not math.isfinite(value):
        return Problem("non-finite-number", path, f"{what} must be finite, got {value}")
    if _too_big(value):
        return Problem("number-out-of-range", path, f"{what} is beyond a float's range")
    return None


def _decisions(ctx: _Ctx) -> Iterator[Problem]:
    for i, d in enumerate(ctx.s.decisions):
        r = d.rule
        yield from _one_of(r.basis, _BASES, ctx.path("decisions", i, "rule", "basis"), "basis")
        huge = [
            name
            for name, f in (("threshold", r.threshold), ("quorum", r.quorum))
            if f is not None and (abs(f.numerator) > _FLOAT_MAX or f.denominator > _FLOAT_MAX)
        ]
        for name in huge:
            yield Problem(
                "number-out-of-range",
                ctx.path("decisions", i, "rule", name),
                f"the {name} is a fraction beyond a float's range",
            )
        # a fraction beyond a float's range is reported as such, not again as out of (0, 1];
        # the rest of the decision is checked all the same
        if d.outcome is not None:
            yield from _one_of(d.outcome, _OUTCOMES, ctx.path("decisions", i, "outcome"), "outcome")
        if "threshold" not in huge and not 0 < r.threshold <= 1:
            yield Problem(
                "invalid-rule",
                ctx.path("decisions", i, "rule", "threshold"),
                f"threshold {_fraction_shown(r.threshold)} is not in (0, 1]",
            )
        if "quorum" not in huge and r.quorum is not None and not 0 < r.quorum <= 1:
            yield Problem(
                "invalid-rule",
                ctx.path("decisions", i, "rule", "quorum"),
                f"quorum {_fraction_shown(r.quorum)} is not in (0, 1]",
            )
        if d.count is not None:
            yield from _tally(ctx, d.count, i, "count", "votes")
        if d.area is not None:
            yield from _tally(ctx, d.area, i, "area", "floor area")
        yield from _votes(ctx, d, i)


def _votes(ctx: _Ctx, d: Decision, i: int) -> Iterator[Problem]:
    seen: set[str] = set()
    for j, v in enumerate(d.votes):
        if v.proxy is not None and v.proxy == v.person:
            yield Problem(
                "invalid-value",
                ctx.path("decisions", i, "votes", j, "proxy"),
                f"{shown(v.person)} is named as their own proxy; a proxy is someone else "
                "(leave it out for a vote cast in person)",
            )
        if v.person in seen:
            yield Problem(
                "duplicate-vote",
                ctx.path("decisions", i, "votes", j, "person"),
                f"{shown(v.person)} votes twice",
            )
        seen.add(v.person)
        yield from _one_of(
            v.choice, _CHOICES, ctx.path("decisions", i, "votes", j, "choice"), "choice"
        )
        problem = _non_finite(v.area, ctx.path("decisions", i, "votes", j, "area"), "floor area")
        if problem is not None:
            yield problem
        elif v.area is not None and v.area < 0:
            yield Problem(
                "negative-amount",
                ctx.path("decisions", i, "votes", j, "area"),
                f"floor area cannot be {v.area}",
            )
    members = d.count.members if d.count is not None else None
    # members that are no count (NaN, an infinity, negative, an integer beyond a float's
    # range) are reported as such (_tally), and compared with nothing
    if (
        members is not None
        and _non_finite(members, "", "") is None
        and members >= 0
        and len(d.votes) > members
    ):
        yield Problem(
            "votes-exceed-members",
            ctx.path("decisions", i, "votes"),
            f"{len(d.votes)} individual votes exceed the {members} members",
        )


_SURROGATE_MESSAGE = (
    " holds a lone surrogate (an unpaired \\ud800-\\udfff code point), which no "
    "UTF-8 file can store"
)


def _walk_strings(
    value: object, rest: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str, bool]]:
    """Every string inside ``value`` (an entity, a field, a tuple or attributes), with the
    path steps below ``value`` that lead to it and whether it is a key of attributes."""
    if isinstance(value, str):
        yield rest, value, False
    elif isinstance(value, Mapping):
        for key, item in value.items():
            step = key if isinstance(key, str) else str(key)
            if isinstance(key, str):
                yield (*rest, step), key, True
            yield from _walk_strings(item, (*rest, step))
    elif isinstance(value, tuple | list):
        for j, item in enumerate(value):
            yield from _walk_strings(item, (*rest, j))
    elif attrs.has(type(value)):
        for f in attrs.fields(type(value)):  # type: ignore[arg-type]
            if f.init:
                yield from _walk_strings(getattr(value, f.name), (*rest, f.name))


def _strings(ctx: _Ctx) -> Iterator[Problem]:
    """``invalid-string`` for every string that holds a lone surrogate."""

    def bad(value: object, root: Callable[[], str]) -> Iterator[Problem]:
        for rest, text, key in _walk_strings(value, ()):
            if not text.isascii() and _SURROGATE.search(text) is not None:
                what = "the attribute name" if key else "the string"
                yield Problem("invalid-string", root() + _steps(rest), what + _SURROGATE_MESSAGE)

    for section in _SECTIONS:
        for i, e in enumerate(getattr(ctx.s, section)):
            yield from bad(e, partial(ctx.path, section, i))
    for i, term in enumerate(ctx.s.vocabulary):
        yield from bad(term, partial(ctx.path, "vocabulary", i))
    yield from bad(ctx.s.metadata, partial(str, "$.metadata"))


# ---------------------------------------------------------------------------------------------
# types: a structure built in Python may hold a value of another type than its field's


#: The key, in a structure's cache, of the fact that every field holds a value of its type
#: (the loaders set it for what they read, which their converter has typed).
TYPES_CHECKED = SUBSET_FACTS[1]

_NONE_TYPE = type(None)
_NAME_TYPES = frozenset({str})
_SCALAR_TYPES = frozenset({str, int, float, bool})
_DATA = attrgetter("_data")  # the dict an Attributes holds
_ATTRIBUTE_DATA = attrgetter("attributes._data")  # the dict of an entity's attributes


@attrs.frozen
class _FieldShape:
    """What one field of a spec class may hold: ``types`` (exact runtime types; ``None``
    where the field's converter makes its value; a ``Literal``'s values are checked with the
    rest, :func:`_one_of`), ``nested`` (a spec class whose instances the value is, or holds
    as a tuple when ``many``), ``scalars`` (whether it is
    :class:`~govmodel.spec.Attributes`, whose names are strings and values scalars) and
    ``items`` (the exact types of the items of a tuple or frozen set of plain values, such
    as the ids of ``formed_from``; ``None`` for other fields)."""

    name: str
    types: frozenset[type] | None
    nested: type | None
    many: bool
    scalars: bool
    items: frozenset[type] | None = None


def _shape_of(name: str, hint: Any, converted: bool) -> _FieldShape:
    """The :class:`_FieldShape` of a field from its annotation."""
    union = typing.get_origin(hint) in (typing.Union, types.UnionType)
    arms = typing.get_args(hint) if union else (hint,)
    kinds: set[type] = set()
    nested: type | None = None
    many = False
    items: frozenset[type] | None = None
    for arm in arms:
        origin = typing.get_origin(arm)
        if origin is typing.Literal:
            kinds.update(map(type, typing.get_args(arm)))
        elif origin is tuple:
            kinds.add(tuple)
            item = typing.get_args(arm)[0]
            if attrs.has(item):
                nested, many = item, True
            elif isinstance(item, type):
                items = frozenset({item})
        elif origin is not None:
            kinds.add(origin)
            if origin is frozenset and isinstance(item := typing.get_args(arm)[0], type):
                items = frozenset({item})
        else:
            kinds.add(arm)
            if attrs.has(arm):
                nested = arm
    return _FieldShape(
        name,
        None if converted and nested is None else frozenset(kinds),
        nested,
        many,
        kinds == {Attributes},
        items,
    )


_SHAPES: dict[type, tuple[_FieldShape, ...]] = {}
_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    """The annotations of a spec class, resolved (once)."""
    got = _HINTS.get(cls)
    if got is None:
        got = _HINTS[cls] = typing.get_type_hints(cls)
    return got


def _shapes(cls: type) -> tuple[_FieldShape, ...]:
    """The shapes of the fields of a spec class (made once)."""
    got = _SHAPES.get(cls)
    if got is None:
        hints = _hints(cls)
        got = _SHAPES[cls] = tuple(
            _shape_of(f.name, hints[f.name], f.converter is not None)
            for f in attrs.fields(cls)
            if not f.name.startswith("_")
        )
    return got


def _column_typed(items: Sequence[Any], cls: type, numbers: bool = True) -> bool:
    """Whether every item is a ``cls`` whose fields hold values of their types, tested over
    the whole column at C speed (the fields of one allowed set of types read in one pass),
    nested values included; without ``numbers``, the fields that hold only numbers or
    booleans, and the values of attributes, are not tested."""
    if not items:
        return True
    if set(map(type, items)) != {cls}:
        return False
    for names, allowed in _groups(cls, numbers):
        get = attrgetter(*names)
        values = map(get, items) if len(names) == 1 else chain.from_iterable(map(get, items))
        if not set(map(type, values)) <= allowed:
            return False
    for shape in _shapes(cls):
        if shape.items is not None:  # plain values in a tuple or set its converter made
            values = chain.from_iterable(map(attrgetter(shape.name), items))
            if not set(map(type, values)) <= shape.items:
                return False
        if shape.scalars and numbers:
            dicts = list(map(_DATA, map(attrgetter(shape.name), items)))  # read at C speed
            if not set(map(type, chain.from_iterable(dicts))) <= _NAME_TYPES:
                return False
            scalars = chain.from_iterable(map(dict.values, dicts))
            if not set(map(type, scalars)) <= _SCALAR_TYPES:
                return False
        if shape.nested is not None:
            column = map(attrgetter(shape.name), items)
            inner = (
                list(chain.from_iterable(column))
                if shape.many
                else [v for v in column if v is not None]
            )
            if not _column_typed(inner, shape.nested, numbers):
                return False
    return True


_GROUPS: dict[tuple[type, bool], list[tuple[tuple[str, ...], frozenset[type]]]] = {}
_NUMBERS = frozenset({int, float, bool, _NONE_TYPE})


def _groups(cls: type, numbers: bool) -> list[tuple[tuple[str, ...], frozenset[type]]]:
    """The fields of a spec class whose types are tested, grouped by the types they allow
    (without ``numbers``, those that allow only numbers or booleans are left out)."""
    got = _GROUPS.get((cls, numbers))
    if got is None:
        by: dict[frozenset[type], list[str]] = {}
        for shape in _shapes(cls):
            if shape.types is not None and (numbers or not shape.types <= _NUMBERS):
                by.setdefault(shape.types, []).append(shape.name)
        got = _GROUPS[cls, numbers] = [(tuple(names), allowed) for allowed, names in by.items()]
    return got


@functools.cache
def _raw_converter() -> cattrs.Converter:
    """The loaders' converter, but for fractions: it writes a fraction out as itself, not as
    the text ``"2/3"`` a file holds, so that a fraction where a number belongs is reported
    as one (``got Fraction``) rather than as a string; where a fraction belongs, it reads it
    back as the loaders read its text."""
    made = CONVERTER.copy()
    read = CONVERTER.get_structure_hook(Fraction)
    write = CONVERTER.get_unstructure_hook(Fraction)
    made.register_unstructure_hook(Fraction, lambda f: f)
    made.register_structure_hook(
        Fraction, lambda v, t: read(write(v) if isinstance(v, Fraction) else v, t)
    )
    return made


def _type_problems(entity: Any, cls: type, path: str) -> list[Problem]:
    """The problems of the types of one entity, as the loaders word them: its fields are
    written out and read back with the loaders' converter (:func:`_raw_converter`)."""
    if not isinstance(entity, cls):
        return [Problem("wrong-type", path, f"expected {_a(cls)}, got {shown(entity)}")]
    hints = _hints(cls)
    nested = {shape.name: shape for shape in _shapes(cls) if shape.nested is not None}
    converter = _raw_converter()
    raw: dict[str, Any] = {}
    found: list[Problem] = []
    for f in attrs.fields(cls):
        if f.name.startswith("_"):
            continue
        value = getattr(entity, f.name)
        shape = nested.get(f.name)
        if shape is not None:  # a record of another class, or in a tuple: named at its index
            want = shape.nested
            assert want is not None
            wrong: list[tuple[tuple[str | int, ...], object]] = (
                [((f.name, j), x) for j, x in enumerate(value) if not isinstance(x, want)]
                if shape.many and isinstance(value, tuple)
                else []
                if isinstance(value, want) or (value is None and _NONE_TYPE in (shape.types or ()))
                else [((f.name,), value)]
            )
            if wrong:
                found.extend(
                    Problem("wrong-type", path + _steps(at), f"expected {_a(want)}, got {shown(x)}")
                    for at, x in wrong
                )
                continue
        try:
            raw[f.name] = converter.unstructure(value, hints[f.name])
        except Exception:  # whatever the value is, it is not of its type
            found.append(
                Problem("wrong-type", path + _step(f.name), f"invalid value ({shown(value)})")
            )
    if found:
        return found
    try:
        converter.structure(raw, cls)
    except Exception as exc:  # the converter's errors, turned into problems
        return list(problems_from_exception(exc, path)) or [
            Problem("wrong-type", path, f"invalid {cls.__name__}")
        ]
    return []


def _a(cls: type) -> str:
    """The name of a class with its article: ``a Vote``, ``an Organization``."""
    name = cls.__name__
    return f"{'an' if name[0] in 'AEIOU' else 'a'} {name}"


def require_types(structure: Structure, *, numbers: bool = True) -> None:
    """Raise the problems of the values in a structure that are not of their fields' types.

    The spec classes do not type their values on construction, so a structure built in
    Python may hold, say, a number as a unit's ``parent`` or ``"37"`` as a tally's
    ``members``; the readers type every value they read. The writers and
    :func:`~govmodel.to_graph` call this before they read a structure, so that such a value
    gives one clear error rather than a crash or a file no reader takes back; the
    assessment calls it without ``numbers``, as its rules report a count that is not one
    (``True``, ``"12"``, ``None``) as a warning finding. Only the types are checked
    (:func:`check` checks the rest); a structure found well typed, or read by a reader, is
    not typed again.

    Parameters
    ----------
    structure
        The structure.
    numbers
        Whether to check the fields that hold numbers or booleans only (counts, values,
        areas, terms, flags) and the values of attributes; without, the ids, references,
        kinds, names, dates and the nested records (tallies, votes, rules, identifiers)
        are checked.

    Raises
    ------
    SpecError
        Each value of another type, as the readers report it (``wrong-type`` and the like),
        at its path.

    Notes
    -----
    Complexity: linear in the structure, in one pass over each field's column.

    Examples
    --------
    >>> from govmodel.spec import Observation, Structure, Unit
    >>> from govmodel.validate import require_types
    >>> require_types(Structure(units=[Unit("c1", "compound")]))
    >>> require_types(Structure(units=[Unit(1, "compound")]))
    Traceback (most recent call last):
    ...
    govmodel.errors.SpecError: 1 problem:
      $.units[0].id: wrong-type: expected a string, got an integer
    >>> s = Structure(units=[Unit("c1", "compound")], observations=[Observation("o", "c1", "households", True)])
    >>> require_types(s, numbers=False)
    >>> require_types(s)
    Traceback (most recent call last):
    ...
    govmodel.errors.SpecError: 1 problem:
      $.observations[0].value: wrong-type: expected a number, got a boolean
    """
    cache = structure._cache
    if cache.get(TYPES_CHECKED) or (not numbers and cache.get(_SHAPES_CHECKED)):
        return
    typed = _typed(structure, None, numbers=numbers)
    if typed is None:
        cache[TYPES_CHECKED if numbers else _SHAPES_CHECKED] = True
        return
    found = typed[1]
    limit = DEFAULT_LIMITS.max_problems
    raise SpecError(found if len(found) <= limit else [*found[:limit], too_many_problems(limit)])


#: The key, in a structure's cache, of the fact that its fields but the numbers, and the
#: attribute values, hold values of their types (:func:`require_types` without ``numbers``).
_SHAPES_CHECKED = SUBSET_FACTS[2]

#: The key, in a structure's cache, of the fact that some value is of a subclass of its
#: field's type (a ``StrEnum``'s member, an ``IntEnum``'s), which the column tests doubted
#: and the readers take: :func:`~govmodel.to_graph` then writes each as the plain value.
INEXACT_TYPES = "inexact-types"


def _typed(
    s: Structure,
    positions: Mapping[str, Sequence[int]] | None,
    *,
    numbers: bool = True,
    limit: int = DEFAULT_LIMITS.max_problems,
) -> tuple[Structure, list[Problem], dict[str, list[int]], set[str]] | None:
    """``None`` when every field of the structure holds a value of its type (but those
    :func:`_column_typed` leaves out without ``numbers``); else the structure without the
    entities that do not (metadata of the wrong type replaced by empty metadata), the
    problems of those, the positions of the entities kept, and the ids of those left out.

    Once more than ``limit`` problems are found (no more are listed), the entities whose
    types the column test doubts are left out without their problems being worded, which
    takes most of the time (:func:`_type_problems`)."""
    sections: list[tuple[str, type]] = [*SECTIONS.items(), ("vocabulary", Term)]
    if all(_column_typed(list(getattr(s, name)), cls, numbers) for name, cls in sections) and (
        _column_typed([s.metadata], Metadata, numbers)
    ):
        return None
    problems: list[Problem] = []
    kept: dict[str, list[Any]] = {}
    where: dict[str, list[int]] = {}
    skipped: set[str] = set()
    for name, cls in sections:
        items = list(getattr(s, name))
        if _column_typed(items, cls, numbers):
            kept[name] = items
            continue
        pos = (positions or {}).get(name)
        keep: list[Any] = []
        at: list[int] = []
        for i, e in enumerate(items):
            j = pos[i] if pos is not None and i < len(pos) else i
            if _column_typed([e], cls, numbers):
                found: list[Problem] | None = []
            elif len(problems) > limit:
                found = None  # left out, as it would be, unworded
            else:
                found = _type_problems(e, cls, f"$.{name}[{j}]")
            if found is None or found:
                problems.extend(found or ())
                ident = getattr(e, "id", None)
                if type(ident) is str:
                    skipped.add(ident)
            else:
                keep.append(e)
                at.append(j)
        kept[name] = keep
        where[name] = at
    metadata = s.metadata
    if not _column_typed([metadata], Metadata, numbers):
        found = _type_problems(metadata, Metadata, "$.metadata")
        problems.extend(found)
        if found:
            metadata = Metadata()
    if not problems:  # what the column tests doubted the readers take (a str subclass)
        s._cache[INEXACT_TYPES] = True
        return None
    vocabulary = kept.pop("vocabulary")
    rest = Structure(**kept, vocabulary=vocabulary, metadata=metadata)
    for name in (*SECTIONS, "vocabulary"):
        if name not in where and positions and name in positions:
            where[name] = list(positions[name])
    return rest, problems, where, skipped


_PLAIN = (int, float, bool, Fraction, type(None))

#: The key, in a structure's cache, of the fact that none of its strings holds a surrogate.
STRINGS_CHECKED = SUBSET_FACTS[0]


def _strings_clean(values: list[Any]) -> bool:
    """Whether no string inside ``values`` (a column of like values) holds a lone surrogate.

    Works a column at a time: the strings of a column are joined and searched at once, and
    the fields of attrs instances, the items of tuples and the keys and values of attributes
    become columns of their own.
    """
    if not values:
        return True
    types: set[type[Any]] = set(map(type, values))
    mixed = len(types) > 1
    for t in types:
        if issubclass(t, _PLAIN):
            continue
        group: list[Any] = [v for v in values if type(v) is t] if mixed else values
        if issubclass(t, str):
            text = "".join(group)
            if not text.isascii() and _SURROGATE.search(text) is not None:
                return False
        elif issubclass(t, Mapping):
            dicts: list[Mapping[Any, Any]] = [
                v._data if isinstance(v, Attributes) else v for v in group if v
            ]
            if dicts and not (
                _strings_clean(list(chain.from_iterable(dicts)))
                and _strings_clean(list(chain.from_iterable(d.values() for d in dicts)))
            ):
                return False
        elif issubclass(t, tuple | list):
            if not _strings_clean(list(chain.from_iterable(group))):
                return False
        elif attrs.has(t):
            for f in attrs.fields(t):
                if f.init and not _strings_clean(list(map(attrgetter(f.name), group))):
                    return False
    return True


# -- fast tests -----------------------------------------------------------------------------

_CONTROL = re.compile("[\x00-\x1f]")


class _Outside:
    """Stands for the kind of a parent that is not a unit (or of no parent)."""


_EDGE_SECTIONS = ("posts", "ties")


class _Fast:
    """Tests that pass only when a check would find no problem, run in bulk.

    Each works on the distinct values of a field (sets built at C speed) rather than entity by
    entity, and answers ``False`` whenever it cannot be sure, so that the check itself runs
    and reports exactly what it always did. Any unexpected value (a non-string id, an
    unhashable kind) makes a test answer ``False``.
    """

    def __init__(self, s: Structure) -> None:
        self.s = s
        self._ids: dict[str, list[Any]] = {}
        self._sets: dict[str, set[Any]] = {}
        self._unique: bool | None = None
        self._kind_pairs: set[tuple[Any, Any]] | None = None

    def ids(self, section: str) -> list[Any]:
        got = self._ids.get(section)
        if got is None:
            got = self._ids[section] = list(map(attrgetter("id"), getattr(self.s, section)))
        return got

    def id_set(self, section: str) -> set[Any]:
        got = self._sets.get(section)
        if got is None:
            got = self._sets[section] = set(self.ids(section))
        return got

    def ids_unique(self) -> bool:
        """Whether no two entities share an id (within and across sections)."""
        if self._unique is None:
            try:
                sets = [self.id_set(name) for name in _SECTIONS]
            except TypeError:
                self._unique = False
                return False
            unique = all(
                len(ids) == len(self.ids(name)) for name, ids in zip(_SECTIONS, sets, strict=True)
            )
            if unique:
                nonempty = sorted((x for x in sets if x), key=len)
                unique = all(
                    a.isdisjoint(b) for i, a in enumerate(nonempty) for b in nonempty[i + 1 :]
                )
            self._unique = unique
        return self._unique

    def ids_clean(self) -> bool:
        """Whether :func:`_ids` finds nothing."""
        if not self.ids_unique():
            return False
        for name in _SECTIONS:
            ids = self.ids(name)
            if not ids:
                continue
            if set(map(type, ids)) != {str} or "" in self.id_set(name):
                return False
            # str.strip returns the very same object when there is nothing to strip.
            if any(map(is_not, ids, map(str.strip, ids))) or _CONTROL.search("".join(ids)):
                return False
        return all(self.id_set(name).isdisjoint(RESERVED_RELATIONS) for name in _EDGE_SECTIONS)

    def terms_clean(self, vocab: Vocabulary) -> bool:
        """Whether :func:`_terms` finds nothing."""
        s = self.s
        try:
            tests: list[tuple[set[Any], Category]] = [
                (set(map(attrgetter("kind"), s.units)), "unit_kinds"),
                (set(map(attrgetter("kind"), s.organizations)), "organization_kinds"),
                (set(map(attrgetter("party"), s.people)) - {None}, "party_statuses"),
                (set(map(attrgetter("mobility"), s.people)) - {None}, "party_mobilities"),
                (set(map(attrgetter("role"), s.posts)), "roles"),
                (set(map(attrgetter("indicator"), s.observations)), "indicators"),
            ]
            relations = set(map(attrgetter("relation"), s.ties))
        except TypeError:
            return False
        if not relations.isdisjoint(RESERVED_RELATIONS):
            return False
        tests.append((relations, "relations"))
        return all(all(x in vocab.category(cat) for x in values) for values, cat in tests)

    def references_clean(self, skip: set[str]) -> bool:
        """Whether :func:`_references` finds nothing (every reference names an entity of an
        allowed section)."""
        if not self.ids_unique():
            return False
        s = self.s
        units, orgs, people = (
            self.id_set("units"),
            self.id_set("organizations"),
            self.id_set("people"),
        )
        nodes = (units, orgs, people, self.id_set("observations"), self.id_set("decisions"))

        def refs(items: Iterable[Any], field: str) -> set[Any]:
            out = set(map(attrgetter(field), items))
            out.discard(None)
            return out - skip if skip else out

        def within(values: set[Any], allowed: tuple[set[Any], ...]) -> bool:
            if len(allowed) == 1:
                return values <= allowed[0]
            return all(any(v in a for a in allowed) for v in values)

        try:
            votes = {v.person for d in s.decisions for v in d.votes} - skip
            votes |= {v.proxy for d in s.decisions for v in d.votes if v.proxy is not None} - skip
            return (
                within(refs(s.units, "parent"), (units,))
                and within(refs(s.organizations, "unit"), (units,))
                and within(refs(s.organizations, "parent"), (orgs,))
                and within(refs(s.posts, "person"), (people,))
                and within(refs(s.posts, "organization"), (orgs,))
                and within(refs(s.ties, "source"), nodes)
                and within(refs(s.ties, "target"), nodes)
                and within(refs(s.observations, "subject"), (units, orgs, people))
                and within(refs(s.decisions, "body"), (orgs,))
                and within(votes, (people,))
            )
        except TypeError:
            return False

    def kind_pairs(self) -> set[tuple[Any, Any]] | None:
        """The distinct (parent kind, kind) of the units whose parent is a unit, or ``None``
        when ids are not unique (or not hashable)."""
        if self._kind_pairs is None:
            if not self.ids_unique():
                return None
            units = self.s.units
            kinds = list(map(attrgetter("kind"), units))
            outside = _Outside
            try:
                kind_of = dict(zip(self.ids("units"), kinds, strict=True))
                parents = map(attrgetter("parent"), units)
                pairs = set(zip(map(kind_of.get, parents, repeat(outside)), kinds, strict=True))
            except TypeError:
                return None
            self._kind_pairs = {p for p in pairs if p[0] is not outside}
        return self._kind_pairs

    def units_rank_down(self, vocab: Vocabulary) -> bool:
        """Whether every unit inside a unit has a ranked kind below its parent's ranked kind,
        so that units cannot contain each other in a cycle."""
        pairs = self.kind_pairs()
        if pairs is None:
            return False
        for parent, child in pairs:
            a, b = vocab.rank(parent), vocab.rank(child)
            if a is None or b is None or not a < b:
                return False
        return True

    def containment_clean(self, vocab: Vocabulary) -> bool:
        """Whether :func:`_containment` finds nothing."""
        pairs = self.kind_pairs()
        if pairs is None:
            return False
        known = vocab.category("unit_kinds")
        return all(vocab.may_contain(p, c) for p, c in pairs if p in known and c in known)

    def dates_clean(self) -> bool:
        """Whether :func:`_dates` finds nothing."""
        s = self.s
        spans: set[tuple[Any, Any]] = set()
        values: set[Any] = set()
        try:
            for items in (s.posts, s.ties):
                starts = list(map(attrgetter("start"), items))
                ends = list(map(attrgetter("end"), items))
                values.update(starts)
                values.update(ends)
                spans.update(zip(starts, ends, strict=True))
            values.update(map(attrgetter("date"), s.decisions))
            periods = set(map(attrgetter("period"), s.observations))
        except TypeError:
            return False
        values.discard(None)
        periods.discard(None)
        bounds: dict[Any, tuple[str, str]] = {}
        for v in values:
            try:
                bounds[v] = date_bounds(v)
            except ValueError:
                return False
        for start, end in spans:
            if start is not None and end is not None and bounds[end][1] < bounds[start][0]:
                return False
        return not any(next(_period(p, ""), None) for p in periods)

    def attributes_clean(self, vocab: Vocabulary) -> bool:
        """Whether :func:`_attributes` finds nothing, warnings included."""
        indicators = vocab.category("indicators")
        for section in _SECTIONS:
            dicts = [d for e in getattr(self.s, section) if (d := e.attributes._data)]
            if dicts and not self._section_attributes_clean(section, dicts, indicators, vocab):
                return False
        return True

    @staticmethod
    def _section_attributes_clean(
        section: str, dicts: list[dict[str, Any]], indicators: Mapping[str, Any], vocab: Vocabulary
    ) -> bool:
        edge = section in _EDGE_SECTIONS
        reserved = EDGE_RESERVED if edge else NODE_RESERVED
        # The dicts holding each key, in one pass: a test per key over every dict would be
        # quadratic in the number of distinct attribute names.
        holders: dict[Any, list[dict[str, Any]]] = {}
        for d in dicts:
            for k in d:
                got = holders.get(k)
                if got is None:
                    holders[k] = [d]
                else:
                    got.append(d)
        keys = holders.keys()
        for key in keys:
            if type(key) is not str or not key or key in reserved:
                return False
            if not edge and key.startswith(NODE_RESERVED_PREFIXES):
                return False
        for key, held in holders.items():
            values = [d[key] for d in held]
            types = set(map(type, values))
            if len({_SCALAR_TYPE[t] for t in types}) > 1:
                return False
            if int in types:  # the ints' extremes, not a test of each
                ints = values if len(types) == 1 else [v for v in values if type(v) is int]
                if max(ints) > _FLOAT_MAX or min(ints) < -_FLOAT_MAX:
                    return False
            floats: list[float] = []
            if any(issubclass(t, float) for t in types):
                floats = [v for v in values if isinstance(v, float)]
                if not all(map(math.isfinite, floats)):
                    return False
            if (int in types or floats) and not _summable(values):
                return False
            t = indicators.get(key)
            if t is not None and t.type is not None and t.type != "value":
                if any(issubclass(x, bool) or not issubclass(x, int | float) for x in types):
                    return False
                low, high = min(values), max(values)
                if t.type == "count":
                    if low < 0 or not all(v.is_integer() for v in floats):
                        return False
                elif t.type == "rate":
                    if low < 0 or high > 1:
                        return False
                elif t.type == "amount" and low < 0:
                    return False
            category = ATTRIBUTE_TERMS.get(key)
            if category is not None:
                if not all(issubclass(x, str) for x in types):
                    return False
                terms = vocab.category(category)
                if not all(v in terms for v in set(values)):
                    return False
            if t is not None and t.part_of is not None and t.part_of in keys:
                whole = t.part_of
                for d in held:
                    if whole in d:
                        v, w = d[key], d[whole]
                        if _num(v) and _num(w) and v > w:
                            return False
        return True

    def observations_clean(self, vocab: Vocabulary) -> bool:
        """Whether :func:`_observations` finds nothing."""
        obs = self.s.observations
        if not obs:
            return True
        indicators = vocab.category("indicators")
        by_indicator: dict[Any, list[Any]] = {}
        try:
            for ob in obs:
                got = by_indicator.get(ob.indicator)
                if got is None:
                    by_indicator[ob.indicator] = [ob]
                else:
                    got.append(ob)
        except TypeError:
            return False
        wholes = {t.part_of for name in by_indicator if (t := indicators.get(name)) is not None}
        for name, group in by_indicator.items():
            t = indicators.get(name)
            if t is None or t.type is None or t.type == "value":
                values = [ob.value for ob in group]
                if not _readable(values):
                    return False
                # the check adds up the observations of every indicator, typed or not
                plain = [v for v in values if type(v) is int or type(v) is float]
                if not _summable(plain):
                    return False
                continue
            values = [ob.value for ob in group]
            types = set(map(type, values))
            if any(issubclass(x, bool) or not issubclass(x, int | float) for x in types):
                return False
            floats = [v for v in values if isinstance(v, float)]
            if not all(map(math.isfinite, floats)) or not _summable(values):
                return False
            low, high = min(values), max(values)
            if t.type == "count":
                if low < 0 or not all(v.is_integer() for v in floats):
                    return False
            elif t.type == "rate":
                if low < 0 or high > 1:
                    return False
            elif t.type == "amount" and low < 0:
                return False
        by_key: dict[tuple[Any, Any, Any], Any] = {}
        for ob in obs:
            if ob.indicator in wholes:
                by_key.setdefault((ob.subject, ob.indicator, ob.period), ob.value)
        for name, group in by_indicator.items():
            t = indicators.get(name)
            if t is None or t.part_of is None:
                continue
            for ob in group:
                whole = by_key.get((ob.subject, t.part_of, ob.period))
                if whole is not None and ob.value > whole:
                    return False
        return True

    def strings_clean(self) -> bool:
        """Whether :func:`_strings` finds nothing.

        A structure is immutable, so the answer is kept with it once it is yes (the loaders
        set it for what they read, having checked every string as they went).
        """
        s = self.s
        if s._cache.get(STRINGS_CHECKED):
            return True
        clean = all(_strings_clean(list(getattr(s, section))) for section in _SECTIONS) and (
            _strings_clean(list(s.vocabulary)) and _strings_clean([s.metadata])
        )
        if clean:
            s._cache[STRINGS_CHECKED] = True
        return clean

    def has_identifiers(self) -> bool:
        """Whether any unit or organization carries an identifier."""
        return any(map(attrgetter("identifiers"), self.s.units)) or any(
            map(attrgetter("identifiers"), self.s.organizations)
        )
