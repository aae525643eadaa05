"""Snapshots: loading with them gives the same aggregate as loading without."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_support import T0, earn, make_store, open_passbook

from wulian_core.store import StreamId

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
            assert with_snapshots.load(BOOK).events == plain.load(BOOK).events
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


def test_an_unreadable_snapshot_is_ignored(make: Any) -> None:
    store = make(snapshot_every=1)

    def work(uow: Any) -> None:
        book = open_passbook()
        earn(book, "k-1")
        uow.passbooks.add(book)

    store.run(work)
    with store.transaction() as tx:
        tx.execute("UPDATE wulian_snapshots SET state = ?", (b"from another release",))

    assert store.load(BOOK).balance() == 2
