"""The :class:`ShopRegistry` aggregate: a street's (or a community's) redemption points.

Commands are thin, as the catalogue's: frame (actor, aware instant, key), answer a retry,
decide (:mod:`.shop_decide`; for the points, :mod:`.spend`), record. A booking is
recorded in the passbook through :meth:`Passbook.record <wulian_core.points.Passbook.record>`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from wulian_core.errors import IntegrityError, InvalidValue
from wulian_core.funding import yuan
from wulian_core.people import Actor
from wulian_core.regions import RegionCode

from .events import PassbookEvent
from .guard import KeyedFrame, check_command, frame, retry_both
from .passbook import Passbook
from .shop_decide import (
    decide_book,
    decide_cancel_appointment,
    decide_keep,
    decide_open_registry,
    decide_open_slot,
    decide_register,
    decide_suspend,
)
from .shop_events import (
    SHOP_EVENTS,
    PointKind,
    RegistryOpened,
    ShopEvent,
    request_of,
)
from .shop_queries import Appointment, RedemptionPoint, ShopRegistryQueries
from .spend import decide_cancel, decide_redeem

__all__ = ["Appointment", "RedemptionPoint", "ShopRegistry"]


def _passbook(name: str, value: object) -> None:
    if not isinstance(value, Passbook):
        raise InvalidValue(f"{name}.passbook", value, "must be a Passbook")


class ShopRegistry(ShopRegistryQueries, KeyedFrame):
    """The redemption points of a street or a community: who takes points, for what, at
    which rate, and the service slots booked by appointment.

    Pass it to :meth:`Passbook.redeem <wulian_core.points.Passbook.redeem>` and
    :meth:`Catalogue.redeem <wulian_core.points.Catalogue.redeem>` as ``shops=``: an
    unregistered or suspended point is refused. :func:`settle_month` pays each point.

    >>> from wulian_core.examples import passbook_example, shops_example
    >>> shops, staff, at = shops_example()
    >>> book, worker, me, _ = passbook_example()
    >>> book.redeem(points=1, point="corner-store", by=me, at=at, key="r-1", shops=shops)
    Traceback (most recent call last):
    ...
    wulian_core.errors.NotFound: no redemption point 'corner-store'
    """

    __slots__ = ()
    _request_of = staticmethod(request_of)  # the request each of its events answered

    @classmethod
    def open(
        cls, *, registry: str, region: RegionCode, by: Actor, at: dt.datetime, key: str = "opened"
    ) -> ShopRegistry:
        """A new registry for a street (township) or a community, opened by its staff.

        >>> from wulian_core.people import Grant, Role, Scope
        >>> home = RegionCode("150603001001")
        >>> staff = Actor("p-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(home))})
        >>> shops = ShopRegistry.open(registry="reg-1", region=home.parent, by=staff,
        ...                           at=dt.datetime(2024, 3, 1, tzinfo=dt.UTC))
        >>> shops.registry, str(shops.region), shops.version
        ('reg-1', '150603001', 1)
        """
        check_command("ShopRegistry.open", by, at, key)
        (event,) = decide_open_registry(registry=registry, region=region, by=by, at=at, key=key)
        shops = cls(registry, region)
        shops._record(event)
        return shops

    @classmethod
    def replay(cls, events: Iterable[ShopEvent]) -> ShopRegistry:
        """The registry these events (its whole history, in order) describe.

        >>> from wulian_core.examples import shops_example
        >>> shops, staff, at = shops_example()
        >>> ShopRegistry.replay(shops.events).point("shop-1").name
        '便民理发店'
        """
        given: object = events  # checked here because callers pass anything
        if isinstance(given, str | bytes) or not isinstance(given, Iterable):
            raise InvalidValue(f"{cls.__name__}.replay.events", given, "must be iterable")
        history = list(given)
        if not history or type(history[0]) is not RegistryOpened:
            raise IntegrityError(["a shop registry's history starts with RegistryOpened"])
        first: RegistryOpened = history[0]
        shops = cls(first.registry, first.region)
        shops._replay(history, SHOP_EVENTS, first.registry, "registry")
        return shops

    # --- commands ---------------------------------------------------------------------------

    def register(
        self,
        *,
        point: str,
        name: str,
        kind: PointKind,
        community: RegionCode,
        yuan_per_point: Decimal | int | str,
        accepts: Iterable[str],
        by: Actor,
        at: dt.datetime,
        key: str,
    ) -> tuple[ShopEvent, ...]:
        """Register a redemption point: its community, what it accepts, and its rate in
        yuan per point, exact to the fen (``Decimal("0.10")`` is 1 角 a point).

        >>> from wulian_core.examples import shops_example
        >>> shops, staff, at = shops_example()
        >>> _ = shops.register(point="market-1", name="积分超市", kind=PointKind.SUPERMARKET,
        ...     community=RegionCode("150603001001"), yuan_per_point="0.50",
        ...     accepts={"soap", "rice"}, by=staff, at=at, key="reg-m1")
        >>> shops.point("market-1").yuan_per_point
        Decimal('0.50')
        >>> shops.register(point="x", name="x", kind=PointKind.PARTNER_SHOP,
        ...     community=RegionCode("150603001001"), yuan_per_point=0.1, accepts={"a"},
        ...     by=staff, at=at, key="reg-x")
        Traceback (most recent call last):
        ...
        wulian_core.errors.InvalidValue: ShopRegistry.register.yuan_per_point: must be a Decimal, ...
        """
        given: Any = accepts
        if not isinstance(
            given, str | bytes | Mapping | set | frozenset | list | tuple
        ) and hasattr(
            given, "__iter__"
        ):  # a generator is read once, here, so the set and the decision see the same items
            given = tuple(given)
        try:
            taken = (
                given
                if isinstance(given, str) or not hasattr(given, "__iter__")
                else frozenset(given)
            )
        except TypeError:  # unhashable members: left as given, for the decision to name
            taken = given
        rate: Any = yuan_per_point
        # A retry may spell the rate differently ("0.1", Decimal("0.10")); a bad rate is
        # left as given, for the decision to name and refuse.
        with contextlib.suppress(InvalidValue):
            rate = yuan(yuan_per_point)
        request = ("register", getattr(by, "person", by), point, name, kind, community, rate, taken)
        found = self._start("register", by, at, key, request)
        if found is not None:
            return (found,)
        return self._commit(
            decide_register(
                self,
                point=point,
                name=name,
                kind=kind,
                community=community,
                yuan_per_point=yuan_per_point,
                accepts=taken,
                by=by,
                at=at,
                key=key,
            )
        )

    def suspend(
        self, *, point: str, reason: str, by: Actor, at: dt.datetime, key: str
    ) -> tuple[ShopEvent, ...]:
        """Suspend a point: redemptions there are refused until :meth:`reinstate`.

        >>> from wulian_core.examples import shops_example
        >>> shops, staff, at = shops_example()
        >>> _ = shops.suspend(point="shop-1", reason="卫生检查不合格", by=staff, at=at, key="s-1")
        >>> shops.point("shop-1").active
        False
        """
        request = ("suspend", getattr(by, "person", by), point, reason)
        found = self._start("suspend", by, at, key, request)
        if found is not None:
            return (found,)
        return self._commit(
            decide_suspend(self, point=point, reason=reason, suspend=True, by=by, at=at, key=key)
        )

    def reinstate(
        self, *, point: str, reason: str, by: Actor, at: dt.datetime, key: str
    ) -> tuple[ShopEvent, ...]:
        """Reinstate a suspended point.

        >>> from wulian_core.examples import shops_example
        >>> shops, staff, at = shops_example()
        >>> shops.reinstate(point="shop-1", reason="整改完成", by=staff, at=at, key="s-2")
        Traceback (most recent call last):
        ...
        wulian_core.errors.IllegalTransition: cannot reinstate when active: redemption point shop-1
        """
        request = ("reinstate", getattr(by, "person", by), point, reason)
        found = self._start("reinstate", by, at, key, request)
        if found is not None:
            return (found,)
        return self._commit(
            decide_suspend(self, point=point, reason=reason, suspend=False, by=by, at=at, key=key)
        )

    def open_slot(
        self,
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
        """Open an appointment slot (its id is ``key``): ``capacity`` places for a
        service the point accepts, at ``points`` each. Services have no stock.

        >>> from wulian_core.examples import shops_example
        >>> shops, staff, at = shops_example()
        >>> _ = shops.open_slot(point="shop-1", service="haircut", starts=at + dt.timedelta(days=1),
        ...                     capacity=2, points=5, by=staff, at=at, key="slot-2")
        >>> shops.places_left("slot-2")
        2
        """
        request = (
            "open_slot",
            getattr(by, "person", by),
            point,
            service,
            starts,
            capacity,
            points,
        )
        found = self._start("open_slot", by, at, key, request)
        if found is not None:
            return (found,)
        return self._commit(
            decide_open_slot(
                self,
                point=point,
                service=service,
                starts=starts,
                capacity=capacity,
                points=points,
                by=by,
                at=at,
                key=key,
            )
        )

    def book(
        self, passbook: Passbook, *, slot: str, by: Actor, at: dt.datetime, key: str
    ) -> tuple[PassbookEvent | ShopEvent, ...]:
        """Redeem points for a place in a slot; the order's id is ``key``.

        Both aggregates are checked before either changes. Returns the passbook's
        ``PointsRedeemed`` and the registry's ``AppointmentBooked``.

        >>> from wulian_core.examples import passbook_example, shops_example
        >>> shops, staff, at = shops_example()
        >>> book, worker, me, _ = passbook_example()
        >>> shops.book(book, slot="slot-1", by=me, at=at, key="b-1")
        Traceback (most recent call last):
        ...
        wulian_core.errors.InsufficientPoints: needs 5 material points, 0 available
        """
        _passbook("ShopRegistry.book", passbook)
        check_command("ShopRegistry.book", by, at, key)
        request = ("book", by.person, passbook.holder.id, slot)
        retried = retry_both(self._by_key.get(key), passbook, key, request, asked=request_of)
        if retried is not None:
            return retried
        self._start("book", by, at, key, request)
        (placed,) = decide_book(
            self,
            holder=passbook.holder.id,
            community=passbook.holder.community,
            slot=slot,
            by=by,
            at=at,
            key=key,
        )
        opened = self._slots[slot].event
        frame(passbook, "redeem", by, at, key)
        (spent,) = decide_redeem(
            passbook,
            command="book",
            points=opened.points,
            point=opened.point,
            item=opened.service,
            by=by,
            at=at,
            key=key,
            shops=self,
        )
        passbook.record(spent)
        self._record(placed)
        return (spent, placed)

    def keep(self, *, order: str, by: Actor, at: dt.datetime, key: str) -> tuple[ShopEvent, ...]:
        """Mark an appointment kept: the service was given, and the point is paid for it.

        >>> from wulian_core.examples import shops_example
        >>> shops, staff, at = shops_example()
        >>> shops.keep(order="b-9", by=staff, at=at, key="k-1")
        Traceback (most recent call last):
        ...
        wulian_core.errors.NotFound: ShopRegistry.keep.order: no appointment 'b-9'
        """
        request = ("keep", getattr(by, "person", by), order)
        found = self._start("keep", by, at, key, request)
        if found is not None:
            return (found,)
        return self._commit(decide_keep(self, order=order, by=by, at=at, key=key))

    def cancel(
        self, passbook: Passbook, *, order: str, reason: str, by: Actor, at: dt.datetime, key: str
    ) -> tuple[PassbookEvent | ShopEvent, ...]:
        """Cancel a booked appointment: the place and the holder's points come back.

        >>> from wulian_core.examples import passbook_example, shops_example
        >>> shops, staff, at = shops_example()
        >>> book, worker, me, _ = passbook_example()
        >>> shops.cancel(book, order="b-9", reason="有事", by=me, at=at, key="c-1")
        Traceback (most recent call last):
        ...
        wulian_core.errors.NotFound: ShopRegistry.cancel.order: no appointment 'b-9'
        """
        _passbook("ShopRegistry.cancel", passbook)
        check_command("ShopRegistry.cancel", by, at, key)
        request = ("cancel", by.person, order, reason)
        retried = retry_both(self._by_key.get(key), passbook, key, request, asked=request_of)
        if retried is not None:
            return retried
        self._start("cancel", by, at, key, request)
        (cancelled,) = decide_cancel_appointment(
            self, order=order, reason=reason, by=by, at=at, key=key
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
