"""Years read from the law alone: the bundled lunar table, the fallback, provisional days.

borax and chinese-calendar are test dependencies only: a missing one fails the run.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import chinese_calendar
import pytest
from borax.calendars.lunardate import LunarDate, TermUtils

from wulian_core.calendar import (
    SHANGHAI,
    ChinaCalendar,
    HolidayPeriod,
    TimeLimit,
    WeekendCalendar,
    WorkCalendar,
    YearNotice,
)
from wulian_core.errors import CalendarCoverageError, InvalidValue

OFFICIAL = ChinaCalendar.official()
PROVISIONAL = ChinaCalendar.official(beyond="statutory")
YEARS = range(2025, 2061)


def period(notice: YearNotice, name: str) -> HolidayPeriod:
    return next(p for p in notice.holidays if name in p.name.split("、"))


class TestTheLunarTable:
    @pytest.mark.parametrize("year", YEARS)
    def test_the_spring_festival_starts_on_the_last_day_of_the_twelfth_lunar_month(
        self, year: int
    ) -> None:
        eve = period(YearNotice.statutory(year), "春节").start

        new_year = LunarDate(year, 1, 1).to_solar_date()
        lunar_eve = LunarDate.from_solar_date(eve.year, eve.month, eve.day)

        assert eve == new_year - timedelta(days=1)
        assert (lunar_eve.month, lunar_eve.leap) == (12, 0)
        assert lunar_eve.day in (29, 30)

    @pytest.mark.parametrize("year", YEARS)
    def test_dragon_boat_and_mid_autumn_fall_on_their_lunar_dates(self, year: int) -> None:
        notice = YearNotice.statutory(year)

        assert period(notice, "端午节").start == LunarDate(year, 5, 5, 0).to_solar_date()
        moon = LunarDate(year, 8, 15, 0).to_solar_date()
        assert moon in notice.days_off
        assert period(notice, "中秋节").start <= moon <= period(notice, "中秋节").end

    @pytest.mark.parametrize("year", YEARS)
    def test_qingming_is_the_day_of_the_solar_term_in_both_packages(self, year: int) -> None:
        day = period(YearNotice.statutory(year), "清明节").start

        assert day == TermUtils.day_start_from_term(year, "清明")
        terms = chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 10))
        assert [d for d, _ in terms] == [day]


class TestTheLaw:
    @pytest.mark.parametrize("year", YEARS)
    def test_a_year_by_law_has_thirteen_days_off_or_twelve_when_mid_autumn_is_national_day(
        self, year: int
    ) -> None:
        notice = YearNotice.statutory(year)
        moon = LunarDate(year, 8, 15, 0).to_solar_date()

        expected = 12 if date(year, 10, 1) <= moon <= date(year, 10, 3) else 13
        assert len(notice.days_off) == expected
        assert notice.makeup_workdays == ()

    def test_2027_by_law(self) -> None:
        notice = YearNotice.statutory(2027)

        assert [(p.name, p.start, p.end) for p in notice.holidays] == [
            ("元旦", date(2027, 1, 1), date(2027, 1, 1)),
            ("春节", date(2027, 2, 5), date(2027, 2, 8)),
            ("清明节", date(2027, 4, 5), date(2027, 4, 5)),
            ("劳动节", date(2027, 5, 1), date(2027, 5, 2)),
            ("端午节", date(2027, 6, 9), date(2027, 6, 9)),
            ("中秋节", date(2027, 9, 15), date(2027, 9, 15)),
            ("国庆节", date(2027, 10, 1), date(2027, 10, 3)),
        ]
        assert "全国年节及纪念日放假办法" in notice.source

    def test_mid_autumn_on_national_day_makes_one_period(self) -> None:
        notice = YearNotice.statutory(2028)  # 八月十五 is 2028-10-03

        assert period(notice, "中秋节") == period(notice, "国庆节")
        assert period(notice, "国庆节").days == tuple(date(2028, 10, d) for d in (1, 2, 3))

    @pytest.mark.parametrize("year", [2024, 2061, "2027", 2027.0, True])
    def test_only_the_tabled_years_are_read_by_law(self, year: object) -> None:
        with pytest.raises(InvalidValue, match=r"YearNotice\.statutory\.year"):
            YearNotice.statutory(year)  # type: ignore[arg-type]


class TestTheFallback:
    def test_the_default_calendar_still_refuses_2027(self) -> None:
        with pytest.raises(CalendarCoverageError, match='beyond="statutory"'):
            OFFICIAL.is_workday(date(2027, 1, 4))
        assert OFFICIAL.provisional_from is None
        assert OFFICIAL.beyond is None

    def test_the_fallback_is_chosen_explicitly_and_cached(self) -> None:
        assert PROVISIONAL is ChinaCalendar.official(beyond="statutory")
        assert PROVISIONAL.beyond == "statutory"
        assert PROVISIONAL.notices == OFFICIAL.notices
        assert PROVISIONAL != OFFICIAL

    @pytest.mark.parametrize("beyond", ["law", "", 1, True])
    def test_an_unknown_fallback_is_refused(self, beyond: object) -> None:
        with pytest.raises(InvalidValue, match=r"ChinaCalendar\.beyond"):
            ChinaCalendar.official(beyond=beyond)  # type: ignore[arg-type]
        with pytest.raises(InvalidValue, match=r"ChinaCalendar\.beyond"):
            ChinaCalendar(OFFICIAL.notices, beyond=beyond)  # type: ignore[arg-type]

    def test_the_fallback_starts_after_the_notices_at_the_window_of_the_next_year(self) -> None:
        assert PROVISIONAL.provisional_from == date(2026, 12, 25)
        assert PROVISIONAL.valid_through == date(2060, 12, 24)
        assert not PROVISIONAL.is_provisional(date(2026, 12, 24))
        assert PROVISIONAL.is_provisional(date(2026, 12, 25))
        assert PROVISIONAL.is_provisional(date(2060, 12, 24))
        assert not PROVISIONAL.is_provisional(date(2004, 1, 1))

    def test_the_days_before_the_fallback_are_the_notices_days(self) -> None:
        first, last = OFFICIAL.valid_from.toordinal(), OFFICIAL.valid_through.toordinal()
        days = [date.fromordinal(o) for o in range(first, last + 1)]

        assert [PROVISIONAL.is_workday(d) for d in days] == [OFFICIAL.is_workday(d) for d in days]

    def test_2027_on_the_fallback_rests_on_weekends_and_the_statutory_days_only(self) -> None:
        law = YearNotice.statutory(2027)
        days = [date(2026, 12, 25) + timedelta(days=i) for i in range(365)]

        for day in days:
            expected = day.weekday() < 5 and day not in law.days_off
            assert PROVISIONAL.is_workday(day) is expected, day
        assert PROVISIONAL.is_workday(date(2027, 2, 9))  # the Tuesday after 正月初三
        assert PROVISIONAL.notice_for(date(2027, 2, 5)) == law

    def test_the_years_by_law_are_outside_the_notices_but_inside_the_calendar(self) -> None:
        with pytest.raises(CalendarCoverageError, match="lunar table ends in 2060"):
            PROVISIONAL.is_workday(date(2060, 12, 25))
        with pytest.raises(CalendarCoverageError):
            PROVISIONAL.is_provisional(date(2003, 12, 24))
        with pytest.raises(CalendarCoverageError, match="2060"):
            PROVISIONAL.add_workdays(date(2060, 12, 1), 30)

    def test_a_deadline_across_the_last_notice_is_computed_on_the_fallback(self) -> None:
        start = datetime(2026, 12, 1, 10, tzinfo=SHANGHAI)

        with pytest.raises(CalendarCoverageError):
            TimeLimit.working_days(20).due(start, OFFICIAL)
        due = TimeLimit.working_days(20).due(start, PROVISIONAL)
        assert due == datetime(2026, 12, 30, tzinfo=SHANGHAI)
        assert PROVISIONAL.is_provisional((due - timedelta(days=1)).date())

    def test_a_notice_for_the_provisional_year_makes_its_days_firm_and_keeps_the_mode(
        self,
    ) -> None:
        notice = YearNotice(
            year=2027,
            source="an invented notice, for the test",
            holidays=[HolidayPeriod(name="春节", start=date(2027, 2, 5), end=date(2027, 2, 11))],
            makeup_workdays=[date(2027, 2, 14)],
        )

        longer = PROVISIONAL.extended(notice)

        assert longer.beyond == "statutory"
        assert longer.provisional_from == date(2027, 12, 25)
        assert not longer.is_provisional(date(2027, 2, 10))
        assert not longer.is_workday(date(2027, 2, 10))  # the notice, not the law
        assert longer.is_workday(date(2027, 2, 14))
        assert longer.is_provisional(date(2028, 1, 1))
        assert longer.amended(notice).beyond == "statutory"
        assert OFFICIAL.extended(notice).provisional_from is None

    def test_notices_that_reach_2060_leave_nothing_provisional(self) -> None:
        later = tuple(YearNotice.statutory(y) for y in range(2027, 2061))

        calendar = ChinaCalendar((*OFFICIAL.notices, *later), beyond="statutory")

        assert calendar.provisional_from is None
        assert calendar.valid_through == date(2060, 12, 24)

    def test_the_fallback_needs_the_notices_to_reach_the_revised_law(self) -> None:
        through_2023 = tuple(n for n in OFFICIAL.notices if n.year <= 2023)

        with pytest.raises(InvalidValue, match="notices end in 2023"):
            ChinaCalendar(through_2023, beyond="statutory")
        assert ChinaCalendar(through_2023).provisional_from is None

    def test_every_calendar_answers_provisional_from(self) -> None:
        assert WeekendCalendar().provisional_from is None
        assert not WeekendCalendar().is_provisional(date(2031, 1, 1))
        for calendar in (WeekendCalendar(), OFFICIAL, PROVISIONAL):
            assert isinstance(calendar, WorkCalendar)

    def test_is_provisional_refuses_what_is_not_a_date(self) -> None:
        with pytest.raises(InvalidValue, match="is_provisional.day"):
            PROVISIONAL.is_provisional(datetime(2027, 1, 1, tzinfo=SHANGHAI))
        with pytest.raises(InvalidValue, match="is_provisional.day"):
            WeekendCalendar().is_provisional("2027-01-01")  # type: ignore[arg-type]

    def test_the_repr_says_where_the_provisional_days_start(self) -> None:
        assert "provisional from 2026-12-25" in repr(PROVISIONAL)
        assert "provisional" not in repr(OFFICIAL)
