"""The command frame of a passbook, and the commands that earn: service, activities, moral.

Each command checks its frame (actor, aware instant, key), answers a retry from the
idempotency index, checks its values and who acts, and only then builds its one event
and records it. A refused command raises and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ._points_book import _Book
from ._points_events import (
    ActivityPointsAccrued,
    MoralPointsAwarded,
    MoralPointsDeducted,
    PassbookEvent,
    ServiceCorrected,
    ServiceRecorded,
    builder,
)
from ._points_guard import (
    check_command,
    day_of,
    ident,
    is_staff,
    minutes_of,
    not_own,
    reason_of,
    request_of,
)
from ._points_lots import Lot, ServiceRecord, claw_plan, local_day
from ._points_policy import MoralCategory, MoralRule
from .errors import IdempotencyConflict, IllegalTransition, InvalidValue, NotFound, PermissionDenied
from .people import Actor

_service_recorded = builder(ServiceRecorded)
_service_corrected = builder(ServiceCorrected)
_activity_accrued = builder(ActivityPointsAccrued)
_moral_awarded = builder(MoralPointsAwarded)
_moral_deducted = builder(MoralPointsDeducted)
__all__: list[str] = []


class _Earning(_Book):
    """The command frame and the earning commands; :class:`~wulian_core.points.Passbook`."""

    __slots__ = ()

    # --- the frame --------------------------------------------------------------------------

    def _start(self, command: str, by: Actor, at: dt.datetime, key: str) -> PassbookEvent | None:
        """Check the frame of a command; the stored event when the key was used before."""
        if not (
            type(by) is Actor
            and type(at) is dt.datetime
            and at.tzinfo is not None
            and type(key) is str
            and 0 < len(key) <= 64
        ):  # the quick test first: every command passes here; the full one names the field
            check_command(f"Passbook.{command}", by, at, key)
        found = self._by_key.get(key)
        if found is not None:
            return self._event(key)
        last = self._events[-1].at
        if at < last:
            raise InvalidValue(
                f"Passbook.{command}.at", at, f"must not be before the last event ({last})"
            )
        return None

    @staticmethod
    def _retry(stored: PassbookEvent, request: tuple[Any, ...]) -> tuple[PassbookEvent, ...]:
        """The stored result of a retry, or IdempotencyConflict when it asks otherwise."""
        if request_of(stored) != request:
            raise IdempotencyConflict(stored.key)
        return (stored,)

    def _may_record(self, command: str, by: Actor, organiser: str | None) -> None:
        not_own(command, by, self._people)
        if by.person != organiser and not is_staff(by, self._holder.community):
            raise PermissionDenied(
                command, by.person, "only the activity's organiser or a community worker records"
            )

    def _may_review(self, command: str, by: Actor) -> None:
        not_own(command, by, self._people)
        if not is_staff(by, self._holder.community):
            raise PermissionDenied(command, by.person, "only a community worker or secretary")

    def _commit(self, event: PassbookEvent) -> tuple[PassbookEvent, ...]:
        self._record(event)
        return (event,)

    # --- service ----------------------------------------------------------------------------

    def record_service(
        self,
        *,
        activity: str,
        on: dt.date,
        minutes: int,
        organiser: str | None = None,
        by: Actor,
        at: dt.datetime,
        key: str,
    ) -> tuple[PassbookEvent, ...]:
        """Certify ``minutes`` of service in ``activity`` on day ``on`` (谁组织谁记录).

        The policy's :class:`ServiceRule` rounds and caps the minutes and gives the
        points; the record changes later only by :meth:`correct_service`.

        >>> from wulian_core._points_guard import example
        >>> book, worker, me, at = example()
        >>> (ev,) = book.record_service(activity="act-1", on=at.date(), minutes=150,
        ...                             by=worker, at=at, key="k-1")
        >>> ev.minutes, ev.credited_minutes, ev.points
        (150, 120, 2)
        """
        stored = self._start("record_service", by, at, key)
        if stored is not None:
            return self._retry(
                stored, ("record_service", by.person, activity, on, organiser, minutes)
            )
        today = local_day(at)
        ident(activity, "Passbook.record_service.activity")
        day_of(on, "Passbook.record_service.on", today)
        minutes_of(minutes, "Passbook.record_service.minutes")
        if organiser is not None:
            ident(organiser, "Passbook.record_service.organiser")
        self._may_record("record_service", by, organiser)
        if self._filed(activity, 0) is not None:
            raise IllegalTransition(
                "recorded", "record_service", f"{activity} has a record; correct it with a reason"
            )
        policy = self._policy
        credited, points = policy.service.credit(
            minutes,
            day_so_far=self._day_minutes(on),
            period_so_far=self._tally("period", "", policy.period.start_of(on)),
        )
        return self._commit(
            _service_recorded(
                holder=self._holder.id,
                at=at,
                by=by.person,
                key=key,
                activity=activity,
                on=on,
                organiser=organiser,
                minutes=minutes,
                credited_minutes=credited,
                points=points,
                settled=min(points, self._debt),
                expires_on=policy.expiry_end(today) if points else None,
            )
        )

    def correct_service(
        self, *, activity: str, minutes: int, reason: str, by: Actor, at: dt.datetime, key: str
    ) -> tuple[PassbookEvent, ...]:
        """Correct an activity's service record to ``minutes``, with a reason.

        Certified minutes and points are worked out again under the caps. Points that
        fall are taken back from the record's lots; what was spent becomes debt.

        >>> from wulian_core._points_guard import example
        >>> book, worker, me, at = example()
        >>> _ = book.record_service(activity="act-1", on=at.date(), minutes=120, by=worker,
        ...                         at=at, key="k-1")
        >>> (ev,) = book.correct_service(activity="act-1", minutes=60, reason="签退时间有误",
        ...                              by=worker, at=at, key="k-2")
        >>> ev.minutes_delta, ev.points_delta, book.balance()
        (-60, -1, 1)
        """
        stored = self._start("correct_service", by, at, key)
        if stored is not None:
            request = ("correct_service", by.person, activity, minutes, reason, False)
            return self._retry(stored, request)
        minutes_of(minutes, "Passbook.correct_service.minutes")
        return self._correct("correct_service", activity, minutes, reason, False, by, at, key)

    def uphold_complaint(
        self, *, activity: str, reason: str, by: Actor, at: dt.datetime, key: str
    ) -> tuple[PassbookEvent, ...]:
        """A complaint against the volunteer was upheld: the activity's record counts 0.

        >>> from wulian_core._points_guard import example
        >>> book, worker, me, at = example()
        >>> _ = book.record_service(activity="a-1", on=at.date(), minutes=60, by=worker,
        ...                         at=at, key="k-1")
        >>> _ = book.uphold_complaint(activity="a-1", reason="投诉属实", by=worker, at=at,
        ...                           key="k-2")
        >>> book.lifetime_minutes, book.balance()
        (0, 0)
        """
        stored = self._start("uphold_complaint", by, at, key)
        if stored is not None:
            return self._retry(stored, ("correct_service", by.person, activity, 0, reason, True))
        return self._correct("uphold_complaint", activity, 0, reason, True, by, at, key)

    def _correct(
        self,
        command: str,
        activity: str,
        minutes: int,
        reason: str,
        complaint: bool,
        by: Actor,
        at: dt.datetime,
        key: str,
    ) -> tuple[PassbookEvent, ...]:
        reason_of(reason, f"Passbook.{command}.reason")
        found = self._filed(activity, 0) if type(activity) is str else None
        if found is None:
            raise NotFound("service record", activity)
        # A view only: _apply keeps the record once the correction is recorded.
        record = ServiceRecord(found) if isinstance(found, Lot) else found
        not_own(command, by, self._people)
        if by.person != record.organiser and not is_staff(by, self._holder.community):
            raise PermissionDenied(command, by.person, "only who recorded it or a community worker")
        if any(lot.reversed for lot in record.lots):
            raise IllegalTransition("reversed", command, f"the points of {activity} were reversed")
        policy = self._policy
        if complaint:
            credited = points = 0
        else:
            start = policy.period.start_of(record.on)
            credited, points = policy.service.credit(
                minutes,
                day_so_far=self._day_minutes(record.on) - record.credited,
                period_so_far=self._tally("period", "", start) - record.credited,
            )
        delta = points - record.points
        taken, debt = claw_plan(record.lots[::-1], -delta) if delta < 0 else (0, 0)
        return self._commit(
            _service_corrected(
                holder=self._holder.id,
                at=at,
                by=by.person,
                key=key,
                activity=activity,
                minutes=minutes,
                credited_minutes=credited,
                minutes_delta=credited - record.credited,
                points_delta=delta,
                taken=taken,
                debt=debt,
                settled=min(delta, self._debt) if delta > 0 else 0,
                expires_on=policy.expiry_end(local_day(at)) if delta > 0 else None,
                reason=reason,
                complaint=complaint,
            )
        )

    # --- activities -------------------------------------------------------------------------

    def accrue_activity(
        self,
        *,
        activity: str,
        on: dt.date,
        activity_kind: str,
        organiser: str | None = None,
        by: Actor,
        at: dt.datetime,
        key: str,
    ) -> tuple[PassbookEvent, ...]:
        """Material points for taking part in ``activity``, of a kind the policy lists.

        Once per activity; the kind's cap per period cuts the points.

        >>> from wulian_core._points_guard import example
        >>> book, worker, me, at = example()
        >>> (ev,) = book.accrue_activity(activity="a-1", on=at.date(), activity_kind="meeting",
        ...                              by=worker, at=at, key="k-1")
        >>> ev.points, book.balance()
        (2, 2)
        """
        stored = self._start("accrue_activity", by, at, key)
        if stored is not None:
            request = ("accrue_activity", by.person, activity, on, activity_kind, organiser)
            return self._retry(stored, request)
        today = local_day(at)
        ident(activity, "Passbook.accrue_activity.activity")
        day_of(on, "Passbook.accrue_activity.on", today)
        policy = self._policy
        rule = policy.activity_rule(activity_kind) if type(activity_kind) is str else None
        if rule is None:
            known = ", ".join(r.kind for r in policy.activities) or "none"
            raise InvalidValue(
                "Passbook.accrue_activity.activity_kind", activity_kind, f"policy kinds: {known}"
            )
        if organiser is not None:
            ident(organiser, "Passbook.accrue_activity.organiser")
        self._may_record("accrue_activity", by, organiser)
        if self._filed(activity, 1) is not None:
            raise IllegalTransition("accrued", "accrue_activity", f"{activity} was accrued")
        points = rule.points
        if rule.max_points_per_period is not None:
            so_far = self._tally("activity", rule.kind, policy.period.start_of(on))
            points = max(0, min(points, rule.max_points_per_period - so_far))
        return self._commit(
            _activity_accrued(
                holder=self._holder.id,
                at=at,
                by=by.person,
                key=key,
                activity=activity,
                on=on,
                activity_kind=rule.kind,
                organiser=organiser,
                points=points,
                settled=min(points, self._debt),
                expires_on=policy.expiry_end(today) if points else None,
            )
        )

    # --- moral points -----------------------------------------------------------------------

    def _moral_rule(self, command: str, category: object) -> MoralRule:
        name = category.value if isinstance(category, MoralCategory) else category
        rule = self._policy.moral_rule(name) if type(name) is str else None
        if rule is None:
            known = ", ".join(r.category for r in self._policy.moral) or "none"
            raise InvalidValue(f"Passbook.{command}.category", category, f"policy has: {known}")
        return rule

    def award_moral(
        self, *, category: MoralCategory | str, reason: str, by: Actor, at: dt.datetime, key: str
    ) -> tuple[PassbookEvent, ...]:
        """Award a category's moral points after review, within its cap per period.

        >>> from wulian_core._points_guard import example
        >>> book, worker, me, at = example()
        >>> _ = book.award_moral(category=MoralCategory.FILIAL_PIETY, reason="照顾卧床婆婆",
        ...                      by=worker, at=at, key="k-1")
        >>> from wulian_core.points import Ledger
        >>> book.balance(Ledger.MORAL), book.balance(Ledger.MATERIAL)
        (3, 0)
        """
        name = category.value if isinstance(category, MoralCategory) else category
        stored = self._start("award_moral", by, at, key)
        if stored is not None:
            return self._retry(stored, ("award_moral", by.person, name, reason))
        rule = self._moral_rule("award_moral", category)
        reason_of(reason, "Passbook.award_moral.reason")
        self._may_review("award_moral", by)
        points = rule.points
        if rule.max_points_per_period is not None:
            start = self._policy.period.start_of(local_day(at))
            so_far = self._tally("award", rule.category, start)
            points = max(0, min(points, rule.max_points_per_period - so_far))
        return self._commit(
            _moral_awarded(
                holder=self._holder.id,
                at=at,
                by=by.person,
                key=key,
                category=rule.category,
                points=points,
                reason=reason,
            )
        )

    def deduct_moral(
        self,
        *,
        category: MoralCategory | str,
        reason: str,
        serious: bool = False,
        by: Actor,
        at: dt.datetime,
        key: str,
    ) -> tuple[PassbookEvent, ...]:
        """Deduct a category's moral points; a serious violation also bars redemption
        for the policy's term (the practice policy: this year and next).

        >>> from wulian_core._points_guard import example
        >>> book, worker, me, at = example()
        >>> (ev,) = book.deduct_moral(category="law_abiding", reason="违规占道经营",
        ...                           serious=True, by=worker, at=at, key="k-1")
        >>> ev.points, book.barred_until
        (5, datetime.date(2026, 1, 1))
        """
        name = category.value if isinstance(category, MoralCategory) else category
        stored = self._start("deduct_moral", by, at, key)
        if stored is not None:
            return self._retry(stored, ("deduct_moral", by.person, name, reason, serious))
        rule = self._moral_rule("deduct_moral", category)
        reason_of(reason, "Passbook.deduct_moral.reason")
        if type(serious) is not bool:
            raise InvalidValue("Passbook.deduct_moral.serious", serious, "must be True or False")
        self._may_review("deduct_moral", by)
        barred = None
        if serious:
            # A bar that never ends is recorded as the last day there is.
            barred = self._policy.serious_violation_bar.end(local_day(at)) or dt.date.max
        return self._commit(
            _moral_deducted(
                holder=self._holder.id,
                at=at,
                by=by.person,
                key=key,
                category=rule.category,
                points=rule.deduction,
                reason=reason,
                serious=serious,
                barred_until=barred,
            )
        )
