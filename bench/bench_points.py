"""How fast and how lean ``Passbook`` is, against a plain-dict floor, in the same run.

Run from the repository root::

    python bench/bench_points.py                  # 1,000,000 commands over 10,000 passbooks
    python bench/bench_points.py --commands 100000 --passbooks 1000   # a quick look

One seeded stream of mixed commands (accrue 60 %: half certified service, half activity
points; redeem 25 %; expire 10 %; reverse 5 %) runs twice:

- ours: ``Passbook`` commands, with every check (actor, values, caps, idempotency,
  window, bar), events, lots, the as-of history and the idempotency index;
- floor: a plain ledger doing the same arithmetic (FIFO lots in deques, expiry first,
  reversal debt settled by later accruals) with an idempotency-key set and an entry
  per command, and no other checks.

The floor runs in two forms: with plain-dict records (each passbook, lot and entry a
dict, as the issue words it) and with list and tuple records (leaner still). All must
end with the same balance and debt in every passbook and refuse the same commands. The
script prints CPU microseconds per command (best of three, without tracing), bytes per
command retained after the run (tracemalloc; inputs built beforehand and shared), the
ratios (target: within 4x of the floor per command, fewer bytes than the floor), and
what ``balance()`` and ``available()`` cost at 10 and at 100,000 events.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import time
import timeit
import tracemalloc
from collections import deque
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from wulian_core.calendar import SHANGHAI
from wulian_core.errors import WulianError
from wulian_core.people import Actor, Grant, Role, Scope
from wulian_core.points import (
    Holder,
    HolderKind,
    Passbook,
    PointsPolicy,
    Term,
    TermKind,
)
from wulian_core.regions import RegionCode

T0 = dt.datetime(2024, 1, 1, 8, tzinfo=SHANGHAI)
STEP = dt.timedelta(seconds=630)  # 1,000,000 commands span about two years
SERVICE_MINUTES = 60
ACTIVITY_POINTS = 5  # the practice policy's public_welfare kind
POLICY = PointsPolicy(
    name="bench",
    service=PointsPolicy.practice().service,
    activities=PointsPolicy.practice().activities,
    moral=PointsPolicy.practice().moral,
    expiry=Term(kind=TermKind.MONTHS, count=12),
)

Command = tuple[Any, ...]


def make_stream(commands: int, passbooks: int, seed: int = 20240301) -> list[Command]:
    """The shared command stream: ``(op, holder index, key, at, argument, day)`` tuples."""
    rng = random.Random(seed)
    accruals: list[list[str]] = [[] for _ in range(passbooks)]
    ats = [T0 + STEP * i for i in range(commands // 10 + 1)]  # shared: ten commands an instant
    days: dict[dt.date, dt.date] = {}
    stream: list[Command] = []
    for i in range(commands):
        holder = rng.randrange(passbooks)
        key = f"{i:x}"
        at = ats[i // 10]
        local = at.astimezone(SHANGHAI).date()
        day = days.setdefault(local, local)  # one date object a day, like an app's own
        roll = rng.random()
        if roll < 0.05 and accruals[holder]:
            pool = accruals[holder]
            target = pool.pop(rng.randrange(len(pool)))
            stream.append(("reverse", holder, key, at, target, day))
        elif roll < 0.15:
            stream.append(("expire", holder, key, at, None, day))
        elif roll < 0.40:
            stream.append(("redeem", holder, key, at, rng.randint(1, 3), day))
        elif roll < 0.70:
            accruals[holder].append(key)
            stream.append(("service", holder, key, at, key, day))
        else:
            accruals[holder].append(key)
            stream.append(("activity", holder, key, at, key, day))
    return stream


class Setting:
    """Holders, actors and communities, built before anything is timed or traced."""

    def __init__(self, passbooks: int) -> None:
        self.communities = [
            RegionCode(f"150603{c // 100 + 1:03d}{c % 100 + 1:03d}") for c in range(100)
        ]
        self.workers = [
            Actor(f"w-{c}", {Grant(Role.COMMUNITY_WORKER, Scope.region(code))})
            for c, code in enumerate(self.communities)
        ]
        self.holders = [
            Holder(id=f"p-{h}", kind=HolderKind.PERSON, community=self.communities[h % 100])
            for h in range(passbooks)
        ]
        self.actors = [Actor(holder.id) for holder in self.holders]


def run_ours(stream: list[Command], setting: Setting) -> tuple[list[Passbook], int]:
    books = [
        Passbook.open(holder, policy=POLICY, by=setting.workers[h % 100], at=T0)
        for h, holder in enumerate(setting.holders)
    ]
    workers, actors = setting.workers, setting.actors
    refused = 0
    for op, h, key, at, arg, day in stream:
        book = books[h]
        try:
            if op == "service":
                book.record_service(
                    activity=arg,
                    on=day,
                    minutes=SERVICE_MINUTES,
                    by=workers[h % 100],
                    at=at,
                    key=key,
                )
            elif op == "activity":
                book.accrue_activity(
                    activity=arg,
                    on=day,
                    activity_kind="public_welfare",
                    by=workers[h % 100],
                    at=at,
                    key=key,
                )
            elif op == "redeem":
                book.redeem(points=arg, point="market-1", by=actors[h], at=at, key=key)
            elif op == "expire":
                book.expire(at=at, by=workers[h % 100], key=key)
            else:
                book.reverse(accrual=arg, reason="bench", by=workers[h % 100], at=at, key=key)
        except WulianError:
            refused += 1
    return books, refused


@lru_cache(maxsize=4096)
def _expiry(day: dt.date) -> dt.date:
    return POLICY.expiry.end(day)  # type: ignore[return-value]


class Floor:
    """The floor: the same arithmetic on plain dicts, deques and lists; no other checks."""

    def __init__(self, passbooks: int) -> None:
        # per holder: [balance, debt, deque of lots, entries]; a lot is
        # [remaining, spent, settled, expires_on, reversed]
        self.books: list[list[Any]] = [[0, 0, deque(), []] for _ in range(passbooks)]
        self.keys: set[str] = set()
        self.lots: dict[str, list[Any]] = {}

    def accrue(self, h: int, key: str, at: dt.datetime, by: str, points: int) -> None:
        if key in self.keys:
            return
        self.keys.add(key)
        book = self.books[h]
        settled = min(points, book[1])
        book[1] -= settled
        lot = [points - settled, 0, settled, _expiry(at.astimezone(SHANGHAI).date()), False]
        book[2].append(lot)
        self.lots[key] = lot
        book[0] += points - settled
        book[3].append((at, key, by, points, "accrual"))

    def _expire(self, book: list[Any], day: dt.date) -> int:
        total = 0
        lots = book[2]
        while lots and lots[0][3] <= day:  # lots are in earning order, so expiry order too
            total += lots[0][0]
            lots.popleft()[0] = 0
        book[0] -= total
        return total

    def redeem(self, h: int, key: str, at: dt.datetime, by: str, points: int) -> bool:
        if key in self.keys:
            return True
        book = self.books[h]
        self._expire(book, at.astimezone(SHANGHAI).date())
        if points > book[0]:
            return False
        self.keys.add(key)
        lots, need = book[2], points
        while need:
            lot = lots[0]
            if not lot[0]:
                lots.popleft()
                continue
            take = min(lot[0], need)
            lot[0] -= take
            lot[1] += take
            need -= take
        book[0] -= points
        book[3].append((at, key, by, -points, "redeem"))
        return True

    def expire(self, h: int, key: str, at: dt.datetime, by: str) -> None:
        if key in self.keys:
            return
        self.keys.add(key)
        book = self.books[h]
        total = self._expire(book, at.astimezone(SHANGHAI).date())
        if total:
            book[3].append((at, key, by, -total, "expire"))

    def reverse(self, h: int, key: str, at: dt.datetime, by: str, accrual: str) -> bool:
        lot = self.lots.get(accrual)
        if key in self.keys or lot is None or lot[4]:
            return False
        self.keys.add(key)
        book = self.books[h]
        taken, owed = lot[0], lot[1] + lot[2]
        lot[0], lot[4] = 0, True
        book[0] -= taken
        book[1] += owed
        book[3].append((at, key, by, -taken, "reverse"))
        return True

    def balance_and_debt(self, h: int) -> tuple[int, int]:
        return self.books[h][0], self.books[h][1]


class DictFloor(Floor):
    """The floor as the issue words it, a plain-dict ledger: each passbook, lot and entry
    a dict. The same arithmetic as :class:`Floor`, whose records are lists and tuples."""

    def __init__(self, passbooks: int) -> None:
        self.books = [
            {"balance": 0, "debt": 0, "lots": deque(), "entries": []} for _ in range(passbooks)
        ]  # type: ignore[misc]
        self.keys = set()
        self.lots = {}

    def accrue(self, h: int, key: str, at: dt.datetime, by: str, points: int) -> None:
        if key in self.keys:
            return
        self.keys.add(key)
        book: dict[str, Any] = self.books[h]  # type: ignore[assignment]
        settled = min(points, book["debt"])
        book["debt"] -= settled
        lot = {
            "remaining": points - settled,
            "spent": 0,
            "settled": settled,
            "expires_on": _expiry(at.astimezone(SHANGHAI).date()),
            "reversed": False,
        }
        book["lots"].append(lot)
        self.lots[key] = lot  # type: ignore[assignment]
        book["balance"] += points - settled
        book["entries"].append(
            {"at": at, "key": key, "by": by, "amount": points, "reason": "accrual"}
        )

    def _expire_dict(self, book: dict[str, Any], day: dt.date) -> int:
        total = 0
        lots = book["lots"]
        while lots and lots[0]["expires_on"] <= day:
            lot = lots.popleft()
            total += lot["remaining"]
            lot["remaining"] = 0
        book["balance"] -= total
        return total

    def redeem(self, h: int, key: str, at: dt.datetime, by: str, points: int) -> bool:
        if key in self.keys:
            return True
        book: dict[str, Any] = self.books[h]  # type: ignore[assignment]
        self._expire_dict(book, at.astimezone(SHANGHAI).date())
        if points > book["balance"]:
            return False
        self.keys.add(key)
        lots, need = book["lots"], points
        while need:
            lot = lots[0]
            if not lot["remaining"]:
                lots.popleft()
                continue
            take = min(lot["remaining"], need)
            lot["remaining"] -= take
            lot["spent"] += take
            need -= take
        book["balance"] -= points
        book["entries"].append(
            {"at": at, "key": key, "by": by, "amount": -points, "reason": "redeem"}
        )
        return True

    def expire(self, h: int, key: str, at: dt.datetime, by: str) -> None:
        if key in self.keys:
            return
        self.keys.add(key)
        book: dict[str, Any] = self.books[h]  # type: ignore[assignment]
        total = self._expire_dict(book, at.astimezone(SHANGHAI).date())
        if total:
            book["entries"].append(
                {"at": at, "key": key, "by": by, "amount": -total, "reason": "expire"}
            )

    def reverse(self, h: int, key: str, at: dt.datetime, by: str, accrual: str) -> bool:
        lot: dict[str, Any] | None = self.lots.get(accrual)  # type: ignore[assignment]
        if key in self.keys or lot is None or lot["reversed"]:
            return False
        self.keys.add(key)
        book: dict[str, Any] = self.books[h]  # type: ignore[assignment]
        taken, owed = lot["remaining"], lot["spent"] + lot["settled"]
        lot["remaining"], lot["reversed"] = 0, True
        book["balance"] -= taken
        book["debt"] += owed
        book["entries"].append(
            {"at": at, "key": key, "by": by, "amount": -taken, "reason": "reverse"}
        )
        return True

    def balance_and_debt(self, h: int) -> tuple[int, int]:
        book: dict[str, Any] = self.books[h]  # type: ignore[assignment]
        return book["balance"], book["debt"]


def run_floor(
    stream: list[Command], setting: Setting, kind: type[Floor] = Floor
) -> tuple[Floor, int]:
    floor = kind(len(setting.holders))
    holders = setting.holders
    refused = 0
    for op, h, key, at, arg, _day in stream:
        by = holders[h].id
        if op == "service":
            floor.accrue(h, key, at, by, SERVICE_MINUTES // 60)
        elif op == "activity":
            floor.accrue(h, key, at, by, ACTIVITY_POINTS)
        elif op == "redeem":
            refused += not floor.redeem(h, key, at, by, arg)
        elif op == "expire":
            floor.expire(h, key, at, by)
        else:
            refused += not floor.reverse(h, key, at, by, arg)
    return floor, refused


def timed(label: str, fn: Callable[[], Any]) -> tuple[Any, float]:
    """Run ``fn``; its CPU time (this process only, so a busy machine skews it less)."""
    gc.collect()
    start = time.process_time()
    result = fn()
    seconds = time.process_time() - start
    print(f"  {label}: {seconds:.2f} s")
    return result, seconds


def traced(fn: Callable[[], Any]) -> int:
    """Bytes still allocated after ``fn`` while its result is alive."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    result = fn()
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del result
    return after - before


def query_cost(events: int) -> tuple[float, float]:
    """Nanoseconds per ``balance()`` and per ``available(as_of=...)`` on a passbook of ``events``."""
    home = RegionCode("150603001001")
    worker = Actor("w", {Grant(Role.COMMUNITY_WORKER, Scope.region(home))})
    book = Passbook.open(
        Holder(id="p", kind=HolderKind.PERSON, community=home), policy=POLICY, by=worker, at=T0
    )
    for i in range(events - 1):
        at = T0 + dt.timedelta(minutes=i)
        book.accrue_activity(
            activity=f"a{i}",
            on=at.astimezone(SHANGHAI).date(),
            activity_kind="public_welfare",
            by=worker,
            at=at,
            key=f"k{i}",
        )
    assert book.version == events
    now = T0 + dt.timedelta(minutes=events)
    loops = 200_000
    balance = min(timeit.repeat(book.balance, number=loops, repeat=5)) / loops * 1e9
    available = (
        min(timeit.repeat(lambda: book.available(as_of=now), number=loops, repeat=5)) / loops * 1e9
    )
    return balance, available


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--commands", type=int, default=1_000_000)
    parser.add_argument("--passbooks", type=int, default=10_000)
    args = parser.parse_args()
    print(f"building {args.commands:,} commands over {args.passbooks:,} passbooks ...")
    stream = make_stream(args.commands, args.passbooks)
    setting = Setting(args.passbooks)
    mix: dict[str, int] = {}
    for command in stream:
        mix[command[0]] = mix.get(command[0], 0) + 1
    print("  mix: " + ", ".join(f"{op} {n / len(stream):.1%}" for op, n in sorted(mix.items())))

    print("CPU time (no tracing; best of three runs each, interleaved):")
    floors = {"floor (plain-dict records)": DictFloor, "floor (tuple records)": Floor}
    seconds: dict[str, float] = {}
    for _round in range(3):
        (books, ours_refused), took = timed("ours", lambda: run_ours(stream, setting))
        seconds["ours"] = min(took, seconds.get("ours", took))
        for label, kind in floors.items():
            (floor, floor_refused), took = timed(
                label, lambda kind=kind: run_floor(stream, setting, kind)
            )
            seconds[label] = min(took, seconds.get(label, took))
            for h, book in enumerate(books):
                if (book.balance(), book.debt) != floor.balance_and_debt(h):
                    raise SystemExit(
                        f"passbook {h}: ours {book.balance(), book.debt}, {label} differs"
                    )
            if floor_refused != ours_refused:
                raise SystemExit(f"refused: ours {ours_refused}, {label} {floor_refused}")
    events = sum(book.version - 1 for book in books)
    print(f"  all agree on every balance and debt; {ours_refused:,} commands refused by each")
    del books, floor

    print("memory (tracemalloc, retained after the run):")
    retained = {"ours": traced(lambda: run_ours(stream, setting))}
    for label, kind in floors.items():
        retained[label] = traced(lambda kind=kind: run_floor(stream, setting, kind))
    n = len(stream)
    print()
    print(f"{'per command':28}{'µs':>8}{'bytes':>8}{'ours/this µs':>15}{'ours/this bytes':>17}")
    for label in ("ours", *floors):
        us, size = seconds[label] / n * 1e6, retained[label] / n
        ratio_us = seconds["ours"] / seconds[label]
        ratio_bytes = retained["ours"] / retained[label]
        print(f"{label:28}{us:>8.2f}{size:>8.0f}{ratio_us:>15.2f}{ratio_bytes:>17.2f}")
    print("targets: within 4x of the floor per command; fewer bytes than the floor")
    print(f"ours: {retained['ours'] / events:.0f} bytes per event ({events:,} events recorded)")
    print()
    print("query cost, ns per call (same cost at 10 and at 100,000 events):")
    for size in (10, 100_000):
        balance_ns, available_ns = query_cost(size)
        print(
            f"  {size:>7,} events: balance() {balance_ns:7.0f} ns, available(as_of=now) {available_ns:7.0f} ns"
        )


if __name__ == "__main__":
    main()
