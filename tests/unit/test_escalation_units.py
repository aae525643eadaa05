"""The dispatch centre keeps a transferred case (转办): each unit's part, on its own clock.

The story: the centre (agency-centre) accepts a dispute on Monday 2024-09-30 and
transfers it to agency-1 (lead) with agency-2 (co-unit); National Day (10-01 to 10-07)
lies between, Saturday 10-12 is worked. The policy is Kangbashi's procedure: each unit
accepts within 1 working day and reports back within 3 of accepting.
"""

from __future__ import annotations

import datetime as dt

import pytest

from wulian_core import codec
from wulian_core.calendar import SHANGHAI, ChinaCalendar, YearNotice
from wulian_core.errors import IllegalTransition, IntegrityError, InvalidValue, PermissionDenied
from wulian_core.escalation import (
    Case,
    CaseCategory,
    CaseChannel,
    CaseClock,
    CaseEvent,
    CaseResult,
    CaseTransferred,
    DeadlineMissed,
    EscalationPolicy,
    UnitReported,
    stats,
    sweep,
)
from wulian_core.examples import case_people, case_transferred
from wulian_core.regions import RegionCode

WHO = case_people()
YUEHE = RegionCode("150603001001")
SOLVED = CaseResult(resident_contacted=True, solved=True, reply="已修复并回访")


def at(m: int, d: int, h: int = 0, minute: int = 0, y: int = 2024) -> dt.datetime:
    return dt.datetime(y, m, d, h, minute, tzinfo=SHANGHAI)


def transferred(policy: EscalationPolicy | None = None, when: dt.datetime | None = None) -> Case:
    when = when or at(9, 30, 9)
    case = Case.open(
        id="case-u",
        resident="p-resident",
        community=YUEHE,
        grid="g-1",
        category=CaseCategory.DISPUTE,
        channel=CaseChannel.PLATFORM,
        summary="楼上漏水，涉及物业和供水",
        policy=policy or EscalationPolicy.kangbashi_routes(),
        by=WHO.resident,
        at=when,
        home_agency="agency-centre",
        calendar=ChinaCalendar.official(beyond="statutory"),
    )
    case.accept(by=WHO.grid_worker, at=when)
    case.escalate(reason="网格无法处置", by=WHO.grid_worker, at=when)
    case.accept(by=WHO.centre, at=when)
    case.transfer(lead="agency-1", co_units=["agency-2"], by=WHO.centre, at=when, note="牵头办理")
    return case


def test_after_the_transfer_the_centre_keeps_the_case_and_answers_the_resident() -> None:
    case = transferred()

    assert (case.owner, case.agency, case.co_units) == ("agency-centre", "agency-1", ("agency-2",))
    case.give_feedback(message="已转供水公司牵头办理", by=WHO.centre, at=at(9, 30, 10))
    case.give_feedback(message="协办单位已受理", by=WHO.co_unit, at=at(9, 30, 11))
    case.urge(note="请尽快签收", by=WHO.centre, at=at(9, 30, 12))
    with pytest.raises(PermissionDenied, match="the centre agency-centre or a co-unit"):
        case.give_feedback(message="x", by=WHO.stranger, at=at(9, 30, 12))


def test_each_unit_accepts_its_part_on_its_own_clock_across_national_day() -> None:
    case = transferred()
    lead, co = case.unit_parts
    # 签收 within a working day of Monday 09-30: Tuesday 10-08 is the next.
    assert (lead.unit, lead.lead, lead.accept_due) == ("agency-1", True, at(10, 9))
    assert (co.unit, co.lead, co.accept_due) == ("agency-2", False, at(10, 9))

    case.accept(by=WHO.unit, at=at(10, 8, 9))
    case.accept_part(by=WHO.co_unit, at=at(10, 8, 10))

    co = case.unit_parts[1]
    # Three working days from 10-08: 10-09, 10-10, 10-11.
    assert (co.accepted_on_time, co.report_due) == (True, at(10, 12))
    # The lead's 办结 runs five working days from its acceptance: 10-09, 10-10, 10-11,
    # Saturday 10-12 (worked) and Monday 10-14.
    assert case.unit_parts[0].report_due == at(10, 15)


def test_the_lead_resolves_only_once_every_co_unit_has_reported_back() -> None:
    case = transferred()
    case.accept(by=WHO.unit, at=at(10, 8, 9))
    case.accept_part(by=WHO.co_unit, at=at(10, 8, 10))
    before = case.events

    with pytest.raises(IllegalTransition, match="co-units agency-2 have not reported back"):
        case.resolve(result=SOLVED, by=WHO.unit, at=at(10, 9, 9))
    assert case.events == before

    case.report_back(report="已更换供水阀门", by=WHO.co_unit, at=at(10, 10, 16))
    case.resolve(result=SOLVED, by=WHO.unit, at=at(10, 11, 9))
    case.close(note="居民满意", by=WHO.centre, at=at(10, 12, 9))

    assert case.status.is_final
    assert [part.reported_on_time for part in case.unit_parts] == [True, True]


def test_the_centre_goes_on_without_a_co_unit_with_a_written_reason() -> None:
    case = transferred()
    case.accept(by=WHO.unit, at=at(10, 8, 9))

    with pytest.raises(PermissionDenied, match="only staff of the centre"):
        case.excuse_unit(unit="agency-2", reason="x", by=WHO.unit, at=at(10, 8, 10))
    with pytest.raises(InvalidValue, match="Case.excuse_unit.reason"):
        case.excuse_unit(unit="agency-2", reason=" ", by=WHO.centre, at=at(10, 8, 10))
    with pytest.raises(InvalidValue, match="waiting for: agency-2"):
        case.excuse_unit(unit="agency-9", reason="x", by=WHO.centre, at=at(10, 8, 10))
    case.excuse_unit(
        unit="agency-2", reason="供水问题已由牵头单位一并解决", by=WHO.centre, at=at(10, 8, 11)
    )
    case.resolve(result=SOLVED, by=WHO.unit, at=at(10, 9, 9))

    assert case.unit_parts[1].excused == "供水问题已由牵头单位一并解决"


def test_a_co_unit_reports_once_after_accepting_and_only_its_own_part() -> None:
    case = transferred()

    with pytest.raises(IllegalTransition, match="accepts its part before reporting"):
        case.report_back(report="x", by=WHO.co_unit, at=at(10, 8, 9))
    with pytest.raises(PermissionDenied, match=r"only staff of a co-unit act \(agency-2\)"):
        case.accept_part(by=WHO.unit, at=at(10, 8, 9))
    case.accept_part(by=WHO.co_unit, at=at(10, 8, 9))
    with pytest.raises(IllegalTransition, match="accepted its part already"):
        case.accept_part(by=WHO.co_unit, at=at(10, 8, 9))
    case.report_back(report="已配合", by=WHO.co_unit, at=at(10, 8, 10))
    with pytest.raises(IllegalTransition, match="is done with its part"):
        case.report_back(report="再报", by=WHO.co_unit, at=at(10, 8, 11))


def test_a_co_units_missed_clock_is_marked_and_does_not_move_the_case() -> None:
    case = transferred()
    case.accept(by=WHO.unit, at=at(10, 8, 9))

    events = sweep([case], now=at(10, 9, 9))

    missed = [e for e in events if isinstance(e, DeadlineMissed)]
    assert [(e.unit, e.clock, e.due) for e in missed] == [("agency-2", CaseClock.ACCEPT, at(10, 9))]
    assert (case.level.id, case.agency) == ("agency", "agency-1")
    assert case.unit_parts[1].accept_missed is True
    accepted = case.accept_part(by=WHO.co_unit, at=at(10, 9, 10))
    assert accepted[0].kind == "case.unit_accepted"
    assert case.unit_parts[1].accepted_on_time is False


def test_a_late_report_is_recorded_as_late() -> None:
    case = transferred()
    case.accept_part(by=WHO.co_unit, at=at(10, 8, 10))

    events = case.report_back(report="迟报", by=WHO.co_unit, at=at(10, 14, 9))

    reported = [e for e in events if isinstance(e, UnitReported)]
    assert reported[0].on_time is False


def test_the_timeline_and_the_stats_show_each_units_part() -> None:
    case = transferred()
    case.accept(by=WHO.unit, at=at(10, 8, 9))
    case.accept_part(by=WHO.co_unit, at=at(10, 8, 10))
    case.report_back(report="已更换阀门", by=WHO.co_unit, at=at(10, 14, 9))  # late
    case.resolve(result=SOLVED, by=WHO.unit, at=at(10, 14, 10))  # on time: due end of 10-14

    rows = [(entry.what, entry.detail) for entry in case.timeline()]
    assert ("协办签收", "agency-2，办结时限 2024-10-12 00:00") in rows
    assert ("协办回单", "agency-2（超期）：已更换阀门") in rows
    assert ("转办", "牵头单位 agency-1，协办 agency-2") in rows

    figures = stats([case], between=(at(9, 1), at(11, 1)))
    assert [(u.unit, u.assigned, u.reported, u.on_time) for u in figures.units] == [
        ("agency-1", 1, 1, 1),
        ("agency-2", 1, 1, 0),
    ]
    assert figures.unit("agency-2").reply_rate == 1  # type: ignore[union-attr]
    assert figures.unit("agency-9") is None


def test_the_reply_rate_counts_parts_not_yet_reported() -> None:
    one, two = transferred(), transferred()
    one.accept_part(by=WHO.co_unit, at=at(10, 8, 10))
    one.report_back(report="已配合", by=WHO.co_unit, at=at(10, 8, 11))

    figures = stats([one, two], between=(at(9, 1), at(11, 1)))

    assert figures.unit("agency-2").reply_rate == pytest.approx(0.5)  # type: ignore[union-attr]


def test_unit_clocks_past_the_last_notice_are_provisional_and_replanned() -> None:
    case = transferred(when=at(12, 24, 10, y=2026))
    co = case.unit_parts[1]
    assert co.accept_provisional is True  # 签收 runs to the end of 12-25, known only by law

    firm = ChinaCalendar.official(beyond="statutory").extended(YearNotice.statutory(2027))
    events = case.replan(firm, by=WHO.supervisor, at=at(12, 24, 11, y=2026))

    moved = [e for e in events if e.unit == "agency-2"]
    assert [(e.clock, e.provisional) for e in moved] == [(CaseClock.ACCEPT, False)]
    assert case.unit_parts[1].accept_provisional is False


def test_the_unit_events_replay_and_survive_json() -> None:
    case = transferred()
    case.accept_part(by=WHO.co_unit, at=at(10, 8, 10))
    case.report_back(report="已配合", by=WHO.co_unit, at=at(10, 8, 11))

    union: object = CaseEvent
    decoded = [codec.from_json(union, codec.to_json(e)) for e in case.events]  # type: ignore[call-overload]

    assert Case.replay(decoded) == case


def test_a_report_stored_before_its_acceptance_is_refused_on_replay() -> None:
    case = transferred()
    case.accept_part(by=WHO.co_unit, at=at(10, 8, 10))
    case.report_back(report="已配合", by=WHO.co_unit, at=at(10, 8, 11))
    events = list(case.events)
    events[-2], events[-1] = events[-1], events[-2]  # the report first

    with pytest.raises(IntegrityError, match="reports only once, after accepting"):
        Case.replay(events)


def test_a_transfer_with_co_units_carries_their_deadline_and_one_without_does_not() -> None:
    case, _, at_ = case_transferred()
    transfer = case.events[-1]
    assert isinstance(transfer, CaseTransferred)
    assert transfer.unit_accept_due is not None

    with pytest.raises(InvalidValue, match="CaseTransferred.unit_accept_due"):
        CaseTransferred(
            case="c",
            at=at_,
            by="p",
            level="agency",
            agency="agency-1",
            accept_due=at_,
            co_units=("agency-2",),
        )
    plain = codec.to_json(
        CaseTransferred(case="c", at=at_, by="p", level="agency", agency="agency-1", accept_due=at_)
    )
    assert "unit_accept" not in plain


def test_the_lead_part_is_none_before_a_transfer() -> None:
    case = transferred()
    fresh = Case.replay(case.events[:3])

    assert (fresh.owner, fresh.unit_parts) == (None, ())
