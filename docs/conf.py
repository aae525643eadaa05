"""Sphinx configuration: furo theme, MyST markdown pages, API pages from the docstrings.

Intersphinx reads small inventories bundled under ``_inventories/`` (written by
``_inventories/make_inventories.py``): the build runs offline, and ``-n`` (nitpicky, in
``.ci/run``) still resolves ``datetime.date`` and the other names of Python, attrs, cattrs
and Hypothesis to their real documentation.
"""

from __future__ import annotations

import importlib
import inspect
import re
import sys
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

project = "wulian-core"
author = "wulian-core maintainers"
copyright = "2026, wulian-core maintainers"  # Sphinx reads this name

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
exclude_patterns = ["_build", "_inventories", "examples", "notebooks"]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False

intersphinx_mapping = {
    "python": ("https://docs.python.org/3", "_inventories/python.inv"),
    "attrs": ("https://www.attrs.org/en/stable", "_inventories/attrs.inv"),
    "cattrs": ("https://catt.rs/en/stable", "_inventories/cattrs.inv"),
    "hypothesis": ("https://hypothesis.readthedocs.io/en/latest", "_inventories/hypothesis.inv"),
}
intersphinx_disabled_reftypes: list[str] = []

nitpick_ignore_regex = [
    # Private modules and the private bases public classes show: not documented by design.
    (r"py:.*", r"(wulian_core\.)?([a-z_]+\.)*_[A-Za-z].*"),
    # Type variables (T, S) of generic signatures.
    (r"py:class", r"[A-Z]"),
    (r"py:class", r"wulian_core\.[a-z_.]+\.[A-Z]"),
    # napoleon reads "The first date: ..." in a property's docstring as a type: prose, or a
    # single word ("Closed, withdrawn: ..."); a real bare name resolves in _missing_reference.
    (r"py:class", r".*[\s\u3000-\u9fff].*"),
    (r"py:class", r"[A-Za-z]+"),
    (r"py:attr", r"[A-Z_]+"),
]

html_theme = "furo"
html_title = "wulian-core"
language = "en"

_ALIASES = {"dt": "datetime", "_dt": "datetime"}


def _missing_reference(app: Sphinx, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve what string annotations leave short: ``dt.date``, a face's re-export, a bare name."""
    target = node.get("reftarget", "")
    head, _, rest = target.partition(".")
    if head in _ALIASES and rest:
        from sphinx.ext.intersphinx import missing_reference

        node["reftarget"] = f"{_ALIASES[head]}.{rest}"
        return missing_reference(app, env, node, contnode)
    name = target.rsplit(".", 1)[-1]
    if not (target.startswith("wulian_core.") or "." not in target):
        return None
    objects = env.get_domain("py").objects
    found = sorted(full for full in objects if full.endswith(f".{name}") and "._" not in full)
    if not found:
        return None
    entry = objects[found[0]]
    return make_refnode(app.builder, node["refdoc"], entry.docname, entry.node_id, contnode)


class FaceData(SphinxDirective):
    """``.. face-data:: wulian_core.escalation``: the face's public constants and unions.

    autodoc finds a data member's docstring only in the module that defines it; a face
    re-exports its constants and event unions from private modules, so this looks each
    up where it is defined and documents it under the face.
    """

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        face = importlib.import_module(self.arguments[0])
        docs = _attribute_docs()
        # What the face defines itself, autodoc already documents.
        own = {name for scope, name in ModuleAnalyzer.for_module(face.__name__).find_attr_docs()}
        lines: list[str] = []
        for name in face.__all__:
            value = getattr(face, name)
            if inspect.isclass(value) or inspect.ismodule(value) or callable(value):
                continue
            if name in own:
                continue
            lines += [f".. py:data:: {name}", f"   :module: {face.__name__}", ""]
            for line in docs.get(name, ["(no description)"]):
                lines.append(f"   {line}")
            lines.append("")
        container = nodes.section()
        container.document = self.state.document
        self.state.nested_parse(StringList(lines), self.content_offset, container)
        return list(container.children)


def _attribute_docs() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for module in sorted(m for m in list(sys.modules) if m.startswith("wulian_core")):
        try:
            docs = ModuleAnalyzer.for_module(module).find_attr_docs()
        except Exception:
            continue
        for (scope, name), text in docs.items():
            if scope == "" and name not in found:
                found[name] = [line for line in text if not re.match(r"^\s*$", line)] or [""]
    return found


def setup(app: Sphinx) -> None:
    import wulian_core  # noqa: F401 - loads the faces whose data the directive reads

    app.connect("missing-reference", _missing_reference)
    app.add_directive("face-data", FaceData)
