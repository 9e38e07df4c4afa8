"""Assessing in parallel threads gives the same results as in sequence.

Structures cache lookups lazily and models cache per assessment; these tests make threads
race on freshly loaded structures (a tiny switch interval makes the interpreter switch
threads often) and compare every rendering with the sequential one.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest

import govmodel
from govmodel.io import graphfiles, native

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    MODELS = govmodel.models.names()
DATASETS = govmodel.datasets.names()


@contextmanager
def eager_switching() -> Iterator[None]:
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(old)


def _report(s: govmodel.Structure, model: str) -> str:
    a = govmodel.assess(s, model)
    return a.to_json() + a.to_markdown() + a.to_text()


@pytest.mark.timeout(300, method="thread")
def test_parallel_assessments_equal_sequential_ones() -> None:
    pairs = [(d, m) for d in DATASETS for m in MODELS]
    fresh = {d: govmodel.datasets.load(d) for d in DATASETS}  # caches empty: threads race
    with eager_switching(), ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(lambda p: _report(fresh[p[0]], p[1]), pairs * 2))
    again = {d: govmodel.datasets.load(d) for d in DATASETS}
    sequential = [_report(again[d], m) for d, m in pairs]
    assert parallel[: len(pairs)] == sequential
    assert parallel[len(pairs) :] == sequential


@pytest.mark.timeout(300, method="thread")
def test_one_structure_shared_by_many_threads() -> None:
    s = govmodel.datasets.load("yuetang")
    expected = {m: _report(govmodel.datasets.load("yuetang"), m) for m in MODELS}
    jobs = [m for m in MODELS for _ in range(6)]
    with eager_switching(), ThreadPoolExecutor(max_workers=12) as pool:
        got = list(pool.map(lambda m: (m, _report(s, m)), jobs))
    for m, text in got:
        assert text == expected[m], m


@pytest.mark.timeout(300, method="thread")
def test_parallel_loads_dumps_and_exports() -> None:
    texts = {d: native.dumps(govmodel.datasets.load(d)) for d in DATASETS}
    work: list[tuple[str, Callable[[], object]]] = []
    for d, text in texts.items():
        work.append((f"{d}/loads", lambda text=text: native.dumps(govmodel.loads(text))))
        work.append(
            (f"{d}/graphml", lambda text=text: graphfiles.export_graphml(govmodel.loads(text)))
        )
        work.append(
            (
                f"{d}/roundtrip",
                lambda text=text: native.dumps(
                    graphfiles.import_node_link(graphfiles.export_node_link(govmodel.loads(text)))
                ),
            )
        )
        work.append(
            (f"{d}/graph", lambda text=text: repr(govmodel.to_graph(govmodel.loads(text)).edges))
        )
    sequential = {name: fn() for name, fn in work}
    with eager_switching(), ThreadPoolExecutor(max_workers=8) as pool:
        parallel = dict(pool.map(lambda w: (w[0], w[1]()), work * 2))
    assert parallel == sequential
    for d, text in texts.items():
        assert sequential[f"{d}/loads"] == text
        assert sequential[f"{d}/roundtrip"] == text


def test_the_registry_loads_once_under_concurrent_first_use() -> None:
    """Many threads asking for the models at once, at start-up, all see every model."""
    code = textwrap.dedent(
        """
        import json, sys, threading, warnings
        warnings.simplefilter("ignore")
        sys.setswitchinterval(1e-6)
        import govmodel
        from govmodel.models import registry
        barrier = threading.Barrier(16)
        seen = []
        def ask():
            barrier.wait()
            seen.append((registry.names(), registry.get("tripartite").__name__))
        threads = [threading.Thread(target=ask) for _ in range(16)]
        for t in threads: t.start()
        for t in threads: t.join()
        print(json.dumps([[list(n), g] for n, g in seen]))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    seen = json.loads(out.stdout)
    assert len(seen) == 16
    assert all(names == seen[0][0] for names, _ in seen)
    assert set(MODELS) <= set(seen[0][0])
    assert {g for _, g in seen} == {"Tripartite"}


@pytest.mark.timeout(300, method="thread")
def test_loads_with_many_distinct_max_string_limits_at_once() -> None:
    """The converter cache keeps four limits: threads asking for many more at once must each
    get a converter enforcing their own limit (the cache once raised KeyError, when two
    threads evicted the same oldest entry)."""
    from govmodel._convert import converter_for

    text = native.dumps(govmodel.datasets.load("xihu"))
    expected = govmodel.loads(text)

    def convert(i: int) -> str:
        limit = 1000 + i % 40
        try:
            c = converter_for(govmodel.Limits(max_string=limit))
        except Exception as exc:  # the failure this test is about
            return type(exc).__name__
        try:
            c.structure("x" * (limit + 1), str)
        except ValueError:
            pass
        else:
            return f"limit {limit} not enforced"
        return "ok" if c.structure("x" * limit, str) == "x" * limit else "changed"

    def load(i: int) -> bool:
        return govmodel.loads(text, limits=govmodel.Limits(max_string=10_000 + i % 9)) == expected

    with eager_switching(), ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(convert, range(3000)))
        loaded = list(pool.map(load, range(60)))
    assert {r: results.count(r) for r in set(results)} == {"ok": 3000}
    assert all(loaded)
