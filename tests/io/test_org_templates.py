"""The ORG writers' templates: the text they fill is the text of the nodes, byte for byte.

The Turtle and JSON-LD writers fill a template for each entity of a shape already seen
(see ``govmodel.io.org._texts``); the reference here writes every node of the one mapping
(``_Nodes``) with the format's own node writer, and ``json.dumps`` for the JSON-LD document
(the context indented, then one compact node object a line).
The structures are made of few shapes, so that most entities are written from a template,
with the values that need care: ids and strings that need escapes or percent-encoding,
integers beyond 64 bits, non-finite floats, concepts, cycles and long chains of leaders,
posts in organizations that are not described.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govmodel
from govmodel.errors import SpecError
from govmodel.io import org
from govmodel.spec import (
    Attributes,
    Metadata,
    Observation,
    Organization,
    Person,
    Post,
    Structure,
    Tie,
    Unit,
)
from govmodel.validate import check

rdflib = pytest.importorskip("rdflib")
from rdflib.compare import isomorphic  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

BASES = [None, "https://example.org/x/", "https://example.org/no-delimiter"]


def reference(s: Structure, fmt: str, base: str | None = None) -> str:
    """The document written node by node from the mapping, without templates."""
    b = org._base_for(s, base)
    nodes = list(org._Nodes(s, b))
    if fmt == "turtle":
        turtle = org._Turtle(b)
        return turtle.head() + "".join(map(turtle.node, nodes))
    # the context indented, then one node object a line, compact
    context = json.dumps(org._context(b), ensure_ascii=False, indent=2).replace("\n", "\n  ")
    lines = [json.dumps(n, ensure_ascii=False, separators=(",", ":")) for n in nodes]
    return (
        '{\n  "@context": '
        + context
        + ',\n  "@graph": [\n    '
        + ",\n    ".join(lines)
        + "\n  ]\n}\n"
    )


def written(s: Structure, fmt: str, base: str | None = None) -> str:
    if fmt == "turtle":
        return org.export_org_turtle(s, base=base)
    return org.export_org_jsonld(s, base=base)


def outcome(write: Any, s: Structure, fmt: str, base: str | None) -> tuple[Any, ...]:
    """What ``write`` gives: the same text, or the same refusal (a lone surrogate in a
    concept's IRI, say)."""
    try:
        return ("text", write(s, fmt, base))
    except SpecError as exc:
        return ("refused", tuple(p.code for p in exc.problems), tuple(p.path for p in exc.problems))
    except UnicodeEncodeError:  # the reference's: the writers refuse with the problems
        errors = [p for p in check(s) if p.severity == "error"]
        return ("refused", tuple(p.code for p in errors), tuple(p.path for p in errors))


def assert_graph_of_to_org(s: Structure) -> None:
    """Both writers' texts read back (rdflib) as the graph :func:`org.to_org` builds; or,
    for a structure none can hold (an IRI of a lone surrogate), all three refuse it alike."""
    lone = {p.path for p in check(s) if p.code == "invalid-string"}
    if lone:
        # no UTF-8 text holds a lone surrogate: written to a file, both refuse it where it is
        with tempfile.TemporaryDirectory() as folder:
            for write in (org.export_org_turtle, org.export_org_jsonld):
                with pytest.raises(SpecError) as info:
                    write(s, Path(folder) / "out")
                assert lone <= {p.path for p in info.value.problems}
            assert os.listdir(folder) == []
        return
    try:
        g = org.to_org(s)
    except SpecError as exc:
        refused = (
            "refused",
            tuple(p.code for p in exc.problems),
            tuple(p.path for p in exc.problems),
        )
        assert outcome(written, s, "turtle", None) == refused
        assert outcome(written, s, "jsonld", None) == refused
        return
    turtle = rdflib.Graph().parse(data=org.export_org_turtle(s), format="turtle")
    jsonld = rdflib.Graph().parse(data=org.export_org_jsonld(s), format="json-ld")
    assert len(g) == len(turtle) == len(jsonld)
    assert isomorphic(g, turtle)
    assert isomorphic(g, jsonld)


# plain ids most of the time, so that templates are used; others now and then
plain_ids = st.from_regex(r"[a-z][a-z0-9_-]{0,5}", fullmatch=True)
ids = ids_ = st.one_of(plain_ids, plain_ids, plain_ids, st.text(min_size=0, max_size=4))
plain_texts = st.sampled_from(["name", "名字", "a b"])
texts = st.one_of(
    st.just(""),
    st.sampled_from(["name", "名字", "a b"]),
    st.text(st.characters(codec=None, blacklist_categories=()), max_size=4),
)
values = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    texts,
)


@st.composite
def attributes(draw: Any) -> Attributes:
    keys = draw(st.lists(st.sampled_from(["households", "note", "origin", "flag"]), unique=True))
    out: dict[str, Any] = {}
    for key in keys:
        if key == "origin":  # a concept, or another value
            out[key] = draw(st.one_of(st.sampled_from(["commodity", "work_unit"]), values))
        else:
            out[key] = draw(values)
    return Attributes(out)


@st.composite
def repetitive(draw: Any, plain: bool = False) -> Structure:
    """A structure of a few shapes, repeated; with ``plain``, its ids are all plain names
    and its names need no escape (the attributes' strings may)."""
    # no name and no attributes, most of the time: fewer shapes
    names = st.one_of(st.just(""), st.just(""), plain_texts if plain else texts)
    ids = plain_ids if plain else ids_
    attributes_ = st.one_of(st.just(Attributes()), st.just(Attributes()), attributes())
    unit_ids = draw(st.lists(ids, min_size=1, max_size=12, unique=True))
    org_ids = draw(st.lists(ids, min_size=1, max_size=12, unique=True))
    person_ids = draw(st.lists(ids, min_size=1, max_size=8, unique=True))
    post_ids = draw(st.lists(ids, max_size=16, unique=True))
    some_unit = st.one_of(st.none(), st.sampled_from(unit_ids), ids)
    some_org = st.one_of(st.none(), st.sampled_from(org_ids), ids)
    units = [
        Unit(
            i,
            draw(st.sampled_from(["community", "compound", "building", "no_such_kind"])),
            draw(names),
            parent=draw(some_unit),
            attributes=draw(attributes_),
        )
        for i in unit_ids
    ]
    organizations = [
        Organization(
            i,
            draw(
                st.sampled_from(
                    [
                        "community_party_committee",
                        "compound_party_branch",
                        "residents_committee",
                        "property_company",
                        "no_such_kind",
                    ]
                )
            ),
            draw(names),
            parent=draw(some_org),  # cycles and itself included
            unit=draw(some_unit),
            attributes=draw(attributes_),
        )
        for i in org_ids
    ]
    people = [
        Person(
            i,
            draw(names),
            party=draw(st.sampled_from([None, "active"])),
            mobility=draw(st.sampled_from([None, "normal"])),
            attributes=draw(attributes_),
        )
        for i in person_ids
    ]
    posts = [
        Post(
            i,
            draw(st.one_of(st.sampled_from(person_ids), ids)),
            draw(st.one_of(st.sampled_from(org_ids), ids)),
            draw(st.sampled_from(["secretary", "member", "building_head", "no_such_role"])),
            attributes=draw(attributes_),
        )
        for i in post_ids
    ]
    name = draw(st.sampled_from(["t", "a b", ""]))
    return Structure(
        units=units,
        organizations=organizations,
        people=people,
        posts=posts,
        metadata=Metadata(name=name),
    )


@settings(max_examples=150, deadline=None)
@given(repetitive(), st.sampled_from(BASES))
def test_templates_write_the_text_of_the_nodes(s: Structure, base: str | None) -> None:
    for fmt in ("turtle", "json-ld"):
        assert outcome(written, s, fmt, base) == outcome(reference, s, fmt, base)


@settings(max_examples=100, deadline=None)
@given(repetitive(plain=True), st.sampled_from(BASES))
def test_plain_structures_write_the_text_of_the_nodes(s: Structure, base: str | None) -> None:
    # the entities of a plain structure are matched to their templates by fast keys
    assert org._plain_ids(s)
    assert org._plain_texts(s)
    for fmt in ("turtle", "json-ld"):
        assert outcome(written, s, fmt, base) == outcome(reference, s, fmt, base)


@settings(max_examples=30, deadline=None)
@given(repetitive())
def test_templates_write_the_graph_of_to_org(s: Structure) -> None:
    assert_graph_of_to_org(s)


@st.composite
def with_ties_and_observations(draw: Any) -> Structure:
    """A repetitive structure with ties (between organizations or not, dated now and
    then, with and without attributes) and observations (integer and float values, with
    and without a period or a source)."""
    s = draw(repetitive())
    org_ids = [o.id for o in s.organizations]
    unit_ids = [u.id for u in s.units]
    end = st.one_of(st.from_regex(r"[a-z][a-z0-9_-]{0,5}", fullmatch=True), ids)
    some_end = st.one_of(st.sampled_from(org_ids), st.sampled_from(org_ids), end)
    attributes_ = st.one_of(st.just(Attributes()), st.just(Attributes()), attributes())
    dates = st.one_of(st.none(), st.none(), st.sampled_from(["2020", "2021-03", "2022-04-05"]))
    tie_ids = draw(st.lists(ids, max_size=16, unique=True))
    ties = [
        Tie(
            i,
            draw(some_end),
            draw(some_end),
            draw(st.sampled_from(["guides", "supervises", "no_such_relation"])),
            start=draw(dates),
            end=draw(dates),
            attributes=draw(attributes_),
        )
        for i in tie_ids
    ]
    observation_ids = draw(st.lists(ids, max_size=16, unique=True))
    periods = st.sampled_from([None, "2023", "2023-05", "2023-01-02", "2021/2023-06"])
    observations = [
        Observation(
            i,
            draw(st.one_of(st.sampled_from(unit_ids), ids)),
            draw(st.sampled_from(["issues_collected", "turnout", "no_such_indicator"])),
            draw(
                st.one_of(
                    st.integers(min_value=-(2**70), max_value=2**70),
                    st.floats(allow_nan=True, allow_infinity=True),
                    st.floats(min_value=0, max_value=1),
                )
            ),
            period=draw(periods),
            source=draw(st.one_of(st.none(), st.just("synthetic"), texts)),
            attributes=draw(attributes_),
        )
        for i in observation_ids
    ]
    return attrs.evolve(s, ties=ties, observations=observations)


@settings(max_examples=150, deadline=None)
@given(with_ties_and_observations(), st.sampled_from(BASES))
def test_ties_and_observations_write_the_text_of_their_nodes(
    s: Structure, base: str | None
) -> None:
    for fmt in ("turtle", "json-ld"):
        assert outcome(written, s, fmt, base) == outcome(reference, s, fmt, base)


@settings(max_examples=20, deadline=None)
@given(with_ties_and_observations())
def test_ties_and_observations_write_the_graph_of_to_org(s: Structure) -> None:
    assert_graph_of_to_org(s)


def _many(n: int, plain: bool = False) -> Structure:
    """A structure of ``n`` compounds of one shape, each with a branch, a secretary and a
    building head; unless ``plain``, one compound with an id to percent-encode, one with a
    quoted name."""
    units = [Unit("st", "street", "Street")]
    orgs = [Organization("st-pc", "street_party_working_committee", "", unit="st")]
    people, posts = [], []
    for i in range(n):
        c = f"c{i}" if i != 3 or plain else "c 3"
        name = f"Compound {i}" if i != 5 or plain else 'The "Fifth"'
        units.append(Unit(c, "compound", name, parent="st", attributes={"households": i}))
        orgs.append(Organization(f"{c}-pb", "compound_party_branch", "", parent="st-pc", unit=c))
        people += [Person(f"{c}-p1", "", party="active"), Person(f"{c}-p2", "")]
        posts += [
            Post(f"{c}-s", f"{c}-p1", f"{c}-pb", "secretary"),
            Post(f"{c}-h", f"{c}-p2", "st-pc", "building_head", attributes={"building": c}),
        ]
    return Structure(
        units=units, organizations=orgs, people=people, posts=posts, metadata=Metadata(name="m")
    )


@pytest.mark.parametrize("fmt", ["turtle", "json-ld"])
def test_entities_of_one_shape_are_written_from_a_template(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = _many(200)
    described: dict[str, int] = {"units": 0, "organizations": 0, "people": 0, "posts": 0}

    def counting(section: str) -> Any:
        describe = getattr(org._Nodes, section)

        def counted(self: Any, entities: Any, out: list[Any]) -> None:
            described[section] += len(entities)
            describe(self, entities, out)

        return counted

    for section in described:
        monkeypatch.setattr(org._Nodes, section, counting(section))
    expected = reference(s, fmt)
    assert described["posts"] == 400  # the reference describes every entity
    described.update(dict.fromkeys(described, 0))
    assert written(s, fmt) == expected
    # only the first two entities of each shape (and the probe of the second) and the
    # ones no template covers are described by the mapping
    assert 0 < described["units"] <= 10
    assert 0 < described["organizations"] <= 10
    assert 0 < described["people"] <= 10
    assert 0 < described["posts"] <= 20


@pytest.mark.parametrize("fmt", ["turtle", "json-ld"])
def test_entities_of_a_known_fast_key_are_written_without_their_shape(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    s = _many(200, plain=True)
    calls: dict[str, int] = {"_unit_shape": 0, "_person_shape": 0, "_post_shape": 0}

    def counting(name: str) -> Any:
        shape = getattr(org, name)

        def counted(*args: Any) -> Any:
            calls[name] += 1
            return shape(*args)

        return counted

    for name in calls:
        monkeypatch.setattr(org, name, counting(name))
    assert written(s, fmt) == reference(s, fmt)
    # the first entities of each shape go through it (and its probe), the others not
    assert 0 < calls["_unit_shape"] <= 10
    assert 0 < calls["_person_shape"] <= 10
    assert 0 < calls["_post_shape"] <= 20


def _plain_lookalikes() -> Structure:
    """A plain structure (ids plain, names without escapes) of many entities that differ
    only in what a fast key must tell apart: attribute strings that need an escape beside
    ones that do not, integers beside booleans, floats and concepts, the roles of posts in
    one organization, organizations named, unnamed or not described, sited or not."""
    notes = ["plain", 'say "hi"', "line\nbreak", "back\\slash", "tab\t", "名字"]
    values: list[Any] = [3, True, 1.5, -0.0, 2**70, "commodity", "work_unit"]
    units = [
        Unit(
            f"u{i}",
            "building",
            "",
            parent=f"u{i - 1}" if i % 4 else None,
            attributes={"households": values[i % len(values)], "note": notes[i % len(notes)]},
        )
        for i in range(60)
    ]
    units += [
        Unit(f"c{i}", "compound", "", attributes={"origin": values[i % len(values)]})
        for i in range(30)
    ]
    where = ["named", "bare", "nowhere", "named2", "bare2", "named3", "bare3"]
    orgs = [
        Organization(o, "residents_committee", "Named" if o.startswith("named") else "")
        for o in where
        if o != "nowhere"
    ]
    orgs += [  # sited or not
        Organization(
            f"g{i}",
            "property_company",
            "",
            unit=f"u{i}" if i % 2 else None,
            attributes={"note": notes[i % len(notes)]},
        )
        for i in range(24)
    ]
    people = [
        Person(
            f"p{i}",
            "",
            party=[None, "active"][i % 2],
            mobility=[None, "normal"][i // 2 % 2],
            attributes={"note": notes[i % len(notes)]} if i % 3 else {},
        )
        for i in range(40)
    ]
    roles = ["secretary", "member", "committee_member", "chair"]
    posts = [
        Post(
            f"s-{role}-{o}-{k}",
            f"p{k}",
            o,
            role,
            attributes={"building": notes[k % len(notes)]} if k % 2 else {},
        )
        for role in roles
        for o in where
        for k in range(8)
    ]
    return Structure(
        units=units,
        organizations=orgs,
        people=people,
        posts=posts,
        metadata=Metadata(name="plain"),
    )


@pytest.mark.parametrize("fmt", ["turtle", "json-ld"])
def test_fast_keys_tell_apart_what_the_shapes_do(fmt: str) -> None:
    s = _plain_lookalikes()
    assert org._plain_ids(s)
    assert org._plain_texts(s)
    assert written(s, fmt) == reference(s, fmt)


@pytest.mark.parametrize("fmt", ["turtle", "json-ld"])
def test_ids_and_names_are_checked_plain_a_block_at_a_time(fmt: str) -> None:
    # blocks of org._CHUNK entities: in the second block of people, one id to encode; in
    # the first block of posts, one that refers to it; in the first block of people, a
    # name to escape; the other blocks are plain
    n = org._CHUNK + 100
    odd = org._CHUNK + 50
    people = [
        Person(
            f"p{i}" if i != odd else "p 50",
            ("" if i > 9 else f"n{i}") if i != 7 else 'say "hi"',
            party="active",
        )
        for i in range(n)
    ]
    posts = [Post(f"s{i}", people[i].id, "rc", "member") for i in range(n)]
    posts[10] = Post("s10", "p 50", "rc", "member")
    s = Structure(
        organizations=[Organization("rc", "residents_committee", "")],
        people=people,
        posts=posts,
        metadata=Metadata(name="blocks"),
    )
    assert not org._plain_ids(s)
    assert written(s, fmt) == reference(s, fmt)


def test_the_bundled_datasets_write_the_text_of_their_nodes() -> None:
    for name in govmodel.datasets.names():
        s = govmodel.datasets.load(name)
        for fmt in ("turtle", "json-ld"):
            assert written(s, fmt) == reference(s, fmt), (name, fmt)


def _lookalikes() -> Structure:
    """Entities that differ only in what they refer to: the party-ness of the leader, the
    length of the chain of leaders (a cycle, a chain longer than the closure), the name of
    the organization of a post's org:Post, or whether that organization is described."""
    orgs = [
        Organization("pc", "community_party_committee", ""),
        Organization("rc", "residents_committee", ""),
        Organization("b1", "compound_party_branch", "", parent="pc"),
        Organization("b2", "compound_party_branch", "", parent="rc"),
        Organization("b3", "compound_party_branch", "", parent="pc"),
        Organization("b4", "compound_party_branch", "", parent="rc"),
        Organization("x1", "compound_party_branch", "", parent="x2"),
        Organization("x2", "compound_party_branch", "", parent="x1"),
        Organization("b5", "compound_party_branch", "", parent="b5"),
        Organization("named", "residents_committee", "Named"),
    ]
    chain = [
        Organization(f"k{i}", "residents_committee", "", parent=f"k{i - 1}") for i in range(20)
    ]
    people = [Person(f"p{i}", "") for i in range(8)]
    posts = [
        Post(f"s{i}", f"p{i}", organization, "secretary")
        for i, organization in enumerate(["named", "rc", "named", "nowhere", "pc", "rc"])
    ]
    return Structure(
        organizations=[*orgs, *reversed(chain), *chain],
        people=people,
        posts=posts,
        metadata=Metadata(name="lookalikes"),
    )


@pytest.mark.parametrize("fmt", ["turtle", "json-ld"])
def test_lookalikes_get_their_own_templates(fmt: str) -> None:
    s = _lookalikes()
    assert written(s, fmt) == reference(s, fmt)


@pytest.mark.parametrize(
    ("ident", "plain"),
    [
        ("a", True),
        ("9-_", True),
        ("_x-y", True),
        ("", False),
        ("-a", False),
        ("a\nb", False),
        ("a b", False),
        ("é", False),
        ("a/b", False),
        ("a\n", False),
    ],
)
@pytest.mark.parametrize("where", ["organization id", "parent", "person", "post organization"])
def test_which_ids_are_plain(ident: str, plain: bool, where: str) -> None:
    s = Structure(
        units=[Unit("u1", "compound", "", parent=ident if where == "parent" else "u0")],
        people=[Person(ident if where == "person" else "p1", "")],
        posts=[Post("x", "p1", ident if where == "post organization" else "o", "member")],
        organizations=[
            Organization(ident if where == "organization id" else "o", "residents_committee", "")
        ],
    )
    assert org._plain_ids(s) is plain
    assert org._plain_ids(s) is (org._LOCAL.match(ident) is not None)
    for fmt in ("turtle", "json-ld"):
        assert written(s, fmt) == reference(s, fmt)


def _own_shapes(n: int) -> Structure:
    """Units, organizations, people and posts, each with an attribute of a name of its own
    (a shape met once) but for every tenth, which share one."""
    name = lambda i: "shared" if i % 10 == 0 else f"k{i}"  # noqa: E731
    units = [Unit("c", "community", "C")]
    units += [Unit(f"u{i}", "compound", "", "c", {name(i): i}) for i in range(n)]
    orgs = [
        Organization(f"o{i}", "residents_committee", "", unit="c", attributes={name(i): "v&"})
        for i in range(n)
    ]
    people = [Person(f"p{i}", "", attributes={name(i): 1.5}) for i in range(n)]
    posts = [
        Post(f"s{i}", f"p{i}", f"o{i}", "member", attributes={name(i): True}) for i in range(n)
    ]
    return Structure(units=units, organizations=orgs, people=people, posts=posts)


@pytest.mark.parametrize("fmt", ["turtle", "json-ld"])
def test_a_shape_met_once_gets_no_template(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Of 300 entities of each section, 270 have a shape of their own and are written from
    their nodes; the template of a shape is made for its second entity, so the shared
    shape (and the community's) get one, and the text is the nodes' text all the same."""
    made: list[str] = []
    template = org._template

    def counted(nodes: Any, section: str, *args: Any, **kwargs: Any) -> Any:
        made.append(section)
        return template(nodes, section, *args, **kwargs)

    monkeypatch.setattr(org, "_template", counted)
    s = _own_shapes(300)
    assert written(s, fmt) == reference(s, fmt)
    assert sorted(set(made)) == ["organizations", "people", "posts", "units"]
    assert len(made) <= 8, made
