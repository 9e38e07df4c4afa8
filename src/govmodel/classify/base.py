"""The contract every classifier of govmodel keeps: labels with their reasons.

A *classifier* sorts units of a structure (compounds, communities) into a fixed set of
classes. For each unit it returns a :class:`Label`: the class (``value``, with its English and
Chinese names) and the :class:`Reason` objects that say which rule fired and on which data.
Models call :meth:`Classifier.classify_all` and render the labels in either language.

A classifier reads one thing: the structure's :class:`~govmodel.index.StructureIndex`, whose
cached lookups (the children of a unit, the organizations at a unit, the posts of an
organization, the ties of a relation, ...) let it label every unit in one pass. Its public
methods accept a structure, its index, or a govmodel networkx graph (:func:`read_index`).

Examples
--------
>>> import networkx as nx
>>> from govmodel.classify.base import ClassDef, Classifier, Label, Reason
>>> class Size(Classifier):
...     name = "size"
...     en, zh = "compound size", "小区规模"
...     classes = (ClassDef("small", "small", "小型"), ClassDef("large", "large", "大型"))
...     def classify_in(self, ix, subject):
...         n = int(ix.unit(subject).attributes.get("households", 0))
...         value = "large" if n >= 1000 else "small"
...         why = Reason("households", f"{n} households", {"households": n})
...         return self.label(subject, value, [why])
>>> G = nx.MultiDiGraph()
>>> G.add_node("x1", entity="unit", kind="compound", households=1200)
>>> lab = Size().classify(G, "x1")
>>> lab.value, lab.zh, lab.reasons[0].rule
('large', '大型', 'households')
>>> import govmodel
>>> Size().classify_all(govmodel.datasets.load("xihu"))["xh-c1"].value
'small'
"""

from __future__ import annotations

import abc
import numbers
from collections.abc import Callable, Hashable, Iterable, Mapping
from functools import partial
from itertools import chain, repeat
from typing import TYPE_CHECKING, Any, ClassVar, Final, TypeAlias, TypeVar

import attrs

from govmodel.errors import SpecError
from govmodel.index import Forest, StructureIndex
from govmodel.spec import (
    Attributes,
    Decision,
    Organization,
    Person,
    Scalar,
    Structure,
    Unit,
    _owned,
)

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "ClassDef",
    "Classifier",
    "Label",
    "Reason",
    "Scalar",
    "Source",
    "read_index",
    "region",
]

#: What a classifier reads: a govmodel networkx graph, a structure, or its index.
Source: TypeAlias = "nx.Graph[Any] | Structure | StructureIndex"

_T = TypeVar("_T")

#: The rank of compound-level units (compounds, courtyards): what classifiers label by default.
COMPOUND_RANK: Final = 6


def _attributes(value: Mapping[str, Scalar] | None) -> Attributes:
    """``value`` as :class:`~govmodel.spec.Attributes` (the same object if it is one)."""
    if type(value) is dict:  # the common case
        return Attributes(value)
    if isinstance(value, Attributes):
        return value
    return Attributes(value or {})


def _is_bool(instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    """An option that is ``True`` or ``False`` (not a string such as ``"no"``, which is true)."""
    if not isinstance(value, bool):
        raise TypeError(f"{attribute.name} must be True or False, not {value!r}")


def _is_int(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    """An option that is a whole number (an ``int`` or numpy integer; not a ``bool``, a
    ``float`` or a string)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{attribute.name} must be an int, not {value!r}")


def _as_int(value: object) -> object:
    """An option's whole number of another type (a numpy integer) as an ``int``, so that the
    labels' reasons hold Python numbers; anything else as it is, for :func:`_is_int`."""
    if type(value) in (bool, int) or not isinstance(value, numbers.Integral):
        return value
    return int(value)


def _str_set(value: Iterable[str]) -> frozenset[str]:
    """A frozen set of strings (a lone string is one element, not its characters)."""
    if isinstance(value, str):
        return frozenset({value})
    return frozenset(value)


@attrs.frozen
class ClassDef:
    """One class a classifier may assign.

    Parameters
    ----------
    value
        The identifier stored in :attr:`Label.value` (English, ``snake_case`` or ``"3/4"``).
    en, zh
        The English and Chinese names of the class.
    description
        What the class means, in a sentence.
    rank
        For ordinal schemes, the position of the class (higher is more complete); ``None``
        for nominal schemes.
    """

    value: str
    en: str
    zh: str
    description: str = ""
    rank: int | None = None

    def name(self, lang: str = "en") -> str:
        """The name in ``"en"`` or ``"zh"``."""
        return self.zh if lang == "zh" else self.en


@attrs.frozen(init=False)
class Reason:
    """Why a label was given: the rule that fired and the data it used.

    Parameters
    ----------
    rule
        A stable, kebab-case identifier of the rule (``"origin-attribute"``), listed in the
        classifier's docstring and in ``docs/classifiers.md``.
    text
        A sentence for a human, in English, naming the values involved.
    data
        The data the rule used, as scalars (ids, attribute values, counts, thresholds).

    Examples
    --------
    >>> from govmodel.classify.base import Reason
    >>> r = Reason("origin-attribute", "origin is 'commodity'", {"origin": "commodity"})
    >>> r.data["origin"], str(r)
    ('commodity', "origin-attribute: origin is 'commodity'")
    """

    rule: str
    text: str
    data: Attributes = attrs.field(factory=Attributes)

    # Written by hand rather than generated: classifiers make tens of thousands of reasons,
    # and setting the slots directly takes a third of the time of attrs' frozen __init__.
    def __init__(self, rule: str, text: str, data: Mapping[str, Scalar] | None = None) -> None:
        _set_rule(self, rule)
        _set_text(self, text)
        if type(data) is dict:  # _attributes(data), inline: the common case
            _set_data(self, Attributes(data))
        else:
            _set_data(self, _attributes(data))

    def __str__(self) -> str:
        return f"{self.rule}: {self.text}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready ``dict``."""
        return {"rule": self.rule, "text": self.text, "data": self.data.to_dict()}


@attrs.frozen(init=False)
class Label:
    """The class a classifier gave one unit, with the reasons.

    Parameters
    ----------
    classifier
        The name of the classifier (``"compound_type"``).
    subject
        The id of the unit labelled.
    value
        The class, one of the classifier's :attr:`Classifier.classes` values.
    en, zh
        The class's English and Chinese names.
    reasons
        The rules that fired and the data they used, in the order they were applied; never
        empty.
    details
        Further scalars (for example which bodies are missing), documented per classifier.

    Examples
    --------
    >>> from govmodel.classify.base import Label, Reason
    >>> lab = Label("demo", "x1", "yes", "yes", "是", (Reason("r", "because"),), {"n": 1})
    >>> lab.name("zh"), lab.details["n"], str(lab)
    ('是', 1, 'x1: yes (demo)')
    """

    classifier: str
    subject: str
    value: str
    en: str
    zh: str
    reasons: tuple[Reason, ...]
    details: Attributes = attrs.field(factory=Attributes)

    # Written by hand, as Reason's: setting the slots directly (reasons as a tuple, details
    # as Attributes, as attrs converters would).
    def __init__(
        self,
        classifier: str,
        subject: str,
        value: str,
        en: str,
        zh: str,
        reasons: Iterable[Reason],
        details: Mapping[str, Scalar] | None = None,
    ) -> None:
        _set_classifier(self, classifier)
        _set_subject(self, subject)
        _set_value(self, value)
        _set_en(self, en)
        _set_zh(self, zh)
        _set_reasons(self, reasons if type(reasons) is tuple else tuple(reasons))
        _set_details(self, _attributes(details))

    def name(self, lang: str = "en") -> str:
        """The class's name in ``"en"`` or ``"zh"``."""
        return self.zh if lang == "zh" else self.en

    def __str__(self) -> str:
        return f"{self.subject}: {self.value} ({self.classifier})"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready ``dict`` with every field."""
        return {
            "classifier": self.classifier,
            "subject": self.subject,
            "value": self.value,
            "en": self.en,
            "zh": self.zh,
            "reasons": [r.to_dict() for r in self.reasons],
            "details": self.details.to_dict(),
        }


def _setter(cls: type, name: str) -> Callable[[Any, Any], None]:
    """The setter of slot ``name`` of ``cls`` (a frozen attrs class refuses setattr)."""
    return cls.__dict__[name].__set__  # type: ignore[no-any-return]


_set_rule, _set_text, _set_data = (_setter(Reason, a) for a in ("rule", "text", "data"))
(
    _set_classifier,
    _set_subject,
    _set_value,
    _set_en,
    _set_zh,
    _set_reasons,
    _set_details,
) = (
    _setter(Label, a) for a in ("classifier", "subject", "value", "en", "zh", "reasons", "details")
)


_new: Final = object.__new__


def _reason(rule: str, text: str, data: dict[str, Scalar]) -> Reason:
    """``Reason(rule, text, data)`` for a ``dict`` the caller has just made and hands over:
    its data is that ``dict``, not a copy (:func:`govmodel.spec._owned`), which is what the
    classifiers make tens of thousands of reasons of. The same reason in every way (equal,
    hashed, shown, pickled)."""
    got: Reason = _new(Reason)
    _set_rule(got, rule)
    _set_text(got, text)
    _set_data(got, _owned(data))
    return got


def _made_label(
    classifier: str,
    subject: str,
    value: str,
    en: str,
    zh: str,
    reasons: tuple[Reason, ...],
    details: dict[str, Scalar],
) -> Label:
    """``Label(...)`` of a tuple of reasons and a ``dict`` of details the caller has just
    made and hands over (not copied, as :func:`_reason`), once per unit labelled."""
    got: Label = _new(Label)
    _set_classifier(got, classifier)
    _set_subject(got, subject)
    _set_value(got, value)
    _set_en(got, en)
    _set_zh(got, zh)
    _set_reasons(got, reasons)
    _set_details(got, _owned(details))
    return got


def _integer(value: object) -> int | None:
    """``value`` as a whole number (``6``, ``6.0``, ``"6"``, ``" -6 "``), else ``None``;
    booleans are not, nor strings that only look like one (``"--6"``, ``"6²"``)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        s = value.strip()
        if s.lstrip("-").isdigit():
            try:
                return int(s)
            except ValueError:  # "--6", or digits int() does not read (superscripts)
                return None
    return None


#: The strings that say no (case and surrounding space ignored): English and Chinese
#: (否 "no", 无 and 没有 "none", 不是 "is not"), and the spellings of nothing that tables
#: write.
_NO: Final = frozenset(
    {"", "false", "no", "n", "off", "0", "none", "null", "n/a", "否", "无", "没有", "不是"}
)


def _truthy(value: object) -> bool:
    """Whether an attribute value says yes: for a string, anything but ``""``, ``"false"``,
    ``"no"``, ``"n"``, ``"off"``, ``"0"``, ``"none"``, ``"null"``, ``"n/a"``, ``"否"``,
    ``"无"``, ``"没有"`` or ``"不是"``; a float that is not a number (NaN) says nothing, so no;
    anything else, ``bool(value)``. The one reading of a yes, shared by the classifiers and
    the models (:func:`govmodel.models.helpers.truthy`)."""
    if isinstance(value, str):
        return value.strip().lower() not in _NO
    if isinstance(value, float) and value != value:
        return False
    return bool(value)


def _says_nothing(value: Scalar | None) -> bool:
    """Whether an attribute value says nothing, neither yes nor no: absent (``None``), NaN,
    or an empty or blank string (an empty cell)."""
    if value is None:
        return True
    if type(value) is str:
        return not value.strip()
    return value != value


def _value(entity: Unit | Organization | Person | Decision, name: str) -> Scalar | None:
    """An entity's user attribute ``name``, or ``None`` when it has none (or an invalid,
    non-scalar value, which :func:`govmodel.validate` reports)."""
    attributes = entity.attributes
    # ``in`` then ``[]``: ``Mapping.get`` raises and catches a KeyError for each absent name
    got = attributes[name] if name in attributes else None  # noqa: SIM401
    return got if type(got) in _SCALARS else _scalar(got)


_SCALARS: Final = frozenset({str, int, float, bool})


def _scalar(value: object) -> Scalar | None:
    """An attribute value as the plain scalar it holds, as :func:`govmodel.from_graph` reads
    it (a numpy ``float64`` or ``str_``, an ``IntEnum``: a ``float``, ``str`` or ``int``), so
    that a structure and its graph are labelled alike; ``None`` for a value that is no
    scalar (which :func:`govmodel.validate` reports)."""
    if type(value) in _SCALARS:
        return value  # type: ignore[return-value]
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, float):
        return float.__float__(value)
    if isinstance(value, int):
        return int.__int__(value)
    return None


def _fact(value: Scalar | None) -> Hashable:
    """A key for an attribute value that tells apart the values Python takes as equal but a
    label writes differently (``1``, ``1.0`` and ``True``; ``0.0`` and ``-0.0``), so that
    labels decided by equal keys are the same label (:meth:`Classifier._shared`)."""
    return (float, repr(value)) if type(value) is float else (type(value), value)


def read_index(source: Source) -> StructureIndex:
    """The :class:`~govmodel.index.StructureIndex` a classifier reads of ``source``.

    Parameters
    ----------
    source
        A :class:`~govmodel.index.StructureIndex` (used as it is), a
        :class:`~govmodel.spec.Structure` (its cached index, :meth:`StructureIndex.of
        <govmodel.index.StructureIndex.of>`) or a govmodel networkx graph (read with
        :func:`govmodel.from_graph`, then indexed).

    Raises
    ------
    SpecError
        When ``source`` is none of these (``wrong-type``), when a graph does not follow
        govmodel's conventions (every problem :func:`govmodel.from_graph` finds, with the node
        or edge it is on: a node without ``entity``, an edge without ``relation``, a post
        whose ends are not a person and an organization, ...), or when the structure cannot
        be indexed (``duplicate-id``, ``dangling-reference``).

    Examples
    --------
    >>> import networkx as nx
    >>> import govmodel
    >>> from govmodel.classify.base import read_index
    >>> s = govmodel.datasets.load("xihu")
    >>> read_index(s) is read_index(read_index(s))
    True
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("x1", entity="unit", kind="compound")
    >>> G.add_node("p1", kind="person")
    >>> read_index(G)
    Traceback (most recent call last):
    ...
    govmodel.errors.SpecError: 1 problem:
      nodes['p1'].entity: missing-field: node 'p1' has no 'entity' attribute ('unit', ...)
    """
    if isinstance(source, StructureIndex):
        return source
    if isinstance(source, Structure):
        return StructureIndex.of(source)
    from govmodel.graph import from_graph

    # from_graph refuses anything that is not a directed networkx graph (wrong-type).
    return StructureIndex.from_structure(from_graph(source))


def region(ix: StructureIndex, unit: str) -> tuple[str, ...]:
    """``unit`` and the units that lie in it, breadth first.

    A unit lies in ``unit`` when ``unit`` is the nearest unit of its rank above it (or the
    unit itself): the units :meth:`StructureIndex.ancestor_at
    <govmodel.index.StructureIndex.ancestor_at>` finds ``unit`` for, as the models read
    "the organizations of a compound" (:meth:`~govmodel.index.StructureIndex.orgs_within`).
    In a valid structure this is every unit inside ``unit``; a unit of the same rank inside
    it (a compound inside a compound, which :func:`govmodel.validate` refuses unless a
    declared kind allows it) has a region of its own and takes the units inside it along.
    So the regions of the units of one rank never overlap, and labelling every unit of a
    rank reads each unit once, however deep the containment. A unit whose kind has no rank
    (a grid) has every unit inside it as its region.

    The regions of a rank are built together on first use, in one pass over the units, and
    kept with the index; the order is breadth first, each unit's children in order. Units
    in a containment cycle (invalid) are read once.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.classify import region
    >>> from govmodel.index import StructureIndex
    >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
    >>> region(ix, "yt-c1")[:1], len(region(ix, "yt-xt")) > len(region(ix, "yt-c1"))
    (('yt-c1',), True)
    """
    rank = ix.rank(unit)
    if rank is None:
        return _subtree(ix, unit)
    return _regions(ix, rank).get(unit, (unit,))


def _subtree(ix: StructureIndex, unit: str) -> tuple[str, ...]:
    """``unit`` and every unit inside it, breadth first (a unit met twice is read once)."""
    out = [unit]
    seen = {unit}
    i = 0
    while i < len(out):
        for c in ix.children(out[i]):
            if c not in seen:
                seen.add(c)
                out.append(c)
        i += 1
    return tuple(out)


def _regions(ix: StructureIndex, rank: int) -> Mapping[str, tuple[str, ...]]:
    """The region (:func:`region`) of every unit of ``rank``, in one pass over the units."""

    def build() -> dict[str, tuple[str, ...]]:
        ids = ix.unit_ids
        kind_hit = [ix.vocab.rank(k) == rank for k in ix.unit_kinds]
        if ix.backend == "numpy":
            try:
                return _regions_numpy(ix, kind_hit)
            except SpecError:  # a containment cycle: read below, unit by unit
                pass
        near, order = _nearest_python(ix, rank)
        out: dict[str, list[str]] = {}
        for u in order:
            a = near[u]
            if a >= 0:
                got = out.get(ids[a])
                if got is None:
                    out[ids[a]] = [ids[u]]
                else:
                    got.append(ids[u])
        return {k: tuple(v) for k, v in out.items()}

    return _cached(ix, f"regions/{rank}", build)


def _nearest_python(ix: StructureIndex, rank: int) -> tuple[list[int], list[int]]:
    """The nearest unit of ``rank`` at or above each unit (by unit code, ``-1``: none), and
    the units in the order the regions list them (breadth first down the containment
    forest, then the units in a containment cycle or below one, in order), in plain Python;
    kept with the index."""

    def build() -> tuple[list[int], list[int]]:
        ids, n = ix.unit_ids, ix.n_units
        kind_hit = [ix.vocab.rank(k) == rank for k in ix.unit_kinds]
        parent: list[int] = ix.unit_parent.tolist()
        hit = [kind_hit[k] for k in ix.unit_kind.tolist()]
        kids: list[list[int]] = [[] for _ in range(n)]
        order: list[int] = []
        for u, p in enumerate(parent):
            (kids[p] if p >= 0 else order).append(u)
        # near[u]: the nearest unit of the rank at or above u (-1: none), top down
        near = [u if hit[u] else -1 for u in range(n)]
        seen = bytearray(n)
        for u in order:
            seen[u] = 1
        i = 0
        while i < len(order):
            u = order[i]
            i += 1
            for c in kids[u]:
                if not seen[c]:
                    seen[c] = 1
                    if not hit[c]:
                        near[c] = near[u]
                    order.append(c)
        if len(order) < n:  # units in a containment cycle, or below one
            codes = ix.codes
            for u in range(n):
                if not seen[u]:
                    at = ix.ancestor_at(ids[u], rank)
                    near[u] = -1 if at is None else codes[at]
                    order.append(u)
        return near, order

    return _cached(ix, f"nearest_python/{rank}", build)


def _regions_numpy(ix: StructureIndex, kind_hit: list[bool]) -> dict[str, tuple[str, ...]]:
    """:func:`_regions` on the index's arrays, level by level down the containment forest
    (the same breadth-first order); ``kind_hit[k]``: whether unit kind ``k`` has the rank.

    Raises
    ------
    SpecError
        ``containment-cycle`` (:meth:`~govmodel.index.StructureIndex.containment`).
    """
    import numpy as np

    forest = ix.containment()
    ids = ix.unit_ids
    hit, near = _nearest_numpy(ix, forest, kind_hit)
    order = forest.order
    inside = order[near[order] >= 0]
    heads = near[inside]
    by_head = np.argsort(heads, kind="stable")  # each region in breadth-first order
    members = inside[by_head].tolist()
    if not members:
        return {}
    cuts = np.flatnonzero(np.diff(heads[by_head])) + 1
    starts = [0, *cuts.tolist()]
    ends = [*cuts.tolist(), len(members)]
    head_codes = heads[by_head][starts].tolist()
    got = {
        h: tuple(map(ids.__getitem__, members[a:b]))
        for h, a, b in zip(head_codes, starts, ends, strict=True)
    }
    # a region's head comes first in it, so the heads in breadth-first order
    return {ids[h]: got[h] for h in order[hit[order]].tolist()}


def _nearest_numpy(ix: StructureIndex, forest: Forest, kind_hit: list[bool]) -> tuple[Any, Any]:
    """Whether each unit's kind has the rank (``kind_hit[k]`` for kind ``k``), and the
    nearest unit of the rank at or above each unit (``-1``: none), as numpy arrays, top down
    the containment forest level by level."""
    import numpy as np

    hit = np.asarray(kind_hit, dtype=bool)[ix.unit_kind]
    parent = forest.parent
    near = np.where(hit, np.arange(ix.n_units, dtype=np.int64), -1)
    for nodes in forest.levels[1:]:
        near[nodes] = np.where(hit[nodes], nodes, near[parent[nodes]])
    return hit, near


def _region_places(ix: StructureIndex, rank: int) -> tuple[list[int], list[int]]:
    """Where each unit (by unit code) lies among the regions of ``rank`` (:func:`region`):
    the code of its region's unit (``-1``: in none) and a position that orders the units of
    each region as the region lists them; kept with the index.

    The position is the one in the order the regions follow, over all units: with numpy,
    on the containment forest's arrays (breadth first); otherwise, or in a containment
    cycle, as :func:`_nearest_python` reads it."""

    def build() -> tuple[list[int], list[int]]:
        n = ix.n_units
        if ix.backend == "numpy":
            near_at, pos_at = _region_places_numpy(ix, rank)
            return near_at.tolist(), pos_at.tolist()
        near, order = _nearest_python(ix, rank)
        pos_of = [0] * n
        for i, u in enumerate(order):
            pos_of[u] = i
        return near, pos_of

    return _cached(ix, f"region_places/{rank}", build)


def _around(ix: StructureIndex, units: Iterable[str]) -> list[str]:
    """The organizations of a region: those located in one of ``units`` and those with a
    tie to one of them, each once, unit by unit (located first, then tied, in order)."""
    around = ix.orgs_around().get
    return list(dict.fromkeys(chain.from_iterable(around(u, ()) for u in units)))


def _region_orgs(ix: StructureIndex, unit: str) -> tuple[str, ...]:
    """:func:`_around` of the region (:func:`region`) of ``unit``.

    For a unit whose kind has a rank, read from the organizations around every region of
    that rank, found together on first use in one pass over the units that have any
    (:meth:`~govmodel.index.StructureIndex.orgs_around`) and kept with the index: labelling every unit of a rank reads
    each organization's unit once instead of every unit of every region.
    """
    rank = ix.rank(unit)
    if rank is not None:  # every unit of the rank heads its region: absent, none around
        return _regions_orgs(ix, rank).get(unit, ())
    return tuple(_around(ix, region(ix, unit)))


def _region_orgs_reader(ix: StructureIndex) -> Callable[[str], tuple[str, ...]]:
    """:func:`_region_orgs` of ``ix`` as a function of the unit, for labelling many units:
    the organizations of the regions of each rank are looked up once, not per unit."""
    rank_of = ix.rank
    tables: dict[int, Mapping[str, tuple[str, ...]]] = {}

    def orgs(unit: str) -> tuple[str, ...]:
        rank = rank_of(unit)
        if rank is None:
            return tuple(_around(ix, region(ix, unit)))
        got = tables.get(rank)
        if got is None:
            got = tables[rank] = _regions_orgs(ix, rank)
        return got.get(unit, ())

    return orgs


def _regions_orgs(ix: StructureIndex, rank: int) -> Mapping[str, tuple[str, ...]]:
    """:func:`_around` of the region of every unit of ``rank`` that has organizations around
    it, by unit id."""

    def build() -> dict[str, tuple[str, ...]]:
        return {
            head: tuple(dict.fromkeys(chain.from_iterable(orgs)))
            for head, orgs in _by_region(ix, rank, ix.orgs_around()).items()
        }

    return _cached(ix, f"regions_orgs/{rank}", build)


def _by_region(ix: StructureIndex, rank: int, per_unit: Mapping[str, _T]) -> dict[str, list[_T]]:
    """The values of ``per_unit`` (unit id to anything) of the units of each region of
    ``rank`` (:func:`region`), in the region's order, by the region's unit; regions without
    any are absent. One pass over ``per_unit``, each unit placed by :func:`_region_places`
    (kept with the index); with numpy, placed and sorted on arrays
    (:func:`_by_region_numpy`)."""
    if ix.backend == "numpy" and per_unit:
        return _by_region_numpy(ix, rank, per_unit)
    head, pos = _region_places(ix, rank)
    ids, codes, nu = ix.unit_ids, ix.codes, ix.n_units
    # the units placed, then read in the order of their positions (one sort of them all):
    # each region's values come in the region's order
    placed: list[int] = []
    values: list[_T] = []
    for u, value in per_unit.items():
        c = codes.get(u, nu)
        if c < nu and head[c] >= 0:
            placed.append(c)
            values.append(value)
    at = [pos[c] for c in placed]
    found: dict[str, list[_T]] = {}
    for i in sorted(range(len(placed)), key=at.__getitem__):
        h = ids[head[placed[i]]]
        got = found.get(h)
        if got is None:
            found[h] = [values[i]]
        else:
            got.append(values[i])
    return found


def _region_places_numpy(ix: StructureIndex, rank: int) -> tuple[Any, Any]:
    """:func:`_region_places` as numpy arrays, for an index with numpy (kept with the
    index): on the containment forest's arrays, or in a containment cycle as
    :func:`_nearest_python` reads it."""

    def build() -> tuple[Any, Any]:
        import numpy as np

        n = ix.n_units
        try:
            forest = ix.containment()
        except SpecError:  # a containment cycle: read as _nearest_python reads it
            near, order = _nearest_python(ix, rank)
            pos = np.empty(n, dtype=np.int64)
            pos[np.asarray(order, dtype=np.int64)] = np.arange(n, dtype=np.int64)
            return np.asarray(near, dtype=np.int64), pos
        kind_hit = [ix.vocab.rank(k) == rank for k in ix.unit_kinds]
        _, near_at = _nearest_numpy(ix, forest, kind_hit)
        pos = np.empty(n, dtype=np.int64)
        pos[forest.order] = np.arange(n, dtype=np.int64)
        return near_at, pos

    return _cached(ix, f"region_places_numpy/{rank}", build)


def _by_region_numpy(
    ix: StructureIndex, rank: int, per_unit: Mapping[str, _T]
) -> dict[str, list[_T]]:
    """:func:`_by_region` on numpy arrays: the units placed and read in the order of their
    positions with one sort, then grouped by region with a stable sort, the regions in the
    order their first unit comes (as :func:`_by_region` meets them)."""
    import numpy as np

    head, pos = _region_places_numpy(ix, rank)
    ids, codes, nu = ix.unit_ids, ix.codes, ix.n_units
    values = list(per_unit.values())
    code = np.fromiter(map(codes.get, per_unit, repeat(nu)), dtype=np.int64, count=len(values))
    # a key that is no unit (an organization, or no entity) is not placed
    is_unit = code < nu
    placed = np.flatnonzero(is_unit)
    placed = placed[head[code[placed]] >= 0]
    if not len(placed):
        return {}
    placed = placed[np.argsort(pos[code[placed]], kind="stable")]  # positions: distinct
    heads = head[code[placed]]
    by_head = np.argsort(heads, kind="stable")  # each region in its order
    grouped = heads[by_head]
    starts = np.flatnonzero(np.diff(grouped, prepend=-1))
    ends = np.append(starts[1:], len(grouped))
    # the regions in the order their first unit comes: by the least position in sorted order
    first = by_head[starts]
    seq = np.argsort(first, kind="stable")
    got = [values[i] for i in placed[by_head].tolist()]
    return {
        ids[h]: got[a:b]
        for h, a, b in zip(
            grouped[starts][seq].tolist(), starts[seq].tolist(), ends[seq].tolist(), strict=True
        )
    }


def _multi_holders(ix: StructureIndex) -> tuple[list[str], list[frozenset[str]]]:
    """The people holding posts in two organizations or more and the ids of the
    organizations of each (:meth:`~govmodel.index.StructureIndex.multi_holders`, as sets),
    read once for every classifier that asks (tripartite's people holding posts in two
    bodies, network_mode's interlocks); kept with the index."""

    def build() -> tuple[list[str], list[frozenset[str]]]:
        held = ix.multi_holders()
        return list(held), list(map(frozenset, held.values()))

    return _cached(ix, "multi_holders", build)


def _head_roles(ix: StructureIndex) -> frozenset[str]:
    """The roles whose holder heads an organization (``secretary``, ``chair``,
    ``manager``, and any role the structure's vocabulary declares with ``head``)."""
    return _cached(
        ix,
        "head_roles",
        lambda: frozenset(t.name for t in ix.vocab.category("roles").values() if t.head),
    )


def _cached(ix: StructureIndex, key: Hashable, build: Callable[[], _T]) -> _T:
    """``build()``, kept with the index under ``key`` among the classifiers' derived values
    (:meth:`~govmodel.index.StructureIndex.cached`)."""
    return ix.cached(("govmodel.classify", key), build)


class Classifier(abc.ABC):
    """The base of every classifier: a name, declared classes, and ``classify``.

    A subclass sets the class variables :attr:`name`, :attr:`en`, :attr:`zh`,
    :attr:`classes` (and :attr:`reference`), and implements :meth:`classify_in`; it may
    override :meth:`subjects_in` (compounds by default). Options, such as thresholds, are the
    subclass's (frozen ``attrs``) fields.
    """

    #: The registered name (``"compound_type"``).
    name: ClassVar[str]
    #: The English and Chinese names of what is classified.
    en: ClassVar[str]
    zh: ClassVar[str]
    #: The classes a label may take.
    classes: ClassVar[tuple[ClassDef, ...]]
    #: The works the classifier's concepts come from.
    reference: ClassVar[str] = ""

    # -- the classes -------------------------------------------------------------------------
    @classmethod
    def values(cls) -> tuple[str, ...]:
        """The values of the declared classes, in declared order."""
        return tuple(c.value for c in cls.classes)

    @classmethod
    def class_def(cls, value: str) -> ClassDef:
        """The declared class of ``value``; raises :class:`KeyError` if there is none."""
        for c in cls.classes:
            if c.value == value:
                return c
        raise KeyError(f"{cls.name} has no class {value!r}; its classes are {cls.values()}")

    def label(
        self,
        subject: str,
        value: str,
        reasons: Iterable[Reason],
        details: Mapping[str, Scalar] | None = None,
    ) -> Label:
        """A :class:`Label` of this classifier, checked against the declared classes.

        Raises
        ------
        KeyError
            If ``value`` is not a declared class.
        ValueError
            If ``reasons`` is empty.
        """
        classes = self.classes
        kept = type(self).__dict__.get("_by_value")
        if kept is None or kept[0] is not classes:  # the classes by value, kept with the class
            kept = (classes, {c.value: c for c in classes})
            type.__setattr__(type(self), "_by_value", kept)
        c = kept[1].get(value) or self.class_def(value)
        reasons = tuple(reasons)
        if not reasons:
            raise ValueError(f"{self.name}: a label of {subject!r} needs at least one reason")
        return Label(self.name, subject, value, c.en, c.zh, reasons, details or {})

    def _shared(self, ix: StructureIndex) -> dict[Hashable, Label]:
        """The labels this classifier gave on ``ix``, by the facts that decided each, so that a
        unit with the same facts gets the same class, reasons and details (the same immutable
        objects, :meth:`_again`) without deciding again; kept with the index for these
        options. A classifier keys a label by facts only when the label names nothing else
        of the unit (not its id, nor its organizations'), and tells apart values that are
        equal but written differently (:func:`_fact`)."""
        return _cached(ix, ("shared-labels", self), dict)

    def _again(self, label: Label, subject: str) -> Label:
        """``label`` given to ``subject``: the same class, reasons and details (shared)."""
        if label.subject == subject:
            return label
        got: Label = _new(Label)  # Label(...) of the same fields, already a tuple and Attributes
        _set_classifier(got, self.name)
        _set_subject(got, subject)
        _set_value(got, label.value)
        _set_en(got, label.en)
        _set_zh(got, label.zh)
        _set_reasons(got, label.reasons)
        _set_details(got, label.details)
        return got

    # -- classifying -------------------------------------------------------------------------
    def subjects_in(self, ix: StructureIndex) -> list[str]:
        """The units :meth:`classify_all` labels: compound-level units (rank 6: compounds,
        courtyards) by default, in order."""
        return [u.id for u in ix.units_at_rank(COMPOUND_RANK)]

    @abc.abstractmethod
    def classify_in(self, ix: StructureIndex, subject: str) -> Label:
        """Label one unit of an indexed structure (``subject`` is known to be a unit).

        What a subclass implements, reading the lookups of ``ix``.
        """

    def classify(self, source: Source, subject: Hashable) -> Label:
        """Label one unit.

        Parameters
        ----------
        source
            A structure, its :class:`~govmodel.index.StructureIndex`, or a govmodel networkx
            graph (see :func:`read_index`; a graph is read in :math:`O(n + m)`: to label
            many units, use :meth:`classify_all`).
        subject
            The unit's id.

        Raises
        ------
        KeyError
            If no entity has the id ``subject``.
        ValueError
            If ``subject`` is not a unit.
        SpecError
            If ``source`` cannot be read (:func:`read_index`).
        """
        ix = read_index(source)
        code = ix.codes.get(subject) if isinstance(subject, str) else None
        if code is None:
            raise KeyError(f"{subject!r} is no node: no entity of the structure has this id")
        if code >= ix.n_units:
            entity = type(ix.entity(code)).__name__.lower()
            raise ValueError(f"{subject!r} is not a unit (its entity is {entity!r})")
        # the unit's own id, not ``subject``: a ``str`` subclass (a numpy ``str_``) equal to
        # it would be written into the label, and into the labels shared with other units
        return self.classify_in(ix, ix.unit_ids[code])

    def classify_all(self, source: Source) -> dict[str, Label]:
        """Label every unit the classifier applies to (:meth:`subjects_in`), by unit id.

        ``source`` is a structure, its index or a govmodel graph (:func:`read_index`).
        """
        ix = read_index(source)
        one = self._labeller(ix)
        return {s: one(s) for s in self.subjects_in(ix)}

    def _labeller(self, ix: StructureIndex) -> Callable[[str], Label]:
        """A function labelling one unit of ``ix`` as :meth:`classify_in` does, for
        :meth:`classify_all`: a built-in classifier binds the lookups it reads once, rather
        than once per unit. Kept to :meth:`classify_in` itself when a subclass overrides it
        (:meth:`_defines_labels`)."""
        return partial(self.classify_in, ix)

    def _defines_labels(self, cls: type[Classifier]) -> bool:
        """Whether :meth:`classify_in` is that of ``cls`` (a subclass that overrides it
        labels with its own, which a bound labeller of ``cls`` would bypass)."""
        return type(self).classify_in is cls.classify_in
