"""The event store: SQLite by default, PostgreSQL in production, units of work, projections.

Every app that embeds the library keeps events; this is where. One stream per aggregate
(kind and id), a per-stream sequence, a global position, a unique idempotency key per
stream. A unit of work loads aggregates, lets the app run commands as usual, and commits
exactly the events recorded since loading, with the loaded versions as expected, in one
transaction; a moved stream raises :class:`ConcurrencyConflict` and writes nothing.
Projections (due cases, balances, cases by grid) are kept in the same transaction. The
aggregates it keeps (:data:`STREAM_KINDS`): cases, passbooks, catalogues, volunteers'
registrations, community activities, shop registries and moral notice boards.

>>> import datetime as dt
>>> from wulian_core.calendar import SHANGHAI
>>> from wulian_core.escalation import Case, CaseCategory, CaseChannel, EscalationPolicy
>>> from wulian_core.people import Actor, Grant, Role, Scope
>>> from wulian_core.regions import RegionCode
>>> at = dt.datetime(2024, 9, 26, 10, tzinfo=SHANGHAI)
>>> store = SQLiteStore(":memory:", clock=lambda: at + dt.timedelta(hours=1))
>>> store.create()
>>> with store.unit_of_work() as uow:
...     uow.cases.add(Case.open(id="c-1", resident="p-1", community=RegionCode("150603001001"),
...         grid="g-1", category=CaseCategory.DISPUTE, channel=CaseChannel.IN_PERSON,
...         summary="楼上漏水", policy=EscalationPolicy.kangbashi(), by=Actor("p-1"), at=at))
...     uow.commit()
1
>>> liaison = Actor("p-2", {Grant(Role.LIAISON, Scope.grid("g-1"))})
>>> store.run(lambda uow: uow.cases.get("c-1").accept(by=liaison, at=at))[0].kind
'case.accepted'
>>> [r.kind for r in store.read_stream(StreamId("case", "c-1"))]
['case.opened', 'case.accepted']

See ``docs/store.md`` for the schema, the projections, snapshots and upgrades.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._store.contract import EventStore
from ._store.errors import ClockSkew, ConcurrencyConflict, StoreError, StoreUnavailable
from ._store.projections import Balances, CasesByGrid, DueCases, next_alarm
from ._store.protocol import (
    STREAM_KINDS,
    Append,
    NewEvent,
    Projection,
    Recorded,
    StreamId,
    Streams,
    Transaction,
)
from ._store.repositories import (
    ActivityRepository,
    CaseRepository,
    CatalogueRepository,
    NoticeBoardRepository,
    PassbookRepository,
    RegistrationRepository,
    ShopRegistryRepository,
    stream_of,
)
from ._store.snapshots import EventPrefixSnapshots, Snapshot, SnapshotCodec, StateSnapshots
from ._store.sqlite import SQLiteStore
from ._store.sweeping import SweepFailure, SweepReport
from ._store.transaction import Tx
from ._store.unit_of_work import DEFAULT_MAX_SKEW, UnitOfWork, system_clock
from ._store.upcasting import CURRENT_SCHEMA, Upcaster, Upcasters, decode, encode

if TYPE_CHECKING:
    from ._store.postgres import PostgresStore

__all__ = [
    "CURRENT_SCHEMA",
    "DEFAULT_MAX_SKEW",
    "STREAM_KINDS",
    "ActivityRepository",
    "Append",
    "Balances",
    "CaseRepository",
    "CasesByGrid",
    "CatalogueRepository",
    "ClockSkew",
    "ConcurrencyConflict",
    "DueCases",
    "EventPrefixSnapshots",
    "EventStore",
    "NewEvent",
    "NoticeBoardRepository",
    "PassbookRepository",
    "PostgresStore",
    "Projection",
    "Recorded",
    "RegistrationRepository",
    "SQLiteStore",
    "ShopRegistryRepository",
    "Snapshot",
    "SnapshotCodec",
    "StateSnapshots",
    "StoreError",
    "StoreUnavailable",
    "StreamId",
    "Streams",
    "SweepFailure",
    "SweepReport",
    "Transaction",
    "Tx",
    "UnitOfWork",
    "Upcaster",
    "Upcasters",
    "decode",
    "encode",
    "next_alarm",
    "stream_of",
    "system_clock",
]


def __getattr__(name: str) -> Any:
    # PostgresStore's module is loaded on first use (it is light; psycopg itself is
    # imported only when a PostgresStore is made).
    if name == "PostgresStore":
        from ._store.postgres import PostgresStore

        return PostgresStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
