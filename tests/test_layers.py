"""The house one-way: govmodel's modules import only downward, and never in a cycle.

Every ``import`` of every module under ``src/govmodel`` is read with :mod:`ast`: at module
level, inside functions and under ``if TYPE_CHECKING:`` alike. :data:`LAYERS` is the one
layer map; ``docs/architecture.md`` shows it, and a test holds the page to it.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
PACKAGE = SRC / "govmodel"
ARCHITECTURE = ROOT / "docs" / "architecture.md"

#: The layers, bottom to top: a module may import modules of its own layer or of the layers
#: below, never above. A name ending in ``.*`` stands for a package and every module in it.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("foundation", ("errors", "_version", "render", "progress")),
    ("vocabulary", ("vocab",)),
    ("structure display", ("display",)),
    ("spec", ("spec", "identifiers", "_convert")),
    ("checks and views", ("validate", "graph", "index")),
    (
        "measures, classifiers, formats",
        (
            "metrics.*",
            "stats",
            "tally",
            "classify.*",
            "io.*",
            "datasets.*",
            "synth",
            "testing.*",
        ),
    ),
    ("models", ("models.*",)),
    ("assessment", ("assess",)),
    ("applications", ("plot", "panel", "distributed", "national", "cli", "__main__", "govmodel")),
)

#: Upward imports that are known and being removed, each with the work that removes it. The
#: test fails when one of them is gone, so that the list can only shrink.
ALLOWED_UPWARD: dict[tuple[str, str], str] = {}


def _name(path: Path) -> str:
    """The dotted name of a module, without the leading ``govmodel.`` (``govmodel`` for
    the package itself)."""
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts[1:]) or "govmodel"


MODULES: dict[str, Path] = {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int:
    """The index in :data:`LAYERS` of a module's layer."""
    for i, (_, names) in enumerate(LAYERS):
        for n in names:
            if module == n or (n.endswith(".*") and (module + ".").startswith(n[:-1])):
                return i
    raise LookupError(
        f"module govmodel.{module} is in no layer: add it to LAYERS in tests/test_layers.py "
        "and to the module map of docs/architecture.md"
    )


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute dotted name an ``ImportFrom`` imports from."""
    if not node.level:
        return node.module or ""
    here = ["govmodel", *([] if module == "govmodel" else module.split("."))]
    base = here if is_package else here[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join([*base, *([node.module] if node.module else [])])


def _target(dotted: str) -> str | None:
    """The govmodel module an absolute dotted name falls in (``None`` outside govmodel)."""
    if dotted != "govmodel" and not dotted.startswith("govmodel."):
        return None
    name = dotted.removeprefix("govmodel").removeprefix(".") or "govmodel"
    while name not in MODULES and "." in name:
        name = name.rsplit(".", 1)[0]
    return name if name in MODULES else "govmodel"


def imports(module: str) -> Iterator[tuple[str, int]]:
    """Every govmodel module ``module`` imports, with the line, wherever the import is."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_package = path.name == "__init__.py"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if (t := _target(alias.name)) is not None:
                    yield t, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, is_package, node)
            for alias in node.names:
                # ``from govmodel import datasets`` imports the module govmodel.datasets;
                # ``from govmodel import compare`` (a function) the package's __init__.
                sub = f"{base}.{alias.name}".removeprefix("govmodel.")
                t = sub if sub in MODULES else _target(base)
                if t is not None:
                    yield t, node.lineno


@functools.cache
def graph() -> dict[str, dict[str, int]]:
    """``{module: {imported module: line}}`` over every module of the package."""
    out: dict[str, dict[str, int]] = {}
    for m in MODULES:
        edges: dict[str, int] = {}
        for t, line in imports(m):
            if t != m:
                edges.setdefault(t, line)
        out[m] = edges
    return out


def test_every_module_has_a_layer() -> None:
    for m in MODULES:
        layer_of(m)


def test_nothing_imports_upward() -> None:
    upward = []
    for m, edges in graph().items():
        for t, line in edges.items():
            if layer_of(t) > layer_of(m) and (m, t) not in ALLOWED_UPWARD:
                upward.append(
                    f"govmodel.{m} (layer {LAYERS[layer_of(m)][0]!r}) imports govmodel.{t} "
                    f"(layer {LAYERS[layer_of(t)][0]!r}) at {MODULES[m].relative_to(ROOT)}:{line}"
                )
    assert upward == [], "\n".join(upward)


def test_the_allowed_upward_imports_still_exist() -> None:
    g = graph()
    gone = [f"{m} -> {t}" for m, t in ALLOWED_UPWARD if t not in g.get(m, {})]
    assert gone == [], f"remove from ALLOWED_UPWARD, they no longer happen: {gone}"


def _cycles(g: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in g:
        if root in index:
            continue
        work = [(root, iter(g[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            v, it = work[-1]
            advanced = False
            for w in it:
                if w not in g:
                    continue
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(g[w])))
                    advanced = True
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    found.append(sorted(comp))
    return found


def test_no_import_cycle() -> None:
    assert _cycles(graph()) == []


def test_the_checks_catch_what_they_look_for() -> None:
    # the cycle finder finds a cycle, and the resolver reads every form of import
    assert _cycles({"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}, "d": {"a": 1}}) == [
        ["a", "b", "c"]
    ]
    assert _cycles({"a": {"b": 1}, "b": {}}) == []
    g = graph()
    assert "display" in g["spec"]  # a function-level import (Structure._repr_html_)
    assert "datasets" in g["models.base"]  # ``from govmodel import datasets`` in a function
    assert "govmodel" in g["distributed"]  # ``from govmodel import compare``: the package
    assert "classify.base" in g["models.helpers"]  # under ``if TYPE_CHECKING:``
    assert "classify.base" in g["classify.tripartite"]  # a relative or absolute import
    with pytest.raises(LookupError, match="in no layer"):
        layer_of("no_such_module")


def test_architecture_page_shows_every_module_and_layer() -> None:
    page = ARCHITECTURE.read_text(encoding="utf-8")
    table = {}
    for line in page.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and cells[0] in {name for name, _ in LAYERS}:
            table[cells[0]] = set(re.findall(r"`([\w.*]+)`", cells[1]))
    assert list(table) == [name for name, _ in LAYERS], "the page's layers, in order"
    for name, modules in LAYERS:
        assert table[name] == set(modules), f"layer {name!r} on the page"
