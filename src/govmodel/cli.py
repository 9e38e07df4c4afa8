"""The ``govmodel`` command.

Exit codes: 0 success (and no error findings); 1 invalid input or findings of error
severity; 2 usage errors (unknown command, missing file, bad option).

Examples
--------
>>> from govmodel.cli import main
>>> main(["validate", "--dataset", "chengdu"])
chengdu: ok (10 units, 18 organizations, 46 people, 61 posts, 10 ties, 11 observations, 2 decisions)
0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from govmodel import datasets
from govmodel._version import __version__
from govmodel.errors import GovModelError, SpecError
from govmodel.io.native import load
from govmodel.spec import Structure

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: error: {message}")


def _counts(s: Structure) -> str:
    parts = [f"{n} {name}" for name, n in s.counts().items() if n]
    return ", ".join(parts) if parts else "empty"


def _inputs(args: argparse.Namespace) -> list[tuple[str, Path]]:
    out = [(f, Path(f)) for f in getattr(args, "files", []) or []]
    for name in getattr(args, "dataset", []) or []:
        try:
            out.append((name, datasets.path(name)))
        except KeyError as exc:
            raise _UsageError(str(exc.args[0])) from None
    for label, p in out:
        if not p.is_file():
            raise _UsageError(f"no such file: {label}")
    return out


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    inputs = _inputs(args)
    if not inputs:
        raise _UsageError("govmodel validate: give at least one FILE or --dataset NAME")
    status = EXIT_OK
    for label, p in inputs:
        try:
            s = load(p, strict=args.strict)
        except SpecError as exc:
            status = EXIT_FINDINGS
            print(
                f"{label}: {len(exc.problems)} problem{'s' if len(exc.problems) != 1 else ''}",
                file=out,
            )
            for problem in exc.problems:
                print(f"{problem.path}: {problem.code}: {problem.message}", file=out)
            continue
        print(f"{label}: ok ({_counts(s)})", file=out)
    return status


def _cmd_datasets(args: argparse.Namespace, out: TextIO) -> int:
    for name in datasets.names():
        s = datasets.load(name)
        model = ", ".join(s.metadata.model) or "-"
        print(f"{name:<10} {model:<12} {s.metadata.title}", file=out)
    return EXIT_OK


def _build_parser() -> _Parser:
    parser = _Parser(
        prog="govmodel",
        description=(
            "Check, measure and assess the governance of residential compounds and communities."
        ),
    )
    parser.add_argument("--version", action="version", version=f"govmodel {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser(
        "validate", help="check files against the format and the rules every structure obeys"
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="a .json, .yaml or .yml structure")
    p.add_argument(
        "--dataset", action="append", metavar="NAME", help="a bundled structure, by name"
    )
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("datasets", help="list the bundled structures")
    p.set_defaults(func=_cmd_datasets)
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None) -> int:
    """Run the command line; returns the exit code (see the module docstring)."""
    out = stdout if stdout is not None else sys.stdout
    parser = _build_parser()
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
        if getattr(args, "func", None) is None:
            parser.print_help(out)
            return EXIT_USAGE
        return int(args.func(args, out))
    except _UsageError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    except GovModelError as exc:
        print(f"govmodel: {exc}", file=sys.stderr)
        return EXIT_FINDINGS


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
