"""Reading streams, the global order and snapshots: what both stores share."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from wulian_core.errors import InvalidValue

from .protocol import STREAM_KINDS, Recorded, StreamId
from .snapshots import Snapshot, encode_state

__all__ = ["Reads"]


class Reads:
    """Reads over the events table; the backend supplies ``_read`` and ``_instant_of``."""

    _columns: str = "position, stream_kind, stream_id, seq, kind, schema, key, at, data"
    # A stream's read knows its stream: its rows leave out the two columns that name it
    # (a long stream's read on PostgreSQL spends its time moving column values).
    _stream_columns: str = "position, seq, kind, schema, key, at, data"
    # True where the driver hands back instants as aware datetimes (psycopg).
    _native_instants: bool = False

    def _read(self, sql: str, params: Sequence[object]) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _instant_of(self, stored: Any) -> dt.datetime:
        raise NotImplementedError

    # --- reads ------------------------------------------------------------------------------

    def _recorded(self, row: Sequence[Any], stream: StreamId | None = None) -> Recorded:
        return Recorded(
            position=row[0],
            stream=StreamId(row[1], row[2]) if stream is None else stream,
            seq=row[3],
            kind=row[4],
            schema=row[5],
            key=row[6],
            at=self._instant_of(row[7]),
            data=row[8],
        )

    def _stream_sql(self) -> str:
        return (
            f"SELECT {self._stream_columns} FROM wulian_events WHERE stream_kind = ? "
            "AND stream_id = ? AND seq > ? ORDER BY seq"
        )

    def _in_stream(self, rows: Sequence[Sequence[Any]], stream: StreamId) -> list[Recorded]:
        # One stream's rows (``_stream_columns``), built as tuples: ``tuple.__new__`` skips
        # the named tuple's Python-level ``__new__``, a third of a row's cost here.
        new = tuple.__new__
        if self._native_instants:
            return [
                new(Recorded, (p, stream, s, k, v, key, at, d)) for p, s, k, v, key, at, d in rows
            ]
        instant = self._instant_of
        return [
            new(Recorded, (p, stream, s, k, v, key, instant(at), d))
            for p, s, k, v, key, at, d in rows
        ]

    def _rows_in(self, tx: Any, stream: StreamId, after: int) -> list[Recorded]:
        return self._in_stream(
            tx.execute(self._stream_sql(), (stream.kind, stream.id, after)), stream
        )

    def _all_in(self, tx: Any, after: int, limit: int) -> list[Recorded]:
        sql = f"SELECT {self._columns} FROM wulian_events WHERE position > ? ORDER BY position LIMIT ?"
        return [self._recorded(row) for row in tx.execute(sql, (after, limit))]

    def _head_in(self, tx: Any) -> int:
        return int(tx.execute("SELECT COALESCE(MAX(position), 0) FROM wulian_events")[0][0])

    def read_stream(self, stream: StreamId, *, after: int = 0) -> list[Recorded]:
        """A stream's events with sequence number above ``after``, in order."""
        if type(stream) is not StreamId:
            raise InvalidValue("read_stream.stream", stream, "must be a StreamId")
        if type(after) is not int or after < 0:
            raise InvalidValue("read_stream.after", after, "must be a whole number >= 0")
        return self._in_stream(
            self._read(self._stream_sql(), (stream.kind, stream.id, after)), stream
        )

    def _read_streams(self, kind: str, ids: Sequence[str]) -> dict[str, list[Recorded]]:
        # Many streams of one kind in one query (the sweep loads its batch this way).
        found: dict[str, list[Recorded]] = {ident: [] for ident in ids}
        streams = {ident: StreamId(kind, ident) for ident in ids}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ", ".join("?" * len(chunk))
            rows = self._read(
                f"SELECT {self._columns} FROM wulian_events WHERE stream_kind = ? AND "
                f"stream_id IN ({marks}) ORDER BY stream_id, seq",
                (kind, *chunk),
            )
            for row in rows:
                found[row[2]].append(self._recorded(row, streams[row[2]]))
        return found

    def read_all(self, *, after: int = 0, limit: int = 1000) -> list[Recorded]:
        """Up to ``limit`` events after global position ``after``, in global order."""
        if type(after) is not int or after < 0:
            raise InvalidValue("read_all.after", after, "must be a whole number >= 0")
        if type(limit) is not int or limit < 1:
            raise InvalidValue("read_all.limit", limit, "must be a whole number >= 1")
        sql = f"SELECT {self._columns} FROM wulian_events WHERE position > ? ORDER BY position LIMIT ?"
        return [self._recorded(row) for row in self._read(sql, (after, limit))]

    def stream_ids(self, kind: str) -> list[str]:
        """The ids of every stream of ``kind``, in the order the streams began.

        One row a stream (its first event), not every event: a dashboard listing the
        cases, or a tool exporting them, reads this and then loads what it needs.
        """
        if kind not in STREAM_KINDS:
            raise InvalidValue("stream_ids.kind", kind, f"must be one of {STREAM_KINDS}")
        sql = (
            "SELECT stream_id FROM wulian_events WHERE stream_kind = ? AND seq = 1 "
            "ORDER BY position"
        )
        return [row[0] for row in self._read(sql, (kind,))]

    def head(self) -> int:
        """The global position of the last stored event; 0 for an empty store."""
        return int(self._read("SELECT COALESCE(MAX(position), 0) FROM wulian_events", ())[0][0])

    # --- snapshots --------------------------------------------------------------------------

    def _save_snapshot(
        self, tx: Any, stream: StreamId, version: int, schema: int, state: Any
    ) -> None:
        blob, doc = encode_state(state)
        tx.execute(
            "INSERT INTO wulian_snapshots (stream_kind, stream_id, version, state, schema, doc) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (stream_kind, stream_id) "
            "DO UPDATE SET version = excluded.version, state = excluded.state, "
            "schema = excluded.schema, doc = excluded.doc",
            (stream.kind, stream.id, version, blob, schema, doc),
        )

    def snapshot(self, stream: StreamId) -> Snapshot | None:
        """The latest snapshot of ``stream``, if one was taken (``snapshot_every``)."""
        if type(stream) is not StreamId:
            raise InvalidValue("snapshot.stream", stream, "must be a StreamId")
        return self._snapshot(stream)

    def _snapshot(self, stream: StreamId) -> Snapshot | None:
        rows = self._read(
            "SELECT version, state, schema, doc FROM wulian_snapshots "
            "WHERE stream_kind = ? AND stream_id = ?",
            (stream.kind, stream.id),
        )
        if not rows:
            return None
        version, blob, schema, doc = rows[0]
        if doc is None:
            return Snapshot(version=version, state=bytes(blob), schema=schema)
        try:
            state = json.loads(doc)
        except ValueError:
            state = None  # not JSON: the codec ignores it
        return Snapshot(version=version, state=state, schema=schema)
