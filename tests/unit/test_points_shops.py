"""Partner shops: a registry of redemption points, appointments, and the monthly settlement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wulian_core.calendar import SHANGHAI
from wulian_core.codec import from_json, to_json
from wulian_core.errors import (
    IdempotencyConflict,
    IllegalTransition,
    IntegrityError,
    InvalidValue,
    NotFound,
    PermissionDenied,
)
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.points import (
    WIRE_UNIONS,
    AppointmentStatus,
    Catalogue,
    Holder,
    HolderKind,
    Passbook,
    PointKind,
    PointsPolicy,
    ShopEvent,
    ShopRegistry,
    settle_month,
)
from wulian_core.regions import RegionCode

T0 = dt.datetime(2024, 3, 1, 9, tzinfo=SHANGHAI)
STREET = RegionCode("150603001")
HOME = RegionCode("150603001001")
OTHER = RegionCode("150603001002")
STAFF = Actor("w-1", {Grant(Role.COMMUNITY_WORKER, Scope.region(HOME))})
ME = Actor("p-3")


def registry() -> ShopRegistry:
    shops = ShopRegistry.open(registry="reg-1", region=STREET, by=STAFF, at=T0)
    shops.register(
        point="shop-1",
        name="便民超市",
        kind=PointKind.PARTNER_SHOP,
        community=HOME,
        yuan_per_point="0.10",
        accepts={"soap"},
        by=STAFF,
        at=T0,
        key="reg-1",
    )
    shops.register(
        point="barber",
        name="理发店",
        kind=PointKind.SERVICE_PROVIDER,
        community=HOME,
        yuan_per_point=Decimal("0.25"),
        accepts={"haircut"},
        by=STAFF,
        at=T0,
        key="reg-2",
    )
    return shops


def book_with(points: int, community: RegionCode = HOME) -> Passbook:
    book = Passbook.open(
        Holder(id="p-3", kind=HolderKind.PERSON, community=community),
        policy=PointsPolicy.practice(),
        by=STAFF if community == HOME else Actor("w-2"),
        at=T0,
    )
    staff = (
        STAFF
        if community == HOME
        else Actor("w-2", {Grant(Role.COMMUNITY_WORKER, Scope.region(community))})
    )
    for i in range(points // 5):
        book.accrue_activity(
            activity=f"a-{i}",
            on=T0.date(),
            activity_kind="public_welfare",
            by=staff,
            at=T0,
            key=f"k-{i}",
        )
    return book


def test_a_registered_point_takes_points_and_an_unregistered_one_is_refused() -> None:
    shops, book = registry(), book_with(10)

    book.redeem(points=3, point="shop-1", by=ME, at=T0, key="r-1", shops=shops)

    with pytest.raises(NotFound, match="redemption point 'corner'"):
        book.redeem(points=3, point="corner", by=ME, at=T0, key="r-2", shops=shops)
    assert book.balance() == 7
    assert book.version == 4


def test_a_suspended_point_is_refused_until_reinstated() -> None:
    shops, book = registry(), book_with(10)
    shops.suspend(point="shop-1", reason="卫生检查不合格", by=STAFF, at=T0, key="s-1")

    with pytest.raises(IllegalTransition, match="suspended"):
        book.redeem(points=3, point="shop-1", by=ME, at=T0, key="r-1", shops=shops)
    before = book.version
    shops.reinstate(point="shop-1", reason="整改完成", by=STAFF, at=T0, key="s-2")
    book.redeem(points=3, point="shop-1", by=ME, at=T0, key="r-1", shops=shops)

    assert book.version == before + 1
    assert shops.point("shop-1").active


def test_a_point_serves_its_own_community_only() -> None:
    shops, book = registry(), book_with(10, community=OTHER)

    with pytest.raises(IllegalTransition, match="outside its community"):
        book.redeem(points=3, point="shop-1", by=ME, at=T0, key="r-1", shops=shops)


def test_a_catalogue_redemption_checks_the_item_against_what_the_point_accepts() -> None:
    shops, book = registry(), book_with(30)
    shelf = Catalogue.open(point="shop-1", community=HOME, by=STAFF, at=T0)
    shelf.list_item(item="rice", name="大米", price=20, stock=1, by=STAFF, at=T0, key="l-1")

    with pytest.raises(IllegalTransition, match="does not take rice"):
        shelf.redeem(book, item="rice", by=ME, at=T0, key="o-1", shops=shops)
    assert shelf.stock("rice") == 1
    assert book.balance() == 30


def test_the_rate_is_exact_to_the_fen_and_never_a_float() -> None:
    shops = registry()

    for bad in (0.1, "0.001", "-1", 0, "abc"):
        with pytest.raises(InvalidValue, match="yuan_per_point"):
            shops.register(
                point="x",
                name="x",
                kind=PointKind.PARTNER_SHOP,
                community=HOME,
                yuan_per_point=bad,  # type: ignore[arg-type]
                accepts={"a"},
                by=STAFF,
                at=T0,
                key="bad",
            )
    assert shops.version == 3


def test_only_the_staff_of_the_points_community_register_and_suspend() -> None:
    shops = registry()
    stranger = Actor("w-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(OTHER))})

    with pytest.raises(PermissionDenied):
        shops.suspend(point="shop-1", reason="无", by=stranger, at=T0, key="s-1")
    with pytest.raises(InvalidValue, match="must lie in"):
        shops.register(
            point="far",
            name="远处",
            kind=PointKind.PARTNER_SHOP,
            community=RegionCode("150603002001"),
            yuan_per_point=1,
            accepts={"a"},
            by=STAFF,
            at=T0,
            key="r-far",
        )


def test_a_retry_registers_once_and_a_changed_request_conflicts() -> None:
    shops = registry()
    again = shops.register(
        point="shop-1",
        name="便民超市",
        kind=PointKind.PARTNER_SHOP,
        community=HOME,
        yuan_per_point=Decimal("0.1"),
        accepts=["soap"],
        by=STAFF,
        at=T0,
        key="reg-1",
    )

    assert again == (shops.events[1],)
    with pytest.raises(IdempotencyConflict):
        shops.suspend(point="shop-1", reason="x", by=STAFF, at=T0, key="reg-1")


def slot(shops: ShopRegistry, capacity: int = 1) -> None:
    shops.open_slot(
        point="barber",
        service="haircut",
        starts=T0 + dt.timedelta(days=1),
        capacity=capacity,
        points=5,
        by=STAFF,
        at=T0,
        key="slot-1",
    )


def test_a_service_slot_takes_as_many_bookings_as_its_capacity_and_no_more() -> None:
    shops, book = registry(), book_with(20)
    slot(shops, capacity=1)
    other = Passbook.open(
        Holder(id="p-4", kind=HolderKind.PERSON, community=HOME),
        policy=PointsPolicy.practice(),
        by=STAFF,
        at=T0,
    )
    other.accrue_activity(
        activity="a-1", on=T0.date(), activity_kind="public_welfare", by=STAFF, at=T0, key="k"
    )

    shops.book(book, slot="slot-1", by=ME, at=T0, key="b-1")
    with pytest.raises(IllegalTransition, match="full"):
        shops.book(other, slot="slot-1", by=Actor("p-4"), at=T0, key="b-2")

    assert shops.places_left("slot-1") == 0
    assert other.balance() == 5
    assert book.balance() == 15


def test_cancelling_an_appointment_frees_the_place_and_returns_the_points() -> None:
    shops, book = registry(), book_with(10)
    slot(shops)
    shops.book(book, slot="slot-1", by=ME, at=T0, key="b-1")

    shops.cancel(book, order="b-1", reason="临时有事", by=ME, at=T0, key="c-1")

    assert shops.places_left("slot-1") == 1
    assert book.balance() == 10
    assert shops.appointment("b-1").status is AppointmentStatus.CANCELLED


def test_a_slot_cannot_be_booked_once_it_has_begun_nor_kept_before() -> None:
    shops, book = registry(), book_with(10)
    slot(shops, capacity=2)
    shops.book(book, slot="slot-1", by=ME, at=T0, key="b-1")

    with pytest.raises(IllegalTransition, match="not begun"):
        shops.keep(order="b-1", by=STAFF, at=T0, key="kept-1")
    later = T0 + dt.timedelta(days=1, hours=1)
    shops.keep(order="b-1", by=STAFF, at=later, key="kept-1")
    with pytest.raises(IllegalTransition, match="started"):
        shops.book(book, slot="slot-1", by=ME, at=later, key="b-2")


def test_a_suspended_provider_takes_no_bookings() -> None:
    shops, book = registry(), book_with(10)
    slot(shops)
    shops.suspend(point="barber", reason="停业整顿", by=STAFF, at=T0, key="s-1")

    with pytest.raises(IllegalTransition, match="suspended"):
        shops.book(book, slot="slot-1", by=ME, at=T0, key="b-1")
    assert book.balance() == 10


def test_the_registry_replays_to_the_same_state_and_its_events_round_trip() -> None:
    shops, book = registry(), book_with(10)
    slot(shops, capacity=2)
    shops.book(book, slot="slot-1", by=ME, at=T0, key="b-1")

    again = ShopRegistry.replay(from_json(ShopEvent, to_json(e)) for e in shops.events)

    assert again.events == shops.events
    assert again.places_left("slot-1") == 1
    assert again.points() == shops.points()
    with pytest.raises(IntegrityError):
        ShopRegistry.replay(shops.events[1:])


def test_every_shop_event_round_trips_through_json() -> None:
    shops, book = registry(), book_with(20)
    slot(shops, capacity=2)
    shops.suspend(point="shop-1", reason="停业", by=STAFF, at=T0, key="s-1")
    shops.reinstate(point="shop-1", reason="复业", by=STAFF, at=T0, key="s-2")
    shops.book(book, slot="slot-1", by=ME, at=T0, key="b-1")
    shops.cancel(book, order="b-1", reason="有事", by=ME, at=T0, key="c-1")
    shops.book(book, slot="slot-1", by=ME, at=T0, key="b-3")
    shops.keep(order="b-3", by=STAFF, at=T0 + dt.timedelta(days=1), key="kept-3")

    kinds = {type(e) for e in shops.events}

    assert kinds == set(dict(WIRE_UNIONS)[ShopEvent])
    for event in shops.events:
        text = to_json(event)
        assert text.startswith('{"kind":"' + type(event).kind + '"')  # type: ignore[attr-defined]
        assert from_json(ShopEvent, text) == event


def test_a_months_settlement_pays_what_was_handed_over_at_each_points_rate() -> None:
    shops, book = registry(), book_with(50)
    slot(shops, capacity=2)
    book.redeem(points=8, point="shop-1", by=ME, at=T0, key="r-1", shops=shops)
    book.redeem(points=3, point="shop-1", by=ME, at=T0, key="r-2", shops=shops)
    book.cancel_redemption(order="r-2", reason="退货", by=ME, at=T0, key="c-1")
    shops.book(book, slot="slot-1", by=ME, at=T0, key="b-1")
    shops.keep(order="b-1", by=STAFF, at=T0 + dt.timedelta(days=1), key="kept-1")
    book.redeem(points=2, point="old-stall", by=ME, at=T0, key="r-3")  # no registry given

    march = settle_month(shops, month=dt.date(2024, 3, 15), passbooks=[book])
    april = settle_month(shops, month=dt.date(2024, 4, 1), passbooks=[book])

    shop, barber = march.lines
    assert (shop.orders, shop.redeemed, shop.cancelled_orders, shop.cancelled) == (2, 11, 1, 3)
    assert (shop.handed_over, shop.owed) == (8, Decimal("0.80"))
    assert (barber.redeemed, barber.handed_over, barber.owed) == (5, 5, Decimal("1.25"))
    assert march.total_owed == Decimal("2.05")
    assert (march.ledger, march.unregistered, march.balanced) == (15, 2, True)
    assert april.total_owed == Decimal("0.00")
    assert april.ledger == 0


def test_a_settlement_as_a_frame_and_as_html_keeps_the_yuan_exact() -> None:
    shops, book = registry(), book_with(50)
    book.redeem(points=8, point="shop-1", by=ME, at=T0, key="r-1", shops=shops)
    march = settle_month(shops, month=T0.date(), passbooks=[book])
    df = march.to_frame()
    assert str(df["owed"].dtype) == "float64" and str(df["owed_fen"].dtype) == "int64"
    assert str(df["redeemed"].dtype) == "int64"
    assert df["owed_fen"].tolist() == [int(line.owed * 100) for line in march.lines]
    assert not any(str(t) == "object" for t in df.dtypes)
    page = march._repr_html_()
    assert "月度结算 Monthly settlement" in page and "0.80" in page
    english = march.to_html(lang="en")
    assert "total owed (yuan)" in english and "月度结算" not in english


def test_a_catalogue_order_is_paid_in_the_month_it_is_picked_up() -> None:
    shops, book = registry(), book_with(10)
    shelf = Catalogue.open(point="shop-1", community=HOME, by=STAFF, at=T0)
    shelf.list_item(item="soap", name="肥皂", price=3, stock=2, by=STAFF, at=T0, key="l-1")
    shelf.redeem(book, item="soap", by=ME, at=T0, key="o-1", shops=shops)
    april = dt.datetime(2024, 4, 2, 9, tzinfo=SHANGHAI)
    shelf.pick_up(order="o-1", by=STAFF, at=april, key="p-1")

    march = settle_month(shops, month=T0.date(), passbooks=[book], catalogues=[shelf])
    later = settle_month(shops, month=april.date(), passbooks=[book], catalogues=[shelf])

    assert (march.lines[0].redeemed, march.lines[0].handed_over) == (3, 0)
    assert (later.lines[0].redeemed, later.lines[0].handed_over) == (0, 3)
    assert later.lines[0].owed == Decimal("0.30")


def test_settlement_refuses_what_is_not_a_registry_or_a_date() -> None:
    shops = registry()

    with pytest.raises(InvalidValue, match=r"settle_month\.month"):
        settle_month(shops, month=T0, passbooks=[])  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match=r"settle_month\.passbooks"):
        settle_month(shops, month=T0.date(), passbooks=["p-3"])  # type: ignore[list-item]


@given(amounts=st.lists(st.integers(1, 6), max_size=8), cancels=st.data())
def test_the_settlement_always_sums_to_the_ledger(
    amounts: list[int], cancels: st.DataObject
) -> None:
    shops, book = registry(), book_with(60)
    for i, points in enumerate(amounts):
        point = cancels.draw(st.sampled_from(["shop-1", "elsewhere"]))
        book.redeem(points=points, point=point, by=ME, at=T0, key=f"r-{i}")
        if cancels.draw(st.booleans()):
            book.cancel_redemption(order=f"r-{i}", reason="退", by=ME, at=T0, key=f"c-{i}")

    month = settle_month(shops, month=T0.date(), passbooks=[book])

    assert month.balanced
    assert month.ledger == 60 - book.balance()
    assert month.lines[0].owed == Decimal("0.10") * month.lines[0].handed_over
