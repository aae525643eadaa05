"""A bounded cache of decoded event prefixes, per stream, inside one store object.

Streams only grow and events are frozen, so a prefix read once stays true: a load reads
only the rows after it, and decodes only those. Filled from committed reads and commits
only, never from inside a transaction that may still roll back.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from .protocol import StreamId

__all__ = ["EventCache"]


class EventCache:
    """The decoded events of the ``size`` streams used last (``size=0`` turns it off).

    >>> cache = EventCache(1)
    >>> cache.put(StreamId("case", "c-1"), ("opened",))
    >>> cache.put(StreamId("case", "c-2"), ("opened",))
    >>> cache.get(StreamId("case", "c-1")) is None, cache.get(StreamId("case", "c-2"))
    (True, ('opened',))
    """

    __slots__ = ("_entries", "_lock", "_size")

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[StreamId, tuple[Any, ...]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, stream: StreamId) -> tuple[Any, ...] | None:
        """The cached prefix of ``stream``, if any."""
        with self._lock:
            found = self._entries.get(stream)
            if found is not None:
                self._entries.move_to_end(stream)
            return found

    def put(self, stream: StreamId, events: tuple[Any, ...]) -> None:
        """Remember ``events`` as the (committed) prefix of ``stream``; keep the longest."""
        if self._size <= 0:
            return
        with self._lock:
            known = self._entries.get(stream)
            if known is None or len(known) <= len(events):
                self._entries[stream] = events
            self._entries.move_to_end(stream)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        """Forget everything (after rows were changed outside the store)."""
        with self._lock:
            self._entries.clear()
