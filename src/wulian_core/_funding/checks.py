"""The field validators of the money records, each naming the field it checks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from wulian_core import _checks
from wulian_core.errors import InvalidValue
from wulian_core.regions import RegionCode, RegionLevel

__all__ = ["at_level", "identifier", "instance_of", "positive", "text", "year"]


def text(name: str, limit: int = 200, *, blank: bool = False) -> Any:
    def check(instance: object, attribute: Any, value: Any) -> None:
        if type(value) is not str:
            raise InvalidValue(name, value, "must be a string")
        if not blank and not value.strip():
            raise InvalidValue(name, value, "must not be blank")
        if len(value) > limit:
            raise InvalidValue(name, value, f"must be at most {limit} characters")

    return check


def identifier(name: str) -> Any:
    def check(instance: object, attribute: Any, value: Any) -> None:
        if type(value) is not str or not value or len(value) > 64 or value != value.strip():
            raise InvalidValue(name, value, "must be a non-blank id of at most 64 characters")

    return check


def instance_of(name: str, kind: type) -> Any:
    def check(instance: object, attribute: Any, value: Any) -> None:
        # A datetime is a date too; a payment or a period is counted in days.
        if not isinstance(value, kind) or (kind is dt.date and isinstance(value, dt.datetime)):
            raise InvalidValue(name, value, f"must be {_checks.a_name(kind)}")

    return check


def at_level(name: str, levels: tuple[RegionLevel, ...]) -> Any:
    def check(instance: object, attribute: Any, value: Any) -> None:
        if not isinstance(value, RegionCode):
            raise InvalidValue(name, value, "must be a RegionCode")
        if value.level not in levels:
            allowed = " or ".join(level.value for level in levels)
            raise InvalidValue(name, value, f"must name a {allowed}, not a {value.level.value}")

    return check


def positive(name: str) -> Any:
    def check(instance: object, attribute: Any, value: Decimal) -> None:
        if value <= 0:
            raise InvalidValue(name, value, "must be more than 0 yuan")

    return check


def year(name: str) -> Any:
    def check(instance: object, attribute: Any, value: Any) -> None:
        if type(value) is not int or not 1949 <= value <= 2100:
            raise InvalidValue(name, value, "must be a year from 1949 to 2100")

    return check
