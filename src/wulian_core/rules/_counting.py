"""Chinese legal counting: which words include the number, shares as exact fractions.

"以上、以下、以内、不少于" include the number itself; "超过、不满、低于" exclude it
(中华人民共和国民法典 第一千二百五十九条 for 以上/以下/以内/届满/不满/超过; 不少于 and 低于
read the same way in every plan). So "10个以上" is ≥ 10 and "占比超过50%" is > 50 %.
Shares are compared by integer cross-multiplication and reported as exact fractions;
a float never enters.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from attrs import field

from wulian_core import _checks
from wulian_core._enums import LabelledEnum
from wulian_core._frozen import frozen
from wulian_core._typed import typed
from wulian_core.errors import InvalidValue

__all__ = [
    "ANCESTORS",
    "Comparison",
    "Requirement",
    "Share",
    "Status",
    "count_shortfall",
    "share_shortfall",
]

#: The region levels above one, by code length (a community's 12 digits: its township's
#: 9, county's 6, city's 4, province's 2), for summing a level's counts upward.
ANCESTORS = {12: (9, 6, 4, 2), 9: (6, 4, 2), 6: (4, 2), 4: (2,), 2: ()}


class Comparison(LabelledEnum):
    """How a measured value is held against a threshold, named by its legal words.

    >>> Comparison.AT_LEAST.holds(10, 10), Comparison.MORE_THAN.holds(10, 10)
    (True, False)
    >>> Comparison.MORE_THAN.holds(Fraction(5, 10), Share(1, 2))
    False
    >>> Comparison.from_word("不少于").symbol
    '≥'
    """

    AT_LEAST = "at_least", "以上/不少于"
    MORE_THAN = "more_than", "超过"
    AT_MOST = "at_most", "以下/以内"
    LESS_THAN = "less_than", "不满/低于"

    @property
    def symbol(self) -> str:
        """The mathematical sign: ≥, >, ≤ or <."""
        return _SYMBOLS[self]

    @property
    def label_en(self) -> str:
        """The English words: "at least", "more than", "at most", "less than"."""
        return self._value_.replace("_", " ")

    @property
    def word_zh(self) -> str:
        """The one word a message uses: 不少于, 超过, 不超过 or 低于."""
        return _WORD_ZH[self]

    @property
    def includes_threshold(self) -> bool:
        """Whether the threshold itself passes (以上/以下 do; 超过/不满 do not)."""
        return self in (Comparison.AT_LEAST, Comparison.AT_MOST)

    @property
    def wants_more(self) -> bool:
        """Whether more is better: 以上 and 超过 set a floor, 以下 and 不满 a ceiling."""
        return self in (Comparison.AT_LEAST, Comparison.MORE_THAN)

    def holds(self, measured: int | Fraction, threshold: int | Fraction | Share) -> bool:
        """Whether ``measured`` passes ``threshold`` under this comparison, exactly.

        >>> Comparison.AT_MOST.holds(3, 3), Comparison.LESS_THAN.holds(3, 3)
        (True, False)
        """
        limit = threshold.fraction if isinstance(threshold, Share) else threshold
        if self is Comparison.AT_LEAST:
            return measured >= limit
        if self is Comparison.MORE_THAN:
            return measured > limit
        if self is Comparison.AT_MOST:
            return measured <= limit
        return measured < limit

    @classmethod
    def from_word(cls, word: str) -> Comparison:
        """The comparison a legal word names: 以上, 不少于, 超过, 以下, 以内, 不满, 低于...

        The longest word found wins, so "不超过" is at most, not more than.

        >>> Comparison.from_word("不超过"), Comparison.from_word("低于")
        (<Comparison.AT_MOST: 'at_most'>, <Comparison.LESS_THAN: 'less_than'>)
        >>> Comparison.from_word("大约")
        Traceback (most recent call last):
        ...
        wulian_core.errors.InvalidValue: Comparison: no legal word of comparison ... (got '大约')
        """
        found = _find_word(word) if isinstance(word, str) else None
        if found is None:
            raise InvalidValue(
                "Comparison", word, "no legal word of comparison (以上, 超过, 以下, 不满...)"
            )
        return found[1]


_SYMBOLS = {
    Comparison.AT_LEAST: "≥",
    Comparison.MORE_THAN: ">",
    Comparison.AT_MOST: "≤",
    Comparison.LESS_THAN: "<",
}
_WORD_ZH = {
    Comparison.AT_LEAST: "不少于",
    Comparison.MORE_THAN: "超过",
    Comparison.AT_MOST: "不超过",
    Comparison.LESS_THAN: "低于",
}
# Longest first: "不超过" must win over "超过", "不低于" over "低于", "不少于" over "少于".
_WORDS = sorted(
    [
        ("以上", Comparison.AT_LEAST),
        ("不少于", Comparison.AT_LEAST),
        ("不低于", Comparison.AT_LEAST),
        ("不小于", Comparison.AT_LEAST),
        ("至少", Comparison.AT_LEAST),
        ("超过", Comparison.MORE_THAN),
        ("多于", Comparison.MORE_THAN),
        ("高于", Comparison.MORE_THAN),
        ("大于", Comparison.MORE_THAN),
        ("以下", Comparison.AT_MOST),
        ("以内", Comparison.AT_MOST),
        ("不超过", Comparison.AT_MOST),
        ("不多于", Comparison.AT_MOST),
        ("不高于", Comparison.AT_MOST),
        ("至多", Comparison.AT_MOST),
        ("不满", Comparison.LESS_THAN),
        ("未满", Comparison.LESS_THAN),
        ("低于", Comparison.LESS_THAN),
        ("少于", Comparison.LESS_THAN),
        ("小于", Comparison.LESS_THAN),
        ("不足", Comparison.LESS_THAN),
    ],
    key=lambda pair: -len(pair[0]),
)


def _find_word(text: str) -> tuple[int, Comparison] | None:
    best: tuple[int, int, Comparison] | None = None  # (position, -length, comparison)
    for word, comparison in _WORDS:
        at = text.find(word)
        if at >= 0 and (best is None or (at, -len(word)) < best[:2]):
            # A shorter word inside a longer one ("超过" in "不超过") starts later.
            best = (at, -len(word), comparison)
    return None if best is None else (best[0], best[2])


def _check_share(instance: Share, attribute: Any, value: Any) -> None:
    if type(value) is not int or not -_checks.MAX_COUNT <= value <= _checks.MAX_COUNT:
        raise InvalidValue(
            f"Share.{attribute.name}",
            value,
            f"must be a whole number of at most {_checks.MAX_COUNT}",
        )


@frozen(eq=False)
class Share:
    """An exact share between 0 and 1, such as 1/2 or 50 %; never a float.

    Two shares are equal when their fractions are: ``Share(1, 2) == Share(50, 100)``.
    In a policy file write ``"1/2"``, ``"50%"`` or ``{numerator = 1, denominator = 2}``.

    >>> Share.parse("50%") == Share(1, 2), Share.parse("2/3").fraction
    (True, Fraction(2, 3))
    >>> str(Share(50, 100)), Share(1, 3).percent
    ('1/2', '33 1/3%')
    >>> Share(3, 2)
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Share.numerator: must lie between 0 and the denominator (got '3/2')
    """

    numerator: int = field(validator=_check_share)
    denominator: int = field(validator=_check_share)

    def __attrs_post_init__(self) -> None:
        if self.denominator <= 0:
            raise InvalidValue("Share.denominator", self.denominator, "must be positive")
        if not 0 <= self.numerator <= self.denominator:
            raise InvalidValue(
                "Share.numerator",
                f"{self.numerator}/{self.denominator}",
                "must lie between 0 and the denominator",
            )

    @property
    def fraction(self) -> Fraction:
        """The exact fraction, reduced."""
        return Fraction(self.numerator, self.denominator)

    @property
    def percent(self) -> str:
        """The share as a percentage, exact: ``50%``, ``33 1/3%``."""
        value = self.fraction * 100
        whole, rest = divmod(value, 1)
        if rest == 0:
            return f"{whole}%"
        return f"{whole} {rest}%" if whole else f"{rest}%"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Share):
            return NotImplemented
        return self.numerator * other.denominator == other.numerator * self.denominator

    def __hash__(self) -> int:
        return hash(self.fraction)

    def __str__(self) -> str:
        fraction = self.fraction
        return f"{fraction.numerator}/{fraction.denominator}"

    @classmethod
    def parse(cls, text: str) -> Share:
        """Read ``"1/2"``, ``"50%"``, ``"33.5%"`` or ``"0.5"`` (decimal text is exact).

        >>> Share.parse(0.5)
        Traceback (most recent call last):
        ...
        wulian_core.errors.InvalidValue: Share: a share is never a float; write "1/2" or "50%" (got 0.5)
        """
        return cls.of(text)

    @classmethod
    def of(cls, value: Share | Fraction | str | float) -> Share:
        """A share from a share, an exact fraction or its text; floats are refused.

        >>> Share.of(Fraction(4, 5)), Share.of("80%") == Share(4, 5)
        (Share(numerator=4, denominator=5), True)
        """
        if isinstance(value, Share):
            return value
        if isinstance(value, float):
            raise InvalidValue("Share", value, 'a share is never a float; write "1/2" or "50%"')
        if isinstance(value, Fraction):
            return cls(value.numerator, value.denominator)
        if isinstance(value, str):
            return cls.of(_parse_share(value))
        raise InvalidValue("Share", value, 'must be a share such as "1/2" or "50%"')


# Patterns, not compiled ones: re compiles (and keeps) them on first use, not at import.
_SHARE_TEXT = r"\s*(\d+(?:\.\d+)?)\s*(%|/\s*(\d+))?\s*"


def _parse_share(text: str) -> Fraction:
    match = re.fullmatch(_SHARE_TEXT, text)
    if match is None or (match.group(3) is not None and int(match.group(3)) == 0):
        raise InvalidValue("Share", text, 'must read like "1/2", "50%" or "0.5"')
    number = Fraction(match.group(1))
    if match.group(2) == "%":
        return number / 100
    if match.group(3) is not None:
        if number.denominator != 1:
            raise InvalidValue("Share", text, 'must read like "1/2", "50%" or "0.5"')
        return number / int(match.group(3))
    return number


def to_share(value: Share | Fraction | str) -> Share:
    """Converter for share fields: a share, a fraction or its text.

    A value that is none of these passes on unchanged, so that :func:`share_field` can
    refuse it naming the field.
    """
    try:
        return Share.of(value)
    except InvalidValue:
        return value  # type: ignore[return-value]  # refused by the field's validator


def to_optional_share(value: Share | Fraction | str | None) -> Share | None:
    """Converter for optional share fields."""
    return None if value is None else to_share(value)


def share_field(*, optional: bool = False) -> Any:
    """Validator of a share field: the reason :meth:`Share.of` gives, naming the field."""

    def check(instance: object, attribute: Any, value: Any) -> None:
        if type(value) is Share or (optional and value is None):
            return
        try:
            Share.of(value)
        except InvalidValue as refused:
            raise InvalidValue(
                _checks.field_name(instance, attribute), value, refused.reason
            ) from None

    return check


class Status(LabelledEnum):
    """The outcome of one target for one subject: met, not met, or undefined.

    Undefined means there was nothing to measure (a share of no organizations at all);
    it is never a pass.

    >>> [s.label_zh for s in Status]
    ['达标', '未达标', '无法评价']
    """

    MET = "met", "达标"
    NOT_MET = "not_met", "未达标"
    UNDEFINED = "undefined", "无法评价"

    @property
    def label_en(self) -> str:
        """ "met", "not met" or "undefined"."""
        return self._value_.replace("_", " ")


def _refuse(function: str, comparison: object, **counts: object) -> None:
    """The error for arguments the fast path did not take: each one named."""
    for name, value in counts.items():
        _checks.arg_count(value, f"{function}.{name}")
    if type(comparison) is not Comparison:
        raise InvalidValue(f"{function}.comparison", comparison, "must be a Comparison")


def count_shortfall(measured: int, comparison: Comparison, threshold: int) -> int:
    """How far a count is from passing: how many more (floors) or fewer (ceilings).

    Zero exactly when the comparison holds.

    >>> count_shortfall(7, Comparison.AT_LEAST, 10), count_shortfall(10, Comparison.MORE_THAN, 10)
    (3, 1)
    >>> count_shortfall(4, Comparison.LESS_THAN, 3)
    2
    """
    if (
        type(measured) is not int
        or type(threshold) is not int
        or type(comparison) is not Comparison
    ):
        _refuse("count_shortfall", comparison, measured=measured, threshold=threshold)
    if comparison is Comparison.AT_LEAST:
        return max(0, threshold - measured)
    if comparison is Comparison.MORE_THAN:
        return max(0, threshold + 1 - measured)
    if comparison is Comparison.AT_MOST:
        return max(0, measured - threshold)
    return max(0, measured - threshold + 1)


def share_shortfall(numerator: int, denominator: int, comparison: Comparison, share: Share) -> int:
    """How many members to add for a share to pass; zero exactly when it passes.

    For a floor (以上, 超过) the members added are of the part measured (they raise the
    numerator and the denominator); for a ceiling (以下, 不满) they are of the rest
    (the denominator only). Where adding can never pass (a floor of 100 % with members
    outside the part, a ceiling of 0 %), it is the number of members that would have to
    change instead.

    >>> share_shortfall(5, 10, Comparison.MORE_THAN, Share(1, 2))
    1
    >>> share_shortfall(2, 7, Comparison.MORE_THAN, Share(1, 2))
    4
    >>> share_shortfall(6, 10, Comparison.AT_MOST, Share(1, 2))
    2
    """
    if (
        type(numerator) is not int
        or type(denominator) is not int
        or type(comparison) is not Comparison
        or type(share) is not Share
    ):
        _refuse("share_shortfall", comparison, numerator=numerator, denominator=denominator)
        raise InvalidValue("share_shortfall.share", share, "must be a Share")
    p, q = share.numerator, share.denominator
    gap = p * denominator - numerator * q  # > 0 when the share is below p/q
    if comparison is Comparison.AT_LEAST:
        need = gap
    elif comparison is Comparison.MORE_THAN:
        need = gap + 1
    elif comparison is Comparison.AT_MOST:
        need = -gap
    else:
        need = -gap + 1
    if need <= 0:
        return 0
    if comparison.wants_more:
        step = q - p  # each member added to the part closes the gap by q - p
        return -(-need // step) if step else denominator - numerator
    return -(-need // p) if p else numerator


_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
_CN_DIGITS |= {"八": 8, "九": 9}
_NUMBER = r"(百分之)?([0-9]+(?:\.[0-9]+)?|[零一二两三四五六七八九十百]+)(%|％)?"


def _chinese_number(text: str) -> int:
    """零 to 九百九十九, written the ordinary way (十五, 二十, 一百零五)."""
    total, current = 0, 0
    for char in text:
        if char in _CN_DIGITS:
            current = _CN_DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:  # 百
            total += (current or 1) * 100
            current = 0
    return total + current


@frozen(field_transformer=typed)
class Requirement:
    """A comparison and a threshold, as a plan states them: "10个以上", "占比超过50%".

    >>> Requirement.parse("每个城市社区社会组织达到10个以上")
    Requirement(comparison=<Comparison.AT_LEAST: 'at_least'>, threshold=10)
    >>> Requirement.parse("驻站人员不少于三人").holds(3), Requirement.parse("不少于三人").holds(2)
    (True, False)
    >>> r = Requirement.parse("占比超过50%")
    >>> r.holds(Fraction(5, 10)), r.holds(Fraction(6, 10))
    (False, True)
    """

    comparison: Comparison
    threshold: int | Share

    def holds(self, measured: int | Fraction) -> bool:
        """Whether ``measured`` meets the requirement."""
        return self.comparison.holds(measured, self.threshold)

    @classmethod
    def parse(cls, text: str) -> Requirement:
        """Read the first number and the legal word of comparison in ``text``.

        A percentage (``50%``, ``百分之五十``) or ``一半`` gives a :class:`Share`; anything
        else a whole count, in Arabic or Chinese numerals.

        >>> Requirement.parse("超过一半").threshold == Share(1, 2)
        True
        >>> Requirement.parse("达到五个以上").threshold
        5
        """
        if not isinstance(text, str):
            raise InvalidValue("Requirement", text, "must be text such as '10个以上'")
        comparison = Comparison.from_word(text)
        if "一半" in text or "半数" in text:
            return cls(comparison, Share(1, 2))
        match = re.search(_NUMBER, text)
        if match is None:
            raise InvalidValue("Requirement", text, "names no number")
        percent_prefix, digits, percent_sign = match.groups()
        value = Fraction(digits) if digits[0].isascii() and digits[0].isdigit() else None
        number = value if value is not None else Fraction(_chinese_number(digits))
        if percent_prefix or percent_sign:
            return cls(comparison, Share.of(number / 100))
        if number.denominator != 1:
            raise InvalidValue("Requirement", text, "a count must be a whole number")
        return cls(comparison, int(number))
