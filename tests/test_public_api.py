"""The public surface: sorted and importable names, and what importing pulls in."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import wulian_core

SRC = Path(wulian_core.__file__).parent
# Everything but the adapters is domain: stdlib, attrs, dateutil and each other only
# (DESIGN.md, "Architecture"). The adapters may import cattrs, hypothesis or optional extras.
ADAPTERS = {
    "__init__.py",
    "__main__.py",
    "_hypothesis.py",
    "_points_machine.py",
    "calendar_cn.py",
    "cli.py",
    "codec.py",
    "_converter.py",
    "_codec_fast.py",
    "policies.py",
    "strategies.py",
    "store.py",
    "dask.py",
}
# Hypothesis strategies and state machines; the event store, which reads the clock and
# loads drivers.
ADAPTER_PACKAGES = {"_strategies", "_store"}
DOMAIN_MODULES = tuple(
    sorted(
        str(path.relative_to(SRC).with_suffix(""))
        for path in SRC.rglob("*.py")
        if str(path.relative_to(SRC)) not in ADAPTERS
        and path.relative_to(SRC).parts[0] not in ADAPTER_PACKAGES
    )
)
ALLOWED_THIRD_PARTY = {"attr", "attrs", "dateutil"}


def test_all_is_sorted_and_every_name_imports() -> None:
    assert wulian_core.__all__ == sorted(wulian_core.__all__)
    for name in wulian_core.__all__:
        assert getattr(wulian_core, name) is not None, name


def test_an_unknown_attribute_is_an_attribute_error() -> None:
    try:
        wulian_core.NoSuchThing  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as exc:
        assert "NoSuchThing" in str(exc)
    else:  # pragma: no cover - the failure this test exists to catch
        raise AssertionError("expected AttributeError")


def test_public_modules_keep_sorted_all() -> None:
    for name in ("errors", "regions", "people", "model", "directory", "codec", "synth"):
        module = __import__(f"wulian_core.{name}", fromlist=["__all__"])
        assert module.__all__ == sorted(module.__all__), name
        for exported in module.__all__:
            assert hasattr(module, exported), (name, exported)


def test_importing_everything_pulls_in_no_hypothesis_pandas_or_matplotlib() -> None:
    code = (
        "import sys\n"
        "from wulian_core import *\n"
        "import wulian_core.cli, wulian_core.synth, wulian_core.demo\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        "('hypothesis', 'pandas', 'matplotlib', 'numpy')]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def _third_party_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"wulian_core"}


def test_domain_modules_import_only_stdlib_attrs_and_dateutil() -> None:
    for name in DOMAIN_MODULES:
        assert _third_party_imports(SRC / f"{name}.py") <= ALLOWED_THIRD_PARTY, name
    assert {"model", "directory", "calendar", "errors"} <= set(DOMAIN_MODULES)


def test_the_import_check_sees_a_forbidden_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import cattrs\nfrom hypothesis import given\nimport attrs\n", encoding="utf-8")
    assert _third_party_imports(bad) == {"cattrs", "hypothesis", "attrs"}


def test_domain_modules_read_no_clock() -> None:
    for name in DOMAIN_MODULES:
        path = SRC / f"{name}.py"
        if path.exists():  # a module not written yet
            text = path.read_text(encoding="utf-8")
            for call in (
                "datetime.now(",
                "date.today(",
                "dt.datetime.now(",
                "time.time(",
                "os.getenv(",
            ):
                assert call not in text, (name, call)


PUBLIC_MODULES = (
    "errors",
    "regions",
    "people",
    "model",
    "directory",
    "calendar",
    "codec",
    "synth",
    "strategies",
    "escalation",
    "points",
    "rules",
    "simulation",
    "html_report",
    "demo",
    "policies",
    "cli",
    "calendar_cn",
    "open311",
    "funding",
    "volunteering",
    "examples",
    "store",
)


def test_every_public_name_has_a_docstring_with_a_runnable_example() -> None:
    import importlib

    missing = []
    for name in PUBLIC_MODULES:
        try:
            module = importlib.import_module(f"wulian_core.{name}")
        except ModuleNotFoundError:
            continue  # a capability not written yet
        for exported in module.__all__:
            value = getattr(module, exported)
            doc = getattr(value, "__doc__", None) or ""
            if not callable(value) and not isinstance(value, type):
                continue  # constants document themselves in the module docstring
            if ">>>" not in doc:
                missing.append(f"{name}.{exported}")
    assert missing == []
