"""Reading and writing structures: govmodel's own format, and the exchange formats.

:func:`export` and :func:`import_` dispatch by format name:

=============== ======== ======== ===========================================
format          export   import   extra
=============== ======== ======== ===========================================
``json``        yes      yes      —
``yaml``        yes      yes      ``yaml``
``popolo``      yes      yes      (``jsonschema`` to check against the schemas)
``org-jsonld``  yes      —        —
``org-turtle``  yes      —        —
``graphml``     yes      yes      ``xml`` to read
``gexf``        yes      yes      ``xml`` to read
``node-link``   yes      yes      —
``cytoscape``   yes      —        —
``ucinet``      yes      —        — (a ZIP of DL files and their label table)
``pajek``       yes      —        —
``stata``       yes      —        ``pandas`` (a ZIP of two ``.dta`` files)
``spells``      yes      —        — (a ZIP of two CSV files, for networkDynamic)
``parquet``     yes      yes      ``parquet`` (a directory of tables)
=============== ======== ======== ===========================================

The formats for researchers' tools (``ucinet``, ``pajek``, ``stata``, ``spells``) are
described in :mod:`govmodel.io.research`; those that hold several tables are one ZIP file.
``parquet`` is a directory of tables partitioned by district
(:mod:`govmodel.io.parquet`): :func:`export` writes it at ``path`` and returns ``b""``; read
it with :func:`govmodel.io.parquet.read_parquet` (or ``govmodel import DIR --from parquet``).
"""

from __future__ import annotations

import os
from collections.abc import Callable

from govmodel.io.native import Format, dump, dumps, load, loads
from govmodel.spec import Structure

__all__ = [
    "EXPORT_FORMATS",
    "IMPORT_FORMATS",
    "dump",
    "dumps",
    "export",
    "import_",
    "load",
    "loads",
]

#: The formats :func:`export` writes.
EXPORT_FORMATS: tuple[str, ...] = (
    "json",
    "yaml",
    "popolo",
    "org-jsonld",
    "org-turtle",
    "graphml",
    "gexf",
    "node-link",
    "cytoscape",
    "ucinet",
    "pajek",
    "stata",
    "spells",
    "parquet",
)
#: The formats :func:`import_` reads (``parquet``, a directory, is read by
#: :func:`govmodel.io.parquet.read_parquet`).
IMPORT_FORMATS: tuple[str, ...] = (
    "json",
    "yaml",
    "popolo",
    "graphml",
    "gexf",
    "node-link",
    "parquet",
)


def _exporters() -> dict[str, Callable[[Structure], str | bytes]]:
    from govmodel.io import graphfiles, org, popolo, research

    out: dict[str, Callable[[Structure], str | bytes]] = {
        "json": lambda s: dumps(s, format="json"),
        "yaml": lambda s: dumps(s, format="yaml"),
    }
    for module in (popolo, org, graphfiles, research):
        out.update(module.EXPORTERS)
    return out


def _importers() -> dict[str, Callable[[str | bytes], Structure]]:
    from govmodel.io import graphfiles, popolo

    out: dict[str, Callable[[str | bytes], Structure]] = {
        "json": lambda t: loads(t, format="json"),
        "yaml": lambda t: loads(t, format="yaml"),
    }
    for module in (popolo, graphfiles):
        out.update(module.IMPORTERS)
    return out


def export(
    structure: Structure, format: str, path: str | os.PathLike[str] | None = None
) -> str | bytes:
    """A structure in an exchange format; with ``path``, written to that file instead.

    Without ``path`` the document is returned (``str`` for text formats, ``bytes`` for the
    binary ones). With ``path`` it is written atomically — to a temporary file in the same
    folder that then replaces ``path``, so that an interrupted write leaves nothing behind —
    and the empty ``str`` or ``bytes`` is returned. The formats ``json``, ``yaml``,
    ``popolo``, ``org-jsonld``, ``org-turtle``, ``graphml``, ``gexf`` and ``node-link`` are
    written a piece at a time as they are made, so that a file of any size costs little
    memory beyond the structure itself. ``parquet`` is a directory of tables
    (:func:`govmodel.io.parquet.write_parquet`): it needs ``path``, and returns ``b""``.

    Raises
    ------
    ValueError
        If ``format`` is none of :data:`EXPORT_FORMATS`, or is ``parquet`` without ``path``.

    Examples
    --------
    >>> import govmodel, json, os, tempfile
    >>> s = govmodel.datasets.load("chengdu")
    >>> doc = json.loads(govmodel.io.export(s, "popolo"))
    >>> sorted(doc)[:3]
    ['areas', 'govmodel', 'memberships']
    >>> with tempfile.TemporaryDirectory() as d:
    ...     out = govmodel.io.export(s, "graphml", os.path.join(d, "chengdu.graphml"))
    ...     govmodel.io.import_(open(os.path.join(d, "chengdu.graphml"), "rb").read(), "graphml") == s
    True
    >>> out
    b''

    A value that is not of its field's type (a structure built in Python may hold one) is
    refused before anything is written, with the :class:`~govmodel.errors.SpecError` of
    :func:`govmodel.validate.require_types`.
    """
    if format == "parquet":
        if path is None:
            raise ValueError("the parquet format is a directory of tables: give path")
        from govmodel.io.parquet import write_parquet

        write_parquet(structure, path)
        return b""
    if format in _NATIVE:
        native = _NATIVE[format]
        if path is None:
            return dumps(structure, format=native)
        dump(structure, path, format=native)
        return ""
    if format in _STREAMED:
        return _streamers()[format](structure, path)
    exporters = _exporters()
    if format not in exporters:
        raise ValueError(
            f"unknown export format {format!r}; use one of {', '.join(EXPORT_FORMATS)}"
        )
    from govmodel.io.native import _unwritable, atomic_write

    try:
        out = exporters[format](structure)
        data = out.encode("utf-8") if path is not None and isinstance(out, str) else out
    except UnicodeEncodeError as exc:  # a lone surrogate: refused where it is
        _unwritable(structure, exc)
    if path is not None:
        atomic_write(path, data)
        return b"" if isinstance(out, bytes) else ""
    return out


_NATIVE: dict[str, Format] = {"json": "json", "yaml": "yaml"}

#: The formats whose writers stream to a path as they go.
_STREAMED = frozenset({"popolo", "org-jsonld", "org-turtle", "graphml", "gexf", "node-link"})


def _streamers() -> dict[str, Callable[[Structure, str | os.PathLike[str] | None], str | bytes]]:
    from govmodel.io import graphfiles, org, popolo

    return {
        "popolo": popolo.export_popolo,
        "org-jsonld": org.export_org_jsonld,
        "org-turtle": org.export_org_turtle,
        "graphml": graphfiles.export_graphml,
        "gexf": graphfiles.export_gexf,
        "node-link": graphfiles.export_node_link,
    }


def import_(data: str | bytes, format: str) -> Structure:
    """Read a structure from an exchange format (validated; problems raise SpecError).

    Raises
    ------
    ValueError
        If ``format`` is none of :data:`IMPORT_FORMATS`, or is ``parquet``: a Parquet
        dataset is a directory, read with :func:`govmodel.io.parquet.read_parquet`.

    Examples
    --------
    >>> import govmodel
    >>> s = govmodel.datasets.load("yuetang")
    >>> govmodel.io.import_(govmodel.io.export(s, "graphml"), "graphml") == s
    True
    """
    if format == "parquet":
        raise ValueError(
            "the parquet format is a directory of tables: read it with "
            "govmodel.io.parquet.read_parquet(path)"
        )
    importers = _importers()
    if format not in importers:
        raise ValueError(
            f"unknown import format {format!r}; use one of {', '.join(IMPORT_FORMATS)}"
        )
    return importers[format](data)
