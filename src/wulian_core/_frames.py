"""Rows of plain values as a pandas ``DataFrame``, with the dtypes an analyst expects.

Every ``to_frame()`` of the library ends here. pandas is the optional extra ``pandas``:
it is imported inside :func:`frame`, on the first call, so ``import wulian_core`` never
loads it, and a missing pandas is a :class:`~wulian_core.errors.MissingExtra` that names
the extra. This module knows nothing of the domain: it reads the values' Python types.

What each column becomes, read from its values (``None`` is missing):

- ``datetime.date`` → ``datetime64`` (midnight); aware ``datetime`` → timezone-aware
  Asia/Shanghai;
- an enum → a categorical of its wire values (every member a category, in order), and,
  when the enum has Chinese labels, a ``<name>_zh`` categorical beside it;
- ``bool`` → ``boolean``; ``int`` → ``int64`` (``Int64`` when some are missing);
- a column with an exact ``Fraction`` among its ints → ``float64``, with integer
  ``<name>_numerator`` and ``<name>_denominator`` columns beside it, so nothing exact
  is lost;
- ``float`` → ``float64``; text and everything else → ``string`` (a set or a tuple as its
  items joined with ", ").

A caller may name a column's treatment instead (``kinds``): ``"float"`` for a ratio whose
numerator and denominator already stand in other columns.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Mapping, Sequence
from enum import Enum
from fractions import Fraction
from typing import Any, Literal

from .errors import MissingExtra

__all__ = ["Kind", "frame", "load_pandas"]

Kind = Literal["date", "instant", "enum", "bool", "int", "share", "float", "string"]

_ZONE = "Asia/Shanghai"


def load_pandas(feature: str) -> Any:
    """The pandas module, or :class:`~wulian_core.errors.MissingExtra` naming the extra.

    >>> load_pandas("Report.to_frame").__name__
    'pandas'
    """
    try:
        return importlib.import_module("pandas")
    except ImportError:
        raise MissingExtra("pandas", feature) from None


def frame(
    rows: Sequence[Mapping[str, object]],
    *,
    columns: Sequence[str],
    feature: str,
    kinds: Mapping[str, Kind] | None = None,
) -> Any:
    """``rows`` as a DataFrame with ``columns`` in order, each typed by its values.

    ``feature`` names the caller in the error when pandas is missing.

    >>> import datetime as dt
    >>> from fractions import Fraction
    >>> df = frame([{"on": dt.date(2024, 1, 2), "share": Fraction(5, 6)},
    ...             {"on": dt.date(2024, 1, 3), "share": 1}], columns=["on", "share"],
    ...            feature="example")
    >>> [str(t) for t in df.dtypes]
    ['datetime64[...]', 'float64', 'int64', 'int64']
    >>> list(df.columns)
    ['on', 'share', 'share_numerator', 'share_denominator']
    """
    pd = load_pandas(feature)
    chosen = kinds or {}
    data: dict[str, Any] = {}
    for name in columns:
        values = [row.get(name) for row in rows]
        kind = chosen.get(name) or _infer(values)
        _convert(pd, data, name, values, kind)
    return pd.DataFrame(data, index=pd.RangeIndex(len(rows)))


def _infer(values: list[object]) -> Kind:
    present = [v for v in values if v is not None]
    if not present:
        return "string"
    types = {type(v) for v in present}
    if all(isinstance(v, Enum) for v in present) and len(types) == 1:
        return "enum"
    if types == {bool}:
        return "bool"
    if all(isinstance(v, dt.datetime) and v.utcoffset() is not None for v in present):
        return "instant"
    if all(isinstance(v, dt.date) and not isinstance(v, dt.datetime) for v in present):
        return "date"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "int"
    if all(isinstance(v, int | Fraction) and not isinstance(v, bool) for v in present):
        return "share"
    if all(isinstance(v, int | float | Fraction) and not isinstance(v, bool) for v in present):
        return "float"
    return "string"


def _convert(pd: Any, data: dict[str, Any], name: str, values: list[Any], kind: Kind) -> None:
    if kind == "date":
        data[name] = pd.to_datetime(pd.Series(values, dtype=object), errors="raise")
    elif kind == "instant":
        utc = pd.to_datetime(pd.Series(values, dtype=object), utc=True)
        data[name] = utc.dt.tz_convert(_ZONE)
    elif kind == "enum":
        present = next(v for v in values if v is not None)
        members: list[Any] = [*type(present).__members__.values()]
        data[name] = pd.Categorical(
            [None if v is None else v.value for v in values],
            categories=[m.value for m in members],
        )
        if hasattr(present, "label_zh"):
            labels = list(dict.fromkeys(m.label_zh for m in members))
            data[f"{name}_zh"] = pd.Categorical(
                [None if v is None else v.label_zh for v in values], categories=labels
            )
    elif kind == "bool":
        data[name] = pd.array(values, dtype="boolean")
    elif kind == "int":
        missing = any(v is None for v in values)
        data[name] = pd.array(values, dtype="Int64" if missing else "int64")
    elif kind == "share":
        data[name] = pd.array(
            [float("nan") if v is None else float(v) for v in values], dtype="float64"
        )
        exact = [None if v is None else Fraction(v) for v in values]
        missing = any(v is None for v in exact)
        dtype = "Int64" if missing else "int64"
        data[f"{name}_numerator"] = pd.array(
            [None if f is None else f.numerator for f in exact], dtype=dtype
        )
        data[f"{name}_denominator"] = pd.array(
            [None if f is None else f.denominator for f in exact], dtype=dtype
        )
    elif kind == "float":
        data[name] = pd.array(
            [float("nan") if v is None else float(v) for v in values], dtype="float64"
        )
    else:
        data[name] = pd.array([None if v is None else _text(v) for v in values], dtype="string")


def _text(value: object) -> str:
    if isinstance(value, frozenset | set):
        return ", ".join(sorted(str(v) for v in value))
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)
