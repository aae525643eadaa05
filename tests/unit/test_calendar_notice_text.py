"""Notices read from their text: every year since 2008, the styles, and what is refused.

The texts under tests/data/notices/ are transcriptions in the notices' wording (see the
README there); 2027-invented.txt is INVENTED, a fixture until the real 2027 notice exists.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from wulian_core.calendar import SHANGHAI, ChinaCalendar, TimeLimit, YearNotice
from wulian_core.errors import DecodeError

NOTICES = Path(__file__).parents[1] / "data" / "notices"
YEARS = range(2008, 2027)
BUNDLED = {notice.year: notice for notice in ChinaCalendar.official().notices}
TEXTS = {year: (NOTICES / f"{year}.txt").read_text(encoding="utf-8") for year in YEARS}
INVENTED_2027 = (NOTICES / "2027-invented.txt").read_text(encoding="utf-8")
HALF_WIDTH = str.maketrans({"（": "(", "）": ")", "，": ",", "：": ":", "；": ";"})


def refusal(text: str) -> DecodeError:
    with pytest.raises(DecodeError) as caught:
        YearNotice.from_text(text)
    return caught.value


def one_item(item: str, year: int = 2026) -> str:
    return f"国务院办公厅关于{year}年部分节假日安排的通知\n{item}\n"


class TestEveryNoticeSince2008:
    def test_there_is_one_text_per_year_and_the_invented_fixture(self) -> None:
        names = sorted(path.name for path in NOTICES.glob("*.txt"))
        assert names == [f"{year}.txt" for year in YEARS] + ["2027-invented.txt"]

    @pytest.mark.parametrize("year", YEARS)
    def test_each_text_reads_as_exactly_the_bundled_entry(self, year: int) -> None:
        notice = YearNotice.from_text(TEXTS[year])

        assert notice.year == year
        assert notice.holidays == BUNDLED[year].holidays
        assert notice.makeup_workdays == BUNDLED[year].makeup_workdays
        assert notice.source.startswith(f"国务院办公厅关于{year}年部分节假日安排的通知")

    @pytest.mark.parametrize("year", YEARS)
    def test_half_width_punctuation_reads_the_same(self, year: int) -> None:
        half = TEXTS[year].translate(HALF_WIDTH)

        assert half != TEXTS[year]
        assert YearNotice.from_text(half) == YearNotice.from_text(TEXTS[year])

    def test_the_source_carries_the_notices_number_when_the_text_gives_it(self) -> None:
        assert YearNotice.from_text(TEXTS[2024]).source == BUNDLED[2024].source


class TestStyles:
    def test_a_range_across_the_year_end_without_years(self) -> None:
        text = one_item("一、元旦：12月30日至1月1日放假调休，共3天。12月29日（星期六）上班。", 2019)

        notice = YearNotice.from_text(text)

        assert notice.holidays[0].start == date(2018, 12, 30)
        assert notice.holidays[0].end == date(2019, 1, 1)
        assert notice.makeup_workdays == (date(2018, 12, 29),)

    def test_several_workdays_in_one_item_with_the_month_left_out(self) -> None:
        text = one_item(
            "一、春节：2月13日至19日放假调休，共7天。2月20日（星期六）、21日（星期日）上班。", 2010
        )

        assert YearNotice.from_text(text).makeup_workdays == (date(2010, 2, 20), date(2010, 2, 21))

    def test_a_day_off_with_the_weekend_beside_it_is_the_one_day(self) -> None:
        notice = YearNotice.from_text(one_item("一、端午节：6月2日放假，与周末连休。", 2014))

        assert [(p.start, p.end) for p in notice.holidays] == [(date(2014, 6, 2), date(2014, 6, 2))]

    def test_a_day_off_and_its_compensating_day_around_a_sunday_are_two_periods(self) -> None:
        notice = YearNotice.from_text(
            one_item("一、清明节：4月5日放假，4月7日（星期一）补休。", 2014)
        )

        assert [p.days for p in notice.holidays] == [(date(2014, 4, 5),), (date(2014, 4, 7),)]

    def test_dashes_lunar_dates_and_explanations_read(self) -> None:
        text = TEXTS[2008].splitlines()
        notice = YearNotice.from_text("\n".join(text))

        spring = next(p for p in notice.holidays if p.name == "春节")
        assert (spring.start, spring.end) == (date(2008, 2, 6), date(2008, 2, 12))

    def test_an_advice_sentence_with_a_date_adds_nothing(self) -> None:
        notice = YearNotice.from_text(TEXTS[2024])

        assert date(2024, 2, 9) not in notice.days_off  # 除夕 2024: advice, not a holiday

    def test_an_item_broken_over_two_lines_reads_as_one(self) -> None:
        text = TEXTS[2026].replace("放假调休，共9天。", "放假调休，\n共9天。")

        assert text != TEXTS[2026]
        assert YearNotice.from_text(text) == YearNotice.from_text(TEXTS[2026])

    def test_the_invented_2027_notice_reads(self) -> None:
        notice = YearNotice.from_text(INVENTED_2027)

        assert notice.year == 2027
        assert INVENTED_2027.startswith("【INVENTED")
        assert notice.makeup_workdays[0] == date(2027, 2, 20)


class TestRefusals:
    def test_a_wrong_weekday_is_refused_naming_the_item_and_quoting_it(self) -> None:
        item = "一、元旦：1月1日（周五）至3日（周六）放假调休，共3天。"

        err = refusal(one_item(item))

        assert err.problems[0][0] == "item 一 (元旦)"
        assert "says 周五, but 2026-01-01 is a 周四" in err.problems[0][1]
        assert f"「{item}」" in err.problems[0][1]

    def test_a_wrong_count_is_refused(self) -> None:
        err = refusal(one_item("一、春节：2月15日至23日放假调休，共8天。"))

        assert "says 8 days, but the days it states are 9" in str(err)

    def test_a_make_up_workday_on_a_weekday_is_refused(self) -> None:
        err = refusal(one_item("一、元旦：1月1日至3日放假，共3天。1月5日上班。"))

        assert "make-up workday 2026-01-05 is a 周一, not a weekend" in str(err)

    @pytest.mark.parametrize(
        ("item", "reason"),
        [
            ("一、元旦：1月1日（休息）放假。", "cannot read (休息)"),
            ("一、元旦：2月30日放假。", "2月30日 is not a date"),
            ("一、元旦：3日放假。", "3日 has no month"),
            ("一、元旦：1月3日至1日放假。", "runs backwards"),
            ("一、元旦：1月1日放假。周末上班。", "names no day to work"),
            ("一、元旦：与周末连休。", "states no day off"),
            ("二、元旦：1月1日放假。", "is numbered 二, after 0 items"),
            ("一、元旦：1月1日放假。1月3日至4日上班。", "a make-up workday is a day, not a range"),
            ("一、元旦：1月1日放假。2026年12月26日（周六）上班。", "outside the 2026 notice"),
        ],
    )
    def test_what_cannot_be_read_is_refused(self, item: str, reason: str) -> None:
        err = refusal(one_item(item))

        assert reason in str(err)
        assert item.partition("：")[0].split("、")[1] in err.problems[0][0]

    def test_two_items_naming_the_same_day_are_refused(self) -> None:
        err = refusal(one_item("一、元旦：1月1日放假。\n二、新年：1月1日放假。"))

        assert "listed twice" in str(err)
        assert err.problems[0][0] == "item 二 (新年)"

    def test_a_text_without_a_title_or_items_is_refused(self) -> None:
        assert refusal("一、元旦：1月1日放假。").problems[0][0] == "title"
        assert refusal("国务院办公厅关于2026年部分节假日安排的通知\n").problems[0][0] == "items"
        assert refusal(b"bytes").problems[0][0] == ""  # type: ignore[arg-type]

    def test_a_numbered_item_after_the_closing_text_is_refused(self) -> None:
        text = one_item("一、元旦：1月1日放假。") + "节假日期间……\n二、春节：2月17日放假。\n"

        assert refusal(text).problems[0][0] == "items"

    def test_an_impossible_date_of_issue_is_refused(self) -> None:
        assert refusal(TEXTS[2026].replace("2025年11月4日", "2025年11月31日")).problems
        err = refusal(TEXTS[2026].replace("2025年11月4日", "2020年11月4日"))
        assert err.problems[0][0] == "issued"


# --- every mismatch, in every year's text ------------------------------------------------

_WEEKDAY_IN_BRACKETS = re.compile(r"(?<=[（(、,，])(周|星期)([一二三四五六日])(?=[）)、,，])")
_COUNT = re.compile(r"共(\d+)天")


def spots(pattern: re.Pattern[str]) -> list[tuple[int, re.Match[str]]]:
    return [(year, m) for year in YEARS for m in pattern.finditer(TEXTS[year])]


@given(spot=st.sampled_from(spots(_WEEKDAY_IN_BRACKETS)), shift=st.integers(1, 6))
def test_any_weekday_changed_in_any_notice_is_refused(
    spot: tuple[int, re.Match[str]], shift: int
) -> None:
    year, match = spot
    days = "一二三四五六日"
    wrong = days[(days.index(match.group(2)) + shift) % 7]
    text = TEXTS[year][: match.start(2)] + wrong + TEXTS[year][match.end(2) :]

    err = refusal(text)

    assert any(f"says {match.group(1)}{wrong}" in reason for _, reason in err.problems)


@given(spot=st.sampled_from(spots(_COUNT)), delta=st.integers(-2, 3).filter(bool))
def test_any_count_changed_in_any_notice_is_refused(
    spot: tuple[int, re.Match[str]], delta: int
) -> None:
    year, match = spot
    said = int(match.group(1)) + delta
    assume(said > 0)
    text = TEXTS[year][: match.start(1)] + str(said) + TEXTS[year][match.end(1) :]

    err = refusal(text)

    assert any(f"says {said} days" in reason for _, reason in err.problems)
    assert all(path.startswith("item ") for path, _ in err.problems)


@given(year=st.sampled_from(YEARS), data=st.data())
def test_any_make_up_workday_moved_to_a_weekday_is_refused(year: int, data: st.DataObject) -> None:
    day = data.draw(st.sampled_from(BUNDLED[year].makeup_workdays))
    # Within the notice's window, where a date without a year reads as the day meant.
    first, last = (25, 31) if day.month == 12 else (1, 28)
    weekdays = st.integers(first, last).map(lambda d: date(day.year, day.month, d))
    to = data.draw(weekdays.filter(lambda d: d.weekday() < 5))
    text = re.sub(
        rf"(?<![\d年月]){day.month}月{day.day}日（(周|星期)[一二三四五六日]）(?=[、上])",
        f"{to.month}月{to.day}日",
        TEXTS[year],
    )
    assume(text != TEXTS[year])  # not when the text writes the day without its month (21日)

    err = refusal(text)

    assert any(f"make-up workday {to} is a" in reason for _, reason in err.problems)


# --- the invented 2027 notice across the end of the bundled notices ----------------------


class TestDeadlinesIntoTheYearWithoutANotice:
    """Uses tests/data/notices/2027-invented.txt: INVENTED dates, not the real 2027 notice."""

    START = datetime(2026, 12, 18, 10, tzinfo=SHANGHAI)

    def test_forty_working_days_from_2026_12_18_on_the_provisional_calendar(self) -> None:
        provisional = ChinaCalendar.official(beyond="statutory")

        due = TimeLimit.working_days(40).due(self.START, provisional)

        # By law alone: 春节 2-05 to 2-08, no make-up days; the last day is 2027-02-17.
        assert due == datetime(2027, 2, 18, tzinfo=SHANGHAI)
        assert provisional.is_provisional(date(2027, 2, 17))

    def test_the_same_deadline_once_the_invented_notice_is_added(self) -> None:
        provisional = ChinaCalendar.official(beyond="statutory")
        firm = provisional.extended(YearNotice.from_text(INVENTED_2027))

        due = TimeLimit.working_days(40).due(self.START, firm)

        # The invented notice rests 2-05 to 2-13 and works Saturday 2-20: the last day is 2-22.
        assert due == datetime(2027, 2, 23, tzinfo=SHANGHAI)
        assert not firm.is_provisional(date(2027, 2, 22))
        assert firm.provisional_from == date(2027, 12, 25)

    def test_without_the_fallback_the_deadline_is_refused(self) -> None:
        from wulian_core.errors import CalendarCoverageError

        with pytest.raises(CalendarCoverageError):
            TimeLimit.working_days(40).due(self.START, ChinaCalendar.official())
