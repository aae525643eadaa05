"""How fast ``ChinaCalendar.add_workdays`` computes deadlines, against two references.

Run from the repository root::

    python bench/bench_calendar.py            # all 100,000 deadlines for each approach
    python bench/bench_calendar.py --loop 10000   # time the slow loop on a sample only

Three approaches answer the same 100,000 ``(start, n)`` pairs (n from 1 to 20, starts
from 2024-01-01 to 2026-10-31 so every answer stays inside the bundled calendar):

- ours: ``ChinaCalendar.official().add_workdays(start, n)``;
- loop: a day-by-day loop over chinese-calendar's ``is_workday``, what most code does;
- floor: a bare ``bisect`` over a sorted list of workday ordinals, no checks at all.

All three must agree. The script prints microseconds per deadline and the two ratios
(target: at least 100x faster than the loop, within 3x of the floor).
"""

from __future__ import annotations

import argparse
import bisect
import random
import time
from collections.abc import Callable
from datetime import date, timedelta

import chinese_calendar

from wulian_core.calendar import ChinaCalendar

COUNT = 100_000
FIRST = date(2024, 1, 1)
LAST = date(2026, 10, 31)


def make_pairs(count: int, seed: int = 20240204) -> list[tuple[date, int]]:
    rng = random.Random(seed)
    span = (LAST - FIRST).days
    return [
        (FIRST + timedelta(days=rng.randrange(span + 1)), rng.randint(1, 20)) for _ in range(count)
    ]


def loop_deadline(start: date, n: int) -> date:
    day = start
    while n:
        day += timedelta(days=1)
        if chinese_calendar.is_workday(day):
            n -= 1
    return day


def make_floor() -> Callable[[date, int], date]:
    first = date(2004, 1, 1).toordinal()
    last = date(2026, 12, 31).toordinal()
    workdays = [
        o for o in range(first, last + 1) if chinese_calendar.is_workday(date.fromordinal(o))
    ]
    bisect_right = bisect.bisect_right
    fromordinal = date.fromordinal

    def floor_deadline(start: date, n: int) -> date:
        return fromordinal(workdays[bisect_right(workdays, start.toordinal()) + n - 1])

    return floor_deadline


def timed(
    fn: Callable[[date, int], date], pairs: list[tuple[date, int]], repeat: int
) -> tuple[float, list[date]]:
    """Best seconds per call over ``repeat`` runs, and the answers."""
    best = float("inf")
    answers: list[date] = []
    for _ in range(repeat):
        began = time.perf_counter()
        answers = [fn(start, n) for start, n in pairs]
        best = min(best, time.perf_counter() - began)
    return best / len(pairs), answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loop", type=int, default=COUNT, help="pairs to time the slow loop on")
    parser.add_argument("--repeat", type=int, default=5, help="runs of the fast approaches")
    args = parser.parse_args()

    pairs = make_pairs(COUNT)
    ours = ChinaCalendar.official().add_workdays
    floor = make_floor()
    loop_pairs = pairs[: args.loop]

    ours_s, ours_answers = timed(ours, pairs, args.repeat)
    floor_s, floor_answers = timed(floor, pairs, args.repeat)
    loop_s, loop_answers = timed(loop_deadline, loop_pairs, 1)
    if ours_answers != floor_answers or ours_answers[: len(loop_answers)] != loop_answers:
        raise SystemExit("the three approaches disagree")

    print(f"{COUNT:,} deadlines, n in 1..20, starts {FIRST} to {LAST}")
    print(f"  ours  ChinaCalendar.add_workdays     {ours_s * 1e6:8.2f} us/deadline")
    print(
        f"  loop  chinese_calendar.is_workday    {loop_s * 1e6:8.2f} us/deadline"
        f"  ({len(loop_pairs):,} deadlines)"
    )
    print(f"  floor bisect over workday ordinals   {floor_s * 1e6:8.2f} us/deadline")
    print(
        f"  loop / ours  = {loop_s / ours_s:8.1f}   (ours is this many times faster; target >= 100)"
    )
    print(f"  ours / floor = {ours_s / floor_s:8.2f}   (ours costs this many floors; target <= 3)")


if __name__ == "__main__":
    main()
