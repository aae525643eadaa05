"""The decisions that spend or take back: redeem, cancel, expire, reverse.

Only material points move here. No decision takes a ledger argument, so moral points
cannot be redeemed, transferred or converted: there is no way to say it. As in
:mod:`.earn`, each ``decide_*`` function takes the passbook's state and a command's
arguments and returns the events to record, raising on a refusal; a catalogue's order
(:meth:`~wulian_core.points.Catalogue.redeem`) is decided here too.
"""

from __future__ import annotations

import datetime as dt

from wulian_core.errors import (
    IllegalTransition,
    InsufficientPoints,
    InvalidValue,
    NotFound,
    PermissionDenied,
)
from wulian_core.people import Actor

from .events import (
    AccrualReversed,
    PassbookEvent,
    PointsExpired,
    PointsRedeemed,
    RedemptionCancelled,
    builder,
)
from .guard import ident, is_worker, may_review, reason_of
from .ledger import Ledger
from .lots import is_lot, local_day
from .shop_state import ShopRegistryState, check_redeemable
from .state import PassbookState

_points_redeemed = builder(PointsRedeemed)
_redemption_cancelled = builder(RedemptionCancelled)
_points_expired = builder(PointsExpired)
_accrual_reversed = builder(AccrualReversed)
__all__ = ["decide_cancel", "decide_expire", "decide_redeem", "decide_reverse"]


def decide_redeem(
    book: PassbookState,
    *,
    command: str,
    points: int,
    point: str,
    item: str | None,
    by: Actor,
    at: dt.datetime,
    key: str,
    shops: ShopRegistryState | None = None,
) -> tuple[PassbookEvent, ...]:
    """Spending ``points`` at redemption point ``point`` (for ``item`` of a catalogue,
    or none at a partner shop), oldest lots first, after what expires by then.

    With a shop registry (``shops``), the point must be registered there, active, serve
    the holder's community and accept ``item``; without one, any point is taken, as
    before registries existed.

    >>> from wulian_core.examples import passbook_example
    >>> book, worker, me, at = passbook_example()
    >>> decide_redeem(book, command="redeem", points=1, point="shop-1", item=None, by=me,
    ...               at=at, key="r-1")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InsufficientPoints: needs 1 material points, 0 available
    """
    if type(points) is not int or points < 1:
        raise InvalidValue(f"Passbook.{command}.points", points, "must be a whole number >= 1")
    if not (type(point) is str and 0 < len(point) <= 64 and not point.isspace()):
        ident(point, f"Passbook.{command}.point")
    if shops is not None:
        if not isinstance(shops, ShopRegistryState):
            raise InvalidValue(f"Passbook.{command}.shops", shops, "must be a ShopRegistry")
        check_redeemable(shops, point=point, item=item, community=book._holder.community)
    if by.person not in book._people:
        raise PermissionDenied(command, by.person, "only the holder or the household redeems")
    day = local_day(at)
    barred = book._barred_until
    if barred is not None and day < barred:
        raise IllegalTransition(
            "barred", command, f"a serious violation bars redemption until {barred}"
        )
    rule = book._policy.redemption
    if rule.period is not None:
        if not rule.is_open(day):
            raise IllegalTransition("outside a redemption window", command)
        placed = book._tally("redeemed", "", rule.period.start_of(day))
        if rule.max_per_period is not None and placed >= rule.max_per_period:
            raise IllegalTransition(
                "at the period's limit", command, f"{placed} redemption(s) this {rule.period}"
            )
    expired = book._due_through(day)
    available = book._balances[1] - expired
    if points > available:
        raise InsufficientPoints(Ledger.MATERIAL.value, points, available)
    return (
        _points_redeemed(
            holder=book._holder.id,
            at=at,
            by=by.person,
            key=key,
            points=points,
            point=point,
            item=item,
            expired=expired,
        ),
    )


def decide_cancel(
    book: PassbookState,
    *,
    command: str,
    order: str,
    reason: str,
    by: Actor,
    at: dt.datetime,
    key: str,
    catalogue: bool,
) -> tuple[PassbookEvent, ...]:
    """Cancelling the redemption ``order``: its points come back to their lots, paying
    any debt first. An order of a catalogue is cancelled only by it (``catalogue=True``).

    >>> from wulian_core.examples import passbook_example
    >>> book, worker, me, at = passbook_example()
    >>> decide_cancel(book, command="cancel_redemption", order="r-9", reason="缺货", by=me,
    ...               at=at, key="c-1", catalogue=False)
    Traceback (most recent call last):
    ...
    wulian_core.errors.NotFound: Passbook.cancel_redemption.order: no redemption 'r-9'
    """
    reason_of(reason, f"Passbook.{command}.reason")
    placed = book._by_key.get(order) if type(order) is str else None
    if placed is None or not book._is_order(placed):
        raise NotFound("redemption", order, argument=f"Passbook.{command}.order")
    if placed not in book._orders:
        raise IllegalTransition("cancelled", command, f"order {order}")
    redeemed: PointsRedeemed = book._events[placed]  # type: ignore[assignment]
    # The holder (or household) or a community worker: not the secretary, who reviews
    # points but does not run the shop's counter (docs/points.md).
    if by.person not in book._people and not is_worker(by, book._holder.community):
        raise PermissionDenied(command, by.person, "only the holder or a community worker")
    returned, cleared = book._restore_plan(placed)
    if not catalogue and redeemed.item is not None:
        raise IllegalTransition(
            "placed by a catalogue", "cancel_redemption", "cancel it with Catalogue.cancel"
        )
    return (
        _redemption_cancelled(
            holder=book._holder.id,
            at=at,
            by=by.person,
            key=key,
            order=order,
            point=redeemed.point,
            returned=returned,
            debt_cleared=cleared,
            reason=reason,
        ),
    )


def decide_expire(
    book: PassbookState, *, through: dt.date, by: Actor, at: dt.datetime, key: str
) -> tuple[PassbookEvent, ...]:
    """Expiring every lot due by day ``through``; no event when nothing is due.

    >>> from wulian_core.examples import passbook_example
    >>> book, worker, me, at = passbook_example()
    >>> decide_expire(book, through=at.date(), by=worker, at=at, key="expire-2024-03-01")
    ()
    """
    due = book._due_through(through)
    if not due:
        return ()
    return (
        _points_expired(
            holder=book._holder.id, at=at, by=by.person, key=key, through=through, points=due
        ),
    )


def decide_reverse(
    book: PassbookState, *, accrual: str, reason: str, by: Actor, at: dt.datetime, key: str
) -> tuple[PassbookEvent, ...]:
    """Reversing the accrual ``accrual`` (its key): what is left of its lot comes back;
    what was spent, or paid towards debt, becomes debt.

    >>> from wulian_core.examples import passbook_example
    >>> book, worker, me, at = passbook_example()
    >>> decide_reverse(book, accrual="k-9", reason="重复登记", by=worker, at=at, key="v-1")
    Traceback (most recent call last):
    ...
    wulian_core.errors.NotFound: Passbook.reverse.accrual: no accrual 'k-9'
    """
    reason_of(reason, "Passbook.reverse.reason")
    lot = book._by_key.get(accrual) if type(accrual) is str else None
    if lot is None or not is_lot(book._events[lot]):
        raise NotFound("accrual", accrual, argument="Passbook.reverse.accrual")
    may_review(book, "reverse", by)
    if book._is_reversed(lot):
        raise IllegalTransition("reversed", "reverse", f"accrual {accrual}")
    return (
        _accrual_reversed(
            holder=book._holder.id,
            at=at,
            by=by.person,
            key=key,
            accrual=accrual,
            taken=book._remaining[lot],
            debt=book._spent[lot] - book._clawed_of(lot) + book._settled_of(lot),
            reason=reason,
        ),
    )
