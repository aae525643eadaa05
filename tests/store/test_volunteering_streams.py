"""The contract for the volunteering, shop and notice-board streams, on SQLite and PostgreSQL.

Registrations, activities, shop registries and notice boards go through the unit of work
as cases and passbooks do: ``add`` and ``get``, a commit appends exactly the events
recorded since loading with the loaded version as expected, a retry appends nothing, and
a stream that moved is a conflict that writes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wulian_core.calendar import ChinaCalendar
from wulian_core.errors import IllegalTransition, InvalidValue, NotFound
from wulian_core.examples import (
    activity_attended,
    activity_opened,
    activity_passbook,
    notice_board_example,
    shops_example,
    volunteer_registered,
)
from wulian_core.points import PointKind, PointsPolicy
from wulian_core.regions import RegionCode
from wulian_core.store import (
    ConcurrencyConflict,
    Snapshot,
    SQLiteStore,
    StateSnapshots,
    StreamId,
)
from wulian_core.volunteering import ParticipantKind, credit_passbook

FAR = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)


class Scenario:
    """An aggregate of one kind, the repository it goes through, and a command on it."""

    def __init__(
        self,
        kind: str,
        repository: str,
        build: Callable[[], tuple[Any, Any]],
        command: Callable[[Any, Any], Any],
    ) -> None:
        self.kind, self.repository, self.build, self.command = kind, repository, build, command


def _registration() -> tuple[Any, Any]:
    reg, who, at = volunteer_registered()
    return reg, (who, at)


def _suspend(reg: Any, ctx: Any) -> Any:
    who, at = ctx
    return reg.suspend(reason="长期未参加活动", by=who.worker, at=at)


def _activity() -> tuple[Any, Any]:
    act, who, at = activity_opened()
    return act, (who, at)


def _sign_up(act: Any, ctx: Any) -> Any:
    who, at = ctx
    return act.sign_up(person="p-3", role=ParticipantKind.VOLUNTEER, by=who.volunteer, at=at)


def _shops() -> tuple[Any, Any]:
    shops, staff, at = shops_example()
    return shops, (staff, at)


def _register_market(shops: Any, ctx: Any) -> Any:
    staff, at = ctx
    return shops.register(
        point="market-1",
        name="积分超市",
        kind=PointKind.SUPERMARKET,
        community=RegionCode("150603001001"),
        yuan_per_point=Decimal("0.50"),
        accepts={"soap", "rice"},
        by=staff,
        at=at,
        key="reg-m1",
    )


def _board() -> tuple[Any, Any]:
    board, book, staff, _panel, at = notice_board_example()
    return board, (book, staff, at)


def _post(board: Any, ctx: Any) -> Any:
    book, staff, at = ctx
    return board.post(
        book,
        category="neighbourly_help",
        reason="帮邻居修水管",
        calendar=ChinaCalendar.official(),
        by=staff,
        at=at,
        key="post-2",
    )


SCENARIOS = [
    Scenario("registration", "registrations", _registration, _suspend),
    Scenario("activity", "activities", _activity, _sign_up),
    Scenario("shops", "shops", _shops, _register_market),
    Scenario("board", "boards", _board, _post),
]


def _stream(aggregate: Any, kind: str) -> StreamId:
    ident = {
        "registration": lambda a: a.person,
        "activity": lambda a: a.id,
        "shops": lambda a: a.registry,
        "board": lambda a: a.board,
    }[kind](aggregate)
    return StreamId(kind, ident)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.kind for s in SCENARIOS])
def test_each_kind_commits_what_was_recorded_since_loading(store: Any, scenario: Scenario) -> None:
    aggregate, ctx = scenario.build()
    stream = _stream(aggregate, scenario.kind)
    with store.unit_of_work() as uow:
        getattr(uow, scenario.repository).add(aggregate)
        uow.commit()
    assert [r.seq for r in store.read_stream(stream)] == list(range(1, aggregate.version + 1))

    with store.unit_of_work() as uow:
        loaded = getattr(uow, scenario.repository).get(stream.id)
        assert loaded.events == aggregate.events and loaded is getattr(
            uow, scenario.repository
        ).get(stream.id)
        before = loaded.version
        recorded = scenario.command(loaded, ctx)
        uow.commit()
        assert uow.commit() == 0  # nothing new since the last commit

    rows = store.read_stream(stream)
    assert [r.seq for r in rows] == list(range(1, before + len(recorded) + 1))
    assert [r.kind for r in rows[before:]] == [type(e).kind for e in recorded]
    assert store.load(stream).events == loaded.events


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.kind for s in SCENARIOS])
def test_each_kind_refuses_a_moved_stream_and_writes_nothing(
    store: Any, scenario: Scenario
) -> None:
    aggregate, ctx = scenario.build()
    stream = _stream(aggregate, scenario.kind)
    store.run(lambda uow: getattr(uow, scenario.repository).add(aggregate))
    late = store.unit_of_work()
    stale = getattr(late, scenario.repository).get(stream.id)
    store.run(lambda uow: scenario.command(getattr(uow, scenario.repository).get(stream.id), ctx))
    head = store.head()

    scenario.command(stale, scenario.build()[1])
    with pytest.raises(ConcurrencyConflict, match=f"{stream} is at version"):
        late.commit()
    assert store.head() == head


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.kind for s in SCENARIOS])
def test_each_kind_loads_the_same_with_snapshots(make: Any, scenario: Scenario) -> None:
    aggregate, ctx = scenario.build()
    stream = _stream(aggregate, scenario.kind)
    with_snapshots = make(snapshot_every=1, cache_streams=0)
    with_snapshots.run(lambda uow: getattr(uow, scenario.repository).add(aggregate))
    with_snapshots.run(
        lambda uow: scenario.command(getattr(uow, scenario.repository).get(stream.id), ctx)
    )
    with with_snapshots.transaction() as tx:
        ((version, doc),) = tx.execute(
            "SELECT version, doc FROM wulian_snapshots WHERE stream_kind = ? AND stream_id = ?",
            (stream.kind, stream.id),
        )
    plain = make(cache_streams=0)
    expected = plain.load(stream)
    assert version == expected.version
    assert with_snapshots.load(stream).events == expected.events
    # The stored document restores on its own (a stale one would give None, and a load
    # would quietly read every row instead).
    state = json.loads(doc) if isinstance(doc, str) else doc
    restored = StateSnapshots().restore(
        stream, Snapshot(version=version, state=state, schema=1), [], PointsPolicy.practice(), None
    )
    assert restored is not None and restored.events == expected.events


@pytest.mark.parametrize("scenario", SCENARIOS[2:], ids=[s.kind for s in SCENARIOS[2:]])
def test_a_keyed_command_retried_through_the_store_appends_nothing(
    store: Any, scenario: Scenario
) -> None:
    aggregate, ctx = scenario.build()
    stream = _stream(aggregate, scenario.kind)
    store.run(lambda uow: getattr(uow, scenario.repository).add(aggregate))

    def command(uow: Any) -> Any:
        return scenario.command(getattr(uow, scenario.repository).get(stream.id), ctx)

    first = store.run(command)
    again = store.run(command)  # a resent request: the key's events come back

    assert first == again
    assert len(store.read_stream(stream)) == aggregate.version + len(first)


def test_a_missing_stream_of_each_kind_is_not_found(store: Any) -> None:
    with store.unit_of_work() as uow:
        with pytest.raises(NotFound, match="no registration 'p-404'"):
            uow.registrations.get("p-404")
        with pytest.raises(NotFound, match="no activity 'act-404'"):
            uow.activities.get("act-404")
        with pytest.raises(NotFound, match="no shop registry 'reg-404'"):
            uow.shops.get("reg-404")
        with pytest.raises(NotFound, match="no notice board 'board-404'"):
            uow.boards.get("board-404")
        with pytest.raises(InvalidValue, match=r"uow\.activities\.add"):
            uow.activities.add(volunteer_registered()[0])


def test_crediting_an_activity_twice_through_the_store_appends_nothing(store: Any) -> None:
    act, who, end = activity_attended()
    act.certify(person="p-3", by=who.worker, at=end)
    store.run(
        lambda uow: (uow.activities.add(act), uow.passbooks.add(activity_passbook("p-3", end)))
    )

    def credit(uow: Any) -> Any:
        return credit_passbook(
            uow.activities.get("act-1"), uow.passbooks.get("p-3"), by=who.worker, at=end
        )

    first = store.run(credit)
    again = store.run(credit)  # a resent request: the credit's key is the activity's

    assert first == again
    book = store.read_stream(StreamId("passbook", "p-3"))
    assert [r.key for r in book] == ["opened", "activity:act-1:p-3"]
    assert [r.seq for r in store.read_stream(StreamId("activity", "act-1"))] == [1, 2, 3, 4, 5]


def test_a_cancelled_activity_is_stored_cancelled_and_credits_nothing(store: Any) -> None:
    act, who, at = activity_opened()
    store.run(lambda uow: uow.activities.add(act))
    store.run(
        lambda uow: (
            _sign_up(uow.activities.get("act-1"), (who, at))
            + uow.activities.get("act-1").cancel(reason="天气原因", by=who.worker, at=at)
        )
    )

    stored = store.load(StreamId("activity", "act-1"))
    assert stored.status.value == "cancelled"
    with pytest.raises(IllegalTransition):
        credit_passbook(stored, activity_passbook("p-3", at), by=who.worker, at=at)


# Sign-ups and withdrawals, committed in runs of any length: what the store replays is the
# activity the commands made in memory, and every place held stays within capacity.
_steps = st.lists(
    st.tuples(st.sampled_from(["sign_up", "withdraw"]), st.integers(0, 4), st.booleans()),
    max_size=20,
)


@settings(max_examples=40, deadline=None)
@given(steps=_steps)
def test_stored_activity_equals_the_one_in_memory(steps: list[tuple[str, int, bool]]) -> None:
    act, _who, at = activity_opened(capacity=2)
    store = SQLiteStore(":memory:", clock=lambda: FAR)
    store.create()
    mirror = activity_opened(capacity=2)[0]
    store.run(lambda uow: uow.activities.add(act))
    uow = store.unit_of_work()
    for command, n, commit in steps:
        person = f"p-{10 + n}"
        for target in (uow.activities.get("act-1"), mirror):
            try:
                if command == "sign_up":
                    target.sign_up(person=person, by=_actor(person), at=at)
                else:
                    target.withdraw(person=person, by=_actor(person), at=at)
            except (IllegalTransition, NotFound, InvalidValue):
                pass  # refused alike on both: nothing recorded
        if commit:
            uow.commit()
            uow = store.unit_of_work()
    uow.commit()

    stored = store.load(StreamId("activity", "act-1"))
    assert stored == mirror
    assert len(stored.confirmed) <= stored.capacity
    store.close()


def _actor(person: str) -> Any:
    from wulian_core.people import Actor

    return Actor(person)


class Places:
    """An app's own projection: the places taken in each activity, read through ``streams``."""

    name = "activity_places"

    def create(self, tx: Any) -> None:
        tx.execute(
            "CREATE TABLE IF NOT EXISTS app_places (activity TEXT PRIMARY KEY, taken INTEGER)"
        )

    def apply(self, tx: Any, events: Any, streams: Any) -> None:
        for ident in dict.fromkeys(e.stream.id for e in events if e.stream.kind == "activity"):
            taken = len(streams.activity(ident).confirmed)
            tx.execute(
                "INSERT INTO app_places (activity, taken) VALUES (?, ?) ON CONFLICT (activity) "
                "DO UPDATE SET taken = excluded.taken",
                (ident, taken),
            )


def test_a_projection_reads_activities_as_they_stand_in_the_transaction(make: Any) -> None:
    act, who, at = activity_opened()
    store = make(projections=[Places()])
    store.run(lambda uow: uow.activities.add(act))
    store.run(lambda uow: _sign_up(uow.activities.get("act-1"), (who, at)))

    with store.transaction() as tx:
        assert tx.execute("SELECT activity, taken FROM app_places") == [("act-1", 1)]


def test_crediting_a_posted_award_commits_the_board_and_the_passbook_or_neither(
    make: Any,
) -> None:
    board, book, staff, _panel, at = notice_board_example()
    store = make(points_policy=book.policy)
    store.run(lambda uow: (uow.boards.add(board), uow.passbooks.add(book)))
    later = at + dt.timedelta(days=8)
    boards, books = StreamId("board", "board-1"), StreamId("passbook", "p-3")

    def credit(uow: Any) -> Any:
        return uow.boards.get("board-1").credit(
            uow.passbooks.get("p-3"), posting="post-1", by=staff, at=later, key="c-1"
        )

    rival = store.unit_of_work()
    stale, stale_book = rival.boards.get("board-1"), rival.passbooks.get("p-3")
    store.run(lambda uow: earn_elsewhere(uow, staff, at))  # the passbook moves
    stale.credit(stale_book, posting="post-1", by=staff, at=later, key="c-1")
    with pytest.raises(ConcurrencyConflict):
        rival.commit()
    assert len(store.read_stream(boards)) == board.version  # the board wrote nothing
    assert [r.key for r in store.read_stream(books)] == ["opened", "k-9"]

    store.run(credit)
    assert [r.kind for r in store.read_stream(boards)][-1] == "notice.award_credited"
    assert [r.kind for r in store.read_stream(books)][-1] == "points.moral_awarded"


def earn_elsewhere(uow: Any, staff: Any, at: dt.datetime) -> Any:
    """Another writer's command on the same passbook: material points for an activity."""
    return uow.passbooks.get("p-3").accrue_activity(
        activity="a-9", on=at.date(), activity_kind="meeting", by=staff, at=at, key="k-9"
    )
