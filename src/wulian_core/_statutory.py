"""The statutory holidays by law, for years the State Council has not yet published a notice for.

《全国年节及纪念日放假办法》 as revised in 2024 (国务院令第795号, in force from 2025-01-01)
gives every citizen 13 days off a year (Article 2):

- 元旦 (New Year's Day): 1 day, 1 January;
- 春节 (Spring Festival): 4 days, 除夕 (the last day of the 12th lunar month, its 29th or
  30th) to 正月初三;
- 清明节: 1 day, the day of the Qingming solar term (4 or 5 April);
- 劳动节 (Labour Day): 2 days, 1 and 2 May;
- 端午节 (Dragon Boat Festival): 1 day, 五月初五;
- 中秋节 (Mid-Autumn Festival): 1 day, 八月十五;
- 国庆节 (National Day): 3 days, 1 to 3 October.

Only the yearly notice moves weekends to make longer breaks (调休), so a year read from
the law alone has these days off, weekends as rest days, and no make-up workdays.

The lunar and solar-term dates come from the table below, plain literals so that
importing this module costs only the tuples. It was computed with the borax package and
cross-checked with lunardate and chinese-calendar; ``tests/unit/test_calendar_statutory.py``
checks every row against borax and chinese-calendar again.

>>> STATUTORY_YEARS
range(2025, 2061)
>>> [(p.name, str(p.start), str(p.end)) for p in statutory_periods(2027)][:2]
[('元旦', '2027-01-01', '2027-01-01'), ('春节', '2027-02-05', '2027-02-08')]
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

from ._holidays import HolidayPeriod

__all__ = ["LAW", "LUNAR_DATES", "STATUTORY_YEARS", "statutory_periods"]

LAW: Final = "全国年节及纪念日放假办法（2024年修订，国务院令第795号）"
"""The law the fallback reads, as a notice's ``source`` names it."""

STATUTORY_YEARS: Final = range(2025, 2061)
"""The years the table holds: the revised law is in force from 2025; the table ends in 2060."""

# (year, 除夕, 清明, 端午 五月初五, 中秋 八月十五), dates as "MM-DD" of that year. 除夕 is the
# eve of 正月初一 of the lunar year that starts in `year`.
# fmt: off
LUNAR_DATES: Final[tuple[tuple[int, str, str, str, str], ...]] = (
    (2025, "01-28", "04-04", "05-31", "10-06"),
    (2026, "02-16", "04-05", "06-19", "09-25"),
    (2027, "02-05", "04-05", "06-09", "09-15"),
    (2028, "01-25", "04-04", "05-28", "10-03"),
    (2029, "02-12", "04-04", "06-16", "09-22"),
    (2030, "02-02", "04-05", "06-05", "09-12"),
    (2031, "01-22", "04-05", "06-24", "10-01"),
    (2032, "02-10", "04-04", "06-12", "09-19"),
    (2033, "01-30", "04-04", "06-01", "09-08"),
    (2034, "02-18", "04-05", "06-20", "09-27"),
    (2035, "02-07", "04-05", "06-10", "09-16"),
    (2036, "01-27", "04-04", "05-30", "10-04"),
    (2037, "02-14", "04-04", "06-18", "09-24"),
    (2038, "02-03", "04-05", "06-07", "09-13"),
    (2039, "01-23", "04-05", "05-27", "10-02"),
    (2040, "02-11", "04-04", "06-14", "09-20"),
    (2041, "01-31", "04-04", "06-03", "09-10"),
    (2042, "01-21", "04-04", "06-22", "09-28"),
    (2043, "02-09", "04-05", "06-11", "09-17"),
    (2044, "01-29", "04-04", "05-31", "10-05"),
    (2045, "02-16", "04-04", "06-19", "09-25"),
    (2046, "02-05", "04-04", "06-08", "09-15"),
    (2047, "01-25", "04-05", "05-29", "10-04"),
    (2048, "02-13", "04-04", "06-15", "09-22"),
    (2049, "02-01", "04-04", "06-04", "09-11"),
    (2050, "01-22", "04-04", "06-23", "09-30"),
    (2051, "02-10", "04-05", "06-13", "09-19"),
    (2052, "01-31", "04-04", "06-01", "09-07"),
    (2053, "02-18", "04-04", "06-20", "09-26"),
    (2054, "02-07", "04-04", "06-10", "09-16"),
    (2055, "01-27", "04-05", "05-30", "10-05"),
    (2056, "02-14", "04-04", "06-17", "09-24"),
    (2057, "02-03", "04-04", "06-06", "09-13"),
    (2058, "01-23", "04-04", "06-25", "10-02"),
    (2059, "02-11", "04-05", "06-14", "09-21"),
    (2060, "02-01", "04-04", "06-03", "09-09"),
)
# fmt: on


def statutory_periods(year: int) -> tuple[HolidayPeriod, ...]:
    """The holidays the law gives in ``year``, in date order.

    When 中秋 falls on 1 to 3 October it is one of the National Day days (2028, 2031,
    2039, 2058): the law adds no day for it, so the two make one period.

    >>> [p.name for p in statutory_periods(2028)][-1]
    '国庆节、中秋节'
    """
    _, eve, qingming, dragon, moon = LUNAR_DATES[year - STATUTORY_YEARS.start]

    def day(text: str) -> date:
        return date(year, int(text[:2]), int(text[3:]))

    def one(name: str, first: date, last: date | None = None) -> HolidayPeriod:
        return HolidayPeriod(name=name, start=first, end=first if last is None else last)

    spring = day(eve)
    periods = [
        one("元旦", date(year, 1, 1)),
        one("春节", spring, spring + timedelta(days=3)),
        one("清明节", day(qingming)),
        one("劳动节", date(year, 5, 1), date(year, 5, 2)),
        one("端午节", day(dragon)),
    ]
    mid_autumn = day(moon)
    national = (date(year, 10, 1), date(year, 10, 3))
    if national[0] <= mid_autumn <= national[1]:
        periods.append(one("国庆节、中秋节", *national))
    else:
        periods += [one("中秋节", mid_autumn), one("国庆节", *national)]
    return tuple(sorted(periods, key=lambda period: period.start))
