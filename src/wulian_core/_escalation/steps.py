"""The steps of a case: one small function per event type, and ``apply``, the one path an
event takes into a case's state (``state.CaseState``), whether a command records it or
replay folds it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Final

from wulian_core.errors import IntegrityError

from . import parts
from .clock_steps import (
    extension_approved,
    extension_rejected,
    extension_requested,
    fed_back,
    missed,
    replanned,
    supervised,
    urged,
    warned,
)
from .events import (
    CaseAccepted,
    CaseClosed,
    CaseEscalated,
    CaseEvent,
    CaseOpened,
    CaseParked,
    CaseRated,
    CaseReopened,
    CaseResolved,
    CaseReturned,
    CaseSupervised,
    CaseTransferred,
    CaseUrged,
    CaseWithdrawn,
    DeadlineMissed,
    DeadlineReplanned,
    DeadlineWarned,
    ExtensionApproved,
    ExtensionRejected,
    ExtensionRequested,
    FeedbackGiven,
    UnitAccepted,
    UnitExcused,
    UnitReported,
)
from .flags import (
    _AWAITING,
    _CHASED,
    _CLOSABLE,
    _CLOSED,
    _IN_HAND,
    _NOT_CLOCK_BITS,
    _NOT_FINAL,
    _NOT_RESOLVE_PROVISIONAL,
    _OPEN,
    _PARKED,
    _RESOLVED,
    _WITHDRAWN,
    ACCEPT_PROVISIONAL,
    RESOLVE_PROVISIONAL,
    UNKNOWN,
    CannotFollow,
    Earlier,
    OtherCase,
    Step,
)
from .state import CaseState
from .values import CaseStatus

__all__ = ["ALLOWED_IN", "APPLY", "apply", "scratch_copy", "senders"]


def _arrive(case: CaseState, event: Any) -> None:
    case._level = case._index[event.level]
    case._agency = event.agency
    case._status = _AWAITING
    case._arrived_at = event.at
    case._accept_due = event.accept_due
    case._resolve_due = event.resolve_due
    # Branches rather than ``|`` of conditional bits: most deadlines are not provisional.
    flags = case._flags & _NOT_CLOCK_BITS
    if event.accept_provisional:
        flags |= ACCEPT_PROVISIONAL
    if event.resolve_provisional:
        flags |= RESOLVE_PROVISIONAL
    case._flags = flags
    case._pending = None
    case._extended = 0
    case._alarm = UNKNOWN


# Each step below takes the case, the event, the case's id and the instant of the event
# before it, and first checks that the event fits: it is this case's (else OtherCase), not
# earlier than the one before (Earlier), and may follow the case's state (CannotFollow, the
# states of ALLOWED_IN); only then does it change anything, and it returns the event's
# instant. Replay words the refusals (replay.fold); a command's events always fit, as its
# own checks are stricter. The checks are written out in each step rather than once in
# replay's loop: there, ``event.case`` and ``event.at`` are read from events of every type
# at one place, which CPython's attribute cache cannot follow; in a step, one type's.
#
# The steps replay runs most write their slots inline rather than through mark and _left:
# a Python call costs about as much as the writes.


def _accepted(case: CaseState, event: CaseAccepted, ident: str, last: dt.datetime) -> dt.datetime:
    if event.case != ident:
        raise OtherCase
    at = event.at
    if at < last:
        raise Earlier
    if case._status is not _AWAITING:
        raise CannotFollow
    case._status = _IN_HAND
    due = event.resolve_due
    if due is not None:
        case._resolve_due = due
        if event.resolve_provisional:
            case._flags |= RESOLVE_PROVISIONAL
        else:
            case._flags &= _NOT_RESOLVE_PROVISIONAL
    case._alarm = UNKNOWN
    return at


def _left(case: CaseState) -> None:
    """The case left the level: no transfer, no units, no reopenings there any more."""
    case._co_units = ()
    case._owner = None
    case._parts = ()
    case._reopens = 0


def _returned(case: CaseState, event: CaseReturned, ident: str, last: dt.datetime) -> dt.datetime:
    if event.case != ident:
        raise OtherCase
    at = event.at
    if at < last:
        raise Earlier
    if case._status is not _AWAITING:
        raise CannotFollow
    sent = case._senders
    if sent is not UNKNOWN:
        case._senders = sent[2] if sent is not None else None
    _left(case)
    _arrive(case, event)
    return at


def _escalated(case: CaseState, event: CaseEscalated, ident: str, last: dt.datetime) -> dt.datetime:
    if event.case != ident:
        raise OtherCase
    at = event.at
    if at < last:
        raise Earlier
    if case._status not in _OPEN:
        raise CannotFollow
    sent = case._senders
    if sent is not UNKNOWN:  # else senders() works it out from the history, if ever asked
        case._senders = (case._level, case._agency, sent)
    case._co_units = ()  # _left, inline
    case._owner = None
    case._parts = ()
    case._reopens = 0
    case._level = case._index[event.level]  # _arrive, inline
    case._agency = event.agency
    case._status = _AWAITING
    case._arrived_at = at
    case._accept_due = event.accept_due
    case._resolve_due = event.resolve_due
    flags = case._flags & _NOT_CLOCK_BITS
    if event.accept_provisional:
        flags |= ACCEPT_PROVISIONAL
    if event.resolve_provisional:
        flags |= RESOLVE_PROVISIONAL
    case._flags = flags
    case._pending = None
    case._extended = 0
    case._alarm = UNKNOWN
    return at


def _transferred(
    case: CaseState, event: CaseTransferred, ident: str, last: dt.datetime
) -> dt.datetime:
    if event.case != ident:
        raise OtherCase
    at = event.at
    if at < last:
        raise Earlier
    if case._status is not _IN_HAND:
        raise CannotFollow
    sent = case._senders
    if sent is not UNKNOWN:
        case._senders = (case._level, case._agency, sent)
    case._co_units = event.co_units
    if case._owner is None:
        case._owner = case._agency  # the centre keeps the case (转办后仍由中心跟踪)
    parts.transferred(case, event)
    _arrive(case, event)
    return at


def _resolved(case: CaseState, event: CaseResolved, ident: str, last: dt.datetime) -> dt.datetime:
    if event.case != ident:
        raise OtherCase
    at = event.at
    if at < last:
        raise Earlier
    if case._status is not _IN_HAND:
        raise CannotFollow
    case._status = _RESOLVED
    case._resolution = event
    case._rating = None
    case._pending = None
    case._alarm = None
    return at


def _rated(case: CaseState, event: CaseRated, ident: str, last: dt.datetime) -> dt.datetime:
    if event.case != ident:
        raise OtherCase
    at = event.at
    if at < last:
        raise Earlier
    if case._status is not _RESOLVED:
        raise CannotFollow
    case._rating = event.rating
    return at


def _reopened(case: CaseState, event: CaseReopened, ident: str, last: dt.datetime) -> dt.datetime:
    if event.case != ident:
        raise OtherCase
    at = event.at
    if at < last:
        raise Earlier
    if case._status is not _RESOLVED:
        raise CannotFollow
    level = case._index[event.level]
    if level != case._level:
        sent = case._senders
        if sent is not UNKNOWN:
            case._senders = (case._level, case._agency, sent)
        _left(case)
    else:
        case._reopens += 1
    case._rating = None
    _arrive(case, event)
    return at


def _withdrawn(case: CaseState, event: CaseWithdrawn, ident: str, last: dt.datetime) -> dt.datetime:
    if event.case != ident:
        raise OtherCase
    at = event.at
    if at < last:
        raise Earlier
    if case._status not in _CHASED:
        raise CannotFollow
    case._status = _WITHDRAWN
    case._pending = None
    case._alarm = None
    return at


def _parked(case: CaseState, event: CaseParked, ident: str, last: dt.datetime) -> dt.datetime:
    if event.case != ident:
        raise OtherCase
    at = event.at
    if at < last:
        raise Earlier
    if case._status is not _IN_HAND:
        raise CannotFollow
    case._status = _PARKED
    case._pending = None
    case._alarm = None
    return at


def _closed(case: CaseState, event: CaseClosed, ident: str, last: dt.datetime) -> dt.datetime:
    if event.case != ident:
        raise OtherCase
    at = event.at
    if at < last:
        raise Earlier
    if case._status not in _CLOSABLE:
        raise CannotFollow
    case._status = _CLOSED
    case._pending = None
    case._alarm = None
    return at


def _unit(step: Callable[[Any, Any], None]) -> Step:
    # The three unit events share this code (rare beside the case's own events).
    def fold_unit(case: CaseState, event: Any, ident: str, last: dt.datetime) -> dt.datetime:
        if event.case != ident:
            raise OtherCase
        at: dt.datetime = event.at
        if at < last:
            raise Earlier
        if case._status not in _OPEN:
            raise CannotFollow
        step(case, event)
        case._alarm = UNKNOWN  # a unit clock started or stopped
        return at

    return fold_unit


def _opened_again(case: CaseState, event: CaseOpened, ident: str, last: dt.datetime) -> dt.datetime:
    if event.case != ident:
        raise OtherCase
    if event.at < last:
        raise Earlier
    raise IntegrityError([f"case {case._opened.case} is already open; a history opens once"])


APPLY: Final[dict[type[Any], Step]] = {
    CaseOpened: _opened_again,
    CaseAccepted: _accepted,
    CaseReturned: _returned,
    CaseEscalated: _escalated,
    CaseTransferred: _transferred,
    UnitAccepted: _unit(parts.accepted),
    UnitReported: _unit(parts.reported),
    UnitExcused: _unit(parts.excused),
    CaseResolved: _resolved,
    FeedbackGiven: fed_back,
    CaseUrged: urged,
    CaseSupervised: supervised,
    ExtensionRequested: extension_requested,
    ExtensionApproved: extension_approved,
    ExtensionRejected: extension_rejected,
    CaseRated: _rated,
    CaseReopened: _reopened,
    CaseWithdrawn: _withdrawn,
    CaseParked: _parked,
    CaseClosed: _closed,
    DeadlineWarned: warned,
    DeadlineMissed: missed,
    DeadlineReplanned: replanned,
}
"""The transition of the state by each event type, checks first: the machine as data."""

ALLOWED_IN: Final[dict[type[Any], tuple[CaseStatus, ...]]] = {
    CaseOpened: tuple(CaseStatus),  # its step says why a history opens once
    CaseAccepted: (_AWAITING,),
    CaseReturned: (_AWAITING,),
    CaseEscalated: _OPEN,
    CaseTransferred: (_IN_HAND,),
    UnitAccepted: _OPEN,
    UnitReported: _OPEN,
    UnitExcused: _OPEN,
    CaseResolved: (_IN_HAND,),
    FeedbackGiven: _NOT_FINAL,
    CaseUrged: _CHASED,
    CaseSupervised: _CHASED,
    ExtensionRequested: (_IN_HAND,),
    ExtensionApproved: (_IN_HAND,),
    ExtensionRejected: (_IN_HAND,),
    CaseRated: (_RESOLVED,),
    CaseReopened: (_RESOLVED,),
    CaseWithdrawn: _CHASED,
    CaseParked: (_IN_HAND,),
    CaseClosed: _CLOSABLE,
    DeadlineWarned: _OPEN,
    DeadlineMissed: _OPEN,
    DeadlineReplanned: _OPEN,
}
"""The states each event may follow, as its step checks them: no sequence of commands breaks
this (their own checks are stricter), so a duplicated or misplaced event in storage is
refused on replay. (An answer to an extension also needs a request pending.)"""


def apply(event: CaseEvent, case: CaseState) -> None:
    """Fold one event into ``case``'s state and append it to the history.

    The one path every change takes: commands, the clocks and replay all call it.
    """
    case._last_at = APPLY[type(event)](case, event, case._opened.case, case._last_at)
    events = case._events
    if type(events) is not list:  # a replayed history, kept as replay was given it
        events = case._events = list(events)
    events.append(event)


def scratch_copy(case: CaseState) -> Any:
    """A scratch copy of ``case`` to plan on (its event list starts empty; plans only append)."""
    senders(case)  # the copy has no history to work its senders out from
    other = object.__new__(type(case))
    for name in CaseState.__slots__:
        object.__setattr__(other, name, getattr(case, name))
    other._events = []
    return other


def senders(case: CaseState) -> tuple[Any, ...] | None:
    """Whoever sent ``case`` to its holder, for 退回: (level index, agency, earlier senders).

    ``None`` if nobody did (the case entered here). Replay leaves this to be worked out:
    most cases are never sent back, and the sender tuple an escalation would build is a
    second object for the collector to walk on every case replayed. The first 退回 (or
    equality, or a scratch copy) works it out from the history, once; the steps keep it
    from then on.
    """
    found = case._senders
    if found is UNKNOWN:
        found = case._senders = _senders_from(case._events, case._index)
    return found  # type: ignore[no-any-return]


def _senders_from(events: Any, index: Any) -> tuple[Any, ...] | None:
    # What the steps do to the senders, over the history: a level (and agency) is where
    # the last arrival put the case; an escalation, a transfer and a reopening to another
    # level push it, a 退回 pops it.
    found: tuple[Any, ...] | None = None
    level = agency = None
    for event in events:
        kind = type(event)
        if kind not in _ARRIVALS:
            continue
        arrives = index[event.level]
        if kind is CaseReturned:
            found = found[2] if found is not None else None
        elif kind is not CaseOpened and (kind is not CaseReopened or arrives != level):
            found = (level, agency, found)
        level, agency = arrives, event.agency
    return found


_ARRIVALS: Final = (CaseOpened, CaseEscalated, CaseTransferred, CaseReturned, CaseReopened)
