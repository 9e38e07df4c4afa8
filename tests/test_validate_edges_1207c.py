"""Edges of govmodel.validate and the spec classes: every problem listed once, at its path."""

from __future__ import annotations

from typing import Any

import pytest

import govmodel
from govmodel.spec import (
    Decision,
    Metadata,
    Observation,
    Organization,
    Person,
    Structure,
    Tally,
    Tie,
    Unit,
    Vote,
    VotingRule,
)
from govmodel.validate import check
from govmodel.vocab import Term
from tests.test_fastpaths import _slow_check


def _both(s: Structure) -> list[govmodel.Problem]:
    """The problems of ``s``, the fast and the slow paths agreeing."""
    found = check(s)
    assert found == _slow_check(s)
    return found


# -- plain values in a tuple or a set are typed too ------------------------------------------


@pytest.mark.parametrize(
    ("structure", "path"),
    [
        (
            Structure(units=[Unit("c", "compound"), Unit("n", "compound", formed_from=["c", 3])]),
            "$.units[1].formed_from[1]",
        ),
        (
            Structure(organizations=[Organization("o", "owners_committee", formed_from=[None])]),
            "$.organizations[0].formed_from[0]",
        ),
        (Structure(metadata=Metadata(model=[1])), "$.metadata.model[0]"),
        (Structure(metadata=Metadata(source=["a", None])), "$.metadata.source[1]"),
        (
            Structure(vocabulary=[Term("unit_kinds", "yard", "Yard", within=[1])]),
            "$.vocabulary[0].within",
        ),
    ],
)
def test_plain_values_of_a_wrong_type_in_a_tuple_are_reported(
    structure: Structure, path: str
) -> None:
    found = _both(structure)
    assert [(p.code, p.path) for p in found] == [("wrong-type", path)]
    with pytest.raises(govmodel.SpecError):
        govmodel.validate(structure)


def test_a_structure_validate_passes_is_read_back() -> None:
    s = Structure(units=[Unit("c", "compound")], metadata=Metadata(model=[1]))
    with pytest.raises(govmodel.SpecError) as err:
        govmodel.validate(s)
    assert err.value.codes == ("wrong-type",)
    assert "expected a string, got an integer" in str(err.value)


# -- a voter who is no person, in an owners' assembly with a roster --------------------------


def _assembly(voter: str) -> Structure:
    return Structure(
        units=[Unit("c", "compound")],
        people=[Person("p")],
        organizations=[Organization("oa", "owners_assembly", unit="c")],
        ties=[Tie("t", "p", "c", "owns")],
        decisions=[Decision("d", "oa", votes=[Vote(voter, "yes")])],
    )


@pytest.mark.parametrize(
    ("voter", "code"), [("zz", "dangling-reference"), ("c", "wrong-reference-kind")]
)
def test_a_voter_who_is_no_person_is_reported_once(voter: str, code: str) -> None:
    found = _both(_assembly(voter))
    assert [(p.code, p.path) for p in found] == [(code, "$.decisions[0].votes[0].person")]


def test_a_person_who_owns_nothing_is_still_reported() -> None:
    s = _assembly("p")
    s = Structure(
        units=s.units,
        people=[*s.people, Person("q")],
        organizations=s.organizations,
        ties=s.ties,
        decisions=[Decision("d", "oa", votes=[Vote("p", "yes"), Vote("q", "no")])],
    )
    found = _both(s)
    assert [(p.code, p.path) for p in found] == [
        ("dangling-reference", "$.decisions[0].votes[1].person")
    ]
    assert "owns nothing" in found[0].message


# -- a fraction with a huge exponent is refused before it is computed ------------------------


@pytest.mark.parametrize("text", ["1e999999999", "1e-999999999", "1/2e999999999", "5E+0123456789"])
def test_a_voting_rule_refuses_a_huge_exponent_at_once(text: str) -> None:
    with pytest.raises(ValueError, match="exponent beyond 9999"):
        VotingRule(text)
    with pytest.raises(ValueError, match="exponent beyond 9999"):
        VotingRule(quorum=text)


def test_a_voting_rule_still_reads_small_exponents() -> None:
    assert VotingRule("5e-1").threshold == VotingRule("1/2").threshold
    assert VotingRule("1e-9999").threshold.denominator == 10**9999


# -- a unit or an organization that is its own parent ----------------------------------------


@pytest.mark.parametrize(
    ("structure", "code", "message"),
    [
        (
            Structure(units=[Unit("s", "street"), Unit("a", "compound", parent="a")]),
            "containment-cycle",
            "unit 'a' is contained in itself (its own parent)",
        ),
        (
            Structure(organizations=[Organization("o", "party_branch", parent="o")]),
            "leadership-cycle",
            "organization 'o' is led by itself (its own parent)",
        ),
    ],
)
def test_an_entity_that_is_its_own_parent_is_named_so(
    structure: Structure, code: str, message: str
) -> None:
    found = [p for p in _both(structure) if p.code == code]
    assert [(p.path, p.message) for p in found] == [
        (f"$.{'units[1]' if code == 'containment-cycle' else 'organizations[0]'}.parent", message)
    ]


# -- a record of the wrong class inside an entity --------------------------------------------


def _decision(**changes: Any) -> Structure:
    d = Decision("d", "o")
    for name, value in changes.items():
        object.__setattr__(d, name, value)
    return Structure(organizations=[Organization("o", "owners_assembly")], decisions=[d])


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"votes": (Vote("p", "yes"), {"person": "p", "choice": "yes"})},
            ("$.decisions[0].votes[1]", "expected a Vote, got {'choice': 'yes', 'person': 'p'}"),
        ),
        (
            {"count": {"members": 3}},
            ("$.decisions[0].count", "expected a Tally, got {'members': 3}"),
        ),
        ({"rule": "2/3"}, ("$.decisions[0].rule", "expected a VotingRule, got '2/3'")),
        ({"rule": None}, ("$.decisions[0].rule", "expected a VotingRule, got None")),
    ],
)
def test_a_record_of_the_wrong_class_is_named_at_its_index(
    changes: dict[str, Any], expected: tuple[str, str]
) -> None:
    found = _both(_decision(**changes))
    assert [(p.code, p.path, p.message) for p in found] == [("wrong-type", *expected)]


def test_an_empty_tally_or_none_is_no_record_of_the_wrong_class() -> None:
    assert _both(_decision(count=None)) == []
    assert _both(_decision(count=Tally())) == []


def test_an_entity_of_another_section_is_named_with_its_article() -> None:
    s = Structure(organizations=[Unit("u", "compound")])
    found = _both(s)
    assert [(p.path, p.message.split(",")[0]) for p in found] == [
        ("$.organizations[0]", "expected an Organization")
    ]


# -- a duplicate unit does not stand for the first in containment ----------------------------


def test_containment_reads_the_first_unit_of_a_duplicate_id() -> None:
    s = Structure(
        units=[
            Unit("s", "street"),
            Unit("a", "community", parent="s"),
            Unit("a", "compound"),  # a duplicate: reported as such
            Unit("c", "compound", parent="a"),  # in the community 'a', as references read
        ]
    )
    found = _both(s)
    assert [(p.code, p.path) for p in found] == [("duplicate-id", "$.units[2].id")]


# -- a malformed part of a period is named within the period ---------------------------------


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2021/", "'' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), in the period '2021/'"),
        ("/2021", "'' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), in the period '/2021'"),
        ("2021/2021-13", "'2021-13' has no month 13, in the period '2021/2021-13'"),
        ("2023-02-29", "'2023-02-29' has no day 29"),
    ],
)
def test_a_bad_part_of_a_period_is_named_with_its_period(period: str, message: str) -> None:
    s = Structure(
        units=[Unit("c", "compound")],
        observations=[Observation("o", "c", "households", 1, period=period)],
    )
    found = _both(s)
    assert [(p.code, p.path, p.message) for p in found] == [
        ("invalid-date", "$.observations[0].period", message)
    ]


# -- warnings found first do not take the place of the errors validate raises ----------------


def _warned(warnings: int, errors: int) -> Structure:
    """``warnings`` self-ties (found early) and ``errors`` negative counts (found later)."""
    return Structure(
        units=[Unit(f"u{i}", "compound") for i in range(max(warnings, 1))],
        ties=[Tie(f"t{i}", f"u{i}", f"u{i}", "manages") for i in range(warnings)],
        observations=[Observation(f"o{i}", "u0", "households", -1) for i in range(errors)],
    )


def test_errors_after_many_warnings_are_still_listed() -> None:
    with pytest.raises(govmodel.SpecError) as err:
        govmodel.validate(_warned(1_005, 1))
    assert [(p.code, p.path) for p in err.value.problems] == [
        ("negative-count", "$.observations[0].value")
    ]


def test_the_errors_are_capped_apart_from_the_warnings() -> None:
    limits = govmodel.Limits(max_problems=2)
    with pytest.raises(govmodel.SpecError) as err:
        govmodel.validate(_warned(3, 3), limits=limits)
    assert err.value.codes == ("negative-count", "negative-count", "too-many-problems")
    assert err.value.problems[-1].severity == "error"
    # strict: the warnings are errors, counted with the rest, as check counts them
    with pytest.raises(govmodel.SpecError) as err:
        govmodel.validate(_warned(3, 3), limits=limits, strict=True)
    assert err.value.codes == ("self-tie", "self-tie", "too-many-problems")
    assert [p.code for p in check(_warned(3, 3), max_problems=2)] == list(err.value.codes)
    # warnings only: valid, however many
    found = govmodel.validate(_warned(3, 0), limits=limits)
    assert [p.code for p in found] == ["self-tie", "self-tie", "too-many-problems"]
    assert {p.severity for p in found} == {"warning"}


# -- integers of more digits than Python writes out ------------------------------------------

_HUGE = 10**5000  # beyond sys.get_int_max_str_digits(): str() of it raises ValueError


def test_short_repr_shows_an_integer_of_any_size() -> None:
    from govmodel._convert import short_repr

    assert short_repr(_HUGE) == "about 1.00e+5000"
    assert short_repr(-3 * _HUGE) == "about -3.00e+5000"
    assert short_repr(10**50) == repr(10**50)[:18] + "..." + repr(10**50)[-19:]
    assert short_repr(True) == "True"


@pytest.mark.parametrize(
    ("structure", "expected"),
    [
        (
            Structure(
                organizations=[
                    Organization("o", "owners_committee", term_start="2020", term_years=_HUGE)
                ]
            ),
            [("number-out-of-range", "$.organizations[0].term_years")],
        ),
        (
            Structure(
                organizations=[
                    Organization(
                        "o",
                        "owners_committee",
                        attributes={"term_start": "2020", "term_years": -_HUGE},
                    )
                ]
            ),
            [("number-out-of-range", "$.organizations[0].attributes.term_years")],
        ),
        (
            Structure(
                people=[Person("p")],
                organizations=[Organization("o", "owners_assembly")],
                decisions=[
                    Decision("d", "o", count=Tally(members=-_HUGE), votes=[Vote("p", "yes")])
                ],
            ),
            [("number-out-of-range", "$.decisions[0].count.members")],
        ),
        (
            Structure(
                units=[
                    Unit(
                        "u",
                        "compound",
                        attributes={"issues_collected": 1, "issues_resolved": _HUGE},
                    )
                ],
                observations=[
                    Observation("a", "u", "issues_collected", 1),
                    Observation("b", "u", "issues_resolved", _HUGE),
                ],
            ),
            [
                ("number-out-of-range", "$.units[0].attributes.issues_resolved"),
                ("number-out-of-range", "$.observations[1].value"),
            ],
        ),
        (
            Structure(
                units=[
                    Unit(
                        "u",
                        "compound",
                        attributes={"issues_collected": 1, "issues_resolved": float("inf")},
                    )
                ],
                observations=[
                    Observation("a", "u", "issues_collected", 1),
                    Observation("b", "u", "issues_resolved", float("inf")),
                ],
            ),
            [
                ("non-finite-number", "$.units[0].attributes.issues_resolved"),
                ("non-finite-number", "$.observations[1].value"),
            ],
        ),
    ],
)
def test_a_number_no_reader_takes_back_is_reported_once_without_crashing(
    structure: Structure, expected: list[tuple[str, str]]
) -> None:
    found = _both(structure)
    assert [(p.code, p.path) for p in found] == expected
    with pytest.raises(govmodel.SpecError):
        govmodel.validate(structure)


def test_negative_members_are_compared_with_no_votes() -> None:
    s = Structure(
        people=[Person("p")],
        organizations=[Organization("o", "owners_assembly")],
        decisions=[Decision("d", "o", count=Tally(members=-1), votes=[Vote("p", "yes")])],
    )
    assert [(p.code, p.path) for p in _both(s)] == [
        ("negative-count", "$.decisions[0].count.members")
    ]


# -- a declared term's closed fields ---------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "path"),
    [
        (Term("unit_kind", "yard", "Yard"), "$.vocabulary[0].category"),  # type: ignore[arg-type]
        (Term("indicators", "visits", "Visits", type="number"), "$.vocabulary[0].type"),  # type: ignore[arg-type]
        (Term("organization_kinds", "club", "Club", sector="civic"), "$.vocabulary[0].sector"),  # type: ignore[arg-type]
    ],
)
def test_a_term_outside_its_closed_set_is_reported_as_the_reader_does(
    term: Term, path: str
) -> None:
    s = Structure(vocabulary=[term])
    found = _both(s)
    assert [(p.code, p.path) for p in found] == [("wrong-type", path)]
    with pytest.raises(govmodel.SpecError) as read:
        govmodel.loads(govmodel.dumps(s))
    assert [(p.code, p.path) for p in read.value.problems] == [("wrong-type", path)]


def test_a_term_with_no_sector_or_type_is_valid() -> None:
    s = Structure(
        vocabulary=[
            Term("organization_kinds", "club", "Club", sector="social"),
            Term("indicators", "visits", "Visits", type="count"),
            Term("roles", "clerk", "Clerk"),
        ]
    )
    assert _both(s) == []


def test_limits_name_a_huge_negative_limit() -> None:
    with pytest.raises(
        ValueError, match=r"^Limits: max_problems must be at least 1, not about -1\.00e\+5000$"
    ):
        govmodel.Limits(max_problems=-_HUGE)


def test_a_huge_threshold_does_not_hide_the_rest_of_its_decision() -> None:
    s = Structure(
        people=[Person("p")],
        organizations=[Organization("o", "owners_assembly")],
        decisions=[
            Decision(
                "d",
                "o",
                rule=VotingRule(threshold=10**400, quorum="3/2"),
                votes=[Vote("p", "yes"), Vote("p", "no")],
                count=Tally(members=-1),
            )
        ],
    )
    assert [(p.code, p.path) for p in _both(s)] == [
        ("number-out-of-range", "$.decisions[0].rule.threshold"),
        ("invalid-rule", "$.decisions[0].rule.quorum"),
        ("negative-count", "$.decisions[0].count.members"),
        ("duplicate-vote", "$.decisions[0].votes[1].person"),
    ]


def test_an_attribute_that_is_no_term_is_named() -> None:
    s = Structure(units=[Unit("c", "compound", attributes={"origin": 3})])
    assert [(p.code, p.path, p.message) for p in _both(s)] == [
        ("wrong-type", "$.units[0].attributes.origin", "origin must be a term of origins, got 3")
    ]


# -- the path of a key with a lone surrogate, read or built ----------------------------------


@pytest.mark.parametrize(
    ("key", "step"),
    [
        ("k\ud800", "['k\\ud800']"),  # the surrogate: one backslash
        ("k\\ud800", "['k\\\\ud800']"),  # a backslash and five letters: two
        ("a'\udc00\\b", "['a\\'\\udc00\\\\b']"),
    ],
)
def test_a_surrogate_key_has_one_path_read_or_built(key: str, step: str) -> None:
    import json

    text = json.dumps(
        {"format_version": 1, "units": [{"id": "c", "kind": "street", "attributes": {key: 1}}]}
    ).replace(": 1}", ": 1e999}")
    with pytest.raises(govmodel.SpecError) as read:
        govmodel.loads(text)
    built = Structure(units=[Unit("c", "street", attributes={key: float("inf")})])
    path = "$.units[0].attributes" + step
    assert {p.path for p in read.value.problems} == {path}
    assert {p.path for p in check(built)} == {path}


def test_a_negative_floor_area_in_a_tally_is_a_negative_amount() -> None:
    s = Structure(
        organizations=[Organization("o", "owners_assembly")],
        decisions=[Decision("d", "o", count=Tally(members=-1), area=Tally(members=-1.5, yes=2.5))],
    )
    assert [(p.code, p.path) for p in _both(s)] == [
        ("negative-count", "$.decisions[0].count.members"),
        ("negative-amount", "$.decisions[0].area.members"),
    ]


@pytest.mark.parametrize(
    ("value", "match"),
    [
        (float("inf"), "a fraction must be finite, not inf"),
        (float("-inf"), "a fraction must be finite, not -inf"),
        (float("nan"), "a fraction must be finite, not nan"),
        ("1/0", "a fraction divides by zero: '1/0'"),
    ],
)
def test_a_voting_rule_refuses_what_is_no_fraction_with_a_value_error(
    value: object, match: str
) -> None:
    with pytest.raises(ValueError, match=f"^{match}$"):
        VotingRule(value)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=f"^{match}$"):
        VotingRule(quorum=value)  # type: ignore[arg-type]


def test_a_long_category_declared_twice_is_cut_short_in_its_message() -> None:
    category = "x" * 100_000
    s = Structure(vocabulary=[Term(category, "a", "A"), Term(category, "a", "A")])  # type: ignore[arg-type]
    found = _both(s)
    assert [(p.code, p.path) for p in found] == [
        ("wrong-type", "$.vocabulary[0].category"),
        ("wrong-type", "$.vocabulary[1].category"),
        ("duplicate-term", "$.vocabulary[1].name"),
    ]
    assert all(len(str(p)) < 400 for p in found)


def test_loads_lists_the_errors_after_many_warnings_as_validate_does() -> None:
    text = govmodel.dumps(_warned(1_005, 1))
    with pytest.raises(govmodel.SpecError) as err:
        govmodel.loads(text)
    assert [(p.code, p.path) for p in err.value.problems] == [
        ("negative-count", "$.observations[0].value")
    ]
    # strict: the warnings are errors, counted with the rest
    with pytest.raises(govmodel.SpecError) as err:
        govmodel.loads(text, strict=True)
    assert err.value.codes[-1] == "too-many-problems"
    assert set(err.value.codes[:-1]) == {"self-tie"}
