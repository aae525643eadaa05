"""The electronic passbook (电子存折): service time, material points and moral points.

A :class:`Passbook` belongs to a holder, a person or a household, and keeps three
ledgers: certified service minutes, material points (物质积分, earned and spendable) and
moral points (品德积分, which only evaluate behaviour). Every movement is a transfer
between two accounts of one ledger, so each ledger sums to zero; a redeemable balance
never goes below zero; an idempotency key applies a command once.

Moral points cannot be spent by construction: :meth:`Passbook.redeem` takes no ledger
argument and moves material points only, moral points have their own award and
deduction commands, and nothing moves points of a kind given as an argument.

>>> import datetime as dt
>>> from wulian_core.calendar import SHANGHAI
>>> from wulian_core.people import Actor, Grant, Role, Scope
>>> from wulian_core.regions import RegionCode
>>> T0 = dt.datetime(2024, 3, 1, 9, tzinfo=SHANGHAI)
>>> home = RegionCode("150603001001")
>>> worker = Actor("p-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(home))})
>>> book = Passbook.open(Holder(id="p-3", kind=HolderKind.PERSON, community=home),
...                      policy=PointsPolicy.practice(), by=worker, at=T0)
>>> _ = book.record_service(activity="act-1", on=T0.date(), minutes=150, by=worker,
...                         at=T0, key="svc-1")
>>> book.balance(Ledger.SERVICE_MINUTES), book.balance(Ledger.MATERIAL)
(120, 2)
>>> _ = book.redeem(points=1, point="supermarket-1", by=Actor("p-3"), at=T0, key="r-1")
>>> book.balance(), book.version
(1, 3)

See ``docs/points.md`` for the ledgers, the policy file and every command.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Final

from ._catalogue import Catalogue
from ._catalogue_events import (
    CatalogueEvent,
    CatalogueOpened,
    ItemListed,
    ItemPickedUp,
    ItemReserved,
    PickupStatus,
    Reservation,
    ReservationCancelled,
    StockDonated,
)
from ._points_book import LEDGER_INDEX
from ._points_events import (
    PASSBOOK_EVENTS,
    AccrualReversed,
    ActivityPointsAccrued,
    Holder,
    HolderKind,
    MoralPointsAwarded,
    MoralPointsDeducted,
    PassbookEvent,
    PassbookOpened,
    PointsExpired,
    PointsRedeemed,
    RedemptionCancelled,
    ServiceCorrected,
    ServiceRecorded,
)
from ._points_guard import check_command
from ._points_ledger import Account, AccountRole, Entry, Ledger
from ._points_lots import local_day
from ._points_policy import (
    ActivityRule,
    MoralCategory,
    MoralRule,
    Period,
    PointsPolicy,
    RedemptionRule,
    Rounding,
    ServiceRule,
    Term,
    TermKind,
    star_level,
)
from ._points_spend import _Spending
from ._points_statement import Statement, StatementLine, build_statement
from ._ranking import Ranked, rank_passbooks
from .errors import IntegrityError, InvalidValue
from .people import Actor

__all__ = [
    "WIRE_UNIONS",
    "Account",
    "AccountRole",
    "AccrualReversed",
    "ActivityPointsAccrued",
    "ActivityRule",
    "Catalogue",
    "CatalogueEvent",
    "CatalogueOpened",
    "Entry",
    "Holder",
    "HolderKind",
    "ItemListed",
    "ItemPickedUp",
    "ItemReserved",
    "Ledger",
    "MoralCategory",
    "MoralPointsAwarded",
    "MoralPointsDeducted",
    "MoralRule",
    "Passbook",
    "PassbookEvent",
    "PassbookOpened",
    "Period",
    "PickupStatus",
    "PointsExpired",
    "PointsPolicy",
    "PointsRedeemed",
    "Ranked",
    "RedemptionCancelled",
    "RedemptionRule",
    "Reservation",
    "ReservationCancelled",
    "Rounding",
    "ServiceCorrected",
    "ServiceRecorded",
    "ServiceRule",
    "Statement",
    "StatementLine",
    "StockDonated",
    "Term",
    "TermKind",
    "rank_passbooks",
    "star_level",
]


def _aware(value: object, name: str) -> dt.datetime:
    if not isinstance(value, dt.datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise InvalidValue(name, value, "must be a timezone-aware datetime")
    return value


class Passbook(_Spending):
    """A holder's passbook: three ledgers, changed only by its commands.

    Every command takes the acting :class:`~wulian_core.people.Actor` (``by=``), the
    instant (``at=``, timezone-aware, not before the last event) and an idempotency
    ``key=``. It checks everything first, then records one event and returns it in a
    tuple; a refused command raises and changes nothing. A retry with the same key and
    the same request returns the same events and records nothing; the same key with a
    different request raises :class:`~wulian_core.errors.IdempotencyConflict`. The
    request is the command, its arguments and ``by``; not ``at``, which a retry may
    stamp anew (except for :meth:`expire`, whose day is its request).

    Who may act: nobody records or credits points into a passbook they hold (or whose
    household they belong to). Service and activity points are recorded by the
    activity's organiser (``organiser=``, the person id the app holds on record) or by
    a community worker or secretary of the holder's community; moral points, corrections
    and reversals by a community worker or secretary (corrections also by whoever
    recorded the service); redemption by the holder or a member of the household.

    The commands: :meth:`record_service`, :meth:`correct_service`,
    :meth:`uphold_complaint`, :meth:`accrue_activity`, :meth:`award_moral`,
    :meth:`deduct_moral`, :meth:`redeem`, :meth:`cancel_redemption`, :meth:`expire`,
    :meth:`reverse`; and :meth:`Catalogue.redeem` and :meth:`Catalogue.cancel`.

    >>> from wulian_core._points_guard import example
    >>> book, worker, me, at = example()
    >>> book.record_service(activity="act-1", on=at.date(), minutes=60, organiser="p-3",
    ...                     by=me, at=at, key="k-1")
    Traceback (most recent call last):
    ...
    wulian_core.errors.PermissionDenied: p-3 may not record_service: nobody records points into their own passbook
    """

    __slots__ = ()

    @classmethod
    def open(
        cls,
        holder: Holder,
        *,
        policy: PointsPolicy,
        by: Actor,
        at: dt.datetime,
        key: str = "opened",
    ) -> Passbook:
        """A new passbook for ``holder`` under ``policy``; its first event opens it.

        >>> from wulian_core.regions import RegionCode
        >>> book = Passbook.open(Holder(id="hh-7", kind=HolderKind.HOUSEHOLD,
        ...     community=RegionCode("150603001001"), members={"p-1", "p-2"}),
        ...     policy=PointsPolicy.practice(), by=Actor("p-9"),
        ...     at=dt.datetime(2024, 3, 1, tzinfo=dt.UTC))
        >>> book.version, type(book.events[0]).__name__
        (1, 'PassbookOpened')
        """
        if not isinstance(holder, Holder):
            raise InvalidValue("Passbook.open.holder", holder, "must be a Holder")
        if not isinstance(policy, PointsPolicy):
            raise InvalidValue("Passbook.open.policy", policy, "must be a PointsPolicy")
        check_command("Passbook.open", by, at, key)
        event = PassbookOpened(
            holder=holder.id,
            at=at,
            by=by.person,
            key=key,
            holder_kind=holder.kind,
            community=holder.community,
            members=holder.members,
        )
        book = cls(holder, policy)
        book._record(event)
        return book

    @classmethod
    def replay(cls, events: Iterable[PassbookEvent], *, policy: PointsPolicy) -> Passbook:
        """The passbook these events (its whole history, in order) describe.

        Events carry every computed number, so the policy only governs the commands to
        come. A history that does not hang together raises
        :class:`~wulian_core.errors.IntegrityError`.

        >>> from wulian_core._points_guard import example
        >>> book, worker, me, at = example()
        >>> Passbook.replay(book.events, policy=book.policy).version
        1
        """
        history = list(events)
        if not history or type(history[0]) is not PassbookOpened:
            raise IntegrityError(["a passbook's history starts with PassbookOpened"])
        first: PassbookOpened = history[0]
        holder = Holder(
            id=first.holder,
            kind=first.holder_kind,
            community=first.community,
            members=first.members,
        )
        book = cls(holder, policy)
        previous = first.at
        for index, event in enumerate(history):
            if type(event) not in PASSBOOK_EVENTS:
                raise IntegrityError([f"event {index} is not a passbook event: {event!r}"])
            if event.holder != holder.id:
                raise IntegrityError([f"event {index} ({event.key}) is for {event.holder}"])
            if event.at < previous:
                raise IntegrityError(
                    [f"event {index} ({event.key}) is earlier than the one before"]
                )
            if event.key in book._by_key:
                raise IntegrityError([f"event {index} reuses key {event.key!r}"])
            previous = event.at
            book._record(event)
        return book

    # --- queries ----------------------------------------------------------------------------

    @property
    def holder(self) -> Holder:
        """Whose passbook this is.

        >>> from wulian_core._points_guard import example
        >>> book, worker, me, at = example()
        >>> book.holder.kind.label_zh, str(book.holder.community)
        ('个人', '150603001001')
        """
        return self._holder

    @property
    def policy(self) -> PointsPolicy:
        """The policy new commands follow.

        >>> from wulian_core._points_guard import example
        >>> book, worker, me, at = example()
        >>> book.policy.name
        'practice'
        """
        return self._policy

    @property
    def version(self) -> int:
        """How many events the passbook holds, for optimistic concurrency.

        >>> from wulian_core._points_guard import example
        >>> book, worker, me, at = example()
        >>> book.version
        1
        """
        return len(self._events)

    @property
    def events(self) -> tuple[PassbookEvent, ...]:
        """The whole history, oldest first.

        >>> from wulian_core._points_guard import example
        >>> book, worker, me, at = example()
        >>> [type(event).kind for event in book.events]
        ['points.passbook_opened']
        """
        return tuple(self._events)

    @property
    def debt(self) -> int:
        """Points owed after reversals of spent points; later accruals settle it first.

        >>> from wulian_core._points_guard import example
        >>> book, worker, me, at = example()
        >>> book.debt
        0
        """
        return self._debt

    @property
    def barred_until(self) -> dt.date | None:
        """The first day redemption is allowed again after a serious violation, if barred.

        >>> from wulian_core._points_guard import example
        >>> book, worker, me, at = example()
        >>> book.barred_until is None
        True
        """
        return self._barred_until

    def balance(self, ledger: Ledger = Ledger.MATERIAL, *, as_of: dt.datetime | None = None) -> int:
        """The balance of one ledger, now or as of an instant (events at or before it).

        O(1) now; an earlier instant costs O(log n) plus at most 64 events. Moral
        balances may go below zero after deductions; the material balance never does.

        >>> from wulian_core._points_guard import example
        >>> book, worker, me, at = example()
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
        count = self._count_through(_aware(as_of, "Passbook.balance.as_of"))
        return self._balances_through(count)[index]

    def available(self, *, as_of: dt.datetime | None = None) -> int:
        """Material points that could be spent at ``as_of`` (default: the last event's
        instant): the balance less the points due to expire by then.

        O(1) at or after the last event; an earlier instant replays the history to it.

        >>> from wulian_core._points_guard import example
        >>> book, worker, me, at = example()
        >>> book.available(as_of=at)
        0
        """
        last = self._events[-1].at
        when = last if as_of is None else _aware(as_of, "Passbook.available.as_of")
        if when >= last:
            return self._balances[1] - self._due_through(local_day(when))
        count = self._count_through(when)
        if not count:
            return 0  # before the passbook was opened
        return Passbook.replay(self._events[:count], policy=self._policy).available(as_of=when)

    @property
    def lifetime_minutes(self) -> int:
        """Certified service minutes, all time, corrections included.

        >>> from wulian_core._points_guard import example
        >>> book, worker, me, at = example()
        >>> _ = book.record_service(activity="a-1", on=at.date(), minutes=90, by=worker,
        ...                         at=at, key="k-1")
        >>> book.lifetime_minutes, book.star_level
        (90, 0)
        """
        return self._balances[0]

    @property
    def star_level(self) -> int:
        """The volunteer star level of the certified time: 0 to 5 (100 to 1,500 hours).

        >>> from wulian_core._points_guard import example
        >>> book, worker, me, at = example()
        >>> book.star_level
        0
        """
        return star_level(self._balances[0])

    def totals_by_category(self) -> Mapping[str, int]:
        """Moral points by category (awards less deductions), in the policy's order.

        >>> from wulian_core._points_guard import example
        >>> book, worker, me, at = example()
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

    def _repr_html_(self) -> str:
        """For Jupyter: the holder, the balances and the latest entries, in small tables."""
        from ._repr_html import passbook_html

        return passbook_html(self)

    def statement(
        self, ledger: Ledger = Ledger.MATERIAL, *, start: dt.date, end: dt.date
    ) -> Statement:
        """The holder's entries on one ledger between two local dates (both inclusive),
        each with the running balance after it.

        >>> from wulian_core._points_guard import example
        >>> book, worker, me, at = example()
        >>> _ = book.accrue_activity(activity="a-1", on=at.date(), activity_kind="meeting",
        ...                          by=worker, at=at, key="k-1")
        >>> [(line.amount, line.balance) for line in
        ...  book.statement(start=at.date(), end=at.date()).lines]
        [(2, 2)]
        """
        return build_statement(self, ledger, start, end)


WIRE_UNIONS: Final[tuple[tuple[Any, tuple[type[Any], ...]], ...]] = (
    (PassbookEvent, PASSBOOK_EVENTS),
    (
        CatalogueEvent,
        (
            CatalogueOpened,
            ItemListed,
            StockDonated,
            ItemReserved,
            ItemPickedUp,
            ReservationCancelled,
        ),
    ),
)
"""The tagged unions the codec registers: passbook and catalogue events, by ``kind``."""
