"""The codec: plain dicts and JSON for every public type, through one cattrs converter.

The JSON format (stable; what apps store and exchange):

- a record is an object with one key per field, in declaration order, nothing else
  (unknown keys are refused); optional fields are present, ``null`` when unset;
- an enum is its wire value, a lowercase string (``"mutual_aid"``), never its label;
- a region code is its significant digits as a string (``"150603001"``);
- an amount of money (a ``Decimal``) is a string of its digits (``"120000.00"``), never
  a JSON number, which readers take as a float;
- a date is ``YYYY-MM-DD``; a datetime is ISO 8601 *with* its offset
  (``2024-02-04T09:30:00+08:00``); a naive datetime is refused both ways;
- a set is a sorted array; a tuple of records an array;
- phone and ID-card numbers are their whole digits: a payload is data, not a log line;
- a member of a union carries its ``kind`` tag (``{"kind": "case.escalated", ...}``);
- a points policy's cap (``max_minutes_per_day``, ``open_days``, ...) is a number or
  ``null`` for none; ``"none"`` is read as ``null`` too, for TOML, which has no null;
- a target's threshold is a number (a count) or ``{"numerator": 1, "denominator": 2}``
  (a share); a report is written without its ``kinds`` (the evaluators: code, not data)
  and read back with the default ones.

The converter never touches cattrs' global one. It runs a fast path first; when that
fails it decodes again with full validation, to report the path of every bad field in
one :class:`~wulian_core.errors.DecodeError`. orjson is used when installed (extra
``fast``), the standard ``json`` module otherwise; the output is the same text.

>>> import datetime as dt
>>> from wulian_core.model import (OrganizationCategory, Registration, RegionCode,
...     SocialOrganization)
>>> org = SocialOrganization(id="o-1", name="悦和互助会", community=RegionCode("150603001001"),
...     category=OrganizationCategory.MUTUAL_AID, registration=Registration.FILED,
...     established=dt.date(2023, 6, 1))
>>> to_json(org)
'{"id":"o-1","name":"悦和互助会","community":"150603001001","category":"mutual_aid","registration":"filed","established":"2023-06-01","dissolved":null}'
>>> from_json(SocialOrganization, to_json(org)) == org
True
>>> from_dict(SocialOrganization, {"id": "o-2", "name": "x", "community": "15060300100",
...     "category": "sports", "registration": "filed", "established": "2023-06-01", "size": 3})
Traceback (most recent call last):
...
wulian_core.errors.DecodeError: cannot decode SocialOrganization:
- community: must have 2, 4, 6, 9 or 12 digits (got '15060300100')
- category: unknown value; expected one of life_service, public_welfare, ... (got 'sports')
- size: unknown field
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar, cast, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)

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
from .errors import DecodeError, IntegrityError, InvalidValue, WulianError
from .people import IdCardNumber, PhoneNumber
from .regions import RegionCode

__all__ = [
    "from_dict",
    "from_json",
    "from_toml",
    "make_converter",
    "register_union",
    "to_dict",
    "to_json",
]

T = TypeVar("T")


@cache
def _json_backend() -> tuple[Callable[[Any], str], Callable[[str | bytes], Any]]:
    """orjson when installed (extra ``fast``), else the standard library; same text out.

    Chosen on first use, not at import, so that importing the package stays cheap.
    """
    try:
        import orjson
    except ImportError:  # pragma: no cover - exercised where orjson is absent
        return _stdlib_dumps, json.loads

    def dumps(data: Any) -> str:
        return orjson.dumps(data).decode()

    return dumps, orjson.loads


def _stdlib_dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


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
            # that the same set always gives the same array.
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
    from cattrs.gen import make_dict_unstructure_fn

    plain: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(member, converter)
    value = getattr(member, tag)

    def unstructure(obj: Any) -> dict[str, Any]:
        return {tag: value, **plain(obj)}

    return unstructure


def configure_converter(converter: cattrs.Converter) -> None:
    """Register the hooks of the wire format above on ``converter``."""
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
    converter.register_unstructure_hook(PhoneNumber, PhoneNumber.reveal)
    converter.register_structure_hook(IdCardNumber, personal(IdCardNumber))
    converter.register_unstructure_hook(IdCardNumber, IdCardNumber.reveal)
    converter.register_structure_hook_factory(_is_labelled_enum, lambda cls: _enum_hooks(cls)[0])
    converter.register_unstructure_hook_factory(_is_labelled_enum, lambda cls: _enum_value)
    converter.register_structure_hook_factory(_is_frozenset, _structure_frozenset(converter))
    converter.register_unstructure_hook_factory(_is_frozenset, _unstructure_frozenset(converter))
    for union, members in _wire_unions():
        register_union(converter, members, union=union)
    for rule in (points.ServiceRule, points.ActivityRule, points.MoralRule, points.RedemptionRule):
        allow_no_cap(converter, rule)
    _configure_reports(converter)


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


def _wire_unions() -> tuple[tuple[Any, tuple[type, ...]], ...]:
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


def make_converter(*, detailed_validation: bool = False) -> cattrs.Converter:
    """A new converter with the wire format's hooks; never cattrs' global one.

    >>> make_converter().structure("2024-02-04", dt.date)
    datetime.date(2024, 2, 4)
    """
    converter = cattrs.Converter(
        forbid_extra_keys=True,
        detailed_validation=detailed_validation,
        prefer_attrib_converters=False,
    )
    configure_converter(converter)
    return converter


@cache
def _fast() -> cattrs.Converter:
    return make_converter(detailed_validation=False)


@cache
def _detailed() -> cattrs.Converter:
    return make_converter(detailed_validation=True)


# The converter's own dispatch costs a lookup per call; one record at a time, that is a
# sizeable share of the work, so each type's hook is looked up once.
@cache
def _structure_hook(cls: Any) -> Callable[[Any, Any], Any]:
    return _fast().get_structure_hook(cls)


@cache
def _unstructure_hook(cls: Any) -> Callable[[Any], Any]:
    return _fast().get_unstructure_hook(cls)


def to_dict(obj: Any) -> Any:
    """The plain-data form of a public value: dicts, lists, strings, numbers, ``None``.

    >>> from wulian_core.model import RegionCode, Scope
    >>> to_dict(Scope.region(RegionCode("150603")))
    {'kind': 'region', 'key': '150603'}
    """
    return _unstructure_hook(cast("Any", type(obj)))(obj)


def from_dict(cls: type[T], data: Any) -> T:
    """Decode plain data into ``cls``; every bad field reported in one ``DecodeError``.

    >>> from wulian_core.model import Scope
    >>> from_dict(Scope, {"kind": "grid", "key": "g-1"})
    Scope(kind=<ScopeKind.GRID: 'grid'>, key='g-1')
    """
    try:
        hook: Callable[[Any, Any], T] = _structure_hook(cast("Any", cls))
        return hook(data, cls)
    except Exception:  # decode again, slowly, to say exactly what is wrong
        pass
    try:
        result = _detailed().structure(data, cls)
    except Exception as exc:  # every failure becomes one DecodeError
        raise DecodeError(_type_name(cls), _problems(exc, "")) from None
    return result  # pragma: no cover - the fast path failed where the slow one did not


def to_json(obj: Any) -> str:
    """The JSON text of a public value, compact, in UTF-8 characters (not ``\\u`` escapes).

    >>> from wulian_core.model import RegionCode, Scope
    >>> to_json(Scope.region(RegionCode("150603")))
    '{"kind":"region","key":"150603"}'
    """
    data = to_dict(obj)
    try:
        return _json_backend()[0](data)
    except (TypeError, ValueError) as exc:  # a value the codec does not know passed through
        raise InvalidValue("to_json.obj", obj, f"is not a wulian_core value ({exc})") from None


def from_json(cls: type[T], text: str | bytes) -> T:
    """Decode JSON text into ``cls``; malformed JSON is a ``DecodeError`` too.

    >>> from wulian_core.model import Scope
    >>> from_json(Scope, '{"kind": "grid"')
    Traceback (most recent call last):
    ...
    wulian_core.errors.DecodeError: cannot decode Scope:
    - (root): not valid JSON: ...
    """
    try:
        data = _json_backend()[1](text)
    except (ValueError, TypeError) as exc:
        raise DecodeError(_type_name(cls), [("", f"not valid JSON: {exc}")]) from None
    return from_dict(cls, data)


def from_toml(cls: type[T], text: str) -> T:
    """Decode TOML text (a policy file, a calendar year) into ``cls``.

    TOML's own dates and offset datetimes are taken as they are.

    >>> from wulian_core.model import Scope
    >>> from_toml(Scope, 'kind = "agency"\\nkey = "a-1"')
    Scope(kind=<ScopeKind.AGENCY: 'agency'>, key='a-1')
    """
    import tomllib  # here, not at the top: its parser costs 7 ms at import

    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, TypeError) as exc:
        raise DecodeError(_type_name(cls), [("", f"not valid TOML: {exc}")]) from None
    return from_dict(cls, data)


def _type_name(cls: Any) -> str:
    return getattr(cls, "__name__", None) or str(cls)


def _join(path: str, part: str | int) -> str:
    if isinstance(part, int):
        return f"{path}[{part}]"
    return f"{path}.{part}" if path else part


def _problems(exc: BaseException, path: str) -> list[tuple[str, str]]:
    """Flatten cattrs' exception groups into ``(path, message)`` pairs, in field order."""
    found: list[tuple[str, str]] = []
    if isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            found += _problems(sub, _join(path, note.name))
        for sub in without:
            found += _problems(sub, path)
    elif isinstance(exc, IterableValidationError):
        with_index, unindexed = exc.group_exceptions()
        for sub, item in with_index:
            found += _problems(sub, _join(path, item.index))
        for sub in unindexed:
            found += _problems(sub, path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        found += [(_join(path, key), "unknown field") for key in sorted(exc.extra_fields)]
    elif isinstance(exc, KeyError):
        found.append((path, "required field missing"))
    elif isinstance(getattr(exc, "located", None), tuple):
        # Errors that know where in the record each problem sits (a policy's graph).
        found += [(_join(path, where) if where else path, msg) for where, msg in exc.located]  # type: ignore[attr-defined]
    elif isinstance(exc, IntegrityError):
        found += [(path, problem) for problem in exc.problems]
    elif isinstance(exc, InvalidValue):
        # A validator failure names Class.field; keep the path, say the reason.
        field = exc.field.rpartition(".")[2] if "." in exc.field else ""
        where = _join(path, field) if field and not path.endswith(field) else path
        found.append((where, f"{exc.reason} (got {exc.shown})"))
    elif isinstance(exc, Refused | WulianError):
        found.append((path, str(exc)))
    elif isinstance(exc, TypeError | ValueError | AttributeError):
        found.append((path, f"wrong shape: {exc}"))
    else:  # pragma: no cover - cattrs raises only the kinds above
        found.append((path, f"{type(exc).__name__}: {exc}"))
    return found
