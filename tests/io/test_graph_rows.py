"""The rows' text of the GraphML and GEXF writers of govmodel.io.graphfiles.

Each group of rows (rows of one shape) is written by one comprehension over its columns,
a batch at a time, and the groups' texts are put back in the rows' order
(``_interleave``); a column holding one object in every row of its group is written once,
its text part of the group's template (``_add_values``). Here both are held against the
plain way: every row written on its own, in order, every value read from its column; and
the whole documents against networkx's writers, in batches of every size.
"""

from __future__ import annotations

from itertools import count
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govmodel
from govmodel.io import graphfiles as gf
from govmodel.spec import Structure
from tests.io.test_streaming_xml import assert_same_documents, reference_gexf, reference_graphml


def _groups(which: list[int], groups: int) -> Any:
    g = gf._Groups()
    g.which = which
    g.size = len(which)
    g.shapes = [() for _ in range(groups)]
    g.at = [[i for i, w in enumerate(which) if w == k] for k in range(groups)]
    return g


@settings(max_examples=200, deadline=None)
@given(
    # up to 4 groups, and more than _interleave asks each of (it then gathers a batch's)
    st.sampled_from([1, 2, 3, 4, gf._FEW_GROUPS + 4]).flatmap(
        lambda n: st.tuples(st.just(n), st.lists(st.integers(0, n - 1), max_size=400))
    ),
    st.integers(1, 70),
)
def test_the_groups_texts_come_in_the_rows_order(case: tuple[int, list[int]], batch: int) -> None:
    """Whatever the groups of the rows and the size of a batch, each row's text comes once,
    in the rows' order, the ``j``-th row of a group its group's ``j``-th text."""
    n, which = case
    asked: list[list[tuple[int, int]]] = [[] for _ in range(n)]

    def rows(g: int) -> Any:
        def texts(s: int, e: int) -> list[str]:
            asked[g].append((s, e))
            return [f"{g}.{j};" for j in range(s, e)]

        return texts

    saved = gf._BATCH
    gf._BATCH = batch
    try:
        pieces = list(gf._interleave(_groups(which, n), [rows(g) for g in range(n)]))
    finally:
        gf._BATCH = saved
    ranks = [count() for _ in range(n)]
    assert "".join(pieces) == "".join(f"{g}.{next(ranks[g])};" for g in which)
    sizes = [p.count(";") for p in pieces]  # the first piece, before its size is known, 64
    assert 0 not in sizes
    assert sizes[:1] <= [64]
    assert max(sizes[1:], default=0) <= batch
    for g, spans in enumerate(asked):  # each group's rows asked for once each, in order
        assert [j for s, e in spans for j in range(s, e)] == list(range(which.count(g)))


_AWKWARD = [
    "",
    "plain",
    "a & b",
    "<x>",
    '"q"',
    "line\r\nbreak",
    "tab\there",
    "\x01",
    "中文",
    "{x} %s {{",
    "\\N{BULLET}",
    "'",
    0,
    -7,
    2**62,
    2**70,
    1.5,
    -0.0,
    float("inf"),
    float("nan"),
    True,
    False,
]


@pytest.mark.parametrize("value", _AWKWARD, ids=repr)
@pytest.mark.parametrize("write", [gf._graphml_data, gf._gexf_attvalue], ids=["graphml", "gexf"])
def test_a_constant_is_written_as_each_row_writes_it(value: object, write: Any) -> None:
    """A column of one object is written once into the template, and its text is that of
    the value read from the column in every row (``keep``: the plain way)."""
    column = [value] * 5
    other = ["a", "b&", "", "d", "e"]
    for with_other in (False, True):
        shape = ("k", "o") if with_other else ("k",)
        values = [column, other] if with_other else [column]
        groups = _groups([0] * 5, 1)
        groups.shapes, groups.values, groups.known = [shape], [values], [[None] * len(shape)]
        special = gf._TEXT_CHARS if write is gf._graphml_data else gf._ATTR_CHARS
        cols = gf._columns(groups, special, finite=write is gf._gexf_attvalue)
        pre = {"k": "<k>", "o": "<o>"}
        texts = []
        for keep in (None, "k"):
            t = gf._Template()
            params, columns = gf._add_values(t, write, shape, values, pre, cols, keep=keep)
            assert ("a0" in params) == (keep == "k")  # the constant: no variable of its own
            texts.append(t.compile(["n", *params], [range(5), *columns])(0, 5))
        assert texts[0] == texts[1]


@st.composite
def _constant_structures(draw: Any) -> Structure:
    """Units and people whose attributes are one object in every row of a shape (a
    constant column), of awkward values, in shapes that interleave."""
    U, P, Po, Org = govmodel.Unit, govmodel.Person, govmodel.Post, govmodel.Organization
    values = st.sampled_from(_AWKWARD)
    one, two = draw(values), draw(values)
    n = draw(st.integers(1, 40))
    shapes = draw(st.lists(st.integers(0, 2), min_size=n, max_size=n))
    attrs = [{}, {"c": one}, {"c": one, "d": two}]
    units = [U("root", "community", "root")]
    units += [
        U(f"u{i}", "compound", draw(st.sampled_from(["", "名", "a&b"])), "root", attrs[k])
        for i, k in enumerate(shapes)
    ]
    orgs = [Org("o", "owners_committee", "", unit="root")]
    people = [P(f"p{i}", "", attributes=attrs[k]) for i, k in enumerate(shapes)]
    posts = [Po(f"x{i}", f"p{i}", "o", "member", attributes=attrs[k]) for i, k in enumerate(shapes)]
    return Structure(units=units, organizations=orgs, people=people, posts=posts)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(_constant_structures(), st.integers(1, 9))
def test_constant_columns_in_batches_of_any_size_are_written_as_networkx_writes_them(
    s: Structure, batch: int
) -> None:
    saved = gf._BATCH
    gf._BATCH = batch
    try:
        assert_same_documents(s)
    finally:
        gf._BATCH = saved


def test_ids_to_escape_and_constants_of_every_kind() -> None:
    """Ids written escaped in the rows and in the edges' ends, with columns of one value
    (NaN and False among them) and of several."""
    G = nx.MultiDiGraph(format_version=1)
    nan = float("nan")
    for i in range(6):
        G.add_node(f'n&{i}"', entity="unit", name="" if i % 2 else f"<{i}>", z=nan, f=False)
    G.add_node("tail", entity="person", name="x")
    for i in range(5):
        G.add_edge(f'n&{i}"', f'n&{i + 1}"', key=f"k{i % 2}", relation="post", flag=False)
        G.add_edge(f'n&{i}"', "tail", key="", relation="tie", w=nan)
    assert gf._graph_to_graphml(G) == reference_graphml(G)
    assert gf._graph_to_gexf(G) == reference_gexf(G)


@given(st.text(st.sampled_from(["&", "<", ">", '"', "a", "中", "\n", ";"])))
def test_text_is_escaped_as_xml_text(text: str) -> None:
    """``_text`` escapes what ElementTree escapes in element text, and gives the text itself
    (not a copy) where there is nothing to escape."""
    from xml.sax.saxutils import escape

    assert gf._text(text) == escape(text)
    if escape(text) == text:
        assert gf._text(text) is text
