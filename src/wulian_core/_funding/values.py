"""Yuan exact to the fen, the buyers' kinds and the purchases' categories, and the buyer."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from attrs import field

from wulian_core._enums import LabelledEnum
from wulian_core._frozen import frozen
from wulian_core.errors import InvalidValue
from wulian_core.regions import RegionCode, RegionLevel

from . import checks

__all__ = ["Buyer", "BuyerKind", "PurchaseCategory", "yuan"]

_FEN = Decimal("0.01")
_ZERO = Decimal("0.00")
# Far beyond any budget, and well inside Decimal's 28 digits of precision.
_LIMIT = Decimal(10) ** 15


class BuyerKind(LabelledEnum):
    """Who buys a service: a civil affairs bureau (province, city or county) or a street office.

    >>> [kind.label_zh for kind in BuyerKind]
    ['民政部门', '街道办事处']
    """

    CIVIL_AFFAIRS_BUREAU = "civil_affairs_bureau", "民政部门"
    STREET_OFFICE = "street_office", "街道办事处"


class PurchaseCategory(LabelledEnum):
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


def yuan(value: Decimal | int | str, *, field: str = "yuan.value") -> Decimal:
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
    >>> yuan(0.1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    wulian_core.errors.InvalidValue: yuan.value: must be a Decimal, an int or a string of digits, never ... (got 0.1)
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

    region: RegionCode = field(validator=checks.at_level("Buyer.region", tuple(RegionLevel)))
    kind: BuyerKind = field(validator=checks.instance_of("Buyer.kind", BuyerKind))

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
