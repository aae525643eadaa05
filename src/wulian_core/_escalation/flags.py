"""The bits of a case's flags, the states its steps test and the refusals they raise:
what the state, its steps and its queries share (``state``, ``steps``, ``clock_steps``).

Private to the escalation chain.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Final

from .values import CaseStatus

__all__ = [
    "CannotFollow",
    "Earlier",
    "OtherCase",
    "Step",
    "ACCEPT_MISSED",
    "ACCEPT_PROVISIONAL",
    "ACCEPT_WARNED",
    "RESOLVE_MISSED",
    "RESOLVE_PROVISIONAL",
    "RESOLVE_WARNED",
    "SUPERVISED",
    "UNKNOWN",
    "_AWAITING",
    "_CHASED",
    "_CLOCK_BITS",
    "_CLOSABLE",
    "_CLOSED",
    "_IN_HAND",
    "_NOT_CLOCK_BITS",
    "_NOT_FINAL",
    "_NOT_RESOLVE_PROVISIONAL",
    "_OPEN",
    "_PARKED",
    "_RESOLVED",
    "_WARNED_OR_MISSED",
    "_WITHDRAWN",
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
