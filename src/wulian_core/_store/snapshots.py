"""Snapshots: a stream's state saved at a version, so a load need not read every row.

The default, :class:`StateSnapshots`, writes JSON text: the stream,
the version, the schema of the events in it, the aggregate's *check* (the numbers its
state comes to: a passbook's balances and debt, a case's status and level, a
catalogue's stock) and its history through the codec. The history is in the snapshot
because these aggregates keep it as part of their state: a retry is answered with the
events its key recorded, a passbook's lots and orders point at their events, the
statement and the views read them. Restoring decodes the history from the one document,
rebuilds the state (a passbook's without the replay's integrity checks, which held when
the snapshot was taken), compares the check, and reads the events after the snapshot
through the checks, against the whole history's keys and last instant.

:class:`EventPrefixSnapshots` (opt in with ``snapshots=EventPrefixSnapshots()``) pickles
the decoded events instead: about 2.5 times as fast to read back for a long passbook, but a
pickle, so the snapshot table must be writable by the app alone; events that cannot be
pickled (a case's, whose policy holds mapping proxies) get no snapshot.

Which snapshots are used:

- one that cannot be read (another format or snapshot schema, events of another event
  schema, a check that this release's state does not come to) is *ignored*: the stream
  is read from its start, and the next commit past the threshold writes a new one;
- one that reads but names another stream, or another version than its row, or whose
  events are another aggregate's, is *refused* with
  :class:`~wulian_core.errors.IntegrityError` naming the stream: a row was copied or
  changed by hand. Delete it from ``wulian_snapshots`` and the stream loads from its
  start.
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Sequence
from typing import Any, Final, Protocol

from attrs import frozen

from wulian_core._escalation.snapshot import case_check
from wulian_core._points.snapshot import catalogue_check, passbook_check, restore_passbook
from wulian_core.calendar import WorkCalendar
from wulian_core.codec import from_dict, to_dict
from wulian_core.errors import DecodeError, IntegrityError
from wulian_core.points import PointsPolicy

from .kinds import KINDS, replay, simple_check
from .protocol import StreamId
from .upcasting import CURRENT_SCHEMA

__all__ = [
    "SNAPSHOT_SCHEMA",
    "EventPrefixSnapshots",
    "Snapshot",
    "SnapshotCodec",
    "StateSnapshots",
    "check_owner",
    "encode_state",
]

SNAPSHOT_SCHEMA: Final = 1
"""The schema of the JSON snapshot documents this release writes (``wulian_snapshots.schema``)."""

# Pickles name modules and classes: a snapshot made by another release may not load,
# or load wrong. The format tag keeps them apart; bump it when the event classes move.
_FORMAT: Final = b"wulian-events-1:"


@frozen(kw_only=True)
class Snapshot:
    """A stream's saved state: its version, the codec's state, the codec's schema.

    ``state`` is a JSON object for :class:`StateSnapshots` (``schema`` 1) and bytes for
    :class:`EventPrefixSnapshots` (``schema`` 0).

    >>> Snapshot(version=1000, state=b"...").schema
    0
    """

    version: int
    state: Any
    schema: int = 0


class SnapshotCodec(Protocol):
    """Turns an aggregate into a snapshot's state, and a snapshot plus later events back.

    >>> isinstance(StateSnapshots().schema, int)
    True
    """

    schema: int

    def dump(self, stream: StreamId, aggregate: Any) -> Any:
        """The state to save for ``aggregate`` (JSON-able data or bytes), or ``None``."""

    def restore(
        self,
        stream: StreamId,
        snapshot: Snapshot,
        later: Sequence[Any],
        policy: PointsPolicy,
        calendar: WorkCalendar | None,
    ) -> Any:
        """The aggregate of ``snapshot`` and the ``later`` events, or ``None`` to read all."""


def check_owner(stream: StreamId, events: Sequence[Any], what: str) -> None:
    """Refuse events of another aggregate than ``stream``'s, with ``IntegrityError``.

    >>> import datetime as dt
    >>> from wulian_core.escalation import CaseUrged
    >>> urged = CaseUrged(case="c-2", at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC), by="p-1",
    ...                   note="请尽快")
    >>> check_owner(StreamId("case", "c-1"), [urged], "the snapshot")
    Traceback (most recent call last):
    ...
    wulian_core.errors.IntegrityError: 1 integrity problem:
    - case:c-1: the snapshot holds events of case 'c-2'; delete its row from wulian_snapshots
    """
    field = KINDS[stream.kind].owner
    # Every event, not the first alone: restoring a passbook skips replay's checks.
    stranger = next((e for e in events if getattr(e, field, None) != stream.id), None)
    if stranger is not None:
        owner = getattr(stranger, field, None)
        raise IntegrityError(
            [
                f"{stream}: {what} holds events of {stream.kind} {owner!r}; "
                "delete its row from wulian_snapshots"
            ]
        )


def _refused(stream: StreamId, problem: str) -> IntegrityError:
    return IntegrityError(
        [f"{stream}: the snapshot {problem}; delete its row from wulian_snapshots"]
    )


class StateSnapshots:
    """JSON snapshots: the stream, version, event schema, check and history (the default).

    >>> import datetime as dt
    >>> from wulian_core.examples import passbook_example
    >>> book, worker, me, at = passbook_example()
    >>> codec = StateSnapshots()
    >>> stream = StreamId("passbook", book.holder.id)
    >>> doc = codec.dump(stream, book)
    >>> doc["stream"], doc["version"], doc["check"]
    ('passbook:p-3', 1, [1, 0, 0, 0, 0])
    >>> snap = Snapshot(version=1, state=doc, schema=codec.schema)
    >>> codec.restore(stream, snap, [], book.policy, None) == book
    True
    >>> codec.restore(StreamId("passbook", "p-2"), snap, [], book.policy, None)
    Traceback (most recent call last):
    ...
    wulian_core.errors.IntegrityError: 1 integrity problem:
    - passbook:p-2: the snapshot is of passbook:p-3; delete its row from wulian_snapshots
    """

    __slots__ = ()
    schema = SNAPSHOT_SCHEMA

    def dump(self, stream: StreamId, aggregate: Any) -> dict[str, Any]:
        """The JSON object of ``aggregate``'s snapshot."""
        check = _CHECKS.get(stream.kind, simple_check)(aggregate)
        return {
            "stream": str(stream),
            "version": aggregate.version,
            "events_schema": CURRENT_SCHEMA,
            "check": check,
            "history": [to_dict(event, reveal=True) for event in aggregate.events],
        }

    def restore(
        self,
        stream: StreamId,
        snapshot: Snapshot,
        later: Sequence[Any],
        policy: PointsPolicy,
        calendar: WorkCalendar | None,
    ) -> Any:
        """The aggregate, ``None`` for a stale snapshot; ``IntegrityError`` for a foreign one."""
        doc = snapshot.state
        if snapshot.schema != SNAPSHOT_SCHEMA or not isinstance(doc, dict):
            return None
        if doc.get("events_schema") != CURRENT_SCHEMA:
            return None  # older events: read the rows, which the upcasters lift
        if doc.get("stream") != str(stream):
            raise _refused(stream, f"is of {doc.get('stream')}")
        history = doc.get("history")
        if doc.get("version") != snapshot.version:
            raise _refused(
                stream, f"says version {doc.get('version')!r}, its row {snapshot.version}"
            )
        if not isinstance(history, list):
            raise _refused(stream, "holds no list of events")
        if len(history) != snapshot.version:
            raise _refused(stream, f"holds {len(history)} events for version {snapshot.version}")
        union = KINDS[stream.kind].union
        try:
            events = [from_dict(union, data) for data in history]
        except DecodeError:
            return None  # written by a release whose events this one does not read
        check_owner(stream, events, "the snapshot")
        check = doc.get("check")
        if stream.kind == "passbook":
            return restore_passbook(events, later, check, policy)
        # Every other history is short and its replay cheap: replayed whole, checks
        # included, the check compared, then again with the later events.
        before = replay(stream.kind, events, policy=policy, calendar=calendar)
        if _CHECKS.get(stream.kind, simple_check)(before) != check:
            return None
        if not later:
            return before
        return replay(stream.kind, [*events, *later], policy=policy, calendar=calendar)


_CHECKS: Final[dict[str, Any]] = {
    "case": case_check,
    "passbook": passbook_check,
    "catalogue": catalogue_check,
}


class EventPrefixSnapshots:
    """Pickled decoded events, tagged with this release's format (opt in; trusted tables).

    >>> import datetime as dt
    >>> from wulian_core.examples import passbook_example
    >>> book, worker, me, at = passbook_example()
    >>> codec = EventPrefixSnapshots()
    >>> stream = StreamId("passbook", book.holder.id)
    >>> snap = Snapshot(version=1, state=codec.dump(stream, book))
    >>> codec.restore(stream, snap, [], book.policy, None) == book
    True
    >>> codec.restore(stream, Snapshot(version=1, state=b"else"), [], book.policy, None) is None
    True
    """

    __slots__ = ()
    schema = 0

    def dump(self, stream: StreamId, aggregate: Any) -> bytes | None:
        """The events, pickled behind the format tag; ``None`` if they cannot be pickled."""
        try:
            state = pickle.dumps(tuple(aggregate.events), protocol=pickle.HIGHEST_PROTOCOL)
        except (TypeError, pickle.PicklingError, AttributeError):
            return None
        return _FORMAT + state

    def restore(
        self,
        stream: StreamId,
        snapshot: Snapshot,
        later: Sequence[Any],
        policy: PointsPolicy,
        calendar: WorkCalendar | None,
    ) -> Any:
        """The aggregate, replayed from the unpickled events and ``later``; or ``None``."""
        state = snapshot.state
        if snapshot.schema != 0 or not isinstance(state, bytes | bytearray | memoryview):
            return None
        state = bytes(state)
        if not state.startswith(_FORMAT):
            return None
        try:
            prefix = pickle.loads(state[len(_FORMAT) :])
        except Exception:  # any unreadable snapshot only costs a full read
            return None
        if not isinstance(prefix, tuple):
            return None
        if len(prefix) != snapshot.version:
            raise _refused(stream, f"holds {len(prefix)} events for version {snapshot.version}")
        check_owner(stream, prefix, "the snapshot")
        return replay(stream.kind, [*prefix, *later], policy=policy, calendar=calendar)


def encode_state(state: Any) -> tuple[bytes, str | None]:
    """The two columns of a snapshot's state: bytes as they are, JSON as text.

    >>> encode_state({"version": 1})
    (b'', '{"version":1}')
    """
    if isinstance(state, bytes):
        return state, None
    return b"", json.dumps(state, ensure_ascii=False, separators=(",", ":"))
