"""Time limits (时限): N working days, natural days or hours from an instant.

Private; public through :mod:`wulian_core.calendar`.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from attrs import Attribute, field

from ._enums import LabelledEnum
from ._frozen import frozen
from ._workdays import _ONE_DAY, SHANGHAI, WorkCalendar, _aware
from .errors import InvalidValue

__all__ = ["TimeLimit", "TimeUnit"]


# --- time limits ---------------------------------------------------------------------------


class TimeUnit(LabelledEnum):
    """What a time limit counts: working days (工作日), natural days (自然日) or hours (小时).

    >>> TimeUnit.from_value("working_days").label_zh
    '工作日'
    """

    WORKING_DAYS = "working_days", "工作日"
    NATURAL_DAYS = "natural_days", "自然日"
    HOURS = "hours", "小时"


MAX_AMOUNT = 10_000


def _check_amount(instance: object, attribute: Attribute[Any], value: object) -> None:
    # Ten thousand of a unit (forty years of working days) is beyond every time limit the
    # practice sets, and keeps every deadline a date the calendar can name.
    if type(value) is not int or not 0 < value <= MAX_AMOUNT:
        raise InvalidValue(
            "TimeLimit.amount", value, f"must be a whole number from 1 to {MAX_AMOUNT}"
        )


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
    wulian_core.errors.InvalidValue: TimeLimit.amount: must be a whole number from 1 to 10000 (got 0)
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

        >>> from wulian_core.calendar import ChinaCalendar
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

        >>> from wulian_core.calendar import ChinaCalendar
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
