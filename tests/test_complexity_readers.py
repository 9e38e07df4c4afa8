"""Complexity guards for the readers: no input shape makes an entrance worse than linear.

Each test builds a worst-case-shaped input at two sizes, ``n`` and ``2 n`` (a deep chain,
long strings, many distinct values, many problems), and holds the ratio of the entrance's
times on them under 2.5 with :func:`govmodel.testing.linear.assert_linear` (CPU time, the
best of several runs, interleaved, with the garbage collector paused): linear time doubles,
quadratic time quadruples. Sizes are small enough for CI (each test well under three
seconds) and large enough that the work, not the fixed cost, dominates.

The entrances: ``loads`` (JSON and YAML), ``import_popolo``, ``import_graphml``,
``import_gexf``, ``import_node_link``, ``from_graph`` and ``validate``. Each call may end in
a result or a :class:`~govmodel.SpecError` (a refused input must be refused in linear time
too).
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable
from typing import Any

import networkx as nx
import pytest

import govmodel
from govmodel import Limits, SpecError, Structure
from govmodel.io import graphfiles, native, popolo
from govmodel.spec import Organization, Person, Post, Unit
from govmodel.testing import linear
from govmodel.vocab import Term

#: Timed tests run on their own in CI, away from the parallel workers (see .ci/run).
pytestmark = pytest.mark.timing

pytest.importorskip("yaml")
pytest.importorskip("defusedxml")

#: Fewer problems than this is no test of "many problems": raise the limit past them.
MANY = Limits(max_problems=10**7, max_string=10**7)


def assert_linear(make: Callable[[int], Any], run: Callable[[Any], object], n: int) -> None:
    """:func:`govmodel.testing.linear.assert_linear`, a refused input counting as done."""

    def entrance(arg: Any) -> None:
        try:
            run(arg)
        except SpecError:
            pass

    linear.assert_linear(make, entrance, n)


# -- worst-case shapes ---------------------------------------------------------------------------


def chain(n: int) -> Structure:
    """A leadership chain ``n`` deep: each organization led by the one before."""
    return Structure(
        units=[Unit("c1", "community")],
        organizations=[
            Organization(f"o{i}", "party_branch", unit="c1", parent=f"o{i - 1}" if i else None)
            for i in range(n)
        ],
    )


def distinct(n: int) -> Structure:
    """``n`` distinct declared unit kinds, one unit of each, with a distinct attribute."""
    terms = [
        Term("unit_kinds", f"kind_{i}", f"Kind {i}", rank=9, within=frozenset({"community"}))
        for i in range(n)
    ]
    units = [Unit("c1", "community")] + [
        Unit(f"u{i}", f"kind_{i}", parent="c1", attributes={f"a{i}": i}) for i in range(n)
    ]
    return Structure(units=units, vocabulary=terms)


def long_strings(n: int) -> Structure:
    """Few entities holding ``n`` characters of awkward strings (names, attribute names)."""
    awkward = "名\u2028=#\u200f\u0301a\x85 "
    text = (awkward * (n // len(awkward) + 1))[:n]
    return Structure(
        units=[Unit("c1", "community", text, attributes={text[: n // 2]: text})],
        people=[Person("p1", text)],
    )


def problems(n: int) -> Structure:
    """``n`` posts naming people and organizations that do not exist: ``2 n`` problems."""
    return Structure(
        units=[Unit("c1", "community")],
        posts=[Post(f"x{i}", f"nobody{i}", f"nothing{i}", "secretary") for i in range(n)],
    )


SHAPES: dict[str, Callable[[int], Structure]] = {
    "chain": chain,
    "distinct": distinct,
    "long-strings": long_strings,
    "problems": problems,
}

#: The smaller size of each (entrance, shape): about 50-100 ms of work on a development
#: machine, so that the fixed costs do not hide the growth and each test stays near a second.
SIZES: dict[tuple[str, str], int] = {
    ("json", "chain"): 3000,
    ("json", "distinct"): 3000,
    ("json", "long-strings"): 400_000,
    ("json", "problems"): 3000,
    ("yaml", "chain"): 150,
    ("yaml", "distinct"): 75,
    ("yaml", "long-strings"): 10_000,
    ("yaml", "problems"): 150,
    ("popolo", "chain"): 1500,
    ("popolo", "long-strings"): 400_000,
    ("popolo", "problems"): 600,
    ("graphml", "chain"): 250,
    ("graphml", "distinct"): 250,
    ("graphml", "long-strings"): 400_000,
    ("graphml", "problems"): 300,
    ("gexf", "chain"): 250,
    ("gexf", "distinct"): 250,
    ("gexf", "long-strings"): 400_000,
    ("gexf", "problems"): 300,
    ("node-link", "chain"): 750,
    ("node-link", "distinct"): 400,
    ("node-link", "long-strings"): 800_000,
    ("node-link", "problems"): 1000,
    ("from_graph", "chain"): 2000,
    ("from_graph", "distinct"): 1500,
    ("from_graph", "problems"): 2000,
    ("validate", "chain"): 15_000,
    ("validate", "distinct"): 4000,
    ("validate", "problems"): 4000,
}


def _loads(fmt: str) -> Callable[[str], object]:
    return lambda text: govmodel.loads(text, format=fmt, limits=MANY)  # type: ignore[arg-type]


# -- the entrances --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "yaml"])
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_loads_is_linear(fmt: str, shape: str) -> None:
    make = SHAPES[shape]
    assert_linear(lambda k: _unchecked_dumps(make(k), fmt), _loads(fmt), SIZES[fmt, shape])


def test_yaml_base_60_numbers_are_linear() -> None:
    def make(n: int) -> str:
        value = "1" + ":30" * n
        return f"format_version: 1\nunits:\n- {{id: c, kind: community, name: x, a: {value}}}\n"

    assert_linear(make, _loads("yaml"), 12_000)


def test_json_many_problems_while_structuring_is_linear() -> None:
    def make(n: int) -> str:
        return json.dumps({"format_version": 1, "people": [{"id": i} for i in range(n)]})

    assert_linear(make, _loads("json"), 3000)


def _unchecked_dumps(s: Structure, fmt: str = "json") -> str:
    """The text of ``s`` even when it does not validate (``dumps`` checks only what it must)."""
    if fmt == "json":
        return json.dumps(native.to_data(s), ensure_ascii=False)
    return native.dumps(s, format="yaml")


def _popolo_text(s: Structure) -> str:
    return json.dumps(popolo.to_popolo(s), ensure_ascii=False)


def _import_popolo(text: str) -> object:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return popolo.import_popolo(text, report=[], limits=MANY)


@pytest.mark.parametrize("shape", ["chain", "long-strings", "problems"])
def test_popolo_import_is_linear(shape: str) -> None:
    make = SHAPES[shape]
    assert_linear(lambda k: _popolo_text(make(k)), _import_popolo, SIZES["popolo", shape])


def test_popolo_many_distinct_classifications_are_linear() -> None:
    def make(n: int) -> str:
        areas = [{"id": f"a{i}", "name": "x", "classification": f"kind {i}"} for i in range(n)]
        return json.dumps({"areas": areas})

    assert_linear(make, _import_popolo, 1000)


@pytest.mark.parametrize(
    "piece", ["1", " ", "at least ", "1 ", "quorum ", "1/", "1" * 40 + "/ "], ids=repr
)
def test_popolo_requirement_words_are_linear(piece: str) -> None:
    def make(n: int) -> str:
        doc = {
            "organizations": [{"id": "o", "classification": "owners_assembly", "name": "o"}],
            "motions": [{"id": "m", "organization_id": "o", "text": "t", "requirement": piece * n}],
        }
        return json.dumps(doc)

    assert_linear(make, _import_popolo, 400_000 // len(piece))


_GRAPH_FORMATS: dict[str, tuple[Callable[[Structure], Any], Callable[..., Structure]]] = {
    "graphml": (graphfiles.export_graphml, graphfiles.import_graphml),
    "gexf": (graphfiles.export_gexf, graphfiles.import_gexf),
    "node-link": (graphfiles.export_node_link, graphfiles.import_node_link),
}


def _graph_file(fmt: str, s: Structure) -> Any:
    """The file of ``s`` in ``fmt``, written from its graph (even if ``s`` does not validate)."""
    G = govmodel.to_graph(s) if not _invalid(s) else _graph_by_hand(s)
    if fmt == "graphml":
        return graphfiles._graph_to_graphml(G)
    if fmt == "gexf":
        return graphfiles._graph_to_gexf(G)
    return json.dumps(nx.node_link_data(G, edges="edges"))


def _invalid(s: Structure) -> bool:
    try:
        govmodel.validate(s)
    except SpecError:
        return True
    return False


def _graph_by_hand(s: Structure) -> nx.MultiDiGraph:
    """The graph of the ``problems`` shape: posts whose ends are nodes of no entity."""
    G = nx.MultiDiGraph(format_version=1)
    G.add_node("c1", entity="unit", kind="community")
    for p in s.posts:
        G.add_edge(p.person, p.organization, p.id, relation="post", role=p.role)
    return G


@pytest.mark.parametrize("fmt", sorted(_GRAPH_FORMATS))
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_graph_imports_are_linear(fmt: str, shape: str) -> None:
    make = SHAPES[shape]
    read = _GRAPH_FORMATS[fmt][1]
    assert_linear(
        lambda k: _graph_file(fmt, make(k)), lambda d: read(d, limits=MANY), SIZES[fmt, shape]
    )


# Long strings cost from_graph and validate nothing but C-speed scans (a length, a search
# for surrogates): too little to time. The bounded paths of long keys are held by
# tests/test_limits.py.


@pytest.mark.parametrize("shape", ["chain", "distinct", "problems"])
def test_from_graph_is_linear(shape: str) -> None:
    make = SHAPES[shape]

    def graph(k: int) -> nx.MultiDiGraph:
        s = make(k)
        return _graph_by_hand(s) if _invalid(s) else govmodel.to_graph(s)

    assert_linear(graph, lambda G: govmodel.from_graph(G, limits=MANY), SIZES["from_graph", shape])


@pytest.mark.parametrize("shape", ["chain", "distinct", "problems"])
def test_validate_is_linear(shape: str) -> None:
    make = SHAPES[shape]
    assert_linear(make, lambda s: govmodel.validate(s, limits=MANY), SIZES["validate", shape])


def test_yaml_deep_flow_nesting_is_refused_before_it_costs() -> None:
    """PyYAML's scanner is quadratic in the nesting of flow collections (``[[[…]]]``); the
    loader refuses them past ``max_depth`` as it scans, so the nesting costs nothing."""
    body = _unchecked_dumps(chain(40), "yaml")

    def make(n: int) -> str:
        return body + "extra: " + "[" * n + "]" * n + "\n"

    assert_linear(make, _loads("yaml"), 400)
