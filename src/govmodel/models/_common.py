"""What the built-in governance models share: the lookups they read a structure through, the
order of periods, the readers of the published figures, and the small readers of names and
attribute values.

Private to :mod:`govmodel.models`: the five built-in models import it; a plug-in should
subclass :class:`~govmodel.models.GovernanceModel` and read the structure through
:class:`~govmodel.models.Context` instead, since these names may change.

Examples
--------
>>> from govmodel import datasets
>>> from govmodel.models._common import Lookups, period_key, truthy
>>> s = datasets.load("yuetang")
>>> ix = Lookups(s, s.vocab)
>>> [u.id for u in ix.by_rank[6]]
['yt-c1', 'yt-c2', 'yt-c3', 'yt-c4', 'yt-c5']
>>> ix.above("yt-c1", 4), ix.latest_values("compounds"), ix.published("compounds")
('yt-s1', {'yt': 565.0}, 565.0)
>>> period_key(None) < period_key("2021-06") < period_key("2020/2021")
True
>>> truthy("no"), truthy(" Yes ")
(False, True)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from operator import attrgetter
from typing import (
    TYPE_CHECKING,
    Any,
    ClassVar,
    Generic,
    Literal,
    Self,
    TypeAlias,
    TypeVar,
    overload,
)

from govmodel.spec import Observation, Organization, Structure, Unit, date_bounds

if TYPE_CHECKING:
    from govmodel.models.base import Context
    from govmodel.vocab import Vocabulary

__all__ = [
    "COMPOUND_RANK",
    "CompoundLookups",
    "Lookups",
    "name_of",
    "period_key",
    "reported",
    "truthy",
]

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")

_Read: TypeAlias = tuple[
    dict[str, Unit], dict[str, "int | None"], dict[str, Organization], dict[str, bool]
]

#: The rank of the compound-level unit kinds (compounds, courtyards) in the built-in vocabulary.
COMPOUND_RANK = 6


def truthy(value: object) -> bool:
    """Whether an attribute value says yes.

    Parameters
    ----------
    value
        An attribute value.

    Returns
    -------
    bool
        For a string, whether it is anything but ``""``, ``"false"``, ``"no"``, ``"0"`` or
        ``"none"`` (case and surrounding space ignored); for anything else, ``bool(value)``.
    """
    if isinstance(value, str):
        return value.strip().lower() not in {"", "false", "no", "0", "none"}
    return bool(value)


def period_key(period: str | None) -> tuple[str, str]:
    """A sort key for periods: by their end, then their start; no period first.

    Parameters
    ----------
    period
        A date (``"2021"``, ``"2021-06"``, ``"2021-06-30"``), an interval of two dates
        (``"2020/2021"``) or ``None``.

    Returns
    -------
    tuple of str
        ``(last day of the end, first day of the start)``, or ``("", "")`` for ``None``: the
        order of :mod:`govmodel.metrics.hierarchy` and :mod:`govmodel.metrics.service`.
    """
    if period is None:
        return ("", "")
    start, _, end = period.partition("/")
    return (date_bounds(end or start)[1], date_bounds(start)[0])


def name_of(ctx: Context, entity_id: str) -> str:
    """An entity as findings name it.

    Parameters
    ----------
    ctx
        The context of the assessment.
    entity_id
        The id of any entity (a unit, organization, person, decision, …).

    Returns
    -------
    str
        ``"name (id)"``, or the id alone when the entity has no name or there is none.
    """
    try:
        name = getattr(ctx.entity(entity_id), "name", "")
    except KeyError:
        name = ""
    return f"{name} ({entity_id})" if name else entity_id


def reported(ctx: Context, indicator: str) -> float | None:
    """A published figure: the latest value of ``indicator`` summed over the outermost units
    that record it.

    Units inside another unit that records it are left out, so that nested figures are not
    added twice. The same total as :func:`govmodel.metrics.hierarchy.rollup` with
    ``recorded="inclusive"`` over observations, for every indicator in one pass over the
    observations (shared by the models assessed together), instead of one pass over the whole
    graph per indicator.
    Unlike :meth:`Lookups.published`, only observations of units count, and the values are
    added in order (as the tri-partite and council models always have).

    Parameters
    ----------
    ctx
        The context of the assessment.
    indicator
        The indicator's name (``"compounds"``).

    Returns
    -------
    float or None
        The figure, or ``None`` when no unit records ``indicator``.
    """
    latest: dict[str, dict[str, tuple[tuple[str, str], float]]] = ctx.shared(
        f"{__name__}.latest", lambda: _latest_observed(ctx.structure)
    )
    parents: dict[str, str | None] = ctx.shared(
        f"{__name__}.parents", lambda: {u.id: u.parent for u in ctx.structure.units}
    )
    values = latest.get(indicator)
    if not values:
        return None
    total = 0.0
    for subject, (_, value) in values.items():
        p, seen = parents.get(subject), {subject}
        while p is not None and p not in values and p not in seen:
            seen.add(p)
            p = parents.get(p)
        if p is None or p in seen:
            total += value
    return total


def _latest_observed(s: Structure) -> dict[str, dict[str, tuple[tuple[str, str], float]]]:
    """``indicator -> unit -> (period key, value)`` of each unit's latest observation."""
    units = {u.id for u in s.units}
    out: dict[str, dict[str, tuple[tuple[str, str], float]]] = {}
    for ob in s.observations:
        if ob.subject not in units:
            continue
        key = period_key(ob.period)
        by_unit = out.setdefault(ob.indicator, {})
        if ob.subject not in by_unit or key >= by_unit[ob.subject][0]:
            by_unit[ob.subject] = (key, float(ob.value))
    return out


def _grouped(pairs: Iterable[tuple[K, V]]) -> dict[K, list[V]]:
    """``{key: [value, …]}`` of ``(key, value)`` pairs, in order."""
    out: dict[K, list[V]] = {}
    for key, value in pairs:
        out.setdefault(key, []).append(value)
    return out


def _nested(triples: Iterable[tuple[str, str, str]]) -> dict[str, dict[str, list[str]]]:
    """``{a: {b: [c, …]}}`` of ``(a, b, c)`` triples, in order."""
    out: dict[str, dict[str, list[str]]] = {}
    for a, b, c in triples:
        out.setdefault(a, {}).setdefault(b, []).append(c)
    return out


def _gathered(
    items: Iterable[V], key: Callable[[V], str], value: Callable[[V], str]
) -> dict[str, set[str]]:
    """``{key(item): {value(item), …}}`` of ``items``."""
    out: dict[str, set[str]] = {}
    for item in items:
        out.setdefault(key(item), set()).add(value(item))
    return out


class _stored(Generic[T]):
    """A lookup built on first use and kept in the store of its :class:`Lookups`, which the
    models assessed together share (:meth:`Lookups.of`), so that they build it once.

    What it builds must depend only on what the store is keyed by: the structure, how its
    unit and organization kinds read, and :attr:`Lookups.repeated_ids` (where ids repeat).
    """

    def __init__(self, build: Callable[[Any], T]) -> None:
        self.build = build
        self.name = build.__name__
        self.__doc__ = build.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type) -> Self: ...
    @overload
    def __get__(self, obj: Lookups, owner: type) -> T: ...
    def __get__(self, obj: Lookups | None, owner: type) -> Self | T:
        if obj is None:
            return self
        store = obj._store
        if self.name in store:
            value: T = store[self.name]
        else:
            value = store[self.name] = self.build(obj)
        obj.__dict__[self.name] = value  # read as a plain attribute from now on
        return value


class Lookups:
    """The lookups the rules, classifiers and measures of a model share, read in one pass over
    each section of a structure.

    A model subclasses it to add its own lookups and reads it through :meth:`of`, which builds
    it once per assessment. Units, their ranks, organizations and which are party
    organizations are read at once; every other lookup on first use, so that a model pays
    only for those it reads. What does not depend on the model is kept in a store that the
    models assessed together (:func:`govmodel.compare`) share.

    Parameters
    ----------
    s
        The structure.
    vocab
        The vocabulary the model reads it with (``ctx.vocab``): the ranks of the unit kinds
        and which organization kinds are party organizations.
    store
        The lookups already built for ``s`` with the same reading of its kinds and repeated
        ids (:meth:`of`), or ``None``.

    Attributes
    ----------
    structure : Structure
        The structure.
    units : dict of str to Unit
        Units by id.
    rank : dict of str to int or None
        The rank of each unit's kind, by unit id.
    orgs : dict of str to Organization
        Organizations by id.
    is_party : dict of str to bool
        Whether each organization is a party organization, by id.
    unique : bool
        Whether no two units and no two organizations share an id.
    """

    #: Which entity a repeated id (in a structure that is not valid) stands for in
    #: :attr:`units` and :attr:`orgs`: the first, as :meth:`govmodel.spec.Structure.get` reads
    #: it, or the last one listed.
    repeated_ids: ClassVar[Literal["first", "last"]] = "first"

    def __init__(
        self, s: Structure, vocab: Vocabulary, store: dict[str, Any] | None = None
    ) -> None:
        self.structure = s
        self._store: dict[str, Any] = {} if store is None else store
        read: _Read | None = self._store.get("")
        if read is None:
            read = self._store[""] = self._read(s, vocab, self.repeated_ids == "first")
        units, rank, orgs, is_party = read
        self.units: dict[str, Unit] = units
        self.rank: dict[str, int | None] = rank
        self.orgs: dict[str, Organization] = orgs
        self.is_party: dict[str, bool] = is_party
        self.unique = len(self.units) == len(s.units) and len(self.orgs) == len(s.organizations)

    @staticmethod
    def _read(s: Structure, vocab: Vocabulary, first: bool) -> _Read:
        units: dict[str, Unit] = {}
        for u in s.units:
            if not first or u.id not in units:
                units[u.id] = u
        ranks: dict[str, int | None] = {}
        rank: dict[str, int | None] = {}
        for uid, u in units.items():
            if u.kind not in ranks:
                ranks[u.kind] = vocab.rank(u.kind)
            rank[uid] = ranks[u.kind]
        orgs: dict[str, Organization] = {}
        for o in s.organizations:
            if not first or o.id not in orgs:
                orgs[o.id] = o
        party: dict[str, bool] = {}
        is_party: dict[str, bool] = {}
        for oid, o in orgs.items():
            if o.kind not in party:
                party[o.kind] = vocab.is_party(o.kind)
            is_party[oid] = party[o.kind]
        return units, rank, orgs, is_party

    @classmethod
    def of(cls, ctx: Context) -> Self:
        """The lookups of the structure under assessment, built once per assessment.

        What does not depend on the model is built once for all the models assessed together
        (:meth:`govmodel.models.Context.shared`) that read the structure's kinds alike (the
        ranks of unit kinds, the party organization kinds) and, where ids repeat, read them
        alike (:attr:`repeated_ids`).

        Parameters
        ----------
        ctx
            The context of the assessment.

        Returns
        -------
        Lookups
            An instance of the class it is called on, kept in ``ctx`` under the class's name.
        """

        def build() -> Lookups:
            vocab = ctx.vocab
            reading = (
                frozenset((k, t.rank) for k, t in vocab.category("unit_kinds").items()),
                frozenset(k for k, t in vocab.category("organization_kinds").items() if t.party),
            )
            stores: dict[str | None, dict[str, Any]] = ctx.shared((__name__, reading), dict)
            store = stores.get(None, stores.get(cls.repeated_ids))
            got = cls(ctx.structure, vocab, store)
            if store is None:  # the first of these models: a store for the next ones
                stores[None if got.unique else cls.repeated_ids] = got._store
            return got

        got: Self = ctx.cached(f"{cls.__module__}.{cls.__qualname__}", build)
        return got

    # -- units and organizations --------------------------------------------------------------
    @_stored
    def children(self) -> dict[str, list[str]]:
        """The ids of the units directly inside a unit, by the id of the unit."""
        return _grouped((u.parent, uid) for uid, u in self.units.items() if u.parent is not None)

    @_stored
    def by_rank(self) -> dict[int, list[Unit]]:
        """The units of each rank, in order (units of unranked kinds left out)."""
        rank = self.rank
        return _grouped((r, u) for uid, u in self.units.items() if (r := rank[uid]) is not None)

    @_stored
    def of_kind(self) -> dict[str, list[Unit]]:
        """The units of each kind, in order."""
        return _grouped((u.kind, u) for u in self.units.values())

    @_stored
    def orgs_at(self) -> dict[str, list[Organization]]:
        """Every organization by the unit it is located in, in order."""
        return _grouped((o.unit, o) for o in self.structure.organizations if o.unit is not None)

    @_stored
    def orgs_of_kind(self) -> dict[str, list[Organization]]:
        """Every organization by its kind, in order."""
        return _grouped((o.kind, o) for o in self.structure.organizations)

    # -- ties and observations ----------------------------------------------------------------
    @_stored
    def out(self) -> dict[str, dict[str, list[str]]]:
        """By relation, then source, the targets of the ties out of an entity, in order."""
        return _nested((t.relation, t.source, t.target) for t in self.structure.ties)

    @_stored
    def into(self) -> dict[str, dict[str, list[str]]]:
        """By relation, then target, the sources of the ties into an entity, in order."""
        return _nested((t.relation, t.target, t.source) for t in self.structure.ties)

    @_stored
    def observations(self) -> dict[str, list[Observation]]:
        """Observations by indicator, in order."""
        return _grouped((ob.indicator, ob) for ob in self.structure.observations)

    # -- posts --------------------------------------------------------------------------------
    @_stored
    def holders(self) -> dict[str, dict[str, set[str]]]:
        """The people holding each role, by organization id, then role."""
        out: dict[str, dict[str, set[str]]] = {}
        for p in self.structure.posts:
            out.setdefault(p.organization, {}).setdefault(p.role, set()).add(p.person)
        return out

    @_stored
    def roles(self) -> dict[str, set[str]]:
        """The roles each person holds, by person id."""
        return _gathered(self.structure.posts, attrgetter("person"), attrgetter("role"))

    @_stored
    def posts_of(self) -> dict[str, set[str]]:
        """The organizations each person holds a post in, by person id."""
        return _gathered(self.structure.posts, attrgetter("person"), attrgetter("organization"))

    # -- containment --------------------------------------------------------------------------
    @_stored
    def order(self) -> list[str]:
        """The unit ids top down: parents before children (units in a cycle left out)."""
        order = [
            uid for uid, u in self.units.items() if u.parent is None or u.parent not in self.units
        ]
        i = 0
        while i < len(order):
            order.extend(self.children.get(order[i], ()))
            i += 1
        return order

    def ancestors(self, uid: str | None) -> Iterator[str]:
        """``uid`` and the units above it, bottom up (nothing for an id that is no unit).

        Parameters
        ----------
        uid
            A unit id, or ``None``.

        Yields
        ------
        str
            Unit ids, ``uid`` first, each once (a containment cycle ends the walk).
        """
        seen: set[str] = set()
        while uid is not None and uid in self.units and uid not in seen:
            seen.add(uid)
            yield uid
            uid = self.units[uid].parent

    def above(self, uid: str | None, rank: int) -> str | None:
        """The unit of ``rank`` that ``uid`` lies in, itself included.

        Parameters
        ----------
        uid
            A unit id, or ``None``.
        rank
            The rank of the unit kind looked for (5: community, 6: compound, …).

        Returns
        -------
        str or None
            The nearest such unit, or ``None``.
        """
        units, ranks = self.units, self.rank
        seen: set[str] = set()
        while uid is not None and uid in units and uid not in seen:
            if ranks[uid] == rank:
                return uid
            seen.add(uid)
            uid = units[uid].parent
        return None

    # -- entities and ties --------------------------------------------------------------------
    def nm(self, entity: str) -> str:
        """``name (id)`` of a unit or organization; the id alone if it has no name.

        Parameters
        ----------
        entity
            An id.

        Returns
        -------
        str
            The entity as findings name it.
        """
        e = self.units.get(entity) or self.orgs.get(entity)
        name = e.name if e is not None else ""
        return f"{name} ({entity})" if name else entity

    def linked(self, relation: str, a: str) -> set[str]:
        """The entities tied to ``a`` by ``relation``, either way.

        Parameters
        ----------
        relation
            The relation of the ties.
        a
            An entity id.

        Returns
        -------
        set of str
            The ids at the other end of those ties.
        """
        return {*self.out.get(relation, {}).get(a, ()), *self.into.get(relation, {}).get(a, ())}

    # -- observations -------------------------------------------------------------------------
    def pick(
        self,
        indicator: str,
        keep: Callable[[Observation], bool] | None = None,
        *,
        earliest: bool = False,
        ties: Literal["first", "last"] = "last",
    ) -> dict[str, Observation]:
        """Each subject's latest (or earliest) observation of ``indicator``.

        Parameters
        ----------
        indicator
            The indicator's name.
        keep
            Only the observations it accepts count (all by default).
        earliest
            Pick each subject's earliest observation instead of its latest.
        ties
            Of observations of the same period (by :func:`period_key`), pick the last listed
            (default) or the first.

        Returns
        -------
        dict of str to Observation
            The picked observation by subject id, subjects in the order they are first
            observed.
        """
        last = ties == "last"
        chosen: dict[str, Observation] = {}
        for o in self.observations.get(indicator, ()):
            if keep is not None and not keep(o):
                continue
            have = chosen.get(o.subject)
            if have is None:
                chosen[o.subject] = o
                continue
            key, have_key = period_key(o.period), period_key(have.period)
            if (key < have_key if earliest else key > have_key) or (last and key == have_key):
                chosen[o.subject] = o
        return chosen

    def latest_values(self, indicator: str) -> dict[str, float]:
        """The value of each subject's latest observation of ``indicator``.

        Parameters
        ----------
        indicator
            The indicator's name.

        Returns
        -------
        dict of str to float
            By subject id.
        """
        return {s: float(o.value) for s, o in self.pick(indicator).items()}

    def outermost_sum(self, chosen: Mapping[str, Observation]) -> float | None:
        """The sum of the values of the outermost subjects of ``chosen``.

        A subject inside a unit that is also a subject is left out, so that nested figures
        are not added twice; a subject that is no unit is outermost.

        Parameters
        ----------
        chosen
            One observation by subject id (:meth:`pick`).

        Returns
        -------
        float or None
            The exact sum (:func:`math.fsum`), or ``None`` when ``chosen`` is empty.
        """
        outer = [s for s in chosen if not any(a in chosen for a in self.ancestors(s) if a != s)]
        if not outer:
            return None
        return math.fsum(float(chosen[s].value) for s in outer)

    def published(
        self, indicator: str, keep: Callable[[Observation], bool] | None = None
    ) -> float | None:
        """The structure's figure of ``indicator``: the sum over the outermost subjects that
        report it of each one's latest value.

        Parameters
        ----------
        indicator
            The indicator's name.
        keep
            Which observations count, as :meth:`pick` takes it.

        Returns
        -------
        float or None
            The figure (:meth:`outermost_sum` of :meth:`pick`), or ``None`` when no subject
            reports it.
        """
        return self.outermost_sum(self.pick(indicator, keep))


class CompoundLookups(Lookups):
    """:class:`Lookups` with the compounds and the organizations in them, an id that several
    entities share standing for the last of them (as the council and eight-roles models
    have always read it).

    Attributes
    ----------
    compounds : tuple of Unit
        Every unit listed whose kind has the rank of a compound (6: compounds, courtyards).
    in_compound : dict of str to list of Organization
        Every organization by the compound it lies in (in it or in a unit inside it).
    compound_of_org : dict of str to str
        The compound each organization lies in, by organization id.
    """

    repeated_ids = "last"

    @_stored
    def compounds(self) -> tuple[Unit, ...]:
        """Every unit listed whose kind has the rank of a compound, in order."""
        rank = self.rank
        return tuple(u for u in self.structure.units if rank[u.id] == COMPOUND_RANK)

    @_stored
    def in_compound(self) -> dict[str, list[Organization]]:
        """Every organization by the compound it lies in (in it or in a unit inside it)."""
        return self._placed[0]

    @_stored
    def compound_of_org(self) -> dict[str, str]:
        """The compound each organization lies in, by organization id."""
        return self._placed[1]

    @_stored
    def _placed(self) -> tuple[dict[str, list[Organization]], dict[str, str]]:
        in_compound: dict[str, list[Organization]] = {}
        compound_of_org: dict[str, str] = {}
        for o in self.structure.organizations:
            c = self.above(o.unit, COMPOUND_RANK)
            if c is not None:
                in_compound.setdefault(c, []).append(o)
                compound_of_org[o.id] = c
        return in_compound, compound_of_org
