"""to_graph writes values of a subclass of str, int or float as the plain values."""

from __future__ import annotations

import enum
import io

import networkx as nx

import govmodel
from govmodel.graph import from_graph, to_graph
from govmodel.validate import require_types


class S(enum.StrEnum):
    C = "c1"
    X = "x1"
    CK = "community"
    XK = "compound"
    OC = "oc1"
    OK = "owners_committee"
    P = "p1"
    POST = "post1"
    ROLE = "chair"
    TIE = "t1"
    REL = "owns"
    KEY = "households"
    VAL = "Lakeside"
    D2021 = "2021"
    D2022 = "2022-06"
    OB = "ob1"
    IND = "turnout"
    DEC = "d1"
    CHOICE = "yes"
    ACTIVE = "active"


class T(str):
    pass


class N(enum.IntEnum):
    HH = 420


class F(float):
    pass


def _structure(st: type, i: type, f: type) -> govmodel.Structure:
    def s(x: str) -> str:
        return st(x) if st is T else S(x) if st is S else x

    return govmodel.Structure(
        units=[
            govmodel.Unit(s("c1"), s("community"), s("Lakeside")),
            govmodel.Unit(
                s("x1"),
                s("compound"),
                T("Lake ✓"),
                parent=s("c1"),
                start=s("2021"),
                attributes={s("households"): i(420), T("area"): f(1.5), T("k"): s("Lakeside")},
            ),
        ],
        organizations=[
            govmodel.Organization(s("oc1"), s("owners_committee"), unit=s("x1"), start=s("2021"))
        ],
        people=[govmodel.Person(s("p1"), T("Wang"), party=s("active"))],
        posts=[
            govmodel.Post(
                s("post1"),
                s("p1"),
                s("oc1"),
                s("chair"),
                start=s("2021"),
                end=s("2022-06"),
                attributes={T("seat"): i(420)},
            )
        ],
        ties=[govmodel.Tie(s("t1"), s("p1"), s("oc1"), s("owns"), start=s("2021"))],
        observations=[govmodel.Observation(s("ob1"), s("x1"), s("turnout"), f(0.5))],
    )


def _plain(x: object) -> object:
    return x if type(x) in (str, int, float, bool) else None


def _typed(G: nx.MultiDiGraph) -> tuple[object, ...]:
    nodes = [
        (n, type(n), [(k, type(k), v, type(v)) for k, v in d.items()])
        for n, d in G.nodes(data=True)
    ]
    edges = [
        (u, type(u), v, type(v), k, type(k), [(a, type(a), b, type(b)) for a, b in d.items()])
        for u, v, k, d in G.edges(keys=True, data=True)
    ]
    graph = [(k, type(k), v, type(v)) for k, v in G.graph.items()]
    return nodes, edges, graph


def test_to_graph_of_subclass_values_holds_plain_values() -> None:
    plain = _structure(str, int, float)
    for st in (S, T):
        G = to_graph(_structure(st, N, F))
        for n, d in G.nodes(data=True):
            assert type(n) is str
            assert all(type(k) is str and _plain(v) is not None for k, v in d.items())
        for u, v, k, d in G.edges(keys=True, data=True):
            assert [type(u), type(v), type(k)] == [str, str, str]
            assert all(type(a) is str and _plain(b) is not None for a, b in d.items())
        assert _typed(G) == _typed(to_graph(plain))


def test_to_graph_of_subclass_values_writes_the_plain_graphml() -> None:
    def graphml(s: govmodel.Structure) -> bytes:
        out = io.BytesIO()
        nx.write_graphml_xml(to_graph(s), out)
        return out.getvalue()

    plain = graphml(_structure(str, int, float))
    assert graphml(_structure(S, N, F)) == plain
    assert graphml(_structure(T, N, F)) == plain


def test_from_to_graph_of_subclass_values_is_the_plain_structure() -> None:
    plain = _structure(str, int, float)
    for st in (S, T):
        back = from_graph(to_graph(_structure(st, N, F)))
        assert back == plain
        assert govmodel.dumps(back) == govmodel.dumps(plain)
        u = back.units[1]
        assert [type(x) for x in (u.id, u.kind, u.name, u.parent, u.start)] == [str] * 5
        assert [(type(k), type(v)) for k, v in u.attributes.items()] == [
            (str, int),
            (str, float),
            (str, str),
        ]
        assert type(back.observations[0].value) is float


def test_to_graph_of_a_subset_of_subclass_values_holds_plain_values() -> None:
    s = _structure(S, N, F)
    require_types(s)  # the types are checked once, here
    sub = s.as_of("2021")
    G = to_graph(sub)
    assert all(type(n) is str for n in G)
    assert all(type(k) is str for _, _, k in G.edges(keys=True))
