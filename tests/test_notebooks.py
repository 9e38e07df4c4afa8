"""The quick start shows what its commands print, and the notebooks are stored as run.

``docs/quickstart.md``: its ```python blocks run in order in one namespace and each prints
exactly the ```text block that follows it; each ``$ govmodel …`` command of its ```console
blocks prints the lines the page shows (``…`` stands for lines left out).

``notebooks/*.ipynb``: stored with their outputs, run from top to bottom without an error
(``pytest --nbmake notebooks/`` runs them again), each with at least one figure, and each
listed in ``docs/notebooks.md``.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from govmodel.cli import main

ROOT = Path(__file__).resolve().parents[1]
QUICKSTART = ROOT / "docs" / "quickstart.md"
NOTEBOOKS = ROOT / "notebooks"
NOTEBOOKS_PAGE = ROOT / "docs" / "notebooks.md"
FENCE = re.compile(r"^```([\w-]+)[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
ELLIPSIS = "…"
EXPECTED_NOTEBOOKS = (
    "01_quickstart.ipynb",
    "02_five_models.ipynb",
    "03_district_at_scale.ipynb",
    "04_your_own_model.ipynb",
    "05_research_workflow.ipynb",
)
# The exit status of a command of the quick start, where it is not 0.
EXIT_CODES: dict[str, int] = {}


def _lines(text: str) -> list[str]:
    out = [line.rstrip() for line in text.splitlines()]
    while out and not out[-1]:
        out.pop()
    return out


def _fences() -> list[tuple[str, str]]:
    return FENCE.findall(QUICKSTART.read_text(encoding="utf-8"))


def _python_blocks() -> list[tuple[str, str | None]]:
    """Each ```python block with the ```text block right after it (its output), if any."""
    fences = _fences()
    blocks = []
    for i, (lang, body) in enumerate(fences):
        if lang == "python":
            nxt = fences[i + 1] if i + 1 < len(fences) else None
            blocks.append((body, nxt[1] if nxt is not None and nxt[0] == "text" else None))
    return blocks


def _commands() -> list[tuple[str, list[str]]]:
    """Each ``$ govmodel …`` line of the ```console blocks with the output lines it shows."""
    commands: list[tuple[str, list[str]]] = []
    for lang, body in _fences():
        if lang != "console":
            continue
        current: list[str] | None = None
        for line in body.splitlines():
            if line.startswith("$ "):
                current = None
                if line.startswith("$ govmodel "):
                    current = []
                    commands.append((line[2:], current))
            elif current is not None:
                current.append(line.rstrip())
    return commands


def _shown_in_order(shown: list[str], printed: list[str]) -> bool:
    """Whether the runs of lines between the ellipses appear in ``printed``, in order."""
    runs: list[list[str]] = [[]]
    for line in shown:
        if line == ELLIPSIS:
            runs.append([])
        else:
            runs[-1].append(line)
    start = 0
    for run in (r for r in runs if r):
        for i in range(start, len(printed) - len(run) + 1):
            if printed[i : i + len(run)] == run:
                start = i + len(run)
                break
        else:
            return False
    return True


def test_the_quick_start_has_its_blocks() -> None:
    blocks = _python_blocks()
    assert len(blocks) >= 6
    assert all(expected is not None for _, expected in blocks)
    assert {cmd.split()[1] for cmd, _ in _commands()} >= {"demo", "report"}


def test_the_quick_start_python_prints_what_the_page_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pandas")
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    monkeypatch.chdir(tmp_path)  # the page saves a drawing to the working directory
    namespace: dict[str, Any] = {"__name__": "quickstart"}
    try:
        for i, (code, expected) in enumerate(_python_blocks(), 1):
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(compile(code, f"{QUICKSTART.name}, python block {i}", "exec"), namespace)
            if expected is not None:
                assert _lines(out.getvalue()) == _lines(expected), f"python block {i}"
    finally:
        plt.close("all")
    assert (tmp_path / "yuetang-party.png").stat().st_size > 0


@pytest.mark.parametrize(("command", "shown"), _commands(), ids=lambda x: str(x)[:40])
def test_the_quick_start_commands_print_what_the_page_shows(command: str, shown: list[str]) -> None:
    argv = shlex.split(command)[1:]
    out = io.StringIO()
    code = main(argv, stdout=out)
    assert code == EXIT_CODES.get(argv[0], 0)
    assert _shown_in_order(_lines("\n".join(shown)), _lines(out.getvalue()))


def _notebook(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    return data


def test_every_notebook_is_there_and_listed_in_the_docs() -> None:
    stored = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
    assert stored == sorted(EXPECTED_NOTEBOOKS)
    page = NOTEBOOKS_PAGE.read_text(encoding="utf-8")
    for name in stored:
        assert f"notebooks/{name.removesuffix('.ipynb')}\n" in page, name


@pytest.mark.parametrize("name", EXPECTED_NOTEBOOKS)
def test_notebooks_are_stored_run_top_to_bottom_with_outputs(name: str) -> None:
    nb = _notebook(name)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert nb["cells"][0]["cell_type"] == "markdown"
    assert "".join(nb["cells"][0]["source"]).startswith("# ")
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1))
    outputs = [o for c in code for o in c["outputs"]]
    assert not [o for o in outputs if o["output_type"] == "error"]
    assert not [o for o in outputs if o.get("name") == "stderr"]
    assert any("image/png" in o.get("data", {}) for o in outputs)
