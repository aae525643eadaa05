"""Checks read from annotations, for result records: ``@frozen(field_transformer=typed)``.

Result records (a finding, a statement line, a ranking) are built by the library, but
users build them too, in tests and notebooks; they validate on construction like every
record. Their fields say their types in annotations, so the checks are read from there
rather than written out field by field: every field without a validator of its own gets
the check its annotation names, from :mod:`wulian_core._checks`. Annotations are resolved
on first use (they are strings, and some name types defined further on).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any

import attrs

from ._checks import MAX_COUNT, a_name, arg_date, field_name, is_aware
from .errors import InvalidValue

_HINTS: dict[type, dict[str, Any]] = {}
_FIELD_CHECKS: dict[tuple[type, str], Callable[[Any, str], None]] = {}


def typed(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """attrs field transformer: each field without a validator is checked by its annotation.

    A ``str`` field must be a string (not blank if it names something: ``id``, ``key``,
    ``target``, ``item``…, or ends in ``_id``), an ``int``
    a whole number within :data:`MAX_COUNT` either side of zero, a ``datetime`` aware,
    a ``date`` a date; ``X | None``, tuples and frozensets of those, enums and records
    are checked by type.

    >>> import attrs
    >>> @attrs.frozen(kw_only=True, field_transformer=typed)
    ... class Line:
    ...     label: str
    ...     points: int
    >>> Line(label="x", points=2**64)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Line.points: must be a whole number from ... (got 18446744073709551616)
    """
    del cls
    return [f if f.validator is not None else f.evolve(validator=_by_annotation) for f in fields]


def _by_annotation(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    cls = type(instance)
    check = _FIELD_CHECKS.get((cls, attribute.name))
    if check is None:
        hint = _hint(cls, attribute)
        names = attribute.name in _NAMING or attribute.name.endswith("_id")
        check = _checker(hint, blank_ok=not names)
        _FIELD_CHECKS[(cls, attribute.name)] = check
    check(value, field_name(instance, attribute))


# Fields that name something: a blank one names nothing. Other text (a label, a
# shortfall's wording) may be empty when there is nothing to say.
_NAMING = frozenset({"id", "key", "cause", "target", "item", "point", "kind", "order", "person"})


def _hint(cls: type, attribute: attrs.Attribute[Any]) -> Any:
    import sys
    import typing

    if cls not in _HINTS:
        try:
            _HINTS[cls] = typing.get_type_hints(cls)
        except Exception:
            _HINTS[cls] = {}
    if attribute.name in _HINTS[cls]:
        return _HINTS[cls][attribute.name]
    namespace = {**vars(sys.modules[cls.__module__]), "dt": dt}
    try:
        return (
            eval(attribute.type, namespace) if isinstance(attribute.type, str) else attribute.type
        )
    except Exception:
        return Any


def _checker(hint: Any, *, blank_ok: bool = False) -> Callable[[Any, str], None]:
    import types
    import typing
    from decimal import Decimal
    from fractions import Fraction

    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        optional = type(None) in args
        members = [a for a in args if a is not type(None)]
        checks = [_checker(a, blank_ok=blank_ok) for a in members]
        names = " or ".join(_hint_name(a) for a in members) + (" or None" if optional else "")

        def union(value: Any, name: str) -> None:
            if value is None and optional:
                return
            for check in checks:
                try:
                    check(value, name)
                except InvalidValue:
                    continue
                return
            if len(checks) == 1:
                checks[0](value, name)  # its own, more precise message
            raise InvalidValue(name, value, f"must be {names}")

        return union
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _checker(args[0])
            return lambda value, name: _items(value, name, tuple, "a tuple", item)
        parts = [_checker(a) for a in args]

        def fixed(value: Any, name: str) -> None:
            if type(value) is not tuple or len(value) != len(parts):
                raise InvalidValue(name, value, f"must be a tuple of {len(parts)}")
            for n, (check, item) in enumerate(zip(parts, value, strict=True)):
                check(item, f"{name}[{n}]")

        return fixed
    if origin is frozenset:
        item = _checker(args[0]) if args else _anything
        return lambda value, name: _items(value, name, frozenset, "a set", item)
    if origin is not None and isinstance(origin, type) and issubclass(origin, Mapping):
        keys, values = (
            (_checker(args[0]), _checker(args[1])) if len(args) == 2 else (_anything,) * 2
        )

        def mapping(value: Any, name: str) -> None:
            if not isinstance(value, Mapping):
                raise InvalidValue(name, value, "must be a mapping")
            for key, item in value.items():
                keys(key, name)
                values(item, f"{name}[{key!r}]")

        return mapping
    if hint is str:

        def string(value: Any, name: str) -> None:
            if type(value) is not str:
                raise InvalidValue(name, value, "must be a string")
            if not blank_ok and not value.strip():
                raise InvalidValue(name, value, "must not be blank")

        return string
    if hint is bool:
        return _of_type(bool, "true or false", exact=True)
    if hint is int:
        return _whole
    if hint is dt.datetime:
        return _aware
    if hint is dt.date:
        return _day
    if hint is Decimal:
        return _finite_decimal
    if hint is Fraction:
        return _of_type(Fraction, "a Fraction")
    if isinstance(hint, type) and hint is not object and not getattr(hint, "_is_protocol", False):
        return _of_type(hint, a_name(hint))
    return _anything


def _day(value: Any, name: str) -> None:
    arg_date(value, name)


def _hint_name(hint: Any) -> str:
    return a_name(hint) if isinstance(hint, type) else str(hint)


def _anything(value: Any, name: str) -> None:
    del value, name


def _of_type(kind: type, what: str, *, exact: bool = False) -> Callable[[Any, str], None]:
    def check(value: Any, name: str) -> None:
        if type(value) is kind or (not exact and isinstance(value, kind)):
            return
        if issubclass(kind, Enum):
            allowed = ", ".join(str(m.value) for m in kind)
            raise InvalidValue(name, value, f"must be {what} ({allowed})")
        raise InvalidValue(name, value, f"must be {what}")

    return check


def _items(value: Any, name: str, kind: type, what: str, item: Callable[[Any, str], None]) -> None:
    if type(value) is not kind:
        raise InvalidValue(name, value, f"must be {what}")
    members: Any = value
    for n, member in enumerate(members):
        item(member, f"{name}[{n}]" if kind is tuple else name)


def _whole(value: Any, name: str) -> None:
    if type(value) is int and -MAX_COUNT <= value <= MAX_COUNT:
        return
    raise InvalidValue(name, value, f"must be a whole number from {-MAX_COUNT} to {MAX_COUNT}")


def _aware(value: Any, name: str) -> None:
    if not is_aware(value):
        raise InvalidValue(name, value, "must be a timezone-aware datetime")


def _finite_decimal(value: Any, name: str) -> None:
    from decimal import Decimal

    if type(value) is not Decimal or not value.is_finite():
        raise InvalidValue(name, value, "must be a finite Decimal")
