"""The catalogue's state and its one apply path (``_record``).

Its decisions are in :mod:`.catalogue_decide` and its commands in :mod:`.catalogue`;
they validate as the passbook's do (see :mod:`.state`): the decisions check every
argument and build the events unchecked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wulian_core.errors import IntegrityError
from wulian_core.regions import RegionCode

from .catalogue_events import (
    CatalogueEvent,
    CatalogueOpened,
    ItemListed,
    ItemPickedUp,
    ItemReserved,
    PickupStatus,
    ReservationCancelled,
    StockDonated,
)

__all__ = ["CatalogueState", "Item"]


class Item:
    """An item on the shelf: its name, price and stock now. Internal and mutable."""

    __slots__ = ("name", "price", "stock")

    def __init__(self, name: str, price: int, stock: int) -> None:
        self.name, self.price, self.stock = name, price, stock


class CatalogueState:
    """Items, stock and orders of one redemption point, changed only by ``_record``.

    >>> from wulian_core.examples import catalogue_example
    >>> shop, staff, at = catalogue_example()
    >>> isinstance(shop, CatalogueState), shop.version
    (True, 2)
    """

    __slots__ = ("_by_key", "_community", "_events", "_items", "_orders", "_point")

    def __init__(self, point: str, community: RegionCode) -> None:
        self._point = point
        self._community = community
        self._events: list[CatalogueEvent] = []
        self._by_key: dict[str, CatalogueEvent] = {}
        self._items: dict[str, Item] = {}
        self._orders: dict[str, list[Any]] = {}

    # --- the apply path ---------------------------------------------------------------------

    def _record(self, event: CatalogueEvent) -> None:
        _APPLY[type(event)](self, event)
        self._events.append(event)
        self._by_key[event.key] = event

    def _apply_opened(self, event: CatalogueOpened) -> None:
        if self._events:
            raise IntegrityError([f"{event.key}: a catalogue is opened once"])

    def _apply_listed(self, event: ItemListed) -> None:
        if event.item in self._items:
            raise IntegrityError([f"{event.key}: {event.item} is listed already"])
        self._items[event.item] = Item(event.name, event.price, event.stock)

    def _item_of(self, event: StockDonated | ItemReserved) -> Item:
        item = self._items.get(event.item)
        if item is None:
            raise IntegrityError([f"{event.key}: no item {event.item}"])
        return item

    def _apply_donated(self, event: StockDonated) -> None:
        self._item_of(event).stock += event.quantity

    def _apply_reserved(self, event: ItemReserved) -> None:
        item = self._item_of(event)
        if item.stock < event.quantity:
            raise IntegrityError([f"{event.key}: {event.item} has {item.stock} in stock"])
        item.stock -= event.quantity
        self._orders[event.key] = [event, PickupStatus.PENDING]

    def _pending(self, event: ItemPickedUp | ReservationCancelled) -> list[Any]:
        order = self._orders.get(event.order)
        if order is None or order[1] is not PickupStatus.PENDING:
            raise IntegrityError([f"{event.key}: order {event.order} is not waiting"])
        return order

    def _apply_picked_up(self, event: ItemPickedUp) -> None:
        self._pending(event)[1] = PickupStatus.PICKED_UP

    def _apply_cancelled(self, event: ReservationCancelled) -> None:
        order = self._pending(event)
        order[1] = PickupStatus.CANCELLED
        reserved: ItemReserved = order[0]
        self._items[reserved.item].stock += reserved.quantity


_APPLY: dict[type[Any], Callable[[CatalogueState, Any], None]] = {
    CatalogueOpened: CatalogueState._apply_opened,
    ItemListed: CatalogueState._apply_listed,
    StockDonated: CatalogueState._apply_donated,
    ItemReserved: CatalogueState._apply_reserved,
    ItemPickedUp: CatalogueState._apply_picked_up,
    ReservationCancelled: CatalogueState._apply_cancelled,
}
