"""The house rules of ``docs/architecture.md``, checked over every import in ``src/``.

import-linter (in ``.ci/run``) holds the layers; these tests hold what it does not see:
imports inside functions and under ``TYPE_CHECKING`` count too, no private package
imports its own face, and the package's surface is exactly its faces' ``__all__``.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import wulian_core

SRC = Path(wulian_core.__file__).parent.parent
PACKAGE = "wulian_core"
# Private packages and the face each one stands behind.
FACE_OF = {
    "wulian_core._escalation": "wulian_core.escalation",
    "wulian_core._points": "wulian_core.points",
    "wulian_core._strategies": "wulian_core.strategies",
    "wulian_core._store": "wulian_core.store",
    "wulian_core._open311": "wulian_core.open311",
    "wulian_core._funding": "wulian_core.funding",
    "wulian_core._synth": "wulian_core.synth",
    "wulian_core._volunteering": "wulian_core.volunteering",
}


def _modules(root: Path = SRC) -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in (root / PACKAGE).rglob("*.py"):
        parts = list(path.relative_to(root).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        found[".".join(parts)] = (path, is_package)
    return found


def import_graph(root: Path = SRC) -> dict[str, set[str]]:
    """Every module of the package and the package modules it imports, wherever the import is."""
    modules = _modules(root)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, (path, is_package) in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = name.split(".") if is_package else name.split(".")[:-1]
                if node.level:
                    base = base[: len(base) - (node.level - 1)]
                    module = ".".join([*base, node.module] if node.module else base)
                else:
                    module = node.module or ""
                targets = [
                    f"{module}.{alias.name}" if f"{module}.{alias.name}" in modules else module
                    for alias in node.names
                ]
            else:
                continue
            for target in targets:
                while target not in modules and "." in target:
                    target = target.rsplit(".", 1)[0]
                if target in modules and target != name:
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that import each other, round and round (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
    return groups


def test_no_import_cycles_counting_every_import() -> None:
    assert cycles(import_graph()) == []


def test_the_cycle_check_finds_a_cycle(tmp_path: Path) -> None:
    package = tmp_path / PACKAGE
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from . import b\n")
    (package / "b.py").write_text("def f():\n    from .a import x\n")  # a function-level import
    (package / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import wulian_core.a\n"
    )
    assert cycles(import_graph(tmp_path)) == [["wulian_core.a", "wulian_core.b"]]


def test_no_private_package_imports_its_own_face() -> None:
    graph = import_graph()
    offenders = [
        (module, face)
        for module, imported in graph.items()
        for package, face in FACE_OF.items()
        if module.startswith(package + ".") or module == package
        if face in imported or PACKAGE in imported
    ]
    assert offenders == []


def test_the_package_surface_is_exactly_its_faces_all() -> None:
    faces = wulian_core._FACES
    union = set(importlib.import_module("wulian_core.errors").__all__)
    for face in faces:
        union |= set(importlib.import_module(f"wulian_core.{face}").__all__)
    assert set(wulian_core.__all__) == union - wulian_core._NOT_RE_EXPORTED
    for name in wulian_core.__all__:
        homes = [
            f
            for f in ("errors", *faces)
            if name in importlib.import_module(f"wulian_core.{f}").__all__
        ]
        assert getattr(wulian_core, name) is getattr(
            importlib.import_module(f"wulian_core.{homes[0]}"), name
        )


def test_no_module_is_over_five_hundred_lines() -> None:
    long = {
        name: len(path.read_text(encoding="utf-8").splitlines())
        for name, (path, _) in _modules().items()
        if name != "wulian_core._china_schedule"  # data: one literal per year's notice
    }
    assert {name: n for name, n in long.items() if n > 500} == {}


def test_doctests_import_public_names_only() -> None:
    import re

    private = re.compile(r"^\s*(>>>|\.\.\.) +(from|import) +wulian_core\._", re.M)
    places = [*(SRC / PACKAGE).rglob("*.py"), *(SRC.parent / "docs").glob("*.md")]
    places.append(SRC.parent / "README.md")
    offenders = [str(p) for p in places if private.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
