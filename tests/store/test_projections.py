"""Projections: rows written with their position in the same transaction, exactly once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_support import HOLDER, LIAISON, T0, earn, open_case, open_passbook, open_shop

from wulian_core.escalation import Case, sweep
from wulian_core.points import Ledger
from wulian_core.store import Recorded, StreamId, Streams, Transaction, next_alarm


class KindCounts:
    """A custom projection: how many events of each kind, fed from the global order."""

    name = "kind_counts"

    def create(self, tx: Transaction) -> None:
        tx.execute(
            "CREATE TABLE IF NOT EXISTS kind_counts (kind TEXT PRIMARY KEY, n INTEGER NOT NULL)"
        )

    def apply(self, tx: Transaction, events: Sequence[Recorded], streams: Streams) -> None:
        for event in events:
            tx.execute(
                "INSERT INTO kind_counts (kind, n) VALUES (?, 1) "
                "ON CONFLICT (kind) DO UPDATE SET n = kind_counts.n + 1",
                (event.kind,),
            )


def _counts(store: Any) -> dict[str, int]:
    with store.transaction() as tx:
        return dict(tx.execute("SELECT kind, n FROM kind_counts"))


def test_each_projection_is_at_the_head_after_every_commit(store: Any) -> None:
    store.run(lambda uow: uow.cases.add(open_case("c-1")))
    store.run(lambda uow: uow.cases.get("c-1").accept(by=LIAISON, at=T0))

    assert set(store.positions().values()) == {store.head()}


def test_a_projection_added_later_catches_up_and_counts_each_event_once(make: Any) -> None:
    plain = make()
    plain.run(lambda uow: uow.cases.add(open_case("c-1")))
    plain.run(lambda uow: uow.cases.add(open_case("c-2")))

    counting = make(projections=[KindCounts()])  # create() makes its table, at position 0
    assert counting.positions()["kind_counts"] == 0
    counting.run(lambda uow: uow.cases.get("c-1").accept(by=LIAISON, at=T0))
    assert _counts(counting) == {"case.opened": 2, "case.accepted": 1}

    counting.catch_up()
    counting.catch_up()
    assert _counts(counting) == {"case.opened": 2, "case.accepted": 1}

    plain.run(lambda uow: uow.cases.add(open_case("c-3")))  # a writer without it...
    assert counting.catch_up()["kind_counts"] == counting.head()  # ...is caught up after
    assert _counts(counting) == {"case.opened": 3, "case.accepted": 1}


def test_a_failing_projection_rolls_back_the_events_with_it(make: Any) -> None:
    class Broken(KindCounts):
        name = "broken"

        def apply(self, tx: Transaction, events: Sequence[Recorded], streams: Streams) -> None:
            raise RuntimeError("disk full")

    store = make(projections=[Broken()])

    with pytest.raises(RuntimeError, match="disk full"):
        store.run(lambda uow: uow.cases.add(open_case("c-1")))
    assert store.head() == 0


def test_balances_follow_every_passbook_and_each_ledger_sums_to_its_entries(store: Any) -> None:
    def setup(uow: Any) -> None:
        book = open_passbook()
        earn(book, "k-1")
        earn(book, "k-2")
        uow.passbooks.add(book)
        uow.catalogues.add(open_shop())

    store.run(setup)
    store.run(
        lambda uow: uow.catalogues.get("shop-1").redeem(
            uow.passbooks.get("p-3"), item="rice", by=HOLDER, at=T0, key="o-1"
        )
    )

    with store.transaction() as tx:
        rows = dict(
            tx.execute("SELECT ledger, balance FROM wulian_balances WHERE holder = ?", ("p-3",))
        )
    book = store.load(StreamId("passbook", "p-3"))
    assert rows == {ledger.value: book.balance(ledger) for ledger in Ledger}
    assert rows["material"] == 2


def test_cases_by_grid_give_a_dashboard_its_counts(store: Any) -> None:
    for ident, grid in (("c-1", "g-1"), ("c-2", "g-1"), ("c-3", "g-2")):
        store.run(lambda uow, i=ident, g=grid: uow.cases.add(open_case(i, grid=g)))
    store.run(lambda uow: uow.cases.get("c-1").accept(by=LIAISON, at=T0))

    with store.transaction() as tx:
        rows = tx.execute(
            "SELECT grid, status, count(*) FROM wulian_cases WHERE community = ? "
            "GROUP BY grid, status ORDER BY grid, status",
            ("150603001001",),
        )

    assert rows == [
        ("g-1", "awaiting_acceptance", 1),
        ("g-1", "in_hand", 1),
        ("g-2", "awaiting_acceptance", 1),
    ]


def test_due_cases_hold_each_open_case_with_its_next_alarm(store: Any) -> None:
    store.run(lambda uow: uow.cases.add(open_case("c-1")))

    with store.transaction() as tx:
        ((ident, alarm),) = tx.execute("SELECT case_id, alarm FROM wulian_due_cases")

    case = store.load(StreamId("case", "c-1"))
    assert ident == "c-1"
    assert tx.instant(next_alarm(case)) == alarm


@settings(max_examples=25)
@given(hours=st.integers(min_value=0, max_value=24 * 40), accept=st.booleans())
def test_next_alarm_is_the_instant_the_sweep_first_acts(hours: int, accept: bool) -> None:
    case = open_case("c-1")
    later = T0 + dt.timedelta(hours=hours)
    sweep([case], now=later)
    if accept and case.status.value == "awaiting_acceptance" and case.level.id == "liaison":
        case.accept(by=LIAISON, at=later)

    alarm = next_alarm(case)
    if alarm is None:
        assert sweep([Case.replay(case.events)], now=later + dt.timedelta(days=400)) == ()
        return
    if alarm > case.last_at:  # nothing happens a moment before the alarm...
        just_before = alarm - dt.timedelta(microseconds=1)
        assert sweep([Case.replay(case.events)], now=just_before) == ()
    # ...and something at it
    assert sweep([Case.replay(case.events)], now=alarm) != ()
