"""The points supermarket: stock, donations, holds until pickup, both aggregates or neither."""

from __future__ import annotations

import datetime as dt

import pytest

from wulian_core.calendar import SHANGHAI
from wulian_core.errors import (
    IdempotencyConflict,
    IllegalTransition,
    InsufficientPoints,
    IntegrityError,
    InvalidValue,
    NotFound,
    PermissionDenied,
)
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.points import (
    Catalogue,
    Holder,
    HolderKind,
    Ledger,
    Passbook,
    PickupStatus,
    PointsPolicy,
    rank_passbooks,
)
from wulian_core.regions import RegionCode

T0 = dt.datetime(2024, 3, 1, 9, tzinfo=SHANGHAI)
HOME = RegionCode("150603001001")
STAFF = Actor("w-1", {Grant(Role.COMMUNITY_WORKER, Scope.region(HOME))})
ME = Actor("p-3")


def shop_and_book(points: int = 5) -> tuple[Catalogue, Passbook]:
    shop = Catalogue.open(point="market-1", community=HOME, by=STAFF, at=T0)
    shop.list_item(item="soap", name="肥皂", price=3, stock=2, by=STAFF, at=T0, key="l-1")
    shop.list_item(item="rice", name="大米 5kg", price=20, stock=1, by=STAFF, at=T0, key="l-2")
    book = Passbook.open(
        Holder(id="p-3", kind=HolderKind.PERSON, community=HOME),
        policy=PointsPolicy.practice(),
        by=STAFF,
        at=T0,
    )
    for i in range(points // 5):
        book.accrue_activity(
            activity=f"a-{i}",
            on=T0.date(),
            activity_kind="public_welfare",
            by=STAFF,
            at=T0,
            key=f"k-{i}",
        )
    return shop, book


def test_redeeming_holds_the_points_and_the_item_until_pickup() -> None:
    shop, book = shop_and_book(points=10)

    spent, _reserved = shop.redeem(book, item="soap", quantity=2, by=ME, at=T0, key="order-1")

    assert (book.balance(), shop.stock("soap")) == (4, 0)
    assert (spent.point, spent.item, spent.points) == ("market-1", "soap", 6)  # type: ignore[union-attr]
    assert shop.reservation("order-1").status is PickupStatus.PENDING
    shop.pick_up(order="order-1", by=STAFF, at=T0, key="p-1")
    assert shop.reservation("order-1").status.label_zh == "已领取"
    assert shop.settled_points() == 6


def test_cancelling_a_waiting_order_restores_points_and_stock_together() -> None:
    shop, book = shop_and_book(points=5)
    shop.redeem(book, item="soap", by=ME, at=T0, key="order-1")

    shop.cancel(book, order="order-1", reason="不要了", by=ME, at=T0, key="c-1")

    assert (book.balance(), shop.stock("soap")) == (5, 2)
    assert shop.reservation("order-1").status is PickupStatus.CANCELLED
    with pytest.raises(IllegalTransition):
        shop.pick_up(order="order-1", by=STAFF, at=T0, key="p-1")


def test_a_picked_up_order_can_no_longer_be_cancelled() -> None:
    shop, book = shop_and_book(points=5)
    shop.redeem(book, item="soap", by=ME, at=T0, key="order-1")
    shop.pick_up(order="order-1", by=STAFF, at=T0, key="p-1")

    with pytest.raises(IllegalTransition):
        shop.cancel(book, order="order-1", reason="晚了", by=ME, at=T0, key="c-1")

    assert (book.balance(), shop.stock("soap")) == (2, 1)


def test_a_catalogue_order_is_not_cancelled_behind_the_catalogue_back() -> None:
    shop, book = shop_and_book(points=5)
    shop.redeem(book, item="soap", by=ME, at=T0, key="order-1")

    with pytest.raises(IllegalTransition, match="Catalogue.cancel"):
        book.cancel_redemption(order="order-1", reason="x", by=ME, at=T0, key="c-1")


def test_too_few_points_leave_the_stock_alone_and_no_stock_leaves_the_points_alone() -> None:
    shop, book = shop_and_book(points=10)

    with pytest.raises(InsufficientPoints):
        shop.redeem(book, item="rice", by=ME, at=T0, key="order-1")
    with pytest.raises(IllegalTransition, match="out of stock"):
        shop.redeem(book, item="soap", quantity=3, by=ME, at=T0, key="order-2")

    assert (book.balance(), book.version, shop.stock("rice"), shop.stock("soap")) == (10, 3, 1, 2)
    assert shop.version == 3


def test_a_donation_adds_stock_and_is_its_own_receipt() -> None:
    shop, _book = shop_and_book()

    (receipt,) = shop.donate(item="rice", quantity=4, donor="org-7", by=STAFF, at=T0, key="D-0001")

    assert shop.stock("rice") == 5
    assert shop.receipt("D-0001") == receipt
    assert (receipt.donor, receipt.quantity) == ("org-7", 4)  # type: ignore[union-attr]
    with pytest.raises(NotFound):
        shop.donate(item="tea", quantity=1, donor="org-7", by=STAFF, at=T0, key="D-0002")


def test_only_the_points_staff_list_items_and_hand_orders_over() -> None:
    shop, book = shop_and_book(points=5)
    shop.redeem(book, item="soap", by=ME, at=T0, key="order-1")

    with pytest.raises(PermissionDenied):
        shop.list_item(item="tea", name="茶叶", price=8, by=ME, at=T0, key="l-9")
    with pytest.raises(PermissionDenied):
        shop.pick_up(order="order-1", by=ME, at=T0, key="p-1")
    with pytest.raises(PermissionDenied):
        shop.redeem(book, item="soap", by=STAFF, at=T0, key="order-2")  # not the holder


def test_a_redemption_retry_returns_both_events_and_changes_nothing() -> None:
    shop, book = shop_and_book(points=10)
    first = shop.redeem(book, item="soap", by=ME, at=T0, key="order-1")

    again = shop.redeem(book, item="soap", by=ME, at=T0, key="order-1")

    assert again == first
    assert (book.balance(), shop.stock("soap"), shop.version) == (7, 1, 4)
    with pytest.raises(IdempotencyConflict):
        shop.redeem(book, item="soap", quantity=2, by=ME, at=T0, key="order-1")


def test_bad_catalogue_input_is_named() -> None:
    shop, book = shop_and_book(points=5)

    with pytest.raises(InvalidValue, match="quantity"):
        shop.redeem(book, item="soap", quantity=0, by=ME, at=T0, key="order-1")
    with pytest.raises(InvalidValue, match="passbook"):
        shop.redeem("p-3", item="soap", by=ME, at=T0, key="order-2")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="Catalogue.list_item.price"):
        shop.list_item(item="tea", name="茶叶", price=0, by=STAFF, at=T0, key="l-9")


def test_a_catalogue_replays_to_the_same_stock_and_orders() -> None:
    shop, book = shop_and_book(points=10)
    shop.redeem(book, item="soap", by=ME, at=T0, key="order-1")
    shop.redeem(book, item="soap", by=ME, at=T0, key="order-2")
    shop.pick_up(order="order-1", by=STAFF, at=T0, key="p-1")
    shop.cancel(book, order="order-2", reason="x", by=ME, at=T0, key="c-1")

    again = Catalogue.replay(shop.events)

    assert again.events == shop.events
    assert list(again.reservations()) == list(shop.reservations())
    assert again.stock("soap") == shop.stock("soap") == 1
    with pytest.raises(IntegrityError):
        Catalogue.replay(shop.events[1:])


# --- rankings -------------------------------------------------------------------------------


def _moral_book(holder: str, community: RegionCode, awards: int) -> Passbook:
    staff = Actor("w-9", {Grant(Role.COMMUNITY_WORKER, Scope.region(community))})
    book = Passbook.open(
        Holder(id=holder, kind=HolderKind.HOUSEHOLD, community=community, members={f"{holder}-a"}),
        policy=PointsPolicy.practice(),
        by=staff,
        at=T0,
    )
    for i in range(awards):
        book.award_moral(
            category="neighbourly_help",
            reason="互助",
            by=staff,
            at=T0 + dt.timedelta(days=i),
            key=f"m-{i}",
        )
    return book


def test_rankings_share_a_rank_on_ties_and_skip_the_next() -> None:
    books = [
        _moral_book(h, HOME, n) for h, n in (("hh-a", 2), ("hh-b", 4), ("hh-c", 2), ("hh-d", 1))
    ]

    ranked = rank_passbooks(books, on=T0.date() + dt.timedelta(days=10))

    assert [(r.rank, r.holder, r.value) for r in ranked] == [
        (1, "hh-b", 12),
        (2, "hh-a", 6),
        (2, "hh-c", 6),
        (4, "hh-d", 3),
    ]


def test_rankings_count_as_of_the_end_of_a_day_within_a_region() -> None:
    neighbour = RegionCode("150603001002")
    books = [_moral_book("hh-a", HOME, 3), _moral_book("hh-b", neighbour, 1)]

    first_day = rank_passbooks(books, on=T0.date(), within=RegionCode("150603001"))
    home_only = rank_passbooks(
        books, on=T0.date() + dt.timedelta(days=5), within=HOME, ledger=Ledger.MORAL
    )

    assert [(r.rank, r.value) for r in first_day] == [(1, 3), (1, 3)]
    assert [(r.holder, r.value) for r in home_only] == [("hh-a", 9)]
