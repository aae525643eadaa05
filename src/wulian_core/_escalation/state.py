"""A case's state and its one ``apply`` path: a dict of small functions, one per event type.

``apply(event, case)`` folds one event into the case's state; :meth:`Case.replay` is
that fold over a history. The state is plain slots on the :class:`CaseState` object,
updated in place: an event costs a dictionary lookup and a few attribute writes, never a
copy of the case (see ``bench/bench_escalation.py``). Queries read the state and the
event list; none of them changes anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Final

from wulian_core.calendar import WorkCalendar
from wulian_core.errors import IntegrityError
from wulian_core.regions import RegionCode

from . import parts
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
from .policy import EscalationLevel, EscalationPolicy
from .values import CaseCategory, CaseChannel, CaseClock, CaseResult, CaseStatus, Satisfaction

__all__ = [
    "ALLOWED_IN",
    "APPLY",
    "UNKNOWN",
    "CannotFollow",
    "CaseState",
    "Earlier",
    "OtherCase",
    "Step",
    "apply",
    "senders",
]

# Bits of ``CaseState._flags``: which clock has warned or run out, and 督办.
ACCEPT_WARNED: Final = 1
ACCEPT_MISSED: Final = 2
RESOLVE_WARNED: Final = 4
RESOLVE_MISSED: Final = 8
SUPERVISED: Final = 16
# Whether a running clock's deadline counted days the calendar knows only by law (暂定).
ACCEPT_PROVISIONAL: Final = 32
RESOLVE_PROVISIONAL: Final = 64
_WARNED_OR_MISSED: Final = ACCEPT_WARNED | ACCEPT_MISSED | RESOLVE_WARNED | RESOLVE_MISSED
_CLOCK_BITS: Final = _WARNED_OR_MISSED | ACCEPT_PROVISIONAL | RESOLVE_PROVISIONAL
# The masks, computed once: ``~`` makes a new int each time, and replay clears bits often.
_NOT_CLOCK_BITS: Final = ~_CLOCK_BITS
_NOT_RESOLVE_PROVISIONAL: Final = ~RESOLVE_PROVISIONAL

UNKNOWN: Final[Any] = object()
"""The next alarm has to be worked out again (the clocks changed)."""

_AWAITING, _IN_HAND = CaseStatus.AWAITING_ACCEPTANCE, CaseStatus.IN_HAND
_RESOLVED: Final = CaseStatus.RESOLVED
_PARKED, _CLOSED, _WITHDRAWN = CaseStatus.PARKED, CaseStatus.CLOSED, CaseStatus.WITHDRAWN
# Tuples, not sets: a set hashes the status (an Enum's hash is Python code), a tuple of a
# few members compares by identity, and replay tests one for every stored event.
_OPEN: Final = (_AWAITING, _IN_HAND)
_CHASED: Final = (_AWAITING, _IN_HAND, _PARKED)
_CLOSABLE: Final = (_RESOLVED, _PARKED)
_NOT_FINAL: Final = tuple(status for status in CaseStatus if not status.is_final)

Step = Callable[[Any, Any, str, dt.datetime], dt.datetime]
"""A step: ``step(case, event, case id, instant of the event before) -> the event's instant``."""


class OtherCase(Exception):
    """The event is another case's."""


class Earlier(Exception):
    """The event is earlier than the one before it."""


class CannotFollow(Exception):
    """The case's state may not be followed by the event (an answer: no request pending)."""


class CaseState:
    """The state of one case, kept by :func:`apply`. Internal and mutable."""

    __slots__ = (
        "_accept_due",
        "_agency",
        "_alarm",
        "_arrived_at",
        "_calendar",
        "_co_units",
        "_events",
        "_extended",
        "_flags",
        "_index",
        "_last_at",
        "_level",
        "_opened",
        "_owner",
        "_parts",
        "_pending",
        "_rating",
        "_reopens",
        "_resolution",
        "_resolve_due",
        "_senders",
        "_status",
    )

    _accept_due: dt.datetime | None
    _agency: str | None
    _alarm: Any
    _arrived_at: dt.datetime
    _calendar: WorkCalendar
    _co_units: tuple[str, ...]
    _events: list[CaseEvent] | tuple[CaseEvent, ...]  # a tuple after replay, until a command
    _extended: int
    _flags: int
    _index: Any  # the policy's level index (a read-only mapping)
    _last_at: dt.datetime
    _level: int
    _opened: CaseOpened
    # The centre that transferred the case (转办) and keeps it, and each co-unit's part.
    _owner: str | None
    _parts: tuple[parts.UnitPart, ...]
    _pending: ExtensionRequested | None
    _rating: Any
    _reopens: int
    _resolution: CaseResolved | None
    _resolve_due: dt.datetime | None
    # Whoever sent the case to its current holder, for 退回: (level, agency, earlier senders),
    # None if nobody did; UNKNOWN after replay, until senders() works it out from the history.
    _senders: Any
    _status: CaseStatus

    # --- what the case is (its CaseOpened event) and where it stands; examples in Case ---

    @property
    def id(self) -> str:
        """The case id."""
        return self._opened.case

    @property
    def resident(self) -> str:
        """The resident's person id."""
        return self._opened.resident

    @property
    def community(self) -> RegionCode:
        """The community the case belongs to."""
        return self._opened.community

    @property
    def grid(self) -> str:
        """The grid the case belongs to."""
        return self._opened.grid

    @property
    def category(self) -> CaseCategory:
        """Appeal, complaint or suggestion, dispute or hazard."""
        return self._opened.category

    @property
    def channel(self) -> CaseChannel:
        """How the case came in."""
        return self._opened.channel

    @property
    def summary(self) -> str:
        """What the resident brought, in their words."""
        return self._opened.summary

    @property
    def home_agency(self) -> str | None:
        """The agency that takes the case at an agency level unless another is named."""
        return self._opened.home_agency

    @property
    def policy(self) -> EscalationPolicy:
        """The policy the case runs under (part of its first event)."""
        return self._opened.policy

    @property
    def calendar(self) -> WorkCalendar:
        """The calendar its clocks count on."""
        return self._calendar

    @property
    def opened_at(self) -> dt.datetime:
        """When the case was opened."""
        return self._opened.at

    @property
    def status(self) -> CaseStatus:
        """Where the case stands at its level."""
        return self._status

    @property
    def level(self) -> EscalationLevel:
        """The level that holds the case."""
        return self._opened.policy.levels[self._level]

    @property
    def agency(self) -> str | None:
        """The agency holding the case at an agency level (the lead unit after 转办)."""
        return self._agency

    @property
    def co_units(self) -> tuple[str, ...]:
        """The co-units (协办单位) of the last transfer at this level."""
        return self._co_units

    @property
    def version(self) -> int:
        """How many events the case holds, for optimistic concurrency."""
        return len(self._events)

    @property
    def events(self) -> tuple[CaseEvent, ...]:
        """The whole history, oldest first."""
        return tuple(self._events)

    @property
    def last_at(self) -> dt.datetime:
        """The instant of the last event; a command may not come before it."""
        return self._last_at

    @property
    def pending_extension(self) -> ExtensionRequested | None:
        """The extension request awaiting a supervisor, if any."""
        return self._pending

    @property
    def reopens(self) -> int:
        """How many times the case was reopened at its current level."""
        return self._reopens

    @property
    def rating(self) -> Satisfaction | None:
        """The resident's rating of the current resolution, if rated."""
        return self._rating  # type: ignore[no-any-return]

    @property
    def result(self) -> CaseResult | None:
        """The result of the last resolution, if any."""
        return None if self._resolution is None else self._resolution.result

    @property
    def supervised(self) -> bool:
        """Whether the case has been put under supervision (督办)."""
        return bool(self._flags & SUPERVISED)

    def _copy(self) -> Any:
        """A scratch copy to plan on (its event list starts empty; plans only append)."""
        senders(self)  # the copy has no history to work its senders out from
        other = object.__new__(type(self))
        for name in CaseState.__slots__:
            object.__setattr__(other, name, getattr(self, name))
        other._events = []
        return other

    def _record(self, event: CaseEvent) -> None:
        self._last_at = APPLY[type(event)](self, event, self._opened.case, self._last_at)
        events = self._events
        if type(events) is not list:  # a replayed history, kept as replay was given it
            events = self._events = list(events)
        events.append(event)


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
# The steps replay runs most write their slots inline rather than through _mark and _left:
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


def _mark(case: CaseState, bit: int, on: bool) -> None:
    case._flags = case._flags | bit if on else case._flags & ~bit


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


def _extension_requested(
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


def _extension_approved(
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
    _mark(case, RESOLVE_PROVISIONAL, event.resolve_provisional)
    case._alarm = UNKNOWN
    return at


def _extension_rejected(
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


def _supervised(
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


def _fed_back(case: CaseState, event: FeedbackGiven, ident: str, last: dt.datetime) -> dt.datetime:
    if event.case != ident:
        raise OtherCase
    at = event.at
    if at < last:
        raise Earlier
    if case._status not in _NOT_FINAL:
        raise CannotFollow
    return at


def _urged(case: CaseState, event: CaseUrged, ident: str, last: dt.datetime) -> dt.datetime:
    if event.case != ident:
        raise OtherCase
    at = event.at
    if at < last:
        raise Earlier
    if case._status not in _CHASED:
        raise CannotFollow
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


def _warned(case: CaseState, event: DeadlineWarned, ident: str, last: dt.datetime) -> dt.datetime:
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


def _missed(case: CaseState, event: DeadlineMissed, ident: str, last: dt.datetime) -> dt.datetime:
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


def _replanned(
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
        _mark(case, ACCEPT_PROVISIONAL, event.provisional)
    else:
        case._resolve_due = event.due
        _mark(case, RESOLVE_PROVISIONAL, event.provisional)
    case._alarm = UNKNOWN
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
    FeedbackGiven: _fed_back,
    CaseUrged: _urged,
    CaseSupervised: _supervised,
    ExtensionRequested: _extension_requested,
    ExtensionApproved: _extension_approved,
    ExtensionRejected: _extension_rejected,
    CaseRated: _rated,
    CaseReopened: _reopened,
    CaseWithdrawn: _withdrawn,
    CaseParked: _parked,
    CaseClosed: _closed,
    DeadlineWarned: _warned,
    DeadlineMissed: _missed,
    DeadlineReplanned: _replanned,
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
    case._record(event)


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
