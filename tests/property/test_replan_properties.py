"""Replanning provisional deadlines once a year's notice is added (issue: the calendar past its last notice).

A case opened past the last State Council notice counts on the law's holidays and marks
its deadlines provisional. Once the notice is added, replanning moves every running
clock to where a case opened on the final calendar would have it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from wulian_core.calendar import SHANGHAI, ChinaCalendar, YearNotice
from wulian_core.escalation import (
    Case,
    CaseCategory,
    CaseChannel,
    DeadlineReplanned,
    EscalationPolicy,
)
from wulian_core.examples import case_people
from wulian_core.regions import RegionCode

NOTICES = Path(__file__).parent.parent / "data" / "notices"
# An invented notice for 2027, in the official style, until the real one is bundled: it
# has make-up working days and longer holidays than the law alone, so deadlines move.
INVENTED_2027 = YearNotice.from_text((NOTICES / "2027-invented.txt").read_text(encoding="utf-8"))
BY_LAW = ChinaCalendar.official(beyond="statutory")
FINAL = BY_LAW.extended(INVENTED_2027)
WHO = case_people()
YUEHE = RegionCode("150603001001")
HANDLERS = (WHO.liaison, WHO.grid_worker, WHO.secretary, WHO.centre)


def _story(calendar: ChinaCalendar, opened: dt.datetime, channel: CaseChannel, steps: int) -> Case:
    case = Case.open(
        id="case-r",
        resident="p-resident",
        community=YUEHE,
        grid="g-1",
        category=CaseCategory.DISPUTE,
        channel=channel,
        summary="邻里纠纷",
        policy=EscalationPolicy.kangbashi(),
        by=WHO.resident,
        at=opened,
        home_agency="agency-centre",
        calendar=calendar,
    )
    at = opened
    for _ in range(steps):  # each level accepts and sends the case up, minutes apart
        handler = HANDLERS[case.policy.index_of(case.level.id)]
        at += dt.timedelta(minutes=5)
        case.accept(by=handler, at=at)
        if case.level.escalates_to is None:
            break
        at += dt.timedelta(minutes=5)
        case.escalate(reason="本级无法解决", by=handler, at=at)
    return case


openings = st.datetimes(
    min_value=dt.datetime(2026, 12, 1, 8),
    max_value=dt.datetime(2027, 11, 30, 18),
    timezones=st.just(SHANGHAI),
)
channels = st.sampled_from([CaseChannel.IN_PERSON, CaseChannel.PLATFORM])


@given(openings, channels, st.integers(0, 4))
def test_a_replanned_case_has_the_deadlines_of_a_case_opened_on_the_final_calendar(
    opened: dt.datetime, channel: CaseChannel, steps: int
) -> None:
    provisional = _story(BY_LAW, opened, channel, steps)
    final = _story(FINAL, opened, channel, steps)
    at = provisional.last_at  # before any clock runs out: every clock is still running

    moved = provisional.replan(FINAL, by=WHO.supervisor, at=at)

    # First the clocks catch up to ``at`` (a warning may fall due); then the moves.
    replanned = [e for e in moved if type(e) is DeadlineReplanned]
    assert all(e.provisional is False or e.due != e.previous for e in replanned)
    assert [(d.clock, d.due, d.provisional) for d in provisional.deadlines] == [
        (d.clock, d.due, d.provisional) for d in final.deadlines
    ]
    assert not [
        e
        for e in provisional.replan(FINAL, by=WHO.supervisor, at=at)
        if type(e) is DeadlineReplanned
    ]


@given(openings, channels, st.integers(0, 4))
def test_replanning_on_the_same_calendar_records_nothing(
    opened: dt.datetime, channel: CaseChannel, steps: int
) -> None:
    case = _story(BY_LAW, opened, channel, steps)

    assert not [
        e
        for e in case.replan(BY_LAW, by=WHO.supervisor, at=case.last_at)
        if type(e) is DeadlineReplanned
    ]


@given(openings, channels, st.integers(0, 4))
def test_only_deadlines_that_counted_days_known_by_law_are_provisional(
    opened: dt.datetime, channel: CaseChannel, steps: int
) -> None:
    case = _story(BY_LAW, opened, channel, steps)
    first = BY_LAW.provisional_from
    assert first is not None

    for deadline in case.deadlines:
        last_day = (deadline.due.astimezone(SHANGHAI) - dt.timedelta(microseconds=1)).date()
        assert deadline.provisional == (last_day >= first)
