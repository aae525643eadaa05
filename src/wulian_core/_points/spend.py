"""The passbook commands that spend or take back: redeem, cancel, expire, reverse.

Only material points move here. No command takes a ledger argument, so moral points
cannot be redeemed, transferred or converted: there is no way to say it.
"""

from __future__ import annotations

import datetime as dt

from ._points_earn import _Earning
from ._points_events import (
    AccrualReversed,
    PassbookEvent,
    PointsExpired,
    PointsRedeemed,
    RedemptionCancelled,
    builder,
)
from ._points_guard import check_command, ident, is_staff, reason_of
from ._points_ledger import Ledger
from ._points_lots import Lot, Order, local_day
from .errors import IllegalTransition, InsufficientPoints, InvalidValue, NotFound, PermissionDenied
from .people import Actor

_points_redeemed = builder(PointsRedeemed)
_redemption_cancelled = builder(RedemptionCancelled)
_points_expired = builder(PointsExpired)
_accrual_reversed = builder(AccrualReversed)
__all__: list[str] = []


class _Spending(_Earning):
    """Redemption, cancellation, expiry and reversal; :class:`~wulian_core.points.Passbook`."""

    __slots__ = ()

    def redeem(
        self, *, points: int, point: str, by: Actor, at: dt.datetime, key: str
    ) -> tuple[PassbookEvent, ...]:
        """Spend material points at a redemption point (a partner shop), oldest lots first.

        Material points only: there is no ledger argument. Goods from a points
        supermarket go through :meth:`Catalogue.redeem`, which changes the passbook and
        the stock together. The order is named by ``key``. Points due to expire by then
        expire first, in the same event.

        >>> from wulian_core._points_guard import example
        >>> book, worker, me, at = example()
        >>> _ = book.accrue_activity(activity="a-1", on=at.date(), activity_kind="public_welfare",
        ...                          by=worker, at=at, key="k-1")
        >>> (ev,) = book.redeem(points=3, point="shop-1", by=me, at=at, key="r-1")
        >>> book.balance(), book.redeem(points=3, point="shop-1", by=me, at=at, key="r-1") == (ev,)
        (2, True)
        """
        stored = self._start("redeem", by, at, key)
        if stored is not None:
            return self._retry(stored, ("redeem", by.person, points, point, None))
        return self._commit(self._decide_redeem("redeem", points, point, None, by, at, key))

    def _decide_redeem(
        self,
        command: str,
        points: int,
        point: str,
        item: str | None,
        by: Actor,
        at: dt.datetime,
        key: str,
    ) -> PointsRedeemed:
        if type(points) is not int or points < 1:
            raise InvalidValue(f"Passbook.{command}.points", points, "must be a whole number >= 1")
        ident(point, f"Passbook.{command}.point")
        if by.person not in self._people:
            raise PermissionDenied(command, by.person, "only the holder or the household redeems")
        day = local_day(at)
        barred = self._barred_until
        if barred is not None and day < barred:
            raise IllegalTransition(
                "barred", command, f"a serious violation bars redemption until {barred}"
            )
        rule = self._policy.redemption
        if rule.period is not None:
            if not rule.is_open(day):
                raise IllegalTransition("outside a redemption window", command)
            placed = self._tally("redeemed", "", rule.period.start_of(day))
            if rule.max_per_period is not None and placed >= rule.max_per_period:
                raise IllegalTransition(
                    "at the period's limit", command, f"{placed} redemption(s) this {rule.period}"
                )
        expired = self._due_through(day)
        available = self._balances[1] - expired
        if points > available:
            raise InsufficientPoints(Ledger.MATERIAL.value, points, available)
        return _points_redeemed(
            holder=self._holder.id,
            at=at,
            by=by.person,
            key=key,
            points=points,
            point=point,
            item=item,
            expired=expired,
        )

    def cancel_redemption(
        self, *, order: str, reason: str, by: Actor, at: dt.datetime, key: str
    ) -> tuple[PassbookEvent, ...]:
        """Cancel a redemption at a partner shop: its points come back to their lots.

        Returned points pay any debt first, as earned points do. A catalogue's order is
        cancelled through :meth:`Catalogue.cancel`, which restores its stock too.

        >>> from wulian_core._points_guard import example
        >>> book, worker, me, at = example()
        >>> _ = book.accrue_activity(activity="a-1", on=at.date(), activity_kind="meeting",
        ...                          by=worker, at=at, key="k-1")
        >>> _ = book.redeem(points=2, point="shop-1", by=me, at=at, key="r-1")
        >>> _ = book.cancel_redemption(order="r-1", reason="商品缺货", by=me, at=at, key="c-1")
        >>> book.balance()
        2
        """
        stored = self._start("cancel_redemption", by, at, key)
        if stored is not None:
            return self._retry(stored, ("cancel_redemption", by.person, order, reason))
        event = self._decide_cancel("cancel_redemption", order, reason, by, at, key)
        placed = self._by_key[order]
        if placed.event.item is not None:
            raise IllegalTransition(
                "placed by a catalogue", "cancel_redemption", "cancel it with Catalogue.cancel"
            )
        return self._commit(event)

    def _decide_cancel(
        self, command: str, order: str, reason: str, by: Actor, at: dt.datetime, key: str
    ) -> RedemptionCancelled:
        reason_of(reason, f"Passbook.{command}.reason")
        placed = self._by_key.get(order) if type(order) is str else None
        if type(placed) is not Order:
            raise NotFound("redemption", order)
        if not placed.open:
            raise IllegalTransition("cancelled", command, f"order {order}")
        if by.person not in self._people and not is_staff(by, self._holder.community):
            raise PermissionDenied(command, by.person, "only the holder or a community worker")
        returned, cleared = self._restore_plan(placed)
        return _redemption_cancelled(
            holder=self._holder.id,
            at=at,
            by=by.person,
            key=key,
            order=order,
            point=placed.event.point,
            returned=returned,
            debt_cleared=cleared,
            reason=reason,
        )

    def expire(
        self, *, at: dt.datetime, by: Actor, key: str | None = None
    ) -> tuple[PassbookEvent, ...]:
        """Expire every lot due by ``at``'s local date; idempotent, so run it at will.

        Records nothing (and returns ``()``) when nothing is due. The key defaults to
        ``expire-YYYY-MM-DD``. Any actor may run it: the policy decides, not the actor.

        >>> from wulian_core._points_guard import example
        >>> book, worker, me, at = example()
        >>> book.expire(at=at, by=worker)
        ()
        """
        check_command("Passbook.expire", by, at, "expire" if key is None else key)
        through = local_day(at)
        key = f"expire-{through.isoformat()}" if key is None else key
        stored = self._start("expire", by, at, key)
        if stored is not None:
            return self._retry(stored, ("expire", through))
        due = self._due_through(through)
        if not due:
            return ()
        return self._commit(
            _points_expired(
                holder=self._holder.id, at=at, by=by.person, key=key, through=through, points=due
            )
        )

    def reverse(
        self, *, accrual: str, reason: str, by: Actor, at: dt.datetime, key: str
    ) -> tuple[PassbookEvent, ...]:
        """Reverse an accrual (by its key): what is left of its lot comes back; what was
        spent, or paid towards debt, becomes a debt that later accruals settle first.

        >>> from wulian_core._points_guard import example
        >>> book, worker, me, at = example()
        >>> _ = book.accrue_activity(activity="a-1", on=at.date(), activity_kind="public_welfare",
        ...                          by=worker, at=at, key="k-1")
        >>> _ = book.redeem(points=3, point="shop-1", by=me, at=at, key="r-1")
        >>> (ev,) = book.reverse(accrual="k-1", reason="重复登记", by=worker, at=at, key="v-1")
        >>> ev.taken, ev.debt, book.balance(), book.debt
        (2, 3, 0, 3)
        """
        stored = self._start("reverse", by, at, key)
        if stored is not None:
            return self._retry(stored, ("reverse", by.person, accrual, reason))
        reason_of(reason, "Passbook.reverse.reason")
        lot = self._by_key.get(accrual) if type(accrual) is str else None
        if type(lot) is not Lot:
            raise NotFound("accrual", accrual)
        self._may_review("reverse", by)
        if lot.reversed:
            raise IllegalTransition("reversed", "reverse", f"accrual {accrual}")
        return self._commit(
            _accrual_reversed(
                holder=self._holder.id,
                at=at,
                by=by.person,
                key=key,
                accrual=accrual,
                taken=lot.remaining,
                debt=lot.spent - lot.clawed + lot.settled,
                reason=reason,
            )
        )
