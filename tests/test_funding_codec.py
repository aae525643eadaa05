"""Money on the wire: purchases and awards round-trip through JSON, amounts as strings only."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wulian_core import synth
from wulian_core.codec import from_dict, from_json, to_dict, to_json
from wulian_core.errors import DecodeError
from wulian_core.funding import (
    Buyer,
    BuyerKind,
    IncentiveAward,
    Payment,
    PurchaseCategory,
    ServicePurchase,
    yuan,
)
from wulian_core.model import RegionCode

KANGBASHI = RegionCode("150603")
BUREAU = Buyer(region=KANGBASHI, kind=BuyerKind.CIVIL_AFFAIRS_BUREAU)
# Every amount yuan() takes: fen precision, more than nothing, under 10^15 yuan.
AMOUNTS = st.decimals(
    min_value=Decimal("0.01"),
    max_value=Decimal("999999999999999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


def _purchase(payments: list[Payment], budget: Decimal) -> ServicePurchase:
    return ServicePurchase(
        id="sp-1",
        name="老年人关爱服务",
        buyer=BUREAU,
        organization="org-1",
        start=dt.date(2019, 1, 1),
        end=dt.date(2019, 12, 31),
        budget=budget,
        category=PurchaseCategory.ELDERLY_CARE,
        communities=[RegionCode("150603001001")],
        payments=payments,
    )


@st.composite
def purchases(draw: st.DrawFn) -> ServicePurchase:
    # Three payments of under 10^14 each keep the budget under yuan()'s 10^15.
    amounts = draw(
        st.lists(st.decimals(min_value=Decimal("0.01"), max_value=10**14, places=2), max_size=3)
    )
    payments = [
        Payment(
            on=dt.date(2019, 1, 1) + dt.timedelta(days=draw(st.integers(0, 364))),
            amount=amount,
            labour_cost=draw(st.decimals(min_value=0, max_value=amount, places=2, allow_nan=False)),
        )
        for amount in amounts
    ]
    paid = sum((p.amount for p in payments), Decimal("0.00"))
    extra = draw(st.sampled_from([Decimal("0.00"), Decimal("0.01"), Decimal("123456.78")]))
    return _purchase(payments, yuan(paid + extra))


@given(purchases())
def test_a_purchase_survives_json_to_the_fen(purchase: ServicePurchase) -> None:
    back = from_json(ServicePurchase, to_json(purchase))

    assert back == purchase
    # Equal is not enough for money: 1.50 and 1.5 are equal Decimals but not the same text.
    assert str(back.budget) == str(purchase.budget)
    assert [str(p.amount) for p in back.payments] == [str(p.amount) for p in purchase.payments]


@given(AMOUNTS)
def test_an_amount_is_written_as_the_string_of_its_digits(amount: Decimal) -> None:
    payment = Payment(on=dt.date(2019, 6, 30), amount=amount, labour_cost=yuan(0))

    data = to_dict(payment)

    assert data["amount"] == str(yuan(amount))
    assert type(data["amount"]) is str
    assert from_dict(Payment, data) == payment


def test_the_synthetic_purchases_and_awards_round_trip() -> None:
    shaanxi = synth.province(
        seed=1, townships=20, communities=60, organizations=50, pilot_counties=5
    )
    purchases = synth.kangbashi_purchases()
    awards = synth.pilot_awards(shaanxi)

    assert [from_json(ServicePurchase, to_json(p)) for p in purchases] == list(purchases)
    assert [from_json(IncentiveAward, to_json(a)) for a in awards] == list(awards)
    assert len(awards) == 5


def test_an_award_is_plain_json_with_its_amount_as_a_string() -> None:
    award = IncentiveAward(
        id="aw-1",
        province=RegionCode("61"),
        county=RegionCode("610102"),
        year=2022,
        amount=yuan("500000"),
        purpose="购买社会工作服务",
    )

    assert json.loads(to_json(award)) == {
        "id": "aw-1",
        "province": "61",
        "county": "610102",
        "year": 2022,
        "amount": "500000.00",
        "purpose": "购买社会工作服务",
    }


def _problems(cls: type, data: object) -> dict[str, str]:
    with pytest.raises(DecodeError) as info:
        from_json(cls, json.dumps(data))
    return dict(info.value.problems)


def test_a_json_number_for_money_is_refused_naming_its_path() -> None:
    data = json.loads(to_json(synth.kangbashi_purchases()[0]))
    data["budget"] = 293000.0
    data["payments"][0]["amount"] = 175800  # an integer is a JSON number too
    data["payments"][1]["labour_cost"] = 0.1

    problems = _problems(ServicePurchase, data)

    assert set(problems) == {"budget", "payments[0].amount", "payments[1].labour_cost"}
    assert "written as a string" in problems["budget"]
    assert "(got 0.1)" in problems["payments[1].labour_cost"]


@pytest.mark.parametrize("text", ["", "12,50", "十二元", "1e"])
def test_a_string_that_is_no_number_is_refused_naming_its_path(text: str) -> None:
    data = json.loads(to_json(_award()))
    data["amount"] = text

    problems = _problems(IncentiveAward, data)

    assert list(problems) == ["amount"]
    assert repr(text) in problems["amount"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("12.345", "exact to the fen"),
        ("-5", "must not be negative"),
        ("NaN", "finite"),
        ("0", "more than 0 yuan"),
    ],
)
def test_a_number_yuan_refuses_is_refused_from_json_too(text: str, reason: str) -> None:
    data = json.loads(to_json(_award()))
    data["amount"] = text

    problems = _problems(IncentiveAward, data)

    assert list(problems) == ["amount"]
    assert reason in problems["amount"]


def _award() -> IncentiveAward:
    return IncentiveAward(
        id="aw-1",
        province=RegionCode("61"),
        county=RegionCode("610102"),
        year=2022,
        amount=yuan(1),
        purpose="x",
    )
