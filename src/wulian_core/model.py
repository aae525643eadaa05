"""The domain model: the five forces (五社), the stations and grid, activities and charity.

- 社区 (platform): :class:`~wulian_core.regions.Region` at community level
- 社会工作者 (support): :class:`SocialWorker`
- 社区社会组织 (carrier): :class:`SocialOrganization`
- 社区志愿者 (auxiliary): :class:`Volunteer`
- 社会慈善资源 (supplement): :class:`CharityFund`, :class:`CharityProject`

Regions live in :mod:`wulian_core.regions` and people, posts and actors in
:mod:`wulian_core.people`; this module re-exports them, so ``wulian_core.model`` holds
every record type. All are frozen, slotted attrs classes that validate on construction.
"""

from __future__ import annotations

import datetime as dt

from attrs import field

from . import _checks
from ._collector import collector_paused
from ._enums import LabelledEnum
from ._frozen import frozen
from .errors import InvalidValue
from .people import (
    Actor,
    Grant,
    IdCardNumber,
    Person,
    PhoneNumber,
    Post,
    Resident,
    Role,
    Scope,
    ScopeKind,
)
from .regions import Region, RegionCode, RegionLevel, SettlementKind, TownshipKind

__all__ = [
    "Activity",
    "Actor",
    "Agency",
    "AgencyKind",
    "Certification",
    "CharityFund",
    "CharityProject",
    "CharityProjectKind",
    "Grant",
    "Grid",
    "IdCardNumber",
    "OrganizationCategory",
    "Person",
    "PhoneNumber",
    "Post",
    "Region",
    "RegionCode",
    "RegionLevel",
    "Registration",
    "Resident",
    "Role",
    "Scope",
    "ScopeKind",
    "ServiceArea",
    "SettlementKind",
    "SocialOrganization",
    "SocialWorker",
    "Station",
    "StationLevel",
    "StationWork",
    "StationWorkKind",
    "TownshipKind",
    "Volunteer",
    "collector_paused",
    "registered_types",
]


def _active(start: dt.date, end: dt.date | None, day: dt.date) -> bool:
    # Both ends inclusive: a record dissolved on D still counts on D, not after.
    return start <= day and (end is None or day <= end)


class OrganizationCategory(LabelledEnum):
    """The category of a community social organization (社区社会组织).

    Life service, public welfare and mutual aid are the categories policy favours
    (民发〔2017〕191号); Shaanxi's plan wants them to be more than half.

    >>> OrganizationCategory.MUTUAL_AID.label_zh, OrganizationCategory.MUTUAL_AID.is_priority
    ('居民互助类', True)
    >>> OrganizationCategory.CULTURE_SPORTS.is_priority
    False
    """

    LIFE_SERVICE = "life_service", "生活服务类"
    PUBLIC_WELFARE = "public_welfare", "公益慈善类"
    MUTUAL_AID = "mutual_aid", "居民互助类"
    CULTURE_SPORTS = "culture_sports", "文体类"
    OTHER = "other", "其他"

    @property
    def is_priority(self) -> bool:
        """Service, public welfare or mutual aid (服务性、公益性、互助性)."""
        return self in _PRIORITY_CATEGORIES


_PRIORITY_CATEGORIES = frozenset(
    {
        OrganizationCategory.LIFE_SERVICE,
        OrganizationCategory.PUBLIC_WELFARE,
        OrganizationCategory.MUTUAL_AID,
    }
)


class Registration(LabelledEnum):
    """Registered with civil affairs (登记) or filed with the township or street (备案).

    >>> Registration.REGISTERED.label_zh
    '登记'
    """

    REGISTERED = "registered", "登记"
    FILED = "filed", "备案"


@frozen(kw_only=True)
class SocialOrganization:
    """A community social organization (社区社会组织), the carrier of the five forces.

    It counts from ``established`` through ``dissolved`` (inclusive).

    >>> org = SocialOrganization(id="o-1", name="悦和邻里互助会",
    ...     community=RegionCode("150603001001"), category=OrganizationCategory.MUTUAL_AID,
    ...     registration=Registration.FILED, established=dt.date(2023, 6, 1))
    >>> org.active_on(dt.date(2022, 12, 31)), org.active_on(dt.date(2023, 12, 31))
    (False, True)
    """

    id: str = field(validator=_checks.identifier)
    name: str = field(validator=_checks.name)
    community: RegionCode = field(validator=_checks.instance_of(RegionCode))
    category: OrganizationCategory = field(validator=_checks.instance_of(OrganizationCategory))
    registration: Registration = field(validator=_checks.instance_of(Registration))
    established: dt.date = field(validator=_checks.a_date)
    dissolved: dt.date | None = field(default=None, validator=_checks.optional_date)

    def __attrs_post_init__(self) -> None:
        if self.dissolved is not None and self.dissolved < self.established:
            raise InvalidValue(
                "SocialOrganization.dissolved",
                self.dissolved,
                f"must not be before established {self.established}",
            )

    def active_on(self, day: dt.date) -> bool:
        """Whether the organization exists on ``day``."""
        return _active(self.established, self.dissolved, day)


class Certification(LabelledEnum):
    """A social worker's professional level (社会工作者职业水平).

    >>> Certification.SOCIAL_WORKER.label_zh
    '社会工作师'
    """

    NONE = "none", "未持证"
    ASSISTANT = "assistant_social_worker", "助理社会工作师"
    SOCIAL_WORKER = "social_worker", "社会工作师"
    SENIOR = "senior_social_worker", "高级社会工作师"


@frozen(kw_only=True)
class SocialWorker:
    """A social worker (社会工作者), the support of the five forces.

    Where they are stationed is a :class:`~wulian_core.people.Post` (role
    ``SOCIAL_WORKER`` or ``STATION_STAFF``).

    >>> SocialWorker(person="p-9", certification=Certification.ASSISTANT,
    ...              since=dt.date(2021, 3, 1)).is_certified
    True
    """

    person: str = field(validator=_checks.identifier)
    certification: Certification = field(validator=_checks.instance_of(Certification))
    since: dt.date = field(validator=_checks.a_date)

    @property
    def is_certified(self) -> bool:
        """Whether they hold any professional certificate (持证)."""
        return self.certification is not Certification.NONE


@frozen(kw_only=True)
class Volunteer:
    """A registered community volunteer (社区志愿者), the auxiliary of the five forces.

    >>> Volunteer(person="p-3", registered_on=dt.date(2022, 5, 4),
    ...           community=RegionCode("150603001001")).registered_on.year
    2022
    """

    person: str = field(validator=_checks.identifier)
    registered_on: dt.date = field(validator=_checks.a_date)
    community: RegionCode | None = field(
        default=None, validator=_checks.instance_of(RegionCode, optional=True)
    )


@frozen(kw_only=True)
class CharityFund:
    """A community charity fund (社区慈善基金), hosted by a charitable organization.

    >>> CharityFund(id="f-1", name="悦和社区慈善基金", region=RegionCode("150603001001"),
    ...             established=dt.date(2021, 9, 5)).active_on(dt.date(2022, 1, 1))
    True
    """

    id: str = field(validator=_checks.identifier)
    name: str = field(validator=_checks.name)
    region: RegionCode = field(validator=_checks.instance_of(RegionCode))
    established: dt.date = field(validator=_checks.a_date)
    closed: dt.date | None = field(default=None, validator=_checks.optional_date)
    host: str = field(default="", validator=_checks.text(allow_empty=True))

    def __attrs_post_init__(self) -> None:
        _checks.period("established", "closed")(self)

    def active_on(self, day: dt.date) -> bool:
        """Whether the fund exists on ``day``."""
        return _active(self.established, self.closed, day)


class CharityProjectKind(LabelledEnum):
    """The kind of a charity project; 幸福家园 is the village mutual-aid project.

    >>> CharityProjectKind.from_value("happy_home").label_zh
    '幸福家园村社互助工程'
    """

    HAPPY_HOME = "happy_home", "幸福家园村社互助工程"
    OTHER = "other", "其他慈善项目"


@frozen(kw_only=True)
class CharityProject:
    """A charity project in a region, such as the 幸福家园 village mutual-aid project.

    >>> CharityProject(id="cp-1", name="幸福家园", kind=CharityProjectKind.HAPPY_HOME,
    ...     region=RegionCode("610102001"), start=dt.date(2022, 7, 1)).kind.label_zh
    '幸福家园村社互助工程'
    """

    id: str = field(validator=_checks.identifier)
    name: str = field(validator=_checks.name)
    kind: CharityProjectKind = field(validator=_checks.instance_of(CharityProjectKind))
    region: RegionCode = field(validator=_checks.instance_of(RegionCode))
    start: dt.date = field(validator=_checks.a_date)
    end: dt.date | None = field(default=None, validator=_checks.optional_date)

    def __attrs_post_init__(self) -> None:
        _checks.period("start", "end")(self)

    def active_on(self, day: dt.date) -> bool:
        """Whether the project runs on ``day``."""
        return _active(self.start, self.end, day)


class StationLevel(LabelledEnum):
    """The four levels of the social-work service system (四级社会工作服务体系).

    >>> StationLevel.TOWNSHIP.region_level
    <RegionLevel.TOWNSHIP: 'township'>
    """

    CITY_MECHANISM = "city_mechanism", "市级五社联动工作机制"
    COUNTY = "county", "县级社会工作服务站"
    TOWNSHIP = "township", "乡镇（街道）社会工作服务站"
    COMMUNITY = "community", "社区（村）社会工作服务站"

    @property
    def region_level(self) -> RegionLevel:
        """The level of region a station of this level serves."""
        return _STATION_REGION_LEVEL[self]


_STATION_REGION_LEVEL = {
    StationLevel.CITY_MECHANISM: RegionLevel.CITY,
    StationLevel.COUNTY: RegionLevel.COUNTY,
    StationLevel.TOWNSHIP: RegionLevel.TOWNSHIP,
    StationLevel.COMMUNITY: RegionLevel.COMMUNITY,
}


@frozen(kw_only=True)
class Station:
    """A social-work station (社会工作服务站), or a city's working mechanism.

    ``regulations`` names the rules it has on record (各项制度).

    >>> Station(id="s-1", name="哈巴格希街道社工站", level=StationLevel.TOWNSHIP,
    ...         region=RegionCode("150603001"), established=dt.date(2021, 5, 1),
    ...         regulations=["驻站制度", "服务记录制度"]).has_regulations
    True
    """

    id: str = field(validator=_checks.identifier)
    name: str = field(validator=_checks.name)
    level: StationLevel = field(validator=_checks.instance_of(StationLevel))
    region: RegionCode = field(validator=_checks.instance_of(RegionCode))
    established: dt.date = field(validator=_checks.a_date)
    closed: dt.date | None = field(default=None, validator=_checks.optional_date)
    regulations: frozenset[str] = field(
        default=frozenset(), converter=_checks.to_frozenset, validator=_checks.strings()
    )

    def __attrs_post_init__(self) -> None:
        if self.region.level is not self.level.region_level:
            raise InvalidValue(
                "Station.region",
                self.region,
                f"a {self.level.value} station serves a {self.level.region_level.value}",
            )
        _checks.period("established", "closed")(self)

    @property
    def has_regulations(self) -> bool:
        """Whether any regulation is on record."""
        return bool(self.regulations)

    def active_on(self, day: dt.date) -> bool:
        """Whether the station exists on ``day``."""
        return _active(self.established, self.closed, day)


@frozen(kw_only=True)
class Grid:
    """A grid (网格): a part of one community, with its grid leader and grid workers.

    >>> Grid(id="g-1", community=RegionCode("150603001001"), name="第一网格").name
    '第一网格'
    """

    id: str = field(validator=_checks.identifier)
    community: RegionCode = field(validator=_checks.instance_of(RegionCode))
    name: str = field(validator=_checks.name)


class AgencyKind(LabelledEnum):
    """Specialist agencies (专门机构) that take what a community cannot solve.

    >>> AgencyKind.DISPUTE_CENTRE.label_zh
    '矛盾纠纷多元化解中心'
    """

    DISPUTE_CENTRE = "dispute_resolution_centre", "矛盾纠纷多元化解中心"
    GOVERNANCE_CENTRE = "governance_centre", "综治中心"
    HOTLINE = "hotline", "12345政务服务便民热线"
    DEPARTMENT = "department", "职能部门"


@frozen(kw_only=True)
class Agency:
    """A specialist agency: the dispute-resolution centre or a department it hands cases to.

    >>> Agency(id="a-1", name="康巴什区矛盾纠纷多元化解中心", kind=AgencyKind.DISPUTE_CENTRE,
    ...        region=RegionCode("150603")).kind.label_zh
    '矛盾纠纷多元化解中心'
    """

    id: str = field(validator=_checks.identifier)
    name: str = field(validator=_checks.name)
    kind: AgencyKind = field(validator=_checks.instance_of(AgencyKind))
    region: RegionCode = field(validator=_checks.instance_of(RegionCode))


class ServiceArea(LabelledEnum):
    """The fields Shaanxi's plan names for professional services.

    >>> [area.label_zh for area in ServiceArea][:3]
    ['社会救助', '养老服务', '儿童福利']
    """

    SOCIAL_ASSISTANCE = "social_assistance", "社会救助"
    ELDERLY_CARE = "elderly_care", "养老服务"
    CHILD_WELFARE = "child_welfare", "儿童福利"
    COMMUNITY_GOVERNANCE = "community_governance", "社区治理"
    SOCIAL_AFFAIRS = "social_affairs", "社会事务"
    PUBLIC_SAFETY = "public_safety", "平安建设"
    RURAL_REVITALIZATION = "rural_revitalization", "乡村振兴"
    EPIDEMIC_PREVENTION = "epidemic_prevention", "疫情防控"


@frozen(kw_only=True)
class Activity:
    """A community activity: who organised it, and the social workers and volunteers in it.

    ``organisers`` are ids of organizations or stations; ``social_workers`` and
    ``volunteers`` are person ids.

    >>> act = Activity(id="act-1", community=RegionCode("150603001001"), on=dt.date(2022, 9, 1),
    ...     title="共享奶奶", area=ServiceArea.CHILD_WELFARE, organisers={"o-1"},
    ...     social_workers={"p-9"}, volunteers={"p-3", "p-4"})
    >>> act.is_joint
    True
    """

    id: str = field(validator=_checks.identifier)
    community: RegionCode = field(validator=_checks.instance_of(RegionCode))
    on: dt.date = field(validator=_checks.a_date)
    title: str = field(validator=_checks.name)
    area: ServiceArea = field(validator=_checks.instance_of(ServiceArea))
    organisers: frozenset[str] = field(
        default=frozenset(), converter=_checks.to_frozenset, validator=_checks.strings()
    )
    social_workers: frozenset[str] = field(
        default=frozenset(), converter=_checks.to_frozenset, validator=_checks.strings()
    )
    volunteers: frozenset[str] = field(
        default=frozenset(), converter=_checks.to_frozenset, validator=_checks.strings()
    )

    @property
    def is_joint(self) -> bool:
        """Social workers and volunteers together: the "社工+志愿者" model."""
        return bool(self.social_workers) and bool(self.volunteers)


class StationWorkKind(LabelledEnum):
    """The work a township station does for the residents it serves.

    >>> StationWorkKind.RESOURCE_LINK.label_zh
    '链接社会资源'
    """

    NEEDS_SURVEY = "needs_survey", "需求调研"
    SERVICE_PLAN = "service_plan", "服务计划"
    RESOURCE_LINK = "resource_link", "链接社会资源"
    PROFESSIONAL_SERVICE = "professional_service", "专业服务"


@frozen(kw_only=True)
class StationWork:
    """A record of a station's work on a day: a needs survey, a plan, a link, a service.

    >>> StationWork(id="w-1", station="s-1", kind=StationWorkKind.NEEDS_SURVEY,
    ...             on=dt.date(2022, 4, 2)).kind.label_zh
    '需求调研'
    """

    id: str = field(validator=_checks.identifier)
    station: str = field(validator=_checks.identifier)
    kind: StationWorkKind = field(validator=_checks.instance_of(StationWorkKind))
    on: dt.date = field(validator=_checks.a_date)
    summary: str = field(default="", validator=_checks.text(allow_empty=True, max_length=2000))


def registered_types() -> tuple[type, ...]:
    """Every record type with a shipped Hypothesis strategy (see :mod:`wulian_core.strategies`).

    >>> SocialOrganization in registered_types()
    True
    """
    return (
        Activity,
        Actor,
        Agency,
        CharityFund,
        CharityProject,
        Grant,
        Grid,
        IdCardNumber,
        Person,
        PhoneNumber,
        Post,
        Region,
        RegionCode,
        Resident,
        Scope,
        SocialOrganization,
        SocialWorker,
        Station,
        StationWork,
        Volunteer,
    )
