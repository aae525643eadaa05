"""What long commands show a person at a terminal: a moving bar, the time taken, a last line.

Private to the command line (:mod:`wulian_core.cli`); prints nothing to a file or a pipe.
"""

from __future__ import annotations

import shutil
import sys
import threading
import time
from typing import TextIO

__all__ = ["_Working", "_progress"]


class _Working:
    """A moving bar on standard error while long work runs, for a person at a terminal.

    The work gives no count to measure (one call builds or evaluates a province), so the
    bar moves to show the command is alive and the clock shows how long it has taken.
    When standard error is a file or a pipe it prints nothing at all. Each frame fits the
    terminal (``shutil.get_terminal_size()``, read again every frame, so a resized window
    is followed): a line wider than the terminal would wrap, and ``\r`` would then leave
    one line per tick.
    """

    WIDTH = 24

    def __init__(
        self, label: str, *, stream: TextIO | None = None, columns: int | None = None
    ) -> None:
        self.label = label
        self.columns = columns
        self.stream = sys.stderr if stream is None else stream
        self.active = self.stream.isatty()
        self._done = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> _Working:
        if self.active:
            self._thread = threading.Thread(target=self._draw, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._thread is not None:
            self._done.set()
            self._thread.join()
            self.stream.write(f"\r\x1b[K{self.label}: done\n")
            self.stream.flush()

    def frame(self, tick: int, seconds: float) -> str:
        """The line drawn at ``tick``: a block bouncing in a bar, and the time taken.

        It is never wider than the terminal less one column (where the cursor waits):
        the bar narrows first, then the label is cut with an ellipsis.

        >>> _Working("evaluating", columns=80).frame(3, 1.25)
        '\\r\\x1b[Kevaluating [   ===                  ] 1.2 s'
        >>> len(_Working("evaluating a province", columns=30).frame(3, 1.25)) - 4
        29
        """
        columns = self.columns or shutil.get_terminal_size().columns
        room = max(columns - 1, 8)
        clock = f" {seconds:.1f} s"
        label = self.label
        width = min(self.WIDTH, room - len(label) - len(clock) - 3)
        if width < 6:  # too narrow for the bar beside the label: cut the label, keep a bar
            width = 6
            most = max(room - len(clock) - width - 3, 1)
            label = label if len(label) <= most else label[: most - 1] + "…"
        span = width - 3
        at = tick % (2 * span)
        at = at if at <= span else 2 * span - at
        bar = " " * at + "===" + " " * (span - at)
        line = f"{label} [{bar}]{clock}"
        return f"\r\x1b[K{line[:room]}"

    def _draw(self) -> None:
        started = time.monotonic()
        tick = 0
        while not self._done.wait(0.1):
            self.stream.write(self.frame(tick, time.monotonic() - started))
            self.stream.flush()
            tick += 1


def _progress(message: str) -> None:
    """Progress for a person at a terminal; silent when stderr goes to a file or a pipe."""
    if sys.stderr.isatty():
        print(message, file=sys.stderr)
