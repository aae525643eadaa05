"""Which shipped strategy draws each model type: what ``st.from_type`` resolves to."""

from __future__ import annotations

from typing import Any

from wulian_core.directory import Directory
from wulian_core.errors import NotFound
from wulian_core.model import (
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

from .directory import directories
from .records import (
    activities,
    actors,
    agencies,
    charity_funds,
    charity_projects,
    grids,
    posts,
    residents,
    scopes,
    social_organizations,
    social_workers,
    station_work,
    stations,
    volunteers,
)
from .values import S, T, id_card_numbers, persons, phone_numbers, region_codes, regions
from .volunteering import for_volunteering_type

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


__all__ = ["for_type"]


def for_type(cls: type[T]) -> S[T]:
    """The shipped strategy for a model type (what ``st.from_type`` resolves to).

    >>> from hypothesis import find
    >>> type(find(for_type(SocialOrganization), lambda o: True)).__name__
    'SocialOrganization'
    """
    try:
        factory = _FOR_TYPE[cls]
    except (KeyError, TypeError):
        found = for_volunteering_type(cls) if isinstance(cls, type) else NotImplemented
        if found is NotImplemented:
            raise NotFound("strategy", getattr(cls, "__name__", cls)) from None
        return found  # type: ignore[no-any-return]
    strategy: S[T] = factory()
    return strategy
