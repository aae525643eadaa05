"""Synthetic money: Kangbashi's service purchases and a province's 以奖代补 awards."""

from __future__ import annotations

import datetime as dt
import random

from wulian_core.directory import Directory
from wulian_core.funding import (
    Buyer,
    BuyerKind,
    IncentiveAward,
    Payment,
    PurchaseCategory,
    ServicePurchase,
    yuan,
)
from wulian_core.model import RegionCode, RegionLevel

from .district import KANGBASHI, kangbashi
from .parts import spread

__all__ = ["KANGBASHI_PURCHASED_SERVICES", "kangbashi_purchases", "pilot_awards"]

KANGBASHI_PURCHASED_SERVICES = yuan("3520000")
"""The article's figure: 352万元 of social-organization services bought in 2019-2021."""


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
    budgets = spread(3520, 12, rng)
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
    >>> from wulian_core.synth import province
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
