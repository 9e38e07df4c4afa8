"""Helpers for the classifier tests: small structures, turned into graphs by hand (following
the conventions of ``govmodel.to_graph``) and by ``govmodel.to_graph`` itself."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from typing import Any

import networkx as nx
import pytest

from govmodel.spec import Decision, Observation, Organization, Person, Post, Structure, Tie, Unit

_ids = itertools.count()


def unit(id: str, kind: str = "compound", parent: str | None = None, **attributes: Any) -> Unit:
    return Unit(id, kind, id, parent, attributes)


def org(
    id: str, kind: str, unit: str | None = None, parent: str | None = None, **attributes: Any
) -> Organization:
    return Organization(id, kind, id, unit, parent, attributes)


def person(id: str, **attributes: Any) -> Person:
    return Person(id, id, None, attributes)


def post(person: str, organization: str, role: str = "member") -> Post:
    return Post(f"post{next(_ids)}", person, organization, role)


def tie(source: str, target: str, relation: str, **attributes: Any) -> Tie:
    return Tie(f"tie{next(_ids)}", source, target, relation, attributes=attributes)


def obs(subject: str, indicator: str, value: float) -> Observation:
    return Observation(f"obs{next(_ids)}", subject, indicator, value)


def decision(body: str) -> Decision:
    return Decision(f"dec{next(_ids)}", body, "a motion")


def structure(*entities: Any, vocabulary: tuple[Any, ...] = ()) -> Structure:
    """A structure from entities of any kind, sorted into their sections."""
    sections: dict[str, list[Any]] = {
        "units": [],
        "organizations": [],
        "people": [],
        "posts": [],
        "ties": [],
        "observations": [],
        "decisions": [],
    }
    where = {
        Unit: "units",
        Organization: "organizations",
        Person: "people",
        Post: "posts",
        Tie: "ties",
        Observation: "observations",
        Decision: "decisions",
    }
    for e in entities:
        sections[where[type(e)]].append(e)
    # people named in posts exist
    named = {p.id for p in sections["people"]}
    for p in sections["posts"]:
        if p.person not in named:
            named.add(p.person)
            sections["people"].append(person(p.person))
    return Structure(**sections, vocabulary=vocabulary)


def hand_graph(s: Structure) -> nx.MultiDiGraph:
    """The graph of a structure, built by hand as conventions.md describes it."""
    vocab = s.vocab
    G = nx.MultiDiGraph(format_version=1)
    if s.vocabulary:
        G.graph["vocabulary"] = json.dumps(
            [
                {"category": t.category, "name": t.name, "en": t.en, "zh": t.zh, "head": t.head}
                for t in s.vocabulary
            ]
        )
    for u in s.units:
        data: dict[str, Any] = {"entity": "unit", "kind": u.kind, "name": u.name}
        data.update(u.attributes)
        rank = vocab.rank(u.kind)
        if rank is not None:
            data["level"] = rank
        G.add_node(u.id, **data)
    for o in s.organizations:
        term = vocab.category("organization_kinds").get(o.kind)
        data = {"entity": "organization", "kind": o.kind, "name": o.name}
        data.update(o.attributes)
        data["is_party"] = bool(term and term.party)
        if term and term.sector:
            data["sector"] = term.sector
        G.add_node(o.id, **data)
    for p in s.people:
        G.add_node(p.id, entity="person", name=p.name, **p.attributes)
    for ob in s.observations:
        G.add_node(ob.id, entity="observation", indicator=ob.indicator, value=ob.value)
        G.add_edge(ob.id, ob.subject, key="observes", relation="observes")
    for d in s.decisions:
        G.add_node(d.id, entity="decision", motion=d.motion, rule_threshold=str(d.rule.threshold))
        G.add_edge(d.body, d.id, key="decides", relation="decides")
    for u in s.units:
        if u.parent is not None:
            G.add_edge(u.parent, u.id, key="contains", relation="contains")
    for o in s.organizations:
        if o.unit is not None:
            G.add_edge(o.id, o.unit, key="located_in", relation="located_in")
        if o.parent is not None:
            G.add_edge(o.parent, o.id, key="leads", relation="leads")
    for i, p in enumerate(s.posts):
        G.add_edge(p.person, p.organization, key=p.id, relation="post", role=p.role, seq=i)
    for i, t in enumerate(s.ties):
        G.add_edge(t.source, t.target, key=t.id, relation=t.relation, seq=i, **t.attributes)
    return G


def _library_graph(s: Structure) -> nx.MultiDiGraph:
    import govmodel

    return govmodel.to_graph(s)


#: The two ways to make a graph that every test runs on.
BUILDERS: dict[str, Callable[[Structure], nx.MultiDiGraph]] = {
    "hand": hand_graph,
    "to_graph": _library_graph,
}


def build_fixture() -> Any:
    """A fixture ``build(*entities)`` making the graph of a structure of these entities, once
    by hand and once with ``govmodel.to_graph``. Use as ``build = build_fixture()`` in a test
    module."""

    @pytest.fixture(params=sorted(BUILDERS), name="build")
    def _fixture(request: pytest.FixtureRequest) -> Callable[..., nx.MultiDiGraph]:
        make = BUILDERS[request.param]

        def _build(*entities: Any, vocabulary: tuple[Any, ...] = ()) -> nx.MultiDiGraph:
            return make(structure(*entities, vocabulary=vocabulary))

        return _build

    return _fixture


def dataset_graph(name: str) -> nx.MultiDiGraph:
    """The graph of a bundled dataset."""
    import govmodel

    return _library_graph(govmodel.datasets.load(name))
