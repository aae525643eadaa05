"""The fuzz suite's helpers are plain modules beside its tests; the session ends with its counts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the inputs tried and the wrong behaviours found, for the closing note."""
    from _fuzz import TALLY

    if TALLY.tried:
        terminalreporter.write_line(TALLY.summary())
