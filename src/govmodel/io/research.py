"""Exports for researchers' tools: UCINET, Pajek, Stata, and R's networkDynamic.

Each export takes a structure's graph (:func:`govmodel.to_graph`) and returns the bytes or
text of one file; :func:`govmodel.io.export` (``govmodel export --to FORMAT --output PATH``)
writes it. Formats that need several tables are a ZIP archive of them, written
deterministically (the same structure always gives the same bytes), so that one export is
always one file:

============ ======= =========================================================================
format       output  contents
============ ======= =========================================================================
``ucinet``   ZIP     ``nodes.csv``, the label table (UTF-8); one UCINET DL file per relation
                     (ASCII); ``relations.csv``, which file holds which relation
``pajek``    text    a Pajek ``.net`` file (UTF-8): the vertices labelled by their ids, one
                     arc per edge labelled with its relation
``stata``    ZIP     ``nodes.dta`` and ``edges.dta``: the frames of
                     :func:`~govmodel.io.frames.to_frames` as Stata 14+ datasets (format
                     118, UTF-8)
``spells``   ZIP     ``vertex_spells.csv`` and ``edge_spells.csv`` for R's networkDynamic
============ ======= =========================================================================

UCINET
    UCINET does not read Unicode, so each DL file is ASCII: the nodes are labelled with their
    ids where an id is a plain ASCII word (a letter or ``_``, then letters, digits, ``_``,
    ``.`` and ``-``, at most 32 in all) and with ``v`` and their position (``v17``)
    otherwise, or where the id is, ignoring case, an earlier node's label (UCINET reads
    labels in upper case: ``Ab`` and ``ab`` would be one). ``nodes.csv`` maps each label
    to the node's ``id``, ``entity``, ``kind`` and ``name``, in the DL files' order. Each
    relation (``contains``, ``post``, ``located_in``, ``leads``, the ties' relations) is a
    DL file in ``EDGELIST1`` format over all the nodes, so that the matrices line up in
    UCINET (*Data > Join*); the value of an entry is how many edges of that relation go
    from the row's node to the column's. The file is named after the
    relation where that is a plain ASCII word (not starting with ``-``), else ``relation``
    and a number, with ``_`` after a name Windows reserves for a device (``aux_.dl``);
    ``relations.csv`` lists ``file``, ``relation`` and ``edges``.
Pajek
    Vertices are numbered from 1 in graph order and labelled with their ids; arcs (the graph
    is directed) carry the value 1 and their relation as the label ``l "…"``, one arc per
    edge. Pajek has no escape inside quotes, so in labels the characters ``%``, ``"``, ``\\``,
    ``*`` (which R's ``network::read.paj`` takes for the start of a section, ``*Arcs``,
    anywhere in a line) and those that are not printable (line separators, controls) are
    written as ``%XX`` escapes of their UTF-8 bytes, and in an arc's label the spaces too
    (``read.paj`` splits an arc's line at its spaces, quotes or not); a label ``NA``, which
    ``read.paj`` reads as a missing name, is ``%4EA``: ``urllib.parse.unquote(label)`` gives
    the id back exactly.
    Names are not in the file (Pajek labels must be unique, names need not be): join them
    from ``nodes.csv`` of the ``ucinet`` export or ``nodes.dta``.
Stata
    See :func:`to_stata` for the rules: names Stata refuses are made valid (the original name
    becomes the variable's label), and each column becomes the Stata type that holds its
    values exactly.
spells
    networkDynamic's spell matrices: ``edge_spells.csv`` has ``onset``, ``terminus``,
    ``tail`` and ``head`` first (then ``relation``, ``role``, ``edge_id``, ``onset_date`` and
    ``terminus_date``), ``vertex_spells.csv`` has ``onset``, ``terminus`` and ``vertex_id``
    first (then ``id``, ``entity``, ``kind``, ``name``, ``onset_date`` and
    ``terminus_date``). Vertices are numbered from 1 in graph order. Time is in days since
    1970-01-01 (R's ``Date`` numbers: ``as.Date(onset, origin = "1970-01-01")``), and a
    spell is half-open, ``[onset, terminus)``, as networkDynamic's are: a post from
    ``"2019"`` to ``"2021"`` runs from 2019-01-01 to the day after 2021-12-31. An open start
    or end is ``-Inf`` or ``Inf``. Posts and ties have their own dates; the structural edges
    (``contains``, ``located_in``, ``leads``, …) and the units, organizations, observations
    and decisions are always active. A person is active while they hold a post or take part
    in a tie (the union of those spells), and always if they have none. A post or tie that
    ends before it starts has no spell networkDynamic takes: the export refuses it with
    the :class:`~govmodel.errors.SpecError` of the structure's problems.

The CSV files are UTF-8 without a byte order mark, with ``\\n`` line ends, a header row, and
text quoted only where it must be (RFC 4180). Read them with their types:
``pd.read_csv(f, keep_default_na=False, dtype={"name": str, ...})`` in pandas,
``read.csv(unz("x.zip", "edge_spells.csv"), encoding = "UTF-8", colClasses = "character",
na.strings = character(0))`` in R, then the leading numeric columns ``as.numeric`` (R's
default reading makes an id ``007`` the number 7, an id or name ``NA`` missing, a name
``TRUE`` logical). Their text columns (ids, names, kinds, relations, roles) are written
safe for spreadsheets by default: text that a spreadsheet would run as a formula (starting
with ``=``, ``+``, ``-``, ``@``, a tab, …) gets an apostrophe in front
(:func:`govmodel.io.frames.escape_formula`; undo it with
:func:`~govmodel.io.frames.unescape_formula`). ``export_ucinet(s, safe=False)`` and
``export_spells(s, safe=False)`` write the text exactly as it is.

Needs the ``pandas`` extra for ``stata``; the others need nothing. :doc:`/guide/research`
shows each in use, in R and Stata too.

Examples
--------
>>> import govmodel, io, zipfile
>>> s = govmodel.datasets.load("xihu")
>>> sorted(zipfile.ZipFile(io.BytesIO(govmodel.io.export(s, "spells"))).namelist())
['edge_spells.csv', 'vertex_spells.csv']
>>> govmodel.io.export(s, "pajek").splitlines()[:2]
['*Vertices 128', '1 "xh"']
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
import urllib.parse
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

import networkx as nx

from govmodel._convert import shown, text_of
from govmodel.errors import Problem, SpecError, require
from govmodel.graph import _STRUCTURAL, to_graph
from govmodel.io.frames import _scalar, escape_formula
from govmodel.io.native import _unwritable
from govmodel.spec import Structure, date_bounds

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "EXPORTERS",
    "STATA_RESERVED",
    "export_pajek",
    "export_spells",
    "export_stata",
    "export_ucinet",
    "stata_names",
    "to_stata",
]

_ASCII_WORD: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]{0,31}")
# a file name that starts with "-" is an option to a command and a formula to a spreadsheet
_FILE_WORD: Final = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_\-]{0,39}")
_EPOCH: Final = dt.date(1970, 1, 1)
#: Names no DL file takes: the archive's tables, and the device names Windows (where UCINET
#: runs) reserves with any extension, which no file there can have (``aux.dl``).
_TAKEN_STEMS: Final = frozenset(
    {"nodes", "relations", "con", "prn", "aux", "nul"}
    | {f"{d}{i}" for d in ("com", "lpt") for i in range(10)}
)


# -- shared ------------------------------------------------------------------------------------


def _zip(files: Sequence[tuple[str, str | bytes]]) -> bytes:
    """A ZIP archive of the files, the same bytes for the same files (fixed dates, modes)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in files:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, content.encode("utf-8") if isinstance(content, str) else content)
    return buf.getvalue()


def _csv(
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    text: Sequence[str] = (),
    safe: bool = True,
) -> str:
    """A CSV table; with ``safe``, the ``text`` columns escaped where a spreadsheet would read
    a formula (:func:`govmodel.io.frames.escape_formula`)."""
    buf = _Lines()
    # with "\r\n" as the writer's line end, a field holding a lone carriage return is
    # quoted too (pandas and R end a row there); each row's end is then written "\n"
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    if safe and text:
        at = [header.index(c) for c in text]
        rows = (
            [escape_formula(v) if i in at and isinstance(v, str) else v for i, v in enumerate(r)]
            for r in rows
        )
    w.writerows(rows)
    return "".join(buf.lines)


class _Lines:
    """The rows a :func:`csv.writer` writes (one ``write`` a row), each ending ``\\n``."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def write(self, row: str) -> None:
        self.lines.append(row[:-2] + "\n")  # the "\r\n" the writer ends each row with


def _graph(structure: Structure | nx.MultiDiGraph) -> Any:
    return structure if isinstance(structure, nx.Graph) else to_graph(structure)


def _text(value: object) -> str:
    return "" if value is None else text_of(value)


# -- UCINET ------------------------------------------------------------------------------------


def _dl_labels(nodes: Sequence[Any]) -> list[str]:
    """ASCII labels for the nodes: the id where it is a plain ASCII word, else ``v<i>``.

    Labels are unique ignoring case, as UCINET reads them (in upper case): of ids that
    differ only in case (``Ab``, ``ab``), the first keeps its id."""
    ids = [text_of(n) for n in nodes]
    plain = {i.lower() for i in ids if _ASCII_WORD.fullmatch(i)}
    used: set[str] = set()
    out = []
    for pos, i in enumerate(ids, 1):
        if i.lower() not in used and _ASCII_WORD.fullmatch(i):
            label = i
        else:
            label = f"v{pos}"
            while label.lower() in plain or label.lower() in used:
                label += "_"
        used.add(label.lower())
        out.append(label)
    return out


def export_ucinet(structure: Structure | nx.MultiDiGraph, *, safe: bool = True) -> bytes:
    """A ZIP of UCINET DL files, one per relation, and their label table.

    See :mod:`govmodel.io.research` for the layout. Every DL file is ASCII; ``nodes.csv``
    (UTF-8) holds ``label``, ``id``, ``entity``, ``kind`` and ``name`` of each node, in the
    DL files' order.

    Parameters
    ----------
    structure
        A structure or its graph.

    Returns
    -------
    bytes
        The ZIP archive.

    Examples
    --------
    >>> import govmodel, io, zipfile
    >>> z = zipfile.ZipFile(io.BytesIO(govmodel.io.export(govmodel.datasets.load("xihu"), "ucinet")))
    >>> z.namelist()[:3]
    ['nodes.csv', 'relations.csv', 'contains.dl']
    >>> z.read("contains.dl").decode("ascii").splitlines()[:5]
    ['DL N=128', 'FORMAT = EDGELIST1', 'LABELS:', 'xh', 'xh-s1']
    """
    G = _graph(structure)
    nodes = list(G)
    labels = _dl_labels(nodes)
    position = {n: i for i, n in enumerate(nodes, 1)}
    node_table = _csv(
        ["label", "id", "entity", "kind", "name"],
        (
            [
                lab,
                text_of(n),
                _text(G.nodes[n].get("entity")),
                _text(G.nodes[n].get("kind")),
                _text(G.nodes[n].get("name")),
            ]
            for lab, n in zip(labels, nodes, strict=True)
        ),
        text=("id", "entity", "kind", "name"),
        safe=safe,
    )
    counts: dict[str, dict[tuple[int, int], int]] = {}
    for u, v, d in G.edges(data=True):
        pair = (position[u], position[v])
        by_pair = counts.setdefault(text_of(d.get("relation", "")), {})
        by_pair[pair] = by_pair.get(pair, 0) + 1
    head = f"DL N={len(nodes)}\nFORMAT = EDGELIST1\nLABELS:\n" + "".join(
        f"{lab}\n" for lab in labels
    )
    files: list[tuple[str, str | bytes]] = [("nodes.csv", node_table)]
    relations = []
    dl_files: list[tuple[str, str | bytes]] = []
    taken: set[str] = set()
    for k, (relation, by_pair) in enumerate(counts.items(), 1):
        stem = relation if _FILE_WORD.fullmatch(relation) else f"relation{k}"
        while stem.lower() in taken or stem.lower() in _TAKEN_STEMS:
            stem += "_"
        taken.add(stem.lower())
        data = "".join(f"{i} {j} {c}\n" for (i, j), c in sorted(by_pair.items()))
        dl_files.append((f"{stem}.dl", (head + "DATA:\n" + data).encode("ascii")))
        relations.append([f"{stem}.dl", relation, sum(by_pair.values())])
    files.append(
        (
            "relations.csv",
            _csv(["file", "relation", "edges"], relations, text=("relation",), safe=safe),
        )
    )
    return _zip(files + dl_files)


# -- Pajek -------------------------------------------------------------------------------------


#: Written as ``%XX`` in Pajek labels besides the unprintable characters: ``*`` too, which
#: R's ``network::read.paj`` takes, anywhere in a line, for a section (``*Arcs``, ``*Matrix``).
_PAJEK_ESCAPED: Final = '%"\\*'


#: Escaped in an arc's label besides: R's ``read.paj`` splits an arc's line at its spaces,
#: quotes or not, and fails on a line of more words than the others, or takes one with a
#: word starting with ``%`` for a comment and loses the arc.
_PAJEK_ARC_ESCAPED: Final = _PAJEK_ESCAPED + " "


def _pajek_label(value: object, escaped: str = _PAJEK_ESCAPED) -> str:
    text = text_of(value)
    if text == "NA":  # R's read.paj reads a label NA, quoted or not, as a missing name
        return "%4EA"
    if all(ch.isprintable() and ch not in escaped for ch in text):
        return text
    return "".join(
        ch
        if ch.isprintable() and ch not in escaped
        else urllib.parse.quote(ch, safe="", errors="surrogatepass")
        for ch in text
    )


def export_pajek(structure: Structure | nx.MultiDiGraph) -> str:
    """A Pajek ``.net`` file: vertices labelled by their ids, an arc per edge.

    Vertices are numbered from 1 in graph order. Each arc has the value 1 and its relation
    as its label (``1 2 1 l "contains"``); parallel edges are parallel arcs. In labels,
    ``%``, ``"``, ``\\``, ``*`` and unprintable characters are ``%XX`` escapes, and so are
    spaces in an arc's label and the ``N`` of a label ``NA`` (undo them with
    :func:`urllib.parse.unquote`).

    Parameters
    ----------
    structure
        A structure or its graph.

    Returns
    -------
    str
        The file's text (write it as UTF-8).

    Examples
    --------
    >>> import govmodel
    >>> text = govmodel.io.export(govmodel.datasets.load("xihu"), "pajek")
    >>> lines = text.splitlines()
    >>> lines[0], lines[129], lines[130]
    ('*Vertices 128', '*Arcs', '1 2 1 l "contains"')
    """
    G = _graph(structure)
    nodes = list(G)
    position = {n: i for i, n in enumerate(nodes, 1)}
    out = [f"*Vertices {len(nodes)}\n"]
    out += [f'{i} "{_pajek_label(n)}"\n' for i, n in enumerate(nodes, 1)]
    out.append("*Arcs\n")
    arc = _PAJEK_ARC_ESCAPED
    out += [
        f'{position[u]} {position[v]} 1 l "{_pajek_label(d.get("relation", ""), arc)}"\n'
        for u, v, d in G.edges(data=True)
    ]
    return "".join(out)


# -- Stata -------------------------------------------------------------------------------------

#: Names no variable may take: Stata's reserved names and Mata's reserved words, which
#: pandas' Stata writer refuses too (``str1`` to ``str2045`` are reserved as well).
STATA_RESERVED: Final = frozenset(
    {
        "NULL", "_N", "_all", "_b", "_coef", "_cons", "_n", "_pi", "_pred", "_rc", "_se",
        "_skip", "aggregate", "array", "boolean", "break", "byte", "case", "catch", "class",
        "colvector", "complex", "const", "continue", "default", "delegate", "delete", "do",
        "double", "else", "eltypedef", "end", "enum", "explicit", "export", "external",
        "float", "for", "friend", "function", "global", "goto", "if", "in", "inline", "int",
        "local", "long", "pragma", "protected", "quad", "rowvector", "short", "strL",
        "typedef", "typename", "using", "virtual", "with",
    }
)  # fmt: skip
_STR_N: Final = re.compile(r"str[0-9]+")
_STATA_LONG: Final = (-2_147_483_647, 2_147_483_620)
#: The whole numbers Stata's byte, int and long hold (the rest of each range is its missing
#: values), by the dtype pandas writes as each.
_STATA_WHOLE: Final = {"int8": (-127, 100), "int16": (-32_767, 32_740), "int64": _STATA_LONG}
_EXACT: Final = 2**53
#: The largest double Stata stores; larger ones are its missing values (``.``, ``.a``, …).
_STATA_DOUBLE: Final = 8.988465674311579e307
#: The most variables a dataset of format 118 holds.
_STATA_VARIABLES: Final = 32_767


def _check_width(columns: int, what: str) -> None:
    """Refuse, before any work, a table of more columns than a Stata dataset holds."""
    if columns > _STATA_VARIABLES:
        raise ValueError(
            f"{what} has {columns:,} columns: a Stata dataset (format 118, Stata 14 and "
            f"later) holds at most {_STATA_VARIABLES:,} variables"
        )


def _stata_char_ok(ch: str) -> bool:
    # pandas' rule for format 118: ASCII letters, digits and _, or code points from U+00C0
    # that are letters or digits (Stata 14+ takes Unicode names)
    if ord(ch) < 128:
        return ch.isascii() and (ch.isalnum() or ch == "_")
    return ord(ch) >= 192 and ch not in "×÷" and (ch.isalpha() or ch.isdigit())


def stata_names(names: Iterable[str]) -> dict[str, str]:
    """Valid Stata variable names for column names: ``{name: stata name}``.

    A valid name is 1 to 32 characters of letters, digits and ``_`` (ASCII, or Unicode
    letters from U+00C0: Stata 14+), does not start with a digit, and is not reserved
    (:data:`STATA_RESERVED`: Stata's and Mata's reserved words, ``str1`` to
    ``str2045``). Each other character becomes ``_``;
    a name that would start with a digit, or be empty, gets a leading ``_``; a reserved
    name gets a trailing ``_``; a name longer than 32 characters is cut; and a name that is
    then already taken gets ``_2``, ``_3``, … (cut to fit). Valid names are kept as they
    are, and come first, so that they never change because of another.

    Examples
    --------
    >>> from govmodel.io.research import stata_names
    >>> stata_names(["households", "floor area (m²)", "2019", "in", "户数"])
    {'households': 'households', 'floor area (m²)': 'floor_area__m__', '2019': '_2019', 'in': 'in_', '户数': '户数'}
    """
    names = list(names)
    out: dict[str, str] = {}
    taken: set[str] = set()

    def valid(n: str) -> bool:
        return (
            0 < len(n) <= 32
            and all(map(_stata_char_ok, n))
            and not n[0].isdigit()
            and n not in STATA_RESERVED
            and not _STR_N.fullmatch(n)
        )

    for n in names:
        if valid(n) and n not in taken:
            out[n] = n
            taken.add(n)
    suffix_from: dict[str, int] = {}  # the next suffix to try for each base name
    for n in names:
        if n in out:
            continue
        m = "".join(ch if _stata_char_ok(ch) else "_" for ch in n)
        if not m or m[0].isdigit():
            m = "_" + m
        if m in STATA_RESERVED or _STR_N.fullmatch(m):
            m += "_"
        m = m[:32]
        candidate, k = m, suffix_from.get(m, 1)
        if k > 1:
            candidate = m[: 32 - len(f"_{k}")] + f"_{k}"
        while candidate in taken or not valid(candidate):
            k += 1
            suffix = f"_{k}"
            candidate = m[: 32 - len(suffix)] + suffix
        suffix_from[m] = k
        out[n] = candidate
        taken.add(candidate)
    return {n: out[n] for n in names}


def _stata_column(pd: Any, values: Any, name: str) -> Any:
    """A column Stata holds exactly (see :func:`to_stata`)."""
    dtype = str(values.dtype)
    # numpy's scalars (an object column keeps them as they are) as Python's
    items = [_scalar(v) for v in values.tolist()]
    present = [v for v in items if not _missing(v)]
    gaps = len(present) != len(values)
    kinds = set(map(type, present))
    if dtype == "bool" or (kinds == {bool} and not gaps):
        return pd.array([int(v) for v in items], dtype="int8")
    if dtype == "boolean" or kinds == {bool}:
        return pd.array([None if _missing(v) else int(v) for v in items], dtype="Float64").astype(
            "float64"
        )
    if dtype.startswith("datetime64") or (kinds and all(issubclass(k, dt.date) for k in kinds)):
        # dates and times (pandas' Timestamp is a datetime): their ISO 8601 text
        return pd.array(["" if _missing(v) else v.isoformat() for v in items], dtype="str")
    text = dtype in ("str", "string") or (bool(kinds) and kinds <= {str})
    if text and not any("\x00" in v for v in present):
        return pd.array(["" if _missing(v) else v for v in items], dtype="str")
    if kinds and kinds <= {int}:
        ints = [int(v) for v in present]
        if all(-_EXACT < v < _EXACT for v in ints):
            if not gaps and all(_STATA_LONG[0] <= v <= _STATA_LONG[1] for v in ints):
                # the narrowest of byte, int and long (pandas writes an int64 as a long)
                lo, hi = min(ints), max(ints)
                width = next(t for t, (a, b) in _STATA_WHOLE.items() if a <= lo and hi <= b)
                return pd.array(ints, dtype=width)
            return pd.array(
                [math.nan if _missing(v) else float(int(v)) for v in items], dtype="float64"
            )
        return pd.array(["" if _missing(v) else str(int(v)) for v in items], dtype="str")
    if kinds <= {float} or (kinds and kinds <= {int, float}):
        ints_ok = all(-_EXACT < v < _EXACT for v in present if isinstance(v, int))
        # a double beyond Stata's largest would be one of its missing values: text instead
        if ints_ok and all(-_STATA_DOUBLE <= v <= _STATA_DOUBLE for v in present):
            return pd.array([math.nan if _missing(v) else float(v) for v in items], dtype="float64")
    return pd.array(["" if _missing(v) else _json_text(v, name) for v in items], dtype="str")


def _json_text(value: Any, name: str) -> str:
    try:
        return json.dumps(value.item() if hasattr(value, "item") else value, ensure_ascii=False)
    except TypeError:  # bytes, a time span, a complex number …
        kind = type(value).__name__
        raise TypeError(
            f"column {name!r}: a value of type {kind} has no Stata type; convert it first"
        ) from None


def _missing(v: object) -> bool:
    return (
        v is None
        or (isinstance(v, float) and math.isnan(v))
        or type(v).__name__ in ("NAType", "NaTType")
    )


def to_stata(frame: pd.DataFrame, *, label: str = "") -> bytes:
    """A data frame as a Stata dataset (``.dta``, format 118: Stata 14 and later, UTF-8).

    Every column is written so that Stata holds its values exactly, and
    :func:`pandas.read_stata` reads them back:

    ==================================== ============================== ====================
    column                               Stata                          ``pandas.read_stata``
    ==================================== ============================== ====================
    text (``str``, ``string``)           ``str#`` or ``strL``; a        ``str``
                                         missing value is ``""``
    ``bool``, or booleans as objects     ``byte`` 0/1                   ``int8``
    ``boolean``, or booleans with gaps   ``double`` 0/1/``.``           ``float64``
    whole numbers (``int64``), no gaps   ``byte``/``int``/``long`` by   ``int8``…``int32``,
                                         range, ``double`` beyond       or ``float64``
                                         ``long`` (exact up to 2**53)
    whole numbers with gaps (``Int64``)  ``double``, gaps ``.``         ``float64``
    real numbers (``float64``)           ``double``, gaps ``.``         ``float64``
    numbers beyond ±2**53                ``str``: their decimal digits  ``str``
    reals beyond Stata's largest double  ``str``: each value's JSON     ``str``
    (±8.988e307)                         text (``1e+308``)
    mixed types (``object``)             ``double`` when all numbers;   ``float64`` or
                                         else ``str``: each value's     ``str``
                                         JSON text (``true``, ``7``,
                                         ``"7"``)
    text holding a NUL character (which  ``str``: each value's JSON     ``str``
    ends a Stata string)                 text (``"a\\u0000b"``)
    dates and times (``datetime64``,     ``str``: ISO 8601 text         ``str``
    ``datetime.date``)                   (``2020-01-01T00:00:00``), a
                                         missing value ``""``
    ==================================== ============================== ====================

    Stata reads a date such as ``2020-01-01`` back with ``date(x, "YMD")``. A value of any
    other type JSON has no text for (``bytes``, a time span) is refused with a ``TypeError``
    naming its column.

    Column names Stata refuses are made valid by :func:`stata_names`; every variable whose
    name changed has its original name as its label (cut to Stata's 80 characters). The
    index is not written: reset it first to keep it (``frame.reset_index()``). A frame of
    more than 32,767 columns, which format 118 cannot hold, or of two columns of one name,
    is refused with a ``ValueError`` before any column is converted.

    Parameters
    ----------
    frame
        The data frame (columns named by strings).
    label
        The dataset's label (cut to 80 characters).

    Returns
    -------
    bytes
        The ``.dta`` file.

    Examples
    --------
    >>> import io, pandas as pd
    >>> from govmodel.io.research import to_stata
    >>> df = pd.DataFrame({"place": ["北京", "x"], "year 2019": [1, 2], "ok": [True, False]})
    >>> back = pd.read_stata(io.BytesIO(to_stata(df)))
    >>> back.columns.tolist(), back["year_2019"].tolist(), back["ok"].tolist()
    (['place', 'year_2019', 'ok'], [1, 2], [1, 0])
    """
    pd: Any = require("pandas", "pandas", feature="govmodel.io.research.to_stata")
    _check_width(len(frame.columns), "the frame")
    seen: set[str] = set()
    for c in frame.columns:
        if not isinstance(c, str):
            raise TypeError(f"column {c!r}: Stata variables are named by strings")
        if c in seen:
            raise ValueError(
                f"column {c!r} appears twice: a Stata dataset names each variable once"
            )
        seen.add(c)
    names = stata_names(frame.columns)
    data = {names[c]: _stata_column(pd, frame[c], c) for c in frame.columns}
    out = pd.DataFrame(data)
    long_text = [
        n
        for n, col in data.items()
        if str(col.dtype) == "str" and any(len(str(v).encode("utf-8")) > 2045 for v in col)
    ]
    labels = {names[c]: c[:80] for c in frame.columns if names[c] != c}
    buf = io.BytesIO()
    out.to_stata(
        buf,
        write_index=False,
        version=118,
        variable_labels=labels or None,
        data_label=label[:80] or None,
        convert_strl=long_text or None,
        time_stamp=dt.datetime(2000, 1, 1),
    )
    return buf.getvalue()


def export_stata(structure: Structure | nx.MultiDiGraph) -> bytes:
    """A ZIP of ``nodes.dta`` and ``edges.dta``: the frames of a structure as Stata datasets.

    The frames are those of :func:`govmodel.io.frames.to_frames`, the nodes' index as the
    first variable ``id``; each is written by :func:`to_stata` (see its table of types and
    its rule for names). Needs the ``pandas`` extra.

    Examples
    --------
    >>> import govmodel, io, zipfile, pandas as pd
    >>> z = zipfile.ZipFile(io.BytesIO(govmodel.io.export(govmodel.datasets.load("xihu"), "stata")))
    >>> nodes = pd.read_stata(io.BytesIO(z.read("nodes.dta")))
    >>> nodes.loc[nodes.id == "xh-c1", ["name", "households"]].values.tolist()
    [['铁路新村', 320.0]]
    """
    from govmodel.io.frames import to_frames

    nodes, edges = to_frames(structure)
    _check_width(len(nodes.columns) + 1, "nodes.dta")  # and the index, as the variable id
    _check_width(len(edges.columns), "edges.dta")
    name = ""
    if isinstance(structure, Structure):
        name = structure.metadata.name
    nodes = nodes.reset_index()
    # the ids are text even in a table of no rows (whose columns pandas holds as objects,
    # which to_stata would write as numbers), so that the tables of two exports append
    for frame, ids in ((nodes, ("id",)), (edges, ("source", "target", "key"))):
        if len(frame) == 0:
            for c in ids:
                if c in frame.columns:
                    frame[c] = frame[c].astype("string")
    return _zip(
        [
            ("nodes.dta", to_stata(nodes, label=name)),
            ("edges.dta", to_stata(edges, label=name)),
        ]
    )


# -- spells ------------------------------------------------------------------------------------


def _day(value: str) -> float:
    return float((dt.date.fromisoformat(value) - _EPOCH).days)


def _spell(start: object, end: object) -> tuple[float, float]:
    """``[onset, terminus)`` in days since 1970-01-01 for partial dates (open: ∓inf)."""
    onset = _day(date_bounds(text_of(start))[0]) if start is not None else -math.inf
    if end is None:
        return onset, math.inf
    last = dt.date.fromisoformat(date_bounds(text_of(end))[1])
    return onset, float((last - _EPOCH).days + 1)


def _merge(spells: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for a, b in sorted(spells):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _num(x: float) -> str:
    if math.isinf(x):
        return "Inf" if x > 0 else "-Inf"
    return str(int(x))


def _date_text(x: float, *, end: bool) -> str:
    if math.isinf(x):
        return ""
    day = _EPOCH + dt.timedelta(days=int(x) - (1 if end else 0))
    return day.isoformat()


def _dated(d: Mapping[str, Any]) -> bool:
    """Whether a graph's edge is a post or a tie (as :func:`govmodel.from_graph` reads it),
    ``seq`` or not."""
    relation = d.get("relation")
    if d.get("tie", False) is not False:
        return True
    return isinstance(relation, str) and relation not in _STRUCTURAL and relation != "vote"


def export_spells(structure: Structure | nx.MultiDiGraph, *, safe: bool = True) -> bytes:
    """A ZIP of networkDynamic's vertex and edge spell tables, as CSV.

    See :mod:`govmodel.io.research` for the columns, the time scale (days since 1970-01-01,
    half-open spells, ``Inf`` for open ends) and which spells each entity has. In R::

        library(networkDynamic)
        # every column as text, so that ids such as "007" and "NA" stay as they are
        read <- function(f) read.csv(unz("x.zip", f), encoding = "UTF-8",
                                     colClasses = "character", na.strings = character(0))
        v <- read("vertex_spells.csv"); v[1:3] <- lapply(v[1:3], as.numeric)
        e <- read("edge_spells.csv"); e[1:4] <- lapply(e[1:4], as.numeric)
        nd <- networkDynamic(vertex.spells = v[, 1:3], edge.spells = e[, 1:4])

    Examples
    --------
    >>> import govmodel, io, zipfile
    >>> z = zipfile.ZipFile(io.BytesIO(govmodel.io.export(govmodel.datasets.load("yuetang"), "spells")))
    >>> z.read("edge_spells.csv").decode().splitlines()[0]
    'onset,terminus,tail,head,relation,role,edge_id,onset_date,terminus_date'
    """
    G = _graph(structure)
    nodes = list(G)
    position = {n: i for i, n in enumerate(nodes, 1)}
    s = structure if isinstance(structure, Structure) else None
    ids = {p.id for p in s.posts} | {t.id for t in s.ties} if s is not None else None
    edge_rows = []
    person_spells: dict[Any, list[tuple[float, float]]] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        dated = k in ids if ids is not None else _dated(d)
        code = "invalid-date"
        try:
            onset, terminus = _spell(d.get("start"), d.get("end"))
            if terminus <= onset:  # networkDynamic refuses it, or reads a point in time
                code = "end-before-start"
                raise ValueError(f"ends {d.get('end')} before it starts {d.get('start')}")
        except ValueError as exc:  # a date that names no day, or a spell that ends first
            if s is not None:
                _unwritable(s, exc)  # the problem at its path in the structure
            message = f"edge {shown(u)} -> {shown(v)} ({shown(k)}): {exc}"
            raise SpecError([Problem(code, "$", message)]) from None
        edge_rows.append(
            [
                _num(onset),
                _num(terminus),
                position[u],
                position[v],
                _text(d.get("relation")),
                _text(d.get("role")),
                text_of(k) if dated else "",
                _date_text(onset, end=False),
                _date_text(terminus, end=True),
            ]
        )
        if dated:
            for n in (u, v):
                if G.nodes[n].get("entity") == "person":
                    person_spells.setdefault(n, []).append((onset, terminus))
    vertex_rows = []
    for n in nodes:
        attrs = G.nodes[n]
        spells = _merge(person_spells[n]) if n in person_spells else [(-math.inf, math.inf)]
        for onset, terminus in spells:
            vertex_rows.append(
                [
                    _num(onset),
                    _num(terminus),
                    position[n],
                    text_of(n),
                    _text(attrs.get("entity")),
                    _text(attrs.get("kind")),
                    _text(attrs.get("name")),
                    _date_text(onset, end=False),
                    _date_text(terminus, end=True),
                ]
            )
    vertices = _csv(
        ["onset", "terminus", "vertex_id", "id", "entity", "kind", "name", "onset_date",
         "terminus_date"],
        vertex_rows,
        text=("id", "entity", "kind", "name"),
        safe=safe,
    )  # fmt: skip
    edges = _csv(
        ["onset", "terminus", "tail", "head", "relation", "role", "edge_id", "onset_date",
         "terminus_date"],
        edge_rows,
        text=("relation", "role", "edge_id"),
        safe=safe,
    )  # fmt: skip
    return _zip([("vertex_spells.csv", vertices), ("edge_spells.csv", edges)])


#: Exporters by format name, merged into :data:`govmodel.io.EXPORT_FORMATS`.
EXPORTERS: Final[Mapping[str, Callable[[Structure], str | bytes]]] = {
    "ucinet": export_ucinet,
    "pajek": export_pajek,
    "stata": export_stata,
    "spells": export_spells,
}
