"""The HTML view of a case: after 转办, a table of the units, labelled from the one label table."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wulian_core._labels import LANGS, heading, label
from wulian_core.calendar import SHANGHAI
from wulian_core.errors import InvalidValue, WulianError
from wulian_core.escalation import Case, CaseResult, sweep
from wulian_core.examples import case_example, case_transferred

# National Day 2024: the transfer on Monday 09-30, then 10-01 to 10-07 off; one working
# day to accept counts Tuesday 10-08 and ends at midnight.
AFTER_HOLIDAY = dt.datetime(2024, 10, 8, 9, tzinfo=SHANGHAI)


def rows_of(page: str, caption: str) -> list[list[str]]:
    """The body rows of the table captioned ``caption``, as cell texts."""
    table = page.split(f"<caption>{caption}</caption>", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table)
    return [re.findall(r"<td>(.*?)</td>", row) for row in rows[1:]]


def test_a_transferred_case_shows_each_unit_with_its_clock() -> None:
    case, _who, _at = case_transferred()

    page = case._repr_html_()

    assert "<th>单位 unit</th><th>角色 role</th><th>签收时间 accepted at</th>" in page
    assert rows_of(page, "转办单位 units of the transfer") == [
        ["agency-1", "牵头单位", "", "2024-10-09 00:00 (签收)", "", "办理中"],
        ["agency-2", "协办单位", "", "2024-10-09 00:00 (签收)", "", "办理中"],
    ]


def test_the_units_table_follows_each_part_to_on_time_overdue_and_excused() -> None:
    case, who, _at = case_transferred()
    case.accept_part(by=who.co_unit, at=AFTER_HOLIDAY)
    case.report_back(report="已核查", by=who.co_unit, at=AFTER_HOLIDAY + dt.timedelta(hours=2))
    late = dt.datetime(2024, 10, 9, 10, tzinfo=SHANGHAI)  # 签收 ran out at 10-09 00:00
    case.accept(by=who.unit, at=late)

    rows = rows_of(case.to_html(), "转办单位 units of the transfer")

    lead, co_unit = rows
    assert lead[:3] == ["agency-1", "牵头单位", "2024-10-09 10:00"]
    assert lead[5] == "超期"
    # The co-unit reports within the level's 5 working days of accepting on 10-08: 10-09,
    # 10-10, 10-11, Saturday 10-12 (a make-up workday, 调休) and 10-14; so by 10-15 00:00.
    assert co_unit == [
        "agency-2",
        "协办单位",
        "2024-10-08 09:00",
        "2024-10-15 00:00 (回单)",
        "2024-10-08 11:00",
        "按期",
    ]


def test_a_unit_the_centre_goes_on_without_is_excused_with_its_reason_escaped() -> None:
    case, who, _at = case_transferred()
    case.excuse_unit(unit="agency-2", reason="<b>另案处理</b>", by=who.centre, at=AFTER_HOLIDAY)

    page = case.to_html(lang="en")

    assert rows_of(page, "units of the transfer")[1][5] == "excused: &lt;b&gt;另案处理&lt;/b&gt;"
    assert "<b>" not in page


def test_in_english_every_heading_and_word_of_the_units_table_is_english() -> None:
    case, _who, _at = case_transferred()

    page = case.to_html(lang="en")

    assert "<th>unit</th><th>role</th><th>accepted at</th><th>due</th>" in page
    assert "<th>reported at</th><th>on time</th>" in page
    assert rows_of(page, "units of the transfer")[0] == [
        "agency-1",
        "lead unit",
        "",
        "2024-10-09 00:00 (to accept)",
        "",
        "in progress",
    ]
    assert "<li>deadline to accept 2024-10-09 00:00</li>" in page
    assert "version 10" in page and "版本" not in page


def test_a_case_not_transferred_has_no_units_table_and_a_bad_language_is_named() -> None:
    case, _who, _at = case_example()

    assert label("units") not in case._repr_html_()
    with pytest.raises(InvalidValue, match="lang"):
        case.to_html(lang="fr")  # type: ignore[arg-type]


STEPS = st.lists(
    st.tuples(
        st.sampled_from(["accept", "accept_part", "report_back", "excuse", "sweep", "resolve"]),
        st.integers(0, 3 * 24 * 60),
    ),
    max_size=8,
)


def check_units_view(case: Case) -> None:
    """The units table shows each part, in order, as the part stands, in both languages."""
    parts = case.unit_parts
    for lang in LANGS:
        page = case.to_html(lang=lang)
        caption = heading("units", lang)
        rows = rows_of(page, caption)
        assert [row[0] for row in rows] == [part.unit for part in parts]
        assert [row[1] for row in rows] == [
            label("lead_unit" if part.lead else "co_unit", lang) for part in parts
        ]
        for row, part in zip(rows, parts, strict=True):
            assert (row[2] == "") is (part.accepted_at is None)
            assert (row[4] == "") is (part.reported_at is None)
            standing = row[5].split(":", 1)[0]
            if part.excused is not None:
                assert standing == label("part_excused", lang)
            elif part.overdue:
                assert standing == label("part_overdue", lang)
            elif part.done:
                assert standing == label("part_on_time", lang)
            else:
                assert standing == label("part_open", lang)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=STEPS)
def test_the_units_table_shows_every_part_as_it_stands_whatever_happens(
    steps: list[tuple[str, int]],
) -> None:
    case, who, now = case_transferred()
    done = CaseResult(resident_contacted=True, solved=True, reply="已维修")
    commands: dict[str, Callable[[dt.datetime], object]] = {
        "accept": lambda at: case.accept(by=who.unit, at=at),
        "accept_part": lambda at: case.accept_part(by=who.co_unit, at=at),
        "report_back": lambda at: case.report_back(report="已核查", by=who.co_unit, at=at),
        "excuse": lambda at: case.excuse_unit(
            unit="agency-2", reason="另案处理", by=who.centre, at=at
        ),
        "sweep": lambda at: sweep([case], now=at),
        "resolve": lambda at: case.resolve(result=done, by=who.unit, at=at),
    }
    check_units_view(case)
    for command, minutes in steps:
        now += dt.timedelta(minutes=minutes)
        with contextlib.suppress(WulianError):  # a command out of turn is refused
            commands[command](now)
        check_units_view(case)


def test_the_case_view_and_timeline_mask_numbers_in_free_text() -> None:
    from wulian_core.examples import case_transferred

    case, who, at = case_transferred()
    case.excuse_unit(unit="agency-2", reason="联系 13800138000 无人", by=who.centre, at=at)
    page = case.to_html()
    assert "13800138000" not in page and "138****8000" in page
    assert all("13800138000" not in entry.detail for entry in case.timeline())


def test_a_case_view_in_an_unknown_language_is_refused_by_name() -> None:
    from wulian_core.errors import InvalidValue
    from wulian_core.examples import case_example

    with pytest.raises(InvalidValue, match=r"Case\.to_html\.lang"):
        case_example()[0].to_html(lang="fr")  # type: ignore[arg-type]
