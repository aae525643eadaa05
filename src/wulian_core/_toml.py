"""The one TOML writer: the standard library reads TOML (``tomllib``) but does not write it.

:func:`dumps` writes the shapes the library's records take as plain data: strings
(quotes, backslashes and every control character escaped; Chinese as it is), booleans,
whole numbers, floats, dates, aware datetimes, arrays, tables (a table of plain values
inline, ``subjects = { level = "city" }``, as the bundled policy files write them) and
arrays of tables (``[[targets]]``). TOML has no null: :func:`toml_form` turns a record's
plain data into what TOML can hold, leaving out a field that is ``None`` when leaving it
out reads back as ``None``, and refusing, with the field's path, when it would not.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

import attrs

from .errors import InvalidValue

__all__ = ["dumps", "string", "toml_form"]

_BARE_KEY: Final = r"[A-Za-z0-9_-]+"  # compiled on first use (_patterns), as is _SURROGATE
_INT_RANGE: Final = range(-(2**63), 2**63)  # TOML's integers are 64-bit
_ESCAPES: Final = {
    **{code: f"\\u{code:04X}" for code in (*range(0x20), 0x7F)},
    ord('"'): '\\"',
    ord("\\"): "\\\\",
    ord("\b"): "\\b",
    ord("\t"): "\\t",
    ord("\n"): "\\n",
    ord("\f"): "\\f",
    ord("\r"): "\\r",
}
_SURROGATE: Final = "[\ud800-\udfff]"
_MISSING: Final = object()
_NO_CAP: Final = "none"  # how a policy file says "no cap" (the codec reads it as None)


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return re.compile(_BARE_KEY), re.compile(_SURROGATE)


def string(text: str, path: str = "value") -> str:
    """``text`` as a TOML basic string: one line, every control character escaped.

    >>> print(string('社区 "悦和"\\n\\x7f'))
    "社区 \\"悦和\\"\\n\\u007F"
    """
    if _patterns()[1].search(text):
        raise InvalidValue(path, text, "holds a lone surrogate, which TOML text cannot hold")
    return '"' + text.translate(_ESCAPES) + '"'


def _key(key: str, path: str) -> str:
    if type(key) is not str:
        raise InvalidValue(path, key, "is a table key that is not a string")
    return key if _patterns()[0].fullmatch(key) else string(key, path)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _scalar(value: Any, path: str) -> str:
    if value is None:
        raise InvalidValue(path, None, "has no TOML form: TOML has no null")
    if type(value) is bool:
        return "true" if value else "false"
    if type(value) is int:
        if value not in _INT_RANGE:
            raise InvalidValue(path, value, "is beyond TOML's 64-bit integers")
        return str(value)
    if type(value) is float:
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if type(value) is str:
        return string(value, path)
    if type(value) is dt.date:
        return value.isoformat()
    if type(value) is dt.datetime:
        instant: dt.datetime = value
        offset = instant.utcoffset()
        if offset is None:
            raise InvalidValue(path, value, "is a naive datetime; TOML writes it with its offset")
        if offset % dt.timedelta(minutes=1):  # TOML offsets are whole minutes: say it in UTC
            instant = instant.astimezone(dt.UTC)
        return instant.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_scalar(v, f"{path}[{i}]") for i, v in enumerate(value)) + "]"
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        inner = ", ".join(
            f"{_key(k, path)} = {_scalar(v, _join(path, k))}" for k, v in value.items()
        )
        return "{ " + inner + " }"
    raise InvalidValue(path, value, f"has no TOML form (a {type(value).__name__})")


def _nested(value: Any) -> bool:
    """Whether a table holds tables or arrays of them: then it gets a header of its own."""
    return any(isinstance(v, Mapping) or _tables(v) for v in value.values())


def _tables(value: Any) -> bool:
    return (
        isinstance(value, list | tuple)
        and bool(value)
        and all(isinstance(v, Mapping) for v in value)
    )


def _table(data: Mapping[str, Any], prefix: str, lines: list[str]) -> None:
    later: list[tuple[str, Any]] = []
    for key, value in data.items():
        path = _join(prefix, key)
        if (isinstance(value, Mapping) and _nested(value)) or _tables(value):
            later.append((key, value))
        else:
            lines.append(f"{_key(key, path)} = {_scalar(value, path)}")
    for key, value in later:
        header = _join(prefix, _key(key, _join(prefix, key)))
        if isinstance(value, Mapping):
            lines += ["", f"[{header}]"]
            _table(value, header, lines)
            continue
        for item in value:
            lines += ["", f"[[{header}]]"]
            _table(item, header, lines)


def dumps(data: Mapping[str, Any]) -> str:
    """TOML text of a table that ``tomllib.loads`` reads back as ``data``.

    >>> import datetime as dt, tomllib
    >>> data = {"name": "x", "due_by": dt.date(2023, 12, 31), "subjects": {"level": "city"},
    ...         "targets": [{"id": "a", "threshold": 1}]}
    >>> print(dumps(data))
    name = "x"
    due_by = 2023-12-31
    subjects = { level = "city" }
    <BLANKLINE>
    [[targets]]
    id = "a"
    threshold = 1
    <BLANKLINE>
    >>> tomllib.loads(dumps(data)) == data
    True
    """
    if not isinstance(data, Mapping):
        raise InvalidValue("value", data, "is not a table: TOML text is a table of keys")
    lines: list[str] = []
    _table(data, "", lines)
    return "\n".join(lines).lstrip("\n") + "\n"


def _canonical(data: Any) -> str:
    import json  # not at import: loading json costs a millisecond, and few callers write TOML

    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)


def toml_form(value: Any, data: Any, unstructure: Callable[[Any], Any], path: str = "") -> Any:
    """``data`` (the plain data of ``value``) as TOML holds it.

    Walks the record beside its plain data: a date or a datetime becomes TOML's own
    again (plain data has it as ISO text, which a policy file refuses), and a field that
    is ``None`` is left out when its default is ``None``, or written ``"none"`` when it
    is a cap (``CAPS``, which the codec reads back as no cap). Any other ``None`` has no
    TOML form and is refused with its path. ``unstructure`` gives an item's plain data,
    to pair a set's items with their (sorted) array.

    >>> import attrs
    >>> @attrs.frozen
    ... class Term:
    ...     start: dt.date
    ...     end: dt.date | None = None
    >>> toml_form(Term(dt.date(2024, 1, 1)), {"start": "2024-01-01", "end": None}, str)
    {'start': datetime.date(2024, 1, 1)}
    """
    if data is None:
        raise InvalidValue(path or "value", None, "has no TOML form: TOML has no null")
    if isinstance(value, dt.date) and type(data) is str:
        return value
    if attrs.has(type(value)) and type(data) is dict:
        fields = attrs.fields_dict(type(value))
        caps = getattr(type(value), "CAPS", ())
        out: dict[str, Any] = {}
        for key, item in data.items():
            where = _join(path, key)
            if item is None:
                field = fields.get(key)
                if field is not None and field.default is None:
                    continue  # left out, it reads back as its default: None
                if key in caps:
                    out[key] = _NO_CAP
                    continue
                raise InvalidValue(
                    where,
                    None,
                    "has no TOML form: TOML has no null, and the field's default is not None",
                )
            inner = getattr(value, key, _MISSING) if key in fields else _MISSING
            out[key] = toml_form(inner, item, unstructure, where)
        return out
    if (
        isinstance(value, Sequence)
        and not isinstance(value, str)
        and type(data) is list
        and len(value) == len(data)
    ):
        # A sequence: a tuple, a list, or a directory's organizations or activities (columns).
        return [
            toml_form(v, d, unstructure, f"{path}[{i}]")
            for i, (v, d) in enumerate(zip(value, data, strict=True))
        ]
    if isinstance(value, set | frozenset) and type(data) is list:
        by_text = {_canonical(unstructure(v)): v for v in value}
        return [
            toml_form(by_text.get(_canonical(d), _MISSING), d, unstructure, f"{path}[{i}]")
            for i, d in enumerate(data)
        ]
    if isinstance(value, Mapping) and type(data) is dict:
        by_key = {str(unstructure(k)): v for k, v in value.items()}
        return {
            k: toml_form(by_key.get(k, _MISSING), d, unstructure, _join(path, k))
            for k, d in data.items()
        }
    return _plain(data, path)


def _plain(data: Any, path: str) -> Any:
    """Plain data with no record beside it: kept as it is; a ``None`` inside is refused."""
    if data is None:
        raise InvalidValue(path or "value", None, "has no TOML form: TOML has no null")
    if type(data) is list:
        return [_plain(d, f"{path}[{i}]") for i, d in enumerate(data)]
    if type(data) is dict:
        return {k: _plain(d, _join(path, k)) for k, d in data.items()}
    return data
