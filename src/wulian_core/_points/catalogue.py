"""The points supermarket (积分超市): a redemption point's catalogue, stock and orders.

A :class:`Catalogue` belongs to one redemption point (a supermarket or partner shop)
of a community. Items have a price in material points and a stock; donations add stock,
and the donation event is its receipt (捐赠物品接收单). Redeeming holds the points and
the item (待领取) until pickup (已领取) or cancellation (points and stock restored); the
passbook and the catalogue both change, or neither does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ._catalogue_events import (
    CATALOGUE_EVENTS,
    CatalogueEvent,
    CatalogueOpened,
    ItemListed,
    ItemPickedUp,
    ItemReserved,
    PickupStatus,
    Reservation,
    ReservationCancelled,
    StockDonated,
    request_of,
)
from ._catalogue_state import _Item, _Shelf
from ._points_book import _Book
from ._points_guard import check_command, is_staff
from .errors import (
    IdempotencyConflict,
    IllegalTransition,
    IntegrityError,
    InvalidValue,
    NotFound,
    PermissionDenied,
)
from .people import Actor
from .regions import RegionCode

if TYPE_CHECKING:
    from ._points_events import PassbookEvent
    from .points import Passbook

__all__ = ["Catalogue"]


def _passbook(name: str, value: object) -> None:
    if not isinstance(value, _Book):
        raise InvalidValue(f"{name}.passbook", value, "must be a Passbook")


class Catalogue(_Shelf):
    """A redemption point's catalogue: items, stock, donations and orders.

    Commands follow the passbook's rules (``by=``, ``at=``, ``key=``; checked first,
    one event each, retries apply once). The point's staff are the community workers and
    secretary of its community; they list items, take donations and hand orders over.

    >>> import datetime as dt
    >>> from wulian_core.people import Grant, Role, Scope
    >>> from wulian_core.points import Holder, HolderKind, Passbook, PointsPolicy
    >>> at = dt.datetime(2024, 3, 1, 9, tzinfo=dt.UTC)
    >>> home = RegionCode("150603001001")
    >>> staff = Actor("p-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(home))})
    >>> shop = Catalogue.open(point="market-1", community=home, by=staff, at=at)
    >>> _ = shop.list_item(item="soap", name="肥皂", price=3, stock=2, by=staff, at=at, key="l-1")
    >>> book = Passbook.open(Holder(id="p-3", kind=HolderKind.PERSON, community=home),
    ...                      policy=PointsPolicy.practice(), by=staff, at=at)
    >>> _ = book.accrue_activity(activity="a-1", on=at.date(), activity_kind="public_welfare",
    ...                          by=staff, at=at, key="k-1")
    >>> _ = shop.redeem(book, item="soap", by=Actor("p-3"), at=at, key="order-1")
    >>> book.balance(), shop.stock("soap"), shop.reservation("order-1").status.label_zh
    (2, 1, '待领取')
    """

    __slots__ = ()

    # --- construction -----------------------------------------------------------------------

    @classmethod
    def open(
        cls, *, point: str, community: RegionCode, by: Actor, at: dt.datetime, key: str = "opened"
    ) -> Catalogue:
        """A new catalogue for the redemption point ``point``, opened by the community's staff.

        >>> import datetime as dt
        >>> from wulian_core.people import Grant, Role, Scope
        >>> home = RegionCode("150603001001")
        >>> staff = Actor("p-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(home))})
        >>> at = dt.datetime(2024, 3, 1, tzinfo=dt.UTC)
        >>> shop = Catalogue.open(point="market-1", community=home, by=staff, at=at)
        >>> shop.point, shop.version, type(shop.events[0]).kind
        ('market-1', 1, 'catalogue.opened')
        """
        check_command("Catalogue.open", by, at, key)
        event = CatalogueOpened(point=point, at=at, by=by.person, key=key, community=community)
        if not is_staff(by, community):
            raise PermissionDenied("open a catalogue", by.person, "only the community's staff")
        catalogue = cls(point, community)
        catalogue._record(event)
        return catalogue

    @classmethod
    def replay(cls, events: Iterable[CatalogueEvent]) -> Catalogue:
        """The catalogue these events (its whole history, in order) describe.

        >>> import datetime as dt
        >>> from wulian_core.people import Grant, Role, Scope
        >>> home = RegionCode("150603001001")
        >>> staff = Actor("p-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(home))})
        >>> shop = Catalogue.open(point="market-1", community=home, by=staff,
        ...                       at=dt.datetime(2024, 3, 1, tzinfo=dt.UTC))
        >>> Catalogue.replay(shop.events).point
        'market-1'
        """
        history = list(events)
        if not history or type(history[0]) is not CatalogueOpened:
            raise IntegrityError(["a catalogue's history starts with CatalogueOpened"])
        first: CatalogueOpened = history[0]
        catalogue = cls(first.point, first.community)
        for index, event in enumerate(history):
            if type(event) not in CATALOGUE_EVENTS or event.point != first.point:
                raise IntegrityError([f"event {index} is not an event of {first.point}"])
            if event.key in catalogue._by_key:
                raise IntegrityError([f"event {index} reuses key {event.key!r}"])
            catalogue._record(event)
        return catalogue

    # --- the command frame ------------------------------------------------------------------

    def _start(
        self, command: str, by: Actor, at: dt.datetime, key: str, request: tuple[Any, ...]
    ) -> CatalogueEvent | None:
        check_command(f"Catalogue.{command}", by, at, key)
        stored = self._by_key.get(key)
        if stored is not None:
            if request_of(stored) != request:
                raise IdempotencyConflict(key)
            return stored
        last = self._events[-1].at
        if at < last:
            raise InvalidValue(
                f"Catalogue.{command}.at", at, f"must not be before the last event ({last})"
            )
        return None

    def _staff_only(self, command: str, by: Actor) -> None:
        if not is_staff(by, self._community):
            raise PermissionDenied(command, by.person, f"only the staff of {self._point}")

    def _known(self, item: object) -> _Item:
        found = self._items.get(item) if type(item) is str else None
        if found is None:
            raise NotFound("item", item)
        return found

    # --- commands ---------------------------------------------------------------------------

    def list_item(
        self,
        *,
        item: str,
        name: str,
        price: int,
        stock: int = 0,
        by: Actor,
        at: dt.datetime,
        key: str,
    ) -> tuple[CatalogueEvent, ...]:
        """List an item at ``price`` material points with an opening ``stock``.

        >>> import datetime as dt
        >>> from wulian_core.people import Grant, Role, Scope
        >>> home = RegionCode("150603001001")
        >>> staff = Actor("p-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(home))})
        >>> at = dt.datetime(2024, 3, 1, tzinfo=dt.UTC)
        >>> shop = Catalogue.open(point="market-1", community=home, by=staff, at=at)
        >>> _ = shop.list_item(item="soap", name="肥皂", price=3, stock=2, by=staff, at=at,
        ...                    key="l-1")
        >>> shop.price("soap"), shop.stock("soap")
        (3, 2)
        """
        stored = self._start(
            "list_item",
            by,
            at,
            key,
            ("list_item", getattr(by, "person", by), item, name, price, stock),
        )
        if stored is not None:
            return (stored,)
        self._staff_only("list_item", by)
        if item in self._items:
            raise IllegalTransition("listed", "list_item", f"item {item}")
        event = ItemListed(
            point=self._point,
            at=at,
            by=by.person,
            key=key,
            item=item,
            name=name,
            price=price,
            stock=stock,
        )
        self._record(event)
        return (event,)

    def donate(
        self, *, item: str, quantity: int, donor: str, by: Actor, at: dt.datetime, key: str
    ) -> tuple[CatalogueEvent, ...]:
        """Take a donation of ``quantity`` items into stock; the event is the receipt.

        >>> import datetime as dt
        >>> from wulian_core.people import Grant, Role, Scope
        >>> home = RegionCode("150603001001")
        >>> staff = Actor("p-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(home))})
        >>> at = dt.datetime(2024, 3, 1, tzinfo=dt.UTC)
        >>> shop = Catalogue.open(point="market-1", community=home, by=staff, at=at)
        >>> _ = shop.list_item(item="rice", name="大米", price=20, by=staff, at=at, key="l-1")
        >>> _ = shop.donate(item="rice", quantity=4, donor="org-7", by=staff, at=at, key="D-1")
        >>> shop.stock("rice"), shop.receipt("D-1").donor
        (4, 'org-7')
        """
        request = ("donate", getattr(by, "person", by), item, quantity, donor)
        stored = self._start("donate", by, at, key, request)
        if stored is not None:
            return (stored,)
        self._staff_only("donate", by)
        self._known(item)
        event = StockDonated(
            point=self._point,
            at=at,
            by=by.person,
            key=key,
            item=item,
            quantity=quantity,
            donor=donor,
        )
        self._record(event)
        return (event,)

    def redeem(
        self,
        passbook: Passbook,
        *,
        item: str,
        quantity: int = 1,
        by: Actor,
        at: dt.datetime,
        key: str,
    ) -> tuple[PassbookEvent | CatalogueEvent, ...]:
        """Redeem material points for items: the points and the items are held until pickup.

        Both aggregates are checked before either changes; the order's id is ``key``.
        Returns the passbook's ``PointsRedeemed`` and the catalogue's ``ItemReserved``.
        """
        _passbook("Catalogue.redeem", passbook)
        check_command("Catalogue.redeem", by, at, key)
        request = ("redeem", by.person, passbook.holder.id, item, quantity)
        mine, theirs = self._by_key.get(key), passbook._event(key)
        if mine is not None or theirs is not None:
            if mine is None or theirs is None or request_of(mine) != request:
                raise IdempotencyConflict(key)
            return (theirs, mine)
        self._start("redeem", by, at, key, request)
        found = self._known(item)
        if type(quantity) is not int or quantity < 1:
            raise InvalidValue("Catalogue.redeem.quantity", quantity, "must be a whole number >= 1")
        if found.stock < quantity:
            raise IllegalTransition("out of stock", "redeem", f"{found.stock} {item} left")
        points = found.price * quantity
        passbook._start("redeem", by, at, key)
        spent = passbook._decide_redeem("redeem", points, self._point, item, by, at, key)
        reserved = ItemReserved(
            point=self._point,
            at=at,
            by=by.person,
            key=key,
            holder=passbook.holder.id,
            item=item,
            quantity=quantity,
            points=points,
        )
        passbook._record(spent)
        self._record(reserved)
        return (spent, reserved)

    def pick_up(
        self, *, order: str, by: Actor, at: dt.datetime, key: str
    ) -> tuple[CatalogueEvent, ...]:
        """Hand a waiting order over (已领取); the staff record it."""
        stored = self._start("pick_up", by, at, key, ("pick_up", getattr(by, "person", by), order))
        if stored is not None:
            return (stored,)
        self._staff_only("pick_up", by)
        self._waiting("pick_up", order)
        event = ItemPickedUp(point=self._point, at=at, by=by.person, key=key, order=order)
        self._record(event)
        return (event,)

    def _waiting(self, command: str, order: object) -> ItemReserved:
        found = self._orders.get(order) if type(order) is str else None
        if found is None:
            raise NotFound("order", order)
        if found[1] is not PickupStatus.PENDING:
            raise IllegalTransition(found[1].label_zh, command, f"order {order}")
        reserved: ItemReserved = found[0]
        return reserved

    def cancel(
        self, passbook: Passbook, *, order: str, reason: str, by: Actor, at: dt.datetime, key: str
    ) -> tuple[PassbookEvent | CatalogueEvent, ...]:
        """Cancel a waiting order: the stock and the holder's points come back together."""
        _passbook("Catalogue.cancel", passbook)
        check_command("Catalogue.cancel", by, at, key)
        request = ("cancel", by.person, order, reason)
        mine, theirs = self._by_key.get(key), passbook._event(key)
        if mine is not None or theirs is not None:
            if mine is None or theirs is None or request_of(mine) != request:
                raise IdempotencyConflict(key)
            return (theirs, mine)
        self._start("cancel", by, at, key, request)
        reserved = self._waiting("cancel", order)
        if reserved.holder != passbook.holder.id:
            raise InvalidValue(
                "Catalogue.cancel.passbook",
                passbook.holder.id,
                f"order {order} belongs to another passbook",
            )
        passbook._start("cancel_redemption", by, at, key)
        restored = passbook._decide_cancel("cancel", order, reason, by, at, key)
        cancelled = ReservationCancelled(
            point=self._point, at=at, by=by.person, key=key, order=order, reason=reason
        )
        passbook._record(restored)
        self._record(cancelled)
        return (restored, cancelled)

    # --- queries ----------------------------------------------------------------------------

    @property
    def point(self) -> str:
        """The redemption point's id; its account in every passbook is named by it."""
        return self._point

    @property
    def version(self) -> int:
        """How many events the catalogue holds."""
        return len(self._events)

    @property
    def events(self) -> tuple[CatalogueEvent, ...]:
        """The whole history, oldest first."""
        return tuple(self._events)

    def stock(self, item: str) -> int:
        """Items in stock now (reserved items are out of it)."""
        return self._known(item).stock

    def price(self, item: str) -> int:
        """The item's price in material points."""
        return self._known(item).price

    def reservation(self, order: str) -> Reservation:
        """The order ``order`` (the key of its redemption) as it stands."""
        found = self._orders.get(order) if type(order) is str else None
        if found is None:
            raise NotFound("order", order)
        event: ItemReserved = found[0]
        return Reservation(
            order=order,
            holder=event.holder,
            item=event.item,
            quantity=event.quantity,
            points=event.points,
            status=found[1],
        )

    def reservations(self, status: PickupStatus | None = None) -> Iterator[Reservation]:
        """Every order, oldest first, or those with ``status``."""
        for order, (_event, now) in self._orders.items():
            if status is None or now is status:
                yield self.reservation(order)

    def receipt(self, key: str) -> StockDonated:
        """The donation receipt numbered ``key``."""
        found = self._by_key.get(key)
        if not isinstance(found, StockDonated):
            raise NotFound("donation receipt", key)
        return found

    def _repr_html_(self) -> str:
        """For Jupyter: the items, prices and stock, in a small table."""
        from ._repr_html import catalogue_html

        return catalogue_html(self)

    def settled_points(self) -> int:
        """Points of orders picked up: what the partner shop is settled on."""
        return sum(r.points for r in self.reservations(PickupStatus.PICKED_UP))
