"""The catalogue's events, the pickup status of an order, and an order as it stands."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from attrs import field

from wulian_core import _checks
from wulian_core._enums import LabelledEnum
from wulian_core._frozen import frozen
from wulian_core._typed import typed
from wulian_core.regions import RegionCode

__all__ = [
    "CATALOGUE_EVENTS",
    "CatalogueEvent",
    "CatalogueOpened",
    "ItemListed",
    "ItemPickedUp",
    "ItemReserved",
    "PickupStatus",
    "Reservation",
    "ReservationCancelled",
    "StockDonated",
    "request_of",
]

_id = _checks.identifier
_at = _checks.aware_datetime


# Prices, stock and quantities are whole numbers of at most _checks.MAX_COUNT (10**12).
_count = _checks.count()
_positive = _checks.count(minimum=1)


@frozen(kw_only=True)
class CatalogueOpened:
    """A redemption point opened its catalogue, serving a community.

    >>> CatalogueOpened.kind
    'catalogue.opened'
    """

    kind: ClassVar[str] = "catalogue.opened"
    point: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    community: RegionCode = field(validator=_checks.instance_of(RegionCode))


@frozen(kw_only=True)
class ItemListed:
    """An item was listed at a price in material points, with its opening stock.

    >>> ItemListed.kind
    'catalogue.item_listed'
    """

    kind: ClassVar[str] = "catalogue.item_listed"
    point: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    item: str = field(validator=_id)
    name: str = field(validator=_checks.name)
    price: int = field(validator=_positive)
    stock: int = field(validator=_count)


@frozen(kw_only=True)
class StockDonated:
    """A donation added stock; this event is the receipt (its number is ``key``).

    >>> StockDonated.kind
    'catalogue.stock_donated'
    """

    kind: ClassVar[str] = "catalogue.stock_donated"
    point: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    item: str = field(validator=_id)
    quantity: int = field(validator=_positive)
    donor: str = field(validator=_id)


@frozen(kw_only=True)
class ItemReserved:
    """A holder redeemed points for items, held until pickup (待领取); the order is ``key``.

    >>> ItemReserved.kind
    'catalogue.item_reserved'
    """

    kind: ClassVar[str] = "catalogue.item_reserved"
    point: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    holder: str = field(validator=_id)
    item: str = field(validator=_id)
    quantity: int = field(validator=_positive)
    points: int = field(validator=_positive)


@frozen(kw_only=True)
class ItemPickedUp:
    """The holder picked a reserved order up (已领取).

    >>> ItemPickedUp.kind
    'catalogue.item_picked_up'
    """

    kind: ClassVar[str] = "catalogue.item_picked_up"
    point: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    order: str = field(validator=_id)


@frozen(kw_only=True, field_transformer=typed)
class ReservationCancelled:
    """A reserved order was cancelled: its stock came back (and its points, in the passbook).

    >>> ReservationCancelled.kind
    'catalogue.reservation_cancelled'
    """

    kind: ClassVar[str] = "catalogue.reservation_cancelled"
    point: str = field(validator=_id)
    at: dt.datetime = field(validator=_at)
    by: str = field(validator=_id)
    key: str = field(validator=_id)
    order: str = field(validator=_id)
    reason: str = field(validator=_checks.text(max_length=500))


CatalogueEvent = (
    CatalogueOpened | ItemListed | StockDonated | ItemReserved | ItemPickedUp | ReservationCancelled
)
"""Any event of a catalogue; ``codec.from_json(CatalogueEvent, text)`` reads one back."""


class PickupStatus(LabelledEnum):
    """Where an order stands: waiting for pickup, picked up, or cancelled.

    >>> [status.label_zh for status in PickupStatus]
    ['待领取', '已领取', '已取消']
    """

    PENDING = "pending", "待领取"
    PICKED_UP = "picked_up", "已领取"
    CANCELLED = "cancelled", "已取消"


@frozen(kw_only=True, field_transformer=typed)
class Reservation:
    """An order as the catalogue sees it now.

    >>> Reservation(order="r-1", holder="p-3", item="soap", quantity=1, points=5,
    ...             status=PickupStatus.PENDING).status.label_zh
    '待领取'
    """

    order: str
    holder: str
    item: str
    quantity: int
    points: int
    status: PickupStatus


CATALOGUE_EVENTS: tuple[type[Any], ...] = (
    CatalogueOpened,
    ItemListed,
    StockDonated,
    ItemReserved,
    ItemPickedUp,
    ReservationCancelled,
)


def request_of(event: CatalogueEvent) -> tuple[Any, ...]:
    """What the command that recorded ``event`` was asked: a retry must ask the same."""
    if isinstance(event, ItemListed):
        return ("list_item", event.by, event.item, event.name, event.price, event.stock)
    if isinstance(event, StockDonated):
        return ("donate", event.by, event.item, event.quantity, event.donor)
    if isinstance(event, ItemReserved):
        return ("redeem", event.by, event.holder, event.item, event.quantity)
    if isinstance(event, ItemPickedUp):
        return ("pick_up", event.by, event.order)
    if isinstance(event, ReservationCancelled):
        return ("cancel", event.by, event.order, event.reason)
    return ("open", event.by)
