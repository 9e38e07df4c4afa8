"""Terms of office, party mobility and proxies: the fields, their validation, their meaning
for the law packs and the tally, and their round trips through every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings

import govmodel
from govmodel import SpecError
from govmodel.metrics.voting import council_rule, outcome, outcome_from_graph
from govmodel.spec import (
    Decision,
    Organization,
    Person,
    Post,
    Structure,
    Tally,
    Tie,
    Unit,
    Vote,
)
from govmodel.tally import roster_of, tally_decision
from govmodel.testing import strategies as gst
from govmodel.vocab import BUILTIN, OWNS


def _codes(s: Structure) -> set[tuple[str, str]]:
    with pytest.raises(SpecError) as info:
        govmodel.validate(s)
    return {(p.code, p.path) for p in info.value.problems}


def _fields() -> Structure:
    """A valid structure using every field added here, next to the old attribute forms."""
    return Structure(
        units=[
            Unit("c", "community"),
            Unit("x", "compound", parent="c"),
            Unit("f1", "household", parent="x", attributes={"floor_area_m2": 89.5}),
            Unit("ps1", "parking_space", parent="x", attributes={"floor_area_m2": 12.25}),
        ],
        organizations=[
            Organization("rc", "residents_committee", unit="c", term_start="2021-05-15"),
            Organization("oc", "owners_committee", unit="x", term_start="2023-03", term_years=3),
            Organization("old", "owners_committee", unit="x", attributes={"term_start": "2019"}),
            Organization("br", "compound_party_branch", unit="x"),
            Organization("oa", "owners_assembly", unit="x"),
        ],
        people=[
            Person("a", party="active", mobility="mobile"),
            Person("b", party="probationary", mobility="mobile"),
            Person("c1", party="active", mobility="normal"),
            Person("d", party="mobile"),
            Person("e"),
        ],
        posts=[Post("pb", "b", "br", "party_member")],
        ties=[Tie("own1", "a", "f1", OWNS), Tie("own2", "e", "ps1", OWNS)],
        decisions=[
            Decision(
                "dec",
                "oa",
                rule=council_rule(),
                count=Tally(members=2),
                votes=[Vote("a", "yes", 89.5), Vote("e", "yes", 12.25, proxy="b")],
                matter="property_service",
            )
        ],
    )


# -- the fields -------------------------------------------------------------------------------


def test_the_full_structure_of_new_fields_is_valid() -> None:
    assert govmodel.validate(_fields(), strict=True) == ()


def test_a_field_wins_over_the_attribute_of_older_files() -> None:
    o = Organization("o", "owners_committee", attributes={"term_start": "2019", "term_years": 4})
    assert o.term() == ("2019", 4)
    both = Organization(
        "o", "owners_committee", term_start="2021", attributes={"term_years": 3, "note": "x"}
    )
    assert both.term() == ("2021", 3)
    assert Organization("o", "owners_committee", attributes={"term_years": True}).term() == (
        None,
        None,
    )


def test_full_and_mobile_members_are_independent() -> None:
    cases = {
        Person("p", party="active"): (True, False),
        Person("p", party="active", mobility="mobile"): (True, True),
        Person("p", party="probationary", mobility="mobile"): (False, True),
        Person("p", party="probationary"): (False, False),
        Person("p", party="mobile"): (True, True),  # files written before 'mobility'
        Person("p", party="dormant", mobility="normal"): (True, False),
        Person("p"): (False, False),
    }
    for p, expected in cases.items():
        assert (p.full_member, p.mobile) == expected, p


def test_owns_and_parking_space_are_built_in() -> None:
    assert ("relations", OWNS) in BUILTIN
    assert BUILTIN.may_contain("compound", "parking_space")
    assert BUILTIN.may_contain("building", "parking_space")
    assert not BUILTIN.may_contain("parking_space", "household")
    assert sorted(BUILTIN.category("party_mobilities")) == ["mobile", "normal"]


# -- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("org", "expected"),
    [
        (
            Organization("o", "owners_committee", term_years=5),
            ("missing-field", "$.organizations[0].term_start"),
        ),
        (
            Organization("o", "owners_committee", term_start="２０２１-05", term_years=5),
            ("invalid-date", "$.organizations[0].term_start"),
        ),
        (
            Organization("o", "owners_committee", term_start="2021-02-30"),
            ("invalid-date", "$.organizations[0].term_start"),
        ),
        (
            Organization("o", "owners_committee", term_start="2021", term_years=0),
            ("number-out-of-range", "$.organizations[0].term_years"),
        ),
        (
            Organization("o", "owners_committee", term_start="2021", term_years=-3),
            ("number-out-of-range", "$.organizations[0].term_years"),
        ),
        (
            Organization("o", "owners_committee", term_start="2021", term_years=True),  # type: ignore[arg-type]
            ("wrong-type", "$.organizations[0].term_years"),
        ),
        (
            Organization("o", "owners_committee", term_start="2021", term_years=5.0),  # type: ignore[arg-type]
            ("wrong-type", "$.organizations[0].term_years"),
        ),
        (
            Organization("o", "owners_committee", term_start=2021),  # type: ignore[arg-type]
            ("wrong-type", "$.organizations[0].term_start"),
        ),
        (
            Organization(
                "o", "owners_committee", term_start="2021", attributes={"term_start": "2020"}
            ),
            ("invalid-value", "$.organizations[0].attributes.term_start"),
        ),
        (
            # the attribute 5 and the field 5.0 or True are not the same value
            Organization(
                "o",
                "owners_committee",
                term_start="2021",
                term_years=5,
                attributes={"term_years": 4},
            ),
            ("invalid-value", "$.organizations[0].attributes.term_years"),
        ),
        (
            Organization("o", "owners_committee", attributes={"term_years": 5}),
            ("missing-field", "$.organizations[0].attributes.term_start"),
        ),
    ],
)
def test_a_bad_term_of_office_is_reported_where_it_is(
    org: Organization, expected: tuple[str, str]
) -> None:
    assert expected in _codes(Structure(organizations=[org]))


def test_a_term_may_be_split_between_field_and_attribute_of_an_older_file() -> None:
    for org in (
        Organization("o", "owners_committee", term_start="2021", attributes={"term_years": 5}),
        Organization("o", "owners_committee", term_years=5, attributes={"term_start": "2021"}),
        Organization("o", "owners_committee", term_start="2021", attributes={"term_start": "2021"}),
    ):
        assert govmodel.validate(Structure(organizations=[org]), strict=True) == ()


def test_bad_party_mobility_is_reported() -> None:
    s = Structure(
        people=[
            Person("a", mobility="mobile"),
            Person("b", party="mobile", mobility="normal"),
            Person("c", party="active", mobility="floating"),
        ]
    )
    assert _codes(s) == {
        ("invalid-value", "$.people[0].mobility"),
        ("invalid-value", "$.people[1].mobility"),
        ("unknown-term", "$.people[2].mobility"),
    }


def test_a_proxy_is_another_person() -> None:
    s = Structure(
        units=[Unit("u", "compound")],
        organizations=[Organization("c", "community_council")],
        people=[Person("a"), Person("b")],
        decisions=[
            Decision(
                "d",
                "c",
                votes=[
                    Vote("a", "yes", proxy="a"),
                    Vote("b", "yes", proxy="u"),
                    Vote("zz", "no", proxy="nobody"),
                ],
            )
        ],
    )
    codes = _codes(s)
    assert ("invalid-value", "$.decisions[0].votes[0].proxy") in codes
    assert ("wrong-reference-kind", "$.decisions[0].votes[1].proxy") in codes
    assert ("dangling-reference", "$.decisions[0].votes[2].proxy") in codes


def test_a_bad_term_in_a_file_is_reported_at_its_path() -> None:
    doc = {
        "format_version": 1,
        "organizations": [
            {"id": "o", "kind": "owners_committee", "term_start": "2021", "term_years": True},
            {"id": "p", "kind": "owners_committee", "term_start": "2021", "term_years": "5"},
        ],
    }
    with pytest.raises(SpecError) as info:
        govmodel.loads(json.dumps(doc))
    got = {(p.code, p.path) for p in info.value.problems}
    assert ("wrong-type", "$.organizations[0].term_years") in got
    assert ("wrong-type", "$.organizations[1].term_years") in got


# -- what they mean ---------------------------------------------------------------------------


def _branch(*people: Person) -> Structure:
    return Structure(
        organizations=[Organization("br", "party_branch")],
        people=list(people),
        posts=[Post(f"post-{p.id}", p.id, "br", "party_member") for p in people],
    )


@pytest.mark.parametrize(
    ("people", "full"),
    [
        # a mobile probationary member is not full; a mobile full member is
        (
            [
                Person("a", party="active"),
                Person("b", party="active", mobility="mobile"),
                Person("c", party="probationary", mobility="mobile"),
            ],
            2,
        ),
        (
            [
                Person("a", party="active"),
                Person("b", party="active", mobility="mobile"),
                Person("c", party="mobile"),
            ],
            3,
        ),
    ],
)
def test_the_party_pack_counts_full_members_whatever_their_mobility(
    people: list[Person], full: int
) -> None:
    a = govmodel.assess(_branch(*people), "party_organizations", as_of="2025-01-01")
    result = a.rule("party_organizations.branch_minimum")
    if full < 3:
        assert [f.data["full_members"] for f in result.findings] == [full]
    else:
        assert result.status == "passed"


@pytest.mark.parametrize(
    "org",
    [
        Organization("rc", "residents_committee", term_start="2021-05-15"),
        Organization("rc", "residents_committee", attributes={"term_start": "2021-05-15"}),
    ],
)
def test_the_packs_read_the_field_and_the_attribute_of_older_files_alike(
    org: Organization,
) -> None:
    s = Structure(organizations=[org])
    a = govmodel.assess(s, "residents_committee_law", as_of="2026-06-30")
    assert [f.data["due"] for f in a.rule("residents_committee_law.term").findings] == [
        "2026-05-15"
    ]
    assert (
        not govmodel.assess(s, "residents_committee_law", as_of="2026-05-14")
        .rule("residents_committee_law.term")
        .findings
    )


def test_the_term_years_field_sets_the_owners_committee_term() -> None:
    oc = Organization("oc", "owners_committee", term_start="2021-06-01", term_years=3)
    a = govmodel.assess(
        Structure(organizations=[oc]), "owners_committee_guidance", as_of="2024-06-02"
    )
    assert [f.data["due"] for f in a.rule("owners_committee_guidance.term").findings] == [
        "2024-06-01"
    ]
    longer = Organization("oc", "owners_committee", term_start="2021-06-01", term_years=6)
    a = govmodel.assess(Structure(organizations=[longer]), "owners_committee_guidance")
    years = [f.data.get("term_years") for f in a.rule("owners_committee_guidance.term").findings]
    assert 6 in years


def test_outcome_counts_a_proxy_vote_as_the_voters_own() -> None:
    votes = [Vote("a", "yes"), Vote("b", "yes", proxy="a"), Vote("c", "no")]
    d = Decision("d", "c", rule=council_rule(), count=Tally(members=3), votes=votes)
    o = outcome(d)
    assert (o.passed, o.yes, o.by_proxy) == (True, 2, 1)
    assert o.explanation.endswith("1 of the 3 votes was cast by proxy")
    plain = outcome(
        Decision(
            "d",
            "c",
            rule=council_rule(),
            count=Tally(members=3),
            votes=[Vote("a", "yes"), Vote("b", "yes"), Vote("c", "no")],
        )
    )
    assert plain.by_proxy == 0
    assert "proxy" not in plain.explanation
    assert (plain.passed, plain.yes) == (o.passed, o.yes)


def test_outcome_from_graph_reads_a_proxy_outside_the_voters() -> None:
    s = Structure(
        organizations=[Organization("c", "community_council")],
        people=[Person("a"), Person("b"), Person("agent")],
        decisions=[
            Decision(
                "d",
                "c",
                rule=council_rule(),
                count=Tally(members=2),
                votes=[Vote("a", "yes"), Vote("b", "yes", proxy="agent")],
            )
        ],
    )
    o = outcome_from_graph(govmodel.to_graph(s), "d")
    assert (o.passed, o.by_proxy) == (True, 1)


def test_the_tally_of_a_decision_keeps_its_proxies() -> None:
    s = _fields()
    assert [(p.id, p.kind) for p in roster_of(s)] == [
        ("f1", "household"),
        ("ps1", "parking_space"),
    ]
    t = tally_decision(s, "dec")
    assert (t.by_proxy, t.heads, t.heads_present) == (1, 2, 2)


def test_the_qingshan_dataset_uses_the_fields() -> None:
    s = govmodel.datasets.load("qingshan")
    assert not s.vocabulary  # owns and parking_space are built in
    assert s.get("qs-rc").term() == ("2021-05-15", None)
    assert s.get("qs-oc2").term() == ("2019-04-10", 5)
    assert not any("term_start" in o.attributes for o in s.organizations)
    assert tally_decision(s, "qs-d-funds").by_proxy == 1
    a = govmodel.assess(s, "party_organizations", as_of="2025-06-30")
    found = {f.subject: f.data for f in a.rule("party_organizations.branch_minimum").findings}
    assert found == {"qs-br2": {"full_members": 2}}


def test_qingshan_records_mobile_members() -> None:
    # needs io/native.py's fast person builder to read 'mobility' (see its _KEYS["people"])
    s = govmodel.datasets.load("qingshan")
    assert {p.id for p in s.people if p.mobile} == {"qs-p28", "qs-p33"}
    assert not s.get("qs-p33").full_member


# -- round trips ------------------------------------------------------------------------------


def _same(a: Structure, b: Structure) -> None:
    from tests.io import canonical

    assert b == a
    assert canonical(b) == canonical(a)


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_files_keep_the_new_fields(fmt: str) -> None:
    s = _fields()
    _same(s, govmodel.loads(govmodel.dumps(s, format=fmt), format=fmt))  # type: ignore[arg-type]


def test_graphs_and_frames_keep_the_new_fields() -> None:
    from govmodel.io.frames import from_frames, to_frames

    s = _fields()
    G = govmodel.to_graph(s)
    assert (G.nodes["oc"]["term_start"], G.nodes["oc"]["term_years"]) == ("2023-03", 3)
    assert G.nodes["old"]["attr:term_start"] == "2019"
    assert G.nodes["a"]["party_mobility"] == "mobile"
    assert G.edges["e", "dec", "vote"]["proxy"] == "b"
    _same(s, govmodel.from_graph(G))
    _same(s, from_frames(*to_frames(s)))


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "node-link"])
def test_graph_files_keep_the_new_fields(fmt: str) -> None:
    from govmodel.io.graphfiles import EXPORTERS, IMPORTERS

    s = _fields()
    _same(s, IMPORTERS[fmt](EXPORTERS[fmt](s)))


def test_parquet_keeps_the_new_fields(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    from govmodel.io.parquet import read_parquet, write_parquet

    s = _fields()
    write_parquet(s, tmp_path / "d")
    _same(s, read_parquet(tmp_path / "d"))


def test_graphs_written_before_the_fields_read_their_attributes_as_before() -> None:
    import networkx as nx

    G = nx.MultiDiGraph()
    G.add_node("u", entity="unit", kind="compound", term_start="2021")
    G.add_node("p", entity="person", party_status="active", party_mobility="mobile", start="x")
    G.add_node("o", entity="organization", kind="owners_committee", term_start="2021")
    G.add_edge("p", "u", key="t", relation="serves", proxy="someone")
    s = govmodel.from_graph(G)
    assert s.get("u").attributes == {"term_start": "2021"}  # a unit has no term: an attribute
    assert s.get("p") == Person("p", party="active", attributes={"start": "x"}, mobility="mobile")
    assert s.get("o").term_start == "2021"  # an organization's is now the field
    assert s.ties[0].attributes == {"proxy": "someone"}


def test_parquet_files_written_before_the_fields_still_load(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    from govmodel.io.parquet import read_parquet, write_parquet

    s = Structure(
        organizations=[Organization("c", "community_council")],
        people=[Person("a", party="active")],
        decisions=[Decision("d", "c", votes=[Vote("a", "yes", 10)])],
    )
    write_parquet(s, tmp_path / "d")
    # rewrite each table as an older release wrote it: without the new columns, and with
    # votes whose structs have no proxy
    for table, drop in (
        ("organizations", ["term_start", "term_years"]),
        ("people", ["mobility"]),
    ):
        for f in (tmp_path / "d" / table).rglob("*.parquet"):
            pq.write_table(pq.read_table(f).drop_columns(drop), f)
    for f in (tmp_path / "d" / "decisions").rglob("*.parquet"):
        t = pq.read_table(f)
        rows = [
            [{k: v for k, v in x.items() if k != "proxy"} for x in r]
            for r in t.column("votes").to_pylist()
        ]
        value = t.schema.field("votes").type.value_type
        old = pa.list_(
            pa.struct(
                [value.field(i) for i in range(value.num_fields) if value.field(i).name != "proxy"]
            )
        )
        i = t.schema.get_field_index("votes")
        pq.write_table(t.set_column(i, "votes", pa.array(rows, type=old)), f)
        assert "proxy" not in str(pq.read_schema(f).field("votes").type)
    _same(s, read_parquet(tmp_path / "d"))


@settings(max_examples=30, deadline=None)
@given(gst.structures())
def test_generated_structures_keep_the_new_fields_through_graphs(s: Structure) -> None:
    from tests.io import canonical

    assert canonical(govmodel.from_graph(govmodel.to_graph(s))) == canonical(s)
