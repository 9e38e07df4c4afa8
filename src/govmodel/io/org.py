"""The W3C Organization Ontology: a structure as RDF (JSON-LD and Turtle).

:func:`to_org` describes a structure with the `W3C Organization Ontology
<https://www.w3.org/TR/vocab-org/>`_ (ORG), SKOS for the vocabulary, OWL-Time for dates,
PROV for change events, FOAF for people and SOSA for observations, as an rdflib graph (the
``rdf`` extra: ``pip install 'govmodel[rdf]'``). :func:`export_org_jsonld` and
:func:`export_org_turtle` write the same triples without building the graph (and without
rdflib), a batch of entities at a time, straight to the file when given a path. The export
is one-way (govmodel's own format, Popolo and the graph formats are the lossless ones); the
full mapping table is in :doc:`/guide/interop`.

.. rubric:: IRIs

Entities are named ``{base}{id}``, the id percent-encoded (RFC 3986, UTF-8; only
``A-Z a-z 0-9 - . _ ~`` stay as they are). The default base is
``https://w3id.org/govmodel/id/{name}/``, ``{name}`` being the structure's
``metadata.name`` (percent-encoded; ``https://w3id.org/govmodel/id/`` when it has none), so
that two structures with the same ids do not merge when loaded into one store; pass
``base=`` to publish under your own domain. Resources that belong to an entity hang below
it: ``{entity}/during``, ``{entity}/start``, ``{entity}/end`` (time), ``{organization}/post/{role}``
(an ``org:Post``), ``{decision}/vote/{n}``. The vocabulary is shared by all structures:
concepts ``https://w3id.org/govmodel/vocab/{category}/{name}`` in concept schemes
``https://w3id.org/govmodel/vocab/{category}``; govmodel's own classes and properties are in
``https://w3id.org/govmodel/ns#`` (prefix ``gm``), tie relations in
``https://w3id.org/govmodel/ns/relation#`` (prefix ``gmrel``) and attributes in
``https://w3id.org/govmodel/ns/attribute#`` (prefix ``gmattr``).

.. rubric:: What is written

* units: ``gm:Unit`` and ``org:Site``, ``rdfs:label``, ``gm:kind`` (a SKOS concept), the
  containment ``gm:within`` (unit to the unit containing it; ``gm:contains`` the other way),
  identifiers as ``skos:notation`` typed by their scheme
  (``"430304001001"^^<https://w3id.org/govmodel/scheme/cn-stats-division>``);
* organizations: ``org:Organization``, plus ``org:OrganizationalUnit`` for party
  organizations (units of the Party, recognised within it) and ``org:FormalOrganization``
  for the other built-in sectors (self-governance, market, social, government);
  ``skos:prefLabel``, ``org:classification`` (a SKOS concept with ``skos:prefLabel`` in
  English ``@en`` and Chinese ``@zh``), ``org:subOrganizationOf`` / ``org:hasSubOrganization``
  for leadership (the organization's ``parent``), the transitive closure
  ``org:transitiveSubOrganizationOf`` written out (rdflib does not infer it) up to the
  16 nearest leaders of each organization, which is every chain of a real hierarchy
  entire while keeping the export linear in the structure's size (deeper chains are
  climbed with the SPARQL path ``org:transitiveSubOrganizationOf+``), ``org:unitOf`` /
  ``org:hasUnit`` between a party organization and the party organization leading it,
  ``org:hasSite`` / ``org:siteOf`` for the unit where it sits, ``org:identifier``; the
  term of office as ``gm:termStart`` (a date as precise as known, like ``dcterms:date``)
  and ``gm:termYears`` (``xsd:integer``);
* units and organizations with dates or a succession: ``gm:existedDuring`` (a
  ``time:Interval``), ``gm:formedFrom``, ``gm:replacedBy`` (declared in the export as
  sub-properties of ``prov:wasDerivedFrom`` and ``dcterms:isReplacedBy``); for organizations
  also ORG's change events, ``{id}/formed`` and ``{id}/ended``: ``org:ChangeEvent`` with
  ``org:originalOrganization``, ``org:resultingOrganization``, ``dcterms:description``,
  ``dcterms:date`` (as precise as the date) and, for a full day, ``prov:startedAtTime``
  (``"2026-01-01T00:00:00+08:00"^^xsd:dateTime``), linked by ``org:resultedFrom`` and
  ``org:changedBy``;
* people: ``foaf:Person``, ``foaf:name``, ``gm:partyStatus`` and ``gm:partyMobility``
  (SKOS concepts);
* posts: ``org:Membership`` with ``org:member``, ``org:organization``, ``org:role`` (an
  ``org:Role`` concept with labels) and ``org:memberDuring``, a ``time:Interval`` whose
  ``time:hasBeginning`` / ``time:hasEnd`` instants carry ``time:inXSDgYear``,
  ``time:inXSDgYearMonth`` or ``time:inXSDDate`` as precise as the date. For posts still
  held (no end date): ``org:memberOf``, an ``org:Post`` per organization and role
  (``org:postIn``, ``org:role``) that the person ``org:holds``, and ``org:headOf`` for the
  head roles (secretary, chair, manager: roles whose term has ``head``);
* ties: a ``gm:Tie`` (``gm:source``, ``gm:target``, ``gm:relation`` concept, ``gm:during``),
  the direct triple ``source gmrel:{relation} target`` and, between organizations,
  ``org:linkedTo``;
* observations: ``sosa:Observation`` (``sosa:hasFeatureOfInterest``,
  ``sosa:observedProperty``, ``sosa:hasSimpleResult``, ``sosa:phenomenonTime``,
  ``dcterms:source``);
* decisions: ``gm:Decision`` (``gm:body``, ``dcterms:title``, ``dcterms:date``,
  ``gm:requirement`` in words, ``gm:outcome``, ``gm:matter``, the tally as ``gm:yes`` … and ``gm:vote``
  resources with ``gm:voter``, ``gm:choice``, ``gm:floorArea`` and ``gm:proxy``, the person
  who cast the vote under a written proxy); the optional properties used
  (``gm:termStart``, ``gm:termYears``, ``gm:partyMobility``, ``gm:proxy``) are declared with
  labels and comments;
* attributes: ``gmattr:{key}`` with typed literals (``xsd:integer``, ``xsd:double``,
  ``xsd:boolean``, strings), or the concept for ``origin`` and ``management``;
  numbers are written exactly: an integer of any size as its digits, a float as the
  shortest text that reads back as the same double (Python's ``repr``: ``"0.1"``,
  ``"-0.0"``, ``"1e+308"``, ``"5e-324"``), typed ``xsd:double``. JSON-LD writes every typed
  literal as ``{"@value": "…", "@type": "xsd:…"}``, never as a bare JSON number, so
  that ``1`` and ``1.0`` stay apart and integers beyond 64 bits are kept whole;
* the structure itself: ``{base}`` a ``gm:Structure`` with ``dcterms:title``,
  ``dcterms:description``, ``dcterms:source`` …

Examples
--------
>>> import govmodel
>>> from govmodel.io.org import to_org
>>> g = to_org(govmodel.datasets.load("yuetang"))
>>> q = '''
... PREFIX org: <http://www.w3.org/ns/org#>
... SELECT (COUNT(*) AS ?n) WHERE { ?person org:headOf ?org }'''
>>> int(next(iter(g.query(q)))[0]) > 0
True
"""

from __future__ import annotations

import itertools
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from fractions import Fraction
from operator import attrgetter
from typing import Any, NoReturn
from urllib.parse import quote

import attrs

from govmodel._convert import gc_paused, plain
from govmodel.errors import GovModelError, require
from govmodel.io.native import _FIRST_PIECE, _PIECE, _orjson, _unwritable, _write_stream
from govmodel.spec import (
    Attributes,
    Decision,
    Observation,
    Organization,
    Person,
    Post,
    Structure,
    Tie,
    Unit,
    VotingRule,
)
from govmodel.validate import require_types
from govmodel.vocab import ATTRIBUTE_TERMS, Category, Vocabulary

__all__ = [
    "ATTRIBUTE_NS",
    "CLOSURE_DEPTH",
    "DEFAULT_BASE",
    "EXPORTERS",
    "IMPORTERS",
    "NS",
    "RELATION_NS",
    "SCHEME_NS",
    "VOCAB",
    "export_org_jsonld",
    "export_org_turtle",
    "to_org",
]

#: The default base of entity IRIs (followed by the structure's name and a slash).
DEFAULT_BASE = "https://w3id.org/govmodel/id/"
#: govmodel's own classes and properties.
NS = "https://w3id.org/govmodel/ns#"
#: Properties for the relations of ties (``gmrel:serves``).
RELATION_NS = "https://w3id.org/govmodel/ns/relation#"
#: Properties for attributes (``gmattr:households``).
ATTRIBUTE_NS = "https://w3id.org/govmodel/ns/attribute#"
#: The vocabulary as SKOS concept schemes: ``{VOCAB}{category}/{name}``.
VOCAB = "https://w3id.org/govmodel/vocab/"
#: Datatypes naming identifier schemes: ``{SCHEME_NS}{scheme}``.
SCHEME_NS = "https://w3id.org/govmodel/scheme/"

_ORG = "http://www.w3.org/ns/org#"
_TIME = "http://www.w3.org/2006/time#"
_SOSA = "http://www.w3.org/ns/sosa/"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

#: The prefixes of the written documents (the JSON-LD ``@context``, the Turtle ``@prefix``
#: lines), the base of entity IRIs (``id``) apart.
_PREFIXES: tuple[tuple[str, str], ...] = (
    ("org", _ORG),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("time", _TIME),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("sosa", _SOSA),
    ("dcterms", "http://purl.org/dc/terms/"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("gm", NS),
    ("gmrel", RELATION_NS),
    ("gmattr", ATTRIBUTE_NS),
    ("gmvocab", VOCAB),
)

_SCHEME_LABELS: dict[str, tuple[str, str]] = {
    "unit_kinds": ("govmodel unit kinds", "地域单元类型"),
    "organization_kinds": ("govmodel organization kinds", "组织类型"),
    "roles": ("govmodel roles", "职务"),
    "relations": ("govmodel relations", "关系"),
    "indicators": ("govmodel indicators", "指标"),
    "party_statuses": ("govmodel party statuses", "党员状态"),
    "party_mobilities": ("govmodel party mobilities", "党员流动"),
    "origins": ("govmodel compound origins", "小区类型"),
    "management_modes": ("govmodel property-management modes", "物业管理模式"),
}

_FORMAL_SECTORS = frozenset({"self_governance", "market", "social", "government"})

#: The most leaders of one organization the written-out closure
#: ``org:transitiveSubOrganizationOf`` lists (the nearest ones).
CLOSURE_DEPTH = 16

#: Nodes written at a time: the writers hold one chunk, never the whole document.
_CHUNK = 4096
#: Entities described at a time (a chunk is full after a batch that fills it).
_BATCH = 512
#: The most parts an entity's template has (see :func:`_template`): an entity with more (a
#: unit of thousands of attributes) is written from its nodes, since making a template
#: takes time that grows faster than its parts (a regular expression of every part and
#: an f-string of as many), and pays only when many entities share it.
_MOST_HOLES = 256


def _xsd_double(value: float) -> str:
    """The exact ``xsd:double`` lexical form of a float: the shortest that reads back."""
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "INF" if value > 0 else "-INF"
    return float.__repr__(value)  # a subclass's own repr is no number: "np.float64(0.5)"


_DOUBLES: dict[int, Any] = {}


def _double_literal(rdflib: Any) -> Any:
    """An ``rdflib.Literal`` subclass that Turtle writes as ``"0.1"^^xsd:double``.

    rdflib writes a double in Turtle's short form with ``%e``, 7 significant digits; the
    quoted, typed form keeps the lexical form (:func:`_xsd_double`) as it is.
    """
    cls = _DOUBLES.get(id(rdflib))
    if cls is None:

        class ExactDouble(rdflib.Literal):  # type: ignore[misc]
            __slots__ = ()

            def _literal_n3(self, use_plain: bool = False, qname_callback: Any = None) -> str:
                return str(super()._literal_n3(False, qname_callback))

        cls = _DOUBLES.setdefault(id(rdflib), ExactDouble)
    return cls


# every character quote(safe="") keeps as it is
_PLAIN = re.compile(r"[A-Za-z0-9_.~-]*\Z")
# an id written after the prefix ``id:`` as it is, in JSON-LD and Turtle alike (a
# conservative part of Turtle's PN_LOCAL that quote(safe="") keeps)
_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*\Z")


def _enc(value: str) -> str:
    return value if _PLAIN.match(value) else quote(value, safe="")


#: An absolute IRI begins with a scheme (RFC 3987).
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
#: What no IRI holds as it is: controls, the space and ``<>"{}|^`\`` (Turtle's IRIREF
#: refuses them, JSON-LD processors drop the triples of such an IRI), and lone surrogates.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f-\x9f\ud800-\udfff]')


def _iri_pattern() -> re.Pattern[str]:
    """An IRI (RFC 3987: ``scheme ":" ihier-part ["?" iquery] ["#" ifragment]``), whole."""
    ucs = "\xa0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef" + "".join(
        f"{chr(p << 16)}-{chr((p << 16) + 0xFFFD)}" for p in range(1, 14)
    )
    ucs += "\U000e1000-\U000efffd"
    private = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
    unreserved = f"A-Za-z0-9\\-._~{ucs}"
    subs = "!$&'()*+,;="
    pct = "%[0-9A-Fa-f]{2}"
    pchar = f"(?:[{unreserved}{subs}:@]|{pct})"
    host = (
        f"(?:\\[(?:[0-9A-Fa-f:.]+|[vV][0-9A-Fa-f]+\\.[A-Za-z0-9\\-._~{subs}:]+)\\]"
        f"|(?:[{unreserved}{subs}]|{pct})*)"
    )
    authority = f"(?:(?:[{unreserved}{subs}:]|{pct})*@)?{host}(?::[0-9]*)?"
    hier = f"(?://{authority}(?:/{pchar}*)*|(?!//)(?:{pchar}|/)*)"
    query = f"(?:{pchar}|[/?{private}])*"
    fragment = f"(?:{pchar}|[/?])*"
    return re.compile(f"[A-Za-z][A-Za-z0-9+.-]*:{hier}(?:\\?{query})?(?:#{fragment})?")


#: An IRI as RFC 3987 has it (what strict RDF parsers take): a base is one, and so is an
#: entity's IRI made of it.
_IRI = _iri_pattern()

#: The names of the documents' prefixes (``id`` for the base of entity IRIs).
_PREFIX_NAMES = frozenset({*(p for p, _ in _PREFIXES), "id"})


def _base_for(structure: Structure, base: str | None) -> str:
    if base is not None:
        if not isinstance(base, str):
            raise TypeError(f"base must be a string (an IRI), got {type(base).__name__}")
        bad = _NOT_IN_IRI.search(base)
        if bad is not None:
            raise ValueError(
                f"base {base[:80]!r}: an IRI cannot hold {bad.group()!r} (at {bad.start()}); "
                "percent-encode it"
            )
        scheme = _SCHEME.match(base)
        if scheme is None:
            raise ValueError(
                f"base {base[:80]!r} is not an absolute IRI: it needs a scheme, such as "
                "'https://example.org/'"
            )
        if scheme.group()[:-1] in _PREFIX_NAMES:
            # its IRIs would read as the prefixed names of the document's own prefixes
            raise ValueError(
                f"base {base[:80]!r}: its scheme {scheme.group()!r} is a prefix of the "
                "written documents, which would read every IRI under it as a name in that "
                "prefix's namespace; use another scheme"
            )
        # itself, and followed by an id (as its entities' IRIs are: a port then ends)
        if _IRI.fullmatch(base) is None or _IRI.fullmatch(base + "a%20") is None:
            raise ValueError(
                f"base {base[:80]!r} is not an absolute IRI (RFC 3987), which strict RDF "
                "readers refuse: check its percent-encoding ('%' and two hex digits), its "
                "brackets (only around an IP address), its '#' (one at most), its port, "
                "and its private-use or non-characters"
            )
        return base
    name = plain(structure.metadata.name)
    return f"{DEFAULT_BASE}{_enc(name)}/" if name else DEFAULT_BASE


def _literal(value: str | int | float | bool) -> Any:
    """A scalar as a JSON-LD value: strings as they are, numbers and booleans typed."""
    if isinstance(value, bool):
        return {"@value": "true" if value else "false", "@type": "xsd:boolean"}
    if isinstance(value, int):  # int's own text, whatever a subclass writes
        return {"@value": int.__repr__(value), "@type": "xsd:integer"}
    if isinstance(value, float):
        return {"@value": _xsd_double(value), "@type": "xsd:double"}
    return value


def _typed_date(date: str) -> dict[str, str]:
    kind = "xsd:gYear" if len(date) == 4 else "xsd:gYearMonth" if len(date) == 7 else "xsd:date"
    return {"@value": date, "@type": kind}


def _en(text: str) -> dict[str, str]:
    return {"@value": text, "@language": "en"}


def _zh(text: str) -> dict[str, str]:
    return {"@value": text, "@language": "zh"}


_TRUE = _literal(True)
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


class _Nodes:
    """The ORG description of one structure, as a stream of JSON-LD node objects.

    The one mapping from a structure to RDF: the Turtle and JSON-LD writers and
    :func:`to_org` all read it. Each node is a dict with ``@id`` first, then ``@type`` and
    properties in compact IRIs (the prefixes of :data:`_PREFIXES`, ``id`` for the base);
    a value is a plain string (a literal), ``{"@id": …}``, ``{"@value", "@type"}`` or
    ``{"@value", "@language"}``, or a list of those. A subject may come back in later nodes
    (``gm:contains`` on a unit's parent, after the unit): RDF reads their union. Nodes are
    made one entity at a time, so the description is never held whole.

    An entity's IRI is ``id:{id}`` when the id is a plain name (letters, digits, ``_`` and
    ``-``) and the base ends with a delimiter, else the absolute IRI (percent-encoded), so
    that every ``id:`` name is a valid Turtle prefixed name as it stands.
    """

    def __init__(self, structure: Structure, base: str) -> None:
        self.s = structure
        self.vocab: Vocabulary = structure.vocab
        self.base = base
        # compact IRIs need a base ending with a delimiter (JSON-LD 1.1 prefixes)
        self.compact = base[-1:] in (":", "/", "?", "#", "[", "]", "@")
        self.concepts: set[tuple[str, str]] = set()
        self.concept_refs: dict[tuple[str, str], dict[str, str]] = {}
        self.relations: set[str] = set()
        self.orgs = {o.id: o for o in structure.organizations}
        # the org:Post resources described so far, by organization and role
        self.described: dict[tuple[str, str], str] = {}
        self.org_refs: dict[str, dict[str, str]] = {}  # {"@id": …} of organizations, made once
        self.post_paths: dict[str, str] = {}  # "/post/{role}" of the org:Post IRIs, by role
        self.chains: dict[str, list[str]] = {}  # the leaders above a leader, and itself
        # the optional gm: properties used, declared by ontology() (see _DECLARED)
        self.used: set[str] = set()

    def scratch(self) -> _Nodes:
        """A new description of the same structure, sharing nothing it remembers (for
        the probes of :func:`_template`; its ``orgs`` start empty)."""
        other = _Nodes.__new__(_Nodes)
        other.s, other.vocab, other.base, other.compact = (
            self.s,
            self.vocab,
            self.base,
            self.compact,
        )
        other.concepts, other.concept_refs, other.relations = set(), {}, set()
        other.orgs, other.described, other.org_refs, other.used = {}, {}, {}, set()
        other.post_paths, other.chains = {}, {}
        return other

    # -- helpers -----------------------------------------------------------------------
    def iri(self, ident: str, *rest: str) -> str:
        if rest:
            return self.base + _enc(ident) + "".join("/" + _enc(r) for r in rest)
        if self.compact and _LOCAL.match(ident):
            return "id:" + ident
        return self.base + _enc(ident)

    def ref(self, ident: str, *rest: str) -> dict[str, str]:
        return {"@id": self.iri(ident, *rest)}

    def concept(self, category: Category, name: str) -> dict[str, str]:
        key = (category, name)
        ref = self.concept_refs.get(key)
        if ref is None:
            key = (category, name := plain(name))
            self.concepts.add(key)
            ref = self.concept_refs[key] = {"@id": f"gmvocab:{_enc(category)}/{_enc(name)}"}
        return ref

    @staticmethod
    def attributes(node: dict[str, Any], attributes: Attributes, concept: Any) -> None:
        for key, value in attributes.to_dict().items():
            category = ATTRIBUTE_TERMS.get(key)
            if category is not None and isinstance(value, str):
                node["gmattr:" + _enc(key)] = concept(category, value)
            else:
                node["gmattr:" + _enc(key)] = _literal(value)

    @staticmethod
    def instant(at: str, date: str) -> dict[str, Any]:
        if len(date) == 4:
            return {
                "@id": at,
                "@type": "time:Instant",
                "time:inXSDgYear": {"@value": date, "@type": "xsd:gYear"},
            }
        if len(date) == 7:
            return {
                "@id": at,
                "@type": "time:Instant",
                "time:inXSDgYearMonth": {"@value": date, "@type": "xsd:gYearMonth"},
            }
        return {
            "@id": at,
            "@type": "time:Instant",
            "time:inXSDDate": {"@value": date, "@type": "xsd:date"},
        }

    def interval(
        self, owner: str, start: str | None, end: str | None, out: list[dict[str, Any]]
    ) -> dict[str, str] | None:
        """A ``time:Interval`` from partial dates, its nodes put in ``out`` (``None`` when
        both ends are open)."""
        if start is None and end is None:
            return None
        owner_iri = self.base + _enc(owner)
        during = owner_iri + "/during"
        node: dict[str, Any] = {"@id": during, "@type": "time:Interval"}
        out.append(node)
        if start is not None:
            node["time:hasBeginning"] = {"@id": owner_iri + "/start"}
            out.append(self.instant(owner_iri + "/start", start))
        if end is not None:
            node["time:hasEnd"] = {"@id": owner_iri + "/end"}
            out.append(self.instant(owner_iri + "/end", end))
        return {"@id": during}

    @staticmethod
    def notations(identifiers: Iterable[Any]) -> list[Any]:
        return [
            {"@value": i.identifier, "@type": SCHEME_NS + _enc(i.scheme)}
            if i.scheme
            else i.identifier
            for i in identifiers
        ]

    # -- sections ----------------------------------------------------------------------
    def chunks(self) -> Iterator[list[dict[str, Any]]]:
        """The nodes, a list of about :data:`_CHUNK` at a time (each list is new)."""
        s = self.s
        out = [self.structure_node()]
        sections: tuple[tuple[Callable[[Any, list[dict[str, Any]]], None], Sequence[Any]], ...]
        sections = (
            (self.units, s.units),
            (self.organizations, s.organizations),
            (self.people, s.people),
            (self.posts, s.posts),
            (self.ties, s.ties),
            (self.observations, s.observations),
            (self.decisions, s.decisions),
        )
        for write, entities in sections:
            for i in range(0, len(entities), _BATCH):
                write(entities[i : i + _BATCH], out)
                if len(out) >= _CHUNK:
                    yield out
                    out = []
        out.extend(self.vocabulary())
        out.extend(self.ontology())
        yield out

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for chunk in self.chunks():
            yield from chunk

    def structure_node(self) -> dict[str, Any]:
        m = self.s.metadata
        node: dict[str, Any] = {"@id": "id:" if self.compact else self.base}
        node["@type"] = "gm:Structure"
        if m.name:
            node["gm:name"] = m.name
        if m.title:
            node["dcterms:title"] = m.title
        if m.description:
            node["dcterms:description"] = m.description
        if m.place:
            node["dcterms:coverage"] = m.place
        if m.model:
            node["gm:model"] = list(m.model)
        if m.source:
            node["dcterms:source"] = list(m.source)
        node["gm:synthetic"] = _literal(m.synthetic)
        if m.seed is not None:
            node["gm:seed"] = _literal(m.seed)
        self.attributes(node, m.attributes, self.concept)
        return node

    def units(self, units: Sequence[Unit], out: list[dict[str, Any]]) -> None:
        iri, concept = self.iri, self.concept
        for u in units:
            me = iri(u.id)
            node: dict[str, Any] = {"@id": me, "@type": ["gm:Unit", "org:Site"]}
            if u.name:
                node["rdfs:label"] = u.name
            node["gm:kind"] = concept("unit_kinds", u.kind)
            if u.parent is not None:
                parent = iri(u.parent)
                node["gm:within"] = {"@id": parent}
            if u.identifiers:
                node["skos:notation"] = self.notations(u.identifiers)
            if u.attributes:
                self.attributes(node, u.attributes, concept)
            out.append(node)
            if u.parent is not None:
                out.append({"@id": parent, "gm:contains": {"@id": me}})
            self.history(u, node, out)

    def organizations(self, organizations: Sequence[Organization], out: list[Any]) -> None:
        orgs = self.orgs
        kinds = self.vocab.category("organization_kinds")
        iri, concept = self.iri, self.concept
        for o in organizations:
            me = iri(o.id)
            node: dict[str, Any] = {"@id": me}
            out.append(node)
            term = kinds.get(plain(o.kind))
            is_party = bool(term and term.party)
            if is_party:
                node["@type"] = ["org:Organization", "org:OrganizationalUnit"]
            elif term is not None and term.sector in _FORMAL_SECTORS:
                node["@type"] = ["org:Organization", "org:FormalOrganization"]
            else:
                node["@type"] = "org:Organization"
            if o.name:
                node["rdfs:label"] = o.name
                node["skos:prefLabel"] = o.name
            node["org:classification"] = concept("organization_kinds", o.kind)
            if o.parent is not None:
                parent = iri(o.parent)
                node["org:subOrganizationOf"] = {"@id": parent}
                up_node: dict[str, Any] = {"@id": parent, "org:hasSubOrganization": {"@id": me}}
                out.append(up_node)
                lead = orgs.get(o.parent)
                if is_party and lead is not None and self.vocab.is_party(plain(lead.kind)):
                    node["org:unitOf"] = {"@id": parent}
                    up_node["org:hasUnit"] = {"@id": me}
                leaders = self.leaders(o)
                if leaders:
                    node["org:transitiveSubOrganizationOf"] = [{"@id": iri(x)} for x in leaders]
            if o.unit is not None:
                site = iri(o.unit)
                node["org:hasSite"] = {"@id": site}
                out.append({"@id": site, "org:siteOf": {"@id": me}})
            if o.identifiers:
                node["org:identifier"] = self.notations(o.identifiers)
            if o.attributes:
                self.attributes(node, o.attributes, concept)
            if o.term_start is not None:
                node["gm:termStart"] = _typed_date(o.term_start)
                self.used.add("gm:termStart")
            if o.term_years is not None:
                node["gm:termYears"] = _literal(o.term_years)
                self.used.add("gm:termYears")
            self.history(o, node, out)
            self.changes(o, node, out)

    def leaders(self, o: Organization) -> list[str]:
        """The ids of the leaders of ``o`` in its transitive closure, nearest first: up to
        :data:`CLOSURE_DEPTH`, so that long chains stay linear, and cycle-safe.

        The chain above a leader is climbed once and kept for the organizations it leads
        (a list read, never changed); an organization's own id in it ends its chain there.
        """
        parent = o.parent
        if parent is None:
            return []
        chain = self.chains.get(parent)
        if chain is None:
            orgs = self.orgs
            seen: set[str] = set()
            chain = []
            up: str | None = parent
            while up is not None and up not in seen and len(seen) < CLOSURE_DEPTH:
                seen.add(up)
                chain.append(up)
                nxt = orgs.get(up)
                up = nxt.parent if nxt is not None else None
            self.chains[parent] = chain
        if o.id in chain:
            return chain[: chain.index(o.id)]
        return chain

    def history(self, e: Unit | Organization, node: dict[str, Any], more: list[Any]) -> None:
        """A unit's or organization's days (``gm:existedDuring``, a ``time:Interval``) and
        succession (``gm:formedFrom``, ``gm:replacedBy``)."""
        if e.start is not None or e.end is not None:
            node["gm:existedDuring"] = self.interval(e.id, e.start, e.end, more)
        if e.formed_from:
            node["gm:formedFrom"] = [self.ref(x) for x in e.formed_from]
        if e.replaced_by is not None:
            node["gm:replacedBy"] = self.ref(e.replaced_by)

    def changes(self, o: Organization, node: dict[str, Any], more: list[Any]) -> None:
        """ORG's change events: ``{id}/formed`` (``org:resultedFrom``: the organizations it
        was formed from, ``org:originalOrganization``, on its start) and ``{id}/ended``
        (``org:changedBy``: dissolved, or replaced by ``org:resultingOrganization``, on its
        end), each an ``org:ChangeEvent`` dated by ``dcterms:date`` (the date as precise as
        known) and, for a full day, ``prov:startedAtTime`` (its midnight, China Standard
        Time, as ORG asks: a ``prov:Activity`` starts at an ``xsd:dateTime``)."""
        if o.formed_from or o.start is not None:
            event = self.iri(o.id, "formed")
            node["org:resultedFrom"] = {"@id": event}
            ev: dict[str, Any] = {
                "@id": event,
                "@type": "org:ChangeEvent",
                "org:resultingOrganization": {"@id": node["@id"]},
            }
            if o.formed_from:
                ev["org:originalOrganization"] = [self.ref(x) for x in o.formed_from]
            if o.start is not None:
                self.when(ev, o.start)
            ev["dcterms:description"] = _en("formed")
            more.append(ev)
        if o.replaced_by is not None or o.end is not None:
            event = self.iri(o.id, "ended")
            node["org:changedBy"] = {"@id": event}
            ev = {
                "@id": event,
                "@type": "org:ChangeEvent",
                "org:originalOrganization": {"@id": node["@id"]},
            }
            if o.replaced_by is not None:
                ev["org:resultingOrganization"] = self.ref(o.replaced_by)
            if o.end is not None:
                self.when(ev, o.end)
            what = "replaced" if o.replaced_by is not None else "dissolved"
            ev["dcterms:description"] = _en(what)
            more.append(ev)

    @staticmethod
    def when(event: dict[str, Any], date: str) -> None:
        event["dcterms:date"] = _typed_date(date)
        if _DAY.match(date):
            at = date + "T00:00:00+08:00"
            event["prov:startedAtTime"] = {"@value": at, "@type": "xsd:dateTime"}

    def people(self, people: Sequence[Person], out: list[dict[str, Any]]) -> None:
        iri, concept = self.iri, self.concept
        for p in people:
            node: dict[str, Any] = {"@id": iri(p.id), "@type": "foaf:Person"}
            if p.name:
                node["foaf:name"] = p.name
            if p.party is not None:
                node["gm:partyStatus"] = concept("party_statuses", p.party)
            if p.mobility is not None:
                node["gm:partyMobility"] = concept("party_mobilities", p.mobility)
                self.used.add("gm:partyMobility")
            if p.attributes:
                self.attributes(node, p.attributes, concept)
            out.append(node)

    def posts(self, posts: Sequence[Post], out: list[dict[str, Any]]) -> None:
        orgs = self.orgs
        roles = self.vocab.category("roles")
        iri, concept = self.iri, self.concept
        described = self.described
        org_refs = self.org_refs
        append = out.append
        for post in posts:
            person = iri(post.person)
            org_ref = org_refs.get(post.organization)
            if org_ref is None:
                org_ref = org_refs[post.organization] = {"@id": iri(post.organization)}
            role = concept("roles", post.role)
            node: dict[str, Any] = {
                "@id": iri(post.id),
                "@type": "org:Membership",
                "org:member": {"@id": person},
                "org:organization": org_ref,
                "org:role": role,
            }
            append(node)
            if post.start is not None or post.end is not None:
                node["org:memberDuring"] = self.interval(post.id, post.start, post.end, out)
            if post.attributes:
                self.attributes(node, post.attributes, concept)
            if post.end is None:  # still held
                term = roles.get(plain(post.role))
                key = (post.organization, post.role)
                position = described.get(key)
                new = position is None
                if position is None:
                    position = described[key] = iri(post.organization, "post", post.role)
                holder: dict[str, Any] = {
                    "@id": person,
                    "org:memberOf": org_ref,
                    "org:holds": {"@id": position},
                }
                if term is not None and term.head:
                    holder["org:headOf"] = org_ref
                append(holder)
                if not new:
                    append({"@id": position, "org:heldBy": {"@id": person}})
                    continue
                role_en = plain(term.en if term is not None else post.role)
                lead = orgs.get(post.organization)
                where = plain((lead.name if lead is not None else "") or post.organization)
                labels = [_en(f"{role_en}, {where}")]
                if term is not None and term.zh:
                    labels.append(_zh(where + plain(term.zh)))
                append(
                    {
                        "@id": position,
                        "@type": "org:Post",
                        "org:postIn": org_ref,
                        "org:role": role,
                        "rdfs:label": labels,
                        "org:heldBy": {"@id": person},
                    }
                )
                append({"@id": org_ref["@id"], "org:hasPost": {"@id": position}})

    def ties(self, ties: Sequence[Tie], out: list[dict[str, Any]]) -> None:
        org_ids = self.orgs
        iri, concept = self.iri, self.concept
        for t in ties:
            src, dst = iri(t.source), iri(t.target)
            node: dict[str, Any] = {
                "@id": iri(t.id),
                "@type": "gm:Tie",
                "gm:source": {"@id": src},
                "gm:target": {"@id": dst},
                "gm:relation": concept("relations", t.relation),
            }
            out.append(node)
            if t.start is not None or t.end is not None:
                node["gm:during"] = self.interval(t.id, t.start, t.end, out)
            if t.attributes:
                self.attributes(node, t.attributes, concept)
            self.relations.add(plain(t.relation))
            direct: dict[str, Any] = {"@id": src, "gmrel:" + _enc(t.relation): {"@id": dst}}
            if t.source in org_ids and t.target in org_ids:
                direct["org:linkedTo"] = {"@id": dst}
            out.append(direct)

    def observations(self, observations: Sequence[Observation], out: list[Any]) -> None:
        iri, concept = self.iri, self.concept
        for ob in observations:
            node: dict[str, Any] = {
                "@id": iri(ob.id),
                "@type": "sosa:Observation",
                "sosa:hasFeatureOfInterest": {"@id": iri(ob.subject)},
                "sosa:observedProperty": concept("indicators", ob.indicator),
                "sosa:hasSimpleResult": _literal(ob.value),
            }
            out.append(node)
            if ob.period is not None:
                node["gm:period"] = ob.period
                start, _, end = ob.period.partition("/")
                node["sosa:phenomenonTime"] = self.interval(ob.id, start, end or start, out)
            if ob.source is not None:
                node["dcterms:source"] = ob.source
            if ob.attributes:
                self.attributes(node, ob.attributes, concept)

    def decisions(self, decisions: Sequence[Decision], out: list[dict[str, Any]]) -> None:
        iri = self.iri
        for d in decisions:
            node: dict[str, Any] = {
                "@id": iri(d.id),
                "@type": "gm:Decision",
                "gm:body": {"@id": iri(d.body)},
            }
            if d.motion:
                node["dcterms:title"] = d.motion
            if d.date is not None:
                node["dcterms:date"] = _typed_date(d.date)
            node["gm:requirement"] = _en(_requirement(d.rule))
            if d.outcome is not None:
                node["gm:outcome"] = d.outcome
            if d.matter is not None:
                node["gm:matter"] = d.matter
            if d.count is not None:
                for field in ("members", "present", "yes", "no", "abstain"):
                    value = getattr(d.count, field)
                    if value is not None:
                        node["gm:" + field] = _literal(value)
            if d.area is not None:
                for field in ("members", "present", "yes", "no", "abstain"):
                    value = getattr(d.area, field)
                    if value is not None:
                        node["gm:area" + field.capitalize()] = _literal(value)
            votes: list[dict[str, Any]] = []
            for i, v in enumerate(d.votes):
                vote: dict[str, Any] = {
                    "@id": iri(d.id, "vote", str(i)),
                    "@type": "gm:Vote",
                    "gm:voter": {"@id": iri(v.person)},
                    "gm:choice": v.choice,
                }
                if v.area is not None:
                    vote["gm:floorArea"] = _literal(v.area)
                if v.proxy is not None:
                    vote["gm:proxy"] = {"@id": iri(v.proxy)}
                    self.used.add("gm:proxy")
                votes.append(vote)
            if votes:
                node["gm:vote"] = [{"@id": v["@id"]} for v in votes]
            self.attributes(node, d.attributes, self.concept)
            out.append(node)
            out.extend(votes)

    def vocabulary(self) -> Iterator[dict[str, Any]]:
        declared = {(t.category, t.name) for t in self.s.vocabulary}
        wanted = self.concepts | declared
        schemes: set[str] = set()
        # a described concept may name one that is not (an indicator it is part of):
        # those are described next, until every concept named is
        done: set[tuple[str, str]] = set()
        todo = sorted(wanted)
        while todo:
            done.update(todo)
            for category, name in todo:
                schemes.add(category)
                node: dict[str, Any] = {"@id": f"gmvocab:{_enc(category)}/{_enc(name)}"}
                node["@type"] = (
                    ["skos:Concept", "org:Role"] if category == "roles" else "skos:Concept"
                )
                node["skos:inScheme"] = {"@id": f"gmvocab:{_enc(category)}"}
                node["skos:notation"] = name
                term = self.vocab.category(category).get(name)  # type: ignore[arg-type]
                if term is None:
                    node["skos:prefLabel"] = _en(name.replace("_", " "))
                    yield node
                    continue
                node["skos:prefLabel"] = [_en(term.en), _zh(term.zh)] if term.zh else _en(term.en)
                if term.description:
                    node["skos:definition"] = _en(term.description)
                if term.rank is not None:
                    node["gm:rank"] = _literal(term.rank)
                if category == "organization_kinds":
                    node["gm:partyOrganization"] = _literal(term.party)
                    if term.sector is not None:
                        node["gm:sector"] = term.sector
                if term.head:
                    node["gm:head"] = _TRUE
                if term.type is not None:
                    node["gm:indicatorType"] = term.type
                if term.part_of is not None:
                    node["gm:partOf"] = self.concept("indicators", term.part_of)
                yield node
            todo = sorted(self.concepts - done)
        for category in sorted(schemes):
            en, zh = _SCHEME_LABELS.get(category, (f"govmodel {category}", ""))
            yield {
                "@id": f"gmvocab:{_enc(category)}",
                "@type": "skos:ConceptScheme",
                "skos:prefLabel": [_en(en), _zh(zh)] if zh else _en(en),
            }

    def ontology(self) -> Iterator[dict[str, Any]]:
        """Declarations of the govmodel terms used, so that consumers can read them."""
        yield {
            "@id": "gm:Unit",
            "@type": "owl:Class",
            "rdfs:subClassOf": {"@id": "org:Site"},
            "rdfs:label": [_en("unit of territory"), _zh("地域单元")],
        }
        yield {
            "@id": "gm:within",
            "@type": "owl:ObjectProperty",
            "rdfs:label": _en("lies within"),
            "rdfs:comment": _en(
                "The unit of territory directly containing this one (a compound within its "
                "community). Not transitive as written: use the SPARQL path gm:within+."
            ),
        }
        yield {"@id": "gm:contains", "owl:inverseOf": {"@id": "gm:within"}}
        yield {
            "@id": "gm:existedDuring",
            "@type": "owl:ObjectProperty",
            "rdfs:range": {"@id": "time:Interval"},
            "rdfs:label": _en("existed during"),
            "rdfs:comment": _en(
                "The days a unit of territory or an organization exists: a time:Interval "
                "whose ends (time:hasBeginning, time:hasEnd) are as precise as known; an "
                "open end is left out. An organization's start and end are also ORG change "
                "events (org:resultedFrom, org:changedBy)."
            ),
        }
        yield {
            "@id": "gm:formedFrom",
            "@type": "owl:ObjectProperty",
            "rdfs:subPropertyOf": {"@id": "prov:wasDerivedFrom"},
            "rdfs:label": _en("formed from"),
            "rdfs:comment": _en(
                "A unit of territory or an organization this one was formed from, by a "
                "merger or a split (as in 社区撤并). For organizations the same is said by "
                "the org:ChangeEvent {id}/formed, with org:originalOrganization."
            ),
        }
        yield {
            "@id": "gm:replacedBy",
            "@type": "owl:ObjectProperty",
            "rdfs:subPropertyOf": {"@id": "dcterms:isReplacedBy"},
            "rdfs:label": _en("replaced by"),
            "rdfs:comment": _en(
                "The unit of territory or organization that replaced this one when it "
                "ended. For organizations the same is said by the org:ChangeEvent "
                "{id}/ended, with org:resultingOrganization."
            ),
        }
        yield {
            "@id": "gm:tiedTo",
            "@type": "owl:ObjectProperty",
            "rdfs:label": _en("has a tie to"),
        }
        for name in sorted(self.used):
            yield dict(_DECLARED[name])
        relations = self.vocab.category("relations")
        for name in sorted(self.relations):
            term = relations.get(name)
            labels: list[Any] = [_en(term.en if term else name)]
            if term is not None and term.zh:
                labels.append(_zh(term.zh))
            yield {
                "@id": "gmrel:" + _enc(name),
                "@type": "owl:ObjectProperty",
                "rdfs:subPropertyOf": {"@id": "gm:tiedTo"},
                "rdfs:label": labels,
            }


#: Declarations of the gm: properties written only for the fields that use them (a
#: structure that does not is described as before they were fields).
_DECLARED: dict[str, dict[str, Any]] = {
    "gm:termStart": {
        "@id": "gm:termStart",
        "@type": "owl:DatatypeProperty",
        "rdfs:domain": {"@id": "org:Organization"},
        "rdfs:label": [_en("term of office began"), _zh("本届任期开始")],
        "rdfs:comment": _en(
            "When the body's current term of office (届) began: the day its members were "
            "elected, as precise as known (xsd:date, xsd:gYearMonth or xsd:gYear)."
        ),
    },
    "gm:termYears": {
        "@id": "gm:termYears",
        "@type": "owl:DatatypeProperty",
        "rdfs:domain": {"@id": "org:Organization"},
        "rdfs:range": {"@id": "xsd:integer"},
        "rdfs:label": [_en("term of office in years"), _zh("任期年限")],
        "rdfs:comment": _en(
            "The length of the body's term of office, begun on gm:termStart, in whole years "
            "as its statute or election set it. Absent: the law governing the body says."
        ),
    },
    "gm:partyMobility": {
        "@id": "gm:partyMobility",
        "@type": "owl:ObjectProperty",
        "rdfs:domain": {"@id": "foaf:Person"},
        "rdfs:range": {"@id": "skos:Concept"},
        "rdfs:label": [_en("party mobility"), _zh("党员流动")],
        "rdfs:comment": _en(
            "Whether a party member's membership is held where they live and work (normal, "
            "正常) or they are a mobile member (流动党员): a concept of the scheme "
            "party_mobilities. Independent of gm:partyStatus."
        ),
    },
    "gm:proxy": {
        "@id": "gm:proxy",
        "@type": "owl:ObjectProperty",
        "rdfs:domain": {"@id": "gm:Vote"},
        "rdfs:range": {"@id": "foaf:Person"},
        "rdfs:label": [_en("cast by proxy"), _zh("受托人")],
        "rdfs:comment": _en(
            "The person who cast the vote for its gm:voter under a written proxy (委托书); "
            "the vote counts as the voter's own."
        ),
    },
}


def _requirement(rule: VotingRule) -> str:
    def frac(f: Fraction) -> str:
        return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"

    basis = {"members": "the members", "present": "those present", "cast": "the votes cast"}
    text = (
        f"{'more than' if rule.strict else 'at least'} {frac(rule.threshold)} of "
        f"{basis.get(by := plain(rule.basis), by)}"
    )
    if rule.quorum is not None:
        text += f"; quorum {frac(rule.quorum)} of the members"
    if rule.by_area:
        text += "; the same by floor area (double majority)"
    return text


def _prefixes(base: str) -> dict[str, str]:
    return {**dict(_PREFIXES), "id": base}


# -- rdflib ------------------------------------------------------------------------------------


def to_org(structure: Structure, *, base: str | None = None) -> Any:
    """A structure as an RDF graph in the W3C Organization Ontology.

    Parameters
    ----------
    structure
        The structure.
    base
        The base of entity IRIs (see the module's documentation); by default
        ``https://w3id.org/govmodel/id/{metadata.name}/``.

    Returns
    -------
    rdflib.Graph
        A new graph; prefixes ``org``, ``skos``, ``time``, ``foaf``, ``sosa``, ``gm``,
        ``gmrel``, ``gmattr``, ``gmvocab`` and ``id`` (the base) are bound.

    Notes
    -----
    Complexity: :math:`O(n + o \\cdot \\min(d, 16))` triples, so linear time, for :math:`n`
    entities and :math:`o` organizations in leadership chains of depth :math:`d` (the
    transitive closure lists at most :data:`CLOSURE_DEPTH` leaders of each organization).
    The graph holds every triple in memory; to write a file, :func:`export_org_turtle` and
    :func:`export_org_jsonld` stream the same triples without it.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.io.org import to_org
    >>> g = to_org(govmodel.datasets.load("xihu"), base="https://example.org/xihu/")
    >>> from rdflib import URIRef
    >>> (None, None, URIRef("http://www.w3.org/ns/org#Membership")) in g
    True
    """
    require_types(structure)
    rdflib: Any = require("rdflib", "rdf", feature="the W3C Organization Ontology export")
    try:
        b = _base_for(structure, base)
    except UnicodeEncodeError as exc:  # a name of a lone surrogate, which has no UTF-8
        _unwritable(structure, exc)
    try:
        return _to_org(structure, b, rdflib)
    except ValueError as exc:
        _refused(structure, exc)


def _refused(structure: Structure, exc: ValueError) -> NoReturn:
    """Raise, for a structure a writer could not describe, its problems (as
    :func:`~govmodel.io.native._write_stream` does for the writers given a path): an IRI
    of a lone surrogate (a ``UnicodeEncodeError``: no UTF-8 holds it) or an integer of more
    digits than Python writes out (``sys.get_int_max_str_digits()``), each beyond what
    :func:`govmodel.validate` allows, at its path."""
    if isinstance(exc, GovModelError):
        raise exc
    _unwritable(structure, exc)


def _to_org(structure: Structure, b: str, rdflib: Any) -> Any:
    """:func:`to_org`'s graph, of entity IRIs under the base ``b``."""
    prefixes = _prefixes(b)
    g = rdflib.Graph()
    for prefix, uri in prefixes.items():
        if prefix not in ("rdfs", "xsd"):
            g.bind(prefix, uri, override=True, replace=True)
    URIRef, Literal = rdflib.URIRef, rdflib.Literal
    double = _double_literal(rdflib)
    rdf_type = URIRef(_RDF_TYPE)
    iris: dict[str, Any] = {}  # the vocabulary's IRIs, made once

    def iri(compact: str) -> Any:
        known = iris.get(compact)
        if known is not None:
            return known
        prefix, _, local = compact.partition(":")
        ns = prefixes.get(prefix)
        out = URIRef(compact if ns is None else ns + local)
        if ns is not None and prefix != "id":
            iris[compact] = out
        return out

    def term(value: Any) -> Any:
        if isinstance(value, str):
            return Literal(plain(value))
        ref = value.get("@id")
        if ref is not None:
            return iri(ref)
        datatype = value.get("@type")
        if datatype is None:
            return Literal(plain(value["@value"]), lang=value["@language"])
        if datatype == "xsd:double":
            return double(value["@value"], datatype=iri(datatype))
        return Literal(plain(value["@value"]), datatype=iri(datatype))

    add = g.add
    for node in _Nodes(structure, b):
        items = iter(node.items())
        subject = iri(next(items)[1])
        for key, value in items:
            if key == "@type":
                for t in [value] if isinstance(value, str) else value:
                    add((subject, rdf_type, iri(t)))
                continue
            predicate = iri(key)
            for v in value if isinstance(value, list) else (value,):
                add((subject, predicate, term(v)))
    return g


# -- Turtle ------------------------------------------------------------------------------------

_TURTLE_ESCAPE = re.compile(r'[\x00-\x1f"\\]')
_TURTLE_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _turtle_escape(match: re.Match[str]) -> str:
    c = match.group()
    return _TURTLE_ESCAPES.get(c) or f"\\u{ord(c):04X}"


def _turtle_string(text: str) -> str:
    if _TURTLE_ESCAPE.search(text) is None:
        return '"' + text + '"'
    return '"' + _TURTLE_ESCAPE.sub(_turtle_escape, text) + '"'


class _Turtle:
    """Turtle text of the nodes of :class:`_Nodes`: one block a node."""

    def __init__(self, base: str) -> None:
        self.prefixes = _prefixes(base)
        self.names: dict[str, str] = {}  # the vocabulary's names, made once

    def head(self) -> str:
        lines = [f"@prefix {p}: <{uri}> ." for p, uri in sorted(self.prefixes.items())]
        return "\n".join(lines) + "\n\n"

    def name(self, iri: str) -> str:
        """A compact or absolute IRI of the nodes as Turtle: a prefixed name or ``<…>``."""
        if iri[:3] == "id:":
            return iri  # _Nodes writes plain names only after id:
        known = self.names.get(iri)
        if known is not None:
            return known
        prefix, _, local = iri.partition(":")
        ns = self.prefixes.get(prefix)
        if ns is None:
            return "<" + iri + ">"  # an entity's absolute IRI (not kept: there are many)
        out = iri if _LOCAL.match(local) else f"<{ns}{local}>"
        self.names[iri] = out
        return out

    def value(self, value: Any) -> str:
        if value.__class__ is not dict:  # a string (numpy's str_ too, a subclass of str)
            return _turtle_string(value)
        ref = value.get("@id")
        if ref is not None:
            return self.name(ref)
        datatype = value.get("@type")
        if datatype is None:
            return _turtle_string(value["@value"]) + "@" + str(value["@language"])
        if datatype == "xsd:integer" or datatype == "xsd:boolean":
            return str(value["@value"])
        return _turtle_string(value["@value"]) + "^^" + self.name(datatype)

    def node(self, node: dict[str, Any]) -> str:
        # the common cases inline (a node's IRIs and strings): this runs for every triple
        name, value, known = self.name, self.value, self.names.get
        parts: list[str] = []
        append = parts.append
        subject = ""
        for key, v in node.items():
            cls = v.__class__
            if cls is dict:
                ref = v.get("@id")
                if ref is None:
                    text = value(v)
                elif ref[:3] == "id:":
                    text = ref
                else:
                    text = known(ref) or name(ref)
            elif cls is not list:  # a string (numpy's str_ too, a subclass of str)
                if key == "@id":
                    subject = name(v)
                    continue
                if key == "@type":
                    append("a " + (known(v) or name(v)))
                    continue
                text = _turtle_string(v)
            elif key == "@type":
                append("a " + ", ".join(map(name, v)))
                continue
            elif v:
                text = ", ".join(map(value, v))
            else:
                continue
            append((known(key) or name(key)) + " " + text)
        return subject + " " + " ;\n    ".join(parts) + " .\n\n"


# -- text: templates per entity shape ----------------------------------------------------------


class _Unfit(Exception):
    """An entity that no template covers: it is written from its nodes."""


# plain ids (see _LOCAL), each followed by a space
_IDS = re.compile(r"(?:[A-Za-z0-9_][A-Za-z0-9_-]* )+\Z")


class _Fills(list[str]):
    """The variable parts of one entity's description, each written as it is (in the
    order of the holes).

    A *template* is the text of the nodes of an entity with holes: it is made once per shape
    of entity (see :func:`_template`), so that :class:`_Nodes` stays the one mapping. An
    entity of that shape fills the holes with its parts, which need no escape in either
    format: ids that are plain names (``id:`` + the id, or the base + the id: see
    :meth:`_Nodes.iri`), strings without a quote, backslash or control character (the
    characters that Turtle and JSON escape alike), an integer (its digits, as the template
    formats it) and a float's :func:`_xsd_double`. Any other entity raises
    :class:`_Unfit`. A shape's key holds whatever else decides the nodes (a kind, a role,
    which fields are empty).
    """

    __slots__ = ()
    probe = False

    def ids(self, *idents: str) -> tuple[str, ...]:
        joined = " ".join(idents) + " "  # one space each, unless an id has one
        if _IDS.match(joined) is None or joined.count(" ") != len(idents):
            raise _Unfit
        self.extend(idents)
        return idents

    def text(self, text: str) -> str:
        if _TURTLE_ESCAPE.search(text) is not None:
            raise _Unfit
        self.append(text)
        return text

    def attributes(self, attributes: Attributes) -> tuple[tuple[Any, ...], Attributes]:
        """The key of the attributes' shape, and the attributes (a probe's: sentinels)."""
        data: dict[str, Any] = attributes._data  # its own dict, read and never changed
        if not data:
            return (), attributes
        # the names and the classes of the values: the key when every value is a hole
        # for an integer (written by the template as its digits) or a string
        signature = (*data, *map(type, data.values()))
        known = _ATTRIBUTE_KEYS.get(signature)
        if known is not None:
            key_, strings, _ = known
            if not self.probe:
                for name in strings:
                    if _TURTLE_ESCAPE.search(data[name]) is not None:
                        raise _Unfit
            self += data.values()
            return key_, attributes
        key: list[Any] = []
        add = key.append
        values = self.append
        for name, value in data.items():
            cls = value.__class__
            if cls is int:
                add((name, "i"))
                values(str(value))
            elif cls is str and name not in ATTRIBUTE_TERMS:
                if _TURTLE_ESCAPE.search(value) is not None:
                    raise _Unfit
                add((name, "s"))
                values(value)
            elif cls is float:
                add((name, "f"))
                values(_xsd_double(value))
            elif cls is bool or cls is str:  # a boolean or a concept: part of the shape
                add((name, "=", value))
            else:
                raise _Unfit
        out = tuple(key)
        kinds = {kind for _, kind, *_ in out}
        if kinds <= {"i", "s"}:
            if len(_ATTRIBUTE_KEYS) >= 4096:  # a bounded memo, of the usual few shapes
                _ATTRIBUTE_KEYS.clear()
            strings = tuple(name for name, kind, *_ in out if kind == "s")
            _ATTRIBUTE_KEYS[signature] = (out, strings, object())
        return out, attributes


#: The keys of the shapes of attributes whose values are all integers and strings (not
#: concepts), by the names and the classes of the values; the names of the strings; and
#: a token of the shape for the fast keys (an object of its own, faster to hash than the
#: names, and never equal to another's even once the memo is cleared).
_ATTRIBUTE_KEYS: dict[tuple[Any, ...], tuple[tuple[Any, ...], tuple[str, ...], object]] = {}


class _PlainFills(_Fills):
    """The parts of an entity of a structure whose ids are all plain (:func:`_plain_ids`):
    no id is checked again."""

    __slots__ = ()

    def ids(self, *idents: str) -> tuple[str, ...]:
        self.extend(idents)
        return idents


class _PlainTextFills(_PlainFills):
    """The parts of an entity of a structure whose ids are all plain and whose names and
    sources need no escape (:func:`_plain_texts`): neither is checked again."""

    __slots__ = ()

    def text(self, text: str) -> str:
        self.append(text)
        return text


#: The texts that the templates of a section write as they are, as the fields of its
#: entities (a post's org:Post is labelled with its organization's name).
_TEXT_FIELDS: dict[str, str] = {
    "units": "name",
    "organizations": "name",
    "people": "name",
    "observations": "source",
}


def _plain_texts(s: Structure) -> bool:
    """Whether no name (of a unit, organization or person) and no observation's source
    has a character that Turtle or JSON escapes (see :func:`_plain_text_column`)."""
    return all(_plain_text_column(getattr(s, k), field) for k, field in _TEXT_FIELDS.items())


def _plain_text_column(entities: Sequence[Any], field: str) -> bool:
    """Whether no ``field`` of ``entities`` has a character that Turtle or JSON escapes: one
    search of their text, joined (the characters are single, so that joining makes none;
    ``None`` and empty texts left out)."""
    texts = map(attrgetter(field), entities)
    try:
        text = "".join(texts)
    except TypeError:  # None, say
        text = "".join([x for x in map(attrgetter(field), entities) if x])
    return _TURTLE_ESCAPE.search(text) is None


# an empty id, or one that starts with a dash, among ids joined by line breaks (one search)
_EMPTY_OR_DASH = re.compile("\n[\n-]")
# the characters of plain ids, and the line break between them
_ID_CHARS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-\n"


#: The ids that the templates of a section write, as the fields of its entities (an
#: organization's leaders are the parents of organizations).
_ID_FIELDS: dict[str, tuple[str, ...]] = {
    "units": ("id", "parent"),
    "organizations": ("id", "parent", "unit"),
    "people": ("id",),
    "posts": ("id", "person", "organization"),
    "ties": ("id", "source", "target"),
    "observations": ("id", "subject"),
}


def _plain_ids(s: Structure) -> bool:
    """Whether every id that the templates write (of units, organizations, people and posts,
    and the ids they refer to) is a plain name (see ``_LOCAL``): a few scans of their text
    instead of a match per id."""
    return all(
        _plain_column(getattr(s, section), field)
        for section, fields in _ID_FIELDS.items()
        for field in fields
    )


def _plain_column(entities: Sequence[Any], field: str) -> bool:
    """Whether the ``field`` of each of ``entities`` (``None`` left out) is a plain name: one
    scan of their text, joined by line breaks."""
    if not entities:
        return True
    column = map(attrgetter(field), entities)
    try:  # a column of strings joined at once, without a filter
        text, n = "\n".join(column), len(entities)
    except TypeError:  # optional (None), or not a string
        ids = [x for x in map(attrgetter(field), entities) if x is not None]
        text, n = "\n".join(ids), len(ids)
    return not n or (
        text.isascii()
        and text[:1] not in ("", "-", "\n")
        and text[-1:] != "\n"
        and _EMPTY_OR_DASH.search(text) is None
        and text.count("\n") == n - 1
        and not text.encode("ascii").translate(None, _ID_CHARS)
    )


class _Probe(_Fills):
    """An entity's parts replaced by sentinels, texts that appear nowhere else (a plain
    name for an id or a string, a large integer, a float): ``marks`` are the sentinels as
    written, in the order of the holes."""

    __slots__ = ("marks",)
    probe = True

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[str] = []

    def _mark(self, text: str) -> str:
        self.marks.append(text)
        return text

    def ids(self, *idents: str) -> tuple[str, ...]:
        return tuple(self.text(i) for i in idents)

    def text(self, text: str) -> str:
        return self._mark(f"Gm7hole{len(self.marks)}Qz")

    def attributes(self, attributes: Attributes) -> tuple[tuple[Any, ...], Attributes]:
        key = super().attributes(attributes)[0]
        data: dict[str, Any] = attributes.to_dict()
        for name, kind, *_ in key:
            if kind == "s":
                data[name] = self.text("")
            elif kind == "i":
                data[name] = number = 8245197300000000000 + len(self.marks)
                self._mark(str(number))
            elif kind == "f":
                data[name] = double = 3000000.5 + len(self.marks)
                self._mark(_xsd_double(double))
        return key, Attributes(data)


#: ``shape(nodes, entity, fills, probe)``: the key of the entity's shape, its parts put in
#: ``fills``, and what else to do once the entity is written from its template (a function
#: of ``nodes`` and the entity, or ``None``); with ``probe`` (a :meth:`_Nodes.scratch`
#: description, and ``fills`` a :class:`_Probe`) the key and the probe entity, whatever it
#: refers to set up in ``probe``. Raises :class:`_Unfit` for an entity no template covers.
_Shape = Callable[["_Nodes", Any, _Fills, "_Nodes | None"], tuple[Any, Any]]


def _unit_shape(nodes: _Nodes, u: Unit, f: _Fills, probe: _Nodes | None) -> tuple[Any, Any]:
    if (
        u.identifiers
        or u.start is not None
        or u.end is not None
        or u.formed_from
        or u.replaced_by is not None
    ):
        raise _Unfit
    if u.parent is None:
        ident, parent = f.ids(u.id)[0], None
    else:
        ident, parent = f.ids(u.id, u.parent)
    name = f.text(u.name) if u.name else ""
    attributes = u.attributes  # no call for the usual empty ones
    attributes_key, attributes = f.attributes(attributes) if attributes._data else ((), attributes)
    key = (u.kind, parent is None, bool(name), attributes_key)
    if probe is None:
        return key, None
    return key, attrs.evolve(u, id=ident, parent=parent, name=name, attributes=attributes)


def _organization_shape(
    nodes: _Nodes, o: Organization, f: _Fills, probe: _Nodes | None
) -> tuple[Any, Any]:
    if (
        o.identifiers
        or o.term_start is not None
        or o.term_years is not None
        or o.start is not None
        or o.end is not None
        or o.formed_from
        or o.replaced_by is not None
    ):
        raise _Unfit
    leaders = nodes.leaders(o) if o.parent is not None else []
    if o.parent is not None and (not leaders or leaders[0] != o.parent):
        raise _Unfit  # its own leader
    ids = f.ids(o.id, *leaders) if o.unit is None else f.ids(o.id, *leaders, o.unit)
    name = f.text(o.name) if o.name else ""
    attributes = o.attributes  # no call for the usual empty ones
    attributes_key, attributes = f.attributes(attributes) if attributes._data else ((), attributes)
    lead = None if o.parent is None else nodes.orgs.get(o.parent)
    lead_party = lead is not None and nodes.vocab.is_party(plain(lead.kind))
    key = (o.kind, bool(name), len(leaders), lead_party, o.unit is None, attributes_key)
    if probe is None:
        return key, None
    # the leaders as the probe's organizations, the chain cut after the last one
    marks = ids[1 : 1 + len(leaders)]
    for i, (leader, mark) in enumerate(zip(leaders, marks, strict=True)):
        real = nodes.orgs.get(leader)
        if real is not None:
            up = marks[i + 1] if i + 1 < len(marks) else None
            probe.orgs[mark] = attrs.evolve(real, id=mark, parent=up)
    return key, attrs.evolve(
        o,
        id=ids[0],
        parent=marks[0] if marks else None,
        unit=None if o.unit is None else ids[-1],
        name=name,
        attributes=attributes,
    )


def _person_shape(nodes: _Nodes, p: Person, f: _Fills, probe: _Nodes | None) -> tuple[Any, Any]:
    ident = f.ids(p.id)[0]
    name = f.text(p.name) if p.name else ""
    attributes = p.attributes  # no call for the usual empty ones
    attributes_key, attributes = f.attributes(attributes) if attributes._data else ((), attributes)
    key = (p.party, p.mobility, bool(name), attributes_key)
    if probe is None:
        return key, None
    return key, attrs.evolve(p, id=ident, name=name, attributes=attributes)


def _post_shape(nodes: _Nodes, post: Post, f: _Fills, probe: _Nodes | None) -> tuple[Any, Any]:
    if post.start is not None or post.end is not None:
        raise _Unfit
    ident, person, organization = f.ids(post.id, post.person, post.organization)
    attributes = post.attributes  # no call for the usual empty ones
    attributes_key, attributes = f.attributes(attributes) if attributes._data else ((), attributes)
    lead = None
    if (post.organization, post.role) in nodes.described:  # its org:Post is written
        if probe is None:
            return ("post", post.role, attributes_key), None
        key: tuple[Any, ...] = ("post", post.role, attributes_key)
    else:  # its org:Post too, labelled with the organization's name (or id)
        lead = nodes.orgs.get(post.organization)
        name = f.text(lead.name) if lead is not None and lead.name else ""
        key = ("new post", post.role, attributes_key, lead is None, bool(name))
        if probe is None:
            return key, _post_written
    if key[0] == "post":
        probe.described[(organization, post.role)] = probe.iri(organization, "post", post.role)
    elif lead is not None:
        probe.orgs[organization] = attrs.evolve(lead, id=organization, name=name)
    return key, attrs.evolve(
        post, id=ident, person=person, organization=organization, attributes=attributes
    )


def _tie_shape(nodes: _Nodes, t: Tie, f: _Fills, probe: _Nodes | None) -> tuple[Any, Any]:
    if t.start is not None or t.end is not None:
        raise _Unfit
    ident, source, target = f.ids(t.id, t.source, t.target)
    attributes = t.attributes  # no call for the usual empty ones
    attributes_key, attributes = f.attributes(attributes) if attributes._data else ((), attributes)
    orgs = nodes.orgs
    linked = t.source in orgs and t.target in orgs
    # the relation is part of the shape: the first tie of a shape is written from its
    # nodes, which records the relation and its concept
    key = (t.relation, linked, attributes_key)
    if probe is None:
        return key, None
    if linked:  # org:linkedTo too
        probe.orgs[source], probe.orgs[target] = orgs[t.source], orgs[t.target]
    return key, attrs.evolve(t, id=ident, source=source, target=target, attributes=attributes)


def _observation_shape(
    nodes: _Nodes, ob: Observation, f: _Fills, probe: _Nodes | None
) -> tuple[Any, Any]:
    ident, subject = f.ids(ob.id, ob.subject)
    # the value as an attribute that names no concept: a hole for a number or a string,
    # part of the shape for a boolean; the period is part of the shape (its dates)
    value_key, value = f.attributes(Attributes({"": ob.value}))
    source = None if ob.source is None else f.text(ob.source)
    attributes = ob.attributes  # no call for the usual empty ones
    attributes_key, attributes = f.attributes(attributes) if attributes._data else ((), attributes)
    key = (ob.indicator, value_key, ob.period, source is None, attributes_key)
    if probe is None:
        return key, None
    return key, attrs.evolve(
        ob, id=ident, subject=subject, value=value.get(""), source=source, attributes=attributes
    )


#: ``fast(nodes, entity, known)``: for a structure whose ids are plain and whose names need
#: no escape (:class:`_PlainTextFills`), an entity of the common shapes by a *fast key*
#: that decides its shape's key, made without a :class:`_Fills`: the entity's text when
#: ``known`` has the template of its fast key (filled with the parts the shape would put in
#: its fills, in the same order), else the fast key; ``None`` for the other entities, which
#: go through the shape. The key names the attributes by a token of the names and classes
#: of their values (only integers and strings that are no concept, none with a character
#: to escape, see :data:`_ATTRIBUTE_KEYS` and :func:`_plain_shape`), so that entities whose
#: keys are equal have equal shape keys.
_Fast = Callable[["_Nodes", Any, "dict[Any, Callable[[list[Any]], str]]"], Any]
_Known = dict[Any, Callable[[list[Any]], str]]


def _plain_shape(data: dict[str, Any], parts: list[Any]) -> object | None:
    """The token of the shape of attributes ``data`` (not empty) for a fast key, their
    values appended to ``parts``; ``None`` when the shape is not one of integers and plain
    strings (:data:`_ATTRIBUTE_KEYS`) or one of its strings needs an escape."""
    known = _ATTRIBUTE_KEYS.get((*data, *map(type, data.values())))
    if known is None:
        return None
    for name in known[1]:
        if _TURTLE_ESCAPE.search(data[name]) is not None:
            return None
    parts += data.values()
    return known[2]


def _unit_fast(nodes: _Nodes, u: Unit, known: _Known) -> Any:
    if (
        u.identifiers
        or u.start is not None
        or u.end is not None
        or u.formed_from
        or u.replaced_by is not None
    ):
        return None
    parent, name = u.parent, u.name
    parts: list[Any] = [u.id] if parent is None else [u.id, parent]
    if name:
        parts.append(name)
    data: dict[str, Any] = u.attributes._data
    signature: Any = ()
    if data and (signature := _plain_shape(data, parts)) is None:
        return None
    key = (u.kind, parent is None, name != "", signature)
    fill = known.get(key)
    return key if fill is None else fill(parts)


def _organization_fast(nodes: _Nodes, o: Organization, known: _Known) -> Any:
    if (
        o.identifiers
        or o.term_start is not None
        or o.term_years is not None
        or o.start is not None
        or o.end is not None
        or o.formed_from
        or o.replaced_by is not None
    ):
        return None
    parent, unit, name = o.parent, o.unit, o.name
    parts: list[Any]
    if parent is None:
        parts, n, lead_party = [o.id], 0, False
    else:
        leaders = nodes.leaders(o)
        if not leaders or leaders[0] != parent:
            return None  # its own leader
        parts, n = [o.id, *leaders], len(leaders)
        lead = nodes.orgs.get(parent)
        lead_party = lead is not None and nodes.vocab.is_party(plain(lead.kind))
    if unit is not None:
        parts.append(unit)
    if name:
        parts.append(name)
    data: dict[str, Any] = o.attributes._data
    signature: Any = ()
    if data and (signature := _plain_shape(data, parts)) is None:
        return None
    key = (o.kind, name != "", n, lead_party, unit is None, signature)
    fill = known.get(key)
    return key if fill is None else fill(parts)


def _person_fast(nodes: _Nodes, p: Person, known: _Known) -> Any:
    name = p.name
    parts: list[Any] = [p.id, name] if name else [p.id]
    data: dict[str, Any] = p.attributes._data
    signature: Any = ()
    if data and (signature := _plain_shape(data, parts)) is None:
        return None
    key = (p.party, p.mobility, name != "", signature)
    fill = known.get(key)
    return key if fill is None else fill(parts)


def _post_fast(nodes: _Nodes, post: Post, known: _Known) -> Any:
    if post.start is not None or post.end is not None:
        return None
    organization = post.organization
    parts: list[Any] = [post.id, post.person, organization]
    data: dict[str, Any] = post.attributes._data
    signature: Any = ()
    if data and (signature := _plain_shape(data, parts)) is None:
        return None
    role = post.role
    if (organization, role) in nodes.described:
        key: tuple[Any, ...] = (False, role, signature)
        fill = known.get(key)
        return key if fill is None else fill(parts)
    lead = nodes.orgs.get(organization)
    name = "" if lead is None else lead.name
    if name:
        parts.append(name)
    key = (True, role, signature, lead is None, name != "")
    fill = known.get(key)
    if fill is None:
        return key
    _post_written(nodes, post)  # as after a template of the shape
    return fill(parts)


_FAST: dict[str, _Fast] = {
    "units": _unit_fast,
    "organizations": _organization_fast,
    "people": _person_fast,
    "posts": _post_fast,
}


def _post_written(nodes: _Nodes, post: Post) -> None:
    """What :meth:`_Nodes.posts` remembers of a post that describes its org:Post, for one
    written from a template: the org:Post is described.

    Its IRI is :meth:`_Nodes.iri` of the organization, ``post`` and the role, made here
    without encoding the organization's id again (a template's ids are plain names, which
    percent-encoding keeps as they are) and with the role's part made once per role.
    """
    role = post.role
    path = nodes.post_paths.get(role)
    if path is None:
        path = nodes.post_paths[role] = "/post/" + _enc(role)
    nodes.described[(post.organization, role)] = nodes.base + post.organization + path


def _texts(nodes: _Nodes, render: Callable[[list[dict[str, Any]]], str]) -> Iterator[list[str]]:
    """The text of the nodes of ``nodes`` as ``render`` writes them, a chunk at a time (of
    at most :data:`_CHUNK` entities, and about :data:`~govmodel.io.native._PIECE`
    characters), each chunk a new list of its pieces (see :func:`_encoded`).

    The same text as ``render`` over all the nodes, in the same order: the entities of
    the common shapes (units, organizations, people, posts and ties without dates or
    identifiers, observations, all with plain ids) are written by filling a template,
    made from the first entity of each shape and
    checked against the text of its nodes (a shape whose check fails is written from its
    nodes); the others are written from their nodes.

    The ids and names of a block of :data:`_CHUNK` entities are checked (plain ids, texts
    without escapes: one scan of each column) just before the block is written, while its
    entities are at hand; in a block that passes, the fills check neither again, and the
    entities of the four largest sections are matched to their templates by a fast key
    (see :data:`_Fast`) without going through their shape.
    """
    s = nodes.s
    # the organizations' names are written by the organizations' and the posts' templates
    names = _plain_text_column(s.organizations, "name")
    sections: tuple[tuple[str, Sequence[Any], _Shape | None], ...] = (
        ("units", s.units, _unit_shape),
        ("organizations", s.organizations, _organization_shape),
        ("people", s.people, _person_shape),
        ("posts", s.posts, _post_shape),
        ("ties", s.ties, _tie_shape),
        ("observations", s.observations, _observation_shape),
        ("decisions", s.decisions, None),
    )
    parts = [render([nodes.structure_node()])]
    append = parts.append
    count = size = 0  # entities, and characters, in parts
    for section, entities, shape in sections:
        write: Callable[[Sequence[Any], list[dict[str, Any]]], None] = getattr(nodes, section)
        if shape is None:
            for i in range(0, len(entities), _BATCH):
                out: list[dict[str, Any]] = []
                write(entities[i : i + _BATCH], out)
                text = render(out)
                append(text)
                count += _BATCH
                size += len(text)
                if count >= _CHUNK or size >= _PIECE:
                    yield parts
                    parts, count, size = [], 0, 0
                    append = parts.append
            continue
        pending: list[dict[str, Any]] = []  # the nodes of entities that no template covers
        templates: dict[Any, Any] = {}  # by shape: a template, None or _MET_ONCE
        known: _Known = {}  # the templates of the fast keys met (see _Fast)
        most, piece = _CHUNK, _PIECE
        fields = _ID_FIELDS[section]
        # the ids checked plain a block at a time, just before the block is written (its
        # entities then stay at hand); an organization's leaders are anywhere in its section
        whole = section == "organizations" and all(
            _plain_column(entities, field) for field in fields
        )
        for begin in range(0, len(entities), _CHUNK):
            block = entities[begin : begin + _CHUNK]
            fills: type[_Fills] = _Fills
            if whole or (
                section != "organizations" and all(_plain_column(block, field) for field in fields)
            ):
                own = _TEXT_FIELDS.get(section)
                if section in ("organizations", "posts"):
                    texts = names
                else:
                    texts = own is None or _plain_text_column(block, own)
                fills = _PlainTextFills if texts else _PlainFills
            fast = _FAST.get(section) if fills is _PlainTextFills else None
            for e in block:
                if count >= most or size >= piece:
                    if pending:
                        append(render(pending))
                        pending = []
                    yield parts
                    parts, count, size = [], 0, 0
                    append = parts.append
                count += 1
                quick = None
                if fast is not None:
                    quick = fast(nodes, e, known)
                    if quick.__class__ is str:  # its text, from the template of its fast key
                        if pending:
                            append(render(pending))
                            pending = []
                        append(quick)
                        size += len(quick)
                        continue
                f = fills()
                try:
                    key, after = shape(nodes, e, f, None)
                    template = templates.get(key, _NO_TEMPLATE)
                except _Unfit:
                    template = None
                else:
                    if template is _NO_TEMPLATE:
                        # the first of its shape is written from its nodes: a template is
                        # made for the second, so that a shape met once (attributes of
                        # names of the entity's own) costs no template
                        templates[key] = _MET_ONCE
                        template = None
                    elif template is _MET_ONCE:
                        # made before e is written, and checked against e's own text
                        template = _template(nodes, section, e, shape, render, f)
                        out = []
                        write((e,), out)
                        text = render(out)
                        if template is not None and template(f) != text:
                            template = None
                        templates[key] = template
                        if pending:
                            append(render(pending))
                            pending = []
                        append(text)
                        size += len(text)
                        continue
                if template is None:
                    write((e,), pending)
                    if len(pending) >= _FIRST_PIECE:
                        text = render(pending)
                        append(text)
                        size += len(text)
                        pending = []
                    continue
                if pending:
                    append(render(pending))
                    pending = []
                text = template(f)
                append(text)
                size += len(text)
                if after is not None:
                    after(nodes, e)
                if quick is not None:  # the next entities of this fast key: at once
                    known[quick] = template
        if pending:
            append(render(pending))
    out = list(nodes.vocabulary())
    out.extend(nodes.ontology())
    append(render(out))
    yield parts


_NO_TEMPLATE: Any = object()
#: The template of a shape met once so far: none yet, made for its next entity.
_MET_ONCE: Any = object()


def _encoded(pieces: list[str]) -> bytes:
    """A chunk of pieces as UTF-8, each piece encoded on its own: a piece with a character
    beyond ASCII (a Chinese label) leaves the others a byte a character, where joining
    them first would widen them all."""
    return b"".join(map(str.encode, pieces))


def _template(
    nodes: _Nodes,
    section: str,
    e: Any,
    shape: _Shape,
    render: Callable[[list[dict[str, Any]]], str],
    fills: Sequence[Any] = (),
) -> Callable[[list[str]], str] | None:
    """The template of the shape of ``e``: a function of the parts that :class:`_Fills`
    collects, made from the text of the nodes that ``section`` describes the probe of
    ``e`` with (a :class:`_Probe` makes it), each sentinel cut out for its part; ``None``
    when ``e`` has no part, or more than :data:`_MOST_HOLES`, or when one of ``e``'s own
    parts (``fills``) is written as its sentinel: the sentinel may then also stand in the
    text for what is no part (a kind or an attribute's name of that text), which the
    check of the template against ``e``'s own text cannot tell from a hole.

    The function is an f-string compiled once, as :mod:`cattrs` compiles its
    structuring functions: one string built per entity, its fixed text kept as constants,
    the parts unpacked into local names at once.
    """
    scratch = nodes.scratch()
    f = _Probe()
    probe = shape(nodes, e, f, scratch)[1]
    out: list[dict[str, Any]] = []
    getattr(scratch, section)((probe,), out)
    if not f.marks or len(f.marks) > _MOST_HOLES:
        return None
    if any(str(part) == mark for part, mark in zip(fills, f.marks, strict=False)):
        return None
    holes = {m: i for i, m in enumerate(f.marks)}
    marks = re.compile("|".join(map(re.escape, sorted(holes, key=len, reverse=True))))
    text = render(out)
    pieces: list[str] = []
    at = 0
    for m in marks.finditer(text):
        fixed = text[at : m.start()].replace("{", "{{").replace("}", "}}")
        pieces.append(f"f{fixed!r} f'{{v{holes[m.group()]}}}'")
        at = m.end()
    fixed = text[at:].replace("{", "{{").replace("}", "}}")
    pieces.append(f"f{fixed!r}")
    names = "".join(f"v{i}, " for i in range(len(holes)))
    code = f"def fill(v):\n    {names}= v\n    return " + " ".join(pieces)
    scope: dict[str, Any] = {}
    exec(code, scope)
    fill: Callable[[list[str]], str] = scope["fill"]
    return fill


def export_org_turtle(
    structure: Structure, path: str | os.PathLike[str] | None = None, *, base: str | None = None
) -> str:
    """A structure as Turtle (W3C ORG, see :func:`to_org`); with ``path``, written there.

    Parameters
    ----------
    structure
        The structure.
    path
        Where to write the Turtle (UTF-8, through a temporary file and an atomic rename).
        The text is written as it is made, a few thousand resources at a time, and never
        held whole: the function then returns the empty string.
    base
        The base of entity IRIs, as for :func:`to_org`.

    Returns
    -------
    str
        The Turtle text; the empty string when ``path`` is given.

    Notes
    -----
    The triples are those of :func:`to_org` (the same graph, up to isomorphism), written
    without building the graph: each resource is one block, and a resource described by
    two sections (a unit, and the unit containing it) comes back in a later block. Time
    and memory are linear in the size of the structure; memory beyond the structure's own
    is a few thousand resources and the ids of the organizations. Units, organizations,
    people, posts, ties and observations of a shape already written (the same kind, role,
    relation or indicator and attribute names, no dates or identifiers but an
    observation's period) are written by filling in a template made from the text of the
    first of them, the same text byte for byte.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.io.org import export_org_turtle
    >>> text = export_org_turtle(govmodel.datasets.load("chengdu"))
    >>> "@prefix org: <http://www.w3.org/ns/org#> ." in text
    True
    """
    require_types(structure)
    try:
        b = _base_for(structure, base)
    except UnicodeEncodeError as exc:  # a name of a lone surrogate, which has no UTF-8
        _unwritable(structure, exc)
    turtle = _Turtle(b)
    node = turtle.node

    def render(nodes: list[dict[str, Any]]) -> str:
        return "".join(map(node, nodes))

    chunks = itertools.chain([[turtle.head()]], _texts(_Nodes(structure, b), render))
    with gc_paused():
        if path is not None:
            _write_stream(path, map(_encoded, chunks), structure)
            return ""
        try:
            return "".join(itertools.chain.from_iterable(chunks))
        except ValueError as exc:  # an IRI of a lone surrogate, an integer of 5,000 digits
            _refused(structure, exc)


def _context(base: str) -> dict[str, str]:
    return _prefixes(base)


# what goes before each node object of the JSON-LD @graph: one node object a line
_ITEM = ",\n    "
_ITEM_BYTES = _ITEM.encode("ascii")


def export_org_jsonld(
    structure: Structure, path: str | os.PathLike[str] | None = None, *, base: str | None = None
) -> str:
    """A structure as JSON-LD (W3C ORG, see :func:`to_org`); with ``path``, written there.

    The document carries its own ``@context`` (prefixes only), so it is read without fetching
    anything.

    Parameters
    ----------
    structure
        The structure.
    path
        Where to write the JSON-LD (UTF-8, through a temporary file and an atomic rename).
        The text is written as it is made, a few thousand nodes at a time, and never held
        whole: the function then returns the empty string.
    base
        The base of entity IRIs, as for :func:`to_org`.

    Returns
    -------
    str
        The JSON-LD text; the empty string when ``path`` is given.

    Notes
    -----
    The layout: the ``@context`` indented, one prefix a line, then ``@graph`` with one node
    object a line, written compactly (``json.dumps(node, ensure_ascii=False,
    separators=(",", ":"))``, no space or line break inside it), so that each line of the
    graph is one resource and the text is about two thirds of the size of a document
    indented throughout. ``@graph`` lists node objects in the order of the structure, a few
    per entity; a resource described by two sections comes back in a later node, which
    JSON-LD reads as one (the triples are those of :func:`to_org`). Every literal other than a plain string
    is a value object, ``{"@value": "…", "@type": "xsd:…"}``, never a bare JSON number, so
    that ``1`` and ``1.0`` stay apart and integers of any size are kept whole. Entities of
    a shape already written are written from a template, as by :func:`export_org_turtle`.

    Examples
    --------
    >>> import json, govmodel
    >>> from govmodel.io.org import export_org_jsonld
    >>> doc = json.loads(export_org_jsonld(govmodel.datasets.load("chengdu")))
    >>> doc["@context"]["org"]
    'http://www.w3.org/ns/org#'
    >>> text = export_org_jsonld(govmodel.datasets.load("chengdu"))
    >>> graph = text.split('"@graph": [', 1)[1].splitlines()[1:-2]  # one line a node
    >>> len(graph) == len(doc["@graph"])
    True
    >>> print(graph[0][:60])
        {"@id":"id:","@type":"gm:Structure","gm:name":"chengdu",
    """
    require_types(structure)
    try:
        b = _base_for(structure, base)
    except UnicodeEncodeError as exc:  # a name of a lone surrogate, which has no UTF-8
        _unwritable(structure, exc)
    context = json.dumps(_context(b), ensure_ascii=False, indent=2).replace("\n", "\n  ")

    orjson = _orjson()

    def render(nodes: list[dict[str, Any]]) -> str:
        # the items of the @graph array, one node object a line, each after a comma (the
        # first one's goes)
        if not nodes:
            return ""
        if orjson is not None:
            try:
                return _ITEM + _ITEM_BYTES.join(map(orjson.dumps, nodes)).decode("utf-8")
            except (TypeError, ValueError):  # a lone surrogate, say
                pass
        return _ITEM + _ITEM.join(
            [json.dumps(n, ensure_ascii=False, separators=(",", ":")) for n in nodes]
        )

    def chunks() -> Iterator[list[str]]:
        texts = _texts(_Nodes(structure, b), render)
        first = next(texts)
        first[0] = '{\n  "@context": ' + context + ',\n  "@graph": [' + first[0][1:]
        yield first
        yield from texts
        yield ["\n  ]\n}\n"]

    with gc_paused():
        if path is not None:
            _write_stream(path, map(_encoded, chunks()), structure)
            return ""
        try:
            return "".join(itertools.chain.from_iterable(chunks()))
        except ValueError as exc:  # an IRI of a lone surrogate, an integer of 5,000 digits
            _refused(structure, exc)


#: Exporters by format name: a structure to the text of a file.
EXPORTERS: dict[str, Callable[[Structure], str | bytes]] = {
    "org-jsonld": export_org_jsonld,
    "org-turtle": export_org_turtle,
}
#: Importers by format name (the ORG export is one-way).
IMPORTERS: dict[str, Callable[[str | bytes], Structure]] = {}
