"""The catalogue's decisions: each checks a command's arguments against the state and
returns the events to record, raising on a refusal and changing nothing.

As for the passbook (see :mod:`.state`), the decisions check every argument, naming it
(``Catalogue.list_item.price``), and build their events without the field validators;
an event constructed directly or decoded validates itself.
"""

from __future__ import annotations

import datetime as dt

from wulian_core import _checks
from wulian_core.errors import IllegalTransition, InvalidValue, NotFound, PermissionDenied
from wulian_core.people import Actor
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
from .catalogue_state import CatalogueState, Item
from .events import builder
from .guard import is_staff, reason_of

_opened = builder(CatalogueOpened)
_listed = builder(ItemListed)
_donated = builder(StockDonated)
_reserved = builder(ItemReserved)
_picked_up = builder(ItemPickedUp)
_cancelled = builder(ReservationCancelled)

__all__ = [
    "decide_cancel_reservation",
    "decide_donate",
    "decide_list_item",
    "decide_open",
    "decide_pick_up",
    "decide_reserve",
    "known",
    "waiting",
]


def staff_only(shelf: CatalogueState, command: str, by: Actor) -> None:
    """Refuse all but the workers and secretary of the point's community."""
    if not is_staff(by, shelf._community):
        raise PermissionDenied(command, by.person, f"only the staff of {shelf._point}")


def known(shelf: CatalogueState, item: object) -> Item:
    """The listed item ``item``, or NotFound.

    >>> from wulian_core.examples import catalogue_example
    >>> shop, staff, at = catalogue_example()
    >>> known(shop, "tea")
    Traceback (most recent call last):
    ...
    wulian_core.errors.NotFound: no item 'tea'
    """
    found = shelf._items.get(item) if type(item) is str else None
    if found is None:
        raise NotFound("item", item)
    return found


def waiting(shelf: CatalogueState, command: str, order: object) -> ItemReserved:
    """The order ``order`` if it waits for pickup; NotFound or IllegalTransition if not."""
    found = shelf._orders.get(order) if type(order) is str else None
    if found is None:
        raise NotFound("order", order)
    if found[1] is not PickupStatus.PENDING:
        raise IllegalTransition(found[1].label_zh, command, f"order {order}")
    reserved: ItemReserved = found[0]
    return reserved


def decide_open(
    *, point: str, community: RegionCode, by: Actor, at: dt.datetime, key: str
) -> tuple[CatalogueEvent, ...]:
    """The opening of redemption point ``point``'s catalogue, by its community's staff.

    >>> import datetime as dt
    >>> decide_open(point="market-1", community="150603001001", by=Actor("p-9"),
    ...             at=dt.datetime(2024, 3, 1, tzinfo=dt.UTC), key="opened")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Catalogue.open.community: must be a RegionCode (got '150603001001')
    """
    _checks.arg_id(point, "Catalogue.open.point")
    if not isinstance(community, RegionCode):
        raise InvalidValue("Catalogue.open.community", community, "must be a RegionCode")
    if not is_staff(by, community):
        raise PermissionDenied("open a catalogue", by.person, "only the community's staff")
    return (_opened(point=point, at=at, by=by.person, key=key, community=community),)


def decide_list_item(
    shelf: CatalogueState,
    *,
    item: str,
    name: str,
    price: int,
    stock: int,
    by: Actor,
    at: dt.datetime,
    key: str,
) -> tuple[CatalogueEvent, ...]:
    """The listing of a new item at ``price`` material points with ``stock`` in store.

    >>> from wulian_core.examples import catalogue_example
    >>> shop, staff, at = catalogue_example()
    >>> decide_list_item(shop, item="tea", name="茶叶", price=0, stock=1, by=staff, at=at,
    ...                  key="l-2")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Catalogue.list_item.price: must be a whole number from 1 to 1000000000000 (got 0)
    """
    staff_only(shelf, "list_item", by)
    _checks.arg_id(item, "Catalogue.list_item.item")
    if item in shelf._items:
        raise IllegalTransition("listed", "list_item", f"item {item}")
    _checks.arg_text(name, "Catalogue.list_item.name", limit=_checks.MAX_TEXT)
    _checks.arg_count(price, "Catalogue.list_item.price", minimum=1)
    _checks.arg_count(stock, "Catalogue.list_item.stock")
    return (
        _listed(
            point=shelf._point,
            at=at,
            by=by.person,
            key=key,
            item=item,
            name=name,
            price=price,
            stock=stock,
        ),
    )


def decide_donate(
    shelf: CatalogueState,
    *,
    item: str,
    quantity: int,
    donor: str,
    by: Actor,
    at: dt.datetime,
    key: str,
) -> tuple[CatalogueEvent, ...]:
    """The receipt of a donation of ``quantity`` of a listed item.

    >>> from wulian_core.examples import catalogue_example
    >>> shop, staff, at = catalogue_example()
    >>> (ev,) = decide_donate(shop, item="soap", quantity=4, donor="org-7", by=staff, at=at,
    ...                       key="D-1")
    >>> ev.quantity, shop.stock("soap")
    (4, 2)
    """
    staff_only(shelf, "donate", by)
    known(shelf, item)
    _checks.arg_count(quantity, "Catalogue.donate.quantity", minimum=1)
    _checks.arg_id(donor, "Catalogue.donate.donor")
    return (
        _donated(
            point=shelf._point,
            at=at,
            by=by.person,
            key=key,
            item=item,
            quantity=quantity,
            donor=donor,
        ),
    )


def decide_reserve(
    shelf: CatalogueState,
    *,
    holder: str,
    item: str,
    quantity: int,
    by: Actor,
    at: dt.datetime,
    key: str,
) -> tuple[CatalogueEvent, ...]:
    """Holding ``quantity`` of ``item`` for ``holder`` until pickup; the order is ``key``.

    The passbook's side, the points, is :func:`.spend.decide_redeem`'s.

    >>> from wulian_core.examples import catalogue_example
    >>> shop, staff, at = catalogue_example()
    >>> decide_reserve(shop, holder="p-3", item="soap", quantity=3, by=staff, at=at,
    ...                key="order-1")
    Traceback (most recent call last):
    ...
    wulian_core.errors.IllegalTransition: cannot redeem when out of stock: 2 soap left
    """
    found = known(shelf, item)
    if type(quantity) is not int or quantity < 1:
        raise InvalidValue("Catalogue.redeem.quantity", quantity, "must be a whole number >= 1")
    if found.stock < quantity:
        raise IllegalTransition("out of stock", "redeem", f"{found.stock} {item} left")
    return (
        _reserved(
            point=shelf._point,
            at=at,
            by=by.person,
            key=key,
            holder=holder,
            item=item,
            quantity=quantity,
            points=found.price * quantity,
        ),
    )


def decide_pick_up(
    shelf: CatalogueState, *, order: str, by: Actor, at: dt.datetime, key: str
) -> tuple[CatalogueEvent, ...]:
    """Handing a waiting order over (已领取), by the point's staff.

    >>> from wulian_core.examples import catalogue_example
    >>> shop, staff, at = catalogue_example()
    >>> decide_pick_up(shop, order="order-9", by=staff, at=at, key="p-1")
    Traceback (most recent call last):
    ...
    wulian_core.errors.NotFound: no order 'order-9'
    """
    staff_only(shelf, "pick_up", by)
    waiting(shelf, "pick_up", order)
    return (_picked_up(point=shelf._point, at=at, by=by.person, key=key, order=order),)


def decide_cancel_reservation(
    shelf: CatalogueState,
    *,
    holder: str,
    order: str,
    reason: str,
    by: Actor,
    at: dt.datetime,
    key: str,
) -> tuple[CatalogueEvent, ...]:
    """Cancelling ``holder``'s waiting order: its stock comes back.

    The passbook's side, the points, is :func:`.spend.decide_cancel`'s, which also
    checks who cancels.

    >>> from wulian_core.examples import catalogue_example
    >>> shop, staff, at = catalogue_example()
    >>> decide_cancel_reservation(shop, holder="p-3", order="order-9", reason="缺货",
    ...                           by=staff, at=at, key="c-1")
    Traceback (most recent call last):
    ...
    wulian_core.errors.NotFound: no order 'order-9'
    """
    reserved = waiting(shelf, "cancel", order)
    if reserved.holder != holder:
        raise InvalidValue(
            "Catalogue.cancel.passbook", holder, f"order {order} belongs to another passbook"
        )
    reason_of(reason, "Catalogue.cancel.reason")
    return (
        _cancelled(point=shelf._point, at=at, by=by.person, key=key, order=order, reason=reason),
    )
