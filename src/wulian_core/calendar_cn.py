"""The official calendar as the chinese-calendar package tabulates it (extra ``calendar-cn``).

For users who prefer that package's updates to the library's own table. The result is a
:class:`~wulian_core.calendar.ChinaCalendar`, so it answers and refuses exactly as the
bundled one does: a date outside the years chinese-calendar knows raises
:class:`~wulian_core.errors.CalendarCoverageError`, never a guess. Coverage follows the same
rule: 25 December before the package's first year to 24 December of its last year.

chinese-calendar is imported inside the function, so importing this module costs nothing
and works without the package.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta

from ._holidays import _notice_year
from .calendar import ChinaCalendar, HolidayPeriod, YearNotice

__all__ = ["from_chinese_calendar"]


@functools.cache
def from_chinese_calendar() -> ChinaCalendar:
    """A :class:`~wulian_core.calendar.ChinaCalendar` read from chinese-calendar's tables.

    Note that chinese-calendar 1.11 has Saturday 2005-12-31 as a rest day, where the
    2006 notice made it a working day; the bundled ``ChinaCalendar.official()`` follows
    the notice.

    Raises:
        ModuleNotFoundError: chinese-calendar is not installed
            (``pip install "wulian-core[calendar-cn]"``).

    >>> from datetime import date
    >>> try:
    ...     calendar = from_chinese_calendar()
    ... except ModuleNotFoundError:
    ...     calendar = None
    >>> calendar is None or calendar.is_workday(date(2025, 1, 26))
    True
    """
    try:
        import chinese_calendar
    except ModuleNotFoundError as err:
        hint = (
            'the calendar-cn adapter needs chinese-calendar: pip install "wulian-core[calendar-cn]"'
        )
        raise ModuleNotFoundError(hint, name=err.name) from err

    holidays: dict[date, str] = dict(chinese_calendar.holidays)
    workdays: dict[date, str] = dict(chinese_calendar.workdays)
    version = getattr(chinese_calendar, "__version__", "?")
    first_year = min(holidays).year
    last_year = max(holidays).year

    def chinese_name(value: str) -> str:
        try:
            return str(chinese_calendar.Holiday(value).chinese)
        except ValueError:
            return value

    # Consecutive days of one holiday make a period, cut where a notice's window ends.
    periods: dict[int, list[HolidayPeriod]] = {}
    run: list[date] = []
    for day in [*sorted(holidays), None]:
        if run and (
            day is None
            or day - run[-1] != timedelta(days=1)
            or holidays[day] != holidays[run[-1]]
            or _notice_year(day) != _notice_year(run[-1])
        ):
            name = chinese_name(holidays[run[0]])
            period = HolidayPeriod(name=name, start=run[0], end=run[-1])
            periods.setdefault(_notice_year(run[0]), []).append(period)
            run = []
        if day is not None:
            run.append(day)

    makeup: dict[int, list[date]] = {}
    for day in sorted(workdays):
        makeup.setdefault(_notice_year(day), []).append(day)

    # Days that belong to the notice after the last year (from 25 December on) are left
    # out: that notice is not complete, so the calendar ends on 24 December.
    return ChinaCalendar(
        YearNotice(
            year=year,
            source=f"chinese-calendar {version}",
            holidays=periods.get(year, []),
            makeup_workdays=makeup.get(year, []),
        )
        for year in range(first_year, last_year + 1)
    )
