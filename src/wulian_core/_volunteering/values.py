"""The values of volunteering: availability, audiences, organisers, teams, profiles.

Every record is a frozen, slotted attrs class that validates on construction; every enum
has a stable lowercase wire value and its Chinese label.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import Enum
from typing import Any, Self

from attrs import field

from wulian_core._frozen import frozen
from wulian_core.calendar import SHANGHAI
from wulian_core.errors import InvalidValue
from wulian_core.model import SocialOrganization, Station
from wulian_core.people import Actor, Role, Scope
from wulian_core.regions import RegionCode, RegionLevel

from . import checks

__all__ = [
    "Audience",
    "Availability",
    "DayPart",
    "Organiser",
    "OrganiserKind",
    "ParticipantKind",
    "ParticipantProfile",
    "VolunteerTeam",
]


class Labelled(Enum):
    """An enum with a stable wire value and a Chinese label, as the model's enums have."""

    _value_: str
    label_zh: str

    def __new__(cls, value: str, label_zh: str) -> Self:
        member = object.__new__(cls)
        member._value_ = value
        member.label_zh = label_zh
        return member

    def __str__(self) -> str:
        return self._value_


class DayPart(Labelled):
    """A part of the day a volunteer can give, in Asia/Shanghai local time.

    >>> DayPart.of(dt.time(9, 30)), DayPart.EVENING.label_zh
    (<DayPart.MORNING: 'morning'>, '晚上')
    """

    MORNING = "morning", "上午"
    AFTERNOON = "afternoon", "下午"
    EVENING = "evening", "晚上"

    @classmethod
    def of(cls, time: dt.time) -> DayPart:
        """The part of the day ``time`` falls in: before noon, before 18:00, or after."""
        if time.hour < 12:
            return cls.MORNING
        return cls.AFTERNOON if time.hour < 18 else cls.EVENING


_WEEK = frozenset(range(1, 8))
_ALL_PARTS = frozenset(DayPart)


@frozen(kw_only=True)
class Availability:
    """When someone can take part: ISO weekdays (1 Monday … 7 Sunday) and parts of the day.

    >>> weekends = Availability(weekdays={6, 7}, parts={DayPart.MORNING})
    >>> weekends.covers(dt.datetime(2024, 3, 2, 9, tzinfo=SHANGHAI))
    True
    >>> weekends.covers(dt.datetime(2024, 3, 4, 9, tzinfo=SHANGHAI))
    False
    >>> Availability(weekdays={0}, parts=set())
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Availability.weekdays: must be ISO weekdays 1-7 (got frozenset({0}))
    """

    weekdays: frozenset[int] = field(default=_WEEK, converter=checks.to_frozenset)
    parts: frozenset[DayPart] = field(
        default=_ALL_PARTS, converter=checks.to_frozenset, validator=checks.members(DayPart)
    )

    @weekdays.validator
    def _check_weekdays(self, attribute: Any, value: Any) -> None:
        if not isinstance(value, frozenset) or not value <= _WEEK:
            raise InvalidValue("Availability.weekdays", value, "must be ISO weekdays 1-7")

    @classmethod
    def always(cls) -> Availability:
        """Every day, every part of it.

        >>> Availability.always().covers(dt.datetime(2024, 3, 4, 20, tzinfo=SHANGHAI))
        True
        """
        return cls()

    def covers(self, at: dt.datetime) -> bool:
        """Whether the instant ``at`` (aware) falls in this availability, Shanghai time."""
        local = checks.aware_of(at, "Availability.covers.at").astimezone(SHANGHAI)
        return local.isoweekday() in self.weekdays and DayPart.of(local.time()) in self.parts


class Audience(Labelled):
    """Whom an activity is for (服务对象).

    >>> Audience.ELDERLY.label_zh
    '老年人'
    """

    EVERYONE = "everyone", "全体居民"
    ELDERLY = "elderly", "老年人"
    CHILDREN = "children", "儿童及家庭"
    DISABLED = "disabled", "残疾人"
    VOLUNTEERS = "volunteers", "志愿者"


class ParticipantKind(Labelled):
    """Who takes part: a resident, a registered volunteer or a social worker.

    A social worker and a volunteer in one activity make it a 社工+志愿者 joint activity.

    >>> ParticipantKind.SOCIAL_WORKER.label_zh
    '社会工作者'
    """

    RESIDENT = "resident", "居民"
    VOLUNTEER = "volunteer", "志愿者"
    SOCIAL_WORKER = "social_worker", "社会工作者"


class OrganiserKind(Labelled):
    """Who may organise an activity on record (谁组织谁记录).

    >>> [kind.label_zh for kind in OrganiserKind]
    ['社区社会组织', '社工站', '社区', '志愿服务队']
    """

    SOCIAL_ORGANIZATION = "social_organization", "社区社会组织"
    STATION = "station", "社工站"
    COMMUNITY = "community", "社区"
    VOLUNTEER_TEAM = "volunteer_team", "志愿服务队"


@frozen(kw_only=True)
class VolunteerTeam:
    """A volunteer team (志愿服务队) of a community, led by a registered volunteer.

    >>> team = VolunteerTeam(id="t-1", name="银龄志愿服务队", community=RegionCode("150603001001"),
    ...                      leader="p-3", founded=dt.date(2023, 3, 5))
    >>> team.active_on(dt.date(2023, 3, 4)), team.active_on(dt.date(2024, 1, 1))
    (False, True)
    """

    id: str = field(validator=checks.ident)
    name: str = field(validator=checks.text())
    community: RegionCode = field(validator=checks.instance_of(RegionCode))
    leader: str = field(validator=checks.ident)
    founded: dt.date = field(validator=checks.a_date)
    dissolved: dt.date | None = field(default=None, validator=checks.optional_date)

    def __attrs_post_init__(self) -> None:
        if self.community.level is not RegionLevel.COMMUNITY:
            raise InvalidValue("VolunteerTeam.community", self.community, "must be a community")
        if self.dissolved is not None and self.dissolved < self.founded:
            raise InvalidValue(
                "VolunteerTeam.dissolved",
                self.dissolved,
                f"must not be before founded {self.founded}",
            )

    def active_on(self, day: dt.date) -> bool:
        """Whether the team exists on ``day`` (both ends inclusive)."""
        return self.founded <= day and (self.dissolved is None or day <= self.dissolved)


_COMMUNITY_STAFF = (Role.COMMUNITY_WORKER, Role.COMMUNITY_SECRETARY)
_STATION_STAFF = (Role.STATION_STAFF, Role.SOCIAL_WORKER)


@frozen(kw_only=True)
class Organiser:
    """The organiser on record of an activity, and who may certify for it.

    ``region`` is where it works (a community, or a station's township); ``staff`` the
    people it names as its own (负责人、工作人员). Station staff and community workers
    are known from their posts too.

    >>> home = RegionCode("150603001001")
    >>> org = Organiser.of_community(home)
    >>> from wulian_core.people import Grant
    >>> org.may_certify(Actor("p-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(home))}))
    True
    >>> org.may_certify(Actor("p-3"))
    False
    """

    kind: OrganiserKind = field(validator=checks.instance_of(OrganiserKind))
    id: str = field(validator=checks.ident)
    region: RegionCode = field(validator=checks.instance_of(RegionCode))
    staff: frozenset[str] = field(
        default=frozenset(), converter=checks.to_frozenset, validator=checks.members(str)
    )

    def __attrs_post_init__(self) -> None:
        if self.kind is OrganiserKind.COMMUNITY and self.id != str(self.region):
            raise InvalidValue("Organiser.id", self.id, "a community organises under its own code")

    @classmethod
    def of_organization(cls, org: SocialOrganization, *, staff: Iterable[str]) -> Organiser:
        """A community social organization, with the people who act for it.

        >>> from wulian_core.model import OrganizationCategory, Registration
        >>> org = SocialOrganization(id="o-1", name="悦和互助会", community=RegionCode("150603001001"),
        ...     category=OrganizationCategory.MUTUAL_AID, registration=Registration.FILED,
        ...     established=dt.date(2023, 6, 1))
        >>> Organiser.of_organization(org, staff=["p-7"]).may_certify(Actor("p-7"))
        True
        """
        if not isinstance(org, SocialOrganization):
            raise InvalidValue("Organiser.of_organization.org", org, "must be a SocialOrganization")
        return cls(
            kind=OrganiserKind.SOCIAL_ORGANIZATION, id=org.id, region=org.community, staff=staff
        )

    @classmethod
    def of_station(cls, station: Station, *, staff: Iterable[str] = ()) -> Organiser:
        """A social-work station; its posted staff and social workers certify.

        >>> from wulian_core.model import StationLevel
        >>> from wulian_core.people import Grant
        >>> s = Station(id="s-1", name="街道社工站", level=StationLevel.TOWNSHIP,
        ...             region=RegionCode("150603001"), established=dt.date(2021, 5, 1))
        >>> Organiser.of_station(s).may_certify(Actor("p-8", {Grant(Role.STATION_STAFF, Scope.station("s-1"))}))
        True
        """
        if not isinstance(station, Station):
            raise InvalidValue("Organiser.of_station.station", station, "must be a Station")
        return cls(kind=OrganiserKind.STATION, id=station.id, region=station.region, staff=staff)

    @classmethod
    def of_community(cls, community: RegionCode) -> Organiser:
        """A community (its residents' committee); its community workers and secretary certify.

        >>> Organiser.of_community(RegionCode("150603001001")).id
        '150603001001'
        """
        if not isinstance(community, RegionCode) or community.level is not RegionLevel.COMMUNITY:
            raise InvalidValue(
                "Organiser.of_community.community", community, "must be a community code"
            )
        return cls(kind=OrganiserKind.COMMUNITY, id=str(community), region=community)

    @classmethod
    def of_team(cls, team: VolunteerTeam, *, staff: Iterable[str] = ()) -> Organiser:
        """A volunteer team; its leader (and any named staff) certify.

        >>> team = VolunteerTeam(id="t-1", name="银龄队", community=RegionCode("150603001001"),
        ...                      leader="p-3", founded=dt.date(2023, 3, 5))
        >>> Organiser.of_team(team).staff
        frozenset({'p-3'})
        """
        if not isinstance(team, VolunteerTeam):
            raise InvalidValue("Organiser.of_team.team", team, "must be a VolunteerTeam")
        named = checks.to_frozenset(staff)
        if not isinstance(named, frozenset):
            raise InvalidValue("Organiser.of_team.staff", staff, "must be person ids")
        return cls(
            kind=OrganiserKind.VOLUNTEER_TEAM,
            id=team.id,
            region=team.community,
            staff=named | {team.leader},
        )

    def may_certify(self, actor: Actor) -> bool:
        """Whether ``actor`` acts for this organiser: named staff, or posted to it."""
        if actor.person in self.staff:
            return True
        if self.kind is OrganiserKind.STATION:
            scope = Scope.station(self.id)
            return any(actor.holds(role, scope) for role in _STATION_STAFF)
        if self.kind is OrganiserKind.COMMUNITY:
            scope = Scope.region(self.region)
            return any(actor.holds(role, scope) for role in _COMMUNITY_STAFF)
        return False


@frozen(kw_only=True)
class ParticipantProfile:
    """What invitations know of a resident or volunteer: where, what they can do, when.

    ``groups`` are the audiences the person belongs to (an older resident is in
    ``ELDERLY``); everyone is in ``EVERYONE``.

    >>> p = ParticipantProfile(person="p-3", community=RegionCode("150603001001"),
    ...     kind=ParticipantKind.VOLUNTEER, skills={"陪伴"}, groups={Audience.ELDERLY})
    >>> p.fits(Audience.ELDERLY), p.fits(Audience.CHILDREN), p.fits(Audience.VOLUNTEERS)
    (True, False, True)
    """

    person: str = field(validator=checks.ident)
    community: RegionCode = field(validator=checks.instance_of(RegionCode))
    kind: ParticipantKind = field(
        default=ParticipantKind.RESIDENT, validator=checks.instance_of(ParticipantKind)
    )
    grid: str | None = field(default=None, validator=checks.instance_of(str, optional=True))
    skills: frozenset[str] = field(
        default=frozenset(), converter=checks.to_frozenset, validator=checks.members(str)
    )
    availability: Availability = field(
        factory=Availability, validator=checks.instance_of(Availability)
    )
    groups: frozenset[Audience] = field(
        default=frozenset(), converter=checks.to_frozenset, validator=checks.members(Audience)
    )

    def fits(self, audience: Audience) -> bool:
        """Whether the person is among ``audience``."""
        if audience is Audience.EVERYONE or audience in self.groups:
            return True
        return audience is Audience.VOLUNTEERS and self.kind is not ParticipantKind.RESIDENT
