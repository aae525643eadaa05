"""What a shop registry states: its points, slots and appointments as they stand.

:class:`ShopRegistryQueries` is the read side of a registry, over its state;
:class:`~wulian_core.points.ShopRegistry` adds the commands.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from wulian_core._frozen import frozen
from wulian_core._typed import typed
from wulian_core.errors import NotFound
from wulian_core.regions import RegionCode

from .html import shop_registry_html, view_options
from .shop_decide import open_slot_of, registered
from .shop_events import AppointmentBooked, AppointmentStatus, PointKind, ShopEvent
from .shop_state import ShopRegistryState

__all__ = ["Appointment", "RedemptionPoint", "ShopRegistryQueries"]


@frozen(kw_only=True, field_transformer=typed)
class RedemptionPoint:
    """A registered redemption point as it stands now.

    >>> from wulian_core.examples import shops_example
    >>> shops, staff, at = shops_example()
    >>> shop = shops.point("shop-1")
    >>> shop.kind.label_zh, shop.yuan_per_point, shop.active
    ('合作商家', Decimal('0.10'), True)
    """

    point: str
    name: str
    kind: PointKind
    community: RegionCode
    yuan_per_point: Decimal
    accepts: frozenset[str]
    active: bool


@frozen(kw_only=True, field_transformer=typed)
class Appointment:
    """A booked place in a service slot, as it stands now.

    >>> from wulian_core.examples import shops_example
    >>> shops, staff, at = shops_example()
    >>> list(shops.appointments())
    []
    """

    order: str
    holder: str
    slot: str
    service: str
    starts: dt.datetime
    points: int
    status: AppointmentStatus


class ShopRegistryQueries(ShopRegistryState):
    """The read side of a shop registry.

    >>> from wulian_core.examples import shops_example
    >>> isinstance(shops_example()[0], ShopRegistryQueries)
    True
    """

    __slots__ = ()

    # --- queries ----------------------------------------------------------------------------

    @property
    def registry(self) -> str:
        """The registry's id.

        >>> from wulian_core.examples import shops_example
        >>> shops_example()[0].registry
        'kangbashi-001'
        """
        return self._registry

    @property
    def region(self) -> RegionCode:
        """The street or community whose points the registry lists.

        >>> from wulian_core.examples import shops_example
        >>> str(shops_example()[0].region)
        '150603001'
        """
        return self._region

    @property
    def version(self) -> int:
        """How many events the registry holds.

        >>> from wulian_core.examples import shops_example
        >>> shops_example()[0].version
        3
        """
        return len(self._events)

    @property
    def events(self) -> tuple[ShopEvent, ...]:
        """The whole history, oldest first.

        >>> from wulian_core.examples import shops_example
        >>> [type(e).kind for e in shops_example()[0].events][:2]
        ['shops.registry_opened', 'shops.point_registered']
        """
        return tuple(self._events)

    def point(self, point: str) -> RedemptionPoint:
        """The registered point ``point`` as it stands.

        >>> from wulian_core.examples import shops_example
        >>> sorted(shops_example()[0].point("shop-1").accepts)
        ['haircut', 'soap']
        """
        found = registered(self, point)
        return RedemptionPoint(
            point=point,
            name=found.name,
            kind=found.kind,
            community=found.community,
            yuan_per_point=found.rate,
            accepts=found.accepts,
            active=found.active,
        )

    def points(self) -> tuple[RedemptionPoint, ...]:
        """Every registered point, in the order registered.

        >>> from wulian_core.examples import shops_example
        >>> [p.point for p in shops_example()[0].points()]
        ['shop-1']
        """
        return tuple(self.point(point) for point in self._points)

    def places_left(self, slot: str) -> int:
        """Free places in the slot ``slot``.

        >>> from wulian_core.examples import shops_example
        >>> shops_example()[0].places_left("slot-1")
        3
        """
        found = self._slots.get(slot) if type(slot) is str else None
        if found is None:
            raise NotFound("slot", slot)
        return found.event.capacity - found.booked

    def appointment(self, order: str) -> Appointment:
        """The appointment ``order`` (the key of its booking) as it stands.

        >>> from wulian_core.examples import shops_example
        >>> shops_example()[0].appointment("b-1")
        Traceback (most recent call last):
        ...
        wulian_core.errors.NotFound: ShopRegistry.appointment.order: no appointment 'b-1'
        """
        found = self._orders.get(order) if type(order) is str else None
        if found is None:
            raise NotFound("appointment", order, argument="ShopRegistry.appointment.order")
        event: AppointmentBooked = found[0]
        slot = self._slots[event.slot].event
        return Appointment(
            order=order,
            holder=event.holder,
            slot=event.slot,
            service=slot.service,
            starts=slot.starts,
            points=event.points,
            status=found[1],
        )

    def appointments(self, status: AppointmentStatus | None = None) -> Iterator[Appointment]:
        """Every appointment, oldest first, or those with ``status``.

        >>> from wulian_core.examples import shops_example
        >>> list(shops_example()[0].appointments(AppointmentStatus.KEPT))
        []
        """
        for order, (_event, now) in self._orders.items():
            if status is None or now is status:
                yield self.appointment(order)

    def can_book(self, slot: str, community: RegionCode) -> bool:
        """Whether a holder of ``community`` could book a place in ``slot`` now.

        >>> from wulian_core.examples import shops_example
        >>> shops_example()[0].can_book("slot-1", RegionCode("150603001001"))
        True
        """
        try:
            open_slot_of(self, slot, community)
        except (NotFound, ValueError):
            return False
        return True

    def to_html(self, *, full: bool = False, lang: str = "zh") -> str:
        """The first 20 points and the appointments by status as HTML; ``full=True`` every point.

        ``lang="en"`` labels it in English. Jupyter shows the short view.

        >>> from wulian_core.examples import shops_example
        >>> "<th>yuan per point</th>" in shops_example()[0].to_html(lang="en")
        True
        """
        language = view_options(full, lang, "ShopRegistry")
        return shop_registry_html(self, first=None if full else 20, lang=language)

    def _repr_html_(self) -> str:
        """For Jupyter: the registry's points and its appointments, in a small table."""
        return self.to_html()
