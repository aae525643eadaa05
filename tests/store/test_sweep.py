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
    assert type(report.failed[0].error).__name__ == "DecodeError"


def test_one_unit_of_work_per_case_gives_the_same_result(make: Any) -> None:
    batched, single = make(), make()
    for n in range(5):
        batched.run(lambda uow, n=n: uow.cases.add(open_case(f"c-{n}")))
    now = T0 + dt.timedelta(days=30)
    mirror = [single.load(StreamId("case", f"c-{n}")) for n in range(5)]

    report = single.sweep(now, batch=1)

    assert report.swept == tuple(f"c-{n}" for n in range(5))
    assert report.events == len(sweep(mirror, now=now))
    assert batched.sweep(now).due == 0  # the other writer sees the alarms moved


def test_get_many_reads_the_cases_in_order_and_names_a_missing_one(store: Any) -> None:
    import pytest

    from wulian_core.errors import InvalidValue, NotFound

    for n in range(3):
        store.run(lambda uow, n=n: uow.cases.add(open_case(f"c-{n}")))

    with store.unit_of_work() as uow:
        first = uow.cases.get("c-1")
        cases = uow.cases.get_many(["c-2", "c-1", "c-0"])
        assert [c.id for c in cases] == ["c-2", "c-1", "c-0"]
        assert cases[1] is first
        with pytest.raises(NotFound, match="c-9"):
            uow.cases.get_many(["c-0", "c-9"])
        with pytest.raises(InvalidValue, match="get_many"):
            uow.cases.get_many("c-0")


def test_a_case_the_sweep_cannot_move_is_reported_and_the_rest_of_its_batch_goes_in(
    make: Any,
) -> None:
    from wulian_core.calendar import SHANGHAI, ChinaCalendar

    # On the notices alone (no fallback by law), the late case's escalation needs 2026-12-25.
    store = make(calendar=ChinaCalendar.official())
    healthy = open_case("c-ok", at=dt.datetime(2026, 12, 1, 9, tzinfo=SHANGHAI))
    late = open_case("c-late", at=dt.datetime(2026, 12, 22, 10, tzinfo=SHANGHAI))
    store.run(lambda uow: (uow.cases.add(healthy), uow.cases.add(late)))

    report = store.sweep(dt.datetime(2026, 12, 24, 12, tzinfo=SHANGHAI))

    assert report.swept == ("c-ok",)
    assert [(f.case, type(f.error).__name__) for f in report.failed] == [
        ("c-late", "CalendarCoverageError")
    ]
    assert store.load(StreamId("case", "c-late")).version == 1
    assert store.load(StreamId("case", "c-ok")).version > 1
