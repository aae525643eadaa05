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
it was earned (``settled``). A lot and an order are named by their event's place in the
history and kept as integers in the state's columns (:mod:`.lots`), and the idempotency
index maps a key to that place: a command leaves its event behind and no other object
the garbage collector would walk (see ``bench/bench_points.py``).
"""

from __future__ import annotations

import bisect
import datetime as dt
from array import array
from collections.abc import Callable
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
from .lots import Accrual, LotBook, ServiceRecord, is_lot, local_day
from .policy import PointsPolicy

__all__ = ["LEDGER_INDEX", "PassbookState", "check_follows"]

_MINUTES, _MATERIAL, _MORAL = 0, 1, 2
_CHECKPOINT = 64  # events between stored balances, for as-of queries
_NEVER = dt.date.max  # the expiry of a lot that never expires, for comparisons


class PassbookState(LotBook):
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
        "_events",
        "_holder",
        "_people",
        "_policy",
        "_tallies",
    )

    def __init__(self, holder: Holder, policy: PointsPolicy) -> None:
        name = type(self).__name__
        if not isinstance(holder, Holder):
            raise InvalidValue(f"{name}.holder", holder, "must be a Holder")
        if not isinstance(policy, PointsPolicy):
            raise InvalidValue(f"{name}.policy", policy, "must be a PointsPolicy")
        super().__init__()
        self._holder = holder
        self._people = holder.people
        self._policy = policy
        self._events: list[PassbookEvent] = []
        # key -> the seq (place in the history) of the event its command recorded
        self._by_key: dict[str, int] = {}
        self._balances = [0, 0, 0]
        self._checkpoints = array("q")
        # activity -> its service record (a lot's seq, or a ServiceRecord once corrected)
        # or its participation lot; a tuple (service, participation) when it has both
        self._activities: dict[str, Any] = {}
        # certified minutes per day, kept only under a daily cap
        self._days: dict[dt.date, int] | None = None
        # (what, name, period start) -> amount, made on first use: minutes per period,
        # points per activity kind and per moral category, moral totals, redemptions
        self._tallies: dict[tuple[str, str, dt.date], int] | None = None
        self._barred_until: dt.date | None = None

    # --- recording --------------------------------------------------------------------------

    def _record(self, event: PassbookEvent) -> None:
        """Apply and append one event; every command and every replay goes through here."""
        events = self._events
        seq = len(events)
        self._remaining.append(0)
        self._spent.append(0)
        try:
            _APPLY[type(event)](self, event, seq)
        except IntegrityError:
            del self._remaining[seq:], self._spent[seq:]  # the columns stay beside the events
            raise
        events.append(event)
        self._by_key[event.key] = seq
        if not len(events) % _CHECKPOINT:
            self._checkpoints.extend(self._balances)

    def _event(self, key: str) -> PassbookEvent | None:
        seq = self._by_key.get(key)
        return None if seq is None else self._events[seq]

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

    def _apply_opened(self, event: PassbookOpened, seq: int) -> None:
        if self._events:
            raise IntegrityError([f"{event.key}: a passbook is opened once"])

    def _new_lot(self, seq: int, event: Accrual, points: int, settled: int) -> None:
        debt = self._debt
        if settled != (points if points < debt else debt):
            raise IntegrityError([f"{event.key}: settles {settled}, debt is {debt}"])
        kept = points - settled
        if settled:
            self._debt = debt - settled
            if self._settlers is None:
                self._settlers = []
            self._settlers.append(seq)
        if kept:
            self._balances[_MATERIAL] += kept
            self._remaining[seq] = kept
            lots = self._lots
            if lots and self._in_order:
                before, mine = self._events[lots[-1]].expires_on, event.expires_on  # type: ignore[union-attr]
                if mine is not None and (before is None or mine < before):
                    self._in_order = False  # the term changed: sweeps read every lot from now on
            lots.append(seq)

    def _apply_service(self, event: ServiceRecorded, seq: int) -> None:
        self._count_minutes(event.on, event.credited_minutes)
        self._new_lot(seq, event, event.points, event.settled)
        if self._activities.setdefault(event.activity, seq) != seq:  # filed under it before
            self._link(event.activity, seq, 0)

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

    def _slot_of(self, value: Any) -> int:
        return 1 if type(value) is int and type(self._events[value]) is ActivityPointsAccrued else 0

    def _filed(self, activity: str, slot: int) -> Any:
        """The activity's service record (slot 0) or participation lot (slot 1), if any:
        a lot's seq, or a :class:`ServiceRecord`."""
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
        if type(found) is int:
            found = ServiceRecord(found, self._events[found])  # type: ignore[arg-type]
            self._link(activity, found, 0)
        return found  # type: ignore[no-any-return]

    def _apply_corrected(self, event: ServiceCorrected, seq: int) -> None:
        record = self._service(event.activity)
        if record is None:
            raise IntegrityError([f"{event.key}: no service record for {event.activity}"])
        if event.points_delta < 0:
            lots = record.lots[::-1]  # the newest first
            if self._claw_plan(lots, -event.points_delta) != (event.taken, event.debt):
                raise IntegrityError([f"{event.key}: takes back other than recorded"])
        self._count_minutes(record.on, event.minutes_delta)
        record.minutes, record.credited = event.minutes, event.credited_minutes
        record.points += event.points_delta
        if event.points_delta > 0:
            self._new_lot(seq, event, event.points_delta, event.settled)
            record.lots.append(seq)
        elif event.points_delta < 0:
            self._claw(lots, event.taken, event.debt)

    def _apply_accrued(self, event: ActivityPointsAccrued, seq: int) -> None:
        rule = self._policy._by_kind.get(event.activity_kind)
        if rule is not None and rule.max_points_per_period is not None:
            start = self._policy.period.start_of(event.on)
            self._add("activity", event.activity_kind, start, event.points)
        self._new_lot(seq, event, event.points, event.settled)
        if self._activities.setdefault(event.activity, seq) != seq:  # filed under it before
            self._link(event.activity, seq, 1)

    def _apply_awarded(self, event: MoralPointsAwarded, seq: int) -> None:
        self._balances[_MORAL] += event.points
        self._add("moral", event.category, dt.date.min, event.points)
        rule = self._policy.moral_rule(event.category)
        if rule is not None and rule.max_points_per_period is not None:
            start = self._policy.period.start_of(local_day(event.at))
            self._add("award", event.category, start, event.points)

    def _apply_deducted(self, event: MoralPointsDeducted, seq: int) -> None:
        self._balances[_MORAL] -= event.points
        self._add("moral", event.category, dt.date.min, -event.points)
        until = event.barred_until
        if until is not None and (self._barred_until is None or until > self._barred_until):
            self._barred_until = until

    def _apply_redeemed(self, event: PointsRedeemed, seq: int) -> None:
        day = local_day(event.at)
        self._expire_through(event, day, event.expired)
        need = event.points
        balances = self._balances
        if need > balances[_MATERIAL]:
            raise IntegrityError([f"{event.key}: spends {need} of {balances[_MATERIAL]}"])
        lots, remaining, spent = self._lots, self._remaining, self._spent
        while True:  # lots spent already leave the front first
            lot = lots[0]
            have = remaining[lot]
            if have:
                break
            lots.popleft()
        if have >= need:  # the common case: one lot pays it all
            remaining[lot] = have - need
            spent[lot] += need
            self._orders[seq] = lot
        else:
            taken: list[int] = []
            left = need
            while left:
                lot = lots[0]
                have = remaining[lot]
                if not have:
                    lots.popleft()
                    continue
                take = min(have, left)
                remaining[lot] = have - take
                spent[lot] += take
                taken += (lot, take)
                left -= take
            self._orders[seq] = tuple(taken)
        balances[_MATERIAL] -= need
        rule = self._policy.redemption
        if rule.period is not None and rule.max_per_period is not None:
            self._add("redeemed", "", rule.period.start_of(day), 1)

    def _apply_cancelled(self, event: RedemptionCancelled, seq: int) -> None:
        order = self._by_key.get(event.order)
        if order is None or order not in self._orders:
            raise IntegrityError([f"{event.key}: no open redemption {event.order}"])
        if self._restore_plan(order) != (event.returned, event.debt_cleared):
            raise IntegrityError([f"{event.key}: restores other than recorded"])
        debt_left = event.debt_cleared
        repaid = 0  # clawed points whose debt later accruals paid already
        spent = self._spent
        for lot, amount in self._order_pairs(order):  # in the order _restore_plan reads them
            spent[lot] -= amount
            had = self._clawed_of(lot)
            clawed = min(amount, had)
            if clawed:
                self._set_clawed(lot, had - clawed)
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
            settled = self._settled_of(lot)
            undo = min(settled, repaid)
            if undo:
                self._set_settled(lot, settled - undo)
            repaid -= undo
            self._give_back(lot, undo)
        del self._orders[order]
        self._debt -= event.debt_cleared
        self._balances[_MATERIAL] += event.returned

    def _expire_through(self, event: PassbookEvent, day: dt.date, expected: int) -> None:
        lots = self._lots
        if (
            self._in_order
            and (not lots or (self._events[lots[0]].expires_on or _NEVER) > day)  # type: ignore[union-attr]
            and not expected
        ):
            return  # the common case: nothing due
        due = list(self._due(day))
        remaining = self._remaining
        total = sum(remaining[lot] for lot in due)
        if total != expected:
            raise IntegrityError([f"{event.key}: expires {expected} points, {total} were due"])
        for lot in due:
            remaining[lot] = 0
        while lots and not remaining[lots[0]]:
            lots.popleft()
        self._balances[_MATERIAL] -= total

    def _apply_expired(self, event: PointsExpired, seq: int) -> None:
        self._expire_through(event, event.through, event.points)

    def _apply_reversed(self, event: AccrualReversed, seq: int) -> None:
        lot = self._by_key.get(event.accrual)
        if lot is None or not is_lot(self._events[lot]) or self._is_reversed(lot):
            raise IntegrityError([f"{event.key}: no accrual {event.accrual} to reverse"])
        remaining, spent = self._remaining, self._spent
        taken = remaining[lot]
        debt = spent[lot] - self._clawed_of(lot) + self._settled_of(lot)
        if (taken, debt) != (event.taken, event.debt):
            raise IntegrityError([f"{event.key}: reverses other than recorded"])
        if self._reversed is None:
            self._reversed = set()
        self._reversed.add(lot)
        remaining[lot] = 0
        if spent[lot] or self._clawed_of(lot):
            self._set_clawed(lot, spent[lot])
        if self._settled_of(lot):
            self._set_settled(lot, 0)
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


def _at_of(event: PassbookEvent) -> dt.datetime:
    return event.at


LEDGER_INDEX = {Ledger.SERVICE_MINUTES: _MINUTES, Ledger.MATERIAL: _MATERIAL, Ledger.MORAL: _MORAL}

_APPLY: dict[type[Any], Callable[[Any, Any, int], None]] = {
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
