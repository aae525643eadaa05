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
- phone and ID-card numbers are masked (``"138****8000"``), as they are shown, unless the
  caller asks for them whole with ``reveal=True``: that is for storage (the event store,
  a backup, an export to a system entitled to the numbers), never for a page, a log or a
  notebook. Decoding takes whole numbers and refuses masked ones, which cannot be stored;
- a member of a union carries its ``kind`` tag (``{"kind": "case.escalated", ...}``);
- a points policy's cap (``max_minutes_per_day``, ``open_days``, ...) is a number or
  ``null`` for none; ``"none"`` is read as ``null`` too, for TOML, which has no null;
- a target's threshold is a number (a count) or ``{"numerator": 1, "denominator": 2}``
  (a share); a report is written without its ``kinds`` (the evaluators: code, not data)
  and read back with the default ones.

The converter never touches cattrs' global one. It runs a fast path first (a decoder
generated once per record class, each field checked once, inline); when that fails it
decodes again with full validation, to report the path of every bad field in one
:class:`~wulian_core.errors.DecodeError`. orjson is used when installed (extra
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
>>> from_dict(SocialOrganization, {"id": "o-2", "name": "x", "community": "1506030010",
...     "category": "sports", "registration": "filed", "established": "2023-06-01", "size": 3})
Traceback (most recent call last):
...
wulian_core.errors.DecodeError: cannot decode SocialOrganization:
- community: must have 2, 4, 6, 9 or 12 digits (got '1506030010')
- category: unknown value; expected one of life_service, public_welfare, ... (got 'sports')
- size: unknown field

TOML (a policy file, a calendar year) is the same plain data, read by :func:`from_toml`
and written by :func:`to_toml`, with TOML's own dates and datetimes; TOML has no null, so
a field that is ``None`` is left out (or written ``"none"`` for a cap), and a record is
a TOML document while a bare value is not.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)

from . import _codec_fast
from ._checks import a_name
from ._codec_scalars import (
    Refused,
    stdlib_backend,
)
from ._converter import make_converter, register_union
from .errors import DecodeError, IntegrityError, InvalidValue, WulianError

__all__ = [
    "from_dict",
    "from_json",
    "from_toml",
    "make_converter",
    "register_union",
    "to_dict",
    "to_json",
    "to_toml",
]

T = TypeVar("T")


@cache
def _json_backend() -> tuple[Callable[[Any], str], Callable[[str | bytes], Any]]:
    """orjson when installed (extra ``fast``), else the standard library; same text out.

    Chosen on first use, not at import, so that importing the package stays cheap.
    """
    global _orjson_dumps
    try:
        import orjson
    except ImportError:  # pragma: no cover - exercised where orjson is absent
        return stdlib_backend()
    _orjson_dumps = orjson.dumps
    return _orjson_text, orjson.loads


# The tests put the standard library's backend in _json_backend's place; to_json and
# from_json take their generated writers and readers, made for the codec's own backend,
# only while it is in place (one comparison, not a call a record).
_own_backend = _json_backend
_orjson_dumps: Callable[[Any], bytes] | None = None


def _orjson_text(data: Any) -> str:
    return _orjson_dumps(data).decode()  # type: ignore[misc]


_stdlib_backend = stdlib_backend  # the fuzz suite writes through both backends


@cache
def _fast(reveal: bool = False) -> cattrs.Converter:
    converter = make_converter(detailed_validation=False, reveal=reveal)
    _codec_fast.install(converter)  # generated decoders; a refusal decodes again in _detailed
    return converter


@cache
def _detailed() -> cattrs.Converter:
    return make_converter(detailed_validation=True)


# The converter's own dispatch costs a lookup per call; one record at a time, that is a
# sizeable share of the work, so each type's hook is looked up once.
@cache
def _structure_hook(cls: Any) -> Callable[[Any, Any], Any]:
    return _fast().get_structure_hook(cls)


@cache
def _unstructure_hook(cls: Any, reveal: bool) -> Callable[[Any], Any]:
    return _fast(reveal).get_unstructure_hook(cls)


# The same hooks by class in plain dicts, for the one-record-at-a-time paths: a dict
# lookup costs a third of a cached function's call. from_json's are readers, JSON text
# to a record; to_json's writers, a record to JSON text, masked and revealed.
_DECODERS: dict[Any, Callable[[Any, Any], Any]] = {}
_READERS: dict[Any, Callable[[str | bytes], Any]] = {}
_MASKING: dict[Any, Callable[[Any], str]] = {}
_REVEALING: dict[Any, Callable[[Any], str]] = {}


def _decoder(cls: Any) -> Callable[[Any, Any], Any]:
    hook = _DECODERS[cls] = _structure_hook(cls)
    return hook


def _reader(cls: Any) -> Callable[[str | bytes], Any]:
    """``cls``'s reader on the codec's own backend: for a record with a generated decoder,
    the backend's loads and the decoder in one function."""
    loads, decode = _json_backend()[1], _structure_hook(cls)
    with_loads = getattr(decode, "with_loads", None)
    made = with_loads(loads) if with_loads else None
    if made is None:

        def made(text: str | bytes) -> Any:
            return decode(loads(text), cls)

    _READERS[cls] = made
    return made


def _writer(cls: Any, reveal: bool) -> Callable[[Any], str]:
    """``cls``'s writer on the codec's own backend: for a record, its generated encoder
    and the backend's dumps in one function."""
    dumps = _json_backend()[0]
    if dumps is _orjson_text:  # the bytes orjson writes, decoded in the same function
        writes: _codec_fast.Writes = (_orjson_dumps, True, _unwritable)  # type: ignore[assignment]
    else:
        writes = (dumps, False, _unwritable)
    made = _codec_fast.json_encoder(cls, _fast(reveal), writes)
    if made is None:
        encode = _json_hook(cls, reveal)

        def made(obj: Any) -> str:
            return _written(obj, encode(obj), dumps)

    (_REVEALING if reveal else _MASKING)[cls] = made
    return made


@cache
def _json_hook(cls: Any, reveal: bool) -> Callable[[Any], Any]:
    # For JSON text, a record's dates, enums and region codes stay as they are: orjson
    # writes them itself, as to_dict would have (and the stdlib backend does the same).
    converter = _fast(reveal)
    return _codec_fast.json_encoder(cls, converter) or converter.get_unstructure_hook(cls)


def _written(obj: Any, data: Any, dumps: Callable[[Any], str]) -> str:
    try:
        return dumps(data)
    except (TypeError, ValueError, RecursionError) as exc:  # a value JSON cannot hold
        raise _unwritable(obj, exc) from None


def _unwritable(obj: Any, exc: Exception) -> InvalidValue:
    return InvalidValue("to_json.obj", obj, f"cannot be written as JSON ({exc})")


def to_dict(obj: Any, *, reveal: bool = False) -> Any:
    """The plain-data form of a public value: dicts, lists, strings, numbers, ``None``.

    Phone and ID-card numbers come out masked; ``reveal=True`` writes them whole, for
    storage (the event store, a backup), never for display.

    >>> from wulian_core.model import Person, PhoneNumber, RegionCode, Scope
    >>> to_dict(Scope.region(RegionCode("150603")))
    {'kind': 'region', 'key': '150603'}
    >>> person = Person(id="p-1", name="王芳", phone=PhoneNumber("13800138000"))
    >>> to_dict(person)["phone"], to_dict(person, reveal=True)["phone"]
    ('138****8000', '13800138000')
    """
    if type(reveal) is not bool:
        raise InvalidValue("to_dict.reveal", reveal, "must be true or false")
    return _unstructure_hook(type(obj), reveal)(obj)  # type: ignore[arg-type]


def from_dict(cls: type[T], data: Any) -> T:
    """Decode plain data into ``cls``; every bad field reported in one ``DecodeError``.

    >>> from wulian_core.model import Scope
    >>> from_dict(Scope, {"kind": "grid", "key": "g-1"})
    Scope(kind=<ScopeKind.GRID: 'grid'>, key='g-1')
    """
    try:
        return (_DECODERS.get(cls) or _decoder(cls))(data, cls)  # type: ignore[no-any-return]
    except Exception:  # decode again, slowly, to say exactly what is wrong
        pass
    return _decode_slowly(cls, data)


def _decode_slowly(cls: type[T], data: Any) -> T:
    try:
        return _detailed().structure(data, cls)
    except RecursionError:
        problems = [("", "nested too deep")]
    except Exception as exc:  # every failure becomes one DecodeError
        problems = _problems(exc, "")
    # Raised after the handler, so the error has no __context__: cattrs' error holds the
    # input whole (phone and ID numbers too), and tblib's pickling (installed by Dask's
    # distributed, for one) pickles the context even under ``from None``.
    raise DecodeError(_type_name(cls), problems)


def to_json(obj: Any, *, reveal: bool = False) -> str:
    """The JSON text of a public value, compact, in UTF-8 characters (not ``\\u`` escapes).

    Phone and ID-card numbers are masked, which ``from_json`` refuses to read back:
    masked text is for people. ``reveal=True`` writes them whole, for storage, the way
    pydantic's ``SecretStr`` asks to be unwrapped: the event store and backups use it;
    pages, logs, notebooks and exports to people do not.

    >>> from wulian_core.model import Person, PhoneNumber, RegionCode, Scope
    >>> to_json(Scope.region(RegionCode("150603")))
    '{"kind":"region","key":"150603"}'
    >>> person = Person(id="p-1", name="王芳", phone=PhoneNumber("13800138000"))
    >>> to_json(person)
    '{"id":"p-1","name":"王芳","phone":"138****8000","id_card":null}'
    >>> from_json(Person, to_json(person, reveal=True)) == person
    True
    >>> from_json(Person, to_json(person))
    Traceback (most recent call last):
    ...
    wulian_core.errors.DecodeError: cannot decode Person:
    - phone: is masked (got '138****8000'): a masked number cannot be stored; write it with to_json(..., reveal=True)
    """
    if reveal is True:  # the two bools: what type(reveal) is bool tells, without the call
        writers = _REVEALING
    elif reveal is False:
        writers = _MASKING
    else:
        raise InvalidValue("to_json.reveal", reveal, "must be true or false")
    if _json_backend is _own_backend:
        return (writers.get(type(obj)) or _writer(type(obj), reveal))(obj)
    return _written(obj, _json_hook(type(obj), reveal)(obj), _json_backend()[0])  # type: ignore[arg-type]


def from_json(cls: type[T], text: str | bytes) -> T:
    """Decode JSON text into ``cls``; malformed JSON is a ``DecodeError`` too.

    >>> from wulian_core.model import Scope
    >>> from_json(Scope, '{"kind": "grid"')
    Traceback (most recent call last):
    ...
    wulian_core.errors.DecodeError: cannot decode Scope:
    - (root): not valid JSON: ...
    """
    if type(text) is not str and not isinstance(text, str | bytes):
        raise DecodeError(_type_name(cls), [("", f"must be JSON text (got {_kind(text)})")])
    if _json_backend is _own_backend:
        try:
            return (_READERS.get(cls) or _reader(cls))(text)  # type: ignore[no-any-return]
        except Exception:  # not JSON, or a refusal: parsed again below, to say which
            pass
    problem = None
    try:
        data = _json_backend()[1](text)
    except (ValueError, TypeError) as exc:
        problem = f"not valid JSON: {exc}"
    except RecursionError:  # the standard library parses nesting by recursion
        problem = "not valid JSON: nested too deep"
    if problem is not None:  # raised here, with no context: the parser's error holds the text
        raise DecodeError(_type_name(cls), [("", problem)])
    try:
        return (_DECODERS.get(cls) or _decoder(cls))(data, cls)  # type: ignore[no-any-return]
    except Exception:
        pass
    return _decode_slowly(cls, data)


def from_toml(cls: type[T], text: str) -> T:
    """Decode TOML text (a policy file, a calendar year) into ``cls``.

    TOML's own dates and offset datetimes are taken as they are.

    >>> from wulian_core.model import Scope
    >>> from_toml(Scope, 'kind = "agency"\\nkey = "a-1"')
    Scope(kind=<ScopeKind.AGENCY: 'agency'>, key='a-1')
    """
    import tomllib  # here, not at the top: its parser costs 7 ms at import

    if not isinstance(text, str):
        raise DecodeError(_type_name(cls), [("", f"must be TOML text (got {_kind(text)})")])
    problem = None
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, TypeError) as exc:
        problem = f"not valid TOML: {exc}"
    except RecursionError:  # tomllib parses nested arrays and tables by recursion
        problem = "not valid TOML: nested too deep"
    if problem is not None:  # raised here, with no context, as from_json's
        raise DecodeError(_type_name(cls), [("", problem)])
    return from_dict(cls, data)


def to_toml(obj: Any, *, reveal: bool = False) -> str:
    """The TOML text of a record, which :func:`from_toml` reads back: ``from_toml(type(x),
    to_toml(x)) == x``. A policy file is written this way (``policies.load`` reads a
    target set's back too).

    Dates are TOML's own (``due_by = 2023-12-31``); money stays a string of digits, as in
    JSON. TOML has no null: a field that is ``None`` is left out when its default is
    ``None``, a cap with no limit is written ``"none"``, and any other ``None`` is an
    :class:`~wulian_core.errors.InvalidValue` naming the field: an event whose optional
    field has no default (``ServiceRecorded.organiser``) is stored and exchanged as JSON,
    not TOML. A bare value (a region code) is not a TOML document. ``reveal`` is as for
    :func:`to_json`.

    >>> from wulian_core.points import PointsPolicy
    >>> policy = PointsPolicy.practice()
    >>> print(to_toml(policy)[:146])
    name = "practice"
    period = "quarter"
    service = { points_per_hour = 1, unit_minutes = 30, rounding = "down", max_minutes_per_activity = 120, ...
    >>> from_toml(PointsPolicy, to_toml(policy)) == policy
    True
    >>> to_toml("x")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: to_toml.obj: is not a record: TOML text is a table of keys (got 'x')
    """
    from ._toml import dumps, toml_form

    data = to_dict(obj, reveal=reveal)
    if type(data) is not dict:
        raise InvalidValue("to_toml.obj", obj, "is not a record: TOML text is a table of keys")
    form = toml_form(obj, data, lambda item: to_dict(item, reveal=reveal), _type_name(type(obj)))
    return dumps(form)


def _kind(value: object) -> str:
    return "None" if value is None else a_name(type(value))


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
