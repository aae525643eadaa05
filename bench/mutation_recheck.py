"""Which surviving mutants the decision walks kill now, without a whole mutmut run.

After ``bench/mutation.sh`` the survivors are in ``mutants/``. Tests added since (a step
of ``tests/golden/escalation_decisions.py`` or ``tests/golden/passbook_decisions.py``)
are checked against them here: each walk runs under each surviving mutant of its
modules, in one process, and a mutant whose transcript differs from the golden file (or
that raises) is killed. What is left is for a reader to judge: equivalent, or a test to
write. Run from the repository, with the virtualenv mutmut ran with:

    .venv/bin/mutmut results > /tmp/survivors.txt
    .venv/bin/python bench/mutation_recheck.py /tmp/survivors.txt
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
WALKS = {
    "wulian_core._escalation.": ("escalation_decisions.py", "escalation-decisions.txt"),
    "wulian_core._points.": ("passbook_decisions.py", "passbook-decisions.txt"),
}


def _walk(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name[:-3], ROOT / "tests" / "golden" / name)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(survivors_file: str) -> int:
    sys.path.insert(0, str(ROOT / "mutants" / "src"))
    import wulian_core

    assert "mutants" in (wulian_core.__file__ or ""), "run bench/mutation.sh first"
    lines = Path(survivors_file).read_text(encoding="utf-8").splitlines()
    survivors = [line.split(":")[0].strip() for line in lines if line.endswith("survived")]
    left: list[str] = []
    for prefix, (script, golden) in WALKS.items():
        walk = _walk(script)
        expected = (ROOT / "tests" / "golden" / golden).read_text(encoding="utf-8")
        os.environ["MUTANT_UNDER_TEST"] = ""
        assert walk.transcript() == expected, f"{golden} is stale"
        mine = [s for s in survivors if s.startswith(prefix)]
        for mutant in mine:
            os.environ["MUTANT_UNDER_TEST"] = mutant
            try:
                killed = walk.transcript() != expected
            except Exception:
                killed = True
            if not killed:
                left.append(mutant)
        alive = len([m for m in left if m.startswith(prefix)])
        print(f"{prefix}: {len(mine)} survivors, {len(mine) - alive} killed by {script}")
    print(f"left ({len(left)}):")
    for mutant in left:
        print(f"  {mutant}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
