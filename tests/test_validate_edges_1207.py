"""Validation at its edges: the fast tests agree with the checks they stand for, and no
value, however hostile, crashes a check or the wording of its problems."""

from __future__ import annotations

import json
import math
import sys
from fractions import Fraction

import pytest

import govmodel
from govmodel.identifiers import check_identifiers
from govmodel.spec import (
    Decision,
    Identifier,
    Observation,
    Organization,
    Person,
    Structure,
    Tally,
    Unit,
    Vote,
    VotingRule,
    date_bounds,
)
from govmodel.validate import check
from govmodel.vocab import Category, Term, Vocabulary

_MAX = int(sys.float_info.max)

#: Integers whose exact total is within a float's range, but whose floats, added one by one
#: in this order, round up past it.
_NEAR_MAX = [_MAX - 2**972, 2**970 + 2**918, 2**970 + 2**918, 2**970 + 2**918]


def _slow(structure: Structure) -> list[str]:
    """The problems found with every fast test made to fail, so that each check runs."""
    fast = sys.modules["govmodel.validate"]._Fast
    names = [
        n
        for n in vars(fast)
        if not n.startswith("_") and (n.endswith("_clean") or n == "units_rank_down")
    ]
    saved = {n: vars(fast)[n] for n in names}
    try:
        for n in names:
            setattr(fast, n, lambda self, *args: False)
        return sorted(map(str, check(structure)))
    finally:
        for n, f in saved.items():
            setattr(fast, n, f)


def _units_with(values: list[object]) -> Structure:
    units = [Unit("s", "street")]
    units += [
        Unit(f"c{i}", "compound", parent="s", attributes={"area": v}) for i, v in enumerate(values)
    ]
    return Structure(units=units)


def _observations_of(values: list[object]) -> Structure:
    return Structure(
        units=[Unit("s", "street")],
        observations=[Observation(f"o{i}", "s", "households", v) for i, v in enumerate(values)],
    )


@pytest.mark.parametrize("make", [_units_with, _observations_of])
def test_a_total_within_a_float_is_no_problem_fast_or_slow(make: object) -> None:
    assert sum(_NEAR_MAX) <= _MAX
    s = make(_NEAR_MAX)  # type: ignore[operator]
    assert sorted(map(str, check(s))) == _slow(make(_NEAR_MAX)) == []  # type: ignore[operator]


@pytest.mark.parametrize("make", [_units_with, _observations_of])
@pytest.mark.parametrize(
    "values", [[_MAX, _MAX, 1.0], [1.0, _MAX, _MAX], [_MAX, 1.0, _MAX], [_MAX, 2.0, 1]]
)
def test_ints_and_floats_beyond_a_float_in_total(make: object, values: list[object]) -> None:
    s = make(values)  # type: ignore[operator]
    found = check(s)
    assert [p.code for p in found] == ["number-out-of-range"]
    assert sorted(map(str, found)) == _slow(make(values))  # type: ignore[operator]
    with pytest.raises(govmodel.SpecError):
        govmodel.validate(make(values))  # type: ignore[operator]


def test_a_total_beyond_a_float_whatever_the_order() -> None:
    over = [_MAX - 2**971, 2**971 + 1]  # one past the largest float, which floats round off
    for values in (over, over[::-1]):
        assert [p.code for p in check(_units_with(values))] == ["number-out-of-range"]
        assert sorted(map(str, check(_units_with(values)))) == _slow(_units_with(values))
    at_most = [_MAX - 2**971, 2**971]  # the largest float itself
    assert check(_units_with(at_most)) == check(_units_with(at_most[::-1])) == []


@pytest.mark.parametrize("key", ["a'b", "x\\y", "it's \\ here", "a b"])
def test_an_attribute_path_is_written_as_the_readers_write_it(key: str) -> None:
    text = json.dumps(
        {"format_version": 1, "units": [{"id": "c", "kind": "street", "attributes": {key: 1}}]}
    ).replace(": 1}", ": 1e999}")
    with pytest.raises(govmodel.SpecError) as read:
        govmodel.loads(text)
    built = Structure(units=[Unit("c", "street", attributes={key: math.inf})])
    ((code, path),) = {(p.code, p.path) for p in check(built)}
    assert code == "non-finite-number"
    assert [p.path for p in read.value.problems] == [path]


def test_a_long_date_is_cut_short_in_its_message() -> None:
    long = "2020" + "x" * 1_000_000
    s = Structure(
        units=[Unit("c", "street", start=long)],
        posts=[],
        observations=[Observation("o", "c", "households", 1, period=long)],
    )
    found = check(s)
    assert [(p.code, p.path) for p in found] == [
        ("invalid-date", "$.observations[0].period"),
        ("invalid-date", "$.units[0].start"),
    ]
    for p in found:
        assert len(str(p)) < 300
        assert "…(+999,924)" in p.message
    with pytest.raises(ValueError, match=r"^'2020x") as info:
        date_bounds(long)
    assert len(str(info.value)) < 200
    # a date short enough is shown whole, as before
    with pytest.raises(ValueError, match=r"^'2020-13' has no month 13$"):
        date_bounds("2020-13")
    with pytest.raises(ValueError, match=r"^'20200' is not an ISO date"):
        date_bounds("20200")


@pytest.mark.parametrize(
    "vocabulary",
    [(), (Term("indicators", "zz", "zz"),), (Term("indicators", "zz", "zz", type="value"),)],
)
def test_observations_of_an_untyped_indicator_are_added_up_too(
    vocabulary: tuple[Term, ...],
) -> None:
    def make() -> Structure:
        return Structure(
            units=[Unit("s", "street")],
            observations=[Observation(f"o{i}", "s", "zz", 1e308) for i in range(2)],
            vocabulary=vocabulary,
        )

    found = check(make())
    assert ("number-out-of-range", "$.observations[1].value") in {(p.code, p.path) for p in found}
    assert sorted(map(str, found)) == _slow(make())


def test_a_fraction_where_a_number_belongs_is_named_as_one() -> None:
    s = Structure(
        units=[Unit("s", "street")],
        organizations=[Organization("o", "owners_assembly", unit="s")],
        people=[Person("p")],
        observations=[Observation("ob", "s", "households", Fraction(1, 3))],
        decisions=[
            Decision(
                "d",
                "o",
                "m",
                count=Tally(members=Fraction(7, 2)),
                votes=(Vote("p", "yes", area=Fraction(1, 2)),),
            ),
            # a fraction where one belongs is read back as the readers read it
            Decision("d2", 17, "m", rule=VotingRule(Fraction(2, 3), quorum=Fraction(1, 2))),  # type: ignore[arg-type]
        ],
    )
    found = {(p.path, p.message) for p in check(s)}
    assert found == {
        ("$.observations[0].value", "expected a number, got Fraction"),
        ("$.decisions[0].count.members", "expected a number, got Fraction"),
        ("$.decisions[0].votes[0].area", "expected a number, got Fraction"),
        ("$.decisions[1].body", "expected a string, got an integer"),
    }


def test_values_of_wrong_types_past_the_limit_are_not_worded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Wording a value of the wrong type (as the readers would) is the dear part of typing:
    past ``max_problems``, the entities that hold one are left out unworded, and the
    problems listed are the same."""
    module = sys.modules["govmodel.validate"]
    worded = module._type_problems
    calls = []

    def counting(*args: object) -> object:
        calls.append(args)
        return worded(*args)

    def make() -> Structure:
        units = [Unit(i, "compound") for i in range(5_000)]  # type: ignore[arg-type]
        return Structure(units=[*units, Unit("c", "compund", parent="nowhere")])

    everything = check(make(), max_problems=10_000)
    monkeypatch.setattr(module, "_type_problems", counting)
    found = check(make(), max_problems=10)
    assert len(calls) == 11
    assert found[:10] == everything[:10]
    assert found[10].code == "too-many-problems"
    assert len(found) == 11


def _codes_below_a_chain(n: int) -> Structure:
    """A street with a code, a chain of ``n`` grids below it without one, and ``n``
    communities with codes below the last grid: each community's nearest ancestor with a
    code is the street, ``n`` units up."""
    code = "cn-stats-division"
    units = [Unit("st", "street", identifiers=[Identifier(code, "430304001000")])]
    units += [Unit(f"g{i}", "grid", parent="st" if i == 0 else f"g{i - 1}") for i in range(n)]
    units += [
        Unit(
            f"c{i}",
            "community",
            parent=f"g{n - 1}",
            identifiers=[Identifier(code, f"430304002{1 + i % 999:03d}")],
        )
        for i in range(n)
    ]
    return Structure(units=units)


def test_codes_far_below_their_ancestor_with_a_code_are_each_checked() -> None:
    found = check_identifiers(_codes_below_a_chain(50))
    assert len(found) == 50
    assert {p.code for p in found} == {"inconsistent-identifier"}
    assert "of its ancestor 'st'" in found[-1].message


def test_codes_in_a_cycle_are_checked_against_the_nearest_code_round_it() -> None:
    code = "cn-stats-division"

    def unit(uid: str, kind: str, parent: str, value: str | None) -> Unit:
        idents = [Identifier(code, value)] if value else []
        return Unit(uid, kind, parent=parent, identifiers=idents)

    s = Structure(
        units=[
            unit("a", "street", "c", "430304001000"),
            unit("b", "community", "a", None),
            unit("c", "community", "b", None),
            unit("d", "community", "c", "430304002003"),  # below the cycle: a is nearest
            unit("e", "community", "e", "430304001003"),  # its own parent: no ancestor
        ]
    )
    for units in (s.units, s.units[::-1]):
        found = check_identifiers(Structure(units=units))
        assert sorted(p.message.split(",")[0] for p in found) == [
            "community 'd' carries the code 430304002003"
        ]


@pytest.mark.timing
def test_the_codes_are_checked_in_linear_time() -> None:
    from govmodel.testing.linear import assert_linear

    assert_linear(_codes_below_a_chain, check_identifiers, 2000, min_seconds=0.015)


def test_suggestions_are_bounded_and_made_once_a_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each suggestion compares the unknown term with every term of its category: with
    thousands of declared terms, a thousand suggestions took minutes. Each name is asked
    once, and the names compared are bounded; what is suggested is what was."""
    asked: list[tuple[str, str]] = []
    suggest = Vocabulary.suggest

    def counting(self: Vocabulary, category: Category, name: str) -> str | None:
        asked.append((category, name))
        return suggest(self, category, name)

    monkeypatch.setattr(Vocabulary, "suggest", counting)
    typos = Structure(units=[Unit(f"u{i}", "compund") for i in range(3_000)])
    found = check(typos)
    assert len(asked) == 1
    assert found[0].message == "unknown unit kind 'compund'; did you mean 'compound'?"
    assert {p.message for p in found[:-1]} == {found[0].message}

    asked.clear()
    n = 2_000
    many = Structure(
        units=[Unit(f"u{i}", f"kind_{i}x") for i in range(n)],
        vocabulary=[Term("unit_kinds", f"kind_{i}", "k") for i in range(n)],
    )
    found = check(many)
    assert len(found) == 1_001
    assert len(asked) * (n + 21) <= 100_000
    assert found[0].message == "unknown unit kind 'kind_0x'; did you mean 'kind_0'?"


def _mixed(n: int, *extra: Unit) -> Structure:
    """``n`` compounds whose attribute ``k`` is a number or a string by turns: ``n - 1``
    warnings (``mixed-attribute-type``), no error."""
    units = [Unit(f"u{i}", "compound", attributes={"k": i if i % 2 else "x"}) for i in range(n)]
    return Structure(units=[*units, *extra])


def test_warnings_past_the_limit_leave_a_structure_valid() -> None:
    warnings = govmodel.validate(_mixed(3_000))
    assert len(warnings) == 1_001
    assert warnings[-1].code == "too-many-problems"
    assert {p.severity for p in warnings} == {"warning"}
    with pytest.raises(govmodel.SpecError) as info:
        govmodel.validate(_mixed(3_000), strict=True)
    assert len(info.value.problems) == 1_001
    assert info.value.codes[-1] == "too-many-problems"
    # a file of them is read, warned of when strict
    text = govmodel.dumps(_mixed(3_000))
    assert len(govmodel.loads(text).units) == 3_000
    with pytest.raises(govmodel.SpecError) as info:
        govmodel.loads(text, strict=True)
    assert info.value.codes[-1] == "too-many-problems"


def test_an_error_past_warnings_at_the_limit_is_still_an_error() -> None:
    late = Unit("late", "compound", start="2021", end="2020")  # checked after attributes
    found = check(_mixed(3_000, late))
    assert (found[-1].code, found[-1].severity) == ("too-many-problems", "error")
    with pytest.raises(govmodel.SpecError) as info:
        govmodel.validate(_mixed(3_000, late))
    # the warnings before it do not take its place: the error itself is listed
    assert info.value.codes == ("end-before-start",)
    # within the limit, the error is listed with the warnings
    with pytest.raises(govmodel.SpecError) as info:
        govmodel.validate(_mixed(20, late))
    assert info.value.codes == ("end-before-start",)
