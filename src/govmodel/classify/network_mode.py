"""The mode of network governance of the organizations around a compound or community:
shared governance, lead organization, or network administrative organization (Provan and
Kenis 2008)."""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from itertools import compress
from numbers import Integral, Real
from operator import attrgetter
from typing import Any, ClassVar, Final

import attrs

from govmodel.classify.base import (
    ClassDef,
    Classifier,
    Label,
    Reason,
    Source,
    _cached,
    _is_bool,
    _made_label,
    _multi_holders,
    _reason,
    _region_orgs,
    _region_orgs_reader,
    _regions_orgs,
    _says_nothing,
    _scalar,
    _str_set,
    _truthy,
)
from govmodel.index import StructureIndex
from govmodel.spec import Scalar

__all__ = ["ADMINISTRATIVE_KINDS", "NetworkMode", "network_mode"]

#: Organization kinds taken as administrative (candidate network administrative
#: organizations) unless their ``administrative`` attribute says otherwise.
ADMINISTRATIVE_KINDS: frozenset[str] = frozenset(
    {"governance_centre", "work_station", "service_station"}
)


def _levels(value: Iterable[int]) -> tuple[int, ...]:
    """The levels (ranks) as a tuple of ints; a bool, float or string is refused."""
    levels: tuple[object, ...] = tuple(value)
    ranks: list[int] = []
    for level in levels:
        if isinstance(level, bool) or not isinstance(level, Integral):
            raise TypeError(f"levels must be ranks (ints), not {level!r} in {levels!r}")
        ranks.append(int(level))
    return tuple(ranks)


def _optional_str_set(value: Iterable[str] | None) -> frozenset[str] | None:
    return None if value is None else _str_set(value)


def _as_float(value: object) -> object:
    """A threshold given as a number of another type (an ``int``, a numpy float, a
    ``Fraction``) as a ``float``, so that the labels' reasons and details hold Python
    floats: ``1`` and ``1.0`` make equal classifiers, which share the labels they keep with
    an index, so they must write the same labels; anything else (a bool too) as it is, for
    :func:`_unit_interval`."""
    if type(value) in (bool, float) or not isinstance(value, Real):
        return value
    return float(value)


def _unit_interval(instance: object, attribute: attrs.Attribute[float], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{attribute.name} must be a number in [0, 1], not {value!r}")
    if not 0.0 <= float(value) <= 1.0:
        raise ValueError(f"{attribute.name} must be in [0, 1], got {value!r}")


class _Interlocks:
    """The organizations of each person holding posts in two organizations or more (a
    *group*), and the groups of each organization: two organizations are interlocked when
    a group holds both.

    Kept as groups rather than as pairs of organizations: a person holding posts in
    :math:`k` organizations makes one group of :math:`k`, where the pairs would be
    :math:`k(k-1)/2` (one person in 2,000 committees: 2,000 entries instead of two
    million)."""

    __slots__ = ("groups", "of")

    def __init__(self, groups: list[frozenset[str]]) -> None:
        #: The organization ids of each group.
        self.groups = groups
        of: dict[str, list[int]] = {}
        for g, orgs in enumerate(groups):
            for o in orgs:
                got = of.get(o)
                if got is None:
                    of[o] = [g]
                else:
                    got.append(g)
        #: An organization to the numbers of its groups (absent: none).
        self.of: Mapping[str, list[int]] = of


def _interlocked(ix: StructureIndex) -> _Interlocks:
    """The interlocks of the organizations (:class:`_Interlocks`; kept with the index), of
    the people holding posts in two organizations or more (:func:`_multi_holders
    <govmodel.classify.base._multi_holders>`, read once with tripartite's). Linear in the
    posts.
    """
    got: _Interlocks = _cached(
        ix, "network_mode.interlocked", lambda: _Interlocks(_multi_holders(ix)[1])
    )
    return got


_NONE: frozenset[str] = frozenset()

_get_id: Final = attrgetter("id")
_get_parent: Final = attrgetter("parent")


def _administrative(ix: StructureIndex, ids: list[str], classifier: NetworkMode) -> frozenset[str]:
    """The administrative organizations of ``ix`` (their ids are ``ids``, by organization
    number), in organization order: those whose ``administrative`` attribute says yes
    (:func:`~govmodel.classify.base._truthy`), and those without one (or with a value that is
    no scalar, NaN or a blank string) whose kind is one of ``classifier.administrative_kinds``. The kinds are read
    by kind code; the attribute only where an organization has it."""
    kinds = classifier.administrative_kinds
    by_kind = [k in kinds for k in ix.org_kinds]
    yes = list(map(by_kind.__getitem__, ix.org_kind.tolist()))
    flags = ix.org_attribute("administrative")
    for i in [i for i, flag in enumerate(flags) if flag is not None]:
        flag = _scalar(flags[i])
        if not _says_nothing(flag):  # NaN or a blank string: the kind decides
            yes[i] = _truthy(flag)
    return frozenset(compress(ids, yes))


#: The most organizations an organization's groups may hold together for its interlocks to
#: be listed with its ties (:class:`_Reader`).
_NEAR: Final = 64

#: The most other administrative organizations a group may hold for a network reaching it to
#: weigh each of them; those of larger groups are weighed by class (:meth:`_Reader.classes`).
_WIDE: Final = 64


def _around_units(ix: StructureIndex, ranks: Iterable[int]) -> dict[str, tuple[str, ...]]:
    """The organizations around the region of every unit of ``ranks``
    (:func:`~govmodel.classify.base._region_orgs`), by unit id: read off the tables of the
    ranks at once, rather than unit by unit through each unit's rank."""
    out: dict[str, tuple[str, ...]] = {}
    for rank in dict.fromkeys(ranks):
        table = _regions_orgs(ix, rank).get
        out.update((u.id, table(u.id, ())) for u in ix.units_at_rank(rank))
    return out


def _degree_centralization(degrees: Collection[int]) -> float:
    """Freeman's degree centralization of an undirected graph of these node degrees, as
    :func:`govmodel.metrics.structural.centralization` gives it on the networkx graph (a
    test holds the two equal), without building the graph: the sum of (highest degree -
    degree) over its maximum :math:`(n - 1)(n - 2)`; NaN for fewer than 3 nodes."""
    n = len(degrees)
    if n < 3:
        return math.nan
    return (n * max(degrees) - sum(degrees)) / ((n - 1) * (n - 2))  # integers: exact


class _Reader:
    """The lookups of :class:`NetworkMode` on one index, for one classifier's options, built
    in one pass each: the administrative organizations, each organization's tied
    organizations and tied administrative organizations, and the reasons that name no
    organization (one of each, shared by the labels giving them)."""

    __slots__ = (
        "admin_groups",
        "admin_in",
        "administrative",
        "administrative_neighbours",
        "by_class",
        "by_hubs",
        "far",
        "groups",
        "groups_of",
        "near",
        "neighbours",
        "reach",
        "said",
        "shares",
    )

    def __init__(self, classifier: NetworkMode, ix: StructureIndex) -> None:
        organizations = ix.organizations
        ids = list(map(_get_id, organizations))
        #: The administrative organizations: their ``administrative`` attribute, else kind.
        self.administrative = administrative = _administrative(ix, ids, classifier)
        wanted = classifier.relations
        # Each organization's tied organizations: by a tie of a wanted relation and by
        # leadership (``parent``, with ``leads``); those by a person holding posts in both
        # (interlocks) are read from the groups below. Each of these ties both ends, so the
        # relation is symmetric.
        tied: dict[str, set[str]] = {}
        for org, ties in ix.org_ties().items():
            mine = {other for other, rel, _ in ties if wanted is None or rel in wanted}
            if mine:
                tied[org] = mine
        if wanted is None or "leads" in wanted:
            tied_get = tied.get
            for led, p in zip(ids, map(_get_parent, organizations), strict=True):
                if p is not None:
                    got = tied_get(led)
                    if got is None:
                        tied[led] = {p}
                    else:
                        got.add(p)
                    got = tied_get(p)
                    if got is None:
                        tied[p] = {led}
                    else:
                        got.add(led)
        groups: list[frozenset[str]] = []
        groups_of: Mapping[str, list[int]] = {}
        if classifier.interlocks:
            interlocks = _interlocked(ix)
            groups, groups_of = interlocks.groups, interlocks.of
        #: The organizations of each person holding posts in two or more, and the numbers
        #: of the groups of each organization (:class:`_Interlocks`; empty without
        #: interlocks).
        self.groups, self.groups_of = groups, groups_of
        # an organization is not its own neighbour (a tie to itself, its own parent)
        for o in [o for o, mine in tied.items() if o in mine]:
            mine = tied[o]
            mine.discard(o)
            if not mine:
                del tied[o]
        neighbours = tied
        # The administrative organizations of each group that has any, by its number: the
        # first (least id) of those tied by this group alone, which all tie the same members
        # of a network and so share one score, the others, and the least of the others.
        admin_in: dict[int, tuple[str | None, frozenset[str], str | None]] = {}
        admin_groups: dict[str, list[int]] = {}
        for g, orgs in enumerate(groups if administrative else ()):
            some = orgs & administrative
            if not some:
                continue
            alone = [a for a in some if a not in neighbours and len(groups_of[a]) == 1]
            others = some.difference(alone)
            admin_in[g] = (min(alone) if alone else None, others, min(others, default=None))
            for o in orgs:
                got_groups = admin_groups.get(o)
                if got_groups is None:
                    admin_groups[o] = [g]
                else:
                    got_groups.append(g)
        #: Each group's administrative organizations (above), by the group's number.
        self.admin_in: Mapping[int, tuple[str | None, frozenset[str], str | None]] = admin_in
        #: An organization to its groups that hold administrative organizations.
        self.admin_groups: Mapping[str, list[int]] = admin_groups
        #: An organization to the organizations tied to it by a tie or leadership (absent:
        #: none; not to be changed).
        self.neighbours: Mapping[str, AbstractSet[str]] = neighbours
        # Where an organization's groups are small, its interlocks are listed with its
        # other ties (``near``), as few as they are; the organizations of a large group
        # (``far``) are read group by group (degree_in).
        near: dict[str, AbstractSet[str]] = dict(neighbours)
        far: dict[str, frozenset[int]] = {}
        neighbours_of = neighbours.get
        for o, numbers in groups_of.items():
            if len(numbers) == 1:  # the common case: one group, read as one set
                group = groups[numbers[0]]
                if len(group) > _NEAR:
                    far[o] = frozenset(numbers)
                    continue
                own = neighbours_of(o)
                # the group without ``o`` (a new set), and ``o``'s ties
                if own is None:
                    near[o] = group.difference((o,))
                else:
                    mine = own | group
                    mine.discard(o)
                    near[o] = mine
                continue
            if sum(map(len, map(groups.__getitem__, numbers))) > _NEAR:
                far[o] = frozenset(numbers)
                continue
            partners = set(neighbours_of(o, ()))
            for g in numbers:
                partners.update(groups[g])
            partners.discard(o)
            near[o] = partners
        #: Every organization tied to one (absent: none), for the organizations not in
        #: ``far``; for those in ``far``, only their ties and leadership (read them with
        #: :meth:`degree_in`).
        self.near: Mapping[str, AbstractSet[str]] = near
        #: The organizations in groups too large to be listed in ``near``, to the numbers
        #: of their groups.
        self.far: Mapping[str, frozenset[int]] = far
        reach: dict[str, AbstractSet[str] | None] = dict(near)
        reach.update(dict.fromkeys(far))
        #: ``near``, with ``None`` for the organizations of ``far`` (one lookup a member).
        self.reach: Mapping[str, AbstractSet[str] | None] = reach
        # the administrative organizations tied to each, read from their side (the ties are
        # symmetric), as they are few
        admin: dict[str, set[str]] = {}
        for a in administrative:
            for o in neighbours.get(a, ()):
                got = admin.get(o)
                if got is None:
                    admin[o] = {a}
                else:
                    got.add(a)
        #: An organization to the administrative organizations tied to it by a tie or
        #: leadership (absent: none; those of its groups are in ``admin_in``).
        self.administrative_neighbours: Mapping[str, AbstractSet[str]] = admin
        #: Reasons and labels that name no organization, by what decides them.
        self.said: dict[Hashable, Reason] = {}
        #: Whether two organizations share a group, by the pair (asked of the organizations
        #: in more groups than a network has members, and kept).
        self.shares: dict[tuple[str, str], bool] = {}
        #: :meth:`classes`, by the set of groups asked about.
        self.by_class: dict[frozenset[int], list[str]] = {}
        #: :meth:`most_tied`, by the set of organizations asked about.
        self.by_hubs: dict[frozenset[str], str] = {}

    def most_tied(self, hubs: frozenset[str]) -> str:
        """Of the administrative organizations tied to one of ``hubs`` (organizations each
        tied to many: :data:`_WIDE`), the one tied to the most of them, the least id of
        those tied to as many.

        Kept by the set of hubs: the networks that hold the same hubs (every compound a
        street body tied to a thousand work stations manages) read their ties once.
        """
        got = self.by_hubs.get(hubs)
        if got is None:
            tied: dict[str, int] = {}
            for h in hubs:
                for a in self.administrative_neighbours[h]:
                    tied[a] = tied.get(a, 0) + 1
            got = self.by_hubs[hubs] = min(tied, key=lambda a: (-tied[a], a))
        return got

    def classes(self, wide: frozenset[int]) -> list[str]:
        """Of the administrative organizations in the groups ``wide`` other than those tied
        by one group alone (``admin_in``), the least of each class of those in exactly
        the same groups of ``wide``.

        Kept by the set of groups: the networks that reach the same wide groups (every
        compound whose committee a person holding posts in a thousand work stations sits
        on) read them once, and each weighs one organization a class.
        """
        got = self.by_class.get(wide)
        if got is None:
            if len(wide) == 1:
                (g,) = wide
                least = self.admin_in[g][2]
                got = [] if least is None else [least]
            else:
                of: dict[str, list[int]] = {}
                for g in sorted(wide):
                    for a in self.admin_in[g][1]:
                        mine = of.get(a)
                        if mine is None:
                            of[a] = [g]
                        else:
                            mine.append(g)
                first: dict[tuple[int, ...], str] = {}
                for a, mine in of.items():
                    key = tuple(mine)
                    known = first.get(key)
                    if known is None or a < known:
                        first[key] = a
                got = list(first.values())
            self.by_class[wide] = got
        return got

    def degree_in(self, org: str, members: AbstractSet[str], inside: dict[Hashable, Any]) -> int:
        """How many of ``members`` (``org`` left out) are tied to ``org``, an organization
        of ``far`` (those of ``near`` are counted off it).

        ``inside`` keeps, for one network, each group's members (and the union of each set
        of groups holding many of them), so that the organizations of a person holding
        posts in many of them are intersected with the members once:
        an organization whose only ties are one group's reads its count off it. An
        organization in more groups than the network has members (a residents' committee
        whose members sit on every owners' committee of the community) is asked about each
        member instead (:meth:`interlocked`), so that the many small networks it belongs to
        do not each read all its groups.
        """
        explicit = self.neighbours.get(org)
        mine = self.far[org]
        if len(mine) > len(members):
            count = 0
            for m in members:
                if m != org and (
                    (explicit is not None and m in explicit) or self.interlocked(org, m)
                ):
                    count += 1
            return count
        groups = self.groups
        if explicit is None and len(mine) == 1:
            (g,) = mine
            found = inside.get(g)
            if found is None:
                found = inside[g] = groups[g] & members
            return len(found) - (org in found)
        # The union of the members tied explicitly and those of each group. The groups
        # holding many members of the network (wide) are united once for each set of them
        # and kept, the largest left as it is; the members of the others and those tied
        # explicitly are then read, one by one, against that union. So a member of a
        # network whose people each sit on one of its organizations and on thousands of
        # others costs its own groups, and the organizations in the same wide groups of a
        # network (a hundred work stations, each with the same two people holding posts in
        # every committee) read them together.
        wide: list[int] = []
        narrow: list[AbstractSet[str]] = [explicit & members] if explicit is not None else []
        for g in mine:
            found = inside.get(g)
            if found is None:
                found = inside[g] = groups[g] & members
            if len(found) > _NEAR:
                wide.append(g)
            else:
                narrow.append(found)
        largest: AbstractSet[str] = _NONE
        extra: AbstractSet[str] = _NONE
        if len(wide) == 1:
            largest = inside[wide[0]]
        elif wide:
            key = frozenset(wide)
            got = inside.get(key)
            if got is None:
                sets = sorted((inside[g] for g in wide), key=len)
                largest, united = sets[-1], set[str]()
                for found in sets[:-1]:
                    united.update(x for x in found if x not in largest)
                got = inside[key] = (largest, united)
            largest, extra = got
        out: set[str] = set()
        for found in narrow:
            out.update(x for x in found if x not in largest and x not in extra)
        count = len(largest) + len(extra) + len(out)
        return count - (org in largest or org in extra or org in out)

    def interlocked(self, a: str, b: str) -> bool:
        """Whether a person holds posts in both ``a``, an organization of ``far``, and ``b``
        (kept for the pair)."""
        theirs = self.groups_of.get(b)
        if not theirs:
            return False
        key = (a, b) if a < b else (b, a)
        got = self.shares.get(key)
        if got is None:
            far = self.far
            got = self.shares[key] = not far[a].isdisjoint(far.get(b, theirs))
        return got

    def members_reason(self, n: int, n_admin: int, ties: int) -> Reason:
        """The ``members`` reason (shared)."""
        key = ("members", n, n_admin, ties)
        got = self.said.get(key)
        if got is None:
            got = self.said[key] = Reason(
                "members",
                f"{n} member organizations, {n_admin} administrative, {ties} tied pairs",
                {"members": n, "administrative": n_admin, "ties": ties},
            )
        return got


@attrs.frozen
class NetworkMode(Classifier):
    """The mode of governance of the network of organizations around a unit.

    The *network* of a unit (a community or a compound, at ``levels``) is its organizations:
    those located in the unit or a unit inside it, and those with a tie to the unit or a
    unit inside it (a property company that ``manages`` a compound, a residents' committee
    that ``serves`` it). Two organizations are tied when there is an organization–organization
    tie between them of any relation, a ``leads`` edge, or (with ``interlocks``) a person
    holding posts in both. *Administrative* organizations (:data:`ADMINISTRATIVE_KINDS`:
    governance centres, community work stations, party-mass service stations, or any
    organization whose ``administrative`` attribute is true) are not counted as members:
    they are the candidates for a network administrative organization, whether located in
    the unit or tied to its members from outside.

    Rules, in order:

    1. ``too-few-members``: fewer than two member organizations → ``none``.
    2. ``nao``: an administrative organization tied to at least ``nao_min_share`` of the
       members → ``nao`` (the one tied to most; ``nao-below-threshold`` notes a candidate
       that falls short).
    3. ``no-ties``: no tie among the members → ``none``.
    4. ``lead-organization``: with at least three members, Freeman's degree centralization of
       the member network (:func:`govmodel.metrics.structural.centralization`, 1 for a star,
       0 when every member has the same degree) is at least ``lead_threshold`` and one member
       alone has the highest degree → ``lead_organization``, that member.
    5. ``shared``: otherwise (including two tied members, where centralization is not
       defined) → ``shared``.

    Parameters
    ----------
    lead_threshold
        The degree centralization, in [0, 1], from which one organization leads.
    nao_min_share
        The share of members, in [0, 1], an administrative organization must be tied to.
    levels
        The levels (ranks, ``int``) of the units :meth:`classify_all` labels (5 community,
        6 compound).
    interlocks
        Whether a person holding posts in two organizations ties them (a ``bool``).
    administrative_kinds
        The organization kinds taken as administrative.
    relations
        The relations of organization–organization ties (``"leads"`` for leadership edges)
        that tie two organizations; ``None``, the default, for all.

    Raises
    ------
    TypeError
        If a threshold is not a number, a level not an ``int``, or ``interlocks`` not a
        ``bool``.
    ValueError
        If a threshold is not in [0, 1].

    Notes
    -----
    This operationalization is govmodel's own: Provan and Kenis define the three modes by
    who governs the network (the participants together, one participant, or a separate
    administrative entity) and relate them to trust, size, goal consensus and the need for
    network-level competencies, without giving thresholds on network structure. Here
    "governs" is read from ties alone, and the thresholds are parameters with defaults of
    govmodel's choosing (0.5 each). Ties are undirected: the lead is the structurally most
    central member, which may be the organization the others all deal with (a property
    company that is supervised, contracted and met with) rather than the one that directs
    them; restrict ``relations`` to the ties that mean coordination (e.g. ``leads``,
    ``guides``, ``joint_meeting``) for a stricter reading. A sparse network without a
    dominant member is labelled ``shared``; read ``details["density"]`` with it.

    ``details``: ``members`` (count), ``administrative`` (count of administrative
    organizations in the network), ``ties`` (count of tied member pairs), ``density``;
    ``centralization`` in a ``shared`` or ``lead_organization`` label of three members or
    more (where it is defined); ``lead`` and ``lead_share`` (its degree over
    ``members - 1``) in a ``lead_organization`` label; ``nao`` and ``nao_share`` in a
    ``nao`` label.

    "Inside the unit" means in its region (:func:`~govmodel.classify.region`: the unit and
    the units inside it down to units of its own rank, which are labelled on their own).
    Reads, of the structure's index, the region's units, the organizations located there,
    the ties into those units and of the organizations, leadership (``parent``), and the
    posts of the organizations and of their holders. Complexity: per unit, linear in its
    region and in the ties and posts of its organizations, and in the member network built
    from them. A person holding posts in :math:`k` organizations ties each two of them
    (with ``interlocks``), but is kept as one group of :math:`k`, not as :math:`k(k-1)/2`
    pairs: each network reads the group once, so one person in every committee of a city
    costs time linear in the committees. A member tied to many administrative
    organizations (a residents' committee managing every compound and meeting every
    service station) has its ties read once for all the networks that hold it.

    References
    ----------
    Provan, K. G., & Kenis, P. (2008). Modes of network governance: structure, management,
    and effectiveness. *Journal of Public Administration Research and Theory*, 18(2),
    229-252. Freeman, L. C. (1979). Centrality in social networks: conceptual clarification.
    *Social Networks*, 1(3), 215-239.

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.classify import network_mode
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("c1", entity="unit", kind="community")
    >>> for org, kind in [("pc", "community_party_committee"), ("rc", "residents_committee"),
    ...                   ("oc", "owners_committee"), ("so", "social_organization")]:
    ...     G.add_node(org, entity="organization", kind=kind)
    ...     _ = G.add_edge(org, "c1", key="located_in", relation="located_in")
    >>> for i, other in enumerate(["rc", "oc", "so"]):
    ...     _ = G.add_edge("pc", other, key=f"t{i}", relation="guides")
    >>> lab = network_mode(G)["c1"]
    >>> lab.value, lab.details["lead"], lab.details["centralization"]
    ('lead_organization', 'pc', 1.0)
    >>> _ = G.add_edge("rc", "oc", key="t3", relation="joint_meeting")
    >>> _ = G.add_edge("oc", "so", key="t4", relation="links")
    >>> _ = G.add_edge("so", "rc", key="t5", relation="links")
    >>> network_mode(G)["c1"].value
    'shared'
    """

    name: ClassVar[str] = "network_mode"
    en: ClassVar[str] = "network governance mode"
    zh: ClassVar[str] = "网络治理模式"
    reference: ClassVar[str] = (
        "Provan, K. G., & Kenis, P. (2008). Modes of network governance. JPART 18(2), 229-252"
    )
    classes: ClassVar[tuple[ClassDef, ...]] = (
        ClassDef(
            "shared",
            "shared governance",
            "参与者共享治理",
            "The member organizations govern the network together; no one dominates.",
        ),
        ClassDef(
            "lead_organization",
            "lead organization",
            "领导型组织治理",
            "One member organization coordinates the network: it holds most of the ties.",
        ),
        ClassDef(
            "nao",
            "network administrative organization",
            "网络行政组织治理",
            "A separate administrative organization, not a member, coordinates the network.",
        ),
        ClassDef(
            "none",
            "no network",
            "未形成网络",
            "Fewer than two member organizations, or no ties among them.",
        ),
    )

    lead_threshold: float = attrs.field(default=0.5, converter=_as_float, validator=_unit_interval)
    nao_min_share: float = attrs.field(default=0.5, converter=_as_float, validator=_unit_interval)
    levels: tuple[int, ...] = attrs.field(default=(5, 6), converter=_levels)
    interlocks: bool = attrs.field(default=True, validator=_is_bool)
    administrative_kinds: frozenset[str] = attrs.field(
        default=ADMINISTRATIVE_KINDS, converter=_str_set
    )
    relations: frozenset[str] | None = attrs.field(default=None, converter=_optional_str_set)

    def subjects_in(self, ix: StructureIndex) -> list[str]:
        levels = set(self.levels)
        if len(levels) == 1:
            return [u.id for u in ix.units_at_rank(self.levels[0])]
        codes = ix.codes
        found = [u.id for level in levels for u in ix.units_at_rank(level)]
        return sorted(found, key=codes.__getitem__)

    def _reader(self, ix: StructureIndex) -> _Reader:
        """The lookups :meth:`classify_in` reads, bound once (kept with the index for these
        options)."""
        key = ("network_mode.reader", self.relations, self.interlocks, self.administrative_kinds)
        return _cached(ix, key, lambda: _Reader(self, ix))

    def classify_in(self, ix: StructureIndex, subject: str) -> Label:
        return self._label_network(
            ix, self._reader(ix), subject, _region_orgs(ix, subject), self._shared(ix)
        )

    def _labeller(self, ix: StructureIndex) -> Callable[[str], Label]:
        if not self._defines_labels(NetworkMode):
            return super()._labeller(ix)
        read, orgs, label = self._reader(ix), _region_orgs_reader(ix), self._label_network
        shared = self._shared(ix)
        # the organizations around each unit of the levels, as orgs reads them, found by id
        # (a unit of another rank is read by orgs)
        around = _around_units(ix, self.levels).get
        return lambda subject: label(
            ix, read, subject, orgs(subject) if (got := around(subject)) is None else got, shared
        )

    def _label_network(
        self,
        ix: StructureIndex,
        read: _Reader,
        subject: str,
        network: Sequence[str],
        shared: dict[Hashable, Label],
    ) -> Label:
        """The label of ``subject``, whose organizations around it are ``network``
        (:meth:`classify_in`, with the lookups ``read`` and the shared labels of this
        classifier, :meth:`~govmodel.classify.base.Classifier._shared`, bound)."""
        administrative = read.administrative
        members = [o for o in network if o not in administrative] if administrative else network
        n = len(members)
        n_admin = len(network) - n
        if n < 2:
            # decided by the counts alone: one label of each, shared
            return self._by_counts(read, subject, ("too-few-members", n, n_admin), shared)

        # the member network, undirected: each member's degree is the number of members
        # tied to it (the ties are symmetric; the intersection reads the smaller side, so an
        # organization tied to thousands outside this network costs the network's size)
        member_set = set(members)
        inside: dict[Hashable, Any] = {}  # each group's members (Reader.degree_in)
        degree_in, reach = read.degree_in, read.reach.get
        degrees = [
            len(tied & member_set)
            if (tied := reach(o, _NONE)) is not None
            else degree_in(o, member_set, inside)
            for o in members
        ]
        total = sum(degrees)
        ties = total // 2

        # Network administrative organization: administrative organizations in the network,
        # or tied to its members from outside (none without administrative organizations).
        best: tuple[float, str] | None = None
        if administrative:
            best = self._nao(read, network, members, member_set, inside)

        top = max(degrees)
        n_leaders = degrees.count(top)  # the members of the highest degree
        # Freeman's degree centralization (_degree_centralization), of integers: exact
        c = (n * top - total) / ((n - 1) * (n - 2)) if n >= 3 else math.nan
        lead_threshold = self.lead_threshold
        if best is None and (ties == 0 or not (c >= lead_threshold and n_leaders == 1)):
            # decided by the counts alone (no organization named): shared
            key = ("shared", n, n_admin, ties, c, n_leaders) if ties else ("no-ties", n, n_admin)
            return self._by_counts(read, subject, key, shared)

        density = ties / (n * (n - 1) / 2)
        details: dict[str, Scalar] = {
            "members": n,
            "administrative": n_admin,
            "ties": ties,
            "density": density,
        }
        reasons = [read.members_reason(n, n_admin, ties)]
        if best is not None:
            share, nao = best
            data: dict[str, Scalar] = {
                "nao": nao,
                "share": share,
                "nao_min_share": self.nao_min_share,
            }
            if share >= self.nao_min_share:
                details.update(nao=nao, nao_share=share)
                reasons.append(
                    _reason(
                        "nao",
                        f"administrative organization {nao!r} is tied to {share:.0%} of the "
                        f"members (at least {self.nao_min_share:.0%})",
                        data,
                    )
                )
                return self._made(subject, "nao", reasons, details)
            reasons.append(
                _reason(
                    "nao-below-threshold",
                    f"administrative organization {nao!r} is tied to only {share:.0%} of the "
                    f"members (below {self.nao_min_share:.0%})",
                    data,
                )
            )

        if ties == 0:
            reasons.append(self._said(read, ("no-ties", n)))
            return self._made(subject, "none", reasons, details)
        if not math.isnan(c):
            details["centralization"] = c
            if c >= lead_threshold and n_leaders == 1:
                lead = members[degrees.index(top)]
                lead_share = top / (n - 1)
                details["lead"] = lead
                details["lead_share"] = lead_share
                reasons.append(
                    _reason(
                        "lead-organization",
                        f"degree centralization {c:.2f} is at least {lead_threshold:.2f} "
                        f"and {lead!r} alone holds the most ties ({top} of {n - 1} members)",
                        {
                            "centralization": c,
                            "lead_threshold": lead_threshold,
                            "lead": lead,
                            "lead_share": lead_share,
                        },
                    )
                )
                return self._made(subject, "lead_organization", reasons, details)
        reasons.append(self._said(read, ("shared", n, c, n_leaders)))
        return self._made(subject, "shared", reasons, details)

    def _nao(
        self,
        read: _Reader,
        network: Sequence[str],
        members: Sequence[str],
        member_set: set[str],
        inside: dict[Hashable, Any],
    ) -> tuple[float, str] | None:
        """The administrative organization tied to the largest share of ``members`` (the
        least id of those tied to as many), with the share; ``None`` when there is no
        candidate (:meth:`_label_network`; ``inside`` as :meth:`_Reader.degree_in`)."""
        degree_in, near, far = read.degree_in, read.near, read.far
        administrative_neighbours, admin_groups = read.administrative_neighbours, read.admin_groups
        n = len(members)
        candidates = set(network).difference(member_set) if n < len(network) else set()
        reached: set[int] = set()  # the groups of the members holding administrative ones
        hubs: list[str] = []  # the members tied to many administrative organizations
        for o in members:
            got = administrative_neighbours.get(o)
            if got is not None:
                if len(got) > _WIDE:
                    hubs.append(o)
                else:
                    candidates.update(got)
            mine = admin_groups.get(o)
            if mine is not None:
                reached.update(mine)
        best: tuple[float, str] | None = None
        admin_in = read.admin_in
        wide: list[int] = []  # the reached groups holding many other administrative ones
        for g in reached:
            first, others, _ = admin_in[g]
            if len(others) > _WIDE:
                wide.append(g)
            else:
                candidates.update(others)
            if first is not None:  # it and the others tied by this group alone: one score
                found = inside.get(g)
                if found is None:
                    found = inside[g] = read.groups[g] & member_set
                share = len(found) / n
                if best is None or share > best[0] or (share == best[0] and first < best[1]):
                    best = (share, first)
        if wide:
            # of the administrative organizations of wide groups, the least of those in the
            # same ones (of these): one of them tied to members otherwise is tied to one
            # explicitly (administrative_neighbours) or shares a narrower group with it,
            # whose others are all candidates; the rest tie exactly the members their wide
            # groups tie, as the least of them does (at least), and lose to it
            candidates.update(read.classes(frozenset(wide)))
        if hubs and wide:
            for o in hubs:
                candidates.update(administrative_neighbours[o])
        elif hubs:
            # an administrative organization tied to a hub that is no candidate yet is
            # tied to no other member (it would be a candidate: tied to a member of few
            # ties, or in a group of a member, all of whose administrative organizations are
            # candidates without wide groups), so to as many members as hubs: of those,
            # the one tied to the most hubs, the least id of as many, scores at least as
            # well as any, and wins a tie (a network holding a hub does not read its ties)
            candidates.add(read.most_tied(frozenset(hubs)))
        for cand in candidates:
            tied = (
                degree_in(cand, member_set, inside)
                if cand in far
                else len(near.get(cand, _NONE) & member_set)
            )
            share = tied / n
            if best is None or share > best[0] or (share == best[0] and cand < best[1]):
                best = (share, cand)
        return best

    def _made(
        self, subject: str, value: str, reasons: list[Reason], details: dict[str, Scalar]
    ) -> Label:
        """``self.label(subject, value, reasons, details)`` for a declared ``value`` and
        the ``reasons`` and ``details`` just made (handed over, not copied)."""
        if self.classes is not NetworkMode.classes:  # a subclass's own classes
            return self.label(subject, value, reasons, details)
        c = _CLASS_OF[value]
        return _made_label(self.name, subject, value, c.en, c.zh, tuple(reasons), details)

    def _said(self, read: _Reader, key: tuple[Any, ...]) -> Reason:
        """The closing reason that names no organization, by what decides it (shared):
        ``("too-few-members", n)``, ``("no-ties", n)`` or ``("shared", n, c, leaders)``
        (``n`` members, centralization ``c``, ``leaders`` members of the highest degree).
        The reader is shared by classifiers of other thresholds, whose reasons differ: the
        threshold is part of the key."""
        kept = (self.lead_threshold, key)
        got = read.said.get(kept)
        if got is not None:
            return got
        if key[0] == "too-few-members":
            n = key[1]
            got = Reason(
                "too-few-members",
                f"{n} member organization{'s' if n != 1 else ''}: no network to govern",
                {"members": n},
            )
        elif key[0] == "no-ties":
            got = Reason("no-ties", "no ties among the member organizations", {"members": key[1]})
        else:
            _, n, c, leaders = key
            data: dict[str, Scalar]
            if not math.isnan(c):
                data = {"centralization": c, "lead_threshold": self.lead_threshold}
                why = (
                    f"degree centralization {c:.2f} is below {self.lead_threshold:.2f}"
                    if c < self.lead_threshold
                    else f"{leaders} organizations share the most ties"
                )
            else:
                data = {"members": n}
                why = "two tied organizations: centralization is not defined"
            got = Reason("shared", f"no single organization leads: {why}", data)
        read.said[kept] = got
        return got

    def _by_counts(
        self, read: _Reader, subject: str, key: tuple[Any, ...], shared: dict[Hashable, Label]
    ) -> Label:
        """The label of a unit whose network names no organization in its label, decided by
        the counts in ``key`` alone (:meth:`_said`; ``key[1:3]``: the members and the
        administrative organizations, then for ``"shared"`` the ties, the centralization
        and the number of members of the highest degree); shared by the units with the
        same counts (kept in ``shared``, :meth:`~govmodel.classify.base.Classifier._shared`)."""
        got = shared.get(key)
        if got is None:
            what, n, n_admin = key[:3]
            ties = key[3] if what == "shared" else 0
            details: dict[str, Scalar] = {
                "members": n,
                "administrative": n_admin,
                "ties": ties,
                "density": ties / (n * (n - 1) / 2) if n >= 2 else 0.0,
            }
            if what == "shared":
                closing = self._said(read, ("shared", n, *key[4:]))
                if not math.isnan(key[4]):
                    details["centralization"] = key[4]
            else:
                closing = self._said(read, (what, n))
            reasons = (read.members_reason(n, n_admin, ties), closing)
            value = "shared" if what == "shared" else "none"
            got = shared[key] = self.label(subject, value, reasons, details)
        return self._again(got, subject)


#: The classes of :class:`NetworkMode` by value.
_CLASS_OF: Final = {c.value: c for c in NetworkMode.classes}


def network_mode(
    source: Source,
    *,
    lead_threshold: float = 0.5,
    nao_min_share: float = 0.5,
    levels: tuple[int, ...] = (5, 6),
    interlocks: bool = True,
    administrative_kinds: frozenset[str] = ADMINISTRATIVE_KINDS,
    relations: frozenset[str] | None = None,
) -> dict[str, Label]:
    """The network governance mode of every community and compound (see
    :class:`NetworkMode`).

    ``source`` is a structure, its :class:`~govmodel.index.StructureIndex` or a govmodel
    graph (:func:`~govmodel.classify.read_index`).

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.classify import network_mode
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("x1", entity="unit", kind="compound")
    >>> for org, kind in [("oc", "owners_committee"), ("pc", "property_company"),
    ...                   ("rc", "residents_committee"), ("gc", "governance_centre")]:
    ...     G.add_node(org, entity="organization", kind=kind)
    >>> _ = G.add_edge("oc", "x1", key="located_in", relation="located_in")
    >>> _ = G.add_edge("pc", "x1", key="t1", relation="manages")
    >>> _ = G.add_edge("rc", "x1", key="t2", relation="serves")
    >>> _ = G.add_edge("gc", "oc", key="t3", relation="links")
    >>> _ = G.add_edge("gc", "pc", key="t4", relation="links")
    >>> lab = network_mode(G)["x1"]
    >>> lab.value, lab.details["nao"], round(lab.details["nao_share"], 2)
    ('nao', 'gc', 0.67)
    >>> network_mode(G, nao_min_share=0.9)["x1"].value
    'none'

    The Xihu community's organizations, with no single hub:

    >>> import govmodel
    >>> s = govmodel.datasets.load("xihu")
    >>> [(lab.value, lab.details["members"] > 10) for lab in network_mode(s, levels=(5,)).values()]
    [('shared', True)]
    """
    return NetworkMode(
        lead_threshold=lead_threshold,
        nao_min_share=nao_min_share,
        levels=levels,
        interlocks=interlocks,
        administrative_kinds=administrative_kinds,
        relations=relations,
    ).classify_all(source)
