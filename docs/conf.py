"""Sphinx configuration: furo theme, MyST markdown pages, API pages from the docstrings."""

from __future__ import annotations

project = "wulian-core"
author = "wulian-core maintainers"
copyright = "2026, wulian-core maintainers"  # Sphinx reads this name

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
exclude_patterns = ["_build", "examples", "notebooks"]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False

html_theme = "furo"
html_title = "wulian-core"
language = "en"
