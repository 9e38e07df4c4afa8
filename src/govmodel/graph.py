"""Governance structures as networkx graphs, and back.

:func:`to_graph` turns a :class:`~govmodel.spec.Structure` into a
:class:`networkx.MultiDiGraph` whose nodes are the units, organizations, people,
observations and decisions, and whose edges are containment, seats, leadership, posts, ties,
observations, decisions and votes. :func:`from_graph` is its exact inverse:
``from_graph(to_graph(s)) == s`` for every structure whose references can be drawn.

Every attribute of the graph, its nodes and its edges is a plain ``str``, ``int``, ``float``
or ``bool``, so that every networkx writer (GraphML, GEXF, node-link JSON) accepts it. The
conventions (which attribute holds what) are listed in :doc:`/guide/graphs`.

The views (:func:`containment_tree`, :func:`party_hierarchy`, :func:`leadership_hierarchy`,
:func:`affiliation_graph`, :func:`interlock_graph`) each build a new, plain networkx graph
from a govmodel graph; they share nothing mutable with it.

Examples
--------
>>> import govmodel
>>> from govmodel.graph import from_graph, to_graph
>>> s = govmodel.Structure(
...     units=[govmodel.Unit("c1", "community"), govmodel.Unit("x1", "compound", parent="c1")],
...     organizations=[govmodel.Organization("pb1", "compound_party_branch", unit="x1")],
... )
>>> G = to_graph(s)
>>> G.nodes["x1"]
{'entity': 'unit', 'kind': 'compound', 'name': '', 'level': 6}
>>> sorted(G.edges(keys=True))
[('c1', 'x1', 'contains'), ('pb1', 'x1', 'located_in')]
>>> from_graph(G) == s
True
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from fractions import Fraction
from itertools import combinations
from numbers import Integral
from types import MappingProxyType
from typing import Any, Final, NoReturn

import networkx as nx

from govmodel._convert import (
    CONVERTER,
    DEFAULT_LIMITS,
    DuplicateKey,
    Limits,
    capped,
    converter_for,
    json_path,
    json_too_deep,
    problems_from_exception,
    shown,
    shown_key,
    too_deep,
    unique_pairs,
)
from govmodel.errors import Problem, SpecError
from govmodel.spec import (
    FORMAT_VERSION,
    Attributes,
    Decision,
    Identifier,
    Metadata,
    Observation,
    Organization,
    Person,
    Post,
    Scalar,
    Structure,
    Tally,
    Tie,
    Unit,
    Vote,
    VotingRule,
    date_bounds,
    in_force,
)
from govmodel.validate import (
    EDGE_RESERVED,
    INEXACT_TYPES,
    NODE_RESERVED,
    NODE_RESERVED_PREFIXES,
    require_types,
)
from govmodel.vocab import BUILTIN, RESERVED_RELATIONS, Term, Vocabulary

__all__ = [
    "DERIVED_ATTRIBUTES",
    "ENTITIES",
    "ESCAPE_PREFIX",
    "affiliation_graph",
    "containment_tree",
    "from_graph",
    "interlock_graph",
    "leadership_hierarchy",
    "party_hierarchy",
    "to_graph",
]

#: The values of the ``entity`` node attribute, in the order :func:`to_graph` adds nodes.
ENTITIES: Final[tuple[str, ...]] = ("unit", "organization", "person", "observation", "decision")

#: Node attributes :func:`to_graph` derives from the vocabulary and :func:`from_graph` ignores.
DERIVED_ATTRIBUTES: Final[frozenset[str]] = frozenset({"level", "is_party", "sector"})

#: The prefix of a user attribute whose name is taken by the graph's own attributes
#: (``attributes={"level": 3}`` becomes the node attribute ``"attr:level"``).
ESCAPE_PREFIX: Final = "attr:"

# Names of node attributes of the graph itself: a user attribute with one of these names, or
# a name starting with one of the prefixes, is written with ESCAPE_PREFIX in front.
# ``identifiers``, ``heads`` and ``area_tally`` are not (yet) in validate's NODE_RESERVED.
_NODE_KEYS: Final = NODE_RESERVED | {
    "identifiers",
    "heads",
    "area_tally",
    "start",
    "end",
    "formed_from",
    "replaced_by",
    "matter",
    "term_start",
    "term_years",
    "party_mobility",
}
#: Node keys added to the graph after the first files were written: read as fields only on
#: the entities that have them, and as user attributes elsewhere (a graph written before a
#: key existed may carry it, unescaped, as an attribute of any entity).
_LATER_NODE_KEYS: Final = frozenset(
    {
        "start",
        "end",
        "formed_from",
        "replaced_by",
        "matter",
        "term_start",
        "term_years",
        "party_mobility",
    }
)
_NODE_PREFIXES: Final = (*NODE_RESERVED_PREFIXES, ESCAPE_PREFIX)
# ``tie`` marks a tie whose relation is one of the structural relations (an invalid tie).
_EDGE_KEYS: Final = EDGE_RESERVED | {"tie", "proxy"}
_EDGE_PREFIXES: Final = (ESCAPE_PREFIX,)

_STRUCTURAL: Final = frozenset({"contains", "located_in", "leads", "observes", "decides"})
_ENTITY_LIST: Final = ", ".join(map(repr, ENTITIES))
_SCALARS: Final = frozenset({str, int, float, bool})
_TALLY_FIELDS: Final = ("members", "present", "yes", "no", "abstain")

# Attributes of the structural edges; networkx copies them into each edge's own dict.
_CONTAINS: Final = MappingProxyType({"relation": "contains"})
_LOCATED_IN: Final = MappingProxyType({"relation": "located_in"})
_LEADS: Final = MappingProxyType({"relation": "leads"})
_OBSERVES: Final = MappingProxyType({"relation": "observes"})
_DECIDES: Final = MappingProxyType({"relation": "decides"})

_NODE_SECTIONS: Final = ("units", "organizations", "people", "observations", "decisions")
_SECTIONS: Final = (
    "units",
    "organizations",
    "people",
    "posts",
    "ties",
    "observations",
    "decisions",
)

# An edge as networkx's add_edges_from takes it: (u, v, key, attributes).
_Edge = tuple[str, str, str, Mapping[str, Any]]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# -- to_graph ---------------------------------------------------------------------------------


class _BadAttribute(Exception):
    def __init__(self, key: object, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


def _flattener(
    reserved: frozenset[str], prefixes: tuple[str, ...]
) -> Callable[[Mapping[str, Any], dict[str, Any]], None]:
    """A function copying attributes into a node or edge dict, escaping reserved names.

    It takes the attributes' own dict (``Attributes._data``, read and never changed, so
    that nothing is copied but into the node or edge dict). Whether a name needs escaping
    is decided once per distinct name: names kept as they are go to ``plain``, so that the
    common case (no reserved name, scalar values) is one superset test and one
    ``dict.update``.
    """
    plain: set[str] = set()
    escaped: dict[str, str] = {}
    scalars = _SCALARS

    def flatten(data: Mapping[str, Any], out: dict[str, Any]) -> None:
        if plain.issuperset(data) and scalars.issuperset(map(type, data.values())):
            out.update(data)
            return
        for key, value in data.items():
            if type(value) not in scalars and not isinstance(value, str | int | float):
                raise _BadAttribute(
                    key,
                    f"attribute {shown(key)} is {shown(value)}, not a string, number or boolean",
                )
            if key in plain:
                out[key] = value
                continue
            name = escaped.get(key)
            if name is None:
                if not isinstance(key, str):
                    raise _BadAttribute(key, f"attribute names are strings, not {shown(key)}")
                if key in reserved or key.startswith(prefixes):
                    name = escaped[key] = ESCAPE_PREFIX + key
                else:
                    plain.add(name := key)
            out[name] = value

    return flatten


def _history(e: Unit | Organization, d: dict[str, Any]) -> None:
    """The dates and succession of a unit or organization, as node attributes: ``start``,
    ``end``, ``replaced_by`` as strings, ``formed_from`` as a JSON list of ids."""
    if e.start is not None:
        d["start"] = e.start
    if e.end is not None:
        d["end"] = e.end
    if e.formed_from:
        d["formed_from"] = json.dumps(list(e.formed_from), ensure_ascii=False)
    if e.replaced_by is not None:
        d["replaced_by"] = e.replaced_by


def _identifiers(identifiers: tuple[Identifier, ...]) -> str:
    return _json([{"scheme": i.scheme, "identifier": i.identifier} for i in identifiers])


def _tally(prefix: str, t: Tally, out: dict[str, Any]) -> None:
    out[prefix] = True
    for name in _TALLY_FIELDS:
        value = getattr(t, name)
        if value is not None:
            out[f"{prefix}_{name}"] = value


class _NodeData:
    """The attribute dicts of the nodes :func:`to_graph` draws, one entity at a time.

    Shared by :func:`to_graph` and by indexes that read a structure without drawing its
    graph (:meth:`govmodel.classify.base.GraphIndex.from_structure`), so that both hold the
    very same attributes. With ``strict=False`` an attribute that is not a scalar is left out
    instead of raising :class:`_BadAttribute` (:func:`to_graph` reports it).
    """

    def __init__(self, structure: Structure) -> None:
        vocab = structure.vocab
        self.ranks = {
            k: t.rank for k, t in vocab.category("unit_kinds").items() if t.rank is not None
        }
        org_terms = vocab.category("organization_kinds")
        self.party = {k: t.party for k, t in org_terms.items()}
        self.sectors = {k: t.sector for k, t in org_terms.items() if t.sector is not None}
        self.flat = _flattener(_NODE_KEYS, _NODE_PREFIXES)

    def _attributes(self, data: Mapping[str, Any], d: dict[str, Any], strict: bool) -> None:
        """Copy the attributes ``data`` (an ``Attributes._data``, not empty) into ``d``."""
        if strict:
            self.flat(data, d)
            return
        for key, value in data.items():
            try:
                self.flat({key: value}, d)
            except _BadAttribute:
                pass

    def unit(self, u: Unit, *, strict: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {"entity": "unit", "kind": u.kind, "name": u.name}
        if attrs := u.attributes._data:  # its own dict: len() of Attributes is a call
            self._attributes(attrs, d, strict)
        if u.identifiers:
            d["identifiers"] = _identifiers(u.identifiers)
        _history(u, d)
        rank = self.ranks.get(u.kind)
        if rank is not None:
            d["level"] = rank
        return d

    def organization(self, o: Organization, *, strict: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {"entity": "organization", "kind": o.kind, "name": o.name}
        if attrs := o.attributes._data:  # its own dict: len() of Attributes is a call
            self._attributes(attrs, d, strict)
        if o.identifiers:
            d["identifiers"] = _identifiers(o.identifiers)
        _history(o, d)
        if o.term_start is not None:
            d["term_start"] = o.term_start
        if o.term_years is not None:
            d["term_years"] = o.term_years
        d["is_party"] = self.party.get(o.kind, False)
        sector = self.sectors.get(o.kind)
        if sector is not None:
            d["sector"] = sector
        return d

    def person(self, p: Person, *, strict: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {"entity": "person", "name": p.name}
        if p.party is not None:
            d["party_status"] = p.party
        if p.mobility is not None:
            d["party_mobility"] = p.mobility
        if attrs := p.attributes._data:  # its own dict: len() of Attributes is a call
            self._attributes(attrs, d, strict)
        return d

    def observation(self, ob: Observation, *, strict: bool = True) -> dict[str, Any]:
        d: dict[str, Any] = {"entity": "observation", "indicator": ob.indicator, "value": ob.value}
        if ob.period is not None:
            d["period"] = ob.period
        if ob.source is not None:
            d["source"] = ob.source
        if attrs := ob.attributes._data:  # its own dict: len() of Attributes is a call
            self._attributes(attrs, d, strict)
        return d

    def decision(self, dec: Decision, *, strict: bool = True) -> dict[str, Any]:
        r = dec.rule
        d: dict[str, Any] = {
            "entity": "decision",
            "motion": dec.motion,
            "rule_threshold": CONVERTER.unstructure(r.threshold, Fraction),
            "rule_basis": r.basis,
            "rule_strict": r.strict,
            "rule_by_area": r.by_area,
        }
        if r.quorum is not None:
            d["rule_quorum"] = CONVERTER.unstructure(r.quorum, Fraction)
        if dec.date is not None:
            d["date"] = dec.date
        if dec.outcome is not None:
            d["outcome"] = dec.outcome
        if dec.matter is not None:
            d["matter"] = dec.matter
        if dec.count is not None:
            _tally("heads", dec.count, d)
        if dec.area is not None:
            _tally("area_tally", dec.area, d)
        if attrs := dec.attributes._data:  # its own dict: len() of Attributes is a call
            self._attributes(attrs, d, strict)
        return d


def _vote_edge(v: Vote, j: int) -> dict[str, Any]:
    """The data of the edge of a decision's ``j``-th vote."""
    ed: dict[str, Any] = {"relation": "vote", "choice": v.choice, "seq": j}
    if v.area is not None:
        ed["area"] = v.area
    if v.proxy is not None:
        ed["proxy"] = v.proxy
    return ed


_Flatten = Callable[[Mapping[str, Any], dict[str, Any]], None]


def _post_edge(post: Post, i: int, flat: _Flatten) -> dict[str, Any]:
    """The data of the edge of the ``i``-th post; ``flat`` (a :func:`_flattener` of the edge
    keys) copies its attributes and raises ``_BadAttribute`` for a bad one."""
    ed: dict[str, Any] = {"relation": "post", "role": post.role, "seq": i}
    if post.start is not None:
        ed["start"] = post.start
    if post.end is not None:
        ed["end"] = post.end
    if attrs := post.attributes._data:
        flat(attrs, ed)
    return ed


def _tie_edge(t: Tie, i: int, flat: _Flatten) -> dict[str, Any]:
    """The data of the edge of the ``i``-th tie (``flat`` as for :func:`_post_edge`)."""
    ed: dict[str, Any] = {"relation": t.relation, "seq": i}
    if t.relation in RESERVED_RELATIONS:
        ed["tie"] = True
    if t.start is not None:
        ed["start"] = t.start
    if t.end is not None:
        ed["end"] = t.end
    if attrs := t.attributes._data:
        flat(attrs, ed)
    return ed


def to_graph(structure: Structure) -> nx.MultiDiGraph:
    """The governance graph of a structure.

    Nodes are the units, organizations, people, observations and decisions, keyed by id, in
    that order and in the structure's order; edges are containment, seats, leadership,
    posts, ties, observations, decisions and votes. The conventions are those of
    :doc:`/guide/graphs`; every attribute value is a plain ``str``, ``int``, ``float`` or
    ``bool``.

    The structure is not validated (see :func:`govmodel.validate`): an invalid structure
    gives a graph that :func:`from_graph` turns back into the same invalid structure. Only
    what cannot be drawn is refused.

    Parameters
    ----------
    structure
        The structure.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph; ``from_graph(to_graph(structure)) == structure``.

    Raises
    ------
    SpecError
        Listing every problem that keeps the structure from being drawn, with its JSON
        path: ``duplicate-id`` (two entities share an id), ``dangling-reference`` (a
        reference to an id that is not a node; a post or tie id is not a node either),
        ``reserved-id`` (a post or tie whose id is the key of a structural edge between the
        same two nodes), ``wrong-type`` (an attribute value that is not a scalar) and
        ``non-finite-number`` or ``number-out-of-range`` (an observed value, a tally or a
        vote's area that :func:`from_graph` would not read back); first,
        those of :func:`~govmodel.validate.require_types`, when a value is not of its
        field's type.

    Examples
    --------
    >>> import govmodel
    >>> s = govmodel.Structure(
    ...     units=[govmodel.Unit("x1", "compound", "Lakeside", attributes={"households": 420})],
    ...     organizations=[govmodel.Organization("oc1", "owners_committee", unit="x1")],
    ...     people=[govmodel.Person("p1", "Wang", party="active")],
    ...     posts=[govmodel.Post("post1", "p1", "oc1", "chair", start="2021")],
    ... )
    >>> G = govmodel.to_graph(s)
    >>> G.nodes["x1"]["households"], G.nodes["oc1"]["is_party"], G.nodes["oc1"]["sector"]
    (420, False, 'self_governance')
    >>> G.edges["p1", "oc1", "post1"]
    {'relation': 'post', 'role': 'chair', 'seq': 0, 'start': '2021'}
    >>> s = govmodel.datasets.load("xihu")
    >>> govmodel.from_graph(govmodel.to_graph(s)) == s
    True
    >>> govmodel.to_graph(govmodel.Structure(units=[govmodel.Unit("x", "compound", parent="nope")]))
    Traceback (most recent call last):
    ...
    govmodel.errors.SpecError: 1 problem:
      $.units[0].parent: dangling-reference: unit 'x' names parent 'nope', which is not a node
    """
    require_types(structure)
    s = structure
    node_data = _NodeData(s)
    edge_flat = _flattener(_EDGE_KEYS, _EDGE_PREFIXES)
    problems: list[Problem] = []

    def bad(section: str, i: int, exc: _BadAttribute) -> None:
        path = json_path(section, i, "attributes", str(exc.key))
        problems.append(Problem("wrong-type", path, exc.message))

    G = nx.MultiDiGraph()
    G.graph["format_version"] = FORMAT_VERSION
    try:
        meta = CONVERTER.unstructure(s.metadata, Metadata)
        if meta:
            G.graph["metadata"] = _json(meta)
    except (TypeError, ValueError) as exc:
        problems.append(Problem("wrong-type", "$.metadata", f"cannot be written as JSON: {exc}"))
    problems.extend(_unreadable_metadata(s))
    if s.vocabulary:
        G.graph["vocabulary"] = _json([CONVERTER.unstructure(t, Term) for t in s.vocabulary])
    if s.metadata.name:
        G.graph["name"] = s.metadata.name

    def data(make: Callable[..., dict[str, Any]], e: Any, section: str, i: int) -> dict[str, Any]:
        """The node dict of entity ``i`` of ``section``; a bad attribute is reported, and the
        node is made without it."""
        try:
            return make(e)
        except _BadAttribute as exc:
            bad(section, i, exc)
            return make(e, strict=False)

    nodes: list[tuple[str, dict[str, Any]]] = []
    structural: list[_Edge] = []
    add_node = nodes.append
    add_edge = structural.append

    unit_data = node_data.unit
    for i, u in enumerate(s.units):
        d = data(unit_data, u, "units", i)
        add_node((u.id, d))
        if u.parent is not None:
            add_edge((u.parent, u.id, "contains", _CONTAINS))

    org_data = node_data.organization
    for i, o in enumerate(s.organizations):
        d = data(org_data, o, "organizations", i)
        add_node((o.id, d))
        if o.unit is not None:
            add_edge((o.id, o.unit, "located_in", _LOCATED_IN))
        if o.parent is not None:
            add_edge((o.parent, o.id, "leads", _LEADS))

    person_data = node_data.person
    for i, p in enumerate(s.people):
        d = data(person_data, p, "people", i)
        add_node((p.id, d))

    observation_data = node_data.observation
    for i, ob in enumerate(s.observations):
        d = data(observation_data, ob, "observations", i)
        add_node((ob.id, d))
        add_edge((ob.id, ob.subject, "observes", _OBSERVES))

    votes: list[_Edge] = []
    repeated_votes = False
    decision_data = node_data.decision
    for i, dec in enumerate(s.decisions):
        d = data(decision_data, dec, "decisions", i)
        add_node((dec.id, d))
        add_edge((dec.body, dec.id, "decides", _DECIDES))
        voters: set[str] = set()
        for j, v in enumerate(dec.votes):
            ed = _vote_edge(v, j)
            # A person's second vote on the same decision (an invalid duplicate) needs a key
            # of its own.
            if v.person in voters:
                key = f"vote:{j}"
                repeated_votes = True
            else:
                key = "vote"
                voters.add(v.person)
            votes.append((v.person, dec.id, key, ed))

    posts: list[_Edge] = []
    for i, post in enumerate(s.posts):
        try:
            ed = _post_edge(post, i, edge_flat)
        except _BadAttribute as exc:
            bad("posts", i, exc)
            ed = {}
        posts.append((post.person, post.organization, post.id, ed))

    ties: list[_Edge] = []
    for i, t in enumerate(s.ties):
        try:
            ed = _tie_edge(t, i, edge_flat)
        except _BadAttribute as exc:
            bad("ties", i, exc)
            ed = {}
        ties.append((t.source, t.target, t.id, ed))

    if s._cache.get(INEXACT_TYPES):  # a value of a subclass (a StrEnum's) somewhere
        nodes = [(_exact(n), _exact_dict(d)) for n, d in nodes]
        structural, posts, ties, votes = map(_exact_edges, (structural, posts, ties, votes))
        for key, value in G.graph.items():
            G.graph[key] = _exact(value)
    G.add_nodes_from(nodes)
    n_nodes = G.number_of_nodes()
    edge_ids = {p.id for p in s.posts}
    edge_ids.update(t.id for t in s.ties)
    if (
        n_nodes != len(nodes)
        or len(edge_ids) != len(s.posts) + len(s.ties)
        or not edge_ids.isdisjoint(G.nodes)
    ):
        problems.extend(_duplicate_ids(s))
    G.add_edges_from(structural)
    G.add_edges_from(posts)
    G.add_edges_from(ties)
    G.add_edges_from(votes)
    if G.number_of_nodes() != n_nodes:
        problems.extend(_dangling(s))
    if not _readable_numbers(s):
        problems.extend(_unreadable_numbers(s))
    # A post or tie can only collide with a structural edge through its key (its id).
    if not edge_ids.isdisjoint(RESERVED_RELATIONS) or (
        repeated_votes and any(k.startswith("vote:") for k in edge_ids)
    ):
        problems.extend(_collisions(s, structural, votes))
    if problems:
        raise SpecError(problems)
    return G


def _exact_dict(data: Mapping[str, Any]) -> dict[str, Any]:
    """A node's or edge's attributes with names and values of a subclass of ``str``,
    ``int`` or ``float`` as the plain values they hold (:func:`_exact`)."""
    return {_exact(k): _exact(v) for k, v in data.items()}


def _exact_edges(edges: list[_Edge]) -> list[_Edge]:
    """``edges`` with their ends, keys and attributes as plain values (:func:`_exact`)."""
    return [(_exact(u), _exact(v), _exact(k), _exact_dict(d)) for u, v, k, d in edges]


def _finite(numbers: Iterable[Any]) -> bool:
    """Whether every number (``None`` for none) is one :func:`from_graph` reads back: an
    ``int`` within a float's range or a finite ``float``."""
    big = _FLOAT_MAX
    return all(
        (-big <= v <= big) if type(v) is int else (v is None or v - v == 0.0) for v in numbers
    )


def _readable_numbers(s: Structure) -> bool:
    """Whether :func:`from_graph` reads back every observed value, tally and vote area of
    ``s`` (an infinity, a NaN or an integer beyond a float's range it refuses)."""
    if not _finite([ob.value for ob in s.observations]):
        return False
    for dec in s.decisions:
        for t in (dec.count, dec.area):
            if t is not None and not _finite([t.members, t.present, t.yes, t.no, t.abstain]):
                return False
        if dec.votes and not _finite([v.area for v in dec.votes]):
            return False
    return True


def _unreadable_metadata(s: Structure) -> Iterator[Problem]:
    """The metadata's attributes that :func:`from_graph` refuses to read back from the
    graph's ``metadata`` JSON: a NaN, an infinity or an integer beyond a float's range."""
    for key, value in s.metadata.attributes.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or _finite([value]):
            continue
        yield _unreadable(value, json_path("metadata", "attributes", key))


def _unreadable(value: object, path: str) -> Problem:
    """The problem of a number :func:`from_graph` refuses to read back, at ``path``: an
    integer beyond a float's range, else a NaN or an infinity."""
    if isinstance(value, int) and not isinstance(value, bool):
        return Problem("number-out-of-range", path, "the integer is beyond a float's range")
    return Problem("non-finite-number", path, f"the number must be finite, got {value}")


def _unreadable_numbers(s: Structure) -> Iterator[Problem]:
    """The problems of the numbers :func:`_readable_numbers` finds unreadable."""
    at: list[tuple[object, tuple[str | int, ...]]] = [
        (ob.value, ("observations", i, "value")) for i, ob in enumerate(s.observations)
    ]
    for i, dec in enumerate(s.decisions):
        for field, t in (("count", dec.count), ("area", dec.area)):
            if t is not None:
                at.extend(
                    (getattr(t, name), ("decisions", i, field, name)) for name in _TALLY_FIELDS
                )
        at.extend((v.area, ("decisions", i, "votes", j, "area")) for j, v in enumerate(dec.votes))
    for value, parts in at:
        if not _finite([value]):
            yield _unreadable(value, json_path(*parts))


def _duplicate_ids(s: Structure) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    for section in _SECTIONS:
        for i, e in enumerate(getattr(s, section)):
            first = seen.get(e.id)
            if first is not None:
                yield Problem(
                    "duplicate-id",
                    json_path(section, i, "id"),
                    f"id {shown(e.id)} is already used by {first}",
                )
            else:
                seen[e.id] = json_path(section, i)


def _dangling(s: Structure) -> Iterator[Problem]:
    nodes = {e.id for section in _NODE_SECTIONS for e in getattr(s, section)}

    def ref(ref: str | None, path: str, owner: str, field: str) -> Iterator[Problem]:
        if ref is not None and ref not in nodes:
            yield Problem(
                "dangling-reference",
                path,
                f"{owner} names {field} {shown(ref)}, which is not a node",
            )

    for i, u in enumerate(s.units):
        yield from ref(u.parent, json_path("units", i, "parent"), f"unit {shown(u.id)}", "parent")
    for i, o in enumerate(s.organizations):
        owner = f"organization {shown(o.id)}"
        yield from ref(o.unit, json_path("organizations", i, "unit"), owner, "unit")
        yield from ref(o.parent, json_path("organizations", i, "parent"), owner, "parent")
    for i, p in enumerate(s.posts):
        owner = f"post {shown(p.id)}"
        yield from ref(p.person, json_path("posts", i, "person"), owner, "person")
        yield from ref(p.organization, json_path("posts", i, "organization"), owner, "organization")
    for i, t in enumerate(s.ties):
        owner = f"tie {shown(t.id)}"
        yield from ref(t.source, json_path("ties", i, "source"), owner, "source")
        yield from ref(t.target, json_path("ties", i, "target"), owner, "target")
    for i, ob in enumerate(s.observations):
        path = json_path("observations", i, "subject")
        yield from ref(ob.subject, path, f"observation {shown(ob.id)}", "subject")
    for i, d in enumerate(s.decisions):
        owner = f"decision {shown(d.id)}"
        yield from ref(d.body, json_path("decisions", i, "body"), owner, "body")
        for j, v in enumerate(d.votes):
            yield from ref(
                v.person, json_path("decisions", i, "votes", j, "person"), owner, "voter"
            )


def _collisions(
    s: Structure,
    structural: list[_Edge],
    votes: list[_Edge],
) -> Iterator[Problem]:
    taken = {(u, v, k) for u, v, k, _ in structural}
    taken.update((u, v, k) for u, v, k, _ in votes)
    # Duplicate post or tie ids between the same nodes collide too; they are reported as
    # duplicate ids already.
    for i, p in enumerate(s.posts):
        if (p.person, p.organization, p.id) in taken:
            yield _reserved_id("posts", i, p.id, p.person, p.organization)
    for i, t in enumerate(s.ties):
        if (t.source, t.target, t.id) in taken:
            yield _reserved_id("ties", i, t.id, t.source, t.target)


def _reserved_id(section: str, i: int, ident: str, source: str, target: str) -> Problem:
    return Problem(
        "reserved-id",
        json_path(section, i, "id"),
        f"id {shown(ident)} is also the key of the structural edge from {shown(source)} to {shown(target)}; "
        "choose another id",
    )


# -- from_graph -------------------------------------------------------------------------------


class _Bad(Exception):
    """A value of the wrong type; ``code`` is the problem's code."""

    def __init__(self, message: str, code: str = "wrong-type") -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _type(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return f"a {type(value).__name__}"


def _str(value: object) -> str:
    if type(value) is str:
        return value
    if not isinstance(value, str):
        raise _Bad(f"expected a string, got {_type(value)}")
    return str.__str__(value)  # a subclass's value as a plain string (numpy's str_)


def _plain(value: Any) -> Any:
    """A node id or edge key as a plain string where it is a subclass's (numpy's ``str_``),
    so that the structure holds plain strings; anything else as it is."""
    if type(value) is str or not isinstance(value, str):
        return value
    return str.__str__(value)


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise _Bad(f"expected a boolean, got {_type(value)}")
    return value


def _int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(f"expected an integer, got {_type(value)}")
    return value if type(value) is int else int.__int__(value)


_FLOAT_MAX = int(sys.float_info.max)


def _number(value: object) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Bad(f"expected a number, got {_type(value)}")
    if isinstance(value, int) and abs(value) > _FLOAT_MAX:
        raise _Bad("the integer is beyond a float's range", "number-out-of-range")
    if isinstance(value, float) and not math.isfinite(value):
        raise _Bad(f"the number must be finite, got {value}", "non-finite-number")
    t = type(value)
    if t is int or t is float:
        return value
    return float.__float__(value) if isinstance(value, float) else int.__int__(value)


def _exact(value: Any) -> Any:
    """A scalar of a subclass of ``str``, ``int`` or ``float`` (numpy's ``float64`` and
    ``str_``, an ``IntEnum``) as the plain scalar it holds, so that what is read is of
    the exact type a loader gives; a plain scalar unchanged."""
    t = type(value)
    if t is str or t is int or t is float or t is bool:
        return value
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, float):
        return float.__float__(value)
    return int.__int__(value)


def _fraction(value: object) -> Fraction:
    try:
        return CONVERTER.structure(value, Fraction)
    except (TypeError, ValueError) as exc:
        raise _Bad(str(exc)) from None


def _parse_json(value: object, limits: Limits = DEFAULT_LIMITS) -> Any:
    """The value of a JSON string attribute (``metadata``, ``vocabulary``, ``identifiers``)."""
    text = _str(value)
    try:
        parsed = json.loads(text, object_pairs_hook=unique_pairs)
    except DuplicateKey as exc:  # as govmodel.loads refuses it
        raise _Bad(
            f"the key {shown(exc.key)} appears twice in one object", "duplicate-key"
        ) from None
    except RecursionError:
        raise _Bad(too_deep(limits, "the JSON").message, "too-deep") from None
    except ValueError as exc:
        raise _Bad(f"not valid JSON: {exc}", "invalid-json") from None
    if json_too_deep(text, limits.max_depth):
        raise _Bad(too_deep(limits, "the JSON").message, "too-deep")
    return parsed


def _seg(key: object) -> str:
    if isinstance(key, str) and key.isidentifier() and len(key) <= 80:
        return f".{key}"
    return f"[{shown(key)}]"


def _node_path(n: object) -> str:
    return f"nodes[{shown(n)}]"


def _edge_path(u: object, v: object, k: object, multi: bool) -> str:
    return f"edges[{shown(u)},{shown(v)},{shown(k)}]" if multi else f"edges[{shown(u)},{shown(v)}]"


class _Full(Exception):
    """Raised once a reader has found more problems than ``max_problems``."""


# Node fields by entity: graph attribute → parser. Attributes not listed are user attributes
# unless reserved (then ignored: derived, drawing or foreign attributes).
_UNIT_FIELDS: Final[Mapping[str, Callable[[Any], Any]]] = {
    "kind": _str,
    "name": _str,
    "identifiers": _str,  # JSON text, parsed by _Reader.nodes
    "start": _str,
    "end": _str,
    "formed_from": _str,  # JSON text, parsed by _Reader.nodes
    "replaced_by": _str,
}
_ORG_FIELDS: Final[Mapping[str, Callable[[Any], Any]]] = {
    **_UNIT_FIELDS,
    "term_start": _str,
    "term_years": _int,
}
_PERSON_FIELDS: Final[Mapping[str, Callable[[Any], Any]]] = {
    "name": _str,
    "party_status": _str,
    "party_mobility": _str,
}
_OBSERVATION_FIELDS: Final[Mapping[str, Callable[[Any], Any]]] = {
    "indicator": _str,
    "value": _number,
    "period": _str,
    "source": _str,
}
_DECISION_FIELDS: Final[Mapping[str, Callable[[Any], Any]]] = {
    "motion": _str,
    "date": _str,
    "outcome": _str,
    "matter": _str,
    "rule_threshold": _fraction,
    "rule_basis": _str,
    "rule_strict": _bool,
    "rule_quorum": _fraction,
    "rule_by_area": _bool,
    "heads": _bool,
    "area_tally": _bool,
    **{f"heads_{f}": _number for f in _TALLY_FIELDS},
    **{f"area_tally_{f}": _number for f in _TALLY_FIELDS},
}
_NODE_FIELDS: Final[Mapping[str, Mapping[str, Callable[[Any], Any]]]] = {
    "unit": _UNIT_FIELDS,
    "organization": _ORG_FIELDS,
    "person": _PERSON_FIELDS,
    "observation": _OBSERVATION_FIELDS,
    "decision": _DECISION_FIELDS,
}
_REQUIRED: Final[Mapping[str, tuple[str, ...]]] = {
    "unit": ("kind",),
    "organization": ("kind",),
    "person": (),
    "observation": ("indicator", "value"),
    "decision": (),
}
_DECISION_PREFIXES: Final = ("rule_", "heads_", "area_tally_")

_POST_FIELDS: Final[Mapping[str, Callable[[Any], Any]]] = {
    "id": _str,
    "role": _str,
    "start": _str,
    "end": _str,
    "seq": _int,
}
_TIE_FIELDS: Final[Mapping[str, Callable[[Any], Any]]] = {
    "id": _str,
    "start": _str,
    "end": _str,
    "seq": _int,
    "tie": _bool,
}
_VOTE_FIELDS: Final[Mapping[str, Callable[[Any], Any]]] = {
    "choice": _str,
    "area": _number,
    "proxy": _str,
    "seq": _int,
}
#: By entity, the node keys read as the graph's own: those of :data:`_NODE_KEYS` but the
#: later ones the entity has no field for.
_NODE_READ_KEYS: Final[Mapping[str, frozenset[str]]] = {
    entity: _NODE_KEYS - (_LATER_NODE_KEYS - fields.keys())
    for entity, fields in _NODE_FIELDS.items()
}
#: The edge keys read as the graph's own on posts and ties (``proxy`` is a vote's only).
_EDGE_READ_KEYS: Final = _EDGE_KEYS - {"proxy"}


#: What :meth:`_Reader.json` answers for a value it could not read.
_UNREAD: Final = object()


class _Reader:
    """The state of one :func:`from_graph` call."""

    def __init__(self, G: Any, limits: Limits) -> None:
        self.G = G
        self.limits = limits
        self.max_string = limits.max_string
        self.conv = converter_for(limits)
        self.multi: bool = G.is_multigraph()
        self.problems: list[Problem] = []
        # Nodes read without problems, by id, in graph order.
        self.entity: dict[str, str] = {}
        self.fields: dict[str, dict[str, Any]] = {}
        self.attributes: dict[str, dict[str, Scalar]] = {}
        # References read from structural edges (values are node ids).
        self.parent: dict[str, Any] = {}  # of units and organizations
        self.unit: dict[str, Any] = {}
        self.subject: dict[str, Any] = {}
        self.body: dict[str, Any] = {}
        self.votes: dict[str, list[tuple[int, int, Vote]]] = {}
        self.posts: list[tuple[int, int, Post]] = []
        self.ties: list[tuple[int, int, Tie]] = []

    def problem(self, code: str, path: str, message: str) -> None:
        self.problems.append(Problem(code, path, message))
        if len(self.problems) > self.limits.max_problems:
            raise _Full

    def extend(self, problems: Iterable[Problem]) -> None:
        for p in problems:
            self.problem(p.code, p.path, p.message)

    def too_long(self, text: object, path: str) -> bool:
        """Whether ``text`` is a string over ``max_string`` (and if so, report it)."""
        if isinstance(text, str) and len(text) > self.max_string:
            self.problem(
                "string-too-long",
                path,
                f"a string of {len(text):,} characters exceeds the limit of "
                f"{self.max_string:,} (raise it with limits=govmodel.Limits(max_string=...))",
            )
            return True
        return False

    def json(self, value: object, path: str) -> Any:
        """The value of a JSON string attribute, or :data:`_UNREAD` with its problem reported."""
        try:
            return _parse_json(value, self.limits)
        except _Bad as exc:
            self.problem(exc.code, path, exc.message)
            return _UNREAD

    def count(self) -> None:
        """Refuse, before reading anything, a section with more entities than the limit."""
        limit = self.limits.max_entities
        G = self.G
        if G.number_of_nodes() <= limit and G.number_of_edges() <= limit:
            return
        counts: dict[str, int] = {}
        for _, entity in G.nodes(data="entity"):
            if isinstance(entity, str):
                counts[entity] = counts.get(entity, 0) + 1
        for *_, relation in G.edges(data="relation"):
            if isinstance(relation, str) and relation not in _STRUCTURAL:
                section = relation if relation in ("post", "vote") else "tie"
                counts[section] = counts.get(section, 0) + 1
        for entity, n in counts.items():
            if n > limit:
                self.problem(
                    "too-many-entities",
                    "nodes" if entity in _NODE_FIELDS else "edges",
                    f"{n:,} {shown_key(entity)} {'nodes' if entity in _NODE_FIELDS else 'edges'} "
                    f"exceed the limit of {limit:,} entities of a kind "
                    "(raise it with limits=govmodel.Limits(max_entities=...))",
                )

    # -- values ---------------------------------------------------------------------------
    def parse(
        self,
        d: Mapping[Any, Any],
        fields: Mapping[str, Callable[[Any], Any]],
        reserved: frozenset[str],
        prefixes: tuple[str, ...],
        path: str,
        strict_prefixes: tuple[str, ...] = (),
    ) -> tuple[dict[str, Any], dict[str, Scalar]]:
        """Split a node or edge dict into its govmodel fields and its user attributes."""
        values: dict[str, Any] = {}
        attributes: dict[str, Scalar] = {}
        m = self.max_string
        for key, value in d.items():
            parse = fields.get(key)
            if parse is None and not isinstance(key, str):
                self.problem(
                    "wrong-type", path + _seg(key), f"attribute names are strings, not {shown(key)}"
                )
                continue
            if isinstance(value, str) and len(value) > m:
                if parse is not None or not (key in reserved or key.startswith(prefixes)):
                    self.too_long(value, path + _seg(key))
                continue
            if parse is not None:
                try:
                    values[key] = parse(value)
                except _Bad as exc:
                    self.problem(exc.code, path + _seg(key), exc.message)
                continue
            if not isinstance(key, str):  # a field of the entity: a str
                continue
            if len(key) > m:
                self.too_long(key, path + "[key]")
                continue
            if key.startswith(ESCAPE_PREFIX):
                name = key[len(ESCAPE_PREFIX) :]
            elif key in reserved or key.startswith(prefixes):
                if strict_prefixes and key.startswith(strict_prefixes):
                    self.problem(
                        "unknown-field", path + _seg(key), f"unknown attribute {shown(key)}"
                    )
                continue
            else:
                name = key
            if type(value) not in _SCALARS:
                if not isinstance(value, str | int | float):
                    self.problem(
                        "wrong-type",
                        path + _seg(key),
                        f"attribute {shown(key)} must be a string, number or boolean, not "
                        f"{_type(value)}",
                    )
                    continue
                value = _exact(value)
            if name in attributes:
                self.problem(
                    "duplicate-key",
                    path + _seg(key),
                    f"attribute {shown(name)} is given twice, as {shown(name)} and {shown(ESCAPE_PREFIX + name)}",
                )
                continue
            attributes[name] = value
        return values, attributes

    # -- graph ----------------------------------------------------------------------------
    def graph(self) -> tuple[Metadata, tuple[Term, ...]]:
        g = self.G.graph
        if not isinstance(g, Mapping):
            self.problem(
                "wrong-type", "graph", f"the graph's attributes are a mapping, not {_type(g)}"
            )
            return Metadata(), ()
        version = g.get("format_version", FORMAT_VERSION)
        if (
            isinstance(version, bool)
            or not isinstance(version, Integral)
            or version != FORMAT_VERSION
        ):
            # an integer (numpy's too): 1.0 and True are not version 1
            self.problem(
                "unknown-version",
                "graph['format_version']",
                f"format version {shown(version)} is not one this govmodel reads "
                f"(it reads version {FORMAT_VERSION}, an integer)",
            )
        metadata = Metadata()
        if "metadata" in g:
            path = "graph['metadata']"
            raw_metadata = self.json(g["metadata"], path)
            if raw_metadata is not _UNREAD:
                try:
                    metadata = self.conv.structure(raw_metadata, Metadata)
                except Exception as exc:
                    self.extend(problems_from_exception(exc, path))
        terms: list[Term] = []
        if "vocabulary" in g:
            path = "graph['vocabulary']"
            raw = self.json(g["vocabulary"], path)
            if raw is _UNREAD:
                raw = []
            elif not isinstance(raw, list):
                self.problem("wrong-type", path, "expected a JSON list of terms")
                raw = []
            for i, item in enumerate(raw):
                try:
                    terms.append(self.conv.structure(item, Term))
                except Exception as exc:
                    self.extend(problems_from_exception(exc, f"{path}[{i}]"))
        return metadata, tuple(terms)

    # -- nodes ----------------------------------------------------------------------------
    def nodes(self) -> None:
        for n, d in self.G.nodes(data=True):
            path = _node_path(n)
            if not isinstance(n, str):
                self.problem("wrong-type", path, f"node ids are strings, not {_type(n)}")
                continue
            if self.too_long(n, path):
                continue
            n = _plain(n)
            entity = d.get("entity")
            if entity is None:
                self.problem(
                    "missing-field",
                    path + ".entity",
                    f"node {shown(n)} has no 'entity' attribute ({_ENTITY_LIST})",
                )
                continue
            fields = _NODE_FIELDS.get(entity) if isinstance(entity, str) else None
            if fields is None:
                self.problem(
                    "unknown-entity",
                    path + ".entity",
                    f"node {shown(n)} is an entity {shown(entity)}, not one of {_ENTITY_LIST}",
                )
                continue
            strict = _DECISION_PREFIXES if entity == "decision" else ()
            values, attributes = self.parse(
                d, fields, _NODE_READ_KEYS[entity], _NODE_PREFIXES, path, strict
            )
            missing = [f for f in _REQUIRED[entity] if f not in values and f not in d]
            for f in missing:
                self.problem(
                    "missing-field",
                    f"{path}.{f}",
                    f"{entity} {shown(n)} has no {shown(f)} attribute",
                )
            if "identifiers" in values:
                raw = self.json(values.pop("identifiers"), path + ".identifiers")
                try:
                    if raw is not _UNREAD:
                        values["identifiers"] = self.conv.structure(raw, tuple[Identifier, ...])
                except Exception as exc:
                    self.extend(problems_from_exception(exc, path + ".identifiers"))
            if "formed_from" in values:
                raw = self.json(values.pop("formed_from"), path + ".formed_from")
                try:
                    if raw is not _UNREAD:
                        values["formed_from"] = self.conv.structure(raw, tuple[str, ...])
                except Exception as exc:
                    self.extend(problems_from_exception(exc, path + ".formed_from"))
            self.entity[n] = entity
            self.fields[n] = values
            self.attributes[n] = attributes

    # -- edges ----------------------------------------------------------------------------
    def edges(self) -> None:
        G = self.G
        it: Iterable[tuple[Any, Any, Any, Mapping[Any, Any]]]
        if self.multi:
            it = G.edges(keys=True, data=True)
        else:
            it = ((u, v, None, d) for u, v, d in G.edges(data=True))
        for pos, (u, v, k, d) in enumerate(it):
            path = _edge_path(u, v, k, self.multi)
            u, v = _plain(u), _plain(v)
            relation = d.get("relation")
            if not isinstance(relation, str):
                if relation is None:
                    self.problem(
                        "missing-field", path + ".relation", "the edge has no 'relation' attribute"
                    )
                else:
                    self.problem(
                        "wrong-type",
                        path + ".relation",
                        f"expected a string, got {_type(relation)}",
                    )
                continue
            if self.too_long(relation, path + ".relation"):
                continue
            relation = _plain(relation)
            if d.get("tie", False) is not False:
                self.tie(u, v, k, d, relation, path, pos)
            elif relation in _STRUCTURAL:
                self.structural(u, v, relation, path)
            elif relation == "post":
                self.post(u, v, k, d, path, pos)
            elif relation == "vote":
                self.vote(u, v, d, path, pos)
            else:
                self.tie(u, v, k, d, relation, path, pos)

    def owner(self, node: Any, entity: str, relation: str, end: str, path: str) -> bool:
        """Whether ``node`` (the end of a structural edge that holds the reference) is right."""
        found = self.entity.get(node)
        if found is None:  # a problem of the node itself, reported already
            return False
        if found != entity:
            self.problem(
                "wrong-endpoint",
                path,
                f"a {shown(relation)} edge {end} at {'an' if entity[0] in 'aeiou' else 'a'} {entity}, "
                f"but {shown(node)} is {'an' if found[0] in 'aeiou' else 'a'} {found}",
            )
            return False
        return True

    def once(self, table: dict[str, Any], node: str, ref: Any, what: str, path: str) -> None:
        first = table.get(node)
        if first is not None:
            self.problem(
                "duplicate-edge",
                path,
                f"{shown(node)} has two {what} edges (to {shown(first)} and {shown(ref)}); it may have one",
            )
        else:
            table[node] = ref

    def structural(self, u: Any, v: Any, relation: str, path: str) -> None:
        if relation == "contains":
            if self.owner(v, "unit", relation, "ends", path):
                self.once(self.parent, v, u, "'contains'", path)
        elif relation == "located_in":
            if self.owner(u, "organization", relation, "starts", path):
                self.once(self.unit, u, v, "'located_in'", path)
        elif relation == "leads":
            if self.owner(v, "organization", relation, "ends", path):
                self.once(self.parent, v, u, "'leads'", path)
        elif relation == "observes":
            if self.owner(u, "observation", relation, "starts", path):
                self.once(self.subject, u, v, "'observes'", path)
        elif self.owner(v, "decision", relation, "ends", path):  # decides
            self.once(self.body, v, u, "'decides'", path)

    def edge_id(self, k: Any, values: Mapping[str, Any], path: str, what: str) -> str | None:
        ident = values.get("id", k)
        if isinstance(ident, str):
            return None if self.too_long(ident, path) else _plain(ident)
        self.problem(
            "wrong-type",
            path,
            f"a {what} edge's id is its key or its 'id' attribute, a string; got {shown(ident)}"
            + (" (read GraphML with edge_key_type=str)" if isinstance(ident, int) else ""),
        )
        return None

    def post(self, u: Any, v: Any, k: Any, d: Mapping[Any, Any], path: str, pos: int) -> None:
        values, attributes = self.parse(d, _POST_FIELDS, _EDGE_READ_KEYS, _EDGE_PREFIXES, path)
        ident = self.edge_id(k, values, path, "post")
        if "role" not in values:
            if "role" not in d:
                self.problem("missing-field", path + ".role", "a post edge has a 'role' attribute")
            return
        if ident is None:
            return
        post = Post(
            ident,
            u,
            v,
            values["role"],
            values.get("start"),
            values.get("end"),
            Attributes(attributes),
        )
        self.posts.append((values.get("seq", pos), pos, post))

    def tie(
        self, u: Any, v: Any, k: Any, d: Mapping[Any, Any], relation: str, path: str, pos: int
    ) -> None:
        values, attributes = self.parse(d, _TIE_FIELDS, _EDGE_READ_KEYS, _EDGE_PREFIXES, path)
        ident = self.edge_id(k, values, path, "tie")
        if ident is None:
            return
        tie = Tie(
            ident, u, v, relation, values.get("start"), values.get("end"), Attributes(attributes)
        )
        self.ties.append((values.get("seq", pos), pos, tie))

    def vote(self, u: Any, v: Any, d: Mapping[Any, Any], path: str, pos: int) -> None:
        if not self.owner(v, "decision", "vote", "ends", path):
            return
        values, _ = self.parse(d, _VOTE_FIELDS, _EDGE_KEYS, _EDGE_PREFIXES, path)
        if "choice" not in values:
            if "choice" not in d:
                self.problem(
                    "missing-field", path + ".choice", "a vote edge has a 'choice' attribute"
                )
            return
        vote = Vote(u, values["choice"], values.get("area"), values.get("proxy"))
        self.votes.setdefault(v, []).append((values.get("seq", pos), pos, vote))

    # -- the structure --------------------------------------------------------------------
    def structure(self, metadata: Metadata, vocabulary: tuple[Term, ...]) -> Structure:
        units: list[Unit] = []
        organizations: list[Organization] = []
        people: list[Person] = []
        observations: list[Observation] = []
        decisions: list[Decision] = []
        for n, entity in self.entity.items():
            f = self.fields[n]
            a = Attributes(self.attributes[n])
            if entity == "unit":
                units.append(
                    Unit(
                        n,
                        f.get("kind", ""),
                        f.get("name", ""),
                        self.parent.get(n),
                        a,
                        f.get("identifiers", ()),
                        f.get("start"),
                        f.get("end"),
                        f.get("formed_from", ()),
                        f.get("replaced_by"),
                    )
                )
            elif entity == "organization":
                organizations.append(
                    Organization(
                        n,
                        f.get("kind", ""),
                        f.get("name", ""),
                        self.unit.get(n),
                        self.parent.get(n),
                        a,
                        f.get("identifiers", ()),
                        f.get("start"),
                        f.get("end"),
                        f.get("formed_from", ()),
                        f.get("replaced_by"),
                        f.get("term_start"),
                        f.get("term_years"),
                    )
                )
            elif entity == "person":
                people.append(
                    Person(n, f.get("name", ""), f.get("party_status"), a, f.get("party_mobility"))
                )
            elif entity == "observation":
                observation = self.observation(n, f, a)
                if observation is not None:
                    observations.append(observation)
            else:
                decision = self.decision(n, f, a)
                if decision is not None:
                    decisions.append(decision)
        self.posts.sort(key=_order)
        self.ties.sort(key=_order)
        return Structure(
            units=tuple(units),
            organizations=tuple(organizations),
            people=tuple(people),
            posts=tuple(p for *_, p in self.posts),
            ties=tuple(t for *_, t in self.ties),
            observations=tuple(observations),
            decisions=tuple(decisions),
            vocabulary=vocabulary,
            metadata=metadata,
        )

    def observation(self, n: str, f: Mapping[str, Any], a: Attributes) -> Observation | None:
        subject = self.subject.get(n)
        if subject is None:
            self.problem(
                "missing-field",
                _node_path(n) + ".subject",
                f"observation {shown(n)} has no 'observes' edge to its subject",
            )
            return None
        return Observation(
            n,
            subject,
            f.get("indicator", ""),
            f.get("value", 0),
            f.get("period"),
            f.get("source"),
            a,
        )

    def decision(self, n: str, f: Mapping[str, Any], a: Attributes) -> Decision | None:
        body = self.body.get(n)
        if body is None:
            self.problem(
                "missing-field",
                _node_path(n) + ".body",
                f"decision {shown(n)} has no 'decides' edge from the body that took it",
            )
            return None
        default = VotingRule()
        rule = VotingRule(
            f.get("rule_threshold", default.threshold),
            f.get("rule_basis", default.basis),
            f.get("rule_strict", default.strict),
            f.get("rule_quorum"),
            f.get("rule_by_area", default.by_area),
        )
        votes = sorted(self.votes.get(n, ()), key=_order)
        return Decision(
            n,
            body,
            f.get("motion", ""),
            rule,
            f.get("date"),
            _read_tally("heads", f),
            _read_tally("area_tally", f),
            tuple(v for *_, v in votes),
            f.get("outcome"),
            a,
            f.get("matter"),
        )


class EntityCounter:
    """Counts the entities of each kind of a graph file while it is parsed, and refuses it
    as soon as one kind passes ``limit`` (``Limits.max_entities``), before the rest of the
    file is read or any graph is built.

    Nodes count by their ``entity``; edges by their ``relation``, posts, votes and ties
    (every relation but the structural ones) apart, as :func:`from_graph` counts them.

    >>> c = EntityCounter(1)
    >>> c.node("unit"); c.edge("contains"); c.node("person")
    >>> c.node("unit")
    Traceback (most recent call last):
    ...
    govmodel.errors.SpecError: 1 problem:
      nodes: too-many-entities: more than 1 unit nodes, the limit of entities of a kind ...
    """

    __slots__ = ("counts", "limit")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.counts: dict[str, int] = {}

    def node(self, entity: object) -> None:
        """Count a node of this ``entity``."""
        if isinstance(entity, str):
            self._add(entity, "nodes")

    def edge(self, relation: object) -> None:
        """Count an edge of this ``relation``."""
        if isinstance(relation, str) and relation not in _STRUCTURAL:
            self._add(relation if relation in ("post", "vote") else "tie", "edges")

    def _add(self, kind: str, where: str) -> None:
        n = self.counts.get(kind, 0) + 1
        self.counts[kind] = n
        if n > self.limit:
            raise SpecError(
                [
                    Problem(
                        "too-many-entities",
                        where,
                        f"more than {self.limit:,} {shown_key(kind)} {where}, the limit of "
                        "entities of a kind (raise it with "
                        "limits=govmodel.Limits(max_entities=...))",
                    )
                ]
            )


def _order(item: tuple[int, int, object]) -> tuple[int, int]:
    return item[0], item[1]


def _read_tally(prefix: str, f: Mapping[str, Any]) -> Tally | None:
    counts = {name: f.get(f"{prefix}_{name}") for name in _TALLY_FIELDS}
    if not f.get(prefix, False) and all(c is None for c in counts.values()):
        return None
    return Tally(**counts)


def from_graph(G: nx.Graph, *, limits: Limits | None = None) -> Structure:
    """The structure a govmodel graph draws: the inverse of :func:`to_graph`.

    Reads a :class:`networkx.MultiDiGraph` or :class:`networkx.DiGraph` following the
    conventions of :doc:`/guide/graphs`: the one :func:`to_graph` made, one read back from
    GraphML or node-link JSON, or one built by hand. Derived attributes (``level``,
    ``is_party``, ``sector``, the graph's ``name``) and other reserved names (``label``,
    ``pos``, ``color``, …) are ignored; posts, ties and votes are put in the order of their
    ``seq`` attribute, or in the graph's order where it is missing. The structure is not
    validated: call :func:`govmodel.validate` on it.

    Parameters
    ----------
    G
        A directed govmodel graph. In a graph without edge keys (a ``DiGraph``, or GraphML
        read without parallel edges), a post's or tie's id is its ``id`` attribute; an
        ``id`` attribute also overrides the key of a multigraph's edge.
    limits
        The :class:`govmodel.Limits` to enforce: ``max_entities`` (nodes of one entity, or
        posts, ties or votes, checked before anything is read), ``max_string`` (node ids,
        attribute names and values) and ``max_depth`` (the JSON text of ``metadata``,
        ``vocabulary`` and ``identifiers``). The defaults when ``None``.

    Returns
    -------
    Structure

    Raises
    ------
    SpecError
        Listing every problem found, with paths such as ``nodes['x1'].entity``,
        ``edges['p1','oc1','post1'].role`` (``edges['p1','oc1'].role`` in a graph without
        keys) and ``graph['metadata'].name``. The codes are listed in :doc:`/guide/graphs`.

    Examples
    --------
    >>> import networkx as nx
    >>> import govmodel
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("c1", entity="unit", kind="community")
    >>> G.add_node("x1", entity="unit", kind="compound", households=420)
    >>> _ = G.add_edge("c1", "x1", relation="contains")
    >>> x1 = govmodel.from_graph(G).units[1]
    >>> x1.parent, x1.attributes
    ('c1', Attributes({'households': 420}))
    >>> G.add_node("p1")
    >>> govmodel.from_graph(G)
    Traceback (most recent call last):
    ...
    govmodel.errors.SpecError: 1 problem:
      nodes['p1'].entity: missing-field: node 'p1' has no 'entity' attribute ('unit', ...)
    """
    if not isinstance(G, nx.Graph) or not G.is_directed():
        kind = type(G).__name__
        raise SpecError(
            [
                Problem(
                    "wrong-type",
                    "graph",
                    f"expected a networkx DiGraph or MultiDiGraph, got {kind}",
                )
            ]
        )
    lim = limits or DEFAULT_LIMITS
    reader = _Reader(G, lim)
    try:
        reader.count()
        if reader.problems:
            raise SpecError(reader.problems)
        metadata, vocabulary = reader.graph()
        reader.nodes()
        reader.edges()
        s = reader.structure(metadata, vocabulary)
    except _Full:
        pass  # reading stops at the limit: the problems are reported below
    if reader.problems:
        raise SpecError(capped(reader.problems, lim.max_problems))
    return s


# -- views ------------------------------------------------------------------------------------


def _of(G: Any, entity: str) -> list[tuple[Any, dict[str, Any]]]:
    """The nodes of one entity, with copies of their attribute dicts, in graph order."""
    return [(n, dict(d)) for n, d in G.nodes(data=True) if d.get("entity") == entity]


def _out(G: Any, u: Any, relation: str) -> Iterator[tuple[Any, Mapping[str, Any]]]:
    """The out-edges of ``u`` with this relation (ties that borrow it excluded)."""
    if G.is_multigraph():
        for v, keydict in G.succ[u].items():
            for d in keydict.values():
                if d.get("relation") == relation and not d.get("tie", False):
                    yield v, d
    else:
        for v, d in G.succ[u].items():
            if d.get("relation") == relation and not d.get("tie", False):
                yield v, d


def _hierarchy(G: Any, orgs: list[tuple[Any, dict[str, Any]]]) -> nx.DiGraph:
    H = nx.DiGraph()
    H.add_nodes_from(orgs)
    H.add_edges_from((u, v) for u, _ in orgs for v, _ in _out(G, u, "leads") if v in H)
    return H


def containment_tree(G: nx.Graph) -> nx.DiGraph:
    """The units and the containment edges between them.

    Parameters
    ----------
    G
        A govmodel graph (:func:`to_graph`).

    Returns
    -------
    networkx.DiGraph
        The unit nodes, with copies of their attributes, and an edge from each unit to each
        unit it contains. For a valid structure this is a branching (a forest of
        arborescences): an arborescence when the structure has one top unit.

    Examples
    --------
    >>> import networkx as nx
    >>> import govmodel
    >>> from govmodel.graph import containment_tree
    >>> s = govmodel.Structure(units=[
    ...     govmodel.Unit("c1", "community"),
    ...     govmodel.Unit("x1", "compound", parent="c1"),
    ...     govmodel.Unit("x2", "compound", parent="c1"),
    ... ])
    >>> T = containment_tree(govmodel.to_graph(s))
    >>> sorted(T.successors("c1")), nx.is_arborescence(T)
    (['x1', 'x2'], True)
    """
    units = _of(G, "unit")
    T = nx.DiGraph()
    T.add_nodes_from(units)
    T.add_edges_from((u, v) for u, _ in units for v, _ in _out(G, u, "contains") if v in T)
    return T


def leadership_hierarchy(G: nx.Graph) -> nx.DiGraph:
    """Every organization and the leadership edges between them (leader → led).

    Parameters
    ----------
    G
        A govmodel graph (:func:`to_graph`).

    Returns
    -------
    networkx.DiGraph
        The organization nodes, with copies of their attributes, and an edge from each
        organization to each organization it leads.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.graph import leadership_hierarchy
    >>> s = govmodel.Structure(organizations=[
    ...     govmodel.Organization("cpc", "community_party_committee"),
    ...     govmodel.Organization("rc", "residents_committee", parent="cpc"),
    ... ])
    >>> list(leadership_hierarchy(govmodel.to_graph(s)).edges)
    [('cpc', 'rc')]
    """
    return _hierarchy(G, _of(G, "organization"))


def party_hierarchy(G: nx.Graph) -> nx.DiGraph:
    """The party organizations and the leadership edges between them.

    An organization is a party organization when its ``is_party`` attribute is true. In a
    graph built by hand without ``is_party``, an organization is judged by its ``kind``,
    under the built-in vocabulary and the terms of the graph's ``vocabulary`` attribute.

    Parameters
    ----------
    G
        A govmodel graph (:func:`to_graph`).

    Returns
    -------
    networkx.DiGraph
        The party organizations, with copies of their attributes, and an edge from each to
        each party organization it leads.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.graph import party_hierarchy
    >>> s = govmodel.Structure(organizations=[
    ...     govmodel.Organization("cpc", "community_party_committee"),
    ...     govmodel.Organization("pb1", "compound_party_branch", parent="cpc"),
    ...     govmodel.Organization("rc", "residents_committee", parent="cpc"),
    ... ])
    >>> H = party_hierarchy(govmodel.to_graph(s))
    >>> list(H), list(H.edges)
    (['cpc', 'pb1'], [('cpc', 'pb1')])
    """
    orgs = _of(G, "organization")
    vocab: Vocabulary | None = None
    kept = []
    for n, d in orgs:
        flag = d.get("is_party")
        if flag is None:
            if vocab is None:
                vocab = _vocabulary(G)
            kind = d.get("kind")
            flag = isinstance(kind, str) and vocab.is_party(kind)
        if flag is True:
            kept.append((n, d))
    return _hierarchy(G, kept)


def _vocabulary(G: Any) -> Vocabulary:
    if "vocabulary" not in G.graph:
        return BUILTIN
    reader = _Reader(G, DEFAULT_LIMITS)
    _, terms = reader.graph()
    if reader.problems:
        raise SpecError(reader.problems)
    return BUILTIN.extend(terms)


def _posts(G: Any, as_of: str | None) -> Iterator[tuple[Any, list[tuple[Any, str]]]]:
    """Each person, with the (organization, role) of each post in force on ``as_of``."""
    day = date_bounds(as_of)[0] if as_of is not None else None
    orgs = {n for n, d in G.nodes(data=True) if d.get("entity") == "organization"}
    for p, d in G.nodes(data=True):
        if d.get("entity") != "person":
            continue
        held = []
        for o, e in _out(G, p, "post"):
            if o not in orgs:
                continue
            if day is not None:
                try:
                    if not in_force(e.get("start"), e.get("end"), day):
                        continue
                except ValueError as exc:
                    _raise_date(G, p, o, e, exc)
            held.append((o, str(e.get("role", ""))))
        yield p, held


def _raise_date(G: Any, p: Any, o: Any, e: Mapping[str, Any], exc: ValueError) -> NoReturn:
    key = next((k for k, d in G[p][o].items() if d is e), None) if G.is_multigraph() else None
    path = _edge_path(p, o, key, G.is_multigraph())
    raise SpecError([Problem("invalid-date", path, str(exc))]) from None


def affiliation_graph(G: nx.Graph, *, as_of: str | None = None) -> nx.Graph:
    """The bipartite graph of people and the organizations where they hold posts.

    Parameters
    ----------
    G
        A govmodel graph (:func:`to_graph`).
    as_of
        A partial ISO date (``"2021"``, ``"2021-06"``, ``"2021-06-30"``): keep only the posts
        in force on its first day (:func:`govmodel.spec.in_force`). ``None`` keeps them all.

    Returns
    -------
    networkx.Graph
        Every person (node attribute ``bipartite`` = 0) and every organization
        (``bipartite`` = 1), with copies of their attributes; an edge between a person and
        an organization where they hold at least one post, with ``weight`` the number of
        posts and ``roles`` their distinct roles, sorted and joined by commas.

    Raises
    ------
    ValueError
        If ``as_of`` is not a partial ISO date (a :class:`~govmodel.errors.SpecError` if a
        post's own date is not).

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.graph import affiliation_graph
    >>> s = govmodel.Structure(
    ...     organizations=[govmodel.Organization("pb1", "compound_party_branch"),
    ...                    govmodel.Organization("oc1", "owners_committee")],
    ...     people=[govmodel.Person("p1")],
    ...     posts=[govmodel.Post("a", "p1", "pb1", "secretary", start="2019"),
    ...            govmodel.Post("b", "p1", "oc1", "chair", start="2021"),
    ...            govmodel.Post("c", "p1", "oc1", "member", end="2020")],
    ... )
    >>> B = affiliation_graph(govmodel.to_graph(s))
    >>> B.nodes["p1"]["bipartite"], B.nodes["oc1"]["bipartite"], B.edges["p1", "oc1"]
    (0, 1, {'roles': 'chair,member', 'weight': 2})
    >>> sorted(affiliation_graph(govmodel.to_graph(s), as_of="2020").edges)
    [('p1', 'oc1'), ('p1', 'pb1')]
    >>> affiliation_graph(govmodel.to_graph(s), as_of="2020").edges["p1", "oc1"]["roles"]
    'member'
    """
    posts = list(_posts(G, as_of))
    B = nx.Graph()
    B.add_nodes_from((n, {**d, "bipartite": 0}) for n, d in _of(G, "person"))
    B.add_nodes_from((n, {**d, "bipartite": 1}) for n, d in _of(G, "organization"))
    edges = []
    for p, held in posts:
        by_org: dict[Any, list[str]] = {}
        for o, role in held:
            by_org.setdefault(o, []).append(role)
        for o, roles in by_org.items():
            edges.append((p, o, {"roles": ",".join(sorted(set(roles))), "weight": len(roles)}))
    B.add_edges_from(edges)
    return B


def interlock_graph(G: nx.Graph, *, as_of: str | None = None) -> nx.Graph:
    """Organizations linked when they share people: the projection of the affiliation graph.

    Parameters
    ----------
    G
        A govmodel graph (:func:`to_graph`).
    as_of
        A partial ISO date: count only posts in force on its first day, as in
        :func:`affiliation_graph`. ``None`` counts them all.

    Returns
    -------
    networkx.Graph
        Every organization, with copies of its attributes; an edge between two
        organizations that share at least one person, with ``weight`` the number of people
        holding posts in both.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.graph import interlock_graph
    >>> s = govmodel.Structure(
    ...     organizations=[govmodel.Organization("pb1", "compound_party_branch"),
    ...                    govmodel.Organization("oc1", "owners_committee")],
    ...     people=[govmodel.Person("p1"), govmodel.Person("p2")],
    ...     posts=[govmodel.Post("a", "p1", "pb1", "secretary"),
    ...            govmodel.Post("b", "p1", "oc1", "chair"),
    ...            govmodel.Post("c", "p2", "pb1", "member"),
    ...            govmodel.Post("d", "p2", "oc1", "member")],
    ... )
    >>> interlock_graph(govmodel.to_graph(s)).edges["pb1", "oc1"]["weight"]
    2
    """
    orgs = _of(G, "organization")
    order = {n: i for i, (n, _) in enumerate(orgs)}
    weight: dict[tuple[Any, Any], int] = {}
    for _, held in _posts(G, as_of):
        distinct = sorted({o for o, _ in held}, key=order.__getitem__)
        for pair in combinations(distinct, 2):
            weight[pair] = weight.get(pair, 0) + 1
    I = nx.Graph()  # noqa: E741
    I.add_nodes_from(orgs)
    I.add_edges_from((a, b, {"weight": w}) for (a, b), w in weight.items())
    return I
