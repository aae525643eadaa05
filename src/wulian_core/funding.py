"""Money: government service purchases (政府购买服务) and the province's 以奖代补 awards.

Kangbashi "2019年至2021年，累计投入资金352万元购买社会组织服务项目，主要涉及社区社会组织培育、
老年人关爱、流动人口关怀等暖心项目"; Shaanxi's first 25 pilot counties are funded "采取以奖代补
方式 ... 支持经费主要用于承接服务单位或组织的人力成本支出". This module records both and sums
them exactly.

- :class:`ServicePurchase` (政府购买服务项目): bought by a :class:`Buyer` (a civil affairs
  bureau or a street office) from an undertaking organization, for a period, a budget, a
  :class:`PurchaseCategory` and the communities served, with its dated :class:`Payment`
  records, each with the part that went to labour (人力成本).
- :class:`IncentiveAward` (以奖代补): a province's award to a pilot county in a year.
- :func:`purchase_totals`, :func:`purchase_totals_by_year`,
  :func:`purchase_totals_by_category` and :func:`award_totals`: sums per region (a code
  and everything below it), year and category.

Amounts are yuan as :class:`~decimal.Decimal` with fen precision (:func:`yuan`): never a
float, never negative, never more than two decimal places. Shares are exact
:class:`~fractions.Fraction` values.

>>> import datetime as dt
>>> from wulian_core.regions import RegionCode
>>> bureau = Buyer(region=RegionCode("150603"), kind=BuyerKind.CIVIL_AFFAIRS_BUREAU)
>>> project = ServicePurchase(id="sp-1", name="悦和社区老年人关爱", buyer=bureau,
...     organization="org-1", start=dt.date(2019, 3, 1), end=dt.date(2019, 12, 31),
...     budget=yuan("200000"), category=PurchaseCategory.ELDERLY_CARE,
...     communities=[RegionCode("150603001001")])
>>> project = project.with_payment(Payment(on=dt.date(2019, 6, 30), amount=yuan("120000"),
...     labour_cost=yuan("90000")))
>>> project.paid, project.labour_share
(Decimal('120000.00'), Fraction(3, 4))
>>> project.with_payment(Payment(on=dt.date(2019, 12, 1), amount=yuan("80000.01"),
...     labour_cost=yuan("0")))
Traceback (most recent call last):
...
wulian_core.errors.InvalidValue: ServicePurchase.payments: payments sum to 200000.01 yuan, more than the budget ...
"""

from __future__ import annotations

from ._funding.records import IncentiveAward, Payment, ServicePurchase
from ._funding.totals import (
    AwardTotals,
    FundingTotals,
    award_totals,
    purchase_totals,
    purchase_totals_by_category,
    purchase_totals_by_year,
)
from ._funding.values import Buyer, BuyerKind, PurchaseCategory, yuan

__all__ = [
    "AwardTotals",
    "Buyer",
    "BuyerKind",
    "FundingTotals",
    "IncentiveAward",
    "Payment",
    "PurchaseCategory",
    "ServicePurchase",
    "award_totals",
    "purchase_totals",
    "purchase_totals_by_category",
    "purchase_totals_by_year",
    "yuan",
]
