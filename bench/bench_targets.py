"""Targets benchmark: the whole shaanxi-2022 set over a province, against floors.

    python bench/bench_targets.py              # the province, with activities, and Dask
    python bench/bench_targets.py --quick      # fewer repeats
    python bench/bench_targets.py --national   # the whole country, in a subprocess
    python bench/bench_targets.py --national --scale 0.1   # a tenth of it
    python bench/bench_targets.py --dask       # the Dask comparison alone
    python bench/bench_targets.py --loaded     # its workers loading county files, alone

The province is ``synth.province(seed=1)``: 20,000 communities and 200,000
organizations, with 25 pilot counties and staffed township stations so that every target
has subjects; the second run adds 12 activities per community (240,000). Everything runs
in this one process, interleaved, best of N, on the same directory.

Floors:

- **old floor**: one pass counting the organizations existing on the date per community,
  the least "10 or more per community" must do (one target of 14); **old floor +
  activities** adds one pass counting each community's activities of 2023.
- **fair floor**: every count the 14 targets read, in plain passes with ``Counter`` and
  dicts: organizations per community (all, and of the priority categories), a bit per
  month and the joint activities per community in the window, stations per region,
  stationed staff and regulations per pilot-township station, station work kinds per
  station, charity funds and projects per region. It skips what is not counting: picking
  the subjects (tags, settlement), summing up to townships and counties, thresholds and
  shortfalls, the report's columns, and every check of the arguments.

``evaluate`` keeps a per-community date index beside the directory (built on its first
evaluation): "warm" is every evaluation after the first, "cold" the first (the index
dropped before each run). The national run builds the directory in a subprocess with
``synth.province`` at national size (600,000 communities, 6 million organizations, 12
activities a community) and reports its peak memory from ``/proc/self/status``.
"""

import datetime as dt
import gc
import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from operator import attrgetter
from pathlib import Path
from typing import Any

from wulian_core import policies, synth
from wulian_core.directory import Directory
from wulian_core.regions import RegionCode, RegionLevel
from wulian_core.rules import (
    CharityPresence,
    CharityRecord,
    OrganizationFilter,
    StationStaffing,
    StationWorkRecords,
    TargetSet,
    _dated,  # to drop the kept index for the cold figures
    evaluate,
    progress,
    window,
)

AS_OF = dt.date(2023, 12, 31)
PLAN = policies.load("shaanxi-2022")
_COMMUNITY = attrgetter("community")


def timings(
    runs: int,
    fns: dict[str, Callable[[], Any]],
    setup: dict[str, Callable[[], Any]] | None = None,
    cpu: dict[str, list[float]] | None = None,
) -> dict[str, list[float]]:
    """Each function ``runs`` times, interleaved, after a collection each: wall seconds.
    ``setup[name]``, if given, runs before ``name``'s timer starts; ``cpu``, if given,
    receives the CPU seconds of each run (``time.process_time``), which other work on
    a shared machine inflates less than the wall clock."""
    found: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            if setup and name in setup:
                setup[name]()
            gc.collect()
            start, used = time.perf_counter(), time.process_time()
            fn()
            found[name].append(time.perf_counter() - start)
            if cpu is not None:
                cpu.setdefault(name, []).append(time.process_time() - used)
    return found


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


# The directory holds its organizations and activities as columns and makes a record
# each time one is read; the floors are plain passes over records, so they read tuples of
# the records, made once per directory before any timer starts (``records_of`` before the
# rounds).
_RECORDS: dict[int, tuple[Any, ...]] = {}
_ACTIVITIES: dict[int, tuple[Any, ...]] = {}


def records_of(directory: Directory) -> tuple[Any, ...]:
    found = _RECORDS.get(id(directory))
    if found is None:
        found = _RECORDS[id(directory)] = tuple(directory.organizations)
        _ACTIVITIES[id(directory)] = tuple(directory.activities)
    return found


def activities_of(directory: Directory) -> tuple[Any, ...]:
    records_of(directory)
    return _ACTIVITIES[id(directory)]


def old_floor(directory: Directory, day: dt.date = AS_OF) -> Counter[str]:
    return Counter(
        [
            o.community
            for o in records_of(directory)
            if o.established <= day and (o.dissolved is None or day <= o.dissolved)
        ]
    )


def old_floor_with_activities(directory: Directory) -> Any:
    first, last = dt.date(2023, 1, 1), AS_OF
    return old_floor(directory), Counter(
        [a.community for a in activities_of(directory) if first <= a.on <= last]
    )


def fair_floor(directory: Directory, plan: TargetSet = PLAN, day: dt.date = AS_OF) -> Any:
    """Every count the plan's 14 targets read, in plain passes (see the module's words)."""
    priority = {c._value_ for c in OrganizationFilter.PRIORITY.categories}
    active = [
        o
        for o in records_of(directory)
        if o.established <= day and (o.dissolved is None or day <= o.dissolved)
    ]
    everything = Counter(map(_COMMUNITY, active))
    part = Counter([o.community for o in active if o.category._value_ in priority])

    first, last = window(day, 12)
    base = first.year * 12 + first.month
    masks: dict[str, int] = {}
    joint: Counter[str] = Counter()
    for a in activities_of(directory):
        if first <= a.on <= last:
            c = a.community
            masks[c] = masks.get(c, 0) | 1 << (a.on.year * 12 + a.on.month - base)
            if a.social_workers and a.volunteers:
                joint[c] += 1

    stations: dict[str, list[Any]] = {}
    for s in directory.stations:
        if s.active_on(day):
            stations.setdefault(s.region, []).append(s)
    coverage = {code: len(found) for code, found in stations.items()}
    regulations = {
        code: len({r for s in found for r in s.regulations}) for code, found in stations.items()
    }

    staffing = next(t for t in plan.targets if isinstance(t, StationStaffing))
    work_target = next(t for t in plan.targets if isinstance(t, StationWorkRecords))
    pilot = {r.code for r in directory.regions if "pilot" in r.tags}
    township_stations = {
        s.id: code
        for code, found in stations.items()
        if len(code) == 9 and (code in pilot or code[:6] in pilot or code[:4] in pilot)
        for s in found
    }
    staff: dict[str, set[str]] = {}
    for post in directory.posts:
        where = township_stations.get(post.scope.key)
        if where is not None and post.role in staffing.roles and post.active_on(day):
            staff.setdefault(where, set()).add(post.person)
    w_first, w_last = window(day, work_target.months)
    work: dict[str, set[Any]] = {}
    for w in directory.station_work:
        where = township_stations.get(w.station)
        if where is not None and w_first <= w.on <= w_last:
            work.setdefault(where, set()).add(w.kind)

    charity: dict[tuple[str, str], int] = {}
    for target in plan.targets:
        if isinstance(target, CharityPresence):
            records = (
                directory.charity_funds
                if target.record is CharityRecord.FUND
                else [p for p in directory.charity_projects if p.kind in target.project_kinds]
            )
            for r in records:
                if r.active_on(day):
                    key = (target.id, r.region)
                    charity[key] = charity.get(key, 0) + 1
    return everything, part, masks, joint, coverage, regulations, staff, work, charity


def run(label: str, runs: int, **options: Any) -> Directory:
    start = time.perf_counter()
    directory = synth.province(seed=1, pilot_counties=25, staffed=True, **options)
    built = time.perf_counter() - start
    print(
        f"\n== {label}: {len(directory.communities()):,} communities, "
        f"{len(directory.organizations):,} organizations, "
        f"{len(directory.activities):,} activities (built in {built:.1f} s)"
    )

    def ours() -> Any:
        return evaluate(PLAN, directory, as_of=AS_OF)

    def cold() -> Any:
        return evaluate(PLAN, directory, as_of=AS_OF)

    def drop() -> None:
        # Before the timer: a first evaluation does not free another directory's index.
        _dated._INDEXES.clear()

    ours()  # the index, built once
    records_of(directory)  # the floors' records, made once
    fns: dict[str, Callable[[], Any]] = {
        "old": lambda: old_floor(directory),
        "fair": lambda: fair_floor(directory),
        "ours": ours,
    }
    if directory.activities:
        fns["old+act"] = lambda: old_floor_with_activities(directory)
    fns["cold"] = cold  # interleaved with the floors, as the warm runs are
    cpu: dict[str, list[float]] = {}
    found = timings(runs, fns, {"cold": drop}, cpu)
    ours()
    best = {k: min(v) for k, v in found.items()}
    median = {k: statistics.median(v) for k, v in found.items()}
    rows = [
        ("old floor (organizations per community)", "old"),
        ("old floor + a pass counting activities", "old+act"),
        ("fair floor (every count of the 14 targets)", "fair"),
        ("evaluate, index kept (warm)", "ours"),
        ("evaluate, index built first (cold)", "cold"),
    ]
    for text, key in rows:
        if key in best:
            print(f"{text:44s} best {ms(best[key])}  median {ms(median[key])}")
    for key, text in (
        ("old", "old floor"),
        ("old+act", "old floor + activities"),
        ("fair", "fair floor"),
    ):
        if key in best:
            print(
                f"evaluate / {text:24s} warm: best {best['ours'] / best[key]:.2f}x, "
                f"median {median['ours'] / median[key]:.2f}x; cold: best {best['cold'] / best[key]:.2f}x"
            )

    med = statistics.median
    for clock, times in (("wall", found), ("cpu", cpu)):
        per_round = [c / f for c, f in zip(times["cold"], times["fair"], strict=True)]
        warm = [c / f for c, f in zip(times["ours"], times["fair"], strict=True)]
        print(
            f"{clock:4s} per round, / fair floor: cold min {min(per_round):.2f}x, median "
            f"{med(per_round):.2f}x; warm min {min(warm):.2f}x, median {med(warm):.2f}x"
            + (
                f"  (cpu: fair best {ms(min(times['fair']))}, cold best {ms(min(times['cold']))})"
                if clock == "cpu"
                else ""
            )
        )
    print(f"(load average {os.getloadavg()[0]:.1f})")
    report = ours()
    print(f"findings: {len(report):,}   {report!r}")
    county = next(r.code for r in directory.regions if len(r.code) == 6)
    extras = {
        "findings, built on first read": lambda: evaluate(PLAN, directory, as_of=AS_OF).findings,
        "roll-ups, built on first read": lambda: evaluate(PLAN, directory, as_of=AS_OF).rollups(),
        "gaps(), all of them": lambda: evaluate(PLAN, directory, as_of=AS_OF).gaps(),
        f"iter_findings(within=one county {county})": lambda: list(
            evaluate(PLAN, directory, as_of=AS_OF).iter_findings(within=RegionCode(county))
        ),
    }
    for name, seconds in timings(max(3, runs // 5), extras).items():
        print(f"{name:44s} best {ms(min(seconds) - best['ours'])} (beyond evaluate)")
    cities = [r.code for r in directory.regions if len(r.code) == 4]
    parts = [evaluate(PLAN, directory, as_of=AS_OF, within=RegionCode(c)) for c in cities]
    merged = timings(max(3, runs // 5), {"merge": lambda: parts[0].merge(*parts[1:])})["merge"]
    print(f"merge of {len(parts)} city reports                        best {ms(min(merged))}")
    dates = [dt.date(2022, 6, 30), dt.date(2022, 12, 31), dt.date(2023, 6, 30), AS_OF]
    spent = timings(1, {"p": lambda: progress(PLAN, directory, dates)})["p"]
    print(f"progress at {len(dates)} dates                              {ms(min(spent))}")
    return directory


def _cpu() -> float:
    return time.process_time()


def loaded_run(rounds: int = 3) -> None:
    """Workers loading their counties from codec JSON files, against one process doing the
    same loading and evaluation, county by county; interleaved, ``rounds`` of each.

    The province is written to files and then dropped, so that neither side holds it
    (an app that outgrows one process does not: a held directory also makes every
    collection of the garbage collector walk it)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        print("\n== Dask, loaded: not installed (pip install 'wulian-core[dask]'), skipped")
        return
    import tempfile

    from wulian_core.dask import CountyFiles, evaluate_loaded
    from wulian_core.rules import evaluate_part

    with tempfile.TemporaryDirectory() as folder:
        directory = synth.province(
            seed=1, pilot_counties=25, staffed=True, activities_per_community=12
        )
        start = time.perf_counter()
        files = CountyFiles.write(directory, folder)
        written = time.perf_counter() - start
        expected = evaluate(PLAN, directory, as_of=AS_OF)
        del directory
        gc.collect()
        counties = files.counties()
        size = sum(p.stat().st_size for p in Path(folder).glob("*.json"))
        print(
            f"\n== Dask, loaded: the province with activities in {len(counties)} county files "
            f"of codec JSON, {size / 1e6:.0f} MB (written in {written:.1f} s); the report of "
            f"one process each time; load average {os.getloadavg()[0]:.1f}"
        )

        def one_process() -> Any:
            # What the workers do, for every county: load, evaluate, merge; and above.
            top = evaluate_part(PLAN, files.above(), as_of=AS_OF, above_counties=True)
            found = [evaluate_part(PLAN, files(c), as_of=AS_OF) for c in counties]
            return top.merge(*found)

        with (
            LocalCluster(
                n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
            ) as cluster,
            Client(cluster) as client,
        ):

            def on_dask() -> Any:
                return evaluate_loaded(
                    PLAN, counties, files, as_of=AS_OF, client=client, above=files.above()
                )

            assert on_dask() == expected  # a first run: the workers import the library
            assert one_process() == expected
            wall: dict[str, list[float]] = {"one": [], "dask": []}
            cpu: dict[str, list[float]] = {"one": [], "here": [], "workers": []}
            for n in range(rounds):  # who goes first alternates
                for name in ("one", "dask") if n % 2 == 0 else ("dask", "one"):
                    gc.collect()
                    before = client.run(_cpu)
                    start, used = time.perf_counter(), time.process_time()
                    (one_process if name == "one" else on_dask)()
                    wall[name].append(time.perf_counter() - start)
                    used = time.process_time() - used
                    after = client.run(_cpu)
                    if name == "one":
                        cpu["one"].append(used)
                    else:
                        cpu["here"].append(used)
                        cpu["workers"].append(max(after[w] - before[w] for w in after))
    ratios = [a / b for a, b in zip(wall["one"], wall["dask"], strict=True)]
    # If each worker had a core of its own: the busier worker's CPU, and this process's.
    path = [w + h for w, h in zip(cpu["workers"], cpu["here"], strict=True)]
    by_cpu = [a / b for a, b in zip(cpu["one"], path, strict=True)]
    med = statistics.median
    print(f"(load average {os.getloadavg()[0]:.1f} after the rounds)")
    print(
        f"one process, load and evaluate county by county  wall best {ms(min(wall['one']))}"
        f"  median {ms(med(wall['one']))};  cpu best {ms(min(cpu['one']))}"
    )
    print(
        f"evaluate_loaded, 2 workers load and evaluate     wall best {ms(min(wall['dask']))}"
        f"  median {ms(med(wall['dask']))};  cpu of the busier worker {ms(min(cpu['workers']))}"
        f" + here {ms(min(cpu['here']))}"
    )
    print(
        f"speed-up, wall clock per round: min {min(ratios):.2f}x, median {med(ratios):.2f}x, "
        f"max {max(ratios):.2f}x"
    )
    print(
        f"speed-up, cpu (one process / (busier worker + here)): min {min(by_cpu):.2f}x, "
        f"median {med(by_cpu):.2f}x, max {max(by_cpu):.2f}x"
    )


def dask_run(directory: Directory, runs: int) -> None:
    """On 2 worker processes against this one process: shipped each time, and kept."""
    try:
        from distributed import Client, LocalCluster, wait
    except ImportError:
        print("\n== Dask: not installed (pip install 'wulian-core[dask]'), skipped")
        return
    from wulian_core.dask import CountyParts, evaluate_partitioned

    def single_cold() -> Any:
        _dated._INDEXES.clear()
        return evaluate(PLAN, directory, as_of=AS_OF)

    def single_warm() -> Any:
        return evaluate(PLAN, directory, as_of=AS_OF)

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        start = time.perf_counter()
        once = evaluate_partitioned(PLAN, directory, as_of=AS_OF, client=client)
        shipped = time.perf_counter() - start
        assert once == single_cold()
        start = time.perf_counter()
        parts = CountyParts.scatter(directory, client)
        wait(parts.parts)
        scattered = time.perf_counter() - start
        start = time.perf_counter()
        first = parts.evaluate(PLAN, as_of=AS_OF)
        kept_cold = time.perf_counter() - start
        assert first == once
        found = timings(
            max(3, runs // 5),
            {
                "one, cold": single_cold,
                "one, warm": single_warm,
                "kept": lambda: parts.evaluate(PLAN, as_of=AS_OF),
            },
        )
    one_cold, one_warm = min(found["one, cold"]), min(found["one, warm"])
    kept = min(found["kept"])
    print("\n== Dask: LocalCluster, 2 worker processes, 1 thread each; the same report each time")
    print(f"evaluate in one process, cold (index built)    {ms(one_cold)}")
    print(f"evaluate in one process, warm (index kept)     {ms(one_warm)}")
    print(
        f"evaluate_partitioned (cut, ship, build, merge) {ms(shipped)}"
        f"   speed-up {one_cold / shipped:.2f}x over one cold process"
    )
    print(f"CountyParts.scatter (cut, ship, build), once   {ms(scattered)}")
    print(
        f"CountyParts.evaluate, first (indexes built)    {ms(kept_cold)}"
        f"   speed-up {one_cold / kept_cold:.2f}x over one cold process"
    )
    print(
        f"CountyParts.evaluate, again (best)             {ms(kept)}"
        f"   speed-up {one_warm / kept:.2f}x over one warm process"
    )


# -- the whole country, in a subprocess ------------------------------------------------------


def _status(field: str) -> int:
    """A ``/proc/self/status`` figure in bytes (VmRSS, VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


def _reset_peak() -> None:
    # Writing 5 to clear_refs resets VmHWM (the peak resident set) to the current one.
    Path("/proc/self/clear_refs").write_text("5")


def national_child(scale: float) -> None:
    gib = 1 << 30
    communities = int(600_000 * scale)
    start = time.perf_counter()
    directory = synth.province(
        seed=1,
        cities=30,
        counties_per_city=95,
        townships=int(39_000 * scale),
        communities=communities,
        organizations=int(6_000_000 * scale),
        pilot_counties=750,
        staffed=True,
        activities_per_community=12,
    )
    out: dict[str, Any] = {
        "communities": len(directory.communities()),
        "organizations": len(directory.organizations),
        "activities": len(directory.activities),
        "build_s": time.perf_counter() - start,
        "build_peak_gib": _status("VmHWM") / gib,
    }
    gc.collect()
    out["held_gib"] = _status("VmRSS") / gib
    _reset_peak()
    start, cpu = time.perf_counter(), time.process_time()
    report = evaluate(PLAN, directory, as_of=AS_OF)
    out["cold_s"] = time.perf_counter() - start
    out["cold_cpu_s"] = time.process_time() - cpu
    out["cold_peak_gib"] = _status("VmHWM") / gib
    del report
    gc.collect()
    _reset_peak()
    warm, warm_cpu = [], []
    for _ in range(3):
        start, cpu = time.perf_counter(), time.process_time()
        report = evaluate(PLAN, directory, as_of=AS_OF)
        warm.append(time.perf_counter() - start)
        warm_cpu.append(time.process_time() - cpu)
    out["warm_s"] = min(warm)
    out["warm_cpu_s"] = min(warm_cpu)
    out["warm_peak_gib"] = _status("VmHWM") / gib
    out["findings"] = len(report)
    records_of(directory)  # the floors' records, made once, after the evaluations' peaks
    start, cpu = time.perf_counter(), time.process_time()
    floor = old_floor(directory)
    out["old_floor_s"] = time.perf_counter() - start
    out["old_floor_cpu_s"] = time.process_time() - cpu
    del floor
    start, cpu = time.perf_counter(), time.process_time()
    floor = fair_floor(directory)
    out["fair_floor_s"] = time.perf_counter() - start
    out["fair_floor_cpu_s"] = time.process_time() - cpu
    del floor
    county = directory.communities()[0].code[:6]
    start = time.perf_counter()
    mine = list(report.iter_findings(within=RegionCode(county)))
    out["one_county_findings"] = len(mine)
    out["one_county_s"] = time.perf_counter() - start
    township = next(r.code for r in directory.regions_at(RegionLevel.TOWNSHIP))
    start = time.perf_counter()
    out["one_township_gaps"] = len(report.gaps(within=RegionCode(township)))
    out["one_township_gaps_s"] = time.perf_counter() - start
    out["end_peak_gib"] = _status("VmHWM") / gib
    print("NATIONAL " + json.dumps(out))


def national(scale: float) -> None:
    print(f"\n== the whole country x {scale:g}, in a subprocess")
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    result = subprocess.run(
        [sys.executable, __file__, "--national-child", str(scale)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("NATIONAL "))
    print(line)
    o = json.loads(line[len("NATIONAL ") :])
    print(
        f"{o['communities']:,} communities, {o['organizations']:,} organizations, "
        f"{o['activities']:,} activities: built in {o['build_s']:.1f} s "
        f"(synth.province; peak {o['build_peak_gib']:.2f} GiB), held in {o['held_gib']:.2f} GiB"
    )
    for name in ("cold", "warm"):
        print(
            f"evaluate, {name}: {o[name + '_s']:6.2f} s (cpu {o[name + '_cpu_s']:.2f} s), "
            f"peak {o[name + '_peak_gib']:.2f} GiB, {o[name + '_peak_gib'] - o['held_gib']:.2f} "
            "GiB above the directory"
        )
    print(
        f"cpu: old floor {o['old_floor_cpu_s']:.2f} s, fair floor {o['fair_floor_cpu_s']:.2f} s; "
        f"warm {o['warm_cpu_s'] / o['fair_floor_cpu_s']:.2f}x, "
        f"cold {o['cold_cpu_s'] / o['fair_floor_cpu_s']:.2f}x the fair floor"
    )
    print(
        f"old floor {o['old_floor_s']:.2f} s, fair floor {o['fair_floor_s']:.2f} s: "
        f"warm {o['warm_s'] / o['fair_floor_s']:.2f}x the fair floor, "
        f"cold {o['cold_s'] / o['fair_floor_s']:.2f}x"
    )
    print(
        f"{o['findings']:,} findings; one county's {o['one_county_findings']:,} read in "
        f"{o['one_county_s'] * 1000:.1f} ms; one township's gaps ({o['one_township_gaps']}) in "
        f"{o['one_township_gaps_s'] * 1000:.1f} ms; peak at the end {o['end_peak_gib']:.2f} GiB"
    )


def main() -> None:
    if "--national-child" in sys.argv:
        national_child(float(sys.argv[sys.argv.index("--national-child") + 1]))
        return
    print(f"python {' '.join(sys.argv)}")
    if "--national" in sys.argv:
        scale = float(sys.argv[sys.argv.index("--scale") + 1]) if "--scale" in sys.argv else 1.0
        national(scale)
        return
    runs = 5 if "--quick" in sys.argv else 15
    print(f"(runs: {runs}, best and median of each)")
    if "--loaded" in sys.argv:  # workers loading county files, alone
        loaded_run()
        return
    if "--dask" in sys.argv:  # the Dask comparisons alone
        options = {"pilot_counties": 25, "staffed": True, "activities_per_community": 12}
        dask_run(synth.province(seed=1, **options), runs)  # type: ignore[arg-type]
        loaded_run()
        return
    run("province", runs)
    directory = run("province with 12 activities per community", runs, activities_per_community=12)
    dask_run(directory, runs)
    del directory
    loaded_run()


if __name__ == "__main__":
    main()
