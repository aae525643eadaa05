"""The directory's index: every lookup built once from its records, every integrity problem found.

Private, below :mod:`wulian_core.directory`, which builds one per directory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar

from . import _checks
from ._activity_columns import Activities, activities_named
from ._directory_columns import Organizations, organizations_named
from .errors import IntegrityError, InvalidValue
from .model import (
    Activity,
    Agency,
    CharityFund,
    CharityProject,
    Grid,
    Person,
    Post,
    Region,
    RegionCode,
    RegionLevel,
    Resident,
    Scope,
    ScopeKind,
    SocialOrganization,
    SocialWorker,
    Station,
    StationWork,
    Volunteer,
)

__all__ = [
    "NO_ACTIVITIES",
    "NO_ORGANIZATIONS",
    "Index",
    "activity_columns",
    "between_dates",
    "build_index",
    "checked_between",
    "organization_columns",
    "records",
    "scope_region",
]


def records(kind: type) -> Callable[[Any, Any, Any], None]:
    """The validator of a directory's field of records: a tuple of ``kind`` only."""

    def check(instance: Any, attribute: Any, value: Any) -> None:
        if type(value) is not tuple:
            raise InvalidValue(_checks.field_name(instance, attribute), value, "must be iterable")
        for position, record in enumerate(value):
            if type(record) is not kind and not isinstance(record, kind):
                raise InvalidValue(
                    f"Directory.{attribute.name}[{position}]",
                    record,
                    f"must be {_checks.a_name(kind)}",
                    shown=_checks.a_name(type(record)),
                )

    return check


def organization_columns(given: Iterable[SocialOrganization]) -> Organizations:
    """The converter of a directory's organizations: columns (``_directory_columns``)."""
    return organizations_named(given, "Directory.organizations")


NO_ORGANIZATIONS = Organizations.of(())  # immutable: every directory without any shares it


def activity_columns(given: Iterable[Activity]) -> Activities:
    """The converter of a directory's activities: columns (``_activity_columns``)."""
    return activities_named(given, "Directory.activities")


NO_ACTIVITIES = Activities.of(())  # as the organizations: every directory without any shares it


class Index:
    """The lookups a directory answers from; built once, never changed after."""

    __slots__ = (
        "agencies",
        "by_region",
        "codes",
        "grids",
        "persons",
        "posts_by_person",
        "posts_by_scope",
        "regions",
        "social_workers",
        "station_work",
        "stations",
        "volunteers",
    )

    def __init__(self) -> None:
        self.regions: dict[RegionCode, Region] = {}
        self.codes: list[RegionCode] = []  # every region code, sorted: a prefix is a contiguous run
        self.persons: dict[str, Person] = {}
        self.stations: dict[str, Station] = {}
        self.grids: dict[str, Grid] = {}
        self.agencies: dict[str, Agency] = {}
        self.social_workers: dict[str, SocialWorker] = {}
        self.volunteers: dict[str, Volunteer] = {}
        self.posts_by_person: dict[str, list[Post]] = {}
        self.posts_by_scope: dict[Scope, list[Post]] = {}
        self.station_work: dict[str, list[StationWork]] = {}
        # kind -> region code -> records whose region is exactly that code
        self.by_region: dict[str, dict[RegionCode, list[Any]]] = {}


def build_index(d: Any) -> Index:
    # ``d`` is a Directory being built: typed loosely so that this module, below the
    # directory, need not import it back.
    """Index the records and collect every integrity problem; raise them all at once."""
    index = Index()
    problems: list[str] = []
    regions = index.regions
    for region in d.regions:
        if region.code in regions:
            problems.append(f"region {region.code}: listed twice")
        regions[region.code] = region
    index.codes = sorted(regions)
    for region in d.regions:
        parent = region.code.parent
        if parent is not None and parent not in regions:
            # Every missing level at once, so that a directory built bottom-up is fixed
            # in one round, not one round per level.
            above = [code for code in region.code.ancestors() if code not in regions][1:]
            also = f"; missing above it too: {', '.join(above)}" if above else ""
            problems.append(
                f"region {region.code} ({region.name}): parent {parent} is not in the directory"
                + also
            )

    def unique(table: dict[str, Any], kind: str, key: str, record: Any) -> None:
        if key in table:
            problems.append(f"{kind} {key!r}: listed twice")
        table[key] = record

    def region_of(kind: str, key: str, code: RegionCode, level: RegionLevel | None) -> bool:
        if code not in regions:
            problems.append(f"{kind} {key!r}: region {code} is not in the directory")
            return False
        if level is not None and code.level is not level:
            problems.append(f"{kind} {key!r}: {code} is a {code.level.value}, not a {level.value}")
            return False
        return True

    def group(kind: str) -> dict[RegionCode, list[Any]]:
        return index.by_region.setdefault(kind, {})

    community = RegionLevel.COMMUNITY
    persons = index.persons
    for person in d.persons:
        unique(persons, "person", person.id, person)

    def known_person(kind: str, key: str, person_id: str) -> None:
        if person_id not in persons:
            problems.append(f"{kind} {key!r}: person {person_id!r} is not in the directory")

    # The organizations are columns (``_directory_columns``), grouped by community
    # already: each community code they name is checked once, not each organization.
    organizations = d.organizations
    misplaced = {
        code for code in organizations.codes if code not in regions or code.level is not community
    }
    if misplaced or organizations.duplicates():
        # Only then a pass over the records, so that the problems read in their order.
        seen: set[str] = set()
        for org in organizations:
            if org.id in seen:
                problems.append(f"organization {org.id!r}: listed twice")
            seen.add(org.id)
            if org.community in misplaced:
                region_of("organization", org.id, org.community, community)

    for station in d.stations:
        unique(index.stations, "station", station.id, station)
        if region_of("station", station.id, station.region, station.level.region_level):
            group("stations").setdefault(station.region, []).append(station)
    for grid in d.grids:
        unique(index.grids, "grid", grid.id, grid)
        if region_of("grid", grid.id, grid.community, community):
            group("grids").setdefault(grid.community, []).append(grid)
    for agency in d.agencies:
        unique(index.agencies, "agency", agency.id, agency)
        region_of("agency", agency.id, agency.region, None)

    seen_residents: dict[str, Resident] = {}
    for resident in d.residents:
        unique(seen_residents, "resident", resident.person, resident)
        known_person("resident", resident.person, resident.person)
        if region_of("resident", resident.person, resident.community, community):
            group("residents").setdefault(resident.community, []).append(resident)
        if resident.grid is not None:
            home = index.grids.get(resident.grid)
            if home is None:
                problems.append(
                    f"resident {resident.person!r}: grid {resident.grid!r} is not in the directory"
                )
            elif home.community != resident.community:
                problems.append(
                    f"resident {resident.person!r}: grid {resident.grid!r} lies in "
                    f"{home.community}, not in {resident.community}"
                )
    for worker in d.social_workers:
        unique(index.social_workers, "social worker", worker.person, worker)
        known_person("social worker", worker.person, worker.person)
    for volunteer in d.volunteers:
        unique(index.volunteers, "volunteer", volunteer.person, volunteer)
        known_person("volunteer", volunteer.person, volunteer.person)
        if volunteer.community is not None:
            region_of("volunteer", volunteer.person, volunteer.community, community)

    seen_posts: dict[str, Post] = {}
    for post in d.posts:
        unique(seen_posts, "post", post.id, post)
        known_person("post", post.id, post.person)
        where = scope_region(index, post.scope)
        if where is None:
            problems.append(
                f"post {post.id!r}: {post.scope.kind.value} {post.scope.key!r} is not in the directory"
            )
            continue
        group("posts").setdefault(where, []).append(post)
        index.posts_by_scope.setdefault(post.scope, []).append(post)
        index.posts_by_person.setdefault(post.person, []).append(post)

    # The activities are columns (``_activity_columns``): each community code and each id
    # an activity names is checked once, over the distinct values.
    activities = d.activities
    bad_places = {
        code for code in activities.codes if code not in regions or code.level is not community
    }
    stray_organisers = {
        o
        for o in activities.members("organisers")
        if not organizations.has(o) and o not in index.stations
    }
    stray_workers = {
        p for p in activities.members("social_workers") if p not in index.social_workers
    }
    stray_volunteers = {p for p in activities.members("volunteers") if p not in index.volunteers}
    if bad_places or stray_organisers or stray_workers or stray_volunteers or not activities.unique:
        # Only then a pass over the records, so that the problems read in their order.
        seen_activities: set[str] = set()
        for activity in activities:
            if activity.id in seen_activities:
                problems.append(f"activity {activity.id!r}: listed twice")
            seen_activities.add(activity.id)
            if activity.community in bad_places:
                region_of("activity", activity.id, activity.community, community)
            for organiser in sorted(activity.organisers):
                if organiser in stray_organisers:
                    problems.append(
                        f"activity {activity.id!r}: organiser {organiser!r} is neither an "
                        "organization nor a station of the directory"
                    )
            for person_id in sorted(activity.social_workers):
                if person_id in stray_workers:
                    problems.append(
                        f"activity {activity.id!r}: {person_id!r} is not a social worker"
                    )
            for person_id in sorted(activity.volunteers):
                if person_id in stray_volunteers:
                    problems.append(f"activity {activity.id!r}: {person_id!r} is not a volunteer")

    seen_work: dict[str, StationWork] = {}
    for work in d.station_work:
        unique(seen_work, "station work", work.id, work)
        if work.station not in index.stations:
            problems.append(
                f"station work {work.id!r}: station {work.station!r} is not in the directory"
            )
            continue
        index.station_work.setdefault(work.station, []).append(work)

    seen_funds: dict[str, CharityFund] = {}
    for fund in d.charity_funds:
        unique(seen_funds, "charity fund", fund.id, fund)
        if region_of("charity fund", fund.id, fund.region, None):
            group("charity_funds").setdefault(fund.region, []).append(fund)
    seen_projects: dict[str, CharityProject] = {}
    for project in d.charity_projects:
        unique(seen_projects, "charity project", project.id, project)
        if region_of("charity project", project.id, project.region, None):
            group("charity_projects").setdefault(project.region, []).append(project)

    if problems:
        raise IntegrityError(problems)
    return index


def scope_region(index: Index, scope: Scope) -> RegionCode | None:
    """The region a scope lies in, or ``None`` when the scope is not in the directory."""
    if scope.kind is ScopeKind.REGION:
        code = RegionCode(scope.key)
        return code if code in index.regions else None
    if scope.kind is ScopeKind.GRID:
        grid = index.grids.get(scope.key)
        return grid.community if grid is not None else None
    if scope.kind is ScopeKind.STATION:
        station = index.stations.get(scope.key)
        return station.region if station is not None else None
    agency = index.agencies.get(scope.key)
    return agency.region if agency is not None else None


class _OnDate(Protocol):
    @property
    def on(self) -> dt.date: ...


DatedT = TypeVar("DatedT", bound=_OnDate)


def between_dates(
    records: Iterable[DatedT], between: tuple[dt.date, dt.date] | None
) -> tuple[DatedT, ...]:
    """The records dated within ``between`` (inclusive), all of them for ``None``."""
    if between is None:
        return tuple(records)
    first, last = checked_between(between)
    return tuple(r for r in records if first <= r.on <= last)


def checked_between(between: object) -> tuple[dt.date, dt.date]:
    """``between`` as its two dates, checked: a pair, of dates."""
    first: dt.date
    last: dt.date
    try:
        first, last = between  # type: ignore[misc]
    except (TypeError, ValueError):
        raise InvalidValue("between", between, "must be a (first, last) pair of dates") from None
    _checks.arg_date(first, "between[0]")
    _checks.arg_date(last, "between[1]")
    return first, last
