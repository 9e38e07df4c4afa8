"""The four-level rules that ask which street or community a unit lies in, held against
the plain definition (:meth:`StructureIndex.ancestor_at` of every unit) on random
containment forests: units between (areas, grids, groups), communities inside
communities, kinds with no rank."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

import govmodel
from govmodel.index import StructureIndex
from govmodel.spec import Structure, Unit

_KINDS = (
    "city",
    "district",
    "street",
    "community",
    "area",
    "grid",
    "group",
    "compound",
    "courtyard",
    "building",
    "household",
    "unranked_kind",
)


@st.composite
def forests(draw: st.DrawFn) -> Structure:
    """A valid structure of 1–30 units, each inside an earlier one or in none."""
    n = draw(st.integers(1, 30))
    units = []
    for j in range(n):
        kind = draw(st.sampled_from(_KINDS))
        # mostly inside one of the last few units: chains several units deep
        near = st.integers(max(0, j - 3), j - 1) if j else st.none()
        parent = draw(
            st.one_of(near, near, near, st.none(), st.integers(0, j - 1) if j else st.none())
        )
        units.append(Unit(id=f"u{j}", kind=kind, parent=None if parent is None else f"u{parent}"))
    return Structure(units=tuple(units))


def _examined(s: Structure, rule_id: str, missing: str) -> tuple[str, int | None, list[str]]:
    """The rule's status, the number of subjects it examined, and the subjects of its
    findings that say ``missing`` is missing."""
    a = govmodel.assess(s, "four_level")
    r = a.rule(rule_id)
    return r.status, r.examined, [f.subject for f in r.findings if f.data.get("missing") == missing]


def _chain(*kinds: str) -> Structure:
    """Units of these kinds, each inside the one before."""
    return Structure(
        units=tuple(
            Unit(id=f"u{j}", kind=k, parent=f"u{j - 1}" if j else None) for j, k in enumerate(kinds)
        )
    )


@settings(max_examples=150, deadline=None)
@given(forests())
@example(_chain("community", "grid", "area", "building"))  # lived in, through units between
@example(_chain("community", "community", "compound"))  # the inner one is lived in, not the outer
@example(_chain("street", "area", "community", "compound"))
def test_three_chiefs_examines_the_communities_residents_live_in(s: Structure) -> None:
    ix = StructureIndex.of(s)
    lived = {
        ix.ancestor_at(u.id, 5)
        for u in s.units
        if (ix.rank(u.id) or 0) >= 6  # a residents' unit: compound, building, household
    }
    want = [u.id for u in s.units if ix.rank(u.id) == 5 and u.id in lived]
    status, examined, subjects = _examined(s, "four_level.three_chiefs", "area")
    # the communities examined that have no area inside are not divided into areas
    divided = {ix.ancestor_at(u.id, 5) for u in s.units if u.kind == "area"}
    assert subjects == [c for c in want if c not in divided]
    between = [u for u in s.units if u.kind in ("area", "group")]  # examined as well
    assert examined == len(want) + len(between)
    assert status == ("not_applicable" if not want and not between else "failed")


@settings(max_examples=150, deadline=None)
@given(forests())
@example(
    _chain("street", "area", "grid", "community")
)  # a street with a community, through units between
@example(_chain("street", "street", "community"))  # the inner street hosts it, not the outer
def test_levels_examines_the_streets_with_a_community(s: Structure) -> None:
    ix = StructureIndex.of(s)
    hosts = {ix.ancestor_at(u.id, 4) for u in s.units if ix.rank(u.id) == 5}
    want = [u.id for u in s.units if ix.rank(u.id) == 4 and u.id in hosts]
    a = govmodel.assess(s, "four_level")
    r = a.rule("four_level.levels")
    # no party organization anywhere: every street examined has no working committee
    assert [f.subject for f in r.findings] == want
    assert r.examined == len(want)
    assert r.status == ("not_applicable" if not want else "failed")
