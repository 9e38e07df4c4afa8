"""Sphinx configuration for the govmodel documentation.

Build with ``sphinx-build -W --keep-going -b html docs docs/_build/html``. Pages are MyST
Markdown; the notebooks of ``notebooks/`` are rendered by myst-nb from their stored outputs
(they are executed by ``pytest --nbmake notebooks/``, never by the docs build).
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import govmodel

project = "govmodel"
author = "the govmodel developers"
copyright = "2026, the govmodel developers"
release = govmodel.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "myst_nb",  # includes the MyST parser (myst_parser) and renders Jupyter notebooks
]
# No sphinx.ext.intersphinx: with every implicit reference type disabled it linked nothing,
# and fetching its inventories made offline builds fail under -W.

myst_enable_extensions = ["dollarmath", "colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 4
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = ["_build", "**.ipynb_checkpoints", "jupyter_execute"]

# -- notebooks ---------------------------------------------------------------------------------
# The notebooks live in ../notebooks (run there by nbmake and by readers); Sphinx reads only
# files under docs/, so they are copied into docs/notebooks/ (git-ignored) at every build. A
# notebook is copied only when it changed, so incremental builds stay incremental.
nb_execution_mode = "off"  # stored outputs are rendered as they are
nb_merge_streams = True

_NOTEBOOKS_SRC = Path(__file__).resolve().parent.parent / "notebooks"
_NOTEBOOKS_DST = Path(__file__).resolve().parent / "notebooks"


def _copy_notebooks(src: Path = _NOTEBOOKS_SRC, dst: Path = _NOTEBOOKS_DST) -> None:
    dst.mkdir(exist_ok=True)
    wanted = {p.name for p in src.glob("*.ipynb")}
    for name in sorted(wanted):
        if not (dst / name).exists() or not filecmp.cmp(src / name, dst / name, shallow=False):
            shutil.copy2(src / name, dst / name)
    for stale in dst.glob("*.ipynb"):
        if stale.name not in wanted:
            stale.unlink()


_copy_notebooks()

# -- API documentation -------------------------------------------------------------------------
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False, "show-inheritance": True}
autosummary_generate = False
napoleon_numpy_docstring = True
napoleon_google_docstring = False
napoleon_use_rtype = False
# "Attributes" sections of attrs classes become fields of the class, not attribute entries
# that duplicate the ones autodoc documents from the class itself.
napoleon_use_ivar = True
nitpicky = False

html_theme = "furo"
html_title = f"govmodel {release}"
html_static_path = ["_static"]
suppress_warnings = ["config.cache"]
