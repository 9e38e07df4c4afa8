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

import operator
from array import array
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from itertools import chain, compress, repeat
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Final, Literal, TypeAlias, TypeVar

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
    is_finite_number,
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
#: The integers of an array are within ``-_INT64 .. _INT64 - 1`` (int64).
_INT64: Final = 2**63
_NO: Final = -1
#: What :meth:`StructureIndex.cached` finds under a key not yet built.
_ABSENT: Final = object()
_NOBODY: Final[frozenset[str]] = frozenset()
_PERSON: Final = attrgetter("person")
#: The cache keys of the posts by organization and by person.
_POSTS_IN: Final = "posts_in"
_POSTS_OF: Final = "posts_of"
_POSTS_BY: Final = {"organization": _POSTS_IN, "person": _POSTS_OF}
_ROLE: Final = attrgetter("role")
T = TypeVar("T")

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
    """An integer array of the backend (int64: codes, counts and exact sums), read-only:
    an index is shared by every assessment of its structure, so nothing may change it."""
    if backend == "numpy":
        np = _np()
        if isinstance(values, array):
            out = (
                np.frombuffer(values, dtype=np.int64).copy()
                if values.itemsize == 8
                else (np.array(values, dtype=np.int64))
            )
        elif isinstance(values, np.ndarray):
            out = values.astype(np.int64, copy=True)
        else:
            out = np.fromiter(values, dtype=np.int64)
        out.setflags(write=False)
        return out
    return memoryview(array("q", values)).toreadonly()


def _may_leave_int64(values: Any) -> bool:
    """Whether a sum of some of the integers of a numpy array may leave int64 (which numpy
    would wrap around): their number times the largest magnitude bounds every such sum."""
    if not values.size:
        return False
    return max(-int(values.min()), int(values.max())) * int(values.size) >= _INT64


def _pick(items: Sequence[T], positions: Sequence[int]) -> tuple[T, ...]:
    """``tuple(items[i] for i in positions)``, at C speed."""
    if len(positions) > 1:
        return operator.itemgetter(*positions)(items)  # type: ignore[no-any-return]
    return tuple(items[i] for i in positions)


def _codes(keys: Iterable[str]) -> tuple[tuple[str, ...], dict[str, int], list[int]]:
    """Distinct values in first-seen order, their codes, and the code of each key."""
    seq = keys if isinstance(keys, list) else list(keys)
    table: dict[str, int] = dict.fromkeys(seq, 0)  # the distinct keys, first seen first
    for i, k in enumerate(table):
        table[k] = i
    return tuple(table), table, list(map(table.__getitem__, seq))


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


# ------------------------------------------------------------------------------------------------
# Buckets


class _Buckets:
    """Items grouped by the node they name: the items in the order of the node they name
    (items naming one node in their own order), and where each node's run starts.

    The items naming node ``lo + c`` (``0 <= c < n``) are ``grouped[start[c]:start[c+1]]``,
    a slice of one tuple: eight bytes per item and four per node, where a ``dict`` of
    tuples takes about a hundred per node. Items naming a node outside that range (an
    invalid structure: a post whose organization is a unit, …) are kept by the id they name
    in ``other``, which a valid structure leaves empty.
    """

    __slots__ = ("grouped", "lo", "n", "other", "start")

    def __init__(
        self,
        items: Sequence[Any],
        keys: IntArray,
        lo: int,
        n: int,
        backend: Backend,
        named: Callable[[Any], str | None] | None = None,
    ) -> None:
        self.lo, self.n = lo, n
        typecode = "q" if max(n, len(items)) >= 2**31 else "i"
        order: list[int]
        if backend == "numpy":
            np = _np()
            k = np.asarray(keys, dtype=np.int64)
            kept = k >= 0
            inside = k[kept]
            start = np.zeros(n + 1, dtype=np.int64)
            np.cumsum(np.bincount(inside, minlength=n), out=start[1:])
            order = np.flatnonzero(kept)[np.argsort(inside, kind="stable")].tolist()
            self.start = array(typecode, start.astype(np.int64).tolist())
            outside: Iterable[int] = np.flatnonzero(~kept).tolist()
        else:
            plain = list(keys)
            counts = [0] * (n + 1)
            for c in plain:
                if c >= 0:
                    counts[c + 1] += 1
            for c in range(n):
                counts[c + 1] += counts[c]
            at = counts[:n]
            order = [0] * counts[n]
            for i, c in enumerate(plain):
                if c >= 0:
                    order[at[c]] = i
                    at[c] += 1
            self.start = array(typecode, counts)
            outside = (i for i, c in enumerate(plain) if c < 0)
        self.grouped: tuple[Any, ...] = _pick(items, order)
        other: dict[str, list[Any]] = {}
        if named is not None:
            for i in outside:
                x = items[i]
                v = named(x)
                if v is not None:
                    other.setdefault(v, []).append(x)
        self.other: dict[str, tuple[Any, ...]] = {k: tuple(v) for k, v in other.items()}

    def find(self, code: int, id: str) -> tuple[Any, ...]:
        """The items naming the node of ``code`` (``-1``: no node), whose id is ``id``."""
        c = code - self.lo
        if 0 <= c < self.n:
            start = self.start
            return self.grouped[start[c] : start[c + 1]]
        return self.other.get(id, ()) if self.other else ()


def _negative(codes: IntArray, backend: Backend) -> list[int]:
    """The positions of ``codes`` that are ``-1`` (no node of the section)."""
    if backend == "numpy":
        found: list[int] = _np().flatnonzero(codes < 0).tolist()
        return found
    return [i for i, c in enumerate(codes) if c < 0]


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
        # a parent that is a unit (an organization) has a code in unit_parent (org_parent):
        # only the others can be people
        units, orgs = index.units, index.organizations
        refs = {units[i].parent for i in _negative(index.unit_parent, index.backend)}
        refs.update(orgs[i].parent for i in _negative(index.org_parent, index.backend))
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
            With the problems :func:`govmodel.to_graph` reports when two nodes (units,
            organizations, people, observations, decisions) share an id (``duplicate-id``;
            posts and ties are no nodes, and two sharing an id are both read, where the
            graph refuses them) or a reference names no node (``dangling-reference``), and
            those of :func:`~govmodel.validate.require_types` (without ``numbers``) when an
            id, a reference, a kind or a nested record is not of its field's type.

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
        from govmodel.validate import require_types

        require_types(s, numbers=False)  # numbers are read by those who use them
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

        np = _np() if backend == "numpy" else None

        def lookup(values: list[str | None]) -> IntArray:
            """The codes of ids, ``-1`` for None or an id of no node (a list, or with numpy
            an array)."""
            if np is None:
                return list(map(get, values, repeat(_NO)))
            return np.fromiter(map(get, values, repeat(_NO)), dtype=np.int64, count=len(values))

        def refs(
            values: Iterable[str | None], lo: int, hi: int, *, optional: bool = False
        ) -> tuple[IntArray, bool]:
            """Codes of references (``-1`` for None or a node outside ``[lo, hi)``), shifted
            by ``-lo``, and whether one names no node at all (a list, or with numpy an
            array). ``optional`` references may be None."""
            given = values if isinstance(values, list) else list(values)
            out = lookup(given)
            missing = out.count(_NO) if np is None else int(np.count_nonzero(out == _NO))
            dangling = missing > (given.count(None) if optional else 0)
            if not (missing or lo or hi < n):
                return out, dangling
            if np is not None:
                return np.where((out >= lo) & (out < hi), out - lo, _NO), dangling
            return [c - lo if lo <= c < hi else _NO for c in out], dangling

        parents = list(map(attrgetter("parent"), s.units))
        unit_parent, d1 = refs(parents, 0, nu, optional=True)
        self.unit_kinds, _, kinds = _codes(map(attrgetter("kind"), s.units))
        self.unit_kind = _ints(kinds, backend)
        self.unit_parent = _ints(unit_parent, backend)
        rank = self.vocab.rank
        self.unit_rank = _ints([rank(k) or 0 for k in self.unit_kinds], backend)

        org_unit, d2 = refs(list(map(attrgetter("unit"), s.organizations)), 0, nu, optional=True)
        org_parents = list(map(attrgetter("parent"), s.organizations))
        org_parent, d3 = refs(org_parents, nu, nu + no, optional=True)
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
        """The id of the node with this code.

        Raises
        ------
        IndexError
            If no node has the code (``-1``, the arrays' "none", included).
        """
        if code < 0:
            raise IndexError(f"no node has code {code}")
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
        """The entity of the node with this code.

        Raises
        ------
        IndexError
            If no node has the code (``-1``, the arrays' "none", included).
        """
        if code < 0:
            raise IndexError(f"no node has code {code}")
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
        from govmodel.graph import (
            _NODE_KEYS,
            _NODE_PREFIXES,
            ESCAPE_PREFIX,
            _history,
            _identifiers,
        )

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
        if name in ("start", "end", "replaced_by", "formed_from"):  # as the graph writes them

            def history(u: Unit) -> Any:
                d: dict[str, Any] = {}
                _history(u, d)
                return d.get(name)

            return history

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

        Returns ``(values, present)``: with only ``int`` values (or none) that an integer
        array holds (int64), ``values`` is an integer array (0 where absent); otherwise the
        plain list of :meth:`unit_attribute`. ``present`` says which units have a value.
        """
        raw = self.unit_attribute(name)
        present = [v is not None for v in raw]
        if all(type(v) is int and -_INT64 <= v < _INT64 for v in raw if v is not None):
            return self.ints(0 if v is None else v for v in raw), present
        return raw, present

    # -- tree sums -------------------------------------------------------------------------------
    def subtree_sums(self, values: IntArray, forest: Forest | None = None) -> IntArray:
        """Each node's sum of ``values`` over its subtree (itself and every node below it).

        :math:`S_u = x_u + \\sum_{c \\in \\text{children}(u)} S_c`, one vectorised pass per
        level from the deepest up. ``values`` are integers (exact sums): a sum beyond int64
        raises :class:`OverflowError`, with either backend.

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
            if not _may_leave_int64(total):
                for nodes in reversed(f.levels[1:]):
                    np.add.at(total, parent[nodes], total[nodes])
                return total
            # numpy would wrap around silently: added one by one, as without numpy
            exact = array("q", total.tolist())
            for nodes in reversed(f.levels[1:]):
                for v in nodes.tolist():
                    exact[parent[v]] += exact[v]
            return np.array(exact, dtype=np.int64)
        total = array("q", values)
        for nodes in reversed(f.levels[1:]):
            for v in nodes:
                total[parent[v]] += total[v]
        return total

    def count_by(self, codes: IntArray, n: int, weights: IntArray | None = None) -> IntArray:
        """How many times (or the summed integer ``weights``) each of ``0 .. n-1`` occurs in
        ``codes``, ignoring ``-1``. A sum beyond int64 raises :class:`OverflowError`, with
        either backend."""
        if self.backend == "numpy":
            np = _np()
            c = np.asarray(codes, dtype=np.int64)
            keep = c >= 0
            if weights is None:
                return np.bincount(c[keep], minlength=n).astype(np.int64)
            w = np.asarray(weights, dtype=np.int64)[keep]
            if not _may_leave_int64(w):
                out = np.zeros(n, dtype=np.int64)
                np.add.at(out, c[keep], w)
                return out
            # numpy would wrap around silently: added one by one, as without numpy
            exact = array("q", bytes(8 * n))
            for ci, wi in zip(c[keep].tolist(), w.tolist(), strict=True):
                exact[ci] += wi
            return np.array(exact, dtype=np.int64)
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

    # -- lookups ---------------------------------------------------------------------------------
    #
    # What governance models and classifiers read of a structure: by id, built on first use
    # and kept in the index's cache, each in one pass over a section (linear in its size).
    # The index refuses a structure in which two entities share an id (SpecError
    # ``duplicate-id``, as :func:`govmodel.to_graph` does), so every lookup reads each id as
    # one entity. Lookups that depend on the ranks of unit kinds take the vocabulary to rank
    # them with (``vocab=``, the structure's own by default): a model passes ``ctx.vocab``,
    # and the models that rank kinds alike share one lookup.

    def _memo(self, key: Any, build: Callable[[], Any]) -> Any:
        """The value cached under ``key``, built by ``build`` on first use."""
        cache = self._cache
        got = cache.get(key, _ABSENT)  # one read: another thread may forget it meanwhile
        if got is _ABSENT:
            got = cache[key] = build()
        return got

    def lookups(self) -> frozenset[Hashable]:
        """The keys of the lookups the index holds now: those its members built (plain
        strings and tuples of the index's own) and those kept with :meth:`cached`.

        With :meth:`forget`, a caller that reads the index for a while (an assessment) can
        drop what it built and keep what was there before.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> before = ix.lookups()
        >>> _ = ix.cached(("my_plugin", "n_units"), lambda: len(ix.units))
        >>> sorted(map(str, ix.lookups() - before))
        ["('my_plugin', 'n_units')"]
        """
        return frozenset(list(self._cache))  # the keys copied at once, then hashed

    def forget(self, keep: Iterable[Hashable] = (), *, owner: str | None = None) -> int:
        """Drop the lookups the index holds, except those whose keys are in ``keep``;
        with ``owner``, only those kept under that owner with :meth:`cached`. Return how
        many were dropped.

        A dropped lookup is built again by the next call that needs it; the index's own
        arrays (its codes, kinds, parents, …) are never dropped.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> before = ix.lookups()
        >>> _ = ix.cached(("my_plugin", "n_units"), lambda: len(ix.units))
        >>> _ = ix.children("yt")
        >>> ix.forget(before, owner="my_plugin")
        1
        >>> ix.forget(before) >= 1 and ix.lookups() == before
        True
        """
        kept = keep if isinstance(keep, (set, frozenset)) else frozenset(keep)
        cache = self._cache
        # the keys copied at once: another thread may add a lookup meanwhile, and one it
        # reads after this drops it is built again
        dropped = [
            k
            for k in list(cache)
            if k not in kept
            and (owner is None or (type(k) is tuple and len(k) == 2 and k[0] == owner))
        ]
        return sum(cache.pop(k, _ABSENT) is not _ABSENT for k in dropped)

    def cached(self, key: tuple[str, Hashable], build: Callable[[], T]) -> T:
        """A value derived from the structure, built by ``build`` on first use and kept with
        the index (and dropped with it).

        The one way for code outside the index (a classifier, a model, a plug-in) to keep a
        lookup of its own beside the index's members, so that every caller on one index
        builds it once.

        Parameters
        ----------
        key
            ``(owner, name)``: ``owner`` names the module that keeps the value
            (``"govmodel.classify"``), so that two owners never share a key; ``name`` is any
            hashable that tells the owner's values apart (options included). The index's own
            members keep theirs under plain strings and under tuples led by a member's name
            (``("observed", indicator)``, ``("located", relations)``, …), which an owner
            named after its module does not meet.
        build
            Called with no argument the first time ``key`` is asked for; what it returns is
            kept and returned for every later call (it should not be modified).

        Returns
        -------
        object
            What ``build`` returned the first time.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> calls = []
        >>> def build():
        ...     calls.append(1)
        ...     return len(ix.units)
        >>> ix.cached(("my_plugin", "n_units"), build) == ix.cached(("my_plugin", "n_units"), build)
        True
        >>> len(calls)
        1
        """
        got = self._cache.get(key, _ABSENT)
        if got is not _ABSENT:  # asked once per unit, often: one look-up
            return got  # type: ignore[no-any-return]
        if not (isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], str)):
            raise TypeError(f"a cache key is a pair (owner, name), not {key!r}")
        built = self._cache[key] = build()
        return built

    @staticmethod
    def _group(
        items: Iterable[Any], key: Callable[[Any], Any], value: Callable[[Any], Any] | None = None
    ) -> dict[Any, tuple[Any, ...]]:
        """``{key(x): (value(x), …)}`` of ``items``, in order (``x`` itself by default)."""
        out: dict[Any, list[Any]] = {}
        for x in items:
            out.setdefault(key(x), []).append(x if value is None else value(x))
        return {k: tuple(v) for k, v in out.items()}

    @staticmethod
    def period_key(period: str | None) -> tuple[str, str]:
        """A sort key for periods: by their end, then their start; no period first.

        The order in which :meth:`latest`, :meth:`series` and :meth:`published` read
        observations, and that of :mod:`govmodel.metrics.hierarchy` and
        :mod:`govmodel.metrics.service`.

        Parameters
        ----------
        period
            A date (``"2021"``, ``"2021-06"``, ``"2021-06-30"``), an interval of two dates
            (``"2020/2021"``) or ``None``.

        Returns
        -------
        tuple of str
            ``(last day of the end, first day of the start)``; ``("", "")`` for ``None`` and
            for a period that names no date (an invalid structure's: see
            :func:`govmodel.validate`), which sorts as no period.

        Examples
        --------
        >>> from govmodel.index import StructureIndex
        >>> key = StructureIndex.period_key
        >>> key(None) < key("2020") < key("2021-06") < key("2020/2021") < key("2021")
        True
        """
        from govmodel.spec import date_bounds

        if period is None:
            return ("", "")
        start, _, end = period.partition("/")
        try:
            return (date_bounds(end or start)[1], date_bounds(start)[0])
        except ValueError:  # no date: as no period
            return ("", "")

    # -- entities by id --------------------------------------------------------------------------
    def unit(self, id: str) -> Unit | None:
        """The unit with this id, or ``None`` when no unit has it.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> ix.unit("yt-c1").kind, ix.unit("nobody")
        ('compound', None)
        """
        code = self.codes.get(id)
        return self.units[code] if code is not None and code < self.n_units else None

    def organization(self, id: str) -> Organization | None:
        """The organization with this id, or ``None`` when no organization has it."""
        code = self.codes.get(id)
        if code is None:
            return None
        code -= self.n_units
        return self.organizations[code] if 0 <= code < self.n_organizations else None

    def person(self, id: str) -> Person | None:
        """The person with this id, or ``None`` when no person has it."""
        code = self.codes.get(id)
        if code is None:
            return None
        code -= self.n_units + self.n_organizations
        return self.people[code] if 0 <= code < self.n_people else None

    def name_of(self, id: str) -> str:
        """An entity as findings name it: ``"name (id)"``, or the id alone when the entity
        has no name or no node has the id.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> ix.name_of("yt"), ix.name_of("nobody")
        ('岳塘区 (yt)', 'nobody')
        """
        code = self.codes.get(id)
        if code is None:
            return id
        if code < self.n_units:
            name = self.units[code].name
        elif code < self.n_units + self.n_organizations:
            name = self.organizations[code - self.n_units].name
        else:
            name = getattr(self.entity(code), "name", "")  # observations have none
        return f"{name} ({id})" if name else id

    @staticmethod
    def named(entity: Entity) -> str:
        """An entity as findings name it, as :meth:`name_of` names it by its id: ``"name
        (id)"``, or the id alone when it has no name.

        For a model that has the entity at hand (a unit of :meth:`units_at_rank`, …): no
        lookup by id.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> ix.named(ix.unit("yt")) == ix.name_of("yt") == '岳塘区 (yt)'
        True
        >>> ix.named(govmodel.Person("p1"))
        'p1'
        """
        name = getattr(entity, "name", "")  # observations have none
        return f"{name} ({entity.id})" if name else entity.id

    # -- units -----------------------------------------------------------------------------------
    def _kids(self) -> dict[str, tuple[str, ...]]:
        def build() -> dict[str, tuple[str, ...]]:
            ids = self.unit_ids
            if self.backend == "numpy":  # children by a stable sort of their parents
                np = _np()
                parent = self.unit_parent
                order = np.argsort(parent, kind="stable")
                order = order[parent[order] >= 0]
                if not order.size:
                    return {}
                ranked = parent[order]
                starts = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]])
                kids = _pick(ids, order.tolist())
                ends = [*starts[1:].tolist(), len(kids)]
                return {
                    ids[p]: tuple(kids[a:b])
                    for p, a, b in zip(ranked[starts].tolist(), starts.tolist(), ends, strict=True)
                }
            parents = self.unit_parent.tolist()  # plain ints: faster to read one by one
            pairs = ((ids[u], ids[p]) for u, p in enumerate(parents) if p >= 0)
            return self._group(pairs, lambda pair: pair[1], lambda pair: pair[0])

        got: dict[str, tuple[str, ...]] = self._memo("kids", build)
        return got

    def children(self, unit: str) -> tuple[str, ...]:
        """The ids of the units directly inside ``unit``, in order (none for an id that is
        no unit).

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> ix.children("yt-s1")
        ('yt-xt',)
        """
        return (self._cache.get("kids") or self._kids()).get(unit, ())

    def top_down(self) -> tuple[str, ...]:
        """The unit ids top down: every unit after the unit containing it (breadth first
        from the units in no unit, children in order).

        Units in a containment cycle (invalid), and the units inside them, are left out.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> ix.top_down()[:3]
        ('yt', 'yt-s1', 'yt-xt')
        """

        def build() -> tuple[str, ...]:
            ids = self.unit_ids
            try:  # the containment forest's breadth-first order is this one
                return _pick(ids, self.containment().order.tolist())
            except SpecError:  # a containment cycle: the units that can be reached
                pass
            kids = self._kids()
            order = [ids[u] for u, p in enumerate(self.unit_parent.tolist()) if p < 0]
            i = 0
            while i < len(order):
                order.extend(kids.get(order[i], ()))
                i += 1
            return tuple(order)

        got: tuple[str, ...] = self._memo("top_down", build)
        return got

    def ancestors(self, unit: str | None) -> Iterable[str]:
        """The units containing ``unit``, nearest first (not ``unit`` itself).

        A walk up the parents: :math:`O(d)` for a unit at depth :math:`d`. To find, for
        many units, the one of a rank above each, use :meth:`ancestor_at`, and to leave out
        the units inside others, :meth:`outermost`: both linear in all. A containment cycle
        (invalid) ends the walk before a unit comes again.

        Parameters
        ----------
        unit
            A unit id (nothing is yielded for ``None`` or an id that is no unit).

        Yields
        ------
        str
            Unit ids.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> list(ix.ancestors("yt-c1"))
        ['yt-xt', 'yt-s1', 'yt']
        """
        code = self.codes.get(unit) if unit is not None else None
        if code is None or code >= self.n_units:
            return
        parent, ids = self.unit_parent, self.unit_ids
        seen = {code}
        p = int(parent[code])
        while p >= 0 and p not in seen:
            seen.add(p)
            yield ids[p]
            p = int(parent[p])

    def nearest(self, unit: str | None, answer: Callable[[str], Any], memo: dict[str, Any]) -> Any:
        """The first answer that is not ``None`` of ``unit`` or of a unit containing it,
        nearest first.

        ``answer(a)`` is asked of ``unit``, then of each unit above it (:meth:`ancestors`)
        until one answers. Every unit walked past keeps the answer found for it in
        ``memo``, and a walk stops at a unit already in it: with one ``memo`` per
        ``answer``, asking for every unit is linear in the number of units, however deep
        the containment tree.

        Parameters
        ----------
        unit
            A unit id, or ``None`` (``None`` is returned).
        answer
            What a unit answers: ``None`` to go on up.
        memo
            The answers found so far (an empty ``dict`` at first), by unit id.

        Returns
        -------
        object or None
            The nearest answer, or ``None``.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> memo = {}
        >>> ix.nearest("yt-c1", lambda u: u if ix.rank(u) == 4 else None, memo)
        'yt-s1'
        >>> memo["yt-xt"]  # the community walked past keeps the answer
        'yt-s1'
        """
        if unit is None or self.unit(unit) is None:
            return None
        path: list[str] = []
        seen: set[str] = set()
        got: Any = None
        a: str | None = unit
        while a is not None and a not in seen:
            if a in memo:
                got = memo[a]
                break
            got = answer(a)
            if got is not None:
                memo[a] = got
                break
            path.append(a)
            seen.add(a)
            u = self.unit(a)
            a = u.parent if u is not None and u.parent is not None and self.unit(u.parent) else None
        for b in path:
            memo[b] = got
        return got

    def _ranks(self, vocab: Vocabulary | None) -> tuple[int | None, ...]:
        """The rank of each unit kind (by kind code) under ``vocab``: the key of every
        lookup that depends on ranks."""
        v = self.vocab if vocab is None else vocab
        key = ("ranks", id(v))
        got = self._cache.get(key)
        if got is None or got[0] is not v:  # the vocabulary is kept: its id stays its own
            got = self._cache[key] = (v, tuple(v.rank(k) for k in self.unit_kinds))
        ranks: tuple[int | None, ...] = got[1]
        return ranks

    def rank(self, unit: str, *, vocab: Vocabulary | None = None) -> int | None:
        """The rank of a unit's kind (province 1 … household 9), or ``None`` when the kind
        has none or the id is no unit.

        Parameters
        ----------
        unit
            A unit id.
        vocab
            The vocabulary that ranks the kinds (a model's ``ctx.vocab``); the structure's
            by default.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> ix.rank("yt-c1"), ix.rank("nobody")
        (6, None)
        """
        code = self.codes.get(unit)
        if code is None or code >= self.n_units:
            return None
        return (self.vocab if vocab is None else vocab).rank(self.units[code].kind)

    def units_of_kind(self, kind: str) -> tuple[Unit, ...]:
        """The units of a kind, in order.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> len(ix.units_of_kind("compound"))
        5
        """

        if self.backend == "numpy":  # one kind at a time, picked out at C speed
            try:
                code = self.unit_kinds.index(kind)
            except ValueError:
                return ()
            picked: tuple[Unit, ...] = self._memo(
                ("units_of_kind", kind), lambda: self._units_where([code])
            )
            return picked
        got: dict[str, tuple[Unit, ...]] = self._memo(
            "units_of_kind", lambda: self._group(self.units, attrgetter("kind"))
        )
        return got.get(kind, ())

    def _units_where(self, kinds: Sequence[int]) -> tuple[Unit, ...]:
        """The units whose kind code is one of ``kinds``, in order (numpy only)."""
        np = _np()
        wanted = np.zeros(len(self.unit_kinds), dtype=bool)
        wanted[list(kinds)] = True
        where = np.flatnonzero(wanted[self.unit_kind]).tolist()
        return _pick(self.units, where)

    def units_at_rank(self, rank: int, *, vocab: Vocabulary | None = None) -> tuple[Unit, ...]:
        """The units whose kind has ``rank`` (5: communities, 6: compounds, …), in order.

        Parameters
        ----------
        rank
            The rank.
        vocab
            The vocabulary that ranks the kinds; the structure's by default.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> [u.id for u in ix.units_at_rank(6)]
        ['yt-c1', 'yt-c2', 'yt-c3', 'yt-c4', 'yt-c5']
        """
        ranks = self._ranks(vocab)
        if self.backend == "numpy":  # one rank at a time, picked out at C speed
            picked: tuple[Unit, ...] = self._memo(
                ("units_at_rank", ranks, rank),
                lambda: self._units_where([k for k, r in enumerate(ranks) if r == rank]),
            )
            return picked

        def build() -> dict[int, tuple[Unit, ...]]:
            ranked = zip(self.units, map(ranks.__getitem__, self.unit_kind.tolist()), strict=True)
            return self._group(
                ((u, r) for u, r in ranked if r is not None),
                lambda pair: pair[1],
                lambda pair: pair[0],
            )

        got: dict[int, tuple[Unit, ...]] = self._memo(("units_at_rank", ranks), build)
        return got.get(rank, ())

    def ancestor_at(
        self, unit: str | None, rank: int, *, vocab: Vocabulary | None = None
    ) -> str | None:
        """The unit of ``rank`` that ``unit`` lies in, ``unit`` itself included.

        The first question for a rank answers it for every unit at once, in one pass down
        the containment forest (vectorised with numpy), and keeps the answers: asking for
        every unit is linear in the number of units, however deep the containment tree (a
        chain of thousands of nested units included), and each later question is a lookup.

        Parameters
        ----------
        unit
            A unit id, or ``None``.
        rank
            The rank of the unit looked for (5: community, 6: compound, …).
        vocab
            The vocabulary that ranks the kinds; the structure's by default.

        Returns
        -------
        str or None
            The nearest such unit, or ``None`` (also for an id that is no unit, and for a
            unit whose walk up meets a containment cycle before such a unit).

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> ix.ancestor_at("yt-c1", 4), ix.ancestor_at("yt-c1", 6), ix.ancestor_at("yt", 6)
        ('yt-s1', 'yt-c1', None)
        """
        if unit is None:
            return None
        v = self.vocab if vocab is None else vocab
        key = ("ancestor_at", id(v), rank)  # cheap to hash: asked once per unit, often
        got = self._cache.get(key)
        if got is None or got[0] is not v:
            got = self._cache[key] = (v, self._ancestors_coded(self._ranks(v), rank))
        code = self.codes.get(unit)
        if code is None or code >= self.n_units:
            return None
        above: int = got[1][code]
        return self.unit_ids[above] if above >= 0 else None

    def units_within(
        self, rank: int, within: int, *, vocab: Vocabulary | None = None
    ) -> tuple[tuple[Unit, ...], tuple[str | None, ...]]:
        """The units of ``rank`` (:meth:`units_at_rank`), in order, and for each the id of
        the unit of rank ``within`` it lies in (:meth:`ancestor_at`; ``None``: none).

        The buildings with their compounds, the compounds with their communities: read off
        the units' codes without looking up a single id (with numpy, at C speed), linear in
        the number of units however deep the containment. Made once per ranks and kept.

        Parameters
        ----------
        rank
            The rank of the units listed (7: buildings, …).
        within
            The rank of the units they lie in (6: compounds, …).
        vocab
            The vocabulary that ranks the kinds; the structure's by default.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> compounds, communities = ix.units_within(6, 5)
        >>> [(x.id, c) for x, c in zip(compounds, communities)][:2]
        [('yt-c1', 'yt-xt'), ('yt-c2', 'yt-xt')]
        """
        ranks = self._ranks(vocab)

        def build() -> tuple[tuple[Unit, ...], tuple[str | None, ...]]:
            units = self.units_at_rank(rank, vocab=vocab)
            above = self._ancestors_coded(ranks, within)
            if self.backend == "numpy":
                np = _np()
                at = np.flatnonzero(
                    np.asarray([r == rank for r in ranks], dtype=bool)[self.unit_kind]
                )
                codes = np.frombuffer(above, dtype=np.int64)[at].tolist()
            else:
                codes = [above[c] for c, k in enumerate(self.unit_kind) if ranks[k] == rank]
            ids = (*self.unit_ids, None)  # code -1 (none) picks None
            return units, _pick(ids, codes)

        got: tuple[tuple[Unit, ...], tuple[str | None, ...]] = self._memo(
            ("units_within", ranks, rank, within), build
        )
        return got

    def ancestors_at(self, rank: int, *, vocab: Vocabulary | None = None) -> dict[str, str]:
        """:meth:`ancestor_at` of every unit at once: ``{unit id: id of the unit of rank
        rank it lies in}``, for the units that lie in one (themselves included), in order.

        Made once per rank and vocabulary, in one pass down the containment forest
        (vectorised with numpy), and kept: a model that asks for many units reads it
        directly instead of calling :meth:`ancestor_at` once per unit (which reads the same
        answers by code, without this dictionary).

        Parameters
        ----------
        rank
            The rank of the units looked for (5: community, 6: compound, …).
        vocab
            The vocabulary that ranks the kinds; the structure's by default.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> compound_of = ix.ancestors_at(6)
        >>> compound_of["yt-c1"], "yt" in compound_of
        ('yt-c1', False)
        >>> all(compound_of.get(u.id) == ix.ancestor_at(u.id, 6) for u in ix.units)
        True
        """
        ranks = self._ranks(vocab)

        def build() -> dict[str, str]:
            ids = self.unit_ids
            above = self._ancestors_coded(ranks, rank)
            return {u: ids[a] for u, a in zip(ids, above, strict=True) if a >= 0}

        got: dict[str, str] = self._memo(("ancestors_at", ranks, rank), build)
        return got

    def inherit(self, answers: Mapping[str, T]) -> dict[str, T]:
        """Every unit's answer: its own in ``answers``, or else that of the nearest unit
        containing it that has one.

        :meth:`nearest` for every unit at once: one pass down the containment forest,
        level by level (vectorised with numpy), linear in the number of units however deep
        the tree. Where units contain each other in a cycle (an invalid structure), each
        unit is walked up as :meth:`nearest` walks it.

        Parameters
        ----------
        answers
            Answers by unit id; ``None`` values, and ids that are no unit, are passed over.

        Returns
        -------
        dict
            ``{unit id: answer}`` for the units that get one, in unit order.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> got = ix.inherit({"yt-s1": "street", "yt-c1": "compound"})
        >>> got["yt-xt"], got["yt-c1"], got["yt-c2"], "yt" in got
        ('street', 'compound', 'street', False)
        """
        codes, nu = self.codes, self.n_units
        own = [(c, a) for u, a in answers.items() if a is not None and (c := codes.get(u, nu)) < nu]
        if not own:
            return {}
        values = [a for _, a in own]
        marks = [_NO] * nu
        for i, (c, _) in enumerate(own):
            marks[c] = i
        found = self._nearest_marked(marks)
        if found is None:  # a containment cycle: walk up from each unit
            memo: dict[str, T | None] = {}
            walked = ((u, self.nearest(u, answers.get, memo)) for u in self.unit_ids)
            return {u: a for u, a in walked if a is not None}
        ids = self.unit_ids
        return {ids[c]: values[i] for c, i in enumerate(found) if i >= 0}

    def _nearest_marked(self, marks: Sequence[int]) -> list[int] | None:
        """For every unit (by code), the mark (``>= 0``) of the nearest unit at or above it
        that has one, ``-1`` for none: one pass over the containment forest, level by level
        (vectorised with numpy); ``None`` where units contain each other in a cycle."""
        try:
            forest = self.containment()
        except SpecError:
            return None
        parent = self.unit_parent
        if self.backend == "numpy":
            np = _np()
            own = np.asarray(marks, dtype=np.int64)
            found = np.full(self.n_units, _NO, dtype=np.int64)
            for nodes in forest.levels:
                up = parent[nodes]
                inherited = np.where(up >= 0, found[np.maximum(up, 0)], _NO)
                mine = own[nodes]
                found[nodes] = np.where(mine >= 0, mine, inherited)
            out: list[int] = found.tolist()
            return out
        got = list(marks)
        for nodes in forest.levels:
            for v in nodes:
                if got[v] < 0:
                    p = parent[v]
                    got[v] = got[p] if p >= 0 else _NO
        return got

    def _ancestors_coded(self, ranks: tuple[int | None, ...], rank: int) -> array[int]:
        """:meth:`_ancestor_codes`, made once per ranks and rank and kept (as an array: 8
        bytes a unit), for :meth:`ancestor_at` to read a unit's ancestor without the
        dictionary of every unit's that :meth:`ancestors_at` makes."""

        def build() -> array[int]:
            return array("q", self._ancestor_codes(ranks, rank))

        got: array[int] = self._memo(("ancestor_codes", ranks, rank), build)
        return got

    def _ancestor_codes(self, ranks: tuple[int | None, ...], rank: int) -> list[int]:
        """For every unit (by code), the code of the nearest unit at or above it whose kind
        has ``rank`` under ``ranks``, or ``-1``: one pass over the containment forest,
        level by level (vectorised with numpy), or, where units contain each other in a
        cycle, one memoised walk up from each unit."""
        n = self.n_units
        hit = [r == rank for r in ranks]
        if not any(hit):
            return [_NO] * n
        if self.backend == "numpy":
            np = _np()
            kind = np.asarray(self.unit_kind)
            marks: Sequence[int] = np.where(
                np.array(hit, dtype=bool)[kind], np.arange(n, dtype=np.int64), _NO
            )
        else:
            kind = self.unit_kind
            marks = [v if hit[kind[v]] else _NO for v in range(n)]
        codes = self._nearest_marked(marks)
        if codes is None:
            memo: dict[int, int] = {}
            for c in range(n):
                if c not in memo:
                    self._walk_up(c, memo, hit)
            codes = [memo[c] for c in range(n)]
        return codes

    def _walk_up(self, code: int, memo: dict[int, int], hit: list[bool]) -> int:
        """The nearest unit (code) at or above ``code`` whose kind ``hit`` marks, ``-1`` for
        none; every unit walked past is answered in ``memo``."""
        parent, kind = self.unit_parent, self.unit_kind
        path: list[int] = []
        on_path: set[int] = set()
        u = code
        found = _NO
        while u >= 0:
            known = memo.get(u)
            if known is not None:
                found = known
                break
            if hit[kind[u]]:
                found = u
                break
            if u in on_path:  # a containment cycle: nothing of the rank above
                break
            path.append(u)
            on_path.add(u)
            u = int(parent[u])
        for v in path:
            memo[v] = found
        memo.setdefault(code, found)
        return found

    def outermost(self, ids: Iterable[str]) -> list[str]:
        """Those of ``ids`` that lie in no unit among ``ids``, in order.

        A unit inside another unit of ``ids`` is left out; an id that is no unit is kept;
        one string is one id (``outermost("c1") == ["c1"]``), as :meth:`located` reads one
        relation. This is how :meth:`published` avoids adding nested figures twice. Linear
        in the number of units walked past: a walk up stops at a unit of ``ids`` or one
        already walked past.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> ix.outermost(["yt-c1", "yt-xt", "yt-c2", "yt-p001"])
        ['yt-xt', 'yt-p001']
        """
        wanted = [ids] if isinstance(ids, str) else list(dict.fromkeys(ids))
        codes, nu = self.codes, self.n_units
        marked = {c for i in wanted if (c := codes.get(i)) is not None and c < nu}
        if len(marked) < 2:
            return wanted
        parent = self.unit_parent
        inside: dict[int, bool] = {}  # unit -> whether a marked unit lies above it
        out: list[str] = []
        for i in wanted:
            c = codes.get(i)
            if c is None or c >= nu:
                out.append(i)
                continue
            path: list[int] = []
            seen = {c}
            p = int(parent[c])
            while p >= 0 and p not in marked and p not in inside and p not in seen:
                path.append(p)
                seen.add(p)
                p = int(parent[p])
            below = p >= 0 and (p in marked or inside.get(p, False))
            for v in path:
                inside[v] = below
            if not below:
                out.append(i)
        return out

    # -- organizations -----------------------------------------------------------------------------
    def orgs_at(self, unit: str) -> tuple[Organization, ...]:
        """The organizations located in ``unit`` (their ``unit``), in order.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> [o.kind for o in ix.orgs_at("yt-c1")]
        ['compound_party_branch', 'service_station']
        """
        got: dict[str, tuple[Organization, ...]] | None = self._cache.get("orgs_at")
        if got is None:  # asked once per unit, often: the cache is read directly
            got = self._memo(
                "orgs_at",
                lambda: self._group(
                    (o for o in self.organizations if o.unit is not None), attrgetter("unit")
                ),
            )
        return got.get(unit, ())

    def orgs_of_kind(self, kind: str) -> tuple[Organization, ...]:
        """The organizations of a kind, in order.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> [o.id for o in ix.orgs_of_kind("street_party_working_committee")]
        ['yt-s1-pwc']
        """
        got: dict[str, tuple[Organization, ...]] = self._memo(
            "orgs_of_kind", lambda: self._group(self.organizations, attrgetter("kind"))
        )
        return got.get(kind, ())

    def orgs_within(
        self, rank: int, *, vocab: Vocabulary | None = None
    ) -> dict[str, tuple[Organization, ...]]:
        """Every organization by the unit of ``rank`` it lies in (located in it or in a unit
        inside it), units in order of their first organization.

        Parameters
        ----------
        rank
            The rank of the units (6: the organizations of each compound).
        vocab
            The vocabulary that ranks the kinds; the structure's by default.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> len(ix.orgs_within(6)["yt-c1"]) >= len(ix.orgs_at("yt-c1"))
        True
        """
        ranks = self._ranks(vocab)

        def build() -> dict[str, tuple[Organization, ...]]:
            # each organization's unit read in the coded answers of :meth:`ancestor_at`
            # (not the dictionary of every unit's that :meth:`ancestors_at` makes)
            above, ids = self._ancestors_coded(ranks, rank), self.unit_ids
            out: dict[str, list[Organization]] = {}
            # each organization's unit by its code (-1: none, or no unit)
            for o, c in zip(self.organizations, self.org_unit.tolist(), strict=True):
                if c >= 0 and (a := above[c]) >= 0:
                    got = out.get(ids[a])
                    if got is None:
                        out[ids[a]] = [o]
                    else:
                        got.append(o)
            return {k: tuple(v) for k, v in out.items()}

        got: dict[str, tuple[Organization, ...]] = self._memo(("orgs_within", ranks, rank), build)
        return got

    def orgs_around(self) -> Mapping[str, tuple[str, ...]]:
        """Every unit's organizations: those located in it, then those with a tie into it.

        By unit id, units in order of their first organization located in them (then of
        their first tie from an organization, for units with none located). Each unit's
        organizations come in organization order (:meth:`orgs_at`), then in tie order
        (:meth:`unit_ties`, organizations only). An organization is listed again where it
        both lies in the unit and has a tie into it, or has two ties into it: a reader that
        wants each once keeps the first (``dict.fromkeys``). Units with none are absent.
        Built on first use in one pass over the organizations and the ties, and kept.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("changsha"))
        >>> ix.orgs_around()["cs-yt"]  # the service station lies in it and serves it
        ('cs-yt-pgb', 'cs-yt-rc', 'cs-yt-ss', 'cs-yt-ss')
        """

        def build() -> dict[str, tuple[str, ...]]:
            out: dict[str, list[str]] = {}
            for o in self.organizations:
                if o.unit is not None:
                    out.setdefault(o.unit, []).append(o.id)
            lo, hi, codes = self.n_units, self.n_units + self.n_organizations, self.codes
            for u, tied in self.unit_ties().items():
                orgs = [source for source, _ in tied if lo <= codes[source] < hi]
                if orgs:
                    out.setdefault(u, []).extend(orgs)
            return {u: tuple(v) for u, v in out.items()}

        got: dict[str, tuple[str, ...]] = self._memo("orgs_around", build)
        return got

    # -- posts ---------------------------------------------------------------------------------
    def _posts_by(self, by: Literal["organization", "person"]) -> _Buckets:
        """The posts grouped by their organization or their person: two flat arrays each,
        built on first use in one sort."""

        def build() -> _Buckets:
            if by == "organization":
                keys, lo, n = self.post_org, self.n_units, self.n_organizations
            else:
                keys, lo, n = self.post_person, self.n_units + self.n_organizations, self.n_people
            return _Buckets(self.posts, keys, lo, n, self.backend, attrgetter(by))

        got: _Buckets = self._memo(_POSTS_BY[by], build)
        return got

    def posts_in(self, organization: str) -> tuple[Post, ...]:
        """The posts of an organization, in order.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> [p.person for p in ix.posts_in("yt-c2-oc") if p.role == "chair"]
        ['yt-p011', 'yt-p008']
        """
        got = self._cache.get(_POSTS_IN) or self._posts_by("organization")
        return got.find(self.codes.get(organization, _NO), organization)

    def posts_of(self, person: str) -> tuple[Post, ...]:
        """The posts a person holds, in order.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> [p.role for p in ix.posts_of("yt-p001")]
        ['secretary', 'chair', 'neighbour_chief']
        """
        got = self._cache.get(_POSTS_OF) or self._posts_by("person")
        return got.find(self.codes.get(person, _NO), person)

    def posts_of_role(self, role: str) -> tuple[Post, ...]:
        """The posts of a role, in order.

        Picked out on first use for each role (at C speed with numpy) and kept: a rule that
        reads the holders of one role (the neighbour chiefs, the grid workers) reads only
        their posts, not every post of the structure.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> [(p.person, p.organization) for p in ix.posts_of_role("chair")][:2]
        [('yt-p001', 'yt-lg'), ('yt-p003', 'yt-xt-rc')]
        >>> ix.posts_of_role("no such role")
        ()
        """
        code = self.role_code(role)
        if code < 0:
            return ()

        def build() -> tuple[Post, ...]:
            if self.backend == "numpy":
                return _pick(self.posts, _np().flatnonzero(self.post_role == code).tolist())
            return tuple(compress(self.posts, map(code.__eq__, self.post_role)))

        got: tuple[Post, ...] = self._memo(("posts_of_role", role), build)
        return got

    def holders(self, organization: str, role: str | None = None) -> frozenset[str]:
        """The people holding a post in an organization: of ``role``, or of any role.

        Read off :meth:`posts_in` at each call (nothing is kept).

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> sorted(ix.holders("yt-c2-oc", "chair"))
        ['yt-p008', 'yt-p011']
        """
        posts = self.posts_in(organization)
        if not posts:
            return _NOBODY
        if role is None:
            return frozenset(map(_PERSON, posts))
        return frozenset([p.person for p in posts if p.role == role])

    def roles_of(self, person: str) -> frozenset[str]:
        """The roles a person holds, in any organization.

        Read off :meth:`posts_of` at each call (nothing is kept).

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> sorted(ix.roles_of("yt-p001")), ix.roles_of("nobody")
        (['chair', 'neighbour_chief', 'secretary'], frozenset())
        """
        posts = self.posts_of(person)
        return frozenset(map(_ROLE, posts)) if posts else _NOBODY

    def multi_holders(self) -> Mapping[str, tuple[str, ...]]:
        """The people holding posts in two organizations or more, each to those
        organizations.

        By person id (as :attr:`~govmodel.spec.Post.person` names it), the ids of the
        organizations, each once, in the order of the person's first post in each; the
        people in the structure's order. A post whose organization is no organization
        (invalid) is not read; a post whose person is no person (invalid) is read under the
        id it names, after the people, in the order of that id's first post. Built on first
        use (with numpy, one stable sort of the posts by person, and only these people read
        in Python) and kept: cross-appointment, tri-partite links and interlocks all read
        it. Linear in the posts.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> ix.multi_holders()["yt-p008"]  # a branch secretary chairing the owners' committee
        ('yt-c2-ppb', 'yt-c2-oc')
        >>> "yt-p002" in ix.multi_holders()
        False
        """

        def build() -> dict[str, tuple[str, ...]]:
            person, org = self.post_person, self.post_org
            orgs = self.organizations
            if self.backend == "numpy":
                np = _np()
                keep = np.flatnonzero(org >= 0)
                if not len(keep) or int(person[keep].min()) >= 0:
                    return self._multi_holders_numpy(keep)
            lo = self.n_units + self.n_organizations
            np_ = self.n_people
            codes = self.codes
            found: dict[str, dict[int, None]] = {}
            for post, o in zip(self.posts, org, strict=True):
                if o >= 0:
                    got = found.get(post.person)
                    if got is None:
                        found[post.person] = {o: None}
                    else:
                        got[o] = None
            many = [(p, got) for p, got in found.items() if len(got) > 1]

            def place(item: tuple[str, dict[int, None]]) -> int:
                code = codes.get(item[0], _NO) - lo
                return code if 0 <= code < np_ else np_  # after the people, stable

            many.sort(key=place)
            return {p: tuple(orgs[o].id for o in got) for p, got in many}

        got: dict[str, tuple[str, ...]] = self._memo("multi_holders", build)
        return got

    def _multi_holders_numpy(self, keep: Any) -> dict[str, tuple[str, ...]]:
        """:meth:`multi_holders` with numpy, of the posts ``keep`` (an array of post
        numbers, in order), each naming a person and an organization: the distinct (person,
        organization) pairs, first post first, sorted stably by person."""
        np = _np()
        person, org = self.post_person, self.post_org
        counts = np.bincount(person[keep], minlength=self.n_people)
        at = keep[counts[person[keep]] > 1]
        if not len(at):
            return {}
        pair = person[at] * max(self.n_organizations, 1) + org[at]
        _, first = np.unique(pair, return_index=True)
        at = at[np.sort(first)]  # each pair's first post, in post order
        who = person[at]
        at = at[np.bincount(who, minlength=self.n_people)[who] > 1]
        if not len(at):  # two posts or more, but in one organization
            return {}
        at = at[np.argsort(person[at], kind="stable")]
        who = person[at]
        starts = np.flatnonzero(np.r_[True, who[1:] != who[:-1]])
        ends = np.r_[starts[1:], len(at)]
        people, orgs = self.people, self.organizations
        names = [orgs[c].id for c in org[at].tolist()]
        return {
            people[c].id: tuple(names[a:b])
            for c, a, b in zip(who[starts].tolist(), starts.tolist(), ends.tolist(), strict=True)
        }

    # -- ties ------------------------------------------------------------------------------------
    def _ties(self) -> tuple[dict[tuple[str, str], tuple[str, ...]], ...]:
        def build() -> tuple[dict[tuple[str, str], tuple[str, ...]], ...]:
            ties = self.ties
            return (
                self._group(ties, attrgetter("relation", "source"), attrgetter("target")),
                self._group(ties, attrgetter("relation", "target"), attrgetter("source")),
            )

        got: tuple[dict[tuple[str, str], tuple[str, ...]], ...] = self._memo("ties", build)
        return got

    def ties_of(self, relation: str) -> tuple[Tie, ...]:
        """The ties of a relation, in order."""

        got: dict[str, tuple[Tie, ...]] = self._memo(
            "ties_of", lambda: self._group(self.ties, attrgetter("relation"))
        )
        return got.get(relation, ())

    def targets(self, source: str, relation: str) -> tuple[str, ...]:
        """The targets of the ties of ``relation`` out of ``source``, in order (repeated
        when two ties lead to one target).

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("jinfeng"))
        >>> ix.targets("jf-c1-ws", "escalates_to")
        ('jf-s1-gc',)
        """
        return (self._cache.get("ties") or self._ties())[0].get((relation, source), ())

    def sources(self, target: str, relation: str) -> tuple[str, ...]:
        """The sources of the ties of ``relation`` into ``target``, in order."""
        return (self._cache.get("ties") or self._ties())[1].get((relation, target), ())

    def linked(self, entity: str, relation: str) -> frozenset[str]:
        """The entities tied to ``entity`` by ``relation``, either way."""
        return frozenset((*self.targets(entity, relation), *self.sources(entity, relation)))

    def org_ties(self) -> Mapping[str, tuple[tuple[str, str, bool], ...]]:
        """Every organization's ties with organizations, of any relation, both ways.

        By organization id (organizations in order of their first such tie; those with
        none are absent), each tie as ``(other, relation, outgoing)``: the organization at
        the other end, the relation, and whether the tie goes out of this organization. In
        tie order. A tie of an organization to itself is listed twice, going out and then
        coming in; two ties alike are both listed. Ties whose relation is one of the
        graph's own edges (``contains``, ``located_in``, ...: invalid in a tie, see
        :data:`govmodel.vocab.RESERVED_RELATIONS`) are not read. Built on first use in one
        pass over the ties, and kept.

        For one relation and one organization, :meth:`targets`, :meth:`sources` and
        :meth:`linked` say the same.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("jinfeng"))
        >>> ("jf-s1-gc", "escalates_to", True) in ix.org_ties()["jf-c1-ws"]
        True
        >>> ("jf-c1-ws", "escalates_to", False) in ix.org_ties()["jf-s1-gc"]
        True
        """
        from govmodel.vocab import RESERVED_RELATIONS

        def build() -> dict[str, tuple[tuple[str, str, bool], ...]]:
            lo, hi, codes = self.n_units, self.n_units + self.n_organizations, self.codes
            out: dict[str, list[tuple[str, str, bool]]] = {}
            for t in self.ties:
                if (
                    lo <= codes[t.source] < hi
                    and lo <= codes[t.target] < hi
                    and t.relation not in RESERVED_RELATIONS
                ):
                    out.setdefault(t.source, []).append((t.target, t.relation, True))
                    out.setdefault(t.target, []).append((t.source, t.relation, False))
            return {k: tuple(v) for k, v in out.items()}

        got: dict[str, tuple[tuple[str, str, bool], ...]] = self._memo("org_ties", build)
        return got

    def unit_ties(self) -> Mapping[str, tuple[tuple[str, str], ...]]:
        """Every unit's ties into it from organizations and people, of any relation.

        By unit id (units in order of their first such tie; those with none are absent),
        each tie as ``(source, relation)``, in tie order; two ties alike are both listed.
        Ties from units, observations or decisions are not read, nor ties whose relation is
        one of the graph's own edges (invalid in a tie, see
        :data:`govmodel.vocab.RESERVED_RELATIONS`). Built on first use in one pass over the
        ties, and kept.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> ix.unit_ties()["yt-xt-a1"]
        (('yt-p005', 'responsible_for'),)
        """
        from govmodel.vocab import RESERVED_RELATIONS

        def build() -> dict[str, tuple[tuple[str, str], ...]]:
            nu, codes = self.n_units, self.codes
            hi = nu + self.n_organizations + self.n_people
            out: dict[str, list[tuple[str, str]]] = {}
            for t in self.ties:
                if (
                    codes[t.target] < nu
                    and nu <= codes[t.source] < hi
                    and t.relation not in RESERVED_RELATIONS
                ):
                    out.setdefault(t.target, []).append((t.source, t.relation))
            return {k: tuple(v) for k, v in out.items()}

        got: dict[str, tuple[tuple[str, str], ...]] = self._memo("unit_ties", build)
        return got

    # -- decisions -------------------------------------------------------------------------------
    def decisions_of(self, body: str) -> tuple[Decision, ...]:
        """The decisions a body (an organization) took, in the order they are listed.

        Empty for an id that took none. Built for every body on first use in one pass over
        the decisions, and kept.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("qingshan"))
        >>> [d.id for d in ix.decisions_of("qs-oa2")]
        ['qs-d-funds']
        >>> ix.decisions_of("nobody")
        ()
        """
        got: dict[str, tuple[Decision, ...]] | None = self._cache.get("decisions_of")
        if got is None:  # asked once per organization, often: the cache is read directly
            got = self._memo(
                "decisions_of", lambda: self._group(self.decisions, attrgetter("body"))
            )
        return got.get(body, ())

    # -- observations ----------------------------------------------------------------------------
    def observed(self, indicator: str) -> dict[str, tuple[Observation, ...]]:
        """Each subject's observations of ``indicator``, oldest first.

        Observations are ordered by :meth:`period_key` (no period oldest); of two of one
        period, the one listed first comes first. Subjects come in the order they are
        first observed.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("changsha"))
        >>> [o.value for o in ix.observed("fee_collection_rate")["cs-yt-gl"]]
        [0.478, 0.92]
        """

        def build_all() -> dict[str, dict[str, list[Observation]]]:
            out: dict[str, dict[str, list[Observation]]] = {}
            for ob in self.observations:
                out.setdefault(ob.indicator, {}).setdefault(ob.subject, []).append(ob)
            return out

        def build() -> dict[str, tuple[Observation, ...]]:
            raw = self._memo("observations", build_all).get(indicator, {})
            key = self.period_key
            return {
                s: tuple(sorted(obs, key=lambda o: key(o.period))) if len(obs) > 1 else tuple(obs)
                for s, obs in raw.items()
            }

        got: dict[str, tuple[Observation, ...]] = self._memo(("observed", indicator), build)
        return got

    def series(self, indicator: str, subject: str) -> tuple[Observation, ...]:
        """A subject's observations of ``indicator``, oldest first (as :meth:`observed`)."""
        return self.observed(indicator).get(subject, ())

    def latest(self, indicator: str, subject: str) -> Observation | None:
        """A subject's latest observation of ``indicator``, or ``None``.

        The latest is the one whose period ends last, then starts last
        (:meth:`period_key`; an observation without a period is the oldest). Tie-break: of
        observations of the same period (which :func:`govmodel.validate` reports), the one
        listed last.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("changsha"))
        >>> ix.latest("fee_collection_rate", "cs-yt-gl").value
        0.92
        """
        obs = self.series(indicator, subject)
        return obs[-1] if obs else None  # sorted stably: the last listed of the latest

    def published(
        self,
        indicator: str,
        *,
        where: Callable[[Observation], bool] | None = None,
        earliest: bool = False,
    ) -> float | None:
        """The structure's published figure of ``indicator``.

        :math:`F = \\sum_{s \\in O} x_s`: each subject's latest observation :math:`x_s`
        (:meth:`latest`'s rule and tie-break), summed over the outermost subjects :math:`O`
        that report it (:meth:`outermost`: a unit inside another unit that reports it is
        left out, so that nested figures are not added twice; a subject that is no unit
        counts). The sum is exact (:func:`math.fsum`). The same total as
        :func:`govmodel.metrics.hierarchy.rollup` with ``recorded="inclusive"`` over the
        observations of units.

        Parameters
        ----------
        indicator
            The indicator's name (``"compounds"``).
        where
            Only the observations it accepts count (all by default).
        earliest
            Take each subject's earliest observation instead (of one period, the one listed
            first): the figure before a change.

        Returns
        -------
        float or None
            The figure, or ``None`` when no subject reports it, or when a figure summed is
            not an amount (a bool, a string, NaN, an infinity, a negative number or an
            integer beyond a float's range, which :func:`govmodel.validate` reports; a
            structure built in Python may hold one), or when the total is beyond a float's
            range: the total is then unknown, never a sum that reads ``True`` as 1.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.index import StructureIndex
        >>> ix = StructureIndex.of(govmodel.datasets.load("yuetang"))
        >>> ix.published("compounds"), ix.published("no_such_indicator")
        (565.0, None)
        """
        chosen: dict[str, Observation] = {}
        for subject, obs in self.observed(indicator).items():
            kept = obs if where is None else tuple(o for o in obs if where(o))
            if not kept:
                continue
            chosen[subject] = kept[0] if earliest else kept[-1]
        if not chosen:
            return None
        from math import fsum

        figures = [chosen[s].value for s in self.outermost(chosen)]
        if not all(is_finite_number(x) and x >= 0 for x in figures):
            return None
        try:
            return fsum(map(float, figures))
        except OverflowError:  # an int beyond a float's range, or a total beyond it
            return None

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
        relation in ``via`` (``serves``, ``embedded_in``, …) to a node, or, with ``leads``,
        ``decides`` or ``contains`` in ``via``, those leading an organization, taking a
        decision or (invalid) containing a unit: the graph's edges out of an organization.
        Each organization once per node, in organization order, as
        :func:`govmodel.metrics.governance.coverage` reads them off the graph. Ties
        borrowing a structural relation are not read. One string is one relation
        (``"serves"``), never its letters.
        """
        from govmodel.vocab import RESERVED_RELATIONS

        wanted = frozenset((via,)) if isinstance(via, str) else frozenset(via)
        key = ("located", wanted)
        got = self._cache.get(key)
        if got is not None:
            return got  # type: ignore[no-any-return]
        ties: dict[str, list[str]] = {}
        # the graph's own edges out of an organization: to the units it contains (an
        # invalid parent), the organizations it leads and its decisions
        for relation, entities, source in (
            ("contains", self.units, "parent"),
            ("leads", self.organizations, "parent"),
            ("decides", self.decisions, "body"),
        ):
            if relation in wanted:
                for e in entities:
                    s = getattr(e, source)
                    if s is not None:
                        ties.setdefault(s, []).append(e.id)
        if wanted - RESERVED_RELATIONS:
            for tie in self.ties:
                if tie.relation in wanted and tie.relation not in RESERVED_RELATIONS:
                    ties.setdefault(tie.source, []).append(tie.target)
        out: dict[str, list[str]] = {}
        seats = "located_in" in wanted
        if not ties:  # each organization has one seat at most: no repeat to look for
            if seats:
                for o in self.organizations:
                    if o.unit is not None:
                        seen = out.get(o.unit)
                        if seen is None:
                            out[o.unit] = [o.id]
                        else:
                            seen.append(o.id)
            self._cache[key] = out
            return out
        for o in self.organizations:
            targets = [o.unit] if seats and o.unit is not None else []
            targets += ties.get(o.id, ())
            for v in targets:
                seen = out.get(v)
                if seen is None:
                    out[v] = [o.id]
                elif seen[-1] != o.id:  # listed already only by this organization, last
                    seen.append(o.id)
        self._cache[key] = out
        return out

    def selector(self, selector: str | Collection[str]) -> Callable[[Organization], bool]:
        """A predicate on organizations for a selector of the governance measures: a kind, a
        collection of kinds, and ``"party"`` for every party organization."""
        kinds = frozenset((selector,)) if isinstance(selector, str) else frozenset(selector)
        if not kinds:
            raise ValueError("an organization selector needs at least one kind")
        if "party" in kinds:  # every party kind of the vocabulary as well
            terms = self.vocab.category("organization_kinds")
            kinds = kinds | {k for k, t in terms.items() if t.party}
        return lambda o: o.kind in kinds
