"""The shop registry's decisions: each checks a command's arguments against the state and
returns the events to record, raising on a refusal and changing nothing.

Who may act: the workers and secretary of a point's community register it, suspend or
reinstate it, open its slots and mark an appointment kept; the holder (or a member of
the household) books; the holder or the staff cancel.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from wulian_core._checks import arg_aware, arg_count, arg_id, arg_text
from wulian_core.errors import IllegalTransition, InvalidValue, NotFound, PermissionDenied
from wulian_core.funding import yuan
from wulian_core.people import Actor, Role
from wulian_core.regions import RegionCode, RegionLevel

from .events import builder
from .guard import is_staff, reason_of
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
from .shop_state import PointInfo, ShopRegistryState, SlotInfo, check_redeemable

__all__ = [
    "booked",
    "open_slot_of",
    "decide_book",
    "decide_cancel_appointment",
    "decide_keep",
    "decide_open_registry",
    "decide_open_slot",
    "decide_register",
    "decide_suspend",
    "registered",
]

_opened = builder(RegistryOpened)
_registered = builder(PointRegistered)
_suspended = builder(PointSuspended)
_reinstated = builder(PointReinstated)
_slot = builder(SlotOpened)
_booked = builder(AppointmentBooked)
_kept = builder(AppointmentKept)
_cancelled = builder(AppointmentCancelled)


def _staff_of(community: RegionCode, command: str, by: Actor) -> None:
    if not is_staff(by, community):
        raise PermissionDenied(command, by.person, f"only the staff of community {community}")


def registered(shops: ShopRegistryState, point: object) -> PointInfo:
    """The registered point ``point``, or NotFound.

    >>> from wulian_core.examples import shops_example
    >>> shops, staff, at = shops_example()
    >>> registered(shops, "shop-9")
    Traceback (most recent call last):
    ...
    wulian_core.errors.NotFound: no redemption point 'shop-9'
    """
    found = shops._points.get(point) if type(point) is str else None
    if found is None:
        raise NotFound("redemption point", point)
    return found


def booked(shops: ShopRegistryState, command: str, order: object) -> AppointmentBooked:
    """The appointment ``order`` while it is booked; NotFound or IllegalTransition if not."""
    found = shops._orders.get(order) if type(order) is str else None
    if found is None:
        raise NotFound("appointment", order, argument=f"ShopRegistry.{command}.order")
    if found[1] is not AppointmentStatus.BOOKED:
        raise IllegalTransition(found[1].label_zh, command, f"appointment {order}")
    event: AppointmentBooked = found[0]
    return event


def decide_open_registry(
    *, registry: str, region: RegionCode, by: Actor, at: dt.datetime, key: str
) -> tuple[ShopEvent, ...]:
    """Opening a registry for a street (township) or a community, by staff within it."""
    arg_id(registry, "ShopRegistry.open.registry")
    if not isinstance(region, RegionCode) or region.level not in (
        RegionLevel.TOWNSHIP,
        RegionLevel.COMMUNITY,
    ):
        raise InvalidValue("ShopRegistry.open.region", region, "must name a street or community")
    staff = (Role.COMMUNITY_WORKER, Role.COMMUNITY_SECRETARY)
    within = (g.scope.region_code for g in by.grants if g.role in staff)
    if not any(code is not None and region.contains(code) for code in within):
        raise PermissionDenied("open", by.person, f"only community staff within {region}")
    return (_opened(registry=registry, at=at, by=by.person, key=key, region=region),)


def decide_register(
    shops: ShopRegistryState,
    *,
    point: str,
    name: str,
    kind: PointKind,
    community: RegionCode,
    yuan_per_point: Decimal | int | str,
    accepts: object,
    by: Actor,
    at: dt.datetime,
    key: str,
) -> tuple[ShopEvent, ...]:
    """Registering a redemption point of a community within the registry's region."""
    arg_id(point, "ShopRegistry.register.point")
    arg_text(name, "ShopRegistry.register.name")
    if not isinstance(kind, PointKind):
        raise InvalidValue("ShopRegistry.register.kind", kind, "must be a PointKind")
    if not isinstance(community, RegionCode) or community.level is not RegionLevel.COMMUNITY:
        raise InvalidValue("ShopRegistry.register.community", community, "must name a community")
    if not shops._region.contains(community):
        raise InvalidValue(
            "ShopRegistry.register.community", community, f"must lie in {shops._region}"
        )
    rate = yuan(yuan_per_point, field="ShopRegistry.register.yuan_per_point")
    if rate <= 0:
        raise InvalidValue("ShopRegistry.register.yuan_per_point", yuan_per_point, "must be > 0")
    if isinstance(accepts, str) or not hasattr(accepts, "__iter__"):
        raise InvalidValue("ShopRegistry.register.accepts", accepts, "must be a set of ids")
    given: Any = accepts
    # Each member checked before the set is made: an unhashable one is named, not a TypeError.
    taken = frozenset(arg_id(item, "ShopRegistry.register.accepts") for item in given)
    if not taken:
        raise InvalidValue("ShopRegistry.register.accepts", accepts, "must not be empty")
    _staff_of(community, "register", by)
    if point in shops._points:
        raise IllegalTransition("registered", "register", f"redemption point {point}")
    return (
        _registered(
            registry=shops._registry,
            at=at,
            by=by.person,
            key=key,
            point=point,
            name=name,
            point_kind=kind,
            community=community,
            yuan_per_point=rate,
            accepts=taken,
        ),
    )


def decide_suspend(
    shops: ShopRegistryState,
    *,
    point: str,
    reason: str,
    suspend: bool,
    by: Actor,
    at: dt.datetime,
    key: str,
) -> tuple[ShopEvent, ...]:
    """Suspending (``suspend=True``) or reinstating a registered point, with a reason."""
    command = "suspend" if suspend else "reinstate"
    found = registered(shops, point)
    reason_of(reason, f"ShopRegistry.{command}.reason")
    _staff_of(found.community, command, by)
    if found.active is not suspend:
        state = "suspended" if suspend else "active"
        raise IllegalTransition(state, command, f"redemption point {point}")
    make = _suspended if suspend else _reinstated
    return (
        make(registry=shops._registry, at=at, by=by.person, key=key, point=point, reason=reason),
    )


def decide_open_slot(
    shops: ShopRegistryState,
    *,
    point: str,
    service: str,
    starts: dt.datetime,
    capacity: int,
    points: int,
    by: Actor,
    at: dt.datetime,
    key: str,
) -> tuple[ShopEvent, ...]:
    """Opening an appointment slot for a service the point accepts."""
    found = registered(shops, point)
    arg_id(service, "ShopRegistry.open_slot.service")
    arg_aware(starts, "ShopRegistry.open_slot.starts")
    arg_count(capacity, "ShopRegistry.open_slot.capacity", minimum=1)
    arg_count(points, "ShopRegistry.open_slot.points", minimum=1)
    if service not in found.accepts:
        raise InvalidValue("ShopRegistry.open_slot.service", service, f"{point} does not offer it")
    _staff_of(found.community, "open_slot", by)
    if starts <= at:
        raise InvalidValue("ShopRegistry.open_slot.starts", starts, "must be after at")
    return (
        _slot(
            registry=shops._registry,
            at=at,
            by=by.person,
            key=key,
            point=point,
            service=service,
            starts=starts,
            capacity=capacity,
            points=points,
        ),
    )


def open_slot_of(shops: ShopRegistryState, slot: object, community: RegionCode) -> SlotInfo:
    """The slot ``slot`` if a holder of ``community`` may book a place in it now."""
    found = shops._slots.get(slot) if type(slot) is str else None
    if found is None:
        raise NotFound("slot", slot)
    event = found.event
    check_redeemable(shops, point=event.point, item=event.service, community=community)
    if found.booked >= event.capacity:
        raise IllegalTransition("full", "book", f"slot {slot} has {event.capacity} place(s)")
    return found


def decide_book(
    shops: ShopRegistryState,
    *,
    holder: str,
    community: RegionCode,
    slot: str,
    by: Actor,
    at: dt.datetime,
    key: str,
) -> tuple[ShopEvent, ...]:
    """Booking a place in a slot before it starts; once per holder and slot."""
    found = open_slot_of(shops, slot, community)
    if at >= found.event.starts:
        raise IllegalTransition("started", "book", f"slot {slot} began at {found.event.starts}")
    for event, status in shops._orders.values():
        if event.slot == slot and event.holder == holder and status is AppointmentStatus.BOOKED:
            raise IllegalTransition("booked", "book", f"{holder} holds a place in {slot}")
    return (
        _booked(
            registry=shops._registry,
            at=at,
            by=by.person,
            key=key,
            slot=slot,
            holder=holder,
            points=found.event.points,
        ),
    )


def decide_keep(
    shops: ShopRegistryState, *, order: str, by: Actor, at: dt.datetime, key: str
) -> tuple[ShopEvent, ...]:
    """Marking a booked appointment kept, by the point's staff, once its slot has begun."""
    event = booked(shops, "keep", order)
    slot = shops._slots[event.slot].event
    _staff_of(shops._points[slot.point].community, "keep", by)
    if at < slot.starts:
        raise IllegalTransition("not begun", "keep", f"slot {event.slot} begins {slot.starts}")
    return (_kept(registry=shops._registry, at=at, by=by.person, key=key, order=order),)


def decide_cancel_appointment(
    shops: ShopRegistryState, *, order: str, reason: str, by: Actor, at: dt.datetime, key: str
) -> tuple[ShopEvent, ...]:
    """Cancelling a booked appointment (the passbook's decision checks who may)."""
    booked(shops, "cancel", order)
    reason_of(reason, "ShopRegistry.cancel.reason")
    return (
        _cancelled(
            registry=shops._registry, at=at, by=by.person, key=key, order=order, reason=reason
        ),
    )
