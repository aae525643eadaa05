"""Snapshots: a stream's state saved at a version, so loading need not decode every event.

The aggregates of this release keep their whole history in memory (``events``), and
they offer no way to restore their state other than :meth:`replay` over all of it. So
the snapshot shipped here, :class:`EventPrefixSnapshots`, saves the decoded events up
to a version (pickled); loading reads the snapshot and only the rows after it, decodes
those, and replays the lot. What it saves is the JSON decoding and validation of the
prefix, the larger share of a load; replay itself still runs over every event.

A codec that restores an aggregate from its state alone plugs into the same
:class:`SnapshotCodec` protocol once the aggregates can export and import their state.

Snapshots are written by the store, in the commit that crosses the threshold, and are
only an optimisation: one that cannot be read (another release, another Python) is
ignored and the stream is read from the start. They are pickles: the snapshot table must
be writable only by the app, like the events table.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from typing import Any, Final, Protocol

from attrs import frozen

__all__ = ["EventPrefixSnapshots", "Snapshot", "SnapshotCodec"]

# Pickles name modules and classes: a snapshot made by another release may not load,
# or load wrong. The format tag keeps them apart; bump it when the event classes move.
_FORMAT: Final = b"wulian-events-1:"


@frozen(kw_only=True)
class Snapshot:
    """A stream's saved state: the version it was taken at and the codec's bytes.

    >>> Snapshot(version=1000, state=b"...").version
    1000
    """

    version: int
    state: bytes


class SnapshotCodec(Protocol):
    """Turns an aggregate into snapshot bytes, and bytes plus later events back into events.

    >>> isinstance(EventPrefixSnapshots().dump(()), bytes)
    True
    """

    def dump(self, events: Sequence[Any]) -> bytes:
        """The snapshot of a stream whose history is ``events``."""

    def load(self, state: bytes) -> tuple[Any, ...] | None:
        """The events a snapshot stands for, or ``None`` if it cannot be read."""


class EventPrefixSnapshots:
    """Saves the decoded events themselves (pickled), tagged with this release's format.

    >>> import datetime as dt
    >>> from wulian_core.escalation import CaseUrged
    >>> events = (CaseUrged(case="c-1", at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC), by="p-1",
    ...                     note="请尽快"),)
    >>> codec = EventPrefixSnapshots()
    >>> codec.load(codec.dump(events)) == events
    True
    >>> codec.load(b"something else") is None
    True
    """

    __slots__ = ()

    def dump(self, events: Sequence[Any]) -> bytes:
        """The events, pickled at the highest protocol, behind the format tag."""
        return _FORMAT + pickle.dumps(tuple(events), protocol=pickle.HIGHEST_PROTOCOL)

    def load(self, state: bytes) -> tuple[Any, ...] | None:
        """The events, or ``None`` for a snapshot of another format or one that fails."""
        if not bytes(state).startswith(_FORMAT):
            return None
        try:
            events = pickle.loads(bytes(state)[len(_FORMAT) :])
        except Exception:  # any unreadable snapshot only costs a full read
            return None
        return events if isinstance(events, tuple) else None
