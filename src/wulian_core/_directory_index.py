"""The directory's index: every lookup built once from its records, every integrity problem found.

Private, below :mod:`wulian_core.directory`, which builds one per directory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from . import _checks
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
    "NO_ORGANIZATIONS",
    "Index",
    "build_index",
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

    seen_activities: dict[str, Activity] = {}
    for activity in d.activities:
        unique(seen_activities, "activity", activity.id, activity)
        if region_of("activity", activity.id, activity.community, community):
            group("activities").setdefault(activity.community, []).append(activity)
        for organiser in sorted(activity.organisers):
            if not organizations.has(organiser) and organiser not in index.stations:
                problems.append(
                    f"activity {activity.id!r}: organiser {organiser!r} is neither an "
                    "organization nor a station of the directory"
                )
        # One lookup a person: a set difference with ``dict.keys()`` copies every key.
        for person_id in sorted(activity.social_workers):
            if person_id not in index.social_workers:
                problems.append(f"activity {activity.id!r}: {person_id!r} is not a social worker")
        for person_id in sorted(activity.volunteers):
            if person_id not in index.volunteers:
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
