"""The write transaction projections see, and the aggregates as they stand inside it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .protocol import StreamId

__all__ = ["Tx", "TxStreams"]


class Tx:
    """A write transaction over a DB-API cursor; SQL is written with ``?`` placeholders.

    What ``SQLiteStore.transaction`` yields and projections receive.

    >>> from wulian_core.store import SQLiteStore
    >>> store = SQLiteStore(":memory:")
    >>> store.create()
    >>> with store.transaction() as tx:
    ...     tx.dialect, tx.execute("SELECT count(*) FROM wulian_events")
    ('sqlite', [(0,)])
    """

    __slots__ = ("_cursor", "_instant", "_marker", "dialect")

    def __init__(
        self, cursor: Any, dialect: str, instant: Callable[[dt.datetime], object], marker: str
    ) -> None:
        self._cursor, self.dialect, self._instant, self._marker = cursor, dialect, instant, marker

    def _sql(self, sql: str) -> str:
        return sql if self._marker == "?" else sql.replace("?", self._marker)

    def execute(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Run one statement; its rows, if it returns any."""
        cursor = self._cursor
        cursor.execute(self._sql(sql), tuple(params))
        if cursor.description is None:
            return []
        return [tuple(row) for row in cursor.fetchall()]

    def executemany(self, sql: str, rows: Sequence[Sequence[object]]) -> None:
        """Run one statement per row of parameters."""
        self._cursor.executemany(self._sql(sql), [tuple(row) for row in rows])

    def instant(self, value: dt.datetime) -> object:
        """The stored form of an aware instant."""
        return self._instant(value)


class TxStreams:
    """Aggregates as they stand in the transaction: the unit of work's, else read in it."""

    __slots__ = ("_cache", "_store", "_tx")

    def __init__(self, store: Any, tx: Tx, cache: Mapping[StreamId, Any]) -> None:
        self._store, self._tx, self._cache = store, tx, dict(cache)

    def _get(self, stream: StreamId) -> Any:
        found = self._cache.get(stream)
        if found is None:
            store, tx = self._store, self._tx
            events = store._loader.events(stream, lambda s, a: store._rows_in(tx, s, a))
            found = self._cache[stream] = store._loader.rebuild(stream, events)
        return found

    def case(self, id: str) -> Any:
        return self._get(StreamId("case", id))

    def passbook(self, id: str) -> Any:
        return self._get(StreamId("passbook", id))

    def catalogue(self, id: str) -> Any:
        return self._get(StreamId("catalogue", id))

    def registration(self, id: str) -> Any:
        return self._get(StreamId("registration", id))

    def activity(self, id: str) -> Any:
        return self._get(StreamId("activity", id))

    def shops(self, id: str) -> Any:
        return self._get(StreamId("shops", id))

    def board(self, id: str) -> Any:
        return self._get(StreamId("board", id))
