"""Real processes racing on one store: no double spend, no double accept, no key twice.

Eight long-lived workers (spawned) run each round in step with a barrier; worker 0 sets
a round up first. A writer killed with SIGKILL inside a catalogue order's commit leaves
both streams as they were.
"""

from __future__ import annotations

import collections
import multiprocessing
import os
import signal
from typing import Any

from store_support import (
    HOLDER,
    T0,
    earn,
    make_store,
    open_case,
    open_passbook,
    open_shop,
    race_worker,
    stalled_writer,
)

from wulian_core.store import StreamId

WORKERS = 8
ROUNDS = 200
BOOK = StreamId("passbook", "p-3")


def test_eight_processes_never_double_spend_double_accept_or_store_a_key_twice(
    store: Any, store_spec: dict[str, Any]
) -> None:
    def setup(uow: Any) -> None:
        uow.passbooks.add(open_passbook())
        for n in range(ROUNDS):
            uow.cases.add(open_case(f"c-{n}"))

    store.run(setup)
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(WORKERS), ctx.Queue()
    plan = [("redeem", ROUNDS), ("accept", ROUNDS), ("retry", ROUNDS)]
    workers = [
        ctx.Process(target=race_worker, args=(store_spec, i, plan, barrier, results))
        for i in range(WORKERS)
    ]
    for worker in workers:
        worker.start()
    reports = dict(results.get(timeout=240) for _ in workers)
    for worker in workers:
        worker.join(timeout=60)
    errors = [r for r in reports.values() if isinstance(r, str)]
    assert not errors, errors

    won: dict[tuple[str, int], collections.Counter[str]] = collections.defaultdict(
        collections.Counter
    )
    for outcomes in reports.values():
        for scenario, round_, outcome in outcomes:
            won[scenario, round_][outcome] += 1
    for round_ in range(ROUNDS):
        assert won["redeem", round_] == {"ok": 1, "refused": WORKERS - 1}, round_
        assert won["accept", round_] == {"ok": 1, "refused": WORKERS - 1}, round_
        assert won["retry", round_] == {"ok": WORKERS}, round_

    book = store.load(BOOK)  # replays: no key twice, never below zero
    keys = [r.key for r in store.read_stream(BOOK)]
    assert len(keys) == len(set(keys)) == 1 + 3 * ROUNDS
    assert book.balance() == 2 * ROUNDS  # every redeem round spent exactly what it earned
    for n in range(ROUNDS):
        kinds = [r.kind for r in store.read_stream(StreamId("case", f"c-{n}"))]
        assert kinds.count("case.accepted") == 1


def test_a_writer_killed_inside_a_catalogue_order_leaves_both_streams_consistent(
    store: Any, store_spec: dict[str, Any]
) -> None:
    def setup(uow: Any) -> None:
        book = open_passbook()
        earn(book, "k-1")
        uow.passbooks.add(book)
        uow.catalogues.add(open_shop())

    store.run(setup)
    before = store.head()
    ctx = multiprocessing.get_context("spawn")
    reached = ctx.Event()
    writer = ctx.Process(target=stalled_writer, args=(store_spec, reached))
    writer.start()
    assert reached.wait(timeout=60)
    os.kill(writer.pid, signal.SIGKILL)  # type: ignore[arg-type]
    writer.join(timeout=30)

    after = make_store(store_spec)
    try:
        assert after.head() == before
        assert after.load(BOOK).balance() == 2
        assert after.load(StreamId("catalogue", "shop-1")).stock("rice") == 1000
        after.run(
            lambda uow: uow.catalogues.get("shop-1").redeem(
                uow.passbooks.get("p-3"), item="rice", by=HOLDER, at=T0, key="o-1"
            )
        )
        assert after.load(BOOK).balance() == 0
        assert after.load(StreamId("catalogue", "shop-1")).reservation("o-1").points == 2
    finally:
        after.close()
