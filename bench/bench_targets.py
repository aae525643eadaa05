"""Targets benchmark: the whole shaanxi-2022 set over a province, against a floor.

    python bench/bench_targets.py             # the province, then with activities
    python bench/bench_targets.py --quick     # fewer repeats

The province is ``synth.province(seed=1)``: 20,000 communities and 200,000
organizations, with 25 pilot counties and staffed township stations so that every target
has subjects. The floor is one pass that only counts the organizations existing on the
date per community: the least any evaluation of "10 or more per community" must do. Both
run in this one process, interleaved, best of N, on the same directory. A second run
adds 12 activities per community (240,000 more records) for the activity targets.
Figures go to docs/performance.md.
"""

import datetime as dt
import gc
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from wulian_core import policies, synth
from wulian_core.regions import RegionCode
from wulian_core.rules import evaluate, progress

AS_OF = dt.date(2023, 12, 31)


def timings(runs: int, fns: dict[str, Callable[[], Any]]) -> dict[str, list[float]]:
    """Each function ``runs`` times, interleaved, after a collection each: wall seconds."""
    found: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            gc.collect()
            start = time.perf_counter()
            fn()
            found[name].append(time.perf_counter() - start)
    return found


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def run(label: str, runs: int, **options: Any) -> None:
    start = time.perf_counter()
    directory = synth.province(seed=1, pilot_counties=25, staffed=True, **options)
    built = time.perf_counter() - start
    plan = policies.load("shaanxi-2022")
    print(
        f"\n== {label}: {len(directory.communities()):,} communities, "
        f"{len(directory.organizations):,} organizations, "
        f"{len(directory.activities):,} activities (built in {built:.1f} s)"
    )

    def floor() -> Counter[str]:
        day = AS_OF
        return Counter(
            [
                o.community
                for o in directory.organizations
                if o.established <= day and (o.dissolved is None or day <= o.dissolved)
            ]
        )

    def ours() -> Any:
        return evaluate(plan, directory, as_of=AS_OF)

    def floor_with_activities() -> Any:
        # The floor, plus one pass that only counts each community's activities of 2023.
        first, last = dt.date(2023, 1, 1), AS_OF
        return floor(), Counter(
            [a.community for a in directory.activities if first <= a.on <= last]
        )

    fns: dict[str, Callable[[], Any]] = {"floor": floor, "ours": ours}
    if directory.activities:
        fns["both"] = floor_with_activities
    found = timings(runs, fns)
    best_floor, best_ours = min(found["floor"]), min(found["ours"])
    median_floor, median_ours = statistics.median(found["floor"]), statistics.median(found["ours"])
    print(
        f"floor (count organizations per community)  best {ms(best_floor)}  median {ms(median_floor)}"
    )
    print(
        f"evaluate(shaanxi-2022, whole province)     best {ms(best_ours)}  median {ms(median_ours)}"
    )
    print(
        f"ratio: best {best_ours / best_floor:.2f}x, median {median_ours / median_floor:.2f}x"
        "   (target: within 5x)"
    )
    if "both" in found:
        best_both, median_both = min(found["both"]), statistics.median(found["both"])
        print(
            f"floor + a pass counting activities         best {ms(best_both)}  median {ms(median_both)}"
        )
        print(
            f"ratio to it: best {best_ours / best_both:.2f}x, median {median_ours / median_both:.2f}x"
        )

    report = ours()
    print(f"findings: {len(report):,}   {report!r}")
    extras = {
        "findings, built on first read": lambda: evaluate(plan, directory, as_of=AS_OF).findings,
        "roll-ups, built on first read": lambda: evaluate(plan, directory, as_of=AS_OF).rollups(),
        "gaps(), all of them": lambda: evaluate(plan, directory, as_of=AS_OF).gaps(),
    }
    for name, seconds in timings(max(3, runs // 5), extras).items():
        print(f"{name:42s} best {ms(min(seconds) - best_ours)} (beyond evaluate)")
    cities = [r.code for r in directory.regions if len(r.code) == 4]
    parts = [evaluate(plan, directory, as_of=AS_OF, within=RegionCode(c)) for c in cities]
    merged = timings(max(3, runs // 5), {"merge": lambda: parts[0].merge(*parts[1:])})["merge"]
    print(f"merge of {len(parts)} city reports                     best {ms(min(merged))}")
    dates = [dt.date(2022, 6, 30), dt.date(2022, 12, 31), dt.date(2023, 6, 30), AS_OF]
    spent = timings(1, {"p": lambda: progress(plan, directory, dates)})["p"]
    print(f"progress at {len(dates)} dates                           {ms(min(spent))}")


def main() -> None:
    runs = 5 if "--quick" in sys.argv else 15
    print(f"python {' '.join(sys.argv)}  (runs: {runs}, best and median of each)")
    run("province", runs)
    run("province with 12 activities per community", runs, activities_per_community=12)


if __name__ == "__main__":
    main()
