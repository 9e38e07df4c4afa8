"""The numbering of the edges' ends by the records of a structure: runs of one object
(a unit's children naming their parent) looked for once, and the node ids read with their
hashes and addresses in one pass."""

from __future__ import annotations

import pytest

import govmodel
from govmodel.io import graphfiles as gf


def test_numbers_of_runs_of_one_object_and_of_equal_others() -> None:
    np = pytest.importorskip("numpy")
    ids = [f"n{i}" for i in range(300)]
    other = "".join(["n", "7"])  # equal to ids[7], another object
    named = [ids[4]] * 5 + [ids[9], ids[9], other, other, ids[7]] + [ids[2]] * 50 + [ids[299]]
    named += [ids[i // 3] for i in range(600)]  # runs of three
    numbers = gf._numbers(np, ids, [gf._Refs(named[:30]), gf._Refs(named[30:])])
    assert numbers.tolist() == [int(n[1:]) for n in named]
    with pytest.raises(KeyError):
        gf._numbers(np, ids, [gf._Refs([ids[1]] * 10 + ["nope"] * 10)])


def test_read_ids_gives_the_ids_their_hashes_and_addresses() -> None:
    np = pytest.importorskip("numpy")
    s = govmodel.datasets.load("changsha")
    nodes = (s.units, s.organizations, s.people, s.observations, s.decisions)
    read = gf._read_ids(np, nodes, (s.posts, s.ties))
    assert read is not None
    ids, edge_ids, hashes, addresses = read
    assert ids == [e.id for entities in nodes for e in entities]
    assert edge_ids == [e.id for e in (*s.posts, *s.ties)]
    assert hashes.tolist() == [hash(i) for i in (*ids, *edge_ids)]
    assert addresses.tolist() == [id(i) for i in ids]
    assert gf._read_ids(np, ([type("E", (), {"id": []})()],), ()) is None  # no hash
