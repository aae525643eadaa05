"""The Hypothesis entry point: ``st.from_type`` finds our strategies in a fresh process."""

from __future__ import annotations

import subprocess
import sys


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_from_type_draws_valid_organizations_in_a_fresh_process() -> None:
    out = _run(
        "from hypothesis import given, settings, strategies as st\n"
        "from wulian_core import SocialOrganization, Directory\n"
        "seen = []\n"
        "@settings(max_examples=20, database=None)\n"
        "@given(st.from_type(SocialOrganization), st.from_type(Directory))\n"
        "def t(org, d):\n"
        "    assert isinstance(org, SocialOrganization) and isinstance(d, Directory)\n"
        "    seen.append(org)\n"
        "t()\n"
        "print(len(seen))\n"
    )
    assert int(out) == 20


def test_importing_the_strategies_module_first_still_registers_the_types() -> None:
    # The import order that loops in plugins that import their strategies from the hook.
    out = _run(
        "import wulian_core.strategies\n"
        "from hypothesis import strategies as st, find\n"
        "from wulian_core import Region\n"
        "print(type(find(st.from_type(Region), lambda r: True)).__name__)\n"
    )
    assert out == "Region"


def test_the_hook_is_lazy_and_imports_no_strategies_module() -> None:
    out = _run(
        "import sys, hypothesis\n"
        "print('wulian_core.strategies' in sys.modules, 'wulian_core._hypothesis' in sys.modules)\n"
    )
    assert out == "False True"


def test_types_that_are_not_ours_resolve_as_without_the_library() -> None:
    # Hypothesis asks every registered strategy about subclasses when it resolves a base
    # type; ours must answer "not mine" (NotImplemented), never raise.
    out = _run(
        "import typing, warnings\n"
        "warnings.simplefilter('ignore')\n"
        "import attrs\n"
        "from hypothesis import given, settings, strategies as st\n"
        "@attrs.frozen\n"
        "class Mine:\n"
        "    n: int\n"
        "drawn = []\n"
        "@settings(max_examples=20, database=None)\n"
        "@given(st.from_type(object), st.from_type(typing.Hashable), st.from_type(Mine))\n"
        "def t(a, b, c):\n"
        "    assert isinstance(c, Mine)\n"
        "    drawn.append(c)\n"
        "t()\n"
        "print(len(drawn))\n"
    )
    assert int(out) == 20


_HIDE_HYPOTHESIS = (
    "import sys\n"
    "class Hide:\n"
    "    def find_spec(self, name, path=None, target=None):\n"
    "        if name == 'hypothesis' or name.startswith('hypothesis.'):\n"
    "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
    "sys.meta_path.insert(0, Hide())\n"
)


def test_importing_the_strategies_without_hypothesis_says_how_to_install_it() -> None:
    out = _run(
        _HIDE_HYPOTHESIS + "import wulian_core, wulian_core.codec, wulian_core.points\n"
        "try:\n"
        "    import wulian_core.strategies\n"
        "except ModuleNotFoundError as exc:\n"
        "    print(type(exc).__name__, exc.name, '|', exc)\n"
        "else:\n"
        "    print('imported')\n"
    )

    assert out.strip() == (
        "ModuleNotFoundError hypothesis | wulian_core.strategies needs Hypothesis: "
        "pip install 'wulian-core[hypothesis]'"
    )
