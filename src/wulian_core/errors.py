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
import functools
import re
import reprlib
from collections.abc import Iterable
from typing import Final

__all__ = [
    "CalendarCoverageError",
    "ClockSkew",
    "ConcurrencyConflict",
    "DecodeError",
    "EscalationPolicyError",
    "IdempotencyConflict",
    "IllegalTransition",
    "InsufficientPoints",
    "IntegrityError",
    "InvalidValue",
    "MissingExtra",
    "NotFound",
    "PermissionDenied",
    "StoreError",
    "StoreUnavailable",
    "WulianError",
]


class WulianError(Exception):
    """Base for every wulian_core error.

    >>> issubclass(InvalidValue, WulianError)
    True
    """


class InvalidValue(WulianError, ValueError):
    """A value failed validation; names the field and the (shown) value.

    ``shown`` is what the message prints for the value. A personal field (a phone or
    ID-card number) passes ``personal=True``: the error then keeps only the masked form,
    in ``value``, in its message and in its pickle, so the whole number never reaches a
    log. Any other message has phone- and ID-shaped digit runs masked all the same, and a
    long value is cut short: an error shows what was wrong, not a file's contents.

    >>> InvalidValue("Volunteer.name", 42, "must be a string").field
    'Volunteer.name'
    >>> err = InvalidValue("Person.phone", "13800138000", "must be a PhoneNumber", personal=True)
    >>> err.value, str(err)
    ('138****8000', "Person.phone: must be a PhoneNumber (got '138****8000')")
    """

    def __init__(
        self,
        field: str,
        value: object,
        reason: str,
        *,
        shown: str | None = None,
        personal: bool = False,
    ) -> None:
        self.field = field
        self.reason = reason
        if personal:
            masked = _mask_personal(value)
            self.value: object = masked
            shown = masked if masked.startswith("<") else repr(masked)
        else:
            self.value = value
        self.shown = _clip(_redact(_shown(value) if shown is None else shown))
        super().__init__(f"{field}: {reason} (got {self.shown})")

    def __reduce__(self) -> tuple[object, ...]:
        # A pickle travels (to a worker, a queue, a log store): a text value goes with its
        # phone- and ID-shaped numbers masked, as the message shows them.
        value = _redact(self.value) if isinstance(self.value, str) else self.value
        return (_rebuild_invalid, (self.field, value, self.reason, self.shown))


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


_CLIP: Final = 200


def _clip(text: str) -> str:
    """``text`` cut to 200 characters, saying how long it was: errors quote, never dump.

    >>> _clip("x" * 201)[-22:]
    'x... (201 characters)'
    """
    if len(text) <= _CLIP:
        return text
    return f"{text[:_CLIP]}... ({len(text):,} characters)"


def _mask_personal(value: object) -> str:
    """The masked form of a personal value, as a phone or ID-card number shows itself.

    A string (or integer) of 15 or more characters keeps its first six and last four
    (an ID-card number's region and check), of 11 to 14 its first three and last four
    (a phone number's); a shorter one, or anything else, shows only its shape.

    >>> _mask_personal("11010519491231002X"), _mask_personal("13800138000")
    ('110105********002X', '138****8000')
    >>> _mask_personal("12345"), _mask_personal(None)
    ('<5 characters, hidden>', '<NoneType, hidden>')
    """
    masked = getattr(value, "masked", None)
    if callable(masked) and not isinstance(value, str):
        text = masked()
        if isinstance(text, str):
            return text
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return f"<{type(value).__name__}, hidden>"
    n = len(value)
    if n >= 15:
        return value[:6] + "*" * (n - 10) + value[-4:]
    if n >= 11:
        return value[:3] + "*" * (n - 7) + value[-4:]
    return f"<{n} characters, hidden>"


# Digit runs shaped like a mainland mobile (grouped or not), a landline with its area
# code, or an 18-character ID-card number; region codes (12 digits, never from 0 or 1[3-9]
# with 11) and dates do not match. The lookarounds keep longer digit runs whole.
# Compiled on the first message that needs them, not when the package is imported.
_MOBILE: Final = r"(?<![0-9])(1[3-9][0-9])[ -]?([0-9]{4})[ -]?([0-9]{4})(?![0-9])"
_LANDLINE: Final = r"(?<![0-9])(0[0-9]{2,3})-?([0-9]{3,4})([0-9]{4})(?![0-9])"
_ID_CARD: Final = r"(?<![0-9])([0-9]{6})[0-9]{8}([0-9]{3}[0-9Xx])(?![0-9A-Za-z])"


@functools.cache
def _numbers() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    return re.compile(_ID_CARD), re.compile(_MOBILE), re.compile(_LANDLINE)


def _redact(text: str) -> str:
    """``text`` with every phone- or ID-card-shaped number masked.

    >>> _redact("call 138 0013 8000 or 010-62345678, card 11010519491231002X, code 150603001001")
    'call 138****8000 or 010****5678, card 110105********002X, code 150603001001'
    """
    id_card, mobile, landline = _numbers()
    text = id_card.sub(lambda m: m[1] + "********" + m[2], text)
    text = mobile.sub(lambda m: m[1] + "****" + m[3], text)
    return landline.sub(lambda m: m[1] + "****" + m[3], text)


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
        # A decoded document may be anyone's data: quote it short, with numbers masked.
        self.problems = tuple((path, _clip(_redact(message))) for path, message in problems)
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


class StoreError(WulianError):
    """Base for the event store's own errors (a stream moved, a backend missing, a bad schema).

    >>> issubclass(ConcurrencyConflict, StoreError)
    True
    """


class ConcurrencyConflict(StoreError):
    """A stream moved since it was loaded: nothing of the append was written.

    ``stream`` is ``"kind:id"``; ``expected`` the version the writer loaded; ``actual``
    the version found. Reload and run the command again (:meth:`wulian_core.store.SQLiteStore.run` does).

    >>> str(ConcurrencyConflict("case:c-1", 1, 2))
    'case:c-1 is at version 2, not 1: reload and retry'
    """

    def __init__(self, stream: str, expected: int, actual: int) -> None:
        super().__init__(f"{stream} is at version {actual}, not {expected}: reload and retry")
        self.stream, self.expected, self.actual = stream, expected, actual

    def __reduce__(self) -> tuple[object, ...]:
        # Raised in worker processes too: rebuild from the fields, not from the message.
        return (type(self), (self.stream, self.expected, self.actual))


class ClockSkew(InvalidValue, StoreError):
    """An event stamped too far in the future of the store's clock: the commit is refused.

    >>> import datetime as dt
    >>> now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    >>> print(ClockSkew("case:c-1", now + dt.timedelta(days=1), now, dt.timedelta(minutes=5)))
    case:c-1.at: must be at most 0:05:00 ahead of the clock, 2024-01-01T00:00:00+00:00 (got 2024-01-02T00:00:00+00:00)
    """

    def __init__(
        self, stream: str, at: _dt.datetime, now: _dt.datetime, max_skew: _dt.timedelta
    ) -> None:
        reason = f"must be at most {max_skew} ahead of the clock, {now.isoformat()}"
        super().__init__(f"{stream}.at", at, reason, shown=at.isoformat())
        self.stream, self.at, self.now, self.max_skew = stream, at, now, max_skew

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.stream, self.at, self.now, self.max_skew))


class StoreUnavailable(StoreError):
    """The backend cannot be used: its driver is missing, or the server cannot be reached.

    >>> print(StoreUnavailable("psycopg is not installed: pip install 'wulian-core[postgres]'"))
    psycopg is not installed: pip install 'wulian-core[postgres]'
    """


class MissingExtra(WulianError, ImportError):
    """An optional feature needs a package that is not installed: install the named extra.

    >>> str(MissingExtra("pandas", "Report.to_frame"))
    "Report.to_frame needs pandas: pip install 'wulian-core[pandas]'"
    """

    def __init__(self, extra: str, feature: str) -> None:
        self.extra = extra
        self.feature = feature
        super().__init__(f"{feature} needs {extra}: pip install 'wulian-core[{extra}]'")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.extra, self.feature))
