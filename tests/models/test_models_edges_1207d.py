"""The built-in models at more edges of their rules: hand-made structures, exact verdicts.

Each test fails on the code before its fix. The sources: ``../shared/seeds/00*``, digested
in ``../shared/DOMAIN.md``.
"""

from __future__ import annotations

import json
import math
from typing import Any

import attrs
import pytest

import govmodel
from govmodel.models import GovernanceModel
from govmodel.models.council import Council
from govmodel.spec import (
    Decision,
    Observation,
    Organization,
    Person,
    Post,
    Structure,
    Tally,
    Tie,
    Unit,
    VotingRule,
)
from govmodel.testing.linear import assert_linear
from govmodel.vocab import Term

Found = list[tuple[str | None, dict[str, Any]]]


def run(s: Structure, model: str, rule_id: str) -> tuple[str, int | None, Found]:
    """The status of a rule on ``s``, the subjects it examined and its findings as
    (subject, data) pairs, after checking that the assessment renders to JSON."""
    a = govmodel.assess(s, model)
    json.loads(a.to_json())
    r = a.rule(rule_id)
    return r.status, r.examined, [(f.subject, dict(f.data)) for f in r.findings]


# -- eight_roles (003_e46168819235ee26.txt) ------------------------------------------------------

#: A vocabulary that names the compound and building levels otherwise (小区 "estate", 楼
#: "block"), ranked as compounds (6) and buildings (7) are.
_RENAMED = (
    Term("unit_kinds", "estate", "estate", "小区", rank=6),
    Term("unit_kinds", "block", "block", "楼", rank=7),
)


def _estate(headed: bool) -> Structure:
    return Structure(
        units=[
            Unit("c", "community"),
            Unit("x", "estate", parent="c"),
            Unit("b", "block", parent="x"),
        ],
        organizations=[Organization("va", "volunteer_association", unit="x")],
        people=[Person("h")],
        posts=[Post("ph", "h", "va", "building_head")] if headed else [],
        ties=[Tie("t", "h", "b", "responsible_for")] if headed else [],
        vocabulary=_RENAMED,
    )


def test_eight_roles_building_heads_reads_buildings_by_their_level() -> None:
    # the estate (rank 6) runs the eight roles: its block (rank 7) is a building of it
    assert run(_estate(False), "eight_roles", "eight_roles.building_heads") == (
        "failed",
        1,
        [("b", {"compound": "x"})],
    )
    assert run(_estate(True), "eight_roles", "eight_roles.building_heads") == ("passed", 1, [])
    a = govmodel.assess(_estate(False), "eight_roles")
    assert a.metrics["building_head_coverage"].by_unit == {"x": 0.0}


def _fees(*rates: tuple[str, object, str]) -> Structure:
    return Structure(
        units=[Unit("m", "community"), Unit("c", "compound", parent="m")],
        organizations=[Organization("a", "volunteer_association", unit="c")],
        observations=[
            Observation(oid, "c", "fee_collection_rate", value, period=period)
            for oid, value, period in rates
        ],
    )


def test_eight_roles_fee_collection_one_rate_written_as_int_and_float_is_one_rate() -> None:
    # 1 and 1.0 for 2019 are the same rate: the last is known, and it rose from 0.4
    for last in ((1, 1.0), (1.0, 1)):
        s = _fees(("o1", 0.4, "2018"), ("o2", last[0], "2019"), ("o3", last[1], "2019"))
        a = govmodel.assess(s, "eight_roles")
        r = a.rule("eight_roles.fee_collection")
        assert (r.status, r.examined, r.findings) == ("passed", 1, ())
        assert a.metrics["fee_collection_after"].by_unit == {"c": 1.0}
    # True is no 1, nor is NaN: the last rate is unknown
    for other in (True, math.nan):
        s = _fees(("o1", 0.4, "2018"), ("o2", 1, "2019"), ("o3", other, "2019"))
        assert [f.data["problem"] for f in run_rule(s)] == ["duplicate-observation"]


def run_rule(s: Structure) -> tuple[Any, ...]:
    return govmodel.assess(s, "eight_roles").rule("eight_roles.fee_collection").findings


# -- council (002_38cd0ae90df957de.txt) ------------------------------------------------------------


def _council_of_two() -> Structure:
    """p0 and p1 sit until 2021-06-30, p0 and p2 from 2021-07-01; d0 of 2021-03-01 counts
    two members, as does d1 of 2021-08-01."""
    two = Tally(members=2, present=2, yes=2, no=0, abstain=0)
    return Structure(
        units=[Unit("s", "street"), Unit("c", "community", parent="s")],
        organizations=[Organization("cc", "community_council", unit="c")],
        people=[Person(f"p{i}") for i in range(3)],
        posts=[
            Post("a", "p0", "cc", "member", start="2020-01-01"),
            Post("b", "p1", "cc", "member", start="2020-01-01", end="2021-06-30"),
            Post("e", "p2", "cc", "member", start="2021-07-01"),
        ],
        decisions=[
            Decision("d0", "cc", rule=VotingRule("2/3"), count=two, date="2021-03-01"),
            Decision("d1", "cc", rule=VotingRule("2/3"), count=two, date="2021-08-01"),
        ],
    )


def test_council_members_as_of_a_later_day_leaves_out_the_decisions_before_it() -> None:
    s = _council_of_two()
    a = govmodel.assess(s, "council")
    assert (a.rule("council.members").status, a.rule("council.members").examined) == ("passed", 2)
    # as of 2022 post b has ended and is not in the structure: d0 cannot be checked, and is
    # never found to count a member too many
    for day, examined in (("2021-08-01", 1), ("2021-08", 1), ("2022", 0), ("2021-07-01", 0)):
        r = govmodel.assess(s, "council", as_of=day).rule("council.members")
        assert (r.examined, r.findings) == (examined, ()), day
    # on the decision's own day it is checked
    r = govmodel.assess(s, "council", as_of="2021-03-01").rule("council.members")
    assert (r.status, r.examined) == ("passed", 1)


def test_council_two_thirds_names_the_basis_in_chinese() -> None:
    s = attrs.evolve(
        _council_of_two(),
        decisions=[
            Decision(
                "d0",
                "cc",
                rule=VotingRule("2/3", basis="present"),
                count=Tally(members=2, present=2, yes=2, no=0, abstain=0),
            )
        ],
    )
    (f,) = govmodel.assess(s, "council").rule("council.two_thirds").findings
    assert f.message == "d0 of cc is taken by 2/3 of those present, not by 2/3 of all members"
    assert f.message_zh == "cc的d0按出席成员的2/3表决,而非全体成员的三分之二"


# -- four_level (004_5b013051e8bb86b4.txt) ---------------------------------------------------------


def _published(**figures: int) -> Structure:
    return Structure(
        units=[Unit("d", "district")],
        observations=[
            Observation(f"o{i}", "d", name, value)
            for i, (name, value) in enumerate(figures.items())
        ],
    )


def test_four_level_award_rate_of_more_awarded_than_in_the_round_is_none() -> None:
    a = govmodel.assess(_published(demonstration_compounds=48, awarded_compounds=49), "four_level")
    assert a.metrics["award_rate"].value is None
    assert [f.data["indicator"] for f in a.rule("four_level.figures").findings] == [
        "awarded_compounds"
    ]
    # all of the round awarded is a share of 1
    a = govmodel.assess(_published(demonstration_compounds=48, awarded_compounds=48), "four_level")
    assert a.metrics["award_rate"].value == 1.0


# -- grid (001_710a2e674d3240b8.txt) ---------------------------------------------------------------


def _items(*figures: tuple[object, str | None]) -> Structure:
    return Structure(
        units=[Unit("d", "district")],
        observations=[
            Observation(f"o{i}", "d", "service_items", value, period=period)  # type: ignore[arg-type]
            for i, (value, period) in enumerate(figures)
        ],
    )


def _admission(s: Structure) -> tuple[str, int | None, list[tuple[str | None, dict[str, Any]]]]:
    return run(s, "grid", "grid.admission_list")


def test_grid_admission_list_one_figure_from_two_sources_is_no_before_and_after() -> None:
    # 24 items in 2019, published twice: nothing was cut or added
    assert _admission(_items((24, "2019"), (24.0, "2019"))) == ("not_applicable", 0, [])


def test_grid_admission_list_two_figures_of_the_first_or_last_period_are_not_ordered() -> None:
    clash = {"indicator": "service_items", "problem": "duplicate-observation", "observed": 2}
    for figures in (
        ((207, "2019"), (24, "2019")),
        ((207, "2017"), (24, "2019"), (300, "2019")),
        ((207, "2017"), (100, "2017"), (24, "2019")),
    ):
        # whatever the order they are listed in
        for order in (figures, figures[::-1]):
            status, examined, found = _admission(_items(*order))
            assert (status, examined) == ("failed", 1), order
            assert [(subject, {k: data[k] for k in clash}) for subject, data in found] == [
                ("d", clash)
            ], order
    # of the same figure twice, the one figure is read: 207 to 24 is a cut
    assert _admission(_items((207, "2017"), (24, "2019"), (24, "2019"))) == ("passed", 1, [])


class _OnlyMembers(GovernanceModel):
    """The rule ``council.members`` alone, timed without the rest of the council model."""

    name = "council_members_only"
    members = Council.members


def _undated_decisions(n: int) -> Structure:
    """A council of ``n`` members taking ``n`` undated decisions."""
    return Structure(
        units=[Unit("c", "community")],
        organizations=[Organization("cc", "community_council", unit="c")],
        people=[Person(f"p{i}") for i in range(n)],
        posts=[Post(f"a{i}", f"p{i}", "cc", "member") for i in range(n)],
        decisions=[
            Decision(
                f"d{i}",
                "cc",
                rule=VotingRule("2/3"),
                count=Tally(members=n, present=n, yes=n, no=0, abstain=0),
            )
            for i in range(n)
        ],
    )


def test_council_members_of_undated_decisions() -> None:
    r = govmodel.assess(_undated_decisions(3), _OnlyMembers).rule("council.members")
    assert (r.status, r.examined, r.findings) == ("passed", 3, ())


@pytest.mark.timing
def test_council_members_is_linear_in_undated_decisions_times_members() -> None:
    # each undated decision read all the council's posts: n decisions of n members took n * n
    assert_linear(_undated_decisions, lambda s: govmodel.assess(s, _OnlyMembers), 800)


def test_grid_admission_list_two_undated_figures_name_no_period() -> None:
    (f,) = (
        govmodel.assess(_items((207, None), (24, None)), "grid")
        .rule("grid.admission_list")
        .findings
    )
    assert f.message == (
        "d: 2 service_items observations for no period differ; which comes before or after "
        "cannot be told, and the figures are not compared"
    )
    assert f.data["period"] == ""


def test_four_level_property_management_coverage_of_a_rate_named_in_chinese() -> None:
    def coverage(*of: str) -> float | None:
        s = Structure(
            units=[Unit("d", "district")],
            observations=[
                Observation(
                    f"o{i}", "d", "coverage_rate", value, period=period, attributes={"of": o}
                )
                for i, (o, value, period) in enumerate(
                    zip(of, (1.0, 0.5), ("2024", "2023"), strict=False)
                )
            ],
        )
        value: float | None = (
            govmodel.assess(s, "four_level").metrics["property_management_coverage"].value
        )
        return value

    assert coverage("物业管理") == 1.0
    assert coverage("物业管理", "党组织") == 1.0
    # a rate of something else is no rate of property management
    assert coverage("党组织", "物业管理") == 0.5


def test_grid_arrangement_counts_the_compounds_inside_an_area_of_the_community() -> None:
    s = Structure(
        units=[
            Unit("c", "community"),
            Unit("a", "area", parent="c"),
            Unit("x", "compound", parent="a"),
            Unit("y", "compound", parent="c"),
        ],
        organizations=[
            Organization("pc", "community_party_committee", unit="c"),
            Organization("rc", "residents_committee", unit="c"),
            Organization("sc", "supervision_committee", unit="c"),
            Organization("oy", "owners_committee", unit="y"),
        ],
    )
    a = govmodel.assess(s, "grid")
    assert [f.subject for f in a.rule("grid.base").findings] == ["x"]
    label = a.labels["arrangement"]["c"]
    assert label.value == "core_only"
    assert [r.data for r in label.reasons if r.rule == "base"] == [
        {"missing": "owners_committee:x"}
    ]


def test_council_two_thirds_written_as_a_float_is_two_thirds() -> None:
    def found(threshold: object) -> list[str | None]:
        s = attrs.evolve(
            _council_of_two(),
            decisions=[
                Decision(
                    "d0",
                    "cc",
                    rule=VotingRule(threshold),  # type: ignore[arg-type]
                    count=Tally(members=3, present=3, yes=2, no=1, abstain=0),
                )
            ],
        )
        r = govmodel.assess(s, "council").rule("council.two_thirds")
        assert r.examined == 1
        return [f.subject for f in r.findings]

    assert found(2 / 3) == found("2/3") == found(0.67) == []
    # the float below it, and 0.666, are laxer
    assert found(math.nextafter(2 / 3, 0)) == found(0.666) == found("0.6666") == ["d0"]


def _recorded(*figures: tuple[object, str]) -> Structure:
    return Structure(
        units=[Unit("c", "community")],
        organizations=[Organization("pc", "community_party_committee", unit="c")],
        observations=[
            Observation(f"o{i}", "pc", "partner_deputy_secretaries", value, period=period)  # type: ignore[arg-type]
            for i, (value, period) in enumerate(figures)
        ],
    )


def test_eight_roles_partner_secretaries_two_figures_of_the_latest_period_are_not_read() -> None:
    figures = ((0, "2019"), (13, "2019"))
    for order in (figures, figures[::-1]):
        status, examined, found = run(
            _recorded(*order), "eight_roles", "eight_roles.partner_secretaries"
        )
        assert (status, examined) == ("failed", 1)
        assert [(s, d["problem"], d["period"], d["observed"]) for s, d in found] == [
            ("pc", "duplicate-observation", "2019", 2)
        ]
    # the same figure twice is the figure: 0 found, 0 recorded
    assert run(
        _recorded((0, "2019"), (0.0, "2019")), "eight_roles", "eight_roles.partner_secretaries"
    ) == (
        "passed",
        1,
        [],
    )
