"""The points supermarket (积分超市): a redemption point's catalogue, stock and orders.

A :class:`Catalogue` belongs to one redemption point (a supermarket or partner shop)
of a community. Items have a price in material points and a stock; donations add stock,
and the donation event is its receipt (捐赠物品接收单). Redeeming holds the points and
the item (待领取) until pickup (已领取) or cancellation (points and stock restored); the
passbook and the catalogue both change, or neither does.

Commands are thin, as the passbook's: frame (actor, aware instant, key), answer a retry,
decide (:mod:`.catalogue_decide`; for the points, :mod:`.spend`), record. An order is
recorded in the passbook through :meth:`Passbook.record <wulian_core.points.Passbook.record>`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from wulian_core import _checks
from wulian_core.errors import IntegrityError, InvalidValue, NotFound
from wulian_core.people import Actor
from wulian_core.regions import RegionCode

from .catalogue_decide import (
    decide_cancel_reservation,
    decide_donate,
    decide_list_item,
    decide_open,
    decide_pick_up,
    decide_reserve,
    known,
)
from .catalogue_events import (
    CATALOGUE_EVENTS,
    CatalogueEvent,
    CatalogueOpened,
    ItemReserved,
    PickupStatus,
    Reservation,
    StockDonated,
    request_of,
)
from .catalogue_state import CatalogueState
from .events import PassbookEvent
from .guard import KeyedFrame, check_command, frame, retry_both
from .html import catalogue_html, view_options
from .passbook import Passbook
from .shop_state import ShopRegistryState
from .spend import decide_cancel, decide_redeem

__all__ = ["Catalogue"]


def _passbook(name: str, value: object) -> None:
    if not isinstance(value, Passbook):
        raise InvalidValue(f"{name}.passbook", value, "must be a Passbook")


class Catalogue(CatalogueState, KeyedFrame):
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

    Two catalogues are equal when their point, community and history are, so
    ``Catalogue.replay(shop.events) == shop``. A catalogue is not thread-safe: use one
    per request, replayed from the store, never one shared between threads (see
    ``docs/embedding.md``).

    >>> Catalogue.replay(shop.events) == shop
    True
    """

    __slots__ = ()
    _request_of = staticmethod(request_of)  # the request each of its events answered

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return (
            self._point == other._point
            and self._community == other._community
            and self._events == other._events
        )

    __hash__ = None  # type: ignore[assignment]  # it changes with every command

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
        (event,) = decide_open(point=point, community=community, by=by, at=at, key=key)
        catalogue = cls(point, community)
        catalogue._record(event)
        return catalogue

    @classmethod
    def replay(cls, events: Iterable[CatalogueEvent]) -> Catalogue:
        """The catalogue these events (its whole history, in order) describe.

        >>> from wulian_core.examples import catalogue_example
        >>> shop, staff, at = catalogue_example()
        >>> again = Catalogue.replay(shop.events)
        >>> again.point, again.stock("soap")
        ('market-1', 2)
        """
        history = _checks.arg_items(events, "Catalogue.replay.events", what="catalogue events")
        if not history or type(history[0]) is not CatalogueOpened:
            raise IntegrityError(["a catalogue's history starts with CatalogueOpened"])
        first: CatalogueOpened = history[0]
        catalogue = cls(first.point, first.community)
        last = first.at
        for index, event in enumerate(history):
            if type(event) not in CATALOGUE_EVENTS or event.point != first.point:
                raise IntegrityError([f"event {index} is not an event of {first.point}"])
            if index and type(event) is CatalogueOpened:
                raise IntegrityError([f"event {index} opens {first.point} again"])
            if event.at < last:
                raise IntegrityError(
                    [f"event {index} ({event.key}) is earlier than the one before"]
                )
            if event.key in catalogue._by_key:
                raise IntegrityError([f"event {index} reuses key {event.key!r}"])
            catalogue._record(event)
            last = event.at
        return catalogue

    # --- the command frame ------------------------------------------------------------------

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

        >>> from wulian_core.examples import catalogue_example
        >>> shop, staff, at = catalogue_example()
        >>> _ = shop.list_item(item="rice", name="大米", price=20, stock=5, by=staff, at=at,
        ...                    key="l-2")
        >>> shop.price("rice"), shop.stock("rice")
        (20, 5)
        """
        request = ("list_item", getattr(by, "person", by), item, name, price, stock)
        found = self._start("list_item", by, at, key, request)
        if found is not None:
            return (found,)
        return self._commit(
            decide_list_item(
                self, item=item, name=name, price=price, stock=stock, by=by, at=at, key=key
            )
        )

    def donate(
        self, *, item: str, quantity: int, donor: str, by: Actor, at: dt.datetime, key: str
    ) -> tuple[CatalogueEvent, ...]:
        """Take a donation of ``quantity`` items into stock; the event is the receipt.

        >>> from wulian_core.examples import catalogue_example
        >>> shop, staff, at = catalogue_example()
        >>> _ = shop.donate(item="soap", quantity=4, donor="org-7", by=staff, at=at, key="D-1")
        >>> shop.stock("soap"), shop.receipt("D-1").donor
        (6, 'org-7')
        """
        request = ("donate", getattr(by, "person", by), item, quantity, donor)
        found = self._start("donate", by, at, key, request)
        if found is not None:
            return (found,)
        return self._commit(
            decide_donate(self, item=item, quantity=quantity, donor=donor, by=by, at=at, key=key)
        )

    def redeem(
        self,
        passbook: Passbook,
        *,
        item: str,
        quantity: int = 1,
        by: Actor,
        at: dt.datetime,
        key: str,
        shops: ShopRegistryState | None = None,
    ) -> tuple[PassbookEvent | CatalogueEvent, ...]:
        """Redeem material points for items: the points and the items are held until pickup.

        Both aggregates are checked before either changes; the order's id is ``key``.
        Returns the passbook's ``PointsRedeemed`` and the catalogue's ``ItemReserved``.
        Given the street's shop registry (``shops=``), the point must be registered,
        active and accept the item.

        >>> from wulian_core.examples import catalogue_example, passbook_example
        >>> shop, staff, at = catalogue_example()
        >>> book, worker, me, _ = passbook_example()
        >>> shop.redeem(book, item="soap", by=me, at=at, key="order-1")
        Traceback (most recent call last):
        ...
        wulian_core.errors.InsufficientPoints: needs 3 material points, 0 available
        """
        _passbook("Catalogue.redeem", passbook)
        check_command("Catalogue.redeem", by, at, key)
        request = ("redeem", by.person, passbook.holder.id, item, quantity)
        retried = retry_both(self._by_key.get(key), passbook, key, request, asked=request_of)
        if retried is not None:
            return retried
        self._start("redeem", by, at, key, request)
        (reserved,) = decide_reserve(
            self, holder=passbook.holder.id, item=item, quantity=quantity, by=by, at=at, key=key
        )
        frame(passbook, "redeem", by, at, key)
        (spent,) = decide_redeem(
            passbook,
            command="redeem",
            points=reserved.points,  # type: ignore[union-attr]  # an ItemReserved
            point=self._point,
            item=item,
            by=by,
            at=at,
            key=key,
            shops=shops,
        )
        passbook.record(spent)
        self._record(reserved)
        return (spent, reserved)

    def pick_up(
        self, *, order: str, by: Actor, at: dt.datetime, key: str
    ) -> tuple[CatalogueEvent, ...]:
        """Hand a waiting order over (已领取); the staff record it.

        >>> from wulian_core.examples import catalogue_example
        >>> shop, staff, at = catalogue_example()
        >>> shop.pick_up(order="order-1", by=staff, at=at, key="p-1")
        Traceback (most recent call last):
        ...
        wulian_core.errors.NotFound: no order 'order-1'
        """
        request = ("pick_up", getattr(by, "person", by), order)
        found = self._start("pick_up", by, at, key, request)
        if found is not None:
            return (found,)
        return self._commit(decide_pick_up(self, order=order, by=by, at=at, key=key))

    def cancel(
        self, passbook: Passbook, *, order: str, reason: str, by: Actor, at: dt.datetime, key: str
    ) -> tuple[PassbookEvent | CatalogueEvent, ...]:
        """Cancel a waiting order: the stock and the holder's points come back together.

        >>> from wulian_core.examples import catalogue_example, passbook_example
        >>> shop, staff, at = catalogue_example()
        >>> book, worker, me, _ = passbook_example()
        >>> shop.cancel(book, order="order-1", reason="不要了", by=me, at=at, key="c-1")
        Traceback (most recent call last):
        ...
        wulian_core.errors.NotFound: no order 'order-1'
        """
        _passbook("Catalogue.cancel", passbook)
        check_command("Catalogue.cancel", by, at, key)
        request = ("cancel", by.person, order, reason)
        retried = retry_both(self._by_key.get(key), passbook, key, request, asked=request_of)
        if retried is not None:
            return retried
        self._start("cancel", by, at, key, request)
        (cancelled,) = decide_cancel_reservation(
            self, holder=passbook.holder.id, order=order, reason=reason, by=by, at=at, key=key
        )
        frame(passbook, "cancel_redemption", by, at, key)
        (restored,) = decide_cancel(
            passbook,
            command="cancel",
            order=order,
            reason=reason,
            by=by,
            at=at,
            key=key,
            catalogue=True,
        )
        passbook.record(restored)
        self._record(cancelled)
        return (restored, cancelled)

    # --- queries ----------------------------------------------------------------------------

    @property
    def point(self) -> str:
        """The redemption point's id; its account in every passbook is named by it.

        >>> from wulian_core.examples import catalogue_example
        >>> catalogue_example()[0].point
        'market-1'
        """
        return self._point

    @property
    def community(self) -> RegionCode:
        """The community the redemption point serves; its staff run the catalogue.

        >>> from wulian_core.examples import catalogue_example
        >>> str(catalogue_example()[0].community)
        '150603001001'
        """
        return self._community

    @property
    def version(self) -> int:
        """How many events the catalogue holds.

        >>> from wulian_core.examples import catalogue_example
        >>> catalogue_example()[0].version
        2
        """
        return len(self._events)

    @property
    def events(self) -> tuple[CatalogueEvent, ...]:
        """The whole history, oldest first.

        >>> from wulian_core.examples import catalogue_example
        >>> [type(event).kind for event in catalogue_example()[0].events]
        ['catalogue.opened', 'catalogue.item_listed']
        """
        return tuple(self._events)

    def items(self) -> tuple[str, ...]:
        """The listed items' ids, in the order they were listed.

        >>> from wulian_core.examples import catalogue_example
        >>> catalogue_example()[0].items()
        ('soap',)
        """
        return tuple(self._items)

    def name(self, item: str) -> str:
        """The item's name, as listed.

        >>> from wulian_core.examples import catalogue_example
        >>> catalogue_example()[0].name("soap")
        '肥皂'
        """
        return known(self, item).name

    def stock(self, item: str) -> int:
        """Items in stock now (reserved items are out of it).

        >>> from wulian_core.examples import catalogue_example
        >>> catalogue_example()[0].stock("soap")
        2
        """
        return known(self, item).stock

    def price(self, item: str) -> int:
        """The item's price in material points.

        >>> from wulian_core.examples import catalogue_example
        >>> catalogue_example()[0].price("soap")
        3
        """
        return known(self, item).price

    def reservation(self, order: str) -> Reservation:
        """The order ``order`` (the key of its redemption) as it stands.

        >>> from wulian_core.examples import catalogue_example
        >>> catalogue_example()[0].reservation("order-1")
        Traceback (most recent call last):
        ...
        wulian_core.errors.NotFound: no order 'order-1'
        """
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
        """Every order, oldest first, or those with ``status``.

        >>> from wulian_core.examples import catalogue_example
        >>> list(catalogue_example()[0].reservations(PickupStatus.PENDING))
        []
        """
        for order, (_event, now) in self._orders.items():
            if status is None or now is status:
                yield self.reservation(order)

    def receipt(self, key: str) -> StockDonated:
        """The donation receipt numbered ``key``.

        >>> from wulian_core.examples import catalogue_example
        >>> catalogue_example()[0].receipt("l-1")
        Traceback (most recent call last):
        ...
        wulian_core.errors.NotFound: Catalogue.receipt.key: no donation receipt 'l-1'
        """
        found = self._by_key.get(key) if type(key) is str else None
        if not isinstance(found, StockDonated):
            raise NotFound("donation receipt", key, argument="Catalogue.receipt.key")
        return found

    def settled_points(self) -> int:
        """Points of orders picked up: what the partner shop is settled on.

        >>> from wulian_core.examples import catalogue_example
        >>> catalogue_example()[0].settled_points()
        0
        """
        return sum(r.points for r in self.reservations(PickupStatus.PICKED_UP))

    def to_html(self, *, full: bool = False, lang: str = "zh") -> str:
        """The first 20 items, prices and stock as HTML; ``full=True`` every item.

        >>> from wulian_core.examples import catalogue_example
        >>> "<th>stock</th>" in catalogue_example()[0].to_html(lang="en")
        True
        """
        language = view_options(full, lang, "Catalogue")
        return catalogue_html(self, first=None if full else 20, lang=language)

    def _repr_html_(self) -> str:
        """For Jupyter: the items, prices and stock, in a small table."""
        return self.to_html()
