"""The contract every event store keeps, run against SQLite and a real PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from store_support import (
    HOLDER,
    LIAISON,
    STAFF,
    SUPERVISOR,
    T0,
    earn,
    fixed_clock,
    open_case,
    open_passbook,
    open_shop,
)

from wulian_core.codec import from_json
from wulian_core.errors import (
    IllegalTransition,
    InsufficientPoints,
    IntegrityError,
    InvalidValue,
    NotFound,
)
from wulian_core.escalation import CaseEvent
from wulian_core.points import Ledger, Passbook, PointsPolicy
from wulian_core.store import (
    Append,
    ClockSkew,
    ConcurrencyConflict,
    NewEvent,
    Recorded,
    StreamId,
    encode,
)

CASE = StreamId("case", "c-1")
BOOK = StreamId("passbook", "p-3")


def _rows(events: Any) -> tuple[NewEvent, ...]:
    return tuple(encode(event) for event in events)


def test_create_is_idempotent_and_records_its_migrations(store: Any) -> None:
    store.create()
    store.create()

    with store.transaction() as tx:
        versions = tx.execute("SELECT version FROM wulian_migrations ORDER BY version")

    assert versions == [(1,), (2,), (3,)]
    assert store.head() == 0
    assert dict(store.positions()) == {"due_cases": 0, "balances": 0, "cases_by_grid": 0}


def test_appends_get_a_per_stream_sequence_and_a_global_position(store: Any) -> None:
    case = open_case("c-1")
    case.accept(by=LIAISON, at=T0)
    book = open_passbook()

    first = store.append(Append(stream=CASE, expected=0, events=_rows(case.events[:1])))
    last = store.append(
        Append(stream=CASE, expected=1, events=_rows(case.events[1:])),
        Append(stream=BOOK, expected=0, events=_rows(book.events)),
    )

    everything = store.read_all()
    assert [r.position for r in everything] == sorted(r.position for r in everything)
    assert first < last == store.head() == everything[-1].position
    assert [(str(r.stream), r.seq) for r in everything] == [
        ("case:c-1", 1),
        ("case:c-1", 2),
        ("passbook:p-3", 1),
    ]
    assert [r.kind for r in store.read_stream(CASE, after=1)] == ["case.accepted"]
    assert store.read_all(after=everything[0].position, limit=1)[0].seq == 2
    stored = store.read_stream(CASE)[0]
    assert isinstance(stored, Recorded)
    assert from_json(CaseEvent, stored.data) == case.events[0]
    assert stored.at == case.events[0].at
    assert stored.schema == 1
    assert store.stream_ids("case") == ["c-1"] and store.stream_ids("passbook") == ["p-3"]
    assert store.stream_ids("catalogue") == []


def test_a_stream_read_gives_the_same_records_as_the_global_read(store: Any) -> None:
    # Stream reads leave the stream's own columns out of their rows and build the records
    # by position: every field must still be what the global read (all columns) gives.
    case = open_case("c-1")
    case.accept(by=LIAISON, at=T0)
    book = open_passbook()
    store.append(
        Append(stream=CASE, expected=0, events=_rows(case.events)),
        Append(stream=BOOK, expected=0, events=_rows(book.events)),
    )
    everything = store.read_all()
    for stream in (CASE, BOOK):
        mine = [r for r in everything if r.stream == stream]
        assert store.read_stream(stream) == mine
        assert [tuple(map(type, r)) for r in store.read_stream(stream)] == [
            tuple(map(type, r)) for r in mine
        ]
        assert store.read_stream(stream, after=1) == mine[1:]
        assert all(r.at.tzinfo is not None for r in mine)
    assert store.load(CASE) == case  # the unit of work's reads go through the same rows


def test_stream_ids_come_in_the_order_the_streams_began(store: Any) -> None:
    later, first = open_case("c-9"), open_case("c-2")
    store.append(Append(stream=StreamId("case", "c-9"), expected=0, events=_rows(later.events)))
    store.append(Append(stream=StreamId("case", "c-2"), expected=0, events=_rows(first.events)))
    first.accept(by=LIAISON, at=T0)
    store.append(Append(stream=StreamId("case", "c-2"), expected=1, events=_rows(first.events[1:])))

    assert store.stream_ids("case") == ["c-9", "c-2"]
    with pytest.raises(InvalidValue, match="stream_ids.kind"):
        store.stream_ids("order")


def test_a_moved_stream_raises_a_conflict_and_nothing_of_the_append_is_written(store: Any) -> None:
    case, book = open_case("c-1"), open_passbook()
    store.append(Append(stream=CASE, expected=0, events=_rows(case.events)))

    with pytest.raises(ConcurrencyConflict) as caught:
        store.append(
            Append(stream=BOOK, expected=0, events=_rows(book.events)),
            Append(stream=CASE, expected=0, events=_rows(case.events)),
        )

    assert (caught.value.stream, caught.value.expected, caught.value.actual) == ("case:c-1", 0, 1)
    assert store.read_stream(BOOK) == []
    assert store.head() == 1


def test_a_key_is_unique_within_its_stream(store: Any) -> None:
    book = open_passbook()
    earn(book, "k-1")
    rows = _rows(book.events)
    store.append(Append(stream=BOOK, expected=0, events=rows))

    with pytest.raises(IntegrityError, match="stored twice"):
        store.append(Append(stream=BOOK, expected=2, events=rows[1:]))

    assert len(store.read_stream(BOOK)) == 2


def test_bad_arguments_are_named(store: Any) -> None:
    with pytest.raises(InvalidValue, match=r"append\.appends"):
        store.append("case:c-1")
    with pytest.raises(InvalidValue, match=r"read_stream\.after"):
        store.read_stream(CASE, after=-1)
    with pytest.raises(InvalidValue, match=r"read_all\.limit"):
        store.read_all(limit=0)
    with pytest.raises(InvalidValue, match=r"Append\.expected"):
        Append(stream=CASE, expected=-1, events=())
    with pytest.raises(InvalidValue, match=r"run\.attempts"):
        store.run(lambda uow: None, attempts=0)
    with pytest.raises(InvalidValue, match=r"unit_of_work\.max_skew"):
        store.unit_of_work(max_skew=dt.timedelta(minutes=-1))
    with pytest.raises(InvalidValue, match=r"uow\.cases\.add"):
        store.unit_of_work().cases.add(open_passbook())


def test_a_unit_of_work_commits_what_was_recorded_since_loading(store: Any) -> None:
    with store.unit_of_work() as uow:
        uow.cases.add(open_case("c-1"))
        assert uow.commit() == 1
    with store.unit_of_work() as uow:
        case = uow.cases.get("c-1")
        assert uow.cases.get("c-1") is case  # one object per stream in a unit of work
        case.accept(by=LIAISON, at=T0)
        uow.commit()
        assert uow.commit() == 0  # nothing new since the last commit

    assert [r.kind for r in store.read_stream(CASE)] == ["case.opened", "case.accepted"]
    assert store.load(CASE).version == 2


def test_leaving_without_commit_writes_nothing(store: Any) -> None:
    with store.unit_of_work() as uow:
        uow.cases.add(open_case("c-1"))

    with store.unit_of_work() as uow, pytest.raises(NotFound):
        uow.cases.get("c-1")
    assert store.head() == 0


def test_an_idempotent_retry_appends_nothing_and_the_passbook_still_loads(store: Any) -> None:
    store.run(lambda uow: uow.passbooks.add(open_passbook()))

    def accrue(uow: Any) -> Any:
        book = uow.passbooks.get("p-3")
        return book.accrue_activity(
            activity="a-1", on=T0.date(), activity_kind="meeting", by=STAFF, at=T0, key="k-9"
        )

    first = store.run(accrue)
    again = store.run(accrue)  # a resent request: the same event comes back

    assert first == again
    assert [r.key for r in store.read_stream(BOOK)] == ["opened", "k-9"]
    assert store.load(BOOK).balance() == 2


def test_a_catalogue_order_commits_both_streams_or_neither(make: Any) -> None:
    store = make()

    def setup(uow: Any) -> None:
        book = open_passbook()
        earn(book, "k-1")
        uow.passbooks.add(book)
        uow.catalogues.add(open_shop())

    store.run(setup)
    rival = make()  # another process moves the shop between our load and our commit
    with store.unit_of_work() as uow:
        book, shop = uow.passbooks.get("p-3"), uow.catalogues.get("shop-1")
        shop.redeem(book, item="rice", by=HOLDER, at=T0, key="o-1")
        rival.run(
            lambda other: other.catalogues.get("shop-1").donate(
                item="rice", quantity=1, donor="p-7", by=STAFF, at=T0, key="d-1"
            )
        )
        with pytest.raises(ConcurrencyConflict):
            uow.commit()

    assert [r.kind for r in store.read_stream(BOOK)][-1] == "points.activity_accrued"
    assert store.load(BOOK).balance() == 2

    def order(uow: Any) -> Any:
        book, shop = uow.passbooks.get("p-3"), uow.catalogues.get("shop-1")
        return shop.redeem(book, item="rice", by=HOLDER, at=T0, key="o-1")

    store.run(order)
    book, shop = store.load(BOOK), store.load(StreamId("catalogue", "shop-1"))
    assert book.balance() == 0
    assert shop.reservation("o-1").holder == "p-3"

    def cancel(uow: Any) -> Any:
        book, shop = uow.passbooks.get("p-3"), uow.catalogues.get("shop-1")
        return shop.cancel(book, order="o-1", reason="不要了", by=STAFF, at=T0, key="c-1")

    store.run(cancel)  # both streams hold the order, so it can be undone
    assert store.load(BOOK).balance() == 2


def test_run_reloads_and_retries_after_a_conflict(make: Any) -> None:
    store, rival = make(), make()
    store.run(lambda uow: uow.cases.add(open_case("c-1")))
    calls = []

    def accept(uow: Any) -> Any:
        case = uow.cases.get("c-1")
        calls.append(case.version)
        if len(calls) == 1:  # someone else writes between our load and our commit
            rival.run(lambda other: other.cases.get("c-1").urge(note="快", by=SUPERVISOR, at=T0))
        return case.accept(by=LIAISON, at=T0)

    store.run(accept)

    assert calls == [1, 2]
    assert [r.kind for r in store.read_stream(CASE)] == [
        "case.opened",
        "case.urged",
        "case.accepted",
    ]
    with pytest.raises(IllegalTransition):
        store.run(lambda uow: uow.cases.get("c-1").accept(by=LIAISON, at=T0))


def test_run_gives_up_after_its_attempts(make: Any) -> None:
    store, rival = make(), make()
    store.run(lambda uow: uow.cases.add(open_case("c-1")))

    def always_beaten(uow: Any) -> None:
        uow.cases.get("c-1").urge(note="快", by=SUPERVISOR, at=T0)
        rival.run(lambda other: other.cases.get("c-1").urge(note="快", by=SUPERVISOR, at=T0))

    with pytest.raises(ConcurrencyConflict):
        store.run(always_beaten, attempts=2)
    assert store.load(CASE).version == 3


def test_an_event_too_far_in_the_future_is_refused_at_commit(make: Any) -> None:
    store = make(clock=fixed_clock(T0))
    with store.unit_of_work() as uow:
        uow.cases.add(open_case("c-1", at=T0 + dt.timedelta(minutes=5)))  # at the limit
        uow.commit()

    with store.unit_of_work() as uow:
        uow.cases.get("c-1").urge(
            note="快", by=SUPERVISOR, at=dt.datetime(2099, 1, 1, tzinfo=dt.UTC)
        )
        with pytest.raises(ClockSkew) as caught:
            uow.commit()

    assert caught.value.field == "case:c-1.at"
    assert store.load(CASE).version == 1
    # the 2099 command was never stored, so real-time commands still go in
    store.run(lambda uow: uow.cases.get("c-1").accept(by=LIAISON, at=T0 + dt.timedelta(minutes=5)))
    late = store.unit_of_work(max_skew=dt.timedelta(days=1), clock=fixed_clock(T0))
    with late as uow:
        uow.cases.get("c-1").urge(note="快", by=SUPERVISOR, at=T0 + dt.timedelta(hours=1))
        assert uow.commit() > 0


def test_a_redemption_beyond_the_balance_is_refused_through_the_store(store: Any) -> None:
    store.run(lambda uow: uow.passbooks.add(open_passbook()))

    with pytest.raises(InsufficientPoints):
        store.run(
            lambda uow: uow.passbooks.get("p-3").redeem(
                points=1, point="shop-1", by=HOLDER, at=T0, key="r-1"
            )
        )
    assert store.head() == 1


def test_the_store_replays_passbooks_under_its_policy_or_the_one_given(make: Any) -> None:
    policy = PointsPolicy.practice()
    store = make(points_policy=policy)
    store.run(lambda uow: uow.passbooks.add(open_passbook()))

    with store.unit_of_work() as uow:
        book = uow.passbooks.get("p-3", policy=policy)

    assert isinstance(book, Passbook)
    assert book.policy is policy
    assert book.balance(Ledger.MORAL) == 0
