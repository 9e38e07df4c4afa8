"""The measures that take a graph or a StructureIndex give one result both ways, field for
field, and one error, at the edges of their inputs: arguments of odd types, measures that
read only graphs given an index, and hand-made structures (empty, a single unit, deep
chains, units between levels, organizations without units, numbers of every type, ids that
look like numbers or are not ASCII)."""

from __future__ import annotations

from typing import Any

import attrs
import networkx as nx
import pytest

import govmodel
from govmodel import SpecError
from govmodel.index import StructureIndex, has_numpy
from govmodel.metrics import governance, hierarchy, service, voting
from govmodel.spec import Observation, Organization, Person, Post, Structure, Tie, Unit


def _exact(x: Any) -> Any:
    """``x`` in a form that compares type-exactly (1, 1.0 and True differ; NaN equals NaN),
    with the order of every mapping and sequence."""
    if attrs.has(type(x)):
        fields = attrs.fields(type(x))
        return (type(x).__name__, tuple((f.name, _exact(getattr(x, f.name))) for f in fields))
    if hasattr(x, "items"):
        return (type(x).__name__, tuple((_exact(k), _exact(v)) for k, v in x.items()))
    if isinstance(x, list | tuple):
        return (type(x).__name__, tuple(map(_exact, x)))
    if isinstance(x, set | frozenset):
        return (type(x).__name__, tuple(sorted(map(repr, x))))
    return (type(x).__name__, repr(x))


def _outcome(run: Any) -> Any:
    try:
        return "ok", _exact(run())
    except SpecError as exc:
        return "SpecError", repr(exc.problems)
    except Exception as exc:  # the same error both ways, whatever it is
        return type(exc).__name__, str(exc)


def _sources(s: Structure) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = [("graph", govmodel.to_graph(s))]
    for backend in ("python", "numpy") if has_numpy() else ("python",):
        out.append((backend, StructureIndex.from_structure(s, backend=backend)))
    return out


def _same_everywhere(s: Structure, measure: Any, *args: Any, **kw: Any) -> Any:
    """The outcome of ``measure`` on the graph, asserted the same on each index."""
    (_, G), *indexes = _sources(s)
    expected = _outcome(lambda: measure(G, *args, **kw))
    for backend, ix in indexes:
        assert _outcome(lambda ix=ix: measure(ix, *args, **kw)) == expected, backend
    return expected


_SMALL = Structure(
    units=[
        Unit("1", "community"),
        Unit("01", "compound", parent="1", attributes={"households": 5}),
        Unit("1.0", "compound", parent="1", attributes={"households": 7}),
    ],
    observations=[Observation("o", "01", "households", 4, "2020")],
)


# -- rollup of an attribute that is no string -------------------------------------------------


@pytest.mark.parametrize("attribute", [None, 1, 1.0, True, ("01",), b"households", frozenset()])
def test_rollup_of_an_attribute_that_is_no_string_is_the_graphs(attribute: object) -> None:
    """No unit has a value under a key that is no string: the graph's attribute dicts read
    none, where the index raised AttributeError (or TypeError for bytes) reading the key as
    text."""
    got = _same_everywhere(_SMALL, hierarchy.rollup, attribute)
    assert got[0] == "ok"
    assert _same_everywhere(_SMALL, hierarchy.rollup, attribute, include_observations=False) == got
    G = govmodel.to_graph(_SMALL)
    assert hierarchy.rollup(G, attribute).own == {}  # type: ignore[arg-type]


@pytest.mark.parametrize("attribute", [[], {}, {"households"}])
@pytest.mark.parametrize("include_observations", [True, False])
def test_rollup_of_an_unhashable_attribute_is_a_type_error_both_ways(
    attribute: object, include_observations: bool
) -> None:
    got = _same_everywhere(
        _SMALL, hierarchy.rollup, attribute, include_observations=include_observations
    )
    assert got == ("TypeError", f"unhashable type: '{type(attribute).__name__}'")
    empty = _same_everywhere(
        Structure(), hierarchy.rollup, attribute, include_observations=include_observations
    )
    assert empty[0] == ("ok" if not include_observations else "TypeError")


# -- measures of graphs alone, given an index ---------------------------------------------------


@pytest.mark.parametrize(
    "measure", [governance.key_people, lambda G: voting.outcome_from_graph(G, "d")]
)
@pytest.mark.parametrize("given", ["index", "structure", "none", "dict"])
def test_a_measure_of_graphs_alone_refuses_anything_else_naming_itself(
    measure: Any, given: str
) -> None:
    """key_people and outcome_from_graph read only graphs, as the structural measures do:
    given an index, a structure or anything else they raise the structural measures'
    TypeError naming the measure and what to do, where they raised AttributeError or an
    unrelated TypeError (outcome_from_graph of a dict: KeyError)."""
    s = Structure()
    X = {
        "index": StructureIndex.of(s),
        "structure": s,
        "none": None,
        "dict": {"d": {}},
    }[given]
    with pytest.raises(TypeError, match=r"\(\) takes a networkx graph, not ") as info:
        measure(X)
    name = "key_people" if measure is governance.key_people else "outcome_from_graph"
    assert str(info.value).startswith(f"{name}() takes a networkx graph, not {type(X).__name__}")
    if given == "index":
        assert str(info.value).endswith("draw the structure with govmodel.to_graph(s)")
    if name == "key_people":
        assert measure(nx.MultiDiGraph()) == {}
    else:
        with pytest.raises(KeyError, match="no decision 'd' in the graph"):
            measure(nx.MultiDiGraph())


# -- selectors given as iterators ---------------------------------------------------------------


def _seated() -> Structure:
    """Two compounds, each with a party branch and an owners' committee (the second branch
    embedded in its committee); one person holds a post in both of the first's, another in
    the second committee and the residents' committee."""
    units = [Unit("c", "community")]
    units += [Unit(f"x{i}", "compound", parent="c") for i in range(2)]
    orgs = [Organization(f"b{i}", "compound_party_branch", unit=f"x{i}") for i in range(2)]
    orgs += [Organization(f"w{i}", "owners_committee", unit=f"x{i}") for i in range(2)]
    orgs += [Organization("r", "residents_committee", unit="c")]
    return Structure(
        units=units,
        organizations=orgs,
        people=[Person("p"), Person("q")],
        posts=[
            Post("1", "p", "b0", "secretary"),
            Post("2", "p", "w0", "chair"),
            Post("3", "q", "w1", "chair"),
            Post("4", "q", "r", "member"),
        ],
        ties=[Tie("t", "b1", "w1", "embedded_in")],
    )


_ONCE: dict[str, Any] = {
    "coverage": lambda X, it: governance.coverage(X, it(["compound_party_branch"]), "compound"),
    "coverage, via": lambda X, it: governance.coverage(
        X, it(["party"]), "compound", via=("located_in", "serves")
    ),
    "org_coverage": lambda X, it: governance.org_coverage(
        X, "owners_committee", org_kind=it(["party"])
    ),
    "cross_appointment, branch": lambda X, it: governance.cross_appointment(
        X, branch=it(["compound_party_branch"])
    ),
    "cross_appointment, committee": lambda X, it: governance.cross_appointment(
        X, committee=it(["owners_committee"])
    ),
    "cross_appointment, two committees": lambda X, it: governance.cross_appointment(
        X, two_committees=it(["residents_committee"])
    ),
    "cross_appointment, as of": lambda X, it: governance.cross_appointment(
        X, as_of="2021", branch=it(["compound_party_branch"]), committee=it(["owners_committee"])
    ),
}


@pytest.mark.parametrize("call", sorted(_ONCE))
def test_a_selector_given_as_an_iterator_selects_on_the_index_as_on_the_graph(call: str) -> None:
    """The index read an organization selector more than once: given an iterator it
    selected nothing the second time (coverage 0, no cross-appointments), where the graph,
    reading it once, selected its kinds."""
    measure = _ONCE[call]
    sources = _sources(_seated())
    (_, G), *indexes = sources
    expected = _outcome(lambda: measure(G, tuple))
    assert _outcome(lambda: measure(G, iter)) == expected
    for backend, ix in indexes:
        assert _outcome(lambda ix=ix: measure(ix, iter)) == expected, backend
        assert _outcome(lambda ix=ix: measure(ix, tuple)) == expected, backend


# -- time: linear on the index, in the organization forests and one subject's many periods ------


def _long(n: int) -> Structure:
    """A chain of ``n`` party organizations (each leading the next), each in a compound of a
    chain of compounds; the first compound reports ``n`` periods of issues, micro wishes and
    fee collection, every other compound one period."""
    units = [Unit(f"u{i}", "compound", parent=f"u{i - 1}" if i else None) for i in range(n)]
    orgs = [
        Organization(f"o{i}", "compound_party_branch", unit=f"u{i}", parent=f"o{i - 1}")
        if i
        else Organization("o0", "community_party_committee", unit="u0")
        for i in range(n)
    ]
    observations = []
    for i in range(n):
        period = f"{3000 + i}"
        for indicator, value in (
            ("issues_resolved", i),
            ("issues_collected", i + 1),
            ("micro_wishes_fulfilled", 1),
            ("micro_wishes", 2),
            ("fee_collection_rate", 0.5),
        ):
            observations.append(Observation(f"{indicator}{i}", "u0", indicator, value, period))
        observations.append(Observation(f"a{i}", f"u{i}", "issues_resolved", 1, "2020"))
        observations.append(Observation(f"b{i}", f"u{i}", "issues_collected", 2, "2020"))
    return Structure(units=units, organizations=orgs, observations=observations)


_LONG: dict[str, Any] = {
    "depth": lambda X: (
        hierarchy.depth(X, view="party"),
        hierarchy.depth(X, view="leadership", root="o1"),
    ),
    "span": lambda X: (
        hierarchy.span_of_control(X, view="party"),
        hierarchy.span_of_control(X, view="leadership", child_kind="compound_party_branch"),
    ),
    "rates": lambda X: (
        service.resolution_rate(X),
        service.micro_wish_fulfilment(X, subject="u0"),
        service.fee_collection_change(X, "u0"),
    ),
}


def test_the_organization_forests_and_many_periods_read_alike() -> None:
    s = _long(6)
    for measure in _LONG.values():
        assert _same_everywhere(s, measure)[0] == "ok"


@pytest.mark.timing
@pytest.mark.parametrize("measure", sorted(_LONG))
def test_the_index_grows_linearly_in_forests_and_periods(measure: str) -> None:
    from govmodel.testing.linear import assert_linear

    assert_linear(lambda n: StructureIndex.of(_long(n)), _LONG[measure], 600, fresh=True)


@pytest.mark.parametrize(
    ("selectors", "error"),
    [
        ({"branch": 5, "committee": ()}, "ValueError"),
        ({"branch": (), "committee": 5}, "TypeError"),
        ({"two_committees": 5, "branch": ()}, "ValueError"),
        ({"two_committees": (), "committee": 5.0}, "TypeError"),
    ],
)
@pytest.mark.parametrize("as_of", [None, "2021"])
def test_cross_appointment_refuses_the_selector_the_graph_reads_first(
    selectors: dict[str, Any], error: str, as_of: str | None
) -> None:
    """Of two bad selectors, the index refused the branch first, the graph the committee
    (then the branch, then the two committees): an empty committee and a branch that is
    no collection gave a ValueError on the graph, a TypeError on the index."""
    got = _same_everywhere(_seated(), governance.cross_appointment, as_of=as_of, **selectors)
    assert got[0] == error
