"""Dated units and organizations in the ORG and Popolo exports, read back independently, and
the streaming writers (atomic, linear, holding one chunk at a time).

The ORG exports are read with rdflib and asked by SPARQL; the Popolo export is checked with
jsonschema against the official Popolo schemas where they are present.
"""

from __future__ import annotations

import json
import os
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import govmodel
from govmodel.errors import SpecError
from govmodel.io import org, popolo
from govmodel.spec import Metadata, Organization, Person, Post, Structure, Unit
from govmodel.testing import strategies as gst
from govmodel.testing.linear import assert_linear
from tests.io import canonical, popolo_folder

rdflib = pytest.importorskip("rdflib")
from rdflib.compare import isomorphic  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

PREFIXES = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX gm: <https://w3id.org/govmodel/ns#>
"""
BASE = "https://example.org/merger/"


def merger() -> Structure:
    """Two communities merged into one on 2026-01-01 (社区撤并), their residents' committees
    with them; a property company dissolved in 2024-06; a committee formed in 2019."""
    return Structure(
        units=[
            Unit("st", "street", "Street"),
            Unit("cA", "community", "East", parent="st", end="2025-12-31", replaced_by="cC"),
            Unit("cB", "community", "West", parent="st", end="2025-12-31", replaced_by="cC"),
            Unit("cC", "community", "East-West", parent="st", start="2026-01-01",
                 formed_from=("cA", "cB")),
        ],
        organizations=[
            Organization("rA", "residents_committee", "East RC", unit="cA", start="2019",
                         end="2025-12-31", replaced_by="rC"),
            Organization("rB", "residents_committee", "West RC", unit="cB", end="2025-12-31",
                         replaced_by="rC"),
            Organization("rC", "residents_committee", "East-West RC", unit="cC",
                         start="2026-01-01", formed_from=("rA", "rB")),
            Organization("pc", "property_company", "Old PC", unit="cA", end="2024-06"),
            Organization("oc", "owners_committee", "OC", unit="cC"),
        ],
        people=[Person("p1", "Li")],
        posts=[Post("po1", "p1", "rC", "chair", start="2026-01")],
        metadata=Metadata(name="merger"),
    )  # fmt: skip


def _graph(s: Structure, fmt: str) -> Any:
    if fmt == "graph":
        return org.to_org(s, base=BASE)
    if fmt == "turtle":
        return rdflib.Graph().parse(data=org.export_org_turtle(s, base=BASE), format="turtle")
    return rdflib.Graph().parse(data=org.export_org_jsonld(s, base=BASE), format="json-ld")


def _rows(g: Any, query: str) -> set[tuple[str | None, ...]]:
    return {tuple(None if x is None else str(x) for x in row) for row in g.query(PREFIXES + query)}


def _expected_events(s: Structure) -> set[tuple[str | None, ...]]:
    """(original, resulting, exact date, day-time) of every change the structure records."""
    out: set[tuple[str | None, ...]] = set()

    def at(date: str | None) -> tuple[str | None, str | None]:
        full = date is not None and len(date) == 10
        return date, f"{date}T00:00:00+08:00" if full else None

    for o in s.organizations:
        for x in o.formed_from:
            out.add((BASE + x, BASE + o.id, *at(o.start)))
        if not o.formed_from and o.start is not None:
            out.add((None, BASE + o.id, *at(o.start)))
        if o.replaced_by is not None or o.end is not None:
            out.add((BASE + o.id, o.replaced_by and BASE + o.replaced_by, *at(o.end)))
    return out


EVENTS = """
SELECT ?original ?resulting ?date ?time WHERE {
    ?event a org:ChangeEvent .
    OPTIONAL { ?event org:originalOrganization ?original }
    OPTIONAL { ?event org:resultingOrganization ?resulting }
    OPTIONAL { ?event dcterms:date ?date }
    OPTIONAL { ?event prov:startedAtTime ?time }
}"""


@pytest.mark.parametrize("fmt", ["graph", "turtle", "json-ld"])
def test_change_events_answer_sparql(fmt: str) -> None:
    s = merger()
    g = _graph(s, fmt)
    assert _rows(g, EVENTS) == _expected_events(s)
    # the merger, from the new committee's side, as ORG links it
    merged = _rows(
        g,
        """SELECT ?old ?time WHERE {
            ?new org:resultedFrom ?e . ?e org:originalOrganization ?old ;
                 prov:startedAtTime ?time .
            FILTER(datatype(?time) = <http://www.w3.org/2001/XMLSchema#dateTime>)
        }""",
    )
    assert merged == {
        (BASE + "rA", "2026-01-01T00:00:00+08:00"),
        (BASE + "rB", "2026-01-01T00:00:00+08:00"),
    }
    # dissolved without a successor: an event with no resulting organization
    dissolved = _rows(
        g,
        """SELECT ?o ?d WHERE {
            ?o org:changedBy ?e . ?e dcterms:date ?d .
            FILTER NOT EXISTS { ?e org:resultingOrganization ?any }
        }""",
    )
    assert dissolved == {(BASE + "pc", "2024-06")}


@pytest.mark.parametrize("fmt", ["graph", "turtle", "json-ld"])
def test_units_carry_their_days_and_succession(fmt: str) -> None:
    s = merger()
    g = _graph(s, fmt)
    days = _rows(
        g,
        """SELECT ?u ?start ?end WHERE {
            ?u a gm:Unit ; gm:existedDuring ?i .
            OPTIONAL { ?i time:hasBeginning/time:inXSDDate ?start }
            OPTIONAL { ?i time:hasEnd/time:inXSDDate ?end }
        }""",
    )
    assert days == {
        (BASE + u.id, u.start, u.end) for u in s.units if u.start is not None or u.end is not None
    }
    succession = _rows(g, "SELECT ?a ?b WHERE { ?a gm:formedFrom ?b }")
    assert succession == {
        (BASE + e.id, BASE + x) for e in (*s.units, *s.organizations) for x in e.formed_from
    }
    replaced = _rows(g, "SELECT ?a ?b WHERE { ?a gm:replacedBy ?b }")
    assert replaced == {
        (BASE + e.id, BASE + e.replaced_by)
        for e in (*s.units, *s.organizations)
        if e.replaced_by is not None
    }


@pytest.mark.parametrize("fmt", ["turtle", "json-ld"])
def test_the_govmodel_terms_of_history_are_declared(fmt: str) -> None:
    g = _graph(merger(), fmt)
    used = _rows(
        g,
        """SELECT DISTINCT ?p WHERE {
            ?s ?p ?o . FILTER(?p IN (gm:existedDuring, gm:formedFrom, gm:replacedBy))
        }""",
    )
    assert len(used) == 3
    declared = _rows(
        g,
        """SELECT ?p ?super WHERE {
            ?p a owl:ObjectProperty ; rdfs:label ?l ; rdfs:comment ?c .
            OPTIONAL { ?p rdfs:subPropertyOf ?super }
            FILTER(lang(?l) = "en")
        }""",
    )
    assert {(p,) for p, _ in declared} >= used
    assert ("https://w3id.org/govmodel/ns#replacedBy", "http://purl.org/dc/terms/isReplacedBy") in (
        declared
    )
    assert (
        "https://w3id.org/govmodel/ns#formedFrom",
        "http://www.w3.org/ns/prov#wasDerivedFrom",
    ) in (declared)


def test_as_of_drops_the_merged_committees_from_the_export() -> None:
    s = merger()
    before = org.to_org(s.as_of("2025-06-30"), base=BASE)
    after = org.to_org(s.as_of("2026-06-30"), base=BASE)
    rcs = """SELECT ?o WHERE {
        ?o org:classification <https://w3id.org/govmodel/vocab/organization_kinds/residents_committee>
    }"""
    assert _rows(before, rcs) == {(BASE + "rA",), (BASE + "rB",)}
    assert _rows(after, rcs) == {(BASE + "rC",)}


# -- Popolo ------------------------------------------------------------------------------------


def test_popolo_founding_and_dissolution_dates() -> None:
    s = merger()
    doc = popolo.to_popolo(s)
    orgs = {o["id"]: o for o in doc["organizations"]}
    for o in s.organizations:
        assert orgs[o.id].get("founding_date") == o.start
        assert orgs[o.id].get("dissolution_date") == o.end
        assert orgs[o.id].get("govmodel_formed_from", []) == list(o.formed_from)
        assert orgs[o.id].get("govmodel_replaced_by") == o.replaced_by
    areas = {a["id"]: a for a in doc["areas"]}
    for u in s.units:
        assert areas[u.id].get("govmodel_start") == u.start
        assert areas[u.id].get("govmodel_end") == u.end
        assert areas[u.id].get("govmodel_formed_from", []) == list(u.formed_from)
        assert areas[u.id].get("govmodel_replaced_by") == u.replaced_by
    back = popolo.import_popolo(popolo.export_popolo(s))
    assert canonical(back) == canonical(s)


FOLDER = popolo_folder()


@pytest.mark.skipif(FOLDER is None, reason="the Popolo standard (schemas) is not checked out")
def test_popolo_with_dates_validates_against_the_schemas() -> None:
    assert FOLDER is not None
    doc = json.loads(popolo.export_popolo(merger()))
    assert popolo.check_popolo(doc, FOLDER / "schemas") == []
    # the schemas do read the dates: a date that is not one is refused
    doc["organizations"][0]["founding_date"] = "2019/01"
    problems = popolo.check_popolo(doc, FOLDER / "schemas")
    assert [p.path for p in problems] == ["$.organizations[0].founding_date"]


# -- the streaming writers ---------------------------------------------------------------------


def _wide(n: int) -> Structure:
    """n compounds, each with a dated committee, a member and a post."""
    units = [Unit("c", "community", "C")]
    orgs, people, posts = [], [], []
    for i in range(n):
        units.append(Unit(f"x{i}", "compound", f"小区 {i}", parent="c", start="2001"))
        orgs.append(
            Organization(f"o{i}", "owners_committee", f"业委会 {i}", unit=f"x{i}", start="2020-05")
        )
        people.append(Person(f"p{i}", f"名 {i}"))
        posts.append(Post(f"po{i}", f"p{i}", f"o{i}", "chair", start="2020-05-01"))
    return Structure(
        units=units, organizations=orgs, people=people, posts=posts, metadata=Metadata(name="w")
    )


WRITERS = {
    "org-turtle": org.export_org_turtle,
    "org-jsonld": org.export_org_jsonld,
    "popolo": popolo.export_popolo,
}


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_writing_to_a_file_holds_one_chunk_not_the_document(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # small chunks, so that a small structure makes many of them
    monkeypatch.setattr(org, "_CHUNK", 256)
    monkeypatch.setattr(org, "_BATCH", 32)
    monkeypatch.setattr(popolo, "_CHUNK", 256)
    target = tmp_path / "out"

    def measure(n: int) -> tuple[int, int]:
        s = _wide(n)
        WRITERS[fmt](s, target)  # warm up (imports, caches)
        tracemalloc.start()
        try:
            WRITERS[fmt](s, target)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert target.read_text(encoding="utf-8") == WRITERS[fmt](s)
        return peak, target.stat().st_size

    peak, size = measure(1000)
    peak4, size4 = measure(4000)
    assert size4 - size > 1_500_000
    # what the peak grows by is the ids of the organizations and posts, not the document:
    # the whole document as objects, or as text, would take more than the file
    assert peak4 - peak < (size4 - size) / 2, f"peaks {peak}, {peak4} B; files {size}, {size4} B"


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_an_error_while_writing_leaves_the_file_as_it_was(fmt: str, tmp_path: Path) -> None:
    good = _wide(10)
    target = tmp_path / "out"
    WRITERS[fmt](good, target)
    before = target.read_bytes()
    # a lone surrogate (no UTF-8 form) in the last person: found after many chunks
    bad = _wide(20000)
    people = list(bad.people)
    people[-1] = Person(people[-1].id, "\ud800")
    bad = Structure(
        units=bad.units,
        organizations=bad.organizations,
        people=people,
        posts=bad.posts,
        metadata=bad.metadata,
    )
    with pytest.raises(SpecError) as info:
        WRITERS[fmt](bad, target)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("invalid-string", "$.people[19999].name")
    ]
    assert target.read_bytes() == before
    assert os.listdir(tmp_path) == ["out"]


def _chain(n: int) -> Structure:
    orgs = [
        Organization(
            f"o{i}",
            "community_party_committee",
            f"o{i}",
            parent=f"o{i - 1}" if i else None,
            start="2020-01-01",
            formed_from=(f"o{i - 1}",) if i else (),
        )
        for i in range(n)
    ]
    return Structure(organizations=orgs, metadata=Metadata(name="chain"))


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_streaming_a_dated_chain_to_a_file_is_linear(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / "out"
    assert_linear(_chain, lambda s: WRITERS[fmt](s, target), 1000 if fmt == "popolo" else 400)


@settings(max_examples=25, deadline=None)
@given(gst.structures())
def test_turtle_and_json_ld_are_the_graph_of_generated_structures(s: Structure) -> None:
    g = org.to_org(s)
    turtle = rdflib.Graph().parse(data=org.export_org_turtle(s), format="turtle")
    jsonld = rdflib.Graph().parse(data=org.export_org_jsonld(s), format="json-ld")
    assert len(g) == len(turtle) == len(jsonld)
    assert isomorphic(g, turtle)
    assert isomorphic(g, jsonld)


def test_the_bundled_datasets_write_the_same_text_to_a_file(tmp_path: Path) -> None:
    for name in govmodel.datasets.names():
        s = govmodel.datasets.load(name)
        for fmt, write in WRITERS.items():
            target = tmp_path / f"{name}.{fmt}"
            assert write(s, target) == ""
            assert target.read_text(encoding="utf-8") == write(s), (name, fmt)
