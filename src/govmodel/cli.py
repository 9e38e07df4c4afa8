"""The ``govmodel`` command.

Exit codes: 0 success (and, for ``report``, no finding of error severity); 1 invalid
input, or findings of error severity in a ``report``; 2 usage errors, whatever the command:
an unknown command, option, dataset, model or format, a missing file, an empty file name
or ``--output``, an ``--output`` whose suffix names another format, a feature whose
optional extra is not installed (``--progress`` without ``progress``, ``national`` without
``dask``), standard output closed (``>&-``) where there is output to give; 130 (128 + SIGINT)
when interrupted (Ctrl-C): the command stops without a traceback, and a file being written
with ``--output`` is left as it was; 141 (128 + SIGPIPE, what a shell reports for ``cat``
or ``grep``) when whoever reads the output closes the pipe early (``govmodel demo | head
-1``): the command stops quietly, without a traceback.
``demo`` and ``national`` exit 0 once they have run: examples and nations are meant to show
findings.

Progress: ``validate``, ``report``, ``compare``, ``export``, ``import`` and ``national``
show each long step on standard error (:mod:`govmodel.progress`) when it is a terminal and
the ``progress`` extra is installed; ``--progress`` / ``--no-progress``, before or after
the command's name, force the bars on or off.

``--output``: a suffix govmodel knows (``.json``, ``.html``, ``.graphml``, ``.zip`` …) must
fit the format written, or the command refuses to run (exit 2) rather than write, say,
GraphML into ``x.json``; any other suffix is written as asked. Without ``--format``,
``report``, ``compare`` and ``national`` take the format from the suffix (``.md``,
``.html``, ``.json``, ``.txt``).

What a file says cannot take over the terminal: every message the command prints (the
lines of ``validate`` and ``import``, the names it lists, its errors and warnings) shows
the characters that control a terminal escaped, the way Python writes them: the C0
controls (newline and tab included) as ``\\n``, ``\\t``, ``\\x1b``, DEL and the C1
controls as ``\\x7f`` … ``\\x9f``, and the bidirectional controls (U+061C, U+200E, U+200F,
U+202A–U+202E, U+2066–U+2069) and the line and paragraph separators (U+2028, U+2029) as
``\\u202e`` and so on; a byte of a file name that is not UTF-8 as the lone surrogate Python
reads it as (``\\udcff``), whatever the locale's encoding. So a file cannot print a line of
its own, such as a forged ``ok``. What ``report``, ``compare``, ``export`` and ``import``
write to a terminal is escaped the same way, keeping its own newlines and tabs; written with
``--output``, or to a pipe, it is the exact data.

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
import contextlib
import errno
import io
import os
import re
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from govmodel import datasets
from govmodel import progress as _progress
from govmodel._version import __version__
from govmodel.errors import (
    GovModelError,
    MissingDependencyError,
    ModelError,
    OutputError,
    SpecError,
)
from govmodel.io.native import load, read_limited
from govmodel.spec import Structure, date_bounds

if TYPE_CHECKING:
    from govmodel.distributed import National
    from govmodel.models import GovernanceModel

__all__ = ["main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 128 + 13  # 128 + SIGPIPE, as a shell reports a tool killed by it
EXIT_INTERRUPTED = 128 + 2  # 128 + SIGINT: Ctrl-C


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: error: {message}")


#: Characters that control a terminal: C0 and C1 controls, DEL, bidirectional controls and
#: the Unicode line and paragraph separators; and the lone surrogates by which Python holds
#: the bytes of a file name that are not UTF-8, which a UTF-8 stream cannot encode.
_CONTROLS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)
_CONTROLS_BUT_LINES = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
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


def _say(out: TextIO | None, *parts: object) -> None:
    """Print a message line, every part of it escaped; nothing when ``out`` is ``None`` (a
    process started without standard error), where ``print`` would write to standard output."""
    if out is None:
        return
    print("".join(shown(p) for p in parts), file=out)


_SINGULAR = {"people": "person", "ties": "tie", "units": "unit", "posts": "post"}


def _counts(s: Structure) -> str:
    def word(name: str, n: int) -> str:
        return name if n != 1 else _SINGULAR.get(name, name[:-1])

    parts = [f"{n} {word(name, n)}" for name, n in s.counts().items() if n]
    return ", ".join(parts) if parts else "empty"


def _inputs(args: argparse.Namespace, *, directories: bool = False) -> list[tuple[str, Path]]:
    given = getattr(args, "files", None)
    if isinstance(given, str):  # a command that takes one FILE
        given = [given]
    out = [(f, Path(f)) for f in given or []]
    for name in getattr(args, "dataset", []) or []:
        try:
            out.append((name, datasets.path(name)))
        except KeyError as exc:
            raise _UsageError(f"govmodel {args.command}: {exc.args[0]}") from None
    for label, p in out:
        _check_file(args.command, label, p, directories=directories)
        _not_the_input(args.command, getattr(args, "output", None), label, p)
    return out


def _not_the_input(command: str, output: str | None, label: str, p: Path) -> None:
    """A usage error when ``--output`` names the file (or folder) ``p`` that the command
    reads, by any path or link to it: writing would replace the input."""
    if not output:
        return
    try:
        same = os.path.samefile(output, p)
    except (OSError, ValueError):  # no such --output yet (or none that can be looked at)
        return
    if same:
        raise _UsageError(
            f"govmodel {command}: --output {shown(output)} is the file read ({shown(label)}); "
            "writing it would replace the input: give another path"
        )


def _check_file(command: str, label: str, p: Path, *, directories: bool = False) -> None:
    """A usage error unless ``p`` is a file (or, with ``directories``, a folder)."""
    if not label:  # Path("") is the current folder
        raise _UsageError(f"govmodel {command}: a file name is empty; give a file")
    if not (p.is_file() or (directories and p.is_dir())):
        if p.is_dir():
            raise _UsageError(f"govmodel {command}: {shown(label)} is a folder; give a file")
        raise _UsageError(f"govmodel {command}: {_not_a_file(label, p)}")


def _not_a_file(label: str, p: Path, give: str = "; give a file") -> str:
    """Why ``p``, neither a file nor a folder, cannot be read: it is missing, or it is
    something else (a device, a pipe, a socket), which is not read (then ``give`` follows)."""
    try:
        there = p.exists()
    except OSError:  # a name too long, say: the command says it as it opens the file
        there = False
    if there:
        return f"{shown(label)} is not a regular file (a device, pipe or socket){give}"
    return f"no such file: {shown(label)}"


def _loaded(label: str, p: Path, args: argparse.Namespace, *, strict: bool = False) -> Structure:
    """:func:`govmodel.load`, shown as one step of the progress (the load validates)."""
    what = "validate" if args.command == "validate" else "load"
    if p.suffix.lower() not in (".json", ".yaml", ".yml"):
        raise _UsageError(
            f"govmodel {args.command}: cannot tell the format of {shown(label)} from its "
            "suffix; name it .json, .yaml or .yml"
        )
    try:
        desc = f"{what} {shown(label)} ({_progress.size(p.stat().st_size)})"
    except OSError:
        desc = f"{what} {shown(label)}"
    with _progress.step(desc, progress=args.progress):
        return load(p, strict=strict)


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    inputs = _inputs(args)
    if not inputs:
        raise _UsageError("govmodel validate: give at least one FILE or --dataset NAME")
    status = EXIT_OK
    for label, p in inputs:
        try:
            s = _loaded(label, p, args, strict=args.strict)
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
        _say(out, problem.path, ": ", problem.code, ": ", _on_the_command_line(problem.message))


#: The advice of a limit's problem to Python callers (``raise it with
#: limits=govmodel.Limits(max_depth=...)``), which the command line has no option for.
_PYTHON_ADVICE = re.compile(
    r" \(raise it with limits=govmodel\.Limits\(\w+=\.\.\.\)\)"
    r"|, or raise it with limits=govmodel\.Limits\(\w+=\.\.\.\)"
)


def _on_the_command_line(message: str) -> str:
    """A problem's message without advice that only a Python caller can follow."""
    return _PYTHON_ADVICE.sub("", message)


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
    return label, _loaded(label, p, args)


# -- --output and its suffix ---------------------------------------------------------------------

#: The formats govmodel writes under each file name suffix it knows. A suffix mapped to no
#: format (``.csv``) names a file that no command writes whole.
_SUFFIX_FORMATS: dict[str, frozenset[str]] = {
    ".txt": frozenset({"text"}),
    ".md": frozenset({"markdown"}),
    ".markdown": frozenset({"markdown"}),
    ".html": frozenset({"html"}),
    ".htm": frozenset({"html"}),
    ".json": frozenset({"json", "popolo", "node-link", "cytoscape", "org-jsonld"}),
    ".jsonld": frozenset({"org-jsonld"}),
    ".yaml": frozenset({"yaml"}),
    ".yml": frozenset({"yaml"}),
    ".ttl": frozenset({"org-turtle"}),
    ".graphml": frozenset({"graphml"}),
    ".gexf": frozenset({"gexf"}),
    ".xml": frozenset({"graphml", "gexf"}),
    ".net": frozenset({"pajek"}),
    ".paj": frozenset({"pajek"}),
    ".zip": frozenset({"ucinet", "stata", "spells"}),
    ".parquet": frozenset({"parquet"}),
    ".csv": frozenset(),
    ".dta": frozenset(),
    ".xlsx": frozenset(),
    ".pdf": frozenset(),
}

#: The suffix to suggest for each format.
_FORMAT_SUFFIX: dict[str, str] = {
    "text": ".txt",
    "markdown": ".md",
    "html": ".html",
    "json": ".json",
    "yaml": ".yaml",
    "popolo": ".json",
    "org-jsonld": ".jsonld",
    "org-turtle": ".ttl",
    "graphml": ".graphml",
    "gexf": ".gexf",
    "node-link": ".json",
    "cytoscape": ".json",
    "ucinet": ".zip",
    "pajek": ".net",
    "stata": ".zip",
    "spells": ".zip",
    "parquet": "",
}


def _suffix(output: str) -> str:
    return Path(output).suffix.lower()


def _check_output(
    command: str, output: str | None, fmt: str, option: str, formats: Sequence[str]
) -> None:
    """Refuse an ``--output`` whose suffix govmodel knows and that does not fit ``fmt``;
    ``formats`` are those the command writes (the advice names only those)."""
    if not output:
        return
    suffix = _suffix(output)
    fits = _SUFFIX_FORMATS.get(suffix)
    if fits is None or fmt in fits:
        return
    good = (
        "a directory (no suffix, or .parquet)" if fmt == "parquet" else f"NAME{_FORMAT_SUFFIX[fmt]}"
    )
    if fits:
        can = sorted(fits.intersection(formats))
        said = f"{suffix} names {' or '.join(can or sorted(fits))}, not {option} {fmt}"
        if can:
            fix = f"name it {good}, or choose {option} {' or '.join(can)}"
        else:
            fix = (
                f"name it {good}; govmodel {command} writes no {suffix} file "
                f"(its formats: {', '.join(formats)})"
            )
    else:
        said = f"govmodel {command} writes no {suffix} file"
        fix = f"{option} {fmt} is written as {good}"
    raise _UsageError(f"govmodel {command}: --output {shown(output)}: {said}; {fix}")


_REPORT_FORMATS = ("text", "markdown", "json", "html")


def _report_format(args: argparse.Namespace, formats: Sequence[str] = _REPORT_FORMATS) -> str:
    """``--format``, or the one of ``formats`` the ``--output`` suffix names, or text."""
    fmt: str | None = args.format
    if fmt is None:
        named = _SUFFIX_FORMATS.get(_suffix(args.output)) if args.output else None
        choices = sorted(named & set(formats)) if named else []
        fmt = choices[0] if len(choices) == 1 else "text"
    _check_output(args.command, args.output, fmt, "--format", formats)
    return fmt


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
    shown_text = _shown_text(text) if tty else text
    # In pieces: a reader that goes away mid-way then fails the next piece (exit 141),
    # where one large write could lose the error in Python's buffered writer.
    for start in range(0, len(shown_text), _PIECE):
        out.write(shown_text[start : start + _PIECE])


_PIECE = 1 << 16


def _plugin_warning(name: str, exc: BaseException) -> None:
    from govmodel.models.registry import PluginWarning

    warnings.warn(
        f"model {name!r} cannot be used: {type(exc).__name__}: {exc}; skipped",
        PluginWarning,
        stacklevel=3,
    )


def _model(command: str, name: str, where: str) -> type[GovernanceModel]:
    """The model registered as ``name``; an unknown name is a usage error (exit 2)."""
    from govmodel.models import registry

    try:
        return registry.get(name)
    except ModelError:
        installed = registry.names()
        if name in installed:  # registered but cannot be loaded: not the user's typo
            raise
        import difflib

        close = difflib.get_close_matches(name, installed, n=2)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise _UsageError(
            f"govmodel {command}: no governance model named {shown(repr(name))} ({where}){hint}; "
            f"installed: {', '.join(installed)} (see govmodel models)"
        ) from None


def _cmd_models(args: argparse.Namespace, out: TextIO) -> int:
    from govmodel.models import registry

    rows = []
    for name in registry.names():
        try:
            m = registry.get(name)
            title = m.title_zh if args.lang == "zh" and m.title_zh else m.title
            src = m.source
            where = ""
            if src:
                place = src.place_zh if args.lang == "zh" and src.place_zh else src.place
                where = f"{place} ({src.report})"
            rows.append((name, str(title), str(where)))
        except Exception as exc:  # a plug-in's class attributes are its own code
            _plugin_warning(name, exc)
    width = max((len(r[0]) for r in rows), default=0)
    for name, title, where in rows:
        _say(out, f"{name:<{width}}  {title}  {where}".rstrip())
    return EXIT_OK


def _page_title(label: str, s: Structure, what: str) -> str:
    return f"{s.metadata.title or s.metadata.name or label} — {what}"


def _cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from govmodel.assess import assess
    from govmodel.render import html_document

    fmt = _report_format(args)
    if args.model is not None:
        cls = _model("report", args.model, "--model")
    label, s = _load_one(args)
    if args.model is None:
        if not s.metadata.model:
            raise _UsageError("govmodel report: the file names no model; pass --model NAME")
        cls = _model("report", s.metadata.model[0], f"{shown(label)}, metadata.model")
    with _progress.step(f"assess {cls.name}", progress=args.progress):
        a = assess(s, cls, as_of=args.as_of)
    text = a.render(fmt, args.lang)
    if fmt == "html":
        text = html_document(text, title=_page_title(label, s, a.model), lang=args.lang)
    _write(text, args.output, out)
    return EXIT_OK if a.ok else EXIT_FINDINGS


def _cmd_compare(args: argparse.Namespace, out: TextIO) -> int:
    from govmodel.assess import compare
    from govmodel.models import registry
    from govmodel.render import html_document

    fmt = _report_format(args)
    models: list[type[GovernanceModel]] = []
    if args.models is not None:
        names = _each_once(args.models)
        if not names:
            raise _UsageError("govmodel compare: --models names no model; give A,B,...")
        models = [_model("compare", name, "--models") for name in names]
    else:  # every model that can be made; a plug-in that cannot is named and skipped
        for name in registry.names():
            cls = registry.get(name)
            try:
                cls()
            except Exception as exc:
                _plugin_warning(name, exc)
                continue
            models.append(cls)
    label, s = _load_one(args)
    c = compare(s, models, as_of=args.as_of, progress=args.progress)
    text = c.render(fmt, args.lang)
    if fmt == "html":
        n = len(c.assessments)
        what = f"{n} 种模式对照" if args.lang == "zh" else f"{n} models compared"
        text = html_document(text, title=_page_title(label, s, what), lang=args.lang)
    _write(text, args.output, out)
    return EXIT_OK


def _cmd_tally(args: argparse.Namespace, out: TextIO) -> int:
    """:func:`govmodel.tally.run`: its files checked first, its usage errors exit 2."""
    from govmodel import tally

    for label in (args.roster, args.ballots):
        if label is not None:
            _check_file("tally", label, Path(label))
    try:
        return tally.run(args, out)
    except SpecError:
        raise
    except ValueError as exc:  # no BALLOTS, a file that is not .csv or .json
        raise _UsageError(f"govmodel tally: {exc}") from None


#: The entities a structure counts, in Chinese (measure word and noun), for ``demo --lang zh``.
_COUNTS_ZH = {
    "units": "个单元",
    "organizations": "个组织",
    "people": "人",
    "posts": "个职务",
    "ties": "条关系",
    "observations": "条观测",
    "decisions": "项决议",
}


def _counts_in(s: Structure, lang: str) -> str:
    """:func:`_counts` in ``lang`` (``en`` or ``zh``)."""
    if lang != "zh":
        return _counts(s)
    parts = [f"{n} {_COUNTS_ZH.get(name, name)}" for name, n in s.counts().items() if n]
    return "、".join(parts) if parts else "空"


#: The models ``demo`` runs, each on its bundled example.
_DEMO_MODELS = ("tripartite", "grid", "council", "eight_roles", "four_level")


def _cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    """Every built-in model on its example, as one document of ``--format``: text and
    Markdown, each report under a heading naming the example, then a summary; JSON, one
    object (``examples``: each example's model, structure, counts and assessment, as
    :meth:`govmodel.Assessment.to_dict`); HTML, one page (:func:`govmodel.render.html_document`).
    """
    import json

    from govmodel.assess import assess
    from govmodel.models import registry
    from govmodel.render import html_document, html_text, json_text, markdown

    lang, fmt = args.lang, args.format
    zh = lang == "zh"
    examples = []
    for name in _DEMO_MODELS:
        model = registry.get(name)
        s = model.example()
        examples.append((name, s, assess(s, model)))
    if fmt == "json":
        doc = {
            "examples": [
                {
                    "model": name,
                    "structure": s.metadata.name,
                    "title": s.metadata.title,
                    "counts": s.counts(),
                    "assessment": a.to_dict(lang),
                }
                for name, s, a in examples
            ]
        }
        _show(json_text(json.dumps(doc, ensure_ascii=False, indent=2)) + "\n", out)
        return EXIT_OK
    summary_word = "小结" if zh else "summary"

    def heading(name: str, s: Structure) -> str:
        return f"{name}: {s.metadata.title or s.metadata.name} ({_counts_in(s, lang)})"

    if fmt == "html":
        body = []
        for name, s, a in examples:
            body += [f"<h2>{html_text(heading(name, s))}</h2>", a.render("html", lang)]
        body.append(f"<h2>{summary_word}</h2>")
        body.append("<ul>")
        body += [f"<li>{html_text(f'{name}: {a.summary(lang)}')}</li>" for name, _, a in examples]
        body.append("</ul>")
        title = "govmodel 示例" if zh else "govmodel demo"
        text = html_document("\n".join(body), title=title, lang=lang)
    elif fmt == "markdown":
        parts = []
        for name, s, a in examples:
            parts += [f"# {markdown(heading(name, s))}", "", a.render("markdown", lang)]
        parts += [f"# {summary_word}", ""]
        parts += [f"- {markdown(f'{name}: {a.summary(lang)}')}" for name, _, a in examples]
        text = "\n".join(parts) + "\n"
    else:
        parts = []
        for name, s, a in examples:
            parts += [f"== {heading(name, s)}", a.render("text", lang)]
        parts.append(f"== {summary_word}")
        parts += [f"{name}: {a.summary(lang)}" for name, _, a in examples]
        text = "\n".join(parts) + "\n"
    _show(text, out)
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
    _check_output("export", args.output, args.to, "--to", io.EXPORT_FORMATS)
    _, s = _load_one(args)
    with _progress.step(f"export {args.to}", progress=args.progress):
        data = io.export(s, args.to, args.output)
    if args.output is None:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        _show(text if text.endswith("\n") else text + "\n", out)
    return EXIT_OK


def _cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from govmodel import io
    from govmodel.io.native import dumps

    suffix = _suffix(args.output) if args.output else ""
    if suffix in _SUFFIX_FORMATS and suffix not in (".json", ".yaml", ".yml"):
        raise _UsageError(
            f"govmodel import: --output {shown(args.output)}: import writes govmodel's own "
            "format; name the output .json, .yaml or .yml"
        )
    inputs = _inputs(args, directories=args.source_format == "parquet")
    label, p = inputs[0]
    if args.source_format == "parquet" and not p.is_dir():  # as a folder given for a file
        raise _UsageError(
            f"govmodel import: {shown(label)} is a file; --from parquet reads the directory "
            "of a Parquet dataset"
        )
    try:
        with _progress.step(f"import {shown(label)}", progress=args.progress):
            if args.source_format == "parquet":
                from govmodel.io.parquet import read_parquet

                s = read_parquet(p)
            else:
                s = io.import_(read_limited(p), args.source_format)
    except SpecError as exc:  # on standard error, as report and compare say theirs
        raise SpecError(exc.problems, source=exc.source or label) from None
    as_yaml = suffix in (".yaml", ".yml")
    _write(dumps(s, format="yaml" if as_yaml else "json"), args.output, out)
    return EXIT_OK


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return n


def _names(option: str, text: str | None) -> list[str] | None:
    """The names of ``A,B,...``, each once (a name given twice would be counted twice)."""
    if text is None:
        return None
    names = _each_once(text)
    if not names:
        raise _UsageError(f"govmodel national: {option} names nothing; give A,B,...")
    return names


def _each_once(text: str) -> list[str]:
    """The names of ``A,B,...`` in their order, spaces around them dropped, each once."""
    return list(dict.fromkeys(n.strip() for n in text.split(",") if n.strip()))


def _cmd_national(args: argparse.Namespace, out: TextIO) -> int:
    from govmodel import distributed, national
    from govmodel.errors import require

    if "" in args.paths:  # Path("") is the current folder, not a dataset asked for
        raise _UsageError("govmodel national: a PATH is empty; give a Parquet dataset or files")
    paths = [Path(p) for p in args.paths]
    dataset = len(paths) == 1 and paths[0].is_dir()
    for label, p in zip(args.paths, paths, strict=True):
        if not (dataset or p.is_file()):
            raise _UsageError(
                f"govmodel national: {_not_a_file(label, p, '')} (give one Parquet dataset "
                "directory, or one structure file per district)"
            )
        _not_the_input("national", args.output, label, p)
    if args.districts is not None and not dataset:
        raise _UsageError("govmodel national: --districts picks districts of a Parquet dataset")
    if args.workers is not None and args.scheduler is not None:
        raise _UsageError(
            "govmodel national: --workers sizes the local cluster; the cluster at --scheduler "
            "has its own workers (give one or the other)"
        )
    fmt = _report_format(args, _NATIONAL_FORMATS)
    models = _names("--models", args.models)
    if models is not None:
        models = [_model("national", m, "--models").name for m in models]
    districts = _names("--districts", args.districts)
    client = None
    quiet = None
    if args.scheduler is not None:
        dist: Any = require("distributed", "dask", feature="govmodel national --scheduler")
        client = dist.Client(args.scheduler)
    else:
        quiet = _quiet_local_workers()
    try:
        options: dict[str, Any] = {
            "client": client,
            "n_workers": args.workers,
            "validate": True,
            "as_of": args.as_of,
            "progress": args.progress,
        }
        if dataset:
            result = national.assess_parquet(paths[0], models, districts=districts, **options)
        else:
            result = distributed.assess_files(paths, models, **options)
    finally:
        if client is not None:
            client.close()
        if quiet is not None:
            _restore_environ("DASK_LOGGING", quiet)
    if fmt == "json":
        text = _national_json(result)
    else:
        text = _national_text(result, "district" if dataset else "file")
    _write(text, args.output, out)
    return EXIT_OK


_NATIONAL_FORMATS = ("text", "json")
_UNSET = object()


def _quiet_local_workers() -> object:
    """Keep the workers of the local cluster from logging a failed task (Dask's ``Compute
    Failed``, with a traceback, on standard error): the error comes back to the command,
    which reports it once, as one problem a line. Done through ``DASK_LOGGING``, which the
    worker processes read as they start, unless the user has set it; returns its old value
    (``_UNSET`` for none), for :func:`_restore_environ`."""
    old = os.environ.get("DASK_LOGGING", _UNSET)
    if old is not _UNSET:
        return old
    import json

    try:
        import dask
    except ImportError:  # assess_files says which extra to install
        return old
    logging = dask.config.get("logging", {})
    if isinstance(logging, dict) and "version" not in logging:  # not a dictConfig
        quiet = {**logging, "distributed.worker": "critical"}
        os.environ["DASK_LOGGING"] = json.dumps(quiet)
    return old


def _restore_environ(name: str, old: object) -> None:
    if old is _UNSET:
        os.environ.pop(name, None)
    else:
        os.environ[name] = str(old)


def _national_json(result: National) -> str:
    import json

    from govmodel.national import summary_to_json

    doc = {
        "total": json.loads(summary_to_json(result.total)),
        "districts": [json.loads(summary_to_json(s)) for s in result.districts],
        "seconds": result.seconds,
        "cores": result.cores,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _national_text(result: National, unit: str) -> str:
    from govmodel.render import number

    t = result.total
    c = t.counts
    n = len(result.districts)
    lines = [
        f"{n:,} {unit}{'s' if n != 1 else ''}: {t.nodes:,} nodes, {t.edges:,} edges "
        f"({result.cores} worker{'s' if result.cores != 1 else ''}, {result.seconds:.1f} s, "
        f"{result.per_core_throughput:.3g} {unit}s/s per worker)",
    ]
    compounds = c.get("compounds", 0)
    lines.append(
        f"compounds: {compounds:,}; with a party branch: {c.get('compounds_with_branch', 0):,} "
        f"({number(t.rate('compounds_with_branch', 'compounds'), 'share')}); "
        f"cross-appointed: {c.get('cross_appointed', 0):,}"
    )
    lines.append(
        f"people: {c.get('people', 0):,}; party members: {c.get('party_members', 0):,}; "
        f"households: {c.get('households', 0):,}; residents: {c.get('residents', 0):,}"
    )
    for model in sorted(set(t.findings) | set(t.measures)):
        found = t.findings.get(model, {})
        lines.append(f"{model}: {sum(found.values()):,} findings")
        for key, count in found.items():
            lines.append(f"  {key}: {count:,}")
        quantity = _quantities(model)
        for name, m in t.measures.get(model, {}).items():
            if m.count:
                value = number(m.value, quantity.get(name, "number"))
                lines.append(f"  {name} ({m.rollup} over {m.count:,} units): {value}")
    return "\n".join(shown(line) for line in lines) + "\n"


def _quantities(model: str) -> dict[str, str]:
    """The quantity of each measure of ``model`` (``share``, ``count`` or ``number``), which
    decides how it is shown, as in the reports (:func:`govmodel.render.number`)."""
    from govmodel.models import registry

    try:
        return {m.name: m.quantity for m in registry.get(model).measures()}
    except ModelError:  # a plug-in gone since the districts were assessed: plain numbers
        return {}


# -- the parser ---------------------------------------------------------------------------------

_PROGRESS_HELP = (
    "show (or hide) progress bars on standard error; by default they show when it is a "
    "terminal and the 'progress' extra (tqdm) is installed"
)


def _add_progress(p: argparse.ArgumentParser) -> None:
    """``--progress`` / ``--no-progress`` on a command: set only when given, so that the
    option before the command's name counts too."""
    p.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=argparse.SUPPRESS,
        help=_PROGRESS_HELP,
    )


def _add_file(p: argparse.ArgumentParser, what: str, *, dataset: bool = True) -> None:
    """The one FILE a command reads (or ``--dataset NAME``: one or the other, as the usage
    says, ``[FILE | --dataset NAME]``)."""
    if not dataset:
        p.add_argument("files", metavar="FILE", help=what)
        return
    one = p.add_mutually_exclusive_group()
    one.add_argument("files", nargs="?", metavar="FILE", help=what + " (or give --dataset NAME)")
    if dataset:
        one.add_argument(
            "--dataset",
            action="append",
            metavar="NAME",
            help="a bundled structure, by name (see govmodel datasets), instead of FILE",
        )


def _one_file_usage(p: argparse.ArgumentParser) -> None:
    """Say FILE and ``--dataset NAME`` together in ``p``'s usage, as the one or the other
    they are (argparse's own usage puts a positional argument apart from the options even
    in a mutually exclusive group). Call once every argument is added."""
    text = " ".join(p.format_usage().split()).removeprefix(f"usage: {p.prog} ")
    text = text.replace("[--dataset NAME] ", "").removesuffix(" [FILE]")
    parts = [*re.findall(r"\[[^\]]*\]|[^\s\[]+(?: [A-Z]\S*)?", text), "[FILE | --dataset NAME]"]
    indent = " " * len(f"usage: {p.prog} ")
    lines = [""]
    for part in parts:
        if lines[-1] and len(indent) + len(lines[-1]) + 1 + len(part) > 78:
            lines.append("")
        lines[-1] = f"{lines[-1]} {part}" if lines[-1] else part
    p.usage = "%(prog)s " + ("\n" + indent).join(lines)


class _Once(argparse.Action):
    """An option that names what the command works on (``--model``, ``--models``): given
    twice, it is a usage error, where argparse would keep the last and drop the first."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        if getattr(namespace, self.dest, None) is not None:
            advice = (
                "; to hold a structure against several models, use govmodel compare --models A,B"
                if self.dest == "model"
                else "; name them all in one, separated by commas: --models A,B"
            )
            parser.error(f"{self.option_strings[0]} is given twice{advice}")
        setattr(namespace, self.dest, values)


_LANG_HELP = "the language of the report: en (English) or zh (Chinese)"
_AS_OF_HELP = "assess the structure as it stood on DATE (YYYY, YYYY-MM or YYYY-MM-DD)"


def _build_parser() -> _Parser:
    parser = _Parser(
        prog="govmodel",
        description=(
            "Check, measure and assess the governance of residential compounds and communities."
        ),
        epilog=(
            "exit codes: 0 success; 1 invalid input, or findings of error severity in a "
            "report; 2 usage error; 130 interrupted; 141 the reader closed the pipe"
        ),
    )
    parser.add_argument("--version", action="version", version=f"govmodel {__version__}")
    parser.add_argument(
        "--progress", action=argparse.BooleanOptionalAction, default=None, help=_PROGRESS_HELP
    )
    sub = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        parser_class=_Parser,
        help="what to do (govmodel COMMAND --help describes each)",
    )

    p = sub.add_parser(
        "validate", help="check files against the format and the rules every structure obeys"
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="a .json, .yaml or .yml structure")
    p.add_argument(
        "--dataset", action="append", metavar="NAME", help="a bundled structure, by name"
    )
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    _add_progress(p)
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("datasets", help="list the bundled structures")
    p.set_defaults(func=_cmd_datasets)

    p = sub.add_parser("models", help="list the governance models (names, titles, sources)")
    p.add_argument("--lang", choices=("en", "zh"), default="en", help=_LANG_HELP)
    p.set_defaults(func=_cmd_models)

    formats = ", ".join(_REPORT_FORMATS)
    format_help = (
        f"{formats} (default: the format the --output suffix names, .txt, .md, .json or "
        ".html; otherwise text); html is a whole page"
    )

    p = sub.add_parser("report", help="assess a structure against a governance model")
    _add_file(p, "the structure, a .json, .yaml or .yml file")
    p.add_argument(
        "--model",
        action=_Once,
        metavar="NAME",
        help="the model (default: the file's first model)",
    )
    p.add_argument("--format", choices=_REPORT_FORMATS, metavar="FORMAT", help=format_help)
    p.add_argument("--lang", choices=("en", "zh"), default="en", help=_LANG_HELP)
    p.add_argument(
        "--as-of",
        metavar="DATE",
        help="assess the structure as it stood on DATE, under the rules in force on it",
    )
    p.add_argument("--output", metavar="PATH", help="write the report to PATH (atomically) instead")
    _add_progress(p)
    _one_file_usage(p)
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("compare", help="hold one structure against several models")
    _add_file(p, "the structure, a .json, .yaml or .yml file")
    p.add_argument(
        "--models",
        action=_Once,
        metavar="A,B,...",
        help="model names, separated by commas (default: every installed model)",
    )
    p.add_argument("--format", choices=_REPORT_FORMATS, metavar="FORMAT", help=format_help)
    p.add_argument("--lang", choices=("en", "zh"), default="en", help=_LANG_HELP)
    p.add_argument("--as-of", metavar="DATE", help=_AS_OF_HELP)
    p.add_argument(
        "--output", metavar="PATH", help="write the comparison to PATH (atomically) instead"
    )
    _add_progress(p)
    _one_file_usage(p)
    p.set_defaults(func=_cmd_compare)

    from govmodel.io import EXPORT_FORMATS, IMPORT_FORMATS

    p = sub.add_parser("export", help="write a structure in an exchange format")
    _add_file(p, "the structure, a .json, .yaml or .yml file")
    p.add_argument(
        "--to",
        required=True,
        choices=EXPORT_FORMATS,
        metavar="FORMAT",
        help="the format: " + ", ".join(EXPORT_FORMATS),
    )
    p.add_argument(
        "--output",
        metavar="PATH",
        help="write to PATH (atomically; a directory for parquet) instead of standard output",
    )
    _add_progress(p)
    _one_file_usage(p)
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser("import", help="read an exchange format into govmodel's own")
    _add_file(p, "the file to read (a directory for parquet)", dataset=False)
    p.add_argument(
        "--from",
        dest="source_format",
        required=True,
        choices=IMPORT_FORMATS,
        metavar="FORMAT",
        help="the format of FILE: " + ", ".join(IMPORT_FORMATS),
    )
    p.add_argument(
        "--output",
        metavar="PATH",
        help="write govmodel's format to PATH (.yaml or .yml: YAML; otherwise JSON)",
    )
    _add_progress(p)
    p.set_defaults(func=_cmd_import)

    p = sub.add_parser(
        "national",
        help="assess a nation district by district on a Dask cluster, merged exactly",
        description=(
            "Assess every district of a Parquet dataset (govmodel export --to parquet, or "
            "Spark/Hive in the same layout), or one structure file per district, on a Dask "
            "cluster: a local one by default, or the one at --scheduler. Needs the dask extra "
            "(and parquet for a dataset)."
        ),
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="one Parquet dataset directory, or one structure file (.json/.yaml) per district",
    )
    p.add_argument(
        "--models",
        action=_Once,
        metavar="A,B,...",
        help="model names, separated by commas (default: the five built-in models)",
    )
    p.add_argument(
        "--districts",
        metavar="A,B,...",
        help="assess only these districts of the dataset (default: all)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="the Dask scheduler to use (tcp://host:8786); default: a local cluster",
    )
    p.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help=(
            "worker processes of the local cluster, a whole number of 1 or more (default: "
            "one per CPU); never more than the districts or files, whose number caps it; "
            "not with --scheduler"
        ),
    )
    p.add_argument("--as-of", metavar="DATE", help=_AS_OF_HELP)
    p.add_argument(
        "--format",
        choices=_NATIONAL_FORMATS,
        metavar="FORMAT",
        help=(
            "text (the national figures) or json (every district's summary, exactly); "
            "default: json for an --output named .json, otherwise text"
        ),
    )
    p.add_argument("--output", metavar="PATH", help="write the result to PATH (atomically) instead")
    _add_progress(p)
    p.set_defaults(func=_cmd_national)

    from govmodel.tally import add_tally_parser

    add_tally_parser(sub).set_defaults(func=_cmd_tally)

    p = sub.add_parser("demo", help="run every built-in model on its bundled example")
    p.add_argument(
        "--format",
        choices=_REPORT_FORMATS,
        default="text",
        metavar="FORMAT",
        help=f"{formats} (default: text)",
    )
    p.add_argument("--lang", choices=("en", "zh"), default="en", help=_LANG_HELP)
    p.set_defaults(func=_cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None) -> int:
    """Run the command line; returns the exit code (see the module docstring).

    When the reader of standard output goes away (``govmodel demo | head -1``), the command
    stops quietly and returns 141; standard output is pointed at the null device, so that
    Python's own flush at exit cannot fail again.
    Interrupted (Ctrl-C, ``KeyboardInterrupt``), it stops without a traceback and returns
    130; a file being written with ``--output`` is left as it was.
    """
    out = stdout if stdout is not None else sys.stdout
    if out is None:  # started without standard output (govmodel ... >&-)
        out = _ClosedOutput()
    parser = _build_parser()
    caught: list[warnings.WarningMessage] = []
    try:
        try:
            with warnings.catch_warnings(record=True) as recording:
                warnings.simplefilter("always", _plugin_warning_class())
                try:
                    code = _run(parser, argv, out)
                    out.flush()
                finally:
                    caught = list(recording)
        finally:  # shown once the recording has stopped (shown inside, each would be recorded)
            for w in caught:
                if issubclass(w.category, _plugin_warning_class()):
                    _say(sys.stderr, "govmodel: warning: ", w.message)
                else:
                    warnings.showwarning(w.message, w.category, w.filename, w.lineno)
    except BrokenPipeError:
        _silence(out)
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:  # Ctrl-C: stopped, as a shell reports it, without a traceback
        return EXIT_INTERRUPTED
    return code


class _ClosedOutput(io.StringIO):
    """Standard output of a process started without one: writing to it fails as writing to
    a closed file descriptor does, so that a command with output to give says so (exit 2)
    and one that writes its output to ``--output`` runs."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _silence(out: TextIO) -> None:
    """Point a closed standard output at the null device (Python's own advice for EPIPE)."""
    if out is not sys.stdout and out is not sys.__stdout__:
        return
    try:
        fd = out.fileno()
    except (OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


def _plugin_warning_class() -> type[Warning]:
    from govmodel.models.registry import PluginWarning

    return PluginWarning


def _run(parser: _Parser, argv: Sequence[str] | None, out: TextIO) -> int:
    prefix = "govmodel: "
    try:
        try:
            with contextlib.redirect_stdout(out):  # argparse prints --help and --version there
                args, extra = parser.parse_known_args(list(argv) if argv is not None else None)
        except SystemExit as exc:  # after --help or --version: printed, and done
            if isinstance(out, _ClosedOutput):  # argparse drops the error of its write
                raise OSError(errno.EBADF, "standard output is closed") from None
            return exc.code if isinstance(exc.code, int) else EXIT_OK
        if getattr(args, "func", None) is None and not extra:
            parser.print_help(out)
            return EXIT_USAGE
        command = getattr(args, "command", None)
        if extra:
            _extra_arguments(command, extra)
        prefix = f"govmodel {command}: "
        if getattr(args, "output", None) == "":  # an unset variable: not standard output
            raise _UsageError(
                f"{prefix}--output is empty; give a path, or leave --output out to write to "
                "standard output"
            )
        if getattr(args, "output", None) == "-":  # the usual name of standard output
            args.output = None
        as_of = getattr(args, "as_of", None)
        if as_of is not None:  # a bad date: said before a file is read or a cluster started
            try:
                date_bounds(as_of)
            except ValueError as exc:
                raise _UsageError(f"{prefix}--as-of: {exc}") from None
        try:  # --progress without tqdm: said before any work starts
            _progress.wanted(args.progress)
        except MissingDependencyError as exc:
            raise _UsageError(f"{prefix}--progress: {exc}") from None
        return int(args.func(args, out))
    except BrokenPipeError:
        raise
    except _UsageError as exc:
        _say(sys.stderr, exc)
        return EXIT_USAGE
    except MissingDependencyError as exc:  # a feature whose extra is not installed
        _say(sys.stderr, prefix, exc)
        return EXIT_USAGE
    except SpecError as exc:
        n = len(exc.problems)
        where = f" in {exc.source}" if exc.source else ""
        _say(sys.stderr, prefix, f"{n} problem{'s' if n != 1 else ''}{where}:")
        for p in exc.problems:
            _say(sys.stderr, "  ", p.path, ": ", p.code, ": ", _on_the_command_line(p.message))
        return EXIT_FINDINGS
    except OutputError as exc:  # --output names a FIFO, a device, a folder, …: a usage error
        _say(sys.stderr, prefix, _os_message(exc))
        return EXIT_USAGE
    except GovModelError as exc:
        _say(sys.stderr, prefix, exc)
        return EXIT_FINDINGS
    except (OSError, ValueError) as exc:  # a bad suffix or date, an unwritable --output, …
        _say(sys.stderr, prefix, _os_message(exc) if isinstance(exc, OSError) else exc)
        return EXIT_USAGE


#: The commands that read one FILE.
_ONE_FILE = frozenset({"report", "compare", "export", "import"})


def _extra_arguments(command: str | None, extra: list[str]) -> None:
    """The usage error of arguments no option took: a second FILE where one is read is
    said as such, anything else is unrecognized."""
    said = " ".join(shown(a) for a in extra)
    if command in _ONE_FILE and not any(a.startswith("-") for a in extra):
        dataset = "" if command == "import" else " (or --dataset NAME)"
        raise _UsageError(f"govmodel {command}: give exactly one FILE{dataset}; also given: {said}")
    where = f"govmodel {command}" if command else "govmodel"
    raise _UsageError(f"{where}: error: unrecognized arguments: {said}")


def _os_message(exc: OSError) -> str:
    """An OS error's message without Python's ``[Errno 2]``, naming its file."""
    if not exc.strerror:
        return str(exc)
    if exc.filename is not None and os.fspath(exc.filename) not in exc.strerror:
        return f"{exc.strerror}: {os.fspath(exc.filename)}"
    return exc.strerror


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
