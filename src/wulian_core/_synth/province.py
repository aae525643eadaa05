"""A province-sized synthetic directory, for the targets and the benchmarks."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Iterator

from wulian_core.directory import Activities, Directory, Organizations
from wulian_core.model import (
    Activity,
    Certification,
    CharityFund,
    CharityProject,
    CharityProjectKind,
    OrganizationCategory,
    Post,
    Region,
    RegionCode,
    RegionLevel,
    Registration,
    Role,
    Scope,
    ServiceArea,
    SettlementKind,
    SocialOrganization,
    SocialWorker,
    StationLevel,
    StationWork,
    StationWorkKind,
    TownshipKind,
    Volunteer,
)

from .parts import Ids, People, add_months, build_stations

__all__ = ["province"]


def province(
    *,
    seed: int = 0,
    code: str = "61",
    cities: int = 10,
    counties_per_city: int = 11,
    townships: int = 1_300,
    communities: int = 20_000,
    organizations: int = 200_000,
    rural_share: float = 0.6,
    start: dt.date = dt.date(2022, 1, 1),
    pilot_counties: int = 0,
    staffed: bool = False,
    activities_per_community: int = 0,
) -> Directory:
    """A province-sized synthetic directory: regions, stations and organizations.

    Defaults are near Shaanxi's size (about 1,300 townships and 20,000 communities).
    Townships, communities and organizations are spread at random over their parents.

    For the targets, three options add more (each off by default; the rest of the
    directory is the same with or without them):

    - ``pilot_counties`` tags that many counties ``"pilot"`` (Shaanxi funds 25);
    - ``staffed`` posts staff at every township station (three, some only two), puts
      station work on record, and gives pilot townships charity funds and 幸福家园
      projects;
    - ``activities_per_community`` adds that many activities to each community over
      the two years from ``start``, with a social worker and a volunteer per township,
      half of them joint.

    >>> small = province(seed=1, townships=20, communities=100, organizations=800)
    >>> len(small.communities()), len(small.organizations)
    (100, 800)
    >>> rich = province(seed=1, townships=20, communities=100, organizations=800,
    ...                 pilot_counties=5, staffed=True, activities_per_community=3)
    >>> len(rich.activities), sum("pilot" in r.tags for r in rich.regions)
    (300, 5)
    """
    rng = random.Random(seed)
    ids = Ids()
    root = RegionCode(code)
    regions = [Region(code=root, name="合成省")]
    county_codes: list[RegionCode] = []
    for c in range(1, cities + 1):
        city = RegionCode(f"{root}{c:02d}")
        regions.append(Region(code=city, name=f"合成市{c}"))
        for k in range(1, counties_per_city + 1):
            county = RegionCode(f"{city}{k:02d}")
            regions.append(Region(code=county, name=f"合成县{c}-{k}"))
            county_codes.append(county)
    township_codes: list[RegionCode] = []
    per_county: dict[RegionCode, int] = {}
    for _ in range(townships):
        county = rng.choice(county_codes)
        n = per_county[county] = per_county.get(county, 0) + 1
        township = RegionCode(f"{county}{n:03d}")
        kind = TownshipKind.TOWN if rng.random() < rural_share else TownshipKind.STREET
        regions.append(Region(code=township, name=f"合成镇{township}", township_kind=kind))
        township_codes.append(township)
    community_codes: list[RegionCode] = []
    per_township: dict[RegionCode, int] = {}
    for _ in range(communities):
        township = rng.choice(township_codes)
        n = per_township[township] = per_township.get(township, 0) + 1
        community = RegionCode(f"{township}{n:03d}")
        settlement = SettlementKind.RURAL if rng.random() < rural_share else SettlementKind.URBAN
        regions.append(Region(code=community, name=f"合成社区{community}", settlement=settlement))
        community_codes.append(community)
    stations = build_stations(
        [r for r in regions if r.level is not RegionLevel.COMMUNITY], ids, start
    )
    categories = list(OrganizationCategory)
    registrations = list(Registration)
    # Columns as they are made (a generator): the records are not all held at once while
    # the rest of the province is drawn, which at national size is gigabytes.
    orgs = Organizations.of(
        SocialOrganization(
            id=f"org-{n}",
            name=f"组织{n}",
            community=rng.choice(community_codes),
            category=rng.choice(categories),
            registration=rng.choice(registrations),
            established=start - dt.timedelta(days=rng.randint(-700, 3000)),
        )
        for n in range(1, organizations + 1)
    )
    if not (pilot_counties or staffed or activities_per_community):
        return Directory(regions=regions, organizations=orgs, stations=stations)
    # The options draw from a generator of their own, so the records above stay the same.
    extra = random.Random(f"province-extras-{seed}")
    pilots = set(extra.sample(county_codes, min(pilot_counties, len(county_codes))))
    regions = [
        Region(code=r.code, name=r.name, tags={"pilot"}) if r.code in pilots else r for r in regions
    ]
    people = People(ids)
    posts: list[Post] = []
    work: list[StationWork] = []
    funds: list[CharityFund] = []
    projects: list[CharityProject] = []
    township_stations = [s for s in stations if s.level is StationLevel.TOWNSHIP]
    if staffed:
        for station in township_stations:
            staff = 2 if extra.random() < 0.2 else 3
            posts.extend(
                people.post(Role.STATION_STAFF, Scope.station(station.id), start)
                for _ in range(staff)
            )
            work.extend(
                StationWork(
                    id=ids("work"),
                    station=station.id,
                    kind=kind,
                    on=start + dt.timedelta(days=extra.randint(0, 700)),
                )
                for kind in StationWorkKind
                if extra.random() < 0.9
            )
            if station.region[:6] in pilots:
                if extra.random() < 0.7:
                    funds.append(
                        CharityFund(
                            id=ids("fund"),
                            name=f"{station.region}慈善基金",
                            region=station.region,
                            established=start + dt.timedelta(days=extra.randint(0, 600)),
                        )
                    )
                if extra.random() < 0.8:
                    projects.append(
                        CharityProject(
                            id=ids("project"),
                            name="幸福家园村社互助工程",
                            kind=CharityProjectKind.HAPPY_HOME,
                            region=station.region,
                            start=start + dt.timedelta(days=extra.randint(0, 600)),
                        )
                    )
    social_workers: list[SocialWorker] = []
    volunteers: list[Volunteer] = []
    activities: Iterable[Activity] = ()
    if activities_per_community:
        worker_of: dict[str, str] = {}
        for station in township_stations:
            person = people.new()
            social_workers.append(
                SocialWorker(person=person, certification=Certification.ASSISTANT, since=start)
            )
            posts.append(
                Post(
                    id=ids("post"),
                    person=person,
                    role=Role.SOCIAL_WORKER,
                    scope=Scope.station(station.id),
                    start=start,
                )
            )
            worker_of[station.region] = person
        volunteer_of: dict[str, str] = {}
        for township in township_codes:
            person = volunteer_of[township] = people.new()
            volunteers.append(Volunteer(person=person, registered_on=start))
        areas = list(ServiceArea)

        def drawn() -> Iterator[Activity]:
            for community in community_codes:
                volunteer = volunteer_of[community[:9]]
                worker = worker_of.get(community[:9])
                for _ in range(activities_per_community):
                    joint = worker is not None and extra.random() < 0.5
                    yield Activity(
                        id=ids("act"),
                        community=community,
                        on=add_months(start, extra.randrange(24))
                        + dt.timedelta(days=extra.randint(0, 27)),
                        title="邻里活动",
                        area=extra.choice(areas),
                        social_workers={worker} if joint and worker else set(),
                        volunteers={volunteer},
                    )

        # Columns as they are drawn, as the organizations above: not all held as records.
        activities = Activities.of(drawn())
    return Directory(
        regions=regions,
        persons=people.persons,
        social_workers=social_workers,
        volunteers=volunteers,
        organizations=orgs,
        stations=stations,
        posts=posts,
        activities=activities,
        station_work=work,
        charity_funds=funds,
        charity_projects=projects,
    )
