"""Foundation benchmarks: directory build, import time (the codec's: bench/bench_codec.py).

    python bench/bench_foundation.py            # both
    python bench/bench_foundation.py directory  # or: import

Each comparison runs side by side in this one process (the import comparison in fresh
subprocesses, one per sample). Figures go to docs/performance.md.
"""

import gc
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any


def best_of(runs: int, fn: Callable[[], Any]) -> float:
    """The fastest of ``runs`` timings, in seconds (the least disturbed by the machine)."""
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


# -- 1. building a province-sized directory -------------------------------------------------


def bench_directory() -> None:
    from wulian_core import Directory, Region, SocialOrganization, Station, synth

    source = synth.province(seed=1)
    regions = [(r.code, r.name, r.township_kind, r.settlement, r.tags) for r in source.regions]
    orgs = [
        (o.id, o.name, o.community, o.category, o.registration, o.established, o.dissolved)
        for o in source.organizations
    ]
    stations = [
        (s.id, s.name, s.level, s.region, s.established, s.closed, s.regulations)
        for s in source.stations
    ]

    def ours() -> Directory:
        return Directory(
            regions=[
                Region(code=c, name=n, township_kind=t, settlement=s, tags=g)
                for c, n, t, s, g in regions
            ],
            organizations=[
                SocialOrganization(
                    id=i,
                    name=n,
                    community=c,
                    category=k,
                    registration=r,
                    established=e,
                    dissolved=d,
                )
                for i, n, c, k, r, e, d in orgs
            ],
            stations=[
                Station(id=i, name=n, level=lv, region=r, established=e, closed=c, regulations=g)
                for i, n, lv, r, e, c, g in stations
            ],
        )

    def plain_dicts() -> dict[str, Any]:
        # The same records as dicts, with the same integrity check and the same indexes:
        # parents exist, ids unique, each organization's community exists and is a community.
        by_code = {}
        for c, n, t, s, g in regions:
            by_code[c] = {"code": c, "name": n, "township_kind": t, "settlement": s, "tags": g}
        problems = []
        for c in by_code:
            parent = c[: {2: 0, 4: 2, 6: 4, 9: 6, 12: 9}[len(c)]]
            if parent and parent not in by_code:
                problems.append(c)
        by_id: dict[str, dict[str, Any]] = {}
        by_community: dict[str, list[dict[str, Any]]] = {}
        for i, n, c, k, r, e, d in orgs:
            record = {
                "id": i,
                "name": n,
                "community": c,
                "category": k,
                "registration": r,
                "established": e,
                "dissolved": d,
            }
            if i in by_id:
                problems.append(i)
            by_id[i] = record
            if c not in by_code or len(c) != 12:
                problems.append(i)
            by_community.setdefault(c, []).append(record)
        station_index = {}
        for i, n, lv, r, e, c, g in stations:
            if r not in by_code:
                problems.append(i)
            station_index[i] = {
                "id": i,
                "name": n,
                "level": lv,
                "region": r,
                "established": e,
                "closed": c,
                "regulations": g,
            }
        assert not problems
        return {"regions": by_code, "organizations": by_id, "stations": station_index}

    ours()  # warm up: interned codes, generated code paths
    t_ours = best_of(3, ours)
    t_dict = best_of(3, plain_dicts)
    print(
        f"directory: {len(regions):,} regions, {len(orgs):,} organizations, {len(stations):,} stations"
    )
    print(f"  ours (attrs records + Directory)  {t_ours * 1000:8.1f} ms")
    print(f"  plain dicts + same checks          {t_dict * 1000:8.1f} ms")
    print(f"  ratio ours / dicts                 {t_ours / t_dict:8.2f}x   (target <= 3x)")

    sample = orgs[:50_000]

    def memory(build: Callable[[], list[Any]]) -> float:
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.take_snapshot()
        kept = build()
        after = tracemalloc.take_snapshot()
        tracemalloc.stop()
        size = sum(s.size_diff for s in after.compare_to(before, "filename"))
        del kept
        return size / len(sample)

    per_org = memory(
        lambda: [
            SocialOrganization(
                id=i, name=n, community=c, category=k, registration=r, established=e, dissolved=d
            )
            for i, n, c, k, r, e, d in sample
        ]
    )
    per_dict = memory(
        lambda: [
            {
                "id": i,
                "name": n,
                "community": c,
                "category": k,
                "registration": r,
                "established": e,
                "dissolved": d,
            }
            for i, n, c, k, r, e, d in sample
        ]
    )
    print(
        f"  memory per organization: ours {per_org:.0f} B, dict {per_dict:.0f} B"
        f" (ratio {per_org / per_dict:.2f}; target < 1)"
    )


# -- 2. import time ----------------------------------------------------------------------------


def _import_time(statement: str, samples: int = 21) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    times = []
    for _ in range(samples):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        times.append(float(out.stdout))
    return statistics.median(times)


def bench_import() -> None:
    third_party = "import attrs, cattrs, dateutil.relativedelta, dateutil.rrule, zoneinfo"
    base = _import_time(third_party)
    package = _import_time("import wulian_core")
    everything = _import_time("from wulian_core import *")
    print("import time (median of 21 fresh processes)")
    print(f"  attrs + cattrs + dateutil + zoneinfo  {base * 1000:6.1f} ms")
    print(
        f"  import wulian_core                    {package * 1000:6.1f} ms"
        f"  ratio {package / base:.2f}x (target <= 1.3x)"
    )
    print(
        f"  from wulian_core import * (all names) {everything * 1000:6.1f} ms  ratio {everything / base:.2f}x"
    )


if __name__ == "__main__":
    wanted = set(sys.argv[1:]) or {"directory", "import"}
    if "directory" in wanted:
        bench_directory()
    if "import" in wanted:
        bench_import()
