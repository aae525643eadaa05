"""The shop registry's state, its one apply path (``_record``), and the check every
redemption at a registered point goes through (:func:`check_redeemable`).

Its decisions are in :mod:`.shop_decide` and its commands in :mod:`.shops`.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from wulian_core.errors import IllegalTransition, IntegrityError, NotFound
from wulian_core.regions import RegionCode

from .shop_events import (
    AppointmentBooked,
    AppointmentCancelled,
    AppointmentKept,
    AppointmentStatus,
    PointKind,
    PointRegistered,
    PointReinstated,
    PointSuspended,
    RegistryOpened,
    ShopEvent,
    SlotOpened,
)

__all__ = ["PointInfo", "ShopRegistryState", "SlotInfo", "check_redeemable"]


class PointInfo:
    """A registered point as it stands. Internal and mutable."""

    __slots__ = ("accepts", "active", "community", "kind", "name", "rate")

    def __init__(self, event: PointRegistered) -> None:
        self.name = event.name
        self.kind: PointKind = event.point_kind
        self.community: RegionCode = event.community
        self.rate: Decimal = event.yuan_per_point
        self.accepts: frozenset[str] = event.accepts
        self.active = True


class SlotInfo:
    """An appointment slot and the places booked in it. Internal and mutable."""

    __slots__ = ("booked", "event")

    def __init__(self, event: SlotOpened) -> None:
        self.event = event
        self.booked = 0


class ShopRegistryState:
    """The points, slots and appointments of one registry, changed only by ``_record``.

    >>> from wulian_core.examples import shops_example
    >>> shops, staff, at = shops_example()
    >>> isinstance(shops, ShopRegistryState)
    True
    """

    __slots__ = ("_by_key", "_events", "_orders", "_points", "_region", "_registry", "_slots")

    def __init__(self, registry: str, region: RegionCode) -> None:
        self._registry = registry
        self._region = region
        self._events: list[ShopEvent] = []
        self._by_key: dict[str, ShopEvent] = {}
        self._points: dict[str, PointInfo] = {}
        self._slots: dict[str, SlotInfo] = {}
        self._orders: dict[str, list[Any]] = {}

    def _record(self, event: ShopEvent) -> None:
        _APPLY[type(event)](self, event)
        self._events.append(event)
        self._by_key[event.key] = event

    def _apply_opened(self, event: RegistryOpened) -> None:
        if self._events:
            raise IntegrityError([f"{event.key}: a registry is opened once"])

    def _apply_registered(self, event: PointRegistered) -> None:
        if event.point in self._points:
            raise IntegrityError([f"{event.key}: {event.point} is registered already"])
        self._points[event.point] = PointInfo(event)

    def _point_of(self, event: PointSuspended | PointReinstated | SlotOpened) -> PointInfo:
        found = self._points.get(event.point)
        if found is None:
            raise IntegrityError([f"{event.key}: no point {event.point}"])
        return found

    def _apply_suspended(self, event: PointSuspended) -> None:
        self._point_of(event).active = False

    def _apply_reinstated(self, event: PointReinstated) -> None:
        self._point_of(event).active = True

    def _apply_slot(self, event: SlotOpened) -> None:
        self._point_of(event)
        self._slots[event.key] = SlotInfo(event)

    def _apply_booked(self, event: AppointmentBooked) -> None:
        slot = self._slots.get(event.slot)
        if slot is None or slot.booked >= slot.event.capacity:
            raise IntegrityError([f"{event.key}: slot {event.slot} has no place"])
        slot.booked += 1
        self._orders[event.key] = [event, AppointmentStatus.BOOKED]

    def _booked(self, event: AppointmentKept | AppointmentCancelled) -> list[Any]:
        order = self._orders.get(event.order)
        if order is None or order[1] is not AppointmentStatus.BOOKED:
            raise IntegrityError([f"{event.key}: appointment {event.order} is not booked"])
        return order

    def _apply_kept(self, event: AppointmentKept) -> None:
        self._booked(event)[1] = AppointmentStatus.KEPT

    def _apply_cancelled(self, event: AppointmentCancelled) -> None:
        order = self._booked(event)
        order[1] = AppointmentStatus.CANCELLED
        self._slots[order[0].slot].booked -= 1


_APPLY: dict[type[Any], Callable[[ShopRegistryState, Any], None]] = {
    RegistryOpened: ShopRegistryState._apply_opened,
    PointRegistered: ShopRegistryState._apply_registered,
    PointSuspended: ShopRegistryState._apply_suspended,
    PointReinstated: ShopRegistryState._apply_reinstated,
    SlotOpened: ShopRegistryState._apply_slot,
    AppointmentBooked: ShopRegistryState._apply_booked,
    AppointmentKept: ShopRegistryState._apply_kept,
    AppointmentCancelled: ShopRegistryState._apply_cancelled,
}


def check_redeemable(
    shops: ShopRegistryState, *, point: str, item: str | None, community: RegionCode
) -> PointInfo:
    """The registered, active point ``point`` that accepts ``item`` (any, when ``None``)
    for a holder of ``community``; refuses anything else, changing nothing.

    >>> from wulian_core.examples import shops_example
    >>> from wulian_core.regions import RegionCode
    >>> shops, staff, at = shops_example()
    >>> check_redeemable(shops, point="shop-9", item=None, community=RegionCode("150603001001"))
    Traceback (most recent call last):
    ...
    wulian_core.errors.NotFound: no redemption point 'shop-9'
    """
    found = shops._points.get(point) if type(point) is str else None
    if found is None:
        raise NotFound("redemption point", point)
    if not found.active:
        raise IllegalTransition("suspended", "redeem", f"redemption point {point}")
    if not found.community.contains(community):
        raise IllegalTransition(
            "outside its community", "redeem", f"{point} serves {found.community}"
        )
    if item is not None and item not in found.accepts:
        raise IllegalTransition("not accepted", "redeem", f"{point} does not take {item}")
    return found
