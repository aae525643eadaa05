"""Deciding a command: check who acts, in what state, with what values; return the events.

Each ``decide_*`` function reads a case and returns the events the command records, or
raises and records nothing: :class:`~wulian_core.errors.PermissionDenied` for the wrong
actor, :class:`~wulian_core.errors.IllegalTransition` for the wrong state,
:class:`~wulian_core.errors.InvalidValue` for a bad value. They never change the case.

Who may act is in :mod:`wulian_core._escalation.guard`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from wulian_core._checks import arg_aware, arg_id, arg_text
from wulian_core.calendar import ChinaCalendar, TimeLimit, WorkCalendar
from wulian_core.errors import IllegalTransition, InvalidValue, PermissionDenied
from wulian_core.people import Actor
from wulian_core.regions import RegionCode

from .clock import arrival_fields, counts_provisional, due_time
from .events import (
    CaseAccepted,
    CaseClosed,
    CaseEscalated,
    CaseOpened,
    CaseParked,
    CaseRated,
    CaseReopened,
    CaseResolved,
    CaseReturned,
    CaseSupervised,
    CaseUrged,
    CaseWithdrawn,
    ExtensionApproved,
    ExtensionRejected,
    ExtensionRequested,
    FeedbackGiven,
)
from .flags import RESOLVE_MISSED, RESOLVE_PROVISIONAL
from .guard import (
    handler_words,
    handles,
    level_of,
    may_open,
    owns,
    require,
    require_handler,
    require_handler_or_party,
    require_overseer,
    require_resident,
    require_supervisor,
    supervises,
    where,
)
from .policy import EscalationLevel, EscalationPolicy
from .state import CaseState
from .steps import senders
from .values import (
    CaseCategory,
    CaseChannel,
    CaseResult,
    CaseStatus,
    ClockStart,
    LevelRole,
    Satisfaction,
)

_AWAITING, _IN_HAND = CaseStatus.AWAITING_ACCEPTANCE, CaseStatus.IN_HAND
_RESOLVED, _PARKED = CaseStatus.RESOLVED, CaseStatus.PARKED
_OPEN: Final = frozenset({_AWAITING, _IN_HAND})
_CHASED: Final = frozenset({_AWAITING, _IN_HAND, _PARKED})


def _base(case: CaseState, by: Actor, at: dt.datetime) -> dict[str, Any]:
    return {"case": case._opened.case, "at": at, "by": by.person}


def _arrival(case: CaseState, level: EscalationLevel, at: dt.datetime) -> dict[str, Any]:
    return {"level": level.id, **arrival_fields(level, at, case._calendar)}


def _agency_for(case: CaseState, target: EscalationLevel, agency: object, name: str) -> str | None:
    if target.role is not LevelRole.AGENCY_STAFF:
        if agency is not None:
            raise InvalidValue(
                name,
                agency,
                f"only a case sent to an agency level names an agency; {target.id} is not one",
            )
        return None
    if agency is None:
        agency = case._opened.home_agency
        if agency is None:
            reason = f"level {target.id} is an agency level: name the agency (the case has no home agency)"
            raise InvalidValue(name, agency, reason)
    return arg_id(agency, name)


# --- the commands --------------------------------------------------------------------------


def decide_accept(case: CaseState, by: Actor, at: dt.datetime) -> list[Any]:
    require(case, "accept", (_AWAITING,), "only a case awaiting acceptance is accepted")
    require_handler(case, "accept", by)
    level = level_of(case)
    if level.resolve_from is not ClockStart.ACCEPTANCE:
        return [CaseAccepted(**_base(case, by, at))]
    due = due_time(level.resolve, at, case._calendar)
    provisional = counts_provisional(level.resolve, due, case._calendar)
    return [CaseAccepted(**_base(case, by, at), resolve_due=due, resolve_provisional=provisional)]


def decide_send_back(case: CaseState, by: Actor, at: dt.datetime, reason: object) -> list[Any]:
    require(case, "send_back", (_AWAITING,), "a case is sent back before it is accepted")
    sent = senders(case)
    if sent is None:
        raise IllegalTransition(
            where(case), "send_back", "it entered here, nobody sent it: resolve or escalate it"
        )
    require_handler(case, "send_back", by)
    reason = arg_text(reason, "Case.send_back.reason")
    level = level_of(case)
    if level.return_within is not None:
        limit = due_time(level.return_within, case._arrived_at, case._calendar)
        if at >= limit:
            detail = (
                f"the {level.return_within.label_zh} to send it back ran out at {limit.isoformat()}"
            )
            raise IllegalTransition(where(case), "send_back", detail)
    target_index, agency, _ = sent
    target = case._opened.policy.levels[target_index]
    return [
        CaseReturned(
            **_base(case, by, at), **_arrival(case, target, at), agency=agency, reason=reason
        )
    ]


def decide_resolve(case: CaseState, by: Actor, at: dt.datetime, result: object) -> list[Any]:
    require(case, "resolve", (_IN_HAND,), "accept the case before resolving it")
    require_handler(case, "resolve", by)
    waiting = [part.unit for part in case._parts if not part.done]
    if waiting:
        detail = (
            f"co-units {', '.join(waiting)} have not reported back; "
            "wait, or the centre goes on without them (excuse_unit)"
        )
        raise IllegalTransition(where(case), "resolve", detail)
    if not isinstance(result, CaseResult):
        raise InvalidValue("Case.resolve.result", result, "must be a CaseResult")
    due = case._resolve_due
    on_time = due is None or at < due
    return [
        CaseResolved(**_base(case, by, at), level=level_of(case).id, result=result, on_time=on_time)
    ]


def next_level(case: CaseState, to: object, name: str) -> EscalationLevel | None:
    """The level ``to`` names, or the policy's route for the case; None at the top."""
    opened = case._opened
    targets = opened.policy.next_levels(
        level_of(case).id, channel=opened.channel, category=opened.category
    )
    if not targets:
        return None
    if to is None:
        return opened.policy.level(targets[0])
    if to not in targets:
        allowed = ", ".join(targets)
        raise InvalidValue(name, to, f"is not a level this case may go to from here ({allowed})")
    return opened.policy.level(str(to))


def decide_escalate(
    case: CaseState, by: Actor, at: dt.datetime, reason: object, agency: object, to: object = None
) -> list[Any]:
    require(case, "escalate", _OPEN, "only an open case goes up")
    if next_level(case, None, "Case.escalate.to") is None:
        raise IllegalTransition(
            where(case), "escalate", "this is the top level: resolve or park the case"
        )
    require_handler(case, "escalate", by)
    target = next_level(case, to, "Case.escalate.to")
    assert target is not None  # checked above: the level has somewhere to go
    reason = arg_text(reason, "Case.escalate.reason")
    chosen = _agency_for(case, target, agency, "Case.escalate.agency")
    return [
        CaseEscalated(
            **_base(case, by, at), **_arrival(case, target, at), agency=chosen, reason=reason
        )
    ]


def decide_feedback(case: CaseState, by: Actor, at: dt.datetime, message: object) -> list[Any]:
    if case._status.is_final:
        raise IllegalTransition(where(case), "give_feedback", "the case is over")
    require_handler_or_party(case, "give_feedback", by)
    return [
        FeedbackGiven(
            **_base(case, by, at), message=arg_text(message, "Case.give_feedback.message")
        )
    ]


def decide_urge(case: CaseState, by: Actor, at: dt.datetime, note: object) -> list[Any]:
    require(case, "urge", _CHASED, "only a case still being handled is urged")
    require_overseer(case, "urge", by)
    return [CaseUrged(**_base(case, by, at), note=arg_text(note, "Case.urge.note"))]


def decide_supervise(case: CaseState, by: Actor, at: dt.datetime, reason: object) -> list[Any]:
    require(case, "supervise", _CHASED, "only a case still being handled is supervised")
    require_overseer(case, "supervise", by)
    return [CaseSupervised(**_base(case, by, at), reason=arg_text(reason, "Case.supervise.reason"))]


def decide_request_extension(
    case: CaseState, by: Actor, at: dt.datetime, extension: object, reason: object
) -> list[Any]:
    require(case, "request_extension", (_IN_HAND,), "only an accepted case gets more time")
    level = level_of(case)
    limit = level.extension_limit
    if limit is None:
        raise IllegalTransition(
            where(case), "request_extension", f"level {level.id} grants no extensions"
        )
    if case._pending is not None:
        raise IllegalTransition(where(case), "request_extension", "an extension request is pending")
    due = case._resolve_due
    if due is None or case._flags & RESOLVE_MISSED or at >= due:
        raise IllegalTransition(
            where(case), "request_extension", "an extension is requested before the deadline"
        )
    require_handler(case, "request_extension", by)
    if not isinstance(extension, TimeLimit):
        raise InvalidValue("Case.request_extension.extension", extension, "must be a TimeLimit")
    if extension.unit is not limit.unit:
        raise InvalidValue(
            "Case.request_extension.extension",
            extension,
            f"must count {limit.unit.value} like the level's limit",
        )
    if case._extended + extension.amount > limit.amount:
        left = limit.amount - case._extended
        reason_ = f"exceeds the level's extension limit of {limit.label_zh} ({left} left)"
        raise InvalidValue("Case.request_extension.extension", extension, reason_)
    reason = arg_text(reason, "Case.request_extension.reason")
    return [ExtensionRequested(**_base(case, by, at), extension=extension, reason=reason)]


def decide_approve_extension(case: CaseState, by: Actor, at: dt.datetime) -> list[Any]:
    pending = case._pending
    if pending is None or case._status is not _IN_HAND or case._resolve_due is None:
        raise IllegalTransition(where(case), "approve_extension", "no extension request is pending")
    require_supervisor(case, "approve_extension", by)
    due = pending.extension.extend(case._resolve_due, case._calendar)
    if due <= at:
        detail = f"the extended deadline {due.isoformat()} has passed already; reject it"
        raise IllegalTransition(where(case), "approve_extension", detail)
    provisional = counts_provisional(pending.extension, due, case._calendar) or bool(
        case._flags & RESOLVE_PROVISIONAL
    )
    return [
        ExtensionApproved(**_base(case, by, at), resolve_due=due, resolve_provisional=provisional)
    ]


def decide_reject_extension(
    case: CaseState, by: Actor, at: dt.datetime, reason: object
) -> list[Any]:
    if case._pending is None or case._status is not _IN_HAND:
        raise IllegalTransition(where(case), "reject_extension", "no extension request is pending")
    require_supervisor(case, "reject_extension", by)
    return [
        ExtensionRejected(
            **_base(case, by, at), reason=arg_text(reason, "Case.reject_extension.reason")
        )
    ]


def decide_rate(
    case: CaseState, by: Actor, at: dt.datetime, rating: object, comment: object
) -> list[Any]:
    require(case, "rate", (_RESOLVED,), "a case is rated once it is resolved")
    if case._rating is not None:
        raise IllegalTransition(
            where(case), "rate", "this resolution is rated already: one rating each"
        )
    require_resident(case, "rate", by)
    if not isinstance(rating, Satisfaction):
        raise InvalidValue("Case.rate.rating", rating, "must be a Satisfaction")
    comment = arg_text(comment, "Case.rate.comment", blank=True)
    return [CaseRated(**_base(case, by, at), rating=rating, comment=comment)]


def decide_reopen(
    case: CaseState, by: Actor, at: dt.datetime, reason: object, agency: object
) -> list[Any]:
    require(case, "reopen", (_RESOLVED,), "only a resolved case is redone")
    if case._rating is not Satisfaction.UNSATISFIED:
        raise IllegalTransition(
            where(case), "reopen", "only an unsatisfied rating sends a case back"
        )
    require_supervisor(case, "reopen", by)
    reason = arg_text(reason, "Case.reopen.reason")
    policy = case._opened.policy
    level = level_of(case)
    climbs = case._reopens + 1 >= policy.reopens_to_escalate
    base = _base(case, by, at)
    target = next_level(case, None, "Case.reopen") if climbs else None
    if target is not None:
        chosen = _agency_for(case, target, agency, "Case.reopen.agency")
        return [CaseReopened(**base, **_arrival(case, target, at), agency=chosen, reason=reason)]
    if agency is not None:
        raise InvalidValue(
            "Case.reopen.agency", agency, "names an agency only when the case goes up a level"
        )
    events: list[Any] = [
        CaseReopened(**base, **_arrival(case, level, at), agency=case._agency, reason=reason)
    ]
    if climbs:
        note = f"重办{case._reopens + 1}次，已在最高层级，转为督办"
        events.append(CaseSupervised(**base, reason=note))
    return events


def decide_withdraw(case: CaseState, by: Actor, at: dt.datetime, reason: object) -> list[Any]:
    require(case, "withdraw", _CHASED, "a resolved or finished case is not withdrawn")
    require_resident(case, "withdraw", by)
    return [CaseWithdrawn(**_base(case, by, at), reason=arg_text(reason, "Case.withdraw.reason"))]


def decide_park(case: CaseState, by: Actor, at: dt.datetime, reason: object) -> list[Any]:
    if next_level(case, None, "Case.park") is not None:
        raise IllegalTransition(where(case), "park", "only the top level parks a case (挂账)")
    require(case, "park", (_IN_HAND,), "accept the case before parking it")
    require_handler(case, "park", by)
    return [CaseParked(**_base(case, by, at), reason=arg_text(reason, "Case.park.reason"))]


def decide_close(case: CaseState, by: Actor, at: dt.datetime, note: object) -> list[Any]:
    require(case, "close", (_RESOLVED, _PARKED), "only a resolved or parked case is closed")
    if not handles(case, by) and not supervises(case, by) and not owns(case, by):
        words = f"{handler_words(case)}, the centre that transferred it, or a supervisor"
        raise PermissionDenied("close", by.person, words)
    return [CaseClosed(**_base(case, by, at), note=arg_text(note, "Case.close.note", blank=True))]


def work_calendar(calendar: object) -> WorkCalendar:
    """The calendar a case counts on: the official one unless another is given.

    Past the last State Council notice the official calendar counts by law (the statutory
    holidays, no make-up days) and marks such deadlines provisional, so cases keep
    opening and running until the notice is added; then :meth:`Case.replan` them.
    """
    if calendar is None:
        return ChinaCalendar.official(beyond="statutory")
    if not isinstance(calendar, WorkCalendar):
        raise InvalidValue("Case.calendar", calendar, "must be a WorkCalendar")
    return calendar


def decide_open(
    *,
    id: str,
    resident: str,
    community: RegionCode,
    grid: str,
    category: CaseCategory,
    channel: CaseChannel,
    summary: str,
    policy: EscalationPolicy,
    by: Actor,
    at: dt.datetime,
    home_agency: str | None,
    calendar: WorkCalendar,
) -> CaseOpened:
    """The :class:`CaseOpened` event of a new case, every argument checked."""
    name = "Case.open"
    if not isinstance(by, Actor):
        raise InvalidValue(f"{name}.by", by, "must be an Actor")
    at = arg_aware(at, f"{name}.at")
    if not isinstance(policy, EscalationPolicy):
        raise InvalidValue(f"{name}.policy", policy, "must be an EscalationPolicy")
    if not isinstance(community, RegionCode):
        raise InvalidValue(f"{name}.community", community, "must be a RegionCode")
    for value, kind, field in (
        (category, CaseCategory, "category"),
        (channel, CaseChannel, "channel"),
    ):
        if not isinstance(value, kind):
            raise InvalidValue(f"{name}.{field}", value, f"must be a {kind.__name__}")
    case_id = arg_id(id, f"{name}.id")
    resident = arg_id(resident, f"{name}.resident")
    grid = arg_id(grid, f"{name}.grid")
    summary = arg_text(summary, f"{name}.summary", limit=2000)
    if home_agency is not None:
        home_agency = arg_id(home_agency, f"{name}.home_agency")
    level = policy.entry_level(channel)
    agency = None
    if level.role is LevelRole.AGENCY_STAFF:
        if home_agency is None:
            raise InvalidValue(
                f"{name}.home_agency",
                None,
                f"channel {channel.value} enters at an agency level: name the agency",
            )
        agency = home_agency
    if not may_open(by, resident, grid, community):
        reason = (
            f"only the resident, or someone posted to grid {grid} or over community {community}"
        )
        raise PermissionDenied("open", by.person, reason)
    return CaseOpened(
        case=case_id,
        at=at,
        by=by.person,
        level=level.id,
        agency=agency,
        **arrival_fields(level, at, calendar),
        resident=resident,
        community=community,
        grid=grid,
        category=category,
        channel=channel,
        summary=summary,
        home_agency=home_agency,
        policy=policy,
    )
