"""The contract of a governance model.

A governance model is a subclass of :class:`GovernanceModel` that declares what it is
(``name``, titles, source), the vocabulary it adds, its **rules** (methods decorated with
:func:`rule`, each yielding :class:`Finding` objects about named entities), its
**classifiers** (methods decorated with :func:`classifier`, returning labels per unit), its
**measures** (methods decorated with :func:`measure`, returning a number for the whole
structure or one number per unit) and a classmethod :meth:`GovernanceModel.example` that
returns its bundled structure.

Examples
--------
>>> import govmodel
>>> from govmodel.models import GovernanceModel, Finding, rule, measure
>>> class EveryCompoundHasABranch(GovernanceModel):
...     name = "branch_everywhere"
...     title = "A party branch in every compound"
...     title_zh = "小区党支部全覆盖"
...     @rule("branch_everywhere.branch", "Every compound has a party branch.", "每个小区都建有党支部。")
...     def branch(self, ctx):
...         hosted = {o.unit for o in ctx.structure.organizations if ctx.vocab.is_party(o.kind)}
...         for u in ctx.units("compound"):
...             if u.id not in hosted:
...                 yield ctx.finding(u.id, f"{u.id} has no party branch", f"{u.id} 未建党支部")
...     @measure("compounds", "compounds", "小区数")
...     def compounds(self, ctx):
...         return len(ctx.units("compound"))
>>> a = govmodel.assess(govmodel.datasets.load("xihu"), EveryCompoundHasABranch)
>>> a.metrics["compounds"].value > 0
True
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import re
import threading
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Final, Literal, NoReturn, TypeVar, cast, overload

import attrs

from govmodel.errors import ModelError
from govmodel.render import (
    QUANTITIES,
    REPORT_STYLE,
    Quantity,
    html_table,
    html_text,
    terminal,
    word,
)
from govmodel.spec import Attributes, Entity, Scalar, Structure, Unit, _Repr, date_bounds
from govmodel.vocab import BUILTIN, Term, Vocabulary

if TYPE_CHECKING:
    import networkx as nx

    from govmodel.classify.base import Classifier, Label
    from govmodel.index import StructureIndex

__all__ = [
    "BLOCK_ROWS",
    "Context",
    "Finding",
    "FindingBlock",
    "GovernanceModel",
    "MeasureSpec",
    "Messages",
    "Quantity",
    "RuleSpec",
    "Severity",
    "Source",
    "classifier",
    "measure",
    "rule",
]

Severity = Literal["error", "warning", "info"]
_SEVERITIES = ("error", "warning", "info")
_RULE_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+\Z")


@attrs.frozen
class Source:
    """Where a model comes from: the report's file name, the place and the year.

    Raises
    ------
    TypeError
        If a text is not a ``str``, or the year neither an ``int`` nor ``None``.
    """

    report: str = attrs.field(validator=attrs.validators.instance_of(str))
    place: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    place_zh: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    year: int | None = attrs.field(default=None)

    @year.validator
    def _year(self, attribute: Any, value: Any) -> None:
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise TypeError(f"a source's year is an int or None, not {_what(value)}")


@attrs.frozen
class Finding:
    """One thing a rule found about one entity (or about the whole structure).

    Parameters
    ----------
    rule
        The stable id of the rule (``"tripartite.complete"``).
    severity
        ``"error"``, ``"warning"`` or ``"info"``.
    subject
        The id of the entity the finding is about, or ``None`` for the structure.
    message, message_zh
        The finding in English and in Chinese.
    data
        Scalars that support the finding (counts, the ids involved, …).
    """

    rule: str
    severity: Severity
    subject: str | None
    message: str
    message_zh: str = ""
    data: Attributes = attrs.field(factory=Attributes, converter=Attributes)

    def text(self, lang: str = "en") -> str:
        """The message in ``"en"`` or ``"zh"`` (English when no Chinese is given)."""
        return self.message_zh if lang == "zh" and self.message_zh else self.message


@attrs.frozen
class RuleSpec:
    """A declared rule: its id, description, severity, source passage and check.

    A rule of a law names the law (``law``), the article (``article``) and the version of
    the text (``version``), and the days it is in force, ``start`` to ``end`` (partial ISO
    dates, either open as ``None``); see :func:`rule`.
    """

    id: str
    description: str
    description_zh: str
    severity: Severity
    source: str
    method: str
    law: str = ""
    article: str = ""
    version: str = ""
    start: str | None = None
    end: str | None = None


@attrs.frozen
class MeasureSpec:
    """A declared measure: its name, labels, unit kind (``None`` for structure-wide), rollup
    and kind of quantity.

    ``rollup`` says how values per unit combine at the levels above: ``"sum"`` or
    ``"mean"`` (the mean of the units below, computed from sums and counts). ``quantity``
    says what kind of number it is, which decides how reports show it: ``"share"`` (a
    fraction, shown as a percentage), ``"count"`` (a whole number of things) or
    ``"number"`` (anything else, the default).
    """

    name: str
    en: str
    zh: str
    per: str | None
    rollup: Literal["sum", "mean"]
    description: str
    method: str
    quantity: Quantity = "number"


@attrs.frozen
class ClassifierSpec:
    """A classifier a model declares with :func:`classifier` (what
    :meth:`GovernanceModel.classifiers` lists).

    Parameters
    ----------
    name
        The name it is declared under, as the assessment's labels are keyed.
    en, zh
        Its title in English and Chinese, as reports show it.
    method
        The name of the model's method that gives the labels.
    """

    name: str
    en: str
    zh: str
    method: str


_short = _Repr()
_short.maxstring = 40
_short.maxother = 40
_short.maxdict = 3
_short.maxlist = 3


def _what(x: Any) -> str:
    """The type and a short repr of a value, for error messages (an integer of any size
    too; a value whose repr fails is named by its type)."""
    try:
        shown = _short.repr(x)
    except Exception:  # a plug-in's object may not print
        shown = "<unprintable>"
    return f"{type(x).__name__} {shown}"


_new = object.__new__
_NO_DATA = Attributes()
# the setters of Finding's slots, one per field in order
_SET_RULE, _SET_SEVERITY, _SET_SUBJECT, _SET_MESSAGE, _SET_MESSAGE_ZH, _SET_DATA = (
    Finding.__dict__[a.name].__set__ for a in attrs.fields(Finding)
)


def _finding(
    rule: str,
    severity: Severity,
    subject: str | None,
    message: str,
    message_zh: str,
    data: Mapping[str, Scalar] | None,
) -> Finding:
    """``Finding(rule, severity, subject, message, message_zh, data)``, made the way attrs'
    ``__init__`` makes it (the same fields, ``data`` as the converter gives it, one shared
    empty :class:`Attributes` where there is none), each field set through its slot: a third
    of the cost of ``__init__`` for a finding without data (with data, making the
    :class:`Attributes` costs the most). A model of a city makes hundreds of thousands of
    findings, and an assessment makes them again when they are read
    (:attr:`RuleResult.findings <govmodel.assess.RuleResult.findings>`)."""
    f = _new(Finding)
    _SET_RULE(f, rule)
    _SET_SEVERITY(f, severity)
    _SET_SUBJECT(f, subject)
    _SET_MESSAGE(f, message)
    _SET_MESSAGE_ZH(f, message_zh)
    _SET_DATA(f, Attributes(data) if data else _NO_DATA)
    return f


class Messages(Sequence[str]):
    """Messages made when they are read: ``make(*row)`` for each row of ``columns``.

    A rule that finds the same thing about hundreds of thousands of subjects (every
    building in no unit grid) gives :meth:`Context.findings` a ``Messages`` in place of a
    list of strings: the assessment keeps the function and the columns, and makes each
    message only when it is read (a report, :meth:`~govmodel.assess.Assessment.to_json`, a
    :class:`Finding`). What only counts findings or reads their statuses, as
    :func:`govmodel.compare` and the summaries do, makes none. Message ``i`` is
    ``make(columns[0][i], columns[1][i], ...)``, equal to what a list of the same messages
    would give.

    ``make`` reads only what it is given, never a lookup that may change or be dropped
    later. The columns are kept as given: give strings (ids, names already looked up)
    rather than entities, so that an assessment keeps no entity alive, and do not change
    them afterwards. A message that is not a ``str`` is refused with a :class:`TypeError`
    when it is read. Pickled, a ``Messages`` becomes the list of its messages, so that
    ``make`` need not be picklable.

    Parameters
    ----------
    make
        A function of one value of each column, returning the message.
    *columns
        One or more sequences of the same length, one value per message.

    Raises
    ------
    TypeError
        If no column is given, a column is no sequence (a generator, a set, a string), or
        ``make`` is not callable.
    ValueError
        If the columns differ in length.

    Examples
    --------
    >>> from govmodel.models import Messages
    >>> m = Messages("building {} has no name".format, ["b1", "b2"])
    >>> len(m), m[1], list(m[:1])
    (2, 'building b2 has no name', ['building b1 has no name'])
    """

    __slots__ = ("_origin", "columns", "make")

    make: Callable[..., str]
    columns: tuple[Sequence[Any], ...]
    #: For a slice: the rows it holds of the messages it was cut from, and how many those
    #: were (so that an error names a message by its place in what the rule gave).
    _origin: tuple[range, int] | None

    def __init__(self, make: Callable[..., str], *columns: Sequence[Any]) -> None:
        if not callable(make):
            raise TypeError(f"Messages needs a function making each message, not {make!r}")
        if not columns:
            raise TypeError("Messages needs at least one column of values")
        for k, column in enumerate(columns, 1):
            if not (hasattr(column, "__len__") and hasattr(column, "__getitem__")) or isinstance(
                column, (str, bytes, Mapping)
            ):  # a list, a tuple, a range, an array
                raise TypeError(
                    f"column {k} of the messages is {type(column).__name__}, not a sequence "
                    "of values (a list or a tuple: one value per message)"
                )
        n = len(columns[0])
        for k, column in enumerate(columns[1:], 2):
            if len(column) != n:
                raise ValueError(
                    f"the columns of the messages differ in length: column 1 has {n} values, "
                    f"column {k} has {len(column)}"
                )
        self.make, self.columns = make, columns
        self._origin = None

    def __len__(self) -> int:
        return len(self.columns[0])

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> Messages: ...

    def __getitem__(self, i: int | slice) -> str | Messages:
        if isinstance(i, slice):
            part = Messages(self.make, *(column[i] for column in self.columns))
            rows, whole = self._origin or (range(len(self)), len(self))
            part._origin = (rows[i], whole)
            return part
        return self._checked(self.make(*(column[i] for column in self.columns)), i)

    def __iter__(self) -> Iterator[str]:
        for i, text in enumerate(map(self.make, *self.columns)):
            yield text if type(text) is str else self._checked(text, i)

    def _checked(self, text: object, i: int) -> str:
        if not isinstance(text, str):
            rows, whole = self._origin or (range(len(self)), len(self))
            name = getattr(self.make, "__qualname__", None) or repr(self.make)
            raise TypeError(
                f"message {rows[i]} of Messages({name}, {len(self.columns)} columns of {whole}) "
                f"is {type(text).__name__} {text!r}, not a str"
            )
        return text

    def __reduce__(self) -> tuple[Any, ...]:
        return (list, (list(self),))

    def __repr__(self) -> str:
        name = getattr(self.make, "__qualname__", None) or repr(self.make)
        return f"Messages({name}, {len(self.columns)} columns of {len(self)})"


class FindingBlock(Sequence[Finding]):
    """The findings of one rule about many subjects, kept as columns: what
    :meth:`Context.findings` makes and a rule yields, in place of a :class:`Finding` per
    subject.

    A rule that finds the same thing about tens of thousands of subjects (every building
    without a party group) yields one block of them. It reads as the sequence of its
    findings, each made when it is read and equal, field for field and type for type, to the
    :class:`Finding` that :meth:`Context.finding` makes with the same arguments; an
    assessment keeps its columns as they are.

    Attributes
    ----------
    rule, severity
        The rule's id and the severity, the same for every finding of the block.
    subjects, messages, messages_zh
        One entry per finding, as lists; each list of messages may be a :class:`Messages`
        instead, whose messages are made when they are read.
    data
        The data of the findings by name: one list of values per name, one value per
        finding (every finding of a block has the same names).

    Examples
    --------
    >>> from govmodel.models.base import FindingBlock
    >>> b = FindingBlock("m.r", "warning", ["a", "b"], ["a is bad", "b is bad"], ["", ""],
    ...                  {"n": [1, 2]})
    >>> len(b), b[1].subject, dict(b[1].data)
    (2, 'b', {'n': 2})
    """

    __slots__ = ("data", "messages", "messages_zh", "rule", "severity", "subjects")

    rule: str
    severity: Severity
    subjects: list[str | None]
    messages: Sequence[str]
    messages_zh: Sequence[str]
    data: dict[str, list[Scalar]]

    def __init__(
        self,
        rule: str,
        severity: Severity,
        subjects: list[str | None],
        messages: Sequence[str],
        messages_zh: Sequence[str],
        data: dict[str, list[Scalar]],
    ) -> None:
        n = len(subjects)
        columns: list[tuple[str, Sequence[Any]]] = [
            ("messages", messages),
            ("messages_zh", messages_zh),
        ]
        columns += [(f"values of {name!r}", values) for name, values in data.items()]
        for what, column in columns:
            if len(column) != n:
                raise ValueError(
                    f"the findings of rule {rule!r} have {n} subjects but {len(column)} {what}"
                )
        self.rule, self.severity = rule, severity
        self.subjects, self.messages, self.messages_zh = subjects, messages, messages_zh
        self.data = data

    def __len__(self) -> int:
        return len(self.subjects)

    @overload
    def __getitem__(self, i: int) -> Finding: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[Finding, ...]: ...

    def __getitem__(self, i: int | slice) -> Finding | tuple[Finding, ...]:
        if isinstance(i, slice):
            return tuple(self[j] for j in range(*i.indices(len(self))))
        data = self.data
        return _finding(
            self.rule,
            self.severity,
            self.subjects[i],
            self.messages[i],
            self.messages_zh[i],
            {k: v[i] for k, v in data.items()} if data else None,
        )

    def __iter__(self) -> Iterator[Finding]:
        n, data = len(self.subjects), self.data
        rows: Iterable[Mapping[str, Scalar] | None]
        if data:
            names = tuple(data)
            rows = (
                dict(zip(names, values, strict=True)) for values in zip(*data.values(), strict=True)
            )
        else:
            rows = itertools.repeat(None, n)
        return map(
            _finding,
            itertools.repeat(self.rule, n),
            itertools.repeat(self.severity, n),
            self.subjects,
            self.messages,
            self.messages_zh,
            rows,
        )

    def __repr__(self) -> str:
        return f"FindingBlock(rule={self.rule!r}, severity={self.severity!r}, n={len(self)})"


def _texts(what: str, **texts: object) -> None:
    """Refuse a text of a declaration that is not a ``str`` (every report reads it as one)."""
    for name, text in texts.items():
        if not isinstance(text, str):
            raise ValueError(f"the {name} of {what} must be a str, not {_what(text)}")


def _in_force_checked(rule_id: str, in_force: object) -> None:
    """Refuse an ``in_force`` of :func:`rule` that is not ``(start, end)``, each ``None`` or
    a partial ISO date, the start not after the end."""
    where = f"in_force of rule {rule_id!r}"
    if not isinstance(in_force, tuple | list) or len(in_force) != 2:
        raise ValueError(f"{where} must be (start, end), not {_what(in_force)}")
    bounds = []
    for day in in_force:
        if day is None:
            continue
        try:
            bounds.append(date_bounds(day))
        except ValueError as exc:
            raise ValueError(f"{where}: {exc}") from None
    if len(bounds) == 2 and bounds[0][0] > bounds[1][1]:
        raise ValueError(f"{where} starts after it ends: {in_force[0]!r} to {in_force[1]!r}")


F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def rule(
    id: str,
    description: str,
    description_zh: str = "",
    *,
    severity: Severity = "warning",
    source: str = "",
    law: str = "",
    article: str = "",
    version: str = "",
    in_force: tuple[str | None, str | None] = (None, None),
) -> Callable[[F], F]:
    """Declare a method ``(self, ctx) -> Iterable[Finding]`` as a rule of the model.

    Parameters
    ----------
    id
        A stable dotted id starting with the model's name (``"four_level.levels"``).
    description, description_zh
        What the rule requires, in English and Chinese.
    severity
        The severity of its findings: ``"error"``, ``"warning"`` (default) or ``"info"``.
    source
        The passage of the source report the rule comes from (report file name and a quote
        or paraphrase).
    law, article, version
        For a rule of a statute or regulation: the law's name, the article, and the version
        of its text (``"2018"``, ``"2025-10-28 revision"``).
    in_force
        ``(start, end)``: the first and last days the rule is in force, partial ISO dates,
        either ``None`` (open). :func:`govmodel.models.law.in_force_on` reads them, and the
        law packs apply a rule only on the days it is in force (``ctx.as_of``).

    Raises
    ------
    ValueError
        If the id is not dotted snake_case, the severity not one of the three, a text (a
        description, the source, the law, article or version) not a ``str``, or
        ``in_force`` not ``(start, end)`` of partial ISO dates (or ``None``), the start not
        after the end.
    """
    if not isinstance(id, str) or not _RULE_ID.match(id):
        raise ValueError(f"rule id {id!r} must be dotted snake_case such as 'model.rule_name'")
    _texts(
        f"rule {id!r}",
        description=description,
        description_zh=description_zh,
        source=source,
        law=law,
        article=article,
        version=version,
    )
    if severity not in _SEVERITIES:
        raise ValueError(f"severity must be one of {_SEVERITIES}, not {severity!r}")
    _in_force_checked(id, in_force)

    def deco(fn: F) -> F:
        fn.__govmodel_rule__ = (  # type: ignore[attr-defined]
            (id, description, description_zh, severity, source),
            (law, article, version, *in_force),
        )
        return fn

    return deco


def measure(
    name: str,
    en: str,
    zh: str = "",
    *,
    per: str | None = None,
    rollup: Literal["sum", "mean"] = "mean",
    description: str = "",
    quantity: Quantity = "number",
) -> Callable[[F], F]:
    """Declare a method ``(self, ctx)`` as a measure of the model.

    Parameters
    ----------
    name
        The measure's name, unique within the model.
    en, zh
        Its label in English and Chinese.
    per
        ``None`` (default): the method returns one number for the whole structure, or
        ``None`` when it cannot be computed. A unit kind (``"compound"``): it returns a
        mapping from unit id to number (or ``None``), rolled up to the levels above by
        ``rollup``. The kind must be one the model's vocabulary knows (the built-in unit
        kinds and the model's ``vocabulary``): the class is refused otherwise.
    rollup
        How values per unit combine in the units above them and overall: ``"sum"`` or
        ``"mean"`` (default).
    description
        A sentence on what is measured.
    quantity
        What kind of number the measure gives, which decides how reports show it:
        ``"share"`` (a fraction of 1, shown as a percentage: ``0.75`` is ``75 %``),
        ``"count"`` (a whole number of things, shown with thousands separators) or
        ``"number"`` (anything else, the default: whole values as whole numbers, others
        with four significant digits).

    Raises
    ------
    ValueError
        If ``rollup`` or ``quantity`` is not one of the values above, the name is not a
        non-empty ``str``, a label or the description not a ``str``, or ``per`` neither a
        ``str`` nor ``None``.

    Notes
    -----
    :func:`govmodel.assess` checks what the method returns against ``per`` and raises a
    :class:`~govmodel.errors.ModelError` naming the model, the measure and the value when
    it does not fit. NaN, the infinities and a number beyond a float's range (``10**400``) are
    read as "cannot be computed".
    """
    if not isinstance(name, str) or not name:
        raise ValueError(f"a measure's name must be a str, not {_what(name)}")
    _texts(f"measure {name!r}", en=en, zh=zh, description=description)
    if per is not None and not isinstance(per, str):
        raise ValueError(
            f"per of measure {name!r} must be a unit kind (a str) or None, not {per!r}"
        )
    if rollup not in ("sum", "mean"):
        raise ValueError(f"rollup must be 'sum' or 'mean', not {rollup!r}")
    if quantity not in QUANTITIES:
        raise ValueError(f"quantity must be one of {QUANTITIES}, not {quantity!r}")

    def deco(fn: F) -> F:
        fn.__govmodel_measure__ = (name, en, zh, per, rollup, description, quantity)  # type: ignore[attr-defined]
        return fn

    return deco


def classifier(name: str, en: str, zh: str = "") -> Callable[[F], F]:
    """Declare a method ``(self, ctx) -> Mapping[str, Label]`` as a classifier of the model.

    Raises
    ------
    ValueError
        If the name is not a non-empty ``str``, or a label not a ``str``.
    """
    if not isinstance(name, str) or not name:
        raise ValueError(f"a classifier's name must be a str, not {_what(name)}")
    _texts(f"classifier {name!r}", en=en, zh=zh)

    def deco(fn: F) -> F:
        fn.__govmodel_classifier__ = (name, en, zh)  # type: ignore[attr-defined]
        return fn

    return deco


#: The key of the index, and the keys of its cache before the assessment, in ``shared``.
_INDEX: Final = ("index",)


def _index_of(structure: Structure, shared: dict[Any, Any]) -> StructureIndex:
    """:meth:`StructureIndex.of(structure) <govmodel.index.StructureIndex.of>`, noting in
    ``shared`` (what the assessments of one run share) which lookups its cache held when the
    run first read it, for :func:`_drop_lookups`."""
    got = shared.get(_INDEX)
    if got is None:
        from govmodel.index import StructureIndex

        ix = StructureIndex.of(structure)
        got = shared[_INDEX] = (ix, ix.lookups())
    return got[0]


def _drop_lookups(shared: dict[Any, Any]) -> int:
    """Drop the lookups the structure's index cached during the run that ``shared`` belongs
    to, keeping those it held before (:func:`_index_of`); return how many nodes the index
    has (0 when the run read no index).

    A run of the five built-in models on a city leaves over a hundred bytes per node and
    edge of lookups (holders of posts, ancestors at a level, the classifiers' tables, …)
    that only the run reads; a later assessment builds again what it needs. While runs in
    other threads are under way (:func:`_running`), nothing is dropped.
    """
    got = shared.pop(_INDEX, None)
    if got is None:
        return 0
    ix, before = got
    with _RUNNING_LOCK:  # no run starts meanwhile
        if _RUNNING[0] == 1:  # this run is the only one: no other reads them
            ix.forget(before)
    return len(ix.codes)


#: How many runs (:func:`_running`) are under way in the process's threads. Lookups are
#: dropped only by a run that is alone: a run in another thread may be reading them.
_RUNNING: Final = [0]
_RUNNING_LOCK: Final = threading.Lock()


@contextlib.contextmanager
def _running() -> Iterator[None]:
    """Count a run (:func:`govmodel.assess`, :func:`govmodel.compare`) while it is under
    way; :func:`_drop_lookups` and :func:`_drop_classifier_lookups` drop nothing while
    another one is."""
    with _RUNNING_LOCK:
        _RUNNING[0] += 1
    try:
        yield
    finally:
        with _RUNNING_LOCK:
            _RUNNING[0] -= 1


#: The owner under which the classifiers keep their own lookups with the index
#: (:meth:`StructureIndex.cached <govmodel.index.StructureIndex.cached>`).
_CLASSIFY: Final = "govmodel.classify"


def _drop_classifier_lookups(shared: dict[Any, Any]) -> None:
    """Drop the lookups the classifiers cached in the index during the run that ``shared``
    belongs to, once every built-in classifier's labels are in ``shared``
    (:meth:`Context.classify`); do nothing before.

    The classifiers read those lookups (regions, the readers of a network, …) only to make
    their labels, which the run keeps: once every classifier a model can name has made its
    labels, the lookups are dead weight for the models assessed after (a third of the peak
    of :func:`govmodel.compare` over the built-in models at city scale). A classifier with
    other options builds again what it needs.
    """
    got = shared.get(_INDEX)
    labels = shared.get("labels")
    if got is None or not labels:
        return
    from govmodel.classify import CLASSIFIERS

    if not all(c in labels for c in CLASSIFIERS.values()):
        return
    ix, before = got
    with _RUNNING_LOCK:
        if _RUNNING[0] == 1:  # no run in another thread reads them
            ix.forget(before, owner=_CLASSIFY)


class Context:
    """What a rule, classifier or measure works on: the structure, its graph and helpers.

    The graph and lookups are built once, on first use, and shared by every rule of an
    assessment.
    """

    def __init__(
        self,
        structure: Structure,
        model: GovernanceModel,
        *,
        shared: dict[Any, Any] | None = None,
        as_of: str | None = None,
        history: Structure | None = None,
    ) -> None:
        self.structure = structure
        self.model = model
        #: The date the structure is assessed on (``assess(..., as_of=)``), or ``None``.
        self.as_of = as_of
        #: The structure as given, before :func:`govmodel.assess` cut it to the day assessed
        #: (:meth:`~govmodel.spec.Structure.as_of` keeps only what is in force then): what a
        #: rule about the past reads, such as an owners' committee that was formed and has
        #: since ended. The same object as :attr:`structure` when nothing was cut.
        self.history: Structure = structure if history is None else history
        self.vocab: Vocabulary = structure.vocab.extend(model.vocabulary)
        self._rule: RuleSpec | None = None
        self._examined: dict[str, int] = {}
        self._cache: dict[str, Any] = {}
        # What several models may share when assessed together (govmodel.compare): the
        # classifiers' index and labels. Dropped with the last context that holds it.
        self._shared: dict[Any, Any] = {} if shared is None else shared

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The structure as a graph (:func:`govmodel.to_graph`), built once."""
        G = self._cache.get("graph")
        if G is None:
            from govmodel.graph import to_graph

            G = self._cache["graph"] = to_graph(self.structure)
        return G

    @functools.cached_property
    def index(self) -> StructureIndex:
        """The structure's integer-coded index (:class:`govmodel.index.StructureIndex`).

        Built once per structure and kept with it, so that every assessment of the structure
        shares it; the context keeps it too (rules read it tens of thousands of times). The
        measures of :mod:`govmodel.index` give on it what the functions of
        :mod:`govmodel.metrics` give on :attr:`graph`, without drawing the graph: at city
        scale, prefer them.

        The lookups the index builds and caches while an assessment runs (children of a
        unit, holders of posts, the classifiers' tables, …) serve the models assessed
        together; :func:`govmodel.assess` and :func:`govmodel.compare` drop them when they
        return, and keep the lookups the index held before. :func:`govmodel.compare` drops
        the classifiers' own tables earlier, once every built-in classifier has made its
        labels.
        """
        return _index_of(self.structure, self._shared)

    def classify(self, classifiers: Iterable[str | Classifier]) -> dict[str, dict[str, Label]]:
        """Labels by classifier, then unit: what :func:`govmodel.classify.classify` gives on
        the structure, read off :attr:`index`.

        A classifier's labels depend only on the structure and the classifier's options
        (classifiers are frozen), so the models assessed together (:func:`govmodel.compare`)
        compute each once and share it.

        Raises
        ------
        ModelError
            If a name is not one of :data:`govmodel.classify.CLASSIFIERS` (a
            :class:`LookupError`; the message lists the names).

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.models.base import Context
        >>> from govmodel.models import registry
        >>> s = govmodel.datasets.load("xihu")
        >>> ctx = Context(s, registry.get("tripartite")())
        >>> labels = ctx.classify(["tripartite"])["tripartite"]
        >>> labels == govmodel.classify.tripartite(s)
        True
        >>> ctx.classify(["tri_partite"])
        Traceback (most recent call last):
        ...
        govmodel.errors.ModelError: no classifier 'tri_partite'; the classifiers are compound_type, four_haves, management_mode, network_mode, tripartite
        """
        from govmodel.classify import chosen_classifiers

        chosen = chosen_classifiers(classifiers)
        shared = self._shared.setdefault("labels", {})
        out: dict[str, dict[str, Label]] = {}
        for c in chosen:
            got = shared.get(c)
            if got is None:
                got = shared[c] = c.classify_all(self.index)
            out[c.name] = dict(got)
        return out

    def entity(self, id: str) -> Entity:
        """The entity with this id (:meth:`Structure.get`), found through :attr:`index` when
        it is a node of the graph.

        Raises
        ------
        KeyError
            If there is none.
        """
        from govmodel.errors import SpecError

        try:
            ix = self.index
        except SpecError:
            return self.structure.get(id)
        code = ix.codes.get(id)
        return self.structure.get(id) if code is None else ix.entity(code)

    def cached(self, key: str, build: Callable[[], Any]) -> Any:
        """A value computed once per assessment and shared between rules."""
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    def shared(self, key: Hashable, build: Callable[[], Any]) -> Any:
        """A value computed once for all the models assessed together
        (:func:`govmodel.compare`) and shared between them; once per assessment otherwise.

        ``key`` must name everything the value depends on besides the structure: models with
        other vocabularies and options read the same value.
        """
        if key not in self._shared:
            self._shared[key] = build()
        return self._shared[key]

    def units(self, kind: str | None = None) -> tuple[Unit, ...]:
        """The units of a kind (all units with ``None``), in order."""
        by_kind: dict[str | None, tuple[Unit, ...]] = self._cache.setdefault("units_by_kind", {})
        got = by_kind.get(kind)
        if got is None:
            got = by_kind[kind] = tuple(
                u for u in self.structure.units if kind is None or u.kind == kind
            )
        return got

    def examine(self, subjects: Iterable[T]) -> list[T]:
        """Declare the subjects the running rule examines, and get them back as a list.

        A rule calls this with what it checks (the compounds, the committees, the
        decisions, …) and loops over the result. The assessment records how many subjects
        each rule examined: a rule that examined none is *not applicable*, never *passed*.
        Calls add up, so a rule may examine subjects of several kinds.

        Raises
        ------
        RuntimeError
            If no rule is running.
        TypeError
            If ``subjects`` is a string (one subject's id: give ``[id]``).

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.models import GovernanceModel, rule
        >>> class Named(GovernanceModel):
        ...     name = "named"
        ...     title = "Every compound has a name"
        ...     @rule("named.names", "Every compound has a name.")
        ...     def names(self, ctx):
        ...         for u in ctx.examine(ctx.units("compound")):
        ...             if not u.name:
        ...                 yield ctx.finding(u.id, f"{u.id} has no name")
        >>> govmodel.assess(govmodel.datasets.load("xihu"), Named).rule("named.names").examined > 0
        True
        """
        spec = self._rule
        if spec is None:
            raise RuntimeError("ctx.examine() can only be called while a rule runs")
        if isinstance(subjects, str | bytes):  # would count its characters
            raise TypeError(
                f"ctx.examine() of rule {spec.id!r} takes the subjects (a list, a generator), "
                f"not {_what(subjects)}"
            )
        got = list(subjects)
        self._examined[spec.id] = self._examined.get(spec.id, 0) + len(got)
        return got

    def finding(
        self,
        subject: str | None,
        message: str,
        message_zh: str = "",
        /,
        *,
        severity: Severity | None = None,
        **data: Scalar,
    ) -> Finding:
        """A finding of the rule being run (its id and severity filled in).

        ``subject``, ``message`` and ``message_zh`` are given by position, so that any name
        but ``severity`` may name data. ``severity``, when given, must be ``"error"``,
        ``"warning"`` or ``"info"`` (else :class:`ValueError`)."""
        spec = self._rule
        if spec is None:
            raise RuntimeError("ctx.finding() can only be called while a rule runs")
        if severity and severity not in _SEVERITIES:
            _bad_severity(spec, severity)
        return _finding(spec.id, severity or spec.severity, subject, message, message_zh, data)

    def findings(
        self,
        subjects: Iterable[str | None],
        messages: Iterable[str],
        messages_zh: Iterable[str] | None = None,
        /,
        *,
        severity: Severity | None = None,
        **data: Iterable[Scalar],
    ) -> Iterator[FindingBlock]:
        """The findings of the rule being run about many subjects, in blocks to yield from.

        ``yield from ctx.findings(subjects, messages, messages_zh, **data)`` gives what
        ``for s, m, z, d in ...: yield ctx.finding(s, m, z, **d)`` would, row by row, but as
        :class:`FindingBlock` objects of up to :data:`BLOCK_ROWS` findings each: a rule that
        finds the same thing about tens of thousands of subjects yields blocks instead of a
        finding per subject, and the assessment keeps their columns without making an
        object per finding (at city scale, a sixth of the time of :func:`govmodel.compare`).
        The arguments are read a block at a time: give generators, and no more than a block
        of messages is ever made and held at once; or give the messages as
        :class:`Messages`, and none is made until it is read.

        Parameters
        ----------
        subjects
            The subject of each finding.
        messages, messages_zh
            The message of each finding in English and in Chinese (``""`` each when
            ``messages_zh`` is not given): strings, or a :class:`Messages` that makes them
            when they are read. These three are given by position, as :meth:`finding`'s, so
            that any name but ``severity`` may name data.
        severity
            The severity of every finding (the rule's by default).
        **data
            For each name, the value of each finding.

        Raises
        ------
        ValueError
            If ``severity`` is none of ``"error"``, ``"warning"`` and ``"info"``; when the
            blocks are read, if the arguments do not all give as many values as ``subjects``.
        RuntimeError
            If no rule is running.
        TypeError
            If an argument is a string (it would be read character by character).

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.models import GovernanceModel, rule
        >>> class Named(GovernanceModel):
        ...     name = "named"
        ...     title = "Every building has a name"
        ...     @rule("named.buildings", "Every building has a name.")
        ...     def buildings(self, ctx):
        ...         nameless = [u.id for u in ctx.examine(ctx.units("building")) if not u.name]
        ...         yield from ctx.findings(
        ...             nameless,
        ...             (f"building {b} has no name" for b in nameless),
        ...             (f"楼栋 {b} 没有名称" for b in nameless),
        ...         )
        >>> s = govmodel.synth.district(2, seed=1)
        >>> r = govmodel.assess(s, Named).rule("named.buildings")
        >>> r.examined, len(r.findings), r.findings[0].message
        (40, 40, 'building s1-c1-x1-b1 has no name')

        The same messages, made only when they are read:

        >>> from govmodel.models import Messages
        >>> class Named(GovernanceModel):
        ...     name = "named"
        ...     title = "Every building has a name"
        ...     @rule("named.buildings", "Every building has a name.")
        ...     def buildings(self, ctx):
        ...         nameless = [u.id for u in ctx.examine(ctx.units("building")) if not u.name]
        ...         yield from ctx.findings(
        ...             nameless,
        ...             Messages("building {} has no name".format, nameless),
        ...             Messages("楼栋 {} 没有名称".format, nameless),
        ...         )
        >>> govmodel.assess(s, Named).rule("named.buildings").findings[0].message
        'building s1-c1-x1-b1 has no name'
        """
        spec = self._rule
        if spec is None:
            raise RuntimeError("ctx.findings() can only be called while a rule runs")
        columns = {"subjects": subjects, "messages": messages, "messages_zh": messages_zh}
        for what, column in itertools.chain(columns.items(), data.items()):
            if isinstance(column, str | bytes):  # would be read character by character
                raise TypeError(
                    f"ctx.findings() of rule {spec.id!r}: {what} is {_what(column)}, not one "
                    "value per finding (a list, a tuple, a generator)"
                )
        if severity and severity not in _SEVERITIES:
            _bad_severity(spec, severity)
        return _blocks(spec.id, severity or spec.severity, subjects, messages, messages_zh, data)


def _bad_severity(spec: RuleSpec, severity: object) -> NoReturn:
    """Refuse a finding's severity that is none of :data:`_SEVERITIES` (a report would have
    no word for it, and the rule's status would ignore it)."""
    raise ValueError(
        f"rule {spec.id!r}: a finding's severity must be one of {_SEVERITIES}, not {severity!r}"
    )


#: The most findings in one block of :meth:`Context.findings`.
BLOCK_ROWS: Final = 1024


def _blocks(
    rule: str,
    severity: Severity,
    subjects: Iterable[str | None],
    messages: Iterable[str],
    messages_zh: Iterable[str] | None,
    data: Mapping[str, Iterable[Scalar]],
) -> Iterator[FindingBlock]:
    """:meth:`Context.findings`: the columns read :data:`BLOCK_ROWS` values at a time (a
    :class:`Messages` column sliced, its messages left unmade)."""
    names = tuple(data)
    columns = [_Reader(messages)]
    if messages_zh is not None:
        columns.append(_Reader(messages_zh))
    columns += [_Reader(values) for values in data.values()]
    what = ["messages", *([] if messages_zh is None else ["messages_zh"])]
    what += [f"values of {name!r}" for name in names]
    rows, done = iter(subjects), 0
    while True:
        got = list(itertools.islice(rows, BLOCK_ROWS))
        n = len(got)
        read = [column.take(n) for column in columns]
        for w, column_read in zip(what, read, strict=True):
            if len(column_read) < n:
                least = "at least " if n == BLOCK_ROWS else ""
                raise ValueError(
                    f"the findings of rule {rule!r} have {least}{done + n} subjects but "
                    f"{done + len(column_read)} {w}"
                )
        if n < BLOCK_ROWS:  # the last subject read: the columns must end here too
            for w, column in zip(what, columns, strict=True):
                if column.more():
                    raise ValueError(
                        f"the findings of rule {rule!r} have {done + n} subjects but more {w}"
                    )
        if n:
            zh = read[1] if messages_zh is not None else [""] * n
            values = cast("list[list[Scalar]]", read[1 if messages_zh is None else 2 :])
            yield FindingBlock(
                rule, severity, got, read[0], zh, dict(zip(names, values, strict=True))
            )
        done += n
        if n < BLOCK_ROWS:
            return


class _Reader:
    """One column of :func:`_blocks`, read ``n`` values at a time: a :class:`Messages` by
    slices (its messages unmade), anything else by iterating."""

    __slots__ = ("_at", "_lazy", "_rest")

    def __init__(self, values: Iterable[Any]) -> None:
        self._lazy = values if isinstance(values, Messages) else None
        self._rest = iter(()) if self._lazy is not None else iter(values)
        self._at = 0

    def take(self, n: int) -> Sequence[Any]:
        """The next ``n`` values (fewer at the end)."""
        if self._lazy is None:
            return list(itertools.islice(self._rest, n))
        got = self._lazy[self._at : self._at + n]
        self._at += len(got)
        return got

    def more(self) -> bool:
        """Whether values are left (one is read, if the column is iterated)."""
        if self._lazy is None:
            return next(self._rest, _END) is not _END
        return self._at < len(self._lazy)


_END: Final = object()


class GovernanceModel:
    """The base class of governance models; subclass it to add a model.

    Class attributes to set: ``name`` (an identifier, the registry name), ``title`` and
    ``title_zh``, ``source`` (a :class:`Source`), ``vocabulary`` (extra terms), and
    ``summary`` (a paragraph). Declare rules, classifiers and measures with the
    :func:`rule`, :func:`classifier` and :func:`measure` decorators, and override
    :meth:`example` to return the model's bundled structure.
    """

    name: ClassVar[str] = ""
    title: ClassVar[str] = ""
    title_zh: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    source: ClassVar[Source | None] = None
    vocabulary: ClassVar[tuple[Term, ...]] = ()
    example_dataset: ClassVar[str | None] = None

    _rules: ClassVar[tuple[RuleSpec, ...]] = ()
    _measures: ClassVar[tuple[MeasureSpec, ...]] = ()
    _classifiers: ClassVar[tuple[ClassifierSpec, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._check_attributes()
        cls._check_own_declarations()
        rules: dict[str, RuleSpec] = {}
        measures: dict[str, MeasureSpec] = {}
        classifiers: dict[str, ClassifierSpec] = {}
        for klass in reversed(cls.__mro__):
            for attr, fn in vars(klass).items():
                r = getattr(fn, "__govmodel_rule__", None)
                if r is not None:
                    (rid, desc, desc_zh, sev, src), dated = r
                    rules[rid] = RuleSpec(rid, desc, desc_zh, sev, src, attr, *dated)
                m = getattr(fn, "__govmodel_measure__", None)
                if m is not None:
                    quantity: Quantity = m[6] if len(m) > 6 else "number"
                    measures[m[0]] = MeasureSpec(m[0], m[1], m[2], m[3], m[4], m[5], attr, quantity)
                c = getattr(fn, "__govmodel_classifier__", None)
                if c is not None:
                    classifiers[c[0]] = ClassifierSpec(c[0], c[1], c[2], attr)
        cls._rules = tuple(rules.values())
        cls._measures = tuple(measures.values())
        cls._classifiers = tuple(classifiers.values())
        cls._check_per()

    @classmethod
    def _check_attributes(cls) -> None:
        """Refuse class attributes of the wrong type: every report reads the name, titles
        and summary as ``str``, the source as a :class:`Source`, the vocabulary as terms."""
        if not isinstance(cls.name, str):
            raise ModelError(
                f"model class {cls.__qualname__}: its name must be a str, not {_what(cls.name)}"
            )
        where = f"model {cls.name or cls.__name__!r}"
        for attr in ("title", "title_zh", "summary"):
            value = getattr(cls, attr)
            if not isinstance(value, str):
                raise ModelError(f"{where}: its {attr} must be a str, not {_what(value)}")
        if cls.source is not None and not isinstance(cls.source, Source):
            raise ModelError(
                f"{where}: its source must be a Source (Source(report, place, place_zh, "
                f"year)) or None, not {_what(cls.source)}"
            )
        vocabulary: object = cls.vocabulary
        if not isinstance(vocabulary, Collection) or isinstance(vocabulary, str):
            raise ModelError(
                f"{where}: its vocabulary must be a tuple of Terms, not {_what(vocabulary)}"
            )
        for term in vocabulary:
            if not isinstance(term, Term):
                raise ModelError(
                    f"{where}: its vocabulary must be a tuple of Terms, but holds {_what(term)}"
                )

    @classmethod
    def _check_own_declarations(cls) -> None:
        """Refuse two rules of one id, two measures or two classifiers of one name declared
        in the class itself: the one declared last would hide the other. (A subclass
        replaces a rule of its base by declaring its id again.)"""
        seen: dict[tuple[str, object], str] = {}
        for attr, fn in vars(cls).items():
            for what, mark in (
                ("rule", "__govmodel_rule__"),
                ("measure", "__govmodel_measure__"),
                ("classifier", "__govmodel_classifier__"),
            ):
                declared = getattr(fn, mark, None)
                if declared is None:
                    continue
                key = declared[0][0] if what == "rule" else declared[0]
                first = seen.setdefault((what, key), attr)
                if first != attr and vars(cls)[first] is not fn:  # not the same, aliased
                    raise ModelError(
                        f"model {cls.name or cls.__name__!r}: methods {first!r} and {attr!r} "
                        f"both declare the {what} {key!r}; each needs its own"
                    )

    @classmethod
    def _check_per(cls) -> None:
        """Refuse a measure declared ``per=`` a unit kind the model's vocabulary (the
        built-in terms and the model's ``vocabulary``) does not know."""
        pers = {m.per for m in cls._measures if m.per is not None}
        if not pers:
            return
        vocab = BUILTIN.extend(cls.vocabulary)
        kinds = vocab.category("unit_kinds")
        for m in cls._measures:
            if m.per is None or m.per in kinds:
                continue
            close = vocab.suggest("unit_kinds", m.per)
            hint = (
                f"did you mean {close!r}?"
                if close
                else "declare it in the model's vocabulary as a Term('unit_kinds', ...)"
            )
            raise ModelError(
                f"model {cls.name or cls.__name__!r}: measure {m.name!r} is declared "
                f"per={m.per!r}, which is not a unit kind of the model's vocabulary; {hint}"
            )

    # -- declarations ------------------------------------------------------------------------
    @classmethod
    def rules(cls) -> tuple[RuleSpec, ...]:
        """The model's rules, in declaration order."""
        return cls._rules

    @classmethod
    def measures(cls) -> tuple[MeasureSpec, ...]:
        """The model's measures, in declaration order."""
        return cls._measures

    @classmethod
    def classifiers(cls) -> tuple[ClassifierSpec, ...]:
        """The model's classifiers, in declaration order."""
        return cls._classifiers

    @classmethod
    def example(cls) -> Structure:
        """The model's bundled example structure.

        The default loads the bundled dataset named by ``example_dataset``.
        """
        if cls.example_dataset is None:
            raise NotImplementedError(f"model {cls.name!r} has no bundled example")
        from govmodel import datasets

        return datasets.load(cls.example_dataset)

    @classmethod
    def describe(cls, lang: str = "en") -> str:
        """A one-line description: name, title and source."""
        title = cls.title_zh if lang == "zh" and cls.title_zh else cls.title
        src = f" ({cls.source.report})" if cls.source else ""
        return f"{cls.name}: {title}{src}"

    # -- running -----------------------------------------------------------------------------
    def run_rules(self, ctx: Context) -> Iterator[Finding | FindingBlock]:
        """Run every rule and yield what it yields: its findings, one by one or in blocks
        (:meth:`Context.findings`).

        Raises
        ------
        ModelError
            If a rule gives back what is not iterable (``None``, a single finding): the
            message names the model, the rule and what it gave. An exception a rule raises
            goes on as it is, with a note naming the model and the rule.
        """
        for spec in self.rules():
            ctx._rule = spec
            got: Any = None
            try:
                got = getattr(self, spec.method)(ctx)
                if isinstance(got, Iterable):
                    yield from got
            except Exception as exc:  # the plug-in's own: say where it came from
                exc.add_note(f"(raised by rule {spec.id!r} of model {self.name!r})")
                raise
            finally:
                ctx._rule = None
            if not isinstance(got, Iterable):
                raise ModelError(
                    f"model {self.name!r}: rule {spec.id!r} must yield findings (or return an "
                    f"iterable of them), but returned {_what(got)}"
                )

    def run_classifiers(self, ctx: Context) -> dict[str, Mapping[str, Label]]:
        """Run every classifier: ``{classifier name: {unit id: Label}}``.

        Raises
        ------
        ModelError
            If a classifier gives what is not a mapping (the message names the model, the
            classifier and what it gave). An exception a classifier raises goes on as it
            is, with a note naming the classifier and the model.
        """
        out: dict[str, Mapping[str, Label]] = {}
        for spec in self.classifiers():
            with self._noted(f"classifier {spec.name!r}"):
                got = getattr(self, spec.method)(ctx)
            if not isinstance(got, Mapping):
                raise ModelError(
                    f"model {self.name!r}: classifier {spec.name!r} must give a mapping of "
                    f"unit id to Label, but gave {_what(got)}"
                )
            out[spec.name] = dict(got)
        return out

    def run_measures(self, ctx: Context) -> dict[str, Any]:
        """Run every measure: ``{measure name: number | None | {unit id: number}}``.

        An exception a measure raises goes on as it is, with a note naming the measure and
        the model."""
        out: dict[str, Any] = {}
        for spec in self.measures():
            with self._noted(f"measure {spec.name!r}"):
                out[spec.name] = getattr(self, spec.method)(ctx)
        return out

    @contextlib.contextmanager
    def _noted(self, what: str) -> Iterator[None]:
        """Note on an exception raised in the block that ``what`` of this model raised it."""
        try:
            yield
        except Exception as exc:  # the plug-in's own: say where it came from
            exc.add_note(f"(raised by {what} of model {self.name!r})")
            raise

    def __repr__(self) -> str:
        return f"<GovernanceModel {self.name!r}: {terminal(str(self.title))}>"

    @classmethod
    def to_html(cls, lang: str = "en") -> str:
        """An HTML card describing the model: title, source, rules, classifiers and measures.

        Jupyter shows a model with it; every text is escaped.

        Examples
        --------
        >>> import govmodel
        >>> card = govmodel.models.get("four_level").to_html()
        >>> card.startswith('<div class="govmodel-report govmodel-model">')
        True
        >>> "four_level.levels" in card
        True
        """
        zh = lang == "zh"
        head = ["规则", "级别", "说明"] if zh else ["rule", "severity", "description"]
        rows = [head] + [
            [
                r.id,
                word(r.severity, "zh" if zh else "en"),
                (r.description_zh or r.description) if zh else r.description,
            ]
            for r in cls.rules()
        ]
        src = cls.source
        where = f"{src.place} {src.place_zh} {src.year or ''} — {src.report}" if src else ""
        meas = ", ".join(f"{m.name} ({m.zh or m.en})" for m in cls.measures())
        kinds = ", ".join(f"{c.name} ({c.zh or c.en})" for c in cls.classifiers())
        h = html_text
        return (
            f'<div class="govmodel-report govmodel-model">{REPORT_STYLE}'
            f"<h3>{h(cls.title)} {h(cls.title_zh)} "
            f"[{h(cls.name)}]</h3><p>{h(where)}</p>"
            f"<p>{h(cls.summary)}</p>{html_table([[h(c) for c in r] for r in rows])}"
            f"<p><b>{'分类器' if zh else 'classifiers'}</b>: {h(kinds or '—')}<br>"
            f"<b>{'指标' if zh else 'measures'}</b>: {h(meas or '—')}</p></div>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()
