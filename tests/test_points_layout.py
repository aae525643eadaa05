"""The passbook's package stacks one way: no cycle, no way back up to its face.

Every import counts here, those under ``TYPE_CHECKING`` and inside functions too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import wulian_core

SRC = Path(wulian_core.__file__).parent
POINTS = SRC / "_points"


def _imports(path: Path) -> set[str]:
    """The ``wulian_core`` modules a file imports, resolved to dotted names."""
    package = ["wulian_core", *path.parent.relative_to(SRC).parts]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:
                found.add(
                    f"{module}.{alias.name}" if _is_module(f"{module}.{alias.name}") else module
                )
    return {name for name in found if name.startswith("wulian_core")}


def _is_module(dotted: str) -> bool:
    path = SRC.parent.joinpath(*dotted.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _graph() -> dict[str, set[str]]:
    modules = {f"wulian_core._points.{p.stem}": p for p in POINTS.glob("*.py")}
    return {name: _imports(path) & modules.keys() - {name} for name, path in modules.items()}


def test_no_module_of_the_package_imports_its_face_or_the_top_package() -> None:
    for path in POINTS.glob("*.py"):
        imported = _imports(path)
        assert "wulian_core.points" not in imported, path.name
        assert "wulian_core" not in imported, path.name


def test_the_package_has_no_import_cycle() -> None:
    graph = _graph()
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join((*path, name))
        if name in done:
            return
        for target in graph[name]:
            visit(target, (*path, name))
        done.add(name)

    for name in graph:
        visit(name, ())


def test_the_views_read_a_protocol_not_the_aggregates() -> None:
    imported = _imports(POINTS / "html.py")

    assert not imported & {"wulian_core._points.passbook", "wulian_core._points.catalogue"}


def test_a_catalogue_touches_no_private_part_of_a_passbook() -> None:
    tree = ast.parse((POINTS / "catalogue.py").read_text(encoding="utf-8"))
    reached = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "passbook"
    }

    assert reached, "the test reads Catalogue's use of its passbook argument"
    assert not [name for name in reached if name.startswith("_")], reached
