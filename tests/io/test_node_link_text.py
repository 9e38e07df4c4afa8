"""The node-link text is what the docs say: ``json.dumps(node_link_data(G, edges="edges"),
ensure_ascii=False, indent=indent)`` of the structure's graph, and a newline."""

from __future__ import annotations

import json

import networkx as nx
import pytest

import govmodel
from govmodel.io.graphfiles import export_node_link


@pytest.mark.parametrize("name", ["yuetang", "chengdu"])
@pytest.mark.parametrize("indent", [2, None, 4])
def test_node_link_text_is_json_dumps_of_node_link_data(name: str, indent: int | None) -> None:
    s = govmodel.datasets.load(name)
    want = json.dumps(
        nx.node_link_data(govmodel.to_graph(s), edges="edges"), ensure_ascii=False, indent=indent
    )
    assert export_node_link(s, indent=indent) == want + "\n"
