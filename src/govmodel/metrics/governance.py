"""Party-organization coverage, cross-appointment and the people who hold the bodies together.

* :func:`coverage`: the share of units of a kind that host an organization of a kind (the
  compounds with a compound party branch, the buildings with a building party group), per
  unit and per level of the containment tree.
* :func:`org_coverage`: the share of organizations of a kind in which a party organization
  is set up (owners' committees and property companies with a party branch, Chengdu 2018).
* :func:`cross_appointment`: the compounds whose party-branch secretary chairs the owners'
  committee (交叉任职), the people with several posts, and the owners'-committee members who
  sit on the community "two committees" (两委).
* :func:`key_people`: the people who are the only link between two bodies of a compound.

Every function reads the graph in one pass over the nodes and edges it needs, and rolls
counts up the containment tree in one bottom-up pass. See ``docs/measures/governance.md``.

Examples
--------
>>> import govmodel
>>> from govmodel.metrics.governance import coverage
>>> G = govmodel.to_graph(govmodel.datasets.load("yuetang"))
>>> c = coverage(G, "party", "compound")  # compounds with a party organization in them
>>> c.covered, c.total, c.uncovered
(4, 5, ('yt-c5',))
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from operator import attrgetter
from typing import Any, TypeAlias, cast

import attrs
import networkx as nx

from govmodel.errors import Problem, SpecError
from govmodel.graph import _edge_path, affiliation_graph, party_hierarchy, to_graph
from govmodel.index import StructureIndex, people_reach_only_by_posts_and_ties
from govmodel.metrics.hierarchy import (
    GraphOrIndex,
    _check_graph,
    _day,
    _entities,
    _forest,
    _graph_tree,
    _in_force,
    _index_tree,
    _kind_order,
    _on_index,
    _out,
    _Tree,
)
from govmodel.metrics.service import Rate, _out_of
from govmodel.spec import in_force

__all__ = [
    "TRIPARTITE_BODIES",
    "TWO_COMMITTEES",
    "Coverage",
    "CoverageCount",
    "CrossAppointment",
    "KeyLink",
    "OrgSelector",
    "coverage",
    "cross_appointment",
    "key_people",
    "org_coverage",
]

#: Which organizations a measure looks at: one organization kind (``"owners_committee"``), a
#: collection of kinds, or ``"party"`` for every party organization (``is_party``).
OrgSelector: TypeAlias = str | Collection[str]

#: The bodies of compound governance: the party organization and the "three carriages"
#: (三驾马车) of the tri-partite model (report 000).
TRIPARTITE_BODIES: tuple[str, ...] = (
    "party",
    "residents_committee",
    "owners_committee",
    "property_company",
)

#: The community "two committees" (两委): the community party committee (or general branch)
#: and the residents' committee (report 004).
TWO_COMMITTEES: tuple[str, ...] = (
    "community_party_committee",
    "community_party_general_branch",
    "residents_committee",
)


def _matcher(G: nx.Graph, selector: OrgSelector) -> Callable[[Hashable, Mapping[str, Any]], bool]:
    """A predicate on an organization node (id and data) for a selector; ``"party"`` selects
    the nodes of :func:`govmodel.graph.party_hierarchy`."""
    kinds = _kinds(selector)
    if not kinds:
        raise ValueError("an organization selector needs at least one kind")
    if "party" not in kinds:
        return lambda o, d: d.get("kind") in kinds
    party = set(party_hierarchy(G))
    return lambda o, d: o in party or d.get("kind") in kinds


def _kinds(selector: str | Collection[str]) -> frozenset[str]:
    return frozenset((selector,)) if isinstance(selector, str) else frozenset(selector)


def _once(selector: OrgSelector) -> OrgSelector:
    """A selector the index may read more than once: an iterator's kinds, as the graph's one
    reading (:func:`_kinds`) takes them."""
    return selector if isinstance(selector, str) else tuple(selector)


_LOCATED_IN: frozenset[str] = frozenset({"located_in"})
#: ``via`` as the measures take it by default: the seats of the organizations alone.
_SEATS: tuple[str, ...] = ("located_in",)
_UNIT = attrgetter("unit")


# ------------------------------------------------------------------------------------------------
# Coverage


@attrs.frozen
class CoverageCount:
    """How many of some items are covered.

    Attributes
    ----------
    total
        The items counted.
    covered
        Those covered.
    rate
        ``covered / total``; ``nan`` when ``total`` is 0.
    """

    total: int
    covered: int
    rate: float

    @classmethod
    def of(cls, covered: int, total: int) -> CoverageCount:
        """The count ``covered`` of ``total``."""
        return cls(total, covered, covered / total if total else math.nan)


@attrs.frozen
class Coverage:
    """The coverage of units or organizations by organizations of a kind.

    Attributes
    ----------
    total
        The units (or host organizations) of the kind asked for.
    covered
        Those covered.
    rate
        ``covered / total``; ``nan`` when ``total`` is 0.
    uncovered
        The ids of those not covered, in node order.
    by_unit
        For every unit containing at least one of the items, the count over the items
        inside it: for :func:`coverage` the units of ``unit_kind`` strictly below it, for
        :func:`org_coverage` the hosts located in it or below it. In top-down order.
    complete_by_level
        By unit kind (ordered by rank), how many of the units of ``by_unit`` of that kind are
        *completely* covered (every item inside them covered): ``total`` counts the units of
        the kind that contain an item, ``covered`` those whose items are all covered (e.g.
        the communities where every compound has a branch).
    """

    total: int
    covered: int
    rate: float
    uncovered: tuple[str, ...]
    by_unit: Mapping[str, CoverageCount]
    complete_by_level: Mapping[str, CoverageCount]


def _roll_coverage(tree: _Tree, items: Sequence[tuple[Hashable, int, bool]]) -> Coverage:
    """Count ``(item, anchor unit code or -1, covered)`` triples at their anchors and roll the
    counts up every ancestor in one bottom-up pass."""
    by_unit: dict[str, CoverageCount] = {}
    units: dict[str, int] = {}
    complete: dict[str, int] = {}
    for name, k, t, c in tree.tallies([a for _, a, _ in items], [int(h) for _, _, h in items]):
        by_unit[name] = CoverageCount.of(c, t)
        units[k] = units.get(k, 0) + 1
        complete[k] = complete.get(k, 0) + (c == t)
    n_covered = sum(hit for _, _, hit in items)
    return Coverage(
        total=len(items),
        covered=n_covered,
        rate=CoverageCount.of(n_covered, len(items)).rate,
        uncovered=tuple(str(i) for i, _, hit in items if not hit),
        by_unit=by_unit,
        complete_by_level={
            k: CoverageCount.of(complete[k], units[k]) for k in sorted(units, key=_kind_order)
        },
    )


def coverage(
    G: GraphOrIndex,
    org_kind: OrgSelector,
    unit_kind: str | Collection[str],
    *,
    via: Collection[str] = ("located_in",),
) -> Coverage:
    """The share of units of a kind that host at least one organization of a kind.

    A unit :math:`u` is covered when some organization :math:`o` selected by ``org_kind`` has
    an edge :math:`o \\to u` whose relation is in ``via`` (by default ``located_in``: the
    organization sits in the unit itself, not in a unit above or below it).

    .. math:: \\text{rate} = \\frac{|\\{u \\in U_k : \\exists o \\in O,\\ o \\to u\\}|}{|U_k|}

    The counts are rolled up every ancestor of the units (per compound, per community, per
    street, …) in one bottom-up pass, and :attr:`Coverage.complete_by_level` counts, per
    level, the units all of whose units of the kind are covered. Chengdu (report 002) had
    compound party branches in 4,328 compounds in 2018; Yuetang (004) aims at full coverage.

    Parameters
    ----------
    G
        A govmodel graph or a :class:`~govmodel.index.StructureIndex` (the same answer,
        without the graph).
    org_kind
        An organization kind (``"compound_party_branch"``), a collection of kinds, or
        ``"party"`` for any party organization.
    unit_kind
        A unit kind (``"compound"``) or a collection of kinds (``("compound", "courtyard")``).
    via
        The relations of the edges from an organization to a unit that cover it (one
        relation, or a collection of them); add ``"serves"`` to let a joint branch serving
        several compounds cover each of them.

    Returns
    -------
    Coverage

    Raises
    ------
    TypeError
        If ``G`` is neither a networkx graph nor a ``StructureIndex``.
    ValueError
        If ``org_kind`` selects no kind.
    SpecError
        If the containment edges are not a forest.

    Notes
    -----
    Complexity :math:`O(n + m)` for the :math:`n` units and organizations and the :math:`m`
    edges out of the organizations and units; on an index the counts go up the tree in one
    vectorised pass per level.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.metrics.governance import coverage
    >>> G = govmodel.to_graph(govmodel.datasets.load("yuetang"))
    >>> c = coverage(G, "building_party_group", "building")
    >>> c.covered, c.total, c.uncovered
    (10, 12, ('yt-c5-b1', 'yt-c5-b2'))
    >>> c.by_unit["yt-c5"], c.complete_by_level["compound"]
    (CoverageCount(total=2, covered=0, rate=0.0), CoverageCount(total=5, covered=4, rate=0.8))
    >>> from govmodel.index import StructureIndex
    >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
    >>> coverage(ix, "building_party_group", "building") == c
    True
    """
    kinds = _kinds(unit_kind)
    via = _kinds(via)  # one relation, not its letters
    if _on_index(G, "coverage"):
        return _index_coverage(
            G, org_kind, via, G.unit_ids, G.unit_parent, G.unit_kind, G.unit_kinds, kinds
        )
    tree = _graph_tree(G, "containment")
    hosts = _covered(G, _matcher(G, org_kind), frozenset(via))
    code, up = tree.code, tree.parent
    items = [
        (u, up[code[u]], u in hosts)
        for u, data in _entities(G, "unit")
        if data.get("kind") in kinds
    ]
    return _roll_coverage(tree, items)


def _index_coverage(
    ix: StructureIndex,
    org_kind: OrgSelector,
    via: Collection[str],
    ids: Sequence[str],
    anchors: Any,
    kind: Any,
    kind_names: Sequence[str],
    kinds: frozenset[str],
) -> Coverage:
    """:func:`coverage` (of units) or :func:`org_coverage` (of organizations) on an index:
    the items (``ids``, each with its kind code in ``kind``) of ``kinds``, each counted at
    its unit code in ``anchors``."""
    tree = _index_tree(ix, "containment")
    hit = _hosts(ix, org_kind, via)
    chosen = _where(ix, kind, [k in kinds for k in kind_names])
    at = anchors[chosen].tolist() if ix.backend == "numpy" else [anchors[i] for i in chosen]
    picked = [ids[i] for i in chosen]
    items = [(e, a, e in hit) for e, a in zip(picked, at, strict=True)]
    return _roll_coverage(tree, items)


def _where(ix: StructureIndex, codes: Any, wanted: Any) -> list[int]:
    """The positions, in order, of the codes in ``codes`` (an index array) that ``wanted``
    (a sequence of flags, or with numpy a boolean array) selects: ``wanted[code]``; a code
    ``-1`` is never selected."""
    if ix.backend == "numpy":
        hit = (ix.ints(wanted)[codes] != 0) & (codes >= 0)
        return hit.nonzero()[0].tolist()  # type: ignore[no-any-return]
    return [i for i, c in enumerate(codes) if c >= 0 and wanted[c]]


def _selected(ix: StructureIndex, selector: OrgSelector) -> set[str]:
    """The ids of the organizations a selector selects (refusing an empty one)."""
    ix.selector(selector)  # refuses an empty selector, as on the graph
    orgs = ix.organizations
    return {orgs[i].id for i in ix.orgs_selected(selector).tolist()}


def _hosts(ix: StructureIndex, selector: OrgSelector, via: Collection[str]) -> set[Hashable]:
    """:func:`_covered` on an index: the nodes with an edge of ``via`` from a selected org."""
    selector = _once(selector)
    if via == _SEATS or frozenset(via) == _LOCATED_IN:
        # the edges are the seats alone: the units the selected organizations sit in
        ix.selector(selector)  # refuses an empty selector, as on the graph
        orgs = ix.organizations
        seated = map(_UNIT, map(orgs.__getitem__, ix.orgs_selected(selector).tolist()))
        return {u for u in seated if u is not None}
    selected = _selected(ix, selector)
    return {v for v, located in ix.located(via).items() if not selected.isdisjoint(located)}


def _position(G: nx.Graph) -> dict[Hashable, int]:
    return {v: i for i, v in enumerate(G)}


def _covered(
    G: nx.Graph, match: Callable[[Hashable, Mapping[str, Any]], bool], via: frozenset[str]
) -> set[Hashable]:
    """The nodes at the head of an edge with a relation in ``via`` from a selected org."""
    nodes = G.nodes
    return {v for v, orgs in _located(G, via).items() if any(match(o, nodes[o]) for o in orgs)}


def org_coverage(
    G: GraphOrIndex,
    host_kind: str | Collection[str],
    *,
    org_kind: OrgSelector = "party",
    via: Collection[str] = ("embedded_in",),
) -> Coverage:
    """The share of organizations of a kind in which a party organization is set up.

    A host organization :math:`h` (an owners' committee, a property company) is covered when
    an organization :math:`o` selected by ``org_kind`` (by default any party organization) has
    an edge :math:`o \\to h` whose relation is in ``via`` (by default ``embedded_in``, the tie
    "is set up in", 建在):

    .. math:: \\text{rate} = \\frac{|\\{h \\in H_k : \\exists o \\in O,\\ o \\to h\\}|}{|H_k|}

    The counts are rolled up from the unit each host is ``located_in`` to every ancestor.
    Chengdu (report 002) counted 706 owners' committees and 347 property companies with a
    party organization in 2018.

    Parameters
    ----------
    G
        A govmodel graph or a :class:`~govmodel.index.StructureIndex`.
    host_kind
        The kind of the host organizations, or a collection of kinds.
    org_kind
        The organizations that cover a host: a kind, a collection of kinds, or ``"party"``.
    via
        The relations of the edges from an organization to its host that count (one
        relation, or a collection of them).

    Returns
    -------
    Coverage
        ``by_unit`` counts, for each unit, the hosts located in it or in a unit below it;
        hosts located nowhere count only in the totals.

    Raises
    ------
    TypeError
        If ``G`` is neither a networkx graph nor a ``StructureIndex``.
    SpecError
        If the containment edges are not a forest.

    Notes
    -----
    Complexity :math:`O(n + m)`.

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.metrics.governance import org_coverage
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("x1", entity="unit", kind="compound")
    >>> G.add_node("oc1", entity="organization", kind="owners_committee")
    >>> G.add_node("oc2", entity="organization", kind="owners_committee")
    >>> G.add_node("pg", entity="organization", kind="party_group", is_party=True)
    >>> _ = G.add_edge("oc1", "x1", relation="located_in")
    >>> _ = G.add_edge("pg", "oc1", key="t1", relation="embedded_in")
    >>> c = org_coverage(G, "owners_committee")
    >>> c.covered, c.total, c.uncovered, c.by_unit["x1"].rate
    (1, 2, ('oc2',), 1.0)

    On an index, the owners' committees of Chengdu with a party organization set up in them:

    >>> import govmodel
    >>> from govmodel.index import StructureIndex
    >>> ix = StructureIndex.of(govmodel.datasets.load("chengdu"))
    >>> c = org_coverage(ix, "owners_committee")
    >>> c == org_coverage(govmodel.to_graph(govmodel.datasets.load("chengdu")), "owners_committee")
    True
    """
    kinds = _kinds(host_kind)
    via = _kinds(via)  # one relation, not its letters
    if _on_index(G, "org_coverage"):
        ids = [o.id for o in G.organizations]
        return _index_coverage(G, org_kind, via, ids, G.org_unit, G.org_kind, G.org_kinds, kinds)
    tree = _graph_tree(G, "containment")
    hit = _covered(G, _matcher(G, org_kind), frozenset(via))
    nodes, code = G.nodes, tree.code
    items: list[tuple[Hashable, int, bool]] = []
    for h, data in _entities(G, "organization"):
        if data.get("kind") not in kinds:
            continue
        unit = next(
            (
                code[v]
                for v, e in _out(G, h)
                if e.get("relation") == "located_in" and nodes[v].get("entity") == "unit"
            ),
            -1,
        )
        items.append((h, unit, h in hit))
    return _roll_coverage(tree, items)


# ------------------------------------------------------------------------------------------------
# Posts and cross-appointment


class _Posts:
    """The posts in force, as :func:`govmodel.graph.affiliation_graph` reads them:
    ``holders[org][role]`` the people holding ``role`` in ``org``, ``orgs[person]`` the
    organizations of a person (in the order of the person's posts, each once)."""

    __slots__ = ("holders", "orgs")

    def __init__(self) -> None:
        self.holders: dict[Hashable, dict[str, set[Hashable]]] = {}
        self.orgs: dict[Hashable, dict[Hashable, None]] = {}

    def add(self, posts: Iterable[tuple[Hashable, Hashable, str]]) -> None:
        """Posts ``(person, org, roles)``, the roles of a person in an org joined by commas."""
        holders, orgs = self.holders, self.orgs
        for person, org, roles in posts:
            by_role = holders.get(org)
            if by_role is None:
                by_role = holders[org] = {}
            for role in roles.split(","):
                held = by_role.get(role)
                if held is None:
                    by_role[role] = {person}
                else:
                    held.add(person)
            found = orgs.get(person)
            if found is None:
                orgs[person] = {org: None}
            else:
                found[org] = None

    @classmethod
    def of_graph(cls, G: nx.Graph, as_of: str | None) -> _Posts:
        """The posts of a graph in force ``as_of``."""
        B = affiliation_graph(G, as_of=as_of)
        posts = cls()
        posts.add(
            (p, o, edge["roles"])
            for p, data in B.nodes(data=True)
            if data["bipartite"] == 0
            for o, edge in B.adj[p].items()
        )
        return posts

    @classmethod
    def of_index(cls, ix: StructureIndex, day: str | None) -> _Posts:
        """The posts of an index in force on ``day``, as :meth:`of_graph` reads them (each
        person's organizations in the order of the first post to each, in force or not).
        ``ix`` must be one where people reach organizations only through posts and ties
        (:func:`govmodel.index.people_reach_only_by_posts_and_ties`)."""
        posts = ix.posts
        # The posts of a person in an organization (not of other nodes, by invalid references).
        person, org = ix.post_person, ix.post_org
        if ix.backend == "numpy":
            valid = (person >= 0) & (org >= 0)
            kept = list(posts) if valid.all() else [posts[i] for i in valid.nonzero()[0].tolist()]
        else:
            kept = [p for p, a, b in zip(posts, person, org, strict=True) if a >= 0 and b >= 0]
        if day is not None:
            try:
                kept = [p for p in kept if in_force(p.start, p.end, day)]
            except ValueError:
                _raise_first_bad_date(ix, day)  # the problem the graph would meet first
                raise
        out = cls()
        roles = map(str, map(attrgetter("role"), kept))
        people, orgs = map(attrgetter("person"), kept), map(attrgetter("organization"), kept)
        out.add(zip(people, orgs, roles, strict=True))
        several = [p for p, found in out.orgs.items() if len(found) > 1]
        if several and day is not None:
            wanted = set(several)
            first: dict[tuple[str, str], int] = {}
            for i, post in enumerate(posts):
                if post.person in wanted:
                    first.setdefault((post.person, post.organization), i)
            for p in several:
                out.orgs[p] = dict.fromkeys(
                    sorted(out.orgs[p], key=lambda o, p=p: first[(p, o)])  # type: ignore[misc]
                )
        return out

    def people(self, org: Hashable) -> set[Hashable]:
        """Everyone holding a post in ``org``."""
        out: set[Hashable] = set()
        for holders in self.holders.get(org, {}).values():
            out |= holders
        return out

    def holding(self, role: str) -> dict[Hashable, set[Hashable]]:
        """Organization to the people holding ``role`` in it (where someone does)."""
        return {o: by_role[role] for o, by_role in self.holders.items() if role in by_role}

    def overlap(self, a: Collection[Hashable], b: Collection[Hashable]) -> tuple[int, int]:
        """``(|A & B|, |A|)`` for the people ``A`` with a post in an organization of ``a``
        and ``B`` in one of ``b``."""
        members: set[Hashable] = set()
        for o in a:
            members |= self.people(o)
        other: set[Hashable] = set()
        for o in b:
            other |= self.people(o)
        return len(members & other), len(members)


class _HeldPosts:
    """:class:`_Posts` of an index whose every post is in force (no ``as_of``), held by a
    person in an organization, with a role without a comma, read off the index's arrays:
    the holders of a role (all :func:`_cross` asks for is two) from the posts of that role
    only, the people of some organizations from the posts in them only, and ``orgs`` for
    the people with posts in several organizations only (all :func:`_cross` reads of it)."""

    __slots__ = ("_by_role", "ix", "orgs")

    def __init__(self, ix: StructureIndex) -> None:
        self.ix = ix
        self._by_role: dict[str, dict[Hashable, set[Hashable]]] = {}
        #: The people with posts in several organizations, in person order
        #: (:meth:`~govmodel.index.StructureIndex.multi_holders`).
        self.orgs: Mapping[str, tuple[str, ...]] = ix.multi_holders()

    @staticmethod
    def usable(ix: StructureIndex, day: str | None) -> bool:
        """Whether the posts of ``ix`` on ``day`` can be read so."""
        if day is not None or any("," in r for r in ix.post_roles):
            return False
        person, org = ix.post_person, ix.post_org
        if ix.backend == "numpy":
            return bool(((person >= 0) & (org >= 0)).all())
        return all(a >= 0 for a in person) and all(b >= 0 for b in org)

    def holding(self, role: str) -> dict[Hashable, set[Hashable]]:
        """Organization id to the people holding ``role`` in it (where someone does)."""
        got = self._by_role.get(role)
        if got is None:
            ix, posts = self.ix, self.ix.posts
            code = ix.role_code(role)
            got = self._by_role[role] = {}
            wanted = [c == code for c in range(len(ix.post_roles))]
            for i in _where(ix, ix.post_role, wanted):
                post = posts[i]
                held = got.get(post.organization)
                if held is None:
                    got[post.organization] = {post.person}
                else:
                    held.add(post.person)
        return got

    def overlap(self, a: OrgSelector, b: OrgSelector) -> tuple[int, int]:
        """:meth:`_Posts.overlap` of the organizations two selectors select."""
        ix = self.ix
        if ix.backend == "numpy":
            # person flags: someone with a post in an organization the selector selects
            def holding(selector: OrgSelector) -> Any:
                chosen = ix.ints(ix.org_kind_mask(selector))[ix.org_kind][ix.post_org] != 0
                return ix.count_by(ix.post_person[chosen], ix.n_people) > 0

            in_a, in_b = holding(a), holding(b)
            return int((in_a & in_b).sum()), int(in_a.sum())
        posts = ix.posts

        def people(selector: OrgSelector) -> set[str]:
            mask = ix.org_kind_mask(selector)
            wanted = [mask[k] for k in ix.org_kind]
            return {posts[i].person for i in _where(ix, ix.post_org, wanted)}

        members = people(a)
        return len(members & people(b)), len(members)


def _located(G: nx.Graph, via: frozenset[str] = _LOCATED_IN) -> dict[Hashable, list[Hashable]]:
    """``node -> organizations`` with an edge to it whose relation is in ``via`` (by default
    the units and the organizations located in them), in one pass over the organizations."""
    out: dict[Hashable, list[Hashable]] = {}
    for o, _ in _entities(G, "organization"):
        reached: set[Hashable] = set()  # an organization is listed once however many edges
        for v, edge in _out(G, o):
            if edge.get("relation") in via and v not in reached:
                reached.add(v)
                out.setdefault(v, []).append(o)
    return out


@attrs.frozen
class CrossAppointment:
    """Cross-appointment (交叉任职) in the compounds of a graph.

    Attributes
    ----------
    rate
        The compounds whose party-branch secretary also chairs the compound's owners'
        committee, over all compounds.
    appointed
        By compound id, the people who are both (usually one), for the compounds that have
        cross-appointment.
    failures
        By compound id, why the others fail, the first that applies of: ``"no_branch"`` (no
        party branch in the compound), ``"no_secretary"`` (its branch has no secretary),
        ``"no_owners_committee"``, ``"no_chair"`` (the committee has no chair),
        ``"different_person"``.
    multi_post_people
        By person id, the organizations (two or more, in the order of the person's posts)
        in which the person holds a post.
    two_committees
        Of the people holding a post in an owners' committee, those who also hold a post in
        a body of the community "two committees" (两委), over all of them.
    """

    rate: Rate
    appointed: Mapping[str, tuple[str, ...]]
    failures: Mapping[str, str]
    multi_post_people: Mapping[str, tuple[str, ...]]
    two_committees: Rate


def cross_appointment(
    G: GraphOrIndex,
    *,
    as_of: str | None = None,
    unit_kind: str | Collection[str] = "compound",
    branch: OrgSelector = ("compound_party_branch", "property_party_branch"),
    committee: OrgSelector = "owners_committee",
    two_committees: OrgSelector = TWO_COMMITTEES,
) -> CrossAppointment:
    """How far the compound party branch and the owners' committee share their leaders.

    Yuetang (report 004) has "the secretaries of qualified compound party organizations and
    the members of the community two committees serve as chair and members of the owners'
    committees" (小区党组织书记、社区"两委"成员分别担任业主委员会主任、委员). For each
    compound :math:`c` with branches :math:`B_c` and owners' committees :math:`W_c` (the
    organizations ``located_in`` it),

    .. math:: c \\text{ is cross-appointed} \\iff
              \\operatorname{secretaries}(B_c) \\cap \\operatorname{chairs}(W_c) \\neq \\emptyset

    and the rate is the share of cross-appointed compounds. The two-committees share is
    :math:`|M \\cap T| / |M|` for the people :math:`M` with a post in an owners' committee
    (``committee``) and :math:`T` with a post in a ``two_committees`` body.

    Parameters
    ----------
    G
        A govmodel graph or a :class:`~govmodel.index.StructureIndex`.
    as_of
        A partial ISO date: only the posts in force that day (undated posts always are).
    unit_kind
        The kind of the compounds (``("compound", "courtyard")`` for Chengdu's courtyards).
    branch
        The party organizations whose ``"secretary"`` counts (a kind, kinds, or ``"party"``):
        by default the compound (property) party branch, 小区(物业)党支部, of either kind.
    committee
        The bodies whose ``"chair"`` counts.
    two_committees
        The community bodies of the "two committees".

    Returns
    -------
    CrossAppointment

    Raises
    ------
    TypeError
        If ``G`` is neither a networkx graph nor a ``StructureIndex``.
    SpecError
        ``invalid-date`` for a post whose dates cannot be read, with ``as_of``.

    Notes
    -----
    Complexity :math:`O(n + m)`: one pass over organizations and people, then over compounds.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.metrics.governance import cross_appointment
    >>> G = govmodel.to_graph(govmodel.datasets.load("yuetang"))
    >>> x = cross_appointment(G)
    >>> print(x.rate)
    2 / 5 = 40.0 %
    >>> x.appointed["yt-c2"], x.failures["yt-c5"]
    (('yt-p008',), 'no_branch')
    >>> cross_appointment(G, as_of="2021-09").failures["yt-c2"]  # before the election
    'different_person'
    >>> from govmodel.index import StructureIndex
    >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
    >>> cross_appointment(ix) == x
    True
    """
    kinds = _kinds(unit_kind)
    if _on_index(G, "cross_appointment"):
        ix = G
        if not people_reach_only_by_posts_and_ties(ix):  # read invalid ones as the graph does
            G = to_graph(ix.structure())
        else:
            day = _day(as_of)
            posts: _Posts | _HeldPosts
            posts = _HeldPosts(ix) if _HeldPosts.usable(ix, day) else _Posts.of_index(ix, day)
            seated = ix.located().get
            ids = ix.unit_ids
            compounds = _where(ix, ix.unit_kind, [k in kinds for k in ix.unit_kinds])
            # each read once, in the order the graph reads (and refuses) them
            committee = _once(committee)
            is_committee = _selected(ix, committee)
            branch = _once(branch)
            is_branch = _selected(ix, branch)
            two_committees = _once(two_committees)
            is_two = _selected(ix, two_committees)
            return _cross(
                posts,
                [(ids[u], seated(ids[u], ())) for u in compounds],
                is_branch,
                is_committee,
                list(posts.orgs)  # in person order already
                if isinstance(posts, _HeldPosts)
                else sorted(
                    (p for p, f in posts.orgs.items() if len(f) > 1), key=ix.codes.__getitem__
                ),
                posts.overlap(committee, two_committees)
                if isinstance(posts, _HeldPosts)
                else posts.overlap(is_committee, is_two),
                strings=True,
            )
    on_G = _Posts.of_graph(G, as_of)
    located = _located(G)

    def on_graph(selector: OrgSelector) -> set[Hashable]:
        match = _matcher(G, selector)
        return {o for o, data in _entities(G, "organization") if match(o, data)}

    committees = on_graph(committee)
    return _cross(
        on_G,
        ((u, located.get(u, ())) for u, data in _entities(G, "unit") if data.get("kind") in kinds),
        on_graph(branch),
        committees,
        [p for p, found in on_G.orgs.items() if len(found) > 1],
        on_G.overlap(committees, on_graph(two_committees)),
        strings=False,
    )


def _cross(
    posts: _Posts | _HeldPosts,
    units: Iterable[tuple[Hashable, Iterable[Hashable]]],
    is_branch: AbstractSet[Hashable],
    is_committee: AbstractSet[Hashable],
    several: list[Hashable],
    two: tuple[int, int],
    strings: bool,
) -> CrossAppointment:
    """:func:`cross_appointment` from the posts, the compounds with the organizations located
    in each, the organizations the branch and committee selectors select, the people with
    posts in several organizations, in order, and the owners'-committee people also in the
    two committees and all of them (:meth:`_Posts.overlap`); ``strings`` when every id is a
    ``str`` already (an index)."""
    appointed: dict[Hashable, tuple[str, ...]] = {}
    failures: dict[Hashable, str] = {}
    secretary, chair = posts.holding("secretary").get, posts.holding("chair").get
    for u, here in units:
        branches = [o for o in here if o in is_branch]
        committees = [o for o in here if o in is_committee]
        secretaries: set[Hashable] = set()
        for o in branches:
            held = secretary(o)
            if held:
                secretaries |= held
        chairs: set[Hashable] = set()
        for o in committees:
            held = chair(o)
            if held:
                chairs |= held
        both = secretaries & chairs
        if both:
            appointed[u] = tuple(sorted(map(str, both)))
        elif not branches:
            failures[u] = "no_branch"
        elif not secretaries:
            failures[u] = "no_secretary"
        elif not committees:
            failures[u] = "no_owners_committee"
        elif not chairs:
            failures[u] = "no_chair"
        else:
            failures[u] = "different_person"
    orgs: Mapping[Any, Collection[Hashable]] = posts.orgs
    multi = {p: tuple(orgs[p]) for p in several}
    if not strings:
        appointed = {str(u): x for u, x in appointed.items()}
        failures = {str(u): x for u, x in failures.items()}
        multi = {str(p): tuple(map(str, x)) for p, x in multi.items()}
    return CrossAppointment(
        rate=Rate.of(len(appointed), len(appointed) + len(failures)),
        appointed=cast(dict[str, tuple[str, ...]], appointed),
        failures=cast(dict[str, str], failures),
        multi_post_people=cast(dict[str, tuple[str, ...]], multi),
        two_committees=Rate.of(*two),
    )


def _raise_first_bad_date(ix: StructureIndex, day: str) -> None:
    """Raise the ``invalid-date`` problem of the first post with an invalid date in the order
    :func:`govmodel.graph.affiliation_graph` reads posts (people in node order, then their
    posts by organization in the order of the first post to it)."""
    posts, codes, nu, no = ix.posts, ix.codes, ix.n_units, ix.n_organizations
    out_of = _out_of(ix)
    for person in ix.people:
        for is_post, i in out_of.get(person.id, ()):
            if not is_post:  # a tie: ``i`` numbers the ties, not the posts
                continue
            post = posts[i]
            if not nu <= codes[post.organization] < nu + no:
                continue
            try:
                in_force(post.start, post.end, day)
            except ValueError as exc:
                path = _edge_path(person.id, post.organization, post.id, True)
                raise SpecError([Problem("invalid-date", path, str(exc))]) from None


# ------------------------------------------------------------------------------------------------
# Interlocks and key people


@attrs.frozen
class KeyLink:
    """A pair of bodies that only one person links.

    Attributes
    ----------
    bodies
        The two organization ids, in node order.
    units
        The compounds (unit ids) of which both are bodies.
    """

    bodies: tuple[str, str]
    units: tuple[str, ...]


def key_people(
    G: nx.Graph,
    *,
    bodies: Collection[OrgSelector] = TRIPARTITE_BODIES,
    unit_kind: str | Collection[str] = "compound",
    ties: bool = True,
    as_of: str | None = None,
) -> dict[str, tuple[KeyLink, ...]]:
    """The people whose departure would cut the last link between two bodies of a compound.

    The *bodies of a compound* :math:`c` are, for each selector of ``bodies`` (by default the
    party organization, the residents' committee, the owners' committee and the property
    company), the organizations of that selector ``located_in`` :math:`c`, or, if there are
    none, those located in the nearest unit above :math:`c` that has one (the residents'
    committee and the community party committee sit in the community). Two bodies
    :math:`a \\ne b` of a compound, selected by different selectors, are *linked* by

    * each person holding a post (in force ``as_of``) in both, and
    * with ``ties``, any edge between them, either way (a tie such as ``joint_meeting`` or
      ``supervises``, or ``leads``, in force ``as_of``).

    A person :math:`p` is a *key person* for the pair when :math:`p` is its only link:
    :math:`P(a) \\cap P(b) = \\{p\\}` and, with ``ties``, no edge joins :math:`a` and
    :math:`b`. Pairs linked by nothing, or by two people or more, have no key person.

    Parameters
    ----------
    G
        A govmodel graph.
    bodies
        Organization selectors, each a kind, a collection of kinds, or ``"party"``.
    unit_kind
        The kind (or kinds) of the compounds.
    ties
        Whether direct edges between two bodies count as links.
    as_of
        A partial ISO date: only the posts and ties in force that day.

    Returns
    -------
    dict[str, tuple[KeyLink, ...]]
        By person id, the pairs of bodies the person alone links, each with the compounds
        concerned; people who are nobody's only link are absent.

    Raises
    ------
    TypeError
        If ``G`` is not a networkx graph (a ``StructureIndex`` too: this measure reads the
        graph), or ``bodies`` is one string: each of its letters would be a selector.
    SpecError
        If the containment edges are not a forest.

    Notes
    -----
    The bodies of every unit are found in one top-down pass over the containment tree (a
    unit inherits its parent's bodies for the selectors it has none of), and each body's
    people once. A compound's pairs of bodies are read pair by pair, :math:`b^2` for
    :math:`b` bodies, or, where that is more than the posts of its bodies, from the people
    holding posts in two of them: per compound, :math:`O(\\min(b^2, P + \\sum_p k_p^2))`
    for :math:`P` posts in its bodies and :math:`k_p` bodies of a person :math:`p`
    (at most the number of pairs found, and linear for a compound of many bodies whose
    people hold posts in one or two).

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.metrics.governance import key_people
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("x1", entity="unit", kind="compound")
    >>> for o, kind in [("pb", "compound_party_branch"), ("oc", "owners_committee")]:
    ...     G.add_node(o, entity="organization", kind=kind)
    ...     _ = G.add_edge(o, "x1", relation="located_in")
    >>> G.add_node("li", entity="person")
    >>> _ = G.add_edge("li", "pb", key="p1", relation="post", role="secretary")
    >>> _ = G.add_edge("li", "oc", key="p2", relation="post", role="chair")
    >>> key_people(G)
    {'li': (KeyLink(bodies=('pb', 'oc'), units=('x1',)),)}
    """
    _check_graph(G, "key_people")
    if isinstance(bodies, str):
        raise TypeError(
            f"bodies is a collection of organization selectors, not the one string {bodies!r}; "
            f"give ({bodies!r}, ...) with the other bodies"
        )
    day = _day(as_of)
    forest = _forest(G, "containment")
    posts = _Posts.of_graph(G, as_of)
    located = _located(G)
    nodes = G.nodes
    matchers = [_matcher(G, s) for s in bodies]
    position = _position(G)
    # inherited[u][i]: the organizations of selector i of unit u, inherited top-down (a unit
    # without organizations of its own shares its parent's list).
    none: list[tuple[Hashable, ...]] = [() for _ in matchers]
    inherited: dict[Hashable, list[tuple[Hashable, ...]]] = {}
    for u in forest.order:
        parent = forest.parent.get(u)
        above = inherited[parent] if parent is not None else none
        here = located.get(u)
        inherited[u] = (
            [tuple(o for o in here if m(o, nodes[o])) or above[i] for i, m in enumerate(matchers)]
            if here
            else above
        )
    tied: set[frozenset[Hashable]] = set()
    if ties:
        for o, _ in _entities(G, "organization"):
            for v, edge in _out(G, o):
                if v != o and nodes[v].get("entity") == "organization" and _in_force(edge, day):
                    tied.add(frozenset((o, v)))
    kinds = _kinds(unit_kind)
    found: dict[Hashable, dict[tuple[Hashable, Hashable], list[str]]] = {}
    people_of: dict[Hashable, set[Hashable]] = {}  # each body's people, read once

    def people(org: Hashable) -> set[Hashable]:
        got = people_of.get(org)
        if got is None:
            got = people_of[org] = posts.people(org)
        return got

    for u in forest.order:
        if nodes[u].get("kind") not in kinds:
            continue
        groups = inherited[u]
        b = sum(map(len, groups))
        pairs: set[tuple[Hashable, Hashable]] = set()
        if b * (b - 1) // 2 <= sum(len(people(a)) for group in groups for a in group):
            # every pair of bodies of two selectors
            for i, first in enumerate(groups):
                for second in groups[i + 1 :]:
                    for a in first:
                        for c in second:
                            if a != c:
                                pairs.add((a, c) if position[a] < position[c] else (c, a))
        else:
            # many bodies, few people: only the pairs some person holds posts in both of
            held: dict[Hashable, list[tuple[int, Hashable]]] = {}
            for i, group in enumerate(groups):
                for a in group:
                    for person in people(a):
                        got = held.get(person)
                        if got is None:
                            held[person] = [(i, a)]
                        else:
                            got.append((i, a))
            for mine in held.values():
                for x, (i, a) in enumerate(mine):
                    for j, c in mine[x + 1 :]:
                        if i != j and a != c:
                            pairs.add((a, c) if position[a] < position[c] else (c, a))
        for a, c in sorted(pairs, key=lambda ab: (position[ab[0]], position[ab[1]])):
            if frozenset((a, c)) in tied:
                continue
            shared = people(a) & people(c)
            if len(shared) == 1:
                (p,) = shared
                found.setdefault(p, {}).setdefault((a, c), []).append(str(u))
    return {
        str(p): tuple(
            KeyLink(bodies=(str(a), str(b)), units=tuple(units)) for (a, b), units in links.items()
        )
        for p, links in sorted(found.items(), key=lambda kv: position[kv[0]])
    }
