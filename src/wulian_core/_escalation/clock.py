"""The clocks of a case: when each deadline falls, when to warn, and what running out does.

Time-driven, pure in what it decides: :func:`due_time` and :func:`warn_time` compute
instants; :func:`timers` works out the next thing a case's clocks will do; :func:`fire`
records, on a case, every warning and missed deadline up to an instant, in order, each
at the instant it happened.

Counting: a clock that starts at 00:00 Asia/Shanghai (an automatic hand-over when the
previous level's time ran out at the end of a day) counts from the day before, as
:meth:`~wulian_core.calendar.TimeLimit.extend` does. So the 四级七天 chain is seven
working days end to end, not seven plus a lost day at each hand-over.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from wulian_core.calendar import SHANGHAI, TimeLimit, TimeUnit, WorkCalendar

from .events import (
    SWEEP_ACTOR,
    CaseEscalated,
    CaseEvent,
    CaseSupervised,
    DeadlineMissed,
    DeadlineWarned,
)
from .flags import ACCEPT_MISSED, ACCEPT_WARNED, RESOLVE_MISSED, RESOLVE_WARNED, UNKNOWN
from .policy import EscalationLevel
from .state import CaseState
from .steps import apply
from .values import CaseClock, CaseStatus, ClockStart, LevelRole

__all__ = [
    "alarm",
    "arrival_fields",
    "counts_provisional",
    "due_time",
    "fire",
    "warn_time",
]

_MIDNIGHT: Final = dt.time(0)
_ONE_DAY: Final = dt.timedelta(days=1)
_TICK: Final = dt.timedelta(microseconds=1)
_AWAITING, _IN_HAND = CaseStatus.AWAITING_ACCEPTANCE, CaseStatus.IN_HAND
_ACCEPT, _RESOLVE = CaseClock.ACCEPT, CaseClock.RESOLVE
_WARN, _MISS = 0, 1


def due_time(limit: TimeLimit, start: dt.datetime, calendar: WorkCalendar) -> dt.datetime:
    """When ``limit`` runs out for a clock started at ``start`` (see the module's counting rule).

    >>> from wulian_core.calendar import ChinaCalendar
    >>> china = ChinaCalendar.official()
    >>> due_time(TimeLimit.working_days(2), dt.datetime(2024, 2, 8, 10, tzinfo=SHANGHAI), china)
    datetime.datetime(2024, 2, 19, 0, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
    >>> due_time(TimeLimit.working_days(2), dt.datetime(2024, 2, 8, 0, tzinfo=SHANGHAI), china)
    datetime.datetime(2024, 2, 10, 0, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
    """
    local = start.astimezone(SHANGHAI)
    if local.time() == _MIDNIGHT:
        return limit.extend(local, calendar)
    return limit.due(local, calendar)


def warn_time(due: dt.datetime, lead: TimeLimit, calendar: WorkCalendar) -> dt.datetime:
    """When to warn of a deadline at ``due``, ``lead`` ahead of it.

    Hours and natural days are subtracted; working days count back over the calendar:
    one working day before the deadline is the start (00:00) of the last working day.

    >>> from wulian_core.calendar import ChinaCalendar
    >>> due = dt.datetime(2024, 2, 19, tzinfo=SHANGHAI)  # the end of Sunday 2-18, a workday
    >>> warn_time(due, TimeLimit.working_days(2), ChinaCalendar.official())
    datetime.datetime(2024, 2, 9, 0, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
    """
    if lead.unit is TimeUnit.HOURS:
        return due - dt.timedelta(hours=lead.amount)
    local = due.astimezone(SHANGHAI)
    if lead.unit is TimeUnit.NATURAL_DAYS:
        return local - dt.timedelta(days=lead.amount)
    day = (local - _TICK).date()
    left = lead.amount
    while True:
        if calendar.is_workday(day):
            left -= 1
            if left == 0:
                return dt.datetime.combine(day, _MIDNIGHT, tzinfo=SHANGHAI)
        day -= _ONE_DAY


def arrival_dues(
    level: EscalationLevel, start: dt.datetime, calendar: WorkCalendar
) -> tuple[dt.datetime, dt.datetime | None]:
    """The 签收 deadline, and the 办结 deadline when it counts from arrival."""
    accept = due_time(level.accept, start, calendar)
    if level.resolve_from is ClockStart.ARRIVAL:
        return accept, due_time(level.resolve, start, calendar)
    return accept, None


def counts_provisional(limit: TimeLimit, due: dt.datetime, calendar: WorkCalendar) -> bool:
    """Whether a deadline at ``due`` counted a day the calendar only knows by law (暂定).

    Only working days depend on the calendar; a working-day count ends at the end of its
    last day, so it counted a provisional day when that day is one.

    >>> from wulian_core.calendar import ChinaCalendar
    >>> law = ChinaCalendar.official(beyond="statutory")
    >>> five = TimeLimit.working_days(5)
    >>> start = dt.datetime(2026, 12, 21, 9, tzinfo=SHANGHAI)
    >>> counts_provisional(five, due_time(five, start, law), law)
    True
    >>> counts_provisional(TimeLimit.hours(4), start + dt.timedelta(days=9), law)
    False
    """
    if limit.unit is not TimeUnit.WORKING_DAYS:
        return False
    first = calendar.provisional_from
    return first is not None and (due.astimezone(SHANGHAI) - _TICK).date() >= first


def arrival_fields(
    level: EscalationLevel, start: dt.datetime, calendar: WorkCalendar
) -> dict[str, Any]:
    """The deadlines an arrival at ``level`` carries, and whether each is provisional."""
    accept, resolve = arrival_dues(level, start, calendar)
    return {
        "accept_due": accept,
        "resolve_due": resolve,
        "accept_provisional": counts_provisional(level.accept, accept, calendar),
        "resolve_provisional": resolve is not None
        and counts_provisional(level.resolve, resolve, calendar),
    }


def _running(case: CaseState) -> list[tuple[CaseClock, dt.datetime, int, int]]:
    """The clocks still running: (clock, due, its warned bit, its missed bit)."""
    found = []
    status = case._status
    if status is _AWAITING and case._accept_due is not None:
        found.append((_ACCEPT, case._accept_due, ACCEPT_WARNED, ACCEPT_MISSED))
    if (status is _AWAITING or status is _IN_HAND) and case._resolve_due is not None:
        found.append((_RESOLVE, case._resolve_due, RESOLVE_WARNED, RESOLVE_MISSED))
    return found


def _unit_clocks(case: CaseState) -> list[tuple[CaseClock, dt.datetime, bool, bool, str]]:
    """The co-units' running clocks: (clock, due, warned, missed, unit)."""
    found = []
    if case._status is _AWAITING or case._status is _IN_HAND:
        for part in case._parts:
            if part.done:
                continue
            if part.accepted_at is None:
                found.append(
                    (_ACCEPT, part.accept_due, part.accept_warned, part.accept_missed, part.unit)
                )
            elif part.report_due is not None:
                found.append(
                    (_RESOLVE, part.report_due, part.report_warned, part.report_missed, part.unit)
                )
    return found


def timers(case: CaseState, now: dt.datetime | None) -> list[tuple[dt.datetime, int, int, Any]]:
    """What the clocks will do, soonest first: (instant, action, clock order, (clock, due, unit)).

    The case's own clocks come first at the same instant, then each co-unit's. A warning
    is left out once its deadline is at or before ``now``: the miss says more.
    """
    found = []
    lead = case._opened.policy.warn_before
    clocks: list[tuple[CaseClock, dt.datetime, bool, bool, str | None]] = [
        (clock, due, bool(case._flags & warned), bool(case._flags & missed), None)
        for clock, due, warned, missed in _running(case)
    ]
    if case._parts:
        clocks += _unit_clocks(case)
    for order, (clock, due, was_warned, was_missed, unit) in enumerate(clocks):
        if was_missed:
            continue
        if not was_warned and (now is None or due > now):
            at = max(warn_time(due, lead, case._calendar), case._last_at)
            found.append((at, _WARN, order, (clock, due, unit)))
        found.append((due, _MISS, order, (clock, due, unit)))
    found.sort(key=lambda timer: timer[:3])
    return found


def alarm(case: CaseState) -> dt.datetime | None:
    """The next instant the clocks of ``case`` do something, or ``None``; cached on the case."""
    cached = case._alarm
    if cached is UNKNOWN:
        found = timers(case, None)
        cached = case._alarm = found[0][0] if found else None
    return cached  # type: ignore[no-any-return]


def fire(case: CaseState, now: dt.datetime) -> list[CaseEvent]:
    """Record on ``case`` everything its clocks do up to ``now``, in order; return the events.

    Each event is at the instant it happened (a deadline's event at the deadline), or
    at the case's last event if that came later. Raises CalendarCoverageError when an
    automatic escalation needs a deadline the calendar does not know; callers plan on
    a copy (``steps.scratch_copy``) so that nothing is changed then.
    """
    recorded: list[CaseEvent] = []
    ident = case._opened.case
    while True:
        found = timers(case, now)
        if not found or found[0][0] > now:
            case._alarm = found[0][0] if found else None
            return recorded
        at, action, _, (clock, due, unit) = found[0]
        if action == _WARN:
            events: list[Any] = [
                DeadlineWarned(case=ident, at=at, by=SWEEP_ACTOR, clock=clock, due=due, unit=unit)
            ]
        else:
            at = max(due, case._last_at)
            events = [
                DeadlineMissed(case=ident, at=at, by=SWEEP_ACTOR, clock=clock, due=due, unit=unit)
            ]
            if unit is None:  # a co-unit's lapse is marked, for the centre to chase
                events += _overdue(case, clock, at)
        for event in events:
            apply(event, case)
            recorded.append(event)


def _overdue(case: CaseState, clock: CaseClock, at: dt.datetime) -> list[Any]:
    """What a missed deadline sets off under the policy: escalation, or 督办 at the top."""
    policy = case._opened.policy
    level = policy.levels[case._level]
    if not policy.auto_escalate:
        return []
    if clock is _ACCEPT and level.resolve_from is not ClockStart.ACCEPTANCE:
        return []  # the 办结 clock is running already; its deadline decides
    opened = case._opened
    ident = opened.case
    what = f"{level.label_zh}{clock.label_zh}时限届满"
    # The policy's route for this case decides where the clock sends it.
    route = policy.next_levels(level.id, channel=opened.channel, category=opened.category)
    if not route:
        reason = f"{what}，已在最高层级，转为督办"
        return [CaseSupervised(case=ident, at=at, by=SWEEP_ACTOR, reason=reason)]
    target = policy.level(route[0])
    agency = None
    if target.role is LevelRole.AGENCY_STAFF:
        agency = case._opened.home_agency
        if agency is None:
            reason = f"{what}，但未指定承接的专门机构，转为督办"
            return [CaseSupervised(case=ident, at=at, by=SWEEP_ACTOR, reason=reason)]
    return [
        CaseEscalated(
            case=ident,
            at=at,
            by=SWEEP_ACTOR,
            level=target.id,
            agency=agency,
            **arrival_fields(target, at, case._calendar),
            reason=f"{what}，自动上报{target.label_zh}",
        )
    ]
