"""Reading and writing structures: govmodel's own format, and the exchange formats.

:func:`export` and :func:`import_` dispatch by format name:

=============== ======== ======== ===========================================
format          export   import   extra
=============== ======== ======== ===========================================
``json``        yes      yes      —
``yaml``        yes      yes      ``yaml``
``popolo``      yes      yes      (``jsonschema`` to check against the schemas)
``org-jsonld``  yes      —        ``rdf``
``org-turtle``  yes      —        ``rdf``
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

from govmodel.io.native import dump, dumps, load, loads
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
    """Write a structure in an exchange format; with ``path``, also to a file (atomically).

    Examples
    --------
    >>> import govmodel, json
    >>> s = govmodel.datasets.load("chengdu")
    >>> doc = json.loads(govmodel.io.export(s, "popolo"))
    >>> sorted(doc)[:3]
    ['areas', 'govmodel', 'memberships']
    """
    if format == "parquet":
        if path is None:
            raise ValueError("the parquet format is a directory of tables: give path")
        from govmodel.io.parquet import write_parquet

        write_parquet(structure, path)
        return b""
    exporters = _exporters()
    if format not in exporters:
        raise ValueError(
            f"unknown export format {format!r}; use one of {', '.join(EXPORT_FORMATS)}"
        )
    out = exporters[format](structure)
    if path is not None:
        from govmodel.io.native import atomic_write

        atomic_write(path, out)
    return out


def import_(data: str | bytes, format: str) -> Structure:
    """Read a structure from an exchange format (validated; problems raise SpecError).

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
