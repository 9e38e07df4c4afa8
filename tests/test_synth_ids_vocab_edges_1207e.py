"""Edges of the synthetic generators' parameters and of declared vocabularies."""

from __future__ import annotations

import math
from typing import Any

import attrs
import pytest

import govmodel
from govmodel import synth
from govmodel.spec import Structure, Unit
from govmodel.validate import check
from govmodel.vocab import BUILTIN, Term


def _sound(s: Structure, **kwargs: Any) -> None:
    """Valid, round-tripped type-exactly, and the same again from the same arguments."""
    assert govmodel.validate(s, strict=True) == ()
    text = govmodel.dumps(s)
    back = govmodel.loads(text)
    assert back == s
    assert govmodel.dumps(back) == text
    assert govmodel.dumps(synth.district(**kwargs)) == text


# -- synth: a value of another type than the field's -------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("villages", True),
        ("villages", 2.5),
        ("residents", True),
        ("streets", 2.5),
        ("linked_units", 2.5),
        ("council_members", 2.0),
        ("super_max", math.nan),
        ("super_max", math.inf),
        ("coverage", True),
        ("coverage", "0.5"),
        ("area_km2", True),
        ("fee_mean", None),
        ("name", 5),
        ("community_party_kind", None),
    ],
)
def test_params_refuse_a_value_of_another_type_naming_the_field(field: str, value: Any) -> None:
    # a bool is no count (True was one village), a float no count (2.5 linked units failed
    # in range() without naming the field), a string no rate
    with pytest.raises(TypeError, match=f"{field} must be a"):
        synth.district(3, seed=1, **{field: value})


def test_params_refuse_a_source_that_is_not_strings() -> None:
    with pytest.raises(TypeError, match="source must hold strings"):
        synth.district(3, seed=1, source=[1, 2])


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("owners_committee_size", (5.7, 9.2)),  # was cut to (5, 9) without a word
        ("party_committee_size", (True, True)),  # was (1, 1)
        ("residents_committee_size", (5, 7, 9)),
        ("residents_per_household", (2, "3")),
        ("residents_per_household", (True, 3)),
    ],
)
def test_ranges_refuse_other_than_two_numbers_naming_the_field(field: str, value: Any) -> None:
    with pytest.raises(TypeError, match=f"{field} must be two"):
        synth.district(3, seed=1, **{field: value})


def test_residents_per_household_must_be_finite() -> None:
    # (2, inf) gave every compound a single household
    with pytest.raises(ValueError, match="residents_per_household must satisfy"):
        synth.district(3, seed=1, residents_per_household=(2, math.inf))


@pytest.mark.parametrize(
    ("field", "value", "error", "message"),
    [
        ("origins", {"commodity": True}, TypeError, "origins: the share of 'commodity'"),
        ("origins", {"commodity": "1"}, TypeError, "origins: the share of 'commodity'"),
        ("origins", {"commodity": 0.0}, ValueError, "origins: shares must be non-negative"),
        ("origins", [("commodity", 1), ("commodity", 2)], ValueError, "'commodity' given more"),
        ("member_statuses", {}, ValueError, "member_statuses: shares must be"),
        ("management", {"commodity": {}}, ValueError, r"management\['commodity'\]: shares"),
        (
            "management",
            [("commodity", {"professional": 1}), ("commodity", {"none": 1})],
            ValueError,
            "management: 'commodity' given more than once",
        ),
    ],
)
def test_shares_errors_name_the_field(
    field: str, value: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        synth.district(3, seed=1, **{field: value})


@pytest.mark.parametrize(
    "field", ["residents", "buildings", "streets", "super_max", "min_residents", "villages"]
)
def test_counts_beyond_the_float_range_are_refused_naming_the_field(field: str) -> None:
    # 10**400 crashed the generator with "int too large to convert to float"
    kwargs: dict[str, Any] = {field: 10**400}
    if field == "min_residents":
        kwargs.update(super_residents=10**401, super_max=10**401)
    with pytest.raises(ValueError, match=f"{field} must be at most 2\\*\\*53"):
        synth.district(3, seed=1, **kwargs)


def test_committee_sizes_beyond_the_float_range_are_refused() -> None:
    with pytest.raises(ValueError, match="owners_committee_size must be at most"):
        synth.district(3, seed=1, owners_committee_size=(1, 10**400))


# -- synth: extreme values that are allowed give sound structures ----------------------------


@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    "overrides",
    [
        # the cap at the threshold: every draw above it was redrawn, for ever
        {"super_share": 1.0, "super_max": 10_000},
        {"super_share": 0.5, "super_max": 10_001},
        # a tail so heavy that the draws overflowed, or were all above the cap
        {"super_share": 1.0, "super_alpha": 1e-9},
        {"super_share": 0.3, "super_alpha": 0.01, "super_max": 200_000},
    ],
)
def test_super_compounds_at_the_edges_of_their_distribution(overrides: dict[str, Any]) -> None:
    kwargs: dict[str, Any] = {"compounds": 20, "seed": 1, **overrides}
    s = synth.district(**kwargs)
    _sound(s, **kwargs)
    sizes = [
        sum(int(b.attributes["residents"]) for b in s.units if b.parent == x.id)
        for x in s.units
        if x.kind == "compound"
    ]
    n_super = round(overrides["super_share"] * 20)
    cap = overrides.get("super_max", 50_000)
    assert sum(r >= 10_000 for r in sizes) == n_super
    assert max(sizes) <= cap + 1  # a draw at the cap, rounded up


@pytest.mark.parametrize(
    "overrides",
    [
        {"spread": 1e6},  # OverflowError
        {"compound_sigma": 1e3},  # OverflowError
        {"compound_sigma": 40.0},  # the median's exp(sigma**2 / 2) overflowed
        {"building_sigma": 1e3},  # OverflowError
        {"building_exponent": 1e6},  # OverflowError
        {"compounds_per_company": 1e300},  # ZeroDivisionError
    ],
)
def test_huge_distribution_parameters_give_sound_structures(overrides: dict[str, Any]) -> None:
    kwargs: dict[str, Any] = {"compounds": 30, "seed": 2, **overrides}
    s = synth.district(**kwargs)
    _sound(s, **kwargs)
    assert s.kinds()["units"]["compound"] == 30


def test_one_company_for_every_compound_of_a_street_when_companies_are_huge() -> None:
    s = synth.district(30, seed=2, compounds_per_company=1e300, streets=1)
    companies = [o for o in s.organizations if o.kind == "property_company"]
    assert len(companies) == 1


def test_a_negative_seed_is_refused() -> None:
    # random.Random(-3) is random.Random(3): seeds -3 and 3 gave the same district
    with pytest.raises(ValueError, match="seed must be a non-negative integer"):
        synth.district(3, seed=-3)
    with pytest.raises(ValueError, match="seed must be a non-negative integer"):
        synth.city(3, seed=-1)
    _sound(synth.district(3, seed=0), compounds=3, seed=0)


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_households_as_units_must_be_a_bool(value: Any) -> None:
    # "yes" and 1 were taken as true and written into the metadata as they were
    with pytest.raises(TypeError, match="households_as_units must be True or False"):
        synth.district(3, seed=1, households_as_units=value)
    with pytest.raises(TypeError, match="households_as_units must be True or False"):
        synth.city(3, seed=1, households_as_units=value)


# -- vocabulary: within ---------------------------------------------------------------------


def test_within_naming_an_unknown_unit_kind_is_reported_at_its_term() -> None:
    # the typo made every pod inside a street invalid, reported at the pods only
    s = Structure(
        units=[Unit("s", "street"), Unit("p", "pod", parent="s")],
        vocabulary=[Term("unit_kinds", "pod", "pod", within=("stret", "pod"))],
    )
    problems = [(p.code, p.path, p.message) for p in check(s)]
    assert (
        "unknown-term",
        "$.vocabulary[0].within",
        "unknown unit kind 'stret'; did you mean 'street'?",
    ) in problems


@pytest.mark.parametrize("kind", ["", "owners_committee", "Street"])
def test_within_names_unit_kinds_only(kind: str) -> None:
    s = Structure(vocabulary=[Term("unit_kinds", "pod", "pod", within=(kind,))])
    assert [(p.code, p.path) for p in check(s)] == [("unknown-term", "$.vocabulary[0].within")]


def test_within_of_known_and_declared_kinds_is_clean_and_round_trips() -> None:
    s = Structure(
        units=[Unit("s", "street"), Unit("a", "pod", parent="s"), Unit("b", "pea", parent="a")],
        vocabulary=[
            Term("unit_kinds", "pod", "pod", within=("street", "pea")),
            Term("unit_kinds", "pea", "pea", within=("pod",)),  # a cycle of kinds is fine
        ],
    )
    assert govmodel.validate(s, strict=True) == ()
    text = govmodel.dumps(s)
    assert govmodel.loads(text) == s
    assert govmodel.dumps(govmodel.loads(text)) == text


def test_params_refuse_more_districts_than_compounds() -> None:
    # a city drawn from them had fewer districts than asked: city(preset=p, districts=5)
    # had 2, city(preset=p) 5 of p's 10
    p = synth.preset("city")
    with pytest.raises(ValueError, match=r"districts \(10\) cannot exceed compounds \(5\)"):
        attrs.evolve(p, compounds=5, districts=10)
    q = attrs.evolve(p, compounds=10, districts=10)
    assert synth.city(seed=1, preset=q, districts=5).kinds()["units"]["district"] == 5
    assert synth.city(seed=1, preset=q).kinds()["units"]["district"] == 10


@pytest.mark.parametrize(
    ("name", "hint"),
    [("ｃｏｍｐｏｕｎｄ", "compound"), ("ＳＴＲＥＥＴ", "street"), ("Compound", "compound")],
)
def test_a_full_width_kind_is_suggested_its_term(name: str, hint: str) -> None:
    # typed with a Chinese input method's full-width letters, it had no suggestion
    assert BUILTIN.suggest("unit_kinds", name) == hint
    problems = check(Structure(units=[Unit("x", name)]))
    assert [p.message for p in problems] == [f"unknown unit kind {name!r}; did you mean {hint!r}?"]
