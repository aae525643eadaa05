"""What the SQLite and PostgreSQL stores share: the schema, appends, reads, projections.

A backend supplies connections, its write transaction (SQLite: ``BEGIN IMMEDIATE``;
PostgreSQL: a table lock, as eventsourcing's recorders take, so that global positions
become visible in increasing order and a reader that has seen position ``n`` never
later finds a smaller one committed), its DDL types and its form of an instant.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final, TypeVar

from wulian_core.calendar import WorkCalendar
from wulian_core.errors import IntegrityError, InvalidValue
from wulian_core.points import PointsPolicy

from .cache import EventCache
from .errors import ConcurrencyConflict, StoreError
from .projections import Balances, CasesByGrid, DueCases
from .protocol import Append, Projection, Recorded, StreamId, chunks
from .reads import Reads
from .repositories import Loader
from .snapshots import SnapshotCodec, StateSnapshots
from .sweeping import SweepReport, sweep_due
from .transaction import Tx, TxStreams
from .unit_of_work import DEFAULT_MAX_SKEW, UnitOfWork, system_clock
from .upcasting import CURRENT_SCHEMA, Upcasters

__all__ = ["SQLStore"]

T = TypeVar("T")

_BATCH: Final = 500  # rows per INSERT and per catch-up read: well under SQLite's variable cap


class SQLStore(Reads):
    """The shared body of :class:`SQLiteStore` and :class:`PostgresStore`."""

    dialect: str = ""
    _marker: str = "?"

    def __init__(
        self,
        *,
        points_policy: PointsPolicy | None = None,
        calendar: WorkCalendar | None = None,
        projections: Sequence[Projection] = (),
        snapshot_every: int | None = None,
        snapshots: SnapshotCodec | None = None,
        upcasters: Upcasters | None = None,
        clock: Callable[[], dt.datetime] = system_clock,
        max_skew: dt.timedelta = DEFAULT_MAX_SKEW,
        cache_streams: int = 256,
        shipped_projections: bool = True,
    ) -> None:
        if type(cache_streams) is not int or cache_streams < 0:
            raise InvalidValue("store.cache_streams", cache_streams, "must be a whole number >= 0")
        self._cache = EventCache(cache_streams)
        if snapshot_every is not None and (type(snapshot_every) is not int or snapshot_every < 1):
            raise InvalidValue(
                "store.snapshot_every", snapshot_every, "must be None or an int >= 1"
            )
        if upcasters is not None and not isinstance(upcasters, Upcasters):
            raise InvalidValue("store.upcasters", upcasters, "must be an Upcasters")
        if points_policy is not None and not isinstance(points_policy, PointsPolicy):
            raise InvalidValue("store.points_policy", points_policy, "must be a PointsPolicy")
        extra = tuple(projections)
        for projection in extra:
            if not all(hasattr(projection, a) for a in ("name", "create", "apply")):
                raise InvalidValue("store.projections", projection, "must be Projections")
        shipped: tuple[Projection, ...] = (DueCases(), Balances(), CasesByGrid())
        self._projections = (*(shipped if shipped_projections else ()), *extra)
        names = [p.name for p in self._projections]
        if len(set(names)) != len(names):
            raise InvalidValue("store.projections", names, "names must be unique")
        self._snapshot_every = snapshot_every
        codec = snapshots
        if codec is not None and (
            isinstance(codec, type)
            or not all(hasattr(codec, a) for a in ("schema", "dump", "restore"))
        ):  # the class itself has the methods too, unbound: its first dump would fail
            raise InvalidValue(
                "store.snapshots", codec, "must be a SnapshotCodec instance, e.g. StateSnapshots()"
            )
        if snapshot_every is not None and codec is None:
            codec = StateSnapshots()
        self._loader = Loader(
            points_policy=points_policy or PointsPolicy.practice(),
            calendar=calendar,
            upcasters=upcasters,
            codec=codec,
        )
        self._clock, self._max_skew = clock, max_skew

    # --- what a backend supplies ------------------------------------------------------------

    def _write(self) -> contextlib.AbstractContextManager[Tx]:
        raise NotImplementedError

    def _unique_violation(self) -> type[Exception]:
        raise NotImplementedError

    def _migrations(self) -> Sequence[Sequence[str]]:
        raise NotImplementedError

    def close(self) -> None:
        """Close the store's connections."""

    def __enter__(self: T) -> T:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- schema -----------------------------------------------------------------------------

    def transaction(self) -> contextlib.AbstractContextManager[Tx]:
        """A write transaction (as projections get), for the app's own tables next to ours."""
        return self._write()

    def create(self) -> None:
        """Create the tables, run the migrations not yet applied, create the projections.

        Safe to call on every start and from several processes at once.
        """
        with self._write() as tx:
            tx.execute(
                "CREATE TABLE IF NOT EXISTS wulian_migrations "
                "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            done = {row[0] for row in tx.execute("SELECT version FROM wulian_migrations")}
            migrations = self._migrations()
            if done and max(done) > len(migrations):
                raise StoreError(
                    f"the schema is at migration {max(done)}; this release knows "
                    f"{len(migrations)}: upgrade wulian-core"
                )
            for number, statements in enumerate(migrations, start=1):
                if number in done:
                    continue
                for statement in statements:
                    tx.execute(statement)
                tx.execute(
                    "INSERT INTO wulian_migrations (version, applied_at) VALUES (?, ?)",
                    (number, self._clock().isoformat()),
                )
            for projection in self._projections:
                projection.create(tx)
                tx.execute(
                    "INSERT INTO wulian_tracking (projection, position) VALUES (?, 0) "
                    "ON CONFLICT (projection) DO NOTHING",
                    (projection.name,),
                )

    # --- appends ----------------------------------------------------------------------------

    def append(self, *appends: Append) -> int:
        """Write every append in one transaction, each checked against its expected version.

        A stream that moved raises :class:`~wulian_core.store.ConcurrencyConflict` and
        nothing is written. Returns the global position of the last event written.
        """
        for item in appends:
            if type(item) is not Append:
                raise InvalidValue("append.appends", item, "must be Append values")
        position, _ = self._commit(list(appends), {}, {})
        return position

    def _commit(
        self, appends: list[Append], aggregates: Mapping[StreamId, Any], snapshots: dict[str, int]
    ) -> tuple[int, dict[str, int]]:
        streams = [a.stream for a in appends]
        if len(set(streams)) != len(streams):
            raise InvalidValue("append.appends", [str(s) for s in streams], "name a stream twice")
        taken: dict[str, int] = {}
        with self._write() as tx:
            positions, before = self._tracking(tx) if self._projections else ({}, 0)
            new: list[Recorded] = []
            for item in appends:
                new.extend(self._insert(tx, item))
            if not new:
                return before, taken
            if self._projections:
                self._project(tx, positions, before, new, aggregates)
            every = self._snapshot_every
            codec = self._loader.codec
            if every is not None and codec is not None:
                for stream, aggregate in aggregates.items():
                    version = aggregate.version
                    if version - snapshots.get(str(stream), 0) >= every:
                        state = codec.dump(stream, aggregate)
                        if state is not None:  # None: this aggregate gets no snapshot
                            self._save_snapshot(tx, stream, version, codec.schema, state)
                        taken[str(stream)] = version
        for stream, aggregate in aggregates.items():  # committed: the prefix is true now
            self._cache.put(stream, aggregate.events)
        return new[-1].position, taken

    def _tracking(self, tx: Tx) -> tuple[dict[str, int], int]:
        # One round trip for the projections' positions and the head of the global order.
        rows = tx.execute(
            "SELECT projection, position, (SELECT COALESCE(MAX(position), 0) FROM wulian_events) "
            "FROM wulian_tracking"
        )
        if not rows:
            return {}, self._head_in(tx)
        return {row[0]: row[1] for row in rows}, int(rows[0][2])

    def _insert(self, tx: Tx, item: Append) -> list[Recorded]:
        stream = item.stream
        found = tx.execute(
            "SELECT MAX(seq) FROM wulian_events WHERE stream_kind = ? AND stream_id = ?",
            (stream.kind, stream.id),
        )
        actual = found[0][0] or 0
        if actual != item.expected:
            raise ConcurrencyConflict(str(stream), item.expected, actual)
        recorded: list[Recorded] = []
        seq = item.expected
        instant = tx.instant
        at: object = None
        stored: object = None
        for batch in chunks(item.events, _BATCH):
            params: list[object] = []
            for event in batch:
                seq += 1
                if event.at is not at:  # a command's events share their instant: convert once
                    at, stored = event.at, instant(event.at)
                params += (stream.kind, stream.id, seq, event.kind, CURRENT_SCHEMA, event.key)
                params += (stored, event.data)
            values = ", ".join([self._row_marks] * len(batch))
            try:
                rows = tx.execute(
                    "INSERT INTO wulian_events (stream_kind, stream_id, seq, kind, schema, key, "
                    f"at, data) VALUES {values} RETURNING position, seq",
                    params,
                )
            except self._unique_violation() as exc:  # the per-stream key is unique
                problem = f"{stream}: a sequence number or key would be stored twice ({exc})"
                raise IntegrityError([problem]) from None
            rows.sort(key=lambda row: int(row[1]))
            new = tuple.__new__  # as the reads build theirs: no named-tuple __new__ per event
            recorded += [
                new(Recorded, (p, stream, n, e.kind, CURRENT_SCHEMA, e.key, e.at, e.data))
                for (p, n), e in zip(rows, batch, strict=True)
            ]
        return recorded

    _row_marks: str = "(?, ?, ?, ?, ?, ?, ?, ?)"

    # --- projections ------------------------------------------------------------------------

    def _project(
        self,
        tx: Tx,
        positions: dict[str, int],
        before: int,
        new: list[Recorded],
        aggregates: Mapping[StreamId, Any],
    ) -> None:
        streams = TxStreams(self, tx, aggregates)
        head = new[-1].position
        for projection in self._projections:
            at = positions.get(projection.name)
            if at is None:  # not created yet in this database: create, start from 0
                projection.create(tx)
                self._track(tx, projection.name, 0)
                at = 0
            if at < before:  # added later, or the rows were rebuilt: catch up first
                self._catch_up(tx, projection, at, before, streams)
            projection.apply(tx, new, streams)
        names = [p.name for p in self._projections]
        marks = ", ".join("?" * len(names))
        tx.execute(
            f"UPDATE wulian_tracking SET position = ? WHERE projection IN ({marks})",
            (head, *names),
        )

    def _catch_up(self, tx: Tx, projection: Projection, at: int, upto: int, streams: Any) -> None:
        while at < upto:
            batch = [r for r in self._all_in(tx, at, _BATCH) if r.position <= upto]
            if not batch:
                break
            projection.apply(tx, batch, streams)
            at = batch[-1].position

    def _track(self, tx: Tx, name: str, position: int) -> None:
        tx.execute(
            "INSERT INTO wulian_tracking (projection, position) VALUES (?, ?) "
            "ON CONFLICT (projection) DO UPDATE SET position = excluded.position",
            (name, position),
        )

    def catch_up(self) -> Mapping[str, int]:
        """Bring every projection up to the last stored event; their positions.

        Appends keep the projections current; this is for a projection added to an
        existing store, or whose rows were dropped to be rebuilt (set its position to 0).
        """
        with self._write() as tx:
            head = self._head_in(tx)
            positions = dict(tx.execute("SELECT projection, position FROM wulian_tracking"))
            streams = TxStreams(self, tx, {})
            for projection in self._projections:
                at = positions.get(projection.name, 0)
                if at < head:
                    self._catch_up(tx, projection, at, head, streams)
                    self._track(tx, projection.name, head)
        return self.positions()

    def positions(self) -> Mapping[str, int]:
        """Each projection's saved position in the global order."""
        return dict(self._read("SELECT projection, position FROM wulian_tracking", ()))

    # --- units of work ----------------------------------------------------------------------

    def _load_stream(self, stream: StreamId, policy: PointsPolicy | None) -> tuple[Any, int]:
        cached = self._cache.get(stream)
        if cached is None and self._snapshot_every is not None:
            snapshot = self._snapshot(stream)
            if snapshot is not None:
                tail = self._loader.decode(stream, self.read_stream(stream, after=snapshot.version))
                aggregate = self._loader.restore(stream, snapshot, tail, policy)
                if aggregate is not None:
                    self._cache.put(stream, aggregate.events)
                    return aggregate, snapshot.version
        events = self._loader.events(stream, lambda s, a: self.read_stream(s, after=a), cached)
        aggregate = self._loader.rebuild(stream, events, policy)
        self._cache.put(stream, aggregate.events)
        return aggregate, 0

    def _load_streams(self, kind: str, ids: Sequence[str]) -> list[Any]:
        # Uncached streams in one query, decoded and replayed; for get_many.
        rows = self._read_streams(kind, ids)

        def read(stream: StreamId, after: int) -> list[Recorded]:
            return rows[stream.id]

        found = []
        for ident in ids:
            stream = StreamId(kind, ident)
            events = self._loader.events(stream, read)
            aggregate = self._loader.rebuild(stream, events)
            self._cache.put(stream, aggregate.events)
            found.append(aggregate)
        return found

    def load(self, stream: StreamId) -> Any:
        """The aggregate of ``stream`` as stored, outside any unit of work (for reading)."""
        if type(stream) is not StreamId:
            raise InvalidValue("load.stream", stream, "must be a StreamId")
        return self._load_stream(stream, None)[0]

    def unit_of_work(
        self,
        *,
        clock: Callable[[], dt.datetime] | None = None,
        max_skew: dt.timedelta | None = None,
    ) -> UnitOfWork:
        """A unit of work; ``clock`` and ``max_skew`` default to the store's."""
        return UnitOfWork(
            self,
            clock=self._clock if clock is None else clock,
            max_skew=self._max_skew if max_skew is None else max_skew,
        )

    def run(self, fn: Callable[[UnitOfWork], T], *, attempts: int = 3) -> T:
        """Run ``fn(uow)`` and commit; on a conflict, reload and run it again.

        ``fn`` runs commands on aggregates it loads from ``uow``; after ``attempts``
        conflicts the last one is raised. Domain errors (a refused command) are not retried.
        """
        if type(attempts) is not int or attempts < 1:
            raise InvalidValue("run.attempts", attempts, "must be a whole number >= 1")
        if not callable(fn):
            raise InvalidValue("run.fn", fn, "must be callable")
        for attempt in range(1, attempts + 1):
            with self.unit_of_work() as uow:
                try:
                    result = fn(uow)
                    uow.commit()
                except ConcurrencyConflict:
                    if attempt == attempts:
                        raise
                    continue
                return result
        raise AssertionError("unreachable")  # pragma: no cover

    def sweep(self, now: dt.datetime, *, batch: int = 100) -> SweepReport:
        """Sweep every case whose alarm is at or before ``now`` (read from ``DueCases``).

        Up to ``batch`` cases go in one unit of work; a batch that fails is swept again
        one case per unit of work, so a case that fails is reported in the result and
        does not stop the others (``batch=1``: one unit of work per case throughout).
        """
        return sweep_due(self, now, batch)

    def _due(self, now: dt.datetime) -> list[str]:
        rows = self._read(
            "SELECT case_id FROM wulian_due_cases WHERE alarm <= ? ORDER BY alarm",
            (self._instant_param(now),),
        )
        return [row[0] for row in rows]

    def _instant_param(self, value: dt.datetime) -> object:
        raise NotImplementedError
