"""The money on record: service purchases with their payments, and 以奖代补 awards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any

from attrs import evolve, field

from wulian_core._frozen import frozen
from wulian_core.errors import InvalidValue
from wulian_core.regions import RegionCode, RegionLevel

from . import checks
from .values import Buyer, PurchaseCategory, yuan

__all__ = ["IncentiveAward", "Payment", "ServicePurchase"]


def _payment_amount(value: Any) -> Decimal:
    return yuan(value, field="Payment.amount")


def _payment_labour_cost(value: Any) -> Decimal:
    return yuan(value, field="Payment.labour_cost")


def _budget(value: Any) -> Decimal:
    return yuan(value, field="ServicePurchase.budget")


def _award_amount(value: Any) -> Decimal:
    return yuan(value, field="IncentiveAward.amount")


def _labour_cost(instance: Payment, attribute: Any, value: Decimal) -> None:
    if value > instance.amount:
        raise InvalidValue(
            "Payment.labour_cost",
            value,
            f"must not exceed the amount of the payment, {instance.amount}",
        )


@frozen(kw_only=True)
class Payment:
    """One payment to the undertaking organization, and the part of it spent on labour.

    >>> Payment(on=dt.date(2020, 6, 30), amount=yuan("50000"), labour_cost=yuan("60000"))
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Payment.labour_cost: must not exceed the amount of the payment, 50000.00 ...
    """

    on: dt.date = field(validator=checks.instance_of("Payment.on", dt.date))
    amount: Decimal = field(converter=_payment_amount, validator=checks.positive("Payment.amount"))
    labour_cost: Decimal = field(converter=_payment_labour_cost, validator=_labour_cost)
    note: str = field(default="", validator=checks.text("Payment.note", 500, blank=True))


def _communities(value: Any) -> tuple[RegionCode, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValue("ServicePurchase.communities", value, "must be a list of region codes")
    codes = tuple(value)
    check = checks.at_level("ServicePurchase.communities", (RegionLevel.COMMUNITY,))
    for code in codes:
        check(None, None, code)
    return tuple(sorted(set(codes)))


def _payments(value: Any) -> tuple[Payment, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValue("ServicePurchase.payments", value, "must be a list of Payment")
    payments = tuple(value)
    for payment in payments:
        if not isinstance(payment, Payment):
            raise InvalidValue("ServicePurchase.payments", payment, "each must be a Payment")
    # Stable in time order, so the same payments always give the same record.
    return tuple(sorted(payments, key=lambda p: p.on))


@frozen(kw_only=True)
class ServicePurchase:
    """A government service-purchase project (政府购买服务项目) and its payments.

    The period runs from ``start`` to ``end`` inclusive; every payment falls within it,
    and together they never exceed ``budget``. The communities served lie within the
    buyer's region. :meth:`with_payment` records one more payment.

    >>> from wulian_core.funding import BuyerKind
    >>> street = Buyer(region=RegionCode("150603001"), kind=BuyerKind.STREET_OFFICE)
    >>> ServicePurchase(id="sp-2", name="流动人口关怀", buyer=street, organization="org-2",
    ...     start=dt.date(2021, 1, 1), end=dt.date(2021, 12, 31), budget=yuan(50000),
    ...     category=PurchaseCategory.FLOATING_POPULATION_CARE,
    ...     communities=[RegionCode("150603002001")])
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: ServicePurchase.communities: must lie within the buyer's region 150603001 ...
    """

    id: str = field(validator=checks.identifier("ServicePurchase.id"))
    name: str = field(validator=checks.text("ServicePurchase.name"))
    buyer: Buyer = field(validator=checks.instance_of("ServicePurchase.buyer", Buyer))
    organization: str = field(validator=checks.identifier("ServicePurchase.organization"))
    start: dt.date = field(validator=checks.instance_of("ServicePurchase.start", dt.date))
    end: dt.date = field(validator=checks.instance_of("ServicePurchase.end", dt.date))
    budget: Decimal = field(converter=_budget)
    category: PurchaseCategory = field(
        validator=checks.instance_of("ServicePurchase.category", PurchaseCategory)
    )
    communities: tuple[RegionCode, ...] = field(converter=_communities)
    payments: tuple[Payment, ...] = field(default=(), converter=_payments)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidValue(
                "ServicePurchase.end", self.end, f"must not be before the start {self.start}"
            )
        if not self.communities:
            raise InvalidValue("ServicePurchase.communities", (), "must serve a community")
        for code in self.communities:
            if not self.buyer.region.contains(code):
                raise InvalidValue(
                    "ServicePurchase.communities",
                    code,
                    f"must lie within the buyer's region {self.buyer.region}",
                )
        for payment in self.payments:
            if not self.start <= payment.on <= self.end:
                raise InvalidValue(
                    "ServicePurchase.payments",
                    payment.on,
                    f"a payment must fall within the period {self.start} to {self.end}",
                )
        total = sum((payment.amount for payment in self.payments), Decimal("0.00"))
        if total > self.budget:
            raise InvalidValue(
                "ServicePurchase.payments",
                total,
                f"payments sum to {total} yuan, more than the budget of {self.budget}",
            )

    @property
    def paid(self) -> Decimal:
        """What has been paid so far.

        >>> from wulian_core.examples import purchase_example as example_purchase
        >>> example_purchase().paid
        Decimal('150000.00')
        """
        return sum((payment.amount for payment in self.payments), Decimal("0.00"))

    @property
    def labour_cost(self) -> Decimal:
        """The part of the payments spent on labour (人力成本).

        >>> from wulian_core.examples import purchase_example as example_purchase
        >>> example_purchase().labour_cost
        Decimal('105000.00')
        """
        return sum((payment.labour_cost for payment in self.payments), Decimal("0.00"))

    @property
    def unpaid(self) -> Decimal:
        """What is left of the budget.

        >>> from wulian_core.examples import purchase_example as example_purchase
        >>> example_purchase().unpaid
        Decimal('50000.00')
        """
        return self.budget - self.paid

    @property
    def labour_share(self) -> Fraction | None:
        """Labour cost over spending, exact; ``None`` before the first payment.

        >>> from wulian_core.examples import purchase_example as example_purchase
        >>> example_purchase().labour_share
        Fraction(7, 10)
        """
        paid = self.paid
        return None if paid == 0 else Fraction(self.labour_cost) / Fraction(paid)

    def paid_in(self, year: int) -> Decimal:
        """What was paid in ``year``.

        >>> from wulian_core.examples import purchase_example as example_purchase
        >>> example_purchase().paid_in(2019), example_purchase().paid_in(2020)
        (Decimal('100000.00'), Decimal('50000.00'))
        """
        return sum((p.amount for p in self.payments if p.on.year == year), Decimal("0.00"))

    def with_payment(self, payment: Payment) -> ServicePurchase:
        """The project with one more payment; refused past the budget or outside the period.

        >>> from wulian_core.examples import purchase_example as example_purchase
        >>> example_purchase().with_payment(Payment(on=dt.date(2021, 1, 1), amount=yuan(1),
        ...     labour_cost=yuan(0)))
        Traceback (most recent call last):
        ...
        wulian_core.errors.InvalidValue: ServicePurchase.payments: a payment must fall within the period 2019-03-01 ...
        """
        if not isinstance(payment, Payment):
            raise InvalidValue("ServicePurchase.with_payment.payment", payment, "must be a Payment")
        return evolve(self, payments=(*self.payments, payment))


@frozen(kw_only=True)
class IncentiveAward:
    """A province's 以奖代补 award to a pilot county: the year, the amount, what it is for.

    >>> IncentiveAward(id="aw-1", province=RegionCode("61"), county=RegionCode("610102"),
    ...     year=2022, amount=yuan(500000), purpose="购买社会工作服务").amount
    Decimal('500000.00')
    >>> IncentiveAward(id="aw-2", province=RegionCode("61"), county=RegionCode("150603"),
    ...     year=2022, amount=yuan(1), purpose="x")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: IncentiveAward.county: must lie within the province 61 (got RegionCode('150603'))
    """

    id: str = field(validator=checks.identifier("IncentiveAward.id"))
    province: RegionCode = field(
        validator=checks.at_level("IncentiveAward.province", (RegionLevel.PROVINCE,))
    )
    county: RegionCode = field(
        validator=checks.at_level("IncentiveAward.county", (RegionLevel.COUNTY,))
    )
    year: int = field(validator=checks.year("IncentiveAward.year"))
    amount: Decimal = field(
        converter=_award_amount, validator=checks.positive("IncentiveAward.amount")
    )
    purpose: str = field(validator=checks.text("IncentiveAward.purpose", 500))

    def __attrs_post_init__(self) -> None:
        if not self.province.contains(self.county):
            raise InvalidValue(
                "IncentiveAward.county",
                self.county,
                f"must lie within the province {self.province}",
            )
