"""Edges of the graph-file readers: GEXF's description and node-link's top-level members."""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest

import govmodel
from govmodel import SpecError

pytest.importorskip("defusedxml")


def _gexf_with_description(description: str) -> bytes:
    from govmodel.io.graphfiles import export_gexf

    doc = export_gexf(govmodel.datasets.load("xihu")).decode("utf-8")
    start = doc.index("<description>") + len("<description>")
    end = doc.index("</description>")
    return (doc[:start] + description + doc[end:]).encode("utf-8")


def _description() -> dict[str, Any]:
    from govmodel.io.graphfiles import export_gexf

    doc = export_gexf(govmodel.datasets.load("xihu")).decode("utf-8")
    start = doc.index("<description>") + len("<description>")
    end = doc.index("</description>")
    parsed: dict[str, Any] = json.loads(html.unescape(doc[start:end]))
    return parsed


def test_gexf_description_of_a_key_given_twice_is_refused_not_read_as_the_last() -> None:
    """govmodel's description is JSON: a key given twice is refused at its path (as in any
    JSON file govmodel reads), not read as the last value, the first lost without a word."""
    from govmodel.io.graphfiles import import_gexf

    entry = _description()["govmodel"]
    metadata = json.dumps(entry["graph"]["metadata"])
    graph = json.dumps(entry["graph"])[:-1] + f', "metadata": {metadata}}}'
    text = '{"govmodel": {"graph": ' + graph + ', "types": ' + json.dumps(entry["types"]) + "}}"
    with pytest.raises(SpecError) as info:
        import_gexf(_gexf_with_description(html.escape(text, quote=False)))
    [problem] = info.value.problems
    assert (problem.code, problem.path) == (
        "duplicate-key",
        "meta.description.govmodel.graph.metadata",
    )


def test_gexf_description_nested_deeper_than_the_limit_is_refused() -> None:
    from govmodel.io.graphfiles import import_gexf

    entry = _description()["govmodel"]
    entry["graph"]["extra"] = json.loads("[" * 40 + "]" * 40)
    text = html.escape(json.dumps({"govmodel": entry}), quote=False)
    with pytest.raises(SpecError) as info:
        import_gexf(_gexf_with_description(text))
    [problem] = info.value.problems
    assert (problem.code, problem.path) == ("too-deep", "meta.description")
    # under a higher limit the same file is read
    s = import_gexf(_gexf_with_description(text), limits=govmodel.Limits(max_depth=64))
    assert s.units


def test_gexf_description_as_written_still_reads_back() -> None:
    from govmodel.io.graphfiles import export_gexf, import_gexf

    s = govmodel.datasets.load("xihu")
    assert import_gexf(export_gexf(s)) == s


def _node_link(**top: object) -> str:
    from govmodel.io.graphfiles import export_node_link

    doc = json.loads(export_node_link(govmodel.datasets.load("xihu")))
    doc.update(top)
    return json.dumps(doc)


@pytest.mark.parametrize(
    ("value", "says"),
    [("no", "a string"), (0, "a number"), (None, "null"), ({}, "an object"), ([], "a list")],
    ids=repr,
)
@pytest.mark.parametrize("flag", ["directed", "multigraph"])
def test_node_link_flags_that_are_no_booleans_are_named(
    flag: str, value: object, says: str
) -> None:
    """``"directed": "no"`` was read as directed (a truthy string); ``null`` as undirected,
    refused in networkx's words at ``graph``."""
    from govmodel.io.graphfiles import import_node_link

    with pytest.raises(SpecError) as info:
        import_node_link(_node_link(**{flag: value}))
    [problem] = info.value.problems
    assert (problem.code, problem.path) == ("invalid-node-link", f"$.{flag}")
    assert says in problem.message


def test_node_link_undirected_is_refused_at_directed() -> None:
    from govmodel.io.graphfiles import import_node_link

    with pytest.raises(SpecError) as info:
        import_node_link(_node_link(directed=False))
    [problem] = info.value.problems
    assert (problem.code, problem.path) == ("invalid-node-link", "$.directed")
    assert "MultiGraph" not in problem.message


def test_node_link_of_a_simple_graph_keeps_its_edge_keys() -> None:
    """``"multigraph": false`` (as networkx writes a DiGraph) dropped every edge's ``key``:
    each tie was refused as without an id, and edges of one pair merged into one."""
    from govmodel.io.graphfiles import export_node_link, import_node_link

    s = govmodel.datasets.load("yuetang")
    doc = json.loads(export_node_link(s))
    doc["multigraph"] = False
    assert import_node_link(json.dumps(doc)) == s


def test_node_link_edges_under_both_edges_and_links_are_named_not_dropped() -> None:
    from govmodel.io.graphfiles import import_node_link

    doc = json.loads(_node_link())
    doc["links"] = doc["edges"][1:]
    doc["edges"] = doc["edges"][:1]
    with pytest.raises(SpecError) as info:
        import_node_link(json.dumps(doc))
    [problem] = info.value.problems
    assert (problem.code, problem.path) == ("invalid-node-link", "$.links")


def test_node_link_an_empty_links_beside_edges_is_read() -> None:
    from govmodel.io.graphfiles import import_node_link

    s = govmodel.datasets.load("xihu")
    assert import_node_link(_node_link(links=[])) == s


@pytest.mark.parametrize("declared", ["ISO-8859-1", "UTF-16", "US-ASCII", "windows-1252"])
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_text_is_read_as_its_characters_whatever_its_declaration(
    fmt: str, declared: str
) -> None:
    """Text (``str``) has been decoded already: its declaration names the encoding of the
    file it came from. A Latin-1 declaration read the characters' UTF-8 bytes as Latin-1
    (``'café'`` became ``'cafÃ©'``), and a UTF-16 one refused the text."""
    from govmodel import Organization, Structure, Unit

    s = Structure(
        units=(Unit(id="c1", kind="community", name="café 社区"),),
        organizations=(Organization(id="o1", kind="residents_committee", name="é", unit="c1"),),
    )
    text = govmodel.io.export(s, fmt).decode("utf-8")
    text = text.replace("encoding='utf-8'", f"encoding='{declared}'", 1)
    assert f"encoding='{declared}'" in text
    assert govmodel.io.import_(text, fmt) == s


def test_xml_bytes_are_still_read_in_their_declared_encoding() -> None:
    from govmodel import Structure, Unit

    s = Structure(units=(Unit(id="c1", kind="community", name="café"),))
    text = govmodel.io.export(s, "graphml").decode("utf-8")
    text = text.replace("encoding='utf-8'", "encoding='ISO-8859-1'", 1)
    assert govmodel.io.import_(text.encode("latin-1"), "graphml") == s


def test_graphml_type_table_of_a_key_given_twice_is_refused_where_it_is() -> None:
    """The type table's problems were placed at ``$.node``, a path of no member of the file;
    they are under the graph attribute that holds the table."""
    from govmodel.io.graphfiles import export_graphml, import_graphml

    doc = export_graphml(govmodel.datasets.load("xihu")).decode("utf-8")
    key = re.search(r'<key id="(\w+)" for="graph" attr.name="govmodel_types"', doc)
    assert key is not None
    opening = f'<data key="{key.group(1)}">'
    start = doc.index(opening) + len(opening)
    assert doc[start:].startswith("{")
    doc = doc[:start] + '{"node": {}, ' + doc[start + 1 :]
    with pytest.raises(SpecError) as info:
        import_graphml(doc)
    [problem] = info.value.problems
    assert (problem.code, problem.path) == ("duplicate-key", "graph['govmodel_types'].node")


def _gexf_nested(depth: int) -> str:
    values = (
        '<attvalues><attvalue for="0" value="unit"/><attvalue for="1" value="community"/>'
        '<attvalue for="2" value="N"/></attvalues>'
    )
    body = "".join(f'<node id="n{i}">{values}<nodes>' for i in range(depth))
    body += "</nodes></node>" * depth
    return (
        '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">'
        '<graph defaultedgetype="directed"><attributes class="node">'
        '<attribute id="0" title="entity" type="string"/>'
        '<attribute id="1" title="kind" type="string"/>'
        '<attribute id="2" title="name" type="string"/></attributes>'
        f"<nodes>{body}</nodes></graph></gexf>"
    )


def test_gexf_nodes_nested_past_recursion_are_too_deep_not_a_recursion_error() -> None:
    from govmodel.io.graphfiles import import_gexf

    with pytest.raises(SpecError) as info:
        import_gexf(_gexf_nested(3000))
    [problem] = info.value.problems
    assert (problem.code, problem.path) == ("too-deep", "$")
    assert "RecursionError" not in problem.message


def test_graphml_groups_nested_past_recursion_are_too_deep_not_a_recursion_error() -> None:
    from govmodel.io.graphfiles import import_graphml

    keys = (
        '<key id="e" for="node" attr.name="entity" attr.type="string"/>'
        '<key id="k" for="node" attr.name="kind" attr.type="string"/>'
    )
    node = '<node id="n{}" yfiles.foldertype="group"><data key="e">unit</data>'
    node += '<data key="k">community</data><graph edgedefault="directed">'
    depth = 3000
    body = "".join(node.format(i) for i in range(depth)) + "</graph></node>" * depth
    doc = (
        f'<graphml xmlns="http://graphml.graphdrawing.org/xmlns">{keys}'
        f'<graph edgedefault="directed">{body}</graph></graphml>'
    )
    with pytest.raises(SpecError) as info:
        import_graphml(doc)
    [problem] = info.value.problems
    assert (problem.code, problem.path) == ("too-deep", "$")


@pytest.mark.parametrize("value", [" true", "true\n", "\t1 ", " false "])
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_booleans_between_xml_spaces_are_read_as_integers_are(fmt: str, value: str) -> None:
    """XML Schema collapses the spaces around a boolean as around a number: ``' 5 '`` was read
    as 5, but ``' true'`` was refused as no boolean."""
    from govmodel import Structure, Unit

    s = Structure(units=(Unit(id="c1", kind="community", attributes={"awarded": True}),))
    doc = govmodel.io.export(s, fmt).decode("utf-8")
    written = 'value="true"' if fmt == "gexf" else ">True<"
    assert doc.count(written) == 1
    read = value.strip() in ("true", "1")
    replaced = f'value="{value}"' if fmt == "gexf" else f">{value}<"
    doc = doc.replace(written, replaced)
    got = govmodel.io.import_(doc, fmt)
    assert got.units[0].attributes["awarded"] is read


@pytest.mark.parametrize("value", ["yes", "tru e", "\u00a0true"])
def test_booleans_of_other_words_or_spaces_are_still_refused(value: str) -> None:
    from govmodel import Structure, Unit

    s = Structure(units=(Unit(id="c1", kind="community", attributes={"awarded": True}),))
    doc = govmodel.io.export(s, "graphml").decode("utf-8").replace(">True<", f">{value}<")
    with pytest.raises(SpecError) as info:
        govmodel.io.import_(doc, "graphml")
    assert [p.code for p in info.value.problems] == ["wrong-type"]


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"organizations": [{"id": "o1", "name": "X", 1: "x"}]}, "$.organizations[0]"),
        ({"organizations": [{"id": "o1", "name": "X"}], None: []}, "$"),
        ({"id": "o1", "name": "X", "classification": "party branch", 2: 3}, "$"),
        (
            {"organizations": [{"id": "o1"}], "memberships": [{"person": {"id": "p", 5: 1}}]},
            "$.memberships[0].person",
        ),
    ],
    ids=["member", "document", "lone-object", "nested"],
)
def test_popolo_data_with_keys_that_are_no_strings_is_refused_where_they_are(
    data: dict[Any, Any], path: str
) -> None:
    """Data built in Python may have keys JSON cannot: ``AttributeError`` (``'int' object
    has no attribute 'startswith'``) or ``TypeError`` escaped."""
    from govmodel.io.popolo import from_popolo

    with pytest.raises(SpecError) as info:
        from_popolo(data, report=[])
    [problem] = info.value.problems
    assert (problem.code, problem.path) == ("wrong-type", path)
    assert "strings" in problem.message


@pytest.mark.parametrize("tag", ["nodes", "edges", "graph"])
def test_gexf_a_second_nodes_edges_or_graph_is_refused_not_dropped(tag: str) -> None:
    """networkx reads a graph's first ``<nodes>`` and ``<edges>`` (and the first
    ``<graph>``): the entities and links of a second one were lost without a word."""
    from govmodel.io.graphfiles import export_gexf, import_gexf

    s = govmodel.datasets.load("xihu")
    doc = export_gexf(s).decode("utf-8")
    start, end = doc.index(f"<{tag}"), doc.index(f"</{tag}>") + len(f"</{tag}>")
    whole = doc[start:end]
    if tag == "graph":
        split = doc[:end] + "<graph />" + doc[end:]
    else:
        # the second half of the elements moved to a second block of their own
        inner = whole[whole.index(">") + 1 : -len(f"</{tag}>")]
        half = inner.index(f"<{tag[:-1]} ", len(inner) // 2)
        opening = whole[: whole.index(">") + 1]
        blocks = f"{opening}{inner[:half]}</{tag}>{opening}{inner[half:]}</{tag}>"
        split = doc[:start] + blocks + doc[end:]
    with pytest.raises(SpecError) as info:
        import_gexf(split)
    [problem] = info.value.problems
    assert (problem.code, problem.path) == ("invalid-gexf", "$")
    assert f"one <{tag}>" in problem.message


@pytest.mark.parametrize(("times", "bad"), [('end="2"', "start"), ('start="1" end="x"', "end")])
def test_gexf_dynamic_value_without_its_time_is_named_at_the_value(times: str, bad: str) -> None:
    """A dynamic value's missing or unreadable time was placed at the node's own ``start``
    (``nodes['u1'].start``), which the node may not have; it is at the value's."""
    from govmodel.io.graphfiles import import_gexf

    doc = (
        '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">'
        '<graph defaultedgetype="directed" mode="dynamic" timeformat="double">'
        '<attributes class="node"><attribute id="0" title="entity" type="string"/>'
        '<attribute id="1" title="kind" type="string"/></attributes>'
        '<attributes class="node" mode="dynamic">'
        '<attribute id="9" title="households" type="integer"/></attributes>'
        '<nodes><node id="u1"><attvalues><attvalue for="0" value="unit"/>'
        '<attvalue for="1" value="community"/>'
        f'<attvalue for="9" value="3" {times}/></attvalues></node></nodes></graph></gexf>'
    )
    with pytest.raises(SpecError) as info:
        import_gexf(doc)
    [problem] = info.value.problems
    assert (problem.code, problem.path) == ("wrong-type", f"nodes['u1'].households.{bad}")
