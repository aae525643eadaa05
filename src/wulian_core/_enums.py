"""The base of every enum in the model: a stable wire value and a Chinese label."""

from __future__ import annotations

from enum import Enum
from typing import Self

from .errors import InvalidValue

__all__ = ["LabelledEnum"]


class LabelledEnum(Enum):
    """An enum whose value is a stable lowercase string, with its Chinese label.

    The value is what JSON files and databases store; renaming a member never
    changes it. ``label_zh`` is the word a domain expert uses.

    >>> from wulian_core.model import Registration
    >>> Registration.FILED.value, Registration.FILED.label_zh
    ('filed', '备案')
    >>> Registration.from_value("registered") is Registration.REGISTERED
    True
    """

    _value_: str
    label_zh: str

    def __new__(cls, value: str, label_zh: str) -> Self:
        member = object.__new__(cls)
        member._value_ = value
        member.label_zh = label_zh
        return member

    def __str__(self) -> str:
        return self._value_

    @classmethod
    def from_value(cls, value: str) -> Self:
        """The member with this wire value; an unknown value names the enum and its values.

        >>> from wulian_core.model import Registration
        >>> Registration.from_value("legal")
        Traceback (most recent call last):
        ...
        wulian_core.errors.InvalidValue: Registration: unknown value; expected one of registered, filed (got 'legal')
        """
        member = cls._value2member_map_.get(value) if isinstance(value, str) else None
        if member is None:
            allowed = ", ".join(m._value_ for m in cls)
            raise InvalidValue(cls.__name__, value, f"unknown value; expected one of {allowed}")
        return member  # type: ignore[return-value]
