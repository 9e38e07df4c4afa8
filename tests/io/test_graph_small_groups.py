"""The GraphML and GEXF writers on structures of many shapes of row.

A group of rows of one shape is written by a function compiled from its template. Where
each entity has attribute names of its own, every group holds one row; the template of a
small group (fewer than ``_SMALL_GROUP`` rows) holds its markup as names, so that groups of
the same kinds of columns share one compiled function. Here: the documents are the same
whichever template every group takes, and as networkx writes them; and a structure of
hundreds of shapes compiles a few functions, not one per shape.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govmodel
from govmodel.io import graphfiles as gf
from govmodel.spec import Organization, Person, Post, Structure, Tie, Unit
from govmodel.testing import strategies as gst
from tests.io import full_structure
from tests.io.test_graph_rows import _AWKWARD
from tests.io.test_streaming_xml import assert_same_documents

#: Every group's template small, or none.
_EVERY, _NONE = 10**9, 0


@pytest.fixture
def small_groups() -> Iterator[Any]:
    """``set(n)``: make a group's template small below ``n`` rows, for the test's length."""
    saved = gf._SMALL_GROUP

    def set_to(n: int) -> None:
        gf._SMALL_GROUP = n

    yield set_to
    gf._SMALL_GROUP = saved


def _own_names(n: int, value: object = 1) -> Structure:
    """``n`` organizations, people, posts and ties, each with attributes of names of its own
    and optional fields in every combination: a shape of row for each."""
    units = [Unit("c", "community", "C"), Unit("x", "compound", "X", "c")]
    orgs, people, posts, ties = [], [], [], []
    for i in range(n):
        orgs.append(
            Organization(
                f"o{i}",
                "residents_committee" if i % 2 else "owners_committee",
                "" if i % 3 else f"名{i}",
                unit="c",
                term_start="2021-01-01" if i % 4 else None,
                term_years=5 if i % 5 else None,
                attributes={f"k{i}": value, "shared": i},
            )
        )
        people.append(Person(f"p{i}", f"p&{i}", attributes={f"pk{i}": value}))
        posts.append(Post(f"s{i}", f"p{i}", f"o{i}", "member", attributes={f"sk{i}": value}))
        if i:
            ties.append(Tie(f"t{i}", f"o{i}", "x", "serves", attributes={f"tk{i}": value}))
    return Structure(units=units, organizations=orgs, people=people, posts=posts, ties=ties)


def _documents(s: Structure) -> tuple[bytes, bytes]:
    return gf.export_graphml(s), gf.export_gexf(s)


@pytest.mark.parametrize(
    "make",
    [
        *(lambda n=name: govmodel.datasets.load(n) for name in govmodel.datasets.names()),
        full_structure,
        lambda: _own_names(70),
        lambda: _own_names(30, "a&b {x} <y>"),
        lambda: _own_names(30, float("nan")),
    ],
)
def test_the_documents_are_the_same_whichever_template_a_group_takes(
    make: Any, small_groups: Any
) -> None:
    s = make()
    small_groups(_NONE)
    large = _documents(s)
    small_groups(_EVERY)
    assert _documents(s) == large
    small_groups(3)  # some groups of each
    assert _documents(s) == large


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(gst.structures(), st.sampled_from([_EVERY, _NONE, 2]))
def test_structures_are_written_as_networkx_writes_them_with_either_template(
    s: Structure, small: int
) -> None:
    saved = gf._SMALL_GROUP
    gf._SMALL_GROUP = small
    try:
        assert_same_documents(s)
    finally:
        gf._SMALL_GROUP = saved


@pytest.mark.parametrize("value", _AWKWARD, ids=repr)
def test_rows_of_shapes_of_their_own_are_written_as_networkx_writes_them(value: object) -> None:
    assert_same_documents(_own_names(12, value))


def test_hundreds_of_shapes_compile_a_few_functions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each of 300 organizations, people, posts and ties has a shape of its own: the small
    groups' templates are compiled once for each kind of columns, a handful in all."""
    compiled = []

    def counted(source: str) -> Any:
        compiled.append(source)
        return original(source)

    original = gf._compiled
    monkeypatch.setattr(gf, "_compiled", counted)  # the templates of large groups
    s = _own_names(300)
    for write in (gf.export_graphml, gf.export_gexf):
        gf._code_of.cache_clear()
        compiled.clear()
        write(s)
        made = gf._code_of.cache_info().misses + len(compiled)
        assert made <= 30, (write.__name__, made)
