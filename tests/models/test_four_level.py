"""The four-level model (Yuetang, report 004): published figures through assess, each rule
fired by a structure that breaks it and silent on one that satisfies it."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import attrs
import pytest

import govmodel
from govmodel.models.four_level import FourLevel
from govmodel.spec import Organization, Person, Post, Structure, Tie, Unit
from govmodel.vocab import Term

from .conftest import add, assert_declared, assert_found, attr, drop, edit, json_report

EXAMPLE = FourLevel.example()


def assess(s: Structure, **kw: Any) -> govmodel.Assessment:
    return govmodel.assess(s, "four_level", **kw)


A = assess(EXAMPLE)


# -- editing helpers --------------------------------------------------------------------------


def serve(s: Structure, person: str, *households: str) -> Structure:
    """``person`` made responsible for more households."""
    n = len(s.ties)
    ties = [
        Tie(f"yt-tie9{n + i:02d}", person, h, "responsible_for", start="2023-06")
        for i, h in enumerate(households)
    ]
    return add(s, "ties", *ties)


def fix_branch(s: Structure) -> Structure:
    """A party branch for the fifth compound, the one the example still lacks, its secretary
    the owners' committee's chair (yt-p012), as the report asks."""
    s = add(
        s,
        "organizations",
        Organization("yt-c5-pb", "compound_party_branch", unit="yt-c5", parent="yt-xt-pgb"),
    )
    return add(s, "posts", Post("yt-c5-pb-secretary", "yt-p012", "yt-c5-pb", "secretary"))


def fix_chiefs(s: Structure) -> Structure:
    """Three of yt-p040's 18 households handed to yt-p041, who serves 3: 15 and 6."""
    s = drop(s, "ties", "yt-tie036", "yt-tie037", "yt-tie038")
    return serve(s, "yt-p041", "yt-c1-b2-h16", "yt-c1-b2-h17", "yt-c1-b2-h18")


# -- the registered model ---------------------------------------------------------------------


def test_registered_with_its_title() -> None:
    assert_declared(FourLevel, "four_level", "004_5b013051e8bb86b4.txt", "yuetang")
    assert FourLevel.title == "Four-level party structure and three chiefs"
    assert FourLevel.example().metadata.name == "yuetang"


# -- the published figures, read from the assessment --------------------------------------------


def test_four_levels_present() -> None:
    assert A.metrics["party_levels"].value == 4
    assert A.rule("four_level.levels").findings == ()
    assert A.rule("four_level.building_groups").findings == ()
    assert A.ok


def test_cross_appointment() -> None:
    x = A.metrics["cross_appointment"]
    assert x.by_unit == {"yt-c1": 0, "yt-c2": 1, "yt-c3": 0, "yt-c4": 1, "yt-c5": 0}
    assert x.by_level["community"] == {"yt-xt": pytest.approx(0.4)}
    assert A.rule("four_level.cross_appointment").findings == ()
    assert A.rule("four_level.owners_committee_link").findings == ()
    assert A.metrics["two_committees_share"].value == pytest.approx(2 / 13)


def test_neighbour_chiefs_outside_5_to_15_are_found_exactly() -> None:
    found = A.rule("four_level.neighbour_chief_band").findings
    assert [(f.subject, f.data["households"]) for f in found] == [("yt-p040", 18), ("yt-p041", 3)]
    assert all(f.severity == "warning" for f in found)
    # as the district stood in January 2024 (the replaced chief gone): the same two
    now = assess(EXAMPLE, as_of="2024-01")
    assert [f.subject for f in now.rule("four_level.neighbour_chief_band").findings] == [
        "yt-p040",
        "yt-p041",
    ]
    assert now.metrics["neighbour_chiefs_in_band"].value == pytest.approx(4 / 6)
    assert A.metrics["neighbour_chiefs_in_band"].value == pytest.approx(5 / 7)


def test_neighbour_chiefs_per_group_roll_up() -> None:
    chiefs = A.metrics["neighbour_chiefs"]
    assert chiefs.by_unit == {"yt-xt-a1-g1": 2, "yt-xt-a1-g2": 3, "yt-xt-a2-g1": 2}
    assert chiefs.by_level["area"] == {"yt-xt-a1": 5, "yt-xt-a2": 2}
    households = A.metrics["households_served"]
    assert households.by_level["community"] == {"yt-xt": 15 + 18 + 3 + 7 + 7 + 6 + 5}


def test_published_compounds_demonstration_awards_and_stations() -> None:
    assert A.metrics["compounds"].value == 565
    assert A.metrics["demonstration_compounds"].value == 48
    assert A.metrics["awarded_compounds"].value == 21
    assert A.metrics["award_rate"].value == pytest.approx(21 / 48)
    assert A.metrics["service_stations"].value == 143
    assert A.metrics["property_management_coverage"].value == 1.0
    assert A.rule("four_level.figures").findings == ()


def test_compound_measures_roll_up() -> None:
    assert A.metrics["has_branch"].by_level["community"] == {"yt-xt": pytest.approx(0.8)}
    assert A.metrics["managed"].value == 1.0
    assert A.metrics["has_service_station"].by_level["district"] == {"yt": 3}
    assert A.metrics["is_demonstration"].value == 2
    assert A.metrics["is_awarded"].value == 1
    groups = A.metrics["building_group_coverage"]
    assert groups.by_unit["yt-c1"] == 1.0
    assert groups.by_unit["yt-c5"] == 0.0


def test_ledger_labels() -> None:
    modes = {x: lab.value for x, lab in A.labels["management_mode"].items()}
    assert modes == {
        "yt-c1": "quasi_property",
        "yt-c2": "professional",
        "yt-c3": "work_unit",
        "yt-c4": "self_managed",
        "yt-c5": "professional",
    }
    assert A.labels["tripartite"]["yt-c2"].value == "complete_led_linked"
    assert A.rule("four_level.ledger").findings == ()


def test_the_example_fails_only_where_the_dataset_says() -> None:
    assert A.ok
    assert [r.rule.id for r in A.rules if not r.passed] == [
        "four_level.branch_coverage",
        "four_level.neighbour_chief_band",
    ]
    assert [f.subject for f in A.rule("four_level.branch_coverage").findings] == ["yt-c5"]


def test_json_report() -> None:
    data = json_report(A)
    assert data["model"] == "four_level"
    assert data["title"] == "Four-level party structure and three chiefs"
    assert [f["subject"] for f in data["findings"]] == ["yt-c5", "yt-p040", "yt-p041"]
    assert data["metrics"]["compounds"]["value"] == 565
    assert data["labels"]["management_mode"]["yt-c1"]["value"] == "quasi_property"


# -- each rule: silent on a structure that satisfies it, fires on one that breaks it -----------

Change = Callable[[Structure], Structure]
SATISFIED = fix_chiefs(fix_branch(EXAMPLE))


def test_the_fixed_example_passes_everything_but_the_new_branch_groups() -> None:
    a = assess(SATISFIED)
    assert [r.rule.id for r in a.rules if not r.passed] == ["four_level.building_groups"]
    assert [f.subject for f in a.findings] == ["yt-c5-b1", "yt-c5-b2"]


BROKEN: list[tuple[str, str, Change, list[str]]] = [
    (
        "four_level.levels",
        "a building party group led by the community general branch",
        lambda s: edit(s, "organizations", "yt-c1-b1-pg", parent="yt-xt-pgb"),
        ["yt-c1-b1-pg"],
    ),
    (
        "four_level.levels",
        "the general branch led by nothing: the working committee reaches level 1",
        lambda s: edit(s, "organizations", "yt-xt-pgb", parent=None),
        ["yt-s1-pwc", "yt-xt-pgb"],
    ),
    (
        "four_level.levels",
        "no building party groups: three levels only",
        lambda s: s.replace(
            organizations=tuple(
                attrs.evolve(o, kind="social_organization")
                if o.kind == "building_party_group"
                else o
                for o in s.organizations
            )
        ),
        ["yt-s1-pwc"],
    ),
    (
        "four_level.levels",
        "the working committee moved to the district",
        lambda s: edit(s, "organizations", "yt-s1-pwc", unit="yt"),
        # the street lacks its committee, and the committee sits outside a street
        ["yt-s1", "yt-s1-pwc"],
    ),
    (
        "four_level.levels",
        "a compound party branch placed in the community",
        lambda s: edit(s, "organizations", "yt-c3-pb", unit="yt-xt"),
        ["yt-c3-pb"],
    ),
    (
        "four_level.branch_coverage",
        "the fifth compound without a branch, the third's moved away",
        lambda s: edit(
            drop(drop(s, "posts", "yt-c5-pb-secretary"), "organizations", "yt-c5-pb"),
            "organizations",
            "yt-c3-pb",
            unit="yt-xt",
        ),
        ["yt-c3", "yt-c5"],
    ),
    (
        "four_level.building_groups",
        "a building group moved to the compound",
        lambda s: edit(s, "organizations", "yt-c2-b3-pg", unit="yt-c2"),
        ["yt-c2-b3", "yt-c5-b1", "yt-c5-b2"],
    ),
    (
        "four_level.cross_appointment",
        "another owner elected chair instead of the branch secretary",
        lambda s: edit(s, "posts", "yt-post016", person="yt-p013"),
        ["yt-c2"],
    ),
    (
        "four_level.owners_committee_link",
        "a committee whose chair is no longer the branch secretary",
        lambda s: edit(s, "posts", "yt-post017", person="yt-p015"),
        ["yt-c4-oc"],
    ),
    (
        "four_level.neighbour_chief_band",
        "a chief with 20 households, another with 18, another with 3",
        lambda s: serve(
            add(
                add(s, "people", Person("yt-p099", "新某邻")),
                "posts",
                Post("yt-post099", "yt-p099", "yt-xt-rc", "neighbour_chief", start="2023-06"),
            ),
            "yt-p099",
            *[f"yt-c1-b1-h{i:02d}" for i in range(1, 16)],
            *[f"yt-c1-b2-h{i:02d}" for i in range(1, 6)],
        ),
        ["yt-p099"],
    ),
    (
        "four_level.three_chiefs",
        "a group without group chief, an area without area chief, a group without neighbours",
        lambda s: drop(
            s, "ties", "yt-tie002", "yt-tie003", *[f"yt-tie{i:03d}" for i in range(49, 60)]
        ),
        ["yt-xt-a1-g1", "yt-xt-a2", "yt-xt-a2-g1"],
    ),
    (
        "four_level.three_chiefs",
        "the areas moved up to the street: the community is not divided",
        lambda s: edit(
            edit(s, "units", "yt-xt-a1", parent="yt-s1"), "units", "yt-xt-a2", parent="yt-s1"
        ),
        ["yt-xt"],
    ),
    (
        "four_level.group_coverage",
        "a building in no group, another in two",
        lambda s: add(
            drop(s, "ties", "yt-tie078"),
            "ties",
            Tie("yt-tie999", "yt-c4-b1", "yt-xt-a1-g1", "in_group"),
        ),
        ["yt-c4-b1", "yt-c5-b2"],
    ),
    (
        "four_level.group_coverage",
        "a building in another community's group",
        lambda s: edit(
            add(
                s,
                "units",
                Unit("yt-xt2", "community", parent="yt-s1"),
                Unit("yt-xt2-a1", "area", parent="yt-xt2"),
                Unit("yt-xt2-a1-g1", "group", parent="yt-xt2-a1"),
            ),
            "ties",
            "yt-tie078",
            target="yt-xt2-a1-g1",
        ),
        ["yt-c5-b2"],
    ),
    (
        "four_level.ledger",
        "a compound under no management",
        lambda s: attr(s, "units", "yt-c3", management="none"),
        ["yt-c3"],
    ),
    (
        "four_level.demonstration",
        "a compound awarded without the demonstration round",
        lambda s: attr(s, "units", "yt-c5", awarded=True),
        ["yt-c5"],
    ),
    (
        "four_level.figures",
        "3 compounds published: fewer than modelled and than the 48 in the round",
        lambda s: edit(s, "observations", "yt-obs001", value=3),
        ["yt", "yt"],
    ),
    (
        "four_level.figures",
        "60 awarded of 48",
        lambda s: edit(s, "observations", "yt-obs004", value=60),
        ["yt"],
    ),
]


@pytest.mark.parametrize(
    ("rule_id", "why", "change", "subjects"), BROKEN, ids=[f"{r}: {w}" for r, w, _, _ in BROKEN]
)
def test_rule_fires_on_a_broken_structure(
    rule_id: str, why: str, change: Change, subjects: list[str]
) -> None:
    satisfied = assess(SATISFIED).rule(rule_id)
    if rule_id != "four_level.building_groups":
        assert satisfied.findings == ()
    a = assess(change(SATISFIED))
    severity = assert_found(a, rule_id, subjects)
    assert not a.rule(rule_id).passed
    if severity == "error":
        assert not a.ok


def test_every_rule_is_exercised() -> None:
    assert {r for r, _, _, _ in BROKEN} == {r.id for r in FourLevel.rules()}


def test_building_groups_silent_when_every_building_has_one() -> None:
    s = add(
        SATISFIED,
        "organizations",
        *(
            Organization(f"{b}-pg", "building_party_group", unit=b, parent="yt-c5-pb")
            for b in ("yt-c5-b1", "yt-c5-b2")
        ),
    )
    a = assess(s)
    assert a.findings == ()
    assert a.metrics["building_group_coverage"].value == 1.0


def test_generic_party_branch_and_group_count_as_levels() -> None:
    s = Structure(
        units=[
            Unit("s", "street"),
            Unit("c", "community", parent="s"),
            Unit("x", "compound", parent="c"),
            Unit("b", "building", parent="x"),
        ],
        organizations=[
            Organization("w", "street_party_working_committee", unit="s"),
            Organization("g", "community_party_committee", unit="c", parent="w"),
            Organization("p", "party_branch", unit="x", parent="g"),
            Organization("q", "party_group", unit="b", parent="p"),
        ],
    )
    a = assess(s)
    assert a.rule("four_level.levels").findings == ()
    assert a.rule("four_level.branch_coverage").findings == ()
    assert a.metrics["party_levels"].value == 4
    assert a.metrics["compounds"].value is None


def test_band_is_a_class_attribute() -> None:
    class Wide(FourLevel):
        household_band = (3, 18)

    a = govmodel.assess(EXAMPLE, Wide)
    assert a.rule("four_level.neighbour_chief_band").findings == ()


def test_synthetic_district_assesses() -> None:
    s = govmodel.synth.district(60, seed=3, preset="yuetang")
    a = govmodel.assess(s, "four_level")
    assert a.rule("four_level.levels").passed
    assert a.metrics["party_levels"].value == 4
    assert a.metrics["managed"].value == 1.0
    json.loads(a.to_json())


def test_an_owners_committee_links_another_only_where_the_vocabulary_makes_it_party() -> None:
    # p1 sits on oc1 and oc2, p2 on oc3 alone, p3 on oc4 and in the residents' committee
    def structure(*vocabulary: Term) -> Structure:
        return Structure(
            units=[
                Unit("c", "community"),
                *(Unit(f"x{i}", "compound", parent="c") for i in (1, 2, 3)),
            ],
            organizations=[
                Organization("rc", "residents_committee", unit="c"),
                Organization("oc1", "owners_committee", unit="x1"),
                Organization("oc2", "owners_committee", unit="x2"),
                Organization("oc3", "owners_committee", unit="x3"),
                Organization("oc4", "owners_committee", unit="x3"),
            ],
            people=[Person(f"p{i}") for i in (1, 2, 3)],
            posts=[
                Post("po1", "p1", "oc1", "chair"),
                Post("po2", "p1", "oc2", "member"),
                Post("po3", "p2", "oc3", "chair"),
                Post("po4", "p3", "oc4", "chair"),
                Post("po5", "p3", "rc", "member"),
            ],
            vocabulary=vocabulary,
        )

    def unlinked(s: Structure) -> list[str | None]:
        return [f.subject for f in assess(s).rule("four_level.owners_committee_link").findings]

    assert unlinked(structure()) == ["oc1", "oc2", "oc3"]
    party = Term("organization_kinds", "owners_committee", "owners' committee", party=True)
    assert unlinked(structure(party)) == ["oc3"]  # its own committee links none


def test_building_groups_over_several_blocks_name_each_building_and_compound() -> None:
    """More buildings without a group than one block holds: each finding as one made alone,
    the blocks at most BLOCK_ROWS findings, in the order of the buildings."""
    from govmodel.models import Context
    from govmodel.models.base import BLOCK_ROWS, FindingBlock

    n = 2 * BLOCK_ROWS + 7
    units = [Unit("s", "street"), Unit("c", "community", parent="s")]
    units += [Unit(f"x{j}", "compound", parent="c", name=f"苑{j}" if j else "") for j in (0, 1)]
    units += [
        Unit(f"b{i}", "building", parent=f"x{i % 2}", name=f"{i}栋" if i % 3 else "")
        for i in range(n)
    ]
    orgs = [Organization(f"x{j}-pb", "compound_party_branch", unit=f"x{j}") for j in (0, 1)]
    s = Structure(units=units, organizations=orgs)
    m = FourLevel()
    ctx = Context(s, m)
    ctx._rule = next(r for r in m.rules() if r.id == "four_level.building_groups")
    blocks = list(m.building_groups(ctx))
    assert all(isinstance(b, FindingBlock) for b in blocks)
    assert [len(b) for b in blocks] == [BLOCK_ROWS, BLOCK_ROWS, 7]
    got = [f for b in blocks for f in b]
    name_of = ctx.index.name_of
    assert [f.subject for f in got] == [f"b{i}" for i in range(n)]
    for i, f in enumerate(got):
        b, x = name_of(f"b{i}"), name_of(f"x{i % 2}")
        assert f.message == f"building {b} of compound {x} has no building party group"
        assert f.message_zh == f"小区 {x} 的楼栋 {b} 未建楼栋党小组"
        assert dict(f.data) == {"compound": f"x{i % 2}"}
    assert got[1].message.startswith("building 1栋 (b1) of compound 苑1 (x1) ")
    assert got[0].message_zh == "小区 x0 的楼栋 b0 未建楼栋党小组"


def _officers_of_two(*vocabulary: Term) -> Structure:
    """p1 sits on oc1 and oc2, p2 on oc3 alone, p3 on oc4 and in the residents' committee."""
    return Structure(
        units=[Unit("c", "community"), *(Unit(f"x{i}", "compound", parent="c") for i in (1, 2, 3))],
        organizations=[
            Organization("rc", "residents_committee", unit="c"),
            *(
                Organization(f"oc{i}", "owners_committee", unit=f"x{min(i, 3)}")
                for i in (1, 2, 3, 4)
            ),
        ],
        people=[Person(f"p{i}") for i in (1, 2, 3)],
        posts=[
            Post("po1", "p1", "oc1", "chair"),
            Post("po2", "p1", "oc2", "member"),
            Post("po3", "p2", "oc3", "chair"),
            Post("po4", "p3", "oc4", "chair"),
            Post("po5", "p3", "rc", "member"),
        ],
        vocabulary=vocabulary,
    )


def _on_backend(s: Structure, backend: str) -> list[tuple[str | None, str]]:
    """The owners_committee_link findings with the structure's index on ``backend``."""
    from govmodel.index import _CACHE_KEY, StructureIndex

    s = attrs.evolve(s)  # a structure of its own, with its own cache
    s._cache[_CACHE_KEY] = StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
    a = assess(s)
    return [(f.subject, f.message) for f in a.rule("four_level.owners_committee_link").findings]


@pytest.mark.parametrize(
    "make",
    [
        lambda: EXAMPLE,
        lambda: govmodel.synth.district(30, seed=2, preset="yuetang"),
        lambda: govmodel.synth.district(30, seed=5, preset="chengdu"),
        lambda: attrs.evolve(
            govmodel.synth.district(20, seed=3, preset="yuetang"),
            vocabulary=(
                Term("organization_kinds", "owners_committee", "owners' committee", party=True),
            ),
        ),
        lambda: _officers_of_two(),
        lambda: _officers_of_two(
            Term("organization_kinds", "owners_committee", "owners' committee", party=True)
        ),
    ],
    ids=[
        "yuetang",
        "synth-yuetang",
        "synth-chengdu",
        "owners-committee-party",
        "two-committees",
        "two-committees-party",
    ],
)
def test_owners_committee_link_reads_alike_with_numpy_and_without(
    make: Callable[[], Structure],
) -> None:
    pytest.importorskip("numpy")
    s = make()
    fast = _on_backend(s, "numpy")
    assert fast == _on_backend(s, "python")
    assert fast or s is EXAMPLE  # the others have unlinked committees
    if s.vocabulary and s.organizations[1].id == "oc1":  # two-committees-party
        assert [subject for subject, _ in fast] == ["oc3"]


def test_owners_committee_link_of_a_post_in_no_organization_reads_post_by_post() -> None:
    """A post whose organization is a unit (invalid): the numpy reading leaves it to the
    plain one, which reads the ids as they are."""
    pytest.importorskip("numpy")
    s = Structure(
        units=[Unit("c", "community"), Unit("x", "compound", parent="c")],
        organizations=[
            Organization("rc", "residents_committee", unit="c"),
            Organization("oc1", "owners_committee", unit="x"),
            Organization("oc2", "owners_committee", unit="x"),
        ],
        people=[Person("p1"), Person("p2")],
        posts=[
            Post("po1", "p1", "oc1", "chair"),
            Post("po2", "p1", "rc", "member"),
            Post("po3", "p2", "oc2", "chair"),
            Post("po4", "p2", "x", "member"),  # in a unit
        ],
    )
    assert _on_backend(s, "numpy") == _on_backend(s, "python")
    assert [subject for subject, _ in _on_backend(s, "numpy")] == ["oc2"]
