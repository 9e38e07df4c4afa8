"""Edge cases of what the user-facing pages promise: synthetic cities, vocabulary
messages, and the cross-references of the guide pages."""

from __future__ import annotations

import importlib
import math
import re
from pathlib import Path

import pytest

import govmodel
from govmodel import synth
from govmodel.identifiers import SCHEME, check_identifiers
from govmodel.spec import Identifier, Structure, Unit
from govmodel.vocab import BUILTIN, CATEGORIES, Vocabulary

DOCS = Path(__file__).resolve().parents[1] / "docs"


# -- synth.city: the districts asked for ---------------------------------------------------------


@pytest.mark.parametrize(("compounds", "districts"), [(10, 5), (5, 5), (3, 2), (40, 5)])
def test_city_holds_the_districts_asked_for(compounds: int, districts: int) -> None:
    s = synth.city(compounds, seed=1, districts=districts)
    kinds = s.kinds()["units"]
    assert kinds["district"] == districts
    assert kinds["compound"] == compounds
    assert kinds["street"] >= districts
    assert kinds["community"] >= districts
    assert govmodel.validate(s, strict=True) == ()


def test_city_refuses_more_districts_than_compounds() -> None:
    with pytest.raises(ValueError, match=r"districts \(5\) cannot exceed compounds \(3\)"):
        synth.city(3, seed=1, districts=5)


def test_city_districts_unchanged_where_the_preset_gives_enough_communities() -> None:
    # the plan only grows the communities when districts need them: the usual sizes
    # draw exactly what they drew before
    s = synth.city(200, seed=1, districts=2)
    assert dict(s.kinds()["units"]) == {
        "city": 1,
        "district": 2,
        "street": 4,
        "community": 40,
        "compound": 200,
        "building": 4000,
    }


@pytest.mark.parametrize("period", ["2023-13", "", "2023/2021", "2021/2022/2023", "2023-02-29"])
def test_a_period_that_is_no_date_is_refused_with_the_parameters(period: str) -> None:
    # the structure would not validate: every observation would carry the bad period
    with pytest.raises(ValueError, match="period must be a date or an interval"):
        synth.district(3, seed=1, period=period)


@pytest.mark.parametrize("period", ["2021", "2021-06", "2024-02-29", "2021/2023"])
def test_a_period_that_is_a_date_or_an_interval_gives_a_valid_structure(period: str) -> None:
    s = synth.district(3, seed=1, period=period)
    assert {o.period for o in s.observations} == {period}
    assert govmodel.validate(s, strict=True) == ()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("spread", math.inf),
        ("building_sigma", math.inf),
        ("building_sigma", math.nan),
        ("workers_per_10k", math.inf),
        ("issues_per_1000", math.inf),
        ("grids_per_community", math.inf),
        ("partners_per_community", math.inf),
        ("compounds_per_company", math.inf),
        ("fee_concentration", math.inf),
        ("compound_sigma", math.nan),
        ("area_km2", -1.0),
        ("area_km2", math.nan),
        ("area_km2", math.inf),
    ],
)
def test_parameters_that_are_not_finite_are_refused(field: str, value: float) -> None:
    # they crashed the generator (OverflowError, ZeroDivisionError), hung it
    # (fee_concentration), or gave a structure that does not validate (area_km2)
    with pytest.raises(ValueError, match=f"invalid synthesis parameters: {field} must"):
        synth.Params(**{field: value})


def test_a_zero_area_is_a_valid_area() -> None:
    s = synth.district(6, seed=2, preset="xihu", area_km2=0.0)
    assert govmodel.validate(s, strict=True) == ()


# -- identifiers: every built-in kind below the divisions ----------------------------------------


def test_a_parking_space_carrying_a_division_code_is_reported() -> None:
    s = Structure(
        units=[
            Unit("st", "street", identifiers=[Identifier(SCHEME, "430304001000")]),
            Unit("c1", "community", parent="st"),
            Unit("x1", "compound", parent="c1"),
            Unit(
                "ps", "parking_space", parent="x1", identifiers=[Identifier(SCHEME, "430304001001")]
            ),
        ]
    )
    problems = check_identifiers(s)
    assert [(p.code, p.path, p.severity) for p in problems] == [
        ("inconsistent-identifier", "$.units[3].identifiers[0].identifier", "warning")
    ]


def test_every_built_in_unit_kind_has_a_level_or_lies_outside_the_divisions() -> None:
    from govmodel.identifiers import _ABOVE, _BELOW, KIND_LEVELS

    kinds = set(BUILTIN.category("unit_kinds"))
    assert kinds <= set(KIND_LEVELS) | _BELOW | _ABOVE


def test_a_country_carrying_a_division_code_is_reported() -> None:
    s = Structure(
        units=[
            Unit("cn", "country", identifiers=[Identifier(SCHEME, "430000000000")]),
            Unit("p", "province", parent="cn"),
        ]
    )
    problems = check_identifiers(s)
    assert [(p.code, p.path, p.severity) for p in problems] == [
        ("inconsistent-identifier", "$.units[0].identifiers[0].identifier", "warning")
    ]
    assert "above the divisions" in problems[0].message


# -- vocab: messages name the category in the singular -------------------------------------------


@pytest.mark.parametrize(
    ("category", "name", "message"),
    [
        ("party_statuses", "activ", "unknown party status 'activ'; did you mean 'active'?"),
        ("party_mobilities", "mobil", "unknown party mobility 'mobil'; did you mean 'mobile'?"),
        ("management_modes", "nada", "unknown management mode 'nada'"),
        ("unit_kinds", "compund", "unknown unit kind 'compund'; did you mean 'compound'?"),
        ("no_such_category", "x", "unknown term 'x' of the category 'no_such_category'"),
    ],
)
def test_term_names_its_category_in_the_singular(category: str, name: str, message: str) -> None:
    with pytest.raises(KeyError) as err:
        BUILTIN.term(category, name)  # type: ignore[arg-type]
    assert err.value.args[0] == message


def test_every_category_has_a_singular_name() -> None:
    for category in CATEGORIES:
        with pytest.raises(KeyError) as err:
            BUILTIN.term(category, "zz-no-such-term")
        message = err.value.args[0]
        assert not re.search(r"\b(statuse|mobilitie)\b", message)
        assert "category" not in message


def test_a_vocabulary_without_some_categories_answers_as_for_unknown_kinds() -> None:
    v = Vocabulary({})
    assert v.is_party("compound_party_branch") is False
    assert v.rank("compound") is None
    assert v.may_contain("building", "community") is True


# -- the guide pages point at documented objects -------------------------------------------------

PAGES = [
    "index.md",
    "quickstart.md",
    "install.md",
    "datasets.md",
    "architecture.md",
    "notebooks.md",
    "guide/assessments.md",
    "guide/format.md",
    "guide/graphs.md",
    "guide/synthetic.md",
    "guide/plots.md",
    "guide/reliability.md",
]
ROLE = re.compile(r"\{(?:py:)?(?:func|class|mod|data|meth|attr|exc|obj)\}`([^`]+)`", re.S)
DOCUMENTED = re.compile(r"\.\. auto(\w+):: ([\w.]+)((?:\n   :[^\n]*)*)")


def _documented() -> tuple[set[str], set[str]]:
    """The names api.md documents one by one, and the modules it documents with members."""
    names, modules = set(), set()
    for kind, name, options in DOCUMENTED.findall((DOCS / "api.md").read_text("utf-8")):
        names.add(name)
        if kind == "module" and ":no-members:" not in options:
            members = re.search(r":members:(.*)", options)
            if members and members.group(1).strip():
                names.update(f"{name}.{m.strip()}" for m in members.group(1).split(","))
            else:
                modules.add(name)
    return names, modules


def _resolves(target: str) -> bool:
    parts = target.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        try:
            for part in parts[i:]:
                obj = getattr(obj, part)
        except AttributeError:
            return False
        return True
    return False


@pytest.mark.parametrize("page", PAGES)
def test_cross_references_of_the_page_point_at_documented_objects(page: str) -> None:
    names, modules = _documented()
    text = (DOCS / page).read_text("utf-8")
    for raw in ROLE.findall(text):
        target = raw.lstrip("~")
        if "<" in target:
            target = target.rsplit("<", 1)[1].rstrip(">")
        if not target.startswith("govmodel"):
            continue
        assert _resolves(target), f"{page}: {raw} names nothing"
        documented = target in names or any(
            target == m or target.startswith(m + ".") for m in modules
        )
        assert documented, f"{page}: {raw} is not documented in api.md"
