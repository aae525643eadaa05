"""A month's settlement with each redemption point: points redeemed, handed over, and
cancelled there, and the yuan the street owes at the point's rate (月度结算).

The statement is built from the passbooks' own ledger entries, so it sums to the
ledger: for every point, points redeemed less points cancelled is the point's account
in the month, and the accounts of points not in the registry are shown apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, TypeVar

from wulian_core import _checks
from wulian_core._frames import Kind, frame
from wulian_core._frozen import frozen
from wulian_core._typed import typed
from wulian_core.errors import InvalidValue

from .catalogue import Catalogue
from .catalogue_events import ItemPickedUp
from .events import PointsRedeemed, RedemptionCancelled
from .html import settlement_html, view_options
from .ledger import Account, AccountRole, entries_of
from .lots import local_day
from .passbook import Passbook
from .shop_events import AppointmentKept
from .shops import ShopRegistry

__all__ = ["Settlement", "SettlementLine", "settle_month", "settle_months"]

_ZERO = Decimal("0.00")
T = TypeVar("T")


@frozen(kw_only=True, field_transformer=typed)
class SettlementLine:
    """One point's month: orders and points redeemed, cancelled and handed over, and
    the yuan owed (points handed over × the point's rate, exact to the fen).

    Handed over: a direct redemption at the counter when it is made (less any later
    cancelled in the month), a catalogue order when picked up (已领取), an appointment
    when kept (已服务).

    >>> line = SettlementLine(point="shop-1", name="便民理发店", yuan_per_point=Decimal("0.10"),
    ...     orders=2, redeemed=8, cancelled_orders=1, cancelled=3, handed_over=5,
    ...     owed=Decimal("0.50"))
    >>> line.net, line.owed
    (5, Decimal('0.50'))
    """

    point: str
    name: str
    yuan_per_point: Decimal
    orders: int
    redeemed: int
    cancelled_orders: int
    cancelled: int
    handed_over: int
    owed: Decimal

    @property
    def net(self) -> int:
        """Points redeemed less points cancelled: the point's ledger account this month."""
        return self.redeemed - self.cancelled


@frozen(kw_only=True, field_transformer=typed)
class Settlement:
    """A registry's settlement for one month (local dates in Asia/Shanghai).

    ``ledger`` is the net of every redemption point's account in the passbooks this
    month; ``unregistered`` the part of it at points the registry does not list. The
    lines' nets and ``unregistered`` sum to ``ledger``.

    >>> from wulian_core.examples import shops_example
    >>> shops, staff, at = shops_example()
    >>> s = settle_month(shops, month=at.date(), passbooks=[])
    >>> s.start, s.end, s.total_owed, s.balanced
    (datetime.date(2024, 3, 1), datetime.date(2024, 3, 31), Decimal('0.00'), True)
    """

    registry: str
    start: dt.date
    end: dt.date
    lines: tuple[SettlementLine, ...]
    ledger: int
    unregistered: int

    @property
    def total_owed(self) -> Decimal:
        """The yuan owed to every point this month."""
        return sum((line.owed for line in self.lines), _ZERO)

    @property
    def balanced(self) -> bool:
        """Whether the lines and the unregistered points sum to the ledger (always, by
        construction; a check for a statement decoded or edited by hand)."""
        return sum(line.net for line in self.lines) + self.unregistered == self.ledger

    def to_records(self) -> list[dict[str, object]]:
        """The lines as plain dicts, one a row, for ``pandas.DataFrame(...)``; yuan as text.

        >>> from wulian_core.examples import shops_example
        >>> shops, staff, at = shops_example()
        >>> settle_month(shops, month=at.date(), passbooks=[]).to_records()[0]["owed"]
        '0.00'
        """
        return [
            {
                "point": line.point,
                "name": line.name,
                "yuan_per_point": str(line.yuan_per_point),
                "orders": line.orders,
                "redeemed": line.redeemed,
                "cancelled_orders": line.cancelled_orders,
                "cancelled": line.cancelled,
                "handed_over": line.handed_over,
                "owed": str(line.owed),
            }
            for line in self.lines
        ]

    def to_frame(self) -> Any:
        """The lines as a pandas ``DataFrame``; needs the ``pandas`` extra.

        Counts are ``int64``; yuan (``yuan_per_point``, ``owed``) are ``float64`` to
        compute with, and ``owed_fen`` beside them is the amount owed exactly, in fen.

        >>> from wulian_core.examples import shops_example
        >>> shops, staff, at = shops_example()
        >>> df = settle_month(shops, month=at.date(), passbooks=[]).to_frame()
        >>> str(df["owed"].dtype), str(df["owed_fen"].dtype), str(df["redeemed"].dtype)
        ('float64', 'int64', 'int64')
        """
        counts = ("orders", "redeemed", "cancelled_orders", "cancelled", "handed_over")
        rows = [
            {
                "point": line.point,
                "name": line.name,
                "yuan_per_point": float(line.yuan_per_point),
                **{name: getattr(line, name) for name in counts},
                "owed": float(line.owed),
                "owed_fen": int((line.owed * 100).to_integral_value()),
            }
            for line in self.lines
        ]
        kinds: dict[str, Kind] = dict.fromkeys((*counts, "owed_fen"), "int")
        columns = ("point", "name", "yuan_per_point", *counts, "owed", "owed_fen")
        kinds.update(yuan_per_point="float", owed="float", point="string", name="string")
        return frame(rows, columns=columns, feature="Settlement.to_frame", kinds=kinds)

    def to_html(self, *, full: bool = False, lang: str = "zh") -> str:
        """The first 20 points' lines and the totals as HTML; ``full=True`` every line.

        >>> from wulian_core.examples import shops_example
        >>> shops, staff, at = shops_example()
        >>> "<th>handed over</th>" in settle_month(shops, month=at.date(), passbooks=[]).to_html(lang="en")
        True
        """
        language = view_options(full, lang, "Settlement")
        return settlement_html(self, first=None if full else 20, lang=language)

    def _repr_html_(self) -> str:
        """For Jupyter: the points' lines and what the street owes, in a small table."""
        return self.to_html()


def _month_of(value: object, name: str = "settle_month.month") -> tuple[dt.date, dt.date]:
    day = _checks.arg_date(value, name)  # any day of the month; a far date is refused there
    if day >= dt.date(9999, 12, 1):
        raise InvalidValue(name, day, "must be a month before December 9999")
    start = day.replace(day=1)
    following = (start + dt.timedelta(days=32)).replace(day=1)
    return start, following - dt.timedelta(days=1)


def settle_month(
    shops: ShopRegistry,
    *,
    month: dt.date,
    passbooks: Iterable[Passbook],
    catalogues: Iterable[Catalogue] = (),
) -> Settlement:
    """The month's settlement of every point in ``shops``, from the passbooks' entries,
    the catalogues' pickups and the registry's kept appointments.

    >>> from wulian_core.examples import passbook_example, shops_example
    >>> shops, staff, at = shops_example()
    >>> book, worker, me, _ = passbook_example()
    >>> _ = book.accrue_activity(activity="a-1", on=at.date(), activity_kind="public_welfare",
    ...                          by=worker, at=at, key="k-1")
    >>> _ = book.redeem(points=4, point="shop-1", by=me, at=at, key="r-1", shops=shops)
    >>> (line,) = settle_month(shops, month=at.date(), passbooks=[book]).lines
    >>> line.redeemed, line.handed_over, line.owed
    (4, 4, Decimal('0.40'))
    """
    if not isinstance(shops, ShopRegistry):
        raise InvalidValue("settle_month.shops", shops, "must be a ShopRegistry")
    start, end = _month_of(month)
    books = _all_of(passbooks, Passbook, "passbooks")
    shelves = _all_of(catalogues, Catalogue, "catalogues")
    counts: dict[str, list[int]] = {p: [0, 0, 0, 0, 0] for p in shops._points}
    ledger = unregistered = 0
    placed: dict[str, PointsRedeemed] = {}
    for book in books:
        community = str(book.holder.community)
        for event in book.events:
            if type(event) is PointsRedeemed:
                placed[event.key] = event
            if not start <= local_day(event.at) <= end:
                continue
            if type(event) not in (PointsRedeemed, RedemptionCancelled):
                continue
            account = Account(AccountRole.REDEMPTION_POINT, event.point)  # type: ignore[union-attr]
            net = sum(e.signed_for(account) for e in entries_of(event, community))
            ledger += net
            row = counts.get(event.point)  # type: ignore[union-attr]
            if row is None:
                unregistered += net
                continue
            if type(event) is PointsRedeemed:
                row[0] += 1
                row[1] += event.points
                if event.item is None:  # handed over at the counter
                    row[4] += event.points
            else:
                row[2] += 1
                row[3] -= net
                order = placed.get(event.order)  # type: ignore[union-attr]
                if order is not None and order.item is None:
                    row[4] -= order.points
    for shelf in shelves:
        for shelved in shelf.events:
            if type(shelved) is ItemPickedUp and start <= local_day(shelved.at) <= end:
                row = counts.get(shelf.point)
                if row is not None:
                    row[4] += shelf.reservation(shelved.order).points
    for listed in shops.events:
        if type(listed) is AppointmentKept and start <= local_day(listed.at) <= end:
            kept = shops.appointment(listed.order)
            row = counts[shops._slots[kept.slot].event.point]
            row[4] += kept.points
    lines = []
    for point, row in counts.items():
        info = shops._points[point]
        lines.append(
            SettlementLine(
                point=point,
                name=info.name,
                yuan_per_point=info.rate,
                orders=row[0],
                redeemed=row[1],
                cancelled_orders=row[2],
                cancelled=row[3],
                handed_over=row[4],
                owed=(info.rate * row[4]).quantize(_ZERO),
            )
        )
    return Settlement(
        registry=shops.registry,
        start=start,
        end=end,
        lines=tuple(lines),
        ledger=ledger,
        unregistered=unregistered,
    )


def settle_months(
    shops: ShopRegistry,
    *,
    start: dt.date,
    end: dt.date,
    passbooks: Iterable[Passbook],
    catalogues: Iterable[Catalogue] = (),
) -> tuple[Settlement, ...]:
    """One :func:`settle_month` per calendar month from ``start``'s to ``end``'s.

    >>> from wulian_core.examples import shops_example
    >>> shops, staff, at = shops_example()
    >>> [s.start.isoformat() for s in settle_months(shops, start=dt.date(2024, 8, 1),
    ...     end=dt.date(2024, 10, 31), passbooks=[])]
    ['2024-08-01', '2024-09-01', '2024-10-01']
    """
    first, _ = _month_of(start, "settle_months.start")
    _month_of(end, "settle_months.end")
    if end < start:
        raise InvalidValue("settle_months.end", end, f"must not be before start {start}")
    books = _all_of(passbooks, Passbook, "passbooks")
    shelves = _all_of(catalogues, Catalogue, "catalogues")
    found = []
    day = first
    while day <= end:
        found.append(settle_month(shops, month=day, passbooks=books, catalogues=shelves))
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return tuple(found)


def _all_of(values: Iterable[T], kind: type[T], name: str) -> list[T]:
    if isinstance(values, str | bytes) or not hasattr(values, "__iter__"):
        raise InvalidValue(
            f"settle_month.{name}", values, f"must be an iterable of {kind.__name__}"
        )
    found = list(values)
    for value in found:
        if not isinstance(value, kind):
            raise InvalidValue(f"settle_month.{name}", value, f"must hold {kind.__name__}s only")
    return found
