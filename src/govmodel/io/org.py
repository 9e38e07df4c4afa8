"""The W3C Organization Ontology: a structure as RDF (JSON-LD and Turtle).

Needs the ``rdf`` extra (rdflib): ``pip install 'govmodel[rdf]'``.

:func:`to_org` describes a structure with the `W3C Organization Ontology
<https://www.w3.org/TR/vocab-org/>`_ (ORG), SKOS for the vocabulary, OWL-Time for dates,
FOAF for people and SOSA for observations; :func:`export_org_jsonld` and
:func:`export_org_turtle` write it. The export is one-way (govmodel's own format, Popolo and
the graph formats are the lossless ones); the full mapping table is in :doc:`/guide/interop`.

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
  ``org:hasSite`` / ``org:siteOf`` for the unit where it sits, ``org:identifier``;
* units and organizations with dates or a succession: ``gm:existedDuring`` (a
  ``time:Interval``), ``gm:formedFrom``, ``gm:replacedBy``; for organizations also ORG's
  change events, ``{id}/formed`` and ``{id}/ended``: ``org:ChangeEvent`` with
  ``org:originalOrganization``, ``org:resultingOrganization`` and ``prov:atTime``, linked by
  ``org:resultedFrom`` and ``org:changedBy``;
* people: ``foaf:Person``, ``foaf:name``, ``gm:partyStatus``;
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
  resources with ``gm:voter`` and ``gm:choice``);
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

import json
import os
from collections.abc import Callable
from fractions import Fraction
from typing import Any
from urllib.parse import quote

from govmodel.errors import require
from govmodel.io.native import atomic_write
from govmodel.spec import Attributes, Organization, Structure, Unit, VotingRule
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

_SCHEME_LABELS: dict[str, tuple[str, str]] = {
    "unit_kinds": ("govmodel unit kinds", "地域单元类型"),
    "organization_kinds": ("govmodel organization kinds", "组织类型"),
    "roles": ("govmodel roles", "职务"),
    "relations": ("govmodel relations", "关系"),
    "indicators": ("govmodel indicators", "指标"),
    "party_statuses": ("govmodel party statuses", "党员状态"),
    "origins": ("govmodel compound origins", "小区类型"),
    "management_modes": ("govmodel property-management modes", "物业管理模式"),
}

_FORMAL_SECTORS = frozenset({"self_governance", "market", "social", "government"})

#: The most leaders of one organization the written-out closure
#: ``org:transitiveSubOrganizationOf`` lists (the nearest ones).
CLOSURE_DEPTH = 16


def _xsd_double(value: float) -> str:
    """The exact ``xsd:double`` lexical form of a float: the shortest that reads back."""
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "INF" if value > 0 else "-INF"
    return repr(value)


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


def _enc(value: str) -> str:
    return quote(value, safe="")


def _base_for(structure: Structure, base: str | None) -> str:
    if base is not None:
        return base
    name = structure.metadata.name
    return f"{DEFAULT_BASE}{_enc(name)}/" if name else DEFAULT_BASE


class _Writer:
    """Builds the RDF graph of one structure."""

    def __init__(self, structure: Structure, base: str) -> None:
        rdflib: Any = require("rdflib", "rdf", feature="the W3C Organization Ontology export")
        self.rdflib = rdflib
        self.s = structure
        self.vocab: Vocabulary = structure.vocab
        self.base = base
        ns = rdflib.Namespace
        self.ORG = ns(_ORG)
        self.TIME = ns(_TIME)
        self.SOSA = ns(_SOSA)
        self.GM = ns(NS)
        self.REL = ns(RELATION_NS)
        self.ATTR = ns(ATTRIBUTE_NS)
        self.RDF = rdflib.RDF
        self.RDFS = rdflib.RDFS
        self.SKOS = rdflib.SKOS
        self.FOAF = rdflib.FOAF
        self.XSD = rdflib.XSD
        self.DCTERMS = rdflib.DCTERMS
        self.OWL = rdflib.OWL
        self.PROV = rdflib.PROV
        g = rdflib.Graph()
        for prefix, uri in (
            ("org", _ORG),
            ("time", _TIME),
            ("sosa", _SOSA),
            ("gm", NS),
            ("gmrel", RELATION_NS),
            ("gmattr", ATTRIBUTE_NS),
            ("gmvocab", VOCAB),
            ("skos", str(rdflib.SKOS)),
            ("foaf", str(rdflib.FOAF)),
            ("dcterms", str(rdflib.DCTERMS)),
            ("owl", str(rdflib.OWL)),
            ("prov", str(rdflib.PROV)),
        ):
            g.bind(prefix, uri, override=True, replace=True)
        g.bind("id", base, override=True, replace=True)
        self.g = g
        self.concepts: set[tuple[str, str]] = set()
        self.relations: set[str] = set()

    # -- helpers -----------------------------------------------------------------------
    def iri(self, ident: str, *rest: str) -> Any:
        tail = "".join("/" + _enc(r) for r in rest)
        return self.rdflib.URIRef(f"{self.base}{_enc(ident)}{tail}")

    def concept(self, category: Category, name: str) -> Any:
        self.concepts.add((category, name))
        return self.rdflib.URIRef(f"{VOCAB}{category}/{_enc(name)}")

    def scheme(self, category: str) -> Any:
        return self.rdflib.URIRef(f"{VOCAB}{category}")

    def add(self, s: Any, p: Any, o: Any) -> None:
        self.g.add((s, p, o))

    def literal(self, value: str | int | float | bool) -> Any:
        Literal = self.rdflib.Literal
        if isinstance(value, bool):
            return Literal(value, datatype=self.XSD.boolean)
        if isinstance(value, int):
            return Literal(value, datatype=self.XSD.integer)
        if isinstance(value, float):
            return _double_literal(self.rdflib)(_xsd_double(value), datatype=self.XSD.double)
        return Literal(value)

    def label(self, s: Any, name: str, *, pref: bool = False) -> None:
        if name:
            self.add(s, self.RDFS.label, self.rdflib.Literal(name))
            if pref:
                self.add(s, self.SKOS.prefLabel, self.rdflib.Literal(name))

    def attributes(self, s: Any, attributes: Attributes) -> None:
        for key, value in attributes.items():
            prop = self.rdflib.URIRef(ATTRIBUTE_NS + _enc(key))
            category = ATTRIBUTE_TERMS.get(key)
            if category is not None and isinstance(value, str):
                self.add(s, prop, self.concept(category, value))
            else:
                self.add(s, prop, self.literal(value))

    def instant(self, s: Any, date: str) -> None:
        Literal = self.rdflib.Literal
        self.add(s, self.RDF.type, self.TIME.Instant)
        if len(date) == 4:
            self.add(s, self.TIME.inXSDgYear, Literal(date, datatype=self.XSD.gYear))
        elif len(date) == 7:
            self.add(s, self.TIME.inXSDgYearMonth, Literal(date, datatype=self.XSD.gYearMonth))
        else:
            self.add(s, self.TIME.inXSDDate, Literal(date, datatype=self.XSD.date))

    def interval(self, owner: str, start: str | None, end: str | None) -> Any:
        """A time:Interval from partial dates (``None`` when both are open)."""
        if start is None and end is None:
            return None
        during = self.iri(owner, "during")
        self.add(during, self.RDF.type, self.TIME.Interval)
        if start is not None:
            b = self.iri(owner, "start")
            self.add(during, self.TIME.hasBeginning, b)
            self.instant(b, start)
        if end is not None:
            e = self.iri(owner, "end")
            self.add(during, self.TIME.hasEnd, e)
            self.instant(e, end)
        return during

    def typed_date(self, date: str) -> Any:
        Literal = self.rdflib.Literal
        if len(date) == 4:
            return Literal(date, datatype=self.XSD.gYear)
        if len(date) == 7:
            return Literal(date, datatype=self.XSD.gYearMonth)
        return Literal(date, datatype=self.XSD.date)

    def notation(self, s: Any, prop: Any, scheme: str, identifier: str) -> None:
        Literal = self.rdflib.Literal
        if scheme:
            dt = self.rdflib.URIRef(SCHEME_NS + _enc(scheme))
            self.add(s, prop, Literal(identifier, datatype=dt))
        else:
            self.add(s, prop, Literal(identifier))

    # -- sections ----------------------------------------------------------------------
    def write(self) -> Any:
        self.structure_node()
        self.units()
        self.organizations()
        self.people()
        self.posts()
        self.ties()
        self.observations()
        self.decisions()
        self.vocabulary()
        self.ontology()
        return self.g

    def structure_node(self) -> None:
        m = self.s.metadata
        node = self.rdflib.URIRef(self.base)
        Literal = self.rdflib.Literal
        self.add(node, self.RDF.type, self.GM.Structure)
        if m.name:
            self.add(node, self.GM.name, Literal(m.name))
        if m.title:
            self.add(node, self.DCTERMS.title, Literal(m.title))
        if m.description:
            self.add(node, self.DCTERMS.description, Literal(m.description))
        if m.place:
            self.add(node, self.DCTERMS.coverage, Literal(m.place))
        for model in m.model:
            self.add(node, self.GM.model, Literal(model))
        for source in m.source:
            self.add(node, self.DCTERMS.source, Literal(source))
        self.add(node, self.GM.synthetic, self.literal(m.synthetic))
        if m.seed is not None:
            self.add(node, self.GM.seed, self.literal(m.seed))
        self.attributes(node, m.attributes)

    def units(self) -> None:
        for u in self.s.units:
            node = self.iri(u.id)
            self.add(node, self.RDF.type, self.GM.Unit)
            self.add(node, self.RDF.type, self.ORG.Site)
            self.label(node, u.name)
            self.add(node, self.GM.kind, self.concept("unit_kinds", u.kind))
            if u.parent is not None:
                parent = self.iri(u.parent)
                self.add(node, self.GM.within, parent)
                self.add(parent, self.GM.contains, node)
            for ident in u.identifiers:
                self.notation(node, self.SKOS.notation, ident.scheme, ident.identifier)
            self.attributes(node, u.attributes)
            self.history(u, node)

    def organizations(self) -> None:
        orgs = {o.id: o for o in self.s.organizations}
        for o in self.s.organizations:
            node = self.iri(o.id)
            self.add(node, self.RDF.type, self.ORG.Organization)
            term = self.vocab.category("organization_kinds").get(o.kind)
            is_party = bool(term and term.party)
            if is_party:
                self.add(node, self.RDF.type, self.ORG.OrganizationalUnit)
            elif term is not None and term.sector in _FORMAL_SECTORS:
                self.add(node, self.RDF.type, self.ORG.FormalOrganization)
            self.label(node, o.name, pref=True)
            self.add(node, self.ORG.classification, self.concept("organization_kinds", o.kind))
            if o.parent is not None:
                parent = self.iri(o.parent)
                self.add(node, self.ORG.subOrganizationOf, parent)
                self.add(parent, self.ORG.hasSubOrganization, node)
                lead = orgs.get(o.parent)
                if is_party and lead is not None and self.vocab.is_party(lead.kind):
                    self.add(node, self.ORG.unitOf, parent)
                    self.add(parent, self.ORG.hasUnit, node)
                # the transitive closure, written out (cycle-safe) to the nearest
                # CLOSURE_DEPTH leaders, so that long chains stay linear
                seen = {o.id}
                up: str | None = o.parent
                while up is not None and up not in seen and len(seen) <= CLOSURE_DEPTH:
                    seen.add(up)
                    self.add(node, self.ORG.transitiveSubOrganizationOf, self.iri(up))
                    nxt = orgs.get(up)
                    up = nxt.parent if nxt is not None else None
            if o.unit is not None:
                site = self.iri(o.unit)
                self.add(node, self.ORG.hasSite, site)
                self.add(site, self.ORG.siteOf, node)
            for ident in o.identifiers:
                self.notation(node, self.ORG.identifier, ident.scheme, ident.identifier)
            self.attributes(node, o.attributes)
            self.history(o, node)
            self.changes(o, node)

    def history(self, e: Unit | Organization, node: Any) -> None:
        """A unit's or organization's days (``gm:existedDuring``, a ``time:Interval``) and
        succession (``gm:formedFrom``, ``gm:replacedBy``)."""
        during = self.interval(e.id, e.start, e.end)
        if during is not None:
            self.add(node, self.GM.existedDuring, during)
        for x in e.formed_from:
            self.add(node, self.GM.formedFrom, self.iri(x))
        if e.replaced_by is not None:
            self.add(node, self.GM.replacedBy, self.iri(e.replaced_by))

    def changes(self, o: Organization, node: Any) -> None:
        """ORG's change events: ``{id}/formed`` (``org:resultedFrom``: the organizations it
        was formed from, ``org:originalOrganization``, on its start) and ``{id}/ended``
        (``org:changedBy``: dissolved, or replaced by ``org:resultingOrganization``, on its
        end), each an ``org:ChangeEvent`` with ``prov:atTime`` where dated."""
        Literal = self.rdflib.Literal
        if o.formed_from or o.start is not None:
            event = self.iri(o.id, "formed")
            self.add(event, self.RDF.type, self.ORG.ChangeEvent)
            self.add(node, self.ORG.resultedFrom, event)
            self.add(event, self.ORG.resultingOrganization, node)
            for x in o.formed_from:
                self.add(event, self.ORG.originalOrganization, self.iri(x))
            if o.start is not None:
                self.add(event, self.PROV.atTime, self.typed_date(o.start))
            self.add(event, self.DCTERMS.description, Literal("formed", lang="en"))
        if o.replaced_by is not None or o.end is not None:
            event = self.iri(o.id, "ended")
            self.add(event, self.RDF.type, self.ORG.ChangeEvent)
            self.add(node, self.ORG.changedBy, event)
            self.add(event, self.ORG.originalOrganization, node)
            if o.replaced_by is not None:
                self.add(event, self.ORG.resultingOrganization, self.iri(o.replaced_by))
            if o.end is not None:
                self.add(event, self.PROV.atTime, self.typed_date(o.end))
            what = "replaced" if o.replaced_by is not None else "dissolved"
            self.add(event, self.DCTERMS.description, Literal(what, lang="en"))

    def people(self) -> None:
        for p in self.s.people:
            node = self.iri(p.id)
            self.add(node, self.RDF.type, self.FOAF.Person)
            if p.name:
                self.add(node, self.FOAF.name, self.rdflib.Literal(p.name))
            if p.party is not None:
                self.add(node, self.GM.partyStatus, self.concept("party_statuses", p.party))
            self.attributes(node, p.attributes)

    def posts(self) -> None:
        org_names = {o.id: o.name for o in self.s.organizations}
        Literal = self.rdflib.Literal
        for post in self.s.posts:
            node = self.iri(post.id)
            person, org = self.iri(post.person), self.iri(post.organization)
            role = self.concept("roles", post.role)
            self.add(node, self.RDF.type, self.ORG.Membership)
            self.add(node, self.ORG.member, person)
            self.add(node, self.ORG.organization, org)
            self.add(node, self.ORG.role, role)
            during = self.interval(post.id, post.start, post.end)
            if during is not None:
                self.add(node, self.ORG.memberDuring, during)
            self.attributes(node, post.attributes)
            if post.end is None:  # still held
                self.add(person, self.ORG.memberOf, org)
                position = self.iri(post.organization, "post", post.role)
                self.add(position, self.RDF.type, self.ORG.Post)
                self.add(position, self.ORG.postIn, org)
                self.add(org, self.ORG.hasPost, position)
                self.add(position, self.ORG.role, role)
                term = self.vocab.category("roles").get(post.role)
                role_en = term.en if term is not None else post.role
                where = org_names.get(post.organization) or post.organization
                self.add(position, self.RDFS.label, Literal(f"{role_en}, {where}", lang="en"))
                if term is not None and term.zh:
                    self.add(position, self.RDFS.label, Literal(f"{where}{term.zh}", lang="zh"))
                self.add(person, self.ORG.holds, position)
                self.add(position, self.ORG.heldBy, person)
                if term is not None and term.head:
                    self.add(person, self.ORG.headOf, org)

    def ties(self) -> None:
        org_ids = {o.id for o in self.s.organizations}
        for t in self.s.ties:
            node = self.iri(t.id)
            src, dst = self.iri(t.source), self.iri(t.target)
            self.add(node, self.RDF.type, self.GM.Tie)
            self.add(node, self.GM.source, src)
            self.add(node, self.GM.target, dst)
            self.add(node, self.GM.relation, self.concept("relations", t.relation))
            during = self.interval(t.id, t.start, t.end)
            if during is not None:
                self.add(node, self.GM.during, during)
            self.add(src, self.rdflib.URIRef(RELATION_NS + _enc(t.relation)), dst)
            self.relations.add(t.relation)
            if t.source in org_ids and t.target in org_ids:
                self.add(src, self.ORG.linkedTo, dst)
            self.attributes(node, t.attributes)

    def observations(self) -> None:
        Literal = self.rdflib.Literal
        for ob in self.s.observations:
            node = self.iri(ob.id)
            self.add(node, self.RDF.type, self.SOSA.Observation)
            self.add(node, self.SOSA.hasFeatureOfInterest, self.iri(ob.subject))
            self.add(node, self.SOSA.observedProperty, self.concept("indicators", ob.indicator))
            self.add(node, self.SOSA.hasSimpleResult, self.literal(ob.value))
            if ob.period is not None:
                self.add(node, self.GM.period, Literal(ob.period))
                start, _, end = ob.period.partition("/")
                during = self.interval(ob.id, start, end or start)
                self.add(node, self.SOSA.phenomenonTime, during)
            if ob.source is not None:
                self.add(node, self.DCTERMS.source, Literal(ob.source))
            self.attributes(node, ob.attributes)

    def decisions(self) -> None:
        Literal = self.rdflib.Literal
        for d in self.s.decisions:
            node = self.iri(d.id)
            self.add(node, self.RDF.type, self.GM.Decision)
            self.add(node, self.GM.body, self.iri(d.body))
            if d.motion:
                self.add(node, self.DCTERMS.title, Literal(d.motion))
            if d.date is not None:
                self.add(node, self.DCTERMS.date, self.typed_date(d.date))
            self.add(node, self.GM.requirement, Literal(_requirement(d.rule), lang="en"))
            if d.outcome is not None:
                self.add(node, self.GM.outcome, Literal(d.outcome))
            if d.matter is not None:
                self.add(node, self.GM.matter, Literal(d.matter))
            if d.count is not None:
                for field in ("members", "present", "yes", "no", "abstain"):
                    value = getattr(d.count, field)
                    if value is not None:
                        self.add(node, self.GM[field], self.literal(value))
            if d.area is not None:
                for field in ("members", "present", "yes", "no", "abstain"):
                    value = getattr(d.area, field)
                    if value is not None:
                        prop = self.GM["area" + field.capitalize()]
                        self.add(node, prop, self.literal(value))
            for i, v in enumerate(d.votes):
                vote = self.iri(d.id, "vote", str(i))
                self.add(node, self.GM.vote, vote)
                self.add(vote, self.RDF.type, self.GM.Vote)
                self.add(vote, self.GM.voter, self.iri(v.person))
                self.add(vote, self.GM.choice, Literal(v.choice))
                if v.area is not None:
                    self.add(vote, self.GM.floorArea, self.literal(v.area))
            self.attributes(node, d.attributes)

    def vocabulary(self) -> None:
        Literal = self.rdflib.Literal
        declared = {(t.category, t.name) for t in self.s.vocabulary}
        wanted = self.concepts | declared
        schemes: set[str] = set()
        for category, name in sorted(wanted):
            node = self.rdflib.URIRef(f"{VOCAB}{category}/{_enc(name)}")
            scheme = self.scheme(category)
            schemes.add(category)
            self.add(node, self.RDF.type, self.SKOS.Concept)
            self.add(node, self.SKOS.inScheme, scheme)
            self.add(node, self.SKOS.notation, Literal(name))
            term = self.vocab.category(category).get(name)  # type: ignore[arg-type]
            if category == "roles":
                self.add(node, self.RDF.type, self.ORG.Role)
            if term is None:
                self.add(node, self.SKOS.prefLabel, Literal(name.replace("_", " "), lang="en"))
                continue
            self.add(node, self.SKOS.prefLabel, Literal(term.en, lang="en"))
            if term.zh:
                self.add(node, self.SKOS.prefLabel, Literal(term.zh, lang="zh"))
            if term.description:
                self.add(node, self.SKOS.definition, Literal(term.description, lang="en"))
            if term.rank is not None:
                self.add(node, self.GM.rank, self.literal(term.rank))
            if category == "organization_kinds":
                self.add(node, self.GM.partyOrganization, self.literal(term.party))
                if term.sector is not None:
                    self.add(node, self.GM.sector, Literal(term.sector))
            if term.head:
                self.add(node, self.GM.head, self.literal(True))
            if term.type is not None:
                self.add(node, self.GM.indicatorType, Literal(term.type))
            if term.part_of is not None:
                self.add(node, self.GM.partOf, self.concept("indicators", term.part_of))
        for category in sorted(schemes):
            scheme = self.scheme(category)
            en, zh = _SCHEME_LABELS.get(category, (f"govmodel {category}", ""))
            self.add(scheme, self.RDF.type, self.SKOS.ConceptScheme)
            self.add(scheme, self.SKOS.prefLabel, Literal(en, lang="en"))
            if zh:
                self.add(scheme, self.SKOS.prefLabel, Literal(zh, lang="zh"))

    def ontology(self) -> None:
        """Declarations of the govmodel terms used, so that consumers can read them."""
        Literal = self.rdflib.Literal
        gm = self.GM
        self.add(gm.Unit, self.RDF.type, self.OWL.Class)
        self.add(gm.Unit, self.RDFS.subClassOf, self.ORG.Site)
        self.add(gm.Unit, self.RDFS.label, Literal("unit of territory", lang="en"))
        self.add(gm.Unit, self.RDFS.label, Literal("地域单元", lang="zh"))
        self.add(gm.within, self.RDF.type, self.OWL.ObjectProperty)
        self.add(gm.within, self.RDFS.label, Literal("lies within", lang="en"))
        self.add(
            gm.within,
            self.RDFS.comment,
            Literal(
                "The unit of territory directly containing this one (a compound within its "
                "community). Not transitive as written: use the SPARQL path gm:within+.",
                lang="en",
            ),
        )
        self.add(gm.contains, self.OWL.inverseOf, gm.within)
        self.add(gm.tiedTo, self.RDF.type, self.OWL.ObjectProperty)
        self.add(gm.tiedTo, self.RDFS.label, Literal("has a tie to", lang="en"))
        for name in sorted(self.relations):
            prop = self.rdflib.URIRef(RELATION_NS + _enc(name))
            self.add(prop, self.RDF.type, self.OWL.ObjectProperty)
            self.add(prop, self.RDFS.subPropertyOf, gm.tiedTo)
            term = self.vocab.category("relations").get(name)
            self.add(prop, self.RDFS.label, Literal(term.en if term else name, lang="en"))
            if term is not None and term.zh:
                self.add(prop, self.RDFS.label, Literal(term.zh, lang="zh"))


def _requirement(rule: VotingRule) -> str:
    def frac(f: Fraction) -> str:
        return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"

    basis = {"members": "the members", "present": "those present", "cast": "the votes cast"}
    text = (
        f"{'more than' if rule.strict else 'at least'} {frac(rule.threshold)} of "
        f"{basis.get(rule.basis, rule.basis)}"
    )
    if rule.quorum is not None:
        text += f"; quorum {frac(rule.quorum)} of the members"
    if rule.by_area:
        text += "; the same by floor area (double majority)"
    return text


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

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.io.org import to_org
    >>> g = to_org(govmodel.datasets.load("xihu"), base="https://example.org/xihu/")
    >>> from rdflib import URIRef
    >>> (None, None, URIRef("http://www.w3.org/ns/org#Membership")) in g
    True
    """
    return _Writer(structure, _base_for(structure, base)).write()


def export_org_turtle(
    structure: Structure, path: str | os.PathLike[str] | None = None, *, base: str | None = None
) -> str:
    """A structure as Turtle (W3C ORG, see :func:`to_org`); with ``path``, also written there.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.io.org import export_org_turtle
    >>> text = export_org_turtle(govmodel.datasets.load("chengdu"))
    >>> "@prefix org: <http://www.w3.org/ns/org#> ." in text
    True
    """
    text: str = to_org(structure, base=base).serialize(format="turtle")
    if path is not None:
        atomic_write(path, text)
    return text


def _context(base: str) -> dict[str, str]:
    rdflib: Any = require("rdflib", "rdf", feature="the W3C Organization Ontology export")
    return {
        "org": _ORG,
        "skos": str(rdflib.SKOS),
        "time": _TIME,
        "foaf": str(rdflib.FOAF),
        "sosa": _SOSA,
        "dcterms": str(rdflib.DCTERMS),
        "rdfs": str(rdflib.RDFS),
        "owl": str(rdflib.OWL),
        "prov": str(rdflib.PROV),
        "xsd": str(rdflib.XSD),
        "gm": NS,
        "gmrel": RELATION_NS,
        "gmattr": ATTRIBUTE_NS,
        "gmvocab": VOCAB,
        "id": base,
    }


def export_org_jsonld(
    structure: Structure, path: str | os.PathLike[str] | None = None, *, base: str | None = None
) -> str:
    """A structure as JSON-LD (W3C ORG, see :func:`to_org`); with ``path``, also written there.

    The document carries its own ``@context`` (prefixes only), so it is read without fetching
    anything.

    Examples
    --------
    >>> import json, govmodel
    >>> from govmodel.io.org import export_org_jsonld
    >>> doc = json.loads(export_org_jsonld(govmodel.datasets.load("chengdu")))
    >>> doc["@context"]["org"]
    'http://www.w3.org/ns/org#'
    """
    from rdflib.plugins.serializers import jsonld

    from_rdf: Any = jsonld.from_rdf
    b = _base_for(structure, base)
    graph = to_org(structure, base=b)
    # rdflib's own serializer writes numbers as bare JSON numbers (and fails on integers
    # beyond 64 bits when orjson is installed): take its document as Python objects and
    # write the typed literals out exactly (see _sorted_jsonld)
    raw = from_rdf(graph, context_data=_context(b))
    text = json.dumps(_sorted_jsonld(raw), ensure_ascii=False, indent=2) + "\n"
    if path is not None:
        atomic_write(path, text)
    return text


def _sorted_jsonld(value: Any) -> Any:
    """JSON-LD with its nodes ordered by ``@id`` and its value lists sorted, so that the text
    does not depend on the order rdflib happens to iterate (which follows the hash seed),
    and with every native value (rdflib's compacted typed literals) written as an exact
    typed literal."""
    if isinstance(value, bool):
        return {"@value": "true" if value else "false", "@type": "xsd:boolean"}
    if isinstance(value, int):
        return {"@value": str(value), "@type": "xsd:integer"}
    if isinstance(value, float):
        return {"@value": _xsd_double(value), "@type": "xsd:double"}
    if isinstance(value, dict):
        return {k: _sorted_jsonld(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_jsonld(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value


#: Exporters by format name: a structure to the text of a file.
EXPORTERS: dict[str, Callable[[Structure], str | bytes]] = {
    "org-jsonld": export_org_jsonld,
    "org-turtle": export_org_turtle,
}
#: Importers by format name (the ORG export is one-way).
IMPORTERS: dict[str, Callable[[str | bytes], Structure]] = {}
