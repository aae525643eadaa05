"""Two units of work interleaved over one store, as two requests of an app would be.

Whatever commits, the store replays to the aggregates the winners held in memory; a
loser writes nothing; every point kind's ledger sums to zero, each holder's account is
the balance its passbook and the balances projection give.
"""

from __future__ import annotations

import collections
import contextlib
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from store_support import T0, earn, far_clock, open_passbook, open_shop

from wulian_core.errors import IllegalTransition, InsufficientPoints
from wulian_core.people import Actor
from wulian_core.points import AccountRole, Ledger
from wulian_core.store import ConcurrencyConflict, SQLiteStore, StreamId

HOLDERS = ("p-3", "p-4")
SLOTS = ("a", "b")


class TwoUnitsOfWork(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="wulian-machine-"))
        path = self.root / "events.sqlite"
        # Two store objects over one file: two processes of one app, each with its cache.
        self.stores = {slot: SQLiteStore(path, clock=far_clock) for slot in SLOTS}
        self.stores["a"].create()

        def setup(uow: Any) -> None:
            for holder in HOLDERS:
                uow.passbooks.add(open_passbook(holder))
            uow.catalogues.add(open_shop(stock=5))

        self.stores["a"].run(setup)
        self.committed: dict[StreamId, Any] = {
            stream: self.stores["a"].load(stream) for stream in self._streams()
        }
        self.open: dict[str, Any] = {}
        self.loaded: dict[str, dict[StreamId, tuple[Any, int]]] = {}
        self.keys = 0
        self.used: list[tuple[str, str]] = []

    @staticmethod
    def _streams() -> list[StreamId]:
        return [StreamId("passbook", h) for h in HOLDERS] + [StreamId("catalogue", "shop-1")]

    def _key(self) -> str:
        self.keys += 1
        return f"k-{self.keys}"

    @rule(slot=st.sampled_from(SLOTS))
    @precondition(lambda self: len(self.open) < 2)
    def begin(self, slot: str) -> None:
        if slot in self.open:
            return
        uow = self.stores[slot].unit_of_work()
        uow.__enter__()
        self.open[slot] = uow
        self.loaded[slot] = {}

    def _book(self, slot: str, holder: str) -> Any:
        book = self.open[slot].passbooks.get(holder)
        self.loaded[slot].setdefault(StreamId("passbook", holder), (book, book.version))
        return book

    def _shop(self, slot: str) -> Any:
        shop = self.open[slot].catalogues.get("shop-1")
        self.loaded[slot].setdefault(StreamId("catalogue", "shop-1"), (shop, shop.version))
        return shop

    @rule(slot=st.sampled_from(SLOTS), holder=st.sampled_from(HOLDERS))
    def earn_points(self, slot: str, holder: str) -> None:
        if slot not in self.open:
            return
        key = self._key()
        earn(self._book(slot, holder), key)
        self.used.append((holder, key))

    @rule(slot=st.sampled_from(SLOTS), pick=st.integers(min_value=0))
    @precondition(lambda self: self.used)
    def retry_an_earlier_request(self, slot: str, pick: int) -> None:
        if slot not in self.open:
            return
        holder, key = self.used[pick % len(self.used)]
        book = self._book(slot, holder)
        before = book.version
        earn(book, key)  # the same request again: recorded at most once
        assert book.version in (before, before + 1)

    @rule(slot=st.sampled_from(SLOTS), holder=st.sampled_from(HOLDERS), points=st.integers(1, 5))
    def redeem(self, slot: str, holder: str, points: int) -> None:
        if slot not in self.open:
            return
        with contextlib.suppress(InsufficientPoints):
            self._book(slot, holder).redeem(
                points=points, point="shop-1", by=Actor(holder), at=T0, key=self._key()
            )

    @rule(slot=st.sampled_from(SLOTS), holder=st.sampled_from(HOLDERS))
    def order(self, slot: str, holder: str) -> None:
        if slot not in self.open:
            return
        shop, book = self._shop(slot), self._book(slot, holder)
        with contextlib.suppress(InsufficientPoints, IllegalTransition):
            shop.redeem(book, item="rice", by=Actor(holder), at=T0, key=self._key())

    @rule(slot=st.sampled_from(SLOTS))
    def commit(self, slot: str) -> None:
        if (uow := self.open.pop(slot, None)) is None:
            return
        try:
            uow.commit()
        except ConcurrencyConflict:
            pass
        else:
            # Only the streams it wrote are known to be at its aggregates' state now.
            for stream, (aggregate, version) in self.loaded[slot].items():
                if aggregate.version > version:
                    self.committed[stream] = aggregate
        uow.__exit__(None, None, None)

    @rule(slot=st.sampled_from(SLOTS))
    def abandon(self, slot: str) -> None:
        if (uow := self.open.pop(slot, None)) is not None:
            uow.__exit__(None, None, None)

    @invariant()
    def the_store_replays_to_what_the_winners_held(self) -> None:
        fresh = SQLiteStore(self.root / "events.sqlite", cache_streams=0)
        try:
            for stream, aggregate in self.committed.items():
                assert fresh.load(stream).events == aggregate.events
        finally:
            fresh.close()

    @invariant()
    def each_ledger_sums_to_zero_and_accounts_match_balances(self) -> None:
        accounts: dict[tuple[Ledger, Any], int] = collections.Counter()
        for holder in HOLDERS:
            for entry in self.committed[StreamId("passbook", holder)].entries():
                accounts[entry.ledger, entry.target] += entry.amount
                accounts[entry.ledger, entry.source] -= entry.amount
        for ledger in Ledger:
            assert sum(v for (kind, _), v in accounts.items() if kind is ledger) == 0
        with self.stores["a"].transaction() as tx:
            projected = {
                (holder, ledger): balance
                for holder, ledger, balance in tx.execute(
                    "SELECT holder, ledger, balance FROM wulian_balances"
                )
            }
        for holder in HOLDERS:
            book = self.committed[StreamId("passbook", holder)]
            for ledger in Ledger:
                own = accounts.get((ledger, _holder_account(book)), 0)
                assert own == book.balance(ledger) == projected[holder, ledger.value]
            assert book.balance(Ledger.MATERIAL) >= 0

    def teardown(self) -> None:
        for uow in self.open.values():
            uow.__exit__(None, None, None)
        for store in self.stores.values():
            store.close()
        shutil.rmtree(self.root, ignore_errors=True)


def _holder_account(book: Any) -> Any:
    for entry in book.entries():
        for account in (entry.source, entry.target):
            if account.role is AccountRole.HOLDER:
                return account
    return None


TwoUnitsOfWork.TestCase.settings = settings(max_examples=60, stateful_step_count=30, deadline=None)
test_two_interleaved_units_of_work = TwoUnitsOfWork.TestCase
