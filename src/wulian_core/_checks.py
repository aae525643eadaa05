"""The one set of checks: attrs validators for records, argument checks for commands.

Validators (``text``, ``a_date``, ``aware_datetime``, …) take attrs' ``(instance,
attribute, value)`` and name ``Class.field``; argument checks (``arg_aware``,
``arg_date``, ``arg_text``, ``arg_id``, ``arg_count``) take ``(value, name)``, return the
value and name ``Function.argument``. Both raise :class:`~wulian_core.errors.InvalidValue`
with the value. They test ``type(value) is X`` first because construction and commands sit
on measured hot paths (see ``bench/``); ``isinstance`` comes second. An aware datetime is
one whose ``tzinfo`` is set and whose ``utcoffset()`` is not None: :func:`is_aware` is
the one place that says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any

import attrs

from .errors import InvalidValue, _shown

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

MAX_TEXT = 200
ID_LENGTH = 64  # an identifier's longest

LATER_FIELD: dict[str, Any] = {"omit_if_default": True}
"""Metadata of a field added after records of its class were stored: the codec writes it
only when it differs from its default, so stored JSON keeps its text and reads back."""

#: The bound of every whole number the library records (points, prices, stock, minutes,
#: counts): at most a million million. JSON readers lose integers beyond 2**53 and orjson
#: refuses those beyond 64 bits, so a number the library accepts is one every reader keeps.
MAX_COUNT = 10**12

#: What each validator made here checks, by validator: ``("text", max_length,
#: allow_empty)``, ``("instance_of", kind, optional)``, ``("date", optional)``,
#: ``("aware", optional)``, ``("count", minimum, maximum)``, ``("whole", minimum,
#: nonzero)``, ``("optional", what)`` (None or ``what``). The codec's generated decoders
#: (``_codec_fast``) read it to check a decoded field once, inline, instead of calling the
#: validator after the wire check.
DESCRIBED: dict[Any, tuple[Any, ...]] = {}


def described_as(check: Validator, *what: Any) -> Validator:
    """Record in :data:`DESCRIBED` that ``check`` checks ``what``, and return it: for a
    validator written by hand (quickest test first) that checks what one made here does."""
    DESCRIBED[check] = what
    return check


_described = described_as


def article(word: str) -> str:
    """``a`` or ``an`` before ``word``, by how it sounds: an IdCardNumber, a UnitKind.

    >>> article("OrganizationCategory"), article("IdCardNumber"), article("Role")
    ('an', 'an', 'a')
    >>> article("Urgency"), article("UsedName"), article("Euro")
    ('an', 'a', 'a')
    """
    lower = word.lower()
    if lower.startswith(("eu", "one", "uni", "use", "usu", "uti")):
        return "a"  # these vowels sound like a consonant: "a unit", "a user"
    if lower.startswith(("hour", "honest", "honour")):
        return "an"
    return "an" if lower[:1] in "aeiou" and lower else "a"


def a_name(kind: type | str) -> str:
    """``kind``'s name with its article: ``an IdCardNumber``."""
    word = kind if isinstance(kind, str) else kind.__name__
    return f"{article(word)} {word}"


def field_name(instance: object, attribute: attrs.Attribute[Any]) -> str:
    """``Class.field``, as every error message names it."""
    return f"{type(instance).__name__}.{attribute.name}"


def text(*, max_length: int = MAX_TEXT, allow_empty: bool = False) -> Validator:
    """A string, stripped of nothing, non-empty unless allowed, at most ``max_length``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if type(value) is not str and not isinstance(value, str):
            raise InvalidValue(field_name(instance, attribute), value, "must be a string")
        if not value.strip() and not allow_empty:
            raise InvalidValue(field_name(instance, attribute), value, "must not be blank")
        if len(value) > max_length:
            raise InvalidValue(
                field_name(instance, attribute),
                value,
                f"must be at most {max_length} characters",
                shown=f"{value[:20]!r}… ({len(value)} characters)",
            )

    return _described(check, "text", max_length, allow_empty)


identifier = text(max_length=ID_LENGTH)
name = text(max_length=MAX_TEXT)


def instance_of(kind: type, *, optional: bool = False) -> Validator:
    """An instance of ``kind`` (or ``None`` when optional); enums list their values."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if type(value) is kind or isinstance(value, kind) or (optional and value is None):
            return
        if issubclass(kind, Enum):
            allowed = ", ".join(str(m.value) for m in kind)
            reason = f"must be {a_name(kind)} ({allowed})"
        else:
            reason = f"must be {a_name(kind)}"
        if optional:
            reason += " or None"
        raise InvalidValue(field_name(instance, attribute), value, reason)

    return _described(check, "instance_of", kind, optional)


def _check_date(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    # A datetime is a date too; refuse it so that a timestamp never sneaks into a day field.
    if type(value) is dt.date:
        return
    if isinstance(value, dt.datetime):
        raise InvalidValue(field_name(instance, attribute), value, "must be a date, not a datetime")
    if not isinstance(value, dt.date):
        raise InvalidValue(field_name(instance, attribute), value, "must be a date")


def _check_optional_date(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _check_date(instance, attribute, value)


a_date: Validator = _described(_check_date, "date", False)
optional_date: Validator = _described(_check_optional_date, "date", True)


def is_aware(value: object) -> bool:
    """Whether ``value`` is a timezone-aware datetime: ``tzinfo`` set, ``utcoffset()`` not None.

    A tzinfo whose ``utcoffset()`` answers None leaves the datetime as naive as none:

    >>> import datetime as dt
    >>> is_aware(dt.datetime(2024, 3, 1, tzinfo=dt.timezone.utc)), is_aware(dt.datetime(2024, 3, 1))
    (True, False)
    >>> class Vague(dt.tzinfo):
    ...     def utcoffset(self, when): return None
    >>> is_aware(dt.datetime(2024, 3, 1, tzinfo=Vague()))
    False
    """
    if type(value) is dt.datetime or isinstance(value, dt.datetime):
        return value.tzinfo is not None and value.utcoffset() is not None
    return False


def aware_datetime(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A timezone-aware datetime; a naive one is refused, never assumed local."""
    if type(value) is dt.datetime and value.tzinfo is not None and value.utcoffset() is not None:
        return
    if not isinstance(value, dt.datetime):
        raise InvalidValue(field_name(instance, attribute), value, "must be a datetime")
    if not is_aware(value):
        raise InvalidValue(
            field_name(instance, attribute), value, "must be timezone-aware (naive datetime)"
        )


def optional_aware_datetime(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A timezone-aware datetime or None."""
    if value is not None:
        aware_datetime(instance, attribute, value)


_described(aware_datetime, "aware", False)
_described(optional_aware_datetime, "aware", True)


# --- argument checks: ``(value, name)`` -> value ---------------------------------------------


#: The years a command's instant or a query's day may fall in. Deadlines, expiry dates
#: and windows are computed from them; within these years every one is a date Python can
#: hold (``date(9999, 12, 31)`` plus a day is not).
EARLIEST_YEAR, LATEST_YEAR = 1900, 9000


def _in_years(value: dt.date, name: str) -> None:
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise InvalidValue(name, value, f"must fall in the years {EARLIEST_YEAR} to {LATEST_YEAR}")


def arg_aware(value: object, name: str) -> dt.datetime:
    """A timezone-aware datetime argument in the years 1900 to 9000, or InvalidValue naming ``name``.

    >>> import datetime as dt
    >>> arg_aware(dt.datetime(2024, 3, 1), "Case.accept.at")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Case.accept.at: must be a timezone-aware datetime (got ...)
    """
    if (
        type(value) is dt.datetime
        and value.tzinfo is not None
        and value.utcoffset() is not None
        and EARLIEST_YEAR <= value.year <= LATEST_YEAR
    ):
        return value
    if not is_aware(value):
        raise InvalidValue(name, value, "must be a timezone-aware datetime")
    _in_years(value, name)  # type: ignore[arg-type]  # is_aware narrowed it to a datetime
    return value  # type: ignore[return-value]


def arg_date(value: object, name: str) -> dt.date:
    """A date argument in the years 1900 to 9000 (a datetime is refused: a timestamp never
    stands for a day).

    >>> arg_date("2024-03-01", "evaluate.as_of")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: evaluate.as_of: must be a date (got '2024-03-01')
    """
    if type(value) is dt.date and EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        return value
    if isinstance(value, dt.datetime):
        raise InvalidValue(name, value, "must be a date, not a datetime")
    if not isinstance(value, dt.date):
        raise InvalidValue(name, value, "must be a date")
    _in_years(value, name)
    return value


def arg_text(value: object, name: str, *, limit: int = 500, blank: bool = False) -> str:
    """A string of at most ``limit`` characters, not blank unless ``blank``.

    >>> arg_text("  ", "Case.park.reason", limit=200)
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Case.park.reason: must be a non-blank string of at most 200 characters (got '  ')
    """
    if type(value) is str and len(value) <= limit and (blank or (value and not value.isspace())):
        return value
    what = "a" if blank else "a non-blank"
    raise InvalidValue(name, value, f"must be {what} string of at most {limit} characters")


def arg_items(value: object, name: str, *, what: str = "items") -> tuple[Any, ...]:
    """An iterable argument (not a string or a mapping) as a tuple, or InvalidValue naming it.

    >>> arg_items(None, "rank_passbooks.passbooks", what="passbooks")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: rank_passbooks.passbooks: must be an iterable of passbooks (got None)
    """
    if type(value) is tuple:
        return value
    if isinstance(value, str | bytes | Mapping) or not hasattr(value, "__iter__"):
        raise InvalidValue(name, value, f"must be an iterable of {what}")
    try:
        return tuple(value)
    except TypeError:
        raise InvalidValue(name, value, f"must be an iterable of {what}") from None


def shown(value: object) -> str:
    """What a message shows of ``value``: its repr, bounded in length and depth."""
    return _shown(value)


def arg_id(value: object, name: str) -> str:
    """A non-blank id of at most 64 characters.

    >>> arg_id("case-1", "Case.open.id")
    'case-1'
    """
    return arg_text(value, name, limit=64)


def arg_count(
    value: object, name: str, *, minimum: int = 0, maximum: int | None = MAX_COUNT
) -> int:
    """A whole number (not a bool) from ``minimum`` to ``maximum`` (:data:`MAX_COUNT`).

    >>> arg_count(-1, "TimeLimit.amount")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: TimeLimit.amount: must be a whole number from 0 to 1000000000000 (got -1)
    """
    if type(value) is int and value >= minimum and (maximum is None or value <= maximum):
        return value
    bound = f">= {minimum}" if maximum is None else f"from {minimum} to {maximum}"
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValue(name, value, f"must be a whole number {bound}")
    if value < minimum or (maximum is not None and value > maximum):
        raise InvalidValue(name, value, f"must be a whole number {bound}")
    return int(value)


def count(*, minimum: int = 0, maximum: int = MAX_COUNT) -> Validator:
    """A whole number (not a bool) from ``minimum`` to ``maximum`` (:data:`MAX_COUNT`)."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if type(value) is int and minimum <= value <= maximum:
            return
        raise InvalidValue(
            field_name(instance, attribute),
            value,
            f"must be a whole number from {minimum} to {maximum}",
        )

    return _described(check, "count", minimum, maximum)


def whole(*, minimum: int | None = None, nonzero: bool = False) -> Validator:
    """A whole number (not a bool), at least ``minimum`` when given, not 0 if ``nonzero``;
    within :data:`MAX_COUNT` either way, as every whole number the library records."""
    if minimum is not None:
        reason = f"must be a whole number >= {minimum}"
    else:
        reason = "must be a whole number other than 0" if nonzero else "must be a whole number"
    reason += f" and at most {MAX_COUNT} in size"

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if (
            type(value) is not int
            or (minimum is not None and value < minimum)
            or (nonzero and not value)
            or not -MAX_COUNT <= value <= MAX_COUNT
        ):
            raise InvalidValue(field_name(instance, attribute), value, reason)

    return _described(check, "whole", minimum, nonzero)


def records_of(kind: type) -> Validator:
    """A tuple whose items are all ``kind`` records."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if type(value) is not tuple:
            raise InvalidValue(field_name(instance, attribute), value, "must be a tuple")
        for item in value:
            if type(item) is not kind and not isinstance(item, kind):
                raise InvalidValue(
                    field_name(instance, attribute), item, f"must hold {kind.__name__} records"
                )

    return check


def strings(*, allow_empty_set: bool = True) -> Validator:
    """A set of non-blank identifier strings (any iterable but a string or a mapping)."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, frozenset):
            raise InvalidValue(
                field_name(instance, attribute),
                value,
                "must be a set of non-blank strings (a set, list or tuple)",
            )
        if not value and not allow_empty_set:
            raise InvalidValue(field_name(instance, attribute), value, "must not be empty")
        for item in value:
            if type(item) is not str or not item.strip() or len(item) > 64:
                raise InvalidValue(
                    field_name(instance, attribute),
                    item,
                    "must hold non-blank strings of at most 64 characters",
                )

    return check


def period(start_field: str, end_field: str) -> Callable[[Any], None]:
    """Cross-field check: an end date, when set, is not before its start date."""

    def check(instance: Any) -> None:
        start = getattr(instance, start_field)
        end = getattr(instance, end_field)
        if end is not None and end < start:
            raise InvalidValue(
                f"{type(instance).__name__}.{end_field}",
                end,
                f"must not be before {start_field} {start.isoformat()}",
            )

    return check


def to_frozenset(value: Any) -> Any:
    """Converter: any iterable (not a string or a mapping) becomes a frozenset.

    Anything else passes to the validator, which names the field and refuses it: a
    mapping would silently become the set of its keys, and unhashable items cannot be
    members.
    """
    if type(value) is frozenset:
        return value
    if isinstance(value, str | bytes | Mapping) or not hasattr(value, "__iter__"):
        return value  # the validator names the field and refuses it
    try:
        return frozenset(value)
    except TypeError:  # unhashable members: the validator says what the field holds
        return value


def to_tuple(value: Any) -> Any:
    """Converter: any iterable (not a string or a mapping) becomes a tuple; others pass on."""
    if type(value) is tuple:
        return value
    if isinstance(value, str | bytes | Mapping) or not hasattr(value, "__iter__"):
        return value
    return tuple(value)
