"""Doctest fixtures: a community, its worker, a volunteer, a resident, and activities."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from wulian_core.calendar import SHANGHAI
from wulian_core.model import ServiceArea
from wulian_core.people import Actor, Grant, Person, PhoneNumber, Role, Scope
from wulian_core.regions import RegionCode

__all__ = ["People", "attended", "opened", "passbook_of", "people", "registered"]

HOME = RegionCode("150603001001")
T0 = dt.datetime(2024, 3, 1, 9, tzinfo=SHANGHAI)


class People(NamedTuple):
    """Who acts in the examples."""

    home: RegionCode
    worker: Actor
    volunteer: Actor
    volunteer_person: Person
    resident: Actor


def people() -> tuple[People, dt.datetime]:
    """``(who, at)``: community 150603001001, its worker p-9, volunteer p-3, resident p-4.

    >>> who, at = people()
    >>> who.volunteer_person
    Person(id='p-3', name='李敏', phone=PhoneNumber('138****8000'), id_card=None)
    """
    worker = Actor("p-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(HOME))})
    person = Person(id="p-3", name="李敏", phone=PhoneNumber("13800138000"))
    return People(HOME, worker, Actor("p-3"), person, Actor("p-4")), T0


def registered() -> tuple[Any, People, dt.datetime]:
    """An approved registration of volunteer p-3."""
    from .registration import VolunteerRegistration

    who, at = people()
    reg = VolunteerRegistration.register(
        person=who.volunteer_person, community=HOME, skills={"陪伴"}, by=who.volunteer, at=at
    )
    reg.approve(by=who.worker, at=at)
    return reg, who, at


def opened(*, capacity: int = 2) -> tuple[Any, People, dt.datetime]:
    """Activity act-1 of community 150603001001, 2024-03-02 09:00-11:00, opened the day before."""
    from .activity import CommunityActivity
    from .values import Organiser

    who, at = people()
    act = CommunityActivity.open(
        id="act-1",
        organiser=Organiser.of_community(HOME),
        title="共享奶奶",
        community=HOME,
        place="社区活动中心",
        area=ServiceArea.CHILD_WELFARE,
        starts=at + dt.timedelta(days=1),
        ends=at + dt.timedelta(days=1, hours=2),
        capacity=capacity,
        by=who.worker,
        at=at,
    )
    return act, who, at


def attended() -> tuple[Any, People, dt.datetime]:
    """act-1 with volunteer p-3 checked in at the start and out at the end; ``at`` is the end."""
    from .values import ParticipantKind

    act, who, at = opened()
    act.sign_up(person="p-3", role=ParticipantKind.VOLUNTEER, by=who.volunteer, at=at)
    start = act.opening.starts
    act.check_in(person="p-3", by=who.volunteer, at=start)
    end = act.opening.ends
    act.check_out(person="p-3", by=who.volunteer, at=end)
    return act, who, end


def passbook_of(person: str, at: dt.datetime) -> Any:
    """A passbook of ``person`` in 150603001001 under the practice policy, opened at ``at``."""
    from wulian_core.points import Holder, HolderKind, Passbook, PointsPolicy

    who, _ = people()
    holder = Holder(id=person, kind=HolderKind.PERSON, community=HOME)
    return Passbook.open(holder, policy=PointsPolicy.practice(), by=who.worker, at=at)
