"""Cases past the last State Council notice: provisional deadlines, then replanned.

The bundled notices end on 2026-12-24. Cases keep opening and running on the law's
holidays (暂定), and are put right once the year's notice is added. The 2027 notice used
here is invented, in the official style (tests/data/notices/2027-invented.txt), until the
real one is bundled.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from wulian_core.calendar import SHANGHAI, ChinaCalendar, TimeLimit, YearNotice
from wulian_core.escalation import (
    Case,
    CaseCategory,
    CaseChannel,
    CaseClock,
    DeadlineReplanned,
    EscalationPolicy,
    stats,
    sweep,
)
from wulian_core.examples import case_across_the_notice, case_people
from wulian_core.regions import RegionCode

INVENTED_2027 = YearNotice.from_text(
    (Path(__file__).parent.parent / "data" / "notices" / "2027-invented.txt").read_text(
        encoding="utf-8"
    )
)
BY_LAW = ChinaCalendar.official(beyond="statutory")
FINAL = BY_LAW.extended(INVENTED_2027)
WHO = case_people()
YUEHE = RegionCode("150603001001")


def at(y: int, m: int, d: int, h: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, h, minute, tzinfo=SHANGHAI)


def open_case(when: dt.datetime, calendar: ChinaCalendar | None = None) -> Case:
    return Case.open(
        id="case-x",
        resident="p-resident",
        community=YUEHE,
        grid="g-1",
        category=CaseCategory.DISPUTE,
        channel=CaseChannel.IN_PERSON,
        summary="楼上漏水",
        policy=EscalationPolicy.kangbashi(),
        by=WHO.resident,
        at=when,
        home_agency="agency-centre",
        calendar=calendar,
    )


def to_the_agency(case: Case, when: dt.datetime) -> dt.datetime:
    for handler in (WHO.liaison, WHO.grid_worker, WHO.secretary):
        case.accept(by=handler, at=when)
        case.escalate(reason="本级无法解决", by=handler, at=when)
    case.accept(by=WHO.centre, at=when)
    return when


def test_cases_open_and_run_past_the_last_notice_on_the_default_calendar() -> None:
    # Once the bundled notices ended, opening a case on 2026-12-24 and withdrawing one
    # opened on 12-18 both failed: their clocks needed 2026-12-25.
    late = open_case(at(2026, 12, 24, 10))
    older = open_case(at(2026, 12, 18, 10))

    assert [d.provisional for d in late.deadlines] == [True, True]
    assert older.withdraw(reason="已和解", by=WHO.resident, at=at(2026, 12, 28, 9))
    assert older.status.value == "withdrawn"


def test_an_agency_deadline_with_an_extension_is_replanned_where_the_final_calendar_puts_it() -> (
    None
):
    opened = at(2026, 12, 21, 10)
    provisional = open_case(opened)
    final = open_case(opened, calendar=FINAL)
    for case in (provisional, final):
        when = to_the_agency(case, opened)
        case.request_extension(
            extension=TimeLimit.working_days(3), reason="需鉴定", by=WHO.centre, at=when
        )
        case.approve_extension(by=WHO.supervisor, at=when)
    resolve = provisional.deadlines[-1]
    assert resolve.clock is CaseClock.RESOLVE and resolve.provisional

    moved = [
        e
        for e in provisional.replan(FINAL, by=WHO.supervisor, at=opened)
        if type(e) is DeadlineReplanned
    ]

    assert [(e.clock, e.previous, e.due) for e in moved] == [
        (CaseClock.RESOLVE, resolve.due, final.resolve_due)
    ]
    assert provisional.deadlines == final.deadlines
    assert provisional.calendar is FINAL


def test_a_deadline_that_ran_out_is_history_and_is_not_replanned() -> None:
    case, who, _ = case_across_the_notice()
    sweep([case], now=at(2026, 12, 26, 9))  # the liaison's day ran out: up to the grid
    missed = [e for e in case.events if e.kind == "case.deadline_missed"]
    assert missed

    events = case.replan(FINAL, by=who.supervisor, at=at(2026, 12, 26, 9))

    assert all(e.case == case.id for e in events)
    assert [e.kind for e in case.events if e.kind == "case.deadline_missed"] == [
        m.kind for m in missed
    ]
    assert all(type(e) is not DeadlineReplanned or e.previous >= at(2026, 12, 26) for e in events)


def test_provisional_deadlines_show_in_the_timeline_the_records_the_html_and_the_stats() -> None:
    case, who, opened = case_across_the_notice()

    assert case.timeline()[0].provisional
    assert case.to_records()[0]["provisional"] is True
    assert "暂定" in case._repr_html_()
    before = stats([case], between=(opened, opened + dt.timedelta(days=1)))
    assert (before.provisional, before.replanned) == (2, 0)

    firm = BY_LAW.extended(YearNotice.statutory(2027))
    case.replan(firm, by=who.supervisor, at=opened)

    assert not any(d.provisional for d in case.deadlines)
    assert "暂定" not in case._repr_html_()
    after = stats([case], between=(opened, opened + dt.timedelta(days=1)))
    assert (after.provisional, after.replanned) == (2, 2)
    assert case.timeline()[-1].what == "时限调整"


def test_replaying_a_replanned_case_needs_no_calendar() -> None:
    case, who, opened = case_across_the_notice()
    case.replan(FINAL, by=who.supervisor, at=opened)

    again = Case.replay(case.events)  # the deadlines are in the events

    assert again.deadlines == case.deadlines
    assert Case.replay(case.events, calendar=FINAL) == case  # equal on the same calendar
    assert [d.provisional for d in again.deadlines] == [False, False]
