"""Tri-partite status of a compound: residents' committee, owners' committee and property
company ("three carriages", 三驾马车), under party leadership and linked (000, 004)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
from functools import partial
from typing import Any, ClassVar, TypeAlias, TypeVar

import attrs

from govmodel.classify.base import (
    ClassDef,
    Classifier,
    Label,
    Reason,
    Source,
    _cached,
    _made_label,
    _multi_holders,
    _reason,
    _region_places,
    _region_places_numpy,
    region,
)
from govmodel.index import StructureIndex
from govmodel.spec import Scalar
from govmodel.vocab import RESERVED_RELATIONS

__all__ = ["BODIES", "BODY_KINDS", "Tripartite", "tripartite"]

#: The three bodies, in the order details and messages list them.
BODIES: tuple[str, ...] = ("residents_committee", "owners_committee", "property_company")

#: The organization kinds that count as each body.
BODY_KINDS: dict[str, frozenset[str]] = {
    "residents_committee": frozenset({"residents_committee", "villagers_committee"}),
    "owners_committee": frozenset({"owners_committee"}),
    "property_company": frozenset({"property_company"}),
}

_PARTY = "party"
#: Where :class:`_Lookups` is kept with the index (:meth:`~govmodel.index.StructureIndex.cached`,
#: among the classifiers' values: :func:`~govmodel.classify.base._cached`).
_LOOKUPS = ("govmodel.classify", "tripartite.lookups")
# Ties between bodies that do not link them: a party organization set up inside a body is
# leadership, counted as such.
_NOT_LINKS = frozenset({"embedded_in"})


_T = TypeVar("_T")

_Above: TypeAlias = dict[str, tuple[str, tuple[str, ...]] | None]


def _committees_above(
    ix: StructureIndex, unit: str, memo: _Above, at: Mapping[str, tuple[str, ...]]
) -> tuple[str, tuple[str, ...]] | None:
    """The nearest unit containing ``unit`` (not ``unit`` itself) with residents'
    committees located in it, and those committees; ``None`` when no such unit.

    Read through :meth:`StructureIndex.nearest <govmodel.index.StructureIndex.nearest>`
    with ``memo``, one kept with the index (:attr:`_Lookups.above`), so that asking for
    every compound is linear however deep the containment; ``at`` is
    :func:`_committees_at`. In a containment cycle (invalid) a unit is not its own container.
    """
    u = ix.unit(unit)
    parent = u.parent if u is not None else None
    found: tuple[str, tuple[str, ...]] | None
    if parent is not None and parent in memo:  # what nearest would read first
        found = memo[parent]
    else:

        def committees(a: str) -> tuple[str, tuple[str, ...]] | None:
            rcs = at.get(a)
            return (a, rcs) if rcs else None

        found = ix.nearest(parent, committees, memo)
    return None if found is None or found[0] == unit else found


def _committees_at(ix: StructureIndex) -> dict[str, tuple[str, ...]]:
    """Unit id to the residents' committees located in it, in order (one pass over the
    organizations, kept with the index)."""

    def build() -> dict[str, tuple[str, ...]]:
        kinds = BODY_KINDS["residents_committee"]
        out: dict[str, list[str]] = {}
        for o in ix.organizations:
            if o.unit is not None and o.kind in kinds:
                out.setdefault(o.unit, []).append(o.id)
        return {u: tuple(v) for u, v in out.items()}

    got: dict[str, tuple[str, ...]] = _cached(ix, "tripartite.committees_at", build)
    return got


def _ties_between(ix: StructureIndex) -> Mapping[tuple[str, str], tuple[tuple[int, str], ...]]:
    """``(source, target)`` to the ``(position, relation)`` of each tie between two
    organizations, in tie order (relations of the graph's own edges not read)."""

    def build() -> dict[tuple[str, str], tuple[tuple[int, str], ...]]:
        orgs = ix.org_ties()
        out: dict[tuple[str, str], list[tuple[int, str]]] = {}
        for i, t in enumerate(ix.ties):
            if (
                t.source in orgs
                and t.relation not in RESERVED_RELATIONS
                and ix.organization(t.target) is not None
            ):
                out.setdefault((t.source, t.target), []).append((i, t.relation))
        return {k: tuple(v) for k, v in out.items()}

    return _cached(ix, "tripartite.ties_between", build)


def _connected(nodes: Sequence[str], pairs: Collection[tuple[str, str]]) -> bool:
    """Whether ``nodes`` (the bodies present) are all connected by ``pairs`` (the linked
    roles: bodies present, and the party when a party organization leads, which links the
    others as one more node)."""
    reached = {nodes[0]}
    grew = True
    while grew:
        grew = False
        for a, b in pairs:
            if a in reached:
                if b not in reached:
                    reached.add(b)
                    grew = True
            elif b in reached:
                reached.add(a)
                grew = True
    return all(n in reached for n in nodes)


_NOBODY: frozenset[str] = frozenset()
#: The most pairs of organizations of two roles read pair by pair
#: (:meth:`_Lookups.least_holder`).
_FEW_PAIRS = 64
#: The most holders of posts in several organizations an organization may have for
#: :meth:`_Lookups.first_common_holder` to read it afresh for every pair rather than keep
#: the answer.
_FEW_HOLDERS = 8
#: What :meth:`_Lookups.around` finds around a region with no body or party organization.
_NOTHING_AROUND: tuple[tuple[()], tuple[()]] = ((), ())


def _cross_holders(ix: StructureIndex) -> dict[str, frozenset[str]]:
    """Each organization holding posts of people who hold posts in another organization
    too, to those people (as :attr:`~govmodel.spec.Post.person` names them); kept with the
    index.

    Read off the people holding posts in two organizations or more and their organizations
    (:func:`~govmodel.classify.base._multi_holders`, found once for every classifier that
    asks: network_mode reads them as interlocks), one pass over them. A post whose
    organization is not one (invalid) is not read.
    """

    def build() -> dict[str, frozenset[str]]:
        out: dict[str, list[str]] = {}
        for person, orgs in zip(*_multi_holders(ix), strict=True):
            for o in orgs:
                got = out.get(o)
                if got is None:
                    out[o] = [person]
                else:
                    got.append(person)
        return {o: frozenset(v) for o, v in out.items()}

    return _cached(ix, "tripartite.cross_holders", build)


#: An organization located in a unit, by organization number, and the unit; one tied to a
#: unit, the unit and the relation.
_Located: TypeAlias = tuple[int, str]
_Tied: TypeAlias = tuple[int, str, str]

_RC, _OC, _PC = 0, 1, 2  # the bodies' positions in BODIES
#: Each body's name in rule names and in sentences.
_RULE_NAMES = tuple(b.replace("_", "-") for b in BODIES)
_WORDS = tuple(b.replace("_", " ") for b in BODIES)
_IN_RULES = tuple(f"{r}-in-compound" for r in _RULE_NAMES)
_TIE_RULES = (None, "owners-committee-tie", "property-company-tie")
#: Each role (a body, or the party) in sentences.
_ROLE_WORDS = {**dict(zip(BODIES, _WORDS, strict=True)), _PARTY: _PARTY}
#: The reasons that name no id, one of each, shared by every label that gives them.
_BODY_MISSING = tuple(
    Reason("body-missing", f"no {w} serves the compound", {"body": b})
    for b, w in zip(BODIES, _WORDS, strict=True)
)
_NO_PARTY = Reason(
    "no-party-leadership",
    "no party organization is in the compound or leads or sits in its bodies",
    {},
)


def _lookups(ix: StructureIndex) -> _Lookups:
    """The :class:`_Lookups` of ``ix`` (kept with it)."""
    read: _Lookups = ix.cached(_LOOKUPS, lambda: _Lookups(ix))
    return read


class _Lookups:
    """What :class:`Tripartite` reads of one index, bound once and kept with it: each
    organization's id, body and party flag (by organization number), the leading party
    organization of each organization led by one, the party organizations set up in each
    body, the property companies each owners' committee contracts with, the organizations'
    ties, the holders of posts in two organizations or more (:func:`_cross_holders`), the
    organizations around every region of a rank (:meth:`_around`), and the reasons that
    several compounds share (a community's committee, the link and the status)."""

    __slots__ = (
        "_between",
        "_codes",
        "_common",
        "_heads",
        "_ix",
        "_linked",
        "_n_orgs",
        "_n_units",
        "_orgs_of",
        "_ranks_read",
        "_shared",
        "_status",
        "_tails",
        "above",
        "body",
        "committees_at",
        "contracts",
        "cross",
        "embedded",
        "ids",
        "is_party",
        "leader",
        "ties",
        "unit_ties",
    )

    def __init__(self, ix: StructureIndex) -> None:
        self._ix = ix
        self.ties = ix.org_ties()
        self.unit_ties = ix.unit_ties().get
        self._codes, self._n_units, self._n_orgs = ix.codes, ix.n_units, ix.n_organizations
        orgs = ix.organizations
        #: Each organization's id, by organization number.
        self.ids: list[str] = [o.id for o in orgs]
        body_of_kind = {k: i for i, b in enumerate(BODIES) for k in BODY_KINDS[b]}
        kind_body = [body_of_kind.get(k, -1) for k in ix.org_kinds]
        kind_party = ix.org_party
        kinds = ix.org_kind.tolist()
        #: Each organization's body (its position in BODIES, ``-1``: none) and party flag.
        self.body: list[int] = [kind_body[k] for k in kinds]
        self.is_party: list[bool] = [kind_party[k] for k in kinds]
        party = {i for i, p in zip(self.ids, self.is_party, strict=True) if p}
        #: An organization led by a party organization (its ``parent``) to that one.
        self.leader: dict[str, str] = {
            o.id: o.parent for o in orgs if o.parent is not None and o.parent in party
        }
        #: A body to the party organizations set up in it (``embedded_in``), in tie order.
        embedded: dict[str, list[str]] = {}
        for t in ix.ties_of("embedded_in"):
            if t.source in party:
                embedded.setdefault(t.target, []).append(t.source)
        self.embedded = {k: tuple(v) for k, v in embedded.items()}
        #: An organization to the property companies it has a ``contracts`` tie with,
        #: either way, in tie order.
        codes, nu, body = self._codes, self._n_units, self.body
        contracts: dict[str, tuple[str, ...]] = {}
        for o, mine in self.ties.items():
            pcs = tuple(
                t for t, rel, _ in mine if rel == "contracts" and body[codes[t] - nu] == _PC
            )
            if pcs:
                contracts[o] = pcs
        self.contracts = contracts
        #: An organization to its holders who hold posts in another organization too.
        self.cross = _cross_holders(ix)
        #: The memo of :func:`_committees_above` (kept with the index) and what it reads.
        self.above: _Above = _cached(ix, "tripartite.committees_above", dict)
        self.committees_at = _committees_at(ix)
        self._common: dict[tuple[str, str], str | None] = {}
        self._orgs_of: dict[str, frozenset[str]] | None = None
        self._between: Mapping[tuple[str, str], tuple[tuple[int, str], ...]] | None = None
        self._shared: dict[str, Reason] = {}
        self._ranks_read: set[int] = set()
        #: The unit of each region of the ranks read so far to :meth:`around` of it.
        self._heads: dict[str, tuple[tuple[_Located, ...], tuple[_Tied, ...]]] = {}
        self._status: dict[tuple[int, str, bool, bool], Reason] = {}
        self._linked: dict[tuple[bool, int, int], Reason] = {}
        self._tails: dict[Hashable, _Tail] = {}

    def around(
        self, subject: str, units: Sequence[str]
    ) -> tuple[Sequence[_Located], Sequence[_Tied]]:
        """The organizations :meth:`Tripartite.classify_in` reads around the region ``units``
        of ``subject``: the bodies and party organizations located in it, with their unit,
        and the bodies tied into it, with the unit and relation, in the region's order.

        For the unit of a region of its rank, read from those of every region of the rank,
        found together on first use (:meth:`_around`)."""
        got = self._bulk(subject)
        return got if got is not None else self.around_units(units)

    def around_subject(self, subject: str) -> tuple[Sequence[_Located], Sequence[_Tied]]:
        """:meth:`around` of the region of ``subject`` (:func:`~govmodel.classify.region`)."""
        got = self._bulk(subject)
        if got is not None:
            return got
        return self.around_units(region(self._ix, subject))

    def _bulk(self, subject: str) -> tuple[Sequence[_Located], Sequence[_Tied]] | None:
        """:meth:`around` of ``subject`` read from those of every region of its rank, or
        ``None`` when ``subject`` is not the unit of a region of its rank."""
        got = self._heads.get(subject)
        if got is None:
            ix = self._ix
            rank = ix.rank(subject)
            if rank is None:
                return None
            if rank not in self._ranks_read:
                # the heads first, then the rank marked read: a thread reading the rank as
                # read finds every head of it
                self._heads.update(
                    _cached(ix, f"tripartite.around/{rank}", lambda: self._around(rank))
                )
                self._ranks_read.add(rank)
            # every unit of the rank is the unit of its region: none read, nothing around
            got = self._heads.get(subject, _NOTHING_AROUND)
        return got

    def around_units(self, units: Sequence[str]) -> tuple[list[_Located], list[_Tied]]:
        """:meth:`around`, read unit by unit."""
        codes, nu, no, orgs_at = self._codes, self._n_units, self._n_orgs, self._ix.orgs_at
        body, is_party = self.body, self.is_party
        located = [
            (c, u)
            for u in units
            for o in orgs_at(u)
            if body[c := codes[o.id] - nu] >= 0 or is_party[c]
        ]
        tied = []
        for u in units:
            for source, rel in self.unit_ties(u, ()):
                code = codes[source] - nu
                if 0 <= code < no and body[code] >= 0:
                    tied.append((code, u, rel))
        return located, tied

    def _around(self, rank: int) -> dict[str, tuple[tuple[_Located, ...], tuple[_Tied, ...]]]:
        """:meth:`around` of every region of ``rank``, by the region's unit: one
        pass over the organizations and one over the ties, each item placed by its unit's
        region and position in it (:func:`~govmodel.classify.base._region_places`)."""
        ix = self._ix
        if ix.backend == "numpy":
            return self._around_numpy(rank)
        head, pos = _region_places(ix, rank)
        ids = ix.unit_ids
        body, is_party = self.body, self.is_party
        # only the organizations classify_in reads: the bodies and, located, the party's;
        # each item found in order, then read in the order of its unit's position (one
        # stable sort of them all), so that each region lists its items in the region's
        # order, those of one unit in the structure's order
        keep = [b >= 0 or p for b, p in zip(body, is_party, strict=True)]
        orgs: list[int] = []
        units: list[int] = []
        for c, u in enumerate(ix.org_unit.tolist()):
            if u >= 0 and keep[c] and head[u] >= 0:
                orgs.append(c)
                units.append(u)
        at = [pos[u] for u in units]
        located: dict[str, list[_Located]] = {}
        for j in sorted(range(len(orgs)), key=at.__getitem__):
            u = units[j]
            h = ids[head[u]]
            got = located.get(h)
            if got is None:
                located[h] = [(orgs[j], ids[u])]
            else:
                got.append((orgs[j], ids[u]))
        codes, nu, no = self._codes, self._n_units, self._n_orgs
        ties: list[_Tied] = []
        units = []
        for t in ix.ties:
            u = codes[t.target]
            if u < nu and head[u] >= 0 and t.relation not in RESERVED_RELATIONS:
                c = codes[t.source] - nu
                if 0 <= c < no and body[c] >= 0:
                    ties.append((c, t.target, t.relation))
                    units.append(u)
        at = [pos[u] for u in units]
        tied: dict[str, list[_Tied]] = {}
        for j in sorted(range(len(ties)), key=at.__getitem__):
            tied.setdefault(ids[head[units[j]]], []).append(ties[j])
        return {
            h: (tuple(located.get(h, ())), tuple(tied.get(h, ())))
            for h in located.keys() | tied.keys()
        }

    def _around_numpy(self, rank: int) -> dict[str, tuple[tuple[_Located, ...], tuple[_Tied, ...]]]:
        """:meth:`_around` on the index's arrays: the organizations and the ties kept are
        picked out, ordered by their unit's position (stable: those of one unit in the
        structure's order) and grouped by region at C speed; only those kept are read in
        Python."""
        import numpy as np

        ix = self._ix
        head, pos = _region_places_numpy(ix, rank)
        ids, nu, no = ix.unit_ids, self._n_units, self._n_orgs
        body = np.asarray(self.body, dtype=np.int64)
        keep = (body >= 0) | np.asarray(self.is_party, dtype=bool)
        org_unit = np.asarray(ix.org_unit, dtype=np.int64)
        orgs = np.flatnonzero(keep & (org_unit >= 0))
        orgs = orgs[head[org_unit[orgs]] >= 0]
        units = org_unit[orgs]
        located = _grouped(
            head[units],
            pos[units],
            list(zip(orgs.tolist(), map(ids.__getitem__, units.tolist()), strict=True)),
        )
        relations = ix.tie_relations
        linking = np.asarray([r not in RESERVED_RELATIONS for r in relations], dtype=bool)
        source = np.asarray(ix.tie_source, dtype=np.int64) - nu
        target = np.asarray(ix.tie_target, dtype=np.int64)
        relation = np.asarray(ix.tie_relation, dtype=np.int64)
        picked = np.flatnonzero((target >= 0) & (target < nu) & (source >= 0) & (source < no))
        picked = picked[linking[relation[picked]]]
        picked = picked[head[target[picked]] >= 0]
        picked = picked[body[source[picked]] >= 0]
        units = target[picked]
        tied = _grouped(
            head[units],
            pos[units],
            list(
                zip(
                    source[picked].tolist(),
                    map(ids.__getitem__, units.tolist()),
                    map(relations.__getitem__, relation[picked].tolist()),
                    strict=True,
                )
            ),
        )
        return {ids[h]: (located.get(h, ()), tied.get(h, ())) for h in located.keys() | tied.keys()}

    def first_common_holder(self, a: str, b: str) -> str | None:
        """The first (least) person holding posts in both organizations, or ``None`` (kept
        for the pair): read off :attr:`cross`, as only a person holding posts in two
        organizations or more can hold posts in both.

        The intersection walks the smaller set (at C speed), as a body serving thousands of
        compounds has thousands of such holders; where one side has few (a compound's own
        bodies), it is read as it is and not kept."""
        cross = self.cross
        mine, theirs = cross.get(a, _NOBODY), cross.get(b, _NOBODY)
        if len(mine) <= _FEW_HOLDERS or len(theirs) <= _FEW_HOLDERS:
            both = mine & theirs
            return min(both) if both else None
        key = (a, b) if a < b else (b, a)
        got = self._common.get(key, self)
        if got is self:
            both = mine & theirs
            got = self._common[key] = min(both) if both else None
        return got  # type: ignore[return-value]

    def least_holder(self, a: Sequence[str], b: Sequence[str]) -> str | None:
        """The least person holding posts in one of the organizations ``a`` and one of ``b``
        (which have none in common), or ``None``.

        With few pairs of them, the least of :meth:`first_common_holder` of each pair (kept
        for the pair: a body serving thousands of compounds is asked once about each other
        body); with many (a compound of thousands of owners' committees and property
        companies), read person by person from the side with fewer holders, each person's
        organizations met against the other side's (the smaller of the two read), so that
        the cost is linear in the holders rather than in the pairs."""
        if len(a) == 1 or len(b) == 1 or len(a) * len(b) <= _FEW_PAIRS:
            best: str | None = None
            common = self.first_common_holder
            for oa in a:
                for ob in b:
                    person = common(oa, ob)
                    if person is not None and (best is None or person < best):
                        best = person
            return best
        cross = self.cross
        if sum(len(cross.get(o, _NOBODY)) for o in b) < sum(len(cross.get(o, _NOBODY)) for o in a):
            a, b = b, a
        orgs_of = self._orgs_of
        if orgs_of is None:
            orgs_of = self._orgs_of = dict(zip(*_multi_holders(self._ix), strict=True))
        other = set(b)
        # each person once, however many of ``a`` they hold posts in: a person on thousands
        # of owners' committees is met against the other side once, not once a committee
        people: set[str] = set()
        for oa in a:
            people.update(cross.get(oa, _NOBODY))
        best = None
        for person in people:
            if (best is None or person < best) and not orgs_of[person].isdisjoint(other):
                best = person
        return best

    def between(self) -> Mapping[tuple[str, str], tuple[tuple[int, str], ...]]:
        """:func:`_ties_between`, on first use."""
        if self._between is None:
            self._between = _ties_between(self._ix)
        return self._between


def _grouped(heads: Any, places: Any, items: list[_T]) -> dict[int, tuple[_T, ...]]:
    """``items`` by the code of their region's unit (``heads``, a numpy array), each
    region's in the order of ``places`` (a numpy array; stable: items of one place in their
    order)."""
    import numpy as np

    if not len(items):
        return {}
    order = np.argsort(places, kind="stable")
    order = order[np.argsort(heads[order], kind="stable")]
    by = heads[order]
    starts = np.flatnonzero(np.diff(by, prepend=-1)).tolist()
    ends = [*starts[1:], len(order)]
    got = [items[i] for i in order.tolist()]
    return {h: tuple(got[a:b]) for h, a, b in zip(by[starts].tolist(), starts, ends, strict=True)}


@attrs.frozen
class Tripartite(Classifier):
    """Whether a compound has the three bodies of tri-partite governance, under party
    leadership, and linked to one another.

    The bodies (:data:`BODY_KINDS`) and how each is found, every finding a reason:

    - residents' committee: ``residents-committee-in-compound`` (located in the compound or
      a unit inside it); else ``residents-committee-serves`` (a tie of relation ``serves``
      from a residents' committee to the compound); else ``residents-committee-of-community``
      (the committee located in the nearest unit containing the compound, usually its
      community: it serves every compound of the community);
    - owners' committee: ``owners-committee-in-compound``, or ``owners-committee-tie`` (any
      tie from an owners' committee to the compound or a unit inside it);
    - property company: ``property-company-in-compound``, ``property-company-tie`` (any tie,
      e.g. ``manages``, to the compound or a unit inside it), or
      ``property-company-contract`` (a ``contracts`` tie, either way, with the compound's
      owners' committee);
    - a missing body gives ``body-missing``.

    Party leadership (``led``), with reasons ``party-in-compound`` (a party organization
    located in the compound or a unit inside it), ``party-embedded`` (an ``embedded_in`` tie
    from a party organization to one of the bodies) and ``party-leads`` (a party organization
    leads one of the bodies). The community party organization's leading the community's
    residents' committee does not count, or every compound of the community would be led;
    leading a residents' committee located in the compound does. Otherwise
    ``no-party-leadership``.

    Link (``linked``): two bodies are linked by a person holding posts in both
    (``shared-person``; e.g. the branch secretary chairs the owners' committee) or by a tie
    between them of any relation but ``embedded_in`` (``body-tie``: ``contracts``,
    ``guides``, ``joint_meeting``, ``supervises``, …). The leading party organizations count
    as one more body that may link the others. The compound is linked when its three bodies
    are all connected through such links (``linked`` or ``not-linked``).

    Then the value (rule ``status``): ``absent`` (none of the three), ``partial`` (one or two;
    ``details["missing"]`` names the others), and for all three ``complete_led_linked``,
    ``complete_led``, ``complete_linked`` or ``complete``. The classes are ranked (absent 0,
    partial 1, complete 2, complete_led and complete_linked 3, complete_led_linked 4).

    Notes
    -----
    ``details``: ``residents_committee``, ``owners_committee``, ``property_company`` (the
    ids found, comma-separated, ``""`` when missing), ``present`` (0–3), ``missing``
    (comma-separated body names), ``led`` (bool), ``party`` (ids of the leading party
    organizations), ``linked`` (bool: the bodies present, at least two, are all connected)
    and ``links`` (the linked pairs, ``"a+b"`` comma-separated).

    "Inside the compound" means in its region (:func:`~govmodel.classify.region`: the
    compound and the units inside it, not a nested compound-level unit). Reads, of the
    structure's index, the region's units, the organizations located there and the ties
    into them, the units containing the compound (for the community's residents'
    committee), leadership (``parent``), ``embedded_in`` and other ties of the bodies, and
    their posts. Complexity: linear in the region and in the posts and ties of its bodies;
    the walk up to the community's committee is kept for the units it passes, so labelling
    every compound is linear in the structure however deep its containment.

    References
    ----------
    Xihu district, Nanchang (000): "three carriages" and "three in one" under party
    leadership. Yuetang district, Xiangtan (004): cross-appointment of the compound party
    secretary as owners' committee chair.

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.classify import tripartite
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("c1", entity="unit", kind="community")
    >>> G.add_node("x1", entity="unit", kind="compound")
    >>> _ = G.add_edge("c1", "x1", key="contains", relation="contains")
    >>> for org, kind, unit in [("rc", "residents_committee", "c1"),
    ...                         ("oc", "owners_committee", "x1"),
    ...                         ("pb", "compound_party_branch", "x1")]:
    ...     G.add_node(org, entity="organization", kind=kind)
    ...     _ = G.add_edge(org, unit, key="located_in", relation="located_in")
    >>> lab = tripartite(G)["x1"]
    >>> lab.value, lab.details["missing"], lab.details["led"]
    ('partial', 'property_company', True)
    >>> G.add_node("pc", entity="organization", kind="property_company")
    >>> _ = G.add_edge("pc", "x1", key="t1", relation="manages")
    >>> G.add_node("p1", entity="person")
    >>> _ = G.add_edge("p1", "pb", key="s1", relation="post", role="secretary")
    >>> _ = G.add_edge("p1", "oc", key="s2", relation="post", role="chair")
    >>> _ = G.add_edge("pb", "rc", key="t2", relation="joint_meeting")
    >>> _ = G.add_edge("oc", "pc", key="t3", relation="contracts")
    >>> lab = tripartite(G)["x1"]
    >>> lab.value, lab.zh
    ('complete_led_linked', '三方齐全、党建引领、互相联结')
    """

    name: ClassVar[str] = "tripartite"
    en: ClassVar[str] = "tri-partite status"
    zh: ClassVar[str] = "三方协同状况"
    reference: ClassVar[str] = (
        "Xihu district, Nanchang (000): three carriages under party leadership; "
        "Yuetang district, Xiangtan (004): cross-appointment"
    )
    classes: ClassVar[tuple[ClassDef, ...]] = (
        ClassDef(
            "complete_led_linked",
            "complete, party-led and linked",
            "三方齐全、党建引领、互相联结",
            "All three bodies, under party leadership, connected by shared people or ties.",
            4,
        ),
        ClassDef(
            "complete_led",
            "complete and party-led",
            "三方齐全、党建引领",
            "All three bodies under party leadership, not all connected.",
            3,
        ),
        ClassDef(
            "complete_linked",
            "complete and linked",
            "三方齐全、互相联结",
            "All three bodies connected by shared people or ties, without party leadership.",
            3,
        ),
        ClassDef(
            "complete",
            "complete",
            "三方齐全",
            "All three bodies, neither party-led nor connected.",
            2,
        ),
        ClassDef("partial", "partial", "三方不全", "One or two of the three bodies.", 1),
        ClassDef("absent", "absent", "三方皆无", "None of the three bodies.", 0),
    )

    def classify_in(self, ix: StructureIndex, subject: str) -> Label:
        return self._label_compound(ix, _lookups(ix), subject)

    def _labeller(self, ix: StructureIndex) -> Callable[[str], Label]:
        if not self._defines_labels(Tripartite):
            return super()._labeller(ix)
        return partial(self._label_compound, ix, _lookups(ix))

    def _label_compound(self, ix: StructureIndex, read: _Lookups, subject: str) -> Label:
        """The label of ``subject`` (:meth:`classify_in`, with the lookups ``read`` bound)."""
        ids, body_at, is_party = read.ids, read.body, read.is_party
        reasons: list[Reason] = []
        found: tuple[list[str], list[str], list[str]] = ([], [], [])
        known: set[str] = set()  # every organization in found
        rc_local: set[str] = set()

        # the unit of a region of its rank (as a compound is) is read straight off _heads
        located, tied = read._heads.get(subject) or read.around_subject(subject)
        party: dict[str, None] = {}  # the party organizations leading, in order
        party_in: list[Reason] = []  # those located in the compound, read on the way
        for c, u in located:
            if is_party[c] and (o := ids[c]) not in party:
                party[o] = None
                party_in.append(
                    _reason(
                        "party-in-compound",
                        f"party organization {o!r} is located in {u!r}",
                        {"party": o, "unit": u},
                    )
                )
            b = body_at[c]
            if b >= 0 and (o := ids[c]) not in known:
                known.add(o)
                found[b].append(o)
                if b == _RC:
                    rc_local.add(o)
                reasons.append(
                    _reason(
                        _IN_RULES[b],
                        f"{_WORDS[b]} {o!r} is located in {u!r}",
                        {"body": BODIES[b], "organization": o, "unit": u},
                    )
                )
        for c, u, rel in tied:
            b = body_at[c]
            if b < 0 or (o := ids[c]) in known:
                continue
            if b == _RC:
                if rel != "serves":
                    continue
                rule = "residents-committee-serves"
            else:
                rule = _TIE_RULES[b]  # type: ignore[assignment]
            known.add(o)
            found[b].append(o)
            reasons.append(
                _reason(
                    rule,
                    f"{_WORDS[b]} {o!r} {rel} {u!r}",
                    {"body": BODIES[b], "organization": o, "unit": u, "relation": rel},
                )
            )
        if not found[_RC]:
            above = _committees_above(ix, subject, read.above, read.committees_at)
            if above is not None:
                a, rcs = above
                found[_RC].extend(rcs)
                known.update(rcs)
                why = read._shared.get(a)
                if why is None:
                    why = read._shared[a] = _reason(
                        "residents-committee-of-community",
                        f"residents' committee {', '.join(map(repr, rcs))} of {a!r}, which "
                        f"contains the compound, serves it",
                        {"body": "residents_committee", "organization": rcs[0], "unit": a},
                    )
                reasons.append(why)
        contracts = read.contracts
        for oc in found[_OC]:
            for pc in contracts.get(oc, ()):
                if pc not in known:
                    known.add(pc)
                    found[_PC].append(pc)
                    reasons.append(
                        _reason(
                            "property-company-contract",
                            f"property company {pc!r} has a contract with {oc!r}",
                            {"body": "property_company", "organization": pc, "owners": oc},
                        )
                    )
        for b in (_RC, _OC, _PC):
            if not found[b]:
                reasons.append(_BODY_MISSING[b])

        # -- party leadership -----------------------------------------------------------------
        reasons.extend(party_in)
        leader, embedded = read.leader, read.embedded
        role: dict[str, str] = {}  # each body's organizations, then the party's, to its role
        for b in (_RC, _OC, _PC):
            name = BODIES[b]
            for o in found[b]:
                role[o] = name
                p = None if b == _RC and o not in rc_local else leader.get(o)
                if p is not None and p not in party:
                    party[p] = None
                    reasons.append(
                        _reason(
                            "party-leads",
                            f"party organization {p!r} leads {_WORDS[b]} {o!r}",
                            {"party": p, "body": name, "organization": o},
                        )
                    )
                for p in embedded.get(o, ()):
                    if p not in party:
                        party[p] = None
                        reasons.append(
                            _reason(
                                "party-embedded",
                                f"party organization {p!r} is set up in {_WORDS[b]} {o!r}",
                                {"party": p, "body": name, "organization": o},
                            )
                        )
        led = bool(party)
        if not led:
            reasons.append(_NO_PARTY)

        # -- links between the bodies -----------------------------------------------------------
        for p in party:
            role.setdefault(p, _PARTY)
        pairs: set[tuple[str, str]] = set()
        if len(role) > 1:
            # each pair of roles, shared by the least person holding posts in an
            # organization of each (of the people holding posts in two organizations or more,
            # read from the smaller organization of each pair, so that a body serving
            # thousands of compounds is asked only about this one's people)
            by_role: dict[str, list[str]] = {}
            cross = read.cross
            for o, r in role.items():
                if o in cross:
                    by_role.setdefault(r, []).append(o)
            names = sorted(by_role)
            shared: list[tuple[str, str, str]] = []
            least = read.least_holder
            for i, ra in enumerate(names):
                for rb in names[i + 1 :]:
                    best = least(by_role[ra], by_role[rb])
                    if best is not None:
                        shared.append((best, ra, rb))
            for person, ra, rb in sorted(shared):
                pairs.add((ra, rb))
                reasons.append(
                    _reason(
                        "shared-person",
                        f"{person!r} holds posts in the {_ROLE_WORDS[ra]} and the "
                        f"{_ROLE_WORDS[rb]}",
                        {"person": person, "body_a": ra, "body_b": rb},
                    )
                )
            ties = read.ties
            local: set[str] | None = None
            for o, r in role.items():
                mine = ties.get(o)
                if not mine:
                    continue
                # the ties out of ``o`` in tie order, read from the smaller side: those of
                # ``o`` (a body of the compound) or those between ``o`` and the roles (a body
                # serving thousands of compounds); a tie to an organization without a role is
                # skipped
                small = len(mine) <= len(role)
                if not small:
                    if local is None:
                        local = {ids[c] for c, _ in located}
                    small = o in local
                if small:
                    out = [(t, rel) for t, rel, outgoing in mine if outgoing]
                else:
                    between = read.between()
                    found_ties = [(i, t, rel) for t in role for i, rel in between.get((o, t), ())]
                    out = [(t, rel) for _, t, rel in sorted(found_ties)]
                for target, rel in out:
                    theirs = role.get(target)
                    if theirs is None or theirs == r or rel in _NOT_LINKS:
                        continue
                    pair = (r, theirs) if r < theirs else (theirs, r)
                    if pair not in pairs:
                        pairs.add(pair)
                        reasons.append(
                            _reason(
                                "body-tie",
                                f"{o!r} {rel} {target!r}",
                                {"source": o, "target": target, "relation": rel},
                            )
                        )
        links = sorted(pairs)
        tail_key = (bool(found[_RC]), bool(found[_OC]), bool(found[_PC]), led, tuple(links))
        tail = read._tails.get(tail_key)
        if tail is None:
            tail = read._tails[tail_key] = _tail(read, found, led, links)
        value, en, zh, n_present, gone, linked, link_names, closing = tail
        reasons.extend(closing)
        details: dict[str, Scalar] = {
            "residents_committee": ",".join(found[_RC]),
            "owners_committee": ",".join(found[_OC]),
            "property_company": ",".join(found[_PC]),
            "present": n_present,
            "missing": gone,
            "led": led,
            "party": ",".join(party),
            "linked": linked,
            "links": link_names,
        }
        if self.classes is not Tripartite.classes:  # a subclass's own classes
            return self.label(subject, value, reasons, details)
        return _made_label(self.name, subject, value, en, zh, tuple(reasons), details)


#: What closes a label, decided by the bodies present, the party's leading and the links:
#: the value, its English and Chinese names, the number of bodies present, the missing ones,
#: whether linked, the linked pairs as details name them, and the reasons ``linked`` (or
#: ``not-linked``) and ``status``.
_Tail: TypeAlias = tuple[str, str, str, int, str, bool, str, tuple[Reason, Reason]]


def _tail(
    read: _Lookups, found: Sequence[Sequence[str]], led: bool, links: list[tuple[str, str]]
) -> _Tail:
    """The close of a label (:data:`_Tail`) of a compound whose bodies are ``found`` (the
    organizations of each), party-led or not, with these linked pairs of roles; the same for
    every compound with the same bodies present, leading and links
    (:attr:`_Lookups._tails`)."""
    present = [b for b, got in zip(BODIES, found, strict=True) if got]
    missing = [b for b in BODIES if b not in present]
    linked = len(present) >= 2 and bool(links) and _connected(present, links)
    key = (linked, len(present), len(links))
    why = read._linked.get(key)
    if why is None:
        why = read._linked[key] = (
            _reason(
                "linked",
                f"the {len(present)} bodies present are connected by shared people or ties",
                {"links": len(links)},
            )
            if linked
            else _reason(
                "not-linked",
                "the bodies present are not all connected by shared people or ties",
                {"links": len(links)},
            )
        )
    if not present:
        value = "absent"
    elif missing:
        value = "partial"
    elif led and linked:
        value = "complete_led_linked"
    elif led:
        value = "complete_led"
    elif linked:
        value = "complete_linked"
    else:
        value = "complete"
    gone = ",".join(missing)
    status_key = (len(present), gone, led, linked)
    status = read._status.get(status_key)
    if status is None:
        status = read._status[status_key] = _reason(
            "status",
            f"{len(present)} of 3 bodies"
            + (f", missing {', '.join(b.replace('_', ' ') for b in missing)}" if missing else "")
            + f"; {'party-led' if led else 'not party-led'}"
            + f"; {'linked' if linked else 'not linked'}",
            {"present": len(present), "led": led, "linked": linked},
        )
    en, zh = _NAMES[value]  # a declared class; the reasons end with the status
    link_names = ",".join(f"{a}+{b}" for a, b in links)
    return value, en, zh, len(present), gone, linked, link_names, (why, status)


#: Each class's English and Chinese names, by value.
_NAMES: dict[str, tuple[str, str]] = {c.value: (c.en, c.zh) for c in Tripartite.classes}


def tripartite(source: Source) -> dict[str, Label]:
    """The tri-partite status of every compound (see :class:`Tripartite`).

    ``source`` is a structure, its :class:`~govmodel.index.StructureIndex` or a govmodel
    graph (:func:`~govmodel.classify.read_index`).

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.classify import tripartite
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("x1", entity="unit", kind="compound")
    >>> lab = tripartite(G)["x1"]
    >>> lab.value, lab.details["missing"]
    ('absent', 'residents_committee,owners_committee,property_company')

    In the Xihu dataset, two compounds lack a body:

    >>> import govmodel
    >>> labels = tripartite(govmodel.datasets.load("xihu"))
    >>> sorted(lab.details["missing"] for lab in labels.values() if lab.value == "partial")
    ['owners_committee', 'property_company']
    """
    return Tripartite().classify_all(source)
