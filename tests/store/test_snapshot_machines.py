"""The shipped state machines, each step's aggregate stored and loaded with and without
a snapshot: the two loads are the aggregate the machine holds.

Every step appends what the machine's aggregate recorded since the last one to a SQLite
store and, now and then, writes a JSON snapshot of it at that version (as the store
does in a commit past ``snapshot_every``); then a store that reads snapshots and one
that does not must both load the machine's aggregate. Later steps then load from a
snapshot plus the events after it, so restoring and the checks of the later events
are exercised across every command the machines run.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import settings
from hypothesis.stateful import invariant

from wulian_core.store import Append, SQLiteStore, StateSnapshots, StreamId, encode
from wulian_core.strategies import CaseMachine, PassbookMachine


class _Mirror:
    """One stream's copy in a store, with snapshots taken every few steps."""

    def __init__(self, stream: StreamId, **options: Any) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="wulian-snap-"))
        path = self.root / "events.sqlite"
        common = {"shipped_projections": False, "cache_streams": 0, **options}
        self.plain = SQLiteStore(path, **common)
        self.plain.create()
        self.snapped = SQLiteStore(path, snapshot_every=1, **common)
        self.stream, self.written, self.steps = stream, 0, 0

    def check(self, aggregate: Any) -> None:
        new = aggregate.events[self.written :]
        if new:
            events = tuple(encode(event) for event in new)
            self.plain.append(Append(stream=self.stream, expected=self.written, events=events))
            self.written = aggregate.version
        self.steps += 1
        if self.steps % 3 == 1:
            doc = json.dumps(StateSnapshots().dump(self.stream, aggregate))
            with self.plain.transaction() as tx:
                tx.execute("DELETE FROM wulian_snapshots")
                tx.execute(
                    "INSERT INTO wulian_snapshots (stream_kind, stream_id, version, state, "
                    "schema, doc) VALUES (?, ?, ?, ?, 1, ?)",
                    (self.stream.kind, self.stream.id, aggregate.version, b"", doc),
                )
        assert self.snapped.snapshot(self.stream) is not None
        from_snapshot = self.snapped.load(self.stream)
        assert from_snapshot == aggregate
        assert self.plain.load(self.stream) == aggregate

    def close(self) -> None:
        self.plain.close()
        self.snapped.close()
        shutil.rmtree(self.root, ignore_errors=True)


class CaseSnapshots(CaseMachine):
    mirror: _Mirror | None = None

    @invariant()
    def loads_with_and_without_a_snapshot_are_the_case(self) -> None:
        case = getattr(self, "case", None)
        if case is None:
            return
        if self.mirror is None:
            self.mirror = _Mirror(StreamId("case", case.id))
        self.mirror.check(case)

    def teardown(self) -> None:
        if self.mirror is not None:
            self.mirror.close()
        super().teardown()


class PassbookSnapshots(PassbookMachine):
    mirror: _Mirror | None = None

    @invariant()
    def loads_with_and_without_a_snapshot_are_the_passbook(self) -> None:
        book = self.book
        if book is None:
            return
        if self.mirror is None:
            self.mirror = _Mirror(StreamId("passbook", book.holder.id), points_policy=book.policy)
        self.mirror.check(book)

    def teardown(self) -> None:
        if self.mirror is not None:
            self.mirror.close()
        super().teardown()


CaseSnapshots.TestCase.settings = settings(max_examples=25, stateful_step_count=20, deadline=None)
PassbookSnapshots.TestCase.settings = settings(
    max_examples=25, stateful_step_count=20, deadline=None
)
test_case_loads_with_and_without_snapshots = CaseSnapshots.TestCase
test_passbook_loads_with_and_without_snapshots = PassbookSnapshots.TestCase
