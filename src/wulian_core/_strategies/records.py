"""Strategies for the model's records: organizations, workers, stations, grids, posts, activities.

Public through :mod:`wulian_core.strategies`; they draw only values the records accept.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from wulian_core.model import (
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
    OrganizationCategory,
    Post,
    RegionCode,
    RegionLevel,
    Registration,
    Resident,
    Role,
    Scope,
    ScopeKind,
    ServiceArea,
    SocialOrganization,
    SocialWorker,
    Station,
    StationLevel,
    StationWork,
    StationWorkKind,
    Volunteer,
)

from .values import (
    _NAME_ALPHABET,
    MAX_DATE,
    S,
    dates,
    identifiers,
    names,
    region_codes,
)

__all__ = [
    "activities",
    "actors",
    "agencies",
    "charity_funds",
    "charity_projects",
    "grids",
    "posts",
    "residents",
    "scopes",
    "social_organizations",
    "social_workers",
    "station_work",
    "stations",
    "volunteers",
]


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
        elif kind is ScopeKind.REGION and role is Role.STREET_STAFF:  # a street office's staff
            options.append(region_codes(level=RegionLevel.TOWNSHIP).map(Scope.region))
        elif kind is ScopeKind.REGION and role is Role.REVIEW_PANEL:  # a community's or a street's
            for level in (RegionLevel.COMMUNITY, RegionLevel.TOWNSHIP):
                options.append(region_codes(level=level).map(Scope.region))
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
