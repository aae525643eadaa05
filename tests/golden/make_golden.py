"""Write the golden files that hold the layout still: ``python tests/golden/make_golden.py``.

Run only when a change is meant to alter the demo's events or text, and say so in the
changelog. ``tests/test_golden.py`` compares the live demo against these files byte for byte.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))

from test_golden import demo_outputs, public_names, quarter_events  # noqa: E402


def main() -> None:
    text, report = demo_outputs()
    (HERE / "demo-seed0.txt").write_text(text, encoding="utf-8")
    (HERE / "report-seed0.html").write_text(report, encoding="utf-8")
    (HERE / "quarter-seed0-events.jsonl").write_text(quarter_events(), encoding="utf-8")
    (HERE / "public-names.txt").write_text(public_names(), encoding="utf-8")


if __name__ == "__main__":
    main()
