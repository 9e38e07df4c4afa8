"""Holding a structure against a governance model: :func:`assess`, :class:`Assessment`, :func:`compare`.

An :class:`Assessment` holds the results of the model's rules (each ``passed``, ``failed``
or ``not_applicable``), the labels of its classifiers per unit, and its measures, per unit
and rolled up to every level of the containment tree. It renders as plain text, Markdown,
JSON (schema ``govmodel.assessment/2``, documented in :doc:`/guide/assessments`) and HTML,
and shows itself in Jupyter. Every text taken from the structure or the model is made safe
for the format (:mod:`govmodel.render`).
"""

from __future__ import annotations

import array
import contextlib
import datetime
import decimal
import itertools
import json
import math
import numbers
import operator
import sys
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from govmodel._convert import gc_paused, give_back_memory, settle_young
from govmodel.errors import ModelError
from govmodel.models.base import (
    _INDEX,
    _NO_DATA,
    ClassifierSpec,
    Context,
    Finding,
    FindingBlock,
    GovernanceModel,
    MeasureSpec,
    Messages,
    RuleSpec,
    _drop_classifier_lookups,
    _drop_lookups,
    _finding,
    _index_of,
    _running,
    _short,
    _what,
)
from govmodel.progress import track
from govmodel.render import (
    REPORT_STYLE,
    html_table,
    html_text,
    json_text,
    markdown,
    markdown_table,
    number,
    terminal,
    text_table,
    word,
)
from govmodel.spec import Attributes, Structure
from govmodel.validate import require_types

if TYPE_CHECKING:
    import pandas as pd

    from govmodel.index import StructureIndex

__all__ = [
    "ASSESSMENT_SCHEMA",
    "COMPARISON_SCHEMA",
    "Assessment",
    "Comparison",
    "MeasureResult",
    "RuleResult",
    "Status",
    "assess",
    "compare",
]

#: The identifier of the JSON report schema this release writes.
ASSESSMENT_SCHEMA = "govmodel.assessment/2"
#: The identifier of the JSON schema of a :class:`Comparison`.
COMPARISON_SCHEMA = "govmodel.comparison/2"

Lang = Literal["en", "zh"]
Status = Literal["passed", "failed", "not_applicable"]
STATUSES: Final[tuple[Status, ...]] = ("passed", "failed", "not_applicable")


# -- findings by column --------------------------------------------------------------------------

#: How many findings are collected at a time, and how many messages a block of text holds.
_BLOCK: Final = 1024
_RULE_OF: Final = attrgetter("rule")
_SEVERITY: Final = attrgetter("severity")
_SUBJECT: Final = attrgetter("subject")
_MESSAGE: Final = attrgetter("message")
_MESSAGE_ZH: Final = attrgetter("message_zh")
_DATA: Final = attrgetter("data")
_DICT: Final = attrgetter("_data")  # an Attributes' own dict


class _Same:
    """A column whose every entry is one object (a rule's id, its severity, …)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


class _Texts:
    """A column of strings kept as blocks of joined text: each block is the strings of a
    batch put end to end, ``sizes`` says how many strings each block holds and ``ends``
    where each string ends in its block.

    A string of its own costs 40 to 80 bytes besides its characters; in a block, four. A
    block is at most :data:`_BLOCK` strings, so that one string of wider characters (an
    emoji in a name) widens only the strings of its block.

    A block may also be a :class:`~govmodel.models.base.Messages`, kept as it is: its
    strings are made when they are read, and it has no ``ends``. Pickled, such a block is
    made into text first.
    """

    __slots__ = ("blocks", "ends", "sizes")

    def __init__(self) -> None:
        self.blocks: list[str | Messages] = []
        self.sizes: list[int] = []
        self.ends = array.array("I")

    def add(self, texts: list[str]) -> None:
        """Add a batch of strings as one block."""
        ends = list(itertools.accumulate(map(len, texts)))
        if ends and ends[-1] > 0xFFFFFFFF and self.ends.typecode == "I":
            self.ends = array.array("q", self.ends)
        self.blocks.append("".join(texts))
        self.sizes.append(len(texts))
        self.ends.extend(ends)

    def add_unmade(self, messages: Messages) -> None:
        """Add messages made when they are read, as one block."""
        self.blocks.append(messages)
        self.sizes.append(len(messages))

    def done(self) -> _Texts | _Same:
        """The column: itself, or ``_Same("")`` when every string is empty."""
        return self if any(self.blocks) else _Same("")

    def __iter__(self) -> Iterator[str]:
        ends, i = self.ends, 0
        for block, size in zip(self.blocks, self.sizes, strict=True):
            if type(block) is not str:
                yield from block
                continue
            start = 0
            for end in ends[i : i + size]:
                yield block[start:end]
                start = end
            i += size

    def __getstate__(self) -> tuple[list[str], list[int], array.array[int]]:
        if all(type(block) is str for block in self.blocks):
            return self.blocks, self.sizes, self.ends  # type: ignore[return-value]
        made = _Texts()
        made.ends = array.array(self.ends.typecode)
        ends, i = self.ends, 0
        for block, size in zip(self.blocks, self.sizes, strict=True):
            if type(block) is str:
                made.blocks.append(block)
                made.sizes.append(size)
                made.ends.extend(ends[i : i + size])
                i += size
            else:
                made.add(list(block))
        return made.blocks, made.sizes, made.ends  # type: ignore[return-value]

    def __setstate__(self, state: tuple[list[str], list[int], array.array[int]]) -> None:
        self.blocks, self.sizes, self.ends = state  # type: ignore[assignment]


_NONE: Final = _Same(None)

Column = tuple[Any, ...] | _Texts | _Same


def _column(entries: list[Any]) -> tuple[Any, ...] | _Same:
    """``entries`` as a tuple, or as one :class:`_Same` when every entry is the first."""
    if not entries:
        return _NONE
    first = entries[0]
    if all(map(operator.is_, entries, itertools.repeat(first))):
        return _NONE if first is None else _Same(first)
    return tuple(entries)


def _entries(column: Column, n: int) -> Iterable[Any]:
    return itertools.repeat(column.value, n) if isinstance(column, _Same) else column


def _data(keys: Iterable[tuple[str, ...] | None], values: Iterable[Any]) -> Iterator[Any]:
    """The data of each finding as a new dict (``None`` when it has none)."""
    for k, v in zip(keys, values, strict=True):
        if k is None:
            yield None
        elif len(k) == 1:
            yield {k[0]: v}
        else:
            yield dict(zip(k, v, strict=True))


class _Findings:
    """The findings of one rule, a column per field of :class:`Finding`.

    An assessment of a city holds hundreds of thousands of findings. As objects, each costs
    a :class:`Finding`, an :class:`~govmodel.spec.Attributes` with its dict, and two
    strings, about 500 bytes besides the characters of its messages. By column, a field
    that is the same for every finding (the rule, the severity, the names of the data) is
    kept once, the subject costs a pointer, the data their values (one value as it is,
    several as a tuple) and the messages their characters (:class:`_Texts`). The
    :class:`Finding` objects are made again, equal field for field and of the same types,
    when they are read (:attr:`RuleResult.findings`).

    Findings given as objects (to :class:`RuleResult`), and those of a rule that yields
    other objects than :class:`Finding` (a subclass, a message of a subclass of ``str``),
    are kept as the objects they are, in ``objects``.
    """

    __slots__ = (
        "keys",
        "message",
        "message_zh",
        "n",
        "objects",
        "rule",
        "severity",
        "subject",
        "values",
    )

    n: int
    rule: Column
    severity: Column
    subject: Column
    message: Column
    message_zh: Column
    keys: Column
    values: Column
    objects: tuple[Any, ...] | None

    @classmethod
    def kept(cls, findings: Iterable[Any]) -> _Findings:
        """Findings kept as the objects they are (what :class:`RuleResult` is given)."""
        if isinstance(findings, _Findings):
            return findings
        self = cls.__new__(cls)
        self.objects = tuple(findings)
        self.n = len(self.objects)
        return self

    def __len__(self) -> int:
        return self.n

    def severities(self) -> set[Any]:
        """The severities of the findings."""
        if self.objects is not None:
            return {f.severity for f in self.objects}
        if isinstance(self.severity, _Same):
            return {self.severity.value} if self.n else set()
        return set(self.severity)

    def heads(self) -> Iterator[tuple[Any, Any, Any]]:
        """Each finding's ``(rule, severity, subject)``, its messages left unmade (what
        counts findings needs no more)."""
        if self.objects is not None:
            for f in self.objects:
                yield f.rule, f.severity, f.subject
            return
        n = self.n
        yield from zip(
            _entries(self.rule, n),
            _entries(self.severity, n),
            _entries(self.subject, n),
            strict=True,
        )

    def columns(self, zh: bool = True) -> Iterator[tuple[Any, Any, Any, Any, Any, Any]]:
        """Each finding's ``(rule, severity, subject, message, message_zh, data)``, ``data``
        as a new dict or ``None`` (kept as columns) or as the finding's own (as objects);
        ``message_zh`` ``None`` where ``zh`` is false and the findings are kept as columns
        (unread, as the English reports need it not)."""
        if self.objects is not None:
            for f in self.objects:
                yield f.rule, f.severity, f.subject, f.message, f.message_zh, f.data
            return
        n = self.n
        yield from zip(
            _entries(self.rule, n),
            _entries(self.severity, n),
            _entries(self.subject, n),
            _entries(self.message, n),
            _entries(self.message_zh, n) if zh else itertools.repeat(None, n),
            _data(_entries(self.keys, n), _entries(self.values, n)),
            strict=True,
        )

    def __iter__(self) -> Iterator[Finding]:
        if self.objects is not None:
            return iter(self.objects)
        return itertools.starmap(_finding, self.columns())

    def findings(self) -> tuple[Finding, ...]:
        """The findings as :class:`Finding` objects."""
        return self.objects if self.objects is not None else tuple(self)


def _kept(findings: Iterable[Any]) -> _Findings:
    return _Findings.kept(findings)


_NO_FINDINGS: Final = _kept(())


class _FindingsBuilder:
    """Collects the findings of one rule, as they come, into :class:`_Findings`:
    :data:`_BLOCK` at a time, so that what is held besides the columns stays small."""

    __slots__ = ("_shapes", "columns", "message", "message_zh", "objects")

    def __init__(self) -> None:
        # rule, severity, subject, the names of the data and their values
        self.columns: tuple[list[Any], ...] = ([], [], [], [], [])
        self.message = _Texts()
        self.message_zh = _Texts()
        self._shapes: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.objects: list[Any] | None = None

    def add(self, found: Iterable[Any]) -> None:
        """Add findings (a run of what the rule yields: findings and blocks of them).

        The findings come :data:`_BLOCK` at a time, and the blocks one by one, so that no
        more than a block of findings is held besides the columns."""
        for kind, items in itertools.groupby(found, type):
            if issubclass(kind, FindingBlock):
                for block in items:
                    self._put_block(block)
                continue
            while batch := list(itertools.islice(items, _BLOCK)):
                self._put(batch)

    def _put(self, batch: list[Any]) -> None:
        if self.objects is not None:
            self.objects.extend(batch)
        elif not self._add(batch):  # keep the objects from here on
            self.objects = [*self.done(), *batch]

    def _put_block(self, block: FindingBlock) -> None:
        """Add a block's columns as they are (the findings made of them when they are not
        all of the types the columns keep)."""
        if self.objects is not None:
            self.objects.extend(block)
            return
        messages, messages_zh = block.messages, block.messages_zh
        made = [m for m in (messages, messages_zh) if type(m) is not Messages]
        if type(block) is not FindingBlock or not set(
            itertools.chain.from_iterable(map(type, m) for m in made)
        ) <= {str}:  # a subclass may read its findings otherwise: they are taken as read
            self.objects = [*self.done(), *block]
            return
        n = len(block)
        if not n:
            return
        rule, severity, subject, keys, values = self.columns
        rule.extend(itertools.repeat(block.rule, n))
        severity.extend(itertools.repeat(block.severity, n))
        subject.extend(block.subjects)
        for texts, column in ((messages, self.message), (messages_zh, self.message_zh)):
            if type(texts) is Messages:  # kept unmade, as one block
                column.add_unmade(texts)
                continue
            for start in range(0, n, _BLOCK):  # blocks of text as _add makes them
                column.add(texts[start : start + _BLOCK])  # type: ignore[arg-type]
        data = block.data
        if not data:
            keys.extend(itertools.repeat(None, n))
            values.extend(itertools.repeat(None, n))
            return
        names = tuple(data)
        keys.extend(itertools.repeat(self._shapes.setdefault(names, names), n))
        values.extend(data[names[0]] if len(names) == 1 else zip(*data.values(), strict=True))

    def _add(self, batch: list[Any]) -> bool:
        if set(map(type, batch)) != {Finding}:
            return False
        messages = list(map(_MESSAGE, batch))
        messages_zh = list(map(_MESSAGE_ZH, batch))
        if set(map(type, messages)) != {str} or set(map(type, messages_zh)) != {str}:
            return False
        rule, severity, subject, keys, values = self.columns
        rule.extend(map(_RULE_OF, batch))
        severity.extend(map(_SEVERITY, batch))
        subject.extend(map(_SUBJECT, batch))
        self.message.add(messages)
        self.message_zh.add(messages_zh)
        data = list(map(_DATA, batch))
        if all(map(operator.is_, data, itertools.repeat(_NO_DATA))):
            keys.extend(itertools.repeat(None, len(batch)))
            values.extend(itertools.repeat(None, len(batch)))
            return True
        shape = self._shapes.setdefault
        if set(map(type, data)) == {Attributes}:
            # the dicts the data hold, read (not copied) at C speed
            dicts = list(map(_DICT, data))
            names = [shape(k, k) if k else None for k in map(tuple, dicts)]
            keys.extend(names)
            values.extend(
                None if k is None else d[k[0]] if len(k) == 1 else tuple(d.values())
                for k, d in zip(names, dicts, strict=True)
            )
            return True
        for attributes in data:
            if attributes is _NO_DATA or not attributes:
                keys.append(None)
                values.append(None)
                continue
            d = attributes.to_dict()
            k = tuple(d)
            keys.append(shape(k, k))
            values.append(d[k[0]] if len(k) == 1 else tuple(d.values()))
        return True

    def done(self) -> _Findings:
        """The findings collected."""
        if self.objects is not None:
            return _Findings.kept(self.objects)
        out = _Findings.__new__(_Findings)
        out.objects = None
        out.n = len(self.columns[0])
        out.rule, out.severity, out.subject, out.keys, out.values = map(_column, self.columns)
        out.message = self.message.done()
        out.message_zh = self.message_zh.done()
        return out


@attrs.frozen
class RuleResult:
    """How a structure fared under one rule: the rule, its findings, and how many subjects
    it examined.

    ``examined`` is ``None`` when the rule does not say (it never calls
    :meth:`Context.examine`, as plug-ins written before it existed): such a rule is taken
    at its word, ``"passed"`` when it finds nothing, and reports show ``—`` for what it
    examined. Call :meth:`Context.examine` so that a rule with nothing to examine is
    reported *not applicable*.

    The findings of an assessment are kept by column, and ``findings`` makes the tuple of
    :class:`Finding` objects each time it is read; findings given as objects are kept as
    they are.
    """

    rule: RuleSpec
    findings: tuple[Finding, ...] = attrs.field(converter=_kept)
    examined: int | None = attrs.field(default=None)

    @examined.validator
    def _count(self, attribute: Any, value: Any) -> None:
        """A count of subjects: a whole number, not negative (never a ``bool``), or ``None``."""
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or value < 0
        ):
            raise ValueError(
                f"the subjects rule {self.rule.id!r} examined are a count (an int >= 0) or "
                f"None, not {_what(value)}"
            )

    @property
    def status(self) -> Status:
        """``"failed"`` if the rule found something of error or warning severity, else
        ``"not_applicable"`` if it examined no subject, else ``"passed"``."""
        if not _found(self).severities().isdisjoint(("error", "warning")):
            return "failed"
        if self.examined == 0:
            return "not_applicable"
        return "passed"

    @property
    def passed(self) -> bool:
        """Whether :attr:`status` is ``"passed"``."""
        return self.status == "passed"

    @property
    def result(self) -> Literal["pass", "FAIL", "WARN", "N/A"]:
        """What reports show: ``FAIL`` when a finding has error severity, ``WARN`` when the
        worst finding is a warning, ``N/A`` when not applicable, else ``pass``.

        Examples
        --------
        >>> import govmodel
        >>> a = govmodel.assess(govmodel.datasets.load("xihu"), "tripartite")
        >>> sorted({r.result for r in a.rules})
        ['FAIL', 'WARN', 'pass']
        """
        severities = _found(self).severities()
        if "error" in severities:
            return "FAIL"
        if "warning" in severities:
            return "WARN"
        return "N/A" if self.examined == 0 else "pass"


#: Where :class:`RuleResult` keeps its findings (:class:`_Findings`).
_FINDINGS_SLOT: Final = RuleResult.__dict__["findings"]


def _found(result: RuleResult) -> _Findings:
    """The findings of a rule result as they are kept."""
    return _FINDINGS_SLOT.__get__(result)  # type: ignore[no-any-return]


def _keep(result: RuleResult, findings: Iterable[Finding]) -> None:
    _FINDINGS_SLOT.__set__(result, _Findings.kept(findings))


def _findings_of(result: RuleResult) -> tuple[Finding, ...]:
    return _found(result).findings()


# ``RuleResult.findings`` reads as the tuple of findings it always was (for equality, hashing,
# the repr, attrs.asdict, evolve and pickling too), made from the columns they are kept in.
setattr(  # noqa: B010
    RuleResult,
    "findings",
    property(_findings_of, _keep, doc="The rule's findings, in the order it found them."),
)


@attrs.frozen
class MeasureResult:
    """A measure's value: overall, per unit, and rolled up to each level.

    Attributes
    ----------
    spec
        The measure's declaration.
    value
        The value for the whole structure (for measures per unit: the rollup over all units),
        or ``None`` when it cannot be computed.
    by_unit
        For measures per unit: ``{unit id: value}``.
    by_level
        For measures per unit: ``{unit kind: {unit id: value}}`` for every unit above the
        measured ones, each the ``sum`` or ``mean`` (per ``spec.rollup``) of the measured
        units inside it.
    """

    spec: MeasureSpec
    value: float | None
    by_unit: Mapping[str, float] = attrs.field(factory=dict)
    by_level: Mapping[str, Mapping[str, float]] = attrs.field(factory=dict)


# -- the contract of a measure's return value ---------------------------------------------------


def _number(model: str, spec: MeasureSpec, x: Any, where: str = "") -> float | None:
    """A measure's number as a float; ``None``, NaN, the infinities and a number beyond a
    float's range (``10**400``) mean "cannot be computed" (``None``). A
    :class:`~decimal.Decimal` is a number too. Anything but a real number is a
    :class:`ModelError`."""
    if type(x) is float:  # most are: spare the check against the numbers ABC
        return x if x - x == 0.0 else None
    if x is None:
        return None
    if isinstance(x, decimal.Decimal):  # a number, though no numbers.Real
        x = float(x) if x.is_finite() else math.nan  # beyond a float's range: infinite
    elif not isinstance(x, numbers.Real) and not _numpy_bool(x):
        raise ModelError(
            f"model {model!r}: measure {spec.name!r} (per={spec.per!r}) must give a number "
            f"or None{where}, but gave {_what(x)}"
        )
    try:
        v = float(x)
    except OverflowError:  # an int (or a fraction) beyond a float's range: infinite as a float
        return None
    return v if math.isfinite(v) else None


def _numpy_bool(x: Any) -> bool:
    """Whether ``x`` is a numpy bool (no :class:`numbers.Real`, as a ``bool`` is: ``1.0``
    or ``0.0`` the same)."""
    return type(x).__module__ == "numpy" and type(x).__name__ in ("bool", "bool_")


_FLOAT: Final = frozenset({float})
_STR: Final = frozenset({str})


def _checked(model: str, spec: MeasureSpec, value: Any) -> float | dict[str, float] | None:
    """A measure's return value checked against its ``per``: one number (or ``None``) for
    ``per=None``; a mapping of unit id to number (or ``None``, then left out) otherwise."""
    if spec.per is None:
        if isinstance(value, Mapping):
            raise ModelError(
                f"model {model!r}: measure {spec.name!r} is declared per=None and must give "
                f"one number or None, but gave {_what(value)}; declare per='<unit kind>' "
                "for one number per unit"
            )
        return _number(model, spec, value)
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise ModelError(
            f"model {model!r}: measure {spec.name!r} is declared per={spec.per!r} and must "
            f"give a mapping of unit id to number, but gave {_what(value)}"
        )
    if (
        type(value) is dict
        and set(map(type, value.values())) <= _FLOAT
        and set(map(type, value)) <= _STR
        and all(map(math.isfinite, value.values()))
    ):  # the common case, checked at C speed: finite floats by unit id, kept as they are
        return dict(value)
    out: dict[str, float] = {}
    for k, v in value.items():
        if type(v) is float and type(k) is str:  # most are: checked inline
            if v - v == 0.0:  # finite
                out[k] = v
            continue
        if not isinstance(k, str):
            raise ModelError(
                f"model {model!r}: measure {spec.name!r} (per={spec.per!r}) must give a "
                f"mapping keyed by unit id (str), but gave the key {_what(k)}"
            )
        n = _number(model, spec, v, f" for unit {k!r}")
        if n is not None:
            out[str(k)] = n  # a subclass of str (numpy's) as the id it is
    return out


# -- rollups ------------------------------------------------------------------------------------

#: How many steps up the tree the rollup may take per unit before it sums level by level.
_WALK_BUDGET: Final = 64


def _rollup(
    structure: Structure, values: Mapping[str, float], how: str, shared: dict[Any, Any]
) -> tuple[float | None, dict[str, dict[str, float]]]:
    """The measure's overall value and its rollup to every unit above the measured ones
    (:func:`_levels`).

    A sum beyond a float's range (``1e308 + 1e308``) cannot be computed: overall ``None``,
    and a unit above whose sum it is has no value (left out), never an infinity (which JSON
    cannot hold) nor an ``OverflowError``. A mean of numbers within the range is within it
    too: where the sums on the way overflow, the mean is made of the values scaled down by
    a power of two (exact, but for values below about ``1e-290``) and scaled back up.
    """
    by_level = _levels(structure, values, how, shared)
    if not all(math.isfinite(a) for d in by_level.values() for a in d.values()):
        if how == "mean":  # of values scaled so that no sum overflows
            scale = 2.0 ** -math.ceil(math.log2(len(values) + 1))
            scaled = _levels(structure, {k: v * scale for k, v in values.items()}, how, shared)
            by_level = {k: {u: a / scale for u, a in d.items()} for k, d in scaled.items()}
        finite = {k: {u: a for u, a in d.items() if math.isfinite(a)} for k, d in by_level.items()}
        by_level = {k: d for k, d in finite.items() if d}
    return _overall(values, how), by_level


def _overall(values: Mapping[str, float], how: str) -> float | None:
    """The sum or the mean of ``values``, exact and then rounded (:func:`math.fsum`; in
    fractions where its sums on the way overflow); ``None`` for no value, or for a sum
    beyond a float's range."""
    if not values:
        return None
    try:
        total = math.fsum(values.values())
    except OverflowError:  # on the way: the same, exactly, in fractions (the rare case)
        exact = sum(map(Fraction, values.values()), Fraction(0))
        try:
            return float(exact if how == "sum" else exact / len(values))
        except OverflowError:  # beyond a float's range
            return None
    if how == "sum":
        return total if math.isfinite(total) else None
    return total / len(values)


def _levels(
    structure: Structure, values: Mapping[str, float], how: str, shared: dict[Any, Any]
) -> dict[str, dict[str, float]]:
    """The rollup of ``values`` to every unit above the measured ones, by kind.

    The units are read off the structure's index (its parent array, shared by every measure
    and model) or, for a structure the index refuses (duplicate ids, dangling references),
    by ids; :func:`_ancestor_sums` adds the values up. ``shared`` is what the assessments
    of the run share (:func:`govmodel.models.base._index_of`).
    """
    from govmodel.errors import SpecError

    ix: StructureIndex | None
    try:
        ix = _index_of(structure, shared)
    except SpecError:
        ix = None
        parent_id = {u.id: u.parent for u in structure.units}
        kind_of = {u.id: u.kind for u in structure.units}
        ids: Sequence[str] = list(parent_id)
        code = {uid: i for i, uid in enumerate(ids)}
        parents = [code.get(p, -1) if p is not None else -1 for p in parent_id.values()]
        kinds: Sequence[str] = list(kind_of.values())
        nu = len(ids)

        def kind(c: int) -> str:
            return kinds[c]
    else:
        ids, code, nu = ix.unit_ids, ix.codes, ix.n_units
        names, kind_codes = ix.unit_kinds, ix.unit_kind

        def kind(c: int) -> str:
            return str(names[kind_codes[c]])

    if ix is not None and values:
        plan = _plan_of(ix, values, shared)
        if plan is not None:
            return _planned(plan, values, how)
    # the code of each measured unit (-1 for an id of no unit, left out), read at C speed
    at, numbers = list(map(code.get, values, itertools.repeat(-1))), list(values.values())
    sums: Mapping[int, float]
    counts: Mapping[int, int]
    measured = [(c, v) for c, v in zip(at, numbers, strict=True) if 0 <= c < nu]
    if not measured:
        sums, counts = {}, {}
    else:
        if ix is not None:
            parents = ix.unit_parent.tolist()
        sums, counts = _ancestor_sums(parents, measured)
    by_level: dict[str, dict[str, float]] = {}
    for c in sorted(sums):
        agg = sums[c] if how == "sum" else sums[c] / counts[c]
        by_level.setdefault(kind(c), {})[ids[c]] = agg
    return by_level


class _ForestPlan:
    """What the rollups of values of one list of units share (:func:`_forest_plan`): the
    walks up the containment forest, made once for every measure of those units.

    Attributes
    ----------
    keep
        Which of the values are of units (a boolean array), ``None`` when all are.
    above, source
        Every (ancestor, value) pair of the walks, in the order of the values: the
        ancestor's code and the position of the value among those kept.
    hit, count
        The codes of the units above a measured one, in order, and how many measured units
        each has below it (arrays).
    levels
        The units of ``hit`` by kind, kinds in the order of their first unit: the kind, the
        ids of its units and their positions in ``hit``.
    """

    __slots__ = ("above", "count", "hit", "keep", "levels", "n_units", "source")

    def __init__(self, ix: StructureIndex, keep: Any, above: Any, source: Any) -> None:
        import numpy as np

        self.n_units = ix.n_units
        self.keep, self.above, self.source = keep, above, source
        count = np.bincount(above, minlength=ix.n_units)
        self.hit = hit = np.flatnonzero(count)
        self.count = count[hit]
        kinds = np.asarray(ix.unit_kind)[hit]
        names, ids = ix.unit_kinds, ix.unit_ids
        found, first = np.unique(kinds, return_index=True)
        self.levels: list[tuple[str, list[str], Any]] = []
        for k in found[np.argsort(first, kind="stable")].tolist():
            where = np.flatnonzero(kinds == k)
            self.levels.append(
                (str(names[k]), list(map(ids.__getitem__, hit[where].tolist())), where)
            )

    def sums(self, numbers: Sequence[float]) -> Any:
        """The sum of ``numbers`` (one per unit the plan was made of) below each unit of
        :attr:`hit`, added in the order of the values, as :func:`_ancestor_sums` adds them."""
        import numpy as np

        values = np.array(numbers, dtype=np.float64)
        if self.keep is not None:
            values = values[self.keep]
        total = np.bincount(self.above, weights=values[self.source], minlength=self.n_units)
        return total[self.hit]


def _forest_plan(ix: StructureIndex, at: list[int]) -> _ForestPlan | None:
    """The walks up the containment forest from the units of codes ``at`` (those of other
    codes left out), with numpy; ``None`` where they do not apply (no numpy, a containment
    cycle, or a walk over :data:`_WALK_BUDGET` steps per node and value).

    Every (ancestor, value) pair of the walks is made level by level up the tree and the
    pairs are put in the order of the values (stable), so that ``bincount`` adds them up in
    that order, as the walks do one value after another.
    """
    from govmodel.errors import SpecError

    if ix.backend != "numpy":
        return None
    try:
        forest = ix.containment()
    except SpecError:
        return None
    import numpy as np

    codes = np.array(at, dtype=np.int64)
    units = (codes >= 0) & (codes < ix.n_units)
    keep = None
    if not units.all():
        keep, codes = units, codes[units]
    n = len(codes)
    if not n:
        nothing = np.zeros(0, dtype=np.int64)
        return _ForestPlan(ix, keep, nothing, nothing)
    steps = int(forest.level[codes].sum())  # each value's walk: its node and its ancestors
    if steps > _WALK_BUDGET * (ix.n_units + n) + 1024:
        return None
    parent = ix.unit_parent
    up, order = parent[codes], np.arange(n)
    above, seq = [], []
    while up.size:
        kept = up >= 0
        up, order = up[kept], order[kept]
        above.append(up)
        seq.append(order)
        up = parent[up]
    source = np.concatenate(seq)
    first = np.argsort(source, kind="stable")  # the order of the values
    return _ForestPlan(ix, keep, np.concatenate(above)[first], source[first])


#: Where a run keeps the plans of its rollups (:func:`_plan_of`).
_PLANS: Final = ("govmodel.assess", "rollup plans")


def _plan_of(
    ix: StructureIndex, values: Mapping[str, float], shared: dict[Any, Any]
) -> _ForestPlan | None:
    """:func:`_forest_plan` of the units ``values`` is keyed by, made once per run for the
    measures of the same units (the measures of a model are mostly of its compounds, in the
    same order)."""
    plans: dict[tuple[int, str, str], tuple[Any, list[str], _ForestPlan | None]]
    plans = shared.setdefault(_PLANS, {})
    keys = list(values)
    key = (len(keys), keys[0], keys[-1])
    got = plans.get(key)
    if got is not None and got[0] is ix and got[1] == keys:
        return got[2]
    plan = _forest_plan(ix, list(map(ix.codes.get, keys, itertools.repeat(-1))))
    plans[key] = (ix, keys, plan)
    return plan


def _planned(
    plan: _ForestPlan, values: Mapping[str, float], how: str
) -> dict[str, dict[str, float]]:
    """:func:`_levels` of ``values`` with the plan of their units."""
    sums = plan.sums(list(values.values()))
    agg = sums if how == "sum" else sums / plan.count
    return {
        kind: dict(zip(ids, agg[where].tolist(), strict=True)) for kind, ids, where in plan.levels
    }


def _ancestor_sums(
    parents: Sequence[int], measured: Sequence[tuple[int, float]]
) -> tuple[dict[int, float], dict[int, int]]:
    """For every node above a measured one: the sum and the number of the measured values
    below it.

    Each value is added to every ancestor of its node, in the order of ``measured``, so
    that a sum of floats is the same whatever else changes (a node in a containment cycle
    stops the walk). That walk takes a step per ancestor, which is quadratic on a deep
    chain of measured units; once it has taken ``_WALK_BUDGET`` steps per node and value,
    the sums are made again level by level, from the deepest up (each node adds, child by
    child, the child's own value and then the child's sum), in linear time. The two orders
    give the same sums of integers; sums of other floats can differ in their last bits, and
    only on a structure whose measured units lie more than ``_WALK_BUDGET`` levels deep on
    average. In a containment cycle (an invalid structure), the level-by-level sums leave
    out the units of the cycle and below it.
    """
    budget = _WALK_BUDGET * (len(parents) + len(measured)) + 1024
    sums: dict[int, float] = {}
    counts: dict[int, int] = {}
    steps = 0
    for c, v in measured:
        seen = {c}
        p = parents[c]
        while p >= 0 and p not in seen:
            seen.add(p)
            sums[p] = sums.get(p, 0.0) + v
            counts[p] = counts.get(p, 0) + 1
            p = parents[p]
        steps += len(seen)
        if steps > budget:
            return _level_sums(parents, measured)
    return sums, counts


def _level_sums(
    parents: Sequence[int], measured: Sequence[tuple[int, float]]
) -> tuple[dict[int, float], dict[int, int]]:
    """:func:`_ancestor_sums` level by level, in linear time (see there)."""
    n = len(parents)
    children: list[list[int]] = [[] for _ in range(n)]
    level = [c for c in range(n) if parents[c] < 0]
    for c in range(n):
        if parents[c] >= 0:
            children[parents[c]].append(c)
    levels: list[list[int]] = []
    while level:
        levels.append(level)
        level = [k for c in level for k in children[c]]
    own = dict(measured)
    sums: dict[int, float] = {}
    counts: dict[int, int] = {}
    for nodes in reversed(levels[1:]):
        for c in nodes:
            p = parents[c]
            if c in own:
                sums[p] = sums.get(p, 0.0) + own[c]
                counts[p] = counts.get(p, 0) + 1
            if c in sums:
                sums[p] = sums.get(p, 0.0) + sums[c]
                counts[p] = counts.get(p, 0) + counts[c]
    return sums, counts


# -- reports --------------------------------------------------------------------------------------

Section = tuple[list[list[str]], tuple[int, ...]]  # rows (header first) and right-aligned columns

_LEGEND: Final[dict[str, tuple[str, ...]]] = {
    "en": (
        "result: pass = the rule examined its subjects and found nothing (or only notes); "
        "FAIL = it found something of error severity; WARN = of warning severity at worst; "
        "N/A = it had nothing to examine here, so it neither passed nor failed. "
        "examined: how many subjects the rule checked (— when the rule does not say).",
        "per: what a measure is counted for. — means one value for the whole structure; a "
        "unit kind (compound) means one value per unit of that kind, and the value shown is "
        "their rollup over the whole structure. rollup: how the values per unit combine in "
        "each unit above them (community, street …) and overall: sum adds them up, mean "
        "averages them. Shares are shown as percentages.",
    ),
    "zh": (
        "结果：通过 = 规则检查了其对象且未发现问题（或仅有提示）；未通过 = 发现了错误级别的问题；"
        "警告 = 最严重的是警告级别的问题；不适用 = 此处没有可检查的对象，既不算通过也不算未通过。"
        "检查对象：规则检查了多少个对象（— 表示规则未说明）。",
        "统计单位：指标按什么计算。— 表示整个结构一个值；单元类型（如小区）表示该类型每个单元一个值，"
        "显示的值是这些值在整个结构上的汇总。汇总：每个单元的值如何合并到其上级单元（社区、街道……）"
        "和整体：求和即相加，平均即取平均值。比例以百分数显示。",
    ),
}


def _legend(lang: str) -> tuple[str, ...]:
    """The legend in Chinese for ``"zh"``, else in English, as :func:`govmodel.render.word`
    gives the words (the rest of a report in another ``lang`` is in English)."""
    return _LEGEND["zh" if lang == "zh" else "en"]


def _pick(en: str, zh: str, lang: str) -> str:
    return zh if lang == "zh" and zh else en


def _label_text(label: Any, lang: str) -> str:
    en = getattr(label, "en", None) or str(getattr(label, "value", label))
    zh = getattr(label, "zh", None) or ""
    return _pick(en, zh, lang)


def _jsonable(x: Any) -> Any:
    if isinstance(x, Mapping):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_jsonable(v) for v in x]
    if attrs.has(type(x)):
        return {a.name: _jsonable(getattr(x, a.name)) for a in attrs.fields(type(x))}
    if isinstance(x, float) and not math.isfinite(x):
        return None
    if type(x) is int and x.bit_length() > _LONG:
        return x if _writable(x) else None
    if x is None or type(x) in _JSON_SCALARS:
        return x
    if isinstance(x, bool | float | int | str):  # a subclass: read back as the class
        return next(t for t in _JSON_SCALARS if isinstance(x, t))(x)
    if type(x).__module__ == "numpy" and getattr(x, "ndim", None) == 0:  # a numpy scalar
        return _jsonable(x.item())
    return str(x)


#: What JSON writes and reads back as the same type.
_JSON_SCALARS: Final = (bool, str, int, float)
#: The bits from which an int may have more digits than Python writes out (:func:`_writable`).
_LONG: Final = 1000


def _writable(x: int) -> bool:
    """Whether Python writes out the digits of ``x`` (:func:`sys.get_int_max_str_digits`):
    JSON cannot hold one of more, which is written as ``null``, as NaN and the infinities."""
    limit = sys.get_int_max_str_digits()
    return limit == 0 or x.bit_length() * math.log10(2) < limit - 1


def _label_data(label: Any, lang: str) -> Any:
    data = _jsonable(label)
    if isinstance(data, dict):
        data["text"] = _label_text(label, lang)
    return data


_isfinite: Final = math.isfinite


def _plain_data(data: Any) -> dict[str, Any]:
    """A finding's data (as :meth:`_Findings.columns` gives it) as a new dict, NaN, the
    infinities and an int of more digits than Python writes out as ``None`` (JSON has no
    such numbers; measures and labels read them so)."""
    plain: dict[str, Any] = data if type(data) is dict else {} if data is None else dict(data)
    for k, v in plain.items():
        kind = type(v)
        if (
            (kind is float and not _isfinite(v))
            or (kind is not float and kind not in _PLAIN and v is not None)
            or (kind is int and v.bit_length() > _LONG)
            or type(k) is not str
        ):  # NaN, an infinity, or what JSON does not write as it is (a numpy scalar, a key
            # that is no str, an int of more digits than Python writes out)
            return _jsonable(plain)  # type: ignore[no-any-return]
    return plain


_PLAIN: Final = frozenset((str, int, bool))


def _status_counts(rules: Iterable[RuleResult]) -> dict[str, int]:
    counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
    for r in rules:
        counts[r.status] += 1
    return counts


def _counts_text(rules: Sequence[RuleResult], lang: str) -> str:
    """How many rules passed, failed and were not applicable; the failed ones split into
    those with an error (``FAIL``) and those with warnings only (``WARN``) when some are
    warnings, as the rules table shows them."""
    counts, total = _status_counts(rules), len(rules)
    failed = counts["failed"]
    warned = sum(1 for r in rules if r.status == "failed" and r.result == "WARN")
    if lang == "zh":
        split = f"（错误 {failed - warned}，警告 {warned}）" if warned else ""
        return (
            f"{total} 条规则：通过 {counts['passed']}，未通过 {failed}{split}，"
            f"不适用 {counts['not_applicable']}"
        )
    split = f" ({failed - warned} FAIL, {warned} WARN)" if warned else ""
    return (
        f"{total} rule{'' if total == 1 else 's'}: {counts['passed']} passed, {failed} failed"
        f"{split}, {counts['not_applicable']} not applicable"
    )


def _emphasis(text: str) -> str:
    """``*text*`` in Markdown: the text made safe (:func:`govmodel.render.markdown`, which
    writes its leading whitespace as character references) and its trailing whitespace
    written so too, for before the closing ``*`` a space would leave both asterisks shown."""
    safe = markdown(text)  # its leading whitespace already written so
    core = safe.rstrip()
    return "*" + core + "".join(f"&#{ord(c)};" for c in safe[len(core) :]) + "*"


_RESULT_CLASS: Final = {"pass": "gm-pass", "FAIL": "gm-fail", "WARN": "gm-warn", "N/A": "gm-na"}


@attrs.frozen
class Assessment:
    """The result of :func:`assess`: findings, labels and measures of one model on one structure.

    Examples
    --------
    >>> import govmodel
    >>> a = govmodel.assess(govmodel.datasets.load("chengdu"), "council")
    >>> a.model
    'council'
    >>> sorted(a.to_dict())[:4]
    ['as_of', 'counts', 'findings', 'labels']
    """

    model: str
    model_title: str
    model_title_zh: str
    structure_name: str
    rules: tuple[RuleResult, ...]
    labels: Mapping[str, Mapping[str, Any]]
    metrics: Mapping[str, MeasureResult]
    source: str = ""
    #: The model's classifiers, for their names in reports.
    classifiers: tuple[ClassifierSpec, ...] = ()
    #: The Chinese names of the unit kinds the measures are counted for.
    kinds_zh: Mapping[str, str] = attrs.field(factory=dict)
    #: The day the structure was read as of (``"YYYY-MM-DD"``, :meth:`Structure.as_of`):
    #: the ``as_of`` given, or, for a model whose rules have dates assessed without one,
    #: the day it was assessed; ``None`` when the model read the whole structure.
    as_of: str | None = None
    #: Whether the structure has a name or a title: ``structure_name`` is otherwise the
    #: word ``"structure"``, which the Chinese reports show in Chinese.
    structure_named: bool = True

    # -- views ---------------------------------------------------------------------------
    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding, rule by rule.

        The assessment keeps its findings by column and makes the :class:`Finding` objects
        each time they are read (about a microsecond each): keep the tuple to read it
        several times.
        """
        return tuple(itertools.chain.from_iterable(map(_found, self.rules)))

    @property
    def ok(self) -> bool:
        """Whether no finding has error severity."""
        return not any("error" in _found(r).severities() for r in self.rules)

    def _n_findings(self) -> int:
        return sum(map(len, map(_found, self.rules)))

    @property
    def counts(self) -> dict[str, int]:
        """How many rules have each status: ``{"passed": …, "failed": …, "not_applicable": …}``.

        A rule that was not applicable is counted as such, never as passed.

        Examples
        --------
        >>> import govmodel
        >>> a = govmodel.assess(govmodel.datasets.load("yuetang"), "four_level")
        >>> sum(a.counts.values()) == len(a.rules)
        True
        """
        return _status_counts(self.rules)

    def summary(self, lang: Lang = "en") -> str:
        """One line: how many rules passed, failed and were not applicable, and the findings.

        Examples
        --------
        >>> import govmodel
        >>> a = govmodel.assess(govmodel.datasets.load("yuetang"), "four_level")
        >>> a.summary().startswith(f"{len(a.rules)} rules: ")
        True
        """
        n = self._n_findings()
        more = (
            f"，{word('findings', 'zh')} {n}"
            if lang == "zh"
            else f", {n} finding{'' if n == 1 else 's'}"
        )
        return _counts_text(self.rules, lang) + more

    def rule(self, rule_id: str) -> RuleResult:
        """The result of one rule, by id."""
        for r in self.rules:
            if r.rule.id == rule_id:
                return r
        raise KeyError(f"model {self.model!r} has no rule {rule_id!r}")

    def label(self, classifier: str, subject: str) -> Any:
        """The label a classifier gave a unit."""
        return self.labels[classifier][subject]

    # -- rendering -----------------------------------------------------------------------
    def to_dict(self, lang: Lang = "en") -> dict[str, Any]:
        """The JSON report as plain data (schema :data:`ASSESSMENT_SCHEMA`)."""
        zh = lang == "zh"
        return {
            "schema": ASSESSMENT_SCHEMA,
            "model": self.model,
            "title": self.model_title_zh
            if lang == "zh" and self.model_title_zh
            else self.model_title,
            "structure": self.structure_name,
            "source": self.source,
            "as_of": self.as_of,
            "ok": self.ok,
            "counts": self.counts,
            "rules": [
                {
                    "id": r.rule.id,
                    "description": _pick(r.rule.description, r.rule.description_zh, lang),
                    "severity": r.rule.severity,
                    "source": r.rule.source,
                    "status": r.status,
                    "examined": r.examined,
                    "findings": len(_found(r)),
                }
                for r in self.rules
            ],
            "findings": [
                {
                    "rule": rule,
                    "severity": severity,
                    "subject": subject,
                    "message": message_zh if zh and message_zh else message,
                    "data": _plain_data(data),
                }
                for r in self.rules
                for rule, severity, subject, message, message_zh, data in _found(r).columns(zh)
            ],
            "labels": {
                name: {subject: _label_data(label, lang) for subject, label in by_subject.items()}
                for name, by_subject in self.labels.items()
            },
            "metrics": {
                name: {
                    "label": _pick(m.spec.en, m.spec.zh, lang),
                    "per": m.spec.per,
                    "rollup": m.spec.rollup,
                    "quantity": m.spec.quantity,
                    "value": m.value,
                    "by_unit": dict(m.by_unit),
                    "by_level": {k: dict(v) for k, v in m.by_level.items()},
                }
                for name, m in self.metrics.items()
            },
        }

    def to_json(self, lang: Lang = "en", *, indent: int | None = 2) -> str:
        """The JSON report (deterministic for the same structure and model).

        Every text is kept exactly; the characters a terminal acts on (DEL, the C1 controls,
        the bidirectional overrides) are written as ``\\uNNNN`` escapes
        (:func:`govmodel.render.json_text`), which read back as the same characters.
        """
        doc = json.dumps(self.to_dict(lang), ensure_ascii=False, indent=indent, allow_nan=False)
        return json_text(doc) + "\n"

    def _title(self, lang: Lang) -> str:
        title = _pick(self.model_title, self.model_title_zh, lang)
        return f"{title} [{self.model}]"

    def _structure(self, lang: Lang) -> str:
        """The structure's name, or for one without, the word for an unnamed structure."""
        if self.structure_named or lang != "zh":
            return self.structure_name
        return word("unnamed structure", lang)

    def _rule_rows(self, lang: Lang) -> Section:
        rows = [[word(w, lang) for w in ("rule", "severity", "examined", "findings", "result")]]
        for r in self.rules:
            examined = "—" if r.examined is None else f"{r.examined:,}"
            rows.append(
                [
                    r.rule.id,
                    word(r.rule.severity, lang),
                    examined,
                    f"{len(_found(r)):,}",
                    word(r.result, lang),
                ]
            )
        return rows, (2, 3)

    def _metric_rows(self, lang: Lang) -> Section:
        rows = [[word(w, lang) for w in ("measure", "value", "per", "rollup")]]
        for m in self.metrics.values():
            per, rollup = m.spec.per, m.spec.rollup
            if per is None:
                shown_per, shown_rollup = "—", "—"
            else:
                shown_per = self.kinds_zh.get(per, per) if lang == "zh" else per
                shown_rollup = word(rollup, lang)
            rows.append(
                [
                    _pick(m.spec.en, m.spec.zh, lang) or m.spec.name,  # as a classifier's
                    number(m.value, m.spec.quantity, lang),
                    shown_per,
                    shown_rollup,
                ]
            )
        return rows, (1,)

    def _label_rows(self, lang: Lang) -> Section:
        rows = [[word(w, lang) for w in ("classifier", "class", "units")]]
        names = {c.name: _pick(c.en, c.zh, lang) for c in self.classifiers}
        for name, by_subject in self.labels.items():
            counts: dict[str, int] = {}
            for label in by_subject.values():
                text = _label_text(label, lang)
                counts[text] = counts.get(text, 0) + 1
            for text, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                rows.append([names.get(name) or name, text, f"{n:,}"])
        return rows, (2,)

    def _finding_rows(self, lang: Lang, limit: int | None) -> Section:
        rows = [[word(w, lang) for w in ("severity", "rule", "subject", "finding")]]
        for f in itertools.islice(itertools.chain.from_iterable(map(_found, self.rules)), limit):
            rows.append([word(f.severity, lang), f.rule, f.subject or "—", f.text(lang)])
        return rows, ()

    def _more(self, lang: Lang, limit: int | None) -> str:
        n = self._n_findings()
        if limit is None or n <= limit:
            return ""
        left = n - limit
        return f"… {left:,} {word('more finding' if left == 1 else 'more findings', lang)}"

    def _sections(self, lang: Lang, limit: int | None) -> list[tuple[str, Section]]:
        if limit is not None and (
            isinstance(limit, bool) or not isinstance(limit, int) or limit < 0
        ):
            raise ValueError(f"max_findings must be None or a whole number >= 0, not {limit!r}")
        out = [("rules", self._rule_rows(lang))]
        if self._n_findings():
            out.append(("findings", self._finding_rows(lang, limit)))
        if self.labels:
            out.append(("labels", self._label_rows(lang)))
        if self.metrics:
            out.append(("measures", self._metric_rows(lang)))
        return out

    def to_text(self, lang: Lang = "en", *, max_findings: int | None = 20) -> str:
        """A plain-text report for the terminal.

        Every text from the structure or the model is shown with its control characters
        made visible (:func:`govmodel.render.terminal`): a name cannot forge a line or send
        an escape sequence to the terminal.
        """
        t = terminal
        out = [
            t(self._title(lang)),
            f"{word('structure', lang)}: {t(self._structure(lang))}",
        ]
        if self.source:
            out.append(f"{word('source', lang)}: {t(self.source)}")
        if self.as_of is not None:
            out.append(f"{word('as of', lang)}: {t(self.as_of)}")
        for name, (rows, right) in self._sections(lang, max_findings):
            out += ["", text_table([[t(c) for c in r] for r in rows], right=right)]
            if name == "rules":
                out.append(_counts_text(self.rules, lang))
            if name == "findings" and (more := self._more(lang, max_findings)):
                out.append(more)
        out += ["", *_legend(lang)]
        return "\n".join(out) + "\n"

    def to_markdown(self, lang: Lang = "en", *, max_findings: int | None = 50) -> str:
        """A Markdown report (GitHub-flavoured tables).

        Every text from the structure or the model is escaped (:func:`govmodel.render.markdown`):
        it can neither break a table nor become markup or HTML.
        """
        m = markdown
        title = _pick(self.model_title, self.model_title_zh, lang)
        out = [f"## {m(title)} [{m(self.model)}]", "", _emphasis(self._structure(lang))]
        if self.source:
            out[-1] += f" — {m(self.source)}"
        if self.as_of is not None:
            out[-1] += f" — {m(word('as of', lang))} {m(self.as_of)}"
        for name, (rows, right) in self._sections(lang, max_findings):
            out += ["", markdown_table([[m(c) for c in r] for r in rows], right=right)]
            if name == "rules":
                out += ["", _counts_text(self.rules, lang)]
            if name == "findings" and (more := self._more(lang, max_findings)):
                out += ["", more]
        out += ["", *(f"{m(x)}\n" for x in _legend(lang))]
        return "\n".join(out).rstrip("\n") + "\n"

    def to_html(self, lang: Lang = "en", *, max_findings: int | None = 50) -> str:
        """An HTML fragment (used for Jupyter's rich display); every text is escaped."""
        h = html_text
        parts = [
            '<div class="govmodel-report govmodel-assessment">',
            REPORT_STYLE,
            f"<h3>{h(self._title(lang))}</h3>",
            f"<p><em>{h(self._structure(lang))}</em>"
            + (f" — {h(self.source)}" if self.source else "")
            + (f" — {h(word('as of', lang))} {h(self.as_of)}" if self.as_of is not None else "")
            + "</p>",
        ]
        for name, (rows, right) in self._sections(lang, max_findings):
            safe = [[h(c) for c in r] for r in rows]
            if name == "rules":
                classes = {(k, 4): _RESULT_CLASS[r.result] for k, r in enumerate(self.rules)}
                parts.append(html_table(safe, right=right, classes=classes))
                parts.append(f"<p>{h(_counts_text(self.rules, lang))}</p>")
            elif name == "findings":
                n = self._n_findings()
                noun = word("finding" if n == 1 else "findings", lang)
                parts.append(f"<details><summary>{n:,} {h(noun)}</summary>")
                parts.append(html_table(safe, right=right))
                if more := self._more(lang, max_findings):
                    parts.append(f"<p>{h(more)}</p>")
                parts.append("</details>")
            else:
                parts.append(html_table(safe, right=right))
        parts += [f'<p class="gm-legend">{h(x)}</p>' for x in _legend(lang)]
        parts.append("</div>")
        return "\n".join(parts)

    def render(self, format: str = "text", lang: Lang = "en") -> str:
        """Render as ``"text"``, ``"markdown"``, ``"json"`` or ``"html"``."""
        renderers: dict[str, Callable[[Lang], str]] = {
            "text": self.to_text,
            "markdown": self.to_markdown,
            "json": self.to_json,
            "html": self.to_html,
        }
        if format not in renderers:
            raise ValueError(f"unknown format {format!r}; use one of {', '.join(renderers)}")
        return renderers[format](lang)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        c = self.counts
        return (
            f"<Assessment {self.model!r} of {self.structure_name!r}: {len(self.rules)} rules "
            f"({c['passed']} passed, {c['failed']} failed, {c['not_applicable']} not "
            f"applicable), {self._n_findings()} findings, {len(self.labels)} classifiers, "
            f"{len(self.metrics)} measures>"
        )

    def to_frame(self, of: Literal["measures", "rules"] = "measures") -> pd.DataFrame:
        """The assessment as a pandas frame. Needs the ``pandas`` extra.

        ``of="measures"`` (default): one row per unit and measure, with columns ``unit``,
        ``kind``, ``measure``, ``value``, ``level``; rows for the measured units have
        ``level == "unit"``, rows for the units above them hold the rollups and have
        ``level == "rollup"``. ``value`` is of floats (``float64``), even with no row; the
        others are of strings (``str``; ``object`` when a unit id holds a lone surrogate,
        which pandas' ``str`` cannot store).

        ``of="rules"``: one row per rule, with columns ``rule``, ``severity``, ``status``
        (``passed``, ``failed`` or ``not_applicable``), ``result`` (``pass``, ``FAIL``,
        ``WARN`` or ``N/A``), ``examined`` (``<NA>`` when the rule does not say) and
        ``findings``.

        Examples
        --------
        >>> import govmodel
        >>> a = govmodel.assess(govmodel.datasets.load("yuetang"), "four_level")
        >>> list(a.to_frame("rules").columns)
        ['rule', 'severity', 'status', 'result', 'examined', 'findings']
        """
        from govmodel.errors import require

        pd: Any = require("pandas", "pandas", feature="Assessment.to_frame")
        if of == "rules":
            frame = pd.DataFrame(
                [
                    (r.rule.id, r.rule.severity, r.status, r.result, r.examined, len(_found(r)))
                    for r in self.rules
                ],
                columns=["rule", "severity", "status", "result", "examined", "findings"],
            )
            if not self.rules:  # the types of the columns a frame with rows has, not objects
                frame = frame.astype(
                    {
                        "rule": str,
                        "severity": str,
                        "status": str,
                        "result": str,
                        "findings": "int64",
                    }
                )
            frame["examined"] = frame["examined"].astype("Int64")
            return frame
        if of != "measures":
            raise ValueError(f"of must be 'measures' or 'rules', not {of!r}")
        rows: list[tuple[str, str, str, float, str]] = []
        for name, m in self.metrics.items():
            kind = m.spec.per or ""
            for uid, v in m.by_unit.items():
                rows.append((uid, kind, name, v, "unit"))
            for lvl, vals in m.by_level.items():
                for uid, v in vals.items():
                    rows.append((uid, lvl, name, v, "rollup"))
        columns = ["unit", "kind", "measure", "value", "level"]
        try:
            frame = pd.DataFrame(rows, columns=columns)
        except UnicodeEncodeError:  # a lone surrogate, which no Arrow string holds
            frame = pd.DataFrame(rows, columns=columns, dtype=object)
            frame["value"] = frame["value"].astype("float64")
            for c in ("unit", "kind", "measure", "level"):
                with contextlib.suppress(UnicodeEncodeError):  # else kept as objects
                    frame[c] = frame[c].astype(str)
        if not rows:  # the types of the columns a frame with rows has, not objects
            frame = frame.astype(
                {"unit": str, "kind": str, "measure": str, "value": "float64", "level": str}
            )
        return frame


# -- running -----------------------------------------------------------------------------------


@contextlib.contextmanager
def _collector_spared() -> Iterator[None]:
    """Pause the cyclic garbage collector while assessing (:func:`gc_paused`), and leave the
    objects the assessment made to the oldest generation without a look.

    An assessment of a city makes a million objects without a reference cycle (findings,
    labels, lookups). Paused, the collector would still traverse every one of them at its
    first young collection after the block (about a tenth of the assessment's time at city
    scale), and again when they pass to the middle generation. :func:`gc.freeze` followed by
    :func:`gc.unfreeze` moves every tracked object to the oldest generation in constant
    time, where the next full collection examines them as usual (a cycle made meanwhile is
    still collected then). It is skipped when the caller has frozen objects of its own
    (``gc.get_freeze_count()``), which unfreezing would release.
    """
    with gc_paused():
        yield
        settle_young()


@contextlib.contextmanager
def _run() -> Iterator[dict[Any, Any]]:
    """What the assessments of one run (:func:`assess`, :func:`compare`) share: the
    structure's index and the lookups it caches, the classifiers' labels.

    The collector is spared meanwhile (:func:`_collector_spared`); when the run ends, the
    lookups the index cached during it are dropped (:func:`govmodel.models.base._drop_lookups`):
    what the assessments keep is what they report.
    """
    shared: dict[Any, Any] = {}
    with _collector_spared(), _running():
        try:
            yield shared
        finally:
            nodes = _drop_lookups(shared)
            shared.clear()
            if nodes >= _TRIM_FROM:
                give_back_memory()


#: The number of nodes from which an assessment gives the memory it freed back to the system.
_TRIM_FROM: Final = 20_000


def _resolve(model: str | type[GovernanceModel] | GovernanceModel) -> GovernanceModel:
    if isinstance(model, GovernanceModel):
        return model
    if isinstance(model, type) and issubclass(model, GovernanceModel):
        return model()
    if isinstance(model, str):
        from govmodel.models import registry

        return registry.get(model)()
    raise ModelError(f"a model is a registered name or a GovernanceModel subclass, not {model!r}")


def assess(
    structure: Structure,
    model: str | type[GovernanceModel] | GovernanceModel,
    *,
    as_of: str | None = None,
) -> Assessment:
    """Hold a structure against a governance model.

    Parameters
    ----------
    structure
        The structure (validated or not: run :func:`govmodel.validate` first to be sure).
    model
        A registered model name (``"four_level"``) or a :class:`~govmodel.models.GovernanceModel` subclass.
    as_of
        Assess the structure as it stood on this date (see :meth:`Structure.as_of`). The
        models read the date as ``ctx.as_of``: the law packs apply the rules in force on it.
        Without a date, a model whose rules have dates (a law pack: see
        :func:`govmodel.models.law.law_rule`) applies the rules in force today to the
        structure as it stands today (``structure.as_of(today)``: a post that has ended does
        not count), and ``ctx.as_of`` is ``None``; every other model reads the whole
        structure.

    Returns
    -------
    Assessment

    Raises
    ------
    ModelError
        If the model is unknown, or a measure gives what its declaration does not allow:
        ``per=None`` needs one number (or ``None``), ``per="<unit kind>"`` a mapping of
        unit id (of a unit of the structure) to number (or ``None``). The message names
        the model, the measure and what it gave. So too for a rule that yields what is not
        a :class:`~govmodel.models.Finding` (or gives a finding whose severity is none of ``"error"``,
        ``"warning"`` and ``"info"``, whose subject is not a ``str`` or ``None``, or whose
        message is not a ``str``), and a classifier that gives what is not a
        :class:`~govmodel.classify.Label` per unit of the structure. An exception a rule,
        classifier or measure raises goes on as it is, with a note naming it and the model.

    Notes
    -----
    A measure per unit is rolled up to every unit above the measured ones in time linear
    in the number of units (see :func:`_ancestor_sums`).

    Examples
    --------
    >>> import govmodel
    >>> a = govmodel.assess(govmodel.datasets.load("yuetang"), "four_level")
    >>> a.model, a.ok
    ('four_level', True)
    """
    require_types(structure, numbers=False)  # the rules report counts that are none
    m = _resolve(model)
    read_as_of = as_of
    if as_of is not None:
        s = structure.as_of(as_of)
    elif _dated(m):
        read_as_of = _today()
        s = structure.as_of(read_as_of)
    else:
        s = structure
    with _run() as shared:
        return _assess(s, m, shared, as_of, read_as_of, structure)


def _known_severities(model: str, result: RuleResult) -> None:
    """Refuse a finding of a severity that is none of ``error``, ``warning`` and ``info``
    (given as a :class:`Finding` or a :class:`FindingBlock` of its own: ``ctx.finding``
    refuses it): the rule's status would ignore it, and the reports have no word for it."""
    unknown = _found(result).severities().difference(_SEVERITY_NAMES)
    if unknown:
        raise ModelError(
            f"model {model!r}: rule {result.rule.id!r} gave a finding of severity "
            f"{sorted(map(repr, unknown))[0]}; a finding's severity is 'error', 'warning' "
            "or 'info'"
        )


_SEVERITY_NAMES: Final = frozenset(("error", "warning", "info"))


def _dated(m: GovernanceModel) -> bool:
    """Whether a model's rules have dates (the law packs): undated, it assesses the
    structure as it stands today."""
    return any(r.start is not None or r.end is not None for r in m.rules())


def _today() -> str:
    """Today's date, ``"YYYY-MM-DD"``: the day a model whose rules have dates reads the
    structure as of when no date is given (:meth:`Structure.as_of`)."""
    return datetime.date.today().isoformat()


def _assess(
    s: Structure,
    m: GovernanceModel,
    shared: dict[Any, Any],
    as_of: str | None = None,
    read_as_of: str | None = None,
    history: Structure | None = None,
) -> Assessment:
    """:func:`assess`, sharing ``shared`` (the classifiers' index and labels) with the other
    assessments of the same structure that get it. ``as_of`` is the date given (the
    models' ``ctx.as_of``), ``read_as_of`` the day ``s`` was cut to (``None``: whole),
    ``history`` the structure before it was cut (``ctx.history``)."""
    ctx = Context(s, m, shared=shared, as_of=as_of, history=history)
    by_rule: dict[str, _FindingsBuilder] = {}
    # a rule's findings come one after another: group them run by run
    for rule_id, run in itertools.groupby(m.run_rules(ctx), _rule_of(m, ctx)):
        got = by_rule.get(rule_id)
        if got is None:
            got = by_rule[rule_id] = _FindingsBuilder()
        got.add(run)
    rules = tuple(
        RuleResult(
            spec,
            _findings_checked(m, spec, by_rule[spec.id].done())
            if spec.id in by_rule
            else _NO_FINDINGS,
            ctx._examined.get(spec.id),
        )
        for spec in m.rules()
    )
    del by_rule
    for result in rules:
        _known_severities(m.name, result)
    labels = m.run_classifiers(ctx)
    for name, by_unit in labels.items():
        _labels_checked(m.name, name, by_unit, s, shared)
    raw = m.run_measures(ctx)
    metrics: dict[str, MeasureResult] = {}
    for spec in m.measures():
        value = _checked(m.name, spec, raw[spec.name])
        if not isinstance(value, dict):
            metrics[spec.name] = MeasureResult(spec, value)
            continue
        unknown = _not_units(s, value.keys(), shared, index=True)
        if unknown:
            raise ModelError(
                f"model {m.name!r}: measure {spec.name!r} (per={spec.per!r}) gave a value "
                f"for {_what(unknown[0])}, which is no unit of the structure"
                + (f" (and for {len(unknown) - 1:,} more such ids)" if len(unknown) > 1 else "")
            )
        overall, by_level = _rollup(s, value, spec.rollup, shared)
        metrics[spec.name] = MeasureResult(spec, overall, value, by_level)
    kinds = ctx.vocab.category("unit_kinds")
    per = {spec.per for spec in m.measures() if spec.per is not None}
    return Assessment(
        model=m.name,
        model_title=m.title,
        model_title_zh=m.title_zh,
        structure_name=s.metadata.name or s.metadata.title or "structure",
        structure_named=bool(s.metadata.name or s.metadata.title),
        rules=rules,
        labels=labels,
        metrics=metrics,
        source=m.source.report if m.source else "",
        classifiers=m.classifiers(),
        kinds_zh={k: t.zh for k in sorted(per) if (t := kinds.get(k)) is not None and t.zh},
        as_of=read_as_of,
    )


def _rule_of(m: GovernanceModel, ctx: Context) -> Callable[[Any], str]:
    """The rule id of what a rule of ``m`` yields; a :class:`ModelError` naming the model,
    the rule and the object when it is neither a :class:`Finding` nor a
    :class:`FindingBlock`."""
    finding, block = Finding, FindingBlock

    def rule_of(found: Any) -> str:
        kind = type(found)
        if kind is finding or kind is block or isinstance(found, (finding, block)):
            return found.rule  # type: ignore[no-any-return]
        raise ModelError(
            f"model {m.name!r}: {_running_rule(ctx)} yielded {_what(found)}, not a Finding "
            "(make findings with ctx.finding or ctx.findings)"
        )

    return rule_of


def _running_rule(ctx: Context) -> str:
    spec = ctx._rule
    return "a rule" if spec is None else f"rule {spec.id!r}"


def _column_values(found: _Findings, column: str) -> Iterable[Any]:
    """The entries of a column of ``found``, one per finding (one in all when they are all
    the same), without a copy."""
    if found.objects is not None:
        return map(attrgetter(column), found.objects)
    kept = getattr(found, column)
    return (kept.value,) if isinstance(kept, _Same) else kept


def _findings_checked(m: GovernanceModel, spec: RuleSpec, found: _Findings) -> _Findings:
    """``found``, once every finding's subject is a ``str`` or ``None`` and its messages
    ``str`` (as every report reads them); a :class:`ModelError` naming the model, the rule
    and what it gave otherwise (a severity is checked by :func:`_known_severities`). Messages
    made when they are read (:class:`~govmodel.models.base.Messages`) are checked then.
    The columns are read at C speed, and nothing of their size is made."""
    where = f"model {m.name!r}: rule {spec.id!r} gave a finding"
    if not set(map(type, _column_values(found, "subject"))) <= _SUBJECT_TYPES:
        for subject in _column_values(found, "subject"):
            if subject is not None and not isinstance(subject, str):
                raise ModelError(
                    f"{where} about {_what(subject)}; a subject is the id of an entity (a str), "
                    "or None"
                )
    for f in found.objects or ():  # by column, the messages are str
        for message in (f.message, f.message_zh):
            if not isinstance(message, str):
                raise ModelError(f"{where} whose message is {_what(message)}, not a str")
    return found


_SUBJECT_TYPES: Final = frozenset((str, type(None)))


def _not_units(
    s: Structure, keys: Collection[Any], shared: dict[Any, Any], *, index: bool = False
) -> list[Any]:
    """The keys that are no unit's id, in order (none, at C speed, when all are): read off
    the set of its units' ids, made once per run, of the structure's index when the run
    has built it (or builds it, with ``index``: a measure's rollup reads it next)."""
    from govmodel.errors import SpecError

    got = shared.get(_INDEX)
    if got is None and index:
        with contextlib.suppress(SpecError):  # duplicate ids, …: read by ids below
            _index_of(s, shared)
            got = shared.get(_INDEX)
    ids = shared.get(_UNIT_IDS)
    if ids is None or ids[0] is not s:
        # the index's ids of the units where it is built (each id's hash already made)
        made = got[0].unit_ids if got is not None else (u.id for u in s.units)
        ids = shared[_UNIT_IDS] = (s, frozenset(made))
    units: frozenset[str] = ids[1]
    if units.issuperset(keys):  # at C speed: a city's measures give 260,000 values
        return []
    return [k for k in keys if k not in units]


#: Where a run keeps the ids of its structure's units (:func:`_not_units`).
_UNIT_IDS: Final = ("govmodel.assess", "unit ids")


def _labels_checked(
    model: str, name: str, by_unit: Mapping[Any, Any], s: Structure, shared: dict[Any, Any]
) -> None:
    """Refuse a classifier's labels of what is no unit of the structure, labels that are no
    :class:`~govmodel.classify.Label` or are of another unit than the one they are given
    for, and a built-in classifier's label with a value that is not one of its classes: a
    :class:`ModelError` naming the model, the classifier and what it gave."""
    from govmodel.classify import CLASSIFIERS, Label

    where = f"model {model!r}: classifier {name!r}"
    unknown = _not_units(s, by_unit.keys(), shared)
    if unknown:
        raise ModelError(
            f"{where} gave a label of {_what(unknown[0])}, which is no unit of the structure"
        )
    if _labels_fine(by_unit):
        return
    classes: dict[str, frozenset[str]] = {}
    for k, label in by_unit.items():  # one by one, to name the first that is not
        if not isinstance(label, Label):
            raise ModelError(
                f"{where} must give a Label per unit, but gave {_what(label)} for {k!r}"
            )
        if label.subject != k:  # the report would show one unit's label under another
            raise ModelError(f"{where} gave {k!r} the label of {_what(label.subject)}")
        c = label.classifier
        values = classes.get(c)
        if values is None:
            known = CLASSIFIERS.get(c)
            values = classes[c] = frozenset(known.values()) if known is not None else frozenset()
        if values and not (isinstance(label.value, str) and label.value in values):
            raise ModelError(
                f"{where} gave {k!r} the label {_what(label.value)}, which is not a class of "
                f"the classifier {c!r} ({', '.join(sorted(values))})"
            )


def _labels_fine(by_unit: Mapping[Any, Any]) -> bool:
    """Whether :func:`_labels_checked` would pass the labels, read at C speed (a run of a
    city labels some 200,000 units): ``False`` if one may not, to be looked at one by one."""
    from govmodel.classify import CLASSIFIERS, Label

    labels = list(by_unit.values())
    if not all(issubclass(t, Label) for t in set(map(type, labels))):
        return False
    if list(map(attrgetter("subject"), labels)) != list(by_unit):
        return False
    names = set(map(attrgetter("classifier"), labels))
    known = [CLASSIFIERS[c] for c in names if c in CLASSIFIERS]
    if not known:
        return True
    if len(names) > 1:
        return False
    try:
        values = set(map(attrgetter("value"), labels))
    except TypeError:  # an unhashable value
        return False
    return all(type(v) is str for v in values) and values <= set(known[0].values())


@attrs.frozen
class Comparison:
    """One structure held against several models side by side (see :func:`compare`)."""

    assessments: tuple[Assessment, ...]

    def differing_labels(self) -> dict[str, dict[str, dict[str, str]]]:
        """For classifiers several models share: ``{classifier: {unit: {model: value}}}`` where values differ."""
        out: dict[str, dict[str, dict[str, str]]] = {}
        names = {n for a in self.assessments for n in a.labels}
        for name in sorted(names):
            having = [a for a in self.assessments if name in a.labels]
            if len(having) < 2:
                continue
            units = sorted({u for a in having for u in a.labels[name]})
            for u in units:
                values = {
                    a.model: str(getattr(a.labels[name].get(u), "value", "—")) for a in having
                }
                if len(set(values.values())) > 1:
                    out.setdefault(name, {})[u] = values
        return out

    def to_dict(self, lang: Lang = "en") -> dict[str, Any]:
        """The comparison as plain data (schema :data:`COMPARISON_SCHEMA`): each model's
        rules by status, and the labels that differ between models."""
        return {
            "schema": COMPARISON_SCHEMA,
            "models": [
                {
                    "model": a.model,
                    "as_of": a.as_of,
                    "ok": a.ok,
                    "counts": a.counts,
                    "rules_passed": [r.rule.id for r in a.rules if r.status == "passed"],
                    "rules_failed": [r.rule.id for r in a.rules if r.status == "failed"],
                    "rules_not_applicable": [
                        r.rule.id for r in a.rules if r.status == "not_applicable"
                    ],
                    "findings": a._n_findings(),
                }
                for a in self.assessments
            ],
            "differing_labels": self.differing_labels(),
        }

    def _rows(self, lang: Lang) -> Section:
        rows = [
            [
                word(w, lang)
                for w in ("model", "rules", "passed", "failed", "not applicable", "findings")
            ]
        ]
        for a in self.assessments:
            c = a.counts
            rows.append(
                [
                    a.model,
                    f"{len(a.rules):,}",
                    f"{c['passed']:,}",
                    f"{c['failed']:,}",
                    f"{c['not_applicable']:,}",
                    f"{a._n_findings():,}",
                ]
            )
        return rows, (1, 2, 3, 4, 5)

    def _lines(self, lang: Lang) -> list[str]:
        """Below the table: each model's rules that failed (with FAIL or WARN) and were not
        applicable, and the labels that differ."""
        out = []
        for a in self.assessments:
            failed = [
                f"{r.rule.id} ({word(r.result, lang)})" for r in a.rules if r.status == "failed"
            ]
            na = [r.rule.id for r in a.rules if r.status == "not_applicable"]
            if failed:
                out.append(f"{a.model}: {word('failed', lang)} {', '.join(failed)}")
            if na:
                out.append(f"{a.model}: {word('not applicable', lang)} {', '.join(na)}")
        differing = self.differing_labels()
        if differing:
            out.append(
                f"{word('differing labels', lang)} ({word('classifier', lang)} {word('subject', lang)}: {word('model', lang)}={word('class', lang)}):"
            )
        for name, units in differing.items():
            for u, values in units.items():
                out.append(f"{name} {u}: " + ", ".join(f"{m}={v}" for m, v in values.items()))
        return out

    def to_text(self, lang: Lang = "en") -> str:
        """A plain-text side-by-side table, then each model's failed and not-applicable rules
        and the labels that differ (every text made safe for a terminal)."""
        rows, right = self._rows(lang)
        out = [text_table([[terminal(c) for c in r] for r in rows], right=right)]
        out += [terminal(line) for line in self._lines(lang)]
        return "\n".join(out) + "\n"

    def to_markdown(self, lang: Lang = "en") -> str:
        """A Markdown side-by-side table, then the same notes as :meth:`to_text`."""
        rows, right = self._rows(lang)
        out = [markdown_table([[markdown(c) for c in r] for r in rows], right=right)]
        lines = self._lines(lang)
        if lines:
            out += ["", *(f"- {markdown(line)}" for line in lines)]
        return "\n".join(out) + "\n"

    def to_json(self, lang: Lang = "en") -> str:
        """The comparison as JSON (the characters a terminal acts on written as escapes, as
        in :meth:`Assessment.to_json`)."""
        return json_text(json.dumps(self.to_dict(lang), ensure_ascii=False, indent=2)) + "\n"

    def to_html(self, lang: Lang = "en") -> str:
        """An HTML side-by-side table, then the same notes as :meth:`to_text`."""
        rows, right = self._rows(lang)
        parts = [
            '<div class="govmodel-report govmodel-comparison">',
            REPORT_STYLE,
            html_table([[html_text(c) for c in r] for r in rows], right=right),
        ]
        lines = self._lines(lang)
        if lines:
            parts.append("<ul>" + "".join(f"<li>{html_text(x)}</li>" for x in lines) + "</ul>")
        parts.append("</div>")
        return "\n".join(parts)

    def render(self, format: str = "text", lang: Lang = "en") -> str:
        """Render as ``"text"``, ``"markdown"``, ``"json"`` or ``"html"``."""
        fns = {
            "text": self.to_text,
            "markdown": self.to_markdown,
            "json": self.to_json,
            "html": self.to_html,
        }
        if format not in fns:
            raise ValueError(f"unknown format {format!r}; use one of {', '.join(fns)}")
        return fns[format](lang)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        names = ", ".join(terminal(a.model) for a in self.assessments)
        return f"<Comparison of {len(self.assessments)} models: {names}>"


def compare(
    structure: Structure,
    models: Iterable[str | type[GovernanceModel]] | None = None,
    *,
    as_of: str | None = None,
    progress: bool | None = None,
) -> Comparison:
    """Hold one structure against several models side by side.

    Parameters
    ----------
    structure
        The structure.
    models
        Model names or classes (default: every registered model).
    as_of
        A date: assess the structure as it stood then, with the rules in force then (see
        :func:`assess`).
    progress
        A progress bar counting the models (the ``progress`` extra): ``None`` shows it on a
        terminal or in Jupyter, ``True`` always, ``False`` never (see
        :mod:`govmodel.progress`).

    Raises
    ------
    ModelError
        If two different models have the same name (a comparison names its models by
        name); the same model given twice is assessed twice.
    TypeError
        If ``models`` is one model (a name, a class) rather than a list of them.

    Examples
    --------
    >>> import govmodel
    >>> c = govmodel.compare(govmodel.datasets.load("yuetang"), ["four_level", "tripartite"])
    >>> [a.model for a in c.assessments]
    ['four_level', 'tripartite']
    """
    if models is None:
        from govmodel.models import registry

        models = registry.names()
    if isinstance(models, str | type | GovernanceModel) or not isinstance(models, Iterable):
        one = isinstance(models, str | type | GovernanceModel)
        raise TypeError(
            f"compare takes a list of models (names or GovernanceModel classes), not "
            f"{_what(models)}" + (f"; give [{_short.repr(models)}] for one model" if one else "")
        )
    chosen: Sequence[str | type[GovernanceModel]] = list(models)
    require_types(structure, numbers=False)  # the rules report counts that are none
    s = structure.as_of(as_of) if as_of is not None else structure
    resolved = [_resolve(m) for m in chosen]
    _one_model_per_name(resolved)
    models_done = track(resolved, desc="assess", unit="model", name=_model_name, progress=progress)
    with _run() as shared:  # the models share the index's lookups and the classifiers' labels
        today: tuple[Structure, str] | None = None  # the dated models' (see assess), made once
        shared_today: dict[Any, Any] = {}  # and what they share
        try:
            done = []
            for m in models_done:
                if as_of is None and _dated(m):
                    if today is None:
                        day = _today()
                        today = (s.as_of(day), day)
                    done.append(_assess(today[0], m, shared_today, as_of, today[1], structure))
                    _drop_classifier_lookups(shared_today)
                else:
                    done.append(_assess(s, m, shared, as_of, as_of, structure))
                    _drop_classifier_lookups(shared)
            return Comparison(tuple(done))
        finally:
            _drop_lookups(shared_today)


def _one_model_per_name(models: Sequence[GovernanceModel]) -> None:
    """Refuse two different models of one name: a comparison names its models by name (in
    its table and in :meth:`Comparison.differing_labels`), where one would hide the other."""
    seen: dict[str, type[GovernanceModel]] = {}
    for m in models:
        first = seen.setdefault(m.name, type(m))
        if first is not type(m):
            raise ModelError(
                f"compare: two different models are named {m.name!r} "
                f"({first.__module__}.{first.__qualname__} and "
                f"{type(m).__module__}.{type(m).__qualname__}); a comparison names its models "
                "by name, so each must have its own"
            )


def _model_name(model: GovernanceModel) -> str:
    return model.name
