"""The sweep (warnings, overdue, automatic escalation, catch-up) and the period's figures.

Dates in March 2024 have no holiday; 2024-03-04 is a Monday. Deadlines are 00:00 of the
day after the last working day they allow. A clock started by an automatic hand-over at
00:00 counts from the day before (the previous level had all of it).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from wulian_core.calendar import SHANGHAI, ChinaCalendar
from wulian_core.errors import CalendarCoverageError, InvalidValue
from wulian_core.escalation import (
    SWEEP_ACTOR,
    Case,
    CaseCategory,
    CaseChannel,
    CaseClock,
    CaseEscalated,
    CaseResult,
    CaseStatus,
    CaseSupervised,
    DeadlineMissed,
    DeadlineWarned,
    EscalationPolicy,
    Satisfaction,
    stats,
    sweep,
)
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.regions import RegionCode

HOME = RegionCode("150603001001")
RESIDENT = Actor("p-resident")
LIAISON = Actor("p-liaison", {Grant(Role.LIAISON, Scope.grid("g-1"))})
GRID = Actor("p-grid", {Grant(Role.FULL_TIME_GRID_WORKER, Scope.grid("g-1"))})
SECRETARY = Actor("p-secretary", {Grant(Role.COMMUNITY_SECRETARY, Scope.region(HOME))})
SUPERVISOR = Actor("p-sup", {Grant(Role.SUPERVISOR, Scope.region(RegionCode("150603")))})


def at(y: int, m: int, d: int, h: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, h, minute, tzinfo=SHANGHAI)


def new_case(
    when: dt.datetime,
    channel: CaseChannel = CaseChannel.PLATFORM,
    policy: EscalationPolicy | None = None,
    ident: str = "case-1",
    calendar: ChinaCalendar | None = None,
) -> Case:
    return Case.open(
        id=ident,
        resident="p-resident",
        community=HOME,
        grid="g-1",
        category=CaseCategory.DISPUTE,
        channel=channel,
        summary="宠物扰民",
        policy=policy or EscalationPolicy.kangbashi(),
        by=RESIDENT,
        at=when,
        home_agency="agency-centre",
        calendar=calendar,
    )


def story(events: tuple[object, ...]) -> list[tuple[str, str, dt.datetime]]:
    told = []
    for event in events:
        detail = getattr(event, "clock", None) or getattr(event, "level", None) or ""
        told.append((type(event).__name__, str(detail), event.at))  # type: ignore[attr-defined]
    return told


def test_the_sweep_warns_a_working_day_before_each_deadline_and_only_once() -> None:
    case = new_case(
        at(2024, 3, 4, 9)
    )  # grid: accept by Wed 03-06 00:00, resolve by Thu 03-07 00:00

    assert sweep([case], now=at(2024, 3, 4, 23, 59)) == ()
    warned = sweep([case], now=at(2024, 3, 5))
    assert sweep([case], now=at(2024, 3, 5)) == ()

    assert warned == (
        DeadlineWarned(
            case="case-1",
            at=at(2024, 3, 5),
            by=SWEEP_ACTOR,
            clock=CaseClock.ACCEPT,
            due=at(2024, 3, 6),
        ),
    )
    case.accept(by=GRID, at=at(2024, 3, 5, 10))
    assert story(sweep([case], now=at(2024, 3, 6))) == [
        ("DeadlineWarned", "resolve", at(2024, 3, 6))
    ]


def test_a_missed_deadline_escalates_on_its_own_at_the_instant_it_passed() -> None:
    case = new_case(at(2024, 3, 4, 9))
    case.accept(by=GRID, at=at(2024, 3, 5, 10))

    events = sweep([case], now=at(2024, 3, 7, 8))

    assert story(events) == [
        # No warning for the 办结 deadline: by 08:00 it has passed, and the miss says more.
        ("DeadlineMissed", "resolve", at(2024, 3, 7)),
        ("CaseEscalated", "community", at(2024, 3, 7)),
        # The community's 签收 day (Thursday 03-07) began at the hand-over.
        ("DeadlineWarned", "accept", at(2024, 3, 7)),
    ]
    assert all(e.by == SWEEP_ACTOR for e in events)
    assert (case.level.id, case.accept_due, case.resolve_due) == (
        "community",
        at(2024, 3, 8),
        at(2024, 3, 9),
    )


def test_after_downtime_the_sweep_catches_up_every_level_in_order() -> None:
    case = new_case(at(2024, 3, 4, 9))

    events = sweep([case], now=at(2024, 3, 20, 12))

    assert story(events) == [
        ("DeadlineMissed", "accept", at(2024, 3, 6)),
        ("DeadlineMissed", "resolve", at(2024, 3, 7)),
        ("CaseEscalated", "community", at(2024, 3, 7)),
        ("DeadlineMissed", "accept", at(2024, 3, 8)),
        ("DeadlineMissed", "resolve", at(2024, 3, 9)),
        ("CaseEscalated", "agency", at(2024, 3, 9)),
        # The 12345-style agency's 办结 clock waits for acceptance; its missed 签收
        # deadline is the one that matters, and at the top it raises supervision.
        ("DeadlineMissed", "accept", at(2024, 3, 12)),
        ("CaseSupervised", "", at(2024, 3, 12)),
    ]
    assert case.supervised and case.agency == "agency-centre"
    assert sweep([case], now=at(2024, 3, 20, 12)) == ()
    assert Case.replay(case.events) == case


def test_four_levels_seven_days_takes_seven_working_days_end_to_end() -> None:
    case = new_case(
        at(2024, 3, 4, 10),
        channel=CaseChannel.IN_PERSON,
        policy=EscalationPolicy.four_levels_seven_days(),
    )

    events = sweep([case], now=at(2024, 3, 20))

    escalations = [(e.level, e.at) for e in events if isinstance(e, CaseEscalated)]
    assert escalations == [
        ("grid", at(2024, 3, 6)),
        ("community", at(2024, 3, 8)),
        ("agency", at(2024, 3, 12)),
    ]
    supervised = [e.at for e in events if isinstance(e, CaseSupervised)]
    assert supervised == [at(2024, 3, 14)]
    assert ChinaCalendar.official().workdays_between(dt.date(2024, 3, 4), dt.date(2024, 3, 13)) == 7


def test_four_levels_seven_days_over_the_spring_festival() -> None:
    case = new_case(
        at(2024, 2, 8, 10),
        channel=CaseChannel.IN_PERSON,
        policy=EscalationPolicy.four_levels_seven_days(),
    )

    events = sweep([case], now=at(2024, 3, 1))

    # Liaison: Friday 02-09. Grid: Sunday 02-18 and Monday 02-19. Community: 02-20, 02-21.
    # Agency: 02-22, 02-23.
    assert [(e.level, e.at) for e in events if isinstance(e, CaseEscalated)] == [
        ("grid", at(2024, 2, 10)),
        ("community", at(2024, 2, 20)),
        ("agency", at(2024, 2, 22)),
    ]
    assert [e.at for e in events if isinstance(e, CaseSupervised)] == [at(2024, 2, 24)]


def test_without_auto_escalation_a_missed_deadline_is_only_marked() -> None:
    seven = EscalationPolicy.four_levels_seven_days()
    manual = EscalationPolicy(
        name="manual", levels=seven.levels, intakes=seven.intakes, auto_escalate=False
    )
    case = new_case(at(2024, 3, 4, 9), policy=manual)

    events = sweep([case], now=at(2024, 3, 20))

    assert story(events) == [
        ("DeadlineMissed", "accept", at(2024, 3, 6)),
        ("DeadlineMissed", "resolve", at(2024, 3, 7)),
    ]
    assert [(d.clock, d.missed) for d in case.deadlines] == [
        (CaseClock.ACCEPT, True),
        (CaseClock.RESOLVE, True),
    ]


def test_a_case_that_cannot_be_swept_keeps_its_state_and_the_others_get_their_events() -> None:
    # On the notices alone (no fallback by law) the late case's escalation needs 2026-12-25.
    strict = ChinaCalendar.official()
    ordinary = new_case(at(2026, 12, 1, 9), ident="case-ordinary", calendar=strict)
    late = new_case(
        at(2026, 12, 22, 10), channel=CaseChannel.IN_PERSON, ident="case-late", calendar=strict
    )
    alone = new_case(at(2026, 12, 1, 9), ident="case-ordinary", calendar=strict)
    stuck = late.events

    result = sweep([ordinary, late], now=at(2026, 12, 24, 12))

    assert late.events == stuck
    assert [f.case for f in result.failures] == ["case-late"]
    assert isinstance(result.failures[0].error, CalendarCoverageError)
    assert list(result) == list(sweep([alone], now=at(2026, 12, 24, 12)))
    assert result and ordinary.version == 1 + len(result)
    with pytest.raises(ExceptionGroup) as group:
        result.raise_failures()
    assert group.value.exceptions == (result.failures[0].error,)


def test_on_the_default_calendar_a_case_runs_past_the_last_notice_provisionally() -> None:
    late = new_case(at(2026, 12, 22, 10), channel=CaseChannel.IN_PERSON, ident="case-late")

    result = sweep([late], now=at(2026, 12, 28, 12))

    assert result.failures == ()
    assert late.level.id != "liaison"
    assert any(d.provisional for d in late.deadlines)


def test_the_sweep_refuses_a_naive_now_and_things_that_are_not_cases() -> None:
    case = new_case(at(2024, 3, 4, 9))

    with pytest.raises(InvalidValue, match="sweep.now"):
        sweep([case], now=dt.datetime(2024, 3, 5))
    with pytest.raises(InvalidValue, match="sweep.cases"):
        sweep(["case-1"], now=at(2024, 3, 5))  # type: ignore[list-item]


def test_a_case_listed_twice_is_swept_once() -> None:
    case = new_case(at(2024, 3, 4, 9))

    events = sweep([case, case], now=at(2024, 3, 5))

    assert len(events) == 1 and case.version == 2


def test_resolved_parked_and_final_cases_have_no_running_clocks() -> None:
    case = new_case(at(2024, 3, 4, 9))
    case.accept(by=GRID, at=at(2024, 3, 4, 10))
    case.resolve(
        result=CaseResult(resident_contacted=True, solved=True, reply="已处理"),
        by=GRID,
        at=at(2024, 3, 4, 11),
    )

    assert sweep([case], now=at(2024, 4, 1)) == ()
    assert case.deadlines == ()


# --- the period's figures ------------------------------------------------------------------


def test_stats_give_the_league_table_figures_of_a_period() -> None:
    ok = CaseResult(resident_contacted=True, solved=True, reply="已解决")
    silent = CaseResult(resident_contacted=False, solved=True, reply="已处理")
    cases = []
    for n in range(4):  # four settled by the grid, on time; one resident never contacted
        case = new_case(at(2024, 3, 4, 9), ident=f"grid-{n}")
        case.accept(by=GRID, at=at(2024, 3, 4, 10))
        case.resolve(result=silent if n == 3 else ok, by=GRID, at=at(2024, 3, 5, 10))
        case.rate(
            rating=[
                Satisfaction.SATISFIED,
                Satisfaction.BASICALLY_SATISFIED,
                Satisfaction.UNSATISFIED,
                Satisfaction.SATISFIED,
            ][n],
            by=RESIDENT,
            at=at(2024, 3, 5, 12),
        )
        cases.append(case)
    cases[2].reopen(reason="确未解决", by=SUPERVISOR, at=at(2024, 3, 5, 14))
    late = new_case(at(2024, 3, 4, 9), ident="late")  # the secretary resolves it, late
    late.accept(by=GRID, at=at(2024, 3, 4, 10))
    late.escalate(reason="需社区协调", by=GRID, at=at(2024, 3, 4, 11))
    late.accept(by=SECRETARY, at=at(2024, 3, 6, 9))  # its 签收 deadline was 03-06 00:00
    late.resolve(result=ok, by=SECRETARY, at=at(2024, 3, 6, 10))
    ignored = new_case(at(2024, 3, 11, 9), ident="ignored")  # nobody accepts it, nobody sweeps
    cases += [late, ignored]

    figures = stats(cases, between=(at(2024, 3, 1), at(2024, 3, 16)))

    assert (figures.opened, figures.resolved, figures.redone, figures.rated) == (6, 5, 1, 4)
    assert figures.share_resolved_at("grid") == Fraction(4, 5)
    assert figures.share_resolved_at("community") == Fraction(1, 5)
    assert figures.share_resolved_at("liaison") == Fraction(0)
    assert figures.share_resolved_at("street") == 0
    assert figures.satisfaction_rate == Fraction(3, 4)
    assert figures.reply_rate == Fraction(4, 5)
    # The secretary's late 签收, the reopened case nobody took back by 03-07, and the
    # ignored one, due 03-13 (counted though no sweep marked it).
    assert figures.overdue_not_accepted == 3
    assert figures.on_time_rate == Fraction(5, 5)


def test_stats_of_an_empty_period_are_undefined_not_perfect() -> None:
    figures = stats([], between=(at(2024, 3, 1), at(2024, 4, 1)))

    assert figures.on_time_rate is None
    assert figures.satisfaction_rate is None
    assert figures.reply_rate is None
    assert figures.share_resolved_at("grid") is None


def test_stats_refuse_a_bad_period() -> None:
    with pytest.raises(InvalidValue, match=r"stats.between\[1\]"):
        stats([], between=(at(2024, 3, 2), at(2024, 3, 1)))
    with pytest.raises(InvalidValue, match="stats.between"):
        stats([], between=at(2024, 3, 2))  # type: ignore[arg-type]


def test_parked_cases_and_statuses_read_in_chinese() -> None:
    assert CaseStatus.PARKED.label_zh == "挂账"
    assert isinstance(DeadlineMissed.kind, str)
