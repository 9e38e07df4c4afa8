"""The classifiers' fast paths give what their plain paths give.

The classifiers read lookups built in bulk off the index's arrays (numpy when the index has
it, one pass in Python otherwise) and label every unit of a rank from lookups made for all
the rank's regions at once. Each is held here against the plain reading it replaces, on
both index backends, on Hypothesis structures (valid ones, dense ones with many posts and
ties, and ones with a planted invalid reference or cycle), and so are the labels: every
classifier's labels, compared type-exactly, from a numpy index, a Python index and one
subject at a time.
"""

from __future__ import annotations

import importlib
import math
from typing import Any

import attrs
import networkx as nx
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import govmodel
from govmodel.classify import CLASSIFIERS, CompoundType, ManagementMode, NetworkMode
from govmodel.classify.base import (
    _around,
    _by_region,
    _head_roles,
    _multi_holders,
    _region_orgs,
    _region_places,
    _regions,
    _truthy,
    _value,
    region,
)
from govmodel.classify.four_haves import FourHaves, _head_posts
from govmodel.classify.four_haves import _Lookups as _FourHavesLookups
from govmodel.classify.network_mode import (
    ADMINISTRATIVE_KINDS,
    _degree_centralization,
    _interlocked,
)
from govmodel.classify.tripartite import _cross_holders, _Lookups
from govmodel.index import StructureIndex
from govmodel.metrics.structural import centralization
from govmodel.spec import Observation, Organization, Person, Post, Structure, Tie, Unit
from govmodel.testing import strategies as gst
from tests.classify import decision, obs, org, structure, tie, unit

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))

_RELATIONS = (
    "contracts",
    "guides",
    "leads",
    "links",
    "manages",
    "serves",
    "shares_venue",
    "embedded_in",
    "responsible_for",
)
_ORG_KINDS = (
    "residents_committee",
    "owners_committee",
    "property_company",
    "compound_party_branch",
    "community_party_committee",
    "governance_centre",
    "work_station",
    "service_station",
)


@st.composite
def dense(draw: Any) -> Structure:
    """A structure of communities and compounds with many organizations, posts and ties:
    people holding posts in several organizations, ties of every relation the classifiers
    read, some of them (with ``wild``) from or to entities of the wrong kind."""
    base = draw(gst.structures(max_units=8, max_organizations=4, max_people=4, max_ties=3))
    units = list(base.units)
    n_communities = draw(st.integers(1, 3))
    for c in range(n_communities):
        units.append(Unit(f"dc{c}", "community"))
        for x in range(draw(st.integers(0, 3))):
            units.append(Unit(f"dc{c}x{x}", "compound", parent=f"dc{c}"))
            if draw(st.booleans()):
                units.append(Unit(f"dc{c}x{x}b", "building", parent=f"dc{c}x{x}"))
    unit_ids = [u.id for u in units]
    orgs = list(base.organizations)
    for i in range(draw(st.integers(1, 10))):
        orgs.append(
            Organization(
                f"do{i}",
                draw(st.sampled_from(_ORG_KINDS)),
                unit=draw(st.none() | st.sampled_from(unit_ids)),
                parent=draw(st.none() | st.sampled_from([o.id for o in orgs])) if orgs else None,
                attributes=draw(
                    st.sampled_from(
                        [{}, {"administrative": True}, {"administrative": "no"}, {"has_rules": 1}]
                    )
                ),
            )
        )
    org_ids = [o.id for o in orgs]
    people = [*base.people, *(Person(f"dp{i}") for i in range(draw(st.integers(1, 6))))]
    people_ids = [p.id for p in people]
    wild = draw(st.booleans())
    anyone = people_ids + (org_ids[:1] + unit_ids[:1] if wild else [])
    posts = list(base.posts)
    for i in range(draw(st.integers(0, 16))):
        posts.append(
            Post(
                f"dpost{i}",
                draw(st.sampled_from(anyone)),
                draw(st.sampled_from(org_ids + (unit_ids[:1] if wild else []))),
                draw(st.sampled_from(["chair", "secretary", "member", "manager"])),
            )
        )
    ties = list(base.ties)
    ends = org_ids * 3 + unit_ids + people_ids[:2]  # mostly between organizations
    for i in range(draw(st.integers(0, 16))):
        ties.append(
            Tie(
                f"dtie{i}",
                draw(st.sampled_from(ends)),
                draw(st.sampled_from(ends)),
                draw(
                    st.sampled_from(
                        _RELATIONS + ("contracts",) * 3 + (("contains",) if wild else ())
                    )
                ),
            )
        )
    s = govmodel.Structure(
        units=units,
        organizations=orgs,
        people=people,
        posts=posts,
        ties=ties,
        observations=base.observations,
        decisions=base.decisions,
        vocabulary=base.vocabulary,
    )
    ids = [e.id for section in (units, orgs, people, posts, ties) for e in section]
    assume(len(set(ids)) == len(ids))  # the base structure's ids are not ours
    return s


def _indexable(s: tuple[Structure, str]) -> bool:
    try:
        StructureIndex.from_structure(s[0])
    except govmodel.SpecError:
        return False
    return True


#: Valid, dense and invalid (but indexable) structures.
ANY_STRUCTURE = st.one_of(
    gst.structures(max_units=12, max_organizations=8, max_ties=8),
    dense(),
    st.sampled_from(
        [
            "containment-cycle",
            "leadership-cycle",
            "invalid-containment",
            "wrong-reference-kind",
            "unknown-term",
        ]
    )
    .flatmap(lambda code: gst.planted(code, base=dense()))
    .filter(_indexable)
    .map(lambda pair: pair[0]),
)


def _both(s: Structure) -> tuple[StructureIndex, StructureIndex]:
    return (
        StructureIndex.from_structure(s, backend="numpy"),
        StructureIndex.from_structure(s, backend="python"),
    )


@SETTINGS
@given(ANY_STRUCTURE)
def test_interlocks_are_the_organizations_of_the_post_holders(s: Structure) -> None:
    orgs = {o.id for o in s.organizations}
    expected: dict[str, frozenset[str]] = {}
    for o in orgs:
        partners = {
            q.organization
            for p in s.posts
            if p.organization == o
            for q in s.posts
            if q.person == p.person
        }
        partners = (partners & orgs) - {o}
        if partners:
            expected[o] = frozenset(partners)
    # the groups: the organizations of each person holding posts in two or more
    of_person: dict[str, set[str]] = {}
    for p in s.posts:
        if p.organization in orgs:
            of_person.setdefault(p.person, set()).add(p.organization)
    groups = sorted(sorted(g) for g in of_person.values() if len(g) >= 2)
    for ix in _both(s):
        got = _interlocked(ix)
        assert sorted(sorted(g) for g in got.groups) == groups
        for o, numbers in got.of.items():
            assert all(o in got.groups[g] for g in numbers)
        partners = {
            o: frozenset(q for g in got.of.get(o, ()) for q in got.groups[g]) - {o} for o in orgs
        }
        assert {o: q for o, q in partners.items() if q} == expected


def _with_hubs(s: Structure, seed: int) -> Structure:
    """``s`` with three people holding posts in many of its organizations (administrative
    ones among them), and ties between organizations at random."""
    import random

    rnd = random.Random(seed)
    orgs = [o.id for o in s.organizations]
    people = [p.id for p in s.people][:3] or ["hub"]
    known = {p.id for p in s.people}
    extra_people = [Person(p, p) for p in people if p not in known]
    posts = [
        Post(f"hub-post{i}", rnd.choice(people), rnd.choice(orgs), "member") for i in range(150)
    ]
    # half the ties from administrative organizations, so that some in a hub's group are
    # tied to something else too
    admin = [o.id for o in s.organizations if o.kind in ADMINISTRATIVE_KINDS] or orgs
    ties = [
        Tie(
            f"hub-tie{i}",
            rnd.choice(admin if i % 2 else orgs),
            rnd.choice(orgs),
            rnd.choice(["guides", "links"]),
        )
        for i in range(30)
    ]
    return attrs.evolve(
        s,
        people=(*s.people, *extra_people),
        posts=(*s.posts, *posts),
        ties=(*s.ties, *ties),
    )


NETWORK_MODES = (
    NetworkMode(),
    NetworkMode(levels=tuple(range(10))),
    NetworkMode(relations=("leads", "guides")),
)


@SETTINGS
@given(
    s=st.one_of(
        ANY_STRUCTURE,
        st.integers(1, 10**6).map(
            lambda seed: _with_hubs(govmodel.synth.city(12, seed=seed), seed)
        ),
    )
)
def test_network_mode_reads_interlocks_group_by_group_as_it_lists_them(
    s: Structure, monkeypatch: pytest.MonkeyPatch
) -> None:
    # an organization in large groups of interlocked organizations is read group by group
    # (and asked about each member of a network it is in more groups than members of);
    # the others have their interlocks listed: with every organization read group by
    # group, the labels are the same
    nm = importlib.import_module("govmodel.classify.network_mode")
    for c in NETWORK_MODES:
        for ix in _both(s):
            listed = c.classify_all(ix)
            with monkeypatch.context() as m:
                m.setattr(nm, "_NEAR", -1)
                grouped = c.classify_all(StructureIndex.from_structure(s, backend=ix.backend))
            assert grouped == listed
            # and weighing the administrative organizations of every group by class, or
            # each of every group: the same labels
            for wide in (-1, 10**9):
                with monkeypatch.context() as m:
                    m.setattr(nm, "_WIDE", wide)
                    weighed = c.classify_all(StructureIndex.from_structure(s, backend=ix.backend))
                assert weighed == listed


@SETTINGS
@given(ANY_STRUCTURE)
def test_head_posts_are_the_first_posts_of_a_heading_role(s: Structure) -> None:
    for ix in _both(s):
        heads, got = _head_roles(ix), _head_posts(ix)
        for code, o in enumerate(ix.organizations):
            first = next((p for p in ix.posts_in(o.id) if p.role in heads), None)
            assert (ix.posts[got[code]] if got[code] >= 0 else None) == first


@SETTINGS
@given(ANY_STRUCTURE)
def test_organizations_of_every_region_are_those_read_unit_by_unit(s: Structure) -> None:
    for ix in _both(s):
        for u in ix.unit_ids:
            assert _region_orgs(ix, u) == tuple(_around(ix, region(ix, u)))


@SETTINGS
@given(ANY_STRUCTURE)
def test_tripartite_reads_every_region_as_unit_by_unit(s: Structure) -> None:
    for ix in _both(s):
        read = _Lookups(ix)
        for u in ix.unit_ids:
            units = region(ix, u)
            located, tied = read.around(u, units)
            assert (list(located), list(tied)) == read.around_units(units)


@SETTINGS
@given(ANY_STRUCTURE)
def test_region_places_are_where_the_regions_list_each_unit(s: Structure) -> None:
    for ix in _both(s):
        for rank in {r for r in (ix.vocab.rank(k) for k in ix.unit_kinds) if r is not None}:
            head, pos = _region_places(ix, rank)
            want = [-1] * ix.n_units
            for h, units in _regions(ix, rank).items():
                for u in units:
                    want[ix.codes[u]] = ix.codes[h]
                places = [pos[ix.codes[u]] for u in units]
                assert places == sorted(places)
                assert len(set(places)) == len(places)
            assert list(head) == want


@SETTINGS
@given(ANY_STRUCTURE, st.randoms(use_true_random=False))
def test_values_by_region_are_those_of_each_region_in_order_on_both_backends(
    s: Structure, rnd: Any
) -> None:
    on_arrays, in_python = _both(s)
    # some units in any order, an organization and an id that is no entity among them
    keys = [u.id for u in s.units if rnd.random() < 0.7]
    keys += [o.id for o in s.organizations[:1]] + ["no such entity"]
    rnd.shuffle(keys)
    per_unit = {k: f"value of {k}" for k in keys}
    for rank in {r for r in (on_arrays.vocab.rank(k) for k in on_arrays.unit_kinds) if r}:
        got = _by_region(on_arrays, rank, per_unit)
        # the same regions, in the same order, as read in Python
        assert list(got.items()) == list(_by_region(in_python, rank, per_unit).items())
        want = {}
        for h, units in _regions(in_python, rank).items():
            values = [per_unit[u] for u in units if u in per_unit]
            if values:
                want[h] = values
        assert got == want
        assert _by_region(on_arrays, rank, {}) == {}


@SETTINGS
@given(ANY_STRUCTURE)
def test_cross_holders_are_the_people_holding_posts_in_two_organizations(s: Structure) -> None:
    orgs = {o.id for o in s.organizations}
    held: dict[str, set[str]] = {}
    for p in s.posts:
        if p.organization in orgs:
            held.setdefault(p.person, set()).add(p.organization)
    expected: dict[str, frozenset[str]] = {}
    for person, where in held.items():
        if len(where) >= 2:
            for o in where:
                expected[o] = expected.get(o, frozenset()) | {person}
    for ix in _both(s):
        assert _cross_holders(ix) == expected


@SETTINGS
@given(ANY_STRUCTURE)
def test_multi_holders_are_read_once_for_tripartite_and_network_mode(s: Structure) -> None:
    """The people holding posts in two organizations or more, with their organizations,
    each person once, on both backends; network_mode's interlocks are their groups."""
    orgs = {o.id for o in s.organizations}
    held: dict[str, set[str]] = {}
    for p in s.posts:
        if p.organization in orgs:
            held.setdefault(p.person, set()).add(p.organization)
    expected = {person: frozenset(where) for person, where in held.items() if len(where) >= 2}
    for ix in _both(s):
        people, groups = _multi_holders(ix)
        assert len(people) == len(set(people)) == len(groups)
        assert dict(zip(people, groups, strict=True)) == expected
        assert _interlocked(ix).groups is groups
        assert _multi_holders(ix)[1] is groups


def _four_haves_lookups_are_the_plain_readings(s: Structure) -> None:
    def positive(v: object) -> bool:
        return isinstance(v, int | float) and not isinstance(v, bool) and v > 0

    for ix in _both(s):
        c = FourHaves()
        read = _FourHavesLookups(ix, c)
        for which, indicators in (
            (read.stations_seen, {"station_area_m2"}),
            (read.funds_seen, set(c.fund_indicators)),
        ):
            subjects = {ob.subject for ob in ix.observations}
            for subject in subjects:
                obs = [
                    ob
                    for i in sorted(indicators)
                    for ob in ix.observed(i).get(subject, ())
                    if positive(ob.value)
                ]
                first = min(obs, key=lambda ob: ix.codes[ob.id], default=None)
                assert which.get(subject) == first
        orgs = {o.id for o in ix.organizations}
        for o in ix.organizations:
            charter = next((a for a in ("has_charter", "has_rules") if _truthy(_value(o, a))), None)
            assert read.charter.get(o.id) == charter
            partner = next(
                (
                    t.target if t.source == o.id else t.source
                    for t in ix.ties
                    if t.relation == "shares_venue"
                    and o.id in (t.source, t.target)
                    and {t.source, t.target} <= orgs
                ),
                None,
            )
            assert read.partner.get(o.id) == partner
            assert (o.id in read.stations) == (o.kind == "service_station")


@SETTINGS
@given(ANY_STRUCTURE)
def test_four_haves_lookups_are_the_plain_readings(s: Structure) -> None:
    _four_haves_lookups_are_the_plain_readings(s)


def test_four_haves_lookups_are_the_plain_readings_on_datasets_and_shapes() -> None:
    observed = structure(
        unit("x", "compound"),
        org("oc", "owners_committee", "x"),
        obs("x", "budget_yuan", 0),
        Observation("o-late", "x", "funds_yuan", 10, period="2024"),
        Observation("o-early", "x", "budget_yuan", 5, period="2020"),
        obs("oc", "station_area_m2", 30),
        Observation("o-station", "oc", "station_area_m2", 40, period="2019"),
    )
    for s in [*_named().values(), observed]:
        _four_haves_lookups_are_the_plain_readings(s)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 9).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(
                st.tuples(st.integers(0, max(n - 1, 0)), st.integers(0, max(n - 1, 0))), max_size=30
            ),
        )
    )
)
def test_degree_centralization_is_that_of_the_metric(graph: tuple[int, list[Any]]) -> None:
    n, edges = graph
    G = nx.Graph()
    G.add_nodes_from(range(n))
    G.add_edges_from((a, b) for a, b in edges if a != b and n)
    got = _degree_centralization([G.degree(v) for v in G])
    want = centralization(G, "degree") if n else math.nan
    assert (math.isnan(got) and math.isnan(want)) or got == want


def _exact(labels: dict[str, Any]) -> list[str]:
    """Labels as text that tells ``1``, ``1.0`` and ``True`` apart."""
    return [repr(lab.to_dict()) for lab in labels.values()]


CHOSEN = {**CLASSIFIERS, "network_mode/all": NetworkMode(levels=tuple(range(10)), interlocks=True)}


@SETTINGS
@given(ANY_STRUCTURE)
@pytest.mark.parametrize("name", sorted(CHOSEN))
def test_labels_are_the_same_in_bulk_on_both_backends_and_one_at_a_time(
    name: str, s: Structure
) -> None:
    c = CHOSEN[name]
    on_arrays, in_python = _both(s)
    labels = c.classify_all(on_arrays)
    assert _exact(c.classify_all(in_python)) == _exact(labels)
    # one subject at a time, each on an index of its own (nothing built for the others)
    one_by_one = {x: c.classify(StructureIndex.from_structure(s), x) for x in labels}
    assert _exact(one_by_one) == _exact(labels)


#: Structures whose labels take every path: the bundled datasets, synthetic districts and a
#: city, and the shapes of the complexity tests (interlocks, contracts, a lead, a NAO).
def _named() -> dict[str, Structure]:
    from govmodel import synth
    from tests.classify.test_complexity import SHAPES

    out = {n: govmodel.datasets.load(n) for n in govmodel.datasets.names()}
    out.update({f"district-{p}": synth.district(12, seed=2, preset=p) for p in ("xihu", "yuetang")})
    out["city"] = synth.city(30, seed=1)
    out.update({f"shape-{name}": make(12) for name, (make, _) in SHAPES.items()})
    out["bodies"] = structure(
        unit("c", "community"),
        unit("x1", "compound", "c"),
        unit("x2", "compound", "c"),
        org("oc1", "owners_committee", "x1", has_charter=True),
        org("oc2", "owners_committee", "x2"),
        org("ws", "work_station", "c"),
        org("pc", "property_company"),
        tie("oc2", "ws", "shares_venue"),
        tie("pc", "oc2", "contracts"),
        decision("oc2"),
    )
    return out


@pytest.mark.parametrize("name", sorted(CHOSEN))
def test_labels_on_datasets_and_shapes_are_the_same_every_way(name: str) -> None:
    c = CHOSEN[name]
    rules: set[str] = set()
    for s in _named().values():
        on_arrays, in_python = _both(s)
        labels = c.classify_all(on_arrays)
        assert _exact(c.classify_all(in_python)) == _exact(labels)
        one_by_one = {x: c.classify(StructureIndex.from_structure(s), x) for x in labels}
        assert _exact(one_by_one) == _exact(labels)
        rules.update(r.rule for lab in labels.values() for r in lab.reasons)
    # the structures take the paths the fast lookups serve
    wanted = {
        "tripartite": {"property-company-contract", "shared-person", "body-tie", "party-leads"},
        "network_mode": {"nao", "nao-below-threshold", "lead-organization", "shared"},
        "four_haves": {
            "head-post",
            "responsible-person",
            "body-charter",
            "decision-rule",
            "shares-venue",
            "funds-observation",
        },
    }.get(name.split("/")[0], set())
    assert wanted <= rules


#: Families of attribute values that Python takes as equal but a label writes differently
#: (``1``, ``1.0``, ``True``; ``0``, ``0.0``, ``-0.0``, ``False``), and values each rule
#: reads, recognised or not.
_ALIKE_FAMILIES = (
    (1, 1.0, True),
    (0, 0.0, -0.0, False),
    (1990, 1990.0),
    (2005, 2005.0),
    (6, 6.0),
    (10, 10.0),
    (math.nan, math.nan),
)
_ALIKE_VALUES = ("1", "", "no", "1990", "6", "commodity", "work_unit", "self_managed", "economical")
_ALIKE_ATTRIBUTES = (
    "origin",
    "cfps_cz701",
    "housing_programme",
    "former_work_unit",
    "management",
    "built_year",
    "built",
    "has_person_in_charge",
    "has_venue",
    "has_rules",
    "has_charter",
    "has_funds",
    "venue_area_m2",
)


@st.composite
def alike(draw: Any) -> Structure:
    """Many compounds of one community with few attributes, drawn from values that compare
    equal but read differently, and few organizations each: compounds that share the facts
    a label is decided by, and some that differ only in how a value is written."""
    units = [Unit("ac", "community")]
    orgs: list[Organization] = []
    # one or two attributes and up to three values for the whole structure: alike compounds
    names = draw(st.lists(st.sampled_from(_ALIKE_ATTRIBUTES), min_size=1, max_size=2, unique=True))
    values = [
        *draw(st.sampled_from(_ALIKE_FAMILIES)),
        *draw(st.lists(st.sampled_from(_ALIKE_VALUES), max_size=2)),
    ]
    for x in range(draw(st.integers(2, 12))):
        attributes = draw(
            st.dictionaries(st.sampled_from(names), st.sampled_from(values), max_size=len(names))
        )
        units.append(Unit(f"ax{x}", "compound", parent="ac", attributes=attributes))
        for i in range(draw(st.integers(0, 3))):
            orgs.append(
                Organization(f"ax{x}o{i}", draw(st.sampled_from(_ORG_KINDS)), unit=f"ax{x}")
            )
    org_ids = [o.id for o in orgs]
    ties = [
        Tie(f"at{i}", a, b, rel)
        for i, (a, b, rel) in enumerate(
            draw(
                st.lists(
                    st.tuples(
                        st.sampled_from(org_ids or ["ac"]),
                        st.sampled_from([*org_ids, *(u.id for u in units)]),
                        st.sampled_from(_RELATIONS),
                    ),
                    max_size=8 if org_ids else 0,
                )
            )
        )
    ]
    return Structure(units=units, organizations=orgs, ties=ties)


ALIKE_CHOSEN = {
    **CHOSEN,
    "compound_type/no-year": CompoundType(use_built_year=False, reform_year=1990),
    "management_mode/unknown": ManagementMode(missing="unknown"),
}


@SETTINGS
@given(alike())
@pytest.mark.parametrize("name", sorted(ALIKE_CHOSEN))
def test_labels_shared_by_units_alike_are_those_decided_one_at_a_time(
    name: str, s: Structure
) -> None:
    """A label decided once for the facts several units share (and given to each) is the
    label each unit gets on an index of its own, type-exactly: ``1``, ``1.0`` and ``True``
    (or ``0.0`` and ``-0.0``) decide different labels when a label writes them."""
    c = ALIKE_CHOSEN[name]
    labels = c.classify_all(StructureIndex.from_structure(s))
    one_by_one = {x: c.classify(StructureIndex.from_structure(s), x) for x in labels}
    assert _exact(one_by_one) == _exact(labels)
    again = c.classify_all(StructureIndex.from_structure(s, backend="python"))
    assert _exact(again) == _exact(labels)


@pytest.mark.parametrize("name", sorted(CLASSIFIERS))
def test_labelling_every_unit_follows_a_subclass_own_classify_in(name: str) -> None:
    """The built-in classifiers label every unit with their lookups bound once; a subclass
    that overrides ``classify_in`` labels every unit with its own."""
    from govmodel.classify import Label, Reason

    class Mine(type(CLASSIFIERS[name])):  # type: ignore[misc]
        def classify_in(self, ix: StructureIndex, subject: str) -> Label:
            label = super().classify_in(ix, subject)
            return self.label(subject, label.value, [Reason("mine", "my own reading")])

    s = govmodel.datasets.load("xihu")
    labels = Mine().classify_all(s)
    plain = CLASSIFIERS[name].classify_all(s)
    assert list(labels) == list(plain)
    assert [lab.value for lab in labels.values()] == [lab.value for lab in plain.values()]
    assert {r.rule for lab in labels.values() for r in lab.reasons} == {"mine"}


def test_tripartite_reads_crowded_regions_as_unit_by_unit() -> None:
    """Regions of many bodies and ties, several in each unit and listed out of the units'
    order (each unit's must keep the structure's order, which a sort that is not stable on
    more than a handful of items breaks), and ties of the graph's own relations, which tie
    nothing."""
    import random

    rnd = random.Random(7)
    units = [Unit("c", "community")]
    for x in range(3):
        units.append(Unit(f"x{x}", "compound", parent="c"))
        units += [Unit(f"x{x}b{b}", "building", parent=f"x{x}") for b in range(4)]
    places = [u.id for u in units]
    kinds = ("owners_committee", "property_company", "compound_party_branch", "residents_committee")
    orgs = [Organization(f"o{i}", kinds[i % 4], unit=rnd.choice(places)) for i in range(120)]
    ties = [
        Tie(f"t{i}", f"o{rnd.randrange(120)}", rnd.choice(places), rel)
        for i, rel in enumerate(rnd.choice(("manages", "serves", "contains")) for _ in range(150))
    ]
    s = Structure(units=units, organizations=orgs, ties=ties)
    for ix in _both(s):
        read = _Lookups(ix)
        for u in ix.unit_ids:
            units_in = region(ix, u)
            located, tied = read.around(u, units_in)
            assert (list(located), list(tied)) == read.around_units(units_in)
            if u.startswith("x") and "b" not in u:
                assert len(located) > 20
                assert len(tied) > 20
    # and the values of the units of such regions, placed by region
    on_arrays, in_python = _both(s)
    per_unit = {u: f"value of {u}" for u in reversed(places)}
    for rank in (5, 6):
        got = _by_region(on_arrays, rank, per_unit)
        assert list(got.items()) == list(_by_region(in_python, rank, per_unit).items())
