"""Run the notebooks in place and store their outputs, reproducibly.

    python notebooks/execute.py                 # every notebook of this folder
    python notebooks/execute.py 02_five_models.ipynb

Each notebook is run top to bottom in a fresh ``python3`` kernel (in this folder), then saved
with its outputs, without the per-cell timing metadata nbclient records and with consecutive
stream outputs merged, so that running an unchanged notebook again changes no byte. The docs
render these stored outputs (``nb_execution_mode = "off"``); ``pytest --nbmake notebooks/``
checks that they still run. Needs the ``dev`` extra (nbclient comes with nbmake).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent


def execute(path: Path) -> float:
    """Run one notebook in place; returns the seconds it took."""
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(HERE)}}
    ).execute()
    seconds = time.perf_counter() - start
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        merged: list[nbformat.NotebookNode] = []
        for out in cell.outputs:
            last = merged[-1] if merged else None
            if (
                out.output_type == "stream"
                and last is not None
                and last.output_type == "stream"
                and last.name == out.name
            ):
                last.text += out.text
            else:
                merged.append(out)
        cell.outputs = merged
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return seconds


def main(names: list[str]) -> None:
    paths = [HERE / n for n in names] if names else sorted(HERE.glob("*.ipynb"))
    for path in paths:
        print(f"{path.name}: {execute(path):.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
