"""A holiday period as a notice states it, and the checks every notice must pass.

Private, the bottom of the calendar's modules: the notice (:mod:`._notices`), the
statutory fallback (:mod:`._statutory`) and the notice reader (:mod:`._notice_text`) all
build on it. :class:`HolidayPeriod` is public through :mod:`wulian_core.calendar`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any, Final

from attrs import Attribute, field

from ._frozen import frozen
from .errors import InvalidValue

__all__ = ["HolidayPeriod"]

_WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _day(value: object, name: str) -> date:
    if type(value) is date:
        return value
    if isinstance(value, datetime):
        reason = "must be a date, not a datetime; take its local date with local_date(instant)"
        raise InvalidValue(name, value, reason)
    if not isinstance(value, date):
        raise InvalidValue(name, value, "must be a datetime.date")
    return date(value.year, value.month, value.day)


# --- the notice ------------------------------------------------------


def _check_text(instance: object, attribute: Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        name = f"{type(instance).__name__}.{attribute.name}"
        raise InvalidValue(name, value, "must be a non-empty string")


def _check_date(instance: object, attribute: Attribute[Any], value: object) -> None:
    _day(value, f"{type(instance).__name__}.{attribute.name}")


def _check_year(instance: object, attribute: Attribute[Any], value: object) -> None:
    if type(value) is not int or not 1950 <= value <= 9999:
        raise InvalidValue("YearNotice.year", value, "must be a year from 1950 to 9999")


@frozen(kw_only=True)
class HolidayPeriod:
    """One holiday of a notice, ``start`` to ``end`` inclusive, weekends inside it included.

    >>> from datetime import date
    >>> spring = HolidayPeriod(name="春节", start=date(2024, 2, 10), end=date(2024, 2, 17))
    >>> len(spring.days)
    8
    """

    name: str = field(validator=_check_text)
    start: date = field(validator=_check_date)
    end: date = field(validator=_check_date)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidValue("HolidayPeriod.end", self.end, f"is before start {self.start}")

    @property
    def days(self) -> tuple[date, ...]:
        """Every date of the period, in order.

        >>> HolidayPeriod(name="元旦", start=date(2026, 1, 1), end=date(2026, 1, 3)).days[-1]
        datetime.date(2026, 1, 3)
        """
        count = (self.end - self.start).days + 1
        return tuple(self.start + timedelta(days=i) for i in range(count))


def _window(year: int) -> tuple[date, date]:
    # A notice for `year` may reach back to the New Year bridge of the year before.
    return date(year - 1, 12, 25), date(year, 12, 24)


def _notice_year(day: date) -> int:
    return day.year + 1 if (day.month, day.day) >= (12, 25) else day.year


def _notice_problems(
    year: int, holidays: Sequence[HolidayPeriod | None], makeup: Sequence[date | None]
) -> list[tuple[str, date, str]]:
    """Every broken rule as ``(path, date, reason)``; ``None`` items failed to parse."""
    lo, hi = _window(year)
    outside = f"is outside the {year} notice, which covers {lo} to {hi}"
    problems: list[tuple[str, date, str]] = []
    seen: dict[date, int] = {}
    for j, period in enumerate(holidays):
        if period is None:
            continue
        if period.start < lo:
            problems.append((f"holidays[{j}].start", period.start, outside))
        if period.end > hi:
            problems.append((f"holidays[{j}].end", period.end, outside))
        for day in period.days:
            if day in seen:
                problems.append(
                    (f"holidays[{j}]", day, f"listed twice (also holidays[{seen[day]}])")
                )
            else:
                seen[day] = j
    worked: set[date] = set()
    for k, maybe in enumerate(makeup):
        if maybe is None:
            continue
        day = maybe
        path = f"makeup_workdays[{k}]"
        if not lo <= day <= hi:
            problems.append((path, day, outside))
        if day.weekday() < 5:
            weekday = _WEEKDAYS[day.weekday()]
            problems.append(
                (path, day, f"is a {weekday}; a make-up workday is a Saturday or Sunday")
            )
        if day in worked:
            problems.append((path, day, "listed twice"))
        worked.add(day)
        if day in seen:
            j = seen[day]
            name = holidays[j].name  # type: ignore[union-attr]
            problems.append((path, day, f"is also a holiday (holidays[{j}] {name})"))
    return problems
