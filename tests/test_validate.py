"""The rules every structure obeys."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import attrs
import pytest

import govmodel
import govmodel.io.native
from govmodel import SpecError
from govmodel.spec import (
    Decision,
    Metadata,
    Observation,
    Organization,
    Person,
    Post,
    Structure,
    Tally,
    Tie,
    Unit,
    Vote,
    VotingRule,
    date_bounds,
    in_force,
)
from govmodel.vocab import BUILTIN, Term


def problems(s: Structure, *, strict: bool = False) -> set[tuple[str, str]]:
    with pytest.raises(SpecError) as info:
        govmodel.validate(s, strict=strict)
    return {(p.code, p.path) for p in info.value.problems}


def test_cycle_names_every_id_in_it() -> None:
    s = Structure(
        units=[
            Unit("g1", "grid", parent="g3"),
            Unit("g2", "grid", parent="g1"),
            Unit("g3", "grid", parent="g2"),
        ]
    )
    with pytest.raises(SpecError) as info:
        govmodel.validate(s)
    (p,) = info.value.problems
    assert p.code == "containment-cycle"
    assert p.path == "$.units[0].parent"
    assert "'g1' → 'g3' → 'g2' → 'g1'" in p.message


def test_self_parent_is_a_cycle() -> None:
    s = Structure(organizations=[Organization("o", "party_branch", parent="o")])
    assert problems(s) == {("leadership-cycle", "$.organizations[0].parent")}


def test_wrong_reference_kind() -> None:
    s = Structure(
        units=[Unit("u", "compound")],
        organizations=[Organization("o", "owners_committee", unit="u", parent="u")],
    )
    assert problems(s) == {("wrong-reference-kind", "$.organizations[0].parent")}


def test_dates_and_intervals() -> None:
    s = Structure(
        people=[Person("p")],
        organizations=[Organization("o", "owners_committee")],
        posts=[
            Post("a", "p", "o", "chair", "2021-06", "2021-05-31"),
            Post("b", "p", "o", "chair", "2021", "2021"),
            Post("c", "p", "o", "chair", "2021-02-29"),
        ],
        units=[Unit("u", "community")],
        observations=[
            Observation("ob1", "u", "households", 3, "2023/2021"),
            Observation("ob2", "u", "households", 3, "2021/2022/2023"),
        ],
    )
    assert problems(s) == {
        ("end-before-start", "$.posts[0].end"),
        ("invalid-date", "$.posts[2].start"),
        ("end-before-start", "$.observations[0].period"),
        ("invalid-date", "$.observations[1].period"),
    }


def test_date_bounds_and_in_force() -> None:
    assert date_bounds("2024-02") == ("2024-02-01", "2024-02-29")
    assert date_bounds("1900-02") == ("1900-02-01", "1900-02-28")
    assert date_bounds("2000-02") == ("2000-02-01", "2000-02-29")
    for bad in ("2021-00", "2021-1", "21", "2021-04-31", "2021-06-30T00:00", "0000", "0000-03"):
        with pytest.raises(ValueError, match=r"ISO date|has no"):
            date_bounds(bad)
    assert in_force(None, None, "2000-01-01")
    assert in_force("2020-06", "2020-06", "2020-06-30")
    assert not in_force("2020-06", "2020-06", "2020-07-01")


def test_a_date_has_a_year_and_a_term_ends_within_the_calendar() -> None:
    """Year 0000 is no date (datetime has none); a term whose end, or the day after it,
    falls beyond 9999-12-31 is out of range, where the law packs could not count it."""
    s = Structure(
        units=[Unit("u", "compound", start="0000")],
        organizations=[
            Organization("late", "owners_committee", term_start="9994-01-01", term_years=5),
            Organization("last", "owners_committee", term_start="9993-12", term_years=5),
            Organization("zero", "owners_committee", term_start="0000-03", term_years=3),
            Organization("statutory", "residents_committee", term_start="9997"),
            Organization("old", "owners_committee", attributes={"term_start": "9999-12"}),
            Organization("early", "owners_committee", term_start="9988-12-31"),
        ],
    )
    assert problems(s) == {
        ("invalid-date", "$.units[0].start"),
        ("number-out-of-range", "$.organizations[0].term_years"),
        ("invalid-date", "$.organizations[2].term_start"),
        # no term_years: the law's term, of up to 10 years, could run past 9998
        ("number-out-of-range", "$.organizations[3].term_start"),
        ("number-out-of-range", "$.organizations[4].attributes.term_start"),
    }
    ok = Structure(units=[Unit("u", "compound")], organizations=[s.organizations[1]])
    govmodel.validate(ok)
    # and the law packs count the lawful one to its end
    assert govmodel.assess(ok, "owners_committee_guidance").rules


def test_nothing_succeeds_itself() -> None:
    s = Structure(
        units=[
            Unit("a", "community", formed_from=["a", "b"], replaced_by="a"),
            Unit("b", "community", end="2020", replaced_by="a"),
        ],
        organizations=[Organization("o", "owners_committee", formed_from=["o"])],
    )
    assert problems(s) == {
        ("invalid-value", "$.units[0].formed_from[0]"),
        ("invalid-value", "$.units[0].replaced_by"),
        ("invalid-value", "$.organizations[0].formed_from[0]"),
    }


def test_counts_rates_and_parts() -> None:
    s = Structure(
        units=[
            Unit(
                "u",
                "compound",
                attributes={"households": -2, "issues_collected": 3, "issues_resolved": 4},
            )
        ],
        observations=[
            Observation("a", "u", "households", 2.5),
            Observation("b", "u", "fee_collection_rate", -0.1),
            Observation("c", "u", "floor_area_m2", -1.0),
            Observation("d", "u", "issues_collected", 10, "2022"),
            Observation("e", "u", "issues_resolved", 11, "2022"),
            Observation("f", "u", "issues_resolved", 11, "2023"),
        ],
    )
    assert problems(s) == {
        ("negative-count", "$.units[0].attributes.households"),
        ("count-exceeds-total", "$.units[0].attributes.issues_resolved"),
        ("not-a-whole-number", "$.observations[0].value"),
        ("rate-out-of-range", "$.observations[1].value"),
        ("negative-amount", "$.observations[2].value"),
        ("count-exceeds-total", "$.observations[4].value"),
    }


def test_decisions() -> None:
    s = Structure(
        organizations=[Organization("cc", "community_council")],
        people=[Person("p")],
        decisions=[
            Decision("d1", "cc", count=Tally(members=37, present=30, yes=25, no=6)),
            Decision("d2", "cc", count=Tally(members=10, present=12)),
            Decision("d3", "cc", rule=VotingRule(Fraction(3, 2))),
            Decision("d4", "cc", votes=(Vote("p", "yes"), Vote("p", "no"))),
            Decision("d5", "cc", count=Tally(members=1), votes=(Vote("p", "yes"),)),
            Decision("d6", "cc", count=Tally(yes=-1)),
        ],
    )
    assert problems(s) == {
        ("votes-exceed-members", "$.decisions[0].count.present"),
        ("votes-exceed-members", "$.decisions[1].count.present"),
        ("invalid-rule", "$.decisions[2].rule.threshold"),
        ("duplicate-vote", "$.decisions[3].votes[1].person"),
        ("negative-count", "$.decisions[5].count.yes"),
    }


def test_terms_declared_in_the_file_are_known() -> None:
    s = Structure(units=[Unit("x", "super_compound")])
    assert problems(s) == {("unknown-term", "$.units[0].kind")}
    s2 = s.replace(
        vocabulary=(Term("unit_kinds", "super_compound", "super compound", "超大小区", rank=6),)
    )
    assert govmodel.validate(s2) == ()
    bad = s.replace(vocabulary=(Term("unit_kinds", "Super Compound", "x"),))
    assert ("invalid-term", "$.vocabulary[0].name") in problems(bad)


def test_reserved_relations_and_ids() -> None:
    s = Structure(
        units=[Unit("a", "community"), Unit("b", "compound")],
        ties=[Tie("contains", "a", "b", "contains")],
    )
    assert problems(s) == {
        ("reserved-id", "$.ties[0].id"),
        ("reserved-relation", "$.ties[0].relation"),
    }


def test_attribute_terms_and_reserved_names() -> None:
    s = Structure(
        units=[
            Unit("a", "compound", attributes={"origin": "comodity", "kind": "x", "management": 3})
        ]
    )
    assert problems(s) == {
        ("unknown-term", "$.units[0].attributes.origin"),
        ("reserved-attribute", "$.units[0].attributes.kind"),
        ("wrong-type", "$.units[0].attributes.management"),
    }


def test_mixed_attribute_types_warn_and_strict_raises() -> None:
    s = Structure(
        units=[
            Unit("a", "compound", attributes={"x": 1}),
            Unit("b", "compound", attributes={"x": "1"}),
        ]
    )
    (w,) = govmodel.validate(s)
    assert (w.code, w.path, w.severity) == (
        "mixed-attribute-type",
        "$.units[1].attributes.x",
        "warning",
    )
    assert problems(s, strict=True) == {("mixed-attribute-type", "$.units[1].attributes.x")}


def test_a_subclass_of_float_is_a_number_beside_integers() -> None:
    # numpy's float64 (a float) was called a string, a warning the graph formats then
    # contradicted by writing it as a number
    np = pytest.importorskip("numpy")
    s = Structure(
        units=[
            Unit("a", "compound", attributes={"x": 1}),
            Unit("b", "compound", attributes={"x": np.float64(2.5)}),
            Unit("c", "compound", attributes={"x": "3"}),
        ]
    )
    (w,) = govmodel.validate(s)
    assert (w.code, w.path) == ("mixed-attribute-type", "$.units[2].attributes.x")
    assert "a string here but a number at $.units[0].attributes.x" in w.message


def test_ids_must_be_clean() -> None:
    s = Structure(people=[Person(""), Person(" p"), Person("a\nb")])
    assert problems(s) == {
        ("invalid-id", "$.people[0].id"),
        ("invalid-id", "$.people[1].id"),
        ("invalid-id", "$.people[2].id"),
    }


def test_containment_rules_follow_the_vocabulary() -> None:
    assert BUILTIN.may_contain("street", "community")
    assert BUILTIN.may_contain("grid", "building")
    assert not BUILTIN.may_contain("grid", "compound")
    assert BUILTIN.may_contain("area", "group")
    assert not BUILTIN.may_contain("building", "group")
    assert not BUILTIN.may_contain("compound", "compound")


def test_suggestions() -> None:
    assert BUILTIN.suggest("unit_kinds", "Compound") == "compound"
    assert BUILTIN.suggest("roles", "secretery") == "secretary"
    with pytest.raises(KeyError, match="did you mean 'owners_committee'"):
        BUILTIN.term("organization_kinds", "owner_committee")


def test_as_of_keeps_posts_and_ties_in_force() -> None:
    s = Structure(
        people=[Person("p")],
        organizations=[
            Organization("o", "owners_committee"),
            Organization("q", "property_company"),
        ],
        posts=[Post("a", "p", "o", "chair", "2018", "2020"), Post("b", "p", "o", "member", "2021")],
        ties=[Tie("t", "o", "q", "contracts", "2019-07", "2022-06")],
    )
    assert [p.id for p in s.as_of("2019").posts] == ["a"]
    assert s.as_of("2019").ties == ()
    assert [p.id for p in s.as_of("2021-03").posts] == ["b"]
    assert [t.id for t in s.as_of("2022-06-30").ties] == ["t"]
    assert s.as_of("2019").units == s.units


def test_as_of_leaves_out_observations_and_decisions_not_yet_made() -> None:
    """What was observed or decided after the day was not known on it: an observation
    whose period begins later, a decision dated later. Undated ones, and those of the day
    or of a period (a year, a month) it lies in, stay."""
    s = Structure(
        units=[Unit("u", "community")],
        organizations=[Organization("a", "owners_assembly")],
        observations=[
            Observation("h2025", "u", "households", 600, period="2025"),
            Observation("h2026", "u", "households", 1500, period="2026-06"),
            Observation("span", "u", "households", 700, period="2025-07/2026-12"),
            Observation("undated", "u", "households", 650),
        ],
        decisions=[
            Decision("d-day", "a", date="2025-06-30"),
            Decision("d-later", "a", date="2025-07-01"),
            Decision("d-month", "a", date="2025-06"),
            Decision("undated", "a"),
        ],
    )
    day = s.as_of("2025-06-30")
    assert [o.id for o in day.observations] == ["h2025", "undated"]
    assert [d.id for d in day.decisions] == ["d-day", "d-month", "undated"]
    later = s.as_of("2025-07")
    assert [o.id for o in later.observations] == ["h2025", "span", "undated"]
    assert [d.id for d in later.decisions] == ["d-day", "d-later", "d-month", "undated"]
    assert s.as_of("2027").observations == s.observations


# -- closed sets, finite numbers and writable strings ---------------------------------------------


def _assembly_deciding(**decision: Any) -> Structure:
    """An owners' assembly of one member, p1, taking decision d1."""
    return Structure(
        people=[Person("p1")],
        organizations=[Organization("oa", "owners_assembly")],
        decisions=[Decision("d1", "oa", **decision)],
    )


def test_values_outside_the_closed_sets_are_wrong_types() -> None:
    s = _assembly_deciding(
        rule=VotingRule(basis="everyone"),  # type: ignore[arg-type]
        votes=[Vote("p1", "maybe")],  # type: ignore[arg-type]
        outcome="adjourned",  # type: ignore[arg-type]
    )
    with pytest.raises(SpecError) as info:
        govmodel.validate(s)
    assert {(p.code, p.path) for p in info.value.problems} == {
        ("wrong-type", "$.decisions[0].rule.basis"),
        ("wrong-type", "$.decisions[0].votes[0].choice"),
        ("wrong-type", "$.decisions[0].outcome"),
    }
    assert "one of yes, no, abstain; got 'maybe'" in str(info.value)


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan")])
def test_floor_areas_and_tallies_must_be_finite(value: float) -> None:
    s = _assembly_deciding(
        count=Tally(members=value), area=Tally(yes=value), votes=[Vote("p1", "yes", value)]
    )
    assert problems(s) == {
        ("non-finite-number", "$.decisions[0].count.members"),
        ("non-finite-number", "$.decisions[0].area.yes"),
        ("non-finite-number", "$.decisions[0].votes[0].area"),
    }


def test_numbers_beyond_a_float_or_not_finite_are_found_wherever_they_are() -> None:
    # an observed count beyond a float's range crashed the sums (OverflowError); a value of
    # an indicator of no type, and the metadata's attributes, were not checked at all, so
    # dumps raised the JSON writer's bare ValueError for them
    s = Structure(
        units=[Unit("c1", "community")],
        observations=[
            Observation("o1", "c1", "issues_collected", 10**400),
            Observation("o2", "c1", "mood", float("nan")),
            Observation("o3", "c1", "mood", -(10**400)),
            Observation("o4", "c1", "mood", 0.5),
        ],
        vocabulary=[Term("indicators", "mood", "mood")],
        metadata=Metadata(attributes={"x": float("inf"), "n": 10**400, "ok": 1.5}),
    )
    expected = {
        ("number-out-of-range", "$.observations[0].value"),
        ("non-finite-number", "$.observations[1].value"),
        ("number-out-of-range", "$.observations[2].value"),
        ("non-finite-number", "$.metadata.attributes.x"),
        ("number-out-of-range", "$.metadata.attributes.n"),
    }
    assert problems(s) == expected
    with pytest.raises(SpecError) as info:
        govmodel.dumps(s)
    assert {(p.code, p.path) for p in info.value.problems} == expected
    for part in (
        attrs.evolve(s, observations=s.observations[1:2], metadata=Metadata()),
        attrs.evolve(s, observations=(), metadata=Metadata(attributes={"x": float("nan")})),
    ):
        with pytest.raises(SpecError):
            govmodel.dumps(part)


def test_lone_surrogates_are_found_in_every_kind_of_string() -> None:
    s = Structure(
        units=[Unit("c1", "community", attributes={"k\udc00": "v", "note": "a\ud800"})],
        people=[Person("p\ud801")],
        vocabulary=[Term("roles", "greeter", "greeter", "迎\udfff宾")],
        metadata=Metadata(source=("ok", "\ud800")),
    )
    with pytest.raises(SpecError) as info:
        govmodel.validate(s)
    found = {(p.code, p.path) for p in info.value.problems}
    assert {
        ("invalid-string", "$.units[0].attributes['k\\udc00']"),
        ("invalid-string", "$.units[0].attributes.note"),
        ("invalid-string", "$.people[0].id"),
        ("invalid-string", "$.vocabulary[0].zh"),
        ("invalid-string", "$.metadata.source[1]"),
    } <= found
    # the key and the value are told apart, and the message can be printed and written
    assert "the attribute name holds a lone surrogate" in str(info.value)
    str(info.value).encode("utf-8")


def test_a_structure_that_cannot_be_written_is_refused_with_its_problems() -> None:
    s = Structure(units=[Unit("c1", "community", "青\ud800山")])
    with pytest.raises(SpecError) as info:
        govmodel.dumps(s)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("invalid-string", "$.units[0].name")
    ]
    # YAML can escape the surrogate; reading the text back refuses it at the same path
    pytest.importorskip("yaml")
    with pytest.raises(SpecError) as info:
        govmodel.loads(govmodel.dumps(s, format="yaml"), format="yaml")
    assert ("invalid-string", "$.units[0].name") in {(p.code, p.path) for p in info.value.problems}


@pytest.mark.parametrize("text", ["1e999999999", "1E+0400", "1e-400", "1/" + "9" * 400])
def test_fractions_beyond_a_float_are_refused_without_being_computed(text: str) -> None:
    doc = {
        "format_version": 1,
        "organizations": [{"id": "oa", "kind": "owners_assembly"}],
        "decisions": [{"id": "d1", "body": "oa", "rule": {"quorum": text}}],
    }
    with pytest.raises(SpecError) as info:
        govmodel.io.native.from_data(doc)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("number-out-of-range", "$.decisions[0].rule.quorum")
    ]


@pytest.mark.parametrize("text", ["١/٢", "1_000/2_000", "２/３"])
def test_fractions_are_written_in_ascii_digits_without_separators(text: str) -> None:
    """Python reads these as numbers; a file writes a fraction as "1/2"."""
    doc = {
        "format_version": 1,
        "organizations": [{"id": "oa", "kind": "owners_assembly"}],
        "decisions": [{"id": "d1", "body": "oa", "rule": {"threshold": text}}],
    }
    with pytest.raises(SpecError) as info:
        govmodel.io.native.from_data(doc)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("wrong-type", "$.decisions[0].rule.threshold")
    ]


def test_a_huge_fraction_built_in_python_is_out_of_range() -> None:
    s = _assembly_deciding(rule=VotingRule(threshold=Fraction(10**5000, 10**5000 + 1)))
    assert problems(s) == {("number-out-of-range", "$.decisions[0].rule.threshold")}


@pytest.mark.parametrize("rank", [-1, 10_001, 10**30, True])
def test_a_declared_rank_is_a_small_whole_number(rank: int) -> None:
    term = Term("unit_kinds", "super_compound", "super compound", "超大小区", rank=rank)
    s = Structure(units=[Unit("s1", "super_compound")], vocabulary=[term])
    # a boolean is no integer at all: a wrong type, as a file's reader says of it
    code = "wrong-type" if rank is True else "invalid-term"
    assert (code, "$.vocabulary[0].rank") in problems(s)


def test_declared_ranks_from_zero_to_ten_thousand_are_accepted() -> None:
    for rank in (0, 6, 10_000):
        term = Term("unit_kinds", "super_compound", "super compound", "超大小区", rank=rank)
        govmodel.validate(Structure(units=[Unit("s1", "super_compound")], vocabulary=[term]))


@pytest.mark.parametrize("name", ["abc\n", "ab\nc", "ab２"])
def test_term_names_take_nothing_after_them(name: str) -> None:
    s = Structure(vocabulary=[Term("unit_kinds", name, "x", rank=5)])
    with pytest.raises(SpecError) as info:
        govmodel.validate(s)
    assert "invalid-term" in info.value.codes


def test_as_of_ignores_dates_of_other_digits() -> None:
    s = Structure(
        units=[Unit("c1", "community")],
        organizations=[Organization("o", "residents_committee", unit="c1")],
        people=[Person("p")],
        posts=[Post("x", "p", "o", "secretary", start="２０３０-01-01")],
    )
    with pytest.raises(SpecError) as info:
        govmodel.validate(s)
    assert info.value.codes == ("invalid-date",)


def test_in_force_refuses_dates_of_other_digits() -> None:
    # "２０３０" once read as 2030 but compared as text, after "2025": a post starting in 2030
    # was in force in 2025.
    with pytest.raises(ValueError, match="not an ISO date"):
        in_force("２０３０-01-01", None, "2025-06-01")
    assert not in_force("2030-01-01", None, "2025-06-01")
