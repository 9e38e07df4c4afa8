"""Edges of govmodel.identifiers: statistical division codes, their messages and their checks."""

from __future__ import annotations

import attrs
import pytest

import govmodel
from govmodel import SpecError
from govmodel.identifiers import SCHEME, check_identifiers, is_division_code, parse_division_code
from govmodel.spec import Identifier, Organization, Structure, Unit


def _code(*codes: str) -> tuple[Identifier, ...]:
    return tuple(Identifier(SCHEME, c) for c in codes)


def _message(code: object, *, allow_prefix: bool = False) -> str:
    with pytest.raises(SpecError) as info:
        parse_division_code(code, allow_prefix=allow_prefix)  # type: ignore[arg-type]
    assert info.value.codes == ("invalid-identifier",)
    [p] = info.value.problems
    assert p.path == "$"
    return p.message


# -- parse_division_code: what the messages name ------------------------------------------------


@pytest.mark.parametrize(
    ("code", "said"),
    [
        # a short form names itself, not the 12 digits it was padded to
        ("10", "'10' starts with '10', which is no province code"),
        ("99", "'99' starts with '99', which is no province code"),
        ("00", "'00' starts with '00', which is no province code"),
        ("1000", "'1000' starts with '10', which is no province code"),
        ("430000001", "'430000001' names a township under no prefecture"),
        ("430004", "'430004' names a county under no prefecture"),
    ],
)
def test_a_short_code_is_named_as_given_not_padded(code: str, said: str) -> None:
    # was "'100000000000' starts with '10' …": a code the caller never wrote
    message = _message(code, allow_prefix=True)
    assert message == said
    assert not is_division_code(code, allow_prefix=True)


def test_one_digit_is_one_digit() -> None:
    assert _message("4", allow_prefix=True) == "'4' has 1 digit, not 2, 4, 6, 9 or 12 digits"
    assert _message("430", allow_prefix=True) == "'430' has 3 digits, not 2, 4, 6, 9 or 12 digits"


@pytest.mark.parametrize(
    "code",
    [
        "４３０３０４００１００１",  # full-width
        "４３",
        "43030400100１",  # one full-width digit among ASCII ones
        "٤٣٠٣٠٤٠٠١٠٠١",  # Arabic-Indic
        "۴۳۰۳۰۴۰۰۱۰۰۱",  # Extended Arabic-Indic (Persian)
        "४३०३०४००१००१",  # Devanagari
        "𝟒𝟑𝟎𝟑𝟎𝟒𝟎𝟎𝟏𝟎𝟎𝟏",  # mathematical bold
    ],
)
def test_digits_other_than_ascii_are_named_so(code: str) -> None:
    # str.isdigit and \d accept these; the codes are ASCII digits, and the message said only
    # "(digits only)" of a code that reads as digits
    for allow_prefix in (False, True):
        message = _message(code, allow_prefix=allow_prefix)
        assert "not the ASCII digits 0-9" in message
        assert not is_division_code(code, allow_prefix=allow_prefix)


@pytest.mark.parametrize(
    "code", ["+430304001001", " 430304001001", "430304001001\n", "4303 04001001", "-43", "43.0"]
)
def test_signs_spaces_and_points_are_refused_as_before(code: str) -> None:
    assert _message(code, allow_prefix=True).endswith(
        "is not a statistical division code (digits only)"
    )


@pytest.mark.parametrize("n", [0, 1, 3, 5, 7, 8, 10, 11, 13, 24])
def test_every_wrong_length_is_refused(n: int) -> None:
    code = "430304001001430304001001"[:n]
    assert not is_division_code(code)
    assert not is_division_code(code, allow_prefix=True)


# -- check_identifiers: a code on a country ----------------------------------------------------


def test_a_code_on_a_country_does_not_make_its_provinces_errors() -> None:
    # the country's code is warned of; it was also taken as the code the provinces must
    # extend, so every coded province below it was an error, and validate refused the file
    s = Structure(
        units=[
            Unit("cn", "country", identifiers=_code("110000000000")),
            Unit("hn", "province", parent="cn", identifiers=_code("430000000000")),
            Unit("xt", "city", parent="hn", identifiers=_code("430300000000")),
            Unit("zz", "city", parent="hn", identifiers=_code("430200000000")),
        ]
    )
    found = check_identifiers(s)
    assert [(p.code, p.path, p.severity) for p in found] == [
        ("inconsistent-identifier", "$.units[0].identifiers[0].identifier", "warning")
    ]
    assert [p.severity for p in govmodel.validate(s)] == ["warning"]


def test_below_a_coded_country_the_provinces_codes_still_count() -> None:
    s = Structure(
        units=[
            Unit("cn", "country", identifiers=_code("430000000000")),
            Unit("hn", "province", parent="cn", identifiers=_code("430000000000")),
            Unit("cs", "city", parent="hn", identifiers=_code("420100000000")),
        ]
    )
    found = [(p.code, p.path, p.severity) for p in check_identifiers(s)]
    assert found == [
        ("inconsistent-identifier", "$.units[0].identifiers[0].identifier", "warning"),
        # the country's code and the province's are one code on two units
        ("duplicate-identifier", "$.units[1].identifiers[0].identifier", "warning"),
        # the city is checked against its province, the nearest division with a code
        ("inconsistent-identifier", "$.units[2].identifiers[0].identifier", "error"),
    ]
    assert "of its ancestor 'hn'" in check_identifiers(s)[-1].message


# -- check_identifiers: one code on two units, or twice on one ----------------------------------


def test_one_code_twice_on_one_unit_is_named_so() -> None:
    # was "unit 'st' carries the code … that $.units[0] also carries": the unit itself
    s = Structure(
        units=[
            Unit("d", "district", identifiers=_code("430304000000")),
            Unit(
                "st",
                "street",
                parent="d",
                identifiers=(Identifier("local", "S"), *_code("430304001000", "430304001000")),
            ),
        ]
    )
    [p] = check_identifiers(s, positions={"units": [0, 5]})
    assert (p.code, p.path, p.severity) == (
        "duplicate-identifier",
        "$.units[5].identifiers[2].identifier",
        "warning",
    )
    assert p.message == "unit 'st' carries the code 430304001000 twice (also at identifiers[1])"


def test_two_units_with_one_code_still_name_the_first() -> None:
    s = Structure(
        units=[
            Unit("st", "street", identifiers=_code("430304001000")),
            Unit("s2", "street", identifiers=_code("430304001000")),
        ]
    )
    [p] = check_identifiers(s, positions={"units": [2, 7]})
    assert p.message == "unit 's2' carries the code 430304001000 that $.units[2] also carries"


def _merger(*order: int, extra: bool = False) -> Structure:
    units = [
        Unit(
            "a",
            "community",
            parent="st",
            identifiers=_code("430304001001"),
            end="2020-12-31",
            replaced_by="c",
        ),
        Unit(
            "b",
            "community",
            parent="st",
            identifiers=_code("430304001002"),
            end="2020-12-31",
            replaced_by="c",
        ),
        # the merged community keeps a's code, as a merged division may
        Unit(
            "c",
            "community",
            parent="st",
            identifiers=_code("430304001001"),
            start="2021-01-01",
            formed_from=("a", "b"),
        ),
    ]
    if extra:  # a community that lives beside them with the same code
        units.append(Unit("d", "community", parent="st", identifiers=_code("430304001001")))
    street = Unit("st", "street", identifiers=_code("430304001000"))
    return Structure(units=[street, *(units[i] for i in order)])


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_a_unit_that_replaced_another_may_keep_its_code(order: tuple[int, ...]) -> None:
    # the merged community and the one it replaced were "two units with one code", a
    # warning, so validate(strict=True) refused a merger written as the format describes
    s = _merger(*order)
    assert check_identifiers(s) == []
    assert govmodel.validate(s, strict=True) == ()


def test_one_side_of_the_succession_is_enough() -> None:
    s = _merger(0, 1, 2)
    only_replaced_by = s.replace(units=[attrs.evolve(u, formed_from=()) for u in s.units])
    only_formed_from = s.replace(units=[attrs.evolve(u, replaced_by=None) for u in s.units])
    assert check_identifiers(only_replaced_by) == []
    assert check_identifiers(only_formed_from) == []


def test_a_unit_beside_the_successor_with_its_code_is_still_a_duplicate() -> None:
    found = check_identifiers(_merger(0, 1, 2, 3, extra=True))
    assert [(p.code, p.path) for p in found] == [
        ("duplicate-identifier", "$.units[4].identifiers[0].identifier")
    ]
    assert "that $.units[3] also carries" in found[0].message
    # so is a unit not in the succession, written before it
    s = _merger(0, 1, 2, 3, extra=True)
    s = s.replace(units=[s.units[0], s.units[4], *s.units[1:4]])
    found = check_identifiers(s)
    assert {(p.code, p.path) for p in found} == {
        ("duplicate-identifier", "$.units[2].identifiers[0].identifier"),
        ("duplicate-identifier", "$.units[4].identifiers[0].identifier"),
    }


# -- check_identifiers: long ids are shown short ------------------------------------------------


def test_long_ids_and_kinds_are_shown_short() -> None:
    # the messages wrote ids whole (a message of 100,059 characters for an id of 100,000,
    # which a file may have), where validate shows every id short
    big = "x" * 100_000
    s = Structure(
        units=[
            Unit(big, "street", identifiers=_code("430304001000")),
            Unit(big + "c", "community", parent=big, identifiers=_code("430305001001")),
            Unit(big + "k", "k" * 5000, parent=big, identifiers=_code("430305001002")),
            Unit(big + "d", "compound", identifiers=_code("430304001000", "4303")),
        ],
        organizations=[
            Organization(big, "street_office", identifiers=_code("43")),
        ],
    )
    found = check_identifiers(s)
    assert [p.code for p in found] == [
        "inconsistent-identifier",
        "inconsistent-identifier",
        "duplicate-identifier",
        "inconsistent-identifier",
        "invalid-identifier",
        "invalid-identifier",
    ]
    assert all(len(p.message) < 500 for p in found), [len(p.message) for p in found]
    assert "(+99,920)" in found[0].message
    assert found[1].message.startswith("k" * 80 + "…(+4,920) ")


# -- time -------------------------------------------------------------------------------------


def _succession(n: int) -> Structure:
    """A community renamed ``n`` times, each keeping the code, and a street carrying ``n``
    codes, each twice: the shapes the duplicate check meets."""
    street = Unit(
        "st",
        "street",
        identifiers=[Identifier(SCHEME, f"430304{1 + i // 2 % 998:03d}000") for i in range(n)],
    )
    units = [street]
    for i in range(n):
        units.append(
            Unit(
                f"c{i}",
                "community",
                parent="st",
                identifiers=_code("430304001001"),
                formed_from=(f"c{i - 1}",) if i else (),
                replaced_by=f"c{i + 1}" if i + 1 < n else None,
            )
        )
    return Structure(units=units)


@pytest.mark.timing
def test_the_duplicate_check_is_linear() -> None:
    from govmodel.testing.linear import assert_linear

    found = check_identifiers(_succession(200))
    assert len(found) == 100  # the street's second of each code; the renamed ones keep theirs
    assert all(p.code == "duplicate-identifier" and "twice" in p.message for p in found)
    assert_linear(_succession, check_identifiers, 2000, min_seconds=0.015)
