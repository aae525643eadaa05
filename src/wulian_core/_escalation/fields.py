"""The field helpers of the case events and the policy: optional ids and instants, flags,
fields added later, sequences of records."""

from __future__ import annotations

from typing import Any

from attrs import field

from wulian_core import _checks
from wulian_core.errors import InvalidValue

__all__ = ["flag", "later_unit", "optional_aware", "optional_id", "records", "reopens", "units"]


def optional_id(instance: object, attribute: Any, value: Any) -> None:
    if value is not None:
        _checks.identifier(instance, attribute, value)


def optional_aware(instance: object, attribute: Any, value: Any) -> None:
    if value is not None:
        _checks.aware_datetime(instance, attribute, value)


_checks.described_as(optional_id, "optional", _checks.DESCRIBED[_checks.identifier])
_checks.described_as(optional_aware, "optional", ("aware", False))


def flag() -> Any:
    # Added after events were first stored: written only when true (see LATER_FIELD).
    return field(default=False, validator=_checks.instance_of(bool), metadata=_checks.LATER_FIELD)


def later_unit() -> Any:
    return field(default=None, validator=optional_id, metadata=_checks.LATER_FIELD)


def units(instance: object, attribute: Any, value: Any) -> None:
    name = _checks.field_name(instance, attribute)
    if type(value) is not tuple:
        raise InvalidValue(name, value, "must be a tuple of agency ids")
    for unit in value:
        if type(unit) is not str or not unit.strip() or len(unit) > 64:
            raise InvalidValue(name, unit, "must be an agency id")
    if len(set(value)) != len(value):
        raise InvalidValue(name, value, "must be distinct agency ids")


def records(kind: type) -> Any:
    def check(instance: object, attribute: Any, value: Any) -> None:
        if type(value) is not tuple:
            raise InvalidValue(
                _checks.field_name(instance, attribute),
                value,
                f"must be a sequence of {kind.__name__} records",
            )
        for position, item in enumerate(value):
            if not isinstance(item, kind):
                name = f"{type(instance).__name__}.{attribute.name}[{position}]"
                raise InvalidValue(name, item, f"must be {_checks.a_name(kind)}")

    return check


# A case reopened a hundred times has long since climbed; more says nothing more.
reopens = _checks.count(minimum=1, maximum=100)
