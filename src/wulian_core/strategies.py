"""Hypothesis strategies for every public model type, for users' own test suites.

Requires the ``hypothesis`` extra (``pip install 'wulian-core[hypothesis]'``).

The strategies are always sound: every value they draw passes the model's own
validation (aware datetimes in a bounded range, ASCII digits only, codes whose
parents exist), at the price of not drawing every value the model would accept.
:func:`directories` draws whole integrity-checked directories of bounded size.

Every model type is also registered with Hypothesis through the package's entry
point, so ``st.from_type(SocialOrganization)`` works in a fresh process.

>>> from hypothesis import given
>>> @given(social_organizations())
... def test_an_organization_exists_on_its_founding_day(org):
...     assert org.active_on(org.established)
>>> test_an_organization_exists_on_its_founding_day()
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any, TypeVar

from hypothesis import strategies as st

# State machines shipped for users' suites; they import hypothesis, like this module.
from ._case_machine import CaseMachine
from ._strategies.passbook_machine import PassbookMachine
from .directory import Directory
from .errors import InvalidValue, NotFound
from .model import (
    Activity,
    Actor,
    Agency,
    AgencyKind,
    Certification,
    CharityFund,
    CharityProject,
    CharityProjectKind,
    Grant,
    Grid,
    IdCardNumber,
    OrganizationCategory,
    Person,
    PhoneNumber,
    Post,
    Region,
    RegionCode,
    RegionLevel,
    Registration,
    Resident,
    Role,
    Scope,
    ScopeKind,
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
from .people import id_card_check_digit

__all__ = [
    "CaseMachine",
    "PassbookMachine",
    "activities",
    "actors",
    "agencies",
    "aware_datetimes",
    "charity_funds",
    "charity_projects",
    "dates",
    "directories",
    "for_type",
    "grids",
    "id_card_numbers",
    "identifiers",
    "names",
    "persons",
    "phone_numbers",
    "posts",
    "region_codes",
    "regions",
    "residents",
    "scopes",
    "social_organizations",
    "social_workers",
    "station_work",
    "stations",
    "volunteers",
]

T = TypeVar("T")
S = st.SearchStrategy

MIN_DATE = dt.date(2000, 1, 1)
MAX_DATE = dt.date(2035, 12, 31)
_DIGITS = "0123456789"  # never \d: it matches other scripts' digits too
_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-"
_NAME_ALPHABET = (
    "社区街道悦和康宁兰溪碧水华府书香锦绣惠民青春阳光滨河互助会志愿服务队老年协会ABCxyz"
)


def identifiers() -> S[str]:
    """Record ids: 1 to 16 lowercase ASCII letters, digits and hyphens.

    >>> from hypothesis import find
    >>> len(find(identifiers(), lambda s: len(s) > 3))
    4
    """
    return st.text(alphabet=_ID_ALPHABET, min_size=1, max_size=16)


def names() -> S[str]:
    """Names in Chinese and Latin letters, 1 to 12 characters, never blank.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(names())
    ... def check(n):
    ...     assert n.strip()
    >>> check()
    """
    return st.text(alphabet=_NAME_ALPHABET, min_size=1, max_size=12)


def dates(*, min_value: dt.date = MIN_DATE, max_value: dt.date = MAX_DATE) -> S[dt.date]:
    """Dates in a bounded range (2000 to 2035 by default).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(dates())
    ... def check(d):
    ...     assert MIN_DATE <= d <= MAX_DATE
    >>> check()
    """
    return st.dates(min_value=min_value, max_value=max_value)


def aware_datetimes(
    *,
    min_value: dt.datetime = dt.datetime(2000, 1, 1),  # noqa: DTZ001 - Hypothesis takes naive bounds
    max_value: dt.datetime = dt.datetime(2035, 12, 31),  # noqa: DTZ001
) -> S[dt.datetime]:
    """Timezone-aware datetimes (UTC, Asia/Shanghai or a fixed offset), never naive.

    ``min_value`` and ``max_value`` are naive bounds on the local wall time, as
    Hypothesis takes them.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(aware_datetimes())
    ... def check(t):
    ...     assert t.utcoffset() is not None
    >>> check()
    """
    from zoneinfo import ZoneInfo

    zones = st.sampled_from(
        [
            dt.UTC,
            ZoneInfo("Asia/Shanghai"),
            dt.timezone(dt.timedelta(hours=8)),
            dt.timezone(dt.timedelta(hours=-5)),
        ]
    )
    return st.datetimes(min_value=min_value, max_value=max_value, timezones=zones)


def _digits(n: int) -> S[str]:
    return st.text(alphabet=_DIGITS, min_size=n, max_size=n)


def _segment(n: int) -> S[str]:
    return _digits(n).filter(lambda s: set(s) != {"0"})


def region_codes(
    *, level: RegionLevel | None = None, within: RegionCode | None = None
) -> S[RegionCode]:
    """Valid division codes at ``level`` (any level when ``None``), inside ``within``.

    >>> from hypothesis import find
    >>> find(region_codes(level=RegionLevel.COUNTY, within=RegionCode("15")), lambda c: True).level
    <RegionLevel.COUNTY: 'county'>
    """
    if level is None:
        deeper = [lv for lv in RegionLevel if within is None or lv.digits >= len(within)]
        return st.sampled_from(deeper).flatmap(lambda lv: region_codes(level=lv, within=within))
    prefix = "" if within is None else str(within)
    if len(prefix) > level.digits:
        raise InvalidValue("within", within, f"no {level.value} lies inside it")
    parts: list[S[str]] = [st.just(prefix)]
    bounds = (0, 2, 4, 6, 9, 12)
    for lo, hi in itertools.pairwise(bounds):
        if hi <= len(prefix) or lo >= level.digits:
            continue
        parts.append(_segment(hi - lo))
    return st.tuples(*parts).map(lambda ps: RegionCode("".join(ps)))


def regions(*, level: RegionLevel | None = None, within: RegionCode | None = None) -> S[Region]:
    """Regions with a valid code, and a township kind or settlement kind where required.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(regions(level=RegionLevel.TOWNSHIP))
    ... def check(r):
    ...     assert r.township_kind is not None
    >>> check()
    """
    return region_codes(level=level, within=within).flatmap(_region_for)


def _region_for(code: RegionCode) -> S[Region]:
    township = st.sampled_from(TownshipKind) if code.level is RegionLevel.TOWNSHIP else st.none()
    settlement = (
        st.sampled_from(SettlementKind) if code.level is RegionLevel.COMMUNITY else st.none()
    )
    return st.builds(
        Region,
        code=st.just(code),
        name=names(),
        township_kind=township,
        settlement=settlement,
        tags=st.frozensets(st.sampled_from(["pilot", "batch-1", "batch-2"]), max_size=2),
    )


def phone_numbers() -> S[PhoneNumber]:
    """Mainland mobile numbers (1, then 3 to 9, then nine digits).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(phone_numbers())
    ... def check(p):
    ...     assert p.reveal()[0] == '1' and len(p.reveal()) == 11
    >>> check()
    """
    return st.tuples(st.sampled_from("3456789"), _digits(9)).map(
        lambda p: PhoneNumber("1" + p[0] + p[1])
    )


def id_card_numbers() -> S[IdCardNumber]:
    """18-digit ID-card numbers with a real birth date and a correct check digit.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(id_card_numbers())
    ... def check(c):
    ...     assert len(c.reveal()) == 18 and c.reveal() not in repr(c)
    >>> check()
    """

    def build(parts: tuple[str, dt.date, str]) -> IdCardNumber:
        region, born, sequence = parts
        first17 = region + born.strftime("%Y%m%d") + sequence
        return IdCardNumber(first17 + id_card_check_digit(first17))

    return st.tuples(
        _digits(6), st.dates(dt.date(1920, 1, 1), dt.date(2024, 12, 31)), _digits(3)
    ).map(build)


def persons(*, ids: S[str] | None = None) -> S[Person]:
    """People, some with a phone number or an ID-card number.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(persons())
    ... def check(p):
    ...     assert p.phone is None or p.phone.reveal() not in repr(p)
    >>> check()
    """
    return st.builds(
        Person,
        id=identifiers() if ids is None else ids,
        name=names(),
        phone=st.none() | phone_numbers(),
        id_card=st.none() | id_card_numbers(),
    )


def _period(start: S[dt.date] | None = None) -> S[tuple[dt.date, dt.date | None]]:
    def with_end(first: dt.date) -> S[tuple[dt.date, dt.date | None]]:
        end = st.none() | st.dates(min_value=first, max_value=MAX_DATE)
        return st.tuples(st.just(first), end)

    return (dates() if start is None else start).flatmap(with_end)


def social_organizations(*, community: S[RegionCode] | None = None) -> S[SocialOrganization]:
    """Community social organizations, some dissolved (never before they were founded).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(social_organizations())
    ... def check(o):
    ...     assert o.active_on(o.established)
    >>> check()
    """
    return st.tuples(
        _period(), region_codes(level=RegionLevel.COMMUNITY) if community is None else community
    ).flatmap(
        lambda p: st.builds(
            SocialOrganization,
            id=identifiers(),
            name=names(),
            community=st.just(p[1]),
            category=st.sampled_from(OrganizationCategory),
            registration=st.sampled_from(Registration),
            established=st.just(p[0][0]),
            dissolved=st.just(p[0][1]),
        )
    )


def social_workers(*, person: S[str] | None = None) -> S[SocialWorker]:
    """Social workers at every certification level.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(social_workers())
    ... def check(w):
    ...     assert w.is_certified == (w.certification is not Certification.NONE)
    >>> check()
    """
    return st.builds(
        SocialWorker,
        person=identifiers() if person is None else person,
        certification=st.sampled_from(Certification),
        since=dates(),
    )


def volunteers(
    *, person: S[str] | None = None, community: S[RegionCode | None] | None = None
) -> S[Volunteer]:
    """Registered volunteers, with or without a community.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(volunteers())
    ... def check(v):
    ...     assert v.community is None or v.community.level is RegionLevel.COMMUNITY
    >>> check()
    """
    return st.builds(
        Volunteer,
        person=identifiers() if person is None else person,
        registered_on=dates(),
        community=community
        if community is not None
        else st.none() | region_codes(level=RegionLevel.COMMUNITY),
    )


def stations(*, region: S[RegionCode] | None = None) -> S[Station]:
    """Stations whose level matches the level of the region they serve.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(stations())
    ... def check(s):
    ...     assert s.region.level is s.level.region_level
    >>> check()
    """
    station_levels = [level.region_level for level in StationLevel]
    code = (
        st.sampled_from(station_levels).flatmap(lambda lv: region_codes(level=lv))
        if region is None
        else region
    )
    return st.tuples(code, _period()).flatmap(
        lambda p: st.builds(
            Station,
            id=identifiers(),
            name=names(),
            level=st.just(_STATION_LEVEL[p[0].level]),
            region=st.just(p[0]),
            established=st.just(p[1][0]),
            closed=st.just(p[1][1]),
            regulations=st.frozensets(
                st.sampled_from(["驻站制度", "服务记录制度", "督导制度"]), max_size=3
            ),
        )
    )


_STATION_LEVEL = {level.region_level: level for level in StationLevel}


def grids(*, community: S[RegionCode] | None = None) -> S[Grid]:
    """Grids of a community.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(grids())
    ... def check(g):
    ...     assert g.community.level is RegionLevel.COMMUNITY
    >>> check()
    """
    return st.builds(
        Grid,
        id=identifiers(),
        community=region_codes(level=RegionLevel.COMMUNITY) if community is None else community,
        name=names(),
    )


def agencies(*, region: S[RegionCode] | None = None) -> S[Agency]:
    """Specialist agencies of every kind.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(agencies())
    ... def check(a):
    ...     assert a.name.strip()
    >>> check()
    """
    return st.builds(
        Agency,
        id=identifiers(),
        name=names(),
        kind=st.sampled_from(AgencyKind),
        region=region_codes() if region is None else region,
    )


def scopes(*, kind: ScopeKind | None = None) -> S[Scope]:
    """Scopes of any kind; a region scope carries a valid code.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(scopes(kind=ScopeKind.REGION))
    ... def check(s):
    ...     assert s.region_code is not None
    >>> check()
    """
    kinds = st.just(kind) if kind is not None else st.sampled_from(ScopeKind)

    def build(k: ScopeKind) -> S[Scope]:
        if k is ScopeKind.REGION:
            return region_codes().map(Scope.region)
        return identifiers().map(lambda key: Scope(k, key))

    return kinds.flatmap(build)


def _scope_for(role: Role) -> S[Scope]:
    options: list[S[Scope]] = []
    for kind in sorted(role.scope_kinds, key=lambda k: k.value):
        if kind is ScopeKind.REGION and role in (Role.COMMUNITY_SECRETARY, Role.COMMUNITY_WORKER):
            options.append(region_codes(level=RegionLevel.COMMUNITY).map(Scope.region))
        else:
            options.append(scopes(kind=kind))
    return st.one_of(options)


def posts(*, person: S[str] | None = None, role: S[Role] | None = None) -> S[Post]:
    """Posts whose scope fits their role (a grid worker over a grid, a secretary over a community).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(posts())
    ... def check(p):
    ...     assert p.scope.kind in p.role.scope_kinds
    >>> check()
    """
    return st.tuples(st.sampled_from(Role) if role is None else role, _period()).flatmap(
        lambda p: st.builds(
            Post,
            id=identifiers(),
            person=identifiers() if person is None else person,
            role=st.just(p[0]),
            scope=_scope_for(p[0]),
            start=st.just(p[1][0]),
            end=st.just(p[1][1]),
        )
    )


def residents(
    *, person: S[str] | None = None, community: S[RegionCode] | None = None
) -> S[Resident]:
    """Residents, some floating population, some in a household.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(residents())
    ... def check(r):
    ...     assert r.community.level is RegionLevel.COMMUNITY
    >>> check()
    """
    return st.builds(
        Resident,
        person=identifiers() if person is None else person,
        community=region_codes(level=RegionLevel.COMMUNITY) if community is None else community,
        grid=st.none() | identifiers(),
        floating=st.booleans(),
        household=st.none() | identifiers(),
    )


def activities(*, community: S[RegionCode] | None = None) -> S[Activity]:
    """Activities with organisers, social workers and volunteers (ids only).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(activities())
    ... def check(a):
    ...     assert a.is_joint == (bool(a.social_workers) and bool(a.volunteers))
    >>> check()
    """
    people = st.frozensets(identifiers(), max_size=3)
    return st.builds(
        Activity,
        id=identifiers(),
        community=region_codes(level=RegionLevel.COMMUNITY) if community is None else community,
        on=dates(),
        title=names(),
        area=st.sampled_from(ServiceArea),
        organisers=people,
        social_workers=people,
        volunteers=people,
    )


def station_work(*, station: S[str] | None = None) -> S[StationWork]:
    """Records of station work of every kind.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(station_work())
    ... def check(w):
    ...     assert w.station.strip()
    >>> check()
    """
    return st.builds(
        StationWork,
        id=identifiers(),
        station=identifiers() if station is None else station,
        kind=st.sampled_from(StationWorkKind),
        on=dates(),
        summary=st.text(alphabet=_NAME_ALPHABET, max_size=20),
    )


def charity_funds(*, region: S[RegionCode] | None = None) -> S[CharityFund]:
    """Charity funds, some closed (never before they were set up).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(charity_funds())
    ... def check(f):
    ...     assert f.closed is None or f.closed >= f.established
    >>> check()
    """
    return st.tuples(region_codes() if region is None else region, _period()).flatmap(
        lambda p: st.builds(
            CharityFund,
            id=identifiers(),
            name=names(),
            region=st.just(p[0]),
            established=st.just(p[1][0]),
            closed=st.just(p[1][1]),
            host=st.just("") | names(),
        )
    )


def charity_projects(*, region: S[RegionCode] | None = None) -> S[CharityProject]:
    """Charity projects, 幸福家园 among them.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(charity_projects())
    ... def check(p):
    ...     assert p.active_on(p.start)
    >>> check()
    """
    return st.tuples(region_codes() if region is None else region, _period()).flatmap(
        lambda p: st.builds(
            CharityProject,
            id=identifiers(),
            name=names(),
            kind=st.sampled_from(CharityProjectKind),
            region=st.just(p[0]),
            start=st.just(p[1][0]),
            end=st.just(p[1][1]),
        )
    )


def actors() -> S[Actor]:
    """Actors holding zero to three grants.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(actors())
    ... def check(a):
    ...     assert all(g.scope.kind in g.role.scope_kinds for g in a.grants)
    >>> check()
    """
    grant = st.sampled_from(Role).flatmap(lambda r: _scope_for(r).map(lambda s: Grant(r, s)))
    return st.builds(Actor, person=identifiers(), grants=st.frozensets(grant, max_size=3))


def directories(
    *,
    max_townships: int = 3,
    max_communities: int = 6,
    max_organizations: int = 20,
    max_persons: int = 12,
) -> S[Directory]:
    """Whole directories that pass the integrity check, of bounded size.

    One province, city and county or two, townships and communities below them, and
    people, organizations, stations, grids, agencies, posts, residents, activities,
    station work and charity records that all point at records of the same directory.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(directories())
    ... def test_every_community_has_a_township_parent(d):
    ...     assert all(c.code.parent in d for c in d.communities())
    >>> test_every_community_has_a_township_parent()
    """
    for label, bound in (
        ("max_townships", max_townships),
        ("max_communities", max_communities),
        ("max_organizations", max_organizations),
        ("max_persons", max_persons),
    ):
        if type(bound) is not int or bound < 1:
            raise InvalidValue(label, bound, "must be a positive integer")
    from ._directory_strategy import draw_directory  # it builds on the strategies above

    return draw_directory(max_townships, max_communities, max_organizations, max_persons)


_FOR_TYPE: dict[type, Any] = {
    Activity: activities,
    Actor: actors,
    Agency: agencies,
    CharityFund: charity_funds,
    CharityProject: charity_projects,
    Directory: directories,
    Grant: lambda: actors().filter(lambda a: bool(a.grants)).map(lambda a: next(iter(a.grants))),
    Grid: grids,
    IdCardNumber: id_card_numbers,
    Person: persons,
    PhoneNumber: phone_numbers,
    Post: posts,
    Region: regions,
    RegionCode: region_codes,
    Resident: residents,
    Scope: scopes,
    SocialOrganization: social_organizations,
    SocialWorker: social_workers,
    Station: stations,
    StationWork: station_work,
    Volunteer: volunteers,
}


def for_type(cls: type[T]) -> S[T]:
    """The shipped strategy for a model type (what ``st.from_type`` resolves to).

    >>> from hypothesis import find
    >>> type(find(for_type(SocialOrganization), lambda o: True)).__name__
    'SocialOrganization'
    """
    try:
        factory = _FOR_TYPE[cls]
    except (KeyError, TypeError):
        raise NotFound("strategy", getattr(cls, "__name__", cls)) from None
    strategy: S[T] = factory()
    return strategy
