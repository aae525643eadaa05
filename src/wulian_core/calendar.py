"""Working days on the official Chinese calendar, and the time limits (时限) counted on it.

Time limits in community governance are counted in working days (工作日) on the calendar
the State Council publishes every year: its holidays, and its make-up workdays (调休) such
as Sunday 2024-02-04. :class:`ChinaCalendar` holds that schedule as data, knows the dates
it is valid for, and refuses any other date with :class:`~wulian_core.errors.CalendarCoverageError`
instead of guessing, unless it is built to count past its last notice by the law alone
(``ChinaCalendar.official(beyond="statutory")``): then every day past the last notice
is *provisional* (:attr:`ChinaCalendar.provisional_from`) until that year's notice is added.
:class:`TimeLimit` turns a start instant into a due instant.

>>> from datetime import date, datetime
>>> china = ChinaCalendar.official()
>>> china.is_workday(date(2024, 2, 4))  # a Sunday, worked to make up for the Spring Festival
True
>>> TimeLimit.working_days(5).due(datetime(2024, 2, 8, 10, tzinfo=SHANGHAI), china)
datetime.datetime(2024, 2, 22, 0, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))

See ``docs/time-limits.md`` for the counting rules and how to add a year.
"""

from __future__ import annotations

import functools
import itertools
from datetime import date

from attrs import Factory, field

from ._frozen import frozen
from ._holidays import HolidayPeriod, _day, _notice_year, _window
from ._notices import YearNotice
from ._time_limits import TimeLimit, TimeUnit
from ._workdays import (
    _HOW_TO_ADD,
    _ONE_DAY,
    SHANGHAI,
    WeekendCalendar,
    WorkCalendar,
    _count,
    _Fallback,
    local_date,
    on_time,
)
from .errors import CalendarCoverageError, InvalidValue

__all__ = [
    "ChinaCalendar",
    "HolidayPeriod",
    "SHANGHAI",
    "TimeLimit",
    "TimeUnit",
    "WeekendCalendar",
    "WorkCalendar",
    "YearNotice",
    "local_date",
    "on_time",
]

# --- the official calendar -----------------------------------------------------------------


class _Table:
    """Precomputed answers for a run of consecutive notices: one lookup per question.

    ``notices`` are the published notices followed by the years read from the law
    alone (if any); ``provisional`` is the first day of those, or ``None``.
    """

    __slots__ = (
        "first",
        "flags",
        "last",
        "notices",
        "origin",
        "provisional",
        "rank",
        "span",
        "total",
        "workdays",
    )

    def __init__(self, notices: tuple[YearNotice, ...], provisional: date | None) -> None:
        self.notices = notices
        self.provisional = provisional
        self.first = _window(notices[0].year)[0]
        self.last = _window(notices[-1].year)[1]
        self.origin = self.first.toordinal()
        self.span = self.last.toordinal() - self.origin + 1
        # Ordinal % 7 is 6 on Saturdays and 0 on Sundays (0001-01-01, ordinal 1, is a Monday).
        flags = bytearray(int((self.origin + i) % 7 not in (0, 6)) for i in range(self.span))
        for notice in notices:
            for day in notice.days_off:
                flags[day.toordinal() - self.origin] = 0
            for day in notice.makeup_workdays:
                flags[day.toordinal() - self.origin] = 1
        self.flags = bytes(flags)
        # rank[i]: working days from `first` through `first + i`, both included.
        self.rank = tuple(itertools.accumulate(self.flags))
        self.workdays = tuple(self.origin + i for i, worked in enumerate(self.flags) if worked)
        self.total = len(self.workdays)


def _notice_run(value: object) -> tuple[YearNotice, ...]:
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise InvalidValue("ChinaCalendar.notices", value, "must be a sequence of YearNotice")
    items = tuple(value)
    for item in items:
        if not isinstance(item, YearNotice):
            raise InvalidValue("ChinaCalendar.notices", item, "must be a YearNotice")
    if not items:
        raise InvalidValue("ChinaCalendar.notices", items, "must hold at least one YearNotice")
    items = tuple(sorted(items, key=lambda notice: notice.year))
    for before, after in itertools.pairwise(items):
        if after.year == before.year:
            raise InvalidValue("ChinaCalendar.notices", after.year, "lists this year twice")
        if after.year != before.year + 1:
            reason = f"has no notice for {before.year + 1}; the years must follow each other"
            raise InvalidValue("ChinaCalendar.notices", before.year + 1, reason)
    return items


def _fallback(value: object) -> _Fallback | None:
    if value is None or value == "statutory":
        return value
    reason = 'must be None (refuse years without a notice) or "statutory" (count by law)'
    raise InvalidValue("ChinaCalendar.beyond", value, reason)


def _build_table(notices: tuple[YearNotice, ...], beyond: _Fallback | None) -> _Table:
    if beyond is None:
        return _Table(notices, None)
    from ._statutory import STATUTORY_YEARS

    last = notices[-1].year
    if last + 1 < STATUTORY_YEARS.start:
        reason = (
            f"the law's fallback starts in {STATUTORY_YEARS.start} (the 2024 revision is in force"
            f" from 2025-01-01); the notices end in {last}: add notices through"
            f" {STATUTORY_YEARS.start - 1} first"
        )
        raise InvalidValue("ChinaCalendar.beyond", beyond, reason)
    years = range(last + 1, STATUTORY_YEARS.stop)
    if not years:
        return _Table(notices, None)
    by_law = tuple(YearNotice.statutory(year) for year in years)
    return _Table((*notices, *by_law), _window(years[0])[0])


@frozen(repr=False)
class ChinaCalendar:
    """The official calendar: the State Council's holidays and make-up workdays, year by year.

    Built from consecutive :class:`YearNotice` records, it knows the dates from
    ``valid_from`` (25 December before the first notice's year) to ``valid_through``
    (24 December of the last notice's year: the next notice may still move the New Year
    bridge, as the 2006 notice did for 2005-12-31). Any other date raises
    :class:`~wulian_core.errors.CalendarCoverageError`. Each answer is one table lookup.

    With ``beyond="statutory"`` the calendar goes on past its last notice, through
    2060-12-24, with the holidays of 《全国年节及纪念日放假办法》 (2024 revision) and
    weekends as rest days (:meth:`YearNotice.statutory`). Those days are provisional:
    :attr:`provisional_from` is the first of them, and :meth:`extended` with the year's
    notice makes them firm. The mode is chosen explicitly; it carries over to
    :meth:`extended` and :meth:`amended`.

    >>> from datetime import date
    >>> china = ChinaCalendar.official()
    >>> china.valid_from, china.valid_through
    (datetime.date(2003, 12, 25), datetime.date(2026, 12, 24))
    >>> china.add_workdays(date(2024, 2, 8), 2)  # over the Spring Festival to Sunday 2-18
    datetime.date(2024, 2, 18)
    >>> china.is_workday(date(2027, 1, 4))
    Traceback (most recent call last):
    ...
    wulian_core.errors.CalendarCoverageError: 2027-01-04 is outside the calendar: ...
    >>> ChinaCalendar.official(beyond="statutory").is_workday(date(2027, 1, 4))
    True
    """

    notices: tuple[YearNotice, ...] = field(converter=_notice_run)
    beyond: _Fallback | None = field(default=None, kw_only=True, converter=_fallback)
    _table: _Table = field(
        init=False,
        eq=False,
        default=Factory(lambda self: _build_table(self.notices, self.beyond), takes_self=True),
    )

    @classmethod
    def official(cls, *, beyond: _Fallback | None = None) -> ChinaCalendar:
        """The bundled State Council schedule, 2004 to 2026 (built once, then cached).

        ``beyond=None`` (the default) refuses every date past 2026-12-24;
        ``beyond="statutory"`` counts on by the law alone, provisionally, to 2060-12-24.

        Raises:
            InvalidValue: ``beyond`` is neither ``None`` nor ``"statutory"``.

        >>> ChinaCalendar.official() is ChinaCalendar.official()
        True
        >>> ChinaCalendar.official().notice_for(date(2005, 12, 31)).year
        2006
        >>> ChinaCalendar.official(beyond="statutory")
        <ChinaCalendar 2004-2026, valid 2003-12-25 to 2060-12-24, provisional from 2026-12-25>
        """
        return _official(_fallback(beyond))

    def __repr__(self) -> str:
        first, last = self.notices[0].year, self.notices[-1].year
        text = f"<ChinaCalendar {first}-{last}, valid {self.valid_from} to {self.valid_through}"
        if self._table.provisional is not None:
            text += f", provisional from {self._table.provisional}"
        return text + ">"

    @property
    def valid_from(self) -> date:
        """The first date the calendar knows: 25 December before its first notice's year.

        >>> ChinaCalendar.official().valid_from
        datetime.date(2003, 12, 25)
        """
        return self._table.first

    @property
    def valid_through(self) -> date:
        """The last date the calendar knows: 24 December of its last notice's year.

        >>> ChinaCalendar.official().valid_through
        datetime.date(2026, 12, 24)
        """
        return self._table.last

    @property
    def provisional_from(self) -> date | None:
        """The first provisional day: 25 December of the last notice's year, or ``None``.

        ``None`` when the calendar counts nothing by law alone (``beyond=None``, or its
        notices already reach 2060). Every day from it to :attr:`valid_through` is counted
        by the law, and may change when the year's notice is added.

        >>> ChinaCalendar.official(beyond="statutory").provisional_from
        datetime.date(2026, 12, 25)
        >>> ChinaCalendar.official().provisional_from is None
        True
        """
        return self._table.provisional

    def is_provisional(self, day: date) -> bool:
        """Whether the answer for ``day`` comes from the law alone, not from a notice.

        Raises:
            CalendarCoverageError: ``day`` is outside the calendar.

        >>> china = ChinaCalendar.official(beyond="statutory")
        >>> china.is_provisional(date(2026, 12, 24)), china.is_provisional(date(2026, 12, 25))
        (False, True)
        """
        table = self._table
        if day.__class__ is not date:
            day = _day(day, "is_provisional.day")
        if not table.first <= day <= table.last:
            raise self._uncovered(day)
        return table.provisional is not None and day >= table.provisional

    def notice_for(self, day: date) -> YearNotice:
        """The notice that governs ``day``; on a provisional day, :meth:`YearNotice.statutory`.

        >>> ChinaCalendar.official().notice_for(date(2024, 2, 4)).source
        '国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）'
        >>> ChinaCalendar.official(beyond="statutory").notice_for(date(2027, 2, 5)).source
        '全国年节及纪念日放假办法（2024年修订，国务院令第795号）：2027年的法定节假日，暂定，待国务院办公厅通知'
        """
        day = _day(day, "notice_for.day")
        table = self._table
        if not table.first <= day <= table.last:
            raise self._uncovered(day)
        return table.notices[_notice_year(day) - self.notices[0].year]

    def is_workday(self, day: date) -> bool:
        """Whether ``day`` is a working day on the official calendar.

        >>> ChinaCalendar.official().is_workday(date(2025, 1, 26))  # Sunday, 调休
        True
        >>> ChinaCalendar.official().is_workday(date(2025, 1, 28))  # 除夕, a holiday since 2025
        False
        """
        table = self._table
        if day.__class__ is not date:
            day = _day(day, "is_workday.day")
        i = day.toordinal() - table.origin
        if i < 0 or i >= table.span:
            raise self._uncovered(day)
        return table.flags[i] == 1

    def add_workdays(self, start: date, n: int) -> date:
        """The ``n``-th working day strictly after ``start``; ``start`` itself when ``n == 0``.

        ``start`` need not be a working day: from Saturday 2024-02-03, the first working
        day is Sunday 2024-02-04.

        Raises:
            CalendarCoverageError: ``start`` or the answer is outside the calendar.

        >>> ChinaCalendar.official().add_workdays(date(2024, 2, 3), 1)
        datetime.date(2024, 2, 4)
        """
        table = self._table
        if start.__class__ is not date:
            start = _day(start, "add_workdays.start")
        if n.__class__ is not int or n < 0:
            n = _count(n, "add_workdays.n")
        i = start.toordinal() - table.origin
        if i < 0 or i >= table.span:
            raise self._uncovered(start)
        if n == 0:
            return start
        target = table.rank[i] + n
        if target > table.total:
            lead = f"{n} working days after {start} run past {table.last}; "
            raise self._uncovered(table.last + _ONE_DAY, lead)
        return date.fromordinal(table.workdays[target - 1])

    def workdays_between(self, start: date, end: date) -> int:
        """The number of working days in ``(start, end]``; negative when ``end < start``.

        >>> ChinaCalendar.official().workdays_between(date(2024, 2, 8), date(2024, 2, 18))
        2
        """
        table = self._table
        start = _day(start, "workdays_between.start")
        end = _day(end, "workdays_between.end")
        i = start.toordinal() - table.origin
        j = end.toordinal() - table.origin
        for index, day in ((i, start), (j, end)):
            if index < 0 or index >= table.span:
                raise self._uncovered(day)
        return table.rank[j] - table.rank[i]

    def extended(self, notice: YearNotice) -> ChinaCalendar:
        """A calendar that also knows ``notice``'s year, the year after (or before) this one's.

        The usual call the day a notice is published: the caller reads the file.

        >>> text = '''
        ... year = 2027
        ... source = "an invented notice, for the example"
        ... makeup_workdays = [2026-12-26]
        ... [[holidays]]
        ... name = "元旦"
        ... start = 2026-12-31
        ... end = 2027-01-01
        ... '''
        >>> longer = ChinaCalendar.official().extended(YearNotice.from_toml(text))
        >>> longer
        <ChinaCalendar 2004-2027, valid 2003-12-25 to 2027-12-24>
        >>> longer.is_workday(date(2026, 12, 26)), longer.is_workday(date(2026, 12, 31))
        (True, False)

        Raises:
            InvalidValue: the calendar already has that year (see :meth:`amended`), or the
                year does not follow on.
        """
        if not isinstance(notice, YearNotice):
            raise InvalidValue("ChinaCalendar.extended.notice", notice, "must be a YearNotice")
        first, last = self.notices[0].year, self.notices[-1].year
        if first <= notice.year <= last:
            reason = f"the calendar already has {notice.year}; use amended() to replace it"
            raise InvalidValue("YearNotice.year", notice.year, reason)
        if notice.year not in (first - 1, last + 1):
            reason = f"the calendar has {first} to {last}; add {last + 1} (or {first - 1}) first"
            raise InvalidValue("YearNotice.year", notice.year, reason)
        return ChinaCalendar((*self.notices, notice), beyond=self.beyond)

    def amended(self, notice: YearNotice) -> ChinaCalendar:
        """A calendar with ``notice`` replacing the notice of its year (a late amendment).

        In 2020 the State Council extended the Spring Festival to 2 February; such a
        notice replaces the year's record, holidays and make-up workdays together.

        >>> china = ChinaCalendar.official()
        >>> china.amended(china.notices[-1]) == china
        True
        """
        if not isinstance(notice, YearNotice):
            raise InvalidValue("ChinaCalendar.amended.notice", notice, "must be a YearNotice")
        if not self.notices[0].year <= notice.year <= self.notices[-1].year:
            raise InvalidValue("YearNotice.year", notice.year, "is not in this calendar")
        kept = (old for old in self.notices if old.year != notice.year)
        return ChinaCalendar((*kept, notice), beyond=self.beyond)

    def _uncovered(self, day: date, lead: str = "") -> CalendarCoverageError:
        first, last = self.notices[0].year, self.notices[-1].year
        year = _notice_year(day)
        if self.beyond == "statutory" and day > self.valid_through:
            detail = (
                f"{lead}this calendar knows {self.valid_from} to {self.valid_through}, counting"
                f" by law from {self.provisional_from or self.valid_through}; the bundled lunar"
                " table ends in 2060"
            )
            return CalendarCoverageError(day, detail)
        if year > last + 1:
            needed = f"notices for {last + 1} to {year}, one year at a time,"
        elif year < first - 1:
            needed = f"notices for {first - 1} down to {year}, one year at a time,"
        else:
            needed = f"notice for {year}"
        known = f"this calendar knows {self.valid_from} to {self.valid_through}"
        detail = f"{lead}{known}; add the State Council {needed} with {_HOW_TO_ADD}"
        if year > last:
            detail += ', or count by law, provisionally, with beyond="statutory"'
        return CalendarCoverageError(day, detail)


@functools.cache
def _official(beyond: _Fallback | None) -> ChinaCalendar:
    if beyond is not None:
        return ChinaCalendar(_official(None).notices, beyond=beyond)
    from ._china_schedule import NOTICES

    iso = date.fromisoformat
    return ChinaCalendar(
        YearNotice(
            year=year,
            source=source,
            holidays=[HolidayPeriod(name=n, start=iso(a), end=iso(b)) for n, a, b in holidays],
            makeup_workdays=[iso(day) for day in makeup],
        )
        for year, source, holidays, makeup in NOTICES
    )
