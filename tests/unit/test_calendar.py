"""The official calendar, the weekend calendar, year notices and time limits."""

from __future__ import annotations

import pickle
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from wulian_core import calendar as calendar_module
from wulian_core.calendar import (
    SHANGHAI,
    ChinaCalendar,
    HolidayPeriod,
    TimeLimit,
    TimeUnit,
    WeekendCalendar,
    WorkCalendar,
    YearNotice,
    local_date,
    on_time,
)
from wulian_core.errors import CalendarCoverageError, DecodeError, InvalidValue, WulianError

EXAMPLE_2027 = Path(__file__).parents[2] / "docs" / "examples" / "2027-example.toml"
CHINA = ChinaCalendar.official()


def shanghai(*args: int) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)  # type: ignore[misc]


def notice_text(year: int = 2027, makeup: str = "[]", holidays: str = "") -> str:
    text = f'year = {year}\nsource = "test notice"\nmakeup_workdays = {makeup}\n'
    return text + (holidays or "holidays = []\n")


def holiday(name: str, start: str, end: str) -> str:
    return f'\n[[holidays]]\nname = "{name}"\nstart = {start}\nend = {end}\n'


# --- the official calendar ---------------------------------------------------------------


class TestOfficialCalendar:
    def test_sunday_2024_02_04_was_a_working_day(self) -> None:
        assert CHINA.is_workday(date(2024, 2, 4))

    def test_sunday_2025_01_26_was_a_working_day(self) -> None:
        assert CHINA.is_workday(date(2025, 1, 26))

    def test_saturday_2005_12_31_was_a_working_day_by_the_2006_notice(self) -> None:
        assert CHINA.is_workday(date(2005, 12, 31))
        assert "2006" in CHINA.notice_for(date(2005, 12, 31)).source

    def test_the_2024_spring_festival_rests_from_the_10th_to_the_17th(self) -> None:
        days = [date(2024, 2, d) for d in range(9, 20)]
        assert [CHINA.is_workday(d) for d in days] == [
            True,  # 9th, 除夕 2024, not a holiday that year
            *[False] * 8,  # 10th to 17th
            True,  # Sunday 18th, 调休
            True,  # Monday 19th
        ]

    def test_new_years_eve_became_a_holiday_in_2025(self) -> None:
        assert not CHINA.is_workday(date(2025, 1, 28))

    def test_an_ordinary_weekend_is_a_rest_and_an_ordinary_weekday_is_worked(self) -> None:
        assert not CHINA.is_workday(date(2024, 3, 9))
        assert CHINA.is_workday(date(2024, 3, 11))

    def test_the_2020_spring_festival_was_extended_to_february_2(self) -> None:
        assert not CHINA.is_workday(date(2020, 1, 31))
        assert not CHINA.is_workday(date(2020, 2, 1))  # a make-up day until the extension
        assert CHINA.is_workday(date(2020, 2, 3))

    def test_it_covers_2003_12_25_to_2026_12_24(self) -> None:
        assert (CHINA.valid_from, CHINA.valid_through) == (date(2003, 12, 25), date(2026, 12, 24))
        assert [n.year for n in CHINA.notices] == list(range(2004, 2027))

    def test_every_notice_names_its_source(self) -> None:
        for notice in CHINA.notices:
            assert f"国务院办公厅关于{notice.year}年部分节假日安排的通知" in notice.source

    def test_official_is_built_once(self) -> None:
        assert ChinaCalendar.official() is CHINA

    def test_a_calendar_rebuilt_from_the_same_notices_is_equal(self) -> None:
        rebuilt = ChinaCalendar(reversed(CHINA.notices))
        assert rebuilt == CHINA
        assert hash(rebuilt) == hash(CHINA)

    def test_it_survives_pickling(self) -> None:
        copy = pickle.loads(pickle.dumps(CHINA))
        assert copy == CHINA
        assert copy.is_workday(date(2024, 2, 4))

    def test_repr_is_short(self) -> None:
        assert repr(CHINA) == "<ChinaCalendar 2004-2026, valid 2003-12-25 to 2026-12-24>"

    def test_both_calendars_satisfy_the_protocol(self) -> None:
        assert isinstance(CHINA, WorkCalendar)
        assert isinstance(WeekendCalendar(), WorkCalendar)


class TestCoverage:
    @pytest.mark.parametrize(
        "day", [date(2026, 12, 25), date(2026, 12, 31), date(2027, 1, 4), date(2003, 12, 24)]
    )
    def test_a_date_outside_the_calendar_raises(self, day: date) -> None:
        with pytest.raises(CalendarCoverageError) as caught:
            CHINA.is_workday(day)
        assert caught.value.date == day
        assert day.isoformat() in str(caught.value)

    def test_the_error_says_which_notice_to_add_and_how(self) -> None:
        with pytest.raises(CalendarCoverageError) as caught:
            CHINA.is_workday(date(2026, 12, 28))
        message = str(caught.value)
        assert "State Council notice for 2027" in message
        assert "extended(YearNotice.from_toml(" in message
        assert "docs/time-limits.md" in message

    def test_a_date_years_ahead_asks_for_every_missing_year(self) -> None:
        with pytest.raises(CalendarCoverageError, match="notices for 2027 to 2030"):
            CHINA.is_workday(date(2030, 6, 1))

    def test_a_date_before_the_first_notice_asks_for_the_year_before(self) -> None:
        with pytest.raises(CalendarCoverageError, match="notice for 2003 with"):
            CHINA.is_workday(date(2003, 6, 2))

    def test_counting_past_the_last_known_day_names_the_first_unknown_day(self) -> None:
        assert CHINA.add_workdays(date(2026, 12, 20), 4) == date(2026, 12, 24)
        with pytest.raises(CalendarCoverageError) as caught:
            CHINA.add_workdays(date(2026, 12, 20), 5)
        assert caught.value.date == date(2026, 12, 25)
        assert "5 working days after 2026-12-20" in str(caught.value)

    def test_workdays_between_refuses_an_end_outside(self) -> None:
        with pytest.raises(CalendarCoverageError):
            CHINA.workdays_between(date(2026, 12, 1), date(2027, 1, 10))

    def test_a_due_date_past_coverage_raises(self) -> None:
        with pytest.raises(CalendarCoverageError):
            TimeLimit.working_days(10).due(shanghai(2026, 12, 18, 9), CHINA)

    def test_the_coverage_error_is_a_wulian_error_and_a_lookup_error(self) -> None:
        with pytest.raises(WulianError):
            CHINA.is_workday(date(2027, 1, 4))
        with pytest.raises(LookupError):
            CHINA.is_workday(date(2027, 1, 4))


class TestArithmetic:
    def test_add_workdays_counts_strictly_after_the_start(self) -> None:
        assert CHINA.add_workdays(date(2024, 3, 11), 1) == date(2024, 3, 12)

    def test_add_workdays_skips_the_spring_festival(self) -> None:
        assert CHINA.add_workdays(date(2024, 2, 8), 1) == date(2024, 2, 9)
        assert CHINA.add_workdays(date(2024, 2, 8), 2) == date(2024, 2, 18)
        assert CHINA.add_workdays(date(2024, 2, 8), 5) == date(2024, 2, 21)

    def test_from_a_saturday_the_first_working_day_can_be_a_sunday(self) -> None:
        assert CHINA.add_workdays(date(2024, 2, 3), 1) == date(2024, 2, 4)

    def test_zero_working_days_is_the_start_itself_even_on_a_rest_day(self) -> None:
        assert CHINA.add_workdays(date(2024, 2, 10), 0) == date(2024, 2, 10)

    def test_workdays_between_counts_the_half_open_interval(self) -> None:
        assert CHINA.workdays_between(date(2024, 2, 8), date(2024, 2, 18)) == 2
        assert CHINA.workdays_between(date(2024, 2, 8), date(2024, 2, 8)) == 0
        assert CHINA.workdays_between(date(2024, 2, 18), date(2024, 2, 8)) == -2

    def test_a_year_has_its_published_number_of_working_days(self) -> None:
        # 2024: 366 days, 104 weekend days, 19 holidays on weekdays, 8 make-up days worked.
        assert CHINA.workdays_between(date(2023, 12, 31), date(2024, 12, 31)) == 251

    @pytest.mark.parametrize(
        ("method", "args"),
        [
            ("is_workday", (datetime(2024, 2, 4, tzinfo=UTC),)),
            ("is_workday", ("2024-02-04",)),
            ("add_workdays", (date(2024, 2, 4), -1)),
            ("add_workdays", (date(2024, 2, 4), True)),
            ("add_workdays", (date(2024, 2, 4), 1.5)),
            ("add_workdays", (date(2024, 2, 4), "3")),
            ("workdays_between", (date(2024, 2, 4), None)),
        ],
    )
    def test_bad_arguments_raise_invalid_value(self, method: str, args: tuple[object, ...]) -> None:
        for calendar in (CHINA, WeekendCalendar()):
            with pytest.raises(InvalidValue):
                getattr(calendar, method)(*args)

    def test_a_datetime_is_refused_with_a_hint(self) -> None:
        with pytest.raises(InvalidValue, match="local_date"):
            CHINA.is_workday(datetime(2024, 2, 4, tzinfo=UTC))


class TestWeekendCalendar:
    def test_monday_to_friday_are_working_days(self) -> None:
        week = [date(2024, 2, 5) + timedelta(days=i) for i in range(7)]
        assert [WeekendCalendar().is_workday(d) for d in week] == [True] * 5 + [False] * 2

    def test_friday_plus_one_is_monday(self) -> None:
        assert WeekendCalendar().add_workdays(date(2024, 2, 9), 1) == date(2024, 2, 12)

    def test_it_ignores_holidays_and_make_up_days(self) -> None:
        assert not WeekendCalendar().is_workday(date(2024, 2, 4))
        assert WeekendCalendar().is_workday(date(2024, 2, 12))

    def test_it_knows_every_date(self) -> None:
        weekend = WeekendCalendar()
        assert (weekend.valid_from, weekend.valid_through) == (date.min, date.max)
        assert weekend.add_workdays(date.min, 1) == date(1, 1, 2)

    def test_it_refuses_to_count_past_date_max(self) -> None:
        with pytest.raises(CalendarCoverageError):
            WeekendCalendar().add_workdays(date(9999, 12, 30), 5)


# --- year notices --------------------------------------------------------------------------


class TestYearNotice:
    def test_the_example_file_extends_the_official_calendar_by_a_year(self) -> None:
        notice = YearNotice.from_toml(EXAMPLE_2027.read_text(encoding="utf-8"))
        longer = CHINA.extended(notice)
        assert longer.valid_through == date(2027, 12, 24)
        assert longer.is_workday(date(2027, 2, 20))  # a Saturday, made a working day
        assert not longer.is_workday(date(2027, 2, 8))  # a Monday inside 春节
        assert longer.is_workday(date(2026, 12, 28))  # now known: an ordinary Monday
        assert CHINA.valid_through == date(2026, 12, 24)  # the official one is unchanged

    def test_a_new_notice_can_change_the_last_days_of_the_previous_december(self) -> None:
        text = notice_text(
            makeup="[2026-12-26]", holidays=holiday("元旦", "2026-12-31", "2027-01-01")
        )
        longer = CHINA.extended(YearNotice.from_toml(text))
        assert longer.is_workday(date(2026, 12, 26))
        assert not longer.is_workday(date(2026, 12, 31))

    def test_extended_refuses_a_year_that_does_not_follow_on(self) -> None:
        with pytest.raises(InvalidValue, match="add 2027"):
            CHINA.extended(YearNotice.from_toml(notice_text(year=2028)))

    def test_extended_refuses_a_year_it_already_has(self) -> None:
        with pytest.raises(InvalidValue, match="amended"):
            CHINA.extended(CHINA.notices[-1])

    def test_extended_also_adds_the_year_before_the_first(self) -> None:
        longer = CHINA.extended(YearNotice.from_toml(notice_text(year=2003)))
        assert longer.valid_from == date(2002, 12, 25)

    def test_amended_replaces_a_years_notice(self) -> None:
        old = CHINA.notice_for(date(2024, 6, 1))
        extra = HolidayPeriod(name="test", start=date(2024, 6, 3), end=date(2024, 6, 3))
        new = YearNotice(
            year=2024,
            source="amended",
            holidays=(*old.holidays, extra),
            makeup_workdays=old.makeup_workdays,
        )
        amended = CHINA.amended(new)
        assert not amended.is_workday(date(2024, 6, 3))
        assert CHINA.is_workday(date(2024, 6, 3))
        with pytest.raises(InvalidValue):
            CHINA.amended(YearNotice.from_toml(notice_text(year=2027)))

    def test_notices_must_be_consecutive_years(self) -> None:
        with pytest.raises(InvalidValue, match="no notice for 2005"):
            ChinaCalendar([CHINA.notices[0], CHINA.notices[2]])
        with pytest.raises(InvalidValue, match="twice"):
            ChinaCalendar([CHINA.notices[0], CHINA.notices[0]])
        with pytest.raises(InvalidValue):
            ChinaCalendar([])

    def test_a_make_up_workday_on_a_weekday_is_an_error_naming_the_date(self) -> None:
        with pytest.raises(DecodeError) as caught:
            YearNotice.from_toml(notice_text(makeup="[2027-02-10]"))
        assert caught.value.problems == (
            (
                "makeup_workdays[0]",
                "2027-02-10 is a Wednesday; a make-up workday is a Saturday or Sunday",
            ),
        )

    def test_a_holiday_listed_twice_is_an_error_naming_the_date(self) -> None:
        periods = (
            holiday("元旦", "2027-01-01", "2027-01-03")
            + holiday("春节", "2027-02-05", "2027-02-10")
            + holiday("春节", "2027-02-10", "2027-02-10")
        )
        with pytest.raises(DecodeError) as caught:
            YearNotice.from_toml(notice_text(holidays=periods))
        assert caught.value.problems == (
            ("holidays[2]", "2027-02-10 listed twice (also holidays[1])"),
        )

    def test_a_day_both_holiday_and_make_up_workday_is_an_error(self) -> None:
        text = notice_text(
            makeup="[2027-02-06]", holidays=holiday("春节", "2027-02-05", "2027-02-10")
        )
        with pytest.raises(
            DecodeError, match=r"makeup_workdays\[0\]: 2027-02-06 is also a holiday"
        ):
            YearNotice.from_toml(text)

    def test_a_date_outside_the_notice_window_is_an_error(self) -> None:
        text = notice_text(makeup="[2026-12-19]", holidays=holiday("x", "2027-12-24", "2027-12-25"))
        with pytest.raises(DecodeError) as caught:
            YearNotice.from_toml(text)
        assert [path for path, _ in caught.value.problems] == [
            "holidays[0].end",
            "makeup_workdays[0]",
        ]
        assert "2026-12-25 to 2027-12-24" in str(caught.value)

    def test_every_problem_is_listed_at_once(self) -> None:
        text = (
            'year = "2027"\nsource = ""\ncolour = 1\nmakeup_workdays = ["2027-02-14", 2027-02-14T08:00:00]\n'
            '[[holidays]]\nname = "春节"\nstart = 2027-02-10\nend = 2027-02-05\nfoo = 1\n'
            "[[holidays]]\nstart = 2027-02-10\n"
        )
        with pytest.raises(DecodeError) as caught:
            YearNotice.from_toml(text)
        paths = [path for path, _ in caught.value.problems]
        assert paths == [
            "colour",
            "year",
            "source",
            "holidays[0].foo",
            "holidays[0].end",
            "holidays[1].name",
            "holidays[1].end",
            "makeup_workdays[0]",
            "makeup_workdays[1]",
        ]
        assert "without quotes" in str(caught.value)

    def test_missing_keys_are_listed(self) -> None:
        with pytest.raises(DecodeError) as caught:
            YearNotice.from_toml("")
        assert [p for p, _ in caught.value.problems] == [
            "year",
            "source",
            "holidays",
            "makeup_workdays",
        ]

    @pytest.mark.parametrize(
        "text",
        [
            "year = ",
            'year = 1949\nsource = "x"\nmakeup_workdays = []\nholidays = []',
            'year = 2027\nsource = "x"\nmakeup_workdays = 3\nholidays = 4',
            'year = 2027\nsource = "x"\nmakeup_workdays = []\nholidays = [1]',
        ],
    )
    def test_malformed_text_raises_decode_error(self, text: str) -> None:
        with pytest.raises(DecodeError):
            YearNotice.from_toml(text)

    def test_from_toml_refuses_bytes(self) -> None:
        with pytest.raises(DecodeError):
            YearNotice.from_toml(b"year = 2027")  # type: ignore[arg-type]

    def test_every_bundled_notice_round_trips_through_toml(self) -> None:
        for notice in CHINA.notices:
            assert YearNotice.from_toml(notice.to_toml()) == notice

    def test_a_notice_without_holidays_round_trips_through_toml(self) -> None:
        notice = YearNotice(year=2027, source='a "quoted"\\ name', holidays=[], makeup_workdays=[])
        assert YearNotice.from_toml(notice.to_toml()) == notice

    def test_direct_construction_checks_the_same_rules(self) -> None:
        with pytest.raises(InvalidValue) as caught:
            YearNotice(year=2027, source="x", holidays=[], makeup_workdays=[date(2027, 2, 10)])
        assert caught.value.field == "YearNotice.makeup_workdays[0]"
        assert "2027-02-10" in str(caught.value)

    @pytest.mark.parametrize(
        "changes",
        [
            {"year": 1900},
            {"year": "2027"},
            {"source": " "},
            {"holidays": "春节"},
            {"holidays": [1]},
            {"makeup_workdays": 3},
            {"makeup_workdays": ["2027-02-14"]},
        ],
    )
    def test_bad_fields_raise_invalid_value(self, changes: dict[str, object]) -> None:
        fields: dict[str, object] = {
            "year": 2027,
            "source": "x",
            "holidays": [],
            "makeup_workdays": [],
        }
        with pytest.raises(InvalidValue):
            YearNotice(**(fields | changes))  # type: ignore[arg-type]

    def test_a_holiday_period_cannot_end_before_it_starts(self) -> None:
        with pytest.raises(InvalidValue, match=r"HolidayPeriod\.end"):
            HolidayPeriod(name="x", start=date(2027, 2, 5), end=date(2027, 2, 4))
        with pytest.raises(InvalidValue, match=r"HolidayPeriod\.name"):
            HolidayPeriod(name="", start=date(2027, 2, 5), end=date(2027, 2, 5))


# --- time limits ---------------------------------------------------------------------------


class TestTimeLimit:
    def test_five_working_days_over_the_spring_festival(self) -> None:
        due = TimeLimit.working_days(5).due(shanghai(2024, 2, 8, 10), CHINA)
        assert due == shanghai(2024, 2, 22)
        assert due.tzinfo is SHANGHAI

    def test_the_shanghai_date_of_the_start_counts_not_the_utc_date(self) -> None:
        start = datetime(2025, 2, 12, 17, 0, tzinfo=UTC)  # 2025-02-13 01:00 in Shanghai
        assert local_date(start) == date(2025, 2, 13)
        assert TimeLimit.working_days(1).due(start, CHINA) == shanghai(2025, 2, 15)

    def test_a_start_on_a_saturday_counts_from_monday(self) -> None:
        assert TimeLimit.working_days(1).due(shanghai(2024, 3, 9, 15), CHINA) == shanghai(
            2024, 3, 12
        )

    def test_a_start_on_a_rest_day_counts_from_the_next_working_day_even_a_sunday(self) -> None:
        assert TimeLimit.working_days(1).due(shanghai(2024, 2, 3, 9), CHINA) == shanghai(2024, 2, 5)

    def test_a_start_before_a_monday_holiday_skips_it(self) -> None:
        # Monday 2024-06-10 was 端午节.
        assert TimeLimit.working_days(1).due(shanghai(2024, 6, 8, 9), CHINA) == shanghai(
            2024, 6, 12
        )

    def test_finished_at_18_00_on_the_last_working_day_is_on_time(self) -> None:
        due = TimeLimit.working_days(5).due(shanghai(2024, 2, 8, 10), CHINA)
        assert on_time(shanghai(2024, 2, 21, 18), due)
        assert on_time(shanghai(2024, 2, 21, 23, 59, 59, 999999), due)

    def test_finished_at_00_00_the_next_day_is_late(self) -> None:
        due = TimeLimit.working_days(5).due(shanghai(2024, 2, 8, 10), CHINA)
        assert not on_time(shanghai(2024, 2, 22, 0), due)
        assert not on_time(datetime(2024, 2, 21, 16, 0, tzinfo=UTC), due)  # = 00:00 in Shanghai

    def test_the_weekend_calendar_ignores_the_spring_festival(self) -> None:
        due = TimeLimit.working_days(5).due(shanghai(2024, 2, 8, 10), WeekendCalendar())
        assert due == shanghai(2024, 2, 16)

    def test_natural_days_count_holidays_too(self) -> None:
        due = TimeLimit.natural_days(7).due(shanghai(2024, 2, 8, 10), CHINA)
        assert due == shanghai(2024, 2, 16)

    def test_hours_are_wall_clock_hours_in_shanghai(self) -> None:
        start = datetime(2024, 2, 8, 23, 30, tzinfo=UTC)
        due = TimeLimit.hours(2).due(start, CHINA)
        assert due == datetime(2024, 2, 9, 1, 30, tzinfo=UTC)
        assert due.tzinfo is SHANGHAI
        assert due.hour == 9

    def test_any_aware_zone_is_accepted(self) -> None:
        start = datetime(2024, 2, 8, 10, tzinfo=timezone(timedelta(hours=-5)))  # 23:00 Shanghai
        assert TimeLimit.working_days(1).due(start, CHINA) == shanghai(2024, 2, 10)

    def test_an_extension_adds_working_days_after_the_last_day(self) -> None:
        due = TimeLimit.working_days(5).due(shanghai(2024, 2, 8, 10), CHINA)
        assert TimeLimit.working_days(3).extend(due, CHINA) == shanghai(2024, 2, 27)
        assert TimeLimit.working_days(8).due(shanghai(2024, 2, 8, 10), CHINA) == shanghai(
            2024, 2, 27
        )

    def test_an_extension_of_a_mid_day_due_counts_from_that_day(self) -> None:
        due = TimeLimit.hours(4).due(shanghai(2024, 2, 8, 10), CHINA)  # 14:00 on the 8th
        assert TimeLimit.working_days(1).extend(due, CHINA) == shanghai(2024, 2, 10)
        assert TimeLimit.hours(24).extend(due, CHINA) == shanghai(2024, 2, 9, 14)
        assert TimeLimit.natural_days(1).extend(shanghai(2024, 2, 10), CHINA) == shanghai(
            2024, 2, 11
        )

    @pytest.mark.parametrize("amount", [0, -1, True, 1.5, "3", None])
    def test_the_amount_must_be_a_positive_whole_number(self, amount: object) -> None:
        with pytest.raises(InvalidValue) as caught:
            TimeLimit(amount, TimeUnit.WORKING_DAYS)  # type: ignore[arg-type]
        assert caught.value.field == "TimeLimit.amount"

    def test_the_unit_must_be_a_time_unit(self) -> None:
        with pytest.raises(InvalidValue, match=r"TimeLimit\.unit"):
            TimeLimit(3, "working_days")  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        "call",
        [
            lambda: TimeLimit.working_days(1).due(datetime(2024, 2, 8, 10), CHINA),
            lambda: TimeLimit.hours(1).extend(datetime(2024, 2, 8, 10), CHINA),
            lambda: TimeLimit.hours(1).due(date(2024, 2, 8), CHINA),
            lambda: on_time(datetime(2024, 2, 8, 10), shanghai(2024, 2, 9)),
            lambda: on_time(shanghai(2024, 2, 8), datetime(2024, 2, 9)),
            lambda: local_date(datetime(2024, 2, 8, 10)),
        ],
    )
    def test_naive_datetimes_are_refused(self, call: object) -> None:
        with pytest.raises(InvalidValue):
            call()  # type: ignore[operator]

    def test_a_non_calendar_is_refused(self) -> None:
        with pytest.raises(InvalidValue, match="WorkCalendar"):
            TimeLimit.working_days(1).due(shanghai(2024, 2, 8), "china")  # type: ignore[arg-type]

    def test_a_limit_past_year_9999_raises_invalid_value(self) -> None:
        with pytest.raises(InvalidValue):
            TimeLimit.natural_days(10).due(shanghai(9999, 12, 25), WeekendCalendar())

    def test_labels_read_as_the_rules_write_them(self) -> None:
        assert TimeLimit.working_days(5).label_zh == "5个工作日"
        assert TimeLimit.natural_days(15).label_zh == "15个自然日"
        assert TimeLimit.hours(24).label_zh == "24小时"
        assert [u.value for u in TimeUnit] == ["working_days", "natural_days", "hours"]


# --- the module ----------------------------------------------------------------------------


def test_all_is_sorted_and_importable() -> None:
    names = calendar_module.__all__
    assert names == sorted(names)
    for name in names:
        assert hasattr(calendar_module, name)


def test_the_adapter_says_which_extra_to_install_when_chinese_calendar_is_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from wulian_core.calendar_cn import from_chinese_calendar

    monkeypatch.setitem(sys.modules, "chinese_calendar", None)
    with pytest.raises(ModuleNotFoundError, match=r"wulian-core\[calendar-cn\]"):
        from_chinese_calendar.__wrapped__()


def test_importing_the_calendar_loads_neither_the_table_nor_third_party_calendars() -> None:
    code = (
        "import sys, wulian_core.calendar, wulian_core.calendar_cn\n"
        "bad = {'wulian_core._china_schedule', 'chinese_calendar', 'holidays'} & set(sys.modules)\n"
        "print(sorted(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
