"""Volunteering records: integrity problems all at once, answers as of a day."""

from __future__ import annotations

import datetime as dt

import pytest

from wulian_core.errors import IntegrityError, InvalidValue, NotFound
from wulian_core.model import ServiceArea
from wulian_core.people import Actor
from wulian_core.volunteering import (
    CommunityActivity,
    Need,
    NeedCategory,
    Organiser,
    ParticipantKind,
    VolunteeringRecords,
    VolunteerRegistration,
    VolunteerTeam,
)

from .conftest import HOME, LI_MIN, NEIGHBOUR, T0, VOLUNTEER, WORKER

DAY = dt.timedelta(days=1)


def _registered() -> VolunteerRegistration:
    reg = VolunteerRegistration.register(person=LI_MIN, community=HOME, by=VOLUNTEER, at=T0)
    reg.approve(by=WORKER, at=T0 + 2 * DAY)
    return reg


def _team(leader: str = "p-3", community=HOME) -> VolunteerTeam:  # type: ignore[no-untyped-def]
    return VolunteerTeam(
        id="t-1", name="银龄志愿服务队", community=community, leader=leader, founded=T0.date()
    )


def _need(ident: str = "n-1") -> Need:
    return Need(
        id=ident,
        resident="p-4",
        category=NeedCategory.REPAIR,
        community=HOME,
        starts=T0 + DAY,
        ends=T0 + DAY + dt.timedelta(hours=2),
        raised_at=T0,
    )


def _held_by_team(team: VolunteerTeam) -> CommunityActivity:
    act = CommunityActivity.open(
        id="act-1",
        organiser=Organiser.of_team(team),
        title="义务维修",
        community=HOME,
        place="小区广场",
        area=ServiceArea.COMMUNITY_GOVERNANCE,
        starts=T0 + DAY,
        ends=T0 + DAY + dt.timedelta(hours=2),
        capacity=5,
        by=VOLUNTEER,
        at=T0,
    )
    act.sign_up(person="p-5", role=ParticipantKind.VOLUNTEER, by=Actor("p-5"), at=T0)
    act.check_in(person="p-5", by=Actor("p-5"), at=T0 + DAY)
    act.check_out(person="p-5", by=Actor("p-5"), at=T0 + DAY + dt.timedelta(hours=2))
    act.certify(person="p-5", by=VOLUNTEER, at=T0 + DAY + dt.timedelta(hours=2))
    return act


def test_volunteers_count_from_approval_and_stop_when_suspended() -> None:
    reg = _registered()
    reg.suspend(reason="投诉属实", by=WORKER, at=T0 + 10 * DAY)
    recs = VolunteeringRecords(registrations=[reg])

    assert recs.volunteers_on(T0.date() + DAY) == ()
    assert [v.person for v in recs.volunteers_on(T0.date() + 2 * DAY)] == ["p-3"]
    assert recs.volunteers_on(T0.date() + 10 * DAY) == ()
    assert recs.volunteers_on(T0.date() + 2 * DAY, within=NEIGHBOUR) == ()


def test_a_team_led_by_its_volunteer_holds_activities_the_records_count() -> None:
    team = _team()
    act = _held_by_team(team)
    recs = VolunteeringRecords(registrations=[_registered()], teams=[team], activities=[act])

    held = recs.activities_held(T0.date(), T0.date() + 7 * DAY, within=HOME.parent)

    assert [a.id for a in held] == ["act-1"]
    assert held[0].organisers == frozenset({"t-1"})
    assert recs.activities_held(T0.date(), T0.date()) == ()
    assert recs.teams_on(T0.date()) == (team,)
    assert recs.team("t-1") is team
    assert recs.activity("act-1") is act


def test_needs_are_open_until_met() -> None:
    need = _need()
    recs = VolunteeringRecords(needs=[need, _need("n-2")], met={"n-1": T0 + 3 * DAY})

    assert [n.id for n in recs.needs_open_on(T0.date() + DAY)] == ["n-1", "n-2"]
    assert [n.id for n in recs.needs_open_on(T0.date() + 3 * DAY)] == ["n-2"]
    assert recs.needs_met_on(T0.date() + 3 * DAY) == ("n-1",)
    assert recs.need("n-2").id == "n-2"


def test_every_integrity_problem_is_reported_at_once() -> None:
    stray_team = _team(leader="p-8")
    elsewhere = VolunteerTeam(
        id="t-2", name="邻里队", community=NEIGHBOUR, leader="p-3", founded=T0.date()
    )
    act = _held_by_team(_team())
    with pytest.raises(IntegrityError) as caught:
        VolunteeringRecords(
            registrations=[_registered()],
            teams=[stray_team, elsewhere],
            activities=[act],
            needs=[_need(), _need()],
            met={"n-9": T0, "n-1": T0 - DAY},
        )
    problems = "\n".join(caught.value.problems)
    assert "need 'n-1' is given twice" in problems
    assert "need 'n-9' is marked met but not given" in problems
    assert "before it was raised" in problems
    assert "no registered volunteer" in problems
    assert "another community" in problems
    assert len(caught.value.problems) == 5


def test_an_activity_of_an_unknown_team_is_an_integrity_problem() -> None:
    act = _held_by_team(_team())
    with pytest.raises(IntegrityError, match="unknown team 't-1'"):
        VolunteeringRecords(activities=[act])


def test_lookups_and_arguments_are_checked() -> None:
    recs = VolunteeringRecords()
    with pytest.raises(NotFound, match="no need 'n-1'"):
        recs.need("n-1")
    with pytest.raises(NotFound):
        recs.registration("p-3")
    with pytest.raises(InvalidValue, match="VolunteeringRecords.volunteers_on.day"):
        recs.volunteers_on(T0)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match=r"VolunteeringRecords.needs\[0\]"):
        VolunteeringRecords(needs=["n-1"])  # type: ignore[list-item]
