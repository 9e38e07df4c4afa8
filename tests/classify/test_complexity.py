"""Every classifier stays linear on the input shapes that made it quadratic: a deep chain of
nested units, many organizations at one unit, many posts, and organizations that serve many
compounds at once (issue 14), and on a synthetic city, whose regions the classifiers read
all at once (issue 12).

Each test labels a structure of size ``n`` and one of size ``2n`` of the same shape and holds
the ratio of the times under 2.5 with :func:`govmodel.testing.linear.assert_linear` (a
linear classifier gives about 2, a quadratic one 4).
The structures are built once, outside the timing; the timing includes indexing them.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from govmodel import synth
from govmodel.classify import CLASSIFIERS, Classifier, NetworkMode
from govmodel.index import StructureIndex
from govmodel.spec import Structure
from govmodel.testing.linear import assert_linear
from tests.classify import obs, org, post, structure, tie, unit

#: Timed tests run on their own in CI, away from the parallel workers (see .ci/run).
pytestmark = pytest.mark.timing


def _chain(n: int) -> Structure:
    """A community holding a chain of ``n`` compounds, each inside the one before (invalid,
    but read), each with its bodies, posts, a ``manages`` tie and a budget; no residents'
    committee anywhere, so that each compound looks up the chain for one."""
    entities: list[object] = [unit("c", "community")]
    parent = "c"
    for i in range(n):
        x = f"x{i}"
        entities += [
            unit(x, "compound", parent),
            org(f"oc{i}", "owners_committee", x),
            org(f"pb{i}", "compound_party_branch", x),
            org(f"pc{i}", "property_company"),
            org(f"ws{i}", "work_station", x),
            tie(f"pc{i}", x, "manages"),
            tie(f"oc{i}", f"pc{i}", "contracts"),
            tie(f"ws{i}", f"oc{i}", "guides"),
            post(f"p{i}", f"oc{i}", "chair"),
            post(f"p{i}", f"pb{i}", "secretary"),
            obs(x, "budget_yuan", 1000),
        ]
        parent = x
    return structure(*entities)


def _grid_chain(n: int) -> Structure:
    """A compound holding a chain of ``n`` grids, each inside the one before (valid), with a
    building and a responsible person at the bottom."""
    entities: list[object] = [unit("c", "community"), unit("x", "compound", "c")]
    parent = "x"
    for i in range(n):
        entities.append(unit(f"g{i}", "grid", parent))
        parent = f"g{i}"
    entities += [
        unit("b", "building", parent),
        org("oc", "owners_committee", "b"),
        tie("chief", "b", "responsible_for"),
        post("chief", "oc", "member"),
    ]
    return structure(*entities)


def _crowd(n: int) -> Structure:
    """One compound with ``n`` organizations of each body's kind located in it, party
    organizations, administrative ones, and ties between neighbours only."""
    entities: list[object] = [unit("c", "community"), unit("x", "compound", "c")]
    for i in range(n):
        entities += [
            org(f"oc{i}", "owners_committee", "x"),
            org(f"pc{i}", "property_company", "x"),
            org(f"rc{i}", "residents_committee", "x"),
            org(f"pb{i}", "compound_party_branch", "x", parent=f"pb{i - 1}" if i else None),
            org(f"ws{i}", "work_station", "x"),
            tie(f"oc{i}", f"pc{i}", "contracts"),
            tie(f"pb{i}", f"rc{i}", "embedded_in"),
            tie(f"ws{i}", f"oc{i}", "guides"),
            tie(f"oc{i}", f"oc{i - 1}" if i else "pc0", "shares_venue"),
            tie(f"pc{i}", "x", "manages"),
        ]
    return structure(*entities)


def _posts(n: int) -> Structure:
    """One compound with four bodies and ``n`` people, each holding an ordinary post in two
    of them; the only head is the last post."""
    entities: list[object] = [unit("c", "community"), unit("x", "compound", "c")]
    bodies = ("oc", "pb", "pc", "rc")
    kinds = ("owners_committee", "compound_party_branch", "property_company", "residents_committee")
    for b, kind in zip(bodies, kinds, strict=True):
        entities.append(org(b, kind, "x"))
    for i in range(n):
        entities += [
            post(f"p{i}", bodies[i % 4], "member"),
            post(f"p{i}", bodies[(i + 1) % 4], "member"),
        ]
    entities.append(post("head", "oc", "chair"))
    return structure(*entities)


def _fan(n: int) -> Structure:
    """A community of ``n`` compounds, each with its owners' committee, all served by the
    community's residents' committee (a ``serves`` tie to each, a post for each committee's
    member), managed by one property company (a ``contracts`` tie with each committee) and
    guided by the community party committee, which leads every owners' committee."""
    entities: list[object] = [
        unit("c", "community"),
        org("rc", "residents_committee", "c"),
        org("cp", "community_party_committee", "c"),
        org("pc", "property_company"),
        org("gc", "governance_centre"),
        post("boss", "pc", "manager"),
    ]
    for i in range(n):
        x, oc = f"x{i}", f"oc{i}"
        entities += [
            unit(x, "compound", "c"),
            org(oc, "owners_committee", x, parent="cp"),
            tie("rc", x, "serves"),
            tie("pc", x, "manages"),
            tie(oc, "pc", "contracts"),
            tie("cp", oc, "guides"),
            tie("gc", oc, "links"),
            post(f"p{i}", "rc", "member"),
            post(f"p{i}", oc, "member"),
        ]
    return structure(*entities)


def _one_person(n: int) -> Structure:
    """One person holding a post in every organization of ``n`` compounds (an owners'
    committee, a work station) and in the community's residents' committee, which serves
    each compound: interlocks tie every two of the ``2n + 1`` organizations."""
    entities: list[object] = [
        unit("c", "community"),
        org("rc", "residents_committee", "c"),
        post("one", "rc", "member"),
    ]
    for i in range(n):
        x = f"x{i}"
        entities += [
            unit(x, "compound", "c"),
            org(f"oc{i}", "owners_committee", x),
            org(f"ws{i}", "work_station", x),
            tie("rc", x, "serves"),
            post("one", f"oc{i}", "chair"),
            post("one", f"ws{i}", "member"),
        ]
    return structure(*entities)


def _two_hubs(n: int) -> Structure:
    """Two residents' committees serving ``n`` compounds, with a post-holder of each on
    every compound's owners' committee, never the same person: each compound's network holds
    both committees, each in ``n`` groups of interlocked organizations, none shared."""
    entities: list[object] = [
        unit("c", "community"),
        org("rc1", "residents_committee", "c"),
        org("rc2", "residents_committee", "c"),
    ]
    for i in range(n):
        x = f"x{i}"
        entities += [unit(x, "compound", "c"), org(f"oc{i}", "owners_committee", x)]
        for rc in ("rc1", "rc2"):
            entities += [
                tie(rc, x, "serves"),
                post(f"{rc}-p{i}", rc, "member"),
                post(f"{rc}-p{i}", f"oc{i}", "member"),
            ]
    return structure(*entities)


def _stations(n: int) -> Structure:
    """One person holding a post in the owners' committee of each of ``n`` compounds and in
    each of the community's ``n`` work stations, each station guiding the residents'
    committee, and each compound's two owners' committees sharing a member: every
    compound's network reaches ``n`` administrative organizations through one group, each
    tied to something else too, and the community's members each sit in two groups."""
    entities: list[object] = [unit("c", "community"), org("rc", "residents_committee", "c")]
    for i in range(n):
        x = f"x{i}"
        entities += [
            unit(x, "compound", "c"),
            org(f"oc{i}", "owners_committee", x),
            org(f"od{i}", "owners_committee", x),
            org(f"ws{i}", "work_station", "c"),
            tie(f"ws{i}", "rc", "guides"),
            post("one", f"oc{i}", "chair"),
            post("one", f"ws{i}", "member"),
            post(f"q{i}", f"oc{i}", "member"),
            post(f"q{i}", f"od{i}", "member"),
        ]
    return structure(*entities)


def _two_at_stations(n: int) -> Structure:
    """Two people holding posts in each of the community's ``n`` work stations, one also in
    the first owners' committee of each of ``n`` compounds, the other in the second: every
    compound's network reaches the ``n`` stations through two groups, and the community's
    network holds them, each in both."""
    entities: list[object] = [unit("c", "community"), org("rc", "residents_committee", "c")]
    for i in range(n):
        x = f"x{i}"
        entities += [
            unit(x, "compound", "c"),
            org(f"oc{i}", "owners_committee", x),
            org(f"od{i}", "owners_committee", x),
            org(f"ws{i}", "work_station", "c"),
            tie(f"ws{i}", "rc", "guides"),
            post("one", f"oc{i}", "chair"),
            post("one", f"ws{i}", "member"),
            post("two", f"od{i}", "chair"),
            post("two", f"ws{i}", "member"),
        ]
    return structure(*entities)


def _city(n: int) -> Structure:
    """A synthetic city of ``n`` compounds (:func:`govmodel.synth.city`): many regions of
    each rank, read together by the classifiers' lookups of every region at once, and
    people holding posts in several organizations."""
    return synth.city(n, seed=1)


SHAPES: dict[str, tuple[Callable[[int], Structure], int]] = {
    "deep-chain": (_chain, 200),
    "deep-grid-chain": (_grid_chain, 1000),
    "many-organizations": (_crowd, 200),
    "many-posts": (_posts, 1000),
    "shared-organizations": (_fan, 300),
    "one-person-everywhere": (_one_person, 300),
    "two-hubs": (_two_hubs, 300),
    "stations-everywhere": (_stations, 300),
    "two-at-stations": (_two_at_stations, 300),
    "synthetic-city": (_city, 60),
}

#: The built-in classifiers, and network_mode at every level (the widest it reads).
CHOSEN: dict[str, Classifier] = {
    **CLASSIFIERS,
    "network_mode/all-levels": NetworkMode(levels=tuple(range(10))),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("name", sorted(CHOSEN))
def test_doubling_the_input_at_most_doubles_the_time(name: str, shape: str) -> None:
    make, n = SHAPES[shape]
    classifier = CHOSEN[name]
    assert classifier.classify_all(make(2 * n))  # the shape gives the classifier something to label

    def label(s: Structure) -> object:
        return classifier.classify_all(StructureIndex.from_structure(s))

    # runs of at least 40 ms, so that a timing is not all noise
    assert_linear(make, label, n, min_seconds=0.04)


def test_the_shapes_are_the_hard_ones() -> None:
    # Each shape exercises what it is named for, so that the timings above mean something.
    s = _chain(50)
    labels = CLASSIFIERS["tripartite"].classify_all(s)
    assert len(labels) == 50
    assert labels["x0"].details["owners_committee"] == "oc0"  # not the 49 below it
    assert labels["x49"].details["residents_committee"] == ""
    s = _grid_chain(50)
    lab = CLASSIFIERS["four_haves"].classify_all(s)["x"]
    assert lab.reasons[0].rule == "responsible-person"  # found at the bottom
    s = _crowd(20)
    lab = CLASSIFIERS["network_mode"].classify_all(s)["x"]
    assert (lab.details["members"], lab.details["administrative"]) == (80, 20)
    lab = CLASSIFIERS["tripartite"].classify_all(s)["x"]
    assert len(lab.details["owners_committee"].split(",")) == 20
    s = _fan(30)
    lab = CLASSIFIERS["tripartite"].classify_all(s)["x7"]
    assert (lab.value, lab.details["links"]) == (
        "complete_led_linked",
        "owners_committee+party,owners_committee+property_company,owners_committee+residents_committee",
    )
    assert next(r for r in lab.reasons if r.rule == "shared-person").data["person"] == "p7"
    lab = CLASSIFIERS["network_mode"].classify_all(s)["x7"]
    assert (lab.value, lab.details["members"], lab.details["lead"]) == (
        "lead_organization",
        3,
        "oc7",
    )
    assert next(r for r in lab.reasons if r.rule == "nao-below-threshold").data["nao"] == "gc"
    s = _one_person(30)
    # rc and oc7 are tied by the one person, who ties them to every work station too: the
    # first of them is the network administrative organization
    lab = CLASSIFIERS["network_mode"].classify_all(s)["x7"]
    assert (lab.value, lab.details["ties"], lab.details["nao"], lab.details["nao_share"]) == (
        "nao",
        1,
        "ws0",
        1.0,
    )
    s = _two_hubs(30)
    lab = CLASSIFIERS["network_mode"].classify_all(s)["x7"]  # oc7 tied to each committee
    assert (lab.value, lab.details["members"], lab.details["ties"], lab.details["lead"]) == (
        "lead_organization",
        3,
        2,
        "oc7",
    )
    s = _stations(30)
    labels = CLASSIFIERS["network_mode"].classify_all(s)
    # every station ties oc7 (not od7) through the one person: each ties half the members,
    # and the first of them is named
    lab = labels["x7"]
    assert (lab.value, lab.details["ties"], lab.details["nao"], lab.details["nao_share"]) == (
        "nao",
        1,
        "ws0",
        0.5,
    )
    # in the community, ws0 ties the 30 first committees and the residents' committee it
    # guides; the 30 first committees are each other's neighbours, and each its second's
    lab = labels["c"]
    assert (lab.details["members"], lab.details["ties"], lab.details["nao"]) == (
        61,
        435 + 30,
        "ws0",
    )
    assert lab.details["nao_share"] == 31 / 61
    s = _two_at_stations(30)
    labels = CLASSIFIERS["network_mode"].classify_all(s)
    # each station ties both committees of a compound, one through each person
    lab = labels["x7"]
    assert (lab.value, lab.details["ties"], lab.details["nao"], lab.details["nao_share"]) == (
        "nao",
        0,
        "ws0",
        1.0,
    )
    # in the community: the first committees and the second are two cliques of 30, and ws0
    # ties all 60 and the residents' committee it guides
    lab = labels["c"]
    assert (lab.details["members"], lab.details["ties"], lab.details["nao_share"]) == (
        61,
        2 * 435,
        1.0,
    )
    s = _posts(40)
    lab = CLASSIFIERS["four_haves"].classify_all(s)["x"]
    assert next(r for r in lab.reasons if r.rule == "head-post").data["person"] == "head"
