"""Foundation benchmarks: directory build, import time (the codec's: bench/bench_codec.py).

    python bench/bench_foundation.py            # both
    python bench/bench_foundation.py directory  # or: import
    python bench/bench_foundation.py import --against /path/to/other/checkout/src

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
from pathlib import Path
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


# -- 1b. the whole country, and how the build grows ------------------------------------------

NATIONAL_CODE = """
import datetime as dt, gc, resource, sys, time
from wulian_core import Directory, OrganizationCategory, Region, RegionCode, Registration
from wulian_core import SettlementKind, SocialOrganization, TownshipKind, collector_paused

communities, per_community, mode = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
# Near China's shape: 31 provinces, 10 cities each, 10 counties a city, townships of 15
# communities. Everything an app would read from its files is made as it is needed
# (a generator), so the peak is what the directory holds, not a copy of the inputs.
townships = max(1, communities // 15)
counties = max(1, townships // 13)
categories, registrations = list(OrganizationCategory), list(Registration)
days = [dt.date(2010, 1, 1) + dt.timedelta(days=d) for d in range(5000)]  # as a parser shares them


def regions():
    made = set()
    for t in range(townships):
        county = t % counties
        city = county // 10
        province = city // 10 + 11
        codes = (
            (f"{province}", 0),
            (f"{province}{city % 10 + 1:02d}", 0),
            (f"{province}{city % 10 + 1:02d}{county % 10 + 1:02d}", 0),
        )
        for code, _ in codes:
            if code not in made:
                made.add(code)
                yield Region(code=RegionCode(code), name="区划" + code)
        township = f"{codes[2][0]}{t // counties + 1:03d}"
        yield Region(code=RegionCode(township), name="镇" + township, township_kind=TownshipKind.TOWN)
        for c in range(communities // townships):
            code = f"{township}{c + 1:03d}"
            yield Region(code=RegionCode(code), name="社区" + code, settlement=SettlementKind.URBAN)


def organizations(codes):
    n = 0
    for code in codes:
        for _ in range(per_community):
            n += 1
            yield SocialOrganization(
                id=f"o{n}", name=f"组织{n}", community=code,
                category=categories[n % 5], registration=registrations[n % 2],
                established=days[n % 5000],
            )


def organization_columns(codes):
    # The same organizations as a column a field, each made as it is read (a generator),
    # as a cursor over a database's columns would give them.
    numbers = range(1, len(codes) * per_community + 1)
    return {
        "ids": (f"o{n}" for n in numbers),
        "names": (f"组织{n}" for n in numbers),
        "communities": (code for code in codes for _ in range(per_community)),
        "categories": (categories[n % 5] for n in numbers),
        "registrations": (registrations[n % 2] for n in numbers),
        "established": (days[n % 5000] for n in numbers),
    }


if mode == "gc off":
    gc.disable()
start = time.process_time()
if mode == "from_columns":
    from wulian_core.directory import Organizations

    region_list = list(regions())
    codes = [r.code for r in region_list if len(r.code) == 12]
    columns = organization_columns(codes)
    d = Directory(regions=region_list, organizations=Organizations.from_columns(**columns))
    del columns
elif mode == "collector_paused":
    with collector_paused(freeze=True):
        region_list = list(regions())
        codes = [r.code for r in region_list if len(r.code) == 12]
        d = Directory(regions=region_list, organizations=organizations(codes))
else:
    region_list = list(regions())
    codes = [r.code for r in region_list if len(r.code) == 12]
    d = Directory(regions=region_list, organizations=organizations(codes))
took = time.process_time() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(len(codes), len(d.organizations), took, rss * 1024, rss_before * 1024)
"""


def bench_national(communities: int = 600_000, per_community: int = 10) -> None:
    """The whole country in a fresh process per collector setting, and from columns of values
    (``Organizations.from_columns``, no record made): seconds and peak RSS."""
    print(
        f"national directory: {communities:,} communities, {communities * per_community:,}"
        " organizations (records and Directory; CPU seconds; peak RSS of the process)"
    )
    for mode in ("gc on", "gc off", "collector_paused", "from_columns"):
        out = subprocess.run(
            [sys.executable, "-c", NATIONAL_CODE, str(communities), str(per_community), mode],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        n_comm, n_org, took, rss, before = (
            int(out[0]),
            int(out[1]),
            float(out[2]),
            *map(int, out[3:]),
        )
        print(
            f"  {mode:<18} {n_comm:,} communities, {n_org:,} organizations: {took:6.1f} s,"
            f" {n_org and took / n_org * 1e6:5.2f} µs an organization, peak {rss / 2**30:5.2f} GiB"
            f" ({before / 2**20:.0f} MiB before building)"
        )


# -- 2. import time ----------------------------------------------------------------------------


def _import_times(statement: str, env: dict[str, str]) -> float:
    # CPU time of one fresh process around the statement: on a shared machine a process
    # waits for a core for longer than it imports, and wall time would measure the wait.
    code = f"import time; t = time.process_time(); {statement}; print(time.process_time() - t)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return float(out.stdout)


_THIRD_PARTY = "import attrs, cattrs, dateutil.relativedelta, dateutil.rrule, zoneinfo"
_STATEMENTS = {
    "base": _THIRD_PARTY,
    "package": "import wulian_core",
    "everything": "from wulian_core import *",
}


def bench_import(against: str | None = None, samples: int = 21) -> None:
    """Median of ``samples`` fresh processes, with bytecode cached and with every module compiled.

    With ``against`` (the ``src`` folder of another checkout, say the main branch's), that
    code is timed too, its processes taking turns with this code's, each with its own
    bytecode cache, so that both see the same load on the machine.
    """
    import os
    import tempfile

    here = Path(__file__).resolve().parents[1] / "src"  # this checkout's code
    trees = {f"this code ({here})": str(here)}
    if against:
        trees = {f"against ({against})": against, **trees}
    for caching in ("on", "off"):
        envs: dict[str, dict[str, str]] = {}
        with tempfile.TemporaryDirectory() as folder:
            for n, (name, path) in enumerate(trees.items()):
                env = {**os.environ, "PYTHONPYCACHEPREFIX": f"{folder}/{n}"}
                env.pop("PYTHONDONTWRITEBYTECODE", None)
                env["PYTHONPATH"] = path
                if caching == "on":  # fill the cache once, as an installed package has it
                    statement = f"{_THIRD_PARTY}; from wulian_core import *"
                    subprocess.run([sys.executable, "-c", statement], check=True, env=env)
                else:  # an empty cache that stays empty: every module compiled from source
                    env["PYTHONDONTWRITEBYTECODE"] = "1"
                envs[name] = env
            times: dict[tuple[str, str], list[float]] = {
                (name, what): [] for name in envs for what in _STATEMENTS
            }
            for _ in range(samples):  # the trees and statements take turns
                for name, env in envs.items():
                    for what, statement in _STATEMENTS.items():
                        times[name, what].append(_import_times(statement, env))
        print(f"import CPU time, bytecode cache {caching} (median of {samples} fresh processes)")
        for name in envs:
            base, package, everything = (
                statistics.median(times[name, what]) for what in _STATEMENTS
            )
            print(f"  {name}")
            print(f"    attrs + cattrs + dateutil + zoneinfo  {base * 1000:6.1f} ms")
            print(
                f"    import wulian_core                    {package * 1000:6.1f} ms"
                f"  ratio {package / base:.2f}x (target <= 1.3x)"
            )
            print(
                f"    from wulian_core import * (all names) {everything * 1000:6.1f} ms"
                f"  ratio {everything / base:.2f}x (target <= 1.5x)"
            )


if __name__ == "__main__":
    args = sys.argv[1:]
    against = None
    if "--against" in args:  # the src folder of another checkout, timed in turns with this one
        at = args.index("--against")
        against = args[at + 1]
        del args[at : at + 2]
    wanted = set(args) or {"directory", "import"}
    if "directory" in wanted:
        bench_directory()
    if "national" in wanted:  # not by default: minutes, and up to 3 GiB
        bench_national()
    if "growth" in wanted:
        for size in (2_000, 200_000):  # 20,000 and 2,000,000 organizations
            bench_national(size)
    if "import" in wanted:
        bench_import(against)
