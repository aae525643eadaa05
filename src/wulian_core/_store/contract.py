"""The contract both stores keep (:class:`EventStore`): what an app may rely on, on either."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Protocol, TypeVar

from .protocol import Append, Recorded, StreamId
from .sweeping import SweepReport
from .unit_of_work import UnitOfWork

__all__ = ["EventStore"]

T = TypeVar("T")


class EventStore(Protocol):
    """An event store: streams, appends with expected versions, units of work, projections.

    :class:`~wulian_core.store.SQLiteStore` and :class:`~wulian_core.store.PostgresStore`
    implement it and pass one contract test suite.

    >>> from wulian_core.store import SQLiteStore
    >>> store: EventStore = SQLiteStore(":memory:")  # a Protocol, for type checkers
    >>> store.create()
    >>> store.head()
    0
    """

    def create(self) -> None:
        """Create or migrate the schema; safe to call on every start."""

    def append(self, *appends: Append) -> int:
        """Write every append in one transaction; the global position of the last event."""

    def read_stream(self, stream: StreamId, *, after: int = 0) -> list[Recorded]:
        """A stream's events after sequence number ``after``, in order."""

    def read_all(self, *, after: int = 0, limit: int = 1000) -> list[Recorded]:
        """Up to ``limit`` events after global position ``after``, in global order."""

    def stream_ids(self, kind: str) -> list[str]:
        """The ids of every stream of ``kind``, in the order the streams began."""

    def head(self) -> int:
        """The global position of the last stored event (0 when empty)."""

    def unit_of_work(
        self,
        *,
        clock: Callable[[], dt.datetime] | None = None,
        max_skew: dt.timedelta | None = None,
    ) -> UnitOfWork:
        """A unit of work over this store."""

    def run(self, fn: Callable[[UnitOfWork], T], *, attempts: int = 3) -> T:
        """Run ``fn`` in a unit of work and commit; reload and retry on a conflict."""

    def sweep(self, now: dt.datetime, *, batch: int = 100) -> SweepReport:
        """Let the clocks of every due case run to ``now``, each in its own unit of work."""

    def positions(self) -> Mapping[str, int]:
        """Each projection's saved position."""

    def close(self) -> None:
        """Close the store's connections."""
