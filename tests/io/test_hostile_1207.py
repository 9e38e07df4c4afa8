"""Hostile GraphML and GEXF: values their keys do not type, keys and values given twice.

Each case was read before without a word (a value silently lost or retyped) or refused
with the message of an internal exception and no place; each is now one ``SpecError``
naming the node, edge or graph and the attribute.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

import govmodel
from govmodel import SpecError
from govmodel.io.graphfiles import (
    export_gexf,
    export_graphml,
    import_gexf,
    import_graphml,
    import_node_link,
)


@pytest.fixture(scope="module")
def graphml() -> str:
    return export_graphml(govmodel.datasets.load("yuetang")).decode("utf-8")


@pytest.fixture(scope="module")
def gexf() -> str:
    return export_gexf(govmodel.datasets.load("yuetang")).decode("utf-8")


def _edit(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


def _refused(read: object, text: str) -> SpecError:
    with pytest.raises(SpecError) as info:
        read(text)  # type: ignore[operator]
    assert len(info.value.problems) == 1
    return info.value


AREA = '<data key="d9">206.03</data>'
LEVEL = '<data key="d12">3</data>'
IN_REPORT = '<data key="d8">True</data>'


@pytest.mark.parametrize(
    ("old", "new", "code", "path", "says"),
    [
        # a value given twice on one node: the second used to replace the first
        (AREA, AREA + '<data key="d9">207</data>', "duplicate-key", "nodes['yt'].area_km2", ""),
        # a value its key's type does not read
        (LEVEL, '<data key="d12">abc</data>', "wrong-type", "nodes['yt'].level", "long"),
        (LEVEL, '<data key="d12">3.5</data>', "wrong-type", "nodes['yt'].level", "long"),
        (LEVEL, '<data key="d12">1_000</data>', "wrong-type", "nodes['yt'].level", "long"),
        (LEVEL, '<data key="d12">\u0663</data>', "wrong-type", "nodes['yt'].level", "long"),
        (LEVEL, f'<data key="d12">{"9" * 5000}</data>', "wrong-type", "nodes['yt'].level", ""),
        (IN_REPORT, '<data key="d8">yes</data>', "wrong-type", "nodes['yt'].in_report", "bool"),
        (AREA, '<data key="d9">x</data>', "wrong-type", "nodes['yt'].area_km2", "double"),
        # an empty value of a boolean key used to be read as the string ''
        (IN_REPORT, '<data key="d8"></data>', "wrong-type", "nodes['yt'].in_report", ""),
        (IN_REPORT, '<data key="d8" />', "wrong-type", "nodes['yt'].in_report", ""),
        # markup in a value used to drop the value (read as a yEd graphics element)
        (
            '<data key="d7">岳塘区</data>',
            '<data key="d7">a<b>c</b>d</data>',
            "invalid-graphml",
            "nodes['yt'].name",
            "element",
        ),
        # an edge without a source used to be an edge from a node named 'None'
        (
            '<edge source="yt" target="yt-s1"',
            '<edge target="yt-s1"',
            "invalid-graphml",
            "",
            "source",
        ),
        ('<node id="yt-s1">', "<node>", "invalid-graphml", "", "id"),
    ],
)
def test_graphml_values(graphml: str, old: str, new: str, code: str, path: str, says: str) -> None:
    err = _refused(import_graphml, _edit(graphml, old, new))
    problem = err.problems[0]
    assert problem.code == code
    assert problem.path.startswith(path or "")
    assert says in problem.message
    assert "Error:" not in problem.message  # no internal exception's name


def test_graphml_two_keys_of_one_name_on_one_node(graphml: str) -> None:
    # residents (d10) renamed area_km2: the node's two values used to collapse into one
    text = _edit(graphml, 'attr.name="residents"', 'attr.name="area_km2"')
    problem = _refused(import_graphml, text).problems[0]
    assert (problem.code, problem.path) == ("duplicate-key", "nodes['yt'].area_km2")


def test_graphml_key_declared_twice(graphml: str) -> None:
    # the second declaration of d9 used to replace the first: area_km2 read as 'other'
    decl = '<key id="d9" for="node" attr.name="area_km2" attr.type="double" />'
    text = _edit(graphml, decl, decl + '<key id="d9" for="node" attr.name="other" />')
    problem = _refused(import_graphml, text).problems[0]
    assert problem.code == "duplicate-id"
    assert "d9" in problem.path


def test_graphml_unknown_key_type(graphml: str) -> None:
    text = _edit(
        graphml,
        'attr.name="area_km2" attr.type="double"',
        'attr.name="area_km2" attr.type="complex"',
    )
    problem = _refused(import_graphml, text).problems[0]
    assert problem.code == "invalid-graphml"
    assert "complex" in problem.message
    assert "Error" not in problem.message


def test_graphml_valid_values_still_read(graphml: str) -> None:
    s = govmodel.datasets.load("yuetang")
    assert import_graphml(graphml) == s
    # what XML Schema's long and boolean allow: surrounding blanks, a sign, 1 and 0
    text = _edit(graphml, IN_REPORT, '<data key="d8">1</data>')
    text = _edit(text, '<data key="d10">484700</data>', '<data key="d10"> +484700 </data>')
    assert import_graphml(text) == s


VALUE = '<attvalue for="5" value="484700" />'


@pytest.mark.parametrize(
    ("old", "new", "code", "says"),
    [
        (VALUE, VALUE + '<attvalue for="5" value="1" />', "duplicate-key", ""),
        (VALUE, '<attvalue for="5" value="abc" />', "wrong-type", "long"),
        (VALUE, '<attvalue for="5" />', "wrong-type", "long"),
        (
            '<attvalue for="3" value="true" />',
            '<attvalue for="3" value="yes" />',
            "wrong-type",
            "bool",
        ),
        ('<attvalue for="3" value="true" />', '<attvalue for="3" />', "wrong-type", "bool"),
    ],
)
def test_gexf_values(gexf: str, old: str, new: str, code: str, says: str) -> None:
    problem = _refused(import_gexf, _edit(gexf, old, new)).problems[0]
    assert problem.code == code
    assert problem.path.startswith("nodes['yt']")
    assert says in problem.message
    assert "Error:" not in problem.message


def test_gexf_two_attributes_of_one_title(gexf: str) -> None:
    text = _edit(gexf, 'title="residents"', 'title="area_km2"')
    problem = _refused(import_gexf, text).problems[0]
    assert (problem.code, problem.path) == ("duplicate-key", "nodes['yt'].area_km2")


def test_gexf_dynamic_without_timeformat(gexf: str) -> None:
    # dynamic values need the graph's timeformat; without one networkx said KeyError: None
    text = _edit(
        gexf, '<attributes mode="static" class="node">', '<attributes mode="dynamic" class="node">'
    )
    text = _edit(text, VALUE, '<attvalue for="5" value="1" start="2000" end="2001" />')
    problem = _refused(import_gexf, text).problems[0]
    assert problem.code == "invalid-gexf"
    assert "timeformat" in problem.message
    assert "KeyError" not in problem.message
    spell = _edit(
        gexf, '<node id="yt" label="岳塘区">', '<node id="yt" label="岳塘区" start="2000">'
    )
    problem = _refused(import_gexf, spell).problems[0]
    assert problem.code == "invalid-gexf"
    assert "timeformat" in problem.message


POST = re.compile(r'<edge source="yt-p001" target="yt-dpc" id="e\d+">.*?</edge>', re.S)


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "node-link"])
def test_an_edge_given_twice(fmt: str) -> None:
    # the same post (source, target and key) twice, the second with another start: networkx
    # merged the two into one edge, the second's start replacing the first's
    s = govmodel.datasets.load("yuetang")
    text = govmodel.io.export(s, fmt)
    text = text.decode("utf-8") if isinstance(text, bytes) else text
    if fmt == "node-link":
        doc = json.loads(text)
        first = next(e for e in doc["edges"] if e.get("key") == "yt-post001")
        doc["edges"].append(dict(first, start="1999-01"))
        text = json.dumps(doc)
    else:
        edge = POST.search(text)
        assert edge is not None
        text = _edit(text, edge.group(), edge.group() + edge.group().replace("2021-06", "1999-01"))
    problem = _refused(lambda t: govmodel.io.import_(t, fmt), text).problems[0]
    assert problem.code == "duplicate-id"
    assert problem.path.startswith("edges['yt-p001','yt-dpc',")


@pytest.mark.parametrize(
    ("edit", "code", "path"),
    [
        (lambda d: d["nodes"].__setitem__(0, 5), "invalid-node-link", "$.nodes[0]"),
        (lambda d: d["nodes"][0].pop("id"), "invalid-node-link", "$.nodes[0].id"),  # was numbered 0
        (lambda d: d["nodes"][0].__setitem__("id", {}), "wrong-type", "$.nodes[0].id"),
        (lambda d: d["edges"].__setitem__(0, "x"), "invalid-node-link", "$.edges[0]"),
        (lambda d: d["edges"][0].pop("source"), "invalid-node-link", "$.edges[0].source"),
        (lambda d: d["edges"][0].__setitem__("target", {}), "wrong-type", "$.edges[0].target"),
        (lambda d: d["edges"][0].__setitem__("key", [1]), "wrong-type", "$.edges[0].key"),
    ],
)
def test_node_link_records(edit: Any, code: str, path: str) -> None:
    # each used to be refused with the repr of networkx's KeyError, TypeError or
    # AttributeError at '$', or (a node without an id) read as node 0
    doc = json.loads(govmodel.io.export(govmodel.datasets.load("yuetang"), "node-link"))
    edit(doc)
    problem = _refused(import_node_link, json.dumps(doc)).problems[0]
    assert (problem.code, problem.path) == (code, path)
    assert "Error" not in problem.message


def test_two_graphml_edges_of_one_key(graphml: str) -> None:
    # two edges of the post yt-post001 under two ids: the second replaced the first
    edge = POST.search(graphml)
    assert edge is not None
    other = re.sub(r'id="e\d+"', 'id="e-other"', edge.group().replace("2021-06", "1999-01"))
    problem = _refused(import_graphml, _edit(graphml, edge.group(), edge.group() + other))
    assert problem.problems[0].code == "duplicate-id"
    assert problem.problems[0].path == "edges['yt-p001','yt-dpc','yt-post001']"
