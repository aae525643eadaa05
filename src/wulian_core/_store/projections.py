"""The shipped projections: due cases (for the sweep), balances, and cases by grid.

Each is a state projection: for every stream a batch of events touches, it writes the
row of the aggregate as it stands, so applying a batch twice gives the same rows. The
store feeds them in global order inside the transaction that appends (and saves their
positions there), so they are never behind a committed event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Final

from wulian_core.calendar import SHANGHAI, TimeLimit, TimeUnit, WorkCalendar
from wulian_core.errors import CalendarCoverageError
from wulian_core.escalation import Case
from wulian_core.points import Ledger

from .protocol import Recorded, Streams, Transaction

__all__ = ["Balances", "CasesByGrid", "DueCases", "next_alarm"]

_TICK: Final = dt.timedelta(microseconds=1)
_ONE_DAY: Final = dt.timedelta(days=1)
_MIDNIGHT: Final = dt.time(0)


def _warn_time(due: dt.datetime, lead: TimeLimit, calendar: WorkCalendar) -> dt.datetime:
    # The policy's warn_before, counted back from the deadline as the case counts it:
    # hours and natural days subtract; working days count back to the start (00:00)
    # of the lead-th working day before the deadline.
    if lead.unit is TimeUnit.HOURS:
        return due - dt.timedelta(hours=lead.amount)
    local = due.astimezone(SHANGHAI)
    if lead.unit is TimeUnit.NATURAL_DAYS:
        return local - dt.timedelta(days=lead.amount)
    day = (local - _TICK).date()
    left = lead.amount
    while True:
        if calendar.is_workday(day):
            left -= 1
            if left == 0:
                return dt.datetime.combine(day, _MIDNIGHT, tzinfo=SHANGHAI)
        day -= _ONE_DAY


def next_alarm(case: Case) -> dt.datetime | None:
    """The next instant the case's clocks act (a warning or a missed deadline), or ``None``.

    :func:`~wulian_core.escalation.sweep` records nothing for the case before it, and
    something at it.

    >>> import datetime as dt
    >>> from wulian_core.calendar import SHANGHAI
    >>> from wulian_core.escalation import Case, CaseCategory, CaseChannel, EscalationPolicy
    >>> from wulian_core.people import Actor
    >>> from wulian_core.regions import RegionCode
    >>> case = Case.open(id="c-1", resident="p-1", community=RegionCode("150603001001"),
    ...     grid="g-1", category=CaseCategory.DISPUTE, channel=CaseChannel.IN_PERSON,
    ...     summary="楼上漏水", policy=EscalationPolicy.kangbashi(), by=Actor("p-1"),
    ...     at=dt.datetime(2024, 9, 26, 10, tzinfo=SHANGHAI))
    >>> next_alarm(case).isoformat()
    '2024-09-27T00:00:00+08:00'
    """
    lead = case.policy.warn_before
    last = case.last_at
    found: list[dt.datetime] = []
    for deadline in case.deadlines:
        if deadline.missed:
            continue
        if not deadline.warned:
            try:
                warn = _warn_time(deadline.due, lead, case.calendar)
            except CalendarCoverageError:
                warn = last  # cannot count back: look at the case at once rather than late
            found.append(max(warn, last))
        found.append(deadline.due)
    return min(found, default=None)


def _touched(events: Sequence[Recorded], kind: str) -> list[str]:
    seen: dict[str, None] = {}
    for event in events:
        if event.stream.kind == kind:
            seen[event.stream.id] = None
    return list(seen)


class DueCases:
    """Table ``wulian_due_cases``: each open case's next alarm, indexed, for the sweep.

    >>> from wulian_core.store import SQLiteStore
    >>> store = SQLiteStore(":memory:")
    >>> store.create()
    >>> store.positions()["due_cases"]
    0
    """

    __slots__ = ()
    name = "due_cases"

    def create(self, tx: Transaction) -> None:
        """``case_id`` and ``alarm``; a case with no running clock has no row."""
        tx.execute(
            f"CREATE TABLE IF NOT EXISTS wulian_due_cases (case_id TEXT PRIMARY KEY, "
            f"alarm {_instant_type(tx)} NOT NULL)"
        )
        tx.execute("CREATE INDEX IF NOT EXISTS wulian_due_cases_alarm ON wulian_due_cases (alarm)")

    def apply(self, tx: Transaction, events: Sequence[Recorded], streams: Streams) -> None:
        """Set or clear the alarm of every case the batch touched."""
        cleared: list[tuple[str]] = []
        alarms: list[tuple[str, object]] = []
        for ident in _touched(events, "case"):
            alarm = next_alarm(streams.case(ident))
            if alarm is None:
                cleared.append((ident,))
            else:
                alarms.append((ident, tx.instant(alarm)))
        if cleared:
            tx.executemany("DELETE FROM wulian_due_cases WHERE case_id = ?", cleared)
        if alarms:
            tx.executemany(
                "INSERT INTO wulian_due_cases (case_id, alarm) VALUES (?, ?) "
                "ON CONFLICT (case_id) DO UPDATE SET alarm = excluded.alarm",
                alarms,
            )


class Balances:
    """Table ``wulian_balances``: each holder's balance per ledger (point kind).

    >>> Balances().name
    'balances'
    """

    __slots__ = ()
    name = "balances"

    def create(self, tx: Transaction) -> None:
        """``holder``, ``ledger`` (its wire value) and ``balance``."""
        tx.execute(
            "CREATE TABLE IF NOT EXISTS wulian_balances (holder TEXT NOT NULL, "
            "ledger TEXT NOT NULL, community TEXT NOT NULL, balance BIGINT NOT NULL, "
            "PRIMARY KEY (holder, ledger))"
        )

    def apply(self, tx: Transaction, events: Sequence[Recorded], streams: Streams) -> None:
        """Write the three balances of every passbook the batch touched."""
        rows: list[tuple[str, str, str, int]] = []
        for ident in _touched(events, "passbook"):
            book = streams.passbook(ident)
            community = str(book.holder.community)
            rows.extend((ident, ledger.value, community, book.balance(ledger)) for ledger in Ledger)
        if rows:
            tx.executemany(
                "INSERT INTO wulian_balances (holder, ledger, community, balance) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (holder, ledger) "
                "DO UPDATE SET balance = excluded.balance, community = excluded.community",
                rows,
            )


class CasesByGrid:
    """Table ``wulian_cases``: every case with its community, grid, status, level, deadlines.

    For dashboards: ``SELECT status, count(*) FROM wulian_cases WHERE community = ?
    GROUP BY status``.

    >>> CasesByGrid().name
    'cases_by_grid'
    """

    __slots__ = ()
    name = "cases_by_grid"

    def create(self, tx: Transaction) -> None:
        """One row per case; indexed by community and grid."""
        instant = _instant_type(tx)
        tx.execute(
            "CREATE TABLE IF NOT EXISTS wulian_cases (case_id TEXT PRIMARY KEY, "
            "community TEXT NOT NULL, grid TEXT NOT NULL, category TEXT NOT NULL, "
            "status TEXT NOT NULL, level TEXT NOT NULL, agency TEXT, "
            f"opened_at {instant} NOT NULL, last_at {instant} NOT NULL, "
            f"accept_due {instant}, resolve_due {instant}, version INTEGER NOT NULL)"
        )
        tx.execute(
            "CREATE INDEX IF NOT EXISTS wulian_cases_grid ON wulian_cases (community, grid, status)"
        )

    def apply(self, tx: Transaction, events: Sequence[Recorded], streams: Streams) -> None:
        """Write the row of every case the batch touched."""
        rows: list[tuple[object, ...]] = []
        for ident in _touched(events, "case"):
            case = streams.case(ident)
            accept, resolve = case.accept_due, case.resolve_due
            rows.append(
                (
                    ident,
                    str(case.community),
                    case.grid,
                    case.category.value,
                    case.status.value,
                    case.level.id,
                    case.agency,
                    tx.instant(case.opened_at),
                    tx.instant(case.last_at),
                    None if accept is None else tx.instant(accept),
                    None if resolve is None else tx.instant(resolve),
                    case.version,
                )
            )
        if rows:
            tx.executemany(
                "INSERT INTO wulian_cases (case_id, community, grid, category, status, level, "
                "agency, opened_at, last_at, accept_due, resolve_due, version) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (case_id) DO UPDATE SET "
                "status = excluded.status, level = excluded.level, agency = excluded.agency, "
                "last_at = excluded.last_at, accept_due = excluded.accept_due, "
                "resolve_due = excluded.resolve_due, version = excluded.version",
                rows,
            )


def _instant_type(tx: Transaction) -> str:
    return "TIMESTAMPTZ" if tx.dialect == "postgres" else "TEXT"
