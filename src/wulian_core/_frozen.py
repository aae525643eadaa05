"""``frozen``: attrs' frozen, slotted records, with one ``__repr__``, ``__eq__`` and ``__hash__`` for all.

attrs writes the source of each class's ``__init__``, ``__repr__``, ``__eq__`` and
``__hash__`` and compiles it when the class is defined, and compiling is the largest
part of what ``from wulian_core import *`` costs (``docs/performance.md``). Three of the
four do the same for every class, field by field, so one function of each serves every
record here, reading the class's fields on its first use: the same text as attrs' own
``__repr__`` (its guard against recursion too), equality on the same fields (``eq=False``
fields left out, ``eq`` keys applied), and the very hash attrs' would give (the same
seed, the same fields, in this process). Only ``__init__`` is still written per class,
since it is what building a record runs, and attrs' is the fastest there is.

A class that writes one of the three itself, or asks attrs for other options than
``kw_only``, ``field_transformer`` and ``weakref_slot``, gets attrs' own methods, as with
:func:`attrs.frozen`. Type checkers see :func:`attrs.frozen` itself.

>>> from attrs import field
>>> @frozen(kw_only=True)
... class Pair:
...     left: int
...     right: int = field(eq=False)
>>> Pair(left=1, right=2)
Pair(left=1, right=2)
>>> Pair(left=1, right=2) == Pair(left=1, right=3), hash(Pair(left=1, right=2)) == hash(Pair(left=1, right=3))
(True, True)
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import attrs

__all__ = ["frozen"]

if TYPE_CHECKING:
    from attrs import frozen
else:

    def frozen(maybe_cls: type | None = None, /, **options: Any) -> Any:
        """:func:`attrs.frozen`, with the shared ``__repr__``, ``__eq__`` and ``__hash__``."""

        def wrap(cls: type) -> type:
            if options.keys() - _OPTIONS or _OWN_METHODS & cls.__dict__.keys():
                return attrs.frozen(cls, **options)
            built = attrs.frozen(cls, repr=False, eq=False, **options)
            built.__repr__ = _repr
            built.__eq__ = _eq
            built.__ne__ = _ne
            built.__hash__ = _hash
            return built

        return wrap if maybe_cls is None else wrap(maybe_cls)


_OPTIONS = frozenset({"kw_only", "field_transformer", "weakref_slot"})
_OWN_METHODS = frozenset({"__repr__", "__eq__", "__ne__", "__hash__"})


class _Spec:
    """What the three methods read of one class, worked out on its first use."""

    __slots__ = ("compared", "hashed", "seed", "shown")

    def __init__(self, cls: type) -> None:
        fields = attrs.fields(cls)
        self.compared = _values([a for a in fields if a.eq])
        self.hashed = _values([a for a in fields if a.hash is True or (a.hash is None and a.eq)])
        # attrs' own seed, so that a record hashes as attrs' generated method would.
        self.seed = hash(f"<attrs generated hash {cls.__module__}.{cls.__qualname__}>")
        self.shown = tuple(
            (a.name, repr if a.repr is True else a.repr, a.init) for a in fields if a.repr
        )


_SPECS: dict[type, _Spec] = {}


def _spec(cls: type) -> _Spec:
    spec = _SPECS.get(cls)
    if spec is None:
        spec = _SPECS[cls] = _Spec(cls)
    return spec


def _values(fields: list[attrs.Attribute[Any]]) -> Callable[[Any], tuple[Any, ...]]:
    # The compared (or hashed) values of a record as a tuple, by attribute access alone
    # where no field has an eq key (attrgetter of two or more names gives a tuple).
    names = [a.name for a in fields]
    keys = [getattr(a, "eq_key", None) for a in fields]  # not in attrs' stubs
    if any(keys):
        keyed = list(zip(names, keys, strict=True))
        return lambda record: tuple(
            key(getattr(record, name)) if key else getattr(record, name) for name, key in keyed
        )
    if len(names) >= 2:
        return attrgetter(*names)
    if names:
        (name,) = names
        return lambda record: (getattr(record, name),)
    return lambda record: ()


_REPRING = threading.local()  # the records being shown by this thread, as attrs keeps them
_MISSING = attrs.NOTHING


def _repr(self: Any) -> str:
    try:
        showing: set[int] = _REPRING.showing
    except AttributeError:
        showing = _REPRING.showing = {id(self)}
    else:
        if id(self) in showing:
            return "..."
        showing.add(id(self))
    try:
        parts = []
        for name, show, init in _spec(self.__class__).shown:
            value = getattr(self, name) if init else getattr(self, name, _MISSING)
            parts.append(f"{name}={value!r}" if show is repr else f"{name}={show(value)}")
        return f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}({', '.join(parts)})"
    finally:
        showing.remove(id(self))


def _eq(self: Any, other: Any) -> Any:
    if other.__class__ is not self.__class__:
        return NotImplemented
    compared = _spec(self.__class__).compared
    return compared(self) == compared(other)


def _ne(self: Any, other: Any) -> Any:
    result = self.__eq__(other)
    if result is NotImplemented:
        return NotImplemented
    return not result


def _hash(self: Any) -> int:
    spec = _spec(self.__class__)
    return hash((spec.seed, *spec.hashed(self)))
