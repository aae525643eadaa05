"""Shared builders for the store's tests, importable by worker processes too.

The conftest puts this folder on ``sys.path``; spawned workers inherit it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

from wulian_core.calendar import SHANGHAI
from wulian_core.escalation import Case, CaseCategory, CaseChannel, EscalationPolicy
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.points import Catalogue, Holder, HolderKind, Passbook, PointsPolicy
from wulian_core.regions import RegionCode
from wulian_core.store import SQLiteStore

T0 = dt.datetime(2024, 9, 26, 9, tzinfo=SHANGHAI)
HOME = RegionCode("150603001001")
STAFF = Actor("p-staff", {Grant(Role.COMMUNITY_WORKER, Scope.region(HOME))})
LIAISON = Actor("p-liaison", {Grant(Role.LIAISON, Scope.grid("g-1"))})
HOLDER = Actor("p-3")
SUPERVISOR = Actor("p-super", {Grant(Role.SUPERVISOR, Scope.region(HOME))})
POLICY = EscalationPolicy.kangbashi()

_ticks = itertools.count()


def fixed_clock(at: dt.datetime) -> Any:
    """A clock that always says ``at`` (picklable through functools.partial)."""
    return lambda: at


def far_clock() -> dt.datetime:
    """A clock far ahead of every instant the tests use, so no event is refused as skew."""
    return dt.datetime(2100, 1, 1, tzinfo=dt.UTC)


def open_case(ident: str, *, at: dt.datetime = T0, grid: str = "g-1") -> Case:
    """A dispute opened in person by resident p-1 of grid ``grid``, under the Kangbashi policy."""
    return Case.open(
        id=ident,
        resident="p-1",
        community=HOME,
        grid=grid,
        category=CaseCategory.DISPUTE,
        channel=CaseChannel.IN_PERSON,
        summary="楼上漏水",
        policy=POLICY,
        by=Actor("p-1"),
        at=at,
    )


def open_passbook(holder: str = "p-3", *, at: dt.datetime = T0) -> Passbook:
    """A person's passbook in the home community, under the practice policy."""
    owner = Holder(id=holder, kind=HolderKind.PERSON, community=HOME)
    return Passbook.open(owner, policy=PointsPolicy.practice(), by=STAFF, at=at)


def earn(book: Passbook, key: str, *, at: dt.datetime = T0) -> None:
    """Two material points for a meeting (activity ``key``)."""
    book.accrue_activity(
        activity=key, on=at.date(), activity_kind="meeting", by=STAFF, at=at, key=key
    )


def open_shop(point: str = "shop-1", *, at: dt.datetime = T0, stock: int = 1000) -> Catalogue:
    """A supermarket with rice at 2 points, ``stock`` bags."""
    shop = Catalogue.open(point=point, community=HOME, by=STAFF, at=at)
    shop.list_item(item="rice", name="大米", price=2, stock=stock, by=STAFF, at=at, key="l-rice")
    return shop


def make_store(spec: dict[str, Any], **options: Any) -> Any:
    """A store from a picklable spec: ``{"kind": "sqlite", "path": ...}`` or postgres ``dsn``."""
    options.setdefault("clock", far_clock)
    if spec["kind"] == "sqlite":
        return SQLiteStore(Path(spec["path"]), **options)
    from wulian_core.store import PostgresStore

    return PostgresStore(spec["dsn"], **options)


# --- worker processes for the concurrency tests -------------------------------------------


def _redeem_round(store: Any, index: int, round_: int) -> str:
    from wulian_core.errors import InsufficientPoints

    def redeem(uow: Any) -> None:
        uow.passbooks.get("p-3").redeem(
            points=2, point="shop-1", by=HOLDER, at=T0, key=f"r-{round_}-{index}"
        )

    try:
        store.run(redeem, attempts=50)
    except InsufficientPoints:
        return "refused"
    return "ok"


def _accept_round(store: Any, index: int, round_: int) -> str:
    from wulian_core.errors import IllegalTransition

    try:
        store.run(lambda uow: uow.cases.get(f"c-{round_}").accept(by=LIAISON, at=T0), attempts=50)
    except IllegalTransition:
        return "refused"
    return "ok"


def _retry_round(store: Any, index: int, round_: int) -> str:
    def accrue(uow: Any) -> int:
        book = uow.passbooks.get("p-3")
        (event,) = book.accrue_activity(
            activity=f"a-{round_}",
            on=T0.date(),
            activity_kind="meeting",
            by=STAFF,
            at=T0,
            key=f"same-{round_}",
        )
        return int(event.points)

    store.run(accrue, attempts=50)
    return "ok"


ROUNDS = {"redeem": _redeem_round, "accept": _accept_round, "retry": _retry_round}


def race_worker(
    spec: dict[str, Any], index: int, plan: list[tuple[str, int]], barrier: Any, results: Any
) -> None:
    """Run each scenario's rounds in step with the other workers; report every outcome.

    Before each round, worker 0 sets it up (two points to spend); then all race.
    """
    store = make_store(spec)
    outcomes: list[tuple[str, int, str]] = []
    try:
        for scenario, rounds in plan:
            for round_ in range(rounds):
                barrier.wait()
                if index == 0 and scenario == "redeem":
                    store.run(lambda uow, r=round_: earn(uow.passbooks.get("p-3"), f"e-{r}"))
                barrier.wait()
                outcomes.append((scenario, round_, ROUNDS[scenario](store, index, round_)))
    except BaseException as exc:  # reported to the test, then the barrier breaks for all
        barrier.abort()
        results.put((index, f"error: {type(exc).__name__}: {exc}"))
        raise
    finally:
        store.close()
    results.put((index, outcomes))


class StallOnOrder:
    """A projection that stops its writer inside the commit of a catalogue order."""

    name = "stall_on_order"

    def __init__(self, reached: Any) -> None:
        self.reached = reached

    def create(self, tx: Any) -> None:
        pass

    def apply(self, tx: Any, events: Any, streams: Any) -> None:
        import time

        if any(event.kind == "catalogue.item_reserved" for event in events):
            self.reached.set()  # both streams' rows are written, not committed
            time.sleep(120)


def stalled_writer(spec: dict[str, Any], reached: Any) -> None:
    """Redeem order o-1 in a store whose commit stalls midway (the test kills us there)."""
    store = make_store(spec, projections=[StallOnOrder(reached)])
    store.run(
        lambda uow: uow.catalogues.get("shop-1").redeem(
            uow.passbooks.get("p-3"), item="rice", by=HOLDER, at=T0, key="o-1"
        )
    )
