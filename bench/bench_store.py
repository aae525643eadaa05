"""The event store against eventsourcing's recorders, and the sweep against loading all.

Run from the repository root (``pip install -e '.[bench]'``)::

    python bench/bench_store.py                       # SQLite, and PostgreSQL if it can
    python bench/bench_store.py --postgres "host=/tmp/pg port=5432 dbname=bench user=me"
    python bench/bench_store.py --cases 1000000       # the sweep at a million cases

PostgreSQL: ``--postgres DSN``, or ``WULIAN_TEST_POSTGRES_DSN``, or else a throwaway
server started from Debian's binaries (/usr/lib/postgresql/*/bin) in a temporary
directory, with its default (durable) settings.

Side by side, on the same SQLite file and the same PostgreSQL database, storing the same
JSON bytes (real passbook events from the codec):

- appends per second, 1 and 10 events a transaction, 100 streams round robin, each
  append checked against its stream's version (ours: ``store.append`` of an ``Append``
  with the expected version; eventsourcing: ``ApplicationRecorder.insert_events``, which
  relies on its unique key); our store without its shipped projections here, as the
  recorders keep none (the unit-of-work row keeps them, for the cost of the real path);
- reading a 10-event and a 10,000-event stream, rows only (ours ``read_stream``, theirs
  ``select_events``), and from a snapshot at the head (both: the snapshot row, then the
  events after it); and, ours only, loading the aggregate (decode and replay) with and
  without a snapshot;
- ``store.sweep(now)`` over N open cases of which 1 % are due, against loading every
  case and sweeping them in memory, as an app without the due-cases projection must.

Best of three for the timings; the figures move with the machine's load.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import glob
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wulian_core.calendar import SHANGHAI
from wulian_core.escalation import Case, CaseCategory, CaseChannel, EscalationPolicy, sweep
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.points import Holder, HolderKind, Passbook, PointsPolicy
from wulian_core.regions import RegionCode
from wulian_core.store import (
    Append,
    EventPrefixSnapshots,
    NewEvent,
    PostgresStore,
    SQLiteStore,
    StateSnapshots,
    StreamId,
    encode,
)

T0 = dt.datetime(2024, 9, 26, 9, tzinfo=SHANGHAI)
HOME = RegionCode("150603001001")
STAFF = Actor("p-staff", {Grant(Role.COMMUNITY_WORKER, Scope.region(HOME))})
FAR = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
TOPIC = "wulian_core.points:PassbookEvent"


def far_clock() -> dt.datetime:
    return FAR


def paired(
    mine: Callable[[], Any], theirs: Callable[[], Any], rounds: int = 7, budget: float = 0.05
) -> tuple[list[float], list[float]]:
    """Seconds a call of each side, one figure a round, the rounds interleaved.

    Both sides first run a few times (each driver prepares a statement it runs again), then
    each round times a loop of calls of one side and then of the other, who goes first
    alternating, with as many calls as fill about ``budget`` seconds: a read of a fraction
    of a millisecond timed once is mostly the timer and the machine's other work.
    """
    for _ in range(6):
        mine(), theirs()
    start = time.perf_counter()
    mine()
    calls = max(1, int(budget / max(time.perf_counter() - start, 1e-6)))
    times: tuple[list[float], list[float]] = ([], [])
    for r in range(rounds):
        for side in (0, 1) if r % 2 == 0 else (1, 0):
            fn = (mine, theirs)[side]
            start = time.perf_counter()
            for _ in range(calls):
                fn()
            times[side].append((time.perf_counter() - start) / calls)
    return times


def _compared(what: str, times: tuple[list[float], list[float]]) -> str:
    mine, theirs = times
    return (
        f"| {what} | {median(mine) * 1e3:.3f} ms ({min(mine) * 1e3:.3f}-{max(mine) * 1e3:.3f}) "
        f"| {median(theirs) * 1e3:.3f} ms ({min(theirs) * 1e3:.3f}-{max(theirs) * 1e3:.3f}) "
        f"| **{median(theirs) / median(mine):.2f}×** |"
    )


def best(fn: Callable[[], Any], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def passbook_events(n: int, holder_id: str = "p-bench") -> list[Any]:
    holder = Holder(id=holder_id, kind=HolderKind.PERSON, community=HOME)
    book = Passbook.open(holder, policy=PointsPolicy.practice(), by=STAFF, at=T0)
    for i in range(n - 1):
        book.accrue_activity(
            activity=f"a-{i}", on=T0.date(), activity_kind="meeting", by=STAFF, at=T0,
            key=f"k-{i}",
        )  # fmt: skip
    return list(book.events)


# --- the two sides ---------------------------------------------------------------------------


class Ours:
    def __init__(self, make: Callable[..., Any], clean: Callable[..., Any] | None) -> None:
        self.store = make(shipped_projections=False, cache_streams=0)
        self.store.create()
        self.make = make
        self.clean = clean  # a store of its own, for the unit-of-work row

    def append_round(self, rows: list[Any], per_tx: int, txs: int, streams: int) -> float:
        versions = [0] * streams
        ids = [StreamId("passbook", f"ours-{uuid.uuid4().hex[:8]}-{s}") for s in range(streams)]
        store = self.store

        def run() -> None:
            for t in range(txs):
                s = t % streams
                batch = rows[:per_tx]
                store.append(Append(stream=ids[s], expected=versions[s], events=batch))
                versions[s] += per_tx

        start = time.perf_counter()
        run()
        return txs / (time.perf_counter() - start)

    def settle(self) -> None:
        """Checkpoint the WAL (SQLite's file, or the PostgreSQL server): for both sides.

        Both sides' rows go to the same file or server: a checkpoint that falls inside one
        side's round would charge it with the other's writes.
        """
        if self.store.dialect == "sqlite":
            self.store._conn().execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return
        import psycopg

        # Not a superuser on a server of the caller's: go on without.
        with contextlib.suppress(psycopg.Error):
            self.store._conn().execute("CHECKPOINT")

    def write_stream(self, name: str, rows: list[Any]) -> StreamId:
        stream = StreamId("passbook", name)
        for start in range(0, len(rows), 1000):
            chunk = rows[start : start + 1000]
            self.store.append(Append(stream=stream, expected=start, events=chunk))
        return stream


class Theirs:
    def __init__(self, kind: str, where: Any, sqlite_sync: str = "FULL") -> None:
        self.kind = kind
        if kind == "sqlite":
            from eventsourcing.sqlite import (
                SQLiteAggregateRecorder,
                SQLiteApplicationRecorder,
                SQLiteDatastore,
            )

            self.datastore = SQLiteDatastore(db_name=str(where))
            pool: Any = self.datastore.pool
            connect = pool._create_connection

            def create_connection() -> Any:
                # eventsourcing leaves SQLite's default (FULL); the bench chooses, for both.
                made = connect()
                made._sqlite_conn.execute(f"PRAGMA synchronous={sqlite_sync}")
                return made

            pool._create_connection = create_connection
            self.events = SQLiteApplicationRecorder(self.datastore)
            self.snapshots = SQLiteAggregateRecorder(self.datastore, events_table_name="snapshots")
        else:
            from eventsourcing.postgres import (
                PostgresAggregateRecorder,
                PostgresApplicationRecorder,
                PostgresDatastore,
            )

            self.datastore = PostgresDatastore(**where)
            self.events = PostgresApplicationRecorder(self.datastore)
            self.snapshots = PostgresAggregateRecorder(
                self.datastore, events_table_name="snapshots"
            )
        self.events.create_table()
        self.snapshots.create_table()

    def sync(self) -> str:
        """What its connections run with: SQLite's synchronous, PostgreSQL's synchronous_commit."""
        if self.kind == "sqlite":
            with self.datastore.transaction(commit=False) as cursor:
                cursor.execute("PRAGMA synchronous")
                return _SQLITE_SYNC[int(cursor.fetchone()[0])]
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute("SHOW synchronous_commit")
            return str(cursor.fetchone()["synchronous_commit"])

    def append_round(self, states: list[bytes], per_tx: int, txs: int, streams: int) -> float:
        from eventsourcing.persistence import StoredEvent

        versions = [0] * streams
        ids = [uuid.uuid4() for _ in range(streams)]
        start = time.perf_counter()
        for t in range(txs):
            s = t % streams
            batch = [
                StoredEvent(originator_id=ids[s], originator_version=versions[s] + i + 1,
                            topic=TOPIC, state=states[i])
                for i in range(per_tx)
            ]  # fmt: skip
            self.events.insert_events(batch)
            versions[s] += per_tx
        return txs / (time.perf_counter() - start)

    def write_stream(self, states: list[bytes]) -> uuid.UUID:
        from eventsourcing.persistence import StoredEvent

        ident = uuid.uuid4()
        for start in range(0, len(states), 1000):
            self.events.insert_events(
                [
                    StoredEvent(originator_id=ident, originator_version=start + i + 1,
                                topic=TOPIC, state=state)
                    for i, state in enumerate(states[start : start + 1000])
                ]
            )  # fmt: skip
        return ident


_SQLITE_SYNC = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}


def ours_sync(store: Any) -> str:
    if store.dialect == "sqlite":
        return _SQLITE_SYNC[int(store._read("PRAGMA synchronous", ())[0][0])]
    return str(store._read("SHOW synchronous_commit", ())[0][0])


# --- the measurements ------------------------------------------------------------------------


def median(values: list[float]) -> float:
    return statistics.median(values)


def _sync_sqlite(store: Any, mode: str) -> None:
    # Our store sets NORMAL on its connections; the bench sets both sides alike.
    store._conn().execute(f"PRAGMA synchronous={mode}")


def _check_sync(label: str, ours: str, theirs: str) -> None:
    if ours.lower() != theirs.lower():
        raise SystemExit(f"{label}: the two sides run with different settings: {ours} / {theirs}")


def append_rates(name: str, settings: list[tuple[str, Ours, Theirs]], quick: bool) -> list[str]:
    """Appends per second, each setting applied to both sides, rounds interleaved.

    A commit waits on the disk's flush, and the disk and the two cores are shared with
    whatever else the machine does: a slow spell during one side's rounds, measured one
    side after the other, is what made earlier ratios swing 0.16-3.5x. Here both sides
    alternate round by round (who goes first alternates too), after a warm-up round each,
    each round starts after a WAL checkpoint (so neither pays for the other's writes),
    autovacuum is off for both sides' tables on PostgreSQL, and the median of ``runs``
    rounds is reported with the range.
    """
    rows = [encode(e) for e in passbook_events(20)]
    states = [r.data.encode() for r in rows]
    # The same bytes, appended again and again: without the key column, which eventsourcing
    # has no counterpart of (its JSON still carries the key).
    unkeyed = [NewEvent(kind=r.kind, key=None, at=r.at, data=r.data) for r in rows[:10]]
    txs, runs = (200, 3) if quick else (1000, 7)
    lines = [
        f"### {name}: appends ({runs} interleaved rounds of {txs:,} transactions, median)",
        "",
        "| setting (both sides) | events a transaction | wulian-core appends/s (range) "
        "| eventsourcing appends/s (range) | ratio of medians |",
        "|---|---|---|---|---|",
    ]
    for label, ours, theirs in settings:
        for per_tx in (1, 10):
            ours.append_round(unkeyed, per_tx, 50, 10)  # warm-up: connections, plans, pages
            theirs.append_round(states, per_tx, 50, 10)
            mine: list[float] = []
            their: list[float] = []
            for r in range(runs):
                for side in ("ours", "theirs") if r % 2 == 0 else ("theirs", "ours"):
                    ours.settle()
                    if side == "ours":
                        mine.append(ours.append_round(unkeyed, per_tx, txs, 100))
                    else:
                        their.append(theirs.append_round(states, per_tx, txs, 100))
            lines.append(
                f"| {label} | {per_tx} | {median(mine):,.0f} ({min(mine):,.0f}-{max(mine):,.0f}) "
                f"| {median(their):,.0f} ({min(their):,.0f}-{max(their):,.0f}) "
                f"| **{median(mine) / median(their):.2f}x** |"
            )
    return [*lines, ""]


def loads(name: str, ours: Ours, theirs: Theirs, quick: bool) -> list[str]:
    rounds = 3 if quick else 7
    lines = [f"### {name}: reads and loads (median of {rounds} interleaved rounds, range)", "",
             "| | wulian-core | eventsourcing | eventsourcing ÷ ours |",
             "|---|---|---|---|"]  # fmt: skip
    for size in (10, 10_000):
        # A stream's events name its holder (a snapshot of another's is refused).
        holder = f"p-load-{size}-{uuid.uuid4().hex[:6]}"
        events = passbook_events(size, holder)
        rows = [encode(e) for e in events]
        states = [r.data.encode() for r in rows]
        stream = ours.write_stream(holder, rows)
        ident = theirs.write_stream(states)
        lines.append(
            _compared(
                f"read a {size:,}-event stream (rows)",
                paired(
                    lambda s=stream: ours.store.read_stream(s),
                    lambda i=ident: theirs.events.select_events(i),
                    rounds,
                ),
            )
        )
        # A snapshot at the head: both read the snapshot row, then the (no) events after it.
        # The same bytes on both sides: our JSON snapshot document.
        book = Passbook.replay(events, policy=PointsPolicy.practice())
        doc = json.dumps(StateSnapshots().dump(stream, book), ensure_ascii=False)
        pickled = EventPrefixSnapshots().dump(stream, book)
        with ours.store.transaction() as tx:
            tx.execute(
                "INSERT INTO wulian_snapshots (stream_kind, stream_id, version, state, schema, doc) "
                "VALUES (?, ?, ?, ?, 1, ?)",
                (stream.kind, stream.id, size, b"", doc),
            )
        from eventsourcing.persistence import StoredEvent

        theirs.snapshots.insert_events(
            [StoredEvent(originator_id=ident, originator_version=size, topic="s",
                         state=doc.encode())]
        )  # fmt: skip

        def ours_snapshot(s: StreamId = stream) -> None:
            snap = ours.store.snapshot(s)
            ours.store.read_stream(s, after=snap.version)

        def theirs_snapshot(i: uuid.UUID = ident) -> None:
            (snap,) = theirs.snapshots.select_events(i, desc=True, limit=1)
            json.loads(snap.state)  # ours parses the document as it reads it
            theirs.events.select_events(i, gt=snap.originator_version)

        lines.append(
            _compared(
                f"read a {size:,}-event stream from a snapshot at its head (JSON, parsed)",
                paired(ours_snapshot, theirs_snapshot, rounds),
            )
        )
        plain = ours.make(cache_streams=0)
        snapped = ours.make(cache_streams=0, snapshot_every=1)
        pickling = ours.make(cache_streams=0, snapshot_every=1, snapshots=EventPrefixSnapshots())
        full = best(lambda s=stream, p=plain: p.load(s), 3)
        from_json = best(lambda s=stream, q=snapped: q.load(s), 3)
        assert snapped.load(stream) == plain.load(stream)
        with ours.store.transaction() as tx:
            tx.execute(
                "UPDATE wulian_snapshots SET schema = 0, doc = NULL, state = ? "
                "WHERE stream_kind = ? AND stream_id = ?",
                (pickled, stream.kind, stream.id),
            )
        from_pickle = best(lambda s=stream, q=pickling: q.load(s), 3)
        assert pickling.load(stream) == plain.load(stream)
        lines.append(
            f"| load the {size:,}-event passbook, ours only: from the rows / from a JSON "
            f"snapshot / from a pickled one | {full * 1e3:.1f} / {from_json * 1e3:.1f} / "
            f"{from_pickle * 1e3:.1f} ms | | snapshot {len(doc.encode()) / 1e6:.2f} MB JSON, "
            f"{len(pickled or b'') / 1e6:.2f} MB pickled |"
        )
        for store in (plain, snapped, pickling):
            store.close()
    # The real path: a unit of work per command, shipped projections kept.
    assert ours.clean is not None
    full = ours.clean(cache_streams=256)
    full.create()
    holder = Holder(id=f"p-uow-{uuid.uuid4().hex[:6]}", kind=HolderKind.PERSON, community=HOME)
    full.run(lambda uow: uow.passbooks.add(Passbook.open(
        holder, policy=PointsPolicy.practice(), by=STAFF, at=T0)))  # fmt: skip
    n = 200 if quick else 1000

    def commands() -> None:
        for i in range(n):
            full.run(lambda uow, i=i: uow.passbooks.get(holder.id).accrue_activity(
                activity=f"u-{i}-{time.perf_counter_ns()}", on=T0.date(), activity_kind="meeting",
                by=STAFF, at=T0, key=f"u-{i}-{time.perf_counter_ns()}"))  # fmt: skip

    took = best(commands, 1)
    lines.append(
        f"| unit of work per command (load, accrue, commit, projections) | {n / took:,.0f}/s | | |"
    )
    full.close()
    return [*lines, ""]


def open_case(ident: str, at: dt.datetime) -> Case:
    return Case.open(
        id=ident, resident="p-1", community=HOME, grid="g-1", category=CaseCategory.DISPUTE,
        channel=CaseChannel.IN_PERSON, summary="楼上漏水", policy=POLICY, by=Actor("p-1"), at=at,
    )  # fmt: skip


POLICY = EscalationPolicy.kangbashi()


_TEMPLATE = "c-template-000"  # a case id of its own, replaced in the copies' rows


def build_cases(store: Any, prefix: str, cases: int) -> float:
    """Store ``cases`` open cases, 1 % due, in bulk; the seconds it took.

    Two cases (one due, one not) go through the real path (unit of work, projections);
    every other case is a copy of one of them: its event row and its projections' rows
    with the case id replaced, inserted in large batches, and the projections' positions
    moved to the head. What the sweep and the loads then read is what a million real
    commits would have stored (one ``case.opened`` event each, with its policy), built in
    a minute instead of an hour.
    """
    started = time.perf_counter()
    due_at, later = T0, T0 + dt.timedelta(days=60)
    templates = {}
    for which, at in (("due", due_at), ("later", later)):
        ident = f"{_TEMPLATE}-{which}"
        with store.unit_of_work() as uow:
            uow.cases.add(open_case(ident, at))
            uow.commit()
        event = store._read(
            "SELECT kind, schema, key, at, data FROM wulian_events WHERE stream_kind = 'case' "
            "AND stream_id = ?", (ident,))[0]  # fmt: skip
        due = store._read("SELECT alarm FROM wulian_due_cases WHERE case_id = ?", (ident,))[0]
        row = store._read(
            "SELECT community, grid, category, status, level, agency, opened_at, last_at, "
            "accept_due, resolve_due, version FROM wulian_cases WHERE case_id = ?", (ident,))[0]  # fmt: skip
        data = event[4] if isinstance(event[4], str) else json.dumps(event[4], ensure_ascii=False)
        if data.count(ident) != 1:
            raise SystemExit(f"the template's data names its id {data.count(ident)} times")
        templates[which] = (ident, event, data, due, row)
    chunk = 20_000
    for start in range(0, cases, chunk):
        events, dues, rows = [], [], []
        for i in range(start, min(cases, start + chunk)):
            ident = f"{prefix}-{i}"
            template, event, data, due, row = templates["due" if i % 100 == 0 else "later"]
            events.append(("case", ident, 1, event[0], event[1], event[2], event[3],
                           data.replace(template, ident)))  # fmt: skip
            dues.append((ident, due[0]))
            rows.append((ident, *row))
        with store.transaction() as tx:
            tx.executemany(
                "INSERT INTO wulian_events (stream_kind, stream_id, seq, kind, schema, key, at, "
                "data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", events)  # fmt: skip
            tx.executemany("INSERT INTO wulian_due_cases (case_id, alarm) VALUES (?, ?)", dues)
            tx.executemany(
                "INSERT INTO wulian_cases (case_id, community, grid, category, status, level, "
                "agency, opened_at, last_at, accept_due, resolve_due, version) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)  # fmt: skip
    with store.transaction() as tx:
        for which in templates:  # the two templates are not part of the count
            ident = f"{_TEMPLATE}-{which}"
            for table, column in (("wulian_events", "stream_id"), ("wulian_due_cases", "case_id"),
                                  ("wulian_cases", "case_id")):  # fmt: skip
                tx.execute(f"DELETE FROM {table} WHERE {column} = ?", (ident,))
        head = tx.execute("SELECT MAX(position) FROM wulian_events")[0][0]
        tx.execute("UPDATE wulian_tracking SET position = ?", (head,))
    if store.dialect == "sqlite":
        store._conn().execute("ANALYZE")
    else:
        store._conn().execute("ANALYZE")
    return time.perf_counter() - started


def sweep_bench(name: str, make: Callable[..., Any], cases: int) -> list[str]:
    store = make(clock=far_clock, cache_streams=0)
    store.create()
    prefix = uuid.uuid4().hex[:6]
    built = build_cases(store, prefix, cases)
    store.close()
    now = dt.datetime.fromisoformat("2024-09-27T00:00:00+08:00")  # the due cases' first alarm
    ids = [f"{prefix}-{i}" for i in range(cases)]

    def load_everything() -> int:
        # Every case loaded through the store, one by one, and swept in memory as an app
        # without the due-cases projection must; in chunks, so that memory stays bounded.
        fresh = make(clock=far_clock, cache_streams=0)
        recorded = 0
        for start in range(0, len(ids), 10_000):
            loaded = [fresh.load(StreamId("case", i)) for i in ids[start : start + 10_000]]
            recorded += len(sweep(loaded, now=now))
        fresh.close()
        return recorded

    everything = best(load_everything, 1)
    fresh = make(clock=far_clock, cache_streams=0)
    started = time.perf_counter()
    report = fresh.sweep(now)
    swept = time.perf_counter() - started
    fresh.close()
    if not report.ok or report.due != len(report.swept) or report.due != (cases + 99) // 100:
        raise SystemExit(f"the sweep went wrong: {report}")
    return [
        f"| {name}: {cases:,} open cases, {report.due:,} due | {swept:.2f} s "
        f"({report.events:,} events) | {everything:.1f} s | **1/{everything / swept:.0f}** | "
        f"built in bulk in {built:.0f} s |"
    ]


def start_postgres(root: Path) -> tuple[str, dict[str, Any], Callable[[], None]] | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not found:
        return None
    bin_dir = Path(found[-1]).parent
    as_user: list[str] = []
    if os.geteuid() == 0:  # as .ci/run does: an unprivileged user of its own
        user = "wulian-pg"
        if subprocess.run(["id", "-u", user], capture_output=True).returncode:
            subprocess.run(["useradd", "--system", "--no-create-home", user], check=True)
        shutil.chown(root, user)
        as_user = ["runuser", "-u", user, "--"]
    subprocess.run([*as_user, str(bin_dir / "initdb"), "-D", str(root / "data"), "-A", "trust",
                    "-U", "postgres"], check=True, capture_output=True)  # fmt: skip
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(root / "data"), "-w", "-l",
                    str(root / "log"), "-o", f"-c listen_addresses='' "
                    f"-c unix_socket_directories='{root}' -p {port}", "start"],
                   check=True, capture_output=True)  # fmt: skip

    def stop() -> None:
        subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(root / "data"), "-m",
                        "fast", "stop"], check=False, capture_output=True)  # fmt: skip

    dsn = f"host={root} port={port} user=postgres dbname=postgres"
    es = {"dbname": "postgres", "host": str(root), "port": port, "user": "postgres",
          "password": ""}  # fmt: skip
    return dsn, es, stop


def _schema(dsn: str, name: str) -> str:
    """The DSN of a new, empty schema ``wulian_bench_<name>`` on the same database."""
    import psycopg

    schema = f"wulian_bench_{name}"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.execute(f"CREATE SCHEMA {schema}")
    return f"{dsn} options='-c search_path={schema}'"


def _es_params(dsn: str) -> dict[str, Any]:
    parts = dict(item.split("=", 1) for item in dsn.split())
    return {"dbname": parts.get("dbname", "postgres"), "host": parts.get("host", "localhost"),
            "port": parts.get("port", 5432), "user": parts.get("user", "postgres"),
            "password": parts.get("password", "")}  # fmt: skip


def sqlite_settings(path: Path) -> list[tuple[str, Ours, Theirs]]:
    settings = []
    for mode, why in (("FULL", "eventsourcing's default"), ("NORMAL", "our default in WAL")):
        ours = Ours(lambda **o: SQLiteStore(path, **{"clock": far_clock, **o}), None)
        _sync_sqlite(ours.store, mode)
        theirs = Theirs("sqlite", path, sqlite_sync=mode)
        _check_sync("SQLite", ours_sync(ours.store), theirs.sync())
        settings.append((f"synchronous={mode} ({why})", ours, theirs))
    return settings


def postgres_settings(dsn: str, es: dict[str, Any]) -> list[tuple[str, Ours, Theirs]]:
    # libpq reads PGOPTIONS when a connection is made: both sides' connections get it.
    settings = []
    for mode, why in (("on", "the server's default"), ("off", "no wait for the flush")):
        os.environ["PGOPTIONS"] = f"-c synchronous_commit={mode}"
        try:
            ours = Ours(lambda **o: PostgresStore(dsn, **{"clock": far_clock, **o}), None)
            theirs = Theirs("postgres", es)
            _check_sync("PostgreSQL", ours_sync(ours.store), theirs.sync())
        finally:
            del os.environ["PGOPTIONS"]
        settings.append((f"synchronous_commit={mode} ({why})", ours, theirs))
        # Autovacuum's analyze takes a lock that waits on (and stalls) the EXCLUSIVE lock
        # both recorders take for every append: off for the bench's tables, on both sides.
        for table in ("wulian_events", "stored_events"):
            ours.store._conn().execute(f"ALTER TABLE {table} SET (autovacuum_enabled = false)")
    return settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default=os.environ.get("WULIAN_TEST_POSTGRES_DSN"))
    parser.add_argument("--cases", type=int, default=100_000, help="open cases for the sweep")
    parser.add_argument("--quick", action="store_true", help="fewer rounds, for a smoke run")
    parser.add_argument(
        "--only", choices=("appends", "loads", "sweep"), action="append",
        help="run only these parts (repeatable); all by default",
    )  # fmt: skip
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument(
        "--sweep-on", choices=("sqlite", "postgres", "both"), default="both",
        help="where the sweep runs (PostgreSQL at a tenth of --cases)",
    )  # fmt: skip
    args = parser.parse_args()
    parts = set(args.only or ("appends", "loads", "sweep"))
    root = Path(tempfile.mkdtemp(prefix="wulian-bench-"))
    stop: Callable[[], None] | None = None
    pg_root: Path | None = None
    try:
        path = root / "bench.sqlite"
        dsn, es = (None, None) if args.no_postgres else (args.postgres, None)
        if dsn:
            es = _es_params(dsn)
        elif not args.no_postgres:
            pg_root = Path(tempfile.mkdtemp(prefix="wulian-bench-pg-"))  # nobody may enter
            started = start_postgres(pg_root)
            if started is not None:
                dsn, es, stop = started
        lines: list[str] = []
        if "appends" in parts:
            lines += append_rates("SQLite (one file, WAL)", sqlite_settings(path), args.quick)
            if dsn and es is not None:
                lines += append_rates("PostgreSQL", postgres_settings(dsn, es), args.quick)
        if "loads" in parts:
            lines += loads(
                "SQLite (one file, WAL)",
                Ours(
                    lambda **o: SQLiteStore(path, **{"clock": far_clock, **o}),
                    lambda **o: SQLiteStore(root / "uow.sqlite", **{"clock": far_clock, **o}),
                ),
                Theirs("sqlite", path, sqlite_sync="NORMAL"),
                args.quick,
            )
            if dsn and es is not None:
                lines += loads(
                    "PostgreSQL",
                    Ours(
                        lambda **o: PostgresStore(dsn, **{"clock": far_clock, **o}),
                        lambda **o: PostgresStore(_schema(dsn, "uow"), **{"clock": far_clock, **o}),
                    ),
                    Theirs("postgres", es),
                    args.quick,
                )
        if "sweep" in parts:
            lines += ["| sweep | `store.sweep(now)` | load every case and sweep | ratio | |",
                      "|---|---|---|---|---|"]  # fmt: skip
            sweep_file = root / "sweep.sqlite"
            if args.sweep_on != "postgres":
                lines += sweep_bench("SQLite", lambda **o: SQLiteStore(sweep_file, **o), args.cases)
            if dsn and args.sweep_on != "sqlite":
                sweeping = _schema(dsn, "sweep")
                lines += sweep_bench(
                    "PostgreSQL",
                    lambda **o: PostgresStore(sweeping, **o),
                    max(args.cases // 10, 1000),
                )
        print("\n".join(lines))
    finally:
        if stop is not None:
            stop()
        if pg_root is not None:
            shutil.rmtree(pg_root, ignore_errors=True)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
