"""Sphinx configuration for the govmodel documentation.

Build with ``sphinx-build -W --keep-going -b html docs docs/_build/html``. Pages are MyST
Markdown; the notebooks of ``notebooks/`` are rendered by myst-nb from their stored outputs
(they are executed by ``pytest --nbmake notebooks/``, never by the docs build).
"""

from __future__ import annotations

import filecmp
import importlib
import inspect
import re
import shutil
from pathlib import Path
from typing import Any

from sphinx.util.nodes import make_refnode

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

# Every reference to a govmodel object must resolve: a name that links nowhere fails the
# build (-W). References to other projects are not checked (there is no intersphinx), nor
# the type variables of signatures (``T``, ``F``) or the words napoleon takes from a free
# text type ("optional", "a mapping").
nitpicky = True
nitpick_ignore_regex = [
    (r"py:.*", r"(?!govmodel\b).*"),
    (r"py:.*", r"govmodel(\.\w+)*\.[A-Z]"),
]


def _object(target: str) -> Any:
    """The object ``target`` names (a module, or an attribute of one), or ``None``."""
    parts = target.split(".")
    # an attribute first: the function govmodel.assess, not the module of that name
    for i in range(len(parts) - 1, 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        try:
            for part in parts[i:]:
                obj = getattr(obj, part)
        except AttributeError:
            break
        return obj
    try:
        return importlib.import_module(target)
    except ImportError:
        return None


def _same(a: Any, b: Any) -> bool:
    """Whether ``a`` and ``b`` are one object (a class's method read twice is two bound
    methods, equal)."""
    return a is b or (inspect.ismethod(a) and a == b)


def _reexported(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve a reference to a public re-export (``govmodel.SpecError``,
    ``govmodel.models.rule``) to the object's documentation where it is defined
    (``govmodel.errors.SpecError``): the documented entry of the same name that is the very
    same object."""
    if node.get("refdomain") != "py":
        return None
    target = node.get("reftarget", "").lstrip(".~")
    if re.match(r"govmodel(\.|$)", target):
        names = [target]
    else:  # a name relative to the module (and class) the reference is written in
        module, cls = node.get("py:module"), node.get("py:class")
        names = [f"{module}.{cls}.{target}"] if module and cls else []
        names += [f"{module}.{target}"] if module else []
    for target in names:
        obj = _object(target)
        if obj is None:
            continue
        last = "." + target.rsplit(".", 1)[-1]
        for name, _dispname, _type, docname, anchor, _prio in env.get_domain("py").get_objects():
            if name != target and name.endswith(last) and _same(_object(name), obj):
                return make_refnode(app.builder, node["refdoc"], docname, anchor, contnode, name)
    return None


def setup(app: Any) -> None:
    app.connect("missing-reference", _reexported)


html_theme = "furo"
html_title = f"govmodel {release}"
html_static_path = ["_static"]
suppress_warnings = ["config.cache"]
