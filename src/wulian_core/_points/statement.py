"""What a passbook states: balances now and as of an instant, entries and statements.

:class:`PassbookQueries` is the read side of a passbook, over its state;
:class:`~wulian_core.points.Passbook` adds the commands. A :class:`Statement` is one
ledger's entries between two dates, with the running balance.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from attrs import field

from wulian_core import _checks
from wulian_core._frames import frame
from wulian_core._frozen import frozen
from wulian_core._typed import typed
from wulian_core.calendar import SHANGHAI, local_date
from wulian_core.errors import InvalidValue

from .events import Holder, PassbookEvent
from .html import passbook_html, statement_html, view_options
from .ledger import Account, AccountRole, Entry, Ledger, entries_of
from .lots import local_day
from .policy import PointsPolicy, star_level
from .state import LEDGER_INDEX, PassbookState

__all__ = ["PassbookQueries", "Statement", "StatementLine", "build_statement"]


@frozen(kw_only=True, field_transformer=typed)
class StatementLine:
    """One entry as the holder sees it: signed amount, the other account, balance after.

    >>> line = StatementLine(at=dt.datetime(2024, 3, 1, tzinfo=dt.UTC), key="k-1", by="p-9",
    ...     reason="志愿服务 act-1", amount=2, counterparty=Account(AccountRole.ISSUER, "150603"),
    ...     balance=2)
    >>> line.amount, line.balance
    (2, 2)
    """

    at: dt.datetime = field(validator=_checks.aware_datetime)
    key: str = field(validator=_checks.identifier)
    by: str = field(validator=_checks.identifier)
    reason: str = field(validator=_checks.text(max_length=500))
    amount: int = field(validator=_checks.whole(nonzero=True))
    counterparty: Account = field(validator=_checks.instance_of(Account))
    balance: int = field(validator=_checks.whole())  # moral balances may go below zero


@frozen(kw_only=True, field_transformer=typed)
class Statement:
    """The holder's entries on one ledger from ``start`` to ``end`` (local dates, inclusive).

    ``opening`` is the balance before ``start``; ``closing`` the balance after ``end``.

    >>> Statement(holder="p-3", ledger=Ledger.MATERIAL, start=dt.date(2024, 3, 1),
    ...           end=dt.date(2024, 3, 31), opening=0, lines=(), closing=0).closing
    0
    """

    holder: str = field(validator=_checks.identifier)
    ledger: Ledger = field(validator=_checks.instance_of(Ledger))
    start: dt.date = field(validator=_checks.a_date)
    end: dt.date = field(validator=_checks.a_date)
    opening: int = field(validator=_checks.whole())
    lines: tuple[StatementLine, ...] = field(
        converter=_checks.to_tuple, validator=_checks.records_of(StatementLine)
    )
    closing: int = field(validator=_checks.whole())

    def __attrs_post_init__(self) -> None:
        _checks.period("start", "end")(self)
        running = self.opening
        for number, line in enumerate(self.lines):
            running += line.amount
            if line.balance != running:
                raise InvalidValue(
                    f"Statement.lines[{number}].balance",
                    line.balance,
                    f"must be the balance before it (from opening {self.opening}) plus its"
                    f" amount ({running})",
                )
        if self.closing != running:
            raise InvalidValue(
                "Statement.closing", self.closing, f"must be opening plus the lines ({running})"
            )

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

    def to_frame(self) -> Any:
        """The lines as a pandas ``DataFrame``; needs the ``pandas`` extra.

        ``at`` is timezone-aware in Asia/Shanghai; ``counterparty_role`` a categorical
        with its Chinese beside; amounts and balances ``int64``.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> _ = book.record_service(activity="a-1", on=at.date(), minutes=60, by=worker,
        ...                         at=at, key="k-1")
        >>> df = book.statement(Ledger.MATERIAL, start=at.date(), end=at.date()).to_frame()
        >>> str(df["at"].dtype), df["amount"].tolist()
        ('datetime64[us, Asia/Shanghai]', [1])
        """
        rows = [
            {
                "at": line.at,
                "key": line.key,
                "by": line.by,
                "reason": line.reason,
                "amount": line.amount,
                "counterparty_role": line.counterparty.role,
                "counterparty": line.counterparty.key,
                "balance": line.balance,
            }
            for line in self.lines
        ]
        columns = ("at", "key", "by", "reason", "amount", "counterparty_role", "counterparty")
        return frame(
            rows,
            columns=(*columns, "balance"),
            feature="Statement.to_frame",
            kinds={"at": "instant", "amount": "int", "balance": "int"},
        )

    def to_html(self, *, full: bool = False, lang: str = "zh") -> str:
        """The balances and the last 20 lines as HTML; ``full=True`` every line.

        ``lang="en"`` labels it in English. Jupyter shows the short view.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> page = book.statement(start=at.date(), end=at.date()).to_html(lang="en")
        >>> "<td>opening</td><td>0</td>" in page
        True
        """
        language = view_options(full, lang, "Statement")
        return statement_html(self, last=None if full else 20, lang=language)

    def _repr_html_(self) -> str:
        """For Jupyter: the opening and closing balances and the latest lines."""
        return self.to_html()


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=SHANGHAI)


def build_statement(book: PassbookState, ledger: Ledger, start: dt.date, end: dt.date) -> Statement:
    """The statement of ``book``; finds ``start`` by bisection, then reads forward."""
    for name, value in (("start", start), ("end", end)):
        if type(value) is not dt.date:
            _checks.arg_date(value, f"Passbook.statement.{name}")
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


class PassbookQueries(PassbookState):
    """The read side of a passbook; every query reads the state, none changes it.

    >>> from wulian_core.examples import passbook_example
    >>> book, worker, me, at = passbook_example()
    >>> isinstance(book, PassbookQueries), book.balance()
    (True, 0)
    """

    __slots__ = ()

    @property
    def holder(self) -> Holder:
        """Whose passbook this is.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> book.holder.kind.label_zh, str(book.holder.community)
        ('个人', '150603001001')
        """
        return self._holder

    @property
    def policy(self) -> PointsPolicy:
        """The policy new commands follow.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> book.policy.name
        'practice'
        """
        return self._policy

    @property
    def version(self) -> int:
        """How many events the passbook holds, for optimistic concurrency.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> book.version
        1
        """
        return len(self._events)

    @property
    def events(self) -> tuple[PassbookEvent, ...]:
        """The whole history, oldest first.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> [type(event).kind for event in book.events]
        ['points.passbook_opened']
        """
        return tuple(self._events)

    @property
    def debt(self) -> int:
        """Points owed after reversals of spent points; later accruals settle it first.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> book.debt
        0
        """
        return self._debt

    @property
    def barred_until(self) -> dt.date | None:
        """The first day redemption is allowed again after a serious violation, if barred.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> book.barred_until is None
        True
        """
        return self._barred_until

    def balance(self, ledger: Ledger = Ledger.MATERIAL, *, as_of: dt.datetime | None = None) -> int:
        """The balance of one ledger, now or as of an instant (events at or before it).

        O(1) now; an earlier instant costs O(log n) plus at most 64 events. Moral
        balances may go below zero after deductions; the material balance never does.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> _ = book.accrue_activity(activity="a-1", on=at.date(), activity_kind="meeting",
        ...                          by=worker, at=at + dt.timedelta(hours=1), key="k-1")
        >>> book.balance(), book.balance(Ledger.MATERIAL, as_of=at)
        (2, 0)
        """
        index = LEDGER_INDEX.get(ledger) if isinstance(ledger, Ledger) else None
        if index is None:
            raise InvalidValue("Passbook.balance.ledger", ledger, "must be a Ledger")
        if as_of is None:
            return self._balances[index]
        count = self._count_through(_checks.arg_aware(as_of, "Passbook.balance.as_of"))
        return self._balances_through(count)[index]

    def available(self, *, as_of: dt.datetime | None = None) -> int:
        """Material points that could be spent at ``as_of`` (default: the last event's
        instant): the balance less the points due to expire by then.

        O(1) at or after the last event; an earlier instant replays the history to it.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> book.available(as_of=at)
        0
        """
        last = self._events[-1].at
        when = last if as_of is None else _checks.arg_aware(as_of, "Passbook.available.as_of")
        if when >= last:
            return self._balances[1] - self._due_through(local_day(when))
        count = self._count_through(when)
        if not count:
            return 0  # before the passbook was opened
        past = PassbookQueries(self._holder, self._policy)
        for event in self._events[:count]:  # a history already read once: no checks again
            past._record(event)
        return past.available(as_of=when)

    @property
    def lifetime_minutes(self) -> int:
        """Certified service minutes, all time, corrections included.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> _ = book.record_service(activity="a-1", on=at.date(), minutes=90, by=worker,
        ...                         at=at, key="k-1")
        >>> book.lifetime_minutes, book.star_level
        (90, 0)
        """
        return self._balances[0]

    @property
    def star_level(self) -> int:
        """The volunteer star level of the certified time: 0 to 5 (100 to 1,500 hours).

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> book.star_level
        0
        """
        return star_level(self._balances[0])

    def totals_by_category(self) -> Mapping[str, int]:
        """Moral points by category (awards less deductions), in the policy's order.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> _ = book.award_moral(category="neighbourly_help", reason="帮邻居修水管",
        ...                      by=worker, at=at, key="k-1")
        >>> dict(book.totals_by_category())
        {'neighbourly_help': 3}
        """
        order = {rule.category: i for i, rule in enumerate(self._policy.moral)}
        found = [
            (order.get(name, len(order)), name, amount)
            for (what, name, _start), amount in (self._tallies or {}).items()
            if what == "moral"
        ]
        return {name: amount for _place, name, amount in sorted(found)}

    def statement(
        self, ledger: Ledger = Ledger.MATERIAL, *, start: dt.date, end: dt.date
    ) -> Statement:
        """The holder's entries on one ledger between two local dates (both inclusive),
        each with the running balance after it.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> _ = book.accrue_activity(activity="a-1", on=at.date(), activity_kind="meeting",
        ...                          by=worker, at=at, key="k-1")
        >>> [(line.amount, line.balance) for line in
        ...  book.statement(start=at.date(), end=at.date()).lines]
        [(2, 2)]
        """
        return build_statement(self, ledger, start, end)

    def to_html(self, *, full: bool = False, lang: str = "zh") -> str:
        """The holder, the balances and the last 10 entries as HTML; ``full=True`` every one.

        ``lang="en"`` labels it in English. Jupyter shows the short view.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> "<th>balance</th>" in book.to_html(lang="en")
        True
        """
        language = view_options(full, lang, "Passbook")
        return passbook_html(self, last=None if full else 10, lang=language)

    def _repr_html_(self) -> str:
        """For Jupyter: the holder, the balances and the latest entries, in small tables."""
        return self.to_html()

    def entries(self) -> Iterator[Entry]:
        """Every ledger entry, in order: each a transfer between two accounts of one ledger.

        >>> from wulian_core.examples import passbook_example
        >>> book, worker, me, at = passbook_example()
        >>> _ = book.record_service(activity="a-1", on=at.date(), minutes=60, by=worker,
        ...                         at=at, key="k-1")
        >>> [(e.ledger.value, e.source.role.value, e.target.key, e.amount) for e in book.entries()]
        [('service_minutes', 'issuer', 'p-3', 60), ('material', 'issuer', 'p-3', 1)]
        """
        community = str(self._holder.community)
        for event in self._events:
            yield from entries_of(event, community)
