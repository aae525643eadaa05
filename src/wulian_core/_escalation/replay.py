"""Replay: folding a stored history into a case, checking that it hangs together."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from wulian_core.errors import IntegrityError

from .state import ALLOWED_IN, ANSWERS, APPLY, CaseState
from .values import CaseStatus

__all__ = ["fold"]

# The states each event may follow (state.ALLOWED_IN) as short tuples, for the loop below:
# a set hashes the status (an Enum's hash is Python code), a tuple of a few members
# compares by identity, and replay runs this for every stored event.
_ALLOWED: Final[dict[type[Any], tuple[CaseStatus, ...]]] = {
    kind: tuple(statuses) for kind, statuses in ALLOWED_IN.items()
}


def fold(case: CaseState, events: Iterable[Any]) -> None:
    """Apply ``events`` in order, checking that each belongs to the case and keeps time.

    Raises:
        IntegrityError: an event of another case, out of time order, or not a case event.
    """
    table = APPLY
    allowed = _ALLOWED
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
            if case._status not in allowed[type(event)] or (
                type(event) in ANSWERS and case._pending is None
            ):
                where = (
                    f"{case._status.value} at level {case._opened.policy.levels[case._level].id}"
                )
                raise IntegrityError(
                    [f"event {index} ({event.kind}) cannot follow: the case is {where}"]
                )
            step(case, event)
            append(event)
            last = event.at
    except (KeyError, AttributeError, TypeError) as exc:
        raise IntegrityError([f"event {index} does not fit the case: {exc!r}"]) from None
    finally:
        case._last_at = last
