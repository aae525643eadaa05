"""Regions (行政区划): province > city > county > township or street > community or village.

Codes follow the 12-digit statistical division code (统计用区划代码): 2 digits of
province, 2 of city, 2 of county, 3 of township, 3 of village or community. A code
names its parents: ``150603001001`` lies in ``150603001``, which lies in ``150603``
(康巴什区), ``1506`` (鄂尔多斯市) and ``15`` (内蒙古自治区).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from attrs import field

from . import _checks
from ._enums import LabelledEnum
from ._frozen import frozen
from .errors import InvalidValue

__all__ = ["Region", "RegionCode", "RegionLevel", "SettlementKind", "TownshipKind"]


class RegionLevel(LabelledEnum):
    """The five levels of the administrative division, by the length of their code.

    >>> RegionLevel.TOWNSHIP.label_zh, RegionLevel.TOWNSHIP.digits
    ('乡镇（街道）', 9)
    """

    PROVINCE = "province", "省"
    CITY = "city", "市"
    COUNTY = "county", "县（区）"
    TOWNSHIP = "township", "乡镇（街道）"
    COMMUNITY = "community", "社区（村）"

    @property
    def digits(self) -> int:
        """How many significant digits a code at this level has."""
        return _DIGITS[self]

    @property
    def depth(self) -> int:
        """0 for a province, 4 for a community."""
        return _ORDER.index(self)


_ORDER = (
    RegionLevel.PROVINCE,
    RegionLevel.CITY,
    RegionLevel.COUNTY,
    RegionLevel.TOWNSHIP,
    RegionLevel.COMMUNITY,
)
_DIGITS = {
    RegionLevel.PROVINCE: 2,
    RegionLevel.CITY: 4,
    RegionLevel.COUNTY: 6,
    RegionLevel.TOWNSHIP: 9,
    RegionLevel.COMMUNITY: 12,
}
_LEVEL_BY_DIGITS = {digits: level for level, digits in _DIGITS.items()}
_ASCII_DIGITS = frozenset("0123456789")
# Trailing all-zero segments of a 12-digit code mean "not at this level".
_PADDED_SEGMENTS = ((9, "000"), (6, "000"), (4, "00"), (2, "00"))


def _normalize_code(value: Any) -> str:
    if not isinstance(value, str):
        raise InvalidValue("RegionCode", value, "must be a string of digits")
    if not _ASCII_DIGITS.issuperset(value):
        raise InvalidValue("RegionCode", value, "must hold ASCII digits only")
    code = str(value)
    if len(code) == 12:
        for keep, zeros in _PADDED_SEGMENTS:
            if code[keep:] == zeros + "0" * (len(code) - keep - len(zeros)):
                code = code[:keep]
            else:
                break
    if len(code) not in _LEVEL_BY_DIGITS:
        raise InvalidValue("RegionCode", value, "must have 2, 4, 6, 9 or 12 digits")
    # Each significant segment is non-zero: "1500" is no city, "150600" no county.
    start = 0
    for digits in (2, 4, 6, 9, 12):
        if digits > len(code):
            break
        if set(code[start:digits]) == {"0"}:
            raise InvalidValue(
                "RegionCode", value, f"digits {start + 1}-{digits} must not be all 0"
            )
        start = digits
    return code


# Codes repeat across a directory (every organization names its community), so each
# distinct code is built once and shared. The bound keeps hostile input from growing it
# without end; China has under 700,000 division codes.
_INTERNED: dict[str, RegionCode] = {}
_INTERN_LIMIT = 1_000_000


class RegionCode(str):
    """A statistical division code; its length gives its level, its prefixes its parents.

    A ``str`` subclass, so it hashes, compares and sorts as fast as its digits do. A
    12-digit code padded with zeros is read as the shorter code it pads.

    >>> code = RegionCode("150603001001")
    >>> code.level
    <RegionLevel.COMMUNITY: 'community'>
    >>> [str(c) for c in code.ancestors()]
    ['150603001', '150603', '1506', '15']
    >>> RegionCode("150603000000") == RegionCode("150603")
    True
    >>> RegionCode("1506").contains(code), code.full
    (True, '150603001001')
    >>> RegionCode("15060")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: RegionCode: must have 2, 4, 6, 9 or 12 digits (got '15060')
    """

    __slots__ = ()

    def __new__(cls, value: str) -> RegionCode:
        known = _INTERNED.get(value) if type(value) is str else None
        if known is not None:
            return known
        code = str.__new__(cls, _normalize_code(value))
        if len(_INTERNED) < _INTERN_LIMIT:
            _INTERNED[value] = code
        return code

    def __repr__(self) -> str:
        return f"RegionCode({str(self)!r})"

    def __reduce__(self) -> tuple[object, ...]:
        return (RegionCode, (str(self),))

    @property
    def value(self) -> str:
        """The significant digits as a plain string."""
        return str(self)

    @property
    def level(self) -> RegionLevel:
        """The level this code names."""
        return _LEVEL_BY_DIGITS[len(self)]

    @property
    def parent(self) -> RegionCode | None:
        """The code one level up, or ``None`` for a province."""
        depth = _ORDER.index(_LEVEL_BY_DIGITS[len(self)])
        if depth == 0:
            return None
        return RegionCode(str(self)[: _ORDER[depth - 1].digits])

    def ancestors(self) -> Iterator[RegionCode]:
        """Every code above this one, nearest first."""
        parent = self.parent
        while parent is not None:
            yield parent
            parent = parent.parent

    def contains(self, other: RegionCode) -> bool:
        """Whether ``other`` is this region or lies inside it."""
        if not isinstance(other, str):
            raise InvalidValue("RegionCode.contains.other", other, "must be a RegionCode")
        return other.startswith(self)

    @property
    def full(self) -> str:
        """The 12-digit form, padded with zeros."""
        return str(self).ljust(12, "0")


class TownshipKind(LabelledEnum):
    """A township-level region is a town or township (乡镇) or an urban street (街道).

    >>> TownshipKind.STREET.label_zh
    '街道'
    """

    TOWN = "town", "乡镇"
    STREET = "street", "街道"


class SettlementKind(LabelledEnum):
    """A community is urban (城市社区) or rural (农村社区, a village).

    >>> SettlementKind.RURAL.label_zh
    '农村社区'
    """

    URBAN = "urban", "城市社区"
    RURAL = "rural", "农村社区"


def _check_region(region: Region) -> None:
    level = region.code.level
    if level is RegionLevel.TOWNSHIP and region.township_kind is None:
        raise InvalidValue("Region.township_kind", None, f"required for township {region.code}")
    if level is not RegionLevel.TOWNSHIP and region.township_kind is not None:
        raise InvalidValue(
            "Region.township_kind", region.township_kind, f"only for townships, not a {level.value}"
        )
    if level is RegionLevel.COMMUNITY and region.settlement is None:
        raise InvalidValue("Region.settlement", None, f"required for community {region.code}")
    if level is not RegionLevel.COMMUNITY and region.settlement is not None:
        raise InvalidValue(
            "Region.settlement", region.settlement, f"only for communities, not a {level.value}"
        )


@frozen(kw_only=True)
class Region:
    """A region of the administrative division: its code, name, and kind at its level.

    A township says whether it is a 乡镇 or a 街道; a community whether it is urban or
    rural. ``tags`` mark membership of a policy's groups, such as a pilot batch.

    >>> street = Region(code=RegionCode("150603001"), name="哈巴格希街道",
    ...                 township_kind=TownshipKind.STREET)
    >>> street.level.label_zh
    '乡镇（街道）'
    >>> Region(code=RegionCode("150603001001"), name="悦和社区")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Region.settlement: required for community 150603001001 (got None)
    """

    code: RegionCode = field(validator=_checks.instance_of(RegionCode))
    name: str = field(validator=_checks.name)
    township_kind: TownshipKind | None = field(
        default=None, validator=_checks.instance_of(TownshipKind, optional=True)
    )
    settlement: SettlementKind | None = field(
        default=None, validator=_checks.instance_of(SettlementKind, optional=True)
    )
    tags: frozenset[str] = field(
        default=frozenset(), converter=_checks.to_frozenset, validator=_checks.strings()
    )

    def __attrs_post_init__(self) -> None:
        _check_region(self)

    @property
    def level(self) -> RegionLevel:
        """The level, read from the code."""
        return self.code.level

    @property
    def is_urban(self) -> bool:
        """Whether this is an urban community (城市社区)."""
        return self.settlement is SettlementKind.URBAN
