"""A compact, integer-coded index of a structure, built once, on which tree measures run fast.

networkx is govmodel's public graph, but reading a million node attribute dicts one by one is
slow and a networkx graph holds about 780 bytes per node and edge. A :class:`StructureIndex`
codes every node of the graph :func:`govmodel.to_graph` would draw as an integer (units
first, then organizations, people, observations and decisions, in the graph's node order) and
holds the structure's references as flat integer arrays: each unit's parent and kind, each
organization's unit, parent and kind, each post's person, organization and role, each tie's
ends and relation, each observation's subject and indicator. Hierarchies (:class:`Forest`)
are read off those arrays with their topological order, level by level, so that a rollup up
the containment tree is one vectorised pass per level (``bincount`` style) instead of one
Python step per node.

The arrays are :mod:`numpy` arrays when numpy is installed (the ``fast`` extra) and
:class:`array.array` otherwise (``backend="python"``); every result is the same either way,
and the same as the matching measure computed on ``to_graph(structure)``: the index is an
implementation detail behind the same answer. This module holds the data structures only; the
measures of :mod:`govmodel.metrics` that read a structure's tree, organizations, posts and
observations (``coverage``, ``org_coverage``, ``cross_appointment``, ``ratio``,
``resolution_rate``, ``micro_wish_fulfilment``, ``households_per_chief``, ``rollup``,
``depth``, ``span_of_control``) accept an index in place of a graph.

:meth:`StructureIndex.of` builds the index of a structure once and keeps it in the
structure's cache; governance models reach it as ``ctx.index``.

Examples
--------
>>> import govmodel
>>> from govmodel import index
>>> s = govmodel.datasets.load("yuetang")
>>> ix = index.StructureIndex.of(s)
>>> ix is index.StructureIndex.of(s)
True
>>> ix.unit_ids[0], ix.containment().depth
('yt', 6)
>>> G = govmodel.to_graph(s)
>>> (ix.n_nodes, ix.n_edges) == (G.number_of_nodes(), G.number_of_edges())
True
>>> households = ix.subtree_sums(ix.unit_numbers("households")[0])  # every subtree at once
>>> int(households[0]) == sum(u.attributes.get("households", 0) for u in s.units)
True
>>> from govmodel.metrics import governance
>>> governance.coverage(ix, "party", "compound") == governance.coverage(G, "party", "compound")
True
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Collection, Iterable, Sequence
from itertools import chain, repeat
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias

from govmodel.errors import Problem, SpecError
from govmodel.spec import (
    Decision,
    Entity,
    Observation,
    Organization,
    Person,
    Post,
    Scalar,
    Structure,
    Tie,
    Unit,
)

if TYPE_CHECKING:
    from govmodel.vocab import Vocabulary

__all__ = [
    "Backend",
    "Forest",
    "StructureIndex",
    "has_numpy",
    "people_reach_only_by_posts_and_ties",
]

#: ``"numpy"`` (arrays are :class:`numpy.ndarray`) or ``"python"`` (:class:`array.array`).
Backend: TypeAlias = Literal["numpy", "python"]

#: An integer array of either backend.
IntArray: TypeAlias = Any

_CACHE_KEY: Final = "govmodel.index"
_NO: Final = -1

_numpy: Any = None
_numpy_checked = False


def _np() -> Any:
    """The numpy module, or ``None`` when it is not installed (looked up once)."""
    global _numpy, _numpy_checked
    if not _numpy_checked:
        try:
            import numpy as found
        except ImportError:  # pragma: no cover - numpy is installed in CI
            found = None  # type: ignore[assignment]
        _numpy, _numpy_checked = found, True
    return _numpy


def has_numpy() -> bool:
    """Whether numpy is installed (the ``fast`` extra), so that indexes use numpy arrays.

    Examples
    --------
    >>> from govmodel.index import has_numpy
    >>> isinstance(has_numpy(), bool)
    True
    """
    return _np() is not None


def _resolve_backend(backend: Backend | Literal["auto"]) -> Backend:
    if backend == "auto":
        return "numpy" if has_numpy() else "python"
    if backend == "numpy":
        if not has_numpy():
            from govmodel.errors import require

            require("numpy", "fast", feature="StructureIndex(backend='numpy')")
        return "numpy"
    if backend == "python":
        return "python"
    raise ValueError(f"unknown backend {backend!r}; use 'auto', 'numpy' or 'python'")


def _ints(values: Iterable[int], backend: Backend) -> IntArray:
    """An integer array of the backend (int64: codes, counts and exact sums)."""
    if backend == "numpy":
        np = _np()
        if isinstance(values, array):
            return (
                np.frombuffer(values, dtype=np.int64).copy()
                if values.itemsize == 8
                else (np.array(values, dtype=np.int64))
            )
        return np.fromiter(values, dtype=np.int64)
    return array("q", values)


def _codes(keys: Iterable[str]) -> tuple[tuple[str, ...], dict[str, int], list[int]]:
    """Distinct values in first-seen order, their codes, and the code of each key."""
    table: dict[str, int] = {}
    out = [table.setdefault(k, len(table)) for k in keys]
    return tuple(table), table, out


# ------------------------------------------------------------------------------------------------
# Forests


class Forest:
    """A forest over nodes ``0 .. n-1`` given by their parents, in topological order.

    Attributes
    ----------
    parent
        The parent of each node, ``-1`` for a root.
    levels
        The nodes at each level, level 1 (the roots, in node order) first; the nodes of a
        level are those of the level above's children, parent by parent, each parent's
        children in node order: a breadth-first order, the one the graph measures use.
    order
        Every node, level after level (``levels`` concatenated).
    level
        The level of each node (1 for a root).
    depth
        The number of levels.
    children_count
        How many children each node has.

    Raises
    ------
    SpecError
        ``containment-cycle`` (or ``leadership-cycle``) when some nodes cannot be reached
        from a root, with the same message as the graph measures.
    """

    __slots__ = ("backend", "children_count", "level", "levels", "n", "order", "parent")

    def __init__(
        self,
        parent: IntArray,
        backend: Backend,
        *,
        names: Callable[[int], str] | None = None,
        view: str = "containment",
    ) -> None:
        self.backend = backend
        self.parent = parent
        self.n = n = len(parent)
        if backend == "numpy":
            self.levels, self.children_count = _bfs_numpy(parent)
            np = _np()
            self.order = np.concatenate(self.levels) if self.levels else np.zeros(0, dtype=np.int64)
            level = np.zeros(n, dtype=np.int64)
            for k, nodes in enumerate(self.levels, start=1):
                level[nodes] = k
            self.level = level
        else:
            self.levels, self.children_count = _bfs_python(parent)
            self.order = array("q", chain.from_iterable(self.levels))
            level = array("q", bytes(8 * n))
            for k, nodes in enumerate(self.levels, start=1):
                for v in nodes:
                    level[v] = k
            self.level = level
        if len(self.order) < n:
            seen = set(self.order.tolist())
            name = names or str
            ring = sorted(name(v) for v in range(n) if v not in seen)
            code = "containment-cycle" if view == "containment" else "leadership-cycle"
            raise SpecError([Problem(code, "$", f"the {view} edges form a cycle among {ring}")])

    @property
    def depth(self) -> int:
        """The number of levels (0 for an empty forest)."""
        return len(self.levels)

    def roots(self) -> IntArray:
        """The roots, in node order."""
        return self.levels[0] if self.levels else _ints((), self.backend)


def _bfs_numpy(parent: Any) -> tuple[list[Any], Any]:
    np = _np()
    n = parent.size
    has = parent >= 0
    kids_of = parent[has]
    counts = np.bincount(kids_of, minlength=n) if n else np.zeros(0, dtype=np.int64)
    kids = np.flatnonzero(has)[np.argsort(kids_of, kind="stable")]
    offsets = np.zeros(n, dtype=np.int64)
    if n > 1:
        np.cumsum(counts[:-1], out=offsets[1:])
    levels: list[Any] = []
    current = np.flatnonzero(~has)
    while current.size:
        levels.append(current)
        c = counts[current]
        total = int(c.sum())
        if not total:
            break
        first = np.cumsum(c) - c
        current = kids[np.repeat(offsets[current] - first, c) + np.arange(total)]
    return levels, counts


def _bfs_python(parent: Sequence[int]) -> tuple[list[Any], Any]:
    n = len(parent)
    children: list[list[int] | None] = [None] * n
    roots = array("q")
    for v, p in enumerate(parent):
        if p < 0:
            roots.append(v)
        else:
            kids = children[p]
            if kids is None:
                children[p] = [v]
            else:
                kids.append(v)
    counts = array("q", (0 if k is None else len(k) for k in children))
    levels: list[Any] = []
    current = roots
    while current:
        levels.append(current)
        nxt = array("q")
        for v in current:
            kids = children[v]
            if kids is not None:
                nxt.extend(kids)
        current = nxt
    return levels, counts


def people_reach_only_by_posts_and_ties(index: StructureIndex) -> bool:
    """Whether the people of an indexed structure reach other nodes only by posts and ties.

    In :func:`govmodel.to_graph`'s graph a person's out-edges are its posts and ties, unless
    a reference names a person where a unit or organization belongs: a unit or organization
    whose ``parent`` is a person, or a decision whose ``body`` is one (invalid structures,
    which :func:`govmodel.validate` refuses, but which the graph still draws). Measures that
    read a person's edges off the index take the graph's order only when this holds. Computed
    once per index and kept.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.index import StructureIndex, people_reach_only_by_posts_and_ties
    >>> people_reach_only_by_posts_and_ties(StructureIndex.of(govmodel.datasets.load("xihu")))
    True
    >>> s = govmodel.Structure(
    ...     units=[govmodel.Unit("x", "compound", parent="p")], people=[govmodel.Person("p")]
    ... )
    >>> people_reach_only_by_posts_and_ties(StructureIndex.from_structure(s))
    False
    """
    got = index._cache.get("people_first")
    if got is None:
        lo = index.n_units + index.n_organizations
        hi = lo + index.n_people
        codes = index.codes
        refs = {u.parent for u in index.units}
        refs.update(o.parent for o in index.organizations)
        refs.update(d.body for d in index.decisions)
        refs.discard(None)
        got = index._cache["people_first"] = not any(lo <= codes.get(r, _NO) < hi for r in refs)
    return bool(got)


# ------------------------------------------------------------------------------------------------
# The index


class StructureIndex:
    """The integer-coded index of a :class:`~govmodel.spec.Structure`.

    Build it with :meth:`of` (once per structure, cached) or :meth:`from_structure`.

    Attributes
    ----------
    backend
        ``"numpy"`` or ``"python"``.
    units, organizations, people, posts, ties, observations, decisions
        The structure's sections (the same tuples).
    codes
        Node id to code: units are ``0 .. n_units-1``, then organizations, people,
        observations and decisions, in the order of :func:`govmodel.to_graph`'s nodes.
    unit_ids
        The ids of the units, by unit code.
    unit_kinds, unit_kind
        The distinct unit kinds (first seen first) and each unit's kind code.
    unit_rank
        Each unit's level in the vocabulary (province 1 … household 9; 0 when unranked).
    unit_parent
        Each unit's parent unit code, ``-1`` for none (or a parent that is not a unit).
    org_kinds, org_kind, org_unit, org_parent, org_party
        Each organization's kind code, unit code (``-1``: none, or not a unit), leading
        organization (organization number ``0 .. n_organizations-1``, ``-1``: none), and
        whether its kind is a party organization (one flag per kind code).
    post_roles, post_role, post_person, post_org
        Each post's role code, person (person number) and organization (organization
        number).
    tie_relations, tie_relation, tie_source, tie_target
        Each tie's relation code and node codes of its ends.
    obs_indicators, obs_indicator, obs_subject
        Each observation's indicator code and the node code of its subject.

    Notes
    -----
    Built in :math:`O(n)` for :math:`n` entities, with a handful of passes at C speed
    (``map``, ``dict``); at city scale (1.1 million nodes) in about a second. Memory: one
    ``dict`` entry per node id (the ids themselves are shared with the structure) and eight
    bytes per array element.
    """

    __slots__ = (
        "_cache",
        "backend",
        "codes",
        "decisions",
        "n_decisions",
        "n_observations",
        "n_organizations",
        "n_people",
        "n_units",
        "obs_indicator",
        "obs_indicators",
        "obs_subject",
        "observations",
        "org_kind",
        "org_kinds",
        "org_parent",
        "org_party",
        "org_unit",
        "organizations",
        "people",
        "post_org",
        "post_person",
        "post_role",
        "post_roles",
        "posts",
        "tie_relation",
        "tie_relations",
        "tie_source",
        "tie_target",
        "ties",
        "unit_ids",
        "unit_kind",
        "unit_kinds",
        "unit_parent",
        "unit_rank",
        "units",
        "vocab",
        "vocabulary",
    )

    units: tuple[Unit, ...]
    organizations: tuple[Organization, ...]
    people: tuple[Person, ...]
    posts: tuple[Post, ...]
    ties: tuple[Tie, ...]
    observations: tuple[Observation, ...]
    decisions: tuple[Decision, ...]

    @classmethod
    def of(cls, structure: Structure) -> StructureIndex:
        """The index of ``structure``, built on first use and kept in the structure's cache.

        Raises
        ------
        SpecError
            As :meth:`from_structure`.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> s = govmodel.datasets.load("xihu")
        >>> StructureIndex.of(s) is StructureIndex.of(s)
        True
        """
        cache = structure._cache
        got = cache.get(_CACHE_KEY)
        if got is None:
            got = cache[_CACHE_KEY] = cls.from_structure(structure)
        return got

    @classmethod
    def from_structure(
        cls, structure: Structure, *, backend: Backend | Literal["auto"] = "auto"
    ) -> StructureIndex:
        """Index a structure (not cached: see :meth:`of`).

        Parameters
        ----------
        structure
            The structure; it need not be valid, but it must be one :func:`govmodel.to_graph`
            can draw.
        backend
            ``"auto"`` (numpy when installed), ``"numpy"`` or ``"python"``.

        Raises
        ------
        SpecError
            With the problems :func:`govmodel.to_graph` reports when two entities share an id
            (``duplicate-id``) or a reference names no node (``dangling-reference``).

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.from_structure(govmodel.datasets.load("xihu"), backend="python")
        >>> ix.backend, ix.unit_kinds[:3]
        ('python', ('district', 'street', 'community'))
        """
        self = cls.__new__(cls)
        self._build(structure, _resolve_backend(backend))
        return self

    # -- building --------------------------------------------------------------------------------
    def _build(self, s: Structure, backend: Backend) -> None:
        from govmodel.graph import _dangling, _duplicate_ids

        self.backend = backend
        self._cache: dict[Any, Any] = {}
        self.vocab: Vocabulary = s.vocab
        self.vocabulary = s.vocabulary
        self.units, self.organizations, self.people = s.units, s.organizations, s.people
        self.posts, self.ties = s.posts, s.ties
        self.observations, self.decisions = s.observations, s.decisions
        get_id = attrgetter("id")
        nu, no, np_ = len(s.units), len(s.organizations), len(s.people)
        self.n_units, self.n_organizations, self.n_people = nu, no, np_
        self.n_observations, self.n_decisions = len(s.observations), len(s.decisions)
        self.unit_ids = tuple(map(get_id, s.units))
        node_ids = chain(
            self.unit_ids,
            map(get_id, s.organizations),
            map(get_id, s.people),
            map(get_id, s.observations),
            map(get_id, s.decisions),
        )
        n = nu + no + np_ + self.n_observations + self.n_decisions
        codes = dict(zip(node_ids, range(n), strict=True))
        if len(codes) != n:
            raise SpecError(list(_duplicate_ids(s)))
        self.codes = codes
        get = codes.get

        def refs(values: Iterable[str | None], lo: int, hi: int) -> tuple[list[int], bool]:
            """Codes of references (``-1`` for None or a node outside ``[lo, hi)``), shifted
            by ``-lo``, and whether one names no node at all."""
            out = list(map(get, values, repeat(_NO)))
            dangling = _NO in out
            if dangling or lo or hi < n:
                out = [c - lo if lo <= c < hi else _NO for c in out]
            return out, dangling

        parents = list(map(attrgetter("parent"), s.units))
        unit_parent, d1 = refs(parents, 0, nu)
        d1 = d1 and any(p is not None and p not in codes for p in parents)
        self.unit_kinds, _, kinds = _codes(map(attrgetter("kind"), s.units))
        self.unit_kind = _ints(kinds, backend)
        self.unit_parent = _ints(unit_parent, backend)
        rank = self.vocab.rank
        self.unit_rank = _ints([rank(k) or 0 for k in self.unit_kinds], backend)

        org_units = list(map(attrgetter("unit"), s.organizations))
        org_unit, d2 = refs(org_units, 0, nu)
        d2 = d2 and any(u is not None and u not in codes for u in org_units)
        org_parents = list(map(attrgetter("parent"), s.organizations))
        org_parent, d3 = refs(org_parents, nu, nu + no)
        d3 = d3 and any(p is not None and p not in codes for p in org_parents)
        self.org_kinds, _, okinds = _codes(map(attrgetter("kind"), s.organizations))
        self.org_kind = _ints(okinds, backend)
        self.org_unit = _ints(org_unit, backend)
        self.org_parent = _ints(org_parent, backend)
        party = self.vocab.category("organization_kinds")
        self.org_party = tuple(
            bool(party[k].party) if k in party else False for k in self.org_kinds
        )

        self.post_roles, _, roles = _codes(map(attrgetter("role"), s.posts))
        self.post_role = _ints(roles, backend)
        post_person, d4 = refs(map(attrgetter("person"), s.posts), nu + no, nu + no + np_)
        post_org, d5 = refs(map(attrgetter("organization"), s.posts), nu, nu + no)
        self.post_person = _ints(post_person, backend)
        self.post_org = _ints(post_org, backend)

        self.tie_relations, _, rels = _codes(map(attrgetter("relation"), s.ties))
        self.tie_relation = _ints(rels, backend)
        tie_source, d6 = refs(map(attrgetter("source"), s.ties), 0, n)
        tie_target, d7 = refs(map(attrgetter("target"), s.ties), 0, n)
        self.tie_source = _ints(tie_source, backend)
        self.tie_target = _ints(tie_target, backend)

        self.obs_indicators, _, inds = _codes(map(attrgetter("indicator"), s.observations))
        self.obs_indicator = _ints(inds, backend)
        obs_subject, d8 = refs(map(attrgetter("subject"), s.observations), 0, n)
        self.obs_subject = _ints(obs_subject, backend)

        d9 = any(d.body not in codes for d in s.decisions) or any(
            v.person not in codes for d in s.decisions for v in d.votes
        )
        if d1 or d2 or d3 or d4 or d5 or d6 or d7 or d8 or d9:
            raise SpecError(list(_dangling(s)))

    # -- sizes -----------------------------------------------------------------------------------
    @property
    def n_nodes(self) -> int:
        """The number of nodes of :func:`govmodel.to_graph`'s graph."""
        return len(self.codes)

    @property
    def n_edges(self) -> int:
        """The number of edges of :func:`govmodel.to_graph`'s graph.

        Containment, seats, leadership, posts, ties, observations, decisions and votes.
        """
        cached = self._cache.get("n_edges")
        if cached is None:
            contains = len(self.units) - sum(1 for u in self.units if u.parent is None)
            seats = sum(o.unit is not None for o in self.organizations)
            leads = sum(o.parent is not None for o in self.organizations)
            votes = sum(len(d.votes) for d in self.decisions)
            cached = self._cache["n_edges"] = (
                contains
                + seats
                + leads
                + len(self.posts)
                + len(self.ties)
                + len(self.observations)
                + len(self.decisions)
                + votes
            )
        return int(cached)

    def structure(self) -> Structure:
        """A structure with the indexed entities and vocabulary (not the metadata)."""
        return Structure(
            units=self.units,
            organizations=self.organizations,
            people=self.people,
            posts=self.posts,
            ties=self.ties,
            observations=self.observations,
            decisions=self.decisions,
            vocabulary=self.vocabulary,
        )

    def node_id(self, code: int) -> str:
        """The id of the node with this code."""
        nu, no = self.n_units, self.n_organizations
        if code < nu:
            return str(self.unit_ids[code])
        code -= nu
        if code < no:
            return self.organizations[code].id
        code -= no
        if code < self.n_people:
            return self.people[code].id
        code -= self.n_people
        if code < self.n_observations:
            return self.observations[code].id
        return self.decisions[code - self.n_observations].id

    def entity(self, code: int) -> Entity:
        """The entity of the node with this code."""
        for section in (self.units, self.organizations, self.people, self.observations):
            if code < len(section):
                return section[code]
            code -= len(section)
        return self.decisions[code]

    def ints(self, values: Iterable[int]) -> IntArray:
        """An integer array of this index's backend."""
        return _ints(values, self.backend)

    # -- hierarchies -------------------------------------------------------------------------------
    def containment(self) -> Forest:
        """The containment forest of the units (unit codes), built once.

        Raises
        ------
        SpecError
            ``containment-cycle`` if units contain each other in a cycle.
        """
        got = self._cache.get("containment")
        if got is None:
            ids = self.unit_ids
            got = self._cache["containment"] = Forest(
                self.unit_parent, self.backend, names=ids.__getitem__, view="containment"
            )
        return got

    def org_forest(self, view: Literal["party", "leadership"]) -> tuple[Forest, IntArray]:
        """The party or leadership forest, and the organization number of each of its nodes.

        ``"leadership"``: every organization, led by its ``parent`` organization.
        ``"party"``: the party organizations (by the vocabulary), each led by its parent when
        the parent is a party organization too. Nodes are numbered in organization order.

        Raises
        ------
        SpecError
            ``leadership-cycle`` if organizations lead each other in a cycle.
        """
        got = self._cache.get(("org_forest", view))
        if got is None:
            if view == "leadership":
                members = list(range(self.n_organizations))
                parent = self.org_parent
            elif view == "party":
                flags = self.org_party
                kinds = self.org_kind
                members = [i for i in range(self.n_organizations) if flags[kinds[i]]]
                position = dict(zip(members, range(len(members)), strict=True))
                org_parent = self.org_parent
                parent = self.ints(position.get(int(org_parent[i]), _NO) for i in members)
            else:
                raise ValueError(f"unknown view {view!r}; expected 'party' or 'leadership'")
            orgs = self.organizations
            forest = Forest(parent, self.backend, names=lambda v: orgs[members[v]].id, view=view)
            got = self._cache[("org_forest", view)] = (forest, self.ints(members))
        return got

    # -- values ----------------------------------------------------------------------------------
    def unit_attribute(self, name: str) -> list[Any]:
        """Each unit's value of the node attribute ``name`` of :func:`govmodel.to_graph`'s
        graph (``None`` where the node has none).

        User attributes whose names the graph reserves are stored there as ``"attr:<name>"``
        and are found under that name here too; ``"kind"``, ``"name"``, ``"level"``,
        ``"entity"`` and ``"identifiers"`` are the graph's own.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> ix.unit_attribute("level")[:3]
        [3, 4, 5]
        """
        read = self._reader(name)
        return [read(u) for u in self.units]

    def unit_attribute_of(self, unit: int, name: str) -> Any:
        """One unit's (by unit code) value of the graph's node attribute ``name``."""
        return self._reader(name)(self.units[unit])

    def _reader(self, name: str) -> Callable[[Unit], Any]:
        """A function giving a unit's value of the graph's node attribute ``name``."""
        from govmodel.graph import _NODE_KEYS, _NODE_PREFIXES, ESCAPE_PREFIX, _identifiers

        if name == "entity":
            return lambda u: "unit"
        if name == "kind":
            return lambda u: u.kind
        if name == "name":
            return lambda u: u.name
        if name == "level":
            rank = self.vocab.rank
            return lambda u: rank(u.kind)
        if name == "identifiers":
            return lambda u: _identifiers(u.identifiers) if u.identifiers else None

        def escaped(key: str) -> bool:
            return key in _NODE_KEYS or key.startswith(_NODE_PREFIXES)

        if name.startswith(ESCAPE_PREFIX) and escaped(name[len(ESCAPE_PREFIX) :]):
            key = name[len(ESCAPE_PREFIX) :]
        elif escaped(name):
            return lambda u: None
        else:
            key = name
        return lambda u: u.attributes.get(key)

    def unit_numbers(self, name: str) -> tuple[IntArray | list[Any], list[bool]]:
        """The units' values of ``name`` as numbers where every value is an ``int``.

        Returns ``(values, present)``: with only ``int`` values (or none), ``values`` is an
        integer array (0 where absent); otherwise the plain list of
        :meth:`unit_attribute`. ``present`` says which units have a value.
        """
        raw = self.unit_attribute(name)
        present = [v is not None for v in raw]
        if all(type(v) is int for v in raw if v is not None):
            return self.ints(0 if v is None else v for v in raw), present
        return raw, present

    # -- tree sums -------------------------------------------------------------------------------
    def subtree_sums(self, values: IntArray, forest: Forest | None = None) -> IntArray:
        """Each node's sum of ``values`` over its subtree (itself and every node below it).

        :math:`S_u = x_u + \\sum_{c \\in \\text{children}(u)} S_c`, one vectorised pass per
        level from the deepest up. ``values`` are integers (exact sums).

        Parameters
        ----------
        values
            One integer per node of ``forest`` (an array or a sequence).
        forest
            The forest; the containment forest of the units by default.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("xihu"))
        >>> ones = ix.ints([1] * ix.n_units)
        >>> int(ix.subtree_sums(ones)[0]) == ix.n_units  # the district holds every unit
        True
        """
        f = forest if forest is not None else self.containment()
        parent = f.parent
        if self.backend == "numpy":
            np = _np()
            total = np.array(values, dtype=np.int64)
            for nodes in reversed(f.levels[1:]):
                np.add.at(total, parent[nodes], total[nodes])
            return total
        total = array("q", values)
        for nodes in reversed(f.levels[1:]):
            for v in nodes:
                total[parent[v]] += total[v]
        return total

    def count_by(self, codes: IntArray, n: int, weights: IntArray | None = None) -> IntArray:
        """How many times (or the summed integer ``weights``) each of ``0 .. n-1`` occurs in
        ``codes``, ignoring ``-1``."""
        if self.backend == "numpy":
            np = _np()
            c = np.asarray(codes, dtype=np.int64)
            keep = c >= 0
            if weights is None:
                return np.bincount(c[keep], minlength=n).astype(np.int64)
            w = np.asarray(weights, dtype=np.int64)[keep]
            out = np.zeros(n, dtype=np.int64)
            np.add.at(out, c[keep], w)
            return out
        out = array("q", bytes(8 * n))
        if weights is None:
            for c in codes:
                if c >= 0:
                    out[c] += 1
        else:
            for c, w in zip(codes, weights, strict=True):
                if c >= 0:
                    out[c] += w
        return out

    # -- organizations and posts -----------------------------------------------------------------
    def org_kind_mask(self, kinds: Iterable[str] | Literal["party"]) -> list[bool]:
        """For each organization kind code, whether it is selected: by name, or ``"party"``
        for the party kinds (a collection may name ``"party"`` among kinds)."""
        wanted = {kinds} if isinstance(kinds, str) else set(kinds)
        party = "party" in wanted
        return [
            k in wanted or (party and p)
            for k, p in zip(self.org_kinds, self.org_party, strict=True)
        ]

    def orgs_selected(self, kinds: Iterable[str] | Literal["party"]) -> IntArray:
        """The organization numbers of the organizations of the selected kinds, in order."""
        mask = self.org_kind_mask(kinds)
        kind = self.org_kind
        if self.backend == "numpy":
            np = _np()
            return np.flatnonzero(np.asarray(mask, dtype=bool)[kind])
        return array("q", (i for i, k in enumerate(kind) if mask[k]))

    def role_code(self, role: str) -> int:
        """The code of a post role, ``-1`` if no post has it."""
        try:
            return self.post_roles.index(role)
        except ValueError:
            return _NO

    def org_attribute(self, name: str) -> list[Scalar | None]:
        """Each organization's user attribute ``name`` (``None`` where absent)."""
        return [o.attributes.get(name) for o in self.organizations]

    def __repr__(self) -> str:
        return (
            f"<StructureIndex {self.backend}: {self.n_units} units, {self.n_organizations} "
            f"organizations, {self.n_people} people, {len(self.posts)} posts>"
        )

    # -- graph reading -----------------------------------------------------------------------------
    def parent_id(self, unit: int) -> str | None:
        """The id of a unit's parent unit (by unit code), ``None`` for a root."""
        p = int(self.unit_parent[unit])
        return None if p < 0 else self.unit_ids[p]

    def located(self, via: Collection[str] = ("located_in",)) -> dict[str, list[str]]:
        """Node id to the organizations with an edge to it whose relation is in ``via``.

        The organizations ``located_in`` a unit (by default), or those with a tie of a
        relation in ``via`` (``serves``, ``embedded_in``, …) to a node; each organization once
        per node, in organization order, as :func:`govmodel.metrics.governance.coverage`
        reads them off the graph. Ties borrowing a structural relation are not read.
        """
        from govmodel.vocab import RESERVED_RELATIONS

        wanted = frozenset(via)
        key = ("located", wanted)
        got = self._cache.get(key)
        if got is not None:
            return got  # type: ignore[no-any-return]
        ties: dict[str, list[str]] = {}
        if wanted - RESERVED_RELATIONS:
            for tie in self.ties:
                if tie.relation in wanted and tie.relation not in RESERVED_RELATIONS:
                    ties.setdefault(tie.source, []).append(tie.target)
        out: dict[str, list[str]] = {}
        seats = "located_in" in wanted
        for o in self.organizations:
            targets = [o.unit] if seats and o.unit is not None else []
            targets += ties.get(o.id, ())
            for v in targets:
                seen = out.get(v)
                if seen is None:
                    out[v] = [o.id]
                elif o.id not in seen:
                    seen.append(o.id)
        self._cache[key] = out
        return out

    def selector(self, selector: str | Collection[str]) -> Callable[[Organization], bool]:
        """A predicate on organizations for a selector of the governance measures: a kind, a
        collection of kinds, and ``"party"`` for every party organization."""
        kinds = frozenset((selector,)) if isinstance(selector, str) else frozenset(selector)
        if not kinds:
            raise ValueError("an organization selector needs at least one kind")
        if "party" not in kinds:
            return lambda o: o.kind in kinds
        terms = self.vocab.category("organization_kinds")

        def party(o: Organization) -> bool:
            t = terms.get(o.kind)
            return bool(t and t.party) or o.kind in kinds

        return party
