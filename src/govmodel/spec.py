"""The typed specification of a governance structure.

A :class:`Structure` holds the units of territory, the organizations, the people, the posts
they hold, the ties between any two of them, the observations made of them and the decisions
their bodies took. Every entity has a string ``id`` unique across the whole structure, and
refers to others by id. All classes are frozen :mod:`attrs` classes: they compare by value,
hash, and cannot be changed in place (use :func:`attrs.evolve`).

Attribute values (``attributes=``) are plain scalars, ``str``, ``int``, ``float`` or
``bool``, so that every graph writer accepts them.

Dates are ISO 8601 strings and may be partial: ``"2021"``, ``"2021-06"``, ``"2021-06-30"``.

Examples
--------
>>> from govmodel.spec import Structure, Unit, Organization
>>> s = Structure(
...     units=[Unit("c1", "community", "Qingshan"), Unit("x1", "compound", parent="c1")],
...     organizations=[Organization("pb1", "compound_party_branch", unit="x1")],
... )
>>> s.get("x1").parent
'c1'
>>> s.counts()["units"]
2
"""

from __future__ import annotations

import math
import re
import reprlib
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, Literal, Self, TypeAlias, TypeVar

import attrs

from govmodel.errors import Problem, SpecError
from govmodel.vocab import BUILTIN, Term, Vocabulary

__all__ = [
    "FORMAT_VERSION",
    "MATTERS",
    "SECTIONS",
    "SUBSET_FACTS",
    "Attributes",
    "Decision",
    "Entity",
    "Identifier",
    "Metadata",
    "Observation",
    "Organization",
    "Person",
    "Post",
    "Scalar",
    "Structure",
    "Tally",
    "Tie",
    "Unit",
    "Vote",
    "VotingRule",
    "about_size",
    "date_bounds",
    "exact",
    "in_force",
]

#: The version of the file format this release reads and writes.
FORMAT_VERSION = 1

#: The closed vocabulary of a decision's ``matter``: the nine matters owners decide together
#: (Civil Code art. 278 para. 1, items 1 to 9, in order).
MATTERS: tuple[str, ...] = (
    "rules_of_procedure",
    "management_statute",
    "owners_committee",
    "property_service",
    "use_maintenance_funds",
    "raise_maintenance_funds",
    "rebuild",
    "common_parts_use",
    "other_major",
)

Scalar: TypeAlias = str | int | float | bool


class Attributes(Mapping[str, Scalar]):
    """An immutable, hashable mapping of attribute names to scalar values.

    Examples
    --------
    >>> from govmodel.spec import Attributes
    >>> a = Attributes({"households": 420, "origin": "commodity"})
    >>> a["households"], a == {"households": 420, "origin": "commodity"}
    (420, True)
    >>> hash(a) == hash(Attributes(origin="commodity", households=420))
    True
    """

    __slots__ = ("_data", "_hash")

    _data: dict[str, Scalar]
    _hash: int | None

    def __init__(
        self, data: Mapping[str, Scalar] | Iterable[tuple[str, Scalar]] = (), /, **kw: Scalar
    ) -> None:
        d = dict(data)
        if kw:
            d.update(kw)
        # the slots' own setters: a third cheaper than object.__setattr__, and classifiers
        # and models make hundreds of thousands of these
        _set_attributes_data(self, d)
        _set_attributes_hash(self, None)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Attributes are immutable")

    def __getitem__(self, key: str) -> Scalar:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def get(self, key: str, default: Any = None) -> Any:
        """The value of ``key``, or ``default`` when there is none (one dict lookup)."""
        return self._data.get(key, default)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Attributes):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __hash__(self) -> int:
        h = self._hash
        if h is None:
            h = hash(frozenset(self._data.items()))
            object.__setattr__(self, "_hash", h)
        return h

    def __repr__(self) -> str:
        try:
            return f"Attributes({self._data!r})"
        except ValueError:  # an int of more digits than Python writes out
            inner = ", ".join(f"{k!r}: {_value_repr(v)}" for k, v in self._data.items())
            return f"Attributes({{{inner}}})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Attributes, (self._data,))

    def to_dict(self) -> dict[str, Scalar]:
        """A plain ``dict`` copy."""
        return dict(self._data)


_set_attributes_data: Final = Attributes.__dict__["_data"].__set__
_set_attributes_hash: Final = Attributes.__dict__["_hash"].__set__
_new: Final = object.__new__


def _owned(data: dict[str, Scalar]) -> Attributes:
    """:class:`Attributes` holding ``data`` itself rather than a copy, for a ``dict`` its
    caller has just made and hands over (and never changes again): equal, hashed, shown and
    pickled as ``Attributes(data)``, without copying it. Classifiers make hundreds of
    thousands of these for their reasons and labels."""
    got: Attributes = _new(Attributes)
    _set_attributes_data(got, data)
    _set_attributes_hash(got, None)
    return got


_EMPTY = Attributes()


def _attributes(value: Mapping[str, Scalar] | Iterable[tuple[str, Scalar]] | None) -> Attributes:
    if isinstance(value, Attributes):
        return value
    if value is None or (isinstance(value, Mapping) and not value):
        return _EMPTY
    return Attributes(value)


def _fraction(value: Fraction | int | str | float) -> Fraction:
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool):
        raise TypeError("a fraction cannot be a boolean")
    if isinstance(value, str) and _HUGE_EXPONENT.search(value):
        # Fraction("1e999999999") would compute 10**999999999 first
        raise ValueError(f"a fraction has an exponent beyond 9999: {_shown_value(value)}")
    if isinstance(value, float):
        if not math.isfinite(value):  # Fraction raises OverflowError
            raise ValueError(f"a fraction must be finite, not {value!r}")
        # the decimal written (its shortest repr, as exact() reads it): 0.6 is 3/5, not
        # the binary fraction just below it
        return Fraction(float.__repr__(value))
    try:
        return Fraction(value)
    except ZeroDivisionError:
        raise ValueError(f"a fraction divides by zero: {_shown_value(value)}") from None


def _optional_fraction(value: Fraction | int | str | float | None) -> Fraction | None:
    return None if value is None else _fraction(value)


def exact(value: int | float | Fraction | Decimal | str) -> Fraction:
    """A count, a floor area or a share as the exact number it is written as.

    A ``float`` is read through its shortest representation (``repr``), the decimal a person
    or a file wrote, not as the binary fraction that stands for it: ``exact(30.67)`` is
    ``3067/100``. Integers, :class:`~decimal.Decimal` and :class:`~fractions.Fraction` are
    exact already; a string is read as a decimal or a fraction (``"220.67"``, ``"2/3"``).
    Sums and comparisons of these are then exact, so a consistent two-decimal tally always
    adds up.

    Parameters
    ----------
    value
        The number.

    Returns
    -------
    Fraction

    Raises
    ------
    ValueError
        If the value is not finite (NaN, an infinity), or a string that is no number
        (``"1/0"`` included), or one with an exponent beyond 9999 (``"1e99999"``), which
        would take long to expand.
    TypeError
        If it is a boolean or not a number at all.

    Examples
    --------
    >>> from govmodel.spec import exact
    >>> 190.00 + 30.67 == 220.67
    False
    >>> exact(190.00) + exact(30.67) == exact(220.67)
    True
    >>> exact(200.20) / exact(300.30)
    Fraction(2, 3)
    """
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool):
        raise TypeError("a count or an area cannot be a boolean")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"a count or an area must be finite, not {value!r}")
        return Fraction(float.__repr__(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"a count or an area must be finite, not {value!r}")
        return Fraction(value)
    if isinstance(value, str):
        text = value.strip()
        if _HUGE_EXPONENT.search(text):
            # Fraction("1e999999999") would compute 10**999999999 first
            raise ValueError(
                f"a count or an area has an exponent beyond 9999: {_shown_value(value)}"
            )
        try:
            return Fraction(text)
        except ZeroDivisionError:
            raise ValueError(f"a count or an area divides by zero: {_shown_value(value)}") from None
    raise TypeError(f"a count or an area must be a number, not {type(value).__name__}")


#: An exponent of five digits or more, in a number written as text.
_HUGE_EXPONENT = re.compile(r"[eE][+-]?0*[1-9][0-9]{4}")


def _tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    if type(value) is tuple:
        return value
    if isinstance(value, str | bytes):
        # one string is one item, never a list of its letters: model="tripartite" is the
        # model ("tripartite",), not ten one-letter models (as a term's ``within`` has it)
        return (value,)
    return tuple(value)


@attrs.frozen
class Identifier:
    """An external identifier of a unit or organization.

    ``scheme`` names the identifier system, e.g. ``"cn-stats-division"`` for China's
    12-digit statistical division codes.
    """

    scheme: str
    identifier: str


@attrs.frozen
class Unit:
    """A unit of territory: a district, street, community, compound, building, household, …

    Parameters
    ----------
    id
        Unique across the structure.
    kind
        A term of the ``unit_kinds`` vocabulary (``"compound"``).
    name
        The unit's name, in any language.
    parent
        The id of the unit that contains this one.
    attributes
        Scalars: ``households``, ``residents``, ``floor_area_m2``, ``origin`` (a term of
        ``origins``), ``management`` (a term of ``management_modes``), …
    identifiers
        External identifiers.
    start, end
        The first and last days the unit exists (partial ISO dates, either ``None``: open),
        as posts have them; :meth:`Structure.as_of` drops a unit not in force.
    formed_from
        The ids of the units it was formed from on ``start`` (a merger, 社区撤并).
    replaced_by
        The id of the unit that replaced it after ``end``.
    """

    id: str
    kind: str
    name: str = ""
    parent: str | None = None
    attributes: Attributes = attrs.field(default=_EMPTY, converter=_attributes)
    identifiers: tuple[Identifier, ...] = attrs.field(default=(), converter=_tuple)
    start: str | None = None
    end: str | None = None
    formed_from: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    replaced_by: str | None = None


@attrs.frozen
class Organization:
    """An organization: a party branch, a residents' committee, a property company, …

    Parameters
    ----------
    id
        Unique across the structure.
    kind
        A term of the ``organization_kinds`` vocabulary (``"owners_committee"``).
    name
        The organization's name.
    unit
        The id of the unit where it sits (its area of responsibility).
    parent
        The id of the organization that leads it (a compound party branch's community party
        committee).
    attributes
        Scalars.
    identifiers
        External identifiers (e.g. a unified social credit code).
    start, end
        The days it was founded and dissolved (partial ISO dates, either ``None``: open).
    formed_from
        The ids of the organizations it was formed from on ``start``.
    replaced_by
        The id of the organization that replaced it after ``end``.
    term_start
        When the body's current term of office (届) began: the day its members were
        elected, a partial ISO date, or ``None`` (not recorded).
    term_years
        The length of that term in whole years as the body's statute or election set it
        (1 to 10), or ``None``: the law that governs the body then says (the law packs use
        its statutory term). A length needs a ``term_start``.

    Notes
    -----
    Files written before ``term_start`` and ``term_years`` were fields carried them as
    attributes of the same names. Such files load unchanged, keeping them as attributes,
    and :meth:`term` still reads them (deprecated: write the fields); a field wins over an
    attribute, and the two must agree when both are given.

    Examples
    --------
    >>> from govmodel.spec import Organization
    >>> rc = Organization("rc", "residents_committee", term_start="2021-05-15", term_years=5)
    >>> rc.term()
    ('2021-05-15', 5)
    >>> Organization("oc", "owners_committee", attributes={"term_start": "2019-04"}).term()
    ('2019-04', None)
    """

    id: str
    kind: str
    name: str = ""
    unit: str | None = None
    parent: str | None = None
    attributes: Attributes = attrs.field(default=_EMPTY, converter=_attributes)
    identifiers: tuple[Identifier, ...] = attrs.field(default=(), converter=_tuple)
    start: str | None = None
    end: str | None = None
    formed_from: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    replaced_by: str | None = None
    term_start: str | None = None
    term_years: int | None = None

    def term(self) -> tuple[str | None, int | None]:
        """The body's term of office as recorded: ``(term_start, term_years)``.

        Each comes from its field, else (files written before the fields) from the
        attribute of the same name when that is of the right type (a string; a whole
        number that is not a boolean); ``None`` when neither records it. Whether the date
        is a real date is for :func:`govmodel.validate` to say.
        """
        start = self.term_start
        if start is None:
            value = self.attributes.get("term_start")
            start = value if isinstance(value, str) else None
        years = self.term_years
        if years is None:
            value = self.attributes.get("term_years")
            years = value if isinstance(value, int) and not isinstance(value, bool) else None
        return start, years


@attrs.frozen
class Person:
    """A person.

    Parameters
    ----------
    id
        Unique across the structure.
    name
        The person's name (may be left empty, or a pseudonym).
    party
        Party membership, a term of ``party_statuses``: ``"active"`` (a full member, 正式党员),
        ``"probationary"`` (预备党员), ``"dormant"``; or ``None`` for a non-member. The
        status ``"mobile"`` is kept for files written before ``mobility``: it means a full
        member who is mobile (``party="active", mobility="mobile"`` says the same).
    attributes
        Scalars.
    mobility
        Whether a member's membership is held where they live and work, a term of
        ``party_mobilities``: ``"normal"`` (正常) or ``"mobile"`` (流动党员, away from the
        organization that holds their membership), or ``None`` (not recorded). Independent
        of ``party``: a probationary member may be mobile. Only a party member has one.

    Examples
    --------
    >>> from govmodel.spec import Person
    >>> p = Person("p1", party="probationary", mobility="mobile")
    >>> p.full_member, p.mobile
    (False, True)
    >>> old = Person("p2", party="mobile")
    >>> old.full_member, old.mobile
    (True, True)
    """

    id: str
    name: str = ""
    party: str | None = None
    attributes: Attributes = attrs.field(default=_EMPTY, converter=_attributes)
    mobility: str | None = None

    @property
    def full_member(self) -> bool:
        """Whether the person is a full (正式) party member: a member whose status is not
        ``"probationary"``."""
        return self.party is not None and self.party != "probationary"

    @property
    def mobile(self) -> bool:
        """Whether the person is a mobile (流动) party member: ``mobility="mobile"``, or the
        status ``"mobile"`` of files written before ``mobility`` (when no mobility is given)."""
        if self.mobility is not None:
            return self.mobility == "mobile"
        return self.party == "mobile"


@attrs.frozen
class Post:
    """A person's post in an organization (secretary, chair, building head, …).

    ``start`` and ``end`` are partial ISO dates, either may be ``None`` (open).
    """

    id: str
    person: str
    organization: str
    role: str
    start: str | None = None
    end: str | None = None
    attributes: Attributes = attrs.field(default=_EMPTY, converter=_attributes)


@attrs.frozen
class Tie:
    """A typed, dated tie from one entity to another (serves, supervises, co-builds, …)."""

    id: str
    source: str
    target: str
    relation: str
    start: str | None = None
    end: str | None = None
    attributes: Attributes = attrs.field(default=_EMPTY, converter=_attributes)


@attrs.frozen
class Observation:
    """A measured value of an indicator for a subject, over a period.

    Parameters
    ----------
    id
        Unique across the structure.
    subject
        The id of the unit, organization or person observed.
    indicator
        A term of the ``indicators`` vocabulary (``"issues_resolved"``).
    value
        The value: a whole number for counts, a number in [0, 1] for rates.
    period
        A partial ISO date (``"2023"``) or an ISO interval of two (``"2021/2023"``).
    source
        Where the figure comes from (a report's file name, a ledger).
    attributes
        Scalars.
    """

    id: str
    subject: str
    indicator: str
    value: int | float
    period: str | None = None
    source: str | None = None
    attributes: Attributes = attrs.field(default=_EMPTY, converter=_attributes)


@attrs.frozen
class VotingRule:
    """The rule by which a body decides.

    A motion passes when the ``yes`` side reaches ``threshold`` of the ``basis``: all
    ``"members"``, those ``"present"``, or the votes ``"cast"`` (yes + no). With ``strict``
    it must exceed the threshold ("more than half"); otherwise reaching it suffices ("at
    least two thirds"). ``quorum`` is the share of members who must take part. With
    ``by_area``, the same threshold and quorum also apply to floor area (the double majority
    of owners' assemblies).

    Examples
    --------
    >>> from govmodel.spec import VotingRule
    >>> VotingRule("2/3").threshold
    Fraction(2, 3)
    """

    threshold: Fraction = attrs.field(default=Fraction(1, 2), converter=_fraction)
    basis: Literal["members", "present", "cast"] = "members"
    strict: bool = False
    quorum: Fraction | None = attrs.field(default=None, converter=_optional_fraction)
    by_area: bool = False


@attrs.frozen
class Tally:
    """Counts of a vote: by head, or by floor area. Each may be ``None`` (not known)."""

    members: int | float | None = None
    present: int | float | None = None
    yes: int | float | None = None
    no: int | float | None = None
    abstain: int | float | None = None


@attrs.frozen
class Vote:
    """One person's vote: ``"yes"``, ``"no"`` or ``"abstain"``, with the floor area it carries.

    ``proxy`` is the person who cast it for ``person`` under a written proxy (委托书), or
    ``None`` when ``person`` voted in person. A proxy vote counts as the voter's own.
    """

    person: str
    choice: Literal["yes", "no", "abstain"]
    area: int | float | None = None
    proxy: str | None = None


@attrs.frozen
class Decision:
    """A decision of a body on a motion, under a rule, with counts or individual votes.

    Parameters
    ----------
    id
        Unique across the structure.
    body
        The id of the organization that decides (a council, an owners' assembly).
    motion
        What was moved.
    rule
        The :class:`VotingRule`.
    date
        A partial ISO date.
    count
        The tally by head.
    area
        The tally by floor area, for double majorities.
    votes
        Individual votes, when known.
    outcome
        The outcome as recorded (``"passed"`` or ``"failed"``), if any.
    attributes
        Scalars.
    matter
        What is decided, one of :data:`MATTERS` (the nine matters of Civil Code art. 278
        para. 1 that owners decide together), or ``None``.
    """

    id: str
    body: str
    motion: str = ""
    rule: VotingRule = attrs.field(factory=VotingRule)
    date: str | None = None
    count: Tally | None = None
    area: Tally | None = None
    votes: tuple[Vote, ...] = attrs.field(default=(), converter=_tuple)
    outcome: Literal["passed", "failed"] | None = None
    attributes: Attributes = attrs.field(default=_EMPTY, converter=_attributes)
    matter: str | None = None


@attrs.frozen
class Metadata:
    """What a structure is: its name, the models it follows, its sources.

    ``model`` names governance models by their registered names only (never an import
    path). ``synthetic`` marks generated data.
    """

    name: str = ""
    title: str = ""
    description: str = ""
    place: str = ""
    model: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    source: tuple[str, ...] = attrs.field(default=(), converter=_tuple)
    synthetic: bool = False
    seed: int | None = None
    attributes: Attributes = attrs.field(default=_EMPTY, converter=_attributes)


Entity: TypeAlias = Unit | Organization | Person | Post | Tie | Observation | Decision

_S = TypeVar("_S", bound="Structure")

#: Facts a structure's cache may record (:mod:`govmodel.validate` finds them) that hold of
#: any structure made of some of its entities (:meth:`Structure.as_of`,
#: :meth:`Structure.merge`): no string holds a lone surrogate; every value is of its
#: field's type; every value but the numbers and attribute values is.
SUBSET_FACTS: tuple[str, str, str] = ("strings-checked", "types-checked", "shapes-checked")

#: The entity sections of a structure, in order, and the class of their entities.
SECTIONS: dict[str, type] = {
    "units": Unit,
    "organizations": Organization,
    "people": Person,
    "posts": Post,
    "ties": Tie,
    "observations": Observation,
    "decisions": Decision,
}
_SECTIONS = tuple(SECTIONS)


@attrs.frozen
class Structure:
    """A governance structure: everything govmodel knows of a place.

    Parameters
    ----------
    units, organizations, people, posts, ties, observations, decisions
        The entities, as sequences (stored as tuples).
    vocabulary
        Terms the structure declares in addition to the built-in vocabulary.
    metadata
        Name, models, sources.

    Notes
    -----
    A :class:`Structure` is not validated when it is built; call :func:`govmodel.validate`
    (the loaders do).

    Examples
    --------
    >>> import govmodel
    >>> s = govmodel.datasets.load("yuetang")
    >>> s.metadata.model
    ('four_level',)
    >>> s.get(s.units[0].id).kind
    'district'
    """

    units: tuple[Unit, ...] = attrs.field(default=(), converter=_tuple)
    organizations: tuple[Organization, ...] = attrs.field(default=(), converter=_tuple)
    people: tuple[Person, ...] = attrs.field(default=(), converter=_tuple)
    posts: tuple[Post, ...] = attrs.field(default=(), converter=_tuple)
    ties: tuple[Tie, ...] = attrs.field(default=(), converter=_tuple)
    observations: tuple[Observation, ...] = attrs.field(default=(), converter=_tuple)
    decisions: tuple[Decision, ...] = attrs.field(default=(), converter=_tuple)
    vocabulary: tuple[Term, ...] = attrs.field(default=(), converter=_tuple)
    metadata: Metadata = attrs.field(factory=Metadata)
    _cache: dict[str, Any] = attrs.field(factory=dict, init=False, eq=False, hash=False, repr=False)

    # -- lookups --------------------------------------------------------------------------
    def _index(self) -> dict[str, Entity]:
        idx = self._cache.get("index")
        if idx is None:
            idx = {}
            for e in self.entities():
                idx.setdefault(e.id, e)
            self._cache["index"] = idx
        return idx

    def entities(self) -> Iterator[Entity]:
        """Every entity, section by section, in order."""
        for name in _SECTIONS:
            yield from getattr(self, name)

    def get(self, id: str) -> Entity:
        """The entity with this id; raises :class:`KeyError` if there is none."""
        try:
            return self._index()[id]
        except KeyError:
            raise KeyError(f"no entity with id {id!r}") from None

    def __contains__(self, id: object) -> bool:
        return isinstance(id, str) and id in self._index()

    @property
    def vocab(self) -> Vocabulary:
        """The vocabulary in force: the built-in terms plus those the structure declares."""
        v = self._cache.get("vocab")
        if v is None:
            v = BUILTIN.extend(self.vocabulary)
            self._cache["vocab"] = v
        return v

    def children(self, unit_id: str) -> tuple[Unit, ...]:
        """The units directly inside ``unit_id``, in order."""
        kids = self._cache.get("children")
        if kids is None:
            kids = {}
            for u in self.units:
                if u.parent is not None:
                    kids.setdefault(u.parent, []).append(u)
            self._cache["children"] = kids
        return tuple(kids.get(unit_id, ()))

    def counts(self) -> dict[str, int]:
        """The number of entities in each section.

        Examples
        --------
        >>> import govmodel
        >>> govmodel.datasets.load("chengdu").counts()["decisions"]
        1
        """
        return {name: len(getattr(self, name)) for name in _SECTIONS}

    def kinds(self) -> dict[str, dict[str, int]]:
        """The number of units and organizations of each kind, and of posts by role."""
        out: dict[str, dict[str, int]] = {"units": {}, "organizations": {}, "posts": {}}
        for u in self.units:
            out["units"][u.kind] = out["units"].get(u.kind, 0) + 1
        for o in self.organizations:
            out["organizations"][o.kind] = out["organizations"].get(o.kind, 0) + 1
        for p in self.posts:
            out["posts"][p.role] = out["posts"].get(p.role, 0) + 1
        return out

    # -- time -----------------------------------------------------------------------------
    def as_of(self, date: str) -> Self:
        """The structure as it stood on ``date``: only the units, organizations, posts and
        ties in force on that day, the observations and decisions made by then, and what
        depends on them.

        An entity with ``start`` and ``end`` is in force on a day when it started on or before
        that day and did not end before it; partial dates cover their whole year or month (a
        post that ends ``"2021"`` is still in force on ``"2021-12-31"``). ``date`` may be
        partial too: it then stands for its first day. With a unit or organization go what
        cannot stand without it: the units inside a unit that is not in force, the
        organizations located in it or led by one that is not, their posts, the ties,
        observations and decisions of anything dropped. ``formed_from`` and ``replaced_by``
        are kept as they are: they name entities of other days. An observation whose period
        begins after the day (``"2026-06"``, ``"2027/2028"``) and a decision dated after it
        were not yet made, and are left out; those with no date, or a date that is not one
        (which :func:`govmodel.validate` reports), are kept. A reference names the first
        entity with its id, as :meth:`get` finds it; two units or organizations sharing an
        id (which :func:`govmodel.validate` reports) are each kept or dropped by their own
        dates and their own parent.

        Raises
        ------
        ValueError
            If ``date`` is not a partial ISO date.
        SpecError
            ``invalid-date``, naming every unit, organization, post and tie whose ``start``
            or ``end`` is not one (as :func:`govmodel.validate` does), at its path.

        Examples
        --------
        >>> import govmodel
        >>> s = govmodel.datasets.load("yuetang")
        >>> len(s.as_of("1990").posts) <= len(s.posts)
        True
        >>> from govmodel.spec import Structure, Unit
        >>> s = Structure(units=[Unit("old", "community", end="2024-06-30"),
        ...                      Unit("new", "community", start="2024-07-01", formed_from=["old"]),
        ...                      Unit("x", "compound", parent="new")])
        >>> [u.id for u in s.as_of("2024-06").units], [u.id for u in s.as_of("2024-07").units]
        (['old'], ['new', 'x'])
        """
        day = date_bounds(date)[0]
        try:
            return self._as_of(day)
        except ValueError:
            problems = self._bad_dates()
            if not problems:
                raise
            raise SpecError(problems) from None

    def _bad_dates(self) -> list[Problem]:
        """The ``invalid-date`` problems of the starts and ends of the units,
        organizations, posts and ties, naming each entity."""
        problems: list[Problem] = []
        for section in ("units", "organizations", "posts", "ties"):
            for i, e in enumerate(getattr(self, section)):
                for field in ("start", "end"):
                    value = getattr(e, field)
                    if value is None:
                        continue
                    try:
                        date_bounds(value)
                    except ValueError as exc:
                        problems.append(
                            Problem(
                                "invalid-date",
                                f"$.{section}[{i}].{field}",
                                f"{section[:-1]} {_shown_value(e.id)}: {exc}",
                            )
                        )
        return problems

    def _as_of(self, day: str) -> Self:
        def unit_own(u: Unit) -> bool:
            return in_force(u.start, u.end, day)

        # an id names the first entity that has it, as :meth:`get` finds it (two entities
        # sharing one, which validate reports, are each kept or dropped by their own dates)
        units: dict[str, Unit] = {}
        for u in self.units:
            units.setdefault(u.id, u)
        unit_alive = _settle(units, unit_own, lambda u: u.parent)

        def org_own(o: Organization) -> bool:
            return in_force(o.start, o.end, day) and (
                o.unit is None or unit_alive.get(o.unit, True)
            )

        orgs: dict[str, Organization] = {}
        for o in self.organizations:
            if o.id not in units:
                orgs.setdefault(o.id, o)
        org_alive = _settle(orgs, org_own, lambda o: o.parent)
        alive = {**unit_alive, **org_alive}
        dropped = {k for k, v in alive.items() if not v}

        def unit_stands(u: Unit) -> bool:
            if units[u.id] is u:
                return unit_alive[u.id]
            return unit_own(u) and (u.parent is None or unit_alive.get(u.parent, True))

        def org_stands(o: Organization) -> bool:
            if orgs.get(o.id) is o:
                return org_alive[o.id]
            return org_own(o) and (o.parent is None or org_alive.get(o.parent, True))

        kept_units, kept_orgs = self.units, self.organizations
        if dropped or len(units) + len(orgs) < len(kept_units) + len(kept_orgs):
            kept_units = tuple(u for u in self.units if unit_stands(u))
            kept_orgs = tuple(o for o in self.organizations if org_stands(o))
        posts = tuple(
            p for p in self.posts if in_force(p.start, p.end, day) and p.organization not in dropped
        )
        ties = tuple(
            t
            for t in self.ties
            if in_force(t.start, t.end, day) and t.source not in dropped and t.target not in dropped
        )
        changes: dict[str, Any] = {
            "posts": posts,
            "ties": ties,
            "observations": tuple(
                o for o in self.observations if o.subject not in dropped and _begun(o.period, day)
            ),
            "decisions": tuple(
                d for d in self.decisions if d.body not in dropped and _begun(d.date, day)
            ),
        }
        if len(kept_units) + len(kept_orgs) < len(self.units) + len(self.organizations):
            changes.update(units=kept_units, organizations=kept_orgs)
        return self._carry(attrs.evolve(self, **changes), self)

    @staticmethod
    def _carry(made: _S, *sources: Structure) -> _S:
        """``made`` (of entities of ``sources`` only), knowing the :data:`SUBSET_FACTS`
        that all of ``sources`` are known to hold."""
        for fact in SUBSET_FACTS:
            if all(s._cache.get(fact) for s in sources):
                made._cache[fact] = True
        if any(s._cache.get("inexact-types") for s in sources):  # validate.INEXACT_TYPES
            made._cache["inexact-types"] = True
        return made

    def replace(self, **changes: Any) -> Self:
        """A copy with some fields replaced (:func:`attrs.evolve`)."""
        return attrs.evolve(self, **changes)

    def merge(self, *others: Structure) -> Structure:
        """One structure holding the entities of this one and of ``others`` (not validated).

        The sections are joined in order (entities sharing an id are all kept, for
        :func:`govmodel.validate` to report), and so are the declared terms, a term equal to
        one kept already left out: two declarations of one term that differ are both kept,
        so that the later one is in force (:attr:`vocab`) and :func:`govmodel.validate`
        reports them (``duplicate-term``). The metadata is this structure's.
        """
        parts = (self, *others)
        fields = {name: tuple(e for s in parts for e in getattr(s, name)) for name in _SECTIONS}
        seen: set[Term] = set()
        vocab: list[Term] = []
        for s in parts:
            for t in s.vocabulary:
                try:
                    if t in seen:
                        continue
                    seen.add(t)
                except TypeError:  # a field of another type than its own, kept as it is
                    pass
                vocab.append(t)
        merged = Structure(**fields, vocabulary=tuple(vocab), metadata=self.metadata)
        return self._carry(merged, *parts)

    def _repr_html_(self) -> str:
        from govmodel.display import structure_html

        return structure_html(self)

    def __repr__(self) -> str:
        c = self.counts()
        inner = ", ".join(f"{k}={v}" for k, v in c.items() if v)
        name = f"{self.metadata.name!r}, " if self.metadata.name else ""
        return f"<Structure {name}{inner or 'empty'}>"


def _settle(table: Mapping[str, Any], own: Any, up: Any) -> dict[str, bool]:
    """Whether each entity of ``table`` stands: its ``own`` test holds and so does that of
    every entity above it (``up``: the id of the one above, or ``None``). Linear: each
    entity is settled once, walking up without recursion; a cycle ends the walk."""
    memo: dict[str, bool] = {}
    for start in table:
        chain: list[str] = []
        on: set[str] = set()
        x = start
        while x is not None and x in table and x not in memo and x not in on:
            chain.append(x)
            on.add(x)
            x = up(table[x])
        above = True if x is None or x not in table or x in on else memo[x]
        for y in reversed(chain):
            above = bool(own(table[y])) and above
            memo[y] = above
    return memo


# -- dates ---------------------------------------------------------------------------------

# ASCII digits only ("\d" also takes "２０２４"), and \Z: "$" also matches before a last newline
_DATE = re.compile(r"\A([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    if month == 2 and (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        return 29
    return _DAYS[month - 1]


#: The most characters of a value that a message repeats (as ``govmodel._convert.shown_key``
#: has it for keys).
_MAX_SHOWN = 80


class _Repr(reprlib.Repr):
    """:mod:`reprlib`'s bounded repr, with an integer of more digits than Python writes out
    (``sys.get_int_max_str_digits``) shown as about its size, ``about 1.00e+5000``."""

    def repr_int(self, x: int, level: int) -> str:
        try:
            return super().repr_int(x, level)
        except ValueError:
            return about_size(x)


def about_size(x: int) -> str:
    """An integer too long to write out (more digits than ``sys.get_int_max_str_digits``),
    as about its size: ``"about"``, the first three digits and the power of ten, for a
    message.

    Examples
    --------
    >>> from govmodel.spec import about_size
    >>> about_size(10**5000), about_size(-(3 * 10**4999))
    ('about 1.00e+5000', 'about -3.00e+4999')
    """
    exponent = math.log10(abs(x))  # exact enough for a message, at any size
    return f"about {'-' if x < 0 else ''}{10 ** (exponent % 1):.2f}e+{int(exponent)}"


def _value_repr(value: object) -> str:
    """``repr(value)``, but an integer too long to write out as about its size."""
    try:
        return repr(value)
    except ValueError:
        if isinstance(value, int):
            return about_size(value)
        raise


_repr: Final = _Repr()


def _shown_value(value: object) -> str:
    """A bounded repr of ``value`` for a message: a string cut to :data:`_MAX_SHOWN`
    characters (then ``…(+N)``, the number left out), anything else by :mod:`reprlib`
    (an integer too long to write out as about its size)."""
    if not isinstance(value, str):
        return _repr.repr(value)
    if len(value) > _MAX_SHOWN:
        value = f"{value[:_MAX_SHOWN]}…(+{len(value) - _MAX_SHOWN:,})"
    return repr(value)


def date_bounds(value: str) -> tuple[str, str]:
    """The first and last day a partial ISO date covers, as ``YYYY-MM-DD`` strings.

    Raises :class:`ValueError` for anything that is not ``YYYY``, ``YYYY-MM`` or
    ``YYYY-MM-DD`` naming a real day (years 0001 to 9999, as :mod:`datetime` has them: the
    proleptic Gregorian calendar has no year 0).

    Examples
    --------
    >>> from govmodel.spec import date_bounds
    >>> date_bounds("2024-02")
    ('2024-02-01', '2024-02-29')
    >>> date_bounds("2021")
    ('2021-01-01', '2021-12-31')
    """
    m = _DATE.match(value) if isinstance(value, str) else None
    if m is None:
        raise ValueError(f"{_shown_value(value)} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    y, mo, d = m.groups()
    year = int(y)
    if year == 0:
        raise ValueError(f"{value!r} has no year: years run from 0001")
    if mo is None:
        return f"{y}-01-01", f"{y}-12-31"
    month = int(mo)
    if not 1 <= month <= 12:
        raise ValueError(f"{value!r} has no month {month}")
    last = _days_in_month(year, month)
    if d is None:
        return f"{y}-{mo}-01", f"{y}-{mo}-{last:02d}"
    day = int(d)
    if not 1 <= day <= last:
        raise ValueError(f"{value!r} has no day {day}")
    return value, value


def _begun(period: str | None, day: str) -> bool:
    """Whether a partial date or a period ``"start/end"`` begins on or before ``day`` (a
    full date); no date, or one that is not a date, counts as begun."""
    if period is None:
        return True
    try:
        return date_bounds(period.partition("/")[0])[0] <= day
    except (ValueError, AttributeError):
        return True


def in_force(start: str | None, end: str | None, day: str) -> bool:
    """Whether an interval from ``start`` to ``end`` (partial dates, ``None`` open) covers ``day``.

    ``day`` is a full ``YYYY-MM-DD`` date.

    Examples
    --------
    >>> from govmodel.spec import in_force
    >>> in_force("2020", "2021", "2021-12-31"), in_force("2020-06", None, "2020-05-31")
    (True, False)
    """
    if start is not None and date_bounds(start)[0] > day:
        return False
    return not (end is not None and date_bounds(end)[1] < day)


def is_finite_number(value: object) -> bool:
    """Whether ``value`` is an int or a finite float (and not a bool)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, float) and math.isfinite(value)
