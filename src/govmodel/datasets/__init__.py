"""Small structures bundled with govmodel, found by name.

Each follows one of the source reports (``../shared/seeds/``, cited by file name in each
structure's ``metadata.source``), except ``qingshan``, an illustrative community for the law
packs whose ``metadata.source`` names the laws:

========== ============== ===========================================================
name       model          what it is
========== ============== ===========================================================
xihu       tripartite     compounds of a Xihu (Nanchang) community, tri-partite (000)
jinfeng    grid           a Jinfeng (Yinchuan) street with its grids (001)
chengdu    council        a Chengdu community council and its courtyards (002)
changsha   eight_roles    a Changsha community with its eight roles and alliance (003)
yuetang    four_level     a Yuetang (Xiangtan) community in four levels (004)
qingshan   the law packs  a merged Hangzhou community with an owners' roster and a
                          dated history, for the law packs (illustrative; docs/law)
========== ============== ===========================================================

Examples
--------
>>> import govmodel
>>> govmodel.datasets.names()
('changsha', 'chengdu', 'jinfeng', 'qingshan', 'xihu', 'yuetang')
>>> govmodel.datasets.load("chengdu").metadata.model
('council',)
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from govmodel.spec import Structure

__all__ = ["load", "names", "path"]

_SUFFIX = ".json"


def _folder() -> Path:
    return Path(str(resources.files(__name__)))


def names() -> tuple[str, ...]:
    """The names of the bundled structures, sorted."""
    return tuple(sorted(p.stem for p in _folder().glob(f"*{_SUFFIX}")))


def path(name: str) -> Path:
    """The path of a bundled structure's file.

    Raises
    ------
    KeyError
        If there is no bundled structure of that name (the message lists the names).
    """
    p = _folder() / f"{name}{_SUFFIX}"
    if not p.is_file() or "/" in name or "\\" in name:
        raise KeyError(f"no bundled structure {name!r}; the names are {', '.join(names())}")
    return p


def load(name: str) -> Structure:
    """Load a bundled structure by name (validated)."""
    from govmodel.io.native import load as _load

    return _load(path(name))
