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

It then does the same on the provisional calendar,
``ChinaCalendar.official(beyond="statutory")``, for starts from 2026-06-01 to 2027-10-31,
so that most deadlines run past the last notice (2026-12-24) into days counted by law.
chinese-calendar knows nothing after 2026, so there the loop asks it up to 2026-12-24 and
then does what an application would: weekends and the statutory days of the year.
"""

from __future__ import annotations

import argparse
import bisect
import random
import time
from collections.abc import Callable
from datetime import date, timedelta

import chinese_calendar

from wulian_core.calendar import ChinaCalendar, YearNotice

COUNT = 100_000
FIRST = date(2024, 1, 1)
LAST = date(2026, 10, 31)


PROVISIONAL_FIRST = date(2026, 6, 1)
PROVISIONAL_LAST = date(2027, 10, 31)
LAST_NOTICE_DAY = date(2026, 12, 24)
BY_LAW = frozenset(day for year in range(2027, 2061) for day in YearNotice.statutory(year).days_off)


def make_pairs(
    count: int, seed: int = 20240204, first: date = FIRST, last: date = LAST
) -> list[tuple[date, int]]:
    rng = random.Random(seed)
    span = (last - first).days
    return [
        (first + timedelta(days=rng.randrange(span + 1)), rng.randint(1, 20)) for _ in range(count)
    ]


def by_law_is_workday(day: date) -> bool:
    if day <= LAST_NOTICE_DAY:
        return bool(chinese_calendar.is_workday(day))
    return day.weekday() < 5 and day not in BY_LAW


def loop_deadline_by_law(start: date, n: int) -> date:
    day = start
    while n:
        day += timedelta(days=1)
        if by_law_is_workday(day):
            n -= 1
    return day


def loop_deadline(start: date, n: int) -> date:
    day = start
    while n:
        day += timedelta(days=1)
        if chinese_calendar.is_workday(day):
            n -= 1
    return day


def make_floor(
    is_workday: Callable[[date], bool] = chinese_calendar.is_workday,
    last_day: date = date(2026, 12, 31),
) -> Callable[[date, int], date]:
    first = date(2004, 1, 1).toordinal()
    last = last_day.toordinal()
    workdays = [o for o in range(first, last + 1) if is_workday(date.fromordinal(o))]
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


def compare(
    title: str,
    ours: Callable[[date, int], date],
    loop: Callable[[date, int], date],
    floor: Callable[[date, int], date],
    pairs: list[tuple[date, int]],
    args: argparse.Namespace,
) -> None:
    loop_pairs = pairs[: args.loop]
    ours_s, ours_answers = timed(ours, pairs, args.repeat)
    floor_s, floor_answers = timed(floor, pairs, args.repeat)
    loop_s, loop_answers = timed(loop, loop_pairs, 1)
    if ours_answers != floor_answers or ours_answers[: len(loop_answers)] != loop_answers:
        raise SystemExit(f"{title}: the three approaches disagree")

    print(title)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loop", type=int, default=COUNT, help="pairs to time the slow loop on")
    parser.add_argument("--repeat", type=int, default=5, help="runs of the fast approaches")
    args = parser.parse_args()

    compare(
        f"{COUNT:,} deadlines, n in 1..20, starts {FIRST} to {LAST}",
        ChinaCalendar.official().add_workdays,
        loop_deadline,
        make_floor(),
        make_pairs(COUNT),
        args,
    )
    pairs = make_pairs(COUNT, first=PROVISIONAL_FIRST, last=PROVISIONAL_LAST)
    provisional = ChinaCalendar.official(beyond="statutory")
    past = sum(provisional.add_workdays(start, n) > LAST_NOTICE_DAY for start, n in pairs)
    compare(
        f"{COUNT:,} deadlines on the provisional calendar, starts {PROVISIONAL_FIRST} to"
        f" {PROVISIONAL_LAST} ({past * 100 // COUNT}% due past {LAST_NOTICE_DAY})",
        provisional.add_workdays,
        loop_deadline_by_law,
        make_floor(by_law_is_workday, date(2060, 12, 24)),
        pairs,
        args,
    )


if __name__ == "__main__":
    main()
