"""Edges of the readers: every way a structure comes in and goes back out."""

from __future__ import annotations

from typing import Any

import pytest

import govmodel
from govmodel import SpecError

pytest.importorskip("pandas")


@pytest.mark.parametrize("graph", ["x", 5, ["metadata"], ("a", "b")], ids=repr)
@pytest.mark.parametrize("where", ["nodes", "edges", "argument"])
def test_frames_graph_attributes_that_are_no_mapping_are_named(where: str, graph: Any) -> None:
    from govmodel.io.frames import from_frames, graph_from_frames, to_frames

    nodes, edges = to_frames(govmodel.datasets.load("xihu"))
    nodes.attrs.clear()
    edges.attrs.clear()
    kw: dict[str, Any] = {}
    if where == "argument":
        kw["graph"] = graph
    else:
        (nodes if where == "nodes" else edges).attrs["graph"] = graph
    for read in (graph_from_frames, from_frames):
        with pytest.raises(SpecError) as info:
            read(nodes, edges, **kw)
        assert [(p.code, p.path) for p in info.value.problems] == [("wrong-type", "graph")]
        assert "mapping" in info.value.problems[0].message
