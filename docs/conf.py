"""Sphinx configuration for the govmodel documentation."""

from __future__ import annotations

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
    "sphinx.ext.intersphinx",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "myst_parser",
]

myst_enable_extensions = ["dollarmath", "colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "**.ipynb_checkpoints", "jupyter_execute"]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False, "show-inheritance": True}
autosummary_generate = False
napoleon_numpy_docstring = True
napoleon_google_docstring = False
napoleon_use_rtype = False
nitpicky = False

intersphinx_mapping = {
    "python": ("https://docs.python.org/3", None),
    "networkx": ("https://networkx.org/documentation/stable", None),
    "attrs": ("https://www.attrs.org/en/stable", None),
}
intersphinx_disabled_reftypes = ["*"]
intersphinx_timeout = 5

html_theme = "furo"
html_title = f"govmodel {release}"
html_static_path = ["_static"]
suppress_warnings = ["intersphinx.external", "config.cache"]
