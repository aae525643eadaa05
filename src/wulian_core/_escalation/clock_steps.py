"""The steps of a case's clocks and supervision: extensions, 督办, feedback, 催办, the
deadlines' warnings and misses, and a replanned deadline (``steps`` holds the rest).
"""

from __future__ import annotations

import datetime as dt

from . import parts
from .events import (
    CaseSupervised,
    CaseUrged,
    DeadlineMissed,
    DeadlineReplanned,
    DeadlineWarned,
    ExtensionApproved,
    ExtensionRejected,
    ExtensionRequested,
    FeedbackGiven,
)
from .flags import (
    _CHASED,
    _IN_HAND,
    _NOT_FINAL,
    _OPEN,
    ACCEPT_MISSED,
    ACCEPT_PROVISIONAL,
    ACCEPT_WARNED,
    RESOLVE_MISSED,
    RESOLVE_PROVISIONAL,
    RESOLVE_WARNED,
    SUPERVISED,
    UNKNOWN,
    CannotFollow,
    Earlier,
    OtherCase,
)
from .state import CaseState
from .values import CaseClock

__all__ = [
    "mark",
    "extension_requested",
    "extension_approved",
    "extension_rejected",
    "supervised",
    "fed_back",
    "urged",
    "warned",
    "missed",
    "replanned",
]


def mark(case: CaseState, bit: int, on: bool) -> None:
    case._flags = case._flags | bit if on else case._flags & ~bit


def extension_requested(
    case: CaseState, event: ExtensionRequested, ident: str, last: dt.datetime
) -> dt.datetime:
    if event.case != ident:
        raise OtherCase
    at = event.at
    if at < last:
        raise Earlier
    if case._status is not _IN_HAND:
        raise CannotFollow
    case._pending = event
    return at


def extension_approved(
    case: CaseState, event: ExtensionApproved, ident: str, last: dt.datetime
) -> dt.datetime:
    if event.case != ident:
        raise OtherCase
    at = event.at
    if at < last:
        raise Earlier
    pending = case._pending
    if case._status is not _IN_HAND or pending is None:  # an answer needs a request pending
        raise CannotFollow
    case._extended += pending.extension.amount
    case._pending = None
    case._resolve_due = event.resolve_due
    case._flags &= ~(RESOLVE_WARNED | RESOLVE_MISSED)
    mark(case, RESOLVE_PROVISIONAL, event.resolve_provisional)
    case._alarm = UNKNOWN
    return at


def extension_rejected(
    case: CaseState, event: ExtensionRejected, ident: str, last: dt.datetime
) -> dt.datetime:
    if event.case != ident:
        raise OtherCase
    at = event.at
    if at < last:
        raise Earlier
    if case._status is not _IN_HAND or case._pending is None:
        raise CannotFollow
    case._pending = None
    return at


def supervised(
    case: CaseState, event: CaseSupervised, ident: str, last: dt.datetime
) -> dt.datetime:
    if event.case != ident:
        raise OtherCase
    at = event.at
    if at < last:
        raise Earlier
    if case._status not in _CHASED:
        raise CannotFollow
    case._flags |= SUPERVISED
    return at


def fed_back(case: CaseState, event: FeedbackGiven, ident: str, last: dt.datetime) -> dt.datetime:
    if event.case != ident:
        raise OtherCase
    at = event.at
    if at < last:
        raise Earlier
    if case._status not in _NOT_FINAL:
        raise CannotFollow
    return at


def urged(case: CaseState, event: CaseUrged, ident: str, last: dt.datetime) -> dt.datetime:
    if event.case != ident:
        raise OtherCase
    at = event.at
    if at < last:
        raise Earlier
    if case._status not in _CHASED:
        raise CannotFollow
    return at


def warned(case: CaseState, event: DeadlineWarned, ident: str, last: dt.datetime) -> dt.datetime:
    if event.case != ident:
        raise OtherCase
    at = event.at
    if at < last:
        raise Earlier
    if case._status not in _OPEN:
        raise CannotFollow
    if event.unit is not None:
        parts.clock_event(case, event)
    else:
        case._flags |= ACCEPT_WARNED if event.clock is CaseClock.ACCEPT else RESOLVE_WARNED
    case._alarm = UNKNOWN
    return at


def missed(case: CaseState, event: DeadlineMissed, ident: str, last: dt.datetime) -> dt.datetime:
    if event.case != ident:
        raise OtherCase
    at = event.at
    if at < last:
        raise Earlier
    if case._status not in _OPEN:
        raise CannotFollow
    if event.unit is not None:
        parts.clock_event(case, event)
    else:
        case._flags |= ACCEPT_MISSED if event.clock is CaseClock.ACCEPT else RESOLVE_MISSED
    case._alarm = UNKNOWN
    return at


def replanned(
    case: CaseState, event: DeadlineReplanned, ident: str, last: dt.datetime
) -> dt.datetime:
    if event.case != ident:
        raise OtherCase
    at = event.at
    if at < last:
        raise Earlier
    if case._status not in _OPEN:
        raise CannotFollow
    if event.unit is not None:
        parts.clock_event(case, event)
    elif event.clock is CaseClock.ACCEPT:
        case._accept_due = event.due
        mark(case, ACCEPT_PROVISIONAL, event.provisional)
    else:
        case._resolve_due = event.due
        mark(case, RESOLVE_PROVISIONAL, event.provisional)
    case._alarm = UNKNOWN
    return at
