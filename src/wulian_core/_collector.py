"""Loading many records at once without the cyclic garbage collector walking them again and again.

CPython's collector runs a pass each time about 700 more container objects exist than
were freed, and a full pass, over every container, each time the long-lived ones grow by
a quarter. Loading a million cases or passbooks therefore makes it walk the ones already
loaded many times over, and the walks touch memory far beyond the processor's caches:
the cost of a record grows with how many came before it (``docs/performance.md``).

What the loaders build holds no reference cycles (a case holds its events, a passbook its
lots and history, a directory its records and indexes; nothing points back), so
reference counting frees all of it and the collector would find nothing to free there.
Pausing it while loading loses nothing; freezing what was loaded (``gc.freeze()``)
keeps later passes from walking it again.
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

__all__ = ["collector_paused", "paused_during"]

F = TypeVar("F", bound=Callable[..., Any])

# The collector is process-wide, and blocks may overlap across threads (two requests each
# building a directory): the first block in pauses it, the last one out puts it back as
# the first found it, so an overlap never leaves it off.
_lock = threading.Lock()
_depth = 0
_was_enabled = True


@contextmanager
def collector_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while loading; resume it as it was after.

    With ``freeze=True``, everything alive when the block ends is moved to the
    collector's permanent generation (``gc.freeze()``), which its passes skip: do that
    once after a service's start-up load, not in a loop. Reference counting frees
    garbage as usual inside the block; only cycles wait for the collector's next pass.
    Blocks may overlap, in one thread or several: the collector resumes when the last
    one ends.

    >>> import gc
    >>> from wulian_core.model import collector_paused
    >>> with collector_paused():
    ...     with collector_paused():
    ...         pass
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if freeze:
                gc.freeze()
            if _depth == 0 and _was_enabled:
                gc.enable()


def paused_during(function: F) -> F:
    """``function``, run inside :func:`collector_paused` (for bulk builders)."""

    @functools.wraps(function)
    def paused(*args: Any, **kwargs: Any) -> Any:
        with collector_paused():
            return function(*args, **kwargs)

    return paused  # type: ignore[return-value]
