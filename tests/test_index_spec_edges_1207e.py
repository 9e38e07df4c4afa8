"""Edges of the structure index and of ``Structure``'s own members."""

from __future__ import annotations

import pytest

import govmodel
from govmodel.errors import SpecError
from govmodel.index import StructureIndex
from govmodel.spec import Organization, Person, Post, Structure, Tie, Unit
from govmodel.vocab import Term


def test_as_of_keeps_or_drops_each_of_two_units_sharing_an_id_by_its_own_dates() -> None:
    # the first "a" is in force in 2021, the second ended in 2019
    s = Structure(
        units=[Unit("a", "community", start="2020"), Unit("a", "community", end="2019")],
        organizations=[Organization("o", "residents_committee", unit="a")],
        posts=[Post("q", "p", "o", "chair")],
    )
    got = s.as_of("2021")
    assert [u.end for u in got.units] == [None]
    # the organization is located in the "a" that get() finds, which stands
    assert s.get("a").start == "2020"
    assert [o.id for o in got.organizations] == ["o"]
    assert [p.id for p in got.posts] == ["q"]


def test_as_of_drops_a_unit_not_in_force_though_a_later_one_shares_its_id() -> None:
    s = Structure(
        units=[Unit("a", "community", end="2019"), Unit("a", "community", start="2020")],
        organizations=[Organization("o", "residents_committee", unit="a")],
    )
    got = s.as_of("2021")
    assert [u.start for u in got.units] == ["2020"]
    # the organization's unit is the first "a" (as get() reads it), which has ended
    assert got.organizations == ()


def test_as_of_an_organization_sharing_a_units_id_does_not_drop_the_unit() -> None:
    s = Structure(
        units=[Unit("x", "community"), Unit("y", "compound", parent="x")],
        organizations=[Organization("x", "residents_committee", end="2000")],
    )
    got = s.as_of("2021")
    assert [u.id for u in got.units] == ["x", "y"]
    assert got.organizations == ()


@pytest.mark.parametrize("backend", ["python", "numpy"])
def test_located_reads_one_string_as_one_relation(backend: str) -> None:
    s = Structure(
        units=[Unit("c", "community")],
        organizations=[
            Organization("rc", "residents_committee", unit="c"),
            Organization("ss", "service_station"),
        ],
        ties=[Tie("t", "ss", "c", "serves")],
    )
    ix = StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
    assert ix.located("located_in") == ix.located(("located_in",)) == {"c": ["rc"]}
    assert ix.located("serves") == ix.located(["serves"]) == {"c": ["ss"]}


@pytest.mark.parametrize("backend", ["python", "numpy"])
def test_the_index_reads_a_post_listed_twice_as_documented(backend: str) -> None:
    # posts are no nodes: a post listed twice is read as it is (the graph refuses it)
    q = Post("q", "p", "o", "chair")
    s = Structure(
        units=[Unit("c", "community")],
        organizations=[Organization("o", "residents_committee", unit="c")],
        people=[Person("p")],
        posts=[q, q],
    )
    ix = StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
    assert ix.posts_in("o") == (q, q)
    assert ix.holders("o", "chair") == frozenset({"p"})


def test_as_of_keeps_an_organization_in_no_unit_when_a_unit_with_the_empty_id_ends() -> None:
    s = Structure(
        units=[Unit("", "community", end="2000"), Unit("x", "compound")],
        organizations=[Organization("o", "residents_committee")],
    )
    got = s.as_of("2021")
    assert [o.id for o in got.organizations] == ["o"]
    assert [u.id for u in got.units] == ["x"]


def test_merge_keeps_a_term_declared_differently_so_that_the_later_is_in_force() -> None:
    six = Term("unit_kinds", "estate", "Estate", rank=6)
    seven = Term("unit_kinds", "estate", "Estate", rank=7)
    one = Structure(units=[Unit("e", "estate")], vocabulary=[six])
    merged = one.merge(Structure(vocabulary=[seven]), Structure(vocabulary=[six]))
    # as the terms of one structure: the last declared is in force, and validate says so
    assert merged.vocabulary == (six, seven)
    assert merged.vocab.rank("estate") == Structure(vocabulary=[six, seven]).vocab.rank("estate")
    with pytest.raises(SpecError) as info:
        govmodel.validate(merged)
    assert "duplicate-term" in info.value.codes
    # a term declared alike twice is kept once
    assert one.merge(one).vocabulary == (six,)


def _two_huge_units() -> Structure:
    big = {"households": 2**62}
    return Structure(
        units=[Unit("a", "community", attributes=big), Unit("b", "compound", "", "a", big)]
    )


@pytest.mark.parametrize("backend", ["python", "numpy"])
def test_tree_sums_beyond_int64_raise_with_either_backend(backend: str) -> None:
    ix = StructureIndex.from_structure(_two_huge_units(), backend=backend)  # type: ignore[arg-type]
    values, _ = ix.unit_numbers("households")
    with pytest.raises(OverflowError):
        ix.subtree_sums(values)  # 2**63 would wrap around to -2**63
    with pytest.raises(OverflowError):
        ix.count_by(ix.ints([0, 0]), 1, values)


@pytest.mark.parametrize("backend", ["python", "numpy"])
def test_tree_sums_near_int64_are_exact_with_either_backend(backend: str) -> None:
    ix = StructureIndex.from_structure(_two_huge_units(), backend=backend)  # type: ignore[arg-type]
    values = ix.ints([2**62, -(2**62) + 5])
    assert [int(x) for x in ix.subtree_sums(values)] == [5, -(2**62) + 5]
    assert [int(x) for x in ix.count_by(ix.ints([0, 0]), 1, values)] == [5]


@pytest.mark.parametrize("backend", ["python", "numpy"])
def test_no_entity_has_the_code_minus_one(backend: str) -> None:
    s = Structure(units=[Unit("a", "community"), Unit("b", "compound", parent="a")])
    ix = StructureIndex.from_structure(s, backend=backend)  # type: ignore[arg-type]
    root_parent = int(ix.unit_parent[0])  # -1: no parent
    with pytest.raises(IndexError):
        ix.entity(root_parent)
    with pytest.raises(IndexError):
        ix.node_id(root_parent)
    with pytest.raises(IndexError):
        ix.entity(ix.n_nodes)
    assert ix.entity(1).id == ix.node_id(1) == "b"
