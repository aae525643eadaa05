"""A quarter's volunteering in figures: what each count counts, and that they add up."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wulian_core import synth
from wulian_core.errors import InvalidValue
from wulian_core.model import ServiceArea
from wulian_core.people import Actor
from wulian_core.regions import RegionCode
from wulian_core.volunteering import (
    CommunityActivity,
    CommunityNeeds,
    MonthVolunteering,
    Organiser,
    ParticipantKind,
    QuarterVolunteering,
    simulate_quarter,
)

from .conftest import HOME, NEIGHBOUR, T0, WORKER

START = dt.date(2024, 8, 1)


@cache
def _kangbashi(seed: int) -> QuarterVolunteering:
    return simulate_quarter(synth.kangbashi(seed=seed), seed=seed, start=START)


def _activity(id: str, days: int, area: ServiceArea, capacity: int = 1) -> CommunityActivity:
    starts = T0 + dt.timedelta(days=days)
    return CommunityActivity.open(
        id=id,
        organiser=Organiser.of_community(HOME),
        title="活动",
        community=HOME,
        place="社区活动中心",
        area=area,
        starts=starts,
        ends=starts + dt.timedelta(hours=2),
        capacity=capacity,
        by=WORKER,
        at=T0,
    )


def _attend(act: CommunityActivity, person: str, minutes: int | None = None) -> None:
    starts, ends = act.opening.starts, act.opening.ends
    act.check_in(person=person, by=Actor(person), at=starts)
    act.check_out(person=person, by=Actor(person), at=ends)
    act.certify(person=person, by=WORKER, at=ends, minutes=minutes)


def test_each_count_counts_what_it_says() -> None:
    held = _activity("a-1", 1, ServiceArea.ELDERLY_CARE)
    for person in ("p-1", "p-2"):  # the second waits: one place
        held.sign_up(person=person, role=ParticipantKind.VOLUNTEER, by=Actor(person), at=T0)
    _attend(held, "p-1", minutes=90)
    cancelled = _activity("a-2", 2, ServiceArea.ELDERLY_CARE)
    cancelled.sign_up(person="p-3", by=Actor("p-3"), at=T0)
    cancelled.cancel(reason="暴雨预警", by=WORKER, at=T0)
    nobody = _activity("a-3", 3, ServiceArea.CHILD_WELFARE)
    april = _activity("a-4", 40, ServiceArea.CHILD_WELFARE)
    april.sign_up(person="p-1", by=Actor("p-1"), at=T0)
    _attend(april, "p-1")
    q = QuarterVolunteering(activities=(held, cancelled, nobody, april), needs=(), matches=())

    march, later = q.months()

    assert march == MonthVolunteering(
        month=dt.date(2024, 3, 1),
        held={ServiceArea.ELDERLY_CARE: 1},
        cancelled=1,
        not_held=1,
        signed_up=3,
        waitlisted=1,
        attended=1,
        certified_minutes=90,
    )
    assert (later.month, dict(later.held), later.activities) == (
        dt.date(2024, 4, 1),
        {ServiceArea.CHILD_WELFARE: 1},
        1,
    )


def test_needs_per_community_list_communities_without_needs_too() -> None:
    q = _kangbashi(0)
    rows = q.needs_by_community()
    communities = {a.opening.community for a in q.activities}

    assert {r.community for r in rows} == communities
    assert sum(r.raised for r in rows) == len(q.needs)
    assert sum(r.met for r in rows) == len(q.met)
    assert all(r.open == r.raised - r.met >= 0 for r in rows)
    assert [r.community for r in rows] == sorted(r.community for r in rows)


def test_an_empty_community_has_zeros() -> None:
    row = CommunityNeeds(community=NEIGHBOUR, raised=0, met=0)

    assert (row.raised, row.met, row.open) == (0, 0, 0)


@given(seed=st.integers(0, 3))
def test_the_months_add_up_to_the_quarters_activities(seed: int) -> None:
    q = _kangbashi(seed)
    months = q.months()

    assert [m.month for m in months] == [dt.date(2024, n, 1) for n in (8, 9, 10)]
    assert sum(m.activities for m in months) == len(q.activities)
    held = sum(a.held_record() is not None for a in q.activities)
    assert sum(sum(m.held.values()) for m in months) == held
    assert all(m.waitlisted <= m.signed_up for m in months)
    assert sum(m.attended for m in months) == sum(len(a.checked_in) for a in q.activities)
    assert sum(m.certified_minutes for m in months) == sum(
        sum(a.certified.values()) for a in q.activities
    )


def test_the_quarter_can_be_kept_to_one_district() -> None:
    directory = synth.kangbashi(seed=0)
    street = RegionCode(HOME[:9])

    q = simulate_quarter(directory, seed=0, start=START, within=street)

    assert {a.opening.community for a in q.activities} == {
        c.code for c in directory.communities(within=street)
    }
    with pytest.raises(InvalidValue, match="simulate_quarter.within"):
        simulate_quarter(directory, seed=0, start=START, within="150603001")  # type: ignore[arg-type]
