"""Service purchases and 以奖代补 awards: records, validation, exact sums, the article's figure."""

from __future__ import annotations

import datetime as dt
import pickle
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wulian_core import funding, synth
from wulian_core.demo import ARTICLE_DATE, summary
from wulian_core.errors import InvalidValue
from wulian_core.funding import (
    Buyer,
    BuyerKind,
    IncentiveAward,
    Payment,
    PurchaseCategory,
    ServicePurchase,
    award_totals,
    purchase_totals,
    purchase_totals_by_category,
    purchase_totals_by_year,
    yuan,
)
from wulian_core.model import RegionCode

KANGBASHI = RegionCode("150603")
STREET = RegionCode("150603001")
YUEHE = RegionCode("150603001001")
BUREAU = Buyer(region=KANGBASHI, kind=BuyerKind.CIVIL_AFFAIRS_BUREAU)


def purchase(**changes: Any) -> ServicePurchase:
    fields: dict[str, Any] = {
        "id": "sp-1",
        "name": "悦和社区老年人关爱",
        "buyer": BUREAU,
        "organization": "org-1",
        "start": dt.date(2020, 1, 1),
        "end": dt.date(2020, 12, 31),
        "budget": yuan("100000"),
        "category": PurchaseCategory.ELDERLY_CARE,
        "communities": [YUEHE],
    }
    fields.update(changes)
    return ServicePurchase(**fields)


def pay(on: dt.date, amount: str, labour: str = "0") -> Payment:
    return Payment(on=on, amount=yuan(amount), labour_cost=yuan(labour))


# --- amounts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (0.1, "never a float"),
        (True, "never a float"),
        ("12.345", "at most 2 decimal places"),
        (Decimal("0.001"), "at most 2 decimal places"),
        ("-1", "must not be negative"),
        ("abc", "must be a number of yuan"),
        (Decimal("NaN"), "finite"),
        ("Infinity", "finite"),
        (10**15, r"less than 10\^15"),
    ],
)
def test_an_amount_that_is_not_exact_yuan_is_refused(value: Any, reason: str) -> None:
    with pytest.raises(InvalidValue, match=reason):
        yuan(value)


def test_amounts_are_kept_to_the_fen() -> None:
    assert str(yuan("12.5")) == "12.50"
    assert str(yuan(Decimal("12.340"))) == "12.34"
    assert str(yuan("-0")) == "0.00"
    assert str(yuan(Decimal("1E+3"))) == "1000.00"


@given(st.integers(min_value=0, max_value=10**14), st.integers(min_value=0, max_value=2))
def test_any_non_negative_amount_of_whole_fen_is_kept_exactly(fen: int, places: int) -> None:
    value = Decimal(fen).scaleb(-places)

    assert yuan(value) == value
    assert yuan(str(value)) == value
    assert yuan(value).as_tuple().exponent == -2


@given(st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False))
def test_a_third_decimal_place_is_refused_unless_it_is_zero(value: Decimal) -> None:
    if value == value.quantize(Decimal("0.01")):
        assert yuan(value) == value
    else:
        with pytest.raises(InvalidValue, match="2 decimal places"):
            yuan(value)


# --- records -------------------------------------------------------------------------------


def test_a_purchase_sums_its_payments_and_its_labour_share_exactly() -> None:
    project = purchase(
        payments=[
            pay(dt.date(2020, 12, 1), "40000", "30000"),
            pay(dt.date(2020, 6, 1), "30000.01", "20000"),
        ]
    )

    assert [p.on.month for p in project.payments] == [6, 12]  # kept in time order
    assert project.paid == Decimal("70000.01")
    assert project.labour_cost == Decimal("50000.00")
    assert project.unpaid == Decimal("29999.99")
    assert project.labour_share == Fraction(5000000, 7000001)
    assert purchase().labour_share is None


def test_payments_past_the_budget_are_refused_and_change_nothing() -> None:
    project = purchase(payments=[pay(dt.date(2020, 6, 1), "99999.99")])

    with pytest.raises(InvalidValue, match="more than the budget of 100000.00"):
        project.with_payment(pay(dt.date(2020, 7, 1), "0.02"))
    assert project.paid == Decimal("99999.99")
    assert project.with_payment(pay(dt.date(2020, 7, 1), "0.01")).unpaid == 0


@pytest.mark.parametrize("on", [dt.date(2019, 12, 31), dt.date(2021, 1, 1)])
def test_a_payment_outside_the_period_is_refused(on: dt.date) -> None:
    with pytest.raises(InvalidValue, match="within the period 2020-01-01 to 2020-12-31"):
        purchase(payments=[pay(on, "1")])


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"id": ""}, "ServicePurchase.id"),
        ({"name": "  "}, "ServicePurchase.name"),
        ({"buyer": "民政局"}, "ServicePurchase.buyer"),
        ({"organization": 7}, "ServicePurchase.organization"),
        ({"start": "2020-01-01"}, "ServicePurchase.start"),
        ({"end": dt.datetime(2020, 12, 31, tzinfo=dt.UTC)}, "ServicePurchase.end"),
        ({"end": dt.date(2019, 12, 31)}, "ServicePurchase.end"),
        ({"budget": 100000.0}, "ServicePurchase.budget"),
        ({"budget": "-5"}, "ServicePurchase.budget"),
        ({"category": "elderly_care"}, "ServicePurchase.category"),
        ({"communities": []}, "ServicePurchase.communities"),
        ({"communities": "150603001001"}, "ServicePurchase.communities"),
        ({"communities": [STREET]}, "ServicePurchase.communities"),
        ({"communities": [RegionCode("150602001001")]}, "ServicePurchase.communities"),
        ({"payments": [("2020-06-01", 5)]}, "ServicePurchase.payments"),
    ],
)
def test_a_purchase_refuses_bad_fields_by_name(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidValue, match=field):
        purchase(**changes)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"amount": "0"}, "Payment.amount: must be more than 0"),
        ({"amount": 1.5}, "Payment.amount: must be a Decimal"),
        ({"labour_cost": "10.001"}, "Payment.labour_cost: must be exact to the fen"),
        (
            {"labour_cost": "101"},
            "Payment.labour_cost: must not exceed the amount of the payment, 100.00",
        ),
        ({"on": dt.datetime(2020, 1, 1, tzinfo=dt.UTC)}, "Payment.on: must be a date"),
        ({"note": 3}, "Payment.note: must be a string"),
    ],
)
def test_a_payment_refuses_bad_fields_by_name(fields: dict[str, Any], message: str) -> None:
    good: dict[str, Any] = {"on": dt.date(2020, 1, 1), "amount": "100", "labour_cost": "60"}

    with pytest.raises(InvalidValue, match=message):
        Payment(**{**good, **fields})


def test_a_buyer_sits_at_its_level() -> None:
    assert Buyer(region=RegionCode("61"), kind=BuyerKind.CIVIL_AFFAIRS_BUREAU).region == "61"
    assert Buyer(region=STREET, kind=BuyerKind.STREET_OFFICE).region == STREET
    with pytest.raises(InvalidValue, match="a civil affairs bureau must name a province"):
        Buyer(region=STREET, kind=BuyerKind.CIVIL_AFFAIRS_BUREAU)
    with pytest.raises(InvalidValue, match="a street office must name a township"):
        Buyer(region=YUEHE, kind=BuyerKind.STREET_OFFICE)
    with pytest.raises(InvalidValue, match="Buyer.region: must be a RegionCode"):
        Buyer(region="150603", kind=BuyerKind.STREET_OFFICE)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="Buyer.kind"):
        Buyer(region=KANGBASHI, kind="bureau")  # type: ignore[arg-type]


def test_an_award_goes_from_a_province_to_one_of_its_counties() -> None:
    good: dict[str, Any] = {
        "id": "aw-1",
        "province": RegionCode("61"),
        "county": RegionCode("610102"),
        "year": 2022,
        "amount": yuan(500000),
        "purpose": "购买社会工作服务",
    }

    assert IncentiveAward(**good).amount == Decimal("500000.00")
    for changes, message in [
        ({"province": RegionCode("6101")}, "IncentiveAward.province: must name a province"),
        ({"county": RegionCode("6101")}, "IncentiveAward.county: must name a county"),
        ({"county": RegionCode("150603")}, "must lie within the province 61"),
        ({"year": "2022"}, "IncentiveAward.year"),
        ({"year": 1900}, "IncentiveAward.year"),
        ({"amount": 0}, "IncentiveAward.amount: must be more than 0"),
        ({"purpose": ""}, "IncentiveAward.purpose"),
    ]:
        with pytest.raises(InvalidValue, match=message):
            IncentiveAward(**{**good, **changes})


def test_records_survive_a_rebuild_from_their_fields_and_a_pickle() -> None:
    project = purchase(payments=[pay(dt.date(2020, 6, 1), "50000", "40000")])
    award = synth.pilot_awards(
        synth.province(seed=2, townships=30, communities=60, organizations=60, pilot_counties=3)
    )[0]

    for record in (project, award, project.buyer, project.payments[0]):
        fields = attrs.asdict(record, recurse=False)
        assert type(record)(**fields) == record
        assert pickle.loads(pickle.dumps(record)) == record


def test_labels_are_chinese_and_values_stable() -> None:
    assert PurchaseCategory("elderly_care").label_zh == "老年人关爱"
    assert str(BuyerKind.STREET_OFFICE) == "street_office"


# --- sums ----------------------------------------------------------------------------------


def mixed() -> list[ServicePurchase]:
    street = Buyer(region=STREET, kind=BuyerKind.STREET_OFFICE)
    return [
        purchase(id="a", payments=[pay(dt.date(2020, 6, 1), "60000", "45000")]),
        purchase(
            id="b",
            buyer=street,
            category=PurchaseCategory.FLOATING_POPULATION_CARE,
            start=dt.date(2020, 10, 1),
            end=dt.date(2021, 9, 30),
            budget=yuan("50000.50"),
            payments=[
                pay(dt.date(2020, 12, 1), "20000", "10000"),
                pay(dt.date(2021, 6, 1), "30000.50", "30000"),
            ],
        ),
        purchase(
            id="c",
            buyer=Buyer(region=RegionCode("150602"), kind=BuyerKind.CIVIL_AFFAIRS_BUREAU),
            communities=[RegionCode("150602001001")],
            budget=yuan("7"),
        ),
    ]


def test_sums_per_region_count_a_code_and_everything_below_it() -> None:
    assert purchase_totals(mixed(), within=KANGBASHI).projects == 2
    assert purchase_totals(mixed(), within=KANGBASHI).budget == Decimal("150000.50")
    assert purchase_totals(mixed(), within=STREET).budget == Decimal("50000.50")
    assert purchase_totals(mixed(), within=RegionCode("15")).projects == 3
    assert purchase_totals(mixed(), within=RegionCode("61")).projects == 0


def test_sums_per_year_count_budgets_when_they_start_and_spending_when_it_is_paid() -> None:
    years = dict(purchase_totals_by_year(mixed()))

    assert sorted(years) == [2020, 2021]
    assert years[2020].budget == Decimal("150007.50")
    assert years[2020].paid == Decimal("80000.00")
    assert years[2021].budget == 0
    assert years[2021].paid == Decimal("30000.50")
    assert years[2021].labour_share == Fraction(3000000, 3000050)


def test_sums_per_category_follow_the_categories_order() -> None:
    categories = purchase_totals_by_category(mixed(), within=KANGBASHI)

    assert [(c, t.projects) for c, t in categories] == [
        (PurchaseCategory.ELDERLY_CARE, 1),
        (PurchaseCategory.FLOATING_POPULATION_CARE, 1),
    ]


def test_sums_refuse_bad_filters_by_name() -> None:
    with pytest.raises(InvalidValue, match="purchase_totals.within"):
        purchase_totals(mixed(), within="150603")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="purchase_totals.year"):
        purchase_totals(mixed(), year="2020")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="purchase_totals.category"):
        purchase_totals(mixed(), category="other")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="purchase_totals.purchases"):
        purchase_totals(mixed()[0])  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="purchase_totals_by_year.purchases"):
        purchase_totals_by_year([1])  # type: ignore[list-item]
    with pytest.raises(InvalidValue, match="award_totals.awards"):
        award_totals(["aw-1"])  # type: ignore[list-item]


@st.composite
def purchases(draw: st.DrawFn) -> list[ServicePurchase]:
    """Projects in two districts, over 2019-2022, paid in whole fen up to their budget."""
    found = []
    for n in range(draw(st.integers(0, 6))):
        district = draw(st.sampled_from(["150603", "150602"]))
        street = draw(st.sampled_from(["001", "002"]))
        by_street = draw(st.booleans())
        buyer = Buyer(
            region=RegionCode(district + street if by_street else district),
            kind=BuyerKind.STREET_OFFICE if by_street else BuyerKind.CIVIL_AFFAIRS_BUREAU,
        )
        start = dt.date(draw(st.integers(2019, 2021)), draw(st.integers(1, 12)), 1)
        end = dt.date(start.year + draw(st.integers(0, 1)), 12, 31)
        budget = draw(st.integers(1, 10**9))
        left = budget
        payments = []
        for _ in range(draw(st.integers(0, 4))):
            if left == 0:
                break
            amount = draw(st.integers(1, left))
            left -= amount
            payments.append(
                Payment(
                    on=start + dt.timedelta(days=draw(st.integers(0, (end - start).days))),
                    amount=Decimal(amount).scaleb(-2),
                    labour_cost=Decimal(draw(st.integers(0, amount))).scaleb(-2),
                )
            )
        found.append(
            ServicePurchase(
                id=f"sp-{n}",
                name="服务项目",
                buyer=buyer,
                organization="org-1",
                start=start,
                end=end,
                budget=Decimal(budget).scaleb(-2),
                category=draw(st.sampled_from(list(PurchaseCategory))),
                communities=[RegionCode(f"{district}{street}001")],
                payments=payments,
            )
        )
    return found


@given(purchases())
def test_years_categories_and_streets_add_up_to_the_whole(found: list[ServicePurchase]) -> None:
    whole = purchase_totals(found)
    years = [t for _, t in purchase_totals_by_year(found)]
    categories = [t for _, t in purchase_totals_by_category(found)]
    districts = [purchase_totals(found, within=RegionCode(d)) for d in ("150603", "150602")]

    for parts in (years, categories, districts):
        assert sum((t.budget for t in parts), Decimal(0)) == whole.budget
        assert sum((t.paid for t in parts), Decimal(0)) == whole.paid
        assert sum((t.labour_cost for t in parts), Decimal(0)) == whole.labour_cost
        assert sum(t.projects for t in parts) == whole.projects == len(found)
    assert whole.paid == sum((p.paid for p in found), Decimal(0))
    assert whole.paid <= whole.budget
    if whole.paid:
        assert whole.labour_share == Fraction(whole.labour_cost) / Fraction(whole.paid)
        assert 0 <= whole.labour_share <= 1  # type: ignore[operator]


@given(purchases(), st.integers(1, 10**6))
def test_a_payment_is_taken_exactly_when_it_fits_the_budget(
    found: list[ServicePurchase], extra: int
) -> None:
    for project in found:
        amount = Decimal(extra).scaleb(-2)
        payment = Payment(on=project.start, amount=amount, labour_cost=Decimal(0))
        if project.paid + amount <= project.budget:
            assert project.with_payment(payment).paid == project.paid + amount
        else:
            with pytest.raises(InvalidValue, match="more than the budget"):
                project.with_payment(payment)


# --- the article's figures -----------------------------------------------------------------


def test_kangbashi_bought_exactly_352_wan_yuan_of_services_in_2019_to_2021() -> None:
    directory = synth.kangbashi(seed=3)
    found = synth.kangbashi_purchases(directory, seed=3)

    totals = purchase_totals(found, within=KANGBASHI)
    assert totals.budget == totals.paid == synth.KANGBASHI_PURCHASED_SERVICES == 3_520_000
    assert [year for year, _ in purchase_totals_by_year(found)] == [2019, 2020, 2021]
    assert {c for c, _ in purchase_totals_by_category(found)} == {
        PurchaseCategory.COMMUNITY_ORGANIZATIONS,
        PurchaseCategory.ELDERLY_CARE,
        PurchaseCategory.FLOATING_POPULATION_CARE,
    }
    organizations = {o.id for o in directory.organizations}
    assert all(p.organization in organizations for p in found)
    assert {p.buyer.kind for p in found} == set(BuyerKind)
    assert Fraction(7, 10) <= totals.labour_share <= Fraction(4, 5)  # type: ignore[operator]
    assert synth.kangbashi_purchases(directory, seed=3) == found


def test_shaanxi_funds_its_25_pilot_counties_by_awards() -> None:
    shaanxi = synth.province(
        seed=4, townships=80, communities=160, organizations=100, pilot_counties=25
    )

    awards = synth.pilot_awards(shaanxi)
    totals = award_totals(awards, within=RegionCode("61"), year=2022)

    assert totals.awards == totals.counties == 25
    assert totals.amount == sum((a.amount for a in awards), Decimal(0))
    assert award_totals(awards, year=2023).awards == 0
    assert all("人力成本" in a.purpose for a in awards)


def test_the_demo_says_how_much_kangbashi_spent() -> None:
    text = summary(synth.kangbashi(seed=0), as_of=ARTICLE_DATE)

    assert "政府购买服务 purchased services 2019-2021: 3,520,000.00 元 (article: 352万元)" in text


def test_the_public_names_have_runnable_examples() -> None:
    missing = [
        name
        for name in funding.__all__
        if isinstance(getattr(funding, name), type) or callable(getattr(funding, name))
        if ">>>" not in (getattr(funding, name).__doc__ or "")
    ]

    assert funding.__all__ == sorted(funding.__all__)
    assert missing == []
