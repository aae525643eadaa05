"""Service purchases and awards summed exactly, per region, year and category."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any

from wulian_core._frozen import frozen
from wulian_core._typed import typed
from wulian_core.errors import InvalidValue
from wulian_core.regions import RegionCode

from .records import IncentiveAward, ServicePurchase
from .values import PurchaseCategory

__all__ = [
    "AwardTotals",
    "FundingTotals",
    "award_totals",
    "purchase_totals",
    "purchase_totals_by_category",
    "purchase_totals_by_year",
]


@frozen(kw_only=True, field_transformer=typed)
class FundingTotals:
    """Service purchases summed: how many projects, their budgets, spending and labour cost.

    >>> from wulian_core.examples import purchase_example
    >>> totals = purchase_totals([purchase_example()])
    >>> totals.projects, totals.budget, totals.paid, totals.labour_share
    (1, Decimal('200000.00'), Decimal('150000.00'), Fraction(7, 10))
    """

    projects: int
    budget: Decimal
    paid: Decimal
    labour_cost: Decimal

    @property
    def labour_share(self) -> Fraction | None:
        """Labour cost over spending, exact; ``None`` when nothing was paid.

        >>> purchase_totals([]).labour_share is None
        True
        """
        return None if self.paid == 0 else Fraction(self.labour_cost) / Fraction(self.paid)


def _purchases(purchases: Any, name: str) -> tuple[ServicePurchase, ...]:
    if isinstance(purchases, (str, ServicePurchase)) or not isinstance(purchases, Iterable):
        raise InvalidValue(f"{name}.purchases", purchases, "must be an iterable of ServicePurchase")
    found = tuple(purchases)
    for purchase in found:
        if not isinstance(purchase, ServicePurchase):
            raise InvalidValue(f"{name}.purchases", purchase, "each must be a ServicePurchase")
    return found


def _filters(name: str, within: Any, year: Any, category: Any) -> None:
    if within is not None and not isinstance(within, RegionCode):
        raise InvalidValue(f"{name}.within", within, "must be a RegionCode")
    if year is not None and (type(year) is not int or not 1949 <= year <= 2100):
        raise InvalidValue(f"{name}.year", year, "must be a year from 1949 to 2100")
    if category is not None and not isinstance(category, PurchaseCategory):
        raise InvalidValue(f"{name}.category", category, "must be a PurchaseCategory")


def _sum(
    purchases: tuple[ServicePurchase, ...],
    within: RegionCode | None,
    year: int | None,
    category: PurchaseCategory | None,
) -> FundingTotals:
    projects = 0
    budget = paid = labour = Decimal("0.00")
    for purchase in purchases:
        if within is not None and not within.contains(purchase.buyer.region):
            continue
        if category is not None and purchase.category is not category:
            continue
        if year is None or purchase.start.year == year:
            projects += 1
            budget += purchase.budget
        for payment in purchase.payments:
            if year is None or payment.on.year == year:
                paid += payment.amount
                labour += payment.labour_cost
    return FundingTotals(projects=projects, budget=budget, paid=paid, labour_cost=labour)


def purchase_totals(
    purchases: Iterable[ServicePurchase],
    *,
    within: RegionCode | None = None,
    year: int | None = None,
    category: PurchaseCategory | None = None,
) -> FundingTotals:
    """Service purchases summed, exactly, over those matching every filter given.

    ``within`` keeps projects whose buyer lies in that region (the code and everything
    below it), so a county's sum holds its own bureau's and its streets' purchases.
    With ``year``, a project and its budget count in the year it starts, and spending in
    the year it is paid, so the years of a period add up to the whole.

    >>> from wulian_core.examples import purchase_example
    >>> purchase_totals([purchase_example()], year=2020).paid
    Decimal('50000.00')
    >>> purchase_totals([purchase_example()], within=RegionCode("150602")).projects
    0
    """
    found = _purchases(purchases, "purchase_totals")
    _filters("purchase_totals", within, year, category)
    return _sum(found, within, year, category)


def purchase_totals_by_year(
    purchases: Iterable[ServicePurchase],
    *,
    within: RegionCode | None = None,
    category: PurchaseCategory | None = None,
) -> tuple[tuple[int, FundingTotals], ...]:
    """The totals of each year a project started or a payment was made, in order.

    >>> from wulian_core.examples import purchase_example
    >>> [(year, totals.paid) for year, totals in purchase_totals_by_year([purchase_example()])]
    [(2019, Decimal('100000.00')), (2020, Decimal('50000.00'))]
    """
    found = _purchases(purchases, "purchase_totals_by_year")
    _filters("purchase_totals_by_year", within, None, category)
    years = sorted(
        {p.start.year for p in found} | {pay.on.year for p in found for pay in p.payments}
    )
    return tuple((year, _sum(found, within, year, category)) for year in years)


def purchase_totals_by_category(
    purchases: Iterable[ServicePurchase],
    *,
    within: RegionCode | None = None,
    year: int | None = None,
) -> tuple[tuple[PurchaseCategory, FundingTotals], ...]:
    """The totals of each category that has a project, in the categories' order.

    >>> from wulian_core.examples import purchase_example
    >>> [(c.label_zh, t.budget) for c, t in purchase_totals_by_category([purchase_example()])]
    [('老年人关爱', Decimal('200000.00'))]
    """
    found = _purchases(purchases, "purchase_totals_by_category")
    _filters("purchase_totals_by_category", within, year, None)
    present = {p.category for p in found}
    return tuple(
        (category, _sum(found, within, year, category))
        for category in PurchaseCategory
        if category in present
    )


@frozen(kw_only=True, field_transformer=typed)
class AwardTotals:
    """以奖代补 awards summed: how many, to how many counties, how much.

    >>> award_totals([]).amount
    Decimal('0.00')
    """

    awards: int
    counties: int
    amount: Decimal


def award_totals(
    awards: Iterable[IncentiveAward], *, within: RegionCode | None = None, year: int | None = None
) -> AwardTotals:
    """Awards summed over the counties in ``within`` (a code and below) and ``year``.

    >>> from wulian_core.funding import yuan
    >>> award = IncentiveAward(id="aw-1", province=RegionCode("61"),
    ...     county=RegionCode("610102"), year=2022, amount=yuan(500000), purpose="购买服务")
    >>> award_totals([award], within=RegionCode("6101"), year=2022)
    AwardTotals(awards=1, counties=1, amount=Decimal('500000.00'))
    """
    if isinstance(awards, (str, IncentiveAward)) or not isinstance(awards, Iterable):
        raise InvalidValue("award_totals.awards", awards, "must be an iterable of IncentiveAward")
    found = tuple(awards)
    for award in found:
        if not isinstance(award, IncentiveAward):
            raise InvalidValue("award_totals.awards", award, "each must be an IncentiveAward")
    _filters("award_totals", within, year, None)
    kept = [
        a
        for a in found
        if (within is None or within.contains(a.county)) and (year is None or a.year == year)
    ]
    return AwardTotals(
        awards=len(kept),
        counties=len({a.county for a in kept}),
        amount=sum((a.amount for a in kept), Decimal("0.00")),
    )
