"""China's statistical division codes (统计用区划代码) as identifiers of units.

The National Bureau of Statistics numbers every division down to villages and communities
with a **12-digit code**: province 2 digits, prefecture 2, county 2, township 3, village or
community 3 (``43 03 04 001 001``: a community of a street of Yuetang district, Xiangtan,
Hunan). A division's code is its parent's code with its own segment filled in, and the
segments below its level are zeros, so a code tells its own level (the deepest segment that
is not zero).

Units carry such codes as identifiers of the scheme :data:`SCHEME`
(``Identifier("cn-stats-division", "430304001001")``). This module reads them
(:func:`parse_division_code`) and checks them against the containment of a structure
(:func:`check_identifiers`): a unit's code must extend the code of its nearest ancestor that
has one, and its level must fit the unit's kind.

Identifiers of the scheme are written in full, 12 digits. :func:`parse_division_code` also
reads the short prefixes used elsewhere (2, 4, 6 or 9 digits: ``"43"``, ``"4303"``,
``"430304"``, the 6-digit administrative division code of GB/T 2260, and ``"430304001"``)
with ``allow_prefix=True``, padding them with zeros.

Examples
--------
>>> from govmodel.identifiers import parse_division_code
>>> code = parse_division_code("430304001001")
>>> code.level, code.township, code.village
('village', '001', '001')
>>> code.prefix
'430304001001'
>>> parse_division_code("430304001000").level
'township'
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Literal

import attrs

from govmodel._convert import shown, shown_key
from govmodel.errors import Problem, SpecError
from govmodel.spec import Identifier, Structure

__all__ = [
    "KIND_LEVELS",
    "LEVELS",
    "PROVINCES",
    "SCHEME",
    "DivisionCode",
    "check_identifiers",
    "is_division_code",
    "parse_division_code",
]

#: The scheme name of statistical division codes in :class:`~govmodel.spec.Identifier`.
SCHEME = "cn-stats-division"

Level = Literal["province", "prefecture", "county", "township", "village"]

#: The levels of a division code, from the top, with the number of digits that name them.
LEVELS: Mapping[Level, int] = {
    "province": 2,
    "prefecture": 4,
    "county": 6,
    "township": 9,
    "village": 12,
}

#: The province-level codes of GB/T 2260 (the 31 of the mainland, Taiwan 71, Hong Kong 81,
#: Macao 82).
_PROVINCE_CODES = (
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 "
    "64 65 71 81 82"
)
PROVINCES: frozenset[str] = frozenset(_PROVINCE_CODES.split(" "))

#: The level of code each built-in unit kind carries. Kinds not listed (compounds, buildings,
#: grids …) are below the divisions the codes number; a code on them is reported.
KIND_LEVELS: Mapping[str, Level] = {
    "province": "province",
    "autonomous_region": "province",
    "municipality": "province",
    "city": "prefecture",
    "district": "county",
    "county": "county",
    "street": "township",
    "town": "township",
    "township": "township",
    "community": "village",
    "village": "village",
}

#: Unit kinds that never carry a division code of their own.
_BELOW = frozenset(
    {
        "compound",
        "courtyard",
        "building",
        "entrance",
        "household",
        "parking_space",
        "grid",
        "area",
        "group",
    }
)

#: Unit kinds above the divisions the codes number (the codes begin at the provinces).
_ABOVE = frozenset({"country"})

_DIGITS = re.compile(r"^[0-9]+\Z")


@attrs.frozen
class DivisionCode:
    """A statistical division code, split into its segments.

    Parameters
    ----------
    province, prefecture, county, township, village
        The segments (2, 2, 2, 3 and 3 digits; zeros below the code's level).
    level
        The deepest segment that is not zero: ``"province"``, ``"prefecture"``,
        ``"county"``, ``"township"`` or ``"village"``.
    """

    province: str
    prefecture: str
    county: str
    township: str
    village: str
    level: Level

    @property
    def code(self) -> str:
        """The full 12-digit code."""
        return self.province + self.prefecture + self.county + self.township + self.village

    @property
    def prefix(self) -> str:
        """The digits that name the division: the code up to its level (``"430304001"``)."""
        return self.code[: LEVELS[self.level]]

    def extends(self, other: DivisionCode) -> bool:
        """Whether this division lies strictly inside ``other`` (its code extends other's).

        Examples
        --------
        >>> from govmodel.identifiers import parse_division_code as p
        >>> c = p("430304001001")
        >>> c.extends(p("430304001000")), c.extends(p("430305000000"))
        (True, False)
        """
        n = LEVELS[other.level]
        return LEVELS[self.level] > n and self.code[:n] == other.code[:n]


def _problem(code: str, message: str, path: str = "$") -> SpecError:
    return SpecError([Problem(code, path, message)])


def parse_division_code(code: str, *, allow_prefix: bool = False) -> DivisionCode:
    """Split a statistical division code into its segments and tell its level.

    Parameters
    ----------
    code
        Twelve digits (``"430304001001"``); with ``allow_prefix``, also 2, 4, 6 or 9 digits
        (``"430304"``), padded with zeros to twelve.
    allow_prefix
        Accept the short forms.

    Returns
    -------
    DivisionCode

    Raises
    ------
    SpecError
        With one problem of code ``"invalid-identifier"`` when the code is not digits of an
        accepted length, names no province of GB/T 2260, or has a zero segment above a
        non-zero one: a division under no prefecture (``"430004001001"``) or a village under
        no township is refused. A township under no county is allowed, since
        prefecture-level cities without counties number their towns directly (Dongguan,
        ``"441900003000"``).

    Examples
    --------
    >>> from govmodel.identifiers import parse_division_code
    >>> parse_division_code("430304", allow_prefix=True).level
    'county'
    >>> parse_division_code("4303040010")
    Traceback (most recent call last):
    ...
    govmodel.errors.SpecError: 1 problem:
      $: invalid-identifier: '4303040010' is not a 12-digit statistical division code
    """
    if not isinstance(code, str):  # a code read from a table as a number, say
        raise _problem(
            "invalid-identifier",
            f"{shown(code)} ({type(code).__name__}) is not a statistical division code: "
            "give its digits as a string",
        )
    if not _DIGITS.fullmatch(code):
        if code.isdecimal():  # full-width digits (４３), or another script's
            raise _problem(
                "invalid-identifier",
                f"{shown(code)} is not a statistical division code: its digits are not the "
                "ASCII digits 0-9 (full-width digits, say)",
            )
        raise _problem(
            "invalid-identifier", f"{shown(code)} is not a statistical division code (digits only)"
        )
    given = shown(code)  # the messages name the code as given, not padded
    if len(code) != 12:
        if allow_prefix and len(code) in (2, 4, 6, 9):
            code = code.ljust(12, "0")
        else:
            allowed = "2, 4, 6, 9 or 12 digits" if allow_prefix else "a 12-digit"
            what = (
                f"{given} has {len(code)} digit{'' if len(code) == 1 else 's'}, not {allowed}"
                if allow_prefix
                else f"{given} is not {allowed} statistical division code"
            )
            raise _problem("invalid-identifier", what)
    parts = (code[0:2], code[2:4], code[4:6], code[6:9], code[9:12])
    if parts[0] not in PROVINCES:
        raise _problem(
            "invalid-identifier",
            f"{given} starts with {parts[0]!r}, which is no province code",
        )
    names: tuple[Level, ...] = ("province", "prefecture", "county", "township", "village")
    level: Level = "province"
    for name, part in zip(names, parts, strict=True):
        if set(part) != {"0"}:
            level = name
    # a village segment needs a township; a township needs a prefecture (counties may be
    # skipped by prefecture-level cities without counties, e.g. Dongguan 4419)
    if parts[4] != "000" and parts[3] == "000":
        raise _problem("invalid-identifier", f"{given} names a village under no township")
    if level in ("county", "township", "village") and parts[1] == "00":
        raise _problem("invalid-identifier", f"{given} names a {level} under no prefecture")
    return DivisionCode(*parts, level=level)


def is_division_code(code: object, *, allow_prefix: bool = False) -> bool:
    """Whether ``code`` is a well-formed division code (see :func:`parse_division_code`).

    Examples
    --------
    >>> from govmodel.identifiers import is_division_code
    >>> [is_division_code(c) for c in ("430304001001", "43030400100X", "990000000000")]
    [True, False, False]
    """
    if not isinstance(code, str):
        return False
    try:
        parse_division_code(code, allow_prefix=allow_prefix)
    except SpecError:
        return False
    return True


def check_identifiers(
    structure: Structure,
    *,
    scheme: str = SCHEME,
    positions: Mapping[str, Sequence[int]] | None = None,
) -> list[Problem]:
    """Check the statistical division codes of a structure against its containment.

    Parameters
    ----------
    structure
        The structure to check.
    scheme
        The scheme name of the codes (default :data:`SCHEME`).
    positions
        For ``"units"`` and ``"organizations"``, the index in the source file of each
        entity, as :func:`govmodel.validate.check` takes it (when some entities of the file
        could not be read), so that paths still point into the file.

    Returns
    -------
    list of Problem
        With the JSON path of the identifier (``$.units[3].identifiers[0].identifier``), in
        the order of the units:

        ``invalid-identifier`` (error)
            the code is not 12 digits forming a division code (see
            :func:`parse_division_code`);
        ``inconsistent-identifier`` (error)
            the code does not extend the code of the unit's nearest ancestor that has one
            (a community's code must start with its street's first 9 digits; a code on a
            country, warned of below, does not count), or its level does not fit the
            unit's kind (:data:`KIND_LEVELS`: a street carries a township code, a
            community a village code);
        ``inconsistent-identifier`` (warning)
            a unit of a kind below the divisions (a compound, a building, a grid …) or above
            them (a country) carries a code;
        ``duplicate-identifier`` (warning)
            two units carry the same code, or one unit carries it twice; a unit that
            replaced another (its ``replaced_by``, or one of its ``formed_from``) may keep
            its code, as a renamed or merged division does.

        Codes on organizations are checked for form only. Unit kinds the built-in
        vocabulary does not know (declared ones) are not checked for level. A unit with
        several codes has each checked; the units below it are checked against its first
        well-formed one.

    Notes
    -----
    Complexity: :math:`O(n)` for :math:`n` units (the nearest ancestor with a code of each
    unit without one is found once, however many units below it carry codes).

    Examples
    --------
    >>> from govmodel.spec import Identifier, Structure, Unit
    >>> from govmodel.identifiers import check_identifiers
    >>> s = Structure(units=[
    ...     Unit("st", "street", identifiers=[Identifier("cn-stats-division", "430304001000")]),
    ...     Unit("c1", "community", parent="st",
    ...          identifiers=[Identifier("cn-stats-division", "430304002003")]),
    ... ])
    >>> [(p.code, p.path) for p in check_identifiers(s)]
    [('inconsistent-identifier', '$.units[1].identifiers[0].identifier')]
    """
    return list(_check(structure, scheme, positions or {}))


def _first_code(idents: tuple[Identifier, ...], scheme: str) -> DivisionCode | None:
    for ident in idents:
        if ident.scheme == scheme and is_division_code(ident.identifier):
            return parse_division_code(ident.identifier)
    return None


def _check(
    structure: Structure, scheme: str, positions: Mapping[str, Sequence[int]]
) -> Iterator[Problem]:
    def at(section: str, i: int) -> int:
        pos = positions.get(section)
        return pos[i] if pos is not None and i < len(pos) else i

    units = structure.units
    by_id = {u.id: u for u in units}
    # a code on a unit above the divisions (a country) is warned of, and names no division
    # that the units below could extend: they are checked against their nearest division
    own: dict[str, DivisionCode | None] = {
        u.id: None if u.kind in _ABOVE else _first_code(u.identifiers, scheme) for u in units
    }
    seen: dict[str, tuple[int, int]] = {}
    succession: list[set[tuple[str, str]]] = []  # (old, new) pairs, made at a first repeat

    def replaced(a: str, b: str) -> bool:
        """Whether one of units ``a`` and ``b`` replaced the other (``replaced_by``,
        ``formed_from``): a renamed or merged division keeps its code."""
        if not succession:
            pairs = {(x.id, x.replaced_by) for x in units if x.replaced_by is not None}
            pairs.update((old, x.id) for x in units for old in x.formed_from)
            succession.append(pairs)
        return (a, b) in succession[0] or (b, a) in succession[0]

    # the nearest ancestor with a code of each unit without one that a walk went through:
    # a walk stops at a unit whose answer is known, so each unit is walked through once
    above: dict[str, tuple[str, DivisionCode] | None] = {}

    def nearest(unit_id: str) -> tuple[str, DivisionCode] | None:
        """The nearest ancestor of ``unit_id`` with a code (none in a cycle back to it)."""
        visited = {unit_id}
        chain: list[str] = []  # the ancestors without a code walked through
        parent = by_id[unit_id].parent
        found: tuple[str, DivisionCode] | None = None
        while parent is not None and parent in by_id:
            if parent in visited:  # a cycle: back to unit_id, or among the chain
                code = own.get(unit_id) if parent == unit_id else None
                found = None if code is None else (unit_id, code)
                for x in chain:
                    above[x] = found
                return None
            code = own.get(parent)
            if code is not None:
                found = (parent, code)
                break
            if parent in above:
                found = above[parent]
                break
            visited.add(parent)
            chain.append(parent)
            parent = by_id[parent].parent
        for x in chain:
            above[x] = found
        if found is not None and found[0] == unit_id:  # round a cycle, back to unit_id
            return None
        return found

    for i, u in enumerate(units):
        if not u.identifiers:
            continue
        uid = shown(u.id)  # a long id is shown short, as validate shows it
        for j, ident in enumerate(u.identifiers):
            if ident.scheme != scheme:
                continue
            here = f"$.units[{at('units', i)}].identifiers[{j}].identifier"
            try:
                code = parse_division_code(ident.identifier)
            except SpecError as exc:
                yield Problem("invalid-identifier", here, f"unit {uid}: {exc.problems[0].message}")
                continue
            first = seen.get(code.code)
            if first is not None and first[0] != i and replaced(units[first[0]].id, u.id):
                seen[code.code] = (i, j)  # carried on by the unit that replaced the last
            elif first is not None:
                if first[0] == i:  # twice on one unit
                    again = f"twice (also at identifiers[{first[1]}])"
                else:
                    again = f"that $.units[{at('units', first[0])}] also carries"
                yield Problem(
                    "duplicate-identifier",
                    here,
                    f"unit {uid} carries the code {code.code} {again}",
                    "warning",
                )
            else:
                seen[code.code] = (i, j)
            expected = KIND_LEVELS.get(u.kind)
            if expected is not None and code.level != expected:
                yield Problem(
                    "inconsistent-identifier",
                    here,
                    f"{u.kind} {uid} carries the {code.level}-level code {code.code}; "
                    f"a {u.kind} carries a {expected}-level code",
                )
            elif expected is None and u.kind in _BELOW:
                yield Problem(
                    "inconsistent-identifier",
                    here,
                    f"{u.kind} {uid} carries the division code {code.code}, but a {u.kind} "
                    "is below the divisions these codes number",
                    "warning",
                )
            elif expected is None and u.kind in _ABOVE:
                yield Problem(
                    "inconsistent-identifier",
                    here,
                    f"{u.kind} {uid} carries the division code {code.code}, but a {u.kind} "
                    "is above the divisions these codes number (they begin at the provinces)",
                    "warning",
                )
            anc = nearest(u.id)
            if anc is not None and not code.extends(anc[1]):
                n = LEVELS[anc[1].level]
                yield Problem(
                    "inconsistent-identifier",
                    here,
                    f"{shown_key(u.kind)} {uid} carries the code {code.code}, which does not "
                    f"extend {anc[1].code} of its ancestor {shown(anc[0])} (the first {n} "
                    f"digits, {anc[1].code[:n]}, must be equal and the code must name a deeper "
                    "level)",
                )
    for i, o in enumerate(structure.organizations):
        for j, ident in enumerate(o.identifiers):
            if ident.scheme != scheme:
                continue
            if not is_division_code(ident.identifier):
                try:
                    parse_division_code(ident.identifier)
                except SpecError as exc:
                    yield Problem(
                        "invalid-identifier",
                        f"$.organizations[{at('organizations', i)}].identifiers[{j}].identifier",
                        f"organization {shown(o.id)}: {exc.problems[0].message}",
                    )
