"""A case's state and its one ``apply`` path: a dict of small functions, one per event type.

``apply(event, case)`` folds one event into the case's state; :meth:`Case.replay` is
that fold over a history. The state is plain slots on the :class:`_CaseState` object,
updated in place: an event costs a dictionary lookup and a few attribute writes, never a
copy of the case (see ``bench/bench_escalation.py``). Queries read the state and the
event list; none of them changes anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, Final

from ._case_events import (
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
    DeadlineWarned,
    ExtensionApproved,
    ExtensionRejected,
    ExtensionRequested,
    FeedbackGiven,
)
from ._case_values import CaseClock, CaseStatus
from .calendar import WorkCalendar
from .errors import IntegrityError

__all__ = ["APPLY", "UNKNOWN", "apply"]

# Bits of ``_CaseState._flags``: which clock has warned or run out, and 督办.
ACCEPT_WARNED: Final = 1
ACCEPT_MISSED: Final = 2
RESOLVE_WARNED: Final = 4
RESOLVE_MISSED: Final = 8
SUPERVISED: Final = 16
_CLOCK_BITS: Final = ACCEPT_WARNED | ACCEPT_MISSED | RESOLVE_WARNED | RESOLVE_MISSED

UNKNOWN: Final[Any] = object()
"""The next alarm has to be worked out again (the clocks changed)."""

_AWAITING, _IN_HAND = CaseStatus.AWAITING_ACCEPTANCE, CaseStatus.IN_HAND


class _CaseState:
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
    _events: list[CaseEvent]
    _extended: int
    _flags: int
    _index: Any  # the policy's level index (a read-only mapping)
    _last_at: dt.datetime
    _level: int
    _opened: CaseOpened
    _pending: ExtensionRequested | None
    _rating: Any
    _reopens: int
    _resolution: CaseResolved | None
    _resolve_due: dt.datetime | None
    # Whoever sent the case to its current holder, for 退回: (level, agency, earlier senders).
    _senders: tuple[Any, ...] | None
    _status: CaseStatus

    def _start(self, opened: CaseOpened, calendar: WorkCalendar) -> None:
        self._opened = opened
        self._calendar = calendar
        self._index = opened.policy._index
        self._events = [opened]
        self._last_at = opened.at
        self._flags = 0
        self._senders = None
        self._co_units = ()
        self._reopens = 0
        self._rating = None
        self._resolution = None
        _arrive(self, opened)

    def _copy(self) -> Any:
        """A scratch copy to plan on (its event list starts empty; plans only append)."""
        other = object.__new__(type(self))
        for name in _CaseState.__slots__:
            object.__setattr__(other, name, getattr(self, name))
        other._events = []
        return other

    def _record(self, event: CaseEvent) -> None:
        APPLY[type(event)](self, event)
        self._events.append(event)
        self._last_at = event.at


def _arrive(case: _CaseState, event: Any) -> None:
    case._level = case._index[event.level]
    case._agency = event.agency
    case._status = _AWAITING
    case._arrived_at = event.at
    case._accept_due = event.accept_due
    case._resolve_due = event.resolve_due
    case._flags &= ~_CLOCK_BITS
    case._pending = None
    case._extended = 0
    case._alarm = UNKNOWN


def _accepted(case: _CaseState, event: CaseAccepted) -> None:
    case._status = _IN_HAND
    if event.resolve_due is not None:
        case._resolve_due = event.resolve_due
    case._alarm = UNKNOWN


def _returned(case: _CaseState, event: CaseReturned) -> None:
    senders = case._senders
    case._senders = senders[2] if senders is not None else None
    case._co_units = ()
    case._reopens = 0
    _arrive(case, event)


def _escalated(case: _CaseState, event: CaseEscalated) -> None:
    case._senders = (case._level, case._agency, case._senders)
    case._co_units = ()
    case._reopens = 0
    _arrive(case, event)


def _transferred(case: _CaseState, event: CaseTransferred) -> None:
    case._senders = (case._level, case._agency, case._senders)
    case._co_units = event.co_units
    _arrive(case, event)


def _resolved(case: _CaseState, event: CaseResolved) -> None:
    case._status = CaseStatus.RESOLVED
    case._resolution = event
    case._rating = None
    case._pending = None
    case._alarm = None


def _rated(case: _CaseState, event: CaseRated) -> None:
    case._rating = event.rating


def _reopened(case: _CaseState, event: CaseReopened) -> None:
    level = case._index[event.level]
    if level != case._level:
        case._senders = (case._level, case._agency, case._senders)
        case._co_units = ()
        case._reopens = 0
    else:
        case._reopens += 1
    case._rating = None
    _arrive(case, event)


def _extension_requested(case: _CaseState, event: ExtensionRequested) -> None:
    case._pending = event


def _extension_approved(case: _CaseState, event: ExtensionApproved) -> None:
    pending = case._pending
    if pending is not None:
        case._extended += pending.extension.amount
    case._pending = None
    case._resolve_due = event.resolve_due
    case._flags &= ~(RESOLVE_WARNED | RESOLVE_MISSED)
    case._alarm = UNKNOWN


def _extension_rejected(case: _CaseState, event: ExtensionRejected) -> None:
    case._pending = None


def _supervised(case: _CaseState, event: CaseSupervised) -> None:
    case._flags |= SUPERVISED


def _nothing(case: _CaseState, event: Any) -> None:
    pass


def _stopped(status: CaseStatus) -> Callable[[_CaseState, Any], None]:
    def stop(case: _CaseState, event: Any) -> None:
        case._status = status
        case._pending = None
        case._alarm = None

    return stop


def _warned(case: _CaseState, event: DeadlineWarned) -> None:
    case._flags |= ACCEPT_WARNED if event.clock is CaseClock.ACCEPT else RESOLVE_WARNED
    case._alarm = UNKNOWN


def _missed(case: _CaseState, event: DeadlineMissed) -> None:
    case._flags |= ACCEPT_MISSED if event.clock is CaseClock.ACCEPT else RESOLVE_MISSED
    case._alarm = UNKNOWN


def _opened_again(case: _CaseState, event: CaseOpened) -> None:
    raise IntegrityError([f"case {case._opened.case} is already open; a history opens once"])


APPLY: Final[dict[type[Any], Callable[[Any, Any], None]]] = {
    CaseOpened: _opened_again,
    CaseAccepted: _accepted,
    CaseReturned: _returned,
    CaseEscalated: _escalated,
    CaseTransferred: _transferred,
    CaseResolved: _resolved,
    FeedbackGiven: _nothing,
    CaseUrged: _nothing,
    CaseSupervised: _supervised,
    ExtensionRequested: _extension_requested,
    ExtensionApproved: _extension_approved,
    ExtensionRejected: _extension_rejected,
    CaseRated: _rated,
    CaseReopened: _reopened,
    CaseWithdrawn: _stopped(CaseStatus.WITHDRAWN),
    CaseParked: _stopped(CaseStatus.PARKED),
    CaseClosed: _stopped(CaseStatus.CLOSED),
    DeadlineWarned: _warned,
    DeadlineMissed: _missed,
}
"""The transition of the state by each event type: the machine as data."""


def apply(event: CaseEvent, case: _CaseState) -> None:
    """Fold one event into ``case``'s state and append it to the history.

    The one path every change takes: commands, the clocks and replay all call it.
    """
    case._record(event)


def fold(case: _CaseState, events: Iterable[Any]) -> None:
    """Apply ``events`` in order, checking that each belongs to the case and keeps time.

    Raises:
        IntegrityError: an event of another case, out of time order, or not a case event.
    """
    table = APPLY
    append = case._events.append
    ident = case._opened.case
    last = case._last_at
    index = 1
    try:
        for index, event in enumerate(events, start=1):
            step = table.get(type(event))
            if step is None:
                raise IntegrityError([f"event {index} is not a case event: {event!r}"])
            if event.case != ident:
                raise IntegrityError(
                    [f"event {index} ({event.kind}) is for case {event.case!r}, not {ident!r}"]
                )
            if event.at < last:
                raise IntegrityError(
                    [f"event {index} ({event.kind}) is earlier than the one before it"]
                )
            step(case, event)
            append(event)
            last = event.at
    except (KeyError, AttributeError, TypeError) as exc:
        raise IntegrityError([f"event {index} does not fit the case: {exc!r}"]) from None
    finally:
        case._last_at = last
