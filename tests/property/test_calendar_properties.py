"""Working-day arithmetic, checked against its definition and against a day-by-day loop."""

from __future__ import annotations

import functools
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wulian_core.calendar import (
    SHANGHAI,
    ChinaCalendar,
    HolidayPeriod,
    TimeLimit,
    TimeUnit,
    WeekendCalendar,
    YearNotice,
    local_date,
    on_time,
)
from wulian_core.errors import CalendarCoverageError

CHINA = ChinaCalendar.official()
WEEKEND = WeekendCalendar()
CALENDARS = [pytest.param(CHINA, id="china"), pytest.param(WEEKEND, id="weekend")]

# 40 working days never take more than 70 calendar days, Spring Festival included.
MAX_N = 40
SAFE_LAST = CHINA.valid_through - timedelta(days=70)

china_days = st.dates(min_value=CHINA.valid_from, max_value=SAFE_LAST)
counts = st.integers(min_value=0, max_value=MAX_N)
instants = st.datetimes(
    min_value=datetime(2004, 1, 1),
    max_value=datetime.combine(SAFE_LAST, datetime.min.time()),
    timezones=st.timezones(),
)
units = st.sampled_from(TimeUnit)
amounts = st.integers(min_value=1, max_value=20)


def loop_add(calendar: ChinaCalendar | WeekendCalendar, start: date, n: int) -> date:
    day = start
    while n:
        day += timedelta(days=1)
        n -= calendar.is_workday(day)
    return day


@pytest.mark.parametrize("calendar", CALENDARS)
@given(start=china_days, n=st.integers(min_value=1, max_value=MAX_N))
def test_add_workdays_lands_on_a_working_day_after_the_start(
    calendar: ChinaCalendar | WeekendCalendar, start: date, n: int
) -> None:
    end = calendar.add_workdays(start, n)
    assert end > start
    assert calendar.is_workday(end)


@pytest.mark.parametrize("calendar", CALENDARS)
@given(start=china_days, n=st.integers(min_value=0, max_value=MAX_N - 1))
def test_add_workdays_is_strictly_monotonic_in_n(
    calendar: ChinaCalendar | WeekendCalendar, start: date, n: int
) -> None:
    assert calendar.add_workdays(start, n) < calendar.add_workdays(start, n + 1)


@pytest.mark.parametrize("calendar", CALENDARS)
@given(start=china_days, n=counts)
def test_workdays_between_inverts_add_workdays(
    calendar: ChinaCalendar | WeekendCalendar, start: date, n: int
) -> None:
    assert calendar.workdays_between(start, calendar.add_workdays(start, n)) == n


@pytest.mark.parametrize("calendar", CALENDARS)
@given(start=china_days, n=counts)
def test_add_workdays_equals_a_day_by_day_loop(
    calendar: ChinaCalendar | WeekendCalendar, start: date, n: int
) -> None:
    assert calendar.add_workdays(start, n) == loop_add(calendar, start, n)


@pytest.mark.parametrize("calendar", CALENDARS)
@given(a=china_days, b=china_days)
def test_workdays_between_is_antisymmetric_and_counts_working_days(
    calendar: ChinaCalendar | WeekendCalendar, a: date, b: date
) -> None:
    assert calendar.workdays_between(a, b) == -calendar.workdays_between(b, a)
    first, last = sorted((a, b))
    if (last - first).days <= 60:
        days = [first + timedelta(days=i) for i in range(1, (last - first).days + 1)]
        assert calendar.workdays_between(first, last) == sum(map(calendar.is_workday, days))


@given(start=st.dates(min_value=SAFE_LAST, max_value=CHINA.valid_through), extra=st.integers(1, 30))
def test_counting_into_an_unknown_year_raises(start: date, extra: int) -> None:
    n = CHINA.workdays_between(start, CHINA.valid_through) + extra
    with pytest.raises(CalendarCoverageError) as caught:
        CHINA.add_workdays(start, n)
    assert caught.value.date == CHINA.valid_through + timedelta(days=1)


@given(day=st.dates(min_value=CHINA.valid_through + timedelta(days=1), max_value=date(2100, 1, 1)))
def test_every_date_after_the_last_notice_is_refused(day: date) -> None:
    with pytest.raises(CalendarCoverageError) as caught:
        CHINA.is_workday(day)
    assert caught.value.date == day


@given(start=instants, amount=amounts)
def test_a_working_day_limit_ends_at_midnight_after_its_nth_working_day(
    start: datetime, amount: int
) -> None:
    due = TimeLimit.working_days(amount).due(start, CHINA)
    assert due.tzinfo is SHANGHAI
    assert (due.hour, due.minute, due.second, due.microsecond) == (0, 0, 0, 0)
    last_day = due.date() - timedelta(days=1)
    assert CHINA.is_workday(last_day)
    assert CHINA.workdays_between(local_date(start), last_day) == amount
    assert on_time(due - timedelta(microseconds=1), due)
    assert not on_time(due, due)


@given(start=instants, amount=amounts)
def test_a_natural_day_limit_ends_at_midnight_n_days_after_the_local_date(
    start: datetime, amount: int
) -> None:
    due = TimeLimit.natural_days(amount).due(start, CHINA)
    assert due == datetime.combine(
        local_date(start) + timedelta(days=amount + 1), datetime.min.time(), tzinfo=SHANGHAI
    )


@given(start=instants, amount=amounts)
def test_an_hour_limit_adds_elapsed_hours(start: datetime, amount: int) -> None:
    due = TimeLimit.hours(amount).due(start, CHINA)
    assert due - start == timedelta(hours=amount)


@given(start=instants, unit=units, first=amounts, second=amounts)
def test_extending_a_limit_equals_one_longer_limit(
    start: datetime, unit: TimeUnit, first: int, second: int
) -> None:
    due = TimeLimit(first, unit).due(start, CHINA)
    assert TimeLimit(second, unit).extend(due, CHINA) == TimeLimit(first + second, unit).due(
        start, CHINA
    )


@given(start=instants, amount=amounts)
def test_a_later_start_is_never_due_earlier(start: datetime, amount: int) -> None:
    limit = TimeLimit.working_days(amount)
    later = start + timedelta(hours=7)
    if local_date(later) <= SAFE_LAST:
        assert limit.due(start, CHINA) <= limit.due(later, CHINA)


names = st.text(min_size=1, max_size=12).filter(lambda s: s.strip())


@given(year=st.integers(2000, 2100), name=names, source=names, offset=st.integers(0, 300))
def test_a_notice_round_trips_through_toml(year: int, name: str, source: str, offset: int) -> None:
    start = date(year, 1, 1) + timedelta(days=offset)
    weekend = [
        start + timedelta(days=i)
        for i in range(14, 28)
        if (start + timedelta(days=i)).weekday() >= 5
    ]
    notice = YearNotice(
        year=year,
        source=source,
        holidays=[HolidayPeriod(name=name, start=start, end=start + timedelta(days=6))],
        makeup_workdays=weekend[:2],
    )
    assert YearNotice.from_toml(notice.to_toml()) == notice


@given(start=st.dates(max_value=date(9999, 1, 1)), n=counts)
def test_the_weekend_calendar_agrees_with_a_loop_on_any_date(start: date, n: int) -> None:
    end = WEEKEND.add_workdays(start, n)
    assert end == loop_add(WEEKEND, start, n)
    assert WEEKEND.workdays_between(start, end) == n


# --- the provisional calendar: the law past the last notice --------------------------------

PROVISIONAL = ChinaCalendar.official(beyond="statutory")
BY_LAW = frozenset(day for year in range(2027, 2061) for day in YearNotice.statutory(year).days_off)
provisional_days = st.dates(min_value=date(2026, 12, 25), max_value=date(2060, 10, 1))
any_provisional_calendar_day = st.dates(
    min_value=PROVISIONAL.valid_from, max_value=date(2060, 10, 1)
)


@given(day=provisional_days)
def test_a_provisional_day_rests_on_weekends_and_statutory_days_only(day: date) -> None:
    assert PROVISIONAL.is_provisional(day)
    assert PROVISIONAL.is_workday(day) is (day.weekday() < 5 and day not in BY_LAW)


@given(start=any_provisional_calendar_day, n=st.integers(min_value=0, max_value=MAX_N))
def test_deadlines_across_the_last_notice_agree_with_a_day_by_day_loop(start: date, n: int) -> None:
    end = PROVISIONAL.add_workdays(start, n)

    assert end == loop_add(PROVISIONAL, start, n)
    assert PROVISIONAL.workdays_between(start, end) == n
    # A deadline counted a provisional day exactly when it ends on or after provisional_from.
    assert PROVISIONAL.is_provisional(end) is (end >= date(2026, 12, 25))


@given(day=st.dates(min_value=PROVISIONAL.valid_from, max_value=CHINA.valid_through))
def test_before_the_last_notice_the_provisional_calendar_is_the_official_one(day: date) -> None:
    assert PROVISIONAL.is_workday(day) is CHINA.is_workday(day)
    assert not PROVISIONAL.is_provisional(day)


@functools.cache
def extended_by(years: int) -> ChinaCalendar:
    # Built once per count: each extension rebuilds the table (about 10 ms).
    calendar = PROVISIONAL
    for year in range(2027, 2027 + years):
        calendar = calendar.extended(YearNotice.statutory(year))
    return calendar


@given(years=st.integers(min_value=1, max_value=5), day=provisional_days)
def test_adding_notices_moves_provisional_from_and_keeps_the_mode(years: int, day: date) -> None:
    calendar = extended_by(years)

    assert calendar.beyond == "statutory"
    assert calendar.provisional_from == date(2026 + years, 12, 25)
    assert calendar.is_provisional(day) is (day >= date(2026 + years, 12, 25))
    # Notices that say what the law says change no answer.
    assert calendar.is_workday(day) is PROVISIONAL.is_workday(day)
