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
import operator
from datetime import date, datetime, time, timedelta
from typing import Any, Final, Literal, Protocol, runtime_checkable
from zoneinfo import ZoneInfo

from attrs import Attribute, Factory, field, frozen

from ._enums import LabelledEnum
from ._holidays import HolidayPeriod, _day, _notice_year, _window
from ._notices import YearNotice
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

SHANGHAI: Final = ZoneInfo("Asia/Shanghai")
"""The zone every time limit is counted in.

>>> SHANGHAI.key
'Asia/Shanghai'
"""

_ONE_DAY: Final = timedelta(days=1)
_HOW_TO_ADD: Final = "calendar.extended(YearNotice.from_toml(text)); see docs/time-limits.md"
# What a ChinaCalendar counts past its last notice: "statutory", the law alone.
_Fallback = Literal["statutory"]


# --- input checks shared by everything below ---------------------------------------------


def _count(value: object, name: str) -> int:
    if isinstance(value, bool):
        raise InvalidValue(name, value, "must be a whole number >= 0")
    try:
        n = operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        raise InvalidValue(name, value, "must be a whole number >= 0") from None
    if n < 0:
        raise InvalidValue(name, value, "must be a whole number >= 0")
    return n


def _aware(value: object, name: str) -> datetime:
    if not isinstance(value, datetime):
        raise InvalidValue(name, value, "must be a timezone-aware datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidValue(name, value, "must be timezone-aware; a naive datetime is ambiguous")
    return value


def local_date(instant: datetime) -> date:
    """The date of an aware instant in Asia/Shanghai: the date a time limit counts from.

    Raises:
        InvalidValue: ``instant`` is naive or not a datetime.

    >>> from datetime import UTC, datetime
    >>> local_date(datetime(2025, 2, 12, 17, 0, tzinfo=UTC))
    datetime.date(2025, 2, 13)
    """
    return _aware(instant, "local_date.instant").astimezone(SHANGHAI).date()


def on_time(finished: datetime, due: datetime) -> bool:
    """Whether work finished at ``finished`` met a limit due at ``due`` (strictly before it).

    Raises:
        InvalidValue: either instant is naive.

    >>> due = datetime(2024, 2, 22, tzinfo=SHANGHAI)
    >>> on_time(datetime(2024, 2, 21, 18, 0, tzinfo=SHANGHAI), due)
    True
    >>> on_time(datetime(2024, 2, 22, 0, 0, tzinfo=SHANGHAI), due)
    False
    """
    return _aware(finished, "on_time.finished") < _aware(due, "on_time.due")


# --- the protocol and the plain weekend calendar -------------------------------------------


@runtime_checkable
class WorkCalendar(Protocol):
    """What a working-day calendar answers, for the dates from ``valid_from`` to ``valid_through``.

    Every method raises :class:`~wulian_core.errors.CalendarCoverageError` for a date
    outside that range, and ``InvalidValue`` for a ``datetime`` (pass its local date).

    >>> isinstance(WeekendCalendar(), WorkCalendar), isinstance(ChinaCalendar.official(), WorkCalendar)
    (True, True)
    """

    @property
    def valid_from(self) -> date:
        """The first date the calendar knows."""
        ...

    @property
    def valid_through(self) -> date:
        """The last date the calendar knows."""
        ...

    @property
    def provisional_from(self) -> date | None:
        """The first day the calendar answers only provisionally; ``None`` when it has none."""
        ...

    def is_workday(self, day: date) -> bool:
        """Whether ``day`` is a working day."""
        ...

    def add_workdays(self, start: date, n: int) -> date:
        """The ``n``-th working day strictly after ``start``; ``start`` itself when ``n == 0``."""
        ...

    def workdays_between(self, start: date, end: date) -> int:
        """The number of working days in ``(start, end]``; negative when ``end < start``."""
        ...


def _workdays_before(ordinal: int) -> int:
    # Working days among ordinals 1 .. ordinal - 1; ordinal 1 (0001-01-01) is a Monday.
    weeks, rest = divmod(ordinal - 1, 7)
    return 5 * weeks + min(rest, 5)


@frozen
class WeekendCalendar:
    """Monday to Friday are working days, every year, with no holidays.

    For tests, and for countries without a State Council.

    >>> from datetime import date
    >>> WeekendCalendar().add_workdays(date(2024, 2, 9), 1)  # Friday -> Monday
    datetime.date(2024, 2, 12)
    >>> WeekendCalendar().is_workday(date(2024, 2, 4))  # Sundays are never worked here
    False
    """

    @property
    def valid_from(self) -> date:
        """``date.min``: this calendar knows every date.

        >>> WeekendCalendar().valid_from
        datetime.date(1, 1, 1)
        """
        return date.min

    @property
    def valid_through(self) -> date:
        """``date.max``.

        >>> WeekendCalendar().valid_through
        datetime.date(9999, 12, 31)
        """
        return date.max

    @property
    def provisional_from(self) -> None:
        """``None``: a weekend calendar has no provisional days.

        >>> WeekendCalendar().provisional_from is None
        True
        """
        return None

    def is_provisional(self, day: date) -> bool:
        """``False``: every answer of a weekend calendar is final.

        >>> WeekendCalendar().is_provisional(date(2031, 1, 1))
        False
        """
        _day(day, "is_provisional.day")
        return False

    def is_workday(self, day: date) -> bool:
        """Monday to Friday.

        >>> WeekendCalendar().is_workday(date(2024, 2, 5))
        True
        """
        return _day(day, "is_workday.day").weekday() < 5

    def add_workdays(self, start: date, n: int) -> date:
        """The ``n``-th weekday strictly after ``start``; ``start`` itself when ``n == 0``.

        Raises:
            CalendarCoverageError: the answer would be after ``date.max``.

        >>> WeekendCalendar().add_workdays(date(2024, 2, 10), 5)  # from a Saturday
        datetime.date(2024, 2, 16)
        """
        start = _day(start, "add_workdays.start")
        n = _count(n, "add_workdays.n")
        if n == 0:
            return start
        weeks, rest = divmod(_workdays_before(start.toordinal() + 1) + n - 1, 5)
        ordinal = 7 * weeks + rest + 1
        if ordinal > date.max.toordinal():
            raise CalendarCoverageError(date.max, "no dates exist after 9999-12-31")
        return date.fromordinal(ordinal)

    def workdays_between(self, start: date, end: date) -> int:
        """Weekdays in ``(start, end]``.

        >>> WeekendCalendar().workdays_between(date(2024, 2, 9), date(2024, 2, 16))
        5
        """
        first = _day(start, "workdays_between.start").toordinal()
        last = _day(end, "workdays_between.end").toordinal()
        return _workdays_before(last + 1) - _workdays_before(first + 1)


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


# --- time limits ---------------------------------------------------------------------------


class TimeUnit(LabelledEnum):
    """What a time limit counts: working days (工作日), natural days (自然日) or hours (小时).

    >>> TimeUnit.from_value("working_days").label_zh
    '工作日'
    """

    WORKING_DAYS = "working_days", "工作日"
    NATURAL_DAYS = "natural_days", "自然日"
    HOURS = "hours", "小时"


def _check_amount(instance: object, attribute: Attribute[Any], value: object) -> None:
    if type(value) is not int or value <= 0:
        raise InvalidValue("TimeLimit.amount", value, "must be a whole number > 0")


def _check_unit(instance: object, attribute: Attribute[Any], value: object) -> None:
    if not isinstance(value, TimeUnit):
        raise InvalidValue("TimeLimit.unit", value, "must be a TimeUnit")


@frozen
class TimeLimit:
    """A time limit (时限): so many working days, natural days or hours.

    Day limits count whole days after the start's date in Asia/Shanghai and end when the
    last of them ends: :meth:`due` is 00:00 of the following day, and work finished at
    any instant strictly before it is on time (:func:`on_time`). Hour limits are
    wall-clock hours (Asia/Shanghai has no daylight saving time).

    >>> TimeLimit.working_days(5).label_zh
    '5个工作日'
    >>> TimeLimit(0, TimeUnit.HOURS)
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: TimeLimit.amount: must be a whole number > 0 (got 0)
    """

    amount: int = field(validator=_check_amount)
    unit: TimeUnit = field(validator=_check_unit)

    @classmethod
    def working_days(cls, amount: int) -> TimeLimit:
        """``amount`` working days (工作日) on the calendar passed to :meth:`due`.

        >>> TimeLimit.working_days(3)
        TimeLimit(amount=3, unit=<TimeUnit.WORKING_DAYS: 'working_days'>)
        """
        return cls(amount, TimeUnit.WORKING_DAYS)

    @classmethod
    def natural_days(cls, amount: int) -> TimeLimit:
        """``amount`` calendar days (自然日), holidays included.

        >>> TimeLimit.natural_days(15).label_zh
        '15个自然日'
        """
        return cls(amount, TimeUnit.NATURAL_DAYS)

    @classmethod
    def hours(cls, amount: int) -> TimeLimit:
        """``amount`` wall-clock hours (小时).

        >>> TimeLimit.hours(24).label_zh
        '24小时'
        """
        return cls(amount, TimeUnit.HOURS)

    @property
    def label_zh(self) -> str:
        """The limit as a notice writes it.

        >>> TimeLimit.working_days(7).label_zh
        '7个工作日'
        """
        if self.unit is TimeUnit.HOURS:
            return f"{self.amount}小时"
        return f"{self.amount}个{self.unit.label_zh}"

    def due(self, start: datetime, calendar: WorkCalendar) -> datetime:
        """The instant the limit runs out, for work that starts at ``start``.

        "N working days" counts the working days strictly after the start's local date
        (Asia/Shanghai) and ends when the Nth ends. A start on a rest day counts the same
        way, from the next working day.

        Raises:
            InvalidValue: ``start`` is naive.
            CalendarCoverageError: the count leaves what ``calendar`` knows.

        >>> from datetime import UTC
        >>> china = ChinaCalendar.official()
        >>> TimeLimit.working_days(1).due(datetime(2025, 2, 12, 17, 0, tzinfo=UTC), china)
        datetime.datetime(2025, 2, 15, 0, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
        >>> TimeLimit.hours(2).due(datetime(2025, 2, 12, 17, 0, tzinfo=UTC), china)
        datetime.datetime(2025, 2, 13, 3, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
        """
        local = _aware(start, "TimeLimit.due.start").astimezone(SHANGHAI)
        return self._after(local, local.date(), calendar)

    def extend(self, due: datetime, calendar: WorkCalendar) -> datetime:
        """A due instant pushed back by this limit, counted by the same rules (延期).

        A day-limit ``due`` at 00:00 ends a period whose last day is the day before; the
        extension counts from that day, so extending 5 working days by 3 equals 8.

        >>> china = ChinaCalendar.official()
        >>> due = TimeLimit.working_days(5).due(datetime(2024, 2, 8, 10, tzinfo=SHANGHAI), china)
        >>> TimeLimit.working_days(3).extend(due, china)
        datetime.datetime(2024, 2, 27, 0, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
        """
        local = _aware(due, "TimeLimit.extend.due").astimezone(SHANGHAI)
        try:
            last = local.date() - _ONE_DAY if local.time() == time(0) else local.date()
        except OverflowError:
            raise InvalidValue("TimeLimit.extend.due", due, "is before year 1") from None
        return self._after(local, last, calendar)

    def _after(self, local: datetime, day: date, calendar: WorkCalendar) -> datetime:
        try:
            if self.unit is TimeUnit.HOURS:
                return local + timedelta(hours=self.amount)
            if self.unit is TimeUnit.NATURAL_DAYS:
                last = day + timedelta(days=self.amount)
            else:
                if not isinstance(calendar, WorkCalendar):
                    raise InvalidValue("TimeLimit.calendar", calendar, "must be a WorkCalendar")
                last = calendar.add_workdays(day, self.amount)
            return datetime.combine(last + _ONE_DAY, time(0), tzinfo=SHANGHAI)
        except OverflowError:
            raise InvalidValue("TimeLimit.amount", self.amount, "runs past the year 9999") from None
