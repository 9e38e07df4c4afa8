"""Tests of govmodel.classify.tripartite: bodies, leadership, links, status, monotonicity."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govmodel.classify import BODIES, Tripartite, tripartite
from tests.classify import (
    build_fixture,
    dataset_graph,
    hand_graph,
    org,
    post,
    structure,
    tie,
    unit,
)

build = build_fixture()

RANK = {c.value: c.rank for c in Tripartite.classes}


def base():
    """A community with a residents' committee and a compound inside it."""
    return [
        unit("c", "community"),
        unit("x", "compound", "c"),
        org("rc", "residents_committee", "c"),
    ]


def one(G):
    return tripartite(G)["x"]


def rules(lab):
    return [r.rule for r in lab.reasons]


def test_classes_ranked():
    assert Tripartite.values() == (
        "complete_led_linked",
        "complete_led",
        "complete_linked",
        "complete",
        "partial",
        "absent",
    )
    assert RANK == {
        "complete_led_linked": 4,
        "complete_led": 3,
        "complete_linked": 3,
        "complete": 2,
        "partial": 1,
        "absent": 0,
    }


def test_absent(build):
    lab = one(build(unit("x")))
    assert lab.value == "absent"
    assert lab.details["present"] == 0
    assert lab.details["missing"] == ",".join(BODIES)
    assert rules(lab).count("body-missing") == 3
    assert rules(lab)[-1] == "status"


def test_residents_committee_of_community(build):
    lab = one(build(*base()))
    assert lab.value == "partial"
    assert "residents-committee-of-community" in rules(lab)
    assert lab.details["residents_committee"] == "rc"
    assert lab.details["missing"] == "owners_committee,property_company"


def test_residents_committee_of_nearest_ancestor(build):
    G = build(
        unit("s", "street"),
        unit("c", "community", "s"),
        unit("x", "compound", "c"),
        org("rs", "residents_committee", "s"),
    )
    lab = one(G)
    assert lab.details["residents_committee"] == "rs"
    assert lab.reasons[0].data["unit"] == "s"


def test_residents_committee_serves(build):
    G = build(unit("x"), org("rc", "residents_committee"), tie("rc", "x", "serves"))
    lab = one(G)
    assert "residents-committee-serves" in rules(lab)
    assert lab.details["residents_committee"] == "rc"


def test_residents_committee_other_tie_does_not_count(build):
    G = build(unit("x"), org("rc", "residents_committee"), tie("rc", "x", "supervises"))
    assert one(G).value == "absent"


def test_residents_committee_in_compound(build):
    G = build(*base(), org("rc2", "residents_committee", "x"))
    lab = one(G)
    assert "residents-committee-in-compound" in rules(lab)
    assert lab.details["residents_committee"] == "rc2"


def test_villagers_committee_counts(build):
    G = build(
        unit("v", "village"), unit("x", "compound", "v"), org("vc", "villagers_committee", "v")
    )
    assert one(G).details["residents_committee"] == "vc"


def test_bodies_in_a_building(build):
    G = build(*base(), unit("b", "building", "x"), org("oc", "owners_committee", "b"))
    assert "owners-committee-in-compound" in rules(one(G))


def test_owners_committee_tie(build):
    G = build(*base(), org("oc", "owners_committee"), tie("oc", "x", "serves"))
    lab = one(G)
    assert "owners-committee-tie" in rules(lab)
    assert lab.details["owners_committee"] == "oc"


def test_property_company_tie_and_contract(build):
    G = build(*base(), org("pc", "property_company"), tie("pc", "x", "manages"))
    assert "property-company-tie" in rules(one(G))
    G = build(
        *base(),
        org("oc", "owners_committee", "x"),
        org("pc", "property_company"),
        tie("oc", "pc", "contracts"),
    )
    lab = one(G)
    assert "property-company-contract" in rules(lab)
    assert lab.details["present"] == 3


def complete(*extra):
    return [
        *base(),
        org("oc", "owners_committee", "x"),
        org("pc", "property_company", "x"),
        *extra,
    ]


def test_complete(build):
    lab = one(build(*complete()))
    assert lab.value == "complete"
    assert lab.details["led"] is False
    assert lab.details["linked"] is False
    assert "no-party-leadership" in rules(lab)
    assert "not-linked" in rules(lab)


def test_complete_led_by_party_in_compound(build):
    lab = one(build(*complete(org("pb", "compound_party_branch", "x"))))
    assert lab.value == "complete_led"
    assert "party-in-compound" in rules(lab)
    assert lab.details["party"] == "pb"


def test_complete_led_by_party_leading_a_body(build):
    G = build(*complete(org("cp", "community_party_committee", "c")))
    assert one(G).value == "complete"
    # the community party committee leads the owners' committee
    entities = complete(org("cp", "community_party_committee", "c"))
    entities[3] = org("oc", "owners_committee", "x", parent="cp")
    lab = one(build(*entities))
    assert lab.value == "complete_led"
    assert "party-leads" in rules(lab)


def test_community_party_leading_community_rc_does_not_count(build):
    entities = complete(org("cp", "community_party_committee", "c"))
    entities[2] = org("rc", "residents_committee", "c", parent="cp")
    assert one(build(*entities)).details["led"] is False


def test_party_leading_rc_in_compound_counts(build):
    entities = complete(
        org("cp", "community_party_committee", "c"),
        org("rc2", "residents_committee", "x", parent="cp"),
    )
    assert one(build(*entities)).details["led"] is True


def test_party_embedded_in_a_body(build):
    G = build(*complete(org("ppb", "property_party_branch"), tie("ppb", "pc", "embedded_in")))
    lab = one(G)
    assert lab.value == "complete_led"
    assert "party-embedded" in rules(lab)
    # embedded_in is leadership, not a link
    assert lab.details["links"] == ""


def test_complete_linked_by_ties(build):
    G = build(*complete(tie("oc", "pc", "contracts"), tie("rc", "oc", "guides")))
    lab = one(G)
    assert lab.value == "complete_linked"
    assert rules(lab).count("body-tie") == 2
    assert (
        lab.details["links"]
        == "owners_committee+property_company,owners_committee+residents_committee"
    )


def test_one_link_is_not_enough(build):
    lab = one(build(*complete(tie("oc", "pc", "contracts"))))
    assert lab.value == "complete"
    assert lab.details["linked"] is False


def test_complete_led_linked_by_shared_person(build):
    G = build(
        *complete(
            org("pb", "compound_party_branch", "x"),
            post("p1", "pb", "secretary"),
            post("p1", "oc", "chair"),
            post("p2", "rc", "member"),
            post("p2", "pb", "committee_member"),
            tie("pb", "pc", "joint_meeting"),
        )
    )
    lab = one(G)
    assert lab.value == "complete_led_linked"
    assert rules(lab).count("shared-person") == 2
    assert (
        lab.details["links"]
        == "owners_committee+party,party+property_company,party+residents_committee"
    )
    assert lab.zh == "三方齐全、党建引领、互相联结"


def test_partial_links_reported(build):
    G = build(*base(), org("oc", "owners_committee", "x"), tie("rc", "oc", "guides"))
    lab = one(G)
    assert lab.value == "partial"
    assert lab.details["linked"] is True
    assert lab.details["missing"] == "property_company"


def test_classify_one_subject(build):
    G = build(*complete())
    assert Tripartite().classify(G, "x") == tripartite(G)["x"]
    with pytest.raises(KeyError):
        Tripartite().classify(G, "nope")
    with pytest.raises(ValueError, match="not a unit"):
        Tripartite().classify(G, "rc")


# -- property: adding a missing body never makes a compound worse -----------------------------

FEATURES = ("party", "shared", "tie_oc_pc", "tie_rc_oc", "tie_rc_pc")


def _entities(bodies, features):
    ents = [unit("c", "community"), unit("x", "compound", "c")]
    if "residents_committee" in bodies:
        ents.append(org("rc", "residents_committee", "c"))
    if "owners_committee" in bodies:
        ents.append(org("oc", "owners_committee", "x"))
    if "property_company" in bodies:
        ents.append(org("pc", "property_company", "x"))
    if "party" in features:
        ents.append(org("pb", "compound_party_branch", "x"))
    present = {"residents_committee": "rc", "owners_committee": "oc", "property_company": "pc"}
    ids = [present[b] for b in bodies] + (["pb"] if "party" in features else [])
    if "shared" in features and len(ids) >= 2:
        ents += [post("p", ids[0], "chair"), post("p", ids[1], "member")]
    pairs = {"tie_oc_pc": ("oc", "pc"), "tie_rc_oc": ("rc", "oc"), "tie_rc_pc": ("rc", "pc")}
    for f, (a, b) in pairs.items():
        if f in features and a in ids and b in ids:
            ents.append(tie(a, b, "joint_meeting"))
    return ents


@settings(max_examples=200, deadline=None)
@given(
    st.sets(st.sampled_from(BODIES)),
    st.sets(st.sampled_from(FEATURES)),
    st.sampled_from(BODIES),
)
def test_adding_a_missing_body_never_makes_it_worse(bodies, features, extra):
    ordered = [b for b in BODIES if b in bodies]
    before = tripartite(hand_graph(structure(*_entities(ordered, features))))["x"]
    after_bodies = [b for b in BODIES if b in bodies or b == extra]
    after = tripartite(hand_graph(structure(*_entities(after_bodies, features))))["x"]
    assert RANK[after.value] >= RANK[before.value]
    assert after.details["present"] >= before.details["present"]


@pytest.mark.parametrize("n", range(4))
def test_status_by_count_of_bodies(n):
    for bodies in itertools.combinations(BODIES, n):
        lab = tripartite(hand_graph(structure(*_entities(list(bodies), ()))))["x"]
        assert lab.value == {0: "absent", 1: "partial", 2: "partial", 3: "complete"}[n]


def test_xihu_compound_without_owners_committee_is_partial():
    G = dataset_graph("xihu")
    labels = tripartite(G)
    missing_oc = [
        x for x, lab in labels.items() if "owners_committee" in lab.details["missing"].split(",")
    ]
    assert missing_oc
    for x in missing_oc:
        assert labels[x].value == "partial"


def test_the_community_committee_is_found_up_a_deep_chain_and_not_in_a_cycle():
    from govmodel.spec import Structure

    # a compound at the bottom of a chain of grids finds the committee of the community
    chain = [unit("c", "community"), org("rc", "residents_committee", "c")]
    parent = "c"
    for i in range(50):
        chain.append(unit(f"g{i}", "grid", parent))
        parent = f"g{i}"
    chain.append(unit("x", "compound", parent))
    lab = tripartite(structure(*chain))["x"]
    assert lab.details["residents_committee"] == "rc"
    why = next(r for r in lab.reasons if r.rule == "residents-committee-of-community")
    assert why.data["unit"] == "c"
    # in a containment cycle (invalid) a compound does not serve itself from above
    s = Structure(
        units=(unit("x", "compound", "y"), unit("y", "compound", "x")),
        organizations=(org("rc", "residents_committee", "x"),),
    )
    labels = tripartite(s)
    assert labels["x"].details["residents_committee"] == "rc"  # located in it
    assert labels["y"].details["residents_committee"] == "rc"  # from x, which contains y
    assert next(r.rule for r in labels["y"].reasons) == "residents-committee-of-community"
