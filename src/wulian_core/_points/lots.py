"""Lots, orders and service records: the mutable bookkeeping behind a passbook's state.

Internal to the passbook's state (:mod:`.state`); nothing here is public or persisted (events
are the record of truth, and replay rebuilds all of this).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from wulian_core.calendar import SHANGHAI

from .events import (
    ActivityPointsAccrued,
    PassbookEvent,
    PointsRedeemed,
    ServiceCorrected,
    ServiceRecorded,
)

__all__ = [
    "QUEUED",
    "REVERSED",
    "Accrual",
    "Lot",
    "Order",
    "ServiceRecord",
    "claw_plan",
    "local_day",
    "unwrap",
]
QUEUED, REVERSED = 1, 2  # Lot.flags

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


class Lot:
    """Points earned by one accrual, spent oldest first. Internal and mutable."""

    __slots__ = ("clawed", "event", "flags", "remaining", "settled", "spent")

    def __init__(self, event: Accrual, points: int, settled: int) -> None:
        self.event = event
        self.remaining = points
        self.spent = 0
        self.clawed = 0
        self.settled = settled
        self.flags = 0

    @property
    def expires_on(self) -> dt.date | None:
        return self.event.expires_on

    @property
    def reversed(self) -> bool:
        return bool(self.flags & REVERSED)


class Order:
    """A redemption and the lots it took, so that a cancellation can put them back.

    ``taken`` is the one lot it took all its points from (the common case, and the
    cheapest to keep), or a tuple ``(lot, amount, lot, amount, ...)``; ``None`` once
    cancelled.
    """

    __slots__ = ("event", "taken")

    def __init__(self, event: PointsRedeemed, taken: Lot | tuple[Any, ...]) -> None:
        self.event = event
        self.taken: Lot | tuple[Any, ...] | None = taken

    @property
    def open(self) -> bool:
        return self.taken is not None

    def pairs(self) -> list[tuple[Lot, int]]:
        taken = self.taken
        if taken is None:
            return []
        if type(taken) is Lot:
            return [(taken, self.event.points)]
        return list(zip(taken[::2], taken[1::2], strict=True))  # type: ignore[index]


class ServiceRecord:
    """An activity's service record once corrected: its figures now and all its lots."""

    __slots__ = ("credited", "lots", "minutes", "on", "organiser", "points")

    def __init__(self, lot: Lot) -> None:
        event: ServiceRecorded = lot.event  # type: ignore[assignment]
        self.on = event.on
        self.organiser = event.organiser
        self.minutes = event.minutes
        self.credited = event.credited_minutes
        self.points = event.points
        self.lots = [lot]


def claw_plan(lots: Iterable[Lot], amount: int) -> tuple[int, int]:
    """``(taken, debt)`` when ``amount`` points of these lots are taken back.

    What is left of the lots comes back first; what was spent of them, or paid towards
    debt when they were earned, becomes debt. Expired points left the holder already and
    are not owed.
    """
    lots = list(lots)
    taken = debt = 0
    for lot in lots:
        taken += min(lot.remaining, amount - taken)
    left = amount - taken
    for lot in lots:
        # A lot whose spent points came back (a cancelled redemption) and were clawed
        # owes nothing more; it never makes the debt smaller than zero.
        debt += max(0, min(lot.spent - lot.clawed + lot.settled, left - debt))
    return taken, debt


def unwrap(value: Any) -> PassbookEvent:
    return value if type(value) not in (Lot, Order) else value.event  # type: ignore[no-any-return]
