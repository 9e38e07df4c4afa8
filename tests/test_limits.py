"""Limits: hostile files are refused quickly, early, with a SpecError that names the limit.

:class:`govmodel.Limits` bounds the size of a file (``max_bytes``), the nesting of its
containers (``max_depth``), the entities of a section (``max_entities``) and the length of a
string (``max_string``). Each is checked here against every importer that reads files:
govmodel's JSON and YAML, Popolo, GraphML, GEXF and node-link JSON. Entity expansion in
YAML (aliases) and XML (document type declarations) and XML external entities are refused
outright.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govmodel
from govmodel import Limits, SpecError, Structure
from govmodel._convert import json_too_deep, value_too_deep
from govmodel.io import graphfiles, native, popolo
from govmodel.spec import Organization, Person, Unit

pytest.importorskip("yaml")
pytest.importorskip("defusedxml")

QUICK = 5.0  # seconds: "refused quickly"

Reader = Callable[..., Structure]

SMALL = Structure(
    units=[Unit("c1", "community", "青山"), Unit("x1", "compound", parent="c1")],
    organizations=[Organization("o1", "owners_committee", unit="x1")],
    people=[Person("p1", "李")],
)


def _popolo(data: str | bytes, *, limits: Limits | None = None) -> Structure:
    return popolo.import_popolo(data, report=[], limits=limits)


def _yaml(data: str | bytes, *, limits: Limits | None = None) -> Structure:
    return native.loads(data, format="yaml", limits=limits)


def _json(data: str | bytes, *, limits: Limits | None = None) -> Structure:
    return native.loads(data, format="json", limits=limits)


#: name → (reader, writer of a valid file of a structure)
READERS: dict[str, tuple[Reader, Callable[[Structure], str | bytes]]] = {
    "json": (_json, native.dumps),
    "yaml": (_yaml, lambda s: native.dumps(s, format="yaml")),
    "popolo": (_popolo, lambda s: json.dumps(popolo.to_popolo(s), ensure_ascii=False)),
    "graphml": (graphfiles.import_graphml, graphfiles.export_graphml),
    "gexf": (graphfiles.import_gexf, graphfiles.export_gexf),
    "node-link": (graphfiles.import_node_link, graphfiles.export_node_link),
}
GRAPH_FORMATS = ("graphml", "gexf", "node-link")


def refused(read: Callable[[], object], code: str | None = None) -> SpecError:
    """Call ``read``; it must raise a SpecError (with ``code``) within :data:`QUICK` seconds."""
    started = time.perf_counter()
    with pytest.raises(SpecError) as info:
        read()
    elapsed = time.perf_counter() - started
    assert elapsed < QUICK, f"took {elapsed:.1f} s"
    if code is not None:
        assert code in info.value.codes, info.value.codes
    return info.value


def names_the_limit(exc: SpecError, limit: str) -> bool:
    """Whether the message names the limit and says how to raise it."""
    text = str(exc)
    return limit in text and f"Limits({limit}=" in text


# -- max_depth ---------------------------------------------------------------------------------


def test_a_200k_deep_json_is_refused_quickly() -> None:
    text = "[" * 200_000 + "]" * 200_000
    refused(lambda: govmodel.loads(text), "too-deep")
    refused(lambda: govmodel.loads('{"format_version": 1, "metadata": ' + text + "}"), "too-deep")
    for fmt in ("popolo", "node-link"):
        refused(lambda fmt=fmt: READERS[fmt][0](text), "too-deep")


def test_a_deep_yaml_is_refused_quickly() -> None:
    refused(lambda: _yaml("[" * 200_000 + "]" * 200_000), "too-deep")
    refused(lambda: _yaml("".join(" " * i + "k:\n" for i in range(1500))), "too-deep")


def test_deep_xml_is_refused_or_read_quickly() -> None:
    deep = "<x>" * 100_000 + "</x>" * 100_000
    for fmt, root in (("graphml", "graphml"), ("gexf", "gexf")):
        text = f'<{root}><graph edgedefault="directed"><node id="a">{deep}</node></graph></{root}>'
        refused(lambda fmt=fmt, text=text: READERS[fmt][0](text))


def test_too_deep_names_the_limit() -> None:
    exc = refused(lambda: govmodel.loads("[" * 200_000 + "]" * 200_000), "too-deep")
    assert names_the_limit(exc, "max_depth"), str(exc)


@pytest.mark.parametrize("fmt", ["json", "yaml", "popolo", "node-link"])
def test_max_depth_is_enforced_while_parsing(fmt: str) -> None:
    nested = "[" * 40 + "]" * 40  # deeper than the default max_depth of 32
    text = '{"format_version": 1, "units": ' + nested + "}"
    if fmt == "popolo":
        text = '{"persons": ' + nested + "}"
    elif fmt == "node-link":
        text = '{"nodes": [], "graph": ' + nested + "}"
    exc = refused(lambda: READERS[fmt][0](text), "too-deep")
    assert names_the_limit(exc, "max_depth")
    # and raising the limit lets the parser through (to the next problem)
    with pytest.raises(SpecError) as info:
        READERS[fmt][0](text, limits=Limits(max_depth=64))
    assert "too-deep" not in info.value.codes


# -- entity expansion and external entities ---------------------------------------------------


def test_yaml_billion_laughs_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    text = "format_version: 1\n" + "\n".join(lines) + "\nunits: *a9\n"
    tracemalloc.start()
    try:
        exc = refused(lambda: _yaml(text), "invalid-yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "aliases are not allowed" in str(exc)
    assert peak < 20_000_000


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<{root}><graph edgedefault="directed"><node id="&lol9;"/></graph></{root}>"""


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_billion_laughs_is_refused_quickly(fmt: str) -> None:
    text = BILLION_LAUGHS.format(root=fmt)
    tracemalloc.start()
    try:
        for data in (text, text.encode("utf-8")):
            refused(lambda data=data: READERS[fmt][0](data), "unsafe-xml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
@pytest.mark.parametrize("kind", ["entity", "parameter-entity", "dtd", "xinclude"])
def test_xml_external_entities_are_never_fetched(fmt: str, kind: str, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER", encoding="utf-8")
    uri = secret.as_uri()
    doctype = {
        "entity": f'<!DOCTYPE g [<!ENTITY s SYSTEM "{uri}">]>',
        "parameter-entity": f'<!DOCTYPE g [<!ENTITY % s SYSTEM "{uri}"> %s;]>',
        "dtd": f'<!DOCTYPE {fmt} SYSTEM "{uri}">',
        "xinclude": "",
    }[kind]
    body = (
        f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{uri}" parse="text"/>'
        if kind == "xinclude"
        else "&s;"
        if kind == "entity"
        else ""
    )
    text = (
        f'<?xml version="1.0"?>{doctype}<{fmt}><graph edgedefault="directed">'
        f'<node id="n">{body}</node></graph></{fmt}>'
    )
    with pytest.raises(SpecError) as info:
        READERS[fmt][0](text)
    assert "TOP-SECRET-MARKER" not in str(info.value)
    if kind != "xinclude":
        assert info.value.codes == ("unsafe-xml",)


# -- max_bytes ---------------------------------------------------------------------------------


def test_a_file_over_max_bytes_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "huge.json"
    with open(big, "wb") as f:  # a sparse file: 3 GiB that take no disk and no time
        f.truncate(3 << 30)
    tracemalloc.start()
    try:
        exc = refused(lambda: govmodel.load(big), "too-large")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000, "the file was read"
    assert names_the_limit(exc, "max_bytes")
    assert str(big) in str(exc)


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_text_over_max_bytes_is_refused(fmt: str) -> None:
    read, write = READERS[fmt]
    data = write(SMALL)
    limits = Limits(max_bytes=len(data) // 2)
    refused(lambda: read(data, limits=limits), "too-large")
    assert read(data, limits=Limits(max_bytes=len(data) * 4)) == SMALL


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_too_large_names_the_limit(fmt: str) -> None:
    read, write = READERS[fmt]
    data = write(SMALL)
    exc = refused(lambda: read(data, limits=Limits(max_bytes=10)), "too-large")
    assert names_the_limit(exc, "max_bytes"), str(exc)


def test_max_bytes_counts_bytes_of_text() -> None:
    text = native.dumps(Structure(units=[Unit("c1", "community", "社" * 200)]))
    limit = len(text) + 10  # more characters than the text has, fewer bytes
    assert len(text.encode("utf-8")) > limit
    refused(lambda: govmodel.loads(text, limits=Limits(max_bytes=limit)), "too-large")


# -- max_string --------------------------------------------------------------------------------


def _long_name(n: int) -> Structure:
    return Structure(units=[Unit("c1", "community", "x" * n)])


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_a_string_over_max_string_is_refused(fmt: str) -> None:
    read, write = READERS[fmt]
    data = write(_long_name(200_000))
    exc = refused(lambda: read(data), "string-too-long")
    assert any(p.path.endswith(("name", "units[0].name")) for p in exc.problems)
    assert read(data, limits=Limits(max_string=300_000)) == _long_name(200_000)


def test_string_too_long_names_the_limit() -> None:
    exc = refused(lambda: govmodel.loads(native.dumps(_long_name(200_000))), "string-too-long")
    assert names_the_limit(exc, "max_string"), str(exc)


def test_string_limit_covers_attribute_names_and_values() -> None:
    for attributes in ({"k" * 100_001: 1}, {"k": "v" * 100_001}):
        s = Structure(units=[Unit("c1", "community", attributes=attributes)])
        refused(lambda s=s: govmodel.loads(native.dumps(s)), "string-too-long")


# -- max_entities ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_too_many_entities_are_refused(fmt: str) -> None:
    read, write = READERS[fmt]
    s = Structure(people=[Person(f"p{i}") for i in range(50)])
    data = write(s)
    exc = refused(lambda: read(data, limits=Limits(max_entities=10)), "too-many-entities")
    assert names_the_limit(exc, "max_entities"), str(exc)
    assert read(data, limits=Limits(max_entities=50)) == s


# -- the limits themselves -----------------------------------------------------------------------


def test_default_limits_are_finite_and_positive() -> None:
    limits = Limits()
    for name in ("max_bytes", "max_depth", "max_entities", "max_string"):
        value = getattr(limits, name)
        assert isinstance(value, int)
        assert 0 < value < 2**40, name
    assert limits.max_depth <= 256
    assert limits.max_string <= 10_000_000
    assert "max_bytes=" in repr(limits)


def test_many_distinct_limits_do_not_leak() -> None:
    text = native.dumps(SMALL)
    for i in range(3):  # warm up
        govmodel.loads(text, limits=Limits(max_string=1_000_000 + i))
    gc.collect()
    before = sys.getallocatedblocks()
    for i in range(40):
        govmodel.loads(text, limits=Limits(max_string=2_000_000 + i))
    gc.collect()
    retained = sys.getallocatedblocks() - before
    # one load retains nothing; a converter per limit retains ~600 blocks
    assert retained < 2_000, f"{retained:,} memory blocks retained by 40 loads"


def test_limits_reach_the_loaders_from_a_path(tmp_path: Path) -> None:
    p = tmp_path / "s.yaml"
    govmodel.dump(_long_name(200), p)
    refused(lambda: govmodel.load(p, limits=Limits(max_string=100)), "string-too-long")
    refused(lambda: govmodel.load(p, limits=Limits(max_bytes=20)), "too-large")
    assert govmodel.load(p) == _long_name(200)
    assert os.path.getsize(p) > 20


# -- measuring depth -----------------------------------------------------------------------------

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ab\n'),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(alphabet='[]{}"\\ab', max_size=4), inner, max_size=3)
    ),
    max_leaves=20,
)


def _depth(value: object) -> int:
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    return 0


@given(_json_values, st.integers(0, 8), st.booleans(), st.booleans())
def test_depth_of_json_text_is_measured_exactly(
    value: object, limit: int, ascii_only: bool, as_bytes: bool
) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only, indent=1 if as_bytes else None)
    expected = _depth(value) > limit
    assert json_too_deep(text.encode() if as_bytes else text, limit) is expected
    assert value_too_deep(value, limit) is expected


def test_depth_limit_applies_inside_graph_attributes() -> None:
    s = SMALL
    G = govmodel.to_graph(s)
    G.graph["metadata"] = '{"attributes": {"a": ' + "[" * 40 + "]" * 40 + "}}"
    with pytest.raises(SpecError) as info:
        govmodel.from_graph(G)
    assert info.value.codes == ("too-deep",)
    assert names_the_limit(info.value, "max_depth")
    with pytest.raises(SpecError) as info:
        govmodel.from_graph(G, limits=Limits(max_depth=64))
    assert "too-deep" not in info.value.codes  # read, then refused for what it holds


# -- max_problems --------------------------------------------------------------------------------


def _dangling(n: int) -> Structure:
    return Structure(units=[Unit(f"x{i}", "compound", parent=f"nowhere{i}") for i in range(n)])


def test_check_stops_after_max_problems() -> None:
    from govmodel.validate import check

    assert len(check(_dangling(50), max_problems=50)) == 50
    found = check(_dangling(51), max_problems=50)
    assert [p.code for p in found[:50]] == ["dangling-reference"] * 50
    assert found[50].code == "too-many-problems"
    assert len(found) == 51
    assert check(_dangling(3000))[-1].code == "too-many-problems"
    assert len(check(_dangling(3000))) == Limits().max_problems + 1


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_loading_lists_max_problems_and_says_how_to_see_more(fmt: str) -> None:
    text = native.dumps(_dangling(30), format=fmt)  # type: ignore[arg-type]
    exc = refused(lambda: READERS[fmt][0](text, limits=Limits(max_problems=10)))
    assert len(exc.problems) == 11
    assert exc.codes[-1] == "too-many-problems"
    assert names_the_limit(exc, "max_problems")
    exc = refused(lambda: READERS[fmt][0](text, limits=Limits(max_problems=30)))
    assert exc.codes == ("dangling-reference",) * 30


def test_structuring_problems_are_capped_too() -> None:
    text = json.dumps({"format_version": 1, "people": [{"id": i} for i in range(40)]})
    exc = refused(lambda: govmodel.loads(text, limits=Limits(max_problems=25)))
    assert exc.codes == ("wrong-type",) * 25 + ("too-many-problems",)
    text = json.dumps(
        {"format_version": 1, "units": [{"id": "c", "kind": "community", "attributes": {}}]}
    )
    many = {f"k{i}": [i] for i in range(5000)}  # 5000 bad attribute values in one entity
    text = text.replace('"attributes": {}', '"attributes": ' + json.dumps(many))
    exc = refused(lambda: govmodel.loads(text))
    assert len(exc.problems) == Limits().max_problems + 1
    assert exc.codes[-1] == "too-many-problems"


def test_popolo_caps_its_errors_and_its_warnings() -> None:
    doc = {"persons": [{"id": f"p{i}", "name": "x", "email": "x@example.org"} for i in range(30)]}
    report: list[govmodel.Problem] = []
    popolo.from_popolo(doc, report=report, limits=Limits(max_problems=10))
    assert [p.code for p in report] == ["ignored-field"] * 10 + ["too-many-problems"]
    assert all(p.severity == "warning" for p in report)
    bad = json.dumps({"persons": [1] * 30})
    exc = refused(lambda: popolo.import_popolo(bad, report=[], limits=Limits(max_problems=10)))
    assert len(exc.problems) == 11
    assert exc.codes[-1] == "too-many-problems"


# -- issue 14: limits every reader keeps --------------------------------------------------------


def _bad_people_graph(n: int) -> Structure:
    """A structure whose graph files hold ``n`` problems (a person with a reserved attribute
    name written as a user attribute is fine; people whose ids collide are not)."""
    return Structure(people=[Person(f"p{i}", attributes={"x": i}) for i in range(n)])


@pytest.mark.parametrize("fmt", GRAPH_FORMATS)
def test_graph_importers_cap_their_problems_at_max_problems(fmt: str) -> None:
    read, write = READERS[fmt]
    data = write(_bad_people_graph(40))
    # every person node loses its entity: 40 unknown-entity problems
    if isinstance(data, bytes):
        bad: str | bytes = data.replace(b">person<", b">nobody<").replace(
            b'value="person"', b'value="nobody"'
        )
    else:
        bad = data.replace('"entity": "person"', '"entity": "nobody"')
    assert bad != data
    exc = refused(lambda: read(bad, limits=Limits(max_problems=10)))
    assert exc.codes == ("unknown-entity",) * 10 + ("too-many-problems",)
    assert names_the_limit(exc, "max_problems")


def test_from_graph_stops_reading_at_max_problems() -> None:
    import networkx as nx

    G = nx.MultiDiGraph()
    for i in range(5000):
        G.add_node(f"n{i}")  # no entity: one problem each
    exc = refused(lambda: govmodel.from_graph(G, limits=Limits(max_problems=7)))
    assert exc.codes == ("missing-field",) * 7 + ("too-many-problems",)
    assert len(refused(lambda: govmodel.from_graph(G)).problems) == Limits().max_problems + 1


def test_validate_takes_max_problems() -> None:
    exc = refused(lambda: govmodel.validate(_dangling(30), limits=Limits(max_problems=5)))
    assert exc.codes == ("dangling-reference",) * 5 + ("too-many-problems",)


def test_an_over_long_key_is_cut_in_paths_and_messages() -> None:
    key = "k" * 3_000_000
    text = json.dumps({"format_version": 1, "units": [{"id": "c", "kind": "community", key: 1}]})
    exc = refused(lambda: govmodel.loads(text))
    assert exc.codes == ("unknown-field",)
    assert len(str(exc)) < 1000
    assert "…(+2,999,920)" in exc.problems[0].path
    text = json.dumps(
        {"format_version": 1, "units": [{"id": "c", "kind": "community", "attributes": {key: 1}}]}
    )
    exc = refused(lambda: govmodel.loads(text))  # longer than max_string
    assert exc.codes == ("string-too-long",)
    assert len(str(exc)) < 1000


def test_an_over_long_key_is_cut_in_graph_paths() -> None:
    import networkx as nx

    key = "k" * 2_000_000
    G = nx.MultiDiGraph()
    G.add_node("p", entity="person", **{key: "x" * 200_000})
    exc = refused(lambda: govmodel.from_graph(G))
    assert len(str(exc)) < 1000, len(str(exc))
    G = nx.MultiDiGraph()
    G.add_node("p", entity="person", **{key: 1})
    exc = refused(lambda: govmodel.from_graph(G, limits=Limits(max_string=10)))
    assert len(str(exc)) < 1000


def test_validate_cuts_over_long_keys_and_ids() -> None:
    key = "k" * 1_000_000
    s = Structure(units=[Unit("x" * 1_000_000, "compound", parent="nowhere", attributes={key: 1})])
    exc = refused(lambda: govmodel.validate(s))
    assert len(str(exc)) < 2000, len(str(exc))


def test_a_device_that_never_ends_is_refused_at_max_bytes() -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    exc = refused(lambda: govmodel.load("/dev/zero", format="json", limits=Limits(max_bytes=10**6)))
    assert exc.codes == ("too-large",)
    assert names_the_limit(exc, "max_bytes")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_read_no_further_than_max_bytes(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    written = [0]
    stop = threading.Event()

    def writer() -> None:
        try:
            with open(fifo, "wb") as f:
                while not stop.is_set():
                    f.write(b" " * 65536)
                    written[0] += 65536
        except BrokenPipeError:
            pass

    t = threading.Thread(target=writer, daemon=True)
    t.start()
    try:
        exc = refused(lambda: govmodel.load(fifo, limits=Limits(max_bytes=200_000)))
    finally:
        stop.set()
    t.join(5)
    assert exc.codes == ("too-large",)
    assert str(fifo) in str(exc)
    # the same FIFO, within the limit, reads as a file
    t2 = threading.Thread(target=lambda: fifo.write_text(native.dumps(SMALL)), daemon=True)
    t2.start()
    assert govmodel.load(fifo) == SMALL
    t2.join(5)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_is_refused_while_parsing_once_max_entities_is_passed(fmt: str) -> None:
    read, write = READERS[fmt]
    data = write(Structure(people=[Person(f"p{i}") for i in range(50)]))
    assert isinstance(data, bytes)
    # Broken XML at the very end: only a reader that stops early never sees it.
    broken = data.rstrip() + b"<not closed"
    exc = refused(lambda: read(broken, limits=Limits(max_entities=10)))
    assert exc.codes == ("too-many-entities",)
    assert names_the_limit(exc, "max_entities")
    assert refused(lambda: read(broken)).codes == ("invalid-xml",)


def test_yaml_base_60_numbers_beyond_a_float_are_refused_before_computing() -> None:
    value = "1" + ":30" * 200_000
    text = f"format_version: 1\nunits:\n- {{id: c, kind: community, attributes: {{x: {value}}}}}\n"
    exc = refused(lambda: govmodel.loads(text, format="yaml"))
    assert exc.codes == ("number-out-of-range",)
    started = time.perf_counter()
    for _ in range(3):
        refused(lambda: govmodel.loads(text, format="yaml"))
    assert time.perf_counter() - started < 3 * QUICK
    # a base-60 number within range still reads as YAML 1.1 says
    ok = "format_version: 1\nunits:\n- {id: c, kind: community, attributes: {x: 1:30:00}}\n"
    assert govmodel.loads(ok, format="yaml").units[0].attributes["x"] == 5400


def test_deep_yaml_flow_collections_are_refused_while_scanning() -> None:
    text = "format_version: 1\nunits: " + "[" * 900 + "]" * 900 + "\n"
    exc = refused(lambda: govmodel.loads(text, format="yaml"))
    assert exc.codes == ("too-deep",)
    assert names_the_limit(exc, "max_depth")
    # the limit is the caller's: deeper flow collections pass when it is raised
    deep = "format_version: 1\nmetadata: {attributes: {x: 1}}\nunits: " + "[" * 40 + "]" * 40
    assert refused(lambda: govmodel.loads(deep, format="yaml")).codes == ("too-deep",)
    with pytest.raises(SpecError) as info:
        govmodel.loads(deep, format="yaml", limits=Limits(max_depth=100))
    assert "too-deep" not in info.value.codes


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("max_depth", "3", TypeError),
        ("max_depth", None, TypeError),
        ("max_depth", 1.5, TypeError),
        ("max_string", True, TypeError),
        ("max_depth", 0, ValueError),
        ("max_entities", -5, ValueError),
        ("max_problems", 0, ValueError),
    ],
)
def test_limits_refuse_what_is_no_limit(field: str, value: Any, error: type[Exception]) -> None:
    """A limit is a whole number of at least 1: anything else is the caller's mistake,
    refused when the limits are made, not blamed on a file read with them."""
    with pytest.raises(error, match=field):
        Limits(**{field: value})
    assert Limits(max_depth=1, max_problems=1).max_depth == 1
