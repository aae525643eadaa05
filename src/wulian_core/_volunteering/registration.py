"""A volunteer's registration (志愿者注册): registered, approved by a community worker, suspended.

The registration is an aggregate of its own: its events are the record of truth, and
:class:`VolunteerRegistration` answers as of any instant whether the person was a
registered volunteer then, the figure star levels and targets count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, ClassVar, Final

from attrs import field

from wulian_core._frozen import frozen
from wulian_core.calendar import SHANGHAI
from wulian_core.errors import IllegalTransition, InvalidValue, PermissionDenied
from wulian_core.model import ServiceArea, Volunteer
from wulian_core.people import Actor, Person, Role, Scope
from wulian_core.regions import RegionCode, RegionLevel

from . import checks
from .aggregate import EventSourced
from .html import registration_html, view_lang
from .values import Availability, Labelled, ParticipantKind, ParticipantProfile

__all__ = [
    "REGISTRATION_EVENTS",
    "RegistrationApproved",
    "RegistrationEvent",
    "RegistrationReinstated",
    "RegistrationStatus",
    "RegistrationSuspended",
    "VolunteerRegistered",
    "VolunteerRegistration",
]


class RegistrationStatus(Labelled):
    """Where a registration stands.

    >>> RegistrationStatus.ACTIVE.label_zh
    '已注册'
    """

    PENDING = "pending", "待审核"
    ACTIVE = "active", "已注册"
    SUSPENDED = "suspended", "已暂停"


@frozen(kw_only=True)
class VolunteerRegistered:
    """A person asked to register as a volunteer; their identity stays masked when shown.

    >>> VolunteerRegistered.kind
    'volunteer.registered'
    """

    kind: ClassVar[str] = "volunteer.registered"
    person: Person = field(validator=checks.instance_of(Person))
    at: dt.datetime = field(validator=checks.aware)
    by: str = field(validator=checks.ident)
    community: RegionCode = field(validator=checks.instance_of(RegionCode))
    grid: str | None = field(default=None, validator=checks.instance_of(str, optional=True))
    skills: frozenset[str] = field(
        default=frozenset(), converter=checks.to_frozenset, validator=checks.members(str)
    )
    areas: frozenset[ServiceArea] = field(
        default=frozenset(), converter=checks.to_frozenset, validator=checks.members(ServiceArea)
    )
    availability: Availability = field(
        factory=Availability, validator=checks.instance_of(Availability)
    )

    @property
    def volunteer(self) -> str:
        """The person's id: a registration is named by its person."""
        return self.person.id


@frozen(kw_only=True)
class RegistrationApproved:
    """A community worker approved the registration.

    >>> RegistrationApproved.kind
    'volunteer.approved'
    """

    kind: ClassVar[str] = "volunteer.approved"
    volunteer: str = field(validator=checks.ident)
    at: dt.datetime = field(validator=checks.aware)
    by: str = field(validator=checks.ident)


@frozen(kw_only=True)
class RegistrationSuspended:
    """The registration was suspended, with a reason (a complaint, a long absence).

    >>> RegistrationSuspended.kind
    'volunteer.suspended'
    """

    kind: ClassVar[str] = "volunteer.suspended"
    volunteer: str = field(validator=checks.ident)
    at: dt.datetime = field(validator=checks.aware)
    by: str = field(validator=checks.ident)
    reason: str = field(validator=checks.text(limit=500))


@frozen(kw_only=True)
class RegistrationReinstated:
    """A suspended registration was reinstated.

    >>> RegistrationReinstated.kind
    'volunteer.reinstated'
    """

    kind: ClassVar[str] = "volunteer.reinstated"
    volunteer: str = field(validator=checks.ident)
    at: dt.datetime = field(validator=checks.aware)
    by: str = field(validator=checks.ident)


RegistrationEvent = (
    VolunteerRegistered | RegistrationApproved | RegistrationSuspended | RegistrationReinstated
)
REGISTRATION_EVENTS: Final = (
    VolunteerRegistered,
    RegistrationApproved,
    RegistrationSuspended,
    RegistrationReinstated,
)
_STAFF = (Role.COMMUNITY_WORKER, Role.COMMUNITY_SECRETARY)


def _is_staff(actor: Actor, community: RegionCode) -> bool:
    scope = Scope.region(community)
    return any(actor.holds(role, scope) for role in _STAFF)


def _status(reg: VolunteerRegistration, event: Any, status: RegistrationStatus) -> None:
    reg._status = status
    reg._changes.append((event.at, status))


_APPLY: Final = {
    VolunteerRegistered: lambda reg, e: _status(reg, e, RegistrationStatus.PENDING),
    RegistrationApproved: lambda reg, e: _status(reg, e, RegistrationStatus.ACTIVE),
    RegistrationSuspended: lambda reg, e: _status(reg, e, RegistrationStatus.SUSPENDED),
    RegistrationReinstated: lambda reg, e: _status(reg, e, RegistrationStatus.ACTIVE),
}


class VolunteerRegistration(EventSourced):
    """A volunteer's registration, changed only by its commands.

    >>> from wulian_core.examples import volunteering_people as people
    >>> who, at = people()
    >>> reg = VolunteerRegistration.register(person=who.volunteer_person, community=who.home,
    ...     skills={"陪伴", "维修"}, by=who.volunteer, at=at)
    >>> reg.status.label_zh, reg.is_registered(at)
    ('待审核', False)
    >>> _ = reg.approve(by=who.worker, at=at)
    >>> reg.is_registered(at), reg.volunteer().registered_on.isoformat()
    (True, '2024-03-01')
    >>> reg.approve(by=who.volunteer, at=at)
    Traceback (most recent call last):
    ...
    wulian_core.errors.PermissionDenied: p-3 may not approve: only a community worker or secretary of 150603001001
    >>> VolunteerRegistration.replay(reg.events) == reg, reg.version
    (True, 2)
    """

    __slots__ = ("_changes", "_opened", "_status")

    APPLY: ClassVar = _APPLY
    FIRST: ClassVar = VolunteerRegistered
    SUBJECT: ClassVar = "volunteer"

    _changes: list[tuple[dt.datetime, RegistrationStatus]]
    _opened: VolunteerRegistered
    _status: RegistrationStatus

    def _start(self, first: Any) -> None:
        self._opened = first
        self._changes = []
        super()._start(first)

    @classmethod
    def register(
        cls,
        *,
        person: Person,
        community: RegionCode,
        by: Actor,
        at: dt.datetime,
        grid: str | None = None,
        skills: Iterable[str] = (),
        areas: Iterable[ServiceArea] = (),
        availability: Availability | None = None,
    ) -> VolunteerRegistration:
        """Register ``person`` in ``community``: by themselves, or by a community worker there."""
        name = "VolunteerRegistration.register"
        by = checks.actor_of(by, f"{name}.by")
        if not isinstance(person, Person):
            raise InvalidValue(f"{name}.person", person, "must be a Person")
        if not isinstance(community, RegionCode) or community.level is not RegionLevel.COMMUNITY:
            raise InvalidValue(f"{name}.community", community, "must be a community code")
        if by.person != person.id and not _is_staff(by, community):
            raise PermissionDenied(
                "register", by.person, f"only the person or a community worker of {community}"
            )
        event = VolunteerRegistered(
            person=person,
            at=checks.aware_of(at, f"{name}.at"),
            by=by.person,
            community=community,
            grid=grid,
            skills=skills,  # the converter takes any iterable
            areas=areas,
            availability=Availability() if availability is None else availability,
        )
        reg = object.__new__(cls)
        reg._start(event)
        return reg

    @classmethod
    def replay(cls, events: Iterable[RegistrationEvent]) -> VolunteerRegistration:
        """The registration these events (oldest first) describe; IntegrityError if they do not fit."""
        return cls._replay(events)

    def _staff_only(self, command: str, by: Actor) -> None:
        community = self._opened.community
        if by.person == self._opened.person.id or not _is_staff(by, community):
            raise PermissionDenied(
                command, by.person, f"only a community worker or secretary of {community}"
            )

    def approve(self, *, by: Actor, at: dt.datetime) -> tuple[RegistrationEvent, ...]:
        """Approve a pending registration (a community worker of its community, not the person)."""
        by, at = self._frame("approve", by, at)
        self._staff_only("approve", by)
        if self._status is not RegistrationStatus.PENDING:
            raise IllegalTransition(self._status.value, "approve")
        return self._commit([RegistrationApproved(volunteer=self.person, at=at, by=by.person)])

    def suspend(self, *, reason: str, by: Actor, at: dt.datetime) -> tuple[RegistrationEvent, ...]:
        """Suspend an active registration, with a reason.

        >>> from wulian_core.examples import volunteer_registered as registered
        >>> reg, who, at = registered()
        >>> _ = reg.suspend(reason="多次报名未到", by=who.worker, at=at)
        >>> reg.is_registered(at), reg.status.label_zh
        (False, '已暂停')
        """
        by, at = self._frame("suspend", by, at)
        reason = checks.text_of(reason, "VolunteerRegistration.suspend.reason", limit=500)
        self._staff_only("suspend", by)
        if self._status is not RegistrationStatus.ACTIVE:
            raise IllegalTransition(self._status.value, "suspend")
        return self._commit(
            [RegistrationSuspended(volunteer=self.person, at=at, by=by.person, reason=reason)]
        )

    def reinstate(self, *, by: Actor, at: dt.datetime) -> tuple[RegistrationEvent, ...]:
        """Reinstate a suspended registration.

        >>> from wulian_core.examples import volunteer_registered as registered
        >>> reg, who, at = registered()
        >>> _ = reg.suspend(reason="暂停", by=who.worker, at=at)
        >>> _ = reg.reinstate(by=who.worker, at=at)
        >>> reg.status.value
        'active'
        """
        by, at = self._frame("reinstate", by, at)
        self._staff_only("reinstate", by)
        if self._status is not RegistrationStatus.SUSPENDED:
            raise IllegalTransition(self._status.value, "reinstate")
        return self._commit([RegistrationReinstated(volunteer=self.person, at=at, by=by.person)])

    # --- queries ----------------------------------------------------------------------------

    @property
    def person(self) -> str:
        """The volunteer's person id."""
        return self._opened.person.id

    @property
    def community(self) -> RegionCode:
        """The community the volunteer registered in."""
        return self._opened.community

    @property
    def status(self) -> RegistrationStatus:
        """The registration's status now."""
        return self._status

    def status_at(self, at: dt.datetime) -> RegistrationStatus | None:
        """The status at instant ``at``; ``None`` before the registration was filed."""
        at = checks.aware_of(at, "VolunteerRegistration.status_at.at")
        found = None
        for when, status in self._changes:  # a handful of changes per volunteer
            if when > at:
                break
            found = status
        return found

    def is_registered(self, at: dt.datetime) -> bool:
        """Whether the person was an approved, unsuspended volunteer at ``at``."""
        return self.status_at(at) is RegistrationStatus.ACTIVE

    def registered_on(self) -> dt.date | None:
        """The local day of the first approval, or ``None`` while pending."""
        for event in self._events:
            if type(event) is RegistrationApproved:
                return event.at.astimezone(SHANGHAI).date()
        return None

    def volunteer(self) -> Volunteer:
        """The :class:`~wulian_core.model.Volunteer` record the directory and targets count."""
        day = self.registered_on()
        if day is None:
            raise IllegalTransition(self._status.value, "volunteer", "not approved yet")
        return Volunteer(person=self.person, registered_on=day, community=self.community)

    def profile(self) -> ParticipantProfile:
        """What invitations know of the volunteer: community, grid, skills, availability."""
        o = self._opened
        return ParticipantProfile(
            person=o.person.id,
            community=o.community,
            kind=ParticipantKind.VOLUNTEER,
            grid=o.grid,
            skills=o.skills,
            availability=o.availability,
        )

    @property
    def areas(self) -> frozenset[ServiceArea]:
        """The service areas the volunteer offers."""
        return self._opened.areas

    def to_html(self, *, full: bool = False, lang: str = "zh") -> str:
        """The registration as a small HTML table (short and full alike); ``lang="en"``.

        >>> from wulian_core.examples import volunteering_people as people
        >>> who, at = people()
        >>> reg = VolunteerRegistration.register(person=who.volunteer_person,
        ...     community=who.home, skills={"陪伴"}, by=who.volunteer, at=at)
        >>> "<td>pending</td>" in reg.to_html(lang="en")
        True
        """
        return registration_html(self, lang=view_lang(full, lang, "VolunteerRegistration"))

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return f"<VolunteerRegistration {self.person} {self._status.value} v{self.version}>"
