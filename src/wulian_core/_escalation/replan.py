"""Replanning (时限调整): moving provisional deadlines once the year's notice is added.

A deadline counted on days the calendar knows only by law is provisional. When the
State Council's notice for that year is added (``calendar.extended(notice)``),
:meth:`~wulian_core.escalation.Case.replan` and :func:`~wulian_core.escalation.replan`
count each running clock again on the new calendar and record a
:class:`~wulian_core.escalation.DeadlineReplanned` with the old and the new instant.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from wulian_core.calendar import TimeLimit, WorkCalendar
from wulian_core.errors import InvalidValue
from wulian_core.people import Actor

from .clock import counts_provisional, due_time
from .events import (
    CaseAccepted,
    CaseEscalated,
    CaseOpened,
    CaseReopened,
    CaseReturned,
    CaseTransferred,
    DeadlineReplanned,
    ExtensionApproved,
    ExtensionRequested,
)
from .flags import ACCEPT_MISSED, ACCEPT_PROVISIONAL, RESOLVE_MISSED, RESOLVE_PROVISIONAL
from .guard import level_of, require_supervisor
from .policy import EscalationLevel
from .state import CaseState
from .values import CaseClock, CaseStatus, ClockStart

__all__ = ["decide_replan", "replanned"]

_AWAITING, _IN_HAND = CaseStatus.AWAITING_ACCEPTANCE, CaseStatus.IN_HAND
_OPEN: Final = frozenset({_AWAITING, _IN_HAND})


def decide_replan(case: CaseState, by: Actor, at: dt.datetime, calendar: object) -> list[Any]:
    """Move each running deadline that counted provisional days to where ``calendar`` puts it."""
    if not isinstance(calendar, WorkCalendar):
        raise InvalidValue("Case.replan.calendar", calendar, "must be a WorkCalendar")
    require_supervisor(case, "replan", by)
    return replanned(case, calendar, by=by.person, at=at)


def replanned(case: CaseState, calendar: WorkCalendar, *, by: str, at: dt.datetime) -> list[Any]:
    """The :class:`DeadlineReplanned` events of ``case`` on ``calendar`` (none if nothing moves).

    Only running clocks move: a clock that ran out keeps its history. Each deadline is
    counted again from the instant its clock started, extensions granted at this level
    included, as if the case had been handled on ``calendar`` from the start.
    """
    status, flags = case._status, case._flags
    if status not in _OPEN:
        return []
    level = level_of(case)
    found: list[Any] = []
    if (
        status is _AWAITING
        and flags & ACCEPT_PROVISIONAL
        and not flags & ACCEPT_MISSED
        and case._accept_due is not None
    ):
        due = due_time(level.accept, case._arrived_at, calendar)
        provisional = counts_provisional(level.accept, due, calendar)
        if due != case._accept_due or not provisional:
            found.append(_replan(case, CaseClock.ACCEPT, due, provisional, by, at))
    if flags & RESOLVE_PROVISIONAL and not flags & RESOLVE_MISSED and case._resolve_due is not None:
        due, provisional = _resolve_due_on(case, level, calendar)
        if due != case._resolve_due or not provisional:
            found.append(_replan(case, CaseClock.RESOLVE, due, provisional, by, at))
    found += _unit_replans(case, level, calendar, by, at)
    return found


def _unit_replans(
    case: CaseState, level: EscalationLevel, calendar: WorkCalendar, by: str, at: dt.datetime
) -> list[Any]:
    """Each co-unit's running clock that counted provisional days, counted again."""
    found: list[Any] = []
    accept_limit, report_limit = level.unit_clocks
    for part in case._parts:
        if part.done:
            continue
        if part.accepted_at is None:
            if not part.accept_provisional or part.accept_missed:
                continue
            clock, previous = CaseClock.ACCEPT, part.accept_due
            due = due_time(accept_limit, part.assigned_at, calendar)
            provisional = counts_provisional(accept_limit, due, calendar)
        else:
            if not part.report_provisional or part.report_missed or part.report_due is None:
                continue
            clock, previous = CaseClock.RESOLVE, part.report_due
            due = due_time(report_limit, part.accepted_at, calendar)
            provisional = counts_provisional(report_limit, due, calendar)
        if due != previous or not provisional:
            found.append(
                DeadlineReplanned(
                    case=case._opened.case,
                    at=at,
                    by=by,
                    clock=clock,
                    previous=previous,
                    due=due,
                    provisional=provisional,
                    unit=part.unit,
                )
            )
    return found


def _replan(
    case: CaseState, clock: CaseClock, due: dt.datetime, provisional: bool, by: str, at: dt.datetime
) -> DeadlineReplanned:
    previous = case._accept_due if clock is CaseClock.ACCEPT else case._resolve_due
    assert previous is not None  # only running clocks are replanned
    return DeadlineReplanned(
        case=case._opened.case,
        at=at,
        by=by,
        clock=clock,
        previous=previous,
        due=due,
        provisional=provisional,
    )


def _resolve_due_on(
    case: CaseState, level: EscalationLevel, calendar: WorkCalendar
) -> tuple[dt.datetime, bool]:
    stay: list[Any] = []
    for event in reversed(case._events):  # the events since the case reached this level
        stay.append(event)
        if isinstance(event, _ARRIVALS):
            break
    stay.reverse()
    start = case._arrived_at
    if level.resolve_from is ClockStart.ACCEPTANCE:
        start = next((e.at for e in stay if type(e) is CaseAccepted), start)
    due = due_time(level.resolve, start, calendar)
    provisional = counts_provisional(level.resolve, due, calendar)
    asked: TimeLimit | None = None
    for event in stay:
        if type(event) is ExtensionRequested:
            asked = event.extension
        elif type(event) is ExtensionApproved and asked is not None:
            due = asked.extend(due, calendar)
            provisional = provisional or counts_provisional(asked, due, calendar)
    return due, provisional


_ARRIVALS: Final = (CaseOpened, CaseReturned, CaseEscalated, CaseTransferred, CaseReopened)
