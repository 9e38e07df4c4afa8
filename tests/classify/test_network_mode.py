"""Tests of govmodel.classify.network_mode: every mode, every rule, the options."""

from __future__ import annotations

import math

import pytest

from govmodel.classify import NetworkMode, network_mode
from tests.classify import build_fixture, dataset_graph, org, post, tie, unit

build = build_fixture()


def community(*orgs_kinds):
    """A community with organizations of the given (id, kind) located in it."""
    return [unit("c", "community"), *(org(i, k, "c") for i, k in orgs_kinds)]


FOUR = (
    ("a", "residents_committee"),
    ("b", "owners_committee"),
    ("d", "property_company"),
    ("e", "social_organization"),
)


def one(G, subject="c", **options):
    return network_mode(G, **options)[subject]


def rules(lab):
    return [r.rule for r in lab.reasons]


def test_classes():
    assert NetworkMode.values() == ("shared", "lead_organization", "nao", "none")
    assert NetworkMode.class_def("nao").en == "network administrative organization"


def test_too_few_members(build):
    lab = one(build(*community(("a", "residents_committee"))))
    assert lab.value == "none"
    assert rules(lab) == ["members", "too-few-members"]
    lab = one(build(unit("c", "community")))
    assert lab.details["members"] == 0


def test_no_ties(build):
    lab = one(build(*community(*FOUR)))
    assert lab.value == "none"
    assert rules(lab)[-1] == "no-ties"


def test_lead_organization(build):
    G = build(
        *community(*FOUR),
        tie("a", "b", "guides"),
        tie("a", "d", "supervises"),
        tie("e", "a", "links"),
    )
    lab = one(G)
    assert lab.value == "lead_organization"
    assert lab.details["lead"] == "a"
    assert lab.details["lead_share"] == 1.0
    assert lab.details["centralization"] == 1.0
    assert rules(lab)[-1] == "lead-organization"


def test_leads_edges_count(build):
    ents = [unit("c", "community"), org("p", "community_party_committee", "c")]
    ents += [org(i, k, "c", parent="p") for i, k in FOUR]
    lab = one(build(*ents))
    assert lab.value == "lead_organization"
    assert lab.details["lead"] == "p"
    # unless leadership edges are left out
    assert one(build(*ents), relations={"guides"}).value == "none"


def test_shared_when_decentralized(build):
    G = build(
        *community(*FOUR),
        tie("a", "b", "joint_meeting"),
        tie("b", "d", "joint_meeting"),
        tie("d", "e", "joint_meeting"),
        tie("e", "a", "joint_meeting"),
    )
    lab = one(G)
    assert lab.value == "shared"
    assert lab.details["centralization"] == 0.0
    assert "below" in lab.reasons[-1].text


def test_shared_when_the_top_is_tied(build):
    # a and b both have the highest degree: no single lead, whatever the threshold
    G = build(
        *community(*FOUR), tie("a", "b", "links"), tie("a", "d", "links"), tie("b", "e", "links")
    )
    lab = one(G, lead_threshold=0.0)
    assert lab.value == "shared"
    assert "share the most ties" in lab.reasons[-1].text


def test_shared_with_two_members(build):
    G = build(*community(*FOUR[:2]), tie("a", "b", "links"))
    lab = one(G)
    assert lab.value == "shared"
    assert "centralization" not in lab.details
    assert "not defined" in lab.reasons[-1].text


def test_threshold(build):
    G = build(
        *community(*FOUR),
        tie("a", "b", "links"),
        tie("a", "d", "links"),
        tie("b", "d", "links"),
        tie("a", "e", "links"),
    )
    lab = one(G)
    c = lab.details["centralization"]
    assert 0 < c < 1
    assert one(G, lead_threshold=c).value == "lead_organization"
    assert one(G, lead_threshold=min(1.0, c + 0.01)).value == "shared"


def test_interlocks(build):
    G = build(
        *community(*FOUR[:3]),
        post("p", "a", "chair"),
        post("p", "b", "member"),
        post("q", "a", "member"),
        post("q", "d", "member"),
    )
    assert one(G).value == "lead_organization"
    assert one(G, interlocks=False).value == "none"


def test_nao_in_the_unit(build):
    G = build(
        *community(*FOUR, ("ws", "work_station")),
        tie("ws", "a", "links"),
        tie("ws", "b", "links"),
    )
    lab = one(G)
    assert lab.value == "nao"
    assert lab.details["nao"] == "ws"
    assert lab.details["nao_share"] == 0.5
    assert lab.details["members"] == 4
    assert lab.details["administrative"] == 1
    assert one(G, nao_min_share=0.75).value == "none"
    assert rules(one(G, nao_min_share=0.75)) == ["members", "nao-below-threshold", "no-ties"]


def test_nao_from_outside(build):
    G = build(
        unit("s", "street"),
        unit("c", "community", "s"),
        org("gc", "governance_centre", "s"),
        *(org(i, k, "c") for i, k in FOUR),
        *(tie("gc", i, "links") for i, _ in FOUR),
    )
    lab = one(G)
    assert lab.value == "nao"
    assert lab.details["nao"] == "gc"
    assert lab.details["administrative"] == 0


def test_administrative_attribute(build):
    G = build(
        *community(*FOUR[:3]),
        org("x", "social_organization", "c", administrative=True),
        org("ws", "work_station", "c", administrative=False),
        tie("x", "a", "links"),
        tie("x", "b", "links"),
    )
    lab = one(G)
    assert lab.value == "nao"
    assert lab.details["nao"] == "x"
    assert lab.details["members"] == 4  # a, b, d and the work station
    assert one(G, administrative_kinds=frozenset()).details["members"] == 4


def test_nao_tie_break_by_id(build):
    G = build(
        *community(*FOUR[:2], ("w2", "work_station"), ("w1", "work_station")),
        tie("w1", "a", "links"),
        tie("w2", "a", "links"),
    )
    assert one(G).details["nao"] == "w1"


def test_network_of_a_compound_includes_tied_organizations(build):
    G = build(
        unit("c", "community"),
        unit("x", "compound", "c"),
        org("rc", "residents_committee", "c"),
        org("oc", "owners_committee", "x"),
        org("pc", "property_company"),
        tie("rc", "x", "serves"),
        tie("pc", "x", "manages"),
        tie("rc", "oc", "guides"),
        tie("rc", "pc", "supervises"),
    )
    labels = network_mode(G)
    assert sorted(labels) == ["c", "x"]
    assert labels["x"].details["members"] == 3
    assert labels["x"].value == "lead_organization"
    assert labels["x"].details["lead"] == "rc"
    assert labels["c"].details["members"] == 3
    assert sorted(network_mode(G, levels=(6,))) == ["x"]


def test_thresholds_are_checked():
    with pytest.raises(ValueError, match="lead_threshold"):
        NetworkMode(lead_threshold=1.5)
    with pytest.raises(ValueError, match="nao_min_share"):
        NetworkMode(nao_min_share=-0.1)


def test_density():
    import networkx as nx

    G = nx.MultiDiGraph()
    G.add_node("c", entity="unit", kind="community", level=5)
    for o in ("o1", "o2", "o3"):
        G.add_node(o, entity="organization", kind="social_organization")
        G.add_edge(o, "c", key="located_in", relation="located_in")
    G.add_edge("o1", "o2", key="t", relation="links")
    lab = one(G)
    assert math.isclose(lab.details["density"], 1 / 3)


def test_xihu():
    labels = network_mode(dataset_graph("xihu"))
    assert labels
    assert {lab.value for lab in labels.values()} <= set(NetworkMode.values())


@pytest.mark.parametrize("backend", ["numpy", "python"])
def test_classifiers_of_other_thresholds_on_one_index_give_their_own_reasons(backend: str) -> None:
    import govmodel
    from govmodel.index import StructureIndex

    if backend == "numpy":
        pytest.importorskip("numpy")
    s = govmodel.datasets.load("yuetang")
    shared = StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
    for first, second in [(0.5, 0.95), (0.95, 0.5), (0.1, 0.3)]:
        NetworkMode(lead_threshold=first).classify_all(shared)
        got = NetworkMode(lead_threshold=second).classify_all(shared)
        fresh = StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
        alone = NetworkMode(lead_threshold=second).classify_all(fresh)
        assert got == alone
        assert [r.text for lab in got.values() for r in lab.reasons] == [
            r.text for lab in alone.values() for r in lab.reasons
        ]
    # the threshold shows in the reasons, so the case above is one that can differ
    low = NetworkMode(lead_threshold=0.05).classify_all(s)
    high = NetworkMode(lead_threshold=0.95).classify_all(s)
    assert [r.text for lab in low.values() for r in lab.reasons] != [
        r.text for lab in high.values() for r in lab.reasons
    ]
