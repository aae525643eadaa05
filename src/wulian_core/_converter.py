"""The wire format's converter: every hook the codec registers, and tagged unions.

Private; :mod:`wulian_core.codec` is the face (``make_converter``, ``register_union``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs

from . import escalation, points, rules, volunteering
from ._codec_scalars import (
    Refused,
    allow_no_cap,
    personal,
    strict,
    structure_date,
    structure_datetime,
    structure_decimal,
    structure_int,
    structure_region_code,
    unstructure_datetime,
)
from ._enums import LabelledEnum
from .directory import Activities, Organizations
from .model import Activity, SocialOrganization
from .people import IdCardNumber, PhoneNumber
from .regions import RegionCode

__all__ = ["configure_converter", "make_converter", "own_hooks", "register_union", "wire_unions"]

T = TypeVar("T")


def _enum_hooks(
    enum: type[LabelledEnum],
) -> tuple[Callable[[Any, Any], Any], Callable[[Any], str]]:
    members = dict(enum._value2member_map_)

    def structure(value: Any, _: Any) -> Any:
        member = members.get(value) if type(value) is str else None
        if member is None:
            return enum.from_value(value)  # raises InvalidValue listing the values
        return member

    return structure, _enum_value


def _enum_value(member: LabelledEnum) -> str:
    return member._value_


def _is_labelled_enum(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, LabelledEnum)


def _is_frozenset(cls: Any) -> bool:
    return get_origin(cls) is frozenset or cls is frozenset


def _structure_frozenset(converter: cattrs.Converter) -> Callable[[Any], Any]:
    def factory(cls: Any) -> Callable[[Any, Any], Any]:
        (item,) = get_args(cls) or (Any,)
        item_hook = converter.get_structure_hook(item)

        def structure(value: Any, _: Any) -> frozenset[Any]:
            if type(value) is not list:
                raise Refused(f"must be an array (got {value!r})")
            return frozenset(item_hook(v, item) for v in value)

        return structure

    return factory


def _unstructure_frozenset(converter: cattrs.Converter) -> Callable[[Any], Any]:
    def factory(cls: Any) -> Callable[[Any], list[Any]]:
        (item,) = get_args(cls) or (Any,)
        if item in (str, int):
            return sorted
        item_hook = converter.get_unstructure_hook(item)

        def unstructure(value: frozenset[Any]) -> list[Any]:
            # Records have no order of their own; sort by their canonical JSON text so
            # that the same set always gives the same array. (json on first use: loading
            # it costs a millisecond that importing the package need not pay.)
            import json

            items = [item_hook(v) for v in value]
            return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))

        return unstructure

    return factory


def register_union(
    converter: cattrs.Converter,
    members: Sequence[type],
    *,
    union: Any,
    tag: str = "kind",
) -> None:
    """Teach ``converter`` a tagged union: each member class has a ``kind`` class variable.

    Unlike cattrs' own tagged unions, an unknown or missing tag says so, listing the
    known tags, instead of surfacing as a bare ``KeyError``.

    >>> import attrs, cattrs
    >>> @attrs.frozen
    ... class Opened:
    ...     kind = "case.opened"
    ...     at: str
    >>> c = make_converter()
    >>> register_union(c, [Opened], union=Opened)
    >>> c.unstructure(Opened(at="x"), Opened)
    {'kind': 'case.opened', 'at': 'x'}
    """
    by_tag: dict[str, type] = {}
    for member in members:
        key = getattr(member, tag)
        by_tag[key] = member
    known = ", ".join(sorted(by_tag))

    def structure(value: Any, _: Any) -> Any:
        if not isinstance(value, Mapping):
            raise Refused(f"must be an object with a {tag!r} tag (got {value!r})")
        key = value.get(tag)
        member = by_tag.get(key) if type(key) is str else None
        if member is None:
            what = "missing" if key is None else f"unknown {tag} {key!r}"
            raise Refused(f"{what}; expected one of {known}")
        body = {k: v for k, v in value.items() if k != tag}
        return converter.structure(body, member)

    def unstructure(value: Any) -> dict[str, Any]:
        body = converter.unstructure(value, type(value))
        return {tag: getattr(type(value), tag), **body}

    converter.register_structure_hook(union, structure)
    converter.register_unstructure_hook(union, unstructure)
    for member in members:
        # Each member alone also carries its tag, so a stored event reads back alone.
        converter.register_unstructure_hook(member, _tagged(converter, member, tag))
        converter.register_structure_hook(member, _untagged(converter, member, tag))


def _untagged(converter: cattrs.Converter, member: type, tag: str) -> Callable[[Any, Any], Any]:
    from cattrs.gen import make_dict_structure_fn

    plain: Callable[[Any, Any], Any] = make_dict_structure_fn(
        member, converter, _cattrs_forbid_extra_keys=True
    )
    expected = getattr(member, tag)

    def structure(value: Any, cls: Any) -> Any:
        if isinstance(value, Mapping) and tag in value:
            if value[tag] != expected:
                raise Refused(f"{tag} {value[tag]!r} is not {expected!r}")
            value = {k: v for k, v in value.items() if k != tag}
        return plain(value, cls)

    return structure


def _tagged(converter: cattrs.Converter, member: type, tag: str) -> Callable[[Any], Any]:
    plain = _unstructure_fields(converter, member)
    value = getattr(member, tag)

    def unstructure(obj: Any) -> dict[str, Any]:
        return {tag: value, **plain(obj)}

    return unstructure


def _has_later_fields(cls: Any) -> bool:
    return attrs.has(cls) and any(a.metadata.get("omit_if_default") for a in attrs.fields(cls))


def _unstructure_fields(converter: cattrs.Converter, cls: Any) -> Callable[[Any], dict[str, Any]]:
    """The dict form of an attrs record; a field marked ``omit_if_default`` only when set.

    Such a field was added after records of its class were stored: leaving it out while
    it holds its default keeps every stored record's text, and older JSON reads back.
    """
    from cattrs.gen import make_dict_unstructure_fn, override

    later: dict[str, Any] = {
        a.name: override(omit_if_default=True)
        for a in attrs.fields(cls)
        if a.metadata.get("omit_if_default")
    }
    return make_dict_unstructure_fn(cls, converter, **later)


def configure_converter(converter: cattrs.Converter, *, reveal: bool = False) -> None:
    """Register the hooks of the wire format above on ``converter``.

    ``reveal=True`` writes phone and ID-card numbers whole, for storage; otherwise masked.
    """
    converter.register_structure_hook(str, strict(str, "a string"))
    converter.register_structure_hook(bool, strict(bool, "true or false"))
    converter.register_structure_hook(int, structure_int)
    converter.register_structure_hook(dt.date, structure_date)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook(dt.datetime, structure_datetime)
    converter.register_unstructure_hook(dt.datetime, unstructure_datetime)
    converter.register_structure_hook(Decimal, structure_decimal)
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook(RegionCode, structure_region_code)
    converter.register_unstructure_hook(RegionCode, str)
    converter.register_structure_hook(PhoneNumber, personal(PhoneNumber))
    converter.register_unstructure_hook(
        PhoneNumber, PhoneNumber.reveal if reveal else PhoneNumber.masked
    )
    converter.register_structure_hook(IdCardNumber, personal(IdCardNumber))
    converter.register_unstructure_hook(
        IdCardNumber, IdCardNumber.reveal if reveal else IdCardNumber.masked
    )
    converter.register_structure_hook_factory(_is_labelled_enum, lambda cls: _enum_hooks(cls)[0])
    converter.register_unstructure_hook_factory(_is_labelled_enum, lambda cls: _enum_value)
    converter.register_structure_hook_factory(_is_frozenset, _structure_frozenset(converter))
    converter.register_unstructure_hook_factory(_is_frozenset, _unstructure_frozenset(converter))
    converter.register_unstructure_hook_factory(
        _has_later_fields, lambda cls: _unstructure_fields(converter, cls)
    )
    _configure_organizations(converter)
    for union, members in wire_unions():
        register_union(converter, members, union=union)
    for rule in _CAPPED_RULES:
        allow_no_cap(converter, rule)
    _configure_reports(converter)


_CAPPED_RULES = (points.ServiceRule, points.ActivityRule, points.MoralRule, points.RedemptionRule)


def own_hooks() -> frozenset[Any]:
    """The record classes :func:`configure_converter` writes hooks for itself (besides the
    union members): the codec's generated fast path leaves them to those hooks."""
    attrs.resolve_types(rules.Report)
    column = get_args(attrs.fields(rules.Report).columns.type)[0]
    return frozenset({*_CAPPED_RULES, rules.Report, column})


def _configure_organizations(converter: cattrs.Converter) -> None:
    """A directory's organizations and activities (columns) on the wire: the array of their
    records."""
    for columns, record in ((Organizations, SocialOrganization), (Activities, Activity)):
        _columns_hooks(converter, columns, tuple[record, ...])  # type: ignore[valid-type]


def _columns_hooks(converter: cattrs.Converter, columns: Any, records: Any) -> None:
    def structure(value: Any, _: Any) -> Any:
        return columns.of(converter.structure(value, records))

    def unstructure(value: Any) -> Any:
        return converter.unstructure(tuple(value), records)

    converter.register_structure_hook(columns, structure)
    converter.register_unstructure_hook(columns, unstructure)


def _configure_reports(converter: cattrs.Converter) -> None:
    """A threshold that is a count or a share; a report written without its ``kinds``
    (the evaluators: code, not data) and read back with the default ones."""
    from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

    share, report = rules.Share, rules.Report

    def threshold(value: Any, _: Any) -> Any:
        return (
            converter.structure(value, share) if type(value) is dict else structure_int(value, int)
        )

    converter.register_structure_hook(int | share, threshold)
    omit = override(omit=True)
    converter.register_unstructure_hook(
        report, make_dict_unstructure_fn(report, converter, kinds=omit)
    )
    attrs.resolve_types(report)
    column = get_args(attrs.fields(report).columns.type)[0]
    read_column = converter.get_structure_hook(column)

    def structure_column(value: Any, kind: Any) -> Any:
        # A column's details are plain data (counts, names, tuples of them): JSON arrays
        # come back as the tuples they were.
        if type(value) is dict and type(value.get("details")) is list:
            value = {**value, "details": _tuples(value["details"])}
        return read_column(value, kind)

    converter.register_structure_hook(column, structure_column)
    # Made after the column's hook, so that a report's columns are read through it.
    read = make_dict_structure_fn(report, converter, _cattrs_forbid_extra_keys=True, kinds=omit)
    converter.register_structure_hook(report, read)


def _tuples(value: Any) -> Any:
    return tuple(_tuples(item) for item in value) if type(value) is list else value


def wire_unions() -> tuple[tuple[Any, tuple[type, ...]], ...]:
    # The domain cannot import the codec (imports run one way), so each face with tagged
    # unions (events, targets) declares them as data, ``WIRE_UNIONS = ((Union, (A, B)),
    # ...)``, and the codec imports them plainly: a missing one fails at import, never
    # silently drops the ``"kind"`` tag.
    return (
        *escalation.WIRE_UNIONS,
        *points.WIRE_UNIONS,
        *rules.WIRE_UNIONS,
        *volunteering.WIRE_UNIONS,
    )


def make_converter(*, detailed_validation: bool = False, reveal: bool = False) -> cattrs.Converter:
    """A new converter with the wire format's hooks; never cattrs' global one.

    ``reveal=True`` makes it write phone and ID-card numbers whole (for storage only).

    >>> make_converter().structure("2024-02-04", dt.date)
    datetime.date(2024, 2, 4)
    """
    converter = cattrs.Converter(
        forbid_extra_keys=True,
        detailed_validation=detailed_validation,
        prefer_attrib_converters=False,
    )
    configure_converter(converter, reveal=reveal)
    return converter
