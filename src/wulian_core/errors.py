"""The one error hierarchy of wulian-core.

Every error the public API raises is a :class:`WulianError`. Each subclass also
derives from the builtin a caller would expect (``ValueError``, ``LookupError``,
``PermissionError``), so code that catches builtins keeps working.

>>> from wulian_core.errors import InvalidValue, WulianError
>>> err = InvalidValue("Region.name", "", "must not be empty")
>>> isinstance(err, WulianError), isinstance(err, ValueError)
(True, True)
>>> str(err)
"Region.name: must not be empty (got '')"
"""

from __future__ import annotations

import datetime as _dt
import reprlib
from collections.abc import Iterable

__all__ = [
    "CalendarCoverageError",
    "DecodeError",
    "EscalationPolicyError",
    "IdempotencyConflict",
    "IllegalTransition",
    "InsufficientPoints",
    "IntegrityError",
    "InvalidValue",
    "NotFound",
    "PermissionDenied",
    "WulianError",
]


class WulianError(Exception):
    """Base for every wulian_core error.

    >>> issubclass(InvalidValue, WulianError)
    True
    """


class InvalidValue(WulianError, ValueError):
    """A value failed validation; names the field and the (shown) value.

    ``shown`` is what the message prints for the value. Personal data (phone
    numbers, ID-card numbers) pass a masked form here, so the whole number never
    reaches a log.

    >>> InvalidValue("Volunteer.name", 42, "must be a string").field
    'Volunteer.name'
    """

    def __init__(self, field: str, value: object, reason: str, *, shown: str | None = None) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        self.shown = _shown(value) if shown is None else shown
        super().__init__(f"{field}: {reason} (got {self.shown})")

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_invalid, (self.field, self.value, self.reason, self.shown))


# What a message shows of a value is bounded: a string of a million characters or a list
# nested ten thousand deep must give a short line, never a RecursionError or a wall of text.
_REPR = reprlib.Repr()
_REPR.maxlevel = 4
_REPR.maxstring = _REPR.maxother = 200
_REPR.maxlong = 60
_REPR.maxlist = _REPR.maxtuple = _REPR.maxset = _REPR.maxfrozenset = 8
_REPR.maxdict = 6


def _shown(value: object) -> str:
    if type(value) is str and len(value) > _REPR.maxstring:
        return f"{value[:20]!r}… ({len(value)} characters)"
    if type(value) is int and value.bit_length() > 200:
        return f"an integer of about {int(value.bit_length() * 0.30103)} digits"
    try:
        return _REPR.repr(value)
    except Exception:
        return f"<{type(value).__name__}>"


def _rebuild_invalid(field: str, value: object, reason: str, shown: str) -> InvalidValue:
    return InvalidValue(field, value, reason, shown=shown)


class IntegrityError(WulianError, LookupError):
    """A collection of records does not hang together: every problem, not only the first.

    >>> err = IntegrityError(["organization 'x' names unknown community 150603001001"])
    >>> err.problems
    ("organization 'x' names unknown community 150603001001",)
    """

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"{count} integrity problem{'s' if count != 1 else ''}"
        super().__init__(head + ":\n" + "\n".join(f"- {p}" for p in self.problems))

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.problems,))


class EscalationPolicyError(IntegrityError):
    """An escalation policy does not hang together; ``located`` pairs each problem with its path.

    Loaded through the codec, the same problems become a
    :class:`~wulian_core.errors.DecodeError`.

    >>> err = EscalationPolicyError([("levels[1].escalates_to", "names no level 'street'")])
    >>> err.located
    (('levels[1].escalates_to', "names no level 'street'"),)
    >>> print(err)
    1 integrity problem:
    - levels[1].escalates_to: names no level 'street'
    >>> isinstance(err, LookupError)
    True
    """

    def __init__(self, located: Iterable[tuple[object, object]]) -> None:
        self.located: tuple[tuple[str, str], ...] = tuple(
            (str(path), str(message)) for path, message in located
        )
        super().__init__(f"{path}: {message}" for path, message in self.located)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.located,))


class NotFound(WulianError, LookupError):
    """A query named a record the collection does not hold; ``argument`` names where.

    >>> str(NotFound("region", "150603009"))
    "no region '150603009'"
    >>> str(NotFound("redemption", "r-9", argument="Passbook.cancel_redemption.order"))
    "Passbook.cancel_redemption.order: no redemption 'r-9'"
    """

    def __init__(self, kind: str, key: object, *, argument: str | None = None) -> None:
        self.kind = kind
        self.key = key
        self.argument = argument
        shown = _shown(str(key)) if isinstance(key, str) else _shown(key)
        where = f"{argument}: " if argument else ""
        super().__init__(f"{where}no {kind} {shown}")

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_not_found, (self.kind, self.key, self.argument))


def _rebuild_not_found(kind: str, key: object, argument: str | None) -> NotFound:
    return NotFound(kind, key, argument=argument)


class PermissionDenied(WulianError, PermissionError):
    """An actor may not run this command here.

    >>> str(PermissionDenied("accept", "p-1", "not the grid worker of grid g-1"))
    'p-1 may not accept: not the grid worker of grid g-1'
    """

    def __init__(self, command: str, actor: str, reason: str) -> None:
        self.command = command
        self.actor = actor
        self.reason = reason
        super().__init__(f"{actor} may not {command}: {reason}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.command, self.actor, self.reason))


class IllegalTransition(WulianError, ValueError):
    """A command does not apply in the aggregate's current state.

    >>> str(IllegalTransition("closed", "escalate"))
    'cannot escalate when closed'
    """

    def __init__(self, state: str, command: str, detail: str = "") -> None:
        self.state = state
        self.command = command
        self.detail = detail
        tail = f": {detail}" if detail else ""
        super().__init__(f"cannot {command} when {state}{tail}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.state, self.command, self.detail))


class DecodeError(WulianError, ValueError):
    """Data could not be decoded; lists the path of every bad field.

    ``problems`` holds ``(path, message)`` pairs, the path in JSON-pointer-like
    dotted form (``organizations[3].category``).

    >>> err = DecodeError("SocialOrganization", [("category", "unknown value 'x'")])
    >>> print(err)
    cannot decode SocialOrganization:
    - category: unknown value 'x'
    """

    def __init__(self, target: str, problems: Iterable[tuple[str, str]]) -> None:
        self.target = target
        self.problems = tuple(problems)
        lines = "\n".join(f"- {path or '(root)'}: {msg}" for path, msg in self.problems)
        super().__init__(f"cannot decode {target}:\n{lines}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.target, self.problems))


class CalendarCoverageError(WulianError, LookupError):
    """A date lies outside what a working-day calendar knows; it never guesses.

    >>> import datetime
    >>> err = CalendarCoverageError(datetime.date(2031, 1, 2), "known through 2026-12-31")
    >>> err.date
    datetime.date(2031, 1, 2)
    """

    def __init__(self, date: _dt.date, detail: str) -> None:
        self.date = date
        self.detail = detail
        super().__init__(f"{date.isoformat()} is outside the calendar: {detail}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.date, self.detail))


class InsufficientPoints(WulianError, ValueError):
    """A redemption or transfer asks for more points than are available.

    >>> str(InsufficientPoints("material", 30, 12))
    'needs 30 material points, 12 available'
    """

    def __init__(self, kind: str, needed: int, available: int) -> None:
        self.kind = kind
        self.needed = needed
        self.available = available
        super().__init__(f"needs {needed} {kind} points, {available} available")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.kind, self.needed, self.available))


class IdempotencyConflict(WulianError, ValueError):
    """An idempotency key was used before with a different payload.

    >>> str(IdempotencyConflict("k-1"))
    "idempotency key 'k-1' was already used with a different payload"
    """

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(f"idempotency key {key!r} was already used with a different payload")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.key,))
