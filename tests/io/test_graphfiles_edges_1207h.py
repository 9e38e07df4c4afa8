"""GraphML and GEXF at their edges: strings of a subclass of ``str`` (a ``StrEnum``'s) written
as the strings they hold, and nested graphs the readers would have dropped."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

import attrs
import pytest

import govmodel
from govmodel.errors import SpecError
from govmodel.io.graphfiles import export_gexf, export_graphml, import_gexf, import_graphml
from govmodel.spec import (
    Attributes,
    Decision,
    Metadata,
    Observation,
    Organization,
    Person,
    Post,
    Structure,
    Tie,
    Unit,
    Vote,
    VotingRule,
)

EXPORTS = [export_graphml, export_gexf]


class S(str, enum.Enum):  # noqa: UP042 (str() and format() of a member are "S.K")
    K = "k"


class W(str):
    """A subclass of str whose ``str``, ``format`` and ``repr`` are not the string it holds."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"W<{str.__str__(self)}>"

    def __format__(self, spec: str) -> str:
        return f"W<{str.__str__(self)}>"


_MEMBERS: dict[str, Any] = {}


def member(text: str) -> Any:
    """A member of a ``(str, Enum)`` holding ``text`` (one enum per text)."""
    if text not in _MEMBERS:
        _MEMBERS[text] = enum.Enum("S", {"K": text}, type=str).K
    return _MEMBERS[text]


# fields validation takes only as plain strings (terms of fixed sets)
_KEEP = {
    ("Term", "category"),
    ("Term", "type"),
    ("Term", "sector"),
    ("Decision", "outcome"),
    ("VotingRule", "basis"),
    ("Vote", "choice"),
}


def converted(obj: Any, make: Callable[[str], str]) -> Any:
    """``obj`` with every string (but those of :data:`_KEEP`) made by ``make``."""
    if isinstance(obj, str):
        return make(obj)
    if isinstance(obj, Attributes):
        return Attributes({make(k): converted(v, make) for k, v in obj.items()})
    if isinstance(obj, tuple | list):
        return type(obj)(converted(x, make) for x in obj)
    if attrs.has(type(obj)):
        fields = {}
        for a in attrs.fields(type(obj)):
            if not a.init:
                continue
            v = getattr(obj, a.name)
            keep = (type(obj).__name__, a.name) in _KEEP
            fields[a.name.lstrip("_")] = v if keep else converted(v, make)
        return type(obj)(**fields)
    return obj


def _structure(term: Callable[[str], Any]) -> Structure:
    """Ids, references, attribute names and values, kinds, names, roles, relations, periods,
    dates and votes each ``term(...)``; an empty name and a string XML cannot hold too."""
    return Structure(
        units=[
            Unit(term("u"), term("compound"), term("Yuelu"), attributes={term("k"): term("v")}),
            Unit(
                term("b"),
                term("building"),
                term(""),
                parent=term("u"),
                attributes={term("note"): term("a\rb"), term("pid"): term("x&<y>")},
                start=term("2020-01-01"),
            ),
        ],
        organizations=[
            Organization(term("o"), term("compound_party_branch"), term("O"), unit=term("u")),
            Organization(term("g"), term("party_branch"), term("g"), parent=term("o")),
        ],
        people=[Person(term("p"), term("P"), party=term("active")), Person(term("q"), term("Q"))],
        posts=[Post(term("m"), term("p"), term("o"), term("secretary"), start=term("2021"))],
        ties=[Tie(term("t"), term("o"), term("g"), term("guides"), attributes={term("w"): 2})],
        observations=[
            Observation(term("ob"), term("u"), term("households"), 3, period=term("2022"))
        ],
        decisions=[
            Decision(
                term("d"),
                term("o"),
                rule=VotingRule(basis="members"),
                votes=[Vote(term("p"), "yes")],
            )
        ],
        metadata=Metadata(name=term("Yuelu")),
    )


PLAIN = _structure(str)


@pytest.mark.parametrize("export", EXPORTS)
@pytest.mark.parametrize("make", [W, member], ids=["subclass", "enum"])
def test_strings_of_a_str_subclass_are_written_as_the_strings_they_hold(
    export: Callable[[Structure], bytes], make: Callable[[str], Any]
) -> None:
    # an attribute name was written attr.name="S.K" (GraphML) or title="W&lt;k&gt;" (GEXF),
    # an edge's key "S.K", the graph's name "S.K"
    made = _structure(make)
    assert made == PLAIN
    assert not govmodel.validate(made)
    assert export(made) == export(PLAIN)


@pytest.mark.parametrize("numpy", [True, False], ids=["numpy", "no-numpy"])
@pytest.mark.parametrize("export", EXPORTS)
@pytest.mark.parametrize(
    "where",
    ["id", "reference", "kind", "name", "attribute name", "attribute value", "role", "relation"],
)
def test_a_single_string_of_a_str_subclass_is_written_as_the_string_it_holds(
    export: Callable[[Structure], bytes], where: str, numpy: bool, monkeypatch: Any
) -> None:
    # one value among plain ones: the columns drawn from the structure took it as it is
    if not numpy:
        monkeypatch.setattr(govmodel.index, "_np", lambda: None)
    s = PLAIN
    u, b = s.units
    post, tie = s.posts[0], s.ties[0]
    if where == "id":
        s = attrs.evolve(s, people=[Person(W("p"), "P", party="active"), s.people[1]])
    elif where == "reference":
        s = attrs.evolve(s, posts=[attrs.evolve(post, person=W("p"))])
    elif where == "kind":
        s = attrs.evolve(s, units=[attrs.evolve(u, kind=W("compound")), b])
    elif where == "name":
        s = attrs.evolve(s, units=[attrs.evolve(u, name=member("Yuelu")), b])
    elif where == "attribute name":
        s = attrs.evolve(s, units=[attrs.evolve(u, attributes={W("k"): "v"}), b])
    elif where == "attribute value":
        s = attrs.evolve(s, units=[attrs.evolve(u, attributes={"k": member("v")}), b])
    elif where == "role":
        s = attrs.evolve(s, posts=[attrs.evolve(post, role=member("secretary"))])
    else:
        s = attrs.evolve(s, ties=[attrs.evolve(tie, relation=W("guides"))])
    assert s == PLAIN
    assert export(s) == export(PLAIN)


@pytest.mark.parametrize("name", govmodel.datasets.names())
def test_every_bundled_dataset_of_str_subclass_strings_is_written_as_the_plain_one(
    name: str,
) -> None:
    s = govmodel.datasets.load(name)
    made = converted(s, W)
    assert made == s
    for export in EXPORTS:
        assert export(made) == export(s)


@pytest.mark.parametrize("export", EXPORTS)
def test_the_file_of_str_subclass_strings_reads_back_as_plain_strings(
    export: Callable[[Structure], bytes],
) -> None:
    read = import_graphml if export is export_graphml else import_gexf
    back = read(export(_structure(member)))
    assert back == PLAIN
    assert {type(u.id) for u in back.units} == {str}
    assert {type(k) for u in back.units for k in u.attributes} == {str}


# -- nested graphs ------------------------------------------------------------------------------


def _graphml_with(extra: str, attributes: str = "") -> bytes:
    doc = export_graphml(PLAIN).decode()
    at = doc.index('<node id="u"') + len('<node id="u"')
    end = doc.index("</node>", at)
    return (doc[:at] + attributes + doc[at:end] + extra + doc[end:]).encode()


def test_graphml_graph_nested_in_a_node_is_refused_not_dropped() -> None:
    # its nodes and edges were left out without a word: the file read as PLAIN
    nested = '<graph edgedefault="directed"><node id="z1" /><node id="z2" />'
    nested += '<edge source="z1" target="z2" /></graph>'
    with pytest.raises(SpecError) as info:
        import_graphml(_graphml_with(nested))
    [problem] = info.value.problems
    assert (problem.code, problem.path) == ("invalid-graphml", "nodes['u']")
    assert "<graph>" in problem.message


def test_graphml_graph_nested_in_an_edge_is_refused_not_dropped() -> None:
    doc = export_graphml(PLAIN).decode()
    at = doc.index('<edge source="u" target="b"')
    end = doc.index("</edge>", at)
    nested = '<graph edgedefault="directed"><node id="z1" /></graph>'
    with pytest.raises(SpecError) as info:
        import_graphml((doc[:end] + nested + doc[end:]).encode())
    [problem] = info.value.problems
    assert (problem.code, problem.path) == ("invalid-graphml", "edges['u','b']")


def test_graphml_second_graph_of_a_yfiles_group_is_refused() -> None:
    inner = '<graph edgedefault="directed" />'
    with pytest.raises(SpecError) as info:
        import_graphml(_graphml_with(inner + inner, ' yfiles.foldertype="group"'))
    [problem] = info.value.problems
    assert (problem.code, problem.path) == ("invalid-graphml", "nodes['u']")


def test_graphml_graph_of_a_yfiles_group_is_still_read() -> None:
    # as networkx reads it (the errors page documents groups): an empty one changes nothing
    doc = _graphml_with('<graph edgedefault="directed" />', ' yfiles.foldertype="group"')
    assert import_graphml(doc) == PLAIN


def test_graphml_two_top_level_graphs_are_refused() -> None:
    doc = export_graphml(PLAIN).decode()
    doc = doc.replace("</graphml>", '<graph edgedefault="directed" /></graphml>')
    with pytest.raises(SpecError) as info:
        import_graphml(doc.encode())
    assert info.value.problems[0].code == "invalid-graphml"


@pytest.mark.parametrize(
    "extra",
    [
        '<nodes /><nodes><node id="z1" label="z1" /></nodes>',
        '<edges><edge source="u" target="b" /></edges>',
    ],
    ids=["second-nodes", "edges"],
)
def test_gexf_node_holding_what_networkx_leaves_out_is_refused(extra: str) -> None:
    doc = export_gexf(PLAIN).decode()
    at = doc.index('<node id="u"')
    end = doc.index("</node>", at)
    with pytest.raises(SpecError) as info:
        import_gexf((doc[:end] + extra + doc[end:]).encode())
    [problem] = info.value.problems
    assert (problem.code, problem.path) == ("invalid-gexf", "nodes['u']")
