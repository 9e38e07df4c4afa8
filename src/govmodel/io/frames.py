"""Structures as pandas data frames, and spreadsheets of compounds as structures.

Two frames hold a structure's graph (:func:`govmodel.to_graph`) in the convention of osmnx's
``graph_to_gdfs`` and networkx's ``to_pandas_edgelist``:

* **nodes**, indexed by node id (index name ``"id"``), one column per node attribute:
  ``entity``, ``kind``, ``name``, the derived ``level``, ``is_party`` and ``sector``, every
  user attribute (``households``, ``origin``, …), and so on (:doc:`/guide/graphs`);
* **edges**, one row per edge, with the columns ``source``, ``target`` and ``key`` and then
  one column per edge attribute (``relation``, ``role``, ``start``, ``seq``, …).

A node or edge without an attribute has a missing value in that column, and
:func:`from_frames` drops missing values again, so that
``from_frames(*to_frames(s)) == s`` for every structure ``s``. Types survive: a column's dtype
is chosen so that every value comes back as the Python type it went in as (see
:func:`to_frames`). The graph's own attributes (``metadata``, ``vocabulary``, …) travel in
``nodes.attrs["graph"]`` (and ``edges.attrs["graph"]``).

The frames are lossless in memory and in formats that keep dtypes and ``attrs`` (pickle).
CSV keeps neither: read back, an integer column with
gaps becomes floats, ``"007"`` becomes ``7``, booleans become strings, and the graph's
attributes are gone. To store a structure use :func:`govmodel.dump` (or GraphML, which
records types); to read a CSV a person edited, pass the dtypes and
``keep_default_na=False, na_values=[""]`` to ``pandas.read_csv`` (else an id or a name
``"NA"``, ``"nan"`` or ``"NULL"`` is read as missing) and expect :func:`from_frames` to
report what it cannot take.

:func:`structure_from_table` builds a structure from a researcher's spreadsheet: one row per
compound, with the street and community it lies in, its attributes and its organizations.

.. rubric:: Formulas in spreadsheets

A name such as ``=HYPERLINK("http://…")`` or ``@SUM(A1)`` is a formula to Excel, LibreOffice
and Google Sheets when a CSV or Excel file is opened. :func:`write_csv` (govmodel writing a
table itself) therefore escapes such text by default, and :func:`to_frames` does on request
(``safe=True``, before ``DataFrame.to_csv`` or ``to_excel``): every string cell, index
label and column name that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return (or their full-width forms ``＝ ＋ － ＠``), or with an apostrophe, gets one more
apostrophe in front (:func:`escape_formula`). The spreadsheet shows the text, not a
formula's result. ``safe=True`` in :func:`from_frames` and :func:`graph_from_frames` takes
the apostrophe off again (:func:`unescape_formula`), so that
``from_frames(*to_frames(s, safe=True), safe=True) == s``. Pass ``safe=False`` to
:func:`write_csv` for the exact text.

Needs the ``pandas`` extra (``pip install 'govmodel[pandas]'``). :doc:`/guide/frames` shows
both with examples.

Examples
--------
>>> import govmodel
>>> from govmodel.io.frames import from_frames, to_frames
>>> s = govmodel.datasets.load("xihu")
>>> nodes, edges = to_frames(s)
>>> nodes.loc["xh-c1", ["entity", "kind", "name", "households"]].to_dict()
{'entity': 'unit', 'kind': 'compound', 'name': '铁路新村', 'households': 320}
>>> list(edges.columns[:4])
['source', 'target', 'key', 'relation']
>>> from_frames(nodes, edges) == s
True
"""

from __future__ import annotations

import decimal
import math
import os
import re
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal, cast

import networkx as nx

from govmodel._convert import DEFAULT_LIMITS, Limits, capped, json_path, short_repr, shown
from govmodel.classify.base import _NO as _NO_WORDS
from govmodel.errors import Problem, SpecError, require
from govmodel.graph import from_graph, to_graph
from govmodel.spec import Metadata, Organization, Scalar, Structure, Unit
from govmodel.validate import check
from govmodel.vocab import ATTRIBUTE_TERMS, BUILTIN, Category, Vocabulary

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FORMULA_PREFIXES",
    "GRAPH_ATTRS_KEY",
    "escape_formula",
    "from_frames",
    "graph_from_frames",
    "structure_from_table",
    "to_frames",
    "unescape_formula",
    "write_csv",
]

#: The key of ``DataFrame.attrs`` under which :func:`to_frames` keeps the graph's attributes.
GRAPH_ATTRS_KEY: Final = "graph"

_EDGE_COLUMNS: Final = ("source", "target", "key")
_INT64: Final = (-(2**63), 2**63 - 1)
_FEATURE: Final = "govmodel.io.frames"


def _pandas(feature: str) -> Any:
    return require("pandas", "pandas", feature=feature)


#: The first characters that make a spreadsheet read a cell as a formula (or, for the
#: apostrophe, that :func:`escape_formula` escapes so that its escape can be undone).
FORMULA_PREFIXES: Final = (
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "\uff1d",
    "\uff0b",
    "\uff0d",
    "\uff20",
    "'",
)


def escape_formula(text: str) -> str:
    r"""``text`` with an apostrophe in front if a spreadsheet would take it as a formula.

    Text starting with one of :data:`FORMULA_PREFIXES` (``=``, ``+``, ``-``, ``@``, tab,
    carriage return, the full-width ``＝ ＋ － ＠``, or an apostrophe) gets one apostrophe
    more; other text is unchanged. :func:`unescape_formula` undoes it.

    Examples
    --------
    >>> from govmodel.io.frames import escape_formula, unescape_formula
    >>> escape_formula('=HYPERLINK("http://x")'), escape_formula("锦绣小区")
    ('\'=HYPERLINK("http://x")', '锦绣小区')
    >>> unescape_formula(escape_formula("'quoted")) == "'quoted"
    True
    """
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def unescape_formula(text: str) -> str:
    """The inverse of :func:`escape_formula`: one leading apostrophe removed, if any.

    Examples
    --------
    >>> from govmodel.io.frames import unescape_formula
    >>> unescape_formula("'=1+1"), unescape_formula("=1+1")
    ('=1+1', '=1+1')
    """
    return text[1:] if text.startswith("'") else text


def _esc(value: Any) -> Any:
    return escape_formula(value) if isinstance(value, str) else value


def _unesc(value: Any) -> Any:
    return unescape_formula(value) if isinstance(value, str) else value


# -- frames of a graph ------------------------------------------------------------------------


class _NaN(Exception):
    """A column holds a NaN, which a frame cannot tell from a missing value."""


class _Missing:
    """A placeholder for an attribute a node or edge does not have."""

    __slots__ = ()


_MISSING: Final = _Missing()


def _column(pd: Any, values: list[Any]) -> Any:
    """A pandas array for one attribute, of the dtype that gives every value back unchanged.

    One Python type with no gaps: the plain numpy/pandas dtype (``bool``, ``int64``,
    ``float64``, ``str``). With gaps: the nullable ``boolean`` and ``Int64`` dtypes for bools
    and ints (a plain int column with a gap would become float), ``float64`` with NaN for
    floats, ``str`` with NaN for strings. Mixed types, ints beyond 64 bits, and strings no
    UTF-8 text holds (a lone surrogate, which pandas' Arrow-backed ``str`` cannot store):
    ``object``, with ``None`` in the gaps.
    """
    present = [v for v in values if v is not _MISSING]
    gaps = len(present) != len(values)
    types = set(map(type, present))
    if any(t is not str and issubclass(t, str) for t in types):  # a StrEnum's: their strings
        values = [str.__str__(v) if isinstance(v, str) else v for v in values]
        present = [v for v in values if v is not _MISSING]
        types = set(map(type, present))
    if not values:  # the ends and keys of no edge: of the str of the ids of a structure
        return pd.array([], dtype="str")
    if any(issubclass(t, float) for t in types) and any(
        isinstance(v, float) and v != v for v in present
    ):
        raise _NaN
    if types == {bool}:
        if not gaps:
            return pd.array(present, dtype="bool")
        return pd.array([None if v is _MISSING else v for v in values], dtype="boolean")
    if types == {int} and all(_INT64[0] <= v <= _INT64[1] for v in present):
        if not gaps:
            return pd.array(present, dtype="int64")
        return pd.array([None if v is _MISSING else v for v in values], dtype="Int64")
    if types == {float}:
        return pd.array([math.nan if v is _MISSING else v for v in values], dtype="float64")
    if types == {str}:
        try:
            return pd.array([None if v is _MISSING else v for v in values], dtype="str")
        except UnicodeEncodeError:
            pass
    return pd.array([None if v is _MISSING else v for v in values], dtype="object")


def _frame(
    pd: Any, rows: Sequence[Mapping[Any, Any]], index: Any, which: str, labels: Sequence[Any]
) -> Any:
    """The frame of ``rows``: the ``which`` frame (``"nodes"``, ``"edges"``), whose row ``i``
    is named by ``labels[i]`` (a node id, an edge's ends and key).

    Raises
    ------
    SpecError
        ``non-finite-number`` for each NaN value, which would read back as a gap.
    """
    columns: dict[str, None] = {}
    for d in rows:
        columns.update(dict.fromkeys(d))
    try:
        data = {c: _column(pd, [d.get(c, _MISSING) for d in rows]) for c in columns}
    except _NaN:
        raise SpecError(
            Problem(
                "non-finite-number",
                f"{which}[{','.join(map(shown, ids if type(ids) is tuple else (ids,)))}]{_cell(k)}",
                "a NaN cannot be told from a missing value in a frame, where it would read "
                "back as no value at all",
            )
            for ids, d in zip(labels, rows, strict=True)
            for k, v in d.items()
            if isinstance(v, float) and v != v
        ) from None
    try:
        return pd.DataFrame(data, index=index)
    except UnicodeEncodeError:  # pandas reads an object column of strings as Arrow strings
        return pd.DataFrame({c: _series(pd, a, index) for c, a in data.items()}, index=index)


def _cell(key: object) -> str:
    """The step from a row's path to one of its cells (``.x``, ``['a b']``)."""
    if isinstance(key, str) and key.isidentifier() and len(key) <= 80:
        return f".{key}"
    return f"[{shown(key)}]"


def _series(pd: Any, array: Any, index: Any) -> Any:
    """``array`` as a series of its own dtype: pandas keeps an ``object`` series of strings
    as it is, where it would read an ``object`` array of them as Arrow strings."""
    return pd.Series(array, index=index, dtype=array.dtype)


def to_frames(
    obj: Structure | nx.Graph, *, safe: bool = False
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The nodes and edges of a structure's graph, as two data frames.

    Parameters
    ----------
    obj
        A :class:`~govmodel.spec.Structure` (drawn with :func:`govmodel.to_graph`) or any
        networkx graph, such as a govmodel graph or one of its views
        (:func:`govmodel.graph.affiliation_graph`, …).
    safe
        Escape text a spreadsheet would take for a formula (:func:`escape_formula`) in every
        string cell, node id and column name, for frames bound for CSV or Excel; read such
        frames back with ``from_frames(..., safe=True)``.

    Returns
    -------
    tuple of pandas.DataFrame
        ``(nodes, edges)``. ``nodes`` is indexed by node id (index name ``"id"``), in graph
        order, with one column per node attribute in order of first appearance. ``edges`` has
        one row per edge, in graph order, and the columns ``source``, ``target``, ``key``
        (only for multigraphs) and one per edge attribute. Both carry the graph's attributes
        in ``.attrs["graph"]``. The index of no node and the ``source``, ``target`` and
        ``key`` of no edge are of ``str``, as a structure's ids are (not ``object``, which
        ``pd.concat`` with the frames of another structure would make of its ids).

    Raises
    ------
    SpecError
        If a structure cannot be drawn as a graph (see :func:`govmodel.to_graph`); and
        ``non-finite-number`` for each NaN value, at its path (``nodes['x1'].score``,
        ``edges['p1','oc1','po1'].share``): a frame's gaps are NaN, so it would read back
        as no value.
    TypeError
        If ``obj`` is neither a structure nor a networkx graph.
    ValueError
        If a node attribute is named ``id`` or an edge attribute ``source``, ``target`` or
        ``key``: :func:`graph_from_frames` reads those columns as the node ids, the ends and
        the keys of the edges.

    Notes
    -----
    Column dtypes are chosen so that every value reads back as the type it is:

    ========================= ============================ ==========================
    values of the column      no node lacks it             some nodes lack it
    ========================= ============================ ==========================
    all ``bool``              ``bool``                     ``boolean`` (``<NA>``)
    all ``int`` (64-bit)      ``int64``                    ``Int64`` (``<NA>``)
    all ``float``             ``float64``                  ``float64`` (NaN)
    all ``str``               ``str``                      ``str`` (NaN)
    mixed types, larger ints  ``object``                   ``object`` (``None``)
    ========================= ============================ ==========================

    So ``households`` stays an integer column even where buildings lack it
    (``nodes.households.sum()`` works), and an observation ``value`` that is a count on one
    node and a rate on another stays ``420`` and ``0.92``. Complexity :math:`O(n + m)` for
    :math:`n` nodes and :math:`m` edges, times the number of columns.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.io.frames import to_frames
    >>> nodes, edges = to_frames(govmodel.datasets.load("xihu"))
    >>> nodes.index.name, str(nodes["households"].dtype), str(nodes["is_party"].dtype)
    ('id', 'Int64', 'boolean')
    >>> units = nodes[nodes.entity == "unit"]
    >>> int(units.groupby("kind")["households"].sum().loc["compound"])
    4220
    >>> int((edges.role == "secretary").sum())
    8
    """
    pd = _pandas("to_frames")
    if isinstance(obj, Structure):
        G: Any = to_graph(obj)
    elif isinstance(obj, nx.Graph):
        G = obj
    else:
        raise TypeError(
            f"to_frames takes a Structure or a networkx graph, not {type(obj).__name__}"
        )

    def cells(d: Mapping[Any, Any]) -> Mapping[Any, Any]:
        return {_esc(k): _esc(v) for k, v in d.items()} if safe else d

    node_rows = [cells(d) for _, d in G.nodes(data=True)]
    ids = [_esc(n) for n in G.nodes] if safe else list(G.nodes)
    # tupleize_cols=False: tuple ids (nx.grid_2d_graph's) are ids, not the levels of a MultiIndex
    try:
        index = pd.Index(ids, dtype=None if ids else "str", name="id", tupleize_cols=False)
    except UnicodeEncodeError:  # a lone surrogate, which no Arrow string holds
        index = pd.Index(ids, dtype=object, name="id", tupleize_cols=False)
    found: list[Problem] = []
    try:
        nodes = _frame(pd, node_rows, index, "nodes", ids)
    except SpecError as exc:
        found.extend(exc.problems)

    multi = G.is_multigraph()
    ends: list[tuple[Any, ...]] = []
    rows: list[Mapping[Any, Any]] = []
    for *e, d in G.edges(keys=True, data=True) if multi else G.edges(data=True):
        ends.append(tuple(_esc(x) for x in e) if safe else tuple(e))
        rows.append(cells(d))
    try:
        edges = _frame(pd, rows, pd.RangeIndex(len(rows)), "edges", ends)
    except SpecError as exc:
        found.extend(exc.problems)
    if found:
        raise SpecError(capped(found, DEFAULT_LIMITS.max_problems))
    # graph_from_frames reads these columns as the ids, the ends and the keys, not as data
    if "id" in nodes.columns:
        raise ValueError("a node attribute is named 'id', the name of the nodes' index")
    for c in _EDGE_COLUMNS:
        if c in edges.columns:
            raise ValueError(f"an edge attribute is named {c!r}, the name of an edge column")
    first = _EDGE_COLUMNS if multi else _EDGE_COLUMNS[:2]
    for i, c in enumerate(first):
        edges.insert(i, c, _series(pd, _column(pd, [e[i] for e in ends]), edges.index))

    graph = dict(G.graph)
    nodes.attrs[GRAPH_ATTRS_KEY] = graph
    edges.attrs[GRAPH_ATTRS_KEY] = dict(graph)
    return nodes, edges


def _is_missing(pd: Any, value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if type(value) not in _PYTHON_SCALARS:  # a numpy NaN of 32 bits or NaT in an object column
        item = _scalar(value)
        if item is not value:
            return _is_missing(pd, item)
    return isinstance(value, float) and math.isnan(value)


_PYTHON_SCALARS: Final = frozenset({str, int, float, bool})


def _scalar(value: Any) -> Any:
    """A numpy scalar as the Python scalar it holds, a subclass of ``str`` (a ``StrEnum``)
    as the string it holds; anything else unchanged."""
    if type(value) in _PYTHON_SCALARS:  # not isinstance: numpy's float64 and str_ are floats
        return value  # and strings, which an object column holds as they are
    if isinstance(value, str):
        return str.__str__(value)
    item = getattr(value, "item", None)
    if callable(item) and getattr(value, "shape", None) == ():
        return item()
    return value


def _records(
    pd: Any, frame: Any, skip: Iterable[str], safe: bool = False
) -> list[dict[Hashable, Any]]:
    """Each row's present values, as Python scalars (unescaped with ``safe``)."""
    skipped = set(skip)
    columns = [c for c in frame.columns if c not in skipped]
    out: list[dict[Hashable, Any]] = [{} for _ in range(len(frame))]
    for c in columns:
        key = _unesc(c) if safe else c
        for d, v in zip(out, frame[c].tolist(), strict=True):
            if not _is_missing(pd, v):
                d[key] = _unesc(_scalar(v)) if safe else _scalar(v)
    return out


def graph_from_frames(
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    *,
    graph: Mapping[str, Any] | None = None,
    safe: bool = False,
) -> nx.MultiDiGraph:
    """The govmodel graph two frames hold: the inverse of :func:`to_frames` for graphs.

    Parameters
    ----------
    nodes
        One row per node: ids in the index, or in a column ``id`` (as after
        ``nodes.reset_index()`` or reading a CSV file).
    edges
        One row per edge, with columns ``source`` and ``target``, and ``key`` for the
        edge keys (a post's or tie's id; without it, give posts and ties an ``id`` column).
    graph
        The graph's attributes; by default ``nodes.attrs["graph"]``, else
        ``edges.attrs["graph"]``, else none.
    safe
        Undo the escaping of ``to_frames(..., safe=True)`` or :func:`write_csv`: take one
        leading apostrophe off every string cell, id and column name
        (:func:`unescape_formula`).

    Returns
    -------
    networkx.MultiDiGraph
        Missing values (``None``, NaN, ``<NA>``) are left out of the attribute dicts and
        numpy scalars become Python scalars.

    Raises
    ------
    SpecError
        ``missing-field`` when ``edges`` has no ``source`` or ``target`` column;
        ``duplicate-key`` for a column name given twice, ``duplicate-id`` for a node id on
        two rows and ``duplicate-edge`` for two rows of the same source, target and key
        (which would be merged into one node or edge); ``wrong-type`` at ``graph`` when the
        graph's attributes are not a mapping, and for a node id, an edge's source or target
        that is missing (``None``, NaN, ``<NA>``: ``edges.source[3]``) and a node id, end or
        key that is unhashable (``edges.key[4]``).

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.io.frames import graph_from_frames, to_frames
    >>> G = govmodel.to_graph(govmodel.datasets.load("chengdu"))
    >>> H = graph_from_frames(*to_frames(G))
    >>> list(H.nodes(data=True)) == list(G.nodes(data=True))
    True
    """
    pd = _pandas("graph_from_frames")
    missing = [c for c in _EDGE_COLUMNS[:2] if not _has(edges, c)]
    if missing:
        raise SpecError(
            Problem("missing-field", f"edges.{c}", f"the edges frame has no {c!r} column")
            for c in missing
        )
    found = [
        Problem(
            "duplicate-key",
            f"{which}.columns[{i}]",
            f"the column {shown(c)} is given twice; it is column {first} too",
        )
        for which, frame in (("nodes", nodes), ("edges", edges))
        if frame.columns.has_duplicates
        for i, c, first in _repeats(frame.columns.tolist())
    ]
    if found:
        raise SpecError(capped(found, DEFAULT_LIMITS.max_problems))
    if graph is None:
        graph = nodes.attrs.get(GRAPH_ATTRS_KEY) or edges.attrs.get(GRAPH_ATTRS_KEY) or {}
    if not isinstance(graph, Mapping):  # attrs read from a file another tool wrote
        raise SpecError(
            [
                Problem(
                    "wrong-type",
                    "graph",
                    f"the graph's attributes are a mapping, not {short_repr(graph)} "
                    f"({type(graph).__name__})",
                )
            ]
        )
    G = nx.MultiDiGraph()
    G.graph.update(graph)

    def ident(v: Any) -> Any:
        # a missing id or end (NaN in a str column, <NA>) is null, not a node named nan
        if _is_missing(pd, v):
            return None
        return _unesc(_scalar(v)) if safe else _scalar(v)

    where = "nodes.id" if _has(nodes, "id") else "nodes.index"
    if _has(nodes, "id"):
        ids = [ident(v) for v in nodes["id"].tolist()]
        node_data = _records(pd, nodes, ("id",), safe)
    else:
        ids = [ident(v) for v in nodes.index.tolist()]
        node_data = _records(pd, nodes, (), safe)
    found.extend(_no_node(f"{where}[{i}]", n, "a node id") for i, n in enumerate(ids) if _bad(n))
    if found:  # networkx would fail on them with its own words
        raise SpecError(capped(found, DEFAULT_LIMITS.max_problems))
    G.add_nodes_from(zip(ids, node_data, strict=True))
    if G.number_of_nodes() != len(ids):  # a row's values were merged into an earlier row's
        found.extend(
            Problem(
                "duplicate-id",
                f"{where}[{i}]",
                f"{shown(n)} is already the id of row {first}: one row a node",
            )
            for i, n, first in _repeats(ids)
        )

    ends = [edges[c].tolist() for c in _EDGE_COLUMNS[:2]]
    keys = edges["key"].tolist() if _has(edges, "key") else [None] * len(edges)
    edge_data = _records(pd, edges, _EDGE_COLUMNS, safe)
    repeated = False  # an edge's row given twice, which networkx merges into one
    has_edge = G.has_edge
    for i, (u, v, k, d) in enumerate(zip(*ends, keys, edge_data, strict=True)):
        iu, iv = ident(u), ident(v)
        ik = None if _is_missing(pd, k) else ident(k)
        if _bad(iu) or _bad(iv) or (ik is not None and _bad(ik)):
            found.extend(
                _no_node(f"edges.{c}[{i}]", x, f"an edge's {c}")
                for c, x in (("source", iu), ("target", iv), ("key", ik))
                if _bad(x) and (x is not None or c != "key")
            )
        elif ik is None:
            G.add_edges_from([(iu, iv, d)])
        else:
            repeated = repeated or has_edge(iu, iv, ik)
            G.add_edges_from([(iu, iv, ik, d)])
    if repeated:
        triples = [
            None if _is_missing(pd, k) else (ident(u), ident(v), ident(k))
            for u, v, k in zip(*ends, keys, strict=True)
        ]
        triples = [None if e is None or any(map(_bad, e)) else e for e in triples]
        found.extend(
            Problem(
                "duplicate-edge",
                f"edges.index[{i}]",
                f"the edge {', '.join(map(shown, e))} (source, target, key) is already that of "
                f"row {first}: one row an edge",
            )
            for i, e, first in _repeats(triples)
            if e is not None
        )
    if found:
        raise SpecError(capped(found, DEFAULT_LIMITS.max_problems))
    return G


def _has(frame: Any, name: str) -> bool:
    """Whether ``frame`` has the column ``name``: of a MultiIndex, ``name in columns`` also
    says so of a first level, whose ``frame[name]`` is a frame of columns."""
    return frame.columns.nlevels == 1 and name in frame.columns


def _bad(value: object) -> bool:
    """Whether networkx cannot take ``value`` as a node or a key: ``None``, or unhashable."""
    if value is None:
        return True
    try:
        hash(value)
    except TypeError:
        return True
    return False


def _no_node(path: str, value: object, what: str) -> Problem:
    kind = "null" if value is None else f"a {type(value).__name__}"
    return Problem("wrong-type", path, f"{what} is a string, not {kind}")


def _repeats(labels: Iterable[Hashable]) -> Iterator[tuple[int, Any, int]]:
    """``(i, label, first)`` for each label that is at an earlier position ``first`` too."""
    seen: dict[Hashable, int] = {}
    for i, label in enumerate(labels):
        first = seen.setdefault(label, i)
        if first != i:
            yield i, label, first


def from_frames(
    nodes: pd.DataFrame,
    edges: pd.DataFrame,
    *,
    graph: Mapping[str, Any] | None = None,
    limits: Limits | None = None,
    safe: bool = False,
) -> Structure:
    """The structure two frames hold: the inverse of :func:`to_frames`.

    ``from_frames(*to_frames(s)) == s`` for every structure ``s`` that
    :func:`govmodel.to_graph` accepts. The frames go through :func:`graph_from_frames` and
    :func:`govmodel.from_graph`, so frames built or edited by hand follow the conventions of
    :doc:`/guide/graphs`: derived columns (``level``, ``is_party``, ``sector``) are ignored,
    and a missing value means the node or edge lacks that attribute.

    Parameters
    ----------
    nodes, edges, graph, safe
        As for :func:`graph_from_frames`.
    limits
        The :class:`govmodel.Limits` :func:`govmodel.from_graph` enforces (the defaults when
        ``None``); at most ``max_problems`` problems are listed, the last of them
        ``too-many-problems``.

    Returns
    -------
    Structure
        Not validated: call :func:`govmodel.validate` on it.

    Raises
    ------
    SpecError
        Listing every problem, with paths such as ``nodes['x1'].kind`` or
        ``edges['p1','oc1','post1'].role`` (see :func:`govmodel.from_graph`); a column
        name that is not a string (attribute names are strings) is ``wrong-type`` at
        ``nodes.columns[i]`` or ``edges.columns[i]``, found before any row is read.

    Examples
    --------
    >>> import govmodel
    >>> from govmodel.io.frames import from_frames, to_frames
    >>> s = govmodel.datasets.load("changsha")
    >>> nodes, edges = to_frames(s)
    >>> from_frames(nodes, edges) == s
    True
    >>> nodes.loc["cs-yt", "name"] = "新名字"
    >>> from_frames(nodes, edges).get("cs-yt").name
    '新名字'
    >>> nodes.loc["cs-yt", "kind"] = None
    >>> from_frames(nodes, edges)
    Traceback (most recent call last):
    ...
    govmodel.errors.SpecError: 1 problem:
      nodes['cs-yt'].kind: missing-field: unit 'cs-yt' has no 'kind' attribute
    """
    limits = limits or DEFAULT_LIMITS
    bad = [
        Problem(
            "wrong-type",
            f"{which}.columns[{i}]",
            f"column names are attribute names, which are strings, not {short_repr(c)} "
            f"({type(c).__name__})",
        )
        for which, frame in (("nodes", nodes), ("edges", edges))
        for i, c in enumerate(frame.columns)
        if not isinstance(c, str)
    ]
    if bad:
        raise SpecError(capped(bad, limits.max_problems))
    G = graph_from_frames(nodes, edges, graph=graph, safe=safe)
    try:
        return from_graph(G, limits=limits)
    except SpecError as exc:
        if len(exc.problems) <= limits.max_problems:
            raise
        raise SpecError(capped(list(exc.problems), limits.max_problems)) from None


def write_csv(
    obj: Structure | nx.Graph,
    nodes_path: str | os.PathLike[str],
    edges_path: str | os.PathLike[str],
    *,
    safe: bool = True,
) -> None:
    """Write the frames of :func:`to_frames` as two CSV files (atomically), safe to open in
    a spreadsheet.

    Parameters
    ----------
    obj
        A structure or a networkx graph, as for :func:`to_frames`.
    nodes_path, edges_path
        The files to write: the nodes, with their ids in the first column ``id``, and the
        edges.
    safe
        Escape text a spreadsheet would take for a formula (:func:`escape_formula`); on by
        default. ``safe=False`` writes the exact text.

    Raises
    ------
    SpecError
        For a structure holding a string no UTF-8 file stores (a lone surrogate): the
        problems of :func:`govmodel.validate` (``invalid-string`` at its path), as every
        writer of :mod:`govmodel.io` raises them. Neither file is written.
    ValueError
        If ``nodes_path`` and ``edges_path`` are the same file (the edges would overwrite
        the nodes), before anything is written.

    Notes
    -----
    CSV keeps no types and no graph attributes (see the module's documentation): read the
    files back with ``pandas.read_csv``, giving the dtypes and
    ``keep_default_na=False, na_values=[""]`` (else an id or a name ``"NA"``, ``"nan"`` or
    ``"NULL"`` is read as missing), and ``from_frames(nodes, edges, graph=..., safe=True)``.

    Examples
    --------
    >>> import tempfile, pathlib, govmodel
    >>> from govmodel.io.frames import write_csv
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> write_csv(govmodel.datasets.load("xihu"), d / "nodes.csv", d / "edges.csv")
    >>> (d / "nodes.csv").read_text(encoding="utf-8").splitlines()[0][:20]
    'id,entity,kind,name,'
    """
    from govmodel.io.native import _unwritable, atomic_write

    # one file given twice (or through a symbolic link): the edges would replace the nodes
    if os.path.normcase(os.path.realpath(nodes_path)) == os.path.normcase(
        os.path.realpath(edges_path)
    ):
        raise ValueError(f"nodes_path and edges_path are one file: {os.fspath(edges_path)!r}")
    nodes, edges = to_frames(obj, safe=safe)
    # RFC 4180 line ends: a cell holding a carriage return or a newline is then quoted
    try:  # both encoded before either file is written
        node_data = nodes.to_csv(lineterminator="\r\n").encode("utf-8")
        edge_data = edges.to_csv(index=False, lineterminator="\r\n").encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate: refused where it is
        if isinstance(obj, Structure):
            _unwritable(obj, exc)
        raise
    atomic_write(nodes_path, node_data)
    atomic_write(edges_path, edge_data)


# -- spreadsheets -----------------------------------------------------------------------------

#: The cells that say no organization: the words :func:`govmodel.models.helpers.truthy` reads
#: as no (``无``, ``否``, ``no``, ``n/a``, ``null``, …), case and surrounding space ignored.
_NO: Final = _NO_WORDS
_YES: Final = frozenset({"有", "是", "yes", "y", "true", "1"})


def _labels(vocab: Vocabulary, category: Category) -> dict[str, str]:
    """Every way of writing a term of ``category``: its name, English and Chinese labels."""
    out: dict[str, str] = {}
    for name, t in vocab.category(category).items():
        for label in (t.en.lower(), *t.zh.split("/"), t.zh):
            if label:
                out.setdefault(label.strip(), name)
    for name in vocab.category(category):
        out[name] = name
    return out


def _term(terms: Mapping[str, str], text: str) -> str:
    """The term ``text`` names in ``terms`` (of :func:`_labels`), as written or in lower case
    (``"Community"``); else ``text``."""
    return terms.get(text, terms.get(text.lower(), text))


def _float(value: Any) -> Any:
    """A :class:`~decimal.Decimal` (of a database's ``NUMERIC`` or Arrow's ``decimal128``
    column) as a float (``NaN`` for its NaNs); anything else unchanged."""
    if type(value) is decimal.Decimal:
        return math.nan if value.is_nan() else float(value)
    return value


def _cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class _Table:
    """Reading one table: its cells as Python scalars, and the problems found, by row."""

    def __init__(self, pd: Any, table: Any, max_problems: int) -> None:
        self.pd = pd
        self.table = table
        self.columns = [str(c) for c in table.columns]
        repeats = [  # one of them would be read as the other, or the two as a frame
            Problem(
                "duplicate-key",
                json_path("columns", i),
                f"the column {shown(c)} is given twice; it is column {first} too",
            )
            for i, c, first in _repeats(self.columns)
        ]
        if repeats:
            raise SpecError(capped(repeats, max_problems))
        self.by_name = dict(zip(self.columns, table.columns, strict=True))
        self.problems: list[Problem] = []
        self.max_problems = max_problems

    def path(self, row: int, column: str | None = None) -> str:
        return json_path("rows", row) if column is None else json_path("rows", row, column)

    def problem(self, code: str, row: int, column: str | None, message: str) -> None:
        """Note a problem; past ``max_problems`` of them, stop reading (raise them)."""
        self.problems.append(Problem(code, self.path(row, column), message))
        if len(self.problems) > self.max_problems:
            raise SpecError(capped(self.problems, self.max_problems))

    def cells(self, column: str) -> list[Any]:
        """The column's cells, ``None`` where missing, as Python scalars.

        A float column whose present values are all whole numbers (an integer column with
        gaps, as spreadsheets are read) gives ints. Decimals are floats.
        """
        series = self.table[self.by_name[column]]
        pd = self.pd
        values = [None if _is_missing(pd, v) else _scalar(v) for v in map(_float, series.tolist())]
        present = [v for v in values if v is not None]
        if (
            present
            and all(type(v) is float for v in present)
            and all(v.is_integer() and abs(v) <= 2**53 for v in present)
        ):
            values = [None if v is None else int(v) for v in values]
        return values

    def need(self, column: str | None, what: str) -> None:
        if column is not None and column not in self.by_name:
            raise KeyError(
                f"{what}: the table has no column {column!r}; its columns are "
                + ", ".join(map(repr, self.columns))
            )


def _attribute_value(
    t: _Table, value: Any, row: int, column: str, key: str, terms: Mapping[str, str] | None
) -> Scalar | None:
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return None
        if terms is not None:
            return _term(terms, value)
        return str(value)
    if isinstance(value, bool | int | float):
        return cast(Scalar, value)
    iso = getattr(value, "isoformat", None)
    if callable(iso):
        text = str(iso())
        return text[:10] if text[10:].strip("T0:.") == "" else text
    t.problem(
        "wrong-type",
        row,
        column,
        f"{key!r} is {short_repr(value)} ({type(value).__name__}), not text, a number or a boolean",
    )
    return None


def structure_from_table(
    table: pd.DataFrame,
    *,
    levels: Mapping[str, str] | None = None,
    id: str | None = None,
    kind: str | None = None,
    parent: str | None = None,
    name: str | None = None,
    attributes: Sequence[str] | Literal["rest"] = "rest",
    rename: Mapping[str, str] | None = None,
    organizations: Mapping[str, str] | None = None,
    metadata: Metadata | None = None,
    validate: bool = True,
    limits: Limits | None = None,
) -> Structure:
    """A structure from a table of units: a spreadsheet of compounds, say.

    The table is read in one of two ways.

    **Hierarchical columns** (``levels=``): each row is a unit of the last level, inside
    units named in the other level columns, e.g. ``levels={"street": "街道", "community":
    "社区", "compound": "小区"}``: a row ``街道=望月湖街道, 社区=桐梓坡社区, 小区=锦绣小区`` makes a
    compound inside a community inside a street; rows naming the same street share it. Each
    unit's id is its path of names, joined by ``/`` (``"望月湖街道/桐梓坡社区/锦绣小区"``):
    stable, readable, and unique. ``id=`` takes the last level's ids from a column instead.

    **One row per unit** (``levels=None``): ``id=`` names the column of ids, ``kind=`` the
    column of kinds (or, if no column has that name, one unit kind for every row), ``parent=``
    the column of the parent's id and ``name=`` the column of names.

    Kinds may be written as their names (``"compound"``) or their English or Chinese labels
    (``"小区"``).

    Parameters
    ----------
    table
        A :class:`pandas.DataFrame`, as ``pandas.read_excel`` or ``read_csv`` gives it.
    levels
        Unit kind → column, from the top level down.
    id, kind, parent, name
        Columns, as above. Columns are named as text: ``0`` and ``"0"`` name the same
        column (of a table read with ``header=None``), here and in ``levels``, ``rename``,
        ``attributes`` and ``organizations``.
    attributes
        The columns that become attributes of the row's unit: a list, or ``"rest"`` (every
        column not used otherwise).
    rename
        Column → attribute name (``{"户数": "households", "类型": "origin"}``); other columns
        keep their names as attribute names.
    organizations
        Organization kind → column: a cell makes an organization of that kind located in the
        row's unit, named by the cell's text, with id ``"{unit id}/{kind}"``. A cell that is
        empty, false or says ``无``/``否``/``no``/``n/a`` (a word
        :func:`govmodel.models.helpers.truthy` reads as no) makes none;
        ``有``/``是``/``yes``/true makes one without a name.
    metadata
        The structure's metadata.
    validate
        Check the structure (:func:`govmodel.validate`) and raise on any error.
    limits
        Its ``max_problems`` (1,000 by default) bounds the problems listed: reading stops
        there, and a last ``too-many-problems`` problem says so.

    Returns
    -------
    Structure
        Units in the order they first appear (each level before the one below it), then
        the organizations.

    Raises
    ------
    SpecError
        Listing every problem, each with the path of its row and column in the table:
        ``$.rows[12].户数`` is the cell of row 12 (counting from 0, as ``table.iloc`` does) in
        the column ``户数``. Codes: ``missing-field`` (an empty level, id or kind cell),
        ``duplicate-id`` (a unit given twice), ``duplicate-key`` (a column name given twice,
        at ``$.columns[i]``, found before any row is read), ``wrong-type`` (a cell that is
        not text, a number, a boolean or a date), ``unknown-term`` (with ``validate``: an unknown kind or
        a wrong ``origin``), and every other code of :func:`govmodel.validate` (a negative
        ``households`` is ``negative-count``), each traced back to its cell.
    KeyError
        If a column named in the arguments is not in the table.
    ValueError
        If two columns become one attribute (``rename={"户数": "households"}`` with a
        column ``households`` too), whose values would replace each other.

    Notes
    -----
    Cell values become attributes as Python scalars: a float column whose values are all
    whole numbers (an integer column with empty cells, as pandas reads it) gives ints;
    decimals (:class:`~decimal.Decimal`, of a database's ``NUMERIC`` column) are read as
    floats, and so give ints too when all are whole; dates give ISO date strings; the
    values of ``origin`` and ``management`` may be their Chinese or English labels
    (``商品房`` → ``"commodity"``). Empty cells give no attribute.
    Complexity :math:`O(r \\cdot c)` for :math:`r` rows and :math:`c` columns.

    Examples
    --------
    >>> import pandas as pd
    >>> from govmodel.io.frames import structure_from_table
    >>> table = pd.DataFrame({
    ...     "小区": ["锦绣小区", "枫林小区", "桃源小区"],
    ...     "社区": ["桐梓坡社区", "桐梓坡社区", "西湖社区"],
    ...     "街道": ["望月湖街道", "望月湖街道", "望月湖街道"],
    ...     "户数": [420, None, 815],
    ...     "类型": ["商品房", "单位型", "安置型"],
    ... })
    >>> s = structure_from_table(
    ...     table,
    ...     levels={"street": "街道", "community": "社区", "compound": "小区"},
    ...     rename={"户数": "households", "类型": "origin"},
    ... )
    >>> [u.kind for u in s.units]
    ['street', 'community', 'community', 'compound', 'compound', 'compound']
    >>> x = s.get("望月湖街道/桐梓坡社区/锦绣小区")
    >>> x.parent, x.attributes
    ('望月湖街道/桐梓坡社区', Attributes({'households': 420, 'origin': 'commodity'}))
    >>> table.loc[2, "户数"] = -5
    >>> structure_from_table(
    ...     table, levels={"community": "社区", "compound": "小区"}, rename={"户数": "households"}
    ... )
    Traceback (most recent call last):
    ...
    govmodel.errors.SpecError: 1 problem:
      $.rows[2].户数: negative-count: ...
    """
    pd = _pandas("structure_from_table")
    max_problems = (limits or DEFAULT_LIMITS).max_problems
    t = _Table(pd, table, max_problems)
    vocab = BUILTIN
    kinds = _labels(vocab, "unit_kinds")
    # columns by their names as text, as the table's are read: a table read with
    # header=None has the columns 0, 1, 2, which levels={"community": 0} names too
    id, kind, parent, name = (None if c is None else str(c) for c in (id, kind, parent, name))
    if levels is not None:
        levels = {k: str(c) for k, c in levels.items()}
    rename = {str(c): a for c, a in (rename or {}).items()}
    organizations = {k: str(c) for k, c in (organizations or {}).items()}
    if levels is not None and (parent is not None or kind is not None or name is not None):
        raise ValueError(
            "with levels=, the kind, parent and name of each unit come from the level columns; "
            "give parent=, kind= and name= only without levels="
        )
    if levels is None and id is None:
        raise ValueError("give levels= (hierarchical columns) or id= (a column of unit ids)")
    if levels is not None and not levels:
        raise ValueError("levels= needs at least one level")

    used: list[str] = []
    for what, column in (("id", id), ("parent", parent), ("name", name)):
        t.need(column, what)
        if column is not None:
            used.append(column)
    constant_kind: str | None = None
    if kind is not None:
        if kind in t.by_name:
            used.append(kind)
        elif _term(kinds, kind) in kinds.values():  # a kind's name or label, in any case
            constant_kind = _term(kinds, kind)
        else:
            t.need(kind, "kind")
    level_items: list[tuple[str, str]] = []
    for k, column in (levels or {}).items():
        t.need(column, f"level {k!r}")
        level_items.append((_term(kinds, k), column))
        used.append(column)
    for k, column in organizations.items():
        t.need(column, f"organization {k!r}")
        used.append(column)
    if attributes == "rest":
        attribute_columns = [c for c in t.columns if c not in used]
    else:
        attribute_columns = [str(c) for c in attributes]
        for c in attribute_columns:
            t.need(c, "attributes")

    n = len(table)
    units: list[Unit] = []
    # For each unit: the row it comes from and its fields' columns, to trace problems back.
    unit_rows: list[tuple[int, dict[str, str]]] = []
    row_units: list[str | None] = [None] * n
    first_row: dict[str, int] = {}

    ids = t.cells(id) if id is not None else [None] * n
    if levels is not None:
        level_cells = [(k, column, t.cells(column)) for k, column in level_items]
        known: dict[str, Unit] = {}
        pending: list[list[Unit]] = [[] for _ in level_items]
        pending_rows: list[list[tuple[int, dict[str, str]]]] = [[] for _ in level_items]
        for i in range(n):
            path: list[str] = []
            parent_id: str | None = None
            ok = True
            for depth, (k, column, cells) in enumerate(level_cells):
                value = cells[i]
                text = "" if value is None else _cell_text(value)
                if not text:
                    t.problem("missing-field", i, column, f"row {i} has no {column} ({k})")
                    ok = False
                    break
                path.append(text.replace("%", "%25").replace("/", "%2F"))
                last = depth == len(level_cells) - 1
                uid = "/".join(path)
                if last and ids[i] is not None and _cell_text(ids[i]):  # blank: as if empty
                    uid = _cell_text(ids[i])
                above = level_cells[depth - 1][1] if depth else column
                fields = {"name": column, "kind": column, "parent": above, "id": column}
                if last and id is not None:
                    fields["id"] = id
                if last:
                    if uid in first_row:
                        t.problem(
                            "duplicate-id",
                            i,
                            fields["id"],
                            f"{k} {shown(uid)} is already given in row {first_row[uid]}",
                        )
                        ok = False
                        break
                    first_row[uid] = i
                if uid not in known:
                    u = Unit(uid, k, text, parent_id)
                    known[uid] = u
                    if not last:
                        pending[depth].append(u)
                        pending_rows[depth].append((i, fields))
                elif known[uid].kind != k:
                    t.problem(
                        "duplicate-id",
                        i,
                        column,
                        f"{shown(uid)} names a {known[uid].kind} and a {k}",
                    )
                    ok = False
                    break
                parent_id = uid
            if ok:
                row_units[i] = parent_id
        leaf_column = level_items[-1][1]
        for depth in range(len(level_items) - 1):
            units.extend(pending[depth])
            unit_rows.extend(pending_rows[depth])
        for i, row_unit in enumerate(row_units):
            if row_unit is not None:
                u = known[row_unit]
                units.append(u)
                fields = {"name": leaf_column, "kind": leaf_column, "parent": leaf_column}
                fields["id"] = id if id is not None else leaf_column
                if len(level_items) > 1:
                    fields["parent"] = level_items[-2][1]
                unit_rows.append((i, fields))
    else:
        assert id is not None
        kind_cells = t.cells(kind) if kind is not None and constant_kind is None else [None] * n
        parents = t.cells(parent) if parent is not None else [None] * n
        names = t.cells(name) if name is not None else [None] * n
        for i in range(n):
            if ids[i] is None or not _cell_text(ids[i]):
                t.problem("missing-field", i, id, f"row {i} has no id")
                continue
            uid = _cell_text(ids[i])
            if uid in first_row:
                t.problem(
                    "duplicate-id",
                    i,
                    id,
                    f"unit {shown(uid)} is already given in row {first_row[uid]}",
                )
                continue
            if constant_kind is not None:
                k = constant_kind
            elif kind_cells[i] is None or not _cell_text(kind_cells[i]):
                t.problem("missing-field", i, kind, f"row {i} has no kind")
                continue
            else:
                text = _cell_text(kind_cells[i])
                k = _term(kinds, text)
            first_row[uid] = i
            p = parents[i]
            units.append(
                Unit(
                    uid,
                    k,
                    "" if names[i] is None else _cell_text(names[i]),
                    None if p is None or not _cell_text(p) else _cell_text(p),
                )
            )
            row_units[i] = uid
            kind_column = kind if kind is not None and constant_kind is None else id
            fields = {"id": id, "kind": kind_column, "parent": parent or id, "name": name or id}
            unit_rows.append((i, fields))

    # attributes of the row units
    attr_of_column = {c: rename.get(c, c) for c in attribute_columns}
    column_of_attr: dict[str, str] = {}
    for c, a in attr_of_column.items():
        if a in column_of_attr:  # the value of one column would replace the other's
            raise ValueError(
                f"the columns {column_of_attr[a]!r} and {c!r} both become the attribute {a!r}; "
                "rename one of them (rename=) or leave it out (attributes=)"
            )
        column_of_attr[a] = c
    row_attrs: list[dict[str, Scalar]] = [{} for _ in range(n)]
    for column in attribute_columns:
        key = attr_of_column[column]
        category = ATTRIBUTE_TERMS.get(key)
        terms = _labels(vocab, category) if category is not None else None
        for i, value in enumerate(t.cells(column)):
            if value is None or row_units[i] is None:
                continue
            v = _attribute_value(t, value, i, column, key, terms)
            if v is not None:
                row_attrs[i][key] = v
    unit_index = {u.id: j for j, u in enumerate(units)}
    for i, row_unit in enumerate(row_units):
        if row_unit is not None and row_attrs[i]:
            j = unit_index[row_unit]
            units[j] = Unit(
                units[j].id, units[j].kind, units[j].name, units[j].parent, row_attrs[i]
            )

    # organizations in the row units
    org_kinds = _labels(vocab, "organization_kinds")
    orgs: list[Organization] = []
    org_rows: list[tuple[int, str]] = []
    for k, column in organizations.items():
        okind = _term(org_kinds, k)
        for i, value in enumerate(t.cells(column)):
            seat = row_units[i]
            if value is None or seat is None or value is False:
                continue
            text = _cell_text(value)
            if text.lower() in _NO:
                continue
            oname = "" if value is True or text.lower() in _YES else text
            orgs.append(Organization(f"{seat}/{okind}", okind, oname, unit=seat))
            org_rows.append((i, column))

    if t.problems:
        raise SpecError(t.problems)
    s = Structure(units=units, organizations=orgs, metadata=metadata or Metadata())
    if validate:
        errors = [p for p in check(s, max_problems=max_problems) if p.severity == "error"]
        if errors:
            raise SpecError(_trace(p, unit_rows, org_rows, column_of_attr) for p in errors)
    return s


def _trace(
    p: Problem,
    unit_rows: Sequence[tuple[int, Mapping[str, str]]],
    org_rows: Sequence[tuple[int, str]],
    column_of_attr: Mapping[str, str],
) -> Problem:
    """The problem with its path in the structure replaced by its cell in the table."""

    m = re.match(r"^\$\.(units|organizations)\[([0-9]+)\](?:\.(\w+))?(.*)$", p.path)
    if m is None:
        return p
    section, index, field, rest = m.group(1), int(m.group(2)), m.group(3), m.group(4)
    if section == "organizations":
        row, column = org_rows[index]
        return Problem(p.code, json_path("rows", row, column), p.message, p.severity)
    row, fields = unit_rows[index]
    if field == "attributes":
        key = _attribute_key(rest)
        if key is None:
            return Problem(p.code, json_path("rows", row), p.message, p.severity)
        path = json_path("rows", row, column_of_attr.get(key, key))
        return Problem(p.code, path, p.message, p.severity)
    column = fields.get(field or "", fields["id"])
    return Problem(p.code, json_path("rows", row, column), p.message, p.severity)


def _attribute_key(rest: str) -> str | None:
    """The attribute name at the start of a path's tail: ``.households`` or ``['a b']``."""

    m = re.match(r"^\.([^.\[]+)|^\['((?:[^'\\]|\\.)*)'\]", rest)
    if m is None:
        return None
    if m.group(1) is not None:
        return m.group(1)
    return m.group(2).replace("\\'", "'").replace("\\\\", "\\")
