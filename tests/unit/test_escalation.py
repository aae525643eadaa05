"""The article's stories in 悦和社区, with deadlines over National Day and the Spring Festival.

Every expected date is worked out by hand from the State Council's notices:

- 2024 Spring Festival: off 02-10 to 02-17; worked Sunday 02-04 and Sunday 02-18.
- 2024 National Day: off 10-01 to 10-07; worked Sunday 09-29 and Saturday 10-12.
- 2025 National Day and Mid-Autumn: off 10-01 to 10-08; worked Sunday 09-28, Saturday 10-11.

A deadline is 00:00 of the day after the last working day it allows (work strictly
before it is on time).
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from wulian_core.calendar import SHANGHAI, ChinaCalendar, TimeLimit, WeekendCalendar
from wulian_core.errors import (
    CalendarCoverageError,
    IllegalTransition,
    IntegrityError,
    InvalidValue,
    PermissionDenied,
)
from wulian_core.escalation import (
    SWEEP_ACTOR,
    Case,
    CaseAccepted,
    CaseCategory,
    CaseChannel,
    CaseClock,
    CaseEscalated,
    CaseOpened,
    CaseResult,
    CaseStatus,
    EscalationPolicy,
    Satisfaction,
    stats,
)
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.regions import RegionCode
from wulian_core.synth import YUEHE, kangbashi

WHO_GRID = "g-1"
RESIDENT = Actor("p-resident")
LIAISON = Actor("p-liaison", {Grant(Role.LIAISON, Scope.grid(WHO_GRID))})
GRID_WORKER = Actor("p-grid", {Grant(Role.FULL_TIME_GRID_WORKER, Scope.grid(WHO_GRID))})
PART_TIMER = Actor("p-part", {Grant(Role.PART_TIME_GRID_WORKER, Scope.grid(WHO_GRID))})
SECRETARY = Actor("p-secretary", {Grant(Role.COMMUNITY_SECRETARY, Scope.region(YUEHE))})
CENTRE = Actor("p-centre", {Grant(Role.AGENCY_STAFF, Scope.agency("agency-centre"))})
UNIT = Actor("p-unit", {Grant(Role.AGENCY_STAFF, Scope.agency("agency-1"))})
SUPERVISOR = Actor("p-supervisor", {Grant(Role.SUPERVISOR, Scope.region(RegionCode("150603")))})
SOLVED = CaseResult(complaint_true=True, resident_contacted=True, solved=True, reply="已协调解决")


def at(y: int, m: int, d: int, h: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, h, minute, tzinfo=SHANGHAI)


def open_case(
    when: dt.datetime,
    channel: CaseChannel = CaseChannel.IN_PERSON,
    policy: EscalationPolicy | None = None,
    **extra: object,
) -> Case:
    return Case.open(
        id="case-1",
        resident="p-resident",
        community=YUEHE,
        grid=WHO_GRID,
        category=CaseCategory.DISPUTE,
        channel=channel,
        summary="楼上住户装修噪音扰民，协商未果",
        policy=policy or EscalationPolicy.kangbashi(),
        by=RESIDENT,
        at=when,
        home_agency="agency-centre",
        **extra,  # type: ignore[arg-type]
    )


def test_a_dispute_climbs_from_the_liaison_to_the_secretary_over_national_day() -> None:
    case = open_case(at(2024, 9, 27, 15))

    assert case.level.id == "liaison"
    # One working day after Friday 09-27 is Sunday 09-29, a make-up workday.
    assert case.accept_due == case.resolve_due == at(2024, 9, 30)

    case.accept(by=LIAISON, at=at(2024, 9, 27, 16))
    case.escalate(reason="联络员调解未果", by=LIAISON, at=at(2024, 9, 29, 10))

    assert case.level.id == "grid"
    assert case.accept_due == at(2024, 10, 1)
    # Two working days from Sunday 09-29: Monday 09-30, then Tuesday 10-08 after the holiday.
    assert case.resolve_due == at(2024, 10, 9)

    case.accept(by=GRID_WORKER, at=at(2024, 9, 30, 9))
    case.escalate(reason="需社区协调物业", by=GRID_WORKER, at=at(2024, 10, 8, 11))

    assert case.level.id == "community"
    assert (case.accept_due, case.resolve_due) == (at(2024, 10, 10), at(2024, 10, 11))

    case.accept(by=SECRETARY, at=at(2024, 10, 8, 14))
    resolved = case.resolve(result=SOLVED, by=SECRETARY, at=at(2024, 10, 10, 17))
    case.rate(rating=Satisfaction.SATISFIED, by=RESIDENT, at=at(2024, 10, 11, 9))
    case.close(by=SECRETARY, at=at(2024, 10, 12, 10))  # Saturday 10-12, a make-up workday

    assert resolved[-1].on_time is True
    assert case.status is CaseStatus.CLOSED
    # A working day before each running deadline, the clocks warned on their own.
    assert [(e.kind, e.by) for e in case.events if e.kind == "case.deadline_warned"] == [
        ("case.deadline_warned", SWEEP_ACTOR)
    ] * 4
    assert case.version == 13
    handled = [(e.kind, e.by) for e in case.events if e.by != SWEEP_ACTOR]
    assert handled[1:5] == [
        ("case.accepted", "p-liaison"),
        ("case.escalated", "p-liaison"),
        ("case.accepted", "p-grid"),
        ("case.escalated", "p-grid"),
    ]
    spent = dict(case.time_at_levels())
    assert spent["liaison"] == at(2024, 9, 29, 10) - at(2024, 9, 27, 15)
    assert spent["grid"] == at(2024, 10, 8, 11) - at(2024, 9, 29, 10)
    assert spent["community"] == at(2024, 10, 10, 17) - at(2024, 10, 8, 11)
    assert spent["agency"] == dt.timedelta(0)


def test_a_platform_report_goes_straight_to_the_grid_team_over_the_spring_festival() -> None:
    case = open_case(at(2024, 2, 8, 20), channel=CaseChannel.PLATFORM)

    assert case.level.id == "grid"
    # Friday 02-09 is worked (除夕 was no holiday in 2024); then Sunday 02-18.
    assert case.accept_due == at(2024, 2, 10)
    assert case.resolve_due == at(2024, 2, 19)
    with pytest.raises(PermissionDenied, match="only the grid team of grid g-1"):
        case.accept(by=LIAISON, at=at(2024, 2, 9, 9))

    case.accept(by=PART_TIMER, at=at(2024, 2, 9, 10))
    events = case.resolve(result=SOLVED, by=PART_TIMER, at=at(2024, 2, 18, 15))

    assert events[-1].on_time is True
    assert case.status is CaseStatus.RESOLVED


def test_the_agency_accepts_transfers_feeds_back_and_is_supervised_over_national_day_2025() -> None:
    case = open_case(at(2025, 9, 30, 9), channel=CaseChannel.PLATFORM)
    case.accept(by=GRID_WORKER, at=at(2025, 9, 30, 9, 30))
    case.escalate(reason="涉及产权", by=GRID_WORKER, at=at(2025, 9, 30, 10))
    case.accept(by=SECRETARY, at=at(2025, 9, 30, 10, 30))
    case.escalate(reason="需职能部门处理", by=SECRETARY, at=at(2025, 9, 30, 11))

    assert (case.level.id, case.agency) == ("agency", "agency-centre")
    # 签收 within a working day: the first after 09-30 is Thursday 10-09.
    assert case.accept_due == at(2025, 10, 10)
    assert case.resolve_due is None  # the 12345-style clock starts at acceptance

    case.accept(by=CENTRE, at=at(2025, 10, 9, 9))
    # Five working days from 10-09: 10-10, Saturday 10-11 (make-up), 10-13, 10-14, 10-15.
    assert case.resolve_due == at(2025, 10, 16)

    case.transfer(lead="agency-1", co_units=["agency-2"], by=CENTRE, at=at(2025, 10, 9, 11))
    assert (case.agency, case.co_units, case.status) == (
        "agency-1",
        ("agency-2",),
        CaseStatus.AWAITING_ACCEPTANCE,
    )
    with pytest.raises(PermissionDenied, match="agency agency-1"):
        case.accept(by=CENTRE, at=at(2025, 10, 9, 12))

    case.accept(by=UNIT, at=at(2025, 10, 10, 9))
    assert case.resolve_due == at(2025, 10, 17)
    co_unit = Actor("p-co-unit", {Grant(Role.AGENCY_STAFF, Scope.agency("agency-2"))})
    case.accept_part(by=co_unit, at=at(2025, 10, 10, 9, 15))
    case.give_feedback(message="已受理，正在核实", by=UNIT, at=at(2025, 10, 10, 10))
    case.urge(note="群众多次来电，请加快办理", by=SUPERVISOR, at=at(2025, 10, 13, 9))
    case.supervise(reason="涉及多户居民", by=SUPERVISOR, at=at(2025, 10, 13, 10))
    case.request_extension(
        extension=TimeLimit.working_days(3), reason="需现场测量", by=UNIT, at=at(2025, 10, 15, 9)
    )
    case.approve_extension(by=SUPERVISOR, at=at(2025, 10, 15, 10))

    # Three more working days after Thursday 10-16: 10-17, 10-20, 10-21.
    assert case.resolve_due == at(2025, 10, 22)
    assert case.supervised is True
    # The lead resolves once its co-unit has reported back.
    case.report_back(report="已配合测量", by=co_unit, at=at(2025, 10, 16, 15))
    events = case.resolve(result=SOLVED, by=UNIT, at=at(2025, 10, 21, 16))
    assert events[-1].on_time is True
    assert [e.kind for e in case.events if "deadline" not in e.kind][-9:] == [
        "case.accepted",
        "case.unit_accepted",
        "case.feedback_given",
        "case.urged",
        "case.supervised",
        "case.extension_requested",
        "case.extension_approved",
        "case.unit_reported",
        "case.resolved",
    ]


def test_a_rejected_extension_keeps_the_original_deadline() -> None:
    case = at_the_agency()
    before = case.resolve_due

    case.request_extension(
        extension=TimeLimit.working_days(5), reason="需鉴定", by=CENTRE, at=at(2024, 3, 5, 9)
    )
    case.reject_extension(reason="按原时限办理", by=SUPERVISOR, at=at(2024, 3, 5, 10))

    assert case.resolve_due == before
    assert case.pending_extension is None


def test_an_extension_is_requested_before_the_deadline_and_within_the_limit() -> None:
    case = at_the_agency()

    with pytest.raises(InvalidValue, match="extension limit of 10个工作日"):
        case.request_extension(
            extension=TimeLimit.working_days(11), reason="需鉴定", by=CENTRE, at=at(2024, 3, 5, 9)
        )
    with pytest.raises(InvalidValue, match="must count working_days"):
        case.request_extension(
            extension=TimeLimit.hours(8), reason="需鉴定", by=CENTRE, at=at(2024, 3, 5, 9)
        )
    with pytest.raises(PermissionDenied):
        case.request_extension(
            extension=TimeLimit.working_days(2),
            reason="需鉴定",
            by=SUPERVISOR,
            at=at(2024, 3, 5, 9),
        )
    assert case.resolve_due is not None
    late = case.resolve_due + dt.timedelta(hours=1)
    with pytest.raises(IllegalTransition):
        case.request_extension(
            extension=TimeLimit.working_days(2), reason="需鉴定", by=CENTRE, at=late
        )


def at_the_agency() -> Case:
    """A case the centre accepted on Monday 2024-03-04 (no holidays near)."""
    case = open_case(at(2024, 3, 4, 9), channel=CaseChannel.PLATFORM)
    for handler in (GRID_WORKER, SECRETARY):
        case.accept(by=handler, at=at(2024, 3, 4, 9))
        case.escalate(reason="本级无法解决", by=handler, at=at(2024, 3, 4, 9))
    case.accept(by=CENTRE, at=at(2024, 3, 4, 10))
    return case


def test_a_unit_sends_a_wrongly_transferred_case_back_to_the_centre_within_two_working_days() -> (
    None
):
    case = at_the_agency()
    case.transfer(lead="agency-1", by=CENTRE, at=at(2024, 3, 4, 11))

    case.send_back(reason="不属于本单位职责", by=UNIT, at=at(2024, 3, 5, 9))

    assert (case.agency, case.status) == ("agency-centre", CaseStatus.AWAITING_ACCEPTANCE)
    case.accept(by=CENTRE, at=at(2024, 3, 5, 10))
    case.transfer(lead="agency-1", by=CENTRE, at=at(2024, 3, 5, 11))
    # Two working days after Tuesday 03-05 end with Thursday 03-07.
    with pytest.raises(IllegalTransition, match="2个工作日 to send it back ran out"):
        case.send_back(reason="不属于本单位职责", by=UNIT, at=at(2024, 3, 8, 9))


def test_a_case_that_entered_at_a_level_cannot_be_sent_back_from_it() -> None:
    case = open_case(at(2024, 3, 4, 9))

    with pytest.raises(IllegalTransition, match="nobody sent it"):
        case.send_back(reason="不归我管", by=LIAISON, at=at(2024, 3, 4, 10))


def test_an_unsatisfied_rating_judged_reasonable_is_redone_and_the_second_reopening_goes_up() -> (
    None
):
    case = open_case(at(2024, 3, 4, 9))
    case.accept(by=LIAISON, at=at(2024, 3, 4, 10))
    case.resolve(result=SOLVED, by=LIAISON, at=at(2024, 3, 4, 11))
    case.rate(rating=Satisfaction.UNSATISFIED, by=RESIDENT, at=at(2024, 3, 4, 12))
    with pytest.raises(IllegalTransition, match="rated already"):
        case.rate(rating=Satisfaction.SATISFIED, by=RESIDENT, at=at(2024, 3, 4, 12))

    case.reopen(reason="噪音仍未解决，属实", by=SUPERVISOR, at=at(2024, 3, 4, 13))

    assert (case.level.id, case.status, case.reopens) == (
        "liaison",
        CaseStatus.AWAITING_ACCEPTANCE,
        1,
    )
    case.accept(by=LIAISON, at=at(2024, 3, 4, 14))
    case.resolve(result=SOLVED, by=LIAISON, at=at(2024, 3, 4, 15))
    case.rate(rating=Satisfaction.UNSATISFIED, by=RESIDENT, at=at(2024, 3, 4, 16))
    case.reopen(reason="仍未解决，属实", by=SUPERVISOR, at=at(2024, 3, 4, 17))

    assert (case.level.id, case.reopens) == ("grid", 0)
    assert stats([case], between=(at(2024, 3, 1), at(2024, 4, 1))).redone == 2


def test_a_satisfied_rating_cannot_be_reopened() -> None:
    case = open_case(at(2024, 3, 4, 9))
    case.accept(by=LIAISON, at=at(2024, 3, 4, 10))
    case.resolve(result=SOLVED, by=LIAISON, at=at(2024, 3, 4, 11))
    case.rate(rating=Satisfaction.BASICALLY_SATISFIED, by=RESIDENT, at=at(2024, 3, 4, 12))

    with pytest.raises(IllegalTransition, match="only an unsatisfied rating"):
        case.reopen(reason="复核", by=SUPERVISOR, at=at(2024, 3, 4, 13))


def test_only_the_top_level_parks_a_case_and_a_parked_case_can_be_closed() -> None:
    case = at_the_agency()
    grid_case = open_case(at(2024, 3, 4, 9), channel=CaseChannel.PLATFORM)
    grid_case.accept(by=GRID_WORKER, at=at(2024, 3, 4, 9))

    with pytest.raises(IllegalTransition, match="only the top level parks"):
        grid_case.park(reason="暂无法解决", by=GRID_WORKER, at=at(2024, 3, 4, 10))
    case.park(reason="涉及历史遗留问题，书面说明已附", by=CENTRE, at=at(2024, 3, 5, 9))
    case.close(by=SUPERVISOR, at=at(2024, 3, 6, 9))

    assert case.status is CaseStatus.CLOSED


def test_closed_and_withdrawn_cases_take_no_more_commands() -> None:
    withdrawn = open_case(at(2024, 3, 4, 9))
    withdrawn.withdraw(reason="已自行和解", by=RESIDENT, at=at(2024, 3, 4, 10))

    with pytest.raises(IllegalTransition, match="when withdrawn"):
        withdrawn.accept(by=LIAISON, at=at(2024, 3, 4, 11))
    with pytest.raises(IllegalTransition):
        withdrawn.give_feedback(message="已了解", by=LIAISON, at=at(2024, 3, 4, 11))
    assert withdrawn.version == 2


def test_the_clocks_run_before_a_command_so_a_late_handler_finds_the_case_gone() -> None:
    case = open_case(at(2024, 3, 4, 9))  # liaison: due at the end of Tuesday 03-05

    with pytest.raises(PermissionDenied):
        case.accept(by=LIAISON, at=at(2024, 3, 6, 9))
    assert case.version == 1  # refused: the catch-up was not recorded either

    events = case.accept(by=GRID_WORKER, at=at(2024, 3, 6, 9))

    assert [type(e).__name__ for e in events] == [
        "DeadlineMissed",
        "DeadlineMissed",
        "CaseEscalated",
        "DeadlineWarned",  # the grid's 签收 day began at the hand-over
        "CaseAccepted",
    ]
    assert events[2].by == SWEEP_ACTOR and events[2].at == at(2024, 3, 6)


def test_a_case_resolved_after_its_deadline_without_auto_escalation_is_late() -> None:
    policy = EscalationPolicy.four_levels_seven_days()
    manual = EscalationPolicy(
        name="manual", levels=policy.levels, intakes=policy.intakes, auto_escalate=False
    )
    case = open_case(at(2024, 3, 4, 9), policy=manual)
    case.accept(by=LIAISON, at=at(2024, 3, 4, 10))

    events = case.resolve(result=SOLVED, by=LIAISON, at=at(2024, 3, 7, 9))

    assert [type(e).__name__ for e in events] == ["DeadlineMissed", "CaseResolved"]
    assert events[-1].on_time is False


def test_a_command_whose_deadline_leaves_the_calendar_raises_and_changes_nothing() -> None:
    # The notices alone (no fallback by law) know dates to 2026-12-24.
    case = open_case(at(2026, 12, 22, 10), calendar=ChinaCalendar.official())
    case.accept(by=LIAISON, at=at(2026, 12, 22, 11))
    before = case.events

    with pytest.raises(CalendarCoverageError):
        case.escalate(reason="调解未果", by=LIAISON, at=at(2026, 12, 23, 10))

    assert case.events == before
    assert case.level.id == "liaison"


def test_commands_refuse_naive_instants_instants_before_the_last_event_and_bad_values() -> None:
    case = open_case(at(2024, 3, 4, 9))

    with pytest.raises(InvalidValue, match=r"Case.accept.at: must be a timezone-aware"):
        case.accept(by=LIAISON, at=dt.datetime(2024, 3, 4, 10))
    with pytest.raises(InvalidValue, match="before the case's last event"):
        case.accept(by=LIAISON, at=at(2024, 3, 4, 8))
    with pytest.raises(InvalidValue, match=r"Case.accept.by: must be an Actor"):
        case.accept(by="p-liaison", at=at(2024, 3, 4, 10))  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match=r"Case.escalate.reason"):
        case.escalate(reason="  ", by=LIAISON, at=at(2024, 3, 4, 10))
    with pytest.raises(InvalidValue, match=r"Case.open.at"):
        Case.open(
            id="c-2",
            resident="p-resident",
            community=YUEHE,
            grid="g-1",
            category=CaseCategory.HAZARD,
            channel=CaseChannel.GRID_PATROL,
            summary="消防通道堵塞",
            policy=EscalationPolicy.kangbashi(),
            by=GRID_WORKER,
            at=dt.datetime(2024, 3, 4),
        )
    assert case.version == 1


def test_a_case_result_that_is_not_solved_needs_a_reason() -> None:
    with pytest.raises(InvalidValue, match="unsolved_reason"):
        CaseResult(resident_contacted=True, solved=False, reply="已解释")


def test_replay_rebuilds_the_same_case_and_refuses_a_broken_history() -> None:
    case = at_the_agency()

    assert Case.replay(case.events) == case
    assert Case.replay(case.events, calendar=WeekendCalendar()) != case  # the calendar counts too
    with pytest.raises(IntegrityError, match="starts with CaseOpened"):
        Case.replay(case.events[1:])
    with pytest.raises(IntegrityError, match="earlier than the one before"):
        Case.replay([case.events[0], attrs.evolve(case.events[1], at=at(2024, 3, 4, 8))])
    with pytest.raises(IntegrityError, match="is for case 'case-2'"):
        Case.replay([case.events[0], attrs.evolve(case.events[1], case="case-2")])
    with pytest.raises(IntegrityError, match="already open"):
        Case.replay([case.events[0], case.events[0]])


def test_the_synthetic_kangbashi_directory_gives_actors_that_may_act() -> None:
    directory = kangbashi(seed=3)
    grid = directory.grids_of(YUEHE)[0]
    posts = directory.posts_of(YUEHE)
    liaison_post = next(
        p for p in directory.posts if p.role is Role.LIAISON and p.scope == Scope.grid(grid.id)
    )
    liaison = directory.actor(liaison_post.person, on=dt.date(2024, 3, 4))
    secretary_post = next(p for p in posts if p.role is Role.COMMUNITY_SECRETARY)
    secretary = directory.actor(secretary_post.person, on=dt.date(2024, 3, 4))
    resident = next(r for r in directory.residents_of(YUEHE) if r.grid == grid.id)

    case = Case.open(
        id="case-k",
        resident=resident.person,
        community=YUEHE,
        grid=grid.id,
        category=CaseCategory.APPEAL,
        channel=CaseChannel.IN_PERSON,
        summary="独居老人求助",
        policy=EscalationPolicy.kangbashi(),
        by=liaison,
        at=at(2024, 3, 4, 9),
        home_agency="agency-centre",
    )
    case.accept(by=liaison, at=at(2024, 3, 4, 9))
    case.escalate(reason="需网格协调", by=liaison, at=at(2024, 3, 4, 10))

    with pytest.raises(PermissionDenied):
        case.accept(by=secretary, at=at(2024, 3, 4, 11))
    assert isinstance(case.events[0], CaseOpened) and isinstance(case.events[1], CaseAccepted)
    assert isinstance(case.events[2], CaseEscalated)


def test_the_timeline_and_its_html_escape_what_residents_write() -> None:
    case = Case.open(
        id="case-x",
        resident="p-resident",
        community=YUEHE,
        grid="g-1",
        category=CaseCategory.APPEAL,
        channel=CaseChannel.PLATFORM,
        summary="<script>alert('x')</script> 路灯坏了",
        policy=EscalationPolicy.kangbashi(),
        by=RESIDENT,
        at=at(2024, 3, 4, 9),
    )

    page = case._repr_html_()

    assert "<script>" not in page and "&lt;script&gt;" in page
    assert case.timeline()[0].what == "受理登记"
    assert [d.clock for d in case.deadlines] == [CaseClock.ACCEPT, CaseClock.RESOLVE]
