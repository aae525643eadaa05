"""The purchase the doctests of ``wulian_core.funding`` sum."""

from __future__ import annotations

import datetime as dt

from wulian_core.regions import RegionCode

from .records import Payment, ServicePurchase
from .values import Buyer, BuyerKind, PurchaseCategory, yuan

__all__ = ["example_purchase"]


def example_purchase() -> ServicePurchase:
    """A county bureau's elderly-care project, 2019-03 to 2020-02, two payments.

    >>> purchase = example_purchase()
    >>> purchase.budget, purchase.paid
    (Decimal('200000.00'), Decimal('150000.00'))
    """
    return ServicePurchase(
        id="sp-1",
        name="老年人关爱服务",
        buyer=Buyer(region=RegionCode("150603"), kind=BuyerKind.CIVIL_AFFAIRS_BUREAU),
        organization="org-1",
        start=dt.date(2019, 3, 1),
        end=dt.date(2020, 2, 29),
        budget=yuan(200000),
        category=PurchaseCategory.ELDERLY_CARE,
        communities=[RegionCode("150603001001"), RegionCode("150603001002")],
        payments=[
            Payment(on=dt.date(2019, 9, 30), amount=yuan(100000), labour_cost=yuan(70000)),
            Payment(on=dt.date(2020, 2, 28), amount=yuan(50000), labour_cost=yuan(35000)),
        ],
    )
