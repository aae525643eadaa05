"""Replay: folding a stored history into a case, checking that it hangs together."""

from __future__ import annotations

from collections.abc import Iterator
from operator import length_hint
from typing import Any, Final

from wulian_core.calendar import ChinaCalendar, WorkCalendar
from wulian_core.errors import IntegrityError

from .decide import work_calendar
from .flags import (
    ACCEPT_PROVISIONAL,
    RESOLVE_PROVISIONAL,
    UNKNOWN,
    CannotFollow,
    Earlier,
    OtherCase,
)
from .state import CaseState
from .steps import ALLOWED_IN, APPLY
from .values import CaseStatus

__all__ = ["ALLOWED_IN", "calendar_for", "fold"]

_AWAITING: Final = CaseStatus.AWAITING_ACCEPTANCE

_default: list[WorkCalendar] = []


def calendar_for(calendar: object) -> WorkCalendar:
    """The calendar a replayed case counts on: :func:`~.decide.work_calendar`, kept.

    Replay runs once per stored case: the official calendar is looked up once, and a
    :class:`~wulian_core.calendar.ChinaCalendar` skips the protocol's ``isinstance``
    check, which costs more than replaying a short history.
    """
    if calendar is None:
        if not _default:
            _default.append(work_calendar(None))
        return _default[0]
    if type(calendar) is ChinaCalendar:
        return calendar
    return work_calendar(calendar)


def fold(case: CaseState, events: tuple[Any, ...], calendar: object = None) -> None:
    """Start ``case`` from its opening, ``events[0]``, then apply ``events[1:]`` in order.

    Each later event is checked: it belongs to the case, keeps time, and may follow the
    state. Once every event fits, the tuple itself is the case's history: nothing is
    appended or copied. A case opened by command starts here too, from its one event, so
    that the state a case starts in is written in one place. ``calendar`` is as
    :func:`calendar_for` takes it.

    Raises:
        IntegrityError: an event of another case, out of time order, not a case event,
            or one the case's state may not follow.
    """
    opened = events[0]
    ident = opened.case
    last = opened.at
    index = opened.policy._index
    case._opened = opened
    case._calendar = _default[0] if calendar is None and _default else calendar_for(calendar)
    case._index = index
    case._senders = UNKNOWN  # worked out from the history if ever needed (state.senders)
    case._co_units = ()
    case._owner = None
    case._parts = ()
    case._reopens = 0
    case._rating = None
    case._resolution = None
    # What an arrival sets (state._arrive), for the level the case opens at:
    case._level = index[opened.level]
    case._agency = opened.agency
    case._status = _AWAITING
    case._arrived_at = last
    case._accept_due = opened.accept_due
    case._resolve_due = opened.resolve_due
    flags = 0
    if opened.accept_provisional:
        flags = ACCEPT_PROVISIONAL
    if opened.resolve_provisional:
        flags |= RESOLVE_PROVISIONAL
    case._flags = flags
    case._pending = None
    case._extended = 0
    case._alarm = UNKNOWN
    # The rest, in this same function (a call a case is worth saving). Each step checks its
    # event first (state.APPLY says why there), in the order of the refusals below.
    steps = APPLY
    stream = iter(events)
    next(stream)
    event: Any = None
    try:
        for event in stream:
            try:  # a subscript, not .get: a method call costs more than an unused handler
                step = steps[type(event)]
            except KeyError:
                raise IntegrityError(
                    [f"event {_at(events, stream)} is not a case event: {event!r}"]
                ) from None
            last = step(case, event, ident, last)
    except OtherCase:
        raise IntegrityError(
            [
                f"event {_at(events, stream)} ({event.kind}) is for case "
                f"{event.case!r}, not {ident!r}"
            ]
        ) from None
    except Earlier:
        raise IntegrityError(
            [f"event {_at(events, stream)} ({event.kind}) is earlier than the one before it"]
        ) from None
    except CannotFollow:
        where = f"{case._status.value} at level {case._opened.policy.levels[case._level].id}"
        raise IntegrityError(
            [f"event {_at(events, stream)} ({event.kind}) cannot follow: the case is {where}"]
        ) from None
    except (KeyError, AttributeError, TypeError) as exc:
        raise IntegrityError(
            [f"event {_at(events, stream)} does not fit the case: {exc!r}"]
        ) from None
    case._events = events
    case._last_at = last


def _at(events: tuple[Any, ...], stream: Iterator[Any]) -> int:
    """The index of the event ``stream`` gave last: a tuple's iterator knows what is left.

    Replay counts nothing as it goes (``enumerate`` costs a step an event); only a refusal
    needs the index, and works it out here.
    """
    return len(events) - length_hint(stream) - 1
