"""Strategies for the values records are made of: ids, names, dates, instants, codes, people.

Public through :mod:`wulian_core.strategies`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TypeVar

from hypothesis import strategies as st

from wulian_core.errors import InvalidValue
from wulian_core.model import (
    IdCardNumber,
    Person,
    PhoneNumber,
    Region,
    RegionCode,
    RegionLevel,
    SettlementKind,
    TownshipKind,
)
from wulian_core.people import id_card_check_digit

__all__ = [
    "aware_datetimes",
    "dates",
    "id_card_numbers",
    "identifiers",
    "names",
    "persons",
    "phone_numbers",
    "region_codes",
    "regions",
]


T = TypeVar("T")
S = st.SearchStrategy

MIN_DATE = dt.date(2000, 1, 1)
MAX_DATE = dt.date(2035, 12, 31)
_DIGITS = "0123456789"  # never \d: it matches other scripts' digits too
_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-"
_NAME_ALPHABET = (
    "社区街道悦和康宁兰溪碧水华府书香锦绣惠民青春阳光滨河互助会志愿服务队老年协会ABCxyz"
)


def identifiers() -> S[str]:
    """Record ids: 1 to 16 lowercase ASCII letters, digits and hyphens.

    >>> from hypothesis import find
    >>> len(find(identifiers(), lambda s: len(s) > 3))
    4
    """
    return st.text(alphabet=_ID_ALPHABET, min_size=1, max_size=16)


def names() -> S[str]:
    """Names in Chinese and Latin letters, 1 to 12 characters, never blank.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(names())
    ... def check(n):
    ...     assert n.strip()
    >>> check()
    """
    return st.text(alphabet=_NAME_ALPHABET, min_size=1, max_size=12)


def dates(*, min_value: dt.date = MIN_DATE, max_value: dt.date = MAX_DATE) -> S[dt.date]:
    """Dates in a bounded range (2000 to 2035 by default).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(dates())
    ... def check(d):
    ...     assert MIN_DATE <= d <= MAX_DATE
    >>> check()
    """
    return st.dates(min_value=min_value, max_value=max_value)


def aware_datetimes(
    *,
    min_value: dt.datetime = dt.datetime(2000, 1, 1),  # noqa: DTZ001 - Hypothesis takes naive bounds
    max_value: dt.datetime = dt.datetime(2035, 12, 31),  # noqa: DTZ001
) -> S[dt.datetime]:
    """Timezone-aware datetimes (UTC, Asia/Shanghai or a fixed offset), never naive.

    ``min_value`` and ``max_value`` are naive bounds on the local wall time, as
    Hypothesis takes them.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(aware_datetimes())
    ... def check(t):
    ...     assert t.utcoffset() is not None
    >>> check()
    """
    from zoneinfo import ZoneInfo

    zones = st.sampled_from(
        [
            dt.UTC,
            ZoneInfo("Asia/Shanghai"),
            dt.timezone(dt.timedelta(hours=8)),
            dt.timezone(dt.timedelta(hours=-5)),
        ]
    )
    return st.datetimes(min_value=min_value, max_value=max_value, timezones=zones)


def _digits(n: int) -> S[str]:
    return st.text(alphabet=_DIGITS, min_size=n, max_size=n)


def _segment(n: int) -> S[str]:
    """An n-digit part of a division code, never all zeros (which means "none").

    An integer from 1 formatted to n digits, rather than digits with "00" filtered out:
    a filter throws draws away, and Hypothesis tries the all-zero one first.
    """
    return st.integers(min_value=1, max_value=10**n - 1).map(lambda v: f"{v:0{n}d}")


def region_codes(
    *, level: RegionLevel | None = None, within: RegionCode | None = None
) -> S[RegionCode]:
    """Valid division codes at ``level`` (any level when ``None``), inside ``within``.

    >>> from hypothesis import find
    >>> find(region_codes(level=RegionLevel.COUNTY, within=RegionCode("15")), lambda c: True).level
    <RegionLevel.COUNTY: 'county'>
    """
    if level is None:
        deeper = [lv for lv in RegionLevel if within is None or lv.digits >= len(within)]
        return st.sampled_from(deeper).flatmap(lambda lv: region_codes(level=lv, within=within))
    prefix = "" if within is None else str(within)
    if len(prefix) > level.digits:
        raise InvalidValue("within", within, f"no {level.value} lies inside it")
    parts: list[S[str]] = [st.just(prefix)]
    bounds = (0, 2, 4, 6, 9, 12)
    for lo, hi in itertools.pairwise(bounds):
        if hi <= len(prefix) or lo >= level.digits:
            continue
        parts.append(_segment(hi - lo))
    return st.tuples(*parts).map(lambda ps: RegionCode("".join(ps)))


def regions(*, level: RegionLevel | None = None, within: RegionCode | None = None) -> S[Region]:
    """Regions with a valid code, and a township kind or settlement kind where required.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(regions(level=RegionLevel.TOWNSHIP))
    ... def check(r):
    ...     assert r.township_kind is not None
    >>> check()
    """
    return region_codes(level=level, within=within).flatmap(_region_for)


def _region_for(code: RegionCode) -> S[Region]:
    township = st.sampled_from(TownshipKind) if code.level is RegionLevel.TOWNSHIP else st.none()
    settlement = (
        st.sampled_from(SettlementKind) if code.level is RegionLevel.COMMUNITY else st.none()
    )
    return st.builds(
        Region,
        code=st.just(code),
        name=names(),
        township_kind=township,
        settlement=settlement,
        tags=st.frozensets(st.sampled_from(["pilot", "batch-1", "batch-2"]), max_size=2),
    )


def phone_numbers() -> S[PhoneNumber]:
    """Mainland mobile numbers (1, then 3 to 9, then nine digits).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(phone_numbers())
    ... def check(p):
    ...     assert p.reveal()[0] == '1' and len(p.reveal()) == 11
    >>> check()
    """
    return st.tuples(st.sampled_from("3456789"), _digits(9)).map(
        lambda p: PhoneNumber("1" + p[0] + p[1])
    )


def id_card_numbers() -> S[IdCardNumber]:
    """18-digit ID-card numbers with a real birth date and a correct check digit.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(id_card_numbers())
    ... def check(c):
    ...     assert len(c.reveal()) == 18 and c.reveal() not in repr(c)
    >>> check()
    """

    def build(parts: tuple[str, dt.date, str]) -> IdCardNumber:
        region, born, sequence = parts
        first17 = region + born.strftime("%Y%m%d") + sequence
        return IdCardNumber(first17 + id_card_check_digit(first17))

    return st.tuples(
        _digits(6), st.dates(dt.date(1920, 1, 1), dt.date(2024, 12, 31)), _digits(3)
    ).map(build)


def persons(*, ids: S[str] | None = None) -> S[Person]:
    """People, some with a phone number or an ID-card number.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(persons())
    ... def check(p):
    ...     assert p.phone is None or p.phone.reveal() not in repr(p)
    >>> check()
    """
    return st.builds(
        Person,
        id=identifiers() if ids is None else ids,
        name=names(),
        phone=st.none() | phone_numbers(),
        id_card=st.none() | id_card_numbers(),
    )
