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

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from enum import Enum
from fractions import Fraction
from typing import Any, Self

from attrs import evolve, field, frozen

from .errors import InvalidValue
from .regions import RegionCode, RegionLevel

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

_FEN = Decimal("0.01")
_ZERO = Decimal("0.00")
# Far beyond any budget, and well inside Decimal's 28 digits of precision.
_LIMIT = Decimal(10) ** 15


class _Labelled(Enum):
    """A stable lowercase wire value with the Chinese word beside it."""

    _value_: str
    label_zh: str

    def __new__(cls, value: str, label_zh: str) -> Self:
        member = object.__new__(cls)
        member._value_ = value
        member.label_zh = label_zh
        return member

    def __str__(self) -> str:
        return self._value_


class BuyerKind(_Labelled):
    """Who buys a service: a civil affairs bureau (province, city or county) or a street office.

    >>> [kind.label_zh for kind in BuyerKind]
    ['民政部门', '街道办事处']
    """

    CIVIL_AFFAIRS_BUREAU = "civil_affairs_bureau", "民政部门"
    STREET_OFFICE = "street_office", "街道办事处"


class PurchaseCategory(_Labelled):
    """What a purchased service is for; the first three are the article's Kangbashi projects.

    >>> [category.label_zh for category in PurchaseCategory]
    ['社区社会组织培育', '老年人关爱', '流动人口关怀', '儿童关爱', '困难群众帮扶', '其他']
    """

    COMMUNITY_ORGANIZATIONS = "community_organizations", "社区社会组织培育"
    ELDERLY_CARE = "elderly_care", "老年人关爱"
    FLOATING_POPULATION_CARE = "floating_population_care", "流动人口关怀"
    CHILD_CARE = "child_care", "儿童关爱"
    HARDSHIP_ASSISTANCE = "hardship_assistance", "困难群众帮扶"
    OTHER = "other", "其他"


def yuan(value: Decimal | int | str, *, field: str = "yuan") -> Decimal:
    """An amount of yuan, exact to the fen (分): a ``Decimal`` with two places.

    Takes a ``Decimal``, an ``int`` or a string of digits; refuses floats (they cannot
    hold a fen exactly), negatives, more than two decimal places and non-numbers, naming
    ``field``.

    >>> yuan("3520000"), yuan(12), yuan(Decimal("0.5"))
    (Decimal('3520000.00'), Decimal('12.00'), Decimal('0.50'))
    >>> yuan("12.345", field="Payment.amount")
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Payment.amount: must be exact to the fen: at most 2 decimal places (got '12.345')
    >>> yuan(0.1)
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: yuan: must be a Decimal, an int or a string of digits, never a float (got 0.1)
    """
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, str)):
        raise InvalidValue(
            field, value, "must be a Decimal, an int or a string of digits, never a float"
        )
    try:
        amount = value if isinstance(value, Decimal) else Decimal(value)
    except InvalidOperation:
        raise InvalidValue(field, value, "must be a number of yuan") from None
    if not amount.is_finite():
        raise InvalidValue(field, value, "must be a finite number of yuan")
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and amount != amount.quantize(_FEN):
        raise InvalidValue(field, value, "must be exact to the fen: at most 2 decimal places")
    if amount < 0:
        raise InvalidValue(field, value, "must not be negative")
    if amount >= _LIMIT:
        raise InvalidValue(field, value, "must be less than 10^15 yuan")
    return amount.quantize(_FEN) + _ZERO  # + 0.00 turns a "-0" into 0.00


def _payment_amount(value: Any) -> Decimal:
    return yuan(value, field="Payment.amount")


def _payment_labour_cost(value: Any) -> Decimal:
    return yuan(value, field="Payment.labour_cost")


def _budget(value: Any) -> Decimal:
    return yuan(value, field="ServicePurchase.budget")


def _award_amount(value: Any) -> Decimal:
    return yuan(value, field="IncentiveAward.amount")


def _text(name: str, limit: int = 200, *, blank: bool = False) -> Any:
    def check(instance: object, attribute: Any, value: Any) -> None:
        if type(value) is not str:
            raise InvalidValue(name, value, "must be a string")
        if not blank and not value.strip():
            raise InvalidValue(name, value, "must not be blank")
        if len(value) > limit:
            raise InvalidValue(name, value, f"must be at most {limit} characters")

    return check


def _identifier(name: str) -> Any:
    def check(instance: object, attribute: Any, value: Any) -> None:
        if type(value) is not str or not value or len(value) > 64 or value != value.strip():
            raise InvalidValue(name, value, "must be a non-blank id of at most 64 characters")

    return check


def _instance(name: str, kind: type) -> Any:
    def check(instance: object, attribute: Any, value: Any) -> None:
        # A datetime is a date too; a payment or a period is counted in days.
        if not isinstance(value, kind) or (kind is dt.date and isinstance(value, dt.datetime)):
            raise InvalidValue(name, value, f"must be a {kind.__name__}")

    return check


def _at_level(name: str, levels: tuple[RegionLevel, ...]) -> Any:
    def check(instance: object, attribute: Any, value: Any) -> None:
        if not isinstance(value, RegionCode):
            raise InvalidValue(name, value, "must be a RegionCode")
        if value.level not in levels:
            allowed = " or ".join(level.value for level in levels)
            raise InvalidValue(name, value, f"must name a {allowed}, not a {value.level.value}")

    return check


_BUYER_LEVELS = {
    BuyerKind.CIVIL_AFFAIRS_BUREAU: (RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY),
    BuyerKind.STREET_OFFICE: (RegionLevel.TOWNSHIP,),
}


@frozen(kw_only=True)
class Buyer:
    """The government body that buys a service: its region and its kind.

    A civil affairs bureau sits at a province, city or county; a street office at a
    street (township level).

    >>> Buyer(region=RegionCode("150603001"), kind=BuyerKind.STREET_OFFICE).kind.label_zh
    '街道办事处'
    >>> Buyer(region=RegionCode("150603"), kind=BuyerKind.STREET_OFFICE)
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Buyer.region: a street office must name a township, not a county ...
    """

    region: RegionCode = field(validator=_at_level("Buyer.region", tuple(RegionLevel)))
    kind: BuyerKind = field(validator=_instance("Buyer.kind", BuyerKind))

    def __attrs_post_init__(self) -> None:
        levels = _BUYER_LEVELS[self.kind]
        if self.region.level not in levels:
            allowed = " or ".join(level.value for level in levels)
            raise InvalidValue(
                "Buyer.region",
                self.region,
                f"a {self.kind.value.replace('_', ' ')} must name a {allowed},"
                f" not a {self.region.level.value}",
            )


def _labour_cost(instance: Payment, attribute: Any, value: Decimal) -> None:
    if value > instance.amount:
        raise InvalidValue(
            "Payment.labour_cost", value, f"must not exceed the payment of {instance.amount}"
        )


def _positive(name: str) -> Any:
    def check(instance: object, attribute: Any, value: Decimal) -> None:
        if value <= 0:
            raise InvalidValue(name, value, "must be more than 0 yuan")

    return check


@frozen(kw_only=True)
class Payment:
    """One payment to the undertaking organization, and the part of it spent on labour.

    >>> Payment(on=dt.date(2020, 6, 30), amount=yuan("50000"), labour_cost=yuan("60000"))
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: Payment.labour_cost: must not exceed the payment of 50000.00 ...
    """

    on: dt.date = field(validator=_instance("Payment.on", dt.date))
    amount: Decimal = field(converter=_payment_amount, validator=_positive("Payment.amount"))
    labour_cost: Decimal = field(converter=_payment_labour_cost, validator=_labour_cost)
    note: str = field(default="", validator=_text("Payment.note", 500, blank=True))


def _communities(value: Any) -> tuple[RegionCode, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValue("ServicePurchase.communities", value, "must be a list of region codes")
    codes = tuple(value)
    check = _at_level("ServicePurchase.communities", (RegionLevel.COMMUNITY,))
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

    >>> street = Buyer(region=RegionCode("150603001"), kind=BuyerKind.STREET_OFFICE)
    >>> ServicePurchase(id="sp-2", name="流动人口关怀", buyer=street, organization="org-2",
    ...     start=dt.date(2021, 1, 1), end=dt.date(2021, 12, 31), budget=yuan(50000),
    ...     category=PurchaseCategory.FLOATING_POPULATION_CARE,
    ...     communities=[RegionCode("150603002001")])
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: ServicePurchase.communities: must lie within the buyer's region 150603001 ...
    """

    id: str = field(validator=_identifier("ServicePurchase.id"))
    name: str = field(validator=_text("ServicePurchase.name"))
    buyer: Buyer = field(validator=_instance("ServicePurchase.buyer", Buyer))
    organization: str = field(validator=_identifier("ServicePurchase.organization"))
    start: dt.date = field(validator=_instance("ServicePurchase.start", dt.date))
    end: dt.date = field(validator=_instance("ServicePurchase.end", dt.date))
    budget: Decimal = field(converter=_budget)
    category: PurchaseCategory = field(
        validator=_instance("ServicePurchase.category", PurchaseCategory)
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

        >>> _example().paid
        Decimal('150000.00')
        """
        return sum((payment.amount for payment in self.payments), Decimal("0.00"))

    @property
    def labour_cost(self) -> Decimal:
        """The part of the payments spent on labour (人力成本).

        >>> _example().labour_cost
        Decimal('105000.00')
        """
        return sum((payment.labour_cost for payment in self.payments), Decimal("0.00"))

    @property
    def unpaid(self) -> Decimal:
        """What is left of the budget.

        >>> _example().unpaid
        Decimal('50000.00')
        """
        return self.budget - self.paid

    @property
    def labour_share(self) -> Fraction | None:
        """Labour cost over spending, exact; ``None`` before the first payment.

        >>> _example().labour_share
        Fraction(7, 10)
        """
        paid = self.paid
        return None if paid == 0 else Fraction(self.labour_cost) / Fraction(paid)

    def paid_in(self, year: int) -> Decimal:
        """What was paid in ``year``.

        >>> _example().paid_in(2019), _example().paid_in(2020)
        (Decimal('100000.00'), Decimal('50000.00'))
        """
        return sum((p.amount for p in self.payments if p.on.year == year), Decimal("0.00"))

    def with_payment(self, payment: Payment) -> ServicePurchase:
        """The project with one more payment; refused past the budget or outside the period.

        >>> _example().with_payment(Payment(on=dt.date(2021, 1, 1), amount=yuan(1),
        ...     labour_cost=yuan(0)))
        Traceback (most recent call last):
        ...
        wulian_core.errors.InvalidValue: ServicePurchase.payments: a payment must fall within the period 2019-03-01 ...
        """
        if not isinstance(payment, Payment):
            raise InvalidValue("ServicePurchase.with_payment.payment", payment, "must be a Payment")
        return evolve(self, payments=(*self.payments, payment))


def _year(name: str) -> Any:
    def check(instance: object, attribute: Any, value: Any) -> None:
        if type(value) is not int or not 1949 <= value <= 2100:
            raise InvalidValue(name, value, "must be a year from 1949 to 2100")

    return check


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

    id: str = field(validator=_identifier("IncentiveAward.id"))
    province: RegionCode = field(
        validator=_at_level("IncentiveAward.province", (RegionLevel.PROVINCE,))
    )
    county: RegionCode = field(validator=_at_level("IncentiveAward.county", (RegionLevel.COUNTY,)))
    year: int = field(validator=_year("IncentiveAward.year"))
    amount: Decimal = field(converter=_award_amount, validator=_positive("IncentiveAward.amount"))
    purpose: str = field(validator=_text("IncentiveAward.purpose", 500))

    def __attrs_post_init__(self) -> None:
        if not self.province.contains(self.county):
            raise InvalidValue(
                "IncentiveAward.county",
                self.county,
                f"must lie within the province {self.province}",
            )


# --- sums ------------------------------------------------------------------------------------


@frozen(kw_only=True)
class FundingTotals:
    """Service purchases summed: how many projects, their budgets, spending and labour cost.

    >>> totals = purchase_totals([_example()])
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

    >>> purchase_totals([_example()], year=2020).paid
    Decimal('50000.00')
    >>> purchase_totals([_example()], within=RegionCode("150602")).projects
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

    >>> [(year, totals.paid) for year, totals in purchase_totals_by_year([_example()])]
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

    >>> [(c.label_zh, t.budget) for c, t in purchase_totals_by_category([_example()])]
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


@frozen(kw_only=True)
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


def _example() -> ServicePurchase:
    """A county bureau's elderly-care project, 2019-03 to 2020-02, two payments."""
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
