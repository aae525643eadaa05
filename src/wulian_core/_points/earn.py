"""The decisions that earn: service, corrections, activities, moral points.

Each ``decide_*`` function takes the passbook's state and a command's arguments, checks
the values and who acts, and returns the events to record; it raises on a refusal and
changes nothing. :class:`~wulian_core.points.Passbook` frames the command (actor, aware
instant, key, retry) before and records the events after.
"""

from __future__ import annotations

import datetime as dt

from wulian_core.errors import IllegalTransition, InvalidValue, NotFound, PermissionDenied
from wulian_core.people import Actor

from .events import (
    ActivityPointsAccrued,
    MoralPointsAwarded,
    MoralPointsDeducted,
    PassbookEvent,
    ServiceCorrected,
    ServiceRecorded,
    builder,
)
from .guard import (
    OrganiserOnRecord,
    day_of,
    ident,
    is_staff,
    may_record,
    may_review,
    minutes_of,
    not_own,
    organiser_of,
    reason_of,
)
from .lots import ServiceRecord, local_day
from .policy import MoralCategory, MoralRule
from .state import PassbookState

_service_recorded = builder(ServiceRecorded)
_service_corrected = builder(ServiceCorrected)
_activity_accrued = builder(ActivityPointsAccrued)
_moral_awarded = builder(MoralPointsAwarded)
_moral_deducted = builder(MoralPointsDeducted)
__all__ = [
    "decide_accrue_activity",
    "decide_award_moral",
    "decide_correct_service",
    "decide_deduct_moral",
    "decide_record_service",
    "decide_uphold_complaint",
]


# --- service --------------------------------------------------------------------------------


def decide_record_service(
    book: PassbookState,
    *,
    activity: str,
    on: dt.date,
    minutes: int,
    organiser: OrganiserOnRecord | None,
    by: Actor,
    at: dt.datetime,
    key: str,
) -> tuple[PassbookEvent, ...]:
    """The record of ``minutes`` of service in ``activity`` on day ``on``, rounded and
    capped by the policy's :class:`~wulian_core.points.ServiceRule`; nothing is recorded.

    >>> from wulian_core.examples import passbook_example
    >>> book, worker, me, at = passbook_example()
    >>> (ev,) = decide_record_service(book, activity="a-1", on=at.date(), minutes=150,
    ...     organiser=None, by=worker, at=at, key="k-1")
    >>> ev.credited_minutes, ev.points, book.version
    (120, 2, 1)
    """
    today = local_day(at)
    # Each check's quick test first (what every well-formed command passes); the full
    # check, which names the argument, only when it fails.
    if not (type(activity) is str and 0 < len(activity) <= 64 and not activity.isspace()):
        ident(activity, "Passbook.record_service.activity")
    if type(on) is not dt.date or on > today:
        day_of(on, "Passbook.record_service.on", today)
    if type(minutes) is not int or not 0 <= minutes <= 1440:
        minutes_of(minutes, "Passbook.record_service.minutes")
    if organiser is not None:
        organiser_of(organiser, "record_service")
    may_record(book, "record_service", by, organiser)
    if activity in book._activities and book._filed(activity, 0) is not None:
        raise IllegalTransition(
            "recorded", "record_service", f"{activity} has a record; correct it with a reason"
        )
    policy = book._policy
    service = policy.service
    days = book._days
    credited, points = service.credit(
        minutes,
        day_so_far=0 if days is None else days.get(on, 0),
        # counted only under a cap per period (credit reads it only then)
        period_so_far=0
        if service.max_minutes_per_period is None
        else book._tally("period", "", policy.period.start_of(on)),
    )
    debt = book._debt
    return (
        _service_recorded(
            holder=book._holder.id,
            at=at,
            by=by.person,
            key=key,
            activity=activity,
            on=on,
            organiser=None if organiser is None else by.person,
            minutes=minutes,
            credited_minutes=credited,
            points=points,
            settled=points if points < debt else debt,
            expires_on=policy.expiry_end(today) if points else None,
        ),
    )


def decide_correct_service(
    book: PassbookState,
    *,
    activity: str,
    minutes: int,
    reason: str,
    by: Actor,
    at: dt.datetime,
    key: str,
) -> tuple[PassbookEvent, ...]:
    """The correction of an activity's service record to ``minutes``, with a reason.

    >>> from wulian_core.examples import passbook_example
    >>> book, worker, me, at = passbook_example()
    >>> decide_correct_service(book, activity="a-1", minutes=30, reason="签退时间有误",
    ...                        by=worker, at=at, key="k-2")
    Traceback (most recent call last):
    ...
    wulian_core.errors.NotFound: Passbook.correct_service.activity: no service record 'a-1'
    """
    minutes_of(minutes, "Passbook.correct_service.minutes")
    return _correct(book, "correct_service", activity, minutes, reason, False, by, at, key)


def decide_uphold_complaint(
    book: PassbookState, *, activity: str, reason: str, by: Actor, at: dt.datetime, key: str
) -> tuple[PassbookEvent, ...]:
    """The correction of an activity's record to 0 after an upheld complaint.

    >>> from wulian_core.examples import passbook_example
    >>> book, worker, me, at = passbook_example()
    >>> _ = book.record_service(activity="a-1", on=at.date(), minutes=60, by=worker,
    ...                         at=at, key="k-1")
    >>> (ev,) = decide_uphold_complaint(book, activity="a-1", reason="投诉属实", by=worker,
    ...                                 at=at, key="k-2")
    >>> ev.complaint, ev.points_delta, book.balance()
    (True, -1, 1)
    """
    return _correct(book, "uphold_complaint", activity, 0, reason, True, by, at, key)


def _correct(
    book: PassbookState,
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
    found = book._filed(activity, 0) if type(activity) is str else None
    if found is None:
        raise NotFound("service record", activity, argument=f"Passbook.{command}.activity")
    # A view only: the apply path keeps the record once the correction is recorded.
    record = ServiceRecord(found, book._events[found]) if type(found) is int else found  # type: ignore[arg-type]
    not_own(command, by, book._people)
    if by.person != record.organiser and not is_staff(by, book._holder.community):
        raise PermissionDenied(command, by.person, "only who recorded it or a community worker")
    if any(book._is_reversed(lot) for lot in record.lots):
        raise IllegalTransition("reversed", command, f"the points of {activity} were reversed")
    policy = book._policy
    if complaint:
        credited = points = 0
    else:
        start = policy.period.start_of(record.on)
        credited, points = policy.service.credit(
            minutes,
            day_so_far=book._day_minutes(record.on) - record.credited,
            period_so_far=book._tally("period", "", start) - record.credited,
        )
    delta = points - record.points
    taken, debt = book._claw_plan(record.lots[::-1], -delta) if delta < 0 else (0, 0)
    return (
        _service_corrected(
            holder=book._holder.id,
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
            settled=min(delta, book._debt) if delta > 0 else 0,
            expires_on=policy.expiry_end(local_day(at)) if delta > 0 else None,
            reason=reason,
            complaint=complaint,
        ),
    )


# --- activities -----------------------------------------------------------------------------


def decide_accrue_activity(
    book: PassbookState,
    *,
    activity: str,
    on: dt.date,
    activity_kind: str,
    organiser: OrganiserOnRecord | None,
    by: Actor,
    at: dt.datetime,
    key: str,
) -> tuple[PassbookEvent, ...]:
    """Material points for taking part in ``activity``, once, within the kind's cap.

    >>> from wulian_core.examples import passbook_example
    >>> book, worker, me, at = passbook_example()
    >>> decide_accrue_activity(book, activity="a-1", on=at.date(), activity_kind="dance",
    ...     organiser=None, by=worker, at=at, key="k-1")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Passbook.accrue_activity.activity_kind: policy kinds: ...
    """
    today = local_day(at)
    if not (type(activity) is str and 0 < len(activity) <= 64 and not activity.isspace()):
        ident(activity, "Passbook.accrue_activity.activity")
    if type(on) is not dt.date or on > today:
        day_of(on, "Passbook.accrue_activity.on", today)
    policy = book._policy
    rule = policy._by_kind.get(activity_kind) if type(activity_kind) is str else None
    if rule is None:
        known = ", ".join(r.kind for r in policy.activities) or "none"
        raise InvalidValue(
            "Passbook.accrue_activity.activity_kind", activity_kind, f"policy kinds: {known}"
        )
    if organiser is not None:
        organiser_of(organiser, "accrue_activity")
    may_record(book, "accrue_activity", by, organiser)
    if activity in book._activities and book._filed(activity, 1) is not None:
        raise IllegalTransition("accrued", "accrue_activity", f"{activity} was accrued")
    points = rule.points
    if rule.max_points_per_period is not None:
        so_far = book._tally("activity", rule.kind, policy.period.start_of(on))
        points = max(0, min(points, rule.max_points_per_period - so_far))
    debt = book._debt
    return (
        _activity_accrued(
            holder=book._holder.id,
            at=at,
            by=by.person,
            key=key,
            activity=activity,
            on=on,
            activity_kind=rule.kind,
            organiser=None if organiser is None else by.person,
            points=points,
            settled=points if points < debt else debt,
            expires_on=policy.expiry_end(today) if points else None,
        ),
    )


# --- moral points ---------------------------------------------------------------------------


def _moral_rule(book: PassbookState, command: str, category: object) -> MoralRule:
    name = category.value if isinstance(category, MoralCategory) else category
    rule = book._policy.moral_rule(name) if type(name) is str else None
    if rule is None:
        known = ", ".join(r.category for r in book._policy.moral) or "none"
        raise InvalidValue(f"Passbook.{command}.category", category, f"policy has: {known}")
    return rule


def decide_award_moral(
    book: PassbookState,
    *,
    category: MoralCategory | str,
    reason: str,
    by: Actor,
    at: dt.datetime,
    key: str,
    posted: bool = False,
) -> tuple[PassbookEvent, ...]:
    """A category's moral points after review, within its cap per period.

    Under a policy with a posting period (``moral_posting_days``) the award must have
    been posted in public first: only the notice board credits it (``posted=True``).

    >>> from wulian_core.examples import passbook_example
    >>> book, worker, me, at = passbook_example()
    >>> (ev,) = decide_award_moral(book, category="filial_piety", reason="照顾卧床婆婆",
    ...                            by=worker, at=at, key="k-1")
    >>> ev.points
    3
    """
    rule = _moral_rule(book, "award_moral", category)
    reason_of(reason, "Passbook.award_moral.reason")
    may_review(book, "award_moral", by)
    if book._policy.moral_posting_days is not None and not posted:
        raise IllegalTransition(
            "not yet posted",
            "award_moral",
            "the policy posts moral points in public first: use MoralNoticeBoard.post",
        )
    points = rule.points
    if rule.max_points_per_period is not None:
        start = book._policy.period.start_of(local_day(at))
        so_far = book._tally("award", rule.category, start)
        points = max(0, min(points, rule.max_points_per_period - so_far))
    return (
        _moral_awarded(
            holder=book._holder.id,
            at=at,
            by=by.person,
            key=key,
            category=rule.category,
            points=points,
            reason=reason,
        ),
    )


def decide_deduct_moral(
    book: PassbookState,
    *,
    category: MoralCategory | str,
    reason: str,
    serious: bool,
    by: Actor,
    at: dt.datetime,
    key: str,
) -> tuple[PassbookEvent, ...]:
    """A category's deduction; a serious violation also bars redemption for a term.

    >>> from wulian_core.examples import passbook_example
    >>> book, worker, me, at = passbook_example()
    >>> (ev,) = decide_deduct_moral(book, category="law_abiding", reason="违规占道经营",
    ...                             serious=False, by=worker, at=at, key="k-1")
    >>> ev.points, ev.barred_until
    (5, None)
    """
    rule = _moral_rule(book, "deduct_moral", category)
    reason_of(reason, "Passbook.deduct_moral.reason")
    if type(serious) is not bool:
        raise InvalidValue("Passbook.deduct_moral.serious", serious, "must be True or False")
    may_review(book, "deduct_moral", by)
    barred = None
    if serious:
        # A bar that never ends is recorded as the last day there is.
        barred = book._policy.serious_violation_bar.end(local_day(at)) or dt.date.max
    return (
        _moral_deducted(
            holder=book._holder.id,
            at=at,
            by=by.person,
            key=key,
            category=rule.category,
            points=rule.deduction,
            reason=reason,
            serious=serious,
            barred_until=barred,
        ),
    )
