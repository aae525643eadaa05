"""Phone and ID-card numbers in free text, masked the way the model shows them."""

from __future__ import annotations

import re

from wulian_core.errors import InvalidValue

__all__ = ["mask_personal_numbers"]

# A number as people write it: digits, maybe grouped by single spaces or hyphens, maybe
# after a "+", maybe ending in the X of an ID-card number. Whether it is personal is
# decided by how many digits it holds, not by how it is grouped, so that "138-0013-8000"
# and "+86 138 0013 8000" are masked as surely as "13800138000".
_NUMBER = re.compile(r"\+?\d(?:[ \-]?\d)*(?:[Xx](?![A-Za-z0-9]))?")


def _mask_number(match: re.Match[str]) -> str:
    token = match.group()
    digits = "".join(ch for ch in token if ch.isdigit())
    check = token[-1].upper() if token[-1] in "Xx" else ""
    if len(digits) + len(check) == 18 and (check or len(digits) == 18):
        number = digits + check
        return number[:6] + "********" + number[-4:]  # IdCardNumber.masked()
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]  # a mobile after the country code
    if len(digits) >= 11 or (len(digits) >= 10 and digits.startswith("0")):
        return digits[:3] + "****" + digits[-4:] + check  # PhoneNumber.masked()
    return token


def mask_personal_numbers(text: str) -> str:
    """``text`` with every phone and ID-card number masked as the model shows them.

    A number of 18 characters is masked as :class:`~wulian_core.model.IdCardNumber` shows
    one (region prefix and last four: ``110105********002X``); any other number of 11 or
    more digits, or of 10 starting with 0 (a landline with its area code), as
    :class:`~wulian_core.model.PhoneNumber` shows one (``138****8000``). Digits grouped by
    spaces or hyphens count as one number; shorter numbers (a room, a date) stay.

    >>> mask_personal_numbers("联系 138-0013-8000 或 0477-8581234，身份证11010519491231002x，3号楼501室")
    '联系 138****8000 或 047****1234，身份证110105********002X，3号楼501室'
    """
    if type(text) is not str:
        raise InvalidValue("mask_personal_numbers.text", text, "must be a string")
    return _NUMBER.sub(_mask_number, text)
