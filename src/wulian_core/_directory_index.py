"""The directory's index: every lookup built once from its records, every integrity problem found.

Private, below :mod:`wulian_core.directory`, which builds one per directory.
"""

from __future__ import annotations

from typing import Any

from .errors import IntegrityError
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

__all__ = ["Index", "build_index", "scope_region"]


class Index:
    """The lookups a directory answers from; built once, never changed after."""

    __slots__ = (
        "agencies",
        "by_region",
        "codes",
        "grids",
        "organizations",
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
        self.organizations: dict[str, SocialOrganization] = {}
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

    # The hot loop of a province-sized directory: kept flat on purpose.
    organizations = index.organizations
    by_community = group("organizations")
    for org in d.organizations:
        if org.id in organizations:
            problems.append(f"organization {org.id!r}: listed twice")
        organizations[org.id] = org
        bucket = by_community.get(org.community)
        if bucket is None:
            if not region_of("organization", org.id, org.community, community):
                continue
            bucket = by_community[org.community] = []
        bucket.append(org)

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
            if organiser not in organizations and organiser not in index.stations:
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
