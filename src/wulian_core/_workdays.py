"""Working days: the zone, the calendar protocol, the weekend calendar, aware instants.

Private; public through :mod:`wulian_core.calendar`.
"""

from __future__ import annotations

import operator
from datetime import date, datetime, timedelta
from typing import Final, Literal, Protocol, runtime_checkable
from zoneinfo import ZoneInfo

from ._frozen import frozen
from ._holidays import _day
from .errors import CalendarCoverageError, InvalidValue

__all__ = ["SHANGHAI", "WeekendCalendar", "WorkCalendar", "local_date", "on_time"]

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
    try:
        return _aware(instant, "local_date.instant").astimezone(SHANGHAI).date()
    except OverflowError:  # 9999-12-31 23:59 UTC is already the year 10000 in Shanghai
        raise InvalidValue(
            "local_date.instant", instant, "lies beyond the last date there is"
        ) from None


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

    >>> from wulian_core.calendar import ChinaCalendar
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
