"""Docs that cannot drift: every ```python block of every page under docs/ runs.

Pages are found, not listed: a new page is tested as soon as it exists. The blocks of a page
run in order, in one namespace, in a fresh working directory, with what they print
captured; models a page registers are unregistered afterwards.

A page may keep one block from running only by saying why, on the line just above it, as a
MyST comment (which the built site does not show)::

    % not run: needs a dask cluster

and the reason must be a real one (at least a few words).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

FENCE = re.compile(
    r"^(?P<fence>`{3,}|~{3,})[ \t]*(?:python|py|\{code-block\}[ \t]+python|\{code\}[ \t]+python)"
    r"[ \t]*\n(?P<body>.*?)^(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
NOT_RUN = re.compile(r"^%[ \t]*not run:(?P<reason>.*)$")

#: Pages whose blocks fail today and that other work is changing: each entry says what has
#: to change. The test of such a page is expected to fail (strictly: it fails once the page
#: is fixed, so that the entry is removed).
KNOWN_FAILURES: dict[str, str] = {}


def pages() -> list[Path]:
    """Every Markdown page of the docs (not the built site)."""
    return sorted(p for p in DOCS.rglob("*.md") if "_build" not in p.relative_to(DOCS).parts)


def blocks(page: Path) -> list[tuple[int, str, str | None]]:
    """The page's Python blocks: (line, code, the reason it is not run or ``None``)."""
    text = page.read_text(encoding="utf-8")
    out = []
    for m in FENCE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        before = text[: m.start()].rstrip("\n").rsplit("\n", 1)[-1]
        skip = NOT_RUN.match(before.strip())
        out.append((line, m.group("body"), skip.group("reason").strip() if skip else None))
    return out


PAGES = [p for p in pages() if blocks(p)]


@contextlib.contextmanager
def _isolated(tmp: Path) -> Iterator[io.StringIO]:
    """A fresh working directory, captured output, and the model registry and matplotlib's
    settings restored (docs/guide/plots.md puts a CJK font first in ``font.sans-serif``,
    which would draw the later tests' ticks in it)."""
    from govmodel.models import registry

    before = set(registry.names())
    cwd = os.getcwd()
    out = io.StringIO()
    settings = contextlib.ExitStack()
    with contextlib.suppress(ImportError):
        import matplotlib

        settings.enter_context(matplotlib.rc_context())
    os.chdir(tmp)
    try:
        with contextlib.redirect_stdout(out):
            yield out
    finally:
        os.chdir(cwd)
        settings.close()
        for name in set(registry.names()) - before:
            registry.unregister(name)
        with contextlib.suppress(ImportError):
            import matplotlib.pyplot as plt

            plt.close("all")


def run_page(page: Path, tmp: Path, name: str | None = None) -> dict[str, Any]:
    """Run the page's blocks in order in one namespace, in the folder ``tmp``; the
    namespace. ``name`` is what errors call the page (its path under docs/ by default)."""
    with contextlib.suppress(ImportError):
        import matplotlib

        matplotlib.use("Agg")
    namespace: dict[str, Any] = {"__name__": "docs"}
    name = name or page.relative_to(DOCS).as_posix()
    with _isolated(tmp):
        for line, code, reason in blocks(page):
            if reason is not None:
                continue
            exec(compile(code, f"docs/{name}, the block at line {line}", "exec"), namespace)
    return namespace


def _params() -> list[Any]:
    out = []
    for p in PAGES:
        name = p.relative_to(DOCS).as_posix()
        marks = []
        if name in KNOWN_FAILURES:
            marks.append(pytest.mark.xfail(reason=KNOWN_FAILURES[name], strict=True))
        out.append(pytest.param(p, id=name, marks=marks))
    return out


@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("page", _params())
def test_the_python_blocks_of_the_page_run(page: Path, tmp_path: Path) -> None:
    run_page(page, tmp_path)


def test_a_block_is_kept_from_running_only_for_a_stated_reason() -> None:
    for page in PAGES:
        for line, _, reason in blocks(page):
            if reason is not None:
                assert len(reason.split()) >= 3, f"{page}:{line}: say why it is not run"


def test_pages_are_found_and_blocks_read() -> None:
    names = {p.relative_to(DOCS).as_posix() for p in PAGES}
    assert {"quickstart.md", "guide/assessments.md", "guide/interop.md"} <= names
    assert set(KNOWN_FAILURES) <= names, "a known failure names a page without Python blocks"
    page = DOCS / "guide" / "interop.md"
    reasons = [r for _, _, r in blocks(page) if r is not None]
    assert reasons == ["needs a copy of the Popolo JSON Schemas, which govmodel does not ship"]


def test_a_failing_block_names_its_page_and_line(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# A page\n\n```python\nx = 1\n```\n\n% not run: needs a dask cluster\n"
        "```python\nraise SystemExit\n```\n\n```python\nassert x == 2\n```\n",
        encoding="utf-8",
    )
    assert [(line, r) for line, _, r in blocks(page)] == [
        (3, None),
        (8, "needs a dask cluster"),
        (12, None),
    ]
    with pytest.raises(AssertionError) as err:
        run_page(page, tmp_path, "page.md")
    assert err.traceback[-1].path == "docs/page.md, the block at line 12"
