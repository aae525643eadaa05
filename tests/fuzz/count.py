"""Report what the fuzz suite tries and finds, without pytest: ``python tests/fuzz/count.py``.

Runs the fixed table against every target (the deterministic half of
``test_entry_points.py``) and prints the counts for a closing note: targets, inputs tried,
wrong behaviours (new ones listed, known ones counted apart).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _fuzz import KNOWN, TALLY, all_targets, known, sweep


def main() -> int:
    """Sweep every target; exit status 1 when a wrong behaviour outside KNOWN turns up."""
    started = time.perf_counter()
    targets = [t for t in all_targets() if t.arguments]
    problems = [problem for target in targets for problem in sweep(target)]
    new = [p for p in problems if not known(p)]
    arguments = sum(len(t.arguments) for t in targets)
    print(f"targets: {len(targets)} ({arguments} arguments)")
    print(f"inputs tried: {TALLY.tried['calls']}")
    print(f"wrong behaviours: {len(new)}")
    print(f"known ({', '.join(KNOWN) or 'none listed'}): {len(problems) - len(new)}")
    for problem in new[:50]:
        print(f"  {problem}")
    print(f"({time.perf_counter() - started:.1f} s)")
    return 1 if new else 0


if __name__ == "__main__":
    raise SystemExit(main())
