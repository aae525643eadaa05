"""A passbook statement: one ledger's entries between two dates, with running balance."""

from __future__ import annotations

import bisect
import datetime as dt
from typing import TYPE_CHECKING

from attrs import frozen

from ._points_ledger import Account, AccountRole, Ledger, entries_of
from .calendar import SHANGHAI, local_date
from .errors import InvalidValue

if TYPE_CHECKING:
    from ._points_book import _Book

__all__ = ["Statement", "StatementLine", "build_statement"]


@frozen(kw_only=True)
class StatementLine:
    """One entry as the holder sees it: signed amount, the other account, balance after.

    >>> line = StatementLine(at=dt.datetime(2024, 3, 1, tzinfo=dt.UTC), key="k-1", by="p-9",
    ...     reason="志愿服务 act-1", amount=2, counterparty=Account(AccountRole.ISSUER, "150603"),
    ...     balance=2)
    >>> line.amount, line.balance
    (2, 2)
    """

    at: dt.datetime
    key: str
    by: str
    reason: str
    amount: int
    counterparty: Account
    balance: int


@frozen(kw_only=True)
class Statement:
    """The holder's entries on one ledger from ``start`` to ``end`` (local dates, inclusive).

    ``opening`` is the balance before ``start``; ``closing`` the balance after ``end``.

    >>> Statement(holder="p-3", ledger=Ledger.MATERIAL, start=dt.date(2024, 3, 1),
    ...           end=dt.date(2024, 3, 31), opening=0, lines=(), closing=0).closing
    0
    """

    holder: str
    ledger: Ledger
    start: dt.date
    end: dt.date
    opening: int
    lines: tuple[StatementLine, ...]
    closing: int

    def to_records(self) -> list[dict[str, object]]:
        """The lines as plain dicts, one a row, for ``pandas.DataFrame(...)``.

        >>> Statement(holder="p-3", ledger=Ledger.MATERIAL, start=dt.date(2024, 3, 1),
        ...           end=dt.date(2024, 3, 31), opening=0, lines=(), closing=0).to_records()
        []
        """
        return [
            {
                "at": line.at.isoformat(),
                "key": line.key,
                "by": line.by,
                "reason": line.reason,
                "amount": line.amount,
                "counterparty": f"{line.counterparty.role.value}:{line.counterparty.key}",
                "balance": line.balance,
            }
            for line in self.lines
        ]


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=SHANGHAI)


def build_statement(book: _Book, ledger: Ledger, start: dt.date, end: dt.date) -> Statement:
    """The statement of ``book``; finds ``start`` by bisection, then reads forward."""
    for name, value in (("start", start), ("end", end)):
        if type(value) is not dt.date:
            raise InvalidValue(f"Passbook.statement.{name}", value, "must be a date")
    if end < start:
        raise InvalidValue("Passbook.statement.end", end, f"must not be before start {start}")
    if not isinstance(ledger, Ledger):
        raise InvalidValue("Passbook.statement.ledger", ledger, "must be a Ledger")
    events = book._events
    first = bisect.bisect_left(events, _midnight(start), key=lambda e: e.at)
    index = {Ledger.SERVICE_MINUTES: 0, Ledger.MATERIAL: 1, Ledger.MORAL: 2}[ledger]
    opening = book._balances_through(first)[index]
    mine = Account(AccountRole.HOLDER, book._holder.id)
    community = str(book._holder.community)
    running = opening
    lines: list[StatementLine] = []
    for event in events[first:]:
        if local_date(event.at) > end:
            break
        for entry in entries_of(event, community):
            amount = entry.signed_for(mine)
            if entry.ledger is not ledger or not amount:
                continue
            running += amount
            lines.append(
                StatementLine(
                    at=entry.at,
                    key=entry.key,
                    by=entry.by,
                    reason=entry.reason,
                    amount=amount,
                    counterparty=entry.source if amount > 0 else entry.target,
                    balance=running,
                )
            )
    return Statement(
        holder=book._holder.id,
        ledger=ledger,
        start=start,
        end=end,
        opening=opening,
        lines=tuple(lines),
        closing=running,
    )
