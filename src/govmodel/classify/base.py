"""The contract every classifier of govmodel keeps: labels with their reasons.

A *classifier* sorts units of a governance graph (compounds, communities) into a fixed set of
classes. For each unit it returns a :class:`Label`: the class (``value``, with its English and
Chinese names) and the :class:`Reason` objects that say which rule fired and on which data.
Models call :meth:`Classifier.classify_all` and render the labels in either language.

:class:`GraphIndex` reads a graph made by :func:`govmodel.to_graph` once (nodes by entity, the
containment tree, ``located_in`` and ``leads`` edges, posts, ties, observations, decisions), so
that a classifier labels every unit in one pass over the graph instead of searching the whole
graph for each unit.

Examples
--------
>>> import networkx as nx
>>> from govmodel.classify.base import ClassDef, Classifier, GraphIndex, Label, Reason
>>> class Size(Classifier):
...     name = "size"
...     en, zh = "compound size", "小区规模"
...     classes = (ClassDef("small", "small", "小型"), ClassDef("large", "large", "大型"))
...     def classify_in(self, index: GraphIndex, subject: str) -> Label:
...         n = int(index.units[subject].get("households", 0))
...         value = "large" if n >= 1000 else "small"
...         why = Reason("households", f"{n} households", {"households": n})
...         return self.label(subject, value, [why])
>>> G = nx.MultiDiGraph()
>>> G.add_node("x1", entity="unit", kind="compound", households=1200)
>>> lab = Size().classify(G, "x1")
>>> lab.value, lab.zh, lab.reasons[0].rule
('large', '大型', 'households')
"""

from __future__ import annotations

import abc
import json
from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import Any, ClassVar, cast

import attrs
import networkx as nx

from govmodel.spec import Attributes, Scalar, Structure
from govmodel.vocab import BUILTIN

__all__ = [
    "STRUCTURAL_RELATIONS",
    "ClassDef",
    "Classifier",
    "GraphIndex",
    "Label",
    "Reason",
    "Scalar",
]

#: The relations of the graph's structural edges; every other relation is a tie.
STRUCTURAL_RELATIONS: frozenset[str] = frozenset(
    {"contains", "located_in", "leads", "post", "observes", "decides", "vote"}
)

_COMPOUND_LEVEL = 6


def _attributes(value: Mapping[str, Scalar] | None) -> Attributes:
    if isinstance(value, Attributes):
        return value
    return Attributes(value or {})


def _reasons(value: Iterable[Reason]) -> tuple[Reason, ...]:
    return tuple(value)


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


@attrs.frozen
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
    data: Attributes = attrs.field(factory=Attributes, converter=_attributes)

    def __str__(self) -> str:
        return f"{self.rule}: {self.text}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready ``dict``."""
        return {"rule": self.rule, "text": self.text, "data": self.data.to_dict()}


@attrs.frozen
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
    reasons: tuple[Reason, ...] = attrs.field(converter=_reasons)
    details: Attributes = attrs.field(factory=Attributes, converter=_attributes)

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


def _integer(value: object) -> int | None:
    """``value`` as a whole number (``6``, ``6.0``, ``"6"``), else ``None``; booleans are not."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        s = value.strip()
        if s.lstrip("-").isdigit():
            return int(s)
    return None


def _truthy(value: object) -> bool:
    """Whether an attribute value says yes (``True``, non-zero, a non-empty string that is not
    ``"false"``, ``"no"``, ``"0"`` or ``"none"``)."""
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, str):
        return value.strip().lower() not in {"", "false", "no", "0", "none"}
    if isinstance(value, int | float):
        return value != 0
    return False


def _head_roles(G: Any) -> frozenset[str]:
    """The roles whose holder heads an organization: built in, plus those the graph declares."""
    heads = {t.name for t in BUILTIN.category("roles").values() if t.head}
    raw = G.graph.get("vocabulary")
    if isinstance(raw, str):
        try:
            terms = json.loads(raw)
        except ValueError:
            terms = []
        if isinstance(terms, list):
            for t in terms:
                if isinstance(t, dict) and t.get("category") == "roles" and "name" in t:
                    (heads.add if t.get("head") else heads.discard)(str(t["name"]))
    return frozenset(heads)


class GraphIndex:
    """What classifiers need of a govmodel graph, read in one pass over its nodes and edges.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph following govmodel's conventions (:func:`govmodel.to_graph`): every node has
        an ``entity`` attribute and every edge a ``relation``.

    Attributes
    ----------
    units, organizations, people, observations, decisions : dict
        Node id to node attribute dict, by entity.
    parent : dict
        Unit id to the id of the unit that contains it.
    children : dict
        Unit id to the ids of the units it contains.
    org_unit : dict
        Organization id to the unit it is ``located_in``.
    orgs_at : dict
        Unit id to the organizations located in it.
    leads, led_by : dict
        Organization id to the organizations it leads / that lead it.
    org_ties : dict
        Organization id to ``(other, relation, outgoing)`` for each tie with another
        organization (``leads`` edges not included).
    unit_ties : dict
        Unit id to ``(source, relation)`` for each tie from an organization or a person to it.
    posts : dict
        Organization id to ``(person, role)`` for each post.
    person_orgs : dict
        Person id to the organizations where the person holds a post.
    observed : dict
        Subject id to ``(indicator, value)`` for each observation of it.
    decided : dict
        Organization id to the ids of the decisions it took.
    manages_sources : set
        The organizations and people with a ``manages`` tie to some unit.
    head_roles : frozenset
        Roles whose holder heads the organization (``secretary``, ``chair``, ``manager``, and
        any the graph's vocabulary declares with ``head``).

    Notes
    -----
    Complexity: :math:`O(n + m)` time and memory for :math:`n` nodes and :math:`m` edges.
    """

    @classmethod
    def from_structure(cls, structure: Structure) -> GraphIndex:
        """The index of ``to_graph(structure)``, read off the structure without drawing it.

        Equal to ``GraphIndex(govmodel.to_graph(structure))`` in every attribute (tested),
        at a fraction of the cost: no networkx graph is built, the node attribute dicts are
        made only for the nodes a classifier looks at, and ``person_orgs`` only for the
        people it asks about. :attr:`G` is ``None``.

        Raises
        ------
        SpecError
            As :func:`govmodel.to_graph`, when the structure cannot be drawn.

        Examples
        --------
        >>> import govmodel
        >>> from govmodel.classify.base import GraphIndex
        >>> s = govmodel.datasets.load("xihu")
        >>> ix = GraphIndex.from_structure(s)
        >>> ix.compounds() == GraphIndex(govmodel.to_graph(s)).compounds()
        True
        """
        from govmodel.graph import to_graph

        if any(t.relation in STRUCTURAL_RELATIONS for t in structure.ties):
            # Ties borrowing a structural relation (invalid) are read as the graph reads them.
            return cls(to_graph(structure))
        self = cls.__new__(cls)
        _read_structure(self, structure)
        return self

    def __init__(self, G: Any) -> None:
        self.G = G
        self._unit_level: Mapping[str, int | None] | None = None
        self.units: dict[str, dict[str, Any]] = {}
        self.organizations: dict[str, dict[str, Any]] = {}
        self.people: dict[str, dict[str, Any]] = {}
        self.observations: dict[str, dict[str, Any]] = {}
        self.decisions: dict[str, dict[str, Any]] = {}
        by_entity = {
            "unit": self.units,
            "organization": self.organizations,
            "person": self.people,
            "observation": self.observations,
            "decision": self.decisions,
        }
        for node, data in G.nodes(data=True):
            bucket = by_entity.get(data.get("entity"))
            if bucket is not None:
                bucket[node] = data
        self.parent: dict[str, str] = {}
        self.children: dict[str, list[str]] = {}
        self.org_unit: dict[str, str] = {}
        self.orgs_at: dict[str, list[str]] = {}
        self.leads: dict[str, list[str]] = {}
        self.led_by: dict[str, list[str]] = {}
        self.org_ties: dict[str, list[tuple[str, str, bool]]] = {}
        self.unit_ties: dict[str, list[tuple[str, str]]] = {}
        self.posts: dict[str, list[tuple[str, str]]] = {}
        self.person_orgs: dict[str, set[str]] = {}
        self.observed: dict[str, list[tuple[str, Scalar]]] = {}
        self.decided: dict[str, list[str]] = {}
        self.manages_sources: set[str] = set()
        self.head_roles = _head_roles(G)
        units, orgs, people = self.units, self.organizations, self.people
        for u, v, data in G.edges(data=True):
            rel = data.get("relation")
            if rel == "contains":
                if u in units and v in units:
                    self.parent[v] = u
                    self.children.setdefault(u, []).append(v)
            elif rel == "located_in":
                if u in orgs:
                    self.org_unit[u] = v
                    self.orgs_at.setdefault(v, []).append(u)
            elif rel == "leads":
                self.leads.setdefault(u, []).append(v)
                self.led_by.setdefault(v, []).append(u)
            elif rel == "post":
                self.posts.setdefault(v, []).append((u, str(data.get("role", ""))))
                self.person_orgs.setdefault(u, set()).add(v)
            elif rel == "observes":
                obs = self.observations.get(u)
                if obs is not None and "indicator" in obs:
                    self.observed.setdefault(v, []).append(
                        (str(obs["indicator"]), obs.get("value", 0))
                    )
            elif rel == "decides":
                self.decided.setdefault(u, []).append(v)
            elif rel is not None and rel not in STRUCTURAL_RELATIONS:
                if u in orgs and v in orgs:
                    self.org_ties.setdefault(u, []).append((v, str(rel), True))
                    self.org_ties.setdefault(v, []).append((u, str(rel), False))
                elif v in units and (u in orgs or u in people):
                    self.unit_ties.setdefault(v, []).append((u, str(rel)))
                    if rel == "manages":
                        self.manages_sources.add(u)

    # -- units -------------------------------------------------------------------------------
    def level(self, unit: str) -> int | None:
        """The unit's level: its ``level`` attribute, else the rank of its kind."""
        if self._unit_level is not None:
            return self._unit_level.get(unit)
        data = self.units.get(unit)
        if data is None:
            return None
        level = data.get("level")
        if isinstance(level, int) and not isinstance(level, bool):
            return level
        return BUILTIN.rank(str(data.get("kind", "")))

    def units_at(self, levels: Iterable[int]) -> list[str]:
        """The units at any of ``levels``, in graph order."""
        wanted = set(levels)
        if self._unit_level is not None:
            return [u for u, level in self._unit_level.items() if level in wanted]
        return [u for u in self.units if self.level(u) in wanted]

    def compounds(self) -> list[str]:
        """The compound-level units (level 6: compounds, courtyards), in graph order."""
        return self.units_at((_COMPOUND_LEVEL,))

    def ancestors(self, unit: str) -> Iterator[str]:
        """The units containing ``unit``, nearest first."""
        seen = {unit}
        u = self.parent.get(unit)
        while u is not None and u not in seen:
            seen.add(u)
            yield u
            u = self.parent.get(u)

    def subtree(self, unit: str) -> list[str]:
        """``unit`` and every unit inside it."""
        out = [unit]
        seen = {unit}
        i = 0
        while i < len(out):
            for c in self.children.get(out[i], ()):
                if c not in seen:
                    seen.add(c)
                    out.append(c)
            i += 1
        return out

    def kind(self, node: str) -> str:
        """The ``kind`` of a unit or organization (``""`` when it has none)."""
        data = self.units.get(node) or self.organizations.get(node) or {}
        return str(data.get("kind", ""))

    def is_party(self, org: str) -> bool:
        """Whether an organization is a party organization (``is_party``, else its kind)."""
        data = self.organizations.get(org, {})
        flag = data.get("is_party")
        if isinstance(flag, bool):
            return flag
        return BUILTIN.is_party(str(data.get("kind", "")))

    def heads(self, org: str) -> list[tuple[str, str]]:
        """The ``(person, role)`` posts of ``org`` whose role heads it."""
        return [(p, r) for p, r in self.posts.get(org, ()) if r in self.head_roles]

    def check_unit(self, subject: Hashable) -> str:
        """``subject`` as a unit id; raises if it is not a unit of the graph.

        Raises
        ------
        KeyError
            If the graph has no node ``subject``.
        ValueError
            If the node is not a unit (``entity != "unit"``).
        """
        if self.G is None:
            nodes = (self.units, self.organizations, self.people, self.observations)
            where = next((m for m in (*nodes, self.decisions) if subject in m), None)
            if where is None:
                raise KeyError(f"the graph has no node {subject!r}")
            entity = where[cast(str, subject)].get("entity")
        else:
            if subject not in self.G:
                raise KeyError(f"the graph has no node {subject!r}")
            entity = self.G.nodes[subject].get("entity")
        if subject not in self.units:
            raise ValueError(f"{subject!r} is not a unit (its entity is {entity!r})")
        return str(subject)


class _Nodes(Mapping[str, dict[str, Any]]):
    """Node id to node attribute dict for one section, each dict made on first use."""

    __slots__ = ("_build", "_codes", "_entities", "_hi", "_lo", "_made")

    def __init__(
        self,
        entities: tuple[Any, ...],
        codes: Mapping[Any, int],
        lo: int,
        build: Any,
    ) -> None:
        self._entities = entities
        self._codes = codes
        self._lo, self._hi = lo, lo + len(entities)
        self._build = build
        self._made: dict[str, dict[str, Any]] = {}

    def _make(self, key: Any) -> dict[str, Any]:
        code = self._codes.get(key, -1)
        if not self._lo <= code < self._hi:
            raise KeyError(key)
        got = self._made[key] = self._build(self._entities[code - self._lo], strict=False)
        return got  # type: ignore[no-any-return]

    def __getitem__(self, key: str) -> dict[str, Any]:
        got = self._made.get(key)
        return got if got is not None else self._make(key)

    def get(self, key: str, default: Any = None) -> Any:
        got = self._made.get(key)
        if got is not None:
            return got
        try:
            return self._make(key)
        except KeyError:
            return default

    def __contains__(self, key: object) -> bool:
        try:
            code = self._codes.get(key, -1)
        except TypeError:  # unhashable
            return False
        return self._lo <= code < self._hi

    def __iter__(self) -> Iterator[str]:
        return (e.id for e in self._entities)

    def __len__(self) -> int:
        return len(self._entities)


class _Lazy(Mapping[str, Any]):
    """A mapping built in full on first use (for the maps few classifiers read)."""

    __slots__ = ("_build", "_data")

    def __init__(self, build: Any) -> None:
        self._build = build
        self._data: dict[str, Any] | None = None

    def _got(self) -> dict[str, Any]:
        if self._data is None:
            self._data = self._build()
        return self._data

    def __getitem__(self, key: str) -> Any:
        return self._got()[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self._got().get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self._got()

    def __iter__(self) -> Iterator[str]:
        return iter(self._got())

    def __len__(self) -> int:
        return len(self._got())


def _read_structure(self: GraphIndex, s: Structure) -> None:
    """Fill a :class:`GraphIndex` as ``GraphIndex(to_graph(s))`` would, from ``s`` itself.

    The graph's edges are read in the order ``G.edges`` yields them: by source node, then by
    the first edge to each target, then by key; lists in the index keep that order.
    """
    from govmodel.graph import _NodeData
    from govmodel.index import StructureIndex

    ix = StructureIndex.of(s)
    codes = ix.codes
    data = _NodeData(s)
    nu, no, npp = ix.n_units, ix.n_organizations, ix.n_people
    nob = ix.n_observations
    self.G = None
    self.units = _Nodes(s.units, codes, 0, data.unit)  # type: ignore[assignment]
    self.organizations = _Nodes(s.organizations, codes, nu, data.organization)  # type: ignore[assignment]
    self.people = _Nodes(s.people, codes, nu + no, data.person)  # type: ignore[assignment]
    self.observations = _Nodes(s.observations, codes, nu + no + npp, data.observation)  # type: ignore[assignment]
    self.decisions = _Nodes(s.decisions, codes, nu + no + npp + nob, data.decision)  # type: ignore[assignment]
    vocab_rank, builtin_rank = s.vocab.rank, BUILTIN.rank
    ranks = {k: vocab_rank(k) for k in ix.unit_kinds}
    ranks = {k: r if r is not None else builtin_rank(k) for k, r in ranks.items()}
    kinds = ix.unit_kinds
    self._unit_level = dict(
        zip(ix.unit_ids, (ranks[kinds[k]] for k in ix.unit_kind.tolist()), strict=True)
    )

    ids = ix.unit_ids
    parent_codes = ix.unit_parent.tolist()
    self.parent = {ids[v]: ids[p] for v, p in enumerate(parent_codes) if p >= 0}
    # children: by parent in node order, each parent's children in unit order
    grouped: dict[int, list[str]] = {}
    for v, p in enumerate(parent_codes):
        if p >= 0:
            got = grouped.get(p)
            if got is None:
                grouped[p] = [ids[v]]
            else:
                got.append(ids[v])
    self.children = {ids[p]: grouped[p] for p in sorted(grouped)}

    self.org_unit = {o.id: o.unit for o in s.organizations if o.unit is not None}
    at: dict[str, list[str]] = {}
    led: dict[str, list[str]] = {}
    self.led_by = {}
    for o in s.organizations:
        if o.unit is not None:
            at.setdefault(o.unit, []).append(o.id)
        if o.parent is not None:
            led.setdefault(o.parent, []).append(o.id)
            self.led_by[o.id] = [o.parent]
    self.orgs_at = at
    self.leads = {p: led[p] for p in sorted(led, key=codes.__getitem__)}

    posts = s.posts

    def read_posts() -> dict[str, list[tuple[str, str]]]:
        # The edges person -> organization, read by person (node order), then post order.
        out: dict[str, list[tuple[str, str]]] = {}
        for i in sorted(range(len(posts)), key=lambda i: codes[posts[i].person]):
            post = posts[i]
            out.setdefault(post.organization, []).append((post.person, str(post.role)))
        return out

    def read_person_orgs() -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for post in posts:
            out.setdefault(post.person, set()).add(post.organization)
        return out

    self.posts = _Lazy(read_posts)  # type: ignore[assignment]
    self.person_orgs = _Lazy(read_person_orgs)  # type: ignore[assignment]

    self.observed = {}
    for ob in s.observations:
        self.observed.setdefault(ob.subject, []).append((str(ob.indicator), ob.value))
    self.decided = {}
    for d in s.decisions:
        self.decided.setdefault(d.body, []).append(d.id)

    self.org_ties, self.unit_ties, self.manages_sources = {}, {}, set()
    self.head_roles = _structure_head_roles(s)
    if s.ties:
        _read_ties(self, s, codes, nu, no, npp)


def _read_ties(
    self: GraphIndex, s: Structure, codes: Mapping[str, int], nu: int, no: int, npp: int
) -> None:
    """The ties' share of the index, in the order of ``G.edges``.

    ``G.edges`` yields the edges out of a node grouped by target, targets in the order of
    their first edge from that node (structural edges, then posts, then ties, were added in
    that order), each target's edges by key in the order they were added.
    """
    pairs = {(t.source, t.target) for t in s.ties}
    first: dict[tuple[str, str], tuple[int, ...]] = {}

    def note(pair: tuple[str, str], key: tuple[int, ...]) -> None:
        if pair in pairs:
            old = first.get(pair)
            if old is None or key < old:
                first[pair] = key

    for i, u in enumerate(s.units):
        if u.parent is not None:
            note((u.parent, u.id), (0, i))
    for i, o in enumerate(s.organizations):
        if o.unit is not None:
            note((o.id, o.unit), (1, i, 0))
        if o.parent is not None:
            note((o.parent, o.id), (1, i, 1))
    for i, ob in enumerate(s.observations):
        note((ob.id, ob.subject), (2, i))
    for i, d in enumerate(s.decisions):
        note((d.body, d.id), (3, i))
    for i, post in enumerate(s.posts):
        note((post.person, post.organization), (4, i))
    for i, t in enumerate(s.ties):
        note((t.source, t.target), (5, i))
    ties = sorted(
        range(len(s.ties)),
        key=lambda i: (codes[s.ties[i].source], first[(s.ties[i].source, s.ties[i].target)], i),
    )
    org_lo, org_hi = nu, nu + no
    people_hi = nu + no + npp

    def is_org(x: str) -> bool:
        return org_lo <= codes[x] < org_hi

    for i in ties:
        t = s.ties[i]
        src, dst, rel = t.source, t.target, str(t.relation)
        if is_org(src) and is_org(dst):
            self.org_ties.setdefault(src, []).append((dst, rel, True))
            self.org_ties.setdefault(dst, []).append((src, rel, False))
        elif codes[dst] < nu and org_lo <= codes[src] < people_hi:
            self.unit_ties.setdefault(dst, []).append((src, rel))
            if rel == "manages":
                self.manages_sources.add(src)


def _structure_head_roles(s: Structure) -> frozenset[str]:
    """:func:`_head_roles` of ``to_graph(s)``, from the structure's declared terms."""
    heads = {t.name for t in BUILTIN.category("roles").values() if t.head}
    for t in s.vocabulary:
        if t.category == "roles":
            (heads.add if t.head else heads.discard)(str(t.name))
    return frozenset(heads)


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
        c = self.class_def(value)
        reasons = tuple(reasons)
        if not reasons:
            raise ValueError(f"{self.name}: a label of {subject!r} needs at least one reason")
        return Label(self.name, subject, value, c.en, c.zh, reasons, details or {})

    # -- classifying -------------------------------------------------------------------------
    def subjects_in(self, index: GraphIndex) -> list[str]:
        """The units :meth:`classify_all` labels: compound-level units (level 6) by default."""
        return index.compounds()

    @abc.abstractmethod
    def classify_in(self, index: GraphIndex, subject: str) -> Label:
        """Label one unit of an indexed graph (``subject`` is known to be a unit)."""

    def classify(self, G: nx.MultiDiGraph, subject: str) -> Label:
        """Label one unit of ``G``.

        Indexes the graph (:math:`O(n + m)`); to label many units, use :meth:`classify_all`.

        Raises
        ------
        KeyError
            If ``subject`` is not a node of ``G``.
        ValueError
            If ``subject`` is not a unit.
        """
        index = GraphIndex(G)
        return self.classify_in(index, index.check_unit(subject))

    def classify_all(self, G: nx.MultiDiGraph) -> dict[str, Label]:
        """Label every unit the classifier applies to, by unit id (one pass over ``G``)."""
        return self.classify_index(GraphIndex(G))

    def classify_index(self, index: GraphIndex) -> dict[str, Label]:
        """:meth:`classify_all` on an index already built (to share it between classifiers)."""
        return {s: self.classify_in(index, s) for s in self.subjects_in(index)}
