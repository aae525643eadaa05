"""The embedded store: SQLite from the standard library, in WAL mode; a file or ``:memory:``."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Final

from wulian_core.errors import InvalidValue

from .engine import SQLStore
from .errors import StoreUnavailable
from .transaction import Tx

__all__ = ["SQLiteStore"]

_MIGRATIONS: Final = (
    (
        "CREATE TABLE wulian_events (position INTEGER PRIMARY KEY, stream_kind TEXT NOT NULL, "
        "stream_id TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, "
        "schema INTEGER NOT NULL, key TEXT, at TEXT NOT NULL, data TEXT NOT NULL, "
        "UNIQUE (stream_kind, stream_id, seq))",
        "CREATE UNIQUE INDEX wulian_events_key ON wulian_events (stream_kind, stream_id, key) "
        "WHERE key IS NOT NULL",
        "CREATE TABLE wulian_tracking (projection TEXT PRIMARY KEY, position INTEGER NOT NULL)",
        "CREATE TABLE wulian_snapshots (stream_kind TEXT NOT NULL, stream_id TEXT NOT NULL, "
        "version INTEGER NOT NULL, state BLOB NOT NULL, PRIMARY KEY (stream_kind, stream_id))",
    ),
    (  # 2: JSON snapshots (StateSnapshots) next to the pickled ones, told apart by schema
        "ALTER TABLE wulian_snapshots ADD COLUMN schema INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE wulian_snapshots ADD COLUMN doc TEXT",
    ),
    (),  # 3: PostgreSQL's snapshot documents to text; SQLite's always were
)


def _instant(value: dt.datetime) -> str:
    # UTC with microseconds: one width for every instant, so text order is time order.
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


class SQLiteStore(SQLStore):
    """The event store in one SQLite file (WAL, one connection per thread), or in memory.

    No dependency beyond the standard library. Writers take the database's write lock
    (``BEGIN IMMEDIATE``) and wait up to ``timeout`` seconds for it; readers never wait.
    Options (``points_policy``, ``calendar``, ``projections``, ``snapshot_every``,
    ``snapshots``, ``upcasters``, ``clock``, ``max_skew``) are described in
    ``docs/store.md``.

    >>> store = SQLiteStore(":memory:")
    >>> store.create()
    >>> store.head(), sorted(store.positions())
    (0, ['balances', 'cases_by_grid', 'due_cases'])
    """

    dialect = "sqlite"

    def __init__(self, path: str | Path, *, timeout: float = 30.0, **options: Any) -> None:
        if not isinstance(path, (str, Path)) or not str(path):
            raise InvalidValue("SQLiteStore.path", path, "must be a file path or ':memory:'")
        super().__init__(**options)
        self.path = str(path)
        self._timeout = timeout
        self._local = threading.local()
        # An in-memory database lives in its one connection: share it behind a lock.
        self._shared: sqlite3.Connection | None = None
        self._lock = threading.RLock()
        self._all: list[sqlite3.Connection] = []

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(
                self.path, timeout=self._timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StoreUnavailable(f"cannot open {self.path}: {exc}") from None
        if self.path != ":memory:":
            conn.execute("PRAGMA journal_mode=WAL")
            # WAL with NORMAL sync: a commit survives a crash of the process, and a power
            # cut can lose only the last transactions, never corrupt the file.
            conn.execute("PRAGMA synchronous=NORMAL")
        self._all.append(conn)
        return conn

    def _conn(self) -> sqlite3.Connection:
        if self.path == ":memory:":
            if self._shared is None:
                self._shared = self._connect()
            return self._shared
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = self._connect()
        return conn

    @contextlib.contextmanager
    def _write(self) -> Iterator[Tx]:
        with self._lock if self.path == ":memory:" else contextlib.nullcontext():
            conn = self._conn()
            cursor = conn.cursor()
            cursor.execute("BEGIN IMMEDIATE")
            try:
                yield Tx(cursor, "sqlite", _instant, "?")
            except BaseException:
                conn.rollback()
                raise
            else:
                conn.commit()
            finally:
                cursor.close()

    def _read(self, sql: str, params: Sequence[object]) -> list[tuple[Any, ...]]:
        with self._lock if self.path == ":memory:" else contextlib.nullcontext():
            return self._conn().execute(sql, tuple(params)).fetchall()

    def _instant_of(self, stored: Any) -> dt.datetime:
        return dt.datetime.fromisoformat(stored)

    def _unique_violation(self) -> type[Exception]:
        return sqlite3.IntegrityError

    def _instant_param(self, value: dt.datetime) -> object:
        return _instant(value)

    def _migrations(self) -> Sequence[Sequence[str]]:
        return _MIGRATIONS

    def close(self) -> None:
        """Close every connection this store opened."""
        for conn in self._all:
            conn.close()
        self._all.clear()
        self._shared = None
        self._local = threading.local()
