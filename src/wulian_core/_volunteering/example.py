"""Doctest fixtures: a community, its worker, a volunteer, a resident, and activities."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from wulian_core.calendar import SHANGHAI
from wulian_core.model import ServiceArea
from wulian_core.people import Actor, Grant, Person, PhoneNumber, Role, Scope
from wulian_core.regions import RegionCode

__all__ = [
    "People",
    "attended",
    "matcher_and_need",
    "opened",
    "passbook_of",
    "people",
    "registered",
]

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
    """An approved registration of volunteer p-3.

    >>> reg, who, at = registered()
    >>> reg.is_registered(at)
    True
    """
    from .registration import VolunteerRegistration

    who, at = people()
    reg = VolunteerRegistration.register(
        person=who.volunteer_person, community=HOME, skills={"陪伴"}, by=who.volunteer, at=at
    )
    reg.approve(by=who.worker, at=at)
    return reg, who, at


def opened(*, capacity: int = 2) -> tuple[Any, People, dt.datetime]:
    """Activity act-1 of community 150603001001, 2024-03-02 09:00-11:00, opened the day before.

    >>> act, who, at = opened()
    >>> act.id, act.version
    ('act-1', 1)
    """
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
    """act-1 with volunteer p-3 checked in at the start and out at the end; ``at`` is the end.

    >>> act, who, end = attended()
    >>> act.version, end.isoformat()
    (4, '2024-03-02T11:00:00+08:00')
    """
    from .values import ParticipantKind

    act, who, at = opened()
    act.sign_up(person="p-3", role=ParticipantKind.VOLUNTEER, by=who.volunteer, at=at)
    start = act.opening.starts
    act.check_in(person="p-3", by=who.volunteer, at=start)
    end = act.opening.ends
    act.check_out(person="p-3", by=who.volunteer, at=end)
    return act, who, end


def passbook_of(person: str, at: dt.datetime) -> Any:
    """A passbook of ``person`` in 150603001001 under the practice policy, opened at ``at``.

    >>> import datetime as dt
    >>> book = passbook_of("p-3", T0)
    >>> book.holder.id, book.balance()
    ('p-3', 0)
    """
    from wulian_core.points import Holder, HolderKind, Passbook, PointsPolicy

    who, _ = people()
    holder = Holder(id=person, kind=HolderKind.PERSON, community=HOME)
    return Passbook.open(holder, policy=PointsPolicy.practice(), by=who.worker, at=at)


def matcher_and_need() -> tuple[Any, Any]:
    """A matcher over three elderly-care offers (same grid, same community, same township)
    and one need of resident p-4 in grid g-1 of 150603001001.

    >>> matcher, need = matcher_and_need()
    >>> need.id, len(matcher.candidates(need))
    ('n-1', 3)
    """
    from .matching import Matcher
    from .needs import Need, NeedCategory, ProviderKind, Reach, Supply

    day = T0 + dt.timedelta(days=1)
    window: dict[str, Any] = {"starts": day, "ends": day + dt.timedelta(hours=8)}
    care = {NeedCategory.ELDERLY_CARE}
    supplies = [
        Supply(
            id="s-township",
            provider="o-2",
            kind=ProviderKind.ORGANIZATION,
            categories=care,
            community=RegionCode("150603001002"),
            capacity=5,
            reach=Reach.TOWNSHIP,
            **window,
        ),
        Supply(
            id="s-community",
            provider="o-1",
            kind=ProviderKind.ORGANIZATION,
            categories=care,
            community=HOME,
            capacity=2,
            **window,
        ),
        Supply(
            id="s-grid",
            provider="p-3",
            kind=ProviderKind.VOLUNTEER,
            categories=care,
            community=HOME,
            grid="g-1",
            capacity=1,
            reach=Reach.GRID,
            **window,
        ),
    ]
    need = Need(
        id="n-1",
        resident="p-4",
        category=NeedCategory.ELDERLY_CARE,
        community=HOME,
        grid="g-1",
        starts=day + dt.timedelta(hours=1),
        ends=day + dt.timedelta(hours=3),
        raised_at=T0,
    )
    return Matcher(supplies), need


def invitation_index() -> tuple[Any, Any]:
    """Profiles of volunteer p-3 (陪伴, weekends), resident p-4 and a volunteer elsewhere,
    and a Saturday-morning 陪伴 activity of 150603001001 that asks for 陪伴.

    >>> index, activity = invitation_index()
    >>> type(index).__name__, type(activity).__name__
    ('InvitationIndex', 'CommunityActivity')
    """
    from .activity import CommunityActivity
    from .invitations import InvitationIndex
    from .values import Availability, DayPart, Organiser, ParticipantKind, ParticipantProfile

    who, at = people()
    weekends = Availability(weekdays={6, 7}, parts={DayPart.MORNING})
    profiles = [
        ParticipantProfile(
            person="p-3",
            community=HOME,
            kind=ParticipantKind.VOLUNTEER,
            skills={"陪伴"},
            availability=weekends,
        ),
        ParticipantProfile(person="p-4", community=HOME),
        ParticipantProfile(
            person="p-5",
            community=RegionCode("150603001002"),
            kind=ParticipantKind.VOLUNTEER,
            skills={"陪伴"},
        ),
    ]
    act = CommunityActivity.open(
        id="act-2",
        organiser=Organiser.of_community(HOME),
        title="陪伴独居老人",
        community=HOME,
        place="居民家中",
        area=ServiceArea.ELDERLY_CARE,
        starts=at + dt.timedelta(days=1),
        ends=at + dt.timedelta(days=1, hours=2),
        capacity=5,
        skills={"陪伴"},
        by=who.worker,
        at=at,
    )
    return InvitationIndex(profiles), act


def records() -> Any:
    """Records of volunteer p-3 (approved 2024-03-01), a team she leads, and need n-1, met 03-02.

    >>> type(records()).__name__
    'VolunteeringRecords'
    """
    from .records import VolunteeringRecords
    from .values import VolunteerTeam

    reg, _, at = registered()
    team = VolunteerTeam(
        id="t-1", name="银龄志愿服务队", community=HOME, leader="p-3", founded=at.date()
    )
    _, need = matcher_and_need()
    return VolunteeringRecords(
        registrations=[reg],
        teams=[team],
        needs=[need],
        met={need.id: at + dt.timedelta(days=1, hours=2)},
    )


def quarter() -> Any:
    """A quarter simulated over a two-community directory (seed 7, from 2024-04-01).

    >>> type(quarter()).__name__
    'QuarterVolunteering'
    """
    from wulian_core.directory import Directory
    from wulian_core.model import Region, Resident, SettlementKind, TownshipKind

    from .quarter import simulate_quarter

    def community(code: str, name: str) -> Region:
        return Region(code=RegionCode(code), name=name, settlement=SettlementKind.URBAN)

    regions = [
        Region(code=RegionCode("15"), name="内蒙古自治区"),
        Region(code=RegionCode("1506"), name="鄂尔多斯市"),
        Region(code=RegionCode("150603"), name="康巴什区"),
        Region(
            code=RegionCode("150603001"), name="哈巴格希街道", township_kind=TownshipKind.STREET
        ),
        community("150603001001", "悦和社区"),
        community("150603001002", "康宁社区"),
    ]
    residents = [Resident(person=f"p-{n}", community=RegionCode("150603001001")) for n in range(8)]
    persons = [Person(id=f"p-{n}", name=f"居民{n}") for n in range(8)]
    directory = Directory(regions=regions, persons=persons, residents=residents)
    return simulate_quarter(directory, seed=7, start=dt.date(2024, 4, 1))
