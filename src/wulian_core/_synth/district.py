"""The synthetic Kangbashi district, modelled on the article's figures."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from wulian_core.directory import Directory
from wulian_core.model import (
    Activity,
    Agency,
    AgencyKind,
    Certification,
    CharityFund,
    CharityProject,
    CharityProjectKind,
    Grid,
    OrganizationCategory,
    Post,
    Region,
    RegionCode,
    Registration,
    Resident,
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

from .parts import Ids, People, add_months, build_stations, spread

__all__ = ["KANGBASHI", "YUEHE", "kangbashi"]

KANGBASHI = RegionCode("150603")
"""康巴什区, Ordos, Inner Mongolia."""

YUEHE = RegionCode("150603001001")
"""悦和社区 in the synthetic Kangbashi: a public-rental community, 99 % floating population."""


_STREETS = ("哈巴格希街道", "青春山街道", "滨河街道", "康新街道")
_COMMUNITIES = (
    ("悦和社区", "康宁社区", "兰溪社区", "碧水社区", "华府社区"),
    ("书香社区", "锦绣社区", "惠民社区", "青春社区", "阳光社区"),
    ("滨河社区", "和谐社区", "团结社区", "友谊社区", "龙凤社区"),
    ("康新社区", "芳草社区", "安居社区", "文苑社区"),
)
_REGISTERED_ORGANIZATIONS = 116
_COMMUNITY_WORKERS_PER_COMMUNITY = 15
_ORG_WORDS = ("邻里互助会", "志愿服务队", "老年协会", "文体队", "儿童之家", "调解小组", "读书会")
_DEPARTMENTS = ("住房和城乡建设局", "民政局", "城市管理综合执法局", "市场监督管理局", "公安分局")


def kangbashi(*, seed: int = 0, start: dt.date = dt.date(2022, 1, 1)) -> Directory:
    """The synthetic Kangbashi district, modelled on the article's figures.

    Regions from the province down (the directory checks that every parent exists),
    stations at all four levels, grids with grid workers and neighbourhood liaisons,
    residents (悦和社区 almost all floating population), social workers, volunteers,
    organizations, monthly activities from ``start`` for three years, station work and
    the district's dispute-resolution centre and departments.

    >>> d = kangbashi()
    >>> yuehe = d.region(YUEHE)
    >>> yuehe.name, len(d.posts_of(YUEHE, role=Role.COMMUNITY_WORKER)) > 0
    ('悦和社区', True)
    """
    rng = random.Random(seed)
    ids = Ids()
    regions = [
        Region(code=RegionCode("15"), name="内蒙古自治区"),
        Region(code=RegionCode("1506"), name="鄂尔多斯市"),
        Region(code=KANGBASHI, name="康巴什区"),
    ]
    communities: list[RegionCode] = []
    for s, (street, names) in enumerate(zip(_STREETS, _COMMUNITIES, strict=True), start=1):
        street_code = RegionCode(f"{KANGBASHI}{s:03d}")
        regions.append(Region(code=street_code, name=street, township_kind=TownshipKind.STREET))
        for c, community in enumerate(names, start=1):
            code = RegionCode(f"{street_code}{c:03d}")
            regions.append(
                Region(code=code, name=community, settlement=SettlementKind.URBAN, tags={"pilot"})
            )
            communities.append(code)

    people = People(ids)
    stations = build_stations(regions, ids, start)
    grids = [
        Grid(id=ids("grid"), community=code, name=f"第{n}网格")
        for code in communities
        for n in range(1, rng.randint(3, 6) + 1)
    ]
    posts: list[Post] = []
    for station in stations:
        staff = 3 if station.level is StationLevel.TOWNSHIP else 1
        if station.level is StationLevel.TOWNSHIP and rng.random() < 0.25:
            staff = 2  # some stations are short-staffed: the targets have something to find
        for _ in range(staff):
            posts.append(people.post(Role.STATION_STAFF, Scope.station(station.id), start))
    workers = spread(_COMMUNITY_WORKERS_PER_COMMUNITY * len(communities), len(communities), rng)
    for code, count in zip(communities, workers, strict=True):
        posts.append(people.post(Role.COMMUNITY_SECRETARY, Scope.region(code), start))
        posts.extend(
            people.post(Role.COMMUNITY_WORKER, Scope.region(code), start) for _ in range(count)
        )
    for grid in grids:
        posts.append(people.post(Role.GRID_LEADER, Scope.grid(grid.id), start))
        posts.append(people.post(Role.FULL_TIME_GRID_WORKER, Scope.grid(grid.id), start))
        posts.append(people.post(Role.INDUSTRY_GRID_WORKER, Scope.grid(grid.id), start))
        posts.append(people.post(Role.PART_TIME_GRID_WORKER, Scope.grid(grid.id), start))
        posts.append(people.post(Role.LIAISON, Scope.grid(grid.id), start))
    agencies = [
        Agency(
            id="agency-centre",
            name="康巴什区矛盾纠纷多元化解中心",
            kind=AgencyKind.DISPUTE_CENTRE,
            region=KANGBASHI,
        ),
        *(
            Agency(
                id=f"agency-{n}",
                name=f"康巴什区{name}",
                kind=AgencyKind.DEPARTMENT,
                region=KANGBASHI,
            )
            for n, name in enumerate(_DEPARTMENTS, start=1)
        ),
    ]
    for agency in agencies:
        posts.append(people.post(Role.AGENCY_STAFF, Scope.agency(agency.id), start))
    posts.append(people.post(Role.SUPERVISOR, Scope.region(KANGBASHI), start))

    residents: list[Resident] = []
    for grid in grids:
        floating_share = 0.99 if grid.community == YUEHE else 0.3
        for _ in range(rng.randint(4, 8)):
            person = people.new()
            residents.append(
                Resident(
                    person=person,
                    community=grid.community,
                    grid=grid.id,
                    floating=rng.random() < floating_share,
                    household=f"hh-{person}",
                )
            )

    social_workers = [
        SocialWorker(
            person=people.new(),
            certification=rng.choice(list(Certification)),
            since=start - dt.timedelta(days=rng.randint(0, 2000)),
        )
        for _ in range(2 * len(communities))
    ]
    for worker, code in zip(social_workers, communities * 2, strict=True):
        posts.append(
            Post(
                id=ids("post"),
                person=worker.person,
                role=Role.SOCIAL_WORKER,
                scope=Scope.region(code),
                start=worker.since,
            )
        )
    volunteers = [
        Volunteer(person=r.person, registered_on=start, community=r.community)
        for r in residents
        if rng.random() < 0.4
    ]

    organizations = _organizations(communities, ids, rng, start)
    activities = list(
        _activities(communities, organizations, social_workers, volunteers, ids, rng, start)
    )
    station_work = [
        StationWork(
            id=ids("work"), station=s.id, kind=kind, on=start + dt.timedelta(days=30 * k + 10)
        )
        for s in stations
        if s.level is StationLevel.TOWNSHIP
        for k, kind in enumerate(StationWorkKind)
    ]
    funds = [
        CharityFund(
            id=ids("fund"),
            name=f"{_name_of(regions, code)}慈善基金",
            region=code,
            established=start + dt.timedelta(days=rng.randint(0, 500)),
            host="康巴什区慈善总会",
        )
        for code in communities
        if rng.random() < 0.5
    ]
    projects = [
        CharityProject(
            id=ids("project"),
            name="幸福家园村社互助工程",
            kind=CharityProjectKind.HAPPY_HOME,
            region=code,
            start=start + dt.timedelta(days=rng.randint(0, 300)),
        )
        for code in communities
        if rng.random() < 0.3
    ]
    return Directory(
        regions=regions,
        persons=people.persons,
        residents=residents,
        social_workers=social_workers,
        volunteers=volunteers,
        organizations=organizations,
        stations=stations,
        grids=grids,
        agencies=agencies,
        posts=posts,
        activities=activities,
        station_work=station_work,
        charity_funds=funds,
        charity_projects=projects,
    )


def _organizations(
    communities: list[RegionCode], ids: Ids, rng: random.Random, start: dt.date
) -> list[SocialOrganization]:
    registered = spread(_REGISTERED_ORGANIZATIONS, len(communities), rng)
    found: list[SocialOrganization] = []
    for code, count in zip(communities, registered, strict=True):
        filed = rng.randint(2, 7)
        for n in range(count + filed):
            is_registered = n < count
            if is_registered:
                # The article's 116 describe the district when it was written: all exist
                # before ``start`` and none is dissolved, so every as-of count finds 116.
                established = start - dt.timedelta(days=rng.randint(1, 3000))
                dissolved = None
            else:
                established = start + dt.timedelta(days=rng.randint(-1000, 600))
                dissolved = (
                    established + dt.timedelta(days=rng.randint(100, 900))
                    if rng.random() < 0.1
                    else None
                )
            found.append(
                SocialOrganization(
                    id=ids("org"),
                    name=f"{rng.choice(_ORG_WORDS)}{n + 1}",
                    community=code,
                    category=rng.choice(list(OrganizationCategory)),
                    registration=Registration.REGISTERED if is_registered else Registration.FILED,
                    established=established,
                    dissolved=dissolved,
                )
            )
    return found


def _activities(
    communities: list[RegionCode],
    organizations: list[SocialOrganization],
    social_workers: list[SocialWorker],
    volunteers: list[Volunteer],
    ids: Ids,
    rng: random.Random,
    start: dt.date,
) -> Iterator[Activity]:
    orgs_by_community: dict[RegionCode, list[str]] = {}
    for org in organizations:
        orgs_by_community.setdefault(org.community, []).append(org.id)
    volunteers_by_community: dict[RegionCode | None, list[str]] = {}
    for v in volunteers:
        volunteers_by_community.setdefault(v.community, []).append(v.person)
    areas = list(ServiceArea)
    for code in communities:
        for month in range(36):  # three years: the demo quarter in 2024 has a history
            if rng.random() < 0.15:
                continue  # a missed month: regularity is something to measure
            on = add_months(start, month) + dt.timedelta(days=rng.randint(0, 27))
            local = volunteers_by_community.get(code, [])
            yield Activity(
                id=ids("act"),
                community=code,
                on=on,
                title=rng.choice(("共享奶奶", "共享课堂", "温暖集市", "暖暖相伴", "垃圾分类宣传")),
                area=rng.choice(areas),
                organisers={rng.choice(orgs_by_community[code])},
                social_workers={rng.choice(social_workers).person} if rng.random() < 0.6 else set(),
                volunteers=set(rng.sample(local, min(len(local), rng.randint(0, 4)))),
            )


def _name_of(regions: list[Region], code: RegionCode) -> str:
    return next(r.name for r in regions if r.code == code)
