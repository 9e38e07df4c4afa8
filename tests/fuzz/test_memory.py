"""Hostile inputs never take unbounded memory: the peak stays under 50 × the input + 5 MB.

Measured with :mod:`tracemalloc` (which slows Python down, so the inputs are small; the
ratios are those of large files). YAML is left out: PyYAML's pure-Python composer takes
~60-100 times the file at peak and reads ~250 kB/s (see docs/guide/reliability.md).
"""

from __future__ import annotations

import json
import tracemalloc
import warnings
from collections.abc import Callable

import pytest

import govmodel
from govmodel import GovModelError, Limits, SpecError, Structure
from govmodel.io import graphfiles, native, popolo
from govmodel.spec import Organization, Person, Post, Unit

FACTOR = 50
CONSTANT = 5_000_000


def peak_of(fn: Callable[[], object]) -> tuple[int, object]:
    """The peak of traced memory while ``fn`` runs, and what it returned or raised."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tracemalloc.start()
        try:
            try:
                result: object = fn()
            except GovModelError as exc:
                result = exc
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    return peak, result


def assert_bounded(data: str | bytes, fn: Callable[[], object]) -> object:
    peak, result = peak_of(fn)
    bound = FACTOR * len(data) + CONSTANT
    assert peak < bound, f"peak {peak:,} bytes for {len(data):,} bytes of input"
    return result


def _wide(n: int) -> Structure:
    units = [Unit("c", "community")] + [
        Unit(f"x{i}", "compound", f"小区{i}", "c", {"households": i}) for i in range(n)
    ]
    orgs = [Organization(f"o{i}", "owners_committee", unit=f"x{i}") for i in range(n)]
    people = [Person(f"p{i}", f"人{i}") for i in range(n)]
    posts = [Post(f"po{i}", f"p{i}", f"o{i}", "chair") for i in range(n)]
    return Structure(units=units, organizations=orgs, people=people, posts=posts)


READERS: dict[str, tuple[Callable[[str | bytes], object], Callable[[Structure], str | bytes]]] = {
    "json": (govmodel.loads, native.dumps),
    "popolo": (
        lambda d: popolo.import_popolo(d, report=[]),
        lambda s: json.dumps(popolo.to_popolo(s), ensure_ascii=False),
    ),
    "graphml": (graphfiles.import_graphml, graphfiles.export_graphml),
    "gexf": (graphfiles.import_gexf, graphfiles.export_gexf),
    "node-link": (graphfiles.import_node_link, graphfiles.export_node_link),
}


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_a_valid_file_takes_bounded_memory(fmt: str) -> None:
    read, write = READERS[fmt]
    s = _wide(400)
    data = write(s)
    assert assert_bounded(data, lambda: read(data)) == s


HOSTILE_JSON: dict[str, str] = {
    "deep": "[" * 200_000 + "]" * 200_000,
    "long string": json.dumps(
        {"format_version": 1, "units": [{"id": "a", "kind": "compound", "name": "x" * 2_000_000}]}
    ),
    "long key": json.dumps({"format_version": 1, "k" * 1_000_000: 1}),
    "many attributes": json.dumps(
        {"format_version": 1, "metadata": {"attributes": {f"k{i}": i for i in range(20_000)}}}
    ),
    "huge numbers": '{"format_version": 1, "metadata": {"seed": ' + "9" * 4000 + "}}",
    "many empty lists": '{"format_version": 1, "vocabulary": []' + ', "x": []' * 1 + "}",
    "long list of nulls": '{"format_version": 1, "x": [' + ",".join(["null"] * 100_000) + "]}",
}


@pytest.mark.parametrize("case", sorted(HOSTILE_JSON))
def test_hostile_json_takes_bounded_memory(case: str) -> None:
    text = HOSTILE_JSON[case]
    result = assert_bounded(text, lambda: govmodel.loads(text))
    assert isinstance(result, GovModelError | Structure)


def test_hostile_graphml_takes_bounded_memory() -> None:
    head = (
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        '<key id="d0" for="node" attr.name="name" attr.type="string"/>'
        '<key id="d1" for="node" attr.name="entity" attr.type="string"/>'
        '<key id="d2" for="node" attr.name="kind" attr.type="string"/>'
        '<graph edgedefault="directed">'
    )
    for body in (
        '<node id="a"><data key="d0">' + "x" * 2_000_000 + "</data></node>",
        "<node id='a'>" + "<x>" * 50_000 + "</x>" * 50_000 + "</node>",
        "".join(
            f'<node id="n{i}"><data key="d1">unit</data><data key="d2">compound</data></node>'
            for i in range(5000)
        ),
    ):
        text = head + body + "</graph></graphml>"
        assert_bounded(text, lambda text=text: graphfiles.import_graphml(text))


@pytest.mark.parametrize("fmt", ["json", "popolo"])
def test_many_bad_entities_take_bounded_memory(fmt: str) -> None:
    n = 30_000
    if fmt == "json":
        text = '{"format_version": 1, "units": [' + ",".join(["1"] * n) + "]}"
        read: Callable[[], object] = lambda: govmodel.loads(text)  # noqa: E731
    else:
        text = '{"persons": [' + ",".join(["1"] * n) + "]}"
        read = lambda: popolo.import_popolo(text, report=[])  # noqa: E731
    result = assert_bounded(text, read)
    assert isinstance(result, SpecError)
    assert len(str(result)) < 100 * len(text)
    assert len(result.problems) == Limits().max_problems + 1
    assert result.problems[-1].code == "too-many-problems"
