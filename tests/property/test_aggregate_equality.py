"""Passbooks and catalogues compare equal when their state is: a replay of the events,
also after a JSON round trip, gives back an equal aggregate; another history does not."""

from __future__ import annotations

import datetime as dt

from hypothesis import event, given
from hypothesis import strategies as st

from wulian_core.calendar import SHANGHAI
from wulian_core.codec import from_json, to_json
from wulian_core.errors import WulianError
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.points import (
    Catalogue,
    CatalogueEvent,
    Holder,
    HolderKind,
    Passbook,
    PassbookEvent,
    PointsPolicy,
)
from wulian_core.regions import RegionCode

T0 = dt.datetime(2024, 3, 1, 9, tzinfo=SHANGHAI)
HOME = RegionCode("150603001001")
STAFF = Actor("w-1", {Grant(Role.COMMUNITY_WORKER, Scope.region(HOME))})
ME = Actor("p-3")

# One step of a story: (what, a number); what a step cannot do is refused and skipped.
STEPS = st.lists(
    st.tuples(
        st.sampled_from(["serve", "accrue", "redeem", "order", "donate", "pick_up", "cancel"]),
        st.integers(0, 300),
    ),
    max_size=25,
)


def _story(steps: list[tuple[str, int]]) -> tuple[Passbook, Catalogue]:
    book = Passbook.open(
        Holder(id="p-3", kind=HolderKind.PERSON, community=HOME),
        policy=PointsPolicy.practice(),
        by=STAFF,
        at=T0,
    )
    shop = Catalogue.open(point="market-1", community=HOME, by=STAFF, at=T0)
    shop.list_item(item="soap", name="肥皂", price=3, stock=2, by=STAFF, at=T0, key="l-1")
    orders: list[str] = []
    for serial, (what, number) in enumerate(steps):
        at = T0 + dt.timedelta(hours=serial)
        key = f"k-{serial}"
        try:
            if what == "serve":
                book.record_service(
                    activity=f"a-{serial}", on=at.date(), minutes=number, by=STAFF, at=at, key=key
                )
            elif what == "accrue":
                book.accrue_activity(
                    activity=f"p-{serial}",
                    on=at.date(),
                    activity_kind="public_welfare",
                    by=STAFF,
                    at=at,
                    key=key,
                )
            elif what == "redeem":
                book.redeem(points=1 + number % 3, point="shop-1", by=ME, at=at, key=key)
            elif what == "order":
                shop.redeem(book, item="soap", by=ME, at=at, key=key)
                orders.append(key)
            elif what == "donate":
                shop.donate(
                    item="soap", quantity=1 + number % 4, donor="org-1", by=STAFF, at=at, key=key
                )
            elif orders:
                order = orders[number % len(orders)]
                if what == "pick_up":
                    shop.pick_up(order=order, by=STAFF, at=at, key=key)
                else:
                    shop.cancel(book, order=order, reason="不要了", by=ME, at=at, key=key)
        except WulianError:
            pass  # refused: nothing changed, the story goes on
    return book, shop


@given(steps=STEPS)
def test_a_replayed_passbook_equals_the_live_one(steps: list[tuple[str, int]]) -> None:
    book, _ = _story(steps)

    again = Passbook.replay(
        (from_json(PassbookEvent, to_json(e)) for e in book.events),  # type: ignore[arg-type]
        policy=book.policy,
    )

    assert again == book
    assert Passbook.replay(book.events, policy=book.policy) == book


@given(steps=STEPS)
def test_a_replayed_catalogue_equals_the_live_one(steps: list[tuple[str, int]]) -> None:
    _, shop = _story(steps)
    event(f"{shop.version - 2} catalogue events after listing")

    again = Catalogue.replay(from_json(CatalogueEvent, to_json(e)) for e in shop.events)  # type: ignore[arg-type]

    assert again == shop
    assert Catalogue.replay(shop.events) == shop


@given(steps=STEPS)
def test_a_shorter_history_is_not_equal(steps: list[tuple[str, int]]) -> None:
    book, shop = _story(steps)

    assert (
        Passbook.replay(book.events[:-1], policy=book.policy) != book if book.version > 1 else True
    )
    assert Catalogue.replay(shop.events[:-1]) != shop


def test_aggregates_are_not_hashable() -> None:
    book, shop = _story([])

    assert book.__hash__ is None and shop.__hash__ is None
    assert book != shop and book != "p-3"
