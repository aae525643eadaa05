"""The unit of work: load aggregates, run commands, commit exactly what they recorded.

At commit, each tracked aggregate contributes ``aggregate.events[loaded_version:]`` (the
events recorded since loading) with the loaded version as the expected one, never what
a command returned: a retried command with the same idempotency key returns the event
already recorded and records nothing, so it appends nothing. Every stream of the unit of
work goes in one transaction: a catalogue order writes the passbook's ``PointsRedeemed``
and the catalogue's ``ItemReserved`` together, or neither.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final, Protocol

from wulian_core.errors import InvalidValue
from wulian_core.points import PointsPolicy

from .errors import ClockSkew
from .protocol import Append, StreamId
from .repositories import (
    ActivityRepository,
    CaseRepository,
    CatalogueRepository,
    NoticeBoardRepository,
    PassbookRepository,
    RegistrationRepository,
    ShopRegistryRepository,
)
from .upcasting import encode

if TYPE_CHECKING:
    from types import TracebackType

__all__ = ["DEFAULT_MAX_SKEW", "UnitOfWork", "system_clock"]

DEFAULT_MAX_SKEW: Final = dt.timedelta(minutes=5)
"""How far ahead of the store's clock an event's ``at`` may be: 5 minutes."""


def system_clock() -> dt.datetime:
    """The real clock, in UTC: the store's default (the domain never reads a clock).

    >>> system_clock().tzinfo
    datetime.timezone.utc
    """
    return dt.datetime.now(dt.UTC)


class _Tracked:
    __slots__ = ("aggregate", "loaded", "snapshot")

    def __init__(self, aggregate: Any, loaded: int, snapshot: int) -> None:
        self.aggregate, self.loaded, self.snapshot = aggregate, loaded, snapshot


class _Backend(Protocol):
    """What a unit of work needs of its store."""

    def _load_stream(self, stream: StreamId, policy: PointsPolicy | None) -> tuple[Any, int]: ...

    def _load_streams(self, kind: str, ids: list[str]) -> list[Any]: ...

    def _commit(
        self, appends: list[Append], aggregates: Mapping[StreamId, Any], snapshots: dict[str, int]
    ) -> tuple[int, dict[str, int]]: ...


class UnitOfWork:
    """Aggregates loaded from one store, committed together in one transaction.

    ``clock`` (a callable returning an aware datetime) is read at commit: an event whose
    ``at`` is more than ``max_skew`` ahead of it is refused with
    :class:`~wulian_core.store.ClockSkew`, and nothing is written. Leaving the ``with``
    block without :meth:`commit` writes nothing.

    >>> import datetime as dt
    >>> from wulian_core.calendar import SHANGHAI
    >>> from wulian_core.escalation import Case, CaseCategory, CaseChannel, EscalationPolicy
    >>> from wulian_core.people import Actor, Grant, Role, Scope
    >>> from wulian_core.regions import RegionCode
    >>> from wulian_core.store import SQLiteStore
    >>> at = dt.datetime(2024, 9, 26, 10, tzinfo=SHANGHAI)
    >>> store = SQLiteStore(":memory:", clock=lambda: at)
    >>> store.create()
    >>> with store.unit_of_work() as uow:
    ...     uow.cases.add(Case.open(id="c-1", resident="p-1", community=RegionCode("150603001001"),
    ...         grid="g-1", category=CaseCategory.DISPUTE, channel=CaseChannel.IN_PERSON,
    ...         summary="楼上漏水", policy=EscalationPolicy.kangbashi(), by=Actor("p-1"), at=at))
    ...     uow.commit()
    1
    >>> liaison = Actor("p-2", {Grant(Role.LIAISON, Scope.grid("g-1"))})
    >>> with store.unit_of_work() as uow:
    ...     case = uow.cases.get("c-1")
    ...     _ = case.accept(by=liaison, at=at + dt.timedelta(hours=1))
    ...     uow.commit()
    Traceback (most recent call last):
    ...
    wulian_core.errors.ClockSkew: case:c-1.at: must be at most 0:05:00 ahead of the clock, ... (got ...)
    >>> [r.kind for r in store.read_stream(StreamId("case", "c-1"))]
    ['case.opened']
    """

    __slots__ = (
        "_clock",
        "_max_skew",
        "_store",
        "_tracked",
        "activities",
        "boards",
        "cases",
        "catalogues",
        "passbooks",
        "registrations",
        "shops",
    )

    def __init__(
        self,
        store: _Backend,
        *,
        clock: Callable[[], dt.datetime] = system_clock,
        max_skew: dt.timedelta = DEFAULT_MAX_SKEW,
    ) -> None:
        if not callable(clock):
            raise InvalidValue(
                "unit_of_work.clock", clock, "must be a callable returning a datetime"
            )
        if not isinstance(max_skew, dt.timedelta) or max_skew < dt.timedelta(0):
            raise InvalidValue("unit_of_work.max_skew", max_skew, "must be a timedelta >= 0")
        self._store, self._clock, self._max_skew = store, clock, max_skew
        self._tracked: dict[StreamId, _Tracked] = {}
        self.cases = CaseRepository(self, "case")
        self.passbooks = PassbookRepository(self, "passbook")
        self.catalogues = CatalogueRepository(self, "catalogue")
        self.registrations = RegistrationRepository(self, "registration")
        self.activities = ActivityRepository(self, "activity")
        self.shops = ShopRegistryRepository(self, "shops")
        self.boards = NoticeBoardRepository(self, "board")

    def __enter__(self) -> UnitOfWork:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # Whatever was not committed is dropped: the aggregates in memory may hold
        # events of a refused commit, so they must not be used again.
        self._tracked.clear()

    def _load(self, stream: StreamId, policy: PointsPolicy | None) -> Any:
        found = self._tracked.get(stream)
        if found is not None:
            return found.aggregate
        aggregate, snapshot = self._store._load_stream(stream, policy)
        self._tracked[stream] = _Tracked(aggregate, aggregate.version, snapshot)
        return aggregate

    def _load_many(self, kind: str, ids: list[str]) -> list[Any]:
        missing = [i for i in dict.fromkeys(ids) if StreamId(kind, i) not in self._tracked]
        if missing:
            loaded = self._store._load_streams(kind, missing)
            for ident, aggregate in zip(missing, loaded, strict=True):
                self._tracked[StreamId(kind, ident)] = _Tracked(aggregate, aggregate.version, 0)
        return [self._tracked[StreamId(kind, i)].aggregate for i in ids]

    def _add(self, stream: StreamId, aggregate: Any) -> None:
        found = self._tracked.get(stream)
        if found is not None and found.aggregate is not aggregate:
            raise InvalidValue("uow.add", str(stream), "is already tracked by this unit of work")
        self._tracked[stream] = _Tracked(aggregate, 0, 0)

    def _now(self) -> dt.datetime:
        now = self._clock()
        if not isinstance(now, dt.datetime) or now.utcoffset() is None:
            raise InvalidValue("unit_of_work.clock()", now, "must return an aware datetime")
        return now

    def commit(self) -> int:
        """Append every event recorded since loading, in one transaction; the last position.

        Returns 0 when there was nothing to write. Raises
        :class:`~wulian_core.store.ConcurrencyConflict` (nothing written) when a stream
        moved since it was loaded, and :class:`~wulian_core.store.ClockSkew` for an
        event too far in the future.
        """
        appends: list[Append] = []
        aggregates: dict[StreamId, Any] = {}
        limit: dt.datetime | None = None
        for stream, tracked in self._tracked.items():
            events = tracked.aggregate.events[tracked.loaded :]
            if not events:
                continue
            if limit is None:
                now = self._now()
                limit = now + self._max_skew
            for event in events:
                if event.at > limit:
                    raise ClockSkew(str(stream), event.at, now, self._max_skew)
            appends.append(
                Append(
                    stream=stream,
                    expected=tracked.loaded,
                    events=tuple(encode(event) for event in events),
                )
            )
            aggregates[stream] = tracked.aggregate
        if not appends:
            return 0
        snapshots = {str(s): t.snapshot for s, t in self._tracked.items() if s in aggregates}
        position, taken = self._store._commit(appends, aggregates, snapshots)
        for stream, tracked in self._tracked.items():
            tracked.loaded = tracked.aggregate.version
            tracked.snapshot = taken.get(str(stream), tracked.snapshot)
        return position
