"""The shop registry's events: redemption points registered, suspended and reinstated,
service slots opened, appointments booked, kept and cancelled.

A registry (:class:`~wulian_core.points.ShopRegistry`) lists the redemption points of a
street or a community: the points supermarket (积分超市), partner shops (合作商家) and
service providers (服务商). Each point has a rate from points to yuan, exact to the fen,
on which it is settled each month.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, ClassVar

from attrs import field

import wulian_core._checks as _checks
from wulian_core._enums import LabelledEnum
from wulian_core._frozen import frozen
from wulian_core.errors import InvalidValue
from wulian_core.funding import yuan
from wulian_core.regions import RegionCode

__all__ = [
    "SHOP_EVENTS",
    "AppointmentBooked",
    "AppointmentCancelled",
    "AppointmentKept",
    "AppointmentStatus",
    "PointKind",
    "PointReinstated",
    "PointRegistered",
    "PointSuspended",
    "RegistryOpened",
    "ShopEvent",
    "SlotOpened",
    "request_of",
]

_id = _checks.identifier
_at = _checks.aware_datetime
_reason = _checks.text(max_length=500)


_positive = _checks.count(minimum=1)


def _rate(instance: Any, attribute: Any, value: Any) -> None:
    name = _checks.field_name(instance, attribute)
    if type(value) is not Decimal or yuan(value, field=name) != value or value <= 0:
        raise InvalidValue(name, value, "must be a Decimal of yuan > 0, exact to the fen")


class PointKind(LabelledEnum):
    """What a redemption point is: the points supermarket, a partner shop, a service provider.

    >>> [kind.label_zh for kind in PointKind]
    ['积分超市', '合作商家', '服务商']
    """

    SUPERMARKET = "supermarket", "积分超市"
    PARTNER_SHOP = "partner_shop", "合作商家"
    SERVICE_PROVIDER = "service_provider", "服务商"


class AppointmentStatus(LabelledEnum):
    """Where an appointment stands: booked, kept (the service given), or cancelled.

    >>> [status.label_zh for status in AppointmentStatus]
    ['已预约', '已服务', '已取消']
    """

    BOOKED = "booked", "已预约"
    KEPT = "kept", "已服务"
    CANCELLED = "cancelled", "已取消"


@frozen(kw_only=True)
class RegistryOpened:
    """A street or a community opened its registry of redemption points.

    >>> RegistryOpened.kind
    'shops.registry_opened'
    """

    kind: ClassVar[str] = "shops.registry_opened"
    registry: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    region: RegionCode = field(validator=_checks.instance_of(RegionCode))


@frozen(kw_only=True)
class PointRegistered:
    """A redemption point was registered: its community, what it accepts, its rate.

    ``accepts`` names the items or services redeemable there; ``yuan_per_point`` is
    what the street pays the point for each point redeemed and picked up.

    >>> PointRegistered.kind
    'shops.point_registered'
    """

    kind: ClassVar[str] = "shops.point_registered"
    registry: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    point: str = field(validator=_id)
    name: str = field(validator=_checks.name)
    point_kind: PointKind = field(validator=_checks.instance_of(PointKind))
    community: RegionCode = field(validator=_checks.instance_of(RegionCode))
    yuan_per_point: Decimal = field(validator=_rate)
    accepts: frozenset[str] = field(
        converter=_checks.to_frozenset, validator=_checks.strings(allow_empty_set=False)
    )


@frozen(kw_only=True)
class PointSuspended:
    """A redemption point was suspended: nothing is redeemed there until reinstated.

    >>> PointSuspended.kind
    'shops.point_suspended'
    """

    kind: ClassVar[str] = "shops.point_suspended"
    registry: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    point: str = field(validator=_id)
    reason: str = field(validator=_reason)


@frozen(kw_only=True)
class PointReinstated:
    """A suspended redemption point was reinstated.

    >>> PointReinstated.kind
    'shops.point_reinstated'
    """

    kind: ClassVar[str] = "shops.point_reinstated"
    registry: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    point: str = field(validator=_id)
    reason: str = field(validator=_reason)


@frozen(kw_only=True)
class SlotOpened:
    """A service provider opened an appointment slot (its id is ``key``): a service at
    a time, for ``capacity`` people, at ``points`` each. Services have no stock.

    >>> SlotOpened.kind
    'shops.slot_opened'
    """

    kind: ClassVar[str] = "shops.slot_opened"
    registry: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    point: str = field(validator=_id)
    service: str = field(validator=_id)
    starts: dt.datetime = field(validator=_at)
    capacity: int = field(validator=_positive)
    points: int = field(validator=_positive)


@frozen(kw_only=True)
class AppointmentBooked:
    """A holder redeemed points for a place in a slot; the order is ``key``.

    >>> AppointmentBooked.kind
    'shops.appointment_booked'
    """

    kind: ClassVar[str] = "shops.appointment_booked"
    registry: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    slot: str = field(validator=_id)
    holder: str = field(validator=_id)
    points: int = field(validator=_positive)


@frozen(kw_only=True)
class AppointmentKept:
    """The service of an appointment was given: the provider is settled on it.

    >>> AppointmentKept.kind
    'shops.appointment_kept'
    """

    kind: ClassVar[str] = "shops.appointment_kept"
    registry: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    order: str = field(validator=_id)


@frozen(kw_only=True)
class AppointmentCancelled:
    """An appointment was cancelled: its place is free again (and its points back).

    >>> AppointmentCancelled.kind
    'shops.appointment_cancelled'
    """

    kind: ClassVar[str] = "shops.appointment_cancelled"
    registry: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    order: str = field(validator=_id)
    reason: str = field(validator=_reason)


ShopEvent = (
    RegistryOpened
    | PointRegistered
    | PointSuspended
    | PointReinstated
    | SlotOpened
    | AppointmentBooked
    | AppointmentKept
    | AppointmentCancelled
)
"""Any event of a shop registry; ``codec.from_json(ShopEvent, text)`` reads one back."""

SHOP_EVENTS: tuple[type[Any], ...] = (
    RegistryOpened,
    PointRegistered,
    PointSuspended,
    PointReinstated,
    SlotOpened,
    AppointmentBooked,
    AppointmentKept,
    AppointmentCancelled,
)


def request_of(event: ShopEvent) -> tuple[Any, ...]:
    """What the command that recorded ``event`` was asked: a retry must ask the same.

    >>> import datetime as dt
    >>> request_of(PointSuspended(registry="reg-1", at=dt.datetime(2024, 3, 1, tzinfo=dt.UTC),
    ...     by="p-9", key="s-1", point="shop-1", reason="卫生不合格"))
    ('suspend', 'p-9', 'shop-1', '卫生不合格')
    """
    if isinstance(event, PointRegistered):
        return (
            "register",
            event.by,
            event.point,
            event.name,
            event.point_kind,
            event.community,
            event.yuan_per_point,
            event.accepts,
        )
    if isinstance(event, PointSuspended):
        return ("suspend", event.by, event.point, event.reason)
    if isinstance(event, PointReinstated):
        return ("reinstate", event.by, event.point, event.reason)
    if isinstance(event, SlotOpened):
        return (
            "open_slot",
            event.by,
            event.point,
            event.service,
            event.starts,
            event.capacity,
            event.points,
        )
    if isinstance(event, AppointmentBooked):
        return ("book", event.by, event.holder, event.slot)
    if isinstance(event, AppointmentKept):
        return ("keep", event.by, event.order)
    if isinstance(event, AppointmentCancelled):
        return ("cancel", event.by, event.order, event.reason)
    return ("open", event.by)
