"""The bundled calendar held against two independent packages, day by day, 2004 to 2026.

chinese-calendar and holidays are test dependencies only. Where either disagrees with the
bundled table, the State Council notice decides, and the day is listed below with the
notice. Any other disagreement fails.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

# Test dependencies (the `test` extra): a missing oracle fails the run, never skips it.
import chinese_calendar
import holidays
import pytest

from wulian_core.calendar import ChinaCalendar
from wulian_core.errors import CalendarCoverageError

CHINA = ChinaCalendar.official()
FIRST = date(2004, 1, 1)  # chinese-calendar starts here
LAST = CHINA.valid_through  # 2026-12-24: the last days of December wait for the 2027 notice

# date -> (is_workday by the notice, the notice that decides)
CHINESE_CALENDAR_IS_WRONG: dict[date, tuple[bool, str]] = {
    date(2005, 12, 31): (
        True,
        "国务院办公厅关于2006年部分节假日安排的通知（国办发明电〔2005〕35号）："
        "元旦 1月1日—3日放假 …… 12月31日（星期六）上班",
    ),
}
HOLIDAYS_IS_WRONG: dict[date, tuple[bool, str]] = {}

# Weekend days that one side names as a holiday day and the other leaves a plain weekend.
# Both are rest days, so the working-day comparisons above agree on them; only the name
# differs, and the bundled table follows the wording of the notice.
# - chinese-calendar names them, the notice does not ("4月5日放假，与周末连休" names 4-05 only).
UNNAMED_BY_THE_NOTICE: dict[date, str] = {
    date(2014, 4, 6): "2014 清明节：4月5日放假，4月7日补休",
    date(2019, 4, 6): "2019 清明节：4月5日放假，与周末连休",
    date(2019, 4, 7): "2019 清明节：4月5日放假，与周末连休",
    date(2019, 6, 8): "2019 端午节：6月7日放假，与周末连休",
    date(2019, 6, 9): "2019 端午节：6月7日放假，与周末连休",
    date(2019, 9, 14): "2019 中秋节：9月13日放假，与周末连休",
    date(2019, 9, 15): "2019 中秋节：9月13日放假，与周末连休",
    date(2023, 12, 30): "2024 元旦：1月1日放假，与周末连休",
    date(2023, 12, 31): "2024 元旦：1月1日放假，与周末连休",
}
# - the notice's stated range includes them, chinese-calendar leaves them out.
INSIDE_A_STATED_RANGE: dict[date, str] = {
    date(2011, 6, 5): "2011 端午节：6月4日至6日放假公休，共3天",
    date(2012, 6, 23): "2012 端午节：6月22日至24日放假公休，共3天",
    date(2015, 9, 5): "2015 纪念日：9月3日至5日调休放假，共3天",
}


def every_day(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def disagreements(other: Callable[[date], bool]) -> dict[date, bool]:
    ours = {day: CHINA.is_workday(day) for day in every_day(FIRST, LAST)}
    return {day: worked for day, worked in ours.items() if worked != other(day)}


@pytest.fixture(scope="module")
def china_holidays() -> Any:
    return holidays.China(years=range(2003, 2028))


def test_every_day_agrees_with_chinese_calendar_except_the_listed_days() -> None:
    found = disagreements(chinese_calendar.is_workday)
    assert found == {day: ours for day, (ours, _) in CHINESE_CALENDAR_IS_WRONG.items()}


def test_every_day_agrees_with_the_holidays_package_except_the_listed_days(
    china_holidays: Any,
) -> None:
    found = disagreements(china_holidays.is_working_day)
    assert found == {day: ours for day, (ours, _) in HOLIDAYS_IS_WRONG.items()}


def test_the_make_up_workdays_are_the_holidays_packages(china_holidays: Any) -> None:
    theirs = {day for day in china_holidays.weekend_workdays if FIRST <= day <= LAST}
    ours = {day for notice in CHINA.notices for day in notice.makeup_workdays if day >= FIRST}
    listed = {day for day, (worked, _) in HOLIDAYS_IS_WRONG.items() if day.weekday() >= 5}
    assert ours ^ theirs == listed


def test_the_make_up_workdays_are_chinese_calendars_except_the_listed_days() -> None:
    theirs = {day for day in chinese_calendar.workdays if FIRST <= day <= LAST}
    ours = {day for notice in CHINA.notices for day in notice.makeup_workdays if day >= FIRST}
    assert ours ^ theirs == set(CHINESE_CALENDAR_IS_WRONG)


def test_the_holiday_days_are_chinese_calendars_except_weekends_the_notices_word_apart() -> None:
    theirs = {day for day in chinese_calendar.holidays if FIRST <= day <= LAST}
    ours = {day for notice in CHINA.notices for day in notice.days_off if day >= FIRST}

    assert theirs - ours == set(UNNAMED_BY_THE_NOTICE)
    assert ours - theirs == set(INSIDE_A_STATED_RANGE)
    for day in {*UNNAMED_BY_THE_NOTICE, *INSIDE_A_STATED_RANGE}:
        assert day.weekday() >= 5
        assert not CHINA.is_workday(day)
        assert not chinese_calendar.is_workday(day)


def test_the_last_week_of_2003_is_ordinary_in_both_the_table_and_the_holidays_package(
    china_holidays: Any,
) -> None:
    days = every_day(CHINA.valid_from, FIRST - timedelta(days=1))
    assert [CHINA.is_workday(d) for d in days] == [china_holidays.is_working_day(d) for d in days]


def test_each_listed_day_is_decided_by_the_notice_it_names() -> None:
    for day, (worked, notice) in {**CHINESE_CALENDAR_IS_WRONG, **HOLIDAYS_IS_WRONG}.items():
        assert CHINA.is_workday(day) is worked
        assert CHINA.notice_for(day).source.split("（")[0] in notice


def test_the_table_refuses_the_days_the_packages_answer_without_a_notice() -> None:
    # Both packages answer for 2026-12-28; the 2027 notice, not yet published, decides it.
    assert chinese_calendar.is_workday(date(2026, 12, 28))
    with pytest.raises(CalendarCoverageError):
        CHINA.is_workday(date(2026, 12, 28))


class TestAdapter:
    def test_it_reproduces_chinese_calendar_day_by_day(self) -> None:
        from wulian_core.calendar_cn import from_chinese_calendar

        adapted = from_chinese_calendar()
        days = every_day(FIRST, adapted.valid_through)
        assert [adapted.is_workday(d) for d in days] == [
            chinese_calendar.is_workday(d) for d in days
        ]

    def test_it_refuses_what_chinese_calendar_does_not_know(self) -> None:
        from wulian_core.calendar_cn import from_chinese_calendar

        with pytest.raises(CalendarCoverageError, match="notice for 2027"):
            from_chinese_calendar().is_workday(date(2027, 1, 4))
        with pytest.raises(NotImplementedError):
            chinese_calendar.is_workday(date(2027, 1, 4))

    def test_it_differs_from_the_bundled_table_only_on_the_listed_days(self) -> None:
        from wulian_core.calendar_cn import from_chinese_calendar

        adapted = from_chinese_calendar()
        days = every_day(FIRST, LAST)
        found = {d for d in days if adapted.is_workday(d) != CHINA.is_workday(d)}
        assert found == set(CHINESE_CALENDAR_IS_WRONG)
