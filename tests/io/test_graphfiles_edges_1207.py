"""GraphML and GEXF at their edges: a GEXF description, hyperedges, keys without a name or a
type, edge weights that are not numbers.

Each malformed case used to be dropped without a word (the graph then read without its
attributes: many unknown terms later) or refused with networkx's own words at ``$``; each is
now one ``SpecError`` naming the element. A description that is not govmodel's (another
tool's free text) is read as no description.
"""

from __future__ import annotations

import re
import warnings

import pytest

import govmodel
from govmodel import SpecError
from govmodel.io.graphfiles import export_gexf, export_graphml, import_gexf, import_graphml


@pytest.fixture(scope="module")
def structure() -> govmodel.Structure:
    return govmodel.datasets.load("yuetang")


@pytest.fixture(scope="module")
def graphml(structure: govmodel.Structure) -> str:
    return export_graphml(structure).decode("utf-8")


@pytest.fixture(scope="module")
def gexf(structure: govmodel.Structure) -> str:
    return export_gexf(structure).decode("utf-8")


def _edit(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new, 1)


def _problem(read: object, text: str) -> govmodel.Problem:
    with pytest.raises(SpecError) as info:
        read(text)  # type: ignore[operator]
    assert len(info.value.problems) == 1, info.value
    problem = info.value.problems[0]
    assert "Error" not in problem.message  # no internal exception's name
    return problem


def _description(gexf: str, text: str) -> str:
    found = re.search(r"<description>.*?</description>", gexf, re.S)
    assert found is not None
    return gexf.replace(found.group(0), f"<description>{text}</description>", 1)


def _problems(read: object, text: str) -> list[govmodel.Problem]:
    try:
        read(text)  # type: ignore[operator]
    except SpecError as exc:
        return list(exc.problems)
    return []


# --------------------------------------------------------------------------------------------
# the GEXF description
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "path"),
    [
        (
            '{"govmodel": {"graph": [], "types": {}}}',
            "invalid-gexf",
            "meta.description.govmodel.graph",
        ),
        ('{"govmodel": {"graph": "x"}}', "invalid-gexf", "meta.description.govmodel.graph"),
        (
            '{"govmodel": {"graph": {}, "types": []}}',
            "invalid-types",
            "meta.description.govmodel.types",
        ),
        (
            '{"govmodel": {"graph": {}, "types": 3}}',
            "invalid-types",
            "meta.description.govmodel.types",
        ),
        ('{"govmodel": []}', "invalid-gexf", "meta.description.govmodel"),
        ('{"govmodel": null}', "invalid-gexf", "meta.description.govmodel"),
        ('{"govmodel": {"graph": {', "invalid-gexf", "meta.description"),
        ('  {"govmodel" : truncated', "invalid-gexf", "meta.description"),
        ('{"govmodel": ' + "[" * 100_000, "invalid-gexf", "meta.description"),
    ],
)
def test_gexf_malformed_govmodel_description(gexf: str, text: str, code: str, path: str) -> None:
    problem = _problem(import_gexf, _description(gexf, text))
    assert (problem.code, problem.path) == (code, path)


@pytest.mark.parametrize(
    "text",
    [
        "A graph made with Gephi",
        "{not json at all",
        '{"other": {"graph": []}}',
        '["govmodel"]',
        "[" * 100_000,
    ],
)
def test_gexf_other_description_read_as_none(gexf: str, text: str) -> None:
    # another tool's description: read as a file without one (the same problems, no more)
    without = _edit(gexf, re.search(r"<description>.*?</description>", gexf, re.S).group(0), "")  # type: ignore[union-attr]
    assert _problems(import_gexf, _description(gexf, text)) == _problems(import_gexf, without)


def test_gexf_own_description_read(gexf: str, structure: govmodel.Structure) -> None:
    assert import_gexf(gexf) == structure


# --------------------------------------------------------------------------------------------
# networkx's own refusals, now named
# --------------------------------------------------------------------------------------------


FIRST_EDGE = '<edge source="yt" target="yt-s1"'


@pytest.mark.parametrize(
    ("hyperedge", "path"),
    [
        (
            '<hyperedge id="h1"><endpoint node="yt" /><endpoint node="yt-s1" /></hyperedge>',
            "hyperedges['h1']",
        ),
        ("<hyperedge />", "hyperedges[0]"),
    ],
)
def test_graphml_hyperedge(graphml: str, hyperedge: str, path: str) -> None:
    problem = _problem(import_graphml, _edit(graphml, FIRST_EDGE, hyperedge + FIRST_EDGE))
    assert (problem.code, problem.path) == ("invalid-graphml", path)
    assert "hyperedge" in problem.message


def test_graphml_key_without_name(graphml: str) -> None:
    decl = '<key id="d39" for="edge" attr.name="end" attr.type="string" />'
    text = _edit(graphml, decl, decl + '<key id="d99" for="node" attr.type="string" />')
    problem = _problem(import_graphml, text)
    assert (problem.code, problem.path) == ("invalid-graphml", "keys['d99']")
    assert "attr.name" in problem.message


def test_graphml_yfiles_key_needs_no_name(graphml: str) -> None:
    decl = '<key id="d39" for="edge" attr.name="end" attr.type="string" />'
    text = _edit(graphml, decl, decl + '<key id="d99" for="node" yfiles.type="nodegraphics" />')
    assert import_graphml(text) == import_graphml(graphml)


def test_graphml_key_without_type_is_string_quietly(
    graphml: str, structure: govmodel.Structure
) -> None:
    # the string key 'end' declared without attr.type: read as a string, as networkx does,
    # without networkx's UserWarning
    decl = '<key id="d39" for="edge" attr.name="end" attr.type="string" />'
    text = _edit(graphml, decl, '<key id="d39" for="edge" attr.name="end" />')
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert import_graphml(text) == structure


def test_graphml_key_without_type_warning_filter_is_local(graphml: str) -> None:
    decl = '<key id="d39" for="edge" attr.name="end" attr.type="string" />'
    text = _edit(graphml, decl, '<key id="d39" for="edge" attr.name="end" />')
    before = list(warnings.filters)
    import_graphml(text)
    assert warnings.filters == before


@pytest.mark.parametrize("weight", ["abc", "", "1,5"])
def test_gexf_edge_weight_not_a_number(gexf: str, weight: str) -> None:
    problem = _problem(import_gexf, _edit(gexf, "<edge ", f'<edge weight="{weight}" '))
    assert (problem.code, problem.path) == ("wrong-type", "edges['yt','yt-s1'].weight")
    assert repr(weight) in problem.message


def test_gexf_edge_weight_number_read(gexf: str) -> None:
    text = _edit(gexf, "<edge ", '<edge weight="2.5" ')
    import_gexf(text)  # read as before: no error about the weight


@pytest.mark.parametrize(
    "viz",
    [
        '<viz:color r="x" g="1" b="2" />',
        '<viz:color g="1" b="2" />',
        '<viz:size value="big" />',
        '<viz:position x="a" />',
    ],
)
def test_gexf_viz_not_a_number(gexf: str, viz: str) -> None:
    # networkx's int() or float() error used to be the message, at $
    text = _edit(
        gexf,
        'xmlns="http://www.gexf.net/1.2draft"',
        'xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz"',
    )
    node = '<node id="yt" label="岳塘区">'
    problem = _problem(import_gexf, _edit(text, node, node + viz))
    assert (problem.code, problem.path) == ("wrong-type", "nodes['yt'].viz")
