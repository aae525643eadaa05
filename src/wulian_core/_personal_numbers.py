"""Phone and ID-card numbers: values that never show themselves whole.

Published by :mod:`wulian_core.people` (and :mod:`wulian_core.model`); held here, outside
attrs, so that ``attrs.asdict`` and cattrs' unstructure of a record give back the number
object, whose repr is masked, and never its digits.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from attrs.exceptions import FrozenInstanceError

from .errors import InvalidValue

__all__ = ["IdCardNumber", "PhoneNumber", "id_card_check_digit"]

_DIGITS = frozenset("0123456789")


def _normalize_phone(value: Any) -> str:
    if type(value) is not str:
        raise InvalidValue("PhoneNumber", value, "must be a string", personal=True)
    digits = value.replace(" ", "").replace("-", "")
    if not _DIGITS.issuperset(digits):
        raise InvalidValue("PhoneNumber", value, "must hold digits only", personal=True)
    is_mobile = len(digits) == 11 and digits[0] == "1" and digits[1] in "3456789"
    # Landlines: a 3- or 4-digit area code starting with 0, then 7 or 8 digits.
    is_landline = digits.startswith("0") and 10 <= len(digits) <= 12
    if not (is_mobile or is_landline):
        raise InvalidValue(
            "PhoneNumber",
            value,
            "must be an 11-digit mobile or a landline with area code",
            personal=True,
        )
    return digits


class _Personal:
    """A personal number held outside attrs, so ``attrs.asdict`` and cattrs' unstructure
    hand back the object (whose repr is masked) and never the digits.

    Immutable, compared and hashed by its number; pickles whole (a pickle is storage).
    """

    __slots__ = ("_text",)
    _text: str

    def __init__(self, text: str) -> None:
        object.__setattr__(self, "_text", self._normalize(text))

    @staticmethod
    def _normalize(text: Any) -> str:  # pragma: no cover - every subclass has its own
        raise NotImplementedError

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._text == other._text

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._text))

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self._text,))

    def reveal(self) -> str:
        """The whole number, for the code that really must dial it or store it."""
        return self._text

    def masked(self) -> str:  # pragma: no cover - every subclass has its own
        """The number with its middle hidden."""
        raise NotImplementedError

    def __str__(self) -> str:
        return self.masked()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.masked()!r})"


class PhoneNumber(_Personal):
    """A mainland phone number; its middle digits stay hidden when shown.

    Not an attrs class: ``attrs.asdict`` of a record holding one gives the object back,
    never its digits; the codec writes it masked unless told ``reveal=True``.

    >>> phone = PhoneNumber("138 0013 8000")
    >>> phone
    PhoneNumber('138****8000')
    >>> str(phone), phone.reveal()
    ('138****8000', '13800138000')
    >>> PhoneNumber("12345")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: PhoneNumber: must be an 11-digit mobile ... (got <5 characters, hidden>)
    """

    __slots__ = ()

    @staticmethod
    def _normalize(text: Any) -> str:
        return _normalize_phone(text)

    def masked(self) -> str:
        """The number with its middle four digits hidden."""
        d = self._text
        return d[:3] + "****" + d[-4:]


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_card_check_digit(first17: str) -> str:
    """The GB 11643 check character of the first 17 digits of an ID-card number.

    >>> id_card_check_digit("11010519491231002")
    'X'
    """
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def _normalize_id_card(value: Any) -> str:
    if type(value) is not str:
        raise InvalidValue("IdCardNumber", value, "must be a string", personal=True)
    number = value.strip().upper()
    if len(number) != 18 or not _DIGITS.issuperset(number[:17]) or number[17] not in "0123456789X":
        raise InvalidValue(
            "IdCardNumber", value, "must be 17 digits and a check digit or X", personal=True
        )
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidValue(
            "IdCardNumber", value, "digits 7-14 must be a birth date", personal=True
        ) from None
    if id_card_check_digit(number[:17]) != number[17]:
        raise InvalidValue(
            "IdCardNumber", value, "check digit does not match (GB 11643)", personal=True
        )
    return number


class IdCardNumber(_Personal):
    """An 18-digit resident ID-card number, check digit validated per GB 11643.

    Shown with its birth date and sequence hidden; not an attrs class, for the same
    reason as :class:`PhoneNumber`.

    >>> card = IdCardNumber("11010519491231002x")
    >>> card
    IdCardNumber('110105********002X')
    >>> card.reveal()
    '11010519491231002X'
    >>> IdCardNumber("110105194912310021")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: IdCardNumber: check digit does not match (GB 11643) (got '110105********0021')
    """

    __slots__ = ()

    @staticmethod
    def _normalize(text: Any) -> str:
        return _normalize_id_card(text)

    def masked(self) -> str:
        """The region prefix and the last four characters; the birth date hidden."""
        return self._text[:6] + "********" + self._text[-4:]


# Named where users import them from: their reprs, pickles and docs say wulian_core.people.
PhoneNumber.__module__ = IdCardNumber.__module__ = "wulian_core.people"
id_card_check_digit.__module__ = "wulian_core.people"
