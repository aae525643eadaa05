"""Bytes an activity: a directory's activities as columns against the records.

    python bench/bench_activity_columns.py            # 1,000,000 activities
    python bench/bench_activity_columns.py 200000     # fewer

The activities of ``synth.kangbashi()`` given new ids, each record with sets and a title
of its own, as a directory read from a file has them. Records: ``sys.getsizeof`` of each
record, its sets and strings (the shared community codes and enum members left out).
Columns: ``Activities.nbytes()``, the buffers and arrays; the build's peak by
``tracemalloc``, with the records already held.
"""

from __future__ import annotations

import gc
import sys
import tracemalloc
from typing import Any

import attrs

from wulian_core import synth
from wulian_core.directory import Activities


def _deep(obj: Any, seen: set[int]) -> int:
    if id(obj) in seen:
        return 0
    seen.add(id(obj))
    size = sys.getsizeof(obj)
    if isinstance(obj, tuple | list | frozenset | set):
        size += sum(_deep(x, seen) for x in obj)
    elif attrs.has(type(obj)):
        size += sum(
            _deep(getattr(obj, a.name), seen)
            for a in attrs.fields(type(obj))
            if a.name not in ("community", "area", "on")  # shared or small, as in the columns
        )
    return size


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    base = list(synth.kangbashi().activities)
    records = [
        attrs.evolve(
            r,
            id=f"act-{i:07d}",
            title="".join(list(r.title)),  # a string of its own
            organisers=set(r.organisers),
            social_workers=set(r.social_workers),
            volunteers=set(r.volunteers),
        )
        for i, r in enumerate(base[i % len(base)] for i in range(n))
    ]
    held = _deep(tuple(records), set())
    gc.collect()
    tracemalloc.start()
    columns = Activities.of(records)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{n:,} activities")
    print(f"records: {held / n:.0f} bytes an activity")
    print(f"columns: {columns.nbytes() / n:.0f} bytes an activity (build peak {peak / n:.0f})")


if __name__ == "__main__":
    main()
