"""Tests of govmodel.identifiers: statistical division codes and their consistency."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govmodel
from govmodel import SpecError
from govmodel.identifiers import (
    KIND_LEVELS,
    LEVELS,
    PROVINCES,
    SCHEME,
    DivisionCode,
    check_identifiers,
    is_division_code,
    parse_division_code,
)
from govmodel.spec import Identifier, Organization, Structure, Unit


def _code(code: str) -> tuple[Identifier]:
    return (Identifier(SCHEME, code),)


@pytest.mark.parametrize(
    ("code", "level", "prefix"),
    [
        ("430000000000", "province", "43"),
        ("430300000000", "prefecture", "4303"),
        ("430304000000", "county", "430304"),
        ("430304001000", "township", "430304001"),
        ("430304001001", "village", "430304001001"),
        ("441900003000", "township", "441900003"),  # Dongguan: towns under no county
        ("110101000000", "county", "110101"),
    ],
)
def test_parse(code: str, level: str, prefix: str) -> None:
    d = parse_division_code(code)
    assert d.level == level
    assert d.prefix == prefix
    assert d.code == code
    assert (d.province, d.prefecture, d.county, d.township, d.village) == (
        code[0:2],
        code[2:4],
        code[4:6],
        code[6:9],
        code[9:12],
    )
    assert is_division_code(code)


@pytest.mark.parametrize(
    ("code", "full"),
    [
        ("43", "430000000000"),
        ("4303", "430300000000"),
        ("430304", "430304000000"),
        ("430304001", "430304001000"),
    ],
)
def test_prefixes_are_read_only_when_allowed(code: str, full: str) -> None:
    assert parse_division_code(code, allow_prefix=True) == parse_division_code(full)
    assert not is_division_code(code)
    with pytest.raises(SpecError) as info:
        parse_division_code(code)
    assert info.value.codes == ("invalid-identifier",)


@pytest.mark.parametrize(
    "code",
    [
        "",
        "43030400100",  # 11 digits
        "4303040010010",  # 13 digits
        "43030400100X",
        "４３０３０４００１００１",  # full-width digits
        "990000000000",  # no such province
        "000000000000",
        "430304000001",  # a village under no township
        "430004001001",  # a county under no prefecture
        " 430304001001",
    ],
)
def test_invalid_codes(code: str) -> None:
    assert not is_division_code(code)
    assert not is_division_code(code, allow_prefix=True) or len(code) in (2, 4, 6, 9)
    with pytest.raises(SpecError) as info:
        parse_division_code(code)
    assert info.value.codes == ("invalid-identifier",)
    assert isinstance(info.value, ValueError)


def test_is_division_code_takes_anything() -> None:
    assert not is_division_code(430304001001)
    assert not is_division_code(None)


def test_extends() -> None:
    street = parse_division_code("430304001000")
    assert parse_division_code("430304001001").extends(street)
    assert not parse_division_code("430304002001").extends(street)
    assert not street.extends(street)
    assert not parse_division_code("430000000000").extends(street)
    assert parse_division_code("441900003000").extends(parse_division_code("441900000000"))


@given(
    st.sampled_from(sorted(PROVINCES)),
    st.integers(1, 99),
    st.integers(0, 99),
    st.integers(0, 999),
    st.integers(0, 999),
)
def test_parse_inverts_the_segments(p: str, pre: int, county: int, town: int, village: int) -> None:
    if village and not town:
        town = 1
    code = f"{p}{pre:02d}{county:02d}{town:03d}{village:03d}"
    d = parse_division_code(code)
    assert isinstance(d, DivisionCode)
    assert d.code == code
    assert d.prefix == code[: LEVELS[d.level]]
    assert code[LEVELS[d.level] :] == "0" * (12 - LEVELS[d.level])


def test_constants() -> None:
    assert len(PROVINCES) == 34
    assert KIND_LEVELS["community"] == "village"
    assert KIND_LEVELS["street"] == "township"
    assert SCHEME == "cn-stats-division"


# -- consistency with the containment -------------------------------------------------------


@pytest.mark.parametrize("name", govmodel.datasets.names())
def test_bundled_datasets_are_consistent(name: str) -> None:
    assert check_identifiers(govmodel.datasets.load(name)) == []


def test_consistent_chain() -> None:
    s = Structure(
        units=[
            Unit("hn", "province", identifiers=_code("430000000000")),
            Unit("xt", "city", parent="hn", identifiers=_code("430300000000")),
            Unit("yt", "district", parent="xt", identifiers=_code("430304000000")),
            Unit("s1", "street", parent="yt"),  # no code: the check climbs past it
            Unit("c1", "community", parent="s1", identifiers=_code("430304001001")),
            Unit("x1", "compound", parent="c1", identifiers=(Identifier("local", "X-1"),)),
        ]
    )
    assert check_identifiers(s) == []


def test_inconsistent_codes_are_reported_with_paths() -> None:
    s = Structure(
        units=[
            Unit("yt", "district", identifiers=_code("430304000000")),
            Unit("s1", "street", parent="yt", identifiers=_code("430304001000")),
            Unit(
                "c1",
                "community",
                parent="s1",
                identifiers=(Identifier("local", "C1"), Identifier(SCHEME, "430304002001")),
            ),
            Unit("c2", "community", parent="s1", identifiers=_code("430304001000")),
            Unit("c3", "community", parent="s1", identifiers=_code("43030400100")),
            Unit("s2", "street", parent="yt", identifiers=_code("430304003003")),
            Unit("x1", "compound", parent="c1", identifiers=_code("430304002001")),
        ],
        organizations=[
            Organization("o1", "street_office", identifiers=(Identifier(SCHEME, "abc"),)),
            Organization("o2", "street_office", identifiers=(Identifier(SCHEME, "430304001000"),)),
        ],
    )
    found = [(p.code, p.path, p.severity) for p in check_identifiers(s)]
    assert found == [
        # the community does not extend its street's first 9 digits
        ("inconsistent-identifier", "$.units[2].identifiers[1].identifier", "error"),
        # the same code twice, at a level that does not fit a community, not below its street
        ("duplicate-identifier", "$.units[3].identifiers[0].identifier", "warning"),
        ("inconsistent-identifier", "$.units[3].identifiers[0].identifier", "error"),
        ("inconsistent-identifier", "$.units[3].identifiers[0].identifier", "error"),
        ("invalid-identifier", "$.units[4].identifiers[0].identifier", "error"),
        # a street with a village-level code
        ("inconsistent-identifier", "$.units[5].identifiers[0].identifier", "error"),
        # a compound has no code of its own, and this one repeats its community's
        ("duplicate-identifier", "$.units[6].identifiers[0].identifier", "warning"),
        ("inconsistent-identifier", "$.units[6].identifiers[0].identifier", "warning"),
        ("inconsistent-identifier", "$.units[6].identifiers[0].identifier", "error"),
        ("invalid-identifier", "$.organizations[0].identifiers[0].identifier", "error"),
    ]
    messages = {
        p.path: p.message for p in check_identifiers(s) if p.code == "inconsistent-identifier"
    }
    assert "430304001" in messages["$.units[2].identifiers[1].identifier"]


def test_other_schemes_and_declared_kinds() -> None:
    s = Structure(
        units=[
            Unit("st", "street", identifiers=_code("430304001000")),
            Unit("sc", "super_compound", parent="st", identifiers=_code("430304001002")),
        ],
        organizations=[Organization("o", "street_office", identifiers=(Identifier("uscc", "x"),))],
    )
    assert check_identifiers(s) == []  # a declared kind is not checked for level
    # scheme= names the scheme the codes are filed under
    assert [p.path for p in check_identifiers(s, scheme="uscc")] == [
        "$.organizations[0].identifiers[0].identifier"
    ]


def test_containment_cycles_do_not_hang() -> None:
    s = Structure(
        units=[
            Unit("a", "community", parent="b", identifiers=_code("430304001001")),
            Unit("b", "community", parent="a", identifiers=_code("430304001002")),
        ]
    )
    found = check_identifiers(s)
    assert {p.code for p in found} == {"inconsistent-identifier"}


def test_positions_point_into_the_file() -> None:
    s = Structure(units=[Unit("st", "street", identifiers=_code("4303040010"))])
    [p] = check_identifiers(s, positions={"units": [3]})
    assert p.path == "$.units[3].identifiers[0].identifier"
