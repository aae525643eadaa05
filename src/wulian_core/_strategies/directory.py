"""The strategy behind :func:`wulian_core.strategies.directories`: whole directories.

Private: a directory is drawn field by field from strategies built once at import, then
checked by :class:`~wulian_core.directory.Directory` itself. Every record points at a
record of the same draw, so every draw passes the integrity check.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from hypothesis import strategies as st

from wulian_core.directory import Directory
from wulian_core.errors import InvalidValue
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
    Person,
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
    StationWork,
    StationWorkKind,
    TownshipKind,
    Volunteer,
)

from .records import _STATION_LEVEL
from .values import S, dates, id_card_numbers, names, phone_numbers

__all__ = ["directories"]


T = TypeVar("T")

_NAMES = names()
_DATES = dates()
_PHONES = phone_numbers()
_ID_CARDS = id_card_numbers()


# Built once: strategies created inside a draw are validated again on every draw, which
# made whole directories ten times slower to draw.
_INDEX = st.integers(0, 1023)
_COUNT_3 = st.integers(0, 3)
_BOOL = st.booleans()
_DAYS = st.integers(0, 3000)
# Integers formatted to their width, not digits with "00" filtered out (see values._segment).
_SEG2 = st.integers(min_value=1, max_value=99).map("{:02d}".format)
_SEG3 = st.integers(min_value=1, max_value=999).map("{:03d}".format)
_PROVINCE = st.integers(11, 82).map(str)


# The level a role's region scope must be at, where a role has one (secretary: community).
_ROLE_LEVEL = {
    Role.COMMUNITY_SECRETARY: RegionLevel.COMMUNITY,
    Role.COMMUNITY_WORKER: RegionLevel.COMMUNITY,
    Role.STREET_STAFF: RegionLevel.TOWNSHIP,
    Role.REVIEW_PANEL: RegionLevel.COMMUNITY,  # or a township; a community's is drawn
}


def _fits(role: Role, scope: Scope) -> bool:
    level = _ROLE_LEVEL.get(role)
    code = scope.region_code
    return level is None or (code is not None and code.level is level)


def _pick(draw: st.DrawFn, items: list[T]) -> T:
    return items[draw(_INDEX) % len(items)]


def _some(draw: st.DrawFn, items: list[T], most: int) -> list[T]:
    """Up to ``most`` distinct items, in their order."""
    chosen = (
        {draw(_INDEX) % len(items) for _ in range(draw(st.integers(0, most)))} if items else set()
    )
    return [items[i] for i in sorted(chosen)]


@st.composite
def draw_directory(
    draw: st.DrawFn,
    max_townships: int,
    max_communities: int,
    max_organizations: int,
    max_persons: int,
) -> Directory:
    def unique_codes(
        parents: list[RegionCode], segment: st.SearchStrategy[str], most: int
    ) -> list[RegionCode]:
        found = {
            RegionCode(_pick(draw, parents) + draw(segment))
            for _ in range(draw(st.integers(1, most)))
        }
        return sorted(found)

    def period() -> tuple[dt.date, dt.date | None]:
        first = draw(_DATES)
        return first, (None if draw(_BOOL) else first + dt.timedelta(days=draw(_DAYS)))

    province = RegionCode(draw(_PROVINCE))
    city = RegionCode(province + draw(_SEG2))
    counties = unique_codes([city], _SEG2, 2)
    township_codes = unique_codes(counties, _SEG3, max_townships)
    community_codes = unique_codes(township_codes, _SEG3, max_communities)
    codes = [province, city, *counties, *township_codes, *community_codes]
    all_regions = [
        Region(
            code=code,
            name=draw(_NAMES),
            township_kind=_pick(draw, list(TownshipKind))
            if code.level is RegionLevel.TOWNSHIP
            else None,
            settlement=_pick(draw, list(SettlementKind))
            if code.level is RegionLevel.COMMUNITY
            else None,
            tags={"pilot"} if draw(_BOOL) else (),
        )
        for code in codes
    ]

    person_ids = [f"p-{n}" for n in range(draw(st.integers(1, max_persons)))]
    people = [
        Person(
            id=pid,
            name=draw(_NAMES),
            phone=draw(_PHONES) if draw(_BOOL) else None,
            id_card=draw(_ID_CARDS) if draw(_BOOL) else None,
        )
        for pid in person_ids
    ]
    orgs = []
    for n in range(draw(st.integers(0, max_organizations))):
        established, dissolved = period()
        orgs.append(
            SocialOrganization(
                id=f"o-{n}",
                name=draw(_NAMES),
                community=_pick(draw, community_codes),
                category=_pick(draw, list(OrganizationCategory)),
                registration=_pick(draw, list(Registration)),
                established=established,
                dissolved=dissolved,
            )
        )
    station_list = []
    for n, code in enumerate(_some(draw, codes[1:], 4)):
        established, closed = period()
        station_list.append(
            Station(
                id=f"s-{n}",
                name=draw(_NAMES),
                level=_STATION_LEVEL[code.level],
                region=code,
                established=established,
                closed=closed,
                regulations={"驻站制度"} if draw(_BOOL) else (),
            )
        )
    grid_list = [
        Grid(id=f"g-{n}", community=_pick(draw, community_codes), name=draw(_NAMES))
        for n in range(draw(st.integers(0, 4)))
    ]
    agency_list = [
        Agency(
            id=f"a-{n}",
            name=draw(_NAMES),
            kind=_pick(draw, list(AgencyKind)),
            region=_pick(draw, codes),
        )
        for n in range(draw(st.integers(0, 2)))
    ]
    scope_options: dict[ScopeKind, list[Scope]] = {
        ScopeKind.REGION: [Scope.region(c) for c in codes],
        ScopeKind.GRID: [Scope.grid(g.id) for g in grid_list],
        ScopeKind.STATION: [Scope.station(s.id) for s in station_list],
        ScopeKind.AGENCY: [Scope.agency(a.id) for a in agency_list],
    }
    post_list: list[Post] = []
    for n in range(draw(st.integers(0, 2 * len(person_ids)))):
        role = _pick(draw, list(Role))
        fitting = [
            scope
            for kind in sorted(role.scope_kinds, key=lambda k: k.value)
            for scope in scope_options[kind]
            if _fits(role, scope)
        ]
        if fitting:
            start, end = period()
            post_list.append(
                Post(
                    id=f"post-{n}",
                    person=_pick(draw, person_ids),
                    role=role,
                    scope=_pick(draw, fitting),
                    start=start,
                    end=end,
                )
            )
    resident_list = []
    for pid in _some(draw, person_ids, len(person_ids)):
        code = _pick(draw, community_codes)
        local_grids = [g.id for g in grid_list if g.community == code]
        in_a_grid = bool(local_grids) and draw(_BOOL)
        resident_list.append(
            Resident(
                person=pid,
                community=code,
                grid=_pick(draw, local_grids) if in_a_grid else None,
                floating=draw(_BOOL),
                household=f"hh-{draw(_COUNT_3)}" if draw(_BOOL) else None,
            )
        )
    worker_list = [
        SocialWorker(person=pid, certification=_pick(draw, list(Certification)), since=draw(_DATES))
        for pid in _some(draw, person_ids, len(person_ids))
    ]
    volunteer_list = [
        Volunteer(
            person=pid,
            registered_on=draw(_DATES),
            community=_pick(draw, community_codes) if draw(_BOOL) else None,
        )
        for pid in _some(draw, person_ids, len(person_ids))
    ]
    organisers = [o.id for o in orgs] + [s.id for s in station_list]
    activity_list = [
        Activity(
            id=f"act-{n}",
            community=_pick(draw, community_codes),
            on=draw(_DATES),
            title=draw(_NAMES),
            area=_pick(draw, list(ServiceArea)),
            organisers=_some(draw, organisers, 2),
            social_workers=_some(draw, [w.person for w in worker_list], 3),
            volunteers=_some(draw, [v.person for v in volunteer_list], 3),
        )
        for n in range(draw(st.integers(0, 4)))
    ]
    work_list = [
        StationWork(
            id=f"w-{n}",
            station=_pick(draw, station_list).id,
            kind=_pick(draw, list(StationWorkKind)),
            on=draw(_DATES),
        )
        for n in range(draw(_COUNT_3) if station_list else 0)
    ]
    fund_list = []
    for n in range(draw(st.integers(0, 2))):
        established, closed = period()
        fund_list.append(
            CharityFund(
                id=f"f-{n}",
                name=draw(_NAMES),
                region=_pick(draw, codes),
                established=established,
                closed=closed,
            )
        )
    project_list = []
    for n in range(draw(st.integers(0, 2))):
        start, end = period()
        project_list.append(
            CharityProject(
                id=f"cp-{n}",
                name=draw(_NAMES),
                kind=_pick(draw, list(CharityProjectKind)),
                region=_pick(draw, codes),
                start=start,
                end=end,
            )
        )
    return Directory(
        regions=all_regions,
        persons=people,
        residents=resident_list,
        social_workers=worker_list,
        volunteers=volunteer_list,
        organizations=orgs,
        stations=station_list,
        grids=grid_list,
        agencies=agency_list,
        posts=post_list,
        activities=activity_list,
        station_work=work_list,
        charity_funds=fund_list,
        charity_projects=project_list,
    )


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
    return draw_directory(max_townships, max_communities, max_organizations, max_persons)
