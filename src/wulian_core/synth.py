"""Seeded synthetic directories: the article's Kangbashi district, and provinces.

For demos, notebooks, benchmarks and tests. The same seed always gives the same
directory. Kangbashi follows the article's figures (4 streets, 19 communities with
悦和社区 among them, 116 registered social organizations, 15 community workers per
community on average); other names and all people are invented.

>>> d = kangbashi(seed=7)
>>> len(d.communities(within=KANGBASHI)), len(d.regions_at(RegionLevel.TOWNSHIP))
(19, 4)
>>> sum(o.registration is Registration.REGISTERED for o in d.organizations)
116
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from .directory import Directory
from .funding import (
    Buyer,
    BuyerKind,
    IncentiveAward,
    Payment,
    PurchaseCategory,
    ServicePurchase,
    yuan,
)
from .model import (
    Activity,
    Agency,
    AgencyKind,
    Certification,
    CharityFund,
    CharityProject,
    CharityProjectKind,
    Grid,
    OrganizationCategory,
    Person,
    Post,
    Region,
    RegionCode,
    RegionLevel,
    Registration,
    Resident,
    Role,
    Scope,
    ServiceArea,
    SettlementKind,
    SocialOrganization,
    SocialWorker,
    Station,
    StationLevel,
    StationWork,
    StationWorkKind,
    TownshipKind,
    Volunteer,
)

__all__ = [
    "KANGBASHI",
    "KANGBASHI_PURCHASED_SERVICES",
    "YUEHE",
    "kangbashi",
    "kangbashi_purchases",
    "pilot_awards",
    "province",
]

KANGBASHI = RegionCode("150603")
"""康巴什区, Ordos, Inner Mongolia."""

YUEHE = RegionCode("150603001001")
"""悦和社区 in the synthetic Kangbashi: a public-rental community, 99 % floating population."""

KANGBASHI_PURCHASED_SERVICES = yuan("3520000")
"""The article's figure: 352万元 of social-organization services bought in 2019-2021."""

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


class _Ids:
    """Sequential ids per prefix, so a seed always gives the same ids."""

    def __init__(self) -> None:
        self._next: dict[str, int] = {}

    def __call__(self, prefix: str) -> str:
        n = self._next.get(prefix, 0) + 1
        self._next[prefix] = n
        return f"{prefix}-{n}"


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
    ids = _Ids()
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

    people = _People(ids)
    stations = _stations(regions, ids, start)
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
    workers = _spread(_COMMUNITY_WORKERS_PER_COMMUNITY * len(communities), len(communities), rng)
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


class _People:
    """Invented people with invented names; no phone or ID-card numbers."""

    _SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    _GIVEN = "芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华"

    def __init__(self, ids: _Ids) -> None:
        self._ids = ids
        self.persons: list[Person] = []

    def new(self) -> str:
        person_id = self._ids("p")
        n = len(self.persons)
        name = self._SURNAMES[n % 20] + self._GIVEN[(n // 20) % 20] + self._GIVEN[(n * 7) % 20]
        self.persons.append(Person(id=person_id, name=name))
        return person_id

    def post(self, role: Role, scope: Scope, start: dt.date) -> Post:
        return Post(id=self._ids("post"), person=self.new(), role=role, scope=scope, start=start)


def _spread(total: int, parts: int, rng: random.Random) -> list[int]:
    """``parts`` counts near ``total / parts`` that add up to ``total`` exactly."""
    counts = [total // parts] * parts
    for i in range(total - sum(counts)):
        counts[i] += 1
    for _ in range(parts):  # move a few between parts, keeping the sum
        a, b = rng.randrange(parts), rng.randrange(parts)
        if counts[a] > 2:
            counts[a] -= 1
            counts[b] += 1
    return counts


def _stations(regions: list[Region], ids: _Ids, start: dt.date) -> list[Station]:
    level_for = {
        RegionLevel.CITY: StationLevel.CITY_MECHANISM,
        RegionLevel.COUNTY: StationLevel.COUNTY,
        RegionLevel.TOWNSHIP: StationLevel.TOWNSHIP,
        RegionLevel.COMMUNITY: StationLevel.COMMUNITY,
    }
    return [
        Station(
            id=ids("station"),
            name=r.name
            + ("五社联动工作机制" if level is StationLevel.CITY_MECHANISM else "社会工作服务站"),
            level=level,
            region=r.code,
            established=start,
            regulations={"驻站制度", "服务记录制度"} if level is StationLevel.TOWNSHIP else set(),
        )
        for r in regions
        if (level := level_for.get(r.level)) is not None
    ]


def _organizations(
    communities: list[RegionCode], ids: _Ids, rng: random.Random, start: dt.date
) -> list[SocialOrganization]:
    registered = _spread(_REGISTERED_ORGANIZATIONS, len(communities), rng)
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
    ids: _Ids,
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
            on = _add_months(start, month) + dt.timedelta(days=rng.randint(0, 27))
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


def _add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    return day.replace(year=day.year + year, month=month + 1, day=1)


def _name_of(regions: list[Region], code: RegionCode) -> str:
    return next(r.name for r in regions if r.code == code)


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
    ids = _Ids()
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
    stations = _stations([r for r in regions if r.level is not RegionLevel.COMMUNITY], ids, start)
    categories = list(OrganizationCategory)
    registrations = list(Registration)
    orgs = [
        SocialOrganization(
            id=f"org-{n}",
            name=f"组织{n}",
            community=rng.choice(community_codes),
            category=rng.choice(categories),
            registration=rng.choice(registrations),
            established=start - dt.timedelta(days=rng.randint(-700, 3000)),
        )
        for n in range(1, organizations + 1)
    ]
    if not (pilot_counties or staffed or activities_per_community):
        return Directory(regions=regions, organizations=orgs, stations=stations)
    # The options draw from a generator of their own, so the records above stay the same.
    extra = random.Random(f"province-extras-{seed}")
    pilots = set(extra.sample(county_codes, min(pilot_counties, len(county_codes))))
    regions = [
        Region(code=r.code, name=r.name, tags={"pilot"}) if r.code in pilots else r for r in regions
    ]
    people = _People(ids)
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
    activities: list[Activity] = []
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
        for community in community_codes:
            volunteer = volunteer_of[community[:9]]
            worker = worker_of.get(community[:9])
            for _ in range(activities_per_community):
                joint = worker is not None and extra.random() < 0.5
                activities.append(
                    Activity(
                        id=ids("act"),
                        community=community,
                        on=_add_months(start, extra.randrange(24))
                        + dt.timedelta(days=extra.randint(0, 27)),
                        title="邻里活动",
                        area=extra.choice(areas),
                        social_workers={worker} if joint and worker else set(),
                        volunteers={volunteer},
                    )
                )
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


_PURCHASE_CATEGORIES = (
    PurchaseCategory.COMMUNITY_ORGANIZATIONS,
    PurchaseCategory.ELDERLY_CARE,
    PurchaseCategory.FLOATING_POPULATION_CARE,
)


def kangbashi_purchases(
    directory: Directory | None = None, *, seed: int = 0
) -> tuple[ServicePurchase, ...]:
    """Synthetic service purchases of Kangbashi, 2019-2021: 3,520,000 yuan, as in the article.

    Twelve projects, four a year, for the article's three kinds (社区社会组织培育、老年人关爱、
    流动人口关怀); most bought by the district's civil affairs bureau, some by a street
    office for its own communities; each paid in two instalments within its year, about
    three quarters of it on labour. Budgets and payments both add up to exactly
    :data:`KANGBASHI_PURCHASED_SERVICES`. Undertaking organizations are drawn from
    ``directory`` (``kangbashi(seed=seed)`` when not given); the rest is invented.

    >>> from wulian_core.funding import purchase_totals
    >>> totals = purchase_totals(kangbashi_purchases(), within=KANGBASHI)
    >>> totals.projects, totals.budget, totals.paid == KANGBASHI_PURCHASED_SERVICES
    (12, Decimal('3520000.00'), True)
    """
    directory = kangbashi(seed=seed) if directory is None else directory
    rng = random.Random(seed)
    organizations = sorted(o.id for o in directory.organizations_of(KANGBASHI))
    streets = [r.code for r in directory.regions_at(RegionLevel.TOWNSHIP, within=KANGBASHI)]
    bureau = Buyer(region=KANGBASHI, kind=BuyerKind.CIVIL_AFFAIRS_BUREAU)
    # Thousands of yuan: 3,520 over twelve projects, none under 100 thousand.
    budgets = _spread(3520, 12, rng)
    purchases = []
    for n, thousands in enumerate(budgets):
        year = 2019 + n // 4
        category = _PURCHASE_CATEGORIES[n % 3]
        if n % 4 == 3 and streets:
            street = streets[rng.randrange(len(streets))]
            buyer = Buyer(region=street, kind=BuyerKind.STREET_OFFICE)
            served = [c.code for c in directory.communities(within=street)]
        else:
            buyer = bureau
            served = [c.code for c in directory.communities(within=KANGBASHI)]
        communities = rng.sample(served, k=min(len(served), rng.randint(2, 5)))
        budget = thousands * 1000
        first = budget * 6 // 10
        payments = [
            Payment(on=dt.date(year, 6, 30), amount=yuan(first), labour_cost=yuan(first * 3 // 4)),
            Payment(
                on=dt.date(year, 12, 20),
                amount=yuan(budget - first),
                labour_cost=yuan((budget - first) * rng.randint(70, 80) // 100),
            ),
        ]
        purchases.append(
            ServicePurchase(
                id=f"sp-{year}-{n % 4 + 1}",
                name=f"{year}年{category.label_zh}服务项目",
                buyer=buyer,
                organization=organizations[rng.randrange(len(organizations))],
                start=dt.date(year, 3, 1),
                end=dt.date(year, 12, 31),
                budget=yuan(budget),
                category=category,
                communities=communities,
                payments=payments,
            )
        )
    return tuple(purchases)


def pilot_awards(
    directory: Directory, *, year: int = 2022, seed: int = 0
) -> tuple[IncentiveAward, ...]:
    """Synthetic 以奖代补 awards of a province to each of its counties tagged ``"pilot"``.

    Shaanxi's first batch supports 25 pilot counties "采取以奖代补方式", the money "主要用于承接
    服务单位或组织的人力成本支出"; the article gives no amounts, so each award here is an
    invented 300,000 to 800,000 yuan. Use it with ``province(pilot_counties=25)``.

    >>> from wulian_core.funding import award_totals
    >>> shaanxi = province(seed=1, townships=60, communities=200, organizations=400,
    ...                    pilot_counties=25)
    >>> award_totals(pilot_awards(shaanxi)).counties
    25
    """
    rng = random.Random(seed)
    pilots = sorted(
        r.code for r in directory.regions if r.level is RegionLevel.COUNTY and "pilot" in r.tags
    )
    return tuple(
        IncentiveAward(
            id=f"award-{year}-{county}",
            province=RegionCode(county[:2]),
            county=county,
            year=year,
            amount=yuan(rng.randint(30, 80) * 10_000),
            purpose="购买社会工作类社会组织服务，指导乡镇（街道）社会工作服务站开展“五社联动”"
            "（主要用于人力成本）",
        )
        for county in pilots
    )
