"""The W3C ORG exports at their edges: hostile ids, values and bases, read back by rdflib.

Each export (Turtle, JSON-LD) must be the graph of :func:`~govmodel.io.org.to_org`, triple
for triple; a structure none of them can write is refused with the structure's problems,
named at their paths; a base none of them can write under is refused before anything is.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from govmodel import SpecError
from govmodel.io.org import export_org_jsonld, export_org_turtle, to_org
from govmodel.spec import Metadata, Organization, Person, Post, Structure, Unit

rdflib = pytest.importorskip("rdflib")

# rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

ATTRIBUTE = "https://w3id.org/govmodel/ns/attribute#"


def _same_graph(s: Structure) -> Any:
    """``to_org(s)``, checked equal (the same set of triples: no blank nodes) to what rdflib
    reads of each export."""
    graph = to_org(s)
    want = set(graph)
    turtle = rdflib.Graph().parse(data=export_org_turtle(s), format="turtle")
    jsonld = rdflib.Graph().parse(data=export_org_jsonld(s), format="json-ld")
    assert set(turtle) == want
    assert set(jsonld) == want
    return graph


# -- templates: an entity whose own values are the template's sentinels -----------------------


def _twins(first: Unit, second: Unit) -> Structure:
    return Structure(units=[first, second])


SENTINELS = {
    # the id's sentinel is also the kind: the second unit's kind was written as its id
    "kind": _twins(Unit("Gm7hole0Qz", "Gm7hole0Qz"), Unit("b", "Gm7hole0Qz")),
    # an integer's sentinel is also the attribute's name: the second unit's was "5"
    "integer": _twins(
        Unit("a", "compound", attributes={"8245197300000000001": 8245197300000000001}),
        Unit("b", "compound", attributes={"8245197300000000001": 5}),
    ),
    # a float's, inside the attribute's name
    "float": _twins(
        Unit("a", "compound", attributes={"x3000001.5": 3000001.5}),
        Unit("b", "compound", attributes={"x3000001.5": 2.5}),
    ),
}


@pytest.mark.parametrize("s", SENTINELS.values(), ids=SENTINELS.keys())
def test_org_template_of_an_entity_valued_as_its_sentinels(s: Structure) -> None:
    graph = _same_graph(s)
    second = rdflib.URIRef("https://w3id.org/govmodel/id/b")
    kind = rdflib.URIRef("https://w3id.org/govmodel/ns#kind")
    assert {str(o).rsplit("/", 1)[1] for o in graph.objects(second, kind)} == {s.units[1].kind}
    for key, value in s.units[1].attributes.items():
        (got,) = graph.objects(second, rdflib.URIRef(ATTRIBUTE + key))
        assert got.toPython() == value
        assert type(got.toPython()) is type(value)


def test_org_entities_of_one_shape_still_share_a_template() -> None:
    # the sentinels' own values refuse the template of their shape only
    s = Structure(units=[Unit(f"u{i}", "compound", f"n{i}", attributes={"k": i}) for i in range(9)])
    _same_graph(s)


# -- a base whose scheme is one of the documents' prefixes ------------------------------------


@pytest.mark.parametrize("base", ["org:x/", "id:x/", "gm:x/", "xsd:x", "gmattr:"])
@pytest.mark.parametrize("export", [export_org_turtle, export_org_jsonld, to_org])
def test_org_base_of_a_prefix_named_scheme_is_refused(
    export: Any, base: str, tmp_path: Path
) -> None:
    # its IRIs were written as the prefixed names of that prefix ("id:x/a%20b" made a
    # Turtle no parser reads; "gm:x/…" was read as https://w3id.org/govmodel/ns#x/…)
    s = Structure(units=[Unit("a b", "compound"), Unit("plain", "compound")])
    scheme = base.split(":")[0] + ":"
    with pytest.raises(ValueError, match=f"scheme '{scheme}' is a prefix"):
        export(s, base=base)
    if export is not to_org:
        with pytest.raises(ValueError, match="base"):
            export(s, tmp_path / "out", base=base)
        assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("base", ["ID:x/", "Org:x/", "ids:x/", "tag:org,2026:"])
def test_org_base_of_another_scheme_still_writes_its_graph(base: str) -> None:
    s = Structure(units=[Unit("a b", "compound"), Unit("plain", "compound")])
    graph = to_org(s, base=base)
    for text, fmt in (
        (export_org_turtle(s, base=base), "turtle"),
        (export_org_jsonld(s, base=base), "json-ld"),
    ):
        assert set(rdflib.Graph().parse(data=text, format=fmt)) == set(graph)
    assert rdflib.URIRef(base + "a%20b") in set(graph.subjects())


MALFORMED_BASES = [
    "https://e.org/x[",  # a bracket outside an IP address
    "https://e.org/x]",
    "https://[::1/",
    "https://e.org/x%",  # "%" and not two hex digits
    "https://e.org/%zz/",
    "https://e.org/x#a#",  # a second "#"
    "https://e.org:80a/",  # a port of a letter
    "https://e.org:80",  # a port, which every id would end
    "https://e.org/\ue000/",  # private use, outside a query
    "https://e.org/\ufffe/",  # a non-character
]


@pytest.mark.parametrize("base", MALFORMED_BASES)
@pytest.mark.parametrize("export", [export_org_turtle, export_org_jsonld, to_org])
def test_org_base_that_is_no_iri_is_refused(export: Any, base: str) -> None:
    # a Turtle strict readers (Oxigraph) refuse ("Invalid IRI percent encoding"), and a
    # JSON-LD whose every entity's triples they drop; rdflib took both
    with pytest.raises(ValueError, match="is not an absolute IRI"):
        export(Structure(units=[Unit("a b", "compound")]), base=base)


@pytest.mark.parametrize(
    "base",
    [
        "https://[::1]/x/",
        "https://u:p@e.org:8080/x/",
        "https://e.org",
        "https://e.org/x?q=\ue000",
        "http://e.org/x/?a#b?",
        "https://e.org/%41(1);/",
        "file:///tmp/x/",
    ],
)
def test_org_base_that_is_an_iri_still_writes_its_graph(base: str) -> None:
    s = Structure(units=[Unit("a b", "compound"), Unit("plain", "compound", parent="a b")])
    graph = to_org(s, base=base)
    for text, fmt in (
        (export_org_turtle(s, base=base), "turtle"),
        (export_org_jsonld(s, base=base), "json-ld"),
    ):
        assert set(rdflib.Graph().parse(data=text, format=fmt)) == set(graph)


# -- what no export can write: refused with the structure's problem --------------------------


@pytest.mark.parametrize("export", [export_org_turtle, export_org_jsonld])
def test_org_name_of_a_lone_surrogate_is_refused_at_its_path(export: Any, tmp_path: Path) -> None:
    # the default base is made of the structure's name: a bare UnicodeEncodeError before
    s = Structure(units=[Unit("x", "compound")], metadata=Metadata(name="n\ud800"))
    for path in (None, tmp_path / "out"):
        with pytest.raises(SpecError) as info:
            export(s, path)
        assert [(p.code, p.path) for p in info.value.problems] == [
            ("invalid-string", "$.metadata.name")
        ]
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("export", [export_org_turtle, export_org_jsonld, to_org])
def test_org_integer_of_more_digits_than_python_writes_is_refused_at_its_path(
    export: Any,
) -> None:
    # a bare ValueError ("Exceeds the limit (4300 digits) …") without a path; the writers
    # given a path refused it already
    s = Structure(units=[Unit("x", "compound", attributes={"a": 10**5000})])
    with pytest.raises(SpecError) as info:
        export(s)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("number-out-of-range", "$.units[0].attributes.a")
    ]


# -- numbers of a subclass of float or int (numpy's float64) ---------------------------------


class _Real(float):
    """A float written as numpy 2 writes its float64: ``np.float64(0.5)``."""

    def __repr__(self) -> str:
        return f"np.float64({float(self)!r})"


class _Whole(int):
    def __repr__(self) -> str:
        return f"np.int64({int(self)!r})"

    __str__ = __repr__


@pytest.mark.parametrize(
    ("value", "want"),
    [(_Real(0.5), 0.5), (_Real(-0.0), -0.0), (_Real(1e300), 1e300), (_Whole(7), 7)],
    ids=["half", "negative-zero", "large", "whole"],
)
def test_org_number_of_a_subclass_is_written_as_its_number(value: Any, want: Any) -> None:
    # its repr was the lexical form: "np.float64(0.5)"^^xsd:double, a literal of no value,
    # and a bare np.int64(7) that no Turtle parser reads
    s = Structure(units=[Unit("x", "compound", attributes={"a": value})])
    graph = _same_graph(s)
    (got,) = graph.objects(
        rdflib.URIRef("https://w3id.org/govmodel/id/x"), rdflib.URIRef(ATTRIBUTE + "a")
    )
    assert type(got.toPython()) is type(want)
    assert repr(got.toPython()) == repr(want)


def test_org_numpy_float_is_written_as_its_number() -> None:
    np = pytest.importorskip("numpy")
    s = Structure(units=[Unit("x", "compound", attributes={"a": np.float64(0.1)})])
    text = export_org_turtle(s)
    assert 'gmattr:a "0.1"^^xsd:double' in text
    assert '"@value":"0.1","@type":"xsd:double"' in export_org_jsonld(s)


def test_org_term_of_a_category_not_a_name_is_in_one_graph() -> None:
    # a term built in Python may name any category (validation refuses it, the writers
    # write it): its scheme's IRI held a space, whose triples JSON-LD readers drop
    from govmodel.vocab import Term

    s = Structure(units=[Unit("x", "compound")], vocabulary=[Term("a b", "n", "N")])  # type: ignore[arg-type]
    graph = _same_graph(s)
    scheme = rdflib.URIRef("https://w3id.org/govmodel/vocab/a%20b")
    assert (scheme, rdflib.RDF.type, rdflib.SKOS.ConceptScheme) in graph


class _Text(str):
    """A string of a subclass of str, as numpy's str_ is."""


def _texts_of_a_subclass(text: Any) -> Structure:
    from govmodel.spec import Identifier

    return Structure(
        units=[
            Unit(
                "x",
                "compound",
                text("name"),
                attributes={"a": text("hello")},
                identifiers=[
                    Identifier(text("sc"), text("430304001001")),
                    Identifier("", text("r")),
                ],
            )
        ],
        people=[Person("p", text("Li"))],
        metadata=Metadata(title=text("t"), source=(text("s1"), text("s2"))),
    )


@pytest.mark.parametrize("numpy", [False, True], ids=["subclass", "numpy"])
def test_org_turtle_string_of_a_subclass_of_str_is_one_literal(numpy: bool) -> None:
    # Turtle wrote it as a list of its characters (rdfs:label "n", "a", "m", "e"), or
    # failed on one in a list (dcterms:source): JSON-LD and to_org wrote the string
    text: Any = _Text
    if numpy:
        text = pytest.importorskip("numpy").str_
    s = _texts_of_a_subclass(text)
    graph = _same_graph(s)
    x = rdflib.URIRef("https://w3id.org/govmodel/id/x")
    assert [str(o) for o in graph.objects(x, rdflib.RDFS.label)] == ["name"]
    assert [str(o) for o in graph.objects(x, rdflib.URIRef(ATTRIBUTE + "a"))] == ["hello"]
    sources = graph.objects(None, rdflib.URIRef("http://purl.org/dc/terms/source"))
    assert sorted(map(str, sources)) == ["s1", "s2"]


# -- every concept named is described ---------------------------------------------------------


def test_org_indicator_a_described_one_is_part_of_is_described_too() -> None:
    # cases_resolved_in_grid is part of cases_resolved, part of cases_reported: gm:partOf
    # named the two without a word of them (no skos:Concept, scheme or label)
    from govmodel.spec import Observation

    s = Structure(
        units=[Unit("u", "compound")],
        observations=[Observation("o", "u", "cases_resolved_in_grid", 3)],
    )
    graph = _same_graph(s)
    skos = rdflib.SKOS
    vocab = "https://w3id.org/govmodel/vocab/"
    named = {o for o in graph.objects() if str(o).startswith(vocab + "indicators/")}
    assert {str(o)[len(vocab) :] for o in named} == {
        "indicators/cases_resolved_in_grid",
        "indicators/cases_resolved",
        "indicators/cases_reported",
    }
    for concept in named:
        assert (concept, rdflib.RDF.type, skos.Concept) in graph
        assert any(graph.objects(concept, skos.prefLabel))
        assert (concept, skos.inScheme, rdflib.URIRef(vocab + "indicators")) in graph


# -- Popolo: the ids of posts, many pairs of one id --------------------------------------------


def _one_post_id(m: int) -> Structure:
    """``m`` (organization, role) pairs whose Popolo post ids ``"{organization}#{role}"`` are
    one: ``"a" + "#" * (m + 1) + "r"``."""
    return Structure(
        organizations=[Organization("a" + "#" * i, "owners_committee") for i in range(m)],
        people=[Person("p")],
        posts=[Post(f"p{i}", "p", "a" + "#" * i, "#" * (m - i) + "r") for i in range(m)],
    )


def _own_post_ids(m: int) -> Structure:
    """As many pairs, of ids as long, each of its own post id."""
    return Structure(
        organizations=[Organization("a" + "#" * i, "owners_committee") for i in range(m)],
        people=[Person("p")],
        posts=[Post(f"p{i}", "p", "a" + "#" * i, "r" * (m - i)) for i in range(m)],
    )


def test_popolo_pairs_of_one_post_id_are_numbered_in_order() -> None:
    # (the roles are no terms: such pairs need an organization's id and a role to hold
    # "#", which a role, snake_case, does not; the writers write what they are given)
    from govmodel.io.popolo import to_popolo

    doc = to_popolo(_one_post_id(4))
    base = "a#####r"
    assert [p["id"] for p in doc["posts"]] == [base, base + "#2", base + "#3", base + "#4"]
    posts = {p["id"]: (p["organization_id"], p["role"]) for p in doc["posts"]}
    for m in doc["memberships"]:
        assert posts[m["post_id"]] == (m["organization_id"], m["role"])


@pytest.mark.timing
def test_popolo_pairs_of_one_post_id_cost_what_pairs_of_their_own_do() -> None:
    # each pair tried every suffix the pairs before it took: 8 times the time of pairs of
    # their own ids at 1,000 pairs, 13 times at 2,000
    from govmodel.io.popolo import export_popolo
    from govmodel.testing.linear import best_time

    shared, own = _one_post_id(1000), _own_post_ids(1000)
    ratio = best_time(lambda: export_popolo(shared)) / best_time(lambda: export_popolo(own))
    assert ratio < 3, ratio


def test_popolo_membership_in_another_organization_than_its_post_is_reported() -> None:
    # the post's organization was dropped without a word
    from govmodel.errors import Problem
    from govmodel.io.popolo import from_popolo

    doc = {
        "persons": [{"id": "p"}],
        "organizations": [
            {"id": "o1", "classification": "owners_committee"},
            {"id": "o2", "classification": "owners_committee"},
        ],
        "posts": [{"id": "x", "organization_id": "o2", "role": "chair"}],
        "memberships": [
            {"id": "m", "person_id": "p", "organization_id": "o1", "post_id": "x"},
            {"id": "m2", "person_id": "p", "post_id": "x"},
            {"id": "m3", "person_id": "p", "organization_id": "o2", "post_id": "x"},
        ],
    }
    report: list[Problem] = []
    s = from_popolo(doc, report=report)
    assert [(p.organization, p.role) for p in s.posts] == [
        ("o1", "chair"),
        ("o2", "chair"),
        ("o2", "chair"),
    ]
    conflicts = [(p.code, p.path) for p in report if p.code == "conflicting-field"]
    assert conflicts == [("conflicting-field", "$.posts[0].organization_id")]
    assert "membership 'm' is in organization 'o1'" in next(
        p.message for p in report if p.code == "conflicting-field"
    )


def test_popolo_membership_of_another_role_than_its_post_is_reported() -> None:
    # the post's role was dropped without a word; the same role in other words is none
    from govmodel.errors import Problem
    from govmodel.io.popolo import from_popolo

    doc = {
        "persons": [{"id": "p"}],
        "organizations": [{"id": "o", "classification": "owners_committee"}],
        "posts": [{"id": "x", "organization_id": "o", "role": "chair"}],
        "memberships": [
            {"id": "m", "person_id": "p", "post_id": "x", "role": "secretary"},
            {"id": "m2", "person_id": "p", "post_id": "x", "role": "Chair"},
            {"id": "m3", "person_id": "p", "post_id": "x", "role": "主任"},
            {"id": "m4", "person_id": "p", "post_id": "x"},
        ],
    }
    report: list[Problem] = []
    s = from_popolo(doc, report=report)
    assert [p.role for p in s.posts] == ["secretary", "chair", "chair", "chair"]
    conflicts = [p for p in report if p.code == "conflicting-field"]
    assert [p.path for p in conflicts] == ["$.posts[0].role"]
    assert "membership 'm' has the role 'secretary'" in conflicts[0].message
    assert not s.vocabulary  # nothing declared by the comparison


def test_popolo_count_of_no_value_is_reported_and_takes_no_place() -> None:
    # a count of no value (Popolo requires one) was read silently, as an empty tally, and
    # took its option's place: the count of yes that followed it was dropped
    from govmodel.errors import Problem
    from govmodel.io.popolo import from_popolo

    def read(counts: list[dict[str, Any]]) -> tuple[Any, list[tuple[str, str]]]:
        doc = {
            "organizations": [{"id": "o", "classification": "owners_committee"}],
            "vote_events": [{"id": "v", "organization_id": "o", "counts": counts}],
        }
        report: list[Problem] = []
        s = from_popolo(doc, report=report)
        return s.decisions[0].count, [(p.code, p.path) for p in report]

    count, report = read([{"option": "yes"}, {"option": "yes", "value": 5}])
    assert (count.yes, count.no) == (5, None)
    assert report == [("ignored-object", "$.vote_events[0].counts[0]")]
    count, report = read([{"option": "no", "value": None}])
    assert count is None
    assert report == [("ignored-object", "$.vote_events[0].counts[0]")]
