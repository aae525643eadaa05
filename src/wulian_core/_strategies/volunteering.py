"""Hypothesis strategies for volunteering, and ``ActivityMachine`` for an activity's life.

Shipped for users' own property tests; requires the ``hypothesis`` extra. Every strategy
is sound (it draws only valid values) and takes keyword-only options. Communities are
drawn from a few townships so that needs and supplies meet.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from wulian_core.calendar import SHANGHAI
from wulian_core.codec import make_converter, register_union
from wulian_core.errors import WulianError
from wulian_core.model import ServiceArea
from wulian_core.people import Actor, Grant, Person, Role, Scope
from wulian_core.points import Holder, HolderKind, Passbook, PointsPolicy
from wulian_core.regions import RegionCode
from wulian_core.volunteering import (
    WIRE_UNIONS,
    ActivityStatus,
    Audience,
    Availability,
    CommunityActivity,
    DayPart,
    Need,
    NeedCategory,
    Organiser,
    OrganiserKind,
    ParticipantKind,
    ParticipantProfile,
    ProviderKind,
    Reach,
    Supply,
    Urgency,
    VolunteerRegistration,
    VolunteerTeam,
    credit_passbook,
)

from .values import identifiers, names, persons

__all__ = [
    "ActivityMachine",
    "availabilities",
    "communities",
    "community_activities",
    "for_volunteering_type",
    "needs",
    "organisers",
    "participant_profiles",
    "supplies",
    "volunteer_registrations",
    "volunteer_teams",
]

S = st.SearchStrategy
_T0 = dt.datetime(2024, 3, 1, 9, tzinfo=SHANGHAI)
_TOWNSHIPS = ("150603001", "150603002", "610102003")
_SKILLS = ("陪伴", "维修", "法律", "心理", "助餐", "理发")


def communities() -> S[RegionCode]:
    """Community codes in three townships, four communities each.

    >>> from hypothesis import find
    >>> find(communities(), lambda c: True).level.value
    'community'
    """
    return st.builds(
        lambda t, c: RegionCode(f"{t}00{c}"), st.sampled_from(_TOWNSHIPS), st.integers(1, 4)
    )


def _instants(*, base: dt.datetime = _T0, days: int = 14) -> S[dt.datetime]:
    return st.integers(0, days * 24 * 4).map(lambda q: base + dt.timedelta(minutes=15 * q))


def availabilities() -> S[Availability]:
    """Availability: some weekdays, some parts of the day.

    >>> from hypothesis import find
    >>> find(availabilities(), lambda a: len(a.weekdays) == 7).weekdays == frozenset(range(1, 8))
    True
    """
    return st.builds(
        Availability,
        weekdays=st.frozensets(st.integers(1, 7), min_size=1),
        parts=st.frozensets(st.sampled_from(list(DayPart)), min_size=1),
    )


def volunteer_teams(*, community: S[RegionCode] | None = None) -> S[VolunteerTeam]:
    """Volunteer teams, founded (and maybe dissolved) between 2015 and 2030.

    >>> from hypothesis import find
    >>> find(volunteer_teams(), lambda t: t.dissolved is not None).dissolved is not None
    True
    """

    def build(
        ident: str, name: str, home: RegionCode, leader: str, founded: dt.date, span: int | None
    ) -> VolunteerTeam:
        dissolved = None if span is None else founded + dt.timedelta(days=span)
        return VolunteerTeam(
            id=ident, name=name, community=home, leader=leader, founded=founded, dissolved=dissolved
        )

    return st.builds(
        build,
        identifiers(),
        names(),
        communities() if community is None else community,
        identifiers(),
        st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)),
        st.none() | st.integers(0, 3000),
    )


def organisers(*, community: S[RegionCode] | None = None) -> S[Organiser]:
    """Organisers on record of every kind, working in (or above) the community drawn.

    >>> from hypothesis import find
    >>> find(organisers(), lambda o: o.kind is OrganiserKind.STATION).region.level.value
    'township'
    """
    home = communities() if community is None else community
    staff = st.frozensets(identifiers(), max_size=3)

    def build(
        kind: OrganiserKind, ident: str, code: RegionCode, people: frozenset[str]
    ) -> Organiser:
        if kind is OrganiserKind.COMMUNITY:
            return Organiser(kind=kind, id=str(code), region=code)
        region = RegionCode(code[:9]) if kind is OrganiserKind.STATION else code
        return Organiser(kind=kind, id=ident, region=region, staff=people)

    return st.builds(build, st.sampled_from(list(OrganiserKind)), identifiers(), home, staff)


def participant_profiles(*, community: S[RegionCode] | None = None) -> S[ParticipantProfile]:
    """Residents', volunteers' and social workers' profiles.

    >>> from hypothesis import find
    >>> find(participant_profiles(), lambda p: p.skills).skills != frozenset()
    True
    """
    return st.builds(
        ParticipantProfile,
        person=identifiers(),
        community=communities() if community is None else community,
        kind=st.sampled_from(list(ParticipantKind)),
        grid=st.none() | st.sampled_from(["g-1", "g-2", "g-3"]),
        skills=st.frozensets(st.sampled_from(_SKILLS), max_size=3),
        availability=availabilities(),
        groups=st.frozensets(st.sampled_from(list(Audience)), max_size=2),
    )


def _window(draw: Any) -> tuple[dt.datetime, dt.datetime]:
    start = draw(_instants())
    return start, start + dt.timedelta(minutes=30 * draw(st.integers(1, 16)))


@st.composite
def needs(draw: Any, *, community: S[RegionCode] | None = None) -> Need:
    """Residents' needs in a few communities, grids and windows, every urgency and reach.

    >>> from hypothesis import find
    >>> find(needs(), lambda n: n.reach is Reach.GRID).reach.value
    'grid'
    """
    starts, ends = _window(draw)
    return Need(
        id=draw(identifiers()),
        resident=draw(identifiers()),
        category=draw(st.sampled_from(list(NeedCategory))),
        community=draw(communities() if community is None else community),
        grid=draw(st.none() | st.sampled_from(["g-1", "g-2"])),
        starts=starts,
        ends=ends,
        raised_at=starts - dt.timedelta(days=draw(st.integers(0, 30))),
        urgency=draw(st.sampled_from(list(Urgency))),
        reach=draw(st.sampled_from(list(Reach))),
    )


@st.composite
def supplies(draw: Any, *, community: S[RegionCode] | None = None) -> Supply:
    """What organizations, volunteers and charity resources offer, with capacity 1 to 5.

    >>> from hypothesis import find
    >>> find(supplies(), lambda s: s.capacity > 2).capacity > 2
    True
    """
    starts, ends = _window(draw)
    reach = draw(st.sampled_from(list(Reach)))
    grid = draw(
        st.sampled_from(["g-1", "g-2"])
        if reach is Reach.GRID
        else st.none() | st.sampled_from(["g-1", "g-2"])
    )
    return Supply(
        id=draw(identifiers()),
        provider=draw(identifiers()),
        kind=draw(st.sampled_from(list(ProviderKind))),
        categories=draw(st.frozensets(st.sampled_from(list(NeedCategory)), min_size=1, max_size=3)),
        community=draw(communities() if community is None else community),
        grid=grid,
        starts=starts,
        ends=ends,
        capacity=draw(st.integers(1, 5)),
        reach=reach,
    )


@st.composite
def volunteer_registrations(draw: Any) -> VolunteerRegistration:
    """Registrations pending, approved, or suspended, each from a valid history.

    >>> from hypothesis import find
    >>> find(volunteer_registrations(), lambda r: r.status.value == "suspended").version
    3
    """
    home = draw(communities())
    person: Person = draw(persons())
    worker = Actor("w-" + person.id[:60], {Grant(Role.COMMUNITY_WORKER, Scope.region(home))})
    at = draw(_instants())
    reg = VolunteerRegistration.register(
        person=person,
        community=home,
        skills=draw(st.frozensets(st.sampled_from(_SKILLS), max_size=3)),
        areas=draw(st.frozensets(st.sampled_from(list(ServiceArea)), max_size=2)),
        availability=draw(availabilities()),
        by=Actor(person.id),
        at=at,
    )
    steps = draw(st.integers(0, 2))
    if steps >= 1:
        reg.approve(by=worker, at=at + dt.timedelta(days=1))
    if steps >= 2:
        reg.suspend(reason="长期未参加活动", by=worker, at=at + dt.timedelta(days=30))
    return reg


@st.composite
def community_activities(draw: Any) -> CommunityActivity:
    """Activities just opened by a community's worker, of every area, audience and capacity.

    >>> from hypothesis import find
    >>> find(community_activities(), lambda a: a.capacity > 3).status.value
    'open'
    """
    home = draw(communities())
    worker = Actor("w-1", {Grant(Role.COMMUNITY_WORKER, Scope.region(home))})
    at = draw(_instants())
    starts = at + dt.timedelta(hours=draw(st.integers(1, 24 * 14)))
    return CommunityActivity.open(
        id=draw(identifiers()),
        organiser=Organiser.of_community(home),
        title=draw(names()),
        community=home,
        place=draw(names()),
        area=draw(st.sampled_from(list(ServiceArea))),
        starts=starts,
        ends=starts + dt.timedelta(minutes=30 * draw(st.integers(1, 8))),
        capacity=draw(st.integers(1, 20)),
        audience=draw(st.sampled_from(list(Audience))),
        joint=draw(st.booleans()),
        skills=draw(st.frozensets(st.sampled_from(_SKILLS), max_size=2)),
        by=worker,
        at=at,
    )


_FOR_TYPE: dict[type, Any] = {
    Availability: availabilities,
    VolunteerTeam: volunteer_teams,
    Organiser: organisers,
    ParticipantProfile: participant_profiles,
    Need: needs,
    Supply: supplies,
    VolunteerRegistration: volunteer_registrations,
    CommunityActivity: community_activities,
}


def for_volunteering_type(cls: type) -> Any:
    """The strategy for a volunteering type, or ``NotImplemented`` (for ``st.register_type_strategy``).

    >>> for_volunteering_type(Need) is not NotImplemented, for_volunteering_type(int)
    (True, NotImplemented)
    """
    make = _FOR_TYPE.get(cls)
    return NotImplemented if make is None else make()


# --- the machine -------------------------------------------------------------------------

_HOME = RegionCode("150603001001")
_WORKER = Actor("w-1", {Grant(Role.COMMUNITY_WORKER, Scope.region(_HOME))})
_PEOPLE = ("p-1", "p-2", "p-3", "p-4", "p-5", "p-6")
_STRANGER = Actor("x-1")


class ActivityMachine(RuleBasedStateMachine):
    """An activity driven at random: sign-ups, withdrawals, attendance, certification, cancel.

    After every step it checks: confirmed places never exceed capacity; nobody is both
    confirmed and waitlisted; a waitlist exists only when every place is taken; certified
    minutes never exceed the activity's length and only people who checked out have
    them; a cancelled activity certifies nothing; a refused command changes nothing;
    crediting a passbook twice credits once; replaying the history, also after a JSON
    round trip, gives the same activity.

    Use it as ``TestActivity = ActivityMachine.TestCase``.

    >>> ActivityMachine.TestCase.__name__
    'ActivityMachine.TestCase'
    """

    def __init__(self) -> None:
        super().__init__()
        self.now = _T0
        self.books: dict[str, Passbook] = {}
        converter = make_converter()
        for union, members in WIRE_UNIONS:
            register_union(converter, members, union=union)
        self.converter = converter

    @initialize(capacity=st.integers(1, 4), hours=st.integers(1, 4))
    def open(self, capacity: int, hours: int) -> None:
        starts = _T0 + dt.timedelta(hours=1)  # check-in opens at once: short runs reach it
        self.activity = CommunityActivity.open(
            id="act-m",
            organiser=Organiser.of_community(_HOME),
            title="机器活动",
            community=_HOME,
            place="社区活动中心",
            area=ServiceArea.COMMUNITY_GOVERNANCE,
            starts=starts,
            ends=starts + dt.timedelta(hours=hours),
            capacity=capacity,
            by=_WORKER,
            at=_T0,
        )

    def _try(self, command: Any, **kwargs: Any) -> None:
        before = self.activity.version
        try:
            command(at=self.now, **kwargs)
        except WulianError:
            assert self.activity.version == before, "a refused command changed the activity"

    @rule(quarters=st.integers(0, 4))
    def time_passes(self, quarters: int) -> None:
        self.now += dt.timedelta(minutes=15 * quarters)

    @rule(
        person=st.sampled_from(_PEOPLE),
        role=st.sampled_from(list(ParticipantKind)),
        by_self=st.booleans(),
    )
    def sign_up(self, person: str, role: ParticipantKind, by_self: bool) -> None:
        self._try(
            self.activity.sign_up,
            person=person,
            role=role,
            by=Actor(person) if by_self else _STRANGER,
        )

    def _someone(self, data: Any, among: Any) -> str:
        """Mostly someone the command is for; now and then anyone, to be refused."""
        people = tuple(sorted(among))
        if people and data.draw(st.integers(0, 4)):
            return str(data.draw(st.sampled_from(people)))
        return str(data.draw(st.sampled_from(_PEOPLE)))

    @rule(data=st.data())
    def withdraw(self, data: Any) -> None:
        person = self._someone(data, (*self.activity.confirmed, *self.activity.waitlist))
        self._try(self.activity.withdraw, person=person, by=Actor(person))

    @rule(data=st.data())
    def check_in(self, data: Any) -> None:
        person = self._someone(data, self.activity.confirmed)
        self._try(self.activity.check_in, person=person, by=Actor(person))

    @rule(data=st.data())
    def check_out(self, data: Any) -> None:
        act = self.activity
        person = self._someone(data, set(act.checked_in) - set(act.checked_out))
        self._try(self.activity.check_out, person=person, by=Actor(person))

    @rule(data=st.data(), by_worker=st.booleans())
    def certify(self, data: Any, by_worker: bool) -> None:
        act = self.activity
        person = self._someone(data, set(act.checked_out) - set(act.certified))
        self._try(self.activity.certify, person=person, by=_WORKER if by_worker else Actor(person))

    @rule(person=st.sampled_from(_PEOPLE))
    def invite(self, person: str) -> None:
        self._try(self.activity.invite, person=person, reason="同社区", by=_WORKER)

    @rule(data=st.data(), accepted=st.booleans())
    def answer(self, data: Any, accepted: bool) -> None:
        person = self._someone(data, self.activity.invitations)
        self._try(self.activity.answer, person=person, accepted=accepted, by=Actor(person))

    @precondition(lambda self: self.activity.status is ActivityStatus.OPEN)
    @rule(dice=st.integers(0, 29))
    def cancel(self, dice: int) -> None:
        if dice == 17:  # rarely (not 0: Hypothesis favours it): a cancel ends the interesting part
            self._try(self.activity.cancel, reason="天气原因", by=_WORKER)

    @precondition(lambda self: bool(self.activity.certified))
    @rule(data=st.data())
    def credit(self, data: Any) -> None:
        person = str(data.draw(st.sampled_from(sorted(self.activity.certified))))
        book = self.books.get(person)
        if book is None:
            holder = Holder(id=person, kind=HolderKind.PERSON, community=_HOME)
            book = Passbook.open(holder, policy=PointsPolicy.practice(), by=_WORKER, at=self.now)
            self.books[person] = book
        at = max(self.now, book.events[-1].at)
        first = credit_passbook(self.activity, book, by=_WORKER, at=at)
        version = book.version
        again = credit_passbook(self.activity, book, by=_WORKER, at=at)
        assert again == first, "a second credit answered otherwise"
        assert book.version == version, "a second credit changed the passbook"

    @invariant()
    def places_hold(self) -> None:
        act = self.activity
        confirmed, waitlist = set(act.confirmed), set(act.waitlist)
        assert len(confirmed) <= act.capacity
        assert not confirmed & waitlist
        if waitlist and act.status is ActivityStatus.OPEN:
            assert len(confirmed) == act.capacity, "a place is free while people wait"

    @invariant()
    def certification_holds(self) -> None:
        act = self.activity
        length = (act.opening.ends - act.opening.starts).total_seconds() // 60
        for person, minutes in act.certified.items():
            assert 0 <= minutes <= length
            assert person in act.checked_in
        if act.status is ActivityStatus.CANCELLED:
            assert not act.certified
            assert act.held_record() is None

    @invariant()
    def replay_and_round_trip_agree(self) -> None:
        act = self.activity
        assert act.version == len(act.events)
        assert CommunityActivity.replay(act.events) == act
        union = WIRE_UNIONS[0][0]
        wire = [self.converter.unstructure(e, union) for e in act.events]
        back = [self.converter.structure(w, union) for w in wire]
        assert CommunityActivity.replay(back) == act
