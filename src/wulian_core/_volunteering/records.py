"""The volunteering records of a region: volunteers, teams, activities and needs, as of a day.

:class:`VolunteeringRecords` is an immutable, indexed snapshot built once from the
aggregates and records an app holds. Building it checks that they hang together and
reports every problem at once (:class:`~wulian_core.errors.IntegrityError`); its queries
answer as of a day, in Asia/Shanghai.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from wulian_core import _checks
from wulian_core.calendar import SHANGHAI
from wulian_core.directory import Directory
from wulian_core.errors import IntegrityError, InvalidValue, NotFound
from wulian_core.model import Activity, Volunteer
from wulian_core.regions import RegionCode

from .activity import CommunityActivity
from .needs import Need
from .registration import VolunteerRegistration
from .values import OrganiserKind, VolunteerTeam

__all__ = ["VolunteeringRecords"]

T = TypeVar("T")


def _end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.max, tzinfo=SHANGHAI)


def _listed(value: Any, name: str, kind: type) -> list[Any]:
    try:
        items = list(value)
    except TypeError:
        raise InvalidValue(name, value, f"must be an iterable of {kind.__name__}") from None
    for n, item in enumerate(items):
        if not isinstance(item, kind):
            raise InvalidValue(f"{name}[{n}]", item, f"must be a {kind.__name__}")
    return items


def _day(value: object, name: str) -> dt.date:
    return _checks.arg_date(value, name)


def _within(code: RegionCode, within: RegionCode | None) -> bool:
    if within is None:
        return True
    if not isinstance(within, RegionCode):
        raise InvalidValue("VolunteeringRecords.within", within, "must be a RegionCode or None")
    return code.startswith(within)


class VolunteeringRecords:
    """Volunteers, teams, activities and needs, indexed, checked, with as-of queries.

    >>> from wulian_core.examples import volunteering_records as records
    >>> recs = records()
    >>> import datetime as dt
    >>> [v.person for v in recs.volunteers_on(dt.date(2024, 3, 1))]
    ['p-3']
    >>> recs.volunteers_on(dt.date(2024, 2, 29))
    ()
    >>> [n.id for n in recs.needs_open_on(dt.date(2024, 3, 1))], recs.needs_met_on(dt.date(2024, 3, 3))
    (['n-1'], ('n-1',))
    """

    __slots__ = ("_activities", "_met", "_needs", "_registrations", "_teams")

    def __init__(
        self,
        *,
        registrations: Iterable[VolunteerRegistration] = (),
        teams: Iterable[VolunteerTeam] = (),
        activities: Iterable[CommunityActivity] = (),
        needs: Iterable[Need] = (),
        met: Mapping[str, dt.datetime] | None = None,
        directory: Directory | None = None,
    ) -> None:
        name = "VolunteeringRecords"
        regs = _listed(registrations, f"{name}.registrations", VolunteerRegistration)
        team_list = _listed(teams, f"{name}.teams", VolunteerTeam)
        acts = _listed(activities, f"{name}.activities", CommunityActivity)
        need_list = _listed(needs, f"{name}.needs", Need)
        if met is None:
            met = {}
        if not isinstance(met, Mapping):
            raise InvalidValue(f"{name}.met", met, "must map need ids to instants")
        if directory is not None and not isinstance(directory, Directory):
            raise InvalidValue(f"{name}.directory", directory, "must be a Directory")
        problems: list[str] = []
        self._registrations: dict[str, VolunteerRegistration] = self._unique(
            regs, "registration", lambda r: r.person, problems
        )
        self._teams: dict[str, VolunteerTeam] = self._unique(
            team_list, "team", lambda t: t.id, problems
        )
        self._activities: dict[str, CommunityActivity] = self._unique(
            acts, "activity", lambda a: a.id, problems
        )
        self._needs: dict[str, Need] = self._unique(need_list, "need", lambda n: n.id, problems)
        self._met: dict[str, dt.datetime] = {}
        for key, when in met.items():
            need = self._needs.get(key)
            if need is None:
                problems.append(f"need {key!r} is marked met but not given")
            elif type(when) is not dt.datetime or when.tzinfo is None:
                problems.append(f"need {key!r} is met at {when!r}, not an aware datetime")
            elif when < need.raised_at:
                problems.append(f"need {key!r} is met at {when} before it was raised")
            else:
                self._met[key] = when
        self._check_links(problems, directory)
        if problems:
            raise IntegrityError(problems)

    @staticmethod
    def _unique(items: list[Any], kind: str, key: Any, problems: list[str]) -> dict[str, Any]:
        table: dict[str, Any] = {}
        for item in items:
            k = key(item)
            if k in table:
                problems.append(f"{kind} {k!r} is given twice")
            table[k] = item
        return table

    def _check_links(self, problems: list[str], directory: Directory | None) -> None:
        for team in self._teams.values():
            reg = self._registrations.get(team.leader)
            if reg is None:
                problems.append(
                    f"team {team.id!r} is led by {team.leader!r}, who is no registered volunteer"
                )
            elif reg.community != team.community:
                problems.append(
                    f"team {team.id!r} is led by a volunteer of another community ({reg.community})"
                )
        for act in self._activities.values():
            organiser = act.organiser
            if organiser.kind is OrganiserKind.VOLUNTEER_TEAM and organiser.id not in self._teams:
                problems.append(f"activity {act.id!r} names unknown team {organiser.id!r}")
            if directory is None:
                continue
            if organiser.kind is OrganiserKind.SOCIAL_ORGANIZATION:
                self._known(directory.organization, "organization", organiser.id, act.id, problems)
            elif organiser.kind is OrganiserKind.STATION:
                self._known(directory.station, "station", organiser.id, act.id, problems)
        if directory is None:
            return
        places: list[tuple[str, RegionCode]] = [
            *((f"registration {r.person!r}", r.community) for r in self._registrations.values()),
            *((f"team {t.id!r}", t.community) for t in self._teams.values()),
            *((f"activity {a.id!r}", a.opening.community) for a in self._activities.values()),
            *((f"need {n.id!r}", n.community) for n in self._needs.values()),
        ]
        for what, code in places:
            if code not in directory:
                problems.append(f"{what} names unknown community {code}")

    @staticmethod
    def _known(lookup: Any, kind: str, key: str, activity: str, problems: list[str]) -> None:
        try:
            lookup(key)
        except NotFound:
            problems.append(f"activity {activity!r} names unknown {kind} {key!r}")

    # --- lookups ----------------------------------------------------------------------------

    def registration(self, person: str) -> VolunteerRegistration:
        """The registration of ``person``; :class:`~wulian_core.errors.NotFound` if none."""
        return self._get(self._registrations, "registration", person, "registration.person")

    def team(self, team_id: str) -> VolunteerTeam:
        """The team with this id."""
        return self._get(self._teams, "team", team_id, "team.team_id")

    def activity(self, activity_id: str) -> CommunityActivity:
        """The activity with this id."""
        return self._get(self._activities, "activity", activity_id, "activity.activity_id")

    def need(self, need_id: str) -> Need:
        """The need with this id."""
        return self._get(self._needs, "need", need_id, "need.need_id")

    @staticmethod
    def _get(table: dict[str, T], kind: str, key: object, argument: str) -> T:
        found = table.get(key) if type(key) is str else None
        if found is None:
            raise NotFound(kind, key, argument=f"VolunteeringRecords.{argument}")
        return found

    # --- as of a day ------------------------------------------------------------------------

    def volunteers_on(
        self, day: dt.date, *, within: RegionCode | None = None
    ) -> tuple[Volunteer, ...]:
        """The registered (approved, not suspended) volunteers at the end of ``day``."""
        end = _end_of(_day(day, "VolunteeringRecords.volunteers_on.day"))
        return tuple(
            reg.volunteer()
            for _, reg in sorted(self._registrations.items())
            if _within(reg.community, within) and reg.is_registered(end)
        )

    def teams_on(
        self, day: dt.date, *, within: RegionCode | None = None
    ) -> tuple[VolunteerTeam, ...]:
        """The teams that exist on ``day``."""
        _day(day, "VolunteeringRecords.teams_on.day")
        return tuple(
            t
            for _, t in sorted(self._teams.items())
            if t.active_on(day) and _within(t.community, within)
        )

    def activities_held(
        self, start: dt.date, end: dt.date, *, within: RegionCode | None = None
    ) -> tuple[Activity, ...]:
        """The held activities (as :class:`~wulian_core.model.Activity`) from ``start`` to ``end``."""
        first = _day(start, "VolunteeringRecords.activities_held.start")
        last = _day(end, "VolunteeringRecords.activities_held.end")
        held = []
        for _, act in sorted(self._activities.items()):
            record = act.held_record()
            if (
                record is not None
                and first <= record.on <= last
                and _within(record.community, within)
            ):
                held.append(record)
        return tuple(held)

    def needs_open_on(self, day: dt.date, *, within: RegionCode | None = None) -> tuple[Need, ...]:
        """The needs raised by the end of ``day`` and not met by then."""
        end = _end_of(_day(day, "VolunteeringRecords.needs_open_on.day"))
        return tuple(
            n
            for _, n in sorted(self._needs.items())
            if n.raised_at <= end
            and _within(n.community, within)
            and not (n.id in self._met and self._met[n.id] <= end)
        )

    def needs_met_on(self, day: dt.date, *, within: RegionCode | None = None) -> tuple[str, ...]:
        """The ids of the needs met by the end of ``day``."""
        end = _end_of(_day(day, "VolunteeringRecords.needs_met_on.day"))
        return tuple(
            key
            for key, when in sorted(self._met.items())
            if when <= end and _within(self._needs[key].community, within)
        )

    def __repr__(self) -> str:
        return (
            f"<VolunteeringRecords: {len(self._registrations)} registrations, {len(self._teams)} teams, "
            f"{len(self._activities)} activities, {len(self._needs)} needs>"
        )
