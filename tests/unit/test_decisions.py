"""The decisions of the passbook and the catalogue, exactly: every refusal's error (its
type and its whole message, which names the argument and the value), and every event a
command records, field by field against an event built (and validated) by hand.

These tests are what mutation testing asked for (``bench/mutation.sh``,
``docs/testing.md``): a test that checks only the type of a refusal lets a mutant that
names the wrong argument, or none, live.
"""

# ruff: noqa: E501  # one refusal a line reads better than a wrapped one
from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from wulian_core.calendar import SHANGHAI
from wulian_core.errors import IllegalTransition, InvalidValue, NotFound, PermissionDenied
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.points import (
    Catalogue,
    CatalogueOpened,
    Holder,
    HolderKind,
    ItemListed,
    ItemPickedUp,
    ItemReserved,
    MoralPointsDeducted,
    Passbook,
    PointsPolicy,
    PointsRedeemed,
    RedemptionCancelled,
    ReservationCancelled,
    ServiceCorrected,
    StockDonated,
)
from wulian_core.regions import RegionCode

T0 = dt.datetime(2024, 3, 1, 9, tzinfo=SHANGHAI)
HOME = RegionCode("150603001001")
ELSEWHERE = RegionCode("150603001002")
STAFF = Actor("w-1", {Grant(Role.COMMUNITY_WORKER, Scope.region(HOME))})
OTHER = Actor("w-2", {Grant(Role.COMMUNITY_WORKER, Scope.region(ELSEWHERE))})
ME = Actor("p-3")
YOU = Actor("p-4")

World = tuple[Catalogue, Passbook, Passbook]


def world() -> World:
    """A shop with soap (3 points, 2 in stock); p-3 holds order-1, p-4 picked up order-2."""
    shop = Catalogue.open(point="market-1", community=HOME, by=STAFF, at=T0)
    shop.list_item(item="soap", name="肥皂", price=3, stock=2, by=STAFF, at=T0, key="l-1")
    books = []
    for holder in ("p-3", "p-4"):
        book = Passbook.open(
            Holder(id=holder, kind=HolderKind.PERSON, community=HOME),
            policy=PointsPolicy.practice(),
            by=STAFF,
            at=T0,
        )
        book.accrue_activity(
            activity="a-1", on=T0.date(), activity_kind="public_welfare", by=STAFF, at=T0, key="k-1"
        )
        book.record_service(activity="s-1", on=T0.date(), minutes=120, by=STAFF, at=T0, key="k-2")
        books.append(book)
    mine, yours = books
    shop.redeem(mine, item="soap", by=ME, at=T0, key="order-1")
    shop.redeem(yours, item="soap", by=YOU, at=T0, key="order-2")
    shop.pick_up(order="order-2", by=STAFF, at=T0, key="p-2")
    return shop, mine, yours


Call = Callable[[Catalogue, Passbook, Passbook], object]

REFUSALS: list[tuple[str, Call, type[Exception], str]] = [
    ("open point", lambda s, b, o: Catalogue.open(point=" ", community=HOME, by=STAFF, at=T0),
     InvalidValue, "Catalogue.open.point: must be a non-blank string of at most 64 characters (got ' ')"),
    ("open community", lambda s, b, o: Catalogue.open(point="m", community="150603001001", by=STAFF, at=T0),  # type: ignore[arg-type]
     InvalidValue, "Catalogue.open.community: must be a RegionCode (got '150603001001')"),
    ("open by", lambda s, b, o: Catalogue.open(point="m", community=HOME, by=OTHER, at=T0),
     PermissionDenied, "w-2 may not open a catalogue: only the community's staff"),
    ("list by", lambda s, b, o: s.list_item(item="tea", name="茶", price=1, by=OTHER, at=T0, key="x"),
     PermissionDenied, "w-2 may not list_item: only the staff of market-1"),
    ("list item", lambda s, b, o: s.list_item(item="", name="茶", price=1, by=STAFF, at=T0, key="x"),
     InvalidValue, "Catalogue.list_item.item: must be a non-blank string of at most 64 characters (got '')"),
    ("list again", lambda s, b, o: s.list_item(item="soap", name="茶", price=1, by=STAFF, at=T0, key="x"),
     IllegalTransition, "cannot list_item when listed: item soap"),
    ("list name", lambda s, b, o: s.list_item(item="tea", name=" ", price=1, by=STAFF, at=T0, key="x"),
     InvalidValue, "Catalogue.list_item.name: must be a non-blank string of at most 200 characters (got ' ')"),
    ("list long name", lambda s, b, o: s.list_item(item="tea", name="茶" * 201, price=1, by=STAFF, at=T0, key="x"),
     InvalidValue, "Catalogue.list_item.name: must be a non-blank string of at most 200 characters (got '" + "茶" * 20 + "'… (201 characters))"),
    ("list price", lambda s, b, o: s.list_item(item="tea", name="茶", price=0, by=STAFF, at=T0, key="x"),
     InvalidValue, "Catalogue.list_item.price: must be a whole number from 1 to 1000000000000 (got 0)"),
    ("list stock", lambda s, b, o: s.list_item(item="tea", name="茶", price=1, stock=-1, by=STAFF, at=T0, key="x"),
     InvalidValue, "Catalogue.list_item.stock: must be a whole number from 0 to 1000000000000 (got -1)"),
    ("donate by", lambda s, b, o: s.donate(item="soap", quantity=1, donor="org-1", by=OTHER, at=T0, key="x"),
     PermissionDenied, "w-2 may not donate: only the staff of market-1"),
    ("donate item", lambda s, b, o: s.donate(item="tea", quantity=1, donor="org-1", by=STAFF, at=T0, key="x"),
     NotFound, "no item 'tea'"),
    ("donate quantity", lambda s, b, o: s.donate(item="soap", quantity=0, donor="org-1", by=STAFF, at=T0, key="x"),
     InvalidValue, "Catalogue.donate.quantity: must be a whole number from 1 to 1000000000000 (got 0)"),
    ("donate donor", lambda s, b, o: s.donate(item="soap", quantity=1, donor="", by=STAFF, at=T0, key="x"),
     InvalidValue, "Catalogue.donate.donor: must be a non-blank string of at most 64 characters (got '')"),
    ("redeem item", lambda s, b, o: s.redeem(b, item="tea", by=ME, at=T0, key="x"),
     NotFound, "no item 'tea'"),
    ("redeem quantity", lambda s, b, o: s.redeem(b, item="soap", quantity=0, by=ME, at=T0, key="x"),
     InvalidValue, "Catalogue.redeem.quantity: must be a whole number >= 1 (got 0)"),
    ("redeem quantity type", lambda s, b, o: s.redeem(b, item="soap", quantity=1.0, by=ME, at=T0, key="x"),  # type: ignore[arg-type]
     InvalidValue, "Catalogue.redeem.quantity: must be a whole number >= 1 (got 1.0)"),
    ("redeem stock", lambda s, b, o: s.redeem(b, item="soap", quantity=2, by=ME, at=T0, key="x"),
     IllegalTransition, "cannot redeem when out of stock: 0 soap left"),
    ("pick_up by", lambda s, b, o: s.pick_up(order="order-1", by=OTHER, at=T0, key="x"),
     PermissionDenied, "w-2 may not pick_up: only the staff of market-1"),
    ("pick_up order", lambda s, b, o: s.pick_up(order="order-9", by=STAFF, at=T0, key="x"),
     NotFound, "no order 'order-9'"),
    ("pick_up done", lambda s, b, o: s.pick_up(order="order-2", by=STAFF, at=T0, key="x"),
     IllegalTransition, "cannot pick_up when 已领取: order order-2"),
    ("cancel order", lambda s, b, o: s.cancel(b, order="order-9", reason="不要了", by=ME, at=T0, key="x"),
     NotFound, "no order 'order-9'"),
    ("cancel done", lambda s, b, o: s.cancel(o, order="order-2", reason="不要了", by=YOU, at=T0, key="x"),
     IllegalTransition, "cannot cancel when 已领取: order order-2"),
    ("cancel other book", lambda s, b, o: s.cancel(o, order="order-1", reason="不要了", by=YOU, at=T0, key="x"),
     InvalidValue, "Catalogue.cancel.passbook: order order-1 belongs to another passbook (got 'p-4')"),
    ("cancel reason", lambda s, b, o: s.cancel(b, order="order-1", reason=" ", by=ME, at=T0, key="x"),
     InvalidValue, "Catalogue.cancel.reason: must be a non-blank string of at most 500 characters (got ' ')"),
    ("cancel by", lambda s, b, o: s.cancel(b, order="order-1", reason="不要了", by=OTHER, at=T0, key="x"),
     PermissionDenied, "w-2 may not cancel: only the holder or a community worker"),
    ("deduct category", lambda s, b, o: b.deduct_moral(category="nope", reason="违规", by=STAFF, at=T0, key="x"),
     InvalidValue, "Passbook.deduct_moral.category: policy has: filial_piety, neighbourly_help, marital_harmony, scientific_parenting, thrift, law_abiding, green_living, public_spirit, custom_reform (got 'nope')"),
    ("deduct reason", lambda s, b, o: b.deduct_moral(category="law_abiding", reason="", by=STAFF, at=T0, key="x"),
     InvalidValue, "Passbook.deduct_moral.reason: must be a non-blank string of at most 500 characters (got '')"),
    ("deduct serious", lambda s, b, o: b.deduct_moral(category="law_abiding", reason="违规", serious=1, by=STAFF, at=T0, key="x"),  # type: ignore[arg-type]
     InvalidValue, "Passbook.deduct_moral.serious: must be True or False (got 1)"),
    ("deduct by", lambda s, b, o: b.deduct_moral(category="law_abiding", reason="违规", by=OTHER, at=T0, key="x"),
     PermissionDenied, "w-2 may not deduct_moral: only a community worker or secretary"),
    ("deduct own", lambda s, b, o: b.deduct_moral(category="law_abiding", reason="违规", by=ME, at=T0, key="x"),
     PermissionDenied, "p-3 may not deduct_moral: nobody records points into their own passbook"),
    ("complaint reason", lambda s, b, o: b.uphold_complaint(activity="s-1", reason="", by=STAFF, at=T0, key="x"),
     InvalidValue, "Passbook.uphold_complaint.reason: must be a non-blank string of at most 500 characters (got '')"),
    ("complaint activity", lambda s, b, o: b.uphold_complaint(activity="a-1", reason="投诉属实", by=STAFF, at=T0, key="x"),
     NotFound, "Passbook.uphold_complaint.activity: no service record 'a-1'"),
    ("complaint by", lambda s, b, o: b.uphold_complaint(activity="s-1", reason="投诉属实", by=OTHER, at=T0, key="x"),
     PermissionDenied, "w-2 may not uphold_complaint: only who recorded it or a community worker"),
    ("complaint own", lambda s, b, o: b.uphold_complaint(activity="s-1", reason="投诉属实", by=ME, at=T0, key="x"),
     PermissionDenied, "p-3 may not uphold_complaint: nobody records points into their own passbook"),
    ("award category", lambda s, b, o: b.award_moral(category="nope", reason="孝老", by=STAFF, at=T0, key="x"),
     InvalidValue, "Passbook.award_moral.category: policy has: filial_piety, neighbourly_help, marital_harmony, scientific_parenting, thrift, law_abiding, green_living, public_spirit, custom_reform (got 'nope')"),
    ("award reason", lambda s, b, o: b.award_moral(category="filial_piety", reason=" ", by=STAFF, at=T0, key="x"),
     InvalidValue, "Passbook.award_moral.reason: must be a non-blank string of at most 500 characters (got ' ')"),
    ("award by", lambda s, b, o: b.award_moral(category="filial_piety", reason="孝老", by=OTHER, at=T0, key="x"),
     PermissionDenied, "w-2 may not award_moral: only a community worker or secretary"),
    ("award own", lambda s, b, o: b.award_moral(category="filial_piety", reason="孝老", by=ME, at=T0, key="x"),
     PermissionDenied, "p-3 may not award_moral: nobody records points into their own passbook"),
    # An unhashable argument is looked up as a name it cannot be, never hashed (TypeError).
    ("donate a list", lambda s, b, o: s.donate(item=["soap"], quantity=1, donor="org-1", by=STAFF, at=T0, key="x"),  # type: ignore[arg-type]
     NotFound, "no item ['soap']"),
    ("pick_up a list", lambda s, b, o: s.pick_up(order=["order-1"], by=STAFF, at=T0, key="x"),  # type: ignore[arg-type]
     NotFound, "no order ['order-1']"),
    ("cancel a list", lambda s, b, o: s.cancel(b, order=["order-1"], reason="x", by=ME, at=T0, key="x"),  # type: ignore[arg-type]
     NotFound, "no order ['order-1']"),
    ("complaint a list", lambda s, b, o: b.uphold_complaint(activity=["s-1"], reason="x", by=STAFF, at=T0, key="x"),  # type: ignore[arg-type]
     NotFound, "Passbook.uphold_complaint.activity: no service record ['s-1']"),
    ("cancel_redemption a list", lambda s, b, o: b.cancel_redemption(order=["x"], reason="x", by=ME, at=T0, key="x"),  # type: ignore[arg-type]
     NotFound, "Passbook.cancel_redemption.order: no redemption ['x']"),
    ("reverse a list", lambda s, b, o: b.reverse(accrual=["k-1"], reason="x", by=STAFF, at=T0, key="x"),  # type: ignore[arg-type]
     NotFound, "Passbook.reverse.accrual: no accrual ['k-1']"),
]  # fmt: skip


def _state(s: Catalogue, b: Passbook, o: Passbook) -> tuple[Any, ...]:
    return (s.version, s.stock("soap"), b.version, b.balance(), o.version, o.balance())


@pytest.mark.parametrize(
    ("call", "error", "message"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS]
)
def test_each_refusal_says_exactly_what_and_changes_nothing(
    call: Call, error: type[Exception], message: str
) -> None:
    shop, mine, yours = world()
    before = _state(shop, mine, yours)

    with pytest.raises(error) as info:
        call(shop, mine, yours)

    assert type(info.value) is error
    assert str(info.value) == message
    assert _state(shop, mine, yours) == before


# --- the events, field by field ---------------------------------------------------------------


def test_opening_records_the_point_and_its_community() -> None:
    shop = Catalogue.open(point="market-1", community=HOME, by=STAFF, at=T0, key="o-1")

    assert shop.events == (
        CatalogueOpened(point="market-1", at=T0, by="w-1", key="o-1", community=HOME),
    )


def test_listing_and_donating_record_every_field() -> None:
    shop, _, _ = world()

    listed = shop.list_item(item="tea", name="茶叶", price=4, stock=3, by=STAFF, at=T0, key="l-2")
    donated = shop.donate(item="tea", quantity=5, donor="org-7", by=STAFF, at=T0, key="d-1")

    assert listed == (
        ItemListed(
            point="market-1", at=T0, by="w-1", key="l-2", item="tea", name="茶叶", price=4, stock=3
        ),
    )
    assert donated == (
        StockDonated(
            point="market-1", at=T0, by="w-1", key="d-1", item="tea", quantity=5, donor="org-7"
        ),
    )
    assert (shop.stock("tea"), shop.price("tea"), shop.name("tea")) == (8, 4, "茶叶")


def test_a_listing_without_stock_starts_empty() -> None:
    shop, _, _ = world()

    (listed,) = shop.list_item(item="tea", name="茶叶", price=1, by=STAFF, at=T0, key="l-2")

    assert listed.stock == 0 and shop.stock("tea") == 0


def test_an_order_reserves_the_stock_and_spends_the_price_times_the_quantity() -> None:
    shop, mine, _ = world()
    shop.donate(item="soap", quantity=4, donor="org-7", by=STAFF, at=T0, key="d-1")
    mine.accrue_activity(
        activity="a-2", on=T0.date(), activity_kind="public_welfare", by=STAFF, at=T0, key="k-3"
    )
    balance = mine.balance()

    events = shop.redeem(mine, item="soap", quantity=2, by=ME, at=T0, key="order-3")

    assert events[-1:] == (
        ItemReserved(
            point="market-1",
            at=T0,
            by="p-3",
            key="order-3",
            holder="p-3",
            item="soap",
            quantity=2,
            points=6,
        ),
    )
    assert mine.events[-1] == PointsRedeemed(
        holder="p-3",
        at=T0,
        by="p-3",
        key="order-3",
        points=6,
        point="market-1",
        item="soap",
        expired=0,
    )
    assert (mine.balance(), shop.stock("soap")) == (balance - 6, 2)


def test_picking_up_and_cancelling_record_every_field() -> None:
    shop, mine, _ = world()
    shop.donate(item="soap", quantity=1, donor="org-7", by=STAFF, at=T0, key="d-1")
    shop.redeem(mine, item="soap", by=ME, at=T0, key="order-3")
    balance = mine.balance()

    picked = shop.pick_up(order="order-3", by=STAFF, at=T0, key="p-3")
    cancelled = shop.cancel(mine, order="order-1", reason="不要了", by=STAFF, at=T0, key="c-1")

    assert picked == (ItemPickedUp(point="market-1", at=T0, by="w-1", key="p-3", order="order-3"),)
    assert cancelled[-1:] == (
        ReservationCancelled(
            point="market-1", at=T0, by="w-1", key="c-1", order="order-1", reason="不要了"
        ),
    )
    assert mine.events[-1] == RedemptionCancelled(
        holder="p-3", at=T0, by="w-1", key="c-1", order="order-1", point="market-1",
        returned=3, debt_cleared=0, reason="不要了",
    )  # fmt: skip
    assert (mine.balance(), shop.stock("soap")) == (balance + 3, 1)
    assert shop.settled_points() == 6  # order-2 and order-3 were handed over


def test_the_holder_cancels_their_own_order_too() -> None:
    shop, mine, _ = world()

    *_, cancelled = shop.cancel(mine, order="order-1", reason="不要了", by=ME, at=T0, key="c-1")

    assert (cancelled.by, shop.stock("soap")) == ("p-3", 1)


def test_a_deduction_records_its_category_points_and_reason() -> None:
    _, mine, _ = world()

    events = mine.deduct_moral(category="law_abiding", reason="违规", by=STAFF, at=T0, key="m-1")

    assert events == (
        MoralPointsDeducted(
            holder="p-3", at=T0, by="w-1", key="m-1", category="law_abiding", points=5,
            reason="违规", serious=False, barred_until=None,
        ),
    )  # fmt: skip


def test_a_serious_deduction_bars_redemption_to_the_end_of_next_year() -> None:
    _, mine, _ = world()

    (event,) = mine.deduct_moral(
        category="law_abiding", reason="严重违规", serious=True, by=STAFF, at=T0, key="m-1"
    )

    assert (event.serious, event.barred_until) == (True, dt.date(2026, 1, 1))
    assert mine.barred_until == dt.date(2026, 1, 1)


def test_a_bar_that_never_ends_is_the_last_day_there_is() -> None:
    from wulian_core.points import Term, TermKind

    book = Passbook.open(
        Holder(id="p-5", kind=HolderKind.PERSON, community=HOME),
        policy=PointsPolicy(
            name="x",
            serious_violation_bar=Term(kind=TermKind.NEVER),
            moral=PointsPolicy.practice().moral,
        ),
        by=STAFF,
        at=T0,
    )

    (event,) = book.deduct_moral(
        category="law_abiding", reason="严重违规", serious=True, by=STAFF, at=T0, key="m-1"
    )

    assert event.barred_until == dt.date.max


def test_an_upheld_complaint_takes_the_record_to_nothing() -> None:
    _, mine, _ = world()
    balance = mine.balance()

    events = mine.uphold_complaint(activity="s-1", reason="投诉属实", by=STAFF, at=T0, key="u-1")

    assert events == (
        ServiceCorrected(
            holder="p-3", at=T0, by="w-1", key="u-1", activity="s-1", minutes=0,
            credited_minutes=0, minutes_delta=-120, points_delta=-2, settled=0, taken=2,
            debt=0, reason="投诉属实", complaint=True, expires_on=None,
        ),
    )  # fmt: skip
    assert mine.balance() == balance - 2


def test_an_expiry_sweep_records_the_holder_the_day_and_the_points() -> None:
    from wulian_core.points import PointsExpired, Term, TermKind

    book = Passbook.open(
        Holder(id="p-5", kind=HolderKind.PERSON, community=HOME),
        policy=PointsPolicy(
            name="x",
            expiry=Term(kind=TermKind.MONTHS, count=1),
            activities=PointsPolicy.practice().activities,
        ),
        by=STAFF,
        at=T0,
    )
    book.accrue_activity(
        activity="a-1", on=T0.date(), activity_kind="public_welfare", by=STAFF, at=T0, key="k-1"
    )
    later = T0 + dt.timedelta(days=40)

    events = book.expire(at=later, by=ME, key="e-1")

    assert events == (
        PointsExpired(holder="p-5", at=later, by="p-3", key="e-1", through=later.date(), points=5),
    )
    assert book.balance() == 0


def _passbook_walk() -> str:
    path = Path(__file__).parent.parent / "golden" / "passbook_decisions.py"
    spec = importlib.util.spec_from_file_location("passbook_decisions", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.transcript()  # type: ignore[no-any-return]


def test_the_walk_through_a_passbook_decides_as_recorded() -> None:
    golden = Path(__file__).parent.parent / "golden" / "passbook-decisions.txt"
    expected = golden.read_text(encoding="utf-8")

    found = _passbook_walk()

    for number, (line, want) in enumerate(
        zip(found.splitlines(), expected.splitlines(), strict=False), 1
    ):
        assert line == want, f"step {number} differs"
    assert found == expected
