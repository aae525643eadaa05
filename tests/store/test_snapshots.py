"""Snapshots: loading with them gives the same aggregate as loading without."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_support import (
    LIAISON,
    T0,
    earn,
    far_clock,
    make_store,
    open_case,
    open_passbook,
    open_shop,
)

from wulian_core.errors import IntegrityError, InvalidValue
from wulian_core.store import EventPrefixSnapshots, StateSnapshots, StreamId, encode

BOOK = StreamId("passbook", "p-3")


@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    commits=st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=6),
    every=st.integers(min_value=1, max_value=10),
)
def test_load_with_snapshots_equals_load_without(
    store_spec: dict[str, Any], commits: list[int], every: int
) -> None:
    with_snapshots = make_store(store_spec, snapshot_every=every)
    plain = make_store(store_spec)
    with_snapshots.create()
    try:
        with with_snapshots.transaction() as tx:  # every example starts from an empty store
            for table in ("wulian_events", "wulian_snapshots"):
                tx.execute(f"DELETE FROM {table}")
            tx.execute("UPDATE wulian_tracking SET position = 0")
        with_snapshots.run(lambda uow: uow.passbooks.add(open_passbook()))
        count = 0
        for size in commits:

            def work(uow: Any, size: int = size, start: int = count) -> None:
                book = uow.passbooks.get("p-3")
                for n in range(start, start + size):
                    earn(book, f"k-{n}", at=T0)

            with_snapshots.run(work)
            count += size
            assert with_snapshots.load(BOOK) == plain.load(BOOK)
        loaded = with_snapshots.load(BOOK)
        assert loaded.balance() == plain.load(BOOK).balance() == 2 * count
        assert loaded.version == 1 + count
        with with_snapshots.transaction() as tx:
            found = tx.execute("SELECT version FROM wulian_snapshots")
        if count + 1 >= every:
            assert found and found[0][0] <= loaded.version
    finally:
        with_snapshots.close()
        plain.close()


def _one_book(store: Any, holder: str = "p-3", keys: int = 1) -> None:
    def work(uow: Any) -> None:
        book = open_passbook(holder)
        for n in range(keys):
            earn(book, f"k-{n}")
        uow.passbooks.add(book)

    store.run(work)


@pytest.mark.parametrize(
    ("schema", "doc"),
    [
        (1, '{"stream": "passbook:p-3"}'),  # no event schema: stale
        (1, "not json"),
        (99, None),  # a snapshot schema this release does not know
    ],
)
def test_an_unreadable_snapshot_is_ignored(make: Any, schema: int, doc: str | None) -> None:
    store = make(snapshot_every=1)
    _one_book(store)
    with store.transaction() as tx:
        tx.execute("UPDATE wulian_snapshots SET schema = ?, doc = ?", (schema, doc))
    fresh = make(snapshot_every=1, cache_streams=0)

    assert fresh.load(BOOK).balance() == 2


def test_a_pickled_snapshot_that_cannot_be_read_is_ignored(make: Any) -> None:
    store = make(snapshot_every=1, snapshots=EventPrefixSnapshots())
    _one_book(store)
    with store.transaction() as tx:
        tx.execute("UPDATE wulian_snapshots SET state = ?", (b"from another release",))

    assert make(snapshot_every=1, snapshots=EventPrefixSnapshots()).load(BOOK).balance() == 2


@pytest.mark.parametrize("codec", [StateSnapshots(), EventPrefixSnapshots()])
def test_a_snapshot_of_another_stream_is_refused(make: Any, codec: Any) -> None:
    store = make(snapshot_every=1, snapshots=codec)
    _one_book(store, "p-3")
    _one_book(store, "p-4", keys=0)
    with store.transaction() as tx:
        tx.execute("DELETE FROM wulian_snapshots WHERE stream_id = 'p-4'")
        tx.execute(
            "INSERT INTO wulian_snapshots (stream_kind, stream_id, version, state, schema, doc) "
            "SELECT stream_kind, 'p-4', 1, state, schema, doc FROM wulian_snapshots "
            "WHERE stream_id = 'p-3'"
        )
        tx.execute("UPDATE wulian_snapshots SET version = 1")
    fresh = make(snapshot_every=1, snapshots=codec, cache_streams=0)

    with pytest.raises(IntegrityError, match="passbook:p-4: the snapshot .*wulian_snapshots"):
        fresh.load(StreamId("passbook", "p-4"))


def test_after_a_snapshot_replay_still_refuses_a_key_used_before_it(make: Any) -> None:
    store = make(snapshot_every=1)
    _one_book(store, keys=2)
    book = store.load(BOOK)
    assert store.snapshot(BOOK).version == book.version == 3
    again = encode(book.events[1])  # k-0, recorded before the snapshot
    with store.transaction() as tx:  # written past the store's checks, as by hand
        tx.execute(
            "INSERT INTO wulian_events (stream_kind, stream_id, seq, kind, schema, key, at, data) "
            "VALUES ('passbook', 'p-3', 4, ?, 1, 'k-0-again', ?, ?)",
            (again.kind, tx.instant(again.at), again.data),
        )

    with pytest.raises(IntegrityError, match="event 3 reuses key 'k-0'"):
        make(snapshot_every=1, cache_streams=0).load(BOOK)


def test_cases_and_catalogues_are_snapshotted_as_json(make: Any) -> None:
    store = make(snapshot_every=1, clock=far_clock)

    def work(uow: Any) -> None:
        uow.cases.add(open_case("c-1"))
        uow.catalogues.add(open_shop())

    store.run(work)
    store.run(lambda uow: uow.cases.get("c-1").accept(by=LIAISON, at=T0))
    fresh = make(snapshot_every=1, cache_streams=0)
    plain = make(cache_streams=0)

    for stream in (StreamId("case", "c-1"), StreamId("catalogue", "shop-1")):
        snap = fresh.snapshot(stream)
        assert snap is not None
        assert snap.schema == 1
        assert snap.state["stream"] == str(stream)
        assert fresh.load(stream) == plain.load(stream)


def test_events_that_cannot_be_pickled_get_no_pickled_snapshot(make: Any) -> None:
    store = make(snapshot_every=1, snapshots=EventPrefixSnapshots(), clock=far_clock)
    store.run(lambda uow: uow.cases.add(open_case("c-1")))  # a case's policy does not pickle

    assert store.snapshot(StreamId("case", "c-1")) is None
    assert store.load(StreamId("case", "c-1")).version == 1


@pytest.mark.parametrize("codec", [object(), StateSnapshots], ids=["object", "the class"])
def test_a_snapshot_codec_must_be_one(make: Any, codec: object) -> None:
    with pytest.raises(InvalidValue, match="store.snapshots: must be a SnapshotCodec"):
        make(snapshot_every=1, snapshots=codec)


def test_a_database_with_snapshots_of_migration_two_upgrades_and_keeps_them(make: Any) -> None:
    # Migration 2 stored PostgreSQL's snapshot documents as JSONB; 3 makes them text. A
    # database at 2, with a snapshot in it, is upgraded by create() and its snapshot used.
    store = make(snapshot_every=1)
    _one_book(store, keys=3)
    with store.transaction() as tx:
        (before,) = tx.execute("SELECT doc FROM wulian_snapshots")
        if tx.dialect == "postgres":
            tx.execute("ALTER TABLE wulian_snapshots ALTER COLUMN doc TYPE JSONB USING doc::jsonb")
        tx.execute("DELETE FROM wulian_migrations WHERE version = 3")
    store.create()
    fresh = make(snapshot_every=1, cache_streams=0)

    with fresh.transaction() as tx:
        assert tx.execute("SELECT MAX(version) FROM wulian_migrations") == [(3,)]
        (after,) = tx.execute("SELECT doc FROM wulian_snapshots")
        if tx.dialect == "postgres":
            kind = tx.execute(
                "SELECT data_type FROM information_schema.columns "
                "WHERE table_name = 'wulian_snapshots' AND column_name = 'doc' "
                "AND table_schema = current_schema()"
            )
            assert kind == [("text",)]
    assert json.loads(after[0]) == json.loads(before[0])  # the same document
    assert fresh.snapshot(BOOK) is not None and fresh.snapshot(BOOK).version == 4
    assert fresh.load(BOOK) == make(cache_streams=0).load(BOOK)
