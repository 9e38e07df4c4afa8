"""The ``govmodel`` command.

Exit codes: 0 success (and, for ``report``, no finding of error severity); 1 invalid
input, or findings of error severity in a ``report``; 2 usage errors (unknown command,
missing file, bad option). ``demo`` exits 0 once it has run: its examples are meant to
show findings.

What a file says cannot take over the terminal: every message the command prints (the
lines of ``validate`` and ``import``, the names it lists, its errors and warnings) shows
the characters that control a terminal escaped, the way Python writes them: the C0
controls (newline and tab included) as ``\\n``, ``\\t``, ``\\x1b``, DEL and the C1
controls as ``\\x7f`` … ``\\x9f``, and the bidirectional controls (U+061C, U+200E, U+200F,
U+202A–U+202E, U+2066–U+2069) and the line and paragraph separators (U+2028, U+2029) as
``\\u202e`` and so on. So a file cannot print a line of its own, such as a forged
``ok``. What ``report``, ``compare``, ``export`` and ``import`` write to a terminal is
escaped the same way, keeping its own newlines and tabs; written with ``--output``, or to
a pipe, it is the exact data.

Only the model asked for is imported: ``report`` never imports an unrelated plug-in (see
:mod:`govmodel.models.registry`). ``models`` and ``compare`` without ``--models`` import
every installed plug-in; one that cannot be imported or used is named in a warning and
skipped.

Examples
--------
>>> from govmodel.cli import main
>>> main(["validate", "--dataset", "chengdu"])
chengdu: ok (36 units, 29 organizations, 63 people, 89 posts, 32 ties, 25 observations, 1 decision)
0
"""

from __future__ import annotations

import argparse
import re
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from govmodel import datasets
from govmodel._version import __version__
from govmodel.errors import GovModelError, OutputError, SpecError
from govmodel.io.native import load, read_limited
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


#: Characters that control a terminal: C0 and C1 controls, DEL, bidirectional controls and
#: the Unicode line and paragraph separators.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
_CONTROLS_BUT_LINES = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]"
)


def _escape(m: re.Match[str]) -> str:
    c = ord(m.group())
    return {10: "\\n", 13: "\\r", 9: "\\t"}.get(c) or (
        f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"
    )


def shown(text: object) -> str:
    r"""``str(text)`` with every character that controls a terminal escaped (one line).

    Examples
    --------
    >>> print(shown("x\x1b[2K\rchengdu: ok\u202e"))
    x\x1b[2K\rchengdu: ok\u202e
    """
    return _CONTROLS.sub(_escape, str(text))


def _shown_text(text: str) -> str:
    """Like :func:`shown`, keeping newlines and tabs (for whole documents)."""
    return _CONTROLS_BUT_LINES.sub(_escape, text)


def _say(out: TextIO, *parts: object) -> None:
    """Print a message line, every part of it escaped."""
    print("".join(shown(p) for p in parts), file=out)


_SINGULAR = {"people": "person", "ties": "tie", "units": "unit", "posts": "post"}


def _counts(s: Structure) -> str:
    def word(name: str, n: int) -> str:
        return name if n != 1 else _SINGULAR.get(name, name[:-1])

    parts = [f"{n} {word(name, n)}" for name, n in s.counts().items() if n]
    return ", ".join(parts) if parts else "empty"


def _inputs(args: argparse.Namespace, *, directories: bool = False) -> list[tuple[str, Path]]:
    out = [(f, Path(f)) for f in getattr(args, "files", []) or []]
    for name in getattr(args, "dataset", []) or []:
        try:
            out.append((name, datasets.path(name)))
        except KeyError as exc:
            raise _UsageError(str(exc.args[0])) from None
    for label, p in out:
        if not (p.is_file() or (directories and p.is_dir())):
            raise _UsageError(f"no such file: {shown(label)}")
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
            _problems(out, label, exc)
            continue
        _say(out, label, f": ok ({_counts(s)})")
    return status


def _problems(out: TextIO, label: str, exc: SpecError) -> None:
    n = len(exc.problems)
    _say(out, label, f": {n} problem{'s' if n != 1 else ''}")
    for problem in exc.problems:
        _say(out, problem.path, ": ", problem.code, ": ", problem.message)


def _cmd_datasets(args: argparse.Namespace, out: TextIO) -> int:
    for name in datasets.names():
        s = datasets.load(name)
        model = ", ".join(s.metadata.model) or "-"
        _say(out, f"{name:<10} {model:<12} ", s.metadata.title)
    return EXIT_OK


def _load_one(args: argparse.Namespace) -> tuple[str, Structure]:
    inputs = _inputs(args)
    if len(inputs) != 1:
        raise _UsageError(f"govmodel {args.command}: give exactly one FILE or --dataset NAME")
    label, p = inputs[0]
    return label, load(p)


def _write(text: str, output: str | None, out: TextIO) -> None:
    if output:
        from govmodel.io.native import atomic_write

        atomic_write(output, text)
    else:
        _show(text, out)


def _show(text: str, out: TextIO) -> None:
    """Write a document to ``out``: escaped (see the module) when ``out`` is a terminal."""
    isatty = getattr(out, "isatty", None)
    try:
        tty = bool(isatty()) if callable(isatty) else False
    except (OSError, ValueError):
        tty = False
    out.write(_shown_text(text) if tty else text)


def _plugin_warning(name: str, exc: BaseException) -> None:
    from govmodel.models.registry import PluginWarning

    warnings.warn(
        f"model {name!r} cannot be used: {type(exc).__name__}: {exc}; skipped",
        PluginWarning,
        stacklevel=3,
    )


def _cmd_models(args: argparse.Namespace, out: TextIO) -> int:
    from govmodel.models import registry

    rows = []
    for name in registry.names():
        try:
            m = registry.get(name)
            title = m.title_zh if args.lang == "zh" and m.title_zh else m.title
            src = m.source
            where = f"{src.place} ({src.report})" if src else ""
            rows.append((name, str(title), str(where)))
        except Exception as exc:  # a plug-in's class attributes are its own code
            _plugin_warning(name, exc)
    width = max((len(r[0]) for r in rows), default=0)
    for name, title, where in rows:
        _say(out, f"{name:<{width}}  {title}  {where}".rstrip())
    return EXIT_OK


def _cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from govmodel.assess import assess

    _, s = _load_one(args)
    model = args.model or (s.metadata.model[0] if s.metadata.model else None)
    if model is None:
        raise _UsageError("govmodel report: the file names no model; pass --model NAME")
    a = assess(s, model, as_of=args.as_of)
    _write(a.render(args.format, args.lang), args.output, out)
    return EXIT_OK if a.ok else EXIT_FINDINGS


def _cmd_compare(args: argparse.Namespace, out: TextIO) -> int:
    from govmodel.assess import compare
    from govmodel.models import GovernanceModel, registry

    _, s = _load_one(args)
    models: list[str | type[GovernanceModel]]
    if args.models:
        models = [m.strip() for m in args.models.split(",") if m.strip()]
    else:  # every model that can be made; a plug-in that cannot is named and skipped
        models = []
        for name in registry.names():
            cls = registry.get(name)
            try:
                cls()
            except Exception as exc:
                _plugin_warning(name, exc)
                continue
            models.append(cls)
    c = compare(s, models, as_of=args.as_of)
    _write(c.render(args.format, args.lang), args.output, out)
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    from govmodel.assess import assess
    from govmodel.models import registry

    summary = []
    for name in ("tripartite", "grid", "council", "eight_roles", "four_level"):
        model = registry.get(name)
        s = model.example()
        print(f"== {name}: {s.metadata.title or s.metadata.name} ({_counts(s)})", file=out)
        a = assess(s, model)
        out.write(a.render(args.format, args.lang))
        print(file=out)
        summary.append(f"{name}: {a.summary(args.lang)}")
    print("== summary", file=out)
    for line in summary:
        print(line, file=out)
    return EXIT_OK


#: Export formats that are not text: written to ``--output`` only.
_BINARY_EXPORTS = frozenset({"ucinet", "stata", "spells", "parquet"})


def _cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from govmodel import io

    if args.output is None and args.to in _BINARY_EXPORTS:
        raise _UsageError(
            f"govmodel export --to {args.to}: the format is binary"
            f"{' (a directory)' if args.to == 'parquet' else ''}; give --output"
        )
    _, s = _load_one(args)
    data = io.export(s, args.to, args.output)
    if args.output is None:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        _show(text if text.endswith("\n") else text + "\n", out)
    return EXIT_OK


def _cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from govmodel import io
    from govmodel.io.native import dumps

    inputs = _inputs(args, directories=args.source_format == "parquet")
    if len(inputs) != 1:
        raise _UsageError("govmodel import: give exactly one FILE")
    label, p = inputs[0]
    try:
        if args.source_format == "parquet":
            from govmodel.io.parquet import read_parquet

            s = read_parquet(p)
        else:
            s = io.import_(read_limited(p), args.source_format)
    except SpecError as exc:
        _problems(out, label, exc)
        return EXIT_FINDINGS
    as_yaml = bool(args.output) and args.output.endswith((".yaml", ".yml"))
    _write(dumps(s, format="yaml" if as_yaml else "json"), args.output, out)
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

    formats = ("text", "markdown", "json", "html")
    p = sub.add_parser("models", help="list the governance models (names, titles, sources)")
    p.add_argument("--lang", choices=("en", "zh"), default="en")
    p.set_defaults(func=_cmd_models)

    p = sub.add_parser("report", help="assess a structure against a governance model")
    p.add_argument("files", nargs="*", metavar="FILE")
    p.add_argument("--dataset", action="append", metavar="NAME", help="a bundled structure")
    p.add_argument("--model", metavar="NAME", help="the model (default: the file's first model)")
    p.add_argument("--format", choices=formats, default="text")
    p.add_argument("--lang", choices=("en", "zh"), default="en")
    p.add_argument(
        "--as-of",
        metavar="DATE",
        help="assess the structure as it stood on DATE, under the rules in force on it",
    )
    p.add_argument("--output", metavar="PATH", help="write the report to PATH")
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("compare", help="hold one structure against several models")
    p.add_argument("files", nargs="*", metavar="FILE")
    p.add_argument("--dataset", action="append", metavar="NAME", help="a bundled structure")
    p.add_argument("--models", metavar="A,B,...", help="model names (default: all)")
    p.add_argument("--format", choices=formats, default="text")
    p.add_argument("--lang", choices=("en", "zh"), default="en")
    p.add_argument("--as-of", metavar="DATE")
    p.add_argument("--output", metavar="PATH")
    p.set_defaults(func=_cmd_compare)

    from govmodel.io import EXPORT_FORMATS, IMPORT_FORMATS

    p = sub.add_parser("export", help="write a structure in an exchange format")
    p.add_argument("files", nargs="*", metavar="FILE")
    p.add_argument("--dataset", action="append", metavar="NAME", help="a bundled structure")
    p.add_argument(
        "--to",
        required=True,
        choices=EXPORT_FORMATS,
        metavar="FORMAT",
        help=", ".join(EXPORT_FORMATS),
    )
    p.add_argument("--output", metavar="PATH", help="write to PATH (atomically)")
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser("import", help="read an exchange format into govmodel's own")
    p.add_argument("files", nargs="*", metavar="FILE")
    p.add_argument(
        "--from",
        dest="source_format",
        required=True,
        choices=IMPORT_FORMATS,
        metavar="FORMAT",
        help=", ".join(IMPORT_FORMATS),
    )
    p.add_argument("--output", metavar="PATH", help="write govmodel's format to PATH (.json/.yaml)")
    p.set_defaults(func=_cmd_import)

    from govmodel.tally import add_tally_parser

    add_tally_parser(sub)

    p = sub.add_parser("demo", help="run every built-in model on its bundled example")
    p.add_argument("--format", choices=formats, default="text")
    p.add_argument("--lang", choices=("en", "zh"), default="en")
    p.set_defaults(func=_cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None) -> int:
    """Run the command line; returns the exit code (see the module docstring)."""
    out = stdout if stdout is not None else sys.stdout
    parser = _build_parser()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", _plugin_warning_class())
        try:
            code = _run(parser, argv, out)
        finally:
            for w in caught:
                if issubclass(w.category, _plugin_warning_class()):
                    _say(sys.stderr, "govmodel: warning: ", w.message)
                else:
                    warnings.showwarning(w.message, w.category, w.filename, w.lineno)
    return code


def _plugin_warning_class() -> type[Warning]:
    from govmodel.models.registry import PluginWarning

    return PluginWarning


def _run(parser: _Parser, argv: Sequence[str] | None, out: TextIO) -> int:
    try:
        args = parser.parse_args(list(argv) if argv is not None else None)
        if getattr(args, "func", None) is None:
            parser.print_help(out)
            return EXIT_USAGE
        return int(args.func(args, out))
    except _UsageError as exc:
        _say(sys.stderr, exc)
        return EXIT_USAGE
    except SpecError as exc:
        n = len(exc.problems)
        where = f" in {exc.source}" if exc.source else ""
        _say(sys.stderr, "govmodel: ", f"{n} problem{'s' if n != 1 else ''}{where}:")
        for p in exc.problems:
            _say(sys.stderr, "  ", p.path, ": ", p.code, ": ", p.message)
        return EXIT_FINDINGS
    except OutputError as exc:  # --output names a FIFO, a device, a folder, …: a usage error
        _say(sys.stderr, "govmodel: ", exc)
        return EXIT_USAGE
    except GovModelError as exc:
        _say(sys.stderr, "govmodel: ", exc)
        return EXIT_FINDINGS
    except (OSError, ValueError) as exc:  # a bad suffix or date, an unwritable --output, …
        _say(sys.stderr, "govmodel: ", exc)
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
