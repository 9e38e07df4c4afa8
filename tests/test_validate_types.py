"""A structure built in Python may hold, in any field, a value of another type than the
field's: :func:`govmodel.validate.check` reports each as the file readers do
(``wrong-type`` at its path, or the reader's code for what it refuses), checks the rest
without those entities, and never raises.
"""

from __future__ import annotations

import typing
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govmodel
from govmodel.metrics.voting import council_rule
from govmodel.spec import (
    SECTIONS,
    Decision,
    Identifier,
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
)
from govmodel.validate import TYPES_CHECKED, check, require_types
from govmodel.vocab import Term


def _base() -> Structure:
    """A small valid structure with one entity of every section, nested values included."""
    return Structure(
        units=[
            Unit("s", "street", "street"),
            Unit(
                "x",
                "compound",
                "compound",
                "s",
                {"households": 10},
                identifiers=[Identifier("registry", "X-1")],
            ),
        ],
        organizations=[
            Organization(
                "oc",
                "owners_committee",
                "committee",
                unit="x",
                term_start="2023-01-01",
                term_years=5,
            ),
            Organization("pc", "property_company", "company"),
        ],
        people=[Person("p", "someone", party="active")],
        posts=[Post("po", "p", "oc", "chair")],
        ties=[Tie("t", "pc", "x", "manages")],
        observations=[Observation("ob", "x", "households", 10, period="2024")],
        decisions=[
            Decision(
                "d",
                "oc",
                rule=council_rule(),
                count=Tally(members=3, yes=2),
                votes=[Vote("p", "yes", area=10.5)],
            )
        ],
        vocabulary=[Term("unit_kinds", "super_compound", "super compound", rank=6)],
        metadata=Metadata(name="base"),
    )


def _wrong_value(hint: Any) -> object:
    """A value of none of the types an annotation allows."""
    text = str(hint)
    if "str" in text or "Literal" in text:
        return 12345
    if "int" in text or "float" in text or "bool" in text:
        return "12"
    return object()


def _cases() -> list[tuple[str, str]]:
    out = []
    for section, cls in SECTIONS.items():
        for f in attrs.fields(cls):
            if f.converter is None and not f.name.startswith("_"):
                out.append((section, f.name))
    return out


@pytest.mark.parametrize(("section", "field"), _cases())
def test_every_field_of_a_wrong_type_is_reported_at_its_path(section: str, field: str) -> None:
    s = _base()
    items = list(getattr(s, section))
    hint = typing.get_type_hints(SECTIONS[section])[field]
    bad = attrs.evolve(items[0], **{field: _wrong_value(hint)})
    s = attrs.evolve(s, **{section: [bad, *items[1:]]})
    found = check(s)
    assert ("wrong-type", f"$.{section}[0].{field}") in [(p.code, p.path) for p in found]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: attrs.evolve(d, count=Tally(members="3", yes=2)),
            ("wrong-type", "$.decisions[0].count.members"),
        ),
        (
            lambda d: attrs.evolve(d, count=Tally(members=3, yes=True)),
            ("wrong-type", "$.decisions[0].count.yes"),
        ),
        (
            lambda d: attrs.evolve(d, area=Tally(members=[3])),
            ("wrong-type", "$.decisions[0].area.members"),
        ),
        (
            lambda d: attrs.evolve(d, votes=[Vote("p", "yes", area="10")]),
            ("wrong-type", "$.decisions[0].votes[0].area"),
        ),
        (
            lambda d: attrs.evolve(d, votes=[Vote(7, "yes")]),  # type: ignore[arg-type]
            ("wrong-type", "$.decisions[0].votes[0].person"),
        ),
        (lambda d: attrs.evolve(d, rule=None), ("wrong-type", "$.decisions[0].rule")),
        (lambda d: attrs.evolve(d, votes=["p"]), ("wrong-type", "$.decisions[0].votes[0]")),
    ],
)
def test_nested_values_of_a_wrong_type_are_reported_at_their_paths(
    change: Any, expected: tuple[str, str]
) -> None:
    s = _base()
    s = attrs.evolve(s, decisions=[change(s.decisions[0])])
    assert expected in [(p.code, p.path) for p in check(s)]


@pytest.mark.parametrize(
    ("attributes", "expected"),
    [
        ({"x": [1]}, ("wrong-type", "$.units[1].attributes.x")),
        ({"x": None}, ("wrong-type", "$.units[1].attributes.x")),
        ({"x": {"a": 1}}, ("wrong-type", "$.units[1].attributes.x")),
        ({5: "a"}, ("wrong-type", "$.units[1].attributes['5']")),
    ],
)
def test_attribute_values_that_are_no_scalars_are_reported(
    attributes: dict[Any, Any], expected: tuple[str, str]
) -> None:
    s = _base()
    bad = attrs.evolve(s.units[1], attributes=attributes)
    s = attrs.evolve(s, units=[s.units[0], bad])
    assert expected in [(p.code, p.path) for p in check(s)]


def test_a_numpy_scalar_is_reported_with_how_to_take_its_value() -> None:
    np = pytest.importorskip("numpy")
    s = _base()
    unit = attrs.evolve(s.units[1], attributes={"households": np.int64(40)})
    s = attrs.evolve(s, units=[s.units[0], unit])
    (problem,) = [p for p in check(s) if p.path == "$.units[1].attributes.households"]
    assert problem.code == "wrong-type"
    assert "numpy int64" in problem.message
    assert ".item()" in problem.message
    # an array: its values are taken with .tolist()
    unit = attrs.evolve(unit, attributes={"households": np.array([40, 41])})
    s = attrs.evolve(s, units=[s.units[0], unit])
    (problem,) = [p for p in check(s) if p.path == "$.units[1].attributes.households"]
    assert "numpy ndarray" in problem.message
    assert ".tolist()" in problem.message
    # a numpy float is a Python float, and taken as one
    unit = attrs.evolve(unit, attributes={"households": np.float64(40.0)})
    s = attrs.evolve(s, units=[s.units[0], unit])
    assert not [p for p in check(s) if p.code == "wrong-type"]


def test_an_entity_that_is_not_of_its_section_is_reported() -> None:
    s = _base()
    s = attrs.evolve(s, people=[*s.people, {"id": "q"}])  # type: ignore[list-item]
    found = [(p.code, p.path) for p in check(s)]
    assert found == [("wrong-type", "$.people[1]")]


def test_metadata_and_terms_of_a_wrong_type_are_reported() -> None:
    s = _base()
    term = Term("unit_kinds", 5, "bad")  # type: ignore[arg-type]
    s = attrs.evolve(
        s,
        metadata=Metadata(name=3),
        vocabulary=[term, *s.vocabulary],  # type: ignore[arg-type]
    )
    found = [(p.code, p.path) for p in check(s)]
    assert ("wrong-type", "$.metadata.name") in found
    assert ("wrong-type", "$.vocabulary[0].name") in found


def test_the_rest_is_checked_without_the_entities_of_a_wrong_type() -> None:
    s = _base()
    units = [
        s.units[0],
        s.units[1],
        Unit("y", "compound", "other", 17),  # type: ignore[arg-type]
        Unit("z", "compound", "third", "nowhere"),
    ]
    orgs = [*s.organizations, Organization("oy", "owners_committee", unit="y")]
    s = attrs.evolve(s, units=units, organizations=orgs)
    found = [(p.code, p.path) for p in check(s)]
    # the unit of the wrong type, then the others' problems at their own paths: the one
    # after it keeps its index, and the organization in it is not said to dangle
    assert found[0] == ("wrong-type", "$.units[2].parent")
    assert ("dangling-reference", "$.units[3].parent") in found
    assert not [f for f in found if f[1].startswith("$.organizations")]


def test_a_string_of_a_str_subclass_is_a_string() -> None:
    class Name(str):
        pass

    s = _base()
    s = attrs.evolve(s, people=[attrs.evolve(s.people[0], name=Name("someone"))])
    assert check(s) == []


def test_a_structure_found_well_typed_is_not_typed_again() -> None:
    s = _base()
    assert check(s) == []
    assert s._cache.get(TYPES_CHECKED) is True
    loaded = govmodel.loads(govmodel.dumps(s))
    assert loaded._cache.get(TYPES_CHECKED) is True  # the reader typed every value


def test_validate_raises_the_problems_of_the_types() -> None:
    s = _base()
    s = attrs.evolve(s, decisions=[attrs.evolve(s.decisions[0], count=Tally(members="3"))])
    with pytest.raises(govmodel.SpecError) as info:
        govmodel.validate(s)
    assert info.value.problems[0].path == "$.decisions[0].count.members"


_ANY = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=5),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    st.just(Fraction(1, 3)),
    st.builds(object),
)


@settings(max_examples=300, deadline=None)
@given(
    section=st.sampled_from(sorted(SECTIONS)),
    data=st.data(),
)
def test_check_never_raises_whatever_a_field_holds(section: str, data: st.DataObject) -> None:
    s = _base()
    items = list(getattr(s, section))
    cls = SECTIONS[section]
    names = [f.name for f in attrs.fields(cls)]
    changes = data.draw(st.dictionaries(st.sampled_from(names), _ANY, min_size=1, max_size=3))
    try:
        bad = attrs.evolve(items[0], **changes)
    except Exception:  # a converter of the class refused the value: nothing to check
        return
    s = attrs.evolve(s, **{section: [bad, *items[1:]]})
    found = check(s)
    assert all(isinstance(p, govmodel.Problem) for p in found)


def _many_wrong(n: int) -> Structure:
    """``n`` compounds whose parent is a number, and ``n`` committees located in them."""
    units = [Unit("s", "street")]
    units += [Unit(f"x{i}", "compound", f"c{i}", i) for i in range(n)]  # type: ignore[arg-type]
    orgs = [Organization(f"o{i}", "owners_committee", unit=f"x{i}") for i in range(n)]
    return Structure(units=units, organizations=orgs)


@pytest.mark.timing
def test_the_types_are_checked_in_linear_time() -> None:
    from govmodel.testing.linear import assert_linear

    assert_linear(_many_wrong, check, 1500, fresh=True, min_seconds=0.015)


def test_a_part_of_a_typed_structure_is_known_typed() -> None:
    # as_of and merge make structures of the same entities: what held of all holds of them
    s = govmodel.loads(govmodel.dumps(_base()))
    assert s.as_of("2024")._cache.get(TYPES_CHECKED) is True
    assert s.merge(s)._cache.get(TYPES_CHECKED) is True
    untyped = _base()
    assert s.merge(untyped)._cache.get(TYPES_CHECKED) is None
    assert untyped.as_of("2024")._cache.get(TYPES_CHECKED) is None


def test_values_of_subclasses_the_readers_take_are_not_refused() -> None:
    class Count(int):
        pass

    class Text(str):
        pass

    s = Structure(
        units=[Unit(Text("x"), "compound", attributes={"n": 1})],
        metadata=Metadata(name=Text("named")),
    )
    object.__setattr__(s.units[0].attributes, "_data", {"n": Count(2)})
    assert check(s) == []
    require_types(s)  # nothing raised
    assert s._cache.get(TYPES_CHECKED) is True
