"""Synthetic 2023-2024 for Kangbashi: the rollout's records and the district's shops.

Built beside :func:`~wulian_core.synth.kangbashi`, never inside it, so that the demo's
district and its simulated quarter stay as they were: new volunteers, township stations'
services in the communities, the regulations named, station work, trainings at the three
levels, and a street's registry of redemption points.
"""

from __future__ import annotations

import datetime as dt
import random

import attrs

from wulian_core.directory import Directory
from wulian_core.model import (
    Activity,
    RegionCode,
    RegionLevel,
    Role,
    ServiceArea,
    StationLevel,
    StationWork,
    StationWorkKind,
    Volunteer,
)
from wulian_core.people import Actor, Grant, Scope
from wulian_core.points import Catalogue, PointKind, ShopRegistry
from wulian_core.rules import Training

from .district import KANGBASHI

__all__ = ["REGULATIONS_NAMED", "kangbashi_rollout", "kangbashi_shops", "kangbashi_trainings"]

REGULATIONS_NAMED = ("驻站制度", "服务记录制度", "需求评估制度", "督导培训制度", "资源链接制度")
"""The regulations shaanxi-2024 names (a stand-in: the plan lists none)."""


def kangbashi_rollout(directory: Directory, *, seed: int = 0) -> Directory:
    """Kangbashi with 2023-2024 added: volunteers registering, township stations serving
    in their communities, the regulations named at most township stations, and their
    work on record in 2024.

    >>> from wulian_core import synth
    >>> d = synth.kangbashi()
    >>> later = kangbashi_rollout(d)
    >>> len(later.volunteers) > len(d.volunteers), len(later.activities) > len(d.activities)
    (True, True)
    """
    rng = random.Random(f"rollout-{seed}")
    volunteers = {v.person for v in directory.volunteers}
    new_volunteers = []
    for resident in sorted(directory.residents, key=lambda r: r.person):
        if resident.person in volunteers or rng.random() < 0.6:
            continue
        day = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randint(0, 640))
        new_volunteers.append(
            Volunteer(person=resident.person, registered_on=day, community=resident.community)
        )
    townships = [s for s in directory.stations if s.level is StationLevel.TOWNSHIP]
    stations = []
    for station in directory.stations:
        if station.level is StationLevel.TOWNSHIP:
            named = set(REGULATIONS_NAMED)
            if station is townships[-1]:
                named.discard("督导培训制度")  # the last street lacks one: a finding
            station = attrs.evolve(station, regulations=station.regulations | named)
        stations.append(station)
    work = [
        StationWork(
            id=f"work-2024-{station.id}-{kind.value}",
            station=station.id,
            kind=kind,
            on=dt.date(2024, 1 + 2 * k + rng.randint(0, 1), 15),
        )
        for station in townships
        for k, kind in enumerate(StationWorkKind)
        if not (kind is StationWorkKind.RESOURCE_LINK and rng.random() < 0.3)
    ]
    reached = []
    areas = list(ServiceArea)
    for community in directory.communities(within=KANGBASHI):
        own = [s for s in townships if s.region.contains(community.code)]
        if not own or rng.random() < 0.15:
            continue  # a village the station has not reached yet
        reached.append(
            Activity(
                id=f"act-reach-{community.code}",
                community=community.code,
                on=dt.date(2024, 3 + rng.randint(0, 6), 1 + rng.randint(0, 27)),
                title="社工站专业服务进社区",
                area=rng.choice(areas),
                organisers={own[0].id},
            )
        )
    return attrs.evolve(
        directory,
        volunteers=(*directory.volunteers, *new_volunteers),
        stations=stations,
        station_work=(*directory.station_work, *work),
        activities=(*directory.activities, *reached),
    )


def kangbashi_trainings(directory: Directory, *, seed: int = 0) -> tuple[Training, ...]:
    """Trainings at the three levels (市县乡) in 2023 and 2024: the city and the district
    every year, most streets in 2024.

    >>> from wulian_core import synth
    >>> held = kangbashi_trainings(synth.kangbashi())
    >>> sorted({t.level.value for t in held})
    ['city', 'county', 'township']
    """
    rng = random.Random(f"trainings-{seed}")
    found = []
    for year in (2023, 2024):
        found.append(
            Training(
                id=f"tr-city-{year}",
                region=RegionCode(KANGBASHI[:4]),
                on=dt.date(year, 4, 20),
                title="鄂尔多斯市社会工作人才培训",
                participants=120,
            )
        )
        found.append(
            Training(
                id=f"tr-county-{year}",
                region=KANGBASHI,
                on=dt.date(year, 6, 12),
                title="康巴什区“五社联动”实务培训",
                participants=80,
            )
        )
    for street in directory.regions_at(RegionLevel.TOWNSHIP, within=KANGBASHI):
        if rng.random() < 0.25:
            continue  # a street that trained no one this year
        found.append(
            Training(
                id=f"tr-{street.code}-2024",
                region=street.code,
                on=dt.date(2024, 5, 1 + rng.randint(0, 27)),
                title=f"{street.name}社工站驻站人员培训",
                participants=10 + rng.randint(0, 20),
            )
        )
    return tuple(found)


def kangbashi_shops(catalogue: Catalogue) -> ShopRegistry:
    """The redemption points of the street of ``catalogue``'s community, registered when
    the catalogue opened by the worker who opened it: the community's points supermarket
    (the catalogue's point, taking its items) at 0.50 yuan a point, a partner shop at
    0.10 and a barber's (services by appointment) at 0.20.

    >>> from wulian_core.examples import catalogue_example
    >>> shelf, staff, at = catalogue_example()
    >>> shops = kangbashi_shops(shelf)
    >>> [(p.point, str(p.yuan_per_point)) for p in shops.points()]
    [('market-1', '0.50'), ('partner-store', '0.10'), ('partner-barber', '0.20')]
    """
    opened = catalogue.events[0]
    community = catalogue.community
    staff = Actor(opened.by, {Grant(Role.COMMUNITY_WORKER, Scope.region(community))})
    at = opened.at
    street = community.parent or community
    shops = ShopRegistry.open(registry=f"street-{street}", region=street, by=staff, at=at)
    for point, name, kind, rate, accepts in (
        (catalogue.point, "社区积分超市", PointKind.SUPERMARKET, "0.50", catalogue.items()),
        ("partner-store", "便民店", PointKind.PARTNER_SHOP, "0.10", ("daily_goods",)),
        ("partner-barber", "理发店", PointKind.SERVICE_PROVIDER, "0.20", ("haircut",)),
    ):
        shops.register(
            point=point,
            name=name,
            kind=kind,
            community=community,
            yuan_per_point=rate,
            accepts=accepts or ("goods",),
            by=staff,
            at=at,
            key=f"register-{point}",
        )
    return shops
