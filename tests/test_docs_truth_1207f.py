"""The command table of ``docs/guide/cli.md`` names every option of every command.

The table is where a new user looks up what a command takes; an option added to the parser
and not to the table (``tally --silent``, ``national --as-of``) is one the page hides. The
progress switches and ``--dataset`` are described once, below the table, for every
command that has them.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from govmodel.cli import _build_parser

CLI_PAGE = Path(__file__).resolve().parents[1] / "docs" / "guide" / "cli.md"

#: Options the page describes in prose rather than in each command's row.
DESCRIBED_BELOW = frozenset({"--help", "--progress", "--no-progress", "--dataset"})


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = _build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def _rows(command: str) -> str:
    """The table rows of the page whose first cell runs ``govmodel COMMAND``."""
    text = CLI_PAGE.read_text(encoding="utf-8")
    rows = [
        line
        for line in text.splitlines()
        if line.startswith("| `govmodel ") and re.search(rf"`govmodel {command}\b", line)
    ]
    return "\n".join(rows)


@pytest.mark.parametrize("command", sorted(_commands()))
def test_the_cli_table_names_every_option(command: str) -> None:
    parser = _commands()[command]
    options = {
        o
        for action in parser._actions
        for o in action.option_strings
        if o.startswith("--") and o not in DESCRIBED_BELOW
    }
    rows = _rows(command)
    assert rows, f"docs/guide/cli.md has no row for govmodel {command}"
    missing = sorted(o for o in options if not re.search(rf"{re.escape(o)}\b", rows))
    assert not missing, f"govmodel {command}: the table of docs/guide/cli.md lacks {missing}"
