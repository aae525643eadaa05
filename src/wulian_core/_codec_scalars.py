"""The codec's hooks for single values: strict scalars, dates, money, region codes, numbers.

Each structure hook refuses a value of the wrong JSON type with :class:`Refused`, whose
message the codec reports at the value's path; none of them coerces.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from wulian_core.errors import InvalidValue, _mask_personal
from wulian_core.regions import RegionCode

__all__ = [
    "stdlib_backend",
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
    # A phone or ID-card number is read whole; a masked one (what to_json writes unless
    # told reveal=True) is refused: its hidden digits are gone, and storing the mask would
    # turn a person's number into a wrong one.
    def structure(value: Any, _: Any) -> Any:
        if type(value) is not str:
            raise Refused(f"must be a string (got a {type(value).__name__})")
        if "*" in value:
            raise Refused(
                f"is masked (got {_mask_personal(value)!r}): a masked number cannot be stored;"
                " write it with to_json(..., reveal=True)"
            )
        return kind(value)

    return structure


def stdlib_backend() -> tuple[Callable[[Any], str], Callable[[str | bytes], Any]]:
    """The standard library's ``json``, made to write and read as orjson does."""
    return _stdlib_dumps, _stdlib_loads


# orjson's limits, which the standard library is held to so that both backends give the
# same text or the same error: integers in 64 bits, no NaN or infinity (orjson writes
# null for them and refuses them in text), larger integers in text read as floats.
_INT_MIN, _INT_MAX = -(2**63), 2**64 - 1


def _stdlib_dumps(data: Any) -> str:
    # json on first use, here and in _stdlib_loads: the backend for when orjson is not
    # installed, and loading json costs a millisecond that importing the package need not pay.
    import json

    return json.dumps(
        _as_orjson_writes(data), ensure_ascii=False, separators=(",", ":"), default=_as_text
    )


def _as_text(value: Any) -> Any:
    # What orjson writes by itself and the codec's JSON encoder leaves to it: a date as
    # YYYY-MM-DD, an instant as ISO 8601 with its offset, an enum as its value (region
    # codes are strings already).
    if type(value) is dt.date or type(value) is dt.datetime:  # aware, whole-minute offset
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    raise TypeError(f"Type is not JSON serializable: {type(value).__name__}")


def _as_orjson_writes(data: Any) -> Any:
    if type(data) is int:
        if not _INT_MIN <= data <= _INT_MAX:
            raise TypeError("Integer exceeds 64-bit range")
        return data
    if type(data) is float:
        return data if math.isfinite(data) else None
    if type(data) is dict:
        return {k: _as_orjson_writes(v) for k, v in data.items()}
    if type(data) is list:
        return [_as_orjson_writes(v) for v in data]
    return data


def _stdlib_loads(text: str | bytes) -> Any:
    import json

    return json.loads(
        text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_no_constant
    )


def _parse_int(text: str) -> int | float:
    value = int(text)
    return value if _INT_MIN <= value <= _INT_MAX else float(value)


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number is infinity when parsed as double: {text[:20]}")
    return value


def _no_constant(text: str) -> Any:
    raise ValueError(f"unexpected character, expected a JSON value: {text}")


_NO_CAP = "none"  # a policy file's "no cap": TOML has no null, and a key left out keeps its default


def allow_no_cap(converter: Any, cls: Any) -> None:
    """Read ``"none"`` in a cap field of ``cls`` as ``None`` (no cap), then decode as usual."""
    caps, decode = frozenset(cls.CAPS), converter.get_structure_hook(cls)

    def structure(value: Any, kind: Any) -> Any:
        if type(value) is dict and _NO_CAP in value.values():
            value = {k: None if k in caps and v == _NO_CAP else v for k, v in value.items()}
        return decode(value, kind)

    converter.register_structure_hook(cls, structure)
