"""Tri-partite status of a compound: residents' committee, owners' committee and property
company ("three carriages", 三驾马车), under party leadership and linked (000, 004)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import chain
from typing import ClassVar, TypeAlias

import attrs

from govmodel.classify.base import (
    ClassDef,
    Classifier,
    Label,
    Reason,
    Source,
    _by_region,
    _cached,
    _org_ties,
    _post_people,
    _posts_by_org,
    _regions,
    _unit_ties,
    region,
)
from govmodel.index import StructureIndex
from govmodel.spec import Organization, Scalar
from govmodel.vocab import RESERVED_RELATIONS

__all__ = ["BODIES", "BODY_KINDS", "Tripartite", "tripartite"]

#: The three bodies, in the order details and messages list them.
BODIES: tuple[str, ...] = ("residents_committee", "owners_committee", "property_company")

#: The organization kinds that count as each body.
BODY_KINDS: dict[str, frozenset[str]] = {
    "residents_committee": frozenset({"residents_committee", "villagers_committee"}),
    "owners_committee": frozenset({"owners_committee"}),
    "property_company": frozenset({"property_company"}),
}

_PARTY = "party"
# Ties between bodies that do not link them: a party organization set up inside a body is
# leadership, counted as such.
_NOT_LINKS = frozenset({"embedded_in"})


def _body(org: Organization) -> str | None:
    """Which of the three bodies an organization is, by its kind (``None``: none)."""
    for body, kinds in BODY_KINDS.items():
        if org.kind in kinds:
            return body
    return None


def _committees_above(ix: StructureIndex, unit: str) -> tuple[str, tuple[str, ...]] | None:
    """The nearest unit containing ``unit`` (not ``unit`` itself) with residents'
    committees located in it, and those committees; ``None`` when no such unit.

    Read through :meth:`StructureIndex.nearest <govmodel.index.StructureIndex.nearest>`
    with one memo kept with the index, so that asking for every compound is linear however
    deep the containment. In a containment cycle (invalid) a unit is not its own container.
    """
    memo: dict[str, tuple[str, tuple[str, ...]] | None] = _cached(
        ix, "tripartite.committees_above", dict
    )

    def committees(a: str) -> tuple[str, tuple[str, ...]] | None:
        rcs = tuple(o.id for o in ix.orgs_at(a) if _body(o) == "residents_committee")
        return (a, rcs) if rcs else None

    u = ix.unit(unit)
    found: tuple[str, tuple[str, ...]] | None = ix.nearest(
        u.parent if u is not None else None, committees, memo
    )
    return None if found is None or found[0] == unit else found


def _ties_between(ix: StructureIndex) -> Mapping[tuple[str, str], tuple[tuple[int, str], ...]]:
    """``(source, target)`` to the ``(position, relation)`` of each tie between two
    organizations, in tie order (relations of the graph's own edges not read)."""

    def build() -> dict[tuple[str, str], tuple[tuple[int, str], ...]]:
        orgs = _org_ties(ix)
        out: dict[tuple[str, str], list[tuple[int, str]]] = {}
        for i, t in enumerate(ix.ties):
            if (
                t.source in orgs
                and t.relation not in RESERVED_RELATIONS
                and ix.organization(t.target) is not None
            ):
                out.setdefault((t.source, t.target), []).append((i, t.relation))
        return {k: tuple(v) for k, v in out.items()}

    return _cached(ix, "tripartite.ties_between", build)


def _union(pairs: Iterable[tuple[str, str]], nodes: Iterable[str]) -> dict[str, str]:
    """Connected components of a small graph, as node -> representative."""
    rep = {n: n for n in nodes}

    def find(x: str) -> str:
        while rep[x] != x:
            rep[x] = rep[rep[x]]
            x = rep[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            rep[ra] = rb
    return {n: find(n) for n in rep}


#: An organization located in a unit, and the unit; one tied to a unit, the unit, the relation.
_Located: TypeAlias = tuple[Organization, str]
_Tied: TypeAlias = tuple[Organization, str, str]


class _Lookups:
    """What :class:`Tripartite` reads of one index, bound once and kept with it: the
    organizations' ties, the ties into units, the organizations at a unit, each kind's
    body, the party organizations, and each organization's post holders."""

    __slots__ = (
        "_between",
        "_codes",
        "_common",
        "_holders",
        "_ix",
        "_n_orgs",
        "_n_units",
        "_people",
        "_posts_by_org",
        "body_of_kind",
        "embedded",
        "organization",
        "orgs_at",
        "party",
        "ties",
        "unit_ties",
    )

    def __init__(self, ix: StructureIndex) -> None:
        self._ix = ix
        self.ties = _org_ties(ix)
        self.unit_ties = _unit_ties(ix).get
        self.orgs_at = ix.orgs_at
        self.organization = ix.organization
        self.embedded = ix.sources
        #: Organization kind to the body it counts as (kinds of no body are absent).
        self.body_of_kind = {k: b for b, kinds in BODY_KINDS.items() for k in kinds}
        party_kind = ix.org_party
        self.party = frozenset(
            o.id
            for o, k in zip(ix.organizations, ix.org_kind.tolist(), strict=True)
            if party_kind[k]
        )
        self._codes, self._n_units, self._n_orgs = ix.codes, ix.n_units, ix.n_organizations
        self._people, self._posts_by_org = _post_people(ix), _posts_by_org(ix)
        self._holders: dict[str, frozenset[str]] = {}
        self._common: dict[tuple[str, str], str | None] = {}
        self._between: Mapping[tuple[str, str], tuple[tuple[int, str], ...]] | None = None

    def around(
        self, subject: str, units: Sequence[str]
    ) -> tuple[Sequence[_Located], Sequence[_Tied]]:
        """The organizations located in the region ``units`` of ``subject``, with their
        unit, and those tied into it, with the unit and relation, in the region's order.

        For the unit of a region of its rank, read from those of every region of the rank,
        found together on first use (:func:`~govmodel.classify.base._by_region`)."""
        ix = self._ix
        rank = ix.rank(subject)
        if rank is not None and subject in _regions(ix, rank):
            located, tied = _cached(ix, f"tripartite.around/{rank}", lambda: self._around(rank))
            return located.get(subject, ()), tied.get(subject, ())
        return self.around_units(units)

    def around_units(self, units: Sequence[str]) -> tuple[list[_Located], list[_Tied]]:
        """:meth:`around`, read unit by unit."""
        organization = self.organization
        return (
            [(o, u) for u in units for o in self.orgs_at(u)],
            [
                (org, u, rel)
                for u in units
                for source, rel in self.unit_ties(u, ())
                if (org := organization(source)) is not None
            ],
        )

    def _around(
        self, rank: int
    ) -> tuple[dict[str, tuple[_Located, ...]], dict[str, tuple[_Tied, ...]]]:
        """:meth:`around` of every region of ``rank``, by the region's unit."""
        ix, organization = self._ix, self.organization
        located: dict[str, list[_Located]] = {}
        for o in ix.organizations:
            if o.unit is not None:
                got = located.get(o.unit)
                if got is None:
                    located[o.unit] = [(o, o.unit)]
                else:
                    got.append((o, o.unit))
        tied: dict[str, list[_Tied]] = {
            u: [(org, u, rel) for source, rel in ties if (org := organization(source)) is not None]
            for u, ties in _unit_ties(ix).items()
        }
        return (
            {h: tuple(chain.from_iterable(v)) for h, v in _by_region(ix, rank, located).items()},
            {h: tuple(chain.from_iterable(v)) for h, v in _by_region(ix, rank, tied).items()},
        )

    def people_in(self, org: str) -> list[str]:
        """The people of an organization's posts, in post order (a person once a post), as
        :meth:`StructureIndex.posts_in <govmodel.index.StructureIndex.posts_in>` lists them;
        none for an id that is no organization."""
        code = self._codes.get(org, -1) - self._n_units
        if not 0 <= code < self._n_orgs:
            return []
        people = self._people
        return [people[i] for i in self._posts_by_org[code]]

    def holders(self, org: str) -> frozenset[str]:
        """The people holding a post in an organization (kept for each one asked about)."""
        got = self._holders.get(org)
        if got is None:
            got = self._holders[org] = frozenset(self.people_in(org))
        return got

    def first_common_holder(self, a: str, b: str) -> str | None:
        """The first (least) person holding posts in both organizations, or ``None`` (kept
        for the pair)."""
        key = (a, b) if a < b else (b, a)
        got = self._common.get(key, self)
        if got is self:
            ha, hb = self.holders(a), self.holders(b)
            small, large = (ha, hb) if len(ha) <= len(hb) else (hb, ha)
            got = self._common[key] = min((p for p in small if p in large), default=None)
        return got  # type: ignore[return-value]

    def between(self) -> Mapping[tuple[str, str], tuple[tuple[int, str], ...]]:
        """:func:`_ties_between`, on first use."""
        if self._between is None:
            self._between = _ties_between(self._ix)
        return self._between


@attrs.frozen
class Tripartite(Classifier):
    """Whether a compound has the three bodies of tri-partite governance, under party
    leadership, and linked to one another.

    The bodies (:data:`BODY_KINDS`) and how each is found, every finding a reason:

    - residents' committee: ``residents-committee-in-compound`` (located in the compound or
      a unit inside it); else ``residents-committee-serves`` (a tie of relation ``serves``
      from a residents' committee to the compound); else ``residents-committee-of-community``
      (the committee located in the nearest unit containing the compound, usually its
      community: it serves every compound of the community);
    - owners' committee: ``owners-committee-in-compound``, or ``owners-committee-tie`` (any
      tie from an owners' committee to the compound or a unit inside it);
    - property company: ``property-company-in-compound``, ``property-company-tie`` (any tie,
      e.g. ``manages``, to the compound or a unit inside it), or
      ``property-company-contract`` (a ``contracts`` tie, either way, with the compound's
      owners' committee);
    - a missing body gives ``body-missing``.

    Party leadership (``led``), with reasons ``party-in-compound`` (a party organization
    located in the compound or a unit inside it), ``party-embedded`` (an ``embedded_in`` tie
    from a party organization to one of the bodies) and ``party-leads`` (a party organization
    leads one of the bodies). The community party organization's leading the community's
    residents' committee does not count, or every compound of the community would be led;
    leading a residents' committee located in the compound does. Otherwise
    ``no-party-leadership``.

    Link (``linked``): two bodies are linked by a person holding posts in both
    (``shared-person``; e.g. the branch secretary chairs the owners' committee) or by a tie
    between them of any relation but ``embedded_in`` (``body-tie``: ``contracts``,
    ``guides``, ``joint_meeting``, ``supervises``, …). The leading party organizations count
    as one more body that may link the others. The compound is linked when its three bodies
    are all connected through such links (``linked`` or ``not-linked``).

    Then the value (rule ``status``): ``absent`` (none of the three), ``partial`` (one or two;
    ``details["missing"]`` names the others), and for all three ``complete_led_linked``,
    ``complete_led``, ``complete_linked`` or ``complete``. The classes are ranked (absent 0,
    partial 1, complete 2, complete_led and complete_linked 3, complete_led_linked 4).

    Notes
    -----
    ``details``: ``residents_committee``, ``owners_committee``, ``property_company`` (the
    ids found, comma-separated, ``""`` when missing), ``present`` (0–3), ``missing``
    (comma-separated body names), ``led`` (bool), ``party`` (ids of the leading party
    organizations), ``linked`` (bool: the bodies present, at least two, are all connected)
    and ``links`` (the linked pairs, ``"a+b"`` comma-separated).

    "Inside the compound" means in its region (:func:`~govmodel.classify.region`: the
    compound and the units inside it, not a nested compound-level unit). Reads, of the
    structure's index, the region's units, the organizations located there and the ties
    into them, the units containing the compound (for the community's residents'
    committee), leadership (``parent``), ``embedded_in`` and other ties of the bodies, and
    their posts. Complexity: linear in the region and in the posts and ties of its bodies;
    the walk up to the community's committee is kept for the units it passes, so labelling
    every compound is linear in the structure however deep its containment.

    References
    ----------
    Xihu district, Nanchang (000): "three carriages" and "three in one" under party
    leadership. Yuetang district, Xiangtan (004): cross-appointment of the compound party
    secretary as owners' committee chair.

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.classify import tripartite
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("c1", entity="unit", kind="community")
    >>> G.add_node("x1", entity="unit", kind="compound")
    >>> _ = G.add_edge("c1", "x1", key="contains", relation="contains")
    >>> for org, kind, unit in [("rc", "residents_committee", "c1"),
    ...                         ("oc", "owners_committee", "x1"),
    ...                         ("pb", "compound_party_branch", "x1")]:
    ...     G.add_node(org, entity="organization", kind=kind)
    ...     _ = G.add_edge(org, unit, key="located_in", relation="located_in")
    >>> lab = tripartite(G)["x1"]
    >>> lab.value, lab.details["missing"], lab.details["led"]
    ('partial', 'property_company', True)
    >>> G.add_node("pc", entity="organization", kind="property_company")
    >>> _ = G.add_edge("pc", "x1", key="t1", relation="manages")
    >>> G.add_node("p1", entity="person")
    >>> _ = G.add_edge("p1", "pb", key="s1", relation="post", role="secretary")
    >>> _ = G.add_edge("p1", "oc", key="s2", relation="post", role="chair")
    >>> _ = G.add_edge("pb", "rc", key="t2", relation="joint_meeting")
    >>> _ = G.add_edge("oc", "pc", key="t3", relation="contracts")
    >>> lab = tripartite(G)["x1"]
    >>> lab.value, lab.zh
    ('complete_led_linked', '三方齐全、党建引领、互相联结')
    """

    name: ClassVar[str] = "tripartite"
    en: ClassVar[str] = "tri-partite status"
    zh: ClassVar[str] = "三方协同状况"
    reference: ClassVar[str] = (
        "Xihu district, Nanchang (000): three carriages under party leadership; "
        "Yuetang district, Xiangtan (004): cross-appointment"
    )
    classes: ClassVar[tuple[ClassDef, ...]] = (
        ClassDef(
            "complete_led_linked",
            "complete, party-led and linked",
            "三方齐全、党建引领、互相联结",
            "All three bodies, under party leadership, connected by shared people or ties.",
            4,
        ),
        ClassDef(
            "complete_led",
            "complete and party-led",
            "三方齐全、党建引领",
            "All three bodies under party leadership, not all connected.",
            3,
        ),
        ClassDef(
            "complete_linked",
            "complete and linked",
            "三方齐全、互相联结",
            "All three bodies connected by shared people or ties, without party leadership.",
            3,
        ),
        ClassDef(
            "complete",
            "complete",
            "三方齐全",
            "All three bodies, neither party-led nor connected.",
            2,
        ),
        ClassDef("partial", "partial", "三方不全", "One or two of the three bodies.", 1),
        ClassDef("absent", "absent", "三方皆无", "None of the three bodies.", 0),
    )

    def classify_in(self, ix: StructureIndex, subject: str) -> Label:
        units = region(ix, subject)
        read: _Lookups = _cached(ix, "tripartite.lookups", lambda: _Lookups(ix))
        ties, organization, body_of_kind = read.ties, read.organization, read.body_of_kind
        party_orgs = read.party
        reasons: list[Reason] = []
        found: dict[str, list[str]] = {b: [] for b in BODIES}
        known: set[str] = set()  # every organization in found
        rc_local: set[str] = set()

        located, tied = read.around(subject, units)
        for org, u in located:
            body = body_of_kind.get(org.kind)
            if body is not None and org.id not in known:
                known.add(org.id)
                found[body].append(org.id)
                if body == "residents_committee":
                    rc_local.add(org.id)
                reasons.append(
                    Reason(
                        f"{body.replace('_', '-')}-in-compound",
                        f"{body.replace('_', ' ')} {org.id!r} is located in {u!r}",
                        {"body": body, "organization": org.id, "unit": u},
                    )
                )
        for org, u, rel in tied:
            body = body_of_kind.get(org.kind)
            if body is None or org.id in known:
                continue
            if body == "residents_committee":
                if rel != "serves":
                    continue
                rule = "residents-committee-serves"
            else:
                rule = f"{body.replace('_', '-')}-tie"
            known.add(org.id)
            found[body].append(org.id)
            reasons.append(
                Reason(
                    rule,
                    f"{body.replace('_', ' ')} {org.id!r} {rel} {u!r}",
                    {"body": body, "organization": org.id, "unit": u, "relation": rel},
                )
            )
        if not found["residents_committee"]:
            above = _committees_above(ix, subject)
            if above is not None:
                a, rcs = above
                found["residents_committee"].extend(rcs)
                known.update(rcs)
                reasons.append(
                    Reason(
                        "residents-committee-of-community",
                        f"residents' committee {', '.join(map(repr, rcs))} of {a!r}, which "
                        f"contains the compound, serves it",
                        {"body": "residents_committee", "organization": rcs[0], "unit": a},
                    )
                )
        for oc in found["owners_committee"]:
            for other_id, rel, _ in ties.get(oc, ()):
                other = organization(other_id) if rel == "contracts" else None
                if (
                    other is not None
                    and body_of_kind.get(other.kind) == "property_company"
                    and other.id not in known
                ):
                    known.add(other.id)
                    found["property_company"].append(other.id)
                    reasons.append(
                        Reason(
                            "property-company-contract",
                            f"property company {other.id!r} has a contract with {oc!r}",
                            {"body": "property_company", "organization": other.id, "owners": oc},
                        )
                    )
        for body in BODIES:
            if not found[body]:
                reasons.append(
                    Reason(
                        "body-missing",
                        f"no {body.replace('_', ' ')} serves the compound",
                        {"body": body},
                    )
                )

        # -- party leadership -----------------------------------------------------------------
        party: dict[str, None] = {}
        for org, u in located:
            if org.id in party_orgs and org.id not in party:
                party[org.id] = None
                reasons.append(
                    Reason(
                        "party-in-compound",
                        f"party organization {org.id!r} is located in {u!r}",
                        {"party": org.id, "unit": u},
                    )
                )
        body_of: dict[str, str] = {o: b for b in BODIES for o in found[b]}
        for o, b in body_of.items():
            leader = None if b == "residents_committee" and o not in rc_local else organization(o)
            p = leader.parent if leader is not None else None
            if p is not None and p in party_orgs and p not in party:
                party[p] = None
                reasons.append(
                    Reason(
                        "party-leads",
                        f"party organization {p!r} leads {b.replace('_', ' ')} {o!r}",
                        {"party": p, "body": b, "organization": o},
                    )
                )
            for p in read.embedded(o, "embedded_in"):
                if p in party_orgs and p not in party:
                    party[p] = None
                    reasons.append(
                        Reason(
                            "party-embedded",
                            f"party organization {p!r} is set up in {b.replace('_', ' ')} {o!r}",
                            {"party": p, "body": b, "organization": o},
                        )
                    )
        led = bool(party)
        if not led:
            reasons.append(
                Reason(
                    "no-party-leadership",
                    "no party organization is in the compound or leads or sits in its bodies",
                    {},
                )
            )

        # -- links between the bodies -----------------------------------------------------------
        role: dict[str, str] = dict(body_of)
        for p in party:
            role.setdefault(p, _PARTY)
        pairs: set[tuple[str, str]] = set()
        # The organizations located in the compound are read whole; those that serve it from
        # outside (the community's committee, a company managing many compounds, a leading
        # party committee) are asked only about this compound's people and bodies, so that
        # labelling every compound reads each of them once.
        local = {org.id for org, _ in located}
        outside = [(o, r) for o, r in role.items() if o not in local]
        holders: dict[str, set[str]] = {}
        for o, r in role.items():
            if o in local:
                for person in read.people_in(o):
                    got = holders.get(person)
                    if got is None:
                        holders[person] = {r}
                    else:
                        got.add(r)
        if outside:
            held = [(read.holders(o), r) for o, r in outside]
            for person, roles in holders.items():
                for people, r in held:
                    if person in people:
                        roles.add(r)
        shared: dict[tuple[str, str], str] = {}  # pair of roles -> first person holding both
        for person, roles in holders.items():
            if len(roles) < 2:  # most people: no pair of roles
                continue
            ordered = sorted(roles)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1 :]:
                    if (a, b) not in shared or person < shared[a, b]:
                        shared[a, b] = person
        for i, (o1, r1) in enumerate(outside):
            for o2, r2 in outside[i + 1 :]:
                common = read.first_common_holder(o1, o2) if r1 != r2 else None
                if common is not None:
                    a, b = sorted((r1, r2))
                    if (a, b) not in shared or common < shared[a, b]:
                        shared[a, b] = common
        for (a, b), person in sorted(shared.items(), key=lambda item: (item[1], item[0])):
            pairs.add((a, b))
            reasons.append(
                Reason(
                    "shared-person",
                    f"{person!r} holds posts in the {a.replace('_', ' ')} and the "
                    f"{b.replace('_', ' ')}",
                    {"person": person, "body_a": a, "body_b": b},
                )
            )
        for o, r in role.items():
            mine = ties.get(o, ())
            # the ties out of ``o`` in tie order, read from the smaller side: those of ``o``
            # (a body of the compound) or those between ``o`` and the roles (a body serving
            # thousands of compounds); a tie to an organization without a role is skipped
            if o in local or len(mine) <= len(role):
                out = [(t, rel) for t, rel, outgoing in mine if outgoing]
            else:
                between = read.between()
                found_ties = [(i, t, rel) for t in role for i, rel in between.get((o, t), ())]
                out = [(t, rel) for _, t, rel in sorted(found_ties)]
            for target, rel in out:
                theirs = role.get(target)
                if theirs is None or theirs == r or rel in _NOT_LINKS:
                    continue
                a, b = sorted((r, theirs))
                if (a, b) not in pairs:
                    pairs.add((a, b))
                    reasons.append(
                        Reason(
                            "body-tie",
                            f"{o!r} {rel} {target!r}",
                            {"source": o, "target": target, "relation": rel},
                        )
                    )
        present = [b for b in BODIES if found[b]]
        nodes = [*present, *([_PARTY] if party else [])]
        comp = _union(((a, b) for a, b in pairs if a in nodes and b in nodes), nodes)
        linked = len(present) >= 2 and len({comp[b] for b in present}) == 1
        if linked:
            reasons.append(
                Reason(
                    "linked",
                    f"the {len(present)} bodies present are connected by shared people or ties",
                    {"links": len(pairs)},
                )
            )
        else:
            reasons.append(
                Reason(
                    "not-linked",
                    "the bodies present are not all connected by shared people or ties",
                    {"links": len(pairs)},
                )
            )

        # -- status ---------------------------------------------------------------------------
        missing = [b for b in BODIES if not found[b]]
        if not present:
            value = "absent"
        elif missing:
            value = "partial"
        elif led and linked:
            value = "complete_led_linked"
        elif led:
            value = "complete_led"
        elif linked:
            value = "complete_linked"
        else:
            value = "complete"
        reasons.append(
            Reason(
                "status",
                f"{len(present)} of 3 bodies"
                + (
                    f", missing {', '.join(b.replace('_', ' ') for b in missing)}"
                    if missing
                    else ""
                )
                + f"; {'party-led' if led else 'not party-led'}"
                + f"; {'linked' if linked else 'not linked'}",
                {"present": len(present), "led": led, "linked": linked},
            )
        )
        details: dict[str, Scalar] = {b: ",".join(found[b]) for b in BODIES}
        details.update(
            present=len(present),
            missing=",".join(missing),
            led=led,
            party=",".join(party),
            linked=linked,
            links=",".join(f"{a}+{b}" for a, b in sorted(pairs)),
        )
        return self.label(subject, value, reasons, details)


def tripartite(source: Source) -> dict[str, Label]:
    """The tri-partite status of every compound (see :class:`Tripartite`).

    ``source`` is a structure, its :class:`~govmodel.index.StructureIndex` or a govmodel
    graph (:func:`~govmodel.classify.read_index`).

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.classify import tripartite
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("x1", entity="unit", kind="compound")
    >>> lab = tripartite(G)["x1"]
    >>> lab.value, lab.details["missing"]
    ('absent', 'residents_committee,owners_committee,property_company')

    In the Xihu dataset, two compounds lack a body:

    >>> import govmodel
    >>> labels = tripartite(govmodel.datasets.load("xihu"))
    >>> sorted(lab.details["missing"] for lab in labels.values() if lab.value == "partial")
    ['owners_committee', 'property_company']
    """
    return Tripartite().classify_all(source)
