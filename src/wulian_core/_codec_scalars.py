"""The codec's hooks for single values: strict scalars, dates, money, region codes, numbers.

Each structure hook refuses a value of the wrong JSON type with :class:`Refused`, whose
message the codec reports at the value's path; none of them coerces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from wulian_core.errors import InvalidValue
from wulian_core.regions import RegionCode

__all__ = [
    "Refused",
    "personal",
    "strict",
    "structure_date",
    "structure_datetime",
    "structure_decimal",
    "structure_int",
    "structure_region_code",
    "unstructure_datetime",
]


class Refused(ValueError):
    """A value of the wrong JSON type; carries a message written for people."""


def strict(kind: type, label: str) -> Callable[[Any, Any], Any]:
    # cattrs' default hooks coerce (str(42) -> "42", bool("false") -> True); we refuse.
    def structure(value: Any, _: Any) -> Any:
        if type(value) is kind:
            return value
        raise Refused(f"must be {label} (got {value!r})")

    return structure


def structure_int(value: Any, _: Any) -> int:
    if type(value) is int:
        return value
    raise Refused(f"must be an integer (got {value!r})")


def structure_date(value: Any, _: Any) -> dt.date:
    if type(value) is dt.date:  # TOML has dates of its own
        return value
    if type(value) is str and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise Refused(f"must be a date YYYY-MM-DD (got {value!r})")


def structure_datetime(value: Any, _: Any) -> dt.datetime:
    if type(value) is dt.datetime:  # TOML has datetimes of its own
        if value.utcoffset() is None:
            raise Refused(f"must carry a UTC offset such as +08:00 (got {value.isoformat()})")
        return value
    if type(value) is str:
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if parsed.utcoffset() is None:
                raise Refused(f"must carry a UTC offset such as +08:00 (got {value!r})")
            return parsed
    raise Refused(f"must be an ISO 8601 datetime with offset (got {value!r})")


def structure_decimal(value: Any, _: Any) -> Decimal:
    # Money travels as a string ("120000.00"): a JSON number is a float to most readers,
    # and a float cannot hold a fen exactly, so a number is refused rather than rounded.
    if type(value) is str:
        try:
            return Decimal(value)
        except InvalidOperation:
            pass
        raise Refused(f'must be a decimal number such as "12.50" (got {value!r})')
    raise Refused(f'must be a decimal number written as a string, such as "12.50" (got {value!r})')


def unstructure_datetime(value: dt.datetime) -> str:
    if value.utcoffset() is None:
        raise InvalidValue("datetime", value, "must be timezone-aware (naive datetime)")
    return value.isoformat()


def structure_region_code(value: Any, _: Any) -> RegionCode:
    if type(value) is str:
        return RegionCode(value)
    raise Refused(f"must be a region code string (got {value!r})")


def personal(kind: type) -> Callable[[Any, Any], Any]:
    def structure(value: Any, _: Any) -> Any:
        if type(value) is not str:
            raise Refused(f"must be a string (got a {type(value).__name__})")
        return kind(value)

    return structure


_NO_CAP = "none"  # a policy file's "no cap": TOML has no null, and a key left out keeps its default


def allow_no_cap(converter: Any, cls: Any) -> None:
    """Read ``"none"`` in a cap field of ``cls`` as ``None`` (no cap), then decode as usual."""
    caps, decode = frozenset(cls.CAPS), converter.get_structure_hook(cls)

    def structure(value: Any, kind: Any) -> Any:
        if type(value) is dict and _NO_CAP in value.values():
            value = {k: None if k in caps and v == _NO_CAP else v for k, v in value.items()}
        return decode(value, kind)

    converter.register_structure_hook(cls, structure)
