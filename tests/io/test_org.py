"""Tests of govmodel.io.org: the W3C Organization Ontology export, read back with rdflib."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

import govmodel
from govmodel.errors import MissingDependencyError
from govmodel.io.org import (
    DEFAULT_BASE,
    EXPORTERS,
    IMPORTERS,
    VOCAB,
    export_org_jsonld,
    export_org_turtle,
    to_org,
)
from govmodel.spec import Metadata, Organization, Person, Post, Structure, Unit
from tests.io import full_structure

rdflib = pytest.importorskip("rdflib")
from rdflib.compare import isomorphic  # noqa: E402

# rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

NAMES = govmodel.datasets.names()
PREFIXES = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX gm: <https://w3id.org/govmodel/ns#>
PREFIX gmrel: <https://w3id.org/govmodel/ns/relation#>
PREFIX kind: <https://w3id.org/govmodel/vocab/organization_kinds/>
PREFIX role: <https://w3id.org/govmodel/vocab/roles/>
"""


def _structures() -> list[Structure]:
    return [full_structure(), *(govmodel.datasets.load(n) for n in NAMES)]


def _parsed(s: Structure, fmt: str) -> Any:
    if fmt == "turtle":
        return rdflib.Graph().parse(data=export_org_turtle(s), format="turtle")
    return rdflib.Graph().parse(data=export_org_jsonld(s), format="json-ld")


def _rows(g: Any, query: str) -> set[tuple[str, ...]]:
    return {tuple(str(x) for x in row) for row in g.query(PREFIXES + query)}


def _iri(s: Structure, ident: str) -> str:
    from urllib.parse import quote

    return f"{DEFAULT_BASE}{quote(s.metadata.name, safe='')}/{quote(ident, safe='')}"


@pytest.mark.parametrize("structure", _structures(), ids=lambda s: s.metadata.name)
def test_turtle_and_json_ld_parse_back_to_the_same_graph(structure: Structure) -> None:
    direct = to_org(structure)
    turtle = _parsed(structure, "turtle")
    jsonld = _parsed(structure, "json-ld")
    assert len(direct) == len(turtle) == len(jsonld) > 0
    assert isomorphic(direct, turtle)
    assert isomorphic(direct, jsonld)


def test_json_ld_carries_its_context() -> None:
    doc = json.loads(export_org_jsonld(full_structure()))
    assert doc["@context"]["org"] == "http://www.w3.org/ns/org#"
    assert doc["@context"]["id"] == DEFAULT_BASE + "full/"


@pytest.mark.parametrize("structure", _structures(), ids=lambda s: s.metadata.name)
def test_json_ld_writes_one_compact_node_object_a_line(structure: Structure) -> None:
    text = export_org_jsonld(structure)
    head, graph = text.split('\n  "@graph": [\n', 1)
    # the context is indented, one prefix a line
    assert head.startswith('{\n  "@context": {\n    "org": "http://www.w3.org/ns/org#",\n')
    assert graph.endswith("\n  ]\n}\n")
    lines = graph[: -len("\n  ]\n}\n")].split("\n")
    nodes = json.loads(text)["@graph"]
    assert len(lines) == len(nodes) > 1
    for i, (line, node) in enumerate(zip(lines, nodes, strict=True)):
        assert line.startswith("    {")
        item = line[4:-1] if i < len(lines) - 1 else line[4:]
        assert line.endswith(",") or i == len(lines) - 1
        assert json.loads(item) == node
        assert item == json.dumps(node, ensure_ascii=False, separators=(",", ":"))


def test_json_ld_without_orjson_is_the_same_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import govmodel.io.org as org

    for s in _structures():
        expected = export_org_jsonld(s)
        with monkeypatch.context() as m:
            m.setattr(org, "_orjson", lambda: None)
            assert export_org_jsonld(s) == expected, s.metadata.name


@pytest.mark.parametrize("fmt", ["turtle", "json-ld"])
@pytest.mark.parametrize("structure", _structures(), ids=lambda s: s.metadata.name)
def test_who_heads_which_organization(structure: Structure, fmt: str) -> None:
    g = _parsed(structure, fmt)
    found = _rows(g, "SELECT ?p ?o WHERE { ?p org:headOf ?o }")
    vocab = structure.vocab
    expected = {
        (_iri(structure, p.person), _iri(structure, p.organization))
        for p in structure.posts
        if p.end is None and vocab.term("roles", p.role).head
    }
    assert found == expected


def test_heads_of_branches_by_sparql() -> None:
    s = full_structure()
    g = _parsed(s, "turtle")
    rows = _rows(
        g,
        """SELECT ?name ?branch WHERE {
            ?branch org:classification kind:compound_party_branch .
            ?p org:headOf ?branch ; foaf:name ?name .
        }""",
    )
    assert rows == {("Wang Fang", _iri(s, "pb1"))}
    # a chair whose post ended is not head any more; the history stays in memberships
    ended = _rows(
        g,
        """SELECT ?start ?end WHERE {
            ?m a org:Membership ; org:member ?p ; org:organization ?o ; org:role role:chair ;
               org:memberDuring [ time:hasBeginning [ time:inXSDgYearMonth ?start ] ;
                                  time:hasEnd [ time:inXSDDate ?end ] ] .
            ?o org:classification kind:owners_committee .
            FILTER NOT EXISTS { ?p org:headOf ?o }
        }""",
    )
    assert ended == {("2020-06", "2023-06-30")}


def _yuetang() -> Structure:
    if "yuetang" in NAMES:
        return govmodel.datasets.load("yuetang")
    return full_structure()  # pragma: no cover - until the dataset exists


@pytest.mark.parametrize("fmt", ["turtle", "json-ld"])
def test_every_compound_branch_is_under_its_street_committee(fmt: str) -> None:
    s = _yuetang()
    g = _parsed(s, fmt)
    branches = _rows(
        g,
        "SELECT ?b WHERE { ?b org:classification ?k . "
        "VALUES ?k { kind:compound_party_branch kind:property_party_branch } }",
    )
    assert branches  # the dataset has compound branches
    under = _rows(
        g,
        """SELECT ?b WHERE {
            VALUES ?k { kind:compound_party_branch kind:property_party_branch }
            ?b org:classification ?k ; org:hasSite ?site .
            ?w org:classification kind:street_party_working_committee ; org:hasSite ?street .
            ?site gm:within+ ?street .
            ?b org:transitiveSubOrganizationOf ?w .
        }""",
    )
    assert under == branches
    # the closure is written out: no property paths are needed to climb the hierarchy
    missing = _rows(
        g,
        """SELECT ?a ?c WHERE {
            ?a org:subOrganizationOf+ ?c .
            FILTER NOT EXISTS { ?a org:transitiveSubOrganizationOf ?c }
        }""",
    )
    assert missing == set()


@pytest.mark.parametrize("structure", _structures(), ids=lambda s: s.metadata.name)
def test_transitive_closure_matches_the_leadership_chains(structure: Structure) -> None:
    g = to_org(structure)
    found = _rows(g, "SELECT ?a ?c WHERE { ?a org:transitiveSubOrganizationOf ?c }")
    parent = {o.id: o.parent for o in structure.organizations}
    expected = set()
    for o in structure.organizations:
        up, seen = o.parent, {o.id}
        while up is not None and up not in seen:
            expected.add((_iri(structure, o.id), _iri(structure, up)))
            seen.add(up)
            up = parent.get(up)
    assert found == expected


@pytest.mark.parametrize("structure", _structures(), ids=lambda s: s.metadata.name)
def test_labels_in_english_and_chinese(structure: Structure) -> None:
    g = to_org(structure)
    concepts = _rows(
        g,
        "SELECT DISTINCT ?c WHERE { { ?o org:classification ?c } UNION { ?m org:role ?c } }",
    )
    assert concepts
    for lang in ("en", "zh"):
        labelled = _rows(
            g,
            f"""SELECT DISTINCT ?c WHERE {{
                {{ ?o org:classification ?c }} UNION {{ ?m org:role ?c }}
                ?c skos:prefLabel ?l . FILTER(lang(?l) = "{lang}")
            }}""",
        )
        declared_without_zh = {f"{VOCAB}{t.category}/{t.name}" for t in structure.vocab if not t.zh}
        assert labelled | (declared_without_zh if lang == "zh" else set()) >= concepts
    roles = _rows(g, "SELECT ?r WHERE { ?r a org:Role ; a skos:Concept ; skos:inScheme ?s }")
    assert roles


def test_shapes_of_the_full_structure() -> None:
    s = full_structure()
    g = to_org(s)
    iri = lambda i: _iri(s, i)  # noqa: E731
    types = _rows(g, "SELECT ?x ?t WHERE { ?x a ?t }")
    assert (iri("pb1"), "http://www.w3.org/ns/org#OrganizationalUnit") in types
    assert (iri("rc"), "http://www.w3.org/ns/org#FormalOrganization") in types
    assert (iri("pc1"), "http://www.w3.org/ns/org#FormalOrganization") in types
    assert (iri("x1"), "http://www.w3.org/ns/org#Site") in types
    assert (iri("p1"), "http://xmlns.com/foaf/0.1/Person") in types
    assert (iri("po1"), "http://www.w3.org/ns/org#Membership") in types
    # party units of party organizations; the residents' committee is led, not a unit
    units = _rows(g, "SELECT ?a ?b WHERE { ?a org:unitOf ?b . ?b org:hasUnit ?a }")
    assert (iri("pb1"), iri("cpc")) in units
    assert (iri("rc"), iri("cpc")) not in units
    assert (iri("rc"), iri("cpc")) in _rows(
        g, "SELECT ?a ?b WHERE { ?a org:subOrganizationOf ?b . ?b org:hasSubOrganization ?a }"
    )
    # dates as precise as given
    dates = _rows(
        g,
        """SELECT ?m ?p ?v WHERE {
            ?m org:memberDuring/time:hasBeginning ?i . ?i ?p ?v .
            FILTER(?p IN (time:inXSDgYear, time:inXSDgYearMonth, time:inXSDDate))
        }""",
    )
    assert (iri("po1"), "http://www.w3.org/2006/time#inXSDgYear", "2019") in dates
    assert (iri("po3"), "http://www.w3.org/2006/time#inXSDDate", "2018-01-15") in dates
    assert (iri("po7"), "http://www.w3.org/2006/time#inXSDgYearMonth", "2015-03") in dates
    # sites, containment, ties
    assert (iri("pb1"), iri("x1")) in _rows(g, "SELECT ?o ?u WHERE { ?o org:hasSite ?u }")
    assert (iri("x1"), iri("c1")) in _rows(g, "SELECT ?a ?b WHERE { ?a gm:within ?b }")
    assert _rows(g, "SELECT ?a ?b WHERE { ?a org:linkedTo ?b }") == {
        (iri("oc1"), iri("pc1")),
        (iri("rc"), iri("pc1")),
    }
    assert (iri("p4"), iri("h1")) in _rows(g, "SELECT ?a ?b WHERE { ?a gmrel:responsible_for ?b }")
    held = _rows(g, "SELECT ?p ?post WHERE { ?p org:holds ?post . ?post org:postIn ?o }")
    assert (iri("p1"), iri("pb1") + "/post/secretary") in held
    # identifiers typed by their scheme
    notes = _rows(g, "SELECT ?u ?n (datatype(?n) AS ?d) WHERE { ?u skos:notation ?n }")
    assert (
        iri("c1"),
        "430304001001",
        "https://w3id.org/govmodel/scheme/cn-stats-division",
    ) in notes


def test_ids_are_percent_encoded_and_the_base_is_configurable() -> None:
    s = Structure(
        units=[Unit("小区 1/A", "compound", "Lakeside")],
        organizations=[Organization("pb#1", "compound_party_branch", unit="小区 1/A")],
        people=[Person("p?1", "Li")],
        posts=[Post("post 1", "p?1", "pb#1", "secretary")],
    )
    g = to_org(s, base="https://example.org/data/")
    subjects = {str(x) for x in g.subjects()}
    assert "https://example.org/data/%E5%B0%8F%E5%8C%BA%201%2FA" in subjects
    assert "https://example.org/data/pb%231" in subjects
    assert "https://example.org/data/p%3F1" in subjects
    assert "https://example.org/data/post%201" in subjects
    # an unnamed structure uses the bare default base
    assert any(x.startswith(DEFAULT_BASE + "pb%231") for x in map(str, to_org(s).subjects()))
    # and the text forms parse back
    rdflib.Graph().parse(data=export_org_turtle(s), format="turtle")
    rdflib.Graph().parse(data=export_org_jsonld(s), format="json-ld")


def test_registries_and_paths(tmp_path: Path) -> None:
    s = full_structure()
    assert set(EXPORTERS) == {"org-jsonld", "org-turtle"}
    assert IMPORTERS == {}
    for fn in EXPORTERS.values():
        text = fn(s)
        assert isinstance(text, str)
        assert text.strip()
    # with a path the text is streamed to the file, not returned
    target = tmp_path / "s.ttl"
    assert export_org_turtle(s, target) == ""
    assert target.read_text(encoding="utf-8") == export_org_turtle(s)
    target = tmp_path / "s.jsonld"
    assert export_org_jsonld(s, target) == ""
    assert target.read_text(encoding="utf-8") == export_org_jsonld(s)


def test_missing_rdflib_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rdflib", None)
    with pytest.raises(MissingDependencyError, match=r"govmodel\[rdf\]"):
        to_org(full_structure())


# -- exact numbers, linear chains -------------------------------------------------------------

AWKWARD_FLOATS = [
    0.1,
    1 / 3,
    -0.0,
    1e308,
    -1e308,
    5e-324,
    2.2250738585072014e-308,
    2.225073858507201e-308,
    123456789.12345679,
    1.0,
    2.0**53 + 2,
]
AWKWARD_INTS = [0, -1, 2**53 + 1, 2**63 - 1, 2**63, 2**63 + 1, 2**64, -(2**64), 10**30]


def _numbers_structure() -> Structure:
    attrs: dict[str, Any] = {f"f{i}": v for i, v in enumerate(AWKWARD_FLOATS)}
    attrs |= {f"i{i}": v for i, v in enumerate(AWKWARD_INTS)}
    attrs |= {"yes": True, "one": 1, "one_float": 1.0}
    return Structure(
        units=[Unit("u", "community", "u", attributes=attrs)], metadata=Metadata(name="numbers")
    )


def _attribute_literals(g: Any) -> dict[str, Any]:
    from govmodel.io.org import ATTRIBUTE_NS

    out = {}
    for p, o in g.predicate_objects(rdflib.URIRef(_iri(_numbers_structure(), "u"))):
        if str(p).startswith(ATTRIBUTE_NS):
            out[str(p)[len(ATTRIBUTE_NS) :]] = o
    return out


@pytest.mark.parametrize("fmt", ["turtle", "json-ld"])
def test_numbers_are_written_exactly(fmt: str) -> None:
    s = _numbers_structure()
    found = _attribute_literals(_parsed(s, fmt))
    xsd = rdflib.XSD
    for key, value in s.units[0].attributes.items():
        lit = found[key]
        if isinstance(value, bool):
            assert lit.datatype == xsd.boolean
            assert lit.toPython() is value
        elif isinstance(value, int):
            assert lit.datatype == xsd.integer, key
            assert int(str(lit)) == value, key
        else:
            assert lit.datatype == xsd.double, key
            back = float(str(lit))
            assert repr(back) == repr(value), key  # the sign of -0.0 too
            assert str(lit) == repr(value)  # the shortest form that reads back


def test_json_ld_writes_typed_literals_not_bare_numbers() -> None:
    doc = json.loads(export_org_jsonld(_numbers_structure()))
    text = json.dumps(doc)
    assert '{"@value": "18446744073709551616", "@type": "xsd:integer"}' in text
    assert '{"@value": "1.0", "@type": "xsd:double"}' in text
    assert '{"@value": "-0.0", "@type": "xsd:double"}' in text
    assert '{"@value": "true", "@type": "xsd:boolean"}' in text

    def numbers(v: Any) -> list[Any]:
        if isinstance(v, dict):
            return [x for w in v.values() for x in numbers(w)]
        if isinstance(v, list):
            return [x for w in v for x in numbers(w)]
        return [v] if isinstance(v, int | float) else []

    assert numbers(doc) == []


def test_turtle_writes_doubles_with_every_digit() -> None:
    text = export_org_turtle(_numbers_structure())
    assert '"0.3333333333333333"^^xsd:double' in text
    assert '"5e-324"^^xsd:double' in text
    assert "3.333333e-01" not in text


def _chain(n: int) -> Structure:
    orgs = [
        Organization(
            f"o{i}", "community_party_committee", f"o{i}", parent=f"o{i - 1}" if i else None
        )
        for i in range(n)
    ]
    return Structure(organizations=orgs, metadata=Metadata(name="chain"))


def test_the_closure_of_a_long_chain_lists_the_nearest_leaders_only() -> None:
    from govmodel.io.org import CLOSURE_DEPTH

    n = 200
    s = _chain(n)
    g = to_org(s)
    found = _rows(g, "SELECT ?a ?c WHERE { ?a org:transitiveSubOrganizationOf ?c }")
    expected = {
        (_iri(s, f"o{i}"), _iri(s, f"o{j}"))
        for i in range(n)
        for j in range(max(0, i - CLOSURE_DEPTH), i)
    }
    assert found == expected
    assert len(found) < CLOSURE_DEPTH * n  # linear, where the full closure has n(n-1)/2
    # the path climbs the whole chain
    top = _rows(
        g,
        f"SELECT ?c WHERE {{ <{_iri(s, f'o{n - 1}')}> org:transitiveSubOrganizationOf+ ?c }}",
    )
    assert len(top) == n - 1


@pytest.mark.parametrize("fmt", ["graph", "turtle", "json-ld"])
def test_terms_of_office_mobility_and_proxies_by_sparql(fmt: str) -> None:
    s = full_structure()
    g = to_org(s) if fmt == "graph" else _parsed(s, fmt)
    xsd = "http://www.w3.org/2001/XMLSchema#"
    precision = {4: "gYear", 7: "gYearMonth", 10: "date"}
    terms = _rows(
        g,
        """SELECT ?org ?start ?type ?years ?ytype WHERE {
            ?org a org:Organization ; gm:termStart ?start .
            BIND (STR(DATATYPE(?start)) AS ?type)
            OPTIONAL { ?org gm:termYears ?years . BIND (STR(DATATYPE(?years)) AS ?ytype) }
        }""",
    )
    expected_terms = set()
    for o in s.organizations:
        if o.term_start is not None:
            row: tuple[str, ...] = (_iri(s, o.id), o.term_start)
            row += (xsd + precision[len(o.term_start)],)
            if o.term_years is not None:
                row += (str(o.term_years), xsd + "integer")
            expected_terms.add(row)
    assert len(expected_terms) == 2
    assert {r[:3] + tuple(x for x in r[3:] if x != "None") for r in terms} == expected_terms

    mobility = _rows(
        g,
        """SELECT ?person ?name ?en ?zh WHERE {
            ?person a foaf:Person ; gm:partyMobility ?concept .
            ?concept a skos:Concept ; skos:notation ?name ; skos:inScheme ?scheme .
            ?scheme a skos:ConceptScheme ; skos:prefLabel ?en, ?zh .
            FILTER (LANG(?en) = "en" && LANG(?zh) = "zh")
        }""",
    )
    assert mobility == {
        (_iri(s, p.id), p.mobility, "govmodel party mobilities", "党员流动")
        for p in s.people
        if p.mobility is not None
    }
    assert len(mobility) == 2

    proxies = _rows(
        g,
        """SELECT ?decision ?voter ?proxy WHERE {
            ?decision gm:vote ?vote .
            ?vote gm:voter ?voter ; gm:proxy ?proxy .
            ?proxy a foaf:Person .
        }""",
    )
    assert proxies == {
        (_iri(s, d.id), _iri(s, v.person), _iri(s, v.proxy))
        for d in s.decisions
        for v in d.votes
        if v.proxy is not None
    }
    assert len(proxies) == 2

    declared = _rows(
        g,
        """SELECT ?p ?type WHERE {
            VALUES ?p { gm:termStart gm:termYears gm:partyMobility gm:proxy }
            ?p a ?type ; rdfs:label ?label ; rdfs:comment ?comment .
            FILTER (LANG(?label) = "en")
        }""",
    )
    owl = "http://www.w3.org/2002/07/owl#"
    gm = "https://w3id.org/govmodel/ns#"
    assert declared == {
        (gm + "termStart", owl + "DatatypeProperty"),
        (gm + "termYears", owl + "DatatypeProperty"),
        (gm + "partyMobility", owl + "ObjectProperty"),
        (gm + "proxy", owl + "ObjectProperty"),
    }


def test_the_new_properties_are_declared_only_when_used() -> None:
    s = Structure(
        organizations=[Organization("rc", "residents_committee", term_start="2021")],
        people=[Person("p", party="active")],
    )
    g = to_org(s, base="https://example.org/")
    declared = _rows(
        g,
        """SELECT ?p WHERE {
            VALUES ?p { gm:termStart gm:termYears gm:partyMobility gm:proxy }
            ?p rdfs:label ?label .
        }""",
    )
    assert declared == {("https://w3id.org/govmodel/ns#termStart",)}
    schemes = _rows(g, "SELECT ?scheme WHERE { ?scheme a skos:ConceptScheme }")
    assert (VOCAB + "party_statuses",) in schemes
    assert (VOCAB + "party_mobilities",) not in schemes
    text = export_org_turtle(s, base="https://example.org/")
    assert 'gm:termStart "2021"^^xsd:gYear' in text
    assert "partyMobility" not in text
