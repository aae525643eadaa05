"""Lots, orders and service records: the mutable bookkeeping behind a passbook's state.

Internal to the passbook's state (:mod:`.state`); nothing here is public or persisted (events
are the record of truth, and replay rebuilds all of this).

A lot is named by its event's place in the history (its *seq*), and its figures live in
the passbook's columns, not in an object of its own: what is left of it and what
redemptions took from it in two lists that run beside the events (``_remaining``,
``_spent``, one integer each per event, 0 for an event that made no lot), and the
rarer figures, what a reversal or correction turned into debt (``clawed``) and what it
paid towards debt now that a correction or cancellation moved it (``settled``, the
event's own figure until then), in dictionaries made on first use. An open order is its
seq in ``_orders``, mapped to the lots it took. Integers in lists and dictionaries are
not objects the cyclic garbage collector tracks, so a command leaves one tracked object
behind (its event) where a lot and an order object each added one more: the collector's
passes cost a third less (``bench/bench_points.py``, docs/performance.md).
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from wulian_core.calendar import SHANGHAI

from .events import (
    ActivityPointsAccrued,
    PassbookEvent,
    PointsRedeemed,
    ServiceCorrected,
    ServiceRecorded,
)

__all__ = ["Accrual", "LotBook", "ServiceRecord", "is_lot", "local_day"]

Accrual = ServiceRecorded | ServiceCorrected | ActivityPointsAccrued

# The last instant converted and its date: a command and its _apply ask for the same
# instant's date in turn. One tuple, rebound whole, so threads never see half of it.
_last_day: tuple[dt.datetime | None, dt.date] = (None, dt.date.min)


def local_day(at: dt.datetime) -> dt.date:
    """The Asia/Shanghai date of an instant already checked to be aware."""
    global _last_day  # a one-entry memo, see above
    seen, day = _last_day
    if seen is at:
        return day
    day = at.astimezone(SHANGHAI).date()
    _last_day = (at, day)
    return day


def is_lot(event: PassbookEvent) -> bool:
    """Whether recording ``event`` made a lot: an accrual, or a correction that raised
    the points (a lot of the rise). A lot of 0 points is a lot too: it can be reversed."""
    kind = type(event)
    if kind is ServiceRecorded or kind is ActivityPointsAccrued:
        return True
    return kind is ServiceCorrected and event.points_delta > 0  # type: ignore[union-attr]


def _expiry_key(event: Accrual) -> dt.date:
    return event.expires_on or dt.date.max


class ServiceRecord:
    """An activity's service record once corrected: its figures now and all its lots."""

    __slots__ = ("credited", "lots", "minutes", "on", "organiser", "points")

    def __init__(self, seq: int, event: ServiceRecorded) -> None:
        self.on = event.on
        self.organiser = event.organiser
        self.minutes = event.minutes
        self.credited = event.credited_minutes
        self.points = event.points
        self.lots = [seq]


class LotBook:
    """The lots, orders and debt of a passbook's state (:class:`.state.PassbookState`).

    >>> from wulian_core.examples import passbook_example
    >>> book, worker, me, at = passbook_example()
    >>> isinstance(book, LotBook), book._remaining, book._debt
    (True, [0], 0)
    """

    __slots__ = (
        "_clawed",
        "_debt",
        "_in_order",
        "_lots",
        "_orders",
        "_remaining",
        "_reversed",
        "_settled",
        "_settlers",
        "_spent",
    )
    _events: list[PassbookEvent]  # the state's, as are its balances
    _balances: list[int]  # minutes, material, moral

    def __init__(self) -> None:
        # Beside the events, one entry each: what is left of the event's lot and what
        # redemptions took from it (0 and 0 for an event that made no lot).
        self._remaining: list[int] = []
        self._spent: list[int] = []
        # lot -> clawed, lot -> settled now (the event's own until it moves), made on first use
        self._clawed: dict[int, int] | None = None
        self._settled: dict[int, int] | None = None
        self._reversed: set[int] | None = None
        # open order -> the one lot it took all its points from, or a tuple
        # (lot, amount, lot, amount, ...)
        self._orders: dict[int, Any] = {}
        self._debt = 0
        # Queued lots in the order they were earned, so also in the order they expire, as
        # long as the expiry term stays the same (``_in_order``). A lot leaves at the front
        # once spent or expired; a lot with points left is always queued.
        self._lots: deque[int] = deque()
        self._in_order = True
        # Lots that paid towards debt when earned, in earning order, made on first use: a
        # cancelled redemption whose clawed points were already repaid pays them back here.
        self._settlers: list[int] | None = None

    # --- a lot's figures --------------------------------------------------------------------

    def _clawed_of(self, lot: int) -> int:
        clawed = self._clawed
        return 0 if clawed is None else clawed.get(lot, 0)

    def _set_clawed(self, lot: int, value: int) -> None:
        if self._clawed is None:
            self._clawed = {}
        self._clawed[lot] = value

    def _settled_of(self, lot: int) -> int:
        settled = self._settled
        if settled is not None and lot in settled:
            return settled[lot]
        return self._events[lot].settled  # type: ignore[union-attr]  # a lot's event

    def _set_settled(self, lot: int, value: int) -> None:
        if self._settled is None:
            self._settled = {}
        self._settled[lot] = value

    def _is_reversed(self, lot: int) -> bool:
        return self._reversed is not None and lot in self._reversed

    def _order_pairs(self, order: int) -> list[tuple[int, int]]:
        """The lots an open order took and how much of each, in the order it took them."""
        taken = self._orders[order]
        if type(taken) is int:
            return [(taken, self._events[order].points)]  # type: ignore[union-attr]
        return list(zip(taken[::2], taken[1::2], strict=True))

    def _claw_plan(self, lots: Iterable[int], amount: int) -> tuple[int, int]:
        """``(taken, debt)`` when ``amount`` points of these lots are taken back.

        What is left of the lots comes back first; what was spent of them, or paid
        towards debt when they were earned, becomes debt. Expired points left the holder
        already and are not owed.
        """
        lots = list(lots)
        remaining, spent = self._remaining, self._spent
        taken = debt = 0
        for lot in lots:
            taken += min(remaining[lot], amount - taken)
        left = amount - taken
        for lot in lots:
            # A lot whose spent points came back (a cancelled redemption) and were clawed
            # owes nothing more; it never makes the debt smaller than zero.
            owed = spent[lot] - self._clawed_of(lot) + self._settled_of(lot)
            debt += max(0, min(owed, left - debt))
        return taken, debt

    def _claw(self, lots: list[int], taken: int, debt: int) -> None:
        remaining, spent = self._remaining, self._spent
        left = taken
        for lot in lots:
            take = min(remaining[lot], left)
            remaining[lot] -= take
            left -= take
        owing = debt
        for lot in lots:  # spent points become debt first, then what the lots settled
            clawed = self._clawed_of(lot)
            owe = min(spent[lot] - clawed, owing)
            if owe:
                self._set_clawed(lot, clawed + owe)
            owing -= owe
        for lot in lots:
            settled = self._settled_of(lot)
            repaid = min(settled, owing)
            if repaid:
                self._set_settled(lot, settled - repaid)
            owing -= repaid
        self._balances[1] -= taken
        self._debt += debt

    # --- the queue --------------------------------------------------------------------------

    def _give_back(self, lot: int, points: int) -> None:
        if not points:
            return
        remaining = self._remaining
        had = remaining[lot]
        remaining[lot] = had + points
        if not had and lot not in self._lots:  # a lot with points left is queued already
            self._requeue(lot)

    def _requeue(self, lot: int) -> None:
        """Put a lot back in its place by earning order (a cancellation, so rare)."""
        lots, events = self._lots, self._events
        at = events[lot].at
        place = 0
        while place < len(lots) and events[lots[place]].at <= at:
            place += 1
        lots.insert(place, lot)
        # Earning order is expiry order only under one term; check the neighbours.
        mine = _expiry_key(events[lot])  # type: ignore[arg-type]  # a lot's event
        if (place and _expiry_key(events[lots[place - 1]]) > mine) or (  # type: ignore[arg-type]
            place + 1 < len(lots) and mine > _expiry_key(events[lots[place + 1]])  # type: ignore[arg-type]
        ):
            self._in_order = False

    def _due(self, day: dt.date) -> Iterator[int]:
        """The queued lots with points due to expire on or before ``day``."""
        events, remaining = self._events, self._remaining
        for lot in self._lots:
            expiry = events[lot].expires_on  # type: ignore[union-attr]  # a lot's event
            if expiry is None or expiry > day:
                if self._in_order:
                    return  # the rest expire later still
                continue
            if remaining[lot]:
                yield lot

    def _due_through(self, day: dt.date) -> int:
        remaining = self._remaining
        if not self._in_order:
            return sum(remaining[lot] for lot in self._due(day))
        events = self._events
        due = 0
        for lot in self._lots:  # a plain loop: redemption asks this every time
            expiry = events[lot].expires_on  # type: ignore[union-attr]  # a lot's event
            if expiry is None or expiry > day:
                break
            due += remaining[lot]
        return due

    def _restore_plan(self, order: int) -> tuple[int, int]:
        """``(returned, debt_cleared)`` if the order's points came back now."""
        returned = cleared = 0
        for lot, amount in self._order_pairs(order):
            clear = min(amount, self._clawed_of(lot), self._debt - cleared)
            cleared += clear
            returned += amount - clear
        return returned, cleared

    def _is_order(self, seq: int) -> bool:
        return type(self._events[seq]) is PointsRedeemed
