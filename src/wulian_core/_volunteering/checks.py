"""Validators and argument checks of the volunteering records and commands.

Each raises :class:`~wulian_core.errors.InvalidValue` naming ``Class.field`` (or
``Command.argument``) and the value, never a bare ``TypeError`` or ``ValueError``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from typing import Any

import attrs

from wulian_core.errors import InvalidValue
from wulian_core.people import Actor

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


def field_name(instance: object, attribute: attrs.Attribute[Any]) -> str:
    """``Class.field``, as every error message names it."""
    return f"{type(instance).__name__}.{attribute.name}"


def ident_of(value: Any, name: str) -> str:
    """A non-blank string of at most 64 characters, or InvalidValue naming ``name``.

    >>> ident_of("p-1", "x")
    'p-1'
    >>> ident_of("", "Need.id")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Need.id: must be a non-blank string of at most 64 characters (got '')
    """
    if (
        (type(value) is not str and not isinstance(value, str))
        or not value.strip()
        or len(value) > 64
    ):
        raise InvalidValue(name, value, "must be a non-blank string of at most 64 characters")
    return value


def text_of(value: Any, name: str, *, limit: int = 200, allow_empty: bool = False) -> str:
    """A string of at most ``limit`` characters, blank only when allowed."""
    if type(value) is not str:
        raise InvalidValue(name, value, "must be a string")
    if not value.strip() and not allow_empty:
        raise InvalidValue(name, value, "must not be blank")
    if len(value) > limit:
        raise InvalidValue(
            name,
            value,
            f"must be at most {limit} characters",
            shown=f"{value[:20]!r}… ({len(value)} characters)",
        )
    return value


def aware_of(value: Any, name: str) -> dt.datetime:
    """A timezone-aware datetime, or InvalidValue naming ``name``."""
    if type(value) is not dt.datetime or value.tzinfo is None or value.utcoffset() is None:
        raise InvalidValue(name, value, "must be a timezone-aware datetime")
    return value


def actor_of(value: Any, name: str) -> Actor:
    """An :class:`~wulian_core.people.Actor`, or InvalidValue naming ``name``."""
    if not isinstance(value, Actor):
        raise InvalidValue(name, value, "must be an Actor")
    return value


def ident(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """attrs validator: an identifier."""
    ident_of(value, field_name(instance, attribute))


def text(*, limit: int = 200, allow_empty: bool = False) -> Validator:
    """attrs validator: a string of at most ``limit`` characters."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        text_of(value, field_name(instance, attribute), limit=limit, allow_empty=allow_empty)

    return check


def aware(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """attrs validator: a timezone-aware datetime."""
    aware_of(value, field_name(instance, attribute))


def a_date(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """attrs validator: a date, not a datetime."""
    if type(value) is not dt.date:
        raise InvalidValue(
            field_name(instance, attribute), value, "must be a date (not a datetime)"
        )


def optional_date(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """attrs validator: a date or ``None``."""
    if value is not None:
        a_date(instance, attribute, value)


def instance_of(kind: type, *, optional: bool = False) -> Validator:
    """attrs validator: an instance of ``kind`` (``bool`` exactly; enums list their values)."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if (optional and value is None) or (
            isinstance(value, kind) and (kind is not int or type(value) is int)
        ):
            return
        if issubclass(kind, Enum):
            allowed = ", ".join(str(m.value) for m in kind)
            reason = f"must be a {kind.__name__} ({allowed})"
        else:
            reason = f"must be a {kind.__name__}"
        raise InvalidValue(field_name(instance, attribute), value, reason + (" or None" * optional))

    return check


def whole(*, minimum: int = 0, maximum: int | None = None) -> Validator:
    """attrs validator: an int (not a bool) within ``minimum``..``maximum``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if type(value) is not int or value < minimum or (maximum is not None and value > maximum):
            upper = "" if maximum is None else f" and at most {maximum}"
            raise InvalidValue(
                field_name(instance, attribute),
                value,
                f"must be an integer at least {minimum}{upper}",
            )

    return check


def to_frozenset(value: Any) -> Any:
    """attrs converter: any iterable but a string or a mapping (whose values it would
    drop) becomes a frozenset; others pass to the validator, which names the field."""
    if isinstance(value, frozenset | str | bytes | Mapping):
        return value
    try:
        return frozenset(value)
    except TypeError:
        return value  # the validator names the field


def to_strings(value: Iterable[str]) -> tuple[str, ...]:
    """attrs converter: a tuple of strings (reasons, skills), refusing anything else."""
    try:
        found = tuple(value)
    except TypeError:
        raise InvalidValue("strings", value, "must be an iterable of strings") from None
    if isinstance(value, str) or not all(type(item) is str for item in found):
        raise InvalidValue("strings", value, "must be an iterable of strings")
    return found


def members(kind: type, *, non_empty: bool = False) -> Validator:
    """attrs validator: a frozenset whose members are all of type ``kind``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        name = field_name(instance, attribute)
        if not isinstance(value, frozenset):
            raise InvalidValue(name, value, f"must be a set of {kind.__name__}")
        for item in value:
            if not isinstance(item, kind):
                raise InvalidValue(name, value, f"must hold {kind.__name__} values only")
            if kind is str:
                ident_of(item, name)
        if non_empty and not value:
            raise InvalidValue(name, value, "must not be empty")

    return check


def window(start: str, end: str) -> Callable[[Any], None]:
    """A cross-field check: ``end`` after ``start``; for ``__attrs_post_init__``."""

    def check(instance: Any) -> None:
        first, last = getattr(instance, start), getattr(instance, end)
        if last is not None and last <= first:
            raise InvalidValue(
                f"{type(instance).__name__}.{end}", last, f"must be after {start} {first}"
            )

    return check
