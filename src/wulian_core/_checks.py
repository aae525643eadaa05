"""Validators shared by the model's attrs classes.

Each raises :class:`~wulian_core.errors.InvalidValue` naming ``Class.field`` and the
value. They test ``type(value) is X`` first because construction sits on the hot path
of building a province-sized directory (see ``bench/``); ``isinstance`` comes second.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum
from typing import Any

import attrs

from .errors import InvalidValue

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

MAX_TEXT = 200


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

    return check


identifier = text(max_length=64)
name = text(max_length=MAX_TEXT)


def instance_of(kind: type, *, optional: bool = False) -> Validator:
    """An instance of ``kind`` (or ``None`` when optional); enums list their values."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if type(value) is kind or isinstance(value, kind) or (optional and value is None):
            return
        if issubclass(kind, Enum):
            allowed = ", ".join(str(m.value) for m in kind)
            reason = f"must be a {kind.__name__} ({allowed})"
        else:
            reason = f"must be a {kind.__name__}"
        if optional:
            reason += " or None"
        raise InvalidValue(field_name(instance, attribute), value, reason)

    return check


def _check_date(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    # A datetime is a date too; refuse it so that a timestamp never sneaks into a day field.
    if type(value) is dt.date:
        return
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidValue(
            field_name(instance, attribute), value, "must be a date (not a datetime)"
        )


def _check_optional_date(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        _check_date(instance, attribute, value)


a_date: Validator = _check_date
optional_date: Validator = _check_optional_date


def aware_datetime(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A timezone-aware datetime; a naive one is refused, never assumed local."""
    if not isinstance(value, dt.datetime):
        raise InvalidValue(field_name(instance, attribute), value, "must be a datetime")
    if value.utcoffset() is None:
        raise InvalidValue(
            field_name(instance, attribute), value, "must be timezone-aware (naive datetime)"
        )


def strings(*, allow_empty_set: bool = True) -> Validator:
    """A frozenset of non-blank identifier strings."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, frozenset):
            raise InvalidValue(field_name(instance, attribute), value, "must be a frozenset")
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
    """Converter: any iterable (not a string) becomes a frozenset; others pass to validation."""
    if type(value) is frozenset:
        return value
    if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
        return value  # the validator names the field and refuses it
    return frozenset(value)


def to_tuple(value: Any) -> Any:
    """Converter: any iterable (not a string) becomes a tuple; others pass to validation."""
    if type(value) is tuple:
        return value
    if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
        return value
    return tuple(value)
