"""The same input gives byte-identical output, whatever the run and the Python hash seed.

A child process computes, for every bundled dataset: ``dumps`` (JSON and YAML), every export
format that exists, and ``assess(...).to_json/to_markdown/to_text/to_html`` for every
registered model (and ``compare``); and the structures of the synthetic generators from
their seeds. It prints a SHA-256 of each output. The children run under
``PYTHONHASHSEED`` 0, 1, 2 and ``random``, and every digest must agree (and agree with
this process's).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor

import pytest

CHILD = textwrap.dedent(
    """
    import hashlib, json, sys, warnings
    warnings.simplefilter("ignore")
    import govmodel
    from govmodel import synth
    from govmodel.io import graphfiles, native, popolo

    out = {}

    def put(key, value):
        data = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
        out[key] = hashlib.sha256(data).hexdigest()

    exporters = {
        "json": native.dumps,
        "yaml": lambda s: native.dumps(s, format="yaml"),
        "graphml": graphfiles.export_graphml,
        "gexf": graphfiles.export_gexf,
        "node-link": graphfiles.export_node_link,
        "cytoscape": graphfiles.export_cytoscape,
        "popolo": popolo.export_popolo,
    }
    try:
        import rdflib  # noqa: F401
        from govmodel.io import org
        exporters["org-jsonld"] = org.export_org_jsonld
        exporters["org-turtle"] = org.export_org_turtle
    except ImportError:
        pass
    try:
        from govmodel.io import frames
        import pandas  # noqa: F401

        def _frames(s):
            nodes, edges = frames.to_frames(s)
            return nodes.to_csv() + edges.to_csv()

        exporters["frames-csv"] = _frames
    except ImportError:
        pass

    models = govmodel.models.names()
    for name in govmodel.datasets.names():
        s = govmodel.datasets.load(name)
        for fmt, export in exporters.items():
            put(f"{name}/{fmt}", export(s))
        for m in models:
            a = govmodel.assess(s, m)
            put(f"{name}/assess/{m}/json", a.to_json())
            put(f"{name}/assess/{m}/json-zh", a.to_json("zh"))
            put(f"{name}/assess/{m}/markdown", a.to_markdown())
            put(f"{name}/assess/{m}/text", a.to_text())
            put(f"{name}/assess/{m}/html", a.to_html())
        put(f"{name}/compare", govmodel.compare(s).to_json())
        put(f"{name}/graph", json.dumps(
            [list(map(str, e)) for e in govmodel.to_graph(s).edges(keys=True, data=True)]
        ))
    for preset in ("xihu", "jinfeng", "chengdu", "changsha", "yuetang", "district"):
        for seed in (0, 7):
            s = synth.district(30, seed=seed, preset=preset)
            put(f"synth/{preset}/{seed}", native.dumps(s))
    put("synth/city", native.dumps(synth.city(seed=11, districts=2, compounds=40)))
    put("synth/households", native.dumps(
        synth.district(8, seed=5, preset="yuetang", households_as_units=True)
    ))
    print(json.dumps({"models": list(models), "digests": out}))
    """
)

SEEDS = ["0", "1", "2", "random"]


def _run(hash_seed: str | None) -> dict[str, object]:
    env = dict(os.environ)
    if hash_seed is None:
        env.pop("PYTHONHASHSEED", None)
    else:
        env["PYTHONHASHSEED"] = hash_seed
    out = subprocess.run(
        [sys.executable, "-c", CHILD],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def runs() -> dict[str, dict[str, object]]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(SEEDS, pool.map(_run, SEEDS), strict=True))


def _differing(runs: dict[str, dict[str, object]]) -> dict[str, list[str]]:
    reference = runs["0"]["digests"]
    assert isinstance(reference, dict)
    out = {}
    for seed, result in runs.items():
        digests = result["digests"]
        assert isinstance(digests, dict)
        assert digests.keys() == reference.keys()
        differing = sorted(k for k in reference if digests[k] != reference[k])
        if differing:
            out[seed] = differing
    return out


@pytest.mark.timeout(600, method="thread")
def test_outputs_are_byte_identical_across_hash_seeds(runs: dict[str, dict[str, object]]) -> None:
    differing = _differing(runs)
    assert not differing, f"outputs that differ by PYTHONHASHSEED: {differing}"


def test_every_model_dataset_and_export_is_covered(runs: dict[str, dict[str, object]]) -> None:
    import govmodel

    result = runs["0"]
    digests = result["digests"]
    assert isinstance(digests, dict)
    models = result["models"]
    assert isinstance(models, list)
    assert {"tripartite", "grid", "council", "eight_roles", "four_level"} <= set(models)
    for name in govmodel.datasets.names():
        for fmt in ("json", "yaml", "graphml", "gexf", "node-link", "cytoscape", "popolo"):
            assert f"{name}/{fmt}" in digests
        for m in models:
            assert f"{name}/assess/{m}/markdown" in digests
    assert len({digests[f"synth/district/{s}"] for s in (0, 7)}) == 2  # seeds matter


def test_this_process_agrees_with_the_children(runs: dict[str, dict[str, object]]) -> None:
    """The same computation here (whatever this process's hash seed) gives the same bytes."""
    import govmodel
    from govmodel import synth
    from govmodel.io import graphfiles, native

    digests = runs["random"]["digests"]
    assert isinstance(digests, dict)

    def sha(text: str | bytes) -> str:
        return hashlib.sha256(text if isinstance(text, bytes) else text.encode()).hexdigest()

    s = govmodel.datasets.load("chengdu")
    assert sha(native.dumps(s)) == digests["chengdu/json"]
    assert sha(graphfiles.export_gexf(s)) == digests["chengdu/gexf"]
    a = govmodel.assess(s, "council")
    assert sha(a.to_markdown()) == digests["chengdu/assess/council/markdown"]
    assert (
        sha(native.dumps(synth.district(30, seed=7, preset="district")))
        == digests["synth/district/7"]
    )
