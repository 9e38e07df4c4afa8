"""Complexity guards: every writer, model, classifier and the report stay linear.

Each test builds a worst-case-shaped input at a size ``n`` and at ``2 n`` and holds the
ratio of the entrance's times on them under 2.5 with
:func:`govmodel.testing.linear.assert_linear` (CPU time, best of several runs). Linear work
doubles; quadratic work quadruples.

The shapes (see :func:`shaped`):

* ``deep``: ``n`` compounds, and below the first a containment chain of ``n`` units (an
  unranked kind declared in the file's vocabulary may nest in itself, so the chain is
  valid), each with a party organization led by the one above it: deep containment and
  long leadership chains at once;
* ``long_strings``: ``n`` compounds whose names, attribute values and organization names
  are long;
* ``distinct``: ``n`` compounds, each with attribute names and values of its own, and
  organization kinds and indicators declared for each;
* ``distinct_values``: the same with two attribute names shared by all: the shape for
  tables, which have a column per attribute name, so that ``r`` rows of ``c`` distinct
  names are ``r * c`` cells (the size of the output, documented);
* ``wide``: two compounds, an organization and a post, each of ``n`` attributes, the
  compounds' of the same names but of values of two types (for the writers: rows of ``n``
  values, columns of mixed types).

The importers, loaders and ``validate`` have their guards beside their own tests
(:doc:`/guide/reliability` lists them all).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import govmodel
from govmodel.spec import (
    Metadata,
    Observation,
    Organization,
    Person,
    Post,
    Structure,
    Unit,
)
from govmodel.testing.linear import assert_linear
from govmodel.vocab import Term

#: Timed tests run on their own in CI, away from the parallel workers (see .ci/run).
pytestmark = pytest.mark.timing

SHAPES = ("deep", "long_strings", "distinct")
MODELS = ("tripartite", "grid", "council", "eight_roles", "four_level")


def shaped(shape: str, n: int) -> Structure:
    """A valid structure of ``n`` repetitions of a worst-case shape (see the module)."""
    units = [Unit("s", "street", "street"), Unit("c", "community", "community", "s")]
    orgs = [Organization("cpc", "community_party_committee", "committee", unit="c")]
    people: list[Person] = []
    posts: list[Post] = []
    observations: list[Observation] = []
    vocabulary: list[Term] = []
    if shape == "wide":  # two compounds, an organization and a post of n attributes each
        units.append(Unit("x", "compound", "x", "c", {f"a{i}": i for i in range(n)}))
        # the same names with values of another type: columns of mixed types
        units.append(Unit("y", "compound", "y", "c", {f"a{i}": f"{i}" for i in range(n)}))
        values = (1.5, "v&", True, "")
        attrs = {f"b{i}": values[i % 4] for i in range(n)}
        orgs.append(Organization("o", "owners_committee", "o", unit="x", attributes=attrs))
        people.append(Person("p", "p"))
        posts.append(Post("po", "p", "o", "chair", attributes={f"c{i}": str(i) for i in range(n)}))
    elif shape == "deep":
        vocabulary.append(Term("unit_kinds", "zone", "zone"))
        above, lead = "x0", "cpc"
        for i in range(n):
            units.append(Unit(f"x{i}", "compound", f"compound {i}", "c", {"households": 100 + i}))
            units.append(Unit(f"z{i}", "zone", f"zone {i}", above))
            orgs.append(
                Organization(f"g{i}", "party_branch", f"branch {i}", parent=lead, unit=f"z{i}")
            )
            above, lead = f"z{i}", f"g{i}"
    else:
        long = shape == "long_strings"
        shared_keys = shape == "distinct_values"
        for i in range(n):
            text = f"{i}-" + "长" * 2000 if long else f"v{i}"
            attrs: dict[str, Any] = {"households": 100 + i, "built": 1990 + i % 30}
            if long:
                attrs["note"] = text
            else:
                attrs["a" if shared_keys else f"a{i}"] = text
                attrs["b" if shared_keys else f"b{i}"] = i / 7
            units.append(Unit(f"x{i}", "compound", text if long else f"x{i}", "c", attrs))
            kind = "owners_committee" if long else f"kind_{i}"
            if not long:
                vocabulary.append(Term("organization_kinds", kind, f"kind {i}", sector="social"))
                vocabulary.append(Term("indicators", f"ind_{i}", f"indicator {i}", type="count"))
                observations.append(Observation(f"ob{i}", f"x{i}", f"ind_{i}", i, "2020"))
            orgs.append(Organization(f"o{i}", kind, text if long else f"o{i}", unit=f"x{i}"))
            people.append(Person(f"p{i}", text if long else f"p{i}"))
            posts.append(Post(f"po{i}", f"p{i}", f"o{i}", "chair" if long else "member"))
    return Structure(
        units=units,
        organizations=orgs,
        people=people,
        posts=posts,
        observations=observations,
        vocabulary=vocabulary,
        metadata=Metadata(name=f"{shape}-{n}", model=("four_level",)),
    )


def _structure(shape: str) -> Callable[[int], Structure]:
    return lambda n: shaped(shape, n)


def test_the_shapes_are_valid() -> None:
    for shape in (*SHAPES, "distinct_values", "wide"):
        govmodel.validate(shaped(shape, 20))


# -- exporters --------------------------------------------------------------------------------


def _exporter(fmt: str, folder: Path) -> Callable[[Structure], object]:
    if fmt in STREAMED:
        # written to a file, a batch at a time, as at scale: holding a document of tens of
        # megabytes would time the allocator (whether a block is fresh or reused) instead
        out = folder / f"out.{fmt}"
        return lambda s: govmodel.io.export(s, fmt, out)
    return lambda s: govmodel.io.export(s, fmt)


#: The formats whose writers stream to a path.
STREAMED = frozenset({"graphml", "gexf", "node-link", "popolo", "org-jsonld", "org-turtle"})


#: n for each format and shape, so that one run at n takes some 15-40 ms
EXPORTS = {
    "json": {"deep": 3000, "long_strings": 200, "distinct": 1500, "wide": 80000},
    "yaml": {"deep": 50, "long_strings": 8, "distinct": 20, "wide": 300},
    # the streaming writers are fast: sizes at which a run takes tens of milliseconds, so
    # that neither the clock nor the allocator's state decides the ratio
    "graphml": {"deep": 3000, "long_strings": 1000, "distinct": 500, "wide": 4000},
    "gexf": {"deep": 3000, "long_strings": 750, "distinct": 400, "wide": 4000},
    "node-link": {"deep": 4000, "long_strings": 1000, "distinct": 2000, "wide": 12000},
    "cytoscape": {"deep": 250, "long_strings": 175, "distinct": 150, "wide": 6000},
    "popolo": {"deep": 8000, "long_strings": 275, "distinct": 2500, "wide": 40000},
    "org-jsonld": {"deep": 1500, "long_strings": 400, "distinct": 1000, "wide": 6000},
    "org-turtle": {"deep": 1200, "long_strings": 300, "distinct": 800, "wide": 2500},
}


@pytest.mark.parametrize("shape", [*SHAPES, "wide"])
@pytest.mark.parametrize("fmt", list(EXPORTS))
def test_exporters_are_linear(
    fmt: str, shape: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the writer's time, not the disk's: flushing tens of megabytes to the disk takes what
    # the other writers on the machine leave (the atomic writes still flush everywhere else)
    monkeypatch.setattr(os, "fsync", lambda fd: None)
    if fmt.startswith("org"):
        pytest.importorskip("rdflib")
    if fmt == "yaml":
        pytest.importorskip("yaml")
    assert_linear(_structure(shape), _exporter(fmt, tmp_path), EXPORTS[fmt][shape])


@pytest.mark.parametrize("shape", ["deep", "long_strings", "distinct_values"])
def test_frames_and_csv_are_linear(shape: str, tmp_path: Path) -> None:
    pytest.importorskip("pandas")
    from govmodel.io.frames import from_frames, to_frames, write_csv

    def run(s: Structure) -> None:
        write_csv(s, tmp_path / "n.csv", tmp_path / "e.csv")
        from_frames(*to_frames(s, safe=True), safe=True)

    assert_linear(_structure(shape), run, 60)


def test_the_frames_importers_are_linear_in_their_problems() -> None:
    pd = pytest.importorskip("pandas")
    from govmodel.io.frames import from_frames, structure_from_table

    def nodes(n: int) -> Any:
        index = pd.Index([f"u{i}" for i in range(n)], name="id")
        return pd.DataFrame({"entity": ["unit"] * n}, index=index)  # no kinds

    def run_frames(frame: Any) -> None:
        with pytest.raises(govmodel.SpecError):
            from_frames(frame, pd.DataFrame({"source": [], "target": []}))

    assert_linear(nodes, run_frames, 1000)

    def table(n: int) -> Any:
        return pd.DataFrame(
            {"id": [f"x{i}" for i in range(n)], "kind": ["小区"] * n, "households": [-1] * n}
        )

    def run_table(t: Any) -> None:
        with pytest.raises(govmodel.SpecError):
            structure_from_table(t, id="id", kind="kind")

    assert_linear(table, run_table, 1000)


# -- models, classifiers, report --------------------------------------------------------------


#: n for each model and shape (some 15-40 ms at n)
ASSESS = {
    "tripartite": {"deep": 250, "long_strings": 175, "distinct": 150},
    "grid": {"deep": 250, "long_strings": 250, "distinct": 250},
    "council": {"deep": 700, "long_strings": 900, "distinct": 1000},
    "eight_roles": {"deep": 2000, "long_strings": 2000, "distinct": 2000},
    "four_level": {"deep": 300, "long_strings": 250, "distinct": 300},
}
#: n for each classifier (the same for every shape)
CLASSIFY = {
    "compound_type": 600,
    "management_mode": 500,
    "tripartite": 400,
    "four_haves": 500,
    "network_mode": 500,
}


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("model", MODELS)
def test_assess_is_linear(model: str, shape: str) -> None:
    assert_linear(_structure(shape), lambda s: govmodel.assess(s, model), ASSESS[model][shape])


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("name", list(CLASSIFY))
def test_classifiers_are_linear(name: str, shape: str) -> None:
    from govmodel.classify import classify

    assert_linear(
        lambda n: govmodel.to_graph(shaped(shape, n)),
        lambda G: classify(G, [name]),
        CLASSIFY[name],
    )


@pytest.mark.parametrize("shape", SHAPES)
def test_report_is_linear(shape: str, tmp_path: Path) -> None:
    from govmodel.cli import main

    def make(n: int) -> Path:
        p = tmp_path / f"{shape}-{n}.json"
        govmodel.dump(shaped(shape, n), p)
        return p

    def run(p: Path) -> None:
        for fmt in ("text", "json"):
            main(["report", str(p), "--format", fmt], stdout=io.StringIO())

    assert_linear(make, run, 60)
