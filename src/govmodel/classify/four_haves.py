"""The "four haves" (四有) of a compound: someone in charge, a place to deliberate, rules to
act by and money to act with (000)."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from operator import attrgetter
from typing import ClassVar, Final

import attrs

from govmodel.classify.base import (
    COMPOUND_RANK,
    ClassDef,
    Classifier,
    Label,
    Reason,
    Source,
    _by_region,
    _cached,
    _fact,
    _head_roles,
    _reason,
    _region_orgs,
    _region_orgs_reader,
    _regions_orgs,
    _says_nothing,
    _scalar,
    _str_set,
    _truthy,
    _value,
    region,
)
from govmodel.index import StructureIndex
from govmodel.spec import Attributes, Observation, Scalar, Unit

__all__ = ["FOUR_HAVES", "FourHaves", "four_haves"]


#: The four items: key, English and Chinese names, and the attributes that declare them.
FOUR_HAVES: tuple[tuple[str, str, str], ...] = (
    ("person_in_charge", "someone in charge", "有人管事"),
    ("venue", "a place to deliberate", "有场所议事"),
    ("rules", "rules to act by", "有章理事"),
    ("funds", "money to act with", "有钱办事"),
)

_DECLARED: dict[str, tuple[str, ...]] = {
    "person_in_charge": ("has_person_in_charge",),
    "venue": ("has_venue",),
    "rules": ("has_rules", "has_charter"),
    "funds": ("has_funds",),
}
#: Every attribute that declares an item.
_DECLARED_NAMES = frozenset(a for names in _DECLARED.values() for a in names)

_get_attributes: Final = attrgetter("attributes")

_COUNT_NAMES = (
    ("0/4", "none of the four haves", "四有皆无"),
    ("1/4", "one of the four haves", "四有仅一"),
    ("2/4", "two of the four haves", "四有有二"),
    ("3/4", "three of the four haves", "四有有三"),
    ("4/4", "all four haves", "四有齐全"),
)


# The rule and text of each item found absent.
_ABSENT: dict[str, tuple[str, str]] = {
    "person_in_charge": ("no-one-in-charge", "no body has a head and no one is responsible"),
    "venue": ("no-venue", "no venue, service station or shared venue is recorded"),
    "rules": ("no-rules", "no charter, rules or recorded decision is found"),
    "funds": ("no-funds", "no funds are declared or observed"),
}


def _absent_reasons() -> dict[str, Reason]:
    """The reason of each item found absent (one each, shared by every label giving it)."""
    return {
        key: Reason(_ABSENT[key][0], f"{en} ({zh}): {_ABSENT[key][1]}", {"item": key})
        for key, en, zh in FOUR_HAVES
    }


def _positive(value: object) -> bool:
    """Whether ``value`` is a number above zero: not a bool, and finite (an infinite area or
    sum, which :func:`govmodel.validate` reports, is no evidence, as NaN is none)."""
    if isinstance(value, float):
        return math.isfinite(value) and value > 0
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


_ABSENT_REASONS = _absent_reasons()
_ABSENT_PERSON, _ABSENT_VENUE, _ABSENT_RULES, _ABSENT_FUNDS = (
    _ABSENT_REASONS[key] for key, _, _ in FOUR_HAVES
)
#: The value of each count.
_VALUES = tuple(f"{count}/4" for count in range(5))


def _details(have: tuple[bool, ...]) -> Attributes:
    """A label's details for the items present (``have``, in the order of the items)."""
    details: dict[str, Scalar] = {k: h for (k, _, _), h in zip(FOUR_HAVES, have, strict=True)}
    details.update(
        count=sum(have),
        present=",".join(k for (k, _, _), h in zip(FOUR_HAVES, have, strict=True) if h),
        missing=",".join(k for (k, _, _), h in zip(FOUR_HAVES, have, strict=True) if not h),
    )
    return Attributes(details)


@attrs.frozen
class FourHaves(Classifier):
    """How many of the "four haves" (四有) a compound has, item by item.

    The compound's *bodies* are the organizations located in the compound or a unit inside
    it, and those with a tie to the compound or a unit inside it (the community's residents'
    committee counts only through such a tie). Each item is decided by the first rule that
    applies; every item gets a reason, present or absent. A declaring attribute that is NaN
    or a blank string (an empty cell) declares nothing.

    1. Someone in charge (有人管事, ``person_in_charge``): ``declared`` (the compound's
       ``has_person_in_charge`` attribute, true or false); else ``head-post`` (a body with a
       post whose role heads it: ``secretary``, ``chair``, ``manager``, or a declared role
       with ``head``); else ``responsible-person`` (a person with a ``responsible_for`` tie
       to the compound or a unit inside it, such as a building head's); else
       ``no-one-in-charge``.
    2. A place to deliberate (有场所议事, ``venue``): ``declared`` (``has_venue``); else
       ``venue-area`` (a finite ``venue_area_m2`` > 0 on the compound); else
       ``service-station`` (a body of kind ``service_station``, a party-mass service
       station); else ``venue-observation`` (an observation ``station_area_m2`` > 0, finite,
       of the compound or a body); else ``shares-venue`` (a ``shares_venue`` tie of a body); else ``no-venue``.
    3. Rules to act by (有章理事, ``rules``): ``declared`` (``has_rules`` or
       ``has_charter``); else ``body-charter`` (a body with ``has_charter`` or ``has_rules``
       true); else ``decision-rule`` (a body took a recorded decision, which carries its
       voting rule); else ``no-rules``.
    4. Money to act with (有钱办事, ``funds``): ``declared`` (``has_funds``); else
       ``funds-observation`` (an observation of the compound or a body whose indicator is one
       of ``fund_indicators`` with a finite value > 0); else ``no-funds``.

    The value is the count, ``"0/4"`` to ``"4/4"`` (ranked 0 to 4).

    Parameters
    ----------
    fund_indicators
        Indicators whose positive value shows money to act with.

    Notes
    -----
    ``details``: one bool per item (``person_in_charge``, ``venue``, ``rules``, ``funds``),
    ``count`` (0–4), ``present`` and ``missing`` (item keys, comma-separated).

    "Inside the compound" means in its region (:func:`~govmodel.classify.region`: the
    compound and the units inside it, not a nested compound-level unit). Reads, of the
    structure's index, the region's units, the organizations located there, the ties into
    those units and of the bodies, the bodies' posts and decisions, and the observations of
    ``station_area_m2`` and of the fund indicators. Complexity: linear in the region and in
    the posts, ties, observations and decisions of its bodies, so linear in the structure
    for every compound.

    References
    ----------
    Xihu district, Nanchang (000): every compound to have the "four haves" (四有): 有人管事,
    有场所议事, 有章理事, 有钱办事.

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.classify import four_haves
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("x1", entity="unit", kind="compound", has_venue=True)
    >>> G.add_node("oc", entity="organization", kind="owners_committee", has_charter=True)
    >>> _ = G.add_edge("oc", "x1", key="located_in", relation="located_in")
    >>> G.add_node("p1", entity="person")
    >>> _ = G.add_edge("p1", "oc", key="s1", relation="post", role="chair")
    >>> lab = four_haves(G)["x1"]
    >>> lab.value, lab.zh, lab.details["missing"]
    ('3/4', '四有有三', 'funds')
    >>> [r.rule for r in lab.reasons]
    ['head-post', 'declared', 'body-charter', 'no-funds']
    """

    name: ClassVar[str] = "four_haves"
    en: ClassVar[str] = "four haves"
    zh: ClassVar[str] = "四有"
    reference: ClassVar[str] = "Xihu district, Nanchang (000): the four haves of every compound"
    classes: ClassVar[tuple[ClassDef, ...]] = tuple(
        ClassDef(v, en, zh, f"{k} of the four haves present.", k)
        for k, (v, en, zh) in enumerate(_COUNT_NAMES)
    )

    fund_indicators: frozenset[str] = attrs.field(
        default=frozenset({"budget_yuan", "funds_yuan", "maintenance_fund_yuan"}),
        converter=_str_set,
    )

    def classify_in(self, ix: StructureIndex, subject: str) -> Label:
        return self._label_unit(self._lookups(ix), subject, _region_orgs(ix, subject))

    def _lookups(self, ix: StructureIndex) -> _Lookups:
        """The lookups :meth:`classify_in` reads (kept with the index for these options)."""
        read: _Lookups = _cached(
            ix, ("four_haves.lookups", self.fund_indicators), lambda: _Lookups(ix, self)
        )
        return read

    def _labeller(self, ix: StructureIndex) -> Callable[[str], Label]:
        if not self._defines_labels(FourHaves):
            return super()._labeller(ix)
        read, orgs, label = self._lookups(ix), _region_orgs_reader(ix), self._label_unit
        # the organizations around each compound, as orgs reads them, found by id (a unit of
        # another rank is read by orgs)
        table = _regions_orgs(ix, COMPOUND_RANK)
        around = {u.id: table.get(u.id, ()) for u in ix.units_at_rank(COMPOUND_RANK)}.get
        return lambda subject: label(
            read, subject, orgs(subject) if (got := around(subject)) is None else got
        )

    def _label_unit(self, read: _Lookups, subject: str, bodies: Sequence[str]) -> Label:
        """The label of ``subject``, whose organizations around it are ``bodies``
        (:meth:`classify_in`, with the lookups ``read`` bound)."""
        unit = read.unit(subject)
        assert unit is not None
        # most compounds declare none of the items: nothing to read
        if _DECLARED_NAMES.isdisjoint(unit.attributes):
            why = read.in_charge(subject, bodies)
            person = why is not None
            reasons = [_ABSENT_PERSON if why is None else why]
            why = read.venue(unit, bodies)
            venue = why is not None
            reasons.append(_ABSENT_VENUE if why is None else why)
            why = read.rules(bodies) if not read.rule_bodies.isdisjoint(bodies) else None
            rules = why is not None
            reasons.append(_ABSENT_RULES if why is None else why)
            why = read.funds(subject, bodies) if read.funds_seen else None
            funds = why is not None
            reasons.append(_ABSENT_FUNDS if why is None else why)
            return read.made(self, subject, reasons, (person, venue, rules, funds))
        have: list[bool] = []
        reasons = []
        for key, en, zh in FOUR_HAVES:
            # a NaN says nothing (as :func:`_truthy` reads it), nor does a blank string (an
            # empty cell): not a declaration
            declared = {
                a: v
                for a in _DECLARED[key]
                if (v := _value(unit, a)) is not None and not _says_nothing(v)
            }
            if declared:
                yes, said = read.declared(key, en, zh, declared)
                reasons.append(said)
                have.append(yes)
                continue
            if key == "person_in_charge":
                why = read.in_charge(subject, bodies)
            elif key == "venue":
                why = read.venue(unit, bodies)
            elif key == "rules":
                why = read.rules(bodies)
            else:
                why = read.funds(subject, bodies)
            have.append(why is not None)
            reasons.append(_ABSENT_REASONS[key] if why is None else why)
        return read.made(self, subject, reasons, tuple(have))


class _Lookups:
    """What :class:`FourHaves` reads of one index, bound once and kept with it: each
    organization's first heading post, the service stations, the organizations with a
    charter or rules, each organization's first decision and first ``shares_venue``
    partner, and the first observation with a positive value of ``station_area_m2`` and of
    the fund indicators of each subject (:func:`_first_positives`)."""

    __slots__ = (
        "_codes",
        "_declared",
        "_details",
        "_head_posts",
        "_head_reasons",
        "_ix",
        "_n_orgs",
        "_n_units",
        "charter",
        "decided",
        "deciding",
        "funds_seen",
        "partner",
        "rule_bodies",
        "stations",
        "stations_seen",
        "unit",
        "venue_bodies",
    )

    def __init__(self, ix: StructureIndex, of: FourHaves) -> None:
        self._ix = ix
        #: The unit of an id (:meth:`StructureIndex.unit <govmodel.index.StructureIndex.unit>`).
        self.unit = ix.unit
        self._head_posts = _head_posts(ix)
        # the reasons and details that do not name the compound, one of each, shared
        self._head_reasons: dict[str, Reason] = {}
        self._declared: dict[Hashable, tuple[bool, Reason]] = {}
        self._details: dict[tuple[bool, ...], Attributes] = {}
        self._codes, self._n_units, self._n_orgs = ix.codes, ix.n_units, ix.n_organizations
        organizations = ix.organizations
        #: The service stations.
        self.stations = frozenset(
            organizations[i].id for i in ix.orgs_selected("service_station").tolist()
        )
        #: An organization to the first of ``has_charter`` and ``has_rules`` it has true.
        self.charter: dict[str, str] = {}
        # the organizations with attributes (a few), then the two of each
        attributes = list(map(_get_attributes, organizations))
        for i in [i for i, a in enumerate(attributes) if a]:
            for a in ("has_charter", "has_rules"):
                v = _scalar(attributes[i].get(a))
                if v is not None and _truthy(v):
                    self.charter[organizations[i].id] = a
                    break
        self.decided = ix.decisions_of
        #: The bodies that took a decision (:attr:`decided` asked of those only).
        self.deciding = frozenset(d.body for d in ix.decisions)
        #: An organization to the other end of its first ``shares_venue`` tie with an
        #: organization (in tie order, either way: as :meth:`StructureIndex.org_ties
        #: <govmodel.index.StructureIndex.org_ties>` lists them).
        self.partner: dict[str, str] = {}
        codes, lo, hi = ix.codes, ix.n_units, ix.n_units + ix.n_organizations
        for t in ix.ties_of("shares_venue"):
            a, b = t.source, t.target
            if lo <= codes[a] < hi and lo <= codes[b] < hi:
                self.partner.setdefault(a, b)
                self.partner.setdefault(b, a)
        #: The bodies that make a venue (service stations, or with a ``shares_venue`` tie) and
        #: those that make rules (a charter, or a decision): a compound with none of either
        #: among its bodies is not read body by body for them.
        self.venue_bodies = self.stations.union(self.partner)
        self.rule_bodies = self.deciding.union(self.charter)
        self.stations_seen = _first_positives(ix, frozenset({"station_area_m2"}))
        self.funds_seen = _first_positives(ix, of.fund_indicators)

    def declared(
        self, key: str, en: str, zh: str, declared: dict[str, Scalar]
    ) -> tuple[bool, Reason]:
        """Whether item ``key`` (``en``, ``zh``) is declared present by the compound's
        attributes ``declared`` (name to value, not empty), and the reason saying so."""
        memo_key = (key, tuple((a, _fact(v)) for a, v in declared.items()))
        got = self._declared.get(memo_key)
        if got is None:
            yes = any(_truthy(v) for v in declared.values())
            why = _reason(
                "declared",
                f"{en} ({zh}): declared {'present' if yes else 'absent'} by "
                + ", ".join(f"{a}={v!r}" for a, v in declared.items()),
                {"item": key, **declared},
            )
            got = self._declared[memo_key] = (yes, why)
        return got

    def made(
        self, of: FourHaves, subject: str, reasons: list[Reason], have: tuple[bool, ...]
    ) -> Label:
        """``of.label(subject, ...)`` of the ``reasons`` of the items, present or not
        (``have``)."""
        if of.classes is not FourHaves.classes:  # a subclass's own classes
            return of.label(subject, _VALUES[sum(have)], reasons, self.details(have))
        c = _CLASSES[sum(have)]
        # the details: one Attributes of each, shared by the labels with the same items
        return Label(of.name, subject, c.value, c.en, c.zh, tuple(reasons), self.details(have))

    def details(self, have: tuple[bool, ...]) -> Attributes:
        """:func:`_details` of ``have``, one of each, shared."""
        got = self._details.get(have)
        if got is None:
            got = self._details[have] = _details(have)
        return got

    def in_charge(self, subject: str, bodies: Iterable[str]) -> Reason | None:
        """Someone in charge: a body's heading post, else a person responsible for a unit
        of the region."""
        head_posts, codes = self._head_posts, self._codes
        lo, hi = self._n_units, self._n_orgs
        for o in bodies:
            code = codes[o] - lo
            at = head_posts[code] if 0 <= code < hi else -1
            if at >= 0:
                got = self._head_reasons.get(o)
                if got is not None:
                    return got
                post = self._ix.posts[at]
                got = self._head_reasons[o] = _reason(
                    "head-post",
                    f"someone in charge (有人管事): {post.person!r} is {post.role} of {o!r}",
                    {
                        "item": "person_in_charge",
                        "organization": o,
                        "person": post.person,
                        "role": post.role,
                    },
                )
                return got
        found = self.responsible(subject)
        if found is None:
            return None
        u, source = found
        return _reason(
            "responsible-person",
            f"someone in charge (有人管事): {source!r} is responsible for {u!r}",
            {"item": "person_in_charge", "person": source, "unit": u},
        )

    def responsible(self, subject: str) -> tuple[str, str] | None:
        """The first unit of the region of ``subject`` (:func:`~govmodel.classify.region`,
        in its order) with a person responsible for it (a ``responsible_for`` tie), and the
        first such person; ``None`` when none. For a unit whose kind has a rank, read from
        those of every region of the rank (:func:`_responsible`)."""
        ix = self._ix
        rank = ix.rank(subject)
        if rank is not None:
            got = _responsible(ix, rank).get(subject)
            return got[0] if got else None
        for u in region(ix, subject):
            for source in ix.sources(u, "responsible_for"):
                if ix.person(source) is not None:
                    return u, source
        return None

    def venue(self, unit: Unit, bodies: Sequence[str]) -> Reason | None:
        """A place to deliberate: the compound's venue area, a service station among the
        bodies, a station observed, or a shared venue."""
        area = _value(unit, "venue_area_m2")
        if area is not None and _positive(area):
            return _reason(
                "venue-area",
                f"a place to deliberate (有场所议事): a venue of {area} m²",
                {"item": "venue", "venue_area_m2": area},
            )
        stations = self.stations
        venue_bodies = not self.venue_bodies.isdisjoint(bodies)
        for o in bodies if venue_bodies else ():
            if o in stations:
                return _reason(
                    "service-station",
                    f"a place to deliberate (有场所议事): service station {o!r}",
                    {"item": "venue", "organization": o},
                )
        seen = self.stations_seen
        if seen:
            for s in (unit.id, *bodies):
                ob = seen.get(s)
                if ob is not None:
                    return _reason(
                        "venue-observation",
                        f"a place to deliberate (有场所议事): {s!r} has a station of {ob.value} m²",
                        {"item": "venue", "subject": s, "station_area_m2": ob.value},
                    )
        partner = self.partner
        for o in bodies if venue_bodies else ():
            other = partner.get(o)
            if other is not None:
                return _reason(
                    "shares-venue",
                    f"a place to deliberate (有场所议事): {o!r} shares a venue with {other!r}",
                    {"item": "venue", "organization": o, "partner": other},
                )
        return None

    def rules(self, bodies: Sequence[str]) -> Reason | None:
        """Rules to act by: a body's charter or rules, else a body's recorded decision."""
        charter = self.charter
        for o in bodies:
            a = charter.get(o)
            if a is not None:
                return _reason(
                    "body-charter",
                    f"rules to act by (有章理事): {o!r} has {a.removeprefix('has_')}",
                    {"item": "rules", "organization": o, a: True},
                )
        decided, deciding = self.decided, self.deciding
        for o in bodies:
            if o in deciding:
                d = decided(o)[0]
                threshold = str(d.rule.threshold)
                return _reason(
                    "decision-rule",
                    f"rules to act by (有章理事): {o!r} decided {d.id!r} under a voting rule"
                    + (f" ({threshold})" if threshold else ""),
                    {"item": "rules", "organization": o, "decision": d.id},
                )
        return None

    def funds(self, subject: str, bodies: Sequence[str]) -> Reason | None:
        """Money to act with: a positive observation of a fund indicator of the compound,
        else of a body."""
        seen = self.funds_seen
        if seen:
            for s in (subject, *bodies):
                ob = seen.get(s)
                if ob is not None:
                    return _reason(
                        "funds-observation",
                        f"money to act with (有钱办事): {ob.indicator} of {s!r} is {ob.value}",
                        {
                            "item": "funds",
                            "subject": s,
                            "indicator": ob.indicator,
                            "value": ob.value,
                        },
                    )
        return None


def _first_positives(ix: StructureIndex, indicators: frozenset[str]) -> dict[str, Observation]:
    """Each subject's first observation (in the structure's order, not by period) of one of
    ``indicators`` with a positive value, in one pass over the observations."""
    out: dict[str, Observation] = {}
    for ob in ix.observations:
        if ob.indicator in indicators and ob.subject not in out and _positive(ob.value):
            out[ob.subject] = ob
    return out


def _responsible(ix: StructureIndex, rank: int) -> Mapping[str, list[tuple[str, str]]]:
    """The units of each region of ``rank`` (:func:`~govmodel.classify.region`) with a person
    responsible for them, each with its first such person, in the region's order, by the
    region's unit (regions without any are absent); kept with the index."""

    def build() -> dict[str, list[tuple[str, str]]]:
        first: dict[str, tuple[str, str]] = {}
        seen: set[str] = set()
        for t in ix.ties_of("responsible_for"):
            u = t.target
            if u not in seen and ix.unit(u) is not None:
                seen.add(u)
                source = next(
                    (p for p in ix.sources(u, "responsible_for") if ix.person(p) is not None),
                    None,
                )
                if source is not None:
                    first[u] = (u, source)
        return _by_region(ix, rank, first)

    got: dict[str, list[tuple[str, str]]] = _cached(ix, ("four_haves.responsible", rank), build)
    return got


def _head_posts(ix: StructureIndex) -> list[int]:
    """The position of each organization's first post whose role heads it, by organization
    number (``-1``: none), read off the posts' arrays in one pass (kept with the index)."""

    def build() -> list[int]:
        heads = _head_roles(ix)
        is_head = [r in heads for r in ix.post_roles]
        out = [-1] * ix.n_organizations
        if ix.backend == "numpy":
            import numpy as np

            at = np.flatnonzero(np.asarray(is_head, dtype=bool)[ix.post_role] & (ix.post_org >= 0))
            orgs, first = np.unique(ix.post_org[at], return_index=True)
            for o, i in zip(orgs.tolist(), at[first].tolist(), strict=True):
                out[o] = i
            return out
        for i, (o, r) in enumerate(zip(ix.post_org, ix.post_role, strict=True)):
            if o >= 0 and is_head[r] and out[o] < 0:
                out[o] = i
        return out

    got: list[int] = _cached(ix, "four_haves.head_posts", build)
    return got


#: The classes of :class:`FourHaves`, by count.
_CLASSES: Final = FourHaves.classes


def four_haves(
    source: Source,
    *,
    fund_indicators: frozenset[str] = frozenset(
        {"budget_yuan", "funds_yuan", "maintenance_fund_yuan"}
    ),
) -> dict[str, Label]:
    """The four haves of every compound (see :class:`FourHaves`).

    ``source`` is a structure, its :class:`~govmodel.index.StructureIndex` or a govmodel
    graph (:func:`~govmodel.classify.read_index`).

    Examples
    --------
    >>> import networkx as nx
    >>> from govmodel.classify import four_haves
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("x1", entity="unit", kind="compound", has_funds=True)
    >>> lab = four_haves(G)["x1"]
    >>> lab.value, lab.details["funds"], lab.details["venue"]
    ('1/4', True, False)

    >>> import govmodel
    >>> sorted({lab.value for lab in four_haves(govmodel.datasets.load("xihu")).values()})
    ['3/4', '4/4']
    """
    return FourHaves(fund_indicators=fund_indicators).classify_all(source)
