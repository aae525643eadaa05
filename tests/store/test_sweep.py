"""The sweep job: only due cases are loaded; a failing case is reported, the rest go on."""

from __future__ import annotations

import datetime as dt
from typing import Any

from store_support import LIAISON, T0, open_case

from wulian_core.escalation import sweep
from wulian_core.store import StreamId, next_alarm


def test_the_sweep_moves_due_cases_and_leaves_the_others_unread(store: Any) -> None:
    store.run(lambda uow: uow.cases.add(open_case("c-early")))
    late = T0 + dt.timedelta(days=20)
    store.run(lambda uow: uow.cases.add(open_case("c-late", at=late)))
    first_alarm = next_alarm(store.load(StreamId("case", "c-early")))
    assert first_alarm is not None

    report = store.sweep(first_alarm)

    assert report.ok
    assert (report.due, report.swept) == (1, ("c-early",))
    assert report.events >= 1
    assert store.load(StreamId("case", "c-late")).version == 1
    assert store.sweep(first_alarm).due == 0  # the alarm moved on with the events


def test_the_sweep_records_what_sweeping_in_memory_records(store: Any) -> None:
    store.run(lambda uow: uow.cases.add(open_case("c-1")))
    store.run(lambda uow: uow.cases.get("c-1").accept(by=LIAISON, at=T0))
    mirror = store.load(StreamId("case", "c-1"))
    now = T0 + dt.timedelta(days=30)

    report = store.sweep(now)
    expected = sweep([mirror], now=now)

    assert report.events == len(expected)
    assert store.load(StreamId("case", "c-1")) == mirror


def test_a_case_that_fails_is_reported_and_does_not_stop_the_others(make: Any) -> None:
    writer = make()
    writer.run(lambda uow: uow.cases.add(open_case("c-1")))
    writer.run(lambda uow: uow.cases.add(open_case("c-2")))
    store = make()  # another process: nothing of the streams in its memory
    with store.transaction() as tx:  # a row damaged outside the library
        tx.execute(
            "UPDATE wulian_events SET data = ? WHERE stream_id = ? AND seq = 1",
            ('{"kind":"case.opened"}', "c-1"),
        )

    report = store.sweep(T0 + dt.timedelta(days=30))

    assert not report.ok
    assert report.swept == ("c-2",)
    assert [failure.case for failure in report.failed] == ["c-1"]
    assert "DecodeError" in report.failed[0].error
