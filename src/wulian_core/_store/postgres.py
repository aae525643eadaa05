"""The production store: PostgreSQL 15+ through psycopg 3 (extra ``postgres``).

Events are JSONB, so operators can query them in SQL. psycopg is imported here, when a
:class:`PostgresStore` is made, never when ``wulian_core`` is imported.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import threading
from collections.abc import Iterator, Sequence
from typing import Any, Final

from wulian_core.errors import InvalidValue

from .engine import SQLStore
from .errors import StoreUnavailable
from .transaction import Tx

__all__ = ["PostgresStore"]

_INSTALL: Final = "pip install 'wulian-core[postgres]'"

_MIGRATIONS: Final = (
    (
        "CREATE TABLE wulian_events (position BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
        "stream_kind TEXT NOT NULL, stream_id TEXT NOT NULL, seq INTEGER NOT NULL, "
        "kind TEXT NOT NULL, schema INTEGER NOT NULL, key TEXT, at TIMESTAMPTZ NOT NULL, "
        "data JSONB NOT NULL, UNIQUE (stream_kind, stream_id, seq))",
        "CREATE UNIQUE INDEX wulian_events_key ON wulian_events (stream_kind, stream_id, key) "
        "WHERE key IS NOT NULL",
        "CREATE INDEX wulian_events_kind ON wulian_events (kind)",
        "CREATE TABLE wulian_tracking (projection TEXT PRIMARY KEY, position BIGINT NOT NULL)",
        "CREATE TABLE wulian_snapshots (stream_kind TEXT NOT NULL, stream_id TEXT NOT NULL, "
        "version INTEGER NOT NULL, state BYTEA NOT NULL, PRIMARY KEY (stream_kind, stream_id))",
    ),
    (  # 2: JSON snapshots (StateSnapshots) next to the pickled ones, told apart by schema
        "ALTER TABLE wulian_snapshots ADD COLUMN schema INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE wulian_snapshots ADD COLUMN doc JSONB",
    ),
    (  # 3: snapshot documents as text. Only the store reads them, and text comes back as
        # written, where JSONB is converted back to text on every load (a fifth of reading
        # a 10,000-event passbook's snapshot). Operators still can: ``doc::jsonb``.
        "ALTER TABLE wulian_snapshots ALTER COLUMN doc TYPE TEXT USING doc::text",
    ),
)

# Schema changes from several processes at once queue on this advisory lock.
_CREATE_LOCK: Final = 0x77756C69616E  # "wulian"


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise StoreUnavailable(f"PostgresStore needs psycopg 3: {_INSTALL}") from None
    return psycopg


def _identity(value: dt.datetime) -> dt.datetime:
    return value


@functools.lru_cache(maxsize=256)
def _pg_sql(sql: str) -> str:
    # The stores write ``?`` placeholders; psycopg takes ``%s``. The same few statements
    # run again and again, and a short read should not pay for rewriting its text.
    return sql.replace("?", "%s")


class PostgresStore(SQLStore):
    """The event store in a PostgreSQL database (15 or later), given a libpq DSN.

    One connection per thread. A write transaction locks the events table in EXCLUSIVE
    mode (readers go on): appends are serialized, so global positions become visible in
    order and projections never skip one. The options are those of
    :class:`~wulian_core.store.SQLiteStore`.

    >>> PostgresStore(42)
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: PostgresStore.dsn: must be a libpq connection string (got 42)
    """

    dialect = "postgres"
    _marker = "%s"
    _columns = "position, stream_kind, stream_id, seq, kind, schema, key, at, data::text"
    _stream_columns = "position, seq, kind, schema, key, at, data::text"
    _native_instants = True

    def __init__(self, dsn: str, *, lock_timeout: float = 30.0, **options: Any) -> None:
        if type(dsn) is not str or not dsn:
            raise InvalidValue("PostgresStore.dsn", dsn, "must be a libpq connection string")
        self._pg = _psycopg()
        super().__init__(**options)
        self._dsn = dsn
        self._lock_timeout = lock_timeout
        self._local = threading.local()
        self._all: list[Any] = []
        self._ready = False

    def __repr__(self) -> str:
        return "PostgresStore(...)"  # a DSN may hold a password

    def _conn(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None or conn.closed:
            try:
                conn = self._pg.connect(self._dsn, autocommit=True)
                # A writer waits this long for the events table's lock, then gives up.
                conn.execute(f"SET lock_timeout = '{int(self._lock_timeout * 1000)}ms'")
            except self._pg.Error as exc:
                raise StoreUnavailable(f"cannot connect to PostgreSQL: {exc}") from None
            self._local.conn = conn
            self._all.append(conn)
        return conn

    @contextlib.contextmanager
    def _write(self) -> Iterator[Tx]:
        conn = self._conn()
        with conn.transaction(), conn.cursor() as cursor:
            if not self._ready:
                found = cursor.execute("SELECT to_regclass('wulian_events') IS NOT NULL")
                row = found.fetchone()
                self._ready = bool(row and row[0])
            if self._ready:
                cursor.execute("LOCK TABLE wulian_events IN EXCLUSIVE MODE")
            else:  # before the first create(): schema changes queue on an advisory lock
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", (_CREATE_LOCK,))
            yield Tx(cursor, "postgres", _identity, "%s")

    def _read(self, sql: str, params: Sequence[object]) -> list[tuple[Any, ...]]:
        # Binary results: instants and integers arrive without text parsing (half the time
        # of a long stream's read).
        with self._conn().cursor(binary=True) as cursor:
            cursor.execute(_pg_sql(sql), tuple(params))
            rows: list[tuple[Any, ...]] = cursor.fetchall()
            return rows

    def _instant_of(self, stored: Any) -> dt.datetime:
        return stored  # type: ignore[no-any-return]

    def _unique_violation(self) -> type[Exception]:
        return self._pg.IntegrityError  # type: ignore[no-any-return]

    def _instant_param(self, value: dt.datetime) -> object:
        return value

    def _migrations(self) -> Sequence[Sequence[str]]:
        return _MIGRATIONS

    def close(self) -> None:
        """Close every connection this store opened."""
        for conn in self._all:
            conn.close()
        self._all.clear()
        self._local = threading.local()
