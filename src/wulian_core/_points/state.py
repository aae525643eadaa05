"""The passbook's state and its one apply path (``_record``); queries that read the state.

:class:`~wulian_core.points.Passbook` is this state with its commands on top. How both
aggregates of the points (the passbook and the catalogue) validate, in one place: the
``decide_*`` functions (:mod:`.earn`, :mod:`.spend`, :mod:`.catalogue_decide`) check
every argument, naming it (``Passbook.redeem.points``), and build their events without
running the events' field validators again (:func:`.events.builder`); an event
constructed directly or decoded by the codec validates itself. The apply path checks
only what ties an event to the state (an order that exists, a debt that matches), so a
history that does not hang together is an :class:`~wulian_core.errors.IntegrityError`.

Balances are derived state kept
by ``_apply``, so the current balance is O(1) however long the history; a checkpoint of
the three balances every 64 events answers as-of queries in O(log n + 64).

Earned material points are *lots*, spent oldest first. A lot knows what is left of it
(``remaining``), what redemptions took from it (``spent``), how much of that spending a
reversal or correction turned into debt (``clawed``), and what it paid towards debt when
it was earned (``settled``). Memory per command is kept below a plain-dict ledger's
(see ``bench/bench_points.py``): a lot, an order and a service record each live in the
idempotency index under their command's key instead of in dictionaries of their own.
"""

from __future__ import annotations

import bisect
import datetime as dt
from array import array
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from wulian_core import _checks
from wulian_core.errors import IntegrityError, InvalidValue

from .events import (
    PASSBOOK_EVENTS,
    AccrualReversed,
    ActivityPointsAccrued,
    Holder,
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
from .ledger import Ledger, balance_delta
from .lots import (
    QUEUED,
    REVERSED,
    Accrual,
    Lot,
    Order,
    ServiceRecord,
    claw_plan,
    local_day,
    unwrap,
)
from .policy import PointsPolicy

__all__ = ["LEDGER_INDEX", "PassbookState", "check_follows"]

_MINUTES, _MATERIAL, _MORAL = 0, 1, 2
_CHECKPOINT = 64  # events between stored balances, for as-of queries


class PassbookState:
    """State of one passbook, changed only by ``_record`` → ``_apply``.

    >>> from wulian_core.examples import passbook_example
    >>> book, worker, me, at = passbook_example()
    >>> isinstance(book, PassbookState), book.version
    (True, 1)
    """

    __slots__ = (
        "_activities",
        "_balances",
        "_barred_until",
        "_by_key",
        "_checkpoints",
        "_days",
        "_debt",
        "_events",
        "_holder",
        "_in_order",
        "_lots",
        "_people",
        "_policy",
        "_settlers",
        "_tallies",
    )

    def __init__(self, holder: Holder, policy: PointsPolicy) -> None:
        name = type(self).__name__
        if not isinstance(holder, Holder):
            raise InvalidValue(f"{name}.holder", holder, "must be a Holder")
        if not isinstance(policy, PointsPolicy):
            raise InvalidValue(f"{name}.policy", policy, "must be a PointsPolicy")
        self._holder = holder
        self._people = holder.people
        self._policy = policy
        self._events: list[PassbookEvent] = []
        # key -> the event, or the lot / order its command made (which know their event)
        self._by_key: dict[str, Any] = {}
        self._balances = [0, 0, 0]
        self._checkpoints = array("q")
        self._debt = 0
        # Lots in the order they were earned, so also in the order they expire, as long
        # as the expiry term stays the same (``_in_order``); spent ones leave at the front.
        self._lots: deque[Lot] = deque()
        self._in_order = True
        # activity -> its service record (Lot, or ServiceRecord once corrected) or its
        # participation lot; a tuple (service, participation) when it has both
        self._activities: dict[str, Any] = {}
        # certified minutes per day, kept only under a daily cap
        self._days: dict[dt.date, int] | None = None
        # (what, name, period start) -> amount, made on first use: minutes per period,
        # points per activity kind and per moral category, moral totals, redemptions
        self._tallies: dict[tuple[str, str, dt.date], int] | None = None
        self._barred_until: dt.date | None = None
        # Lots that paid towards debt when earned, in earning order, made on first use: a
        # cancelled redemption whose clawed points were already repaid pays them back here.
        self._settlers: list[Lot] | None = None

    # --- recording --------------------------------------------------------------------------

    def _record(self, event: PassbookEvent) -> None:
        """Apply and append one event; every command and every replay goes through here."""
        made = _APPLY[type(event)](self, event)
        events = self._events
        events.append(event)
        self._by_key[event.key] = event if made is None else made
        if not len(events) % _CHECKPOINT:
            self._checkpoints.extend(self._balances)

    def _event(self, key: str) -> PassbookEvent | None:
        found = self._by_key.get(key)
        return None if found is None else unwrap(found)

    def _tally(self, what: str, name: str, start: dt.date) -> int:
        tallies = self._tallies
        return 0 if tallies is None else tallies.get((what, name, start), 0)

    def _add(self, what: str, name: str, start: dt.date, amount: int) -> None:
        if self._tallies is None:
            self._tallies = {}
        key = (what, name, start)
        self._tallies[key] = self._tallies.get(key, 0) + amount

    def _day_minutes(self, on: dt.date) -> int:
        return 0 if self._days is None else self._days.get(on, 0)

    def _apply_opened(self, event: PassbookOpened) -> None:
        if self._events:
            raise IntegrityError([f"{event.key}: a passbook is opened once"])

    def _new_lot(self, event: Accrual, points: int, settled: int) -> Lot:
        if settled != min(points, self._debt):
            raise IntegrityError([f"{event.key}: settles {settled}, debt is {self._debt}"])
        self._debt -= settled
        kept = points - settled
        lot = Lot(event, kept, settled)
        if settled:
            if self._settlers is None:
                self._settlers = []
            self._settlers.append(lot)
        if kept:
            self._balances[_MATERIAL] += kept
            lots = self._lots
            if lots and self._in_order:
                before, mine = lots[-1].event.expires_on, event.expires_on
                if mine is not None and (before is None or mine < before):
                    self._in_order = False  # the term changed: sweeps read every lot from now on
            lot.flags = QUEUED
            lots.append(lot)
        return lot

    def _apply_service(self, event: ServiceRecorded) -> Lot:
        self._count_minutes(event.on, event.credited_minutes)
        lot = self._new_lot(event, event.points, event.settled)
        self._link(event.activity, lot, 0)
        return lot

    def _link(self, activity: str, value: Any, slot: int) -> None:
        """File a service record (slot 0) or participation lot (slot 1) under its activity."""
        found = self._activities.get(activity)
        if found is None:
            self._activities[activity] = value
            return
        pair = list(found) if type(found) is tuple else [None, None]
        if type(found) is not tuple:
            pair[self._slot_of(found)] = found
        pair[slot] = value
        self._activities[activity] = tuple(pair)

    @staticmethod
    def _slot_of(value: Any) -> int:
        return 1 if type(value) is Lot and type(value.event) is ActivityPointsAccrued else 0

    def _filed(self, activity: str, slot: int) -> Any:
        """The activity's service record (slot 0) or participation lot (slot 1), if any."""
        found = self._activities.get(activity)
        if type(found) is tuple:
            return found[slot]
        return found if found is not None and self._slot_of(found) == slot else None

    def _count_minutes(self, on: dt.date, minutes: int) -> None:
        self._balances[_MINUTES] += minutes
        service = self._policy.service
        if service.max_minutes_per_day is not None:
            if self._days is None:
                self._days = {}
            self._days[on] = self._days.get(on, 0) + minutes
        if service.max_minutes_per_period is not None:
            self._add("period", "", self._policy.period.start_of(on), minutes)

    def _service(self, activity: str) -> ServiceRecord | None:
        """The activity's record as a :class:`ServiceRecord`, made on its first correction."""
        found = self._filed(activity, 0)
        if type(found) is Lot:
            found = ServiceRecord(found)
            self._link(activity, found, 0)
        return found  # type: ignore[no-any-return]

    def _apply_corrected(self, event: ServiceCorrected) -> Lot | None:
        record = self._service(event.activity)
        if record is None:
            raise IntegrityError([f"{event.key}: no service record for {event.activity}"])
        self._count_minutes(record.on, event.minutes_delta)
        record.minutes, record.credited = event.minutes, event.credited_minutes
        record.points += event.points_delta
        if event.points_delta > 0:
            lot = self._new_lot(event, event.points_delta, event.settled)
            record.lots.append(lot)
            return lot
        if event.points_delta < 0:
            lots = record.lots[::-1]  # the newest first
            if claw_plan(lots, -event.points_delta) != (event.taken, event.debt):
                raise IntegrityError([f"{event.key}: takes back other than recorded"])
            self._claw(lots, event.taken, event.debt)
        return None

    def _claw(self, lots: list[Lot], taken: int, debt: int) -> None:
        left = taken
        for lot in lots:
            take = min(lot.remaining, left)
            lot.remaining -= take
            left -= take
        owing = debt
        for lot in lots:  # spent points become debt first, then what the lots settled
            owe = min(lot.spent - lot.clawed, owing)
            lot.clawed += owe
            owing -= owe
        for lot in lots:
            repaid = min(lot.settled, owing)
            lot.settled -= repaid
            owing -= repaid
        self._balances[_MATERIAL] -= taken
        self._debt += debt

    def _apply_accrued(self, event: ActivityPointsAccrued) -> Lot:
        rule = self._policy.activity_rule(event.activity_kind)
        if rule is not None and rule.max_points_per_period is not None:
            start = self._policy.period.start_of(event.on)
            self._add("activity", event.activity_kind, start, event.points)
        lot = self._new_lot(event, event.points, event.settled)
        self._link(event.activity, lot, 1)
        return lot

    def _apply_awarded(self, event: MoralPointsAwarded) -> None:
        self._balances[_MORAL] += event.points
        self._add("moral", event.category, dt.date.min, event.points)
        rule = self._policy.moral_rule(event.category)
        if rule is not None and rule.max_points_per_period is not None:
            start = self._policy.period.start_of(local_day(event.at))
            self._add("award", event.category, start, event.points)

    def _apply_deducted(self, event: MoralPointsDeducted) -> None:
        self._balances[_MORAL] -= event.points
        self._add("moral", event.category, dt.date.min, -event.points)
        until = event.barred_until
        if until is not None and (self._barred_until is None or until > self._barred_until):
            self._barred_until = until

    def _apply_redeemed(self, event: PointsRedeemed) -> Order:
        day = local_day(event.at)
        self._expire_through(event, day, event.expired)
        if event.points > self._balances[_MATERIAL]:
            raise IntegrityError([f"{event.key}: spends {event.points} of {self._balances[1]}"])
        taken: list[Any] = []
        need = event.points
        lots = self._lots
        while need:
            lot = lots[0]
            if not lot.remaining:
                lot.flags &= ~QUEUED
                lots.popleft()
                continue
            take = min(lot.remaining, need)
            lot.remaining -= take
            lot.spent += take
            taken += (lot, take)
            need -= take
        self._balances[_MATERIAL] -= event.points
        rule = self._policy.redemption
        if rule.period is not None and rule.max_per_period is not None:
            self._add("redeemed", "", rule.period.start_of(day), 1)
        return Order(event, taken[0] if len(taken) == 2 else tuple(taken))

    def _restore_plan(self, order: Order) -> tuple[int, int]:
        """``(returned, debt_cleared)`` if the order's points came back now."""
        returned = cleared = 0
        for lot, amount in order.pairs():
            clear = min(amount, lot.clawed, self._debt - cleared)
            cleared += clear
            returned += amount - clear
        return returned, cleared

    def _apply_cancelled(self, event: RedemptionCancelled) -> None:
        order = self._by_key.get(event.order)
        if type(order) is not Order or not order.open:
            raise IntegrityError([f"{event.key}: no open redemption {event.order}"])
        if self._restore_plan(order) != (event.returned, event.debt_cleared):
            raise IntegrityError([f"{event.key}: restores other than recorded"])
        debt_left = event.debt_cleared
        repaid = 0  # clawed points whose debt later accruals paid already
        for lot, amount in order.pairs():  # in the order _restore_plan reads them
            lot.spent -= amount
            clawed = min(amount, lot.clawed)
            lot.clawed -= clawed
            clear = min(clawed, debt_left)
            debt_left -= clear
            repaid += clawed - clear
            self._give_back(lot, amount - clawed)
        # The debt those points became was paid by the accruals that settled it: undo
        # those payments, newest first, rather than hand the points to a lot that was
        # taken back (whose later reversal or correction would then owe less than nothing).
        # The debt plus what lots settled always equals what was clawed, so they suffice.
        for lot in reversed(self._settlers or ()):
            if not repaid:
                break
            undo = min(lot.settled, repaid)
            lot.settled -= undo
            repaid -= undo
            self._give_back(lot, undo)
        order.taken = None
        self._debt -= event.debt_cleared
        self._balances[_MATERIAL] += event.returned

    def _give_back(self, lot: Lot, points: int) -> None:
        if not points:
            return
        lot.remaining += points
        if not lot.flags & QUEUED:
            lot.flags |= QUEUED
            self._requeue(lot)

    def _requeue(self, lot: Lot) -> None:
        """Put a lot back in its place by earning order (a cancellation, so rare)."""
        lots = self._lots
        at = lot.event.at
        place = 0
        while place < len(lots) and lots[place].event.at <= at:
            place += 1
        lots.insert(place, lot)
        # Earning order is expiry order only under one term; check the neighbours.
        mine = _expiry_key(lot)
        if (place and _expiry_key(lots[place - 1]) > mine) or (
            place + 1 < len(lots) and mine > _expiry_key(lots[place + 1])
        ):
            self._in_order = False

    def _due(self, day: dt.date) -> Iterator[Lot]:
        """The queued lots with points due to expire on or before ``day``."""
        for lot in self._lots:
            expiry = lot.event.expires_on
            if expiry is None or expiry > day:
                if self._in_order:
                    return  # the rest expire later still
                continue
            if lot.remaining:
                yield lot

    def _due_through(self, day: dt.date) -> int:
        if not self._in_order:
            return sum(lot.remaining for lot in self._due(day))
        due = 0
        for lot in self._lots:  # a plain loop: redemption asks this every time
            expiry = lot.event.expires_on
            if expiry is None or expiry > day:
                break
            due += lot.remaining
        return due

    def _expire_through(self, event: PassbookEvent, day: dt.date, expected: int) -> None:
        lots = self._lots
        if self._in_order and (not lots or _expiry_key(lots[0]) > day) and not expected:
            return  # the common case: nothing due
        due = list(self._due(day))
        total = sum(lot.remaining for lot in due)
        if total != expected:
            raise IntegrityError([f"{event.key}: expires {expected} points, {total} were due"])
        for lot in due:
            lot.remaining = 0
        while lots and not lots[0].remaining:
            lots.popleft().flags &= ~QUEUED
        self._balances[_MATERIAL] -= total

    def _apply_expired(self, event: PointsExpired) -> None:
        self._expire_through(event, event.through, event.points)

    def _apply_reversed(self, event: AccrualReversed) -> None:
        lot = self._by_key.get(event.accrual)
        if type(lot) is not Lot or lot.flags & REVERSED:
            raise IntegrityError([f"{event.key}: no accrual {event.accrual} to reverse"])
        taken, debt = lot.remaining, lot.spent - lot.clawed + lot.settled
        if (taken, debt) != (event.taken, event.debt):
            raise IntegrityError([f"{event.key}: reverses other than recorded"])
        lot.flags |= REVERSED
        lot.remaining = 0
        lot.clawed = lot.spent
        lot.settled = 0
        self._balances[_MATERIAL] -= taken
        self._debt += debt

    # --- queries ----------------------------------------------------------------------------

    def _balances_through(self, count: int) -> tuple[int, int, int]:
        """The three balances after the first ``count`` events."""
        if count >= len(self._events):
            return self._balances[0], self._balances[1], self._balances[2]
        stored = count // _CHECKPOINT
        if stored:
            base = 3 * (stored - 1)
            minutes, material, moral = self._checkpoints[base : base + 3]
        else:
            minutes = material = moral = 0
        for event in self._events[stored * _CHECKPOINT : count]:
            d_minutes, d_material, d_moral = balance_delta(event)
            minutes, material, moral = minutes + d_minutes, material + d_material, moral + d_moral
        return minutes, material, moral

    def _count_through(self, as_of: dt.datetime) -> int:
        return bisect.bisect_right(self._events, as_of, key=_at_of)


def check_follows(book: PassbookState, event: object, index: int) -> None:
    """Refuse an event that cannot come next in ``book``'s history: not a passbook
    event, another holder's, earlier than the last one, or reusing a key.

    Replay reads a stored history through this, and so does any event recorded from
    outside a command (a catalogue's order); the apply path checks the rest.
    """
    if type(event) not in PASSBOOK_EVENTS:
        raise IntegrityError([f"event {index} is not a passbook event: {_checks.shown(event)}"])
    found: PassbookEvent = event  # type: ignore[assignment]  # one of PASSBOOK_EVENTS
    if found.holder != book._holder.id:
        raise IntegrityError([f"event {index} ({found.key}) is for {found.holder}"])
    events = book._events
    if events and found.at < events[-1].at:
        raise IntegrityError([f"event {index} ({found.key}) is earlier than the one before"])
    if found.key in book._by_key:
        raise IntegrityError([f"event {index} reuses key {found.key!r}"])


def _expiry_key(lot: Lot) -> dt.date:
    return lot.event.expires_on or dt.date.max


def _at_of(event: PassbookEvent) -> dt.datetime:
    return event.at


LEDGER_INDEX = {Ledger.SERVICE_MINUTES: _MINUTES, Ledger.MATERIAL: _MATERIAL, Ledger.MORAL: _MORAL}

_APPLY: dict[type[Any], Callable[[Any, Any], Any]] = {
    PassbookOpened: PassbookState._apply_opened,
    ServiceRecorded: PassbookState._apply_service,
    ServiceCorrected: PassbookState._apply_corrected,
    ActivityPointsAccrued: PassbookState._apply_accrued,
    MoralPointsAwarded: PassbookState._apply_awarded,
    MoralPointsDeducted: PassbookState._apply_deducted,
    PointsRedeemed: PassbookState._apply_redeemed,
    RedemptionCancelled: PassbookState._apply_cancelled,
    PointsExpired: PassbookState._apply_expired,
    AccrualReversed: PassbookState._apply_reversed,
}
