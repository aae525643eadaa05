"""Properties of the clocks: deadlines, warnings, and a sweep that never depends on its rhythm."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from wulian_core._escalation.clock import due_time, warn_time
from wulian_core.calendar import SHANGHAI, ChinaCalendar, TimeLimit
from wulian_core.escalation import (
    Case,
    CaseCategory,
    CaseChannel,
    DeadlineWarned,
    EscalationPolicy,
    sweep,
)
from wulian_core.people import Actor
from wulian_core.regions import RegionCode

CHINA = ChinaCalendar.official()
INSTANTS = st.datetimes(
    min_value=dt.datetime(2024, 1, 1),
    max_value=dt.datetime(2026, 6, 30),
    timezones=st.just(SHANGHAI),
)
MIDNIGHTS = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2026, 6, 30)).map(
    lambda day: dt.datetime.combine(day, dt.time(0), tzinfo=SHANGHAI)
)


@given(start=st.one_of(INSTANTS, MIDNIGHTS), days=st.integers(1, 15))
def test_a_working_day_deadline_ends_a_working_day_and_counts_exactly_that_many(
    start: dt.datetime, days: int
) -> None:
    due = due_time(TimeLimit.working_days(days), start, CHINA)

    last = due.date() - dt.timedelta(days=1)
    counted_from = (
        start.date() - dt.timedelta(days=1) if start.time() == dt.time(0) else start.date()
    )
    assert due.time() == dt.time(0) and due.tzinfo is SHANGHAI
    assert CHINA.is_workday(last)
    assert CHINA.workdays_between(counted_from, last) == days
    assert due > start


@given(start=INSTANTS, days=st.integers(1, 10), lead=st.integers(1, 3))
def test_a_working_day_warning_starts_a_working_day_before_the_deadline(
    start: dt.datetime, days: int, lead: int
) -> None:
    due = due_time(TimeLimit.working_days(days), start, CHINA)

    warn = warn_time(due, TimeLimit.working_days(lead), CHINA)

    last = due.date() - dt.timedelta(days=1)
    assert warn < due and warn.time() == dt.time(0)
    assert CHINA.is_workday(warn.date())
    assert CHINA.workdays_between(warn.date() - dt.timedelta(days=1), last) == lead


@given(start=INSTANTS, hours=st.integers(1, 48))
def test_hour_limits_and_warnings_are_wall_clock_hours(start: dt.datetime, hours: int) -> None:
    due = due_time(TimeLimit.hours(hours), start, CHINA)

    assert due - start == dt.timedelta(hours=hours)
    assert warn_time(due, TimeLimit.hours(1), CHINA) == due - dt.timedelta(hours=1)


def _left_alone(start: dt.datetime, policy: EscalationPolicy, channel: CaseChannel) -> Case:
    return Case.open(
        id="case-p",
        resident="p-1",
        community=RegionCode("150603001001"),
        grid="g-1",
        category=CaseCategory.APPEAL,
        channel=channel,
        summary="无人处理的诉求",
        policy=policy,
        by=Actor("p-1"),
        at=start,
        home_agency="agency-centre",
    )


def _without_warnings(case: Case) -> list[object]:
    return [e for e in case.events if not isinstance(e, DeadlineWarned)]


@given(
    start=st.datetimes(
        min_value=dt.datetime(2024, 1, 1),
        max_value=dt.datetime(2026, 9, 30),
        timezones=st.just(SHANGHAI),
    ),
    policy=st.sampled_from(
        [EscalationPolicy.four_levels_seven_days(), EscalationPolicy.kangbashi()]
    ),
    channel=st.sampled_from(list(CaseChannel)),
    every=st.integers(1, 72),
)
def test_how_often_the_sweep_runs_changes_nothing_but_the_warnings(
    start: dt.datetime, policy: EscalationPolicy, channel: CaseChannel, every: int
) -> None:
    often, once = _left_alone(start, policy, channel), _left_alone(start, policy, channel)
    end = start + dt.timedelta(days=40)

    now = start
    while now < end:
        now += dt.timedelta(hours=every)
        sweep([often], now=min(now, end))
    sweep([once], now=end)

    assert _without_warnings(often) == _without_warnings(once)
    assert sweep([often, once], now=end) == ()
    assert Case.replay(often.events) == often


ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=5),
    st.binary(max_size=3),
    st.lists(st.integers(), max_size=2),
    st.just(dt.datetime(2024, 3, 5, 9)),  # a naive instant, to be refused
    st.just(TimeLimit.hours(2)),
)
COMMANDS = {
    "accept": (),
    "send_back": ("reason",),
    "resolve": ("result",),
    "escalate": ("reason", "agency"),
    "transfer": ("lead", "co_units", "note"),
    "give_feedback": ("message",),
    "urge": ("note",),
    "supervise": ("reason",),
    "request_extension": ("extension", "reason"),
    "approve_extension": (),
    "reject_extension": ("reason",),
    "rate": ("rating", "comment"),
    "reopen": ("reason", "agency"),
    "withdraw": ("reason",),
    "park": ("reason",),
    "close": ("note",),
}


@given(command=st.sampled_from(sorted(COMMANDS)), data=st.data())
def test_any_bad_argument_is_refused_with_a_wulian_error_and_changes_nothing(
    command: str, data: st.DataObject
) -> None:
    from wulian_core.errors import WulianError

    case = _left_alone(
        dt.datetime(2024, 3, 4, 9, tzinfo=SHANGHAI),
        EscalationPolicy.kangbashi(),
        CaseChannel.IN_PERSON,
    )
    before = case.events
    arguments = {name: data.draw(ANYTHING, label=name) for name in COMMANDS[command]}
    arguments["by"] = data.draw(st.one_of(ANYTHING, st.just(Actor("p-1"))), label="by")
    arguments["at"] = data.draw(st.one_of(ANYTHING, INSTANTS), label="at")

    try:
        getattr(case, command)(**arguments)
    except WulianError:
        assert case.events == before
