"""What every event store offers, and the records it reads and writes.

A stream is one aggregate's history, named by its kind and id (:class:`StreamId`). Every
stored event has a per-stream sequence number (1, 2, ...: the aggregate's version after
it), a global position (the order of everything the store holds, increasing in commit
order) and, when it has one, an idempotency key unique within its stream.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Final, NamedTuple, Protocol, TypeVar

from attrs import field, frozen

from wulian_core.errors import InvalidValue

if TYPE_CHECKING:
    from wulian_core.escalation import Case
    from wulian_core.points import Catalogue, MoralNoticeBoard, Passbook, ShopRegistry
    from wulian_core.volunteering import CommunityActivity, VolunteerRegistration


__all__ = [
    "STREAM_KINDS",
    "Append",
    "NewEvent",
    "Projection",
    "Recorded",
    "StreamId",
    "Streams",
    "Transaction",
]

T = TypeVar("T")

STREAM_KINDS: Final = (
    "case",
    "passbook",
    "catalogue",
    "registration",
    "activity",
    "shops",
    "board",
)
"""The kinds of stream the store holds: one per aggregate class (a case, a passbook, a
catalogue, a volunteer's registration, a community activity, a shop registry, a moral
notice board)."""


def _kind(_: object, attribute: Any, value: Any) -> None:
    if value not in STREAM_KINDS:
        raise InvalidValue(f"StreamId.{attribute.name}", value, f"must be one of {STREAM_KINDS}")


def _ident(_: object, attribute: Any, value: Any) -> None:
    if type(value) is not str or not value or len(value) > 200:
        raise InvalidValue(f"StreamId.{attribute.name}", value, "must be a string of 1-200 chars")


@frozen
class StreamId:
    """One aggregate's stream: its kind (one of :data:`STREAM_KINDS`) and id.

    >>> str(StreamId("case", "c-1")), str(StreamId("activity", "act-1"))
    ('case:c-1', 'activity:act-1')
    >>> StreamId("order", "o-1")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: StreamId.kind: must be one of ('case', 'passbook', 'catalogue', ...) (got 'order')
    """

    kind: str = field(validator=_kind)
    id: str = field(validator=_ident)

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"


def _aware(_: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, dt.datetime) or value.utcoffset() is None:
        raise InvalidValue(f"NewEvent.{attribute.name}", value, "must be a timezone-aware datetime")


def _text(_: object, attribute: Any, value: Any) -> None:
    if type(value) is not str or not value:
        raise InvalidValue(f"NewEvent.{attribute.name}", value, "must be a non-empty string")


def _key(_: object, attribute: Any, value: Any) -> None:
    if value is not None and (type(value) is not str or not value):
        raise InvalidValue(f"NewEvent.{attribute.name}", value, "must be None or a string")


@frozen(kw_only=True)
class NewEvent:
    """An event about to be stored: its ``kind`` tag, idempotency key, instant and JSON.

    >>> import datetime as dt
    >>> NewEvent(kind="case.accepted", key=None, at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    ...          data='{"kind":"case.accepted"}').kind
    'case.accepted'
    """

    kind: str = field(validator=_text)
    key: str | None = field(validator=_key)
    at: dt.datetime = field(validator=_aware)
    data: str = field(validator=_text)


def _expected(_: object, attribute: Any, value: Any) -> None:
    if type(value) is not int or value < 0:
        raise InvalidValue(f"Append.{attribute.name}", value, "must be a whole number >= 0")


def _stream(_: object, attribute: Any, value: Any) -> None:
    if type(value) is not StreamId:
        raise InvalidValue(f"Append.{attribute.name}", value, "must be a StreamId")


def _events(value: object) -> tuple[NewEvent, ...]:
    if not isinstance(value, (list, tuple)) or not all(type(e) is NewEvent for e in value):
        raise InvalidValue("Append.events", value, "must be a sequence of NewEvent")
    return tuple(value)


@frozen(kw_only=True)
class Append:
    """Events for one stream, written only if the stream is still at ``expected``.

    >>> import datetime as dt
    >>> at = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    >>> Append(stream=StreamId("case", "c-1"), expected=0, events=[
    ...     NewEvent(kind="case.opened", key=None, at=at, data="{}")]).expected
    0
    """

    stream: StreamId = field(validator=_stream)
    expected: int = field(validator=_expected)
    events: tuple[NewEvent, ...] = field(converter=_events)


class Recorded(NamedTuple):
    """A stored event, as read back: where it sits, what it is, and its JSON.

    Built by the stores from their own rows, so it is not validated again; a named tuple
    rather than an attrs class because a long stream's read builds one per row, and a
    tuple is built in a third of the time.

    >>> import datetime as dt
    >>> r = Recorded(position=7, stream=StreamId("case", "c-1"), seq=1, kind="case.opened",
    ...              schema=1, key=None, at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC), data="{}")
    >>> r.position, r.seq
    (7, 1)
    """

    position: int
    stream: StreamId
    seq: int
    kind: str
    schema: int
    key: str | None
    at: dt.datetime
    data: str


class Transaction(Protocol):
    """A write transaction, as a projection sees it: SQL with ``?`` placeholders.

    ``dialect`` is ``"sqlite"`` or ``"postgres"``; :meth:`instant` turns an aware datetime
    into what the backend stores for an instant (UTC text in SQLite, ``timestamptz`` in
    PostgreSQL), so that instants compare in SQL.

    >>> from wulian_core.store import SQLiteStore
    >>> store = SQLiteStore(":memory:")
    >>> store.create()
    >>> with store.transaction() as tx:
    ...     tx.execute("SELECT 1 + 1")
    [(2,)]
    """

    dialect: str

    def execute(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Run one statement; the rows it returns (none for DDL and plain writes)."""

    def executemany(self, sql: str, rows: Sequence[Sequence[object]]) -> None:
        """Run one statement for each row of parameters."""

    def instant(self, value: dt.datetime) -> object:
        """The stored form of an aware instant."""


class Streams(Protocol):
    """The aggregates a projection may look at, as they stand in the transaction.

    >>> from wulian_core.store import SQLiteStore
    >>> hasattr(SQLiteStore(":memory:"), "create")  # Streams are handed to projections
    True
    """

    def case(self, id: str) -> Case:
        """The case ``id`` with every event up to this transaction."""

    def passbook(self, id: str) -> Passbook:
        """The passbook of holder ``id``."""

    def catalogue(self, id: str) -> Catalogue:
        """The catalogue of redemption point ``id``."""

    def registration(self, id: str) -> VolunteerRegistration:
        """The registration of volunteer ``id`` (a person id)."""

    def activity(self, id: str) -> CommunityActivity:
        """The community activity ``id``."""

    def shops(self, id: str) -> ShopRegistry:
        """The shop registry ``id``."""

    def board(self, id: str) -> MoralNoticeBoard:
        """The moral notice board ``id``."""


class Projection(Protocol):
    """A read model fed from the global order; its position is saved with its rows.

    The store calls :meth:`create` from ``create()``, then :meth:`apply` with each batch
    of new events, in global order, inside the transaction that writes them (or that
    catches up), and saves the projection's position in the same transaction: a row is
    written exactly once, and a projection added later catches up from the start.

    >>> from wulian_core.store import DueCases
    >>> DueCases().name
    'due_cases'
    """

    @property
    def name(self) -> str:
        """The name its position is tracked under; stable across releases."""

    def create(self, tx: Transaction) -> None:
        """Create its tables and indexes if missing."""

    def apply(self, tx: Transaction, events: Sequence[Recorded], streams: Streams) -> None:
        """Bring its rows up to date with ``events``."""


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """``items`` in slices of at most ``size`` (for batched catch-up)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
